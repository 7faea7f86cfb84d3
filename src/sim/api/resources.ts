// The resource types the server knows: built-in kinds plus one type per served CRD.
// Istio's networking CRDs and the Gateway API's are preinstalled as real CRD objects (their
// published schemas, see src/sim/crds/), so discovery, conversion between served versions,
// pruning, validation and deletion behave exactly like any other CRD.

import { str, type JsonObject, isObject } from './json.js';
import { preinstalledCrds as simCrds } from '../crds/index.js';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface ResourceType {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  storageVersion: string;
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  status: boolean;
  scale: boolean;
  /** Built-in kinds accept strategic merge patch; custom resources answer 415. */
  builtIn: boolean;
  /** metadata.generation is maintained (deployments, CRDs, custom resources). */
  generation: boolean;
  /** selfsubjectaccessreviews are create-only and never stored. */
  stored: boolean;
  printerColumns: PrinterColumn[];
  /** DNS-1123 label (namespaces), DNS-1035 label (services) or DNS-1123 subdomain (the rest). */
  nameRule: 'label' | 'dns1035' | 'subdomain';
  /** A custom resource's structural schema (the storage version's openAPIV3Schema), if any. */
  schema?: JsonObject;
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function builtin(
  p: Partial<ResourceType> & Pick<ResourceType, 'group' | 'resource' | 'kind' | 'singular'>,
): ResourceType {
  const version = p.versions?.[0] ?? 'v1';
  return {
    versions: [version],
    storageVersion: version,
    listKind: `${p.kind}List`,
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: ALL,
    status: false,
    scale: false,
    builtIn: true,
    generation: false,
    stored: true,
    printerColumns: [],
    nameRule: 'subdomain',
    ...p,
  };
}

export const BUILTINS: ResourceType[] = [
  builtin({
    group: '',
    resource: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    status: true,
    nameRule: 'label',
    printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }],
  }),
  builtin({
    group: '',
    resource: 'services',
    singular: 'service',
    kind: 'Service',
    shortNames: ['svc'],
    categories: ['all'],
    status: true,
    nameRule: 'dns1035',
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Cluster-IP', type: 'string', jsonPath: '.spec.clusterIP' },
    ],
  }),
  builtin({
    group: '',
    resource: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    shortNames: ['cm'],
  }),
  builtin({ group: '', resource: 'secrets', singular: 'secret', kind: 'Secret' }),
  builtin({
    group: '',
    resource: 'pods',
    singular: 'pod',
    kind: 'Pod',
    shortNames: ['po'],
    categories: ['all'],
    // Simulated pods belong to the Deployment controller: read and delete only.
    verbs: ['delete', 'get', 'list', 'watch'],
  }),
  builtin({ group: '', resource: 'events', singular: 'event', kind: 'Event', shortNames: ['ev'] }),
  builtin({
    group: 'apps',
    resource: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    shortNames: ['deploy'],
    categories: ['all'],
    status: true,
    scale: true,
    generation: true,
    printerColumns: [
      { name: 'Ready', type: 'string', jsonPath: '.status.readyReplicas' },
      { name: 'Up-to-date', type: 'integer', jsonPath: '.status.updatedReplicas' },
      { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas' },
    ],
  }),
  builtin({ group: 'coordination.k8s.io', resource: 'leases', singular: 'lease', kind: 'Lease' }),
  builtin({
    group: 'apiextensions.k8s.io',
    resource: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    status: true,
    generation: true,
    printerColumns: [{ name: 'Created At', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  }),
  builtin({
    group: 'authorization.k8s.io',
    resource: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    namespaced: false,
    verbs: ['create'],
    stored: false,
  }),
];

/** The resource type a CRD object defines, or undefined while it serves no version. */
export function typeFromCrd(crd: JsonObject): ResourceType | undefined {
  const spec = isObject(crd['spec']) ? crd['spec'] : {};
  const names = isObject(spec['names']) ? spec['names'] : {};
  const versions = (Array.isArray(spec['versions']) ? spec['versions'] : []).filter(isObject);
  const served = versions.filter((v) => v['served'] !== false);
  if (served.length === 0 || typeof spec['group'] !== 'string' || typeof names['plural'] !== 'string')
    return undefined;
  const storage = versions.find((v) => v['storage'] === true) ?? served[0];
  const sub = isObject(storage?.['subresources']) ? storage['subresources'] : {};
  const cols = (
    Array.isArray(storage?.['additionalPrinterColumns']) ? storage['additionalPrinterColumns'] : []
  )
    .filter(isObject)
    .map((c) => ({
      name: str(c['name'] ?? ''),
      type: str(c['type'] ?? 'string'),
      jsonPath: str(c['jsonPath'] ?? ''),
      description: typeof c['description'] === 'string' ? c['description'] : undefined,
      priority: typeof c['priority'] === 'number' ? c['priority'] : 0,
    }));
  const kind = str(names['kind'] ?? '');
  const schema = isObject(storage?.['schema']) ? storage['schema']['openAPIV3Schema'] : undefined;
  return {
    group: spec['group'],
    versions: sortVersions(served.map((v) => str(v['name']))),
    storageVersion: str(storage?.['name'] ?? served[0]?.['name']),
    resource: names['plural'],
    singular: typeof names['singular'] === 'string' ? names['singular'] : kind.toLowerCase(),
    kind,
    listKind: typeof names['listKind'] === 'string' ? names['listKind'] : `${kind}List`,
    namespaced: spec['scope'] !== 'Cluster',
    shortNames: Array.isArray(names['shortNames']) ? names['shortNames'].map(String) : [],
    categories: Array.isArray(names['categories']) ? names['categories'].map(String) : [],
    verbs: ALL,
    status: isObject(sub['status']),
    scale: isObject(sub['scale']),
    builtIn: false,
    generation: true,
    stored: true,
    printerColumns:
      cols.length > 0 ? cols : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    nameRule: 'subdomain',
    ...(isObject(schema) ? { schema } : {}),
  };
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
export function sortVersions(vs: string[]): string[] {
  const rank = (v: string): [number, number, number] => {
    const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
    if (!m) return [3, 0, 0];
    const level = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [level, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...vs].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
  });
}

/** The CRDs installed at start: Istio's networking kinds and the Gateway API's standard ones. */
export function preinstalledCrds(): JsonObject[] {
  return simCrds() as JsonObject[];
}
