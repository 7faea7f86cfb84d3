// finalize: git-pr, the pure part: writes a promoted image into the repository's manifest files
// (the `manifests` input) so that Git, not the cluster, holds the promotion. Argo CD and Flux
// report a promote-stable written only to the cluster as drift (flagger #1504, argo-cd #12967).
//
// Only the bytes of the edited scalars change: each file is parsed with eemeli/yaml (its CST
// keeps every node's source range) to find the image scalar of each promoted container, and that
// range of the original text is replaced by the new value, written in the scalar's own quoting
// style. Everything else (comments, key order, indentation, quoting elsewhere, anchors and tags,
// `---` separators, CRLF line endings, a BOM) is the original text. Re-serializing a document
// (js-yaml dump, or yaml's Document.toString) would reformat it; that is why this does not.
// Every result is checked before it is returned: each document of each edited file parses to
// the same object as before except for the intended values, or the edit is refused.
// Pure: texts in, texts out; reading the files and writing the branch is src/gitops/pr.ts.
import { isDeepStrictEqual } from 'node:util';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { IstioCanaryError } from '../errors.js';
import { oneLine } from '../one-line.js';

/** One container of the promoted pod template and the image it now runs. */
export interface PromotedContainer {
  name: string;
  image: string;
}

export interface ManifestText {
  /** Repository-relative path, as it appears in messages and in the commit. */
  path: string;
  text: string;
}

export interface GitEditTarget {
  /** Namespace of the stable Deployment; a manifest document without metadata.namespace is in it (as the apply puts it there). */
  namespace: string;
  stableDeployment: string;
  /** The containers promote-stable gave the stable Deployment, with their images (the canary's). */
  containers: readonly PromotedContainer[];
  /** When set, this Deployment's spec.replicas is set to 0 (the canary after promote-stable), if it is in the files. */
  canaryDeployment?: string | null;
}

export interface ManifestEdit {
  path: string;
  /** 1-based document of the file (as yaml counts them: `---` starts one). */
  document: number;
  /** 1-based line of the edited value. */
  line: number;
  /** `image` of a container, or `replicas` of the canary Deployment. */
  field: 'image' | 'replicas';
  deployment: string;
  container: string | null;
  from: string;
  to: string;
}

export interface EditedManifests {
  /** Every input file, edited or not, in the input order. */
  files: (ManifestText & { changed: boolean })[];
  /** The values changed (an image already at its target is not listed). */
  edits: ManifestEdit[];
  /** What was looked for and not changed, e.g. a canary Deployment that is not in the files. */
  notes: string[];
}

/** Why the manifests cannot be edited (each problem names the file and document); nothing is written. */
export class ManifestEditError extends IstioCanaryError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `finalize git-pr: ${problems[0]}`
        : `finalize git-pr: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** A templating marker (helm/go template, envsubst): the file is not the manifest that is applied. */
const TEMPLATE_MARKER = /\{\{|\$\{/;

interface Found {
  file: number;
  path: string;
  document: number;
  doc: Document;
  /** Path of the Deployment object in the document's JS value ([] or ['items', i] in a List). */
  objectPath: (string | number)[];
  object: YAMLMap;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

interface Change {
  file: number;
  document: number;
  jsPath: (string | number)[];
  value: unknown;
  replacement: Replacement;
  edit: ManifestEdit;
}

const lineOf = (text: string, offset: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

function scalarText(node: unknown): string | null {
  return isScalar(node) && typeof node.value === 'string' ? node.value : null;
}

/** The node under `key` of a map, refusing aliases (editing an anchor would change its other uses). */
function child(map: YAMLMap, key: string, where: string, problems: string[]): Node | null {
  const node = map.get(key, true) as unknown;
  if (node === undefined || node === null) return null;
  if (isAlias(node)) {
    problems.push(
      `${where}: ${key} is a YAML alias (*${node.source}); write the value out to let finalize edit it`,
    );
    return null;
  }
  return node as Node;
}

/** Deployments of one document: the document itself, or the items of a `kind: List`. */
function deploymentsOf(doc: Document): { path: (string | number)[]; object: YAMLMap }[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const kind = scalarText(root.get('kind', true));
  if (kind === 'List') {
    const items = root.get('items', true);
    if (!isSeq(items)) return [];
    return items.items.flatMap((item, i) =>
      isMap(item) && scalarText(item.get('kind', true)) === 'Deployment'
        ? [{ path: ['items', i], object: item }]
        : [],
    );
  }
  return kind === 'Deployment' ? [{ path: [], object: root }] : [];
}

function metaOf(object: YAMLMap): { name: string | null; namespace: string | null } {
  const meta = object.get('metadata', true);
  if (!isMap(meta)) return { name: null, namespace: null };
  return { name: scalarText(meta.get('name', true)), namespace: scalarText(meta.get('namespace', true)) };
}

/** The one document of the files that defines Deployment namespace/name; problems when none or several do. */
function findDeployment(
  parsed: { path: string; docs: Document[] }[],
  namespace: string,
  name: string,
  problems: string[],
): Found | null {
  const found: Found[] = [];
  parsed.forEach(({ path, docs }, file) =>
    docs.forEach((doc, d) => {
      for (const { path: objectPath, object } of deploymentsOf(doc)) {
        const meta = metaOf(object);
        if (meta.name === name && (meta.namespace ?? namespace) === namespace)
          found.push({ file, path, document: d + 1, doc, objectPath, object });
      }
    }),
  );
  if (found.length > 1) {
    problems.push(
      `Deployment ${namespace}/${oneLine(name)} is defined ${found.length} times (${found.map((f) => `${f.path} document ${f.document}`).join(', ')}); finalize edits one definition: keep one`,
    );
    return null;
  }
  return found[0] ?? null;
}

/**
 * Whether YAML may carry the character as it is in a scalar (printable, YAML 1.2 section 5.1,
 * and no line break): not C0/DEL/C1 controls, U+2028/U+2029, the BOM, U+FFFE/U+FFFF or a lone surrogate.
 */
const isPrintable = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff)
    return false;
  return !(code >= 0xd800 && code <= 0xdfff);
};

/** A double-quoted YAML scalar: JSON's escapes (valid in YAML), and \uXXXX for every non-printable. */
function doubleQuoted(value: string): string {
  let out = '';
  for (const ch of JSON.stringify(value).slice(1, -1))
    out +=
      isPrintable(ch) || ch === '\\' ? ch : `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  return `"${out}"`;
}

/**
 * The new scalar's source in the old one's style: plain stays plain when the value reads back as
 * the same string (else it is double-quoted), single and double quotes are kept.
 */
export function renderScalar(style: Scalar['type'], value: string): string {
  const double = doubleQuoted(value);
  if (style === 'QUOTE_DOUBLE') return double;
  const printable = [...value].every(isPrintable);
  // Single quotes cannot escape: a line break would fold, so such a value is double-quoted.
  if (style === 'QUOTE_SINGLE') return printable ? `'${value.replace(/'/g, "''")}'` : double;
  // Flow indicators are quoted even in block context: the scalar may sit in a [...] or {...}.
  const plainOk =
    value !== '' &&
    printable &&
    !/[,[\]{}]/.test(value) &&
    (() => {
      const probe = parseDocument(`k: ${value}\n`);
      const node = probe.contents;
      if (probe.errors.length > 0 || !isMap(node) || node.items.length !== 1) return false;
      const v = node.items[0]?.value;
      return isScalar(v) && v.type === 'PLAIN' && v.value === value;
    })();
  return plainOk ? value : double;
}

/** The replacement of one scalar's source range with `value`, or a problem. */
function replaceScalar(
  doc: Document,
  node: Node | null,
  value: string,
  where: string,
  field: string,
  problems: string[],
): { replacement: Replacement; from: string } | null {
  if (node === null) return null;
  if (!isScalar(node) || node.range === undefined || node.range === null) {
    problems.push(`${where}: ${field} is not a scalar`);
    return null;
  }
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    problems.push(`${where}: ${field} is a block scalar (| or >); write it as a plain or quoted scalar`);
    return null;
  }
  if (node.anchor !== undefined && aliased(doc, node.anchor)) {
    problems.push(
      `${where}: ${field} is the anchor &${node.anchor} that aliases (*${node.anchor}) repeat; changing it would change them too: write the value out`,
    );
    return null;
  }
  const [start, end] = node.range;
  return {
    replacement: { start, end, text: renderScalar(node.type, value) },
    from: String(node.value),
  };
}

function aliased(doc: Document, anchor: string): boolean {
  let used = false;
  visit(doc, {
    Alias(_, node) {
      if (node.source === anchor) used = true;
    },
  });
  return used;
}

function parseFiles(
  files: readonly ManifestText[],
  problems: string[],
): { path: string; docs: Document[] }[] {
  return files.map(({ path, text }) => {
    const docs = parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: false });
    if (!Array.isArray(docs)) return { path, docs: [] }; // an empty stream
    docs.forEach((doc, i) => {
      const error = doc.errors[0];
      if (error === undefined) return;
      const templated = TEMPLATE_MARKER.test(text.slice(doc.range[0], doc.range[2]));
      problems.push(
        templated
          ? `${path} document ${i + 1} is a template (it has {{ or \${), not a manifest; finalize edits plain manifests: point manifests at the rendered files`
          : `${path} document ${i + 1}: invalid YAML: ${oneLine(error.message.split('\n')[0] ?? '')}`,
      );
    });
    return { path, docs };
  });
}

function setIn(target: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

function imageChanges(
  found: Found,
  target: GitEditTarget,
  texts: readonly ManifestText[],
  problems: string[],
): Change[] {
  const where = `${found.path} document ${found.document}`;
  const spec: unknown = found.object.getIn(['spec', 'template', 'spec'], true);
  if (!isMap(spec)) {
    problems.push(
      `${where}: Deployment ${oneLine(target.stableDeployment)} has no spec.template.spec mapping`,
    );
    return [];
  }
  const changes: Change[] = [];
  for (const want of target.containers) {
    if (TEMPLATE_MARKER.test(want.image)) {
      problems.push(
        `the promoted image of container ${oneLine(want.name)} (${oneLine(want.image)}) has a templating marker`,
      );
      continue;
    }
    let hit: { node: YAMLMap; list: 'containers' | 'initContainers'; index: number } | null = null;
    for (const list of ['containers', 'initContainers'] as const) {
      const seq = child(spec, list, where, problems);
      if (!isSeq(seq)) continue;
      for (const [index, c] of seq.items.entries())
        if (hit === null && isMap(c) && scalarText(c.get('name', true)) === want.name)
          hit = { node: c, list, index };
    }
    if (hit === null) {
      problems.push(
        `${where}: Deployment ${oneLine(target.stableDeployment)} has no container ${oneLine(want.name)} (it has ${containerNames(spec).join(', ') || 'none'})`,
      );
      continue;
    }
    const cwhere = `${where}, container ${oneLine(want.name)}`;
    const node = child(hit.node, 'image', cwhere, problems);
    if (node === null) {
      if (hit.node.get('image', true) === undefined) problems.push(`${cwhere}: has no image field`);
      continue;
    }
    const current = scalarText(node);
    if (current !== null && TEMPLATE_MARKER.test(current)) {
      problems.push(
        `${cwhere}: the image is set by a template (${oneLine(current)}); finalize edits literal images: set it where the template's value is defined`,
      );
      continue;
    }
    if (current === want.image) continue;
    const r = replaceScalar(found.doc, node, want.image, cwhere, 'image', problems);
    if (r === null) continue;
    changes.push({
      file: found.file,
      document: found.document,
      jsPath: [...found.objectPath, 'spec', 'template', 'spec', hit.list, hit.index, 'image'],
      value: want.image,
      replacement: r.replacement,
      edit: {
        path: found.path,
        document: found.document,
        line: lineOf(texts[found.file]?.text ?? '', r.replacement.start),
        field: 'image',
        deployment: target.stableDeployment,
        container: want.name,
        from: r.from,
        to: want.image,
      },
    });
  }
  return changes;
}

function containerNames(spec: YAMLMap): string[] {
  const names: string[] = [];
  for (const list of ['containers', 'initContainers']) {
    const seq = spec.get(list, true);
    if (isSeq(seq))
      for (const c of seq.items) if (isMap(c)) names.push(scalarText(c.get('name', true)) ?? '?');
  }
  return names.map((n) => oneLine(n));
}

/** spec.replicas of the canary set to 0: its scalar replaced, or a `replicas: 0` line added under `spec:`. */
function replicasChange(found: Found, text: string, problems: string[]): Change | null {
  const where = `${found.path} document ${found.document}`;
  const name = metaOf(found.object).name ?? '';
  const spec = child(found.object, 'spec', where, problems);
  if (!isMap(spec)) {
    problems.push(`${where}: the canary Deployment ${oneLine(name)} has no spec mapping`);
    return null;
  }
  const jsPath = [...found.objectPath, 'spec', 'replicas'];
  const edit = (line: number, from: string): ManifestEdit => ({
    path: found.path,
    document: found.document,
    line,
    field: 'replicas',
    deployment: name,
    container: null,
    from,
    to: '0',
  });
  const node = child(spec, 'replicas', where, problems);
  if (node !== null) {
    if (!isScalar(node) || node.range == null) {
      problems.push(`${where}: spec.replicas of ${oneLine(name)} is not a scalar`);
      return null;
    }
    if (node.value === 0) return null;
    const [start, end] = node.range;
    return {
      file: found.file,
      document: found.document,
      jsPath,
      value: 0,
      replacement: { start, end, text: '0' },
      edit: edit(lineOf(text, start), String(node.value)),
    };
  }
  if (spec.get('replicas', true) !== undefined) return null; // an alias: reported by child()
  // No replicas field (1 by default): a line under `spec:`, indented like its first key.
  const first = spec.items[0]?.key as Node | undefined;
  const start = first?.range?.[0];
  if (spec.flow === true || start === undefined) {
    problems.push(`${where}: spec of ${oneLine(name)} is a flow mapping ({...}); add replicas to it by hand`);
    return null;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) {
    problems.push(
      `${where}: spec of ${oneLine(name)} is not a block mapping with one key a line; add replicas by hand`,
    );
    return null;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    file: found.file,
    document: found.document,
    jsPath,
    value: 0,
    replacement: { start: lineStart, end: lineStart, text: `${indent}replicas: 0${eol}` },
    edit: edit(lineOf(text, lineStart), '(unset: 1)'),
  };
}

/**
 * The manifest texts with the stable Deployment's promoted images written in (and the canary's
 * replicas at 0 when asked). Throws ManifestEditError naming every problem: the Deployment or a
 * container not in the files, the Deployment defined twice, an image set by a template or a
 * YAML alias, a file that does not parse. An image already at its target is left as it is, so
 * a second run returns the texts unchanged.
 */
export function editManifestTexts(files: readonly ManifestText[], target: GitEditTarget): EditedManifests {
  const problems: string[] = [];
  const notes: string[] = [];
  const parsed = parseFiles(files, problems);
  if (problems.length > 0) throw new ManifestEditError(problems);
  if (target.containers.length === 0) throw new ManifestEditError(['no promoted container given']);

  const changes: Change[] = [];
  const stable = findDeployment(parsed, target.namespace, target.stableDeployment, problems);
  if (stable === null && problems.length === 0)
    problems.push(
      `Deployment ${target.namespace}/${oneLine(target.stableDeployment)} is in none of the manifests (${files.map((f) => f.path).join(', ') || 'no file'}); finalize writes the promoted image where the stable Deployment is defined`,
    );
  if (stable !== null) changes.push(...imageChanges(stable, target, files, problems));
  if (target.canaryDeployment != null && target.canaryDeployment !== '') {
    const canary = findDeployment(parsed, target.namespace, target.canaryDeployment, problems);
    if (canary === null)
      notes.push(
        `the canary Deployment ${target.namespace}/${oneLine(target.canaryDeployment)} is not in the manifests: its replicas are not written to Git`,
      );
    else {
      const c = replicasChange(canary, files[canary.file]?.text ?? '', problems);
      if (c !== null) changes.push(c);
    }
  }
  if (problems.length > 0) throw new ManifestEditError(problems);

  const out = files.map((f, i) => {
    const mine = changes
      .filter((c) => c.file === i)
      .sort((a, b) => b.replacement.start - a.replacement.start);
    let text = f.text;
    for (const { replacement: r } of mine) text = text.slice(0, r.start) + r.text + text.slice(r.end);
    if (mine.length > 0) verify(f, text, parsed[i]?.docs ?? [], mine);
    return { path: f.path, text, changed: text !== f.text };
  });
  const edits = changes
    .map((c) => c.edit)
    .sort(
      (a, b) =>
        files.findIndex((f) => f.path === a.path) - files.findIndex((f) => f.path === b.path) ||
        a.line - b.line,
    );
  return { files: out, edits, notes };
}

/** The edited file parses to the original documents with exactly the intended values changed. */
function verify(file: ManifestText, edited: string, before: Document[], changes: Change[]): void {
  const after = parseAllDocuments(edited, { uniqueKeys: false });
  const docs = Array.isArray(after) ? after : [];
  const fail = (why: string) => {
    throw new ManifestEditError([
      `${file.path}: the edit was not written because ${why} (a bug: please report it)`,
    ]);
  };
  if (docs.length !== before.length)
    fail(`the file would have ${docs.length} documents instead of ${before.length}`);
  before.forEach((doc, i) => {
    const expected: unknown = doc.toJS({ maxAliasCount: -1 });
    for (const c of changes.filter((x) => x.document === i + 1)) setIn(expected, c.jsPath, c.value);
    const got = docs[i];
    if (got === undefined || got.errors.length > 0) fail(`document ${i + 1} would not parse`);
    else if (!isDeepStrictEqual(got.toJS({ maxAliasCount: -1 }), expected))
      fail(`document ${i + 1} would change more than the promoted values`);
  });
}
