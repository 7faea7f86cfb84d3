// An in-memory MeshConfigSource: plain objects in, change notifications out. For tests, benches and
// embedding the data plane without the API server.
import type { KubeObject, MeshConfigSource, MeshKind } from '../types.js';

export interface MemoryConfigSource extends MeshConfigSource {
  /** Create or replace (by kind, namespace, name). Notifies listeners. */
  apply(...objects: KubeObject[]): void;
  delete(kind: MeshKind, namespace: string, name: string): void;
}

const KINDS: readonly MeshKind[] = ['VirtualService', 'DestinationRule', 'Gateway', 'Deployment', 'Service'];

export function createMemoryConfigSource(initial: KubeObject[] = []): MemoryConfigSource {
  const store = new Map<MeshKind, Map<string, KubeObject>>(KINDS.map((k) => [k, new Map()]));
  const listeners = new Set<() => void>();
  const keyOf = (o: KubeObject): string => `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`;
  const notify = (): void => {
    for (const l of listeners) l();
  };
  const put = (objects: KubeObject[]): void => {
    for (const o of objects) {
      const bucket = store.get(o.kind as MeshKind);
      if (!bucket)
        throw new Error(`memory config source: kind ${String(o.kind)} is not one of ${KINDS.join(', ')}`);
      bucket.set(keyOf(o), o);
    }
  };
  put(initial);
  return {
    list: (kind) => [...(store.get(kind)?.values() ?? [])],
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
