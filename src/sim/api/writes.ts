// The write verbs other than apply and delete: create (and SelfSubjectAccessReview), update
// (resourceVersion preconditions, namespace finalize) and patch (merge, JSON patch, strategic
// merge), each checked as the real server checks it before the common commit path.

import { load } from 'js-yaml';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  failure,
  qualified,
  unsupportedMediaType,
} from './status.js';
import { str, type Json, type JsonObject, clone, isObject, obj } from './json.js';
import { metaOf } from './store.js';
import { fieldSchema } from './crd-schema.js';
import { PatchError, jsonPatch, mergePatch, strategicMerge } from './patch.js';
import { checkTypeMeta, fieldCheck } from './admission.js';
import { commit, existing, prepareCreate, view } from './registry.js';
import { scaleOf, updateScale } from './scale.js';
import { checkNamespace } from './namespaces.js';
import { apply } from './apply.js';
import { contentType, dryRun, fieldManager, goJsonError, parseBody } from './request.js';
import { Reply, apiVersionOf, keyOf, storeObject } from './context.js';
import type { ApiContext, Req, ResourceRequest } from './context.js';

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
  'application/apply-patch+cbor',
];

export function create(ctx: ApiContext, rr: ResourceRequest, r: Req): Reply {
  const body = parseBody(r, rr);
  const rt = rr.rt;
  checkTypeMeta(rr, body, rt.kind, apiVersionOf(rt, rr.version));
  const warn = fieldCheck(rr, r, body);
  const meta = metaOf(body);
  if (
    rt.namespaced &&
    typeof meta['namespace'] === 'string' &&
    meta['namespace'] !== '' &&
    meta['namespace'] !== rr.namespace
  )
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  if (rt.resource === 'selfsubjectaccessreviews') return accessReview(ctx, body, rr);
  const dry = dryRun(r);
  const o = prepareCreate(ctx, rt, rr.version, rr.namespace, body, fieldManager(r));
  const name = str(metaOf(o)['name']);
  checkNamespace(ctx, rr, name);
  if (ctx.store.get(keyOf(rt), rr.namespace, name)) throw alreadyExists(rt.resource, rr.group, name);
  if (dry) return new Reply(201, view(rt, rr.version, o), warn);
  const stored = storeObject(ctx, rt, o, 'ADDED');
  return new Reply(201, view(rt, rr.version, stored), warn);
}

function accessReview(ctx: ApiContext, body: JsonObject, rr: ResourceRequest): Reply {
  const spec = obj(body['spec']);
  const ra = obj(spec['resourceAttributes']);
  const allowed = isObject(spec['resourceAttributes'])
    ? !ctx.faults.isForbidden(str(ra['verb'] ?? ''), str(ra['group'] ?? ''), str(ra['resource'] ?? ''))
    : true;
  const status: JsonObject = { allowed };
  if (allowed)
    status['reason'] =
      'RBAC: allowed by ClusterRoleBinding "istio-canary-sim" of ClusterRole "cluster-admin" to User "' +
      ctx.faults.user +
      '"';
  return new Reply(201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: apiVersionOf(rr.rt, rr.version),
    metadata: { creationTimestamp: null },
    spec,
    status,
  });
}

export function update(ctx: ApiContext, rr: ResourceRequest, r: Req): Reply {
  const body = parseBody(r, rr);
  if (rr.subresource === 'scale') return updateScale(ctx, rr, r, body);
  checkTypeMeta(rr, body, rr.rt.kind, apiVersionOf(rr.rt, rr.version));
  const warn = fieldCheck(rr, r, body);
  const meta = metaOf(body);
  if (meta['name'] !== undefined && meta['name'] !== rr.name)
    throw badRequest(
      `the name of the object (${str(meta['name'])}) does not match the name on the URL (${rr.name})`,
    );
  if (
    rr.rt.namespaced &&
    typeof meta['namespace'] === 'string' &&
    meta['namespace'] !== '' &&
    meta['namespace'] !== rr.namespace
  )
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  const dry = dryRun(r);
  const old = existing(ctx, rr);
  const rv = meta['resourceVersion'];
  if ((!rr.rt.builtIn || rr.rt.kind === 'Lease') && (typeof rv !== 'string' || rv === '')) {
    // Custom resources and leases do not allow unconditional updates.
    const detail = 'Invalid value: 0x0: must be specified for an update';
    throw new ApiError(
      failure(
        422,
        'Invalid',
        `${qualified(rr.rt.resource, rr.group)} "${rr.name}" is invalid: metadata.resourceVersion: ${detail}`,
        {
          name: rr.name,
          group: rr.group || undefined,
          kind: rr.rt.resource,
          causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'metadata.resourceVersion' }],
        },
      ),
    );
  }
  if (typeof rv === 'string' && rv !== '' && rv !== metaOf(old)['resourceVersion'])
    throw conflict(rr.rt.resource, rr.group, rr.name);
  if (ctx.faults.takeConflict(rr.rt.resource, rr.name)) throw conflict(rr.rt.resource, rr.group, rr.name);
  if (rr.subresource === 'finalize') {
    const next = clone(old);
    next['spec'] = { ...obj(old['spec']), finalizers: obj(body['spec'])['finalizers'] ?? [] };
    return new Reply(200, view(rr.rt, rr.version, ctx.store.put(keyOf(rr.rt), next, 'MODIFIED')));
  }
  const stored = commit(ctx, rr, old, { ...body, metadata: { ...meta, name: rr.name } }, r, { dry });
  return new Reply(200, view(rr.rt, rr.version, stored), warn);
}

export function patch(ctx: ApiContext, rr: ResourceRequest, r: Req): Reply {
  const ct = contentType(r, '');
  const accepted = [
    ...PATCH_TYPES.slice(0, 3),
    ...(rr.rt.builtIn ? ['application/strategic-merge-patch+json'] : []),
  ];
  if (ct === 'application/strategic-merge-patch+json' && !rr.rt.builtIn) throw unsupportedMediaType(accepted);
  // A content type that is no patch type at all is refused by the router, with its terse message.
  if (!accepted.includes(ct))
    throw new ApiError(failure(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {}));
  const force = r.query.get('force');
  if (force !== null && ct !== 'application/apply-patch+yaml')
    throw patchOptionsInvalid(
      'force',
      'FieldValueForbidden',
      'Forbidden: may not be specified for non-apply patch',
    );
  if (ct === 'application/apply-patch+yaml' && !r.query.get('fieldManager'))
    throw patchOptionsInvalid(
      'fieldManager',
      'FieldValueRequired',
      'Required value: is required for apply patch',
    );
  const dry = dryRun(r);
  const text = r.body.toString('utf8');
  let patch: Json;
  try {
    patch = ct === 'application/apply-patch+yaml' ? (load(text) as Json) : (JSON.parse(text) as Json);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : str(e);
    if (ct === 'application/json-patch+json') throw new ApiError(failure(500, '', 'Invalid JSON Patch'));
    if (ct !== 'application/apply-patch+yaml')
      throw badRequest(`error decoding patch: ${goJsonError(text, e)}`);
    throw badRequest(
      ct === 'application/apply-patch+yaml' ? `error decoding YAML: ${msg}` : `error decoding patch: ${msg}`,
    );
  }
  if (ct === 'application/apply-patch+yaml') return apply(ctx, rr, r, patch, dry);
  const old = existing(ctx, rr);
  const schema = fieldSchema(rr.rt);
  const current: JsonObject = rr.subresource === 'scale' ? scaleOf(old) : view(rr.rt, rr.version, old);
  let next: Json;
  try {
    if (ct === 'application/merge-patch+json') {
      if (!isObject(patch))
        throw new PatchError('error decoding patch: json: cannot unmarshal into map', 400);
      next = mergePatch(current, patch);
    } else if (ct === 'application/json-patch+json') {
      next = jsonPatch(current, patch);
    } else {
      if (!isObject(patch))
        throw new PatchError('error decoding patch: json: cannot unmarshal into map', 400);
      next = strategicMerge(current, patch, schema);
    }
  } catch (e) {
    if (e instanceof PatchError) {
      if (e.code === 400) throw badRequest(e.message);
      // The 1.20 server hides the JSON patch library's reason behind a generic message.
      throw new ApiError(
        failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {}),
      );
    }
    throw e;
  }
  if (!isObject(next)) throw badRequest('the patched object is not an object');
  if (rr.subresource === 'scale') return updateScale(ctx, rr, r, next);
  checkTypeMeta(rr, next, rr.rt.kind, apiVersionOf(rr.rt, rr.version));
  // The patched object is decoded like a create's body: unknown fields by fieldValidation.
  const warn = fieldCheck(rr, r, next);
  const nm = metaOf(next);
  if (nm['name'] !== rr.name)
    throw badRequest(
      `the name of the object (${str(nm['name'])}) does not match the name on the URL (${rr.name})`,
    );
  const rv = nm['resourceVersion'];
  if (typeof rv === 'string' && rv !== '' && rv !== metaOf(old)['resourceVersion'])
    throw conflict(rr.rt.resource, rr.group, rr.name);
  if (ctx.faults.takeConflict(rr.rt.resource, rr.name)) throw conflict(rr.rt.resource, rr.group, rr.name);
  const stored = commit(ctx, rr, old, next, r, { dry });
  return new Reply(200, view(rr.rt, rr.version, stored), warn);
}

function patchOptionsInvalid(field: string, reason: string, message: string): ApiError {
  return new ApiError(
    failure(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: ${field}: ${message}`, {
      group: 'meta.k8s.io',
      kind: 'PatchOptions',
      causes: [{ reason, message, field }],
    }),
  );
}
