// explainVerdict (src/metrics/why.ts): every fail or inconclusive verdict in one line that names
// the rule, the value, the limit, the sample size and what would change the outcome. The
// verdicts come from the real judges (judgeStep, sequentialLook, connectionFailureReason,
// ScriptedMetrics); the numbers in the line are parsed back and the suggested change is applied
// to the same judge, which must then decide otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePercentage } from '../src/input-parsers.js';
import { judgeStep, sequentialLook, initialSequentialState } from '../src/metrics/analysis.js';
import { connectionFailureReason } from '../src/metrics/index.js';
import {
  EXPLAINED_PREFIXES,
  EXPLAINERS,
  WHY_MAX_CHARS,
  explainVerdict,
  explainerFor,
  kindOf,
} from '../src/metrics/why.js';
import type { AnalysisLimits, Reason, Verdict, VersionStats } from '../src/model.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import { Histogram } from '../src/traffic/histogram.js';
import { UNATTRIBUTED, type VersionRecord } from '../src/traffic/loadgen.js';

const SRC = path.join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/**
 * The metric names Reasons are made with in src/: `metric: 'x'`, `metric = 'x'`, the first
 * argument of the reason/info helpers (`reason('x', …)`, `info('x', …)`), and families
 * `metric: \`check:${…}\`` (returned with their prefix, e.g. "check:").
 */
function metricNamesInSource(): { names: Set<string>; prefixes: Set<string> } {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bmetric\s*[:=]\s*'([^']+)'/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\b(?:reason|info)\(\s*'([a-z0-9-]+)'/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\bmetric\s*[:=]\s*`([a-z-]+:)\$\{/g)) prefixes.add(m[1]!);
  }
  return { names, prefixes };
}

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

describe('every metric a Reason is made with is explained', () => {
  it('finds the metric names in src/ and each has an explainer (a new failing metric needs one)', () => {
    const { names, prefixes } = metricNamesInSource();
    // The scan itself works: the built-in rules are found where they are made.
    for (const known of [
      'requests',
      'error-rate',
      'p99-ms',
      'p99-regression',
      'latency-shift',
      'sequential',
      'load-connection-failures',
      'unattributed',
      'aborted',
      'prometheus',
      'prometheus-warning',
      'script',
    ])
      expect(names, known).toContain(known);
    for (const name of names)
      expect(explainerFor(name), `metric "${name}" has no explainer in why.ts`).not.toBeNull();
    for (const prefix of prefixes)
      expect(Object.keys(EXPLAINED_PREFIXES), `metric family "${prefix}…" has no explainer`).toContain(
        prefix,
      );
  });

  it.each(Object.keys(EXPLAINERS).concat(Object.keys(EXPLAINED_PREFIXES).map((p) => `${p}x`)))(
    'a failing %s reason gives a line naming it, its value and its limit',
    (metric) => {
      const reason: Reason = {
        metric,
        value: 0.5,
        limit: 0.1,
        source: 'loadgen',
        ok: false,
        message: `${metric} broke`,
      };
      const outcome = kindOf(reason) === 'unmeasured' ? 'inconclusive' : 'fail';
      const why = explainVerdict(
        { outcome, reasons: [reason], stable: null, canary: stats(400, 200, 10), durationMs: 10_000 },
        { weight: 10, windowMs: 10_000, rps: 400 },
      );
      expectOneLine(why);
      expect(why.startsWith(`${outcome}: `)).toBe(true);
      expect(why).toContain(metric.replace(/:.*/, ''));
    },
  );
});

describe('a pass has no why', () => {
  it('null for every passing verdict of the judge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 100_000 }), fc.integer({ min: 1, max: 120 }), (n, s) => {
        const v = judgeStep(stats(n * 9, 0, s, 10), stats(n, 0, s, 10), LIMITS, 'loadgen', s * 1000);
        expect(v.outcome).toBe('pass');
        expect(explainVerdict(v, { weight: 10, windowMs: s * 1000, rps: n })).toBeNull();
      }),
    );
  });
});

describe('min-requests', () => {
  const LINE =
    /^inconclusive: (\d+) canary requests < min-requests (\d+) in (\d+) s at (\d+)% of (\d+) rps \(loadgen\); (?:interval ≥ (\d+)s or )?(?:load-rps ≥ (\d+) or )?min-requests ≤ (\d+) would give enough$/;

  it('names the count, the limit, the window and the load; the window, load or limit it names gives enough', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1_000, max: 600_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 5000 }),
        (n, factor, d, weight, rps) => {
          const min = n * factor + 1;
          const limits = { ...LIMITS, minRequests: min };
          const v = judgeStep(stats(n, 0, d / 1000), stats(n, 0, d / 1000), limits, 'loadgen', d);
          expect(v.outcome).toBe('inconclusive');
          const why = explainVerdict(v, { limits, weight, windowMs: d, rps });
          expectOneLine(why);
          const m = LINE.exec(why);
          expect(m, why).not.toBeNull();
          const [, count, shownMin, secs, w, r, interval, load, lower] = m!;
          expect([Number(count), Number(shownMin), Number(w), Number(r)]).toEqual([n, min, weight, rps]);
          expect(Number(secs)).toBe(Math.round(d / 1000));
          const perSecond = n / (d / 1000);
          // The interval: enough canary requests at the observed rate, and the smallest whole second that is.
          if (interval !== undefined) {
            expect(perSecond * Number(interval)).toBeGreaterThanOrEqual(min - 1e-6);
            expect(perSecond * (Number(interval) - 1)).toBeLessThan(min);
          } else expect(min / perSecond).toBeGreaterThan(86_400);
          // The load: the canary's requests scale with it in the same window.
          if (load !== undefined) {
            expect(n * (Number(load) / rps)).toBeGreaterThanOrEqual(min - 1e-6);
            expect(n * ((Number(load) - 1) / rps)).toBeLessThan(min);
          } else expect((rps * min) / n).toBeGreaterThan(100_000);
          // The lower limit passes the same window.
          const lowered = judgeStep(
            null,
            stats(n, 0, d / 1000),
            { ...limits, minRequests: Number(lower) },
            'loadgen',
          );
          expect(reasonOf(lowered, 'requests')?.ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with no canary request at all it says so, and what the weight and the load would give', () => {
    const v = judgeStep(stats(300, 0, 30), null, LIMITS, 'loadgen', 30_000);
    const why = explainVerdict(v, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 10 });
    expectOneLine(why);
    expect(why).toMatch(/^inconclusive: 0 canary requests < min-requests 50 in 30 s at 10% of 10 rps/);
    expect(why).toContain('no canary request was measured');
    // 10% of 10 rps is 1 canary request per second: 50 s for 50.
    expect(why).toContain('interval ≥ 50s');
  });

  it('without the built-in load (Prometheus) it asks for a longer window or more traffic', () => {
    const v = judgeStep(stats(300, 0, 60), stats(20, 0, 60), LIMITS, 'prometheus', 60_000);
    const why = explainVerdict(v, { limits: LIMITS, weight: 5, windowMs: 60_000, rps: null });
    expectOneLine(why);
    expect(why).toBe(
      'inconclusive: 20 canary requests < min-requests 50 in 60 s at 5% (prometheus); interval ≥ 150s or more traffic to the canary or min-requests ≤ 20 would give enough',
    );
    // A window shorter than Prometheus's shortest range (30 s): its counts cover the range.
    const short = judgeStep(stats(300, 0, 30), stats(20, 0, 30), LIMITS, 'prometheus', 10_000);
    expect(explainVerdict(short, { limits: LIMITS, weight: 5, windowMs: 10_000 })).toBe(
      'inconclusive: 20 canary requests < min-requests 50 in 30 s at 5% (prometheus); interval ≥ 75s or more traffic to the canary or min-requests ≤ 20 would give enough',
    );
  });
});

describe('p99-ms and p99-regression', () => {
  it('p99-ms: the value, the limit, the sample; max-p99-ms at the suggested value passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 10_000 }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 1.001, max: 10, noNaN: true }),
        (n, limit, over) => {
          const p99 = limit * over;
          const limits = { ...LIMITS, maxP99Ms: limit };
          const v = judgeStep(null, stats(n, 0, 30, p99), limits, 'loadgen', 30_000);
          const why = explainVerdict(v, { limits, weight: 50, windowMs: 30_000, rps: 10 });
          expectOneLine(why);
          const m =
            /^fail: p99-ms ([\d.]+) ms \((\d+) canary requests, loadgen\) > max-p99-ms ([\d.]+) ms; it would pass with max-p99-ms ≥ (\d+) or a canary p99 ≤ [\d.]+ ms$/.exec(
              why,
            );
          expect(m, why).not.toBeNull();
          expect(Number(m![2])).toBe(n);
          expect(Math.abs(Number(m![1]) - p99) / p99).toBeLessThan(0.01);
          const suggested = Number(m![4]);
          expect(
            reasonOf(
              judgeStep(null, stats(n, 0, 30, p99), { ...limits, maxP99Ms: suggested }, 'loadgen'),
              'p99-ms',
            )?.ok,
          ).toBe(true);
        },
      ),
    );
  });

  it('p99-regression: the shift, the limit, the sample; max-latency-regression at the suggested value passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 100_000 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.integer({ min: 0, max: 20_000 }).map((h) => h / 10_000),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        (n, base, limit, extra) => {
          const p99 = base * (1 + limit + extra);
          const limits = { ...LIMITS, maxLatencyRegression: limit };
          const v = judgeStep(stats(n, 0, 30, base), stats(n, 0, 30, p99), limits, 'loadgen', 30_000);
          expect(v.outcome).toBe('fail');
          const why = explainVerdict(v, { limits, weight: 50, windowMs: 30_000, rps: 100 });
          expectOneLine(why);
          const m =
            /^fail: p99-regression \+([\d.]+)% \(canary p99 vs stable's in the same window; (\d+) canary requests, loadgen\) > max-latency-regression ([\d.]+)%; it would pass with max-latency-regression ≥ ([\d.]+)%$/.exec(
              why,
            );
          expect(m, why).not.toBeNull();
          expect(Number(m![2])).toBe(n);
          const suggested = parsePercentage(`${m![4]}%`);
          const again = judgeStep(
            stats(n, 0, 30, base),
            stats(n, 0, 30, p99),
            { ...limits, maxLatencyRegression: suggested },
            'loadgen',
          );
          expect(reasonOf(again, 'p99-regression')?.ok).toBe(true);
        },
      ),
    );
  });
});

/** Deterministic uniform numbers. */
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

describe('the statistical judge', () => {
  /** A window as the load generator's loadVerdict builds it: the limits' verdict plus the judge's look. */
  function judged(
    canary: { requests: number; errors: number; samplesMs: number[] },
    stable: typeof canary,
    limits: AnalysisLimits,
  ) {
    const look = sequentialLook(initialSequentialState(), stable, canary, limits, 1);
    const v = judgeStep(
      stats(stable.requests, stable.errors, 30, 10),
      stats(canary.requests, canary.errors, 30, 10),
      limits,
      'loadgen',
      30_000,
    );
    if (look.decision === 'fail') v.outcome = 'fail';
    v.reasons.push(...look.reasons);
    return { v, look };
  }

  it('latency-shift: names the shift, the limit and the sample; the suggested regression no longer fails the look', () => {
    const rand = mulberry32(11);
    const sample = (n: number, scale: number) => Array.from({ length: n }, () => scale * (5 + 10 * rand()));
    const stable = { requests: 900, errors: 0, samplesMs: sample(900, 1) };
    const canary = { requests: 100, errors: 0, samplesMs: sample(100, 2) };
    const { v } = judged(canary, stable, LIMITS);
    expect(v.outcome).toBe('fail');
    const why = explainVerdict(v, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 33 });
    expectOneLine(why);
    const m =
      /^fail: latency-shift \+([\d.]+)% \(Hodges-Lehmann.*; 100 canary requests, judge\) > max-latency-regression 25%; it would pass with max-latency-regression ≥ ([\d.]+)%$/.exec(
        why,
      );
    expect(m, why).not.toBeNull();
    const suggested = parsePercentage(`${m![2]}%`);
    const again = sequentialLook(
      initialSequentialState(),
      stable,
      canary,
      { ...LIMITS, maxLatencyRegression: suggested },
      1,
    );
    expect(again.reasons.filter((r) => r.metric === 'latency-shift')).toEqual([]);
  });

  it("error-rate: the judge's fail names the counts; the suggested limit no longer fails the look", () => {
    const same = Array.from({ length: 50 }, (_, i) => 10 + (i % 7));
    const stable = { requests: 4000, errors: 4, samplesMs: same };
    const canary = { requests: 400, errors: 40, samplesMs: same };
    const { v } = judged(canary, stable, LIMITS);
    expect(v.reasons.some((r) => r.metric === 'error-rate' && r.source === 'judge' && !r.ok)).toBe(true);
    // Only the judge's reason, as when it fails a window early.
    const judgeOnly = {
      ...v,
      reasons: v.reasons.filter((r) => r.source === 'judge' || r.metric === 'requests'),
    };
    const why = explainVerdict(judgeOnly, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 150 });
    expectOneLine(why);
    const m =
      /^fail: error-rate 10% \(40 errors in 400 canary requests, judge; statistical judge: the excess is beyond chance\) > max-error-rate 1%; it would pass with max-error-rate ≥ ([\d.]+)% or at most 4 errors in 400 requests$/.exec(
        why,
      );
    expect(m, why).not.toBeNull();
    const again = sequentialLook(
      initialSequentialState(),
      stable,
      canary,
      { ...LIMITS, maxErrorRate: parsePercentage(`${m![1]}%`) },
      1,
    );
    expect(again.decision).not.toBe('fail');
  });
});

describe('the statistical judge fails a window before min-requests', () => {
  it("the judge's error-rate is the deciding rule, and min-requests is not listed", () => {
    const same = Array.from({ length: 30 }, (_, i) => 10 + (i % 5));
    const stable = { requests: 191, errors: 0, samplesMs: same };
    const canary = { requests: 12, errors: 3, samplesMs: same.slice(0, 12) };
    const limits = { ...LIMITS, minRequests: 20 };
    const look = sequentialLook(initialSequentialState(), stable, canary, limits, 0.2);
    expect(look.decision).toBe('fail');
    // As the load generator's loadVerdict builds it: the limits' verdict (inconclusive), the judge's reasons, fail.
    const v = judgeStep(stats(191, 0, 1, 12), stats(12, 3, 1, 12), limits, 'loadgen', 1000);
    expect(v.outcome).toBe('inconclusive');
    v.outcome = 'fail';
    v.reasons.push(...look.reasons);
    const why = explainVerdict(v, { limits, weight: 10, windowMs: 5000, rps: 200 });
    expectOneLine(why);
    expect(why).toMatch(
      /^fail: error-rate 25% \(3 errors in 12 canary requests, judge; statistical judge: the excess is beyond chance\) > max-error-rate 1%; it would pass with max-error-rate ≥ 25% or at most 0 errors in 12 requests$/,
    );
  });
});

describe('windows that cannot be judged', () => {
  const record = (count: number, errorsByKind: Record<string, number> = {}): VersionRecord => ({
    count,
    errors: Object.values(errorsByKind).reduce((a, b) => a + b, 0),
    errorsByKind,
    statuses: {},
    histogram: new Histogram(),
    samplesMs: [],
  });

  it('load-connection-failures: the counts, the cause, the rate they would make and what would let it be judged', () => {
    const snap = {
      versions: new Map([
        ['stable', record(554)],
        ['canary', record(60)],
        [UNATTRIBUTED, record(386, { refused: 380, timeout: 6 })],
      ]),
    };
    const lost = connectionFailureReason(snap, 'http://127.0.0.1:9/', 0.01)!;
    const v = judgeStep(
      stats(554, 0, 30),
      stats(60, 0, 30),
      { ...LIMITS, minRequests: 20 },
      'loadgen',
      30_000,
    );
    v.outcome = 'inconclusive';
    v.reasons.push(lost);
    const why = explainVerdict(v, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 33 });
    expectOneLine(why);
    expect(why).toMatch(
      /^inconclusive: load-connection-failures: 386 of 1000 load requests got no HTTP response \(380 connection refused \(ECONNREFUSED\), 6 no response within the request timeout\); as the canary's: error rate 86\.55% > max-error-rate 1% \(60 canary requests\); fix the cause or set max-error-rate ≥ 86\.55%$/,
    );
  });

  it('an inconclusive window names its cause before a failing rule of a window too small to judge', () => {
    const v = judgeStep(null, stats(20, 10, 30), LIMITS, 'loadgen', 30_000);
    expect(v.outcome).toBe('inconclusive');
    const why = explainVerdict(v, { limits: LIMITS, weight: 10, windowMs: 30_000, rps: 10 });
    expectOneLine(why);
    expect(why).toMatch(
      /^inconclusive: 20 canary requests < min-requests 50 .* would give enough; also: error-rate 50% \(limit 1%\)$/,
    );
  });

  it('a scripted verdict (tests, demos) says it is scripted', async () => {
    const m = new ScriptedMetrics({ script: ['fail'] });
    const v = await m.measure({
      step: 1,
      weight: 10,
      intervalMs: 0,
      signal: new AbortController().signal,
      namespace: 'n',
      stableWorkload: 's',
      canaryWorkload: 'c',
    });
    const why = explainVerdict(v, { weight: 10, windowMs: 0 });
    expectOneLine(why);
    expect(why).toMatch(
      /^fail: script: scripted fail for step 1 at 10% \(window 1\) \(a scripted verdict of a test, no traffic judged\)$/,
    );
  });
});

describe('checks and gates', () => {
  const base = (reasons: Reason[], outcome: Verdict['outcome']): Verdict => ({
    outcome,
    reasons: [
      { metric: 'requests', value: 300, limit: 50, source: 'prometheus', ok: true, message: 'ok' },
      ...reasons,
    ],
    stable: null,
    canary: stats(300, 0, 30),
    durationMs: 30_000,
  });

  it('a check outside its range names the bound it crossed and the bound that would pass', () => {
    const low: Reason = {
      metric: 'check:success',
      value: 97.5,
      limit: 99,
      source: 'prometheus',
      ok: false,
      message: 'check success: 97.5 is outside [99, ∞) (prometheus)',
    };
    const high: Reason = {
      ...low,
      metric: 'check:latency',
      value: 812,
      limit: 500,
      message: 'check latency: 812 is outside (-∞, 500] (prometheus)',
    };
    const a = explainVerdict(base([low], 'fail'), { weight: 10, windowMs: 30_000 });
    const b = explainVerdict(base([high], 'fail'), { weight: 10, windowMs: 30_000 });
    expectOneLine(a);
    expectOneLine(b);
    expect(a).toMatch(
      /^fail: check success 97\.5 < its min 99 \(300 canary requests, prometheus; .*\); it would pass with min ≤ 97\.5 in the checks input$/,
    );
    expect(b).toMatch(
      /^fail: check latency 812 > its max 500 \(300 canary requests, prometheus; .*\); it would pass with max ≥ 812 in the checks input$/,
    );
  });

  it('the bound a check names passes its value, whatever its digits', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.boolean(), (value, above) => {
        const limit = above ? value - Math.abs(value) * 0.5 - 1 : value + Math.abs(value) * 0.5 + 1;
        const r: Reason = {
          metric: 'check:c',
          value,
          limit,
          source: 'prometheus',
          ok: false,
          message: 'check c',
        };
        const why = explainVerdict(base([r], 'fail'), { weight: 10, windowMs: 30_000 });
        expectOneLine(why);
        const m = /it would pass with (max|min) (≥|≤) (\S+) in the checks input$/.exec(why);
        expect(m, why).not.toBeNull();
        expect(m![1]).toBe(above ? 'max' : 'min');
        const bound = Number(m![3]);
        if (above) expect(value <= bound).toBe(true);
        else expect(value >= bound).toBe(true);
      }),
    );
  });

  it('a check without data is inconclusive with its query, and comes before the rules that passed', () => {
    const none: Reason = {
      metric: 'check:errors',
      value: null,
      limit: 1,
      source: 'prometheus',
      ok: false,
      message:
        'check errors is inconclusive: the query returned no data: sum(rate(x{a="b"}[30s])) (prometheus)',
    };
    const why = explainVerdict(base([none], 'inconclusive'), { weight: 10, windowMs: 30_000 });
    expectOneLine(why);
    expect(why).toBe(
      'inconclusive: check errors has no value (the query returned no data: sum(rate(x{a="b"}[30s]))); it would be judged once its query returns data for the canary',
    );
  });

  it('a gate that failed: its own message (exit code, output) and what lets the step go on, the output cut to fit', () => {
    const gate: Reason = {
      metric: 'gate:smoke',
      value: 3,
      limit: null,
      source: 'test',
      ok: false,
      message: `gate smoke (before step 2) failed: exit code 3 after 1.2s; last output: ${'FAIL test_checkout '.repeat(40)}`,
    };
    const why = explainVerdict(
      { outcome: 'fail', reasons: [gate], stable: null, canary: null, durationMs: 0 },
      { weight: 10, windowMs: 0 },
    );
    expectOneLine(why);
    expect(why).toMatch(
      /^fail: gate smoke \(before step 2\) failed: exit code 3 after 1\.2s; last output: FAIL test_checkout .*…; the step goes on once the gate succeeds \(exit 0, or a 2xx answer\)$/,
    );
  });
});

describe('a gate run for real', () => {
  it('a command gate that exits 3: the gate, its moment, its exit code and its output, and what lets the step go on', async () => {
    const { parseGates } = await import('../src/gates/spec.js');
    const { runGates } = await import('../src/gates/run.js');
    const code = "console.log('checkout test FAILED: expected 200, got 500'); process.exit(3)";
    const gates = parseGates(
      `- {name: smoke, when: pre-step, run: [${JSON.stringify(process.execPath)}, -e, ${JSON.stringify(code)}]}`,
    );
    const v = await runGates(
      gates,
      {
        phase: 'pre-step',
        command: 'run',
        namespace: 'n',
        virtualService: 'vs',
        route: 'r',
        stableSubset: 'stable',
        canarySubset: 'canary',
        stableWorkload: 's',
        canaryWorkload: 'c',
        canaryImage: null,
        weight: 10,
        nextWeight: 50,
        step: 2,
        steps: [10, 50, 100],
        runId: 'test',
        loadUrl: null,
        loadHost: null,
      },
      {
        logger: {
          info: () => undefined,
          warning: () => undefined,
          error: () => undefined,
          debug: () => undefined,
        },
        signal: new AbortController().signal,
        cwd: process.cwd(),
        env: {},
      },
    );
    expect(v?.outcome).toBe('fail');
    const why = explainVerdict(v!, { weight: 50, windowMs: 0 });
    expectOneLine(why);
    expect(why).toMatch(
      /^fail: gate smoke \(pre-step\) failed: exit code 3 after .*; last output: checkout test FAILED: expected 200, got 500; the step goes on once the gate succeeds \(exit 0, or a 2xx answer\)$/,
    );
  });
});

describe('hostile text', () => {
  it('any reason text stays one line, within the cap, and the change that would alter the outcome is never cut', () => {
    const metrics = [...Object.keys(EXPLAINERS), 'check:c', 'gate:g', 'something-new'];
    fc.assert(
      fc.property(
        fc.constantFrom(...metrics),
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.option(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { nil: null }),
        fc.option(fc.double({ noNaN: true, min: 0, max: 1e6 }), { nil: null }),
        (metric, message, value, limit) => {
          const reason: Reason = {
            metric,
            value,
            limit,
            source: 'prometheus',
            ok: false,
            message: `${message}\n## injected`,
          };
          const extra: Reason = { ...reason, metric: 'p99-ms', message: 'x'.repeat(5000) };
          const outcome = kindOf(reason) === 'unmeasured' ? 'inconclusive' : 'fail';
          const v: Verdict = {
            outcome,
            reasons: [reason, extra],
            stable: null,
            canary: stats(10, 1, 1),
            durationMs: 1000,
          };
          const why = explainVerdict(v, { weight: 1, windowMs: 1000, rps: 1 });
          expectOneLine(why);
          expect(why).not.toContain('\n## injected');
          // The explained reason's tail (what would change it) is whole: the cap never cut it.
          expect(why.endsWith('…')).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });
});
