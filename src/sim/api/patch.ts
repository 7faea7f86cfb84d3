// The three non-apply patch types: RFC 7386 merge patch, RFC 6902 JSON patch (with test),
// and strategic merge patch for built-in kinds (lists merged by their patchMergeKey).

import { str, type Json, type JsonObject, clone, deepEqual, isObject } from './json.js';
import type { Schema } from './schema.js';
import { IstioCanaryError } from '../../errors.js';

export class PatchError extends IstioCanaryError {
  /** 422 for a failing `test`/path operation, 400 for a malformed patch document. */
  constructor(
    message: string,
    readonly code: 400 | 422 = 422,
  ) {
    super(message);
  }
}

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(p: unknown): string[] {
  if (typeof p !== 'string') throw new PatchError('missing path', 400);
  if (p === '') return [];
  if (!p.startsWith('/')) throw new PatchError(`invalid path: ${p}`);
  return p.slice(1).split('/').map(unescape);
}

function parentOf(doc: Json, parts: string[], path: string): { parent: Json; key: string } {
  let cur: Json = doc;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(part);
      if (!/^\d+$/.test(part) || i >= cur.length)
        throw new PatchError(`doc is missing path: "${path}": missing value`);
      cur = cur[i] as Json;
    } else if (isObject(cur) && part in cur) {
      cur = cur[part] as Json;
    } else {
      throw new PatchError(`doc is missing path: "${path}": missing value`);
    }
  }
  return { parent: cur, key: parts[parts.length - 1] ?? '' };
}

function getPointer(doc: Json, path: string): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) return doc;
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length)
    return parent[Number(key)] as Json;
  if (isObject(parent) && key in parent) return parent[key] as Json;
  throw new PatchError(`doc is missing path: "${path}": missing value`);
}

function addPointer(doc: Json, path: string, value: Json, replace: boolean): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) {
    if (key === '-' && !replace) parent.push(value);
    else {
      const i = Number(key);
      if (!/^\d+$/.test(key) || i > parent.length || (replace && i >= parent.length))
        throw new PatchError(
          `${replace ? 'replace' : 'add'} operation does not apply: doc is missing path: "${path}": missing value`,
        );
      if (replace) parent[i] = value;
      else parent.splice(i, 0, value);
    }
  } else if (isObject(parent)) {
    if (replace && !(key in parent))
      throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[key] = value;
  } else {
    throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return doc;
}

function removePointer(doc: Json, path: string): Json {
  const parts = parsePointer(path);
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent) && /^\d+$/.test(key) && Number(key) < parent.length)
    parent.splice(Number(key), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  return doc;
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 400);
  let doc = clone(target);
  for (const op of ops) {
    if (!isObject(op))
      throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation', 400);
    const path = op['path'] as string;
    switch (op['op']) {
      case 'add':
        doc = addPointer(doc, path, clone(op['value'] ?? null), false);
        break;
      case 'replace':
        doc = addPointer(doc, path, clone(op['value'] ?? null), true);
        break;
      case 'remove':
        doc = removePointer(doc, path);
        break;
      case 'move': {
        const v = getPointer(doc, op['from'] as string);
        doc = removePointer(doc, op['from'] as string);
        doc = addPointer(doc, path, v, false);
        break;
      }
      case 'copy':
        doc = addPointer(doc, path, clone(getPointer(doc, op['from'] as string)), false);
        break;
      case 'test': {
        const v = getPointer(doc, path);
        if (!deepEqual(v, op['value'] ?? null))
          throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${str(op['op'])}`, 400);
    }
  }
  return doc;
}

/** Strategic merge patch as the apiserver applies it to built-in types. */
export function strategicMerge(
  target: Json | undefined,
  patch: Json,
  schema: Schema,
  names: string[] = [],
): Json {
  if (!isObject(patch)) return clone(patch);
  const directive = patch['$patch'];
  if (directive === 'delete') return null;
  if (directive === 'replace') {
    const out = clone(patch);
    delete out['$patch'];
    return out;
  }
  let out: JsonObject = isObject(target) ? { ...target } : {};
  const retain = patch['$retainKeys'];
  if (Array.isArray(retain)) {
    const keep = new Set(retain.map(String));
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[f];
      if (Array.isArray(cur) && Array.isArray(v)) out[f] = cur.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    const path = [...names, k];
    if (v === null) {
      delete out[k];
      continue;
    }
    const mk = schema.mergeKey(path);
    if (Array.isArray(v) && mk !== undefined) {
      out[k] = mergeList(out[k], v, mk, schema, path);
    } else if (Array.isArray(v) && schema.list(path).type === 'set') {
      const cur = Array.isArray(out[k]) ? out[k] : [];
      out[k] = [...cur, ...v.filter((x) => !cur.some((c) => deepEqual(c, x)))];
    } else if (isObject(v) && !schema.atomic(path)) {
      const merged = strategicMerge(out[k], v, schema, path);
      if (merged === null) delete out[k];
      else out[k] = merged;
    } else {
      out[k] = clone(v);
    }
  }
  return out;
}

function mergeList(
  cur: Json | undefined,
  patch: Json[],
  key: string,
  schema: Schema,
  path: string[],
): Json[] {
  const replaceAll = patch.some((p) => isObject(p) && p['$patch'] === 'replace');
  if (replaceAll) return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace')).map(clone);
  const out = Array.isArray(cur) ? [...cur] : [];
  for (const item of patch) {
    if (!isObject(item)) {
      out.push(clone(item));
      continue;
    }
    const idx = out.findIndex((o) => isObject(o) && deepEqual(o[key], item[key]));
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      const merged = strategicMerge(out[idx], item, schema, path);
      if (merged === null) out.splice(idx, 1);
      else out[idx] = merged;
    } else {
      const fresh = clone(item);
      delete fresh['$patch'];
      out.push(fresh);
    }
  }
  return out;
}
