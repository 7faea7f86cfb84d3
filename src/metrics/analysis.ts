// The verdict of a step (pure). Two layers:
// - judgeStep: the user's limits (min-requests, max-error-rate, max-p99-ms,
//   max-latency-regression against stable in the same window) on per-version summaries;
// - sequentialLook: a statistical judge run at regular looks inside a window that may end it
//   early. Errors: mixture likelihood-ratio tests (anytime-valid by Ville's inequality, so
//   looking as often as we like keeps the false-failure rate ≤ alpha). Latency: Mann-Whitney U
//   with a Hodges-Lehmann shift, with alpha spent over the window (Pocock-type spending,
//   Bonferroni across looks, which is conservative).
import type { AnalysisLimits, MetricsSource, Reason, Verdict, VersionStats } from '../model.js';
import { hodgesLehmann, mannWhitney, median } from './stats.js';

/** Below this many canary responses a p99 is a handful of points: too noisy to compare against stable. */
export const P99_REGRESSION_MIN_SAMPLES = 1000;

const fmtMs = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtPct = (v: number): string => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;

function reason(
  metric: string,
  value: number | null,
  limit: number | null,
  source: MetricsSource,
  ok: boolean,
  message: string,
): Reason {
  return { metric, value, limit, source, ok, message: `${message} (${source})` };
}

/** The verdict of the user's limits on one window's per-version summaries. */
export function judgeStep(
  stable: VersionStats | null,
  canary: VersionStats | null,
  limits: AnalysisLimits,
  source: MetricsSource,
  durationMs = 0,
): Verdict {
  const reasons: Reason[] = [];
  const requests = canary?.requests ?? 0;
  const enough = requests >= limits.minRequests && requests > 0;
  reasons.push(
    reason(
      'requests',
      requests,
      limits.minRequests,
      source,
      enough,
      enough
        ? `canary served ${requests} requests ≥ min ${limits.minRequests}`
        : `canary served ${requests} requests < min ${limits.minRequests}: not enough data for a verdict`,
    ),
  );
  if (canary !== null && requests > 0) {
    const rate = canary.errors / canary.requests;
    const ok = rate <= limits.maxErrorRate;
    reasons.push(
      reason(
        'error-rate',
        rate,
        limits.maxErrorRate,
        source,
        ok,
        `canary error rate ${fmtPct(rate)} (${canary.errors}/${canary.requests}) ${ok ? '≤' : '>'} limit ${fmtPct(limits.maxErrorRate)}`,
      ),
    );
    if (limits.maxP99Ms !== null && canary.p99Ms !== null) {
      const okP99 = canary.p99Ms <= limits.maxP99Ms;
      reasons.push(
        reason(
          'p99-ms',
          canary.p99Ms,
          limits.maxP99Ms,
          source,
          okP99,
          `canary p99 ${fmtMs(canary.p99Ms)} ms ${okP99 ? '≤' : '>'} limit ${fmtMs(limits.maxP99Ms)} ms`,
        ),
      );
    }
    const base = stable?.p99Ms ?? null;
    if (canary.p99Ms !== null && base !== null && base > 0 && (stable?.requests ?? 0) > 0) {
      const regression = canary.p99Ms / base - 1;
      const p99Reason = (ok: boolean, message: string): void => {
        reasons.push(reason('p99-regression', regression, limits.maxLatencyRegression, source, ok, message));
      };
      if (canary.requests < P99_REGRESSION_MIN_SAMPLES) {
        p99Reason(
          true,
          `canary p99 ${fmtMs(canary.p99Ms)} ms vs stable ${fmtMs(base)} ms not judged: ${canary.requests} canary responses < ${P99_REGRESSION_MIN_SAMPLES} needed for a stable p99 (the statistical judge compares the distributions instead)`,
        );
      } else {
        const okReg = regression <= limits.maxLatencyRegression;
        p99Reason(
          okReg,
          `canary p99 ${fmtMs(canary.p99Ms)} ms is ${regression >= 0 ? '+' : ''}${fmtPct(regression)} vs stable ${fmtMs(base)} ms ${okReg ? '≤' : '>'} allowed regression ${fmtPct(limits.maxLatencyRegression)}`,
        );
      }
    }
  }
  const failed = reasons.some((r) => !r.ok && r.metric !== 'requests');
  const outcome = !enough ? 'inconclusive' : failed ? 'fail' : 'pass';
  return { outcome, reasons, stable, canary, durationMs };
}

/** What the statistical judge sees of one version: counts and a bounded sample of latencies. */
export interface VersionData {
  requests: number;
  errors: number;
  /** Latency samples in ms (a reservoir: bounded, uniform over the window). */
  samplesMs: readonly number[];
}

export interface SequentialOptions {
  /** Total false-failure probability of a window on identical versions. */
  alpha: number;
  /** Total probability of passing early a canary that is at the limits (early pass is optional). */
  beta: number;
}

export const DEFAULT_SEQUENTIAL: SequentialOptions = { alpha: 0.01, beta: 0.05 };

// The alpha budget: errors vs stable, errors vs the absolute limit, latency vs stable.
const SHARE_ERR_STABLE = 0.4;
const SHARE_ERR_LIMIT = 0.2;
const SHARE_LATENCY = 0.4;
/** Relative risks the canary-vs-stable error test mixes over (a mixture stays anytime-valid). */
const RELATIVE_RISKS = [3, 10, 30, 100];
/** Multiples of max-error-rate the absolute error test mixes over. */
const LIMIT_MULTIPLES = [2, 4, 8];
/** Minimum latency samples per version before the rank test speaks. */
const MIN_LATENCY_SAMPLES = 20;

export interface SequentialState {
  /** Information fraction (elapsed / window) at the previous look. */
  fraction: number;
}

export const initialSequentialState = (): SequentialState => ({ fraction: 0 });

export interface LookResult {
  state: SequentialState;
  decision: 'fail' | 'pass' | 'continue';
  reasons: Reason[];
}

/** Pocock-type spending function: share of the budget spent by information fraction t. */
export function spent(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return Math.log(1 + (Math.E - 1) * c);
}

/** log of the mean of exp(l) over ls, computed stably. */
function logMeanExp(ls: number[]): number {
  const m = Math.max(...ls);
  if (!Number.isFinite(m)) return m;
  return m + Math.log(ls.reduce((s, l) => s + Math.exp(l - m), 0) / ls.length);
}

/**
 * log likelihood ratio (mixture over relative risks) that canary errors are more frequent than
 * stable's. Conditional on the errors, each is the canary's with probability p0 = the canary's
 * share of requests when rates are equal, and p1 = R p0 / (R p0 + 1 - p0) when R times worse.
 */
export function errorsVsStableLlr(canary: VersionData, stable: VersionData): number {
  const total = canary.requests + stable.requests;
  if (total === 0 || canary.requests === 0 || stable.requests === 0) return 0;
  const p0 = canary.requests / total;
  const x = canary.errors;
  const y = stable.errors;
  return logMeanExp(
    RELATIVE_RISKS.map((r) => {
      const p1 = (r * p0) / (r * p0 + 1 - p0);
      return x * Math.log(p1 / p0) + y * Math.log((1 - p1) / (1 - p0));
    }),
  );
}

/** log likelihood ratio (mixture) that the canary's error rate exceeds the limit. */
export function errorsVsLimitLlr(canary: VersionData, limit: number): number {
  if (!(limit > 0) || limit >= 0.5 || canary.requests === 0) return 0;
  const x = canary.errors;
  const ok = canary.requests - x;
  return logMeanExp(
    LIMIT_MULTIPLES.map((k) => {
      const p1 = Math.min(0.99, k * limit);
      return x * Math.log(p1 / limit) + ok * Math.log((1 - p1) / (1 - limit));
    }),
  );
}

/** log likelihood ratio that the canary's error rate is a quarter of the limit rather than at it (evidence for a pass). */
export function errorsBelowLimitLlr(canary: VersionData, limit: number): number {
  if (!(limit > 0) || limit >= 1 || canary.requests === 0) return 0;
  const good = limit / 4;
  const x = canary.errors;
  const ok = canary.requests - x;
  return x * Math.log(good / limit) + ok * Math.log((1 - good) / (1 - limit));
}

/**
 * One look of the sequential judge at a window in progress. fraction = elapsed / window length
 * (1 at the end). Pure: pass the returned state to the next look of the same window.
 */
export function sequentialLook(
  state: SequentialState,
  stable: VersionData,
  canary: VersionData,
  limits: AnalysisLimits,
  fraction: number,
  options: SequentialOptions = DEFAULT_SEQUENTIAL,
): LookResult {
  const t = Math.min(1, Math.max(state.fraction, fraction));
  const increment = spent(t) - spent(state.fraction);
  const next: SequentialState = { fraction: t };
  const reasons: Reason[] = [];
  const canaryRate = canary.requests > 0 ? canary.errors / canary.requests : 0;

  // Errors, canary vs stable: anytime-valid, so the full share is the threshold at every look.
  const aStable = options.alpha * SHARE_ERR_STABLE;
  const llrStable = errorsVsStableLlr(canary, stable);
  const errorRateFails = (message: string): void => {
    reasons.push(reason('error-rate', canaryRate, limits.maxErrorRate, 'judge', false, message));
  };
  if (llrStable >= Math.log(1 / aStable) && canaryRate > limits.maxErrorRate) {
    errorRateFails(
      `canary errors ${canary.errors}/${canary.requests} (${fmtPct(canaryRate)}) vs stable ${stable.errors}/${stable.requests}: canary is worse with likelihood ratio ${Math.exp(llrStable).toExponential(1)} ≥ ${(1 / aStable).toFixed(0)} (false alarm ≤ ${fmtPct(aStable)}), and above the limit ${fmtPct(limits.maxErrorRate)}`,
    );
  }
  const aLimit = options.alpha * SHARE_ERR_LIMIT;
  const llrLimit = errorsVsLimitLlr(canary, limits.maxErrorRate);
  if (llrLimit >= Math.log(1 / aLimit)) {
    errorRateFails(
      `canary error rate ${fmtPct(canaryRate)} (${canary.errors}/${canary.requests}) is above the limit ${fmtPct(limits.maxErrorRate)} with likelihood ratio ${Math.exp(llrLimit).toExponential(1)} ≥ ${(1 / aLimit).toFixed(0)}`,
    );
  }

  // Latency: one-sided Mann-Whitney at this look's share of the spending budget.
  let latencyPass = false;
  const enoughSamples =
    canary.samplesMs.length >= MIN_LATENCY_SAMPLES && stable.samplesMs.length >= MIN_LATENCY_SAMPLES;
  if (enoughSamples && increment > 0) {
    const aLook = options.alpha * SHARE_LATENCY * increment;
    const mw = mannWhitney(canary.samplesMs, stable.samplesMs);
    // The shift estimate costs O(n·m): only when the rank test already says "slower".
    const shift = mw.pGreater < aLook ? (hodgesLehmann(canary.samplesMs, stable.samplesMs) ?? 0) : 0;
    const base = median(stable.samplesMs) ?? 0;
    const relative = base > 0 ? shift / base : 0;
    if (mw.pGreater < aLook && relative > limits.maxLatencyRegression) {
      reasons.push(
        reason(
          'latency-shift',
          relative,
          limits.maxLatencyRegression,
          'judge',
          false,
          `canary latency is shifted +${fmtMs(shift)} ms (Hodges-Lehmann; +${fmtPct(relative)} of stable median ${fmtMs(base)} ms) > allowed ${fmtPct(limits.maxLatencyRegression)}; Mann-Whitney z=${mw.z.toFixed(2)}, p=${mw.pGreater.toExponential(1)} < ${aLook.toExponential(1)} at ${fmtPct(t)} of the window`,
        ),
      );
    }
    // Non-inferiority: the canary scaled down by the allowed regression is still faster than stable.
    const bLook = options.beta * increment;
    const scaled = canary.samplesMs.map((v) => v / (1 + limits.maxLatencyRegression));
    const ni = mannWhitney(scaled, stable.samplesMs);
    latencyPass = ni.pLess < bLook;
  }

  const failed = reasons.length > 0;
  if (failed) return { state: next, decision: 'fail', reasons };

  // Early pass: enough requests, errors clearly below the limit and latency clearly within the regression.
  const errorsPass =
    limits.maxErrorRate > 0 &&
    canaryRate <= limits.maxErrorRate &&
    errorsBelowLimitLlr(canary, limits.maxErrorRate) >= Math.log(1 / options.beta);
  if (canary.requests >= limits.minRequests && errorsPass && latencyPass) {
    reasons.push(
      reason(
        'sequential',
        t,
        null,
        'judge',
        true,
        `evidence is conclusive at ${fmtPct(t)} of the window: canary errors ${canary.errors}/${canary.requests} are clearly below ${fmtPct(limits.maxErrorRate)} and its latency is within +${fmtPct(limits.maxLatencyRegression)} of stable (Mann-Whitney, non-inferiority)`,
      ),
    );
    return { state: next, decision: 'pass', reasons };
  }
  return { state: next, decision: 'continue', reasons };
}
