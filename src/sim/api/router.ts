// Routing: non-resource paths (version, health, discovery, OpenAPI), resource paths parsed into
// a ResourceRequest with the real server's 404/405 answers, injected faults (latency, RBAC 403,
// 429, 5xx), then dispatch to the module of each verb.

import type { ServerResponse } from 'node:http';
import { ApiError, failure, methodNotAllowed, notFound, qualified, resourceNotFound } from './status.js';
import { str } from './json.js';
import { sortVersions } from './resources.js';
import type { Verb } from './faults.js';
import {
  SERVER_VERSION,
  apiGroupDoc,
  apiGroupList,
  apiVersions,
  openapiV2,
  openapiV3Doc,
  openapiV3Root,
  resourceList,
} from './discovery.js';
import { getObject, listObjects } from './reads.js';
import { create, patch, update } from './writes.js';
import { deleteCollection, deleteObject } from './deletion.js';
import type { Watches } from './watch.js';
import type { NamespaceFinalizer } from './namespaces.js';
import { methodNotAllowedReply } from './request.js';
import { Reply, type ApiContext, type Req, type RequestLogEntry, type ResourceRequest } from './context.js';

/** What routing needs beyond the shared context: the port (for discovery) and the long-lived parts. */
export interface RouteTarget extends ApiContext {
  readonly port: number;
  readonly watches: Watches;
  readonly namespaces: NamespaceFinalizer;
}

const WATCH_TRUE = new Set(['true', '1']);

export async function route(
  t: RouteTarget,
  r: Req,
  res: ServerResponse,
  entry: RequestLogEntry,
): Promise<Reply | undefined> {
  const segs = r.url.pathname.split('/').filter((s) => s !== '');
  const p = r.url.pathname.replace(/\/+$/, '') || '/';
  if (r.method === 'GET') {
    if (p === '/version') return new Reply(200, SERVER_VERSION);
    if (p === '/healthz' || p === '/livez' || p === '/readyz') return new Reply(200, 'ok');
    if (p === '/api') return new Reply(200, apiVersions(`127.0.0.1:${t.port}`));
    if (p === '/apis') return new Reply(200, apiGroupList(t.types, sortVersions));
    if (p === '/openapi/v3') return new Reply(200, openapiV3Root(t.types));
    if (p === '/openapi/v2') {
      const accept = str(r.headers.accept ?? '');
      if (accept !== '' && !accept.includes('json') && !accept.includes('*/*'))
        return new Reply(406, failure(406, 'NotAcceptable', 'only application/json is served'));
      return new Reply(200, openapiV2(t.types));
    }
    if (segs[0] === 'openapi' && segs[1] === 'v3') {
      const gv = segs.slice(2);
      const [group, version] = gv[0] === 'api' ? ['', gv[1] ?? ''] : [gv[1] ?? '', gv[2] ?? ''];
      if (resourceList(t.types, group, version)) return new Reply(200, openapiV3Doc(t.types, group, version));
      return new Reply(404, '404 page not found\n');
    }
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 2) {
    group = '';
    version = segs[1] ?? '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 2) {
    group = segs[1] ?? '';
    if (segs.length === 2) {
      const doc = r.method === 'GET' ? apiGroupDoc(t.types, group, sortVersions) : undefined;
      return doc ? new Reply(200, doc) : new Reply(404, '404 page not found\n');
    }
    version = segs[2] ?? '';
    rest = segs.slice(3);
  } else {
    return new Reply(404, '404 page not found\n');
  }
  const list = resourceList(t.types, group, version);
  if (!list) return new Reply(404, '404 page not found\n');
  if (rest.length === 0) return r.method === 'GET' ? new Reply(200, list) : methodNotAllowedReply();

  let namespace = '';
  let resource: string;
  let name: string;
  let subresource: string;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))
  ) {
    namespace = rest[1] ?? '';
    resource = rest[2] ?? '';
    name = rest[3] ?? '';
    subresource = rest[4] ?? '';
    if (rest.length > 5) throw resourceNotFound();
  } else {
    resource = rest[0] ?? '';
    name = rest[1] ?? '';
    subresource = rest[2] ?? '';
    if (rest.length > 3) throw resourceNotFound();
  }
  const rt = t.types.find(
    (t) => t.group === group && t.resource === resource && t.versions.includes(version),
  );
  // The real server answers unknown resources with its plain-text 404 page.
  if (!rt) return new Reply(404, '404 page not found\n');
  if (namespace !== '' && !rt.namespaced) return new Reply(404, '404 page not found\n');
  if (
    subresource !== '' &&
    !(
      (subresource === 'status' && rt.status) ||
      (subresource === 'scale' && rt.scale) ||
      (subresource === 'finalize' && rt.resource === 'namespaces')
    )
  ) {
    // An unknown subresource of an object reads as the object not being found.
    throw notFound(rt.resource, group, name);
  }

  const watch = WATCH_TRUE.has(r.query.get('watch') ?? '');
  let verb: Verb;
  switch (r.method) {
    case 'GET':
      verb = watch ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      if (name) throw methodNotAllowed();
      verb = 'create';
      break;
    case 'PUT':
      if (!name) throw methodNotAllowed();
      verb = 'update';
      break;
    case 'PATCH':
      if (!name) throw methodNotAllowed();
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      throw methodNotAllowed();
  }
  if (!rt.verbs.includes(verb) && !(subresource && ['get', 'update', 'patch'].includes(verb)))
    throw methodNotAllowed();
  if (rt.namespaced && namespace === '' && !['list', 'watch'].includes(verb) && rt.stored)
    throw resourceNotFound();
  Object.assign(entry, { verb, group, version, resource, subresource, namespace, name });
  const rr: ResourceRequest = { rt, group, version, namespace, name, subresource, verb };

  const f = t.faults;
  const latencyMs = f.current.latencyMs;
  if (latencyMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    entry.injectedLatencyMs = latencyMs;
  }
  const decision = f.decide(verb, group, resource);
  if (decision.kind === 'forbidden') throw forbidden(t, rr);
  if (decision.kind === 'throttle') {
    throw new ApiError(
      failure(429, 'TooManyRequests', 'Too many requests, please try again later.', {
        retryAfterSeconds: decision.retryAfterSeconds,
      }),
      {
        'Retry-After': str(decision.retryAfterSeconds),
      },
    );
  }
  if (decision.kind === 'error') {
    if (decision.code === 503)
      throw new ApiError(
        failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', {}),
      );
    throw new ApiError(
      failure(500, 'InternalError', 'Internal error occurred: injected fault', {
        causes: [{ message: 'injected fault' }],
      }),
    );
  }

  switch (verb) {
    case 'get':
      return getObject(t, rr, r);
    case 'list':
      return listObjects(t, rr, r);
    case 'watch':
      t.watches.serve(rr, r, res);
      return undefined;
    case 'create':
      return create(t, rr, r);
    case 'update':
      return update(t, rr, r);
    case 'patch':
      return patch(t, rr, r);
    case 'delete':
      return deleteObject(t, rr, r, t.namespaces);
    case 'deletecollection':
      return deleteCollection(t, rr, r);
  }
  return undefined;
}

function forbidden(t: RouteTarget, rr: ResourceRequest): ApiError {
  const res = rr.subresource ? `${rr.rt.resource}/${rr.subresource}` : rr.rt.resource;
  const scope = rr.namespace ? `in the namespace "${rr.namespace}"` : 'at the cluster scope';
  const who = `${qualified(rr.rt.resource, rr.group)}${rr.name ? ` "${rr.name}"` : ''}`;
  return new ApiError(
    failure(
      403,
      'Forbidden',
      `${who} is forbidden: User "${t.faults.user}" cannot ${rr.verb} resource "${res}" in API group "${rr.group}" ${scope}`,
      {
        name: rr.name || undefined,
        group: rr.group || undefined,
        kind: rr.rt.resource,
      },
    ),
  );
}
