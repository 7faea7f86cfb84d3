// The embedded mesh's data plane: an ingress gateway routing as Istio does (routes.ts), an in-process
// podinfo-like app per Deployment (app.ts), and Istio's standard metrics (metrics.ts).
import { randomInt, randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataPlane, DataPlaneOptions, KubeObject, MeshConfigSource } from '../types.js';
import { PodinfoApp } from './app.js';
import { IstioMetrics, type BaseLabels } from './metrics.js';
import { createRng } from './rng.js';
import {
  buildRoutingTable,
  pickDestination,
  pickWorkload,
  routesForHost,
  selectRoute,
  type HeaderOps,
  type RequestView,
  type Route,
  type RoutingTable,
  type SourceIdentity,
  type Upstream,
  type Workload,
} from './routes.js';

export type { DataPlane, DataPlaneOptions } from '../types.js';
export { createMemoryConfigSource, type MemoryConfigSource } from './memory.js';
export {
  ERROR_CODE_ANNOTATION,
  ERROR_RATE_ANNOTATION,
  LATENCY_ANNOTATION,
  parseLatency,
  profileFor,
} from './profile.js';
export { ISTIO_DURATION_BUCKETS_MS } from './metrics.js';

/** The Gateway API kinds the data plane also routes by, beyond MeshKind (src/sim/types.ts). */
export type GatewayApiKind = 'HTTPRoute' | 'KubernetesGateway' | 'ReferenceGrant' | 'Namespace';

/**
 * A config source that also lists Gateway API objects (gateway.networking.k8s.io/v1 HTTPRoute and
 * Gateway). A plain MeshConfigSource is still accepted: the data plane then serves no HTTPRoute.
 */
export interface GatewayApiConfigSource extends MeshConfigSource {
  listGatewayApi(kind: GatewayApiKind): KubeObject[];
}

/** A shadow request the ingress sent (what the mirror's pod received), for observers. */
export interface MirroredRequest {
  /** "namespace/name" of the Deployment that received the copy. */
  workload: string;
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
}

export interface IngressOptions extends DataPlaneOptions {
  /** Called for every mirrored request as it is sent (the sim's log, tests). */
  onMirror?: (req: MirroredRequest) => void;
}

function listGatewayApi(config: MeshConfigSource, kind: GatewayApiKind): KubeObject[] {
  const c = config as Partial<GatewayApiConfigSource>;
  return typeof c.listGatewayApi === 'function' ? c.listGatewayApi(kind) : [];
}

type Recorder = (code: number, flags: string, ms: number) => void;
type HeaderMap = Map<string, string | string[]>;

const INGRESS: SourceIdentity = {
  workload: 'istio-ingressgateway',
  namespace: 'istio-system',
  principal: 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
};

function baseLabels(
  reporter: 'source' | 'destination',
  src: SourceIdentity,
  upstream?: Upstream,
  w?: Workload,
): BaseLabels {
  return {
    reporter,
    source_workload: src.workload,
    source_canonical_service: src.workload,
    source_canonical_revision: 'latest',
    source_workload_namespace: src.namespace,
    source_principal: src.principal,
    source_app: src.workload,
    source_version: 'unknown',
    source_cluster: 'Kubernetes',
    destination_workload: w?.name ?? 'unknown',
    destination_workload_namespace: w?.namespace ?? 'unknown',
    destination_principal: w ? `spiffe://cluster.local/ns/${w.namespace}/sa/default` : 'unknown',
    destination_app: w?.app ?? 'unknown',
    destination_version: w?.versionLabel ?? 'unknown',
    destination_service: upstream?.serviceFqdn ?? 'unknown',
    destination_service_name: upstream?.serviceName ?? 'unknown',
    destination_service_namespace: upstream?.serviceNamespace ?? 'unknown',
    destination_canonical_service: w?.canonicalService ?? 'unknown',
    destination_canonical_revision: w?.canonicalRevision ?? 'latest',
    destination_cluster: 'Kubernetes',
    request_protocol: 'http',
    grpc_response_status: '',
    // Sidecar-to-sidecar traffic is mTLS in Istio's default PERMISSIVE mode; the gateway reports "unknown".
    connection_security_policy: reporter === 'destination' ? 'mutual_tls' : 'unknown',
  };
}

/** Istio's HeaderOperations: remove, then set, then add (as Envoy's header parser evaluates them). */
function applyHeaderOps(headers: HeaderMap, ops: HeaderOps | undefined): void {
  if (!ops) return;
  for (const name of ops.remove) headers.delete(name);
  for (const [name, value] of ops.set) headers.set(name, value);
  for (const [name, value] of ops.add) {
    const current = headers.get(name);
    headers.set(
      name,
      current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value],
    );
  }
}

function splitUrl(url: string | undefined): { path: string; query: string } {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q < 0 ? { path: u, query: '' } : { path: u.slice(0, q), query: u.slice(q + 1) };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

class Ingress {
  private table!: RoutingTable;
  private dirty = true;
  private readonly apps = new Map<string, PodinfoApp>();
  private recorders = new Map<string, Recorder>();
  private readonly rng;
  readonly metrics = new IstioMetrics();

  constructor(
    private readonly config: MeshConfigSource,
    private readonly seed: number,
    private readonly signal: AbortSignal,
    private readonly onMirror?: (req: MirroredRequest) => void,
  ) {
    this.rng = createRng(seed);
  }

  /** Mark the table stale; the next request rebuilds it once, however many objects changed. */
  invalidate(): void {
    this.dirty = true;
  }

  /** The objects the current routing table refused, with the reasons. */
  rejected(): RoutingTable['rejected'] {
    return this.current().rejected;
  }

  /** Without onChange there is no other way to see changes: rebuild per request. */
  alwaysRebuild = false;

  private current(): RoutingTable {
    if (this.dirty || this.alwaysRebuild) {
      this.dirty = false;
      this.table = buildRoutingTable({
        virtualServices: this.config.list('VirtualService'),
        destinationRules: this.config.list('DestinationRule'),
        gateways: this.config.list('Gateway'),
        deployments: this.config.list('Deployment'),
        services: this.config.list('Service'),
        k8sGateways: listGatewayApi(this.config, 'KubernetesGateway'),
        httpRoutes: listGatewayApi(this.config, 'HTTPRoute'),
        referenceGrants: listGatewayApi(this.config, 'ReferenceGrant'),
        namespaces: listGatewayApi(this.config, 'Namespace'),
      });
      const seen = new Set<string>();
      for (const w of this.table.workloads) {
        seen.add(w.key);
        const app = this.apps.get(w.key);
        if (app) app.update(w);
        else this.apps.set(w.key, new PodinfoApp(w, this.seed, this.signal));
      }
      for (const key of this.apps.keys()) if (!seen.has(key)) this.apps.delete(key);
      // Labels may have changed: recorders are recreated; the series themselves live on in metrics.
      this.recorders = new Map();
    }
    return this.table;
  }

  private recorder(
    reporter: 'source' | 'destination',
    src: SourceIdentity,
    upstream?: Upstream,
    w?: Workload,
  ): Recorder {
    const key = `${reporter}|${src.workload}|${src.namespace}|${upstream?.serviceFqdn ?? ''}|${w?.key ?? ''}`;
    let r = this.recorders.get(key);
    if (!r) {
      r = this.metrics.recorder(baseLabels(reporter, src, upstream, w));
      this.recorders.set(key, r);
    }
    return r;
  }

  /** Ask the routing table, call the app, record metrics. Never throws. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const start = performance.now();
    let source: Recorder | undefined;
    let flags = '-';
    res.once('finish', () => source?.(res.statusCode, flags, performance.now() - start));
    try {
      const table = this.current();
      const routes = routesForHost(table, req.headers.host);
      const { path, query } = splitUrl(req.url);
      const view: RequestView = {
        method: req.method ?? 'GET',
        path,
        query,
        authority: req.headers.host ?? '',
        scheme: 'http',
        // Envoy joins repeated headers with "," (Node would use ", "); cookies with "; " as Node does.
        header: (name) => {
          if (name === 'cookie') return req.headers.cookie;
          const v = req.headersDistinct[name];
          return v === undefined ? undefined : v.join(',');
        },
      };
      const route = routes && selectRoute(routes, view);
      const src = route?.source ?? INGRESS;
      source = this.recorder('source', src);
      if (!route) {
        flags = 'NR';
        return this.local(res, 404, '');
      }
      if (route.redirect) {
        const r = route.redirect;
        const host = r.authority ?? req.headers.host ?? '';
        res.writeHead(r.status, { location: `${r.scheme ?? 'http'}://${host}${r.uri ?? req.url ?? '/'}` });
        res.end();
        return;
      }
      if (route.directResponse) {
        const headers: HeaderMap = new Map();
        applyHeaderOps(headers, route.headers.response);
        return this.send(res, route.directResponse.status, headers, route.directResponse.body);
      }
      if (route.fault) {
        const f = route.fault;
        if (f.delayMs !== undefined && this.rng.next() < f.delayFraction) {
          flags = 'DI';
          await sleep(f.delayMs, undefined, { signal: this.signal });
        }
        if (f.abortStatus !== undefined && this.rng.next() < f.abortFraction) {
          flags = 'FI';
          return this.local(res, f.abortStatus, 'fault filter abort');
        }
      }
      if (route.localStatus !== undefined) return this.local(res, route.localStatus, '');
      const dest = pickDestination(route, this.rng.next());
      if (!dest) {
        flags = 'NR';
        return this.local(res, 404, '');
      }
      if (!dest.upstream) {
        flags = dest.missingStatus === undefined ? 'NC' : '-';
        return this.local(res, dest.missingStatus ?? 503, '');
      }
      const workload = pickWorkload(dest.upstream, this.rng.next());
      source = this.recorder('source', src, dest.upstream, workload);
      const app = workload && this.apps.get(workload.key);
      if (!workload || !app) {
        flags = 'UH';
        return this.local(res, 503, 'no healthy upstream');
      }

      const reqHeaders: HeaderMap = new Map();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) reqHeaders.set(k, v);
      if (!reqHeaders.has('x-request-id')) reqHeaders.set('x-request-id', randomUUID());
      reqHeaders.set('x-forwarded-proto', 'http');
      reqHeaders.set('x-envoy-attempt-count', '1');
      const appPath = rewritePath(route, path);
      let bodyRead: Promise<Buffer> | undefined;
      const body = (): Promise<Buffer> => (bodyRead ??= readBody(req));
      if (route.mirrors.length > 0) {
        // The shadow gets the route's header changes, not those of the weighted destination.
        const shadow: HeaderMap = new Map(reqHeaders);
        applyHeaderOps(shadow, route.headers.request);
        if (route.rewrite?.authority) shadow.set('host', route.rewrite.authority);
        this.mirror(route, src, view.method, appPath, shadow, body);
      }
      // Envoy applies the weighted cluster's header changes, then the route's (the route's win).
      applyHeaderOps(reqHeaders, dest.headers.request);
      applyHeaderOps(reqHeaders, route.headers.request);
      if (route.rewrite?.authority) reqHeaders.set('host', route.rewrite.authority);

      const appStart = performance.now();
      const call = app.handle({
        method: view.method,
        path: appPath,
        headers: Object.fromEntries(reqHeaders),
        body,
      });
      const reply = await withTimeout(call, route.timeoutMs);
      const appMs = performance.now() - appStart;
      if (reply !== 'timeout' && reply.reset === true) {
        // The app died under the request (profile reset-rate): the client's connection is reset.
        flags = 'UC';
        req.socket.resetAndDestroy();
        return;
      }
      if (reply === 'timeout') {
        flags = 'UT';
        // The destination sidecar still sees the app answer, later.
        const dst = this.recorder('destination', src, dest.upstream, workload);
        call.then(
          (late) => dst(late.status, '-', Math.max(0, performance.now() - appStart - (late.lagMs ?? 0))),
          () => undefined,
        );
        return this.local(res, 504, 'upstream request timeout');
      }
      this.recorder(
        'destination',
        src,
        dest.upstream,
        workload,
      )(reply.status, '-', Math.max(0, appMs - (reply.lagMs ?? 0)));

      const headers: HeaderMap = new Map(Object.entries(reply.headers));
      headers.set('x-envoy-upstream-service-time', String(Math.round(appMs)));
      applyHeaderOps(headers, dest.headers.response);
      applyHeaderOps(headers, route.headers.response);
      return this.send(res, reply.status, headers, reply.body);
    } catch (err) {
      // Aborted on close, or a bug: answer as Envoy would rather than drop the socket.
      flags = 'UF';
      if (!res.headersSent && !res.destroyed) this.local(res, 503, `upstream connect error: ${String(err)}`);
      else res.destroy();
    }
  }

  /**
   * Envoy's request mirroring: for each selected mirror, a copy of the request (Host suffixed with
   * "-shadow") goes to a pod of the mirror's upstream, fire-and-forget. Only the destination side
   * records it (its sidecar sees an inbound request); the client never sees the response.
   */
  private mirror(
    route: Route,
    src: SourceIdentity,
    method: string,
    path: string,
    headers: HeaderMap,
    body: () => Promise<Buffer>,
  ): void {
    for (const m of route.mirrors) {
      if (!m.upstream || this.rng.next() >= m.fraction) continue;
      const workload = pickWorkload(m.upstream, this.rng.next());
      const app = workload && this.apps.get(workload.key);
      if (!workload || !app) continue;
      const copy: HeaderMap = new Map(headers);
      const host = String(copy.get('host') ?? '');
      const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
      copy.set('host', colon < 0 ? `${host}-shadow` : `${host.slice(0, colon)}-shadow${host.slice(colon)}`);
      const dst = this.recorder('destination', src, m.upstream, workload);
      const start = performance.now();
      const sent = Object.fromEntries(copy);
      this.onMirror?.({ workload: workload.key, method, path, headers: sent });
      app.handle({ method, path, headers: sent, body }).then(
        (reply) => {
          const ms = Math.max(0, performance.now() - start - (reply.lagMs ?? 0));
          if (reply.reset === true) dst(503, 'UC', ms);
          else dst(reply.status, '-', ms);
        },
        () => undefined,
      );
    }
  }

  private local(res: ServerResponse, status: number, body: string): void {
    const headers: HeaderMap = new Map([['content-type', 'text/plain']]);
    this.send(res, status, headers, body);
  }

  private send(res: ServerResponse, status: number, headers: HeaderMap, body: string | Buffer): void {
    if (res.destroyed) return;
    const out: OutgoingHttpHeaders = Object.fromEntries(headers);
    out.server = 'istio-envoy';
    out['content-length'] = Buffer.byteLength(body);
    res.writeHead(status, out);
    res.end(body);
  }
}

function rewritePath(route: Route, path: string): string {
  const uri = route.rewrite?.uri;
  if (uri === undefined) return path;
  // Istio replaces the matched prefix when the match was a prefix, else the whole path.
  for (const m of route.matches) {
    if (m.uriPrefix === undefined || !path.startsWith(m.uriPrefix)) continue;
    const rest = path.slice(m.uriPrefix.length);
    // The Gateway API's ReplacePrefixMatch joins on path elements: "/" + "/bar" is "/bar".
    if (route.kind === 'HTTPRoute' && uri.endsWith('/') && rest.startsWith('/')) return uri + rest.slice(1);
    return uri + rest;
  }
  return uri;
}

async function withTimeout<T>(p: Promise<T>, ms: number | undefined): Promise<T | 'timeout'> {
  if (ms === undefined) return p;
  const ac = new AbortController();
  try {
    return await Promise.race([p, sleep(ms, 'timeout' as const, { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export async function startDataPlane(options: IngressOptions): Promise<DataPlane> {
  const closing = new AbortController();
  const seed = options.seed ?? randomInt(2 ** 31);
  const ingress = new Ingress(options.config, seed, closing.signal, options.onMirror);
  const unsubscribe = options.config.onChange?.(() => ingress.invalidate());
  if (!unsubscribe) ingress.alwaysRebuild = true;

  const ingressServer = createServer({ keepAlive: true, noDelay: true }, (req, res) => {
    void ingress.handle(req, res);
  });
  // Load generators hold connections open between bursts; Envoy's idle timeout is 1h, Node's 5s.
  ingressServer.keepAliveTimeout = 120_000;
  ingressServer.headersTimeout = 125_000;

  const metricsServer = createServer((req, res) => {
    const { path } = splitUrl(req.url);
    // What istiod would have refused (`istioctl analyze`): objects the routing table left out, and why.
    if (req.method === 'GET' && path === '/debug/rejected') {
      const body = JSON.stringify(ingress.rejected(), null, 2);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    // /stats/prometheus is where Istio's Prometheus addon scrapes Envoy.
    if (req.method === 'GET' && (path === '/metrics' || path === '/stats/prometheus')) {
      const body = ingress.metrics.render();
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found: metrics are at /metrics, refused objects at /debug/rejected\n');
  });

  try {
    const ingressPort = await listen(ingressServer, options.ingressPort ?? 0);
    const metricsPort = await listen(metricsServer, options.metricsPort ?? 0);
    return {
      ingressUrl: `http://127.0.0.1:${ingressPort}`,
      metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
      async close() {
        unsubscribe?.();
        closing.abort();
        await Promise.all([closeServer(ingressServer), closeServer(metricsServer)]);
      },
    };
  } catch (err) {
    unsubscribe?.();
    closing.abort();
    await Promise.all([closeServer(ingressServer), closeServer(metricsServer)]);
    throw err;
  }
}
