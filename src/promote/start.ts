// How a run, step or promote starts from what the VirtualService holds (pure decisions, no
// I/O): the runner and the dry run both ask these, so the plan a dry run prints is the one the
// real command follows. See README.md ("Resuming, restarting and retrying").
import { IstioCanaryError } from '../errors.js';
import type { PromotionState } from '../model.js';
import { schedule } from '../plan.js';

/** A start refused before anything was written; the message says why and what to run instead. */
export class StartRefused extends IstioCanaryError {}

export interface StartFacts {
  /** `<namespace>/<name>` of the VirtualService. */
  vsName: string;
  canarySubset: string;
  stableDeployment: string | null;
  /** The canary weight the route has now. */
  liveWeight: number;
  /** The latest writer of the route other than istio-canary, when known. */
  otherWriter: string | null;
  takeOver: boolean;
}

/**
 * Canary weight on the route with no promotion recorded (someone set the weights by hand, or
 * removed the annotation): without take-over that is refused, naming the live weights; with
 * take-over the run starts from them (and probes before its first window). Null when there is
 * a recorded state or no canary traffic.
 */
export function unrecordedTraffic(state: PromotionState | null, f: StartFacts): string | null {
  if (state || f.liveWeight === 0) return null;
  return `${f.vsName} sends ${f.liveWeight}% to the canary subset ${f.canarySubset} (stable ${100 - f.liveWeight}%) but no promotion is recorded on it (no istio-canary.dev/state annotation)${f.otherWriter ? `; last other writer: ${f.otherWriter}` : ''}`;
}

/**
 * A new promotion after one that ended with `finalize: keep` (100% on the canary, the stable
 * Deployment still on the version before it) would send all traffic back to that older
 * stable. Refused, saying how to finish the kept promotion first. Null when not the case.
 */
export function keptPromotionRefusal(
  state: PromotionState | null,
  restarting: boolean,
  f: StartFacts,
): string | null {
  if (!restarting || !state || state.phase !== 'promoted' || state.weight === 0 || f.liveWeight === 0)
    return null;
  return `the last promotion on ${f.vsName}${state.canaryImage ? ` (${state.canaryImage})` : ''} ended with finalize: keep, so ${f.liveWeight}% is on the canary subset ${f.canarySubset} and the stable Deployment${f.stableDeployment ? ` ${f.stableDeployment}` : ''} still runs the version before it; a new promotion would send 100% back to that older stable. Nothing was written. Run \`promote\` with finalize: promote-stable first (stable takes the canary's pod template, then the traffic returns to it), then start the new promotion`;
}

/**
 * The schedule changed since the promotion recorded it: the new one applies from the next
 * weight above the current one. Says which weights of the new schedule are at or below the
 * current weight and were never judged (they are not gone back to), so that nothing is skipped
 * silently. Null when the schedule is unchanged (or the state recorded none).
 */
export function scheduleChange(state: PromotionState, steps: readonly number[]): string | null {
  const old = state.steps ?? [];
  if (!old.length || old.join(',') === steps.join(',')) return null;
  const judged = new Set(state.history.filter((h) => h.verdict.outcome === 'pass').map((h) => h.weight));
  const below = steps.filter((w) => w <= state.weight && !judged.has(w));
  const next = schedule(steps, state.weight)[0];
  return `steps changed from ${old.join(',')} to ${steps.join(',')} at ${state.weight}% canary: the new steps apply from ${next === undefined ? 'the end of the schedule' : `${next}%`}${below.length ? `; ${below.map((w) => `${w}%`).join(', ')} ${below.length === 1 ? 'is' : 'are'} at or below the current weight and will not be measured` : ''}`;
}

/**
 * A rolled-back promotion that never judged a step (the pre-traffic probe failed, the canary
 * did not roll out, it was cancelled or rolled back before its first verdict): run and step
 * try the same image again. One whose canary was judged and rolled back is not restarted by a
 * rerun of the same image (a workflow re-run must not re-promote a failed image).
 */
export function retriesUnjudged(state: PromotionState | null): string | null {
  if (!state || state.phase !== 'rolled-back' || state.history.length > 0) return null;
  return `the previous attempt${state.canaryImage ? ` of ${state.canaryImage}` : ''} was rolled back before any step was judged (${state.reason ?? 'no reason recorded'}); trying again`;
}

/** What run and step say when a finished promotion of the same image is not started again. */
export function finishedMessage(state: PromotionState, described: string, vsName: string): string {
  if (state.phase === 'rolled-back')
    return `${described}; ${state.canaryImage ?? 'this canary'} was judged and rolled back, so a rerun does not promote it again. A new promotion starts with a new canary-image; to judge the same image again, remove the recorded state first: kubectl annotate virtualservice -n ${vsName.split('/')[0]} ${vsName.split('/').slice(1).join('/')} istio-canary.dev/state-`;
  return `${described}; a new promotion starts with a new canary-image`;
}

/**
 * A new promotion (no recorded state) starts with all traffic on the declared stable subset:
 * the first write sets stable 100% / canary 0%, so declared subsets that are swapped (the
 * traffic on the "canary") would move every request onto the other version and let finalize
 * overwrite it. `weights` are the route's destinations as the command finds them (the
 * manifests' VirtualService when they hold it, else the live one). Null when stable has 100%,
 * or, in manifests, most of the route (a seed's starting split such as 80/20, which the
 * first write replaces by stable 100%, still says which subset has the traffic).
 */
export function stableNotCarrying(
  f: StartFacts & { stableSubset: string; route: string; source: string },
  weights: readonly { subset: string; weight: number }[],
): string | null {
  const stable = weights.find((w) => w.subset === f.stableSubset)?.weight ?? 0;
  if (stable === 100 || (f.source === 'in the manifests' && stable > 50)) return null;
  const carrying = weights.filter((w) => w.weight > 0).map((w) => `subset ${w.subset} has ${w.weight}%`);
  return `a new promotion on ${f.vsName} ${f.route} starts with all traffic on the stable subset, but the stable subset ${f.stableSubset} has ${stable}%${f.source === 'in the manifests' ? ' (at most 50%)' : ''} (${f.source}: ${carrying.join(', ') || 'no weighted destination'}). Nothing was written. Check stable-subset and canary-subset (are they swapped?); to start from these weights, run again with take-over: true`;
}
