// What a load window recorded, per version: counts, errors by kind, statuses, a latency
// histogram and a reservoir sample, and the words for every failure below HTTP. Kept apart from
// the generator (loadgen.ts) so the judge (src/metrics) reads windows without the socket code.
import { performance } from 'node:perf_hooks';
import { Histogram } from './histogram.js';
import { isTlsError } from './net-errors.js';

export const UNATTRIBUTED = 'unattributed';

/**
 * The failures below HTTP, by the kind errorKind() gives them, in words: a request that ends in
 * one of these got no complete HTTP response. (HTTP errors are kinds named by their status.)
 */
export const CONNECTION_FAILURE_KINDS: Readonly<Record<string, string>> = {
  refused: 'connection refused (ECONNREFUSED)',
  reset: 'connection reset or closed before a complete response (ECONNRESET)',
  timeout: 'no response within the request timeout',
  tls: 'TLS handshake failed',
  dns: 'host name did not resolve',
  unanswered: 'still unanswered when the load stopped',
  other: 'malformed response or other socket error',
};

/** What one version (or "unattributed") did in a window. */
export interface VersionRecord {
  /** Settled requests (responses, and failures: timeouts, connection failures). */
  count: number;
  errors: number;
  errorsByKind: Record<string, number>;
  /** Every response status seen, e.g. {"200": 950, "503": 50}. */
  statuses: Record<string, number>;
  /** Latency (µs, from the intended send time) of every response, errors included. */
  histogram: Histogram;
  /** Uniform reservoir sample of response latencies in ms (bounded). */
  samplesMs: number[];
}

export interface WindowSnapshot {
  elapsedMs: number;
  /** Requests that became due during the window (each is the window's until it settles). */
  scheduled: number;
  /** The window's requests not settled yet (sent or queued, neither answered nor failed). */
  pending: number;
  versions: Map<string, VersionRecord>;
}

export interface LoadWindow {
  /** The window so far (its requests still in flight are `pending`). */
  read(): WindowSnapshot;
  /**
   * Ends the window: no request due from now on is its. Resolves with its final snapshot once
   * every one of its requests is answered or has failed (a request fails at the latest at its
   * timeout, measured from its intended time), or at once when `signal` aborts or the generator
   * stops; `pending` then counts those still unanswered.
   */
  end(signal?: AbortSignal): Promise<WindowSnapshot>;
  /** Stops recording at once. */
  close(): void;
}

export class Recorder {
  readonly versions = new Map<string, MutableRecord>();
  readonly openedAt = performance.now();
  /** Set when the window ended: its elapsed time stops there. */
  endedAt: number | null = null;
  /** This window owns the requests with index in [from, until). */
  until = Infinity;
  /** Requests of this window settled so far. */
  settled = 0;
  /** Called when the window has ended and all its requests are settled. */
  onSettled: (() => void) | null = null;
  constructor(
    readonly from: number,
    private readonly reservoirSize: number,
    private readonly rand: () => number,
  ) {}

  owns(index: number): boolean {
    return index >= this.from && index < this.until;
  }

  scheduled(issued: number): number {
    return Math.min(this.until, issued) - this.from;
  }

  record(version: string, latencyUs: number, status: number, errorKind: string | null): void {
    let r = this.versions.get(version);
    if (r === undefined) {
      r = new MutableRecord(this.reservoirSize);
      this.versions.set(version, r);
    }
    r.count++;
    this.settled++;
    if (errorKind !== null) {
      r.errors++;
      r.errorsByKind.set(errorKind, (r.errorsByKind.get(errorKind) ?? 0) + 1);
    }
    if (status > 0) {
      r.statuses[status] = (r.statuses[status] ?? 0) + 1;
      r.histogram.record(latencyUs);
      // Algorithm R: every response has the same chance to be in the sample.
      r.seen++;
      if (r.seen <= this.reservoirSize) r.samples[r.seen - 1] = latencyUs / 1000;
      else {
        const j = Math.floor(this.rand() * r.seen);
        if (j < this.reservoirSize) r.samples[j] = latencyUs / 1000;
      }
    }
  }

  snapshot(issued: number): WindowSnapshot {
    const versions = new Map<string, VersionRecord>();
    for (const [name, r] of this.versions) {
      const statuses: Record<string, number> = {};
      for (const k of Object.keys(r.statuses)) statuses[k] = r.statuses[Number(k)] ?? 0;
      versions.set(name, {
        count: r.count,
        errors: r.errors,
        errorsByKind: Object.fromEntries(r.errorsByKind),
        statuses,
        histogram: r.histogram.clone(),
        samplesMs: Array.from(r.samples.subarray(0, Math.min(r.seen, this.reservoirSize))),
      });
    }
    const scheduled = this.scheduled(issued);
    return {
      elapsedMs: (this.endedAt ?? performance.now()) - this.openedAt,
      scheduled,
      pending: Math.max(0, scheduled - this.settled),
      versions,
    };
  }
}

export class MutableRecord {
  count = 0;
  errors = 0;
  readonly errorsByKind = new Map<string, number>();
  readonly statuses: Record<number, number> = {};
  readonly histogram = new Histogram();
  readonly samples: Float64Array;
  seen = 0;
  constructor(size: number) {
    this.samples = new Float64Array(size);
  }
}

/** Classifies a socket failure into the error kinds the report shows. */
export function errorKind(err: NodeJS.ErrnoException | null): string {
  if (err !== null && isTlsError(err)) return 'tls';
  switch (err?.code) {
    case undefined:
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return 'reset';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    default:
      return 'other';
  }
}
