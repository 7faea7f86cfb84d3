// The one "read, change, write with the resourceVersion read" loop. A replace carries the
// resourceVersion it was based on, so a write in between by anyone else is a 409 instead of a
// lost update; the change is then decided again on a fresh read. Every such loop (the
// promotion state, promote-stable, the restore of stable's template, canary-image on a live
// Deployment) goes through replaceWithRetry, built on the one retry loop (src/retry.ts).
import { retry, type RetryPolicy, type Sleep } from '../retry.js';
import type { Kube, KubeObject, ObjectRef } from './client.js';
import { KubeApiError } from './errors.js';

/** Five tries in all, the next one at once: a conflict is settled by reading again, not by waiting. */
export const CONFLICT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 0, maxDelayMs: 0 };

export interface ReplaceOptions {
  signal?: AbortSignal;
  dryRun?: boolean;
  /** The object as last read: the first attempt starts from it instead of reading again. */
  first?: KubeObject | null;
  policy?: RetryPolicy;
  sleep?: Sleep;
  /** Told of each conflict before the object is read again (for a log line). */
  onConflict?: (err: KubeApiError, attempt: number) => void;
}

/** What mutate decided: the object to write, or that nothing is to be written (with a value to return). */
export type Mutation<T> = { write: KubeObject } | { done: T };

/**
 * Reads `ref` (or starts from `options.first`), lets `mutate` decide from it, and replaces the
 * object with what mutate returned; on a 409 it reads again and asks mutate again. mutate may
 * throw to stop (the object changed in a way that must not be written over). Returns the
 * object the API server answered with, or mutate's `done` value when it chose not to write.
 */
export async function replaceWithRetry<T = null>(
  kube: Kube,
  ref: ObjectRef,
  mutate: (live: KubeObject | null, attempt: number) => Mutation<T> | Promise<Mutation<T>>,
  options: ReplaceOptions = {},
): Promise<{ written: KubeObject } | { done: T }> {
  const { signal, dryRun } = options;
  return retry(
    async (attempt) => {
      const live =
        attempt === 1 && options.first !== undefined ? options.first : await kube.get(ref, { signal });
      const decision = await mutate(live, attempt);
      if ('done' in decision) return decision;
      const body: KubeObject = { ...decision.write, metadata: { ...decision.write.metadata } };
      delete body.metadata!.managedFields;
      return { written: await kube.replace(body, { signal, dryRun }) };
    },
    options.policy ?? CONFLICT_RETRY,
    {
      signal,
      sleep: options.sleep,
      retryable: (err, attempt) => {
        const conflict = err instanceof KubeApiError && err.code === 409;
        if (conflict) options.onConflict?.(err, attempt);
        return conflict;
      },
    },
  );
}
