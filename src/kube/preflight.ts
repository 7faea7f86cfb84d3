// Checks an existing cluster before anything is changed, with errors a user can act on: an
// unreachable API server (its URL and the error), missing Istio CRDs (which, and how to
// install Istio), and RBAC denials (every missing verb and resource, from
// SelfSubjectAccessReviews, so no permission to read RBAC objects is needed). A cancel ends it
// at once, with the cancel's reason, since it writes nothing.
import * as k8s from '@kubernetes/client-node';
import { createKubeClient, type Kube, type KubeClient } from './client.js';
import { missingCluster } from './kubeconfig.js';
import { KubeApiError, UnknownKindError } from './errors.js';
import { IstioCanaryError } from '../errors.js';
import { ISTIO_VERSIONS } from './manifests.js';
import { isTlsError } from '../traffic/net-errors.js';

export interface Permission {
  /** API group ('' for the core group). */
  group: string;
  resource: string;
  verbs: readonly string[];
  /** Cluster-scoped (namespaces): granted by a ClusterRole. */
  clusterScoped?: boolean;
}

/** What a promotion on a Gateway API HTTPRoute (issue 15) needs besides: examples/rbac/role.yaml's Role istio-canary-gateway-api. */
export const HTTP_ROUTE_PERMISSION: Permission = {
  group: 'gateway.networking.k8s.io',
  resource: 'httproutes',
  verbs: ['get', 'list', 'watch', 'patch', 'update'],
};

/**
 * Exactly what a promotion needs; examples/rbac/ grants the same (a test keeps them equal).
 * `httpRoute`: the promotion steps an HTTPRoute (route-kind http-route), which needs HTTP_ROUTE_PERMISSION too.
 */
export function requiredPermissions(preview: boolean, httpRoute = false): Permission[] {
  const perms: Permission[] = [
    {
      group: 'networking.istio.io',
      resource: 'virtualservices',
      verbs: ['get', 'list', 'watch', 'patch', 'update'],
    },
    {
      group: 'networking.istio.io',
      resource: 'destinationrules',
      verbs: ['get', 'list', 'watch', 'patch', 'update'],
    },
    { group: 'apps', resource: 'deployments', verbs: ['get', 'list', 'watch', 'patch'] },
    { group: 'coordination.k8s.io', resource: 'leases', verbs: ['create', 'get', 'update'] },
    // The pre-traffic probe (src/promote/probe.ts): the route's Services, their ready pods, its Gateways.
    { group: '', resource: 'services', verbs: ['get'] },
    { group: '', resource: 'pods', verbs: ['list'] },
    { group: 'networking.istio.io', resource: 'gateways', verbs: ['get'] },
  ];
  if (preview)
    perms.push({ group: '', resource: 'namespaces', verbs: ['get', 'create'], clusterScoped: true });
  if (httpRoute) perms.push(HTTP_ROUTE_PERMISSION);
  return perms;
}

export const ISTIO_GROUP = 'networking.istio.io';
export const ISTIO_KINDS = [
  { kind: 'VirtualService', crd: 'virtualservices.networking.istio.io' },
  { kind: 'DestinationRule', crd: 'destinationrules.networking.istio.io' },
] as const;

export interface PreflightOptions {
  kubeconfig: string;
  context: string | null;
  namespace: string;
  preview: boolean;
  /**
   * What the manifests write (src/kube/manifests.ts manifestWrites): each resource is checked
   * for `patch` (server-side apply) in its namespace, and every namespace written gets the
   * promotion's own permissions checked too, not only `namespace`.
   */
  writes?: readonly { group: string; resource: string; namespace: string | null }[];
  /** The promotion steps a Gateway API HTTPRoute (route-kind http-route): its permissions are checked too (also when the manifests write HTTPRoutes). */
  httpRoute?: boolean;
  /** The run's cancel: every request (and every wait between retries) ends at once with its reason. */
  signal?: AbortSignal;
  /** Each request's timeout (Settings.kubeTimeoutMs). */
  requestTimeoutMs?: number;
}

/** One SelfSubjectAccessReview to make: a verb on a resource in a namespace (none: cluster-wide). */
export interface RbacCheck {
  group: string;
  resource: string;
  verb: string;
  clusterScoped?: boolean;
  namespace?: string;
}

/** Every access review the preflight makes (pure): the promotion's permissions in every namespace written, and patch on each resource the manifests write. */
export function rbacChecks(
  namespace: string,
  preview: boolean,
  writes: PreflightOptions['writes'] = [],
  httpRoute = false,
): RbacCheck[] {
  const gatewayApi =
    httpRoute || writes.some((w) => w.group === HTTP_ROUTE_PERMISSION.group && w.resource === 'httproutes');
  const namespaces = [...new Set([namespace, ...writes.flatMap((w) => (w.namespace ? [w.namespace] : []))])];
  const checks: RbacCheck[] = [];
  const seen = new Set<string>();
  const add = (c: RbacCheck) => {
    const key = `${c.verb} ${c.group}/${c.resource} ${c.clusterScoped ? '' : (c.namespace ?? '')}`;
    if (seen.has(key)) return;
    seen.add(key);
    checks.push(c.clusterScoped ? { ...c, namespace: undefined } : c);
  };
  for (const p of requiredPermissions(preview, gatewayApi))
    for (const ns of p.clusterScoped ? [namespace] : namespaces)
      for (const verb of p.verbs)
        add({ group: p.group, resource: p.resource, verb, clusterScoped: p.clusterScoped, namespace: ns });
  for (const w of writes)
    add({
      group: w.group,
      resource: w.resource,
      verb: 'patch',
      clusterScoped: w.namespace === null,
      namespace: w.namespace ?? undefined,
    });
  return checks;
}

export interface PreflightResult {
  server: string;
  context: string;
  /** The networking.istio.io version the CRDs were found in (preferred first). */
  istioVersion: string;
}

export type PreflightProblem = 'config' | 'unreachable' | 'istio-crds' | 'rbac';

export class PreflightError extends IstioCanaryError {
  constructor(
    readonly problem: PreflightProblem,
    message: string,
    readonly missing: readonly string[] = [],
  ) {
    super(message);
  }
}

/** `verbs resource.group`, the way kubectl auth can-i and RBAC errors name them. */
export function qualified(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** The RBAC message: one line per resource with every missing verb (pure). */
export function rbacMessage(
  context: string,
  namespace: string,
  denied: readonly {
    group: string;
    resource: string;
    verb: string;
    clusterScoped?: boolean;
    namespace?: string;
  }[],
): string {
  const byResource = new Map<string, { res: string; verbs: string[]; clusterScoped: boolean; ns: string }>();
  for (const d of denied) {
    const res = qualified(d.group, d.resource);
    const ns = d.namespace ?? namespace;
    const key = `${res} ${d.clusterScoped ? '' : ns}`;
    const entry = byResource.get(key) ?? { res, verbs: [], clusterScoped: d.clusterScoped === true, ns };
    entry.verbs.push(d.verb);
    byResource.set(key, entry);
  }
  const lines = [...byResource.values()].map(
    (e) =>
      `  - ${e.verbs.join(', ')} on ${e.res}${e.clusterScoped ? ' (cluster-wide)' : ` in namespace ${e.ns}`}`,
  );
  return [
    `RBAC: the credentials of context "${context}" are missing permissions istio-canary needs:`,
    ...lines,
    'Grant them with a Role and RoleBinding like examples/rbac/role.yaml (and examples/rbac/preview-clusterrole.yaml for previews).',
  ].join('\n');
}

function describe(err: unknown): string {
  // The client's 401 message already reads "HTTP 401 Unauthorized: …".
  if (err instanceof KubeApiError)
    return (err.code === 401 ? err.message : `HTTP ${err.code}: ${err.message}`).slice(0, 500);
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = (err as { code?: string }).code ?? (cause as { code?: string } | undefined)?.code;
    return `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`;
  }
  return String(err);
}

export function loadKubeConfig(kubeconfig: string, context: string | null): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromString(kubeconfig);
  } catch (err) {
    throw new PreflightError('config', `the kubeconfig could not be parsed: ${describe(err)}`);
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new PreflightError(
        'config',
        `context "${context}" is not in the kubeconfig (it has: ${known.join(', ') || 'none'})`,
      );
    }
    kc.setCurrentContext(context);
  }
  const missing = missingCluster(kc);
  if (missing) throw new PreflightError('config', missing);
  return kc;
}

export async function preflight(o: PreflightOptions): Promise<PreflightResult> {
  const kc = loadKubeConfig(o.kubeconfig, o.context);
  const server = kc.getCurrentCluster()!.server;
  const context = kc.getCurrentContext();

  // Every request goes through the Kubernetes client: its retry policy (5xx, 429, dropped
  // connections) applies to the preflight as to everything else, and its errors name TLS and 401.
  const api = await createKubeClient({
    kubeconfig: o.kubeconfig,
    context: o.context,
    requestTimeoutMs: o.requestTimeoutMs,
  });
  const signal = o.signal;
  try {
    await api.request('GET', '/version', null, { signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    const status = err instanceof KubeApiError ? err.code : null;
    const what =
      status === 401
        ? 'rejected the credentials (401 Unauthorized)'
        : status !== null
          ? `answered ${status}`
          : isTlsError((err as { cause?: unknown }).cause)
            ? 'failed the TLS check'
            : 'could not be reached';
    throw new PreflightError(
      'unreachable',
      `the Kubernetes API server ${server} (context "${context}") ${what}: ${describe(err)}`,
    );
  }

  const istioVersion = await checkIstioCrds(api, server, signal);
  await checkRbac(api, context, o.namespace, o.preview, o.writes, signal, o.httpRoute === true);
  return { server, context, istioVersion };
}

const INSTALL_ISTIO =
  'Install Istio in the cluster first (`istioctl install --set profile=demo -y`, see https://istio.io/latest/docs/setup/install/istioctl/), or use `cluster: kind` or `cluster: minikube` to create a cluster with Istio.';

async function checkIstioCrds(api: KubeClient, server: string, signal?: AbortSignal): Promise<string> {
  let groups: k8s.V1APIGroupList;
  try {
    groups = (await api.request('GET', '/apis', null, { signal })).json as k8s.V1APIGroupList;
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new PreflightError('unreachable', `API discovery on ${server} failed: ${describe(err)}`);
  }
  const group = groups.groups.find((g) => g.name === ISTIO_GROUP);
  const all = ISTIO_KINDS.map((k) => k.crd);
  if (!group) {
    throw new PreflightError(
      'istio-crds',
      `Istio CRDs missing on ${server}: ${all.join(', ')} (the API group ${ISTIO_GROUP} is not served). ${INSTALL_ISTIO}`,
      all,
    );
  }
  const preferred = group.preferredVersion?.groupVersion;
  const versions = [
    ...new Set([preferred, ...group.versions.map((v) => v.groupVersion)].filter((v): v is string => !!v)),
  ];
  const missing = new Set<string>(all);
  let foundIn: string | null = null;
  for (const gv of versions) {
    for (const k of ISTIO_KINDS) {
      if (!missing.has(k.crd)) continue;
      try {
        await api.resource(gv, k.kind, signal);
        missing.delete(k.crd);
        foundIn ??= gv;
      } catch (err) {
        if (signal?.aborted) throw err;
        // A version that does not serve the kind; any other failure (after the retries) is named.
        if (!(err instanceof UnknownKindError))
          throw new PreflightError(
            'unreachable',
            `API discovery of ${gv} on ${server} failed: ${describe(err)}`,
          );
      }
    }
    if (missing.size === 0) break;
  }
  if (missing.size > 0) {
    const list = [...missing];
    throw new PreflightError(
      'istio-crds',
      `Istio CRDs missing on ${server}: ${list.join(', ')} (${ISTIO_GROUP} serves ${versions.join(', ')}). ${INSTALL_ISTIO}`,
      list,
    );
  }
  return foundIn ?? preferred ?? ISTIO_GROUP;
}

async function checkRbac(
  api: KubeClient,
  context: string,
  namespace: string,
  preview: boolean,
  writes?: PreflightOptions['writes'],
  signal?: AbortSignal,
  httpRoute = false,
): Promise<void> {
  const checks = rbacChecks(namespace, preview, writes, httpRoute);
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        const { json } = await api.request(
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: {
              resourceAttributes: {
                group: c.group,
                resource: c.resource,
                verb: c.verb,
                ...(c.clusterScoped ? {} : { namespace: c.namespace ?? namespace }),
              },
            },
          },
          { signal },
        );
        const review = json as { status?: { allowed?: boolean } } | null;
        return { check: c, allowed: review?.status?.allowed === true };
      } catch (err) {
        if (signal?.aborted) throw err;
        throw new PreflightError(
          'rbac',
          `could not check permissions with a SelfSubjectAccessReview (context "${context}"): ${describe(err)}`,
        );
      }
    }),
  );
  const denied = results.filter((r) => !r.allowed).map((r) => r.check);
  if (denied.length > 0) {
    throw new PreflightError(
      'rbac',
      rbacMessage(context, namespace, denied),
      denied.map((d) => `${d.verb} ${qualified(d.group, d.resource)}`),
    );
  }
}

/**
 * When the VirtualService is not in the manifests, it must be in the namespace: `status`,
 * `rollback` or a resumed `run` against the wrong namespace (or name) is told, before anything
 * else, which VirtualService was looked for, in which namespace, and what is there instead
 * (the VirtualServices found, none, or that the namespace does not exist). Reads only; null
 * when it is there (or the cluster serves no VirtualService: the promotion names that).
 */
export async function missingVirtualService(
  kube: Pick<Kube, 'get' | 'list' | 'resource'>,
  namespace: string,
  name: string | null,
  signal?: AbortSignal,
): Promise<string | null> {
  let apiVersion: string | null = null;
  for (const v of ISTIO_VERSIONS) {
    try {
      await kube.resource(v, 'VirtualService', signal);
      apiVersion = v;
      break;
    } catch (err) {
      if (!(err instanceof UnknownKindError)) throw err;
    }
  }
  if (apiVersion === null) return null;
  const { items } = await kube.list(apiVersion, 'VirtualService', namespace, { signal });
  const names = items.map((vs) => String(vs.metadata?.name)).sort();
  if (name === null ? names.length > 0 : names.includes(name)) return null;
  // No VirtualService named and none there, but HTTPRoutes (issue 15): the promotion steps one of
  // those (route-kind http-route), and resolveTarget names what it cannot find.
  if (name === null && (await hasHttpRoutes(kube, namespace, signal))) return null;
  const ns = `namespace "${namespace}"`;
  let there: string;
  if (names.length > 0)
    there = `${ns} has ${names.length === 1 ? 'the VirtualService' : 'the VirtualServices'} ${names.join(', ')}`;
  else {
    let exists: boolean | null;
    try {
      exists =
        (await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }, { signal })) !== null;
    } catch (err) {
      // Reading Namespaces is not a permission istio-canary asks for: then only "none" is known.
      if (!(err instanceof KubeApiError) || err.code !== 403) throw err;
      exists = null;
    }
    there = exists === false ? `${ns} does not exist` : `${ns} has no VirtualService`;
  }
  const subject =
    name === null
      ? 'there is no VirtualService in the manifests or in the namespace'
      : `the VirtualService "${name}" is neither in the manifests nor in ${ns}`;
  return `${subject}: ${there}. Set namespace (and virtual-service) to where it is, or give manifests that contain it`;
}

/** Whether the namespace holds any Gateway API HTTPRoute (false when the cluster does not serve the kind). */
async function hasHttpRoutes(
  kube: Pick<Kube, 'list' | 'resource'>,
  namespace: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await kube.resource('gateway.networking.k8s.io/v1', 'HTTPRoute', signal);
  } catch (err) {
    if (err instanceof UnknownKindError) return false;
    throw err;
  }
  const { items } = await kube.list('gateway.networking.k8s.io/v1', 'HTTPRoute', namespace, { signal });
  return items.length > 0;
}
