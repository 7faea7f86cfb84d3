// The Gateway API HTTPRoute (gateway.networking.k8s.io/v1) counterpart of plan.ts and
// strategy/virtual-service.ts (pure; every function returns a new object): which rule to step
// (its weighted backendRefs to the stable and the canary Service), the weights with the
// version response header (a ResponseHeaderModifier filter on each backendRef, as the
// VirtualService's headers.response.set), and the strategy changes: an A/B or preview rule
// before the stepped one (header `matches`), and a RequestMirror filter (`percent`, or
// `fraction` below 1%: both in the standard channel since Gateway API v1.3, GEP-3171). Also
// the guards' pure parts (promote/guards.ts, finalize.ts): the stepped rule's identity a
// promotion records, and the rules of any HTTPRoute still sending to the canary Service.
//
// The rules this module inserts carry no name (a rule `name` is refused by the v1.3 CRDs under
// strict field validation): they are recognised by their content, a rule with matches whose
// every backendRef is the canary Service tagged `x-istio-canary: canary`. HttpRouteSelection
// counts the rules WITHOUT them, like RouteSelection counts VirtualService routes.
import { PlanError, VERSION_HEADER, orderPair } from '../plan.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import { StrategyError } from './errors.js';
import { canonicalJson, gatewayHeaders, type MatchSpec } from './match.js';
import type { PreviewSpec } from './spec.js';

type Json = Record<string, unknown>;

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
/** Gateway API limits (standard CRDs): rules per HTTPRoute, matches per rule, headers per match. */
export const MAX_RULES = 16;
export const MAX_RULE_MATCHES = 64;
export const MAX_MATCH_HEADERS = 16;

export interface BackendSelection {
  /** The Service name. */
  service: string;
  /** Index in the rule's backendRefs; -1 when the first step adds it. */
  index: number;
  /** Percent of the rule's requests it receives now (weights default to 1). */
  weight: number;
}

/** The HTTPRoute rule to step and its two backends; the HTTPRoute counterpart of RouteSelection. */
export interface HttpRouteSelection {
  namespace: string | null;
  httpRoute: string;
  /** Index among the rules that are not strategy rules (see module comment). */
  ruleIndex: number;
  ruleName: string | null;
  stable: BackendSelection;
  canary: BackendSelection;
}

export interface HttpRouteWanted {
  httpRoute: string | null;
  /** The rule by `name` or 0-based index; null: detected. */
  rule: string | number | null;
  stableService: string | null;
  canaryService: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const routeName = (r: Json) => str(isObject(r.metadata) ? r.metadata.name : null) ?? '(unnamed)';
const routeLabel = (r: Json) => `HTTPRoute ${oneLine(routeName(r))}`;
const isServiceRef = (ref: Json) =>
  (ref.kind === undefined || ref.kind === 'Service') && (ref.group === undefined || ref.group === '');

/** Whether a backendRef (or a rule's mirror backendRef) answers with `x-istio-canary: <version>`. */
function taggedAs(ref: Json): string | null {
  const rhm = list(ref.filters).find((f) => f.type === 'ResponseHeaderModifier')?.responseHeaderModifier;
  const set = isObject(rhm) ? list(rhm.set) : [];
  const h = set.find((x) => typeof x.name === 'string' && x.name.toLowerCase() === VERSION_HEADER);
  return h ? str(h.value) : null;
}

/**
 * A rule this module inserted (A/B or preview): it has matches, and every backendRef is the
 * canary Service (`canaryService`; when null, any one Service) tagged `x-istio-canary: canary`.
 */
export function isStrategyRule(rule: Json, canaryService: string | null): boolean {
  const refs = list(rule.backendRefs);
  const name = canaryService ?? refs[0]?.name;
  return (
    list(rule.matches).length > 0 &&
    refs.length > 0 &&
    typeof name === 'string' &&
    refs.every((r) => r.name === name && taggedAs(r) === 'canary')
  );
}

/** The rules mappings of a route (its own array elements). */
const rulesOf = (route: Json): Json[] => list(isObject(route.spec) ? route.spec.rules : null);

/** The user's rules: all but the strategy rules for this canary Service. */
function userRules(route: Json, canaryService: string | null): Json[] {
  return rulesOf(route).filter((r) => !isStrategyRule(r, canaryService));
}

/** The stepped rule's mapping (the selection's index over the user's rules), or null. */
export function steppedRule(route: Json, sel: HttpRouteSelection): Json | null {
  // Counted as selectHttpRoute counts (strategy rules of any canary Service skipped).
  return userRules(route, null)[sel.ruleIndex] ?? null;
}

function percents(refs: Json[]): number[] {
  const ws = refs.map((r) => (typeof r.weight === 'number' ? r.weight : 1));
  const sum = ws.reduce((a, b) => a + b, 0);
  return ws.map((w) => (sum === 0 ? 0 : Math.round((w / sum) * 100)));
}

function candidate(
  route: Json,
  index: number,
  rule: Json,
  want: HttpRouteWanted,
): HttpRouteSelection | string {
  const label = `${routeLabel(route)} rules[${index}]${str(rule.name) ? ` (${oneLine(str(rule.name)!)})` : ''}`;
  const refs = list(rule.backendRefs);
  const pct = percents(refs);
  const named = refs
    .map((r, i) => ({
      host: null,
      subset: str(r.name),
      legacyName: null,
      weight: pct[i]!,
      index: i,
      service: isServiceRef(r),
    }))
    .filter((r) => r.subset !== null && r.service);
  const by = (s: string) => named.find((r) => r.subset === s);
  let stable: (typeof named)[number] | undefined;
  let canary: (typeof named)[number] | undefined;
  if (want.stableService && want.canaryService) {
    stable = by(want.stableService);
    if (!stable) return `${label}: no backendRef to Service "${oneLine(want.stableService)}"`;
    canary = by(want.canaryService) ?? { ...stable, subset: want.canaryService, weight: 0, index: -1 };
  } else if (want.stableService || want.canaryService) {
    const given = (want.stableService ?? want.canaryService)!;
    const found = by(given);
    const others = named.filter((r) => r.subset !== given);
    if (!found) return `${label}: no backendRef to Service "${oneLine(given)}"`;
    if (others.length !== 1)
      return `${label}: ${others.length} other backendRefs; set both stable-service and canary-service`;
    [stable, canary] = want.stableService ? [found, others[0]] : [others[0], found];
  } else {
    if (named.length !== 2)
      return `${label}: ${named.length} Service backendRefs; expected 2 (stable and canary)`;
    const pair = orderPair(named[0]!, named[1]!);
    stable = pair.stable;
    canary = pair.canary;
  }
  if (!stable || !canary) return `${label}: stable and canary backendRefs not found`;
  if (refs.length > 2 || (canary.index === -1 && refs.length > 1))
    return `${label}: ${refs.length} backendRefs; istio-canary steps rules that send to exactly the stable and the canary Service`;
  const meta = isObject(route.metadata) ? route.metadata : {};
  return {
    namespace: str(meta.namespace),
    httpRoute: routeName(route),
    ruleIndex: index,
    ruleName: str(rule.name),
    stable: { service: stable.subset!, index: stable.index, weight: refs.length === 1 ? 100 : stable.weight },
    canary: { service: canary.subset!, index: canary.index, weight: canary.index === -1 ? 0 : canary.weight },
  };
}

/**
 * Finds the HTTPRoute and rule to step and its stable and canary backendRefs (by the Service
 * names given, else two Service backendRefs ordered as plan.ts orders subsets). Strategy rules
 * (see module comment) are skipped. Throws a PlanError naming the inputs and the candidates.
 */
export function selectHttpRoute(routes: readonly Json[], want: HttpRouteWanted): HttpRouteSelection {
  const httpRoutes = routes.filter((r) => r.kind === undefined || r.kind === 'HTTPRoute');
  const pool = want.httpRoute ? httpRoutes.filter((r) => routeName(r) === want.httpRoute) : httpRoutes;
  if (want.httpRoute && pool.length === 0)
    throw new PlanError(
      `http-route: no HTTPRoute named "${want.httpRoute}"; found: ${httpRoutes.map(routeName).join(', ') || 'none'}`,
    );
  if (pool.length === 0) throw new PlanError('no HTTPRoute found in the manifests or the namespace');
  const found: HttpRouteSelection[] = [];
  const rejected: string[] = [];
  for (const route of pool) {
    userRules(route, null).forEach((rule, i) => {
      if (want.rule !== null && (typeof want.rule === 'number' ? i !== want.rule : rule.name !== want.rule))
        return;
      const c = candidate(route, i, rule, want);
      if (typeof c === 'string') rejected.push(c);
      else found.push(c);
    });
  }
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new PlanError(
      `no HTTPRoute rule sends to both a stable and a canary Service${rejected.length ? `:\n  - ${rejected.join('\n  - ')}` : ''}\nSet http-route, route, stable-service and canary-service to choose one.`,
    );
  throw new PlanError(
    `${found.length} HTTPRoute rules could be stepped: ${found.map((s) => `${s.httpRoute} rules[${s.ruleIndex}]`).join('; ')}. Set http-route (and route) to choose one.`,
  );
}

function steppedOrThrow(route: Json, sel: HttpRouteSelection): Json {
  const rule = steppedRule(route, sel);
  if (!rule) throw new PlanError(`${routeLabel(route)} has no rules[${sel.ruleIndex}] to step`);
  return rule;
}

/** Sets `x-istio-canary: <version>` in the backendRef's ResponseHeaderModifier filter (added when absent). */
function tagRef(ref: Json, version: 'stable' | 'canary'): void {
  const filters = Array.isArray(ref.filters) ? (ref.filters as unknown[]) : ((ref.filters = []) as unknown[]);
  let f = filters.filter(isObject).find((x) => x.type === 'ResponseHeaderModifier');
  if (!f) filters.push((f = { type: 'ResponseHeaderModifier', responseHeaderModifier: {} }));
  const rhm = isObject(f.responseHeaderModifier) ? f.responseHeaderModifier : (f.responseHeaderModifier = {});
  const set = Array.isArray(rhm.set) ? (rhm.set as unknown[]) : ((rhm.set = []) as unknown[]);
  const h = set
    .filter(isObject)
    .find((x) => typeof x.name === 'string' && x.name.toLowerCase() === VERSION_HEADER);
  if (h) h.value = version;
  else set.push({ name: VERSION_HEADER, value: version });
}

/** The canary's backendRef as the stepped rule has it, else stable's with the canary Service's name (no weight, no filters). */
function canaryRef(rule: Json, sel: HttpRouteSelection): Json {
  const refs = list(rule.backendRefs);
  const source =
    refs.find((r) => r.name === sel.canary.service) ?? refs.find((r) => r.name === sel.stable.service) ?? {};
  const copy = structuredClone(source);
  delete copy.weight;
  delete copy.filters;
  return { ...copy, name: sel.canary.service };
}

/**
 * A new HTTPRoute whose stepped rule sends `canaryWeight`% to the canary Service and the rest
 * to stable (backendRef `weight`s), each backendRef tagged with the version response header.
 * The canary backendRef is added (a copy of stable's) when the rule has none yet.
 */
export function withHttpRouteWeight(route: Json, sel: HttpRouteSelection, canaryWeight: number): Json {
  if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100)
    throw new PlanError(`canary weight must be a whole number from 0 to 100, got ${canaryWeight}`);
  const next = structuredClone(route);
  const rule = steppedOrThrow(next, sel);
  const refs = list(rule.backendRefs);
  const stable = refs.find((r) => r.name === sel.stable.service);
  if (!stable) throw new PlanError(`${routeLabel(route)} rules[${sel.ruleIndex}] lost its stable backendRef`);
  let canary = refs.find((r) => r.name === sel.canary.service);
  if (!canary) {
    canary = canaryRef(rule, sel);
    rule.backendRefs = [...(Array.isArray(rule.backendRefs) ? (rule.backendRefs as unknown[]) : []), canary];
  }
  stable.weight = 100 - canaryWeight;
  canary.weight = canaryWeight;
  tagRef(stable, 'stable');
  tagRef(canary, 'canary');
  return next;
}

/** The weights (percent) the stepped rule has now, read back for status, resume and drift checks. */
export function currentHttpRouteWeights(
  route: Json,
  sel: HttpRouteSelection,
): { stable: number; canary: number } {
  const rule = steppedRule(route, sel);
  if (!rule) return { stable: 100, canary: 0 };
  const refs = list(rule.backendRefs);
  const pct = percents(refs);
  const of = (s: string) => {
    const i = refs.findIndex((r) => r.name === s);
    return i < 0 ? 0 : pct[i]!;
  };
  return { stable: of(sel.stable.service), canary: of(sel.canary.service) };
}

const isCanaryMirror = (f: Json, sel: HttpRouteSelection) =>
  f.type === 'RequestMirror' &&
  isObject(f.requestMirror) &&
  isObject(f.requestMirror.backendRef) &&
  f.requestMirror.backendRef.name === sel.canary.service;

function dropCanaryMirror(rule: Json, sel: HttpRouteSelection): void {
  if (!Array.isArray(rule.filters)) return;
  rule.filters = rule.filters.filter((f) => !(isObject(f) && isCanaryMirror(f, sel)));
  if ((rule.filters as unknown[]).length === 0) delete rule.filters;
}

/** The HTTPRoute without anything strategy-specific: the A/B and preview rules and the mirror to the canary. Weights stay. */
export function withoutStrategyHttpRoute(route: Json, sel: HttpRouteSelection): Json {
  const next = structuredClone(route);
  const spec = isObject(next.spec) ? next.spec : null;
  if (spec && Array.isArray(spec.rules))
    spec.rules = spec.rules.filter((r) => !(isObject(r) && isStrategyRule(r, sel.canary.service)));
  const rule = steppedRule(next, sel);
  if (rule) dropCanaryMirror(rule, sel);
  return next;
}

/** A Gateway API match in canonical form (defaults written out, headers sorted), for equality. */
export function normalizeGatewayMatch(m: Json): Json {
  const path = isObject(m.path) ? m.path : {};
  return {
    ...m,
    path: { type: path.type ?? 'PathPrefix', value: path.value ?? '/' },
    headers: list(m.headers)
      .map((h) => ({ type: h.type ?? 'Exact', name: String(h.name).toLowerCase(), value: h.value }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ...(m.queryParams !== undefined
      ? {
          queryParams: list(m.queryParams).map((q) => ({
            type: q.type ?? 'Exact',
            name: q.name,
            value: q.value,
          })),
        }
      : {}),
  };
}

/** The stepped rule's matches AND the extra headers; a message when one header is matched both ways. */
export function intersectGateway(ruleMatches: unknown, extra: readonly Json[][]): Json[] | string {
  const own = list(ruleMatches);
  const base = own.length ? own : [{ path: { type: 'PathPrefix', value: '/' } }];
  const out: Json[] = [];
  for (const m of base)
    for (const headers of extra) {
      const mine = list(m.headers);
      for (const h of headers) {
        const same = mine.find((x) => String(x.name).toLowerCase() === String(h.name).toLowerCase());
        if (same && canonicalJson({ ...same, type: same.type ?? 'Exact' }) !== canonicalJson(h))
          return `header ${String(h.name)} is matched by the rule as ${canonicalJson(same)} and by the new match as ${canonicalJson(h)}`;
      }
      const added = headers.filter(
        (h) => !mine.some((x) => String(x.name).toLowerCase() === String(h.name).toLowerCase()),
      );
      out.push({ ...structuredClone(m), headers: [...structuredClone(mine), ...added] });
    }
  return out;
}

/** The Gateway API header lists of an A/B match or a header preview; a host preview is refused. */
export function gatewayExtraOf(match: MatchSpec | PreviewSpec, route: Json): Json[][] {
  if (Array.isArray(match)) return match.map(gatewayHeaders);
  if (match.kind === 'host')
    throw new StrategyError(
      'preview-host-unsupported',
      `${routeLabel(route)}: an HTTPRoute matches hosts per route (spec.hostnames), not per rule; use preview-header for blue/green on an HTTPRoute`,
      [routeLabel(route)],
    );
  return [gatewayHeaders({ headers: [match.header] })];
}

/** The matches of the rule inserted before the stepped one; throws `match-conflict` as the VirtualService side does. */
export function insertedMatchHttpRoute(
  route: Json,
  sel: HttpRouteSelection,
  extra: readonly Json[][],
): Json[] {
  const merged = intersectGateway(steppedOrThrow(route, sel).matches, extra);
  if (typeof merged === 'string')
    throw new StrategyError(
      'match-conflict',
      `${routeLabel(route)} rules[${sel.ruleIndex}]: ${oneLine(merged)}; the canary rule must match the rule's own requests, so use another header or drop the condition from the match`,
      [routeLabel(route)],
    );
  return merged;
}

function withInsertedRule(route: Json, sel: HttpRouteSelection, extra: readonly Json[][]): Json {
  const matches = insertedMatchHttpRoute(route, sel, extra);
  const next = withoutInsertedRuleHttpRoute(route, sel);
  const stepped = steppedOrThrow(next, sel);
  const copy = structuredClone(stepped);
  for (const k of ['name', 'matches', 'backendRefs']) delete copy[k];
  dropCanaryMirror(copy, sel);
  if (Array.isArray(copy.filters)) {
    copy.filters = copy.filters.filter((f) => !(isObject(f) && f.type === 'RequestMirror'));
    if ((copy.filters as unknown[]).length === 0) delete copy.filters;
  }
  const ref = canaryRef(stepped, sel);
  tagRef(ref, 'canary');
  const rules = (next.spec as Json).rules as unknown[];
  rules.splice(rules.indexOf(stepped), 0, { matches, ...copy, backendRefs: [ref] });
  return next;
}

/** A/B: a rule before the stepped one whose matches (the rule's own AND the user's headers) go to the canary. Idempotent. */
export function withAbRuleHttpRoute(route: Json, sel: HttpRouteSelection, match: MatchSpec): Json {
  if (match.length === 0 || match.some((e) => e.headers.length === 0))
    throw new StrategyError(
      'match-empty',
      'match: an A/B match needs at least one condition in every alternative',
    );
  return withInsertedRule(route, sel, gatewayExtraOf(match, route));
}

/** Blue/green preview by header: the same kind of rule as A/B, with the one preview header. Idempotent. */
export function withPreviewRuleHttpRoute(route: Json, sel: HttpRouteSelection, preview: PreviewSpec): Json {
  return withInsertedRule(route, sel, gatewayExtraOf(preview, route));
}

/** The A/B or preview rule removed (both are the same kind of rule; the mirror and weights stay). */
export function withoutInsertedRuleHttpRoute(route: Json, sel: HttpRouteSelection): Json {
  const next = structuredClone(route);
  const spec = isObject(next.spec) ? next.spec : null;
  if (spec && Array.isArray(spec.rules))
    spec.rules = spec.rules.filter((r) => !(isObject(r) && isStrategyRule(r, sel.canary.service)));
  return next;
}

/** The RequestMirror filter of a percent: `percent` when whole, else `fraction` per million. */
export function mirrorFilter(backendRef: Json, percent: number): Json {
  const amount = Number.isInteger(percent)
    ? { percent }
    : { fraction: { numerator: Math.round(percent * 10_000), denominator: 1_000_000 } };
  return { type: 'RequestMirror', requestMirror: { backendRef, ...amount } };
}

/** Mirror: a RequestMirror filter on the stepped rule copying `percent`% of its requests to the canary Service. Idempotent. */
export function withMirrorHttpRoute(route: Json, sel: HttpRouteSelection, percent: number): Json {
  if (!(percent > 0 && percent <= 100))
    throw new StrategyError(
      'mirror-percent-range',
      `mirror-percent: ${percent} is outside 0-100 (above 0, at most 100)`,
    );
  const next = structuredClone(route);
  const rule = steppedOrThrow(next, sel);
  dropCanaryMirror(rule, sel);
  const ref = canaryRef(rule, sel);
  const backendRef: Json = { name: ref.name };
  for (const k of ['group', 'kind', 'namespace', 'port']) if (ref[k] !== undefined) backendRef[k] = ref[k];
  rule.filters = [
    ...(Array.isArray(rule.filters) ? (rule.filters as unknown[]) : []),
    mirrorFilter(backendRef, percent),
  ];
  return next;
}

/** The mirror to the canary removed (and nothing else). */
export function withoutMirrorHttpRoute(route: Json, sel: HttpRouteSelection): Json {
  const next = structuredClone(route);
  const rule = steppedRule(next, sel);
  if (rule) dropCanaryMirror(rule, sel);
  return next;
}

/** What strategy changes an HTTPRoute has now: an inserted rule (A/B or preview) and the mirror percent. */
export function strategyStateHttpRoute(
  route: Json,
  sel: HttpRouteSelection,
): { inserted: boolean; mirrorPercent: number | null } {
  const inserted = rulesOf(route).some((r) => isStrategyRule(r, sel.canary.service));
  const rule = steppedRule(route, sel);
  const f = rule ? list(rule.filters).find((x) => isCanaryMirror(x, sel)) : undefined;
  let mirrorPercent: number | null = null;
  if (f && isObject(f.requestMirror)) {
    const rm = f.requestMirror;
    if (typeof rm.percent === 'number') mirrorPercent = rm.percent;
    else if (isObject(rm.fraction) && typeof rm.fraction.numerator === 'number')
      mirrorPercent =
        (rm.fraction.numerator /
          (typeof rm.fraction.denominator === 'number' ? rm.fraction.denominator : 100)) *
        100;
    else mirrorPercent = 100;
  }
  return { inserted, mirrorPercent };
}

/**
 * The identity of a user rule (by default the selected one) of an HTTPRoute, as a promotion
 * records it (state.route, like target.ts routeIdentity for a VirtualService): `name <name>`
 * when the rule has one (Gateway API v1.6 rule names), else its matches (the API's defaults
 * written out, so a rule without matches and the one the API server defaulted are the same)
 * and the Services it sends to with the selection's two (the first step may add the canary's).
 * The index is not part of it (a rule inserted before the stepped one does not change which rule
 * that is), except when another user rule has the same identity: then ` at rules[i]` tells them
 * apart. Null when there is no such rule.
 */
export function httpRuleIdentity(route: Json, sel: HttpRouteSelection, index = sel.ruleIndex): string | null {
  const rules = userRules(route, null);
  const own = (i: number): string | null => {
    const rule = rules[i];
    if (!rule) return null;
    const name = str(rule.name);
    if (name) return `name ${name}`;
    const written = list(rule.matches);
    const matches = (written.length ? written : [{}]).map(normalizeGatewayMatch);
    const services = new Set(
      list(rule.backendRefs)
        .filter(isServiceRef)
        .map((r) => str(r.name) ?? '?'),
    );
    services.add(sel.stable.service);
    services.add(sel.canary.service);
    return `matches ${canonicalJson(matches)} to ${[...services].sort().join(',')}`;
  };
  const id = own(index);
  if (id === null || id.startsWith('name ')) return id;
  const twin = rules.some((_, i) => i !== index && own(i) === id);
  return twin ? `${id} at rules[${index}]` : id;
}

/**
 * The selected rule of the live HTTPRoute is not the one the recorded promotion steps (a rule
 * was inserted before it, it was renamed, its matches changed, or another rule is selected now),
 * or it no longer sends to both Services while the state says the canary has traffic: stepping,
 * taking over or rolling back that rule would write weights to a rule the canary is not on.
 * Returns the problem naming the selected and the recorded rule (and where that one is now), or
 * null. The HTTPRoute counterpart of target.ts recordedRouteProblem.
 */
export function recordedHttpRuleProblem(
  route: Json | null,
  sel: HttpRouteSelection,
  state: { route?: string; weight: number } | null,
  routeRef: string,
): string | null {
  if (!route || !state) return null;
  const rules = userRules(route, null);
  const rule = rules[sel.ruleIndex];
  const live = httpRuleIdentity(route, sel);
  const services = rule ? list(rule.backendRefs).map((r) => r.name) : [];
  const both = services.includes(sel.stable.service) && services.includes(sel.canary.service);
  const moved = state.route !== undefined && live !== state.route;
  if (!moved && (both || state.weight === 0)) return null;
  const describeRule = (i: number) => `rules[${i}] (${oneLine(httpRuleIdentity(route, sel, i) ?? 'none')})`;
  const found = state.route ? rules.findIndex((_, i) => httpRuleIdentity(route, sel, i) === state.route) : -1;
  const selected = `the selected rule ${describeRule(sel.ruleIndex)}`;
  const what = moved
    ? `${selected} of HTTPRoute ${routeRef} is not the rule this promotion recorded (${oneLine(state.route!)})`
    : `${selected} of HTTPRoute ${routeRef} does not send to both Services ${oneLine(sel.stable.service)} and ${oneLine(sel.canary.service)}, though the promotion recorded canary ${state.weight}%`;
  const foundName = found >= 0 ? str(rules[found]!.name) : null;
  const where =
    found >= 0
      ? `; the recorded rule is now rules[${found}]: select it with --route ${found}${foundName ? ` (or --route ${oneLine(foundName)})` : ''}, as the live HTTPRoute numbers its rules without the ones a strategy inserted (without manifests, or with manifests whose HTTPRoute has the same rules)`
      : `; live rules: ${rules.map((_, i) => describeRule(i)).join(', ') || 'none'}`;
  return `${what}${where}. Nothing was written (take-over does not change the rule a promotion is on)`;
}

/** A percent as the routes lists show it: whole when it is, else one decimal (at least 0.1). */
function shownPercent(p: number): string {
  return Number.isInteger(p) ? String(p) : String(Math.max(0.1, Math.round(p * 10) / 10));
}

/**
 * The rules of `routes` (HTTPRoutes of any namespaces) that send a share of their requests to
 * the Service `to` through their backendRefs (a backendRef's namespace defaults to its route's;
 * weights default to 1), each as `HTTPRoute ns/name rule <name|index> (<percent>%)`, the index
 * in spec.rules. `stepped` leaves out the promotion's own rule and the strategy rules of its
 * HTTPRoute (they go with the flip). Mirrors (RequestMirror) are not counted: no client waits
 * for their answers.
 */
export function httpRulesSendingTo(
  routes: readonly Json[],
  to: { service: string; namespace: string },
  stepped: { namespace: string; selection: HttpRouteSelection } | null,
): string[] {
  const found: string[] = [];
  for (const route of routes) {
    if (route.kind !== undefined && route.kind !== 'HTTPRoute') continue;
    const meta = isObject(route.metadata) ? route.metadata : {};
    const ns = str(meta.namespace) ?? to.namespace;
    const name = routeName(route);
    const own =
      stepped !== null && ns === stepped.namespace && name === stepped.selection.httpRoute ? stepped : null;
    const skipped = own ? steppedRule(route, own.selection) : null;
    rulesOf(route).forEach((rule, i) => {
      if (rule === skipped) return;
      if (own && isStrategyRule(rule, own.selection.canary.service)) return;
      const refs = list(rule.backendRefs);
      const weights = refs.map((r) => (typeof r.weight === 'number' ? r.weight : 1));
      const total = weights.reduce((a, b) => a + b, 0);
      const toService = refs.reduce(
        (sum, r, j) =>
          isServiceRef(r) && r.name === to.service && (str(r.namespace) ?? ns) === to.namespace
            ? sum + weights[j]!
            : sum,
        0,
      );
      if (total > 0 && toService > 0)
        found.push(
          `HTTPRoute ${oneLine(ns)}/${oneLine(name)} rule ${str(rule.name) ? oneLine(str(rule.name)!) : i} (${shownPercent((toService / total) * 100)}%)`,
        );
    });
  }
  return found;
}
