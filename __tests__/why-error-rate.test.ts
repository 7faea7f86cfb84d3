// Why a window failed on max-error-rate (src/metrics/why.ts errorRate): the line names the rate,
// the counts, the level of the end-of-window binomial rule and the limit, and its advice (a
// max-error-rate, an error count) is re-applied to the same judge at the same
// false-rollback-rate to check that it flips the decision. Split from why-explain.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePercentage } from '../src/input-parsers.js';
import { SHARE_ERR_LIMIT_FINAL, judgeStep } from '../src/metrics/analysis.js';
import { binomialUpperTail } from '../src/metrics/stats.js';
import { WHY_MAX_CHARS, explainVerdict, pctAtLeast } from '../src/metrics/why.js';
import type { AnalysisLimits, Reason, Verdict, VersionStats } from '../src/model.js';

const LIMITS: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};

function stats(requests: number, errors: number, seconds: number, p99: number | null = null): VersionStats {
  return {
    requests,
    errors,
    rps: requests / seconds,
    successRate: requests === 0 ? null : 1 - errors / requests,
    p50Ms: p99,
    p90Ms: p99,
    p99Ms: p99,
  };
}

const reasonOf = (v: Verdict, metric: string): Reason | undefined =>
  v.reasons.find((r) => r.metric === metric);

function expectOneLine(why: string | null): asserts why is string {
  expect(why).not.toBeNull();
  expect(why!).not.toMatch(/[\n\r\u2028\u2029]/);
  expect(why!.length).toBeLessThanOrEqual(WHY_MAX_CHARS);
}

/** The percentage 0.01 below `p` ("8.21" → 8.2%) as the input parses it; -1 below 0. */
function lowerBy001(p: string): number {
  const hundredths = Math.round(Number(p) * 100);
  return hundredths === 0 ? -1 : parsePercentage(`${(hundredths - 1) / 100}%`);
}

describe('error-rate', () => {
  const LINE =
    /^fail: error-rate ([\d.]+)% \((\d+) errors in (\d+) canary requests, loadgen; beyond chance at ([\d.]+)%\) > max-error-rate ([\d.]+)%; it would pass with max-error-rate ≥ ([\d.]+)% or at most (\d+) errors in (\d+) requests$/;

  // The rule fails a count beyond chance for a canary at the limit (src/metrics/analysis.ts); the
  // advice is re-applied to the same judge at the same false-rollback-rate: the limit it names
  // passes and the next lower one (0.01% less) fails; K errors pass and K + 1 fail.
  it('names the rate, the counts, the level and the limit; the suggested limit or error count passes the same canary', () => {
    let failed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 50_000 }),
        fc.double({ min: 0.0001, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(0.001, 0.01, 0.05),
        (n, limit, u, alpha) => {
          const minErrors = Math.floor(limit * n) + 1;
          if (minErrors > n) return;
          // Counts from just above the limit to all errors, denser near the limit (where the level decides).
          const errors = Math.min(n, minErrors + Math.floor((u / 1000) ** 3 * (n - minErrors)));
          const limits = { ...LIMITS, maxErrorRate: limit };
          const judge = (k: number, l: number) =>
            reasonOf(
              judgeStep(null, stats(n, k, 30), { ...limits, maxErrorRate: l }, 'loadgen', 0, alpha),
              'error-rate',
            )?.ok;
          const v = judgeStep(null, stats(n, errors, 30), limits, 'loadgen', 30_000, alpha);
          // Above the limit within chance: a pass of the rule, and no why.
          if (v.outcome === 'pass') {
            expect(binomialUpperTail(errors, n, limit)).toBeGreaterThanOrEqual(alpha * SHARE_ERR_LIMIT_FINAL);
            expect(explainVerdict(v, { limits, weight: 10, windowMs: 30_000, rps: 100 })).toBeNull();
            return;
          }
          failed++;
          expect(v.outcome).toBe('fail');
          const why = explainVerdict(v, { limits, weight: 10, windowMs: 30_000, rps: 100 });
          expectOneLine(why);
          const m = LINE.exec(why);
          expect(m, why).not.toBeNull();
          const [, rate, e, total, level, shownLimit, atLeast, allowed, total2] = m!;
          expect(Number(e)).toBe(errors);
          expect(Number(total)).toBe(n);
          expect(Number(total2)).toBe(n);
          expect(Number(level) / 100).toBeCloseTo(alpha * SHARE_ERR_LIMIT_FINAL, 12);
          expect(Math.abs(Number(rate) / 100 - errors / n)).toBeLessThanOrEqual(
            0.00005 + (errors / n) * 1e-3,
          );
          expect(Math.abs(Number(shownLimit) / 100 - limit)).toBeLessThanOrEqual(0.00005 + limit * 1e-3);
          // The limit it names, as the input parses it, passes this canary; the next lower one does not.
          expect(judge(errors, parsePercentage(`${atLeast}%`))).toBe(true);
          expect(judge(errors, lowerBy001(atLeast!))).toBe(false);
          // At most K errors passes; K + 1 fails.
          const k = Number(allowed);
          expect(k).toBeGreaterThanOrEqual(minErrors - 1);
          expect(judge(k, limit)).toBe(true);
          expect(judge(k + 1, limit)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
    // Most drawn counts are beyond chance: the advice was checked, not skipped.
    expect(failed).toBeGreaterThan(300);
  });

  it('a verdict judged before the binomial rule (no level in its message) gets the advice of the rule that judged it', () => {
    const v = judgeStep(null, stats(250, 12, 30), LIMITS, 'loadgen', 30_000);
    const old = {
      ...v,
      reasons: v.reasons.map((r) =>
        // As stored before the rule: no level on the reason, none in its message.
        r.metric === 'error-rate'
          ? { ...r, level: undefined, message: 'canary error rate 4.80% (12/250) > limit 1.00% (loadgen)' }
          : r,
      ),
    };
    expect(explainVerdict(old, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 100 })).toBe(
      'fail: error-rate 4.8% (12 errors in 250 canary requests, loadgen) > max-error-rate 1%; it would pass with max-error-rate ≥ 4.8% or at most 2 errors in 250 requests',
    );
    expect(explainVerdict(v, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 100 })).toBe(
      'fail: error-rate 4.8% (12 errors in 250 canary requests, loadgen; beyond chance at 0.1%) > max-error-rate 1%; it would pass with max-error-rate ≥ 1.64% or at most 9 errors in 250 requests',
    );
  });

  it('advises by the level the reason carries, not by its message text', () => {
    const v = judgeStep(null, stats(250, 12, 30), LIMITS, 'loadgen', 30_000);
    const reworded = {
      ...v,
      reasons: v.reasons.map((r) =>
        r.metric === 'error-rate' ? { ...r, message: 'reworded (loadgen)' } : r,
      ),
    };
    expect(explainVerdict(reworded, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 100 })).toContain(
      'beyond chance at 0.1%) > max-error-rate 1%; it would pass with max-error-rate ≥ 1.64% or at most 9 errors in 250 requests',
    );
  });

  it('pctAtLeast is the smallest two-decimal percentage the input parses to at least the value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        const s = pctAtLeast(x);
        expect(s).toMatch(/^\d+(\.\d{1,2})?%$/);
        expect(parsePercentage(s)).toBeGreaterThanOrEqual(x);
        // The next lower two-decimal percentage, as parsed, is below x (so a judge would fail at it).
        expect(lowerBy001(s.slice(0, -1))).toBeLessThan(x);
      }),
    );
  });
});
