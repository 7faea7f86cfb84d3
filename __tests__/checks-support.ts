// For the checks tests: a real Prometheus (Debian package prometheus) scraping one metrics
// endpoint of the embedded mesh every second, and a wait for it to have scraped what the data
// plane recorded (polled on Prometheus's own answer, no fixed sleeps). It is returned once it
// has scraped the endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { freePort, stop, waitForLine } from './sim-dataplane-fixtures.js';

export interface RealPrometheus {
  url: string;
  /** Instant query through the HTTP API; throws with Prometheus's error. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Waits until Prometheus holds exactly the requests the endpoint reports (istio_requests_total, reporter=destination). */
  caughtUp(deadlineMs?: number): Promise<number>;
  close(): Promise<void>;
}

export async function startPrometheus(metricsUrl: string): Promise<RealPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'checks-prom-'));
  const target = new URL(metricsUrl);
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: istio-canary-sim',
      `    metrics_path: ${target.pathname}`,
      `    static_configs: [{ targets: ['${target.host}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    '/usr/bin/prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await waitForLine(child, /Server is ready to receive web requests/, 'prometheus');
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const query: RealPrometheus['query'] = async (promql) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? res.status}`);
    return body.data?.result ?? [];
  };
  // Prometheus applies new targets some seconds after start: traffic before its first scrape
  // would be invisible to rate() and increase(). Ready means the target was scraped.
  const end = Date.now() + 30_000;
  while ((await query('up{job="istio-canary-sim"} == 1')).length === 0) {
    if (Date.now() > end) {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
      throw new Error(`Prometheus did not scrape ${metricsUrl} within 30 s`);
    }
    await pause(200);
  }
  return {
    url,
    query,
    async caughtUp(deadlineMs = 30_000) {
      const text = await (await fetch(metricsUrl)).text();
      const recorded = [
        ...text.matchAll(/^istio_requests_total\{reporter="destination",[^}]*\} (\d+)$/gm),
      ].reduce((sum, m) => sum + Number(m[1]), 0);
      const end = Date.now() + deadlineMs;
      for (;;) {
        const r = await query('sum(istio_requests_total{reporter="destination"})');
        const seen = Number(r[0]?.value[1] ?? 0);
        if (seen === recorded) return recorded;
        if (Date.now() > end)
          throw new Error(`Prometheus has ${seen} of ${recorded} requests after ${deadlineMs} ms`);
        await pause(200);
      }
    },
    async close() {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
