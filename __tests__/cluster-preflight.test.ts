// cluster: existing — preflight against a loopback API: an unreachable server named with its
// URL, missing Istio CRDs named, RBAC denials naming every missing verb and resource; and the
// example Role grants exactly what preflight checks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../src/cluster/exec.js';
import { prepareCluster } from '../src/cluster/index.js';
import { PreflightError, preflight, rbacMessage, requiredPermissions } from '../src/kube/preflight.js';
import type { Logger, StateStore } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { kubeconfigFor, startFakeApi, type FakeApi } from './fixtures/cluster/fake-apiserver.js';

const quiet: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
const noState: StateStore = { save: () => undefined, get: () => '' };

let dir: string;
const apis: FakeApi[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cluster-preflight-'));
});
afterAll(async () => {
  for (const a of apis) await a.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(o: Parameters<typeof startFakeApi>[0] = {}): Promise<FakeApi> {
  const a = await startFakeApi(o);
  apis.push(a);
  return a;
}

function settingsFor(inputs: Record<string, string>, env: Record<string, string> = {}): Settings {
  // load-url: the loadgen is the metrics source, so no prometheus-url is required.
  const r = parseSettings((n) => ({ 'load-url': 'http://127.0.0.1:1', ...inputs })[n] ?? '', env);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('preflight', () => {
  it('passes on a reachable cluster with Istio CRDs and every permission', async () => {
    const a = await api();
    const r = await preflight({
      kubeconfig: a.kubeconfig(),
      context: null,
      namespace: 'test',
      preview: false,
    });
    expect(r).toEqual({ server: a.url, context: 'fake', istioVersion: 'networking.istio.io/v1' });
    // one review per verb and resource, in the namespace
    expect(a.reviews).toHaveLength(requiredPermissions(false).reduce((n, p) => n + p.verbs.length, 0));
    expect(a.reviews.every((rv) => rv.namespace === 'test')).toBe(true);
  });

  it('names the server URL and the connection error when the API is unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await preflight({
      kubeconfig: kubeconfigFor(url),
      context: null,
      namespace: 'default',
      preview: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreflightError);
    expect((err as PreflightError).problem).toBe('unreachable');
    expect((err as Error).message).toContain(
      `the Kubernetes API server ${url} (context "fake") could not be reached`,
    );
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('says the credentials were rejected on 401', async () => {
    const a = await api({ status: 401 });
    await expect(
      preflight({ kubeconfig: a.kubeconfig(), context: null, namespace: 'x', preview: false }),
    ).rejects.toThrow(/rejected the credentials \(401 Unauthorized\)/);
  });

  it('names both Istio CRDs and how to install Istio when networking.istio.io is not served', async () => {
    const a = await api({ istio: false });
    const err = (await preflight({
      kubeconfig: a.kubeconfig(),
      context: null,
      namespace: 'x',
      preview: false,
    }).catch((e: unknown) => e)) as PreflightError;
    expect(err.problem).toBe('istio-crds');
    expect(err.missing).toEqual([
      'virtualservices.networking.istio.io',
      'destinationrules.networking.istio.io',
    ]);
    expect(err.message).toContain('istioctl install --set profile=demo -y');
  });

  it('names the one Istio CRD that is missing', async () => {
    const a = await api({ istioKinds: ['VirtualService', 'Gateway'] });
    const err = (await preflight({
      kubeconfig: a.kubeconfig(),
      context: null,
      namespace: 'x',
      preview: false,
    }).catch((e: unknown) => e)) as PreflightError;
    expect(err.missing).toEqual(['destinationrules.networking.istio.io']);
    expect(err.message).toMatch(
      /^Istio CRDs missing on http:\/\/127\.0\.0\.1:\d+: destinationrules\.networking\.istio\.io \(/,
    );
  });

  it('names every missing verb and resource from SelfSubjectAccessReviews', async () => {
    const a = await api({
      deny: [
        'patch networking.istio.io virtualservices',
        'update networking.istio.io virtualservices',
        'create coordination.k8s.io leases',
      ],
    });
    const err = (await preflight({
      kubeconfig: a.kubeconfig('ci'),
      context: 'ci',
      namespace: 'test',
      preview: false,
    }).catch((e: unknown) => e)) as PreflightError;
    expect(err.problem).toBe('rbac');
    expect(err.missing).toEqual([
      'patch virtualservices.networking.istio.io',
      'update virtualservices.networking.istio.io',
      'create leases.coordination.k8s.io',
    ]);
    expect(err.message).toBe(
      [
        'RBAC: the credentials of context "ci" are missing permissions istio-canary needs:',
        '  - patch, update on virtualservices.networking.istio.io in namespace test',
        '  - create on leases.coordination.k8s.io in namespace test',
        'Grant them with a Role and RoleBinding like examples/rbac/role.yaml (and examples/rbac/preview-clusterrole.yaml for previews).',
      ].join('\n'),
    );
  });

  it('checks namespace get/create cluster-wide only for previews', async () => {
    const a = await api({ deny: ['create  namespaces'] });
    await expect(
      preflight({ kubeconfig: a.kubeconfig(), context: null, namespace: 'pr-7', preview: false }),
    ).resolves.toBeDefined();
    const err = (await preflight({
      kubeconfig: a.kubeconfig(),
      context: null,
      namespace: 'pr-7',
      preview: true,
    }).catch((e: unknown) => e)) as PreflightError;
    expect(err.message).toContain('  - create on namespaces (cluster-wide)');
    expect(a.reviews.find((r) => r.resource === 'namespaces')?.namespace).toBeUndefined();
  });

  it('rejects a context that is not in the kubeconfig, listing the ones that are', async () => {
    await expect(
      preflight({
        kubeconfig: kubeconfigFor('http://127.0.0.1:1'),
        context: 'prod',
        namespace: 'x',
        preview: false,
      }),
    ).rejects.toThrow('context "prod" is not in the kubeconfig (it has: fake)');
  });
});

describe('prepareCluster with cluster: existing', () => {
  it('uses the kubeconfig input and returns a connection it did not create', async () => {
    const a = await api();
    const settings = settingsFor({ cluster: 'existing', kubeconfig: a.kubeconfig(), namespace: 'test' });
    const conn = await prepareCluster(settings, {
      runner: createCommandRunner(),
      state: noState,
      logger: quiet,
    });
    expect(conn).toMatchObject({
      created: false,
      kubeconfig: a.kubeconfig(),
      prometheusUrl: null,
      loadUrl: null,
    });
    await conn.close();
  });

  it('falls back to $KUBECONFIG (first readable file of the list) and then ~/.kube/config', async () => {
    const a = await api();
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(file, a.kubeconfig());
    const viaEnv = settingsFor(
      { cluster: 'existing' },
      { KUBECONFIG: `${path.join(dir, 'missing')}:${file}` },
    );
    const conn = await prepareCluster(viaEnv, {
      runner: createCommandRunner(),
      state: noState,
      logger: quiet,
    });
    expect(conn.kubeconfig).toBe(a.kubeconfig());

    const home = path.join(dir, 'home');
    const err = await prepareCluster(settingsFor({ cluster: 'existing' }), {
      runner: createCommandRunner(),
      state: noState,
      logger: quiet,
      clusterOptions: { homeDir: home },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`create ${path.join(home, '.kube', 'config')}`);
  });
});

describe('examples/rbac', () => {
  type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
  const docs = (file: string): { kind: string; rules?: Rule[] }[] =>
    loadAll(readFileSync(path.join(import.meta.dirname, '..', 'examples', 'rbac', file), 'utf8')) as {
      kind: string;
      rules?: Rule[];
    }[];
  const grants = (rules: Rule[]): string[] =>
    rules
      .flatMap((r) =>
        r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${v} ${g} ${res}`))),
      )
      .sort();
  const needs = (preview: boolean, clusterScoped: boolean): string[] =>
    requiredPermissions(preview)
      .filter((p) => (p.clusterScoped ?? false) === clusterScoped)
      .flatMap((p) => p.verbs.map((v) => `${v} ${p.group} ${p.resource}`))
      .sort();

  it('the Role grants exactly the namespaced permissions preflight checks', () => {
    const role = docs('role.yaml').find((d) => d.kind === 'Role')!;
    expect(grants(role.rules!)).toEqual(needs(false, false));
    expect(docs('role.yaml').some((d) => d.kind === 'RoleBinding')).toBe(true);
  });

  it('the preview ClusterRole grants exactly get/create on namespaces', () => {
    const cr = docs('preview-clusterrole.yaml').find((d) => d.kind === 'ClusterRole')!;
    expect(grants(cr.rules!)).toEqual(needs(true, true));
  });

  it('formats one line per resource with all its verbs', () => {
    expect(
      rbacMessage('c', 'ns', [
        { group: 'apps', resource: 'deployments', verb: 'get' },
        { group: 'apps', resource: 'deployments', verb: 'patch' },
      ]).split('\n')[1],
    ).toBe('  - get, patch on deployments.apps in namespace ns');
  });
});
