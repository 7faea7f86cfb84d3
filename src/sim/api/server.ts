// The embedded Kubernetes API server: kubectl and @kubernetes/client-node talk to it unchanged
// over plain HTTP on loopback. This file owns its life (listen, close, preinstalled objects, the
// Deployment controller's writes) and the HTTP plumbing and request log; routing is in
// router.ts, each verb in its own module (reads, writes, apply, deletion, watch, scale), all
// sharing the ApiContext of context.ts.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApiError, failure, type Status } from './status.js';
import { str, type JsonObject, clone, deepEqual, obj } from './json.js';
import { BUILTINS, preinstalledCrds, typeFromCrd, type ResourceType } from './resources.js';
import { Store, metaOf, type StoreEvent } from './store.js';
import { Faults } from './faults.js';
import { nowSeconds } from './managed.js';
import { DeploymentController } from './controller.js';
import { commit, prepareCreate } from './registry.js';
import { Watches } from './watch.js';
import { NamespaceFinalizer } from './namespaces.js';
import { route, type RouteTarget } from './router.js';
import { Reply, storeObject, type RequestLogEntry, type Req, type ResourceRequest } from './context.js';
import { send } from './request.js';
import { POD_OWNER_LABEL } from './pods.js';

export interface ApiServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Delay before a Deployment rollout becomes available (default 200 ms; tests use 0 or small). */
  readinessDelayMs?: number;
  /** Events kept for watches to resume from; older resourceVersions get 410 Expired (default 10,000). */
  watchCacheSize?: number;
  /** How often watches with allowWatchBookmarks receive a BOOKMARK (default 60 s, like the real server's ~1 min). */
  bookmarkIntervalMs?: number;
  /** Seed of the fault generator. */
  seed?: number;
  /** Request log entries kept, oldest dropped first (default 100,000), so a long `sim` run stays bounded. */
  requestLogSize?: number;
  /** How long a deleted namespace stays Terminating before its objects and itself go (default 100 ms). */
  namespaceFinalizeDelayMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface ApiServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  faults: Faults;
  /** Every request answered so far, in order. */
  readonly requests: readonly RequestLogEntry[];
  clearRequests(): void;
  /** Direct access to stored objects (storage version) for tests and the data plane. */
  objects(group: string, resource: string, namespace?: string): JsonObject[];
  object(group: string, resource: string, namespace: string, name: string): JsonObject | undefined;
  /** Called after every stored change. */
  onChange(listener: (e: StoreEvent) => void): () => void;
  readonly resourceVersion: number;
  close(): Promise<void>;
}

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const api = new ApiServerImpl(options);
  await api.listen(options.port ?? 0);
  return api;
}

class ApiServerImpl implements ApiServer, RouteTarget {
  url = '';
  port = 0;
  readonly faults: Faults;
  readonly requests: RequestLogEntry[] = [];
  readonly store: Store;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly inflight = new WeakMap<Socket, { n: number; after?: () => void }>();
  readonly watches: Watches;
  types: ResourceType[] = [];
  readonly now: () => Date;
  private readonly controller: DeploymentController;
  readonly namespaces: NamespaceFinalizer;
  private readonly requestLogSize: number;
  private ipCounter = 10;
  private closed = false;

  constructor(options: ApiServerOptions) {
    this.now = options.now ?? (() => new Date());
    this.faults = new Faults(options.seed ?? 1);
    this.store = new Store(options.watchCacheSize ?? 10_000);
    this.watches = new Watches(this, options.bookmarkIntervalMs ?? 60_000);
    this.namespaces = new NamespaceFinalizer(this.store, options.namespaceFinalizeDelayMs ?? 100);
    this.requestLogSize = options.requestLogSize ?? 100_000;
    this.controller = new DeploymentController(
      {
        get: (ns, name) => this.store.get('apps/deployments', ns, name),
        writeStatus: (ns, name, status) => this.internalStatusWrite(ns, name, status),
        syncPods: (ns, name, pods) => this.syncPods(ns, name, pods),
      },
      options.readinessDelayMs ?? 200,
      this.now,
    );
    this.store.subscribe((e) => this.controller.onEvent(e));
    this.refreshTypes();
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
      this.seed(this.typeOf('', 'namespaces'), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    for (const crd of preinstalledCrds())
      this.seed(this.typeOf('apiextensions.k8s.io', 'customresourcedefinitions'), crd);
    this.server = createServer((req, res) => this.handle(req, res));
    // Bytes after a body-less request (a DELETE body sent without Content-Length) parse as a bad
    // next request. Like Go's server, answer the request in flight first, then the 400.
    this.server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
      const finish = (): void => {
        if (socket.writable && err.code !== 'ECONNRESET')
          socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        else socket.destroy();
      };
      const state = this.inflight.get(socket);
      if (state && state.n > 0) state.after = finish;
      else finish();
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const a = this.server.address() as AddressInfo;
        this.port = a.port;
        this.url = `http://127.0.0.1:${a.port}`;
        resolve();
      });
    });
  }

  get resourceVersion(): number {
    return this.store.resourceVersion;
  }

  private log(entry: RequestLogEntry): void {
    this.requests.push(entry);
    if (this.requests.length > this.requestLogSize)
      this.requests.splice(0, this.requests.length - this.requestLogSize);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  objects(group: string, resource: string, namespace?: string): JsonObject[] {
    return this.store.list(`${group}/${resource}`, namespace);
  }

  object(group: string, resource: string, namespace: string, name: string): JsonObject | undefined {
    return this.store.get(`${group}/${resource}`, namespace, name);
  }

  onChange(listener: (e: StoreEvent) => void): () => void {
    return this.store.subscribe(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
    this.namespaces.close();
    this.watches.closeAll();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      for (const s of this.sockets) s.destroy();
    });
  }

  allocateClusterIp(): string {
    this.ipCounter += 1;
    return `10.96.${Math.floor(this.ipCounter / 250)}.${(this.ipCounter % 250) + 1}`;
  }

  // ---- types ----

  refreshTypes(): void {
    const crds = this.store.list('apiextensions.k8s.io/customresourcedefinitions');
    const custom = crds.map(typeFromCrd).filter((t): t is ResourceType => t !== undefined);
    this.types = [...BUILTINS, ...custom];
  }

  private typeOf(group: string, resource: string): ResourceType {
    const t = this.types.find((x) => x.group === group && x.resource === resource);
    if (!t) throw new Error(`no type ${group}/${resource}`);
    return t;
  }

  private seed(rt: ResourceType, o: JsonObject): void {
    const created = prepareCreate(this, rt, rt.storageVersion, '', o, 'kube-apiserver');
    // Nobody owns preinstalled objects, so a later `kubectl apply --server-side` of the same
    // CRDs (or of the default namespace) takes them over without conflicts.
    delete metaOf(created)['managedFields'];
    storeObject(this, rt, created, 'ADDED');
  }

  // ---- HTTP ----

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const state = this.inflight.get(socket) ?? { n: 0 };
    this.inflight.set(socket, state);
    state.n += 1;
    res.on('close', () => {
      state.n -= 1;
      if (state.n === 0 && state.after) {
        const after = state.after;
        state.after = undefined;
        after();
      }
    });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 3 * 1024 * 1024) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const r: Req = {
        method: req.method ?? 'GET',
        url,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const entry: RequestLogEntry = {
        time: new Date().toISOString(),
        method: r.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        verb: '',
        group: '',
        version: '',
        resource: '',
        subresource: '',
        namespace: '',
        name: '',
        contentType: str(req.headers['content-type'] ?? ''),
        status: 0,
        userAgent: str(req.headers['user-agent'] ?? ''),
      };
      res.on('finish', () => {
        entry.status = res.statusCode;
        this.log(entry);
      });
      res.on('close', () => {
        if (!res.writableFinished && entry.status === 0) {
          entry.status = res.statusCode;
          this.log(entry);
        }
      });
      if (size > 3 * 1024 * 1024) {
        send(
          res,
          new Reply(413, failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728')),
        );
        return;
      }
      route(this, r, res, entry).then(
        (reply) => {
          if (reply) send(res, reply);
        },
        (err: unknown) => {
          if (err instanceof ApiError) send(res, new Reply(err.status.code, err.status, err.headers));
          else {
            const msg = err instanceof Error ? err.message : str(err);
            send(
              res,
              new Reply(
                500,
                failure(500, 'InternalError', `Internal error occurred: ${msg}`, {
                  causes: [{ message: msg }],
                }),
              ),
            );
          }
        },
      );
    });
  }

  // ---- controller hook ----

  /** Replace a Deployment's simulated pods, keeping uid and creationTimestamp of pods that stay. */
  private syncPods(ns: string, deployment: string, pods: JsonObject[]): void {
    if (this.closed) return;
    const key = '/pods';
    const existing = this.store
      .list(key, ns)
      .filter((p) => obj(metaOf(p)['labels'])[POD_OWNER_LABEL] === deployment);
    const wanted = new Map(pods.map((p) => [str(metaOf(p)['name']), p]));
    for (const p of existing) {
      const name = str(metaOf(p)['name']);
      if (!wanted.has(name)) this.store.remove(key, ns, name);
    }
    for (const [name, p] of wanted) {
      const before = this.store.get(key, ns, name);
      const meta = metaOf(p);
      if (before) {
        meta['uid'] = metaOf(before)['uid'] ?? null;
        meta['creationTimestamp'] = metaOf(before)['creationTimestamp'] ?? null;
        meta['resourceVersion'] = metaOf(before)['resourceVersion'] ?? null;
        // Keep transition times of unchanged conditions so an unchanged pod is a no-op.
        if (deepEqual(withoutTimes(before), withoutTimes(p))) continue;
        this.store.put(key, p, 'MODIFIED');
      } else {
        meta['uid'] = randomUUID();
        meta['creationTimestamp'] = nowSeconds(this.now());
        this.store.put(key, p, 'ADDED');
      }
    }
  }

  private internalStatusWrite(ns: string, name: string, status: JsonObject): void {
    const old = this.store.get('apps/deployments', ns, name);
    if (!old || this.closed) return;
    const rt = this.typeOf('apps', 'deployments');
    const rr: ResourceRequest = {
      rt,
      group: 'apps',
      version: 'v1',
      namespace: ns,
      name,
      subresource: 'status',
      verb: 'update',
    };
    const fake: Req = {
      method: 'PUT',
      url: new URL('http://x/'),
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.alloc(0),
    };
    commit(this, rr, old, { ...clone(old), status }, fake, {
      manager: 'kube-controller-manager',
      dry: false,
    });
  }
}

/** A pod without its timestamps, to tell a real change from a re-sync. */
function withoutTimes(p: JsonObject): string {
  return JSON.stringify(p, (k, v: unknown) =>
    ['lastTransitionTime', 'startTime', 'startedAt', 'resourceVersion', 'creationTimestamp', 'uid'].includes(
      k,
    )
      ? undefined
      : v,
  );
}

export type { Status };
