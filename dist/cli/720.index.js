export const id = 720;
export const ids = [720,702];
export const modules = {

/***/ 11720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  kubeconfigCandidates: () => (/* binding */ kubeconfigCandidates),
  prepareCluster: () => (/* binding */ prepareCluster)
});

// UNUSED EXPORTS: CREATED_CLUSTER_STATE, cleanupCluster, kubeconfigPathFor, shouldDeleteCluster

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/kube/preflight.ts
var preflight = __webpack_require__(37702);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
// EXTERNAL MODULE: ./src/cluster/exec.ts
var exec = __webpack_require__(93257);
// EXTERNAL MODULE: ./src/cluster/gateway-api.ts
var gateway_api = __webpack_require__(4417);
// EXTERNAL MODULE: ./src/cluster/istio.ts
var cluster_istio = __webpack_require__(25054);
// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(33243);
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
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(59805);
// EXTERNAL MODULE: ./src/http/proxy.ts
var http_proxy = __webpack_require__(57856);
// EXTERNAL MODULE: ./src/http/transport.ts
var transport = __webpack_require__(71517);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(49809);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/cluster/tools.ts
// kind, minikube, istioctl (the whole Istio release: bin/istioctl and samples/addons) and
// kubectl at pinned versions. Order: a binary of the same version on PATH, then the runner's
// tool cache, then a download checked against a SHA-256 pinned here before it is cached or
// executed. The pins are the trust anchor: a version without a pin is refused.
// The download is ours, not @actions/tool-cache's downloadTool: that one has its own retry
// (3 tries, 10-20 s waits, neither configurable nor cancellable) which, nested in any retry of
// ours, made up to 9 downloads. Ours goes through the one retry loop (src/retry.ts) with the
// project's rules, its waits injectable and cancellable, and through the same proxy decision
// as every other client (src/http/transport.ts). tool-cache keeps what it does well: the cache
// folders (find, cacheFile, cacheDir) and extracting the Istio tarball.













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
/** Download attempts in all (each is one request), and the backoff between them. */
const DEFAULT_DOWNLOAD_RETRY = { attempts: 3, baseDelayMs: 2000, maxDelayMs: 30_000 };
class ChecksumMismatchError extends errors/* IstioCanaryError */.f {
    url;
    expected;
    actual;
    constructor(url, expected, actual) {
        super(`SHA-256 mismatch for ${url}: expected ${expected}, got ${actual}. Refusing to cache or run it.`);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
    }
}
/** The release server answered something other than 200. */
class DownloadHttpError extends errors/* IstioCanaryError */.f {
    url;
    status;
    retryAfterMs;
    constructor(url, status, statusText, 
    /** The server's Retry-After (ms), if it sent one. */
    retryAfterMs = null) {
        super(`${url} answered ${status}${statusText === '' ? '' : ` ${statusText}`}`);
        this.url = url;
        this.status = status;
        this.retryAfterMs = retryAfterMs;
    }
}
class UnpinnedVersionError extends errors/* IstioCanaryError */.f {
    constructor(tool, version, arch, pinned) {
        super(`no pinned SHA-256 for ${tool} ${version} (linux-${arch}); this version of istio-canary pins ${pinned.join(', ') || 'none'} for ${tool}. Use a pinned version.`);
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
/**
 * Whether a failed download is worth another attempt (pure): network errors and a body cut
 * short are; of HTTP answers only 5xx, 408 and 429 (after its Retry-After, capped), as
 * tool-cache decided; a checksum mismatch or an unusable proxy setting never is.
 */
function downloadRetryVerdict(err) {
    if (err instanceof ChecksumMismatchError || err instanceof http_proxy/* ProxyConfigError */.Xb)
        return false;
    if (!(err instanceof DownloadHttpError))
        return true;
    if (err.status >= 500 || err.status === 408 || err.status === 429)
        return { retry: true, afterMs: err.retryAfterMs };
    return false;
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/**
 * GET url, following redirects (release hosts redirect to a CDN) with the proxy decided per
 * host, as @actions/http-client did; an https → http redirect is refused.
 */
async function fetchFollowing(url, proxy, signal) {
    let current = new URL(url);
    for (let hops = 0;; hops++) {
        const response = await (0,transport/* fetchFor */.G)(current, proxy).fetch(current, {
            redirect: 'manual',
            headers: { 'user-agent': 'istio-canary' },
            ...(signal === undefined ? {} : { signal }),
        });
        const location = response.headers.get('location');
        if (!REDIRECTS.has(response.status) || location === null)
            return response;
        await response.body?.cancel().catch(() => undefined);
        const next = new URL(location, current);
        if (current.protocol === 'https:' && next.protocol !== 'https:')
            throw new DownloadHttpError(url, response.status, `redirected from https to ${next.protocol} (refused)`);
        if (hops >= MAX_REDIRECTS)
            throw new DownloadHttpError(url, response.status, 'too many redirects');
        current = next;
    }
}
/** One attempt: the whole body into a fresh file under dir (removed again when anything fails). */
async function downloadOnce(url, dir, proxy, signal) {
    const response = await fetchFollowing(url, proxy, signal);
    if (response.status !== 200 || response.body === null) {
        await response.body?.cancel().catch(() => undefined);
        throw new DownloadHttpError(url, response.status, response.statusText, (0,retry/* parseRetryAfter */.mu)(response.headers.get('retry-after')));
    }
    const dest = external_node_path_default().join(dir, (0,external_node_crypto_.randomUUID)());
    try {
        await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.fromWeb(response.body), (0,external_node_fs_.createWriteStream)(dest, { flags: 'wx' }), ...(signal === undefined ? [] : [{ signal }]));
        return dest;
    }
    catch (err) {
        await (0,promises_.rm)(dest, { force: true });
        throw err;
    }
}
/** An error's message with its cause's (fetch says only "fetch failed"; the cause says why). */
function describe(err) {
    if (!(err instanceof Error))
        return String(err);
    const cause = err.cause;
    return cause instanceof Error && cause.message !== '' && !err.message.includes(cause.message)
        ? `${err.message}: ${cause.message}`
        : err.message;
}
/** Downloads url to a fresh file in dir through the one retry loop; the last failure, named, when it gives up. */
async function downloadWithRetry(ctx, url, dir) {
    const policy = { ...DEFAULT_DOWNLOAD_RETRY, ...ctx.options?.retry };
    const signal = ctx.options?.signal;
    const proxy = ctx.options?.proxy ?? (0,http_proxy/* processProxyEnv */.R4)();
    try {
        return await (0,retry/* retry */.L5)(() => downloadOnce(url, dir, proxy, signal), policy, {
            retryable: downloadRetryVerdict,
            ...(ctx.options?.sleep === undefined ? {} : { sleep: ctx.options.sleep }),
            ...(signal === undefined ? {} : { signal }),
            onRetry: (err, attempt, waitMs) => ctx.logger.warning(`download of ${url} failed (${describe(err)}); retrying in ${waitMs} ms (${attempt}/${policy.attempts})`),
        });
    }
    catch (err) {
        if (signal?.aborted === true)
            throw err;
        throw new Error(`could not download ${url}: ${describe(err)}`, {
            cause: err,
        });
    }
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
// Prometheus, the Gateway API CRDs when the manifests use them, and URLs for load and metrics)
// or existing (kubeconfig + preflight checks, the Gateway API CRDs checked, never installed).
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
/** The files `cluster: existing` reads a kubeconfig from, in order, when the input is empty: $KUBECONFIG's, else ~/.kube/config. */
function kubeconfigCandidates(settings, homeDir = (0,external_node_os_.homedir)()) {
    return settings.kubeconfigPath
        ? settings.kubeconfigPath.split((external_node_path_default()).delimiter).filter(Boolean)
        : [external_node_path_default().join(homeDir, '.kube', 'config')];
}
/** The kubeconfig for `cluster: existing`: the input, else the first readable $KUBECONFIG file, else ~/.kube/config. */
async function readKubeconfig(settings, deps) {
    if (settings.kubeconfig) {
        deps.logger.info('Using the kubeconfig input');
        return settings.kubeconfig;
    }
    const candidates = kubeconfigCandidates(settings, deps.clusterOptions?.homeDir);
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
    const result = await (0,preflight/* preflight */.Mz)({
        kubeconfig,
        context: settings.context,
        namespace: settings.namespace,
        preview: settings.preview,
        writes: deps.writes,
        signal: deps.signal,
        requestTimeoutMs: settings.kubeTimeoutMs,
        // A live HTTPRoute stepped (named, or route-kind http-route) needs its permissions too.
        httpRoute: settings.strategy.routeKind === 'http-route' || settings.strategy.httpRoute !== null,
    });
    // Manifests with Gateway API resources need its CRDs; an existing cluster is never changed.
    if ((0,gateway_api/* gatewayApiCrdsWritten */.uV)(deps.writes).length > 0) {
        const { createKubeClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 66791));
        const api = await createKubeClient({
            kubeconfig,
            context: settings.context,
            requestTimeoutMs: settings.kubeTimeoutMs,
        });
        await (0,gateway_api/* checkGatewayApiCrds */.vd)(api, result.server, deps.writes, deps.signal);
    }
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
    const { kubectl, istio, loadUrl } = await (0,log/* withGroup */.I1)(logger, `Creating ${provider} cluster ${name} (tools, then the cluster; a few minutes)`, async () => {
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
    await (0,promises_.writeFile)(overlayPath, (0,cluster_istio/* istioOverlay */.FE)(INGRESS_NODE_PORT));
    await (0,cluster_istio/* installIstio */.uM)({
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
    // After Istio (its istiod then serves HTTPRoute), before the manifests are applied.
    if ((0,gateway_api/* gatewayApiCrdsWritten */.uV)(deps.writes).length > 0)
        await (0,log/* withGroup */.I1)(logger, `Gateway API CRDs ${gateway_api/* GATEWAY_API_BUNDLE */.HW.version} (the manifests use them)`, () => (0,gateway_api/* installGatewayApiCrds */.m7)({
            runner,
            logger,
            kubectl: kubectl.bin,
            kubeconfigPath,
            context,
            timeoutSeconds: timeout,
        }));
    const kubeconfig = await (0,promises_.readFile)(kubeconfigPath, 'utf8');
    let prometheusUrl = null;
    let forward = null;
    if (settings.installPrometheus) {
        logger.info('Port-forwarding to Prometheus');
        const pf = await (0,cluster_istio/* forwardPrometheus */.QO)(starter(runner), kubectl.bin, kubeconfigPath, context);
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

/***/ 37702:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mz: () => (/* binding */ preflight),
/* harmony export */   missingVirtualService: () => (/* binding */ missingVirtualService)
/* harmony export */ });
/* unused harmony exports HTTP_ROUTE_PERMISSION, requiredPermissions, ISTIO_GROUP, ISTIO_KINDS, rbacChecks, PreflightError, qualified, rbacMessage, loadKubeConfig */
/* harmony import */ var _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70094);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66791);
/* harmony import */ var _kubeconfig_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(67598);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23646);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);
/* harmony import */ var _manifests_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4483);
/* harmony import */ var _traffic_net_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5468);
// Checks an existing cluster before anything is changed, with errors a user can act on: an
// unreachable API server (its URL and the error), missing Istio CRDs (which, and how to
// install Istio), and RBAC denials (every missing verb and resource, from
// SelfSubjectAccessReviews, so no permission to read RBAC objects is needed). A cancel ends it
// at once, with the cancel's reason, since it writes nothing.







/** What a promotion on a Gateway API HTTPRoute (issue 15) needs besides: examples/rbac/role.yaml's Role istio-canary-gateway-api. */
const HTTP_ROUTE_PERMISSION = {
    group: 'gateway.networking.k8s.io',
    resource: 'httproutes',
    verbs: ['get', 'list', 'watch', 'patch', 'update'],
};
/**
 * Exactly what a promotion needs; examples/rbac/ grants the same (a test keeps them equal).
 * `httpRoute`: the promotion steps an HTTPRoute (route-kind http-route), which needs HTTP_ROUTE_PERMISSION too.
 */
function requiredPermissions(preview, httpRoute = false) {
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
    if (httpRoute)
        perms.push(HTTP_ROUTE_PERMISSION);
    return perms;
}
const ISTIO_GROUP = 'networking.istio.io';
const ISTIO_KINDS = [
    { kind: 'VirtualService', crd: 'virtualservices.networking.istio.io' },
    { kind: 'DestinationRule', crd: 'destinationrules.networking.istio.io' },
];
/** Every access review the preflight makes (pure): the promotion's permissions in every namespace written, and patch on each resource the manifests write. */
function rbacChecks(namespace, preview, writes = [], httpRoute = false) {
    const gatewayApi = httpRoute || writes.some((w) => w.group === HTTP_ROUTE_PERMISSION.group && w.resource === 'httproutes');
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
    for (const p of requiredPermissions(preview, gatewayApi))
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
class PreflightError extends _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .IstioCanaryError */ .f {
    problem;
    missing;
    constructor(problem, message, missing = []) {
        super(message);
        this.problem = problem;
        this.missing = missing;
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
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KubeApiError */ .W3)
        return (err.code === 401 ? err.message : `HTTP ${err.code}: ${err.message}`).slice(0, 500);
    if (err instanceof Error) {
        const cause = err.cause;
        const code = err.code ?? cause?.code;
        return `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`;
    }
    return String(err);
}
function loadKubeConfig(kubeconfig, context) {
    const kc = new _kubernetes_client_node__WEBPACK_IMPORTED_MODULE_0__/* .KubeConfig */ .ypW();
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
    const missing = (0,_kubeconfig_js__WEBPACK_IMPORTED_MODULE_2__/* .missingCluster */ .Bp)(kc);
    if (missing)
        throw new PreflightError('config', missing);
    return kc;
}
async function preflight(o) {
    const kc = loadKubeConfig(o.kubeconfig, o.context);
    const server = kc.getCurrentCluster().server;
    const context = kc.getCurrentContext();
    // Every request goes through the Kubernetes client: its retry policy (5xx, 429, dropped
    // connections) applies to the preflight as to everything else, and its errors name TLS and 401.
    const api = await (0,_client_js__WEBPACK_IMPORTED_MODULE_1__.createKubeClient)({
        kubeconfig: o.kubeconfig,
        context: o.context,
        requestTimeoutMs: o.requestTimeoutMs,
    });
    const signal = o.signal;
    try {
        await api.request('GET', '/version', null, { signal });
    }
    catch (err) {
        if (signal?.aborted)
            throw err;
        const status = err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KubeApiError */ .W3 ? err.code : null;
        const what = status === 401
            ? 'rejected the credentials (401 Unauthorized)'
            : status !== null
                ? `answered ${status}`
                : (0,_traffic_net_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .isTlsError */ .sl)(err.cause)
                    ? 'failed the TLS check'
                    : 'could not be reached';
        throw new PreflightError('unreachable', `the Kubernetes API server ${server} (context "${context}") ${what}: ${describe(err)}`);
    }
    const istioVersion = await checkIstioCrds(api, server, signal);
    await checkRbac(api, context, o.namespace, o.preview, o.writes, signal, o.httpRoute === true);
    return { server, context, istioVersion };
}
const INSTALL_ISTIO = 'Install Istio in the cluster first (`istioctl install --set profile=demo -y`, see https://istio.io/latest/docs/setup/install/istioctl/), or use `cluster: kind` or `cluster: minikube` to create a cluster with Istio.';
async function checkIstioCrds(api, server, signal) {
    let groups;
    try {
        groups = (await api.request('GET', '/apis', null, { signal })).json;
    }
    catch (err) {
        if (signal?.aborted)
            throw err;
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
                await api.resource(gv, k.kind, signal);
                missing.delete(k.crd);
                foundIn ??= gv;
            }
            catch (err) {
                if (signal?.aborted)
                    throw err;
                // A version that does not serve the kind; any other failure (after the retries) is named.
                if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UnknownKindError */ .r_))
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
async function checkRbac(api, context, namespace, preview, writes, signal, httpRoute = false) {
    const checks = rbacChecks(namespace, preview, writes, httpRoute);
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
            }, { signal });
            const review = json;
            return { check: c, allowed: review?.status?.allowed === true };
        }
        catch (err) {
            if (signal?.aborted)
                throw err;
            throw new PreflightError('rbac', `could not check permissions with a SelfSubjectAccessReview (context "${context}"): ${describe(err)}`);
        }
    }));
    const denied = results.filter((r) => !r.allowed).map((r) => r.check);
    if (denied.length > 0) {
        throw new PreflightError('rbac', rbacMessage(context, namespace, denied), denied.map((d) => `${d.verb} ${qualified(d.group, d.resource)}`));
    }
}
/**
 * When the VirtualService is not in the manifests, it must be in the namespace: `status`,
 * `rollback` or a resumed `run` against the wrong namespace (or name) is told, before anything
 * else, which VirtualService was looked for, in which namespace, and what is there instead
 * (the VirtualServices found, none, or that the namespace does not exist). Reads only; null
 * when it is there (or the cluster serves no VirtualService: the promotion names that).
 */
async function missingVirtualService(kube, namespace, name, signal) {
    let apiVersion = null;
    for (const v of _manifests_js__WEBPACK_IMPORTED_MODULE_5__/* .ISTIO_VERSIONS */ .z3) {
        try {
            await kube.resource(v, 'VirtualService', signal);
            apiVersion = v;
            break;
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UnknownKindError */ .r_))
                throw err;
        }
    }
    if (apiVersion === null)
        return null;
    const { items } = await kube.list(apiVersion, 'VirtualService', namespace, { signal });
    const names = items.map((vs) => String(vs.metadata?.name)).sort();
    if (name === null ? names.length > 0 : names.includes(name))
        return null;
    // No VirtualService named and none there, but HTTPRoutes (issue 15): the promotion steps one of
    // those (route-kind http-route), and resolveTarget names what it cannot find.
    if (name === null && (await hasHttpRoutes(kube, namespace, signal)))
        return null;
    const ns = `namespace "${namespace}"`;
    let there;
    if (names.length > 0)
        there = `${ns} has ${names.length === 1 ? 'the VirtualService' : 'the VirtualServices'} ${names.join(', ')}`;
    else {
        let exists;
        try {
            exists =
                (await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }, { signal })) !== null;
        }
        catch (err) {
            // Reading Namespaces is not a permission istio-canary asks for: then only "none" is known.
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KubeApiError */ .W3) || err.code !== 403)
                throw err;
            exists = null;
        }
        there = exists === false ? `${ns} does not exist` : `${ns} has no VirtualService`;
    }
    const subject = name === null
        ? 'there is no VirtualService in the manifests or in the namespace'
        : `the VirtualService "${name}" is neither in the manifests nor in ${ns}`;
    return `${subject}: ${there}. Set namespace (and virtual-service) to where it is, or give manifests that contain it`;
}
/** Whether the namespace holds any Gateway API HTTPRoute (false when the cluster does not serve the kind). */
async function hasHttpRoutes(kube, namespace, signal) {
    try {
        await kube.resource('gateway.networking.k8s.io/v1', 'HTTPRoute', signal);
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UnknownKindError */ .r_)
            return false;
        throw err;
    }
    const { items } = await kube.list('gateway.networking.k8s.io/v1', 'HTTPRoute', namespace, { signal });
    return items.length > 0;
}


/***/ })

};
