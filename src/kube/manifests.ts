// The `manifests` input: read files/globs of multi-document YAML, validate every document
// before anything is written, order them by dependency and apply them by server-side apply.
import { glob, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import type { Logger } from '../ports.js';
import type { Kube, KubeObject } from './client.js';
import { KubeApiError, UnknownKindError } from './errors.js';

export interface ManifestDoc {
  file: string;
  /** 1-based index of the document in its file. */
  index: number;
  object: KubeObject;
}

/** All the problems found, each naming the file and the document; thrown before any write. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `manifests: ${problems[0]}`
        : `manifests: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export const where = (d: Pick<ManifestDoc, 'file' | 'index'>): string => `${d.file} document ${d.index}`;

const ISTIO_VERSIONS = [
  'networking.istio.io/v1',
  'networking.istio.io/v1beta1',
  'networking.istio.io/v1alpha3',
];

/** Kinds istio-canary applies, the apiVersions accepted for each, and the apply order (lower first). */
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
    Gateway: { apiVersions: ISTIO_VERSIONS, order: 6 },
    VirtualService: { apiVersions: ISTIO_VERSIONS, order: 7 },
  };

const DNS_1123 = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits a YAML stream into documents keeping their first line, so errors can name both. */
function splitDocuments(text: string): { text: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  const docs: { text: string; line: number }[] = [];
  let start = 0;
  let current: string[] = [];
  lines.forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) {
      docs.push({ text: current.join('\n'), line: start + 1 });
      // Content after `--- ` on the same line belongs to the next document.
      current = [l.slice(3)];
      start = i;
    } else if (/^\.\.\.\s*$/.test(l)) {
      // document end marker: nothing to keep
    } else current.push(l);
  });
  docs.push({ text: current.join('\n'), line: start + 1 });
  // The text before the first `---` is a document only when it has content.
  return docs.filter((d, i) => i > 0 || /^\s*[^#\s]/m.test(d.text));
}

/** Parses one file's text into documents; empty documents are skipped (as kubectl does). */
export function parseManifestText(file: string, text: string): { docs: ManifestDoc[]; problems: string[] } {
  const docs: ManifestDoc[] = [];
  const problems: string[] = [];
  splitDocuments(text).forEach((chunk, i) => {
    const index = i + 1;
    let value: unknown;
    // Empty documents (only blanks and comments) are skipped, as kubectl does.
    if (!/^\s*[^#\s]/m.test(chunk.text)) return;
    try {
      value = load(chunk.text);
    } catch (err) {
      const e = err as Error & { mark?: { line?: number }; reason?: string };
      const line = e.mark?.line !== undefined ? ` at line ${chunk.line + e.mark.line}` : '';
      problems.push(
        `${file} document ${index}: invalid YAML${line}: ${e.reason ?? e.message.split('\n')[0]}`,
      );
      return;
    }
    if (value === null || value === undefined) return;
    if (!isObject(value)) {
      problems.push(
        `${file} document ${index}: expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`,
      );
      return;
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item) => {
        if (isObject(item)) docs.push({ file, index, object: item });
        else problems.push(`${file} document ${index}: a List item is not an object`);
      });
      return;
    }
    docs.push({ file, index, object: value });
  });
  return { docs, problems };
}

/** Expands the patterns (files, directories, globs) relative to cwd and parses every file. */
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
        if (Array.isArray(spec.hosts))
          spec.hosts = (spec.hosts as unknown[]).map((h) => replaceHostNamespace(h, from, namespace));
        if (Array.isArray(spec.gateways))
          spec.gateways = (spec.gateways as unknown[]).map((g) =>
            typeof g === 'string' && g.startsWith(`${from}/`)
              ? `${namespace}/${g.slice(from.length + 1)}`
              : g,
          );
        for (const route of Array.isArray(spec.http) ? spec.http : [])
          for (const r of isObject(route) && Array.isArray(route.route) ? route.route : [])
            if (isObject(r) && isObject(r.destination))
              r.destination.host = replaceHostNamespace(r.destination.host, from, namespace);
      }
    }
    out.push({ ...d, object: o });
  }
  return out;
}

export async function readManifests(patterns: readonly string[], cwd: string): Promise<ManifestDoc[]> {
  const problems: string[] = [];
  const files: string[] = [];
  for (const pattern of patterns) {
    const matched: string[] = [];
    if (/[*?[{]/.test(pattern)) {
      for await (const f of glob(pattern, { cwd })) matched.push(path.resolve(cwd, f));
      matched.sort();
    } else {
      const full = path.resolve(cwd, pattern);
      const st = await stat(full).catch(() => null);
      if (st?.isDirectory()) {
        for await (const f of glob('*.{yaml,yml,json}', { cwd: full })) matched.push(path.join(full, f));
        matched.sort();
      } else if (st) matched.push(full);
    }
    const yaml = matched.filter((f) => /\.(ya?ml|json)$/i.test(f) || !/[*?[{]/.test(pattern));
    if (yaml.length === 0) problems.push(`${pattern}: no file matches`);
    for (const f of yaml) if (!files.includes(f)) files.push(f);
  }
  const docs: ManifestDoc[] = [];
  for (const file of files) {
    const shown = path.relative(cwd, file) || file;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      problems.push(`${shown}: cannot read: ${(err as Error).message}`);
      continue;
    }
    const parsed = parseManifestText(shown, text);
    docs.push(...parsed.docs);
    problems.push(...parsed.problems);
  }
  if (problems.length) throw new ManifestError(problems);
  return docs;
}

function legacyDestinationProblems(d: ManifestDoc): string[] {
  const spec = isObject(d.object.spec) ? d.object.spec : {};
  const out: string[] = [];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const routes = Array.isArray(spec[section]) ? (spec[section] as unknown[]) : [];
    routes.forEach((r, ri) => {
      if (!isObject(r)) return;
      const dests = Array.isArray(r.route) ? r.route : [];
      dests.forEach((x, di) => {
        const dest = isObject(x) && isObject(x.destination) ? x.destination : null;
        if (dest && typeof dest.name === 'string' && dest.host === undefined)
          out.push(
            `${where(d)} (VirtualService ${d.object.metadata?.name ?? '?'}): spec.${section}[${ri}].route[${di}].destination.name "${dest.name}" is the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${dest.name}`,
          );
        else if (dest && typeof dest.host !== 'string')
          out.push(`${where(d)}: spec.${section}[${ri}].route[${di}].destination has no host`);
      });
      const weights = dests.map((x) => (isObject(x) && typeof x.weight === 'number' ? x.weight : null));
      if (dests.length > 1 && weights.every((w) => w !== null)) {
        const sum = weights.reduce<number>((a, b) => a + (b ?? 0), 0);
        if (sum !== 100)
          out.push(`${where(d)}: spec.${section}[${ri}] weights sum to ${sum}; Istio needs 100`);
      }
      if (weights.some((w) => w !== null && (w < 0 || w > 100 || !Number.isInteger(w))))
        out.push(`${where(d)}: spec.${section}[${ri}] has a weight outside 0..100`);
    });
  }
  return out;
}

function deploymentProblems(d: ManifestDoc): string[] {
  const out: string[] = [];
  const spec = isObject(d.object.spec) ? d.object.spec : null;
  const name = d.object.metadata?.name ?? '?';
  if (!spec) return [`${where(d)}: Deployment ${name} has no spec`];
  const selector =
    isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : null;
  const template = isObject(spec.template) ? spec.template : null;
  const labels =
    template && isObject(template.metadata) && isObject(template.metadata.labels)
      ? template.metadata.labels
      : {};
  if (!selector) out.push(`${where(d)}: Deployment ${name} needs spec.selector.matchLabels (apps/v1)`);
  else
    for (const [k, v] of Object.entries(selector))
      if (labels[k] !== v)
        out.push(
          `${where(d)}: Deployment ${name} selector ${k}=${String(v)} does not match its pod template labels`,
        );
  const podSpec = template && isObject(template.spec) ? template.spec : null;
  const containers = podSpec && Array.isArray(podSpec.containers) ? podSpec.containers : [];
  if (containers.length === 0) out.push(`${where(d)}: Deployment ${name} has no containers`);
  containers.forEach((c, i) => {
    if (!isObject(c) || typeof c.name !== 'string' || !c.name)
      out.push(`${where(d)}: Deployment ${name} container ${i} has no name`);
    else if (typeof c.image !== 'string' || !c.image)
      out.push(`${where(d)}: Deployment ${name} container ${c.name} has no image`);
  });
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || spec.replicas < 0))
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
  for (const d of docs) {
    if (d.object.kind !== 'CustomResourceDefinition') continue;
    const spec = isObject(d.object.spec) ? d.object.spec : {};
    const group = typeof spec.group === 'string' ? spec.group : '';
    const kind = isObject(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : '';
    const versions = Array.isArray(spec.versions)
      ? spec.versions.filter(isObject).map((v) => `${group}/${String(v.name)}`)
      : [];
    if (kind) crdKinds.set(kind, versions);
  }
  const seen = new Map<string, ManifestDoc>();
  const out: ManifestDoc[] = [];
  for (const d of docs) {
    const o = d.object;
    const name = o.metadata && typeof o.metadata.name === 'string' ? o.metadata.name : null;
    const label = `${where(d)}${typeof o.kind === 'string' ? ` (${o.kind}${name ? ` ${name}` : ''})` : ''}`;
    const before = problems.length;
    if (typeof o.apiVersion !== 'string' || !o.apiVersion) problems.push(`${label}: missing apiVersion`);
    if (typeof o.kind !== 'string' || !o.kind) problems.push(`${label}: missing kind`);
    if (!isObject(o.metadata)) problems.push(`${label}: missing metadata`);
    else if (!name) problems.push(`${label}: missing metadata.name`);
    else if (!DNS_1123.test(name) || name.length > 253)
      problems.push(
        `${label}: metadata.name "${name}" is not a valid name (lowercase letters, digits, '-' and '.')`,
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
    if (known?.clusterScoped) {
      if (meta.namespace) problems.push(`${label}: ${kind} is cluster-scoped; remove metadata.namespace`);
    } else if (!meta.namespace) meta.namespace = namespace;
    else if (typeof meta.namespace !== 'string' || !DNS_1123.test(meta.namespace))
      problems.push(`${label}: metadata.namespace "${String(meta.namespace)}" is not a valid namespace name`);
    if (kind === 'VirtualService') problems.push(...legacyDestinationProblems(copy));
    if (kind === 'Deployment') problems.push(...deploymentProblems(copy));
    if (kind === 'DestinationRule') {
      const spec = isObject(copy.object.spec) ? copy.object.spec : {};
      if (typeof spec.host !== 'string') problems.push(`${label}: DestinationRule needs spec.host`);
      const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
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

/** Dependency order: Namespaces, CRDs, config, Services, Deployments, then Istio routing (stable within a rank). */
export function orderForApply(docs: readonly ManifestDoc[]): ManifestDoc[] {
  const rank = (d: ManifestDoc) => KNOWN_KINDS[d.object.kind ?? '']?.order ?? 5.5;
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

export const podLabels = (deployment: KubeObject): Record<string, string> => {
  const spec = isObject(deployment.spec) ? deployment.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const meta = isObject(template.metadata) ? template.metadata : {};
  return isObject(meta.labels) ? (meta.labels as Record<string, string>) : {};
};

export const matchesLabels = (labels: Record<string, string>, wanted: Record<string, string>): boolean =>
  Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);

/** Sets `image` on every container of the Deployment (in a copy). */
export function withImage(deployment: KubeObject, image: string): KubeObject {
  const copy = structuredClone(deployment);
  const spec = isObject(copy.spec) ? copy.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  for (const c of Array.isArray(podSpec.containers) ? podSpec.containers : [])
    if (isObject(c)) c.image = image;
  return copy;
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
  const template = isObject(spec.template) ? spec.template : null;
  const jobTemplate =
    isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec : null;
  const cronTemplate = jobTemplate && isObject(jobTemplate.template) ? jobTemplate.template : null;
  const podSpecs = [
    copy.kind === 'Pod' ? spec : null,
    template && isObject(template.spec) ? template.spec : null,
    cronTemplate && isObject(cronTemplate.spec) ? cronTemplate.spec : null,
  ];
  for (const podSpec of podSpecs)
    for (const list of ['containers', 'initContainers', 'ephemeralContainers'])
      for (const c of podSpec && Array.isArray(podSpec[list]) ? (podSpec[list] as unknown[]) : [])
        if (isObject(c)) fill(c.ports);
  return copy;
}

/** The images of a Deployment's containers, in order. */
export function imagesOf(deployment: KubeObject): string[] {
  const spec = isObject(deployment.spec) ? deployment.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  return (Array.isArray(podSpec.containers) ? podSpec.containers : [])
    .filter(isObject)
    .map((c) => (typeof c.image === 'string' ? c.image : ''));
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
  const crdKinds = new Set(
    docs
      .filter((d) => d.object.kind === 'CustomResourceDefinition')
      .map((d) => {
        const spec = isObject(d.object.spec) ? d.object.spec : {};
        return isObject(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : '';
      }),
  );
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
      throw new Error(`applying ${label} from ${where(d)}: ${msg}`, { cause: err });
    }
  }
  return applied;
}
