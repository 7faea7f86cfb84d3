// A real Prometheus (Debian package) scraping the embedded mesh's data plane while the built-in
// load generator drives it: the per-version figures of both sources must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { AnalysisLimits, StepWindow } from '../src/model.js';
import { createMetrics } from '../src/metrics/index.js';
import { PrometheusClient, queryWindowStats } from '../src/metrics/prometheus.js';
import { LoadGenerator } from '../src/traffic/loadgen.js';
import { ISTIO_DURATION_BUCKETS_MS } from '../src/sim/dataplane/index.js';
import { CANARY, HOST, NS, STABLE, startMesh, type Mesh } from './metrics-mesh.js';
import { ProbeError, probeMeasurement } from '../src/promote/probe.js';

const PROMETHEUS = '/usr/bin/prometheus';
const limits: AnalysisLimits = {
  minRequests: 50,
  maxErrorRate: 0.01,
  maxP99Ms: null,
  maxLatencyRegression: 0.25,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Sits between Prometheus and the data plane's /metrics so the test can wait on scrapes (events)
 * rather than on time: scrapedAfter(t) resolves once a scrape that began after t has been served.
 */
class ScrapeProxy {
  private server = http.createServer((req, res) => {
    const began = Date.now();
    http
      .get(this.target, (up) => {
        let body = '';
        up.on('data', (c: Buffer) => (body += c.toString()));
        up.on('end', () => {
          res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'text/plain' });
          res.end(body, () => this.scraped(began, body));
        });
      })
      .on('error', () => res.writeHead(502).end());
    req.resume();
  });
  private waiters: { after: number; test: (body: string) => boolean; resolve: () => void }[] = [];
  port = 0;
  constructor(private readonly target: string) {}
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  private scraped(began: number, body: string): void {
    this.waiters = this.waiters.filter((w) => {
      if (began >= w.after && w.test(body)) {
        w.resolve();
        return false;
      }
      return true;
    });
  }
  scrapedAfter(after: number, test: (body: string) => boolean = () => true): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ after, test, resolve }));
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function bucketOf(ms: number): number {
  return ISTIO_DURATION_BUCKETS_MS.findIndex((le) => ms <= le);
}

describe('against a real Prometheus scraping the embedded mesh', () => {
  let mesh: Mesh;
  let proxy: ScrapeProxy;
  let prom: ChildProcess;
  let promUrl: string;
  let dir: string;
  let gen: LoadGenerator;

  beforeAll(async () => {
    mesh = await startMesh(
      { latency: 'p50=60ms,p99=90ms' },
      { latency: 'p50=60ms,p99=90ms', errorRate: '10%' },
      50,
    );
    proxy = new ScrapeProxy(mesh.plane.metricsUrl);
    await proxy.listen();
    dir = mkdtempSync(join(tmpdir(), 'metrics-prom-'));
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: mesh',
        '    metrics_path: /metrics',
        `    static_configs: [{ targets: ['127.0.0.1:${proxy.port}'] }]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=info',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const onData = (c: Buffer): void => {
        log += c.toString();
        if (log.includes('Server is ready to receive web requests')) resolve();
      };
      prom.stdout!.on('data', onData);
      prom.stderr!.on('data', onData);
      prom.once('error', (e) =>
        reject(new Error(`${PROMETHEUS} could not start (apt-get install prometheus): ${e.message}`)),
      );
      prom.once('exit', (code) =>
        reject(new Error(`prometheus exited with ${code} before it was ready:\n${log}`)),
      );
    });
    gen = new LoadGenerator({
      url: `${mesh.plane.ingressUrl}/`,
      host: HOST,
      rps: 200,
      connections: 64,
    }).start();
    // Both series exist in Prometheus before any window starts (so rate() sees their whole window).
    await proxy.scrapedAfter(
      Date.now(),
      (b) => b.includes(`destination_workload="${CANARY}"`) && b.includes(`destination_workload="${STABLE}"`),
    );
    await proxy.scrapedAfter(Date.now());
  });

  afterAll(async () => {
    gen?.stop();
    if (prom && prom.exitCode === null) {
      const exited = new Promise((resolve) => prom.once('exit', resolve));
      prom.kill('SIGTERM');
      await exited;
    }
    await proxy?.close();
    await mesh?.plane.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('agrees with the load generator per version within 10% on requests, rate and error rate', async () => {
    const win = gen.openWindow();
    const started = Date.now();
    await delay(15_000); // the window being measured, not a wait for state
    const snap = win.read();
    const ended = Date.now();
    win.close();
    // Two scrapes that began after the window ended: Prometheus holds its last second.
    await proxy.scrapedAfter(ended);
    await proxy.scrapedAfter(Date.now());
    const seconds = (ended - started) / 1000;
    const { stats } = await queryWindowStats(
      new PrometheusClient({ url: promUrl }),
      { namespace: NS, workloads: [STABLE, CANARY], seconds: Math.round(seconds) },
      new Date(ended),
    );
    for (const [name, workload] of [
      ['stable', STABLE],
      ['canary', CANARY],
    ] as const) {
      const lg = snap.versions.get(name)!;
      const p = stats.get(workload)!;
      expect(p, `${workload} has Prometheus data`).not.toBeNull();
      const rel = (a: number, b: number) => Math.abs(a - b) / b;
      expect(
        rel(p.requests, lg.count),
        `${name} requests prom ${p.requests} vs loadgen ${lg.count}`,
      ).toBeLessThanOrEqual(0.1);
      expect(rel(p.rps, lg.count / seconds), `${name} rps`).toBeLessThanOrEqual(0.1);
      if (name === 'canary') {
        const lgRate = lg.errors / lg.count;
        const pRate = p.errors / p.requests;
        expect(
          rel(pRate, lgRate),
          `canary error rate prom ${pRate} vs loadgen ${lgRate}`,
        ).toBeLessThanOrEqual(0.1);
      } else {
        expect(p.errors).toBe(0);
        expect(lg.errors).toBe(0);
      }
      // Istio's histogram has coarse buckets (…, 50, 100, …): percentiles agree at bucket resolution.
      // Prometheus sees the app's service time (destination reporter), the load generator the
      // client's (ingress, queueing on this shared machine): only p50 is compared, at bucket level.
      console.log(
        `${name}: requests prom ${p.requests} / loadgen ${lg.count}; p50 ${p.p50Ms?.toFixed(1)} / ${(lg.histogram.percentile(50)! / 1000).toFixed(1)} ms; p90 ${p.p90Ms?.toFixed(1)} / ${(lg.histogram.percentile(90)! / 1000).toFixed(1)} ms`,
      );
      expect(bucketOf(p.p50Ms!)).toBe(bucketOf(lg.histogram.percentile(50)! / 1000));
    }
  });

  it('fails the 10%-errors canary from both sources in "both" mode, each reason naming its source', async () => {
    const metrics = createMetrics({
      source: 'both',
      limits,
      load: { url: `${mesh.plane.ingressUrl}/`, host: HOST, rps: 100, connections: 16 },
      prometheus: { url: promUrl, settleMs: 2500, minRangeSeconds: 4 },
    });
    try {
      const w: StepWindow = {
        step: 1,
        weight: 50,
        intervalMs: 4000,
        signal: new AbortController().signal,
        namespace: NS,
        stableWorkload: STABLE,
        canaryWorkload: CANARY,
      };
      const v = await metrics.measure(w);
      expect(v.outcome).toBe('fail');
      const failing = v.reasons.filter((r) => !r.ok);
      expect(failing.some((r) => r.source === 'loadgen' || r.source === 'judge')).toBe(true);
      expect(failing.some((r) => r.source === 'prometheus' && r.metric === 'error-rate')).toBe(true);
    } finally {
      await metrics.close!();
    }
  });

  it('is inconclusive from Prometheus when the workloads had no traffic', async () => {
    const metrics = createMetrics({
      source: 'prometheus',
      limits,
      prometheus: { url: promUrl, minRangeSeconds: 2 },
    });
    const v = await metrics.measure({
      step: 1,
      weight: 10,
      intervalMs: 1000,
      signal: new AbortController().signal,
      namespace: 'nobody-here',
      stableWorkload: 'idle-stable',
      canaryWorkload: 'idle-canary',
    });
    expect(v.outcome).toBe('inconclusive');
    expect(v.reasons[0]).toMatchObject({ metric: 'requests', value: 0, source: 'prometheus', ok: false });
  });

  // The pre-traffic probe (issue 12.6): Prometheus must measure THIS service before any weight
  // moves, with the judge's query for the stable workload; an empty vector is not a proof.
  const probeInput = (metrics: object, stableWorkload: string, log: string[]) => ({
    kube: {
      get: () => Promise.reject(new Error('not read')),
      list: () => Promise.reject(new Error('not read')),
    },
    metrics,
    virtualService: { spec: { http: [{ route: [] }] } },
    routeIndex: 0,
    namespace: NS,
    stableWorkload,
    liveWeight: 0,
    signal: new AbortController().signal,
    logger: {
      info: (m: string) => void log.push(m),
      warning: (m: string) => void log.push(m),
      error: (m: string) => void log.push(m),
      debug: () => undefined,
    },
  });

  it('the probe finds the stable workload in a real Prometheus with the query the windows use', async () => {
    const metrics = createMetrics({ source: 'prometheus', limits, prometheus: { url: promUrl } });
    const log: string[] = [];
    await probeMeasurement(probeInput(metrics, STABLE, log));
    expect(log.at(-1)).toMatch(
      new RegExp(
        `^probe: Prometheus at ${promUrl} measures the stable workload ${NS}/${STABLE} \\(1 series\\)$`,
      ),
    );
  });

  it('the probe refuses a real Prometheus that answers an empty vector for the stable workload, naming the query', async () => {
    const metrics = createMetrics({
      source: 'prometheus',
      limits,
      prometheus: { url: promUrl, seriesWaitMs: 200, seriesPollMs: 100 },
    });
    const log: string[] = [];
    const err = await probeMeasurement(probeInput(metrics, 'not-scraped', log)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeError);
    const message = (err as Error).message;
    expect(message).toContain(
      `Prometheus at ${promUrl} has no data for the stable workload ${NS}/not-scraped after 0.2 s: the query the windows use returned an empty result: sum by (destination_workload) (increase(istio_requests_total{reporter="destination",destination_workload_namespace="${NS}",destination_workload=~"not-scraped"}[300s]))`,
    );
    expect(message).toContain('Check that Istio telemetry is on');
    expect(message).toContain('destination_workload="not-scraped" (the stable Deployment)');
    // The wait was logged: its bound, then each look.
    expect(log[0]).toContain(
      `has no series yet for the stable workload ${NS}/not-scraped; waiting up to 0.2 s`,
    );
    expect(log.filter((l) => l.startsWith('probe: still no series for'))).toHaveLength(1);
  });
});
