export const id = 573;
export const ids = [573,684];
export const modules = {

/***/ 26684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SIM_CONTEXT: () => (/* binding */ SIM_CONTEXT),
/* harmony export */   simKubeconfig: () => (/* binding */ simKubeconfig),
/* harmony export */   writeKubeconfig: () => (/* binding */ writeKubeconfig)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33243);
// The kubeconfig that points kubectl and client libraries at the embedded mesh.


const SIM_CONTEXT = 'istio-canary-sim';
/** A kubeconfig (YAML) for a plain-HTTP server on loopback; the token is accepted and ignored. */
function simKubeconfig(apiUrl, namespace = 'default') {
    return (0,js_yaml__WEBPACK_IMPORTED_MODULE_1__/* .dump */ .Bh)({
        apiVersion: 'v1',
        kind: 'Config',
        // client-node 2.x refuses plain http unless insecure-skip-tls-verify is set; kubectl ignores it for http.
        clusters: [{ name: SIM_CONTEXT, cluster: { server: apiUrl, 'insecure-skip-tls-verify': true } }],
        users: [{ name: SIM_CONTEXT, user: { token: 'istio-canary-sim-token' } }],
        contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT, namespace } }],
        'current-context': SIM_CONTEXT,
        preferences: {},
    }, { lineWidth: -1 });
}
/** Written owner-only: kubeconfigs are credentials even when this one grants nothing. */
async function writeKubeconfig(path, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, content, { mode: 0o600 });
}


/***/ }),

/***/ 2573:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startMesh: () => (/* binding */ startMesh)
});

// UNUSED EXPORTS: storeConfigSource

// EXTERNAL MODULE: ./src/sim/api/index.ts + 33 modules
var sim_api = __webpack_require__(25991);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./src/sim/dataplane/profile.ts
const LATENCY_ANNOTATION = 'sim.istio-canary.dev/latency';
const ERROR_RATE_ANNOTATION = 'sim.istio-canary.dev/error-rate';
const ERROR_CODE_ANNOTATION = 'sim.istio-canary.dev/error-code';
/** Fraction of requests whose connection is reset with no response (a crashing app). */
const RESET_RATE_ANNOTATION = 'sim.istio-canary.dev/reset-rate';
/** Fraction of requests never answered (held until the client gives up; a hung app). */
const HANG_RATE_ANNOTATION = 'sim.istio-canary.dev/hang-rate';
/** z-score of the 99th percentile of the standard normal. */
const Z99 = 2.3263478740408408;
/** No draw exceeds this: a runaway tail must not hold a socket for minutes. */
const MAX_LATENCY_MS = 60_000;
const DEFAULT_LATENCY = lognormal(2, 10);
/** Image-tag demo shortcuts (only when the annotation is absent). */
const SLOW_TAG_LATENCY = lognormal(200, 800);
const FAILING_TAG_ERROR_RATE = 0.2;
function lognormal(p50, p99) {
    if (p99 <= p50)
        return { kind: 'constant', ms: p50 };
    return { kind: 'lognormal', p50, p99, mu: Math.log(p50), sigma: Math.log(p99 / p50) / Z99 };
}
/** Draw one service time in milliseconds. */
function sampleLatency(model, rng) {
    if (model.kind === 'constant')
        return model.ms;
    return Math.min(MAX_LATENCY_MS, Math.exp(model.mu + model.sigma * rng.normal()));
}
/** The q-quantile (0 < q < 1) of a model, for tests and docs. */
function latencyQuantile(model, z) {
    return model.kind === 'constant' ? model.ms : Math.exp(model.mu + model.sigma * z);
}
const DURATION = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m)?$/;
/** "20ms", "1.5s", "2m", "500us"; a bare number is milliseconds. Undefined when malformed. */
function parseDurationMs(text) {
    const m = DURATION.exec(text.trim());
    if (!m?.[1])
        return undefined;
    const value = Number(m[1]);
    switch (m[2]) {
        case 'us':
        case 'µs':
            return value / 1000;
        case 's':
            return value * 1000;
        case 'm':
            return value * 60_000;
        default:
            return value;
    }
}
/** "5%" or "0.05" → 0.05. Undefined when malformed or outside [0, 1]. */
function parseRate(text) {
    const t = text.trim();
    const pct = t.endsWith('%');
    const n = Number(pct ? t.slice(0, -1) : t);
    if (t === '' || t === '%' || !Number.isFinite(n))
        return undefined;
    const rate = pct ? n / 100 : n;
    return rate >= 0 && rate <= 1 ? rate : undefined;
}
/**
 * "p50=20ms,p99=80ms" → log-normal fitted to both; "p50=20ms" or "20ms" → constant.
 * Undefined when malformed (p99 below p50 included).
 */
function parseLatency(text) {
    const t = text.trim();
    if (!t.includes('=')) {
        const ms = parseDurationMs(t);
        return ms === undefined ? undefined : { kind: 'constant', ms };
    }
    const parts = new Map();
    for (const part of t.split(',')) {
        const [key, value, ...rest] = part.split('=');
        if (key === undefined || value === undefined || rest.length > 0)
            return undefined;
        const k = key.trim().toLowerCase();
        const ms = parseDurationMs(value);
        if ((k !== 'p50' && k !== 'p99') || ms === undefined || parts.has(k))
            return undefined;
        parts.set(k, ms);
    }
    const p50 = parts.get('p50');
    const p99 = parts.get('p99');
    if (p50 === undefined)
        return undefined;
    if (p99 === undefined || p99 === p50)
        return { kind: 'constant', ms: p50 };
    if (p99 < p50 || p50 <= 0)
        return undefined;
    return lognormal(p50, p99);
}
/** The image tag ("repo/app:1.2.3" → "1.2.3"; digests and missing tags → undefined). */
function imageTag(image) {
    if (!image)
        return undefined;
    const noDigest = image.split('@')[0] ?? '';
    const lastSlash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > lastSlash ? noDigest.slice(colon + 1) : undefined;
}
/** The profile of a Deployment from its pod template annotations, then its image tag. */
function profileFor(annotations, image) {
    const problems = [];
    const tag = (imageTag(image) ?? '').toLowerCase();
    const sources = [];
    let latency = DEFAULT_LATENCY;
    const latencyText = annotations[LATENCY_ANNOTATION];
    if (latencyText !== undefined) {
        const parsed = parseLatency(latencyText);
        if (parsed) {
            latency = parsed;
            sources.push(LATENCY_ANNOTATION);
        }
        else {
            problems.push(`${LATENCY_ANNOTATION}: "${latencyText}" is not "p50=<duration>,p99=<duration>" or "<duration>"`);
        }
    }
    else if (tag.includes('slow')) {
        latency = SLOW_TAG_LATENCY;
        sources.push('image tag "slow"');
    }
    let errorRate = 0;
    const rateText = annotations[ERROR_RATE_ANNOTATION];
    if (rateText !== undefined) {
        const parsed = parseRate(rateText);
        if (parsed !== undefined) {
            errorRate = parsed;
            sources.push(ERROR_RATE_ANNOTATION);
        }
        else {
            problems.push(`${ERROR_RATE_ANNOTATION}: "${rateText}" is not a percentage ("5%") or a fraction ("0.05")`);
        }
    }
    else if (tag.includes('fail')) {
        errorRate = FAILING_TAG_ERROR_RATE;
        sources.push('image tag "fail"');
    }
    let errorCode = 500;
    const codeText = annotations[ERROR_CODE_ANNOTATION];
    if (codeText !== undefined) {
        const code = Number(codeText.trim());
        if (Number.isInteger(code) && code >= 100 && code <= 599)
            errorCode = code;
        else
            problems.push(`${ERROR_CODE_ANNOTATION}: "${codeText}" is not an HTTP status code (100-599)`);
    }
    const rate = (annotation) => {
        const text = annotations[annotation];
        if (text === undefined)
            return 0;
        const parsed = parseRate(text);
        if (parsed !== undefined) {
            sources.push(annotation);
            return parsed;
        }
        problems.push(`${annotation}: "${text}" is not a percentage ("5%") or a fraction ("0.05")`);
        return 0;
    };
    const resetRate = rate(RESET_RATE_ANNOTATION);
    const hangRate = rate(HANG_RATE_ANNOTATION);
    return {
        latency,
        errorRate,
        errorCode,
        resetRate,
        hangRate,
        source: sources.join(', ') || 'default',
        problems,
    };
}

;// CONCATENATED MODULE: ./src/sim/dataplane/rng.ts
// Seeded pseudo-random numbers, so weighted picks and latency/error draws are reproducible in tests.
/** mulberry32: tiny, fast, good enough statistically for simulation (not for crypto). */
function createRng(seed) {
    let state = seed >>> 0;
    let spare;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const normal = () => {
        if (spare !== undefined) {
            const s = spare;
            spare = undefined;
            return s;
        }
        // Box–Muller; 1 - next() keeps the log argument in (0, 1].
        const u = 1 - next();
        const v = next();
        const r = Math.sqrt(-2 * Math.log(u));
        spare = r * Math.sin(2 * Math.PI * v);
        return r * Math.cos(2 * Math.PI * v);
    };
    return { next, normal };
}
/** A stable 32-bit hash (FNV-1a) to derive per-app seeds and pod-like names. */
function hash32(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}

;// CONCATENATED MODULE: ./src/sim/dataplane/app.ts
// An in-process podinfo-like app per Deployment: podinfo's endpoints, with the service time and
// error rate of the Deployment's profile (profile.ts). Called directly by the ingress, no socket.



const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
/** Probes are not slowed down nor failed by the profile, as a real app's health handlers are cheap. */
const PROBES = new Set(['/healthz', '/readyz']);
const json = (status, value) => ({
    status,
    headers: { ...JSON_TYPE },
    body: JSON.stringify(value, null, 2),
});
class PodinfoApp {
    signal;
    rng;
    workload;
    profile;
    podNames = [];
    /** The `/` answer per pod name: the same until the Deployment changes, so built once. */
    infoBodies = new Map();
    /** `signal` aborts pending service-time waits when the data plane closes. */
    constructor(workload, seed, signal) {
        this.signal = signal;
        this.rng = createRng((seed ^ hash32(workload.key)) >>> 0);
        this.update(workload);
    }
    /** The Deployment changed (profile, labels, replicas): keep the RNG stream going. */
    update(workload) {
        this.workload = workload;
        this.profile = profileFor(workload.annotations, workload.image);
        const template = hash32(JSON.stringify([workload.labels, workload.annotations, workload.image]))
            .toString(16)
            .padStart(8, '0')
            .slice(0, 8);
        const replicas = Math.max(1, workload.available);
        this.infoBodies = new Map();
        this.podNames = Array.from({ length: replicas }, (_, i) => `${workload.name}-${template}-${hash32(`${workload.key}/${i}`).toString(36).padStart(5, '0').slice(0, 5)}`);
    }
    get currentProfile() {
        return this.profile;
    }
    async handle(req) {
        const lag = { ms: 0 };
        const path = req.path;
        let reply;
        const ms = PROBES.has(path) ? 0 : sampleLatency(this.profile.latency, this.rng);
        const fail = !PROBES.has(path) && this.profile.errorRate > 0 && this.rng.next() < this.profile.errorRate;
        const probe = PROBES.has(path);
        const reset = !probe && this.profile.resetRate > 0 && this.rng.next() < this.profile.resetRate;
        const hang = !probe && this.profile.hangRate > 0 && this.rng.next() < this.profile.hangRate;
        await this.wait(hang ? MAX_LATENCY_MS : ms, lag);
        if (reset) {
            reply = { status: 0, headers: {}, body: '', reset: true };
        }
        else if (fail) {
            reply = json(this.profile.errorCode, {
                code: this.profile.errorCode,
                message: 'error injected by the sim profile',
            });
        }
        else {
            reply = await this.route(req, lag);
        }
        reply.lagMs = lag.ms;
        return reply;
    }
    /** Sleep `ms`, adding how late the timer fired to `lag`. */
    async wait(ms, lag) {
        if (ms <= 0)
            return;
        const start = performance.now();
        await (0,promises_.setTimeout)(ms, undefined, { signal: this.signal });
        lag.ms += Math.max(0, performance.now() - start - ms);
    }
    hostname() {
        return this.podNames[Math.floor(this.rng.next() * this.podNames.length)] ?? this.workload.name;
    }
    info(hostname) {
        const w = this.workload;
        return JSON.stringify({
            hostname,
            version: w.appVersion,
            revision: w.canonicalRevision,
            color: '#34577c',
            message: `greetings from podinfo ${w.appVersion}`,
            goos: 'linux',
            goarch: 'amd64',
            runtime: 'istio-canary-sim',
            workload: w.key,
            image: w.image ?? '',
            profile: {
                latency: this.profile.latency,
                errorRate: this.profile.errorRate,
                errorCode: this.profile.errorCode,
                source: this.profile.source,
                problems: this.profile.problems,
            },
        }, null, 2);
    }
    async route(req, lag) {
        const w = this.workload;
        const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
        if (path === '/' || path === '/api/info') {
            const hostname = this.hostname();
            let body = this.infoBodies.get(hostname);
            if (body === undefined) {
                body = this.info(hostname);
                this.infoBodies.set(hostname, body);
            }
            return { status: 200, headers: { ...JSON_TYPE }, body };
        }
        if (path === '/version')
            return json(200, { version: w.appVersion, commit: w.canonicalRevision });
        if (path === '/healthz' || path === '/readyz')
            return json(200, { status: 'OK' });
        if (path === '/headers' || path === '/api/headers') {
            const headers = {};
            for (const [k, v] of Object.entries(req.headers)) {
                if (v !== undefined)
                    headers[k] = Array.isArray(v) ? v : [v];
            }
            return json(200, headers);
        }
        if (path === '/echo' || path === '/api/echo') {
            const body = await req.body();
            return { status: 202, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
        }
        const delay = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(path);
        if (delay?.[1]) {
            const seconds = Math.min(Number(delay[1]), 300);
            await this.wait(seconds * 1000, lag);
            return json(200, { delay: seconds });
        }
        const status = /^\/status\/(\d{3})$/.exec(path);
        if (status?.[1]) {
            const code = Number(status[1]);
            if (code >= 200 && code <= 599)
                return json(code, { status: code });
            return json(400, { code: 400, message: `status ${code} is not in 200-599` });
        }
        return json(404, { code: 404, message: 'not found' });
    }
}

;// CONCATENATED MODULE: ./src/sim/dataplane/metrics.ts
// Istio's standard metrics (istio_requests_total, istio_request_duration_milliseconds) kept as
// counters keyed by label set, rendered in the Prometheus text format (version 0.0.4).
/** Istio's default histogram buckets for istio_request_duration_milliseconds. */
const ISTIO_DURATION_BUCKETS_MS = [
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
    3600000,
];
/** The labels Istio's telemetry sets on both metrics, in Istio's order. */
const ISTIO_LABELS = [
    'reporter',
    'source_workload',
    'source_canonical_service',
    'source_canonical_revision',
    'source_workload_namespace',
    'source_principal',
    'source_app',
    'source_version',
    'source_cluster',
    'destination_workload',
    'destination_workload_namespace',
    'destination_principal',
    'destination_app',
    'destination_version',
    'destination_service',
    'destination_service_name',
    'destination_service_namespace',
    'destination_canonical_service',
    'destination_canonical_revision',
    'destination_cluster',
    'request_protocol',
    'response_code',
    'grpc_response_status',
    'response_flags',
    'connection_security_policy',
];
/** Past this many label sets new ones are dropped (and counted), so memory stays bounded. */
const MAX_SERIES = 20_000;
class Series {
    labelText;
    requests = 0;
    sum = 0;
    /** Non-cumulative counts per bucket; the last slot is (largest bound, +Inf). */
    buckets = new Float64Array(ISTIO_DURATION_BUCKETS_MS.length + 1);
    constructor(labelText) {
        this.labelText = labelText;
    }
    observe(ms) {
        this.requests++;
        this.sum += ms;
        let i = 0;
        while (i < ISTIO_DURATION_BUCKETS_MS.length && ms > (ISTIO_DURATION_BUCKETS_MS[i] ?? Infinity))
            i++;
        this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    }
}
/** Discards observations beyond the series cap. */
const OVERFLOW = new Series('');
function escapeLabel(value) {
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
class IstioMetrics {
    series = new Map();
    droppedSeries = 0;
    /** A recorder for one (reporter, source, destination) label set; cheap per request. */
    recorder(base) {
        const prefix = ISTIO_LABELS.map((name) => name === 'response_code' || name === 'response_flags' ? name : `${name}="${escapeLabel(base[name])}"`);
        const cache = new Map();
        return (code, flags, ms) => {
            const key = `${code}|${flags}`;
            let s = cache.get(key);
            if (!s) {
                const text = prefix
                    .map((p) => p === 'response_code'
                    ? `response_code="${code}"`
                    : p === 'response_flags'
                        ? `response_flags="${escapeLabel(flags)}"`
                        : p)
                    .join(',');
                s = this.get(text);
                cache.set(key, s);
            }
            s.observe(ms);
        };
    }
    get(labelText) {
        let s = this.series.get(labelText);
        if (!s) {
            if (this.series.size >= MAX_SERIES) {
                this.droppedSeries++;
                return OVERFLOW;
            }
            s = new Series(labelText);
            this.series.set(labelText, s);
        }
        return s;
    }
    /** The Prometheus text exposition of every series. */
    render() {
        const out = [
            '# HELP istio_requests_total requests_total',
            '# TYPE istio_requests_total counter',
        ];
        for (const s of this.series.values())
            out.push(`istio_requests_total{${s.labelText}} ${s.requests}`);
        out.push('# HELP istio_request_duration_milliseconds request_duration_milliseconds', '# TYPE istio_request_duration_milliseconds histogram');
        for (const s of this.series.values()) {
            let cumulative = 0;
            for (let i = 0; i < ISTIO_DURATION_BUCKETS_MS.length; i++) {
                cumulative += s.buckets[i] ?? 0;
                out.push(`istio_request_duration_milliseconds_bucket{${s.labelText},le="${ISTIO_DURATION_BUCKETS_MS[i]}"} ${cumulative}`);
            }
            out.push(`istio_request_duration_milliseconds_bucket{${s.labelText},le="+Inf"} ${s.requests}`);
            out.push(`istio_request_duration_milliseconds_sum{${s.labelText}} ${s.sum}`);
            out.push(`istio_request_duration_milliseconds_count{${s.labelText}} ${s.requests}`);
        }
        out.push('# HELP sim_metrics_dropped_series_total label sets not recorded because the series cap was reached', '# TYPE sim_metrics_dropped_series_total counter', `sim_metrics_dropped_series_total ${this.droppedSeries}`);
        return out.join('\n') + '\n';
    }
}

// EXTERNAL MODULE: ./src/sim/dataplane/routes-match.ts
var routes_match = __webpack_require__(27794);
// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(69313);
;// CONCATENATED MODULE: ./src/sim/dataplane/routes-objects.ts

const CLUSTER_DOMAIN = 'svc.cluster.local';
const asObj = (v) => ((0,object/* isObject */.G)(v) ? v : undefined);
const asArr = (v) => (Array.isArray(v) ? v : []);
const asStr = (v) => (typeof v === 'string' ? v : undefined);
const asNum = (v) => typeof v === 'number' && Number.isFinite(v) ? v : undefined;
function asStrMap(v) {
    const out = {};
    for (const [k, val] of Object.entries(asObj(v) ?? {}))
        if (typeof val === 'string')
            out[k] = val;
    return out;
}
const nsOf = (o) => o.metadata?.namespace ?? 'default';
const nameOf = (o) => o.metadata?.name ?? '';
/** Creation order, as Istio merges same-host VirtualServices on a gateway. */
function byCreation(a, b) {
    const ca = asStr(asObj(a.metadata)?.creationTimestamp) ?? '';
    const cb = asStr(asObj(b.metadata)?.creationTimestamp) ?? '';
    if (ca !== cb)
        return ca < cb ? -1 : 1;
    const ka = `${nsOf(a)}/${nameOf(a)}`;
    const kb = `${nsOf(b)}/${nameOf(b)}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/sim/dataplane/routes-gateway-api.ts


const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
const ISTIO_GATEWAY_CLASS = 'istio';
const ISTIO_GATEWAY_CONTROLLER = 'istio.io/gateway-controller';
const cond = (type, ok, reason, message) => ({
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
});
/** Istio's sortHTTPRoutes: path rank, path length, method, header count, query count; stable. */
function precedence(a, b) {
    if (a.uriRank !== b.uriRank)
        return b.uriRank - a.uriRank;
    if (a.uriLength !== b.uriLength)
        return b.uriLength - a.uriLength;
    if (a.method !== b.method)
        return a.method ? -1 : 1;
    if (a.headers !== b.headers)
        return b.headers - a.headers;
    return b.queryParams - a.queryParams;
}
function re2At(pattern, where) {
    try {
        return (0,routes_match/* compileRe2 */.Xm)(pattern);
    }
    catch (err) {
        throw new Error(`${where}: ${err.message}`, { cause: err });
    }
}
/** A Gateway API header/query match: type Exact (default) or RegularExpression (RE2, full match). */
function valueMatch(spec, where) {
    const value = asStr(spec.value) ?? '';
    const type = asStr(spec.type) ?? 'Exact';
    if (type === 'RegularExpression') {
        const re = re2At(value, where);
        return (v) => v !== undefined && re.test(v);
    }
    if (type !== 'Exact')
        throw new Error(`${where}: type ${JSON.stringify(type)} is not Exact or RegularExpression`);
    return (v) => v === value;
}
function compileRouteMatch(spec, where) {
    const tests = [];
    const path = asObj(spec.path) ?? { type: 'PathPrefix', value: '/' };
    const pathType = asStr(path.type) ?? 'PathPrefix';
    const pathValue = asStr(path.value) ?? '/';
    let uriRank;
    let uriPrefix;
    if (pathType === 'Exact') {
        uriRank = 3;
        tests.push((r) => r.path === pathValue);
    }
    else if (pathType === 'PathPrefix') {
        uriRank = 2;
        uriPrefix = pathValue.replace(/\/+$/, '');
        tests.push((r) => (0,routes_match/* pathPrefixMatches */.JD)(pathValue, r.path));
    }
    else if (pathType === 'RegularExpression') {
        uriRank = 1;
        const re = re2At(pathValue, `${where}.path`);
        tests.push((r) => re.test(r.path));
    }
    else {
        throw new Error(`${where}.path: type ${JSON.stringify(pathType)} is not Exact, PathPrefix or RegularExpression`);
    }
    const method = asStr(spec.method);
    if (method !== undefined)
        tests.push((r) => r.method === method);
    const headers = asArr(spec.headers)
        .map(asObj)
        .filter((h) => h !== undefined);
    for (const [i, h] of headers.entries()) {
        const name = (asStr(h.name) ?? '').toLowerCase();
        const test = valueMatch(h, `${where}.headers[${i}]`);
        tests.push((r) => test(r.header(name)));
    }
    const queryParams = asArr(spec.queryParams)
        .map(asObj)
        .filter((q) => q !== undefined);
    for (const [i, q] of queryParams.entries()) {
        const name = asStr(q.name) ?? '';
        const test = valueMatch(q, `${where}.queryParams[${i}]`);
        tests.push((_r, params) => test(params().get(name) ?? undefined));
    }
    return {
        match: {
            ...(uriPrefix !== undefined ? { uriPrefix } : {}),
            test: (req, params) => tests.every((t) => t(req, params)),
        },
        uriRank,
        uriLength: pathValue.length,
        method: method !== undefined,
        headers: headers.length,
        queryParams: queryParams.length,
    };
}
/** HTTPHeaderFilter ({set: [{name, value}], add: [...], remove: [names]}) as Istio's HeaderOperations. */
function headerFilter(spec) {
    const o = asObj(spec);
    if (!o)
        return undefined;
    const pairs = (v) => asArr(v)
        .map(asObj)
        .filter((p) => p !== undefined && typeof p.name === 'string')
        .map((p) => [String(p.name).toLowerCase(), asStr(p.value) ?? '']);
    return {
        set: pairs(o.set),
        add: pairs(o.add),
        remove: asArr(o.remove)
            .filter((k) => typeof k === 'string')
            .map((k) => k.toLowerCase()),
    };
}
function isServiceRef(ref) {
    const group = asStr(ref.group) ?? '';
    return (group === '' || group === 'core') && (asStr(ref.kind) ?? 'Service') === 'Service';
}
function referenceGrants(grants) {
    return (routeNs, serviceNs, service) => grants.some((g) => {
        if (nsOf(g) !== serviceNs)
            return false;
        const spec = asObj(g.spec);
        const from = asArr(spec?.from)
            .map(asObj)
            .some((f) => asStr(f?.group) === GATEWAY_API_GROUP &&
            asStr(f?.kind) === 'HTTPRoute' &&
            asStr(f?.namespace) === routeNs);
        const to = asArr(spec?.to)
            .map(asObj)
            .some((t) => (asStr(t?.group) ?? '') === '' &&
            asStr(t?.kind) === 'Service' &&
            (asStr(t?.name) === undefined || asStr(t?.name) === service));
        return from && to;
    });
}
/** A LabelSelector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) against labels. */
function selectorMatches(selector, labels) {
    if (!selector)
        return false;
    const ml = asObj(selector.matchLabels) ?? {};
    if (!Object.entries(ml).every(([k, v]) => labels[k] === v))
        return false;
    return asArr(selector.matchExpressions)
        .map(asObj)
        .every((e) => {
        const key = asStr(e?.key) ?? '';
        const values = asArr(e?.values).filter((v) => typeof v === 'string');
        const has = Object.hasOwn(labels, key);
        switch (asStr(e?.operator)) {
            case 'In':
                return has && values.includes(labels[key] ?? '');
            case 'NotIn':
                return !has || !values.includes(labels[key] ?? '');
            case 'Exists':
                return has;
            case 'DoesNotExist':
                return !has;
            default:
                return false;
        }
    });
}
/** Why a backendRef does not resolve (Gateway API reasons), or undefined. */
function refProblem(ref, routeNs, refs) {
    const name = asStr(ref.name) ?? '';
    const ns = asStr(ref.namespace) ?? routeNs;
    if (!isServiceRef(ref))
        return [
            'InvalidKind',
            `referencing unsupported backendRef: group "${asStr(ref.group) ?? ''}" kind "${asStr(ref.kind) ?? ''}"`,
        ];
    if (ns !== routeNs && !refs.granted(routeNs, ns, name))
        return [
            'RefNotPermitted',
            `backendRef ${name}/${ns} not accessible to a HTTPRoute in namespace "${routeNs}" (missing a ReferenceGrant?)`,
        ];
    if (!refs.resolve(`${name}.${ns}.${CLUSTER_DOMAIN}`, undefined, ns))
        return ['BackendNotFound', `backend(${name}.${ns}.${CLUSTER_DOMAIN}) not found`];
    return undefined;
}
function compileMirror(spec, routeNs, refs) {
    const ref = asObj(spec.backendRef);
    if (!ref)
        return undefined;
    const name = asStr(ref.name) ?? '';
    const ns = asStr(ref.namespace) ?? routeNs;
    const fraction = asObj(spec.fraction);
    const pct = asNum(spec.percent) ??
        (fraction ? (100 * (asNum(fraction.numerator) ?? 0)) / (asNum(fraction.denominator) ?? 100) : 100);
    const host = `${name}.${ns}.${CLUSTER_DOMAIN}`;
    const ok = refProblem(ref, routeNs, refs) === undefined;
    return {
        host,
        upstream: ok ? refs.resolve(host, undefined, ns) : undefined,
        fraction: Math.min(1, Math.max(0, pct / 100)),
    };
}
/** One rule → one Route per match (Istio splits them so each can be ranked on its own). */
function compileRule(route, rule, index, refs, source) {
    const ns = nsOf(route);
    const headers = {};
    const mirrors = [];
    let rewrite;
    let redirect;
    for (const f of asArr(rule.filters).map(asObj)) {
        const type = asStr(f?.type);
        if (!f)
            continue;
        if (type === 'RequestHeaderModifier')
            headers.request = headerFilter(f.requestHeaderModifier);
        else if (type === 'ResponseHeaderModifier')
            headers.response = headerFilter(f.responseHeaderModifier);
        else if (type === 'RequestMirror') {
            const m = compileMirror(asObj(f.requestMirror) ?? {}, ns, refs);
            if (m)
                mirrors.push(m);
        }
        else if (type === 'URLRewrite') {
            const u = asObj(f.urlRewrite);
            const p = asObj(u?.path);
            rewrite = {
                authority: asStr(u?.hostname),
                prefix: asStr(p?.type) === 'ReplacePrefixMatch' ? (asStr(p?.replacePrefixMatch) ?? '/') : undefined,
                full: asStr(p?.type) === 'ReplaceFullPath' ? asStr(p?.replaceFullPath) : undefined,
            };
        }
        else if (type === 'RequestRedirect') {
            const r = asObj(f.requestRedirect);
            const host = asStr(r?.hostname);
            const port = asNum(r?.port);
            redirect = {
                status: asNum(r?.statusCode) ?? 302,
                uri: asStr(asObj(r?.path)?.replaceFullPath),
                authority: host === undefined ? undefined : port === undefined ? host : `${host}:${port}`,
                scheme: asStr(r?.scheme),
            };
        }
    }
    const backendSpecs = asArr(rule.backendRefs)
        .map(asObj)
        .filter((b) => b !== undefined);
    const destinations = backendSpecs.map((b) => {
        const name = asStr(b.name) ?? '';
        const bns = asStr(b.namespace) ?? ns;
        const host = `${name}.${bns}.${CLUSTER_DOMAIN}`;
        const dHeaders = {};
        for (const f of asArr(b.filters).map(asObj)) {
            const type = asStr(f?.type);
            if (type === 'RequestHeaderModifier')
                dHeaders.request = headerFilter(f?.requestHeaderModifier);
            if (type === 'ResponseHeaderModifier')
                dHeaders.response = headerFilter(f?.responseHeaderModifier);
        }
        const ok = refProblem(b, ns, refs) === undefined;
        return {
            host,
            weight: Math.max(0, asNum(b.weight) ?? 1),
            upstream: ok ? refs.resolve(host, undefined, bns) : undefined,
            // The Gateway API answers an invalid backend's share of requests with 500.
            missingStatus: 500,
            headers: dHeaders,
        };
    });
    let sum = 0;
    const cumulativeWeights = destinations.map((d) => (sum += d.weight));
    const timeout = asStr(asObj(rule.timeouts)?.request);
    const timeoutMs = timeout === undefined ? undefined : parseGoDurationMs(timeout);
    const matchSpecs = asArr(rule.matches)
        .map(asObj)
        .filter((m) => m !== undefined);
    const specs = matchSpecs.length > 0 ? matchSpecs : [{ path: { type: 'PathPrefix', value: '/' } }];
    return specs.map((spec, mi) => {
        const where = `rules[${index}].matches[${mi}]`;
        const { match, ...rank } = compileRouteMatch(spec, where);
        const m = rewrite?.prefix !== undefined ? match : { test: match.test };
        const r = {
            name: asStr(rule.name) ?? `${nameOf(route)}.${index}.${mi}`,
            virtualService: `${ns}/${nameOf(route)}`,
            kind: 'HTTPRoute',
            matches: [m],
            destinations,
            cumulativeWeights,
            totalWeight: sum,
            headers,
            mirrors,
            source,
        };
        if (rewrite) {
            const uri = rewrite.prefix ?? rewrite.full;
            r.rewrite = { uri, authority: rewrite.authority };
        }
        if (redirect)
            r.redirect = redirect;
        if (sum === 0)
            r.localStatus = 500;
        if (timeoutMs !== undefined && timeoutMs > 0)
            r.timeoutMs = timeoutMs;
        return { route: r, ...rank };
    });
}
/** Go durations as the Gateway API writes them ("10s", "500ms", "1m30s"). */
function parseGoDurationMs(s) {
    const unit = {
        h: 3_600_000,
        m: 60_000,
        s: 1000,
        ms: 1,
        us: 0.001,
        µs: 0.001,
        ns: 1e-6,
    };
    let total = 0;
    let rest = s;
    while (rest.length > 0) {
        const m = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
        if (!m)
            return undefined;
        total += Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
        rest = rest.slice(m[0].length);
    }
    return s.length > 0 ? total : undefined;
}
/** The hostnames a route serves on a listener; [] when none intersect. */
function intersectHostnames(listener, route) {
    const covers = (wild, h) => h.endsWith(wild.slice(1)) && h.length > wild.length - 1;
    if (route.length === 0)
        return [listener ?? '*'];
    if (listener === undefined)
        return route;
    const out = [];
    for (const h of route) {
        if (h === listener)
            out.push(h);
        else if (listener.startsWith('*.') && covers(listener, h))
            out.push(h);
        else if (h.startsWith('*.') && covers(h, listener))
            out.push(listener);
    }
    return out;
}
function parseListeners(gw) {
    return asArr(asObj(gw.spec)?.listeners)
        .map(asObj)
        .filter((l) => l !== undefined)
        .map((l) => ({
        name: asStr(l.name) ?? '',
        hostname: asStr(l.hostname)?.toLowerCase(),
        protocol: asStr(l.protocol) ?? 'HTTP',
        from: asStr(asObj(asObj(l.allowedRoutes)?.namespaces)?.from) ?? 'Same',
        selector: asObj(asObj(asObj(l.allowedRoutes)?.namespaces)?.selector),
    }));
}
function compileGatewayApi(objs, resolve) {
    const refs = { resolve, granted: referenceGrants(objs.referenceGrants ?? []) };
    const nsLabels = new Map();
    for (const n of objs.namespaces ?? [])
        nsLabels.set(nameOf(n), asStrMap(asObj(n.metadata)?.labels));
    // Without Namespace objects, the label every namespace carries (since Kubernetes 1.21).
    const labelsOf = (ns) => nsLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
    const gateways = new Map();
    for (const g of objs.k8sGateways ?? [])
        gateways.set(`${nsOf(g)}/${nameOf(g)}`, g);
    const ours = (g) => asStr(asObj(g.spec)?.gatewayClassName) === ISTIO_GATEWAY_CLASS;
    const attached = new Map();
    const status = { gateways: new Map(), routes: new Map() };
    const rejected = [];
    const byHost = new Map();
    for (const hr of [...(objs.httpRoutes ?? [])].sort(byCreation)) {
        const ns = nsOf(hr);
        const spec = asObj(hr.spec) ?? {};
        const key = `${ns}/${nameOf(hr)}`;
        const rules = asArr(spec.rules)
            .map(asObj)
            .filter((r) => r !== undefined);
        const hostnames = asArr(spec.hostnames)
            .filter((h) => typeof h === 'string')
            .map((h) => h.toLowerCase());
        const backendRefs = rules.flatMap((r) => [
            ...asArr(r.backendRefs),
            ...asArr(r.filters).map((f) => asObj(asObj(f)?.requestMirror)?.backendRef),
        ]);
        const problem = backendRefs
            .map(asObj)
            .filter((r) => r !== undefined)
            .map((r) => refProblem(r, ns, refs))
            .find((p) => p !== undefined);
        const resolvedRefs = problem
            ? cond('ResolvedRefs', false, problem[0], problem[1])
            : cond('ResolvedRefs', true, 'ResolvedRefs', 'All references resolved');
        const parents = [];
        const compiled = new Map();
        let invalid;
        for (const p of asArr(spec.parentRefs).map(asObj)) {
            if (!p)
                continue;
            if ((asStr(p.group) ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP ||
                (asStr(p.kind) ?? 'Gateway') !== 'Gateway')
                continue; // a Service parent (mesh) is not the ingress's
            const gwKey = `${asStr(p.namespace) ?? ns}/${asStr(p.name) ?? ''}`;
            const parentRef = { group: GATEWAY_API_GROUP, kind: 'Gateway', ...p };
            const gw = gateways.get(gwKey);
            if (gw && !ours(gw))
                continue;
            const parent = (accepted) => {
                parents.push({
                    parentRef,
                    controllerName: ISTIO_GATEWAY_CONTROLLER,
                    conditions: [accepted, resolvedRefs],
                });
            };
            if (!gw) {
                parent(cond('Accepted', false, 'NoMatchingParent', `parent gateway ${gwKey} not found`));
                continue;
            }
            const section = asStr(p.sectionName);
            const candidates = parseListeners(gw).filter((l) => (section === undefined || l.name === section) && (l.protocol === 'HTTP' || l.protocol === 'HTTPS'));
            const allowed = candidates.filter((l) => l.from === 'All' ||
                (l.from === 'Same' && nsOf(gw) === ns) ||
                (l.from === 'Selector' && selectorMatches(l.selector, labelsOf(ns))));
            const served = allowed
                .map((l) => ({ l, hosts: intersectHostnames(l.hostname, hostnames) }))
                .filter((x) => x.hosts.length > 0);
            if (allowed.length === 0) {
                parent(cond('Accepted', false, 'NotAllowedByListeners', 'no listener of the parent allows this route'));
                continue;
            }
            if (served.length === 0) {
                parent(cond('Accepted', false, 'NoMatchingListenerHostname', 'no hostnames matched parent hostname'));
                continue;
            }
            if (!compiled.has(gwKey) && invalid === undefined) {
                try {
                    const gwName = nameOf(gw);
                    const source = {
                        workload: `${gwName}-istio`,
                        namespace: nsOf(gw),
                        principal: `spiffe://cluster.local/ns/${nsOf(gw)}/sa/${gwName}-istio`,
                    };
                    compiled.set(gwKey, rules.flatMap((r, i) => compileRule(hr, r, i, refs, source)));
                }
                catch (err) {
                    invalid = err.message;
                    rejected.push({ kind: 'HTTPRoute', namespace: ns, name: nameOf(hr), reason: invalid });
                }
            }
            if (invalid !== undefined) {
                parent(cond('Accepted', false, 'UnsupportedValue', invalid));
                continue;
            }
            parent(cond('Accepted', true, 'Accepted', 'Route was valid'));
            for (const { l, hosts } of served) {
                const lk = `${gwKey}/${l.name}`;
                attached.set(lk, (attached.get(lk) ?? 0) + 1);
                for (const h of hosts) {
                    const entry = byHost.get(h) ?? { namespace: ns, ranked: [] };
                    entry.ranked.push(...(compiled.get(gwKey) ?? []).filter((r) => !entry.ranked.includes(r)));
                    byHost.set(h, entry);
                }
            }
        }
        if (parents.length > 0)
            status.routes.set(key, parents);
    }
    for (const [key, gw] of gateways) {
        if (!ours(gw))
            continue;
        const [ns, name] = key.split('/');
        const svc = `${name}-istio.${ns}.${CLUSTER_DOMAIN}`;
        status.gateways.set(key, {
            addresses: [{ type: 'Hostname', value: svc }],
            conditions: [
                cond('Accepted', true, 'Accepted', 'Resource accepted'),
                cond('Programmed', true, 'Programmed', `Resource programmed, assigned to service(s) ${svc}`),
            ],
            listeners: parseListeners(gw).map((l) => ({
                name: l.name,
                attachedRoutes: attached.get(`${key}/${l.name}`) ?? 0,
                supportedKinds: [
                    { group: GATEWAY_API_GROUP, kind: 'HTTPRoute' },
                    { group: GATEWAY_API_GROUP, kind: 'GRPCRoute' },
                ],
                conditions: [
                    cond('Accepted', true, 'Accepted', 'No errors found'),
                    cond('NoConflicts', false, 'NoConflicts', 'No errors found'),
                    cond('Programmed', true, 'Programmed', 'No errors found'),
                    cond('ResolvedRefs', true, 'ResolvedRefs', 'No errors found'),
                ],
            })),
        });
    }
    const hosts = [...byHost.entries()].map(([host, { namespace, ranked }]) => ({
        host,
        namespace,
        routes: [...ranked].sort(precedence).map((r) => r.route),
    }));
    return { hosts, rejected, status };
}

;// CONCATENATED MODULE: ./src/sim/dataplane/routes.ts





/** Host → FQDN candidates in lookup order: as written, then expanded relative to `namespace`. */
function serviceFqdnCandidates(host, namespace) {
    const h = host.toLowerCase().replace(/\.$/, '');
    const dots = h.split('.').length - 1;
    if (dots === 0)
        return [`${h}.${namespace}.${CLUSTER_DOMAIN}`];
    if (h.endsWith('.svc'))
        return [`${h}.cluster.local`];
    if (dots === 1)
        return [h, `${h}.${CLUSTER_DOMAIN}`];
    return [h];
}
/** Names a request's Host may carry for a VirtualService host (Envoy's sidecar domain aliases). */
function hostAliases(host, namespace) {
    const h = host.toLowerCase().replace(/\.$/, '');
    let name;
    let ns;
    const parts = h.split('.');
    if (parts.length === 1)
        [name, ns] = [h, namespace];
    else if (h.endsWith(`.${CLUSTER_DOMAIN}`) && parts.length === 5)
        [name, ns] = [parts[0], parts[1]];
    else if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc'))
        [name, ns] = [parts[0], parts[1]];
    if (name === undefined || ns === undefined)
        return [h];
    const fqdn = `${name}.${ns}.${CLUSTER_DOMAIN}`;
    const aliases = [name, `${name}.${ns}`, `${name}.${ns}.svc`, fqdn];
    // A dotted host like podinfo.co matches as written too.
    if (!aliases.includes(h))
        aliases.push(h);
    return aliases;
}
/** Host header → lookup key: lower case, no port, no trailing dot. */
function normalizeHost(raw) {
    if (!raw)
        return '';
    let h = raw.trim().toLowerCase();
    if (h.startsWith('[')) {
        const end = h.indexOf(']');
        h = end >= 0 ? h.slice(0, end + 1) : h;
    }
    else {
        const colon = h.lastIndexOf(':');
        if (colon >= 0)
            h = h.slice(0, colon);
    }
    return h.endsWith('.') ? h.slice(0, -1) : h;
}
/** compileStringMatch with the field's name in the error. */
function fieldMatch(field, spec, ignoreCase = false) {
    try {
        return (0,routes_match/* compileStringMatch */.Oi)(spec, ignoreCase);
    }
    catch (err) {
        throw new Error(`${field}: ${err.message}`, { cause: err });
    }
}
/** One HTTPMatchRequest: every condition in it must hold (AND); a route's match list is OR'ed. */
function compileMatch(spec, gatewayOk) {
    const gateways = asArr(spec.gateways).filter((g) => typeof g === 'string');
    if (gateways.length > 0 && !gatewayOk(gateways))
        return undefined;
    const ignoreCase = spec.ignoreUriCase === true;
    const tests = [];
    const uri = fieldMatch('uri', spec.uri, ignoreCase);
    if (uri)
        tests.push((r) => uri(r.path));
    const method = fieldMatch('method', spec.method);
    if (method)
        tests.push((r) => method(r.method));
    const scheme = fieldMatch('scheme', spec.scheme);
    if (scheme)
        tests.push((r) => scheme(r.scheme));
    const authority = fieldMatch('authority', spec.authority);
    if (authority)
        tests.push((r) => authority(r.authority));
    for (const [name, m] of Object.entries(asObj(spec.headers) ?? {})) {
        const test = fieldMatch(`headers.${name}`, m);
        const key = name.toLowerCase();
        if (test)
            tests.push((r) => test(r.header(key)));
    }
    for (const [name, m] of Object.entries(asObj(spec.withoutHeaders) ?? {})) {
        const test = fieldMatch(`withoutHeaders.${name}`, m);
        const key = name.toLowerCase();
        if (test)
            tests.push((r) => !test(r.header(key)));
    }
    for (const [name, m] of Object.entries(asObj(spec.queryParams) ?? {})) {
        const test = fieldMatch(`queryParams.${name}`, m);
        if (test)
            tests.push((_r, params) => test(params().get(name) ?? undefined));
    }
    const uriPrefix = asStr(asObj(spec.uri)?.prefix);
    return {
        ...(uriPrefix !== undefined ? { uriPrefix } : {}),
        test: (req, params) => tests.every((t) => t(req, params)),
    };
}
function compileHeaderOps(spec) {
    const o = asObj(spec);
    if (!o)
        return undefined;
    const lower = (m) => Object.entries(m).map(([k, v]) => [k.toLowerCase(), v]);
    return {
        set: lower(asStrMap(o.set)),
        add: lower(asStrMap(o.add)),
        remove: asArr(o.remove)
            .filter((k) => typeof k === 'string')
            .map((k) => k.toLowerCase()),
    };
}
function compileHeaders(spec) {
    const o = asObj(spec);
    const request = compileHeaderOps(o?.request);
    const response = compileHeaderOps(o?.response);
    return { ...(request ? { request } : {}), ...(response ? { response } : {}) };
}
function percentage(spec) {
    const pct = asNum(asObj(spec.percentage)?.value) ?? asNum(spec.percent) ?? 100;
    return Math.min(1, Math.max(0, pct / 100));
}
function compileFault(spec) {
    const o = asObj(spec);
    if (!o)
        return undefined;
    const fault = { delayFraction: 0, abortFraction: 0 };
    const delay = asObj(o.delay);
    const delayMs = delay ? parseDurationMs(asStr(delay.fixedDelay) ?? '') : undefined;
    if (delay && delayMs !== undefined) {
        fault.delayMs = delayMs;
        fault.delayFraction = percentage(delay);
    }
    const abort = asObj(o.abort);
    const status = abort ? asNum(abort.httpStatus) : undefined;
    if (abort && status !== undefined) {
        fault.abortStatus = status;
        fault.abortFraction = percentage(abort);
    }
    return fault.delayMs !== undefined || fault.abortStatus !== undefined ? fault : undefined;
}
/** Envoy's behaviour for a route's weights: one destination takes everything; else the given weights. */
function weightsOf(route) {
    if (route.length === 1)
        return [100];
    const weights = route.map((r) => Math.max(0, asNum(r.weight) ?? 0));
    return weights.some((w) => w > 0) ? weights : weights.map(() => 1);
}
/** Istio's mirror fields: `mirrors` (1.19+), else `mirror` with `mirrorPercentage` or the older `mirrorPercent`. */
function compileMirrors(http, ns, resolve, where) {
    if (http.mirror !== undefined && asArr(http.mirrors).length > 0)
        throw new Error(`${where}: HTTP route cannot contain both mirror and mirrors`);
    const one = (dest, pct) => {
        const host = asStr(dest?.host);
        if (!host)
            return undefined;
        if (pct < 0 || pct > 100)
            throw new Error(`${where}: mirror percentage ${pct} is outside 0-100`);
        return {
            host,
            upstream: resolve(host, asStr(dest?.subset), ns),
            fraction: Math.min(1, Math.max(0, pct / 100)),
        };
    };
    const mirrors = asArr(http.mirrors)
        .map(asObj)
        .map((m) => one(asObj(m?.destination), asNum(asObj(m?.percentage)?.value) ?? 100))
        .filter((m) => m !== undefined);
    const legacyPct = asNum(asObj(http.mirrorPercentage)?.value) ??
        asNum(http.mirrorPercent) ??
        asNum(http.mirror_percent) ??
        100;
    const legacy = one(asObj(http.mirror), legacyPct);
    return legacy ? [...mirrors, legacy] : mirrors;
}
/** One VirtualService's http routes; throws (with the reason) when istiod would refuse it. */
function compileVirtualServiceRoutes(vs, gatewayOk, resolveUpstream) {
    const spec = asObj(vs.spec);
    const ns = nsOf(vs);
    const routes = [];
    for (const [index, h] of asArr(spec?.http).entries()) {
        const http = asObj(h);
        if (!http)
            continue;
        const matchSpecs = asArr(http.match)
            .map(asObj)
            .filter((m) => m !== undefined);
        let matches;
        try {
            matches = matchSpecs.map((m) => compileMatch(m, gatewayOk)).filter((m) => !!m);
        }
        catch (err) {
            throw new Error(`http[${index}].match: ${err.message}`, { cause: err });
        }
        // Every match was for a gateway this ingress is not: the route never applies here.
        if (matchSpecs.length > 0 && matches.length === 0)
            continue;
        const routeSpecs = asArr(http.route)
            .map(asObj)
            .filter((r) => r !== undefined);
        const weights = weightsOf(routeSpecs);
        const destinations = routeSpecs.map((r, i) => {
            const dest = asObj(r.destination);
            // `name` is the 2018 v1alpha3 field, accepted for old manifests.
            const host = asStr(dest?.host) ?? asStr(dest?.name) ?? '';
            return {
                host,
                weight: weights[i] ?? 0,
                upstream: resolveUpstream(host, asStr(dest?.subset), ns),
                headers: compileHeaders(r.headers),
            };
        });
        let sum = 0;
        const cumulativeWeights = destinations.map((d) => (sum += d.weight));
        const route = {
            name: asStr(http.name),
            virtualService: `${ns}/${nameOf(vs)}`,
            kind: 'VirtualService',
            matches,
            destinations,
            cumulativeWeights,
            totalWeight: sum,
            headers: compileHeaders(http.headers),
            mirrors: compileMirrors(http, ns, resolveUpstream, `http[${index}]`),
        };
        const rewrite = asObj(http.rewrite);
        if (rewrite)
            route.rewrite = { uri: asStr(rewrite.uri), authority: asStr(rewrite.authority) };
        const redirect = asObj(http.redirect);
        if (redirect)
            route.redirect = {
                status: asNum(redirect.redirectCode) ?? 301,
                uri: asStr(redirect.uri),
                authority: asStr(redirect.authority),
                scheme: asStr(redirect.scheme),
            };
        const direct = asObj(http.directResponse);
        if (direct)
            route.directResponse = {
                status: asNum(direct.status) ?? 200,
                body: asStr(asObj(direct.body)?.string) ?? '',
            };
        const fault = compileFault(http.fault);
        if (fault)
            route.fault = fault;
        const timeout = asStr(http.timeout);
        const timeoutMs = timeout === undefined ? undefined : parseDurationMs(timeout);
        if (timeoutMs !== undefined && timeoutMs > 0)
            route.timeoutMs = timeoutMs;
        routes.push(route);
    }
    return routes;
}
/**
 * What istiod's validating webhook (validation.istio.io) would say about a VirtualService's http
 * routes, or undefined when they compile: for an Istio admission check that refuses at apply time
 * what this table would otherwise leave out (the regexes RE2 lacks).
 */
function virtualServiceValidationError(vs) {
    try {
        compileVirtualServiceRoutes(vs, () => true, () => undefined);
        return undefined;
    }
    catch (err) {
        return err.message;
    }
}
function buildRoutingTable(objs) {
    const gatewayNames = new Set(objs.gateways.map((g) => `${nsOf(g)}/${nameOf(g)}`));
    const workloads = objs.deployments.map((d) => {
        const spec = asObj(d.spec);
        const template = asObj(spec?.template);
        const tmeta = asObj(template?.metadata);
        const labels = asStrMap(tmeta?.labels);
        const annotations = { ...asStrMap(asObj(d.metadata)?.annotations), ...asStrMap(tmeta?.annotations) };
        const container = asObj(asArr(asObj(template?.spec)?.containers)[0]);
        const image = asStr(container?.image);
        const name = nameOf(d);
        const versionLabel = labels.version ?? labels['app.kubernetes.io/version'] ?? 'unknown';
        const app = labels.app ?? labels['app.kubernetes.io/name'] ?? 'unknown';
        return {
            key: `${nsOf(d)}/${name}`,
            name,
            namespace: nsOf(d),
            labels,
            annotations,
            image,
            available: asNum(asObj(d.status)?.availableReplicas) ?? 0,
            versionLabel,
            appVersion: labels.version ?? imageTag(image) ?? 'latest',
            app,
            canonicalService: labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? name,
            canonicalRevision: labels['service.istio.io/canonical-revision'] ??
                labels['app.kubernetes.io/version'] ??
                labels.version ??
                'latest',
        };
    });
    const services = new Map();
    for (const s of objs.services)
        services.set(`${nameOf(s)}.${nsOf(s)}.${CLUSTER_DOMAIN}`, s);
    const subsetsByHost = new Map();
    for (const dr of [...objs.destinationRules].sort(byCreation)) {
        const spec = asObj(dr.spec);
        const host = asStr(spec?.host);
        if (!host)
            continue;
        const fqdn = serviceFqdnCandidates(host, nsOf(dr)).find((c) => services.has(c)) ??
            serviceFqdnCandidates(host, nsOf(dr)).at(-1) ??
            host;
        if (subsetsByHost.has(fqdn))
            continue; // the oldest DestinationRule for a host wins
        const subsets = new Map();
        for (const s of asArr(spec?.subsets)) {
            const so = asObj(s);
            const n = asStr(so?.name);
            if (n)
                subsets.set(n, asStrMap(so?.labels));
        }
        subsetsByHost.set(fqdn, subsets);
    }
    const upstreams = new Map();
    const resolveUpstream = (host, subset, namespace) => {
        const fqdn = serviceFqdnCandidates(host, namespace).find((c) => services.has(c));
        if (!fqdn)
            return undefined;
        const key = `${fqdn}|${subset ?? ''}`;
        if (upstreams.has(key))
            return upstreams.get(key);
        const svc = services.get(fqdn);
        let upstream;
        const selector = asStrMap(asObj(svc?.spec)?.selector);
        const subsetLabels = subset === undefined ? {} : subsetsByHost.get(fqdn)?.get(subset);
        if (svc && subsetLabels) {
            const want = { ...selector, ...subsetLabels };
            const ns = nsOf(svc);
            // A Service without a selector has no endpoints of its own.
            const members = Object.keys(selector).length === 0
                ? []
                : workloads.filter((w) => w.namespace === ns && Object.entries(want).every(([k, v]) => w.labels[k] === v));
            const ready = members.filter((w) => w.available > 0);
            let sum = 0;
            upstream = {
                serviceFqdn: fqdn,
                serviceName: nameOf(svc),
                serviceNamespace: ns,
                subset,
                ready,
                readyCumulative: ready.map((w) => (sum += w.available)),
            };
        }
        upstreams.set(key, upstream);
        return upstream;
    };
    const table = {
        exact: new Map(),
        suffixes: [],
        catchAll: undefined,
        workloads,
        rejected: [],
        gatewayApi: { gateways: new Map(), routes: new Map() },
    };
    const suffixes = new Map();
    const addHost = (host, ns, routes) => {
        const h = host.toLowerCase();
        if (h === '*') {
            table.catchAll = [...(table.catchAll ?? []), ...routes];
        }
        else if (h.startsWith('*.')) {
            const suffix = h.slice(1);
            suffixes.set(suffix, [...(suffixes.get(suffix) ?? []), ...routes]);
        }
        else {
            for (const alias of hostAliases(h, ns)) {
                table.exact.set(alias, [...(table.exact.get(alias) ?? []), ...routes]);
            }
        }
    };
    for (const vs of [...objs.virtualServices].sort(byCreation)) {
        const spec = asObj(vs.spec);
        const ns = nsOf(vs);
        const gatewayOk = (names) => names.some((g) => g === 'mesh' || gatewayNames.has(g.includes('/') ? g : `${ns}/${g}`));
        const bound = asArr(spec?.gateways).filter((g) => typeof g === 'string');
        if (!gatewayOk(bound.length > 0 ? bound : ['mesh']))
            continue;
        let routes;
        try {
            routes = compileVirtualServiceRoutes(vs, gatewayOk, resolveUpstream);
        }
        catch (err) {
            // istiod's validation refuses the whole VirtualService; nothing of it is served.
            table.rejected.push({
                kind: 'VirtualService',
                namespace: ns,
                name: nameOf(vs),
                reason: err.message,
            });
            continue;
        }
        for (const host of asArr(spec?.hosts))
            if (typeof host === 'string')
                addHost(host, ns, routes);
    }
    const gatewayApi = compileGatewayApi(objs, resolveUpstream);
    table.rejected.push(...gatewayApi.rejected);
    table.gatewayApi = gatewayApi.status;
    for (const { host, namespace, routes } of gatewayApi.hosts)
        addHost(host, namespace, routes);
    table.suffixes = [...suffixes.entries()].sort((a, b) => b[0].length - a[0].length);
    return table;
}
/** The routes of the virtual host a Host header selects; undefined → 404 (Envoy: NR). */
function routesForHost(table, rawHost) {
    const host = normalizeHost(rawHost);
    const exact = table.exact.get(host);
    if (exact)
        return exact;
    for (const [suffix, routes] of table.suffixes) {
        if (host.length > suffix.length && host.endsWith(suffix))
            return routes;
    }
    return table.catchAll;
}
/** The first route whose match list accepts the request (no match list accepts everything). */
function selectRoute(routes, req) {
    let params;
    const lazyParams = () => (params ??= new URLSearchParams(req.query));
    for (const route of routes) {
        if (route.matches.length === 0 || route.matches.some((m) => m.test(req, lazyParams)))
            return route;
    }
    return undefined;
}
/** Weighted pick; `u` is uniform in [0, 1). */
function pickDestination(route, u) {
    const target = u * route.totalWeight;
    for (let i = 0; i < route.destinations.length; i++) {
        if (target < (route.cumulativeWeights[i] ?? 0))
            return route.destinations[i];
    }
    return undefined;
}
/** A ready workload, weighted by its available replicas (endpoints round the pods). */
function pickWorkload(upstream, u) {
    const total = upstream.readyCumulative.at(-1) ?? 0;
    const target = u * total;
    for (let i = 0; i < upstream.ready.length; i++) {
        if (target < (upstream.readyCumulative[i] ?? 0))
            return upstream.ready[i];
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/sim/dataplane/index.ts
// The embedded mesh's data plane: an ingress gateway routing as Istio does (routes.ts), an in-process
// podinfo-like app per Deployment (app.ts), and Istio's standard metrics (metrics.ts).










function listGatewayApi(config, kind) {
    const c = config;
    return typeof c.listGatewayApi === 'function' ? c.listGatewayApi(kind) : [];
}
const INGRESS = {
    workload: 'istio-ingressgateway',
    namespace: 'istio-system',
    principal: 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
};
function baseLabels(reporter, src, upstream, w) {
    return {
        reporter,
        source_workload: src.workload,
        source_canonical_service: src.workload,
        source_canonical_revision: 'latest',
        source_workload_namespace: src.namespace,
        source_principal: src.principal,
        source_app: src.workload,
        source_version: 'unknown',
        source_cluster: 'Kubernetes',
        destination_workload: w?.name ?? 'unknown',
        destination_workload_namespace: w?.namespace ?? 'unknown',
        destination_principal: w ? `spiffe://cluster.local/ns/${w.namespace}/sa/default` : 'unknown',
        destination_app: w?.app ?? 'unknown',
        destination_version: w?.versionLabel ?? 'unknown',
        destination_service: upstream?.serviceFqdn ?? 'unknown',
        destination_service_name: upstream?.serviceName ?? 'unknown',
        destination_service_namespace: upstream?.serviceNamespace ?? 'unknown',
        destination_canonical_service: w?.canonicalService ?? 'unknown',
        destination_canonical_revision: w?.canonicalRevision ?? 'latest',
        destination_cluster: 'Kubernetes',
        request_protocol: 'http',
        grpc_response_status: '',
        // Sidecar-to-sidecar traffic is mTLS in Istio's default PERMISSIVE mode; the gateway reports "unknown".
        connection_security_policy: reporter === 'destination' ? 'mutual_tls' : 'unknown',
    };
}
/** Istio's HeaderOperations: remove, then set, then add (as Envoy's header parser evaluates them). */
function applyHeaderOps(headers, ops) {
    if (!ops)
        return;
    for (const name of ops.remove)
        headers.delete(name);
    for (const [name, value] of ops.set)
        headers.set(name, value);
    for (const [name, value] of ops.add) {
        const current = headers.get(name);
        headers.set(name, current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value]);
    }
}
function splitUrl(url) {
    const u = url ?? '/';
    const q = u.indexOf('?');
    return q < 0 ? { path: u, query: '' } : { path: u.slice(0, q), query: u.slice(q + 1) };
}
function listen(server, port) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve(server.address().port);
        });
    });
}
function closeServer(server) {
    return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
    });
}
class Ingress {
    config;
    seed;
    signal;
    onMirror;
    table;
    dirty = true;
    apps = new Map();
    recorders = new Map();
    rng;
    metrics = new IstioMetrics();
    constructor(config, seed, signal, onMirror) {
        this.config = config;
        this.seed = seed;
        this.signal = signal;
        this.onMirror = onMirror;
        this.rng = createRng(seed);
    }
    /** Mark the table stale; the next request rebuilds it once, however many objects changed. */
    invalidate() {
        this.dirty = true;
    }
    /** The objects the current routing table refused, with the reasons. */
    rejected() {
        return this.current().rejected;
    }
    /** Without onChange there is no other way to see changes: rebuild per request. */
    alwaysRebuild = false;
    current() {
        if (this.dirty || this.alwaysRebuild) {
            this.dirty = false;
            this.table = buildRoutingTable({
                virtualServices: this.config.list('VirtualService'),
                destinationRules: this.config.list('DestinationRule'),
                gateways: this.config.list('Gateway'),
                deployments: this.config.list('Deployment'),
                services: this.config.list('Service'),
                k8sGateways: listGatewayApi(this.config, 'KubernetesGateway'),
                httpRoutes: listGatewayApi(this.config, 'HTTPRoute'),
                referenceGrants: listGatewayApi(this.config, 'ReferenceGrant'),
                namespaces: listGatewayApi(this.config, 'Namespace'),
            });
            const seen = new Set();
            for (const w of this.table.workloads) {
                seen.add(w.key);
                const app = this.apps.get(w.key);
                if (app)
                    app.update(w);
                else
                    this.apps.set(w.key, new PodinfoApp(w, this.seed, this.signal));
            }
            for (const key of this.apps.keys())
                if (!seen.has(key))
                    this.apps.delete(key);
            // Labels may have changed: recorders are recreated; the series themselves live on in metrics.
            this.recorders = new Map();
        }
        return this.table;
    }
    recorder(reporter, src, upstream, w) {
        const key = `${reporter}|${src.workload}|${src.namespace}|${upstream?.serviceFqdn ?? ''}|${w?.key ?? ''}`;
        let r = this.recorders.get(key);
        if (!r) {
            r = this.metrics.recorder(baseLabels(reporter, src, upstream, w));
            this.recorders.set(key, r);
        }
        return r;
    }
    /** Ask the routing table, call the app, record metrics. Never throws. */
    async handle(req, res) {
        const start = performance.now();
        let source;
        let flags = '-';
        res.once('finish', () => source?.(res.statusCode, flags, performance.now() - start));
        try {
            const table = this.current();
            const routes = routesForHost(table, req.headers.host);
            const { path, query } = splitUrl(req.url);
            const view = {
                method: req.method ?? 'GET',
                path,
                query,
                authority: req.headers.host ?? '',
                scheme: 'http',
                // Envoy joins repeated headers with "," (Node would use ", "); cookies with "; " as Node does.
                header: (name) => {
                    if (name === 'cookie')
                        return req.headers.cookie;
                    const v = req.headersDistinct[name];
                    return v === undefined ? undefined : v.join(',');
                },
            };
            const route = routes && selectRoute(routes, view);
            const src = route?.source ?? INGRESS;
            source = this.recorder('source', src);
            if (!route) {
                flags = 'NR';
                return this.local(res, 404, '');
            }
            if (route.redirect) {
                const r = route.redirect;
                const host = r.authority ?? req.headers.host ?? '';
                res.writeHead(r.status, { location: `${r.scheme ?? 'http'}://${host}${r.uri ?? req.url ?? '/'}` });
                res.end();
                return;
            }
            if (route.directResponse) {
                const headers = new Map();
                applyHeaderOps(headers, route.headers.response);
                return this.send(res, route.directResponse.status, headers, route.directResponse.body);
            }
            if (route.fault) {
                const f = route.fault;
                if (f.delayMs !== undefined && this.rng.next() < f.delayFraction) {
                    flags = 'DI';
                    await (0,promises_.setTimeout)(f.delayMs, undefined, { signal: this.signal });
                }
                if (f.abortStatus !== undefined && this.rng.next() < f.abortFraction) {
                    flags = 'FI';
                    return this.local(res, f.abortStatus, 'fault filter abort');
                }
            }
            if (route.localStatus !== undefined)
                return this.local(res, route.localStatus, '');
            const dest = pickDestination(route, this.rng.next());
            if (!dest) {
                flags = 'NR';
                return this.local(res, 404, '');
            }
            if (!dest.upstream) {
                flags = dest.missingStatus === undefined ? 'NC' : '-';
                return this.local(res, dest.missingStatus ?? 503, '');
            }
            const workload = pickWorkload(dest.upstream, this.rng.next());
            source = this.recorder('source', src, dest.upstream, workload);
            const app = workload && this.apps.get(workload.key);
            if (!workload || !app) {
                flags = 'UH';
                return this.local(res, 503, 'no healthy upstream');
            }
            const reqHeaders = new Map();
            for (const [k, v] of Object.entries(req.headers))
                if (v !== undefined)
                    reqHeaders.set(k, v);
            if (!reqHeaders.has('x-request-id'))
                reqHeaders.set('x-request-id', (0,external_node_crypto_.randomUUID)());
            reqHeaders.set('x-forwarded-proto', 'http');
            reqHeaders.set('x-envoy-attempt-count', '1');
            const appPath = rewritePath(route, path);
            let bodyRead;
            const body = () => (bodyRead ??= readBody(req));
            if (route.mirrors.length > 0) {
                // The shadow gets the route's header changes, not those of the weighted destination.
                const shadow = new Map(reqHeaders);
                applyHeaderOps(shadow, route.headers.request);
                if (route.rewrite?.authority)
                    shadow.set('host', route.rewrite.authority);
                this.mirror(route, src, view.method, appPath, shadow, body);
            }
            // Envoy applies the weighted cluster's header changes, then the route's (the route's win).
            applyHeaderOps(reqHeaders, dest.headers.request);
            applyHeaderOps(reqHeaders, route.headers.request);
            if (route.rewrite?.authority)
                reqHeaders.set('host', route.rewrite.authority);
            const appStart = performance.now();
            const call = app.handle({
                method: view.method,
                path: appPath,
                headers: Object.fromEntries(reqHeaders),
                body,
            });
            const reply = await withTimeout(call, route.timeoutMs);
            const appMs = performance.now() - appStart;
            if (reply !== 'timeout' && reply.reset === true) {
                // The app died under the request (profile reset-rate): the client's connection is reset.
                flags = 'UC';
                req.socket.resetAndDestroy();
                return;
            }
            if (reply === 'timeout') {
                flags = 'UT';
                // The destination sidecar still sees the app answer, later.
                const dst = this.recorder('destination', src, dest.upstream, workload);
                call.then((late) => dst(late.status, '-', Math.max(0, performance.now() - appStart - (late.lagMs ?? 0))), () => undefined);
                return this.local(res, 504, 'upstream request timeout');
            }
            this.recorder('destination', src, dest.upstream, workload)(reply.status, '-', Math.max(0, appMs - (reply.lagMs ?? 0)));
            const headers = new Map(Object.entries(reply.headers));
            headers.set('x-envoy-upstream-service-time', String(Math.round(appMs)));
            applyHeaderOps(headers, dest.headers.response);
            applyHeaderOps(headers, route.headers.response);
            return this.send(res, reply.status, headers, reply.body);
        }
        catch (err) {
            // Aborted on close, or a bug: answer as Envoy would rather than drop the socket.
            flags = 'UF';
            if (!res.headersSent && !res.destroyed)
                this.local(res, 503, `upstream connect error: ${String(err)}`);
            else
                res.destroy();
        }
    }
    /**
     * Envoy's request mirroring: for each selected mirror, a copy of the request (Host suffixed with
     * "-shadow") goes to a pod of the mirror's upstream, fire-and-forget. Only the destination side
     * records it (its sidecar sees an inbound request); the client never sees the response.
     */
    mirror(route, src, method, path, headers, body) {
        for (const m of route.mirrors) {
            if (!m.upstream || this.rng.next() >= m.fraction)
                continue;
            const workload = pickWorkload(m.upstream, this.rng.next());
            const app = workload && this.apps.get(workload.key);
            if (!workload || !app)
                continue;
            const copy = new Map(headers);
            const host = String(copy.get('host') ?? '');
            const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
            copy.set('host', colon < 0 ? `${host}-shadow` : `${host.slice(0, colon)}-shadow${host.slice(colon)}`);
            const dst = this.recorder('destination', src, m.upstream, workload);
            const start = performance.now();
            const sent = Object.fromEntries(copy);
            this.onMirror?.({ workload: workload.key, method, path, headers: sent });
            app.handle({ method, path, headers: sent, body }).then((reply) => {
                const ms = Math.max(0, performance.now() - start - (reply.lagMs ?? 0));
                if (reply.reset === true)
                    dst(503, 'UC', ms);
                else
                    dst(reply.status, '-', ms);
            }, () => undefined);
        }
    }
    local(res, status, body) {
        const headers = new Map([['content-type', 'text/plain']]);
        this.send(res, status, headers, body);
    }
    send(res, status, headers, body) {
        if (res.destroyed)
            return;
        const out = Object.fromEntries(headers);
        out.server = 'istio-envoy';
        out['content-length'] = Buffer.byteLength(body);
        res.writeHead(status, out);
        res.end(body);
    }
}
function rewritePath(route, path) {
    const uri = route.rewrite?.uri;
    if (uri === undefined)
        return path;
    // Istio replaces the matched prefix when the match was a prefix, else the whole path.
    for (const m of route.matches) {
        if (m.uriPrefix === undefined || !path.startsWith(m.uriPrefix))
            continue;
        const rest = path.slice(m.uriPrefix.length);
        // The Gateway API's ReplacePrefixMatch joins on path elements: "/" + "/bar" is "/bar".
        if (route.kind === 'HTTPRoute' && uri.endsWith('/') && rest.startsWith('/'))
            return uri + rest.slice(1);
        return uri + rest;
    }
    return uri;
}
async function withTimeout(p, ms) {
    if (ms === undefined)
        return p;
    const ac = new AbortController();
    try {
        return await Promise.race([p, (0,promises_.setTimeout)(ms, 'timeout', { signal: ac.signal })]);
    }
    finally {
        ac.abort();
    }
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.once('end', () => resolve(Buffer.concat(chunks)));
        req.once('error', reject);
    });
}
async function startDataPlane(options) {
    const closing = new AbortController();
    const seed = options.seed ?? (0,external_node_crypto_.randomInt)(2 ** 31);
    const ingress = new Ingress(options.config, seed, closing.signal, options.onMirror);
    const unsubscribe = options.config.onChange?.(() => ingress.invalidate());
    if (!unsubscribe)
        ingress.alwaysRebuild = true;
    const ingressServer = (0,external_node_http_.createServer)({ keepAlive: true, noDelay: true }, (req, res) => {
        void ingress.handle(req, res);
    });
    // Load generators hold connections open between bursts; Envoy's idle timeout is 1h, Node's 5s.
    ingressServer.keepAliveTimeout = 120_000;
    ingressServer.headersTimeout = 125_000;
    const metricsServer = (0,external_node_http_.createServer)((req, res) => {
        const { path } = splitUrl(req.url);
        // What istiod would have refused (`istioctl analyze`): objects the routing table left out, and why.
        if (req.method === 'GET' && path === '/debug/rejected') {
            const body = JSON.stringify(ingress.rejected(), null, 2);
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
            res.end(body);
            return;
        }
        // /stats/prometheus is where Istio's Prometheus addon scrapes Envoy.
        if (req.method === 'GET' && (path === '/metrics' || path === '/stats/prometheus')) {
            const body = ingress.metrics.render();
            res.writeHead(200, {
                'content-type': 'text/plain; version=0.0.4; charset=utf-8',
                'content-length': Buffer.byteLength(body),
            });
            res.end(body);
            return;
        }
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found: metrics are at /metrics, refused objects at /debug/rejected\n');
    });
    try {
        const ingressPort = await listen(ingressServer, options.ingressPort ?? 0);
        const metricsPort = await listen(metricsServer, options.metricsPort ?? 0);
        return {
            ingressUrl: `http://127.0.0.1:${ingressPort}`,
            metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
            async close() {
                unsubscribe?.();
                closing.abort();
                await Promise.all([closeServer(ingressServer), closeServer(metricsServer)]);
            },
        };
    }
    catch (err) {
        unsubscribe?.();
        closing.abort();
        await Promise.all([closeServer(ingressServer), closeServer(metricsServer)]);
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/sim/gateway-status.ts



const WATCHED = new Set([
    `${GATEWAY_API_GROUP}/gateways`,
    `${GATEWAY_API_GROUP}/httproutes`,
    `${GATEWAY_API_GROUP}/referencegrants`,
    '/namespaces',
    '/services',
]);
/** Conditions with observedGeneration and lastTransitionTime, the time kept while the status holds. */
function stamp(conditions, previous, generation, now) {
    const before = Array.isArray(previous) ? previous.filter(object/* isObject */.G) : [];
    return conditions.map((c) => {
        const old = before.find((p) => p.type === c.type);
        const same = old?.status === c.status && typeof old.lastTransitionTime === 'string';
        return {
            ...c,
            observedGeneration: generation,
            lastTransitionTime: same ? String(old.lastTransitionTime) : now,
        };
    });
}
/** JSON equality ignoring lastTransitionTime (a rewrite with only a new time is no change). */
function sameStatus(a, b) {
    const strip = (_k, v) => (0,object/* isObject */.G)(v) && 'lastTransitionTime' in v ? { ...v, lastTransitionTime: undefined } : v;
    return JSON.stringify(a ?? null, strip) === JSON.stringify(b ?? null, strip);
}
const generationOf = (o) => {
    const g = o.metadata?.generation;
    return typeof g === 'number' ? g : 1;
};
const gateway_status_nsOf = (o) => o.metadata?.namespace ?? 'default';
const gateway_status_nameOf = (o) => o.metadata?.name ?? '';
/** The embedded API server as a StatusSink: writes over its HTTP API, as istiod writes to a cluster. */
function apiServerStatusSink(api) {
    return {
        onChange: (listener) => api.onChange((e) => listener(e.key)),
        async patchStatus(o, resource, status) {
            const base = `${api.url}/apis/${o.apiVersion ?? `${GATEWAY_API_GROUP}/v1`}/namespaces/${encodeURIComponent(gateway_status_nsOf(o))}/${resource}/${encodeURIComponent(gateway_status_nameOf(o))}`;
            const send = (path) => fetch(`${path}?fieldManager=${encodeURIComponent(ISTIO_GATEWAY_CONTROLLER)}`, {
                method: 'PATCH',
                headers: { 'content-type': 'application/merge-patch+json', 'user-agent': 'pilot-discovery' },
                body: JSON.stringify({ status }),
            });
            let res = await send(`${base}/status`);
            // A CRD without the status subresource keeps status in the object itself.
            if (res.status === 404) {
                await res.body?.cancel();
                res = await send(base);
            }
            await res.body?.cancel();
        },
    };
}
function startGatewayStatus(sink, config) {
    let dirty = false;
    let running;
    let closed = false;
    const patch = (o, resource, status) => sink.patchStatus(o, resource, status);
    const syncOnce = async () => {
        const gateways = config.listGatewayApi('KubernetesGateway');
        const routes = config.listGatewayApi('HTTPRoute');
        if (gateways.length === 0 && routes.length === 0)
            return;
        const table = buildRoutingTable({
            virtualServices: [],
            destinationRules: [],
            gateways: [],
            // Status depends on Services existing, not on their pods.
            deployments: [],
            services: config.list('Service'),
            k8sGateways: gateways,
            httpRoutes: routes,
            referenceGrants: config.listGatewayApi('ReferenceGrant'),
            namespaces: config.listGatewayApi('Namespace'),
        });
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const writes = [];
        for (const gw of gateways) {
            const key = `${gateway_status_nsOf(gw)}/${gateway_status_nameOf(gw)}`;
            const want = table.gatewayApi.gateways.get(key);
            if (!want)
                continue;
            const have = (0,object/* isObject */.G)(gw.status) ? gw.status : {};
            const gen = generationOf(gw);
            const haveListeners = Array.isArray(have.listeners) ? have.listeners.filter(object/* isObject */.G) : [];
            const status = {
                addresses: want.addresses,
                conditions: stamp(want.conditions, have.conditions, gen, now),
                listeners: want.listeners.map((l) => ({
                    ...l,
                    conditions: stamp(l.conditions, haveListeners.find((h) => h.name === l.name)?.conditions, gen, now),
                })),
            };
            if (!sameStatus(status, {
                addresses: have.addresses,
                conditions: have.conditions,
                listeners: have.listeners,
            }))
                writes.push(patch(gw, 'gateways', status));
        }
        for (const hr of routes) {
            const key = `${gateway_status_nsOf(hr)}/${gateway_status_nameOf(hr)}`;
            const want = table.gatewayApi.routes.get(key) ?? [];
            const have = (0,object/* isObject */.G)(hr.status) && Array.isArray(hr.status.parents) ? hr.status.parents.filter(object/* isObject */.G) : [];
            const gen = generationOf(hr);
            const ours = (h) => h.controllerName === ISTIO_GATEWAY_CONTROLLER;
            const sameRef = (h, ref) => JSON.stringify(h.parentRef) === JSON.stringify(ref);
            const mine = want.map((p) => {
                const old = have.find((h) => ours(h) && sameRef(h, p.parentRef));
                return { ...p, conditions: stamp(p.conditions, old?.conditions, gen, now) };
            });
            // Entries keep their places (other controllers' untouched); ours updated, dropped or appended.
            const parents = [
                ...have.flatMap((h) => (ours(h) ? mine.filter((m) => sameRef(h, m.parentRef)).slice(0, 1) : [h])),
                ...mine.filter((m) => !have.some((h) => ours(h) && sameRef(h, m.parentRef))),
            ];
            if (!sameStatus(parents, have) && !(parents.length === 0 && !(0,object/* isObject */.G)(hr.status)))
                writes.push(patch(hr, 'httproutes', { parents }));
        }
        await Promise.all(writes);
    };
    const run = () => {
        if (closed)
            return;
        if (running) {
            dirty = true;
            return;
        }
        running = (async () => {
            do {
                dirty = false;
                // Let a burst of changes (kubectl apply of many objects) land before computing.
                await new Promise((resolve) => setImmediate(resolve));
                try {
                    await syncOnce();
                }
                catch {
                    // The API server is closing or refused a write; the next change retries.
                }
            } while (dirty && !closed);
        })().finally(() => {
            running = undefined;
        });
    };
    const unsubscribe = sink.onChange((key) => {
        if (key === undefined || WATCHED.has(key))
            run();
    });
    run();
    return {
        async idle() {
            while (running)
                await running;
        },
        async close() {
            closed = true;
            unsubscribe();
            await running;
        },
    };
}

// EXTERNAL MODULE: ./src/sim/kubeconfig.ts
var sim_kubeconfig = __webpack_require__(26684);
;// CONCATENATED MODULE: ./src/sim/mesh.ts
// The embedded mesh: the Kubernetes API server plus the data plane that routes by the stored
// VirtualServices/DestinationRules (and Gateway API HTTPRoutes/Gateways, whose status
// gateway-status.ts writes as istiod would) to in-process apps, all on loopback.




const KIND_STORAGE = {
    VirtualService: ['networking.istio.io', 'virtualservices'],
    DestinationRule: ['networking.istio.io', 'destinationrules'],
    Gateway: ['networking.istio.io', 'gateways'],
    Deployment: ['apps', 'deployments'],
    Service: ['', 'services'],
};
const GATEWAY_API_STORAGE = {
    HTTPRoute: ['gateway.networking.k8s.io', 'httproutes'],
    KubernetesGateway: ['gateway.networking.k8s.io', 'gateways'],
    ReferenceGrant: ['gateway.networking.k8s.io', 'referencegrants'],
    Namespace: ['', 'namespaces'],
};
/** The data plane's read-only view of the API server's store (Gateway API kinds once their CRDs exist). */
function storeConfigSource(api) {
    const keys = new Set([...Object.values(KIND_STORAGE), ...Object.values(GATEWAY_API_STORAGE)].map(([g, r]) => `${g}/${r}`));
    return {
        list(kind) {
            const [group, resource] = KIND_STORAGE[kind];
            return api.objects(group, resource);
        },
        listGatewayApi(kind) {
            const [group, resource] = GATEWAY_API_STORAGE[kind];
            return api.objects(group, resource);
        },
        onChange(listener) {
            return api.onChange((e) => {
                if (keys.has(e.key))
                    listener();
            });
        },
    };
}
async function startMesh(options = {}) {
    const api = await (0,sim_api.startApiServer)({ ...options, port: options.apiPort ?? options.port ?? 0 });
    const config = storeConfigSource(api);
    let dataPlane;
    try {
        dataPlane = await startDataPlane({
            config,
            ingressPort: options.ingressPort ?? 0,
            metricsPort: options.metricsPort ?? 0,
            seed: options.seed,
        });
    }
    catch (err) {
        await api.close();
        throw err;
    }
    const kubeconfig = (0,sim_kubeconfig.simKubeconfig)(api.url);
    const dp = dataPlane;
    const gatewayStatus = startGatewayStatus(apiServerStatusSink(api), config);
    return {
        apiUrl: api.url,
        ingressUrl: dp.ingressUrl,
        metricsUrl: dp.metricsUrl,
        kubeconfig,
        writeKubeconfig: (path) => (0,sim_kubeconfig.writeKubeconfig)(path, kubeconfig),
        api,
        gatewayStatus,
        async close() {
            await gatewayStatus.close();
            await Promise.all([dp.close(), api.close()]);
        },
    };
}


/***/ })

};
