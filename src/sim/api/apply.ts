// Server-side apply (PATCH application/apply-patch+yaml): typed-object field checks, create on
// apply, and merging into the live object under the applier's managedFields, with conflicts,
// force and removal of dropped fields decided by managed.ts.

import { badRequest, conflict, notFound } from './status.js';
import { str, type Json, clone, isObject, obj } from './json.js';
import { metaOf } from './store.js';
import { fieldSchema } from './crd-schema.js';
import { serverSideApply } from './managed.js';
import { mergePatch } from './patch.js';
import { pruneUnknownFields } from './fields.js';
import { checkTypeMeta } from './admission.js';
import { commit, existing, prepareCreate, view } from './registry.js';
import { scaleOf, updateScale } from './scale.js';
import { checkNamespace } from './namespaces.js';
import { summarize } from './request.js';
import { Reply, apiVersionOf, keyOf, storeObject } from './context.js';
import type { ApiContext, Req, ResourceRequest } from './context.js';

export function apply(ctx: ApiContext, rr: ResourceRequest, r: Req, cfg: Json, dry: boolean): Reply {
  const manager = r.query.get('fieldManager');
  if (!manager) throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager to be set');
  if (!isObject(cfg))
    throw badRequest(
      `error decoding YAML: the object provided is unrecognized (must be of type ${rr.rt.kind})`,
    );
  const force = r.query.get('force') === 'true';
  if (rr.subresource === 'scale') {
    const old = existing(ctx, rr);
    const next = mergePatch(scaleOf(old), cfg);
    return updateScale(ctx, rr, r, obj(next));
  }
  const rt = rr.rt;
  const apiVersion = apiVersionOf(rt, rr.version);
  if (typeof cfg['apiVersion'] !== 'string' || typeof cfg['kind'] !== 'string')
    throw badRequest(`error decoding YAML: Object 'Kind' is missing in '${summarize(JSON.stringify(cfg))}'`);
  checkTypeMeta(rr, cfg, rt.kind, apiVersion);
  const cm = metaOf(cfg);
  if (cm['name'] !== undefined && cm['name'] !== rr.name)
    throw badRequest(
      `the name of the object (${str(cm['name'])}) does not match the name on the URL (${rr.name})`,
    );
  if (Array.isArray(cm['managedFields']) && cm['managedFields'].length > 0)
    throw badRequest('metadata.managedFields must be nil');
  const schema = fieldSchema(rt);
  if (rt.builtIn) {
    // Server-side apply builds a typed object from the patch: an unknown field fails whatever
    // fieldValidation says (seen on the real 1.20.2 server, where it is a 500; a 400 since 1.28).
    const unknown = pruneUnknownFields(rt.kind, cfg, { keyed: true });
    if (unknown.length > 0)
      throw badRequest(
        `failed to create typed patch object (${rt.namespaced ? `${rr.namespace}/` : ''}${rr.name}; ${apiVersion}, Kind=${rt.kind}): ${unknown.map((f) => `.${f}: field not declared in schema`).join(', ')}`,
      );
  }
  const sub = rr.subresource === 'status' ? 'status' : '';
  const applied = clone(cfg);
  applied['metadata'] = { ...cm, name: rr.name, ...(rt.namespaced ? { namespace: rr.namespace } : {}) };
  if (sub === 'status') {
    for (const k of Object.keys(applied))
      if (!['apiVersion', 'kind', 'metadata', 'status'].includes(k)) delete applied[k];
    applied['metadata'] = { name: rr.name, ...(rt.namespaced ? { namespace: rr.namespace } : {}) };
  } else if (rt.status && rt.kind !== 'Service' && rt.kind !== 'Namespace') {
    delete applied['status'];
  }
  const old = ctx.store.get(keyOf(rt), rr.namespace, rr.name);
  if (!old) {
    if (sub) throw notFound(rt.resource, rr.group, rr.name);
    const created = prepareCreate(ctx, rt, rr.version, rr.namespace, applied, manager);
    metaOf(created)['managedFields'] = [];
    const withFields = serverSideApply(undefined, applied, manager, apiVersion, '', force, schema, ctx.now());
    metaOf(created)['managedFields'] = metaOf(withFields)['managedFields'] ?? [];
    checkNamespace(ctx, rr, rr.name);
    if (dry) return new Reply(201, view(rt, rr.version, created));
    const stored = storeObject(ctx, rt, created, 'ADDED');
    return new Reply(201, view(rt, rr.version, stored));
  }
  if (ctx.faults.takeConflict(rt.resource, rr.name)) throw conflict(rt.resource, rr.group, rr.name);
  const liveView = view(rt, rr.version, old);
  const mfAll = metaOf(old)['managedFields'];
  const mine = (Array.isArray(mfAll) ? mfAll : []).filter(
    (e) => isObject(e) && str(e['subresource'] ?? '') === sub,
  );
  const theirs = (Array.isArray(mfAll) ? mfAll : []).filter(
    (e) => isObject(e) && str(e['subresource'] ?? '') !== sub,
  );
  metaOf(liveView)['managedFields'] = mine;
  const merged = serverSideApply(liveView, applied, manager, apiVersion, sub, force, schema, ctx.now());
  const mergedMeta = metaOf(merged);
  mergedMeta['managedFields'] = [
    ...(Array.isArray(mergedMeta['managedFields']) ? mergedMeta['managedFields'] : []),
    ...theirs,
  ];
  const stored = commit(ctx, rr, old, merged, r, { dry, managed: 'apply' });
  return new Reply(200, view(rt, rr.version, stored));
}
