// What a promotion works on, resolved before anything is written: the manifests (validated),
// the VirtualService route, the DestinationRule subsets and the stable and canary Deployments.
import type { Settings } from '../settings.js';
import type { Kube, KubeObject } from '../kube/client.js';
import type { ManifestDoc } from '../kube/manifests.js';
import {
  ManifestError,
  checkAgainstCluster,
  imagesOf,
  matchesLabels,
  podLabels,
  readManifests,
  validateManifests,
  where,
  withImage,
} from '../kube/manifests.js';
import { PlanError, selectRoute, type RouteSelection } from '../plan.js';

export interface Target {
  namespace: string;
  docs: ManifestDoc[];
  selection: RouteSelection;
  /** apiVersion of the VirtualService (as in the manifests or the cluster). */
  vsApiVersion: string;
  stableLabels: Record<string, string>;
  canaryLabels: Record<string, string>;
  stableDeployment: string | null;
  canaryDeployment: string | null;
  /** The canary image: the input, else the canary Deployment's first container image. */
  canaryImage: string | null;
}

const ISTIO_VERSIONS = [
  'networking.istio.io/v1',
  'networking.istio.io/v1beta1',
  'networking.istio.io/v1alpha3',
];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists an Istio kind in the first networking.istio.io version the cluster serves. */
async function listIstio(
  kube: Kube,
  kind: string,
  namespace: string,
  signal?: AbortSignal,
): Promise<{ items: KubeObject[]; apiVersion: string | null }> {
  for (const v of ISTIO_VERSIONS) {
    try {
      await kube.resource(v, kind, signal);
    } catch {
      continue;
    }
    return { items: (await kube.list(v, kind, namespace, { signal })).items, apiVersion: v };
  }
  return { items: [], apiVersion: null };
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
 * Reads and validates the manifests and finds the route, subsets and Deployments, reading the
 * cluster where the manifests do not say. Throws ManifestError listing every problem found;
 * performs no write.
 */
export async function resolveTarget(
  settings: Settings,
  kube: Kube,
  options: { cwd: string; signal?: AbortSignal },
): Promise<Target> {
  const namespace = settings.namespace;
  const problems: string[] = [];
  let docs: ManifestDoc[] = [];
  if (settings.manifests.length) {
    const read = await readManifests(settings.manifests, options.cwd);
    const checked = validateManifests(read, namespace, { retarget: settings.preview });
    docs = checked.docs;
    problems.push(...checked.problems);
  }
  if (problems.length) throw new ManifestError(problems);
  // Manifests and cluster are both read-only so far; cluster checks only when there is something to apply.
  if (docs.length) {
    const clusterProblems = await checkAgainstCluster(kube, docs, options.signal);
    if (clusterProblems.length) throw new ManifestError(clusterProblems);
  }
  const ofKind = (kind: string) => docs.filter((d) => d.object.kind === kind);
  const nsOf = (o: KubeObject) => o.metadata?.namespace ?? namespace;

  // The VirtualService: from the manifests when they have one, else from the cluster.
  let vsDocs = ofKind('VirtualService').map((d) => d.object);
  let vsApiVersion = vsDocs[0]?.apiVersion ?? null;
  if (vsDocs.length === 0) {
    const live = await listIstio(kube, 'VirtualService', namespace, options.signal);
    if (!live.apiVersion)
      throw new ManifestError([
        `the cluster serves no VirtualService (networking.istio.io): is Istio installed?`,
      ]);
    vsDocs = live.items;
    vsApiVersion = live.apiVersion;
  }
  let selection: RouteSelection;
  try {
    selection = selectRoute(vsDocs, {
      virtualService: settings.virtualService,
      route: settings.route,
      stableSubset: settings.stableSubset,
      canarySubset: settings.canarySubset,
    });
  } catch (err) {
    if (err instanceof PlanError) throw new ManifestError([err.message]);
    throw err;
  }
  const vsNamespace = selection.namespace ?? namespace;

  // The DestinationRule that defines both subsets for the canary's host.
  const host = selection.canary.host;
  let drs = ofKind('DestinationRule')
    .map((d) => d.object)
    .filter(
      (dr) => isObject(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr)),
    );
  if (drs.length === 0)
    drs = (await listIstio(kube, 'DestinationRule', vsNamespace, options.signal)).items.filter(
      (dr) => isObject(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr)),
    );
  const dr = drs[0];
  if (!dr)
    throw new ManifestError([
      `no DestinationRule for host ${host} (needed for subsets ${selection.stable.subset} and ${selection.canary.subset})`,
    ]);
  const stableLabels = subsetLabels(dr, selection.stable.subset);
  const canaryLabels = subsetLabels(dr, selection.canary.subset);
  for (const [subset, labels] of [
    [selection.stable.subset, stableLabels],
    [selection.canary.subset, canaryLabels],
  ] as const)
    if (!labels)
      problems.push(
        `DestinationRule ${dr.metadata?.name ?? '?'} (host ${host}) has no subset "${subset}" with labels`,
      );
  if (problems.length || !stableLabels || !canaryLabels) throw new ManifestError(problems);

  // The Deployments whose pods carry the subset labels.
  const manifestDeps = ofKind('Deployment');
  const liveDeps = manifestDeps.length
    ? []
    : (await kube.list('apps/v1', 'Deployment', vsNamespace, { signal: options.signal })).items;
  const pick = (labels: Record<string, string>, subset: string, required: boolean): string | null => {
    const fromManifests = manifestDeps.filter((d) => matchesLabels(podLabels(d.object), labels));
    const fromCluster = liveDeps.filter((d) => matchesLabels(podLabels(d), labels));
    const names = fromManifests.length
      ? fromManifests.map((d) => d.object.metadata!.name!)
      : fromCluster.map((d) => d.metadata!.name!);
    if (names.length > 1) {
      problems.push(
        `${names.length} Deployments match subset "${subset}" (${JSON.stringify(labels)}): ${names.join(', ')}; exactly one is needed`,
      );
      return null;
    }
    if (names.length === 0 && required)
      problems.push(
        `no Deployment has pod labels ${JSON.stringify(labels)} of subset "${subset}"${manifestDeps.length ? ' in the manifests' : ` in namespace ${vsNamespace}`}`,
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

  // canary-image on every container of the canary Deployment.
  let canaryImage = settings.canaryImage;
  const canaryDoc = docs.find(
    (d) => d.object.kind === 'Deployment' && d.object.metadata?.name === canaryDeployment,
  );
  if (canaryDoc) {
    if (canaryImage) canaryDoc.object = withImage(canaryDoc.object, canaryImage);
    else canaryImage = imagesOf(canaryDoc.object)[0] ?? null;
  } else if (canaryDeployment && !canaryImage) {
    const live = liveDeps.find((d) => d.metadata?.name === canaryDeployment);
    canaryImage = live ? (imagesOf(live)[0] ?? null) : null;
  }
  void where;
  return {
    namespace: vsNamespace,
    docs,
    selection,
    vsApiVersion: vsApiVersion ?? 'networking.istio.io/v1',
    stableLabels,
    canaryLabels,
    stableDeployment,
    canaryDeployment,
    canaryImage,
  };
}
