export const id = 54;
export const ids = [54,608];
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

/***/ 34199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runLockstep: () => (/* binding */ runLockstep),
/* harmony export */   serviceEnd: () => (/* binding */ serviceEnd)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _report_lockstep_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(15921);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12011);
/* harmony import */ var _cause_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(50963);
/* harmony import */ var _lockstep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(98255);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25625);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76930);







/** How a service's report counts for the others: promoted or held on purpose is ok, anything failing is not. */
function serviceEnd(report) {
    const failing = report.failure !== undefined || (0,_report_format_js__WEBPACK_IMPORTED_MODULE_4__/* .isFailure */ .N6)(report);
    const message = report.failure ?? report.reason ?? report.status;
    if (failing)
        return { ok: false, at: report.weight, message };
    return { ok: true, at: report.status === 'promoted' ? _lockstep_js__WEBPACK_IMPORTED_MODULE_1__/* .FINALIZE */ .vm : report.weight, message };
}
async function runLockstep(units, deps, runPromotion) {
    const names = units.map((u) => u.name);
    const lockstep = new _lockstep_js__WEBPACK_IMPORTED_MODULE_1__/* .Lockstep */ .s9(names);
    const combined = (0,_report_lockstep_js__WEBPACK_IMPORTED_MODULE_5__/* .combineReporters */ .u)(names, deps.reporter);
    deps.logger.info(`lockstep: ${units.length} services (${names.join(', ')}); each step writes every route's weight and judges every service`);
    // The services that stopped without a report, and why.
    const failures = names.map(() => null);
    await Promise.all(units.map(async (u, i) => {
        try {
            const report = await runPromotion(u.settings, {
                ...deps,
                metrics: u.metrics,
                manifests: u.docs,
                reporter: combined.reporters[i],
                logger: (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .prefixedLogger */ .g5)(deps.logger, u.name),
                lockstep: (0,_lockstep_js__WEBPACK_IMPORTED_MODULE_1__/* .memberOf */ .C5)(lockstep, u.name),
            });
            lockstep.end(u.name, serviceEnd(report));
        }
        catch (err) {
            const message = (0,_cause_js__WEBPACK_IMPORTED_MODULE_6__/* .causeOf */ .r)(err);
            lockstep.end(u.name, { ok: false, at: -1, message });
            if (err instanceof _run_js__WEBPACK_IMPORTED_MODULE_3__/* .PromotionError */ .g1)
                await combined.reporters[i].final(err.report);
            else
                failures[i] = { name: u.name, message, err };
            // A service stopped because another failed says so; the failing one is the error.
            if (err instanceof _lockstep_js__WEBPACK_IMPORTED_MODULE_1__/* .LockstepError */ .Cj)
                deps.logger.info(`service ${u.name}: ${message}`);
            else
                deps.logger.error(`service ${u.name}: ${message}`);
        }
    }));
    const report = await combined.finish(failures.map((f) => f?.message ?? null));
    if (report)
        return report;
    // No service got as far as a report: nothing was written; the errors are the answer (the
    // services that only stopped because another failed are left out when a cause is known).
    const causes = failures.filter((f) => f && !(f.err instanceof _lockstep_js__WEBPACK_IMPORTED_MODULE_1__/* .LockstepError */ .Cj));
    const shown = (causes.length ? causes : failures).filter((f) => f !== null);
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f(shown.map((f) => `service ${f.name}: ${f.message}`).join('; '), {
        cause: shown[0]?.err,
    });
}


/***/ }),

/***/ 15921:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ combineReporters)
/* harmony export */ });
/* unused harmony export lockstepReport */
/** Worst first: a run is as bad as its worst service. */
const RANK = ['rolled-back', 'held', 'in-progress', 'promoted'];
/** The run's report from its services' (at least one has a report). */
function lockstepReport(outcomes) {
    const reports = outcomes.map((o) => o.report).filter((r) => r !== null);
    const first = reports[0];
    if (!first)
        throw new Error('internal: a lockstep report needs one service report');
    const status = RANK.find((s) => reports.some((r) => r.status === s)) ?? first.status;
    const named = (name, text) => `${name}: ${text}`;
    const reasons = outcomes.flatMap((o) => o.report?.reason ? [named(o.name, o.report.reason)] : o.error ? [named(o.name, o.error)] : []);
    const failures = outcomes.flatMap((o) => o.report?.failure !== undefined
        ? [named(o.name, o.report.failure)]
        : o.error
            ? [named(o.name, o.error)]
            : []);
    const namespaces = [...new Set(reports.map((r) => r.namespace))];
    const images = [...new Set(reports.map((r) => r.canaryImage).filter((i) => i !== null))];
    return {
        schemaVersion: 1,
        status,
        reason: reasons.length ? reasons.join('; ') : null,
        ...(failures.length ? { failure: failures.join('; ') } : {}),
        command: first.command,
        namespace: namespaces.join(', '),
        virtualService: outcomes.map((o) => o.name).join(', '),
        route: 'lockstep',
        stableSubset: '',
        canarySubset: '',
        canaryImage: images.length === 1 ? images[0] : null,
        steps: first.steps,
        weight: Math.min(...reports.map((r) => r.weight)),
        step: Math.min(...reports.map((r) => r.step)),
        history: [],
        weightsApplied: [],
        run: first.run,
        nextCommands: [...new Set(reports.flatMap((r) => r.nextCommands))],
        startedAt: reports.map((r) => r.startedAt).sort()[0],
        endedAt: reports
            .map((r) => r.endedAt)
            .sort()
            .at(-1),
        services: outcomes.flatMap((o) => (o.report ? [{ name: o.name, report: o.report }] : [])),
    };
}
/**
 * One Reporter per service, all feeding the run's reporter: progress sends the merged report
 * of every service heard from so far; the services' finals are only kept, and `finish` sends
 * the merged final once every service ended (with the errors of those that had no report).
 */
function combineReporters(names, reporter) {
    const latest = names.map(() => null);
    const outcomes = (errors = []) => names.map((name, i) => ({ name, report: latest[i] ?? null, ...(errors[i] ? { error: errors[i] } : {}) }));
    const reporters = names.map((_, i) => ({
        progress: async (report) => {
            latest[i] = report;
            await reporter.progress(lockstepReport(outcomes()));
        },
        final: (report) => {
            latest[i] = report;
            return Promise.resolve({ commentUrl: null, reportJsonPath: null });
        },
    }));
    return {
        reporters,
        finish: async (errors) => {
            if (latest.every((r) => r === null))
                return null;
            const report = lockstepReport(outcomes(errors));
            await reporter.final(report);
            return report;
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
