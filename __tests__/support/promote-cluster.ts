// The embedded mesh's API server for the promotion tests, plus the small real implementations
// (settings from inputs, a recording reporter and logger) that runPromotion receives.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiServer, RequestLogEntry } from '../../src/sim/api/index.js';
import { startMesh, type Mesh } from '../../src/sim/mesh.js';
import { createKubeClient, type KubeClient } from '../../src/kube/client.js';
import { parseSettings, type Settings } from '../../src/settings.js';
import type { Logger, Reporter } from '../../src/ports.js';
import type { PromotionReport } from '../../src/model.js';

export const PROMOTE_FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'promote');

export interface TestCluster {
  mesh: Mesh;
  api: ApiServer;
  kubeconfig: string;
  kube: KubeClient;
  /** Writes (create/update/patch/delete, not dry-run) since the log was last cleared, optionally of one resource. */
  writes(resource?: string): RequestLogEntry[];
  close(): Promise<void>;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export function isWrite(e: RequestLogEntry): boolean {
  return WRITE_VERBS.has(e.verb) && e.query.dryRun !== 'All';
}

export async function startTestCluster(
  options: { seed?: number; readinessDelayMs?: number } = {},
): Promise<TestCluster> {
  const mesh = await startMesh({ readinessDelayMs: options.readinessDelayMs ?? 10, seed: options.seed ?? 7 });
  const { api, kubeconfig } = mesh;
  const kube = await createKubeClient({
    kubeconfig,
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 1500, attempts: 10 },
  });
  return {
    mesh,
    api,
    kubeconfig,
    kube,
    writes: (resource) => api.requests.filter((e) => isWrite(e) && (!resource || e.resource === resource)),
    close: () => mesh.close(),
  };
}

/**
 * A test file's mesh and a scratch folder holding a copy of the flask fixture
 * (flask/canary-deployment.yml), for tests that rewrite the manifests.
 */
export async function startFlaskCluster(
  seed: number,
  prefix: string,
): Promise<{ cluster: TestCluster; dir: string }> {
  const cluster = await startTestCluster({ seed });
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await mkdir(path.join(dir, 'flask'));
  await copyFile(
    path.join(PROMOTE_FIXTURES, 'flask', 'canary-deployment.yml'),
    path.join(dir, 'flask', 'canary-deployment.yml'),
  );
  return { cluster, dir };
}

export async function stopFlaskCluster(h: { cluster?: TestCluster; dir?: string }): Promise<void> {
  await h.cluster?.close();
  if (h.dir) await rm(h.dir, { recursive: true, force: true });
}

let namespaces = 0;
/** A fresh namespace `<prefix>-<n>` on the cluster. */
export async function newNamespace(cluster: TestCluster, prefix: string): Promise<string> {
  const name = `${prefix}-${++namespaces}`;
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

/** Settings as the action would parse them from these inputs, with a short analysis window. */
export function settingsFor(
  inputs: Record<string, string>,
  options: { intervalMs?: number; runId?: string; repository?: string } = {},
): Settings {
  const result = parseSettings((name) => ({ cluster: 'sim', ...inputs })[name] ?? '', {
    GITHUB_REPOSITORY: options.repository ?? 'acme/shop',
    GITHUB_RUN_ID: options.runId ?? '1001',
  });
  if (!result.ok)
    throw new Error(`bad test inputs: ${result.errors.map((e) => `${e.input}: ${e.message}`).join('; ')}`);
  // The action's minimum window is 1 s; tests use shorter windows through the same field.
  return { ...result.settings, intervalMs: options.intervalMs ?? 150 };
}

export class RecordingReporter implements Reporter {
  readonly progressReports: PromotionReport[] = [];
  finalReport: PromotionReport | null = null;
  progress(report: PromotionReport): Promise<void> {
    this.progressReports.push(structuredClone(report));
    return Promise.resolve();
  }
  final(report: PromotionReport): Promise<{ commentUrl: string | null; reportJsonPath: string | null }> {
    this.finalReport = structuredClone(report);
    return Promise.resolve({ commentUrl: null, reportJsonPath: null });
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  constructor(private readonly echo = false) {}
  private add(level: string, m: string) {
    this.lines.push(`${level}: ${m}`);
    if (this.echo) console.log(`${level}: ${m}`);
  }
  info(m: string) {
    this.add('info', m);
  }
  warning(m: string) {
    this.add('warning', m);
  }
  error(m: string) {
    this.add('error', m);
  }
  debug(m: string) {
    this.add('debug', m);
  }
}

/** The VirtualService as stored, with the canary/stable weights of its first http route and the state. */
export function storedVs(api: ApiServer, namespace: string, name: string) {
  const vs = api.object('networking.istio.io', 'virtualservices', namespace, name);
  const annotations =
    (vs?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {};
  const raw = annotations['istio-canary.dev/state'];
  const route =
    ((
      vs?.spec as
        | { http?: { route?: { destination: { subset: string }; weight?: number; headers?: unknown }[] }[] }
        | undefined
    )?.http ?? [])[0]?.route ?? [];
  const weights = Object.fromEntries(route.map((r) => [r.destination.subset, r.weight ?? 0]));
  return {
    vs,
    weights,
    route,
    state: raw ? (JSON.parse(raw) as import('../../src/model.js').PromotionState) : null,
  };
}
