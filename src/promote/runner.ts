// The promotion runner: the entry of every command (runPromotion). It resolves the target,
// takes the lease, decides how run, step and promote start (decideStart: a person's change, a
// new image, a kept promotion), applies the manifests, waits for the canary and proves the
// measurement, then hands over to the Run's drive loop (run.ts), which performs the state
// machine's actions; finalize lives in finalize.ts, the checks of the live route and subsets
// in guards.ts. `rollback` preempts and follows the live weight, not the state (rollbackNow);
// an error after writing began is recorded and reported (failed). All I/O goes through deps.
import { isFresh, planWindows } from './power-step.js';
import process from 'node:process';
import type { Settings } from '../settings.js';
import type { PromotionEvent, PromotionReport, PromotionState } from '../model.js';
import { ManifestError, applyManifests } from '../kube/manifests.js';
import { CONFLICT_RETRY } from '../kube/replace.js';
import { deploymentView } from '../kube/views.js';
import { refusePaused, waitForRollout } from '../kube/rollout.js';
import { withGroup } from '../log.js';
import { oneLine } from '../one-line.js';
import { rollbackHint } from '../lifecycle.js';
import { retry } from '../retry.js';
import { acquireLease } from './lease.js';
import {
  type MachineEvent,
  StateAnnotationError,
  describe,
  freshState,
  restartReason,
  transition,
} from './machine.js';
import { resolveTarget } from './target.js';
import { onRoute, refuseLiveSubsets, refuseOtherRoute, refuseSwappedStart } from './guards.js';
import { unprovenMeasurement } from './probe.js';
import { dryRun } from './dry-run.js';
import { legacyPodTemplateHash, podTemplateHash } from './template-hash.js';
import { StartRefused, keptPromotionRefusal, scheduleChange, unrecordedTraffic } from './start.js';
import { causeOf } from './cause.js';
import { atWeight, probeView, routeKindName } from './route-object.js';
import { canaryTemplate, liveCanaryTemplate, setLiveCanaryImage, templateDrift } from './canary-template.js';
import { refuseStrategy } from './strategy-check.js';
import { runStrategyWindows, windowsPending } from './strategy-run.js';
import { strategyChange } from './strategy-state.js';
import { keepLiveImages } from './finalize.js';
import { CHECKED, LockstepError, type Meeting } from './lockstep.js';
import {
  CancelledError,
  ConcurrentChangeError,
  HumanEditError,
  PromotionError,
  Run,
  type PromotionDeps,
} from './run.js';

export { podTemplateHash };
export {
  CANCEL_WRITE_BUDGET_MS,
  CancelledError,
  ConcurrentChangeError,
  HumanEditError,
  PromotionError,
  Run,
  newHolderId,
  type PromotionDeps,
} from './run.js';
export { PREVIOUS_TEMPLATE_ANNOTATION, finishInterrupted } from './finalize.js';

/**
 * Runs settings.command (run, step, promote, rollback, status) against the cluster behind
 * deps.kube and returns the full report (also passed to reporter.final). Input and manifest
 * problems throw before anything is written.
 */
export async function runPromotion(input: Settings, deps: PromotionDeps): Promise<PromotionReport> {
  const { kube, logger } = deps;
  let settings = input;
  if (
    settings.canaryImage &&
    (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')
  ) {
    // They change no canary: the image is not set, checked or recorded.
    logger.info(
      `${settings.command} ignores canary-image ${settings.canaryImage}: it does not change the canary`,
    );
    settings = { ...settings, canaryImage: null };
  }
  // finalize: git-pr is promote-stable in the cluster, then a pull request (git-finalize.ts).
  if (settings.finalize === 'git-pr') settings = { ...settings, finalize: 'promote-stable' };
  // Blue/green has one weight: the switch to 100% after the preview windows (strategy-run.ts).
  if (settings.strategy.strategy === 'blue-green' && ['run', 'step'].includes(settings.command))
    settings = { ...settings, steps: [100] };
  const target = await resolveTarget(settings, kube, {
    cwd: deps.cwd ?? process.cwd(),
    signal: deps.signal,
    logger,
    docs: deps.manifests,
  }).catch((err: unknown) => {
    if (!deps.signal.aborted || err instanceof ManifestError) throw err;
    const r: unknown = deps.signal.reason;
    throw new CancelledError(
      `cancelled (${r instanceof Error ? r.message : String(r)}) while reading the route, before this run changed anything (${causeOf(err)}); the canary is where it was`,
      { cause: err },
    );
  });
  const run = new Run(settings, deps, target);
  logger.info(
    `istio-canary ${settings.command}: ${routeKindName(target)} ${target.namespace}/${target.selection.virtualService} route ${oneLine(String(target.selection.routeName ?? target.selection.routeIndex))}, stable ${oneLine(target.selection.stable.subset)} (${oneLine(target.stableDeployment ?? '?')}), canary ${oneLine(target.selection.canary.subset)} (${oneLine(target.canaryDeployment ?? '?')})${target.canaryImage ? ` image ${oneLine(target.canaryImage)}` : ''}`,
  );

  if (settings.command === 'status' || settings.command === 'cleanup') {
    await run.readVs();
    const s = run.state;
    logger.info(
      s
        ? describe(s)
        : `no promotion recorded on ${target.selection.virtualService}; canary at ${run.liveWeight()}%`,
    );
    const what = run.edited(run.vs, s);
    if (what) logger.warning(what);
    const drift = await templateDrift(run);
    if (drift) {
      logger.warning(drift);
      run.notices.push(drift);
    }
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
  }

  // A paused canary or stable rolls out nothing: named before any write (and in a dry run).
  if (['run', 'step', 'promote'].includes(settings.command))
    await refusePaused(
      kube,
      target.namespace,
      [target.canaryDeployment, target.stableDeployment],
      target.docs,
      deps.signal,
    );
  // A strategy's bad combinations are named before anything is written (dry run included).
  if (settings.command === 'run' || settings.command === 'step') await refuseStrategy(run);
  // Checked before any write (and in a dry run): the inputs, the files, the edit itself.
  const gitPr =
    input.finalize === 'git-pr' && ['run', 'step', 'promote'].includes(settings.command)
      ? await (await import('./git-finalize.js')).prepareGitFinalize(input, run)
      : null;
  // Lockstep: nothing is written until every service got this far (and none clashes).
  const lockstep = ['run', 'step', 'promote'].includes(settings.command) ? deps.lockstep : undefined;
  if (lockstep)
    goOn(
      run,
      await lockstep.ready(
        {
          route: {
            namespace: target.namespace,
            kind: routeKindName(target),
            name: target.selection.virtualService,
          },
          deployments: [target.stableDeployment, target.canaryDeployment].map((d) =>
            d === null ? null : `${target.namespace}/${d}`,
          ),
        },
        deps.signal,
      ),
    );
  if (settings.dryRun) {
    const report = await dryRun(run, decideStart);
    return gitPr ? gitPr.afterDryRun(report) : report;
  }
  if (settings.command === 'promote' && settings.canaryImage && !target.canaryDeployment)
    throw new ManifestError([
      `promote with canary-image ${settings.canaryImage}: no canary Deployment to set it on (subset ${oneLine(target.selection.canary.subset)}); nothing was written`,
    ]);

  // rollback does not wait for a run that holds the lease: it takes the lease over (the run's
  // next renewal or write finds it lost) and writes weight 0 with optimistic concurrency.
  const preempt = settings.command === 'rollback';
  try {
    // A broken state annotation is reported before anything is written (rollback replaces it).
    await run.readVs(deps.signal).catch((err: unknown) => {
      if (!(preempt && err instanceof StateAnnotationError)) throw err;
    });
    // A promotion on another route, or a new one whose declared stable has no traffic, is
    // refused before the Lease (a write) is taken.
    refuseOtherRoute(run);
    if (!preempt) refuseSwappedStart(run, settings);
    // The Lease lives in the VirtualService's namespace: when the manifests create that
    // namespace, it is applied first, and only here: the batch applied later leaves it out.
    const nsDoc = target.docs.find(
      (d) => d.object.kind === 'Namespace' && d.object.metadata?.name === target.namespace,
    );
    const nsRef = { apiVersion: 'v1', kind: 'Namespace', name: target.namespace };
    if (nsDoc && !(await kube.get(nsRef, { signal: deps.signal }))) {
      await applyManifests(kube, [nsDoc], { logger, signal: deps.signal });
      run.applied.add(nsDoc);
    }
    // Lockstep: the Leases are taken one at a time, in the order of their route objects.
    if (lockstep) goOn(run, await lockstep.leaseTurn(deps.signal));
    run.lease = await acquireLease(kube, {
      namespace: target.namespace,
      virtualService: target.selection.virtualService,
      holder: run.holder,
      durationMs: deps.lease?.durationMs ?? 15_000,
      waitMs: preempt ? 0 : (deps.lease?.waitMs ?? 120_000),
      preempt,
      signal: deps.signal,
      logger,
      now: deps.clock ? () => deps.clock!.now() : undefined,
    });
    lockstep?.leased();
  } catch (err) {
    if (!deps.signal.aborted) throw err;
    throw new CancelledError(
      `${run.cancelReason(false)} before this run wrote any weight (${causeOf(err)}): ${run.whereCanary()}`,
      { cause: err },
    );
  }
  try {
    try {
      if (preempt) await rollbackNow(run);
      else await promote(run, settings);
    } catch (err) {
      throw await failed(run, err);
    }
  } finally {
    await run.lease.release(run.writes);
  }
  const report = gitPr ? await gitPr.finish(run, run.report(null)) : run.report(null);
  await deps.reporter.final(report);
  return report;
}

/**
 * rollback: weight 0 now, whatever holds the lease, whatever the state says (the live weight
 * decides: a person's move of the canary after a rollback or a promotion is rolled back too)
 * and whether the state parses (an unreadable one is replaced by a rolled-back state that keeps
 * its text in an event); a conflicting write is re-read and decided again.
 */
async function rollbackNow(run: Run): Promise<void> {
  await retry(
    async () => {
      let broken: StateAnnotationError | null = null;
      try {
        await run.readVs(run.writes);
      } catch (err) {
        if (!(err instanceof StateAnnotationError)) throw err;
        broken = err;
        run.state = null;
      }
      refuseOtherRoute(run);
      const live = run.liveWeight();
      if (broken) {
        const text = oneLine(broken.raw.length > 500 ? `${broken.raw.slice(0, 500)}…` : broken.raw);
        if (live === 0) {
          run.log.warning(
            `nothing to roll back: the canary has 0% on ${run.vsName}; ${broken.message} (annotation: ${text})`,
          );
          return;
        }
        const why = `rollback requested by ${run.holder}; ${broken.message.replace(/; remove it to start over$/, '')}, so it was replaced by this rolled-back state`;
        run.notices.push(`${why}; the unreadable annotation was: ${text}`);
        const state = {
          ...onRoute(run, freshState(run.ctx(), live)),
          phase: 'rolled-back' as const,
          weight: 0,
          reason: why,
          events: [{ at: run.iso(), message: `replaced an unreadable state annotation: ${text}` }],
        };
        await run.writeState(state);
        run.log.info(`rolled back: ${why}`);
        return;
      }
      const state = onRoute(run, run.state ?? freshState(run.ctx(), live));
      await run.drive(transition(state, { type: 'begin', liveWeight: live }, run.ctx()));
    },
    CONFLICT_RETRY,
    {
      signal: run.writes,
      retryable: (err) => err instanceof ConcurrentChangeError && !(err instanceof HumanEditError),
      onRetry: (err) => run.log.info(`rollback: ${(err as Error).message}; deciding again on the new state`),
    },
  );
}

/** How run, step and promote start (shared with the dry run): see start.ts. */
interface Start {
  /** Why this is a new promotion (null: the recorded one continues). */
  restart: string | null;
  /** The state taken over from weights set outside the promotion (take-over), else null. */
  adopted: PromotionState | null;
}

/**
 * Reads the route and decides how the command starts: a person's change or unrecorded canary
 * traffic (refused, or taken over), a new image or template (a restart), a kept promotion that
 * must be finished first, a changed schedule (logged). Writes nothing.
 */
async function decideStart(run: Run, settings: Settings): Promise<Start> {
  const { logger } = run.deps;
  await run.readVs();
  const walking = settings.command === 'run' || settings.command === 'step';
  // A rerun with another strategy than the one under way is refused (its route carries the
  // other strategy's writes); rollback, promote and status follow the recorded one.
  const otherStrategy = walking ? strategyChange(run.state, settings.strategy) : null;
  if (otherStrategy) throw new StartRefused(otherStrategy);
  const template = await canaryTemplate(run, settings);
  run.templateHash = template === null ? null : podTemplateHash(template);
  const facts = run.startFacts();
  refuseOtherRoute(run);
  refuseSwappedStart(run, settings);
  // A person's change of the weights wins (or is taken over) before anything is written.
  const edit = run.edited(run.vs, run.state);
  const orphan = unrecordedTraffic(run.state, facts);
  const what = edit ?? orphan;
  if (what && !settings.takeOver)
    throw new HumanEditError(
      `${what}. Nothing was written. To continue from the live weights${orphan ? ' (the measurement is probed before the first window)' : ''}, run again with take-over: true; to send all traffic to stable, run rollback.`,
    );
  let adopted: PromotionState | null = null;
  if (what) {
    logger.warning(`${what}; take-over: continuing from the live weights`);
    const base = run.state ?? freshState(run.ctx(), facts.liveWeight);
    adopted = {
      ...base,
      weight: facts.liveWeight,
      events: [...(base.events ?? []), { at: run.iso(), message: `take-over: ${what}` }],
    };
    run.state = adopted;
  }
  // run/step: a new image or template starts over. promote: a finished promotion of another
  // image is a new one for the image named (an unfinished one just takes the new image).
  const finished = run.state?.phase === 'promoted' || run.state?.phase === 'rolled-back';
  // A state written before the whole template counted is compared by the hash it used.
  const compared =
    template !== null && run.state?.templateHash === legacyPodTemplateHash(template)
      ? run.state.templateHash
      : run.templateHash;
  const restart =
    walking || (settings.command === 'promote' && settings.canaryImage && finished)
      ? restartReason(run.state, run.target.canaryImage, walking ? compared : null)
      : null;
  const kept = keptPromotionRefusal(run.state, restart !== null, facts);
  if (kept) throw new StartRefused(kept);
  const s = run.state;
  if (
    settings.command === 'promote' &&
    settings.canaryImage &&
    s &&
    (s.phase === 'finalizing' || s.phase === 'rolling-back') &&
    s.canaryImage !== settings.canaryImage
  )
    throw new StartRefused(
      `promote: the promotion on ${run.vsName}${s.canaryImage ? ` of ${oneLine(s.canaryImage)}` : ''} is ${s.phase}; its canary is not changed to ${oneLine(settings.canaryImage)} before it ends. Nothing was written. Run \`promote\` without canary-image (or \`rollback\`) to finish it first`,
    );
  if (
    settings.command === 'promote' &&
    s &&
    (s.phase === 'in-progress' || s.phase === 'held') &&
    compared &&
    s.templateHash &&
    compared !== s.templateHash &&
    (!settings.canaryImage || settings.canaryImage === s.canaryImage)
  )
    throw new StartRefused(
      `promote: the canary pod template of ${run.target.namespace}/${run.target.canaryDeployment} changed since this promotion judged it (hash ${s.templateHash} → ${compared}), so promote would send 100% to a template no step measured. Nothing was written. Run \`step\` or \`run\` to judge it from the first step, or \`rollback\``,
    );
  const change = walking && !restart && s ? scheduleChange(s, settings.steps) : null;
  if (change) logger.warning(change);
  return { restart, adopted };
}

/** run, step and promote, under the lease. */
async function promote(run: Run, settings: Settings): Promise<void> {
  const { kube, logger } = run.deps;
  const { target, deps } = run;
  const { restart, adopted } = await decideStart(run, settings);
  const walking = settings.command === 'run' || settings.command === 'step';
  // What the subsets select is read from the live DestinationRules (after the apply for run
  // and step, whose manifests may change them): a window must measure the canary's pods.
  if (!walking) await refuseLiveSubsets(run, false);
  let fresh = restart !== null;
  const moves = !(run.state?.phase === 'finalizing' || (run.state?.phase === 'promoted' && !fresh));
  if (settings.command === 'promote' && target.canaryDeployment && moves) {
    // promote moves 100% to the canary before stable takes its template: never onto no pods.
    const canary = await kube.get(run.deploymentRef(target.canaryDeployment), { signal: deps.signal });
    const replicas = deploymentView(canary).replicas;
    if (replicas === 0)
      throw new ManifestError([
        `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas, so 100% of the traffic would have no pod to go to; nothing was written. Run \`run\` or \`step\` (which apply the manifests) first, or scale it up`,
      ]);
  }
  // Lockstep: no service writes before every one decided how it starts.
  if (deps.lockstep) goOn(run, await deps.lockstep.meet(CHECKED, deps.signal, (l) => logger.info(l)));
  let restarted: PromotionState | null = null;
  // Write-ahead: traffic off the canary before its template changes, and the state names the
  // new image and template at once: the new template is judged from the first step, and a
  // kill from here on leaves a state that tells the truth (a rerun resumes the new promotion).
  const restartNow = async (why: string, message: string): Promise<PromotionState | null> => {
    const previous = describe(run.state!);
    logger.info(`${message}: ${why} (previous: ${previous})`);
    const events: PromotionEvent[] = [
      { at: run.iso(), message: `new promotion from the first step: ${why} (previous: ${previous})` },
    ];
    await run.writeState({ ...onRoute(run, freshState(run.ctx(), 0)), events });
    return run.state;
  };
  if (fresh && run.state)
    restarted = await restartNow(
      restart!,
      `starting a new promotion for ${oneLine(target.canaryImage ?? 'the canary')}`,
    );
  if (
    settings.command === 'promote' &&
    settings.canaryImage &&
    target.canaryDeployment &&
    (run.state?.phase === 'in-progress' || run.state?.phase === 'held') &&
    !restarted &&
    (await liveCanaryTemplate(run, deps.signal))?.image !== settings.canaryImage
  )
    // An unfinished promotion of another image (or one whose image was changed by hand): the
    // canary changes, so the old judgement no longer applies to it.
    restarted = await restartNow(
      `promote sets ${oneLine(settings.canaryImage)} on the canary; canary to 0% before its image changes`,
      `promote: a new canary image ${oneLine(settings.canaryImage)}`,
    );
  if (walking && (fresh || run.state?.phase === 'in-progress' || run.state?.phase === 'held')) {
    // A fresh promotion applies everything, with the route's canary weight at 0 (the schedule
    // owns the weights). A resumed one keeps the live VirtualService: its weights and state.
    const liveStable = target.stableDeployment
      ? await kube.get(run.deploymentRef(target.stableDeployment), { signal: deps.signal })
      : null;
    const docs = target.docs.flatMap((d) => {
      const o = d.object;
      if (run.applied.has(d)) return [];
      if (o.kind === 'Deployment' && liveStable && o.metadata?.name === target.stableDeployment)
        return [{ ...d, object: keepLiveImages(o, liveStable, logger) }];
      if (o.kind !== routeKindName(target) || o.metadata?.name !== target.selection.virtualService)
        return [d];
      return fresh ? [{ ...d, object: atWeight(o, target, 0) }] : [];
    });
    if (docs.length) await applyManifests(kube, docs, { logger, signal: deps.signal });
    if (
      settings.canaryImage &&
      target.canaryDeployment &&
      !target.docs.some(
        (d) => d.object.kind === 'Deployment' && d.object.metadata?.name === target.canaryDeployment,
      )
    )
      await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
    await run.readVs();
    await refuseLiveSubsets(run, docs.length > 0);
    refuseOtherRoute(run);
    // The template judged from here on is the live one, read back after the apply: another
    // writer (or a field the apply does not own) may make it differ from what was decided on.
    const after = await liveCanaryTemplate(run, deps.signal);
    if (after && after.hash !== run.templateHash) {
      logger.debug(`canary pod template after the apply: hash ${after.hash} (expected ${run.templateHash})`);
      run.templateHash = after.hash;
      const recorded = (restarted ?? run.state)?.templateHash;
      if (restarted) restarted = { ...restarted, templateHash: after.hash };
      else if (run.state && recorded && recorded !== after.hash && recorded !== after.legacy) {
        fresh = true;
        restarted = await restartNow(
          `the canary pod template changed (hash ${recorded} → ${after.hash})`,
          `starting a new promotion for ${oneLine(target.canaryImage ?? 'the canary')}`,
        );
      }
    }
    // A new promotion with nothing recorded before starts from the weights just applied; a
    // taken-over one from the live weights it adopted.
    if (fresh && !restarted) run.state = null;
    else if (adopted && !restarted) run.state = adopted;
  }
  if (settings.command === 'promote' && settings.canaryImage && target.canaryDeployment) {
    // promote names an image: the canary runs it (set and rolled out) before it is promoted.
    let changed = false;
    try {
      changed = await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
      if (changed)
        logger.info(
          `promote: set ${oneLine(settings.canaryImage)} on ${target.canaryContainer ? `container ${oneLine(target.canaryContainer)} of ` : ''}the canary Deployment ${oneLine(target.canaryDeployment)}; waiting for its rollout before promoting it`,
        );
      // Also when it ran the image already: an interrupted promote may have left it mid-rollout.
      await waitForRollout(
        kube,
        { name: target.canaryDeployment, namespace: target.namespace },
        { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal },
      );
    } catch (err) {
      if (!changed && !restarted) throw err;
      // The canary changed and did not become available: whatever traffic it had goes back to
      // stable (whatever on-failure says: no step ever judged this image), and the state says why.
      const base = {
        ...onRoute(run, run.state ?? freshState(run.ctx(), run.liveWeight())),
        canaryImage: settings.canaryImage,
        templateHash: run.templateHash,
      };
      const event: MachineEvent = deps.signal.aborted
        ? { type: 'cancelled', why: run.cancelReason() }
        : {
            type: 'error',
            message: `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} did not roll out ${settings.canaryImage}: ${(err as Error).message}; traffic back to stable`,
          };
      const t = transition(base, event, { ...run.ctx(), onFailure: 'rollback', onCancel: 'rollback' });
      run.noteFailure(event, t);
      await run.drive(t);
      return;
    }
    // The template promoted is the live one, read back after the change.
    const after = await liveCanaryTemplate(run, deps.signal);
    if (after) run.templateHash = after.hash;
    if (restarted) restarted = { ...restarted, templateHash: run.templateHash };
    if (run.state && run.state.canaryImage !== settings.canaryImage)
      run.state = { ...run.state, canaryImage: settings.canaryImage, templateHash: run.templateHash };
  }
  const state = onRoute(run, restarted ?? run.state ?? freshState(run.ctx(), run.liveWeight()));
  let first = transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
  const begun = first;
  if (
    walking &&
    target.canaryDeployment &&
    (first.action.type === 'measure' || first.action.type === 'write')
  ) {
    try {
      await withGroup(logger, `canary rollout: ${target.namespace}/${target.canaryDeployment}`, async () => {
        logger.info(
          `waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`,
        );
        await waitForRollout(
          kube,
          { name: target.canaryDeployment!, namespace: target.namespace },
          { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal },
        );
        // A Deployment scaled to 0 is "complete" to Kubernetes, but a canary with no pod would
        // turn every request routed to it into a 503.
        const live = await kube.get(run.deploymentRef(target.canaryDeployment!), { signal: deps.signal });
        const replicas = deploymentView(live).replicas;
        if (replicas === 0)
          throw new Error(
            `the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas: traffic routed to it would only get 503; scale it up (or let the manifests set its replicas) and run again`,
          );
        logger.info(`canary Deployment ${target.canaryDeployment} is available`);
      });
    } catch (err) {
      const event: MachineEvent = deps.signal.aborted
        ? { type: 'cancelled', why: run.cancelReason() }
        : { type: 'error', message: `canary rollout: ${(err as Error).message}` };
      first = transition(state, event, run.ctx());
      run.noteFailure(event, first);
    }
  }
  // Nothing moves until the measurement is proven (load path, Prometheus, Services): see probe.ts.
  const unproven = await unprovenMeasurement(first, {
    kube,
    metrics: deps.metrics,
    virtualService: probeView(run.vs ?? {}, target),
    routeIndex: target.selection.routeIndex,
    namespace: target.namespace,
    stableWorkload: target.stableDeployment ?? target.selection.stable.subset,
    liveWeight: run.liveWeight(),
    signal: deps.signal,
    logger,
  });
  if (unproven) {
    first = transition(state, unproven, run.ctx());
    run.noteFailure(unproven, first);
  }
  // A fresh promotion: the power plan, then stable-only load before the canary's first traffic.
  if (walking && first === begun && isFresh(state) && first.action.type === 'write')
    await planWindows(run, { baseline: true });
  // A strategy's judged windows (A/B, mirror, preview) come before the first weight.
  if (
    walking &&
    first === begun &&
    windowsPending(state) &&
    (first.action.type === 'write' || first.action.type === 'measure')
  ) {
    run.current = state;
    first = await runStrategyWindows(run, state);
  }
  await run.drive(first);
}

/** A lockstep meeting before anything was written that did not let this service go on: stop, naming why. */
function goOn(run: Run, meeting: Meeting): void {
  if (meeting.go) return;
  throw new LockstepError(
    `${run.settings.command} of ${routeKindName(run.target)} ${run.vsName}: ${meeting.message}; nothing was written`,
  );
}

/**
 * An unrecoverable error mid-run (the API gone after the retries, a bug, a cancel whose writes
 * could not be made): unless another writer took over, roll back (or hold) best effort so the
 * state says why, post the report, and return a PromotionError carrying it. After a cancel its
 * message says where the canary is (the confirmed weight, a write never confirmed) and the
 * command that rolls it back.
 */
async function failed(run: Run, err: unknown): Promise<PromotionError> {
  const cancelled = run.deps.signal.aborted;
  const cause = causeOf(err);
  // Not logged here: the error returned is printed once by whoever runs the command (the CLI's
  // `error:` line, the action's setFailed, the post step's message).
  // Only a run that got as far as driving the machine has something to roll back or hold; it
  // decides from the last state the server confirmed (the intended one may never have landed).
  const state = run.current ? run.state : null;
  if (err instanceof ConcurrentChangeError) {
    // Someone else's state or weights: report them as the server has them, write nothing.
    try {
      await run.readVs(run.writes);
      run.current = run.state;
    } catch {
      // the last answer stands
    }
  } else if (state && run.vs && !(state.phase === 'rolled-back' && state.weight === 0)) {
    const t = transition(state, { type: 'error', message: cause }, run.ctx());
    try {
      if (t.action.type === 'write') await run.writeState(t.state);
      else if (t.action.type !== 'stop') await run.drive(t);
    } catch (again) {
      run.current = run.state;
      if (!cancelled)
        run.deps.logger.error(
          `could not record the failure on the VirtualService (${causeOf(again)}); ${run.whereCanary()}`,
        );
    }
  } else if (run.current && run.current !== run.state) {
    run.current = run.state;
  }
  const message = cancelled
    ? `${run.cancelReason(false)}; the run could not finish (${cause}): ${run.whereCanary()}. To roll back, run: ${rollbackHint(run.settings)}`
    : cause;
  if (cancelled) run.deps.logger.error(message);
  const base = run.report(null);
  const report = { ...base, reason: base.reason ?? message };
  try {
    await run.deps.reporter.final(report);
  } catch (e) {
    run.deps.logger.warning(`final report failed: ${(e as Error).message}`);
  }
  return new PromotionError(message, report, { cause: err });
}
