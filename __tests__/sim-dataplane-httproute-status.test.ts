// The embedded mesh's Gateway API status writer (src/sim/gateway-status.ts) through the API server's
// HTTP API: it follows changes (a Service appearing resolves the refs, a route detaching drops
// the parent), keeps other controllers' parents, keeps lastTransitionTime while a condition
// holds, and settles (no write loop: idle() returns and nothing more is written).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { jsonInit, raw } from './sim-api-support.js';

const GW_API = '/apis/gateway.networking.k8s.io/v1/namespaces/default';
let mesh: Mesh;

interface Parent {
  controllerName: string;
  parentRef: { name: string };
  conditions: {
    type: string;
    status: string;
    reason: string;
    lastTransitionTime: string;
    observedGeneration: number;
  }[];
}

async function apply(path: string, body: Record<string, unknown>): Promise<void> {
  const name = (body.metadata as { name: string }).name;
  const r = await raw(
    `${mesh.apiUrl}${path}/${name}?fieldManager=test`,
    jsonInit('PATCH', body, 'application/apply-patch+yaml'),
  );
  expect(r.status, r.text).toBeLessThan(300);
}

async function parents(name: string): Promise<Parent[]> {
  await mesh.gatewayStatus.idle();
  const r = await raw(`${mesh.apiUrl}${GW_API}/httproutes/${name}`);
  return (r.json.status as { parents?: Parent[] } | undefined)?.parents ?? [];
}

const route = (backend: string, parentRefs: Record<string, unknown>[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'web', namespace: 'default' },
  spec: { parentRefs, hostnames: ['web.example'], rules: [{ backendRefs: [{ name: backend, port: 80 }] }] },
});

beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 0, seed: 2 });
  await apply(`${GW_API}/gateways`, {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'default' },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  });
});

afterAll(async () => {
  await mesh?.close();
});

describe('Gateway API status writes', () => {
  it('follows Services appearing, keeps the transition time of unchanged conditions, and settles', async () => {
    await apply(`${GW_API}/httproutes`, route('web', [{ name: 'gw' }]));
    const before = await parents('web');
    expect(before.map((p) => p.conditions.map((c) => `${c.type}=${c.reason}`))).toEqual([
      ['Accepted=Accepted', 'ResolvedRefs=BackendNotFound'],
    ]);

    await apply('/api/v1/namespaces/default/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    const after = await parents('web');
    expect(after[0]?.conditions.map((c) => `${c.type}=${c.reason}`)).toEqual([
      'Accepted=Accepted',
      'ResolvedRefs=ResolvedRefs',
    ]);
    expect(after[0]?.conditions[0]?.lastTransitionTime).toBe(before[0]?.conditions[0]?.lastTransitionTime);
    expect(after[0]?.conditions.map((c) => c.observedGeneration)).toEqual([1, 1]);

    // Settled: nothing is written once the status is right.
    const rv = mesh.api.resourceVersion;
    await mesh.gatewayStatus.idle();
    expect(mesh.api.resourceVersion).toBe(rv);
  });

  it("keeps other controllers' parents and drops its own when the route leaves the Gateway", async () => {
    const foreign = {
      controllerName: 'example.com/other-controller',
      parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'theirs' },
      conditions: [
        {
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          message: 'ok',
          lastTransitionTime: '2026-01-01T00:00:00Z',
          observedGeneration: 1,
        },
      ],
    };
    const current = await parents('web');
    const r = await raw(
      `${mesh.apiUrl}${GW_API}/httproutes/web/status`,
      jsonInit('PATCH', { status: { parents: [...current, foreign] } }, 'application/merge-patch+json'),
    );
    expect(r.status, r.text).toBe(200);
    const rv = mesh.api.resourceVersion;
    expect((await parents('web')).map((p) => p.controllerName)).toEqual([
      'istio.io/gateway-controller',
      'example.com/other-controller',
    ]);
    expect(mesh.api.resourceVersion).toBe(rv); // nothing of Istio's changed: no write

    await apply(`${GW_API}/httproutes`, route('web', [{ name: 'theirs' }]));
    const left = await parents('web');
    // 'theirs' does not exist: Istio reports it as its parent too (it cannot know the class).
    expect(left.map((p) => [p.controllerName, p.parentRef.name, p.conditions[0]?.reason])).toEqual([
      ['example.com/other-controller', 'theirs', 'Accepted'],
      ['istio.io/gateway-controller', 'theirs', 'NoMatchingParent'],
    ]);
    expect(
      left.find((p) => p.controllerName === 'istio.io/gateway-controller')?.conditions[0]?.observedGeneration,
    ).toBe(2);
  });
});
