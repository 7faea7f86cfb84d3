// Pure comparison logic of the conformance suite: normalize what a target answered, apply the
// documented, intended differences between Kubernetes 1.20 and current Kubernetes (which the
// mesh follows), and list every remaining difference field by field.

/** One request (or kubectl run) of a scenario and what came back. */
export interface Step {
  label: string;
  via: 'client-node' | 'http' | 'kubectl';
  status?: number;
  reason?: string;
  message?: string;
  body?: unknown;
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  /** `Warning:` headers (299) of the response, text only. */
  warnings?: string[];
  /** Watch events, in order. */
  events?: unknown[];
}

export interface Observation {
  scenario: string;
  steps: Step[];
}

export interface Difference {
  scenario: string;
  path: string;
  real: unknown;
  mesh: unknown;
}

export interface Comparison {
  compared: number;
  differences: Difference[];
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const UID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// Written by kube-controller-manager at its own pace; there are no kubelets, so readiness never
// comes. Only what the API server itself decides is comparable.
const CONTROLLER_ANNOTATIONS = ['deployment.kubernetes.io/revision'];
const CONTROLLER_MANAGERS = ['kube-controller-manager'];

function normalizeMetadata(meta: Json): void {
  delete meta.uid;
  delete meta.creationTimestamp;
  delete meta.selfLink;
  if (meta.deletionTimestamp !== undefined) meta.deletionTimestamp = '<time>';
  if (typeof meta.resourceVersion === 'string' && meta.resourceVersion !== '') meta.resourceVersion = '<rv>';
  if (typeof meta.continue === 'string' && meta.continue !== '') meta.continue = '<continue>';
  if (
    typeof meta.generateName === 'string' &&
    typeof meta.name === 'string' &&
    meta.name.startsWith(meta.generateName)
  )
    meta.name = `${meta.generateName}<suffix>`;
  if (isObj(meta.annotations)) {
    for (const a of CONTROLLER_ANNOTATIONS) delete meta.annotations[a];
    if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
  }
  if (Array.isArray(meta.ownerReferences))
    for (const o of meta.ownerReferences) if (isObj(o)) o.uid = '<uid>';
  if (Array.isArray(meta.managedFields)) {
    meta.managedFields = meta.managedFields.filter(
      (m) => !(isObj(m) && typeof m.manager === 'string' && CONTROLLER_MANAGERS.includes(m.manager)),
    );
    for (const m of meta.managedFields as unknown[]) if (isObj(m)) delete m.time;
    // Servers order entries by operation, then time (second granularity), then manager: times
    // race, so compare in a fixed order instead.
    const key = (m: unknown): string =>
      isObj(m)
        ? `${String(m.operation)}\u0000${String(m.manager)}\u0000${typeof m.subresource === 'string' ? m.subresource : ''}`
        : '';
    (meta.managedFields as unknown[]).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

/** Drops what legitimately differs between two servers: uids, times, resourceVersion values, etc. */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  // uids also appear inside messages (e.g. a failed uid precondition).
  if (typeof value === 'string') return TIME.test(value) ? '<time>' : value.replace(UID, '<uid>');
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
  if (isObj(out.metadata)) normalizeMetadata(out.metadata);
  // Deployment and ReplicaSet status is the controller's, not the API server's.
  if (['Deployment', 'ReplicaSet', 'Scale'].includes(String(out.kind)) && out.status !== undefined)
    delete out.status;
  // Whoever first creates metadata.annotations owns the map itself ("."); on a Deployment that
  // races with the controller's revision annotation.
  if (out.kind === 'Deployment' && isObj(out.metadata) && Array.isArray(out.metadata.managedFields))
    for (const m of out.metadata.managedFields as unknown[]) {
      const fv = isObj(m) && isObj(m.fieldsV1) ? m.fieldsV1 : undefined;
      const meta = fv && isObj(fv['f:metadata']) ? fv['f:metadata'] : undefined;
      const ann = meta && isObj(meta['f:annotations']) ? meta['f:annotations'] : undefined;
      if (ann) {
        delete ann['.'];
        if (Object.keys(ann).length === 0) delete meta?.['f:annotations'];
      }
    }
  // Status objects (errors, deletes) carry the deleted object's uid.
  if (out.kind === 'Status' && isObj(out.details)) {
    delete out.details.uid;
    // 1.20 lists apply conflicts in map order; the set is what counts.
    if (Array.isArray(out.details.causes))
      out.details.causes = [...(out.details.causes as unknown[])].sort((a, b) =>
        JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
      );
    if (out.reason === 'Invalid' && typeof out.message === 'string' && Array.isArray(out.details.causes))
      out.message = invalidMessage(out.message, out.details.causes);
  }
  return out;
}

/**
 * A 422's message lists its field errors in the order the server found them, which for CRD
 * schema validation is Go map order (random run to run): rebuilt from the sorted causes.
 */
function invalidMessage(message: string, causes: unknown[]): string {
  const at = message.indexOf(' is invalid: ');
  if (at < 0 || causes.length === 0) return message;
  const list = causes
    .filter(isObj)
    .map((c) => `${typeof c.field === 'string' ? `${c.field}: ` : ''}${String(c.message)}`);
  const unique = [...new Set(list)];
  return `${message.slice(0, at)} is invalid: ${unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`}`;
}

/** kubectl's human output: ages and the like change from run to run; "* " error lists are sorted. */
export function normalizeText(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\b\d+(s|m|h|d)(\d+(s|m))?\b/g, '<age>').replace(/\s+$/, ''));
  // Runs of "* field: error" lines (kubectl's rendering of a 422) come in server (map) order.
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && lines[j]?.startsWith('* ')) j++;
    if (j > i + 1) lines.splice(i, j - i, ...lines.slice(i, j).sort());
    i = Math.max(j, i + 1);
  }
  return lines.join('\n');
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, []);
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (isObj(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) out.set(path, {});
    for (const k of keys.sort()) flatten(value[k], path === '' ? k : `${path}.${k}`, out);
  } else {
    out.set(path, value);
  }
}

/** Leaf fields of an observation keyed by step label: `<label>.body.metadata.name`. */
export function fields(obs: Observation): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const step of obs.steps) {
    const { label, via: _via, ...rest } = step;
    // Normalizing again (it is idempotent) lets records made before a normalization rule changed still compare.
    flatten(normalize(rest), label, out);
  }
  return out;
}

/**
 * A known, intended difference: real Kubernetes 1.20 answers one way, current Kubernetes (and so
 * the mesh) another. `expect` turns the real server's step into what the mesh must answer.
 */
export interface KnownDifference {
  id: string;
  reason: string;
  /** Scenario names it applies to; undefined = all. */
  scenarios?: string[];
  /** `steps` are the real server's steps of the scenario, for differences that depend on history. */
  expect(step: Step, scenario: string, steps: Step[]): Step;
}

const SKEW_WARNING =
  /^WARNING: version difference between client \(1\.\d+\) and server \(1\.20\) exceeds the supported minor version skew of \+\/-1\n?/m;

function mapObjects(value: unknown, fn: (o: Json) => void): unknown {
  if (Array.isArray(value)) return value.map((v) => mapObjects(v, fn));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapObjects(v, fn);
  fn(out);
  return out;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    id: 'kubectl-version-skew-warning',
    reason:
      'kubectl 1.32 warns on stderr that a 1.20 server is outside its +/-1 minor version skew; the mesh reports a current version, so no warning.',
    expect: (s) => (s.stderr === undefined ? s : { ...s, stderr: s.stderr.replace(SKEW_WARNING, '') }),
  },
  {
    id: 'namespace-name-label',
    reason:
      'Since 1.21 (GA 1.22) every Namespace gets the immutable label kubernetes.io/metadata.name=<name>; 1.20 does not add it.',
    expect: (s) => ({
      ...s,
      body: mapObjects(s.body, (o) => {
        if (o.kind === 'Namespace' && isObj(o.metadata) && typeof o.metadata.name === 'string') {
          const labels = isObj(o.metadata.labels) ? o.metadata.labels : {};
          o.metadata.labels = { ...labels, 'kubernetes.io/metadata.name': o.metadata.name };
          // The label is defaulted on decode, before field management, so the creator owns it.
          if (Array.isArray(o.metadata.managedFields))
            for (const m of o.metadata.managedFields as unknown[]) {
              if (!isObj(m) || m.operation !== 'Update' || !isObj(m.fieldsV1)) continue;
              const fm = isObj(m.fieldsV1['f:metadata']) ? m.fieldsV1['f:metadata'] : {};
              const fl = isObj(fm['f:labels']) ? fm['f:labels'] : {};
              fm['f:labels'] = { ...fl, '.': {}, 'f:kubernetes.io/metadata.name': {} };
              m.fieldsV1['f:metadata'] = fm;
            }
          o.metadata = sortKeys(o.metadata);
        }
      }),
    }),
  },
  {
    id: 'managed-fields-subresource',
    reason:
      'Since 1.22 managedFields entries written through a subresource carry `subresource: status`; 1.20 records them as plain Updates of the object.',
    scenarios: ['status-subresource', 'crd-pruning'],
    expect: (s) => ({
      ...s,
      body: mapObjects(s.body, (o) => {
        if (typeof o.manager === 'string' && o.manager.startsWith('status-') && o.fieldsType === 'FieldsV1')
          o.subresource = 'status';
      }),
    }),
  },
  {
    id: 'service-ip-families-traffic-policy',
    reason:
      'Current Services carry spec.ipFamilies [IPv4] and ipFamilyPolicy SingleStack (dual-stack GA in 1.23; allocated by the registry, so not in managedFields) and spec.internalTrafficPolicy Cluster (1.22+, defaulted on decode, so owned by the creator); 1.20 sets none of them.',
    scenarios: ['create-get'],
    expect: (s) => ({
      ...s,
      body: mapObjects(s.body, (o) => {
        if (o.kind !== 'Service' || o.apiVersion !== 'v1' || !isObj(o.spec)) return;
        o.spec = sortKeys({
          ...o.spec,
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
        });
        const meta = isObj(o.metadata) ? o.metadata : {};
        if (Array.isArray(meta.managedFields))
          for (const m of meta.managedFields as unknown[]) {
            if (!isObj(m) || m.operation !== 'Update' || !isObj(m.fieldsV1) || !isObj(m.fieldsV1['f:spec']))
              continue;
            m.fieldsV1['f:spec'] = sortKeys({ ...m.fieldsV1['f:spec'], 'f:internalTrafficPolicy': {} });
          }
      }),
    }),
  },
  {
    id: 'managed-fields-reset-fields',
    reason:
      'Since 1.22 changes to fields a strategy resets are filtered out of field management: status sent to the main resource and spec sent to /status neither give ownership nor take it from others. 1.20 records them although it drops the values (for CRDs also the status a create sends or the schema defaults, e.g. a Gateway\'s "Waiting for controller" conditions).',
    scenarios: ['status-subresource', 'crd-defaults', 'crd-validation'],
    expect: (s, _scenario, steps) => {
      // Only the VirtualService of this scenario: Namespace status ownership is compared as 1.20
      // records it in every scenario (docs/conformance.md, "Namespace status").
      const dropReset = (body: unknown): unknown =>
        isObj(body) && body.kind === 'Namespace'
          ? body
          : mapObjects(body, (o) => {
              if (o.fieldsType !== 'FieldsV1' || !isObj(o.fieldsV1)) return;
              delete o.fieldsV1[o.subresource === 'status' ? 'f:spec' : 'f:status'];
            });
      if (s.label !== 'PUT /status with spec and label changes (ignored)')
        return { ...s, body: dropReset(s.body) };
      // Current: the earlier owners keep everything; the new /status writer owns only the label,
      // which is not a reset field (it is dropped from the object all the same).
      const prev = steps.find((x) => x.label === 'GET /status');
      const prevFields =
        isObj(prev?.body) && isObj(prev.body.metadata) ? prev.body.metadata.managedFields : undefined;
      const body = dropReset(s.body);
      if (
        !isObj(body) ||
        !isObj(body.metadata) ||
        !Array.isArray(body.metadata.managedFields) ||
        !Array.isArray(prevFields)
      )
        return { ...s, body };
      const own = (body.metadata.managedFields as unknown[]).filter(
        (m) => isObj(m) && m.manager === 'status-ignorer',
      );
      const others = (dropReset(prevFields) as unknown[]).filter(
        (m) => !(isObj(m) && m.manager === 'status-ignorer'),
      );
      body.metadata.managedFields = [...others, ...own];
      return { ...s, body };
    },
  },
  {
    id: 'merge-patch-bad-json',
    reason:
      'A merge patch that is not JSON is a 500 "Invalid JSON Patch" in 1.20. Current Kubernetes decodes the patch strictly first (fieldValidation defaults to Warn) and answers 400 BadRequest "error decoding patch: <Go JSON error>".',
    scenarios: ['patches'],
    expect: (s) => {
      if (s.label !== 'patch with invalid JSON') return s;
      const message = 'error decoding patch: unexpected end of JSON input';
      return {
        ...s,
        status: 400,
        reason: 'BadRequest',
        message,
        body: isObj(s.body) ? { ...s.body, code: 400, reason: 'BadRequest', message } : s.body,
      };
    },
  },
  {
    id: 'field-validation-strict',
    reason:
      'Since 1.25 (GA 1.27) the server validates fields: with fieldValidation=Strict an unknown field is a 400 BadRequest "strict decoding error"; 1.20 ignores the parameter and drops the field silently.',
    scenarios: ['errors'],
    expect: (s) =>
      s.label === 'create deployment with unknown field, fieldValidation=Strict'
        ? {
            label: s.label,
            via: s.via,
            status: 400,
            reason: 'BadRequest',
            message:
              'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogusField"',
            body: {
              apiVersion: 'v1',
              code: 400,
              kind: 'Status',
              message:
                'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogusField"',
              metadata: {},
              reason: 'BadRequest',
              status: 'Failure',
            },
          }
        : s,
  },
  {
    id: 'field-validation-warn',
    reason:
      'Since 1.25 the default fieldValidation is Warn: an unknown field is dropped and reported in a `Warning: 299` header; 1.20 drops it without a warning.',
    scenarios: ['errors'],
    expect: (s) =>
      s.label === 'create deployment with unknown field, default fieldValidation'
        ? { ...s, warnings: ['unknown field "spec.bogusField"'] }
        : s,
  },
];

function sortKeys(o: Json): Json {
  const out: Json = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** What the mesh must answer, given what the real 1.20 server answered. */
export function expectedMesh(real: Observation, known: KnownDifference[] = KNOWN_DIFFERENCES): Observation {
  let steps = real.steps.map((s) => structuredClone(s));
  for (const k of known) {
    if (k.scenarios && !k.scenarios.includes(real.scenario)) continue;
    const before = steps;
    steps = steps.map((s) => k.expect(s, real.scenario, before));
  }
  return { scenario: real.scenario, steps };
}

export function compare(
  real: Observation,
  mesh: Observation,
  known: KnownDifference[] = KNOWN_DIFFERENCES,
): Comparison {
  const want = fields(expectedMesh(real, known));
  const got = fields(mesh);
  const differences: Difference[] = [];
  const paths = new Set([...want.keys(), ...got.keys()]);
  for (const path of [...paths].sort()) {
    const a = want.get(path);
    const b = got.get(path);
    if (JSON.stringify(a) !== JSON.stringify(b))
      differences.push({
        scenario: real.scenario,
        path,
        real: want.has(path) ? a : '<absent>',
        mesh: got.has(path) ? b : '<absent>',
      });
  }
  return { compared: want.size, differences };
}

export function formatDifferences(diffs: Difference[], names: [string, string] = ['real', 'mesh']): string {
  return diffs
    .map(
      (d) =>
        `  ${d.scenario} :: ${d.path}\n      ${names[0]}: ${JSON.stringify(d.real)}\n      ${names[1]}: ${JSON.stringify(d.mesh)}`,
    )
    .join('\n');
}
