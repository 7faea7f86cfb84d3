// How the Kubernetes client reaches the API server: the one request builder (address, path
// prefix, TLS and credentials from the kubeconfig) used by plain requests and watches alike,
// credentials asked again before they expire, every request bounded in time, and the retries
// of a request through src/retry.ts. Discovery and CRUD (resources.ts) and watches (watch.ts)
// are built on it. Requests are raw HTTP so that retries, dry-run, server-side apply and
// watches are all handled by our code; client-node only reads the kubeconfig.
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../ports.js';
import { parseRetryAfter, retry, sleep, type RetryPolicy, type Sleep } from '../retry.js';
import { describeAuthStatus, describeNetworkError, isTlsError } from '../traffic/net-errors.js';
import { oneLine } from '../one-line.js';
import {
  DEFAULT_KUBE_TIMEOUT_MS,
  KubeApiError,
  KubeTimeoutError,
  KubeUnavailableError,
  isRequestFault,
} from './errors.js';

/**
 * Every Kubernetes request: 8 attempts, 100 ms doubling to 3 s with full jitter, a server's
 * Retry-After honoured up to 10 s.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 100,
  maxDelayMs: 3000,
  maxRetryAfterMs: 10_000,
  jitter: true,
};

export interface KubeClientOptions {
  kubeconfig: string;
  context?: string | null;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /**
   * How long one request may wait for its whole answer (a watch: for the answer to start).
   * Default: DEFAULT_KUBE_TIMEOUT_MS (Settings.kubeTimeoutMs carries the variable's value).
   */
  requestTimeoutMs?: number;
  /** The wait between retries (default: src/retry.ts's cancellable sleep); tests record the delays asked for. */
  sleep?: Sleep;
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

/** One failed attempt that another may cure (5xx, 429, a dropped or silent connection); a KubeTimeoutError ends the retries. */
const isFailedAttempt = (err: unknown): err is KubeUnavailableError =>
  err instanceof KubeUnavailableError && !(err instanceof KubeTimeoutError);

/** The Status message of an error answer (as one line), else the start of its body. */
export function statusMessage(res: RawResponse): { reason: string | null; message: string } {
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
export function apiError(status: number, m: { reason: string | null; message: string }): KubeApiError {
  return new KubeApiError(status, m.reason, status === 401 ? describeAuthStatus(401, m.message) : m.message);
}

const noopLogger: Logger = { info() {}, warning() {}, error() {}, debug() {} };

/** Credentials from exec plugins and OIDC expire: they are asked again this often (client-node caches them). */
const AUTH_REFRESH_MS = 60_000;

export interface RequestOptions {
  contentType?: string;
  signal?: AbortSignal;
  allow404?: boolean;
  /** What the request is about (`Deployment test/web`), for the warnings the server sends; default: method and path. */
  subject?: string;
}

/**
 * The texts of `Warning` response headers (RFC 7234: `299 - "text"`, an optional quoted date;
 * several per header, comma-separated, as Kubernetes sends them and node joins repeats).
 */
export function parseWarnings(header: string | string[] | undefined): string[] {
  const out: string[] = [];
  for (const value of Array.isArray(header) ? header : header === undefined ? [] : [header]) {
    const re = /\s*\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/gy;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = re.exec(value)) !== null && m[0] !== '') {
      out.push(m[1]!.replace(/\\(.)/g, '$1'));
      end = re.lastIndex;
    }
    // Not in the RFC form: shown as it came, so no warning is lost.
    if (end < value.trim().length) out.push(value.slice(end).trim());
  }
  return out;
}

export class KubeTransport {
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  readonly requestTimeoutMs: number;
  private readonly sleep: Sleep;
  private readonly prefix: string;
  private authAt = Date.now();
  /** Warnings already logged (subject and text): a warning repeated by every poll is shown once. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly server: URL,
    private base: https.RequestOptions,
    private readonly authenticate: () => Promise<https.RequestOptions>,
    options: Omit<KubeClientOptions, 'kubeconfig' | 'context'>,
  ) {
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.logger = options.logger ?? noopLogger;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_KUBE_TIMEOUT_MS;
    this.sleep = options.sleep ?? sleep;
    this.prefix = server.pathname.replace(/\/$/, '');
  }

  /** The API server's origin, as messages name it. */
  get origin(): string {
    return this.server.origin;
  }

  async refreshAuth(): Promise<void> {
    if (Date.now() - this.authAt < AUTH_REFRESH_MS) return;
    this.base = await this.authenticate();
    this.authAt = Date.now();
  }

  private authHeaders(): http.OutgoingHttpHeaders {
    const h = this.base.headers;
    return h && !Array.isArray(h) ? (h as http.OutgoingHttpHeaders) : {};
  }

  /**
   * The one request builder: the server's address and path prefix, TLS and credentials from
   * the kubeconfig, JSON accepted. The caller ends the request and reads the response.
   */
  open(
    method: string,
    path: string,
    headers: http.OutgoingHttpHeaders,
    signal: AbortSignal | undefined,
    onResponse: (res: http.IncomingMessage) => void,
  ): http.ClientRequest {
    const mod = this.server.protocol === 'https:' ? https : http;
    return mod.request(
      {
        ...this.base,
        protocol: this.server.protocol,
        hostname: this.server.hostname,
        port: this.server.port || undefined,
        method,
        path: this.prefix + path,
        headers: { ...this.authHeaders(), accept: 'application/json', ...headers },
        signal,
      },
      onResponse,
    );
  }

  /** One HTTP exchange, no retry; the whole answer within the timeout. */
  private send(
    method: string,
    path: string,
    body: string | null,
    contentType: string | null,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders =
        body === null
          ? {}
          : { 'content-type': contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = this.open(method, path, headers, signal, (res) => {
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
      });
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

  /** Every `Warning` header the server sent (unknown fields dropped, deprecated APIs), as a warning naming what it is about. */
  private logWarnings(subject: string, header: string | string[] | undefined): void {
    for (const text of parseWarnings(header)) {
      const key = `${subject}\n${text}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      this.logger.warning(`the Kubernetes API server warns about ${subject}: ${oneLine(text)}`);
    }
  }

  /**
   * A request with bounded retries (src/retry.ts) on 5xx, 429 (Retry-After) and dropped
   * connections; a silent server is asked TIMEOUT_ATTEMPTS times. Throws KubeApiError for an
   * answer not retried, KubeUnavailableError when the server stayed down, KubeTimeoutError
   * when it stayed silent, and the cancel's reason when the signal aborts.
   */
  async request(
    method: string,
    path: string,
    body: unknown = null,
    options: RequestOptions = {},
  ): Promise<{ status: number; json: unknown }> {
    const payload = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
    let timeouts = 0;
    let retryAfterMs: number | null = null;
    const attempt = async (): Promise<{ status: number; json: unknown }> => {
      retryAfterMs = null;
      try {
        await this.refreshAuth();
        const res = await this.send(method, path, payload, options.contentType ?? null, options.signal);
        this.logWarnings(options.subject ?? `${method} ${path}`, res.headers.warning);
        if (res.status >= 200 && res.status < 300)
          return { status: res.status, json: res.body ? (JSON.parse(res.body) as unknown) : null };
        if (res.status === 404 && options.allow404) return { status: 404, json: null };
        const { reason, message } = statusMessage(res);
        if ((res.status === 429 || res.status >= 500) && !isRequestFault(res.status, message)) {
          retryAfterMs = parseRetryAfter(res.headers['retry-after']);
          throw new KubeUnavailableError(`${method} ${path}: HTTP ${res.status}: ${message}`, 1);
        }
        throw apiError(res.status, { reason, message });
      } catch (err) {
        if (err instanceof KubeApiError || isFailedAttempt(err) || options.signal?.aborted) throw err;
        if (err instanceof KubeTimeoutError && ++timeouts >= TIMEOUT_ATTEMPTS)
          throw new KubeTimeoutError(this.server.origin, method, path, this.requestTimeoutMs, timeouts);
        // TLS and DNS failures are not retried; their message names the cause and the server.
        if (!(err instanceof KubeTimeoutError) && !isTransientNetworkError(err))
          throw isConnectionError(err)
            ? Object.assign(new Error(describeNetworkError(err, this.server.origin).message), { cause: err })
            : err;
        throw new KubeUnavailableError(`${method} ${path}: ${(err as Error).message}`, 1, { cause: err });
      }
    };
    try {
      return await retry(attempt, this.policy, {
        retryable: (err) => ({ retry: isFailedAttempt(err), afterMs: retryAfterMs }),
        signal: options.signal,
        sleep: this.sleep,
        onRetry: (err, _n, waitMs) =>
          this.logger.debug(`retrying in ${waitMs} ms: ${(err as Error).message}`),
      });
    } catch (err) {
      if (!isFailedAttempt(err)) throw err;
      throw new KubeUnavailableError(
        `Kubernetes API unavailable after ${this.policy.attempts} attempts: ${err.message}`,
        this.policy.attempts,
        { cause: err.cause ?? err },
      );
    }
  }
}

/** The transport for a kubeconfig's current (or named) context. */
export async function createTransport(options: KubeClientOptions): Promise<KubeTransport> {
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
  return new KubeTransport(server, await authenticate(), authenticate, options);
}
