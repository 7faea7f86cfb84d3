// The promotion's Metrics: one verdict per step window from the built-in load generator, from
// Prometheus (Istio's standard metrics), or both. The load runs continuously from the first
// window until close(), as a real service's traffic would; each window reads its own slice.
// A window is only as valid as its traffic: requests that got no HTTP response and a
// Prometheus that gave no answer make it inconclusive, named (see connectionFailureReason and
// measure()), never a pass; the engine ends a promotion on a second inconclusive window.
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
  CONNECTION_FAILURE_KINDS,
  DEFAULT_VERSION_HEADER,
  LoadGenerator,
  UNATTRIBUTED,
  type VersionRecord,
  type WindowSnapshot,
} from '../traffic/loadgen.js';
import { Redactor, authHeaderSecrets, redact, showUrl, urlSecrets } from '../redact.js';
import {
  DEFAULT_SEQUENTIAL,
  P99_REGRESSION_MIN_SAMPLES,
  initialSequentialState,
  judgeStep,
  sequentialLook,
  type SequentialOptions,
  type VersionData,
} from './analysis.js';
import { PrometheusClient, queryWindowStats, windowQueries } from './prometheus.js';
import { httpGet } from './probe-http.js';
import { explainVerdict } from './why.js';
import type { CheckSpec } from './check-spec.js';
import type { ProxyEnv } from '../http/proxy.js';
import type { MeasurementProbers } from '../promote/probe.js';

export { DEFAULT_SEQUENTIAL, judgeStep, sequentialLook } from './analysis.js';
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
    /** The pre-traffic probe's wait for the stable workload's series and its look period (default: src/promote/probe.ts's constants). */
    seriesWaitMs?: number;
    seriesPollMs?: number;
  };
  logger?: { info(s: string): void };
  /** https_proxy/http_proxy/no_proxy from Settings, for Prometheus, the load and the probe (default: this process's). */
  proxy?: ProxyEnv;
  /** How often the sequential judge looks at a running window; default 250 ms (looks are cheap and anytime-valid). */
  lookEveryMs?: number;
  /** Progress line period; default 10 s. */
  logEveryMs?: number;
  sequential?: SequentialOptions;
  /** The user's checks (src/metrics/checks.ts), judged on each window after the built-in sources; they need `prometheus`. */
  checks?: CheckSpec[];
}

const VERSIONS = { stable: 'stable', canary: 'canary' } as const;

/**
 * The range of the probe's query for the stable workload: long enough that any series scraped
 * twice in the last few minutes shows (increase() needs two samples in its range).
 */
const PROBE_RANGE_SECONDS = 300;

/**
 * A Prometheus URL and error as they may be shown: the secrets of this process (src/redact.ts)
 * and those of this Prometheus (its URL's password, its credential headers) replaced by `***`.
 */
function prometheusRedactor(
  url: string,
  headers: Record<string, string> | undefined,
): (text: string) => string {
  const own = new Redactor();
  for (const v of urlSecrets(url)) own.add(v);
  for (const [name, value] of Object.entries(headers ?? {}))
    if (/auth|token|key|secret|cookie|password/i.test(name))
      for (const v of authHeaderSecrets(value)) own.add(v);
  return (text) => own.redact(redact(text));
}

/**
 * A window is only as valid as its traffic. A load request that got no complete HTTP response
 * (refused, reset or closed, timed out, TLS, DNS, or still unanswered when the window ended) is
 * a failure of its window, counted once and never retried. When its response head had arrived,
 * the version is known and it is one of that version's errors (judged like a 5xx). Otherwise it
 * may have been either version's, so the judge assumes the worst: it is counted as the canary's,
 * and a window whose canary error rate would then exceed max-error-rate is inconclusive (never a
 * pass), with the counts and causes named. A 5xx answer without the version header (a proxy's
 * 503 when the canary's pods are gone, for one) is a failure of unknown version too. A hung canary cannot pass: the requests it never
 * answers fail at their timeout and the window waits for them (see measureLoad).
 */
export function connectionFailureReason(
  snap: Pick<WindowSnapshot, 'versions'> & { pending?: number },
  url: string,
  maxErrorRate: number,
): Reason | null {
  let total = snap.pending ?? 0;
  const byKind = new Map<string, number>();
  const byVersion = new Map<string, number>();
  const add = (version: string, kind: string, n: number): void => {
    byKind.set(kind, (byKind.get(kind) ?? 0) + n);
    byVersion.set(version, (byVersion.get(version) ?? 0) + n);
  };
  for (const [version, r] of snap.versions) {
    total += r.count;
    for (const [kind, n] of Object.entries(r.errorsByKind))
      if (n > 0 && (kind in CONNECTION_FAILURE_KINDS || (version === UNATTRIBUTED && /^5\d\d$/.test(kind))))
        add(version, kind, n);
  }
  if ((snap.pending ?? 0) > 0) add(UNATTRIBUTED, 'pending', snap.pending!);
  const unknown = byVersion.get(UNATTRIBUTED) ?? 0;
  if (unknown === 0) return null;
  const canary = snap.versions.get(VERSIONS.canary);
  const worst = ((canary?.errors ?? 0) + unknown) / ((canary?.count ?? 0) + unknown);
  if (worst <= maxErrorRate) return null;
  const failed = [...byKind.values()].reduce((a, b) => a + b, 0);
  const what = [...byKind]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([k, n]) =>
        `${n} ${k === 'pending' ? 'still unanswered when the window ended' : (CONNECTION_FAILURE_KINDS[k] ?? `HTTP ${k} without the version header`)}`,
    )
    .join(', ');
  const versions = [...byVersion]
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v === UNATTRIBUTED ? 'unknown version' : v} ${n}`)
    .join(', ');
  return {
    metric: 'load-connection-failures',
    value: worst,
    limit: maxErrorRate,
    source: 'loadgen',
    ok: false,
    message: `${failed} of ${total} load requests to ${url} ${[...byKind.keys()].some((k) => /^5\d\d$/.test(k)) ? 'failed without a version header' : 'got no HTTP response'}: ${what} (by version: ${versions}); counted as the canary's, the ${unknown} of unknown version would make its error rate ${(worst * 100).toFixed(1)}% > limit ${(maxErrorRate * 100).toFixed(2)}%, so the window is inconclusive (loadgen)`,
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

/** Reasons that say a source could not measure the window (it cannot pass then). */
const UNMEASURED = new Set(['load-connection-failures', 'prometheus']);

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
export type ProbedMetrics = Metrics & {
  probers: MeasurementProbers;
  /**
   * Runs the built-in load for `ms` before the first weight moves (all of it reaches stable), so
   * the error test compares the first window's canary against a longer record of stable
   * (src/metrics/analysis.ts); returns at once without a load or when `signal` aborts.
   */
  baseline(ms: number, signal: AbortSignal): Promise<void>;
};

export function createMetrics(options: CreateMetricsOptions): ProbedMetrics {
  const useLoad = options.source !== 'prometheus';
  const useProm = options.source !== 'loadgen';
  if (useLoad && !options.load) throw new Error(`metrics: ${options.source} needs load-url`);
  if (useProm && !options.prometheus) throw new Error(`metrics: ${options.source} needs prometheus-url`);
  const limits = options.limits;
  const lookEvery = options.lookEveryMs ?? 250;
  const logEvery = options.logEveryMs ?? 10_000;
  /** The false-rollback-rate: the statistical judge's alpha, and the error-rate rule's level (its share). */
  const judgeAlpha = (options.sequential ?? DEFAULT_SEQUENTIAL).alpha;
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
        `load: ${l.rps} rps over ${l.connections} connections to ${showUrl(l.url)}${loadHost ? ` (Host: ${loadHost})` : ''}`,
      );
    }
    return gen;
  }

  /** `final`: the window has ended, its unsettled requests count as unanswered. */
  function loadVerdict(snap: WindowSnapshot, extra: Reason[], final: boolean): Verdict {
    const stable = loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs);
    const canary = loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs);
    const v = judgeStep(stable, canary, limits, 'loadgen', snap.elapsedMs, judgeAlpha);
    const un = snap.versions.get(UNATTRIBUTED);
    const responses = Object.values(un?.statuses ?? {}).reduce((a, b) => a + b, 0);
    if (un !== undefined && responses > 0) {
      const kinds = Object.entries(un.errorsByKind)
        .filter(([k]) => !(k in CONNECTION_FAILURE_KINDS))
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ');
      v.reasons.push(
        info(
          'unattributed',
          'loadgen',
          `${responses} responses carried no ${options.load?.headerName ?? DEFAULT_VERSION_HEADER} header${kinds ? ` (errors ${kinds})` : ''}`,
        ),
      );
    }
    if (extra.some((r) => !r.ok)) v.outcome = 'fail';
    v.reasons.push(...extra);
    // Evidence of a bad canary stands; a pass without its traffic does not.
    const lost = connectionFailureReason(
      final ? snap : { versions: snap.versions },
      showUrl(options.load!.url),
      limits.maxErrorRate,
    );
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
          const v = loadVerdict(await win.end(window.signal), [], true);
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
        // Read in the same tick as the window: stable's record before this window, for the error test.
        const stableTotal = generator().totalsOf(VERSIONS.stable);
        const stableNow = versionData(snap.versions.get(VERSIONS.stable));
        const history = {
          requests: Math.max(0, stableTotal.requests - stableNow.requests),
          errors: Math.max(0, stableTotal.errors - stableNow.errors),
        };
        const now = Date.now();
        const fraction = window.intervalMs > 0 ? Math.min(1, (now - started) / window.intervalMs) : 1;
        const look = sequentialLook(
          state,
          { ...stableNow, history },
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
          // Evidence of a bad canary stands: no need to wait for the requests still in flight.
          return loadVerdict(snap, look.reasons, false);
        }
        if (look.decision === 'pass' || fraction >= 1) {
          const v = loadVerdict(snap, look.reasons, false);
          // An early pass must not skip the p99 regression check, which needs enough canary responses.
          const p99Judged = v.stable === null || (v.canary?.requests ?? 0) >= P99_REGRESSION_MIN_SAMPLES;
          if (fraction >= 1 || (v.outcome === 'pass' && p99Judged)) {
            if (fraction < 1)
              log(
                `step ${window.step}: evidence conclusive, window ended early at ${Math.round((now - started) / 1000)} s`,
              );
            // The verdict counts every request of the window: wait until each is answered or has
            // failed (at most the request timeout); one a cancel leaves unanswered counts as such.
            const final = await win.end(window.signal);
            return loadVerdict(final, look.reasons, true);
          }
        }
      }
    } finally {
      win.close();
    }
  }

  const showProm = options.prometheus
    ? prometheusRedactor(options.prometheus.url, options.prometheus.headers)
    : (t: string) => redact(t);

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
        judgeAlpha,
      );
      for (const w of warnings)
        v.reasons.push(info('prometheus-warning', 'prometheus', `Prometheus warned: ${w}`));
      return v;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        outcome: 'inconclusive',
        reasons: [
          info(
            'prometheus',
            'prometheus',
            showProm(`no verdict from Prometheus at ${showUrl(options.prometheus!.url)}: ${message}`),
            false,
          ),
        ],
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
            workloadQuery: (namespace, workload) =>
              windowQueries({ namespace, workloads: [workload], seconds: PROBE_RANGE_SECONDS }).requests,
            series: async (query, signal) => (await prom.query(query, undefined, signal)).samples.length,
            seriesWaitMs: options.prometheus.seriesWaitMs,
            seriesPollMs: options.prometheus.seriesPollMs,
          }
        : null,
  };

  const checks = options.checks ?? [];
  if (checks.length > 0 && !prom)
    throw new Error(`checks (${checks.map((c) => c.name).join(', ')}) need prometheus-url`);

  return {
    probers,
    async baseline(ms: number, signal: AbortSignal): Promise<void> {
      if (!useLoad || !(ms > 0)) return;
      generator();
      await waitOrAbort(ms, signal);
    },
    async measure(window: StepWindow): Promise<Verdict> {
      const started = Date.now();
      const verdicts: Verdict[] = [];
      const traffic = window.strategy;
      // A strategy's window (issue 15): the load adds its cohort (the A/B match's headers, the
      // preview header or host); a mirror's canary side only Prometheus sees (its responses are
      // discarded), so the load only drives traffic and Prometheus judges.
      if (useLoad) generator().setCohort(traffic?.cohort ?? null);
      const mirrored = traffic?.canarySource === 'prometheus';
      if (useLoad && !mirrored) verdicts.push(await measureLoad(window, started));
      else await waitOrAbort(window.intervalMs, window.signal);
      const endedAt = Date.now();
      const durationMs = endedAt - started;
      if (mirrored && !useProm)
        verdicts.push({
          outcome: 'inconclusive',
          reasons: [
            info(
              'mirror',
              'loadgen',
              'the mirrored requests are seen by Prometheus only: set metrics: prometheus or both',
              false,
            ),
          ],
          stable: null,
          canary: null,
          durationMs,
        });
      if (useProm && !(window.signal.aborted && (useLoad || mirrored))) {
        const v = await measureProm(window, endedAt, durationMs);
        if (mirrored)
          v.reasons.push(
            info(
              'mirror',
              'prometheus',
              `${traffic.label}: the canary is judged on the mirrored requests, from Prometheus destination metrics (reporter="destination"); the load generator never sees their responses`,
            ),
          );
        verdicts.push(v);
      }
      let v = combineVerdicts(verdicts, durationMs);
      // The user's checks, on the same window (its end, its length as {{ interval }}).
      if (checks.length > 0 && !window.signal.aborted) {
        if (!useProm && (options.prometheus?.settleMs ?? 0) > 0)
          await waitOrAbort(options.prometheus!.settleMs!, window.signal);
        const { evaluateChecks, foldChecks } = await import('./checks.js');
        const results = await evaluateChecks(
          prom!,
          checks,
          {
            namespace: window.namespace,
            stableWorkload: window.stableWorkload,
            canaryWorkload: window.canaryWorkload,
            stableVersion: window.stableVersion,
            canaryVersion: window.canaryVersion,
            seconds: Math.max(options.prometheus?.minRangeSeconds ?? 30, 1, Math.round(durationMs / 1000)),
            at: new Date(endedAt),
            signal: window.signal,
          },
          showProm,
        );
        v = foldChecks(v, results);
      }
      if (window.signal.aborted && v.outcome === 'pass') v.outcome = 'inconclusive';
      // With metrics: both, neither source passes a window the other could not measure: not
      // when the load never arrived, not when Prometheus gave no answer (its URL and error named).
      if (v.outcome === 'pass' && v.reasons.some((r) => UNMEASURED.has(r.metric) && !r.ok))
        v.outcome = 'inconclusive';
      // The verdict is final: a fail or inconclusive one says why in one line (src/metrics/why.ts).
      const why = explainVerdict(v, {
        limits,
        weight: window.weight,
        windowMs: window.intervalMs,
        rps: useLoad ? options.load?.rps : null,
      });
      if (why !== null) v.why = why;
      log(
        `step ${window.step} (canary ${window.weight}%): ${v.outcome} after ${Math.round(durationMs / 1000)} s; canary ${fmt(v.canary)}; stable ${fmt(v.stable)}${why === null ? '' : ` — ${why}`}`,
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
