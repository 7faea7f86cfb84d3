// Detection figures of the statistical judge over many seeds, over the wire: the built-in load
// generator (createMetrics, the real measurement of a step) against the embedded mesh's data
// plane, whose workloads inject errors and latency by their profile (docs/sim.md). Each seed is
// its own data plane (routing and error draws seeded) and its own load generator; several run
// at once to fit the time (each is an independent window on its own sockets).
//
//   npx tsx bench/detection.ts [--seeds 50] [--parallel 10] [--baseline 30] [--windows 500]
//                              [--only errors|latency|false|false-clean|false-errors]
//
// errors:  100 rps, canary at 10%, canary 5% errors, stable none. `--baseline` s of stable-only
//          load first (metrics.baseline), then the weight is written and the window starts:
//          time to detect = from that write to the fail verdict (60 s window).
// latency: same load, both versions log-normal p50 50 ms / p99 250 ms, canary every request
//          ×1.5 (+50%), max-latency-regression 25% (60 s window).
// false:   identical versions, windows of 10 s at 10%, back to back on each generator after the
//          baseline (so stable's record grows as in a run), `--windows` in all: identical
//          error-free versions, and identical versions with 0.5% errors each (max-error-rate 1%):
//          judge-only failures, final verdicts, and windows whose observed canary error rate was
//          above the limit but within chance for a canary at it (the end-of-window rule's pass).
//          false-clean / false-errors run one of the two.
import process from 'node:process';
import { parseArgs } from 'node:util';
import type { AnalysisLimits, StepWindow, Verdict } from '../src/model.js';
import { createMetrics } from '../src/metrics/index.js';
import {
  CANARY,
  HOST,
  NS,
  STABLE,
  startMesh,
  virtualService,
  type VersionProfile,
} from '../__tests__/metrics-mesh.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '50' },
    parallel: { type: 'string', default: '10' },
    baseline: { type: 'string', default: '30' },
    windows: { type: 'string', default: '500' },
    only: { type: 'string' },
  },
});
const seeds = Number(values.seeds);
const parallel = Number(values.parallel);
const baselineMs = Number(values.baseline) * 1000;
const totalWindows = Number(values.windows);
const RPS = 100;
const WEIGHT = 10;
const ALPHA = 0.01;
const limits: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};

function window(intervalMs: number, step: number): StepWindow {
  return {
    step,
    weight: WEIGHT,
    intervalMs,
    signal: new AbortController().signal,
    namespace: NS,
    stableWorkload: STABLE,
    canaryWorkload: CANARY,
  };
}

async function session<T>(
  seed: number,
  stable: VersionProfile,
  canary: VersionProfile,
  body: (m: ReturnType<typeof createMetrics>, setWeight: (w: number) => void) => Promise<T>,
): Promise<T> {
  const mesh = await startMesh(stable, canary, 0, seed);
  const metrics = createMetrics({
    source: 'loadgen',
    limits,
    load: { url: `${mesh.plane.ingressUrl}/`, host: HOST, rps: RPS, connections: 32 },
    sequential: { alpha: ALPHA, beta: 0.05 },
  });
  try {
    return await body(metrics, (w) => mesh.config.apply(virtualService(w)));
  } finally {
    await metrics.close?.();
    await mesh.plane.close();
  }
}

/** Runs fn over 0..n-1, at most `parallel` at once. */
async function pool<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await fn(i);
    }),
  );
  return out;
}

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
};
const judgeFailed = (v: Verdict): boolean => v.reasons.some((r) => r.source === 'judge' && !r.ok);
/** The end-of-window error-rate rule passed a rate above the limit as within chance. */
const withinChance = (v: Verdict): boolean =>
  v.reasons.some((r) => r.metric === 'error-rate' && r.ok && r.message.includes('within chance'));

interface Detection {
  outcome: string;
  ms: number;
  metrics: string;
}

async function detect(
  seed: number,
  stable: VersionProfile,
  canary: VersionProfile,
  base: number,
): Promise<Detection> {
  return session(seed, stable, canary, async (m, setWeight) => {
    await m.baseline(base, new AbortController().signal);
    setWeight(WEIGHT);
    const started = performance.now();
    const v = await m.measure(window(60_000, 1));
    return {
      outcome: v.outcome,
      ms: performance.now() - started,
      metrics: v.reasons
        .filter((r) => !r.ok)
        .map((r) => r.metric)
        .join(','),
    };
  });
}

function summarize(name: string, rows: Detection[]): void {
  const failed = rows.filter((r) => r.outcome === 'fail');
  const times = failed.map((r) => r.ms / 1000);
  const byMetric = new Map<string, number>();
  for (const r of failed) byMetric.set(r.metrics, (byMetric.get(r.metrics) ?? 0) + 1);
  console.log(
    `| ${name} | ${rows.length} | ${failed.length}/${rows.length} | ${q(times, 0.5).toFixed(2)} s | ${q(times, 0.95).toFixed(2)} s | ${Math.max(...times).toFixed(2)} s | ${[...byMetric].map(([k, n]) => `${k} ${n}`).join('; ')} |`,
  );
}

async function falseRollbacks(profile: VersionProfile, label: string): Promise<void> {
  const per = Math.ceil(totalWindows / parallel);
  const results = await pool(parallel, (g) =>
    session(9000 + g, profile, profile, async (m, setWeight) => {
      await m.baseline(baselineMs, new AbortController().signal);
      setWeight(WEIGHT);
      const out: { judge: boolean; final: boolean; chance: boolean; ms: number }[] = [];
      for (let i = 0; i < per; i++) {
        const v = await m.measure(window(10_000, i + 1));
        out.push({
          judge: judgeFailed(v),
          final: v.outcome === 'fail',
          chance: withinChance(v),
          ms: v.durationMs,
        });
      }
      return out;
    }),
  );
  const all = results.flat();
  const judge = all.filter((r) => r.judge).length;
  const final = all.filter((r) => r.final).length;
  const early = all.filter((r) => r.ms < 9_900).length;
  const chance = all.filter((r) => r.chance).length;
  const share = (k: number): string => `${k} (${((100 * k) / all.length).toFixed(2)}%)`;
  console.log(
    `| ${label} | ${all.length} | ${share(judge)} | ${share(final)} | ${share(chance)} | ${early} |`,
  );
}

async function main(): Promise<void> {
  const only = values.only;
  console.log(
    `# ${RPS} rps, canary at ${WEIGHT}%, alpha ${ALPHA}, ${seeds} seeds, ${parallel} at once, stable-only baseline ${baselineMs / 1000} s`,
  );
  if (!only || only === 'errors') {
    console.log('| scenario | seeds | failed | median | p95 | max | failed on |');
    const clean: VersionProfile = { latency: 'p50=2ms,p99=10ms' };
    const rows = await pool(seeds, (i) => detect(100 + i, clean, { ...clean, errorRate: '5%' }, baselineMs));
    summarize(`5% errors, baseline ${baselineMs / 1000} s`, rows);
  }
  if (!only || only === 'latency') {
    const slow: VersionProfile = { latency: 'p50=50ms,p99=250ms' };
    const rows = await pool(seeds, (i) => detect(300 + i, slow, { latency: 'p50=75ms,p99=375ms' }, 0));
    summarize('+50% latency (p50 50→75 ms, p99 250→375 ms)', rows);
  }
  if (!only || only.startsWith('false')) {
    console.log(
      '| identical versions | windows | judge failed | final verdict failed | above the limit, within chance | ended early (pass) |',
    );
    if (only !== 'false-errors')
      await falseRollbacks({ latency: 'p50=20ms,p99=100ms' }, 'no errors, p50 20 ms / p99 100 ms');
    if (only !== 'false-clean')
      await falseRollbacks(
        { latency: 'p50=20ms,p99=100ms', errorRate: '0.5%' },
        '0.5% errors each, max-error-rate 1%',
      );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
