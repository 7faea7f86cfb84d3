// The one retry loop and the one cancellable sleep. Every client (Kubernetes, Prometheus,
// GitHub, tool downloads) and every "re-read and write again" loop goes through `retry`, so
// the rules are the same everywhere: a bounded number of attempts, exponential backoff with
// optional full jitter, a server's Retry-After honoured up to a cap, a cancel (AbortSignal)
// ending the wait at once with the signal's reason, and every wait going through an
// injectable sleep so tests observe the delays instead of sleeping them.
import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  attempts: number;
  /** The wait after the first failure; doubled per attempt. */
  baseDelayMs: number;
  /** The longest backoff wait. */
  maxDelayMs: number;
  /** The longest Retry-After honoured; a longer one is cut to this (default: maxDelayMs). */
  maxRetryAfterMs?: number;
  /** Full jitter: a wait is uniform in [cap/2, cap] instead of exactly cap (default: off). */
  jitter?: boolean;
}

/** Waits ms, or rejects with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

function reasonOf(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/** A timer that a cancel ends at once, rejecting with the signal's reason (not a generic AbortError). */
export const sleep: Sleep = async (ms, signal) => {
  if (signal?.aborted) throw reasonOf(signal);
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (err) {
    if (signal?.aborted) throw reasonOf(signal);
    throw err;
  }
};

/** What the caller says of one failure: try again (after a server-given delay, if any), or not. */
export type RetryVerdict = boolean | { retry: boolean; afterMs?: number | null };

export interface RetryOptions {
  /** Decides, per failure, whether another attempt may help. */
  retryable: (err: unknown, attempt: number) => RetryVerdict;
  signal?: AbortSignal;
  sleep?: Sleep;
  random?: () => number;
  /** Told before each wait (for a log line). */
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void;
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given (capped),
 * else baseDelayMs·2^(attempt−1) capped at maxDelayMs, jittered into [cap/2, cap] when asked.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null && retryAfterMs >= 0)
    return Math.min(retryAfterMs, policy.maxRetryAfterMs ?? policy.maxDelayMs);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return policy.jitter ? Math.round(cap / 2 + (random() * cap) / 2) : cap;
}

/**
 * Runs fn until it succeeds, the policy's attempts are spent, or a failure is not retryable;
 * then throws the last failure. A cancel during fn or a wait throws the signal's reason.
 */
export async function retry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw reasonOf(options.signal);
    try {
      return await fn(attempt);
    } catch (err) {
      if (options.signal?.aborted) throw reasonOf(options.signal);
      if (attempt >= attempts) throw err;
      const verdict = options.retryable(err, attempt);
      const again = typeof verdict === 'boolean' ? verdict : verdict.retry;
      if (!again) throw err;
      const afterMs = typeof verdict === 'boolean' ? null : (verdict.afterMs ?? null);
      const ms = backoffDelay(attempt, policy, afterMs, options.random);
      options.onRetry?.(err, attempt, ms);
      await wait(ms, options.signal);
    }
  }
}

/** Retry-After in seconds (or an HTTP date), as milliseconds; null when absent or unreadable. */
export function parseRetryAfter(
  value: string | string[] | null | undefined,
  now = Date.now(),
): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
