// What a CRD's structural schema makes a v1.20 API server do to a custom resource, so the
// embedded mesh answers like the real one with Istio's and the Gateway API's real CRDs:
// - defaulting (`default:`; a null is dropped where the field has a default or is not nullable)
//   then pruning of the fields the schema does not declare (unless
//   x-kubernetes-preserve-unknown-fields), as the decoder does;
// - OpenAPI validation with the messages and quirks of the go-openapi validator 1.20 embeds: paths
//   without list indices, an empty string rejected as "null", oneOf/anyOf/allOf/not;
// - the managedFields typing: CRDs whose schema uses x-kubernetes-preserve-unknown-fields or
//   x-kubernetes-int-or-string (Istio's) get 1.20's deduced type converter (every object a map,
//   lists atomic); the others (the Gateway API's) are typed by their schema's list/map markers.
// Hand-written: no JS library reproduces the apiextensions-apiserver's behaviour and messages.

import { isIPv4, isIPv6 } from 'node:net';
import type { FieldError } from './status.js';
import { type Json, type JsonObject, clone, isObject } from './json.js';
import { schemaFor, type ListType, type Schema } from './schema.js';
import type { ResourceType } from './resources.js';

export type Node = JsonObject;

const props = (s: Node): JsonObject => (isObject(s['properties']) ? s['properties'] : {});
const child = (s: Node | undefined, k: string): Node | undefined => {
  if (!s) return undefined;
  const p = props(s)[k];
  if (isObject(p)) return p;
  return isObject(s['additionalProperties']) ? s['additionalProperties'] : undefined;
};
const items = (s: Node | undefined): Node | undefined => (s && isObject(s['items']) ? s['items'] : undefined);

/** Applies `default:`s (recursively, into defaulted values too) as structuraldefaulting.Default does. */
export function applyDefaults(x: Json, s: Node | undefined): void {
  if (!s) return;
  if (isObject(x)) {
    // A null where the schema has a default or is not nullable is dropped first (1.20).
    for (const [k, v] of Object.entries(x)) {
      const c = child(s, k);
      if (v === null && c && (c['default'] !== undefined || c['nullable'] !== true)) delete x[k];
    }
    for (const [k, p] of Object.entries(props(s))) {
      if (!isObject(p) || p['default'] === undefined) continue;
      if (!(k in x)) x[k] = clone(p['default'] ?? null);
    }
    for (const [k, v] of Object.entries(x)) applyDefaults(v, child(s, k));
  } else if (Array.isArray(x)) {
    for (const v of x) applyDefaults(v, items(s));
  }
}

/** Drops fields the schema does not declare; the root keeps apiVersion, kind and metadata. */
export function prune(x: Json, s: Node | undefined, root = false): void {
  if (!s) return;
  if (isObject(x)) {
    const keep = s['x-kubernetes-preserve-unknown-fields'] === true || isObject(s['additionalProperties']);
    for (const k of Object.keys(x)) {
      if (root && ['apiVersion', 'kind', 'metadata'].includes(k)) continue;
      const c = child(s, k);
      if (!c && !keep) delete x[k];
      else prune(x[k] ?? null, c);
    }
  } else if (Array.isArray(x)) {
    for (const v of x) prune(v, items(s));
  }
}

function typeName(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const invalidErr = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  value,
  detail,
});

/** go-openapi's validation of one value, errors with 1.20's field paths (no list indices). */
function check(v: Json, s: Node, path: string, out: FieldError[]): void {
  const where = path === '' ? '' : path;
  const type = typeof s['type'] === 'string' ? s['type'] : '';
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  if (v === null) {
    if (type !== '' && s['nullable'] !== true)
      out.push(invalidErr(where, 'null', `${where} in body must be of type ${type}: "null"`));
    return;
  }
  const actual = typeName(v);
  if (type !== '' && !intOrString) {
    const ok = type === actual || (type === 'number' && actual === 'integer');
    if (!ok) {
      out.push(invalidErr(where, actual, `${where} in body must be of type ${type}: "${actual}"`));
      return;
    }
    // The zero-value check of the validator 1.20 embeds reads "" as null.
    if (v === '' && s['nullable'] !== true)
      out.push(invalidErr(where, 'null', `${where} in body must be of type ${type}: "null"`));
  }
  if (Array.isArray(s['enum']) && !s['enum'].some((e) => JSON.stringify(e) === JSON.stringify(v)))
    out.push({
      type: 'FieldValueNotSupported',
      field: where,
      value: v,
      detail: `supported values: ${s['enum'].map((e) => JSON.stringify(e)).join(', ')}`,
    });
  if (typeof v === 'number') {
    if (typeof s['maximum'] === 'number' && v > s['maximum'])
      out.push(invalidErr(where, v, `${where} in body should be less than or equal to ${s['maximum']}`));
    if (typeof s['minimum'] === 'number' && v < s['minimum'])
      out.push(invalidErr(where, v, `${where} in body should be greater than or equal to ${s['minimum']}`));
  }
  if (typeof v === 'string') {
    const len = [...v].length;
    if (typeof s['maxLength'] === 'number' && len > s['maxLength'])
      out.push(invalidErr(where, v, `${where} in body should be at most ${s['maxLength']} chars long`));
    if (typeof s['minLength'] === 'number' && len < s['minLength'])
      out.push(invalidErr(where, v, `${where} in body should be at least ${s['minLength']} chars long`));
    if (typeof s['pattern'] === 'string' && !goRegexp(s['pattern']).test(v))
      out.push(invalidErr(where, v, `${where} in body should match '${s['pattern']}'`));
    const format = typeof s['format'] === 'string' ? s['format'] : '';
    if (v !== '' && FORMATS[format]?.(v) === false)
      out.push(invalidErr(where, v, `${where} in body must be of type ${format}: ${JSON.stringify(v)}`));
  }
  if (Array.isArray(v)) {
    if (typeof s['maxItems'] === 'number' && v.length > s['maxItems'])
      out.push(invalidErr(where, v.length, `${where} in body should have at most ${s['maxItems']} items`));
    if (typeof s['minItems'] === 'number' && v.length < s['minItems'])
      out.push(invalidErr(where, v.length, `${where} in body should have at least ${s['minItems']} items`));
    const it = items(s);
    if (it) for (const e of v) check(e, it, where, out);
  }
  if (isObject(v)) {
    const n = Object.keys(v).length;
    if (typeof s['maxProperties'] === 'number' && n > s['maxProperties'])
      out.push(invalidErr(where, n, `${where} in body should have at most ${s['maxProperties']} properties`));
    if (Array.isArray(s['required']))
      for (const r of s['required'])
        if (typeof r === 'string' && !(r in v))
          out.push({ type: 'FieldValueRequired', field: join(where, r), detail: '' });
    for (const [k, val] of Object.entries(v)) {
      const c = child(s, k);
      if (c) check(val, c, join(where, k), out);
    }
  }
  combinators(v, s, where, out);
}

function combinators(v: Json, s: Node, where: string, out: FieldError[]): void {
  const valid = (alt: Json): FieldError[] => {
    const errs: FieldError[] = [];
    if (isObject(alt)) check(v, alt, where, errs);
    return errs;
  };
  const nil = (detail: string): FieldError => invalidErr('<nil>', '', detail);
  if (Array.isArray(s['allOf'])) for (const alt of s['allOf']) out.push(...valid(alt));
  if (Array.isArray(s['oneOf'])) {
    const results = s['oneOf'].map(valid);
    const ok = results.filter((e) => e.length === 0).length;
    if (ok !== 1) {
      out.push(
        nil(
          `"${where}" must validate one and only one schema (oneOf). ${ok === 0 ? 'Found none valid' : `Found ${ok} valid alternatives`}`,
        ),
      );
      if (ok === 0) {
        const best = [...results].sort((a, b) => a.length - b.length)[0];
        if (best) out.push(...best);
      }
    }
  }
  if (Array.isArray(s['anyOf']) && !s['anyOf'].some((alt) => valid(alt).length === 0))
    out.push(nil(`"${where}" must validate at least one schema (anyOf)`));
  if (isObject(s['not']) && valid(s['not']).length === 0)
    out.push(nil(`"${where}" must not validate the schema (not)`));
}

/** The string formats the CRDs here use that go-openapi's registry checks (others pass). */
const FORMATS: Record<string, (v: string) => boolean> = {
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/.test(v),
  ipv4: (v) => isIPv4(v),
  ipv6: (v) => isIPv6(v),
  byte: (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v),
};

const join = (path: string, k: string): string => (path === '' ? k : `${path}.${k}`);

const regexps = new Map<string, RegExp>();
/** Go RE2 patterns as JS regexps (unanchored, as go-openapi matches them). */
function goRegexp(p: string): RegExp {
  let re = regexps.get(p);
  if (!re) {
    re = new RegExp(p.replace(/\\x60/g, '`'), 'u');
    regexps.set(p, re);
  }
  return re;
}

/** Go's %#v of a list item or key: strings quoted, numbers and booleans bare, maps sorted. */
function goSharp(v: Json): string {
  if (isObject(v))
    return `map[string]interface {}{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSharp(v[k] ?? null)}`)
      .join(', ')}}`;
  if (v === null) return '<nil>';
  return JSON.stringify(v);
}

/** Duplicates in x-kubernetes-list-type set/map lists (indexed paths, as listtype validation reports). */
function listDuplicates(v: Json, s: Node | undefined, path: string, out: FieldError[]): void {
  if (!s) return;
  if (Array.isArray(v)) {
    const lt = s['x-kubernetes-list-type'];
    const keys = Array.isArray(s['x-kubernetes-list-map-keys'])
      ? s['x-kubernetes-list-map-keys'].map(String)
      : [];
    const seen = new Set<string>();
    v.forEach((item, i) => {
      let key: Json | undefined;
      if (lt === 'set') key = item;
      else if (lt === 'map' && isObject(item))
        key = Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k] ?? null]));
      if (key !== undefined) {
        const id = JSON.stringify(key);
        if (seen.has(id))
          out.push({ type: 'FieldValueDuplicate', field: `${path}[${i}]`, value: key, detail: goSharp(key) });
        seen.add(id);
      }
      listDuplicates(item, items(s), `${path}[${i}]`, out);
    });
  } else if (isObject(v)) {
    for (const [k, c] of Object.entries(v)) listDuplicates(c, child(s, k), join(path, k), out);
  }
}

/** Schema validation of a custom resource: every field but metadata (ObjectMeta is checked apart). */
export function validateSchema(o: JsonObject, s: Node): FieldError[] {
  const out: FieldError[] = [];
  for (const [k, v] of Object.entries(o))
    if (!['apiVersion', 'kind', 'metadata'].includes(k)) listDuplicates(v, child(s, k), k, out);
  for (const [k, v] of Object.entries(o)) {
    if (['apiVersion', 'kind', 'metadata'].includes(k)) continue;
    const c = child(s, k);
    if (c) check(v, c, k, out);
  }
  if (Array.isArray(s['required']))
    for (const r of s['required'])
      if (typeof r === 'string' && !(r in o)) out.push({ type: 'FieldValueRequired', field: r, detail: '' });
  // Paths carry no list index, and the validator keeps one error per path and check: the first
  // list item failing a check stands for all.
  const seen = new Set<string>();
  return out.filter((e) => {
    const key = `${e.field}|${e.type}|${checkOf(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Which check an error comes from (its detail without the value). */
function checkOf(e: FieldError): string {
  if (e.field === '<nil>') return e.detail;
  const m =
    /in body (must be of type [\w-]+|should (?:be less|be greater|be at most|be at least|match|have at most|have at least))/.exec(
      e.detail,
    );
  return m?.[1] ?? '';
}

function uses(s: Json, key: string): boolean {
  if (Array.isArray(s)) return s.some((x) => uses(x, key));
  if (!isObject(s)) return false;
  return Object.entries(s).some(([k, v]) => (k === key && v === true) || uses(v, key));
}

/** The schema node at a field path (names skip list items), or undefined. */
function at(s: Node, names: string[]): Node | undefined {
  let cur: Node | undefined = s;
  for (const n of names) {
    while (cur && cur['type'] === 'array') cur = items(cur);
    cur = child(cur, n);
    if (!cur) return undefined;
  }
  return cur;
}

const cache = new WeakMap<Node, CrdFieldSchema>();
export type CrdFieldSchema = Schema & { markOnApply(path: string[]): boolean };

/** The managedFields typing of a custom resource whose version schema is `s` (cached). */
export function crdFieldSchema(s: Node): CrdFieldSchema {
  let out = cache.get(s);
  if (!out) {
    out = makeFieldSchema(s);
    cache.set(s, out);
  }
  return out;
}

/**
 * The managedFields typing of a custom resource. Deduced (Istio's CRDs in 1.20): every object a
 * map marked "." also on apply, every list atomic. Typed (the Gateway API's): lists per
 * x-kubernetes-list-type, atomic maps per x-kubernetes-map-type, objects created by an update
 * marked ".".
 */
function makeFieldSchema(s: Node): CrdFieldSchema {
  const deduced = uses(s, 'x-kubernetes-preserve-unknown-fields') || uses(s, 'x-kubernetes-int-or-string');
  const metaMaps = new Set(['metadata.labels', 'metadata.annotations']);
  const listAt = (names: string[]): Node | undefined => at(s, names);
  return {
    list(path): ListType {
      if (path[0] === 'metadata') {
        if (path[1] === 'finalizers') return { type: 'set' };
        if (path[1] === 'ownerReferences') return { type: 'map', keys: ['uid'] };
        return { type: 'atomic' };
      }
      if (deduced) return { type: 'atomic' };
      const n = listAt(path);
      const lt = n?.['x-kubernetes-list-type'];
      if (lt === 'map' && Array.isArray(n?.['x-kubernetes-list-map-keys']))
        return { type: 'map', keys: n['x-kubernetes-list-map-keys'].map(String) };
      if (lt === 'set') return { type: 'set' };
      return { type: 'atomic' };
    },
    mergeKey() {
      return undefined;
    },
    atomic(path) {
      if (deduced || path[0] === 'metadata') return false;
      const n = at(s, path);
      return n?.['x-kubernetes-map-type'] === 'atomic';
    },
    isMap(path) {
      if (path[0] === 'metadata') return metaMaps.has(path.join('.'));
      return path.length > 0;
    },
    markOnApply(path) {
      if (!deduced) return false;
      if (path[0] === 'metadata') return metaMaps.has(path.join('.'));
      return path.length > 0;
    },
    required() {
      return false;
    },
    keyDefault(path, key) {
      const n = items(listAt(path));
      const d = n ? props(n)[key] : undefined;
      return isObject(d) ? d['default'] : undefined;
    },
  };
}

/** The managedFields typing of any resource type: a custom resource's from its schema. */
export function fieldSchema(rt: ResourceType): Schema {
  return rt.schema ? crdFieldSchema(rt.schema) : schemaFor(rt.kind, rt.builtIn);
}

/** What decoding a custom resource does before anything else: defaults, then pruning. */
export function decodeCustom(rt: ResourceType, o: JsonObject): void {
  if (!rt.schema) return;
  applyDefaults(o, rt.schema);
  prune(o, rt.schema, true);
}
