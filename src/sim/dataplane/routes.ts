// The routing table: Istio's VirtualService / DestinationRule / Gateway semantics compiled from plain
// Kubernetes objects once per config change, then matched per request without recomputation. Pure.
import type { KubeObject } from '../types.js';
import { imageTag, parseDurationMs } from './profile.js';
import { compileStringMatch } from './routes-match.js';
import {
  CLUSTER_DOMAIN,
  asArr,
  asNum,
  asObj,
  asStr,
  asStrMap,
  byCreation,
  nameOf,
  nsOf,
  type Obj,
} from './routes-objects.js';
import { compileGatewayApi, type GatewayApiStatus } from './routes-gateway-api.js';

export { CLUSTER_DOMAIN };

export interface MeshObjects {
  virtualServices: KubeObject[];
  destinationRules: KubeObject[];
  gateways: KubeObject[];
  deployments: KubeObject[];
  services: KubeObject[];
  /** gateway.networking.k8s.io/v1 Gateways (class `istio` is served by the ingress). */
  k8sGateways?: KubeObject[];
  /** gateway.networking.k8s.io/v1 HTTPRoutes. */
  httpRoutes?: KubeObject[];
  /** gateway.networking.k8s.io ReferenceGrants (cross-namespace backendRefs). */
  referenceGrants?: KubeObject[];
  /** Namespaces, for listeners' allowedRoutes selectors. */
  namespaces?: KubeObject[];
}

/** One Deployment: the pods behind a service (+ subset). */
export interface Workload {
  key: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  image: string | undefined;
  available: number;
  /** The `version` label (Istio's destination_version), else app.kubernetes.io/version, else "unknown". */
  versionLabel: string;
  /** What the app reports as its version: the `version` label, else the image tag. */
  appVersion: string;
  app: string;
  canonicalService: string;
  canonicalRevision: string;
}

export interface Upstream {
  serviceFqdn: string;
  serviceName: string;
  serviceNamespace: string;
  subset: string | undefined;
  /** Workloads with available replicas, and the running sum of their replicas for the pick. */
  ready: Workload[];
  readyCumulative: number[];
}

export interface HeaderOps {
  set: [string, string][];
  add: [string, string][];
  remove: string[];
}

export interface Destination {
  host: string;
  weight: number;
  /** Undefined: no such service or subset (Envoy: 503, flag NC). */
  upstream: Upstream | undefined;
  /** The local reply when `upstream` is undefined: Envoy's 503 (NC) for Istio, 500 for the Gateway API. */
  missingStatus?: number;
  headers: { request?: HeaderOps; response?: HeaderOps };
}

export interface RequestView {
  method: string;
  path: string;
  query: string;
  authority: string;
  scheme: string;
  header(name: string): string | undefined;
}

export interface Match {
  /** The uri prefix this match tests, for rewrite.uri (which replaces just the prefix). */
  uriPrefix?: string;
  test: (req: RequestView, params: () => URLSearchParams) => boolean;
}

export interface Fault {
  delayMs?: number;
  delayFraction: number;
  abortStatus?: number;
  abortFraction: number;
}

/** A copy of the request sent to `upstream` (responses discarded), for `fraction` of the requests. */
export interface Mirror {
  host: string;
  upstream: Upstream | undefined;
  fraction: number;
}

/** The proxy reporting as source: the Istio ingress gateway, or a Gateway API Gateway's deployment. */
export interface SourceIdentity {
  workload: string;
  namespace: string;
  principal: string;
}

export interface Route {
  name: string | undefined;
  /** "ns/name" of the VirtualService or HTTPRoute the route came from. */
  virtualService: string;
  kind: 'VirtualService' | 'HTTPRoute';
  matches: Match[];
  destinations: Destination[];
  cumulativeWeights: number[];
  totalWeight: number;
  headers: { request?: HeaderOps; response?: HeaderOps };
  rewrite?: { uri?: string; authority?: string };
  redirect?: { status: number; uri?: string; authority?: string; scheme?: string };
  directResponse?: { status: number; body: string };
  fault?: Fault;
  timeoutMs?: number;
  mirrors: Mirror[];
  /** Set for Gateway API routes (the `<gateway>-istio` deployment); else the ingress gateway. */
  source?: SourceIdentity;
  /** A local reply instead of an upstream (Gateway API: 500 for unresolved or zero-weight backends). */
  localStatus?: number;
}

/** An object the mesh refuses, as istiod's validation would, with the reason. */
export interface Rejection {
  kind: string;
  namespace: string;
  name: string;
  reason: string;
}

export interface RoutingTable {
  exact: Map<string, Route[]>;
  /** "*.example.com" stored as ".example.com", longest first (Envoy's precedence). */
  suffixes: [string, Route[]][];
  catchAll: Route[] | undefined;
  workloads: Workload[];
  rejected: Rejection[];
  /** The status istiod would write on Gateway API objects. */
  gatewayApi: GatewayApiStatus;
}

/** Host → FQDN candidates in lookup order: as written, then expanded relative to `namespace`. */
export function serviceFqdnCandidates(host: string, namespace: string): string[] {
  const h = host.toLowerCase().replace(/\.$/, '');
  const dots = h.split('.').length - 1;
  if (dots === 0) return [`${h}.${namespace}.${CLUSTER_DOMAIN}`];
  if (h.endsWith('.svc')) return [`${h}.cluster.local`];
  if (dots === 1) return [h, `${h}.${CLUSTER_DOMAIN}`];
  return [h];
}

/** Names a request's Host may carry for a VirtualService host (Envoy's sidecar domain aliases). */
export function hostAliases(host: string, namespace: string): string[] {
  const h = host.toLowerCase().replace(/\.$/, '');
  let name: string | undefined;
  let ns: string | undefined;
  const parts = h.split('.');
  if (parts.length === 1) [name, ns] = [h, namespace];
  else if (h.endsWith(`.${CLUSTER_DOMAIN}`) && parts.length === 5) [name, ns] = [parts[0], parts[1]];
  else if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc'))
    [name, ns] = [parts[0], parts[1]];
  if (name === undefined || ns === undefined) return [h];
  const fqdn = `${name}.${ns}.${CLUSTER_DOMAIN}`;
  const aliases = [name, `${name}.${ns}`, `${name}.${ns}.svc`, fqdn];
  // A dotted host like podinfo.co matches as written too.
  if (!aliases.includes(h)) aliases.push(h);
  return aliases;
}

/** Host header → lookup key: lower case, no port, no trailing dot. */
export function normalizeHost(raw: string | undefined): string {
  if (!raw) return '';
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    h = end >= 0 ? h.slice(0, end + 1) : h;
  } else {
    const colon = h.lastIndexOf(':');
    if (colon >= 0) h = h.slice(0, colon);
  }
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** compileStringMatch with the field's name in the error. */
function fieldMatch(field: string, spec: unknown, ignoreCase = false): ReturnType<typeof compileStringMatch> {
  try {
    return compileStringMatch(spec, ignoreCase);
  } catch (err) {
    throw new Error(`${field}: ${(err as Error).message}`, { cause: err });
  }
}

/** One HTTPMatchRequest: every condition in it must hold (AND); a route's match list is OR'ed. */
function compileMatch(spec: Obj, gatewayOk: (names: string[]) => boolean): Match | undefined {
  const gateways = asArr(spec.gateways).filter((g): g is string => typeof g === 'string');
  if (gateways.length > 0 && !gatewayOk(gateways)) return undefined;
  const ignoreCase = spec.ignoreUriCase === true;
  const tests: ((req: RequestView, params: () => URLSearchParams) => boolean)[] = [];
  const uri = fieldMatch('uri', spec.uri, ignoreCase);
  if (uri) tests.push((r) => uri(r.path));
  const method = fieldMatch('method', spec.method);
  if (method) tests.push((r) => method(r.method));
  const scheme = fieldMatch('scheme', spec.scheme);
  if (scheme) tests.push((r) => scheme(r.scheme));
  const authority = fieldMatch('authority', spec.authority);
  if (authority) tests.push((r) => authority(r.authority));
  for (const [name, m] of Object.entries(asObj(spec.headers) ?? {})) {
    const test = fieldMatch(`headers.${name}`, m);
    const key = name.toLowerCase();
    if (test) tests.push((r) => test(r.header(key)));
  }
  for (const [name, m] of Object.entries(asObj(spec.withoutHeaders) ?? {})) {
    const test = fieldMatch(`withoutHeaders.${name}`, m);
    const key = name.toLowerCase();
    if (test) tests.push((r) => !test(r.header(key)));
  }
  for (const [name, m] of Object.entries(asObj(spec.queryParams) ?? {})) {
    const test = fieldMatch(`queryParams.${name}`, m);
    if (test) tests.push((_r, params) => test(params().get(name) ?? undefined));
  }
  const uriPrefix = asStr(asObj(spec.uri)?.prefix);
  return {
    ...(uriPrefix !== undefined ? { uriPrefix } : {}),
    test: (req, params) => tests.every((t) => t(req, params)),
  };
}

export function compileHeaderOps(spec: unknown): HeaderOps | undefined {
  const o = asObj(spec);
  if (!o) return undefined;
  const lower = (m: Record<string, string>): [string, string][] =>
    Object.entries(m).map(([k, v]) => [k.toLowerCase(), v]);
  return {
    set: lower(asStrMap(o.set)),
    add: lower(asStrMap(o.add)),
    remove: asArr(o.remove)
      .filter((k): k is string => typeof k === 'string')
      .map((k) => k.toLowerCase()),
  };
}

function compileHeaders(spec: unknown): { request?: HeaderOps; response?: HeaderOps } {
  const o = asObj(spec);
  const request = compileHeaderOps(o?.request);
  const response = compileHeaderOps(o?.response);
  return { ...(request ? { request } : {}), ...(response ? { response } : {}) };
}

function percentage(spec: Obj): number {
  const pct = asNum(asObj(spec.percentage)?.value) ?? asNum(spec.percent) ?? 100;
  return Math.min(1, Math.max(0, pct / 100));
}

function compileFault(spec: unknown): Fault | undefined {
  const o = asObj(spec);
  if (!o) return undefined;
  const fault: Fault = { delayFraction: 0, abortFraction: 0 };
  const delay = asObj(o.delay);
  const delayMs = delay ? parseDurationMs(asStr(delay.fixedDelay) ?? '') : undefined;
  if (delay && delayMs !== undefined) {
    fault.delayMs = delayMs;
    fault.delayFraction = percentage(delay);
  }
  const abort = asObj(o.abort);
  const status = abort ? asNum(abort.httpStatus) : undefined;
  if (abort && status !== undefined) {
    fault.abortStatus = status;
    fault.abortFraction = percentage(abort);
  }
  return fault.delayMs !== undefined || fault.abortStatus !== undefined ? fault : undefined;
}

/** Envoy's behaviour for a route's weights: one destination takes everything; else the given weights. */
function weightsOf(route: Obj[]): number[] {
  if (route.length === 1) return [100];
  const weights = route.map((r) => Math.max(0, asNum(r.weight) ?? 0));
  return weights.some((w) => w > 0) ? weights : weights.map(() => 1);
}

export type ResolveUpstream = (
  host: string,
  subset: string | undefined,
  namespace: string,
) => Upstream | undefined;

/** Istio's mirror fields: `mirrors` (1.19+), else `mirror` with `mirrorPercentage` or the older `mirrorPercent`. */
function compileMirrors(http: Obj, ns: string, resolve: ResolveUpstream, where: string): Mirror[] {
  if (http.mirror !== undefined && asArr(http.mirrors).length > 0)
    throw new Error(`${where}: HTTP route cannot contain both mirror and mirrors`);
  const one = (dest: Obj | undefined, pct: number): Mirror | undefined => {
    const host = asStr(dest?.host);
    if (!host) return undefined;
    if (pct < 0 || pct > 100) throw new Error(`${where}: mirror percentage ${pct} is outside 0-100`);
    return {
      host,
      upstream: resolve(host, asStr(dest?.subset), ns),
      fraction: Math.min(1, Math.max(0, pct / 100)),
    };
  };
  const mirrors = asArr(http.mirrors)
    .map(asObj)
    .map((m) => one(asObj(m?.destination), asNum(asObj(m?.percentage)?.value) ?? 100))
    .filter((m): m is Mirror => m !== undefined);
  const legacyPct =
    asNum(asObj(http.mirrorPercentage)?.value) ??
    asNum(http.mirrorPercent) ??
    asNum(http.mirror_percent) ??
    100;
  const legacy = one(asObj(http.mirror), legacyPct);
  return legacy ? [...mirrors, legacy] : mirrors;
}

/** One VirtualService's http routes; throws (with the reason) when istiod would refuse it. */
function compileVirtualServiceRoutes(
  vs: KubeObject,
  gatewayOk: (names: string[]) => boolean,
  resolveUpstream: ResolveUpstream,
): Route[] {
  const spec = asObj(vs.spec);
  const ns = nsOf(vs);
  const routes: Route[] = [];
  for (const [index, h] of asArr(spec?.http).entries()) {
    const http = asObj(h);
    if (!http) continue;
    const matchSpecs = asArr(http.match)
      .map(asObj)
      .filter((m): m is Obj => m !== undefined);
    let matches: Match[];
    try {
      matches = matchSpecs.map((m) => compileMatch(m, gatewayOk)).filter((m): m is Match => !!m);
    } catch (err) {
      throw new Error(`http[${index}].match: ${(err as Error).message}`, { cause: err });
    }
    // Every match was for a gateway this ingress is not: the route never applies here.
    if (matchSpecs.length > 0 && matches.length === 0) continue;

    const routeSpecs = asArr(http.route)
      .map(asObj)
      .filter((r): r is Obj => r !== undefined);
    const weights = weightsOf(routeSpecs);
    const destinations: Destination[] = routeSpecs.map((r, i) => {
      const dest = asObj(r.destination);
      // `name` is the 2018 v1alpha3 field, accepted for old manifests.
      const host = asStr(dest?.host) ?? asStr(dest?.name) ?? '';
      return {
        host,
        weight: weights[i] ?? 0,
        upstream: resolveUpstream(host, asStr(dest?.subset), ns),
        headers: compileHeaders(r.headers),
      };
    });
    let sum = 0;
    const cumulativeWeights = destinations.map((d) => (sum += d.weight));

    const route: Route = {
      name: asStr(http.name),
      virtualService: `${ns}/${nameOf(vs)}`,
      kind: 'VirtualService',
      matches,
      destinations,
      cumulativeWeights,
      totalWeight: sum,
      headers: compileHeaders(http.headers),
      mirrors: compileMirrors(http, ns, resolveUpstream, `http[${index}]`),
    };
    const rewrite = asObj(http.rewrite);
    if (rewrite) route.rewrite = { uri: asStr(rewrite.uri), authority: asStr(rewrite.authority) };
    const redirect = asObj(http.redirect);
    if (redirect)
      route.redirect = {
        status: asNum(redirect.redirectCode) ?? 301,
        uri: asStr(redirect.uri),
        authority: asStr(redirect.authority),
        scheme: asStr(redirect.scheme),
      };
    const direct = asObj(http.directResponse);
    if (direct)
      route.directResponse = {
        status: asNum(direct.status) ?? 200,
        body: asStr(asObj(direct.body)?.string) ?? '',
      };
    const fault = compileFault(http.fault);
    if (fault) route.fault = fault;
    const timeout = asStr(http.timeout);
    const timeoutMs = timeout === undefined ? undefined : parseDurationMs(timeout);
    if (timeoutMs !== undefined && timeoutMs > 0) route.timeoutMs = timeoutMs;
    routes.push(route);
  }
  return routes;
}

/**
 * What istiod's validating webhook (validation.istio.io) would say about a VirtualService's http
 * routes, or undefined when they compile: for an Istio admission check that refuses at apply time
 * what this table would otherwise leave out (the regexes RE2 lacks).
 */
export function virtualServiceValidationError(vs: KubeObject): string | undefined {
  try {
    compileVirtualServiceRoutes(
      vs,
      () => true,
      () => undefined,
    );
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function buildRoutingTable(objs: MeshObjects): RoutingTable {
  const gatewayNames = new Set(objs.gateways.map((g) => `${nsOf(g)}/${nameOf(g)}`));

  const workloads: Workload[] = objs.deployments.map((d) => {
    const spec = asObj(d.spec);
    const template = asObj(spec?.template);
    const tmeta = asObj(template?.metadata);
    const labels = asStrMap(tmeta?.labels);
    const annotations = { ...asStrMap(asObj(d.metadata)?.annotations), ...asStrMap(tmeta?.annotations) };
    const container = asObj(asArr(asObj(template?.spec)?.containers)[0]);
    const image = asStr(container?.image);
    const name = nameOf(d);
    const versionLabel = labels.version ?? labels['app.kubernetes.io/version'] ?? 'unknown';
    const app = labels.app ?? labels['app.kubernetes.io/name'] ?? 'unknown';
    return {
      key: `${nsOf(d)}/${name}`,
      name,
      namespace: nsOf(d),
      labels,
      annotations,
      image,
      available: asNum(asObj(d.status)?.availableReplicas) ?? 0,
      versionLabel,
      appVersion: labels.version ?? imageTag(image) ?? 'latest',
      app,
      canonicalService:
        labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? name,
      canonicalRevision:
        labels['service.istio.io/canonical-revision'] ??
        labels['app.kubernetes.io/version'] ??
        labels.version ??
        'latest',
    };
  });

  const services = new Map<string, KubeObject>();
  for (const s of objs.services) services.set(`${nameOf(s)}.${nsOf(s)}.${CLUSTER_DOMAIN}`, s);

  const subsetsByHost = new Map<string, Map<string, Record<string, string>>>();
  for (const dr of [...objs.destinationRules].sort(byCreation)) {
    const spec = asObj(dr.spec);
    const host = asStr(spec?.host);
    if (!host) continue;
    const fqdn =
      serviceFqdnCandidates(host, nsOf(dr)).find((c) => services.has(c)) ??
      serviceFqdnCandidates(host, nsOf(dr)).at(-1) ??
      host;
    if (subsetsByHost.has(fqdn)) continue; // the oldest DestinationRule for a host wins
    const subsets = new Map<string, Record<string, string>>();
    for (const s of asArr(spec?.subsets)) {
      const so = asObj(s);
      const n = asStr(so?.name);
      if (n) subsets.set(n, asStrMap(so?.labels));
    }
    subsetsByHost.set(fqdn, subsets);
  }

  const upstreams = new Map<string, Upstream | undefined>();
  const resolveUpstream = (
    host: string,
    subset: string | undefined,
    namespace: string,
  ): Upstream | undefined => {
    const fqdn = serviceFqdnCandidates(host, namespace).find((c) => services.has(c));
    if (!fqdn) return undefined;
    const key = `${fqdn}|${subset ?? ''}`;
    if (upstreams.has(key)) return upstreams.get(key);
    const svc = services.get(fqdn);
    let upstream: Upstream | undefined;
    const selector = asStrMap(asObj(svc?.spec)?.selector);
    const subsetLabels = subset === undefined ? {} : subsetsByHost.get(fqdn)?.get(subset);
    if (svc && subsetLabels) {
      const want = { ...selector, ...subsetLabels };
      const ns = nsOf(svc);
      // A Service without a selector has no endpoints of its own.
      const members =
        Object.keys(selector).length === 0
          ? []
          : workloads.filter(
              (w) => w.namespace === ns && Object.entries(want).every(([k, v]) => w.labels[k] === v),
            );
      const ready = members.filter((w) => w.available > 0);
      let sum = 0;
      upstream = {
        serviceFqdn: fqdn,
        serviceName: nameOf(svc),
        serviceNamespace: ns,
        subset,
        ready,
        readyCumulative: ready.map((w) => (sum += w.available)),
      };
    }
    upstreams.set(key, upstream);
    return upstream;
  };

  const table: RoutingTable = {
    exact: new Map(),
    suffixes: [],
    catchAll: undefined,
    workloads,
    rejected: [],
    gatewayApi: { gateways: new Map(), routes: new Map() },
  };
  const suffixes = new Map<string, Route[]>();
  const addHost = (host: string, ns: string, routes: Route[]): void => {
    const h = host.toLowerCase();
    if (h === '*') {
      table.catchAll = [...(table.catchAll ?? []), ...routes];
    } else if (h.startsWith('*.')) {
      const suffix = h.slice(1);
      suffixes.set(suffix, [...(suffixes.get(suffix) ?? []), ...routes]);
    } else {
      for (const alias of hostAliases(h, ns)) {
        table.exact.set(alias, [...(table.exact.get(alias) ?? []), ...routes]);
      }
    }
  };

  for (const vs of [...objs.virtualServices].sort(byCreation)) {
    const spec = asObj(vs.spec);
    const ns = nsOf(vs);
    const gatewayOk = (names: string[]): boolean =>
      names.some((g) => g === 'mesh' || gatewayNames.has(g.includes('/') ? g : `${ns}/${g}`));
    const bound = asArr(spec?.gateways).filter((g): g is string => typeof g === 'string');
    if (!gatewayOk(bound.length > 0 ? bound : ['mesh'])) continue;

    let routes: Route[];
    try {
      routes = compileVirtualServiceRoutes(vs, gatewayOk, resolveUpstream);
    } catch (err) {
      // istiod's validation refuses the whole VirtualService; nothing of it is served.
      table.rejected.push({
        kind: 'VirtualService',
        namespace: ns,
        name: nameOf(vs),
        reason: (err as Error).message,
      });
      continue;
    }
    for (const host of asArr(spec?.hosts)) if (typeof host === 'string') addHost(host, ns, routes);
  }

  const gatewayApi = compileGatewayApi(objs, resolveUpstream);
  table.rejected.push(...gatewayApi.rejected);
  table.gatewayApi = gatewayApi.status;
  for (const { host, namespace, routes } of gatewayApi.hosts) addHost(host, namespace, routes);
  table.suffixes = [...suffixes.entries()].sort((a, b) => b[0].length - a[0].length);
  return table;
}

/** The routes of the virtual host a Host header selects; undefined → 404 (Envoy: NR). */
export function routesForHost(table: RoutingTable, rawHost: string | undefined): Route[] | undefined {
  const host = normalizeHost(rawHost);
  const exact = table.exact.get(host);
  if (exact) return exact;
  for (const [suffix, routes] of table.suffixes) {
    if (host.length > suffix.length && host.endsWith(suffix)) return routes;
  }
  return table.catchAll;
}

/** The first route whose match list accepts the request (no match list accepts everything). */
export function selectRoute(routes: Route[], req: RequestView): Route | undefined {
  let params: URLSearchParams | undefined;
  const lazyParams = (): URLSearchParams => (params ??= new URLSearchParams(req.query));
  for (const route of routes) {
    if (route.matches.length === 0 || route.matches.some((m) => m.test(req, lazyParams))) return route;
  }
  return undefined;
}

/** Weighted pick; `u` is uniform in [0, 1). */
export function pickDestination(route: Route, u: number): Destination | undefined {
  const target = u * route.totalWeight;
  for (let i = 0; i < route.destinations.length; i++) {
    if (target < (route.cumulativeWeights[i] ?? 0)) return route.destinations[i];
  }
  return undefined;
}

/** A ready workload, weighted by its available replicas (endpoints round the pods). */
export function pickWorkload(upstream: Upstream, u: number): Workload | undefined {
  const total = upstream.readyCumulative.at(-1) ?? 0;
  const target = u * total;
  for (let i = 0; i < upstream.ready.length; i++) {
    if (target < (upstream.readyCumulative[i] ?? 0)) return upstream.ready[i];
  }
  return undefined;
}
