import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnalysisLimits, VersionStats } from '../src/model.js';
import {
  P99_REGRESSION_MIN_SAMPLES,
  errorsVsStableLlr,
  initialSequentialState,
  judgeStep,
  sequentialLook,
  spent,
} from '../src/metrics/analysis.js';
import { combineVerdicts } from '../src/metrics/index.js';
import { hodgesLehmann, mannWhitney, normalUpperQuantile, normalUpperTail } from '../src/metrics/stats.js';

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
    expect(r.message).toBe('canary error rate 5.00% (50/1000) > limit 1.00% (prometheus)');
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
        if (enough && cs.errors / cs.requests > lim.maxErrorRate) expect(v.outcome).toBe('fail');
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
            { requests: ns, errors: k - xc, samplesMs: [] },
          );
          expect(llr).toBeLessThan(Math.log(1 / 0.004));
        },
      ),
    );
  });
});

describe('sequential judge (simulated windows)', () => {
  const same: Profile = { p50: 2, p99: 10, errorRate: 0.005 };
  // The embedded mesh's default profile: no errors.
  const clean: Profile = { p50: 2, p99: 10, errorRate: 0 };

  it('the statistical judge fails identical versions (0.5% errors each) in at most 1% of 200 windows', () => {
    let failures = 0;
    let early = 0;
    for (let w = 0; w < 200; w++) {
      const r = simulateWindow(1000 + w, same, same, undefined, false);
      if (r.decision === 'fail') failures++;
      if (r.decision === 'pass' && r.atSecond < 30) early++;
    }
    console.log(`judge alone, identical versions: ${failures}/200 windows failed, ${early}/200 passed early`);
    expect(failures).toBeLessThanOrEqual(2);
  });

  it('judge and limits together fail identical versions (0.1% errors, limit 1%) in at most 1% of 200 windows', () => {
    const healthy: Profile = { p50: 2, p99: 10, errorRate: 0.001 };
    let failures = 0;
    let early = 0;
    for (let w = 0; w < 200; w++) {
      const r = simulateWindow(3000 + w, healthy, healthy);
      if (r.decision === 'fail') failures++;
      if (r.decision === 'pass' && r.atSecond < 30) early++;
    }
    console.log(
      `judge + limits, identical versions: ${failures}/200 windows failed, ${early}/200 passed early`,
    );
    expect(failures).toBeLessThanOrEqual(2);
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

  it('detects a canary with 5% errors at 10% weight and 100 rps within 10 s', () => {
    let detected = 0;
    const seconds: number[] = [];
    for (let w = 0; w < 50; w++) {
      const r = simulateWindow(
        5000 + w,
        clean,
        { ...clean, errorRate: 0.05 },
        { rps: 100, weight: 10, seconds: 60 },
      );
      if (r.decision === 'fail' && r.atSecond <= 10) detected++;
      seconds.push(r.atSecond);
      if (r.decision === 'fail') expect(r.reasons.some((x) => x.metric === 'error-rate' && !x.ok)).toBe(true);
    }
    console.log(`5% errors: ${detected}/50 detected within 10 s; seconds to verdict ${seconds.join(',')}`);
    expect(detected).toBeGreaterThanOrEqual(40);
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
