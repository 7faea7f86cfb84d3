// The promotion state machine: pure transitions (state + event → new state + next action).
// The runner performs the actions (writes, measurements, finalize) and feeds back events.
//
// State semantics (stored in the VirtualService annotation with the weights):
// - `weight` is the canary weight written now; `history` holds every judged step.
// - A step is done only when its passing verdict is in `history`; `step` counts done steps.
// - A weight above the last passed step's weight is a step written but not judged yet: a rerun
//   measures it again at that weight (never lowers it, never re-does a passed step).
// - Writing weight N+1 records step N's verdict in the same update: one write per weight step.
// - Inconclusive verdicts: the window is measured once more; inconclusive twice counts as a failure.
// - Finalize (promote-stable) is phase `finalizing` from the first write at 100% until the canary
//   is scaled down: at weight 100 the stable template is being replaced (its previous template
//   is kept on the stable Deployment), at weight 0 stable runs the canary's template and takes
//   all traffic, only the canary's scale-down is left. A rerun completes it; a rollback, a
//   cancel or an error before weight 0 restores the previous stable template first.
import type {
  Phase,
  PromotionState,
  PromotionStatus,
  StepRecord,
  StrategyRecord,
  Verdict,
} from '../model.js';
import { strategyName } from './strategy-state.js';
import type { Command, FailureMode, FinalizeMode } from '../settings.js';
import { schedule, stepIndexOf } from '../plan.js';
import { IstioCanaryError } from '../errors.js';
import { finishedMessage, retriesUnjudged, scheduleChange } from './start.js';

/** The state annotation cannot be read (not JSON, or not a state); `raw` is its text. */
export class StateAnnotationError extends IstioCanaryError {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
  }
}

export interface MachineContext {
  command: Command;
  steps: readonly number[];
  finalize: FinalizeMode;
  onFailure: FailureMode;
  onCancel: FailureMode;
  runId: string;
  canaryImage: string | null;
  /** Hash of the canary's whole pod template (template-hash.ts), when known. */
  templateHash?: string | null;
  /** `<namespace>/<name>` of the VirtualService, for messages. */
  vsName?: string;
  now: string;
}

export type Action =
  /** Write `state.weight` and the state annotation in one VirtualService update, then continue with `then`. */
  | { type: 'write'; then: Action }
  /** Measure the window of a step at its weight; `attempt` 2 is the extension after an inconclusive verdict. */
  | { type: 'measure'; step: number; weight: number; attempt: number }
  /** promote-stable: give the stable Deployment the canary's pod template and wait for it. */
  | { type: 'promote-stable' }
  /** Scale the canary Deployment to 0 (after traffic is back on the promoted stable). */
  | { type: 'scale-canary-down' }
  /** Put the stable Deployment's template from before promote-stable back (an unfinished finalize rolled back). */
  | { type: 'restore-stable'; why: string }
  | { type: 'stop'; message: string };

export type MachineEvent =
  | { type: 'begin'; liveWeight: number }
  | {
      type: 'verdict';
      step: number;
      weight: number;
      attempt: number;
      verdict: Verdict;
      startedAt: string;
      endedAt: string;
    }
  | { type: 'cancelled'; why: string }
  /** Stop here on purpose, not a failure: another service of a lockstep run stopped below the next weight. */
  | { type: 'halt'; why: string }
  | { type: 'error'; message: string }
  | { type: 'stable-promoted' }
  | { type: 'canary-scaled-down' }
  | { type: 'stable-restored'; why: string };

export interface Transition {
  state: PromotionState;
  action: Action;
}

const TERMINAL: readonly Phase[] = ['promoted', 'rolled-back'];

export function statusOf(phase: Phase): PromotionStatus {
  switch (phase) {
    case 'promoted':
      return 'promoted';
    case 'rolled-back':
      return 'rolled-back';
    case 'held':
      return 'held';
    default:
      return 'in-progress';
  }
}

/** A new promotion starting from the weight the route has now. */
export function freshState(ctx: MachineContext, liveWeight: number): PromotionState {
  return {
    phase: 'in-progress',
    weight: liveWeight,
    step: 0,
    steps: [...ctx.steps],
    canaryImage: ctx.canaryImage,
    templateHash: ctx.templateHash ?? null,
    runId: ctx.runId,
    startedAt: ctx.now,
    updatedAt: ctx.now,
    reason: null,
    history: [],
    events: [],
  };
}

/**
 * Why this run is a new promotion rather than a continuation of the stored one: null to
 * continue. A finished promotion starts over for a new canary image or pod template; an
 * unfinished one (in progress or held) too, from its first step, so that a new image is never
 * judged by the old image's passed steps. A finalize or rollback under way is finished first.
 */
export function restartReason(
  state: PromotionState | null,
  canaryImage: string | null,
  templateHash: string | null = null,
): string | null {
  if (!state) return 'no promotion recorded';
  if (state.phase === 'finalizing' || state.phase === 'rolling-back') return null;
  const terminal = TERMINAL.includes(state.phase);
  if (canaryImage !== null && state.canaryImage !== null && canaryImage !== state.canaryImage)
    return `the canary image changed from ${state.canaryImage} to ${canaryImage}`;
  if (terminal && canaryImage !== null && state.canaryImage === null)
    return `a new canary image ${canaryImage}`;
  if (templateHash && state.templateHash && templateHash !== state.templateHash)
    return `the canary pod template changed (hash ${state.templateHash} → ${templateHash})`;
  return retriesUnjudged(state);
}

/** Whether this run starts a new promotion rather than continuing the stored one. */
export function startsFresh(
  state: PromotionState | null,
  canaryImage: string | null,
  templateHash: string | null = null,
): boolean {
  return restartReason(state, canaryImage, templateHash) !== null;
}

const passedWeight = (s: PromotionState): number =>
  s.history.filter((h) => h.verdict.outcome === 'pass').reduce((m, h) => Math.max(m, h.weight), 0);

/** Only run and step walk a schedule: rollback, promote and the post step keep the recorded steps. */
const walks = (ctx: MachineContext): boolean => ctx.command === 'run' || ctx.command === 'step';

const update = (s: PromotionState, ctx: MachineContext, patch: Partial<PromotionState>): PromotionState => ({
  ...s,
  ...patch,
  steps: walks(ctx) || !s.steps.length ? [...ctx.steps] : [...s.steps],
  runId: ctx.runId,
  updatedAt: ctx.now,
});

const write = (state: PromotionState, then: Action): Transition => ({
  state,
  action: { type: 'write', then },
});
const stop = (state: PromotionState, message: string): Action => ({ type: 'stop', message });

/** After the current weight is judged (or when it needs no judging): where the schedule goes next. */
function advance(s: PromotionState, ctx: MachineContext, justPassed: boolean): Transition {
  const pending = s.weight > passedWeight(s) && s.weight > 0;
  if (pending) {
    // Written but not judged (a crash or cancel mid-step): judge it at the same weight.
    return {
      state: s,
      action: { type: 'measure', step: stepIndexOf(ctx.steps, s.weight), weight: s.weight, attempt: 1 },
    };
  }
  const next = schedule(ctx.steps, s.weight)[0];
  if (next !== undefined && (ctx.command === 'run' || !justPassed)) {
    const step = stepIndexOf(ctx.steps, next);
    const state = update(s, ctx, { phase: 'in-progress', weight: next, reason: null });
    return write(state, { type: 'measure', step, weight: next, attempt: 1 });
  }
  if (next !== undefined) {
    // `step`: one step per invocation; record the verdict and hold for the next invocation
    // (held, not in-progress: in-progress always means a run is walking, see finishInterrupted).
    const reason = `step ${s.step}/${ctx.steps.length} passed at ${s.weight}%; run \`step\` again for ${next}%`;
    const state = update(s, ctx, { phase: 'held', reason });
    return write(state, stop(state, reason));
  }
  if (s.weight >= 100) return finalize(s, ctx);
  // The schedule ends below 100: the promotion holds there until `promote` or `rollback`.
  const reason = `the schedule ends at ${s.weight}% canary; run \`promote\` to go to 100% or \`rollback\``;
  const state = update(s, ctx, { phase: 'held', reason });
  return justPassed || s.phase !== 'held'
    ? write(state, stop(state, reason))
    : { state: s, action: stop(s, reason) };
}

function finalize(s: PromotionState, ctx: MachineContext): Transition {
  if (ctx.finalize === 'keep') {
    const state = update(s, ctx, { phase: 'promoted', weight: 100, reason: null });
    return write(state, stop(state, 'promoted: 100% on the canary (finalize: keep)'));
  }
  // Always written before stable is touched, even at 100% already: a kill, a rollback or the
  // post step must find `finalizing` (and so restore the saved stable template), never an
  // in-progress state while stable already runs the canary's template.
  const state = update(s, ctx, { phase: 'finalizing', weight: 100, reason: null });
  return write(state, { type: 'promote-stable' });
}

function rollBack(s: PromotionState, ctx: MachineContext, reason: string): Transition {
  const state = update(s, ctx, { phase: 'rolled-back', weight: 0, reason });
  return write(state, stop(state, `rolled back: ${reason}`));
}

/** A cancel, error or rollback during finalize: restore the stable template first, then roll back. */
function stopFinalizing(s: PromotionState, ctx: MachineContext, why: string, mode: FailureMode): Transition {
  if (s.weight === 0) {
    // Stable already runs the canary's template with all traffic: only the scale-down is left,
    // and it is the cheapest way to a state that is true. Finish it (on hold too).
    return { state: s, action: { type: 'scale-canary-down' } };
  }
  if (mode === 'hold') {
    const state = update(s, ctx, {
      reason: `finalize interrupted at ${s.weight}% canary (${why}); run \`promote\` again to complete it or \`rollback\` to restore the stable template`,
    });
    return write(state, stop(state, `held during finalize: ${why}`));
  }
  return { state: s, action: { type: 'restore-stable', why } };
}

function hold(s: PromotionState, ctx: MachineContext, reason: string): Transition {
  const state = update(s, ctx, { phase: 'held', reason });
  return write(state, stop(state, `held at ${s.weight}%: ${reason}`));
}

function reasonsText(v: Verdict): string {
  const bad = v.reasons.filter((r) => !r.ok);
  return (bad.length ? bad : v.reasons).map((r) => r.message).join('; ') || v.outcome;
}

export function transition(s: PromotionState, event: MachineEvent, ctx: MachineContext): Transition {
  switch (event.type) {
    case 'begin':
      return begin(s, ctx, event.liveWeight);
    case 'verdict': {
      const record: StepRecord = {
        step: event.step,
        weight: event.weight,
        startedAt: event.startedAt,
        endedAt: event.endedAt,
        verdict: event.verdict,
      };
      const where = `step ${event.step}/${ctx.steps.length} at ${event.weight}%`;
      if (event.verdict.outcome === 'inconclusive' && event.attempt < 2)
        return {
          state: s,
          action: { type: 'measure', step: event.step, weight: event.weight, attempt: event.attempt + 1 },
        };
      const withRecord = { ...s, history: [...s.history, record] };
      if (event.verdict.outcome === 'pass')
        return advance({ ...withRecord, step: stepIndexOf(ctx.steps, event.weight) }, ctx, true);
      const why =
        event.verdict.outcome === 'inconclusive'
          ? `${where}: inconclusive twice (${reasonsText(event.verdict)})`
          : `${where} failed: ${reasonsText(event.verdict)}`;
      return ctx.onFailure === 'hold' ? hold(withRecord, ctx, why) : rollBack(withRecord, ctx, why);
    }
    case 'halt':
      return hold(s, ctx, event.why);
    case 'cancelled':
      if (s.phase === 'finalizing') return stopFinalizing(s, ctx, event.why, ctx.onCancel);
      return ctx.onCancel === 'hold' ? hold(s, ctx, event.why) : rollBack(s, ctx, event.why);
    case 'error':
      if (s.phase === 'finalizing') {
        if (s.weight === 0) {
          // The scale-down itself failed: say so and leave the rest to a rerun (which completes it).
          const state = update(s, ctx, { reason: `scaling the canary down failed: ${event.message}` });
          return write(state, stop(state, `finalize unfinished: ${event.message}; run \`promote\` again`));
        }
        return stopFinalizing(s, ctx, event.message, ctx.onFailure);
      }
      return ctx.onFailure === 'hold' ? hold(s, ctx, event.message) : rollBack(s, ctx, event.message);
    case 'stable-promoted': {
      // Traffic back on the promoted stable first; the phase stays finalizing until the canary is down.
      const state = update(s, ctx, {
        phase: 'finalizing',
        weight: 0,
        reason: 'stable runs the canary pod template and takes all traffic; scaling the canary down',
      });
      return write(state, { type: 'scale-canary-down' });
    }
    case 'canary-scaled-down': {
      const state = update(s, ctx, { phase: 'promoted', weight: 0, reason: null });
      return write(
        state,
        stop(
          state,
          'promoted: the stable Deployment runs the canary pod template and takes 100% again; canary scaled to 0',
        ),
      );
    }
    case 'stable-restored':
      return rollBack(s, ctx, event.why);
  }
}

function begin(s: PromotionState, ctx: MachineContext, liveWeight: number): Transition {
  switch (ctx.command) {
    case 'status':
      return { state: s, action: stop(s, describe(s)) };
    case 'rollback': {
      // An emergency command: the live weight decides, not the state. Nothing to do only when
      // the route sends nothing to the canary.
      if (liveWeight === 0 && s.phase === 'rolled-back' && s.weight === 0)
        return { state: s, action: stop(s, 'already rolled back') };
      if (liveWeight === 0 && s.phase === 'promoted' && s.weight === 0)
        return {
          state: s,
          action: stop(s, 'already promoted to stable: all traffic is on stable; nothing to roll back'),
        };
      if (s.phase === 'finalizing')
        return { state: s, action: { type: 'restore-stable', why: `rollback requested by ${ctx.runId}` } };
      const outside =
        liveWeight !== s.weight
          ? `the route sent ${liveWeight}% to the canary (the state recorded ${s.weight}%)`
          : null;
      if (s.phase === 'promoted' && s.weight === 0) {
        // Stable runs the promoted template: the promotion stays promoted, the canary gets 0%.
        const event = {
          at: ctx.now,
          message: `rollback requested by ${ctx.runId}: ${outside}; canary set back to 0%`,
        };
        const state = update(s, ctx, { weight: 0, events: [...(s.events ?? []), event] });
        return write(
          state,
          stop(state, `rolled back the canary traffic: ${outside}; all traffic is on stable`),
        );
      }
      return rollBack(
        s,
        ctx,
        `rollback requested by ${ctx.runId}${s.phase === 'rolled-back' && outside ? `: ${outside}` : ''}`,
      );
    }
    case 'promote':
      // A promotion kept at 100% on the canary (finalize: keep) is finished by promote with
      // finalize: promote-stable: stable takes the canary's template, then the traffic.
      if (s.phase === 'promoted' && s.weight > 0 && ctx.finalize === 'promote-stable')
        return finalize(s, ctx);
      if (s.phase === 'promoted') return { state: s, action: stop(s, 'already promoted') };
      if (s.phase === 'finalizing') return finishFinalize(s);
      return finalize(s, ctx);
    default:
      break;
  }
  // run / step
  if (s.phase === 'promoted' || s.phase === 'rolled-back')
    return { state: s, action: stop(s, finishedMessage(s, describe(s), ctx.vsName ?? '')) };
  if (s.phase === 'finalizing') return finishFinalize(s);
  if (s.phase === 'rolling-back') return rollBack(s, ctx, s.reason ?? 'finishing an interrupted rollback');
  // A changed schedule applies from the next weight above the current one; the state says so.
  const changed = scheduleChange(s, ctx.steps);
  const noted = changed ? { ...s, events: [...(s.events ?? []), { at: ctx.now, message: changed }] } : s;
  return advance(noted, ctx, false);
}

/** An interrupted finalize, completed idempotently: promote-stable again at 100%, else only the scale-down. */
function finishFinalize(s: PromotionState): Transition {
  return { state: s, action: s.weight === 0 ? { type: 'scale-canary-down' } : { type: 'promote-stable' } };
}

export function describe(s: PromotionState): string {
  const done = s.history.filter((h) => h.verdict.outcome === 'pass' && !h.stage).length;
  const rec = s.strategy;
  const strategy =
    rec && rec.strategy !== 'canary'
      ? `strategy ${strategyName(rec)}, ${rec.passed}/${rec.iterations} ${rec.strategy === 'ab' ? 'A/B' : rec.strategy === 'mirror' ? 'mirror' : 'preview'} window(s) passed${rec.on && s.phase !== 'rolled-back' && s.phase !== 'promoted' ? ` (${rec.strategy === 'ab' ? 'A/B route' : rec.strategy === 'mirror' ? 'mirror' : 'preview route'} on)` : ''}, `
      : '';
  return `${s.phase}: ${strategy}canary at ${s.weight}%, ${done}/${s.steps.length} steps passed (${s.steps.join(',')})${s.reason ? `; ${s.reason}` : ''}`;
}

/** Reads the annotation value; null when absent, an error naming the annotation when unreadable. */
/** The newest state layout this version reads; a state may say `schemaVersion` (absent: 1). */
export const STATE_SCHEMA_VERSION = 1;

export function parseState(raw: string | undefined): PromotionState | null {
  if (raw === undefined || raw === '') return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new StateAnnotationError(
      'the promotion state annotation is not valid JSON; remove it to start over',
      raw,
    );
  }
  const s = v as Partial<PromotionState>;
  // A state written by a newer istio-canary (it says so with a schemaVersion above ours) may
  // mean things this one cannot read: refuse instead of overwriting it.
  const schema = (v as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof schema === 'number' && schema > STATE_SCHEMA_VERSION)
    throw new StateAnnotationError(
      `the promotion state annotation was written by a newer istio-canary (state schema ${schema}; this one reads ${STATE_SCHEMA_VERSION}): upgrade istio-canary`,
      raw,
    );
  if (
    typeof s !== 'object' ||
    s === null ||
    typeof s.phase !== 'string' ||
    typeof s.weight !== 'number' ||
    !Array.isArray(s.history)
  )
    throw new StateAnnotationError(
      'the promotion state annotation lacks phase, weight or history; remove it to start over',
      raw,
    );
  return {
    // Before `finalizing` had its name, the same phase was stored as `promoting`.
    phase: (s.phase as string) === 'promoting' ? 'finalizing' : s.phase,
    weight: s.weight,
    step: typeof s.step === 'number' ? s.step : 0,
    steps: Array.isArray(s.steps) ? s.steps : [],
    canaryImage: s.canaryImage ?? null,
    templateHash: typeof s.templateHash === 'string' ? s.templateHash : null,
    ...(typeof s.route === 'string' ? { route: s.route } : {}),
    runId: s.runId ?? '',
    startedAt: s.startedAt ?? '',
    updatedAt: s.updatedAt ?? '',
    reason: s.reason ?? null,
    history: s.history,
    events: Array.isArray(s.events) ? s.events : [],
    ...(isStrategyRecord(s.strategy) ? { strategy: s.strategy } : {}),
  };
}

/** A stored strategy record as this version writes it (anything else is ignored as absent). */
function isStrategyRecord(v: unknown): v is StrategyRecord {
  const r = v as Partial<StrategyRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.strategy === 'string' &&
    ['canary', 'ab', 'mirror', 'blue-green'].includes(r.strategy) &&
    typeof r.iterations === 'number' &&
    typeof r.passed === 'number' &&
    typeof r.on === 'boolean'
  );
}
