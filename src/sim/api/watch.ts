// Watches: the initial state or a replay from a resourceVersion (410 Expired once compacted),
// then live store events filtered by scope and selectors (a change across a selector reads as
// ADDED/DELETED), bookmarks, timeouts and injected drops. Every open watch ends on close().

import type { ServerResponse } from 'node:http';
import { ApiError, failure } from './status.js';
import { str, type JsonObject } from './json.js';
import { metaOf, type StoreEvent } from './store.js';
import { toTable } from './discovery.js';
import { view } from './registry.js';
import { matcher } from './reads.js';
import { tableRequest } from './request.js';
import { apiVersionOf, keyOf, type ApiContext, type Req, type ResourceRequest } from './context.js';

export class Watches {
  /** Many watches see the same stored object: it is serialized once per version. */
  private readonly serialized = new WeakMap<JsonObject, Map<string, string>>();
  private readonly open = new Set<() => void>();

  constructor(
    private readonly ctx: ApiContext,
    private readonly bookmarkIntervalMs: number,
  ) {}

  /** End every open watch stream. */
  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }

  serve(rr: ResourceRequest, r: Req, res: ServerResponse): void {
    const match = matcher(rr, r);
    const rvParam = r.query.get('resourceVersion') ?? '';
    const bookmarks = r.query.get('allowWatchBookmarks') === 'true';
    const initial = r.query.get('sendInitialEvents') === 'true';
    const timeout = Number(r.query.get('timeoutSeconds') ?? '0');
    const table = tableRequest(r);
    const key = keyOf(rr.rt);
    const nsFilter = rr.rt.namespaced ? rr.namespace : '';
    if (rvParam !== '' && !/^\d+$/.test(rvParam))
      throw new ApiError(
        failure(
          500,
          '',
          `resourceVersion: Invalid value: "${rvParam}": strconv.ParseUint: parsing "${rvParam}": invalid syntax`,
        ),
      );
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    let first = true;
    const write = (type: string, o: JsonObject): void => {
      let object: JsonObject = o;
      if (type !== 'ERROR' && type !== 'BOOKMARK' && !table) {
        let byVersion = this.serialized.get(o);
        if (!byVersion) {
          byVersion = new Map();
          this.serialized.set(o, byVersion);
        }
        let text = byVersion.get(rr.version);
        if (text === undefined) {
          text = JSON.stringify(view(rr.rt, rr.version, o));
          byVersion.set(rr.version, text);
        }
        res.write(`{"type":${JSON.stringify(type)},"object":${text}}\n`);
        return;
      }
      if (type !== 'ERROR' && type !== 'BOOKMARK') {
        const v = view(rr.rt, rr.version, o);
        object = table
          ? toTable(rr.rt, [v], str(metaOf(o)['resourceVersion']), this.ctx.now(), table, first)
          : v;
        first = false;
      }
      res.write(`${JSON.stringify({ type, object })}\n`);
    };
    const bookmark = (annotations?: Record<string, string>): void => {
      const metadata: JsonObject = {
        resourceVersion: str(this.ctx.store.resourceVersion),
        creationTimestamp: null,
      };
      if (annotations) metadata['annotations'] = annotations;
      res.write(
        `${JSON.stringify({ type: 'BOOKMARK', object: { kind: rr.rt.kind, apiVersion: apiVersionOf(rr.rt, rr.version), metadata } })}\n`,
      );
    };
    const inScope = (e: StoreEvent): boolean =>
      e.key === key && (nsFilter === '' || e.namespace === nsFilter);
    const deliver = (e: StoreEvent): void => {
      if (!inScope(e)) return;
      const now = match(e.object);
      const before = e.prev !== undefined && match(e.prev);
      if (e.type === 'ADDED') {
        if (now) write('ADDED', e.object);
      } else if (e.type === 'DELETED') {
        if (before || now) write('DELETED', e.object);
      } else if (now && before) write('MODIFIED', e.object);
      else if (now) write('ADDED', e.object);
      else if (before) write('DELETED', e.object);
    };
    let unsubscribe = (): void => {};
    const timers: NodeJS.Timeout[] = [];
    const stop = (): void => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      this.open.delete(stop);
      if (!res.writableEnded) res.end();
    };
    this.open.add(stop);
    res.on('close', stop);

    if (rvParam === '' || rvParam === '0' || initial) {
      for (const o of this.ctx.store.list(key, nsFilter || undefined)) if (match(o)) write('ADDED', o);
      if (initial && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
    } else {
      const since = this.ctx.store.since(Number(rvParam));
      if (since === 'expired') {
        write(
          'ERROR',
          failure(
            410,
            'Expired',
            `too old resource version: ${rvParam} (${this.ctx.store.compactedRevision + 1})`,
          ) as unknown as JsonObject,
        );
        stop();
        return;
      }
      for (const e of since) deliver(e);
    }
    unsubscribe = this.ctx.store.subscribe(deliver);
    if (bookmarks) {
      const tick = (): void => {
        bookmark();
        const t = setTimeout(tick, this.bookmarkIntervalMs);
        timers.push(t);
      };
      timers.push(setTimeout(tick, this.bookmarkIntervalMs));
    }
    if (timeout > 0) timers.push(setTimeout(stop, timeout * 1000));
    const drop = this.ctx.faults.current.dropWatchesAfterMs;
    if (drop > 0) timers.push(setTimeout(stop, drop));
  }
}
