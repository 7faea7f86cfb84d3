// In-memory object storage with one global resourceVersion counter and a bounded event log
// that watches replay from (older resourceVersions get 410 Expired, like a compacted etcd).

import type { JsonObject } from './json.js';
import { str, isObject } from './json.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  rv: number;
  /** `<group>/<resource>` */
  key: string;
  namespace: string;
  object: JsonObject;
  /** The object before a MODIFIED, so filtered watches can turn it into ADDED/DELETED. */
  prev?: JsonObject;
}

export function metaOf(o: JsonObject): JsonObject {
  return isObject(o['metadata']) ? o['metadata'] : {};
}

export class Store {
  private rv = 1;
  private readonly data = new Map<string, Map<string, JsonObject>>();
  private readonly log: StoreEvent[] = [];
  /** Every event with rv <= compacted is gone from the log. */
  private compacted = 0;
  private readonly listeners = new Set<(e: StoreEvent) => void>();

  constructor(private readonly capacity: number) {}

  get resourceVersion(): number {
    return this.rv;
  }

  get compactedRevision(): number {
    return this.compacted;
  }

  private bucket(key: string): Map<string, JsonObject> {
    let b = this.data.get(key);
    if (!b) {
      b = new Map();
      this.data.set(key, b);
    }
    return b;
  }

  get(key: string, namespace: string, name: string): JsonObject | undefined {
    return this.data.get(key)?.get(`${namespace}/${name}`);
  }

  /** Objects sorted by namespace then name, as etcd key order gives them. */
  list(key: string, namespace?: string): JsonObject[] {
    const b = this.data.get(key);
    if (!b) return [];
    const out: [string, JsonObject][] = [];
    for (const [k, v] of b) if (namespace === undefined || k.startsWith(`${namespace}/`)) out.push([k, v]);
    return out.sort((a, b2) => (a[0] < b2[0] ? -1 : a[0] > b2[0] ? 1 : 0)).map(([, v]) => v);
  }

  keys(): string[] {
    return [...this.data.keys()];
  }

  /** Store a new version (sets metadata.resourceVersion) and publish its event. */
  put(key: string, obj: JsonObject, type: 'ADDED' | 'MODIFIED'): JsonObject {
    const meta = metaOf(obj);
    const ns = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
    const name = str(meta['name']);
    const prev = this.get(key, ns, name);
    this.rv += 1;
    meta['resourceVersion'] = str(this.rv);
    obj['metadata'] = meta;
    this.bucket(key).set(`${ns}/${name}`, obj);
    this.publish({ type, rv: this.rv, key, namespace: ns, object: obj, prev });
    return obj;
  }

  remove(key: string, namespace: string, name: string): JsonObject | undefined {
    const cur = this.get(key, namespace, name);
    if (!cur) return undefined;
    this.data.get(key)?.delete(`${namespace}/${name}`);
    this.rv += 1;
    const gone: JsonObject = { ...cur, metadata: { ...metaOf(cur), resourceVersion: str(this.rv) } };
    this.publish({ type: 'DELETED', rv: this.rv, key, namespace, object: gone, prev: cur });
    return gone;
  }

  private publish(e: StoreEvent): void {
    this.log.push(e);
    while (this.log.length > this.capacity) {
      const dropped = this.log.shift();
      if (dropped) this.compacted = dropped.rv;
    }
    for (const l of [...this.listeners]) l(e);
  }

  /** Events after `rv`, or 'expired' when some of them were already compacted away. */
  since(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compacted) return 'expired';
    return this.log.filter((e) => e.rv > rv);
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
