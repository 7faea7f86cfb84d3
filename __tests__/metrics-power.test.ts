// The power plan (src/metrics/power.ts) against the judge it describes: the detectable error
// rate and latency shift it states for 80% power are detected at about that rate by the real
// sequentialLook on seeded simulated windows (support/judge-sim.ts; random routing, log-normal
// latencies), with the binomial error of the simulation as the tolerance. And the plan's
// printed lines, its warnings for limits a window cannot detect, and interval: auto.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalysisLimits } from '../src/model.js';
import {
  powerPlan,
  requestsToDetect,
  settingsPowerPlan,
  windowPower,
  windowToDetect,
} from '../src/metrics/power.js';
import { parseSettings } from '../src/settings.js';
import { binomialLowerBound, binomialUpperBound, simulateWindow } from './support/judge-sim.js';

const limits: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};
const ALPHA = 0.01;

/** Windows the real judge fails, out of n, for this canary. */
function failures(n: number, seed: number, run: (seed: number) => ReturnType<typeof simulateWindow>): number {
  let f = 0;
  for (let s = 0; s < n; s++) if (run(seed + s).decision === 'fail') f++;
  return f;
}

describe('the power plan describes the real judge', () => {
  // The plan computes the error power exactly for requests split in exact proportion to the
  // weight; the simulation routes each request at random, which helps the judge a little
  // (measured 0.85 for a stated 0.80), so the band is 0.7–0.9 widened by the binomial error.
  it('the stated detectable error rate (80% power) is detected in 0.7–0.9 of 1000 simulated windows, and half of it rarely', () => {
    const w = windowPower(10, 20_000, { rps: 100, alpha: ALPHA, limits });
    const q = w.detectableErrorRate!;
    expect(q).toBeGreaterThan(limits.maxErrorRate);
    expect(q).toBeLessThan(0.1);
    const n = 1000;
    const run = (rate: number) => (seed: number) =>
      simulateWindow(
        seed,
        { errorRate: 0 },
        { errorRate: rate },
        { rps: 100, weight: 10, windowMs: 20_000, limits },
      );
    const atQ = failures(n, 100, run(q));
    const atHalf = failures(n, 5000, run(q / 2));
    console.log(
      `stated ${(q * 100).toFixed(2)}% errors at 80%: detected ${atQ}/${n}; at half: ${atHalf}/${n}`,
    );
    expect(atQ).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.7));
    expect(atQ).toBeLessThanOrEqual(binomialUpperBound(n, 0.9));
    expect(atHalf).toBeLessThanOrEqual(binomialUpperBound(n, 0.5));
  });

  // max-latency-regression 5%, so the rank test's evidence, not the Hodges-Lehmann condition, binds.
  it('the stated detectable latency shift (80% power) is detected in 0.7–0.9 of 200 simulated windows', () => {
    const tight = { ...limits, maxLatencyRegression: 0.05 };
    const w = windowPower(20, 10_000, { rps: 100, alpha: ALPHA, limits: tight });
    const shift = w.detectableLatencyShift!;
    expect(shift).toBeGreaterThan(0.05);
    const n = 200;
    const run = (sh: number) => (seed: number) =>
      simulateWindow(
        seed,
        { errorRate: 0, p50: 10, p99: 50 },
        { errorRate: 0, p50: 10 * (1 + sh), p99: 50 * (1 + sh) },
        { rps: 100, weight: 20, windowMs: 10_000, limits: tight },
      );
    const atShift = failures(n, 300, run(shift));
    const atHalf = failures(n, 900, run(shift / 2));
    console.log(
      `stated +${(shift * 100).toFixed(1)}% latency at 80%: detected ${atShift}/${n}; at half: ${atHalf}/${n}`,
    );
    expect(atShift).toBeGreaterThanOrEqual(binomialLowerBound(n, 0.7));
    expect(atShift).toBeLessThanOrEqual(binomialUpperBound(n, 0.9));
    expect(atHalf).toBeLessThanOrEqual(binomialUpperBound(n, 0.5));
  });
});

describe('powerPlan', () => {
  it('prints one line per step below 100% and warns when max-latency-regression 10% meets 20 canary requests per window', () => {
    const plan = powerPlan({
      rps: 10,
      steps: [10, 50, 100],
      intervalMs: 20_000,
      intervalAuto: false,
      maxIntervalMs: 600_000,
      limits: { ...limits, maxLatencyRegression: 0.1 },
      alpha: ALPHA,
    });
    expect(plan.windows.map((w) => [w.step, w.weight, w.canaryRequests])).toEqual([
      [1, 10, 20],
      [2, 50, 100],
    ]);
    expect(plan.lines[0]).toMatch(
      /^power plan: 10 rps, false-rollback-rate 1\.0%, detection with 80% probability/,
    );
    // The smallest accepted budget is printed as itself, not rounded to 0.0%.
    const tiny = powerPlan({
      rps: 10,
      steps: [10, 50, 100],
      intervalMs: 20_000,
      intervalAuto: false,
      maxIntervalMs: 600_000,
      limits,
      alpha: 0.0001,
    });
    expect(tiny.lines[0]).toMatch(/false-rollback-rate 0\.01%,/);
    expect(plan.lines[1]).toMatch(
      /^ {2}step 1 at 10%: 20 s window, ~20 canary requests; detects an error rate ≥ .* and a latency increase ≥ /,
    );
    const w1 = plan.warnings.filter((w) => w.startsWith('step 1 '));
    expect(w1.join('\n')).toMatch(
      /2 × max-latency-regression \(\+20% latency\) is detected in fewer than 80% of windows/,
    );
    expect(w1.join('\n')).toMatch(/a \d+ s window \(interval\) or ~\d+ load-rps would be/);
    expect(plan.windows[0]!.latencyLimitDetectable).toBe(false);
  });

  it('interval: auto sizes each window to the shortest that detects twice the limits, at most max-interval', () => {
    const input = {
      rps: 50,
      steps: [10, 50],
      intervalMs: 600_000,
      intervalAuto: true,
      maxIntervalMs: 600_000,
      limits,
      alpha: ALPHA,
    };
    const plan = powerPlan(input);
    for (const w of plan.windows) {
      expect(w.windowMs).toBeLessThanOrEqual(input.maxIntervalMs);
      expect(w.errorLimitDetectable && w.latencyLimitDetectable).toBe(true);
      // One second shorter no longer detects both.
      const shorter = windowPower(w.weight, w.windowMs - 1000, input);
      expect(shorter.errorLimitDetectable && shorter.latencyLimitDetectable).toBe(false);
    }
    expect(plan.windows[1]!.windowMs).toBeLessThan(plan.windows[0]!.windowMs);
    expect(plan.warnings).toEqual([]);
    // Bounded: at 2 rps nothing short of max-interval is enough, which is said.
    const slow = powerPlan({ ...input, rps: 2, maxIntervalMs: 30_000 });
    expect(slow.windows[0]!.windowMs).toBe(30_000);
    expect(slow.warnings.length).toBeGreaterThan(0);
  });

  it('more load or a longer window never makes a rate harder to detect (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 200 }),
        fc.integer({ min: 5, max: 50 }),
        fc.integer({ min: 5, max: 40 }),
        (rps, weight, seconds) => {
          const s = { rps, alpha: ALPHA, limits, sims: 50 };
          const a = windowPower(weight, seconds * 1000, s).detectableErrorRate ?? 1;
          const b = windowPower(weight, seconds * 2000, s).detectableErrorRate ?? 1;
          const c = windowPower(weight, seconds * 1000, { ...s, rps: rps * 2 }).detectableErrorRate ?? 1;
          expect(b).toBeLessThanOrEqual(a * 1.01);
          expect(c).toBeLessThanOrEqual(a * 1.01);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('requestsToDetect and windowToDetect agree and say what would change the outcome', () => {
    const s = { rps: 100, alpha: ALPHA, limits };
    // A computed window length (the plan's output), not a measured time: nothing here runs a clock.
    const plannedWindow = windowToDetect(10, { errorRate: 0.05 }, s)!;
    expect(plannedWindow).toBeGreaterThan(1000);
    expect(requestsToDetect(10, { errorRate: 0.05 }, s)).toBe(Math.round((100 * plannedWindow) / 1000 / 10));
    expect(windowPower(10, plannedWindow, s).detectableErrorRate!).toBeLessThanOrEqual(0.05 * 1.01);
    expect(windowPower(10, plannedWindow - 1000, s).detectableErrorRate!).toBeGreaterThan(0.05);
  });

  it('settingsPowerPlan reads the inputs: load-rps, steps, interval, false-rollback-rate, the limits', () => {
    const parsed = parseSettings(
      (name) =>
        ({
          cluster: 'sim',
          namespace: 'test',
          steps: '10,100',
          'load-rps': '20',
          interval: '20s',
          'max-latency-regression': '10%',
          'false-rollback-rate': '0.5%',
        })[name] ?? '',
      {},
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan = settingsPowerPlan(parsed.settings, 0)!;
    expect(plan.lines[0]).toMatch(/^power plan: 20 rps, false-rollback-rate 0\.5%/);
    expect(plan.windows).toHaveLength(1);
    expect(plan.windows[0]).toMatchObject({ step: 1, weight: 10, windowMs: 20_000, canaryRequests: 40 });
    expect(plan.warnings.join('\n')).toMatch(/max-latency-regression \(\+20% latency\)/);
    expect(settingsPowerPlan({ ...parsed.settings, metrics: 'prometheus' })).toBeNull();
  });
});
