// The `manifests` input: read files/globs of multi-document YAML, validate every document
// before anything is written, order them by dependency and apply them by server-side apply.
import { glob, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import type { Logger } from '../ports.js';
import type { Kube, KubeObject } from './client.js';
import { KubeApiError, UnknownKindError } from './errors.js';
import { oneLine } from '../one-line.js';

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

/** The networking.istio.io versions an Istio kind may be served in, newest first. */
export const ISTIO_VERSIONS = [
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
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The largest object istio-canary sends: 1 MiB of JSON. etcd refuses requests above about
 * 1.5 MiB and API servers answer 413 above their own body limit (3 MiB); checking every
 * document against a smaller limit before the first write means a big object can never be
 * refused half-way through a batch.
 */
export const MAX_OBJECT_BYTES = 1024 * 1024;
/** The largest manifest file read (its bytes on disk); larger files are refused unread. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Aliases (`*ref`) allowed per YAML document. Kubernetes manifests rarely use them; a
 * "billion laughs" document uses thousands. The expanded size is also bounded by
 * MAX_OBJECT_BYTES, so a few aliases cannot expand into a huge object either.
 */
export const MAX_ALIASES = 100;

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

const mib = (bytes: number): string =>
  `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;

/**
 * The size of `value` as JSON, counted without building the JSON text and without following
 * shared references more than `limit` bytes far: returns a number above `limit` as soon as the
 * count passes it, so an alias bomb (a few lines of YAML expanding to gigabytes) costs no more
 * than `limit` bytes of walking.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') size += Buffer.byteLength(JSON.stringify(v));
    else if (typeof v === 'number') size += JSON.stringify(v).length;
    else if (typeof v === 'boolean' || typeof v === 'bigint') size += String(v).length;
    else if (v === null || v === undefined) size += 4;
    else if (Array.isArray(v)) {
      size += 2 + Math.max(0, v.length - 1);
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (typeof v === 'object') {
      const keys = Object.keys(v);
      size += 2 + Math.max(0, keys.length - 1);
      for (const k of keys) {
        size += Buffer.byteLength(JSON.stringify(k)) + 1;
        stack.push((v as Record<string, unknown>)[k]);
      }
    } else size += 4;
    if (size > limit) return size;
  }
  return size;
}

/** Byte offset of the first byte that is not valid UTF-8 (overlongs and surrogates included), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a manifest file's bytes as UTF-8, strictly: a file with bytes that are not UTF-8
 * (Latin-1, UTF-16, binary) is named with the byte offset and line instead of being read with
 * replacement characters that would then be applied to the cluster.
 */
export function decodeManifestBytes(file: string, bytes: Uint8Array): { text: string } | { problem: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const utf16 =
      (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
        ? ' (the file starts with a UTF-16 byte order mark: save it as UTF-8)'
        : '';
    return {
      problem: `${file}: byte ${at} (line ${line}) is not valid UTF-8 (0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})${utf16}; manifests must be UTF-8 text`,
    };
  }
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
      value = load(chunk.text, { maxAliases: MAX_ALIASES });
    } catch (err) {
      const e = err as Error & { mark?: { line?: number }; reason?: string };
      const line = e.mark?.line !== undefined ? ` at line ${chunk.line + e.mark.line}` : '';
      const reason = e.reason ?? e.message.split('\n')[0] ?? '';
      problems.push(
        /exceeded maxAliases/.test(reason)
          ? `${file} document ${index}: more than ${MAX_ALIASES} YAML aliases (*name)${line}; istio-canary accepts at most ${MAX_ALIASES} per document (a guard against alias bombs): write the values out`
          : `${file} document ${index}: invalid YAML${line}: ${reason}`,
      );
      return;
    }
    if (value === null || value === undefined) return;
    const size = jsonSizeUpTo(value, MAX_OBJECT_BYTES);
    if (size > MAX_OBJECT_BYTES) {
      problems.push(
        `${file} document ${index}: larger than ${mib(MAX_OBJECT_BYTES)} (${MAX_OBJECT_BYTES} bytes of JSON${/(^|[\s:[{,-])\*[^\s,\]}]+/.test(chunk.text) ? ' once its YAML aliases are expanded' : ''}); istio-canary applies objects up to ${mib(MAX_OBJECT_BYTES)} (etcd refuses requests above about 1.5 MiB): split it or move the data out`,
      );
      return;
    }
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

/** Reads every file; throws a ManifestError naming every file and document that cannot be read or parsed. */
export async function readManifests(patterns: readonly string[], cwd: string): Promise<ManifestDoc[]> {
  const { docs, problems } = await readManifestFiles(patterns, cwd);
  if (problems.length) throw new ManifestError(problems);
  return docs;
}

/** Reads every file: the documents that parsed, and the problems of those that did not (so both can be reported at once). */
export async function readManifestFiles(
  patterns: readonly string[],
  cwd: string,
): Promise<{ docs: ManifestDoc[]; problems: string[] }> {
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
    let bytes: Buffer;
    try {
      const st = await stat(file);
      if (!st.isFile()) {
        // A device, a pipe or a socket (/dev/zero, /dev/stdin) could be endless: never read.
        problems.push(
          `${shown}: is not a regular file (a ${st.isDirectory() ? 'directory' : 'device, pipe or socket'}); manifests are YAML files`,
        );
        continue;
      }
      if (st.size > MAX_FILE_BYTES) {
        problems.push(
          `${shown}: ${st.size} bytes is larger than ${mib(MAX_FILE_BYTES)}, the largest manifest file istio-canary reads (and each object must be at most ${mib(MAX_OBJECT_BYTES)}): split it`,
        );
        continue;
      }
      bytes = await readFile(file);
    } catch (err) {
      problems.push(`${shown}: cannot read: ${(err as Error).message}`);
      continue;
    }
    const decoded = decodeManifestBytes(shown, bytes);
    if ('problem' in decoded) {
      problems.push(decoded.problem);
      continue;
    }
    const parsed = parseManifestText(shown, decoded.text);
    docs.push(...parsed.docs);
    problems.push(...parsed.problems);
    if (parsed.docs.length === 0 && parsed.problems.length === 0)
      problems.push(
        `${shown}: ${/\S/.test(decoded.text) ? 'has no Kubernetes object (only comments, empty documents or an empty List)' : 'is empty'}; every manifest file must hold at least one object (remove it from manifests)`,
      );
  }
  return { docs, problems };
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
  const crdScope = new Map<string, 'Cluster' | 'Namespaced'>();
  for (const d of docs) {
    if (d.object.kind !== 'CustomResourceDefinition') continue;
    const spec = isObject(d.object.spec) ? d.object.spec : {};
    const group = typeof spec.group === 'string' ? spec.group : '';
    const kind = isObject(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : '';
    const versions = Array.isArray(spec.versions)
      ? spec.versions.filter(isObject).map((v) => `${group}/${String(v.name)}`)
      : [];
    if (kind) {
      crdKinds.set(kind, versions);
      crdScope.set(kind, spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced');
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

/** The regular containers of a Deployment's pod template (never initContainers or ephemeral ones). */
export function containersOf(deployment: KubeObject | null): { name: string; image: string }[] {
  const spec = deployment && isObject(deployment.spec) ? deployment.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  return (Array.isArray(podSpec.containers) ? podSpec.containers : []).filter(isObject).map((c) => ({
    name: typeof c.name === 'string' ? c.name : '',
    image: typeof c.image === 'string' ? c.image : '',
  }));
}

/**
 * The repository of an image reference without registry, tag or digest, so that
 * `ghcr.io/stefanprodan/podinfo:6.0.0`, `stefanprodan/podinfo@sha256:…` and
 * `docker.io/stefanprodan/podinfo` compare equal (`nginx` and `docker.io/library/nginx` too).
 */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  if (parts.length === 2 && parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** kubectl's annotation for a pod's main container (`kubectl logs` and `exec` use it too). */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** No container or several could be the one canary-image changes: the message lists them. */
export class ContainerSelectionError extends Error {
  override name = 'ContainerSelectionError';
}

/**
 * The canary container that `canary-image` changes (pure). In order:
 * 1. `requested` (the `container` input): it must be one of the canary's containers.
 * 2. A single container: that one.
 * 3. The pod template's `kubectl.kubernetes.io/default-container` annotation.
 * 4. With the stable Deployment: the canary containers whose name, or image repository
 *    (registry, tag and digest ignored), equals one of stable's containers; when several do,
 *    those whose image differs from that stable container's (a sidecar shipped unchanged in
 *    both is never the app). Exactly one must remain.
 * Anything else is a ContainerSelectionError that lists the candidates and says to set `container`.
 */
export function selectCanaryContainer(
  canary: KubeObject,
  stable: KubeObject | null,
  requested: string | null,
): string {
  const name = canary.metadata?.name ?? '?';
  const containers = containersOf(canary).filter((c) => c.name);
  const list = (cs: { name: string; image: string }[]) =>
    cs.map((c) => oneLine(`${c.name} (${c.image || 'no image'})`)).join(', ');
  if (containers.length === 0)
    throw new ContainerSelectionError(
      `canary Deployment ${name} has no containers for canary-image to change`,
    );
  if (requested !== null) {
    if (containers.some((c) => c.name === requested)) return requested;
    throw new ContainerSelectionError(
      `container: canary Deployment ${name} has no container "${requested}"; its containers are ${list(containers)} (init containers are never changed)`,
    );
  }
  if (containers.length === 1) return containers[0]!.name;
  const spec = isObject(canary.spec) ? canary.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const meta = isObject(template.metadata) ? template.metadata : {};
  const annotated = isObject(meta.annotations) ? meta.annotations[DEFAULT_CONTAINER_ANNOTATION] : undefined;
  if (typeof annotated === 'string' && containers.some((c) => c.name === annotated)) return annotated;
  const stableContainers = containersOf(stable).filter((c) => c.name);
  const ask = `set the container input to the one canary-image should change`;
  if (stableContainers.length === 0)
    throw new ContainerSelectionError(
      `canary-image: canary Deployment ${name} has ${containers.length} containers (${list(containers)}) and no stable Deployment to compare with; ${ask}`,
    );
  const match = (c: { name: string; image: string }) =>
    stableContainers.find((s) => s.name === c.name) ??
    stableContainers.find((s) => s.image && c.image && imageRepository(s.image) === imageRepository(c.image));
  const candidates = containers.filter((c) => match(c));
  if (candidates.length === 1) return candidates[0]!.name;
  const changed = candidates.filter((c) => match(c)!.image !== c.image);
  if (changed.length === 1) return changed[0]!.name;
  const shownCandidates = changed.length > 1 ? changed : candidates.length ? candidates : containers;
  throw new ContainerSelectionError(
    `canary-image: ${candidates.length === 0 ? `no container of canary Deployment ${name} matches a container of stable Deployment ${stable?.metadata?.name ?? '?'} (${list(stableContainers)}) by name or image repository` : `several containers of canary Deployment ${name} match stable Deployment ${stable?.metadata?.name ?? '?'}'s`}; candidates: ${list(shownCandidates)}; ${ask}`,
  );
}

/**
 * Sets `image` on one container of the Deployment (in a copy): `container`, else the only
 * container (several without a name is a ContainerSelectionError). Init containers and the
 * other containers (sidecars) are never changed.
 */
export function withImage(deployment: KubeObject, image: string, container?: string | null): KubeObject {
  const target = container ?? selectCanaryContainer(deployment, null, null);
  const copy = structuredClone(deployment);
  const spec = isObject(copy.spec) ? copy.spec : {};
  const template = isObject(spec.template) ? spec.template : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  const found = (Array.isArray(podSpec.containers) ? podSpec.containers : []).find(
    (c): c is Record<string, unknown> => isObject(c) && c.name === target,
  );
  if (!found)
    throw new ContainerSelectionError(
      `Deployment ${deployment.metadata?.name ?? '?'} has no container "${target}"; its containers are ${containersOf(
        deployment,
      )
        .map((c) => c.name)
        .join(', ')}`,
    );
  found.image = image;
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

/** The kinds the batch's own CustomResourceDefinitions define (served only once they are applied). */
function crdKindsOf(docs: readonly ManifestDoc[]): Set<string> {
  return new Set(
    docs
      .filter((d) => d.object.kind === 'CustomResourceDefinition')
      .map((d) => {
        const spec = isObject(d.object.spec) ? d.object.spec : {};
        return isObject(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : '';
      }),
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
    const spec = isObject(d.object.spec) ? d.object.spec : {};
    const names = isObject(spec.names) ? spec.names : {};
    if (typeof names.kind === 'string' && typeof names.plural === 'string')
      crdPlurals.set(names.kind, names.plural);
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

/**
 * The Namespace documents each client has applied. A promotion applies the VirtualService's
 * Namespace on its own first (the Lease lives in it), then the whole batch: the same document
 * through the same client is not written a second time.
 */
const appliedNamespaces = new WeakMap<Kube, WeakSet<ManifestDoc>>();

/** Server-side applies the documents in dependency order; errors name the document. */
export async function applyManifests(
  kube: Kube,
  docs: readonly ManifestDoc[],
  options: { dryRun?: boolean; logger: Logger; signal?: AbortSignal },
): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  let namespaces = appliedNamespaces.get(kube);
  if (!namespaces) appliedNamespaces.set(kube, (namespaces = new WeakSet()));
  for (const d of orderForApply(docs)) {
    const o = d.object;
    const label = `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
    if (o.kind === 'Namespace' && !options.dryRun && namespaces.has(d)) {
      options.logger.debug(`${label} (${where(d)}) was applied already`);
      continue;
    }
    try {
      // force: the manifests are the user's declared intent; like `kubectl apply --server-side
      // --force-conflicts`, they win over fields last written by hand or by another tool.
      const body = withDefaultProtocols(o);
      applied.push(await kube.apply(body, { force: true, dryRun: options.dryRun, signal: options.signal }));
      if (o.kind === 'Namespace' && !options.dryRun) namespaces.add(d);
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
