// Strategies ab, blue-green and mirror (issue 15) on a VirtualService through the same execute()
// the action runs, against a REAL kube-apiserver v1.20.2 with Istio's real CRD schemas (etcd +
// apiserver + controller-manager on loopback): the A/B and preview routes and the mirror the
// promotion writes, and its state, are accepted and stored by the real server (pruning and
// schema validation included), and the embedded mesh's data plane routes the load by them.
// Every stored version of the VirtualService is recorded from a watch, so the tests see the
// strategy's route during its window, gone after it, and a rollback's single write. The mirror
// is judged on destination metrics from a real Prometheus scraping the data plane. As
// real-server-promotion.test.ts: a fake kubelet writes Deployment status once "pods are ready".
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
import {
  apiRequest,
  realConfigSource,
  recordWrites,
  type RealConfigSource,
} from './support/real-config-source.js';
import { startPrometheus, type RealPrometheus } from './checks-support.js';
import { inserted, vsWrite, type VsWrite } from './strategy-promote-support.js';

type Json = Record<string, unknown>;

let real: RealApiServer | null = null;
let kubelet: FakeKubelet | null = null;
let source: RealConfigSource | null = null;
let dataPlane: DataPlane | null = null;
let prom: RealPrometheus | null = null;
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
    // The mirror is judged on Prometheus destination metrics: a real one scraping the data plane.
    prom = await startPrometheus(dataPlane.metricsUrl);
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
  await prom?.close();
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
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
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
  interval: '2s',
  'load-rps': '100',
  'min-requests': '20',
  // Single runs that expect a healthy canary to pass: the judge's false-alarm budget per
  // window is kept far below what one run could notice (the bad canaries fail 40-100%).
  'false-rollback-rate': '0.01%',
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

/**
 * One promotion through execute() on a copy of the fixture in `ns`, with every version of the
 * VirtualService the real server stored, as VsWrite (weights, inserted routes, mirror, phase).
 */
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
  const recorder = recordWrites(
    real!,
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      path: `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices`,
    },
    'podinfo',
  );
  try {
    await recorder.synced;
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
      cwd: REPO_ROOT,
    });
    const vs = await vsOf(ns);
    // Everything the promotion wrote has come through the watch once its last version has.
    await recorder.reached(vs.metadata.resourceVersion);
    expect(recorder.errors.map(String)).toEqual([]);
    const raw = recorder.writes() as unknown as StoredVs[];
    const writes = raw.map((o) => vsWrite(o as unknown as Json));
    /** The first stored version whose sequence label is `label` (e.g. "0+ab"), as the server returned it. */
    const stored = (label: string): StoredVs => {
      const i = sequence(writes).indexOf(label);
      expect(i, sequence(writes).join(' ')).toBeGreaterThanOrEqual(0);
      return raw[i]!;
    };
    return { outcome, log, report: reports.at(-1), vs, writes, stored };
  } finally {
    recorder.close();
  }
}

/** A stored VirtualService's http routes, as the real server returned them (defaults and pruning applied). */
interface StoredVs {
  spec: { http: Json[] };
}

/** Each stored version as "<canary weight>[+ab|+preview][+mirror<percent>]", for sequence assertions. */
const sequence = (writes: VsWrite[]): string[] =>
  writes.map(
    (w) =>
      `${w.canary}${inserted(w)
        .map((r) => `+${r}`)
        .join('')}${w.mirror !== null ? `+mirror${w.mirror}` : ''}`,
  );

/** The rollback was one write: the version before still had the strategy's route/mirror and was not rolled back. */
function expectOneRollbackWrite(writes: VsWrite[], during: string): void {
  const seq = sequence(writes);
  expect(seq.at(-2), seq.join(' ')).toBe(during);
  expect(writes.at(-2)!.phase, seq.join(' ')).not.toBe('rolled-back');
  expect(seq.at(-1), seq.join(' ')).toBe('0');
  expect(writes.at(-1)).toMatchObject({ stable: 100, canary: 0, mirror: null, phase: 'rolled-back' });
  // The canary never got user traffic by weight.
  expect(Math.max(...writes.map((w) => w.canary))).toBe(0);
}

function expectHealthyHelpers(): void {
  // The rollouts were waited for on status the fake kubelet wrote, not on anything else.
  expect(kubelet!.patches()).toBeGreaterThan(0);
  expect(kubelet!.errors.map(String)).toEqual([]);
  expect(source!.errors.map(String)).toEqual([]);
}

describe('strategies on a VirtualService against a real kube-apiserver v1.20.2', () => {
  it('ab: the A/B route is stored by the real server, the matching requests judged on the canary, then promoted without it', async () => {
    requireServer();
    const { outcome, log, vs, writes, stored } = await promoteOn('ab', 'ab.example', {
      strategy: 'ab',
      match: 'header:x-user=beta',
      steps: '50,100',
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    const state = stateOf(vs);
    expect(state.phase).toBe('promoted');
    expect(state.strategy).toMatchObject({ strategy: 'ab', passed: 1, iterations: 1 });
    const [ab] = state.history.filter((h) => h.stage === 'ab');
    expect(ab!.verdict.outcome).toBe('pass');
    expect(ab!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(state.history.filter((h) => !h.stage).map((h) => h.weight)).toEqual([50, 100]);
    // The A/B route was stored for its window and with the 50% step, gone with 100%.
    const seq = sequence(writes);
    const first = seq.indexOf('0+ab');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+ab', '50+ab', '100', '100']);
    // The A/B route as the server kept it: first, the user's header, everything to the canary subset.
    expect(stored('0+ab').spec.http[0]).toMatchObject({
      name: expect.stringMatching(/-istio-canary-ab$/) as unknown,
      match: [{ headers: { 'x-user': { exact: 'beta' } } }],
      route: [{ destination: { host: 'podinfo.ab.svc.cluster.local', subset: 'canary' }, weight: 100 }],
    });
    expect(routeNames(vs).some((n) => n.includes('-istio-canary-'))).toBe(false);
    expect(weights(vs)).toEqual([
      ['ga', 0],
      ['canary', 100],
    ]);
    expectHealthyHelpers();
  });

  it('ab: a bad canary fails the A/B window and is rolled back in one write that removes the A/B route', async () => {
    requireServer();
    const { outcome, log, vs, writes } = await promoteOn(
      'ab-bad',
      'ab-bad.example',
      { strategy: 'ab', match: 'header:x-user=beta', steps: '50,100' },
      { 'sim.istio-canary.dev/error-rate': '40%' },
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    const state = stateOf(vs);
    expect(state.phase).toBe('rolled-back');
    expect(state.reason).toMatch(/^A\/B: header:x-user=beta → canary failed: /);
    // Judged in the A/B window only: no weight step was reached.
    expect(state.history.map((h) => h.stage ?? 'step')).not.toContain('step');
    expect(state.history.at(-1)!.verdict.outcome).toBe('fail');
    expectOneRollbackWrite(writes, '0+ab');
    expect(routeNames(vs).some((n) => n.includes('-istio-canary-'))).toBe(false);
    expect(weights(vs)).toEqual([
      ['ga', 100],
      ['canary', 0],
    ]);
  });

  it('blue-green: the preview route by header is stored for the preview window, then one write switches all traffic', async () => {
    requireServer();
    const { outcome, log, vs, writes, stored } = await promoteOn('bg-ok', 'bg-ok.example', {
      strategy: 'blue-green',
      'preview-header': 'x-preview=green',
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    const state = stateOf(vs);
    expect(state.phase).toBe('promoted');
    expect(state.steps).toEqual([100]);
    const [p] = state.history.filter((h) => h.stage === 'preview');
    expect(p!.verdict.outcome).toBe('pass');
    expect(p!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(state.history.filter((h) => !h.stage).map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [100, 'pass'],
    ]);
    // The preview window, the switch (100% and no preview in one write), then promoted.
    const seq = sequence(writes);
    const first = seq.indexOf('0+preview');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+preview', '100', '100']);
    expect(stored('0+preview').spec.http[0]).toMatchObject({
      name: expect.stringMatching(/-istio-canary-preview$/) as unknown,
      match: [{ headers: { 'x-preview': { exact: 'green' } } }],
      route: [{ destination: { subset: 'canary' }, weight: 100 }],
    });
    expect(writes.at(-1)!.phase).toBe('promoted');
    expect(weights(vs)).toEqual([
      ['ga', 0],
      ['canary', 100],
    ]);
    expectHealthyHelpers();
  });

  it('blue-green: a bad canary fails on the preview host and is rolled back in one write that removes the preview route', async () => {
    requireServer();
    const { outcome, log, vs, writes, stored } = await promoteOn(
      'bg',
      'bg.example',
      { strategy: 'blue-green', 'preview-host': 'preview.bg.example' },
      { 'sim.istio-canary.dev/error-rate': '40%' },
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    const state = stateOf(vs);
    expect(state.phase).toBe('rolled-back');
    expect(state.reason).toMatch(/^preview: host preview\.bg\.example → canary failed: /);
    expect(state.history.map((h) => [h.stage, h.verdict.outcome]).at(-1)).toEqual(['preview', 'fail']);
    expect(state.history.every((h) => h.stage === 'preview')).toBe(true);
    expectOneRollbackWrite(writes, '0+preview');
    // The preview route matched the separate host (authority), and went to the canary subset.
    expect(stored('0+preview').spec.http[0]).toMatchObject({
      match: [{ authority: { exact: 'preview.bg.example' } }],
      route: [{ destination: { subset: 'canary' }, weight: 100 }],
    });
    expect(routeNames(vs).some((n) => n.includes('-istio-canary-'))).toBe(false);
    expect(weights(vs)).toEqual([
      ['ga', 100],
      ['canary', 0],
    ]);
  });

  const MIRROR = {
    strategy: 'mirror',
    'mirror-percent': '50',
    metrics: 'both',
    steps: '100',
  };

  it('mirror: the mirror is stored for its window, the canary judged on Prometheus destination metrics, then removed with the first weight', async () => {
    requireServer();
    const { outcome, log, vs, writes, report, stored } = await promoteOn('mirror', 'mirror.example', {
      ...MIRROR,
      'prometheus-url': prom!.url,
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    const state = stateOf(vs);
    expect(state.phase).toBe('promoted');
    expect(state.strategy).toMatchObject({ strategy: 'mirror', mirrorPercent: 50, passed: 1 });
    const [m] = state.history.filter((h) => h.stage === 'mirror');
    expect(m!.verdict.outcome).toBe('pass');
    // Only Prometheus judged the mirror window: its canary requests are the mirrored copies.
    expect(m!.verdict.reasons.every((x) => x.source !== 'loadgen')).toBe(true);
    expect(m!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(report?.strategy?.lines.join('\n')).toContain('Prometheus destination metrics');
    const seq = sequence(writes);
    const first = seq.indexOf('0+mirror50');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+mirror50', '100', '100']);
    expect(stored('0+mirror50').spec.http[0]).toMatchObject({
      mirror: { host: 'podinfo.mirror.svc.cluster.local', subset: 'canary' },
      mirrorPercentage: { value: 50 },
    });
    expect(vs.spec.http[0]).not.toHaveProperty('mirror');
    expect(weights(vs)).toEqual([
      ['ga', 0],
      ['canary', 100],
    ]);
    expectHealthyHelpers();
  });

  it('mirror: a bad canary fails the mirror window and is rolled back in one write that removes the mirror', async () => {
    requireServer();
    const { outcome, log, vs, writes } = await promoteOn(
      'mirror-bad',
      'mirror-bad.example',
      { ...MIRROR, 'prometheus-url': prom!.url },
      // Every canary answer fails: however few mirrored copies Prometheus has scraped in a 2 s
      // window on a loaded machine, none can look healthy (50% let one window pass on few copies).
      { 'sim.istio-canary.dev/error-rate': '100%' },
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    const state = stateOf(vs);
    expect(state.phase).toBe('rolled-back');
    expect(state.reason).toMatch(
      /^mirror: 50% of the requests copied to the canary (failed|inconclusive twice): /,
    );
    expect(state.history.every((h) => h.stage === 'mirror')).toBe(true);
    expectOneRollbackWrite(writes, '0+mirror50');
    expect(vs.spec.http[0]).not.toHaveProperty('mirror');
    expect(vs.spec.http[0]).not.toHaveProperty('mirrorPercentage');
    expect(weights(vs)).toEqual([
      ['ga', 100],
      ['canary', 0],
    ]);
  });
});
