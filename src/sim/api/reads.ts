// The read verbs: get and list (label and field selectors, limit/continue with the real
// server's token checks and 410 for a compacted continue), as objects or as Tables.

import { ApiError, badRequest, failure, notFound } from './status.js';
import { str, type JsonObject, isObject, obj } from './json.js';
import { metaOf } from './store.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { toTable } from './discovery.js';
import { view } from './registry.js';
import { scaleOf } from './scale.js';
import { goJsonError, tableRequest } from './request.js';
import { Reply, apiVersionOf, keyOf, type ApiContext, type Req, type ResourceRequest } from './context.js';

export function getObject(ctx: ApiContext, rr: ResourceRequest, r: Req): Reply {
  const o = ctx.store.get(keyOf(rr.rt), rr.namespace, rr.name);
  if (!o) throw notFound(rr.rt.resource, rr.group, rr.name);
  if (rr.subresource === 'scale') return new Reply(200, scaleOf(o));
  const v = view(rr.rt, rr.version, o);
  const t = tableRequest(r);
  if (t) return new Reply(200, toTable(rr.rt, [v], str(metaOf(o)['resourceVersion']), ctx.now(), t));
  return new Reply(200, v);
}

export function matcher(rr: ResourceRequest, r: Req): (o: JsonObject) => boolean {
  const labels = parseLabelSelector(r.query.get('labelSelector') ?? undefined);
  const allowed = [
    'metadata.name',
    'metadata.namespace',
    ...(rr.rt.kind === 'Namespace' ? ['status.phase'] : []),
    ...(rr.rt.kind === 'Secret' ? ['type'] : []),
  ];
  const fields = parseFieldSelector(r.query.get('fieldSelector') ?? undefined, allowed);
  return (o) => {
    const m = metaOf(o);
    const fv: Record<string, string> = {
      'metadata.name': str(m['name'] ?? ''),
      'metadata.namespace': str(m['namespace'] ?? ''),
    };
    if (rr.rt.kind === 'Namespace') fv['status.phase'] = str(obj(o['status'])['phase'] ?? '');
    if (rr.rt.kind === 'Secret') fv['type'] = str(o['type'] ?? '');
    const ls = isObject(m['labels']) ? (m['labels'] as Record<string, string>) : {};
    return labels(ls) && fields(fv);
  };
}

export function listObjects(ctx: ApiContext, rr: ResourceRequest, r: Req): Reply {
  const match = matcher(rr, r);
  const limit = Number(r.query.get('limit') ?? '0');
  const cont = r.query.get('continue') ?? '';
  let listRv = ctx.store.resourceVersion;
  let after = '';
  if (cont) {
    const decoded = Buffer.from(cont, 'base64').toString('latin1');
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoded);
    } catch (e) {
      throw badRequest(`invalid continue token: continue key is not valid: ${goJsonError(decoded, e)}`);
    }
    try {
      const tok = parsed as {
        v?: string;
        rv?: number;
        start?: string;
      };
      if (tok.v !== 'meta.k8s.io/v1' || typeof tok.rv !== 'number' || typeof tok.start !== 'string')
        throw new Error('bad');
      if (tok.rv < ctx.store.compactedRevision)
        throw new ApiError(
          failure(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
          ),
        );
      listRv = tok.rv;
      after = tok.start;
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw badRequest(
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
      );
    }
  }
  const all = ctx.store
    .list(keyOf(rr.rt), rr.rt.namespaced && rr.namespace ? rr.namespace : undefined)
    .filter((o) => sortKey(o) > after)
    .filter(match);
  let items = all;
  let next: string | undefined;
  let remaining: number | undefined;
  if (limit > 0 && all.length > limit) {
    items = all.slice(0, limit);
    const last = items[items.length - 1];
    next = Buffer.from(
      JSON.stringify({ v: 'meta.k8s.io/v1', rv: listRv, start: last ? sortKey(last) : '' }),
    ).toString('base64');
    remaining = all.length - limit;
  }
  const views = items.map((o) => view(rr.rt, rr.version, o));
  const t = tableRequest(r);
  if (t) return new Reply(200, toTable(rr.rt, views, str(listRv), ctx.now(), t, true, next));
  // Custom resource lists (unstructured) always carry "continue"; typed lists omit it when empty.
  const metadata: JsonObject = rr.rt.builtIn ? {} : { continue: next ?? '' };
  if (next) metadata['continue'] = next;
  if (remaining !== undefined) metadata['remainingItemCount'] = remaining;
  metadata['resourceVersion'] = str(listRv);
  return new Reply(200, {
    kind: rr.rt.listKind,
    apiVersion: apiVersionOf(rr.rt, rr.version),
    metadata,
    items: views,
  });
}

function sortKey(o: JsonObject): string {
  const m = metaOf(o);
  return `${str(m['namespace'] ?? '')}/${str(m['name'] ?? '')}`;
}
