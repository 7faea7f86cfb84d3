export const id = 198;
export const ids = [198,608];
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

/***/ 67707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ sequentialLook),
/* harmony export */   OY: () => (/* binding */ P99_REGRESSION_MIN_SAMPLES),
/* harmony export */   RT: () => (/* binding */ spent),
/* harmony export */   ZK: () => (/* binding */ initialSequentialState),
/* harmony export */   c4: () => (/* binding */ judgeStep),
/* harmony export */   ge: () => (/* binding */ MIN_LATENCY_SAMPLES),
/* harmony export */   jd: () => (/* binding */ SHARE_LATENCY),
/* harmony export */   qk: () => (/* binding */ DEFAULT_SEQUENTIAL)
/* harmony export */ });
/* unused harmony exports requestsToDecide, errorRuleAlpha, errorRateReason, SHARE_ERR_STABLE, SHARE_ERR_LIMIT, SHARE_ERR_LIMIT_FINAL, stableRecord, errorsVsStableLlr, errorsVsLimitLlr, errorsBelowLimitLlr */
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54522);

/** Below this many canary responses a p99 is a handful of points: too noisy to compare against stable. */
const P99_REGRESSION_MIN_SAMPLES = 1000;
const fmtMs = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtPct = (v) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;
function reason(metric, value, limit, source, ok, message) {
    return { metric, value, limit, source, ok, message: `${message} (${source})` };
}
/** A probability as the messages show it: two significant digits ("0.26", "0.00051"). */
const fmtP = (p) => (p === 0 ? '0' : String(Number(p.toPrecision(2))));
/** The rule's alpha share as a percentage, precise enough to be read back (src/metrics/why.ts). */
const fmtAlpha = (a) => `${Number((a * 100).toPrecision(6))}%`;
/**
 * The smallest request count at which `rate` (above `limit`) would be beyond chance at level `a`,
 * if the canary kept it; null beyond ten million requests.
 */
function requestsToDecide(rate, limit, a) {
    const fails = (n) => (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialUpperTail */ .Yw)(Math.ceil(rate * n - 1e-9), n, limit) < a;
    let hi = 1;
    while (!fails(hi)) {
        hi *= 2;
        if (hi > 1e7)
            return null;
    }
    let lo = Math.floor(hi / 2);
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (fails(mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
/** The alpha share of the end-of-window error-rate rule for a false-rollback-rate `alpha`. */
const errorRuleAlpha = (alpha) => alpha * SHARE_ERR_LIMIT_FINAL;
/**
 * The end-of-window max-error-rate rule (see the top of this file): fails when the canary's
 * errors are beyond chance for a canary at the limit, P(X ≥ errors | requests, limit) <
 * alpha · SHARE_ERR_LIMIT_FINAL. The message carries the p-value and that level; src/metrics/why.ts
 * reads the level back from "binomial p = … < …%".
 */
function errorRateReason(errors, requests, limit, source, alpha) {
    const rate = errors / requests;
    const a = errorRuleAlpha(alpha);
    const counts = `canary error rate ${fmtPct(rate)} (${errors}/${requests})`;
    if (rate <= limit)
        return reason('error-rate', rate, limit, source, true, `${counts} ≤ limit ${fmtPct(limit)}`);
    const p = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialUpperTail */ .Yw)(errors, requests, limit);
    if (p < a) {
        const why = limit > 0
            ? `beyond chance for a canary at the limit (one-sided binomial p = ${fmtP(p)} < ${fmtAlpha(a)})`
            : `max-error-rate 0: any error fails (one-sided binomial p = 0 < ${fmtAlpha(a)})`;
        return {
            ...reason('error-rate', rate, limit, source, false, `${counts} > limit ${fmtPct(limit)}, ${why}`),
            level: a,
        };
    }
    const more = requestsToDecide(rate, limit, a);
    const tell = more === null
        ? 'no window of ten million requests at this rate would tell'
        : `~${more - requests} more canary requests at this rate would tell`;
    return {
        ...reason('error-rate', rate, limit, source, true, `${counts} is above the limit ${fmtPct(limit)} but within chance for a canary at the limit (one-sided binomial p = ${fmtP(p)} ≥ ${fmtAlpha(a)}): not a failure; ${tell}`),
        level: a,
    };
}
/**
 * The verdict of the user's limits on one window's per-version summaries. `alpha` is the
 * false-rollback-rate (SequentialOptions.alpha): the error-rate rule's level is its share.
 */
function judgeStep(stable, canary, limits, source, durationMs = 0, alpha = DEFAULT_SEQUENTIAL.alpha) {
    const reasons = [];
    const requests = canary?.requests ?? 0;
    const enough = requests >= limits.minRequests && requests > 0;
    reasons.push(reason('requests', requests, limits.minRequests, source, enough, enough
        ? `canary served ${requests} requests ≥ min ${limits.minRequests}`
        : `canary served ${requests} requests < min ${limits.minRequests}: not enough data for a verdict`));
    if (canary !== null && requests > 0) {
        reasons.push(errorRateReason(canary.errors, canary.requests, limits.maxErrorRate, source, alpha));
        if (limits.maxP99Ms !== null && canary.p99Ms !== null) {
            const okP99 = canary.p99Ms <= limits.maxP99Ms;
            reasons.push(reason('p99-ms', canary.p99Ms, limits.maxP99Ms, source, okP99, `canary p99 ${fmtMs(canary.p99Ms)} ms ${okP99 ? '≤' : '>'} limit ${fmtMs(limits.maxP99Ms)} ms`));
        }
        const base = stable?.p99Ms ?? null;
        if (canary.p99Ms !== null && base !== null && base > 0 && (stable?.requests ?? 0) > 0) {
            const regression = canary.p99Ms / base - 1;
            const p99Reason = (ok, message) => {
                reasons.push(reason('p99-regression', regression, limits.maxLatencyRegression, source, ok, message));
            };
            if (canary.requests < P99_REGRESSION_MIN_SAMPLES) {
                p99Reason(true, `canary p99 ${fmtMs(canary.p99Ms)} ms vs stable ${fmtMs(base)} ms not judged: ${canary.requests} canary responses < ${P99_REGRESSION_MIN_SAMPLES} needed for a stable p99 (the statistical judge compares the distributions instead)`);
            }
            else {
                const okReg = regression <= limits.maxLatencyRegression;
                p99Reason(okReg, `canary p99 ${fmtMs(canary.p99Ms)} ms is ${regression >= 0 ? '+' : ''}${fmtPct(regression)} vs stable ${fmtMs(base)} ms ${okReg ? '≤' : '>'} allowed regression ${fmtPct(limits.maxLatencyRegression)}`);
            }
        }
    }
    const failed = reasons.some((r) => !r.ok && r.metric !== 'requests');
    const outcome = !enough ? 'inconclusive' : failed ? 'fail' : 'pass';
    return { outcome, reasons, stable, canary, durationMs };
}
const DEFAULT_SEQUENTIAL = { alpha: 0.01, beta: 0.05 };
// The alpha budget (see the top of this file); the shares sum to 1.
const SHARE_ERR_STABLE = 0.5;
const SHARE_ERR_LIMIT = 0.1;
/** The end-of-window exact binomial test of max-error-rate (judgeStep). */
const SHARE_ERR_LIMIT_FINAL = 0.1;
const SHARE_LATENCY = 0.3;
/** Canary error rates the alternative of the canary-vs-stable test mixes over (equal weights). */
const CANARY_RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4];
/** Beta prior of stable's error rate under that alternative: mass near 0 (a clean stable costs little). */
const STABLE_PRIOR = { a: 0.05, b: 1 };
/** Multiples of max-error-rate the absolute error test mixes over. */
const LIMIT_MULTIPLES = [2, 4, 8];
/** Minimum latency samples per version before the rank test speaks. */
const MIN_LATENCY_SAMPLES = 20;
const initialSequentialState = () => ({ fraction: 0 });
/** Pocock-type spending function: share of the budget spent by information fraction t. */
function spent(t) {
    const c = Math.min(1, Math.max(0, t));
    return Math.log(1 + (Math.E - 1) * c);
}
/** log of the mean of exp(l) over ls, computed stably. */
function logMeanExp(ls) {
    const m = Math.max(...ls);
    if (!Number.isFinite(m))
        return m;
    return m + Math.log(ls.reduce((s, l) => s + Math.exp(l - m), 0) / ls.length);
}
/** Stable's counts over the run: this window's plus its history. */
function stableRecord(stable) {
    return {
        requests: stable.requests + (stable.history?.requests ?? 0),
        errors: stable.errors + (stable.history?.errors ?? 0),
    };
}
/**
 * log of the universal-inference e-value that the canary's error rate exceeds stable's (see the
 * top of this file): ln m(data) − ln sup_{q_c ≤ q_s} L(data). `stable` counts stable's whole
 * record (this window and its history). Never positive when the canary's observed rate is at most
 * stable's (the mixture cannot beat the maximum likelihood).
 */
function errorsVsStableLlr(canary, stable) {
    const { requests: ns, errors: ys } = stableRecord(stable);
    const nc = canary.requests;
    const x = Math.min(canary.errors, nc);
    const y = Math.min(ys, ns);
    if (nc === 0 || ns === 0)
        return 0;
    const ll = (k, n, q) => (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .xlogy */ .mB)(k, q) + (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .xlogy */ .mB)(n - k, 1 - q);
    const alt = logMeanExp(CANARY_RATES.map((q) => ll(x, nc, q))) +
        (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .lnBetaBernoulli */ .n6)(y, ns, STABLE_PRIOR.a, STABLE_PRIOR.b);
    const null0 = x / nc > y / ns ? ll(x + y, nc + ns, (x + y) / (nc + ns)) : ll(x, nc, x / nc) + ll(y, ns, y / ns);
    return alt - null0;
}
/** log likelihood ratio (mixture) that the canary's error rate exceeds the limit. */
function errorsVsLimitLlr(canary, limit) {
    if (!(limit > 0) || limit >= 0.5 || canary.requests === 0)
        return 0;
    const x = canary.errors;
    const ok = canary.requests - x;
    return logMeanExp(LIMIT_MULTIPLES.map((k) => {
        const p1 = Math.min(0.99, k * limit);
        return x * Math.log(p1 / limit) + ok * Math.log((1 - p1) / (1 - limit));
    }));
}
/** log likelihood ratio that the canary's error rate is a quarter of the limit rather than at it (evidence for a pass). */
function errorsBelowLimitLlr(canary, limit) {
    if (!(limit > 0) || limit >= 1 || canary.requests === 0)
        return 0;
    const good = limit / 4;
    const x = canary.errors;
    const ok = canary.requests - x;
    return x * Math.log(good / limit) + ok * Math.log((1 - good) / (1 - limit));
}
/**
 * One look of the sequential judge at a window in progress. fraction = elapsed / window length
 * (1 at the end). Pure: pass the returned state to the next look of the same window.
 */
function sequentialLook(state, stable, canary, limits, fraction, options = DEFAULT_SEQUENTIAL) {
    const t = Math.min(1, Math.max(state.fraction, fraction));
    const increment = spent(t) - spent(state.fraction);
    const next = { fraction: t };
    const reasons = [];
    const canaryRate = canary.requests > 0 ? canary.errors / canary.requests : 0;
    // Errors, canary vs stable's record: anytime-valid, so the full share is the threshold at every
    // look; also above stable's rate in this same window (robust to a burst hitting both).
    const aStable = options.alpha * SHARE_ERR_STABLE;
    const llrStable = errorsVsStableLlr(canary, stable);
    const record = stableRecord(stable);
    const stableWindowRate = stable.requests > 0 ? stable.errors / stable.requests : 0;
    const errorRateFails = (message) => {
        reasons.push(reason('error-rate', canaryRate, limits.maxErrorRate, 'judge', false, message));
    };
    if (llrStable >= Math.log(1 / aStable) &&
        canaryRate > limits.maxErrorRate &&
        canaryRate > stableWindowRate) {
        errorRateFails(`canary errors ${canary.errors}/${canary.requests} (${fmtPct(canaryRate)}) vs stable ${stable.errors}/${stable.requests} in this window${record.requests > stable.requests ? ` (${record.errors}/${record.requests} since the load started)` : ''}: canary is worse with e-value ${Math.exp(llrStable).toExponential(1)} ≥ ${(1 / aStable).toFixed(0)} (false alarm ≤ ${fmtPct(aStable)}), and above the limit ${fmtPct(limits.maxErrorRate)}`);
    }
    const aLimit = options.alpha * SHARE_ERR_LIMIT;
    const llrLimit = errorsVsLimitLlr(canary, limits.maxErrorRate);
    if (llrLimit >= Math.log(1 / aLimit)) {
        errorRateFails(`canary error rate ${fmtPct(canaryRate)} (${canary.errors}/${canary.requests}) is above the limit ${fmtPct(limits.maxErrorRate)} with likelihood ratio ${Math.exp(llrLimit).toExponential(1)} ≥ ${(1 / aLimit).toFixed(0)}`);
    }
    // Latency: one-sided Mann-Whitney at this look's share of the spending budget.
    let latencyPass = false;
    const enoughSamples = canary.samplesMs.length >= MIN_LATENCY_SAMPLES && stable.samplesMs.length >= MIN_LATENCY_SAMPLES;
    if (enoughSamples && increment > 0) {
        const aLook = options.alpha * SHARE_LATENCY * increment;
        const mw = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .mannWhitney */ .Pi)(canary.samplesMs, stable.samplesMs);
        // The shift estimate costs O(n·m): only when the rank test already says "slower".
        const shift = mw.pGreater < aLook ? ((0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .hodgesLehmann */ .i6)(canary.samplesMs, stable.samplesMs) ?? 0) : 0;
        const base = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .median */ .JZ)(stable.samplesMs) ?? 0;
        const relative = base > 0 ? shift / base : 0;
        if (mw.pGreater < aLook && relative > limits.maxLatencyRegression) {
            reasons.push(reason('latency-shift', relative, limits.maxLatencyRegression, 'judge', false, `canary latency is shifted +${fmtMs(shift)} ms (Hodges-Lehmann; +${fmtPct(relative)} of stable median ${fmtMs(base)} ms) > allowed ${fmtPct(limits.maxLatencyRegression)}; Mann-Whitney z=${mw.z.toFixed(2)}, p=${mw.pGreater.toExponential(1)} < ${aLook.toExponential(1)} at ${fmtPct(t)} of the window`));
        }
        // Non-inferiority: the canary scaled down by the allowed regression is still faster than stable.
        const bLook = options.beta * increment;
        const scaled = canary.samplesMs.map((v) => v / (1 + limits.maxLatencyRegression));
        const ni = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .mannWhitney */ .Pi)(scaled, stable.samplesMs);
        latencyPass = ni.pLess < bLook;
    }
    const failed = reasons.length > 0;
    if (failed)
        return { state: next, decision: 'fail', reasons };
    // Early pass: enough requests, errors clearly below the limit and latency clearly within the regression.
    const errorsPass = limits.maxErrorRate > 0 &&
        canaryRate <= limits.maxErrorRate &&
        errorsBelowLimitLlr(canary, limits.maxErrorRate) >= Math.log(1 / options.beta);
    if (canary.requests >= limits.minRequests && errorsPass && latencyPass) {
        reasons.push(reason('sequential', t, null, 'judge', true, `evidence is conclusive at ${fmtPct(t)} of the window: canary errors ${canary.errors}/${canary.requests} are clearly below ${fmtPct(limits.maxErrorRate)} and its latency is within +${fmtPct(limits.maxLatencyRegression)} of stable (Mann-Whitney, non-inferiority)`));
        return { state: next, decision: 'pass', reasons };
    }
    return { state: next, decision: 'continue', reasons };
}


/***/ }),

/***/ 66198:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_SEQUENTIAL: () => (/* reexport */ analysis/* DEFAULT_SEQUENTIAL */.qk),
  createMetrics: () => (/* binding */ createMetrics)
});

// UNUSED EXPORTS: PrometheusClient, combineVerdicts, connectionFailureReason, judgeStep, loadStats, sequentialLook

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
;// CONCATENATED MODULE: ./src/traffic/histogram.ts
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
    histogram = new Histogram();
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

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(76670);
// EXTERNAL MODULE: ./src/metrics/analysis.ts
var analysis = __webpack_require__(67707);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
// EXTERNAL MODULE: ./src/http/redirect.ts
var redirect = __webpack_require__(76790);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(49809);
;// CONCATENATED MODULE: ./src/metrics/prometheus.ts
// A small Prometheus HTTP API client (instant queries) and the per-version window stats from
// Istio's standard metrics, reporter="destination" (the server-side view of each workload).
// Errors and warnings quote the server's text as one line (src/one-line.ts). Retries go
// through src/retry.ts.







/** A failed query; the message quotes the server's text as one line (src/one-line.ts). */
class PrometheusError extends errors/* IstioCanaryError */.f {
    status;
    constructor(message, status, options) {
        super((0,one_line/* oneLine */.TN)(message), options);
        this.status = status;
    }
}
const MAX_BACKOFF_MS = 5000;
/** A failure another attempt may cure: no answer (status null), 429 or 5xx. */
const isTransient = (err) => err instanceof PrometheusError && (err.status === null || err.status === 429 || err.status >= 500);
/** Prometheus renders special floats as strings: "NaN", "+Inf", "-Inf". */
function parsePromValue(text) {
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
/**
 * The URL of one API call: the base's path (a prefix like /prometheus kept) plus `api`, the
 * base's query parameters kept (a gateway's `?tenant=` or `?access_token=`) and `params` set
 * over them; the fragment dropped. Built with the URL API, never by appending text (pure).
 */
function apiUrl(base, api, params) {
    const url = new URL(base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${api.replace(/^\/+/, '')}`;
    url.hash = '';
    for (const [name, value] of params ?? [])
        url.searchParams.set(name, value);
    return url;
}
class PrometheusClient {
    opts;
    base;
    /** The base as it may be shown (src/redact.ts showUrl). */
    shown;
    fetchImpl;
    constructor(opts) {
        this.opts = opts;
        this.base = opts.url;
        this.shown = (0,redact/* showUrl */.jr)(opts.url).replace(/\/$/, '');
        this.fetchImpl = opts.fetch ?? (0,transport/* fetchFor */.G)(this.base, opts.proxy).fetch;
    }
    /**
     * Instant query at `time` (default: now). Retries no answer, 429 and 5xx (src/retry.ts):
     * `attempts` in all, backoffMs doubling to 5 s, a Retry-After honoured up to 5 s.
     */
    async query(expr, time, signal) {
        const params = new URLSearchParams({ query: expr });
        if (time)
            params.set('time', (time.getTime() / 1000).toFixed(3));
        const policy = {
            attempts: this.opts.attempts ?? 4,
            baseDelayMs: this.opts.backoffMs ?? 250,
            maxDelayMs: MAX_BACKOFF_MS,
        };
        let retryAfterMs = null;
        return (0,retry/* retry */.L5)(async () => {
            retryAfterMs = null;
            let res;
            let text;
            try {
                res = await this.send(params, signal);
                text = await res.text();
            }
            catch (err) {
                if (signal?.aborted)
                    throw err;
                throw new PrometheusError(`Prometheus unreachable: ${(0,net_errors/* describeNetworkError */.gl)(err, this.shown).message}`, null, { cause: err });
            }
            // Redirects are refused, named with where they point (src/http/redirect.ts).
            if ((0,redirect/* isRedirect */.N)(res.status))
                throw new PrometheusError(`Prometheus answered ${(0,redirect/* describeRedirect */.G)(res.status, res.headers.get('location'))}: redirects are not followed (the credentials and the query would go elsewhere); set prometheus-url to the URL that answers the API itself`, res.status);
            if (res.status === 429 || res.status >= 500) {
                retryAfterMs = (0,retry/* parseRetryAfter */.mu)(res.headers.get('retry-after'));
                throw new PrometheusError(`Prometheus answered ${res.status}: ${text.slice(0, 200)}`, res.status);
            }
            return this.parse(res.status, text);
        }, policy, {
            retryable: (err) => ({ retry: isTransient(err), afterMs: retryAfterMs }),
            signal,
            sleep: this.opts.sleep,
        });
    }
    async send(params, signal) {
        const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 10_000);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        const headers = { accept: 'application/json', ...this.opts.headers };
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
    parse(status, text) {
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            if (status === 401 || status === 403)
                throw new PrometheusError(`Prometheus query failed: ${(0,net_errors/* describeAuthStatus */.gd)(status, text.slice(0, 200))} (check prometheus-auth)`, status);
            throw new PrometheusError(`Prometheus answered ${status} with a non-JSON body: ${text.slice(0, 200)}`, status);
        }
        if (status === 401 || status === 403)
            throw new PrometheusError(`Prometheus query failed: ${(0,net_errors/* describeAuthStatus */.gd)(status, body.error)} (check prometheus-auth)`, status);
        if (status >= 400 || body.status !== 'success') {
            throw new PrometheusError(`Prometheus query failed (${status}${body.errorType ? `, ${body.errorType}` : ''}): ${body.error ?? text.slice(0, 200)}`, status);
        }
        const warnings = Array.isArray(body.warnings) ? body.warnings.map((w) => (0,one_line/* oneLine */.TN)(String(w))) : [];
        const data = body.data ?? {};
        const samples = [];
        if (data.resultType === 'vector' && Array.isArray(data.result)) {
            for (const r of data.result) {
                samples.push({ metric: r.metric ?? {}, value: parsePromValue(r.value?.[1] ?? 'NaN') });
            }
        }
        else if (data.resultType === 'scalar' && Array.isArray(data.result)) {
            samples.push({ metric: {}, value: parsePromValue(String(data.result[1])) });
        }
        else {
            throw new PrometheusError(`expected an instant vector, got ${String(data.resultType)}`, status);
        }
        return { samples, warnings };
    }
}
/** A label value as a literal inside a PromQL =~ regex string: regex-escaped, then string-escaped. */
function quoteRegex(value) {
    const re = value.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&');
    return re.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
/** The PromQL for one window: requests, 5xx, and the three percentiles, per destination_workload. */
function windowQueries(q) {
    const ns = q.namespace.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const sel = `reporter="destination",destination_workload_namespace="${ns}",destination_workload=~"${q.workloads.map(quoteRegex).join('|')}"`;
    const range = `[${Math.max(1, Math.round(q.seconds))}s]`;
    return {
        requests: `sum by (destination_workload) (increase(istio_requests_total{${sel}}${range}))`,
        errors: `sum by (destination_workload) (increase(istio_requests_total{${sel},response_code=~"5.."}${range}))`,
        quantile: (p) => `histogram_quantile(${p}, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}${range})))`,
    };
}
const finiteOrNull = (v) => v === undefined || !Number.isFinite(v) ? null : v;
function byWorkload(r) {
    const m = new Map();
    for (const s of r.samples)
        m.set(s.metric.destination_workload ?? '', s.value);
    return m;
}
/**
 * Per-workload stats over the window ending at `end`. A workload with no series (no traffic)
 * gets null: the judge turns that into "inconclusive", never a pass.
 */
async function queryWindowStats(client, q, end, signal) {
    const qs = windowQueries(q);
    const [req, err, p50, p90, p99] = await Promise.all([
        client.query(qs.requests, end, signal),
        client.query(qs.errors, end, signal),
        client.query(qs.quantile(0.5), end, signal),
        client.query(qs.quantile(0.9), end, signal),
        client.query(qs.quantile(0.99), end, signal),
    ]);
    const warnings = [...new Set([req, err, p50, p90, p99].flatMap((r) => r.warnings))];
    const [mReq, mErr, m50, m90, m99] = [req, err, p50, p90, p99].map(byWorkload);
    const stats = new Map();
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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/metrics/probe-http.ts
// One GET of the load target for the pre-traffic probe (src/promote/probe.ts): the same URL,
// Host header and TLS settings as the load generator, the status, headers and the start of the
// body; a failure names its cause (TLS, refused, timeout) and the URL.






const BODY_LIMIT = 2048;
function httpGet(url, o) {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    const servername = o.host && !external_node_net_default().isIP(o.host) ? o.host : undefined;
    const rejectUnauthorized = o.rejectUnauthorized ?? false;
    // Through a proxy, the same CONNECT tunnel as the load generator (TLS inside it), so the probe
    // takes the path the windows' traffic will take.
    const route = (0,proxy/* decideProxy */.ZR)(u, o.proxy ?? (0,proxy/* processProxyEnv */.R4)());
    const tunnel = route.kind === 'proxy'
        ? () => new transport/* TunnelSocket */.W({
            proxy: route.proxy,
            host: u.hostname.replace(/^\[|\]$/g, ''),
            port: u.port === '' ? (secure ? 443 : 80) : Number(u.port),
            secure,
            servername,
            rejectUnauthorized,
            ALPNProtocols: ['http/1.1'],
        })
        : undefined;
    return new Promise((resolve, reject) => {
        const fail = (err) => {
            if (o.signal.aborted)
                reject(o.signal.reason instanceof Error ? o.signal.reason : new Error('aborted'));
            else
                reject(Object.assign(new Error((0,net_errors/* describeNetworkError */.gl)(err, url).message), { cause: err }));
        };
        const headers = { ...o.headers, accept: '*/*' };
        if (o.host)
            headers.host = o.host;
        const req = (secure && !tunnel ? (external_node_https_default()) : (external_node_http_default())).request(tunnel ? url.replace(/^https:/, 'http:') : url, {
            method: 'GET',
            headers,
            signal: o.signal,
            timeout: o.timeoutMs,
            // No agent: a fresh connection (its own tunnel through a proxy, which only works without one).
            ...(tunnel
                ? { createConnection: tunnel }
                : { agent: false, ...(secure ? { rejectUnauthorized, servername } : {}) }),
        }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
                if (body.length < BODY_LIMIT)
                    body += chunk;
            });
            res.on('end', () => {
                const out = {};
                for (const [k, v] of Object.entries(res.headers))
                    out[k] = Array.isArray(v) ? v.join(', ') : v;
                resolve({ status: res.statusCode ?? 0, headers: out, body: body.slice(0, BODY_LIMIT) });
            });
            res.on('error', fail);
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
        req.on('error', fail);
        req.end();
    });
}

// EXTERNAL MODULE: ./src/metrics/why.ts
var metrics_why = __webpack_require__(73875);
;// CONCATENATED MODULE: ./src/metrics/index.ts








const VERSIONS = { stable: 'stable', canary: 'canary' };
/**
 * The range of the probe's query for the stable workload: long enough that any series scraped
 * twice in the last few minutes shows (increase() needs two samples in its range).
 */
const PROBE_RANGE_SECONDS = 300;
/**
 * A Prometheus URL and error as they may be shown: the secrets of this process (src/redact.ts)
 * and those of this Prometheus (its URL's password, its credential headers) replaced by `***`.
 */
function prometheusRedactor(url, headers) {
    const own = new redact/* Redactor */.pO();
    for (const v of (0,redact/* urlSecrets */.Fn)(url))
        own.add(v);
    for (const [name, value] of Object.entries(headers ?? {}))
        if (/auth|token|key|secret|cookie|password/i.test(name))
            for (const v of (0,redact/* authHeaderSecrets */.hn)(value))
                own.add(v);
    return (text) => own.redact((0,redact/* redact */.E$)(text));
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
function connectionFailureReason(snap, url, maxErrorRate) {
    let total = snap.pending ?? 0;
    const byKind = new Map();
    const byVersion = new Map();
    const add = (version, kind, n) => {
        byKind.set(kind, (byKind.get(kind) ?? 0) + n);
        byVersion.set(version, (byVersion.get(version) ?? 0) + n);
    };
    for (const [version, r] of snap.versions) {
        total += r.count;
        for (const [kind, n] of Object.entries(r.errorsByKind))
            if (n > 0 && (kind in CONNECTION_FAILURE_KINDS || (version === UNATTRIBUTED && /^5\d\d$/.test(kind))))
                add(version, kind, n);
    }
    if ((snap.pending ?? 0) > 0)
        add(UNATTRIBUTED, 'pending', snap.pending);
    const unknown = byVersion.get(UNATTRIBUTED) ?? 0;
    if (unknown === 0)
        return null;
    const canary = snap.versions.get(VERSIONS.canary);
    const worst = ((canary?.errors ?? 0) + unknown) / ((canary?.count ?? 0) + unknown);
    if (worst <= maxErrorRate)
        return null;
    const failed = [...byKind.values()].reduce((a, b) => a + b, 0);
    const what = [...byKind]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} ${k === 'pending' ? 'still unanswered when the window ended' : (CONNECTION_FAILURE_KINDS[k] ?? `HTTP ${k} without the version header`)}`)
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
function loadStats(r, elapsedMs) {
    if (r === undefined || r.count === 0)
        return null;
    const ms = (v) => (v === null ? null : v / 1000);
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
function versionData(r) {
    return r === undefined
        ? { requests: 0, errors: 0, samplesMs: [] }
        : { requests: r.count, errors: r.errors, samplesMs: r.samplesMs };
}
const info = (metric, source, message, ok = true) => ({
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
function combineVerdicts(verdicts, durationMs) {
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
function waitOrAbort(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done, { once: true });
    });
}
const fmt = (s) => s === null
    ? 'no requests'
    : `${s.requests} req, ${s.errors} errors, p99 ${s.p99Ms === null ? '-' : s.p99Ms.toFixed(1)} ms`;
function createMetrics(options) {
    const useLoad = options.source !== 'prometheus';
    const useProm = options.source !== 'loadgen';
    if (useLoad && !options.load)
        throw new Error(`metrics: ${options.source} needs load-url`);
    if (useProm && !options.prometheus)
        throw new Error(`metrics: ${options.source} needs prometheus-url`);
    const limits = options.limits;
    const lookEvery = options.lookEveryMs ?? 250;
    const logEvery = options.logEveryMs ?? 10_000;
    /** The false-rollback-rate: the statistical judge's alpha, and the error-rate rule's level (its share). */
    const judgeAlpha = (options.sequential ?? analysis/* DEFAULT_SEQUENTIAL */.qk).alpha;
    const log = (s) => options.logger?.info(s);
    const prom = options.prometheus
        ? new PrometheusClient({
            url: options.prometheus.url,
            headers: options.prometheus.headers,
            proxy: options.proxy,
        })
        : null;
    let gen = null;
    /** The Host header of the load: load-host, or the default the probe found. */
    let loadHost = options.load?.host ?? null;
    function generator() {
        if (gen === null) {
            const l = options.load;
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
            log(`load: ${l.rps} rps over ${l.connections} connections to ${(0,redact/* showUrl */.jr)(l.url)}${loadHost ? ` (Host: ${loadHost})` : ''}`);
        }
        return gen;
    }
    /** `final`: the window has ended, its unsettled requests count as unanswered. */
    function loadVerdict(snap, extra, final) {
        const stable = loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs);
        const canary = loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs);
        const v = (0,analysis/* judgeStep */.c4)(stable, canary, limits, 'loadgen', snap.elapsedMs, judgeAlpha);
        const un = snap.versions.get(UNATTRIBUTED);
        const responses = Object.values(un?.statuses ?? {}).reduce((a, b) => a + b, 0);
        if (un !== undefined && responses > 0) {
            const kinds = Object.entries(un.errorsByKind)
                .filter(([k]) => !(k in CONNECTION_FAILURE_KINDS))
                .map(([k, n]) => `${k}: ${n}`)
                .join(', ');
            v.reasons.push(info('unattributed', 'loadgen', `${responses} responses carried no ${options.load?.headerName ?? DEFAULT_VERSION_HEADER} header${kinds ? ` (errors ${kinds})` : ''}`));
        }
        if (extra.some((r) => !r.ok))
            v.outcome = 'fail';
        v.reasons.push(...extra);
        // Evidence of a bad canary stands; a pass without its traffic does not.
        const lost = connectionFailureReason(final ? snap : { versions: snap.versions }, (0,redact/* showUrl */.jr)(options.load.url), limits.maxErrorRate);
        if (lost !== null) {
            if (v.outcome === 'pass')
                v.outcome = 'inconclusive';
            v.reasons.push(lost);
        }
        return v;
    }
    /** Runs the load generator's side of a window; returns early on a conclusive sequential look. */
    async function measureLoad(window, started) {
        const win = generator().openWindow();
        let state = (0,analysis/* initialSequentialState */.ZK)();
        let lastLog = started;
        try {
            for (;;) {
                const elapsed = Date.now() - started;
                const remaining = window.intervalMs - elapsed;
                if (window.signal.aborted) {
                    const v = loadVerdict(await win.end(window.signal), [], true);
                    v.outcome = v.outcome === 'fail' ? 'fail' : 'inconclusive';
                    v.reasons.push(info('aborted', 'loadgen', `window aborted after ${Math.round(elapsed / 1000)} s; partial data only`, false));
                    return v;
                }
                if (remaining > 0)
                    await waitOrAbort(Math.min(lookEvery, remaining), window.signal);
                if (window.signal.aborted)
                    continue;
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
                const look = (0,analysis/* sequentialLook */.DB)(state, { ...stableNow, history }, versionData(snap.versions.get(VERSIONS.canary)), limits, fraction, options.sequential ?? analysis/* DEFAULT_SEQUENTIAL */.qk);
                state = look.state;
                if (now - lastLog >= logEvery) {
                    lastLog = now;
                    log(`step ${window.step} (canary ${window.weight}%): ${Math.round((now - started) / 1000)} s of ${Math.round(window.intervalMs / 1000)} s; canary ${fmt(loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs))}; stable ${fmt(loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs))}`);
                }
                if (look.decision === 'fail') {
                    if (fraction < 1)
                        log(`step ${window.step}: the statistical judge failed the canary early, at ${Math.round((now - started) / 1000)} s`);
                    // Evidence of a bad canary stands: no need to wait for the requests still in flight.
                    return loadVerdict(snap, look.reasons, false);
                }
                if (look.decision === 'pass' || fraction >= 1) {
                    const v = loadVerdict(snap, look.reasons, false);
                    // An early pass must not skip the p99 regression check, which needs enough canary responses.
                    const p99Judged = v.stable === null || (v.canary?.requests ?? 0) >= analysis/* P99_REGRESSION_MIN_SAMPLES */.OY;
                    if (fraction >= 1 || (v.outcome === 'pass' && p99Judged)) {
                        if (fraction < 1)
                            log(`step ${window.step}: evidence conclusive, window ended early at ${Math.round((now - started) / 1000)} s`);
                        // The verdict counts every request of the window: wait until each is answered or has
                        // failed (at most the request timeout); one a cancel leaves unanswered counts as such.
                        const final = await win.end(window.signal);
                        return loadVerdict(final, look.reasons, true);
                    }
                }
            }
        }
        finally {
            win.close();
        }
    }
    const showProm = options.prometheus
        ? prometheusRedactor(options.prometheus.url, options.prometheus.headers)
        : (t) => (0,redact/* redact */.E$)(t);
    async function measureProm(window, endedAt, durationMs) {
        const settle = options.prometheus?.settleMs ?? 0;
        if (settle > 0)
            await waitOrAbort(settle, window.signal);
        try {
            const { stats, warnings } = await queryWindowStats(prom, {
                namespace: window.namespace,
                workloads: [window.stableWorkload, window.canaryWorkload],
                seconds: Math.max(options.prometheus?.minRangeSeconds ?? 30, 1, Math.round(durationMs / 1000)),
            }, new Date(endedAt), window.signal);
            const v = (0,analysis/* judgeStep */.c4)(stats.get(window.stableWorkload) ?? null, stats.get(window.canaryWorkload) ?? null, limits, 'prometheus', durationMs, judgeAlpha);
            for (const w of warnings)
                v.reasons.push(info('prometheus-warning', 'prometheus', `Prometheus warned: ${w}`));
            return v;
        }
        catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            return {
                outcome: 'inconclusive',
                reasons: [
                    info('prometheus', 'prometheus', showProm(`no verdict from Prometheus at ${(0,redact/* showUrl */.jr)(options.prometheus.url)}: ${message}`), false),
                ],
                stable: null,
                canary: null,
                durationMs,
            };
        }
    }
    const probers = {
        http: useLoad && options.load
            ? {
                url: options.load.url,
                get host() {
                    return loadHost;
                },
                versionHeader: options.load.headerName ?? DEFAULT_VERSION_HEADER,
                get: (host, signal) => httpGet(options.load.url, {
                    host,
                    headers: options.load.headers,
                    timeoutMs: options.load.timeoutMs ?? 10_000,
                    signal,
                    proxy: options.proxy,
                }),
                useHost(host) {
                    loadHost = host;
                },
            }
            : null,
        prometheus: useProm && prom && options.prometheus
            ? {
                url: options.prometheus.url,
                workloadQuery: (namespace, workload) => windowQueries({ namespace, workloads: [workload], seconds: PROBE_RANGE_SECONDS }).requests,
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
        async baseline(ms, signal) {
            if (!useLoad || !(ms > 0))
                return;
            generator();
            await waitOrAbort(ms, signal);
        },
        async measure(window) {
            const started = Date.now();
            const verdicts = [];
            const traffic = window.strategy;
            // A strategy's window (issue 15): the load adds its cohort (the A/B match's headers, the
            // preview header or host); a mirror's canary side only Prometheus sees (its responses are
            // discarded), so the load only drives traffic and Prometheus judges.
            if (useLoad)
                generator().setCohort(traffic?.cohort ?? null);
            const mirrored = traffic?.canarySource === 'prometheus';
            if (useLoad && !mirrored)
                verdicts.push(await measureLoad(window, started));
            else
                await waitOrAbort(window.intervalMs, window.signal);
            const endedAt = Date.now();
            const durationMs = endedAt - started;
            if (mirrored && !useProm)
                verdicts.push({
                    outcome: 'inconclusive',
                    reasons: [
                        info('mirror', 'loadgen', 'the mirrored requests are seen by Prometheus only: set metrics: prometheus or both', false),
                    ],
                    stable: null,
                    canary: null,
                    durationMs,
                });
            if (useProm && !(window.signal.aborted && (useLoad || mirrored))) {
                const v = await measureProm(window, endedAt, durationMs);
                if (mirrored)
                    v.reasons.push(info('mirror', 'prometheus', `${traffic.label}: the canary is judged on the mirrored requests, from Prometheus destination metrics (reporter="destination"); the load generator never sees their responses`));
                verdicts.push(v);
            }
            let v = combineVerdicts(verdicts, durationMs);
            // The user's checks, on the same window (its end, its length as {{ interval }}).
            if (checks.length > 0 && !window.signal.aborted) {
                if (!useProm && (options.prometheus?.settleMs ?? 0) > 0)
                    await waitOrAbort(options.prometheus.settleMs, window.signal);
                const { evaluateChecks, foldChecks } = await __webpack_require__.e(/* import() */ 528).then(__webpack_require__.bind(__webpack_require__, 17528));
                const results = await evaluateChecks(prom, checks, {
                    namespace: window.namespace,
                    stableWorkload: window.stableWorkload,
                    canaryWorkload: window.canaryWorkload,
                    stableVersion: window.stableVersion,
                    canaryVersion: window.canaryVersion,
                    seconds: Math.max(options.prometheus?.minRangeSeconds ?? 30, 1, Math.round(durationMs / 1000)),
                    at: new Date(endedAt),
                    signal: window.signal,
                }, showProm);
                v = foldChecks(v, results);
            }
            if (window.signal.aborted && v.outcome === 'pass')
                v.outcome = 'inconclusive';
            // With metrics: both, neither source passes a window the other could not measure: not
            // when the load never arrived, not when Prometheus gave no answer (its URL and error named).
            if (v.outcome === 'pass' && v.reasons.some((r) => UNMEASURED.has(r.metric) && !r.ok))
                v.outcome = 'inconclusive';
            // The verdict is final: a fail or inconclusive one says why in one line (src/metrics/why.ts).
            const why = (0,metrics_why/* explainVerdict */.bX)(v, {
                limits,
                weight: window.weight,
                windowMs: window.intervalMs,
                rps: useLoad ? options.load?.rps : null,
            });
            if (why !== null)
                v.why = why;
            log(`step ${window.step} (canary ${window.weight}%): ${v.outcome} after ${Math.round(durationMs / 1000)} s; canary ${fmt(v.canary)}; stable ${fmt(v.stable)}${why === null ? '' : ` — ${why}`}`);
            return v;
        },
        async close() {
            if (gen !== null) {
                gen.stop();
                await gen.done;
                gen = null;
            }
        },
    };
}


/***/ }),

/***/ 49809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
// The one retry loop and the one cancellable sleep. Every client (Kubernetes, Prometheus,
// GitHub, tool downloads) and every "re-read and write again" loop goes through `retry`, so
// the rules are the same everywhere: a bounded number of attempts, exponential backoff with
// optional full jitter, a server's Retry-After honoured up to a cap, a cancel (AbortSignal)
// ending the wait at once with the signal's reason, and every wait going through an
// injectable sleep so tests observe the delays instead of sleeping them.

function reasonOf(signal) {
    return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
/** A timer that a cancel ends at once, rejecting with the signal's reason (not a generic AbortError). */
const sleep = async (ms, signal) => {
    if (signal?.aborted)
        throw reasonOf(signal);
    try {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, signal ? { signal } : undefined);
    }
    catch (err) {
        if (signal?.aborted)
            throw reasonOf(signal);
        throw err;
    }
};
/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given (capped),
 * else baseDelayMs·2^(attempt−1) capped at maxDelayMs, jittered into [cap/2, cap] when asked.
 */
function backoffDelay(attempt, policy, retryAfterMs = null, random = Math.random) {
    if (retryAfterMs !== null && retryAfterMs >= 0)
        return Math.min(retryAfterMs, policy.maxRetryAfterMs ?? policy.maxDelayMs);
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return policy.jitter ? Math.round(cap / 2 + (random() * cap) / 2) : cap;
}
/**
 * Runs fn until it succeeds, the policy's attempts are spent, or a failure is not retryable;
 * then throws the last failure. A cancel during fn or a wait throws the signal's reason.
 */
async function retry(fn, policy, options) {
    const attempts = Math.max(1, Math.floor(policy.attempts));
    const wait = options.sleep ?? sleep;
    for (let attempt = 1;; attempt++) {
        if (options.signal?.aborted)
            throw reasonOf(options.signal);
        try {
            return await fn(attempt);
        }
        catch (err) {
            if (options.signal?.aborted)
                throw reasonOf(options.signal);
            if (attempt >= attempts)
                throw err;
            const verdict = options.retryable(err, attempt);
            const again = typeof verdict === 'boolean' ? verdict : verdict.retry;
            if (!again)
                throw err;
            const afterMs = typeof verdict === 'boolean' ? null : (verdict.afterMs ?? null);
            const ms = backoffDelay(attempt, policy, afterMs, options.random);
            options.onRetry?.(err, attempt, ms);
            await wait(ms, options.signal);
        }
    }
}
/** Retry-After in seconds (or an HTTP date), as milliseconds; null when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    const v = Array.isArray(value) ? value[0] : value;
    if (!v)
        return null;
    if (/^\d+(\.\d+)?$/.test(v.trim()))
        return Math.round(Number(v) * 1000);
    const at = Date.parse(v);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
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
