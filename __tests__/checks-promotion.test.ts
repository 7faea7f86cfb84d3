// Custom checks end to end: execute() (the engine of the action and the CLI, with its own
// metrics from the settings) promotes the podinfo example on the embedded mesh while a real
// Prometheus scrapes the mesh's Istio metrics. A canary that answers 30% 404s passes every
// built-in rule (they judge 5xx and latency) but fails a check on 4xx and is rolled back with
// the check named; checks without data or with a query Prometheus refuses make the window
// inconclusive, and twice stops the promotion, with the query and Prometheus's message shown
// and no secret of prometheus-url / prometheus-auth anywhere.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import { parseChecks } from '../src/metrics/check-spec.js';
import { createMetrics } from '../src/metrics/index.js';
import type { PromotionReport } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh } from '../src/sim/mesh.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import { startPrometheus } from './checks-support.js';
import { CANARY, HOST, NS, STABLE, startMesh as startPlane } from './metrics-mesh.js';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'podinfo');
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'checks-promotion-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let caseNo = 0;
/** The podinfo example with these pod template annotations on the canary (docs/sim.md). */
function podinfo(canaryAnnotations: Record<string, string>): string {
  const d = path.join(dir, `case-${++caseNo}`);
  mkdirSync(d);
  for (const f of FILES) {
    let text = readFileSync(path.join(EXAMPLE, f), 'utf8');
    if (f === 'deployments.yaml' && Object.keys(canaryAnnotations).length > 0) {
      const anchor = '        version: canary\n    spec:';
      expect(text).toContain(anchor);
      const lines = Object.entries(canaryAnnotations).map(([k, v]) => `        ${k}: "${v}"`);
      text = text.replace(
        anchor,
        `        version: canary\n      annotations:\n${lines.join('\n')}\n    spec:`,
      );
    }
    writeFileSync(path.join(d, f), text);
  }
  return path.join(d, '*.yaml');
}

function settingsOf(inputs: Record<string, string>): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

type Route = { destination?: { subset?: string }; weight?: number }[];
const canaryWeight = (vs: unknown): number => {
  const spec = (vs as { spec?: { http?: { route?: Route }[] } }).spec;
  return spec?.http?.[0]?.route?.find((d) => d.destination?.subset === 'canary')?.weight ?? 0;
};

// metrics: loadgen: the built-in rules judge the load's answers; the checks need only the URL.
const FAST = {
  cluster: 'sim',
  namespace: 'test',
  metrics: 'loadgen',
  interval: '3s',
  'load-rps': '200',
  'load-connections': '64',
  'min-requests': '20',
  // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
  // below what one run could notice.
  'false-rollback-rate': '0.01%',
  comment: 'never',
  'rollout-timeout': '20s',
  steps: '10,100',
  finalize: 'keep',
};

interface Run {
  exitCode: number | null;
  log: string[];
  report: PromotionReport | undefined;
  weights: number[];
  state: { phase: string; weight: number; reason: string };
}

/** One promotion through execute() (its default metrics), Prometheus scraping this mesh; `promUrl` makes the URL from Prometheus's. */
async function run(inputs: Record<string, string>, promUrl = (u: string) => u): Promise<Run> {
  const mesh = await startMesh({ readinessDelayMs: 20 });
  cleanups.push(() => mesh.close());
  const prom = await startPrometheus(mesh.metricsUrl);
  cleanups.push(() => prom.close());
  const weights: number[] = [];
  const off = mesh.api.onChange((e) => {
    if (e.key === 'networking.istio.io/virtualservices' && e.object.metadata)
      weights.push(canaryWeight(e.object));
  });
  const reports: PromotionReport[] = [];
  const reporter = (): Reporter => ({
    progress: () => Promise.resolve(),
    final: (r) => {
      reports.push(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  });
  const connect = (): Promise<ClusterConnection> =>
    Promise.resolve({
      kubeconfig: mesh.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: mesh.ingressUrl,
      created: false,
      close: () => Promise.resolve(),
    });
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
  let exitCode: number | null;
  try {
    exitCode = (
      await execute(
        settingsOf({ ...FAST, 'prometheus-url': promUrl(prom.url), ...inputs }),
        io,
        new AbortController().signal,
        { connect, reporter },
      )
    ).exitCode;
  } finally {
    off();
  }
  const vs = mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo') as {
    metadata: { annotations: Record<string, string> };
  };
  const state = JSON.parse(vs.metadata.annotations[STATE_ANNOTATION]!) as Run['state'];
  return { exitCode, log, report: reports.at(-1), weights, state };
}

const SEL =
  'reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload="{{ workload }}"';

describe('a custom check fails a canary the built-in rules pass', () => {
  it('30% 404s: every built-in rule passes the window, the 4xx check fails it, rolled back at 10% with the check named', async () => {
    const r = await run({
      manifests: podinfo({
        'sim.istio-canary.dev/error-rate': '30%',
        'sim.istio-canary.dev/error-code': '404',
      }),
      checks: `
- name: client-errors
  query: >-
    sum(rate(istio_requests_total{${SEL},response_code=~"4.."}[{{ interval }}]))
    / sum(rate(istio_requests_total{${SEL}}[{{ interval }}]))
  max: 0.05
`,
    });
    const where = `${r.state.reason}\n${r.log.join('\n')}`;
    expect(r.exitCode, where).toBe(1);
    expect(Math.max(...r.weights), `weights stored: ${r.weights.join(',')}`).toBe(10);
    expect(r.state).toMatchObject({ phase: 'rolled-back', weight: 0 });
    expect(r.state.reason).toMatch(
      /step 1\/2 at 10% failed: check client-errors: 0\.\d+ is outside <= 0\.05 \(prometheus\)/,
    );
    expect(r.report?.status).toBe('rolled-back');
    // The failing window: the check is its only failed reason; the built-in rules passed it.
    const last = r.report!.history.at(-1)!.verdict;
    expect(last.outcome).toBe('fail');
    expect(last.reasons.filter((x) => !x.ok).map((x) => x.metric)).toEqual(['check:client-errors']);
    const check = last.reasons.find((x) => x.metric === 'check:client-errors')!;
    // About 30% of the canary's answers were 404s (the sim draws each request; hundreds of them).
    expect(check.value!).toBeGreaterThan(0.15);
    expect(check.value!).toBeLessThan(0.45);
    expect(last.reasons.filter((x) => !x.metric.startsWith('check:')).length).toBeGreaterThan(0);
    expect(last.canary!.errors, 'the built-in rules count no 404 as an error').toBe(0);
  });
});

describe('checks that cannot give a value never pass a window', () => {
  it('no data and a refused query: inconclusive twice, stopped at 10%, the query and the error named, no secret shown', async () => {
    const secret = 's3cr3t-T0ken-abcdef123456';
    const r = await run(
      {
        manifests: podinfo({}),
        'prometheus-auth': `Bearer ${secret}`,
        checks: `
- name: gone
  query: 'sum(no_such_metric{namespace="{{ namespace }}"})'
  max: 1
- name: typo
  query: 'sum(rate(istio_requests_total{destination_workload="{{ workload }}"}[{{ interval }}])'
  max: 1
`,
      },
      (u) => `${u}/?access_token=${secret}x`,
    );
    const where = `${r.state.reason}\n${r.log.join('\n')}`;
    expect(r.exitCode, where).toBe(1);
    expect(Math.max(...r.weights), `weights stored: ${r.weights.join(',')}`).toBe(10);
    expect(r.state).toMatchObject({ phase: 'rolled-back', weight: 0 });
    expect(r.state.reason).toContain('step 1/2 at 10%: inconclusive twice');
    expect(r.state.reason).toContain(
      'check gone is inconclusive: the query for the canary podinfo-canary returned no data: sum(no_such_metric{namespace="test"}) (prometheus)',
    );
    expect(r.state.reason).toMatch(
      /check typo is inconclusive: Prometheus could not run its query: Prometheus query failed \(400, bad_data\): invalid parameter "query": [^;]*parse error[^;]*; query: sum\(rate\(istio_requests_total\{destination_workload="podinfo-canary"\}\[\d+s\]\) \(prometheus\)/,
    );
    // The step's last window: the built-in rules passed it; only the two checks had no value.
    const window = r.report!.history.filter((h) => h.weight === 10).at(-1)!.verdict;
    expect(window.outcome).toBe('inconclusive');
    expect(window.reasons.filter((x) => !x.ok).map((x) => x.metric)).toEqual(['check:gone', 'check:typo']);
    expect(JSON.stringify({ log: r.log, report: r.report, state: r.state })).not.toContain('s3cr3t');
  });
});

describe('measure() names a check error with the Prometheus secrets redacted', () => {
  it("a server that echoes the credentials in its error: the check's reason shows *** instead", async () => {
    const secret = 'Bearer s3cr3t-T0ken-zyxwvu987654';
    const server = http.createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: `tenant refused (you sent ${req.headers.authorization ?? ''}, ${new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? ''})`,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const plane = await startPlane({ latency: '2ms' }, { latency: '2ms' }, 50);
    cleanups.push(() => plane.plane.close());
    const metrics = createMetrics({
      source: 'loadgen',
      limits: { minRequests: 5, maxErrorRate: 0.01, maxP99Ms: null, maxLatencyRegression: 0.25 },
      load: { url: `${plane.plane.ingressUrl}/`, host: HOST, rps: 100, connections: 8 },
      prometheus: {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/?key=k3y-0f-the-tenant`,
        headers: { authorization: secret },
      },
      checks: parseChecks('- {name: errors, query: \'sum(up{namespace="{{ namespace }}"})\', max: 1}'),
    });
    cleanups.push(() => metrics.close!());
    const v = await metrics.measure({
      step: 1,
      weight: 50,
      intervalMs: 1500,
      signal: new AbortController().signal,
      namespace: NS,
      stableWorkload: STABLE,
      canaryWorkload: CANARY,
    });
    const check = v.reasons.find((x) => x.metric === 'check:errors')!;
    expect(check.message).toBe(
      'check errors is inconclusive: Prometheus could not run its query: Prometheus query failed (400, bad_data): tenant refused (you sent ***, ***); query: sum(up{namespace="shop"}) (prometheus)',
    );
    // The built-in rules had their say; the check without a value keeps a pass from standing.
    expect(v.outcome).not.toBe('pass');
  });
});
