// The steps of each strategy and the route object each step writes (pure). A step is a
// RouteStage (canary weight; A/B route, mirror and preview on or off); renderRoute turns the
// route object as read (any stage, ours removed first) into the object to write for a stage,
// for a VirtualService (plan.ts + strategy/virtual-service.ts) or an HTTPRoute
// (strategy/http-route.ts). So every write is idempotent, a resume rewrites the same object,
// and a rollback is one write of ROLLBACK_STAGE.
import {
  currentWeights,
  selectRoute,
  withCanaryWeight,
  type RouteSelection,
  type RouteWanted,
} from '../plan.js';
import { virtualServiceView } from '../kube/views.js';
import {
  currentHttpRouteWeights,
  selectHttpRoute,
  strategyStateHttpRoute,
  withAbRuleHttpRoute,
  withHttpRouteWeight,
  withMirrorHttpRoute,
  withPreviewRuleHttpRoute,
  withoutStrategyHttpRoute,
  type HttpRouteSelection,
  type HttpRouteWanted,
} from './http-route.js';
import type { RouteKind, StrategySpec } from './spec.js';
import {
  strategyStateVs,
  withAbRouteVs,
  withMirrorVs,
  withPreviewRouteVs,
  withoutInsertedRoutesVs,
  withoutStrategyVs,
} from './virtual-service.js';

type Json = Record<string, unknown>;

/** One route object to step and its selection (counted without the strategy's own routes or rules). */
export type RouteTarget = VirtualServiceTarget | HttpRouteTarget;
export interface VirtualServiceTarget {
  kind: 'virtual-service';
  object: Json;
  selection: RouteSelection;
}
export interface HttpRouteTarget {
  kind: 'http-route';
  object: Json;
  selection: HttpRouteSelection;
}

/** What the route sends where at one step. */
export interface RouteStage {
  /** Percent of the stepped route's other requests sent to the canary. */
  canaryWeight: number;
  /** The A/B route (matching requests → canary) is in place. */
  ab: boolean;
  /** The stepped route mirrors mirror-percent of its requests to the canary. */
  mirror: boolean;
  /** The blue/green preview route (preview host or header → canary) is in place. */
  preview: boolean;
}

/** Which requests the judge compares at a step, and where the canary's numbers come from. */
export type JudgedTraffic =
  /** The A/B cohort: requests matching `match` (loadgen sends matching and non-matching requests). */
  | 'matched'
  /** Mirrored copies: their responses are discarded, so only Prometheus (destination metrics) sees them. */
  | 'mirrored'
  /** Requests to the preview host or with the preview header. */
  | 'preview'
  /** The weighted split of the route's requests. */
  | 'weighted';

export interface StrategyStep {
  /** 1-based index: PromotionState.step counts these. */
  step: number;
  kind: 'ab' | 'mirror' | 'preview' | 'weight' | 'switch';
  stage: RouteStage;
  judged: JudgedTraffic;
  /** `prometheus` when only the mesh's metrics can see the canary's side (mirroring). */
  canarySource: 'any' | 'prometheus';
  /** For the report, e.g. "A/B 1/2: header:x-user=beta → canary", "switch: canary 100%". */
  label: string;
}

/** Everything off, canary 0%: the rollback, one write. */
export const ROLLBACK_STAGE: RouteStage = { canaryWeight: 0, ab: false, mirror: false, preview: false };

/** The stage a finished promotion leaves (finalize): the weight, nothing of the strategy. */
export const finalStage = (canaryWeight: number): RouteStage => ({ ...ROLLBACK_STAGE, canaryWeight });

const weightSteps = (weights: readonly number[], keep: Partial<RouteStage>): Omit<StrategyStep, 'step'>[] =>
  weights.map((w) => ({
    kind: 'weight',
    stage: { ...ROLLBACK_STAGE, ...(w < 100 ? keep : {}), canaryWeight: w },
    judged: 'weighted',
    canarySource: 'any',
    label: `canary ${w}%`,
  }));

/**
 * The steps of a strategy, in order, given the weight schedule (`steps`):
 * - canary: one judged step per weight;
 * - ab: `iterations` judged windows with the A/B route (canary 0%: only the matching requests
 *   reach the canary), then the weights with the A/B route kept (the matched cohort never flips
 *   back to stable), removed at 100% (steps `100` = promote after the A/B test);
 * - mirror: `iterations` windows mirroring (judged on Prometheus), then the weights without it;
 * - blue-green: `iterations` windows on the preview, then the switch: canary 100% and the
 *   preview removed in one write (the weight schedule is not used).
 */
export function strategySteps(spec: StrategySpec, weights: readonly number[]): StrategyStep[] {
  const n = spec.iterations;
  const windows = (kind: 'ab' | 'mirror' | 'preview', label: string): Omit<StrategyStep, 'step'>[] =>
    Array.from({ length: n }, (_, i) => ({
      kind,
      stage: { ...ROLLBACK_STAGE, [kind]: true },
      judged: kind === 'ab' ? 'matched' : kind === 'mirror' ? 'mirrored' : 'preview',
      canarySource: kind === 'mirror' ? 'prometheus' : 'any',
      label: `${label}${n > 1 ? ` ${i + 1}/${n}` : ''}`,
    }));
  let steps: Omit<StrategyStep, 'step'>[];
  switch (spec.strategy) {
    case 'canary':
      steps = weightSteps(weights, {});
      break;
    case 'ab':
      steps = [...windows('ab', 'A/B'), ...weightSteps(weights, { ab: true })];
      break;
    case 'mirror':
      steps = [...windows('mirror', `mirror ${spec.mirrorPercent}%`), ...weightSteps(weights, {})];
      break;
    case 'blue-green':
      steps = [
        ...windows('preview', 'preview'),
        {
          kind: 'switch',
          stage: finalStage(100),
          judged: 'weighted',
          canarySource: 'any',
          label: 'switch: canary 100%',
        },
      ];
      break;
  }
  return steps.map((s, i) => ({ ...s, step: i + 1 }));
}

/**
 * plan.ts selectRoute over VirtualServices as read (at any stage): the routes a strategy
 * inserted are left out of the count, so the selection is the same at every stage. The target's
 * object is the VirtualService as given.
 */
export function selectVirtualServiceTarget(
  virtualServices: readonly Json[],
  want: RouteWanted,
): VirtualServiceTarget {
  const stripped = virtualServices.map(withoutInsertedRoutesVs);
  const selection = selectRoute(stripped, want);
  const i = stripped.findIndex((vs) => {
    const v = virtualServiceView(vs);
    return v.name === selection.virtualService && v.namespace === selection.namespace;
  });
  return { kind: 'virtual-service', object: virtualServices[i]!, selection };
}

/** selectHttpRoute over HTTPRoutes as read (its count skips strategy rules already); the target's object is the route as given. */
export function selectHttpRouteTarget(httpRoutes: readonly Json[], want: HttpRouteWanted): HttpRouteTarget {
  const selection = selectHttpRoute(httpRoutes, want);
  const object = httpRoutes.find((r) => {
    const meta = (r.metadata ?? {}) as Json;
    return meta.name === selection.httpRoute && (meta.namespace ?? null) === selection.namespace;
  })!;
  return { kind: 'http-route', object, selection };
}

/** The route object without anything a strategy added (weights kept): what selection and checks read. */
export function withoutStrategy(target: RouteTarget): Json {
  return target.kind === 'virtual-service'
    ? withoutStrategyVs(target.object, target.selection)
    : withoutStrategyHttpRoute(target.object, target.selection);
}

/**
 * The route object to write for `stage`: the object as read with the strategy's own changes
 * removed, the weights set (with the version header), then the mirror, the A/B route and the
 * preview the stage asks for. Throws StrategyError / PlanError on what validateStrategy refuses.
 */
export function renderRoute(target: RouteTarget, spec: StrategySpec, stage: RouteStage): Json {
  if (target.kind === 'virtual-service') {
    const sel = target.selection;
    let next = withCanaryWeight(withoutStrategyVs(target.object, sel), sel, stage.canaryWeight);
    if (stage.mirror) next = withMirrorVs(next, sel, spec.mirrorPercent);
    if (stage.ab) next = withAbRouteVs(next, sel, spec.match);
    if (stage.preview && spec.preview) next = withPreviewRouteVs(next, sel, spec.preview);
    return next;
  }
  const sel = target.selection;
  let next = withHttpRouteWeight(withoutStrategyHttpRoute(target.object, sel), sel, stage.canaryWeight);
  if (stage.mirror) next = withMirrorHttpRoute(next, sel, spec.mirrorPercent);
  if (stage.ab) next = withAbRuleHttpRoute(next, sel, spec.match);
  if (stage.preview && spec.preview) next = withPreviewRuleHttpRoute(next, sel, spec.preview);
  return next;
}

/** The weights the stepped route has now (plan.ts currentWeights for either kind). */
export function currentWeightsOf(target: RouteTarget): { stable: number; canary: number } {
  return target.kind === 'virtual-service'
    ? currentWeights(withoutStrategyVs(target.object, target.selection), target.selection)
    : currentHttpRouteWeights(target.object, target.selection);
}

/**
 * The stage a route object is at, read back (for resume and drift checks). On an HTTPRoute the
 * A/B and preview rules look alike: an inserted rule reads as `preview` under blue-green, as
 * `ab` otherwise.
 */
export function currentStage(target: RouteTarget, spec: Pick<StrategySpec, 'strategy'>): RouteStage {
  const canaryWeight = currentWeightsOf(target).canary;
  if (target.kind === 'virtual-service') {
    const s = strategyStateVs(target.object, target.selection);
    return { canaryWeight, ab: s.ab, mirror: s.mirrorPercent !== null, preview: s.preview };
  }
  const s = strategyStateHttpRoute(target.object, target.selection);
  const bg = spec.strategy === 'blue-green';
  return { canaryWeight, ab: s.inserted && !bg, mirror: s.mirrorPercent !== null, preview: s.inserted && bg };
}

/** What differs between the stage read back and the stage the promotion wrote (hand edits), or null. */
export function stageDrift(actual: RouteStage, expected: RouteStage): string | null {
  const diffs: string[] = [];
  if (actual.canaryWeight !== expected.canaryWeight)
    diffs.push(`canary weight ${actual.canaryWeight}% (written: ${expected.canaryWeight}%)`);
  for (const k of ['ab', 'mirror', 'preview'] as const)
    if (actual[k] !== expected[k])
      diffs.push(
        `${k === 'ab' ? 'the A/B route' : k === 'mirror' ? 'the mirror' : 'the preview route'} ${actual[k] ? 'present' : 'absent'} (written: ${expected[k] ? 'present' : 'absent'})`,
      );
  return diffs.length ? diffs.join('; ') : null;
}

/** The route kind a target is, as the `route-kind` input names it. */
export const kindOf = (target: RouteTarget): RouteKind => target.kind;
