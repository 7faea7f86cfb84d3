// The Kubernetes Gateway API as Istio serves it: HTTPRoutes (gateway.networking.k8s.io/v1) attached
// through parentRefs to Gateways of class `istio`, compiled into the same Route objects as
// VirtualServices (weighted backendRefs to Services, matches, RequestMirror and header filters), in
// Istio's precedence order, plus the status istiod would write (Accepted / ResolvedRefs per parent,
// Gateway Accepted / Programmed and listeners' attachedRoutes). Pure: the writes are in
// src/sim/gateway-status.ts.
import type { KubeObject } from '../types.js';
import { compileRe2, pathPrefixMatches, type StringMatch } from './routes-match.js';
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
import type {
  Destination,
  HeaderOps,
  Match,
  MeshObjects,
  Mirror,
  Rejection,
  RequestView,
  ResolveUpstream,
  Route,
  SourceIdentity,
} from './routes.js';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const ISTIO_GATEWAY_CLASS = 'istio';
export const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';

export interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface RouteParentStatus {
  parentRef: Obj;
  controllerName: string;
  conditions: Condition[];
}

export interface GatewayStatus {
  addresses: { type: string; value: string }[];
  conditions: Condition[];
  listeners: {
    name: string;
    attachedRoutes: number;
    supportedKinds: { group: string; kind: string }[];
    conditions: Condition[];
  }[];
}

export interface GatewayApiStatus {
  /** By "namespace/name"; only Gateways of class `istio`. */
  gateways: Map<string, GatewayStatus>;
  /** By "namespace/name"; the parents this controller owns (Gateways of class `istio`, or missing ones). */
  routes: Map<string, RouteParentStatus[]>;
}

export interface GatewayApiCompiled {
  /** Routes per hostname, already in Istio's precedence order. */
  hosts: { host: string; namespace: string; routes: Route[] }[];
  rejected: Rejection[];
  status: GatewayApiStatus;
}

interface Listener {
  name: string;
  hostname: string | undefined;
  protocol: string;
  from: string;
  selector: Obj | undefined;
}

interface Ranked {
  route: Route;
  /** Exact 3 > PathPrefix 2 > RegularExpression 1 (Istio's getURIRank). */
  uriRank: number;
  uriLength: number;
  method: boolean;
  headers: number;
  queryParams: number;
}

const cond = (type: string, ok: boolean, reason: string, message: string): Condition => ({
  type,
  status: ok ? 'True' : 'False',
  reason,
  message,
});

/** Istio's sortHTTPRoutes: path rank, path length, method, header count, query count; stable. */
function precedence(a: Ranked, b: Ranked): number {
  if (a.uriRank !== b.uriRank) return b.uriRank - a.uriRank;
  if (a.uriLength !== b.uriLength) return b.uriLength - a.uriLength;
  if (a.method !== b.method) return a.method ? -1 : 1;
  if (a.headers !== b.headers) return b.headers - a.headers;
  return b.queryParams - a.queryParams;
}

function re2At(pattern: string, where: string): RegExp {
  try {
    return compileRe2(pattern);
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
}

/** A Gateway API header/query match: type Exact (default) or RegularExpression (RE2, full match). */
function valueMatch(spec: Obj, where: string): StringMatch {
  const value = asStr(spec.value) ?? '';
  const type = asStr(spec.type) ?? 'Exact';
  if (type === 'RegularExpression') {
    const re = re2At(value, where);
    return (v) => v !== undefined && re.test(v);
  }
  if (type !== 'Exact')
    throw new Error(`${where}: type ${JSON.stringify(type)} is not Exact or RegularExpression`);
  return (v) => v === value;
}

function compileRouteMatch(spec: Obj, where: string): Omit<Ranked, 'route'> & { match: Match } {
  const tests: ((req: RequestView, params: () => URLSearchParams) => boolean)[] = [];
  const path = asObj(spec.path) ?? { type: 'PathPrefix', value: '/' };
  const pathType = asStr(path.type) ?? 'PathPrefix';
  const pathValue = asStr(path.value) ?? '/';
  let uriRank: number;
  let uriPrefix: string | undefined;
  if (pathType === 'Exact') {
    uriRank = 3;
    tests.push((r) => r.path === pathValue);
  } else if (pathType === 'PathPrefix') {
    uriRank = 2;
    uriPrefix = pathValue.replace(/\/+$/, '');
    tests.push((r) => pathPrefixMatches(pathValue, r.path));
  } else if (pathType === 'RegularExpression') {
    uriRank = 1;
    const re = re2At(pathValue, `${where}.path`);
    tests.push((r) => re.test(r.path));
  } else {
    throw new Error(
      `${where}.path: type ${JSON.stringify(pathType)} is not Exact, PathPrefix or RegularExpression`,
    );
  }
  const method = asStr(spec.method);
  if (method !== undefined) tests.push((r) => r.method === method);
  const headers = asArr(spec.headers)
    .map(asObj)
    .filter((h): h is Obj => h !== undefined);
  for (const [i, h] of headers.entries()) {
    const name = (asStr(h.name) ?? '').toLowerCase();
    const test = valueMatch(h, `${where}.headers[${i}]`);
    tests.push((r) => test(r.header(name)));
  }
  const queryParams = asArr(spec.queryParams)
    .map(asObj)
    .filter((q): q is Obj => q !== undefined);
  for (const [i, q] of queryParams.entries()) {
    const name = asStr(q.name) ?? '';
    const test = valueMatch(q, `${where}.queryParams[${i}]`);
    tests.push((_r, params) => test(params().get(name) ?? undefined));
  }
  return {
    match: {
      ...(uriPrefix !== undefined ? { uriPrefix } : {}),
      test: (req, params) => tests.every((t) => t(req, params)),
    },
    uriRank,
    uriLength: pathValue.length,
    method: method !== undefined,
    headers: headers.length,
    queryParams: queryParams.length,
  };
}

/** HTTPHeaderFilter ({set: [{name, value}], add: [...], remove: [names]}) as Istio's HeaderOperations. */
function headerFilter(spec: unknown): HeaderOps | undefined {
  const o = asObj(spec);
  if (!o) return undefined;
  const pairs = (v: unknown): [string, string][] =>
    asArr(v)
      .map(asObj)
      .filter((p): p is Obj => p !== undefined && typeof p.name === 'string')
      .map((p) => [String(p.name).toLowerCase(), asStr(p.value) ?? '']);
  return {
    set: pairs(o.set),
    add: pairs(o.add),
    remove: asArr(o.remove)
      .filter((k): k is string => typeof k === 'string')
      .map((k) => k.toLowerCase()),
  };
}

function isServiceRef(ref: Obj): boolean {
  const group = asStr(ref.group) ?? '';
  return (group === '' || group === 'core') && (asStr(ref.kind) ?? 'Service') === 'Service';
}

/** Services and the ReferenceGrants that let a route in one namespace use a Service in another. */
interface Refs {
  resolve: ResolveUpstream;
  granted(routeNs: string, serviceNs: string, service: string): boolean;
}

function referenceGrants(grants: KubeObject[]): Refs['granted'] {
  return (routeNs, serviceNs, service) =>
    grants.some((g) => {
      if (nsOf(g) !== serviceNs) return false;
      const spec = asObj(g.spec);
      const from = asArr(spec?.from)
        .map(asObj)
        .some(
          (f) =>
            asStr(f?.group) === GATEWAY_API_GROUP &&
            asStr(f?.kind) === 'HTTPRoute' &&
            asStr(f?.namespace) === routeNs,
        );
      const to = asArr(spec?.to)
        .map(asObj)
        .some(
          (t) =>
            (asStr(t?.group) ?? '') === '' &&
            asStr(t?.kind) === 'Service' &&
            (asStr(t?.name) === undefined || asStr(t?.name) === service),
        );
      return from && to;
    });
}

/** A LabelSelector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) against labels. */
export function selectorMatches(selector: Obj | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const ml = asObj(selector.matchLabels) ?? {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  return asArr(selector.matchExpressions)
    .map(asObj)
    .every((e) => {
      const key = asStr(e?.key) ?? '';
      const values = asArr(e?.values).filter((v): v is string => typeof v === 'string');
      const has = Object.hasOwn(labels, key);
      switch (asStr(e?.operator)) {
        case 'In':
          return has && values.includes(labels[key] ?? '');
        case 'NotIn':
          return !has || !values.includes(labels[key] ?? '');
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    });
}

/** Why a backendRef does not resolve (Gateway API reasons), or undefined. */
function refProblem(ref: Obj, routeNs: string, refs: Refs): [string, string] | undefined {
  const name = asStr(ref.name) ?? '';
  const ns = asStr(ref.namespace) ?? routeNs;
  if (!isServiceRef(ref))
    return [
      'InvalidKind',
      `referencing unsupported backendRef: group "${asStr(ref.group) ?? ''}" kind "${asStr(ref.kind) ?? ''}"`,
    ];
  if (ns !== routeNs && !refs.granted(routeNs, ns, name))
    return [
      'RefNotPermitted',
      `backendRef ${name}/${ns} not accessible to a HTTPRoute in namespace "${routeNs}" (missing a ReferenceGrant?)`,
    ];
  if (!refs.resolve(`${name}.${ns}.${CLUSTER_DOMAIN}`, undefined, ns))
    return ['BackendNotFound', `backend(${name}.${ns}.${CLUSTER_DOMAIN}) not found`];
  return undefined;
}

function compileMirror(spec: Obj, routeNs: string, refs: Refs): Mirror | undefined {
  const ref = asObj(spec.backendRef);
  if (!ref) return undefined;
  const name = asStr(ref.name) ?? '';
  const ns = asStr(ref.namespace) ?? routeNs;
  const fraction = asObj(spec.fraction);
  const pct =
    asNum(spec.percent) ??
    (fraction ? (100 * (asNum(fraction.numerator) ?? 0)) / (asNum(fraction.denominator) ?? 100) : 100);
  const host = `${name}.${ns}.${CLUSTER_DOMAIN}`;
  const ok = refProblem(ref, routeNs, refs) === undefined;
  return {
    host,
    upstream: ok ? refs.resolve(host, undefined, ns) : undefined,
    fraction: Math.min(1, Math.max(0, pct / 100)),
  };
}

/** One rule → one Route per match (Istio splits them so each can be ranked on its own). */
function compileRule(
  route: KubeObject,
  rule: Obj,
  index: number,
  refs: Refs,
  source: SourceIdentity,
): Ranked[] {
  const ns = nsOf(route);
  const headers: Route['headers'] = {};
  const mirrors: Mirror[] = [];
  let rewrite: { prefix?: string; full?: string; authority?: string } | undefined;
  let redirect: Route['redirect'];
  for (const f of asArr(rule.filters).map(asObj)) {
    const type = asStr(f?.type);
    if (!f) continue;
    if (type === 'RequestHeaderModifier') headers.request = headerFilter(f.requestHeaderModifier);
    else if (type === 'ResponseHeaderModifier') headers.response = headerFilter(f.responseHeaderModifier);
    else if (type === 'RequestMirror') {
      const m = compileMirror(asObj(f.requestMirror) ?? {}, ns, refs);
      if (m) mirrors.push(m);
    } else if (type === 'URLRewrite') {
      const u = asObj(f.urlRewrite);
      const p = asObj(u?.path);
      rewrite = {
        authority: asStr(u?.hostname),
        prefix: asStr(p?.type) === 'ReplacePrefixMatch' ? (asStr(p?.replacePrefixMatch) ?? '/') : undefined,
        full: asStr(p?.type) === 'ReplaceFullPath' ? asStr(p?.replaceFullPath) : undefined,
      };
    } else if (type === 'RequestRedirect') {
      const r = asObj(f.requestRedirect);
      const host = asStr(r?.hostname);
      const port = asNum(r?.port);
      redirect = {
        status: asNum(r?.statusCode) ?? 302,
        uri: asStr(asObj(r?.path)?.replaceFullPath),
        authority: host === undefined ? undefined : port === undefined ? host : `${host}:${port}`,
        scheme: asStr(r?.scheme),
      };
    }
  }

  const backendSpecs = asArr(rule.backendRefs)
    .map(asObj)
    .filter((b): b is Obj => b !== undefined);
  const destinations: Destination[] = backendSpecs.map((b) => {
    const name = asStr(b.name) ?? '';
    const bns = asStr(b.namespace) ?? ns;
    const host = `${name}.${bns}.${CLUSTER_DOMAIN}`;
    const dHeaders: Destination['headers'] = {};
    for (const f of asArr(b.filters).map(asObj)) {
      const type = asStr(f?.type);
      if (type === 'RequestHeaderModifier') dHeaders.request = headerFilter(f?.requestHeaderModifier);
      if (type === 'ResponseHeaderModifier') dHeaders.response = headerFilter(f?.responseHeaderModifier);
    }
    const ok = refProblem(b, ns, refs) === undefined;
    return {
      host,
      weight: Math.max(0, asNum(b.weight) ?? 1),
      upstream: ok ? refs.resolve(host, undefined, bns) : undefined,
      // The Gateway API answers an invalid backend's share of requests with 500.
      missingStatus: 500,
      headers: dHeaders,
    };
  });
  let sum = 0;
  const cumulativeWeights = destinations.map((d) => (sum += d.weight));
  const timeout = asStr(asObj(rule.timeouts)?.request);
  const timeoutMs = timeout === undefined ? undefined : parseGoDurationMs(timeout);

  const matchSpecs = asArr(rule.matches)
    .map(asObj)
    .filter((m): m is Obj => m !== undefined);
  const specs = matchSpecs.length > 0 ? matchSpecs : [{ path: { type: 'PathPrefix', value: '/' } }];
  return specs.map((spec, mi) => {
    const where = `rules[${index}].matches[${mi}]`;
    const { match, ...rank } = compileRouteMatch(spec, where);
    const m: Match = rewrite?.prefix !== undefined ? match : { test: match.test };
    const r: Route = {
      name: asStr(rule.name) ?? `${nameOf(route)}.${index}.${mi}`,
      virtualService: `${ns}/${nameOf(route)}`,
      kind: 'HTTPRoute',
      matches: [m],
      destinations,
      cumulativeWeights,
      totalWeight: sum,
      headers,
      mirrors,
      source,
    };
    if (rewrite) {
      const uri = rewrite.prefix ?? rewrite.full;
      r.rewrite = { uri, authority: rewrite.authority };
    }
    if (redirect) r.redirect = redirect;
    if (sum === 0) r.localStatus = 500;
    if (timeoutMs !== undefined && timeoutMs > 0) r.timeoutMs = timeoutMs;
    return { route: r, ...rank };
  });
}

/** Go durations as the Gateway API writes them ("10s", "500ms", "1m30s"). */
function parseGoDurationMs(s: string): number | undefined {
  const unit: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
    ns: 1e-6,
  };
  let total = 0;
  let rest = s;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
    rest = rest.slice(m[0].length);
  }
  return s.length > 0 ? total : undefined;
}

/** The hostnames a route serves on a listener; [] when none intersect. */
export function intersectHostnames(listener: string | undefined, route: string[]): string[] {
  const covers = (wild: string, h: string): boolean =>
    h.endsWith(wild.slice(1)) && h.length > wild.length - 1;
  if (route.length === 0) return [listener ?? '*'];
  if (listener === undefined) return route;
  const out: string[] = [];
  for (const h of route) {
    if (h === listener) out.push(h);
    else if (listener.startsWith('*.') && covers(listener, h)) out.push(h);
    else if (h.startsWith('*.') && covers(h, listener)) out.push(listener);
  }
  return out;
}

function parseListeners(gw: KubeObject): Listener[] {
  return asArr(asObj(gw.spec)?.listeners)
    .map(asObj)
    .filter((l): l is Obj => l !== undefined)
    .map((l) => ({
      name: asStr(l.name) ?? '',
      hostname: asStr(l.hostname)?.toLowerCase(),
      protocol: asStr(l.protocol) ?? 'HTTP',
      from: asStr(asObj(asObj(l.allowedRoutes)?.namespaces)?.from) ?? 'Same',
      selector: asObj(asObj(asObj(l.allowedRoutes)?.namespaces)?.selector),
    }));
}

export function compileGatewayApi(objs: MeshObjects, resolve: ResolveUpstream): GatewayApiCompiled {
  const refs: Refs = { resolve, granted: referenceGrants(objs.referenceGrants ?? []) };
  const nsLabels = new Map<string, Record<string, string>>();
  for (const n of objs.namespaces ?? []) nsLabels.set(nameOf(n), asStrMap(asObj(n.metadata)?.labels));
  // Without Namespace objects, the label every namespace carries (since Kubernetes 1.21).
  const labelsOf = (ns: string): Record<string, string> =>
    nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  const gateways = new Map<string, KubeObject>();
  for (const g of objs.k8sGateways ?? []) gateways.set(`${nsOf(g)}/${nameOf(g)}`, g);
  const ours = (g: KubeObject): boolean => asStr(asObj(g.spec)?.gatewayClassName) === ISTIO_GATEWAY_CLASS;
  const attached = new Map<string, number>();
  const status: GatewayApiStatus = { gateways: new Map(), routes: new Map() };
  const rejected: Rejection[] = [];
  const byHost = new Map<string, { namespace: string; ranked: Ranked[] }>();

  for (const hr of [...(objs.httpRoutes ?? [])].sort(byCreation)) {
    const ns = nsOf(hr);
    const spec = asObj(hr.spec) ?? {};
    const key = `${ns}/${nameOf(hr)}`;
    const rules = asArr(spec.rules)
      .map(asObj)
      .filter((r): r is Obj => r !== undefined);
    const hostnames = asArr(spec.hostnames)
      .filter((h): h is string => typeof h === 'string')
      .map((h) => h.toLowerCase());

    const backendRefs = rules.flatMap((r) => [
      ...asArr(r.backendRefs),
      ...asArr(r.filters).map((f) => asObj(asObj(f)?.requestMirror)?.backendRef),
    ]);
    const problem = backendRefs
      .map(asObj)
      .filter((r): r is Obj => r !== undefined)
      .map((r) => refProblem(r, ns, refs))
      .find((p) => p !== undefined);
    const resolvedRefs = problem
      ? cond('ResolvedRefs', false, problem[0], problem[1])
      : cond('ResolvedRefs', true, 'ResolvedRefs', 'All references resolved');

    const parents: RouteParentStatus[] = [];
    const compiled = new Map<string, Ranked[]>();
    let invalid: string | undefined;
    for (const p of asArr(spec.parentRefs).map(asObj)) {
      if (!p) continue;
      if (
        (asStr(p.group) ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP ||
        (asStr(p.kind) ?? 'Gateway') !== 'Gateway'
      )
        continue; // a Service parent (mesh) is not the ingress's
      const gwKey = `${asStr(p.namespace) ?? ns}/${asStr(p.name) ?? ''}`;
      const parentRef = { group: GATEWAY_API_GROUP, kind: 'Gateway', ...p };
      const gw = gateways.get(gwKey);
      if (gw && !ours(gw)) continue;
      const parent = (accepted: Condition): void => {
        parents.push({
          parentRef,
          controllerName: ISTIO_GATEWAY_CONTROLLER,
          conditions: [accepted, resolvedRefs],
        });
      };
      if (!gw) {
        parent(cond('Accepted', false, 'NoMatchingParent', `parent gateway ${gwKey} not found`));
        continue;
      }
      const section = asStr(p.sectionName);
      const candidates = parseListeners(gw).filter(
        (l) =>
          (section === undefined || l.name === section) && (l.protocol === 'HTTP' || l.protocol === 'HTTPS'),
      );
      const allowed = candidates.filter(
        (l) =>
          l.from === 'All' ||
          (l.from === 'Same' && nsOf(gw) === ns) ||
          (l.from === 'Selector' && selectorMatches(l.selector, labelsOf(ns))),
      );
      const served = allowed
        .map((l) => ({ l, hosts: intersectHostnames(l.hostname, hostnames) }))
        .filter((x) => x.hosts.length > 0);
      if (allowed.length === 0) {
        parent(
          cond('Accepted', false, 'NotAllowedByListeners', 'no listener of the parent allows this route'),
        );
        continue;
      }
      if (served.length === 0) {
        parent(cond('Accepted', false, 'NoMatchingListenerHostname', 'no hostnames matched parent hostname'));
        continue;
      }
      if (!compiled.has(gwKey) && invalid === undefined) {
        try {
          const gwName = nameOf(gw);
          const source: SourceIdentity = {
            workload: `${gwName}-istio`,
            namespace: nsOf(gw),
            principal: `spiffe://cluster.local/ns/${nsOf(gw)}/sa/${gwName}-istio`,
          };
          compiled.set(
            gwKey,
            rules.flatMap((r, i) => compileRule(hr, r, i, refs, source)),
          );
        } catch (err) {
          invalid = (err as Error).message;
          rejected.push({ kind: 'HTTPRoute', namespace: ns, name: nameOf(hr), reason: invalid });
        }
      }
      if (invalid !== undefined) {
        parent(cond('Accepted', false, 'UnsupportedValue', invalid));
        continue;
      }
      parent(cond('Accepted', true, 'Accepted', 'Route was valid'));
      for (const { l, hosts } of served) {
        const lk = `${gwKey}/${l.name}`;
        attached.set(lk, (attached.get(lk) ?? 0) + 1);
        for (const h of hosts) {
          const entry = byHost.get(h) ?? { namespace: ns, ranked: [] };
          entry.ranked.push(...(compiled.get(gwKey) ?? []).filter((r) => !entry.ranked.includes(r)));
          byHost.set(h, entry);
        }
      }
    }
    if (parents.length > 0) status.routes.set(key, parents);
  }

  for (const [key, gw] of gateways) {
    if (!ours(gw)) continue;
    const [ns, name] = key.split('/');
    const svc = `${name}-istio.${ns}.${CLUSTER_DOMAIN}`;
    status.gateways.set(key, {
      addresses: [{ type: 'Hostname', value: svc }],
      conditions: [
        cond('Accepted', true, 'Accepted', 'Resource accepted'),
        cond('Programmed', true, 'Programmed', `Resource programmed, assigned to service(s) ${svc}`),
      ],
      listeners: parseListeners(gw).map((l) => ({
        name: l.name,
        attachedRoutes: attached.get(`${key}/${l.name}`) ?? 0,
        supportedKinds: [
          { group: GATEWAY_API_GROUP, kind: 'HTTPRoute' },
          { group: GATEWAY_API_GROUP, kind: 'GRPCRoute' },
        ],
        conditions: [
          cond('Accepted', true, 'Accepted', 'No errors found'),
          cond('NoConflicts', false, 'NoConflicts', 'No errors found'),
          cond('Programmed', true, 'Programmed', 'No errors found'),
          cond('ResolvedRefs', true, 'ResolvedRefs', 'No errors found'),
        ],
      })),
    });
  }

  const hosts = [...byHost.entries()].map(([host, { namespace, ranked }]) => ({
    host,
    namespace,
    routes: [...ranked].sort(precedence).map((r) => r.route),
  }));
  return { hosts, rejected, status };
}
