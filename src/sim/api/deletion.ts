// The delete verbs: delete with uid/resourceVersion preconditions, finalizers (deletionTimestamp
// until the last one goes), namespaces going Terminating, CRDs taking their objects along, and
// deletecollection.

import { ApiError, failure, qualified, successStatus } from './status.js';
import { str, clone, obj } from './json.js';
import type { ResourceType } from './resources.js';
import { metaOf } from './store.js';
import { nowSeconds } from './managed.js';
import { existing, view } from './registry.js';
import { matcher } from './reads.js';
import { dryRun, safeJson } from './request.js';
import type { NamespaceFinalizer } from './namespaces.js';
import { Reply, apiVersionOf, keyOf, type ApiContext, type Req, type ResourceRequest } from './context.js';

export function deleteObject(
  ctx: ApiContext,
  rr: ResourceRequest,
  r: Req,
  namespaces: NamespaceFinalizer,
): Reply {
  const dry = dryRun(r);
  const old = existing(ctx, rr);
  const opts = r.body.length > 0 ? (safeJson(r.body.toString('utf8')) ?? {}) : {};
  const pre = obj(obj(opts)['preconditions']);
  const m = metaOf(old);
  if (typeof pre['uid'] === 'string' && pre['uid'] !== m['uid'])
    throw new ApiError(
      failure(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualified(rr.rt.kind, rr.group)} "${rr.name}": the UID in the precondition (${pre['uid']}) does not match the UID in record (${str(m['uid'])}). The object might have been deleted and then recreated`,
        {
          name: rr.name,
          group: rr.group || undefined,
          kind: rr.rt.kind,
        },
      ),
    );
  if (typeof pre['resourceVersion'] === 'string' && pre['resourceVersion'] !== m['resourceVersion'])
    throw new ApiError(
      failure(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualified(rr.rt.kind, rr.group)} "${rr.name}": the ResourceVersion in the precondition (${pre['resourceVersion']}) does not match the ResourceVersion in record (${str(m['resourceVersion'])}). The object might have been modified`,
        { name: rr.name, group: rr.group || undefined, kind: rr.rt.kind },
      ),
    );
  if (rr.rt.kind === 'Namespace') {
    if (dry) return new Reply(200, view(rr.rt, rr.version, old));
    if (m['deletionTimestamp']) return new Reply(200, view(rr.rt, rr.version, old));
    const next = clone(old);
    metaOf(next)['deletionTimestamp'] = nowSeconds(ctx.now());
    next['status'] = { ...obj(old['status']), phase: 'Terminating' };
    const stored = ctx.store.put(keyOf(rr.rt), next, 'MODIFIED');
    // The namespace controller empties the namespace, then the namespace goes away.
    namespaces.schedule(rr.name);
    return new Reply(200, view(rr.rt, rr.version, stored));
  }
  const finalizers = m['finalizers'];
  if (Array.isArray(finalizers) && finalizers.length > 0) {
    if (dry || m['deletionTimestamp']) return new Reply(200, view(rr.rt, rr.version, old));
    const next = clone(old);
    metaOf(next)['deletionTimestamp'] = nowSeconds(ctx.now());
    metaOf(next)['deletionGracePeriodSeconds'] = 0;
    return new Reply(200, view(rr.rt, rr.version, ctx.store.put(keyOf(rr.rt), next, 'MODIFIED')));
  }
  if (!dry) removeObject(ctx, rr.rt, rr.namespace, rr.name);
  return new Reply(
    200,
    successStatus({
      name: rr.name,
      group: rr.group || undefined,
      kind: rr.rt.resource,
      uid: str(m['uid']),
    }),
  );
}

function removeObject(ctx: ApiContext, rt: ResourceType, namespace: string, name: string): void {
  ctx.store.remove(keyOf(rt), namespace, name);
  if (rt.resource === 'customresourcedefinitions') {
    const gone = ctx.types.find((t) => !t.builtIn && `${t.resource}.${t.group}` === name);
    ctx.refreshTypes();
    if (gone)
      for (const o of ctx.store.list(keyOf(gone)))
        ctx.store.remove(keyOf(gone), str(metaOf(o)['namespace'] ?? ''), str(metaOf(o)['name']));
  }
}

export function deleteCollection(ctx: ApiContext, rr: ResourceRequest, r: Req): Reply {
  const dry = dryRun(r);
  const match = matcher(rr, r);
  const victims = ctx.store.list(keyOf(rr.rt), rr.namespace || undefined).filter(match);
  const items = victims.map((o) => view(rr.rt, rr.version, o));
  if (!dry)
    for (const o of victims)
      removeObject(ctx, rr.rt, str(metaOf(o)['namespace'] ?? ''), str(metaOf(o)['name']));
  return new Reply(200, {
    kind: rr.rt.listKind,
    apiVersion: apiVersionOf(rr.rt, rr.version),
    metadata: { resourceVersion: str(ctx.store.resourceVersion) },
    items,
  });
}
