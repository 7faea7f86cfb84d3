// The gates' place in a promotion: before the Run (run.ts) writes a canary weight above the
// one now written, the gates of that moment run (src/gates/run.ts): `pre-rollout` when the
// canary has 0% (it is about to get its first traffic), `pre-step` before every later
// increase. A failing gate becomes the step's `verdict` event (outcome fail) decided from the
// state as it is written now, so the machine rolls back (or holds) exactly as for a failed
// check and the new weight is never written; a cancel during a gate becomes `cancelled`.
// Only run, step and promote raise weights; rollback, status, cleanup and the post step never
// reach here. promote runs them once, before its one jump to 100%.
// In a lockstep run (`services`), the same moment is where a service meets the others
// (lockstep.ts): once its gates passed it waits until every service is ready for the same
// weight (or the finalize); another service's failure becomes this step's failing verdict
// (so all roll back), another's stop on purpose below it a `halt` (hold here).
import process from 'node:process';
import type { PromotionState } from '../model.js';
import { type GateMoment, runGates } from '../gates/run.js';
import { stepIndexOf } from '../plan.js';
import type { MachineEvent } from './machine.js';
import type { Run } from './run.js';
import { FINALIZE, FIRST_TRAFFIC, lockstepVerdict } from './lockstep.js';

const RAISING_COMMANDS = ['run', 'step', 'promote'];

/** The moment of a write of `next` over what the route has now, or null when it raises nothing. */
export function gateMoment(run: Run, next: PromotionState, firstTraffic = false): GateMoment | null {
  const weight = run.liveWeight();
  if (!RAISING_COMMANDS.includes(run.settings.command) || (next.weight <= weight && !firstTraffic))
    return null;
  if (next.phase === 'rolling-back' || next.phase === 'rolled-back') return null;
  const t = run.target;
  const steps = next.steps.length ? next.steps : run.settings.steps;
  return {
    phase: weight === 0 ? 'pre-rollout' : 'pre-step',
    command: run.settings.command,
    namespace: t.namespace,
    virtualService: t.selection.virtualService,
    route: String(t.selection.routeName ?? t.selection.routeIndex),
    stableSubset: t.selection.stable.subset,
    canarySubset: t.selection.canary.subset,
    stableWorkload: t.stableDeployment ?? t.selection.stable.subset,
    canaryWorkload: t.canaryDeployment ?? t.selection.canary.subset,
    canaryImage: next.canaryImage ?? t.canaryImage,
    weight,
    nextWeight: next.weight,
    step: Math.max(1, stepIndexOf(steps, next.weight)),
    steps,
    runId: run.holder,
    loadUrl: run.deps.loadUrl ?? run.settings.loadUrl,
    loadHost: run.settings.loadHost,
  };
}

type Stopped = { event: MachineEvent; base: PromotionState };

/** `next` with the weight and phase written now: what a refused raise is decided from (neither a rollback nor a hold raises the weight). */
function baseOf(run: Run, next: PromotionState, weight: number): PromotionState {
  return {
    ...next,
    weight,
    // Never finalizing or promoted: nothing of the finalize happened.
    phase: next.phase !== 'in-progress' && run.state?.phase === 'held' ? 'held' : 'in-progress',
  };
}

/**
 * Runs the gates due before `next` is written, then (lockstep) meets the other services. Null:
 * write it. Else the event to feed the machine instead, and the state to decide it from.
 */
export async function gatesBefore(
  run: Run,
  next: PromotionState,
  /** A strategy's first judged window (A/B route, mirror, preview): the canary's first traffic at 0% (strategy-run.ts). */
  firstTraffic = false,
): Promise<Stopped | null> {
  const gated = run.settings.gates.length ? await dueGates(run, next, firstTraffic) : null;
  if (gated) return gated;
  return run.deps.lockstep ? meetOthers(run, next, firstTraffic) : null;
}

/** The lockstep meeting of a write of `next`: a raise of the canary weight, a strategy's first traffic, or the finalize. */
export function meetingKey(run: Run, next: PromotionState, firstTraffic: boolean): number | null {
  if (!RAISING_COMMANDS.includes(run.settings.command)) return null;
  if (next.phase === 'rolling-back' || next.phase === 'rolled-back' || next.phase === 'held') return null;
  const now = run.state;
  if (firstTraffic) return FIRST_TRAFFIC;
  if (next.phase === 'finalizing' && now?.phase !== 'finalizing') return FINALIZE;
  if (next.phase === 'promoted' && next.weight > 0 && now?.phase !== 'promoted') return FINALIZE;
  return next.weight > run.liveWeight() ? next.weight : null;
}

async function meetOthers(run: Run, next: PromotionState, firstTraffic: boolean): Promise<Stopped | null> {
  const key = meetingKey(run, next, firstTraffic);
  if (key === null) return null;
  const base = baseOf(run, next, run.liveWeight());
  const startedAt = run.iso();
  try {
    const m = await run.deps.lockstep!.meet(key, run.deps.signal, (line) => run.log.info(line));
    if (m.go) return null;
    if (m.hold) return { event: { type: 'halt', why: m.message }, base };
    const steps = next.steps.length ? next.steps : run.settings.steps;
    return {
      event: {
        type: 'verdict',
        step: Math.max(1, stepIndexOf(steps, Math.min(100, next.weight))),
        weight: Math.min(100, next.weight),
        attempt: 1,
        verdict: lockstepVerdict(m.message, Math.min(100, next.weight)),
        startedAt,
        endedAt: run.iso(),
      },
      base,
    };
  } catch (err) {
    if (!run.deps.signal.aborted) throw err;
    return { event: { type: 'cancelled', why: run.cancelReason() }, base };
  }
}

async function dueGates(run: Run, next: PromotionState, firstTraffic: boolean): Promise<Stopped | null> {
  const m = gateMoment(run, next, firstTraffic);
  if (!m) return null;
  const base = baseOf(run, next, m.weight);
  const startedAt = run.iso();
  try {
    const verdict = await runGates(run.settings.gates, m, {
      logger: run.log,
      signal: run.deps.signal,
      cwd: run.deps.cwd ?? process.cwd(),
      env: process.env,
      proxy: run.settings.proxy,
    });
    if (!verdict || verdict.outcome === 'pass') return null;
    const event: MachineEvent = {
      type: 'verdict',
      step: m.step,
      weight: m.nextWeight,
      attempt: 1,
      verdict,
      startedAt,
      endedAt: run.iso(),
    };
    return { event, base };
  } catch (err) {
    if (!run.deps.signal.aborted) throw err;
    return { event: { type: 'cancelled', why: run.cancelReason() }, base };
  }
}
