// What makes a canary a different promotion: a hash of its whole pod template (metadata and
// spec), with what the API server or a rollout tool adds left out, so that the template read
// from the manifests and the same template read back from the cluster hash alike.
//
// Left out, because the same build keeps them or the server fills them in:
// - metadata.creationTimestamp, and the annotation kubectl.kubernetes.io/restartedAt (`kubectl
//   rollout restart` restarts the same template; it is not a new build to judge);
// - the defaults Kubernetes sets on a PodSpec, its containers, probes, ports, volumes and env
//   references (SetDefaults_PodSpec, SetDefaults_Container, …) when they have their default value;
// - empty objects, empty lists and nulls (a manifest's `env: []` and the server's absent list).
// Everything else counts: labels, annotations, images, env, volumes, resources, probes,
// affinity, service account… Containers are compared by name, in any order.
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Pod-template annotations that a restart adds without changing what runs. */
export const IGNORED_TEMPLATE_ANNOTATIONS: readonly string[] = ['kubectl.kubernetes.io/restartedAt'];

/** JSON with sorted keys: the same value always gives the same text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

const POD_DEFAULTS: Json = {
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
};
const CONTAINER_DEFAULTS: Json = {
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};
const PROBE_DEFAULTS: Json = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

/** Removes `key` from `o` when it holds `value`. */
function dropDefaults(o: Json, defaults: Json): void {
  for (const [k, v] of Object.entries(defaults)) if (canonical(o[k]) === canonical(v)) delete o[k];
}

/** The image pull policy Kubernetes defaults to for this image. */
function defaultPullPolicy(image: unknown): string {
  const img = typeof image === 'string' ? image : '';
  return /:latest$|^[^:@]*$|\/[^:@]*$/.test(img) ? 'Always' : 'IfNotPresent';
}

function normaliseProbe(p: unknown): void {
  if (!isObject(p)) return;
  dropDefaults(p, PROBE_DEFAULTS);
  if (isObject(p.httpGet)) dropDefaults(p.httpGet, { scheme: 'HTTP' });
}

function normaliseContainer(c: Json): void {
  dropDefaults(c, CONTAINER_DEFAULTS);
  if (c.imagePullPolicy === defaultPullPolicy(c.image)) delete c.imagePullPolicy;
  for (const port of Array.isArray(c.ports) ? c.ports : [])
    if (isObject(port)) dropDefaults(port, { protocol: 'TCP' });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) normaliseProbe(c[probe]);
  for (const e of Array.isArray(c.env) ? c.env : []) {
    const from = isObject(e) && isObject(e.valueFrom) ? e.valueFrom : null;
    if (from && isObject(from.fieldRef)) dropDefaults(from.fieldRef, { apiVersion: 'v1' });
    if (from && isObject(from.resourceFieldRef)) dropDefaults(from.resourceFieldRef, { divisor: '0' });
  }
}

/** Drops nulls, empty objects and empty lists, depth first. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x);
    if (p === null || p === undefined) continue;
    if (Array.isArray(p) && p.length === 0) continue;
    if (isObject(p) && Object.keys(p).length === 0) continue;
    out[k] = p;
  }
  return out;
}

/** The pod template as hashed: a copy without server defaults and restart markers. */
export function normalisedTemplate(template: unknown): unknown {
  const t: Json = isObject(template) ? structuredClone(template) : {};
  const meta: Json = isObject(t.metadata) ? t.metadata : {};
  delete meta.creationTimestamp;
  if (isObject(meta.annotations)) for (const a of IGNORED_TEMPLATE_ANNOTATIONS) delete meta.annotations[a];
  t.metadata = meta;
  const spec: Json = isObject(t.spec) ? t.spec : {};
  dropDefaults(spec, POD_DEFAULTS);
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    if (!Array.isArray(spec[list])) continue;
    const cs = (spec[list] as unknown[]).filter(isObject);
    cs.forEach(normaliseContainer);
    spec[list] = cs.sort((a, b) => canonical(a.name).localeCompare(canonical(b.name)));
  }
  for (const vol of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isObject(vol)) continue;
    for (const kind of ['configMap', 'secret', 'projected', 'downwardAPI'])
      if (isObject(vol[kind])) dropDefaults(vol[kind], { defaultMode: 420 });
  }
  t.spec = spec;
  return prune(t);
}

/** A 16-hex hash of the whole pod template, without what the server or a restart adds. */
export function podTemplateHash(template: unknown): string {
  return createHash('sha256')
    .update(canonical(normalisedTemplate(template)))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The hash states written before the whole template counted: the containers' names, images,
 * commands, args and env only. A stored hash equal to it is the same template (so a held
 * promotion does not restart on an upgrade of istio-canary).
 */
export function legacyPodTemplateHash(template: unknown): string {
  const spec = isObject(template) && isObject(template.spec) ? template.spec : {};
  const pick = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .filter(isObject)
      .map((c) => ({
        name: c.name ?? null,
        image: c.image ?? null,
        command: c.command ?? null,
        args: c.args ?? null,
        env: (Array.isArray(c.env) ? c.env : []).filter(isObject).map((e) => ({
          name: e.name ?? null,
          value: e.value ?? null,
          from: isObject(e.valueFrom) ? Object.keys(e.valueFrom).sort() : null,
        })),
      }))
      .sort((a, b) => canonical(a.name).localeCompare(canonical(b.name)));
  return createHash('sha256')
    .update(canonical({ containers: pick(spec.containers), initContainers: pick(spec.initContainers) }))
    .digest('hex')
    .slice(0, 16);
}
