// Shared by the sim-dataplane match / mirror / HTTPRoute tests: exact binomial bounds for routing
// shares (so a share test fails at a designed rate, not by a lucky seed), a RequestView builder for
// the pure routing table, counting of the data plane's own /metrics text, and a real Prometheus.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import type { RequestView } from '../src/sim/dataplane/routes.js';
import { freePort, stop, waitForLine } from './sim-dataplane-fixtures.js';

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** The largest k with P(X < k) ≤ tail for X ~ Binomial(n, p): a count below it happens at most `tail`. */
export function binomialLowerBound(n: number, p: number, tail = 1e-6): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    const pmf = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
    if (cdf + pmf > tail) return k;
    cdf += pmf;
  }
  return n;
}

/** The smallest k with P(X > k) ≤ tail. */
export function binomialUpperBound(n: number, p: number, tail = 1e-6): number {
  return n - binomialLowerBound(n, 1 - p, tail);
}

/** A request as the ingress sees it. */
export function view(
  opts: { path?: string; method?: string; host?: string; headers?: Record<string, string> } = {},
): RequestView {
  const [path, query] = (opts.path ?? '/').split('?');
  const headers = Object.fromEntries(
    Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    method: opts.method ?? 'GET',
    path: path ?? '/',
    query: query ?? '',
    authority: opts.host ?? 'podinfo',
    scheme: 'http',
    header: (name) => headers[name],
  };
}

/** Sum of istio_requests_total in a /metrics text over series whose labels include all of `labels`. */
export function countRequests(metricsText: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const m of metricsText.matchAll(/^istio_requests_total\{([^}]*)\} (\d+)$/gm)) {
    const set = new Map([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => set.get(k) === v)) sum += Number(m[2]);
  }
  return sum;
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface Prometheus {
  url: string;
  query(promql: string): Promise<PromSample[]>;
  /** The single value of a query returning one sample; 0 when it returns none. */
  scalar(promql: string): Promise<number>;
  close(): Promise<void>;
}

/** A real Prometheus (Debian package) scraping `metricsUrl` every second, in a temp directory. */
export async function startPrometheus(metricsUrl: string): Promise<Prometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'sim-dataplane-prom-'));
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
  const child = spawn(
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
  const query = async (promql: string): Promise<PromSample[]> => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; error?: string; data?: { result: PromSample[] } };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error ?? res.status}`);
    return body.data?.result ?? [];
  };
  return {
    url,
    query,
    async scalar(promql) {
      const r = await query(promql);
      if (r.length > 1) throw new Error(`${promql}: ${r.length} samples, expected one`);
      return Number(r[0]?.value[1] ?? 0);
    },
    async close() {
      await stop(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Poll until `done` holds (the state waited for), or fail at the deadline with what was last seen. */
export async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  deadlineMs = 30_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const last = await probe();
    if (done(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await pause(200);
  }
}
