// A promotion on a Gateway API HTTPRoute (issue 15) through the same execute() the action runs,
// against a REAL kube-apiserver v1.20.2 with the Gateway API's standard CRDs (v1.6.1): the
// weights on the rule's backendRefs with their ResponseHeaderModifier, the inserted A/B rule and
// the state annotation are accepted and stored by the real server (pruning and schema
// validation included), and the embedded mesh's data plane routes the load by the HTTPRoute it
// watches there. As real-server-promotion.test.ts: a fake kubelet writes Deployment status.
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
  listWatch,
  realConfigSource,
  type ListWatch,
  type RealConfigSource,
} from './support/real-config-source.js';
import { createKubeClient } from '../src/kube/client.js';
import type { GatewayApiConfigSource, GatewayApiKind } from '../src/sim/dataplane/index.js';

type Json = Record<string, unknown>;
const execFileP = promisify(execFile);

let real: RealApiServer | null = null;
let kubelet: FakeKubelet | null = null;
let source: RealConfigSource | null = null;
let dataPlane: DataPlane | null = null;
let gatewayApi: Record<GatewayApiKind, ListWatch> | null = null;
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
    source = realConfigSource(real);
    // The data plane also routes by the Gateway API objects it lists on the real server; their
    // events reach its listeners as the mesh kinds' do.
    const listeners = new Set<() => void>();
    const changed = () => {
      for (const l of listeners) l();
    };
    const watch = (apiVersion: string, kind: string, path: string) =>
      listWatch(real!, { apiVersion, kind, path }, changed, (e) => void source!.errors.push(e));
    const gw = 'gateway.networking.k8s.io';
    gatewayApi = {
      HTTPRoute: watch(`${gw}/v1`, 'HTTPRoute', `/apis/${gw}/v1/httproutes`),
      KubernetesGateway: watch(`${gw}/v1`, 'Gateway', `/apis/${gw}/v1/gateways`),
      ReferenceGrant: watch(`${gw}/v1beta1`, 'ReferenceGrant', `/apis/${gw}/v1beta1/referencegrants`),
      Namespace: watch('v1', 'Namespace', '/api/v1/namespaces'),
    };
    await Promise.all([kubelet.synced, source.synced, ...Object.values(gatewayApi).map((w) => w.synced)]);
    const mesh = source;
    const kinds = gatewayApi;
    const config: GatewayApiConfigSource = {
      list: (kind) => mesh.list(kind),
      onChange(l) {
        listeners.add(l);
        const off = mesh.onChange?.(l) ?? (() => undefined);
        return () => {
          listeners.delete(l);
          off();
        };
      },
      listGatewayApi: (kind: GatewayApiKind) => kinds[kind].items(),
    };
    dataPlane = await startDataPlane({ config, seed: 7 });
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
  for (const w of Object.values(gatewayApi ?? {})) w.close();
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
  interval: '3s',
  'load-rps': '100',
  'min-requests': '20',
  'rollout-timeout': '20s',
  comment: 'never',
  finalize: 'keep',
};

interface HttpRoute {
  metadata: { annotations?: Record<string, string> };
  spec: { rules: { matches?: unknown[]; backendRefs: { name: string; weight?: number }[] }[] };
}
const routeOf = async (ns: string) =>
  (await get(
    `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/podinfo`,
  )) as unknown as HttpRoute;

describe('HTTPRoute promotion against a real kube-apiserver v1.20.2', () => {
  it('ab: the A/B rule and the weights are stored by the real server, the matching requests judged, then promoted without the rule', async () => {
    requireServer();
    const ns = 'hr-ab';
    const host = 'hr-ab.example';
    const manifests = await httpRouteCopy(ns, host);
    const reports: PromotionReport[] = [];
    const { io, log } = recordingIo();
    const settings = settingsOf({
      ...FAST,
      manifests,
      namespace: ns,
      'load-host': host,
      'http-route': 'podinfo',
      strategy: 'ab',
      match: 'header:x-user=beta',
      steps: '50,100',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
      cwd: REPO_ROOT,
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    const route = await routeOf(ns);
    const state = JSON.parse(
      route.metadata.annotations?.['istio-canary.dev/state'] ?? 'null',
    ) as PromotionState;
    expect(state.phase).toBe('promoted');
    const [ab] = state.history.filter((h) => h.stage === 'ab');
    expect(ab!.verdict.outcome).toBe('pass');
    expect(ab!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(ab!.verdict.stable!.requests).toBeGreaterThan(0);
    expect(state.history.filter((h) => !h.stage).map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [50, 'pass'],
      [100, 'pass'],
    ]);
    // The A/B rule is gone; the stepped rule sends everything to the canary Service.
    expect(route.spec.rules).toHaveLength(1);
    expect(route.spec.rules[0]!.backendRefs.map((b) => [b.name, b.weight])).toEqual([
      ['podinfo-ga', 0],
      ['podinfo-canary', 100],
    ]);
    expect(kubelet!.errors.map(String)).toEqual([]);
    expect(source!.errors.map(String)).toEqual([]);
  });
});
