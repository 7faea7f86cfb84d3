// Several services in lockstep (issue 15 item 5, input `services`): the in-process meeting
// point of the N promotions of one run. Each service is a whole runPromotion on its own route
// object, with its own state annotation, Lease, measurement and judge; this coordinator only
// makes them move together:
// - ready: nothing is written (not even a Namespace or a Lease) until every service's inputs,
//   manifests and route were checked, and no two services step the same route object or
//   promote the same Deployment (named, nothing written);
// - leaseTurn: the Leases are taken one at a time in the fixed order of the route objects
//   (namespace, kind, name: strategy/lockstep.ts leaseOrder), so two lockstep runs over
//   overlapping routes take them in the same order and cannot deadlock;
// - meet(key): before a service raises its canary weight to `key` (0: a strategy's first
//   traffic; 101: the finalize), it waits until every other service is ready to raise to that
//   weight too (or is past it), so each step applies every route's weight before any is judged;
//   a service that failed makes every other one's next meeting fail (so all roll back), and one
//   that stopped on purpose below `key` (a `step`, a held schedule) makes the others hold there;
// - onOtherFailure: a window open when another service fails ends at once, failed (window.ts).
// The engine calls it through PromotionDeps.lockstep (runner.ts, gates-step.ts); main.ts runs
// the services and reports their end. Written here because no library models this rendezvous.
import { IstioCanaryError } from '../errors.js';
import { oneLine } from '../one-line.js';
import { compareRefs, type RouteRef } from '../strategy/lockstep.js';
import type { Verdict } from '../model.js';
import { explainVerdict } from '../metrics/why.js';

/** The meeting before the first write: every service checked. */
export const CHECKED = -1;
/** The meeting before a strategy's first judged window (the canary's first traffic at 0%). */
export const FIRST_TRAFFIC = 0;
/** The meeting before the finalize (promote-stable or keep). */
export const FINALIZE = 101;

/** A service could not go on because another one failed (or a bad combination): nothing more is written by it. */
export class LockstepError extends IstioCanaryError {}

/** What a meeting decided: go on, fail this step (another service failed), or hold (another stopped below it). */
export type Meeting = { go: true } | { go: false; hold: boolean; message: string };

/** How a service's run ended: ok (promoted, held on purpose) at its last weight, or failed. */
export interface ServiceEnd {
  ok: boolean;
  /** The key it reached: its canary weight when it held, FINALIZE when promoted. */
  at: number;
  message: string;
}

/** What a service owns: its route object and the Deployments it may rewrite. */
export interface ServiceClaim {
  route: RouteRef;
  /** `namespace/name` of its stable and canary Deployments (null: none found). */
  deployments: (string | null)[];
}

interface Member {
  name: string;
  claim: ServiceClaim | null;
  at: number;
  leased: boolean;
  ended: ServiceEnd | null;
}

const refText = (r: RouteRef) => `${r.kind} ${oneLine(r.namespace)}/${oneLine(r.name)}`;

export class Lockstep {
  private readonly members: Member[];
  private changed!: Promise<void>;
  private wake!: () => void;

  constructor(names: readonly string[]) {
    this.members = names.map((name) => ({ name, claim: null, at: -Infinity, leased: false, ended: null }));
    this.reset();
  }

  private reset(): void {
    this.changed = new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.reset();
    wake();
  }

  private member(name: string): Member {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new Error(`internal: no lockstep service ${name}`);
    return m;
  }

  /** Waits until `decide` returns a value (re-decided on every change); a cancel rejects. */
  private async until<T>(decide: () => T | null, signal: AbortSignal): Promise<T> {
    for (;;) {
      const d = decide();
      if (d !== null) return d;
      signal.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const onAbort = () =>
          reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        signal.addEventListener('abort', onAbort, { once: true });
        void this.changed.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
  }

  /** The first other service that failed, as a sentence; null when none did. */
  private failedOther(me: Member): string | null {
    const f = this.members.find((m) => m !== me && m.ended && !m.ended.ok);
    return f ? `service ${f.name} failed: ${f.ended!.message}` : null;
  }

  /** The Lease order of the services that claimed a route (ended ones before claiming are left out). */
  order(): string[] {
    return this.members
      .filter((m) => m.claim)
      .sort((a, b) => compareRefs(a.claim!.route, b.claim!.route))
      .map((m) => m.name);
  }

  /**
   * Every service checked its inputs and found its route: resolves once all have (or one
   * failed: then with the reason, and nothing may be written). Two services on one route
   * object, or promoting one Deployment, are refused here for all of them.
   */
  async ready(name: string, claim: ServiceClaim, signal: AbortSignal): Promise<Meeting> {
    const me = this.member(name);
    me.claim = claim;
    this.notify();
    return this.until(() => {
      const failed = this.failedOther(me);
      if (failed) return { go: false, hold: false, message: failed };
      if (this.members.some((m) => !m.claim)) return null;
      const clash = this.clash();
      return clash ? { go: false, hold: false, message: clash } : { go: true };
    }, signal);
  }

  private clash(): string | null {
    const ms = this.members;
    for (let i = 0; i < ms.length; i++)
      for (let j = i + 1; j < ms.length; j++) {
        const a = ms[i]!.claim!;
        const b = ms[j]!.claim!;
        if (compareRefs(a.route, b.route) === 0)
          return `services ${ms[i]!.name} and ${ms[j]!.name} both step ${refText(a.route)}: its state and Lease are per route object, so each service needs its own`;
        const shared = a.deployments.find((d) => d !== null && b.deployments.includes(d));
        if (shared)
          return `services ${ms[i]!.name} and ${ms[j]!.name} both use the Deployment ${oneLine(shared)}: a promote-stable of one would rewrite the other's; give each service its own Deployments`;
      }
    return null;
  }

  /** Waits for this service's turn to take its Lease: every service before it in the Lease order has taken its own. */
  async leaseTurn(name: string, signal: AbortSignal): Promise<Meeting> {
    const me = this.member(name);
    return this.until(() => {
      const failed = this.failedOther(me);
      if (failed) return { go: false, hold: false, message: failed };
      const order = this.order();
      const before = order.slice(0, order.indexOf(name)).map((n) => this.member(n));
      return before.every((m) => m.leased || m.ended) ? { go: true } : null;
    }, signal);
  }

  /** This service holds its Lease: the next in order may take its own. */
  leased(name: string): void {
    this.member(name).leased = true;
    this.notify();
  }

  /**
   * Before raising this service's canary weight to `key` (or before CHECKED, FIRST_TRAFFIC,
   * FINALIZE): waits until every other service has reached `key` too. Fails when another
   * failed; holds when another ended on purpose below `key`.
   */
  async meet(name: string, key: number, signal: AbortSignal, log?: (line: string) => void): Promise<Meeting> {
    const me = this.member(name);
    me.at = Math.max(me.at, key);
    this.notify();
    let said = false;
    return this.until(() => {
      const failed = this.failedOther(me);
      if (failed) return { go: false, hold: false, message: failed };
      const below = this.members.find((m) => m !== me && m.ended && m.ended.at < key);
      if (below)
        return {
          go: false,
          hold: true,
          message: `service ${below.name} stopped at ${describeKey(below.ended!.at)} (${below.ended!.message}), so this one holds too (lockstep)`,
        };
      const waiting = this.members.filter((m) => m !== me && !m.ended && m.at < key);
      if (waiting.length === 0) return { go: true };
      if (!said && log) {
        said = true;
        log(
          `lockstep: waiting for ${waiting.map((m) => m.name).join(', ')} to be ready for ${describeKey(key)}`,
        );
      }
      return null;
    }, signal);
  }

  /** This service's run ended (main.ts calls it once per service, whatever happened). */
  end(name: string, end: ServiceEnd): void {
    const me = this.member(name);
    me.ended = end;
    this.notify();
    if (!end.ok)
      for (const l of [...this.listeners])
        if (l.name !== name) {
          this.listeners.delete(l);
          l.fn(`service ${name} failed: ${end.message}`);
        }
  }

  private readonly listeners = new Set<{ name: string; fn: (message: string) => void }>();

  /**
   * Calls `fn` once when another service fails (at once if one already has): a window open
   * meanwhile ends then, judged as failed, instead of running its whole interval. Returns the
   * function that stops listening.
   */
  onOtherFailure(name: string, fn: (message: string) => void): () => void {
    const failed = this.failedOther(this.member(name));
    if (failed) {
      fn(failed);
      return () => undefined;
    }
    const l = { name, fn };
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** The failing verdict of a step a lockstep service did not finish because another service failed. */
export function lockstepVerdict(message: string, weight: number): Verdict {
  const verdict: Verdict = {
    outcome: 'fail',
    reasons: [{ metric: 'lockstep', value: null, limit: null, source: 'lockstep', ok: false, message }],
    stable: null,
    canary: null,
    durationMs: 0,
  };
  const why = explainVerdict(verdict, { weight, windowMs: 0 });
  return why === null ? verdict : { ...verdict, why };
}

/** A meeting key in words. */
export function describeKey(key: number): string {
  if (key === CHECKED) return 'its first write';
  if (key === FIRST_TRAFFIC) return 'the first judged window';
  if (key >= FINALIZE) return 'the finalize';
  return `canary ${key}%`;
}

/** One service's handle on the coordinator, as the engine sees it (PromotionDeps.lockstep). */
export interface LockstepMember {
  name: string;
  ready(claim: ServiceClaim, signal: AbortSignal): Promise<Meeting>;
  leaseTurn(signal: AbortSignal): Promise<Meeting>;
  leased(): void;
  meet(key: number, signal: AbortSignal, log?: (line: string) => void): Promise<Meeting>;
  onOtherFailure(fn: (message: string) => void): () => void;
}

export function memberOf(lockstep: Lockstep, name: string): LockstepMember {
  return {
    name,
    ready: (claim, signal) => lockstep.ready(name, claim, signal),
    leaseTurn: (signal) => lockstep.leaseTurn(name, signal),
    leased: () => lockstep.leased(name),
    meet: (key, signal, log) => lockstep.meet(name, key, signal, log),
    onOtherFailure: (fn) => lockstep.onOtherFailure(name, fn),
  };
}
