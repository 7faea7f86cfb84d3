// The Kubernetes API client: the only code that talks to the API server (besides preflight).
// Auth and TLS come from @kubernetes/client-node's KubeConfig; requests are raw HTTP so that
// retries, dry-run, server-side apply and watches are all handled in one place.
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../ports.js';
import { describeAuthStatus, describeNetworkError, isTlsError } from '../traffic/net-errors.js';
import { oneLine } from '../one-line.js';

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeMetadata;
};

export interface KubeMetadata {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string | null;
}

export interface WriteOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface ApplyOptions extends WriteOptions {
  /** Take over fields owned by other managers (kubectl --force-conflicts). */
  force?: boolean;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The API surface the rest of the code uses (promote, manifests, rollout). */
export interface Kube {
  /** The object, or null when it does not exist (404). */
  get(ref: ObjectRef, options?: { signal?: AbortSignal }): Promise<KubeObject | null>;
  list(
    apiVersion: string,
    kind: string,
    namespace: string | null,
    options?: { labelSelector?: string; signal?: AbortSignal },
  ): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  create(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Server-side apply, field manager `istio-canary`. */
  apply(obj: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  /** PUT with metadata.resourceVersion: a 409 KubeApiError when someone else wrote in between. */
  replace(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** JSON merge patch. */
  patch(ref: ObjectRef, patch: Record<string, unknown>, options?: WriteOptions): Promise<KubeObject>;
  delete(ref: ObjectRef, options?: WriteOptions): Promise<void>;
  /**
   * Resolves with the object as soon as `done(obj)` is true, watching (not polling) from the
   * resourceVersion read; dropped watches resume from the last resourceVersion, 410 relists.
   * Rejects with `describe(last)` when the timeout passes.
   */
  waitFor(
    ref: ObjectRef,
    done: (obj: KubeObject | null) => boolean,
    options: WaitOptions & { describe?: (last: KubeObject | null) => string },
  ): Promise<KubeObject | null>;
  /** Whether the API serves this apiVersion/kind (discovery). */
  resource(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo>;
}

export interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

export { FIELD_MANAGER, KubeApiError, UnknownKindError, isRequestFault } from './errors.js';
import { FIELD_MANAGER, KubeApiError, UnknownKindError, isRequestFault } from './errors.js';

export interface RetryPolicy {
  /** Attempts per request including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 3000,
  maxRetryAfterMs: 10_000,
};

export interface KubeClientOptions {
  kubeconfig: string;
  context?: string | null;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /**
   * How long one request may wait for its whole answer (a watch: for the answer to start).
   * Default: $ISTIO_CANARY_KUBE_TIMEOUT_MS, else 30 s.
   */
  requestTimeoutMs?: number;
  /** The wait between retries (default: an abortable timer); tests record the delays asked for. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Environment variable that bounds every Kubernetes API request (milliseconds), for slow clusters and tests. */
export const KUBE_TIMEOUT_ENV = 'ISTIO_CANARY_KUBE_TIMEOUT_MS';
export const DEFAULT_KUBE_TIMEOUT_MS = 30_000;

/** The request timeout from ISTIO_CANARY_KUBE_TIMEOUT_MS; a missing or bad value gives the default. */
export function kubeTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[KUBE_TIMEOUT_ENV]?.trim();
  return raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : DEFAULT_KUBE_TIMEOUT_MS;
}

/**
 * The API server took the request but sent no (complete) answer in time. A hung server is
 * asked twice, not `attempts` times: each try would hold the run for the whole timeout.
 */
export class KubeTimeoutError extends Error {
  override name = 'KubeTimeoutError';
  constructor(server: string, method: string, path: string, timeoutMs: number, attempts: number) {
    super(
      `the Kubernetes API server at ${server} did not answer ${method} ${path.split('?')[0]}${/[?&]watch=true/.test(path) ? ' (watch)' : ''} within ${timeoutMs / 1000} s${attempts > 1 ? ` (${attempts} attempts)` : ''}; check that it is up and not overloaded (kubectl get --raw /readyz), or raise ${KUBE_TIMEOUT_ENV} (milliseconds)`,
    );
  }
}

/** Attempts of a request that times out (see KubeTimeoutError). */
const TIMEOUT_ATTEMPTS = 2;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** A failure to reach the server at all (TLS, DNS, socket), as opposed to a bug or an abort. */
function isConnectionError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return isTlsError(err) || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
}

function isTransientNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  if (code && RETRYABLE_CODES.has(code)) return true;
  return /socket hang up|ECONNRESET|other side closed/i.test(err.message);
}

/** Retry-After in seconds (or an HTTP date), as milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Exponential backoff with full jitter, bounded; Retry-After wins when given (also bounded). */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | null,
  random = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

function statusMessage(res: RawResponse): { reason: string | null; message: string } {
  try {
    const status = JSON.parse(res.body) as { message?: unknown; reason?: unknown };
    if (typeof status.message === 'string' && status.message)
      return {
        reason: typeof status.reason === 'string' ? status.reason : null,
        message: oneLine(status.message),
      };
  } catch {
    // not a Status object: fall through to the raw body
  }
  const text = res.body.trim().slice(0, 300);
  return { reason: null, message: oneLine(text) || `HTTP ${res.status}` };
}

/** The error for an answer that is not retried; a 401's Status says only "Unauthorized", so its message says what that means. */
function apiError(status: number, m: { reason: string | null; message: string }): KubeApiError {
  return new KubeApiError(status, m.reason, status === 401 ? describeAuthStatus(401, m.message) : m.message);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function basePath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

function watchErrorMessage(o: unknown): string {
  const m = typeof o === 'object' && o !== null ? (o as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : 'watch error';
}

const noopLogger: Logger = { info() {}, warning() {}, error() {}, debug() {} };

export async function createKubeClient(options: KubeClientOptions): Promise<KubeClient> {
  const kc = new KubeConfig();
  kc.loadFromString(options.kubeconfig);
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const names = kc.getContexts().map((c) => c.name);
      throw new Error(
        `context: no context "${options.context}" in the kubeconfig; it has: ${names.join(', ') || 'none'}`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig: the current context names no cluster');
  const server = new URL(cluster.server);
  const authenticate = async (): Promise<https.RequestOptions> => {
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    return opts;
  };
  return new KubeClient(server, await authenticate(), authenticate, options);
}

/** Credentials from exec plugins and OIDC expire: they are asked again this often (client-node caches them). */
const AUTH_REFRESH_MS = 60_000;

export class KubeClient implements Kube {
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly discovery = new Map<string, Promise<Map<string, ResourceInfo>>>();
  private readonly requestTimeoutMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  private authAt = Date.now();

  constructor(
    private readonly server: URL,
    private base: https.RequestOptions,
    private readonly authenticate: () => Promise<https.RequestOptions>,
    options: KubeClientOptions,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.logger = options.logger ?? noopLogger;
    this.requestTimeoutMs = options.requestTimeoutMs ?? kubeTimeoutMs(process.env);
    this.sleep = options.sleep ?? sleep;
  }

  private async refreshAuth(): Promise<void> {
    if (Date.now() - this.authAt < AUTH_REFRESH_MS) return;
    this.base = await this.authenticate();
    this.authAt = Date.now();
  }

  private authHeaders(): http.OutgoingHttpHeaders {
    const h = this.base.headers;
    return h && !Array.isArray(h) ? (h as http.OutgoingHttpHeaders) : {};
  }

  /** One HTTP exchange, no retry. */
  private send(
    method: string,
    path: string,
    body: string | null,
    contentType: string | null,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const mod = this.server.protocol === 'https:' ? https : http;
      const prefix = this.server.pathname.replace(/\/$/, '');
      const headers: http.OutgoingHttpHeaders = { ...this.authHeaders(), accept: 'application/json' };
      if (body !== null) {
        headers['content-type'] = contentType ?? 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = mod.request(
        {
          ...this.base,
          protocol: this.server.protocol,
          hostname: this.server.hostname,
          port: this.server.port || undefined,
          method,
          path: prefix + path,
          headers,
          signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      // The whole answer within the timeout (a socket idle timer would let a trickle go on).
      const timer = setTimeout(
        () => req.destroy(new KubeTimeoutError(this.server.origin, method, path, this.requestTimeoutMs, 1)),
        this.requestTimeoutMs,
      );
      req.on('close', () => clearTimeout(timer));
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }

  /** A request with bounded retries on 5xx, 429 (Retry-After) and connection errors. */
  async request(
    method: string,
    path: string,
    body: unknown = null,
    options: { contentType?: string; signal?: AbortSignal; allow404?: boolean } = {},
  ): Promise<{ status: number; json: unknown }> {
    const payload = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
    let lastError = '';
    let timeouts = 0;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      let retryAfter: number | null = null;
      try {
        await this.refreshAuth();
        const res = await this.send(method, path, payload, options.contentType ?? null, options.signal);
        if (res.status >= 200 && res.status < 300)
          return { status: res.status, json: res.body ? (JSON.parse(res.body) as unknown) : null };
        if (res.status === 404 && options.allow404) return { status: 404, json: null };
        const { reason, message } = statusMessage(res);
        if ((res.status === 429 || res.status >= 500) && !isRequestFault(res.status, message)) {
          retryAfter = parseRetryAfter(res.headers['retry-after']);
          lastError = `${method} ${path}: HTTP ${res.status}: ${message}`;
        } else {
          throw apiError(res.status, { reason, message });
        }
      } catch (err) {
        if (err instanceof KubeApiError) throw err;
        if (options.signal?.aborted) throw err;
        if (err instanceof KubeTimeoutError && ++timeouts >= TIMEOUT_ATTEMPTS)
          throw new KubeTimeoutError(this.server.origin, method, path, this.requestTimeoutMs, timeouts);
        // TLS and DNS failures are not retried; their message names the cause and the server.
        if (!(err instanceof KubeTimeoutError) && !isTransientNetworkError(err))
          throw isConnectionError(err)
            ? Object.assign(new Error(describeNetworkError(err, this.server.origin).message), { cause: err })
            : err;
        lastError = `${method} ${path}: ${(err as Error).message}`;
      }
      if (attempt + 1 >= this.retry.attempts) break;
      const delay = backoffDelay(attempt, this.retry, retryAfter);
      this.logger.debug(`retrying in ${delay} ms: ${lastError}`);
      await this.sleep(delay, options.signal);
    }
    throw new TransientError(
      `Kubernetes API unavailable after ${this.retry.attempts} attempts: ${lastError}`,
    );
  }

  async resource(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo> {
    let entry = this.discovery.get(apiVersion);
    if (!entry) {
      entry = this.request('GET', basePath(apiVersion), null, { signal, allow404: true }).then(
        ({ status, json }) => {
          const map = new Map<string, ResourceInfo>();
          if (status === 404) return map;
          const resources =
            (json as { resources?: { name: string; kind: string; namespaced: boolean }[] }).resources ?? [];
          for (const r of resources)
            if (!r.name.includes('/')) map.set(r.kind, { plural: r.name, namespaced: r.namespaced });
          return map;
        },
      );
      this.discovery.set(apiVersion, entry);
      // A failed discovery is not cached: the next call asks again.
      entry.catch(() => this.discovery.delete(apiVersion));
    }
    const info = (await entry).get(kind);
    if (!info) {
      // The kind may have appeared since (a CRD applied earlier in this run): ask once more.
      this.discovery.delete(apiVersion);
      const fresh = await this.request('GET', basePath(apiVersion), null, { signal, allow404: true });
      const resources =
        fresh.status === 404
          ? []
          : ((fresh.json as { resources?: { name: string; kind: string; namespaced: boolean }[] })
              .resources ?? []);
      const found = resources.find((r) => r.kind === kind && !r.name.includes('/'));
      if (!found)
        throw new UnknownKindError(
          `the cluster does not serve ${kind} in ${apiVersion}${fresh.status === 404 ? ` (no API group/version ${apiVersion})` : ''}; is its CRD installed?`,
        );
      return { plural: found.name, namespaced: found.namespaced };
    }
    return info;
  }

  private async collectionPath(
    apiVersion: string,
    kind: string,
    namespace: string | null | undefined,
    signal?: AbortSignal,
  ) {
    const info = await this.resource(apiVersion, kind, signal);
    const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
    return `${basePath(apiVersion)}${ns}/${info.plural}`;
  }

  private async objectPath(ref: ObjectRef, signal?: AbortSignal): Promise<string> {
    return `${await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal)}/${encodeURIComponent(ref.name)}`;
  }

  async get(ref: ObjectRef, options: { signal?: AbortSignal } = {}): Promise<KubeObject | null> {
    const { status, json } = await this.request('GET', await this.objectPath(ref, options.signal), null, {
      ...options,
      allow404: true,
    });
    return status === 404 ? null : (json as KubeObject);
  }

  async list(
    apiVersion: string,
    kind: string,
    namespace: string | null,
    options: { labelSelector?: string; signal?: AbortSignal } = {},
  ): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const q = new URLSearchParams();
    if (options.labelSelector) q.set('labelSelector', options.labelSelector);
    const qs = q.size ? `?${q.toString()}` : '';
    const { json } = await this.request(
      'GET',
      `${await this.collectionPath(apiVersion, kind, namespace, options.signal)}${qs}`,
      null,
      options,
    );
    const list = json as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
    // Lists omit apiVersion/kind on items: put them back so the objects can be written as they are.
    const items = (list.items ?? []).map((i) => ({ apiVersion, kind, ...i }));
    return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  private writeQuery(extra: Record<string, string>, dryRun?: boolean): string {
    const q = new URLSearchParams({ fieldManager: FIELD_MANAGER, ...extra });
    if (dryRun) q.set('dryRun', 'All');
    return `?${q.toString()}`;
  }

  private refOf(obj: KubeObject): ObjectRef {
    const name = obj.metadata?.name;
    if (!obj.apiVersion || !obj.kind || !name)
      throw new Error('object needs apiVersion, kind and metadata.name');
    return { apiVersion: obj.apiVersion, kind: obj.kind, name, namespace: obj.metadata?.namespace ?? null };
  }

  async create(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const ref = this.refOf(obj);
    const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, options.signal);
    const { json } = await this.request('POST', path + this.writeQuery({}, options.dryRun), obj, {
      signal: options.signal,
    });
    return json as KubeObject;
  }

  async apply(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const path = await this.objectPath(this.refOf(obj), options.signal);
    const q = this.writeQuery(options.force ? { force: 'true' } : {}, options.dryRun);
    const { json } = await this.request('PATCH', path + q, obj, {
      contentType: 'application/apply-patch+yaml',
      signal: options.signal,
    });
    return json as KubeObject;
  }

  async replace(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    if (!obj.metadata?.resourceVersion)
      throw new Error('replace needs metadata.resourceVersion (optimistic concurrency)');
    const path = await this.objectPath(this.refOf(obj), options.signal);
    const { json } = await this.request('PUT', path + this.writeQuery({}, options.dryRun), obj, {
      signal: options.signal,
    });
    return json as KubeObject;
  }

  async patch(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const path = await this.objectPath(ref, options.signal);
    const { json } = await this.request('PATCH', path + this.writeQuery({}, options.dryRun), patch, {
      contentType: 'application/merge-patch+json',
      signal: options.signal,
    });
    return json as KubeObject;
  }

  async delete(ref: ObjectRef, options: WriteOptions = {}): Promise<void> {
    const path = await this.objectPath(ref, options.signal);
    const q = options.dryRun ? '?dryRun=All' : '';
    await this.request('DELETE', path + q, null, { signal: options.signal, allow404: true });
  }

  async waitFor(
    ref: ObjectRef,
    done: (obj: KubeObject | null) => boolean,
    options: WaitOptions & { describe?: (last: KubeObject | null) => string },
  ): Promise<KubeObject | null> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const collection = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal);
    let last: KubeObject | null = null;
    const fail = (): never => {
      if (options.signal?.aborted)
        throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
      const why = options.describe
        ? options.describe(last)
        : `${ref.kind} ${ref.name} did not reach the wanted state`;
      throw new Error(`timed out after ${options.timeoutMs} ms: ${why}`);
    };
    let relistAttempt = 0;
    for (;;) {
      // (Re)list: the current object and the resourceVersion to watch from.
      let rv: string;
      try {
        const { status, json } = await this.request(
          'GET',
          `${collection}/${encodeURIComponent(ref.name)}`,
          null,
          { signal, allow404: true },
        );
        last = status === 404 ? null : (json as KubeObject);
        if (done(last)) return last;
        if (last?.metadata?.resourceVersion) rv = last.metadata.resourceVersion;
        else {
          const list = await this.request(
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
        await this.refreshAuth().catch(() => undefined);
        const outcome = await this.watchOnce(`${collection}?${q.toString()}`, signal, (ev) => {
          if (ev.object.metadata?.resourceVersion) rv = ev.object.metadata.resourceVersion;
          if (ev.type === 'BOOKMARK') return false;
          last = ev.type === 'DELETED' ? null : ev.object;
          return done(last);
        });
        if (outcome.kind === 'done') return last;
        if (signal.aborted) fail();
        if (outcome.kind === 'gone') break;
        if (outcome.kind === 'error') {
          this.logger.debug(
            `watch ${ref.kind} ${ref.name} dropped (${outcome.message}); resuming from ${rv}`,
          );
          await sleep(backoffDelay(Math.min(watchAttempt++, 4), this.retry, null), signal).catch(
            () => undefined,
          );
        } else {
          watchAttempt = 0;
        }
      }
      this.logger.debug(`watch ${ref.kind} ${ref.name}: resourceVersion ${rv} expired (410); relisting`);
      await sleep(backoffDelay(Math.min(relistAttempt++, 4), this.retry, null), signal).catch(
        () => undefined,
      );
    }
  }

  /**
   * One watch connection. Resolves 'done' when onEvent returns true, 'closed' when the server
   * ends the stream, 'gone' on 410, 'error' on a transport error or a retryable status.
   */
  private watchOnce(
    path: string,
    signal: AbortSignal,
    onEvent: (ev: WatchEvent) => boolean,
  ): Promise<{ kind: 'done' | 'closed' | 'gone' } | { kind: 'error'; message: string }> {
    return new Promise((resolve, reject) => {
      const mod = this.server.protocol === 'https:' ? https : http;
      const prefix = this.server.pathname.replace(/\/$/, '');
      const controller = new AbortController();
      const both = AbortSignal.any([signal, controller.signal]);
      let settled = false;
      const finish = (v: { kind: 'done' | 'closed' | 'gone' } | { kind: 'error'; message: string }) => {
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
        reject(new KubeTimeoutError(this.server.origin, 'GET', path, this.requestTimeoutMs, 1));
      }, this.requestTimeoutMs);
      const req = mod.request(
        {
          ...this.base,
          protocol: this.server.protocol,
          hostname: this.server.hostname,
          port: this.server.port || undefined,
          method: 'GET',
          path: prefix + path,
          headers: { ...this.authHeaders(), accept: 'application/json' },
          signal: both,
        },
        (res) => {
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
                (ev.type === 'ADDED' ||
                  ev.type === 'MODIFIED' ||
                  ev.type === 'DELETED' ||
                  ev.type === 'BOOKMARK')
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
        },
      );
      req.on('error', (e) => finish({ kind: 'error', message: e.message }));
      req.end();
    });
  }
}

export { sleep as abortableSleep };
