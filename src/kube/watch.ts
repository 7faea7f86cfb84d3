// Waiting for an object to reach a state: read it, then watch it (not poll) from the
// resourceVersion read; a dropped watch resumes from the last resourceVersion seen, an expired
// one (410) relists, each after src/retry.ts's backoff. A watch's connection is opened by the
// transport's one request builder (transport.ts), and its answer must start in time.
import { backoffDelay, sleep } from '../retry.js';
import { KubeTimeoutError, WaitTimeoutError } from './errors.js';
import type { KubeObject, ObjectRef } from './resources.js';
import { apiError, statusMessage, type KubeTransport } from './transport.js';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

type WatchOutcome = { kind: 'done' | 'closed' | 'gone' } | { kind: 'error'; message: string };

/** A dropped watch or a relist backs off no longer than the 5th retry would. */
const MAX_BACKOFF_ATTEMPT = 5;

function watchErrorMessage(o: unknown): string {
  const m = typeof o === 'object' && o !== null ? (o as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : 'watch error';
}

/**
 * Resolves with the object as soon as `done(obj)` is true; rejects with `describe(last)` when
 * the timeout passes, with the cancel's reason when options.signal aborts.
 */
export async function waitFor(
  transport: KubeTransport,
  collectionPath: (signal: AbortSignal) => Promise<string>,
  ref: ObjectRef,
  done: (obj: KubeObject | null) => boolean,
  options: WaitOptions & { describe?: (last: KubeObject | null) => string },
): Promise<KubeObject | null> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const collection = await collectionPath(signal);
  let last: KubeObject | null = null;
  const fail = (): never => {
    if (options.signal?.aborted)
      throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
    const why = options.describe
      ? options.describe(last)
      : `${ref.kind} ${ref.name} did not reach the wanted state`;
    throw new WaitTimeoutError(`timed out after ${options.timeoutMs} ms: ${why}`);
  };
  const backOff = (attempt: number) =>
    sleep(backoffDelay(Math.min(attempt, MAX_BACKOFF_ATTEMPT), transport.policy, null), signal).catch(
      () => undefined,
    );
  let relistAttempt = 0;
  for (;;) {
    // (Re)list: the current object and the resourceVersion to watch from.
    let rv: string;
    try {
      const { status, json } = await transport.request(
        'GET',
        `${collection}/${encodeURIComponent(ref.name)}`,
        null,
        { signal, allow404: true },
      );
      last = status === 404 ? null : (json as KubeObject);
      if (done(last)) return last;
      if (last?.metadata?.resourceVersion) rv = last.metadata.resourceVersion;
      else {
        const list = await transport.request(
          'GET',
          `${collection}?fieldSelector=${encodeURIComponent(`metadata.name=${ref.name}`)}`,
          null,
          { signal },
        );
        rv = (list.json as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '';
      }
    } catch (err) {
      if (signal.aborted) fail();
      throw err;
    }
    // Watch from rv; on a drop, resume from the last rv seen; on 410 go back to a relist.
    let watchAttempt = 0;
    for (;;) {
      if (signal.aborted) fail();
      const q = new URLSearchParams({
        watch: 'true',
        allowWatchBookmarks: 'true',
        fieldSelector: `metadata.name=${ref.name}`,
      });
      if (rv) q.set('resourceVersion', rv);
      await transport.refreshAuth().catch(() => undefined);
      const outcome = await watchOnce(transport, `${collection}?${q.toString()}`, signal, (ev) => {
        if (ev.object.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
        if (ev.type === 'BOOKMARK') return false;
        last = ev.type === 'DELETED' ? null : ev.object;
        return done(last);
      });
      if (outcome.kind === 'done') return last;
      if (signal.aborted) fail();
      if (outcome.kind === 'gone') break;
      if (outcome.kind === 'error') {
        transport.logger.debug(
          `watch ${ref.kind} ${ref.name} dropped (${outcome.message}); resuming from ${rv}`,
        );
        await backOff(++watchAttempt);
      } else {
        watchAttempt = 0;
      }
    }
    transport.logger.debug(`watch ${ref.kind} ${ref.name}: resourceVersion ${rv} expired (410); relisting`);
    await backOff(++relistAttempt);
  }
}

/**
 * One watch connection. Resolves 'done' when onEvent returns true, 'closed' when the server
 * ends the stream, 'gone' on 410, 'error' on a transport error or a retryable status.
 */
function watchOnce(
  transport: KubeTransport,
  path: string,
  signal: AbortSignal,
  onEvent: (ev: WatchEvent) => boolean,
): Promise<WatchOutcome> {
  return new Promise((resolve, reject) => {
    const controller = new AbortController();
    let settled = false;
    const finish = (v: WatchOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(noAnswer);
      controller.abort();
      resolve(v);
    };
    // A watch may stay silent once it started, but its answer must start in time: a hung
    // server would otherwise hold the wait until its own timeout (rollout-timeout, a window).
    const noAnswer = setTimeout(() => {
      if (settled) return;
      settled = true;
      controller.abort();
      reject(new KubeTimeoutError(transport.origin, 'GET', path, transport.requestTimeoutMs, 1));
    }, transport.requestTimeoutMs);
    const req = transport.open('GET', path, {}, AbortSignal.any([signal, controller.signal]), (res) => {
      clearTimeout(noAnswer);
      const status = res.statusCode ?? 0;
      if (status === 410) return finish({ kind: 'gone' });
      if (status !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const msg = statusMessage({
            status,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          if (status === 429 || status >= 500)
            finish({ kind: 'error', message: `HTTP ${status}: ${msg.message}` });
          else if (!settled) {
            settled = true;
            reject(apiError(status, msg));
          }
        });
        res.on('error', () => finish({ kind: 'error', message: `HTTP ${status}` }));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while (!settled && (nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          let ev: { type?: string; object?: KubeObject & { code?: number } };
          try {
            ev = JSON.parse(line) as typeof ev;
          } catch {
            finish({ kind: 'error', message: 'unreadable watch event' });
            return;
          }
          if (ev.type === 'ERROR') {
            if (ev.object?.code === 410) finish({ kind: 'gone' });
            else finish({ kind: 'error', message: watchErrorMessage(ev.object) });
            return;
          }
          if (
            ev.object &&
            (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED' || ev.type === 'BOOKMARK')
          ) {
            if (onEvent({ type: ev.type, object: ev.object })) {
              finish({ kind: 'done' });
              return;
            }
          }
        }
      });
      res.on('end', () => finish({ kind: 'closed' }));
      res.on('error', (e) => finish({ kind: 'error', message: e.message }));
      res.on('close', () => finish({ kind: 'closed' }));
    });
    req.on('error', (e) => finish({ kind: 'error', message: e.message }));
    req.end();
  });
}
