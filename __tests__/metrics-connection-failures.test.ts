// A window is only as valid as its traffic: load requests that got no HTTP response (refused,
// reset, timed out) make a window inconclusive with the cause named, never a pass; 5xx
// responses stay errors judged as before.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONNECTION_FAILURE_TOLERANCE,
  connectionFailureReason,
  createMetrics,
} from '../src/metrics/index.js';
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
  it('names the count, the total, the URL and each cause once failures pass the tolerance', () => {
    const snap = {
      versions: new Map([
        ['stable', record(554)],
        ['canary', record(60)],
        [UNATTRIBUTED, record(386, { refused: 380, timeout: 6 })],
      ]),
    };
    const r = connectionFailureReason(snap, URL_)!;
    expect(r.ok).toBe(false);
    expect(r.value).toBeCloseTo(0.386);
    expect(r.message).toMatch(
      /^386 of 1000 load requests to http:\/\/127\.0\.0\.1:9\/ failed to connect or got no response: 380 connection refused \(ECONNREFUSED\), 6 no response within the request timeout;/,
    );
  });

  it('tolerates exactly 1% and flags one more', () => {
    const at = {
      versions: new Map([
        ['stable', record(990)],
        [UNATTRIBUTED, record(10, { reset: 10 })],
      ]),
    };
    expect(CONNECTION_FAILURE_TOLERANCE).toBe(0.01);
    expect(connectionFailureReason(at, URL_)).toBeNull();
    const over = {
      versions: new Map([
        ['stable', record(989)],
        [UNATTRIBUTED, record(11, { reset: 11 })],
      ]),
    };
    expect(connectionFailureReason(over, URL_)?.message).toContain('11 of 1000 load requests');
  });

  it('does not count HTTP responses without the header (5xx are judged, not lost)', () => {
    const snap = {
      versions: new Map([
        ['stable', record(500)],
        [UNATTRIBUTED, record(500, { '503': 500 })],
      ]),
    };
    expect(connectionFailureReason(snap, URL_)).toBeNull();
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
      new RegExp(`^\\d+ of \\d+ load requests to ${t.url.replace(/\./g, '\\.')} failed`),
    );
    expect(lost?.message).toContain('connection reset or closed before a response (ECONNRESET)');
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
      `load requests to ${url} failed to connect or got no response`,
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
