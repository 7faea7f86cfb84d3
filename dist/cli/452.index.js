export const id = 452;
export const ids = [452,684];
export const modules = {

/***/ 6684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SIM_CONTEXT: () => (/* binding */ SIM_CONTEXT),
/* harmony export */   simKubeconfig: () => (/* binding */ simKubeconfig),
/* harmony export */   writeKubeconfig: () => (/* binding */ writeKubeconfig)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3243);
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

/***/ 8452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startMesh: () => (/* binding */ startMesh)
});

// UNUSED EXPORTS: storeConfigSource

// EXTERNAL MODULE: ./src/sim/api/index.ts + 28 modules
var sim_api = __webpack_require__(9659);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
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

// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(9313);
;// CONCATENATED MODULE: ./src/sim/dataplane/routes.ts


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
function compileStringMatch(spec, ignoreCase = false) {
    const o = asObj(spec);
    if (!o)
        return undefined;
    const exact = asStr(o.exact);
    const prefix = asStr(o.prefix);
    const regex = asStr(o.regex);
    const fold = (s) => (ignoreCase ? s.toLowerCase() : s);
    if (exact !== undefined) {
        const e = fold(exact);
        return (v) => v !== undefined && fold(v) === e;
    }
    if (prefix !== undefined) {
        const p = fold(prefix);
        return (v) => v !== undefined && fold(v).startsWith(p);
    }
    if (regex !== undefined) {
        let re;
        try {
            // Envoy's RE2 regexes match the whole value.
            re = new RegExp(`^(?:${regex})$`, ignoreCase ? 'i' : '');
        }
        catch {
            return () => false;
        }
        return (v) => v !== undefined && re.test(v);
    }
    // An empty match ({}) means "present".
    return (v) => v !== undefined;
}
function compileMatch(spec, gatewayOk) {
    const gateways = asArr(spec.gateways).filter((g) => typeof g === 'string');
    if (gateways.length > 0 && !gatewayOk(gateways))
        return undefined;
    const ignoreCase = spec.ignoreUriCase === true;
    const tests = [];
    const uri = compileStringMatch(spec.uri, ignoreCase);
    if (uri)
        tests.push((r) => uri(r.path));
    const method = compileStringMatch(spec.method);
    if (method)
        tests.push((r) => method(r.method));
    const scheme = compileStringMatch(spec.scheme);
    if (scheme)
        tests.push((r) => scheme(r.scheme));
    const authority = compileStringMatch(spec.authority);
    if (authority)
        tests.push((r) => authority(r.authority));
    for (const [name, m] of Object.entries(asObj(spec.headers) ?? {})) {
        const test = compileStringMatch(m);
        const key = name.toLowerCase();
        if (test)
            tests.push((r) => test(r.header(key)));
    }
    for (const [name, m] of Object.entries(asObj(spec.withoutHeaders) ?? {})) {
        const test = compileStringMatch(m);
        const key = name.toLowerCase();
        if (test)
            tests.push((r) => !test(r.header(key)));
    }
    for (const [name, m] of Object.entries(asObj(spec.queryParams) ?? {})) {
        const test = compileStringMatch(m);
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
    const table = { exact: new Map(), suffixes: [], catchAll: undefined, workloads };
    const suffixes = new Map();
    for (const vs of [...objs.virtualServices].sort(byCreation)) {
        const spec = asObj(vs.spec);
        const ns = nsOf(vs);
        const gatewayOk = (names) => names.some((g) => g === 'mesh' || gatewayNames.has(g.includes('/') ? g : `${ns}/${g}`));
        const bound = asArr(spec?.gateways).filter((g) => typeof g === 'string');
        if (!gatewayOk(bound.length > 0 ? bound : ['mesh']))
            continue;
        const routes = [];
        for (const h of asArr(spec?.http)) {
            const http = asObj(h);
            if (!http)
                continue;
            const matchSpecs = asArr(http.match)
                .map(asObj)
                .filter((m) => m !== undefined);
            const matches = matchSpecs.map((m) => compileMatch(m, gatewayOk)).filter((m) => !!m);
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
                matches,
                destinations,
                cumulativeWeights,
                totalWeight: sum,
                headers: compileHeaders(http.headers),
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
        for (const host of asArr(spec?.hosts)) {
            if (typeof host !== 'string')
                continue;
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
        }
    }
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










const INGRESS = {
    workload: 'istio-ingressgateway',
    namespace: 'istio-system',
    principal: 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
};
function baseLabels(reporter, upstream, w) {
    return {
        reporter,
        source_workload: INGRESS.workload,
        source_canonical_service: INGRESS.workload,
        source_canonical_revision: 'latest',
        source_workload_namespace: INGRESS.namespace,
        source_principal: INGRESS.principal,
        source_app: INGRESS.workload,
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
    table;
    dirty = true;
    apps = new Map();
    recorders = new Map();
    rng;
    metrics = new IstioMetrics();
    constructor(config, seed, signal) {
        this.config = config;
        this.seed = seed;
        this.signal = signal;
        this.rng = createRng(seed);
    }
    /** Mark the table stale; the next request rebuilds it once, however many objects changed. */
    invalidate() {
        this.dirty = true;
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
    recorder(reporter, upstream, w) {
        const key = `${reporter}|${upstream?.serviceFqdn ?? ''}|${w?.key ?? ''}`;
        let r = this.recorders.get(key);
        if (!r) {
            r = this.metrics.recorder(baseLabels(reporter, upstream, w));
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
                header: (name) => {
                    const v = req.headers[name];
                    return Array.isArray(v) ? v.join(',') : v;
                },
            };
            const route = routes && selectRoute(routes, view);
            source = this.recorder('source');
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
            const dest = pickDestination(route, this.rng.next());
            if (!dest) {
                flags = 'NR';
                return this.local(res, 404, '');
            }
            if (!dest.upstream) {
                flags = 'NC';
                return this.local(res, 503, '');
            }
            const workload = pickWorkload(dest.upstream, this.rng.next());
            source = this.recorder('source', dest.upstream, workload);
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
            applyHeaderOps(reqHeaders, dest.headers.request);
            applyHeaderOps(reqHeaders, route.headers.request);
            const appPath = rewritePath(route, path);
            if (route.rewrite?.authority)
                reqHeaders.set('host', route.rewrite.authority);
            const appStart = performance.now();
            const call = app.handle({
                method: view.method,
                path: appPath,
                headers: Object.fromEntries(reqHeaders),
                body: () => readBody(req),
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
                const dst = this.recorder('destination', dest.upstream, workload);
                call.then((late) => dst(late.status, '-', Math.max(0, performance.now() - appStart - (late.lagMs ?? 0))), () => undefined);
                return this.local(res, 504, 'upstream request timeout');
            }
            this.recorder('destination', dest.upstream, workload)(reply.status, '-', Math.max(0, appMs - (reply.lagMs ?? 0)));
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
        if (m.uriPrefix !== undefined && path.startsWith(m.uriPrefix))
            return uri + path.slice(m.uriPrefix.length);
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
    const ingress = new Ingress(options.config, seed, closing.signal);
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
        res.end('not found: metrics are at /metrics\n');
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

// EXTERNAL MODULE: ./src/sim/kubeconfig.ts
var sim_kubeconfig = __webpack_require__(6684);
;// CONCATENATED MODULE: ./src/sim/mesh.ts
// The embedded mesh: the Kubernetes API server plus the data plane that routes by the stored
// VirtualServices/DestinationRules to in-process apps, both on loopback.



const KIND_STORAGE = {
    VirtualService: ['networking.istio.io', 'virtualservices'],
    DestinationRule: ['networking.istio.io', 'destinationrules'],
    Gateway: ['networking.istio.io', 'gateways'],
    Deployment: ['apps', 'deployments'],
    Service: ['', 'services'],
};
/** The data plane's read-only view of the API server's store. */
function storeConfigSource(api) {
    const keys = new Set(Object.values(KIND_STORAGE).map(([g, r]) => `${g}/${r}`));
    return {
        list(kind) {
            const [group, resource] = KIND_STORAGE[kind];
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
    let dataPlane;
    try {
        dataPlane = await startDataPlane({
            config: storeConfigSource(api),
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
    return {
        apiUrl: api.url,
        ingressUrl: dp.ingressUrl,
        metricsUrl: dp.metricsUrl,
        kubeconfig,
        writeKubeconfig: (path) => (0,sim_kubeconfig.writeKubeconfig)(path, kubeconfig),
        api,
        async close() {
            await Promise.all([dp.close(), api.close()]);
        },
    };
}


/***/ })

};
