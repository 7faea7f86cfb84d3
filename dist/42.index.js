export const id = 42;
export const ids = [42];
export const modules = {

/***/ 76790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ describeRedirect),
/* harmony export */   N: () => (/* binding */ isRedirect)
/* harmony export */ });
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76670);
// The one wording for a redirect we do not follow (the load target's, Prometheus's): the
// status and where it pointed, shown without its credentials (src/redact.ts showUrl). Neither
// client follows redirects: a followed redirect would time or query something other than the
// URL the user gave, and its failure would blame that URL (`Prometheus unreachable: …: bad
// port` for a 302 to port 1).

/** Whether an HTTP status is a redirect (3xx). */
const isRedirect = (status) => status >= 300 && status < 400;
/** `HTTP 302 (a redirect to /login)`: the status and its Location as sent, credentials shown as ***. */
function describeRedirect(status, location) {
    return `HTTP ${status} (a redirect to ${location ? (0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .showUrl */ .jr)(location) : 'nowhere: no Location header'})`;
}


/***/ }),

/***/ 29661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CANCEL_WRITE_BUDGET_MS: () => (/* reexport */ promote_run/* CANCEL_WRITE_BUDGET_MS */.Ye),
  CancelledError: () => (/* reexport */ promote_run/* CancelledError */.cc),
  ConcurrentChangeError: () => (/* reexport */ promote_run/* ConcurrentChangeError */.wy),
  HumanEditError: () => (/* reexport */ promote_run/* HumanEditError */.k5),
  PREVIOUS_TEMPLATE_ANNOTATION: () => (/* reexport */ finalize/* PREVIOUS_TEMPLATE_ANNOTATION */.n1),
  PromotionError: () => (/* reexport */ promote_run/* PromotionError */.g1),
  Run: () => (/* reexport */ promote_run/* Run */.KF),
  finishInterrupted: () => (/* reexport */ finalize/* finishInterrupted */.u4),
  newHolderId: () => (/* reexport */ promote_run/* newHolderId */.u1),
  podTemplateHash: () => (/* reexport */ template_hash/* podTemplateHash */.U4),
  runPromotion: () => (/* binding */ runPromotion)
});

// EXTERNAL MODULE: ./src/input-parsers.ts
var input_parsers = __webpack_require__(50926);
;// CONCATENATED MODULE: ./src/promote/power-step.ts
// Before the first weight of a fresh promotion moves: the power plan (src/metrics/power.ts) is
// printed — what each step's window can detect at false-rollback-rate, with a warning when the
// limits set cannot be detected — and, with `interval: auto`, it sizes each step's window. Then
// the load runs against stable alone for a short baseline, so the error test knows stable's rate
// before the canary's first request (src/metrics/analysis.ts: the second canary error can then
// be conclusive). A resumed promotion gets neither (its canary already has traffic).

/**
 * The stable-only baseline a fresh run gives the load: half a window, at most the judge's
 * BASELINE_MS (30 s with the default 1m interval; 2 s for the demo's 4 s windows).
 */
function baselineMsFor(settings, max) {
    if (settings.metrics === 'prometheus')
        return 0;
    return settings.intervalAuto ? max : Math.min(max, Math.round(settings.intervalMs / 2));
}
/** A promotion that has not sent the canary any traffic yet: weight 0, nothing judged. */
function isFresh(state) {
    return (state.phase === 'in-progress' && state.weight === 0 && state.step === 0 && state.history.length === 0);
}
/**
 * Prints the plan, records the planned windows on the run (Run.window reads them) and, unless
 * `baseline` is false (a dry run: it only says so), runs the stable-only baseline. Returns the
 * baseline's length (the one a real run would have, in a dry run).
 */
async function planWindows(run, options) {
    const { settingsPowerPlan, BASELINE_MS } = await __webpack_require__.e(/* import() */ 168).then(__webpack_require__.bind(__webpack_require__, 45168));
    const baselineMs = baselineMsFor(run.settings, BASELINE_MS);
    const plan = settingsPowerPlan(run.settings, baselineMs);
    if (plan) {
        for (const line of plan.lines)
            run.log.info(line);
        for (const warning of plan.warnings)
            run.log.warning(warning);
        run.plannedMs = new Map(plan.windows.map((w) => [w.step, w.windowMs]));
    }
    const metrics = run.deps.metrics;
    if (!options.baseline)
        return baselineMs;
    if (baselineMs === 0 || !metrics.baseline)
        return 0;
    run.log.info(`baseline: ${(0,input_parsers/* formatDuration */.a3)(baselineMs)} of load on stable alone before the canary's first traffic (the judge's record of stable)`);
    await metrics.baseline(baselineMs, run.deps.signal);
    return baselineMs;
}

// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __webpack_require__(1708);
var external_node_process_default = /*#__PURE__*/__webpack_require__.n(external_node_process_);
// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
// EXTERNAL MODULE: ./src/kube/replace.ts
var replace = __webpack_require__(38049);
// EXTERNAL MODULE: ./src/kube/views.ts
var views = __webpack_require__(96919);
// EXTERNAL MODULE: ./src/kube/rollout.ts
var rollout = __webpack_require__(74236);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
// EXTERNAL MODULE: ./src/lifecycle.ts
var lifecycle = __webpack_require__(66367);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(49809);
// EXTERNAL MODULE: ./src/promote/lease.ts
var lease = __webpack_require__(89702);
// EXTERNAL MODULE: ./src/promote/machine.ts
var machine = __webpack_require__(23401);
// EXTERNAL MODULE: ./src/promote/target.ts + 2 modules
var promote_target = __webpack_require__(82574);
// EXTERNAL MODULE: ./src/promote/start.ts
var start = __webpack_require__(77952);
// EXTERNAL MODULE: ./src/promote/route-object.ts
var route_object = __webpack_require__(25725);
// EXTERNAL MODULE: ./src/promote/strategy-state.ts
var strategy_state = __webpack_require__(41347);
// EXTERNAL MODULE: ./src/strategy/http-route.ts
var http_route = __webpack_require__(65665);
;// CONCATENATED MODULE: ./src/promote/guards.ts








/**
 * A new promotion (no recorded state, no take-over) sets stable 100%: the declared stable
 * subset must be the one with the traffic (the manifests' weights when they hold the
 * VirtualService, else the live ones), or the subsets are swapped. Refused before any write.
 */
function refuseSwappedStart(run, settings) {
    if (run.state || settings.takeOver)
        return;
    const facts = run.startFacts();
    const sel = run.target.selection;
    const doc = run.target.docs.find((d) => d.object.kind === 'VirtualService' && d.object.metadata?.name === sel.virtualService)?.object;
    // Live canary traffic with nothing recorded is unrecordedTraffic's (it names the live weights).
    if (!doc && facts.liveWeight > 0)
        return;
    const source = doc ?? (run.vs && (0,route_object/* userRoutes */.oJ)(run.vs));
    const route = source ? (0,views/* virtualServiceView */.Mu)(source).http[sel.routeIndex] : undefined;
    if (route) {
        const dests = route.destinations;
        const weights = dests.map((d) => ({
            subset: (0,one_line/* oneLine */.TN)(d.subset ?? '?'),
            weight: d.weight ?? (dests.length === 1 ? 100 : 0),
        }));
        const refused = (0,start/* stableNotCarrying */.GP)({
            ...facts,
            stableSubset: (0,one_line/* oneLine */.TN)(sel.stable.subset),
            route: `http[${sel.routeIndex}]${sel.routeName ? ` (${(0,one_line/* oneLine */.TN)(sel.routeName)})` : ''}`,
            source: doc ? 'in the manifests' : 'live',
        }, weights);
        if (refused)
            throw new start/* StartRefused */.Vi(refused);
    }
}
/** `s` recording the route it steps (the live selected route or HTTPRoute rule), so that a later run can tell it is on another one. */
function onRoute(run, s) {
    const http = run.target.httpSelection;
    const route = !run.vs
        ? null
        : http
            ? (0,http_route/* httpRuleIdentity */.xq)(run.vs, http)
            : (0,promote_target/* routeIdentity */.Ez)((0,route_object/* userRoutes */.oJ)(run.vs), run.target.selection);
    // A new promotion of run or step records its strategy (none for strategy canary).
    const walking = run.settings.command === 'run' || run.settings.command === 'step';
    const rec = s.strategy ?? (walking ? (0,strategy_state/* recordOf */.zv)(run.settings.strategy) : null);
    const withStrategy = rec ? { ...s, strategy: rec } : s;
    return route ? { ...withStrategy, route } : withStrategy;
}
/** The recorded promotion is on another route (or HTTPRoute rule) than the one selected: refused, naming both. */
function refuseOtherRoute(run) {
    const http = run.target.httpSelection;
    if (http) {
        const problem = (0,http_route/* recordedHttpRuleProblem */.sk)(run.vs, http, run.state, run.vsName);
        if (problem)
            throw new start/* StartRefused */.Vi(problem);
        return;
    }
    const problem = (0,promote_target/* recordedRouteProblem */.Dx)(run.vs && (0,route_object/* userRoutes */.oJ)(run.vs), run.target.selection, run.state, run.vsName);
    if (problem)
        throw new start/* StartRefused */.Vi(problem);
}
/** The live subsets select the wrong pods (see liveSubsetProblem): refused before any weight moves. */
async function refuseLiveSubsets(run, applied) {
    // An HTTPRoute's sides are its Services (resolveTarget checked their selectors): no subsets.
    if (run.target.httpSelection)
        return;
    const problem = await (0,promote_target/* liveSubsetProblem */.Qj)(run.deps.kube, run.target, run.deps.signal);
    if (!problem)
        return;
    throw new manifests/* ManifestError */.Sh([
        `${problem.replace(/\. Nothing was written$/, '')}. ${applied ? 'No weight was written (the manifests were applied)' : 'Nothing was written'}`,
    ]);
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(69313);
// EXTERNAL MODULE: ./src/http/redirect.ts
var redirect = __webpack_require__(76790);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(76670);
;// CONCATENATED MODULE: ./src/promote/probe.ts
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





/** A measurement path that does not work; the message names the cause. */
class ProbeError extends errors/* IstioCanaryError */.f {
}
const PROBE_REQUESTS = 3;
/**
 * How long the probe waits for Prometheus to show the stable workload's series: four scrape
 * intervals of Istio's Prometheus addon (15 s), so that two scrapes of the sidecars (what
 * increase() needs) fit after the probe's own requests with room to spare. A Prometheus that
 * shows nothing by then is not measuring this service, and no weight moves.
 */
const STABLE_SERIES_WAIT_MS = 60_000;
/** The time between two looks for the stable series while waiting (a third of a scrape interval). */
const STABLE_SERIES_POLL_MS = 5_000;
/** The stable series is not there yet (the wait goes on). */
class NoSeriesYet extends errors/* IstioCanaryError */.f {
}
const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
function probersOf(metrics) {
    const p = metrics.probers;
    return (0,object/* isObject */.G)(p) ? p : {};
}
/**
 * The Kubernetes Service a destination host names, or null for a host outside the cluster
 * (a ServiceEntry): `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<cluster domain>` (pure).
 */
function serviceOf(host, namespace) {
    const parts = host.split('.');
    if (parts.some((p) => p === ''))
        return null;
    if (parts.length === 1)
        return { name: parts[0], namespace };
    if (parts.length === 2 || parts[2] === 'svc')
        return { name: parts[0], namespace: parts[1] };
    return null;
}
/** The destination hosts of route `index` of a VirtualService, in order, once each (pure). */
function destinationHosts(vs, index) {
    const spec = (0,object/* isObject */.G)(vs.spec) ? vs.spec : {};
    const route = Array.isArray(spec.http) ? spec.http[index] : undefined;
    const dests = (0,object/* isObject */.G)(route) && Array.isArray(route.route) ? route.route : [];
    const hosts = dests
        .map((d) => ((0,object/* isObject */.G)(d) && (0,object/* isObject */.G)(d.destination) ? d.destination.host : undefined))
        .filter((h) => typeof h === 'string' && h !== '');
    return [...new Set(hosts)];
}
/** Whether a Gateway server's host (`host`, `ns/host`, `*`, `*.example.com`) covers a VirtualService host (pure). */
function gatewayServes(serverHost, vsHost, vsNamespace) {
    const slash = serverHost.indexOf('/');
    if (slash >= 0) {
        const ns = serverHost.slice(0, slash);
        if (ns !== '*' && ns !== '.' && ns !== vsNamespace)
            return false;
        serverHost = serverHost.slice(slash + 1);
    }
    if (serverHost === '*')
        return true;
    if (serverHost.startsWith('*.'))
        return vsHost.endsWith(serverHost.slice(1)) && vsHost !== serverHost.slice(2);
    return serverHost.toLowerCase() === vsHost.toLowerCase();
}
/** The VirtualService's gateways and which of its hosts they serve. */
async function gatewaysOf(kube, vs, namespace, signal, logger) {
    const spec = (0,object/* isObject */.G)(vs.spec) ? vs.spec : {};
    const hosts = strings(spec.hosts);
    const names = strings(spec.gateways).filter((g) => g !== 'mesh');
    let served = null;
    for (const g of names) {
        const [ns, name] = g.includes('/') ? g.split('/', 2) : [namespace, g];
        let gw;
        try {
            gw = await kube.get({
                apiVersion: String(vs.apiVersion ?? 'networking.istio.io/v1'),
                kind: 'Gateway',
                name: name,
                namespace: ns,
            }, { signal });
        }
        catch (err) {
            logger.debug(`probe: could not read Gateway ${ns}/${name}: ${err.message}`);
            continue;
        }
        if (!gw)
            continue;
        served ??= new Set();
        const gspec = (0,object/* isObject */.G)(gw.spec) ? gw.spec : {};
        const servers = Array.isArray(gspec.servers) ? gspec.servers.filter(object/* isObject */.G) : [];
        for (const s of servers)
            for (const sh of strings(s.hosts))
                for (const h of hosts)
                    if (gatewayServes(sh, h, namespace))
                        served.add(h);
    }
    return { names, served: served ? hosts.filter((h) => served.has(h)) : null };
}
/**
 * The Host header the load should send when load-host is not set: the VirtualService's one
 * host its gateways serve (exact, not a wildcard), or null when there is not exactly one (pure).
 */
function defaultLoadHost(served) {
    const exact = (served ?? []).filter((h) => !h.includes('*'));
    if (exact.length === 1)
        return exact[0];
    // A gateway serving `*` also covers the mesh-internal short names (`podinfo`): an outside
    // request names a domain, so the one host with a dot is the one.
    const qualified = exact.filter((h) => h.includes('.'));
    return qualified.length === 1 ? qualified[0] : null;
}
function isReady(pod) {
    const status = (0,object/* isObject */.G)(pod.status) ? pod.status : {};
    const conditions = Array.isArray(status.conditions) ? status.conditions.filter(object/* isObject */.G) : [];
    return (!((0,object/* isObject */.G)(pod.metadata) && pod.metadata.deletionTimestamp) &&
        conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
}
/** Forbidden to read: the check cannot be made with these credentials (said, not failed). */
function forbidden(err) {
    const code = err.code;
    return code === 403 || code === 401;
}
/** Step 1: every destination host is a Service with ready pods. */
async function checkServices(input) {
    const { kube, signal, logger, namespace, virtualService: vs } = input;
    const vsName = `${namespace}/${String(vs.metadata?.name)}`;
    for (const host of destinationHosts(vs, input.routeIndex)) {
        const svcRef = serviceOf(host, namespace);
        if (!svcRef) {
            logger.debug(`probe: destination host ${host} is not a cluster Service name; not checked`);
            continue;
        }
        const where = `${svcRef.namespace}/${svcRef.name}`;
        let svc;
        try {
            svc = await kube.get({ apiVersion: 'v1', kind: 'Service', name: svcRef.name, namespace: svcRef.namespace }, { signal });
        }
        catch (err) {
            if (!forbidden(err))
                throw err;
            logger.warning(`probe: cannot read Service ${where} (${err.message}); not checked`);
            continue;
        }
        if (!svc)
            throw new ProbeError(`VirtualService ${vsName} routes to host ${host}, but there is no Service ${where}: traffic shifted there would only get 503 (no healthy upstream). Create the Service or fix destination.host.`);
        const spec = (0,object/* isObject */.G)(svc.spec) ? svc.spec : {};
        const selector = (0,object/* isObject */.G)(spec.selector) ? spec.selector : null;
        if (!selector || Object.keys(selector).length === 0) {
            logger.debug(`probe: Service ${where} has no selector (its endpoints are managed by hand); not checked`);
            continue;
        }
        const labelSelector = Object.entries(selector)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(',');
        let pods;
        try {
            pods = (await kube.list('v1', 'Pod', svcRef.namespace, { labelSelector, signal })).items;
        }
        catch (err) {
            if (!forbidden(err))
                throw err;
            logger.warning(`probe: cannot list the pods of Service ${where} (${err.message}); not checked`);
            continue;
        }
        const ready = pods.filter(isReady).length;
        if (ready === 0)
            throw new ProbeError(`Service ${where} (destination host ${host} of VirtualService ${vsName}) has no endpoints: ${pods.length === 0 ? `no pod matches its selector ${labelSelector}` : `none of the ${pods.length} pods matching ${labelSelector} is ready`}; traffic shifted there would only get 503.`);
    }
}
const describeError = (err) => {
    if (!(err instanceof Error))
        return String(err);
    const code = err.code;
    return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
};
/** Step 2: the load path answers 2xx from stable with the version header. */
async function checkLoadPath(input, http, gateways) {
    const { signal, logger, namespace, virtualService: vs } = input;
    const spec = (0,object/* isObject */.G)(vs.spec) ? vs.spec : {};
    const hosts = strings(spec.hosts);
    const vsName = `${namespace}/${String(vs.metadata?.name)}`;
    let host = http.host;
    if (host === null) {
        const urlHost = new URL(http.url).hostname;
        const fallback = defaultLoadHost(gateways.served);
        if (fallback !== null && !hosts.includes(urlHost)) {
            http.useHost(fallback);
            host = fallback;
            logger.info(`load-host is not set: using ${fallback}, the one host of VirtualService ${vsName} that its gateway${gateways.names.length === 1 ? '' : 's'} ${gateways.names.join(', ')} serve${gateways.names.length === 1 ? 's' : ''}`);
        }
    }
    const target = `${(0,redact/* showUrl */.jr)(http.url)}${host ? ` (Host: ${host})` : ''}`;
    const servedText = `the VirtualService ${vsName} serves hosts [${hosts.join(', ')}] through gateways [${strings(spec.gateways).join(', ')}]`;
    for (let i = 0; i < (input.requests ?? PROBE_REQUESTS); i++) {
        let answer;
        try {
            answer = await http.get(host, signal);
        }
        catch (err) {
            if (signal.aborted)
                throw err;
            throw new ProbeError(`the load target ${target} cannot be reached: ${describeError(err)}`);
        }
        const { status } = answer;
        if (status === 404)
            throw new ProbeError(`the load target ${target} answered 404: the gateway does not route Host ${host ?? new URL(http.url).host}; ${servedText}. Set load-host to one of those hosts.`);
        if (status < 200 || status >= 300) {
            const body = answer.body.trim().slice(0, 200);
            throw new ProbeError(status >= 300 && status < 400
                ? `the load target ${target} answered ${(0,redirect/* describeRedirect */.G)(status, answer.headers.location)}: the load generator does not follow redirects, so the windows would time the redirect, not the service; point load-url at the path that answers 2xx`
                : `the load target ${target} answered HTTP ${status}${body ? `: ${body}` : ''} at 0% canary; stable must answer 2xx before any traffic moves (${servedText})`);
        }
        const version = answer.headers[http.versionHeader.toLowerCase()];
        if (!version)
            throw new ProbeError(`the load target ${target} answered ${status} without the ${http.versionHeader} header the action adds to the route: the requests do not go through VirtualService ${vsName} (${servedText}); point load-url at the ingress gateway and load-host at one of those hosts`);
        if (input.liveWeight === 0 && version !== 'stable')
            throw new ProbeError(`the load target ${target} was answered by "${version}" at 0% canary (${http.versionHeader}); only stable should answer before the first step`);
    }
    logger.info(`probe: ${target} answers 2xx from stable with ${http.versionHeader}`);
}
/**
 * Proves the measurement path before the first weight moves; resolves when it holds, throws a
 * ProbeError naming the cause when it does not. Reads only: nothing is written.
 */
async function probeMeasurement(input) {
    const { http, prometheus } = probersOf(input.metrics);
    await checkServices(input);
    if (http) {
        const gateways = await gatewaysOf(input.kube, input.virtualService, input.namespace, input.signal, input.logger);
        await checkLoadPath(input, http, gateways);
    }
    if (prometheus)
        await checkPrometheus(input, prometheus);
}
/**
 * Step 3: Prometheus answers the judge's query for the stable workload with its series, within
 * a bounded wait (STABLE_SERIES_WAIT_MS, a look every STABLE_SERIES_POLL_MS, progress logged).
 */
async function checkPrometheus(input, prometheus) {
    const { signal, logger, namespace, stableWorkload } = input;
    const shown = (0,redact/* showUrl */.jr)(prometheus.url);
    const query = prometheus.workloadQuery(namespace, stableWorkload);
    const waitMs = prometheus.seriesWaitMs ?? STABLE_SERIES_WAIT_MS;
    const pollMs = Math.max(1, Math.min(waitMs, prometheus.seriesPollMs ?? STABLE_SERIES_POLL_MS));
    const look = async () => {
        try {
            return await prometheus.series(query, signal);
        }
        catch (err) {
            if (signal.aborted)
                throw err;
            throw new ProbeError(`Prometheus at ${shown} did not answer a query: ${describeError(err)}`);
        }
    };
    let found;
    try {
        found = await (0,retry/* retry */.L5)(async () => {
            const n = await look();
            if (n === 0)
                throw new NoSeriesYet(`no series for ${query}`);
            return n;
        }, { attempts: Math.floor(waitMs / pollMs) + 1, baseDelayMs: pollMs, maxDelayMs: pollMs }, {
            retryable: (err) => err instanceof NoSeriesYet,
            signal,
            onRetry: (_err, attempt) => logger.info(attempt === 1
                ? `probe: Prometheus at ${shown} has no series yet for the stable workload ${namespace}/${stableWorkload}; waiting up to ${waitMs / 1000} s for a scrape (query: ${query})`
                : `probe: still no series for ${namespace}/${stableWorkload} in Prometheus after ${((attempt - 1) * pollMs) / 1000} s of ${waitMs / 1000} s`),
        });
    }
    catch (err) {
        if (!(err instanceof NoSeriesYet))
            throw err;
        throw new ProbeError(`Prometheus at ${shown} has no data for the stable workload ${namespace}/${stableWorkload} after ${waitMs / 1000} s: the query the windows use returned an empty result: ${query}. Every window would find no requests, so nothing was moved. Check that Istio telemetry is on (istio_requests_total, reporter="destination"), that this Prometheus scrapes the sidecars (the istio-proxy's merged metrics, port 15020 /stats/prometheus), and that the labels match: destination_workload="${stableWorkload}" (the stable Deployment) and destination_workload_namespace="${namespace}".`);
    }
    logger.info(`probe: Prometheus at ${shown} measures the stable workload ${namespace}/${stableWorkload} (${found} series)`);
}
/**
 * The runner's one call: probes when this run is about to move the weight from where it is,
 * or to measure the first window of a promotion that has judged nothing yet at a weight it
 * did not write itself (taken over from weights set by hand, or resumed mid-step). Returns
 * the event that stops the run with nothing moved (an error naming the cause, or the
 * cancellation that arrived during the probe), or null when the measurement is proven.
 */
async function unprovenMeasurement(first, input) {
    const moves = first.action.type === 'write' &&
        first.state.phase === 'in-progress' &&
        first.state.weight > input.liveWeight;
    const history = first.state.history;
    const firstWindow = first.action.type === 'measure' && Array.isArray(history) && history.length === 0;
    if (!moves && !firstWindow)
        return null;
    const when = !moves && input.liveWeight > 0
        ? `before the first window (nothing moved; the canary has ${input.liveWeight}%)`
        : 'before any traffic moved';
    try {
        await probeMeasurement(input);
        return null;
    }
    catch (err) {
        if (input.signal.aborted)
            return {
                type: 'cancelled',
                why: `cancelled ${when} (${describeError(input.signal.reason)})`,
            };
        if (err instanceof ProbeError)
            return { type: 'error', message: `${when}: ${err.message}` };
        return {
            type: 'error',
            message: `${when}, the measurement could not be checked: ${describeError(err)}`,
        };
    }
}

// EXTERNAL MODULE: ./src/promote/gates-step.ts + 3 modules
var gates_step = __webpack_require__(2862);
;// CONCATENATED MODULE: ./src/promote/strategy-run.ts




/** Whether a state still has judged windows to run before its weights (and is at 0%, where they run). */
function windowsPending(state) {
    const rec = state.strategy;
    return ((0,strategy_state/* strategic */.$F)(rec) &&
        rec.passed < rec.iterations &&
        state.weight === 0 &&
        (state.phase === 'in-progress' || state.phase === 'held'));
}
/**
 * Runs the pending windows from `start` and returns the transition to drive next: the machine's
 * begin after the last one passed (the first weight, or the switch), a hold after one window
 * for `step`, or the rollback/hold of a failed window or a cancel.
 */
async function runStrategyWindows(run, start) {
    let state = start;
    const ctx = () => run.ctx();
    while (windowsPending(state)) {
        const rec = state.strategy;
        const k = rec.passed + 1;
        const label = (0,strategy_state/* windowLabel */.Hf)(rec, k);
        let attempt = 1;
        for (;;) {
            if (run.deps.signal.aborted)
                return (0,machine/* transition */.kY)(state, { type: 'cancelled', why: run.cancelReason() }, ctx());
            const next = {
                ...state,
                phase: 'in-progress',
                reason: null,
                runId: run.holder,
                updatedAt: run.iso(),
                strategy: { ...rec, on: true },
            };
            const startedAt = run.iso();
            const outcome = await (0,log/* withGroup */.I1)(run.log, `${label}${attempt > 1 ? ' (extended window)' : ''}`, async () => {
                if (attempt === 1) {
                    // The first window gives the canary its first traffic: the pre-rollout gates run before it.
                    const stopped = state.strategy?.on ? null : await (0,gates_step/* gatesBefore */.IB)(run, next, true);
                    if (stopped)
                        return stopped;
                    await run.writeState(next);
                }
                const r = await run.measure({ type: 'measure', step: k, weight: 0, attempt }, run.state ?? next);
                if ('type' in r && r.type === 'verdict')
                    run.log.info(`${label}: ${r.verdict.why ?? r.verdict.outcome} — ${r.verdict.reasons.map((x) => x.message).join('; ')}`);
                return r;
            });
            if ('base' in outcome) {
                // A failing gate: decided from the state written now (nothing of the window was written).
                const why = outcome.event.type === 'verdict'
                    ? `${label}: ${outcome.event.verdict.reasons.map((x) => x.message).join('; ')}`
                    : null;
                const t = why
                    ? (0,machine/* transition */.kY)(state, { type: 'error', message: why }, ctx())
                    : (0,machine/* transition */.kY)(state, outcome.event, ctx());
                run.noteFailure(why ? { type: 'error', message: why } : outcome.event, t);
                return t;
            }
            state = run.state ?? next;
            if ('adopted' in outcome)
                return (0,machine/* transition */.kY)(state, { type: 'error', message: `the weights changed during ${label}; the window is not judged` }, ctx());
            if (outcome.type !== 'verdict')
                return (0,machine/* transition */.kY)(state, outcome, ctx());
            const verdict = outcome.verdict;
            if (verdict.outcome === 'inconclusive' && attempt < 2) {
                attempt++;
                continue;
            }
            const record = {
                step: k,
                weight: 0,
                stage: (0,strategy_state/* windowStage */.ZI)(rec),
                label,
                startedAt,
                endedAt: outcome.endedAt,
                verdict,
            };
            const withRecord = { ...state, history: [...state.history, record] };
            if (verdict.outcome !== 'pass') {
                const bad = verdict.reasons.filter((r) => !r.ok);
                const why = `${label} ${verdict.outcome === 'inconclusive' ? 'inconclusive twice' : 'failed'}: ${(bad.length ? bad : verdict.reasons).map((r) => r.message).join('; ') || verdict.outcome}`;
                const t = (0,machine/* transition */.kY)(withRecord, { type: 'error', message: why }, ctx());
                run.noteFailure({ type: 'error', message: why }, t);
                return t;
            }
            state = { ...withRecord, strategy: { ...state.strategy, passed: k } };
            break;
        }
        const passed = state.strategy;
        const done = passed.passed >= passed.iterations;
        // The windows are done: the A/B route stays for the weights, the mirror and preview go.
        if (done)
            state = { ...state, strategy: { ...passed, on: passed.strategy === 'ab' } };
        if (run.settings.command === 'step') {
            const then = done
                ? passed.strategy === 'blue-green'
                    ? 'the switch to the canary'
                    : `canary ${run.settings.steps[0] ?? 100}%`
                : (0,strategy_state/* windowLabel */.Hf)(passed, passed.passed + 1);
            const reason = `${label} passed; run \`step\` again for ${then}`;
            const held = {
                ...state,
                phase: 'held',
                reason,
                runId: run.holder,
                updatedAt: run.iso(),
            };
            return { state: held, action: { type: 'write', then: { type: 'stop', message: reason } } };
        }
        if (done)
            break;
        await run.progress();
    }
    return (0,machine/* transition */.kY)(state, { type: 'begin', liveWeight: run.liveWeight() }, ctx());
}

// EXTERNAL MODULE: ./src/promote/finalize.ts
var finalize = __webpack_require__(85632);
// EXTERNAL MODULE: ./src/gates/spec.ts
var spec = __webpack_require__(49369);
// EXTERNAL MODULE: ./src/promote/run.ts + 1 modules
var promote_run = __webpack_require__(76930);
;// CONCATENATED MODULE: ./src/promote/dry-run.ts
// The dry run of run, step, promote and rollback: the same start decisions (the runner's
// decideStart) and the same machine transitions as the real command, every window assumed to
// pass, every VirtualService write sent as a server-side dry run and printed. No second planner:
// what it prints is what the command does when every step passes.










/**
 * The dry run: the same start decisions (decideStart) and the same machine transitions as the
 * real command, with every window assumed to pass; each write is sent as a server-side dry run
 * and printed. What it prints is what the command would do when every step passes.
 */
async function dryRun(run, decideStart) {
    const { kube, logger } = run.deps;
    const { settings, target } = run;
    // resolveTarget already sent the whole batch as a server-side dry run (its problems are errors).
    if (target.docs.length)
        logger.info(`[dry-run] the API server accepted all ${target.docs.length} documents (server-side dry run)`);
    let state;
    if (settings.command === 'rollback') {
        await run.readVs();
        state = run.state ?? (0,machine/* freshState */.Q5)(run.ctx(), run.liveWeight());
    }
    else {
        const { restart, adopted } = await decideStart(run, settings);
        if (restart !== null && run.state)
            logger.info(`[dry-run] would start a new promotion${target.canaryImage ? ` of ${target.canaryImage}` : ''} from the first step: ${restart}${run.state ? `; canary to 0% first (previous: ${(0,machine/* describe */.q0)(run.state)})` : ''}`);
        state = restart !== null ? (0,machine/* freshState */.Q5)(run.ctx(), 0) : (adopted ?? run.state ?? (0,machine/* freshState */.Q5)(run.ctx(), 0));
    }
    if (settings.command === 'promote' &&
        settings.canaryImage &&
        target.canaryDeployment &&
        state.canaryImage !== settings.canaryImage) {
        // As the real promote: an unfinished promotion's canary goes to 0% and the state names the
        // new image before the canary's template changes (write-ahead).
        const writeAhead = state.phase === 'in-progress' || state.phase === 'held';
        logger.info(`[dry-run] would ${writeAhead ? `move the canary to 0% and record ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} as a new promotion (previous: ${(0,machine/* describe */.q0)(state)}), then ` : ''}set ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} on the canary Deployment ${(0,one_line/* oneLine */.TN)(target.canaryDeployment)} (unless it runs it already) and wait for its rollout`);
        if (writeAhead)
            state = (0,machine/* freshState */.Q5)(run.ctx(), 0);
    }
    // A strategy's judged windows before the weights: each write printed, each window assumed to pass.
    const walking = settings.command === 'run' || settings.command === 'step';
    if (walking && !state.strategy) {
        const rec = (0,strategy_state/* recordOf */.zv)(settings.strategy);
        if (rec)
            state = { ...state, strategy: rec };
    }
    let windowsDone = 0;
    while (walking && windowsPending(state) && !(settings.command === 'step' && windowsDone > 0)) {
        const rec = state.strategy;
        const next = { ...state, phase: 'in-progress', strategy: { ...rec, on: true } };
        if (run.vs)
            await kube.replace((0,route_object/* renderState */.Cn)(run.vs, target, next), { dryRun: true });
        const traffic = (0,strategy_state/* windowTrafficOf */.ZF)(next);
        logger.info(`[dry-run] would write ${target.selection.virtualService}: ${(0,strategy_state/* stageText */.U2)(next)}, then measure ${settings.intervalMs} ms — ${(0,strategy_state/* windowLabel */.Hf)(rec, rec.passed + 1)}${traffic?.canarySource === 'prometheus' ? ' (the canary judged on Prometheus destination metrics)' : traffic?.cohort ? ` (${Math.round(traffic.cohort.share * 100)}% of the load sent to match)` : ''}`);
        const passed = rec.passed + 1;
        const done = passed >= rec.iterations;
        state = { ...next, strategy: { ...rec, passed, on: done ? rec.strategy === 'ab' : true } };
        windowsDone++;
    }
    if (settings.command === 'step' && windowsDone > 0) {
        logger.info(`[dry-run] then: held after ${windowsDone} judged window; run \`step\` again`);
        const report = run.report(null);
        await run.deps.reporter.final(report);
        return report;
    }
    const vsDoc = target.docs.find((d) => d.object.kind === 'VirtualService' && d.object.metadata?.name === target.selection.virtualService)?.object;
    const name = target.selection.virtualService;
    let t = (0,machine/* transition */.kY)(state, { type: 'begin', liveWeight: state.weight }, run.ctx());
    if (isFresh(state) && t.action.type === 'write' && ['run', 'step'].includes(settings.command)) {
        const baselineMs = await planWindows(run, { baseline: false });
        if (baselineMs > 0)
            logger.info(`[dry-run] would send ${(0,input_parsers/* formatDuration */.a3)(baselineMs)} of load to stable alone before the canary's first traffic`);
    }
    const windowMs = (step) => run.plannedMs.get(step) ?? settings.intervalMs;
    const simulated = (e) => (0,machine/* transition */.kY)(t.state, e, run.ctx());
    let written = false; // the last write's line already says "then measure"
    let weightNow = state.weight; // what the route would send the canary before each write
    for (let guard = 0; guard < 1000; guard++) {
        const { action } = t;
        if (action.type === 'stop') {
            logger.info(`[dry-run] then: ${action.message}`);
            break;
        }
        if (action.type === 'write') {
            const w = t.state.weight;
            // As gates-step.ts: the gates of a weight increase run before it is written, never in a dry run.
            if (w > weightNow && ['run', 'step', 'promote'].includes(settings.command))
                for (const g of (0,spec/* gatesOf */.og)(settings.gates, weightNow === 0 ? 'pre-rollout' : 'pre-step'))
                    logger.info(`[dry-run] would run gate ${(0,spec/* describeGate */.l7)(g)} (${weightNow === 0 ? 'pre-rollout' : 'pre-step'}) before ${w}%; a failure rolls back like a failed check`);
            weightNow = w;
            const base = run.vs ?? vsDoc;
            if (run.vs)
                await kube.replace((0,route_object/* renderState */.Cn)(run.vs, target, t.state), { dryRun: true });
            else if (!base)
                logger.debug(`[dry-run] ${name} does not exist yet`);
            logger.info(action.then.type === 'measure'
                ? `[dry-run] would set ${name}: ${(0,strategy_state/* stageText */.U2)(t.state)}, then measure ${windowMs(action.then.step)} ms`
                : `[dry-run] would set ${name}: ${(0,strategy_state/* stageText */.U2)(t.state)} (${t.state.phase})`);
            t = { state: t.state, action: action.then };
            written = true;
            continue;
        }
        if (action.type === 'measure') {
            if (!written)
                logger.info(`[dry-run] would measure ${windowMs(action.step)} ms at ${action.weight}% canary`);
            written = false;
            const now = run.iso();
            t = simulated({
                type: 'verdict',
                step: action.step,
                weight: action.weight,
                attempt: action.attempt,
                verdict: {
                    outcome: 'pass',
                    reasons: [],
                    stable: null,
                    canary: null,
                    durationMs: windowMs(action.step),
                },
                startedAt: now,
                endedAt: now,
            });
            continue;
        }
        const what = {
            'promote-stable': `[dry-run] would give the stable Deployment ${target.stableDeployment ?? '?'} the canary's pod template and wait for it`,
            'scale-canary-down': `[dry-run] would scale the canary Deployment ${target.canaryDeployment ?? '?'} to 0`,
            'restore-stable': `[dry-run] would restore the stable Deployment ${target.stableDeployment ?? '?'}'s previous pod template`,
        }[action.type];
        const routed = action.type === 'scale-canary-down' ? await (0,finalize/* canaryStillRouted */.MM)(run) : [];
        // Other routes still sending to the canary keep it running (finalize.ts scaleCanaryDown).
        const kept = `the canary Deployment ${target.canaryDeployment ?? '?'} would be left running: other routes still send traffic to its ${(0,route_object/* canarySide */.az)(target)}: ${routed.join('; ')}`;
        if (routed.length) {
            logger.warning(`[dry-run] ${kept}`);
            run.notices.push(`[dry-run] ${kept}`);
        }
        else
            logger.info(what);
        t = simulated(action.type === 'promote-stable'
            ? { type: 'stable-promoted' }
            : action.type === 'scale-canary-down'
                ? { type: 'canary-scaled-down' }
                : { type: 'stable-restored', why: action.why });
        if (routed.length)
            t = (0,promote_run/* keptRunning */.Ul)(t, kept);
    }
    const report = run.report(null);
    await run.deps.reporter.final(report);
    return report;
}

// EXTERNAL MODULE: ./src/promote/template-hash.ts
var template_hash = __webpack_require__(55757);
// EXTERNAL MODULE: ./src/promote/cause.ts
var promote_cause = __webpack_require__(50963);
// EXTERNAL MODULE: ./src/kube/manifest-apply.ts
var manifest_apply = __webpack_require__(26885);
// EXTERNAL MODULE: ./src/kube/errors.ts
var kube_errors = __webpack_require__(23646);
;// CONCATENATED MODULE: ./src/promote/canary-template.ts







const templateOf = (d) => (0,views/* deploymentView */.hr)(d).template ?? undefined;
/** The image of `container` (or of the first container) of a Deployment. */
function imageOf(d, container) {
    const cs = (0,manifests/* containersOf */.Mz)(d);
    const c = container ? cs.find((x) => x.name === container) : cs[0];
    return c?.image || null;
}
/**
 * Sets canary-image on the chosen container of a canary Deployment that is not in the
 * manifests: read, change that container's image, replace with its resourceVersion (a partial
 * server-side apply by our field manager would drop the fields our earlier applies own).
 * Returns whether it changed anything.
 */
async function setLiveCanaryImage(kube, target, image, signal) {
    const ref = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target.canaryDeployment,
        namespace: target.namespace,
    };
    const r = await (0,replace/* replaceWithRetry */.d)(kube, ref, (live) => {
        if (!live)
            throw new Error(`canary Deployment ${target.namespace}/${target.canaryDeployment} does not exist`);
        if (imageOf(live, target.canaryContainer) === image)
            return { done: false };
        return { write: (0,manifests/* withImage */.Mo)(live, image, target.canaryContainer) };
    }, { signal });
    return 'written' in r;
}
/**
 * The canary's pod template as this command will make it, as the API server would store it:
 * run and step apply the manifests (when they hold the canary), and a server-side apply keeps
 * the fields another field manager owns (a `kubectl patch` of an annotation, a `kubectl set
 * env`), so the template is the server's answer to a dry run of that apply, not the manifest's
 * document. promote promotes the live one. Both with canary-image set.
 */
async function canaryTemplate(run, settings) {
    const t = run.target;
    if (!t.canaryDeployment)
        return null;
    const doc = t.docs.find((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === t.canaryDeployment);
    if (doc && settings.command !== 'promote') {
        try {
            const merged = await run.deps.kube.apply((0,manifest_apply/* withDefaultProtocols */.lX)(doc.object), {
                force: true,
                dryRun: true,
                signal: run.deps.signal,
            });
            return templateOf(merged) ?? templateOf(doc.object) ?? null;
        }
        catch (err) {
            // Its namespace is created by the batch: there is nothing live to merge with yet.
            if (err instanceof kube_errors/* KubeApiError */.W3 && err.code === 404)
                return templateOf(doc.object) ?? null;
            throw err;
        }
    }
    const live = await run.deps.kube.get(run.deploymentRef(t.canaryDeployment), { signal: run.deps.signal });
    if (!live)
        return null;
    const wanted = settings.canaryImage ? (0,manifests/* withImage */.Mo)(live, settings.canaryImage, t.canaryContainer) : live;
    return templateOf(wanted) ?? null;
}
/**
 * The live canary Deployment's pod template, read back from the server, and its hashes (the
 * one states record, and the one states written before the whole template counted); null
 * without a canary Deployment.
 */
async function liveCanaryTemplate(run, signal) {
    const name = run.target.canaryDeployment;
    if (!name)
        return null;
    const live = await run.deps.kube.get(run.deploymentRef(name), { signal });
    const template = templateOf(live);
    if (!live || template === undefined)
        return null;
    return {
        hash: (0,template_hash/* podTemplateHash */.U4)(template),
        legacy: (0,template_hash/* legacyPodTemplateHash */.rE)(template),
        image: imageOf(live, run.target.canaryContainer),
    };
}
/**
 * What `status` says when the live canary pod template is not the one the state recorded (a
 * `kubectl set image`, an interrupted image change): the traffic on the canary goes to a
 * template no step judged. Null when they agree, or when nothing is in flight.
 */
async function templateDrift(run) {
    const s = run.state;
    if (!s?.templateHash || !run.target.canaryDeployment)
        return null;
    const live = await liveCanaryTemplate(run);
    if (!live || live.hash === s.templateHash || live.legacy === s.templateHash)
        return null;
    const weight = run.liveWeight();
    const inFlight = !['promoted', 'rolled-back'].includes(s.phase);
    if (!inFlight && weight === 0)
        return null;
    return `the canary Deployment ${run.target.namespace}/${(0,one_line/* oneLine */.TN)(run.target.canaryDeployment)} does not run the pod template this promotion recorded (recorded: ${s.canaryImage ? `${(0,one_line/* oneLine */.TN)(s.canaryImage)}, ` : ''}template hash ${s.templateHash}; live: ${live.image ? `${(0,one_line/* oneLine */.TN)(live.image)}, ` : ''}template hash ${live.hash})${weight > 0 ? `, and it receives ${weight}% of the traffic: that traffic goes to a template no step judged` : ''}. Run \`step\` or \`run\` to judge it from the first step, or \`rollback\``;
}

// EXTERNAL MODULE: ./src/strategy/errors.ts
var strategy_errors = __webpack_require__(86818);
// EXTERNAL MODULE: ./src/strategy/validate.ts
var validate = __webpack_require__(36419);
;// CONCATENATED MODULE: ./src/promote/strategy-check.ts




/** Throws one StrategyError naming every problem of the strategy inputs with the target route; writes nothing. */
async function refuseStrategy(run) {
    const { settings, target } = run;
    const spec = settings.strategy;
    if (spec.strategy === 'canary' && spec.services.length === 0)
        return;
    const errors = [...(0,strategy_state/* engineStrategyErrors */.RS)(spec, settings.metrics)];
    const docs = target.docs.map((d) => d.object);
    const kindName = (0,route_object/* routeKindName */.JH)(target);
    const doc = docs.find((o) => o.kind === kindName && o.metadata?.name === target.selection.virtualService);
    await run.readVs(run.deps.signal);
    const objects = [doc, run.vs].filter((o) => !!o);
    for (const object of objects) {
        const t = target.httpSelection
            ? { kind: 'http-route', object, selection: target.httpSelection }
            : { kind: 'virtual-service', object, selection: target.selection };
        errors.push(...(0,validate/* validateStrategy */.g)(spec, [t], {
            namespace: target.namespace,
            objects: docs,
            liveHost: settings.loadHost,
            virtualService: settings.virtualService,
        }));
    }
    const seen = new Set();
    const unique = errors.filter((e) => !seen.has(e.message) && seen.add(e.message));
    if (unique.length === 0)
        return;
    throw new strategy_errors/* StrategyError */.C(unique[0].code, `strategy ${spec.strategy}: ${unique.map((e) => e.message).join('; ')}. Nothing was written`, unique.flatMap((e) => e.objects));
}

// EXTERNAL MODULE: ./src/promote/lockstep.ts
var lockstep = __webpack_require__(98255);
;// CONCATENATED MODULE: ./src/promote/runner.ts
// The promotion runner: the entry of every command (runPromotion). It resolves the target,
// takes the lease, decides how run, step and promote start (decideStart: a person's change, a
// new image, a kept promotion), applies the manifests, waits for the canary and proves the
// measurement, then hands over to the Run's drive loop (run.ts), which performs the state
// machine's actions; finalize lives in finalize.ts, the checks of the live route and subsets
// in guards.ts. `rollback` preempts and follows the live weight, not the state (rollbackNow);
// an error after writing began is recorded and reported (failed). All I/O goes through deps.






























/**
 * Runs settings.command (run, step, promote, rollback, status) against the cluster behind
 * deps.kube and returns the full report (also passed to reporter.final). Input and manifest
 * problems throw before anything is written.
 */
async function runPromotion(input, deps) {
    const { kube, logger } = deps;
    let settings = input;
    if (settings.canaryImage &&
        (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')) {
        // They change no canary: the image is not set, checked or recorded.
        logger.info(`${settings.command} ignores canary-image ${settings.canaryImage}: it does not change the canary`);
        settings = { ...settings, canaryImage: null };
    }
    // finalize: git-pr is promote-stable in the cluster, then a pull request (git-finalize.ts).
    if (settings.finalize === 'git-pr')
        settings = { ...settings, finalize: 'promote-stable' };
    // Blue/green has one weight: the switch to 100% after the preview windows (strategy-run.ts).
    if (settings.strategy.strategy === 'blue-green' && ['run', 'step'].includes(settings.command))
        settings = { ...settings, steps: [100] };
    const target = await (0,promote_target/* resolveTarget */.u1)(settings, kube, {
        cwd: deps.cwd ?? external_node_process_default().cwd(),
        signal: deps.signal,
        logger,
        docs: deps.manifests,
    }).catch((err) => {
        if (!deps.signal.aborted || err instanceof manifests/* ManifestError */.Sh)
            throw err;
        const r = deps.signal.reason;
        throw new promote_run/* CancelledError */.cc(`cancelled (${r instanceof Error ? r.message : String(r)}) while reading the route, before this run changed anything (${(0,promote_cause/* causeOf */.r)(err)}); the canary is where it was`, { cause: err });
    });
    const run = new promote_run/* Run */.KF(settings, deps, target);
    logger.info(`istio-canary ${settings.command}: ${(0,route_object/* routeKindName */.JH)(target)} ${target.namespace}/${target.selection.virtualService} route ${(0,one_line/* oneLine */.TN)(String(target.selection.routeName ?? target.selection.routeIndex))}, stable ${(0,one_line/* oneLine */.TN)(target.selection.stable.subset)} (${(0,one_line/* oneLine */.TN)(target.stableDeployment ?? '?')}), canary ${(0,one_line/* oneLine */.TN)(target.selection.canary.subset)} (${(0,one_line/* oneLine */.TN)(target.canaryDeployment ?? '?')})${target.canaryImage ? ` image ${(0,one_line/* oneLine */.TN)(target.canaryImage)}` : ''}`);
    if (settings.command === 'status' || settings.command === 'cleanup') {
        await run.readVs();
        const s = run.state;
        logger.info(s
            ? (0,machine/* describe */.q0)(s)
            : `no promotion recorded on ${target.selection.virtualService}; canary at ${run.liveWeight()}%`);
        const what = run.edited(run.vs, s);
        if (what)
            logger.warning(what);
        const drift = await templateDrift(run);
        if (drift) {
            logger.warning(drift);
            run.notices.push(drift);
        }
        const report = run.report(null);
        await deps.reporter.final(report);
        return report;
    }
    // A paused canary or stable rolls out nothing: named before any write (and in a dry run).
    if (['run', 'step', 'promote'].includes(settings.command))
        await (0,rollout/* refusePaused */.d1)(kube, target.namespace, [target.canaryDeployment, target.stableDeployment], target.docs, deps.signal);
    // A strategy's bad combinations are named before anything is written (dry run included).
    if (settings.command === 'run' || settings.command === 'step')
        await refuseStrategy(run);
    // Checked before any write (and in a dry run): the inputs, the files, the edit itself.
    const gitPr = input.finalize === 'git-pr' && ['run', 'step', 'promote'].includes(settings.command)
        ? await (await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(815), __webpack_require__.e(611), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 35455))).prepareGitFinalize(input, run)
        : null;
    // Lockstep: nothing is written until every service got this far (and none clashes).
    const lockstep = ['run', 'step', 'promote'].includes(settings.command) ? deps.lockstep : undefined;
    if (lockstep)
        goOn(run, await lockstep.ready({
            route: {
                namespace: target.namespace,
                kind: (0,route_object/* routeKindName */.JH)(target),
                name: target.selection.virtualService,
            },
            deployments: [target.stableDeployment, target.canaryDeployment].map((d) => d === null ? null : `${target.namespace}/${d}`),
        }, deps.signal));
    if (settings.dryRun) {
        const report = await dryRun(run, decideStart);
        return gitPr ? gitPr.afterDryRun(report) : report;
    }
    if (settings.command === 'promote' && settings.canaryImage && !target.canaryDeployment)
        throw new manifests/* ManifestError */.Sh([
            `promote with canary-image ${settings.canaryImage}: no canary Deployment to set it on (subset ${(0,one_line/* oneLine */.TN)(target.selection.canary.subset)}); nothing was written`,
        ]);
    // rollback does not wait for a run that holds the lease: it takes the lease over (the run's
    // next renewal or write finds it lost) and writes weight 0 with optimistic concurrency.
    const preempt = settings.command === 'rollback';
    try {
        // A broken state annotation is reported before anything is written (rollback replaces it).
        await run.readVs(deps.signal).catch((err) => {
            if (!(preempt && err instanceof machine/* StateAnnotationError */.pP))
                throw err;
        });
        // A promotion on another route, or a new one whose declared stable has no traffic, is
        // refused before the Lease (a write) is taken.
        refuseOtherRoute(run);
        if (!preempt)
            refuseSwappedStart(run, settings);
        // The Lease lives in the VirtualService's namespace: when the manifests create that
        // namespace, it is applied first, and only here: the batch applied later leaves it out.
        const nsDoc = target.docs.find((d) => d.object.kind === 'Namespace' && d.object.metadata?.name === target.namespace);
        const nsRef = { apiVersion: 'v1', kind: 'Namespace', name: target.namespace };
        if (nsDoc && !(await kube.get(nsRef, { signal: deps.signal }))) {
            await (0,manifests/* applyManifests */.ZJ)(kube, [nsDoc], { logger, signal: deps.signal });
            run.applied.add(nsDoc);
        }
        // Lockstep: the Leases are taken one at a time, in the order of their route objects.
        if (lockstep)
            goOn(run, await lockstep.leaseTurn(deps.signal));
        run.lease = await (0,lease/* acquireLease */.ZZ)(kube, {
            namespace: target.namespace,
            virtualService: target.selection.virtualService,
            holder: run.holder,
            durationMs: deps.lease?.durationMs ?? 15_000,
            waitMs: preempt ? 0 : (deps.lease?.waitMs ?? 120_000),
            preempt,
            signal: deps.signal,
            logger,
            now: deps.clock ? () => deps.clock.now() : undefined,
        });
        lockstep?.leased();
    }
    catch (err) {
        if (!deps.signal.aborted)
            throw err;
        throw new promote_run/* CancelledError */.cc(`${run.cancelReason(false)} before this run wrote any weight (${(0,promote_cause/* causeOf */.r)(err)}): ${run.whereCanary()}`, { cause: err });
    }
    try {
        try {
            if (preempt)
                await rollbackNow(run);
            else
                await promote(run, settings);
        }
        catch (err) {
            throw await failed(run, err);
        }
    }
    finally {
        await run.lease.release(run.writes);
    }
    const report = gitPr ? await gitPr.finish(run, run.report(null)) : run.report(null);
    await deps.reporter.final(report);
    return report;
}
/**
 * rollback: weight 0 now, whatever holds the lease, whatever the state says (the live weight
 * decides: a person's move of the canary after a rollback or a promotion is rolled back too)
 * and whether the state parses (an unreadable one is replaced by a rolled-back state that keeps
 * its text in an event); a conflicting write is re-read and decided again.
 */
async function rollbackNow(run) {
    await (0,retry/* retry */.L5)(async () => {
        let broken = null;
        try {
            await run.readVs(run.writes);
        }
        catch (err) {
            if (!(err instanceof machine/* StateAnnotationError */.pP))
                throw err;
            broken = err;
            run.state = null;
        }
        refuseOtherRoute(run);
        const live = run.liveWeight();
        if (broken) {
            const text = (0,one_line/* oneLine */.TN)(broken.raw.length > 500 ? `${broken.raw.slice(0, 500)}…` : broken.raw);
            if (live === 0) {
                run.log.warning(`nothing to roll back: the canary has 0% on ${run.vsName}; ${broken.message} (annotation: ${text})`);
                return;
            }
            const why = `rollback requested by ${run.holder}; ${broken.message.replace(/; remove it to start over$/, '')}, so it was replaced by this rolled-back state`;
            run.notices.push(`${why}; the unreadable annotation was: ${text}`);
            const state = {
                ...onRoute(run, (0,machine/* freshState */.Q5)(run.ctx(), live)),
                phase: 'rolled-back',
                weight: 0,
                reason: why,
                events: [{ at: run.iso(), message: `replaced an unreadable state annotation: ${text}` }],
            };
            await run.writeState(state);
            run.log.info(`rolled back: ${why}`);
            return;
        }
        const state = onRoute(run, run.state ?? (0,machine/* freshState */.Q5)(run.ctx(), live));
        await run.drive((0,machine/* transition */.kY)(state, { type: 'begin', liveWeight: live }, run.ctx()));
    }, replace/* CONFLICT_RETRY */.m, {
        signal: run.writes,
        retryable: (err) => err instanceof promote_run/* ConcurrentChangeError */.wy && !(err instanceof promote_run/* HumanEditError */.k5),
        onRetry: (err) => run.log.info(`rollback: ${err.message}; deciding again on the new state`),
    });
}
/**
 * Reads the route and decides how the command starts: a person's change or unrecorded canary
 * traffic (refused, or taken over), a new image or template (a restart), a kept promotion that
 * must be finished first, a changed schedule (logged). Writes nothing.
 */
async function decideStart(run, settings) {
    const { logger } = run.deps;
    await run.readVs();
    const walking = settings.command === 'run' || settings.command === 'step';
    // A rerun with another strategy than the one under way is refused (its route carries the
    // other strategy's writes); rollback, promote and status follow the recorded one.
    const otherStrategy = walking ? (0,strategy_state/* strategyChange */.kJ)(run.state, settings.strategy) : null;
    if (otherStrategy)
        throw new start/* StartRefused */.Vi(otherStrategy);
    const template = await canaryTemplate(run, settings);
    run.templateHash = template === null ? null : (0,template_hash/* podTemplateHash */.U4)(template);
    const facts = run.startFacts();
    refuseOtherRoute(run);
    refuseSwappedStart(run, settings);
    // A person's change of the weights wins (or is taken over) before anything is written.
    const edit = run.edited(run.vs, run.state);
    const orphan = (0,start/* unrecordedTraffic */.N$)(run.state, facts);
    const what = edit ?? orphan;
    if (what && !settings.takeOver)
        throw new promote_run/* HumanEditError */.k5(`${what}. Nothing was written. To continue from the live weights${orphan ? ' (the measurement is probed before the first window)' : ''}, run again with take-over: true; to send all traffic to stable, run rollback.`);
    let adopted = null;
    if (what) {
        logger.warning(`${what}; take-over: continuing from the live weights`);
        const base = run.state ?? (0,machine/* freshState */.Q5)(run.ctx(), facts.liveWeight);
        adopted = {
            ...base,
            weight: facts.liveWeight,
            events: [...(base.events ?? []), { at: run.iso(), message: `take-over: ${what}` }],
        };
        run.state = adopted;
    }
    // run/step: a new image or template starts over. promote: a finished promotion of another
    // image is a new one for the image named (an unfinished one just takes the new image).
    const finished = run.state?.phase === 'promoted' || run.state?.phase === 'rolled-back';
    // A state written before the whole template counted is compared by the hash it used.
    const compared = template !== null && run.state?.templateHash === (0,template_hash/* legacyPodTemplateHash */.rE)(template)
        ? run.state.templateHash
        : run.templateHash;
    const restart = walking || (settings.command === 'promote' && settings.canaryImage && finished)
        ? (0,machine/* restartReason */.KI)(run.state, run.target.canaryImage, walking ? compared : null)
        : null;
    const kept = (0,start/* keptPromotionRefusal */.oe)(run.state, restart !== null, facts);
    if (kept)
        throw new start/* StartRefused */.Vi(kept);
    const s = run.state;
    if (settings.command === 'promote' &&
        settings.canaryImage &&
        s &&
        (s.phase === 'finalizing' || s.phase === 'rolling-back') &&
        s.canaryImage !== settings.canaryImage)
        throw new start/* StartRefused */.Vi(`promote: the promotion on ${run.vsName}${s.canaryImage ? ` of ${(0,one_line/* oneLine */.TN)(s.canaryImage)}` : ''} is ${s.phase}; its canary is not changed to ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} before it ends. Nothing was written. Run \`promote\` without canary-image (or \`rollback\`) to finish it first`);
    if (settings.command === 'promote' &&
        s &&
        (s.phase === 'in-progress' || s.phase === 'held') &&
        compared &&
        s.templateHash &&
        compared !== s.templateHash &&
        (!settings.canaryImage || settings.canaryImage === s.canaryImage))
        throw new start/* StartRefused */.Vi(`promote: the canary pod template of ${run.target.namespace}/${run.target.canaryDeployment} changed since this promotion judged it (hash ${s.templateHash} → ${compared}), so promote would send 100% to a template no step measured. Nothing was written. Run \`step\` or \`run\` to judge it from the first step, or \`rollback\``);
    const change = walking && !restart && s ? (0,start/* scheduleChange */.qU)(s, settings.steps) : null;
    if (change)
        logger.warning(change);
    return { restart, adopted };
}
/** run, step and promote, under the lease. */
async function promote(run, settings) {
    const { kube, logger } = run.deps;
    const { target, deps } = run;
    const { restart, adopted } = await decideStart(run, settings);
    const walking = settings.command === 'run' || settings.command === 'step';
    // What the subsets select is read from the live DestinationRules (after the apply for run
    // and step, whose manifests may change them): a window must measure the canary's pods.
    if (!walking)
        await refuseLiveSubsets(run, false);
    let fresh = restart !== null;
    const moves = !(run.state?.phase === 'finalizing' || (run.state?.phase === 'promoted' && !fresh));
    if (settings.command === 'promote' && target.canaryDeployment && moves) {
        // promote moves 100% to the canary before stable takes its template: never onto no pods.
        const canary = await kube.get(run.deploymentRef(target.canaryDeployment), { signal: deps.signal });
        const replicas = (0,views/* deploymentView */.hr)(canary).replicas;
        if (replicas === 0)
            throw new manifests/* ManifestError */.Sh([
                `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas, so 100% of the traffic would have no pod to go to; nothing was written. Run \`run\` or \`step\` (which apply the manifests) first, or scale it up`,
            ]);
    }
    // Lockstep: no service writes before every one decided how it starts.
    if (deps.lockstep)
        goOn(run, await deps.lockstep.meet(lockstep/* CHECKED */.kK, deps.signal, (l) => logger.info(l)));
    let restarted = null;
    // Write-ahead: traffic off the canary before its template changes, and the state names the
    // new image and template at once: the new template is judged from the first step, and a
    // kill from here on leaves a state that tells the truth (a rerun resumes the new promotion).
    const restartNow = async (why, message) => {
        const previous = (0,machine/* describe */.q0)(run.state);
        logger.info(`${message}: ${why} (previous: ${previous})`);
        const events = [
            { at: run.iso(), message: `new promotion from the first step: ${why} (previous: ${previous})` },
        ];
        await run.writeState({ ...onRoute(run, (0,machine/* freshState */.Q5)(run.ctx(), 0)), events });
        return run.state;
    };
    if (fresh && run.state)
        restarted = await restartNow(restart, `starting a new promotion for ${(0,one_line/* oneLine */.TN)(target.canaryImage ?? 'the canary')}`);
    if (settings.command === 'promote' &&
        settings.canaryImage &&
        target.canaryDeployment &&
        (run.state?.phase === 'in-progress' || run.state?.phase === 'held') &&
        !restarted &&
        (await liveCanaryTemplate(run, deps.signal))?.image !== settings.canaryImage)
        // An unfinished promotion of another image (or one whose image was changed by hand): the
        // canary changes, so the old judgement no longer applies to it.
        restarted = await restartNow(`promote sets ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} on the canary; canary to 0% before its image changes`, `promote: a new canary image ${(0,one_line/* oneLine */.TN)(settings.canaryImage)}`);
    if (walking && (fresh || run.state?.phase === 'in-progress' || run.state?.phase === 'held')) {
        // A fresh promotion applies everything, with the route's canary weight at 0 (the schedule
        // owns the weights). A resumed one keeps the live VirtualService: its weights and state.
        const liveStable = target.stableDeployment
            ? await kube.get(run.deploymentRef(target.stableDeployment), { signal: deps.signal })
            : null;
        const docs = target.docs.flatMap((d) => {
            const o = d.object;
            if (run.applied.has(d))
                return [];
            if (o.kind === 'Deployment' && liveStable && o.metadata?.name === target.stableDeployment)
                return [{ ...d, object: (0,finalize/* keepLiveImages */.k7)(o, liveStable, logger) }];
            if (o.kind !== (0,route_object/* routeKindName */.JH)(target) || o.metadata?.name !== target.selection.virtualService)
                return [d];
            return fresh ? [{ ...d, object: (0,route_object/* atWeight */.CI)(o, target, 0) }] : [];
        });
        if (docs.length)
            await (0,manifests/* applyManifests */.ZJ)(kube, docs, { logger, signal: deps.signal });
        if (settings.canaryImage &&
            target.canaryDeployment &&
            !target.docs.some((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === target.canaryDeployment))
            await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
        await run.readVs();
        await refuseLiveSubsets(run, docs.length > 0);
        refuseOtherRoute(run);
        // The template judged from here on is the live one, read back after the apply: another
        // writer (or a field the apply does not own) may make it differ from what was decided on.
        const after = await liveCanaryTemplate(run, deps.signal);
        if (after && after.hash !== run.templateHash) {
            logger.debug(`canary pod template after the apply: hash ${after.hash} (expected ${run.templateHash})`);
            run.templateHash = after.hash;
            const recorded = (restarted ?? run.state)?.templateHash;
            if (restarted)
                restarted = { ...restarted, templateHash: after.hash };
            else if (run.state && recorded && recorded !== after.hash && recorded !== after.legacy) {
                fresh = true;
                restarted = await restartNow(`the canary pod template changed (hash ${recorded} → ${after.hash})`, `starting a new promotion for ${(0,one_line/* oneLine */.TN)(target.canaryImage ?? 'the canary')}`);
            }
        }
        // A new promotion with nothing recorded before starts from the weights just applied; a
        // taken-over one from the live weights it adopted.
        if (fresh && !restarted)
            run.state = null;
        else if (adopted && !restarted)
            run.state = adopted;
    }
    if (settings.command === 'promote' && settings.canaryImage && target.canaryDeployment) {
        // promote names an image: the canary runs it (set and rolled out) before it is promoted.
        let changed = false;
        try {
            changed = await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
            if (changed)
                logger.info(`promote: set ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} on ${target.canaryContainer ? `container ${(0,one_line/* oneLine */.TN)(target.canaryContainer)} of ` : ''}the canary Deployment ${(0,one_line/* oneLine */.TN)(target.canaryDeployment)}; waiting for its rollout before promoting it`);
            // Also when it ran the image already: an interrupted promote may have left it mid-rollout.
            await (0,rollout/* waitForRollout */.gj)(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
        }
        catch (err) {
            if (!changed && !restarted)
                throw err;
            // The canary changed and did not become available: whatever traffic it had goes back to
            // stable (whatever on-failure says: no step ever judged this image), and the state says why.
            const base = {
                ...onRoute(run, run.state ?? (0,machine/* freshState */.Q5)(run.ctx(), run.liveWeight())),
                canaryImage: settings.canaryImage,
                templateHash: run.templateHash,
            };
            const event = deps.signal.aborted
                ? { type: 'cancelled', why: run.cancelReason() }
                : {
                    type: 'error',
                    message: `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} did not roll out ${settings.canaryImage}: ${err.message}; traffic back to stable`,
                };
            const t = (0,machine/* transition */.kY)(base, event, { ...run.ctx(), onFailure: 'rollback', onCancel: 'rollback' });
            run.noteFailure(event, t);
            await run.drive(t);
            return;
        }
        // The template promoted is the live one, read back after the change.
        const after = await liveCanaryTemplate(run, deps.signal);
        if (after)
            run.templateHash = after.hash;
        if (restarted)
            restarted = { ...restarted, templateHash: run.templateHash };
        if (run.state && run.state.canaryImage !== settings.canaryImage)
            run.state = { ...run.state, canaryImage: settings.canaryImage, templateHash: run.templateHash };
    }
    const state = onRoute(run, restarted ?? run.state ?? (0,machine/* freshState */.Q5)(run.ctx(), run.liveWeight()));
    let first = (0,machine/* transition */.kY)(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
    const begun = first;
    if (walking &&
        target.canaryDeployment &&
        (first.action.type === 'measure' || first.action.type === 'write')) {
        try {
            await (0,log/* withGroup */.I1)(logger, `canary rollout: ${target.namespace}/${target.canaryDeployment}`, async () => {
                logger.info(`waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`);
                await (0,rollout/* waitForRollout */.gj)(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
                // A Deployment scaled to 0 is "complete" to Kubernetes, but a canary with no pod would
                // turn every request routed to it into a 503.
                const live = await kube.get(run.deploymentRef(target.canaryDeployment), { signal: deps.signal });
                const replicas = (0,views/* deploymentView */.hr)(live).replicas;
                if (replicas === 0)
                    throw new Error(`the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas: traffic routed to it would only get 503; scale it up (or let the manifests set its replicas) and run again`);
                logger.info(`canary Deployment ${target.canaryDeployment} is available`);
            });
        }
        catch (err) {
            const event = deps.signal.aborted
                ? { type: 'cancelled', why: run.cancelReason() }
                : { type: 'error', message: `canary rollout: ${err.message}` };
            first = (0,machine/* transition */.kY)(state, event, run.ctx());
            run.noteFailure(event, first);
        }
    }
    // Nothing moves until the measurement is proven (load path, Prometheus, Services): see probe.ts.
    const unproven = await unprovenMeasurement(first, {
        kube,
        metrics: deps.metrics,
        virtualService: (0,route_object/* probeView */.ey)(run.vs ?? {}, target),
        routeIndex: target.selection.routeIndex,
        namespace: target.namespace,
        stableWorkload: target.stableDeployment ?? target.selection.stable.subset,
        liveWeight: run.liveWeight(),
        signal: deps.signal,
        logger,
    });
    if (unproven) {
        first = (0,machine/* transition */.kY)(state, unproven, run.ctx());
        run.noteFailure(unproven, first);
    }
    // A fresh promotion: the power plan, then stable-only load before the canary's first traffic.
    if (walking && first === begun && isFresh(state) && first.action.type === 'write')
        await planWindows(run, { baseline: true });
    // A strategy's judged windows (A/B, mirror, preview) come before the first weight.
    if (walking &&
        first === begun &&
        windowsPending(state) &&
        (first.action.type === 'write' || first.action.type === 'measure')) {
        run.current = state;
        first = await runStrategyWindows(run, state);
    }
    await run.drive(first);
}
/** A lockstep meeting before anything was written that did not let this service go on: stop, naming why. */
function goOn(run, meeting) {
    if (meeting.go)
        return;
    throw new lockstep/* LockstepError */.Cj(`${run.settings.command} of ${(0,route_object/* routeKindName */.JH)(run.target)} ${run.vsName}: ${meeting.message}; nothing was written`);
}
/**
 * An unrecoverable error mid-run (the API gone after the retries, a bug, a cancel whose writes
 * could not be made): unless another writer took over, roll back (or hold) best effort so the
 * state says why, post the report, and return a PromotionError carrying it. After a cancel its
 * message says where the canary is (the confirmed weight, a write never confirmed) and the
 * command that rolls it back.
 */
async function failed(run, err) {
    const cancelled = run.deps.signal.aborted;
    const cause = (0,promote_cause/* causeOf */.r)(err);
    // Not logged here: the error returned is printed once by whoever runs the command (the CLI's
    // `error:` line, the action's setFailed, the post step's message).
    // Only a run that got as far as driving the machine has something to roll back or hold; it
    // decides from the last state the server confirmed (the intended one may never have landed).
    const state = run.current ? run.state : null;
    if (err instanceof promote_run/* ConcurrentChangeError */.wy) {
        // Someone else's state or weights: report them as the server has them, write nothing.
        try {
            await run.readVs(run.writes);
            run.current = run.state;
        }
        catch {
            // the last answer stands
        }
    }
    else if (state && run.vs && !(state.phase === 'rolled-back' && state.weight === 0)) {
        const t = (0,machine/* transition */.kY)(state, { type: 'error', message: cause }, run.ctx());
        try {
            if (t.action.type === 'write')
                await run.writeState(t.state);
            else if (t.action.type !== 'stop')
                await run.drive(t);
        }
        catch (again) {
            run.current = run.state;
            if (!cancelled)
                run.deps.logger.error(`could not record the failure on the VirtualService (${(0,promote_cause/* causeOf */.r)(again)}); ${run.whereCanary()}`);
        }
    }
    else if (run.current && run.current !== run.state) {
        run.current = run.state;
    }
    const message = cancelled
        ? `${run.cancelReason(false)}; the run could not finish (${cause}): ${run.whereCanary()}. To roll back, run: ${(0,lifecycle/* rollbackHint */.If)(run.settings)}`
        : cause;
    if (cancelled)
        run.deps.logger.error(message);
    const base = run.report(null);
    const report = { ...base, reason: base.reason ?? message };
    try {
        await run.deps.reporter.final(report);
    }
    catch (e) {
        run.deps.logger.warning(`final report failed: ${e.message}`);
    }
    return new promote_run/* PromotionError */.g1(message, report, { cause: err });
}


/***/ })

};
