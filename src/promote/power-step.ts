// Before the first weight of a fresh promotion moves: the power plan (src/metrics/power.ts) is
// printed — what each step's window can detect at false-rollback-rate, with a warning when the
// limits set cannot be detected — and, with `interval: auto`, it sizes each step's window. Then
// the load runs against stable alone for a short baseline, so the error test knows stable's rate
// before the canary's first request (src/metrics/analysis.ts: the second canary error can then
// be conclusive). A resumed promotion gets neither (its canary already has traffic).
import { formatDuration } from '../input-parsers.js';
import type { PromotionState } from '../model.js';
import type { Settings } from '../settings.js';
import type { Run } from './run.js';

/**
 * The stable-only baseline a fresh run gives the load: half a window, at most the judge's
 * BASELINE_MS (30 s with the default 1m interval; 2 s for the demo's 4 s windows).
 */
export function baselineMsFor(
  settings: Pick<Settings, 'intervalMs' | 'intervalAuto' | 'metrics'>,
  max: number,
): number {
  if (settings.metrics === 'prometheus') return 0;
  return settings.intervalAuto ? max : Math.min(max, Math.round(settings.intervalMs / 2));
}

/** A promotion that has not sent the canary any traffic yet: weight 0, nothing judged. */
export function isFresh(state: PromotionState): boolean {
  return (
    state.phase === 'in-progress' && state.weight === 0 && state.step === 0 && state.history.length === 0
  );
}

/**
 * Prints the plan, records the planned windows on the run (Run.window reads them) and, unless
 * `baseline` is false (a dry run: it only says so), runs the stable-only baseline. Returns the
 * baseline's length (the one a real run would have, in a dry run).
 */
export async function planWindows(run: Run, options: { baseline: boolean }): Promise<number> {
  const { settingsPowerPlan, BASELINE_MS } = await import('../metrics/power.js');
  const baselineMs = baselineMsFor(run.settings, BASELINE_MS);
  const plan = settingsPowerPlan(run.settings, baselineMs);
  if (plan) {
    for (const line of plan.lines) run.log.info(line);
    for (const warning of plan.warnings) run.log.warning(warning);
    run.plannedMs = new Map(plan.windows.map((w) => [w.step, w.windowMs]));
  }
  const metrics = run.deps.metrics as { baseline?(ms: number, signal: AbortSignal): Promise<void> };
  if (!options.baseline) return baselineMs;
  if (baselineMs === 0 || !metrics.baseline) return 0;
  run.log.info(
    `baseline: ${formatDuration(baselineMs)} of load on stable alone before the canary's first traffic (the judge's record of stable)`,
  );
  await metrics.baseline(baselineMs, run.deps.signal);
  return baselineMs;
}
