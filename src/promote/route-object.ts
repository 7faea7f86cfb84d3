// The stepped route object as the promotion engine reads and writes it, with a strategy's own
// changes (issue 15) accounted for: the A/B and preview routes it inserts shift the raw route
// indexes, so the weights are read on the object without them, every write renders the whole
// route from the state (weights, then the A/B route, mirror or preview the state's stage asks
// for: strategy/stages.ts renderRoute), and a stage changed by hand is named like a weight.
// Strategy canary writes exactly what it wrote before (plan.ts withCanaryWeight).
import type { PromotionState } from '../model.js';
import { currentWeights, withCanaryWeight, type RouteSelection } from '../plan.js';
import { currentStage, renderRoute, stageDrift, type VirtualServiceTarget } from '../strategy/stages.js';
import { withoutInsertedRoutesVs } from '../strategy/virtual-service.js';
import { specOfRecord, stageOf, strategic } from './strategy-state.js';

type Json = Record<string, unknown>;

const targetOf = (vs: Json, selection: RouteSelection): VirtualServiceTarget => ({
  kind: 'virtual-service',
  object: vs,
  selection,
});

/** The VirtualService without the routes a strategy inserted: what route indexes count. */
export const userRoutes = (vs: Json): Json => withoutInsertedRoutesVs(vs);

/** The stepped route's weights, counted without the inserted routes. */
export function routeWeights(vs: Json, selection: RouteSelection): { stable: number; canary: number } {
  return currentWeights(withoutInsertedRoutesVs(vs), selection);
}

/** The object to write for `state` over `vs` as read (the state annotation is added by the caller). */
export function renderState(vs: Json, selection: RouteSelection, state: PromotionState): Json {
  const rec = state.strategy;
  if (!strategic(rec)) return withCanaryWeight(vs, selection, state.weight);
  return renderRoute(targetOf(vs, selection), specOfRecord(rec), stageOf(state));
}

/** How the strategy's part of the live route differs from what `state` wrote (the A/B route, mirror or preview added or removed by hand), or null. */
export function strategyDrift(vs: Json, selection: RouteSelection, state: PromotionState): string | null {
  const rec = state.strategy;
  if (!strategic(rec)) return null;
  const expected = stageOf(state);
  const actual = currentStage(targetOf(vs, selection), { strategy: rec.strategy });
  // The weights are compared by the caller (edited); only the strategy's parts here.
  return stageDrift({ ...actual, canaryWeight: expected.canaryWeight }, expected);
}
