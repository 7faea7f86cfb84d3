// The `manifests` input, validated (pure, no I/O): every document's apiVersion, kind, name and
// namespace against the namespace input, the kinds istio-canary applies, VirtualService routes
// and weights, Deployment basics and duplicates, all problems at once, before anything is
// written; and a preview's retargeting to its own namespace.
import { isObject } from '../util/object.js';
import { where, type ManifestDoc } from './manifest-read.js';
import {
  ISTIO_VERSIONS,
  customResourceDefinitionView,
  deploymentView,
  destinationRuleView,
  virtualServiceView,
} from './views.js';

/** Kinds istio-canary applies, the apiVersions accepted for each, and the apply order (lower first). */
/** The Gateway API versions Istio serves for Gateway and HTTPRoute. */
const GATEWAY_API_VERSIONS = ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'];

export const KNOWN_KINDS: Record<string, { apiVersions: string[]; order: number; clusterScoped?: boolean }> =
  {
    Namespace: { apiVersions: ['v1'], order: 0, clusterScoped: true },
    CustomResourceDefinition: { apiVersions: ['apiextensions.k8s.io/v1'], order: 1, clusterScoped: true },
    ServiceAccount: { apiVersions: ['v1'], order: 2 },
    ConfigMap: { apiVersions: ['v1'], order: 2 },
    Secret: { apiVersions: ['v1'], order: 2 },
    Service: { apiVersions: ['v1'], order: 3 },
    Deployment: { apiVersions: ['apps/v1'], order: 4 },
    DestinationRule: { apiVersions: ISTIO_VERSIONS, order: 5 },
    // Istio's Gateway or the Gateway API's (`gatewayClassName: istio`): one kind name, two groups.
    Gateway: { apiVersions: [...ISTIO_VERSIONS, ...GATEWAY_API_VERSIONS], order: 6 },
    ReferenceGrant: {
      apiVersions: ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'],
      order: 6,
    },
    VirtualService: { apiVersions: ISTIO_VERSIONS, order: 7 },
    HTTPRoute: { apiVersions: GATEWAY_API_VERSIONS, order: 7 },
  };

const DNS_1123 = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const replaceHostNamespace = (host: unknown, from: string, to: string): unknown =>
  typeof host === 'string'
    ? host.replace(
        new RegExp(`^([^.]+)\\.${from.replace(/[.]/g, '\\.')}(\\.svc(\\.cluster\\.local)?)?$`),
        (_m, name: string, svc?: string) => `${name}.${to}${svc ?? ''}`,
      )
    : host;

/**
 * For a preview environment: every namespaced object moves to `namespace`, Namespace
 * documents are dropped (the preview namespace is made by the action), and hosts and
 * gateway references that named the old namespace follow (`podinfo.test.svc.cluster.local`
 * becomes `podinfo.pr-7.svc.cluster.local`, `test/podinfo-gateway` becomes `pr-7/podinfo-gateway`).
 */
export function retargetNamespace(docs: readonly ManifestDoc[], namespace: string): ManifestDoc[] {
  const out: ManifestDoc[] = [];
  for (const d of docs) {
    if (d.object.kind === 'Namespace') continue;
    const o = structuredClone(d.object);
    const from = o.metadata && typeof o.metadata.namespace === 'string' ? o.metadata.namespace : null;
    if (KNOWN_KINDS[String(o.kind)]?.clusterScoped || !isObject(o.metadata)) {
      out.push({ ...d, object: o });
      continue;
    }
    o.metadata.namespace = namespace;
    if (from && from !== namespace && isObject(o.spec)) {
      const spec = o.spec;
      if (o.kind === 'DestinationRule') spec.host = replaceHostNamespace(spec.host, from, namespace);
      if (o.kind === 'VirtualService') {
        // Entries of any type are kept as written (validation names them).
        if (Array.isArray(spec.hosts))
          spec.hosts = (spec.hosts as unknown[]).map((h) => replaceHostNamespace(h, from, namespace));
        if (Array.isArray(spec.gateways))
          spec.gateways = (spec.gateways as unknown[]).map((g) =>
            typeof g === 'string' && g.startsWith(`${from}/`)
              ? `${namespace}/${g.slice(from.length + 1)}`
              : g,
          );
        // The view's destination mappings are the copy's own.
        for (const route of virtualServiceView(o).http)
          for (const { destination } of route.destinations)
            if (destination) destination.host = replaceHostNamespace(destination.host, from, namespace);
      }
    }
    out.push({ ...d, object: o });
  }
  return out;
}

/** How a value that has the wrong type is shown in an error: its JSON (shortened) and its type. */
export function describeValue(v: unknown): string {
  const type =
    v === null ? 'null' : Array.isArray(v) ? 'a list' : isObject(v) ? 'a mapping' : `a ${typeof v}`;
  let json: string;
  try {
    json = JSON.stringify(v) ?? String(v);
  } catch {
    json = String(v);
  }
  return `${json.length > 60 ? `${json.slice(0, 57)}...` : json} (${type})`;
}

/**
 * The routes of a VirtualService, checked the way the promotion reads them: every section a
 * list of mappings, every destination a mapping with a host, every weight a whole number from
 * 0 to 100 (a string such as "50" is refused, not read as 50 or as absent), and the weights of
 * a route with several destinations (or any weight) summing to 100.
 */
function virtualServiceProblems(d: ManifestDoc, label: string): string[] {
  const out: string[] = [];
  const spec = d.object.spec;
  if (!isObject(spec))
    return [`${label}: spec is ${describeValue(spec)}; accepted: a mapping with hosts and http routes`];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const value = spec[section];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      out.push(
        `${label}: spec.${section} is ${describeValue(value)}; accepted: a list of routes (spec.${section}: [{route: [{destination: {host, subset}, weight}]}])`,
      );
      continue;
    }
    value.forEach((r: unknown, ri) => {
      const at = `spec.${section}[${ri}]`;
      if (!isObject(r)) {
        out.push(`${label}: ${at} is ${describeValue(r)}; accepted: a mapping with a route list`);
        return;
      }
      const named = typeof r.name === 'string' && r.name ? ` (route "${r.name}")` : '';
      if (r.route === undefined || r.route === null) return;
      if (!Array.isArray(r.route)) {
        out.push(
          `${label}: ${at}${named}.route is ${describeValue(r.route)}; accepted: a list of destinations`,
        );
        return;
      }
      const dests: unknown[] = r.route;
      const weights: (number | null)[] = [];
      let badWeight = false;
      dests.forEach((x, di) => {
        const dat = `${at}${named}.route[${di}]`;
        if (!isObject(x)) {
          out.push(
            `${label}: ${dat} is ${describeValue(x)}; accepted: a mapping with destination and weight`,
          );
          badWeight = true;
          return;
        }
        const dest = x.destination;
        if (!isObject(dest)) {
          out.push(
            `${label}: ${dat}.destination is ${describeValue(dest)}; accepted: a mapping with host (and subset)`,
          );
        } else if (typeof dest.name === 'string' && dest.host === undefined)
          out.push(
            `${where(d)} (VirtualService ${d.object.metadata?.name ?? '?'}): spec.${section}[${ri}].route[${di}].destination.name "${dest.name}" is the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${dest.name}`,
          );
        else if (typeof dest.host !== 'string' || !dest.host)
          out.push(
            `${label}: ${dat}.destination has no host (got ${describeValue(dest.host)}); accepted: a service host name`,
          );
        else if (dest.subset !== undefined && (typeof dest.subset !== 'string' || !dest.subset))
          out.push(
            `${label}: ${dat}.destination.subset is ${describeValue(dest.subset)}; accepted: a subset name`,
          );
        const which = isObject(dest)
          ? ` (host ${typeof dest.host === 'string' ? dest.host : '?'}${typeof dest.subset === 'string' ? `, subset ${dest.subset}` : ''})`
          : '';
        if (x.weight === undefined || x.weight === null) weights.push(null);
        else if (
          typeof x.weight !== 'number' ||
          !Number.isInteger(x.weight) ||
          x.weight < 0 ||
          x.weight > 100
        ) {
          out.push(
            `${label}: ${dat}${which} weight is ${describeValue(x.weight)}; accepted: a whole number from 0 to 100 (no quotes)`,
          );
          badWeight = true;
        } else weights.push(x.weight);
      });
      if (badWeight) return;
      const given = weights.filter((w): w is number => w !== null);
      if (dests.length > 1 || given.length > 0) {
        const sum = given.reduce((a, b) => a + b, 0);
        if (sum !== 100)
          out.push(
            `${where(d)}: spec.${section}[${ri}]${named} weights sum to ${sum} (${weights.map((w) => w ?? 'none').join(' + ')}); Istio needs 100 (accepted: whole numbers that sum to 100)`,
          );
      }
    });
  }
  return out;
}

function deploymentProblems(d: ManifestDoc): string[] {
  const out: string[] = [];
  const name = d.object.metadata?.name ?? '?';
  if (!isObject(d.object.spec)) return [`${where(d)}: Deployment ${name} has no spec`];
  const view = deploymentView(d.object);
  const selector = view.matchLabels;
  const labels: Record<string, unknown> = view.podLabels;
  if (!selector) out.push(`${where(d)}: Deployment ${name} needs spec.selector.matchLabels (apps/v1)`);
  else
    for (const [k, v] of Object.entries(selector))
      if (labels[k] !== v)
        out.push(
          `${where(d)}: Deployment ${name} selector ${k}=${String(v)} does not match its pod template labels`,
        );
  const containers = view.containerEntries;
  if (containers.length === 0) out.push(`${where(d)}: Deployment ${name} has no containers`);
  containers.forEach((c, i) => {
    if (!isObject(c) || typeof c.name !== 'string' || !c.name)
      out.push(`${where(d)}: Deployment ${name} container ${i} has no name`);
    else if (typeof c.image !== 'string' || !c.image)
      out.push(`${where(d)}: Deployment ${name} container ${c.name} has no image`);
  });
  if (view.replicas !== undefined && (typeof view.replicas !== 'number' || view.replicas < 0))
    out.push(`${where(d)}: Deployment ${name} spec.replicas must be a number >= 0`);
  return out;
}

/**
 * Checks every document (pure): apiVersion, kind, name, the kinds istio-canary applies (or
 * kinds defined by a CRD in the same manifests), legacy Istio shapes, Deployment basics and
 * duplicates. Sets metadata.namespace to `namespace` on namespaced objects without one.
 */
export function validateManifests(
  docs: readonly ManifestDoc[],
  namespace: string,
  options: { retarget?: boolean } = {},
): { docs: ManifestDoc[]; problems: string[] } {
  if (options.retarget) docs = retargetNamespace(docs, namespace);
  const problems: string[] = [];
  const crdKinds = new Map<string, string[]>();
  const crdScope = new Map<string, 'Cluster' | 'Namespaced'>();
  for (const d of docs) {
    if (d.object.kind !== 'CustomResourceDefinition') continue;
    const crd = customResourceDefinitionView(d.object);
    if (crd.kind) {
      crdKinds.set(crd.kind, crd.apiVersions);
      crdScope.set(crd.kind, crd.scope);
    }
  }
  const seen = new Map<string, ManifestDoc>();
  const out: ManifestDoc[] = [];
  for (const d of docs) {
    const o = d.object;
    const name = o.metadata && typeof o.metadata.name === 'string' ? o.metadata.name : null;
    const label = `${where(d)}${typeof o.kind === 'string' ? ` (${o.kind}${name ? ` ${name}` : ''})` : ''}`;
    const before = problems.length;
    const field = (key: string, value: unknown, accepted: string) =>
      value === undefined || value === null || value === ''
        ? `${label}: missing ${key}`
        : `${label}: ${key} is ${describeValue(value)}; accepted: ${accepted}`;
    if (typeof o.apiVersion !== 'string' || !o.apiVersion)
      problems.push(field('apiVersion', o.apiVersion, 'a string such as v1 or apps/v1'));
    if (typeof o.kind !== 'string' || !o.kind)
      problems.push(field('kind', o.kind, 'a string such as Deployment'));
    if (!isObject(o.metadata)) problems.push(field('metadata', o.metadata, 'a mapping with a name'));
    else if (!name) problems.push(field('metadata.name', o.metadata.name, 'a string DNS name'));
    else if (o.kind === 'Service' || o.kind === 'Namespace') {
      // Services and Namespaces are DNS labels (a Service name is also a DNS host name part).
      if (!DNS_LABEL.test(name) || name.length > 63 || (o.kind === 'Service' && !/^[a-z]/.test(name)))
        problems.push(
          `${label}: metadata.name "${name}" is not a valid ${o.kind} name (a DNS label: lowercase letters, digits and '-', at most 63${o.kind === 'Service' ? ', starting with a letter' : ''})`,
        );
    } else if (!DNS_1123.test(name) || name.length > 253)
      problems.push(
        `${label}: metadata.name "${name}" is not a valid name (lowercase letters, digits, '-' and '.', at most 253)`,
      );
    if (problems.length > before) continue;
    const kind = o.kind!;
    const apiVersion = o.apiVersion!;
    const known = KNOWN_KINDS[kind];
    const crd = crdKinds.get(kind);
    if (known) {
      if (!known.apiVersions.includes(apiVersion))
        problems.push(
          `${label}: apiVersion ${apiVersion} is not served for ${kind}; use ${known.apiVersions.join(' or ')}`,
        );
    } else if (crd) {
      if (!crd.includes(apiVersion))
        problems.push(
          `${label}: apiVersion ${apiVersion} is not one of the CRD's versions (${crd.join(', ')})`,
        );
    } else {
      problems.push(
        `${label}: unknown kind ${kind} (${apiVersion}); istio-canary applies ${Object.keys(KNOWN_KINDS).join(', ')} and kinds defined by a CustomResourceDefinition in the same manifests`,
      );
      continue;
    }
    const copy: ManifestDoc = { ...d, object: structuredClone(o) };
    const meta = copy.object.metadata!;
    const scoped = known ? known.clusterScoped === true : crdScope.get(kind) === 'Cluster';
    if (scoped) {
      if (meta.namespace) problems.push(`${label}: ${kind} is cluster-scoped; remove metadata.namespace`);
      if (kind === 'Namespace' && name !== namespace)
        problems.push(
          `${label}: creates namespace "${name}" but the namespace input is "${namespace}"; istio-canary writes only in the namespace input: remove this document or set namespace: ${name}`,
        );
    } else if (meta.namespace === undefined || meta.namespace === null || meta.namespace === '')
      meta.namespace = namespace;
    else if (
      typeof meta.namespace !== 'string' ||
      !DNS_LABEL.test(meta.namespace) ||
      meta.namespace.length > 63
    )
      problems.push(
        `${label}: metadata.namespace ${describeValue(meta.namespace)} is not a valid namespace name (a DNS label: lowercase letters, digits and '-', at most 63)`,
      );
    else if (meta.namespace !== namespace)
      problems.push(
        `${label}: metadata.namespace is "${meta.namespace}" but the namespace input is "${namespace}"; istio-canary writes (and checks permissions) only in the namespace input: remove metadata.namespace from the document or set namespace: ${meta.namespace}`,
      );
    if (kind === 'VirtualService') problems.push(...virtualServiceProblems(copy, label));
    if (kind === 'Deployment') problems.push(...deploymentProblems(copy));
    if (kind === 'DestinationRule') {
      if (destinationRuleView(copy.object).host === null)
        problems.push(`${label}: DestinationRule needs spec.host`);
      // Every entry as written, by index (the view keeps only the named ones).
      const spec = copy.object.spec;
      const subsets = isObject(spec) && Array.isArray(spec.subsets) ? (spec.subsets as unknown[]) : [];
      subsets.forEach((s, i) => {
        if (!isObject(s) || typeof s.name !== 'string') problems.push(`${label}: subsets[${i}] has no name`);
        else if (!isObject(s.labels) || Object.keys(s.labels).length === 0)
          problems.push(`${label}: subset ${s.name} has no labels`);
      });
    }
    const key = `${kind}/${meta.namespace ?? ''}/${meta.name}`;
    const dup = seen.get(key);
    if (dup)
      problems.push(
        `${label}: duplicate of ${where(dup)} (${kind} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name})`,
      );
    else seen.set(key, copy);
    out.push(copy);
  }
  return { docs: out, problems };
}
