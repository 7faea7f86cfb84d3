// The detection property of the statistical judge, seeded and without a wall clock: simulated
// windows (support/judge-sim.ts) through the real sequentialLook, asserted as rates over many
// seeds with binomial margins (a 1e-6 tail), never one lucky seed. The figures over the wire are
// in bench/README.md ("Detection over many seeds").
import { describe, expect, it } from 'vitest';
import type { AnalysisLimits } from '../src/model.js';
import { errorsVsStableLlr, initialSequentialState, sequentialLook } from '../src/metrics/analysis.js';
import {
  binomialLowerBound,
  binomialUpperBound,
  simulateWindow,
  type SimProfile,
} from './support/judge-sim.js';

const limits: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};
const ALPHA = 0.01;
const clean: SimProfile = { errorRate: 0 };
const bad: SimProfile = { errorRate: 0.05 };

describe('the judge detects 5% errors at 10% weight and 100 rps', () => {
  // Designed with a 30 s stable-only baseline (metrics.baseline): the 2nd canary error (median
  // 3.4 s, 95th percentile 9.5 s at 0.5 errors/s) is conclusive against stable's clean record.
  // Measured over these 1000 seeds: 63% within 4 s (≈ 40 canary requests), 95% within 10 s.
  it('with a 30 s stable-only baseline: within 40 canary requests in over half of 1000 windows, within 100 in 90%', () => {
    const n = 1000;
    let by40 = 0;
    let by100 = 0;
    let failed = 0;
    for (let s = 0; s < n; s++) {
      const r = simulateWindow(s, clean, bad, {
        rps: 100,
        weight: 10,
        windowMs: 60_000,
        baselineMs: 30_000,
        limits,
      });
      if (r.decision !== 'fail') continue;
      expect(r.metrics).toContain('error-rate');
      failed++;
      if (r.canaryRequests <= 40) by40++;
      if (r.canaryRequests <= 100) by100++;
    }
    console.log(
      `baseline 30 s: ${by40}/${n} by 40 canary requests, ${by100}/${n} by 100, ${failed}/${n} in the window`,
    );
    expect(by40).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.55));
    expect(by100).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.9));
    expect(failed).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.999));
  });

  // Without a baseline the window's own stable traffic is the only record: two errors can never
  // be conclusive at 1% (see analysis.ts), so the 3rd or 4th error decides. Still within the window.
  it('without a baseline: within 100 canary requests in 80% of 1000 windows', () => {
    const n = 1000;
    let by100 = 0;
    let failed = 0;
    for (let s = 0; s < n; s++) {
      const r = simulateWindow(5000 + s, clean, bad, { rps: 100, weight: 10, windowMs: 60_000, limits });
      if (r.decision !== 'fail') continue;
      failed++;
      if (r.canaryRequests <= 100) by100++;
    }
    console.log(`no baseline: ${by100}/${n} by 100 canary requests, ${failed}/${n} in the window`);
    expect(by100).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.8));
    expect(failed).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.99));
  });
});

describe('the judge does not fail identical versions beyond alpha', () => {
  // The designed false-failure rate is alpha = 1% per window over every look (4 per second).
  // The error test compares the canary with stable's whole record, so identical versions with
  // errors (0.5% each) and a long baseline are its hardest case.
  it('1000 identical windows with 0.5% errors each (30 s baseline, 60 s windows at 10% and 50%): false failures ≤ alpha', () => {
    const n = 500;
    let failures = 0;
    for (let s = 0; s < n; s++)
      for (const weight of [10, 50]) {
        const p: SimProfile = { errorRate: 0.005 };
        const r = simulateWindow(20_000 + s, p, p, {
          rps: 100,
          weight,
          windowMs: 60_000,
          baselineMs: 30_000,
          limits,
        });
        if (r.decision === 'fail') failures++;
      }
    console.log(`identical, 0.5% errors: ${failures}/${2 * n} windows failed`);
    expect(failures).toBeLessThanOrEqual(binomialUpperBound(2 * n, ALPHA));
  });

  it('1000 identical windows with errors and latencies (every judge test speaks): false failures ≤ alpha', () => {
    const n = 1000;
    let failures = 0;
    const p: SimProfile = { errorRate: 0.005, p50: 20, p99: 100 };
    for (let s = 0; s < n; s++) {
      const r = simulateWindow(40_000 + s, p, p, {
        rps: 100,
        weight: 20,
        windowMs: 10_000,
        lookMs: 1000,
        baselineMs: 10_000,
        limits: { ...limits, maxLatencyRegression: 0.05 },
      });
      if (r.decision === 'fail') failures++;
    }
    console.log(`identical with latencies: ${failures}/${n} windows failed`);
    expect(failures).toBeLessThanOrEqual(binomialUpperBound(n, ALPHA));
  });

  it('a burst of errors hitting both versions in the window does not fail the canary for a clean history', () => {
    // 5 of 30 canary and 50 of 300 stable requests failed in this window (a dependency outage),
    // after 30000 clean stable requests: against the record alone the canary looks far worse.
    const loose = { ...limits, maxErrorRate: 0.1 };
    const look = sequentialLook(
      initialSequentialState(),
      { requests: 300, errors: 50, samplesMs: [], history: { requests: 30_000, errors: 0 } },
      { requests: 30, errors: 5, samplesMs: [] },
      loose,
      0.1,
    );
    expect(
      errorsVsStableLlr(
        { requests: 30, errors: 5 },
        { requests: 300, errors: 50, history: { requests: 30_000, errors: 0 } },
      ),
    ).toBeGreaterThan(Math.log(1 / (0.5 * ALPHA)));
    expect(look.decision).not.toBe('fail');
    // The same canary with a clean stable in the window fails, naming the record.
    const alone = sequentialLook(
      initialSequentialState(),
      { requests: 300, errors: 0, samplesMs: [], history: { requests: 30_000, errors: 0 } },
      { requests: 30, errors: 5, samplesMs: [] },
      loose,
      0.1,
    );
    expect(alone.decision).toBe('fail');
    expect(alone.reasons.map((r) => r.message).join('\n')).toMatch(/0\/30300 since the load started/);
  });
});
