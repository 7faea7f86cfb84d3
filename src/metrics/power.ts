// The power plan (pure): before the first step, what each window can detect at the configured
// false-rollback rate, computed from the real judge (src/metrics/analysis.ts), not from a
// textbook formula:
// - errors: the exact probability that sequentialLook fails the canary on errors within the
//   window. The smallest failing canary error count at each look is found by calling the judge
//   itself (stable error-free, the canary's and stable's request counts as the load and weight
//   give them); the canary's error count is then a binomial process across looks, and a dynamic
//   program over it gives P(the count ever reaches the judge's threshold);
// - latency: the judge's one-sided Mann-Whitney at each look's share of the latency budget, with
//   its Hodges-Lehmann condition (shift > max-latency-regression). U is simulated through its
//   Hájek projection (each sample's rank probability against the other version's distribution),
//   for a service whose latency is log-normal with p99 = spread × p50 (default 5, the embedded
//   mesh's default profile) and a canary that multiplies every latency by 1 + shift. Seeded,
//   with the same draws for every shift tried, so the plan is deterministic.
// Stable's record before a window counts only the stable-only baseline (earlier windows may end
// early, so their traffic is not counted on): the plan errs on the side of less power.
// Early passes are ignored: they need the canary's errors and latency clearly within the limits.
import type { AnalysisLimits } from '../model.js';
import type { Settings } from '../settings.js';
import {
  MIN_LATENCY_SAMPLES,
  SHARE_LATENCY,
  initialSequentialState,
  sequentialLook,
  spent,
} from './analysis.js';
import { lnGamma, normalUpperTail } from './stats.js';

/**
 * Stable-only load before the first weight moves (metrics.baseline): with 30 s at the load's rate
 * the error test's record of stable is ~10 times the first window's stable traffic at 10%, which
 * makes the second canary error conclusive (src/metrics/analysis.ts).
 */
export const BASELINE_MS = 30_000;

/** Latency samples the load generator keeps per version per window (LoadOptions.reservoirSize's default). */
export const RESERVOIR = 2000;
/** Default probability of detection the plan sizes for. */
export const DEFAULT_POWER = 0.8;
/** Default p99/p50 of the log-normal latency assumed for the latency power. */
export const DEFAULT_SPREAD = 5;
/** The user's limits count as detectable when a canary at this multiple of them is. */
export const LIMIT_MULTIPLE = 2;
const Z99 = 2.3263478740408408;

export interface PowerSettings {
  /** load-rps. */
  rps: number;
  /** The judge's alpha (false-rollback-rate). */
  alpha: number;
  limits: AnalysisLimits;
  /** How often the judge looks (createMetrics' lookEveryMs); default 250 ms. */
  lookMs?: number;
  /** Stable-only load before the first step (metrics.baseline), ms; default 0. */
  baselineMs?: number;
  /** Probability of detection; default 0.8. */
  power?: number;
  /** p99/p50 of the service's (log-normal) latency; default 5. */
  spread?: number;
  /** Seed of the latency simulation; default 1. */
  seed?: number;
  /** Simulated windows per latency power estimate; default 200. */
  sims?: number;
}

export interface PowerInput extends PowerSettings {
  /** Canary weights in percent, one per step (the 100% step, if any, has no stable to compare). */
  steps: readonly number[];
  intervalMs: number;
  intervalAuto: boolean;
  maxIntervalMs: number;
}

export interface WindowPower {
  step: number;
  weight: number;
  windowMs: number;
  canaryRequests: number;
  stableRequests: number;
  /** Smallest canary error rate the judge fails within the window with `power` (stable error-free); null: none ≤ 50%. */
  detectableErrorRate: number | null;
  /** Smallest latency increase (0.5 = every request 50% slower) failed with `power`; null: none ≤ +1000%. */
  detectableLatencyShift: number | null;
  /** A canary at LIMIT_MULTIPLE × max-error-rate / × max-latency-regression is detected with `power`. */
  errorLimitDetectable: boolean;
  latencyLimitDetectable: boolean;
}

export interface PowerPlan {
  windows: WindowPower[];
  /** To print before the first step. */
  lines: string[];
  warnings: string[];
}

interface Look {
  tMs: number;
  nc: number;
  ns: number;
}

/** The looks of a window: every lookMs, thinned to at most maxLooks (the last one at the window's end). */
function looksOf(rps: number, weight: number, windowMs: number, lookMs: number, maxLooks = 400): Look[] {
  const every = Math.max(lookMs, windowMs / maxLooks);
  const looks: Look[] = [];
  for (let t = every; ; t += every) {
    const tMs = Math.min(windowMs, t);
    const total = (rps * tMs) / 1000;
    looks.push({
      tMs,
      nc: Math.round((total * weight) / 100),
      ns: Math.round((total * (100 - weight)) / 100),
    });
    if (tMs >= windowMs) return looks;
  }
}

/** The fewest canary errors out of nc at which the judge fails (stable error-free), Infinity if none. */
export function errorThreshold(nc: number, ns: number, stableBefore: number, s: PowerSettings): number {
  const fails = (x: number): boolean =>
    sequentialLook(
      initialSequentialState(),
      { requests: ns, errors: 0, samplesMs: [], history: { requests: stableBefore, errors: 0 } },
      { requests: nc, errors: x, samplesMs: [] },
      s.limits,
      1,
      { alpha: s.alpha, beta: 0.05 },
    ).decision === 'fail';
  // Failing is monotone in x (both error statistics grow with the canary's errors): bisect.
  if (nc < 1 || !fails(nc)) return Infinity;
  let lo = 0;
  let hi = nc;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function binomialPmf(n: number, q: number, upTo: number): Float64Array {
  const out = new Float64Array(upTo + 1);
  if (n === 0) {
    out[0] = 1;
    return out;
  }
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  const lnFactN = lnGamma(n + 1);
  let sum = 0;
  // Beyond 12 standard deviations of the mean the terms are below 1e-30: skip them.
  const sd = Math.sqrt(n * q * (1 - q));
  const from = Math.max(0, Math.floor(n * q - 12 * sd - 1));
  const to = Math.min(upTo - 1, n, Math.ceil(n * q + 12 * sd + 1));
  for (let j = from; j <= to; j++) {
    out[j] = Math.exp(lnFactN - lnGamma(j + 1) - lnGamma(n - j + 1) + j * lq + (n - j) * l1q);
    sum += out[j]!;
  }
  out[upTo] = Math.max(0, 1 - sum); // "upTo or more"
  return out;
}

/** P(the judge fails a canary with error rate q on errors within these looks), exactly (stable error-free). */
function errorFailProbability(q: number, looks: Look[], thresholds: number[]): number {
  const finite = thresholds.filter(Number.isFinite);
  if (finite.length === 0 || !(q > 0)) return 0;
  const cap = Math.max(...finite);
  let dist = new Float64Array(cap + 1);
  dist[0] = 1;
  let failed = 0;
  let prev = 0;
  looks.forEach((look, k) => {
    const dn = look.nc - prev;
    prev = look.nc;
    if (dn > 0) {
      const pmf = binomialPmf(dn, q, cap);
      const next = new Float64Array(cap + 1);
      for (let x = 0; x <= cap; x++) {
        const px = dist[x]!;
        if (px === 0) continue;
        for (let j = 0; x + j <= cap; j++) next[Math.min(cap, x + j)]! += px * pmf[j]!;
        // The pmf's mass beyond cap - x lands in the "cap or more" bin.
        let beyond = 0;
        for (let j = cap - x + 1; j <= cap; j++) beyond += pmf[j]!;
        next[cap]! += px * beyond;
      }
      dist = next;
    }
    const c = thresholds[k]!;
    if (Number.isFinite(c))
      for (let x = c; x <= cap; x++) {
        failed += dist[x]!;
        dist[x] = 0;
      }
  });
  return failed;
}

/** Smallest q in (lo, hi] with f(q) ≥ target for an increasing f (geometric bisection); null if f(hi) < target. */
function smallestReaching(f: (q: number) => number, target: number, lo: number, hi: number): number | null {
  if (f(hi) < target) return null;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 40 && b / a > 1.005; i++) {
    const m = Math.sqrt(a * b);
    if (f(m) >= target) b = m;
    else a = m;
  }
  return b;
}

const Phi = (x: number): number => 1 - normalUpperTail(x);

/** Hodges-Lehmann shift / stable median for log-normal latencies (sigma) when the canary's are `factor` times: the population value. */
export function hodgesLehmannRatio(factor: number, sigma: number): number {
  // P(factor·A − B ≤ h) with A, B log-normal of median 1: integrate over B on a normal grid.
  const cdf = (h: number): number => {
    let s = 0;
    let wsum = 0;
    for (let w = -6; w <= 6; w += 0.05) {
      const weight = Math.exp(-0.5 * w * w);
      const b = Math.exp(sigma * w);
      wsum += weight;
      if (h + b > 0) s += weight * Phi(Math.log((h + b) / factor) / sigma);
    }
    return s / wsum;
  };
  let lo = -10;
  let hi = 10 * factor;
  for (let i = 0; i < 60; i++) {
    const m = (lo + hi) / 2;
    if (cdf(m) >= 0.5) hi = m;
    else lo = m;
  }
  return (lo + hi) / 2;
}

/** Standard normal draws from a seeded xorshift (Box-Muller). */
function normals(seed: number, n: number): Float64Array {
  let s = seed >>> 0 || 0x9e3779b9;
  const u = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return out;
}

/** P(the judge fails a canary `1 + shift` times slower on latency within these looks), simulated (see the top). */
export function latencyFailProbability(
  shift: number,
  looks: Look[],
  windowMs: number,
  s: PowerSettings,
): number {
  const sigma = Math.log(s.spread ?? DEFAULT_SPREAD) / Z99;
  const delta = Math.log1p(shift) / sigma; // the shift in standard deviations of log latency
  if (hodgesLehmannRatio(1 + shift, sigma) <= s.limits.maxLatencyRegression) return 0;
  const last = looks[looks.length - 1]!;
  const rc = Math.min(RESERVOIR, last.nc);
  const rs = Math.min(RESERVOIR, last.ns);
  const sims = s.sims ?? 200;
  const z = normals(s.seed ?? 1, sims * (rc + rs));
  const theta = Phi(delta / Math.SQRT2);
  const budget = s.alpha * SHARE_LATENCY;
  let failed = 0;
  const sa = new Float64Array(rc + 1);
  const sb = new Float64Array(rs + 1);
  for (let k = 0; k < sims; k++) {
    const off = k * (rc + rs);
    for (let i = 0; i < rc; i++) sa[i + 1] = sa[i]! + Phi(z[off + i]! + delta);
    for (let j = 0; j < rs; j++) sb[j + 1] = sb[j]! + 1 - Phi(z[off + rc + j]! - delta);
    let prevT = 0;
    for (const look of looks) {
      const t = look.tMs / windowMs;
      const increment = spent(t) - spent(prevT);
      prevT = t;
      const a = Math.min(RESERVOIR, look.nc);
      const b = Math.min(RESERVOIR, look.ns);
      if (a < MIN_LATENCY_SAMPLES || b < MIN_LATENCY_SAMPLES) continue;
      const thetaHat = sa[a]! / a + sb[b]! / b - theta;
      const sd = Math.sqrt((a * b * (a + b + 1)) / 12);
      if (normalUpperTail(((thetaHat - 0.5) * a * b - 0.5) / sd) < budget * increment) {
        failed++;
        break;
      }
    }
  }
  return failed / sims;
}

/** Requests of each version in a window of this length. */
function counts(rps: number, weight: number, windowMs: number): { nc: number; ns: number } {
  const total = (rps * windowMs) / 1000;
  return { nc: Math.round((total * weight) / 100), ns: Math.round((total * (100 - weight)) / 100) };
}

/** What one window can detect. */
export function windowPower(weight: number, windowMs: number, s: PowerSettings): Omit<WindowPower, 'step'> {
  const power = s.power ?? DEFAULT_POWER;
  const looks = looksOf(s.rps, weight, windowMs, s.lookMs ?? 250);
  const stableBefore = Math.round((s.rps * (s.baselineMs ?? 0)) / 1000);
  const thresholds = looks.map((l) => errorThreshold(l.nc, l.ns, stableBefore, s));
  const errP = (q: number): number => errorFailProbability(q, looks, thresholds);
  const latP = (shift: number): number => latencyFailProbability(shift, looks, windowMs, s);
  const { nc, ns } = counts(s.rps, weight, windowMs);
  const errorTarget = LIMIT_MULTIPLE * s.limits.maxErrorRate;
  const latencyTarget = LIMIT_MULTIPLE * s.limits.maxLatencyRegression;
  return {
    weight,
    windowMs,
    canaryRequests: nc,
    stableRequests: ns,
    detectableErrorRate: smallestReaching(errP, power, 1e-4, 0.5),
    detectableLatencyShift: smallestReaching(latP, power, 0.005, 10),
    errorLimitDetectable: errorTarget > 0 && errorTarget < 0.5 && errP(errorTarget) >= power,
    latencyLimitDetectable: latencyTarget > 0 && latP(latencyTarget) >= power,
  };
}

/**
 * The shortest window (ms, 1 s resolution, at most maxMs) at this weight in which a canary with
 * this error rate and/or latency shift is failed with the plan's power; null when even maxMs is
 * too short. For "what would change the outcome".
 */
export function windowToDetect(
  weight: number,
  target: { errorRate?: number; latencyShift?: number },
  s: PowerSettings,
  maxMs = 86_400_000,
): number | null {
  const power = s.power ?? DEFAULT_POWER;
  const stableBefore = Math.round((s.rps * (s.baselineMs ?? 0)) / 1000);
  const ok = (ms: number): boolean => {
    const looks = looksOf(s.rps, weight, ms, s.lookMs ?? 250);
    if (target.errorRate !== undefined) {
      const thresholds = looks.map((l) => errorThreshold(l.nc, l.ns, stableBefore, s));
      if (errorFailProbability(target.errorRate, looks, thresholds) < power) return false;
    }
    if (
      target.latencyShift !== undefined &&
      latencyFailProbability(target.latencyShift, looks, ms, s) < power
    )
      return false;
    return true;
  };
  // Doubling from 1 s first: the answer is usually seconds or minutes, not a day.
  let lo = 0;
  let hi = 0;
  for (let ms = 1000; hi === 0; ms = Math.min(maxMs, ms * 2)) {
    if (ok(ms)) hi = ms;
    else if (ms >= maxMs) return null;
    else lo = ms;
  }
  while (hi - lo > 1000) {
    const mid = Math.round((lo + hi) / 2 / 1000) * 1000;
    if (mid <= lo || mid >= hi) break;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Canary requests a window needs for this error rate / latency shift to be failed with the plan's power (at this weight). */
export function requestsToDetect(
  weight: number,
  target: { errorRate?: number; latencyShift?: number },
  s: PowerSettings,
): number | null {
  const ms = windowToDetect(weight, target, s);
  return ms === null ? null : counts(s.rps, weight, ms).nc;
}

/** A fraction as a percent: 80%, 1.0%, 0.5%, and two significant digits below 0.1% (0.0001 → 0.01%). */
const pct = (v: number): string =>
  v >= 0.1
    ? `${(v * 100).toFixed(0)}%`
    : v >= 0.001
      ? `${(v * 100).toFixed(1)}%`
      : `${Number((v * 100).toPrecision(2))}%`;
const secs = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** The plan of a promotion: one window per step below 100%, sized when intervalAuto. */
export function powerPlan(input: PowerInput): PowerPlan {
  const power = input.power ?? DEFAULT_POWER;
  const errorTarget = LIMIT_MULTIPLE * input.limits.maxErrorRate;
  const latencyTarget = LIMIT_MULTIPLE * input.limits.maxLatencyRegression;
  const windows: WindowPower[] = [];
  const warnings: string[] = [];
  const lines = [
    `power plan: ${input.rps} rps, false-rollback-rate ${pct(input.alpha)}, detection with ${pct(power)} probability${input.baselineMs ? `, ${secs(input.baselineMs)} of stable-only load first` : ''} (errors: stable error-free; latency: log-normal with p99 = ${input.spread ?? DEFAULT_SPREAD} × p50, every canary request slower by the shift)`,
  ];
  input.steps.forEach((weight, i) => {
    const step = i + 1;
    if (weight >= 100 || weight <= 0) return;
    let windowMs = input.intervalMs;
    if (input.intervalAuto) {
      const target = {
        ...(errorTarget > 0 && errorTarget < 0.5 ? { errorRate: errorTarget } : {}),
        ...(latencyTarget > 0 ? { latencyShift: latencyTarget } : {}),
      };
      windowMs = windowToDetect(weight, target, input, input.maxIntervalMs) ?? input.maxIntervalMs;
    }
    const w: WindowPower = { step, ...windowPower(weight, windowMs, input) };
    windows.push(w);
    lines.push(
      `  step ${step} at ${weight}%: ${secs(windowMs)} window${input.intervalAuto ? ' (auto)' : ''}, ~${w.canaryRequests} canary requests; detects an error rate ≥ ${w.detectableErrorRate === null ? '— (none ≤ 50%)' : pct(w.detectableErrorRate)} and a latency increase ≥ ${w.detectableLatencyShift === null ? '— (none ≤ +1000%)' : `+${pct(w.detectableLatencyShift)}`}`,
    );
    const advise = (what: string, target: { errorRate?: number; latencyShift?: number }): void => {
      const need = windowToDetect(weight, target, input);
      const rpsNeeded = need === null ? null : Math.ceil((input.rps * need) / windowMs);
      warnings.push(
        `step ${step} (${weight}%, ${secs(windowMs)}, ~${w.canaryRequests} canary requests): ${what} is detected in fewer than ${pct(power)} of windows at false-rollback-rate ${pct(input.alpha)}; ${need === null ? 'no window of a day is enough at this load' : `a ${secs(need)} window (interval${input.intervalAuto ? `/max-interval` : ''}) or ~${rpsNeeded} load-rps would be`}`,
      );
    };
    if (errorTarget > 0 && errorTarget < 0.5 && !w.errorLimitDetectable)
      advise(`a canary at ${LIMIT_MULTIPLE} × max-error-rate (${pct(errorTarget)} errors)`, {
        errorRate: errorTarget,
      });
    if (latencyTarget > 0 && !w.latencyLimitDetectable)
      advise(`a canary at ${LIMIT_MULTIPLE} × max-latency-regression (+${pct(latencyTarget)} latency)`, {
        latencyShift: latencyTarget,
      });
  });
  return { windows, lines, warnings };
}

/**
 * The plan of a run from its Settings, with the stable-only baseline the run gives the load
 * before the first step (0 if none); null with metrics: prometheus (no built-in load to size
 * windows by: the service's own traffic rate is not known before the first window).
 */
export function settingsPowerPlan(
  settings: Pick<
    Settings,
    | 'metrics'
    | 'loadRps'
    | 'steps'
    | 'intervalMs'
    | 'intervalAuto'
    | 'maxIntervalMs'
    | 'limits'
    | 'falseRollbackRate'
  >,
  baselineMs = BASELINE_MS,
): PowerPlan | null {
  if (settings.metrics === 'prometheus') return null;
  return powerPlan({
    rps: settings.loadRps,
    steps: settings.steps,
    intervalMs: settings.intervalMs,
    intervalAuto: settings.intervalAuto,
    maxIntervalMs: settings.maxIntervalMs,
    limits: settings.limits,
    alpha: settings.falseRollbackRate,
    baselineMs,
  });
}
