// prepareCluster/cleanupCluster for kind and minikube with stub executables served by the
// local artifact server: the exact command lines, the generated configs, the URLs, the
// created-cluster record, and cleanup only of a cluster this action created.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../src/cluster/exec.js';
import {
  CREATED_CLUSTER_STATE,
  cleanupCluster,
  kubeconfigPathFor,
  prepareCluster,
  shouldDeleteCluster,
  type ClusterDeps,
} from '../src/cluster/index.js';
import { KIND_NODE_IMAGE } from '../src/cluster/kind.js';
import type { Logger, StateStore } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startArtifactServer, type ArtifactServer } from './support/artifact-server.js';
import {
  FAKE_KUBECONFIG,
  FORWARD_PORT,
  MINIKUBE_IP,
  VERSIONS,
  baseUrls,
  buildRelease,
  readLog,
  type Release,
  type StubOptions,
} from './fixtures/cluster/stubs.js';

class MemoryState implements StateStore {
  readonly values = new Map<string, string>();
  save(name: string, value: string): void {
    this.values.set(name, value);
  }
  get(name: string): string {
    return this.values.get(name) ?? '';
  }
}

const logger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    warning: (m) => void lines.push(`warning: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    debug: () => undefined,
  };
};

function settingsFor(inputs: Record<string, string>, env: Record<string, string> = {}): Settings {
  const r = parseSettings((n) => inputs[n] ?? '', { RUNNER_TEMP: work, ...env });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}

let root: string;
let work: string;
let log: string;
let server: ArtifactServer;
let release: Release;
const failing = new Map<string, { server: ArtifactServer; release: Release; log: string }>();

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'cluster-create-'));
  log = path.join(root, 'argv.log');
  release = buildRelease(path.join(root, 'release'), log);
  server = await startArtifactServer(release.files);
});

afterAll(async () => {
  await server.close();
  for (const f of failing.values()) await f.server.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  // A fresh tool cache, work folder and log per test: each one downloads and runs anew.
  work = mkdtempSync(path.join(root, 'work-'));
  process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(root, 'cache-'));
  process.env.RUNNER_TEMP = work;
  rmSync(log, { force: true });
  rmSync(`${log}.stdin`, { force: true });
});

function deps(
  state: StateStore,
  r: Release = release,
  s: ArtifactServer = server,
): ClusterDeps & { logger: ReturnType<typeof logger> } {
  return {
    // Nothing on PATH: every tool comes from the artifact server through the tool cache.
    runner: createCommandRunner({ baseEnv: { PATH: path.join(root, 'nothing-here') } }),
    state,
    logger: logger(),
    toolOptions: {
      baseUrls: baseUrls(s.url),
      pins: r.pins,
      arch: 'amd64',
      downloadDir: work,
      retry: { baseDelayMs: 1 },
    },
    clusterOptions: { readyTimeoutSeconds: 120 },
  };
}

async function failingRelease(
  key: string,
  o: StubOptions,
): Promise<{ release: Release; server: ArtifactServer; log: string }> {
  const existing = failing.get(key);
  if (existing) return existing;
  const flog = path.join(root, `${key}.log`);
  const r = buildRelease(path.join(root, key), flog, o);
  const entry = { release: r, server: await startArtifactServer(r.files), log: flog };
  failing.set(key, entry);
  return entry;
}

const cache = (): string => process.env.RUNNER_TOOL_CACHE!;
const bin = (tool: string, version: string, name = tool): string =>
  path.join(cache(), tool, version, 'amd64', name);

describe('kind', () => {
  it('creates the cluster, installs Istio and Prometheus with the exact command lines, and gives the URLs', async () => {
    const state = new MemoryState();
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'ci',
      namespace: 'test',
      'istio-version': VERSIONS.istio,
    });
    const d = deps(state);
    const conn = await prepareCluster(settings, d);
    try {
      const kc = kubeconfigPathFor(work, 'ci');
      const kind = bin('kind', '0.32.0');
      const kubectl = bin('kubectl', '1.36.3');
      const istioDir = path.join(cache(), 'istio', '1.30.3', 'amd64');
      const cfg = path.join(work, 'istio-canary-ci-kind.yaml');
      const overlay = path.join(work, 'istio-canary-ci-istio.yaml');
      const k = `kubectl --kubeconfig ${kc} --context kind-ci`;
      expect(readLog(log)).toEqual([
        `kind create cluster --name ci --config ${cfg} --kubeconfig ${kc} --wait 180s`,
        `istioctl install -f ${overlay} --set profile=demo -y --kubeconfig ${kc} --context kind-ci`,
        `${k} rollout status -n istio-system deployment/istiod --timeout=120s`,
        `${k} rollout status -n istio-system deployment/istio-ingressgateway --timeout=120s`,
        `${k} apply -f -`,
        `${k} label namespace test istio-injection=enabled --overwrite`,
        `${k} apply -f ${path.join(istioDir, 'samples', 'addons', 'prometheus.yaml')}`,
        `${k} rollout status -n istio-system deployment/prometheus --timeout=120s`,
        `${k} port-forward -n istio-system svc/prometheus :9090 --address 127.0.0.1`,
      ]);
      expect(readFileSync(`${log}.stdin`, 'utf8')).toBe(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: test\n',
      );
      expect(existsSync(kind) && existsSync(kubectl)).toBe(true);

      expect(conn).toMatchObject({
        created: true,
        context: 'kind-ci',
        loadUrl: 'http://127.0.0.1:8080',
        prometheusUrl: `http://127.0.0.1:${FORWARD_PORT}`,
        kubeconfig: FAKE_KUBECONFIG,
      });
      expect(JSON.parse(state.get(CREATED_CLUSTER_STATE))).toEqual({
        provider: 'kind',
        name: 'ci',
        version: 'v0.32.0',
        kubeconfigPath: kc,
      });

      const config = load(readFileSync(cfg, 'utf8')) as {
        kind: string;
        apiVersion: string;
        name: string;
        nodes: {
          role: string;
          image: string;
          kubeadmConfigPatches: string[];
          extraPortMappings: Record<string, unknown>[];
        }[];
      };
      expect(config).toMatchObject({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', name: 'ci' });
      const node = config.nodes[0]!;
      expect(node.image).toBe(KIND_NODE_IMAGE);
      expect(node.image).toMatch(/^kindest\/node:v1\.36\.1@sha256:[0-9a-f]{64}$/);
      expect(node.extraPortMappings).toEqual([
        { containerPort: 31080, hostPort: 8080, listenAddress: '127.0.0.1', protocol: 'TCP' },
      ]);
      for (const patch of node.kubeadmConfigPatches) {
        const doc = load(patch) as Record<string, unknown>;
        expect(doc).not.toHaveProperty('apiVersion');
        expect(doc).toMatchObject({
          kind: 'InitConfiguration',
          nodeRegistration: { kubeletExtraArgs: [{ name: 'node-labels', value: 'ingress-ready=true' }] },
        });
      }
      const op = load(readFileSync(overlay, 'utf8')) as {
        spec: { components: { ingressGateways: { k8s: { service: unknown } }[] } };
      };
      expect(op.spec.components.ingressGateways[0]!.k8s.service).toMatchObject({
        type: 'NodePort',
        ports: expect.arrayContaining([
          { name: 'http2', port: 80, targetPort: 8080, nodePort: 31080 },
        ]) as unknown,
      });
    } finally {
      await conn.close();
    }
  });

  it('stops the Prometheus port-forward on close()', async () => {
    const settings = settingsFor({ cluster: 'kind', 'cluster-name': 'pf', 'istio-version': VERSIONS.istio });
    const conn = await prepareCluster(settings, deps(new MemoryState()));
    const pid = Number(readFileSync(`${log}.port-forward.pid`, 'utf8'));
    expect(() => process.kill(pid, 0)).not.toThrow();
    await conn.close();
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('skips Prometheus and its port-forward when install-prometheus is false', async () => {
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'np',
      'install-prometheus': 'false',
      'istio-profile': 'minimal',
      'istio-version': VERSIONS.istio,
    });
    const conn = await prepareCluster(settings, deps(new MemoryState()));
    await conn.close();
    expect(conn.prometheusUrl).toBeNull();
    const lines = readLog(log);
    expect(lines.some((l) => l.includes('prometheus'))).toBe(false);
    expect(lines.find((l) => l.startsWith('istioctl'))).toContain('--set profile=minimal -y');
  });

  it('records the cluster before creating it, so a failed create is still cleaned up', async () => {
    const f = await failingRelease('kind-create-fails', { fail: { kind: ['create'] } });
    const state = new MemoryState();
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'broken',
      'istio-version': VERSIONS.istio,
    });
    const err = await prepareCluster(settings, deps(state, f.release, f.server)).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /kind create cluster --name broken .* exited with 1:\nkind create: injected failure/s,
    );
    expect(JSON.parse(state.get(CREATED_CLUSTER_STATE))).toMatchObject({ provider: 'kind', name: 'broken' });
  });

  it('fails with istioctl’s error and applies no Istio resource when the install fails', async () => {
    const f = await failingRelease('istio-install-fails', { fail: { istioctl: ['install'] } });
    rmSync(f.log, { force: true });
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'noistio',
      'istio-version': VERSIONS.istio,
    });
    const err = await prepareCluster(settings, deps(new MemoryState(), f.release, f.server)).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain('istioctl install: injected failure');
    expect(readLog(f.log).filter((l) => l.startsWith('kubectl'))).toEqual([]);
  });
});

describe('minikube', () => {
  it('starts minikube with the docker driver and points load at the node address', async () => {
    const state = new MemoryState();
    const settings = settingsFor({
      cluster: 'minikube',
      'cluster-name': 'mk',
      'istio-version': VERSIONS.istio,
    });
    const conn = await prepareCluster(settings, deps(state));
    await conn.close();
    const kc = kubeconfigPathFor(work, 'mk');
    const lines = readLog(log);
    expect(lines.slice(0, 4)).toEqual([
      'minikube start --profile mk --driver=docker --wait=all --interactive=false',
      `KUBECONFIG=${kc}`,
      'minikube ip --profile mk',
      `istioctl install -f ${path.join(work, 'istio-canary-mk-istio.yaml')} --set profile=demo -y --kubeconfig ${kc} --context mk`,
    ]);
    expect(lines).toContain(
      `kubectl --kubeconfig ${kc} --context mk label namespace default istio-injection=enabled --overwrite`,
    );
    expect(conn).toMatchObject({
      created: true,
      context: 'mk',
      loadUrl: `http://${MINIKUBE_IP}:31080`,
      kubeconfig: FAKE_KUBECONFIG,
    });
    expect(JSON.parse(state.get(CREATED_CLUSTER_STATE))).toMatchObject({
      provider: 'minikube',
      name: 'mk',
      version: 'v1.38.1',
    });
  });
});

describe('cleanupCluster', () => {
  const record = (provider: 'kind' | 'minikube', name: string): MemoryState => {
    const s = new MemoryState();
    s.save(
      CREATED_CLUSTER_STATE,
      JSON.stringify({
        provider,
        name,
        version: VERSIONS[provider],
        kubeconfigPath: kubeconfigPathFor(work, name),
      }),
    );
    return s;
  };

  it('decides by cleanup-cluster and the runner kind', () => {
    expect(shouldDeleteCluster('auto', true)).toBe(false);
    expect(shouldDeleteCluster('auto', false)).toBe(true);
    expect(shouldDeleteCluster('always', true)).toBe(true);
    expect(shouldDeleteCluster('never', false)).toBe(false);
  });

  it('deletes nothing when this action created no cluster', async () => {
    const d = deps(new MemoryState());
    const out = await cleanupCluster(settingsFor({ cluster: 'kind', 'cleanup-cluster': 'always' }), d);
    expect(out).toEqual({ deleted: false, reason: 'not-created' });
    expect(readLog(log)).toEqual([]);
  });

  it('skips deletion on a GitHub-hosted runner by default', async () => {
    const d = deps(record('kind', 'ci'));
    const out = await cleanupCluster(
      settingsFor({ cluster: 'kind' }, { RUNNER_ENVIRONMENT: 'github-hosted' }),
      d,
    );
    expect(out).toEqual({ deleted: false, reason: 'github-hosted' });
    expect(readLog(log)).toEqual([]);
    expect(d.logger.lines.join('\n')).toContain('cleanup-cluster: always');
  });

  it('deletes the created kind cluster on a GitHub-hosted runner when cleanup-cluster is always', async () => {
    const d = deps(record('kind', 'ci'));
    const out = await cleanupCluster(
      settingsFor({ cluster: 'kind', 'cleanup-cluster': 'always' }, { RUNNER_ENVIRONMENT: 'github-hosted' }),
      d,
    );
    expect(out).toEqual({ deleted: true, name: 'ci' });
    expect(readLog(log)).toEqual([
      `kind delete cluster --name ci --kubeconfig ${kubeconfigPathFor(work, 'ci')}`,
    ]);
  });

  it('deletes a created minikube cluster on a self-hosted runner (auto)', async () => {
    const d = deps(record('minikube', 'mk'));
    const out = await cleanupCluster(
      settingsFor({ cluster: 'minikube' }, { RUNNER_ENVIRONMENT: 'self-hosted' }),
      d,
    );
    expect(out).toEqual({ deleted: true, name: 'mk' });
    expect(readLog(log)).toEqual([
      'minikube delete --profile mk',
      `KUBECONFIG=${kubeconfigPathFor(work, 'mk')}`,
    ]);
  });

  it('never deletes with cleanup-cluster: never', async () => {
    const d = deps(record('kind', 'ci'));
    const out = await cleanupCluster(settingsFor({ cluster: 'kind', 'cleanup-cluster': 'never' }), d);
    expect(out).toEqual({ deleted: false, reason: 'never' });
    expect(readLog(log)).toEqual([]);
  });
});
