// Discovery documents (/api, /apis, group-version resource lists), /version, the OpenAPI v3
// documents kubectl reads to learn that the server validates fields itself (fieldValidation),
// and the Table rendering `kubectl get` asks for.

import { createHash } from 'node:crypto';
import type { JsonObject, Json } from './json.js';
import { str, isObject, obj } from './json.js';
import type { ResourceType } from './resources.js';
import { metaOf } from './store.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function storageVersionHash(rt: ResourceType): string {
  return createHash('sha256')
    .update(`${rt.group}/${rt.storageVersion}/${rt.kind}`)
    .digest('base64')
    .slice(0, 11);
}

export function apiVersions(hostPort: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }],
  };
}

export function groupsOf(types: readonly ResourceType[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const t of types) {
    if (t.group === '') continue;
    const vs = groups.get(t.group) ?? [];
    for (const v of t.versions) if (!vs.includes(v)) vs.push(v);
    groups.set(t.group, vs);
  }
  return groups;
}

function apiGroup(name: string, versions: string[], sort: (v: string[]) => string[]): JsonObject {
  const vs = sort(versions).map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] ?? null };
}

export function apiGroupList(types: readonly ResourceType[], sort: (v: string[]) => string[]): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groupsOf(types)].map(([name, vs]) => apiGroup(name, vs, sort)),
  };
}

export function apiGroupDoc(
  types: readonly ResourceType[],
  group: string,
  sort: (v: string[]) => string[],
): JsonObject | undefined {
  const vs = groupsOf(types).get(group);
  if (!vs) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, vs, sort) };
}

export function resourceList(
  types: readonly ResourceType[],
  group: string,
  version: string,
): JsonObject | undefined {
  const mine = types.filter((t) => t.group === group && t.versions.includes(version));
  if (mine.length === 0 && !(group === '' && version === 'v1')) return undefined;
  const resources: JsonObject[] = [];
  for (const t of mine) {
    const r: JsonObject = {
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
    };
    if (t.shortNames.length > 0) r['shortNames'] = t.shortNames;
    if (t.categories.length > 0) r['categories'] = t.categories;
    if (t.stored) r['storageVersionHash'] = storageVersionHash(t);
    resources.push(r);
    if (t.resource === 'namespaces')
      resources.push({
        name: 'namespaces/finalize',
        singularName: '',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['update'],
      });
    if (t.status)
      resources.push({
        name: `${t.resource}/status`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    if (t.scale)
      resources.push({
        name: `${t.resource}/scale`,
        singularName: '',
        namespaced: t.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources,
  };
}

const gvPath = (group: string, version: string): string =>
  group === '' ? `api/${version}` : `apis/${group}/${version}`;

export function openapiV3Root(types: readonly ResourceType[]): JsonObject {
  const paths: JsonObject = {};
  const gvs = new Set<string>(['|v1']);
  for (const t of types) for (const v of t.versions) gvs.add(`${t.group}|${v}`);
  for (const gv of [...gvs].sort()) {
    const [group = '', version = ''] = gv.split('|');
    const doc = openapiV3Doc(types, group, version);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
    paths[gvPath(group, version)] = {
      serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${hash}`,
    };
  }
  return { paths };
}

const q = (name: string, description: string): JsonObject => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
});

export function openapiV3Doc(types: readonly ResourceType[], group: string, version: string): JsonObject {
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  for (const t of types.filter((x) => x.group === group && x.versions.includes(version))) {
    const gvk = { group: t.group, version, kind: t.kind };
    const ref = `#/components/schemas/${schemaName(t, version)}`;
    const body = { content: { 'application/json': { schema: { $ref: ref } } } };
    const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } };
    const common = [
      q('dryRun', 'When present, indicates that modifications should not be persisted.'),
      q(
        'fieldManager',
        'fieldManager is a name associated with the actor or entity that is making these changes.',
      ),
      q(
        'fieldValidation',
        'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
      ),
    ];
    const post: JsonObject = {
      operationId: `create${t.kind}`,
      'x-kubernetes-action': 'post',
      'x-kubernetes-group-version-kind': gvk,
      parameters: common,
      requestBody: body,
      responses: ok,
    };
    const base = `/${gvPath(group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}`;
    const item: JsonObject = {
      get: {
        operationId: `read${t.kind}`,
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': gvk,
        responses: ok,
      },
      put: {
        operationId: `replace${t.kind}`,
        'x-kubernetes-action': 'put',
        'x-kubernetes-group-version-kind': gvk,
        parameters: common,
        requestBody: body,
        responses: ok,
      },
      patch: {
        operationId: `patch${t.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: [...common, q('force', 'Force is going to "force" Apply requests.')],
        requestBody: {
          content: {
            'application/apply-patch+yaml': { schema: { type: 'object' } },
            'application/json-patch+json': { schema: { type: 'object' } },
            'application/merge-patch+json': { schema: { type: 'object' } },
            ...(t.builtIn
              ? { 'application/strategic-merge-patch+json': { schema: { type: 'object' } } }
              : {}),
          },
        },
        responses: ok,
      },
      delete: {
        operationId: `delete${t.kind}`,
        'x-kubernetes-action': 'delete',
        'x-kubernetes-group-version-kind': gvk,
        parameters: [q('dryRun', '')],
        responses: { '200': { description: 'OK' } },
      },
      parameters: [
        { name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } },
        ...(t.namespaced
          ? [{ name: 'namespace', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } }]
          : []),
      ],
    };
    if (!t.stored) {
      paths[`/${gvPath(group, version)}/${t.resource}`] = { post };
    } else {
      paths[`${base}/{name}`] = item;
      paths[base] = {
        get: {
          operationId: `list${t.kind}`,
          'x-kubernetes-action': 'list',
          'x-kubernetes-group-version-kind': gvk,
          responses: { '200': { description: 'OK' } },
        },
        post,
      };
    }
    const own = t.schema && isObject(t.schema['properties']) ? t.schema['properties'] : undefined;
    schemas[schemaName(t, version)] = {
      ...(t.schema ?? {}),
      type: 'object',
      description: own
        ? `${t.kind}: its CRD's schema, which the embedded mesh prunes, defaults and validates by.`
        : `${t.kind} (embedded mesh: fields are not validated against a schema).`,
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        ...(own ?? {
          spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        }),
      },
      'x-kubernetes-group-version-kind': [gvk],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths,
    components: {
      schemas,
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          description: 'Bearer Token authentication',
          name: 'authorization',
          in: 'header',
        },
      },
    },
  };
}

function schemaName(t: ResourceType, version: string): string {
  if (!t.builtIn) return `${t.group.split('.').reverse().join('.')}.${version}.${t.kind}`;
  return `io.k8s.api.${t.group === '' ? 'core' : t.group.split('.')[0]}.${version}.${t.kind}`;
}

/** A minimal Swagger 2.0 document for clients that still ask for /openapi/v2 as JSON. */
export function openapiV2(types: readonly ResourceType[]): JsonObject {
  const definitions: JsonObject = {};
  for (const t of types)
    for (const v of t.versions)
      definitions[schemaName(t, v)] = {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: t.group, version: v, kind: t.kind }],
      };
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: SERVER_VERSION.gitVersion },
    paths: {},
    definitions,
  };
}

// ---- Tables ----

export function age(ts: unknown, now: Date): string {
  if (typeof ts !== 'string') return '<unknown>';
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(ts)) / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return `${d}d`;
}

interface Column {
  def: JsonObject;
  cell(o: JsonObject, now: Date): Json;
}

const col = (
  name: string,
  type: string,
  cell: (o: JsonObject, now: Date) => Json,
  priority = 0,
  format = '',
): Column => ({
  def: { name, type, format, description: name, priority },
  cell,
});

function jsonPath(o: Json, path: string): Json | undefined {
  let cur: Json | undefined = o;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function columns(t: ResourceType): Column[] {
  const name = col('Name', 'string', (o) => str(metaOf(o)['name'] ?? ''), 0, 'name');
  const ageCol = col('Age', 'string', (o, now) => age(metaOf(o)['creationTimestamp'], now));
  const spec = (o: JsonObject): JsonObject => obj(o['spec']);
  const status = (o: JsonObject): JsonObject => obj(o['status']);
  const n = (v: Json | undefined): number => (typeof v === 'number' ? v : 0);
  switch (t.kind) {
    case 'Deployment':
      return [
        name,
        col(
          'Ready',
          'string',
          (o) =>
            `${n(status(o)['readyReplicas'])}/${typeof spec(o)['replicas'] === 'number' ? n(spec(o)['replicas']) : 1}`,
        ),
        col('Up-to-date', 'integer', (o) => n(status(o)['updatedReplicas'])),
        col('Available', 'integer', (o) => n(status(o)['availableReplicas'])),
        ageCol,
        col(
          'Containers',
          'string',
          (o) =>
            containers(o)
              .map((c) => str(c['name'] ?? ''))
              .join(','),
          1,
        ),
        col(
          'Images',
          'string',
          (o) =>
            containers(o)
              .map((c) => str(c['image'] ?? ''))
              .join(','),
          1,
        ),
        col('Selector', 'string', (o) => selectorString(obj(obj(spec(o)['selector'])['matchLabels'])), 1),
      ];
    case 'Service':
      return [
        name,
        col('Type', 'string', (o) => str(spec(o)['type'] ?? 'ClusterIP')),
        col('Cluster-IP', 'string', (o) => str(spec(o)['clusterIP'] ?? '<none>')),
        col('External-IP', 'string', () => '<none>'),
        col(
          'Port(s)',
          'string',
          (o) =>
            (Array.isArray(spec(o)['ports']) ? (spec(o)['ports'] as Json[]) : [])
              .filter(isObject)
              .map((p) => `${str(p['port'])}/${str(p['protocol'] ?? 'TCP')}`)
              .join(',') || '<none>',
        ),
        ageCol,
        col('Selector', 'string', (o) => selectorString(obj(spec(o)['selector'])) || '<none>', 1),
      ];
    case 'Namespace':
      return [name, col('Status', 'string', (o) => str(status(o)['phase'] ?? '')), ageCol];
    case 'Pod': {
      const cs = (o: JsonObject): JsonObject[] =>
        (Array.isArray(status(o)['containerStatuses'])
          ? (status(o)['containerStatuses'] as Json[])
          : []
        ).filter(isObject);
      return [
        name,
        col('Ready', 'string', (o) => `${cs(o).filter((c) => c['ready'] === true).length}/${cs(o).length}`),
        col('Status', 'string', (o) => {
          const waiting = cs(o)
            .map((c) => obj(obj(c['state'])['waiting'])['reason'])
            .find((r) => typeof r === 'string');
          return typeof waiting === 'string' ? waiting : str(status(o)['phase'] ?? '');
        }),
        col('Restarts', 'integer', (o) => cs(o).reduce((a, c) => a + n(c['restartCount']), 0)),
        ageCol,
        col('IP', 'string', (o) => str(status(o)['podIP'] ?? '<none>'), 1),
        col('Node', 'string', (o) => str(spec(o)['nodeName'] ?? '<none>'), 1),
      ];
    }
    case 'ConfigMap':
      return [
        name,
        col(
          'Data',
          'integer',
          (o) => Object.keys(obj(o['data'])).length + Object.keys(obj(o['binaryData'])).length,
        ),
        ageCol,
      ];
    case 'Secret':
      return [
        name,
        col('Type', 'string', (o) => str(o['type'] ?? 'Opaque')),
        col('Data', 'integer', (o) => Object.keys(obj(o['data'])).length),
        ageCol,
      ];
    case 'Lease':
      return [name, col('Holder', 'string', (o) => str(spec(o)['holderIdentity'] ?? '')), ageCol];
    case 'CustomResourceDefinition':
      return [name, col('Created At', 'date', (o) => str(metaOf(o)['creationTimestamp'] ?? ''))];
    default:
      if (t.builtIn) return [name, ageCol];
      return [
        name,
        ...t.printerColumns.map((c) =>
          col(
            c.name,
            c.type,
            (o, now) => {
              const v = jsonPath(o, c.jsonPath);
              // The real CRD table convertor humanizes date columns.
              if (c.type === 'date') return typeof v === 'string' ? age(v, now) : null;
              return v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
            },
            c.priority ?? 0,
          ),
        ),
      ];
  }
}

function containers(o: JsonObject): JsonObject[] {
  const cs = obj(obj(obj(o['spec'])['template'])['spec'])['containers'];
  return Array.isArray(cs) ? cs.filter(isObject) : [];
}

function selectorString(m: JsonObject): string {
  return Object.entries(m)
    .map(([k, v]) => `${k}=${str(v)}`)
    .join(',');
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function toTable(
  t: ResourceType,
  objects: JsonObject[],
  rv: string,
  now: Date,
  include: IncludeObject,
  withDefinitions = true,
  cont?: string,
): JsonObject {
  const cols = columns(t);
  const rows = objects.map((o) => {
    const row: JsonObject = { cells: cols.map((c) => c.cell(o, now)) };
    if (include === 'Object') row['object'] = o;
    else if (include === 'Metadata')
      row['object'] = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metaOf(o) };
    return row;
  });
  const metadata: JsonObject = { resourceVersion: rv };
  if (cont) metadata['continue'] = cont;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: withDefinitions ? cols.map((c) => c.def) : [],
    rows,
  };
}
