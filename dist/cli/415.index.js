export const id = 415;
export const ids = [415];
export const modules = {

/***/ 71517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ fetchFor),
/* harmony export */   W: () => (/* binding */ TunnelSocket)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46752);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57856);
// The I/O half of the proxy decision (src/http/proxy.ts): a fetch for one origin (Prometheus,
// the GitHub API) and a raw socket for the load generator, both direct or through an HTTP
// CONNECT tunnel. fetch goes through undici's ProxyAgent, the agent @actions/http-client and
// @actions/github wire for the same variables; the load generator's socket is a tunnel of its
// own (its fixed-rate timing needs raw sockets).





/** The proxy URL without its credentials (they go in Proxy-Authorization instead). */
function bareProxy(proxy) {
    const u = new URL(proxy.href);
    u.username = '';
    u.password = '';
    return u.href;
}
function causeMessage(error) {
    if (error instanceof Error) {
        const cause = error.cause;
        if (cause instanceof Error && cause.message !== '')
            return cause.message;
        return error.message;
    }
    return String(error);
}
/**
 * A fetch for requests to `target`'s origin: the global fetch when the decision is direct, else
 * undici's fetch through a ProxyAgent (CONNECT tunnel). Failures name the proxy.
 */
function fetchFor(target, env = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .processProxyEnv */ .R4)()) {
    let url;
    try {
        url = new URL(String(target));
    }
    catch {
        // Not a URL: the request itself will fail and say so.
        return { fetch: globalThis.fetch, decision: { kind: 'direct', reason: 'not a URL' } };
    }
    const decision = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .decideProxy */ .ZR)(url, env);
    if (decision.kind === 'direct')
        return { fetch: globalThis.fetch, decision };
    const auth = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAuthorization */ .YB)(decision.proxy);
    const agent = new undici__WEBPACK_IMPORTED_MODULE_3__.ProxyAgent({ uri: bareProxy(decision.proxy), ...(auth === null ? {} : { token: auth }) });
    const via = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .describeDecision */ .K5)(decision);
    const proxied = async (input, init) => {
        try {
            const url = input instanceof Request ? input.url : String(input);
            return (await (0,undici__WEBPACK_IMPORTED_MODULE_3__.fetch)(url, {
                ...init,
                dispatcher: agent,
            }));
        }
        catch (error) {
            if (error instanceof Error && error.name === 'AbortError')
                throw error;
            const inner = causeMessage(error);
            // Not a TypeError: Octokit then shows this message (which names the proxy), not the cause's.
            throw Object.assign(new Error(`fetch failed ${via}: ${inner}`, { cause: error }), {
                code: innerCode(error),
            });
        }
    };
    return { fetch: proxied, decision };
}
/** The code (ECONNREFUSED, …) of the deepest error in a cause chain. */
function innerCode(error) {
    let code;
    for (let e = error, i = 0; e && i < 5; i++) {
        if (typeof e.code === 'string')
            code = e.code;
        e = e.cause;
    }
    return code;
}
const MAX_CONNECT_HEAD = 16 * 1024;
/**
 * A socket to host:port through an HTTP CONNECT tunnel, usable at once like net.connect's:
 * writes wait for the tunnel (and the TLS handshake inside it), then it emits 'connect' (plain)
 * or 'secureConnect' (TLS), 'data', 'error' and 'close' as a socket does. A proxy that refuses
 * the tunnel destroys it with an error (code EPROXY) that names the proxy and its status.
 */
class TunnelSocket extends node_stream__WEBPACK_IMPORTED_MODULE_0__.Duplex {
    options;
    raw;
    target = null;
    pending = [];
    constructor(options) {
        super();
        this.options = options;
        const { proxy } = options;
        const proxyHost = proxy.hostname.replace(/^\[|\]$/g, '');
        const proxyPort = proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port);
        this.raw =
            proxy.protocol === 'https:'
                ? node_tls__WEBPACK_IMPORTED_MODULE_2___default().connect({
                    host: proxyHost,
                    port: proxyPort,
                    servername: node_net__WEBPACK_IMPORTED_MODULE_1___default().isIP(proxyHost) ? undefined : proxyHost,
                })
                : node_net__WEBPACK_IMPORTED_MODULE_1___default().connect({ host: proxyHost, port: proxyPort });
        this.raw.setNoDelay(true);
        const authority = `${node_net__WEBPACK_IMPORTED_MODULE_1___default().isIPv6(options.host) ? `[${options.host}]` : options.host}:${options.port}`;
        const auth = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAuthorization */ .YB)(proxy);
        this.raw.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth === null ? '' : `Proxy-Authorization: ${auth}\r\n`}\r\n`);
        let head = Buffer.alloc(0);
        const onHead = (chunk) => {
            head = Buffer.concat([head, chunk]);
            const end = head.indexOf('\r\n\r\n');
            if (end < 0) {
                if (head.length > MAX_CONNECT_HEAD)
                    this.fail(`${(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .BO)(proxy)} sent an oversized CONNECT answer`);
                return;
            }
            this.raw.off('data', onHead);
            const statusLine = head.toString('latin1', 0, head.indexOf('\r\n'));
            const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1];
            if (status === undefined || !status.startsWith('2')) {
                this.fail(`proxy ${(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .BO)(proxy)} refused the tunnel to ${authority}: ${statusLine.slice(0, 200) || 'no status line'}`);
                return;
            }
            const rest = head.subarray(end + 4);
            if (rest.length > 0)
                this.raw.unshift(rest);
            if (!options.secure) {
                this.ready(this.raw, 'connect');
                return;
            }
            const secured = node_tls__WEBPACK_IMPORTED_MODULE_2___default().connect({
                socket: this.raw,
                servername: options.servername,
                rejectUnauthorized: options.rejectUnauthorized ?? true,
                ...(options.ALPNProtocols ? { ALPNProtocols: options.ALPNProtocols } : {}),
            });
            secured.once('secureConnect', () => this.ready(secured, 'secureConnect'));
            secured.on('error', (error) => this.destroy(error));
        };
        this.raw.on('data', onHead);
        this.raw.on('error', (error) => this.destroy(error));
        this.raw.on('close', () => {
            if (this.target === null && !this.destroyed)
                this.fail(`proxy ${(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .BO)(proxy)} closed the connection before the tunnel to ${authority} was up`);
        });
    }
    fail(message) {
        const error = Object.assign(new Error(message), { code: 'EPROXY' });
        this.destroy(error);
    }
    ready(socket, event) {
        this.target = socket;
        socket.on('data', (data) => {
            if (!this.push(data))
                socket.pause();
        });
        socket.on('end', () => this.push(null));
        socket.on('close', () => this.destroy());
        if (socket !== this.raw)
            socket.on('error', (error) => this.destroy(error));
        for (const { chunk, callback } of this.pending.splice(0))
            socket.write(chunk, callback);
        this.emit(event);
    }
    _read() {
        this.target?.resume();
    }
    _write(chunk, _encoding, callback) {
        if (this.target !== null)
            this.target.write(chunk, callback);
        else
            this.pending.push({ chunk, callback });
    }
    _final(callback) {
        this.target?.end();
        callback();
    }
    _destroy(error, callback) {
        this.target?.destroy();
        this.raw.destroy();
        callback(error);
    }
    /** For parity with net.Socket (the tunnel sets it on the proxy connection). */
    setNoDelay() {
        return this;
    }
    get remote() {
        return `${this.options.host}:${this.options.port}`;
    }
}


/***/ }),

/***/ 87691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dq: () => (/* binding */ Histogram)
/* harmony export */ });
/* unused harmony exports BUCKET_COUNT, bucketIndex, bucketLow, bucketWidth, bucketValue */
// HDR-style log-linear latency histogram in integer microseconds.
// Values below 256 µs have their own bucket (exact); above, every power of two is split into
// 128 linear sub-buckets, so a bucket is at most 1/128 of its value wide and the reported
// midpoint is within 1/256 (~0.4%) of any value in it. Fixed size (3328 counters, 26 KiB)
// whatever the number or range of samples; two histograms merge by adding counters.
const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS; // 128 sub-buckets per power of two
const LINEAR_LIMIT = SUB_COUNT * 2; // 256: below this every µs has its own bucket
const MAX_VALUE = 0xffffffff; // ~71 minutes in µs; larger values are clamped
const BUCKET_COUNT = LINEAR_LIMIT + (32 - 8) * SUB_COUNT;
/** Bucket index of a value in µs (integer, clamped to [0, 2^32-1]). */
function bucketIndex(valueUs) {
    const v = valueUs <= 0 ? 0 : valueUs >= MAX_VALUE ? MAX_VALUE : Math.floor(valueUs);
    if (v < LINEAR_LIMIT)
        return v;
    const exp = 31 - Math.clz32(v); // floor(log2 v), >= 8
    const shift = exp - SUB_BITS;
    return LINEAR_LIMIT + (exp - 8) * SUB_COUNT + ((v >>> shift) - SUB_COUNT);
}
/** Lowest value (µs) that falls in a bucket. */
function bucketLow(index) {
    if (index < LINEAR_LIMIT)
        return index;
    const k = index - LINEAR_LIMIT;
    const exp = 8 + Math.floor(k / SUB_COUNT);
    const mantissa = SUB_COUNT + (k % SUB_COUNT);
    return mantissa * 2 ** (exp - SUB_BITS);
}
/** Width (µs) of a bucket. */
function bucketWidth(index) {
    if (index < LINEAR_LIMIT)
        return 1;
    return 2 ** (8 + Math.floor((index - LINEAR_LIMIT) / SUB_COUNT) - SUB_BITS);
}
/** The value reported for a bucket: exact below 256 µs, else the bucket's midpoint. */
function bucketValue(index) {
    return index < LINEAR_LIMIT ? index : bucketLow(index) + bucketWidth(index) / 2;
}
class Histogram {
    counts = new Float64Array(BUCKET_COUNT);
    count = 0;
    sumUs = 0;
    minUs = Infinity;
    maxUs = 0;
    record(valueUs) {
        const i = bucketIndex(valueUs);
        this.counts[i] = (this.counts[i] ?? 0) + 1;
        this.count++;
        this.sumUs += valueUs;
        if (valueUs < this.minUs)
            this.minUs = valueUs;
        if (valueUs > this.maxUs)
            this.maxUs = valueUs;
    }
    /** Adds another histogram's samples into this one. */
    merge(other) {
        const a = this.counts;
        const b = other.counts;
        for (let i = 0; i < BUCKET_COUNT; i++)
            a[i] = (a[i] ?? 0) + (b[i] ?? 0);
        this.count += other.count;
        this.sumUs += other.sumUs;
        if (other.minUs < this.minUs)
            this.minUs = other.minUs;
        if (other.maxUs > this.maxUs)
            this.maxUs = other.maxUs;
        return this;
    }
    clone() {
        const h = new Histogram();
        h.counts.set(this.counts);
        h.count = this.count;
        h.sumUs = this.sumUs;
        h.minUs = this.minUs;
        h.maxUs = this.maxUs;
        return h;
    }
    reset() {
        this.counts.fill(0);
        this.count = 0;
        this.sumUs = 0;
        this.minUs = Infinity;
        this.maxUs = 0;
    }
    /**
     * The value at percentile p (0..100): the sample of rank ceil(p/100 * n) (nearest-rank, as
     * an exact sorted array would give), within 0.4% relative; null when empty.
     * The extremes report the exact recorded min and max.
     */
    percentile(p) {
        if (this.count === 0)
            return null;
        const rank = Math.max(1, Math.ceil((p / 100) * this.count));
        if (rank >= this.count)
            return this.maxUs;
        let seen = 0;
        const c = this.counts;
        for (let i = 0; i < BUCKET_COUNT; i++) {
            seen += c[i] ?? 0;
            if (seen >= rank) {
                // Clamp into the exact range so p0/p100-adjacent ranks never leave [min, max].
                return Math.min(this.maxUs, Math.max(this.minUs, bucketValue(i)));
            }
        }
        return this.maxUs;
    }
    mean() {
        return this.count === 0 ? null : this.sumUs / this.count;
    }
}


/***/ }),

/***/ 40415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AL: () => (/* reexport */ CONNECTION_FAILURE_KINDS),
  Rh: () => (/* binding */ DEFAULT_VERSION_HEADER),
  gE: () => (/* binding */ LoadGenerator),
  K9: () => (/* reexport */ UNATTRIBUTED)
});

// UNUSED EXPORTS: errorKind, startLoad

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(41692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(57856);
// EXTERNAL MODULE: ./src/http/transport.ts
var transport = __webpack_require__(71517);
// EXTERNAL MODULE: ./src/traffic/histogram.ts
var histogram = __webpack_require__(87691);
// EXTERNAL MODULE: ./src/traffic/net-errors.ts
var net_errors = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/traffic/record.ts
// What a load window recorded, per version: counts, errors by kind, statuses, a latency
// histogram and a reservoir sample, and the words for every failure below HTTP. Kept apart from
// the generator (loadgen.ts) so the judge (src/metrics) reads windows without the socket code.



const UNATTRIBUTED = 'unattributed';
/**
 * The failures below HTTP, by the kind errorKind() gives them, in words: a request that ends in
 * one of these got no complete HTTP response. (HTTP errors are kinds named by their status.)
 */
const CONNECTION_FAILURE_KINDS = {
    refused: 'connection refused (ECONNREFUSED)',
    reset: 'connection reset or closed before a complete response (ECONNRESET)',
    timeout: 'no response within the request timeout',
    tls: 'TLS handshake failed',
    dns: 'host name did not resolve',
    unanswered: 'still unanswered when the load stopped',
    other: 'malformed response or other socket error',
};
class Recorder {
    from;
    reservoirSize;
    rand;
    versions = new Map();
    openedAt = external_node_perf_hooks_.performance.now();
    /** Set when the window ended: its elapsed time stops there. */
    endedAt = null;
    /** This window owns the requests with index in [from, until). */
    until = Infinity;
    /** Requests of this window settled so far. */
    settled = 0;
    /** Called when the window has ended and all its requests are settled. */
    onSettled = null;
    constructor(from, reservoirSize, rand) {
        this.from = from;
        this.reservoirSize = reservoirSize;
        this.rand = rand;
    }
    owns(index) {
        return index >= this.from && index < this.until;
    }
    scheduled(issued) {
        return Math.min(this.until, issued) - this.from;
    }
    record(version, latencyUs, status, errorKind) {
        let r = this.versions.get(version);
        if (r === undefined) {
            r = new MutableRecord(this.reservoirSize);
            this.versions.set(version, r);
        }
        r.count++;
        this.settled++;
        if (errorKind !== null) {
            r.errors++;
            r.errorsByKind.set(errorKind, (r.errorsByKind.get(errorKind) ?? 0) + 1);
        }
        if (status > 0) {
            r.statuses[status] = (r.statuses[status] ?? 0) + 1;
            r.histogram.record(latencyUs);
            // Algorithm R: every response has the same chance to be in the sample.
            r.seen++;
            if (r.seen <= this.reservoirSize)
                r.samples[r.seen - 1] = latencyUs / 1000;
            else {
                const j = Math.floor(this.rand() * r.seen);
                if (j < this.reservoirSize)
                    r.samples[j] = latencyUs / 1000;
            }
        }
    }
    snapshot(issued) {
        const versions = new Map();
        for (const [name, r] of this.versions) {
            const statuses = {};
            for (const k of Object.keys(r.statuses))
                statuses[k] = r.statuses[Number(k)] ?? 0;
            versions.set(name, {
                count: r.count,
                errors: r.errors,
                errorsByKind: Object.fromEntries(r.errorsByKind),
                statuses,
                histogram: r.histogram.clone(),
                samplesMs: Array.from(r.samples.subarray(0, Math.min(r.seen, this.reservoirSize))),
            });
        }
        const scheduled = this.scheduled(issued);
        return {
            elapsedMs: (this.endedAt ?? external_node_perf_hooks_.performance.now()) - this.openedAt,
            scheduled,
            pending: Math.max(0, scheduled - this.settled),
            versions,
        };
    }
}
class MutableRecord {
    count = 0;
    errors = 0;
    errorsByKind = new Map();
    statuses = {};
    histogram = new histogram/* Histogram */.dq();
    samples;
    seen = 0;
    constructor(size) {
        this.samples = new Float64Array(size);
    }
}
/** Classifies a socket failure into the error kinds the report shows. */
function errorKind(err) {
    if (err !== null && (0,net_errors/* isTlsError */.sl)(err))
        return 'tls';
    switch (err?.code) {
        case undefined:
        case 'ECONNRESET':
        case 'EPIPE':
        case 'ECONNABORTED':
            return 'reset';
        case 'ECONNREFUSED':
            return 'refused';
        case 'ETIMEDOUT':
            return 'timeout';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return 'dns';
        default:
            return 'other';
    }
}

;// CONCATENATED MODULE: ./src/traffic/loadgen.ts
// Open-loop HTTP/1.1 load generator (wrk2/fortio style) on raw pooled keep-alive sockets.
// Request i is due at t0 + i/rps whatever the server does; its latency is measured from that
// intended time, so a stalled server shows in the percentiles instead of silently slowing the
// sender (no coordinated omission). A due request with no free connection waits in a queue and
// its wait counts. (Only the sender's own timer lateness, up to 1.5 ms, is not counted.) Responses are parsed by a minimal HTTP/1.1 reader (status, content-length,
// chunked, connection: close, the attribution header) and the request bytes are built once:
// a response costs two short strings and no other allocation.
//
// Every request is accounted for exactly once: a response, or a failure of its kind (refused,
// reset, timeout, tls, dns, other; `unanswered` when the generator stops with it in flight).
// Nothing is retried: a connection the server closed or reset under a request fails that
// request, counted, even on a reused keep-alive connection (HTTP clients resend idempotent
// requests there silently; a load generator that judges a canary must not). A connection the
// server's Keep-Alive hint says is about to expire is replaced before use instead. A window owns
// the requests that became due while it was open, and ending it waits until each of them is
// answered or has failed (at most the request timeout after its intended time). What a window
// records (per version, and the failure kinds) lives in record.ts.







const DEFAULT_VERSION_HEADER = 'x-istio-canary';
function xorshift(seed) {
    let s = seed >>> 0 || 0x9e3779b9;
    return () => {
        s ^= s << 13;
        s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5;
        s >>>= 0;
        return s / 4294967296;
    };
}
const CRLFCRLF = Buffer.from('\r\n\r\n');
const LF = 10;
const MAX_HEAD = 64 * 1024;
var Phase;
(function (Phase) {
    Phase[Phase["Head"] = 0] = "Head";
    Phase[Phase["Length"] = 1] = "Length";
    Phase[Phase["ChunkSize"] = 2] = "ChunkSize";
    Phase[Phase["ChunkData"] = 3] = "ChunkData";
    Phase[Phase["Trailer"] = 4] = "Trailer";
    Phase[Phase["UntilClose"] = 5] = "UntilClose";
})(Phase || (Phase = {}));
class Connection {
    gen;
    socket = null;
    busy = false;
    intended = 0;
    /** The request's index (which windows own it). */
    index = -1;
    phase = Phase.Head;
    remaining = 0;
    headBuf = null;
    lineBuf = '';
    status = 0;
    version = UNATTRIBUTED;
    keepAlive = true;
    /** The server's Keep-Alive timeout hint in ms (-1: none given). */
    keepAliveMs = -1;
    /** When the socket last finished a response (performance.now()). */
    idleSince = 0;
    lastError = null;
    constructor(gen) {
        this.gen = gen;
    }
}
class LoadGenerator {
    opts;
    conns = [];
    idle = [];
    /** Due requests waiting for a connection (intended times), a growable ring. */
    queue = new Float64Array(1024);
    /** The index of each queued request (same ring positions as `queue`). */
    queueIndex = new Float64Array(1024);
    qHead = 0;
    qLen = 0;
    recorders = new Set();
    /** Requests settled (and errors among them) per version since start: the judge's record of stable. */
    totals = new Map();
    request;
    /** A share of the requests sent with extra headers or another Host (setCohort), else null. */
    cohort = null;
    head;
    hostname;
    port;
    secure;
    servername;
    /** Direct, or through which proxy (one decision for every outbound HTTP client). */
    route;
    headerKey;
    timeoutMs;
    interval;
    rand;
    /** Timer granularity forgiven when a free connection sends late (0 in precise mode). */
    slackMs;
    t0 = 0;
    /** The clock has started (see start()). */
    begun = false;
    sent = 0;
    /** Requests created so far; the next one gets this index. */
    issued = 0;
    timer = null;
    immediate = null;
    sweeper = null;
    stopped = false;
    started = false;
    /** Duration over: no new requests, waiting for those in flight. */
    draining = false;
    resolveDone;
    /** Settles when the generator has stopped (duration over, stop() or the signal). */
    done;
    onAbort = () => this.stop();
    constructor(opts) {
        this.opts = opts;
        const url = new URL(opts.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
            throw new Error(`load-url: ${opts.url} is not http(s)`);
        }
        if (!(opts.rps >= 0) || !Number.isFinite(opts.rps))
            throw new Error(`load-rps: ${opts.rps} is not >= 0`);
        if (!(opts.connections >= 1))
            throw new Error(`load-connections: ${opts.connections} is not >= 1`);
        this.secure = url.protocol === 'https:';
        this.hostname = url.hostname.replace(/^\[|\]$/g, '');
        this.port = url.port ? Number(url.port) : this.secure ? 443 : 80;
        const host = opts.host ?? url.host;
        this.servername = (opts.host ?? url.hostname).replace(/:\d+$/, '');
        this.route = (0,proxy/* decideProxy */.ZR)(url, opts.proxy ?? (0,proxy/* processProxyEnv */.R4)());
        this.headerKey = `\r\n${(opts.headerName ?? DEFAULT_VERSION_HEADER).toLowerCase()}:`;
        this.timeoutMs = opts.timeoutMs ?? 10_000;
        this.interval = opts.rps > 0 ? 1000 / opts.rps : 0;
        this.rand = xorshift(opts.seed ?? 1);
        this.slackMs = opts.precise === true ? 0 : 1.5;
        this.head = { path: `${url.pathname}${url.search}`, host };
        this.request = this.buildRequest(host, opts.headers ?? {});
        for (let i = 0; i < Math.floor(opts.connections); i++) {
            const c = new Connection(this);
            this.conns.push(c);
            this.idle.push(c);
        }
        this.done = new Promise((resolve) => (this.resolveDone = resolve));
    }
    buildRequest(host, headers) {
        let head = `GET ${this.head.path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: istio-canary\r\nAccept: */*\r\n`;
        for (const [k, v] of Object.entries({ ...(this.opts.headers ?? {}), ...headers })) {
            if (/[\r\n]/.test(k + v))
                throw new Error(`header ${k}: contains a line break`);
            head += `${k}: ${v}\r\n`;
        }
        return Buffer.from(`${head}\r\n`, 'latin1');
    }
    /**
     * From now on, `share` (0..1) of the requests carry `headers` (added to the load's own) and
     * `host` as their Host header when given: an A/B cohort matching the canary's route, or the
     * blue/green preview host or header. Exactly that share, spread evenly by request index (no
     * randomness: each window gets its share). null: every request as configured.
     */
    setCohort(cohort) {
        if (cohort === null || !(cohort.share > 0)) {
            this.cohort = null;
            return;
        }
        this.cohort = {
            share: Math.min(1, cohort.share),
            request: this.buildRequest(cohort.host ?? this.head.host, cohort.headers ?? {}),
        };
    }
    /**
     * Starts; returns at once. Every connection is opened first and the clock (t0, the schedule,
     * the duration) starts once all are connected or have failed, as wrk does: the first requests
     * would otherwise be charged the TCP/TLS handshakes and whatever work the process still has
     * queued right after start() (tens of ms when it has just booted), which alone set the p99 of
     * a few-second run. A failed connection is retried, and counted, when a request needs it; a
     * handshake still pending after min(timeout, 1 s) no longer holds the clock (its requests wait
     * on it and count the wait, as before), so a black-holed target cannot hang the run.
     */
    start() {
        if (this.started)
            return this;
        this.started = true;
        if (this.opts.signal?.aborted) {
            this.stop();
            return this;
        }
        this.opts.signal?.addEventListener('abort', this.onAbort, { once: true });
        let pending = this.conns.length;
        const ready = () => {
            if (--pending === 0)
                this.begin();
        };
        this.timer = setTimeout(() => this.begin(), Math.min(this.timeoutMs, 1000));
        for (const c of this.conns)
            this.connect(c, ready);
        return this;
    }
    begin() {
        if (this.stopped || this.begun)
            return;
        this.begun = true;
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = null;
        this.t0 = external_node_perf_hooks_.performance.now();
        const sweepEvery = Math.max(10, Math.min(250, this.timeoutMs / 4));
        this.sweeper = setInterval(() => this.sweep(), sweepEvery);
        if (this.interval === 0) {
            // Closed loop: every connection keeps one request in flight.
            while (this.idle.length > 0)
                this.send(this.idle.pop(), external_node_perf_hooks_.performance.now(), this.issued++);
            if (this.opts.durationMs !== undefined)
                this.timer = setTimeout(() => this.drain(), this.opts.durationMs);
        }
        else {
            this.tick();
        }
    }
    /** Requests settled and errors of one version since the generator started (counted like a window's). */
    totalsOf(version) {
        const t = this.totals.get(version);
        return { requests: t?.requests ?? 0, errors: t?.errors ?? 0 };
    }
    /** Records every completed request from now on until close(); read() at any time. */
    openWindow() {
        const rec = new Recorder(this.issued, this.opts.reservoirSize ?? 2000, this.rand);
        this.recorders.add(rec);
        return {
            read: () => rec.snapshot(this.issued),
            end: (signal) => this.endWindow(rec, signal),
            close: () => {
                rec.until = Math.min(rec.until, this.issued);
                this.recorders.delete(rec);
                rec.onSettled?.();
            },
        };
    }
    endWindow(rec, signal) {
        if (rec.endedAt === null) {
            rec.endedAt = external_node_perf_hooks_.performance.now();
            rec.until = Math.min(rec.until, this.issued);
        }
        return new Promise((resolve) => {
            const finish = () => {
                signal?.removeEventListener('abort', finish);
                rec.onSettled = null;
                resolve(rec.snapshot(this.issued));
            };
            if (this.stopped ||
                signal?.aborted ||
                !this.recorders.has(rec) ||
                rec.settled >= rec.scheduled(this.issued))
                return finish();
            rec.onSettled = finish;
            signal?.addEventListener('abort', finish, { once: true });
        });
    }
    /** Records the outcome of request `index` in every window that owns it. */
    settle(index, version, latencyUs, status, kind) {
        const t = this.totals.get(version) ?? { requests: 0, errors: 0 };
        t.requests++;
        if (kind !== null)
            t.errors++;
        this.totals.set(version, t);
        for (const r of this.recorders) {
            if (!r.owns(index))
                continue;
            r.record(version, latencyUs, status, kind);
            if (r.endedAt !== null && r.settled >= r.scheduled(this.issued))
                r.onSettled?.();
        }
    }
    /**
     * Stops sending and closes every connection; the requests in flight or queued are counted as
     * `unanswered` (never dropped), and every ended window settles.
     */
    stop() {
        if (this.stopped)
            return;
        this.stopped = true;
        if (this.timer)
            clearTimeout(this.timer);
        if (this.immediate)
            clearImmediate(this.immediate);
        if (this.sweeper)
            clearInterval(this.sweeper);
        this.opts.signal?.removeEventListener('abort', this.onAbort);
        const now = external_node_perf_hooks_.performance.now();
        for (const c of this.conns) {
            if (c.busy) {
                c.busy = false;
                this.settle(c.index, c.status > 0 ? c.version : UNATTRIBUTED, Math.round((now - c.intended) * 1000), 0, 'unanswered');
            }
            c.socket?.destroy();
            c.socket = null;
        }
        while (this.qLen > 0) {
            const { intended, index } = this.dequeue();
            this.settle(index, UNATTRIBUTED, Math.round((now - intended) * 1000), 0, 'unanswered');
        }
        for (const r of this.recorders)
            r.onSettled?.();
        this.resolveDone();
    }
    dequeue() {
        const intended = this.queue[this.qHead];
        const index = this.queueIndex[this.qHead];
        this.qHead = (this.qHead + 1) % this.queue.length;
        this.qLen--;
        return { intended, index };
    }
    /** Stops sending new requests and stops once those in flight or queued are answered or time out. */
    drain() {
        this.draining = true;
        this.checkDrained();
    }
    checkDrained() {
        if (!this.draining || this.stopped || this.qLen > 0)
            return;
        for (const c of this.conns)
            if (c.busy)
                return;
        this.stop();
    }
    get isStopped() {
        return this.stopped;
    }
    tick = () => {
        this.timer = null;
        this.immediate = null;
        if (this.stopped)
            return;
        const now = external_node_perf_hooks_.performance.now();
        const end = this.opts.durationMs === undefined ? Infinity : this.t0 + this.opts.durationMs;
        // Send everything due, including catch-up after an event-loop stall (open loop).
        for (;;) {
            const due = this.t0 + this.sent * this.interval;
            if (due > now || due >= end)
                break;
            this.sent++;
            this.dispatch(due, now, this.issued++);
        }
        const next = this.t0 + this.sent * this.interval;
        if (next >= end) {
            this.timer = setTimeout(() => this.drain(), Math.max(0, end - now));
            return;
        }
        const wait = next - external_node_perf_hooks_.performance.now();
        // setTimeout is only ms-accurate; in precise mode sleep most of the gap, then yield with
        // setImmediate (which still serves I/O) so requests leave within µs of their intended time.
        if (this.opts.precise !== true)
            this.timer = setTimeout(this.tick, Math.max(1, Math.ceil(wait)));
        else if (wait > 2)
            this.timer = setTimeout(this.tick, wait - 1.5);
        else
            this.immediate = setImmediate(this.tick);
    };
    dispatch(intended, now, index) {
        const c = this.idle.pop();
        if (c !== undefined) {
            // A free connection: only the sender's own timer was late. Up to the timer's granularity
            // that is not the server's doing and is forgiven; beyond it (our event loop stalled) it counts.
            const late = now - intended;
            this.send(c, late <= this.slackMs ? Math.max(intended, now) : intended + this.slackMs, index);
            return;
        }
        // Every connection busy: the wait in this queue is the server's doing and counts in full.
        if (this.qLen === this.queue.length) {
            const bigger = new Float64Array(this.queue.length * 2);
            const biggerIndex = new Float64Array(this.queue.length * 2);
            for (let i = 0; i < this.qLen; i++) {
                bigger[i] = this.queue[(this.qHead + i) % this.queue.length];
                biggerIndex[i] = this.queueIndex[(this.qHead + i) % this.queue.length];
            }
            this.queue = bigger;
            this.queueIndex = biggerIndex;
            this.qHead = 0;
        }
        const at = (this.qHead + this.qLen) % this.queue.length;
        this.queue[at] = intended;
        this.queueIndex[at] = index;
        this.qLen++;
    }
    send(c, intended, index) {
        c.busy = true;
        c.intended = intended;
        c.index = index;
        c.phase = Phase.Head;
        c.headBuf = null;
        c.status = 0;
        c.version = UNATTRIBUTED;
        if (c.socket !== null && c.keepAliveMs >= 0) {
            // The server said how long it keeps an idle connection: replace one about to expire
            // rather than race its close (a close under the request would fail the request).
            const margin = Math.min(1000, c.keepAliveMs / 2);
            if (external_node_perf_hooks_.performance.now() - c.idleSince >= c.keepAliveMs - margin) {
                c.socket.destroy();
                c.socket = null;
            }
        }
        if (c.socket === null)
            this.connect(c);
        const co = this.cohort;
        // Request `index` is in the cohort when the running count of cohort requests steps up at it.
        const inCohort = co !== null && Math.floor((index + 1) * co.share) > Math.floor(index * co.share);
        c.socket.write(inCohort ? co.request : this.request);
    }
    /** `onSettled`: called once when the connection is up, or failed before coming up. */
    connect(c, onSettled) {
        const socket = this.route.kind === 'proxy'
            ? new transport/* TunnelSocket */.W({
                proxy: this.route.proxy,
                host: this.hostname,
                port: this.port,
                secure: this.secure,
                servername: external_node_net_default().isIP(this.servername) ? undefined : this.servername,
                rejectUnauthorized: this.opts.rejectUnauthorized ?? false,
                ALPNProtocols: ['http/1.1'],
            })
            : this.secure
                ? external_node_tls_default().connect({
                    host: this.hostname,
                    port: this.port,
                    servername: external_node_net_default().isIP(this.servername) ? undefined : this.servername,
                    rejectUnauthorized: this.opts.rejectUnauthorized ?? false,
                    ALPNProtocols: ['http/1.1'],
                })
                : external_node_net_default().connect({ host: this.hostname, port: this.port });
        socket.setNoDelay(true);
        if (onSettled !== undefined) {
            let settled = false;
            const settle = () => {
                if (settled)
                    return;
                settled = true;
                onSettled();
            };
            socket.once(this.secure ? 'secureConnect' : 'connect', settle);
            socket.once('close', settle);
        }
        c.socket = socket;
        c.lastError = null;
        c.keepAliveMs = -1;
        socket.on('data', (chunk) => {
            if (c.socket === socket)
                this.onData(c, chunk);
        });
        socket.on('error', (err) => {
            c.lastError = err;
        });
        socket.on('close', () => {
            if (c.socket !== socket)
                return;
            c.socket = null;
            if (!c.busy)
                return;
            // Never resent: a close or reset under a request fails it, counted (see the top).
            if (c.phase === Phase.UntilClose)
                this.complete(c, null);
            else
                this.complete(c, errorKind(c.lastError));
        });
    }
    onData(c, chunk) {
        let data = chunk;
        let off = 0;
        while (off < data.length && c.busy) {
            switch (c.phase) {
                case Phase.Head: {
                    if (c.headBuf !== null) {
                        data = Buffer.concat([c.headBuf, data.subarray(off)]);
                        off = 0;
                        c.headBuf = null;
                    }
                    const end = data.indexOf(CRLFCRLF, off);
                    if (end < 0) {
                        if (data.length - off > MAX_HEAD)
                            return this.fail(c, 'other');
                        c.headBuf = data.subarray(off);
                        return;
                    }
                    this.parseHead(c, data.toString('latin1', off, end + 2).toLowerCase());
                    off = end + 4;
                    break;
                }
                case Phase.Length: {
                    const n = Math.min(c.remaining, data.length - off);
                    c.remaining -= n;
                    off += n;
                    if (c.remaining === 0)
                        this.complete(c, null);
                    break;
                }
                case Phase.ChunkSize:
                case Phase.Trailer: {
                    const lf = data.indexOf(LF, off);
                    if (lf < 0) {
                        c.lineBuf += data.toString('latin1', off);
                        return;
                    }
                    const line = (c.lineBuf + data.toString('latin1', off, lf)).trim();
                    c.lineBuf = '';
                    off = lf + 1;
                    if (c.phase === Phase.Trailer) {
                        if (line === '')
                            this.complete(c, null);
                    }
                    else {
                        const size = parseInt(line, 16);
                        if (Number.isNaN(size))
                            return this.fail(c, 'other');
                        if (size === 0)
                            c.phase = Phase.Trailer;
                        else {
                            c.remaining = size + 2; // data + CRLF
                            c.phase = Phase.ChunkData;
                        }
                    }
                    break;
                }
                case Phase.ChunkData: {
                    const n = Math.min(c.remaining, data.length - off);
                    c.remaining -= n;
                    off += n;
                    if (c.remaining === 0)
                        c.phase = Phase.ChunkSize;
                    break;
                }
                case Phase.UntilClose:
                    return; // body runs to the end of the connection
            }
        }
    }
    /** Reads the status and the few headers that matter from a lowercased response head. */
    parseHead(c, head) {
        const status = parseInt(head.slice(9, 12), 10);
        if (status >= 100 && status < 200)
            return; // 100-continue etc.: the real head follows
        c.status = status;
        const v = headerValue(head, this.headerKey);
        c.version = v === null || v === '' ? UNATTRIBUTED : v;
        const conn = headerValue(head, '\r\nconnection:');
        c.keepAlive = head.startsWith('http/1.1') ? conn !== 'close' : conn === 'keep-alive';
        const hint = /timeout=(\d+)/.exec(headerValue(head, '\r\nkeep-alive:') ?? '');
        if (hint?.[1] !== undefined)
            c.keepAliveMs = Number(hint[1]) * 1000;
        const te = headerValue(head, '\r\ntransfer-encoding:');
        const cl = headerValue(head, '\r\ncontent-length:');
        if (status === 204 || status === 304) {
            this.complete(c, null);
        }
        else if (te !== null && te.includes('chunked')) {
            c.phase = Phase.ChunkSize;
            c.lineBuf = '';
        }
        else if (cl !== null) {
            c.remaining = parseInt(cl, 10);
            if (!(c.remaining > 0))
                this.complete(c, null);
            else
                c.phase = Phase.Length;
        }
        else {
            c.phase = Phase.UntilClose;
            c.keepAlive = false;
        }
    }
    fail(c, kind) {
        c.socket?.destroy();
        c.socket = null;
        this.complete(c, kind);
    }
    /** One request finished (kind null = a full response); the connection takes the next due request. */
    complete(c, kind) {
        if (!c.busy)
            return;
        c.busy = false;
        const now = external_node_perf_hooks_.performance.now();
        const latencyUs = Math.round((now - c.intended) * 1000);
        if (kind === null) {
            const status = c.status;
            const errKind = status >= 500 ? String(status) : null;
            this.settle(c.index, c.version, latencyUs, status, errKind);
            if (!c.keepAlive) {
                c.socket?.destroy();
                c.socket = null;
            }
            else
                c.idleSince = now;
        }
        else {
            // No complete response: the version is known only if its response head arrived.
            this.settle(c.index, c.status > 0 ? c.version : UNATTRIBUTED, latencyUs, 0, kind);
        }
        if (this.stopped)
            return;
        if (kind !== null && this.interval === 0) {
            // Closed loop against a dead target: pace reconnects instead of spinning.
            setTimeout(() => this.release(c), 10).unref();
            return;
        }
        this.release(c);
    }
    release(c) {
        if (this.stopped || c.busy)
            return;
        if (this.draining && this.qLen === 0) {
            this.idle.push(c);
            this.checkDrained();
        }
        else if (this.interval === 0) {
            this.send(c, external_node_perf_hooks_.performance.now(), this.issued++);
        }
        else if (this.qLen > 0) {
            const { intended, index } = this.dequeue();
            this.send(c, intended, index);
        }
        else {
            this.idle.push(c);
        }
    }
    /** Times out requests in flight or queued for longer than timeoutMs since their intended time. */
    sweep() {
        const limit = external_node_perf_hooks_.performance.now() - this.timeoutMs;
        for (const c of this.conns) {
            if (c.busy && c.intended < limit)
                this.fail(c, 'timeout');
        }
        while (this.qLen > 0 && this.queue[this.qHead] < limit) {
            const { intended, index } = this.dequeue();
            const latencyUs = Math.round((external_node_perf_hooks_.performance.now() - intended) * 1000);
            this.settle(index, UNATTRIBUTED, latencyUs, 0, 'timeout');
        }
        this.checkDrained();
    }
}
/** Value of a header in a lowercased head, given "\r\nname:"; null when absent. */
function headerValue(head, key) {
    const i = head.indexOf(key);
    if (i < 0)
        return null;
    const start = i + key.length;
    const end = head.indexOf('\r\n', start);
    return head.slice(start, end < 0 ? head.length : end).trim();
}
/** Starts a generator; convenience for callers that do not need the class. */
function startLoad(opts) {
    return new LoadGenerator(opts).start();
}


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gd: () => (/* binding */ describeAuthStatus),
/* harmony export */   gl: () => (/* binding */ describeNetworkError),
/* harmony export */   sl: () => (/* binding */ isTlsError)
/* harmony export */ });
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14350);
// Names the cause of an outbound connection failure the way a user can act on it: a TLS
// failure says TLS and why (an untrusted or self-signed certificate, a wrong host name, an
// expired certificate, TLS spoken to a plain-HTTP port), a refused or timed-out connection says
// so, and every message names the URL. Used by the Kubernetes client, the preflight, the
// pre-traffic probe and the Prometheus client (one way to describe a network error). The error
// text and the URL are quoted as one line each (src/one-line.ts): a server's or a
// socket's text cannot start a line of its own in the log.

/** OpenSSL's certificate verification codes as Node reports them, and what they mean. */
const CERTIFICATE_CODES = {
    SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority (self-signed certificate in the certificate chain)',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate signed by unknown authority (the certificate is self-signed)',
    UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by unknown authority (the issuer certificate is unknown)',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority (no local issuer certificate)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority (unable to verify the first certificate)',
    CERT_UNTRUSTED: 'certificate signed by unknown authority (the certificate is not trusted)',
    CERT_HAS_EXPIRED: 'the certificate has expired',
    CERT_NOT_YET_VALID: 'the certificate is not yet valid',
    CERT_REVOKED: 'the certificate was revoked',
    CERT_SIGNATURE_FAILURE: 'the certificate signature is invalid',
    ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
    HOSTNAME_MISMATCH: 'the certificate does not name this host',
};
/** Hints per family of cause. */
const TRUST_HINT = 'give the CA that signed it (certificate-authority-data in the kubeconfig, or NODE_EXTRA_CA_CERTS)';
function codeOf(err) {
    const e = err;
    if (e && typeof e.code === 'string')
        return e.code;
    const c = e?.cause;
    return c && typeof c.code === 'string' ? c.code : undefined;
}
function messageOf(err) {
    if (!(err instanceof Error))
        return String(err);
    // fetch() wraps the socket error: "fetch failed", cause: the real one.
    const cause = err.cause;
    if (err.message === 'fetch failed' && cause instanceof Error)
        return cause.message;
    return err.message;
}
/** Whether an error is a TLS failure (certificate or handshake). */
function isTlsError(err) {
    const code = codeOf(err) ?? '';
    return (code in CERTIFICATE_CODES ||
        code.startsWith('ERR_SSL_') ||
        code.startsWith('ERR_TLS_') ||
        (code === 'EPROTO' && /ssl|tls/i.test(messageOf(err))));
}
/** The cause of a failed connection to `url`, named (pure). */
function describeNetworkError(err, rawUrl) {
    const url = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(rawUrl);
    const raw = codeOf(err);
    const code = raw === undefined ? undefined : (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(raw);
    const rawText = messageOf(err);
    const text = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(rawText);
    const withCode = code && !text.includes(code) ? `${text} (${code})` : text;
    if (code && code in CERTIFICATE_CODES)
        return {
            kind: 'tls',
            message: `TLS: ${CERTIFICATE_CODES[code]} for ${url} (${code}); ${TRUST_HINT}`,
        };
    if (isTlsError(err)) {
        // OpenSSL's text: "…:SSL routines:<function>:<reason>:<source file>…": the reason is what matters.
        const reason = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(/SSL routines:[^:]*:([^:]+)/.exec(rawText)?.[1]?.trim() ?? rawText.split('\n')[0].trim());
        const plain = /wrong[_ ]version[_ ]number|packet length too long|http request/i.test(`${reason} ${code ?? ''}`);
        return {
            kind: 'tls',
            message: `TLS: the handshake with ${url} failed: ${reason}${code ? ` (${code})` : ''}${plain ? '; the port does not speak TLS (is it plain HTTP? use http://)' : ''}`,
        };
    }
    switch (code) {
        case 'ECONNREFUSED':
            return {
                kind: 'refused',
                message: `${url} refused the connection (ECONNREFUSED): nothing listens there`,
            };
        case 'ETIMEDOUT':
        case 'UND_ERR_CONNECT_TIMEOUT':
        case 'UND_ERR_HEADERS_TIMEOUT':
            return { kind: 'timeout', message: `${url} did not answer in time: ${withCode}` };
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return { kind: 'dns', message: `the host of ${url} does not resolve: ${withCode}` };
        case 'ECONNRESET':
        case 'EPIPE':
        case 'UND_ERR_SOCKET':
            return { kind: 'reset', message: `${url} closed the connection: ${withCode}` };
        default:
            return { kind: 'other', message: `${url}: ${withCode}` };
    }
}
/** HTTP 401/403 in words: the status, its name, the server's own message or what it means. */
function describeAuthStatus(status, serverMessage) {
    const m = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)((serverMessage ?? '').trim());
    const generic = status === 401 ? 'the credentials were rejected' : 'the credentials lack the permission';
    // "Unauthorized", or the client's placeholder for an empty body ("HTTP 401"), say nothing more.
    const said = m === '' || /^(unauthorized|forbidden|http \d{3})$/i.test(m) ? generic : m;
    return `HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${said}`;
}


/***/ })

};
