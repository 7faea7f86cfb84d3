// The pre-traffic probe: before the first weight moves (at 0% canary, after the canary rollout
// is available), prove that the measurement can see what it will judge. Each failure is one
// named cause, and the caller turns it into a stop with nothing moved:
//   1. every destination host of the stepped route is a Service in the cluster with ready pods
//      (else the shifted traffic would only meet 503s: "no healthy upstream");
//   2. the load path: a few requests to load-url (with load-host) answer 2xx from stable with
//      the version header the action adds to the route (else every window judges 404s, a closed
//      port, or traffic that never went through the VirtualService);
//   3. Prometheus can measure this service: the query the judge uses, for the stable workload,
//      returns its series within STABLE_SERIES_WAIT_MS (after the probe's own requests, or with
//      whatever traffic stable gets); else every window is "no verdict" or "canary served 0
//      requests", found only after traffic moved.
// When load-host is not set and the VirtualService has exactly one host that its gateways
// serve, that host becomes the load's Host header.
import { IstioCanaryError } from '../errors.js';
import { retry } from '../retry.js';
import { isObject } from '../util/object.js';
import type { Kube, KubeObject } from '../kube/client.js';
import type { Logger } from '../ports.js';
import { describeRedirect } from '../http/redirect.js';
import { showUrl } from '../redact.js';

/** The few reads the probe makes. */
export type ProbeKube = Pick<Kube, 'get' | 'list'>;

export interface HttpAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The start of the body, for the message. */
  body: string;
}

/** The load target as the measurement will use it. */
export interface HttpProber {
  readonly url: string;
  /** The Host header the load sends (load-host), null: the URL's own host. */
  readonly host: string | null;
  /** The response header that names the version (x-istio-canary). */
  readonly versionHeader: string;
  /** One GET of url with this Host header; rejects with the socket or TLS error. */
  get(host: string | null, signal: AbortSignal): Promise<HttpAnswer>;
  /** From now on the load sends this Host header (the default load-host). */
  useHost(host: string): void;
}

export interface PrometheusProber {
  readonly url: string;
  /** The judge's request query for one workload (what each window reads of it), over a range that holds a few scrapes. */
  workloadQuery(namespace: string, workload: string): string;
  /** Runs a query now; resolves with how many series it returned, rejects with the status and message. */
  series(query: string, signal: AbortSignal): Promise<number>;
  /** The bound of the wait for stable's series and the time between looks (tests shorten them); default the constants below. */
  readonly seriesWaitMs?: number;
  readonly seriesPollMs?: number;
}

/** What a Metrics object offers to the probe (src/metrics/index.ts's createMetrics sets it). */
export interface MeasurementProbers {
  http?: HttpProber | null;
  prometheus?: PrometheusProber | null;
}

export interface ProbeInput {
  kube: ProbeKube;
  /** The Metrics of the run: its `probers`, when it has them, are probed. */
  metrics: object;
  /** The live VirtualService (as read after the apply) and the stepped route. */
  virtualService: KubeObject;
  routeIndex: number;
  namespace: string;
  /** The stable workload as the judge's queries name it (destination_workload: the stable Deployment, else the subset). */
  stableWorkload: string;
  /** The canary weight now (the version header must say stable at 0%). */
  liveWeight: number;
  signal: AbortSignal;
  logger: Logger;
  /** Requests sent to the load target; default 3. */
  requests?: number;
}

/** A measurement path that does not work; the message names the cause. */
export class ProbeError extends IstioCanaryError {}

const PROBE_REQUESTS = 3;

/**
 * How long the probe waits for Prometheus to show the stable workload's series: four scrape
 * intervals of Istio's Prometheus addon (15 s), so that two scrapes of the sidecars (what
 * increase() needs) fit after the probe's own requests with room to spare. A Prometheus that
 * shows nothing by then is not measuring this service, and no weight moves.
 */
export const STABLE_SERIES_WAIT_MS = 60_000;
/** The time between two looks for the stable series while waiting (a third of a scrape interval). */
export const STABLE_SERIES_POLL_MS = 5_000;

/** The stable series is not there yet (the wait goes on). */
class NoSeriesYet extends IstioCanaryError {}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function probersOf(metrics: object): MeasurementProbers {
  const p = (metrics as { probers?: unknown }).probers;
  return isObject(p) ? p : {};
}

/**
 * The Kubernetes Service a destination host names, or null for a host outside the cluster
 * (a ServiceEntry): `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<cluster domain>` (pure).
 */
export function serviceOf(host: string, namespace: string): { name: string; namespace: string } | null {
  const parts = host.split('.');
  if (parts.some((p) => p === '')) return null;
  if (parts.length === 1) return { name: parts[0]!, namespace };
  if (parts.length === 2 || parts[2] === 'svc') return { name: parts[0]!, namespace: parts[1]! };
  return null;
}

/** The destination hosts of route `index` of a VirtualService, in order, once each (pure). */
export function destinationHosts(vs: KubeObject, index: number): string[] {
  const spec = isObject(vs.spec) ? vs.spec : {};
  const route = Array.isArray(spec.http) ? (spec.http as unknown[])[index] : undefined;
  const dests = isObject(route) && Array.isArray(route.route) ? (route.route as unknown[]) : [];
  const hosts = dests
    .map((d) => (isObject(d) && isObject(d.destination) ? d.destination.host : undefined))
    .filter((h): h is string => typeof h === 'string' && h !== '');
  return [...new Set(hosts)];
}

/** Whether a Gateway server's host (`host`, `ns/host`, `*`, `*.example.com`) covers a VirtualService host (pure). */
export function gatewayServes(serverHost: string, vsHost: string, vsNamespace: string): boolean {
  const slash = serverHost.indexOf('/');
  if (slash >= 0) {
    const ns = serverHost.slice(0, slash);
    if (ns !== '*' && ns !== '.' && ns !== vsNamespace) return false;
    serverHost = serverHost.slice(slash + 1);
  }
  if (serverHost === '*') return true;
  if (serverHost.startsWith('*.'))
    return vsHost.endsWith(serverHost.slice(1)) && vsHost !== serverHost.slice(2);
  return serverHost.toLowerCase() === vsHost.toLowerCase();
}

interface GatewayView {
  /** As the VirtualService names them, `mesh` excluded. */
  names: string[];
  /** The VirtualService hosts some readable gateway serves; null when no gateway could be read. */
  served: string[] | null;
}

/** The VirtualService's gateways and which of its hosts they serve. */
async function gatewaysOf(
  kube: ProbeKube,
  vs: KubeObject,
  namespace: string,
  signal: AbortSignal,
  logger: Logger,
): Promise<GatewayView> {
  const spec = isObject(vs.spec) ? vs.spec : {};
  const hosts = strings(spec.hosts);
  const names = strings(spec.gateways).filter((g) => g !== 'mesh');
  let served: Set<string> | null = null;
  for (const g of names) {
    const [ns, name] = g.includes('/') ? g.split('/', 2) : [namespace, g];
    let gw: KubeObject | null;
    try {
      gw = await kube.get(
        {
          apiVersion: String(vs.apiVersion ?? 'networking.istio.io/v1'),
          kind: 'Gateway',
          name: name!,
          namespace: ns,
        },
        { signal },
      );
    } catch (err) {
      logger.debug(`probe: could not read Gateway ${ns}/${name}: ${(err as Error).message}`);
      continue;
    }
    if (!gw) continue;
    served ??= new Set();
    const gspec = isObject(gw.spec) ? gw.spec : {};
    const servers = Array.isArray(gspec.servers) ? gspec.servers.filter(isObject) : [];
    for (const s of servers)
      for (const sh of strings(s.hosts))
        for (const h of hosts) if (gatewayServes(sh, h, namespace)) served.add(h);
  }
  return { names, served: served ? hosts.filter((h) => served.has(h)) : null };
}

/**
 * The Host header the load should send when load-host is not set: the VirtualService's one
 * host its gateways serve (exact, not a wildcard), or null when there is not exactly one (pure).
 */
export function defaultLoadHost(served: readonly string[] | null): string | null {
  const exact = (served ?? []).filter((h) => !h.includes('*'));
  if (exact.length === 1) return exact[0]!;
  // A gateway serving `*` also covers the mesh-internal short names (`podinfo`): an outside
  // request names a domain, so the one host with a dot is the one.
  const qualified = exact.filter((h) => h.includes('.'));
  return qualified.length === 1 ? qualified[0]! : null;
}

function isReady(pod: KubeObject): boolean {
  const status = isObject(pod.status) ? pod.status : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isObject) : [];
  return (
    !(isObject(pod.metadata) && pod.metadata.deletionTimestamp) &&
    conditions.some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** Forbidden to read: the check cannot be made with these credentials (said, not failed). */
function forbidden(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 403 || code === 401;
}

/** Step 1: every destination host is a Service with ready pods. */
async function checkServices(input: ProbeInput): Promise<void> {
  const { kube, signal, logger, namespace, virtualService: vs } = input;
  const vsName = `${namespace}/${String(vs.metadata?.name)}`;
  for (const host of destinationHosts(vs, input.routeIndex)) {
    const svcRef = serviceOf(host, namespace);
    if (!svcRef) {
      logger.debug(`probe: destination host ${host} is not a cluster Service name; not checked`);
      continue;
    }
    const where = `${svcRef.namespace}/${svcRef.name}`;
    let svc: KubeObject | null;
    try {
      svc = await kube.get(
        { apiVersion: 'v1', kind: 'Service', name: svcRef.name, namespace: svcRef.namespace },
        { signal },
      );
    } catch (err) {
      if (!forbidden(err)) throw err;
      logger.warning(`probe: cannot read Service ${where} (${(err as Error).message}); not checked`);
      continue;
    }
    if (!svc)
      throw new ProbeError(
        `VirtualService ${vsName} routes to host ${host}, but there is no Service ${where}: traffic shifted there would only get 503 (no healthy upstream). Create the Service or fix destination.host.`,
      );
    const spec = isObject(svc.spec) ? svc.spec : {};
    const selector = isObject(spec.selector) ? spec.selector : null;
    if (!selector || Object.keys(selector).length === 0) {
      logger.debug(
        `probe: Service ${where} has no selector (its endpoints are managed by hand); not checked`,
      );
      continue;
    }
    const labelSelector = Object.entries(selector)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
    let pods: KubeObject[];
    try {
      pods = (await kube.list('v1', 'Pod', svcRef.namespace, { labelSelector, signal })).items;
    } catch (err) {
      if (!forbidden(err)) throw err;
      logger.warning(
        `probe: cannot list the pods of Service ${where} (${(err as Error).message}); not checked`,
      );
      continue;
    }
    const ready = pods.filter(isReady).length;
    if (ready === 0)
      throw new ProbeError(
        `Service ${where} (destination host ${host} of VirtualService ${vsName}) has no endpoints: ${pods.length === 0 ? `no pod matches its selector ${labelSelector}` : `none of the ${pods.length} pods matching ${labelSelector} is ready`}; traffic shifted there would only get 503.`,
      );
  }
}

const describeError = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
};

/** Step 2: the load path answers 2xx from stable with the version header. */
async function checkLoadPath(input: ProbeInput, http: HttpProber, gateways: GatewayView): Promise<void> {
  const { signal, logger, namespace, virtualService: vs } = input;
  const spec = isObject(vs.spec) ? vs.spec : {};
  const hosts = strings(spec.hosts);
  const vsName = `${namespace}/${String(vs.metadata?.name)}`;
  let host = http.host;
  if (host === null) {
    const urlHost = new URL(http.url).hostname;
    const fallback = defaultLoadHost(gateways.served);
    if (fallback !== null && !hosts.includes(urlHost)) {
      http.useHost(fallback);
      host = fallback;
      logger.info(
        `load-host is not set: using ${fallback}, the one host of VirtualService ${vsName} that its gateway${gateways.names.length === 1 ? '' : 's'} ${gateways.names.join(', ')} serve${gateways.names.length === 1 ? 's' : ''}`,
      );
    }
  }
  const target = `${showUrl(http.url)}${host ? ` (Host: ${host})` : ''}`;
  const servedText = `the VirtualService ${vsName} serves hosts [${hosts.join(', ')}] through gateways [${strings(spec.gateways).join(', ')}]`;
  for (let i = 0; i < (input.requests ?? PROBE_REQUESTS); i++) {
    let answer: HttpAnswer;
    try {
      answer = await http.get(host, signal);
    } catch (err) {
      if (signal.aborted) throw err;
      throw new ProbeError(`the load target ${target} cannot be reached: ${describeError(err)}`);
    }
    const { status } = answer;
    if (status === 404)
      throw new ProbeError(
        `the load target ${target} answered 404: the gateway does not route Host ${host ?? new URL(http.url).host}; ${servedText}. Set load-host to one of those hosts.`,
      );
    if (status < 200 || status >= 300) {
      const body = answer.body.trim().slice(0, 200);
      throw new ProbeError(
        status >= 300 && status < 400
          ? `the load target ${target} answered ${describeRedirect(status, answer.headers.location)}: the load generator does not follow redirects, so the windows would time the redirect, not the service; point load-url at the path that answers 2xx`
          : `the load target ${target} answered HTTP ${status}${body ? `: ${body}` : ''} at 0% canary; stable must answer 2xx before any traffic moves (${servedText})`,
      );
    }
    const version = answer.headers[http.versionHeader.toLowerCase()];
    if (!version)
      throw new ProbeError(
        `the load target ${target} answered ${status} without the ${http.versionHeader} header the action adds to the route: the requests do not go through VirtualService ${vsName} (${servedText}); point load-url at the ingress gateway and load-host at one of those hosts`,
      );
    if (input.liveWeight === 0 && version !== 'stable')
      throw new ProbeError(
        `the load target ${target} was answered by "${version}" at 0% canary (${http.versionHeader}); only stable should answer before the first step`,
      );
  }
  logger.info(`probe: ${target} answers 2xx from stable with ${http.versionHeader}`);
}

/**
 * Proves the measurement path before the first weight moves; resolves when it holds, throws a
 * ProbeError naming the cause when it does not. Reads only: nothing is written.
 */
export async function probeMeasurement(input: ProbeInput): Promise<void> {
  const { http, prometheus } = probersOf(input.metrics);
  await checkServices(input);
  if (http) {
    const gateways = await gatewaysOf(
      input.kube,
      input.virtualService,
      input.namespace,
      input.signal,
      input.logger,
    );
    await checkLoadPath(input, http, gateways);
  }
  if (prometheus) await checkPrometheus(input, prometheus);
}

/**
 * Step 3: Prometheus answers the judge's query for the stable workload with its series, within
 * a bounded wait (STABLE_SERIES_WAIT_MS, a look every STABLE_SERIES_POLL_MS, progress logged).
 */
async function checkPrometheus(input: ProbeInput, prometheus: PrometheusProber): Promise<void> {
  const { signal, logger, namespace, stableWorkload } = input;
  const shown = showUrl(prometheus.url);
  const query = prometheus.workloadQuery(namespace, stableWorkload);
  const waitMs = prometheus.seriesWaitMs ?? STABLE_SERIES_WAIT_MS;
  const pollMs = Math.max(1, Math.min(waitMs, prometheus.seriesPollMs ?? STABLE_SERIES_POLL_MS));
  const look = async (): Promise<number> => {
    try {
      return await prometheus.series(query, signal);
    } catch (err) {
      if (signal.aborted) throw err;
      throw new ProbeError(`Prometheus at ${shown} did not answer a query: ${describeError(err)}`);
    }
  };
  let found: number;
  try {
    found = await retry(
      async () => {
        const n = await look();
        if (n === 0) throw new NoSeriesYet(`no series for ${query}`);
        return n;
      },
      { attempts: Math.floor(waitMs / pollMs) + 1, baseDelayMs: pollMs, maxDelayMs: pollMs },
      {
        retryable: (err) => err instanceof NoSeriesYet,
        signal,
        onRetry: (_err, attempt) =>
          logger.info(
            attempt === 1
              ? `probe: Prometheus at ${shown} has no series yet for the stable workload ${namespace}/${stableWorkload}; waiting up to ${waitMs / 1000} s for a scrape (query: ${query})`
              : `probe: still no series for ${namespace}/${stableWorkload} in Prometheus after ${((attempt - 1) * pollMs) / 1000} s of ${waitMs / 1000} s`,
          ),
      },
    );
  } catch (err) {
    if (!(err instanceof NoSeriesYet)) throw err;
    throw new ProbeError(
      `Prometheus at ${shown} has no data for the stable workload ${namespace}/${stableWorkload} after ${waitMs / 1000} s: the query the windows use returned an empty result: ${query}. Every window would find no requests, so nothing was moved. Check that Istio telemetry is on (istio_requests_total, reporter="destination"), that this Prometheus scrapes the sidecars (the istio-proxy's merged metrics, port 15020 /stats/prometheus), and that the labels match: destination_workload="${stableWorkload}" (the stable Deployment) and destination_workload_namespace="${namespace}".`,
    );
  }
  logger.info(
    `probe: Prometheus at ${shown} measures the stable workload ${namespace}/${stableWorkload} (${found} series)`,
  );
}

/**
 * The runner's one call: probes when this run is about to move the weight from where it is,
 * or to measure the first window of a promotion that has judged nothing yet at a weight it
 * did not write itself (taken over from weights set by hand, or resumed mid-step). Returns
 * the event that stops the run with nothing moved (an error naming the cause, or the
 * cancellation that arrived during the probe), or null when the measurement is proven.
 */
export async function unprovenMeasurement(
  first: {
    state: { phase: string; weight: number; history?: readonly unknown[] };
    action: { type: string };
  },
  input: ProbeInput,
): Promise<{ type: 'error'; message: string } | { type: 'cancelled'; why: string } | null> {
  const moves =
    first.action.type === 'write' &&
    first.state.phase === 'in-progress' &&
    first.state.weight > input.liveWeight;
  const history = first.state.history;
  const firstWindow = first.action.type === 'measure' && Array.isArray(history) && history.length === 0;
  if (!moves && !firstWindow) return null;
  const when =
    !moves && input.liveWeight > 0
      ? `before the first window (nothing moved; the canary has ${input.liveWeight}%)`
      : 'before any traffic moved';
  try {
    await probeMeasurement(input);
    return null;
  } catch (err) {
    if (input.signal.aborted)
      return {
        type: 'cancelled',
        why: `cancelled ${when} (${describeError(input.signal.reason)})`,
      };
    if (err instanceof ProbeError) return { type: 'error', message: `${when}: ${err.message}` };
    return {
      type: 'error',
      message: `${when}, the measurement could not be checked: ${describeError(err)}`,
    };
  }
}
