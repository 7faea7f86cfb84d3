// Seeded simulated windows through the real statistical judge (sequentialLook), with no wall
// clock: requests arrive every 1/rps s, each the canary's with probability weight, errors and
// log-normal latencies drawn like the embedded mesh's profiles, a look every lookMs as
// createMetrics does, and optionally a stable-only baseline before the window (the load that
// ran before the first weight moved). Shared by the judge and power tests.
import type { AnalysisLimits } from '../../src/model.js';
import {
  DEFAULT_SEQUENTIAL,
  initialSequentialState,
  sequentialLook,
  type SequentialOptions,
} from '../../src/metrics/analysis.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimProfile {
  errorRate: number;
  /** Log-normal latency fitted to p50 and p99 (ms); omit both to skip latencies (errors only, fast). */
  p50?: number;
  p99?: number;
}

export interface SimWindow {
  rps: number;
  /** Canary weight in percent. */
  weight: number;
  windowMs: number;
  lookMs?: number;
  /** Stable-only traffic before the window (ms). */
  baselineMs?: number;
  limits: AnalysisLimits;
  options?: SequentialOptions;
  reservoir?: number;
}

export interface SimResult {
  decision: 'fail' | 'pass' | 'continue';
  /** ms from the window's start to the decision (windowMs when it never came). */
  atMs: number;
  canaryRequests: number;
  metrics: string[];
}

function lognormal(rand: () => number, p: SimProfile): (() => number) | null {
  if (p.p50 === undefined || p.p99 === undefined) return null;
  const p50 = p.p50;
  const sigma = Math.log(p.p99 / p50) / 2.3263478740408408;
  return () => {
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    return p50 * Math.exp(sigma * z);
  };
}

export function simulateWindow(
  seed: number,
  stableP: SimProfile,
  canaryP: SimProfile,
  w: SimWindow,
): SimResult {
  const rand = mulberry32(seed);
  const lookMs = w.lookMs ?? 250;
  const cap = w.reservoir ?? 2000;
  const draw = { stable: lognormal(rand, stableP), canary: lognormal(rand, canaryP) };
  const blank = () => ({ requests: 0, errors: 0, samplesMs: [] as number[], seen: 0 });
  const data = { stable: blank(), canary: blank() };
  const history = { requests: 0, errors: 0 };
  const gap = 1000 / w.rps;
  for (let t = 0; t < (w.baselineMs ?? 0); t += gap) {
    history.requests++;
    if (rand() < stableP.errorRate) history.errors++;
  }
  let state = initialSequentialState();
  let t = 0;
  for (let look = lookMs; ; look = Math.min(w.windowMs, look + lookMs)) {
    for (; t < look; t += gap) {
      const v = rand() * 100 < w.weight ? 'canary' : 'stable';
      const p = v === 'canary' ? canaryP : stableP;
      const d = data[v];
      d.requests++;
      if (rand() < p.errorRate) d.errors++;
      const ms = draw[v]?.();
      if (ms === undefined) continue;
      d.seen++;
      if (d.samplesMs.length < cap) d.samplesMs.push(ms);
      else {
        const j = Math.floor(rand() * d.seen);
        if (j < cap) d.samplesMs[j] = ms;
      }
    }
    const r = sequentialLook(
      state,
      { ...data.stable, history },
      data.canary,
      w.limits,
      look / w.windowMs,
      w.options ?? DEFAULT_SEQUENTIAL,
    );
    state = r.state;
    if (r.decision !== 'continue' || look >= w.windowMs)
      return {
        decision: r.decision,
        atMs: look,
        canaryRequests: data.canary.requests,
        metrics: r.reasons.filter((x) => !x.ok).map((x) => x.metric),
      };
  }
}

/** ln(n choose k) by summing logs (exact enough for n ≤ a few thousand). */
function lnChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/**
 * The fewest successes out of n that a process succeeding with probability ≥ p shows except
 * with probability ≤ tail: P(X < k) ≤ tail for X ~ Binomial(n, p).
 */
export function binomialLowerBound(n: number, p: number, tail = 1e-6): number {
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    const pk = Math.exp(lnChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
    if (cdf + pk > tail) return k;
    cdf += pk;
  }
  return n;
}

/** The most events out of n that a process with rate ≤ p shows except with probability ≤ tail. */
export function binomialUpperBound(n: number, p: number, tail = 1e-6): number {
  return n - binomialLowerBound(n, 1 - p, tail);
}
