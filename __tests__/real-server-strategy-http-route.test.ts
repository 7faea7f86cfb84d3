// Every strategy (issue 15: canary, ab, blue-green, mirror) on a Gateway API HTTPRoute through
// the same execute() the action runs, promoted and rolled back by a bad canary, against a REAL
// kube-apiserver v1.20.2 with the Gateway API's standard CRDs (v1.6.1): the weights on the
// rule's backendRefs with their ResponseHeaderModifier, the inserted A/B or preview rule, the
// RequestMirror filter and the state annotation are accepted and stored by the real server
// (pruning and schema validation included), and the embedded mesh's data plane routes the load
// by the HTTPRoute it watches there. Every stored version of the HTTPRoute is recorded from a
// watch: the strategy's rule or mirror is seen during its window, gone after it, and a rollback
// is one write. The mirror is judged on destination metrics from a real Prometheus scraping the
// data plane. As real-server-promotion.test.ts: a fake kubelet writes Deployment status.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
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
import { createKubeClient } from '../src/kube/client.js';
import { startPrometheus, type RealPrometheus } from './checks-support.js';
import { httpRouteWrite, inserted, type VsWrite } from './strategy-promote-support.js';

type Json = Record<string, unknown>;
const execFileP = promisify(execFile);

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
    // The fixture applies the Gateway API's CRDs too; the server waited for Istio's only.
    await execFileP('kubectl', [
      '--kubeconfig',
      real.kubeconfigPath,
      'wait',
      '--for=condition=established',
      '--timeout=60s',
      'crd/httproutes.gateway.networking.k8s.io',
      'crd/gateways.gateway.networking.k8s.io',
      'crd/referencegrants.gateway.networking.k8s.io',
    ]);
    kubelet = startFakeKubelet(real);
    // The data plane also routes by the Gateway API objects it lists and watches on the real server.
    source = realConfigSource(real, { gatewayApi: true });
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

/**
 * The HTTPRoute fixture moved to namespace `ns` and host `host`: its Deployments and Services as
 * manifests (returned glob), its Gateway and HTTPRoute applied to the real server now (the
 * promotion finds the HTTPRoute live by name).
 */
async function httpRouteCopy(ns: string, host: string, canaryAnnotations: Json = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'istio-canary-real-hr-'));
  temps.push(dir);
  const fixture = join(REPO_ROOT, '__tests__', 'fixtures', 'promote', 'strategy-http-route');
  const rewrite = (text: string) =>
    (
      loadAll(
        text
          .replaceAll('podinfo.co.uk', host)
          .replaceAll('namespace: test', `namespace: ${ns}`)
          .replaceAll('name: test', `name: ${ns}`),
      ) as Json[]
    ).filter((d) => d !== null);
  for (const file of ['namespace.yaml', 'deployments.yaml', 'services.yaml']) {
    const docs = rewrite(await readFile(join(fixture, file), 'utf8'));
    for (const doc of docs) {
      const name = (doc.metadata as { name: string }).name;
      if (doc.kind !== 'Deployment' || !name.endsWith('-canary')) continue;
      const template = (doc.spec as { template: { metadata: { annotations?: Json } } }).template;
      template.metadata.annotations = { ...(template.metadata.annotations ?? {}), ...canaryAnnotations };
    }
    await writeFile(join(dir, file), docs.map((d) => dump(d, { lineWidth: 120 })).join('---\n'));
  }
  const kube = await createKubeClient({ kubeconfig: real!.kubeconfig });
  const live = [
    ...rewrite(await readFile(join(fixture, 'namespace.yaml'), 'utf8')),
    ...rewrite(await readFile(join(fixture, 'live', 'gateway-api.yaml'), 'utf8')),
  ];
  for (const doc of live) await kube.apply(doc);
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

interface HttpRoute {
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
  spec: {
    rules: { matches?: unknown[]; filters?: unknown[]; backendRefs: { name: string; weight?: number }[] }[];
  };
}
const routeOf = async (ns: string) =>
  (await get(
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/podinfo`,
  )) as unknown as HttpRoute;

const stateOf = (route: HttpRoute): PromotionState =>
  JSON.parse(route.metadata.annotations?.['istio-canary.dev/state'] ?? 'null') as PromotionState;
const backends = (route: HttpRoute) =>
  route.spec.rules.at(-1)!.backendRefs.map((b) => [b.name, b.weight ?? 1] as [string, number]);

/**
 * One promotion through execute() on a copy of the fixture in `ns` (host `<ns>.example`), with
 * every version of the HTTPRoute the real server stored, as VsWrite (weights, inserted rule,
 * mirror, phase).
 */
async function promoteOn(ns: string, inputs: Record<string, string>, canary: Json = {}) {
  const host = `${ns}.example`;
  const manifests = await httpRouteCopy(ns, host, canary);
  const reports: PromotionReport[] = [];
  const { io, log } = recordingIo();
  const settings = settingsOf({
    ...FAST,
    manifests,
    namespace: ns,
    'load-host': host,
    'http-route': 'podinfo',
    ...inputs,
  });
  const recorder = recordWrites(
    real!,
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      path: `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes`,
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
    const route = await routeOf(ns);
    // Everything the promotion wrote has come through the watch once its last version has.
    await recorder.reached(route.metadata.resourceVersion);
    expect(recorder.errors.map(String)).toEqual([]);
    const raw = recorder.writes() as unknown as HttpRoute[];
    const writes = raw.map((o) => httpRouteWrite(o as unknown as Json));
    /** The first stored version whose sequence label is `label` (e.g. "0+rule"), as the server returned it. */
    const stored = (label: string): HttpRoute => {
      const i = sequence(writes).indexOf(label);
      expect(i, sequence(writes).join(' ')).toBeGreaterThanOrEqual(0);
      return raw[i]!;
    };
    return { outcome, log, report: reports.at(-1), route, writes, stored };
  } finally {
    recorder.close();
  }
}

/** Each stored version as "<canary weight>[+rule][+mirror<percent>]" (rule: the inserted A/B or preview rule). */
const sequence = (writes: VsWrite[]): string[] =>
  writes.map(
    (w) => `${w.canary}${inserted(w).length ? '+rule' : ''}${w.mirror !== null ? `+mirror${w.mirror}` : ''}`,
  );

/** The part of the sequence from the first write that looks like `first` on. */
function from(writes: VsWrite[], first: string): string[] {
  const seq = sequence(writes);
  const i = seq.indexOf(first);
  expect(i, seq.join(' ')).toBeGreaterThanOrEqual(0);
  return seq.slice(i);
}

/** The rollback was one write: the version before still had `during` (rule, mirror or weight) and was not rolled back. */
function expectOneRollbackWrite(writes: VsWrite[], during: string): void {
  const seq = sequence(writes);
  expect(seq.at(-2), seq.join(' ')).toBe(during);
  expect(writes.at(-2)!.phase, seq.join(' ')).not.toBe('rolled-back');
  expect(seq.at(-1), seq.join(' ')).toBe('0');
  expect(writes.at(-1)).toMatchObject({ stable: 100, canary: 0, mirror: null, phase: 'rolled-back' });
}

/** The stored HTTPRoute after a rollback: one rule, all traffic on podinfo-ga, no filter on the rule. */
function expectRolledBackRoute(route: HttpRoute): void {
  expect(stateOf(route).phase).toBe('rolled-back');
  expect(route.spec.rules).toHaveLength(1);
  expect(route.spec.rules[0]!.filters ?? []).toEqual([]);
  expect(backends(route)).toEqual([
    ['podinfo-ga', 100],
    ['podinfo-canary', 0],
  ]);
}

/** The stored HTTPRoute after a promotion: one rule, all traffic on podinfo-canary, no filter on the rule. */
function expectPromotedRoute(route: HttpRoute): void {
  expect(stateOf(route).phase).toBe('promoted');
  expect(route.spec.rules).toHaveLength(1);
  expect(route.spec.rules[0]!.filters ?? []).toEqual([]);
  expect(backends(route)).toEqual([
    ['podinfo-ga', 0],
    ['podinfo-canary', 100],
  ]);
}

function expectHealthyHelpers(): void {
  // The rollouts were waited for on status the fake kubelet wrote, not on anything else.
  expect(kubelet!.patches()).toBeGreaterThan(0);
  expect(kubelet!.errors.map(String)).toEqual([]);
  expect(source!.errors.map(String)).toEqual([]);
}

const BAD = { 'sim.istio-canary.dev/error-rate': '40%' };

describe('HTTPRoute promotion against a real kube-apiserver v1.20.2', () => {
  it('canary: the weights on the backendRefs are stored step by step with the state, then promoted', async () => {
    requireServer();
    const { outcome, log, route, writes } = await promoteOn('hr-canary', { steps: '50,100' });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    expectPromotedRoute(route);
    const state = stateOf(route);
    expect(state.strategy).toBeUndefined();
    expect(state.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [50, 'pass'],
      [100, 'pass'],
    ]);
    // Both versions answered (by their backendRef's header) during the 50% window.
    expect(state.history[0]!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(state.history[0]!.verdict.stable!.requests).toBeGreaterThan(0);
    expect(from(writes, '50')).toEqual(['50', '100', '100']);
    expect(writes.at(-1)!.phase).toBe('promoted');
    expectHealthyHelpers();
  });

  it('canary: a bad canary fails the first step and is rolled back in one write to 0%', async () => {
    requireServer();
    const { outcome, log, route, writes } = await promoteOn('hr-canary-bad', { steps: '50,100' }, BAD);
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    expectRolledBackRoute(route);
    const state = stateOf(route);
    expect(state.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([[50, 'fail']]);
    expect(state.reason).toMatch(/^step 1\/2 at 50% failed: /);
    expectOneRollbackWrite(writes, '50');
    expect(Math.max(...writes.map((w) => w.canary))).toBe(50);
  });

  it('ab: the A/B rule and the weights are stored by the real server, the matching requests judged, then promoted without the rule', async () => {
    requireServer();
    const { outcome, log, route, writes, stored } = await promoteOn('hr-ab', {
      strategy: 'ab',
      match: 'header:x-user=beta',
      steps: '50,100',
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    expectPromotedRoute(route);
    const state = stateOf(route);
    const [ab] = state.history.filter((h) => h.stage === 'ab');
    expect(ab!.verdict.outcome).toBe('pass');
    expect(ab!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(ab!.verdict.stable!.requests).toBeGreaterThan(0);
    expect(state.history.filter((h) => !h.stage).map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [50, 'pass'],
      [100, 'pass'],
    ]);
    // The A/B rule was stored for its window and with the 50% step, gone with 100%.
    expect(from(writes, '0+rule')).toEqual(['0+rule', '50+rule', '100', '100']);
    // The A/B rule as the server kept it: first, the user's header, everything to podinfo-canary.
    const [abRule, stepped] = stored('0+rule').spec.rules;
    expect(abRule).toMatchObject({
      matches: [{ headers: [{ type: 'Exact', name: 'x-user', value: 'beta' }] }],
      backendRefs: [{ name: 'podinfo-canary', port: 9898 }],
    });
    expect(stepped!.backendRefs.map((b) => b.name)).toEqual(['podinfo-ga', 'podinfo-canary']);
    expectHealthyHelpers();
  });

  it('ab: a bad canary fails the A/B window and is rolled back in one write that removes the A/B rule', async () => {
    requireServer();
    const { outcome, log, route, writes } = await promoteOn(
      'hr-ab-bad',
      { strategy: 'ab', match: 'header:x-user=beta', steps: '50,100' },
      BAD,
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    expectRolledBackRoute(route);
    const state = stateOf(route);
    expect(state.reason).toMatch(/^A\/B: header:x-user=beta → canary failed: /);
    expect(state.history.map((h) => h.stage ?? 'step')).not.toContain('step');
    expectOneRollbackWrite(writes, '0+rule');
    expect(Math.max(...writes.map((w) => w.canary))).toBe(0);
  });

  it('blue-green: the preview rule by header is stored for the preview window, then one write switches all traffic', async () => {
    requireServer();
    const { outcome, log, route, writes, stored } = await promoteOn('hr-bg', {
      strategy: 'blue-green',
      'preview-header': 'x-preview=green',
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    expectPromotedRoute(route);
    const state = stateOf(route);
    expect(state.steps).toEqual([100]);
    const [p] = state.history.filter((h) => h.stage === 'preview');
    expect(p!.verdict.outcome).toBe('pass');
    expect(p!.verdict.canary!.requests).toBeGreaterThan(0);
    // The preview window, the switch (100% and no preview rule in one write), then promoted.
    expect(from(writes, '0+rule')).toEqual(['0+rule', '100', '100']);
    expect(stored('0+rule').spec.rules[0]).toMatchObject({
      matches: [{ headers: [{ type: 'Exact', name: 'x-preview', value: 'green' }] }],
      backendRefs: [{ name: 'podinfo-canary', port: 9898 }],
    });
    expect(writes.at(-1)!.phase).toBe('promoted');
    expectHealthyHelpers();
  });

  it('blue-green: a bad canary fails the preview window and is rolled back in one write that removes the preview rule', async () => {
    requireServer();
    const { outcome, log, route, writes } = await promoteOn(
      'hr-bg-bad',
      { strategy: 'blue-green', 'preview-header': 'x-preview=green' },
      BAD,
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    expectRolledBackRoute(route);
    const state = stateOf(route);
    expect(state.reason).toMatch(/^preview: header:x-preview=green → canary failed: /);
    expect(state.history.every((h) => h.stage === 'preview')).toBe(true);
    expect(state.history.at(-1)!.verdict.outcome).toBe('fail');
    expectOneRollbackWrite(writes, '0+rule');
    expect(Math.max(...writes.map((w) => w.canary))).toBe(0);
  });

  const MIRROR = { strategy: 'mirror', 'mirror-percent': '50', metrics: 'both', steps: '100' };

  it('mirror: the RequestMirror filter is stored for its window, the canary judged on Prometheus, then removed with the first weight', async () => {
    requireServer();
    const { outcome, log, route, writes, report, stored } = await promoteOn('hr-mirror', {
      ...MIRROR,
      'prometheus-url': prom!.url,
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    expectPromotedRoute(route);
    const state = stateOf(route);
    expect(state.strategy).toMatchObject({ strategy: 'mirror', mirrorPercent: 50, passed: 1 });
    const [m] = state.history.filter((h) => h.stage === 'mirror');
    expect(m!.verdict.outcome).toBe('pass');
    // Only Prometheus judged the mirror window: its canary requests are the mirrored copies.
    expect(m!.verdict.reasons.every((x) => x.source !== 'loadgen')).toBe(true);
    expect(m!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(report?.strategy?.lines.join('\n')).toContain('Prometheus destination metrics');
    expect(from(writes, '0+mirror50')).toEqual(['0+mirror50', '100', '100']);
    // The RequestMirror filter as the server kept it (percent is in the v1.6.1 standard schema).
    expect(stored('0+mirror50').spec.rules[0]!.filters).toEqual([
      {
        type: 'RequestMirror',
        requestMirror: {
          backendRef: expect.objectContaining({ name: 'podinfo-canary' }) as unknown,
          percent: 50,
        },
      },
    ]);
    expectHealthyHelpers();
  });

  it('mirror: a bad canary fails the mirror window and is rolled back in one write that removes the RequestMirror filter', async () => {
    requireServer();
    const { outcome, log, route, writes } = await promoteOn(
      'hr-mirror-bad',
      { ...MIRROR, 'prometheus-url': prom!.url },
      // Every canary answer fails: however few mirrored copies Prometheus has scraped in a 2 s
      // window on a loaded machine, none can look healthy (50% let one window pass on few copies).
      { 'sim.istio-canary.dev/error-rate': '100%' },
    );
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    expectRolledBackRoute(route);
    expect(stateOf(route).reason).toMatch(
      /^mirror: 50% of the requests copied to the canary (failed|inconclusive twice): /,
    );
    expect(stateOf(route).history.every((h) => h.stage === 'mirror')).toBe(true);
    expectOneRollbackWrite(writes, '0+mirror50');
    expect(Math.max(...writes.map((w) => w.canary))).toBe(0);
  });
});
