// Several services stepped in lockstep (pure): one route object per service, each step writes
// every object (in one fixed order), judges every service, and a failure of any rolls all back.
// The order is the Lease order too (namespace, kind, name), so two lockstep runs over
// overlapping objects take their Leases in the same order and cannot deadlock.
import { oneLine } from '../one-line.js';
import { isObject } from '../util/object.js';
import { StrategyError } from './errors.js';
import type { StrategySpec } from './spec.js';
import {
  ROLLBACK_STAGE,
  renderRoute,
  strategySteps,
  type RouteStage,
  type RouteTarget,
  type StrategyStep,
} from './stages.js';

type Json = Record<string, unknown>;

/** A route object: what one Lease and one write are for. */
export interface RouteRef {
  namespace: string;
  kind: 'VirtualService' | 'HTTPRoute';
  name: string;
}

/** One write: the object to send for a route object at a stage (the engine adds the state annotation). */
export interface RouteWrite {
  ref: RouteRef;
  stage: RouteStage;
  object: Json;
}

export interface LockstepStep {
  step: StrategyStep;
  /** One write per route object, in leaseOrder. */
  writes: RouteWrite[];
}

export interface LockstepPlan {
  /** The route objects in the order their Leases are taken and their writes sent. */
  order: RouteRef[];
  steps: LockstepStep[];
  /** Every route object back to canary 0% with nothing of the strategy, in the same order (from the objects given). */
  rollback: RouteWrite[];
}

/** The route object of a target; `namespace` for an object that names none. */
export function refOf(target: RouteTarget, namespace: string): RouteRef {
  const meta = isObject(target.object.metadata) ? target.object.metadata : {};
  return {
    namespace: typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : namespace,
    kind: target.kind === 'virtual-service' ? 'VirtualService' : 'HTTPRoute',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}

/** The total order of route objects: namespace, then kind, then name (code-unit order, locale-free). */
export function compareRefs(a: RouteRef, b: RouteRef): number {
  for (const k of ['namespace', 'kind', 'name'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

/** The route objects sorted into the Lease order, each once. */
export function leaseOrder(refs: readonly RouteRef[]): RouteRef[] {
  const sorted = [...refs].sort(compareRefs);
  return sorted.filter((r, i) => i === 0 || compareRefs(sorted[i - 1]!, r) !== 0);
}

const refKey = (r: RouteRef) => `${r.namespace}/${r.kind}/${r.name}`;

/** The targets in Lease order; throws `shared-route` when two share an object (validateStrategy names it first). */
function ordered(
  targets: readonly RouteTarget[],
  namespace: string,
): { ref: RouteRef; target: RouteTarget }[] {
  const withRefs = targets.map((target) => ({ ref: refOf(target, namespace), target }));
  withRefs.sort((a, b) => compareRefs(a.ref, b.ref));
  withRefs.forEach((x, i) => {
    if (i > 0 && compareRefs(withRefs[i - 1]!.ref, x.ref) === 0)
      throw new StrategyError(
        'shared-route',
        `services: two services step ${x.ref.kind} ${oneLine(refKey(x.ref))}; each service needs its own route object`,
        [`${x.ref.kind} ${refKey(x.ref)}`],
      );
  });
  return withRefs;
}

/** The writes of one stage: every route object rendered for it, in Lease order. */
export function lockstepWrites(
  targets: readonly RouteTarget[],
  spec: StrategySpec,
  stage: RouteStage,
  namespace: string,
): RouteWrite[] {
  return ordered(targets, namespace).map(({ ref, target }) => ({
    ref,
    stage,
    object: renderRoute(target, spec, stage),
  }));
}

/**
 * The whole lockstep plan: the Lease order, the writes of every step of the strategy (all
 * services move together: same stage for every route object) and the rollback writes. The
 * writes are computed from the objects given; an engine that re-reads the objects before each
 * step (it should: another writer may have changed them) calls lockstepWrites with them.
 */
export function lockstepPlan(
  targets: readonly RouteTarget[],
  spec: StrategySpec,
  weights: readonly number[],
  namespace: string,
): LockstepPlan {
  const sorted = ordered(targets, namespace);
  return {
    order: sorted.map((x) => x.ref),
    steps: strategySteps(spec, weights).map((step) => ({
      step,
      writes: lockstepWrites(targets, spec, step.stage, namespace),
    })),
    rollback: lockstepWrites(targets, spec, ROLLBACK_STAGE, namespace),
  };
}
