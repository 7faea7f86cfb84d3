// The promotion's Metrics: one verdict per step window from the built-in load generator, from
// Prometheus (Istio's standard metrics), or both. The load runs continuously from the first
// window until close(), as a real service's traffic would; each window reads its own slice.
import type {
  AnalysisLimits,
  Metrics,
  MetricsSource,
  Reason,
  StepWindow,
  Verdict,
  VersionStats,
} from '../model.js';
import {
  DEFAULT_VERSION_HEADER,
  LoadGenerator,
  UNATTRIBUTED,
  type VersionRecord,
  type WindowSnapshot,
} from '../traffic/loadgen.js';
import {
  DEFAULT_SEQUENTIAL,
  P99_REGRESSION_MIN_SAMPLES,
  initialSequentialState,
  judgeStep,
  sequentialLook,
  type SequentialOptions,
  type VersionData,
} from './analysis.js';
import { PrometheusClient, queryWindowStats } from './prometheus.js';
import { httpGet } from './probe-http.js';
import type { ProxyEnv } from '../http/proxy.js';
import type { MeasurementProbers } from '../promote/probe.js';

export { judgeStep, sequentialLook } from './analysis.js';
export { PrometheusClient } from './prometheus.js';

export interface CreateMetricsOptions {
  source: 'loadgen' | 'prometheus' | 'both';
  limits: AnalysisLimits;
  load?: {
    url: string;
    host?: string | null;
    rps: number;
    connections: number;
    /** Response header carrying "stable" / "canary"; default x-istio-canary. */
    headerName?: string;
    timeoutMs?: number;
    headers?: Record<string, string>;
  };
  prometheus?: {
    url: string;
    headers?: Record<string, string>;
    /** Wait this long after the window before querying, so the last scrape covers its end (≈ scrape interval). */
    settleMs?: number;
    /**
     * Shortest [range] queried, default 30 s: rate() needs a few scrapes in its range, and a
     * window the judge ended early may be shorter than that (Istio's addon scrapes every 15 s).
     */
    minRangeSeconds?: number;
  };
  logger?: { info(s: string): void };
  /** https_proxy/http_proxy/no_proxy from Settings, for Prometheus, the load and the probe (default: this process's). */
  proxy?: ProxyEnv;
  /** How often the sequential judge looks at a running window; default 1 s. */
  lookEveryMs?: number;
  /** Progress line period; default 10 s. */
  logEveryMs?: number;
  sequential?: SequentialOptions;
}

const VERSIONS = { stable: 'stable', canary: 'canary' } as const;

/**
 * A window is only as valid as its traffic. Requests of the load generator that got no HTTP
 * response at all (refused, reset, timed out, TLS or other socket errors) carry no version: they
 * may have been the canary's or stable's, so the judge cannot count them, and a window that lost
 * more than this fraction of its requests is inconclusive (never a pass), with the cause named.
 * 1% is the default max-error-rate: failures beyond it could, all on one version, hide a canary
 * that breaks the default limit. The few resets a keep-alive race can cause stay under it. HTTP
 * 5xx are responses and are judged as errors, as before.
 */
export const CONNECTION_FAILURE_TOLERANCE = 0.01;

/** Socket-level failure kinds of the load generator (see errorKind in src/traffic/loadgen.ts). */
const CONNECTION_FAILURES: Record<string, string> = {
  refused: 'connection refused (ECONNREFUSED)',
  reset: 'connection reset or closed before a response (ECONNRESET)',
  timeout: 'no response within the request timeout',
  other: 'other socket or TLS errors',
};

/**
 * The reason a window's traffic does not count, or null when it does: more than the tolerance
 * of its requests failed below HTTP (pure).
 */
export function connectionFailureReason(
  snap: Pick<WindowSnapshot, 'versions'>,
  url: string,
  tolerance = CONNECTION_FAILURE_TOLERANCE,
): Reason | null {
  let total = 0;
  for (const r of snap.versions.values()) total += r.count;
  const byKind = snap.versions.get(UNATTRIBUTED)?.errorsByKind ?? {};
  const kinds = Object.entries(byKind).filter(([k, n]) => k in CONNECTION_FAILURES && n > 0);
  const failed = kinds.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0 || failed === 0 || failed <= total * tolerance) return null;
  const what = kinds
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${CONNECTION_FAILURES[k]}`)
    .join(', ');
  return {
    metric: 'load-connection-failures',
    value: failed / total,
    limit: tolerance,
    source: 'loadgen',
    ok: false,
    message: `${failed} of ${total} load requests to ${url} failed to connect or got no response: ${what}; more than ${tolerance * 100}% of the window's traffic never reached a version, so the window is inconclusive (loadgen)`,
  };
}

/** Per-version summary of a load generator record. */
export function loadStats(r: VersionRecord | undefined, elapsedMs: number): VersionStats | null {
  if (r === undefined || r.count === 0) return null;
  const ms = (v: number | null): number | null => (v === null ? null : v / 1000);
  return {
    requests: r.count,
    errors: r.errors,
    rps: elapsedMs > 0 ? r.count / (elapsedMs / 1000) : 0,
    successRate: 1 - r.errors / r.count,
    p50Ms: ms(r.histogram.percentile(50)),
    p90Ms: ms(r.histogram.percentile(90)),
    p99Ms: ms(r.histogram.percentile(99)),
    errorsByKind: r.errorsByKind,
  };
}

function versionData(r: VersionRecord | undefined): VersionData {
  return r === undefined
    ? { requests: 0, errors: 0, samplesMs: [] }
    : { requests: r.count, errors: r.errors, samplesMs: r.samplesMs };
}

const info = (metric: string, source: MetricsSource, message: string, ok = true): Reason => ({
  metric,
  value: null,
  limit: null,
  source,
  ok,
  message: `${message} (${source})`,
});

/** Combines per-source verdicts: fail if either fails; pass if one passes; else inconclusive. */
export function combineVerdicts(verdicts: Verdict[], durationMs: number): Verdict {
  const outcome = verdicts.some((v) => v.outcome === 'fail')
    ? 'fail'
    : verdicts.some((v) => v.outcome === 'pass')
      ? 'pass'
      : 'inconclusive';
  const first = verdicts.find((v) => v.canary !== null) ?? verdicts[0];
  return {
    outcome,
    reasons: verdicts.flatMap((v) => v.reasons),
    stable: first?.stable ?? null,
    canary: first?.canary ?? null,
    durationMs,
  };
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

const fmt = (s: VersionStats | null): string =>
  s === null
    ? 'no requests'
    : `${s.requests} req, ${s.errors} errors, p99 ${s.p99Ms === null ? '-' : s.p99Ms.toFixed(1)} ms`;

/** The measurement, with what the pre-traffic probe (src/promote/probe.ts) checks before any weight moves. */
export type ProbedMetrics = Metrics & { probers: MeasurementProbers };

export function createMetrics(options: CreateMetricsOptions): ProbedMetrics {
  const useLoad = options.source !== 'prometheus';
  const useProm = options.source !== 'loadgen';
  if (useLoad && !options.load) throw new Error(`metrics: ${options.source} needs load-url`);
  if (useProm && !options.prometheus) throw new Error(`metrics: ${options.source} needs prometheus-url`);
  const limits = options.limits;
  const lookEvery = options.lookEveryMs ?? 1000;
  const logEvery = options.logEveryMs ?? 10_000;
  const log = (s: string): void => options.logger?.info(s);
  const prom = options.prometheus
    ? new PrometheusClient({
        url: options.prometheus.url,
        headers: options.prometheus.headers,
        proxy: options.proxy,
      })
    : null;
  let gen: LoadGenerator | null = null;
  /** The Host header of the load: load-host, or the default the probe found. */
  let loadHost = options.load?.host ?? null;

  function generator(): LoadGenerator {
    if (gen === null) {
      const l = options.load!;
      gen = new LoadGenerator({
        url: l.url,
        host: loadHost,
        rps: l.rps,
        connections: l.connections,
        headerName: l.headerName ?? DEFAULT_VERSION_HEADER,
        timeoutMs: l.timeoutMs,
        headers: l.headers,
        proxy: options.proxy,
      }).start();
      log(
        `load: ${l.rps} rps over ${l.connections} connections to ${l.url}${loadHost ? ` (Host: ${loadHost})` : ''}`,
      );
    }
    return gen;
  }

  function loadVerdict(snap: WindowSnapshot, extra: Reason[]): Verdict {
    const stable = loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs);
    const canary = loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs);
    const v = judgeStep(stable, canary, limits, 'loadgen', snap.elapsedMs);
    const un = snap.versions.get(UNATTRIBUTED);
    if (un !== undefined && un.count > 0) {
      const kinds = Object.entries(un.errorsByKind)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ');
      v.reasons.push(
        info(
          'unattributed',
          'loadgen',
          `${un.count} responses carried no ${options.load?.headerName ?? DEFAULT_VERSION_HEADER} header${kinds ? ` (errors ${kinds})` : ''}`,
        ),
      );
    }
    if (extra.some((r) => !r.ok)) v.outcome = 'fail';
    v.reasons.push(...extra);
    // Evidence of a bad canary stands; a pass without its traffic does not.
    const lost = connectionFailureReason(snap, options.load!.url);
    if (lost !== null) {
      if (v.outcome === 'pass') v.outcome = 'inconclusive';
      v.reasons.push(lost);
    }
    return v;
  }

  /** Runs the load generator's side of a window; returns early on a conclusive sequential look. */
  async function measureLoad(window: StepWindow, started: number): Promise<Verdict> {
    const win = generator().openWindow();
    let state = initialSequentialState();
    let lastLog = started;
    try {
      for (;;) {
        const elapsed = Date.now() - started;
        const remaining = window.intervalMs - elapsed;
        if (window.signal.aborted) {
          const v = loadVerdict(win.read(), []);
          v.outcome = v.outcome === 'fail' ? 'fail' : 'inconclusive';
          v.reasons.push(
            info(
              'aborted',
              'loadgen',
              `window aborted after ${Math.round(elapsed / 1000)} s; partial data only`,
              false,
            ),
          );
          return v;
        }
        if (remaining > 0) await waitOrAbort(Math.min(lookEvery, remaining), window.signal);
        if (window.signal.aborted) continue;
        const snap = win.read();
        const now = Date.now();
        const fraction = window.intervalMs > 0 ? Math.min(1, (now - started) / window.intervalMs) : 1;
        const look = sequentialLook(
          state,
          versionData(snap.versions.get(VERSIONS.stable)),
          versionData(snap.versions.get(VERSIONS.canary)),
          limits,
          fraction,
          options.sequential ?? DEFAULT_SEQUENTIAL,
        );
        state = look.state;
        if (now - lastLog >= logEvery) {
          lastLog = now;
          log(
            `step ${window.step} (canary ${window.weight}%): ${Math.round((now - started) / 1000)} s of ${Math.round(window.intervalMs / 1000)} s; canary ${fmt(loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs))}; stable ${fmt(loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs))}`,
          );
        }
        if (look.decision === 'fail') {
          if (fraction < 1)
            log(
              `step ${window.step}: the statistical judge failed the canary early, at ${Math.round((now - started) / 1000)} s`,
            );
          return loadVerdict(snap, look.reasons);
        }
        if (look.decision === 'pass' || fraction >= 1) {
          const v = loadVerdict(snap, look.reasons);
          // An early pass must not skip the p99 regression check, which needs enough canary responses.
          const p99Judged = v.stable === null || (v.canary?.requests ?? 0) >= P99_REGRESSION_MIN_SAMPLES;
          if (fraction >= 1 || (v.outcome === 'pass' && p99Judged)) {
            if (fraction < 1)
              log(
                `step ${window.step}: evidence conclusive, window ended early at ${Math.round((now - started) / 1000)} s`,
              );
            return v;
          }
        }
      }
    } finally {
      win.close();
    }
  }

  async function measureProm(window: StepWindow, endedAt: number, durationMs: number): Promise<Verdict> {
    const settle = options.prometheus?.settleMs ?? 0;
    if (settle > 0) await waitOrAbort(settle, window.signal);
    try {
      const { stats, warnings } = await queryWindowStats(
        prom!,
        {
          namespace: window.namespace,
          workloads: [window.stableWorkload, window.canaryWorkload],
          seconds: Math.max(options.prometheus?.minRangeSeconds ?? 30, 1, Math.round(durationMs / 1000)),
        },
        new Date(endedAt),
        window.signal,
      );
      const v = judgeStep(
        stats.get(window.stableWorkload) ?? null,
        stats.get(window.canaryWorkload) ?? null,
        limits,
        'prometheus',
        durationMs,
      );
      for (const w of warnings)
        v.reasons.push(info('prometheus-warning', 'prometheus', `Prometheus warned: ${w}`));
      return v;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        outcome: 'inconclusive',
        reasons: [info('prometheus', 'prometheus', `no verdict from Prometheus: ${message}`, false)],
        stable: null,
        canary: null,
        durationMs,
      };
    }
  }

  const probers: MeasurementProbers = {
    http:
      useLoad && options.load
        ? {
            url: options.load.url,
            get host() {
              return loadHost;
            },
            versionHeader: options.load.headerName ?? DEFAULT_VERSION_HEADER,
            get: (host, signal) =>
              httpGet(options.load!.url, {
                host,
                headers: options.load!.headers,
                timeoutMs: options.load!.timeoutMs ?? 10_000,
                signal,
                proxy: options.proxy,
              }),
            useHost(host) {
              loadHost = host;
            },
          }
        : null,
    prometheus:
      useProm && prom && options.prometheus
        ? {
            url: options.prometheus.url,
            async check(namespace, signal) {
              await prom.query(
                `sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="${namespace}"}[1m]))`,
                undefined,
                signal,
              );
            },
          }
        : null,
  };

  return {
    probers,
    async measure(window: StepWindow): Promise<Verdict> {
      const started = Date.now();
      const verdicts: Verdict[] = [];
      if (useLoad) verdicts.push(await measureLoad(window, started));
      else await waitOrAbort(window.intervalMs, window.signal);
      const endedAt = Date.now();
      const durationMs = endedAt - started;
      if (useProm && !(window.signal.aborted && useLoad)) {
        verdicts.push(await measureProm(window, endedAt, durationMs));
      }
      const v = combineVerdicts(verdicts, durationMs);
      if (window.signal.aborted && v.outcome === 'pass') v.outcome = 'inconclusive';
      // With metrics: both, Prometheus must not pass a window whose load never arrived.
      if (v.outcome === 'pass' && v.reasons.some((r) => r.metric === 'load-connection-failures'))
        v.outcome = 'inconclusive';
      log(
        `step ${window.step} (canary ${window.weight}%): ${v.outcome} after ${Math.round(durationMs / 1000)} s; canary ${fmt(v.canary)}; stable ${fmt(v.stable)}`,
      );
      return v;
    },
    async close(): Promise<void> {
      if (gen !== null) {
        gen.stop();
        await gen.done;
        gen = null;
      }
    },
  };
}
