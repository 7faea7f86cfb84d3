// Which kind of route object a run steps (pure): an Istio VirtualService or a Gateway API
// HTTPRoute, from the `route-kind` input, else from the names given, else from the objects
// (manifests, or the live namespace): the kind that has a steppable route wins; both having one
// is an error naming both, so the user chooses with route-kind.
import { virtualServiceView } from '../kube/views.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import { StrategyError } from './errors.js';
import type { RouteKind, StrategySpec } from './spec.js';

type Json = Record<string, unknown>;

/** Gateway API route kinds that are not HTTP: no weights by header, no mirror. */
export const NON_HTTP_ROUTE_KINDS = ['TCPRoute', 'TLSRoute', 'UDPRoute', 'GRPCRoute'];

const nameOf = (o: Json) =>
  isObject(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : '(unnamed)';
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** VirtualServices with an http route of two or more subset destinations (what selectRoute could step). */
function steppableVirtualServices(objects: readonly Json[]): string[] {
  return objects
    .filter((o) => o.kind === 'VirtualService')
    .filter((vs) =>
      virtualServiceView(vs).http.some((r) => r.destinations.filter((d) => d.subset).length >= 2),
    )
    .map((vs) => `VirtualService ${oneLine(nameOf(vs))}`);
}

/** HTTPRoutes with a rule of two or more backendRefs (what selectHttpRoute could step). */
function steppableHttpRoutes(objects: readonly Json[]): string[] {
  return objects
    .filter((o) => o.kind === 'HTTPRoute')
    .filter((r) =>
      list(isObject(r.spec) ? r.spec.rules : null).some((rule) => list(rule.backendRefs).length >= 2),
    )
    .map((r) => `HTTPRoute ${oneLine(nameOf(r))}`);
}

/**
 * The route kind to step. `route-kind` wins; then `http-route` (HTTPRoute) or
 * `virtual-service` (VirtualService) when one is named; then the kind that has a steppable
 * route among `objects`; no HTTPRoute at all means VirtualService (the cluster is then read as
 * today). Throws StrategyError `route-kind-ambiguous` when both kinds have one, and
 * `route-kind-unsupported` when http-route names a TCP/TLS/UDP/gRPC route.
 */
export function detectRouteKind(
  spec: Pick<StrategySpec, 'routeKind' | 'httpRoute'>,
  objects: readonly Json[],
  names: { virtualService: string | null } = { virtualService: null },
): RouteKind {
  if (spec.httpRoute !== null) {
    const same = objects.filter((o) => nameOf(o) === spec.httpRoute);
    const other = same.find((o) => NON_HTTP_ROUTE_KINDS.includes(String(o.kind)));
    if (other && !same.some((o) => o.kind === 'HTTPRoute'))
      throw new StrategyError(
        'route-kind-unsupported',
        `http-route: ${oneLine(spec.httpRoute)} is a ${oneLine(String(other.kind))}, not an HTTPRoute; istio-canary steps HTTPRoute rules (weights, header matches, mirroring are HTTP features)`,
        [`${String(other.kind)} ${oneLine(spec.httpRoute)}`],
      );
  }
  if (spec.routeKind !== 'auto') return spec.routeKind;
  if (spec.httpRoute !== null) return 'http-route';
  if (names.virtualService !== null) return 'virtual-service';
  const vs = steppableVirtualServices(objects);
  const hr = steppableHttpRoutes(objects);
  if (hr.length > 0 && vs.length > 0)
    throw new StrategyError(
      'route-kind-ambiguous',
      `route-kind: the manifests have both ${vs.join(', ')} and ${hr.join(', ')} with a route to step; set route-kind to virtual-service or http-route (or name one with virtual-service or http-route)`,
      [...vs, ...hr],
    );
  if (hr.length > 0) return 'http-route';
  if (
    vs.length === 0 &&
    objects.some((o) => o.kind === 'HTTPRoute') &&
    !objects.some((o) => o.kind === 'VirtualService')
  )
    return 'http-route';
  return 'virtual-service';
}
