// Shared by the metrics tests: the embedded mesh's data plane serving a stable and a canary
// workload behind one VirtualService, with the attribution header the action sets.
import {
  createMemoryConfigSource,
  startDataPlane,
  type MemoryConfigSource,
} from '../src/sim/dataplane/index.js';
import type { DataPlane, KubeObject } from '../src/sim/types.js';

export const NS = 'shop';
export const HOST = 'app.example';
export const STABLE = 'app-stable';
export const CANARY = 'app-canary';

export interface VersionProfile {
  /** "p50=2ms,p99=10ms" or "5ms" (docs/sim.md). */
  latency?: string;
  /** "5%" */
  errorRate?: string;
}

function deployment(name: string, version: string, p: VersionProfile): KubeObject {
  const annotations: Record<string, string> = {};
  if (p.latency) annotations['sim.istio-canary.dev/latency'] = p.latency;
  if (p.errorRate) annotations['sim.istio-canary.dev/error-rate'] = p.errorRate;
  const labels = { app: 'app', version };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations },
        spec: { containers: [{ name: 'app', image: 'app:1' }] },
      },
    },
    status: { replicas: 1, availableReplicas: 1 },
  };
}

export function virtualService(canaryWeight: number): KubeObject {
  const dest = (subset: string, weight: number) => ({
    destination: { host: 'app', subset },
    weight,
    headers: { response: { set: { 'x-istio-canary': subset } } },
  });
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'app', namespace: NS },
    spec: {
      hosts: [HOST],
      gateways: ['app-gateway'],
      http: [{ route: [dest('stable', 100 - canaryWeight), dest('canary', canaryWeight)] }],
    },
  };
}

export function meshObjects(
  stable: VersionProfile,
  canary: VersionProfile,
  canaryWeight: number,
): KubeObject[] {
  return [
    deployment(STABLE, 'stable', stable),
    deployment(CANARY, 'canary', canary),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'app', namespace: NS },
      spec: { selector: { app: 'app' }, ports: [{ name: 'http', port: 80 }] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'app', namespace: NS },
      spec: {
        host: `app.${NS}.svc.cluster.local`,
        subsets: [
          { name: 'stable', labels: { version: 'stable' } },
          { name: 'canary', labels: { version: 'canary' } },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'app-gateway', namespace: NS },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      },
    },
    virtualService(canaryWeight),
  ];
}

export interface Mesh {
  plane: DataPlane;
  config: MemoryConfigSource;
}

export async function startMesh(
  stable: VersionProfile,
  canary: VersionProfile,
  canaryWeight: number,
  seed = 7,
): Promise<Mesh> {
  const config = createMemoryConfigSource(meshObjects(stable, canary, canaryWeight));
  const plane = await startDataPlane({ config, seed });
  return { plane, config };
}
