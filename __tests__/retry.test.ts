// The one retry loop (src/retry.ts): attempts, backoff bounds, Retry-After, non-retryable
// failures and cancels, observed through an injected sleep that records the waits asked for.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, parseRetryAfter, retry, sleep, type RetryPolicy } from '../src/retry.js';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

function recorder(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe('retry', () => {
  it('retries until success and waits the doubling backoff between attempts', async () => {
    const r = recorder();
    let calls = 0;
    const out = await retry(
      (attempt) => {
        calls++;
        return attempt < 3 ? Promise.reject(new Error(`fail ${attempt}`)) : Promise.resolve('ok');
      },
      policy,
      { retryable: () => true, sleep: r.sleep },
    );
    expect(out).toBe('ok');
    expect(calls).toBe(3);
    expect(r.waits).toEqual([100, 200]);
  });

  it('throws the last failure once the attempts are spent, without a wait after it', async () => {
    const r = recorder();
    await expect(
      retry((attempt) => Promise.reject(new Error(`fail ${attempt}`)), policy, {
        retryable: () => true,
        sleep: r.sleep,
      }),
    ).rejects.toThrow('fail 4');
    expect(r.waits).toEqual([100, 200, 400]);
  });

  it('stops at once on a failure the caller says is final', async () => {
    const r = recorder();
    let calls = 0;
    await expect(
      retry(
        () => {
          calls++;
          return Promise.reject(new Error('404'));
        },
        policy,
        { retryable: (e) => (e as Error).message !== '404', sleep: r.sleep },
      ),
    ).rejects.toThrow('404');
    expect(calls).toBe(1);
    expect(r.waits).toEqual([]);
  });

  it('honours a server-given delay, capped by maxRetryAfterMs', async () => {
    const r = recorder();
    let calls = 0;
    await retry(() => (++calls < 3 ? Promise.reject(new Error('429')) : Promise.resolve(calls)), policy, {
      retryable: (_e, attempt) => ({ retry: true, afterMs: attempt === 1 ? 2500 : 60_000 }),
      sleep: r.sleep,
    });
    expect(r.waits).toEqual([2500, 5000]);
  });

  it('a cancel during the wait throws the signal reason and makes no further attempt', async () => {
    const ac = new AbortController();
    let calls = 0;
    const run = retry(
      () => {
        calls++;
        return Promise.reject(new Error('down'));
      },
      { attempts: 10, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      {
        retryable: () => true,
        signal: ac.signal,
        onRetry: () => queueMicrotask(() => ac.abort(new Error('cancelled by SIGTERM'))),
      },
    );
    await expect(run).rejects.toThrow('cancelled by SIGTERM');
    expect(calls).toBe(1);
  });

  it('a failure after the signal aborted is reported as the cancel, not retried', async () => {
    const ac = new AbortController();
    let calls = 0;
    await expect(
      retry(
        () => {
          calls++;
          ac.abort(new Error('cancelled'));
          return Promise.reject(new Error('socket hang up'));
        },
        policy,
        { retryable: () => true, signal: ac.signal },
      ),
    ).rejects.toThrow('cancelled');
    expect(calls).toBe(1);
  });

  it('the waits of any policy stay within their bounds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.boolean(),
        fc.array(fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }), {
          minLength: 8,
          maxLength: 8,
        }),
        async (attempts, base, max, jitter, afters) => {
          const p: RetryPolicy = {
            attempts,
            baseDelayMs: base,
            maxDelayMs: max,
            jitter,
            maxRetryAfterMs: 7000,
          };
          const r = recorder();
          let calls = 0;
          await retry(
            () => {
              calls++;
              return Promise.reject(new Error('x'));
            },
            p,
            { retryable: (_e, a) => ({ retry: true, afterMs: afters[a - 1] }), sleep: r.sleep },
          ).catch(() => undefined);
          expect(calls).toBe(attempts);
          expect(r.waits).toHaveLength(attempts - 1);
          r.waits.forEach((w, i) => {
            const after = afters[i];
            if (after !== null && after !== undefined) expect(w).toBe(Math.min(after, 7000));
            else {
              expect(w).toBeLessThanOrEqual(max);
              expect(w).toBeGreaterThanOrEqual(
                jitter ? Math.floor(Math.min(max, base * 2 ** i) / 2) : Math.min(max, base * 2 ** i),
              );
            }
          });
        },
      ),
    );
  });
});

describe('backoffDelay and parseRetryAfter', () => {
  it('jitter keeps the wait in [cap/2, cap]', () => {
    const p = { ...policy, jitter: true };
    expect(backoffDelay(1, p, null, () => 0)).toBe(50);
    expect(backoffDelay(1, p, null, () => 1)).toBe(100);
    expect(backoffDelay(20, p, null, () => 1)).toBe(1000);
  });

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});

describe('sleep', () => {
  it('rejects with the signal reason when cancelled, and at once when already cancelled', async () => {
    const ac = new AbortController();
    const p = sleep(60_000, ac.signal);
    ac.abort(new Error('cancelled by SIGINT'));
    await expect(p).rejects.toThrow('cancelled by SIGINT');
    await expect(sleep(60_000, ac.signal)).rejects.toThrow('cancelled by SIGINT');
  });

  it('resolves after its time without a signal', async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });
});
