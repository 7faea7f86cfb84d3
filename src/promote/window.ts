// One step's window, measured by the Run (run.ts): the metrics' verdict over the configured
// interval while the VirtualService is watched, then the route read again, because a window
// is only as good as the weights it ran under. Moved out of run.ts to keep it under 700 lines.
import type { MachineEvent } from './machine.js';
import { type Action, describe, parseState } from './machine.js';
import type { PromotionEvent, PromotionState } from '../model.js';
import { STATE_ANNOTATION } from '../plan.js';
import { routeWeights } from './route-object.js';
import { ConcurrentChangeError, HumanEditError, type Run } from './run.js';
import { lockstepVerdict } from './lockstep.js';

/**
 * One window. The VirtualService is watched meanwhile: a change by anyone else (a
 * preempting rollback, a person moving the weights) ends the window at once. Afterwards the
 * route is read again; a window whose weights or state changed under it is never a pass.
 * Returns the machine event, or a transition when take-over continues from new weights.
 */
export async function measureWindow(
  run: Run,
  action: Extract<Action, { type: 'measure' }>,
  state: PromotionState,
): Promise<MachineEvent | { adopted: PromotionState }> {
  const startedAt = run.iso();
  run.log.debug(
    `measuring ${run.plannedMs.get(action.step) ?? run.settings.intervalMs} ms at ${action.weight}% canary${action.attempt > 1 ? ' (extended: the first window was inconclusive)' : ''}`,
  );
  const before = run.vs?.metadata?.annotations?.[STATE_ANNOTATION];
  const windowCtl = new AbortController();
  const stopWatch = new AbortController();
  const onCancel = () => windowCtl.abort(run.deps.signal.reason);
  if (run.deps.signal.aborted) onCancel();
  else run.deps.signal.addEventListener('abort', onCancel, { once: true });
  // Lockstep: another service failed, so this window will not be followed by a raise: it ends now.
  let otherFailed: string | null = null;
  const stopListening = run.deps.lockstep?.onOtherFailure((message) => {
    otherFailed = message;
    windowCtl.abort(new Error(message));
  });
  // Only a change of the state or of the weights ends the window (not a label someone adds).
  const watch = run.vs
    ? run.deps.kube
        .waitFor(
          run.vsRef,
          (o) =>
            !o || o.metadata?.annotations?.[STATE_ANNOTATION] !== before || run.edited(o, state) !== null,
          { timeoutMs: 24 * 3600_000, signal: stopWatch.signal },
        )
        .then(
          () => windowCtl.abort(new Error('the VirtualService changed during the window')),
          () => undefined,
        )
    : Promise.resolve();
  let verdict;
  try {
    verdict = await run.deps.metrics.measure(run.window(action.step, action.weight, windowCtl.signal, state));
  } catch (err) {
    if (!windowCtl.signal.aborted || run.deps.signal.aborted) throw err;
    verdict = null; // ended by a change of the VirtualService: judged below
  } finally {
    stopListening?.();
    run.deps.signal.removeEventListener('abort', onCancel);
    stopWatch.abort();
    await watch;
  }
  if (run.deps.signal.aborted) return { type: 'cancelled', why: run.cancelReason() };
  // The window is only as good as the weights it ran under.
  const live = await run.deps.kube.get(run.vsRef, { signal: run.deps.signal });
  const stored = live?.metadata?.annotations?.[STATE_ANNOTATION];
  if (!live)
    throw new ConcurrentChangeError(`the VirtualService ${run.vsName} was deleted during the window`);
  if (stored !== before) {
    run.vs = live;
    const other = parseState(stored);
    run.state = other;
    run.current = other;
    throw new ConcurrentChangeError(
      `the promotion of ${run.vsName} was changed by ${other?.runId || 'another writer'} during the window of step ${action.step} (state now: ${other ? describe(other) : 'none'}); stopping without writing`,
    );
  }
  const what = run.edited(live, state);
  if (what) {
    run.vs = live;
    if (!run.settings.takeOver)
      throw new HumanEditError(
        `${what} during the window of step ${action.step}; the window is not judged and nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`,
      );
    const weight = routeWeights(live, run.target).canary;
    run.log.warning(
      `${what} during the window of step ${action.step}; take-over: continuing from ${weight}%`,
    );
    const event: PromotionEvent = {
      at: run.iso(),
      message: `take-over: ${what} during the window of step ${action.step} (not judged)`,
    };
    const adopted = { ...state, weight, events: [...(state.events ?? []), event] };
    run.state = adopted;
    return { adopted };
  }
  run.vs = live;
  if (otherFailed !== null)
    return {
      type: 'verdict',
      step: action.step,
      weight: action.weight,
      attempt: action.attempt,
      verdict: lockstepVerdict(otherFailed, action.weight),
      startedAt,
      endedAt: run.iso(),
    };
  if (!verdict || (windowCtl.signal.aborted && !run.deps.signal.aborted))
    throw new ConcurrentChangeError(
      `the VirtualService ${run.vsName} changed during the window of step ${action.step} and changed back; the window is not judged`,
    );
  return {
    type: 'verdict',
    step: action.step,
    weight: action.weight,
    attempt: action.attempt,
    verdict,
    startedAt,
    endedAt: run.iso(),
  };
}
