export const id = 702;
export const ids = [702];
export const modules = {

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
