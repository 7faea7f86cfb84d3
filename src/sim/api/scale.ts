// The /scale subresource: a Deployment seen as an autoscaling/v1 Scale, and a write to it that
// changes only spec.replicas of the Deployment, through the common commit path.

import { conflict, invalid } from './status.js';
import { str, type JsonObject, clone, obj } from './json.js';
import { metaOf } from './store.js';
import { checkTypeMeta } from './admission.js';
import { commit, existing } from './registry.js';
import { dryRun } from './request.js';
import { Reply, type ApiContext, type Req, type ResourceRequest } from './context.js';

export function scaleOf(d: JsonObject): JsonObject {
  const m = metaOf(d);
  const spec = obj(d['spec']);
  const sel = obj(obj(spec['selector'])['matchLabels']);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m['name'] ?? null,
      namespace: m['namespace'] ?? null,
      uid: m['uid'] ?? null,
      resourceVersion: m['resourceVersion'] ?? null,
      creationTimestamp: m['creationTimestamp'] ?? null,
    },
    spec: { replicas: typeof spec['replicas'] === 'number' ? spec['replicas'] : 1 },
    status: {
      replicas: obj(d['status'])['replicas'] ?? 0,
      selector: Object.entries(sel)
        .map(([k, v]) => `${k}=${str(v)}`)
        .join(','),
    },
  };
}

export function updateScale(ctx: ApiContext, rr: ResourceRequest, r: Req, body: JsonObject): Reply {
  checkTypeMeta(rr, body, 'Scale', 'autoscaling/v1');
  const old = existing(ctx, rr);
  const rv = metaOf(body)['resourceVersion'];
  if (typeof rv === 'string' && rv !== '' && rv !== metaOf(old)['resourceVersion'])
    throw conflict(rr.rt.resource, rr.group, rr.name);
  const replicas = obj(body['spec'])['replicas'];
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas))
    throw invalid('Scale', 'autoscaling', rr.name, [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        value: replicas ?? null,
        detail: 'must be greater than or equal to 0',
      },
    ]);
  const next = clone(old);
  next['spec'] = { ...obj(old['spec']), replicas };
  const main: ResourceRequest = { ...rr, subresource: '' };
  const stored = commit(ctx, main, old, next, r, { dry: dryRun(r) });
  return new Reply(200, scaleOf(stored));
}
