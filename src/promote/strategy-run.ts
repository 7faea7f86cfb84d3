// The judged windows a strategy (issue 15) runs before the weight steps: `iterations` windows
// with the A/B route (matching requests → canary), the mirror (judged on Prometheus
// destination metrics) or the blue/green preview route, each written with the state in one
// update (the next window's write records the previous verdict) and judged like a step. A
// failure rolls back (or holds) through the state machine, whose write of ROLLBACK_STAGE removes
// the strategy's route in the same update. Then the machine walks the weights (ab keeps its
// route; mirror drops the mirror; blue-green's only weight is the switch to 100%).
import type { PromotionState, StepRecord } from '../model.js';
import { withGroup } from '../log.js';
import { type Transition, transition } from './machine.js';
import type { Run } from './run.js';
import { strategic, windowLabel, windowStage } from './strategy-state.js';
import { gatesBefore } from './gates-step.js';

/** Whether a state still has judged windows to run before its weights (and is at 0%, where they run). */
export function windowsPending(state: PromotionState): boolean {
  const rec = state.strategy;
  return (
    strategic(rec) &&
    rec.passed < rec.iterations &&
    state.weight === 0 &&
    (state.phase === 'in-progress' || state.phase === 'held')
  );
}

/**
 * Runs the pending windows from `start` and returns the transition to drive next: the machine's
 * begin after the last one passed (the first weight, or the switch), a hold after one window
 * for `step`, or the rollback/hold of a failed window or a cancel.
 */
export async function runStrategyWindows(run: Run, start: PromotionState): Promise<Transition> {
  let state = start;
  const ctx = () => run.ctx();
  while (windowsPending(state)) {
    const rec = state.strategy!;
    const k = rec.passed + 1;
    const label = windowLabel(rec, k);
    let attempt = 1;
    for (;;) {
      if (run.deps.signal.aborted)
        return transition(state, { type: 'cancelled', why: run.cancelReason() }, ctx());
      const next: PromotionState = {
        ...state,
        phase: 'in-progress',
        reason: null,
        runId: run.holder,
        updatedAt: run.iso(),
        strategy: { ...rec, on: true },
      };
      const startedAt = run.iso();
      const outcome = await withGroup(
        run.log,
        `${label}${attempt > 1 ? ' (extended window)' : ''}`,
        async () => {
          if (attempt === 1) {
            // The first window gives the canary its first traffic: the pre-rollout gates run before it.
            const stopped = state.strategy?.on ? null : await gatesBefore(run, next, true);
            if (stopped) return stopped;
            await run.writeState(next);
          }
          const r = await run.measure({ type: 'measure', step: k, weight: 0, attempt }, run.state ?? next);
          if ('type' in r && r.type === 'verdict')
            run.log.info(
              `${label}: ${r.verdict.why ?? r.verdict.outcome} — ${r.verdict.reasons.map((x) => x.message).join('; ')}`,
            );
          return r;
        },
      );
      if ('base' in outcome) {
        // A failing gate: decided from the state written now (nothing of the window was written).
        const why =
          outcome.event.type === 'verdict'
            ? `${label}: ${outcome.event.verdict.reasons.map((x) => x.message).join('; ')}`
            : null;
        const t = why
          ? transition(state, { type: 'error', message: why }, ctx())
          : transition(state, outcome.event, ctx());
        run.noteFailure(why ? { type: 'error', message: why } : outcome.event, t);
        return t;
      }
      state = run.state ?? next;
      if ('adopted' in outcome)
        return transition(
          state,
          { type: 'error', message: `the weights changed during ${label}; the window is not judged` },
          ctx(),
        );
      if (outcome.type !== 'verdict') return transition(state, outcome, ctx());
      const verdict = outcome.verdict;
      if (verdict.outcome === 'inconclusive' && attempt < 2) {
        attempt++;
        continue;
      }
      const record: StepRecord = {
        step: k,
        weight: 0,
        stage: windowStage(rec),
        label,
        startedAt,
        endedAt: outcome.endedAt,
        verdict,
      };
      const withRecord: PromotionState = { ...state, history: [...state.history, record] };
      if (verdict.outcome !== 'pass') {
        const bad = verdict.reasons.filter((r) => !r.ok);
        const why = `${label} ${verdict.outcome === 'inconclusive' ? 'inconclusive twice' : 'failed'}: ${(bad.length ? bad : verdict.reasons).map((r) => r.message).join('; ') || verdict.outcome}`;
        const t = transition(withRecord, { type: 'error', message: why }, ctx());
        run.noteFailure({ type: 'error', message: why }, t);
        return t;
      }
      state = { ...withRecord, strategy: { ...state.strategy!, passed: k } };
      break;
    }
    const passed = state.strategy!;
    const done = passed.passed >= passed.iterations;
    // The windows are done: the A/B route stays for the weights, the mirror and preview go.
    if (done) state = { ...state, strategy: { ...passed, on: passed.strategy === 'ab' } };
    if (run.settings.command === 'step') {
      const then = done
        ? passed.strategy === 'blue-green'
          ? 'the switch to the canary'
          : `canary ${run.settings.steps[0] ?? 100}%`
        : windowLabel(passed, passed.passed + 1);
      const reason = `${label} passed; run \`step\` again for ${then}`;
      const held: PromotionState = {
        ...state,
        phase: 'held',
        reason,
        runId: run.holder,
        updatedAt: run.iso(),
      };
      return { state: held, action: { type: 'write', then: { type: 'stop', message: reason } } };
    }
    if (done) break;
    await run.progress();
  }
  return transition(state, { type: 'begin', liveWeight: run.liveWeight() }, ctx());
}
