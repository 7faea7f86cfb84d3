// The embedded mesh's data plane fed by a REAL kube-apiserver: list + watch (raw HTTPS, all
// namespaces) of the kinds the data plane routes by (the Gateway API's too, when asked), kept in
// memory, with onChange fired on every event. Also the generic list+watch the fake kubelet uses,
// and a recorder of every stored version of one object (what a promotion wrote, in order).
// Hand-written rather than @kubernetes/client-node's informer: a test harness needs the raw
// events (every resourceVersion) and no dependency beyond node:https.
import { request } from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { GatewayApiConfigSource, GatewayApiKind } from '../../src/sim/dataplane/index.js';
import type { KubeObject, MeshKind } from '../../src/sim/types.js';

export interface ApiAccess {
  /** https://127.0.0.1:<port> */
  server: string;
  token: string;
  caPem: string;
}

export interface Resource {
  apiVersion: string;
  kind: string;
  /** Cluster-wide collection path, e.g. /apis/apps/v1/deployments. */
  path: string;
}

export const MESH_RESOURCES: Record<MeshKind, Resource> = {
  VirtualService: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    path: '/apis/networking.istio.io/v1/virtualservices',
  },
  DestinationRule: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    path: '/apis/networking.istio.io/v1/destinationrules',
  },
  Gateway: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    path: '/apis/networking.istio.io/v1/gateways',
  },
  Service: { apiVersion: 'v1', kind: 'Service', path: '/api/v1/services' },
  Deployment: { apiVersion: 'apps/v1', kind: 'Deployment', path: '/apis/apps/v1/deployments' },
};

const GW = 'gateway.networking.k8s.io';

/** The Gateway API kinds the data plane routes HTTPRoutes by (CRDs v1.6.1 in the fixtures). */
export const GATEWAY_API_RESOURCES: Record<GatewayApiKind, Resource> = {
  HTTPRoute: { apiVersion: `${GW}/v1`, kind: 'HTTPRoute', path: `/apis/${GW}/v1/httproutes` },
  KubernetesGateway: { apiVersion: `${GW}/v1`, kind: 'Gateway', path: `/apis/${GW}/v1/gateways` },
  ReferenceGrant: {
    apiVersion: `${GW}/v1beta1`,
    kind: 'ReferenceGrant',
    path: `/apis/${GW}/v1beta1/referencegrants`,
  },
  Namespace: { apiVersion: 'v1', kind: 'Namespace', path: '/api/v1/namespaces' },
};

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface Meta {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
}

const keyOf = (o: KubeObject): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/** One HTTPS request to the API server; resolves with status and the whole body. */
export function apiRequest(
  api: ApiAccess,
  method: string,
  path: string,
  body?: { contentType: string; data: unknown },
): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${api.token}`,
      Accept: 'application/json',
    };
    if (body) headers['Content-Type'] = body.contentType;
    const req = request(new URL(path, api.server), { method, headers, ca: api.caPem }, (r) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, body: text }));
      r.on('error', rej);
    });
    req.on('error', rej);
    req.end(body ? JSON.stringify(body.data) : undefined);
  });
}

export interface ListWatch {
  /** Resolves once the first list is in (the cache is complete from then on). */
  synced: Promise<void>;
  /** The cached objects. */
  items(): KubeObject[];
  close(): void;
}

/**
 * An informer in miniature: list, then watch from the list's resourceVersion; a watch that
 * ends is resumed from the last seen version, a 410 Gone relists. `onEvent` sees every object
 * (list items as ADDED) after the cache has been updated.
 */
export function listWatch(
  api: ApiAccess,
  resource: Resource,
  onEvent: (type: WatchType, obj: KubeObject) => void,
  onError: (err: Error) => void = () => undefined,
): ListWatch {
  const cache = new Map<string, KubeObject>();
  let closed = false;
  let current: ClientRequest | null = null;
  let resolveSynced: () => void = () => undefined;
  let rejectSynced: (e: Error) => void = () => undefined;
  let synced = false;
  const syncedP = new Promise<void>((res, rej) => {
    resolveSynced = res;
    rejectSynced = rej;
  });
  // Items of a list carry no kind/apiVersion on the real server (watch objects do): add them.
  const typed = (o: KubeObject): KubeObject => ({
    ...o,
    apiVersion: resource.apiVersion,
    kind: resource.kind,
  });

  const fail = (err: Error): void => {
    if (closed) return;
    if (!synced) rejectSynced(err);
    onError(err);
  };

  const list = async (): Promise<void> => {
    const r = await apiRequest(api, 'GET', resource.path);
    if (r.status !== 200) throw new Error(`list ${resource.path}: ${r.status} ${r.body}`);
    const parsed = JSON.parse(r.body) as { metadata: { resourceVersion: string }; items: KubeObject[] };
    const seen = new Set<string>();
    for (const item of parsed.items) {
      const o = typed(item);
      seen.add(keyOf(o));
      cache.set(keyOf(o), o);
    }
    for (const [k, o] of [...cache]) {
      if (seen.has(k)) continue;
      cache.delete(k);
      onEvent('DELETED', o);
    }
    if (!synced) {
      synced = true;
      resolveSynced();
    }
    for (const item of parsed.items) onEvent('ADDED', typed(item));
    watch(parsed.metadata.resourceVersion);
  };

  const relist = (): void => {
    if (!closed) list().catch((e: unknown) => fail(e as Error));
  };

  const watch = (fromVersion: string): void => {
    if (closed) return;
    let version = fromVersion;
    let gone = false;
    const path = `${resource.path}?watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(version)}`;
    const req = request(
      new URL(path, api.server),
      { headers: { Authorization: `Bearer ${api.token}`, Accept: 'application/json' }, ca: api.caPem },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) {
          res.resume();
          fail(new Error(`watch ${resource.path}: HTTP ${res.statusCode}`));
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (!line) continue;
            const event = JSON.parse(line) as { type: string; object: KubeObject & { code?: number } };
            const meta: Meta | undefined = event.object.metadata;
            if (event.type === 'ERROR') {
              // 410 Gone: our version was compacted away; start over from a fresh list.
              gone = true;
              req.destroy();
              if (event.object.code === 410) relist();
              else fail(new Error(`watch ${resource.path}: ${JSON.stringify(event.object)}`));
              return;
            }
            if (meta?.resourceVersion) version = meta.resourceVersion;
            if (event.type === 'BOOKMARK') continue;
            const o = typed(event.object);
            if (event.type === 'DELETED') cache.delete(keyOf(o));
            else cache.set(keyOf(o), o);
            onEvent(event.type as WatchType, o);
          }
        });
        // The server ends watches after its request timeout: resume where we were.
        res.on('end', () => {
          if (!gone && !closed) watch(version);
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', (e) => {
      if (!closed && !gone) fail(e);
    });
    req.end();
    current = req;
  };

  relist();
  return {
    synced: syncedP,
    items: () => [...cache.values()],
    close() {
      closed = true;
      current?.destroy();
    },
  };
}

export interface RealConfigSource extends GatewayApiConfigSource {
  synced: Promise<void>;
  /** Watch failures (should stay empty; tests assert on it). */
  errors: Error[];
  close(): void;
}

/**
 * The data plane's view of the real server: list+watch of the five mesh kinds and, with
 * `gatewayApi` (whose CRDs must be established first), of the Gateway API kinds; without it
 * listGatewayApi is empty, as on a cluster without those CRDs.
 */
export function realConfigSource(api: ApiAccess, options: { gatewayApi?: boolean } = {}): RealConfigSource {
  const listeners = new Set<() => void>();
  const errors: Error[] = [];
  const notify = (): void => {
    for (const l of listeners) l();
  };
  const watchAll = <K extends string>(resources: Record<K, Resource>): Record<K, ListWatch> =>
    Object.fromEntries(
      (Object.keys(resources) as K[]).map((kind) => [
        kind,
        listWatch(api, resources[kind], notify, (e) => void errors.push(e)),
      ]),
    ) as Record<K, ListWatch>;
  const watches = watchAll(MESH_RESOURCES);
  const gatewayApi = options.gatewayApi ? watchAll(GATEWAY_API_RESOURCES) : null;
  const all = [...Object.values<ListWatch>(watches), ...Object.values<ListWatch>(gatewayApi ?? {})];
  return {
    synced: Promise.all(all.map((w) => w.synced)).then(() => undefined),
    errors,
    list: (kind) => watches[kind].items(),
    listGatewayApi: (kind) => gatewayApi?.[kind].items() ?? [],
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      for (const w of all) w.close();
      listeners.clear();
    },
  };
}

export interface WriteRecorder {
  /** Resolves once the first list is in: start the promotion after it. */
  synced: Promise<void>;
  /** Every stored version of the object whose spec or annotations differ from the one before, in order. */
  writes(): KubeObject[];
  /**
   * Resolves once the watch has delivered this resourceVersion of the object (read it from a
   * GET after the promotion: then writes() holds everything up to it). Rejects after
   * `deadlineMs` with what was seen, so a lost event fails with a reason, not a hung test.
   */
  reached(resourceVersion: string, deadlineMs?: number): Promise<void>;
  errors: Error[];
  close(): void;
}

/**
 * Records what the real server stored for the object `name` of `resource` (a namespaced
 * collection path, e.g. /apis/networking.istio.io/v1/namespaces/ns/virtualservices): the
 * watch delivers every resourceVersion, so each write of a promotion is seen, none merged.
 */
export function recordWrites(api: ApiAccess, resource: Resource, name: string): WriteRecorder {
  const versions: KubeObject[] = [];
  const seen = new Set<string>();
  const waiters = new Map<string, () => void>();
  const errors: Error[] = [];
  let last = '';
  const lw = listWatch(
    api,
    resource,
    (type, obj) => {
      const meta: Meta | undefined = obj.metadata;
      if (meta?.name !== name || type === 'DELETED') return;
      const rv = meta.resourceVersion ?? '';
      seen.add(rv);
      const o = obj as KubeObject & { spec?: unknown };
      const key = JSON.stringify([o.spec ?? null, o.metadata?.annotations ?? null]);
      if (key !== last) {
        last = key;
        versions.push(structuredClone(obj));
      }
      waiters.get(rv)?.();
    },
    (e) => void errors.push(e),
  );
  return {
    synced: lw.synced,
    writes: () => [...versions],
    reached(resourceVersion, deadlineMs = 15_000) {
      if (seen.has(resourceVersion)) return Promise.resolve();
      return new Promise((res, rej) => {
        const timer = setTimeout(() => {
          waiters.delete(resourceVersion);
          rej(
            new Error(
              `${resource.path}/${name}: resourceVersion ${resourceVersion} not watched within ${deadlineMs} ms (seen: ${[...seen].join(', ')})`,
            ),
          );
        }, deadlineMs);
        waiters.set(resourceVersion, () => {
          clearTimeout(timer);
          waiters.delete(resourceVersion);
          res();
        });
      });
    },
    errors,
    close: () => lw.close(),
  };
}
