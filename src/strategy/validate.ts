// The bad combinations of a strategy and the routes it would change (pure), all found before
// anything is written: an empty A/B match, a match that an earlier route would take first (it
// would never reach the canary) or that contradicts the stepped route's own match, mirroring on
// a route that cannot mirror, a preview host that is the live host or not served, two lockstep
// services on one route object. Each StrategyError names the objects and what to change.
import { virtualServiceView } from '../kube/views.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import { StrategyError } from './errors.js';
import {
  gatewayExtraOf,
  insertedMatchHttpRoute,
  normalizeGatewayMatch,
  steppedRule,
  withoutStrategyHttpRoute,
  MAX_MATCH_HEADERS,
  MAX_RULE_MATCHES,
  MAX_RULES,
} from './http-route.js';
import { canonicalJson, istioEntryCovers } from './match.js';
import { serviceObjectKey, type StrategySpec } from './spec.js';
import type { RouteTarget } from './stages.js';
import { NON_HTTP_ROUTE_KINDS } from './route-kind.js';
import {
  abRouteName,
  insertedMatchVs,
  isStrategyRouteName,
  previewRouteName,
  istioMatchesOf,
  istioPreviewMatch,
  steppedRoute,
  withoutStrategyVs,
} from './virtual-service.js';

type Json = Record<string, unknown>;

export interface ValidateOptions {
  /** The namespace of objects that name none (the `namespace` input). */
  namespace: string;
  /** Every route object known (manifests, or the live namespace): other HTTPRoutes on the same parent, TCP/TLS routes. */
  objects?: readonly Json[];
  /** The host live traffic uses (load-host, or the host of load-url), when known. */
  liveHost?: string | null;
  /** The `virtual-service` input: a VirtualService so named that routes TCP/TLS only is named in the error. */
  virtualService?: string | null;
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const meta = (o: Json) => (isObject(o.metadata) ? o.metadata : {});
const nameOf = (o: Json) => (typeof meta(o).name === 'string' ? (meta(o).name as string) : '(unnamed)');
const nsOf = (o: Json, ns: string) =>
  typeof meta(o).namespace === 'string' ? (meta(o).namespace as string) : ns;
const kindName = (t: RouteTarget) => (t.kind === 'virtual-service' ? 'VirtualService' : 'HTTPRoute');
const labelOf = (t: RouteTarget, ns: string) =>
  `${kindName(t)} ${oneLine(nsOf(t.object, ns))}/${oneLine(nameOf(t.object))}`;
const routeOf = (t: RouteTarget) =>
  t.kind === 'virtual-service'
    ? `http[${t.selection.routeIndex}]${t.selection.routeName ? ` (${oneLine(t.selection.routeName)})` : ''}`
    : `rules[${t.selection.ruleIndex}]${t.selection.ruleName ? ` (${oneLine(t.selection.ruleName)})` : ''}`;

/** Whether an Istio host pattern (`*`, `*.example.com`, or exact) serves `host`. */
export function hostServes(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*' || p === h) return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1));
}

/** What a route inserted before the stepped one would match, or the error that stops it. */
function insertedMatches(t: RouteTarget, spec: StrategySpec): Json[] | StrategyError | null {
  const wants = spec.strategy === 'ab' ? spec.match : spec.strategy === 'blue-green' ? spec.preview : null;
  if (wants === null || (Array.isArray(wants) && wants.length === 0)) return null;
  try {
    if (t.kind === 'virtual-service') {
      const extra = Array.isArray(wants) ? istioMatchesOf(wants) : [istioPreviewMatch(wants)];
      return insertedMatchVs(withoutStrategyVs(t.object, t.selection), t.selection, extra);
    }
    const base = withoutStrategyHttpRoute(t.object, t.selection);
    return insertedMatchHttpRoute(base, t.selection, gatewayExtraOf(wants, base));
  } catch (err) {
    if (err instanceof StrategyError) return err;
    throw err;
  }
}

const what = (spec: StrategySpec) => (spec.strategy === 'ab' ? 'A/B route' : 'preview route');

function virtualServiceProblems(
  t: RouteTarget & { kind: 'virtual-service' },
  spec: StrategySpec,
  o: ValidateOptions,
): StrategyError[] {
  const out: StrategyError[] = [];
  const label = labelOf(t, o.namespace);
  const base = withoutStrategyVs(t.object, t.selection);
  const stepped = steppedRoute(base, t.selection);
  const ours = [abRouteName(t.selection), previewRouteName(t.selection)];
  for (const r of virtualServiceView(t.object).http)
    if (isStrategyRouteName(r.name) && !ours.includes(r.name!))
      out.push(
        new StrategyError(
          'reserved-name',
          `${label} has an http route named ${oneLine(r.name!)}; names ending in -istio-canary-ab or -istio-canary-preview are the routes istio-canary inserts and removes: rename it`,
          [label],
        ),
      );
  if (spec.strategy === 'mirror' && stepped) {
    const bad = ['redirect', 'directResponse', 'delegate'].find((k) => stepped[k] !== undefined);
    if (bad)
      out.push(
        new StrategyError(
          'mirror-unsupported',
          `${label} ${routeOf(t)} has ${bad}, so it has no destination whose traffic Istio could mirror; choose a route that sends to the stable and canary subsets (route input)`,
          [label],
        ),
      );
    const other =
      stepped.mirrors !== undefined ||
      (isObject(stepped.mirror) &&
        !(
          stepped.mirror.host === t.selection.canary.host &&
          stepped.mirror.subset === t.selection.canary.subset
        ));
    if (other)
      out.push(
        new StrategyError(
          'mirror-exists',
          `${label} ${routeOf(t)} already mirrors to ${oneLine(JSON.stringify(stepped.mirror ?? stepped.mirrors))}; Istio takes one mirror per route: remove it, or use strategy canary`,
          [label],
        ),
      );
  }
  if (spec.strategy === 'blue-green' && spec.preview?.kind === 'host') {
    const host = spec.preview.host;
    const hosts = virtualServiceView(base).hosts;
    const live = o.liveHost ?? (hosts.length === 1 ? hosts[0]! : null);
    if (live !== null && live.toLowerCase().split(':')[0] === host)
      out.push(
        new StrategyError(
          'preview-host-live',
          `preview-host: ${oneLine(host)} is the host live traffic uses (${label}); the preview must be a separate host, e.g. preview.${oneLine(host)}`,
          [label],
        ),
      );
    else if (!hosts.some((h) => hostServes(h, host)))
      out.push(
        new StrategyError(
          'preview-host-not-served',
          `preview-host: ${oneLine(host)} is not among the hosts of ${label} (${hosts.map(oneLine).join(', ') || 'none'}), so its requests never reach this route; add it to spec.hosts (and to the Gateway's server hosts) or use preview-header`,
          [label],
        ),
      );
  }
  const inserted = insertedMatches(t, spec);
  if (inserted instanceof StrategyError) out.push(inserted);
  else if (inserted) {
    // Routes before the stepped one are tried first: one whose match covers an inserted entry takes all its requests.
    const earlier = virtualServiceView(base).http.slice(0, t.selection.routeIndex);
    earlier.forEach((r, i) => {
      const entries = list(r.raw.match);
      const own = entries.length ? entries : [{}];
      const covered = inserted.filter((m) => own.some((e) => istioEntryCovers(e, m)));
      if (covered.length)
        out.push(
          new StrategyError(
            'match-shadowed',
            `${label} http[${i}]${r.name ? ` (${oneLine(r.name)})` : ''} comes before ${routeOf(t)} and matches ${r.raw.match === undefined || entries.length === 0 ? 'every request' : oneLine(canonicalJson(r.raw.match))}, which takes every request of the ${what(spec)} ${oneLine(canonicalJson(covered[0]))}: the canary would never get them. Move http[${i}] after ${routeOf(t)}, narrow its match, or choose a match it does not cover`,
            [label],
          ),
        );
    });
  }
  return out;
}

/** Whether two HTTPRoutes attach to a common parent (by parentRef name and namespace). */
function shareParent(a: Json, b: Json, ns: string): boolean {
  const refs = (r: Json) =>
    list(isObject(r.spec) ? r.spec.parentRefs : null).map(
      (p) =>
        `${typeof p.namespace === 'string' ? p.namespace : nsOf(r, ns)}/${typeof p.kind === 'string' ? p.kind : 'Gateway'}/${JSON.stringify(p.name)}`,
    );
  const ra = refs(a);
  return refs(b).some((x) => ra.includes(x));
}

function httpRouteProblems(
  t: RouteTarget & { kind: 'http-route' },
  spec: StrategySpec,
  o: ValidateOptions,
): StrategyError[] {
  const out: StrategyError[] = [];
  const label = labelOf(t, o.namespace);
  const base = withoutStrategyHttpRoute(t.object, t.selection);
  const rule = steppedRule(base, t.selection);
  if (spec.strategy === 'mirror' && rule && list(rule.filters).some((f) => f.type === 'RequestRedirect'))
    out.push(
      new StrategyError(
        'mirror-unsupported',
        `${label} ${routeOf(t)} has a RequestRedirect filter, so no request reaches a backend to mirror; choose another rule (route input)`,
        [label],
      ),
    );
  const inserted = insertedMatches(t, spec);
  if (inserted instanceof StrategyError) out.push(inserted);
  else if (inserted) {
    const rules = list(isObject(base.spec) ? base.spec.rules : null);
    if (
      rules.length + 1 > MAX_RULES ||
      inserted.length > MAX_RULE_MATCHES ||
      inserted.some((m) => list(m.headers).length > MAX_MATCH_HEADERS)
    )
      out.push(
        new StrategyError(
          'match-too-large',
          `${label}: the ${what(spec)} would make ${rules.length + 1} rules (at most ${MAX_RULES}), ${inserted.length} matches (at most ${MAX_RULE_MATCHES}) of up to ${Math.max(...inserted.map((m) => list(m.headers).length))} headers (at most ${MAX_MATCH_HEADERS}); use fewer match alternatives or conditions`,
          [label],
        ),
      );
    // Equal matches tie on every precedence rule of the Gateway API; an earlier rule, or an older route on the same parent, wins.
    const mine = new Set(inserted.map((m) => canonicalJson(normalizeGatewayMatch(m))));
    const others: { route: Json; rules: Json[] }[] = [
      { route: base, rules: rules.filter((r) => r !== rule) },
    ];
    for (const other of o.objects ?? [])
      if (
        other.kind === 'HTTPRoute' &&
        nameOf(other) !== nameOf(base) &&
        shareParent(other, base, o.namespace)
      )
        others.push({ route: other, rules: list(isObject(other.spec) ? other.spec.rules : null) });
    for (const { route, rules: rs } of others)
      rs.forEach((r) => {
        const same = list(r.matches).find((m) => mine.has(canonicalJson(normalizeGatewayMatch(m))));
        if (same)
          out.push(
            new StrategyError(
              'match-shadowed',
              `HTTPRoute ${oneLine(nameOf(route))} rules[${rules.indexOf(r) >= 0 ? rules.indexOf(r) : rs.indexOf(r)}] has the match ${oneLine(canonicalJson(same))}, the same as the ${what(spec)} for ${label} ${routeOf(t)}; the Gateway API gives equal matches to one rule only, so the canary might never get them. Change that rule's match or choose another match`,
              [label, `HTTPRoute ${oneLine(nameOf(route))}`],
            ),
          );
      });
  }
  return out;
}

/**
 * Every bad combination of `spec` with the route objects it would change (one target per
 * service; selections counted without the strategy's own routes). Pure; run before any write.
 * An empty list means the transforms of renderRoute will not throw for these targets.
 */
export function validateStrategy(
  spec: StrategySpec,
  targets: readonly RouteTarget[],
  options: ValidateOptions,
): StrategyError[] {
  const out: StrategyError[] = [];
  const ns = options.namespace;
  if (spec.strategy === 'ab' && (spec.match.length === 0 || spec.match.some((e) => e.headers.length === 0)))
    out.push(
      new StrategyError(
        'match-empty',
        'match: strategy ab needs a match with at least one header or cookie condition in every alternative; an empty one would send every request to the canary',
      ),
    );
  if (spec.strategy === 'mirror' && !(spec.mirrorPercent > 0 && spec.mirrorPercent <= 100))
    out.push(
      new StrategyError(
        'mirror-percent-range',
        `mirror-percent: ${spec.mirrorPercent} is outside 0-100 (above 0, at most 100)`,
      ),
    );
  if (spec.strategy === 'blue-green' && spec.preview === null)
    out.push(
      new StrategyError(
        'preview-missing',
        'preview-host, preview-header: strategy blue-green needs one of them',
      ),
    );
  const seen = new Map<string, number>();
  spec.services.forEach((s, i) => {
    const key = serviceObjectKey(s, ns);
    const first = seen.get(key);
    if (first !== undefined)
      out.push(
        new StrategyError(
          'duplicate-service',
          `services: entries ${first + 1} and ${i + 1} both step ${s.routeKind} ${key}; list each route object once`,
          [key],
        ),
      );
    else seen.set(key, i);
  });
  const owners = new Map<string, RouteTarget>();
  for (const t of targets) {
    const key = `${nsOf(t.object, ns)}/${kindName(t)}/${nameOf(t.object)}`;
    const first = owners.get(key);
    if (first) {
      const sameRule =
        first.kind === t.kind &&
        (t.kind === 'virtual-service'
          ? (first as typeof t).selection.routeIndex === t.selection.routeIndex
          : (first as typeof t).selection.ruleIndex === t.selection.ruleIndex);
      out.push(
        new StrategyError(
          'shared-route',
          `services: two services step ${labelOf(t, ns)} (${routeOf(first)} and ${routeOf(t)}${sameRule ? ', the same route' : ''}); its state and Lease are per object, so each service needs its own ${kindName(t)}: split the routes into separate objects`,
          [labelOf(t, ns)],
        ),
      );
    } else owners.set(key, t);
  }
  for (const o of options.objects ?? []) {
    // A route object named by the spec that is TCP/TLS only: nothing there can be mirrored or matched by header.
    const named =
      spec.httpRoute !== null &&
      nameOf(o) === spec.httpRoute &&
      NON_HTTP_ROUTE_KINDS.includes(String(o.kind));
    const spec0 = isObject(o.spec) ? o.spec : {};
    const vsNamed =
      o.kind === 'VirtualService' &&
      nameOf(o) === options.virtualService &&
      virtualServiceView(o).http.length === 0 &&
      (list(spec0.tcp).length > 0 || list(spec0.tls).length > 0);
    if (named || (vsNamed && spec.strategy !== 'canary'))
      out.push(
        new StrategyError(
          spec.strategy === 'mirror' ? 'mirror-unsupported' : 'route-kind-unsupported',
          `${oneLine(String(o.kind))} ${oneLine(nameOf(o))} routes ${named ? String(o.kind).replace('Route', '') : 'TCP/TLS (tcp[]/tls[])'} traffic only; ${spec.strategy === 'mirror' ? 'Istio and the Gateway API mirror HTTP requests only' : `strategy ${spec.strategy} needs HTTP routes`}: use strategy canary there, or step an HTTP route`,
          [`${String(o.kind)} ${nameOf(o)}`],
        ),
      );
  }
  for (const t of targets)
    out.push(
      ...(t.kind === 'virtual-service'
        ? virtualServiceProblems(t, spec, options)
        : httpRouteProblems(t, spec, options)),
    );
  return out;
}
