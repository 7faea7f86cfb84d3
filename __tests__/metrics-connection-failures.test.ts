// A window is only as valid as its traffic: load requests that got no HTTP response (refused,
// reset, timed out) make a window inconclusive with the cause named, never a pass; 5xx
// responses stay errors judged as before.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionFailureReason, createMetrics } from '../src/metrics/index.js';
import type { AnalysisLimits, StepWindow } from '../src/model.js';
import { Histogram } from '../src/traffic/histogram.js';
import { UNATTRIBUTED, type VersionRecord } from '../src/traffic/loadgen.js';

const limits: AnalysisLimits = {
  minRequests: 20,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 10,
};

function record(count: number, errorsByKind: Record<string, number> = {}): VersionRecord {
  const errors = Object.values(errorsByKind).reduce((a, b) => a + b, 0);
  return { count, errors, errorsByKind, statuses: {}, histogram: new Histogram(), samplesMs: [] };
}

const URL_ = 'http://127.0.0.1:9/';

describe('connectionFailureReason (pure)', () => {
  it('names the count, the total, the URL and each cause once failures could break the limit', () => {
    const snap = {
      versions: new Map([
        ['stable', record(554)],
        ['canary', record(60)],
        [UNATTRIBUTED, record(386, { refused: 380, timeout: 6 })],
      ]),
    };
    const r = connectionFailureReason(snap, URL_, 0.01)!;
    expect(r.ok).toBe(false);
    expect(r.value).toBeCloseTo(386 / 446);
    expect(r.message).toMatch(
      /^386 of 1000 load requests to http:\/\/127\.0\.0\.1:9\/ got no HTTP response: 380 connection refused \(ECONNREFUSED\), 6 no response within the request timeout \(by version: unknown version 386\);/,
    );
  });

  it("counts failures of unknown version as the canary's: inconclusive exactly when that breaks max-error-rate", () => {
    // 99 canary responses, no errors: 1 failure of unknown version is 1/100 = 1% (allowed), 2 are 2/101.
    const at = (n: number) => ({
      versions: new Map([
        ['stable', record(900)],
        ['canary', record(99)],
        [UNATTRIBUTED, record(n, { reset: n })],
      ]),
    });
    expect(connectionFailureReason(at(1), URL_, 0.01)).toBeNull();
    expect(connectionFailureReason(at(2), URL_, 0.01)?.message).toContain('2 of 1001 load requests');
    // A low canary weight: 2 failures among 1000 requests (0.2%) may still be 2% of the canary's.
    expect(connectionFailureReason(at(2), URL_, 0.05)).toBeNull();
  });

  it("counts 5xx answers without the version header as failures of unknown version (a proxy's 503 for a canary whose pods are gone)", () => {
    const unattributed = (n: number): VersionRecord => ({ ...record(n, { '503': n }), statuses: { 503: n } });
    const snap = {
      versions: new Map([
        ['stable', record(900)],
        ['canary', record(40)],
        [UNATTRIBUTED, unattributed(60)],
      ]),
    };
    const r = connectionFailureReason(snap, URL_, 0.01)!;
    expect(r.ok).toBe(false);
    expect(r.value).toBeCloseTo(60 / 100);
    expect(r.message).toMatch(
      /^60 of 1000 load requests to http:\/\/127\.0\.0\.1:9\/ failed without a version header: 60 HTTP 503 without the version header \(by version: unknown version 60\);/,
    );
    // A 4xx without the header is no failure of the canary's; a 5xx of a known version is judged as that version's.
    const other = {
      versions: new Map([
        ['stable', record(900)],
        ['canary', record(100, { '503': 1 })],
        [UNATTRIBUTED, { ...record(50, { '404': 50 }), statuses: { 404: 50 } }],
      ]),
    };
    expect(connectionFailureReason(other, URL_, 0.05)).toBeNull();
  });

  it('counts the requests still pending at the end of a window as unanswered', () => {
    const snap = {
      pending: 7,
      versions: new Map([
        ['stable', record(500)],
        ['canary', record(50)],
      ]),
    };
    expect(connectionFailureReason(snap, URL_, 0.01)?.message).toContain(
      '7 still unanswered when the window ended',
    );
  });

  it("failures after a version's response head are that version's errors, not of unknown version", () => {
    const snap = {
      versions: new Map([
        ['stable', record(500)],
        ['canary', record(50, { reset: 5 })],
      ]),
    };
    expect(connectionFailureReason(snap, URL_, 0.01)).toBeNull();
  });

  it('a window of only unattributed 5xx (no canary response at all) is no pass', () => {
    const snap = {
      versions: new Map([
        ['stable', record(500)],
        [UNATTRIBUTED, record(500, { '503': 500 })],
      ]),
    };
    expect(connectionFailureReason(snap, URL_, 0.01)?.value).toBe(1);
  });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A load target behind which stable and canary answer in turn (with the version header), one
 * request per connection; every `dropEvery`-th connection is reset before it is answered.
 */
async function target(dropEvery: number): Promise<{ url: string; dropped: () => number }> {
  let n = 0;
  let dropped = 0;
  let turn = 0;
  const s = http.createServer((_req, res) => {
    res.writeHead(200, { 'x-istio-canary': turn++ % 2 ? 'canary' : 'stable', connection: 'close' });
    res.end('ok');
  });
  s.on('connection', (sock: Socket) => {
    if (dropEvery > 0 && ++n % dropEvery === 0) {
      dropped++;
      sock.destroy();
    }
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`, dropped: () => dropped };
}

function window(intervalMs: number): StepWindow {
  return {
    step: 1,
    weight: 50,
    intervalMs,
    signal: new AbortController().signal,
    namespace: 'ns',
    stableWorkload: 's',
    canaryWorkload: 'c',
  };
}

describe('over the wire', () => {
  it('a target that resets a third of the connections gives an inconclusive window naming the resets', async () => {
    const t = await target(3);
    const metrics = createMetrics({
      source: 'loadgen',
      limits,
      load: { url: t.url, rps: 200, connections: 4 },
    });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure(window(1500));
    expect(t.dropped()).toBeGreaterThan(20);
    expect(v.outcome).toBe('inconclusive');
    const lost = v.reasons.find((r) => r.metric === 'load-connection-failures');
    expect(lost?.ok).toBe(false);
    expect(lost?.message).toMatch(
      new RegExp(`^\\d+ of \\d+ load requests to ${t.url.replace(/\./g, '\\.')} got no HTTP response`),
    );
    expect(lost?.message).toContain('connection reset or closed before a complete response (ECONNRESET)');
    // The responses that did arrive are still counted per version.
    expect(v.canary!.requests).toBeGreaterThan(20);
    expect(v.stable!.requests).toBeGreaterThan(20);
  });

  it('the same target without resets passes: the gate only takes away passes without their traffic', async () => {
    const t = await target(0);
    const metrics = createMetrics({
      source: 'loadgen',
      limits,
      load: { url: t.url, rps: 200, connections: 4 },
    });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure(window(1500));
    expect(v.reasons.find((r) => r.metric === 'load-connection-failures')).toBeUndefined();
    expect(v.outcome, JSON.stringify(v.reasons)).toBe('pass');
  });

  it('a closed port: every request refused, the window is inconclusive and says ECONNREFUSED', async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const url = `http://127.0.0.1:${port}/`;
    const metrics = createMetrics({ source: 'loadgen', limits, load: { url, rps: 100, connections: 2 } });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure(window(1200));
    expect(v.outcome).toBe('inconclusive');
    expect(v.reasons.find((r) => r.metric === 'load-connection-failures')?.message).toContain(
      `load requests to ${url} got no HTTP response`,
    );
    expect(v.reasons.find((r) => r.metric === 'load-connection-failures')?.message).toContain('ECONNREFUSED');
  });

  it('metrics: both — a healthy Prometheus does not pass a window whose load never arrived', async () => {
    const t = await target(3);
    // Prometheus reports 1000 requests, no 5xx and 10 ms percentiles for both workloads.
    const prom = http.createServer((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      const value = q.includes('response_code') ? '0' : q.startsWith('histogram_quantile') ? '10' : '1000';
      const result = ['s', 'c'].map((w) => ({ metric: { destination_workload: w }, value: [0, value] }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    });
    await new Promise<void>((r) => prom.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => prom.close(() => r())));
    const metrics = createMetrics({
      source: 'both',
      limits,
      load: { url: t.url, rps: 200, connections: 4 },
      prometheus: { url: `http://127.0.0.1:${(prom.address() as AddressInfo).port}` },
    });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure(window(1500));
    expect(v.reasons.some((r) => r.source === 'prometheus' && r.ok)).toBe(true);
    expect(v.reasons.find((r) => r.metric === 'load-connection-failures')?.ok).toBe(false);
    expect(v.outcome).toBe('inconclusive');
  });
});

/**
 * Keep-alive target: answers the first request of each connection (stable and canary in turn)
 * and resets the connection (RST) on its second, as a crashing backend behind a keep-alive
 * proxy does. An HTTP client that resends idempotent requests on a reused connection hides
 * every one of these resets.
 */
async function resettingKeepAlive(): Promise<{ url: string; resets: () => number }> {
  let resets = 0;
  let turn = 0;
  const served = new WeakSet<Socket>();
  const s = http.createServer((req, res) => {
    if (served.has(req.socket)) {
      resets++;
      req.socket.resetAndDestroy();
      return;
    }
    served.add(req.socket);
    res.writeHead(200, { 'x-istio-canary': turn++ % 2 ? 'canary' : 'stable', 'content-length': '2' });
    res.end('ok');
  });
  s.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`, resets: () => resets };
}

/**
 * Stable and canary in turn, keep-alive; every second canary request is never answered (a
 * canary that hangs on half its requests while the rest look healthy).
 */
async function halfHungCanary(): Promise<{ url: string; hung: () => number }> {
  let turn = 0;
  let canary = 0;
  let hung = 0;
  const s = http.createServer((_req, res) => {
    const version = turn++ % 2 ? 'canary' : 'stable';
    if (version === 'canary' && canary++ % 2 === 1) {
      hung++;
      return;
    }
    res.writeHead(200, { 'x-istio-canary': version, 'content-length': '2' });
    res.end('ok');
  });
  s.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`, hung: () => hung };
}

describe('every failed attempt counts', () => {
  it('resets on reused keep-alive connections are counted, not retried: the window is inconclusive', async () => {
    const t = await resettingKeepAlive();
    const metrics = createMetrics({
      source: 'loadgen',
      limits,
      load: { url: t.url, rps: 150, connections: 2 },
    });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure(window(1000));
    expect(t.resets()).toBeGreaterThan(20);
    expect(v.outcome, JSON.stringify(v.reasons)).toBe('inconclusive');
    const lost = v.reasons.find((r) => r.metric === 'load-connection-failures');
    expect(lost?.message, JSON.stringify(v.reasons)).toContain(
      `${t.resets()} connection reset or closed before a complete response (ECONNRESET)`,
    );
  });

  it('a canary that never answers half its requests cannot pass: the window waits for them and counts the timeouts', async () => {
    const t = await halfHungCanary();
    const metrics = createMetrics({
      source: 'loadgen',
      limits,
      // The request timeout is longer than the window: the hung requests are still in flight when it ends.
      load: { url: t.url, rps: 200, connections: 100, timeoutMs: 1500 },
    });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure(window(1000));
    expect(t.hung()).toBeGreaterThan(20);
    expect(v.outcome, JSON.stringify(v.reasons)).toBe('inconclusive');
    // The canary's answered requests alone would pass.
    expect(v.canary!.requests).toBeGreaterThanOrEqual(limits.minRequests);
    expect(v.canary!.errors).toBe(0);
    const lost = v.reasons.find((r) => r.metric === 'load-connection-failures');
    expect(lost?.message, JSON.stringify(v.reasons)).toMatch(
      /^\d+ of \d+ load requests to .* got no HTTP response: \d+ no response within the request timeout/,
    );
  });
});

describe('metrics: both with a Prometheus that fails', () => {
  it('every window is inconclusive and names the Prometheus URL and its error, never its credentials', async () => {
    const t = await target(0);
    const secret = 'Bearer s3cr3t-T0ken-abcdef123456';
    const prom = http.createServer((req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`storage down; your header was ${req.headers.authorization ?? ''}`);
    });
    await new Promise<void>((r) => prom.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => prom.close(() => r())));
    const promUrl = `http://127.0.0.1:${(prom.address() as AddressInfo).port}`;
    const metrics = createMetrics({
      source: 'both',
      limits,
      load: { url: t.url, rps: 200, connections: 4 },
      prometheus: { url: promUrl, headers: { authorization: secret } },
    });
    cleanups.push(() => metrics.close!());
    for (let i = 0; i < 2; i++) {
      const v = await metrics.measure(window(1000));
      expect(v.outcome, JSON.stringify(v.reasons)).toBe('inconclusive');
      // The load alone passes.
      expect(v.reasons.find((r) => r.metric === 'requests' && r.source === 'loadgen')?.ok).toBe(true);
      const p = v.reasons.find((r) => r.metric === 'prometheus');
      expect(p?.ok).toBe(false);
      expect(p?.message).toContain(
        `no verdict from Prometheus at ${promUrl}: Prometheus answered 500: storage down`,
      );
      expect(JSON.stringify(v)).not.toContain('s3cr3t');
      expect(p?.message).toContain('your header was ***');
    }
  });
});
