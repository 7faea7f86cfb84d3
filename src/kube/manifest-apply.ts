// The `manifests` input, applied: read-only checks against the cluster (kinds served,
// namespaces present), a server-side dry run of the whole batch, then server-side apply in
// dependency order. Every cluster call of the manifests is here; what they write is said by
// manifestWrites for the preflight.
import type { Logger } from '../ports.js';
import type { Kube, KubeObject } from './client.js';
import { KubeApiError, UnknownKindError } from './errors.js';
import { IstioCanaryError } from '../errors.js';
import { isObject } from '../util/object.js';
import { where, type ManifestDoc } from './manifest-read.js';
import { KNOWN_KINDS } from './manifest-check.js';
import { customResourceDefinitionView, deploymentView } from './views.js';

/** Dependency order: Namespaces, CRDs, config, Services, Deployments, then Istio routing (stable within a rank). */
export function orderForApply(docs: readonly ManifestDoc[]): ManifestDoc[] {
  const rank = (d: ManifestDoc) => KNOWN_KINDS[d.object.kind ?? '']?.order ?? 5.5;
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

/**
 * Sets `protocol: TCP` (the server's default) on Service ports and container ports that omit
 * it, in a copy. Server-side apply keys those lists by (port, protocol), and older Kubernetes
 * (1.20, seen in __tests__/real-server-promotion.test.ts) refuses an apply that omits the key
 * with HTTP 500 "associative list with keys has an element that omits key field protocol".
 * Same objects, every server accepts them.
 */
export function withDefaultProtocols(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  const fill = (ports: unknown): void => {
    for (const p of Array.isArray(ports) ? ports : [])
      if (isObject(p) && p.protocol === undefined) p.protocol = 'TCP';
  };
  const spec = isObject(copy.spec) ? copy.spec : {};
  if (copy.kind === 'Service') fill(spec.ports);
  // A CronJob's pod template is one level further down: spec.jobTemplate.spec.template.
  const jobSpec = isObject(spec.jobTemplate) ? spec.jobTemplate.spec : undefined;
  const podSpecs = [
    copy.kind === 'Pod' ? spec : null,
    deploymentView(copy).podSpec,
    isObject(jobSpec) ? deploymentView({ spec: jobSpec }).podSpec : null,
  ];
  for (const podSpec of podSpecs)
    for (const list of ['containers', 'initContainers', 'ephemeralContainers'])
      for (const c of podSpec && Array.isArray(podSpec[list]) ? (podSpec[list] as unknown[]) : [])
        if (isObject(c)) fill(c.ports);
  return copy;
}

/** The kinds the batch's own CustomResourceDefinitions define (served only once they are applied). */
function crdKindsOf(docs: readonly ManifestDoc[]): Set<string> {
  return new Set(
    docs
      .filter((d) => d.object.kind === 'CustomResourceDefinition')
      .map((d) => customResourceDefinitionView(d.object).kind),
  );
}

/**
 * Checks against the cluster, reading only: every kind is served (or defined by a CRD in the
 * manifests) and every namespace exists (or is in the manifests). Returns the problems.
 */
export async function checkAgainstCluster(
  kube: Kube,
  docs: readonly ManifestDoc[],
  signal?: AbortSignal,
): Promise<string[]> {
  const problems: string[] = [];
  const crdKinds = crdKindsOf(docs);
  const checked = new Map<string, string | null>();
  for (const d of docs) {
    const { apiVersion, kind } = d.object;
    if (!apiVersion || !kind || crdKinds.has(kind)) continue;
    const key = `${apiVersion}/${kind}`;
    if (!checked.has(key)) {
      try {
        await kube.resource(apiVersion, kind, signal);
        checked.set(key, null);
      } catch (err) {
        if (err instanceof UnknownKindError) checked.set(key, err.message);
        else throw err;
      }
    }
    const problem = checked.get(key);
    if (problem) problems.push(`${where(d)} (${kind} ${d.object.metadata?.name ?? ''}): ${problem}`);
  }
  const declared = new Set(
    docs.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata?.name),
  );
  const namespaces = new Set(
    docs.map((d) => d.object.metadata?.namespace).filter((n): n is string => !!n && !declared.has(n)),
  );
  for (const ns of namespaces) {
    const found = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: ns }, { signal });
    if (!found) {
      const users = docs.filter((d) => d.object.metadata?.namespace === ns).map(where);
      problems.push(
        `namespace "${ns}" does not exist in the cluster (used by ${users.join(', ')}); create it or add a Namespace to the manifests`,
      );
    }
  }
  return problems;
}

/**
 * A server-side dry run (dryRun=All) of the whole batch in dependency order, before anything is
 * written: the API server's own validation, admission webhooks, quotas, authorization and body
 * limits (413) answer for document 7 before document 1 is applied. Returns every refusal, each
 * naming its document; an unreachable API (after the client's retries) throws.
 *
 * Namespaces the batch itself creates: a namespaced object cannot be dry-run into a namespace
 * that does not exist yet (the server answers 404 for the namespace), so that one answer is
 * expected and logged, and those objects meet the server's checks when they are applied. Custom
 * resources whose CustomResourceDefinition is in the batch are skipped the same way (their kind
 * is not served until the CRD is applied).
 */
export async function dryRunManifests(
  kube: Kube,
  docs: readonly ManifestDoc[],
  options: { logger: Logger; signal?: AbortSignal },
): Promise<string[]> {
  const problems: string[] = [];
  const createdNamespaces = new Set(
    docs.filter((d) => d.object.kind === 'Namespace').map((d) => String(d.object.metadata?.name)),
  );
  const crdKinds = crdKindsOf(docs);
  for (const d of orderForApply(docs)) {
    const o = d.object;
    const ns = o.metadata?.namespace;
    const label = `${o.kind} ${ns ? `${ns}/` : ''}${o.metadata?.name}`;
    if (crdKinds.has(String(o.kind))) {
      options.logger.debug(
        `[dry-run] ${label} (${where(d)}): its CustomResourceDefinition is in the batch; checked when applied`,
      );
      continue;
    }
    try {
      await kube.apply(withDefaultProtocols(o), { force: true, dryRun: true, signal: options.signal });
    } catch (err) {
      if (!(err instanceof KubeApiError)) throw err;
      if (
        err.code === 404 &&
        ns &&
        createdNamespaces.has(ns) &&
        new RegExp(`namespaces? "${ns.replace(/[.]/g, '\\.')}" not found`).test(err.message)
      ) {
        options.logger.debug(
          `[dry-run] ${label} (${where(d)}): namespace ${ns} is created by the batch; checked when applied`,
        );
        continue;
      }
      problems.push(
        `${where(d)} (${label}): the API server refused it in a dry run (${err.code}${err.reason ? ` ${err.reason}` : ''}): ${err.message}`,
      );
    }
  }
  return problems;
}

/** What a batch writes: each resource (API group and plural) with the namespace it is written in (null: cluster-scoped). */
export interface ManifestWrite {
  group: string;
  resource: string;
  namespace: string | null;
}

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  CustomResourceDefinition: 'customresourcedefinitions',
  ServiceAccount: 'serviceaccounts',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Service: 'services',
  Deployment: 'deployments',
  DestinationRule: 'destinationrules',
  Gateway: 'gateways',
  VirtualService: 'virtualservices',
};

/** The resources and namespaces the (validated) documents write, without duplicates (pure). */
export function manifestWrites(docs: readonly ManifestDoc[]): ManifestWrite[] {
  const crdPlurals = new Map<string, string>();
  for (const d of docs) {
    if (d.object.kind !== 'CustomResourceDefinition') continue;
    const crd = customResourceDefinitionView(d.object);
    if (crd.kind && crd.plural !== null) crdPlurals.set(crd.kind, crd.plural);
  }
  const out = new Map<string, ManifestWrite>();
  for (const d of docs) {
    const kind = String(d.object.kind);
    const apiVersion = String(d.object.apiVersion);
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const resource = PLURALS[kind] ?? crdPlurals.get(kind) ?? `${kind.toLowerCase()}s`;
    const namespace = KNOWN_KINDS[kind]?.clusterScoped ? null : (d.object.metadata?.namespace ?? null);
    out.set(`${group}/${resource}/${namespace ?? ''}`, { group, resource, namespace });
  }
  return [...out.values()];
}

/** The API server refused a document of the batch (or it could not be sent): names the document; the API error is the cause. */
export class ManifestApplyError extends IstioCanaryError {}

/** Server-side applies the documents in dependency order; errors name the document. */
export async function applyManifests(
  kube: Kube,
  docs: readonly ManifestDoc[],
  options: { dryRun?: boolean; logger: Logger; signal?: AbortSignal },
): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const d of orderForApply(docs)) {
    const o = d.object;
    const label = `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
    try {
      // force: the manifests are the user's declared intent; like `kubectl apply --server-side
      // --force-conflicts`, they win over fields last written by hand or by another tool.
      const body = withDefaultProtocols(o);
      applied.push(await kube.apply(body, { force: true, dryRun: options.dryRun, signal: options.signal }));
      options.logger.info(`${options.dryRun ? '[dry-run] ' : ''}applied ${label} (${where(d)})`);
    } catch (err) {
      const msg =
        err instanceof KubeApiError
          ? `the API refused it (${err.code}): ${err.message}`
          : (err as Error).message;
      throw new ManifestApplyError(`applying ${label} from ${where(d)}: ${msg}`, { cause: err });
    }
  }
  return applied;
}
