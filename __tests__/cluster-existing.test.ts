// cluster: existing against the embedded mesh's API server (a Kubernetes-compatible server on
// loopback) with RBAC-style 403s injected: preflight names every missing permission; Istio
// CRDs removed from the server are named as missing.
import * as k8s from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../src/cluster/exec.js';
import { prepareCluster } from '../src/cluster/index.js';
import { PreflightError } from '../src/kube/preflight.js';
import type { Logger, StateStore } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';

const quiet: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
const noState: StateStore = { save: () => undefined, get: () => '' };

let mesh: Mesh;
beforeAll(async () => {
  mesh = await startMesh({ seed: 7 });
});
afterAll(async () => {
  await mesh.close();
});
afterEach(() => {
  mesh.api.faults.reset();
});

function settings(inputs: Record<string, string>): Settings {
  const r = parseSettings(
    (n) => ({ 'load-url': mesh.ingressUrl, kubeconfig: mesh.kubeconfig, ...inputs })[n] ?? '',
    {},
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}

const deps = { runner: createCommandRunner(), state: noState, logger: quiet };

describe('prepareCluster with cluster: existing on the embedded mesh', () => {
  it('connects when Istio CRDs are served and every permission is granted', async () => {
    const conn = await prepareCluster(settings({ cluster: 'existing', namespace: 'default' }), deps);
    expect(conn).toMatchObject({ created: false, context: null, kubeconfig: mesh.kubeconfig });
    await conn.close();
  });

  it('names each forbidden verb and resource in one message', async () => {
    mesh.api.faults.forbid('patch', 'networking.istio.io', 'virtualservices');
    mesh.api.faults.forbid('update', 'networking.istio.io', 'virtualservices');
    mesh.api.faults.forbid('watch', 'apps', 'deployments');
    mesh.api.faults.forbid('create', 'coordination.k8s.io', 'leases');
    const err = (await prepareCluster(settings({ cluster: 'existing', namespace: 'test' }), deps).catch(
      (e: unknown) => e,
    )) as PreflightError;
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.problem).toBe('rbac');
    expect(err.message).toContain(
      '  - patch, update on virtualservices.networking.istio.io in namespace test',
    );
    expect(err.message).toContain('  - watch on deployments.apps in namespace test');
    expect(err.message).toContain('  - create on leases.coordination.k8s.io in namespace test');
    expect(err.message).toContain('examples/rbac/role.yaml');
    expect(err.missing).toHaveLength(4);
  });

  it('asks for the HTTPRoute permissions when a live HTTPRoute is stepped (http-route named), not otherwise', async () => {
    mesh.api.faults.forbid('patch', 'gateway.networking.k8s.io', 'httproutes');
    const conn = await prepareCluster(settings({ cluster: 'existing', namespace: 'test' }), deps);
    await conn.close();
    const err = (await prepareCluster(
      settings({ cluster: 'existing', namespace: 'test', 'http-route': 'web' }),
      deps,
    ).catch((e: unknown) => e)) as PreflightError;
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.message).toMatch(/patch[^\n]* on httproutes\.gateway\.networking\.k8s\.io in namespace test/);
  });

  it('asks for namespace creation only for preview environments', async () => {
    mesh.api.faults.forbid('create', '', 'namespaces');
    const ok = await prepareCluster(settings({ cluster: 'existing', namespace: 'pr-12' }), deps);
    await ok.close();
    const err = (await prepareCluster(
      settings({ cluster: 'existing', preview: 'true', 'pr-number': '12' }),
      deps,
    ).catch((e: unknown) => e)) as PreflightError;
    expect(err.message).toContain('  - create on namespaces (cluster-wide)');
  });

  it('names the Istio CRD that is missing', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(mesh.kubeconfig);
    await kc
      .makeApiClient(k8s.ApiextensionsV1Api)
      .deleteCustomResourceDefinition({ name: 'destinationrules.networking.istio.io' });
    const err = (await prepareCluster(settings({ cluster: 'existing' }), deps).catch(
      (e: unknown) => e,
    )) as PreflightError;
    expect(err.problem).toBe('istio-crds');
    expect(err.missing).toEqual(['destinationrules.networking.istio.io']);
    expect(err.message).toContain('istioctl install --set profile=demo -y');
  });
});
