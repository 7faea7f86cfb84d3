// An in-memory MeshConfigSource: plain objects in, change notifications out. For tests, benches and
// embedding the data plane without the API server. Gateway API objects (apiVersion
// gateway.networking.k8s.io/…) are kept apart from Istio's: a `Gateway` of that group is a
// KubernetesGateway here.
import type { KubeObject, MeshKind } from '../types.js';
import type { GatewayApiConfigSource, GatewayApiKind } from './index.js';

type Kind = MeshKind | GatewayApiKind;

export interface MemoryConfigSource extends GatewayApiConfigSource {
  /** Create or replace (by kind, namespace, name). Notifies listeners. */
  apply(...objects: KubeObject[]): void;
  delete(kind: Kind, namespace: string, name: string): void;
}

const KINDS: readonly Kind[] = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'Deployment',
  'Service',
  'HTTPRoute',
  'KubernetesGateway',
  'ReferenceGrant',
  'Namespace',
];

function kindOf(o: KubeObject): Kind | undefined {
  const gatewayApi = (o.apiVersion ?? '').startsWith('gateway.networking.k8s.io/');
  if (gatewayApi && o.kind === 'Gateway') return 'KubernetesGateway';
  if (gatewayApi && o.kind === 'HTTPRoute') return 'HTTPRoute';
  if (gatewayApi && o.kind === 'ReferenceGrant') return 'ReferenceGrant';
  if (gatewayApi) return undefined;
  return KINDS.find((k) => k === o.kind);
}

export function createMemoryConfigSource(initial: KubeObject[] = []): MemoryConfigSource {
  const store = new Map<Kind, Map<string, KubeObject>>(KINDS.map((k) => [k, new Map()]));
  const listeners = new Set<() => void>();
  const keyOf = (o: KubeObject): string => `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`;
  const notify = (): void => {
    for (const l of listeners) l();
  };
  const put = (objects: KubeObject[]): void => {
    for (const o of objects) {
      const kind = kindOf(o);
      const bucket = kind && store.get(kind);
      if (!bucket)
        throw new Error(`memory config source: kind ${String(o.kind)} is not one of ${KINDS.join(', ')}`);
      bucket.set(keyOf(o), o);
    }
  };
  put(initial);
  return {
    list: (kind) => [...(store.get(kind)?.values() ?? [])],
    listGatewayApi: (kind) => [...(store.get(kind)?.values() ?? [])],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(...objects) {
      put(objects);
      notify();
    },
    delete(kind, namespace, name) {
      store.get(kind)?.delete(`${namespace}/${name}`);
      notify();
    },
  };
}
