// Strategies ab and blue-green (issue 15) through the same execute() the action runs, against a
// REAL kube-apiserver v1.20.2 with Istio's real CRD schemas (etcd + apiserver +
// controller-manager on loopback): the A/B and preview routes the promotion inserts, and its
// state, are accepted and stored by the real server (pruning and schema validation included),
// and the embedded mesh's data plane routes the load by them. As real-server-promotion.test.ts:
// a fake kubelet writes Deployment status once "pods are ready".
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport, PromotionState } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startDataPlane } from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import { startFakeKubelet, type FakeKubelet } from './support/fake-kubelet.js';
import {
  DEFAULT_CONTROLLERS,
  kubeBinDir,
  REPO_ROOT,
  startRealApiServer,
  type RealApiServer,
} from './support/real-apiserver.js';
import { apiRequest, realConfigSource, type RealConfigSource } from './support/real-config-source.js';

type Json = Record<string, unknown>;

let real: RealApiServer | null = null;
let kubelet: FakeKubelet | null = null;
let source: RealConfigSource | null = null;
let dataPlane: DataPlane | null = null;
const temps: string[] = [];
let startError: Error | null = null;

beforeAll(async () => {
  try {
    // Throws when the v1.20.2 binaries are not built (or etcd is missing).
    const binDir = await kubeBinDir();
    real = await startRealApiServer({
      binDir,
      // Our fake kubelet writes Deployment status; the real controllers would fight it.
      controllers: DEFAULT_CONTROLLERS.filter((c) => c !== 'deployment' && c !== 'replicaset'),
    });
    kubelet = startFakeKubelet(real);
    source = realConfigSource(real);
    await Promise.all([kubelet.synced, source.synced]);
    dataPlane = await startDataPlane({ config: source, seed: 7 });
  } catch (err) {
    // Kept for every test to rethrow: each one FAILS with the reason (vitest would only skip them).
    startError = err instanceof Error ? err : new Error(JSON.stringify(err));
  }
}, 120_000);

/** Rethrows the start-up failure, so that no test passes or skips without a real server. */
function requireServer(): void {
  if (startError) throw startError;
}

afterAll(async () => {
  await dataPlane?.close();
  source?.close();
  await kubelet?.close();
  await real?.stop();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
}, 60_000);

const connect = (): Promise<ClusterConnection> =>
  Promise.resolve({
    kubeconfig: real!.kubeconfig,
    context: 'real',
    prometheusUrl: null,
    loadUrl: dataPlane!.ingressUrl,
    created: false,
    close: () => Promise.resolve(),
  });

/** Settings for cluster: existing (the default), where load-url must be given, as users do. */
function settingsOf(inputs: Record<string, string>, env: Record<string, string> = {}): Settings {
  const all: Record<string, string> = { 'load-url': dataPlane!.ingressUrl, ...inputs };
  const parsed = parseSettings((name) => all[name] ?? '', env);
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

/** GET an object from the real server (JSON), failing the test on anything but 200. */
async function get(path: string): Promise<Json> {
  const r = await apiRequest(real!, 'GET', path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as Json;
}

interface VirtualService {
  metadata: { annotations?: Record<string, string> };
  spec: { http: { route: { weight?: number; destination: { subset: string } }[] }[] };
}

const weights = (vs: VirtualService): [string, number][] =>
  vs.spec.http[0]!.route.map((r) => [r.destination.subset, r.weight ?? 0]);
const stateOf = (vs: VirtualService): PromotionState =>
  JSON.parse(vs.metadata.annotations?.['istio-canary.dev/state'] ?? 'null') as PromotionState;

/**
 * The podinfo example moved to namespace `ns` and ingress host `host` (so the cases do not
 * share a VirtualService), with extra pod-template annotations on the canary.
 */
async function podinfoCopy(ns: string, host: string, canaryAnnotations: Json = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'istio-canary-real-'));
  temps.push(dir);
  for (const file of ['namespace.yaml', 'deployments.yaml', 'service.yaml', 'istio.yaml']) {
    const text = (
      await readFile(join(REPO_ROOT, '__tests__', 'fixtures', 'promote', 'strategy', file), 'utf8')
    )
      .replaceAll('podinfo.co.uk', host)
      .replaceAll('.test.svc.cluster.local', `.${ns}.svc.cluster.local`)
      .replaceAll('namespace: test', `namespace: ${ns}`)
      .replaceAll('name: test', `name: ${ns}`);
    const docs = loadAll(text) as Json[];
    for (const doc of docs) {
      const name = (doc.metadata as { name: string }).name;
      if (doc.kind !== 'Deployment' || !name.endsWith('-canary')) continue;
      const template = (doc.spec as { template: { metadata: { annotations?: Json } } }).template;
      template.metadata.annotations = { ...(template.metadata.annotations ?? {}), ...canaryAnnotations };
    }
    await writeFile(join(dir, file), docs.map((d) => dump(d, { lineWidth: 120 })).join('---\n'));
  }
  return join(dir, '*.yaml');
}

const FAST = {
  interval: '3s',
  'load-rps': '100',
  'min-requests': '20',
  'rollout-timeout': '20s',
  comment: 'never',
  finalize: 'keep',
};

const vsOf = async (ns: string) =>
  (await get(
    `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/podinfo`,
  )) as unknown as VirtualService & {
    spec: { http: { name?: string; route: { weight?: number; destination: { subset: string } }[] }[] };
  };
const routeNames = (vs: { spec: { http: { name?: string }[] } }) => vs.spec.http.map((r) => r.name ?? '');

async function promoteOn(ns: string, host: string, inputs: Record<string, string>, canary: Json = {}) {
  const reports: PromotionReport[] = [];
  const { io, log } = recordingIo();
  const settings = settingsOf({
    ...FAST,
    manifests: await podinfoCopy(ns, host, canary),
    namespace: ns,
    'load-host': host,
    ...inputs,
  });
  const outcome = await execute(settings, io, new AbortController().signal, {
    connect,
    reporter: keepingReporter(reports),
    cwd: REPO_ROOT,
  });
  return { outcome, log, report: reports.at(-1) };
}

function expectHealthyHelpers(): void {
  // The rollouts were waited for on status the fake kubelet wrote, not on anything else.
  expect(kubelet!.patches()).toBeGreaterThan(0);
  expect(kubelet!.errors.map(String)).toEqual([]);
  expect(source!.errors.map(String)).toEqual([]);
}

describe('strategies against a real kube-apiserver v1.20.2', () => {
  it('ab: the A/B route is stored by the real server, the matching requests judged on the canary, then promoted without it', async () => {
    requireServer();
    const { outcome, log } = await promoteOn('ab', 'ab.example', {
      strategy: 'ab',
      match: 'header:x-user=beta',
      steps: '50,100',
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    const vs = await vsOf('ab');
    const state = stateOf(vs);
    expect(state.phase).toBe('promoted');
    expect(state.strategy).toMatchObject({ strategy: 'ab', passed: 1, iterations: 1 });
    const [ab] = state.history.filter((h) => h.stage === 'ab');
    expect(ab!.verdict.outcome).toBe('pass');
    expect(ab!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(state.history.filter((h) => !h.stage).map((h) => h.weight)).toEqual([50, 100]);
    expect(routeNames(vs).some((n) => n.includes('-istio-canary-'))).toBe(false);
    expect(weights(vs)).toEqual([
      ['ga', 0],
      ['canary', 100],
    ]);
    expectHealthyHelpers();
  });

  it('blue-green: a bad canary fails on the preview host and is rolled back in one write that removes the preview route', async () => {
    requireServer();
    const { outcome, log } = await promoteOn(
      'bg',
      'bg.example',
      { strategy: 'blue-green', 'preview-host': 'preview.bg.example' },
      { 'sim.istio-canary.dev/error-rate': '40%' },
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    const vs = await vsOf('bg');
    const state = stateOf(vs);
    expect(state.phase).toBe('rolled-back');
    expect(state.reason).toMatch(/^preview: host preview\.bg\.example → canary failed: /);
    expect(routeNames(vs).some((n) => n.includes('-istio-canary-'))).toBe(false);
    expect(weights(vs)).toEqual([
      ['ga', 100],
      ['canary', 0],
    ]);
  });
});
