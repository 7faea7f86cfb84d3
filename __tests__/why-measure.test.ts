// measure() (src/metrics/index.ts) sets Verdict.why on every window it could not pass and logs
// it on the step's line, over the wire: a load target too quiet for min-requests, a target that
// resets connections, a Prometheus that refuses every query, and a window cancelled half-way.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../src/metrics/index.js';
import { WHY_MAX_CHARS } from '../src/metrics/why.js';
import type { AnalysisLimits, StepWindow } from '../src/model.js';

const limits: AnalysisLimits = {
  minRequests: 400,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 10,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(handler: http.RequestListener, onConnection?: (s: Socket) => void): Promise<string> {
  const s = http.createServer(handler);
  if (onConnection) s.on('connection', onConnection);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}

/** Stable and canary answer in turn, with the version header. */
function alternating(): http.RequestListener {
  let turn = 0;
  return (_req, res) => {
    res.writeHead(200, { 'x-istio-canary': turn++ % 2 ? 'canary' : 'stable', connection: 'close' });
    res.end('ok');
  };
}

function window(intervalMs: number, signal = new AbortController().signal): StepWindow {
  return {
    step: 1,
    weight: 50,
    intervalMs,
    signal,
    namespace: 'ns',
    stableWorkload: 's',
    canaryWorkload: 'c',
  };
}

function metricsFor(url: string, rps: number, log: string[], source: 'loadgen' | 'prometheus' = 'loadgen') {
  const m = createMetrics({
    source,
    limits,
    ...(source === 'loadgen'
      ? { load: { url, rps, connections: 4 } }
      : { prometheus: { url, minRangeSeconds: 1 } }),
    logger: { info: (s) => void log.push(s) },
  });
  cleanups.push(() => m.close!());
  return m;
}

/** The measurement's line for the step, and the why at its end. */
function loggedWhy(log: string[]): string {
  const line = log.find((l) => l.startsWith('step 1 (canary 50%): '));
  expect(line, log.join('\n')).toBeDefined();
  return line!.slice(line!.indexOf(' — ') + 3);
}

describe('measure() says why a window did not pass', () => {
  it('too few canary requests: the count, the limit, the window and the load; the interval and load-rps it names would give enough', async () => {
    const url = await serve(alternating());
    const log: string[] = [];
    const rps = 40;
    const v = await metricsFor(url, rps, log).measure(window(1500));
    expect(v.outcome).toBe('inconclusive');
    expect(v.why).toBe(loggedWhy(log));
    const m =
      /^inconclusive: (\d+) canary requests < min-requests 400 in (\d+) s at 50% of 40 rps \(loadgen\); interval ≥ (\d+)s or load-rps ≥ (\d+) or min-requests ≤ (\d+) would give enough$/.exec(
        v.why!,
      );
    expect(m, v.why).not.toBeNull();
    const n = Number(m![1]);
    expect(n).toBe(v.canary!.requests);
    // The verdict's own facts: n canary requests in durationMs, the window 1500 ms at `rps`.
    const perSecond = n / (v.durationMs / 1000);
    expect(perSecond * Number(m![3])).toBeGreaterThanOrEqual(400 - 1e-6);
    expect(perSecond * (Number(m![3]) - 1)).toBeLessThan(400);
    const scaled = (load: number) => n * (load / rps) * (1500 / v.durationMs);
    expect(scaled(Number(m![4]))).toBeGreaterThanOrEqual(400 - 1e-6);
    expect(scaled(Number(m![4]) - 1)).toBeLessThan(400);
    expect(Number(m![5])).toBe(n);
  });

  it('connections reset: the cause is named before the count it left', async () => {
    let n = 0;
    const url = await serve(alternating(), (sock) => {
      if (++n % 3 === 0) sock.destroy();
    });
    const log: string[] = [];
    const v = await metricsFor(url, 200, log).measure(window(1500));
    expect(v.outcome).toBe('inconclusive');
    expect(v.why).toBe(loggedWhy(log));
    expect(v.why).toMatch(
      /^inconclusive: load-connection-failures: \d+ of \d+ load requests got no HTTP response \(\d+ connection reset or closed before a complete response \(ECONNRESET\)\); as the canary's: error rate [\d.]+% > max-error-rate 1% \(\d+ canary requests\); fix the cause or set max-error-rate ≥ [\d.]+%/,
    );
  });

  it('a Prometheus that refuses the query: inconclusive, its URL and error named, what would let it be judged', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error at char 1\nsecond line',
        }),
      );
    });
    const log: string[] = [];
    const v = await metricsFor(url, 0, log, 'prometheus').measure(window(10));
    expect(v.outcome).toBe('inconclusive');
    expect(v.why).toBe(loggedWhy(log));
    expect(v.why).toMatch(
      /^inconclusive: prometheus: no verdict from Prometheus at http:\/\/127\.0\.0\.1:\d+\/: .*parse error at char 1/,
    );
    expect(v.why).toMatch(
      /: Prometheus query failed \(400, bad_data\): parse error at char 1\\nsecond line; no data for this window; judged once Prometheus answers \(check prometheus-url and its credentials\)$/,
    );
    expect(v.why).not.toContain('\n');
    expect(v.why!.length).toBeLessThanOrEqual(WHY_MAX_CHARS);
  });

  it('a window cancelled half-way: the abort is the cause, with the time and the sample', async () => {
    const ctl = new AbortController();
    const answer = alternating();
    let served = 0;
    // Cancelled once the window has traffic: on the measurement's own progress, not a timer.
    const url = await serve((req, res) => {
      if (++served === 20) ctl.abort();
      answer(req, res);
    });
    const log: string[] = [];
    const v = await metricsFor(url, 100, log).measure(window(60_000, ctl.signal));
    expect(v.outcome).toBe('inconclusive');
    expect(v.why).toBe(loggedWhy(log));
    expect(v.why).toMatch(
      /^inconclusive: aborted: the window stopped after \d+ m?s of 60 s \(cancelled, or the VirtualService changed\) with \d+ canary requests, loadgen; a full window would decide; also: (?:load-connection-failures [\d.]+% \(limit 1%\), )?requests \d+ \(limit 400\)$/,
    );
  });
});
