// The Gateway API side of resolveTarget (target.ts), issue 15: which route kind a run steps
// (strategy/route-kind.ts detectRouteKind on the manifests), and for an HTTPRoute the rule to
// step (strategy/http-route.ts selectHttpRoute, from the manifests or the live namespace) with
// its stable and canary Services, whose selectors are the labels that pick the Deployments
// (as a DestinationRule's subsets do for a VirtualService). Reads only.
import type { Settings } from '../settings.js';
import type { Kube, KubeObject } from '../kube/client.js';
import { ManifestError, type ManifestDoc } from '../kube/manifests.js';
import { PlanError, type RouteSelection } from '../plan.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import { StrategyError } from '../strategy/errors.js';
import { detectRouteKind, type RouteKind } from '../strategy/index.js';
import { GATEWAY_API_VERSION, type HttpRouteSelection } from '../strategy/http-route.js';
import { selectHttpRouteTarget } from '../strategy/stages.js';

/** The route kind the run steps: route-kind, the names given, else what the manifests hold (VirtualService without any). */
export function routeKindOf(settings: Settings, docs: readonly ManifestDoc[]): RouteKind {
  const spec = settings.strategy;
  if (spec.routeKind === 'virtual-service') return 'virtual-service';
  try {
    return detectRouteKind(
      spec,
      docs.map((d) => d.object as Record<string, unknown>),
      { virtualService: settings.virtualService },
    );
  } catch (err) {
    if (err instanceof StrategyError) throw new ManifestError([err.message]);
    throw err;
  }
}

export interface HttpRouteSide {
  /** The HTTPRoute rule as a RouteSelection: virtualService is the HTTPRoute, the subsets are the Services. */
  selection: RouteSelection;
  httpSelection: HttpRouteSelection;
  vsNamespace: string;
  stableLabels: Record<string, string> | null;
  canaryLabels: Record<string, string> | null;
  sourceName: string;
}

/**
 * The HTTPRoute rule to step and its Services' selectors. Null when the manifests alone cannot
 * decide (kube null: the offline check) and the cluster is needed.
 */
export async function httpRouteSide(
  settings: Settings,
  kube: Kube | null,
  docs: readonly ManifestDoc[],
  namespace: string,
  signal?: AbortSignal,
): Promise<HttpRouteSide | null> {
  let routes = docs.filter((d) => d.object.kind === 'HTTPRoute').map((d) => d.object);
  if (routes.length === 0) {
    if (!kube) return null;
    routes = (await kube.list(GATEWAY_API_VERSION, 'HTTPRoute', namespace, { signal })).items;
  }
  let sel: HttpRouteSelection;
  try {
    sel = selectHttpRouteTarget(routes, {
      httpRoute: settings.strategy.httpRoute,
      rule: settings.route,
      stableService: settings.strategy.stableService,
      canaryService: settings.strategy.canaryService,
    }).selection;
  } catch (err) {
    if (err instanceof PlanError || err instanceof StrategyError) throw new ManifestError([err.message]);
    throw err;
  }
  const ns = sel.namespace ?? namespace;
  const service = async (name: string): Promise<KubeObject | null | undefined> => {
    const doc = docs.find((d) => d.object.kind === 'Service' && d.object.metadata?.name === name);
    if (doc) return doc.object;
    if (!kube) return undefined;
    return kube.get({ apiVersion: 'v1', kind: 'Service', name, namespace: ns }, { signal });
  };
  const stable = await service(sel.stable.service);
  const canary = await service(sel.canary.service);
  if (stable === undefined || canary === undefined) return null;
  const problems: string[] = [];
  const labelsOf = (svc: KubeObject | null, name: string, role: string): Record<string, string> | null => {
    const selector = svc && isObject(svc.spec) && isObject(svc.spec.selector) ? svc.spec.selector : null;
    if (!svc)
      problems.push(
        `no ${role} Service ${oneLine(name)} in namespace ${ns} (HTTPRoute ${oneLine(sel.httpRoute)} sends to it)`,
      );
    else if (!selector || Object.keys(selector).length === 0)
      problems.push(`the ${role} Service ${oneLine(name)} has no selector: its Deployment cannot be found`);
    return selector ? (selector as Record<string, string>) : null;
  };
  const stableLabels = labelsOf(stable, sel.stable.service, 'stable');
  const canaryLabels = labelsOf(canary, sel.canary.service, 'canary');
  if (problems.length) throw new ManifestError(problems);
  const dest = (b: HttpRouteSelection['stable']) => ({
    host: b.service,
    subset: b.service,
    index: b.index,
    weight: b.weight,
  });
  return {
    selection: {
      namespace: sel.namespace,
      virtualService: sel.httpRoute,
      routeIndex: sel.ruleIndex,
      routeName: sel.ruleName,
      stable: dest(sel.stable),
      canary: dest(sel.canary),
    },
    httpSelection: sel,
    vsNamespace: ns,
    stableLabels,
    canaryLabels,
    sourceName: `HTTPRoute ${oneLine(sel.httpRoute)} (Services ${oneLine(sel.stable.service)}, ${oneLine(sel.canary.service)})`,
  };
}
