// The end-of-window max-error-rate rule (src/metrics/analysis.ts errorRateReason, judgeStep):
// the exact binomial tail against a direct sum, the rule's decision against that oracle, its
// false failures on identical versions over thousands of seeded windows as the load generator
// judges them (sequential looks, then the limits), and its detection of a canary at 3× the limit.
// Seeded, no wall clock.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnalysisLimits, VersionStats } from '../src/model.js';
import {
  DEFAULT_SEQUENTIAL,
  SHARE_ERR_LIMIT,
  SHARE_ERR_LIMIT_FINAL,
  SHARE_ERR_STABLE,
  SHARE_LATENCY,
  errorRateReason,
  errorRuleAlpha,
  initialSequentialState,
  judgeStep,
  requestsToDecide,
  sequentialLook,
  type VersionData,
} from '../src/metrics/analysis.js';
import { BASELINE_MS, windowToDetect } from '../src/metrics/power.js';
import { binomialUpperTail } from '../src/metrics/stats.js';

const LIMITS: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};
const ALPHA = DEFAULT_SEQUENTIAL.alpha;

/** P(X = k) for k = 0..n, X ~ Binomial(n, p), 0 < p < 1: ln(n choose k) by summing logs (independent of the module's lnFactorial). */
function directPmf(n: number, p: number): number[] {
  const out: number[] = [];
  let lnC = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) lnC += Math.log(n - k + 1) - Math.log(k);
    out.push(Math.exp(lnC + k * Math.log(p) + (n - k) * Math.log1p(-p)));
  }
  return out;
}

/** P(X ≥ x), X ~ Binomial(n, p), by the direct sum of every term (the oracle). */
function directTail(x: number, n: number, p: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return Math.min(
    1,
    directPmf(n, p)
      .slice(x)
      .reduce((a, b) => a + b, 0),
  );
}

/** The most events out of n a process with rate ≤ p shows except with probability ≤ tail. */
function upperBound(n: number, p: number, tail = 1e-6): number {
  const pmf = directPmf(n, p);
  let above = 0;
  for (let k = n; k > 0; k--) {
    above += pmf[k]!;
    if (above > tail) return k;
  }
  return 0;
}
/** The fewest events out of n a process with rate ≥ p shows except with probability ≤ tail. */
function lowerBound(n: number, p: number, tail = 1e-6): number {
  return n - upperBound(n, 1 - p, tail);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stats(requests: number, errors: number): VersionStats {
  return {
    requests,
    errors,
    rps: requests / 10,
    successRate: 1 - errors / requests,
    p50Ms: 2,
    p90Ms: 5,
    p99Ms: 10,
  };
}

describe('binomialUpperTail', () => {
  it('equals the direct sum for n ≤ 80 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: -2, max: 85 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 1e-6, 0.5, 0.999999)),
        (n, x, p) => {
          const got = binomialUpperTail(x, n, p);
          const want = directTail(x, n, p);
          expect(got).toBeGreaterThanOrEqual(0);
          expect(got).toBeLessThanOrEqual(1);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 + 1e-9 * want);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('matches the direct sum at the request counts of real windows, far in the tail too (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 3000 }),
        fc.double({ min: 0.0005, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (n, p, over) => {
          const x = Math.round(n * p * over);
          const want = directTail(x, n, p);
          expect(Math.abs(binomialUpperTail(x, n, p) - want)).toBeLessThanOrEqual(1e-10 + 1e-7 * want);
        },
      ),
      { numRuns: 300 },
    );
    // Known values (exact rational sums, Python's fractions: Σ comb(n, k) p^k (1 − p)^(n − k)).
    expect(binomialUpperTail(2, 100, 0.01)).toBeCloseTo(0.26424, 5);
    expect(binomialUpperTail(6, 100, 0.01)).toBeCloseTo(0.00053453, 8);
    expect(binomialUpperTail(22, 1000, 0.03)).toBeCloseTo(0.9481455, 8);
  });

  it('falls with the count and rises with the rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f, p, q) => {
          const x = Math.floor(f * n);
          expect(binomialUpperTail(x + 1, n, p)).toBeLessThanOrEqual(binomialUpperTail(x, n, p) + 1e-12);
          const [lo, hi] = p < q ? [p, q] : [q, p];
          expect(binomialUpperTail(x, n, lo)).toBeLessThanOrEqual(binomialUpperTail(x, n, hi) + 1e-12);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the error-rate rule', () => {
  it('the shares of the false-rollback budget sum to 1', () => {
    expect(SHARE_ERR_STABLE + SHARE_ERR_LIMIT + SHARE_ERR_LIMIT_FINAL + SHARE_LATENCY).toBeCloseTo(1, 12);
    expect(errorRuleAlpha(0.01)).toBeCloseTo(0.01 * SHARE_ERR_LIMIT_FINAL, 15);
  });

  it('fails exactly when the count is beyond chance for a canary at the limit (property, direct-sum oracle)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 2000 }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        fc.constantFrom(0.001, 0.01, 0.05),
        (n, limit, over, alpha) => {
          const errors = Math.min(n, Math.round(n * limit * over));
          const v = judgeStep(
            null,
            stats(n, errors),
            { ...LIMITS, maxErrorRate: limit },
            'prometheus',
            0,
            alpha,
          );
          const r = v.reasons.find((x) => x.metric === 'error-rate')!;
          const beyond = errors / n > limit && directTail(errors, n, limit) < alpha * SHARE_ERR_LIMIT_FINAL;
          expect(r.ok).toBe(!beyond);
          expect(v.outcome).toBe(beyond ? 'fail' : 'pass');
          if (errors / n > limit && !beyond)
            expect(r.message).toMatch(
              /is above the limit .* but within chance for a canary at the limit \(one-sided binomial p = \S+ ≥ \S+%\): not a failure;/,
            );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('says plainly when a rate above the limit is within chance, and how many more requests would tell', () => {
    const v = judgeStep(null, stats(100, 2), LIMITS, 'loadgen', 10_000, 0.01);
    expect(v.outcome).toBe('pass');
    const r = v.reasons.find((x) => x.metric === 'error-rate')!;
    expect(r).toMatchObject({ ok: true, value: 0.02, limit: 0.01 });
    expect(r.message).toBe(
      'canary error rate 2.00% (2/100) is above the limit 1.00% but within chance for a canary at the limit (one-sided binomial p = 0.26 ≥ 0.1%): not a failure; ~1051 more canary requests at this rate would tell (loadgen)',
    );
    // "N more would tell": at 2% over 1151 requests the count is beyond chance, over 1150 not.
    const n = requestsToDecide(0.02, 0.01, 0.001)!;
    expect(n).toBe(1151);
    expect(judgeStep(null, stats(n, Math.ceil(0.02 * n)), LIMITS, 'loadgen', 0, 0.01).outcome).toBe('fail');
    expect(judgeStep(null, stats(n - 1, Math.ceil(0.02 * (n - 1))), LIMITS, 'loadgen', 0, 0.01).outcome).toBe(
      'pass',
    );
    // Beyond chance: 6 of 100 at a 1% limit (p = 0.00053 < 0.1%).
    expect(errorRateReason(6, 100, 0.01, 'loadgen', 0.01)).toMatchObject({
      ok: false,
      message:
        'canary error rate 6.00% (6/100) > limit 1.00%, beyond chance for a canary at the limit (one-sided binomial p = 0.00053 < 0.1%) (loadgen)',
    });
    expect(errorRateReason(5, 100, 0.01, 'loadgen', 0.01).ok).toBe(true);
    // The level follows the false-rollback-rate: at 5% (share 0.5%) five errors are enough.
    expect(errorRateReason(5, 100, 0.01, 'loadgen', 0.05).ok).toBe(false);
  });

  it('max-error-rate 0 keeps "any error fails"', () => {
    const zero = { ...LIMITS, maxErrorRate: 0 };
    expect(judgeStep(null, stats(100_000, 1), zero, 'loadgen').outcome).toBe('fail');
    expect(judgeStep(null, stats(100_000, 1), zero, 'loadgen').reasons[1]!.message).toContain(
      'max-error-rate 0: any error fails',
    );
    expect(judgeStep(null, stats(100, 0), zero, 'loadgen').outcome).toBe('pass');
  });
});

/**
 * Windows as the bench's false-rollback run and the load generator judge them: `rps` requests/s
 * split by weight, a sequential look every 250 ms (a fail ends the window), then the limits at
 * its end; stable's record is a stable-only baseline plus the earlier windows of the session.
 * Errors only (no latency samples: the latency share is the bench's to measure).
 */
function runWindows(opts: {
  seed: number;
  windows: number;
  stableRate: number;
  canaryRate: number;
  windowMs: number;
  rps?: number;
  weight?: number;
  baselineMs?: number;
}): { judge: number; limits: number; final: number } {
  const rand = mulberry32(opts.seed);
  const rps = opts.rps ?? 100;
  const weight = opts.weight ?? 10;
  const history = { requests: 0, errors: 0 };
  const baseline = Math.round((rps * (opts.baselineMs ?? BASELINE_MS)) / 1000);
  for (let i = 0; i < baseline; i++) {
    history.requests++;
    if (rand() < opts.stableRate) history.errors++;
  }
  const out = { judge: 0, limits: 0, final: 0 };
  const perLook = rps / 4;
  const looks = Math.ceil(opts.windowMs / 250);
  for (let w = 0; w < opts.windows; w++) {
    const stable: VersionData = { requests: 0, errors: 0, samplesMs: [], history: { ...history } };
    const canary: VersionData = { requests: 0, errors: 0, samplesMs: [] };
    let state = initialSequentialState();
    let judged = false;
    for (let l = 1; l <= looks && !judged; l++) {
      for (let i = 0; i < perLook; i++) {
        const c = rand() * 100 < weight;
        const d = c ? canary : stable;
        d.requests++;
        if (rand() < (c ? opts.canaryRate : opts.stableRate)) d.errors++;
      }
      const look = sequentialLook(state, stable, canary, LIMITS, l / looks, DEFAULT_SEQUENTIAL);
      state = look.state;
      judged = look.decision === 'fail';
    }
    const v = judgeStep(
      stats(stable.requests, stable.errors),
      stats(canary.requests, canary.errors),
      LIMITS,
      'loadgen',
      opts.windowMs,
      ALPHA,
    );
    if (judged) out.judge++;
    if (v.outcome === 'fail') out.limits++;
    if (judged || v.outcome === 'fail') out.final++;
    history.requests += stable.requests;
    history.errors += stable.errors;
  }
  return out;
}

describe('false rollbacks and detection (seeded windows)', () => {
  // The bench's false-rollback scenario (bench/detection.ts --only false): 10 s windows at 10% of
  // 100 rps (~100 canary requests), identical versions with 0.5% errors each, max-error-rate 1%.
  // The noise-blind rule failed 22.8% of these windows; the budget is alpha = 1%, asserted as
  // the count a 1% process exceeds once in a million runs.
  it('identical versions with 0.5% errors: at most alpha of 2000 windows fail in all', () => {
    const sessions = 40;
    const per = 50;
    const sum = { judge: 0, limits: 0, final: 0 };
    for (let s = 0; s < sessions; s++) {
      const r = runWindows({
        seed: 9000 + s,
        windows: per,
        stableRate: 0.005,
        canaryRate: 0.005,
        windowMs: 10_000,
      });
      sum.judge += r.judge;
      sum.limits += r.limits;
      sum.final += r.final;
    }
    const n = sessions * per;
    console.log(
      `identical, 0.5% errors each: ${n} windows, judge failed ${sum.judge}, limits failed ${sum.limits}, final ${sum.final}`,
    );
    expect(sum.final).toBeLessThanOrEqual(upperBound(n, ALPHA));
    expect(sum.limits).toBeLessThanOrEqual(upperBound(n, errorRuleAlpha(ALPHA)));
  });

  // At 3× the limit the end-of-window rule alone fails at its exact power, P(X ≥ c | n, 3%) for
  // the smallest c beyond chance at 1%: with 1000 canary requests c = 22, power 0.948.
  it('a canary at 3× the limit: the end-of-window rule fails at its designed power', () => {
    const n = 1000;
    let c = 0;
    while (directTail(c, n, 0.01) >= errorRuleAlpha(ALPHA)) c++;
    const designed = directTail(c, n, 0.03);
    expect(c).toBe(22);
    expect(designed).toBeGreaterThan(0.94);
    const rand = mulberry32(77);
    const windows = 2000;
    let failed = 0;
    for (let w = 0; w < windows; w++) {
      let errors = 0;
      for (let i = 0; i < n; i++) if (rand() < 0.03) errors++;
      if (judgeStep(null, stats(n, errors), LIMITS, 'loadgen', 0, ALPHA).outcome === 'fail') failed++;
    }
    console.log(`3× limit, ${n} requests: ${failed}/${windows} failed (designed ${designed.toFixed(3)})`);
    expect(failed).toBeGreaterThanOrEqual(lowerBound(windows, designed));
    expect(failed).toBeLessThanOrEqual(upperBound(windows, designed));
  });

  // The whole judge in the window the power plan sizes to fail a 3%-error canary (stable
  // error-free, 30 s baseline) with 80% probability: it does, in at least 80% of windows.
  it('a canary at 3× the limit: the judge and the limits fail it in the window the power plan designs', () => {
    const s = { rps: 100, alpha: ALPHA, limits: LIMITS, baselineMs: BASELINE_MS };
    const windowMs = windowToDetect(10, { errorRate: 0.03 }, s)!;
    expect(windowMs).toBeGreaterThan(0);
    let failed = 0;
    const windows = 500;
    for (let w = 0; w < windows; w++)
      failed += runWindows({ seed: 40_000 + w, windows: 1, stableRate: 0, canaryRate: 0.03, windowMs }).final;
    console.log(`3× limit, ${windowMs / 1000} s windows: ${failed}/${windows} failed (designed ≥ 80%)`);
    expect(failed).toBeGreaterThanOrEqual(lowerBound(windows, 0.8));
  });
});
