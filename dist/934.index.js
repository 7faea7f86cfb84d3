export const id = 934;
export const ids = [934];
export const modules = {

/***/ 1934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_RETRY: () => (/* binding */ DEFAULT_RETRY),
/* harmony export */   FIELD_MANAGER: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_4__.vy),
/* harmony export */   KubeApiError: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_4__.W3),
/* harmony export */   KubeClient: () => (/* binding */ KubeClient),
/* harmony export */   UnknownKindError: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_4__.r_),
/* harmony export */   abortableSleep: () => (/* binding */ sleep),
/* harmony export */   backoffDelay: () => (/* binding */ backoffDelay),
/* harmony export */   createKubeClient: () => (/* binding */ createKubeClient),
/* harmony export */   isRequestFault: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_4__._X),
/* harmony export */   parseRetryAfter: () => (/* binding */ parseRetryAfter),
/* harmony export */   splitApiVersion: () => (/* binding */ splitApiVersion)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94);
/* harmony import */ var _traffic_net_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5468);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3646);
// The Kubernetes API client: the only code that talks to the API server (besides preflight).
// Auth and TLS come from @kubernetes/client-node's KubeConfig; requests are raw HTTP so that
// retries, dry-run, server-side apply and watches are all handled in one place.






const DEFAULT_RETRY = {
    attempts: 8,
    baseDelayMs: 100,
    maxDelayMs: 3000,
    maxRetryAfterMs: 10_000,
};
const RETRYABLE_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ECONNABORTED',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
]);
class TransientError extends Error {
    retryAfterMs;
    constructor(message, retryAfterMs = null) {
        super(message);
        this.retryAfterMs = retryAfterMs;
    }
}
/** A failure to reach the server at all (TLS, DNS, socket), as opposed to a bug or an abort. */
function isConnectionError(err) {
    const code = err?.code;
    return (0,_traffic_net_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .isTlsError */ .sl)(err) || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
}
function isTransientNetworkError(err) {
    if (!(err instanceof Error))
        return false;
    const code = err.code;
    if (code && RETRYABLE_CODES.has(code))
        return true;
    return /socket hang up|ECONNRESET|other side closed/i.test(err.message);
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
/** Exponential backoff with full jitter, bounded; Retry-After wins when given (also bounded). */
function backoffDelay(attempt, policy, retryAfterMs, random = Math.random) {
    if (retryAfterMs !== null)
        return Math.min(retryAfterMs, policy.maxRetryAfterMs);
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.round(cap / 2 + (random() * cap) / 2);
}
function statusMessage(res) {
    try {
        const status = JSON.parse(res.body);
        if (typeof status.message === 'string' && status.message)
            return { reason: typeof status.reason === 'string' ? status.reason : null, message: status.message };
    }
    catch {
        // not a Status object: fall through to the raw body
    }
    const text = res.body.trim().slice(0, 300);
    return { reason: null, message: text || `HTTP ${res.status}` };
}
/** The error for an answer that is not retried; a 401's Status says only "Unauthorized", so its message says what that means. */
function apiError(status, m) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .KubeApiError */ .W3(status, m.reason, status === 401 ? (0,_traffic_net_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeAuthStatus */ .gd)(401, m.message) : m.message);
}
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
function splitApiVersion(apiVersion) {
    const i = apiVersion.indexOf('/');
    return i < 0
        ? { group: '', version: apiVersion }
        : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}
function basePath(apiVersion) {
    const { group, version } = splitApiVersion(apiVersion);
    return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}
function watchErrorMessage(o) {
    const m = typeof o === 'object' && o !== null ? o.message : undefined;
    return typeof m === 'string' ? m : 'watch error';
}
const noopLogger = { info() { }, warning() { }, error() { }, debug() { } };
async function createKubeClient(options) {
    const kc = new _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_2__/* .KubeConfig */ .ypW();
    kc.loadFromString(options.kubeconfig);
    if (options.context) {
        if (!kc.getContextObject(options.context)) {
            const names = kc.getContexts().map((c) => c.name);
            throw new Error(`context: no context "${options.context}" in the kubeconfig; it has: ${names.join(', ') || 'none'}`);
        }
        kc.setCurrentContext(options.context);
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster)
        throw new Error('kubeconfig: the current context names no cluster');
    const server = new URL(cluster.server);
    const authenticate = async () => {
        const opts = {};
        await kc.applyToHTTPSOptions(opts);
        return opts;
    };
    return new KubeClient(server, await authenticate(), authenticate, options);
}
/** Credentials from exec plugins and OIDC expire: they are asked again this often (client-node caches them). */
const AUTH_REFRESH_MS = 60_000;
class KubeClient {
    server;
    base;
    authenticate;
    retry;
    logger;
    discovery = new Map();
    requestTimeoutMs;
    sleep;
    authAt = Date.now();
    constructor(server, base, authenticate, options) {
        this.server = server;
        this.base = base;
        this.authenticate = authenticate;
        this.retry = { ...DEFAULT_RETRY, ...options.retry };
        this.logger = options.logger ?? noopLogger;
        this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
        this.sleep = options.sleep ?? sleep;
    }
    async refreshAuth() {
        if (Date.now() - this.authAt < AUTH_REFRESH_MS)
            return;
        this.base = await this.authenticate();
        this.authAt = Date.now();
    }
    authHeaders() {
        const h = this.base.headers;
        return h && !Array.isArray(h) ? h : {};
    }
    /** One HTTP exchange, no retry. */
    send(method, path, body, contentType, signal) {
        return new Promise((resolve, reject) => {
            const mod = this.server.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default());
            const prefix = this.server.pathname.replace(/\/$/, '');
            const headers = { ...this.authHeaders(), accept: 'application/json' };
            if (body !== null) {
                headers['content-type'] = contentType ?? 'application/json';
                headers['content-length'] = Buffer.byteLength(body);
            }
            const req = mod.request({
                ...this.base,
                protocol: this.server.protocol,
                hostname: this.server.hostname,
                port: this.server.port || undefined,
                method,
                path: prefix + path,
                headers,
                signal,
                timeout: this.requestTimeoutMs,
            }, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => resolve({
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    body: Buffer.concat(chunks).toString('utf8'),
                }));
                res.on('error', reject);
            });
            req.on('timeout', () => req.destroy(Object.assign(new Error(`${method} ${path}: timed out`), { code: 'ETIMEDOUT' })));
            req.on('error', reject);
            req.end(body ?? undefined);
        });
    }
    /** A request with bounded retries on 5xx, 429 (Retry-After) and connection errors. */
    async request(method, path, body = null, options = {}) {
        const payload = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
        let lastError = '';
        for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
            let retryAfter = null;
            try {
                await this.refreshAuth();
                const res = await this.send(method, path, payload, options.contentType ?? null, options.signal);
                if (res.status >= 200 && res.status < 300)
                    return { status: res.status, json: res.body ? JSON.parse(res.body) : null };
                if (res.status === 404 && options.allow404)
                    return { status: 404, json: null };
                const { reason, message } = statusMessage(res);
                if ((res.status === 429 || res.status >= 500) && !(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .isRequestFault */ ._X)(res.status, message)) {
                    retryAfter = parseRetryAfter(res.headers['retry-after']);
                    lastError = `${method} ${path}: HTTP ${res.status}: ${message}`;
                }
                else {
                    throw apiError(res.status, { reason, message });
                }
            }
            catch (err) {
                if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .KubeApiError */ .W3)
                    throw err;
                if (options.signal?.aborted)
                    throw err;
                // TLS and DNS failures are not retried; their message names the cause and the server.
                if (!isTransientNetworkError(err))
                    throw isConnectionError(err)
                        ? Object.assign(new Error((0,_traffic_net_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .describeNetworkError */ .gl)(err, this.server.origin).message), { cause: err })
                        : err;
                lastError = `${method} ${path}: ${err.message}`;
            }
            if (attempt + 1 >= this.retry.attempts)
                break;
            const delay = backoffDelay(attempt, this.retry, retryAfter);
            this.logger.debug(`retrying in ${delay} ms: ${lastError}`);
            await this.sleep(delay, options.signal);
        }
        throw new TransientError(`Kubernetes API unavailable after ${this.retry.attempts} attempts: ${lastError}`);
    }
    async resource(apiVersion, kind, signal) {
        let entry = this.discovery.get(apiVersion);
        if (!entry) {
            entry = this.request('GET', basePath(apiVersion), null, { signal, allow404: true }).then(({ status, json }) => {
                const map = new Map();
                if (status === 404)
                    return map;
                const resources = json.resources ?? [];
                for (const r of resources)
                    if (!r.name.includes('/'))
                        map.set(r.kind, { plural: r.name, namespaced: r.namespaced });
                return map;
            });
            this.discovery.set(apiVersion, entry);
            // A failed discovery is not cached: the next call asks again.
            entry.catch(() => this.discovery.delete(apiVersion));
        }
        const info = (await entry).get(kind);
        if (!info) {
            // The kind may have appeared since (a CRD applied earlier in this run): ask once more.
            this.discovery.delete(apiVersion);
            const fresh = await this.request('GET', basePath(apiVersion), null, { signal, allow404: true });
            const resources = fresh.status === 404
                ? []
                : (fresh.json
                    .resources ?? []);
            const found = resources.find((r) => r.kind === kind && !r.name.includes('/'));
            if (!found)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UnknownKindError */ .r_(`the cluster does not serve ${kind} in ${apiVersion}${fresh.status === 404 ? ` (no API group/version ${apiVersion})` : ''}; is its CRD installed?`);
            return { plural: found.name, namespaced: found.namespaced };
        }
        return info;
    }
    async collectionPath(apiVersion, kind, namespace, signal) {
        const info = await this.resource(apiVersion, kind, signal);
        const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
        return `${basePath(apiVersion)}${ns}/${info.plural}`;
    }
    async objectPath(ref, signal) {
        return `${await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal)}/${encodeURIComponent(ref.name)}`;
    }
    async get(ref, options = {}) {
        const { status, json } = await this.request('GET', await this.objectPath(ref, options.signal), null, {
            ...options,
            allow404: true,
        });
        return status === 404 ? null : json;
    }
    async list(apiVersion, kind, namespace, options = {}) {
        const q = new URLSearchParams();
        if (options.labelSelector)
            q.set('labelSelector', options.labelSelector);
        const qs = q.size ? `?${q.toString()}` : '';
        const { json } = await this.request('GET', `${await this.collectionPath(apiVersion, kind, namespace, options.signal)}${qs}`, null, options);
        const list = json;
        // Lists omit apiVersion/kind on items: put them back so the objects can be written as they are.
        const items = (list.items ?? []).map((i) => ({ apiVersion, kind, ...i }));
        return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    }
    writeQuery(extra, dryRun) {
        const q = new URLSearchParams({ fieldManager: _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .FIELD_MANAGER */ .vy, ...extra });
        if (dryRun)
            q.set('dryRun', 'All');
        return `?${q.toString()}`;
    }
    refOf(obj) {
        const name = obj.metadata?.name;
        if (!obj.apiVersion || !obj.kind || !name)
            throw new Error('object needs apiVersion, kind and metadata.name');
        return { apiVersion: obj.apiVersion, kind: obj.kind, name, namespace: obj.metadata?.namespace ?? null };
    }
    async create(obj, options = {}) {
        const ref = this.refOf(obj);
        const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, options.signal);
        const { json } = await this.request('POST', path + this.writeQuery({}, options.dryRun), obj, {
            signal: options.signal,
        });
        return json;
    }
    async apply(obj, options = {}) {
        const path = await this.objectPath(this.refOf(obj), options.signal);
        const q = this.writeQuery(options.force ? { force: 'true' } : {}, options.dryRun);
        const { json } = await this.request('PATCH', path + q, obj, {
            contentType: 'application/apply-patch+yaml',
            signal: options.signal,
        });
        return json;
    }
    async replace(obj, options = {}) {
        if (!obj.metadata?.resourceVersion)
            throw new Error('replace needs metadata.resourceVersion (optimistic concurrency)');
        const path = await this.objectPath(this.refOf(obj), options.signal);
        const { json } = await this.request('PUT', path + this.writeQuery({}, options.dryRun), obj, {
            signal: options.signal,
        });
        return json;
    }
    async patch(ref, patch, options = {}) {
        const path = await this.objectPath(ref, options.signal);
        const { json } = await this.request('PATCH', path + this.writeQuery({}, options.dryRun), patch, {
            contentType: 'application/merge-patch+json',
            signal: options.signal,
        });
        return json;
    }
    async delete(ref, options = {}) {
        const path = await this.objectPath(ref, options.signal);
        const q = options.dryRun ? '?dryRun=All' : '';
        await this.request('DELETE', path + q, null, { signal: options.signal, allow404: true });
    }
    async waitFor(ref, done, options) {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        const collection = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal);
        let last = null;
        const fail = () => {
            if (options.signal?.aborted)
                throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
            const why = options.describe
                ? options.describe(last)
                : `${ref.kind} ${ref.name} did not reach the wanted state`;
            throw new Error(`timed out after ${options.timeoutMs} ms: ${why}`);
        };
        let relistAttempt = 0;
        for (;;) {
            // (Re)list: the current object and the resourceVersion to watch from.
            let rv;
            try {
                const { status, json } = await this.request('GET', `${collection}/${encodeURIComponent(ref.name)}`, null, { signal, allow404: true });
                last = status === 404 ? null : json;
                if (done(last))
                    return last;
                if (last?.metadata?.resourceVersion)
                    rv = last.metadata.resourceVersion;
                else {
                    const list = await this.request('GET', `${collection}?fieldSelector=${encodeURIComponent(`metadata.name=${ref.name}`)}`, null, { signal });
                    rv = list.json.metadata?.resourceVersion ?? '';
                }
            }
            catch (err) {
                if (signal.aborted)
                    fail();
                throw err;
            }
            // Watch from rv; on a drop, resume from the last rv seen; on 410 go back to a relist.
            let watchAttempt = 0;
            for (;;) {
                if (signal.aborted)
                    fail();
                const q = new URLSearchParams({
                    watch: 'true',
                    allowWatchBookmarks: 'true',
                    fieldSelector: `metadata.name=${ref.name}`,
                });
                if (rv)
                    q.set('resourceVersion', rv);
                await this.refreshAuth().catch(() => undefined);
                const outcome = await this.watchOnce(`${collection}?${q.toString()}`, signal, (ev) => {
                    if (ev.object.metadata?.resourceVersion)
                        rv = ev.object.metadata.resourceVersion;
                    if (ev.type === 'BOOKMARK')
                        return false;
                    last = ev.type === 'DELETED' ? null : ev.object;
                    return done(last);
                });
                if (outcome.kind === 'done')
                    return last;
                if (signal.aborted)
                    fail();
                if (outcome.kind === 'gone')
                    break;
                if (outcome.kind === 'error') {
                    this.logger.debug(`watch ${ref.kind} ${ref.name} dropped (${outcome.message}); resuming from ${rv}`);
                    await sleep(backoffDelay(Math.min(watchAttempt++, 4), this.retry, null), signal).catch(() => undefined);
                }
                else {
                    watchAttempt = 0;
                }
            }
            this.logger.debug(`watch ${ref.kind} ${ref.name}: resourceVersion ${rv} expired (410); relisting`);
            await sleep(backoffDelay(Math.min(relistAttempt++, 4), this.retry, null), signal).catch(() => undefined);
        }
    }
    /**
     * One watch connection. Resolves 'done' when onEvent returns true, 'closed' when the server
     * ends the stream, 'gone' on 410, 'error' on a transport error or a retryable status.
     */
    watchOnce(path, signal, onEvent) {
        return new Promise((resolve, reject) => {
            const mod = this.server.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default());
            const prefix = this.server.pathname.replace(/\/$/, '');
            const controller = new AbortController();
            const both = AbortSignal.any([signal, controller.signal]);
            let settled = false;
            const finish = (v) => {
                if (settled)
                    return;
                settled = true;
                controller.abort();
                resolve(v);
            };
            const req = mod.request({
                ...this.base,
                protocol: this.server.protocol,
                hostname: this.server.hostname,
                port: this.server.port || undefined,
                method: 'GET',
                path: prefix + path,
                headers: { ...this.authHeaders(), accept: 'application/json' },
                signal: both,
            }, (res) => {
                const status = res.statusCode ?? 0;
                if (status === 410)
                    return finish({ kind: 'gone' });
                if (status !== 200) {
                    const chunks = [];
                    res.on('data', (c) => chunks.push(c));
                    res.on('end', () => {
                        const msg = statusMessage({
                            status,
                            headers: res.headers,
                            body: Buffer.concat(chunks).toString('utf8'),
                        });
                        if (status === 429 || status >= 500)
                            finish({ kind: 'error', message: `HTTP ${status}: ${msg.message}` });
                        else if (!settled) {
                            settled = true;
                            reject(apiError(status, msg));
                        }
                    });
                    res.on('error', () => finish({ kind: 'error', message: `HTTP ${status}` }));
                    return;
                }
                let buffer = '';
                res.setEncoding('utf8');
                res.on('data', (chunk) => {
                    buffer += chunk;
                    let nl;
                    while (!settled && (nl = buffer.indexOf('\n')) >= 0) {
                        const line = buffer.slice(0, nl).trim();
                        buffer = buffer.slice(nl + 1);
                        if (!line)
                            continue;
                        let ev;
                        try {
                            ev = JSON.parse(line);
                        }
                        catch {
                            finish({ kind: 'error', message: 'unreadable watch event' });
                            return;
                        }
                        if (ev.type === 'ERROR') {
                            if (ev.object?.code === 410)
                                finish({ kind: 'gone' });
                            else
                                finish({ kind: 'error', message: watchErrorMessage(ev.object) });
                            return;
                        }
                        if (ev.object &&
                            (ev.type === 'ADDED' ||
                                ev.type === 'MODIFIED' ||
                                ev.type === 'DELETED' ||
                                ev.type === 'BOOKMARK')) {
                            if (onEvent({ type: ev.type, object: ev.object })) {
                                finish({ kind: 'done' });
                                return;
                            }
                        }
                    }
                });
                res.on('end', () => finish({ kind: 'closed' }));
                res.on('error', (e) => finish({ kind: 'error', message: e.message }));
                res.on('close', () => finish({ kind: 'closed' }));
            });
            req.on('error', (e) => finish({ kind: 'error', message: e.message }));
            req.end();
        });
    }
}



/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gd: () => (/* binding */ describeAuthStatus),
/* harmony export */   gl: () => (/* binding */ describeNetworkError),
/* harmony export */   sl: () => (/* binding */ isTlsError)
/* harmony export */ });
// Names the cause of an outbound connection failure the way a user can act on it: a TLS
// failure says TLS and why (an untrusted or self-signed certificate, a wrong host name, an
// expired certificate, TLS spoken to a plain-HTTP port), a refused or timed-out connection says
// so, and every message names the URL. Used by the Kubernetes client, the preflight, the
// pre-traffic probe and the Prometheus client (one way to describe a network error).
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
function describeNetworkError(err, url) {
    const code = codeOf(err);
    const text = messageOf(err);
    const withCode = code && !text.includes(code) ? `${text} (${code})` : text;
    if (code && code in CERTIFICATE_CODES)
        return {
            kind: 'tls',
            message: `TLS: ${CERTIFICATE_CODES[code]} for ${url} (${code}); ${TRUST_HINT}`,
        };
    if (isTlsError(err)) {
        // OpenSSL's text: "…:SSL routines:<function>:<reason>:<source file>…": the reason is what matters.
        const reason = /SSL routines:[^:]*:([^:]+)/.exec(text)?.[1]?.trim() ?? text.split('\n')[0].trim();
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
    const m = (serverMessage ?? '').trim();
    const generic = status === 401 ? 'the credentials were rejected' : 'the credentials lack the permission';
    // "Unauthorized", or the client's placeholder for an empty body ("HTTP 401"), say nothing more.
    const said = m === '' || /^(unauthorized|forbidden|http \d{3})$/i.test(m) ? generic : m;
    return `HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${said}`;
}


/***/ })

};
