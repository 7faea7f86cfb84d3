export const id = 791;
export const ids = [791];
export const modules = {

/***/ 66791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createKubeClient: () => (/* binding */ createKubeClient)
});

// UNUSED EXPORTS: DEFAULT_KUBE_TIMEOUT_MS, DEFAULT_RETRY, FIELD_MANAGER, KUBE_TIMEOUT_ENV, KubeApiError, KubeClient, KubeTimeoutError, KubeUnavailableError, KubeconfigError, UnknownKindError, WaitTimeoutError, isRequestFault, kubeTimeoutMs

// EXTERNAL MODULE: ./src/kube/errors.ts
var errors = __webpack_require__(23646);
;// CONCATENATED MODULE: ./src/kube/resources.ts
// Kubernetes objects by apiVersion and kind: discovery (which plural, namespaced or not, is the
// kind served at all) and the reads and writes (get, list, create, server-side apply, replace,
// merge patch, delete), each one request through the transport (transport.ts). Writes ask for
// strict field validation and are recorded, so a cancelled run can say what it changed.

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
/** `Deployment test/web`: how warnings and the write record name an object. */
function describeRef(ref) {
    return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
class KubeResources {
    transport;
    discovery = new Map();
    writeLog = [];
    /**
     * Every write the API server accepted (not dry runs), in order (`applied Deployment test/web`):
     * what a cancelled run says it changed.
     */
    get written() {
        return this.writeLog;
    }
    constructor(transport) {
        this.transport = transport;
    }
    /** Whether the API serves this apiVersion/kind (discovery, cached per apiVersion). */
    async resource(apiVersion, kind, signal) {
        let entry = this.discovery.get(apiVersion);
        if (!entry) {
            entry = this.transport
                .request('GET', basePath(apiVersion), null, { signal, allow404: true })
                .then(({ status, json }) => {
                const map = new Map();
                if (status === 404)
                    return map;
                for (const r of json.resources ?? [])
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
            const fresh = await this.transport.request('GET', basePath(apiVersion), null, {
                signal,
                allow404: true,
            });
            const resources = fresh.status === 404 ? [] : (fresh.json.resources ?? []);
            const found = resources.find((r) => r.kind === kind && !r.name.includes('/'));
            if (!found)
                throw new errors/* UnknownKindError */.r_(`the cluster does not serve ${kind} in ${apiVersion}${fresh.status === 404 ? ` (no API group/version ${apiVersion})` : ''}; is its CRD installed?`);
            return { plural: found.name, namespaced: found.namespaced };
        }
        return info;
    }
    /** The path of a kind's collection (in a namespace when the kind is namespaced). */
    async collectionPath(apiVersion, kind, namespace, signal) {
        const info = await this.resource(apiVersion, kind, signal);
        const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
        return `${basePath(apiVersion)}${ns}/${info.plural}`;
    }
    async objectPath(ref, signal) {
        return `${await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal)}/${encodeURIComponent(ref.name)}`;
    }
    async get(ref, options = {}) {
        const { status, json } = await this.transport.request('GET', await this.objectPath(ref, options.signal), null, { ...options, allow404: true, subject: describeRef(ref) });
        return status === 404 ? null : json;
    }
    async list(apiVersion, kind, namespace, options = {}) {
        const q = new URLSearchParams();
        if (options.labelSelector)
            q.set('labelSelector', options.labelSelector);
        const qs = q.size ? `?${q.toString()}` : '';
        // null: every namespace (the cluster-wide collection of a namespaced kind).
        const path = namespace === null
            ? `${basePath(apiVersion)}/${(await this.resource(apiVersion, kind, options.signal)).plural}`
            : await this.collectionPath(apiVersion, kind, namespace, options.signal);
        const { json } = await this.transport.request('GET', `${path}${qs}`, null, options);
        const list = json;
        // Lists omit apiVersion/kind on items: put them back so the objects can be written as they are.
        const items = (list.items ?? []).map((i) => ({ apiVersion, kind, ...i }));
        return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    }
    /**
     * Every write asks for strict field validation: an unknown or misspelled field (`readinesProbe`)
     * is refused by the server (Kubernetes 1.25 and later), not dropped; older servers ignore the
     * parameter, and server-side apply refuses unknown fields on every version.
     */
    writeQuery(extra, dryRun) {
        const q = new URLSearchParams({ fieldManager: errors/* FIELD_MANAGER */.vy, fieldValidation: 'Strict', ...extra });
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
    /** Records a write the server accepted (dry runs change nothing and are not recorded). */
    wrote(verb, ref, dryRun) {
        if (!dryRun)
            this.writeLog.push(`${verb} ${describeRef(ref)}`);
    }
    async create(obj, options = {}) {
        const ref = this.refOf(obj);
        const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, options.signal);
        const { json } = await this.transport.request('POST', path + this.writeQuery({}, options.dryRun), obj, {
            signal: options.signal,
            subject: describeRef(ref),
        });
        this.wrote('created', ref, options.dryRun);
        return json;
    }
    async apply(obj, options = {}) {
        const ref = this.refOf(obj);
        const path = await this.objectPath(ref, options.signal);
        const q = this.writeQuery(options.force ? { force: 'true' } : {}, options.dryRun);
        const { json } = await this.transport.request('PATCH', path + q, obj, {
            contentType: 'application/apply-patch+yaml',
            signal: options.signal,
            subject: describeRef(ref),
        });
        this.wrote('applied', ref, options.dryRun);
        return json;
    }
    async replace(obj, options = {}) {
        if (!obj.metadata?.resourceVersion)
            throw new Error('replace needs metadata.resourceVersion (optimistic concurrency)');
        const ref = this.refOf(obj);
        const path = await this.objectPath(ref, options.signal);
        const { json } = await this.transport.request('PUT', path + this.writeQuery({}, options.dryRun), obj, {
            signal: options.signal,
            subject: describeRef(ref),
        });
        this.wrote('replaced', ref, options.dryRun);
        return json;
    }
    async patch(ref, patch, options = {}) {
        const path = await this.objectPath(ref, options.signal);
        const { json } = await this.transport.request('PATCH', path + this.writeQuery({}, options.dryRun), patch, { contentType: 'application/merge-patch+json', signal: options.signal, subject: describeRef(ref) });
        this.wrote('patched', ref, options.dryRun);
        return json;
    }
    async delete(ref, options = {}) {
        const path = await this.objectPath(ref, options.signal);
        const q = options.dryRun ? '?dryRun=All' : '';
        const { status } = await this.transport.request('DELETE', path + q, null, {
            signal: options.signal,
            allow404: true,
            subject: describeRef(ref),
        });
        if (status !== 404)
            this.wrote('deleted', ref, options.dryRun);
    }
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 873 modules
var dist = __webpack_require__(70094);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(49809);
// EXTERNAL MODULE: ./src/traffic/net-errors.ts
var net_errors = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
;// CONCATENATED MODULE: ./src/kube/transport.ts
// How the Kubernetes client reaches the API server: the one request builder (address, path
// prefix, TLS and credentials from the kubeconfig) used by plain requests and watches alike,
// credentials asked again before they expire, every request bounded in time, and the retries
// of a request through src/retry.ts. Discovery and CRUD (resources.ts) and watches (watch.ts)
// are built on it. Requests are raw HTTP so that retries, dry-run, server-side apply and
// watches are all handled by our code; client-node only reads the kubeconfig.







/**
 * Every Kubernetes request: 8 attempts, 100 ms doubling to 3 s with full jitter, a server's
 * Retry-After honoured up to 10 s.
 */
const DEFAULT_RETRY = {
    attempts: 8,
    baseDelayMs: 100,
    maxDelayMs: 3000,
    maxRetryAfterMs: 10_000,
    jitter: true,
};
/** Attempts of a request that times out (see KubeTimeoutError). */
const TIMEOUT_ATTEMPTS = 2;
const RETRYABLE_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ECONNABORTED',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
]);
/** A failure to reach the server at all (TLS, DNS, socket), as opposed to a bug or an abort. */
function isConnectionError(err) {
    const code = err?.code;
    return (0,net_errors/* isTlsError */.sl)(err) || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
}
function isTransientNetworkError(err) {
    if (!(err instanceof Error))
        return false;
    const code = err.code;
    if (code && RETRYABLE_CODES.has(code))
        return true;
    return /socket hang up|ECONNRESET|other side closed/i.test(err.message);
}
/** One failed attempt that another may cure (5xx, 429, a dropped or silent connection); a KubeTimeoutError ends the retries. */
const isFailedAttempt = (err) => err instanceof errors/* KubeUnavailableError */.UL && !(err instanceof errors/* KubeTimeoutError */.bC);
/** The Status message of an error answer (as one line), else the start of its body. */
function statusMessage(res) {
    try {
        const status = JSON.parse(res.body);
        if (typeof status.message === 'string' && status.message)
            return {
                reason: typeof status.reason === 'string' ? status.reason : null,
                message: (0,one_line/* oneLine */.TN)(status.message),
            };
    }
    catch {
        // not a Status object: fall through to the raw body
    }
    const text = res.body.trim().slice(0, 300);
    return { reason: null, message: (0,one_line/* oneLine */.TN)(text) || `HTTP ${res.status}` };
}
/** The error for an answer that is not retried; a 401's Status says only "Unauthorized", so its message says what that means. */
function apiError(status, m) {
    return new errors/* KubeApiError */.W3(status, m.reason, status === 401 ? (0,net_errors/* describeAuthStatus */.gd)(401, m.message) : m.message);
}
const noopLogger = { info() { }, warning() { }, error() { }, debug() { } };
/** Credentials from exec plugins and OIDC expire: they are asked again this often (client-node caches them). */
const AUTH_REFRESH_MS = 60_000;
/**
 * The texts of `Warning` response headers (RFC 7234: `299 - "text"`, an optional quoted date;
 * several per header, comma-separated, as Kubernetes sends them and node joins repeats).
 */
function parseWarnings(header) {
    const out = [];
    for (const value of Array.isArray(header) ? header : header === undefined ? [] : [header]) {
        const re = /\s*\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?\s*(?:,|$)/gy;
        let m;
        let end = 0;
        while ((m = re.exec(value)) !== null && m[0] !== '') {
            out.push(m[1].replace(/\\(.)/g, '$1'));
            end = re.lastIndex;
        }
        // Not in the RFC form: shown as it came, so no warning is lost.
        if (end < value.trim().length)
            out.push(value.slice(end).trim());
    }
    return out;
}
class KubeTransport {
    server;
    base;
    authenticate;
    policy;
    logger;
    requestTimeoutMs;
    sleep;
    prefix;
    authAt = Date.now();
    /** Warnings already logged (subject and text): a warning repeated by every poll is shown once. */
    warned = new Set();
    constructor(server, base, authenticate, options) {
        this.server = server;
        this.base = base;
        this.authenticate = authenticate;
        this.policy = { ...DEFAULT_RETRY, ...options.retry };
        this.logger = options.logger ?? noopLogger;
        this.requestTimeoutMs = options.requestTimeoutMs ?? errors/* DEFAULT_KUBE_TIMEOUT_MS */.l5;
        this.sleep = options.sleep ?? retry/* sleep */.yy;
        this.prefix = server.pathname.replace(/\/$/, '');
    }
    /** The API server's origin, as messages name it. */
    get origin() {
        return this.server.origin;
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
    /**
     * The one request builder: the server's address and path prefix, TLS and credentials from
     * the kubeconfig, JSON accepted. The caller ends the request and reads the response.
     */
    open(method, path, headers, signal, onResponse) {
        const mod = this.server.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        return mod.request({
            ...this.base,
            protocol: this.server.protocol,
            hostname: this.server.hostname,
            port: this.server.port || undefined,
            method,
            path: this.prefix + path,
            headers: { ...this.authHeaders(), accept: 'application/json', ...headers },
            signal,
        }, onResponse);
    }
    /** One HTTP exchange, no retry; the whole answer within the timeout. */
    send(method, path, body, contentType, signal) {
        return new Promise((resolve, reject) => {
            const headers = body === null
                ? {}
                : { 'content-type': contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) };
            const req = this.open(method, path, headers, signal, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => {
                    clearTimeout(timer);
                    resolve({
                        status: res.statusCode ?? 0,
                        headers: res.headers,
                        body: Buffer.concat(chunks).toString('utf8'),
                    });
                });
                res.on('error', reject);
            });
            // The whole answer within the timeout (a socket idle timer would let a trickle go on).
            const timer = setTimeout(() => req.destroy(new errors/* KubeTimeoutError */.bC(this.server.origin, method, path, this.requestTimeoutMs, 1)), this.requestTimeoutMs);
            req.on('close', () => clearTimeout(timer));
            req.on('error', reject);
            req.end(body ?? undefined);
        });
    }
    /** Every `Warning` header the server sent (unknown fields dropped, deprecated APIs), as a warning naming what it is about. */
    logWarnings(subject, header) {
        for (const text of parseWarnings(header)) {
            const key = `${subject}\n${text}`;
            if (this.warned.has(key))
                continue;
            this.warned.add(key);
            this.logger.warning(`the Kubernetes API server warns about ${subject}: ${(0,one_line/* oneLine */.TN)(text)}`);
        }
    }
    /**
     * A request with bounded retries (src/retry.ts) on 5xx, 429 (Retry-After) and dropped
     * connections; a silent server is asked TIMEOUT_ATTEMPTS times. Throws KubeApiError for an
     * answer not retried, KubeUnavailableError when the server stayed down, KubeTimeoutError
     * when it stayed silent, and the cancel's reason when the signal aborts.
     */
    async request(method, path, body = null, options = {}) {
        const payload = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
        let timeouts = 0;
        let retryAfterMs = null;
        const attempt = async () => {
            retryAfterMs = null;
            try {
                await this.refreshAuth();
                const res = await this.send(method, path, payload, options.contentType ?? null, options.signal);
                this.logWarnings(options.subject ?? `${method} ${path}`, res.headers.warning);
                if (res.status >= 200 && res.status < 300)
                    return { status: res.status, json: res.body ? JSON.parse(res.body) : null };
                if (res.status === 404 && options.allow404)
                    return { status: 404, json: null };
                const { reason, message } = statusMessage(res);
                if ((res.status === 429 || res.status >= 500) && !(0,errors/* isRequestFault */._X)(res.status, message)) {
                    retryAfterMs = (0,retry/* parseRetryAfter */.mu)(res.headers['retry-after']);
                    throw new errors/* KubeUnavailableError */.UL(`${method} ${path}: HTTP ${res.status}: ${message}`, 1);
                }
                throw apiError(res.status, { reason, message });
            }
            catch (err) {
                if (err instanceof errors/* KubeApiError */.W3 || isFailedAttempt(err) || options.signal?.aborted)
                    throw err;
                if (err instanceof errors/* KubeTimeoutError */.bC && ++timeouts >= TIMEOUT_ATTEMPTS)
                    throw new errors/* KubeTimeoutError */.bC(this.server.origin, method, path, this.requestTimeoutMs, timeouts);
                // TLS and DNS failures are not retried; their message names the cause and the server.
                if (!(err instanceof errors/* KubeTimeoutError */.bC) && !isTransientNetworkError(err))
                    throw isConnectionError(err)
                        ? Object.assign(new Error((0,net_errors/* describeNetworkError */.gl)(err, this.server.origin).message), { cause: err })
                        : err;
                throw new errors/* KubeUnavailableError */.UL(`${method} ${path}: ${err.message}`, 1, { cause: err });
            }
        };
        try {
            return await (0,retry/* retry */.L5)(attempt, this.policy, {
                retryable: (err) => ({ retry: isFailedAttempt(err), afterMs: retryAfterMs }),
                signal: options.signal,
                sleep: this.sleep,
                onRetry: (err, _n, waitMs) => this.logger.debug(`retrying in ${waitMs} ms: ${err.message}`),
            });
        }
        catch (err) {
            if (!isFailedAttempt(err))
                throw err;
            throw new errors/* KubeUnavailableError */.UL(`Kubernetes API unavailable after ${this.policy.attempts} attempts: ${err.message}`, this.policy.attempts, { cause: err.cause ?? err });
        }
    }
}
/** The transport for a kubeconfig's current (or named) context. */
async function createTransport(options) {
    const kc = new dist/* KubeConfig */.ypW();
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
    return new KubeTransport(server, await authenticate(), authenticate, options);
}

;// CONCATENATED MODULE: ./src/kube/watch.ts
// Waiting for an object to reach a state: read it, then watch it (not poll) from the
// resourceVersion read; a dropped watch resumes from the last resourceVersion seen, an expired
// one (410) relists, each after src/retry.ts's backoff. A watch's connection is opened by the
// transport's one request builder (transport.ts), and its answer must start in time.



/** A dropped watch or a relist backs off no longer than the 5th retry would. */
const MAX_BACKOFF_ATTEMPT = 5;
function watchErrorMessage(o) {
    const m = typeof o === 'object' && o !== null ? o.message : undefined;
    return typeof m === 'string' ? m : 'watch error';
}
/**
 * Resolves with the object as soon as `done(obj)` is true; rejects with `describe(last)` when
 * the timeout passes, with the cancel's reason when options.signal aborts.
 */
async function waitFor(transport, collectionPath, ref, done, options) {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const collection = await collectionPath(signal);
    let last = null;
    const fail = () => {
        if (options.signal?.aborted)
            throw options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted');
        const why = options.describe
            ? options.describe(last)
            : `${ref.kind} ${ref.name} did not reach the wanted state`;
        throw new errors/* WaitTimeoutError */.Do(`timed out after ${options.timeoutMs} ms: ${why}`);
    };
    const backOff = (attempt) => (0,retry/* sleep */.yy)((0,retry/* backoffDelay */.EY)(Math.min(attempt, MAX_BACKOFF_ATTEMPT), transport.policy, null), signal).catch(() => undefined);
    let relistAttempt = 0;
    for (;;) {
        // (Re)list: the current object and the resourceVersion to watch from.
        let rv;
        try {
            const { status, json } = await transport.request('GET', `${collection}/${encodeURIComponent(ref.name)}`, null, { signal, allow404: true });
            last = status === 404 ? null : json;
            if (done(last))
                return last;
            if (last?.metadata?.resourceVersion)
                rv = last.metadata.resourceVersion;
            else {
                const list = await transport.request('GET', `${collection}?fieldSelector=${encodeURIComponent(`metadata.name=${ref.name}`)}`, null, { signal });
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
            await transport.refreshAuth().catch(() => undefined);
            const outcome = await watchOnce(transport, `${collection}?${q.toString()}`, signal, (ev) => {
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
                transport.logger.debug(`watch ${ref.kind} ${ref.name} dropped (${outcome.message}); resuming from ${rv}`);
                await backOff(++watchAttempt);
            }
            else {
                watchAttempt = 0;
            }
        }
        transport.logger.debug(`watch ${ref.kind} ${ref.name}: resourceVersion ${rv} expired (410); relisting`);
        await backOff(++relistAttempt);
    }
}
/**
 * One watch connection. Resolves 'done' when onEvent returns true, 'closed' when the server
 * ends the stream, 'gone' on 410, 'error' on a transport error or a retryable status.
 */
function watchOnce(transport, path, signal, onEvent) {
    return new Promise((resolve, reject) => {
        const controller = new AbortController();
        let settled = false;
        const finish = (v) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(noAnswer);
            controller.abort();
            resolve(v);
        };
        // A watch may stay silent once it started, but its answer must start in time: a hung
        // server would otherwise hold the wait until its own timeout (rollout-timeout, a window).
        const noAnswer = setTimeout(() => {
            if (settled)
                return;
            settled = true;
            controller.abort();
            reject(new errors/* KubeTimeoutError */.bC(transport.origin, 'GET', path, transport.requestTimeoutMs, 1));
        }, transport.requestTimeoutMs);
        const req = transport.open('GET', path, {}, AbortSignal.any([signal, controller.signal]), (res) => {
            clearTimeout(noAnswer);
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
                        (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED' || ev.type === 'BOOKMARK')) {
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

// EXTERNAL MODULE: ./src/kube/kubeconfig.ts
var kubeconfig = __webpack_require__(67598);
;// CONCATENATED MODULE: ./src/kube/client.ts








class KubeClient extends KubeResources {
    /** A raw request by path (the preflight's /version, /apis and access reviews), with the same retries. */
    request(method, path, body = null, options = {}) {
        return this.transport.request(method, path, body, options);
    }
    waitFor(ref, done, options) {
        return waitFor(this.transport, (signal) => this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal), ref, done, options);
    }
}
/**
 * The client for the kubeconfig's current (or named) context. A kubeconfig that cannot give
 * credentials is named here (KubeconfigError): the missing current-context with the contexts
 * that exist, a failing exec plugin with its command line and stderr, secrets redacted.
 */
async function createKubeClient(options) {
    const kc = new dist/* KubeConfig */.ypW();
    let loaded = false;
    try {
        kc.loadFromString(options.kubeconfig);
        loaded = !options.context || kc.getContextObject(options.context) !== null;
        if (loaded && options.context)
            kc.setCurrentContext(options.context);
    }
    catch {
        // not YAML, or not a kubeconfig: createTransport names it
    }
    const missing = loaded ? (0,kubeconfig/* missingCluster */.Bp)(kc) : null;
    if (missing)
        throw new kubeconfig/* KubeconfigError */.C2(missing);
    try {
        return new KubeClient(await createTransport(options));
    }
    catch (err) {
        throw loaded ? (0,kubeconfig/* credentialError */.eP)(kc, options.kubeconfig, err) : err;
    }
}


/***/ }),

/***/ 67598:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ missingCluster),
/* harmony export */   C2: () => (/* binding */ KubeconfigError),
/* harmony export */   eP: () => (/* binding */ credentialError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76670);


/** The kubeconfig cannot authenticate to any cluster as written; the message says what is missing. */
class KubeconfigError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
const quoted = (names) => names.length ? names.map((n) => `"${n}"`).join(', ') : 'none';
/**
 * Why the kubeconfig's current context (after the context input was applied) has no cluster,
 * or null when it has one.
 */
function missingCluster(kc) {
    if (kc.getCurrentCluster())
        return null;
    const name = kc.getCurrentContext();
    const contexts = kc.getContexts().map((c) => c.name);
    if (!name)
        return `the kubeconfig sets no current-context (its contexts: ${quoted(contexts)}); set current-context or the context input to one of them`;
    const context = kc.getContextObject(name);
    if (!context)
        return `the kubeconfig's current-context "${name}" is not one of its contexts (${quoted(contexts)}); set current-context or the context input to one of them`;
    const clusters = kc.getClusters().map((c) => c.name);
    return `context "${name}" names cluster "${context.cluster}", which the kubeconfig does not define (its clusters: ${quoted(clusters)})`;
}
/** `text` with every secret of the kubeconfig (tokens, keys, secret plugin args) replaced by ***. */
function redacted(text, secrets) {
    let out = text;
    for (const s of [...secrets].sort((a, b) => b.length - a.length))
        if (s)
            out = out.split(s).join('***');
    return out;
}
/**
 * The credentials of the current user could not be obtained: when the user has an exec
 * plugin, an error naming its command line and what it printed on stderr (client-node keeps
 * only the stderr, often empty); otherwise `err` itself.
 */
function credentialError(kc, kubeconfig, err) {
    const user = kc.getCurrentUser();
    const exec = user?.exec;
    // Only a failure to obtain credentials is the plugin's (not a server URL that is not a URL).
    if (!user || !exec || err?.code === 'ERR_INVALID_URL')
        return err;
    const secrets = (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .kubeconfigSecrets */ .hT)(kubeconfig);
    const argv = [exec.command, ...(Array.isArray(exec.args) ? exec.args : [])].map(String);
    const commandLine = redacted(argv.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' '), secrets);
    const raw = err instanceof Error ? err.message.trim() : String(err).trim();
    const code = err?.code;
    const what = code === 'ENOENT'
        ? 'could not be started: the command was not found'
        : typeof code === 'string'
            ? `could not be started (${code}): ${redacted(raw, secrets)}`
            : raw
                ? `failed (it exited non-zero); its stderr: ${redacted(raw, secrets).slice(0, 2000)}`
                : 'failed: it exited non-zero and printed nothing on stderr';
    return new KubeconfigError(`the exec credential plugin of kubeconfig user "${user.name}" (${commandLine}) ${what}. Run it by hand to see why, or give a kubeconfig with a token or client certificate`, { cause: err });
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
