// The verdict of a step (pure). Two layers:
// - judgeStep: the user's limits (min-requests, max-error-rate, max-p99-ms,
//   max-latency-regression against stable in the same window) on per-version summaries, at the
//   end of a window (the load generator's, or Prometheus' counts);
// - sequentialLook: a statistical judge run at regular looks inside a window that may end it
//   early.
//
// False rollbacks (a canary within max-error-rate and no worse than stable, failed anyway): the
// budget is alpha (false-rollback-rate) per window, split over the judge's tests by a union bound:
//   errors vs stable (sequential)              SHARE_ERR_STABLE      0.5
//   errors vs the limit (sequential)           SHARE_ERR_LIMIT       0.1
//   errors vs the limit (end of window, exact) SHARE_ERR_LIMIT_FINAL 0.1
//   latency vs stable (sequential)             SHARE_LATENCY         0.3
// Each test's chance of failing such a canary is at most its share of alpha, so a window's is at
// most alpha in all. max-p99-ms and the end-of-window p99 regression are the user's limits on the
// observed value, outside this budget (the p99 one only speaks from 1000 canary responses).
//
// max-error-rate at the end of a window (judgeStep): the canary's error count fails the rule only
// when it is unlikely for a canary exactly AT the limit: the exact one-sided binomial tail
// P(X ≥ errors | requests, max-error-rate) < alpha · SHARE_ERR_LIMIT_FINAL. For any true rate at
// or below the limit that happens with probability at most that share. An observed rate above
// the limit that is within chance is a pass of the rule whose message says so (and how many more
// requests at that rate would decide). Not "inconclusive": an inconclusive window is measured
// again and the step rolled back when it is inconclusive twice (src/promote/machine.ts). With
// ~100 canary requests a window and errors at half the limit, 21.8–22.8% of windows observe a
// rate above the limit (bench/README.md), so ~5% of steps (22.8%²) and ~23% of 5-step runs would
// be rolled back for a canary that meets the limit, five times the whole budget of a window.
// max-error-rate 0 keeps "any error fails". The sequential judge's own error-rate failures
// stand (the caller adds them to the verdict, src/metrics/index.ts).
//
// Errors vs stable: a universal-inference e-process (Wasserman, Ramdas & Balakrishnan 2020).
// The statistic is m(data) / sup over the null {canary rate ≤ stable rate} of the likelihood,
// where m is a mixture alternative: the canary's rate over a grid of rates, stable's under a
// Beta(0.05, 1) prior (stable's errors are usually rare). For any true rates in the null the
// statistic is at most m / L(true rates), a nonnegative martingale of mean 1, so by Ville's
// inequality it ever reaches 1/a with probability ≤ a however often we look. Stable's counts
// are those of the whole run so far (VersionData.history: the load generator's totals before
// this window, including a stable-only baseline before the first weight moves), not only the
// window's: stable's template does not change during a run, and a long record of a clean stable
// lets two canary errors out of ~30 requests be conclusive, where the window's own stable
// traffic (10 times the canary's at 10% weight) can never make two errors reach 1/alpha. That
// rests on stable's error rate being the same over the run; against a burst that hits both
// versions at once (a dependency outage), a failure also needs the canary's rate in this
// window above stable's rate in this same window (an extra condition only removes failures).
// Errors vs the limit: a mixture likelihood ratio over multiples of max-error-rate (anytime-valid
// the same way). Latency: Mann-Whitney U with a Hodges-Lehmann shift, with alpha spent over the
// window (Pocock-type spending, Bonferroni across looks, which is conservative).
import type { AnalysisLimits, MetricsSource, Reason, Verdict, VersionStats } from '../model.js';
import { binomialUpperTail, hodgesLehmann, lnBetaBernoulli, mannWhitney, median, xlogy } from './stats.js';

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

/** A probability as the messages show it: two significant digits ("0.26", "0.00051"). */
const fmtP = (p: number): string => (p === 0 ? '0' : String(Number(p.toPrecision(2))));
/** The rule's alpha share as a percentage, precise enough to be read back (src/metrics/why.ts). */
const fmtAlpha = (a: number): string => `${Number((a * 100).toPrecision(6))}%`;

/**
 * The smallest request count at which `rate` (above `limit`) would be beyond chance at level `a`,
 * if the canary kept it; null beyond ten million requests.
 */
export function requestsToDecide(rate: number, limit: number, a: number): number | null {
  const fails = (n: number): boolean => binomialUpperTail(Math.ceil(rate * n - 1e-9), n, limit) < a;
  let hi = 1;
  while (!fails(hi)) {
    hi *= 2;
    if (hi > 1e7) return null;
  }
  let lo = Math.floor(hi / 2);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The alpha share of the end-of-window error-rate rule for a false-rollback-rate `alpha`. */
export const errorRuleAlpha = (alpha: number): number => alpha * SHARE_ERR_LIMIT_FINAL;

/**
 * The end-of-window max-error-rate rule (see the top of this file): fails when the canary's
 * errors are beyond chance for a canary at the limit, P(X ≥ errors | requests, limit) <
 * alpha · SHARE_ERR_LIMIT_FINAL. The message carries the p-value and that level; src/metrics/why.ts
 * reads the level back from "binomial p = … < …%".
 */
export function errorRateReason(
  errors: number,
  requests: number,
  limit: number,
  source: MetricsSource,
  alpha: number,
): Reason {
  const rate = errors / requests;
  const a = errorRuleAlpha(alpha);
  const counts = `canary error rate ${fmtPct(rate)} (${errors}/${requests})`;
  if (rate <= limit)
    return reason('error-rate', rate, limit, source, true, `${counts} ≤ limit ${fmtPct(limit)}`);
  const p = binomialUpperTail(errors, requests, limit);
  if (p < a) {
    const why =
      limit > 0
        ? `beyond chance for a canary at the limit (one-sided binomial p = ${fmtP(p)} < ${fmtAlpha(a)})`
        : `max-error-rate 0: any error fails (one-sided binomial p = 0 < ${fmtAlpha(a)})`;
    return {
      ...reason('error-rate', rate, limit, source, false, `${counts} > limit ${fmtPct(limit)}, ${why}`),
      level: a,
    };
  }
  const more = requestsToDecide(rate, limit, a);
  const tell =
    more === null
      ? 'no window of ten million requests at this rate would tell'
      : `~${more - requests} more canary requests at this rate would tell`;
  return {
    ...reason(
      'error-rate',
      rate,
      limit,
      source,
      true,
      `${counts} is above the limit ${fmtPct(limit)} but within chance for a canary at the limit (one-sided binomial p = ${fmtP(p)} ≥ ${fmtAlpha(a)}): not a failure; ${tell}`,
    ),
    level: a,
  };
}

/**
 * The verdict of the user's limits on one window's per-version summaries. `alpha` is the
 * false-rollback-rate (SequentialOptions.alpha): the error-rate rule's level is its share.
 */
export function judgeStep(
  stable: VersionStats | null,
  canary: VersionStats | null,
  limits: AnalysisLimits,
  source: MetricsSource,
  durationMs = 0,
  alpha = DEFAULT_SEQUENTIAL.alpha,
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
    reasons.push(errorRateReason(canary.errors, canary.requests, limits.maxErrorRate, source, alpha));
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
  /**
   * Stable only: its requests and errors before this window in the same run (the error test
   * compares the canary's window against stable's whole record, see the top of this file).
   */
  history?: { requests: number; errors: number };
}

export interface SequentialOptions {
  /** Total false-failure probability of a window on identical versions. */
  alpha: number;
  /** Total probability of passing early a canary that is at the limits (early pass is optional). */
  beta: number;
}

export const DEFAULT_SEQUENTIAL: SequentialOptions = { alpha: 0.01, beta: 0.05 };

// The alpha budget (see the top of this file); the shares sum to 1.
export const SHARE_ERR_STABLE = 0.5;
export const SHARE_ERR_LIMIT = 0.1;
/** The end-of-window exact binomial test of max-error-rate (judgeStep). */
export const SHARE_ERR_LIMIT_FINAL = 0.1;
export const SHARE_LATENCY = 0.3;
/** Canary error rates the alternative of the canary-vs-stable test mixes over (equal weights). */
const CANARY_RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4];
/** Beta prior of stable's error rate under that alternative: mass near 0 (a clean stable costs little). */
const STABLE_PRIOR = { a: 0.05, b: 1 };
/** Multiples of max-error-rate the absolute error test mixes over. */
const LIMIT_MULTIPLES = [2, 4, 8];
/** Minimum latency samples per version before the rank test speaks. */
export const MIN_LATENCY_SAMPLES = 20;

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

/** The counts the error tests read (a VersionData fits). */
export type ErrorCounts = Pick<VersionData, 'requests' | 'errors' | 'history'> & Partial<VersionData>;

/** Stable's counts over the run: this window's plus its history. */
export function stableRecord(stable: ErrorCounts): {
  requests: number;
  errors: number;
} {
  return {
    requests: stable.requests + (stable.history?.requests ?? 0),
    errors: stable.errors + (stable.history?.errors ?? 0),
  };
}

/**
 * log of the universal-inference e-value that the canary's error rate exceeds stable's (see the
 * top of this file): ln m(data) − ln sup_{q_c ≤ q_s} L(data). `stable` counts stable's whole
 * record (this window and its history). Never positive when the canary's observed rate is at most
 * stable's (the mixture cannot beat the maximum likelihood).
 */
export function errorsVsStableLlr(canary: ErrorCounts, stable: ErrorCounts): number {
  const { requests: ns, errors: ys } = stableRecord(stable);
  const nc = canary.requests;
  const x = Math.min(canary.errors, nc);
  const y = Math.min(ys, ns);
  if (nc === 0 || ns === 0) return 0;
  const ll = (k: number, n: number, q: number): number => xlogy(k, q) + xlogy(n - k, 1 - q);
  const alt =
    logMeanExp(CANARY_RATES.map((q) => ll(x, nc, q))) +
    lnBetaBernoulli(y, ns, STABLE_PRIOR.a, STABLE_PRIOR.b);
  const null0 =
    x / nc > y / ns ? ll(x + y, nc + ns, (x + y) / (nc + ns)) : ll(x, nc, x / nc) + ll(y, ns, y / ns);
  return alt - null0;
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

  // Errors, canary vs stable's record: anytime-valid, so the full share is the threshold at every
  // look; also above stable's rate in this same window (robust to a burst hitting both).
  const aStable = options.alpha * SHARE_ERR_STABLE;
  const llrStable = errorsVsStableLlr(canary, stable);
  const record = stableRecord(stable);
  const stableWindowRate = stable.requests > 0 ? stable.errors / stable.requests : 0;
  const errorRateFails = (message: string): void => {
    reasons.push(reason('error-rate', canaryRate, limits.maxErrorRate, 'judge', false, message));
  };
  if (
    llrStable >= Math.log(1 / aStable) &&
    canaryRate > limits.maxErrorRate &&
    canaryRate > stableWindowRate
  ) {
    errorRateFails(
      `canary errors ${canary.errors}/${canary.requests} (${fmtPct(canaryRate)}) vs stable ${stable.errors}/${stable.requests} in this window${record.requests > stable.requests ? ` (${record.errors}/${record.requests} since the load started)` : ''}: canary is worse with e-value ${Math.exp(llrStable).toExponential(1)} ≥ ${(1 / aStable).toFixed(0)} (false alarm ≤ ${fmtPct(aStable)}), and above the limit ${fmtPct(limits.maxErrorRate)}`,
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
