// The slice of the Kubernetes OpenAPI schemas that merging needs: which lists are keyed
// (x-kubernetes-list-type=map / patchMergeKey), which are sets, which nodes are atomic, and
// which objects are free-form maps. Paths are field names with list items skipped.

export type ListType = { type: 'map'; keys: string[] } | { type: 'set' } | { type: 'atomic' };

export interface Schema {
  /** How server-side apply treats the list at this field path. */
  list(path: string[]): ListType;
  /** The strategic-merge patchMergeKey of the list at this path, if any. */
  mergeKey(path: string[]): string | undefined;
  /** A map or struct replaced as a whole (x-kubernetes-map-type: atomic). */
  atomic(path: string[]): boolean;
  /** A map with arbitrary keys (labels, data...): managedFields mark it with "." when an update creates it. */
  isMap(path: string[]): boolean;
  /** Defaults of list key fields (protocol: TCP), used to compute keys as the real server does. */
  keyDefault(path: string[], key: string): unknown;
  /** A list that always exists in the Go type (no omitempty): an update never "creates" it, so no ".". */
  required(path: string[]): boolean;
  /** A map an apply marks "." too (custom resources under 1.20's deduced type converter). */
  markOnApply?(path: string[]): boolean;
}

const metaLists: Record<string, ListType> = {
  'metadata.finalizers': { type: 'set' },
  'metadata.ownerReferences': { type: 'map', keys: ['uid'] },
  'metadata.managedFields': { type: 'atomic' },
};
const metaMaps = new Set(['metadata.labels', 'metadata.annotations']);

function podSpec(prefix: string): {
  lists: Record<string, ListType>;
  merge: Record<string, string>;
  maps: string[];
} {
  const lists: Record<string, ListType> = {};
  const merge: Record<string, string> = {};
  const maps: string[] = [`${prefix}.nodeSelector`, `${prefix}.overhead`];
  for (const c of ['containers', 'initContainers', 'ephemeralContainers']) {
    const p = `${prefix}.${c}`;
    lists[p] = { type: 'map', keys: ['name'] };
    merge[p] = 'name';
    lists[`${p}.ports`] = { type: 'map', keys: ['containerPort', 'protocol'] };
    merge[`${p}.ports`] = 'containerPort';
    lists[`${p}.env`] = { type: 'map', keys: ['name'] };
    merge[`${p}.env`] = 'name';
    lists[`${p}.volumeMounts`] = { type: 'map', keys: ['mountPath'] };
    merge[`${p}.volumeMounts`] = 'mountPath';
    lists[`${p}.volumeDevices`] = { type: 'map', keys: ['devicePath'] };
    merge[`${p}.volumeDevices`] = 'devicePath';
    maps.push(`${p}.resources.limits`, `${p}.resources.requests`);
  }
  lists[`${prefix}.volumes`] = { type: 'map', keys: ['name'] };
  merge[`${prefix}.volumes`] = 'name';
  lists[`${prefix}.imagePullSecrets`] = { type: 'map', keys: ['name'] };
  merge[`${prefix}.imagePullSecrets`] = 'name';
  lists[`${prefix}.hostAliases`] = { type: 'map', keys: ['ip'] };
  merge[`${prefix}.hostAliases`] = 'ip';
  lists[`${prefix}.topologySpreadConstraints`] = { type: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] };
  merge[`${prefix}.topologySpreadConstraints`] = 'topologyKey';
  return { lists, merge, maps };
}

interface Table {
  lists: Record<string, ListType>;
  merge: Record<string, string>;
  maps: Set<string>;
  atomic: Set<string>;
  required: Set<string>;
}

function table(kind: string): Table {
  const t: Table = {
    lists: { ...metaLists },
    merge: { 'metadata.finalizers': '', 'metadata.ownerReferences': 'uid' },
    maps: new Set(metaMaps),
    atomic: new Set(),
    required: new Set(),
  };
  delete t.merge['metadata.finalizers'];
  const conds = (p: string): void => {
    t.lists[p] = { type: 'map', keys: ['type'] };
    t.merge[p] = 'type';
  };
  switch (kind) {
    case 'Deployment': {
      const ps = podSpec('spec.template.spec');
      Object.assign(t.lists, ps.lists);
      Object.assign(t.merge, ps.merge);
      ps.maps.forEach((m) => t.maps.add(m));
      t.maps.add('spec.template.metadata.labels');
      // A pointer to a struct: created (and so marked ".") by the first writer.
      t.maps.add('spec.strategy.rollingUpdate');
      t.required.add('spec.template.spec.containers');
      t.maps.add('spec.template.metadata.annotations');
      t.atomic.add('spec.selector');
      conds('status.conditions');
      break;
    }
    case 'Service':
      t.lists['spec.ports'] = { type: 'map', keys: ['port', 'protocol'] };
      t.merge['spec.ports'] = 'port';
      t.maps.add('spec.selector');
      conds('status.conditions');
      break;
    case 'ConfigMap':
      t.maps.add('data');
      t.maps.add('binaryData');
      break;
    case 'Secret':
      t.maps.add('data');
      t.maps.add('stringData');
      break;
    case 'Namespace':
      t.lists['spec.finalizers'] = { type: 'set' };
      conds('status.conditions');
      break;
    case 'CustomResourceDefinition':
      t.lists['spec.versions'] = { type: 'map', keys: ['name'] };
      conds('status.conditions');
      break;
    default:
      break;
  }
  return t;
}

/** Built-in kinds use their real list semantics; custom resources (Istio included) have atomic lists, as CRDs without list-type markers do. */
export function schemaFor(kind: string, builtIn: boolean): Schema {
  const t = table(kind);
  return {
    list(path) {
      return t.lists[path.join('.')] ?? { type: 'atomic' };
    },
    mergeKey(path) {
      return t.merge[path.join('.')];
    },
    atomic(path) {
      // Custom resources with x-kubernetes-preserve-unknown-fields: top-level fields are maps whose
      // children are untyped, hence atomic (as the real server's deduced schema treats them).
      if (!builtIn && path.length >= 2 && path[0] !== 'metadata') return true;
      return t.atomic.has(path.join('.'));
    },
    isMap(path) {
      const p = path.join('.');
      if (t.maps.has(p)) return true;
      return !builtIn && path.length === 1 && path[0] !== 'metadata';
    },
    required(path) {
      return t.required.has(path.join('.'));
    },
    keyDefault(_path, key) {
      return key === 'protocol' ? 'TCP' : undefined;
    },
  };
}
