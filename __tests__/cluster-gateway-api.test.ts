// The Gateway API CRDs in clusters: a created kind/minikube cluster whose manifests write
// gateway.networking.k8s.io resources gets the vendored standard channel after Istio (exact
// kubectl command lines from the stub tools served by the local artifact server, the bundle on
// stdin checked against its pinned SHA-256), not when the cluster has them already, never a
// tampered bundle; `cluster: existing` is never changed: a missing CRD is named (the embedded
// mesh's API server, with the CRD deleted).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../src/cluster/exec.js';
import {
  GATEWAY_API_BUNDLE,
  GatewayApiBundleError,
  GatewayApiCrdsMissingError,
  gatewayApiCrdsWritten,
  gatewayApiDryRunMessage,
  installGatewayApiCrds,
  loadGatewayApiBundle,
} from '../src/cluster/gateway-api.js';
import { kubeconfigPathFor, prepareCluster, type ClusterDeps } from '../src/cluster/index.js';
import type { Logger, StateStore } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { startArtifactServer, type ArtifactServer } from './support/artifact-server.js';
import { VERSIONS, baseUrls, buildRelease, readLog, type Release } from './fixtures/cluster/stubs.js';

const state = (): StateStore => {
  const values = new Map<string, string>();
  return { save: (n, v) => void values.set(n, v), get: (n) => values.get(n) ?? '' };
};
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

const HTTPROUTE_WRITES = [
  { group: 'apps', resource: 'deployments', namespace: null },
  { group: 'gateway.networking.k8s.io', resource: 'httproutes', namespace: null },
  { group: 'gateway.networking.k8s.io', resource: 'gateways', namespace: null },
];
const ISTIO_WRITES = [{ group: 'networking.istio.io', resource: 'virtualservices', namespace: null }];
const CRDS = GATEWAY_API_BUNDLE.crds;

let root: string;
let work: string;
let log: string;
let release: Release;
let server: ArtifactServer;
/** A release whose kubectl says every Gateway API CRD is there already. */
let present: { release: Release; server: ArtifactServer; log: string };

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'cluster-gateway-'));
  log = path.join(root, 'argv.log');
  release = buildRelease(path.join(root, 'release'), log);
  server = await startArtifactServer(release.files);
  const plog = path.join(root, 'present.log');
  const r = buildRelease(path.join(root, 'present'), plog, {
    kubectlGet: CRDS.map((c) => `customresourcedefinition.apiextensions.k8s.io/${c}\n`).join(''),
  });
  present = { release: r, server: await startArtifactServer(r.files), log: plog };
});

afterAll(async () => {
  await server.close();
  await present.server.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  work = mkdtempSync(path.join(root, 'work-'));
  process.env.RUNNER_TOOL_CACHE = mkdtempSync(path.join(root, 'cache-'));
  process.env.RUNNER_TEMP = work;
  for (const l of [log, present.log]) {
    rmSync(l, { force: true });
    rmSync(`${l}.stdin`, { force: true });
  }
});

function settingsFor(inputs: Record<string, string>): Settings {
  const r = parseSettings((n) => inputs[n] ?? '', { RUNNER_TEMP: work });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}

function deps(
  writes: ClusterDeps['writes'],
  r: Release = release,
  s: ArtifactServer = server,
): ClusterDeps & { logger: ReturnType<typeof logger> } {
  return {
    runner: createCommandRunner({ baseEnv: { PATH: path.join(root, 'nothing-here') } }),
    state: state(),
    logger: logger(),
    writes,
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('created clusters', () => {
  it('kind: installs the vendored CRDs after Istio and Prometheus, server-side, and waits for Established', async () => {
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'gw',
      namespace: 'test',
      'istio-version': VERSIONS.istio,
    });
    const d = deps(HTTPROUTE_WRITES);
    const conn = await prepareCluster(settings, d);
    await conn.close();
    const k = `kubectl --kubeconfig ${kubeconfigPathFor(work, 'gw')} --context kind-gw`;
    const lines = readLog(log);
    const at = lines.indexOf(`${k} get crd ${CRDS.join(' ')} --ignore-not-found -o name`);
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.includes('deployment/prometheus')));
    expect(lines.slice(at)).toEqual([
      `${k} get crd ${CRDS.join(' ')} --ignore-not-found -o name`,
      `${k} apply --server-side --force-conflicts --field-manager=istio-canary -f -`,
      `${k} wait --for=condition=Established ${CRDS.map((c) => `crd/${c}`).join(' ')} --timeout=120s`,
      `${k} port-forward -n istio-system svc/prometheus :9090 --address 127.0.0.1`,
    ]);
    // stdin: the namespace manifest, then exactly the pinned bundle.
    const stdin = readFileSync(`${log}.stdin`, 'utf8');
    const bundle = stdin.slice(stdin.indexOf('apiVersion: apiextensions.k8s.io/v1'));
    expect(sha256(bundle)).toBe(GATEWAY_API_BUNDLE.sha256);
    expect(bundle).toContain('gateway.networking.k8s.io/bundle-version: v1.6.1');
    expect(bundle.match(/^kind: CustomResourceDefinition$/gm)).toHaveLength(CRDS.length);
    for (const crd of CRDS) expect(bundle).toContain(`\n  name: ${crd}\n`);
    expect(d.logger.lines.join('\n')).toContain(
      'Installing the Gateway API CRDs v1.6.1 (standard channel; missing: gatewayclasses',
    );
  });

  it('minikube: the same, with its context', async () => {
    const settings = settingsFor({
      cluster: 'minikube',
      'cluster-name': 'mgw',
      'install-prometheus': 'false',
      'istio-version': VERSIONS.istio,
    });
    const conn = await prepareCluster(settings, deps(HTTPROUTE_WRITES));
    await conn.close();
    const k = `kubectl --kubeconfig ${kubeconfigPathFor(work, 'mgw')} --context mgw`;
    expect(readLog(log).slice(-3)).toEqual([
      `${k} get crd ${CRDS.join(' ')} --ignore-not-found -o name`,
      `${k} apply --server-side --force-conflicts --field-manager=istio-canary -f -`,
      `${k} wait --for=condition=Established ${CRDS.map((c) => `crd/${c}`).join(' ')} --timeout=120s`,
    ]);
  });

  it('manifests without Gateway API resources: nothing about it runs', async () => {
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'vs',
      'install-prometheus': 'false',
      'istio-version': VERSIONS.istio,
    });
    const conn = await prepareCluster(settings, deps(ISTIO_WRITES));
    await conn.close();
    expect(readLog(log).filter((l) => / get crd | --server-side | wait /.test(l))).toEqual([]);
  });

  it('a cluster that has every CRD already: asked, nothing applied', async () => {
    const settings = settingsFor({
      cluster: 'kind',
      'cluster-name': 'has',
      'install-prometheus': 'false',
      'istio-version': VERSIONS.istio,
    });
    const d = deps(HTTPROUTE_WRITES, present.release, present.server);
    const conn = await prepareCluster(settings, d);
    await conn.close();
    const lines = readLog(present.log);
    expect(lines.filter((l) => l.includes(' get crd '))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('--server-side') || l.includes(' wait '))).toEqual([]);
    expect(d.logger.lines).toContain(
      'The cluster has the Gateway API CRDs already (10); not installing the vendored v1.6.1',
    );
  });

  it('a bundle that is not the pinned one is refused before kubectl apply', async () => {
    const yaml = await loadGatewayApiBundle();
    const tampered = gzipSync(yaml.replace('maxLength: 253', 'maxLength: 254')).toString('base64');
    await expect(loadGatewayApiBundle(() => Promise.resolve(tampered))).rejects.toThrow(
      GatewayApiBundleError,
    );
    await expect(loadGatewayApiBundle(() => Promise.resolve('bm90IGd6aXA='))).rejects.toThrow(
      /do not decompress/,
    );
    const kubectl = path.join(root, 'release', 'release-bins', 'kubectl');
    const error = await installGatewayApiCrds({
      runner: createCommandRunner(),
      logger: logger(),
      kubectl,
      kubeconfigPath: '/nowhere',
      context: 'kind-x',
      timeoutSeconds: 5,
      source: () => Promise.resolve(tampered),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        `have SHA-256 [0-9a-f]{64}, not the pinned ${GATEWAY_API_BUNDLE.sha256} of v1\\.6\\.1: nothing was applied`,
      ),
    );
    expect(readLog(log).filter((l) => l.includes('--server-side'))).toEqual([]);
  });

  it('the dry run says what it would install (created clusters only)', () => {
    expect(gatewayApiDryRunMessage('kind', HTTPROUTE_WRITES)).toBe(
      '[dry-run] would install Gateway API CRDs v1.6.1 (standard channel, vendored) after Istio, since the manifests write httproutes.gateway.networking.k8s.io, gateways.gateway.networking.k8s.io',
    );
    expect(gatewayApiDryRunMessage('minikube', ISTIO_WRITES)).toBeNull();
    expect(gatewayApiDryRunMessage('existing', HTTPROUTE_WRITES)).toBeNull();
    expect(gatewayApiCrdsWritten([...HTTPROUTE_WRITES, ...HTTPROUTE_WRITES])).toHaveLength(2);
  });
});

describe('cluster: existing (the embedded mesh API server)', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh({ seed: 11 });
  });
  afterAll(async () => {
    await mesh.close();
  });
  const existing = () => {
    const r = parseSettings(
      (n) =>
        ({
          cluster: 'existing',
          kubeconfig: mesh.kubeconfig,
          'load-url': mesh.ingressUrl,
          namespace: 'default',
        })[n] ?? '',
      {},
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.settings;
  };

  it('connects when the CRDs are served; a deleted one is named, nothing installed', async () => {
    const d = { runner: createCommandRunner(), state: state(), logger: logger(), writes: HTTPROUTE_WRITES };
    const ok = await prepareCluster(existing(), d);
    await ok.close();
    const kc = new k8s.KubeConfig();
    kc.loadFromString(mesh.kubeconfig);
    await kc
      .makeApiClient(k8s.ApiextensionsV1Api)
      .deleteCustomResourceDefinition({ name: 'httproutes.gateway.networking.k8s.io' });
    const error = await prepareCluster(existing(), d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayApiCrdsMissingError);
    expect((error as GatewayApiCrdsMissingError).missing).toEqual(['httproutes.gateway.networking.k8s.io']);
    expect((error as Error).message).toMatch(
      /^Gateway API CRDs missing on http:\/\/127\.0\.0\.1:\d+: httproutes\.gateway\.networking\.k8s\.io \(the manifests write them\)\. Install them first: `kubectl apply --server-side -f https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/releases\/download\/v1\.6\.1\/standard-install\.yaml`; istio-canary installs them only in clusters it creates/,
    );
    // Manifests without Gateway API resources do not need it.
    const vs = await prepareCluster(existing(), { ...d, writes: ISTIO_WRITES });
    await vs.close();
  });
});
