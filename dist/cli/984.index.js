export const id = 984;
export const ids = [984,257];
export const modules = {

/***/ 3257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X4: () => (/* binding */ runChecked),
/* harmony export */   createCommandRunner: () => (/* binding */ createCommandRunner),
/* harmony export */   rC: () => (/* binding */ startBackground),
/* harmony export */   wn: () => (/* binding */ CommandStartError)
/* harmony export */ });
/* unused harmony exports CommandAbortedError, CommandFailedError, signalFor, cancellationSignal */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
// The one choke point for child processes (DESIGN.md: only src/cluster spawns). argv arrays
// only, never a shell; output captured; SIGINT/SIGTERM reach the children through an
// AbortSignal so a cancelled job does not leave kind/istioctl/port-forwards running.

/** A child that failed to start (e.g. ENOENT: not on PATH). */
class CommandStartError extends Error {
    file;
    code;
    constructor(file, code, cause) {
        super(`could not start ${file}: ${code === 'ENOENT' ? 'not found' : String(cause)}`, { cause });
        this.file = file;
        this.code = code;
        this.name = 'CommandStartError';
    }
}
/** A child stopped because the run was cancelled. */
class CommandAbortedError extends Error {
    file;
    signal;
    constructor(file, signal) {
        super(`${file} stopped: the run was cancelled (${signal})`);
        this.file = file;
        this.signal = signal;
        this.name = 'CommandAbortedError';
    }
}
/** A command that exited non-zero, with the tail of its stderr to say why. */
class CommandFailedError extends Error {
    file;
    args;
    exitCode;
    stderr;
    constructor(file, args, exitCode, stderr) {
        const tail = stderr.trim().split('\n').slice(-10).join('\n');
        super(`${[file, ...args].join(' ')} exited with ${exitCode}${tail ? `:\n${tail}` : ''}`);
        this.file = file;
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.name = 'CommandFailedError';
    }
}
/** The signal to send a child: the abort reason when it names one (SIGINT/SIGTERM), else SIGTERM. */
function signalFor(reason) {
    return reason === 'SIGINT' || reason === 'SIGTERM' || reason === 'SIGKILL' ? reason : 'SIGTERM';
}
/**
 * An AbortSignal that fires when this process gets SIGINT or SIGTERM, with the signal name
 * as its reason, so runs forward the same signal to their children. dispose() removes the
 * listeners (and the default "exit on signal" behaviour comes back).
 */
function cancellationSignal(proc = process) {
    const controller = new AbortController();
    const onSignal = (sig) => {
        if (!controller.signal.aborted)
            controller.abort(sig);
    };
    proc.on('SIGINT', onSignal);
    proc.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        dispose() {
            proc.off('SIGINT', onSignal);
            proc.off('SIGTERM', onSignal);
        },
    };
}
function envFor(config, extra) {
    if (!config.baseEnv && !extra)
        return undefined; // inherit
    // Without a baseEnv the child inherits ours; spawn needs the merged object for extras.
    return { ...(config.baseEnv ?? process.env), ...extra };
}
function lineSplitter(sink) {
    let rest = '';
    return {
        push(chunk) {
            rest += chunk;
            let i;
            while ((i = rest.indexOf('\n')) >= 0) {
                sink(rest.slice(0, i).replace(/\r$/, ''));
                rest = rest.slice(i + 1);
            }
        },
        flush() {
            if (rest)
                sink(rest);
            rest = '';
        },
    };
}
function wireAbort(child, signal, onAbort) {
    if (!signal)
        return () => undefined;
    const handler = () => {
        const sig = signalFor(signal.reason);
        onAbort(sig);
        child.kill(sig);
    };
    if (signal.aborted) {
        queueMicrotask(handler);
        return () => undefined;
    }
    signal.addEventListener('abort', handler, { once: true });
    return () => signal.removeEventListener('abort', handler);
}
function createCommandRunner(config = {}) {
    return {
        start(file, args, options = {}) {
            return startBackground(file, args, { ...options, baseEnv: config.baseEnv, signal: config.signal });
        },
        run(file, args, options = {}) {
            return new Promise((resolve, reject) => {
                const signal = options.signal ?? config.signal;
                // Cancelled already: start nothing.
                if (signal?.aborted)
                    return reject(new CommandAbortedError(file, signalFor(signal.reason)));
                const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], {
                    cwd: options.cwd,
                    env: envFor(config, options.env),
                    stdio: ['pipe', 'pipe', 'pipe'],
                    shell: false,
                });
                let stdout = '';
                let stderr = '';
                let aborted = null;
                const echo = !options.silent && config.echo ? lineSplitter(config.echo) : null;
                const unwire = wireAbort(child, signal, (sig) => (aborted = sig));
                child.stdout?.setEncoding('utf8').on('data', (d) => {
                    stdout += d;
                    echo?.push(d);
                });
                child.stderr?.setEncoding('utf8').on('data', (d) => {
                    stderr += d;
                    echo?.push(d);
                });
                child.on('error', (err) => {
                    unwire();
                    reject(new CommandStartError(file, err.code, err));
                });
                child.on('close', (code, sig) => {
                    unwire();
                    echo?.flush();
                    if (aborted)
                        return reject(new CommandAbortedError(file, aborted));
                    resolve({ exitCode: code ?? (sig ? 128 : 1), stdout, stderr });
                });
                // EPIPE when a child exits without reading its input is not our failure: 'close' reports it.
                child.stdin?.on('error', () => undefined);
                child.stdin?.end(options.input ?? '');
            });
        },
    };
}
/** Runs and throws CommandFailedError on a non-zero exit; returns stdout. */
async function runChecked(runner, file, args, options) {
    const r = await runner.run(file, args, options);
    if (r.exitCode !== 0)
        throw new CommandFailedError(file, args, r.exitCode, r.stderr || r.stdout);
    return r.stdout;
}
function startBackground(file, args, options = {}) {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], {
        env: envFor({ baseEnv: options.baseEnv }, options.env),
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
    });
    const lines = [];
    const waiters = new Set();
    const split = lineSplitter((line) => {
        lines.push(line);
        options.logger?.debug(`${file}: ${line}`);
        for (const w of [...waiters])
            w(line);
    });
    child.stdout?.setEncoding('utf8').on('data', (d) => split.push(d));
    child.stderr?.setEncoding('utf8').on('data', (d) => split.push(d));
    const exited = new Promise((resolve) => {
        child.on('error', () => resolve(null));
        child.on('close', (code) => {
            split.flush();
            resolve(code);
        });
    });
    void exited.then(() => {
        for (const w of [...waiters])
            w(null);
    });
    const unwire = wireAbort(child, options.signal, () => undefined);
    let stopping = null;
    return {
        pid: child.pid,
        exited,
        waitForLine(re, timeoutMs) {
            for (const l of lines) {
                const m = l.match(re);
                if (m)
                    return Promise.resolve(m);
            }
            return new Promise((resolve, reject) => {
                const timer = setTimeout(() => {
                    waiters.delete(waiter);
                    reject(new Error(`${file} printed no line matching ${String(re)} within ${timeoutMs} ms:\n${lines.slice(-5).join('\n')}`));
                }, timeoutMs);
                const waiter = (line) => {
                    if (line === null) {
                        waiters.delete(waiter);
                        clearTimeout(timer);
                        reject(new Error(`${[file, ...args].join(' ')} exited before it was ready:\n${lines.slice(-5).join('\n')}`));
                        return;
                    }
                    const m = line.match(re);
                    if (m) {
                        waiters.delete(waiter);
                        clearTimeout(timer);
                        resolve(m);
                    }
                };
                waiters.add(waiter);
            });
        },
        stop() {
            stopping ??= (async () => {
                unwire();
                if (child.exitCode === null && child.signalCode === null)
                    child.kill('SIGTERM');
                await exited;
            })();
            return stopping;
        },
    };
}


/***/ }),

/***/ 6984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareCluster: () => (/* binding */ prepareCluster)
});

// UNUSED EXPORTS: CREATED_CLUSTER_STATE, cleanupCluster, kubeconfigPathFor, shouldDeleteCluster

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/index.js + 873 modules
var dist = __webpack_require__(94);
// EXTERNAL MODULE: ./src/kube/client.ts
var client = __webpack_require__(1934);
// EXTERNAL MODULE: ./src/kube/errors.ts
var errors = __webpack_require__(3646);
// EXTERNAL MODULE: ./src/traffic/net-errors.ts
var net_errors = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/kube/preflight.ts
// Checks an existing cluster before anything is changed, with errors a user can act on: an
// unreachable API server (its URL and the error), missing Istio CRDs (which, and how to
// install Istio), and RBAC denials (every missing verb and resource, from
// SelfSubjectAccessReviews, so no permission to read RBAC objects is needed).




/** Exactly what a promotion needs; examples/rbac/ grants the same (a test keeps them equal). */
function requiredPermissions(preview) {
    const perms = [
        {
            group: 'networking.istio.io',
            resource: 'virtualservices',
            verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
        {
            group: 'networking.istio.io',
            resource: 'destinationrules',
            verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
        { group: 'apps', resource: 'deployments', verbs: ['get', 'list', 'watch', 'patch'] },
        { group: 'coordination.k8s.io', resource: 'leases', verbs: ['create', 'get', 'update'] },
        // The pre-traffic probe (src/promote/probe.ts): the route's Services, their ready pods, its Gateways.
        { group: '', resource: 'services', verbs: ['get'] },
        { group: '', resource: 'pods', verbs: ['list'] },
        { group: 'networking.istio.io', resource: 'gateways', verbs: ['get'] },
    ];
    if (preview)
        perms.push({ group: '', resource: 'namespaces', verbs: ['get', 'create'], clusterScoped: true });
    return perms;
}
const ISTIO_GROUP = 'networking.istio.io';
const ISTIO_KINDS = [
    { kind: 'VirtualService', crd: 'virtualservices.networking.istio.io' },
    { kind: 'DestinationRule', crd: 'destinationrules.networking.istio.io' },
];
/** Every access review the preflight makes (pure): the promotion's permissions in every namespace written, and patch on each resource the manifests write. */
function rbacChecks(namespace, preview, writes = []) {
    const namespaces = [...new Set([namespace, ...writes.flatMap((w) => (w.namespace ? [w.namespace] : []))])];
    const checks = [];
    const seen = new Set();
    const add = (c) => {
        const key = `${c.verb} ${c.group}/${c.resource} ${c.clusterScoped ? '' : (c.namespace ?? '')}`;
        if (seen.has(key))
            return;
        seen.add(key);
        checks.push(c.clusterScoped ? { ...c, namespace: undefined } : c);
    };
    for (const p of requiredPermissions(preview))
        for (const ns of p.clusterScoped ? [namespace] : namespaces)
            for (const verb of p.verbs)
                add({ group: p.group, resource: p.resource, verb, clusterScoped: p.clusterScoped, namespace: ns });
    for (const w of writes)
        add({
            group: w.group,
            resource: w.resource,
            verb: 'patch',
            clusterScoped: w.namespace === null,
            namespace: w.namespace ?? undefined,
        });
    return checks;
}
class PreflightError extends Error {
    problem;
    missing;
    constructor(problem, message, missing = []) {
        super(message);
        this.problem = problem;
        this.missing = missing;
        this.name = 'PreflightError';
    }
}
/** `verbs resource.group`, the way kubectl auth can-i and RBAC errors name them. */
function qualified(group, resource) {
    return group ? `${resource}.${group}` : resource;
}
/** The RBAC message: one line per resource with every missing verb (pure). */
function rbacMessage(context, namespace, denied) {
    const byResource = new Map();
    for (const d of denied) {
        const res = qualified(d.group, d.resource);
        const ns = d.namespace ?? namespace;
        const key = `${res} ${d.clusterScoped ? '' : ns}`;
        const entry = byResource.get(key) ?? { res, verbs: [], clusterScoped: d.clusterScoped === true, ns };
        entry.verbs.push(d.verb);
        byResource.set(key, entry);
    }
    const lines = [...byResource.values()].map((e) => `  - ${e.verbs.join(', ')} on ${e.res}${e.clusterScoped ? ' (cluster-wide)' : ` in namespace ${e.ns}`}`);
    return [
        `RBAC: the credentials of context "${context}" are missing permissions istio-canary needs:`,
        ...lines,
        'Grant them with a Role and RoleBinding like examples/rbac/role.yaml (and examples/rbac/preview-clusterrole.yaml for previews).',
    ].join('\n');
}
function describe(err) {
    // The client's 401 message already reads "HTTP 401 Unauthorized: …".
    if (err instanceof errors/* KubeApiError */.W3)
        return (err.code === 401 ? err.message : `HTTP ${err.code}: ${err.message}`).slice(0, 500);
    if (err instanceof Error) {
        const cause = err.cause;
        const code = err.code ?? cause?.code;
        return `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`;
    }
    return String(err);
}
function loadKubeConfig(kubeconfig, context) {
    const kc = new dist/* KubeConfig */.ypW();
    try {
        kc.loadFromString(kubeconfig);
    }
    catch (err) {
        throw new PreflightError('config', `the kubeconfig could not be parsed: ${describe(err)}`);
    }
    if (context) {
        if (!kc.getContextObject(context)) {
            const known = kc.getContexts().map((c) => c.name);
            throw new PreflightError('config', `context "${context}" is not in the kubeconfig (it has: ${known.join(', ') || 'none'})`);
        }
        kc.setCurrentContext(context);
    }
    if (!kc.getCurrentCluster()) {
        throw new PreflightError('config', `the kubeconfig has no cluster for context "${kc.getCurrentContext() || '(none)'}"`);
    }
    return kc;
}
async function preflight(o) {
    const kc = loadKubeConfig(o.kubeconfig, o.context);
    const server = kc.getCurrentCluster().server;
    const context = kc.getCurrentContext();
    // Every request goes through the Kubernetes client: its retry policy (5xx, 429, dropped
    // connections) applies to the preflight as to everything else, and its errors name TLS and 401.
    const api = await (0,client.createKubeClient)({ kubeconfig: o.kubeconfig, context: o.context });
    try {
        await api.request('GET', '/version');
    }
    catch (err) {
        const status = err instanceof errors/* KubeApiError */.W3 ? err.code : null;
        const what = status === 401
            ? 'rejected the credentials (401 Unauthorized)'
            : status !== null
                ? `answered ${status}`
                : (0,net_errors/* isTlsError */.sl)(err.cause)
                    ? 'failed the TLS check'
                    : 'could not be reached';
        throw new PreflightError('unreachable', `the Kubernetes API server ${server} (context "${context}") ${what}: ${describe(err)}`);
    }
    const istioVersion = await checkIstioCrds(api, server);
    await checkRbac(api, context, o.namespace, o.preview, o.writes);
    return { server, context, istioVersion };
}
const INSTALL_ISTIO = 'Install Istio in the cluster first (`istioctl install --set profile=demo -y`, see https://istio.io/latest/docs/setup/install/istioctl/), or use `cluster: kind` or `cluster: minikube` to create a cluster with Istio.';
async function checkIstioCrds(api, server) {
    let groups;
    try {
        groups = (await api.request('GET', '/apis')).json;
    }
    catch (err) {
        throw new PreflightError('unreachable', `API discovery on ${server} failed: ${describe(err)}`);
    }
    const group = groups.groups.find((g) => g.name === ISTIO_GROUP);
    const all = ISTIO_KINDS.map((k) => k.crd);
    if (!group) {
        throw new PreflightError('istio-crds', `Istio CRDs missing on ${server}: ${all.join(', ')} (the API group ${ISTIO_GROUP} is not served). ${INSTALL_ISTIO}`, all);
    }
    const preferred = group.preferredVersion?.groupVersion;
    const versions = [
        ...new Set([preferred, ...group.versions.map((v) => v.groupVersion)].filter((v) => !!v)),
    ];
    const missing = new Set(all);
    let foundIn = null;
    for (const gv of versions) {
        for (const k of ISTIO_KINDS) {
            if (!missing.has(k.crd))
                continue;
            try {
                await api.resource(gv, k.kind);
                missing.delete(k.crd);
                foundIn ??= gv;
            }
            catch (err) {
                // A version that does not serve the kind; any other failure (after the retries) is named.
                if (!(err instanceof errors/* UnknownKindError */.r_))
                    throw new PreflightError('unreachable', `API discovery of ${gv} on ${server} failed: ${describe(err)}`);
            }
        }
        if (missing.size === 0)
            break;
    }
    if (missing.size > 0) {
        const list = [...missing];
        throw new PreflightError('istio-crds', `Istio CRDs missing on ${server}: ${list.join(', ')} (${ISTIO_GROUP} serves ${versions.join(', ')}). ${INSTALL_ISTIO}`, list);
    }
    return foundIn ?? preferred ?? ISTIO_GROUP;
}
async function checkRbac(api, context, namespace, preview, writes) {
    const checks = rbacChecks(namespace, preview, writes);
    const results = await Promise.all(checks.map(async (c) => {
        try {
            const { json } = await api.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
                apiVersion: 'authorization.k8s.io/v1',
                kind: 'SelfSubjectAccessReview',
                spec: {
                    resourceAttributes: {
                        group: c.group,
                        resource: c.resource,
                        verb: c.verb,
                        ...(c.clusterScoped ? {} : { namespace: c.namespace ?? namespace }),
                    },
                },
            });
            const review = json;
            return { check: c, allowed: review?.status?.allowed === true };
        }
        catch (err) {
            throw new PreflightError('rbac', `could not check permissions with a SelfSubjectAccessReview (context "${context}"): ${describe(err)}`);
        }
    }));
    const denied = results.filter((r) => !r.allowed).map((r) => r.check);
    if (denied.length > 0) {
        throw new PreflightError('rbac', rbacMessage(context, namespace, denied), denied.map((d) => `${d.verb} ${qualified(d.group, d.resource)}`));
    }
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/cluster/exec.ts
var exec = __webpack_require__(3257);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/cluster/istio.ts
// Istio in a cluster we created: istioctl install with the chosen profile (the ingress gateway
// on a pinned NodePort), istiod ready before any Istio resource is applied, the namespace
// labelled for injection, the release's Prometheus addon, and a port-forward to it.




const ISTIO_NAMESPACE = 'istio-system';
/**
 * IstioOperator overlay: the ingress gateway enabled (the `minimal` profile has none, and the
 * load generator needs it) as a NodePort service with http2 on a fixed node port, so kind's
 * port mapping (or minikube's node address) reaches it. The ports list replaces the profile's,
 * so it repeats the ones the gateway serves.
 */
function istioOverlay(ingressNodePort) {
    return (0,js_yaml/* dump */.Bh)({
        apiVersion: 'install.istio.io/v1alpha1',
        kind: 'IstioOperator',
        spec: {
            components: {
                ingressGateways: [
                    {
                        name: 'istio-ingressgateway',
                        enabled: true,
                        k8s: {
                            service: {
                                type: 'NodePort',
                                ports: [
                                    { name: 'status-port', port: 15021, targetPort: 15021 },
                                    { name: 'http2', port: 80, targetPort: 8080, nodePort: ingressNodePort },
                                    { name: 'https', port: 443, targetPort: 8443 },
                                ],
                            },
                        },
                    },
                ],
            },
        },
    }, { lineWidth: -1 });
}
function istioInstallArgs(profile, overlayPath, kubeconfigPath, context) {
    return [
        'install',
        '-f',
        overlayPath,
        '--set',
        `profile=${profile}`,
        '-y',
        '--kubeconfig',
        kubeconfigPath,
        '--context',
        context,
    ];
}
/** kubectl with our kubeconfig and context first, so nothing depends on the user's current context. */
function kubectlArgs(kubeconfigPath, context, ...rest) {
    return ['--kubeconfig', kubeconfigPath, '--context', context, ...rest];
}
function rolloutStatusArgs(kubeconfigPath, context, deployment, timeoutSeconds) {
    return kubectlArgs(kubeconfigPath, context, 'rollout', 'status', '-n', ISTIO_NAMESPACE, `deployment/${deployment}`, `--timeout=${timeoutSeconds}s`);
}
function namespaceManifest(namespace) {
    return (0,js_yaml/* dump */.Bh)({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
}
function labelNamespaceArgs(kubeconfigPath, context, namespace) {
    return kubectlArgs(kubeconfigPath, context, 'label', 'namespace', namespace, 'istio-injection=enabled', '--overwrite');
}
function prometheusAddonPath(releaseDir) {
    return external_node_path_default().join(releaseDir, 'samples', 'addons', 'prometheus.yaml');
}
/** `:9090` lets kubectl pick a free local port, which it prints. */
function prometheusPortForwardArgs(kubeconfigPath, context) {
    return kubectlArgs(kubeconfigPath, context, 'port-forward', '-n', ISTIO_NAMESPACE, 'svc/prometheus', ':9090', '--address', '127.0.0.1');
}
const PORT_FORWARD_READY = /Forwarding from 127\.0\.0\.1:(\d+) -> 9090/;
/**
 * Installs Istio and readies the namespace; every Istio resource comes after istiod is ready.
 * One collapsible group in the job log (istioctl's and kubectl's output inside it).
 */
function installIstio(s) {
    return (0,log/* withGroup */.I)(s.logger, `Installing Istio (profile ${s.profile}) with istioctl`, () => installSteps(s));
}
async function installSteps(s) {
    const { runner, logger, kubectl } = s;
    await (0,exec/* runChecked */.X4)(runner, s.istioctl, istioInstallArgs(s.profile, s.overlayPath, s.kubeconfigPath, s.context));
    logger.info('Waiting for istiod');
    await (0,exec/* runChecked */.X4)(runner, kubectl, rolloutStatusArgs(s.kubeconfigPath, s.context, 'istiod', s.timeoutSeconds));
    logger.info('Waiting for the ingress gateway');
    await (0,exec/* runChecked */.X4)(runner, kubectl, rolloutStatusArgs(s.kubeconfigPath, s.context, 'istio-ingressgateway', s.timeoutSeconds));
    logger.info(`Labelling namespace ${s.namespace} with istio-injection=enabled`);
    await (0,exec/* runChecked */.X4)(runner, kubectl, kubectlArgs(s.kubeconfigPath, s.context, 'apply', '-f', '-'), {
        input: namespaceManifest(s.namespace),
    });
    await (0,exec/* runChecked */.X4)(runner, kubectl, labelNamespaceArgs(s.kubeconfigPath, s.context, s.namespace));
    if (s.installPrometheus) {
        if (!s.releaseDir)
            throw new Error('the Istio release folder is needed for samples/addons/prometheus.yaml');
        logger.info("Installing Istio's Prometheus addon");
        await (0,exec/* runChecked */.X4)(runner, kubectl, kubectlArgs(s.kubeconfigPath, s.context, 'apply', '-f', prometheusAddonPath(s.releaseDir)));
        await (0,exec/* runChecked */.X4)(runner, kubectl, rolloutStatusArgs(s.kubeconfigPath, s.context, 'prometheus', s.timeoutSeconds));
    }
}
/** Starts `kubectl port-forward` to the addon's Prometheus; resolves with its URL once ready. */
async function forwardPrometheus(start, kubectl, kubeconfigPath, context, timeoutMs = 60_000) {
    const proc = start(kubectl, prometheusPortForwardArgs(kubeconfigPath, context));
    try {
        const m = await proc.waitForLine(PORT_FORWARD_READY, timeoutMs);
        return { url: `http://127.0.0.1:${m[1]}`, process: proc };
    }
    catch (err) {
        await proc.stop();
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/cluster/kind.ts
// kind: a generated cluster config (node image pinned by digest, the ingress gateway's NodePort
// mapped to localhost) and the exact create/delete command lines.


/** kind v0.32.0's default node image (Kubernetes 1.36.1), pinned by digest. */
const KIND_NODE_IMAGE = 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
/** NodePort of the Istio ingress gateway's http2 port (80) in the clusters we create. */
const INGRESS_NODE_PORT = 31080;
const DEFAULT_INGRESS_HOST_PORT = 8080;
/**
 * The kind cluster config. The kubeadm patch has no apiVersion so kind applies it to whatever
 * kubeadm API the node's Kubernetes uses (v1beta4 on 1.36, where kubeletExtraArgs is a
 * list of name/value pairs).
 */
function kindConfig(o) {
    const patch = [
        'kind: InitConfiguration',
        'nodeRegistration:',
        '  kubeletExtraArgs:',
        '    - name: node-labels',
        '      value: ingress-ready=true',
        '',
    ].join('\n');
    return (0,js_yaml/* dump */.Bh)({
        kind: 'Cluster',
        apiVersion: 'kind.x-k8s.io/v1alpha4',
        name: o.name,
        nodes: [
            {
                role: 'control-plane',
                image: o.nodeImage ?? KIND_NODE_IMAGE,
                kubeadmConfigPatches: [patch],
                extraPortMappings: [
                    {
                        containerPort: o.ingressNodePort ?? INGRESS_NODE_PORT,
                        hostPort: o.ingressHostPort ?? DEFAULT_INGRESS_HOST_PORT,
                        listenAddress: '127.0.0.1',
                        protocol: 'TCP',
                    },
                ],
            },
        ],
    }, { lineWidth: -1 });
}
function kindCreateArgs(name, configPath, kubeconfigPath) {
    return [
        'create',
        'cluster',
        '--name',
        name,
        '--config',
        configPath,
        '--kubeconfig',
        kubeconfigPath,
        '--wait',
        '180s',
    ];
}
function kindDeleteArgs(name, kubeconfigPath) {
    return ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfigPath];
}
/** The kubeconfig context kind creates for a cluster. */
const kindContext = (name) => `kind-${name}`;
async function createKindCluster(runner, kind, name, configPath, kubeconfigPath) {
    await (0,exec/* runChecked */.X4)(runner, kind, kindCreateArgs(name, configPath, kubeconfigPath));
}
async function kind_deleteKindCluster(runner, kind, name, kubeconfigPath) {
    await runChecked(runner, kind, kindDeleteArgs(name, kubeconfigPath));
}

;// CONCATENATED MODULE: ./src/cluster/minikube.ts

function minikubeStartArgs(name) {
    return ['start', '--profile', name, '--driver=docker', '--wait=all', '--interactive=false'];
}
function minikubeDeleteArgs(name) {
    return ['delete', '--profile', name];
}
function minikubeIpArgs(name) {
    return ['ip', '--profile', name];
}
/** minikube names the context after the profile. */
const minikubeContext = (name) => name;
async function startMinikube(runner, minikube, name, kubeconfigPath) {
    await (0,exec/* runChecked */.X4)(runner, minikube, minikubeStartArgs(name), { env: { KUBECONFIG: kubeconfigPath } });
}
async function minikube_deleteMinikube(runner, minikube, name, kubeconfigPath) {
    await runChecked(runner, minikube, minikubeDeleteArgs(name), { env: { KUBECONFIG: kubeconfigPath } });
}
/** The node's address: with the docker driver on Linux the host reaches NodePorts on it. */
async function minikubeIp(runner, minikube, name, kubeconfigPath) {
    const out = await (0,exec/* runChecked */.X4)(runner, minikube, minikubeIpArgs(name), {
        silent: true,
        env: { KUBECONFIG: kubeconfigPath },
    });
    const ip = out.trim().split('\n').pop()?.trim() ?? '';
    if (!/^[0-9a-f.:]+$/i.test(ip))
        throw new Error(`minikube ip printed ${JSON.stringify(out.trim())}, not an address`);
    return ip;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(9805);
;// CONCATENATED MODULE: ./src/cluster/tools.ts
// kind, minikube, istioctl (the whole Istio release: bin/istioctl and samples/addons) and
// kubectl at pinned versions. Order: a binary of the same version on PATH, then the runner's
// tool cache, then a download checked against a SHA-256 pinned here before it is cached or
// executed. The pins are the trust anchor: a version without a pin is refused.







/**
 * Real SHA-256 values of the real release artifacts (linux). Sources, cross-checked where
 * possible: kind's and kubectl's from cert-manager/makefile-modules tools.mk (kind v0.32.0,
 * kubectl v1.36.3) and other repositories pinning the same values; minikube's from the
 * v1.38.1 release notes' "Binary Checksums"; Istio's is the release tarball
 * istio-1.30.3-linux-<arch>.tar.gz (makefile-modules, and a toolchain lock pinning the same).
 */
const PINS = {
    kind: {
        'v0.32.0': {
            amd64: '50030de23cf40a18505f20426f6a8506bedf13c6e509244bd1fa9463721b0f54',
            arm64: 'b92cd615e97585de8ddade28ed5cd7feb4248d717c233eea5b03c37298900f5d',
        },
    },
    minikube: {
        'v1.38.1': {
            amd64: '099477eaf248bcb5bcea8ce78a2898e93ac01461c35189da1848c3de82ecd22e',
            arm64: 'a0b8a1ebfc8c07a247271d8df98ac0ddd7c8c855b601d402463e2e50c08c6bab',
        },
    },
    istio: {
        '1.30.3': {
            amd64: '55ada076ba1b37af49e8a24e5e539b4abccabdb33894c923279edd293eea3993',
            arm64: '926d265818e8ab69de9f81bfe78447c3bc8f4ae32a356a39545b790bfcfd63e5',
        },
    },
    kubectl: {
        'v1.36.3': {
            amd64: 'ebbd080e7c2e275093b55915722043257eb24004363e20acb3c4d71919f88336',
            arm64: '3d86f24401c41ae5a46ac50eef8865fe891d3647d324a0836f6c63757a126e62',
        },
    },
};
/** kubectl for the clusters we create (kind v0.32.0's default node is Kubernetes 1.36.1). */
const KUBECTL_VERSION = 'v1.36.3';
const DEFAULT_BASE_URLS = {
    kind: 'https://github.com/kubernetes-sigs/kind/releases/download',
    minikube: 'https://storage.googleapis.com/minikube/releases',
    istio: 'https://github.com/istio/istio/releases/download',
    kubectl: 'https://dl.k8s.io/release',
};
class ChecksumMismatchError extends Error {
    url;
    expected;
    actual;
    constructor(url, expected, actual) {
        super(`SHA-256 mismatch for ${url}: expected ${expected}, got ${actual}. Refusing to cache or run it.`);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
        this.name = 'ChecksumMismatchError';
    }
}
class UnpinnedVersionError extends Error {
    constructor(tool, version, arch, pinned) {
        super(`no pinned SHA-256 for ${tool} ${version} (linux-${arch}); this version of istio-canary pins ${pinned.join(', ') || 'none'} for ${tool}. Use a pinned version.`);
        this.name = 'UnpinnedVersionError';
    }
}
function hostArch(nodeArch = process.arch) {
    if (nodeArch === 'x64')
        return 'amd64';
    if (nodeArch === 'arm64')
        return 'arm64';
    throw new Error(`unsupported CPU architecture ${nodeArch}: kind, minikube and Istio are downloaded for amd64 or arm64`);
}
/** The release file's URL for a tool (pure). */
function artifactUrl(tool, version, arch, base = DEFAULT_BASE_URLS[tool]) {
    const b = base.replace(/\/+$/, '');
    switch (tool) {
        case 'kind':
            return `${b}/${version}/kind-linux-${arch}`;
        case 'minikube':
            return `${b}/${version}/minikube-linux-${arch}`;
        case 'istio':
            return `${b}/${version}/istio-${version}-linux-${arch}.tar.gz`;
        case 'kubectl':
            return `${b}/${version}/bin/linux/${arch}/kubectl`;
    }
}
const BIN = {
    kind: 'kind',
    minikube: 'minikube',
    istio: 'istioctl',
    kubectl: 'kubectl',
};
const VERSION_ARGS = {
    kind: ['version'],
    minikube: ['version', '--short'],
    istio: ['version', '--remote=false'],
    kubectl: ['version', '--client'],
};
/** The first x.y.z in a `<tool> version` output, without a leading v; null when none. */
function parseVersion(output) {
    return /\bv?(\d+\.\d+\.\d+)\b/.exec(output)?.[1] ?? null;
}
const bare = (v) => v.replace(/^v/, '');
/** Whether a binary's version is acceptable: exact, except kubectl within the supported ±1 minor skew. */
function versionAcceptable(tool, wanted, found) {
    if (tool !== 'kubectl')
        return bare(wanted) === bare(found);
    const [wMaj, wMin] = bare(wanted).split('.').map(Number);
    const [fMaj, fMin] = bare(found).split('.').map(Number);
    return wMaj === fMaj && wMin !== undefined && fMin !== undefined && Math.abs(wMin - fMin) <= 1;
}
async function sha256File(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(file))
        hash.update(chunk);
    return hash.digest('hex');
}
async function onPath(ctx, tool, version) {
    const bin = BIN[tool];
    try {
        const r = await ctx.runner.run(bin, VERSION_ARGS[tool], { silent: true });
        const found = parseVersion(`${r.stdout}\n${r.stderr}`);
        if (r.exitCode === 0 && found && versionAcceptable(tool, version, found))
            return found;
        ctx.logger.debug(`${bin} on PATH is ${found ?? 'of unknown version'}, want ${version}`);
        return null;
    }
    catch (err) {
        if (err instanceof exec/* CommandStartError */.wn)
            return null;
        throw err;
    }
}
function isRetryable(err) {
    if (err instanceof ChecksumMismatchError)
        return false;
    const status = err.httpStatusCode;
    // Same rule as tool-cache: 4xx is final except timeouts and rate limits.
    if (typeof status === 'number' && status < 500 && status !== 408 && status !== 429)
        return false;
    return true;
}
const defaultSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Downloads url to a fresh file, retrying network errors with bounded exponential backoff. */
async function downloadWithRetry(ctx, url, dir) {
    const policy = { attempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000, ...ctx.options?.retry };
    const sleep = ctx.options?.sleep ?? defaultSleep;
    let last;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
        const dest = external_node_path_default().join(dir, (0,external_node_crypto_.randomUUID)());
        try {
            return await tool_cache/* downloadTool */.bq(url, dest);
        }
        catch (err) {
            last = err;
            await (0,promises_.rm)(dest, { force: true });
            if (!isRetryable(err) || attempt === policy.attempts)
                break;
            const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            ctx.logger.warning(`download of ${url} failed (${String(err)}); retrying in ${delay} ms (${attempt}/${policy.attempts})`);
            await sleep(delay);
        }
    }
    throw new Error(`could not download ${url}: ${last instanceof Error ? last.message : String(last)}`, {
        cause: last,
    });
}
/**
 * Resolves a tool at a version: PATH (same version), tool cache, or a verified download.
 * For `istio` the whole release is cached and `bin` is its bin/istioctl; PATH reuse is
 * skipped when the release's samples are needed (allowPath: false).
 */
async function tools_ensureTool(ctx, tool, version, opts = {}) {
    const arch = ctx.options?.arch ?? hostArch();
    if (opts.allowPath !== false) {
        const found = await onPath(ctx, tool, version);
        if (found) {
            ctx.logger.info(`Using ${BIN[tool]} ${found} from PATH`);
            return { tool, version, bin: BIN[tool], source: 'path', releaseDir: null };
        }
    }
    const pins = ctx.options?.pins ?? PINS;
    const expected = pins[tool][version]?.[arch];
    if (!expected)
        throw new UnpinnedVersionError(tool, version, arch, Object.keys(pins[tool]));
    const cacheVersion = bare(version);
    let cached;
    try {
        cached = tool_cache/* find */.I6(tool, cacheVersion, arch);
    }
    catch (err) {
        // tool-cache needs RUNNER_TOOL_CACHE (set on every Actions runner); the CLI must set it too.
        throw new Error(`the tool cache is not configured (${err instanceof Error ? err.message : String(err)}): set RUNNER_TOOL_CACHE to a folder for downloaded tools`, {
            cause: err,
        });
    }
    if (cached) {
        ctx.logger.info(`Using ${tool} ${version} from the tool cache`);
        return resolved(tool, version, cached, 'cache');
    }
    const url = artifactUrl(tool, version, arch, ctx.options?.baseUrls?.[tool]);
    const dir = ctx.options?.downloadDir ?? (0,external_node_os_.tmpdir)();
    await (0,promises_.mkdir)(dir, { recursive: true });
    ctx.logger.info(`Downloading ${tool} ${version} from ${url}`);
    const file = await downloadWithRetry(ctx, url, dir);
    try {
        const actual = await sha256File(file);
        if (actual !== expected.toLowerCase())
            throw new ChecksumMismatchError(url, expected, actual);
        let cacheDir;
        if (tool === 'istio') {
            const extractTo = external_node_path_default().join(dir, `${(0,external_node_crypto_.randomUUID)()}-extract`);
            try {
                await tool_cache/* extractTar */.nN(file, extractTo);
                cacheDir = await tool_cache/* cacheDir */.e8(external_node_path_default().join(extractTo, `istio-${cacheVersion}`), tool, cacheVersion, arch);
            }
            finally {
                await (0,promises_.rm)(extractTo, { recursive: true, force: true });
            }
        }
        else {
            await (0,promises_.chmod)(file, 0o755);
            cacheDir = await tool_cache/* cacheFile */.NJ(file, BIN[tool], tool, cacheVersion, arch);
        }
        ctx.logger.info(`Verified SHA-256 of ${tool} ${version} and cached it`);
        return resolved(tool, version, cacheDir, 'download');
    }
    finally {
        await (0,promises_.rm)(file, { force: true });
    }
}
function resolved(tool, version, dir, source) {
    if (tool === 'istio')
        return { tool, version, bin: external_node_path_default().join(dir, 'bin', 'istioctl'), source, releaseDir: dir };
    return { tool, version, bin: external_node_path_default().join(dir, BIN[tool]), source, releaseDir: null };
}

;// CONCATENATED MODULE: ./src/cluster/index.ts
// prepareCluster: a ready cluster for the promotion, created here (kind, minikube: with Istio,
// Prometheus and URLs for load and metrics) or existing (kubeconfig + preflight checks).
// cleanupCluster (the post step) deletes only a cluster this action recorded as created.










const CREATED_CLUSTER_STATE = 'created-cluster';
function kubeconfigPathFor(workDir, name) {
    return external_node_path_default().join(workDir, `istio-canary-${name}.kubeconfig`);
}
function starter(runner) {
    return 'start' in runner ? (f, a) => runner.start(f, a) : (f, a) => (0,exec/* startBackground */.rC)(f, a);
}
async function prepareCluster(settings, deps) {
    switch (settings.cluster) {
        case 'existing':
            return connectExisting(settings, deps);
        case 'kind':
        case 'minikube':
            return createCluster(settings, deps, settings.cluster);
        case 'sim':
            throw new Error('cluster: sim is started by the embedded mesh, not by src/cluster');
    }
}
/** The kubeconfig for `cluster: existing`: the input, else the first readable $KUBECONFIG file, else ~/.kube/config. */
async function readKubeconfig(settings, deps) {
    if (settings.kubeconfig) {
        deps.logger.info('Using the kubeconfig input');
        return settings.kubeconfig;
    }
    const candidates = settings.kubeconfigPath
        ? settings.kubeconfigPath.split((external_node_path_default()).delimiter).filter(Boolean)
        : [external_node_path_default().join(deps.clusterOptions?.homeDir ?? (0,external_node_os_.homedir)(), '.kube', 'config')];
    for (const file of candidates) {
        try {
            const content = await (0,promises_.readFile)(file, 'utf8');
            deps.logger.info(`Using the kubeconfig at ${file}`);
            return content;
        }
        catch {
            // try the next one
        }
    }
    throw new Error(`cluster: existing needs a kubeconfig: set the kubeconfig input, or $KUBECONFIG, or create ${candidates.join(', ')} (none could be read)`);
}
async function connectExisting(settings, deps) {
    const { logger } = deps;
    const kubeconfig = await readKubeconfig(settings, deps);
    const result = await preflight({
        kubeconfig,
        context: settings.context,
        namespace: settings.namespace,
        preview: settings.preview,
        writes: deps.writes,
    });
    logger.info(`Cluster ${result.server} is reachable; Istio CRDs (${result.istioVersion}) present; permissions in ${settings.namespace} granted`);
    return {
        kubeconfig,
        context: settings.context,
        prometheusUrl: null,
        loadUrl: null,
        created: false,
        close: () => Promise.resolve(),
    };
}
async function createCluster(settings, deps, provider) {
    const { runner, logger, state } = deps;
    const opts = deps.clusterOptions ?? {};
    const workDir = opts.workDir ?? settings.github.tempDir;
    const name = settings.clusterName;
    const timeout = opts.readyTimeoutSeconds ?? 300;
    const tools = { runner, logger, options: deps.toolOptions };
    const kubeconfigPath = kubeconfigPathFor(workDir, name);
    const context = provider === 'kind' ? kindContext(name) : minikubeContext(name);
    // One collapsible group in the job log for the tools and the cluster (kind's or minikube's
    // output inside it); the Istio install is the next one.
    const { kubectl, istio, loadUrl } = await (0,log/* withGroup */.I)(logger, `Creating ${provider} cluster ${name} (tools, then the cluster; a few minutes)`, async () => {
        logger.info(`Preparing tools for a ${provider} cluster with Istio ${settings.istioVersion}`);
        const version = provider === 'kind' ? settings.kindVersion : settings.minikubeVersion;
        const clusterTool = await tools_ensureTool(tools, provider, version);
        const kubectl = await tools_ensureTool(tools, 'kubectl', KUBECTL_VERSION);
        // The release's samples/addons/prometheus.yaml is needed, so not an istioctl from PATH then.
        const istio = await tools_ensureTool(tools, 'istio', settings.istioVersion, {
            allowPath: !settings.installPrometheus,
        });
        // Recorded before creating, so a run cancelled half-way still gets its cluster deleted.
        const record = { provider, name, version, kubeconfigPath };
        state.save(CREATED_CLUSTER_STATE, JSON.stringify(record));
        if (provider === 'kind') {
            const hostPort = opts.ingressHostPort ?? DEFAULT_INGRESS_HOST_PORT;
            const configPath = external_node_path_default().join(workDir, `istio-canary-${name}-kind.yaml`);
            await (0,promises_.writeFile)(configPath, kindConfig({ name, ingressNodePort: INGRESS_NODE_PORT, ingressHostPort: hostPort }));
            logger.info(`Creating kind cluster ${name}`);
            await createKindCluster(runner, clusterTool.bin, name, configPath, kubeconfigPath);
            return { kubectl, istio, loadUrl: `http://127.0.0.1:${hostPort}` };
        }
        logger.info(`Starting minikube cluster ${name} with the docker driver`);
        await startMinikube(runner, clusterTool.bin, name, kubeconfigPath);
        const ip = await minikubeIp(runner, clusterTool.bin, name, kubeconfigPath);
        return { kubectl, istio, loadUrl: `http://${ip.includes(':') ? `[${ip}]` : ip}:${INGRESS_NODE_PORT}` };
    });
    const overlayPath = external_node_path_default().join(workDir, `istio-canary-${name}-istio.yaml`);
    await (0,promises_.writeFile)(overlayPath, istioOverlay(INGRESS_NODE_PORT));
    await installIstio({
        runner,
        logger,
        istioctl: istio.bin,
        kubectl: kubectl.bin,
        kubeconfigPath,
        context,
        profile: settings.istioProfile,
        overlayPath,
        namespace: settings.namespace,
        releaseDir: istio.releaseDir,
        installPrometheus: settings.installPrometheus,
        timeoutSeconds: timeout,
    });
    const kubeconfig = await (0,promises_.readFile)(kubeconfigPath, 'utf8');
    let prometheusUrl = null;
    let forward = null;
    if (settings.installPrometheus) {
        logger.info('Port-forwarding to Prometheus');
        const pf = await forwardPrometheus(starter(runner), kubectl.bin, kubeconfigPath, context);
        prometheusUrl = pf.url;
        forward = pf.process;
    }
    logger.info(`Cluster ${name} is ready: load ${loadUrl}${prometheusUrl ? `, Prometheus ${prometheusUrl}` : ''}`);
    return {
        kubeconfig,
        kubeconfigPath,
        context,
        prometheusUrl,
        loadUrl,
        created: true,
        close: async () => {
            await forward?.stop();
        },
    };
}
/** Whether post should delete a created cluster (pure). */
function shouldDeleteCluster(mode, githubHosted) {
    if (mode === 'never')
        return false;
    if (mode === 'always')
        return true;
    return !githubHosted;
}
function parseRecord(raw) {
    if (!raw)
        return null;
    try {
        const r = JSON.parse(raw);
        if ((r.provider === 'kind' || r.provider === 'minikube') && r.name && r.version && r.kubeconfigPath) {
            return r;
        }
    }
    catch {
        // fall through: not a record of ours
    }
    return null;
}
/** The post step's part: deletes the cluster recorded by prepareCluster, when the settings allow. */
async function cleanupCluster(settings, deps) {
    const { logger, runner } = deps;
    const record = parseRecord(deps.state.get(CREATED_CLUSTER_STATE));
    if (!record) {
        logger.info('No cluster was created by this action; nothing to delete');
        return { deleted: false, reason: 'not-created' };
    }
    if (!shouldDeleteCluster(settings.cleanupCluster, settings.github.githubHosted)) {
        const reason = settings.cleanupCluster === 'never' ? 'never' : 'github-hosted';
        logger.info(reason === 'never'
            ? `Keeping ${record.provider} cluster ${record.name} (cleanup-cluster: never)`
            : `Keeping ${record.provider} cluster ${record.name}: a GitHub-hosted runner's VM is discarded after the job (cleanup-cluster: always deletes it anyway)`);
        return { deleted: false, reason };
    }
    const tool = await ensureTool({ runner, logger, options: deps.toolOptions }, record.provider, record.version);
    logger.info(`Deleting ${record.provider} cluster ${record.name}`);
    if (record.provider === 'kind')
        await deleteKindCluster(runner, tool.bin, record.name, record.kubeconfigPath);
    else
        await deleteMinikube(runner, tool.bin, record.name, record.kubeconfigPath);
    return { deleted: true, name: record.name };
}


/***/ })

};
