// Fault injection for reliability tests, changeable while the server runs. Random faults draw
// from a seeded generator so a failing test replays the same sequence.

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface FaultSettings {
  /** Probability (0..1) that a matching request fails with one of `errorCodes`. */
  errorRate: number;
  errorCodes: (500 | 503)[];
  /** Only these verbs fail (all verbs when empty). */
  errorVerbs: Verb[];
  /** Probability (0..1) that a matching request is throttled with 429. */
  throttleRate: number;
  throttleVerbs: Verb[];
  retryAfterSeconds: number;
  /** Added before every resource request is answered. */
  latencyMs: number;
  /** Every watch stream is closed this long after it starts (0: never). */
  dropWatchesAfterMs: number;
}

export const DEFAULT_USER = 'system:serviceaccount:ci:deployer';

/** mulberry32: tiny, seedable, good enough to decide which request fails. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ConflictRule {
  resource: string;
  name?: string;
  remaining: number;
}

interface FailRule {
  status: 429 | 500 | 503;
  verbs: Verb[];
  remaining: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error'; code: 500 | 503 }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'forbidden' };

export class Faults {
  private settings: FaultSettings = Faults.defaults();
  private random: () => number;
  private readonly conflicts: ConflictRule[] = [];
  private readonly fails: FailRule[] = [];
  private readonly forbidden = new Set<string>();
  /** The user named in RBAC 403 messages. */
  user = DEFAULT_USER;

  constructor(seed = 1) {
    this.random = rng(seed);
  }

  static defaults(): FaultSettings {
    return {
      errorRate: 0,
      errorCodes: [500, 503],
      errorVerbs: [],
      throttleRate: 0,
      throttleVerbs: [],
      retryAfterSeconds: 1,
      latencyMs: 0,
      dropWatchesAfterMs: 0,
    };
  }

  get current(): Readonly<FaultSettings> {
    return this.settings;
  }

  /** Change some settings; the others keep their value. */
  set(partial: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...partial };
  }

  seed(seed: number): void {
    this.random = rng(seed);
  }

  /** The next `count` requests with one of `verbs` (all when empty) fail with `status`. */
  failNext(count: number, status: 429 | 500 | 503, verbs: Verb[] = []): void {
    this.fails.push({ status, verbs, remaining: count });
  }

  /** The next `count` updates/patches of `resource` (plural, e.g. virtualservices), optionally only `name`, answer 409 Conflict. */
  injectConflicts(resource: string, count: number, name?: string): void {
    this.conflicts.push({ resource, name, remaining: count });
  }

  /** RBAC denies `verb` on group/resource (group '' for core) until allow() or reset(). */
  forbid(verb: Verb, group: string, resource: string): void {
    this.forbidden.add(`${verb}|${group}|${resource}`);
  }

  allow(verb: Verb, group: string, resource: string): void {
    this.forbidden.delete(`${verb}|${group}|${resource}`);
  }

  isForbidden(verb: string, group: string, resource: string): boolean {
    return this.forbidden.has(`${verb}|${group}|${resource}`);
  }

  reset(): void {
    this.settings = Faults.defaults();
    this.conflicts.length = 0;
    this.fails.length = 0;
    this.forbidden.clear();
  }

  /** Decide the fate of one resource request (consumes counted rules and random draws). */
  decide(verb: Verb, group: string, resource: string): FaultDecision {
    if (this.isForbidden(verb, group, resource)) return { kind: 'forbidden' };
    const rule = this.fails.find((f) => f.remaining > 0 && (f.verbs.length === 0 || f.verbs.includes(verb)));
    if (rule) {
      rule.remaining -= 1;
      return rule.status === 429
        ? { kind: 'throttle', retryAfterSeconds: this.settings.retryAfterSeconds }
        : { kind: 'error', code: rule.status };
    }
    const s = this.settings;
    if (
      s.throttleRate > 0 &&
      (s.throttleVerbs.length === 0 || s.throttleVerbs.includes(verb)) &&
      this.random() < s.throttleRate
    ) {
      return { kind: 'throttle', retryAfterSeconds: s.retryAfterSeconds };
    }
    if (
      s.errorRate > 0 &&
      (s.errorVerbs.length === 0 || s.errorVerbs.includes(verb)) &&
      this.random() < s.errorRate
    ) {
      const codes: (500 | 503)[] = s.errorCodes.length > 0 ? s.errorCodes : [500];
      const code: 500 | 503 = codes[Math.floor(this.random() * codes.length)] ?? 500;
      return { kind: 'error', code };
    }
    return { kind: 'none' };
  }

  /** True when this write must answer an injected 409 Conflict. */
  takeConflict(resource: string, name: string): boolean {
    const rule = this.conflicts.find(
      (c) => c.remaining > 0 && c.resource === resource && (c.name === undefined || c.name === name),
    );
    if (!rule) return false;
    rule.remaining -= 1;
    return true;
  }
}
