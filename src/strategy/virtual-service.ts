// The strategy changes of an Istio VirtualService (pure; each returns a new object and never
// changes its argument): an A/B or blue/green preview route inserted before the stepped route,
// sending the matching requests to the canary, and a mirror of the stepped route's traffic to
// the canary. Each has its removal; withoutStrategyVs removes them all, so every write is
// "the user's VirtualService, then the weights (plan.ts withCanaryWeight), then what this
// stage adds" (strategy/stages.ts renderRoute) and is idempotent by construction.
//
// The RouteSelection of plan.ts counts the routes of the VirtualService WITHOUT the routes
// added here (selectRoute on withoutStrategyVs(vs)); every function here finds the stepped
// route that way, so it works on the VirtualService as written at any stage.
import { PlanError, VERSION_HEADER, type RouteSelection } from '../plan.js';
import { virtualServiceView } from '../kube/views.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import { StrategyError } from './errors.js';
import { intersectIstio, istioHeaders, type MatchSpec } from './match.js';
import type { PreviewSpec } from './spec.js';

type Json = Record<string, unknown>;

/** Name suffix of the A/B route this module inserts (reserved: a route so named is removed as ours). */
export const AB_ROUTE_SUFFIX = '-istio-canary-ab';
/** Name suffix of the blue/green preview route (reserved likewise). */
export const PREVIEW_ROUTE_SUFFIX = '-istio-canary-preview';

/** Whether an http route name is one this module inserts. */
export const isStrategyRouteName = (name: unknown): boolean =>
  typeof name === 'string' && (name.endsWith(AB_ROUTE_SUFFIX) || name.endsWith(PREVIEW_ROUTE_SUFFIX));

const baseName = (sel: RouteSelection) => sel.routeName ?? `http-${sel.routeIndex}`;
/** The name of the A/B route inserted before the selected route. */
export const abRouteName = (sel: RouteSelection): string => `${baseName(sel)}${AB_ROUTE_SUFFIX}`;
/** The name of the blue/green preview route inserted before the selected route. */
export const previewRouteName = (sel: RouteSelection): string => `${baseName(sel)}${PREVIEW_ROUTE_SUFFIX}`;

const vsLabel = (vs: Json) => `VirtualService ${oneLine(virtualServiceView(vs).name ?? '(unnamed)')}`;

/** The spec.http array of a copy (created when absent). */
function httpOf(next: Json): unknown[] {
  const spec = isObject(next.spec) ? next.spec : (next.spec = {});
  if (!Array.isArray(spec.http)) spec.http = [];
  return spec.http as unknown[];
}

/** The stepped route's mapping: the selection's index counted over the routes that are not ours. */
export function steppedRoute(vs: Json, sel: RouteSelection): Json | null {
  const user = virtualServiceView(vs).http.filter((r) => !isStrategyRouteName(r.name));
  return user[sel.routeIndex]?.raw ?? null;
}

function steppedOrThrow(vs: Json, sel: RouteSelection): Json {
  const route = steppedRoute(vs, sel);
  if (!route) throw new PlanError(`${vsLabel(vs)} has no http[${sel.routeIndex}] to step`);
  return route;
}

/** The canary's destination mapping as the stepped route has it (or stable's with the canary subset). */
function canaryDestination(route: Json, sel: RouteSelection): Json {
  const dests = (Array.isArray(route.route) ? route.route : []).filter(isObject).map((d) => d.destination);
  const found = dests.find(
    (d) => isObject(d) && d.subset === sel.canary.subset && d.host === sel.canary.host,
  );
  if (isObject(found)) return structuredClone(found);
  const stable = dests.find(
    (d) => isObject(d) && d.subset === sel.stable.subset && d.host === sel.stable.host,
  );
  return {
    ...(isObject(stable) ? structuredClone(stable) : { host: sel.canary.host }),
    subset: sel.canary.subset,
  };
}

/** A mirror (`mirror`, or an entry of `mirrors`) of the route that goes to the canary: ours. */
const isCanaryMirror = (m: unknown, sel: RouteSelection): boolean =>
  isObject(m) && m.host === sel.canary.host && m.subset === sel.canary.subset;

/**
 * The VirtualService without anything this module adds: the A/B and preview routes (by their
 * reserved names) and a mirror of the stepped route to the canary. The weights stay.
 */
export function withoutStrategyVs(vs: Json, sel: RouteSelection): Json {
  return withoutMirrorVs(withoutInsertedRoutesVs(vs), sel);
}

/**
 * The VirtualService without the routes this module inserted (found by their reserved names; no
 * selection needed): what plan.ts selectRoute must be given so that its index counts the
 * user's routes only.
 */
export function withoutInsertedRoutesVs(vs: Json): Json {
  const next = structuredClone(vs);
  const spec = isObject(next.spec) ? next.spec : null;
  if (spec && Array.isArray(spec.http))
    spec.http = spec.http.filter((r) => !(isObject(r) && isStrategyRouteName(r.name)));
  return next;
}

/** The A/B route removed (and nothing else). */
export function withoutAbRouteVs(vs: Json, sel: RouteSelection): Json {
  return withoutRouteNamed(vs, abRouteName(sel));
}

/** The preview route removed (and nothing else). */
export function withoutPreviewRouteVs(vs: Json, sel: RouteSelection): Json {
  return withoutRouteNamed(vs, previewRouteName(sel));
}

function withoutRouteNamed(vs: Json, name: string): Json {
  const next = structuredClone(vs);
  const spec = isObject(next.spec) ? next.spec : null;
  if (spec && Array.isArray(spec.http))
    spec.http = spec.http.filter((r) => !(isObject(r) && r.name === name));
  return next;
}

/** The Istio match entries of an A/B match (one HTTPMatchRequest per alternative). */
export const istioMatchesOf = (match: MatchSpec): Json[] => match.map((e) => ({ headers: istioHeaders(e) }));

/** The Istio match entry of a blue/green preview: the separate host (authority) or the header. */
export function istioPreviewMatch(preview: PreviewSpec): Json {
  return preview.kind === 'host'
    ? { authority: { exact: preview.host } }
    : { headers: istioHeaders({ headers: [preview.header] }) };
}

/**
 * What a route inserted before the stepped one must match: the stepped route's own match AND
 * the user's (so it never takes requests of other routes). Throws a StrategyError
 * (`match-conflict`) when both constrain one header or field differently.
 */
export function insertedMatchVs(vs: Json, sel: RouteSelection, extra: readonly Json[]): Json[] {
  const route = steppedOrThrow(vs, sel);
  const merged = intersectIstio(route.match, extra);
  if (typeof merged === 'string')
    throw new StrategyError(
      'match-conflict',
      `${vsLabel(vs)} http[${sel.routeIndex}]${sel.routeName ? ` (${oneLine(sel.routeName)})` : ''}: ${oneLine(merged)}; the canary route must match the route's own requests, so use another header or drop the condition from the match`,
      [vsLabel(vs)],
    );
  return merged;
}

/**
 * A copy of the stepped route (timeouts, retries, rewrites, request headers kept) named `name`,
 * matching `match`, sending everything to the canary with the version header.
 */
function canaryRoute(stepped: Json, sel: RouteSelection, name: string, match: Json[]): Json {
  const copy = structuredClone(stepped);
  for (const k of ['name', 'match', 'route', 'mirror', 'mirrors', 'mirrorPercentage', 'mirrorPercent'])
    delete copy[k];
  return {
    name,
    match,
    ...copy,
    route: [
      {
        destination: canaryDestination(stepped, sel),
        weight: 100,
        headers: { response: { set: { [VERSION_HEADER]: 'canary' } } },
      },
    ],
  };
}

function withInsertedRoute(vs: Json, sel: RouteSelection, name: string, extra: readonly Json[]): Json {
  const match = insertedMatchVs(vs, sel, extra);
  const next = withoutRouteNamed(vs, name);
  const stepped = steppedOrThrow(next, sel);
  const http = httpOf(next);
  http.splice(http.indexOf(stepped), 0, canaryRoute(stepped, sel, name, match));
  return next;
}

/**
 * A/B: a new http route named abRouteName(sel), just before the stepped route, sending the
 * requests that match (and that the stepped route takes) to the canary, 100%. Idempotent.
 */
export function withAbRouteVs(vs: Json, sel: RouteSelection, match: MatchSpec): Json {
  if (match.length === 0 || match.some((e) => e.headers.length === 0))
    throw new StrategyError(
      'match-empty',
      'match: an A/B match needs at least one condition in every alternative',
    );
  return withInsertedRoute(vs, sel, abRouteName(sel), istioMatchesOf(match));
}

/** Blue/green: the preview route (header or separate host) to the canary, just before the stepped route. Idempotent. */
export function withPreviewRouteVs(vs: Json, sel: RouteSelection, preview: PreviewSpec): Json {
  return withInsertedRoute(vs, sel, previewRouteName(sel), [istioPreviewMatch(preview)]);
}

/**
 * Mirror: the stepped route copies `percent`% of its requests to the canary (`mirror` +
 * `mirrorPercentage.value`; the mirrored responses are discarded). Idempotent; throws a
 * StrategyError (`mirror-exists`) when the route mirrors to another destination already.
 */
export function withMirrorVs(vs: Json, sel: RouteSelection, percent: number): Json {
  if (!(percent > 0 && percent <= 100))
    throw new StrategyError(
      'mirror-percent-range',
      `mirror-percent: ${percent} is outside 0-100 (above 0, at most 100)`,
    );
  const next = structuredClone(vs);
  const route = steppedOrThrow(next, sel);
  if ((route.mirror !== undefined && !isCanaryMirror(route.mirror, sel)) || route.mirrors !== undefined)
    throw new StrategyError(
      'mirror-exists',
      `${vsLabel(vs)} http[${sel.routeIndex}] already mirrors to ${oneLine(JSON.stringify(route.mirror ?? route.mirrors))}; remove that mirror to use strategy mirror`,
      [vsLabel(vs)],
    );
  delete route.mirrorPercent;
  route.mirror = canaryDestination(route, sel);
  route.mirrorPercentage = { value: percent };
  return next;
}

/** The mirror to the canary removed (and nothing else). */
export function withoutMirrorVs(vs: Json, sel: RouteSelection): Json {
  const next = structuredClone(vs);
  const route = steppedRoute(next, sel);
  if (route && isCanaryMirror(route.mirror, sel)) {
    delete route.mirror;
    delete route.mirrorPercentage;
    delete route.mirrorPercent;
  }
  return next;
}

/** What of this module a VirtualService has now (read back for drift detection and resume). */
export function strategyStateVs(
  vs: Json,
  sel: RouteSelection,
): { ab: boolean; preview: boolean; mirrorPercent: number | null } {
  const names = virtualServiceView(vs).http.map((r) => r.name);
  const route = steppedRoute(vs, sel);
  let mirrorPercent: number | null = null;
  if (route && isCanaryMirror(route.mirror, sel)) {
    const p = isObject(route.mirrorPercentage) ? route.mirrorPercentage.value : route.mirrorPercent;
    mirrorPercent = typeof p === 'number' ? p : 100;
  }
  return {
    ab: names.includes(abRouteName(sel)),
    preview: names.includes(previewRouteName(sel)),
    mirrorPercent,
  };
}
