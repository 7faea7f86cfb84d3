// Latency and error profiles of the simulated apps, read from the Deployment's pod template
// annotations (documented in docs/sim.md, "## Data plane"). Pure parsing and sampling.
import type { Rng } from './rng.js';

export const LATENCY_ANNOTATION = 'sim.istio-canary.dev/latency';
export const ERROR_RATE_ANNOTATION = 'sim.istio-canary.dev/error-rate';
export const ERROR_CODE_ANNOTATION = 'sim.istio-canary.dev/error-code';
/** Fraction of requests whose connection is reset with no response (a crashing app). */
export const RESET_RATE_ANNOTATION = 'sim.istio-canary.dev/reset-rate';
/** Fraction of requests never answered (held until the client gives up; a hung app). */
export const HANG_RATE_ANNOTATION = 'sim.istio-canary.dev/hang-rate';

/** z-score of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;
/** No draw exceeds this: a runaway tail must not hold a socket for minutes. */
export const MAX_LATENCY_MS = 60_000;

export type LatencyModel =
  | { kind: 'constant'; ms: number }
  /** log-normal: median exp(mu), ln(X) has standard deviation sigma. */
  | { kind: 'lognormal'; p50: number; p99: number; mu: number; sigma: number };

export interface Profile {
  latency: LatencyModel;
  /** Probability in [0, 1] that a request is answered with errorCode. */
  errorRate: number;
  errorCode: number;
  /** Probability that the request's connection is reset without a response. */
  resetRate: number;
  /** Probability that the request is never answered. */
  hangRate: number;
  /** Where the profile came from, for the app's `/` answer. */
  source: string;
  /** Annotation values that could not be parsed (the default was used instead). */
  problems: string[];
}

export const DEFAULT_LATENCY: LatencyModel = lognormal(2, 10);
/** Image-tag demo shortcuts (only when the annotation is absent). */
export const SLOW_TAG_LATENCY: LatencyModel = lognormal(200, 800);
export const FAILING_TAG_ERROR_RATE = 0.2;

export function lognormal(p50: number, p99: number): LatencyModel {
  if (p99 <= p50) return { kind: 'constant', ms: p50 };
  return { kind: 'lognormal', p50, p99, mu: Math.log(p50), sigma: Math.log(p99 / p50) / Z99 };
}

/** Draw one service time in milliseconds. */
export function sampleLatency(model: LatencyModel, rng: Rng): number {
  if (model.kind === 'constant') return model.ms;
  return Math.min(MAX_LATENCY_MS, Math.exp(model.mu + model.sigma * rng.normal()));
}

/** The q-quantile (0 < q < 1) of a model, for tests and docs. */
export function latencyQuantile(model: LatencyModel, z: number): number {
  return model.kind === 'constant' ? model.ms : Math.exp(model.mu + model.sigma * z);
}

const DURATION = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m)?$/;

/** "20ms", "1.5s", "2m", "500us"; a bare number is milliseconds. Undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m?.[1]) return undefined;
  const value = Number(m[1]);
  switch (m[2]) {
    case 'us':
    case 'µs':
      return value / 1000;
    case 's':
      return value * 1000;
    case 'm':
      return value * 60_000;
    default:
      return value;
  }
}

/** "5%" or "0.05" → 0.05. Undefined when malformed or outside [0, 1]. */
export function parseRate(text: string): number | undefined {
  const t = text.trim();
  const pct = t.endsWith('%');
  const n = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || t === '%' || !Number.isFinite(n)) return undefined;
  const rate = pct ? n / 100 : n;
  return rate >= 0 && rate <= 1 ? rate : undefined;
}

/**
 * "p50=20ms,p99=80ms" → log-normal fitted to both; "p50=20ms" or "20ms" → constant.
 * Undefined when malformed (p99 below p50 included).
 */
export function parseLatency(text: string): LatencyModel | undefined {
  const t = text.trim();
  if (!t.includes('=')) {
    const ms = parseDurationMs(t);
    return ms === undefined ? undefined : { kind: 'constant', ms };
  }
  const parts = new Map<string, number>();
  for (const part of t.split(',')) {
    const [key, value, ...rest] = part.split('=');
    if (key === undefined || value === undefined || rest.length > 0) return undefined;
    const k = key.trim().toLowerCase();
    const ms = parseDurationMs(value);
    if ((k !== 'p50' && k !== 'p99') || ms === undefined || parts.has(k)) return undefined;
    parts.set(k, ms);
  }
  const p50 = parts.get('p50');
  const p99 = parts.get('p99');
  if (p50 === undefined) return undefined;
  if (p99 === undefined || p99 === p50) return { kind: 'constant', ms: p50 };
  if (p99 < p50 || p50 <= 0) return undefined;
  return lognormal(p50, p99);
}

/** The image tag ("repo/app:1.2.3" → "1.2.3"; digests and missing tags → undefined). */
export function imageTag(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const noDigest = image.split('@')[0] ?? '';
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(colon + 1) : undefined;
}

/** The profile of a Deployment from its pod template annotations, then its image tag. */
export function profileFor(annotations: Record<string, string>, image: string | undefined): Profile {
  const problems: string[] = [];
  const tag = (imageTag(image) ?? '').toLowerCase();
  const sources: string[] = [];

  let latency = DEFAULT_LATENCY;
  const latencyText = annotations[LATENCY_ANNOTATION];
  if (latencyText !== undefined) {
    const parsed = parseLatency(latencyText);
    if (parsed) {
      latency = parsed;
      sources.push(LATENCY_ANNOTATION);
    } else {
      problems.push(
        `${LATENCY_ANNOTATION}: "${latencyText}" is not "p50=<duration>,p99=<duration>" or "<duration>"`,
      );
    }
  } else if (tag.includes('slow')) {
    latency = SLOW_TAG_LATENCY;
    sources.push('image tag "slow"');
  }

  let errorRate = 0;
  const rateText = annotations[ERROR_RATE_ANNOTATION];
  if (rateText !== undefined) {
    const parsed = parseRate(rateText);
    if (parsed !== undefined) {
      errorRate = parsed;
      sources.push(ERROR_RATE_ANNOTATION);
    } else {
      problems.push(
        `${ERROR_RATE_ANNOTATION}: "${rateText}" is not a percentage ("5%") or a fraction ("0.05")`,
      );
    }
  } else if (tag.includes('fail')) {
    errorRate = FAILING_TAG_ERROR_RATE;
    sources.push('image tag "fail"');
  }

  let errorCode = 500;
  const codeText = annotations[ERROR_CODE_ANNOTATION];
  if (codeText !== undefined) {
    const code = Number(codeText.trim());
    if (Number.isInteger(code) && code >= 100 && code <= 599) errorCode = code;
    else problems.push(`${ERROR_CODE_ANNOTATION}: "${codeText}" is not an HTTP status code (100-599)`);
  }

  const rate = (annotation: string): number => {
    const text = annotations[annotation];
    if (text === undefined) return 0;
    const parsed = parseRate(text);
    if (parsed !== undefined) {
      sources.push(annotation);
      return parsed;
    }
    problems.push(`${annotation}: "${text}" is not a percentage ("5%") or a fraction ("0.05")`);
    return 0;
  };
  const resetRate = rate(RESET_RATE_ANNOTATION);
  const hangRate = rate(HANG_RATE_ANNOTATION);

  return {
    latency,
    errorRate,
    errorCode,
    resetRate,
    hangRate,
    source: sources.join(', ') || 'default',
    problems,
  };
}
