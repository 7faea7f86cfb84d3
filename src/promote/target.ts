// What a promotion works on, resolved before anything is written: the manifests (validated),
// the VirtualService route, the DestinationRule subsets and the stable and canary Deployments.
import type { Settings } from '../settings.js';
import type { Kube, KubeObject } from '../kube/client.js';
import type { ManifestDoc } from '../kube/manifests.js';
import {
  ContainerSelectionError,
  ManifestError,
  checkAgainstCluster,
  containersOf,
  dryRunManifests,
  matchesLabels,
  podLabels,
  readManifestFiles,
  selectCanaryContainer,
  validateManifests,
  withImage,
} from '../kube/manifests.js';
import type { Logger } from '../ports.js';
import { PlanError, selectRoute, type RouteSelection } from '../plan.js';
import { previewNamespace } from '../kube/preview.js';
import { oneLine } from '../one-line.js';
import { isObject } from '../util/object.js';
import { ISTIO_VERSIONS, virtualServiceView } from '../kube/views.js';
import type { PromotionState } from '../model.js';
import { withoutInsertedRoutesVs } from '../strategy/virtual-service.js';
import { GATEWAY_API_VERSION, type HttpRouteSelection } from '../strategy/http-route.js';
import { httpRouteSide, routeKindOf } from './http-route-target.js';

export interface Target {
  namespace: string;
  docs: ManifestDoc[];
  selection: RouteSelection;
  /** apiVersion of the VirtualService (as in the manifests or the cluster), or of the HTTPRoute. */
  vsApiVersion: string;
  /**
   * `http-route`: the route object is a Gateway API HTTPRoute (issue 15); `selection` then names
   * it (virtualService: the HTTPRoute, routeIndex: the rule, subsets: the stable and canary
   * Services) and httpSelection is its own selection. Absent: a VirtualService.
   */
  routeKind?: 'http-route';
  httpSelection?: HttpRouteSelection;
  stableLabels: Record<string, string>;
  canaryLabels: Record<string, string>;
  stableDeployment: string | null;
  canaryDeployment: string | null;
  /** The canary image: the input, else the image of the canary container (below, or the first). */
  canaryImage: string | null;
  /**
   * The one container of the canary Deployment that canary-image changes (selectCanaryContainer:
   * the container input, the default-container annotation, the match with stable's app
   * container, or the only one); null when canary-image is not set or there is no canary Deployment.
   */
  canaryContainer: string | null;
}

export { selectCanaryContainer, withImage };

/**
 * Reads and validates the manifests (pure checks, no cluster): every problem of every document
 * at once, as a ManifestError. Returns the validated documents (namespaces filled in, retargeted
 * for a preview) for resolveTarget's `docs` option, so that they are read once.
 */
export async function loadManifests(
  settings: Pick<Settings, 'manifests' | 'namespace' | 'preview'>,
  cwd: string,
): Promise<ManifestDoc[]> {
  if (!settings.manifests.length) return [];
  const read = await readManifestFiles(settings.manifests, cwd);
  const checked = validateManifests(read.docs, settings.namespace, { retarget: settings.preview });
  const problems = [...read.problems, ...checked.problems];
  if (problems.length) throw new ManifestError(problems);
  return checked.docs;
}

/**
 * Everything about the target that the manifests alone decide (the route, the subsets, the
 * Deployments, the canary container), checked before any cluster is created or contacted.
 * Throws the ManifestError resolveTarget would; what needs the cluster is left for it.
 */
export async function checkTargetOffline(settings: Settings, docs: ManifestDoc[]): Promise<void> {
  await resolve(settings, null, docs, {});
}

/** The first networking.istio.io version in which the cluster serves an Istio kind, or null (no Istio). */
export async function servedIstioVersion(
  kube: Kube,
  kind: string,
  signal?: AbortSignal,
): Promise<string | null> {
  for (const v of ISTIO_VERSIONS) {
    try {
      await kube.resource(v, kind, signal);
    } catch {
      continue;
    }
    return v;
  }
  return null;
}

/** Lists an Istio kind in the first networking.istio.io version the cluster serves. */
async function listIstio(
  kube: Kube,
  kind: string,
  namespace: string,
  signal?: AbortSignal,
): Promise<{ items: KubeObject[]; apiVersion: string | null }> {
  const v = await servedIstioVersion(kube, kind, signal);
  if (!v) return { items: [], apiVersion: null };
  return { items: (await kube.list(v, kind, namespace, { signal })).items, apiVersion: v };
}

/** Same service? `podinfo`, `podinfo.test` and `podinfo.test.svc.cluster.local` in namespace test all are. */
export function sameHost(a: string, b: string, namespace: string): boolean {
  const norm = (h: string) => {
    const parts = h.split('.');
    return `${parts[0]}.${parts[1] ?? namespace}`;
  };
  return a === b || norm(a) === norm(b);
}

function subsetLabels(dr: KubeObject, subset: string): Record<string, string> | null {
  const spec = isObject(dr.spec) ? dr.spec : {};
  const subsets: unknown[] = Array.isArray(spec.subsets) ? spec.subsets : [];
  const s = subsets.filter(isObject).find((x) => x.name === subset);
  return s && isObject(s.labels) ? (s.labels as Record<string, string>) : null;
}

/**
 * Reads and validates the manifests (or takes `docs`, already loaded by loadManifests) and
 * finds the route, subsets, Deployments and canary container, reading the cluster where the
 * manifests do not say. When the command will apply the manifests, the whole batch is then
 * dry-run on the server (dryRun=All) so that any document the server refuses is named before
 * the first write. Throws ManifestError listing every problem found; performs no write.
 */
export async function resolveTarget(
  settings: Settings,
  kube: Kube,
  options: { cwd: string; signal?: AbortSignal; docs?: ManifestDoc[]; logger?: Logger },
): Promise<Target> {
  const docs = options.docs ?? (await loadManifests(settings, options.cwd));
  const target = await resolve(settings, kube, docs, options);
  const applies =
    settings.command === 'run' ||
    settings.command === 'step' ||
    (settings.dryRun && settings.command !== 'status' && settings.command !== 'cleanup');
  if (target && applies && target.docs.length) {
    const problems = await dryRunManifests(kube, withPreviewNamespace(settings, target.docs), {
      logger: options.logger ?? SILENT,
      signal: options.signal,
    });
    if (problems.length) throw new ManifestError(problems);
  }
  return target!;
}

/**
 * The documents as the cluster will see them: a preview's namespace is created by the command
 * before the first write (ensurePreviewNamespace), so the checks count it as part of the batch
 * (a preview dry run must not fail on a namespace the real run would create).
 */
function withPreviewNamespace(settings: Settings, docs: ManifestDoc[]): ManifestDoc[] {
  if (
    !settings.preview ||
    docs.some((d) => d.object.kind === 'Namespace' && d.object.metadata?.name === settings.namespace)
  )
    return docs;
  return [{ file: '(the preview namespace)', index: 0, object: previewNamespace(settings) }, ...docs];
}

const SILENT: Logger = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {} };

interface SubsetPick {
  subset: string;
  labels: Record<string, string>;
  /** The one Deployment the subset matches, or null when none does. */
  deployment: string | null;
}

/**
 * Stable and canary must be two different Deployments, each selected by its own subset only:
 * a canary subset that selects the stable pods (the same labels, or other labels those pods
 * also carry) would have the finalize scale stable down as "the canary", and a subset that
 * also selects the other version's pods would mix both versions in one judged subset. Returns
 * the problem (naming the subsets, their labels and the Deployments each matches), or null.
 */
export function subsetOverlap(
  stable: SubsetPick,
  canary: SubsetPick,
  deployments: readonly KubeObject[],
  drName: string,
): string | null {
  const named = (n: string | null) => deployments.find((d) => d.metadata?.name === n) ?? null;
  const selects = (labels: Record<string, string>, name: string | null) => {
    const d = named(name);
    return d !== null && matchesLabels(podLabels(d), labels);
  };
  const same = stable.deployment !== null && stable.deployment === canary.deployment;
  const stableSelectsCanary = !same && selects(stable.labels, canary.deployment);
  const canarySelectsStable = !same && selects(canary.labels, stable.deployment);
  if (!same && !stableSelectsCanary && !canarySelectsStable) return null;
  const all = (labels: Record<string, string>) =>
    deployments
      .filter((d) => matchesLabels(podLabels(d), labels))
      .map((d) => oneLine(d.metadata?.name ?? '?'));
  const describeSubset = (p: SubsetPick, role: string) => {
    const m = all(p.labels);
    return `${role} subset "${oneLine(p.subset)}" (labels ${oneLine(JSON.stringify(p.labels))}) selects ${m.length ? m.join(', ') : 'no Deployment'}`;
  };
  const why = same
    ? `both subsets select the pods of the same Deployment ${oneLine(stable.deployment!)}, so the "canary" would be the stable version (finalize would scale it down)`
    : `a subset also selects the other version's pods, so its traffic and metrics would mix both versions`;
  return `${drName}: ${describeSubset(stable, 'stable')}; ${describeSubset(canary, 'canary')}: ${why}. Stable and canary must be two different Deployments, each selected by exactly one subset: give each subset a label only its own Deployment's pods carry (e.g. version: stable / version: canary). Nothing was written`;
}

/** resolveTarget's work; with `kube` null only what the manifests decide is checked, and null is returned. */
async function resolve(
  settings: Settings,
  kube: Kube | null,
  docs: ManifestDoc[],
  options: { signal?: AbortSignal },
): Promise<Target | null> {
  // rollback, status and cleanup change no canary: canary-image is ignored (as runPromotion does).
  if (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')
    settings = { ...settings, canaryImage: null };
  const namespace = settings.namespace;
  const problems: string[] = [];
  // Manifests and cluster are both read-only so far; cluster checks only when there is something to apply.
  if (docs.length && kube) {
    const clusterProblems = await checkAgainstCluster(
      kube,
      withPreviewNamespace(settings, docs),
      options.signal,
    );
    if (clusterProblems.length) throw new ManifestError(clusterProblems);
  }
  const ofKind = (kind: string) => docs.filter((d) => d.object.kind === kind);
  const nsOf = (o: KubeObject) => o.metadata?.namespace ?? namespace;

  let selection: RouteSelection;
  let vsApiVersion: string | null;
  let vsNamespace: string;
  let stableLabels: Record<string, string> | null;
  let canaryLabels: Record<string, string> | null;
  // Istio sends a subset's traffic to the pods of the host's Service that carry the subset's
  // labels: the Service's selector narrows the Deployments a subset picks (two apps with a
  // `version: canary` each are told apart by it). Empty when the host is no known Service.
  let hostSelector: Record<string, string> = {};
  /** What defines the two sides' labels, for messages: the DestinationRule, or the HTTPRoute's Services. */
  let sourceName: string;
  let httpSelection: HttpRouteSelection | undefined;
  if (routeKindOf(settings, docs) === 'http-route') {
    // A Gateway API HTTPRoute rule: its stable and canary Services, their selectors the labels.
    const side = await httpRouteSide(settings, kube, docs, namespace, options.signal);
    if (!side) return null;
    ({ selection, httpSelection, vsNamespace, stableLabels, canaryLabels, sourceName } = side);
    vsApiVersion = GATEWAY_API_VERSION;
  } else {
    // The VirtualService: from the manifests when they have one, else from the cluster.
    let vsDocs = ofKind('VirtualService').map((d) => d.object);
    vsApiVersion = vsDocs[0]?.apiVersion ?? null;
    if (vsDocs.length === 0) {
      if (!kube) return null;
      const live = await listIstio(kube, 'VirtualService', namespace, options.signal);
      if (!live.apiVersion)
        throw new ManifestError([
          `the cluster serves no VirtualService (networking.istio.io): is Istio installed?`,
        ]);
      vsDocs = live.items;
      vsApiVersion = live.apiVersion;
    }
    try {
      // A strategy's inserted routes (a rerun reads them live) are not counted: see strategy/virtual-service.ts.
      selection = selectRoute(vsDocs.map(withoutInsertedRoutesVs), {
        virtualService: settings.virtualService,
        route: settings.route,
        stableSubset: settings.stableSubset,
        canarySubset: settings.canarySubset,
      });
    } catch (err) {
      if (err instanceof PlanError) throw new ManifestError([err.message]);
      throw err;
    }
    vsNamespace = selection.namespace ?? namespace;

    // The DestinationRule that defines both subsets for the canary's host.
    const host = selection.canary.host;
    const forHost = (dr: KubeObject) =>
      isObject(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr));
    let drs = ofKind('DestinationRule')
      .map((d) => d.object)
      .filter(forHost);
    if (drs.length === 0) {
      if (!kube) return null;
      drs = (await listIstio(kube, 'DestinationRule', vsNamespace, options.signal)).items.filter(forHost);
    }
    const dr = drs[0];
    if (!dr)
      throw new ManifestError([
        `no DestinationRule for host ${oneLine(host)} (needed for subsets ${oneLine(selection.stable.subset)} and ${oneLine(selection.canary.subset)})`,
      ]);
    hostSelector = await serviceSelector(host, vsNamespace, ofKind('Service'), kube, options.signal);
    stableLabels = subsetLabels(dr, selection.stable.subset);
    canaryLabels = subsetLabels(dr, selection.canary.subset);
    sourceName = `DestinationRule ${oneLine(dr.metadata?.name ?? '?')}`;
    for (const [subset, labels] of [
      [selection.stable.subset, stableLabels],
      [selection.canary.subset, canaryLabels],
    ] as const)
      if (!labels)
        problems.push(
          `DestinationRule ${dr.metadata?.name ?? '?'} (host ${oneLine(host)}) has no subset "${oneLine(subset)}" with labels`,
        );
    if (problems.length || !stableLabels || !canaryLabels) throw new ManifestError(problems);
  }
  if (!stableLabels || !canaryLabels) throw new ManifestError(problems);

  // The Deployments whose pods carry the subset labels.
  const manifestDeps = ofKind('Deployment');
  if (manifestDeps.length === 0 && !kube) return null;
  const liveDeps =
    manifestDeps.length || !kube
      ? []
      : (await kube.list('apps/v1', 'Deployment', vsNamespace, { signal: options.signal })).items;
  // Where a subset's Deployments are looked for: the manifests when they have Deployments, else the cluster.
  const candidates: KubeObject[] = manifestDeps.length ? manifestDeps.map((d) => d.object) : liveDeps;
  // The host's Service selector narrows the subset's Deployments; when it leaves none (a
  // Service that selects no pod), the subset labels alone pick them and the probe names the
  // Service (probe.ts), a clearer message than "no Deployment".
  const matching = (labels: Record<string, string>): string[] => {
    const of = (want: Record<string, string>) =>
      candidates.filter((d) => matchesLabels(podLabels(d), want)).map((d) => d.metadata?.name ?? '?');
    const narrowed = of({ ...hostSelector, ...labels });
    return narrowed.length ? narrowed : of(labels);
  };
  const pick = (labels: Record<string, string>, subset: string, required: boolean): string | null => {
    const names = matching(labels).map(oneLine);
    if (names.length > 1) {
      problems.push(
        `${names.length} Deployments match subset "${oneLine(subset)}" (${oneLine(JSON.stringify(labels))}): ${names.join(', ')}; exactly one is needed`,
      );
      return null;
    }
    if (names.length === 0 && required)
      problems.push(
        `no Deployment has pod labels ${oneLine(JSON.stringify(labels))} of subset "${oneLine(subset)}"${manifestDeps.length ? ' in the manifests' : ` in namespace ${vsNamespace}`}`,
      );
    return names[0] ?? null;
  };
  const canaryDeployment = pick(
    canaryLabels,
    selection.canary.subset,
    settings.canaryImage !== null || settings.command === 'run' || settings.command === 'step',
  );
  const stableDeployment = pick(
    stableLabels,
    selection.stable.subset,
    settings.finalize === 'promote-stable' && settings.command !== 'status',
  );
  if (problems.length) throw new ManifestError(problems);
  const overlap = subsetOverlap(
    { subset: selection.stable.subset, labels: stableLabels, deployment: stableDeployment },
    { subset: selection.canary.subset, labels: canaryLabels, deployment: canaryDeployment },
    candidates,
    sourceName,
  );
  if (overlap) throw new ManifestError([overlap]);

  // The canary container canary-image changes, and the image: only that container gets it.
  const findDoc = (name: string | null) =>
    name ? docs.find((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === name) : undefined;
  const liveDep = async (name: string | null): Promise<KubeObject | null> => {
    if (!name) return null;
    const listed = liveDeps.find((d) => d.metadata?.name === name);
    if (listed || !kube) return listed ?? null;
    return kube.get(
      { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: vsNamespace },
      { signal: options.signal },
    );
  };
  const canaryDoc = findDoc(canaryDeployment);
  const canaryObject = canaryDoc?.object ?? (await liveDep(canaryDeployment));
  let canaryImage = settings.canaryImage;
  let canaryContainer: string | null = null;
  if (canaryObject) {
    const stableObject = findDoc(stableDeployment)?.object ?? (await liveDep(stableDeployment));
    const containers = containersOf(canaryObject);
    const decidable =
      kube !== null || stableObject !== null || containers.length <= 1 || settings.container !== null;
    if (decidable) {
      try {
        canaryContainer = selectCanaryContainer(canaryObject, stableObject, settings.container);
      } catch (err) {
        if (!(err instanceof ContainerSelectionError)) throw err;
        // Without canary-image, nothing is changed: the report shows the first container's image.
        if (canaryImage) throw new ManifestError([err.message]);
      }
    } else if (!kube && canaryImage) return null;
    // A copy of the list: the documents passed in stay as read (checkTargetOffline runs first).
    if (canaryImage && canaryDoc && canaryContainer)
      docs = docs.map((d) =>
        d === canaryDoc ? { ...d, object: withImage(d.object, canaryImage!, canaryContainer) } : d,
      );
    if (!canaryImage)
      canaryImage = containers.find((c) => c.name === canaryContainer)?.image || containers[0]?.image || null;
  }
  if (!settings.canaryImage) canaryContainer = null;
  return {
    namespace: vsNamespace,
    docs,
    selection,
    vsApiVersion: vsApiVersion ?? 'networking.istio.io/v1',
    ...(httpSelection ? { routeKind: 'http-route' as const, httpSelection } : {}),
    stableLabels,
    canaryLabels,
    stableDeployment,
    canaryDeployment,
    canaryImage,
    canaryContainer,
  };
}

/**
 * The identity of http[index] of a VirtualService: its name when it has one, else its match
 * and the subsets it sends to (with the selection's two, which the first step may add). Null
 * when there is no such route. A promotion records it, so that a route inserted before the one
 * it steps is never stepped in its place.
 */
export function routeIdentity(
  vs: KubeObject,
  selection: RouteSelection,
  index = selection.routeIndex,
): string | null {
  const route = virtualServiceView(vs).http[index];
  if (!route) return null;
  if (route.name) return `name ${route.name}`;
  const subsets = new Set(route.destinations.map((d) => d.subset ?? '?'));
  subsets.add(selection.stable.subset);
  subsets.add(selection.canary.subset);
  return `match ${JSON.stringify(route.raw.match ?? null)} to ${[...subsets].sort().join(',')}`;
}

/**
 * The selected route of the live VirtualService is not the one the recorded promotion steps
 * (another route was inserted before it, it was renamed or its match changed), or it no longer
 * sends to both subsets while the state says the canary has traffic: stepping, taking over or
 * rolling back that route would write weights to a route the canary is not on and record a
 * weight the canary does not have. Returns the problem naming the routes, or null.
 */
export function recordedRouteProblem(
  vs: KubeObject | null,
  selection: RouteSelection,
  state: PromotionState | null,
  vsName: string,
): string | null {
  if (!vs || !state) return null;
  const routes = virtualServiceView(vs).http;
  const route = routes[selection.routeIndex];
  const live = routeIdentity(vs, selection);
  const subsets = route ? route.destinations.map((d) => d.subset) : [];
  const both = subsets.includes(selection.stable.subset) && subsets.includes(selection.canary.subset);
  const moved = state.route !== undefined && live !== state.route;
  if (!moved && (both || state.weight === 0)) return null;
  const describeRoute = (i: number) => `http[${i}] (${oneLine(routeIdentity(vs, selection, i) ?? 'none')})`;
  const found = state.route
    ? routes.findIndex((_, i) => routeIdentity(vs, selection, i) === state.route)
    : -1;
  const selected = `the selected route ${describeRoute(selection.routeIndex)}`;
  const what = moved
    ? `${selected} of ${vsName} is not the route this promotion recorded (${oneLine(state.route!)})`
    : `${selected} of ${vsName} does not send to both subsets ${oneLine(selection.stable.subset)} and ${oneLine(selection.canary.subset)}, though the promotion recorded canary ${state.weight}%`;
  const where =
    found >= 0
      ? `; the recorded route is now http[${found}]: select it with --route ${found}${routes[found]?.name ? ` (or --route ${oneLine(routes[found].name)})` : ''}, as the live VirtualService numbers its routes (without manifests, or with manifests whose VirtualService has the same routes)`
      : `; live routes: ${routes.map((_, i) => describeRoute(i)).join(', ') || 'none'}`;
  return `${what}${where}. Nothing was written (take-over does not change the route a promotion is on)`;
}

/**
 * The subsets as the live DestinationRules define them now (after the apply: another writer,
 * or a DestinationRule the manifests do not hold, decides what the subsets select): each must
 * exist, select only its own Deployment's pods, and the canary subset the canary Deployment.
 * Returns the problem, or null.
 */
export async function liveSubsetProblem(
  kube: Kube,
  target: Target,
  signal?: AbortSignal,
): Promise<string | null> {
  const { selection, namespace } = target;
  const host = selection.canary.host;
  const drs = (await listIstio(kube, 'DestinationRule', namespace, signal)).items.filter(
    (dr) =>
      isObject(dr.spec) &&
      typeof dr.spec.host === 'string' &&
      sameHost(dr.spec.host, host, dr.metadata?.namespace ?? namespace),
  );
  if (!drs.length)
    return `no live DestinationRule for host ${oneLine(host)} in namespace ${namespace} (needed for subsets ${oneLine(selection.stable.subset)} and ${oneLine(selection.canary.subset)})`;
  const deployments = (await kube.list('apps/v1', 'Deployment', namespace, { signal })).items;
  const named = (n: string | null) => deployments.find((d) => d.metadata?.name === n) ?? null;
  for (const dr of drs) {
    const drName = `live DestinationRule ${oneLine(dr.metadata?.name ?? '?')}`;
    const stable = subsetLabels(dr, selection.stable.subset);
    const canary = subsetLabels(dr, selection.canary.subset);
    if (!stable || !canary)
      return `${drName} (host ${oneLine(host)}) has no subset "${oneLine(!stable ? selection.stable.subset : selection.canary.subset)}" with labels`;
    const overlap = subsetOverlap(
      { subset: selection.stable.subset, labels: stable, deployment: target.stableDeployment },
      { subset: selection.canary.subset, labels: canary, deployment: target.canaryDeployment },
      deployments,
      drName,
    );
    if (overlap) return overlap;
    for (const [role, subset, labels, name] of [
      ['canary', selection.canary.subset, canary, target.canaryDeployment],
      ['stable', selection.stable.subset, stable, target.stableDeployment],
    ] as const) {
      const d = named(name);
      if (d && !matchesLabels(podLabels(d), labels))
        return `${drName}: ${role} subset "${oneLine(subset)}" (labels ${oneLine(JSON.stringify(labels))}) does not select the ${role} Deployment ${oneLine(name!)} (pod labels ${oneLine(JSON.stringify(podLabels(d)))}), so its traffic and metrics would not be the ${role}'s. Give the subset the labels of the ${role} pods`;
    }
  }
  return null;
}

/**
 * The selector of the Service a destination host names (`name`, `name.ns`, `name.ns.svc…`), from
 * the manifests, else the cluster; {} when it is no Service there (an external host, a
 * ServiceEntry), has no selector, or cannot be read (the subset labels alone then decide).
 */
async function serviceSelector(
  host: string,
  namespace: string,
  docs: readonly ManifestDoc[],
  kube: Kube | null,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const [name, ns = namespace] = host.split('.');
  if (!name) return {};
  const selectorOf = (svc: KubeObject | null | undefined): Record<string, string> => {
    const sel = isObject(svc?.spec) ? svc.spec.selector : undefined;
    return isObject(sel) && Object.values(sel).every((v) => typeof v === 'string')
      ? (sel as Record<string, string>)
      : {};
  };
  const doc = docs.find(
    (d) => d.object.metadata?.name === name && (d.object.metadata?.namespace ?? namespace) === ns,
  );
  if (doc) return selectorOf(doc.object);
  if (!kube) return {};
  try {
    return selectorOf(await kube.get({ apiVersion: 'v1', kind: 'Service', name, namespace: ns }, { signal }));
  } catch (err) {
    if (signal?.aborted) throw err;
    return {};
  }
}
