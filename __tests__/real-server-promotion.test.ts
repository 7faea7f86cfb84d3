// The promotion and its report, through the same execute() the action runs, against a REAL
// kube-apiserver v1.20.2 (etcd + apiserver + controller-manager on loopback). There are no
// kubelets: a fake kubelet writes Deployment status once "pods are ready", and the embedded
// mesh's data plane routes the load by the VirtualServices it watches on the real server.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, KubeApiError } from '../src/kube/client.js';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport, PromotionState } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startDataPlane } from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import { startFakeKubelet, type FakeKubelet } from './support/fake-kubelet.js';
import { GithubServer } from './support/github-server.js';
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
interface Deployment {
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
  status?: { availableReplicas?: number };
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
    const text = (await readFile(join(REPO_ROOT, 'examples', 'podinfo', file), 'utf8'))
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

// 3 s, not 2 s: at 10% of 100 rps a 2 s window expects exactly min-requests (20) canary
// requests, so half the windows would be inconclusive (and two in a row fail the step).
const FAST = {
  interval: '3s',
  'load-rps': '100',
  'min-requests': '20',
  // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
  // below what one run could notice.
  'false-rollback-rate': '0.01%',
  'rollout-timeout': '20s',
};

function expectHealthyHelpers(): void {
  // The rollouts were waited for on status the fake kubelet wrote, not on anything else.
  expect(kubelet!.patches()).toBeGreaterThan(0);
  expect(kubelet!.errors.map(String)).toEqual([]);
  expect(source!.errors.map(String)).toEqual([]);
}

describe('promotion against a real kube-apiserver v1.20.2', () => {
  it('podinfo walks 10, 60, 100 under load and is promoted: state annotation, stable image and canary scale on the real server', async () => {
    requireServer();
    const reports: PromotionReport[] = [];
    const { io, log } = recordingIo();
    const settings = settingsOf({
      ...FAST,
      comment: 'never',
      manifests: 'examples/podinfo/*.yaml',
      namespace: 'test',
      steps: '10,60,100',
      'load-host': 'podinfo.co.uk',
      'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.1',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
      cwd: REPO_ROOT,
    });
    expect(outcome.exitCode, log.join('\n')).toBe(0);
    const report = reports.at(-1)!;
    expect(report.status).toBe('promoted');
    expect(outcome.report?.status).toBe('promoted');
    expect(report.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [10, 'pass'],
      [60, 'pass'],
      [100, 'pass'],
    ]);
    // The data plane split the load by the weights it watched on the real server (60% ± ~5 sd).
    const at60 = report.history.find((h) => h.weight === 60)!.verdict;
    const share =
      (at60.canary?.requests ?? 0) / ((at60.canary?.requests ?? 0) + (at60.stable?.requests ?? 0));
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.75);

    const vs = (await get(
      '/apis/networking.istio.io/v1/namespaces/test/virtualservices/podinfo',
    )) as unknown as VirtualService;
    expect(stateOf(vs)).toMatchObject({
      phase: 'promoted',
      canaryImage: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    });
    // promote-stable: traffic back on the stable subset, which now runs the canary's pod spec.
    expect(weights(vs)).toEqual([
      ['canary', 0],
      ['ga', 100],
    ]);
    const ga = (await get('/apis/apps/v1/namespaces/test/deployments/podinfo-ga')) as unknown as Deployment;
    expect(ga.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
    const canary = (await get(
      '/apis/apps/v1/namespaces/test/deployments/podinfo-canary',
    )) as unknown as Deployment;
    expect(canary.spec.replicas).toBe(0);
    expectHealthyHelpers();
  }, 60_000);

  it('a slow canary (p50 60 ms, p99 200 ms) is rolled back: canary weight 0 on the real server, state says why', async () => {
    requireServer();
    const reports: PromotionReport[] = [];
    const { io, log } = recordingIo();
    const manifests = await podinfoCopy('slow', 'slow.podinfo.example', {
      'sim.istio-canary.dev/latency': 'p50=60ms,p99=200ms',
    });
    const settings = settingsOf({
      ...FAST,
      comment: 'never',
      manifests,
      namespace: 'slow',
      steps: '10,60,100',
      'load-host': 'slow.podinfo.example',
      'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.1',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
    });
    expect(outcome.exitCode, log.join('\n')).toBe(1);
    const report = reports.at(-1)!;
    expect(report.status).toBe('rolled-back');
    expect(outcome.report?.status).toBe('rolled-back');
    expect(report.history.at(-1)!.verdict.outcome).toBe('fail');

    const vs = (await get(
      '/apis/networking.istio.io/v1/namespaces/slow/virtualservices/podinfo',
    )) as unknown as VirtualService;
    expect(weights(vs)).toEqual([
      ['canary', 0],
      ['ga', 100],
    ]);
    const state = stateOf(vs);
    expect(state.phase).toBe('rolled-back');
    expect(state.weight).toBe(0);
    expect(state.reason).toMatch(/p99|latency/i);
    // Rolled back, not finalized: stable keeps its own image.
    const ga = (await get('/apis/apps/v1/namespaces/slow/deployments/podinfo-ga')) as unknown as Deployment;
    expect(ga.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.0');
    expectHealthyHelpers();
  }, 60_000);

  it('with a github-token, one sticky PR comment is created and then updated with the step table', async () => {
    requireServer();
    const github = await new GithubServer({
      tokens: [{ token: 'ghs_real', login: 'github-actions[bot]', kind: 'app' }],
    }).start();
    try {
      const { io, outputs, log } = recordingIo();
      const manifests = await podinfoCopy('report', 'report.podinfo.example');
      const settings = settingsOf(
        {
          ...FAST,
          comment: 'always',
          'github-token': 'ghs_real',
          manifests,
          namespace: 'report',
          steps: '10,100',
          'load-host': 'report.podinfo.example',
          'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.1',
        },
        {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: join(REPO_ROOT, '__tests__', 'fixtures', 'pull_request_event.json'),
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_RUN_ID: '4242',
          GITHUB_WORKFLOW: 'canary',
          GITHUB_API_URL: github.apiUrl,
        },
      );
      const outcome = await execute(settings, io, new AbortController().signal, {
        connect,
        githubClient: { sleep: () => Promise.resolve() },
      });
      expect(outcome.exitCode, log.join('\n')).toBe(0);
      expect(outputs.get('status')).toBe('promoted');

      const comments = github.commentsOn('acme/shop', 42);
      expect(comments).toHaveLength(1);
      // Comment writes only (the token's login is asked with a GraphQL POST first).
      const writes = github.requests.filter(
        (r) => (r.method === 'POST' || r.method === 'PATCH') && r.path.includes('/comments'),
      );
      expect(writes.filter((r) => r.method === 'POST')).toHaveLength(1);
      // Progress after each step, then the final report: the same comment, edited in place.
      expect(writes.filter((r) => r.method === 'PATCH').length).toBeGreaterThanOrEqual(1);
      expect(writes.every((r) => r.status < 300)).toBe(true);
      const body = comments[0]!.body;
      expect(body).toContain('report/podinfo');
      // The step table: one row per step with its weight and verdict.
      expect(body).toContain('### Steps');
      expect(body).toMatch(/^\| 1 \| 10% \|.*\| ✅ pass \|/m);
      expect(body).toMatch(/^\| 2 \| 100% \|.*\| ✅ pass \|/m);
      expect(outputs.get('comment-url')).toBe(
        comments[0] && `${github.serverUrl}/acme/shop/pull/42#issuecomment-${comments[0].id}`,
      );
    } finally {
      await github.close();
    }
    expectHealthyHelpers();
  }, 60_000);

  it('a body server-side apply cannot merge (port without protocol, as 1.20 refuses) fails at once with the API message, not as "unavailable"', async () => {
    requireServer();
    const retries: string[] = [];
    const kube = await createKubeClient({
      kubeconfig: real!.kubeconfig,
      context: 'real',
      logger: {
        info: () => undefined,
        warning: () => undefined,
        error: () => undefined,
        debug: (m) => void retries.push(m),
      },
    });
    // Straight through the client: applyManifests would have filled in protocol: TCP.
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'no-protocol', namespace: 'default' },
      spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80 }] },
    };
    const err = await kube.apply(service, { force: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).code).toBe(500);
    expect((err as KubeApiError).message).toMatch(/omits key field "protocol"/);
    expect(retries.filter((m) => m.startsWith('retrying'))).toEqual([]);
  });
});
