export const id = 935;
export const ids = [935];
export const modules = {

/***/ 1517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ fetchFor),
/* harmony export */   W: () => (/* binding */ TunnelSocket)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6752);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7856);
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

/***/ 7691:
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

/***/ 7935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K9: () => (/* binding */ UNATTRIBUTED),
/* harmony export */   Rh: () => (/* binding */ DEFAULT_VERSION_HEADER),
/* harmony export */   gE: () => (/* binding */ LoadGenerator)
/* harmony export */ });
/* unused harmony exports errorKind, startLoad */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _histogram_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7691);
/* harmony import */ var _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7856);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1517);
// Open-loop HTTP/1.1 load generator (wrk2/fortio style) on raw pooled keep-alive sockets.
// Request i is due at t0 + i/rps whatever the server does; its latency is measured from that
// intended time, so a stalled server shows in the percentiles instead of silently slowing the
// sender (no coordinated omission). A due request with no free connection waits in a queue and
// its wait counts. (Only the sender's own timer lateness, up to 1.5 ms, is not counted.) Responses are parsed by a minimal HTTP/1.1 reader (status, content-length,
// chunked, connection: close, the attribution header) and the request bytes are built once:
// a response costs two short strings and no other allocation.






const DEFAULT_VERSION_HEADER = 'x-istio-canary';
const UNATTRIBUTED = 'unattributed';
class Recorder {
    reservoirSize;
    rand;
    versions = new Map();
    scheduled = 0;
    openedAt = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
    constructor(reservoirSize, rand) {
        this.reservoirSize = reservoirSize;
        this.rand = rand;
    }
    record(version, latencyUs, status, errorKind) {
        let r = this.versions.get(version);
        if (r === undefined) {
            r = new MutableRecord(this.reservoirSize);
            this.versions.set(version, r);
        }
        r.count++;
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
    snapshot() {
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
        return { elapsedMs: node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now() - this.openedAt, scheduled: this.scheduled, versions };
    }
}
class MutableRecord {
    count = 0;
    errors = 0;
    errorsByKind = new Map();
    statuses = {};
    histogram = new _histogram_js__WEBPACK_IMPORTED_MODULE_3__/* .Histogram */ .dq();
    samples;
    seen = 0;
    constructor(size) {
        this.samples = new Float64Array(size);
    }
}
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
/** Classifies a socket failure into the error kinds the report shows. */
function errorKind(err) {
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
        default:
            return 'other';
    }
}
class Connection {
    gen;
    socket = null;
    busy = false;
    intended = 0;
    phase = Phase.Head;
    remaining = 0;
    headBuf = null;
    lineBuf = '';
    status = 0;
    version = UNATTRIBUTED;
    keepAlive = true;
    /** The socket already carried a full response (so a silent close may be a keep-alive race). */
    reused = false;
    gotBytes = false;
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
    qHead = 0;
    qLen = 0;
    recorders = new Set();
    request;
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
        this.route = (0,_http_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .decideProxy */ .ZR)(url, opts.proxy ?? (0,_http_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .processProxyEnv */ .R4)());
        this.headerKey = `\r\n${(opts.headerName ?? DEFAULT_VERSION_HEADER).toLowerCase()}:`;
        this.timeoutMs = opts.timeoutMs ?? 10_000;
        this.interval = opts.rps > 0 ? 1000 / opts.rps : 0;
        this.rand = xorshift(opts.seed ?? 1);
        this.slackMs = opts.precise === true ? 0 : 1.5;
        let head = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: istio-canary\r\nAccept: */*\r\n`;
        for (const [k, v] of Object.entries(opts.headers ?? {})) {
            if (/[\r\n]/.test(k + v))
                throw new Error(`header ${k}: contains a line break`);
            head += `${k}: ${v}\r\n`;
        }
        this.request = Buffer.from(`${head}\r\n`, 'latin1');
        for (let i = 0; i < Math.floor(opts.connections); i++) {
            const c = new Connection(this);
            this.conns.push(c);
            this.idle.push(c);
        }
        this.done = new Promise((resolve) => (this.resolveDone = resolve));
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
        this.t0 = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
        const sweepEvery = Math.max(10, Math.min(250, this.timeoutMs / 4));
        this.sweeper = setInterval(() => this.sweep(), sweepEvery);
        if (this.interval === 0) {
            // Closed loop: every connection keeps one request in flight.
            while (this.idle.length > 0)
                this.send(this.idle.pop(), node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now());
            if (this.opts.durationMs !== undefined)
                this.timer = setTimeout(() => this.drain(), this.opts.durationMs);
        }
        else {
            this.tick();
        }
    }
    /** Records every completed request from now on until close(); read() at any time. */
    openWindow() {
        const rec = new Recorder(this.opts.reservoirSize ?? 2000, this.rand);
        this.recorders.add(rec);
        return { read: () => rec.snapshot(), close: () => this.recorders.delete(rec) };
    }
    /** Stops sending and closes every connection; requests in flight are not counted. */
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
        for (const c of this.conns) {
            c.busy = false;
            c.socket?.destroy();
            c.socket = null;
        }
        this.resolveDone();
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
        const now = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
        const end = this.opts.durationMs === undefined ? Infinity : this.t0 + this.opts.durationMs;
        // Send everything due, including catch-up after an event-loop stall (open loop).
        for (;;) {
            const due = this.t0 + this.sent * this.interval;
            if (due > now || due >= end)
                break;
            this.sent++;
            for (const r of this.recorders)
                r.scheduled++;
            this.dispatch(due, now);
        }
        const next = this.t0 + this.sent * this.interval;
        if (next >= end) {
            this.timer = setTimeout(() => this.drain(), Math.max(0, end - now));
            return;
        }
        const wait = next - node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
        // setTimeout is only ms-accurate; in precise mode sleep most of the gap, then yield with
        // setImmediate (which still serves I/O) so requests leave within µs of their intended time.
        if (this.opts.precise !== true)
            this.timer = setTimeout(this.tick, Math.max(1, Math.ceil(wait)));
        else if (wait > 2)
            this.timer = setTimeout(this.tick, wait - 1.5);
        else
            this.immediate = setImmediate(this.tick);
    };
    dispatch(intended, now) {
        const c = this.idle.pop();
        if (c !== undefined) {
            // A free connection: only the sender's own timer was late. Up to the timer's granularity
            // that is not the server's doing and is forgiven; beyond it (our event loop stalled) it counts.
            const late = now - intended;
            this.send(c, late <= this.slackMs ? Math.max(intended, now) : intended + this.slackMs);
            return;
        }
        // Every connection busy: the wait in this queue is the server's doing and counts in full.
        if (this.qLen === this.queue.length) {
            const bigger = new Float64Array(this.queue.length * 2);
            for (let i = 0; i < this.qLen; i++)
                bigger[i] = this.queue[(this.qHead + i) % this.queue.length];
            this.queue = bigger;
            this.qHead = 0;
        }
        this.queue[(this.qHead + this.qLen) % this.queue.length] = intended;
        this.qLen++;
    }
    send(c, intended) {
        c.busy = true;
        c.intended = intended;
        c.phase = Phase.Head;
        c.headBuf = null;
        c.status = 0;
        c.version = UNATTRIBUTED;
        c.gotBytes = false;
        if (c.socket === null)
            this.connect(c);
        c.socket.write(this.request);
    }
    /** `onSettled`: called once when the connection is up, or failed before coming up. */
    connect(c, onSettled) {
        const socket = this.route.kind === 'proxy'
            ? new _http_transport_js__WEBPACK_IMPORTED_MODULE_5__/* .TunnelSocket */ .W({
                proxy: this.route.proxy,
                host: this.hostname,
                port: this.port,
                secure: this.secure,
                servername: node_net__WEBPACK_IMPORTED_MODULE_0___default().isIP(this.servername) ? undefined : this.servername,
                rejectUnauthorized: this.opts.rejectUnauthorized ?? false,
                ALPNProtocols: ['http/1.1'],
            })
            : this.secure
                ? node_tls__WEBPACK_IMPORTED_MODULE_1___default().connect({
                    host: this.hostname,
                    port: this.port,
                    servername: node_net__WEBPACK_IMPORTED_MODULE_0___default().isIP(this.servername) ? undefined : this.servername,
                    rejectUnauthorized: this.opts.rejectUnauthorized ?? false,
                    ALPNProtocols: ['http/1.1'],
                })
                : node_net__WEBPACK_IMPORTED_MODULE_0___default().connect({ host: this.hostname, port: this.port });
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
        c.reused = false;
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
            if (c.phase === Phase.UntilClose)
                this.complete(c, null);
            else if (c.reused && !c.gotBytes && !this.stopped) {
                // The server closed an idle keep-alive connection as we wrote: resend on a fresh one
                // (as HTTP clients do for idempotent requests), keeping the intended time.
                this.send(c, c.intended);
            }
            else
                this.complete(c, errorKind(c.lastError));
        });
    }
    onData(c, chunk) {
        c.gotBytes = true;
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
        const now = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
        const latencyUs = Math.round((now - c.intended) * 1000);
        if (kind === null) {
            const status = c.status;
            const errKind = status >= 500 ? String(status) : null;
            for (const r of this.recorders)
                r.record(c.version, latencyUs, status, errKind);
            if (!c.keepAlive) {
                c.socket?.destroy();
                c.socket = null;
            }
            else
                c.reused = true;
        }
        else {
            // No response: the version that would have answered is unknown.
            for (const r of this.recorders)
                r.record(UNATTRIBUTED, latencyUs, 0, kind);
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
            this.send(c, node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now());
        }
        else if (this.qLen > 0) {
            const intended = this.queue[this.qHead];
            this.qHead = (this.qHead + 1) % this.queue.length;
            this.qLen--;
            this.send(c, intended);
        }
        else {
            this.idle.push(c);
        }
    }
    /** Times out requests in flight or queued for longer than timeoutMs since their intended time. */
    sweep() {
        const limit = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now() - this.timeoutMs;
        for (const c of this.conns) {
            if (c.busy && c.intended < limit)
                this.fail(c, 'timeout');
        }
        while (this.qLen > 0 && this.queue[this.qHead] < limit) {
            const intended = this.queue[this.qHead];
            this.qHead = (this.qHead + 1) % this.queue.length;
            this.qLen--;
            const latencyUs = Math.round((node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now() - intended) * 1000);
            for (const r of this.recorders)
                r.record(UNATTRIBUTED, latencyUs, 0, 'timeout');
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


/***/ })

};
