// Field sets as structured-merge-diff (and so managedFields.fieldsV1) describe them.
// A path is a list of elements: "f:<field>", "k:<json key object>", "v:<json value>", "i:<index>".
// A set is stored as serialized paths; a path present with children is rendered with ".".

import { type Json, type JsonObject, isObject, deepEqual } from './json.js';
import type { Schema } from './schema.js';

const SEP = '\u0000';
export type FieldPath = string[];
export type FieldSet = Set<string>;

export const encode = (p: FieldPath): string => p.join(SEP);
export const decode = (s: string): FieldPath => (s === '' ? [] : s.split(SEP));

/** The field names of a path, list items skipped: the key used by Schema lookups. */
export function fieldNames(p: FieldPath): string[] {
  return p.filter((e) => e.startsWith('f:')).map((e) => e.slice(2));
}

function keyOf(item: Json, keys: string[], schema: Schema, names: string[]): string {
  const o: Record<string, Json> = {};
  const src = isObject(item) ? item : {};
  for (const k of [...keys].sort()) {
    const v = src[k] ?? (schema.keyDefault(names, k) as Json | undefined);
    if (v !== undefined) o[k] = v;
  }
  return `k:${JSON.stringify(o)}`;
}

/** Fields stripped from every set, as the real field manager does. */
function stripped(p: FieldPath): boolean {
  if (p.length === 1) return p[0] === 'f:apiVersion' || p[0] === 'f:kind';
  if (p[0] !== 'f:metadata' || p.length !== 2) return false;
  return [
    'f:name',
    'f:namespace',
    'f:uid',
    'f:resourceVersion',
    'f:generation',
    'f:creationTimestamp',
    'f:managedFields',
    'f:selfLink',
    'f:deletionTimestamp',
    'f:deletionGracePeriodSeconds',
  ].includes(p[1] ?? '');
}

export interface SetOptions {
  schema: Schema;
  /** Update operations mark newly created maps and list items with "."; apply marks only list items. */
  markMaps: boolean;
}

/** Every field an applied configuration (or a freshly created object) specifies. */
export function toSet(
  value: Json,
  opts: SetOptions,
  prefix: FieldPath = [],
  out: FieldSet = new Set(),
): FieldSet {
  walk(value, prefix, opts, out, true);
  for (const s of [...out]) if (stripped(decode(s))) out.delete(s);
  return out;
}

function walk(value: Json, path: FieldPath, opts: SetOptions, out: FieldSet, isRoot: boolean): void {
  const names = fieldNames(path);
  if (isObject(value) && !opts.schema.atomic(names) && (Object.keys(value).length > 0 || isRoot)) {
    if (!isRoot && ((opts.markMaps && opts.schema.isMap(names)) || opts.schema.markOnApply?.(names) === true))
      out.add(encode(path));
    for (const [k, v] of Object.entries(value)) {
      if (v === null && !isRoot) continue;
      walk(v, [...path, `f:${k}`], opts, out, false);
    }
    return;
  }
  if (Array.isArray(value)) {
    const lt = opts.schema.list(names);
    // Update operations own a list they create as a node too (".").
    if (lt.type !== 'atomic' && opts.markMaps && !isRoot && value.length > 0 && !opts.schema.required(names))
      out.add(encode(path));
    if (lt.type === 'map') {
      for (const item of value) {
        const ip = [...path, keyOf(item, lt.keys, opts.schema, names)];
        out.add(encode(ip));
        if (isObject(item))
          for (const [k, v] of Object.entries(item))
            if (v !== null) walk(v, [...ip, `f:${k}`], opts, out, false);
      }
      return;
    }
    if (lt.type === 'set') {
      for (const item of value) out.add(encode([...path, `v:${JSON.stringify(item)}`]));
      return;
    }
  }
  if (!isRoot) out.add(encode(path));
}

/** The fields an update changed or added (what the updating manager comes to own). */
export function diffSet(
  oldV: Json | undefined,
  newV: Json,
  opts: SetOptions,
  path: FieldPath = [],
  out: FieldSet = new Set(),
): FieldSet {
  const names = fieldNames(path);
  if (oldV === undefined) {
    walk(newV, path, opts, out, path.length === 0);
  } else if (isObject(newV) && isObject(oldV) && !opts.schema.atomic(names)) {
    for (const [k, v] of Object.entries(newV)) {
      if (v === null) continue;
      diffSet(oldV[k] ?? undefined, v, opts, [...path, `f:${k}`], out);
    }
  } else if (Array.isArray(newV) && Array.isArray(oldV) && opts.schema.list(names).type !== 'atomic') {
    const lt = opts.schema.list(names);
    if (lt.type === 'map') {
      const olds = new Map(oldV.map((i) => [keyOf(i, lt.keys, opts.schema, names), i]));
      for (const item of newV) {
        const k = keyOf(item, lt.keys, opts.schema, names);
        const before = olds.get(k);
        if (before === undefined) {
          out.add(encode([...path, k]));
          if (isObject(item))
            for (const [f, v] of Object.entries(item))
              if (v !== null) walk(v, [...path, k, `f:${f}`], opts, out, false);
        } else {
          diffSet(before, item, opts, [...path, k], out);
        }
      }
    } else {
      for (const item of newV)
        if (!oldV.some((o) => deepEqual(o, item))) out.add(encode([...path, `v:${JSON.stringify(item)}`]));
    }
  } else if (!deepEqual(oldV, newV)) {
    walk(newV, path, { ...opts, markMaps: false }, out, false);
    if (path.length > 0) out.add(encode(path));
  }
  for (const s of [...out]) if (stripped(decode(s))) out.delete(s);
  return out;
}

/** Resolve a path in an object; undefined when absent. */
export function getAt(value: Json | undefined, path: FieldPath, schema: Schema): Json | undefined {
  let cur: Json | undefined = value;
  const names: string[] = [];
  for (const pe of path) {
    if (cur === undefined) return undefined;
    if (pe.startsWith('f:')) {
      if (!isObject(cur)) return undefined;
      names.push(pe.slice(2));
      cur = cur[pe.slice(2)];
    } else if (pe.startsWith('k:')) {
      if (!Array.isArray(cur)) return undefined;
      const lt = schema.list(names);
      if (lt.type !== 'map') return undefined;
      cur = cur.find((i) => keyOf(i, lt.keys, schema, names) === pe);
    } else if (pe.startsWith('v:')) {
      if (!Array.isArray(cur)) return undefined;
      const want = JSON.parse(pe.slice(2)) as Json;
      cur = cur.find((i) => deepEqual(i, want));
    } else if (pe.startsWith('i:')) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(pe.slice(2))];
    }
  }
  return cur;
}

/** Delete the node at a path (a field, a keyed list item, a set value). */
export function removeAt(value: Json, path: FieldPath, schema: Schema): void {
  if (path.length === 0) return;
  const parent = getAt(value, path.slice(0, -1), schema);
  const last = path[path.length - 1] ?? '';
  const names = fieldNames(path.slice(0, -1));
  if (last.startsWith('f:') && isObject(parent)) {
    delete parent[last.slice(2)];
  } else if (Array.isArray(parent)) {
    const lt = schema.list(names);
    const idx = parent.findIndex((i) =>
      last.startsWith('k:') && lt.type === 'map'
        ? keyOf(i, lt.keys, schema, names) === last
        : last.startsWith('v:')
          ? deepEqual(i, JSON.parse(last.slice(2)) as Json)
          : false,
    );
    if (idx >= 0) parent.splice(idx, 1);
  }
}

/** Merge an applied configuration into the live object: keyed lists item by item, atomic lists replaced. */
export function mergeApplied(live: Json | undefined, cfg: Json, schema: Schema, names: string[] = []): Json {
  if (isObject(cfg) && isObject(live) && !schema.atomic(names)) {
    const out: JsonObject = { ...live };
    for (const [k, v] of Object.entries(cfg)) {
      if (v === null) delete out[k];
      else out[k] = mergeApplied(live[k], v, schema, [...names, k]);
    }
    return out;
  }
  if (Array.isArray(cfg) && Array.isArray(live)) {
    const lt = schema.list(names);
    if (lt.type === 'map') {
      const out = [...live];
      for (const item of cfg) {
        const k = keyOf(item, lt.keys, schema, names);
        const idx = out.findIndex((i) => keyOf(i, lt.keys, schema, names) === k);
        if (idx >= 0) out[idx] = mergeApplied(out[idx], item, schema, names);
        else out.push(item);
      }
      return out;
    }
    if (lt.type === 'set') return [...live, ...cfg.filter((c) => !live.some((l) => deepEqual(l, c)))];
  }
  return cfg;
}

/** fieldsV1 JSON from a set. */
export function toFieldsV1(set: FieldSet): JsonObject {
  const root: JsonObject = {};
  const paths = [...set].map(decode).sort((a, b) => a.length - b.length);
  for (const p of paths) {
    let node = root;
    for (const pe of p) {
      const next = node[pe];
      if (isObject(next)) node = next;
      else {
        const fresh: JsonObject = {};
        node[pe] = fresh;
        node = fresh;
      }
    }
  }
  // A member node with children says so with ".".
  const mark = (node: JsonObject, path: FieldPath): void => {
    for (const [k, v] of Object.entries(node)) {
      if (!isObject(v) || k === '.') continue;
      const p = [...path, k];
      if (Object.keys(v).length > 0 && set.has(encode(p))) v['.'] = {};
      mark(v, p);
    }
  };
  mark(root, []);
  return sortKeys(root);
}

function sortKeys(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    out[k] = isObject(v) ? sortKeys(v) : (v ?? null);
  }
  return out;
}

export function fromFieldsV1(f: unknown, prefix: FieldPath = [], out: FieldSet = new Set()): FieldSet {
  if (!isObject(f)) return out;
  for (const [k, v] of Object.entries(f)) {
    if (k === '.') {
      out.add(encode(prefix));
      continue;
    }
    const p = [...prefix, k];
    if (isObject(v) && Object.keys(v).length > 0) fromFieldsV1(v, p, out);
    else out.add(encode(p));
  }
  return out;
}

/** `.spec.template.spec.containers[name="app"].image`, as structured-merge-diff prints a path. */
export function pathString(p: FieldPath): string {
  let s = '';
  for (const pe of p) {
    if (pe.startsWith('f:')) s += `.${pe.slice(2)}`;
    else if (pe.startsWith('k:')) {
      const key = JSON.parse(pe.slice(2)) as Record<string, Json>;
      s += `[${Object.entries(key)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    } else if (pe.startsWith('v:')) s += `[=${pe.slice(2)}]`;
    else if (pe.startsWith('i:')) s += `[${pe.slice(2)}]`;
  }
  return s;
}

/** Only the leaves and list items of a set that actually exist in an object. */
export function prune(set: FieldSet, value: Json, schema: Schema): FieldSet {
  const out: FieldSet = new Set();
  for (const s of set) if (getAt(value, decode(s), schema) !== undefined) out.add(s);
  return out;
}

export function hasChildIn(set: FieldSet, s: string): boolean {
  const pre = s + SEP;
  for (const x of set) if (x.startsWith(pre)) return true;
  return false;
}
