// One promotion per VirtualService: a coordination.k8s.io/v1 Lease `istio-canary-<vs>` held by
// one process (`<repo>/<run id>/<attempt>/<job>/<random>`, see newHolderId in run.ts),
// renewed while the run lasts, taken over only when expired, when the holder is this same
// process (the post step continuing its main step), or by a `rollback`, which preempts.
import { IstioCanaryError } from '../errors.js';
import type { Logger } from '../ports.js';
import type { Kube, KubeObject } from '../kube/client.js';
import { KubeApiError } from '../kube/errors.js';
import { causeOf } from './cause.js';

export interface LeaseOptions {
  namespace: string;
  virtualService: string;
  holder: string;
  durationMs: number;
  /** How long a second run waits for the holder to finish before failing. */
  waitMs: number;
  signal?: AbortSignal;
  logger: Logger;
  now?: () => number;
  /**
   * Take the lease from a live holder instead of waiting (`rollback`): the holder's next
   * renewal finds it lost and its writes stop; the preemption is recorded on the Lease.
   */
  preempt?: boolean;
}

/** On a preempted Lease: who took it from whom, and when. */
export const PREEMPTED_ANNOTATION = 'istio-canary.dev/preempted';

export interface HeldLease {
  readonly name: string;
  /** Set when a renewal found another holder (the run must stop writing). */
  lost(): string | null;
  /**
   * Reads the Lease now: the loss message when another process holds it (then lost() says so
   * too), else null. A read that fails leaves the answer to lost(): a rollback must not be
   * blocked by the very API trouble it is reacting to.
   */
  confirm(signal?: AbortSignal): Promise<string | null>;
  /** Gives the lease up if this process still holds it (never another holder's); `signal` bounds it. */
  release(signal?: AbortSignal): Promise<void>;
}

export class LeaseHeldError extends IstioCanaryError {}

export const leaseName = (virtualService: string): string => `istio-canary-${virtualService}`.slice(0, 253);

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
const microTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');

interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number;
  renewTime?: string;
  acquireTime?: string;
  leaseTransitions?: number;
}

const specOf = (o: KubeObject): LeaseSpec => (typeof o.spec === 'object' && o.spec !== null ? o.spec : {});

/** When the lease expires (ms since epoch), from its renewTime and duration. */
export function leaseExpiry(o: KubeObject): number {
  const s = specOf(o);
  const renewed = Date.parse(s.renewTime ?? s.acquireTime ?? '');
  if (Number.isNaN(renewed)) return 0;
  return renewed + (s.leaseDurationSeconds ?? 0) * 1000;
}

export async function acquireLease(kube: Kube, o: LeaseOptions): Promise<HeldLease> {
  const now = o.now ?? Date.now;
  const name = leaseName(o.virtualService);
  const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name, namespace: o.namespace };
  const seconds = Math.max(1, Math.ceil(o.durationMs / 1000));
  const deadline = now() + o.waitMs;
  let announced = false;
  const mine = (t: number, transitions: number): LeaseSpec => ({
    holderIdentity: o.holder,
    leaseDurationSeconds: seconds,
    acquireTime: microTime(t),
    renewTime: microTime(t),
    leaseTransitions: transitions,
  });
  for (;;) {
    if (o.signal?.aborted) throw new Error('cancelled while waiting for the promotion lease');
    const live = await kube.get(ref, { signal: o.signal });
    const t = now();
    try {
      // Free, expired, already ours, or preempted by a rollback: taken in one write (a create
      // when there is no Lease yet); a 409 means someone else wrote first: read again.
      const spec = live ? specOf(live) : {};
      const holder = spec.holderIdentity ?? '';
      const free = !live || !holder || holder === o.holder || leaseExpiry(live) <= t;
      if (free || o.preempt) {
        const annotations = { ...(live?.metadata?.annotations ?? {}) };
        if (!free) {
          o.logger.warning(
            `preempting ${holder}, which holds the lease ${name} (renewed ${spec.renewTime ?? '?'}): a rollback does not wait; that run stops at its next write`,
          );
          annotations[PREEMPTED_ANNOTATION] = JSON.stringify({
            by: o.holder,
            from: holder,
            at: new Date(t).toISOString(),
          });
        } else if (holder && holder !== o.holder)
          o.logger.warning(`taking over the expired lease ${name} from ${holder}`);
        const transitions = live ? (spec.leaseTransitions ?? 0) + (holder === o.holder ? 0 : 1) : 0;
        const metadata = { ...(live?.metadata ?? { name, namespace: o.namespace }), annotations };
        const next = {
          apiVersion: ref.apiVersion,
          kind: 'Lease',
          ...live,
          metadata,
          spec: mine(t, transitions),
        };
        await (live ? kube.replace(next) : kube.create(next));
        break;
      }
      const expires = leaseExpiry(live);
      if (t >= deadline) {
        throw new LeaseHeldError(
          `VirtualService ${o.namespace}/${o.virtualService} is being promoted by ${holder} (lease ${o.namespace}/${name}, renewed ${spec.renewTime ?? '?'}, expires ${new Date(expires).toISOString()})${o.waitMs > 0 ? `; waited ${Math.round(o.waitMs / 1000)} s` : ''}. Wait for it to finish, or cancel that run.`,
        );
      }
      if (!announced) {
        o.logger.info(
          `waiting up to ${Math.round(o.waitMs / 1000)} s for ${holder}, which holds the lease ${name}`,
        );
        announced = true;
      }
      // Wake on any change of the lease (released, renewed by another), or when it would expire.
      const rv = live.metadata?.resourceVersion;
      await kube
        .waitFor(ref, (x) => !x || x.metadata?.resourceVersion !== rv, {
          timeoutMs: Math.max(50, Math.min(deadline, expires + 50) - t),
          signal: o.signal,
        })
        .catch((err: unknown) => {
          if (o.signal?.aborted) throw err;
        });
    } catch (err) {
      // Someone else created or renewed it between our read and write: read again.
      if (err instanceof KubeApiError && err.code === 409) continue;
      throw err;
    }
  }
  let lost: string | null = null;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    // A renewal slower than the lease itself is useless, and must never hold up a release.
    const signal = AbortSignal.timeout(Math.max(1000, o.durationMs));
    try {
      const live = await kube.get(ref, { signal });
      const holder = live ? (specOf(live).holderIdentity ?? '') : '';
      if (!live || holder !== o.holder) {
        lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
        return;
      }
      await kube.replace({ ...live, spec: { ...specOf(live), renewTime: microTime(now()) } }, { signal });
    } catch (err) {
      o.logger.warning(`renewing the lease ${name}: ${(err as Error).message}`);
    }
  };
  const timer = setInterval(
    () => {
      renewing = renewing.then(renew);
    },
    Math.max(200, Math.floor(o.durationMs / 3)),
  );
  timer.unref();
  return {
    name,
    lost: () => lost,
    async confirm(signal?: AbortSignal) {
      if (lost) return lost;
      try {
        const live = await kube.get(ref, { signal });
        const holder = live ? (specOf(live).holderIdentity ?? '') : '';
        if (!live || holder !== o.holder) lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
      } catch (err) {
        o.logger.debug(`checking the lease ${name} before a write: ${(err as Error).message}`);
      }
      return lost;
    },
    async release(signal?: AbortSignal) {
      clearInterval(timer);
      // A renewal under way is waited for, but not past the caller's budget.
      await new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        signal?.addEventListener('abort', () => resolve(), { once: true });
        void renewing.then(() => resolve());
      });
      if (lost) return;
      try {
        const live = await kube.get(ref, { signal });
        if (live && specOf(live).holderIdentity === o.holder) {
          const { holderIdentity: _holder, ...rest } = specOf(live);
          await kube.replace({ ...live, spec: { ...rest, leaseDurationSeconds: 1 } }, { signal });
        }
      } catch (err) {
        // Not fatal: the lease expires on its own.
        o.logger.warning(
          `releasing the lease ${name}: ${causeOf(err)}; it expires by itself ${seconds} s after its last renewal`,
        );
      }
    },
  };
}
