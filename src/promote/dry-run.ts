// The dry run of run, step, promote and rollback: the same start decisions (the runner's
// decideStart) and the same machine transitions as the real command, every window assumed to
// pass, every VirtualService write sent as a server-side dry run and printed. No second planner:
// what it prints is what the command does when every step passes.
import { formatDuration } from '../input-parsers.js';
import { isFresh, planWindows } from './power-step.js';
import type { MachineEvent } from './machine.js';
import { describe, freshState, transition } from './machine.js';
import type { PromotionReport, PromotionState } from '../model.js';
import type { Settings } from '../settings.js';
import { canarySide, renderState } from './route-object.js';
import { windowsPending } from './strategy-run.js';
import { recordOf, stageText, windowLabel, windowTrafficOf } from './strategy-state.js';
import { oneLine } from '../one-line.js';
import { canaryStillRouted } from './finalize.js';
import { describeGate, gatesOf } from '../gates/spec.js';
import type { Run } from './runner.js';
import { keptRunning } from './run.js';

/**
 * The dry run: the same start decisions (decideStart) and the same machine transitions as the
 * real command, with every window assumed to pass; each write is sent as a server-side dry run
 * and printed. What it prints is what the command would do when every step passes.
 */
export async function dryRun(
  run: Run,
  decideStart: (
    run: Run,
    settings: Settings,
  ) => Promise<{ restart: string | null; adopted: PromotionState | null }>,
): Promise<PromotionReport> {
  const { kube, logger } = run.deps;
  const { settings, target } = run;
  // resolveTarget already sent the whole batch as a server-side dry run (its problems are errors).
  if (target.docs.length)
    logger.info(
      `[dry-run] the API server accepted all ${target.docs.length} documents (server-side dry run)`,
    );
  let state: PromotionState;
  if (settings.command === 'rollback') {
    await run.readVs();
    state = run.state ?? freshState(run.ctx(), run.liveWeight());
  } else {
    const { restart, adopted } = await decideStart(run, settings);
    if (restart !== null && run.state)
      logger.info(
        `[dry-run] would start a new promotion${target.canaryImage ? ` of ${target.canaryImage}` : ''} from the first step: ${restart}${run.state ? `; canary to 0% first (previous: ${describe(run.state)})` : ''}`,
      );
    state = restart !== null ? freshState(run.ctx(), 0) : (adopted ?? run.state ?? freshState(run.ctx(), 0));
  }
  if (
    settings.command === 'promote' &&
    settings.canaryImage &&
    target.canaryDeployment &&
    state.canaryImage !== settings.canaryImage
  ) {
    // As the real promote: an unfinished promotion's canary goes to 0% and the state names the
    // new image before the canary's template changes (write-ahead).
    const writeAhead = state.phase === 'in-progress' || state.phase === 'held';
    logger.info(
      `[dry-run] would ${writeAhead ? `move the canary to 0% and record ${oneLine(settings.canaryImage)} as a new promotion (previous: ${describe(state)}), then ` : ''}set ${oneLine(settings.canaryImage)} on the canary Deployment ${oneLine(target.canaryDeployment)} (unless it runs it already) and wait for its rollout`,
    );
    if (writeAhead) state = freshState(run.ctx(), 0);
  }
  // A strategy's judged windows before the weights: each write printed, each window assumed to pass.
  const walking = settings.command === 'run' || settings.command === 'step';
  if (walking && !state.strategy) {
    const rec = recordOf(settings.strategy);
    if (rec) state = { ...state, strategy: rec };
  }
  let windowsDone = 0;
  while (walking && windowsPending(state) && !(settings.command === 'step' && windowsDone > 0)) {
    const rec = state.strategy!;
    const next: PromotionState = { ...state, phase: 'in-progress', strategy: { ...rec, on: true } };
    if (run.vs) await kube.replace(renderState(run.vs, target, next), { dryRun: true });
    const traffic = windowTrafficOf(next);
    logger.info(
      `[dry-run] would write ${target.selection.virtualService}: ${stageText(next)}, then measure ${settings.intervalMs} ms — ${windowLabel(rec, rec.passed + 1)}${traffic?.canarySource === 'prometheus' ? ' (the canary judged on Prometheus destination metrics)' : traffic?.cohort ? ` (${Math.round(traffic.cohort.share * 100)}% of the load sent to match)` : ''}`,
    );
    const passed = rec.passed + 1;
    const done = passed >= rec.iterations;
    state = { ...next, strategy: { ...rec, passed, on: done ? rec.strategy === 'ab' : true } };
    windowsDone++;
  }
  if (settings.command === 'step' && windowsDone > 0) {
    logger.info(`[dry-run] then: held after ${windowsDone} judged window; run \`step\` again`);
    const report = run.report(null);
    await run.deps.reporter.final(report);
    return report;
  }
  const vsDoc = target.docs.find(
    (d) => d.object.kind === 'VirtualService' && d.object.metadata?.name === target.selection.virtualService,
  )?.object;
  const name = target.selection.virtualService;
  let t = transition(state, { type: 'begin', liveWeight: state.weight }, run.ctx());
  if (isFresh(state) && t.action.type === 'write' && ['run', 'step'].includes(settings.command)) {
    const baselineMs = await planWindows(run, { baseline: false });
    if (baselineMs > 0)
      logger.info(
        `[dry-run] would send ${formatDuration(baselineMs)} of load to stable alone before the canary's first traffic`,
      );
  }
  const windowMs = (step: number) => run.plannedMs.get(step) ?? settings.intervalMs;
  const simulated = (e: MachineEvent) => transition(t.state, e, run.ctx());
  let written = false; // the last write's line already says "then measure"
  let weightNow = state.weight; // what the route would send the canary before each write
  for (let guard = 0; guard < 1000; guard++) {
    const { action } = t;
    if (action.type === 'stop') {
      logger.info(`[dry-run] then: ${action.message}`);
      break;
    }
    if (action.type === 'write') {
      const w = t.state.weight;
      // As gates-step.ts: the gates of a weight increase run before it is written, never in a dry run.
      if (w > weightNow && ['run', 'step', 'promote'].includes(settings.command))
        for (const g of gatesOf(settings.gates, weightNow === 0 ? 'pre-rollout' : 'pre-step'))
          logger.info(
            `[dry-run] would run gate ${describeGate(g)} (${weightNow === 0 ? 'pre-rollout' : 'pre-step'}) before ${w}%; a failure rolls back like a failed check`,
          );
      weightNow = w;
      const base = run.vs ?? vsDoc;
      if (run.vs) await kube.replace(renderState(run.vs, target, t.state), { dryRun: true });
      else if (!base) logger.debug(`[dry-run] ${name} does not exist yet`);
      logger.info(
        action.then.type === 'measure'
          ? `[dry-run] would set ${name}: ${stageText(t.state)}, then measure ${windowMs(action.then.step)} ms`
          : `[dry-run] would set ${name}: ${stageText(t.state)} (${t.state.phase})`,
      );
      t = { state: t.state, action: action.then };
      written = true;
      continue;
    }
    if (action.type === 'measure') {
      if (!written)
        logger.info(`[dry-run] would measure ${windowMs(action.step)} ms at ${action.weight}% canary`);
      written = false;
      const now = run.iso();
      t = simulated({
        type: 'verdict',
        step: action.step,
        weight: action.weight,
        attempt: action.attempt,
        verdict: {
          outcome: 'pass',
          reasons: [],
          stable: null,
          canary: null,
          durationMs: windowMs(action.step),
        },
        startedAt: now,
        endedAt: now,
      });
      continue;
    }
    const what = {
      'promote-stable': `[dry-run] would give the stable Deployment ${target.stableDeployment ?? '?'} the canary's pod template and wait for it`,
      'scale-canary-down': `[dry-run] would scale the canary Deployment ${target.canaryDeployment ?? '?'} to 0`,
      'restore-stable': `[dry-run] would restore the stable Deployment ${target.stableDeployment ?? '?'}'s previous pod template`,
    }[action.type];
    const routed = action.type === 'scale-canary-down' ? await canaryStillRouted(run) : [];
    // Other routes still sending to the canary keep it running (finalize.ts scaleCanaryDown).
    const kept = `the canary Deployment ${target.canaryDeployment ?? '?'} would be left running: other routes still send traffic to its ${canarySide(target)}: ${routed.join('; ')}`;
    if (routed.length) {
      logger.warning(`[dry-run] ${kept}`);
      run.notices.push(`[dry-run] ${kept}`);
    } else logger.info(what);
    t = simulated(
      action.type === 'promote-stable'
        ? { type: 'stable-promoted' }
        : action.type === 'scale-canary-down'
          ? { type: 'canary-scaled-down' }
          : { type: 'stable-restored', why: action.why },
    );
    if (routed.length) t = keptRunning(t, kept);
  }
  const report = run.report(null);
  await run.deps.reporter.final(report);
  return report;
}
