// The weight schedule and, for each step, the VirtualService change (pure: no I/O).
// The promotion writes exactly what withCanaryWeight returns; its dry run sends and prints it.
import { IstioCanaryError } from './errors.js';
import { oneLine } from './one-line.js';
import { isObject } from './util/object.js';
import { virtualServiceView, type DestinationView, type HttpRouteView } from './kube/views.js';

/** Response header set on each weighted destination so every response names its version. */
export const VERSION_HEADER = 'x-istio-canary';
/** VirtualService annotation holding the PromotionState JSON, written with the weights. */
export const STATE_ANNOTATION = 'istio-canary.dev/state';

type Json = Record<string, unknown>;

/** No route (or several) can be stepped, or a weight is out of range: the message names the inputs and candidates. */
export class PlanError extends IstioCanaryError {}

export interface Destination {
  host: string;
  subset: string;
  /** Index in route[]; -1 when the canary destination is not in the route yet and will be added. */
  index: number;
  weight: number;
}

export interface RouteSelection {
  namespace: string | null;
  virtualService: string;
  routeIndex: number;
  routeName: string | null;
  stable: Destination;
  canary: Destination;
}

export interface RouteWanted {
  virtualService: string | null;
  route: string | number | null;
  stableSubset: string | null;
  canarySubset: string | null;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const vsName = (vs: Json): string => virtualServiceView(vs).name ?? '(unnamed)';

/** What chooses the stable and the canary side of a route: a weighted destination (its index is added where used). */
export type RawDestination = Pick<DestinationView, 'host' | 'subset' | 'legacyName' | 'weight'>;

// Names that say which side a subset is, in the seeds and in common practice.
const CANARY_WORDS = /(^|[-_.])(canary|next|new|preview|green)([-_.]|$)/i;
const STABLE_WORDS = /(^|[-_.])(stable|ga|primary|main|prod|production|current|blue)([-_.]|$)/i;

function versionNumber(subset: string): number | null {
  const m = /^v(\d+)$/i.exec(subset);
  return m?.[1] !== undefined ? Number(m[1]) : null;
}

/**
 * Which of two destinations is the canary when the subsets are not given: a name that says
 * so (canary/ga, stable/next), else the higher vN, else the one with less traffic now, else the
 * second. Documented in the README ("How the route is detected"). Exported for the Gateway API
 * routes (src/strategy/http-route.ts), whose backendRefs name Services instead of subsets.
 */
export function orderPair<T extends RawDestination & { index: number }>(
  a: T,
  b: T,
): { stable: T; canary: T } {
  const sa = a.subset ?? '';
  const sb = b.subset ?? '';
  const canaryA = CANARY_WORDS.test(sa) || (STABLE_WORDS.test(sb) && !STABLE_WORDS.test(sa));
  const canaryB = CANARY_WORDS.test(sb) || (STABLE_WORDS.test(sa) && !STABLE_WORDS.test(sb));
  if (canaryA !== canaryB) return canaryA ? { stable: b, canary: a } : { stable: a, canary: b };
  const va = versionNumber(sa);
  const vb = versionNumber(sb);
  if (va !== null && vb !== null && va !== vb)
    return va > vb ? { stable: b, canary: a } : { stable: a, canary: b };
  const wa = a.weight ?? 0;
  const wb = b.weight ?? 0;
  if (wa !== wb) return wa < wb ? { stable: b, canary: a } : { stable: a, canary: b };
  return { stable: a, canary: b };
}

interface Candidate {
  selection: RouteSelection;
  label: string;
}

function legacyNameError(vs: Json, routeIndex: number, name: string): PlanError {
  return new PlanError(
    `VirtualService ${vsName(vs)}: http[${routeIndex}] uses destination.name "${oneLine(name)}", the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${oneLine(name)}`,
  );
}

function routeLabel(vs: Json, index: number, route: HttpRouteView): string {
  return `${vsName(vs)} http[${index}]${route.name ? ` (${oneLine(route.name)})` : ''}`;
}

function candidateFor(vs: Json, index: number, route: HttpRouteView, want: RouteWanted): Candidate | string {
  const label = routeLabel(vs, index, route);
  const dests = route.destinations.map(({ host, subset, legacyName, weight }, i) => ({
    host,
    subset,
    legacyName,
    weight,
    index: i,
  }));
  for (const d of dests) if (d.legacyName && !d.host) throw legacyNameError(vs, index, d.legacyName);
  const withSubset = dests.filter((d) => d.host && d.subset);
  const bySubset = (s: string) => withSubset.find((d) => d.subset === s);
  let stable: (typeof withSubset)[number] | undefined;
  let canary: (typeof withSubset)[number] | undefined;
  if (want.stableSubset && want.canarySubset) {
    stable = bySubset(want.stableSubset);
    canary = bySubset(want.canarySubset);
    if (!stable) return `${label}: no destination with subset "${want.stableSubset}"`;
    if (!canary) {
      // The canary destination may be added by the first step, next to the stable one.
      canary = { host: stable.host, subset: want.canarySubset, legacyName: null, weight: 0, index: -1 };
    }
  } else if (want.stableSubset || want.canarySubset) {
    const given = (want.stableSubset ?? want.canarySubset) as string;
    const found = bySubset(given);
    const others = withSubset.filter((d) => d.subset !== given);
    if (!found) return `${label}: no destination with subset "${given}"`;
    if (others.length !== 1)
      return `${label}: ${others.length} other subsets (${others.map((o) => oneLine(String(o.subset))).join(', ') || 'none'}); set both stable-subset and canary-subset`;
    [stable, canary] = want.stableSubset ? [found, others[0]] : [others[0], found];
  } else {
    if (withSubset.length !== 2)
      return `${label}: ${withSubset.length} destinations with a subset; expected 2 (stable and canary)`;
    const pair = orderPair(withSubset[0]!, withSubset[1]!);
    stable = pair.stable;
    canary = pair.canary;
  }
  if (!stable || !canary) return `${label}: stable and canary destinations not found`;
  if (dests.length > 2 || (canary.index === -1 && dests.length > 1))
    return `${label}: ${dests.length} weighted destinations; istio-canary steps routes that send to exactly the stable and the canary subset`;
  return {
    label,
    selection: {
      namespace: virtualServiceView(vs).namespace,
      virtualService: vsName(vs),
      routeIndex: index,
      routeName: route.name,
      stable: {
        host: stable.host!,
        subset: stable.subset!,
        index: stable.index,
        weight: stable.weight ?? (dests.length === 1 ? 100 : 0),
      },
      canary: { host: canary.host!, subset: canary.subset!, index: canary.index, weight: canary.weight ?? 0 },
    },
  };
}

/**
 * Finds the VirtualService and http route to step, and its stable and canary destinations.
 * Throws a PlanError naming the inputs and the candidates when none or several match.
 */
export function selectRoute(virtualServices: readonly Json[], want: RouteWanted): RouteSelection {
  const pool = want.virtualService
    ? virtualServices.filter((vs) => vsName(vs) === want.virtualService)
    : virtualServices;
  if (want.virtualService && pool.length === 0) {
    const names = virtualServices.map(vsName);
    throw new PlanError(
      `virtual-service: no VirtualService named "${want.virtualService}"; found: ${names.length ? names.join(', ') : 'none'}`,
    );
  }
  if (pool.length === 0) throw new PlanError('no VirtualService found in the manifests or the namespace');
  if (want.route !== null) {
    const matches = (r: HttpRouteView, i: number) =>
      typeof want.route === 'number' ? i === want.route : r.name === want.route;
    if (!pool.some((vs) => virtualServiceView(vs).http.some(matches))) {
      const listing = pool
        .map((vs) => {
          const routes = virtualServiceView(vs).http;
          return `VirtualService ${vsName(vs)} has ${routes.length === 0 ? 'no http routes' : `${routes.length} http route(s): ${routes.map((r, i) => `${i} (${r.name ? `named ${oneLine(r.name)}` : 'no name'})`).join(', ')}`}`;
        })
        .join('; ');
      throw new PlanError(
        `route: ${typeof want.route === 'number' ? `route ${want.route} does not exist (no http route at index ${want.route})` : `no http route named "${oneLine(want.route)}"`}; ${listing}. Set route to one of these indexes or names.`,
      );
    }
  }
  const found: Candidate[] = [];
  const rejected: string[] = [];
  for (const vs of pool) {
    virtualServiceView(vs).http.forEach((route, index) => {
      if (want.route !== null) {
        const matches = typeof want.route === 'number' ? index === want.route : route.name === want.route;
        if (!matches) return;
      }
      const c = candidateFor(vs, index, route, want);
      if (typeof c === 'string') rejected.push(c);
      else found.push(c);
    });
  }
  if (found.length === 1) return found[0]!.selection;
  if (found.length === 0) {
    throw new PlanError(
      `no http route sends to both a stable and a canary subset${rejected.length ? `:\n  - ${rejected.join('\n  - ')}` : ''}\nSet virtual-service, route, stable-subset and canary-subset to choose one.`,
    );
  }
  throw new PlanError(
    `${found.length} http routes could be stepped: ${found.map((c) => c.label).join('; ')}. Set virtual-service (and route) to choose one.`,
  );
}

/** The weights still to walk from the current canary weight: resuming never goes back. */
export function schedule(steps: readonly number[], currentWeight: number): number[] {
  return steps.filter((w) => w > currentWeight);
}

/** 1-based index of a weight in the schedule. */
export function stepIndexOf(steps: readonly number[], weight: number): number {
  return steps.filter((w) => w <= weight).length;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/**
 * A new VirtualService whose selected route sends `canaryWeight`% to the canary and the rest
 * to stable, each weighted destination tagged with the VERSION_HEADER response header.
 */
export function withCanaryWeight(vs: Json, selection: RouteSelection, canaryWeight: number): Json {
  if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100)
    throw new PlanError(`canary weight must be a whole number from 0 to 100, got ${canaryWeight}`);
  const next = clone(vs);
  // The view's mappings are next's own: the weights are set on them.
  const route = virtualServiceView(next).http[selection.routeIndex];
  if (!route) throw new PlanError(`VirtualService ${vsName(vs)} has no http[${selection.routeIndex}]`);
  const find = (d: Destination): Json | undefined =>
    (
      route.destinations.find((x) => x.subset === d.subset && x.host === d.host) ??
      (d.index >= 0 ? route.destinations[d.index] : undefined)
    )?.raw;
  const stable = find(selection.stable);
  if (!stable)
    throw new PlanError(
      `VirtualService ${vsName(vs)} http[${selection.routeIndex}] lost its stable destination`,
    );
  let canary = find(selection.canary);
  if (!canary) {
    canary = {
      destination: {
        ...(isObject(stable.destination) ? stable.destination : {}),
        subset: selection.canary.subset,
      },
    };
    route.raw.route = [...asArray(route.raw.route), canary];
  }
  stable.weight = 100 - canaryWeight;
  canary.weight = canaryWeight;
  tag(stable, 'stable');
  tag(canary, 'canary');
  return next;
}

function tag(dest: Json, version: 'stable' | 'canary'): void {
  const headers = isObject(dest.headers) ? dest.headers : {};
  const response = isObject(headers.response) ? headers.response : {};
  const set = isObject(response.set) ? response.set : {};
  set[VERSION_HEADER] = version;
  response.set = set;
  headers.response = response;
  dest.headers = headers;
}

/** The weights a route has now, read back from a VirtualService (for status and resume checks). */
export function currentWeights(vs: Json, selection: RouteSelection): { stable: number; canary: number } {
  const route = virtualServiceView(vs).http[selection.routeIndex];
  if (!route) return { stable: 100, canary: 0 };
  const dests = route.destinations;
  const weightOf = (subset: string) => {
    const d = dests.find((x) => x.subset === subset);
    if (!d) return 0;
    return d.weight ?? (dests.length === 1 ? 100 : 0);
  };
  return { stable: weightOf(selection.stable.subset), canary: weightOf(selection.canary.subset) };
}
