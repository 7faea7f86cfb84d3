// The pre-traffic probe through execute() (the engine of the action and the CLI) against the
// embedded mesh: each broken measurement path stops the run with its cause named, and the
// VirtualService's canary weight never leaves 0% (every stored version of it is watched).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execute, type EngineDeps, type Io } from '../src/main.js';
import { createMetrics } from '../src/metrics/index.js';
import type { PromotionReport } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { STATE_ANNOTATION } from '../src/plan.js';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'podinfo');
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'probe-mesh-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let caseNo = 0;
/** What happened, in order, across the mesh and the stand-in servers of a test (reset by each). */
const events: string[] = [];
/** The podinfo example (seed 003), each file passed through `edit`, written to a fresh folder. */
function podinfo(edit: (file: string, text: string) => string | null = (_f, t) => t): string {
  const d = path.join(dir, `case-${++caseNo}`);
  mkdirSync(d);
  for (const f of FILES) {
    const text = edit(f, readFileSync(path.join(EXAMPLE, f), 'utf8'));
    if (text !== null) writeFileSync(path.join(d, f), text);
  }
  return path.join(d, '*.yaml');
}

function settingsOf(inputs: Record<string, string>): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

function recordingIo() {
  const log: string[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: () => undefined,
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
  return { io, log };
}

export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function server(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => s.close(() => r())));
  s.unref();
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

type Route = { destination?: { subset?: string }; weight?: number }[];
const canaryWeight = (vs: unknown): number => {
  const spec = (vs as { spec?: { http?: { route?: Route }[] } }).spec;
  return spec?.http?.[0]?.route?.find((d) => d.destination?.subset === 'canary')?.weight ?? 0;
};

interface Run {
  exitCode: number | null;
  error: Error | null;
  log: string[];
  report: PromotionReport | undefined;
  /** The canary weight of every version of the VirtualService the API server stored. */
  weights: number[];
  mesh: Mesh;
}

const FAST = {
  cluster: 'sim',
  namespace: 'test',
  interval: '2s',
  'load-rps': '200',
  'min-requests': '20',
  // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
  // below what one run could notice.
  'false-rollback-rate': '0.01%',
  comment: 'never',
  'rollout-timeout': '20s',
  steps: '10,100',
  finalize: 'keep',
};

async function run(
  inputs: Record<string, string>,
  mesh?: Mesh,
  deps: Pick<EngineDeps, 'metrics'> = {},
): Promise<Run> {
  if (!mesh) {
    mesh = await startMesh({ readinessDelayMs: 20 });
    const m = mesh;
    cleanups.push(() => m.close());
  }
  const weights: number[] = [];
  const off = mesh.api.onChange((e) => {
    if (e.key === 'networking.istio.io/virtualservices' && e.object.metadata) {
      weights.push(canaryWeight(e.object));
      events.push(`weight ${canaryWeight(e.object)}`);
    }
  });
  const reports: PromotionReport[] = [];
  const reporter = (): Reporter => ({
    progress: () => Promise.resolve(),
    final: (r) => {
      reports.push(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  });
  const m = mesh;
  const connect = (): Promise<ClusterConnection> =>
    Promise.resolve({
      kubeconfig: m.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: m.ingressUrl,
      created: false,
      close: () => Promise.resolve(),
    });
  const { io, log } = recordingIo();
  let exitCode: number | null = null;
  let error: Error | null = null;
  try {
    exitCode = (
      await execute(settingsOf({ ...FAST, ...inputs }), io, new AbortController().signal, {
        connect,
        reporter,
        ...deps,
      })
    ).exitCode;
  } catch (e) {
    error = e as Error;
  } finally {
    off();
  }
  return { exitCode, error, log, report: reports.at(-1), weights, mesh };
}

/** Stopped before any traffic moved: the reason names the cause, the route stayed at 0% throughout. */
function expectStoppedAtZero(r: Run, cause: string | RegExp): void {
  expect(r.error, r.log.join('\n')).toBeNull();
  if (process.env.PROBE_DEBUG) console.log(r.log.join('\n'));
  expect(r.exitCode).toBe(1);
  expect(r.weights.length).toBeGreaterThan(0);
  expect(
    r.weights.every((w) => w === 0),
    `weights stored: ${r.weights.join(',')}`,
  ).toBe(true);
  const vs = r.mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo');
  expect(canaryWeight(vs)).toBe(0);
  const state = JSON.parse(
    (vs as { metadata: { annotations: Record<string, string> } }).metadata.annotations[STATE_ANNOTATION]!,
  ) as { phase: string; weight: number; reason: string; history: unknown[] };
  expect(state.weight).toBe(0);
  expect(state.phase).toBe('rolled-back');
  expect(state.history).toEqual([]);
  expect(state.reason).toContain('before any traffic moved');
  if (typeof cause === 'string') expect(state.reason).toContain(cause);
  else expect(state.reason).toMatch(cause);
  expect(r.report?.status).toBe('rolled-back');
  expect(r.report?.weightsApplied.every((w) => w.canary === 0)).toBe(true);
}

describe('the pre-traffic probe stops a run whose measurement cannot work, at 0%', () => {
  it('a wrong load-host: names the host, the hosts the VirtualService serves and its gateways', async () => {
    const r = await run({ manifests: podinfo(), 'load-host': 'wrong.example' });
    expectStoppedAtZero(
      r,
      'answered 404: the gateway does not route Host wrong.example; the VirtualService test/podinfo serves hosts [podinfo, podinfo.co.uk] through gateways [mesh, podinfo-gateway]',
    );
  });

  it('a load-url on a closed port: names the refused URL', async () => {
    const port = await closedPort();
    const r = await run({
      manifests: podinfo(),
      'load-url': `http://127.0.0.1:${port}/`,
      'load-host': 'podinfo.co.uk',
    });
    expectStoppedAtZero(
      r,
      `the load target http://127.0.0.1:${port}/ (Host: podinfo.co.uk) cannot be reached: http://127.0.0.1:${port}/ refused the connection (ECONNREFUSED)`,
    );
  });

  it('a load-url that answers 200 without the version header: the requests bypass the VirtualService', async () => {
    const url = await server((_req, res) => res.end('hello'));
    const r = await run({ manifests: podinfo(), 'load-url': url, 'load-host': 'podinfo.co.uk' });
    expectStoppedAtZero(r, 'answered 200 without the x-istio-canary header the action adds to the route');
  });

  it('a load target answering 503: names the status and the body', async () => {
    const url = await server((_req, res) => {
      res.writeHead(503);
      res.end('upstream connect error');
    });
    const r = await run({ manifests: podinfo(), 'load-url': url, 'load-host': 'podinfo.co.uk' });
    expectStoppedAtZero(r, 'answered HTTP 503: upstream connect error at 0% canary');
  });

  it('an unreachable Prometheus: names its URL and the refused connection', async () => {
    const port = await closedPort();
    const r = await run({
      manifests: podinfo(),
      'load-host': 'podinfo.co.uk',
      metrics: 'both',
      'prometheus-url': `http://127.0.0.1:${port}`,
    });
    expectStoppedAtZero(
      r,
      `Prometheus at http://127.0.0.1:${port}/ did not answer a query: Prometheus unreachable: http://127.0.0.1:${port} refused the connection (ECONNREFUSED)`,
    );
  });

  it('a Prometheus that rejects the credentials: HTTP 401 Unauthorized, never the auth value', async () => {
    const seen: string[] = [];
    const url = await server((req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthorized');
    });
    const r = await run({
      manifests: podinfo(),
      'load-host': 'podinfo.co.uk',
      metrics: 'prometheus',
      'prometheus-url': url,
      'prometheus-auth': 'Bearer s3cr3t-token-value',
    });
    expectStoppedAtZero(
      r,
      `Prometheus at ${url}/ did not answer a query: Prometheus query failed: HTTP 401 Unauthorized: the credentials were rejected (check prometheus-auth)`,
    );
    expect(seen[0]).toBe('Bearer s3cr3t-token-value');
    expect(r.log.join('\n')).not.toContain('s3cr3t');
  });

  it('a destination host with no Service: names the missing Service', async () => {
    const r = await run({
      manifests: podinfo((f, t) => (f === 'service.yaml' ? null : t)),
      'load-host': 'podinfo.co.uk',
    });
    expectStoppedAtZero(
      r,
      'VirtualService test/podinfo routes to host podinfo.test.svc.cluster.local, but there is no Service test/podinfo',
    );
  });

  it('a Service whose selector matches no pod: names the Service and its selector', async () => {
    const r = await run({
      manifests: podinfo((f, t) =>
        f === 'service.yaml' ? t.replace(/app: podinfo\n(\s+ports)/, 'app: podinfo-typo\n$1') : t,
      ),
      'load-host': 'podinfo.co.uk',
    });
    expectStoppedAtZero(
      r,
      'Service test/podinfo (destination host podinfo.test.svc.cluster.local of VirtualService test/podinfo) has no endpoints: no pod matches its selector app=podinfo-typo',
    );
  });
});

describe('the probe lets a sound run through', () => {
  it('without load-host, the seed manifests promote: the one host the gateway serves becomes the Host', async () => {
    const r = await run({ manifests: podinfo() });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.log).toContain(
      'load-host is not set: using podinfo.co.uk, the one host of VirtualService test/podinfo that its gateway podinfo-gateway serves',
    );
    expect(r.exitCode).toBe(0);
    expect(r.report?.status).toBe('promoted');
    expect(r.report?.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [10, 'pass'],
      [100, 'pass'],
    ]);
  });
});

describe('commands that do not measure need no metrics', () => {
  it('status, rollback and promote run with metrics: prometheus and no prometheus-url; the walk still probes', async () => {
    const mesh = await startMesh({ readinessDelayMs: 20 });
    cleanups.push(() => mesh.close());
    const manifests = podinfo();
    const noProm = { manifests, metrics: 'prometheus' };

    // `step` measures: without a Prometheus URL it is refused by name before anything moves.
    const refused = await run({ ...noProm, command: 'step' }, mesh);
    expect(refused.error?.message).toBe('metrics: prometheus needs prometheus-url');
    expect(refused.weights).toEqual([]);

    const held = await run({ manifests, command: 'step' }, mesh);
    expect(held.exitCode, held.log.join('\n')).toBe(0);
    expect(held.report?.status).toBe('held');
    expect(held.report?.weight).toBe(10);

    const status = await run({ ...noProm, command: 'status' }, mesh);
    expect(status.error).toBeNull();
    expect(status.exitCode).toBe(0);
    expect(status.log.some((l) => l.startsWith('held: canary at 10%, 1/2 steps passed'))).toBe(true);
    expect(status.weights).toEqual([]);

    const rollback = await run({ ...noProm, command: 'rollback' }, mesh);
    expect(rollback.error).toBeNull();
    expect(rollback.exitCode).toBe(0);
    expect(rollback.report?.status).toBe('rolled-back');
    expect(rollback.weights.at(-1)).toBe(0);

    const again = await run(
      { manifests, command: 'step', 'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.2' },
      mesh,
    );
    expect(again.exitCode, again.log.join('\n')).toBe(0);
    expect(again.report?.weight).toBe(10);
    const promote = await run({ ...noProm, command: 'promote' }, mesh);
    expect(promote.error, promote.log.join('\n')).toBeNull();
    expect(promote.exitCode).toBe(0);
    expect(promote.report?.status).toBe('promoted');
  });
});

describe('a resumed promotion is probed before its next weight too', () => {
  it('held at 10%, the load target gone: the next step does not move, on-failure: hold keeps 10%', async () => {
    const mesh = await startMesh({ readinessDelayMs: 20 });
    cleanups.push(() => mesh.close());
    const manifests = podinfo();
    const held = await run({ manifests, command: 'step', steps: '10,50,100' }, mesh);
    expect(held.report?.weight, held.log.join('\n')).toBe(10);
    const port = await closedPort();
    const next = await run(
      {
        manifests,
        command: 'step',
        steps: '10,50,100',
        'on-failure': 'hold',
        'load-url': `http://127.0.0.1:${port}/`,
      },
      mesh,
    );
    // Nothing above 10% was ever stored.
    expect(Math.max(...next.weights)).toBe(10);
    expect(next.report?.status).toBe('held');
    expect(next.report?.weight).toBe(10);
    // Held because the run failed, not because a step passed: the job goes red.
    expect(next.exitCode).toBe(1);
    expect(next.report?.failure).toContain('before any traffic moved');
    expect(next.report?.reason).toContain(
      `before any traffic moved: the load target http://127.0.0.1:${port}/ (Host: podinfo.co.uk) cannot be reached`,
    );
  });
});

describe('a load-url that redirects', () => {
  it('is refused at 0% with the Location named: the windows would time the redirect', async () => {
    const url = await server((_req, res) => {
      res.writeHead(301, { location: '/login', 'x-istio-canary': 'stable' });
      res.end();
    });
    const r = await run({ manifests: podinfo(), 'load-url': url, 'load-host': 'podinfo.co.uk' });
    expectStoppedAtZero(
      r,
      'answered HTTP 301 (a redirect to /login): the load generator does not follow redirects',
    );
  });
});

/**
 * A Prometheus stand-in that speaks the query API: the probe's query (the stable workload
 * alone) answers `stableSeries(n)` for its n-th call, and each window's queries (both
 * workloads) answer 100 requests per version, no 5xx, 5 ms percentiles.
 */
async function fakePrometheus(stableSeries: (n: number) => boolean): Promise<string> {
  let looks = 0;
  return server((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
    const vector = (names: string[], value: string) =>
      names.map((w) => ({ metric: { destination_workload: w }, value: [0, value] }));
    let result: unknown[];
    if (q.includes('destination_workload=~"podinfo-ga"}')) {
      const found = stableSeries(++looks);
      events.push(found ? 'stable series' : 'no stable series');
      result = found ? vector(['podinfo-ga'], '3') : [];
    } else if (q.includes('response_code')) result = [];
    else if (q.startsWith('histogram_quantile')) result = vector(['podinfo-ga', 'podinfo-canary'], '5');
    else result = vector(['podinfo-ga', 'podinfo-canary'], '100');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });
}

/** The engine's measurement with the probe's wait for stable's series shortened (the default is STABLE_SERIES_WAIT_MS). */
const shortWait = (waitMs: number): Pick<EngineDeps, 'metrics'> => ({
  metrics: (settings, _connection, io) =>
    createMetrics({
      source: settings.metrics,
      limits: settings.limits,
      prometheus: { url: settings.prometheusUrl!, seriesWaitMs: waitMs, seriesPollMs: 50 },
      logger: io.logger,
    }),
});

describe('Prometheus must measure this service before any weight moves', () => {
  it('an empty vector for the stable workload: stopped at 0% naming the query and what to check', async () => {
    events.length = 0;
    const url = await fakePrometheus(() => false);
    const r = await run(
      { manifests: podinfo(), metrics: 'prometheus', 'prometheus-url': url },
      undefined,
      shortWait(200),
    );
    expectStoppedAtZero(
      r,
      `Prometheus at ${url}/ has no data for the stable workload test/podinfo-ga after 0.2 s: the query the windows use returned an empty result: sum by (destination_workload) (increase(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo-ga"}[300s]))`,
    );
    expect(r.report?.reason).toContain('Check that Istio telemetry is on');
    expect(r.log).toContain(
      `probe: Prometheus at ${url}/ has no series yet for the stable workload test/podinfo-ga; waiting up to 0.2 s for a scrape (query: sum by (destination_workload) (increase(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo-ga"}[300s])))`,
    );
    expect(r.log.filter((l) => l.startsWith('probe: still no series for test/podinfo-ga'))).toHaveLength(3);
    expect(events.filter((e) => e === 'no stable series')).toHaveLength(5);
  });

  it("stable's series appearing after two scrapes: the run waits for it, then moves and promotes", async () => {
    events.length = 0;
    const url = await fakePrometheus((n) => n >= 3);
    const r = await run(
      { manifests: podinfo(), metrics: 'prometheus', 'prometheus-url': url },
      undefined,
      shortWait(5000),
    );
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.report?.status).toBe('promoted');
    expect(r.exitCode).toBe(0);
    expect(r.log).toContain(
      `probe: Prometheus at ${url}/ measures the stable workload test/podinfo-ga (1 series)`,
    );
    // No weight above 0 was stored before Prometheus showed the stable series.
    const firstMove = events.findIndex((e) => /^weight [1-9]/.test(e));
    expect(events.slice(0, firstMove)).toEqual(
      expect.arrayContaining(['no stable series', 'no stable series', 'stable series']),
    );
    expect(events.indexOf('stable series')).toBeLessThan(firstMove);
  });

  it('a Prometheus that redirects: stopped at 0% naming the redirect and where it pointed', async () => {
    const url = await server((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/api/v1/query' });
      res.end();
    });
    const r = await run({ manifests: podinfo(), metrics: 'prometheus', 'prometheus-url': `${url}/redir` });
    expectStoppedAtZero(
      r,
      `Prometheus at ${url}/redir did not answer a query: Prometheus answered HTTP 302 (a redirect to http://127.0.0.1:1/api/v1/query): redirects are not followed`,
    );
    expect(r.report?.reason).not.toContain('bad port');
  });
});
