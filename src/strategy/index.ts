// The public API of the strategy planning (issue 15), for the engine: parse the inputs, pick
// the route kind, select and validate the targets, list the steps, render each write. Pure
// modules only; nothing runs on import. See each module for the details.
export { StrategyError, type StrategyErrorCode } from './errors.js';
export {
  cookieCondition,
  describeEntry,
  sampleHeaders,
  type HeaderCondition,
  type MatchEntry,
  type MatchSpec,
} from './match.js';
export {
  ROUTE_KIND_CHOICES,
  STRATEGIES,
  STRATEGY_ACCEPTS,
  parseMatch,
  parseMirrorPercent,
  parsePreviewHeader,
  parsePreviewHost,
  parseServices,
  parseStrategySpec,
  type LockstepService,
  type PreviewSpec,
  type RouteKind,
  type RouteKindChoice,
  type StrategyInputs,
  type StrategyKind,
  type StrategySpec,
} from './spec.js';
export { detectRouteKind } from './route-kind.js';
export {
  GATEWAY_API_VERSION,
  currentHttpRouteWeights,
  selectHttpRoute,
  withHttpRouteWeight,
  type HttpRouteSelection,
  type HttpRouteWanted,
} from './http-route.js';
export {
  ROLLBACK_STAGE,
  currentStage,
  currentWeightsOf,
  finalStage,
  renderRoute,
  selectHttpRouteTarget,
  selectVirtualServiceTarget,
  stageDrift,
  strategySteps,
  withoutStrategy,
  type JudgedTraffic,
  type RouteStage,
  type RouteTarget,
  type VirtualServiceTarget,
  type HttpRouteTarget,
  type StrategyStep,
} from './stages.js';
export { validateStrategy, type ValidateOptions } from './validate.js';
export {
  compareRefs,
  leaseOrder,
  lockstepPlan,
  lockstepWrites,
  refOf,
  type LockstepPlan,
  type LockstepStep,
  type RouteRef,
  type RouteWrite,
} from './lockstep.js';
