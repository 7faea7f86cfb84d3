export const id = 417;
export const ids = [417,257];
export const modules = {

/***/ 93257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X4: () => (/* binding */ runChecked),
/* harmony export */   createCommandRunner: () => (/* binding */ createCommandRunner),
/* harmony export */   rC: () => (/* binding */ startBackground),
/* harmony export */   wn: () => (/* binding */ CommandStartError)
/* harmony export */ });
/* unused harmony exports CommandAbortedError, CommandFailedError, signalFor, cancellationSignal */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
// The one choke point for child processes (DESIGN.md: only src/cluster spawns). argv arrays
// only, never a shell; output captured; SIGINT/SIGTERM reach the children through an
// AbortSignal so a cancelled job does not leave kind/istioctl/port-forwards running.


/** A child that failed to start (e.g. ENOENT: not on PATH). */
class CommandStartError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
    file;
    code;
    constructor(file, code, cause) {
        super(`could not start ${file}: ${code === 'ENOENT' ? 'not found' : String(cause)}`, { cause });
        this.file = file;
        this.code = code;
    }
}
/** A child stopped because the run was cancelled. */
class CommandAbortedError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
    file;
    signal;
    constructor(file, signal) {
        super(`${file} stopped: the run was cancelled (${signal})`);
        this.file = file;
        this.signal = signal;
    }
}
/** A command that exited non-zero, with the tail of its stderr to say why. */
class CommandFailedError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
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

/***/ 4417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HW: () => (/* binding */ GATEWAY_API_BUNDLE),
/* harmony export */   gatewayApiDryRunMessage: () => (/* binding */ gatewayApiDryRunMessage),
/* harmony export */   m7: () => (/* binding */ installGatewayApiCrds),
/* harmony export */   uV: () => (/* binding */ gatewayApiCrdsWritten),
/* harmony export */   vd: () => (/* binding */ checkGatewayApiCrds)
/* harmony export */ });
/* unused harmony exports GATEWAY_API_GROUP, GatewayApiBundleError, GatewayApiCrdsMissingError, loadGatewayApiBundle, getCrdsArgs, applyBundleArgs, waitEstablishedArgs */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(93257);
/* harmony import */ var _istio_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25054);
// The Gateway API CRDs for manifests that use them (gateway.networking.k8s.io: HTTPRoute,
// Gateway, ...). Istio serves HTTPRoute natively but does not install its CRDs, so a cluster
// created here (`cluster: kind`/`minikube`) gets the standard channel after Istio and before the
// manifests: from a copy vendored with the action (gateway-api-crds.ts; no download at run time),
// whose upstream tag and SHA-256 are pinned below and checked before it is applied. It is
// applied with kubectl (server-side, --force-conflicts, as upstream's install docs do) and
// waited for until every CRD is Established; a cluster that already has them is left alone.
// An existing cluster (`cluster: existing`) is never changed: a missing CRD is named instead.






const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** The vendored bundle (src/cluster/gateway-api-crds.ts): upstream tag, commit, SHA-256 of the YAML. */
const GATEWAY_API_BUNDLE = {
    version: 'v1.6.1',
    commit: '8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3',
    sha256: '208b2f1ee0faa7f248008c85070d281bdbf4522d6cf364619cb8bf8da2036643',
    /** The CRDs it defines, in its order. */
    crds: [
        'gatewayclasses',
        'gateways',
        'grpcroutes',
        'httproutes',
        'referencegrants',
        'backendtlspolicies',
        'listenersets',
        'tcproutes',
        'tlsroutes',
        'udproutes',
    ].map((plural) => `${plural}.${GATEWAY_API_GROUP}`),
};
/** The vendored bundle is not the one pinned (a corrupted or edited file): nothing is applied. */
class GatewayApiBundleError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .IstioCanaryError */ .f {
}
/** `cluster: existing` lacks Gateway API CRDs the manifests write. */
class GatewayApiCrdsMissingError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .IstioCanaryError */ .f {
    missing;
    constructor(message, missing) {
        super(message);
        this.missing = missing;
    }
}
/** The Gateway API CRDs the manifests write, e.g. httproutes.gateway.networking.k8s.io (pure). */
function gatewayApiCrdsWritten(writes) {
    const names = (writes ?? [])
        .filter((w) => w.group === GATEWAY_API_GROUP)
        .map((w) => `${w.resource}.${GATEWAY_API_GROUP}`);
    return [...new Set(names)];
}
/** The dry run's line for a cluster that would be created, or null when nothing would be installed (pure). */
function gatewayApiDryRunMessage(cluster, writes) {
    if ((cluster !== 'kind' && cluster !== 'minikube') || gatewayApiCrdsWritten(writes).length === 0)
        return null;
    return `[dry-run] would install Gateway API CRDs ${GATEWAY_API_BUNDLE.version} (standard channel, vendored) after Istio, since the manifests write ${gatewayApiCrdsWritten(writes).join(', ')}`;
}
/** The vendored YAML, checked against the pinned SHA-256 before anything uses it. */
async function loadGatewayApiBundle(source = async () => (await __webpack_require__.e(/* import() */ 98).then(__webpack_require__.bind(__webpack_require__, 66098))).GATEWAY_API_STANDARD_GZIP_BASE64) {
    const bytes = await (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_zlib__WEBPACK_IMPORTED_MODULE_2__.gunzip)(Buffer.from(await source(), 'base64')).catch((error) => {
        throw new GatewayApiBundleError(`the vendored Gateway API CRDs (src/cluster/gateway-api-crds.ts) do not decompress: ${String(error)}; reinstall the action`);
    });
    const sha256 = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex');
    if (sha256 !== GATEWAY_API_BUNDLE.sha256)
        throw new GatewayApiBundleError(`the vendored Gateway API CRDs have SHA-256 ${sha256}, not the pinned ${GATEWAY_API_BUNDLE.sha256} of ${GATEWAY_API_BUNDLE.version}: nothing was applied; reinstall the action`);
    return bytes.toString('utf8');
}
/** `kubectl get crd <names> --ignore-not-found -o name`: the ones the cluster has. */
function getCrdsArgs(kubeconfigPath, context, crds) {
    return (0,_istio_js__WEBPACK_IMPORTED_MODULE_5__/* .kubectlArgs */ .yq)(kubeconfigPath, context, 'get', 'crd', ...crds, '--ignore-not-found', '-o', 'name');
}
function applyBundleArgs(kubeconfigPath, context) {
    return (0,_istio_js__WEBPACK_IMPORTED_MODULE_5__/* .kubectlArgs */ .yq)(kubeconfigPath, context, 'apply', '--server-side', '--force-conflicts', '--field-manager=istio-canary', '-f', '-');
}
function waitEstablishedArgs(kubeconfigPath, context, crds, timeoutSeconds) {
    return (0,_istio_js__WEBPACK_IMPORTED_MODULE_5__/* .kubectlArgs */ .yq)(kubeconfigPath, context, 'wait', '--for=condition=Established', ...crds.map((c) => `crd/${c}`), `--timeout=${timeoutSeconds}s`);
}
/**
 * Installs the vendored standard channel in a created cluster, unless it has every CRD already
 * (then nothing is applied: a newer install by someone else is not downgraded).
 */
async function installGatewayApiCrds(s) {
    const crds = GATEWAY_API_BUNDLE.crds;
    const listed = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .runChecked */ .X4)(s.runner, s.kubectl, getCrdsArgs(s.kubeconfigPath, s.context, crds), {
        silent: true,
    });
    const present = new Set(listed
        .split('\n')
        .map((l) => l.trim().replace(/^customresourcedefinition(\.apiextensions\.k8s\.io)?\//, ''))
        .filter(Boolean));
    const missing = crds.filter((c) => !present.has(c));
    if (missing.length === 0) {
        s.logger.info(`The cluster has the Gateway API CRDs already (${crds.length}); not installing the vendored ${GATEWAY_API_BUNDLE.version}`);
        return 'present';
    }
    const bundle = await loadGatewayApiBundle(s.source);
    s.logger.info(`Installing the Gateway API CRDs ${GATEWAY_API_BUNDLE.version} (standard channel; missing: ${missing.join(', ')})`);
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .runChecked */ .X4)(s.runner, s.kubectl, applyBundleArgs(s.kubeconfigPath, s.context), { input: bundle });
    s.logger.info('Waiting for the Gateway API CRDs to be Established');
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .runChecked */ .X4)(s.runner, s.kubectl, waitEstablishedArgs(s.kubeconfigPath, s.context, crds, s.timeoutSeconds));
    return 'installed';
}
/**
 * For `cluster: existing`: every Gateway API resource the manifests write must be served (API
 * discovery, so no permission to read CRDs is needed). Throws GatewayApiCrdsMissingError naming
 * the missing CRDs and how to install them; never installs anything.
 */
async function checkGatewayApiCrds(api, server, writes, signal) {
    const needed = gatewayApiCrdsWritten(writes);
    if (needed.length === 0)
        return;
    const groups = ((await api.request('GET', '/apis', null, { signal })).json ?? {});
    const group = groups.groups?.find((g) => g.name === GATEWAY_API_GROUP);
    const served = new Set();
    for (const v of group?.versions ?? []) {
        if (!v.groupVersion)
            continue;
        const list = ((await api.request('GET', `/apis/${v.groupVersion}`, null, { signal })).json ?? {});
        for (const r of list.resources ?? [])
            if (r.name && !r.name.includes('/'))
                served.add(r.name);
    }
    const missing = needed.filter((c) => !served.has(c.slice(0, c.indexOf('.'))));
    if (missing.length === 0)
        return;
    throw new GatewayApiCrdsMissingError(`Gateway API CRDs missing on ${server}: ${missing.join(', ')} (the manifests write them${group ? '' : `; the API group ${GATEWAY_API_GROUP} is not served`}). Install them first: \`kubectl apply --server-side -f https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_BUNDLE.version}/standard-install.yaml\`; istio-canary installs them only in clusters it creates (cluster: kind or minikube)`, missing);
}


/***/ }),

/***/ 25054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FE: () => (/* binding */ istioOverlay),
/* harmony export */   QO: () => (/* binding */ forwardPrometheus),
/* harmony export */   uM: () => (/* binding */ installIstio),
/* harmony export */   yq: () => (/* binding */ kubectlArgs)
/* harmony export */ });
/* unused harmony exports ISTIO_NAMESPACE, istioInstallArgs, rolloutStatusArgs, namespaceManifest, labelNamespaceArgs, prometheusAddonPath, prometheusPortForwardArgs, PORT_FORWARD_READY */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33243);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25625);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93257);
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
    return (0,js_yaml__WEBPACK_IMPORTED_MODULE_1__/* .dump */ .Bh)({
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
    return (0,js_yaml__WEBPACK_IMPORTED_MODULE_1__/* .dump */ .Bh)({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
}
function labelNamespaceArgs(kubeconfigPath, context, namespace) {
    return kubectlArgs(kubeconfigPath, context, 'label', 'namespace', namespace, 'istio-injection=enabled', '--overwrite');
}
function prometheusAddonPath(releaseDir) {
    return node_path__WEBPACK_IMPORTED_MODULE_0___default().join(releaseDir, 'samples', 'addons', 'prometheus.yaml');
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
    return (0,_log_js__WEBPACK_IMPORTED_MODULE_2__/* .withGroup */ .I1)(s.logger, `Installing Istio (profile ${s.profile}) with istioctl`, () => installSteps(s));
}
async function installSteps(s) {
    const { runner, logger, kubectl } = s;
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, s.istioctl, istioInstallArgs(s.profile, s.overlayPath, s.kubeconfigPath, s.context));
    logger.info('Waiting for istiod');
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, kubectl, rolloutStatusArgs(s.kubeconfigPath, s.context, 'istiod', s.timeoutSeconds));
    logger.info('Waiting for the ingress gateway');
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, kubectl, rolloutStatusArgs(s.kubeconfigPath, s.context, 'istio-ingressgateway', s.timeoutSeconds));
    logger.info(`Labelling namespace ${s.namespace} with istio-injection=enabled`);
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, kubectl, kubectlArgs(s.kubeconfigPath, s.context, 'apply', '-f', '-'), {
        input: namespaceManifest(s.namespace),
    });
    await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, kubectl, labelNamespaceArgs(s.kubeconfigPath, s.context, s.namespace));
    if (s.installPrometheus) {
        if (!s.releaseDir)
            throw new Error('the Istio release folder is needed for samples/addons/prometheus.yaml');
        logger.info("Installing Istio's Prometheus addon");
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, kubectl, kubectlArgs(s.kubeconfigPath, s.context, 'apply', '-f', prometheusAddonPath(s.releaseDir)));
        await (0,_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .runChecked */ .X4)(runner, kubectl, rolloutStatusArgs(s.kubeconfigPath, s.context, 'prometheus', s.timeoutSeconds));
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


/***/ })

};
