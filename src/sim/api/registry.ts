// The generic registry between the verbs and the store: an object as a requested version shows
// it, the preparation of a new object, and the one commit path every write goes through (what a
// subresource may change, generation, managedFields, no-op writes, dry run, finalizers).

import { randomUUID } from 'node:crypto';
import { str, type Json, type JsonObject, clone, deepEqual, isObject } from './json.js';
import type { ResourceType } from './resources.js';
import { metaOf } from './store.js';
import { decodeCustom, fieldSchema } from './crd-schema.js';
import { recordUpdate, nowSeconds } from './managed.js';
import { notFound } from './status.js';
import { crdStatus, defaults, strategy, validate } from './admission.js';
import { istioWebhookAdmission } from './istio-webhook.js';
import { fieldManager } from './request.js';
import { apiVersionOf, keyOf, storeObject } from './context.js';
import type { ApiContext, Req, ResourceRequest } from './context.js';

/** An object as the client's requested version shows it (all versions share one schema here). */
export function view(rt: ResourceType, version: string, o: JsonObject): JsonObject {
  const out = clone(o);
  out['apiVersion'] = rt.group === '' ? version : `${rt.group}/${version}`;
  if (!out['kind']) out['kind'] = rt.kind;
  return reorder(out);
}

export function prepareCreate(
  ctx: ApiContext,
  rt: ResourceType,
  version: string,
  namespace: string,
  body: JsonObject,
  manager: string,
): JsonObject {
  const o = clone(body);
  o['apiVersion'] = apiVersionOf(rt, rt.storageVersion);
  o['kind'] = rt.kind;
  const meta = { ...metaOf(o) };
  if (!meta['name'] && typeof meta['generateName'] === 'string' && meta['generateName']) {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
    meta['name'] = `${meta['generateName']}${suffix}`;
  }
  if (rt.namespaced) meta['namespace'] = namespace;
  else delete meta['namespace'];
  meta['uid'] = randomUUID();
  meta['creationTimestamp'] = nowSeconds(ctx.now());
  delete meta['resourceVersion'];
  delete meta['deletionTimestamp'];
  delete meta['managedFields'];
  delete meta['selfLink'];
  if (rt.generation) meta['generation'] = 1;
  else delete meta['generation'];
  o['metadata'] = meta;
  if (rt.status && rt.kind !== 'Namespace' && rt.kind !== 'Service') delete o['status'];
  decodeCustom(rt, o);
  defaults(rt, o);
  if (rt.kind === 'CustomResourceDefinition') o['status'] = crdStatus(o, ctx.now());
  validate(rt, o, true);
  // Validating admission webhooks run after the registry's own validation, dry run included.
  istioWebhookAdmission(rt, o);
  meta['managedFields'] = recordUpdate(
    undefined,
    // Status is a reset field (1.22+): neither client status nor status defaults are owned.
    stripStatusFor(rt, o),
    manager,
    apiVersionOf(rt, version),
    '',
    fieldSchema(rt),
    ctx.now(),
  );
  strategy(ctx, rt, o);
  return o;
}

/**
 * Store a changed object: keeps what the subresource may not change, bumps generation on spec
 * changes, records managedFields for non-apply writes, skips no-op writes, honours dry run.
 */
export function commit(
  ctx: ApiContext,
  rr: ResourceRequest,
  old: JsonObject,
  candidate: JsonObject,
  r: Req,
  opts: { manager?: string; managed?: 'apply' | 'update'; dry: boolean },
): JsonObject {
  const rt = rr.rt;
  const requestMeta = clone(metaOf(candidate));
  const o = clone(candidate);
  decodeCustom(rt, o);
  const oldMeta = metaOf(old);
  const meta = { ...metaOf(o) };
  o['apiVersion'] = apiVersionOf(rt, rt.storageVersion);
  o['kind'] = rt.kind;
  if (rr.subresource === 'status') {
    // Through /status only status changes.
    for (const k of Object.keys(o))
      if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) delete o[k];
    for (const k of Object.keys(old))
      if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) o[k] = clone(old[k] ?? null);
    // Metadata (labels too) is not writable through /status; only managedFields travel.
    const managedFields = meta['managedFields'];
    for (const k of Object.keys(meta)) delete meta[k];
    Object.assign(meta, clone(oldMeta));
    if (managedFields !== undefined) meta['managedFields'] = managedFields;
  } else if (rt.status && rt.kind !== 'Service' && rt.kind !== 'Namespace') {
    if (old['status'] === undefined) delete o['status'];
    else o['status'] = clone(old['status'] ?? null);
  } else if (rt.kind === 'Namespace') {
    o['status'] = clone(old['status'] ?? null);
  }
  for (const k of [
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'namespace',
    'name',
    'generation',
    'selfLink',
  ]) {
    if (oldMeta[k] === undefined) delete meta[k];
    else meta[k] = clone(oldMeta[k] ?? null);
  }
  meta['resourceVersion'] = oldMeta['resourceVersion'] ?? null;
  o['metadata'] = meta;
  if (rr.subresource !== 'status') {
    defaults(rt, o);
    strategy(ctx, rt, o, old);
  }
  if (rt.generation && !deepEqual(specPart(old), specPart(o)))
    meta['generation'] = Number(oldMeta['generation'] ?? 0) + 1;
  validate(rt, o, false);
  if (rr.subresource !== 'status') istioWebhookAdmission(rt, o);
  if (opts.managed !== 'apply') {
    // Through /status only spec is a reset field: label changes are dropped from the object but,
    // as on the real server, still recorded as owned by the writer.
    const recorded = clone(o);
    if (rr.subresource === 'status') {
      const rm = metaOf(recorded);
      for (const k of ['labels', 'annotations']) if (isObject(requestMeta[k])) rm[k] = clone(requestMeta[k]);
    }
    meta['managedFields'] = recordUpdate(
      withoutStatusSplit(rt, old, rr.subresource),
      withoutStatusSplit(rt, recorded, rr.subresource),
      opts.manager ?? fieldManager(r),
      apiVersionOf(rt, rr.version),
      rr.subresource === 'status' ? 'status' : '',
      fieldSchema(rt),
      ctx.now(),
    );
    // Entries of the other half (status vs main) are untouched by this write.
    meta['managedFields'] = mergeOtherHalf(
      oldMeta['managedFields'],
      meta['managedFields'],
      rr.subresource === 'status',
    );
  }
  if (deepEqual(withoutVolatile(old), withoutVolatile(o))) return old;
  if (opts.dry) return o;
  // Removing the last finalizer of an object being deleted completes the deletion.
  if (
    meta['deletionTimestamp'] &&
    (!Array.isArray(meta['finalizers']) || meta['finalizers'].length === 0) &&
    rt.kind !== 'Namespace'
  ) {
    return ctx.store.remove(keyOf(rt), str(meta['namespace'] ?? ''), str(meta['name'])) ?? o;
  }
  return storeObject(ctx, rt, o, 'MODIFIED');
}

export function existing(ctx: ApiContext, rr: ResourceRequest): JsonObject {
  const o = ctx.store.get(keyOf(rr.rt), rr.namespace, rr.name);
  if (!o) throw notFound(rr.rt.resource, rr.group, rr.name);
  return o;
}

function specPart(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o))
    if (!['metadata', 'status', 'apiVersion', 'kind'].includes(k)) out[k] = v;
  return out;
}

/** What makes a write a no-op: equal content and equal field ownership (timestamps aside). */
function withoutVolatile(o: JsonObject): JsonObject {
  const c = clone(o);
  const m = metaOf(c);
  const mf = Array.isArray(m['managedFields']) ? m['managedFields'] : [];
  m['managedFields'] = mf.filter(isObject).map((e) => {
    const { time: _time, ...rest } = e;
    return rest;
  });
  delete m['resourceVersion'];
  return c;
}

/** The half of an object a write through the main resource (or /status) may touch, for managedFields. */
function withoutStatusSplit(rt: ResourceType, o: JsonObject, subresource: string): JsonObject {
  if (!rt.status || rt.kind === 'Service' || rt.kind === 'Namespace') return o;
  const c = clone(o);
  if (subresource === 'status') {
    for (const k of Object.keys(c)) if (!['apiVersion', 'kind', 'status'].includes(k)) delete c[k];
    const m = metaOf(o);
    c['metadata'] = {
      name: m['name'] ?? null,
      ...(isObject(m['labels']) ? { labels: m['labels'] } : {}),
      ...(isObject(m['annotations']) ? { annotations: m['annotations'] } : {}),
      managedFields: (m['managedFields'] ?? []) as Json,
    };
  } else delete c['status'];
  return c;
}

function stripStatusFor(rt: ResourceType, o: JsonObject): JsonObject {
  return withoutStatusSplit(rt, o, '');
}

function mergeOtherHalf(oldMf: Json | undefined, newMf: Json | undefined, statusWrite: boolean): Json[] {
  const all = Array.isArray(newMf) ? newMf.filter(isObject) : [];
  const olds = Array.isArray(oldMf) ? oldMf.filter(isObject) : [];
  const isStatus = (e: JsonObject): boolean => e['subresource'] === 'status';
  const kept = olds.filter((e) => isStatus(e) !== statusWrite);
  const mine = all.filter((e) => isStatus(e) === statusWrite);
  return [...mine, ...kept].sort(
    (p, q) =>
      str(p['operation']).localeCompare(str(q['operation'])) || str(p['time']).localeCompare(str(q['time'])),
  );
}

/** apiVersion, kind, metadata first, as the real server serializes. */
function reorder(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of ['apiVersion', 'kind', 'metadata']) if (o[k] !== undefined) out[k] = o[k];
  for (const [k, v] of Object.entries(o)) if (!(k in out)) out[k] = v;
  return out;
}
