// The data plane fed by the embedded mesh's API server (src/sim/mesh.ts): objects created and patched
// over the Kubernetes API change the ingress's routing at the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { NS, ROUTE_HEADER, destroyAgent, podinfoSeed, send, toSubset } from './sim-dataplane-fixtures.js';

const PATHS: Record<string, string> = {
  Deployment: `/apis/apps/v1/namespaces/${NS}/deployments`,
  Service: `/api/v1/namespaces/${NS}/services`,
  DestinationRule: `/apis/networking.istio.io/v1/namespaces/${NS}/destinationrules`,
  VirtualService: `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices`,
  Gateway: `/apis/networking.istio.io/v1/namespaces/${NS}/gateways`,
};

let mesh: Mesh;

async function api(
  method: string,
  path: string,
  body: unknown,
  contentType = 'application/json',
): Promise<number> {
  const r = await fetch(mesh.apiUrl + path, {
    method,
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
  await r.arrayBuffer();
  return r.status;
}

/** Resolves once both Deployments report available replicas (the controller's status update event). */
function bothAvailable(): Promise<void> {
  const ready = (): boolean =>
    ['podinfo-ga', 'podinfo-canary'].every((n) => {
      const status = mesh.api.object('apps', 'deployments', NS, n)?.status as
        { availableReplicas?: number } | undefined;
      return (status?.availableReplicas ?? 0) > 0;
    });
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const off = mesh.api.onChange(() => {
      if (ready()) {
        off();
        resolve();
      }
    });
  });
}

beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 0, seed: 5 });
  const available = bothAvailable();
  expect(
    await api('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }),
  ).toBe(201);
  const fast = { 'sim.istio-canary.dev/latency': '1ms' };
  for (const o of podinfoSeed({
    ga: fast,
    canary: fast,
    http: [{ route: [toSubset('ga', 100), toSubset('canary', 0)] }],
  })) {
    const { status: _status, ...object } = o;
    expect(await api('POST', PATHS[o.kind ?? ''] ?? '', object)).toBe(201);
  }
  await available;
});

afterAll(async () => {
  destroyAgent();
  await mesh?.close();
});

describe('data plane behind the mesh API server', () => {
  it('routes by the stored objects and follows a merge patch of the weights', async () => {
    const versions = async (n: number): Promise<Set<string>> => {
      const seen = new Set<string>();
      for (let i = 0; i < n; i++)
        seen.add(String((await send(mesh.ingressUrl, '/', { host: 'podinfo.test' })).headers[ROUTE_HEADER]));
      return seen;
    };
    expect(await versions(20)).toEqual(new Set(['ga']));
    const patch = { spec: { http: [{ route: [toSubset('ga', 0), toSubset('canary', 100)] }] } };
    expect(await api('PATCH', `${PATHS.VirtualService}/podinfo`, patch, 'application/merge-patch+json')).toBe(
      200,
    );
    expect(await versions(20)).toEqual(new Set(['canary']));
    const metrics = await (await fetch(mesh.metricsUrl)).text();
    expect(metrics).toMatch(
      /istio_requests_total\{reporter="destination"[^}]*destination_workload="podinfo-canary"[^}]*response_code="200"[^}]*\} 20\n/,
    );
  });
});
