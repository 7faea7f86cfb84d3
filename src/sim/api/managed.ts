// managedFields bookkeeping: Update operations take ownership of what they change, Apply
// operations own exactly their configuration, conflict with other owners' different values,
// and remove what they stopped applying when nobody else owns it.

import { ApiError, failure, type StatusCause } from './status.js';
import { str, type Json, type JsonObject, clone, deepEqual, isObject } from './json.js';
import type { Schema } from './schema.js';
import {
  type FieldSet,
  decode,
  diffSet,
  encode,
  fromFieldsV1,
  getAt,
  hasChildIn,
  mergeApplied,
  pathString,
  prune,
  removeAt,
  toFieldsV1,
  toSet,
} from './fieldset.js';

export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource: string;
  set: FieldSet;
}

export function nowSeconds(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function readManagers(o: JsonObject): Manager[] {
  const meta = isObject(o['metadata']) ? o['metadata'] : {};
  const mf = Array.isArray(meta['managedFields']) ? meta['managedFields'] : [];
  return mf.filter(isObject).map((e) => ({
    manager: str(e['manager'] ?? ''),
    operation: e['operation'] === 'Apply' ? 'Apply' : 'Update',
    apiVersion: str(e['apiVersion'] ?? ''),
    time: str(e['time'] ?? ''),
    subresource: str(e['subresource'] ?? ''),
    set: fromFieldsV1(e['fieldsV1']),
  }));
}

export function writeManagers(ms: Manager[]): Json[] {
  const sorted = ms
    .filter((m) => m.set.size > 0)
    .sort(
      (p, q) =>
        p.operation.localeCompare(q.operation) ||
        p.time.localeCompare(q.time) ||
        p.manager.localeCompare(q.manager) ||
        p.apiVersion.localeCompare(q.apiVersion) ||
        p.subresource.localeCompare(q.subresource),
    );
  return sorted.map((m) => {
    const e: JsonObject = {
      apiVersion: m.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(m.set),
      manager: m.manager,
      operation: m.operation,
    };
    if (m.subresource) e['subresource'] = m.subresource;
    e['time'] = m.time;
    return e;
  });
}

function sameEntry(m: Manager, manager: string, op: string, sub: string, apiVersion: string): boolean {
  return (
    m.manager === manager &&
    m.operation === op &&
    m.subresource === sub &&
    (op === 'Apply' || m.apiVersion === apiVersion)
  );
}

/** managedFields after a non-apply write (create, update, patch) by `manager`. */
export function recordUpdate(
  oldObj: JsonObject | undefined,
  newObj: JsonObject,
  manager: string,
  apiVersion: string,
  subresource: string,
  schema: Schema,
  now: Date,
): Json[] {
  const ms = oldObj ? readManagers(oldObj) : [];
  const changed = diffSet(oldObj ? strip(oldObj) : undefined, strip(newObj), { schema, markMaps: true });
  for (const m of ms) for (const s of changed) m.set.delete(s);
  if (changed.size > 0) {
    let mine = ms.find((m) => sameEntry(m, manager, 'Update', subresource, apiVersion));
    if (!mine) {
      mine = { manager, operation: 'Update', apiVersion, time: '', subresource, set: new Set() };
      ms.push(mine);
    }
    for (const s of changed) mine.set.add(s);
    mine.time = nowSeconds(now);
  }
  for (const m of ms) m.set = pruneKeepMaps(m.set, newObj, schema);
  return writeManagers(ms);
}

function strip(o: JsonObject): JsonObject {
  const c = clone(o);
  if (isObject(c['metadata'])) delete c['metadata']['managedFields'];
  return c;
}

function pruneKeepMaps(set: FieldSet, value: JsonObject, schema: Schema): FieldSet {
  return prune(set, value, schema);
}

export interface ApplyResult {
  object: JsonObject;
}

/** Server-side apply of `cfg` by `manager` onto `live` (undefined: create-on-apply). */
export function serverSideApply(
  live: JsonObject | undefined,
  cfg: JsonObject,
  manager: string,
  apiVersion: string,
  subresource: string,
  force: boolean,
  schema: Schema,
  now: Date,
): JsonObject {
  const ms = live ? readManagers(live) : [];
  const cfgSet = toSet(cfg, { schema, markMaps: false });
  const base: JsonObject = live ? strip(live) : {};
  const others = ms.filter((m) => !sameEntry(m, manager, 'Apply', subresource, apiVersion));
  const conflicts: { manager: Manager; path: string[] }[] = [];
  for (const m of others) {
    for (const s of cfgSet) {
      if (!m.set.has(s)) continue;
      const p = decode(s);
      if (hasChildIn(cfgSet, s)) continue; // list items are compared through their fields
      if (!deepEqual(getAt(base, p, schema), getAt(cfg, p, schema))) conflicts.push({ manager: m, path: p });
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const c of conflicts) c.manager.set.delete(encode(c.path));

  const merged = mergeApplied(base, cfg, schema) as JsonObject;
  const mine = ms.find((m) => sameEntry(m, manager, 'Apply', subresource, apiVersion));
  if (mine) {
    const othersUnion = new Set<string>();
    for (const m of others) for (const s of m.set) othersUnion.add(s);
    const removed = [...mine.set].filter(
      (s) => !cfgSet.has(s) && !othersUnion.has(s) && !hasChildIn(othersUnion, s),
    );
    // Parents first: a removed list item is found by its key fields, which removing them first would erase.
    for (const s of removed.sort((a, b) => decode(a).length - decode(b).length))
      removeAt(merged, decode(s), schema);
    mine.set = cfgSet;
    mine.apiVersion = apiVersion;
    mine.time = nowSeconds(now);
  } else {
    ms.push({ manager, operation: 'Apply', apiVersion, time: nowSeconds(now), subresource, set: cfgSet });
  }
  for (const m of ms) m.set = pruneKeepMaps(m.set, merged, schema);
  const meta = isObject(merged['metadata']) ? merged['metadata'] : {};
  meta['managedFields'] = writeManagers(ms);
  merged['metadata'] = meta;
  return merged;
}

function printManager(m: Manager): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

function conflictError(conflicts: { manager: Manager; path: string[] }[]): ApiError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  let message: string;
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(first.manager)}: ${pathString(first.path)}`;
  } else {
    const byManager = new Map<string, { m: Manager; paths: string[] }>();
    for (const c of conflicts) {
      const key = printManager(c.manager);
      const e = byManager.get(key) ?? { m: c.manager, paths: [] };
      e.paths.push(pathString(c.path));
      byManager.set(key, e);
    }
    const lines: string[] = [];
    for (const key of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${key}:`);
      for (const p of byManager.get(key)?.paths ?? []) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(failure(409, 'Conflict', message, { causes }));
}
