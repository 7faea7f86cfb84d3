// The stepped route object as the promotion engine reads and writes it: an Istio
// VirtualService or a Gateway API HTTPRoute (issue 15), with a strategy's own changes
// accounted for. The A/B and preview routes a strategy inserts shift the raw route indexes, so
// the weights are read on the object without them; every write renders the whole route from
// the state (weights, then the A/B route, mirror or preview the state's stage asks for:
// strategy/stages.ts renderRoute); and a stage changed by hand is named like a weight.
// Strategy canary on a VirtualService writes exactly what it wrote before (withCanaryWeight).
import type { PromotionState } from '../model.js';
import { currentWeights, withCanaryWeight, type RouteSelection } from '../plan.js';
import { DEFAULT_STRATEGY } from '../strategy/spec.js';
import { currentHttpRouteWeights, type HttpRouteSelection } from '../strategy/http-route.js';
import { currentStage, renderRoute, stageDrift, type RouteTarget } from '../strategy/stages.js';
import { withoutInsertedRoutesVs } from '../strategy/virtual-service.js';
import { specOfRecord, stageOf, strategic } from './strategy-state.js';
import { oneLine } from '../one-line.js';

type Json = Record<string, unknown>;

/** What of a Target says which route object and route: the VirtualService selection, or the HTTPRoute's. */
export interface RouteRef {
  selection: RouteSelection;
  httpSelection?: HttpRouteSelection;
}

const targetOf = (object: Json, t: RouteRef): RouteTarget =>
  t.httpSelection
    ? { kind: 'http-route', object, selection: t.httpSelection }
    : { kind: 'virtual-service', object, selection: t.selection };

/** The route object's kind as the API names it. */
export const routeKindName = (t: RouteRef): 'HTTPRoute' | 'VirtualService' =>
  t.httpSelection ? 'HTTPRoute' : 'VirtualService';

/** What carries the canary's traffic, for messages: `Service <name>` (HTTPRoute) or `subset <name>` (VirtualService). */
export const canarySide = (t: RouteRef): string =>
  t.httpSelection
    ? `Service ${oneLine(t.httpSelection.canary.service)}`
    : `subset ${oneLine(t.selection.canary.subset)}`;

/** The VirtualService without the routes a strategy inserted: what route indexes count. */
export const userRoutes = (vs: Json): Json => withoutInsertedRoutesVs(vs);

/** The stepped route's weights, counted without the inserted routes or rules. */
export function routeWeights(object: Json, t: RouteRef): { stable: number; canary: number } {
  return t.httpSelection
    ? currentHttpRouteWeights(object, t.httpSelection)
    : currentWeights(withoutInsertedRoutesVs(object), t.selection);
}

/** The object to write for `state` over `object` as read (the state annotation is added by the caller). */
export function renderState(object: Json, t: RouteRef, state: PromotionState): Json {
  const rec = state.strategy;
  if (!strategic(rec)) {
    if (!t.httpSelection) return withCanaryWeight(object, t.selection, state.weight);
    return renderRoute(targetOf(object, t), DEFAULT_STRATEGY, stageOf(state));
  }
  return renderRoute(targetOf(object, t), specOfRecord(rec), stageOf(state));
}

/** The route object at canary `weight` with nothing of a strategy (a fresh promotion's apply). */
export function atWeight(object: Json, t: RouteRef, weight: number): Json {
  if (!t.httpSelection) return withCanaryWeight(object, t.selection, weight);
  return renderRoute(targetOf(object, t), DEFAULT_STRATEGY, {
    canaryWeight: weight,
    ab: false,
    mirror: false,
    preview: false,
  });
}

/** How the strategy's part of the live route differs from what `state` wrote (the A/B route, mirror or preview added or removed by hand), or null. */
export function strategyDrift(object: Json, t: RouteRef, state: PromotionState): string | null {
  const rec = state.strategy;
  if (!strategic(rec)) return null;
  const expected = stageOf(state);
  const actual = currentStage(targetOf(object, t), { strategy: rec.strategy });
  // The weights are compared by the caller (edited); only the strategy's parts here.
  return stageDrift({ ...actual, canaryWeight: expected.canaryWeight }, expected);
}

/**
 * The route as the pre-traffic probe (probe.ts) reads it: the VirtualService without inserted
 * routes, or for an HTTPRoute a VirtualService-shaped view (its hostnames as hosts, the stepped
 * rule's two Services as destinations at the rule's index; no Istio gateways).
 */
export function probeView(object: Json, t: RouteRef): Json {
  if (!t.httpSelection) return withoutInsertedRoutesVs(object);
  const sel = t.httpSelection;
  const spec = (object.spec ?? {}) as Json;
  const hosts = Array.isArray(spec.hostnames) ? spec.hostnames.filter((h) => typeof h === 'string') : [];
  const http: Json[] = Array.from({ length: sel.ruleIndex }, () => ({}));
  http.push({
    route: [{ destination: { host: sel.stable.service } }, { destination: { host: sel.canary.service } }],
  });
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: object.metadata,
    spec: { hosts, gateways: [], http },
  };
}
