export const id = 621;
export const ids = [621];
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

/***/ 38049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ replaceWithRetry),
/* harmony export */   m: () => (/* binding */ CONFLICT_RETRY)
/* harmony export */ });
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(49809);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23646);
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
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .retry */ .L5)(async (attempt) => {
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
            const conflict = err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KubeApiError */ .W3 && err.code === 409;
            if (conflict)
                options.onConflict?.(err, attempt);
            return conflict;
        },
    });
}


/***/ }),

/***/ 74236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d1: () => (/* binding */ refusePaused),
/* harmony export */   gj: () => (/* binding */ waitForRollout)
/* harmony export */ });
/* unused harmony exports isPaused, isRolledOut, describeRollout */
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(69313);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23646);
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93029);
// Waiting for a Deployment to be rolled out and available: a watch (not a poll), bounded by
// rollout-timeout, and a sentence saying why when it does not get there. A paused Deployment
// (spec.paused) never rolls out a new template: refusePaused names it before any write, and a
// wait on one fails at once.



const num = (v) => (typeof v === 'number' ? v : 0);
function parts(d) {
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(d.spec) ? d.spec : {};
    const status = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(d.status) ? d.status : {};
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
        conditions: (Array.isArray(status.conditions) ? status.conditions : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G),
    };
}
/** Whether the Deployment is paused (`kubectl rollout pause`): its controller rolls out no new template. */
function isPaused(d) {
    return !!d && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(d.spec) && d.spec.paused === true;
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
        const said = doc && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(doc.spec) ? doc.spec.paused : undefined;
        if (said === true)
            problems.push(pausedMessage(namespace, name, 'in the manifests'));
        else if (said === undefined) {
            const live = await kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace }, { signal });
            if (isPaused(live))
                problems.push(pausedMessage(namespace, name, 'in the cluster'));
        }
    }
    if (problems.length)
        throw new _manifest_read_js__WEBPACK_IMPORTED_MODULE_1__/* .ManifestError */ .Sh(problems);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .WaitTimeoutError */ .Do(describeRollout(`${ref.namespace}/${ref.name}`, stuck ?? obj));
    return obj;
}


/***/ }),

/***/ 50963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ causeOf)
/* harmony export */ });
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


/***/ }),

/***/ 85632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lt: () => (/* binding */ scaleCanaryDown),
/* harmony export */   MM: () => (/* binding */ canaryStillRouted),
/* harmony export */   eN: () => (/* binding */ restoreStable),
/* harmony export */   gD: () => (/* binding */ promoteStable),
/* harmony export */   jY: () => (/* binding */ forgetPreviousTemplate),
/* harmony export */   k7: () => (/* binding */ keepLiveImages),
/* harmony export */   kZ: () => (/* binding */ StableChangedError)
/* harmony export */ });
/* unused harmony exports PREVIOUS_TEMPLATE_ANNOTATION, promotionId, finishInterrupted */
/* harmony import */ var node_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1708);
/* harmony import */ var node_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4483);
/* harmony import */ var _kube_replace_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38049);
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(96919);
/* harmony import */ var _kube_containers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(85733);
/* harmony import */ var _kube_rollout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(74236);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(69313);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(14350);
/* harmony import */ var _lease_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(89702);
/* harmony import */ var _machine_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(23401);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(82574);
/* harmony import */ var _template_hash_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(55757);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(83916);
/* harmony import */ var _kube_errors_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(23646);
/* harmony import */ var _strategy_http_route_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(65665);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(76930);
/* harmony import */ var _route_object_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(25725);
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
// down while another route (VirtualService route or HTTPRoute rule) still sends it traffic
// (canaryStillRouted).


















/** On the stable Deployment: its pod template from before promote-stable, to restore an unfinished finalize. */
const PREVIOUS_TEMPLATE_ANNOTATION = 'istio-canary.dev/previous-template';
/**
 * Between promote-stable and the route flip, the stable Deployment stopped running the promoted
 * template with all its replicas ready (a person scaled it, set another image…): the route is
 * not flipped and the canary keeps the traffic.
 */
class StableChangedError extends _errors_js__WEBPACK_IMPORTED_MODULE_10__/* .IstioCanaryError */ .f {
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
        return (0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(v) && typeof v.promotion === 'string' && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(v.template)
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
    await (0,_kube_replace_js__WEBPACK_IMPORTED_MODULE_2__/* .replaceWithRetry */ .d)(kube, run.deploymentRef(stableName), async (stable) => {
        const canary = await kube.get(run.deploymentRef(canaryName), { signal: run.writes });
        if (!canary || !stable)
            throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
        // Never promote one image while naming another.
        const canaryImages = (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__/* .imagesOf */ .IC)(canary);
        if (state.canaryImage && !canaryImages.includes(state.canaryImage))
            throw new Error(`promote-stable: the canary Deployment ${canaryName} runs ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(canaryImages.join(', ')) || 'no image'}, not ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(state.canaryImage)} that this promotion is for; nothing was copied to ${stableName}`);
        const s = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(stable);
        const template = promotedTemplate(canary, stable, target);
        promoted = template;
        const annotations = { ...(stable.metadata?.annotations ?? {}) };
        const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
        const previous = saved?.promotion === id ? saved.template : s.template;
        const before = (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__/* .containersOf */ .Mz)({ spec: { template: previous } }).map((c) => c.name);
        const after = (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__/* .containersOf */ .Mz)({ spec: { template } }).map((c) => c.name);
        if (before.join(',') !== after.join(',')) {
            const notice = `promote-stable renames the containers of ${stableName}: ${before.join(', ') || 'none'} → ${after.join(', ') || 'none'} (it copies the canary's pod template)`;
            if (!run.notices.includes(notice)) {
                run.notices.push(notice);
                run.log.warning(notice);
            }
        }
        if (saved?.promotion === id && (0,_template_hash_js__WEBPACK_IMPORTED_MODULE_9__/* .canonical */ .$N)(s.template) === (0,_template_hash_js__WEBPACK_IMPORTED_MODULE_9__/* .canonical */ .$N)(template)) {
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
            run.log.info(`promote-stable: ${stableName} now runs the canary's pod template (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__/* .imagesOf */ .IC)(r.written).join(', '))}); its previous template is kept in the annotation ${PREVIOUS_TEMPLATE_ANNOTATION} until the promotion ends`);
    });
    if (!settings.dryRun) {
        await (0,_kube_rollout_js__WEBPACK_IMPORTED_MODULE_4__/* .waitForRollout */ .gj)(kube, { name: stableName, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: run.deps.signal });
        run.log.info(`promote-stable: ${stableName} is available`);
        await checkStableBeforeFlip(run, stableName, promoted);
    }
}
/** The canary's pod template as the stable Deployment gets it: with stable's own labels. */
function promotedTemplate(canary, stable, target) {
    const s = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(stable);
    const template = structuredClone((0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(canary).template ?? {});
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
        const view = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(stable);
        const want = (0,_template_hash_js__WEBPACK_IMPORTED_MODULE_9__/* .podTemplateHash */ .U4)(promoted);
        const live = (0,_template_hash_js__WEBPACK_IMPORTED_MODULE_9__/* .podTemplateHash */ .U4)(view.template);
        if (live !== want)
            problems.push(`its pod template is no longer the canary's (it runs ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__/* .imagesOf */ .IC)(stable).join(', ')) || 'no image'}; template hash ${live}, promoted ${want})`);
        const status = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(stable.status) ? stable.status : {};
        const ready = typeof status.readyReplicas === 'number' ? status.readyReplicas : 0;
        const desired = typeof view.replicas === 'number' ? view.replicas : 1;
        if (desired === 0)
            problems.push('it is scaled to 0 replicas');
        else if (ready !== desired)
            problems.push(`${ready} of its ${desired} replicas are ready`);
    }
    if (!problems.length)
        return;
    const who = stable ? (0,_run_js__WEBPACK_IMPORTED_MODULE_13__/* .otherWriters */ .dT)(stable, { ignoreStatus: true }) : [];
    throw new StableChangedError(`the stable Deployment ${ref} changed after promote-stable: ${problems.join('; ')}${who.length ? `; changed by ${who.slice(0, 3).join(', ')}` : ''}. The route was not flipped: 100% stays on the canary, which keeps running. Make ${stableName} run the canary's template with ready replicas (e.g. \`kubectl scale deployment/${stableName} -n ${run.target.namespace} --replicas N\`) and run \`promote\` again to finish, or run \`rollback\` to restore its previous template`);
}
/** `name.namespace` of a host as written in an object of `namespace` (short names are relative to it). */
function hostIn(host, namespace) {
    const parts = host.split('.');
    return `${parts[0]}.${parts[1] ?? namespace}`;
}
/**
 * The routes of a kind (VirtualService, HTTPRoute) of every namespace (a route in another
 * namespace can send to the canary too); when the credentials may not list them cluster-wide
 * (403/401), those of the promotion's namespace, and the log says what was not checked.
 */
async function routesToCheck(run, apiVersion, kind) {
    const { namespace } = run.target;
    try {
        return (await run.deps.kube.list(apiVersion, kind, null, { signal: run.writes })).items;
    }
    catch (err) {
        if (!(err instanceof _kube_errors_js__WEBPACK_IMPORTED_MODULE_11__/* .KubeApiError */ .W3) || (err.code !== 403 && err.code !== 401))
            throw err;
        run.log.info(`finalize: may not list ${kind}s in all namespaces (${err.code}); only ${namespace}'s were checked for routes still sending to the canary`);
        return (await run.deps.kube.list(apiVersion, kind, namespace, { signal: run.writes })).items;
    }
}
/**
 * The routes (http, tls, tcp) of the VirtualServices `items` that give weight to destinations
 * `sends` picks, but `skip`: each as `VirtualService ns/name <kind> route <name|index> (<weight>%)`.
 */
function vsRoutesSending(items, namespace, sends, skip) {
    const found = [];
    for (const vs of items) {
        const name = vs.metadata?.name ?? '?';
        const vsNamespace = vs.metadata?.namespace ?? namespace;
        const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(vs.spec) ? vs.spec : {};
        for (const kind of ['http', 'tls', 'tcp']) {
            const routes = Array.isArray(spec[kind]) ? spec[kind] : [];
            routes.forEach((r, i) => {
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(r) || skip(vsNamespace, name, kind, i))
                    return;
                const dests = (Array.isArray(r.route) ? r.route : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G);
                const weight = dests
                    .filter((d) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(d.destination) && sends(d.destination, vsNamespace))
                    .reduce((sum, d) => sum + (typeof d.weight === 'number' ? d.weight : dests.length === 1 ? 100 : 0), 0);
                if (weight > 0)
                    found.push(`VirtualService ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(vsNamespace)}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(name)} ${kind} route ${typeof r.name === 'string' ? (0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(r.name) : i} (${weight}%)`);
            });
        }
    }
    return found;
}
/**
 * The other routes that still send traffic to the canary. For a VirtualService, to the canary
 * subset of the canary's host: this VirtualService's other routes (http, tls, tcp) and every
 * other VirtualService. For an HTTPRoute, to the canary Service: the other rules of this
 * HTTPRoute and of every other HTTPRoute (strategy/http-route.ts httpRulesSendingTo), and the
 * VirtualService routes whose destination host is that Service (any subset). All namespaces
 * when the credentials may list them. Each as `VirtualService ns/name <kind> route
 * <name|index> (<weight>%)` or `HTTPRoute ns/name rule <name|index> (<weight>%)`.
 */
async function canaryStillRouted(run) {
    if (run.target.httpSelection)
        return httpCanaryStillRouted(run, run.target.httpSelection);
    const { namespace, selection, vsApiVersion } = run.target;
    const { host, subset } = selection.canary;
    const canaryHost = hostIn(host, namespace);
    const items = await routesToCheck(run, vsApiVersion, 'VirtualService');
    // The canary's pods may be reached through another subset name too: any subset of a
    // DestinationRule for the same host whose labels are among the canary subset's (it selects
    // every pod the canary subset selects).
    const subsets = new Set([subset]);
    const rules = await run.deps.kube.list(vsApiVersion, 'DestinationRule', namespace, { signal: run.writes });
    for (const dr of rules.items.map(_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .destinationRuleView */ .yc))
        if (dr.host !== null && (0,_target_js__WEBPACK_IMPORTED_MODULE_8__/* .sameHost */ .RM)(dr.host, host, namespace))
            for (const s of dr.subsets)
                if (s.labels && Object.keys(s.labels).length && (0,_kube_containers_js__WEBPACK_IMPORTED_MODULE_3__/* .matchesLabels */ .r1)(run.target.canaryLabels, s.labels))
                    subsets.add(s.name);
    return vsRoutesSending(items, namespace, (d, vsNamespace) => typeof d.subset === 'string' &&
        subsets.has(d.subset) &&
        typeof d.host === 'string' &&
        hostIn(d.host, vsNamespace) === canaryHost, (vsNamespace, name, kind, i) => vsNamespace === namespace &&
        name === selection.virtualService &&
        kind === 'http' &&
        i === selection.routeIndex);
}
/** canaryStillRouted for an HTTPRoute: the canary is the Service of the canary backendRef. */
async function httpCanaryStillRouted(run, sel) {
    const { namespace, vsApiVersion } = run.target;
    const to = { service: sel.canary.service, namespace };
    const routes = await routesToCheck(run, vsApiVersion, 'HTTPRoute');
    const found = (0,_strategy_http_route_js__WEBPACK_IMPORTED_MODULE_12__/* .httpRulesSendingTo */ .lN)(routes, to, { namespace, selection: sel });
    // A mesh with Istio: its VirtualServices can send to the canary Service too.
    const istio = await (0,_target_js__WEBPACK_IMPORTED_MODULE_8__/* .servedIstioVersion */ .y_)(run.deps.kube, 'VirtualService', run.writes);
    if (istio) {
        const canaryHost = `${to.service}.${namespace}`;
        const items = await routesToCheck(run, istio, 'VirtualService');
        found.push(...vsRoutesSending(items, namespace, (d, vsNamespace) => typeof d.host === 'string' && hostIn(d.host, vsNamespace) === canaryHost, () => false));
    }
    return found;
}
/** An unfinished finalize rolled back: the stable Deployment gets its template from before promote-stable again. */
async function restoreStable(run, state) {
    const stableName = run.target.stableDeployment;
    if (!stableName)
        return;
    const id = promotionId(state);
    const r = await (0,_kube_replace_js__WEBPACK_IMPORTED_MODULE_2__/* .replaceWithRetry */ .d)(run.deps.kube, run.deploymentRef(stableName), (stable) => {
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
        run.log.warning(`finalize interrupted: ${stableName} has its previous pod template again (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_1__/* .imagesOf */ .IC)(r.written).join(', '))})`);
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
    const view = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(stable);
    const status = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_15__/* .isObject */ .G)(stable.status) ? stable.status : {};
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
        const notice = `the canary Deployment ${run.target.canaryDeployment ?? run.target.selection.canary.subset} was left running: other routes still send traffic to its ${(0,_route_object_js__WEBPACK_IMPORTED_MODULE_14__/* .canarySide */ .az)(run.target)}: ${routes.join('; ')}. Move them off it, then scale it down`;
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
    const liveImages = new Map((0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(live).containers.map((c) => [c.name, c.image]));
    const copy = structuredClone(doc);
    for (const c of (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_16__/* .deploymentView */ .hr)(copy).containers) {
        const image = liveImages.get(c.name);
        if (image && image !== c.image) {
            logger.info(`keeping the stable ${doc.metadata?.name ?? ''} container ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(c.name)} at ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(image)} (the manifest says ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_5__/* .oneLine */ .TN)(c.image || '?')})`);
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


/***/ }),

/***/ 2862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IB: () => (/* binding */ gatesBefore)
});

// UNUSED EXPORTS: gateMoment, meetingKey

// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __webpack_require__(1708);
var external_node_process_default = /*#__PURE__*/__webpack_require__.n(external_node_process_);
// EXTERNAL MODULE: ./src/metrics/why.ts
var metrics_why = __webpack_require__(73875);
// EXTERNAL MODULE: ./src/input-parsers.ts
var input_parsers = __webpack_require__(50926);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(76670);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
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
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(49809);
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
var spec = __webpack_require__(49369);
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
    const due = (0,spec/* gatesOf */.og)(gates, m.phase);
    if (due.length === 0)
        return null;
    // Also registered by main.ts at start; again here for the CLI, tests and any other caller.
    for (const g of due)
        for (const s of (0,spec/* specSecrets */.Bd)(g))
            redact/* secrets */.O3.add(s);
    const started = Date.now();
    const reasons = [];
    for (const gate of due) {
        const r = await (0,log/* withGroup */.I1)(deps.logger, `gate ${gate.name} (${m.phase}, before ${m.nextWeight}%): ${(0,spec/* describeGate */.l7)(gate)}`, async () => {
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

// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(22464);
// EXTERNAL MODULE: ./src/promote/lockstep.ts
var lockstep = __webpack_require__(98255);
;// CONCATENATED MODULE: ./src/promote/gates-step.ts
// The gates' place in a promotion: before the Run (run.ts) writes a canary weight above the
// one now written, the gates of that moment run (src/gates/run.ts): `pre-rollout` when the
// canary has 0% (it is about to get its first traffic), `pre-step` before every later
// increase. A failing gate becomes the step's `verdict` event (outcome fail) decided from the
// state as it is written now, so the machine rolls back (or holds) exactly as for a failed
// check and the new weight is never written; a cancel during a gate becomes `cancelled`.
// Only run, step and promote raise weights; rollback, status, cleanup and the post step never
// reach here. promote runs them once, before its one jump to 100%.
// In a lockstep run (`services`), the same moment is where a service meets the others
// (lockstep.ts): once its gates passed it waits until every service is ready for the same
// weight (or the finalize); another service's failure becomes this step's failing verdict
// (so all roll back), another's stop on purpose below it a `halt` (hold here).




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
/** `next` with the weight and phase written now: what a refused raise is decided from (neither a rollback nor a hold raises the weight). */
function baseOf(run, next, weight) {
    return {
        ...next,
        weight,
        // Never finalizing or promoted: nothing of the finalize happened.
        phase: next.phase !== 'in-progress' && run.state?.phase === 'held' ? 'held' : 'in-progress',
    };
}
/**
 * Runs the gates due before `next` is written, then (lockstep) meets the other services. Null:
 * write it. Else the event to feed the machine instead, and the state to decide it from.
 */
async function gatesBefore(run, next, 
/** A strategy's first judged window (A/B route, mirror, preview): the canary's first traffic at 0% (strategy-run.ts). */
firstTraffic = false) {
    const gated = run.settings.gates.length ? await dueGates(run, next, firstTraffic) : null;
    if (gated)
        return gated;
    return run.deps.lockstep ? meetOthers(run, next, firstTraffic) : null;
}
/** The lockstep meeting of a write of `next`: a raise of the canary weight, a strategy's first traffic, or the finalize. */
function meetingKey(run, next, firstTraffic) {
    if (!RAISING_COMMANDS.includes(run.settings.command))
        return null;
    if (next.phase === 'rolling-back' || next.phase === 'rolled-back' || next.phase === 'held')
        return null;
    const now = run.state;
    if (firstTraffic)
        return lockstep/* FIRST_TRAFFIC */.$W;
    if (next.phase === 'finalizing' && now?.phase !== 'finalizing')
        return lockstep/* FINALIZE */.vm;
    if (next.phase === 'promoted' && next.weight > 0 && now?.phase !== 'promoted')
        return lockstep/* FINALIZE */.vm;
    return next.weight > run.liveWeight() ? next.weight : null;
}
async function meetOthers(run, next, firstTraffic) {
    const key = meetingKey(run, next, firstTraffic);
    if (key === null)
        return null;
    const base = baseOf(run, next, run.liveWeight());
    const startedAt = run.iso();
    try {
        const m = await run.deps.lockstep.meet(key, run.deps.signal, (line) => run.log.info(line));
        if (m.go)
            return null;
        if (m.hold)
            return { event: { type: 'halt', why: m.message }, base };
        const steps = next.steps.length ? next.steps : run.settings.steps;
        return {
            event: {
                type: 'verdict',
                step: Math.max(1, (0,plan/* stepIndexOf */.cX)(steps, Math.min(100, next.weight))),
                weight: Math.min(100, next.weight),
                attempt: 1,
                verdict: (0,lockstep/* lockstepVerdict */.RO)(m.message, Math.min(100, next.weight)),
                startedAt,
                endedAt: run.iso(),
            },
            base,
        };
    }
    catch (err) {
        if (!run.deps.signal.aborted)
            throw err;
        return { event: { type: 'cancelled', why: run.cancelReason() }, base };
    }
}
async function dueGates(run, next, firstTraffic) {
    const m = gateMoment(run, next, firstTraffic);
    if (!m)
        return null;
    const base = baseOf(run, next, m.weight);
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


/***/ }),

/***/ 89702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZZ: () => (/* binding */ acquireLease)
/* harmony export */ });
/* unused harmony exports PREEMPTED_ANNOTATION, LeaseHeldError, leaseName, leaseExpiry */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _kube_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(23646);
/* harmony import */ var _cause_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50963);
// One promotion per VirtualService: a coordination.k8s.io/v1 Lease `istio-canary-<vs>` held by
// one process (`<repo>/<run id>/<attempt>/<job>/<random>`, see newHolderId in run.ts),
// renewed while the run lasts, taken over only when expired, when the holder is this same
// process (the post step continuing its main step), or by a `rollback`, which preempts.



/** On a preempted Lease: who took it from whom, and when. */
const PREEMPTED_ANNOTATION = 'istio-canary.dev/preempted';
class LeaseHeldError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
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
async function acquireLease(kube, o) {
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
            if (err instanceof _kube_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KubeApiError */ .W3 && err.code === 409)
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
                o.logger.warning(`releasing the lease ${name}: ${(0,_cause_js__WEBPACK_IMPORTED_MODULE_2__/* .causeOf */ .r)(err)}; it expires by itself ${seconds} s after its last renewal`);
            }
        },
    };
}


/***/ }),

/***/ 98255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ FIRST_TRAFFIC),
/* harmony export */   C5: () => (/* binding */ memberOf),
/* harmony export */   Cj: () => (/* binding */ LockstepError),
/* harmony export */   RO: () => (/* binding */ lockstepVerdict),
/* harmony export */   kK: () => (/* binding */ CHECKED),
/* harmony export */   s9: () => (/* binding */ Lockstep),
/* harmony export */   vm: () => (/* binding */ FINALIZE)
/* harmony export */ });
/* unused harmony export describeKey */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _strategy_lockstep_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61608);
/* harmony import */ var _metrics_why_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73875);
// Several services in lockstep (issue 15 item 5, input `services`): the in-process meeting
// point of the N promotions of one run. Each service is a whole runPromotion on its own route
// object, with its own state annotation, Lease, measurement and judge; this coordinator only
// makes them move together:
// - ready: nothing is written (not even a Namespace or a Lease) until every service's inputs,
//   manifests and route were checked, and no two services step the same route object or
//   promote the same Deployment (named, nothing written);
// - leaseTurn: the Leases are taken one at a time in the fixed order of the route objects
//   (namespace, kind, name: strategy/lockstep.ts leaseOrder), so two lockstep runs over
//   overlapping routes take them in the same order and cannot deadlock;
// - meet(key): before a service raises its canary weight to `key` (0: a strategy's first
//   traffic; 101: the finalize), it waits until every other service is ready to raise to that
//   weight too (or is past it), so each step applies every route's weight before any is judged;
//   a service that failed makes every other one's next meeting fail (so all roll back), and one
//   that stopped on purpose below `key` (a `step`, a held schedule) makes the others hold there;
// - onOtherFailure: a window open when another service fails ends at once, failed (window.ts).
// The engine calls it through PromotionDeps.lockstep (runner.ts, gates-step.ts); main.ts runs
// the services and reports their end. Written here because no library models this rendezvous.




/** The meeting before the first write: every service checked. */
const CHECKED = -1;
/** The meeting before a strategy's first judged window (the canary's first traffic at 0%). */
const FIRST_TRAFFIC = 0;
/** The meeting before the finalize (promote-stable or keep). */
const FINALIZE = 101;
/** A service could not go on because another one failed (or a bad combination): nothing more is written by it. */
class LockstepError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
const refText = (r) => `${r.kind} ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(r.namespace)}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(r.name)}`;
class Lockstep {
    members;
    changed;
    wake;
    constructor(names) {
        this.members = names.map((name) => ({ name, claim: null, at: -Infinity, leased: false, ended: null }));
        this.reset();
    }
    reset() {
        this.changed = new Promise((resolve) => (this.wake = resolve));
    }
    notify() {
        const wake = this.wake;
        this.reset();
        wake();
    }
    member(name) {
        const m = this.members.find((x) => x.name === name);
        if (!m)
            throw new Error(`internal: no lockstep service ${name}`);
        return m;
    }
    /** Waits until `decide` returns a value (re-decided on every change); a cancel rejects. */
    async until(decide, signal) {
        for (;;) {
            const d = decide();
            if (d !== null)
                return d;
            signal.throwIfAborted();
            await new Promise((resolve, reject) => {
                const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
                signal.addEventListener('abort', onAbort, { once: true });
                void this.changed.then(() => {
                    signal.removeEventListener('abort', onAbort);
                    resolve();
                });
            });
        }
    }
    /** The first other service that failed, as a sentence; null when none did. */
    failedOther(me) {
        const f = this.members.find((m) => m !== me && m.ended && !m.ended.ok);
        return f ? `service ${f.name} failed: ${f.ended.message}` : null;
    }
    /** The Lease order of the services that claimed a route (ended ones before claiming are left out). */
    order() {
        return this.members
            .filter((m) => m.claim)
            .sort((a, b) => (0,_strategy_lockstep_js__WEBPACK_IMPORTED_MODULE_2__/* .compareRefs */ .Iu)(a.claim.route, b.claim.route))
            .map((m) => m.name);
    }
    /**
     * Every service checked its inputs and found its route: resolves once all have (or one
     * failed: then with the reason, and nothing may be written). Two services on one route
     * object, or promoting one Deployment, are refused here for all of them.
     */
    async ready(name, claim, signal) {
        const me = this.member(name);
        me.claim = claim;
        this.notify();
        return this.until(() => {
            const failed = this.failedOther(me);
            if (failed)
                return { go: false, hold: false, message: failed };
            if (this.members.some((m) => !m.claim))
                return null;
            const clash = this.clash();
            return clash ? { go: false, hold: false, message: clash } : { go: true };
        }, signal);
    }
    clash() {
        const ms = this.members;
        for (let i = 0; i < ms.length; i++)
            for (let j = i + 1; j < ms.length; j++) {
                const a = ms[i].claim;
                const b = ms[j].claim;
                if ((0,_strategy_lockstep_js__WEBPACK_IMPORTED_MODULE_2__/* .compareRefs */ .Iu)(a.route, b.route) === 0)
                    return `services ${ms[i].name} and ${ms[j].name} both step ${refText(a.route)}: its state and Lease are per route object, so each service needs its own`;
                const shared = a.deployments.find((d) => d !== null && b.deployments.includes(d));
                if (shared)
                    return `services ${ms[i].name} and ${ms[j].name} both use the Deployment ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(shared)}: a promote-stable of one would rewrite the other's; give each service its own Deployments`;
            }
        return null;
    }
    /** Waits for this service's turn to take its Lease: every service before it in the Lease order has taken its own. */
    async leaseTurn(name, signal) {
        const me = this.member(name);
        return this.until(() => {
            const failed = this.failedOther(me);
            if (failed)
                return { go: false, hold: false, message: failed };
            const order = this.order();
            const before = order.slice(0, order.indexOf(name)).map((n) => this.member(n));
            return before.every((m) => m.leased || m.ended) ? { go: true } : null;
        }, signal);
    }
    /** This service holds its Lease: the next in order may take its own. */
    leased(name) {
        this.member(name).leased = true;
        this.notify();
    }
    /**
     * Before raising this service's canary weight to `key` (or before CHECKED, FIRST_TRAFFIC,
     * FINALIZE): waits until every other service has reached `key` too. Fails when another
     * failed; holds when another ended on purpose below `key`.
     */
    async meet(name, key, signal, log) {
        const me = this.member(name);
        me.at = Math.max(me.at, key);
        this.notify();
        let said = false;
        return this.until(() => {
            const failed = this.failedOther(me);
            if (failed)
                return { go: false, hold: false, message: failed };
            const below = this.members.find((m) => m !== me && m.ended && m.ended.at < key);
            if (below)
                return {
                    go: false,
                    hold: true,
                    message: `service ${below.name} stopped at ${describeKey(below.ended.at)} (${below.ended.message}), so this one holds too (lockstep)`,
                };
            const waiting = this.members.filter((m) => m !== me && !m.ended && m.at < key);
            if (waiting.length === 0)
                return { go: true };
            if (!said && log) {
                said = true;
                log(`lockstep: waiting for ${waiting.map((m) => m.name).join(', ')} to be ready for ${describeKey(key)}`);
            }
            return null;
        }, signal);
    }
    /** This service's run ended (main.ts calls it once per service, whatever happened). */
    end(name, end) {
        const me = this.member(name);
        me.ended = end;
        this.notify();
        if (!end.ok)
            for (const l of [...this.listeners])
                if (l.name !== name) {
                    this.listeners.delete(l);
                    l.fn(`service ${name} failed: ${end.message}`);
                }
    }
    listeners = new Set();
    /**
     * Calls `fn` once when another service fails (at once if one already has): a window open
     * meanwhile ends then, judged as failed, instead of running its whole interval. Returns the
     * function that stops listening.
     */
    onOtherFailure(name, fn) {
        const failed = this.failedOther(this.member(name));
        if (failed) {
            fn(failed);
            return () => undefined;
        }
        const l = { name, fn };
        this.listeners.add(l);
        return () => this.listeners.delete(l);
    }
}
/** The failing verdict of a step a lockstep service did not finish because another service failed. */
function lockstepVerdict(message, weight) {
    const verdict = {
        outcome: 'fail',
        reasons: [{ metric: 'lockstep', value: null, limit: null, source: 'lockstep', ok: false, message }],
        stable: null,
        canary: null,
        durationMs: 0,
    };
    const why = (0,_metrics_why_js__WEBPACK_IMPORTED_MODULE_3__/* .explainVerdict */ .bX)(verdict, { weight, windowMs: 0 });
    return why === null ? verdict : { ...verdict, why };
}
/** A meeting key in words. */
function describeKey(key) {
    if (key === CHECKED)
        return 'its first write';
    if (key === FIRST_TRAFFIC)
        return 'the first judged window';
    if (key >= FINALIZE)
        return 'the finalize';
    return `canary ${key}%`;
}
function memberOf(lockstep, name) {
    return {
        name,
        ready: (claim, signal) => lockstep.ready(name, claim, signal),
        leaseTurn: (signal) => lockstep.leaseTurn(name, signal),
        leased: () => lockstep.leased(name),
        meet: (key, signal, log) => lockstep.meet(name, key, signal, log),
        onOtherFailure: (fn) => lockstep.onOtherFailure(name, fn),
    };
}


/***/ }),

/***/ 23401:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   KI: () => (/* binding */ restartReason),
/* harmony export */   Q5: () => (/* binding */ freshState),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   kY: () => (/* binding */ transition),
/* harmony export */   pP: () => (/* binding */ StateAnnotationError),
/* harmony export */   q0: () => (/* binding */ describe)
/* harmony export */ });
/* unused harmony exports startsFresh, STATE_SCHEMA_VERSION */
/* harmony import */ var _strategy_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41347);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22464);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _start_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77952);




/** The state annotation cannot be read (not JSON, or not a state); `raw` is its text. */
class StateAnnotationError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .IstioCanaryError */ .f {
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
    return (0,_start_js__WEBPACK_IMPORTED_MODULE_3__/* .retriesUnjudged */ .pV)(state);
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
            action: { type: 'measure', step: (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .stepIndexOf */ .cX)(ctx.steps, s.weight), weight: s.weight, attempt: 1 },
        };
    }
    const next = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .schedule */ ._)(ctx.steps, s.weight)[0];
    if (next !== undefined && (ctx.command === 'run' || !justPassed)) {
        const step = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .stepIndexOf */ .cX)(ctx.steps, next);
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
function transition(s, event, ctx) {
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
                return advance({ ...withRecord, step: (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .stepIndexOf */ .cX)(ctx.steps, event.weight) }, ctx, true);
            const why = event.verdict.outcome === 'inconclusive'
                ? `${where}: inconclusive twice (${reasonsText(event.verdict)})`
                : `${where} failed: ${reasonsText(event.verdict)}`;
            return ctx.onFailure === 'hold' ? hold(withRecord, ctx, why) : rollBack(withRecord, ctx, why);
        }
        case 'halt':
            return hold(s, ctx, event.why);
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
            return { state: s, action: stop(s, describe(s)) };
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
        return { state: s, action: stop(s, (0,_start_js__WEBPACK_IMPORTED_MODULE_3__/* .finishedMessage */ .Is)(s, describe(s), ctx.vsName ?? '')) };
    if (s.phase === 'finalizing')
        return finishFinalize(s);
    if (s.phase === 'rolling-back')
        return rollBack(s, ctx, s.reason ?? 'finishing an interrupted rollback');
    // A changed schedule applies from the next weight above the current one; the state says so.
    const changed = (0,_start_js__WEBPACK_IMPORTED_MODULE_3__/* .scheduleChange */ .qU)(s, ctx.steps);
    const noted = changed ? { ...s, events: [...(s.events ?? []), { at: ctx.now, message: changed }] } : s;
    return advance(noted, ctx, false);
}
/** An interrupted finalize, completed idempotently: promote-stable again at 100%, else only the scale-down. */
function finishFinalize(s) {
    return { state: s, action: s.weight === 0 ? { type: 'scale-canary-down' } : { type: 'promote-stable' } };
}
function describe(s) {
    const done = s.history.filter((h) => h.verdict.outcome === 'pass' && !h.stage).length;
    const rec = s.strategy;
    const strategy = rec && rec.strategy !== 'canary'
        ? `strategy ${(0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_0__/* .strategyName */ .pf)(rec)}, ${rec.passed}/${rec.iterations} ${rec.strategy === 'ab' ? 'A/B' : rec.strategy === 'mirror' ? 'mirror' : 'preview'} window(s) passed${rec.on && s.phase !== 'rolled-back' && s.phase !== 'promoted' ? ` (${rec.strategy === 'ab' ? 'A/B route' : rec.strategy === 'mirror' ? 'mirror' : 'preview route'} on)` : ''}, `
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


/***/ }),

/***/ 25725:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CI: () => (/* binding */ atWeight),
/* harmony export */   Cn: () => (/* binding */ renderState),
/* harmony export */   JH: () => (/* binding */ routeKindName),
/* harmony export */   Vv: () => (/* binding */ strategyDrift),
/* harmony export */   X6: () => (/* binding */ routeWeights),
/* harmony export */   az: () => (/* binding */ canarySide),
/* harmony export */   ey: () => (/* binding */ probeView),
/* harmony export */   oJ: () => (/* binding */ userRoutes)
/* harmony export */ });
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22464);
/* harmony import */ var _strategy_spec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5286);
/* harmony import */ var _strategy_http_route_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65665);
/* harmony import */ var _strategy_stages_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70194);
/* harmony import */ var _strategy_virtual_service_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48500);
/* harmony import */ var _strategy_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(41347);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(14350);







const targetOf = (object, t) => t.httpSelection
    ? { kind: 'http-route', object, selection: t.httpSelection }
    : { kind: 'virtual-service', object, selection: t.selection };
/** The route object's kind as the API names it. */
const routeKindName = (t) => t.httpSelection ? 'HTTPRoute' : 'VirtualService';
/** What carries the canary's traffic, for messages: `Service <name>` (HTTPRoute) or `subset <name>` (VirtualService). */
const canarySide = (t) => t.httpSelection
    ? `Service ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .TN)(t.httpSelection.canary.service)}`
    : `subset ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_6__/* .oneLine */ .TN)(t.selection.canary.subset)}`;
/** The VirtualService without the routes a strategy inserted: what route indexes count. */
const userRoutes = (vs) => (0,_strategy_virtual_service_js__WEBPACK_IMPORTED_MODULE_4__/* .withoutInsertedRoutesVs */ .OP)(vs);
/** The stepped route's weights, counted without the inserted routes or rules. */
function routeWeights(object, t) {
    return t.httpSelection
        ? (0,_strategy_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .currentHttpRouteWeights */ .I$)(object, t.httpSelection)
        : (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .currentWeights */ .ph)((0,_strategy_virtual_service_js__WEBPACK_IMPORTED_MODULE_4__/* .withoutInsertedRoutesVs */ .OP)(object), t.selection);
}
/** The object to write for `state` over `object` as read (the state annotation is added by the caller). */
function renderState(object, t, state) {
    const rec = state.strategy;
    if (!(0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_5__/* .strategic */ .$F)(rec)) {
        if (!t.httpSelection)
            return (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .withCanaryWeight */ .T1)(object, t.selection, state.weight);
        return (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .renderRoute */ .QK)(targetOf(object, t), _strategy_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_STRATEGY */ .iF, (0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_5__/* .stageOf */ .gV)(state));
    }
    return (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .renderRoute */ .QK)(targetOf(object, t), (0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_5__/* .specOfRecord */ .qt)(rec), (0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_5__/* .stageOf */ .gV)(state));
}
/** The route object at canary `weight` with nothing of a strategy (a fresh promotion's apply). */
function atWeight(object, t, weight) {
    if (!t.httpSelection)
        return (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .withCanaryWeight */ .T1)(object, t.selection, weight);
    return (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .renderRoute */ .QK)(targetOf(object, t), _strategy_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_STRATEGY */ .iF, {
        canaryWeight: weight,
        ab: false,
        mirror: false,
        preview: false,
    });
}
/** How the strategy's part of the live route differs from what `state` wrote (the A/B route, mirror or preview added or removed by hand), or null. */
function strategyDrift(object, t, state) {
    const rec = state.strategy;
    if (!(0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_5__/* .strategic */ .$F)(rec))
        return null;
    const expected = (0,_strategy_state_js__WEBPACK_IMPORTED_MODULE_5__/* .stageOf */ .gV)(state);
    const actual = (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .currentStage */ .aY)(targetOf(object, t), { strategy: rec.strategy });
    // The weights are compared by the caller (edited); only the strategy's parts here.
    return (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_3__/* .stageDrift */ .Oc)({ ...actual, canaryWeight: expected.canaryWeight }, expected);
}
/**
 * The route as the pre-traffic probe (probe.ts) reads it: the VirtualService without inserted
 * routes, or for an HTTPRoute a VirtualService-shaped view (its hostnames as hosts, the stepped
 * rule's two Services as destinations at the rule's index; no Istio gateways).
 */
function probeView(object, t) {
    if (!t.httpSelection)
        return (0,_strategy_virtual_service_js__WEBPACK_IMPORTED_MODULE_4__/* .withoutInsertedRoutesVs */ .OP)(object);
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


/***/ }),

/***/ 76930:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ye: () => (/* binding */ CANCEL_WRITE_BUDGET_MS),
  cc: () => (/* binding */ CancelledError),
  wy: () => (/* binding */ ConcurrentChangeError),
  k5: () => (/* binding */ HumanEditError),
  g1: () => (/* binding */ PromotionError),
  KF: () => (/* binding */ Run),
  Ul: () => (/* binding */ keptRunning),
  u1: () => (/* binding */ newHolderId),
  dT: () => (/* binding */ otherWriters)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __webpack_require__(1708);
var external_node_process_default = /*#__PURE__*/__webpack_require__.n(external_node_process_);
// EXTERNAL MODULE: ./src/kube/errors.ts
var errors = __webpack_require__(23646);
// EXTERNAL MODULE: ./src/kube/replace.ts
var replace = __webpack_require__(38049);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(22464);
// EXTERNAL MODULE: ./src/promote/route-object.ts
var route_object = __webpack_require__(25725);
// EXTERNAL MODULE: ./src/promote/strategy-state.ts
var strategy_state = __webpack_require__(41347);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(76670);
// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(69313);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
// EXTERNAL MODULE: ./src/promote/machine.ts
var machine = __webpack_require__(23401);
// EXTERNAL MODULE: ./src/promote/finalize.ts
var finalize = __webpack_require__(85632);
// EXTERNAL MODULE: ./src/lifecycle.ts
var lifecycle = __webpack_require__(66367);
// EXTERNAL MODULE: ./src/promote/lockstep.ts
var lockstep = __webpack_require__(98255);
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
    // Lockstep: another service failed, so this window will not be followed by a raise: it ends now.
    let otherFailed = null;
    const stopListening = run.deps.lockstep?.onOtherFailure((message) => {
        otherFailed = message;
        windowCtl.abort(new Error(message));
    });
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
        stopListening?.();
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
        const other = (0,machine/* parseState */.Bu)(stored);
        run.state = other;
        run.current = other;
        throw new ConcurrentChangeError(`the promotion of ${run.vsName} was changed by ${other?.runId || 'another writer'} during the window of step ${action.step} (state now: ${other ? (0,machine/* describe */.q0)(other) : 'none'}); stopping without writing`);
    }
    const what = run.edited(live, state);
    if (what) {
        run.vs = live;
        if (!run.settings.takeOver)
            throw new HumanEditError(`${what} during the window of step ${action.step}; the window is not judged and nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`);
        const weight = (0,route_object/* routeWeights */.X6)(live, run.target).canary;
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
    if (otherFailed !== null)
        return {
            type: 'verdict',
            step: action.step,
            weight: action.weight,
            attempt: action.attempt,
            verdict: (0,lockstep/* lockstepVerdict */.RO)(otherFailed, action.weight),
            startedAt,
            endedAt: run.iso(),
        };
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

// EXTERNAL MODULE: ./src/promote/gates-step.ts + 3 modules
var gates_step = __webpack_require__(2862);
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
class Run {
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
            kind: (0,route_object/* routeKindName */.JH)(this.target),
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
        this.state = (0,machine/* parseState */.Bu)(this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD]);
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
        return this.vs ? (0,route_object/* routeWeights */.X6)(this.vs, this.target).canary : 0;
    }
    /**
     * How the live route differs from the weights `state` recorded (a person's edit, an
     * emergency move to 0%), or null when they agree.
     */
    edited(vs, state) {
        if (!vs || !state)
            return null;
        const live = (0,route_object/* routeWeights */.X6)(vs, this.target);
        const drift = (0,route_object/* strategyDrift */.Vv)(vs, this.target, state);
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
            const r = await (0,replace/* replaceWithRetry */.d)(this.deps.kube, this.vsRef, (live, attempt) => {
                if (attempt > 1) {
                    // A conflict: decide again on the fresh object.
                    this.vs = live;
                    const stored = live?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
                    if (stored === json)
                        return { done: live }; // our own write landed before its answer was lost
                    if (stored !== base) {
                        const other = (0,machine/* parseState */.Bu)(stored);
                        throw new ConcurrentChangeError(`the VirtualService ${this.vsName} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? (0,machine/* describe */.q0)(other) : 'none'}); not overwriting it`, { cause: conflict });
                    }
                    pending = redact/* secrets */.O3.redactDeep(this.guardEdits(live, pending));
                    json = JSON.stringify(pending);
                }
                if (!live)
                    throw new Error(`VirtualService ${this.vsName} does not exist`);
                const body = (0,route_object/* renderState */.Cn)(live, this.target, pending);
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
        const status = s ? (0,machine/* statusOf */.c2)(s.phase) : 'in-progress';
        const held = status === 'held' || (s?.phase === 'in-progress' && this.settings.command === 'step');
        const strategyLines = (0,strategy_state/* reportStrategy */.Wx)(s, this.settings.metrics);
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
        const traffic = (0,strategy_state/* windowTrafficOf */.ZF)(state ?? this.current ?? this.state);
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
                    const outcome = await (0,log/* withGroup */.I1)(this.log, `step ${m.step}/${this.settings.steps.length}: canary ${m.weight}%${m.attempt > 1 ? ' (extended window)' : ''}`, async () => {
                        if (writeFirst) {
                            // A gate that fails (or is cancelled) stops the step before its weight is written.
                            const stopped = await (0,gates_step/* gatesBefore */.IB)(this, s0);
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
                        const t = (0,machine/* transition */.kY)(outcome.adopted, { type: 'begin', liveWeight: outcome.adopted.weight }, this.ctx());
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
                            const stopped = await (0,gates_step/* gatesBefore */.IB)(this, state); // promote's jump to 100%
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
                                await (0,finalize/* promoteStable */.gD)(this, state);
                                event = { type: 'stable-promoted' };
                            }
                            catch (err) {
                                if (!(err instanceof finalize/* StableChangedError */.kZ) || this.deps.signal.aborted)
                                    throw err;
                                holdOnError = true;
                                event = { type: 'error', message: err.message };
                            }
                            break;
                        case 'scale-canary-down': {
                            keptCanary = await (0,finalize/* scaleCanaryDown */.Lt)(this);
                            await (0,finalize/* forgetPreviousTemplate */.jY)(this);
                            event = { type: 'canary-scaled-down' };
                            break;
                        }
                        case 'restore-stable':
                            await (0,finalize/* restoreStable */.eN)(this, state);
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
            let t = (0,machine/* transition */.kY)(state, event, holdOnError ? { ...this.ctx(), onFailure: 'hold' } : this.ctx());
            if (keptCanary)
                t = keptRunning(t, keptCanary);
            this.noteFailure(event, t);
            state = t.state;
            action = t.action;
            this.current = state;
            if (event.type === 'verdict' ||
                event.type === 'cancelled' ||
                event.type === 'error' ||
                event.type === 'halt') {
                // The next weight's gates run before its write (which also records this step's verdict):
                // a failing one is decided from the state written now, so the weight never rises.
                const stopped = action.type === 'write' ? await (0,gates_step/* gatesBefore */.IB)(this, state) : null;
                if (stopped) {
                    const g = (0,machine/* transition */.kY)(stopped.base, stopped.event, this.ctx());
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


/***/ }),

/***/ 77952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GP: () => (/* binding */ stableNotCarrying),
/* harmony export */   Is: () => (/* binding */ finishedMessage),
/* harmony export */   N$: () => (/* binding */ unrecordedTraffic),
/* harmony export */   Vi: () => (/* binding */ StartRefused),
/* harmony export */   oe: () => (/* binding */ keptPromotionRefusal),
/* harmony export */   pV: () => (/* binding */ retriesUnjudged),
/* harmony export */   qU: () => (/* binding */ scheduleChange)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22464);
// How a run, step or promote starts from what the VirtualService holds (pure decisions, no
// I/O): the runner and the dry run both ask these, so the plan a dry run prints is the one the
// real command follows. See README.md ("Resuming, restarting and retrying").


/** A start refused before anything was written; the message says why and what to run instead. */
class StartRefused extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
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
    const next = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .schedule */ ._)(steps, state.weight)[0];
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


/***/ }),

/***/ 41347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $F: () => (/* binding */ strategic),
/* harmony export */   Hf: () => (/* binding */ windowLabel),
/* harmony export */   RS: () => (/* binding */ engineStrategyErrors),
/* harmony export */   U2: () => (/* binding */ stageText),
/* harmony export */   Wx: () => (/* binding */ reportStrategy),
/* harmony export */   ZF: () => (/* binding */ windowTrafficOf),
/* harmony export */   ZI: () => (/* binding */ windowStage),
/* harmony export */   gV: () => (/* binding */ stageOf),
/* harmony export */   kJ: () => (/* binding */ strategyChange),
/* harmony export */   pf: () => (/* binding */ strategyName),
/* harmony export */   qt: () => (/* binding */ specOfRecord),
/* harmony export */   zv: () => (/* binding */ recordOf)
/* harmony export */ });
/* unused harmony exports COHORT_SHARE, cohortOf, sourceLine */
/* harmony import */ var _strategy_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5286);
/* harmony import */ var _strategy_match_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69868);
/* harmony import */ var _strategy_stages_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70194);
/* harmony import */ var _strategy_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86818);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(14350);






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
        ..._strategy_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_STRATEGY */ .iF,
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
        return { ..._strategy_stages_js__WEBPACK_IMPORTED_MODULE_1__/* .ROLLBACK_STAGE */ .im, canaryWeight: state.weight };
    const rec = state.strategy;
    if (!strategic(rec) || !rec.on || state.phase === 'finalizing' || state.phase === 'promoted')
        return (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_1__/* .finalStage */ .BD)(state.weight);
    if (state.weight >= 100)
        return (0,_strategy_stages_js__WEBPACK_IMPORTED_MODULE_1__/* .finalStage */ .BD)(state.weight);
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
        return `ab (${(rec.match ?? []).map(_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEntry */ .OY).join(' or ')})`;
    if (rec.strategy === 'mirror')
        return `mirror ${rec.mirrorPercent ?? 100}%`;
    return `blue-green (${previewText(rec.preview ?? null)})`;
}
function previewText(p) {
    if (!p)
        return 'no preview';
    return p.kind === 'host' ? `host ${p.host}` : (0,_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEntry */ .OY)({ headers: [p.header] });
}
/** The label of judged window `k` (1-based) before the weights. */
function windowLabel(rec, k) {
    const n = rec.iterations > 1 ? ` ${k}/${rec.iterations}` : '';
    if (rec.strategy === 'ab')
        return `A/B${n}: ${(rec.match ?? []).map(_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEntry */ .OY).join(' or ')} → canary`;
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
            const headers = (0,_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .sampleHeaders */ .fy)(entry);
            if (headers)
                return { share: COHORT_SHARE, headers };
        }
        return undefined;
    }
    if (rec.strategy === 'blue-green' && rec.preview) {
        if (rec.preview.kind === 'host')
            return { share: COHORT_SHARE, headers: {}, host: rec.preview.host };
        const headers = (0,_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .sampleHeaders */ .fy)({ headers: [rec.preview.header] });
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
        return `A/B: requests with ${(rec.match ?? []).map(_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEntry */ .OY).join(' or ')}${c
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
        ? (0,_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalJson */ .dj)({ s: r.strategy, m: r.match ?? null, p: r.mirrorPercent ?? null, v: r.preview ?? null })
        : 'canary';
    if (key(recorded) === key(wanted))
        return null;
    return `the promotion under way uses strategy ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(strategyName(recorded))}; this run asks for strategy ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(strategyName(wanted))}. Nothing was written. Run with the recorded strategy to continue, or \`rollback\` first to start over with the new one`;
}
/** The combinations the engine refuses besides validateStrategy's (pure, before anything is written). */
function engineStrategyErrors(spec, metrics) {
    const out = [];
    if (spec.strategy === 'mirror' && metrics === 'loadgen')
        out.push(new _strategy_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('mirror-unsupported', 'strategy mirror with metrics: loadgen: the load generator never sees the mirrored responses (the mesh discards them), so nothing could judge the canary; set metrics: prometheus or both (the canary is judged on Prometheus destination metrics)'));
    return out;
}
/** A state's write in words: "canary 20% / stable 80%", plus the A/B route, mirror or preview it keeps. */
function stageText(state) {
    const st = stageOf(state);
    const rec = state.strategy;
    const extra = [
        st.ab ? `A/B route (${(rec?.match ?? []).map(_strategy_match_js__WEBPACK_IMPORTED_MODULE_4__/* .describeEntry */ .OY).join(' or ')} → canary)` : null,
        st.mirror ? `mirror ${rec?.mirrorPercent ?? 100}% → canary` : null,
        st.preview ? `preview route (${previewText(rec?.preview ?? null)} → canary)` : null,
    ].filter((x) => x !== null);
    const removed = strategic(rec) && !st.ab && !st.mirror && !st.preview && (rec.passed > 0 || state.phase !== 'in-progress')
        ? `, no ${rec.strategy === 'ab' ? 'A/B route' : rec.strategy === 'mirror' ? 'mirror' : 'preview route'}`
        : '';
    return `canary ${st.canaryWeight}% / stable ${100 - st.canaryWeight}%${extra.length ? `, ${extra.join(', ')}` : removed}`;
}


/***/ }),

/***/ 55757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ canonical),
/* harmony export */   U4: () => (/* binding */ podTemplateHash),
/* harmony export */   rE: () => (/* binding */ legacyPodTemplateHash)
/* harmony export */ });
/* unused harmony exports IGNORED_TEMPLATE_ANNOTATIONS, normalisedTemplate */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
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
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
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
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(canonical({ containers: pick(spec.containers), initContainers: pick(spec.initContainers) }))
        .digest('hex')
        .slice(0, 16);
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
