import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnalysisLimits, VersionStats } from '../src/model.js';
import {
  DEFAULT_SEQUENTIAL,
  P99_REGRESSION_MIN_SAMPLES,
  SHARE_ERR_LIMIT_FINAL,
  errorsVsLimitLlr,
  errorsVsStableLlr,
  initialSequentialState,
  judgeStep,
  sequentialLook,
  spent,
} from '../src/metrics/analysis.js';
import { combineVerdicts } from '../src/metrics/index.js';
import {
  binomialUpperTail,
  hodgesLehmann,
  mannWhitney,
  normalUpperQuantile,
  normalUpperTail,
} from '../src/metrics/stats.js';

const limits: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};

function stats(p: Partial<VersionStats>): VersionStats {
  return { requests: 1000, errors: 0, rps: 10, successRate: 1, p50Ms: 2, p90Ms: 5, p99Ms: 10, ...p };
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

/** Service time drawn like the embedded mesh's profiles: log-normal fitted to p50 and p99. */
function lognormal(rand: () => number, p50: number, p99: number): () => number {
  const sigma = Math.log(p99 / p50) / 2.3263478740408408;
  return () => {
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    return p50 * Math.exp(sigma * z);
  };
}

/** ln(n choose k) by summing logs (exact enough for n ≤ a few thousand). */
function lnChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * The fewest successes out of n that a process succeeding with probability ≥ p shows except
 * with probability ≤ tail: P(X < k) ≤ tail for X ~ Binomial(n, p). A test of a random process
 * asserts its count is at least this, so it fails only when the rate is really below p (or
 * once in 1/tail runs of fresh seeds), never on a merely unlucky seed set.
 */
function binomialLowerBound(n: number, p: number, tail = 1e-6): number {
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    const pk = Math.exp(lnChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
    if (cdf + pk > tail) return k;
    cdf += pk;
  }
  return n;
}

/** The most events out of n that a process with rate ≤ p shows except with probability ≤ tail. */
function binomialUpperBound(n: number, p: number, tail = 1e-6): number {
  return n - binomialLowerBound(n, 1 - p, tail);
}

interface Profile {
  p50: number;
  p99: number;
  errorRate: number;
}

/**
 * One simulated window: rps requests/s split by weight, a look every second (as createMetrics
 * does), reservoir-bounded samples. Returns the decision and when it was taken.
 */
function simulateWindow(
  seed: number,
  stableP: Profile,
  canaryP: Profile,
  opts = { rps: 100, weight: 10, seconds: 30 },
  withLimits = true,
) {
  const rand = mulberry32(seed);
  const draw = {
    stable: lognormal(rand, stableP.p50, stableP.p99),
    canary: lognormal(rand, canaryP.p50, canaryP.p99),
  };
  const data: Record<'stable' | 'canary', { requests: number; errors: number; samplesMs: number[] }> = {
    stable: { requests: 0, errors: 0, samplesMs: [] },
    canary: { requests: 0, errors: 0, samplesMs: [] },
  };
  let state = initialSequentialState();
  for (let s = 1; s <= opts.seconds; s++) {
    for (let i = 0; i < opts.rps; i++) {
      const v = rand() * 100 < opts.weight ? 'canary' : 'stable';
      const p = v === 'canary' ? canaryP : stableP;
      const d = data[v];
      d.requests++;
      if (rand() < p.errorRate) d.errors++;
      const ms = draw[v]();
      if (d.samplesMs.length < 2000) d.samplesMs.push(ms);
      else {
        const j = Math.floor(rand() * d.requests);
        if (j < 2000) d.samplesMs[j] = ms;
      }
    }
    const look = sequentialLook(state, data.stable, data.canary, limits, s / opts.seconds);
    state = look.state;
    if (look.decision !== 'continue') return { decision: look.decision, atSecond: s, reasons: look.reasons };
  }
  if (!withLimits) return { decision: 'pass', atSecond: opts.seconds, reasons: [] };
  // End of window: the limits decide (p99 from the samples, as the load generator's histogram would).
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.99 * xs.length) - 1] ?? null;
  const summary = (d: (typeof data)['stable']): VersionStats => ({
    requests: d.requests,
    errors: d.errors,
    rps: d.requests / opts.seconds,
    successRate: d.requests ? 1 - d.errors / d.requests : null,
    p50Ms: null,
    p90Ms: null,
    p99Ms: p99(d.samplesMs),
  });
  const v = judgeStep(summary(data.stable), summary(data.canary), limits, 'test');
  return { decision: v.outcome, atSecond: opts.seconds, reasons: v.reasons };
}

describe('judgeStep (the limits)', () => {
  it('is inconclusive when the canary has fewer requests than min-requests, and says so', () => {
    const v = judgeStep(stats({}), stats({ requests: 12 }), limits, 'loadgen');
    expect(v.outcome).toBe('inconclusive');
    expect(v.reasons[0]).toMatchObject({
      metric: 'requests',
      value: 12,
      limit: 50,
      source: 'loadgen',
      ok: false,
    });
    expect(v.reasons[0]!.message).toContain('12 requests < min 50');
  });

  it('is inconclusive with no traffic at all, never a pass', () => {
    expect(judgeStep(null, null, limits, 'prometheus').outcome).toBe('inconclusive');
    expect(
      judgeStep(null, stats({ requests: 0, p99Ms: null }), { ...limits, minRequests: 0 }, 'prometheus')
        .outcome,
    ).toBe('inconclusive');
  });

  it('fails on an error rate above max-error-rate with the value, limit and source', () => {
    const v = judgeStep(stats({}), stats({ errors: 50 }), limits, 'prometheus');
    expect(v.outcome).toBe('fail');
    const r = v.reasons.find((x) => x.metric === 'error-rate')!;
    expect(r).toMatchObject({ value: 0.05, limit: 0.01, source: 'prometheus', ok: false });
    expect(r.message).toMatch(
      /^canary error rate 5\.00% \(50\/1000\) > limit 1\.00%, beyond chance for a canary at the limit \(one-sided binomial p = \S+ < 0\.1%\) \(prometheus\)$/,
    );
  });

  it('fails on p99 above max-p99-ms', () => {
    const v = judgeStep(stats({}), stats({ p99Ms: 412 }), { ...limits, maxP99Ms: 300 }, 'loadgen');
    expect(v.outcome).toBe('fail');
    expect(v.reasons.find((x) => x.metric === 'p99-ms')!.message).toBe(
      'canary p99 412 ms > limit 300 ms (loadgen)',
    );
  });

  it('fails on a p99 regression against stable beyond max-latency-regression once the canary has enough responses', () => {
    const v = judgeStep(
      stats({ p99Ms: 10 }),
      stats({ p99Ms: 15, requests: P99_REGRESSION_MIN_SAMPLES }),
      limits,
      'loadgen',
    );
    expect(v.outcome).toBe('fail');
    expect(v.reasons.find((x) => x.metric === 'p99-regression')).toMatchObject({
      value: 0.5,
      limit: 0.25,
      ok: false,
    });
  });

  it('does not judge a p99 regression from too few canary responses', () => {
    const v = judgeStep(stats({ p99Ms: 10 }), stats({ p99Ms: 15, requests: 300 }), limits, 'loadgen');
    expect(v.outcome).toBe('pass');
    expect(v.reasons.find((x) => x.metric === 'p99-regression')!.message).toContain('not judged');
  });

  // README: a step fails when the canary's error rate *exceeds* max-error-rate beyond chance: a
  // rate at the limit passes, and so does one above it that a canary at the limit shows with
  // probability ≥ alpha · SHARE_ERR_LIMIT_FINAL (0.1% at the default 1%); the smallest count
  // beyond that fails. With 1000 requests at 1%: P(X ≥ 22) = 0.00065 < 0.001 ≤ P(X ≥ 21) = 0.0015
  // (exact sums). max-error-rate 0 tolerates no error.
  it('an error rate at max-error-rate passes; above it within chance passes; beyond chance fails', () => {
    const at = (errors: number, requests: number, maxErrorRate: number) =>
      judgeStep(stats({}), stats({ errors, requests }), { ...limits, maxErrorRate }, 'loadgen');
    const rule = (v: ReturnType<typeof at>) => v.reasons.find((r) => r.metric === 'error-rate')!;
    expect(at(10, 1000, 0.01).outcome).toBe('pass'); // 10/1000 === 0.01
    expect(rule(at(10, 1000, 0.01))).toMatchObject({ value: 0.01, limit: 0.01, ok: true });
    expect(rule(at(10, 1000, 0.01)).message).toBe(
      'canary error rate 1.00% (10/1000) ≤ limit 1.00% (loadgen)',
    );
    expect(at(9, 1000, 0.01).outcome).toBe('pass');
    // Just above the limit: not a failure, and the message says why.
    expect(at(11, 1000, 0.01).outcome).toBe('pass');
    expect(rule(at(11, 1000, 0.01)).message).toMatch(
      /^canary error rate 1\.10% \(11\/1000\) is above the limit 1\.00% but within chance for a canary at the limit \(one-sided binomial p = 0\.42 ≥ 0\.1%\): not a failure; ~\d+ more canary requests at this rate would tell \(loadgen\)$/,
    );
    expect(at(21, 1000, 0.01).outcome).toBe('pass');
    expect(at(22, 1000, 0.01).outcome).toBe('fail');
    expect(rule(at(22, 1000, 0.01))).toMatchObject({ value: 0.022, limit: 0.01, ok: false });
    expect(at(5, 100, 0.05).outcome).toBe('pass');
    expect(at(0, 100, 0).outcome).toBe('pass'); // a zero limit tolerates no error at all...
    expect(at(1, 100_000, 0).outcome).toBe('fail'); // ...not even one
  });

  it('a p99 exactly at max-p99-ms passes; just above fails', () => {
    const at = (p99Ms: number) =>
      judgeStep(
        stats({}),
        stats({ p99Ms }),
        { ...limits, maxP99Ms: 300, maxLatencyRegression: 1000 },
        'loadgen',
      );
    expect(at(300).outcome).toBe('pass');
    expect(at(300.000001).outcome).toBe('fail');
    expect(at(299.999999).outcome).toBe('pass');
  });

  it('the p99 regression guard: exactly the allowed regression passes, just above fails, just below passes', () => {
    const at = (canaryP99: number, requests = P99_REGRESSION_MIN_SAMPLES) =>
      judgeStep(stats({ p99Ms: 10 }), stats({ p99Ms: canaryP99, requests }), limits, 'loadgen');
    const reg = (v: ReturnType<typeof at>) => v.reasons.find((r) => r.metric === 'p99-regression')!;
    expect(at(12.5).outcome).toBe('pass'); // 12.5 / 10 - 1 === 0.25, the allowed 25%
    expect(reg(at(12.5))).toMatchObject({ value: 0.25, limit: 0.25, ok: true });
    expect(at(12.5001).outcome).toBe('fail');
    expect(reg(at(12.5001)).ok).toBe(false);
    expect(at(12.4999).outcome).toBe('pass');
    // Faster canaries are never a regression.
    expect(at(5).outcome).toBe('pass');
    // The guard needs P99_REGRESSION_MIN_SAMPLES canary responses: one fewer is not judged.
    expect(at(20, P99_REGRESSION_MIN_SAMPLES - 1).outcome).toBe('pass');
    expect(reg(at(20, P99_REGRESSION_MIN_SAMPLES - 1)).message).toContain('not judged');
    expect(at(20, P99_REGRESSION_MIN_SAMPLES).outcome).toBe('fail');
    // With a different allowance the boundary moves with it.
    const lax = judgeStep(
      stats({ p99Ms: 10 }),
      stats({ p99Ms: 15, requests: P99_REGRESSION_MIN_SAMPLES }),
      { ...limits, maxLatencyRegression: 0.5 },
      'loadgen',
    );
    expect(lax.outcome).toBe('pass');
  });

  it('passes exactly when there are enough requests and every limit holds (property)', () => {
    const vs = fc.record({
      requests: fc.integer({ min: 0, max: 5000 }),
      errFrac: fc.double({ min: 0, max: 0.2, noNaN: true }),
      p99: fc.option(fc.double({ min: 0.1, max: 1000, noNaN: true })),
    });
    fc.assert(
      fc.property(vs, vs, fc.option(fc.double({ min: 1, max: 500, noNaN: true })), (s, c, maxP99) => {
        const toStats = (x: typeof s): VersionStats =>
          stats({
            requests: x.requests,
            errors: Math.floor(x.requests * x.errFrac),
            p99Ms: x.requests ? x.p99 : null,
          });
        const lim = { ...limits, maxP99Ms: maxP99 };
        const v = judgeStep(toStats(s), toStats(c), lim, 'test');
        for (const r of v.reasons) {
          expect(r.message.endsWith('(test)')).toBe(true);
          expect(r.source).toBe('test');
        }
        const cs = toStats(c);
        const enough = cs.requests >= lim.minRequests && cs.requests > 0;
        const allOk = v.reasons.every((r) => r.ok);
        if (!enough) expect(v.outcome).toBe('inconclusive');
        else expect(v.outcome).toBe(allOk ? 'pass' : 'fail');
        // The error-rate rule fails exactly when the count is beyond chance for a canary at the limit.
        const beyond =
          cs.errors / cs.requests > lim.maxErrorRate &&
          binomialUpperTail(cs.errors, cs.requests, lim.maxErrorRate) <
            DEFAULT_SEQUENTIAL.alpha * SHARE_ERR_LIMIT_FINAL;
        if (enough && beyond) expect(v.outcome).toBe('fail');
        if (cs.requests > 0) expect(v.reasons.find((r) => r.metric === 'error-rate')!.ok).toBe(!beyond);
      }),
      { numRuns: 300 },
    );
  });
});

describe('statistics', () => {
  it('Mann-Whitney U equals the brute-force pair count with ties as 1/2 (property)', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        let u = 0;
        for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
        const mw = mannWhitney(a, b);
        expect(mw.u).toBeCloseTo(u, 9);
        expect(mw.pGreater).toBeGreaterThanOrEqual(0);
        expect(mw.pGreater).toBeLessThanOrEqual(1);
      }),
    );
  });

  // Reference p-values from SciPy 1.17.1:
  //   scipy.stats.mannwhitneyu(a, b, alternative='greater'|'less', method='asymptotic', use_continuity=True)
  // which, like R's wilcox.test(exact = FALSE, correct = TRUE), uses the tie-corrected variance
  // and a 0.5 continuity correction. Without the tie correction every one of these differs by
  // more than 1e-3.
  it.each([
    [[1, 2, 2, 3, 3, 3, 4], [1, 1, 2, 2, 3], 25.5, 0.10158695879254287, 0.9253820442283682],
    [[5, 5, 5, 6, 6, 7, 8, 8], [4, 5, 5, 5, 6, 6], 35.5, 0.06708934874272496, 0.9488696318107748],
    [[1, 1, 1, 1, 2], [1, 1, 1, 2, 2, 2], 10.5, 0.8623832379625829, 0.19136654444261297],
    [[10, 20, 20, 30], [10, 10, 20], 9, 0.16986388793304896, 0.9093208620478432],
    [[3, 3, 3, 3, 3, 4], [3, 3, 3, 3, 3, 3, 2], 27, 0.10579485126540539, 0.9300729386689928],
  ])('Mann-Whitney with ties matches SciPy: %j vs %j', (a, b, u, pGreater, pLess) => {
    const mw = mannWhitney(a, b);
    expect(mw.u).toBe(u);
    expect(mw.pGreater).toBeCloseTo(pGreater, 6);
    expect(mw.pLess).toBeCloseTo(pLess, 6);
  });

  it('Mann-Whitney uses the exact permutation variance of U under ties (enumerated, property)', () => {
    // Given the pooled values (ties and all), every split into |a| and |b| is equally likely under
    // the null; the tie-corrected variance is exactly the variance of U over those splits.
    const uOf = (a: readonly number[], b: readonly number[]) => {
      let u = 0;
      for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
      return u;
    };
    const sample = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const pooled = [...a, ...b];
        const n = pooled.length;
        const us: number[] = [];
        for (let mask = 0; mask < 1 << n; mask++) {
          let bits = 0;
          for (let m = mask; m; m &= m - 1) bits++;
          if (bits !== a.length) continue;
          us.push(
            uOf(
              pooled.filter((_, i) => (mask >> i) & 1),
              pooled.filter((_, i) => !((mask >> i) & 1)),
            ),
          );
        }
        const mean = us.reduce((x, y) => x + y, 0) / us.length;
        const variance = us.reduce((x, y) => x + (y - mean) ** 2, 0) / us.length;
        const mw = mannWhitney(a, b);
        expect(mw.u).toBe(uOf(a, b));
        if (variance < 1e-12) {
          // All values tied: no evidence either way.
          expect([mw.pGreater, mw.pLess]).toEqual([0.5, 0.5]);
          return;
        }
        const sd = Math.sqrt(variance);
        expect(mw.z).toBeCloseTo((mw.u - mean) / sd, 9);
        expect(mw.pGreater).toBeCloseTo(normalUpperTail((mw.u - mean - 0.5) / sd), 9);
        expect(mw.pLess).toBeCloseTo(normalUpperTail((mean - mw.u - 0.5) / sd), 9);
      }),
      { numRuns: 200 },
    );
  });

  it('Hodges-Lehmann recovers a constant shift (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (b, c) => {
          expect(
            hodgesLehmann(
              b.map((x) => x + c),
              b,
            )!,
          ).toBeCloseTo(c, 6);
        },
      ),
    );
  });

  it('the normal quantile inverts the normal tail (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-9, noNaN: true }), (p) => {
        expect(Math.abs(normalUpperTail(normalUpperQuantile(p)) - p) / p).toBeLessThan(1e-5);
      }),
    );
  });

  it('the spending function is monotone from 0 to 1 (property)', () => {
    expect(spent(0)).toBe(0);
    expect(spent(1)).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          if (a <= b) expect(spent(a)).toBeLessThanOrEqual(spent(b));
        },
      ),
    );
  });

  it('the canary-vs-stable error statistic never favours failure when the canary has proportionally fewer errors (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 9000 }),
        fc.integer({ min: 0, max: 50 }),
        (nc, ns, k) => {
          // Errors split exactly in proportion to traffic (or less on the canary): no evidence against it.
          const xc = Math.floor((k * nc) / (nc + ns));
          const llr = errorsVsStableLlr(
            { requests: nc, errors: xc, samplesMs: [] },
            { requests: ns, errors: Math.min(ns, k - xc), samplesMs: [] },
          );
          // The mixture never beats the maximum likelihood: no evidence at all (≤ 1).
          expect(llr).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });
});

describe('sequential judge (simulated windows)', () => {
  const same: Profile = { p50: 2, p99: 10, errorRate: 0.005 };
  // The embedded mesh's default profile: no errors.
  const clean: Profile = { p50: 2, p99: 10, errorRate: 0 };

  // The judge's designed false-failure rate is alpha = 1% per window (DEFAULT_SEQUENTIAL). Over
  // 500 seeded windows the count may not exceed what a 1% process shows once in a million (19).
  it('the statistical judge fails identical versions (0.5% errors each) at no more than its 1% design rate', () => {
    const n = 500;
    let failures = 0;
    let early = 0;
    for (let w = 0; w < n; w++) {
      const r = simulateWindow(1000 + w, same, same, undefined, false);
      if (r.decision === 'fail') failures++;
      if (r.decision === 'pass' && r.atSecond < 30) early++;
    }
    console.log(
      `judge alone, identical versions: ${failures}/${n} windows failed, ${early}/${n} passed early`,
    );
    expect(failures).toBeLessThanOrEqual(binomialUpperBound(n, DEFAULT_SEQUENTIAL.alpha));
  });

  it('judge and limits together fail identical versions (0.1% errors, limit 1%) at no more than 1%', () => {
    const healthy: Profile = { p50: 2, p99: 10, errorRate: 0.001 };
    const n = 500;
    let failures = 0;
    let early = 0;
    for (let w = 0; w < n; w++) {
      const r = simulateWindow(3000 + w, healthy, healthy);
      if (r.decision === 'fail') failures++;
      if (r.decision === 'pass' && r.atSecond < 30) early++;
    }
    console.log(
      `judge + limits, identical versions: ${failures}/${n} windows failed, ${early}/${n} passed early`,
    );
    expect(failures).toBeLessThanOrEqual(binomialUpperBound(n, 0.01));
  });

  it('ends a window early with a pass when an identical canary has plenty of traffic', () => {
    const healthy: Profile = { p50: 2, p99: 10, errorRate: 0 };
    const seconds: number[] = [];
    for (let w = 0; w < 20; w++) {
      const r = simulateWindow(7000 + w, healthy, healthy, { rps: 200, weight: 50, seconds: 60 });
      expect(r.decision).toBe('pass');
      seconds.push(r.atSecond);
      expect(r.reasons.some((x) => x.metric === 'sequential' && x.message.includes('conclusive'))).toBe(true);
    }
    expect(Math.max(...seconds)).toBeLessThan(60);
  });

  // Designed: a 5%-error canary at 10% of 100 rps is failed within 10 s in at least 85% of
  // windows (measured 91% over these 400 seeds), and within the 60 s window in all. Asserted as
  // rates over many seeds with a binomial margin, so no single seed decides; the over-the-wire
  // test only checks that the failure comes early and names the errors.
  it('detects a canary with 5% errors at 10% weight and 100 rps within 10 s in at least 85% of windows', () => {
    const n = 400;
    let within10 = 0;
    let detected = 0;
    for (let w = 0; w < n; w++) {
      const r = simulateWindow(
        5000 + w,
        clean,
        { ...clean, errorRate: 0.05 },
        { rps: 100, weight: 10, seconds: 60 },
      );
      if (r.decision === 'fail') {
        detected++;
        if (r.atSecond <= 10) within10++;
        expect(r.reasons.some((x) => x.metric === 'error-rate' && !x.ok)).toBe(true);
      }
    }
    console.log(`5% errors: ${within10}/${n} detected within 10 s, ${detected}/${n} within the window`);
    expect(within10).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.85));
    expect(detected).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.99));
  });

  // The p99 guard on the summaries (judgeStep), fed empirical p99s of log-normal samples as the
  // load generator's histogram would: with 1000 responses per version it catches a +50% p99
  // (same median) in at least 85% of windows (measured 91%), a +100% p99 in at least 99%
  // (measured 400/400). On identical versions it fails 3.5% of these windows (14/400): the
  // empirical p99 of 1000 responses varies by about ±10%, so a 25% allowance is crossed now and
  // then; asserted at 5%.
  it('the p99 regression guard catches +50% and +100% p99 at its design rates, and rarely fails an identical canary', () => {
    const n = 400;
    const q99 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.ceil(0.99 * v.length) - 1]!;
    const summary = (v: number[]): VersionStats => stats({ requests: v.length, p99Ms: q99(v) });
    const caught = (canaryP99: number) => {
      let c = 0;
      for (let w = 0; w < n; w++) {
        const rand = mulberry32(20_000 + w);
        const s = Array.from({ length: P99_REGRESSION_MIN_SAMPLES }, lognormal(rand, 2, 10));
        const k = Array.from({ length: P99_REGRESSION_MIN_SAMPLES }, lognormal(rand, 2, canaryP99));
        const v = judgeStep(summary(s), summary(k), limits, 'test');
        if (v.reasons.some((r) => r.metric === 'p99-regression' && !r.ok)) c++;
      }
      return c;
    };
    const plus50 = caught(15);
    const plus100 = caught(20);
    const same = caught(10);
    console.log(
      `p99 guard, ${P99_REGRESSION_MIN_SAMPLES} responses: +50% caught ${plus50}/${n}, +100% ${plus100}/${n}, identical ${same}/${n}`,
    );
    expect(plus50).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.85));
    expect(plus100).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.99));
    expect(same).toBeLessThanOrEqual(binomialUpperBound(n, 0.05));
  });

  it('the binomial margins are what they claim', () => {
    // P(X < k) ≤ 1e-6 < P(X ≤ k) for X ~ Binomial(400, 0.85): k = 304 (mean 340, sd 7.1), as
    // SciPy says: binom.cdf(303, 400, 0.85) ≤ 1e-6 < binom.cdf(304, 400, 0.85).
    expect(binomialLowerBound(400, 0.85)).toBe(304);
    expect(binomialLowerBound(10, 0.5, 0.5)).toBe(5);
    // binom.sf(28, 1000, 0.01) ≤ 1e-6 < binom.sf(27, 1000, 0.01)
    expect(binomialUpperBound(1000, 0.01)).toBe(28);
  });

  it('the error guard against stable needs the canary above max-error-rate, however much worse than stable it is', () => {
    // 9 errors in 1000 (0.9%) against none in 9000: overwhelming evidence of "worse than stable"
    // but within the 1% limit, so the judge must not fail it.
    const canary = { requests: 1000, errors: 9, samplesMs: [] };
    const stable = { requests: 9000, errors: 0, samplesMs: [] };
    expect(errorsVsStableLlr(canary, stable)).toBeGreaterThan(Math.log(1 / (0.01 * 0.5)));
    const within = sequentialLook(initialSequentialState(), stable, canary, limits, 0.5);
    expect(within.decision).not.toBe('fail');
    expect(within.reasons.filter((r) => !r.ok)).toEqual([]);
    // 12 in 1000 (1.2%) against none: above the limit and worse than stable: fails, saying so.
    const above = sequentialLook(initialSequentialState(), stable, { ...canary, errors: 12 }, limits, 0.5);
    expect(above.decision).toBe('fail');
    expect(above.reasons.map((r) => r.message).join('\n')).toMatch(
      /canary errors 12\/1000 \(1\.20%\) vs stable 0\/9000 in this window: canary is worse with e-value .* ≥ 200 \(false alarm ≤ 0\.50%\), and above the limit 1\.00%/,
    );
  });

  it('the absolute error guard fails exactly when its mixture likelihood ratio reaches 1/(0.1 alpha) = 1000', () => {
    // The statistic recomputed here from its definition: the mean over k in {2, 4, 8} of the
    // likelihood ratio of rate k·limit against rate limit for x errors in n requests.
    const limit = 0.01;
    const llr = (x: number, n: number) =>
      Math.log(
        [2, 4, 8]
          .map((k) => Math.exp(x * Math.log(k) + (n - x) * Math.log((1 - k * limit) / (1 - limit))))
          .reduce((a, b) => a + b, 0) / 3,
      );
    // The statistic itself, against its definition for any counts and limits (property).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.0005, max: 0.12, noNaN: true }),
        (requests, share, lim) => {
          const errors = Math.floor(requests * share * 0.3);
          const terms = [2, 4, 8].map(
            (k) => errors * Math.log(k) + (requests - errors) * Math.log((1 - k * lim) / (1 - lim)),
          );
          const top = Math.max(...terms);
          const ref = top + Math.log(terms.reduce((a, t) => a + Math.exp(t - top), 0) / 3);
          const got = errorsVsLimitLlr({ requests, errors, samplesMs: [] }, lim);
          if (Number.isFinite(ref))
            expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref)));
          else expect(got).toBe(ref);
        },
      ),
      { numRuns: 300 },
    );
    const n = 2000;
    let x = 0;
    while (llr(x, n) < Math.log(1000)) x++;
    expect(x).toBeGreaterThan(20); // well above the 1% limit (20 errors in 2000)
    expect(errorsVsLimitLlr({ requests: n, errors: x, samplesMs: [] }, limit)).toBeCloseTo(llr(x, n), 9);
    // Stable has the same rate: only the absolute test can speak.
    const stableLike = (errors: number) => ({ requests: n * 9, errors: errors * 9, samplesMs: [] });
    const look = (errors: number) =>
      sequentialLook(
        initialSequentialState(),
        stableLike(errors),
        { requests: n, errors, samplesMs: [] },
        limits,
        0.5,
      );
    const failing = look(x);
    expect(failing.decision).toBe('fail');
    expect(failing.reasons.map((r) => r.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^canary error rate .* \\(${x}/${n}\\) is above the limit 1\\.00% with likelihood ratio .* ≥ 1000 \\(judge\\)$`,
        ),
      ),
    ]);
    expect(look(x - 1).decision).not.toBe('fail');
    expect(look(x - 1).reasons.filter((r) => !r.ok)).toEqual([]);
  });

  it('fails a canary 50% slower (p50 and p99 +50%) on latency with a Hodges-Lehmann shift', () => {
    let failed = 0;
    for (let w = 0; w < 50; w++) {
      const r = simulateWindow(9000 + w, same, { p50: 3, p99: 15, errorRate: 0.005 });
      if (r.decision === 'fail') {
        failed++;
        expect(
          r.reasons.some((x) => x.metric === 'latency-shift' && x.message.includes('Hodges-Lehmann')),
        ).toBe(true);
      }
    }
    expect(failed).toBeGreaterThanOrEqual(48);
  });
});

describe('combining sources ("both")', () => {
  const v = (outcome: 'pass' | 'fail' | 'inconclusive', source: 'loadgen' | 'prometheus') =>
    judgeStep(
      stats({}),
      stats(outcome === 'inconclusive' ? { requests: 1 } : outcome === 'fail' ? { errors: 100 } : {}),
      limits,
      source,
    );

  it('fails if either source fails, passes if one passes and none fails, else is inconclusive', () => {
    expect(combineVerdicts([v('pass', 'loadgen'), v('fail', 'prometheus')], 10).outcome).toBe('fail');
    expect(combineVerdicts([v('fail', 'loadgen'), v('inconclusive', 'prometheus')], 10).outcome).toBe('fail');
    expect(combineVerdicts([v('pass', 'loadgen'), v('inconclusive', 'prometheus')], 10).outcome).toBe('pass');
    expect(combineVerdicts([v('inconclusive', 'loadgen'), v('inconclusive', 'prometheus')], 10).outcome).toBe(
      'inconclusive',
    );
  });

  it('keeps every reason with its source', () => {
    const c = combineVerdicts([v('pass', 'loadgen'), v('fail', 'prometheus')], 1234);
    expect(new Set(c.reasons.map((r) => r.source))).toEqual(new Set(['loadgen', 'prometheus']));
    expect(c.durationMs).toBe(1234);
  });
});
