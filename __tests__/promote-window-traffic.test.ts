// A window is only as valid as its traffic, end to end: execute() (the engine of the action and
// the CLI) promotes the podinfo example on the embedded mesh while the canary resets
// connections, hangs on some requests, or Prometheus fails every window (metrics: both). Each
// run stops at the first step, rolled back after two inconclusive windows with the cause named;
// the canary weight never goes past that step (every stored VirtualService is watched).
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
import { startMesh } from '../src/sim/mesh.js';
import { STATE_ANNOTATION } from '../src/plan.js';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'podinfo');
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'window-traffic-'));
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

const FAST = {
  cluster: 'sim',
  namespace: 'test',
  interval: '2s',
  'load-rps': '200',
  'load-connections': '64',
  'min-requests': '20',
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

async function run(
  inputs: Record<string, string>,
  metrics?: (s: Settings, c: ClusterConnection, io: Io) => ReturnType<NonNullable<EngineDeps['metrics']>>,
): Promise<Run> {
  const mesh = await startMesh({ readinessDelayMs: 20 });
  cleanups.push(() => mesh.close());
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
      await execute(settingsOf({ ...FAST, ...inputs }), io, new AbortController().signal, {
        connect,
        reporter,
        ...(metrics ? { metrics } : {}),
      })
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

/** The load of the settings with a request timeout longer than the window (2 s). */
const loadWithTimeout = (timeoutMs: number) => (s: Settings, c: ClusterConnection, io: Io) =>
  createMetrics({
    source: 'loadgen',
    limits: s.limits,
    load: { url: c.loadUrl!, rps: s.loadRps, connections: s.loadConnections, timeoutMs },
    logger: io.logger,
  });

function expectStoppedAtFirstStep(r: Run, cause: string | RegExp): void {
  const where = `${r.state.reason}\n${r.log.join('\n')}`;
  expect(r.exitCode, where).toBe(1);
  expect(Math.max(...r.weights), `weights stored: ${r.weights.join(',')}`).toBe(10);
  expect(r.state.phase).toBe('rolled-back');
  expect(r.state.weight).toBe(0);
  expect(r.state.reason).toContain('step 1/2 at 10%: inconclusive twice');
  if (typeof cause === 'string') expect(r.state.reason).toContain(cause);
  else expect(r.state.reason).toMatch(cause);
  expect(r.report?.status).toBe('rolled-back');
}

describe('a canary whose traffic is lost never passes a window', () => {
  it('a canary that resets 30% of its connections: rolled back at 10%, the resets counted and named', async () => {
    const r = await run(
      { manifests: podinfo({ 'sim.istio-canary.dev/reset-rate': '30%' }) },
      loadWithTimeout(3000),
    );
    expectStoppedAtFirstStep(
      r,
      /load requests to http:\/\/127\.0\.0\.1:\d+ got no HTTP response: \d+ connection reset or closed before a complete response \(ECONNRESET\)/,
    );
  });

  it('a canary that hangs on 30% of its requests: the window waits for them, rolled back at 10% naming the timeouts', async () => {
    const r = await run(
      { manifests: podinfo({ 'sim.istio-canary.dev/hang-rate': '30%' }) },
      loadWithTimeout(3000),
    );
    expectStoppedAtFirstStep(r, /got no HTTP response: \d+ no response within the request timeout/);
  });
});

describe('metrics: both with a Prometheus that fails every window', () => {
  it('rolled back at 10% after two inconclusive windows, naming the Prometheus URL and error, never the credential', async () => {
    const secret = 'Bearer s3cr3t-T0ken-abcdef123456';
    // Answers the pre-traffic probe's query (stable's series, stable alone); every window's
    // query (stable and canary) fails and echoes the header.
    const prom = http.createServer((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      if (q.includes('destination_workload=~"podinfo-ga"}')) {
        const result = [{ metric: { destination_workload: 'podinfo-ga' }, value: [0, '3'] }];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
        return;
      }
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(`TSDB unavailable (you sent ${req.headers.authorization ?? ''})`);
    });
    await new Promise<void>((r) => prom.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => prom.close(() => r())));
    const url = `http://127.0.0.1:${(prom.address() as AddressInfo).port}`;
    const r = await run({
      manifests: podinfo({}),
      metrics: 'both',
      'prometheus-url': url,
      'prometheus-auth': secret,
    });
    expectStoppedAtFirstStep(
      r,
      `no verdict from Prometheus at ${url}/: Prometheus answered 503: TSDB unavailable`,
    );
    const everything = JSON.stringify({ log: r.log, report: r.report, state: r.state });
    expect(everything).not.toContain('s3cr3t');
    expect(r.state.reason).toContain('(you sent ***)');
  });
});
