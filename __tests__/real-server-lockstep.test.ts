// Several services in lockstep (input `services`) through the same execute() the action runs,
// against a REAL kube-apiserver v1.20.2 with Istio's real CRD schemas (etcd + apiserver +
// controller-manager on loopback): the two services of fixtures/promote/lockstep (web and api,
// each with its own VirtualService, Deployments and host, one shared Gateway) promoted together,
// rolled back together, and a bad pair refused before anything is written. The embedded mesh's
// data plane routes the load by what the real server stores; a fake kubelet writes Deployment
// status once "pods are ready" (as in real-server-promotion.test.ts). Every stored version of
// both VirtualServices and every Lease event of the namespace is recorded from watches, so the
// tests see the lockstep rule (no route a step ahead) and the fixed Lease order on the server.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
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
  recordWrites,
  type RealConfigSource,
  type WriteRecorder,
} from './support/real-config-source.js';
import { vsWrite, type VsWrite } from './strategy-promote-support.js';

type Json = Record<string, unknown>;

const FIXTURE = join(REPO_ROOT, '__tests__', 'fixtures', 'promote', 'lockstep');
const STATE = 'istio-canary.dev/state';

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
    dataPlane = await startDataPlane({ config: source, seed: 11 });
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

const BASE = {
  interval: '2s',
  steps: '20,50,100',
  // Two services each with its own load at once: kept light, so the suite's latency-sensitive
  // tests running beside these files are not starved of CPU on a 2-core machine.
  'load-rps': '80',
  'load-connections': '8',
  'min-requests': '10',
  // Single runs that expect a healthy canary to pass: the judge's false-alarm budget per
  // window is kept far below what one run could notice (the bad canaries fail 40-100%).
  'false-rollback-rate': '0.01%',
  comment: 'never',
  'rollout-timeout': '20s',
  finalize: 'keep',
};

/** Settings for cluster: existing (the default), where load-url must be given, as users do. */
function settingsOf(inputs: Record<string, string>): Settings {
  const all: Record<string, string> = { 'load-url': dataPlane!.ingressUrl, ...BASE, ...inputs };
  const parsed = parseSettings((name) => all[name] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

/**
 * The lockstep fixture moved to namespace `ns` with hosts web.<ns>.example and api.<ns>.example
 * (so the cases share no VirtualService or host), with pod-template annotations on the api canary.
 */
async function fixtureCopy(ns: string, apiCanary: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'istio-canary-real-lockstep-'));
  temps.push(dir);
  for (const file of await readdir(FIXTURE)) {
    let text = (await readFile(join(FIXTURE, file), 'utf8'))
      .replaceAll('web.example.com', `web.${ns}.example`)
      .replaceAll('api.example.com', `api.${ns}.example`)
      .replaceAll('.test.svc.cluster.local', `.${ns}.svc.cluster.local`)
      .replaceAll('namespace: test', `namespace: ${ns}`)
      .replaceAll('name: test', `name: ${ns}`);
    if (file === 'api.yaml' && Object.keys(apiCanary).length > 0) {
      const anchor = '        version: canary\n    spec:';
      if (!text.includes(anchor)) throw new Error('fixture changed: no canary template labels in api.yaml');
      const lines = Object.entries(apiCanary).map(([k, v]) => `        ${k}: "${v}"`);
      text = text.replace(
        anchor,
        `        version: canary\n      annotations:\n${lines.join('\n')}\n    spec:`,
      );
    }
    await writeFile(join(dir, file), text);
  }
  return dir;
}

/** The `services` input for web and api of the copy in `dir`, in this order. */
function servicesInput(dir: string, ns: string, order: readonly ('web' | 'api')[] = ['web', 'api']): string {
  return order
    .map(
      (s) =>
        `- name: ${s}\n  virtual-service: ${s}\n  manifests: ${join(dir, `${s}.yaml`)}\n  load-host: ${s}.${ns}.example\n`,
    )
    .join('');
}

interface Run {
  exitCode: number | null;
  error: string | null;
  log: string[];
  report: PromotionReport | undefined;
}

async function run(settings: Settings): Promise<Run> {
  const reports: PromotionReport[] = [];
  const reporter = (): Reporter => ({
    progress: () => Promise.resolve(),
    final: (r) => {
      reports.push(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
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
  try {
    const outcome = await execute(settings, io, new AbortController().signal, { connect, reporter });
    return { exitCode: outcome.exitCode, error: null, log, report: reports.at(-1) };
  } catch (err) {
    return { exitCode: null, error: (err as Error).message, log, report: reports.at(-1) };
  }
}

/** GET from the real server: the parsed body, or null on 404; anything else fails the test. */
async function getOrNull(path: string): Promise<Json | null> {
  const r = await apiRequest(real!, 'GET', path);
  if (r.status === 404) return null;
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as Json;
}

const vsPath = (ns: string, name?: string) =>
  `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices${name ? `/${name}` : ''}`;
const leasesPath = (ns: string) => `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`;

async function storedVs(ns: string, name: string): Promise<Json & { metadata: Json }> {
  const vs = await getOrNull(vsPath(ns, name));
  if (!vs) throw new Error(`no VirtualService ${ns}/${name} on the real server`);
  return vs as Json & { metadata: Json };
}

function stateOf(vs: Json): PromotionState | null {
  const raw = ((vs.metadata as Json).annotations as Record<string, string> | undefined)?.[STATE];
  return raw ? (JSON.parse(raw) as PromotionState) : null;
}

/** Every Deployment, Service, DestinationRule and VirtualService of `ns` as `kind/name@resourceVersion`. */
async function storedVersions(ns: string): Promise<string[]> {
  const out: string[] = [];
  for (const [kind, path] of [
    ['Deployment', `/apis/apps/v1/namespaces/${ns}/deployments`],
    ['Service', `/api/v1/namespaces/${ns}/services`],
    ['DestinationRule', `/apis/networking.istio.io/v1/namespaces/${ns}/destinationrules`],
    ['VirtualService', vsPath(ns)],
  ] as const) {
    const list = (await getOrNull(path)) as {
      items: { metadata: { name: string; resourceVersion: string } }[];
    };
    for (const o of list.items) out.push(`${kind}/${o.metadata.name}@${o.metadata.resourceVersion}`);
  }
  return out.sort();
}

async function leaseNames(ns: string): Promise<string[]> {
  const list = (await getOrNull(leasesPath(ns))) as { items: { metadata: { name: string } }[] };
  return list.items.map((l) => l.metadata.name).sort();
}

/** One stored version of a VirtualService, with the resourceVersion the server gave it. */
type Stored = VsWrite & { rv: number };

/** Both VirtualServices' stored versions and the namespace's Lease events, recorded from watches. */
async function watchNamespace(ns: string) {
  const resource = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    path: vsPath(ns),
  };
  const recorders: Record<'web' | 'api', WriteRecorder> = {
    web: recordWrites(real!, resource, 'web'),
    api: recordWrites(real!, resource, 'api'),
  };
  /** Every Lease event (ADDED first), in the order the server delivered them. */
  const leaseEvents: { type: string; name: string; holder: string | null }[] = [];
  const leaseErrors: Error[] = [];
  const leases = listWatch(
    real!,
    { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', path: leasesPath(ns) },
    (type, o) =>
      void leaseEvents.push({
        type,
        name: o.metadata?.name ?? '',
        holder: ((o as { spec?: { holderIdentity?: string } }).spec?.holderIdentity ?? null) || null,
      }),
    (e) => void leaseErrors.push(e),
  );
  await Promise.all([recorders.web.synced, recorders.api.synced, leases.synced]);
  return {
    /** Every stored version of each VirtualService up to the one stored now (nothing lost). */
    async writes(): Promise<Record<'web' | 'api', Stored[]>> {
      const out = { web: [] as Stored[], api: [] as Stored[] };
      for (const name of ['web', 'api'] as const) {
        const rv = String((await storedVs(ns, name)).metadata.resourceVersion);
        await recorders[name].reached(rv);
        expect(recorders[name].errors.map(String)).toEqual([]);
        out[name] = recorders[name].writes().map((o) => ({
          rv: Number((o.metadata as Json | undefined)?.resourceVersion),
          ...vsWrite(o as Json),
        }));
      }
      return out;
    },
    leaseEvents,
    leaseErrors,
    close() {
      recorders.web.close();
      recorders.api.close();
      leases.close();
    },
  };
}

/**
 * The lockstep rule over the two routes' stored versions, in the order the server stored them
 * (on this server a resourceVersion is etcd's revision, one sequence for every object): no
 * route more than one step ahead of the other.
 */
function aheadViolations(raw: Record<'web' | 'api', Stored[]>, steps: readonly number[]): string[] {
  const all = [...raw.web.map((w) => ({ ...w, vs: 'web' })), ...raw.api.map((w) => ({ ...w, vs: 'api' }))];
  if (!all.every((w) => Number.isInteger(w.rv)))
    throw new Error('a stored version without a resourceVersion');
  all.sort((a, b) => a.rv - b.rv);
  const now = new Map([
    ['web', 0],
    ['api', 0],
  ]);
  const bad: string[] = [];
  for (const w of all) {
    now.set(w.vs, w.canary);
    const lo = Math.min(...now.values());
    const hi = Math.max(...now.values());
    const next = steps.find((s) => s > lo) ?? 100;
    if (hi > next) bad.push(`${w.vs} at ${w.canary}% while the lowest is ${lo}%`);
  }
  return bad;
}

function expectHealthyHelpers(): void {
  // The rollouts were waited for on status the fake kubelet wrote, not on anything else.
  expect(kubelet!.patches()).toBeGreaterThan(0);
  expect(kubelet!.errors.map(String)).toEqual([]);
  expect(source!.errors.map(String)).toEqual([]);
}

describe('services in lockstep against a real kube-apiserver v1.20.2', () => {
  it('promotes web and api together: both stored states promoted with 3 passed steps, one Lease per route taken in the fixed order', async () => {
    requireServer();
    const ns = 'lockstep-ok';
    const dir = await fixtureCopy(ns);
    const watched = await watchNamespace(ns);
    try {
      const r = await run(
        settingsOf({
          namespace: ns,
          manifests: `${join(dir, 'namespace.yaml')}\n${join(dir, 'gateway.yaml')}`,
          services: servicesInput(dir, ns),
        }),
      );
      expect(r.error).toBeNull();
      expect(r.exitCode, r.log.join('\n')).toBe(0);
      for (const name of ['web', 'api']) {
        const state = stateOf(await storedVs(ns, name));
        expect(state?.phase, name).toBe('promoted');
        expect(
          state?.history.filter((h) => h.verdict.outcome === 'pass').map((h) => h.weight),
          name,
        ).toEqual([20, 50, 100]);
      }
      expect(r.report?.status).toBe('promoted');
      expect(r.report?.services?.map((s) => [s.name, s.report.status])).toEqual([
        ['web', 'promoted'],
        ['api', 'promoted'],
      ]);
      // One Lease per route object, in the namespace, kept (released) after the run.
      expect(await leaseNames(ns)).toEqual(['istio-canary-api', 'istio-canary-web']);
      // Taken in the fixed order of the route objects (api before web), whatever the list's order.
      const created = watched.leaseEvents.filter((e) => e.type === 'ADDED').map((e) => e.name);
      expect(created).toEqual(['istio-canary-api', 'istio-canary-web']);
      expect(watched.leaseErrors.map(String)).toEqual([]);
      // Both routes reached every weight on the server, never one a step ahead of the other.
      const writes = await watched.writes();
      for (const name of ['web', 'api'] as const)
        expect([...new Set(writes[name].filter((w) => w.canary > 0).map((w) => w.canary))], name).toEqual([
          20, 50, 100,
        ]);
      expect(aheadViolations(writes, [20, 50, 100])).toEqual([]);
      expectHealthyHelpers();
    } finally {
      watched.close();
    }
  }, 90_000);

  it('a bad api canary (error rate 0.5) rolls BOTH back: web stored rolled-back, its reason naming the api failure', async () => {
    requireServer();
    const ns = 'lockstep-bad';
    const dir = await fixtureCopy(ns, { 'sim.istio-canary.dev/error-rate': '0.5' });
    const watched = await watchNamespace(ns);
    try {
      const r = await run(
        settingsOf({
          namespace: ns,
          manifests: `${join(dir, 'namespace.yaml')}\n${join(dir, 'gateway.yaml')}`,
          services: servicesInput(dir, ns),
        }),
      );
      expect(r.error).toBeNull();
      expect(r.exitCode, r.log.join('\n')).toBe(1);
      const api = stateOf(await storedVs(ns, 'api'));
      const web = stateOf(await storedVs(ns, 'web'));
      expect(api?.phase).toBe('rolled-back');
      expect(api?.history.at(-1)?.verdict.outcome).toBe('fail');
      expect(web?.phase).toBe('rolled-back');
      expect(web?.reason).toContain('service api failed');
      const writes = await watched.writes();
      // web never went past the first step, and both routes ended with the canary at 0 on the server.
      expect(Math.max(...writes.web.map((w) => w.canary))).toBeLessThanOrEqual(20);
      for (const name of ['web', 'api'] as const)
        expect(writes[name].at(-1), name).toMatchObject({ canary: 0, stable: 100, phase: 'rolled-back' });
      expect(r.report?.status).toBe('rolled-back');
      expect(r.report?.failure).toMatch(/api: /);
      expectHealthyHelpers();
    } finally {
      watched.close();
    }
  }, 90_000);

  it('two services naming one VirtualService (one by namespace, one by the namespace input) are refused by name, nothing written', async () => {
    requireServer();
    const ns = 'lockstep-clash';
    const dir = await fixtureCopy(ns);
    // The route already lives on the server, as in a cluster the action has not touched yet.
    for (const file of ['namespace.yaml', 'web.yaml']) {
      for (const doc of loadAll(await readFile(join(dir, file), 'utf8')) as Json[]) {
        const kind = String(doc.kind);
        const path =
          kind === 'Namespace'
            ? '/api/v1/namespaces'
            : kind === 'Deployment'
              ? `/apis/apps/v1/namespaces/${ns}/deployments`
              : kind === 'Service'
                ? `/api/v1/namespaces/${ns}/services`
                : `/apis/networking.istio.io/v1/namespaces/${ns}/${kind.toLowerCase()}s`;
        const res = await apiRequest(real!, 'POST', path, { contentType: 'application/json', data: doc });
        expect(res.status, res.body).toBe(201);
      }
    }
    const before = await storedVs(ns, 'web');
    const objectsBefore = await storedVersions(ns);
    expect(objectsBefore).toHaveLength(5);
    // Both list the route's manifests, as a person copying an entry would: nothing is applied either.
    const web = join(dir, 'web.yaml');
    const r = await run(
      settingsOf({
        namespace: ns,
        services:
          `- name: web\n  virtual-service: web\n  namespace: ${ns}\n  manifests: ${web}\n` +
          `- name: web-again\n  virtual-service: web\n  manifests: ${web}\n`,
      }),
    );
    // No service got as far as a report: the run throws the named error (the action fails with it).
    expect(r.report).toBeUndefined();
    expect(r.error, r.log.join('\n')).toContain(
      `services web and web-again both step VirtualService ${ns}/web: its state and Lease are per route object`,
    );
    const after = await storedVs(ns, 'web');
    // Nothing written: no state annotation, the same stored version, and no Lease at all.
    expect(stateOf(after)).toBeNull();
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(await storedVersions(ns)).toEqual(objectsBefore);
    expect(await leaseNames(ns)).toEqual([]);
  }, 60_000);
});
