// Open-loop HTTP/1.1 load generator (wrk2/fortio style) on raw pooled keep-alive sockets.
// Request i is due at t0 + i/rps whatever the server does; its latency is measured from that
// intended time, so a stalled server shows in the percentiles instead of silently slowing the
// sender (no coordinated omission). A due request with no free connection waits in a queue and
// its wait counts. (Only the sender's own timer lateness, up to 1.5 ms, is not counted.) Responses are parsed by a minimal HTTP/1.1 reader (status, content-length,
// chunked, connection: close, the attribution header) and the request bytes are built once:
// a response costs two short strings and no other allocation.
//
// Every request is accounted for exactly once: a response, or a failure of its kind (refused,
// reset, timeout, tls, dns, other; `unanswered` when the generator stops with it in flight).
// Nothing is retried: a connection the server closed or reset under a request fails that
// request, counted, even on a reused keep-alive connection (HTTP clients resend idempotent
// requests there silently; a load generator that judges a canary must not). A connection the
// server's Keep-Alive hint says is about to expire is replaced before use instead. A window owns
// the requests that became due while it was open, and ending it waits until each of them is
// answered or has failed (at most the request timeout after its intended time). What a window
// records (per version, and the failure kinds) lives in record.ts.
import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import { decideProxy, processProxyEnv, type ProxyDecision, type ProxyEnv } from '../http/proxy.js';
import { TunnelSocket } from '../http/transport.js';
import { Recorder, UNATTRIBUTED, errorKind, type LoadWindow, type WindowSnapshot } from './record.js';

export {
  CONNECTION_FAILURE_KINDS,
  UNATTRIBUTED,
  errorKind,
  type LoadWindow,
  type VersionRecord,
  type WindowSnapshot,
} from './record.js';

export const DEFAULT_VERSION_HEADER = 'x-istio-canary';

export interface LoadOptions {
  url: string;
  /** Host header (and TLS SNI) override. */
  host?: string | null;
  /** Requests per second; 0 = as fast as each connection can go (closed loop, for max throughput). */
  rps: number;
  connections: number;
  /** Per-request timeout measured from the intended send time. */
  timeoutMs?: number;
  /** Response header naming the version that answered. */
  headerName?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Stops by itself after this long (else runs until stop() or the signal). */
  durationMs?: number;
  signal?: AbortSignal;
  /** TLS: verify the server certificate (off by default, as hey does: load targets are often self-signed). */
  rejectUnauthorized?: boolean;
  /**
   * Send within µs of the intended time by yielding with setImmediate for the last ~1.5 ms before
   * each send (costs CPU: up to a core at a few hundred rps). Off, sends may be up to ~1 ms late
   * (timer granularity), which the latency then includes. For benchmarks against sub-ms servers.
   */
  precise?: boolean;
  /** Latency samples kept per version per window for the statistical judge. */
  reservoirSize?: number;
  seed?: number;
  /**
   * https_proxy/http_proxy/no_proxy (src/http/proxy.ts decides); default: this process's. Through
   * a proxy each connection is a CONNECT tunnel opened before the clock starts, so the Host
   * header (load-host) and per-request timing are as without one.
   */
  proxy?: ProxyEnv;
}

function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LF = 10;
const MAX_HEAD = 64 * 1024;

const enum Phase {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  Trailer,
  UntilClose,
}

class Connection {
  socket: net.Socket | null = null;
  busy = false;
  intended = 0;
  /** The request's index (which windows own it). */
  index = -1;
  phase = Phase.Head;
  remaining = 0;
  headBuf: Buffer | null = null;
  lineBuf = '';
  status = 0;
  version = UNATTRIBUTED;
  keepAlive = true;
  /** The server's Keep-Alive timeout hint in ms (-1: none given). */
  keepAliveMs = -1;
  /** When the socket last finished a response (performance.now()). */
  idleSince = 0;
  lastError: NodeJS.ErrnoException | null = null;
  constructor(readonly gen: LoadGenerator) {}
}

export class LoadGenerator {
  private readonly conns: Connection[] = [];
  private readonly idle: Connection[] = [];
  /** Due requests waiting for a connection (intended times), a growable ring. */
  private queue = new Float64Array(1024);
  /** The index of each queued request (same ring positions as `queue`). */
  private queueIndex = new Float64Array(1024);
  private qHead = 0;
  private qLen = 0;
  private readonly recorders = new Set<Recorder>();
  /** Requests settled (and errors among them) per version since start: the judge's record of stable. */
  private readonly totals = new Map<string, { requests: number; errors: number }>();
  private readonly request: Buffer;
  /** A share of the requests sent with extra headers or another Host (setCohort), else null. */
  private cohort: { share: number; request: Buffer } | null = null;
  private readonly head: { path: string; host: string };
  private readonly hostname: string;
  private readonly port: number;
  private readonly secure: boolean;
  private readonly servername: string;
  /** Direct, or through which proxy (one decision for every outbound HTTP client). */
  private readonly route: ProxyDecision;
  private readonly headerKey: string;
  private readonly timeoutMs: number;
  private readonly interval: number;
  private readonly rand: () => number;
  /** Timer granularity forgiven when a free connection sends late (0 in precise mode). */
  private readonly slackMs: number;
  private t0 = 0;
  /** The clock has started (see start()). */
  private begun = false;
  private sent = 0;
  /** Requests created so far; the next one gets this index. */
  private issued = 0;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private stopped = false;
  private started = false;
  /** Duration over: no new requests, waiting for those in flight. */
  private draining = false;
  private resolveDone!: () => void;
  /** Settles when the generator has stopped (duration over, stop() or the signal). */
  readonly done: Promise<void>;
  private readonly onAbort = (): void => this.stop();

  constructor(private readonly opts: LoadOptions) {
    const url = new URL(opts.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`load-url: ${opts.url} is not http(s)`);
    }
    if (!(opts.rps >= 0) || !Number.isFinite(opts.rps)) throw new Error(`load-rps: ${opts.rps} is not >= 0`);
    if (!(opts.connections >= 1)) throw new Error(`load-connections: ${opts.connections} is not >= 1`);
    this.secure = url.protocol === 'https:';
    this.hostname = url.hostname.replace(/^\[|\]$/g, '');
    this.port = url.port ? Number(url.port) : this.secure ? 443 : 80;
    const host = opts.host ?? url.host;
    this.servername = (opts.host ?? url.hostname).replace(/:\d+$/, '');
    this.route = decideProxy(url, opts.proxy ?? processProxyEnv());
    this.headerKey = `\r\n${(opts.headerName ?? DEFAULT_VERSION_HEADER).toLowerCase()}:`;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.interval = opts.rps > 0 ? 1000 / opts.rps : 0;
    this.rand = xorshift(opts.seed ?? 1);
    this.slackMs = opts.precise === true ? 0 : 1.5;
    this.head = { path: `${url.pathname}${url.search}`, host };
    this.request = this.buildRequest(host, opts.headers ?? {});
    for (let i = 0; i < Math.floor(opts.connections); i++) {
      const c = new Connection(this);
      this.conns.push(c);
      this.idle.push(c);
    }
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  private buildRequest(host: string, headers: Record<string, string>): Buffer {
    let head = `GET ${this.head.path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: istio-canary\r\nAccept: */*\r\n`;
    for (const [k, v] of Object.entries({ ...(this.opts.headers ?? {}), ...headers })) {
      if (/[\r\n]/.test(k + v)) throw new Error(`header ${k}: contains a line break`);
      head += `${k}: ${v}\r\n`;
    }
    return Buffer.from(`${head}\r\n`, 'latin1');
  }

  /**
   * From now on, `share` (0..1) of the requests carry `headers` (added to the load's own) and
   * `host` as their Host header when given: an A/B cohort matching the canary's route, or the
   * blue/green preview host or header. Exactly that share, spread evenly by request index (no
   * randomness: each window gets its share). null: every request as configured.
   */
  setCohort(cohort: { share: number; headers?: Record<string, string>; host?: string | null } | null): void {
    if (cohort === null || !(cohort.share > 0)) {
      this.cohort = null;
      return;
    }
    this.cohort = {
      share: Math.min(1, cohort.share),
      request: this.buildRequest(cohort.host ?? this.head.host, cohort.headers ?? {}),
    };
  }

  /**
   * Starts; returns at once. Every connection is opened first and the clock (t0, the schedule,
   * the duration) starts once all are connected or have failed, as wrk does: the first requests
   * would otherwise be charged the TCP/TLS handshakes and whatever work the process still has
   * queued right after start() (tens of ms when it has just booted), which alone set the p99 of
   * a few-second run. A failed connection is retried, and counted, when a request needs it; a
   * handshake still pending after min(timeout, 1 s) no longer holds the clock (its requests wait
   * on it and count the wait, as before), so a black-holed target cannot hang the run.
   */
  start(): this {
    if (this.started) return this;
    this.started = true;
    if (this.opts.signal?.aborted) {
      this.stop();
      return this;
    }
    this.opts.signal?.addEventListener('abort', this.onAbort, { once: true });
    let pending = this.conns.length;
    const ready = (): void => {
      if (--pending === 0) this.begin();
    };
    this.timer = setTimeout(() => this.begin(), Math.min(this.timeoutMs, 1000));
    for (const c of this.conns) this.connect(c, ready);
    return this;
  }

  private begin(): void {
    if (this.stopped || this.begun) return;
    this.begun = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.t0 = performance.now();
    const sweepEvery = Math.max(10, Math.min(250, this.timeoutMs / 4));
    this.sweeper = setInterval(() => this.sweep(), sweepEvery);
    if (this.interval === 0) {
      // Closed loop: every connection keeps one request in flight.
      while (this.idle.length > 0) this.send(this.idle.pop()!, performance.now(), this.issued++);
      if (this.opts.durationMs !== undefined)
        this.timer = setTimeout(() => this.drain(), this.opts.durationMs);
    } else {
      this.tick();
    }
  }

  /** Requests settled and errors of one version since the generator started (counted like a window's). */
  totalsOf(version: string): { requests: number; errors: number } {
    const t = this.totals.get(version);
    return { requests: t?.requests ?? 0, errors: t?.errors ?? 0 };
  }

  /** Records every completed request from now on until close(); read() at any time. */
  openWindow(): LoadWindow {
    const rec = new Recorder(this.issued, this.opts.reservoirSize ?? 2000, this.rand);
    this.recorders.add(rec);
    return {
      read: () => rec.snapshot(this.issued),
      end: (signal) => this.endWindow(rec, signal),
      close: () => {
        rec.until = Math.min(rec.until, this.issued);
        this.recorders.delete(rec);
        rec.onSettled?.();
      },
    };
  }

  private endWindow(rec: Recorder, signal?: AbortSignal): Promise<WindowSnapshot> {
    if (rec.endedAt === null) {
      rec.endedAt = performance.now();
      rec.until = Math.min(rec.until, this.issued);
    }
    return new Promise((resolve) => {
      const finish = (): void => {
        signal?.removeEventListener('abort', finish);
        rec.onSettled = null;
        resolve(rec.snapshot(this.issued));
      };
      if (
        this.stopped ||
        signal?.aborted ||
        !this.recorders.has(rec) ||
        rec.settled >= rec.scheduled(this.issued)
      )
        return finish();
      rec.onSettled = finish;
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  /** Records the outcome of request `index` in every window that owns it. */
  private settle(
    index: number,
    version: string,
    latencyUs: number,
    status: number,
    kind: string | null,
  ): void {
    const t = this.totals.get(version) ?? { requests: 0, errors: 0 };
    t.requests++;
    if (kind !== null) t.errors++;
    this.totals.set(version, t);
    for (const r of this.recorders) {
      if (!r.owns(index)) continue;
      r.record(version, latencyUs, status, kind);
      if (r.endedAt !== null && r.settled >= r.scheduled(this.issued)) r.onSettled?.();
    }
  }

  /**
   * Stops sending and closes every connection; the requests in flight or queued are counted as
   * `unanswered` (never dropped), and every ended window settles.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (this.sweeper) clearInterval(this.sweeper);
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    const now = performance.now();
    for (const c of this.conns) {
      if (c.busy) {
        c.busy = false;
        this.settle(
          c.index,
          c.status > 0 ? c.version : UNATTRIBUTED,
          Math.round((now - c.intended) * 1000),
          0,
          'unanswered',
        );
      }
      c.socket?.destroy();
      c.socket = null;
    }
    while (this.qLen > 0) {
      const { intended, index } = this.dequeue();
      this.settle(index, UNATTRIBUTED, Math.round((now - intended) * 1000), 0, 'unanswered');
    }
    for (const r of this.recorders) r.onSettled?.();
    this.resolveDone();
  }

  private dequeue(): { intended: number; index: number } {
    const intended = this.queue[this.qHead]!;
    const index = this.queueIndex[this.qHead]!;
    this.qHead = (this.qHead + 1) % this.queue.length;
    this.qLen--;
    return { intended, index };
  }

  /** Stops sending new requests and stops once those in flight or queued are answered or time out. */
  drain(): void {
    this.draining = true;
    this.checkDrained();
  }

  private checkDrained(): void {
    if (!this.draining || this.stopped || this.qLen > 0) return;
    for (const c of this.conns) if (c.busy) return;
    this.stop();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private readonly tick = (): void => {
    this.timer = null;
    this.immediate = null;
    if (this.stopped) return;
    const now = performance.now();
    const end = this.opts.durationMs === undefined ? Infinity : this.t0 + this.opts.durationMs;
    // Send everything due, including catch-up after an event-loop stall (open loop).
    for (;;) {
      const due = this.t0 + this.sent * this.interval;
      if (due > now || due >= end) break;
      this.sent++;
      this.dispatch(due, now, this.issued++);
    }
    const next = this.t0 + this.sent * this.interval;
    if (next >= end) {
      this.timer = setTimeout(() => this.drain(), Math.max(0, end - now));
      return;
    }
    const wait = next - performance.now();
    // setTimeout is only ms-accurate; in precise mode sleep most of the gap, then yield with
    // setImmediate (which still serves I/O) so requests leave within µs of their intended time.
    if (this.opts.precise !== true) this.timer = setTimeout(this.tick, Math.max(1, Math.ceil(wait)));
    else if (wait > 2) this.timer = setTimeout(this.tick, wait - 1.5);
    else this.immediate = setImmediate(this.tick);
  };

  private dispatch(intended: number, now: number, index: number): void {
    const c = this.idle.pop();
    if (c !== undefined) {
      // A free connection: only the sender's own timer was late. Up to the timer's granularity
      // that is not the server's doing and is forgiven; beyond it (our event loop stalled) it counts.
      const late = now - intended;
      this.send(c, late <= this.slackMs ? Math.max(intended, now) : intended + this.slackMs, index);
      return;
    }
    // Every connection busy: the wait in this queue is the server's doing and counts in full.
    if (this.qLen === this.queue.length) {
      const bigger = new Float64Array(this.queue.length * 2);
      const biggerIndex = new Float64Array(this.queue.length * 2);
      for (let i = 0; i < this.qLen; i++) {
        bigger[i] = this.queue[(this.qHead + i) % this.queue.length]!;
        biggerIndex[i] = this.queueIndex[(this.qHead + i) % this.queue.length]!;
      }
      this.queue = bigger;
      this.queueIndex = biggerIndex;
      this.qHead = 0;
    }
    const at = (this.qHead + this.qLen) % this.queue.length;
    this.queue[at] = intended;
    this.queueIndex[at] = index;
    this.qLen++;
  }

  private send(c: Connection, intended: number, index: number): void {
    c.busy = true;
    c.intended = intended;
    c.index = index;
    c.phase = Phase.Head;
    c.headBuf = null;
    c.status = 0;
    c.version = UNATTRIBUTED;
    if (c.socket !== null && c.keepAliveMs >= 0) {
      // The server said how long it keeps an idle connection: replace one about to expire
      // rather than race its close (a close under the request would fail the request).
      const margin = Math.min(1000, c.keepAliveMs / 2);
      if (performance.now() - c.idleSince >= c.keepAliveMs - margin) {
        c.socket.destroy();
        c.socket = null;
      }
    }
    if (c.socket === null) this.connect(c);
    const co = this.cohort;
    // Request `index` is in the cohort when the running count of cohort requests steps up at it.
    const inCohort = co !== null && Math.floor((index + 1) * co.share) > Math.floor(index * co.share);
    c.socket!.write(inCohort ? co.request : this.request);
  }

  /** `onSettled`: called once when the connection is up, or failed before coming up. */
  private connect(c: Connection, onSettled?: () => void): void {
    const socket =
      this.route.kind === 'proxy'
        ? (new TunnelSocket({
            proxy: this.route.proxy,
            host: this.hostname,
            port: this.port,
            secure: this.secure,
            servername: net.isIP(this.servername) ? undefined : this.servername,
            rejectUnauthorized: this.opts.rejectUnauthorized ?? false,
            ALPNProtocols: ['http/1.1'],
          }) as unknown as net.Socket)
        : this.secure
          ? tls.connect({
              host: this.hostname,
              port: this.port,
              servername: net.isIP(this.servername) ? undefined : this.servername,
              rejectUnauthorized: this.opts.rejectUnauthorized ?? false,
              ALPNProtocols: ['http/1.1'],
            })
          : net.connect({ host: this.hostname, port: this.port });
    socket.setNoDelay(true);
    if (onSettled !== undefined) {
      let settled = false;
      const settle = (): void => {
        if (settled) return;
        settled = true;
        onSettled();
      };
      socket.once(this.secure ? 'secureConnect' : 'connect', settle);
      socket.once('close', settle);
    }
    c.socket = socket;
    c.lastError = null;
    c.keepAliveMs = -1;
    socket.on('data', (chunk: Buffer) => {
      if (c.socket === socket) this.onData(c, chunk);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      c.lastError = err;
    });
    socket.on('close', () => {
      if (c.socket !== socket) return;
      c.socket = null;
      if (!c.busy) return;
      // Never resent: a close or reset under a request fails it, counted (see the top).
      if (c.phase === Phase.UntilClose) this.complete(c, null);
      else this.complete(c, errorKind(c.lastError));
    });
  }

  private onData(c: Connection, chunk: Buffer): void {
    let data = chunk;
    let off = 0;
    while (off < data.length && c.busy) {
      switch (c.phase) {
        case Phase.Head: {
          if (c.headBuf !== null) {
            data = Buffer.concat([c.headBuf, data.subarray(off)]);
            off = 0;
            c.headBuf = null;
          }
          const end = data.indexOf(CRLFCRLF, off);
          if (end < 0) {
            if (data.length - off > MAX_HEAD) return this.fail(c, 'other');
            c.headBuf = data.subarray(off);
            return;
          }
          this.parseHead(c, data.toString('latin1', off, end + 2).toLowerCase());
          off = end + 4;
          break;
        }
        case Phase.Length: {
          const n = Math.min(c.remaining, data.length - off);
          c.remaining -= n;
          off += n;
          if (c.remaining === 0) this.complete(c, null);
          break;
        }
        case Phase.ChunkSize:
        case Phase.Trailer: {
          const lf = data.indexOf(LF, off);
          if (lf < 0) {
            c.lineBuf += data.toString('latin1', off);
            return;
          }
          const line = (c.lineBuf + data.toString('latin1', off, lf)).trim();
          c.lineBuf = '';
          off = lf + 1;
          if (c.phase === Phase.Trailer) {
            if (line === '') this.complete(c, null);
          } else {
            const size = parseInt(line, 16);
            if (Number.isNaN(size)) return this.fail(c, 'other');
            if (size === 0) c.phase = Phase.Trailer;
            else {
              c.remaining = size + 2; // data + CRLF
              c.phase = Phase.ChunkData;
            }
          }
          break;
        }
        case Phase.ChunkData: {
          const n = Math.min(c.remaining, data.length - off);
          c.remaining -= n;
          off += n;
          if (c.remaining === 0) c.phase = Phase.ChunkSize;
          break;
        }
        case Phase.UntilClose:
          return; // body runs to the end of the connection
      }
    }
  }

  /** Reads the status and the few headers that matter from a lowercased response head. */
  private parseHead(c: Connection, head: string): void {
    const status = parseInt(head.slice(9, 12), 10);
    if (status >= 100 && status < 200) return; // 100-continue etc.: the real head follows
    c.status = status;
    const v = headerValue(head, this.headerKey);
    c.version = v === null || v === '' ? UNATTRIBUTED : v;
    const conn = headerValue(head, '\r\nconnection:');
    c.keepAlive = head.startsWith('http/1.1') ? conn !== 'close' : conn === 'keep-alive';
    const hint = /timeout=(\d+)/.exec(headerValue(head, '\r\nkeep-alive:') ?? '');
    if (hint?.[1] !== undefined) c.keepAliveMs = Number(hint[1]) * 1000;
    const te = headerValue(head, '\r\ntransfer-encoding:');
    const cl = headerValue(head, '\r\ncontent-length:');
    if (status === 204 || status === 304) {
      this.complete(c, null);
    } else if (te !== null && te.includes('chunked')) {
      c.phase = Phase.ChunkSize;
      c.lineBuf = '';
    } else if (cl !== null) {
      c.remaining = parseInt(cl, 10);
      if (!(c.remaining > 0)) this.complete(c, null);
      else c.phase = Phase.Length;
    } else {
      c.phase = Phase.UntilClose;
      c.keepAlive = false;
    }
  }

  private fail(c: Connection, kind: string): void {
    c.socket?.destroy();
    c.socket = null;
    this.complete(c, kind);
  }

  /** One request finished (kind null = a full response); the connection takes the next due request. */
  private complete(c: Connection, kind: string | null): void {
    if (!c.busy) return;
    c.busy = false;
    const now = performance.now();
    const latencyUs = Math.round((now - c.intended) * 1000);
    if (kind === null) {
      const status = c.status;
      const errKind = status >= 500 ? String(status) : null;
      this.settle(c.index, c.version, latencyUs, status, errKind);
      if (!c.keepAlive) {
        c.socket?.destroy();
        c.socket = null;
      } else c.idleSince = now;
    } else {
      // No complete response: the version is known only if its response head arrived.
      this.settle(c.index, c.status > 0 ? c.version : UNATTRIBUTED, latencyUs, 0, kind);
    }
    if (this.stopped) return;
    if (kind !== null && this.interval === 0) {
      // Closed loop against a dead target: pace reconnects instead of spinning.
      setTimeout(() => this.release(c), 10).unref();
      return;
    }
    this.release(c);
  }

  private release(c: Connection): void {
    if (this.stopped || c.busy) return;
    if (this.draining && this.qLen === 0) {
      this.idle.push(c);
      this.checkDrained();
    } else if (this.interval === 0) {
      this.send(c, performance.now(), this.issued++);
    } else if (this.qLen > 0) {
      const { intended, index } = this.dequeue();
      this.send(c, intended, index);
    } else {
      this.idle.push(c);
    }
  }

  /** Times out requests in flight or queued for longer than timeoutMs since their intended time. */
  private sweep(): void {
    const limit = performance.now() - this.timeoutMs;
    for (const c of this.conns) {
      if (c.busy && c.intended < limit) this.fail(c, 'timeout');
    }
    while (this.qLen > 0 && this.queue[this.qHead]! < limit) {
      const { intended, index } = this.dequeue();
      const latencyUs = Math.round((performance.now() - intended) * 1000);
      this.settle(index, UNATTRIBUTED, latencyUs, 0, 'timeout');
    }
    this.checkDrained();
  }
}

/** Value of a header in a lowercased head, given "\r\nname:"; null when absent. */
function headerValue(head: string, key: string): string | null {
  const i = head.indexOf(key);
  if (i < 0) return null;
  const start = i + key.length;
  const end = head.indexOf('\r\n', start);
  return head.slice(start, end < 0 ? head.length : end).trim();
}

/** Starts a generator; convenience for callers that do not need the class. */
export function startLoad(opts: LoadOptions): LoadGenerator {
  return new LoadGenerator(opts).start();
}
