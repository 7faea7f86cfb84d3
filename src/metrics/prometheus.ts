// A small Prometheus HTTP API client (instant queries) and the per-version window stats from
// Istio's standard metrics, reporter="destination" (the server-side view of each workload).
// Errors and warnings quote the server's text as one line (src/one-line.ts). Retries go
// through src/retry.ts.
import { IstioCanaryError } from '../errors.js';
import type { VersionStats } from '../model.js';
import { oneLine } from '../one-line.js';
import { describeAuthStatus, describeNetworkError } from '../traffic/net-errors.js';
import type { ProxyEnv } from '../http/proxy.js';
import { fetchFor } from '../http/transport.js';
import { describeRedirect, isRedirect } from '../http/redirect.js';
import { showUrl } from '../redact.js';
import { parseRetryAfter, retry, type RetryPolicy, type Sleep } from '../retry.js';

export interface PrometheusOptions {
  /** Base URL, e.g. http://prometheus.istio-system:9090 (a path prefix is kept). */
  url: string;
  /** Extra headers, e.g. { authorization: 'Bearer …' } or basic auth; never logged. */
  headers?: Record<string, string>;
  /** POST form bodies (long queries, proxies that cache GET); default GET. */
  method?: 'GET' | 'POST';
  /** Attempts on 5xx, 429 and network errors; default 4. */
  attempts?: number;
  /** First backoff; doubles per attempt, capped at 5 s (Retry-After honoured up to that cap). */
  backoffMs?: number;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** https_proxy/http_proxy/no_proxy (src/http/proxy.ts decides); default: this process's variables. */
  proxy?: ProxyEnv;
  /** The wait between retries (default: src/retry.ts's cancellable sleep); tests record the delays asked for. */
  sleep?: Sleep;
}

export interface PromSample {
  metric: Record<string, string>;
  /** NaN, +Inf and -Inf are kept as such: callers decide what "no value" means. */
  value: number;
}

export interface QueryResult {
  samples: PromSample[];
  warnings: string[];
}

/** A failed query; the message quotes the server's text as one line (src/one-line.ts). */
export class PrometheusError extends IstioCanaryError {
  constructor(
    message: string,
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(oneLine(message), options);
  }
}

const MAX_BACKOFF_MS = 5000;

/** A failure another attempt may cure: no answer (status null), 429 or 5xx. */
const isTransient = (err: unknown): err is PrometheusError =>
  err instanceof PrometheusError && (err.status === null || err.status === 429 || err.status >= 500);

/** Prometheus renders special floats as strings: "NaN", "+Inf", "-Inf". */
export function parsePromValue(text: string): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      return Number(text);
  }
}

interface ApiBody {
  status?: string;
  error?: string;
  errorType?: string;
  warnings?: string[];
  data?: { resultType?: string; result?: unknown };
}

/**
 * The URL of one API call: the base's path (a prefix like /prometheus kept) plus `api`, the
 * base's query parameters kept (a gateway's `?tenant=` or `?access_token=`) and `params` set
 * over them; the fragment dropped. Built with the URL API, never by appending text (pure).
 */
export function apiUrl(base: string, api: string, params?: URLSearchParams): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${api.replace(/^\/+/, '')}`;
  url.hash = '';
  for (const [name, value] of params ?? []) url.searchParams.set(name, value);
  return url;
}

export class PrometheusClient {
  private readonly base: string;
  /** The base as it may be shown (src/redact.ts showUrl). */
  private readonly shown: string;
  private readonly fetchImpl: typeof fetch;
  constructor(private readonly opts: PrometheusOptions) {
    this.base = opts.url;
    this.shown = showUrl(opts.url).replace(/\/$/, '');
    this.fetchImpl = opts.fetch ?? fetchFor(this.base, opts.proxy).fetch;
  }

  /**
   * Instant query at `time` (default: now). Retries no answer, 429 and 5xx (src/retry.ts):
   * `attempts` in all, backoffMs doubling to 5 s, a Retry-After honoured up to 5 s.
   */
  async query(expr: string, time?: Date, signal?: AbortSignal): Promise<QueryResult> {
    const params = new URLSearchParams({ query: expr });
    if (time) params.set('time', (time.getTime() / 1000).toFixed(3));
    const policy: RetryPolicy = {
      attempts: this.opts.attempts ?? 4,
      baseDelayMs: this.opts.backoffMs ?? 250,
      maxDelayMs: MAX_BACKOFF_MS,
    };
    let retryAfterMs: number | null = null;
    return retry(
      async () => {
        retryAfterMs = null;
        let res: Response;
        let text: string;
        try {
          res = await this.send(params, signal);
          text = await res.text();
        } catch (err) {
          if (signal?.aborted) throw err;
          throw new PrometheusError(
            `Prometheus unreachable: ${describeNetworkError(err, this.shown).message}`,
            null,
            { cause: err },
          );
        }
        // Redirects are refused, named with where they point (src/http/redirect.ts).
        if (isRedirect(res.status))
          throw new PrometheusError(
            `Prometheus answered ${describeRedirect(res.status, res.headers.get('location'))}: redirects are not followed (the credentials and the query would go elsewhere); set prometheus-url to the URL that answers the API itself`,
            res.status,
          );
        if (res.status === 429 || res.status >= 500) {
          retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
          throw new PrometheusError(`Prometheus answered ${res.status}: ${text.slice(0, 200)}`, res.status);
        }
        return this.parse(res.status, text);
      },
      policy,
      {
        retryable: (err) => ({ retry: isTransient(err), afterMs: retryAfterMs }),
        signal,
        sleep: this.opts.sleep,
      },
    );
  }

  private async send(params: URLSearchParams, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 10_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...this.opts.headers };
    if (this.opts.method === 'POST') {
      return this.fetchImpl(apiUrl(this.base, 'api/v1/query').href, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: params.toString(),
        signal: combined,
        redirect: 'manual',
      });
    }
    return this.fetchImpl(apiUrl(this.base, 'api/v1/query', params).href, {
      headers,
      signal: combined,
      redirect: 'manual',
    });
  }

  private parse(status: number, text: string): QueryResult {
    let body: ApiBody;
    try {
      body = JSON.parse(text) as ApiBody;
    } catch {
      if (status === 401 || status === 403)
        throw new PrometheusError(
          `Prometheus query failed: ${describeAuthStatus(status, text.slice(0, 200))} (check prometheus-auth)`,
          status,
        );
      throw new PrometheusError(
        `Prometheus answered ${status} with a non-JSON body: ${text.slice(0, 200)}`,
        status,
      );
    }
    if (status === 401 || status === 403)
      throw new PrometheusError(
        `Prometheus query failed: ${describeAuthStatus(status, body.error)} (check prometheus-auth)`,
        status,
      );
    if (status >= 400 || body.status !== 'success') {
      throw new PrometheusError(
        `Prometheus query failed (${status}${body.errorType ? `, ${body.errorType}` : ''}): ${body.error ?? text.slice(0, 200)}`,
        status,
      );
    }
    const warnings = Array.isArray(body.warnings) ? body.warnings.map((w) => oneLine(String(w))) : [];
    const data = body.data ?? {};
    const samples: PromSample[] = [];
    if (data.resultType === 'vector' && Array.isArray(data.result)) {
      for (const r of data.result as { metric?: Record<string, string>; value?: [number, string] }[]) {
        samples.push({ metric: r.metric ?? {}, value: parsePromValue(r.value?.[1] ?? 'NaN') });
      }
    } else if (data.resultType === 'scalar' && Array.isArray(data.result)) {
      samples.push({ metric: {}, value: parsePromValue(String((data.result as unknown[])[1])) });
    } else {
      throw new PrometheusError(`expected an instant vector, got ${String(data.resultType)}`, status);
    }
    return { samples, warnings };
  }
}

/** A label value as a literal inside a PromQL =~ regex string: regex-escaped, then string-escaped. */
function quoteRegex(value: string): string {
  const re = value.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&');
  return re.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export interface WorkloadQuery {
  namespace: string;
  workloads: string[];
  /** Window length in whole seconds (the [Ns] range). */
  seconds: number;
}

/** The PromQL for one window: requests, 5xx, and the three percentiles, per destination_workload. */
export function windowQueries(q: WorkloadQuery): {
  requests: string;
  errors: string;
  quantile: (p: number) => string;
} {
  const ns = q.namespace.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const sel = `reporter="destination",destination_workload_namespace="${ns}",destination_workload=~"${q.workloads.map(quoteRegex).join('|')}"`;
  const range = `[${Math.max(1, Math.round(q.seconds))}s]`;
  return {
    requests: `sum by (destination_workload) (increase(istio_requests_total{${sel}}${range}))`,
    errors: `sum by (destination_workload) (increase(istio_requests_total{${sel},response_code=~"5.."}${range}))`,
    quantile: (p) =>
      `histogram_quantile(${p}, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}${range})))`,
  };
}

const finiteOrNull = (v: number | undefined): number | null =>
  v === undefined || !Number.isFinite(v) ? null : v;

function byWorkload(r: QueryResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of r.samples) m.set(s.metric.destination_workload ?? '', s.value);
  return m;
}

/**
 * Per-workload stats over the window ending at `end`. A workload with no series (no traffic)
 * gets null: the judge turns that into "inconclusive", never a pass.
 */
export async function queryWindowStats(
  client: PrometheusClient,
  q: WorkloadQuery,
  end: Date,
  signal?: AbortSignal,
): Promise<{ stats: Map<string, VersionStats | null>; warnings: string[] }> {
  const qs = windowQueries(q);
  const [req, err, p50, p90, p99] = await Promise.all([
    client.query(qs.requests, end, signal),
    client.query(qs.errors, end, signal),
    client.query(qs.quantile(0.5), end, signal),
    client.query(qs.quantile(0.9), end, signal),
    client.query(qs.quantile(0.99), end, signal),
  ]);
  const warnings = [...new Set([req, err, p50, p90, p99].flatMap((r) => r.warnings))];
  const [mReq, mErr, m50, m90, m99] = [req, err, p50, p90, p99].map(byWorkload) as [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ];
  const stats = new Map<string, VersionStats | null>();
  for (const w of q.workloads) {
    const raw = finiteOrNull(mReq.get(w));
    if (raw === null) {
      stats.set(w, null);
      continue;
    }
    // increase() extrapolates to the window edges, so counts are fractional: round for display.
    const requests = Math.round(raw);
    const errors = Math.min(requests, Math.round(finiteOrNull(mErr.get(w)) ?? 0));
    stats.set(w, {
      requests,
      errors,
      rps: raw / q.seconds,
      successRate: requests > 0 ? 1 - errors / requests : null,
      p50Ms: requests > 0 ? finiteOrNull(m50.get(w)) : null,
      p90Ms: requests > 0 ? finiteOrNull(m90.get(w)) : null,
      p99Ms: requests > 0 ? finiteOrNull(m99.get(w)) : null,
      errorsByKind: errors > 0 ? { '5xx': errors } : {},
    });
  }
  return { stats, warnings };
}
