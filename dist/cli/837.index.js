export const id = 837;
export const ids = [837];
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

/***/ 38837:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CANCEL_WRITE_BUDGET_MS: () => (/* reexport */ CANCEL_WRITE_BUDGET_MS),
  newHolderId: () => (/* reexport */ newHolderId),
  runPromotion: () => (/* binding */ runPromotion)
});

// UNUSED EXPORTS: CancelledError, ConcurrentChangeError, HumanEditError, PREVIOUS_TEMPLATE_ANNOTATION, PromotionError, Run, finishInterrupted, podTemplateHash

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
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(49809);
// EXTERNAL MODULE: ./src/kube/errors.ts
var errors = __webpack_require__(23646);
;// CONCATENATED MODULE: ./src/kube/replace.ts
// The one "read, change, write with the resourceVersion read" loop. A replace carries the
// resourceVersion it was based on, so a write in between by anyone else is a 409 instead of a
// lost update; the change is then decided again on a fresh read. Every such loop (the
// promotion state, promote-stable, the restore of stable's template, canary-image on a live
// Deployment) goes through replaceWithRetry, built on the one retry loop (src/retry.ts).


/** Five tries in all, the next one at once: a conflict is settled by reading again, not by waiting. */
const CONFLICT_RETRY = { attempts: 5, baseDelayMs: 0, maxDelayMs: 0 };
/**
 * Reads `ref` (or starts from `options.first`), lets `mutate` decide from it, and replaces the
 * object with what mutate returned; on a 409 it reads again and asks mutate again. mutate may
 * throw to stop (the object changed in a way that must not be written over). Returns the
 * object the API server answered with, or mutate's `done` value when it chose not to write.
 */
async function replaceWithRetry(kube, ref, mutate, options = {}) {
    const { signal, dryRun } = options;
    return (0,retry/* retry */.L5)(async (attempt) => {
        const live = attempt === 1 && options.first !== undefined ? options.first : await kube.get(ref, { signal });
        const decision = await mutate(live, attempt);
        if ('done' in decision)
            return decision;
        const body = { ...decision.write, metadata: { ...decision.write.metadata } };
        delete body.metadata.managedFields;
        return { written: await kube.replace(body, { signal, dryRun }) };
    }, options.policy ?? CONFLICT_RETRY, {
        signal,
        sleep: options.sleep,
        retryable: (err, attempt) => {
            const conflict = err instanceof errors/* KubeApiError */.W3 && err.code === 409;
            if (conflict)
                options.onConflict?.(err, attempt);
            return conflict;
        },
    });
}

// EXTERNAL MODULE: ./src/kube/views.ts
var views = __webpack_require__(96919);
// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(69313);
// EXTERNAL MODULE: ./src/kube/manifest-read.ts
var manifest_read = __webpack_require__(93029);
;// CONCATENATED MODULE: ./src/kube/rollout.ts
// Waiting for a Deployment to be rolled out and available: a watch (not a poll), bounded by
// rollout-timeout, and a sentence saying why when it does not get there. A paused Deployment
// (spec.paused) never rolls out a new template: refusePaused names it before any write, and a
// wait on one fails at once.



const num = (v) => (typeof v === 'number' ? v : 0);
function parts(d) {
    const spec = (0,object/* isObject */.G)(d.spec) ? d.spec : {};
    const status = (0,object/* isObject */.G)(d.status) ? d.status : {};
    const meta = d.metadata ?? {};
    return {
        replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
        generation: num(meta.generation),
        observed: num(status.observedGeneration),
        updated: num(status.updatedReplicas),
        available: num(status.availableReplicas),
        ready: num(status.readyReplicas),
        unavailable: num(status.unavailableReplicas),
        total: num(status.replicas),
        conditions: (Array.isArray(status.conditions) ? status.conditions : []).filter(object/* isObject */.G),
    };
}
/** Whether the Deployment is paused (`kubectl rollout pause`): its controller rolls out no new template. */
function isPaused(d) {
    return !!d && (0,object/* isObject */.G)(d.spec) && d.spec.paused === true;
}
function pausedMessage(namespace, name, where) {
    return `the Deployment ${namespace}/${name} is paused (spec.paused: true ${where}): Kubernetes rolls out no new pod template while it is paused, so its pods would not run what this promotion changes. Resume it with \`kubectl rollout resume deployment/${name} -n ${namespace}\` (or remove paused from the manifest) and run again; nothing was written`;
}
/**
 * Before any write: a canary or stable Deployment that is paused, live or as the manifests will
 * apply it (a manifest that says paused: false resumes it), is a ManifestError naming each.
 */
async function refusePaused(kube, namespace, deployments, docs, signal) {
    const problems = [];
    for (const name of new Set(deployments.filter((n) => !!n))) {
        const doc = docs.find((d) => d.object.kind === 'Deployment' &&
            d.object.metadata?.name === name &&
            (d.object.metadata.namespace ?? namespace) === namespace)?.object;
        const said = doc && (0,object/* isObject */.G)(doc.spec) ? doc.spec.paused : undefined;
        if (said === true)
            problems.push(pausedMessage(namespace, name, 'in the manifests'));
        else if (said === undefined) {
            const live = await kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace }, { signal });
            if (isPaused(live))
                problems.push(pausedMessage(namespace, name, 'in the cluster'));
        }
    }
    if (problems.length)
        throw new manifest_read/* ManifestError */.Sh(problems);
}
/** Whether the Deployment's latest generation is fully rolled out and available (kubectl rollout status). */
function isRolledOut(d) {
    if (!d)
        return false;
    const p = parts(d);
    if (p.generation && p.observed < p.generation)
        return false;
    if (p.conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'))
        return false;
    return p.updated >= p.replicas && p.available >= p.replicas && p.total <= p.updated;
}
/** Why a Deployment is not available: the deadline, replica counts and the conditions' messages. */
function describeRollout(name, d) {
    if (!d)
        return `Deployment ${name} does not exist`;
    const p = parts(d);
    const bits = [];
    if (isPaused(d))
        bits.push('it is paused (run `kubectl rollout resume`)');
    const deadline = p.conditions.find((c) => c.reason === 'ProgressDeadlineExceeded');
    if (deadline)
        bits.push(`ProgressDeadlineExceeded: ${deadline.message ?? 'the rollout made no progress'}`);
    if (p.generation && p.observed < p.generation)
        bits.push(`the controller has not observed generation ${p.generation} yet`);
    bits.push(`${p.available}/${p.replicas} replicas available, ${p.updated} updated${p.unavailable ? `, ${p.unavailable} unavailable` : ''}`);
    for (const c of p.conditions)
        if (c !== deadline && c.status !== 'True' && c.message)
            bits.push(`${c.type ?? 'condition'}: ${c.message}`);
        else if (c !== deadline && c.type === 'ReplicaFailure' && c.message)
            bits.push(`ReplicaFailure: ${c.message}`);
    return `Deployment ${name} is not available: ${bits.join('; ')}`;
}
/**
 * Resolves when the Deployment is rolled out; rejects early on ProgressDeadlineExceeded and
 * after timeoutMs with describeRollout's reason.
 */
async function waitForRollout(kube, ref, options) {
    let stuck = null;
    const obj = await kube.waitFor({ apiVersion: 'apps/v1', kind: 'Deployment', name: ref.name, namespace: ref.namespace }, (d) => {
        if (isPaused(d)) {
            stuck = d;
            return true;
        }
        if (d &&
            parts(d).conditions.some((c) => c.reason === 'ProgressDeadlineExceeded') &&
            parts(d).observed >= parts(d).generation) {
            stuck = d;
            return true;
        }
        return isRolledOut(d);
    }, {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        describe: (last) => describeRollout(`${ref.namespace}/${ref.name}`, last),
    });
    if (stuck || !obj)
        throw new errors/* WaitTimeoutError */.Do(describeRollout(`${ref.namespace}/${ref.name}`, stuck ?? obj));
    return obj;
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
// EXTERNAL MODULE: ./src/lifecycle.ts
var lifecycle = __webpack_require__(66367);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/promote/cause.ts
// How a failure is named in the promotion's messages. A request cut off by a cancel or by the
// cancel's write budget fails with Node's AbortError ("The operation was aborted"), which says
// nothing about why: the message given is the abort's reason instead.
/** An error's own words; an aborted request says what aborted it, never a bare "The operation was aborted". */
function causeOf(err) {
    if (!(err instanceof Error))
        return String(err);
    if (err.name !== 'AbortError')
        return err.message;
    return err.cause instanceof Error ? err.cause.message : 'a request to the API server was aborted';
}

;// CONCATENATED MODULE: ./src/promote/lease.ts
// One promotion per VirtualService: a coordination.k8s.io/v1 Lease `istio-canary-<vs>` held by
// one process (`<repo>/<run id>/<attempt>/<job>/<random>`, see newHolderId in run.ts),
// renewed while the run lasts, taken over only when expired, when the holder is this same
// process (the post step continuing its main step), or by a `rollback`, which preempts.



/** On a preempted Lease: who took it from whom, and when. */
const PREEMPTED_ANNOTATION = 'istio-canary.dev/preempted';
class LeaseHeldError extends src_errors/* IstioCanaryError */.f {
}
const leaseName = (virtualService) => `istio-canary-${virtualService}`.slice(0, 253);
/** Kubernetes MicroTime: RFC 3339 with microseconds. */
const microTime = (ms) => new Date(ms).toISOString().replace(/Z$/, '000Z');
const specOf = (o) => (typeof o.spec === 'object' && o.spec !== null ? o.spec : {});
/** When the lease expires (ms since epoch), from its renewTime and duration. */
function leaseExpiry(o) {
    const s = specOf(o);
    const renewed = Date.parse(s.renewTime ?? s.acquireTime ?? '');
    if (Number.isNaN(renewed))
        return 0;
    return renewed + (s.leaseDurationSeconds ?? 0) * 1000;
}
async function lease_acquireLease(kube, o) {
    const now = o.now ?? Date.now;
    const name = leaseName(o.virtualService);
    const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name, namespace: o.namespace };
    const seconds = Math.max(1, Math.ceil(o.durationMs / 1000));
    const deadline = now() + o.waitMs;
    let announced = false;
    const mine = (t, transitions) => ({
        holderIdentity: o.holder,
        leaseDurationSeconds: seconds,
        acquireTime: microTime(t),
        renewTime: microTime(t),
        leaseTransitions: transitions,
    });
    for (;;) {
        if (o.signal?.aborted)
            throw new Error('cancelled while waiting for the promotion lease');
        const live = await kube.get(ref, { signal: o.signal });
        const t = now();
        try {
            // Free, expired, already ours, or preempted by a rollback: taken in one write (a create
            // when there is no Lease yet); a 409 means someone else wrote first: read again.
            const spec = live ? specOf(live) : {};
            const holder = spec.holderIdentity ?? '';
            const free = !live || !holder || holder === o.holder || leaseExpiry(live) <= t;
            if (free || o.preempt) {
                const annotations = { ...(live?.metadata?.annotations ?? {}) };
                if (!free) {
                    o.logger.warning(`preempting ${holder}, which holds the lease ${name} (renewed ${spec.renewTime ?? '?'}): a rollback does not wait; that run stops at its next write`);
                    annotations[PREEMPTED_ANNOTATION] = JSON.stringify({
                        by: o.holder,
                        from: holder,
                        at: new Date(t).toISOString(),
                    });
                }
                else if (holder && holder !== o.holder)
                    o.logger.warning(`taking over the expired lease ${name} from ${holder}`);
                const transitions = live ? (spec.leaseTransitions ?? 0) + (holder === o.holder ? 0 : 1) : 0;
                const metadata = { ...(live?.metadata ?? { name, namespace: o.namespace }), annotations };
                const next = {
                    apiVersion: ref.apiVersion,
                    kind: 'Lease',
                    ...live,
                    metadata,
                    spec: mine(t, transitions),
                };
                await (live ? kube.replace(next) : kube.create(next));
                break;
            }
            const expires = leaseExpiry(live);
            if (t >= deadline) {
                throw new LeaseHeldError(`VirtualService ${o.namespace}/${o.virtualService} is being promoted by ${holder} (lease ${o.namespace}/${name}, renewed ${spec.renewTime ?? '?'}, expires ${new Date(expires).toISOString()})${o.waitMs > 0 ? `; waited ${Math.round(o.waitMs / 1000)} s` : ''}. Wait for it to finish, or cancel that run.`);
            }
            if (!announced) {
                o.logger.info(`waiting up to ${Math.round(o.waitMs / 1000)} s for ${holder}, which holds the lease ${name}`);
                announced = true;
            }
            // Wake on any change of the lease (released, renewed by another), or when it would expire.
            const rv = live.metadata?.resourceVersion;
            await kube
                .waitFor(ref, (x) => !x || x.metadata?.resourceVersion !== rv, {
                timeoutMs: Math.max(50, Math.min(deadline, expires + 50) - t),
                signal: o.signal,
            })
                .catch((err) => {
                if (o.signal?.aborted)
                    throw err;
            });
        }
        catch (err) {
            // Someone else created or renewed it between our read and write: read again.
            if (err instanceof errors/* KubeApiError */.W3 && err.code === 409)
                continue;
            throw err;
        }
    }
    let lost = null;
    let renewing = Promise.resolve();
    const renew = async () => {
        // A renewal slower than the lease itself is useless, and must never hold up a release.
        const signal = AbortSignal.timeout(Math.max(1000, o.durationMs));
        try {
            const live = await kube.get(ref, { signal });
            const holder = live ? (specOf(live).holderIdentity ?? '') : '';
            if (!live || holder !== o.holder) {
                lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
                return;
            }
            await kube.replace({ ...live, spec: { ...specOf(live), renewTime: microTime(now()) } }, { signal });
        }
        catch (err) {
            o.logger.warning(`renewing the lease ${name}: ${err.message}`);
        }
    };
    const timer = setInterval(() => {
        renewing = renewing.then(renew);
    }, Math.max(200, Math.floor(o.durationMs / 3)));
    timer.unref();
    return {
        name,
        lost: () => lost,
        async confirm(signal) {
            if (lost)
                return lost;
            try {
                const live = await kube.get(ref, { signal });
                const holder = live ? (specOf(live).holderIdentity ?? '') : '';
                if (!live || holder !== o.holder)
                    lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
            }
            catch (err) {
                o.logger.debug(`checking the lease ${name} before a write: ${err.message}`);
            }
            return lost;
        },
        async release(signal) {
            clearInterval(timer);
            // A renewal under way is waited for, but not past the caller's budget.
            await new Promise((resolve) => {
                if (signal?.aborted)
                    return resolve();
                signal?.addEventListener('abort', () => resolve(), { once: true });
                void renewing.then(() => resolve());
            });
            if (lost)
                return;
            try {
                const live = await kube.get(ref, { signal });
                if (live && specOf(live).holderIdentity === o.holder) {
                    const { holderIdentity: _holder, ...rest } = specOf(live);
                    await kube.replace({ ...live, spec: { ...rest, leaseDurationSeconds: 1 } }, { signal });
                }
            }
            catch (err) {
                // Not fatal: the lease expires on its own.
                o.logger.warning(`releasing the lease ${name}: ${causeOf(err)}; it expires by itself ${seconds} s after its last renewal`);
            }
        },
    };
}

// EXTERNAL MODULE: ./src/strategy/spec.ts
var spec = __webpack_require__(5286);
// EXTERNAL MODULE: ./src/strategy/match.ts
var match = __webpack_require__(69868);
// EXTERNAL MODULE: ./src/strategy/stages.ts
var stages = __webpack_require__(70194);
// EXTERNAL MODULE: ./src/strategy/errors.ts
var strategy_errors = __webpack_require__(86818);
;// CONCATENATED MODULE: ./src/promote/strategy-state.ts






/** The share of the load sent with the A/B match's headers (or the preview header/host), so both versions get requests. */
const COHORT_SHARE = 0.3;
/** The record a new promotion of `spec` starts with; null for strategy canary (its states stay as they were). */
function recordOf(spec) {
    if (spec.strategy === 'canary')
        return null;
    return {
        strategy: spec.strategy,
        ...(spec.strategy === 'ab' ? { match: spec.match } : {}),
        ...(spec.strategy === 'mirror' ? { mirrorPercent: spec.mirrorPercent } : {}),
        ...(spec.strategy === 'blue-green' ? { preview: spec.preview } : {}),
        iterations: spec.iterations,
        passed: 0,
        on: false,
    };
}
/** The StrategySpec a recorded strategy renders with (renderRoute's argument). */
function specOfRecord(rec) {
    return {
        ...spec/* DEFAULT_STRATEGY */.iF,
        strategy: rec.strategy,
        match: rec.match ?? [],
        mirrorPercent: rec.mirrorPercent ?? 100,
        preview: rec.preview ?? null,
        iterations: rec.iterations,
    };
}
/** Whether a record uses a strategy other than canary. */
const strategic = (rec) => !!rec && rec.strategy !== 'canary';
/**
 * The route stage a state stands for: rolled back, nothing of the strategy; finalizing or
 * promoted, the weight only; otherwise the weight and, while the record says it is on, the A/B
 * route (below 100%), the mirror or the preview route.
 */
function stageOf(state) {
    if (state.phase === 'rolled-back' || state.phase === 'rolling-back')
        return { ...stages/* ROLLBACK_STAGE */.im, canaryWeight: state.weight };
    const rec = state.strategy;
    if (!strategic(rec) || !rec.on || state.phase === 'finalizing' || state.phase === 'promoted')
        return (0,stages/* finalStage */.BD)(state.weight);
    if (state.weight >= 100)
        return (0,stages/* finalStage */.BD)(state.weight);
    return {
        canaryWeight: state.weight,
        ab: rec.strategy === 'ab',
        mirror: rec.strategy === 'mirror',
        preview: rec.strategy === 'blue-green',
    };
}
/** What a strategy is, in one phrase: "ab (header x-user=beta)", "mirror 20%", "blue-green (host preview.example.com)". */
function strategyName(rec) {
    if (!rec || rec.strategy === 'canary')
        return 'canary';
    if (rec.strategy === 'ab')
        return `ab (${(rec.match ?? []).map(match/* describeEntry */.OY).join(' or ')})`;
    if (rec.strategy === 'mirror')
        return `mirror ${rec.mirrorPercent ?? 100}%`;
    return `blue-green (${previewText(rec.preview ?? null)})`;
}
function previewText(p) {
    if (!p)
        return 'no preview';
    return p.kind === 'host' ? `host ${p.host}` : (0,match/* describeEntry */.OY)({ headers: [p.header] });
}
/** The label of judged window `k` (1-based) before the weights. */
function windowLabel(rec, k) {
    const n = rec.iterations > 1 ? ` ${k}/${rec.iterations}` : '';
    if (rec.strategy === 'ab')
        return `A/B${n}: ${(rec.match ?? []).map(match/* describeEntry */.OY).join(' or ')} → canary`;
    if (rec.strategy === 'mirror')
        return `mirror${n}: ${rec.mirrorPercent ?? 100}% of the requests copied to the canary`;
    return `preview${n}: ${previewText(rec.preview ?? null)} → canary`;
}
/** The stage kind of a strategy's windows before the weights. */
const windowStage = (rec) => rec.strategy === 'ab' ? 'ab' : rec.strategy === 'mirror' ? 'mirror' : 'preview';
/** The load's extra requests for a record: the A/B match's first alternative, or the preview header/host. */
function cohortOf(rec) {
    if (rec.strategy === 'ab') {
        for (const entry of rec.match ?? []) {
            const headers = (0,match/* sampleHeaders */.fy)(entry);
            if (headers)
                return { share: COHORT_SHARE, headers };
        }
        return undefined;
    }
    if (rec.strategy === 'blue-green' && rec.preview) {
        if (rec.preview.kind === 'host')
            return { share: COHORT_SHARE, headers: {}, host: rec.preview.host };
        const headers = (0,match/* sampleHeaders */.fy)({ headers: [rec.preview.header] });
        return headers ? { share: COHORT_SHARE, headers } : undefined;
    }
    return undefined;
}
/** The traffic of a window measured under `state` (null: the plain weighted split, as for strategy canary). */
function windowTrafficOf(state) {
    const rec = state?.strategy;
    if (!state || !strategic(rec) || !rec.on)
        return null;
    const before = rec.passed < rec.iterations && state.weight === 0;
    const cohort = cohortOf(rec);
    if (rec.strategy === 'mirror')
        return before
            ? {
                judged: 'mirrored',
                canarySource: 'prometheus',
                label: windowLabel(rec, rec.passed + 1),
            }
            : null;
    return {
        judged: before ? (rec.strategy === 'ab' ? 'matched' : 'preview') : 'weighted',
        canarySource: 'any',
        ...(cohort ? { cohort } : {}),
        label: before ? windowLabel(rec, rec.passed + 1) : `canary ${state.weight}% (A/B route kept)`,
    };
}
/** Where a window's numbers come from, for the report and the log. */
function sourceLine(rec, metrics) {
    if (rec.strategy === 'ab') {
        const c = cohortOf(rec);
        return `A/B: requests with ${(rec.match ?? []).map(match/* describeEntry */.OY).join(' or ')}${c
            ? ` (${Math.round(c.share * 100)}% of the load, sent with ${Object.entries(c.headers)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', ')})`
            : ''} → canary; the judge compares them with the other requests on stable (${metrics})`;
    }
    if (rec.strategy === 'mirror')
        return `mirror: ${rec.mirrorPercent ?? 100}% of live requests copied to the canary, responses discarded; the canary is judged on the mirrored requests from Prometheus destination metrics (reporter="destination"), the load generator never sees them`;
    return `blue/green: ${previewText(rec.preview ?? null)} → canary (green) for ${rec.iterations} judged window(s)${cohortOf(rec) ? ` (${Math.round(COHORT_SHARE * 100)}% of the load sent there)` : ''}, then all traffic switched in one write`;
}
/** The report's strategy lines for a state (absent for strategy canary). */
function reportStrategy(state, metrics) {
    const rec = state?.strategy;
    if (!strategic(rec))
        return undefined;
    const lines = [
        `strategy ${strategyName(rec)}: ${rec.passed}/${rec.iterations} judged window(s) passed before the ${rec.strategy === 'blue-green' ? 'switch' : 'weights'}`,
        sourceLine(rec, metrics),
    ];
    return { kind: rec.strategy, lines };
}
/**
 * A run or step whose strategy differs from the one an unfinished promotion recorded is refused
 * (its route carries the other strategy's writes and its windows judged other requests).
 */
function strategyChange(state, spec) {
    if (!state || state.phase === 'promoted' || state.phase === 'rolled-back')
        return null;
    const recorded = state.strategy ?? null;
    const wanted = recordOf(spec);
    const key = (r) => r
        ? (0,match/* canonicalJson */.dj)({ s: r.strategy, m: r.match ?? null, p: r.mirrorPercent ?? null, v: r.preview ?? null })
        : 'canary';
    if (key(recorded) === key(wanted))
        return null;
    return `the promotion under way uses strategy ${(0,one_line/* oneLine */.TN)(strategyName(recorded))}; this run asks for strategy ${(0,one_line/* oneLine */.TN)(strategyName(wanted))}. Nothing was written. Run with the recorded strategy to continue, or \`rollback\` first to start over with the new one`;
}
/** The combinations the engine refuses besides validateStrategy's (pure, before anything is written). */
function engineStrategyErrors(spec, metrics) {
    const out = [];
    if (spec.strategy === 'mirror' && metrics === 'loadgen')
        out.push(new strategy_errors/* StrategyError */.C('mirror-unsupported', 'strategy mirror with metrics: loadgen: the load generator never sees the mirrored responses (the mesh discards them), so nothing could judge the canary; set metrics: prometheus or both (the canary is judged on Prometheus destination metrics)'));
    if (spec.services.length > 0)
        out.push(new strategy_errors/* StrategyError */.C('shared-route', 'services: stepping several services in lockstep is not supported by this version of the engine; promote each service in its own run'));
    return out;
}
/** A state's write in words: "canary 20% / stable 80%", plus the A/B route, mirror or preview it keeps. */
function stageText(state) {
    const st = stageOf(state);
    const rec = state.strategy;
    const extra = [
        st.ab ? `A/B route (${(rec?.match ?? []).map(match/* describeEntry */.OY).join(' or ')} → canary)` : null,
        st.mirror ? `mirror ${rec?.mirrorPercent ?? 100}% → canary` : null,
        st.preview ? `preview route (${previewText(rec?.preview ?? null)} → canary)` : null,
    ].filter((x) => x !== null);
    const removed = strategic(rec) && !st.ab && !st.mirror && !st.preview && (rec.passed > 0 || state.phase !== 'in-progress')
        ? `, no ${rec.strategy === 'ab' ? 'A/B route' : rec.strategy === 'mirror' ? 'mirror' : 'preview route'}`
        : '';
    return `canary ${st.canaryWeight}% / stable ${100 - st.canaryWeight}%${extra.length ? `, ${extra.join(', ')}` : removed}`;
}

// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(22464);
;// CONCATENATED MODULE: ./src/promote/start.ts
// How a run, step or promote starts from what the VirtualService holds (pure decisions, no
// I/O): the runner and the dry run both ask these, so the plan a dry run prints is the one the
// real command follows. See README.md ("Resuming, restarting and retrying").


/** A start refused before anything was written; the message says why and what to run instead. */
class StartRefused extends src_errors/* IstioCanaryError */.f {
}
/**
 * Canary weight on the route with no promotion recorded (someone set the weights by hand, or
 * removed the annotation): without take-over that is refused, naming the live weights; with
 * take-over the run starts from them (and probes before its first window). Null when there is
 * a recorded state or no canary traffic.
 */
function unrecordedTraffic(state, f) {
    if (state || f.liveWeight === 0)
        return null;
    return `${f.vsName} sends ${f.liveWeight}% to the canary subset ${f.canarySubset} (stable ${100 - f.liveWeight}%) but no promotion is recorded on it (no istio-canary.dev/state annotation)${f.otherWriter ? `; last other writer: ${f.otherWriter}` : ''}`;
}
/**
 * A new promotion after one that ended with `finalize: keep` (100% on the canary, the stable
 * Deployment still on the version before it) would send all traffic back to that older
 * stable. Refused, saying how to finish the kept promotion first. Null when not the case.
 */
function keptPromotionRefusal(state, restarting, f) {
    if (!restarting || !state || state.phase !== 'promoted' || state.weight === 0 || f.liveWeight === 0)
        return null;
    return `the last promotion on ${f.vsName}${state.canaryImage ? ` (${state.canaryImage})` : ''} ended with finalize: keep, so ${f.liveWeight}% is on the canary subset ${f.canarySubset} and the stable Deployment${f.stableDeployment ? ` ${f.stableDeployment}` : ''} still runs the version before it; a new promotion would send 100% back to that older stable. Nothing was written. Run \`promote\` with finalize: promote-stable first (stable takes the canary's pod template, then the traffic returns to it), then start the new promotion`;
}
/**
 * The schedule changed since the promotion recorded it: the new one applies from the next
 * weight above the current one. Says which weights of the new schedule are at or below the
 * current weight and were never judged (they are not gone back to), so that nothing is skipped
 * silently. Null when the schedule is unchanged (or the state recorded none).
 */
function scheduleChange(state, steps) {
    const old = state.steps ?? [];
    if (!old.length || old.join(',') === steps.join(','))
        return null;
    const judged = new Set(state.history.filter((h) => h.verdict.outcome === 'pass').map((h) => h.weight));
    const below = steps.filter((w) => w <= state.weight && !judged.has(w));
    const next = (0,plan/* schedule */._)(steps, state.weight)[0];
    return `steps changed from ${old.join(',')} to ${steps.join(',')} at ${state.weight}% canary: the new steps apply from ${next === undefined ? 'the end of the schedule' : `${next}%`}${below.length ? `; ${below.map((w) => `${w}%`).join(', ')} ${below.length === 1 ? 'is' : 'are'} at or below the current weight and will not be measured` : ''}`;
}
/**
 * A rolled-back promotion that never judged a step (the pre-traffic probe failed, the canary
 * did not roll out, it was cancelled or rolled back before its first verdict): run and step
 * try the same image again. One whose canary was judged and rolled back is not restarted by a
 * rerun of the same image (a workflow re-run must not re-promote a failed image).
 */
function retriesUnjudged(state) {
    if (!state || state.phase !== 'rolled-back' || state.history.length > 0)
        return null;
    return `the previous attempt${state.canaryImage ? ` of ${state.canaryImage}` : ''} was rolled back before any step was judged (${state.reason ?? 'no reason recorded'}); trying again`;
}
/** What run and step say when a finished promotion of the same image is not started again. */
function finishedMessage(state, described, vsName) {
    if (state.phase === 'rolled-back')
        return `${described}; ${state.canaryImage ?? 'this canary'} was judged and rolled back, so a rerun does not promote it again. A new promotion starts with a new canary-image; to judge the same image again, remove the recorded state first: kubectl annotate virtualservice -n ${vsName.split('/')[0]} ${vsName.split('/').slice(1).join('/')} istio-canary.dev/state-`;
    return `${described}; a new promotion starts with a new canary-image`;
}
/**
 * A new promotion (no recorded state) starts with all traffic on the declared stable subset:
 * the first write sets stable 100% / canary 0%, so declared subsets that are swapped (the
 * traffic on the "canary") would move every request onto the other version and let finalize
 * overwrite it. `weights` are the route's destinations as the command finds them (the
 * manifests' VirtualService when they hold it, else the live one). Null when stable has 100%,
 * or, in manifests, most of the route (a seed's starting split such as 80/20, which the
 * first write replaces by stable 100%, still says which subset has the traffic).
 */
function stableNotCarrying(f, weights) {
    const stable = weights.find((w) => w.subset === f.stableSubset)?.weight ?? 0;
    if (stable === 100 || (f.source === 'in the manifests' && stable > 50))
        return null;
    const carrying = weights.filter((w) => w.weight > 0).map((w) => `subset ${w.subset} has ${w.weight}%`);
    return `a new promotion on ${f.vsName} ${f.route} starts with all traffic on the stable subset, but the stable subset ${f.stableSubset} has ${stable}%${f.source === 'in the manifests' ? ' (at most 50%)' : ''} (${f.source}: ${carrying.join(', ') || 'no weighted destination'}). Nothing was written. Check stable-subset and canary-subset (are they swapped?); to start from these weights, run again with take-over: true`;
}

;// CONCATENATED MODULE: ./src/promote/machine.ts




/** The state annotation cannot be read (not JSON, or not a state); `raw` is its text. */
class StateAnnotationError extends src_errors/* IstioCanaryError */.f {
    raw;
    constructor(message, raw) {
        super(message);
        this.raw = raw;
    }
}
const TERMINAL = ['promoted', 'rolled-back'];
function statusOf(phase) {
    switch (phase) {
        case 'promoted':
            return 'promoted';
        case 'rolled-back':
            return 'rolled-back';
        case 'held':
            return 'held';
        default:
            return 'in-progress';
    }
}
/** A new promotion starting from the weight the route has now. */
function freshState(ctx, liveWeight) {
    return {
        phase: 'in-progress',
        weight: liveWeight,
        step: 0,
        steps: [...ctx.steps],
        canaryImage: ctx.canaryImage,
        templateHash: ctx.templateHash ?? null,
        runId: ctx.runId,
        startedAt: ctx.now,
        updatedAt: ctx.now,
        reason: null,
        history: [],
        events: [],
    };
}
/**
 * Why this run is a new promotion rather than a continuation of the stored one: null to
 * continue. A finished promotion starts over for a new canary image or pod template; an
 * unfinished one (in progress or held) too, from its first step, so that a new image is never
 * judged by the old image's passed steps. A finalize or rollback under way is finished first.
 */
function restartReason(state, canaryImage, templateHash = null) {
    if (!state)
        return 'no promotion recorded';
    if (state.phase === 'finalizing' || state.phase === 'rolling-back')
        return null;
    const terminal = TERMINAL.includes(state.phase);
    if (canaryImage !== null && state.canaryImage !== null && canaryImage !== state.canaryImage)
        return `the canary image changed from ${state.canaryImage} to ${canaryImage}`;
    if (terminal && canaryImage !== null && state.canaryImage === null)
        return `a new canary image ${canaryImage}`;
    if (templateHash && state.templateHash && templateHash !== state.templateHash)
        return `the canary pod template changed (hash ${state.templateHash} → ${templateHash})`;
    return retriesUnjudged(state);
}
/** Whether this run starts a new promotion rather than continuing the stored one. */
function startsFresh(state, canaryImage, templateHash = null) {
    return restartReason(state, canaryImage, templateHash) !== null;
}
const passedWeight = (s) => s.history.filter((h) => h.verdict.outcome === 'pass').reduce((m, h) => Math.max(m, h.weight), 0);
/** Only run and step walk a schedule: rollback, promote and the post step keep the recorded steps. */
const walks = (ctx) => ctx.command === 'run' || ctx.command === 'step';
const update = (s, ctx, patch) => ({
    ...s,
    ...patch,
    steps: walks(ctx) || !s.steps.length ? [...ctx.steps] : [...s.steps],
    runId: ctx.runId,
    updatedAt: ctx.now,
});
const write = (state, then) => ({
    state,
    action: { type: 'write', then },
});
const stop = (state, message) => ({ type: 'stop', message });
/** After the current weight is judged (or when it needs no judging): where the schedule goes next. */
function advance(s, ctx, justPassed) {
    const pending = s.weight > passedWeight(s) && s.weight > 0;
    if (pending) {
        // Written but not judged (a crash or cancel mid-step): judge it at the same weight.
        return {
            state: s,
            action: { type: 'measure', step: (0,plan/* stepIndexOf */.cX)(ctx.steps, s.weight), weight: s.weight, attempt: 1 },
        };
    }
    const next = (0,plan/* schedule */._)(ctx.steps, s.weight)[0];
    if (next !== undefined && (ctx.command === 'run' || !justPassed)) {
        const step = (0,plan/* stepIndexOf */.cX)(ctx.steps, next);
        const state = update(s, ctx, { phase: 'in-progress', weight: next, reason: null });
        return write(state, { type: 'measure', step, weight: next, attempt: 1 });
    }
    if (next !== undefined) {
        // `step`: one step per invocation; record the verdict and hold for the next invocation
        // (held, not in-progress: in-progress always means a run is walking, see finishInterrupted).
        const reason = `step ${s.step}/${ctx.steps.length} passed at ${s.weight}%; run \`step\` again for ${next}%`;
        const state = update(s, ctx, { phase: 'held', reason });
        return write(state, stop(state, reason));
    }
    if (s.weight >= 100)
        return finalize(s, ctx);
    // The schedule ends below 100: the promotion holds there until `promote` or `rollback`.
    const reason = `the schedule ends at ${s.weight}% canary; run \`promote\` to go to 100% or \`rollback\``;
    const state = update(s, ctx, { phase: 'held', reason });
    return justPassed || s.phase !== 'held'
        ? write(state, stop(state, reason))
        : { state: s, action: stop(s, reason) };
}
function finalize(s, ctx) {
    if (ctx.finalize === 'keep') {
        const state = update(s, ctx, { phase: 'promoted', weight: 100, reason: null });
        return write(state, stop(state, 'promoted: 100% on the canary (finalize: keep)'));
    }
    // Always written before stable is touched, even at 100% already: a kill, a rollback or the
    // post step must find `finalizing` (and so restore the saved stable template), never an
    // in-progress state while stable already runs the canary's template.
    const state = update(s, ctx, { phase: 'finalizing', weight: 100, reason: null });
    return write(state, { type: 'promote-stable' });
}
function rollBack(s, ctx, reason) {
    const state = update(s, ctx, { phase: 'rolled-back', weight: 0, reason });
    return write(state, stop(state, `rolled back: ${reason}`));
}
/** A cancel, error or rollback during finalize: restore the stable template first, then roll back. */
function stopFinalizing(s, ctx, why, mode) {
    if (s.weight === 0) {
        // Stable already runs the canary's template with all traffic: only the scale-down is left,
        // and it is the cheapest way to a state that is true. Finish it (on hold too).
        return { state: s, action: { type: 'scale-canary-down' } };
    }
    if (mode === 'hold') {
        const state = update(s, ctx, {
            reason: `finalize interrupted at ${s.weight}% canary (${why}); run \`promote\` again to complete it or \`rollback\` to restore the stable template`,
        });
        return write(state, stop(state, `held during finalize: ${why}`));
    }
    return { state: s, action: { type: 'restore-stable', why } };
}
function hold(s, ctx, reason) {
    const state = update(s, ctx, { phase: 'held', reason });
    return write(state, stop(state, `held at ${s.weight}%: ${reason}`));
}
function reasonsText(v) {
    const bad = v.reasons.filter((r) => !r.ok);
    return (bad.length ? bad : v.reasons).map((r) => r.message).join('; ') || v.outcome;
}
function machine_transition(s, event, ctx) {
    switch (event.type) {
        case 'begin':
            return begin(s, ctx, event.liveWeight);
        case 'verdict': {
            const record = {
                step: event.step,
                weight: event.weight,
                startedAt: event.startedAt,
                endedAt: event.endedAt,
                verdict: event.verdict,
            };
            const where = `step ${event.step}/${ctx.steps.length} at ${event.weight}%`;
            if (event.verdict.outcome === 'inconclusive' && event.attempt < 2)
                return {
                    state: s,
                    action: { type: 'measure', step: event.step, weight: event.weight, attempt: event.attempt + 1 },
                };
            const withRecord = { ...s, history: [...s.history, record] };
            if (event.verdict.outcome === 'pass')
                return advance({ ...withRecord, step: (0,plan/* stepIndexOf */.cX)(ctx.steps, event.weight) }, ctx, true);
            const why = event.verdict.outcome === 'inconclusive'
                ? `${where}: inconclusive twice (${reasonsText(event.verdict)})`
                : `${where} failed: ${reasonsText(event.verdict)}`;
            return ctx.onFailure === 'hold' ? hold(withRecord, ctx, why) : rollBack(withRecord, ctx, why);
        }
        case 'cancelled':
            if (s.phase === 'finalizing')
                return stopFinalizing(s, ctx, event.why, ctx.onCancel);
            return ctx.onCancel === 'hold' ? hold(s, ctx, event.why) : rollBack(s, ctx, event.why);
        case 'error':
            if (s.phase === 'finalizing') {
                if (s.weight === 0) {
                    // The scale-down itself failed: say so and leave the rest to a rerun (which completes it).
                    const state = update(s, ctx, { reason: `scaling the canary down failed: ${event.message}` });
                    return write(state, stop(state, `finalize unfinished: ${event.message}; run \`promote\` again`));
                }
                return stopFinalizing(s, ctx, event.message, ctx.onFailure);
            }
            return ctx.onFailure === 'hold' ? hold(s, ctx, event.message) : rollBack(s, ctx, event.message);
        case 'stable-promoted': {
            // Traffic back on the promoted stable first; the phase stays finalizing until the canary is down.
            const state = update(s, ctx, {
                phase: 'finalizing',
                weight: 0,
                reason: 'stable runs the canary pod template and takes all traffic; scaling the canary down',
            });
            return write(state, { type: 'scale-canary-down' });
        }
        case 'canary-scaled-down': {
            const state = update(s, ctx, { phase: 'promoted', weight: 0, reason: null });
            return write(state, stop(state, 'promoted: the stable Deployment runs the canary pod template and takes 100% again; canary scaled to 0'));
        }
        case 'stable-restored':
            return rollBack(s, ctx, event.why);
    }
}
function begin(s, ctx, liveWeight) {
    switch (ctx.command) {
        case 'status':
            return { state: s, action: stop(s, machine_describe(s)) };
        case 'rollback': {
            // An emergency command: the live weight decides, not the state. Nothing to do only when
            // the route sends nothing to the canary.
            if (liveWeight === 0 && s.phase === 'rolled-back' && s.weight === 0)
                return { state: s, action: stop(s, 'already rolled back') };
            if (liveWeight === 0 && s.phase === 'promoted' && s.weight === 0)
                return {
                    state: s,
                    action: stop(s, 'already promoted to stable: all traffic is on stable; nothing to roll back'),
                };
            if (s.phase === 'finalizing')
                return { state: s, action: { type: 'restore-stable', why: `rollback requested by ${ctx.runId}` } };
            const outside = liveWeight !== s.weight
                ? `the route sent ${liveWeight}% to the canary (the state recorded ${s.weight}%)`
                : null;
            if (s.phase === 'promoted' && s.weight === 0) {
                // Stable runs the promoted template: the promotion stays promoted, the canary gets 0%.
                const event = {
                    at: ctx.now,
                    message: `rollback requested by ${ctx.runId}: ${outside}; canary set back to 0%`,
                };
                const state = update(s, ctx, { weight: 0, events: [...(s.events ?? []), event] });
                return write(state, stop(state, `rolled back the canary traffic: ${outside}; all traffic is on stable`));
            }
            return rollBack(s, ctx, `rollback requested by ${ctx.runId}${s.phase === 'rolled-back' && outside ? `: ${outside}` : ''}`);
        }
        case 'promote':
            // A promotion kept at 100% on the canary (finalize: keep) is finished by promote with
            // finalize: promote-stable: stable takes the canary's template, then the traffic.
            if (s.phase === 'promoted' && s.weight > 0 && ctx.finalize === 'promote-stable')
                return finalize(s, ctx);
            if (s.phase === 'promoted')
                return { state: s, action: stop(s, 'already promoted') };
            if (s.phase === 'finalizing')
                return finishFinalize(s);
            return finalize(s, ctx);
        default:
            break;
    }
    // run / step
    if (s.phase === 'promoted' || s.phase === 'rolled-back')
        return { state: s, action: stop(s, finishedMessage(s, machine_describe(s), ctx.vsName ?? '')) };
    if (s.phase === 'finalizing')
        return finishFinalize(s);
    if (s.phase === 'rolling-back')
        return rollBack(s, ctx, s.reason ?? 'finishing an interrupted rollback');
    // A changed schedule applies from the next weight above the current one; the state says so.
    const changed = scheduleChange(s, ctx.steps);
    const noted = changed ? { ...s, events: [...(s.events ?? []), { at: ctx.now, message: changed }] } : s;
    return advance(noted, ctx, false);
}
/** An interrupted finalize, completed idempotently: promote-stable again at 100%, else only the scale-down. */
function finishFinalize(s) {
    return { state: s, action: s.weight === 0 ? { type: 'scale-canary-down' } : { type: 'promote-stable' } };
}
function machine_describe(s) {
    const done = s.history.filter((h) => h.verdict.outcome === 'pass' && !h.stage).length;
    const rec = s.strategy;
    const strategy = rec && rec.strategy !== 'canary'
        ? `strategy ${strategyName(rec)}, ${rec.passed}/${rec.iterations} ${rec.strategy === 'ab' ? 'A/B' : rec.strategy === 'mirror' ? 'mirror' : 'preview'} window(s) passed${rec.on && s.phase !== 'rolled-back' && s.phase !== 'promoted' ? ` (${rec.strategy === 'ab' ? 'A/B route' : rec.strategy === 'mirror' ? 'mirror' : 'preview route'} on)` : ''}, `
        : '';
    return `${s.phase}: ${strategy}canary at ${s.weight}%, ${done}/${s.steps.length} steps passed (${s.steps.join(',')})${s.reason ? `; ${s.reason}` : ''}`;
}
/** Reads the annotation value; null when absent, an error naming the annotation when unreadable. */
/** The newest state layout this version reads; a state may say `schemaVersion` (absent: 1). */
const STATE_SCHEMA_VERSION = 1;
function parseState(raw) {
    if (raw === undefined || raw === '')
        return null;
    let v;
    try {
        v = JSON.parse(raw);
    }
    catch {
        throw new StateAnnotationError('the promotion state annotation is not valid JSON; remove it to start over', raw);
    }
    const s = v;
    // A state written by a newer istio-canary (it says so with a schemaVersion above ours) may
    // mean things this one cannot read: refuse instead of overwriting it.
    const schema = v?.schemaVersion;
    if (typeof schema === 'number' && schema > STATE_SCHEMA_VERSION)
        throw new StateAnnotationError(`the promotion state annotation was written by a newer istio-canary (state schema ${schema}; this one reads ${STATE_SCHEMA_VERSION}): upgrade istio-canary`, raw);
    if (typeof s !== 'object' ||
        s === null ||
        typeof s.phase !== 'string' ||
        typeof s.weight !== 'number' ||
        !Array.isArray(s.history))
        throw new StateAnnotationError('the promotion state annotation lacks phase, weight or history; remove it to start over', raw);
    return {
        // Before `finalizing` had its name, the same phase was stored as `promoting`.
        phase: s.phase === 'promoting' ? 'finalizing' : s.phase,
        weight: s.weight,
        step: typeof s.step === 'number' ? s.step : 0,
        steps: Array.isArray(s.steps) ? s.steps : [],
        canaryImage: s.canaryImage ?? null,
        templateHash: typeof s.templateHash === 'string' ? s.templateHash : null,
        ...(typeof s.route === 'string' ? { route: s.route } : {}),
        runId: s.runId ?? '',
        startedAt: s.startedAt ?? '',
        updatedAt: s.updatedAt ?? '',
        reason: s.reason ?? null,
        history: s.history,
        events: Array.isArray(s.events) ? s.events : [],
        ...(isStrategyRecord(s.strategy) ? { strategy: s.strategy } : {}),
    };
}
/** A stored strategy record as this version writes it (anything else is ignored as absent). */
function isStrategyRecord(v) {
    const r = v;
    return (typeof r === 'object' &&
        r !== null &&
        typeof r.strategy === 'string' &&
        ['canary', 'ab', 'mirror', 'blue-green'].includes(r.strategy) &&
        typeof r.iterations === 'number' &&
        typeof r.passed === 'number' &&
        typeof r.on === 'boolean');
}

// EXTERNAL MODULE: ./src/promote/target.ts + 3 modules
var promote_target = __webpack_require__(24913);
// EXTERNAL MODULE: ./src/strategy/http-route.ts
var http_route = __webpack_require__(65665);
// EXTERNAL MODULE: ./src/strategy/virtual-service.ts
var virtual_service = __webpack_require__(48500);
;// CONCATENATED MODULE: ./src/promote/route-object.ts






const targetOf = (object, t) => t.httpSelection
    ? { kind: 'http-route', object, selection: t.httpSelection }
    : { kind: 'virtual-service', object, selection: t.selection };
/** The route object's kind as the API names it. */
const routeKindName = (t) => t.httpSelection ? 'HTTPRoute' : 'VirtualService';
/** The VirtualService without the routes a strategy inserted: what route indexes count. */
const userRoutes = (vs) => (0,virtual_service/* withoutInsertedRoutesVs */.OP)(vs);
/** The stepped route's weights, counted without the inserted routes or rules. */
function routeWeights(object, t) {
    return t.httpSelection
        ? (0,http_route/* currentHttpRouteWeights */.I$)(object, t.httpSelection)
        : (0,plan/* currentWeights */.ph)((0,virtual_service/* withoutInsertedRoutesVs */.OP)(object), t.selection);
}
/** The object to write for `state` over `object` as read (the state annotation is added by the caller). */
function renderState(object, t, state) {
    const rec = state.strategy;
    if (!strategic(rec)) {
        if (!t.httpSelection)
            return (0,plan/* withCanaryWeight */.T1)(object, t.selection, state.weight);
        return (0,stages/* renderRoute */.QK)(targetOf(object, t), spec/* DEFAULT_STRATEGY */.iF, stageOf(state));
    }
    return (0,stages/* renderRoute */.QK)(targetOf(object, t), specOfRecord(rec), stageOf(state));
}
/** The route object at canary `weight` with nothing of a strategy (a fresh promotion's apply). */
function atWeight(object, t, weight) {
    if (!t.httpSelection)
        return (0,plan/* withCanaryWeight */.T1)(object, t.selection, weight);
    return (0,stages/* renderRoute */.QK)(targetOf(object, t), spec/* DEFAULT_STRATEGY */.iF, {
        canaryWeight: weight,
        ab: false,
        mirror: false,
        preview: false,
    });
}
/** How the strategy's part of the live route differs from what `state` wrote (the A/B route, mirror or preview added or removed by hand), or null. */
function strategyDrift(object, t, state) {
    const rec = state.strategy;
    if (!strategic(rec))
        return null;
    const expected = stageOf(state);
    const actual = (0,stages/* currentStage */.aY)(targetOf(object, t), { strategy: rec.strategy });
    // The weights are compared by the caller (edited); only the strategy's parts here.
    return (0,stages/* stageDrift */.Oc)({ ...actual, canaryWeight: expected.canaryWeight }, expected);
}
/**
 * The route as the pre-traffic probe (probe.ts) reads it: the VirtualService without inserted
 * routes, or for an HTTPRoute a VirtualService-shaped view (its hostnames as hosts, the stepped
 * rule's two Services as destinations at the rule's index; no Istio gateways).
 */
function probeView(object, t) {
    if (!t.httpSelection)
        return (0,virtual_service/* withoutInsertedRoutesVs */.OP)(object);
    const sel = t.httpSelection;
    const spec = (object.spec ?? {});
    const hosts = Array.isArray(spec.hostnames) ? spec.hostnames.filter((h) => typeof h === 'string') : [];
    const http = Array.from({ length: sel.ruleIndex }, () => ({}));
    http.push({
        route: [{ destination: { host: sel.stable.service } }, { destination: { host: sel.canary.service } }],
    });
    return {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: object.metadata,
        spec: { hosts, gateways: [], http },
    };
}

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
    const source = doc ?? (run.vs && userRoutes(run.vs));
    const route = source ? (0,views/* virtualServiceView */.Mu)(source).http[sel.routeIndex] : undefined;
    if (route) {
        const dests = route.destinations;
        const weights = dests.map((d) => ({
            subset: (0,one_line/* oneLine */.TN)(d.subset ?? '?'),
            weight: d.weight ?? (dests.length === 1 ? 100 : 0),
        }));
        const refused = stableNotCarrying({
            ...facts,
            stableSubset: (0,one_line/* oneLine */.TN)(sel.stable.subset),
            route: `http[${sel.routeIndex}]${sel.routeName ? ` (${(0,one_line/* oneLine */.TN)(sel.routeName)})` : ''}`,
            source: doc ? 'in the manifests' : 'live',
        }, weights);
        if (refused)
            throw new StartRefused(refused);
    }
}
/** `s` recording the route it steps (the live selected route), so that a later run can tell it is on another one. */
function onRoute(run, s) {
    const route = run.vs ? (0,promote_target/* routeIdentity */.Ez)(userRoutes(run.vs), run.target.selection) : null;
    // A new promotion of run or step records its strategy (none for strategy canary).
    const walking = run.settings.command === 'run' || run.settings.command === 'step';
    const rec = s.strategy ?? (walking ? recordOf(run.settings.strategy) : null);
    const withStrategy = rec ? { ...s, strategy: rec } : s;
    return route ? { ...withStrategy, route } : withStrategy;
}
/** The recorded promotion is on another route than the one selected: refused, naming the routes. */
function refuseOtherRoute(run) {
    // An HTTPRoute's rule is found again by its backends (strategy/http-route.ts): nothing recorded to compare.
    if (run.target.httpSelection)
        return;
    const problem = (0,promote_target/* recordedRouteProblem */.Dx)(run.vs && userRoutes(run.vs), run.target.selection, run.state, run.vsName);
    if (problem)
        throw new StartRefused(problem);
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
class ProbeError extends src_errors/* IstioCanaryError */.f {
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
class NoSeriesYet extends src_errors/* IstioCanaryError */.f {
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

// EXTERNAL MODULE: ./src/metrics/why.ts
var metrics_why = __webpack_require__(73875);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/gates/command.ts
// A command gate's one run: its argv spawned without a shell, in its own process group, with
// the environment given; its output (stdout and stderr, interleaved as it arrives) logged line
// by line, bounded, and its tail kept for the verdict. A timeout stops the whole process tree
// (SIGTERM, then SIGKILL after a grace), a cancel kills it at once (SIGKILL): nothing the gate
// started outlives it. Hand-written over node:child_process: the CommandRunner port buffers the
// whole output and has no process-group kill or line streaming.



/** The output kept for the verdict (the last bytes). */
const TAIL_BYTES = 64 * 1024;
/** The output written to the log at most; the rest is counted, not shown. */
const LOGGED_BYTES = 1024 * 1024;
/** Between SIGTERM and SIGKILL after a timeout. */
const KILL_GRACE_MS = 3000;
/** Kills the process group of `pid` (the child and everything it started); the child alone on Windows. */
function killTree(pid, sig) {
    if (pid === undefined)
        return;
    try {
        if ((external_node_process_default()).platform === 'win32')
            external_node_process_default().kill(pid, sig);
        else
            external_node_process_default().kill(-pid, sig);
    }
    catch {
        // already gone
    }
}
function runCommand(argv, o) {
    const started = Date.now();
    const prefix = o.prefix ?? '  > ';
    let tail = '';
    let logged = 0;
    let omitted = 0;
    const partial = { out: '', err: '' };
    const logLine = (line) => {
        if (logged < LOGGED_BYTES) {
            logged += prefix.length + line.length + 1;
            o.logger.info(`${prefix}${line}`);
        }
        else
            omitted++;
    };
    const take = (which, chunk) => {
        tail = (tail + chunk).slice(-TAIL_BYTES);
        const text = partial[which] + chunk;
        const lines = text.split(/\r?\n/);
        partial[which] = lines.pop() ?? '';
        // A line without an end that grows past the tail's size is logged in pieces.
        if (partial[which].length > TAIL_BYTES) {
            lines.push(partial[which]);
            partial[which] = '';
        }
        for (const line of lines)
            logLine(line);
    };
    return new Promise((resolve) => {
        let killedBy = null;
        let settled = false;
        let grace;
        const finish = (exitCode, signal, spawnError) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(grace);
            o.signal.removeEventListener('abort', onCancel);
            for (const which of ['out', 'err'])
                if (partial[which] !== '')
                    logLine(partial[which]);
            if (omitted > 0)
                o.logger.info(`${prefix}(${omitted} more lines not shown in the log)`);
            resolve({ exitCode, signal, killedBy, spawnError, tail, durationMs: Date.now() - started });
        };
        let child;
        try {
            child = (0,external_node_child_process_.spawn)(argv[0], argv.slice(1), {
                cwd: o.cwd,
                env: o.env,
                stdio: ['ignore', 'pipe', 'pipe'],
                // Its own process group: a timeout or a cancel stops what it started too.
                detached: (external_node_process_default()).platform !== 'win32',
                windowsHide: true,
            });
        }
        catch (err) {
            resolve({
                exitCode: null,
                signal: null,
                killedBy: null,
                spawnError: err.message,
                tail: '',
                durationMs: Date.now() - started,
            });
            return;
        }
        const onCancel = () => {
            killedBy ??= 'cancel';
            killTree(child.pid, 'SIGKILL');
        };
        const timer = setTimeout(() => {
            killedBy ??= 'timeout';
            o.logger.info(`${prefix}(no end within ${(0,input_parsers/* formatDuration */.a3)(o.timeoutMs)}: stopping it)`);
            killTree(child.pid, 'SIGTERM');
            grace = setTimeout(() => killTree(child.pid, 'SIGKILL'), KILL_GRACE_MS);
        }, o.timeoutMs);
        if (o.signal.aborted)
            onCancel();
        else
            o.signal.addEventListener('abort', onCancel, { once: true });
        child.stdout.setEncoding('utf8').on('data', (c) => take('out', c));
        child.stderr.setEncoding('utf8').on('data', (c) => take('err', c));
        child.on('error', (err) => {
            // Not started (ENOENT, EACCES): no 'exit' follows.
            if (child.pid === undefined)
                finish(null, null, err.message);
        });
        child.on('exit', (code, sig) => {
            // Its output may still be in the pipes (or held open by something it left behind, which
            // the group kill below ends): read until they close, at most a moment.
            killTree(child.pid, 'SIGKILL');
            let open = 2;
            const closed = () => {
                if (--open === 0)
                    finish(code, sig, null);
            };
            const late = setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                finish(code, sig, null);
            }, 1000);
            late.unref();
            for (const s of [child.stdout, child.stderr])
                if (s.readableEnded || s.destroyed)
                    closed();
                else
                    s.once('close', closed);
        });
    });
}

// EXTERNAL MODULE: ./src/http/transport.ts
var transport = __webpack_require__(71517);
// EXTERNAL MODULE: ./src/traffic/net-errors.ts
var net_errors = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/gates/webhook.ts
// A webhook gate's call: one JSON POST of the payload (schema: GatePayload in run.ts) through
// the project's fetch (src/http/transport.ts: direct, or through the https_proxy the settings
// read), each attempt bounded by the gate's timeout. An answer decides (2xx passes, anything
// else fails with its status and the start of its body); only no answer (a network error, the
// timeout) is tried again, through src/retry.ts, at most `retries` more times. The URL is only
// ever shown through showUrl (its credentials hidden).






/** The start of an answer's body kept for the verdict. */
const BODY_EXCERPT_BYTES = 2048;
/** No answer within the gate's timeout. */
class NoAnswer extends Error {
}
async function bodyExcerpt(res) {
    if (!res.body)
        return '';
    const chunks = [];
    let size = 0;
    // Leaving the loop early cancels the rest of the body.
    for await (const chunk of res.body) {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_EXCERPT_BYTES)
            break;
    }
    const text = Buffer.concat(chunks).subarray(0, BODY_EXCERPT_BYTES).toString('utf8');
    return (0,one_line/* oneLine */.TN)(text.trim());
}
async function callWebhook(gate, payload, o) {
    const started = Date.now();
    const shown = (0,redact/* showUrl */.jr)(gate.webhook);
    const { fetch } = (0,transport/* fetchFor */.G)(gate.webhook, o.proxy);
    const body = JSON.stringify(payload);
    let attempts = 0;
    try {
        const answer = await (0,retry/* retry */.L5)(async () => {
            attempts++;
            const timeout = new AbortController();
            const timer = setTimeout(() => timeout.abort(new NoAnswer(`no answer from ${shown} within ${(0,input_parsers/* formatDuration */.a3)(gate.timeoutMs)}`)), gate.timeoutMs);
            try {
                const res = await fetch(gate.webhook, {
                    method: 'POST',
                    headers: { ...gate.headers, 'content-type': 'application/json', accept: 'application/json, */*' },
                    body,
                    redirect: 'manual',
                    signal: AbortSignal.any([o.signal, timeout.signal]),
                });
                return { status: res.status, detail: await bodyExcerpt(res) };
            }
            catch (err) {
                if (o.signal.aborted)
                    throw err;
                if (timeout.signal.aborted)
                    throw timeout.signal.reason;
                throw new Error((0,net_errors/* describeNetworkError */.gl)(err, shown).message, { cause: err });
            }
            finally {
                clearTimeout(timer);
            }
        }, { attempts: gate.retries + 1, baseDelayMs: 500, maxDelayMs: 5000, jitter: true }, {
            signal: o.signal,
            retryable: () => true,
            onRetry: (err, attempt, waitMs) => o.onRetry?.(err.message, attempt, waitMs),
            ...(o.sleep ? { sleep: o.sleep } : {}),
        });
        return { ...answer, attempts, durationMs: Date.now() - started };
    }
    catch (err) {
        if (o.signal.aborted)
            throw err;
        return { status: null, detail: err.message, attempts, durationMs: Date.now() - started };
    }
}

// EXTERNAL MODULE: ./src/gates/spec.ts
var gates_spec = __webpack_require__(49369);
;// CONCATENATED MODULE: ./src/gates/run.ts
// The gates of one weight increase, run in the order given until one fails: each command
// gate spawned (command.ts) with ISTIO_CANARY_* variables describing the moment, each webhook
// called (webhook.ts) with the JSON payload below. The result is a Verdict (src/model.ts) with
// one Reason per gate run (metric `gate:<name>`, source `gate`), so a failing gate is recorded
// in the step history and rolls back exactly like a failed check. Every text that leaves
// (log lines, the verdict's messages) is redacted: the gates' header secrets are registered
// with the Redactor before anything runs.








function payloadOf(gate, m) {
    return {
        schemaVersion: 1,
        name: gate.name,
        phase: m.phase,
        command: m.command,
        namespace: m.namespace,
        virtualService: m.virtualService,
        route: m.route,
        stableSubset: m.stableSubset,
        canarySubset: m.canarySubset,
        stableWorkload: m.stableWorkload,
        canaryWorkload: m.canaryWorkload,
        canaryImage: m.canaryImage,
        weight: m.weight,
        nextWeight: m.nextWeight,
        step: m.step,
        steps: [...m.steps],
        runId: m.runId,
        loadUrl: m.loadUrl,
        loadHost: m.loadHost,
        metadata: gate.kind === 'webhook' ? { ...gate.metadata } : {},
    };
}
/** The variables a command gate gets besides the job's environment (all strings; '' when unknown). */
function gateEnv(gate, m) {
    return {
        ISTIO_CANARY_GATE: gate.name,
        ISTIO_CANARY_PHASE: m.phase,
        ISTIO_CANARY_COMMAND: m.command,
        ISTIO_CANARY_NAMESPACE: m.namespace,
        ISTIO_CANARY_VIRTUAL_SERVICE: m.virtualService,
        ISTIO_CANARY_ROUTE: m.route,
        ISTIO_CANARY_STABLE_SUBSET: m.stableSubset,
        ISTIO_CANARY_CANARY_SUBSET: m.canarySubset,
        ISTIO_CANARY_STABLE_WORKLOAD: m.stableWorkload,
        ISTIO_CANARY_CANARY_WORKLOAD: m.canaryWorkload,
        ISTIO_CANARY_CANARY_IMAGE: m.canaryImage ?? '',
        ISTIO_CANARY_WEIGHT: String(m.weight),
        ISTIO_CANARY_NEXT_WEIGHT: String(m.nextWeight),
        ISTIO_CANARY_STEP: String(m.step),
        ISTIO_CANARY_STEPS: m.steps.join(','),
        ISTIO_CANARY_RUN_ID: m.runId,
        ISTIO_CANARY_LOAD_URL: m.loadUrl ?? '',
        ISTIO_CANARY_LOAD_HOST: m.loadHost ?? '',
    };
}
/** The job's environment without the action's inputs (INPUT_*: a kubeconfig, a token), plus the gate's variables. */
function childEnv(base, extra) {
    const out = {};
    for (const [k, v] of Object.entries(base))
        if (v !== undefined && !/^INPUT_/i.test(k))
            out[k] = v;
    return { ...out, ...extra };
}
/** The last lines of an output, one-lined and redacted, at most `max` characters (its end kept): with the rest of the reason it fits the comment's 500-character "Why" line. */
function outputTail(text, lines = 10, max = 400) {
    const kept = text
        .split(/\r?\n/)
        .map((l) => l.trimEnd())
        .filter((l) => l !== '')
        .slice(-lines);
    let out = (0,redact/* redact */.E$)((0,one_line/* oneLine */.TN)(kept.join(' ⏎ ')));
    if (out.length > max)
        out = `…${out.slice(-max)}`;
    return out;
}
const reason = (gate, ok, value, message) => ({
    metric: `gate:${gate.name}`,
    value,
    limit: null,
    source: 'gate',
    ok,
    message: (0,redact/* redact */.E$)(message),
});
async function runOne(gate, m, deps) {
    if (gate.kind === 'command') {
        const r = await runCommand(gate.run, {
            cwd: deps.cwd,
            env: childEnv(deps.env, gateEnv(gate, m)),
            timeoutMs: gate.timeoutMs,
            signal: deps.signal,
            logger: deps.logger,
        });
        if (deps.signal.aborted)
            throw deps.signal.reason instanceof Error ? deps.signal.reason : new Error('cancelled');
        const took = (0,input_parsers/* formatDuration */.a3)(Math.max(1, Math.round(r.durationMs / 100) * 100));
        const tail = outputTail(r.tail);
        const last = tail ? `; last output: ${tail}` : '; no output';
        if (r.spawnError !== null)
            return reason(gate, false, null, `gate ${gate.name} (${m.phase}) could not start ${(0,one_line/* oneLine */.TN)(gate.run[0])}: ${(0,one_line/* oneLine */.TN)(r.spawnError)}`);
        if (r.killedBy === 'timeout')
            return reason(gate, false, null, `gate ${gate.name} (${m.phase}) did not end within its timeout ${(0,input_parsers/* formatDuration */.a3)(gate.timeoutMs)} and was stopped${last}`);
        if (r.exitCode === 0)
            return reason(gate, true, 0, `gate ${gate.name} (${m.phase}) passed in ${took}`);
        const how = r.exitCode !== null ? `exit code ${r.exitCode}` : `killed by ${r.signal ?? 'a signal'}`;
        return reason(gate, false, r.exitCode, `gate ${gate.name} (${m.phase}) failed: ${how} after ${took}${last}`);
    }
    const r = await callWebhook(gate, payloadOf(gate, m), {
        signal: deps.signal,
        ...(deps.proxy ? { proxy: deps.proxy } : {}),
        onRetry: (message, attempt, waitMs) => deps.logger.info(`  > attempt ${attempt} of ${gate.retries + 1}: ${message}; trying again in ${waitMs} ms`),
    });
    const tries = r.attempts > 1 ? ` (${r.attempts} attempts)` : '';
    if (r.status === null)
        return reason(gate, false, null, `gate ${gate.name} (${m.phase}) failed: ${(0,one_line/* oneLine */.TN)(r.detail)}${tries}`);
    const excerpt = r.detail
        ? `; body: ${r.detail.length > 300 ? `${r.detail.slice(0, 300)}…` : r.detail}`
        : '';
    if (r.status >= 200 && r.status < 300) {
        if (r.detail)
            deps.logger.info(`  > ${r.detail.slice(0, 500)}`);
        return reason(gate, true, r.status, `gate ${gate.name} (${m.phase}) passed: HTTP ${r.status}${tries}`);
    }
    return reason(gate, false, r.status, `gate ${gate.name} (${m.phase}) failed: HTTP ${r.status}${tries}${excerpt}`);
}
/**
 * Runs the gates of `m.phase` in order, each in a log group, stopping at the first failure.
 * Returns null when there are none, else a Verdict (pass, or fail naming the gate). A cancel
 * throws the signal's reason once the running gate has been stopped.
 */
async function runGates(gates, m, deps) {
    const due = (0,gates_spec/* gatesOf */.og)(gates, m.phase);
    if (due.length === 0)
        return null;
    // Also registered by main.ts at start; again here for the CLI, tests and any other caller.
    for (const g of due)
        for (const s of (0,gates_spec/* specSecrets */.Bd)(g))
            redact/* secrets */.O3.add(s);
    const started = Date.now();
    const reasons = [];
    for (const gate of due) {
        const r = await (0,log/* withGroup */.I)(deps.logger, `gate ${gate.name} (${m.phase}, before ${m.nextWeight}%): ${(0,gates_spec/* describeGate */.l7)(gate)}`, async () => {
            const out = await runOne(gate, m, deps);
            deps.logger.info(out.message);
            return out;
        });
        reasons.push(r);
        if (!r.ok)
            break;
    }
    const verdict = {
        outcome: reasons.every((r) => r.ok) ? 'pass' : 'fail',
        reasons,
        stable: null,
        canary: null,
        durationMs: Date.now() - started,
    };
    const why = (0,metrics_why/* explainVerdict */.bX)(verdict, { weight: m.nextWeight, windowMs: 0 });
    if (why !== null)
        verdict.why = why;
    return verdict;
}

;// CONCATENATED MODULE: ./src/promote/gates-step.ts
// The gates' place in a promotion: before the Run (run.ts) writes a canary weight above the
// one now written, the gates of that moment run (src/gates/run.ts): `pre-rollout` when the
// canary has 0% (it is about to get its first traffic), `pre-step` before every later
// increase. A failing gate becomes the step's `verdict` event (outcome fail) decided from the
// state as it is written now, so the machine rolls back (or holds) exactly as for a failed
// check and the new weight is never written; a cancel during a gate becomes `cancelled`.
// Only run, step and promote raise weights; rollback, status, cleanup and the post step never
// reach here. promote runs them once, before its one jump to 100%.



const RAISING_COMMANDS = ['run', 'step', 'promote'];
/** The moment of a write of `next` over what the route has now, or null when it raises nothing. */
function gateMoment(run, next, firstTraffic = false) {
    const weight = run.liveWeight();
    if (!RAISING_COMMANDS.includes(run.settings.command) || (next.weight <= weight && !firstTraffic))
        return null;
    if (next.phase === 'rolling-back' || next.phase === 'rolled-back')
        return null;
    const t = run.target;
    const steps = next.steps.length ? next.steps : run.settings.steps;
    return {
        phase: weight === 0 ? 'pre-rollout' : 'pre-step',
        command: run.settings.command,
        namespace: t.namespace,
        virtualService: t.selection.virtualService,
        route: String(t.selection.routeName ?? t.selection.routeIndex),
        stableSubset: t.selection.stable.subset,
        canarySubset: t.selection.canary.subset,
        stableWorkload: t.stableDeployment ?? t.selection.stable.subset,
        canaryWorkload: t.canaryDeployment ?? t.selection.canary.subset,
        canaryImage: next.canaryImage ?? t.canaryImage,
        weight,
        nextWeight: next.weight,
        step: Math.max(1, (0,plan/* stepIndexOf */.cX)(steps, next.weight)),
        steps,
        runId: run.holder,
        loadUrl: run.deps.loadUrl ?? run.settings.loadUrl,
        loadHost: run.settings.loadHost,
    };
}
/**
 * Runs the gates due before `next` is written. Null: write it (no gate, or all passed). Else
 * the event to feed the machine instead, and the state to decide it from: `next` with the
 * weight and phase written now, so that neither a rollback nor a hold raises the weight.
 */
async function gatesBefore(run, next, 
/** A strategy's first judged window (A/B route, mirror, preview): the canary's first traffic at 0% (strategy-run.ts). */
firstTraffic = false) {
    if (run.settings.gates.length === 0)
        return null;
    const m = gateMoment(run, next, firstTraffic);
    if (!m)
        return null;
    const base = {
        ...next,
        weight: m.weight,
        // Never finalizing or promoted: nothing of the finalize happened.
        phase: next.phase !== 'in-progress' && run.state?.phase === 'held' ? 'held' : 'in-progress',
    };
    const startedAt = run.iso();
    try {
        const verdict = await runGates(run.settings.gates, m, {
            logger: run.log,
            signal: run.deps.signal,
            cwd: run.deps.cwd ?? external_node_process_default().cwd(),
            env: (external_node_process_default()).env,
            proxy: run.settings.proxy,
        });
        if (!verdict || verdict.outcome === 'pass')
            return null;
        const event = {
            type: 'verdict',
            step: m.step,
            weight: m.nextWeight,
            attempt: 1,
            verdict,
            startedAt,
            endedAt: run.iso(),
        };
        return { event, base };
    }
    catch (err) {
        if (!run.deps.signal.aborted)
            throw err;
        return { event: { type: 'cancelled', why: run.cancelReason() }, base };
    }
}

;// CONCATENATED MODULE: ./src/promote/strategy-run.ts




/** Whether a state still has judged windows to run before its weights (and is at 0%, where they run). */
function windowsPending(state) {
    const rec = state.strategy;
    return (strategic(rec) &&
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
        const label = windowLabel(rec, k);
        let attempt = 1;
        for (;;) {
            if (run.deps.signal.aborted)
                return machine_transition(state, { type: 'cancelled', why: run.cancelReason() }, ctx());
            const next = {
                ...state,
                phase: 'in-progress',
                reason: null,
                runId: run.holder,
                updatedAt: run.iso(),
                strategy: { ...rec, on: true },
            };
            const startedAt = run.iso();
            const outcome = await (0,log/* withGroup */.I)(run.log, `${label}${attempt > 1 ? ' (extended window)' : ''}`, async () => {
                if (attempt === 1) {
                    // The first window gives the canary its first traffic: the pre-rollout gates run before it.
                    const stopped = state.strategy?.on ? null : await gatesBefore(run, next, true);
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
                    ? machine_transition(state, { type: 'error', message: why }, ctx())
                    : machine_transition(state, outcome.event, ctx());
                run.noteFailure(why ? { type: 'error', message: why } : outcome.event, t);
                return t;
            }
            state = run.state ?? next;
            if ('adopted' in outcome)
                return machine_transition(state, { type: 'error', message: `the weights changed during ${label}; the window is not judged` }, ctx());
            if (outcome.type !== 'verdict')
                return machine_transition(state, outcome, ctx());
            const verdict = outcome.verdict;
            if (verdict.outcome === 'inconclusive' && attempt < 2) {
                attempt++;
                continue;
            }
            const record = {
                step: k,
                weight: 0,
                stage: windowStage(rec),
                label,
                startedAt,
                endedAt: outcome.endedAt,
                verdict,
            };
            const withRecord = { ...state, history: [...state.history, record] };
            if (verdict.outcome !== 'pass') {
                const bad = verdict.reasons.filter((r) => !r.ok);
                const why = `${label} ${verdict.outcome === 'inconclusive' ? 'inconclusive twice' : 'failed'}: ${(bad.length ? bad : verdict.reasons).map((r) => r.message).join('; ') || verdict.outcome}`;
                const t = machine_transition(withRecord, { type: 'error', message: why }, ctx());
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
                : windowLabel(passed, passed.passed + 1);
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
    return machine_transition(state, { type: 'begin', liveWeight: run.liveWeight() }, ctx());
}

// EXTERNAL MODULE: ./src/kube/containers.ts
var containers = __webpack_require__(85733);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/promote/template-hash.ts
// What makes a canary a different promotion: a hash of its whole pod template (metadata and
// spec), with what the API server or a rollout tool adds left out, so that the template read
// from the manifests and the same template read back from the cluster hash alike.
//
// Left out, because the same build keeps them or the server fills them in:
// - metadata.creationTimestamp, and the annotation kubectl.kubernetes.io/restartedAt (`kubectl
//   rollout restart` restarts the same template; it is not a new build to judge);
// - the defaults Kubernetes sets on a PodSpec, its containers, probes, ports, volumes and env
//   references (SetDefaults_PodSpec, SetDefaults_Container, …) when they have their default value;
// - empty objects, empty lists and nulls (a manifest's `env: []` and the server's absent list).
// Everything else counts: labels, annotations, images, env, volumes, resources, probes,
// affinity, service account… Containers are compared by name, in any order.

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Pod-template annotations that a restart adds without changing what runs. */
const IGNORED_TEMPLATE_ANNOTATIONS = ['kubectl.kubernetes.io/restartedAt'];
/** JSON with sorted keys: the same value always gives the same text. */
function canonical(v) {
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if (isObject(v))
        return `{${Object.keys(v)
            .sort()
            .filter((k) => v[k] !== undefined)
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(',')}}`;
    return JSON.stringify(v ?? null);
}
const POD_DEFAULTS = {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
};
const CONTAINER_DEFAULTS = {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
};
const PROBE_DEFAULTS = {
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
};
/** Removes `key` from `o` when it holds `value`. */
function dropDefaults(o, defaults) {
    for (const [k, v] of Object.entries(defaults))
        if (canonical(o[k]) === canonical(v))
            delete o[k];
}
/** The image pull policy Kubernetes defaults to for this image. */
function defaultPullPolicy(image) {
    const img = typeof image === 'string' ? image : '';
    return /:latest$|^[^:@]*$|\/[^:@]*$/.test(img) ? 'Always' : 'IfNotPresent';
}
function normaliseProbe(p) {
    if (!isObject(p))
        return;
    dropDefaults(p, PROBE_DEFAULTS);
    if (isObject(p.httpGet))
        dropDefaults(p.httpGet, { scheme: 'HTTP' });
}
function normaliseContainer(c) {
    dropDefaults(c, CONTAINER_DEFAULTS);
    if (c.imagePullPolicy === defaultPullPolicy(c.image))
        delete c.imagePullPolicy;
    for (const port of Array.isArray(c.ports) ? c.ports : [])
        if (isObject(port))
            dropDefaults(port, { protocol: 'TCP' });
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        normaliseProbe(c[probe]);
    for (const e of Array.isArray(c.env) ? c.env : []) {
        const from = isObject(e) && isObject(e.valueFrom) ? e.valueFrom : null;
        if (from && isObject(from.fieldRef))
            dropDefaults(from.fieldRef, { apiVersion: 'v1' });
        if (from && isObject(from.resourceFieldRef))
            dropDefaults(from.resourceFieldRef, { divisor: '0' });
    }
}
/** Drops nulls, empty objects and empty lists, depth first. */
function prune(v) {
    if (Array.isArray(v))
        return v.map(prune);
    if (!isObject(v))
        return v;
    const out = {};
    for (const [k, x] of Object.entries(v)) {
        const p = prune(x);
        if (p === null || p === undefined)
            continue;
        if (Array.isArray(p) && p.length === 0)
            continue;
        if (isObject(p) && Object.keys(p).length === 0)
            continue;
        out[k] = p;
    }
    return out;
}
/** The pod template as hashed: a copy without server defaults and restart markers. */
function normalisedTemplate(template) {
    const t = isObject(template) ? structuredClone(template) : {};
    const meta = isObject(t.metadata) ? t.metadata : {};
    delete meta.creationTimestamp;
    if (isObject(meta.annotations))
        for (const a of IGNORED_TEMPLATE_ANNOTATIONS)
            delete meta.annotations[a];
    t.metadata = meta;
    const spec = isObject(t.spec) ? t.spec : {};
    dropDefaults(spec, POD_DEFAULTS);
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
        if (!Array.isArray(spec[list]))
            continue;
        const cs = spec[list].filter(isObject);
        cs.forEach(normaliseContainer);
        spec[list] = cs.sort((a, b) => canonical(a.name).localeCompare(canonical(b.name)));
    }
    for (const vol of Array.isArray(spec.volumes) ? spec.volumes : []) {
        if (!isObject(vol))
            continue;
        for (const kind of ['configMap', 'secret', 'projected', 'downwardAPI'])
            if (isObject(vol[kind]))
                dropDefaults(vol[kind], { defaultMode: 420 });
    }
    t.spec = spec;
    return prune(t);
}
/** A 16-hex hash of the whole pod template, without what the server or a restart adds. */
function podTemplateHash(template) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(canonical(normalisedTemplate(template)))
        .digest('hex')
        .slice(0, 16);
}
/**
 * The hash states written before the whole template counted: the containers' names, images,
 * commands, args and env only. A stored hash equal to it is the same template (so a held
 * promotion does not restart on an upgrade of istio-canary).
 */
function legacyPodTemplateHash(template) {
    const spec = isObject(template) && isObject(template.spec) ? template.spec : {};
    const pick = (list) => (Array.isArray(list) ? list : [])
        .filter(isObject)
        .map((c) => ({
        name: c.name ?? null,
        image: c.image ?? null,
        command: c.command ?? null,
        args: c.args ?? null,
        env: (Array.isArray(c.env) ? c.env : []).filter(isObject).map((e) => ({
            name: e.name ?? null,
            value: e.value ?? null,
            from: isObject(e.valueFrom) ? Object.keys(e.valueFrom).sort() : null,
        })),
    }))
        .sort((a, b) => canonical(a.name).localeCompare(canonical(b.name)));
    return (0,external_node_crypto_.createHash)('sha256')
        .update(canonical({ containers: pick(spec.containers), initContainers: pick(spec.initContainers) }))
        .digest('hex')
        .slice(0, 16);
}

;// CONCATENATED MODULE: ./src/promote/window.ts




/**
 * One window. The VirtualService is watched meanwhile: a change by anyone else (a
 * preempting rollback, a person moving the weights) ends the window at once. Afterwards the
 * route is read again; a window whose weights or state changed under it is never a pass.
 * Returns the machine event, or a transition when take-over continues from new weights.
 */
async function measureWindow(run, action, state) {
    const startedAt = run.iso();
    run.log.debug(`measuring ${run.plannedMs.get(action.step) ?? run.settings.intervalMs} ms at ${action.weight}% canary${action.attempt > 1 ? ' (extended: the first window was inconclusive)' : ''}`);
    const before = run.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
    const windowCtl = new AbortController();
    const stopWatch = new AbortController();
    const onCancel = () => windowCtl.abort(run.deps.signal.reason);
    if (run.deps.signal.aborted)
        onCancel();
    else
        run.deps.signal.addEventListener('abort', onCancel, { once: true });
    // Only a change of the state or of the weights ends the window (not a label someone adds).
    const watch = run.vs
        ? run.deps.kube
            .waitFor(run.vsRef, (o) => !o || o.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD] !== before || run.edited(o, state) !== null, { timeoutMs: 24 * 3600_000, signal: stopWatch.signal })
            .then(() => windowCtl.abort(new Error('the VirtualService changed during the window')), () => undefined)
        : Promise.resolve();
    let verdict;
    try {
        verdict = await run.deps.metrics.measure(run.window(action.step, action.weight, windowCtl.signal, state));
    }
    catch (err) {
        if (!windowCtl.signal.aborted || run.deps.signal.aborted)
            throw err;
        verdict = null; // ended by a change of the VirtualService: judged below
    }
    finally {
        run.deps.signal.removeEventListener('abort', onCancel);
        stopWatch.abort();
        await watch;
    }
    if (run.deps.signal.aborted)
        return { type: 'cancelled', why: run.cancelReason() };
    // The window is only as good as the weights it ran under.
    const live = await run.deps.kube.get(run.vsRef, { signal: run.deps.signal });
    const stored = live?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
    if (!live)
        throw new ConcurrentChangeError(`the VirtualService ${run.vsName} was deleted during the window`);
    if (stored !== before) {
        run.vs = live;
        const other = parseState(stored);
        run.state = other;
        run.current = other;
        throw new ConcurrentChangeError(`the promotion of ${run.vsName} was changed by ${other?.runId || 'another writer'} during the window of step ${action.step} (state now: ${other ? machine_describe(other) : 'none'}); stopping without writing`);
    }
    const what = run.edited(live, state);
    if (what) {
        run.vs = live;
        if (!run.settings.takeOver)
            throw new HumanEditError(`${what} during the window of step ${action.step}; the window is not judged and nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`);
        const weight = routeWeights(live, run.target).canary;
        run.log.warning(`${what} during the window of step ${action.step}; take-over: continuing from ${weight}%`);
        const event = {
            at: run.iso(),
            message: `take-over: ${what} during the window of step ${action.step} (not judged)`,
        };
        const adopted = { ...state, weight, events: [...(state.events ?? []), event] };
        run.state = adopted;
        return { adopted };
    }
    run.vs = live;
    if (!verdict || (windowCtl.signal.aborted && !run.deps.signal.aborted))
        throw new ConcurrentChangeError(`the VirtualService ${run.vsName} changed during the window of step ${action.step} and changed back; the window is not judged`);
    return {
        type: 'verdict',
        step: action.step,
        weight: action.weight,
        attempt: action.attempt,
        verdict,
        startedAt,
        endedAt: run.iso(),
    };
}

;// CONCATENATED MODULE: ./src/promote/run.ts
// One command's run (the Run class): its settings, target and lease, the promotion state it
// last read or wrote, and the loop that performs the state machine's actions (drive), with
// each step's window (measure). The runner (runner.ts) decides how a command starts and hands
// over to drive; finalize.ts performs the finalize actions drive meets.
//
// What it trusts and what it checks (see README.md, "State and safety"):
// - Before every write, and at the end of every window, the live weights of the route are
//   compared with the weights the state annotation recorded: a person's change stops the run
//   (HumanEditError) unless take-over is set, and a window under changed weights is no pass.
// - Every write carries the resourceVersion last read (replaceWithRetry); a state written by
//   another holder (a `rollback` preempting this run) stops the run without overwriting
//   (ConcurrentChangeError).
// - After a cancel, every remaining write shares one budget (CANCEL_WRITE_BUDGET_MS).
// - Outputs carry the weight the API server last confirmed, never the intended one; a write
//   sent and never answered is remembered (unconfirmed) and named in messages and the report.

















/**
 * After a cancellation, every remaining write (rollback, restore, scale-down, lease release)
 * shares this budget: the process exits well before GitHub's kill (SIGTERM 7.5 s after SIGINT,
 * kill at about 10 s), and the kube client's retries stop with it.
 */
const CANCEL_WRITE_BUDGET_MS = 5000;
/**
 * A Lease holder and state writer unique to this process: `<repo>/<run id>/<attempt>/<job>/<random>`.
 * Two jobs of one workflow run (or two matrix legs of one job) never share it.
 */
function newHolderId(settings, random) {
    const gh = settings.github;
    return [
        gh.repository ?? 'local',
        gh.runId ?? `pid-${(external_node_process_default()).pid}`,
        gh.runAttempt ?? '1',
        gh.job ?? '-',
        random ?? (0,external_node_crypto_.randomBytes)(4).toString('hex'),
    ].join('/');
}
/** Another run or person changed the promotion: this run must not write any more. */
class ConcurrentChangeError extends src_errors/* IstioCanaryError */.f {
}
/** A person (or another tool) moved the weights the state recorded; take-over is not set. */
class HumanEditError extends ConcurrentChangeError {
}
/** The run was cancelled before it wrote any weight: the message says where the canary is. */
class CancelledError extends src_errors/* IstioCanaryError */.f {
}
/** The run failed after it started writing; carries the report (also passed to reporter.final). */
class PromotionError extends src_errors/* IstioCanaryError */.f {
    report;
    constructor(message, report, options) {
        super(message, options);
        this.report = report;
    }
}
/**
 * The managers (managedFields) other than this tool that wrote the object, latest first;
 * with ignoreStatus, not the controllers' writes of its status.
 */
function otherWriters(vs, options = {}) {
    const mf = vs?.metadata?.managedFields;
    if (!Array.isArray(mf))
        return [];
    const text = (v) => (typeof v === 'string' ? v : '');
    return mf
        .filter(object/* isObject */.G)
        .filter((e) => typeof e.manager === 'string' && e.manager !== errors/* FIELD_MANAGER */.vy)
        .filter((e) => !options.ignoreStatus || e.subresource !== 'status')
        .sort((a, b) => text(b.time).localeCompare(text(a.time)))
        .map((e) => `${text(e.manager)} (${text(e.operation) || 'Update'}${e.time ? ` at ${text(e.time)}` : ''})`);
}
/** A promotion that ends with the canary left running: the state's reason and the last line say why. */
function keptRunning(t, why) {
    const state = { ...t.state, reason: why };
    const a = t.action;
    const action = a.type === 'write' && a.then.type === 'stop'
        ? {
            type: 'write',
            then: {
                type: 'stop',
                message: `promoted: the stable Deployment runs the canary pod template and takes 100% again; ${why}`,
            },
        }
        : a;
    return { state, action };
}
/** One command's run: its settings, target, lease and the state it last read or wrote. */
class run_Run {
    settings;
    deps;
    target;
    /** Why this run failed (an error, a failing verdict, a cancellation), whatever state it left: the exit code. */
    failure = null;
    started;
    weightsApplied = [];
    notices = [];
    holder;
    state = null;
    /** The machine's latest state, written or not yet (what progress reports show). */
    current = null;
    /** Each step's window from the power plan (power-step.ts), when it sized them (interval: auto). */
    plannedMs = new Map();
    lastVs = null;
    /**
     * The canary weights of VirtualService writes that were sent but never answered (a hung API
     * server, a cancel): each may have landed. Cleared by the next answer that shows the route.
     */
    unconfirmed = [];
    message = '';
    lease = null;
    templateHash = null;
    /** Manifest documents already applied by this run (the Namespace the Lease needs): the batch leaves them out. */
    applied = new Set();
    /** Aborted CANCEL_WRITE_BUDGET_MS after the cancel: the one budget of every write after it. */
    budget;
    constructor(settings, deps, target) {
        this.settings = settings;
        this.deps = deps;
        this.target = target;
        this.started = this.iso();
        this.holder = deps.holder ?? newHolderId(settings);
        this.budget = (0,lifecycle/* budgetAfterCancel */.oZ)(deps.signal, CANCEL_WRITE_BUDGET_MS, 'writes');
    }
    get log() {
        return this.deps.logger;
    }
    /** The VirtualService as last read or written (its resourceVersion is the base of the next write). */
    get vs() {
        return this.lastVs;
    }
    set vs(vs) {
        this.lastVs = vs;
        this.unconfirmed = [];
    }
    /**
     * Where the canary is, as far as the API server said: the weight it last confirmed, and a
     * weight sent to it that it never confirmed (then the canary may be there).
     */
    whereCanary() {
        const weight = this.liveWeight();
        const at = `the canary is at ${weight}% (the last weight the API server confirmed)`;
        const sent = this.unconfirmed.filter((w) => w !== weight);
        if (!sent.length)
            return at;
        const list = sent.map((w) => `${w}%`).join(' and ');
        return `${at}; ${sent.length === 1 ? 'a write' : 'writes'} of canary ${list} ${sent.length === 1 ? 'was' : 'were'} sent and not confirmed, so the canary may be at ${list.replace(' and ', ' or ')}`;
    }
    /** The signal of writes (and the reads that lead to them): aborted only once the cancel budget is spent. */
    get writes() {
        return this.budget;
    }
    iso() {
        return new Date(this.deps.clock?.now() ?? Date.now()).toISOString();
    }
    get vsRef() {
        return {
            apiVersion: this.target.vsApiVersion,
            kind: routeKindName(this.target),
            name: this.target.selection.virtualService,
            namespace: this.target.namespace,
        };
    }
    get vsName() {
        return `${this.target.namespace}/${this.target.selection.virtualService}`;
    }
    ctx() {
        return {
            command: this.settings.command,
            steps: this.settings.steps,
            finalize: this.settings.finalize,
            onFailure: this.settings.onFailure,
            onCancel: this.settings.onCancel,
            runId: this.holder,
            canaryImage: this.target.canaryImage,
            templateHash: this.templateHash,
            vsName: this.vsName,
            now: this.iso(),
        };
    }
    async readVs(signal) {
        this.vs = await this.deps.kube.get(this.vsRef, { signal });
        this.state = parseState(this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD]);
    }
    startFacts() {
        return {
            vsName: this.vsName,
            canarySubset: (0,one_line/* oneLine */.TN)(this.target.selection.canary.subset),
            stableDeployment: this.target.stableDeployment,
            liveWeight: this.liveWeight(),
            otherWriter: otherWriters(this.vs)[0] ?? null,
            takeOver: this.settings.takeOver,
        };
    }
    liveWeight() {
        return this.vs ? routeWeights(this.vs, this.target).canary : 0;
    }
    /**
     * How the live route differs from the weights `state` recorded (a person's edit, an
     * emergency move to 0%), or null when they agree.
     */
    edited(vs, state) {
        if (!vs || !state)
            return null;
        const live = routeWeights(vs, this.target);
        const drift = strategyDrift(vs, this.target, state);
        const who = otherWriters(vs)[0];
        if (live.canary === state.weight && live.stable === 100 - state.weight) {
            if (!drift)
                return null;
            return `the route of ${this.vsName} was changed outside this promotion: ${drift}${who ? `; last other writer: ${who}` : ''}`;
        }
        return `the weights of ${this.vsName} were changed outside this promotion: recorded canary ${state.weight}% / stable ${100 - state.weight}%, live canary ${live.canary}% / stable ${live.stable}%${who ? `; last other writer: ${who}` : ''}`;
    }
    /**
     * Before writing over `vs`: a person's change stops the run (HumanEditError), or with
     * take-over is recorded in `next` and continued from. A rollback wins over any edit.
     */
    guardEdits(vs, next) {
        const what = this.edited(vs, this.state);
        if (!what)
            return next;
        if (this.settings.command === 'rollback') {
            this.log.warning(`${what}; rolling back anyway`);
            return next;
        }
        if (!this.settings.takeOver)
            throw new HumanEditError(`${what}. Nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`);
        this.log.warning(`${what}; take-over: continuing from the live weights`);
        return { ...next, events: [...(next.events ?? []), { at: this.iso(), message: `take-over: ${what}` }] };
    }
    /**
     * Writes the weights and the state in one update, with the resourceVersion last read. On a
     * conflict it re-reads: if the stored state is still the one this run based its decision on
     * and the weights are the recorded ones, it writes again on the fresh object; if another
     * writer changed the state, or a person the weights, it stops.
     */
    async writeState(next) {
        const signal = this.writes;
        // Checked by reading the Lease before every write: a renewal may not have run since another
        // process took it (a window shorter than the renewal period would otherwise write over it).
        const lost = this.lease ? await this.lease.confirm(signal) : null;
        if (lost)
            throw new ConcurrentChangeError(`stopped before writing: ${lost}`);
        const base = this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
        // The state outlives this process (later commands print it): no secret may be stored in it,
        // whatever text brought it there (a Prometheus echoing its Authorization header, a URL).
        let pending = redact/* secrets */.O3.redactDeep(this.guardEdits(this.vs, next));
        let json = JSON.stringify(pending);
        let sent = null;
        let conflict = null;
        try {
            const r = await replaceWithRetry(this.deps.kube, this.vsRef, (live, attempt) => {
                if (attempt > 1) {
                    // A conflict: decide again on the fresh object.
                    this.vs = live;
                    const stored = live?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
                    if (stored === json)
                        return { done: live }; // our own write landed before its answer was lost
                    if (stored !== base) {
                        const other = parseState(stored);
                        throw new ConcurrentChangeError(`the VirtualService ${this.vsName} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? machine_describe(other) : 'none'}); not overwriting it`, { cause: conflict });
                    }
                    pending = redact/* secrets */.O3.redactDeep(this.guardEdits(live, pending));
                    json = JSON.stringify(pending);
                }
                if (!live)
                    throw new Error(`VirtualService ${this.vsName} does not exist`);
                const body = renderState(live, this.target, pending);
                body.metadata = {
                    ...body.metadata,
                    annotations: { ...(body.metadata?.annotations ?? {}), [plan/* STATE_ANNOTATION */.qD]: json },
                };
                // A write the budget no longer allows is not sent (it could not be confirmed either).
                if (signal.aborted)
                    throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
                sent = pending.weight;
                if (!this.settings.dryRun) {
                    if (!this.unconfirmed.includes(sent))
                        this.unconfirmed.push(sent);
                    this.deps.onWeightSent?.(sent);
                }
                return { write: body };
            }, {
                signal,
                dryRun: this.settings.dryRun,
                first: this.vs,
                onConflict: (err) => {
                    conflict = err;
                    this.unconfirmed = this.unconfirmed.filter((w) => w !== sent);
                    this.log.debug(`conflict writing ${this.vsName}; re-reading it`);
                },
            });
            this.vs = 'written' in r ? r.written : r.done;
        }
        catch (err) {
            // An answer (a refusal) says the write did not land; anything else may have.
            if (err instanceof errors/* KubeApiError */.W3)
                this.unconfirmed = this.unconfirmed.filter((w) => w !== sent);
            throw err;
        }
        const prev = this.state;
        this.state = pending;
        this.current = pending;
        if (!this.settings.dryRun)
            this.deps.onConfirmedWeight?.(this.liveWeight());
        if (!prev || prev.weight !== pending.weight || this.weightsApplied.length === 0)
            this.weightsApplied.push({
                stable: 100 - pending.weight,
                canary: pending.weight,
                at: pending.updatedAt,
            });
        this.log.debug(`${this.settings.dryRun ? '[dry-run] ' : ''}${this.target.selection.virtualService}: canary ${pending.weight}% / stable ${100 - pending.weight}% — ${pending.phase}${pending.reason ? ` (${pending.reason})` : ''}`);
    }
    report(endedAt) {
        const s = this.current ?? this.state;
        const t = this.target;
        const gh = this.settings.github;
        const status = s ? statusOf(s.phase) : 'in-progress';
        const held = status === 'held' || (s?.phase === 'in-progress' && this.settings.command === 'step');
        const strategyLines = reportStrategy(s, this.settings.metrics);
        return {
            schemaVersion: 1,
            status,
            reason: s?.reason ?? null,
            ...(this.failure !== null ? { failure: this.failure } : {}),
            command: this.settings.command,
            namespace: t.namespace,
            virtualService: t.selection.virtualService,
            route: t.selection.routeName ?? String(t.selection.routeIndex),
            stableSubset: t.selection.stable.subset,
            canarySubset: t.selection.canary.subset,
            canaryImage: s?.canaryImage ?? t.canaryImage,
            // run and step walk the steps given; the other commands show the ones the promotion recorded.
            steps: s?.steps.length && !['run', 'step'].includes(this.settings.command)
                ? [...s.steps]
                : [...this.settings.steps],
            // What the API server last answered (a read or a write), not what this run meant to write.
            weight: this.vs ? this.liveWeight() : (s?.weight ?? 0),
            step: s?.step ?? 0,
            history: s?.history ?? [],
            ...(s?.events?.length ? { events: s.events } : {}),
            ...(this.notices.length || this.unconfirmedNotice().length
                ? { notices: [...this.notices, ...this.unconfirmedNotice()] }
                : {}),
            weightsApplied: this.weightsApplied,
            run: {
                repository: gh.repository,
                runId: gh.runId,
                runUrl: gh.repository && gh.runId ? `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}` : null,
                serverUrl: gh.serverUrl,
            },
            nextCommands: held ? ['command: step', 'command: promote', 'command: rollback'] : [],
            ...(strategyLines ? { strategy: strategyLines } : {}),
            startedAt: this.started,
            endedAt: endedAt ?? this.iso(),
        };
    }
    /** The report's line about a write the API server never confirmed, if there is one. */
    unconfirmedNotice() {
        return this.unconfirmed.some((w) => w !== this.liveWeight()) ? [this.whereCanary()] : [];
    }
    async progress() {
        try {
            await this.deps.reporter.progress(this.report(null));
        }
        catch (err) {
            this.log.warning(`progress report failed: ${err.message}`);
        }
    }
    window(step, weight, signal, state) {
        const traffic = windowTrafficOf(state ?? this.current ?? this.state);
        return {
            ...(traffic ? { strategy: traffic } : {}),
            step,
            weight,
            intervalMs: this.plannedMs.get(step) ?? this.settings.intervalMs,
            signal,
            namespace: this.target.namespace,
            stableWorkload: this.target.stableDeployment ?? this.target.selection.stable.subset,
            canaryWorkload: this.target.canaryDeployment ?? this.target.selection.canary.subset,
            stableVersion: this.target.stableLabels.version ?? null,
            canaryVersion: this.target.canaryLabels.version ?? null,
        };
    }
    /** `cancelled (<the signal's reason>)`, with the weight of the state last confirmed unless `atWeight` is false. */
    cancelReason(atWeight = true) {
        const r = this.deps.signal.reason;
        const what = r instanceof Error ? r.message : typeof r === 'string' ? r : 'the run was cancelled';
        return `cancelled (${what})${this.state && atWeight ? ` at ${this.state.weight}% canary` : ''}`;
    }
    /** One window (see window.ts): the machine's event, or a transition when take-over continues from new weights. */
    measure(action, state) {
        return measureWindow(this, action, state);
    }
    /** Performs actions until the machine stops. Cancellation and errors become machine events. */
    async drive(first) {
        let { state, action } = first;
        this.current = state;
        let guard = 0;
        for (;;) {
            if (++guard > 1000)
                throw new Error('the promotion made no progress (internal error)');
            if (action.type === 'stop') {
                this.state = state;
                this.current = state;
                this.message = action.message;
                this.log.info(action.message);
                return;
            }
            let event = null;
            // A stable changed by hand before the route flip holds the finalize at 100% on the canary
            // whatever on-failure says: restoring stable and flipping to it could send traffic to no pod.
            let holdOnError = false;
            // Why the canary was left running (other routes still send it traffic), when it was.
            let keptCanary = null;
            const cancelled = this.deps.signal.aborted;
            let writing = false;
            const measured = action.type === 'measure' || (action.type === 'write' && action.then.type === 'measure');
            try {
                if (measured && cancelled) {
                    // No new weight after a cancel: on-cancel decides from the weight written.
                    event = { type: 'cancelled', why: this.cancelReason() };
                }
                else if (measured) {
                    // One step: its write and its window in one log group, its outcome in one line.
                    const m = (action.type === 'write' ? action.then : action);
                    const writeFirst = action.type === 'write';
                    const s0 = state;
                    const outcome = await (0,log/* withGroup */.I)(this.log, `step ${m.step}/${this.settings.steps.length}: canary ${m.weight}%${m.attempt > 1 ? ' (extended window)' : ''}`, async () => {
                        if (writeFirst) {
                            // A gate that fails (or is cancelled) stops the step before its weight is written.
                            const stopped = await gatesBefore(this, s0);
                            if (stopped)
                                return stopped;
                            writing = true;
                            await this.writeState(s0);
                            writing = false;
                        }
                        const r = await this.measure(m, this.state ?? s0);
                        if ('type' in r && r.type === 'verdict')
                            this.log.info(`step ${m.step}/${this.settings.steps.length} at ${m.weight}%: ${r.verdict.why ?? r.verdict.outcome} — ${r.verdict.reasons.map((x) => x.message).join('; ')}`);
                        return r;
                    });
                    if ('base' in outcome) {
                        state = outcome.base;
                        event = outcome.event;
                    }
                    else if ('adopted' in outcome) {
                        const t = machine_transition(outcome.adopted, { type: 'begin', liveWeight: outcome.adopted.weight }, this.ctx());
                        state = t.state;
                        action = t.action;
                        this.current = state;
                        continue;
                    }
                    else {
                        event = outcome;
                        if (writeFirst)
                            state = this.state ?? state;
                    }
                }
                else {
                    switch (action.type) {
                        case 'measure':
                            throw new Error('internal: a measure outside a step');
                        case 'write': {
                            const stopped = await gatesBefore(this, state); // promote's jump to 100%
                            if (stopped) {
                                ({ event, base: state } = stopped);
                                break;
                            }
                            writing = true;
                            await this.writeState(state);
                            state = this.state ?? state;
                            action = action.then;
                            continue;
                        }
                        case 'promote-stable':
                            try {
                                await promoteStable(this, state);
                                event = { type: 'stable-promoted' };
                            }
                            catch (err) {
                                if (!(err instanceof StableChangedError) || this.deps.signal.aborted)
                                    throw err;
                                holdOnError = true;
                                event = { type: 'error', message: err.message };
                            }
                            break;
                        case 'scale-canary-down': {
                            keptCanary = await scaleCanaryDown(this);
                            await forgetPreviousTemplate(this);
                            event = { type: 'canary-scaled-down' };
                            break;
                        }
                        case 'restore-stable':
                            await restoreStable(this, state);
                            event = { type: 'stable-restored', why: action.why };
                            break;
                    }
                }
            }
            catch (err) {
                if (err instanceof ConcurrentChangeError)
                    throw err;
                if (this.deps.signal.aborted && !cancelled)
                    event = { type: 'cancelled', why: this.cancelReason() };
                else if (writing || cancelled || action.type === 'restore-stable')
                    throw err; // a failed restore is not retried in a loop
                else
                    event = { type: 'error', message: err.message };
            }
            if (!event)
                throw new Error('internal: no event');
            let t = machine_transition(state, event, holdOnError ? { ...this.ctx(), onFailure: 'hold' } : this.ctx());
            if (keptCanary)
                t = keptRunning(t, keptCanary);
            this.noteFailure(event, t);
            state = t.state;
            action = t.action;
            this.current = state;
            if (event.type === 'verdict' || event.type === 'cancelled' || event.type === 'error') {
                // The next weight's gates run before its write (which also records this step's verdict):
                // a failing one is decided from the state written now, so the weight never rises.
                const stopped = action.type === 'write' ? await gatesBefore(this, state) : null;
                if (stopped) {
                    const g = machine_transition(stopped.base, stopped.event, this.ctx());
                    this.noteFailure(stopped.event, g);
                    ({ state, action } = g);
                    this.current = state;
                }
                // The step's outcome is written first, so the progress report shows it.
                if (action.type === 'write') {
                    await this.writeState(state);
                    state = this.state ?? state;
                    action = action.then;
                }
                if (action.type !== 'measure' || event.type !== 'verdict' || event.step !== action.step)
                    await this.progress();
            }
        }
    }
    /** Records that the run failed when an event ends it badly (a retried inconclusive window does not). */
    noteFailure(event, t) {
        if (event.type === 'error')
            this.failure ??= event.message;
        else if (event.type === 'cancelled')
            this.failure ??= event.why;
        else if (event.type === 'verdict' && event.verdict.outcome !== 'pass' && t.action.type !== 'measure')
            this.failure ??= t.state.reason ?? `step ${event.step} ${event.verdict.outcome}`;
    }
    deploymentRef(name) {
        return { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: this.target.namespace };
    }
}

;// CONCATENATED MODULE: ./src/promote/finalize.ts
// Finalize promote-stable, and finishing an interrupted promotion. The stable Deployment gets the
// canary's pod template with its previous template saved in the same write (the annotation
// PREVIOUS_TEMPLATE_ANNOTATION), so an interrupted finalize can be completed or undone: a
// rollback, a cancel or the post step restores that template before the state says
// `rolled-back`; once the canary is scaled down the saved template goes. Every change of a
// Deployment is read-change-replace through replaceWithRetry (a conflict decides again).
// finishInterrupted is the post step's entry. See README.md ("Finalize").
//
// Two checks guard the hand edits a person can make meanwhile: right before the route flips to
// the promoted stable, stable must run exactly the template promoted with all its replicas
// ready (else StableChangedError: traffic stays on the canary); and the canary is not scaled
// down while another route still sends it traffic (canaryStillRouted).
















/** On the stable Deployment: its pod template from before promote-stable, to restore an unfinished finalize. */
const PREVIOUS_TEMPLATE_ANNOTATION = 'istio-canary.dev/previous-template';
/**
 * Between promote-stable and the route flip, the stable Deployment stopped running the promoted
 * template with all its replicas ready (a person scaled it, set another image…): the route is
 * not flipped and the canary keeps the traffic.
 */
class StableChangedError extends src_errors/* IstioCanaryError */.f {
}
/** Which promotion a saved stable template belongs to. */
function promotionId(state) {
    return `${state.startedAt}|${state.canaryImage ?? ''}`;
}
function parseSaved(raw) {
    if (!raw)
        return null;
    try {
        const v = JSON.parse(raw);
        return (0,object/* isObject */.G)(v) && typeof v.promotion === 'string' && (0,object/* isObject */.G)(v.template)
            ? { promotion: v.promotion, template: v.template }
            : null;
    }
    catch {
        return null;
    }
}
/**
 * promote-stable: the stable Deployment gets the canary's pod template (keeping its own
 * labels), with its previous template kept in an annotation in the same write, then rolls
 * out. Idempotent: a rerun of the same promotion keeps the first saved template.
 */
async function promoteStable(run, state) {
    const { kube } = run.deps;
    const { target, settings } = run;
    const canaryName = target.canaryDeployment;
    const stableName = target.stableDeployment;
    if (!canaryName || !stableName)
        throw new Error('finalize promote-stable needs both the stable and the canary Deployment');
    const id = promotionId(state);
    let promoted = null;
    await replaceWithRetry(kube, run.deploymentRef(stableName), async (stable) => {
        const canary = await kube.get(run.deploymentRef(canaryName), { signal: run.writes });
        if (!canary || !stable)
            throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
        // Never promote one image while naming another.
        const canaryImages = (0,manifests/* imagesOf */.IC)(canary);
        if (state.canaryImage && !canaryImages.includes(state.canaryImage))
            throw new Error(`promote-stable: the canary Deployment ${canaryName} runs ${(0,one_line/* oneLine */.TN)(canaryImages.join(', ')) || 'no image'}, not ${(0,one_line/* oneLine */.TN)(state.canaryImage)} that this promotion is for; nothing was copied to ${stableName}`);
        const s = (0,views/* deploymentView */.hr)(stable);
        const template = promotedTemplate(canary, stable, target);
        promoted = template;
        const annotations = { ...(stable.metadata?.annotations ?? {}) };
        const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
        const previous = saved?.promotion === id ? saved.template : s.template;
        const before = (0,manifests/* containersOf */.Mz)({ spec: { template: previous } }).map((c) => c.name);
        const after = (0,manifests/* containersOf */.Mz)({ spec: { template } }).map((c) => c.name);
        if (before.join(',') !== after.join(',')) {
            const notice = `promote-stable renames the containers of ${stableName}: ${before.join(', ') || 'none'} → ${after.join(', ') || 'none'} (it copies the canary's pod template)`;
            if (!run.notices.includes(notice)) {
                run.notices.push(notice);
                run.log.warning(notice);
            }
        }
        if (saved?.promotion === id && canonical(s.template) === canonical(template)) {
            run.log.info(`promote-stable: ${stableName} already runs the canary's pod template`);
            return { done: null };
        }
        annotations[PREVIOUS_TEMPLATE_ANNOTATION] = JSON.stringify({ promotion: id, template: previous });
        const next = {
            ...stable,
            metadata: { ...stable.metadata, annotations },
            spec: { ...stable.spec, template },
        };
        return { write: next };
    }, { signal: run.writes, dryRun: settings.dryRun }).then((r) => {
        if ('written' in r)
            run.log.info(`promote-stable: ${stableName} now runs the canary's pod template (${(0,one_line/* oneLine */.TN)((0,manifests/* imagesOf */.IC)(r.written).join(', '))}); its previous template is kept in the annotation ${PREVIOUS_TEMPLATE_ANNOTATION} until the promotion ends`);
    });
    if (!settings.dryRun) {
        await waitForRollout(kube, { name: stableName, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: run.deps.signal });
        run.log.info(`promote-stable: ${stableName} is available`);
        await checkStableBeforeFlip(run, stableName, promoted);
    }
}
/** The canary's pod template as the stable Deployment gets it: with stable's own labels. */
function promotedTemplate(canary, stable, target) {
    const s = (0,views/* deploymentView */.hr)(stable);
    const template = structuredClone((0,views/* deploymentView */.hr)(canary).template ?? {});
    const keep = { ...target.stableLabels, ...(s.matchLabels ?? {}) };
    const labels = { ...(template.metadata?.labels ?? {}) };
    for (const k of Object.keys(target.canaryLabels))
        if (!(k in keep))
            delete labels[k];
    Object.assign(labels, keep);
    for (const k of Object.keys(keep))
        if (s.podLabels[k] !== undefined)
            labels[k] = s.podLabels[k];
    template.metadata = { ...(template.metadata ?? {}), labels };
    return template;
}
/**
 * Right before the route flips to stable: stable (read again) runs the template promote-stable
 * gave it, and all its desired replicas (at least one) are ready. Else StableChangedError
 * naming what changed and who wrote the Deployment.
 */
async function checkStableBeforeFlip(run, stableName, promoted) {
    const ref = `${run.target.namespace}/${stableName}`;
    const stable = await run.deps.kube.get(run.deploymentRef(stableName), { signal: run.writes });
    const problems = [];
    if (!stable)
        problems.push('it was deleted');
    else {
        const view = (0,views/* deploymentView */.hr)(stable);
        const want = podTemplateHash(promoted);
        const live = podTemplateHash(view.template);
        if (live !== want)
            problems.push(`its pod template is no longer the canary's (it runs ${(0,one_line/* oneLine */.TN)((0,manifests/* imagesOf */.IC)(stable).join(', ')) || 'no image'}; template hash ${live}, promoted ${want})`);
        const status = (0,object/* isObject */.G)(stable.status) ? stable.status : {};
        const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
        const desired = typeof view.replicas === 'number' ? view.replicas : 1;
        if (desired === 0)
            problems.push('it is scaled to 0 replicas');
        else if (ready !== desired)
            problems.push(`${ready} of its ${desired} replicas are ready`);
    }
    if (!problems.length)
        return;
    const who = stable ? otherWriters(stable, { ignoreStatus: true }) : [];
    throw new StableChangedError(`the stable Deployment ${ref} changed after promote-stable: ${problems.join('; ')}${who.length ? `; changed by ${who.slice(0, 3).join(', ')}` : ''}. The route was not flipped: 100% stays on the canary, which keeps running. Make ${stableName} run the canary's template with ready replicas (e.g. \`kubectl scale deployment/${stableName} -n ${run.target.namespace} --replicas N\`) and run \`promote\` again to finish, or run \`rollback\` to restore its previous template`);
}
/** `name.namespace` of a host as written in an object of `namespace` (short names are relative to it). */
function hostIn(host, namespace) {
    const parts = host.split('.');
    return `${parts[0]}.${parts[1] ?? namespace}`;
}
/**
 * The VirtualServices of every namespace (a route in another namespace can send to the canary's
 * host too); when the credentials may not list them cluster-wide (403), those of the promotion's
 * namespace, and the log says what was not checked.
 */
async function virtualServicesToCheck(run) {
    const { namespace, vsApiVersion } = run.target;
    try {
        return (await run.deps.kube.list(vsApiVersion, 'VirtualService', null, { signal: run.writes })).items;
    }
    catch (err) {
        if (!(err instanceof errors/* KubeApiError */.W3) || (err.code !== 403 && err.code !== 401))
            throw err;
        run.log.info(`finalize: may not list VirtualServices in all namespaces (${err.code}); only ${namespace}'s were checked for routes still sending to the canary`);
        return (await run.deps.kube.list(vsApiVersion, 'VirtualService', namespace, { signal: run.writes }))
            .items;
    }
}
/**
 * The other routes that still send traffic to the canary subset of the canary's host: this
 * VirtualService's other routes (http, tls, tcp) and every other VirtualService (all namespaces
 * when the credentials may list them). Each as `VirtualService ns/name <kind> route <name|index> (<weight>%)`.
 */
async function canaryStillRouted(run) {
    // An HTTPRoute's canary is a Service of its own: other HTTPRoutes are not looked at (said in the README).
    if (run.target.httpSelection)
        return [];
    const { namespace, selection, vsApiVersion } = run.target;
    const { host, subset } = selection.canary;
    const canaryHost = hostIn(host, namespace);
    const items = await virtualServicesToCheck(run);
    // The canary's pods may be reached through another subset name too: any subset of a
    // DestinationRule for the same host whose labels are among the canary subset's (it selects
    // every pod the canary subset selects).
    const subsets = new Set([subset]);
    const rules = await run.deps.kube.list(vsApiVersion, 'DestinationRule', namespace, { signal: run.writes });
    for (const dr of rules.items.map(views/* destinationRuleView */.yc))
        if (dr.host !== null && (0,promote_target/* sameHost */.RM)(dr.host, host, namespace))
            for (const s of dr.subsets)
                if (s.labels && Object.keys(s.labels).length && (0,containers/* matchesLabels */.r1)(run.target.canaryLabels, s.labels))
                    subsets.add(s.name);
    const found = [];
    for (const vs of items) {
        const name = vs.metadata?.name ?? '?';
        const vsNamespace = vs.metadata?.namespace ?? namespace;
        const spec = (0,object/* isObject */.G)(vs.spec) ? vs.spec : {};
        for (const kind of ['http', 'tls', 'tcp']) {
            const routes = Array.isArray(spec[kind]) ? spec[kind] : [];
            routes.forEach((r, i) => {
                if (!(0,object/* isObject */.G)(r))
                    return;
                if (vsNamespace === namespace &&
                    name === selection.virtualService &&
                    kind === 'http' &&
                    i === selection.routeIndex)
                    return;
                const dests = (Array.isArray(r.route) ? r.route : []).filter(object/* isObject */.G);
                const weight = dests
                    .filter((d) => (0,object/* isObject */.G)(d.destination) &&
                    typeof d.destination.subset === 'string' &&
                    subsets.has(d.destination.subset) &&
                    typeof d.destination.host === 'string' &&
                    hostIn(d.destination.host, vsNamespace) === canaryHost)
                    .reduce((sum, d) => sum + (typeof d.weight === 'number' ? d.weight : dests.length === 1 ? 100 : 0), 0);
                if (weight > 0)
                    found.push(`VirtualService ${(0,one_line/* oneLine */.TN)(vsNamespace)}/${(0,one_line/* oneLine */.TN)(name)} ${kind} route ${typeof r.name === 'string' ? (0,one_line/* oneLine */.TN)(r.name) : i} (${weight}%)`);
            });
        }
    }
    return found;
}
/** An unfinished finalize rolled back: the stable Deployment gets its template from before promote-stable again. */
async function restoreStable(run, state) {
    const stableName = run.target.stableDeployment;
    if (!stableName)
        return;
    const id = promotionId(state);
    const r = await replaceWithRetry(run.deps.kube, run.deploymentRef(stableName), (stable) => {
        if (!stable)
            return { done: null };
        const annotations = { ...(stable.metadata?.annotations ?? {}) };
        const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
        if (!saved || saved.promotion !== id) {
            run.log.info(`finalize: ${stableName} was not changed by this promotion; nothing to restore`);
            return { done: null };
        }
        delete annotations[PREVIOUS_TEMPLATE_ANNOTATION];
        return {
            write: {
                ...stable,
                metadata: { ...stable.metadata, annotations },
                spec: { ...stable.spec, template: saved.template },
            },
        };
    }, { signal: run.writes, dryRun: run.settings.dryRun });
    if ('written' in r)
        run.log.warning(`finalize interrupted: ${stableName} has its previous pod template again (${(0,one_line/* oneLine */.TN)((0,manifests/* imagesOf */.IC)(r.written).join(', '))})`);
}
/** Once the canary is down the finalize cannot be undone: stable's saved template goes (idempotent). */
async function forgetPreviousTemplate(run) {
    const name = run.target.stableDeployment;
    if (!name)
        return;
    const stable = await run.deps.kube.get(run.deploymentRef(name), { signal: run.writes });
    if (stable?.metadata?.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION] === undefined)
        return;
    await run.deps.kube.patch(run.deploymentRef(name), { metadata: { annotations: { [PREVIOUS_TEMPLATE_ANNOTATION]: null } } }, { dryRun: run.settings.dryRun, signal: run.writes });
}
/**
 * Why the stable Deployment cannot take the traffic the flip gave it (deleted, scaled to 0, no
 * ready replica: someone changed it after promote-stable checked it), or null when it can.
 * Read again just before the canary's scale-down, the last moment a pod still serves either way.
 */
async function stableNotServing(run) {
    const name = run.target.stableDeployment;
    if (!name)
        return null;
    const stable = await run.deps.kube.get(run.deploymentRef(name), { signal: run.writes });
    const ref = `${run.target.namespace}/${name}`;
    if (!stable)
        return `the stable Deployment ${ref} was deleted`;
    const view = (0,views/* deploymentView */.hr)(stable);
    const status = (0,object/* isObject */.G)(stable.status) ? stable.status : {};
    const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
    if (view.replicas === 0)
        return `the stable Deployment ${ref} was scaled to 0 replicas`;
    if (ready === 0)
        return `the stable Deployment ${ref} has no ready replica`;
    return null;
}
/**
 * The canary goes to 0 replicas, unless another route still sends it traffic (canaryStillRouted):
 * then it keeps running, the warning names those routes and the report carries it. Returns that
 * notice, or null when it was scaled down.
 */
async function scaleCanaryDown(run) {
    const unready = await stableNotServing(run);
    if (unready)
        throw new StableChangedError(`${unready} after the route flip, so the canary Deployment ${run.target.canaryDeployment ?? '?'} keeps running (scaling it down would leave no pod of either version); scale ${run.target.stableDeployment ?? 'stable'} up (its pods run the canary's template), then run \`promote\` again to finish`);
    const routes = await canaryStillRouted(run);
    if (routes.length) {
        const notice = `the canary Deployment ${run.target.canaryDeployment ?? run.target.selection.canary.subset} was left running: other routes still send traffic to its subset ${(0,one_line/* oneLine */.TN)(run.target.selection.canary.subset)}: ${routes.join('; ')}. Move them off it, then scale it down`;
        if (!run.notices.includes(notice))
            run.notices.push(notice);
        run.log.warning(notice);
        return notice;
    }
    if (run.target.canaryDeployment)
        await run.deps.kube.patch(run.deploymentRef(run.target.canaryDeployment), { spec: { replicas: 0 } }, { dryRun: run.settings.dryRun, signal: run.writes });
    run.log.info(`scaled the canary Deployment ${run.target.canaryDeployment ?? '?'} to 0`);
    return null;
}
/**
 * The stable Deployment's images are what promotions made them (promote-stable gives it the
 * canary's): re-applying the manifests must not take it back to the image the manifest was
 * first written with. The manifests set the stable images only when it is created.
 */
function keepLiveImages(doc, live, logger) {
    const liveImages = new Map((0,views/* deploymentView */.hr)(live).containers.map((c) => [c.name, c.image]));
    const copy = structuredClone(doc);
    for (const c of (0,views/* deploymentView */.hr)(copy).containers) {
        const image = liveImages.get(c.name);
        if (image && image !== c.image) {
            logger.info(`keeping the stable ${doc.metadata?.name ?? ''} container ${(0,one_line/* oneLine */.TN)(c.name)} at ${(0,one_line/* oneLine */.TN)(image)} (the manifest says ${(0,one_line/* oneLine */.TN)(c.image || '?')})`);
            c.raw.image = image;
        }
    }
    return copy;
}
/**
 * For the post step: when the main step of this process's job (deps.holder, saved by main)
 * left a rollback unfinished (phase rolling-back), a finalize unfinished (phase finalizing:
 * completed when stable already took the traffic back, else restored), or was cancelled
 * mid-promotion (phase in-progress) with on-cancel rollback, finish it. Returns the report
 * when it did something, else null.
 */
async function finishInterrupted(settings, deps) {
    if (!deps.holder) {
        deps.logger.debug('post: the main step saved no holder id; no promotion to finish');
        return null;
    }
    // The live cluster has what main applied: no need to read the manifests again. When main
    // never got as far as a VirtualService, there is nothing to finish.
    let target;
    try {
        target = await resolveTarget({ ...settings, command: 'rollback', manifests: [], canaryImage: null }, deps.kube, { cwd: deps.cwd ?? process.cwd() });
    }
    catch (err) {
        if (!(err instanceof ManifestError))
            throw err;
        deps.logger.debug(`post: no promotion to finish (${err.message})`);
        return null;
    }
    const run = new Run({ ...settings, command: 'rollback' }, deps, target);
    await run.readVs();
    const s = run.state;
    if (!s || s.runId !== run.holder)
        return null;
    const interrupted = s.phase === 'rolling-back' ||
        s.phase === 'finalizing' ||
        (s.phase === 'in-progress' && settings.onCancel === 'rollback');
    if (!interrupted)
        return null;
    const what = run.edited(run.vs, s);
    if (what) {
        deps.logger.warning(`post: ${what}; leaving the route as it is`);
        return null;
    }
    deps.logger.warning(`the promotion was interrupted (${describe(s)}); finishing it`);
    run.lease = await acquireLease(deps.kube, {
        namespace: target.namespace,
        virtualService: target.selection.virtualService,
        holder: run.holder,
        durationMs: deps.lease?.durationMs ?? 15_000,
        waitMs: deps.lease?.waitMs ?? 30_000,
        logger: deps.logger,
    });
    try {
        const reason = s.phase === 'rolling-back'
            ? (s.reason ?? 'finishing an interrupted rollback')
            : s.phase === 'finalizing'
                ? `the run stopped during finalize at ${s.weight}% canary (cancelled or killed); finished by the post step`
                : `the run stopped at ${s.weight}% canary without finishing (cancelled or killed); rolled back by the post step`;
        const t = transition(s, { type: 'cancelled', why: reason }, { ...run.ctx(), onCancel: 'rollback' });
        await run.drive(t);
    }
    finally {
        await run.lease.release();
    }
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
}

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
        state = run.state ?? freshState(run.ctx(), run.liveWeight());
    }
    else {
        const { restart, adopted } = await decideStart(run, settings);
        if (restart !== null && run.state)
            logger.info(`[dry-run] would start a new promotion${target.canaryImage ? ` of ${target.canaryImage}` : ''} from the first step: ${restart}${run.state ? `; canary to 0% first (previous: ${machine_describe(run.state)})` : ''}`);
        state = restart !== null ? freshState(run.ctx(), 0) : (adopted ?? run.state ?? freshState(run.ctx(), 0));
    }
    if (settings.command === 'promote' &&
        settings.canaryImage &&
        target.canaryDeployment &&
        state.canaryImage !== settings.canaryImage) {
        // As the real promote: an unfinished promotion's canary goes to 0% and the state names the
        // new image before the canary's template changes (write-ahead).
        const writeAhead = state.phase === 'in-progress' || state.phase === 'held';
        logger.info(`[dry-run] would ${writeAhead ? `move the canary to 0% and record ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} as a new promotion (previous: ${machine_describe(state)}), then ` : ''}set ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} on the canary Deployment ${(0,one_line/* oneLine */.TN)(target.canaryDeployment)} (unless it runs it already) and wait for its rollout`);
        if (writeAhead)
            state = freshState(run.ctx(), 0);
    }
    // A strategy's judged windows before the weights: each write printed, each window assumed to pass.
    const walking = settings.command === 'run' || settings.command === 'step';
    if (walking && !state.strategy) {
        const rec = recordOf(settings.strategy);
        if (rec)
            state = { ...state, strategy: rec };
    }
    let windowsDone = 0;
    while (walking && windowsPending(state) && !(settings.command === 'step' && windowsDone > 0)) {
        const rec = state.strategy;
        const next = { ...state, phase: 'in-progress', strategy: { ...rec, on: true } };
        if (run.vs)
            await kube.replace(renderState(run.vs, target, next), { dryRun: true });
        const traffic = windowTrafficOf(next);
        logger.info(`[dry-run] would write ${target.selection.virtualService}: ${stageText(next)}, then measure ${settings.intervalMs} ms — ${windowLabel(rec, rec.passed + 1)}${traffic?.canarySource === 'prometheus' ? ' (the canary judged on Prometheus destination metrics)' : traffic?.cohort ? ` (${Math.round(traffic.cohort.share * 100)}% of the load sent to match)` : ''}`);
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
    let t = machine_transition(state, { type: 'begin', liveWeight: state.weight }, run.ctx());
    if (isFresh(state) && t.action.type === 'write' && ['run', 'step'].includes(settings.command)) {
        const baselineMs = await planWindows(run, { baseline: false });
        if (baselineMs > 0)
            logger.info(`[dry-run] would send ${(0,input_parsers/* formatDuration */.a3)(baselineMs)} of load to stable alone before the canary's first traffic`);
    }
    const windowMs = (step) => run.plannedMs.get(step) ?? settings.intervalMs;
    const simulated = (e) => machine_transition(t.state, e, run.ctx());
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
                for (const g of (0,gates_spec/* gatesOf */.og)(settings.gates, weightNow === 0 ? 'pre-rollout' : 'pre-step'))
                    logger.info(`[dry-run] would run gate ${(0,gates_spec/* describeGate */.l7)(g)} (${weightNow === 0 ? 'pre-rollout' : 'pre-step'}) before ${w}%; a failure rolls back like a failed check`);
            weightNow = w;
            const base = run.vs ?? vsDoc;
            if (run.vs)
                await kube.replace(renderState(run.vs, target, t.state), { dryRun: true });
            else if (!base)
                logger.debug(`[dry-run] ${name} does not exist yet`);
            logger.info(action.then.type === 'measure'
                ? `[dry-run] would set ${name}: ${stageText(t.state)}, then measure ${windowMs(action.then.step)} ms`
                : `[dry-run] would set ${name}: ${stageText(t.state)} (${t.state.phase})`);
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
        logger.info(what);
        const routed = action.type === 'scale-canary-down' ? await canaryStillRouted(run) : [];
        if (routed.length) {
            const notice = `[dry-run] the canary Deployment ${target.canaryDeployment ?? '?'} would be left running: other routes still send traffic to its subset: ${routed.join('; ')}`;
            logger.warning(notice);
            run.notices.push(notice);
        }
        t = simulated(action.type === 'promote-stable'
            ? { type: 'stable-promoted' }
            : action.type === 'scale-canary-down'
                ? { type: 'canary-scaled-down' }
                : { type: 'stable-restored', why: action.why });
    }
    const report = run.report(null);
    await run.deps.reporter.final(report);
    return report;
}

// EXTERNAL MODULE: ./src/kube/manifest-apply.ts
var manifest_apply = __webpack_require__(26885);
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
    const r = await replaceWithRetry(kube, ref, (live) => {
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
            if (err instanceof errors/* KubeApiError */.W3 && err.code === 404)
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
        hash: podTemplateHash(template),
        legacy: legacyPodTemplateHash(template),
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

// EXTERNAL MODULE: ./src/strategy/validate.ts
var validate = __webpack_require__(36419);
;// CONCATENATED MODULE: ./src/promote/strategy-check.ts




/** Throws one StrategyError naming every problem of the strategy inputs with the target route; writes nothing. */
async function refuseStrategy(run) {
    const { settings, target } = run;
    const spec = settings.strategy;
    if (spec.strategy === 'canary' && spec.services.length === 0)
        return;
    const errors = [...engineStrategyErrors(spec, settings.metrics)];
    const docs = target.docs.map((d) => d.object);
    const kindName = routeKindName(target);
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
        throw new CancelledError(`cancelled (${r instanceof Error ? r.message : String(r)}) while reading the route, before this run changed anything (${causeOf(err)}); the canary is where it was`, { cause: err });
    });
    const run = new run_Run(settings, deps, target);
    logger.info(`istio-canary ${settings.command}: ${routeKindName(target)} ${target.namespace}/${target.selection.virtualService} route ${(0,one_line/* oneLine */.TN)(String(target.selection.routeName ?? target.selection.routeIndex))}, stable ${(0,one_line/* oneLine */.TN)(target.selection.stable.subset)} (${(0,one_line/* oneLine */.TN)(target.stableDeployment ?? '?')}), canary ${(0,one_line/* oneLine */.TN)(target.selection.canary.subset)} (${(0,one_line/* oneLine */.TN)(target.canaryDeployment ?? '?')})${target.canaryImage ? ` image ${(0,one_line/* oneLine */.TN)(target.canaryImage)}` : ''}`);
    if (settings.command === 'status' || settings.command === 'cleanup') {
        await run.readVs();
        const s = run.state;
        logger.info(s
            ? machine_describe(s)
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
        await refusePaused(kube, target.namespace, [target.canaryDeployment, target.stableDeployment], target.docs, deps.signal);
    // A strategy's bad combinations are named before anything is written (dry run included).
    if (settings.command === 'run' || settings.command === 'step')
        await refuseStrategy(run);
    // Checked before any write (and in a dry run): the inputs, the files, the edit itself.
    const gitPr = input.finalize === 'git-pr' && ['run', 'step', 'promote'].includes(settings.command)
        ? await (await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(815), __webpack_require__.e(611), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 35455))).prepareGitFinalize(input, run)
        : null;
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
            if (!(preempt && err instanceof StateAnnotationError))
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
        run.lease = await lease_acquireLease(kube, {
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
    }
    catch (err) {
        if (!deps.signal.aborted)
            throw err;
        throw new CancelledError(`${run.cancelReason(false)} before this run wrote any weight (${causeOf(err)}): ${run.whereCanary()}`, { cause: err });
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
            if (!(err instanceof StateAnnotationError))
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
                ...onRoute(run, freshState(run.ctx(), live)),
                phase: 'rolled-back',
                weight: 0,
                reason: why,
                events: [{ at: run.iso(), message: `replaced an unreadable state annotation: ${text}` }],
            };
            await run.writeState(state);
            run.log.info(`rolled back: ${why}`);
            return;
        }
        const state = onRoute(run, run.state ?? freshState(run.ctx(), live));
        await run.drive(machine_transition(state, { type: 'begin', liveWeight: live }, run.ctx()));
    }, CONFLICT_RETRY, {
        signal: run.writes,
        retryable: (err) => err instanceof ConcurrentChangeError && !(err instanceof HumanEditError),
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
    const otherStrategy = walking ? strategyChange(run.state, settings.strategy) : null;
    if (otherStrategy)
        throw new StartRefused(otherStrategy);
    const template = await canaryTemplate(run, settings);
    run.templateHash = template === null ? null : podTemplateHash(template);
    const facts = run.startFacts();
    refuseOtherRoute(run);
    refuseSwappedStart(run, settings);
    // A person's change of the weights wins (or is taken over) before anything is written.
    const edit = run.edited(run.vs, run.state);
    const orphan = unrecordedTraffic(run.state, facts);
    const what = edit ?? orphan;
    if (what && !settings.takeOver)
        throw new HumanEditError(`${what}. Nothing was written. To continue from the live weights${orphan ? ' (the measurement is probed before the first window)' : ''}, run again with take-over: true; to send all traffic to stable, run rollback.`);
    let adopted = null;
    if (what) {
        logger.warning(`${what}; take-over: continuing from the live weights`);
        const base = run.state ?? freshState(run.ctx(), facts.liveWeight);
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
    const compared = template !== null && run.state?.templateHash === legacyPodTemplateHash(template)
        ? run.state.templateHash
        : run.templateHash;
    const restart = walking || (settings.command === 'promote' && settings.canaryImage && finished)
        ? restartReason(run.state, run.target.canaryImage, walking ? compared : null)
        : null;
    const kept = keptPromotionRefusal(run.state, restart !== null, facts);
    if (kept)
        throw new StartRefused(kept);
    const s = run.state;
    if (settings.command === 'promote' &&
        settings.canaryImage &&
        s &&
        (s.phase === 'finalizing' || s.phase === 'rolling-back') &&
        s.canaryImage !== settings.canaryImage)
        throw new StartRefused(`promote: the promotion on ${run.vsName}${s.canaryImage ? ` of ${(0,one_line/* oneLine */.TN)(s.canaryImage)}` : ''} is ${s.phase}; its canary is not changed to ${(0,one_line/* oneLine */.TN)(settings.canaryImage)} before it ends. Nothing was written. Run \`promote\` without canary-image (or \`rollback\`) to finish it first`);
    if (settings.command === 'promote' &&
        s &&
        (s.phase === 'in-progress' || s.phase === 'held') &&
        compared &&
        s.templateHash &&
        compared !== s.templateHash &&
        (!settings.canaryImage || settings.canaryImage === s.canaryImage))
        throw new StartRefused(`promote: the canary pod template of ${run.target.namespace}/${run.target.canaryDeployment} changed since this promotion judged it (hash ${s.templateHash} → ${compared}), so promote would send 100% to a template no step measured. Nothing was written. Run \`step\` or \`run\` to judge it from the first step, or \`rollback\``);
    const change = walking && !restart && s ? scheduleChange(s, settings.steps) : null;
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
    let restarted = null;
    // Write-ahead: traffic off the canary before its template changes, and the state names the
    // new image and template at once: the new template is judged from the first step, and a
    // kill from here on leaves a state that tells the truth (a rerun resumes the new promotion).
    const restartNow = async (why, message) => {
        const previous = machine_describe(run.state);
        logger.info(`${message}: ${why} (previous: ${previous})`);
        const events = [
            { at: run.iso(), message: `new promotion from the first step: ${why} (previous: ${previous})` },
        ];
        await run.writeState({ ...onRoute(run, freshState(run.ctx(), 0)), events });
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
                return [{ ...d, object: keepLiveImages(o, liveStable, logger) }];
            if (o.kind !== routeKindName(target) || o.metadata?.name !== target.selection.virtualService)
                return [d];
            return fresh ? [{ ...d, object: atWeight(o, target, 0) }] : [];
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
            await waitForRollout(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
        }
        catch (err) {
            if (!changed && !restarted)
                throw err;
            // The canary changed and did not become available: whatever traffic it had goes back to
            // stable (whatever on-failure says: no step ever judged this image), and the state says why.
            const base = {
                ...onRoute(run, run.state ?? freshState(run.ctx(), run.liveWeight())),
                canaryImage: settings.canaryImage,
                templateHash: run.templateHash,
            };
            const event = deps.signal.aborted
                ? { type: 'cancelled', why: run.cancelReason() }
                : {
                    type: 'error',
                    message: `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} did not roll out ${settings.canaryImage}: ${err.message}; traffic back to stable`,
                };
            const t = machine_transition(base, event, { ...run.ctx(), onFailure: 'rollback', onCancel: 'rollback' });
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
    const state = onRoute(run, restarted ?? run.state ?? freshState(run.ctx(), run.liveWeight()));
    let first = machine_transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
    const begun = first;
    if (walking &&
        target.canaryDeployment &&
        (first.action.type === 'measure' || first.action.type === 'write')) {
        try {
            await (0,log/* withGroup */.I)(logger, `canary rollout: ${target.namespace}/${target.canaryDeployment}`, async () => {
                logger.info(`waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`);
                await waitForRollout(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
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
            first = machine_transition(state, event, run.ctx());
            run.noteFailure(event, first);
        }
    }
    // Nothing moves until the measurement is proven (load path, Prometheus, Services): see probe.ts.
    const unproven = await unprovenMeasurement(first, {
        kube,
        metrics: deps.metrics,
        virtualService: probeView(run.vs ?? {}, target),
        routeIndex: target.selection.routeIndex,
        namespace: target.namespace,
        stableWorkload: target.stableDeployment ?? target.selection.stable.subset,
        liveWeight: run.liveWeight(),
        signal: deps.signal,
        logger,
    });
    if (unproven) {
        first = machine_transition(state, unproven, run.ctx());
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
/**
 * An unrecoverable error mid-run (the API gone after the retries, a bug, a cancel whose writes
 * could not be made): unless another writer took over, roll back (or hold) best effort so the
 * state says why, post the report, and return a PromotionError carrying it. After a cancel its
 * message says where the canary is (the confirmed weight, a write never confirmed) and the
 * command that rolls it back.
 */
async function failed(run, err) {
    const cancelled = run.deps.signal.aborted;
    const cause = causeOf(err);
    // Not logged here: the error returned is printed once by whoever runs the command (the CLI's
    // `error:` line, the action's setFailed, the post step's message).
    // Only a run that got as far as driving the machine has something to roll back or hold; it
    // decides from the last state the server confirmed (the intended one may never have landed).
    const state = run.current ? run.state : null;
    if (err instanceof ConcurrentChangeError) {
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
        const t = machine_transition(state, { type: 'error', message: cause }, run.ctx());
        try {
            if (t.action.type === 'write')
                await run.writeState(t.state);
            else if (t.action.type !== 'stop')
                await run.drive(t);
        }
        catch (again) {
            run.current = run.state;
            if (!cancelled)
                run.deps.logger.error(`could not record the failure on the VirtualService (${causeOf(again)}); ${run.whereCanary()}`);
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
    return new PromotionError(message, report, { cause: err });
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
