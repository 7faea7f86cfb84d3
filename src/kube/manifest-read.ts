// The `manifests` input, read: files, directories and globs expanded, bytes decoded as strict
// UTF-8, multi-document YAML parsed with limits (file size, object size, YAML aliases), every
// problem of every file named at once. Reading only: validation is manifest-check.ts, the
// cluster calls are manifest-apply.ts.
import { glob, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import type { KubeObject } from './client.js';
import { IstioCanaryError } from '../errors.js';
import { isObject } from '../util/object.js';

export interface ManifestDoc {
  file: string;
  /** 1-based index of the document in its file. */
  index: number;
  object: KubeObject;
}

/** All the problems found, each naming the file and the document; thrown before any write. */
export class ManifestError extends IstioCanaryError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `manifests: ${problems[0]}`
        : `manifests: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

export const where = (d: Pick<ManifestDoc, 'file' | 'index'>): string => `${d.file} document ${d.index}`;

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
