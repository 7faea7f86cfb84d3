// Every example's manifests applied and promoted on the embedded mesh through the same
// execute() the action and the CLI run, with the real load generator; and the PR preview
// lifecycle (deploy to pr-<n>, cleanup removes only what it created). The strategy examples
// (issue 15: A/B, mirror, blue/green) run with the inputs of their workflow in
// examples/workflows (cluster sim instead of kind, shorter windows), the mirror one judged by a
// real Prometheus scraping the mesh; every example workflow passes actionlint.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findWorkflows, lintWorkflows } from '../scripts/actionlint.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import { startPrometheus, type RealPrometheus } from './checks-support.js';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { PREVIEW_LABEL } from '../src/kube/preview.js';
import { GithubServer } from './support/github-server.js';

function settingsOf(inputs: Record<string, string>, env: Record<string, string> = {}): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', env);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

function recordingIo() {
  const outputs = new Map<string, string>();
  const log: string[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: (k, v) => void outputs.set(k, v),
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
  return { io, outputs, log };
}

function keepingReporter(reports: PromotionReport[]): () => Reporter {
  return () => ({
    progress: () => Promise.resolve(),
    final: (r) => {
      reports.push(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  });
}

let mesh: Mesh;
/** A real Prometheus scraping the mesh, for the examples judged on it. */
let prom: RealPrometheus | null = null;
// The mesh outlives each execute() so that the tests can look at what it left behind.
const connect = (): Promise<ClusterConnection> =>
  Promise.resolve({
    kubeconfig: mesh.kubeconfig,
    context: 'istio-canary-sim',
    prometheusUrl: prom?.url ?? null,
    loadUrl: mesh.ingressUrl,
    created: false,
    close: () => Promise.resolve(),
  });

beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 50 });
});
afterAll(async () => {
  await mesh.close();
});

const FAST = {
  interval: '2s',
  'load-rps': '200',
  'min-requests': '20',
  // Single runs that expect a healthy canary to pass: the judge's false-alarm budget per
  // window is kept far below what one run could notice (the bad canaries fail 40-100%).
  'false-rollback-rate': '0.01%',
  comment: 'never',
  'rollout-timeout': '20s',
};

describe('examples on the embedded mesh', () => {
  it('podinfo (seed 003) walks 10, 60, 100 under load and finalizes: stable runs the canary image', async () => {
    const reports: PromotionReport[] = [];
    const { io } = recordingIo();
    const settings = settingsOf({
      ...FAST,
      cluster: 'sim',
      manifests: 'examples/podinfo/*.yaml',
      namespace: 'test',
      steps: '10,60,100',
      'load-host': 'podinfo.co.uk',
      'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.1',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
    });
    expect(outcome.exitCode).toBe(0);
    const report = reports.at(-1)!;
    expect(report.status).toBe('promoted');
    expect(report.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [10, 'pass'],
      [60, 'pass'],
      [100, 'pass'],
    ]);
    const ga = mesh.api.object('apps', 'deployments', 'test', 'podinfo-ga') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(ga.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
  });

  it('flask-smartcar (seed 000) holds at 80/20 with steps: 20 and succeeds', async () => {
    const reports: PromotionReport[] = [];
    const { io } = recordingIo();
    const settings = settingsOf({
      ...FAST,
      cluster: 'sim',
      manifests: 'examples/flask-smartcar/canary-deployment.yml',
      steps: '20',
      'stable-subset': 'v1',
      'canary-subset': 'v2',
      'load-host': 'smartcar.example',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
    });
    expect(outcome.exitCode).toBe(0);
    expect(reports.at(-1)).toMatchObject({ status: 'held', weight: 20 });
    const vs = mesh.api.object('networking.istio.io', 'virtualservices', 'default', 'smartcarapp') as {
      spec: { http: { route: { weight: number; destination: { subset: string } }[] }[] };
    };
    expect(vs.spec.http[0]!.route.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 80],
      ['v2', 20],
    ]);
  });
});

const root = path.join(import.meta.dirname, '..');

/** The inputs the example's workflow gives the action (the step that uses istio-canary/istio-canary). */
function workflowInputs(file: string): Record<string, string> {
  const wf = load(readFileSync(path.join(root, file), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const step = steps.find((s) => s.uses?.startsWith('istio-canary/istio-canary@'));
  if (!step?.with) throw new Error(`${file}: no istio-canary step with inputs`);
  return Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, String(v)]));
}

/** The workflow's inputs on the embedded mesh: cluster sim instead of kind, 2 s windows. */
function onMesh(file: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...workflowInputs(file), ...FAST, cluster: 'sim', ...overrides };
}

/** A copy of an example whose canary answers `rate` of its requests with errors (docs/sim.md). */
function badCanaryCopy(example: string, rate: string): { manifests: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'examples-bad-'));
  const from = path.join(root, 'examples', example);
  for (const f of readdirSync(from).filter((n) => n.endsWith('.yaml'))) {
    let text = readFileSync(path.join(from, f), 'utf8');
    if (f === 'deployments.yaml') {
      const anchor = '        version: canary\n    spec:';
      if (!text.includes(anchor)) throw new Error(`examples/${example}: no canary template labels`);
      text = text.replace(
        anchor,
        `        version: canary\n      annotations:\n        sim.istio-canary.dev/error-rate: "${rate}"\n    spec:`,
      );
    }
    writeFileSync(path.join(dir, f), text);
  }
  return { manifests: path.join(dir, '*.yaml'), dir };
}

type Json = Record<string, unknown>;
interface StoredVs {
  spec: {
    http: {
      name?: string;
      mirror?: unknown;
      route: { weight?: number; destination: { subset: string } }[];
    }[];
  };
  metadata: { annotations?: Record<string, string> };
}
const storedVs = () =>
  mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo') as unknown as StoredVs;
/** The stored VirtualService's routes besides the stepped one (the strategy's A/B or preview route). */
const insertedRoutes = (vs: StoredVs) =>
  vs.spec.http.map((r) => r.name ?? '').filter((n) => n.includes('-istio-canary-'));
const weights = (vs: StoredVs) =>
  Object.fromEntries(vs.spec.http.at(-1)!.route.map((r) => [r.destination.subset, r.weight ?? 0]));
const gaImage = () =>
  (
    mesh.api.object('apps', 'deployments', 'test', 'podinfo-ga') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    }
  ).spec.template.spec.containers[0]!.image;

async function promote(inputs: Record<string, string>) {
  const reports: PromotionReport[] = [];
  const { io, log } = recordingIo();
  const outcome = await execute(settingsOf(inputs), io, new AbortController().signal, {
    connect,
    reporter: keepingReporter(reports),
  });
  return { exitCode: outcome.exitCode, report: reports.at(-1)!, log: log.join('\n') };
}

describe('strategy examples on the embedded mesh (issue 15), with their workflow inputs', () => {
  // A mesh of its own per example: they all route podinfo.co.uk in namespace test.
  let shared: Mesh;
  let tmp: string | null = null;
  beforeEach(async () => {
    shared = mesh;
    mesh = await startMesh({ readinessDelayMs: 50 });
  });
  afterEach(async () => {
    await prom?.close();
    prom = null;
    await mesh.close();
    mesh = shared;
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    tmp = null;
  });

  it('podinfo-ab: x-user: beta (or the cookie) reaches the canary for two judged windows, then 50, 100; promoted', async () => {
    const r = await promote(onMesh('examples/workflows/canary-ab.yml'));
    expect(r.exitCode, r.log).toBe(0);
    expect(r.report.status).toBe('promoted');
    const ab = r.report.history.filter((h) => h.stage === 'ab');
    expect(ab.map((h) => [h.label, h.verdict.outcome])).toEqual([
      [
        expect.stringMatching(/^A\/B 1\/2: header:x-user=beta or header:cookie~=.*user=beta.* → canary$/),
        'pass',
      ],
      [expect.stringMatching(/^A\/B 2\/2: /), 'pass'],
    ]);
    for (const h of ab) {
      // Only the matching share of the load (30%) reached the canary; stable answered the rest.
      const c = h.verdict.canary!.requests;
      const s = h.verdict.stable!.requests;
      expect(c / (c + s)).toBeGreaterThan(0.2);
      expect(c / (c + s)).toBeLessThan(0.4);
    }
    expect(r.report.history.filter((h) => !h.stage).map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [50, 'pass'],
      [100, 'pass'],
    ]);
    expect(r.report.strategy?.kind).toBe('ab');
    expect(insertedRoutes(storedVs())).toEqual([]);
    expect(gaImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
  });

  it('podinfo-ab with a canary failing 40% of its requests: rolled back by the first A/B window, the A/B route removed, ga untouched', async () => {
    const bad = badCanaryCopy('podinfo-ab', '40%');
    tmp = bad.dir;
    const r = await promote(onMesh('examples/workflows/canary-ab.yml', { manifests: bad.manifests }));
    expect(r.exitCode, r.log).toBe(1);
    expect(r.report.status).toBe('rolled-back');
    expect(r.report.reason).toMatch(/^A\/B 1\/2: .* failed: /);
    expect(r.report.history.every((h) => h.stage === 'ab')).toBe(true);
    const vs = storedVs();
    expect(insertedRoutes(vs)).toEqual([]);
    expect(weights(vs)).toEqual({ canary: 0, ga: 100 });
    expect(gaImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.0');
  });

  it('podinfo-mirror: half the requests copied to the canary, judged on a real Prometheus, then 50, 100; the mirror removed; promoted', async () => {
    prom = await startPrometheus(mesh.metricsUrl);
    // At 100% stable has no requests in the window, so Prometheus's p99 rule compares the canary
    // with stable's p99 from earlier, lighter load: on a loaded 2-core CI it drifted past 25%
    // twice (a known weakness of that rule, in the note); this test is about the mirror.
    const inputs = onMesh('examples/workflows/canary-mirror.yml', {
      interval: '3s',
      'max-latency-regression': '100%',
    });
    expect(inputs.metrics).toBe('both');
    const r = await promote(inputs);
    expect(r.exitCode, r.log).toBe(0);
    expect(r.report.status).toBe('promoted');
    const [mirror, ...more] = r.report.history.filter((h) => h.stage === 'mirror');
    expect(more).toEqual([]);
    expect(mirror!.verdict.outcome).toBe('pass');
    // The load generator never sees a mirrored answer: Prometheus alone judged that window.
    expect(mirror!.verdict.reasons.every((x) => x.source !== 'loadgen')).toBe(true);
    expect(mirror!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(r.report.strategy?.lines.join('\n')).toContain('Prometheus destination metrics');
    expect(r.report.history.filter((h) => !h.stage).map((h) => h.weight)).toEqual([50, 100]);
    expect(storedVs().spec.http.some((x) => x.mirror !== undefined)).toBe(false);
    expect(gaImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
  });

  it('podinfo-blue-green: green judged on x-preview: green, then all traffic switched in one step; promoted', async () => {
    const r = await promote(onMesh('examples/workflows/blue-green.yml'));
    expect(r.exitCode, r.log).toBe(0);
    expect(r.report.status).toBe('promoted');
    const [preview] = r.report.history.filter((h) => h.stage === 'preview');
    expect(preview).toMatchObject({
      label: 'preview: header:x-preview=green → canary',
      verdict: { outcome: 'pass' },
    });
    const c = preview!.verdict.canary!.requests;
    expect(c / (c + preview!.verdict.stable!.requests)).toBeGreaterThan(0.2);
    expect(r.report.history.filter((h) => !h.stage).map((h) => h.weight)).toEqual([100]);
    expect(insertedRoutes(storedVs())).toEqual([]);
    expect(gaImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
  });

  it('podinfo-blue-green with a bad green: rolled back by the preview window in one write, blue keeps all traffic', async () => {
    const bad = badCanaryCopy('podinfo-blue-green', '40%');
    tmp = bad.dir;
    const writes: { canary: number; inserted: string[]; phase: string | null }[] = [];
    const off = mesh.api.onChange((e) => {
      if (e.key !== 'networking.istio.io/virtualservices' || !e.object.metadata) return;
      const vs = e.object as unknown as StoredVs;
      const raw = vs.metadata.annotations?.[STATE_ANNOTATION];
      writes.push({
        canary: weights(vs).canary ?? 0,
        inserted: insertedRoutes(vs),
        phase: raw ? ((JSON.parse(raw) as Json).phase as string) : null,
      });
    });
    const r = await promote(onMesh('examples/workflows/blue-green.yml', { manifests: bad.manifests }));
    off();
    expect(r.exitCode, r.log).toBe(1);
    expect(r.report.status).toBe('rolled-back');
    expect(r.report.reason).toMatch(/^preview: header:x-preview=green → canary failed: /);
    expect(Math.max(...writes.map((w) => w.canary))).toBe(0);
    expect(writes.at(-2)!.inserted).toHaveLength(1);
    expect(writes.at(-1)).toEqual({ canary: 0, inserted: [], phase: 'rolled-back' });
    expect(gaImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.0');
  });
});

describe('example workflows', () => {
  const strategyWorkflows = {
    'examples/workflows/canary-ab.yml': { dir: 'podinfo-ab', strategy: 'ab' },
    'examples/workflows/canary-mirror.yml': { dir: 'podinfo-mirror', strategy: 'mirror' },
    'examples/workflows/blue-green.yml': { dir: 'podinfo-blue-green', strategy: 'blue-green' },
    'examples/workflows/gateway-api.yml': { dir: 'podinfo-gateway-api', strategy: undefined },
  };

  it('each strategy example has a workflow that runs it on kind on pull_request', () => {
    for (const [file, { dir, strategy }] of Object.entries(strategyWorkflows)) {
      const wf = load(readFileSync(path.join(root, file), 'utf8')) as { on: Record<string, unknown> };
      expect(Object.keys(wf.on), file).toContain('pull_request');
      const inputs = workflowInputs(file);
      expect(inputs, file).toMatchObject({ cluster: 'kind', manifests: `examples/${dir}/*.yaml` });
      expect(inputs.strategy, file).toBe(strategy);
      expect(readdirSync(path.join(root, 'examples', dir)), file).toContain('README.md');
    }
  });

  it('every example workflow passes actionlint', async () => {
    const files = (await findWorkflows(root)).filter((f) => f.startsWith('examples/'));
    expect(files).toEqual(expect.arrayContaining(Object.keys(strategyWorkflows)));
    expect(await lintWorkflows(root, files)).toEqual([]);
  });
});

describe('PR preview environments', () => {
  // A mesh of its own: the examples above also route podinfo.co.uk.
  let shared: Mesh;
  let github: GithubServer;
  let pr: Record<string, string>;
  beforeAll(async () => {
    shared = mesh;
    mesh = await startMesh({ readinessDelayMs: 50 });
    github = await new GithubServer({
      tokens: [{ token: 'ghs_preview', login: 'github-actions[bot]', kind: 'app' }],
    }).start();
    pr = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: new URL('./fixtures/pull_request_event.json', import.meta.url).pathname,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '99',
      GITHUB_WORKFLOW: 'preview',
      GITHUB_API_URL: github.apiUrl,
    };
  });
  afterAll(async () => {
    await github.close();
    await mesh.close();
    mesh = shared;
  });

  it('deploys into pr-<number>, labelled with its PR, comments how to reach it; cleanup deletes only that namespace and says so', async () => {
    const { io } = recordingIo();
    // Another PR's preview, which cleanup of #42 must not touch.
    const other = await fetch(`${mesh.apiUrl}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'pr-43', labels: { [PREVIEW_LABEL]: '43' } },
      }),
    });
    expect(other.status).toBe(201);
    const inputs = {
      ...FAST,
      comment: 'always',
      'github-token': 'ghs_preview',
      cluster: 'sim',
      preview: 'true',
      manifests:
        'examples/podinfo/deployments.yaml,examples/podinfo/service.yaml,examples/podinfo/istio.yaml',
      steps: '50',
      'load-host': 'podinfo.co.uk',
    };
    const deploy = settingsOf(inputs, pr);
    expect(deploy.namespace).toBe('pr-42');
    const outcome = await execute(deploy, io, new AbortController().signal, {
      connect,
      githubClient: { sleep: () => Promise.resolve() },
    });
    expect(outcome.exitCode).toBe(0);
    const comments = () => github.commentsOn('acme/shop', 42);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain('### Preview environment');
    expect(comments()[0]!.body).toContain(`curl -H 'Host: podinfo.co.uk' ${mesh.ingressUrl}/`);
    expect(comments()[0]!.body).toContain('kubectl -n pr-42 port-forward svc/podinfo 9898');
    const ns = mesh.api.object('', 'namespaces', '', 'pr-42') as {
      metadata: { labels: Record<string, string> };
    };
    expect(ns.metadata.labels[PREVIEW_LABEL]).toBe('42');
    const dr = mesh.api.object('networking.istio.io', 'destinationrules', 'pr-42', 'podinfo') as {
      spec: { host: string };
    };
    expect(dr.spec.host).toBe('podinfo.pr-42.svc.cluster.local');
    expect(mesh.api.object('apps', 'deployments', 'pr-42', 'podinfo-canary')).toBeDefined();

    const cleanup = recordingIo();
    const outcome2 = await execute(
      settingsOf({ cluster: 'sim', preview: 'true', command: 'cleanup', 'github-token': 'ghs_preview' }, pr),
      cleanup.io,
      new AbortController().signal,
      { connect, githubClient: { sleep: () => Promise.resolve() } },
    );
    expect(outcome2.exitCode).toBe(0);
    expect(cleanup.outputs.get('status')).toBe('deleted');
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain('Preview environment deleted: pr-42/podinfo');
    expect(cleanup.outputs.get('comment-url')).toMatch(/^http/);
    expect(cleanup.log.join('\n')).toContain('namespace pr-42 of PR #42 deleted');
    expect(mesh.api.object('', 'namespaces', '', 'pr-43')).toBeDefined();
  });

  it('leaves a pr-<number> namespace alone that the action did not create', async () => {
    const { io, outputs } = recordingIo();
    const res = await fetch(`${mesh.apiUrl}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7' } }),
    });
    expect(res.status).toBe(201);
    const settings = settingsOf({ cluster: 'sim', preview: 'true', command: 'cleanup', 'pr-number': '7' });
    expect((await execute(settings, io, new AbortController().signal, { connect })).exitCode).toBe(0);
    expect(outputs.get('status')).toBe('not-ours');
    expect(mesh.api.object('', 'namespaces', '', 'pr-7')).toBeDefined();
  });
});

describe('lockstep example on the embedded mesh, with its workflow inputs', () => {
  // A mesh of its own: the example applies its own Gateway and hosts in namespace test.
  let shared: Mesh;
  beforeAll(async () => {
    shared = mesh;
    mesh = await startMesh({ readinessDelayMs: 50 });
  });
  afterAll(async () => {
    await mesh.close();
    mesh = shared;
  });

  it('podinfo-lockstep: frontend and api walk 10, 60, 100 together under their own load; both promoted', async () => {
    // Two loads at once: kept light beside the suite's latency-sensitive tests (2 cores).
    const inputs = onMesh('examples/workflows/lockstep.yml', { 'load-rps': '100', 'min-requests': '10' });
    expect(inputs.services).toContain('examples/podinfo-lockstep/frontend.yaml');
    const r = await promote(inputs);
    expect(r.exitCode, r.log).toBe(0);
    expect(r.report.status).toBe('promoted');
    expect(r.report.services?.map((s) => [s.name, s.report.status])).toEqual([
      ['frontend', 'promoted'],
      ['api', 'promoted'],
    ]);
    for (const name of ['frontend', 'api']) {
      const vs = mesh.api.object(
        'networking.istio.io',
        'virtualservices',
        'test',
        name,
      ) as unknown as StoredVs;
      const state = JSON.parse(vs.metadata.annotations?.[STATE_ANNOTATION] ?? 'null') as {
        phase: string;
        history: { weight: number; verdict: { outcome: string } }[];
      } | null;
      expect(state?.phase, name).toBe('promoted');
      expect(
        state?.history.map((h) => [h.weight, h.verdict.outcome]),
        name,
      ).toEqual([
        [10, 'pass'],
        [60, 'pass'],
        [100, 'pass'],
      ]);
      // Each service was judged on its own host's load: the canary answered requests at every step.
      for (const h of r.report.services!.find((s) => s.name === name)!.report.history)
        expect(h.verdict.canary?.requests ?? 0, `${name} at ${h.weight}%`).toBeGreaterThan(0);
    }
    // The workflow's canary-image for frontend: stable runs it after promote-stable.
    const ga = mesh.api.object('apps', 'deployments', 'test', 'frontend-ga') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(ga.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
  });
});
