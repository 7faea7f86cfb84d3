// A real Prometheus (Debian package prometheus) scrapes the data plane's Istio metrics; the queries the
// action and Flagger run return the configured latency and success rate.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import { NS, freePort, podinfoSeed, run, stop, toSubset, waitForLine } from './sim-dataplane-fixtures.js';

const PROMETHEUS = '/usr/bin/prometheus';
// p99s sit just under a bucket bound (50, 250), where histogram_quantile's linear interpolation lands
// within ~6% of the true quantile; p99s in the middle of a wide bucket would be over-estimated.
const GA = { p50: 20, p99: 47, errorRate: 0 };
const CANARY = { p50: 100, p99: 237, errorRate: 0.1 };
const profile = (p: typeof GA) => ({
  'sim.istio-canary.dev/latency': `p50=${p.p50}ms,p99=${p.p99}ms`,
  'sim.istio-canary.dev/error-rate': `${p.errorRate * 100}%`,
});

let plane: DataPlane;
let prometheus: ChildProcess | undefined;
let promUrl: string;
let dir: string;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(promql: string): Promise<Sample[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { status: string; error?: string; data?: { result: Sample[] } };
  if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? res.status}`);
  return body.data?.result ?? [];
}

/** Poll until `done` holds (the state we wait for), or fail at the deadline with what was last seen. */
async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  deadlineMs = 30_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await pause(250);
  }
}

beforeAll(async () => {
  const config = createMemoryConfigSource(
    podinfoSeed({
      ga: profile(GA),
      canary: profile(CANARY),
      http: [{ route: [toSubset('ga', 50), toSubset('canary', 50)] }],
    }),
  );
  plane = await startDataPlane({ config, seed: 3 });
  dir = await mkdtemp(join(tmpdir(), 'sim-dataplane-prom-'));
  const target = new URL(plane.metricsUrl).host;
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: istio-canary-sim',
      '    metrics_path: /metrics',
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForLine(prometheus, /Server is ready to receive web requests/, 'prometheus');
});

afterAll(async () => {
  await stop(prometheus);
  await plane?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Prometheus scraping the data plane', () => {
  it('returns the configured p99 per destination_version and the configured success rate', async () => {
    const load = await run('hey', ['-z', '12s', '-c', '24', '-host', 'podinfo', `${plane.ingressUrl}/`]);
    expect(load.code, load.stderr).toBe(0);

    // Wait until Prometheus has scraped every request the data plane recorded.
    const text = await (await fetch(plane.metricsUrl)).text();
    const recorded = [
      ...text.matchAll(/^istio_requests_total\{reporter="destination",[^}]*\} (\d+)$/gm),
    ].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(recorded).toBeGreaterThan(2000);
    await until(
      'Prometheus to scrape all requests',
      () => query('sum(istio_requests_total{reporter="destination"})'),
      (r) => Number(r[0]?.value[1]) === recorded,
    );

    const p99 = await query(
      'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[30s])) by (le, destination_version))',
    );
    const byVersion: Record<string, number> = Object.fromEntries(
      p99.map((s): [string, number] => [s.metric.destination_version ?? '', Number(s.value[1])]),
    );
    expect(Object.keys(byVersion).sort()).toEqual(['canary', 'ga']);
    expect(Math.abs((byVersion.ga ?? 0) / GA.p99 - 1), `ga p99 ${byVersion.ga}`).toBeLessThan(0.15);
    expect(Math.abs((byVersion.canary ?? 0) / CANARY.p99 - 1), `canary p99 ${byVersion.canary}`).toBeLessThan(
      0.15,
    );

    // Flagger's request-success-rate query, per workload.
    const successRate = async (workload: string): Promise<number> => {
      const sel = `reporter="destination",destination_workload_namespace="${NS}",destination_workload=~"${workload}"`;
      const r = await query(
        `sum(rate(istio_requests_total{${sel},response_code!~"5.*"}[1m])) / sum(rate(istio_requests_total{${sel}}[1m])) * 100`,
      );
      return Number(r[0]?.value[1]);
    };
    expect(await successRate('podinfo-ga')).toBe(100);
    // ~2,000 canary requests: the error fraction has a ±0.7 pp standard deviation; 3 pp is ~4 of them.
    const canaryRate = await successRate('podinfo-canary');
    expect(
      Math.abs(canaryRate - (1 - CANARY.errorRate) * 100),
      `canary success rate ${canaryRate}`,
    ).toBeLessThan(3);
  });
});
