// An in-process podinfo-like app per Deployment: podinfo's endpoints, with the service time and
// error rate of the Deployment's profile (profile.ts). Called directly by the ingress, no socket.
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_LATENCY_MS, profileFor, sampleLatency, type Profile } from './profile.js';
import { createRng, hash32, type Rng } from './rng.js';
import type { Workload } from './routes.js';

export interface AppRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The request body, read only by the endpoints that need it. */
  body(): Promise<Buffer>;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /**
   * How late the app's timers fired (event-loop lag of the simulator, not time the modelled app
   * spent): the destination metric leaves it out so Prometheus shows the configured profile.
   */
  lagMs?: number;
  /** Reset the client's connection instead of answering (profile reset-rate). */
  reset?: boolean;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
/** Probes are not slowed down nor failed by the profile, as a real app's health handlers are cheap. */
const PROBES = new Set(['/healthz', '/readyz']);

const json = (status: number, value: unknown): AppResponse => ({
  status,
  headers: { ...JSON_TYPE },
  body: JSON.stringify(value, null, 2),
});

export class PodinfoApp {
  private readonly rng: Rng;
  private workload!: Workload;
  private profile!: Profile;
  private podNames: string[] = [];
  /** The `/` answer per pod name: the same until the Deployment changes, so built once. */
  private infoBodies = new Map<string, string>();

  /** `signal` aborts pending service-time waits when the data plane closes. */
  constructor(
    workload: Workload,
    seed: number,
    private readonly signal: AbortSignal,
  ) {
    this.rng = createRng((seed ^ hash32(workload.key)) >>> 0);
    this.update(workload);
  }

  /** The Deployment changed (profile, labels, replicas): keep the RNG stream going. */
  update(workload: Workload): void {
    this.workload = workload;
    this.profile = profileFor(workload.annotations, workload.image);
    const template = hash32(JSON.stringify([workload.labels, workload.annotations, workload.image]))
      .toString(16)
      .padStart(8, '0')
      .slice(0, 8);
    const replicas = Math.max(1, workload.available);
    this.infoBodies = new Map();
    this.podNames = Array.from(
      { length: replicas },
      (_, i) =>
        `${workload.name}-${template}-${hash32(`${workload.key}/${i}`).toString(36).padStart(5, '0').slice(0, 5)}`,
    );
  }

  get currentProfile(): Profile {
    return this.profile;
  }

  async handle(req: AppRequest): Promise<AppResponse> {
    const lag = { ms: 0 };
    const path = req.path;
    let reply: AppResponse;
    const ms = PROBES.has(path) ? 0 : sampleLatency(this.profile.latency, this.rng);
    const fail = !PROBES.has(path) && this.profile.errorRate > 0 && this.rng.next() < this.profile.errorRate;
    const probe = PROBES.has(path);
    const reset = !probe && this.profile.resetRate > 0 && this.rng.next() < this.profile.resetRate;
    const hang = !probe && this.profile.hangRate > 0 && this.rng.next() < this.profile.hangRate;
    await this.wait(hang ? MAX_LATENCY_MS : ms, lag);
    if (reset) {
      reply = { status: 0, headers: {}, body: '', reset: true };
    } else if (fail) {
      reply = json(this.profile.errorCode, {
        code: this.profile.errorCode,
        message: 'error injected by the sim profile',
      });
    } else {
      reply = await this.route(req, lag);
    }
    reply.lagMs = lag.ms;
    return reply;
  }

  /** Sleep `ms`, adding how late the timer fired to `lag`. */
  private async wait(ms: number, lag: { ms: number }): Promise<void> {
    if (ms <= 0) return;
    const start = performance.now();
    await sleep(ms, undefined, { signal: this.signal });
    lag.ms += Math.max(0, performance.now() - start - ms);
  }

  private hostname(): string {
    return this.podNames[Math.floor(this.rng.next() * this.podNames.length)] ?? this.workload.name;
  }

  private info(hostname: string): string {
    const w = this.workload;
    return JSON.stringify(
      {
        hostname,
        version: w.appVersion,
        revision: w.canonicalRevision,
        color: '#34577c',
        message: `greetings from podinfo ${w.appVersion}`,
        goos: 'linux',
        goarch: 'amd64',
        runtime: 'istio-canary-sim',
        workload: w.key,
        image: w.image ?? '',
        profile: {
          latency: this.profile.latency,
          errorRate: this.profile.errorRate,
          errorCode: this.profile.errorCode,
          source: this.profile.source,
          problems: this.profile.problems,
        },
      },
      null,
      2,
    );
  }

  private async route(req: AppRequest, lag: { ms: number }): Promise<AppResponse> {
    const w = this.workload;
    const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
    if (path === '/' || path === '/api/info') {
      const hostname = this.hostname();
      let body = this.infoBodies.get(hostname);
      if (body === undefined) {
        body = this.info(hostname);
        this.infoBodies.set(hostname, body);
      }
      return { status: 200, headers: { ...JSON_TYPE }, body };
    }
    if (path === '/version') return json(200, { version: w.appVersion, commit: w.canonicalRevision });
    if (path === '/healthz' || path === '/readyz') return json(200, { status: 'OK' });
    if (path === '/headers' || path === '/api/headers') {
      const headers: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k] = Array.isArray(v) ? v : [v];
      }
      return json(200, headers);
    }
    if (path === '/echo' || path === '/api/echo') {
      const body = await req.body();
      return { status: 202, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
    }
    const delay = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(path);
    if (delay?.[1]) {
      const seconds = Math.min(Number(delay[1]), 300);
      await this.wait(seconds * 1000, lag);
      return json(200, { delay: seconds });
    }
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status?.[1]) {
      const code = Number(status[1]);
      if (code >= 200 && code <= 599) return json(code, { status: code });
      return json(400, { code: 400, message: `status ${code} is not in 200-599` });
    }
    return json(404, { code: 404, message: 'not found' });
  }
}
