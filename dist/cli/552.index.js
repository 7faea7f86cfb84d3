export const id = 552;
export const ids = [552];
export const modules = {

/***/ 5733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* binding */ imagesOf),
/* harmony export */   Mo: () => (/* binding */ withImage),
/* harmony export */   Mz: () => (/* binding */ containersOf),
/* harmony export */   Ws: () => (/* binding */ selectCanaryContainer),
/* harmony export */   gF: () => (/* binding */ ContainerSelectionError),
/* harmony export */   r1: () => (/* binding */ matchesLabels),
/* harmony export */   z8: () => (/* binding */ podLabels)
/* harmony export */ });
/* unused harmony exports imageRepository, DEFAULT_CONTAINER_ANNOTATION */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4350);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6919);



/** The labels of a Deployment's pod template (what a DestinationRule subset selects). */
const podLabels = (deployment) => (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(deployment).podLabels;
const matchesLabels = (labels, wanted) => Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);
/** The regular containers of a Deployment's pod template (never initContainers or ephemeral ones). */
function containersOf(deployment) {
    return (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(deployment).containers.map(({ name, image }) => ({ name, image }));
}
/**
 * The repository of an image reference without registry, tag or digest, so that
 * `ghcr.io/stefanprodan/podinfo:6.0.0`, `stefanprodan/podinfo@sha256:…` and
 * `docker.io/stefanprodan/podinfo` compare equal (`nginx` and `docker.io/library/nginx` too).
 */
function imageRepository(image) {
    let ref = image.trim().toLowerCase();
    const at = ref.indexOf('@');
    if (at >= 0)
        ref = ref.slice(0, at);
    const slash = ref.lastIndexOf('/');
    const colon = ref.lastIndexOf(':');
    if (colon > slash)
        ref = ref.slice(0, colon);
    const parts = ref.split('/');
    const first = parts[0] ?? '';
    if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
        parts.shift();
    if (parts.length === 2 && parts[0] === 'library')
        parts.shift();
    return parts.join('/');
}
/** kubectl's annotation for a pod's main container (`kubectl logs` and `exec` use it too). */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
/** No container or several could be the one canary-image changes: the message lists them. */
class ContainerSelectionError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
/**
 * The canary container that `canary-image` changes (pure). In order:
 * 1. `requested` (the `container` input): it must be one of the canary's containers.
 * 2. A single container: that one.
 * 3. The pod template's `kubectl.kubernetes.io/default-container` annotation.
 * 4. With the stable Deployment: the canary containers whose name, or image repository
 *    (registry, tag and digest ignored), equals one of stable's containers; when several do,
 *    those whose image differs from that stable container's (a sidecar shipped unchanged in
 *    both is never the app). Exactly one must remain.
 * Anything else is a ContainerSelectionError that lists the candidates and says to set `container`.
 */
function selectCanaryContainer(canary, stable, requested) {
    const name = canary.metadata?.name ?? '?';
    const containers = containersOf(canary).filter((c) => c.name);
    const list = (cs) => cs.map((c) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(`${c.name} (${c.image || 'no image'})`)).join(', ');
    if (containers.length === 0)
        throw new ContainerSelectionError(`canary Deployment ${name} has no containers for canary-image to change`);
    if (requested !== null) {
        if (containers.some((c) => c.name === requested))
            return requested;
        throw new ContainerSelectionError(`container: canary Deployment ${name} has no container "${requested}"; its containers are ${list(containers)} (init containers are never changed)`);
    }
    if (containers.length === 1)
        return containers[0].name;
    const annotated = (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(canary).podAnnotations[DEFAULT_CONTAINER_ANNOTATION];
    if (typeof annotated === 'string' && containers.some((c) => c.name === annotated))
        return annotated;
    const stableContainers = containersOf(stable).filter((c) => c.name);
    const ask = `set the container input to the one canary-image should change`;
    if (stableContainers.length === 0)
        throw new ContainerSelectionError(`canary-image: canary Deployment ${name} has ${containers.length} containers (${list(containers)}) and no stable Deployment to compare with; ${ask}`);
    const match = (c) => stableContainers.find((s) => s.name === c.name) ??
        stableContainers.find((s) => s.image && c.image && imageRepository(s.image) === imageRepository(c.image));
    const candidates = containers.filter((c) => match(c));
    if (candidates.length === 1)
        return candidates[0].name;
    const changed = candidates.filter((c) => match(c).image !== c.image);
    if (changed.length === 1)
        return changed[0].name;
    const shownCandidates = changed.length > 1 ? changed : candidates.length ? candidates : containers;
    throw new ContainerSelectionError(`canary-image: ${candidates.length === 0 ? `no container of canary Deployment ${name} matches a container of stable Deployment ${stable?.metadata?.name ?? '?'} (${list(stableContainers)}) by name or image repository` : `several containers of canary Deployment ${name} match stable Deployment ${stable?.metadata?.name ?? '?'}'s`}; candidates: ${list(shownCandidates)}; ${ask}`);
}
/**
 * Sets `image` on one container of the Deployment (in a copy): `container`, else the only
 * container (several without a name is a ContainerSelectionError). Init containers and the
 * other containers (sidecars) are never changed.
 */
function withImage(deployment, image, container) {
    const target = container ?? selectCanaryContainer(deployment, null, null);
    const copy = structuredClone(deployment);
    // The view's container mappings are the copy's own: setting found.image changes the copy.
    const found = (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(copy).containers.find((c) => c.name === target)?.raw;
    if (!found)
        throw new ContainerSelectionError(`Deployment ${deployment.metadata?.name ?? '?'} has no container "${target}"; its containers are ${containersOf(deployment)
            .map((c) => c.name)
            .join(', ')}`);
    found.image = image;
    return copy;
}
/** The images of a Deployment's containers, in order. */
function imagesOf(deployment) {
    return (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(deployment).containers.map((c) => c.image);
}


/***/ }),

/***/ 6885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mp: () => (/* binding */ manifestWrites),
/* harmony export */   ZJ: () => (/* binding */ applyManifests),
/* harmony export */   lX: () => (/* binding */ withDefaultProtocols),
/* harmony export */   oD: () => (/* binding */ checkAgainstCluster),
/* harmony export */   t5: () => (/* binding */ dryRunManifests)
/* harmony export */ });
/* unused harmony exports orderForApply, ManifestApplyError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3646);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9313);
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3029);
/* harmony import */ var _manifest_check_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4441);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6919);






/** Dependency order: Namespaces, CRDs, config, Services, Deployments, then Istio routing (stable within a rank). */
function orderForApply(docs) {
    const rank = (d) => _manifest_check_js__WEBPACK_IMPORTED_MODULE_3__/* .KNOWN_KINDS */ .KO[d.object.kind ?? '']?.order ?? 5.5;
    return docs
        .map((d, i) => ({ d, i }))
        .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
        .map((x) => x.d);
}
/**
 * Sets `protocol: TCP` (the server's default) on Service ports and container ports that omit
 * it, in a copy. Server-side apply keys those lists by (port, protocol), and older Kubernetes
 * (1.20, seen in __tests__/real-server-promotion.test.ts) refuses an apply that omits the key
 * with HTTP 500 "associative list with keys has an element that omits key field protocol".
 * Same objects, every server accepts them.
 */
function withDefaultProtocols(object) {
    const copy = structuredClone(object);
    const fill = (ports) => {
        for (const p of Array.isArray(ports) ? ports : [])
            if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(p) && p.protocol === undefined)
                p.protocol = 'TCP';
    };
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(copy.spec) ? copy.spec : {};
    if (copy.kind === 'Service')
        fill(spec.ports);
    // A CronJob's pod template is one level further down: spec.jobTemplate.spec.template.
    const jobSpec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(spec.jobTemplate) ? spec.jobTemplate.spec : undefined;
    const podSpecs = [
        copy.kind === 'Pod' ? spec : null,
        (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .deploymentView */ .hr)(copy).podSpec,
        (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(jobSpec) ? (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .deploymentView */ .hr)({ spec: jobSpec }).podSpec : null,
    ];
    for (const podSpec of podSpecs)
        for (const list of ['containers', 'initContainers', 'ephemeralContainers'])
            for (const c of podSpec && Array.isArray(podSpec[list]) ? podSpec[list] : [])
                if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(c))
                    fill(c.ports);
    return copy;
}
/** The kinds the batch's own CustomResourceDefinitions define (served only once they are applied). */
function crdKindsOf(docs) {
    return new Set(docs
        .filter((d) => d.object.kind === 'CustomResourceDefinition')
        .map((d) => (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .customResourceDefinitionView */ .eN)(d.object).kind));
}
/**
 * Checks against the cluster, reading only: every kind is served (or defined by a CRD in the
 * manifests) and every namespace exists (or is in the manifests). Returns the problems.
 */
async function checkAgainstCluster(kube, docs, signal) {
    const problems = [];
    const crdKinds = crdKindsOf(docs);
    const checked = new Map();
    for (const d of docs) {
        const { apiVersion, kind } = d.object;
        if (!apiVersion || !kind || crdKinds.has(kind))
            continue;
        const key = `${apiVersion}/${kind}`;
        if (!checked.has(key)) {
            try {
                await kube.resource(apiVersion, kind, signal);
                checked.set(key, null);
            }
            catch (err) {
                if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UnknownKindError */ .r_)
                    checked.set(key, err.message);
                else
                    throw err;
            }
        }
        const problem = checked.get(key);
        if (problem)
            problems.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)} (${kind} ${d.object.metadata?.name ?? ''}): ${problem}`);
    }
    const declared = new Set(docs.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata?.name));
    const namespaces = new Set(docs.map((d) => d.object.metadata?.namespace).filter((n) => !!n && !declared.has(n)));
    for (const ns of namespaces) {
        const found = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: ns }, { signal });
        if (!found) {
            const users = docs.filter((d) => d.object.metadata?.namespace === ns).map(_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M);
            problems.push(`namespace "${ns}" does not exist in the cluster (used by ${users.join(', ')}); create it or add a Namespace to the manifests`);
        }
    }
    return problems;
}
/**
 * A server-side dry run (dryRun=All) of the whole batch in dependency order, before anything is
 * written: the API server's own validation, admission webhooks, quotas, authorization and body
 * limits (413) answer for document 7 before document 1 is applied. Returns every refusal, each
 * naming its document; an unreachable API (after the client's retries) throws.
 *
 * Namespaces the batch itself creates: a namespaced object cannot be dry-run into a namespace
 * that does not exist yet (the server answers 404 for the namespace), so that one answer is
 * expected and logged, and those objects meet the server's checks when they are applied. Custom
 * resources whose CustomResourceDefinition is in the batch are skipped the same way (their kind
 * is not served until the CRD is applied).
 */
async function dryRunManifests(kube, docs, options) {
    const problems = [];
    const createdNamespaces = new Set(docs.filter((d) => d.object.kind === 'Namespace').map((d) => String(d.object.metadata?.name)));
    const crdKinds = crdKindsOf(docs);
    for (const d of orderForApply(docs)) {
        const o = d.object;
        const ns = o.metadata?.namespace;
        const label = `${o.kind} ${ns ? `${ns}/` : ''}${o.metadata?.name}`;
        if (crdKinds.has(String(o.kind))) {
            options.logger.debug(`[dry-run] ${label} (${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)}): its CustomResourceDefinition is in the batch; checked when applied`);
            continue;
        }
        try {
            await kube.apply(withDefaultProtocols(o), { force: true, dryRun: true, signal: options.signal });
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KubeApiError */ .W3))
                throw err;
            if (err.code === 404 &&
                ns &&
                createdNamespaces.has(ns) &&
                new RegExp(`namespaces? "${ns.replace(/[.]/g, '\\.')}" not found`).test(err.message)) {
                options.logger.debug(`[dry-run] ${label} (${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)}): namespace ${ns} is created by the batch; checked when applied`);
                continue;
            }
            problems.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)} (${label}): the API server refused it in a dry run (${err.code}${err.reason ? ` ${err.reason}` : ''}): ${err.message}`);
        }
    }
    return problems;
}
const PLURALS = {
    Namespace: 'namespaces',
    CustomResourceDefinition: 'customresourcedefinitions',
    ServiceAccount: 'serviceaccounts',
    ConfigMap: 'configmaps',
    Secret: 'secrets',
    Service: 'services',
    Deployment: 'deployments',
    DestinationRule: 'destinationrules',
    Gateway: 'gateways',
    VirtualService: 'virtualservices',
};
/** The resources and namespaces the (validated) documents write, without duplicates (pure). */
function manifestWrites(docs) {
    const crdPlurals = new Map();
    for (const d of docs) {
        if (d.object.kind !== 'CustomResourceDefinition')
            continue;
        const crd = (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .customResourceDefinitionView */ .eN)(d.object);
        if (crd.kind && crd.plural !== null)
            crdPlurals.set(crd.kind, crd.plural);
    }
    const out = new Map();
    for (const d of docs) {
        const kind = String(d.object.kind);
        const apiVersion = String(d.object.apiVersion);
        const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
        const resource = PLURALS[kind] ?? crdPlurals.get(kind) ?? `${kind.toLowerCase()}s`;
        const namespace = _manifest_check_js__WEBPACK_IMPORTED_MODULE_3__/* .KNOWN_KINDS */ .KO[kind]?.clusterScoped ? null : (d.object.metadata?.namespace ?? null);
        out.set(`${group}/${resource}/${namespace ?? ''}`, { group, resource, namespace });
    }
    return [...out.values()];
}
/** The API server refused a document of the batch (or it could not be sent): names the document; the API error is the cause. */
class ManifestApplyError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
}
/** Server-side applies the documents in dependency order; errors name the document. */
async function applyManifests(kube, docs, options) {
    const applied = [];
    for (const d of orderForApply(docs)) {
        const o = d.object;
        const label = `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
        try {
            // force: the manifests are the user's declared intent; like `kubectl apply --server-side
            // --force-conflicts`, they win over fields last written by hand or by another tool.
            const body = withDefaultProtocols(o);
            applied.push(await kube.apply(body, { force: true, dryRun: options.dryRun, signal: options.signal }));
            options.logger.info(`${options.dryRun ? '[dry-run] ' : ''}applied ${label} (${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)})`);
        }
        catch (err) {
            const msg = err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KubeApiError */ .W3
                ? `the API refused it (${err.code}): ${err.message}`
                : err.message;
            throw new ManifestApplyError(`applying ${label} from ${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)}: ${msg}`, { cause: err });
        }
    }
    return applied;
}


/***/ }),

/***/ 4441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KO: () => (/* binding */ KNOWN_KINDS),
/* harmony export */   Tu: () => (/* binding */ validateManifests)
/* harmony export */ });
/* unused harmony exports retargetNamespace, describeValue */
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9313);
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3029);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6919);
// The `manifests` input, validated (pure, no I/O): every document's apiVersion, kind, name and
// namespace against the namespace input, the kinds istio-canary applies, VirtualService routes
// and weights, Deployment basics and duplicates, all problems at once, before anything is
// written; and a preview's retargeting to its own namespace.



/** Kinds istio-canary applies, the apiVersions accepted for each, and the apply order (lower first). */
const KNOWN_KINDS = {
    Namespace: { apiVersions: ['v1'], order: 0, clusterScoped: true },
    CustomResourceDefinition: { apiVersions: ['apiextensions.k8s.io/v1'], order: 1, clusterScoped: true },
    ServiceAccount: { apiVersions: ['v1'], order: 2 },
    ConfigMap: { apiVersions: ['v1'], order: 2 },
    Secret: { apiVersions: ['v1'], order: 2 },
    Service: { apiVersions: ['v1'], order: 3 },
    Deployment: { apiVersions: ['apps/v1'], order: 4 },
    DestinationRule: { apiVersions: _views_js__WEBPACK_IMPORTED_MODULE_1__/* .ISTIO_VERSIONS */ .z3, order: 5 },
    Gateway: { apiVersions: _views_js__WEBPACK_IMPORTED_MODULE_1__/* .ISTIO_VERSIONS */ .z3, order: 6 },
    VirtualService: { apiVersions: _views_js__WEBPACK_IMPORTED_MODULE_1__/* .ISTIO_VERSIONS */ .z3, order: 7 },
};
const DNS_1123 = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const replaceHostNamespace = (host, from, to) => typeof host === 'string'
    ? host.replace(new RegExp(`^([^.]+)\\.${from.replace(/[.]/g, '\\.')}(\\.svc(\\.cluster\\.local)?)?$`), (_m, name, svc) => `${name}.${to}${svc ?? ''}`)
    : host;
/**
 * For a preview environment: every namespaced object moves to `namespace`, Namespace
 * documents are dropped (the preview namespace is made by the action), and hosts and
 * gateway references that named the old namespace follow (`podinfo.test.svc.cluster.local`
 * becomes `podinfo.pr-7.svc.cluster.local`, `test/podinfo-gateway` becomes `pr-7/podinfo-gateway`).
 */
function retargetNamespace(docs, namespace) {
    const out = [];
    for (const d of docs) {
        if (d.object.kind === 'Namespace')
            continue;
        const o = structuredClone(d.object);
        const from = o.metadata && typeof o.metadata.namespace === 'string' ? o.metadata.namespace : null;
        if (KNOWN_KINDS[String(o.kind)]?.clusterScoped || !(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.metadata)) {
            out.push({ ...d, object: o });
            continue;
        }
        o.metadata.namespace = namespace;
        if (from && from !== namespace && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.spec)) {
            const spec = o.spec;
            if (o.kind === 'DestinationRule')
                spec.host = replaceHostNamespace(spec.host, from, namespace);
            if (o.kind === 'VirtualService') {
                // Entries of any type are kept as written (validation names them).
                if (Array.isArray(spec.hosts))
                    spec.hosts = spec.hosts.map((h) => replaceHostNamespace(h, from, namespace));
                if (Array.isArray(spec.gateways))
                    spec.gateways = spec.gateways.map((g) => typeof g === 'string' && g.startsWith(`${from}/`)
                        ? `${namespace}/${g.slice(from.length + 1)}`
                        : g);
                // The view's destination mappings are the copy's own.
                for (const route of (0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .virtualServiceView */ .Mu)(o).http)
                    for (const { destination } of route.destinations)
                        if (destination)
                            destination.host = replaceHostNamespace(destination.host, from, namespace);
            }
        }
        out.push({ ...d, object: o });
    }
    return out;
}
/** How a value that has the wrong type is shown in an error: its JSON (shortened) and its type. */
function describeValue(v) {
    const type = v === null ? 'null' : Array.isArray(v) ? 'a list' : (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(v) ? 'a mapping' : `a ${typeof v}`;
    let json;
    try {
        json = JSON.stringify(v) ?? String(v);
    }
    catch {
        json = String(v);
    }
    return `${json.length > 60 ? `${json.slice(0, 57)}...` : json} (${type})`;
}
/**
 * The routes of a VirtualService, checked the way the promotion reads them: every section a
 * list of mappings, every destination a mapping with a host, every weight a whole number from
 * 0 to 100 (a string such as "50" is refused, not read as 50 or as absent), and the weights of
 * a route with several destinations (or any weight) summing to 100.
 */
function virtualServiceProblems(d, label) {
    const out = [];
    const spec = d.object.spec;
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(spec))
        return [`${label}: spec is ${describeValue(spec)}; accepted: a mapping with hosts and http routes`];
    for (const section of ['http', 'tcp', 'tls']) {
        const value = spec[section];
        if (value === undefined || value === null)
            continue;
        if (!Array.isArray(value)) {
            out.push(`${label}: spec.${section} is ${describeValue(value)}; accepted: a list of routes (spec.${section}: [{route: [{destination: {host, subset}, weight}]}])`);
            continue;
        }
        value.forEach((r, ri) => {
            const at = `spec.${section}[${ri}]`;
            if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(r)) {
                out.push(`${label}: ${at} is ${describeValue(r)}; accepted: a mapping with a route list`);
                return;
            }
            const named = typeof r.name === 'string' && r.name ? ` (route "${r.name}")` : '';
            if (r.route === undefined || r.route === null)
                return;
            if (!Array.isArray(r.route)) {
                out.push(`${label}: ${at}${named}.route is ${describeValue(r.route)}; accepted: a list of destinations`);
                return;
            }
            const dests = r.route;
            const weights = [];
            let badWeight = false;
            dests.forEach((x, di) => {
                const dat = `${at}${named}.route[${di}]`;
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(x)) {
                    out.push(`${label}: ${dat} is ${describeValue(x)}; accepted: a mapping with destination and weight`);
                    badWeight = true;
                    return;
                }
                const dest = x.destination;
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(dest)) {
                    out.push(`${label}: ${dat}.destination is ${describeValue(dest)}; accepted: a mapping with host (and subset)`);
                }
                else if (typeof dest.name === 'string' && dest.host === undefined)
                    out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)} (VirtualService ${d.object.metadata?.name ?? '?'}): spec.${section}[${ri}].route[${di}].destination.name "${dest.name}" is the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${dest.name}`);
                else if (typeof dest.host !== 'string' || !dest.host)
                    out.push(`${label}: ${dat}.destination has no host (got ${describeValue(dest.host)}); accepted: a service host name`);
                else if (dest.subset !== undefined && (typeof dest.subset !== 'string' || !dest.subset))
                    out.push(`${label}: ${dat}.destination.subset is ${describeValue(dest.subset)}; accepted: a subset name`);
                const which = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(dest)
                    ? ` (host ${typeof dest.host === 'string' ? dest.host : '?'}${typeof dest.subset === 'string' ? `, subset ${dest.subset}` : ''})`
                    : '';
                if (x.weight === undefined || x.weight === null)
                    weights.push(null);
                else if (typeof x.weight !== 'number' ||
                    !Number.isInteger(x.weight) ||
                    x.weight < 0 ||
                    x.weight > 100) {
                    out.push(`${label}: ${dat}${which} weight is ${describeValue(x.weight)}; accepted: a whole number from 0 to 100 (no quotes)`);
                    badWeight = true;
                }
                else
                    weights.push(x.weight);
            });
            if (badWeight)
                return;
            const given = weights.filter((w) => w !== null);
            if (dests.length > 1 || given.length > 0) {
                const sum = given.reduce((a, b) => a + b, 0);
                if (sum !== 100)
                    out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: spec.${section}[${ri}]${named} weights sum to ${sum} (${weights.map((w) => w ?? 'none').join(' + ')}); Istio needs 100 (accepted: whole numbers that sum to 100)`);
            }
        });
    }
    return out;
}
function deploymentProblems(d) {
    const out = [];
    const name = d.object.metadata?.name ?? '?';
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(d.object.spec))
        return [`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} has no spec`];
    const view = (0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .deploymentView */ .hr)(d.object);
    const selector = view.matchLabels;
    const labels = view.podLabels;
    if (!selector)
        out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} needs spec.selector.matchLabels (apps/v1)`);
    else
        for (const [k, v] of Object.entries(selector))
            if (labels[k] !== v)
                out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} selector ${k}=${String(v)} does not match its pod template labels`);
    const containers = view.containerEntries;
    if (containers.length === 0)
        out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} has no containers`);
    containers.forEach((c, i) => {
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(c) || typeof c.name !== 'string' || !c.name)
            out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} container ${i} has no name`);
        else if (typeof c.image !== 'string' || !c.image)
            out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} container ${c.name} has no image`);
    });
    if (view.replicas !== undefined && (typeof view.replicas !== 'number' || view.replicas < 0))
        out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} spec.replicas must be a number >= 0`);
    return out;
}
/**
 * Checks every document (pure): apiVersion, kind, name, the kinds istio-canary applies (or
 * kinds defined by a CRD in the same manifests), legacy Istio shapes, Deployment basics and
 * duplicates. Sets metadata.namespace to `namespace` on namespaced objects without one.
 */
function validateManifests(docs, namespace, options = {}) {
    if (options.retarget)
        docs = retargetNamespace(docs, namespace);
    const problems = [];
    const crdKinds = new Map();
    const crdScope = new Map();
    for (const d of docs) {
        if (d.object.kind !== 'CustomResourceDefinition')
            continue;
        const crd = (0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .customResourceDefinitionView */ .eN)(d.object);
        if (crd.kind) {
            crdKinds.set(crd.kind, crd.apiVersions);
            crdScope.set(crd.kind, crd.scope);
        }
    }
    const seen = new Map();
    const out = [];
    for (const d of docs) {
        const o = d.object;
        const name = o.metadata && typeof o.metadata.name === 'string' ? o.metadata.name : null;
        const label = `${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}${typeof o.kind === 'string' ? ` (${o.kind}${name ? ` ${name}` : ''})` : ''}`;
        const before = problems.length;
        const field = (key, value, accepted) => value === undefined || value === null || value === ''
            ? `${label}: missing ${key}`
            : `${label}: ${key} is ${describeValue(value)}; accepted: ${accepted}`;
        if (typeof o.apiVersion !== 'string' || !o.apiVersion)
            problems.push(field('apiVersion', o.apiVersion, 'a string such as v1 or apps/v1'));
        if (typeof o.kind !== 'string' || !o.kind)
            problems.push(field('kind', o.kind, 'a string such as Deployment'));
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.metadata))
            problems.push(field('metadata', o.metadata, 'a mapping with a name'));
        else if (!name)
            problems.push(field('metadata.name', o.metadata.name, 'a string DNS name'));
        else if (o.kind === 'Service' || o.kind === 'Namespace') {
            // Services and Namespaces are DNS labels (a Service name is also a DNS host name part).
            if (!DNS_LABEL.test(name) || name.length > 63 || (o.kind === 'Service' && !/^[a-z]/.test(name)))
                problems.push(`${label}: metadata.name "${name}" is not a valid ${o.kind} name (a DNS label: lowercase letters, digits and '-', at most 63${o.kind === 'Service' ? ', starting with a letter' : ''})`);
        }
        else if (!DNS_1123.test(name) || name.length > 253)
            problems.push(`${label}: metadata.name "${name}" is not a valid name (lowercase letters, digits, '-' and '.', at most 253)`);
        if (problems.length > before)
            continue;
        const kind = o.kind;
        const apiVersion = o.apiVersion;
        const known = KNOWN_KINDS[kind];
        const crd = crdKinds.get(kind);
        if (known) {
            if (!known.apiVersions.includes(apiVersion))
                problems.push(`${label}: apiVersion ${apiVersion} is not served for ${kind}; use ${known.apiVersions.join(' or ')}`);
        }
        else if (crd) {
            if (!crd.includes(apiVersion))
                problems.push(`${label}: apiVersion ${apiVersion} is not one of the CRD's versions (${crd.join(', ')})`);
        }
        else {
            problems.push(`${label}: unknown kind ${kind} (${apiVersion}); istio-canary applies ${Object.keys(KNOWN_KINDS).join(', ')} and kinds defined by a CustomResourceDefinition in the same manifests`);
            continue;
        }
        const copy = { ...d, object: structuredClone(o) };
        const meta = copy.object.metadata;
        const scoped = known ? known.clusterScoped === true : crdScope.get(kind) === 'Cluster';
        if (scoped) {
            if (meta.namespace)
                problems.push(`${label}: ${kind} is cluster-scoped; remove metadata.namespace`);
            if (kind === 'Namespace' && name !== namespace)
                problems.push(`${label}: creates namespace "${name}" but the namespace input is "${namespace}"; istio-canary writes only in the namespace input: remove this document or set namespace: ${name}`);
        }
        else if (meta.namespace === undefined || meta.namespace === null || meta.namespace === '')
            meta.namespace = namespace;
        else if (typeof meta.namespace !== 'string' ||
            !DNS_LABEL.test(meta.namespace) ||
            meta.namespace.length > 63)
            problems.push(`${label}: metadata.namespace ${describeValue(meta.namespace)} is not a valid namespace name (a DNS label: lowercase letters, digits and '-', at most 63)`);
        else if (meta.namespace !== namespace)
            problems.push(`${label}: metadata.namespace is "${meta.namespace}" but the namespace input is "${namespace}"; istio-canary writes (and checks permissions) only in the namespace input: remove metadata.namespace from the document or set namespace: ${meta.namespace}`);
        if (kind === 'VirtualService')
            problems.push(...virtualServiceProblems(copy, label));
        if (kind === 'Deployment')
            problems.push(...deploymentProblems(copy));
        if (kind === 'DestinationRule') {
            if ((0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .destinationRuleView */ .yc)(copy.object).host === null)
                problems.push(`${label}: DestinationRule needs spec.host`);
            // Every entry as written, by index (the view keeps only the named ones).
            const spec = copy.object.spec;
            const subsets = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(spec) && Array.isArray(spec.subsets) ? spec.subsets : [];
            subsets.forEach((s, i) => {
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(s) || typeof s.name !== 'string')
                    problems.push(`${label}: subsets[${i}] has no name`);
                else if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(s.labels) || Object.keys(s.labels).length === 0)
                    problems.push(`${label}: subset ${s.name} has no labels`);
            });
        }
        const key = `${kind}/${meta.namespace ?? ''}/${meta.name}`;
        const dup = seen.get(key);
        if (dup)
            problems.push(`${label}: duplicate of ${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(dup)} (${kind} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name})`);
        else
            seen.set(key, copy);
        out.push(copy);
    }
    return { docs: out, problems };
}


/***/ }),

/***/ 3029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   _M: () => (/* binding */ where),
/* harmony export */   xt: () => (/* binding */ readManifestFiles)
/* harmony export */ });
/* unused harmony exports MAX_OBJECT_BYTES, MAX_FILE_BYTES, MAX_ALIASES, jsonSizeUpTo, firstInvalidUtf8, decodeManifestBytes, parseManifestText, readManifests */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3243);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9313);
// The `manifests` input, read: files, directories and globs expanded, bytes decoded as strict
// UTF-8, multi-document YAML parsed with limits (file size, object size, YAML aliases), every
// problem of every file named at once. Reading only: validation is manifest-check.ts, the
// cluster calls are manifest-apply.ts.





/** All the problems found, each naming the file and the document; thrown before any write. */
class ManifestError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .IstioCanaryError */ .f {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? `manifests: ${problems[0]}`
            : `manifests: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
    }
}
const where = (d) => `${d.file} document ${d.index}`;
/**
 * The largest object istio-canary sends: 1 MiB of JSON. etcd refuses requests above about
 * 1.5 MiB and API servers answer 413 above their own body limit (3 MiB); checking every
 * document against a smaller limit before the first write means a big object can never be
 * refused half-way through a batch.
 */
const MAX_OBJECT_BYTES = 1024 * 1024;
/** The largest manifest file read (its bytes on disk); larger files are refused unread. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Aliases (`*ref`) allowed per YAML document. Kubernetes manifests rarely use them; a
 * "billion laughs" document uses thousands. The expanded size is also bounded by
 * MAX_OBJECT_BYTES, so a few aliases cannot expand into a huge object either.
 */
const MAX_ALIASES = 100;
/** Splits a YAML stream into documents keeping their first line, so errors can name both. */
function splitDocuments(text) {
    const lines = text.split(/\r?\n/);
    const docs = [];
    let start = 0;
    let current = [];
    lines.forEach((l, i) => {
        if (/^---(\s|$)/.test(l)) {
            docs.push({ text: current.join('\n'), line: start + 1 });
            // Content after `--- ` on the same line belongs to the next document.
            current = [l.slice(3)];
            start = i;
        }
        else if (/^\.\.\.\s*$/.test(l)) {
            // document end marker: nothing to keep
        }
        else
            current.push(l);
    });
    docs.push({ text: current.join('\n'), line: start + 1 });
    // The text before the first `---` is a document only when it has content.
    return docs.filter((d, i) => i > 0 || /^\s*[^#\s]/m.test(d.text));
}
const mib = (bytes) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
/**
 * The size of `value` as JSON, counted without building the JSON text and without following
 * shared references more than `limit` bytes far: returns a number above `limit` as soon as the
 * count passes it, so an alias bomb (a few lines of YAML expanding to gigabytes) costs no more
 * than `limit` bytes of walking.
 */
function jsonSizeUpTo(value, limit) {
    let size = 0;
    const stack = [value];
    while (stack.length) {
        const v = stack.pop();
        if (typeof v === 'string')
            size += Buffer.byteLength(JSON.stringify(v));
        else if (typeof v === 'number')
            size += JSON.stringify(v).length;
        else if (typeof v === 'boolean' || typeof v === 'bigint')
            size += String(v).length;
        else if (v === null || v === undefined)
            size += 4;
        else if (Array.isArray(v)) {
            size += 2 + Math.max(0, v.length - 1);
            for (let i = v.length - 1; i >= 0; i--)
                stack.push(v[i]);
        }
        else if (typeof v === 'object') {
            const keys = Object.keys(v);
            size += 2 + Math.max(0, keys.length - 1);
            for (const k of keys) {
                size += Buffer.byteLength(JSON.stringify(k)) + 1;
                stack.push(v[k]);
            }
        }
        else
            size += 4;
        if (size > limit)
            return size;
    }
    return size;
}
/** Byte offset of the first byte that is not valid UTF-8 (overlongs and surrogates included), or -1. */
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let need;
        let min;
        if (b >= 0xc2 && b <= 0xdf)
            [need, min] = [1, 0x80];
        else if (b >= 0xe0 && b <= 0xef)
            [need, min] = [2, 0x800];
        else if (b >= 0xf0 && b <= 0xf4)
            [need, min] = [3, 0x10000];
        else
            return i;
        if (i + need >= bytes.length)
            return i;
        let cp = b & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
            const c = bytes[i + k];
            if ((c & 0xc0) !== 0x80)
                return i;
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need + 1;
    }
    return -1;
}
/**
 * Decodes a manifest file's bytes as UTF-8, strictly: a file with bytes that are not UTF-8
 * (Latin-1, UTF-16, binary) is named with the byte offset and line instead of being read with
 * replacement characters that would then be applied to the cluster.
 */
function decodeManifestBytes(file, bytes) {
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    }
    catch {
        const at = Math.max(0, firstInvalidUtf8(bytes));
        let line = 1;
        for (let i = 0; i < at; i++)
            if (bytes[i] === 0x0a)
                line++;
        const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
            ? ' (the file starts with a UTF-16 byte order mark: save it as UTF-8)'
            : '';
        return {
            problem: `${file}: byte ${at} (line ${line}) is not valid UTF-8 (0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})${utf16}; manifests must be UTF-8 text`,
        };
    }
}
/** Parses one file's text into documents; empty documents are skipped (as kubectl does). */
function parseManifestText(file, text) {
    const docs = [];
    const problems = [];
    splitDocuments(text).forEach((chunk, i) => {
        const index = i + 1;
        let value;
        // Empty documents (only blanks and comments) are skipped, as kubectl does.
        if (!/^\s*[^#\s]/m.test(chunk.text))
            return;
        try {
            value = (0,js_yaml__WEBPACK_IMPORTED_MODULE_2__/* .load */ .Hh)(chunk.text, { maxAliases: MAX_ALIASES });
        }
        catch (err) {
            const e = err;
            const line = e.mark?.line !== undefined ? ` at line ${chunk.line + e.mark.line}` : '';
            const reason = e.reason ?? e.message.split('\n')[0] ?? '';
            problems.push(/exceeded maxAliases/.test(reason)
                ? `${file} document ${index}: more than ${MAX_ALIASES} YAML aliases (*name)${line}; istio-canary accepts at most ${MAX_ALIASES} per document (a guard against alias bombs): write the values out`
                : `${file} document ${index}: invalid YAML${line}: ${reason}`);
            return;
        }
        if (value === null || value === undefined)
            return;
        const size = jsonSizeUpTo(value, MAX_OBJECT_BYTES);
        if (size > MAX_OBJECT_BYTES) {
            problems.push(`${file} document ${index}: larger than ${mib(MAX_OBJECT_BYTES)} (${MAX_OBJECT_BYTES} bytes of JSON${/(^|[\s:[{,-])\*[^\s,\]}]+/.test(chunk.text) ? ' once its YAML aliases are expanded' : ''}); istio-canary applies objects up to ${mib(MAX_OBJECT_BYTES)} (etcd refuses requests above about 1.5 MiB): split it or move the data out`);
            return;
        }
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(value)) {
            problems.push(`${file} document ${index}: expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`);
            return;
        }
        if (value.kind === 'List' && Array.isArray(value.items)) {
            value.items.forEach((item) => {
                if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(item))
                    docs.push({ file, index, object: item });
                else
                    problems.push(`${file} document ${index}: a List item is not an object`);
            });
            return;
        }
        docs.push({ file, index, object: value });
    });
    return { docs, problems };
}
/** Reads every file; throws a ManifestError naming every file and document that cannot be read or parsed. */
async function readManifests(patterns, cwd) {
    const { docs, problems } = await readManifestFiles(patterns, cwd);
    if (problems.length)
        throw new ManifestError(problems);
    return docs;
}
/** Reads every file: the documents that parsed, and the problems of those that did not (so both can be reported at once). */
async function readManifestFiles(patterns, cwd) {
    const problems = [];
    const files = [];
    for (const pattern of patterns) {
        const matched = [];
        if (/[*?[{]/.test(pattern)) {
            for await (const f of (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.glob)(pattern, { cwd }))
                matched.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, f));
            matched.sort();
        }
        else {
            const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, pattern);
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(full).catch(() => null);
            if (st?.isDirectory()) {
                for await (const f of (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.glob)('*.{yaml,yml,json}', { cwd: full }))
                    matched.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(full, f));
                matched.sort();
            }
            else if (st)
                matched.push(full);
        }
        const yaml = matched.filter((f) => /\.(ya?ml|json)$/i.test(f) || !/[*?[{]/.test(pattern));
        if (yaml.length === 0)
            problems.push(`${pattern}: no file matches`);
        for (const f of yaml)
            if (!files.includes(f))
                files.push(f);
    }
    const docs = [];
    for (const file of files) {
        const shown = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(cwd, file) || file;
        let bytes;
        try {
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file);
            if (!st.isFile()) {
                // A device, a pipe or a socket (/dev/zero, /dev/stdin) could be endless: never read.
                problems.push(`${shown}: is not a regular file (a ${st.isDirectory() ? 'directory' : 'device, pipe or socket'}); manifests are YAML files`);
                continue;
            }
            if (st.size > MAX_FILE_BYTES) {
                problems.push(`${shown}: ${st.size} bytes is larger than ${mib(MAX_FILE_BYTES)}, the largest manifest file istio-canary reads (and each object must be at most ${mib(MAX_OBJECT_BYTES)}): split it`);
                continue;
            }
            bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file);
        }
        catch (err) {
            problems.push(`${shown}: cannot read: ${err.message}`);
            continue;
        }
        const decoded = decodeManifestBytes(shown, bytes);
        if ('problem' in decoded) {
            problems.push(decoded.problem);
            continue;
        }
        const parsed = parseManifestText(shown, decoded.text);
        docs.push(...parsed.docs);
        problems.push(...parsed.problems);
        if (parsed.docs.length === 0 && parsed.problems.length === 0)
            problems.push(`${shown}: ${/\S/.test(decoded.text) ? 'has no Kubernetes object (only comments, empty documents or an empty List)' : 'is empty'}; every manifest file must hold at least one object (remove it from manifests)`);
    }
    return { docs, problems };
}


/***/ }),

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.IC),
/* harmony export */   Mo: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.Mo),
/* harmony export */   Mp: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.Mp),
/* harmony export */   Mz: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.Mz),
/* harmony export */   Sh: () => (/* reexport safe */ _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__.Sh),
/* harmony export */   Tu: () => (/* reexport safe */ _manifest_check_js__WEBPACK_IMPORTED_MODULE_1__.Tu),
/* harmony export */   Ws: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.Ws),
/* harmony export */   ZJ: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.ZJ),
/* harmony export */   gF: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.gF),
/* harmony export */   oD: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.oD),
/* harmony export */   r1: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.r1),
/* harmony export */   t5: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.t5),
/* harmony export */   xt: () => (/* reexport safe */ _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__.xt),
/* harmony export */   z3: () => (/* reexport safe */ _views_js__WEBPACK_IMPORTED_MODULE_4__.z3),
/* harmony export */   z8: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.z8)
/* harmony export */ });
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3029);
/* harmony import */ var _manifest_check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4441);
/* harmony import */ var _containers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5733);
/* harmony import */ var _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6885);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6919);
// The `manifests` input: read files/globs of multi-document YAML (manifest-read.ts), validate
// every document before anything is written (manifest-check.ts, containers.ts), order them by
// dependency and apply them by server-side apply after a server-side dry run of the whole
// batch (manifest-apply.ts). This module gathers them for the callers.







/***/ }),

/***/ 3309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gf: () => (/* binding */ previewNamespace),
/* harmony export */   deletePreviewNamespace: () => (/* binding */ deletePreviewNamespace),
/* harmony export */   ensurePreviewNamespace: () => (/* binding */ ensurePreviewNamespace),
/* harmony export */   previewInfo: () => (/* binding */ previewInfo)
/* harmony export */ });
/* unused harmony exports PREVIEW_LABEL, MANAGED_BY_LABEL */
const PREVIEW_LABEL = 'istio-canary.dev/preview-pr';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** The Namespace object of a preview, with the labels cleanup checks and sidecar injection on. */
function previewNamespace(settings) {
    return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
            name: settings.namespace,
            labels: {
                [PREVIEW_LABEL]: String(settings.prNumber),
                [MANAGED_BY_LABEL]: 'istio-canary',
                'istio-injection': 'enabled',
            },
            annotations: settings.github.repository
                ? { 'istio-canary.dev/repository': settings.github.repository }
                : {},
        },
    };
}
/** Creates or updates the preview namespace (server-side apply; idempotent on synchronize). */
async function ensurePreviewNamespace(kube, settings, logger) {
    const existing = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace });
    const labels = existing?.metadata?.labels ?? {};
    if (existing && labels[PREVIEW_LABEL] !== String(settings.prNumber))
        throw new Error(`preview: namespace ${settings.namespace} exists but was not created by istio-canary for PR #${settings.prNumber} (label ${PREVIEW_LABEL} is ${labels[PREVIEW_LABEL] ?? 'missing'}); refusing to deploy into it`);
    await kube.apply(previewNamespace(settings), { dryRun: settings.dryRun });
    // A dry run creates nothing: it says what the command would do.
    const done = existing ? 'is up to date' : settings.dryRun ? 'would be created' : 'created';
    logger.info(`${settings.dryRun ? '[dry-run] ' : ''}preview: namespace ${settings.namespace} ${done} for PR #${settings.prNumber}`);
}
/** Deletes the preview namespace only when its label names this PR; says what it did. */
async function deletePreviewNamespace(kube, settings, logger) {
    const ns = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace });
    if (!ns) {
        logger.info(`preview: namespace ${settings.namespace} does not exist; nothing to delete`);
        return 'absent';
    }
    const labels = ns.metadata?.labels ?? {};
    if (labels[PREVIEW_LABEL] !== String(settings.prNumber)) {
        logger.warning(`preview: namespace ${settings.namespace} was not created by istio-canary for PR #${settings.prNumber} (label ${PREVIEW_LABEL} is ${labels[PREVIEW_LABEL] ?? 'missing'}); left alone`);
        return 'not-ours';
    }
    await kube.delete({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace }, { dryRun: settings.dryRun });
    logger.info(`preview: namespace ${settings.namespace} of PR #${settings.prNumber} deleted`);
    return 'deleted';
}
/** How to reach a preview: the VirtualService's hosts and a Service to port-forward to. */
async function previewInfo(kube, namespace, virtualService, ingressUrl) {
    const vs = await kube.get({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        name: virtualService,
        namespace,
    });
    const spec = (vs?.spec ?? {});
    const hosts = Array.isArray(spec.hosts) ? spec.hosts.filter((h) => typeof h === 'string') : [];
    const destination = spec.http?.[0]?.route?.[0]?.destination?.host;
    let portForward = null;
    if (typeof destination === 'string') {
        const service = destination.split('.')[0];
        const svc = await kube.get({ apiVersion: 'v1', kind: 'Service', name: service, namespace });
        const port = (svc?.spec ?? {}).ports?.[0]?.port;
        if (svc && port)
            portForward = `svc/${service} ${port}`;
    }
    return { namespace, hosts, ingressUrl, portForward };
}


/***/ }),

/***/ 6919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mu: () => (/* binding */ virtualServiceView),
/* harmony export */   eN: () => (/* binding */ customResourceDefinitionView),
/* harmony export */   hr: () => (/* binding */ deploymentView),
/* harmony export */   yc: () => (/* binding */ destinationRuleView),
/* harmony export */   z3: () => (/* binding */ ISTIO_VERSIONS)
/* harmony export */ });
/* unused harmony export destinationsOf */
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9313);

/** The networking.istio.io versions an Istio kind may be served in, newest first. */
const ISTIO_VERSIONS = [
    'networking.istio.io/v1',
    'networking.istio.io/v1beta1',
    'networking.istio.io/v1alpha3',
];
const str = (v) => (typeof v === 'string' && v !== '' ? v : null);
const mapping = (v) => ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(v) ? v : null);
const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
/** What istio-canary reads of a Deployment (or of any object with a pod template). */
function deploymentView(deployment) {
    const spec = mapping(deployment?.spec) ?? {};
    const template = mapping(spec.template);
    const meta = mapping(template?.metadata) ?? {};
    const podSpec = mapping(template?.spec);
    const containerEntries = Array.isArray(podSpec?.containers) ? podSpec.containers : [];
    const selector = mapping(spec.selector);
    return {
        name: str(deployment?.metadata?.name),
        replicas: spec.replicas,
        matchLabels: mapping(selector?.matchLabels),
        template,
        podLabels: (mapping(meta.labels) ?? {}),
        podAnnotations: mapping(meta.annotations) ?? {},
        podSpec,
        containerEntries,
        containers: containerEntries.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((c) => ({
            name: typeof c.name === 'string' ? c.name : '',
            image: typeof c.image === 'string' ? c.image : '',
            raw: c,
        })),
    };
}
/** The weighted destinations of one route entry (http[], tcp[] or tls[]). */
function destinationsOf(route) {
    return (Array.isArray(route.route) ? route.route : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((raw) => {
        const destination = mapping(raw.destination);
        return {
            host: str(destination?.host),
            subset: str(destination?.subset),
            legacyName: str(destination?.name),
            weight: typeof raw.weight === 'number' ? raw.weight : null,
            raw,
            destination,
        };
    });
}
/** What istio-canary reads of a VirtualService: hosts, gateways, http routes and their weighted destinations. */
function virtualServiceView(vs) {
    const meta = mapping(vs?.metadata) ?? {};
    const spec = mapping(vs?.spec);
    return {
        name: str(meta.name),
        namespace: str(meta.namespace),
        hosts: strings(spec?.hosts),
        gateways: strings(spec?.gateways),
        http: (Array.isArray(spec?.http) ? spec.http : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((raw) => ({
            name: str(raw.name),
            raw,
            destinations: destinationsOf(raw),
        })),
        spec,
    };
}
/** What istio-canary reads of a DestinationRule: its host and its subsets' labels. */
function destinationRuleView(dr) {
    const spec = mapping(dr?.spec) ?? {};
    return {
        name: str(dr?.metadata?.name),
        host: typeof spec.host === 'string' ? spec.host : null,
        subsets: (Array.isArray(spec.subsets) ? spec.subsets : [])
            .filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)
            .filter((s) => typeof s.name === 'string')
            .map((s) => ({
            name: s.name,
            labels: (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(s.labels) ? s.labels : null,
        })),
    };
}
/** What istio-canary reads of a CustomResourceDefinition in the manifests: the kind it defines and where it is served. */
function customResourceDefinitionView(crd) {
    const spec = mapping(crd.spec) ?? {};
    const names = mapping(spec.names) ?? {};
    const group = typeof spec.group === 'string' ? spec.group : '';
    return {
        group,
        kind: typeof names.kind === 'string' ? names.kind : '',
        plural: typeof names.plural === 'string' ? names.plural : null,
        scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
        apiVersions: Array.isArray(spec.versions)
            ? spec.versions.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((v) => `${group}/${String(v.name)}`)
            : [],
    };
}


/***/ }),

/***/ 4552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute),
  settingsOrReport: () => (/* binding */ settingsOrReport)
});

// UNUSED EXPORTS: CancelledRunError, INPUTS_STATE, INPUT_NAMES, PROMOTION_HOLDER, PROMOTION_STATE, actionIo, cancelledMessage, failed, jobSummary, measures, run

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var lib_core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
// EXTERNAL MODULE: ./src/promote/target.ts
var target = __webpack_require__(5447);
// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(2464);
;// CONCATENATED MODULE: ./src/post-target.ts


/** core.saveState key of the saved target (JSON, below). */
const PROMOTION_TARGET = 'promotion-target';
/**
 * The target as the checked manifests decide it (the VirtualService's namespace may differ from
 * the namespace input, a preview retargets it); without a VirtualService in the manifests, the
 * inputs (main then reads it from the cluster in `namespace`).
 */
function postTarget(settings, docs, kubeconfig) {
    const want = {
        virtualService: settings.virtualService,
        route: settings.route,
        stableSubset: settings.stableSubset,
        canarySubset: settings.canarySubset,
    };
    const vs = docs.filter((d) => d.object.kind === 'VirtualService').map((d) => d.object);
    if (vs.length === 0)
        return { namespace: settings.namespace, ...want, kubeconfig };
    // checkTargetOffline already selected this route from the same documents: it cannot fail here.
    const s = (0,plan/* selectRoute */.W7)(vs, want);
    return {
        namespace: s.namespace ?? settings.namespace,
        virtualService: s.virtualService,
        route: s.routeName ?? s.routeIndex,
        stableSubset: s.stable.subset,
        canarySubset: s.canary.subset,
        kubeconfig,
    };
}
/** The saved target, or null when main saved none (it stopped before its first write) or it is unreadable. */
function parsePostTarget(text) {
    if (!text)
        return null;
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return null;
    }
    if (!isObject(v) || typeof v.namespace !== 'string')
        return null;
    if (!isObject(v.kubeconfig) || typeof v.kubeconfig.from !== 'string')
        return null;
    return v;
}

// EXTERNAL MODULE: ./src/settings.ts
var src_settings = __webpack_require__(8750);
// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/redact.ts
var src_redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/lifecycle.ts
var lifecycle = __webpack_require__(6367);
;// CONCATENATED MODULE: ./src/main.ts
// run(deps): settings → cluster → deploy → promote → report. The action and the CLI both
// end up in execute(); only the way inputs, logs and outputs travel differs.













/** core.saveState key: `started` while a promotion runs, `finished` once it ended by itself. */
const PROMOTION_STATE = 'promotion';
/** core.saveState key: the Lease holder / state writer id of main's promotion, so post recognises it. */
const PROMOTION_HOLDER = 'promotion-holder';
/**
 * The canary failed, so the job must go red: rolled back, or held because a step did not
 * pass (on-failure: hold). A promotion held on purpose (`step`, a schedule ending below 100)
 * ends with a passing step and is a success.
 */
function failed(report) {
    // `status` only reports; a `rollback` that rolled back (or found nothing to undo) did what it was asked.
    if (report.command === 'status' || report.command === 'rollback')
        return false;
    if (report.failure !== undefined)
        return true;
    if (report.status === 'rolled-back')
        return true;
    if (report.status !== 'held')
        return false;
    const last = report.history.at(-1);
    return last !== undefined && last.verdict.outcome !== 'pass';
}
/**
 * A dry run of `cluster: kind`, `minikube` or `sim` creates nothing: it says what would be
 * created and plans against an empty API server (the embedded mesh's, without its data plane)
 * standing in for the new cluster, so the plan comes from the manifests alone, through the same
 * runner dry run (src/promote/dry-run.ts) as a dry run against an existing cluster.
 */
async function dryRunConnection(settings, io) {
    if (settings.cluster === 'kind' || settings.cluster === 'minikube')
        io.logger.info(`[dry-run] would create a ${settings.cluster} cluster ${settings.clusterName} with Istio ${settings.istioVersion} (profile ${settings.istioProfile})${settings.installPrometheus ? ' and Prometheus' : ''}; nothing is created in a dry run: planning against the manifests alone`);
    else
        io.logger.info('[dry-run] the embedded mesh is not started: planning against the manifests alone');
    const [{ startApiServer }, { simKubeconfig }] = await Promise.all([
        __webpack_require__.e(/* import() */ 659).then(__webpack_require__.bind(__webpack_require__, 9659)),
        __webpack_require__.e(/* import() */ 684).then(__webpack_require__.bind(__webpack_require__, 6684)),
    ]);
    const api = await startApiServer({});
    const connection = {
        kubeconfig: simKubeconfig(api.url),
        context: 'istio-canary-sim',
        prometheusUrl: null,
        loadUrl: null,
        created: false,
        close: () => api.close(),
    };
    // A created cluster has the namespace input already (the Istio install makes it and labels
    // it for injection); a preview's namespace is made by the command itself.
    if (settings.cluster !== 'sim' && !settings.preview) {
        const { createKubeClient } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791)]).then(__webpack_require__.bind(__webpack_require__, 6791));
        const kube = await createKubeClient({
            kubeconfig: connection.kubeconfig,
            context: connection.context,
            logger: io.logger,
            requestTimeoutMs: settings.kubeTimeoutMs,
        });
        await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: settings.namespace } }, { force: true });
    }
    return connection;
}
async function defaultConnect(settings, io, signal, docs = []) {
    if (settings.cluster === 'sim') {
        const { startMesh } = await Promise.all(/* import() */[__webpack_require__.e(659), __webpack_require__.e(452)]).then(__webpack_require__.bind(__webpack_require__, 8452));
        io.logger.info('Starting the embedded mesh on 127.0.0.1.');
        const mesh = await startMesh({});
        io.logger.info(`Embedded mesh: API ${mesh.apiUrl}, ingress ${mesh.ingressUrl}, metrics ${mesh.metricsUrl}`);
        return {
            kubeconfig: mesh.kubeconfig,
            context: 'istio-canary-sim',
            prometheusUrl: null,
            loadUrl: mesh.ingressUrl,
            created: true,
            close: () => mesh.close(),
        };
    }
    const { prepareCluster } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(805), __webpack_require__.e(791), __webpack_require__.e(607)]).then(__webpack_require__.bind(__webpack_require__, 607));
    const { createCommandRunner } = await __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 3257));
    return prepareCluster(settings, {
        runner: createCommandRunner({ echo: (line) => io.logger.info(line), signal }),
        state: io.state,
        logger: io.logger,
        writes: (0,manifests/* manifestWrites */.Mp)(docs),
        // A cancel ends a tool download, and a wait between its attempts, at once.
        toolOptions: { signal },
        signal,
    });
}
async function defaultMetrics(settings, connection, io) {
    const { createMetrics } = await Promise.all(/* import() */[__webpack_require__.e(415), __webpack_require__.e(478)]).then(__webpack_require__.bind(__webpack_require__, 3478));
    const loadUrl = settings.loadUrl ?? connection.loadUrl;
    const prometheusUrl = settings.prometheusUrl ?? connection.prometheusUrl;
    return createMetrics({
        source: settings.metrics,
        limits: settings.limits,
        load: loadUrl
            ? {
                url: loadUrl,
                host: settings.loadHost ?? undefined,
                rps: settings.loadRps,
                connections: settings.loadConnections,
            }
            : undefined,
        prometheus: prometheusUrl
            ? {
                url: prometheusUrl,
                headers: settings.prometheusAuth ? { authorization: settings.prometheusAuth } : undefined,
            }
            : undefined,
        proxy: settings.proxy,
        logger: io.logger,
    });
}
async function defaultReporter(settings, io, summary, client) {
    // client carries the cancel signal (execute adds it): a cancel ends a wait between retries.
    const { createReporter } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(611), __webpack_require__.e(994)]).then(__webpack_require__.bind(__webpack_require__, 7994));
    return createReporter(settings, {
        logger: io.logger,
        summary: summary ?? { write: () => Promise.resolve() },
        setOutput: (name, value) => io.setOutput(name, value),
        client,
    });
}
/** Adds how to reach the preview environment to every report the promotion sends. */
async function withPreviewInfo(reporter, kube, connection) {
    const { previewInfo } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3309));
    let info;
    const add = async (report) => {
        info ??= await previewInfo(kube, report.namespace, report.virtualService, connection.loadUrl);
        return { ...report, preview: info };
    };
    return {
        progress: async (report) => reporter.progress(await add(report)),
        final: async (report) => reporter.final(await add(report)),
    };
}
/** The commands that open measurement windows (and so need the load generator or Prometheus). */
function measures(command) {
    return command === 'run' || command === 'step';
}
/** The Metrics of a command that never measures: asked for a window, it names the bug. */
function noMeasurement(command) {
    return {
        measure: () => Promise.reject(new Error(`internal: \`${command}\` does not measure, but a window was opened`)),
    };
}
/**
 * A cancel that ended the engine before it could report (during the preflight, before the
 * promotion took over): the message says what cancelled it and what was written before it.
 */
class CancelledRunError extends errors/* IstioCanaryError */.f {
}
/** `cancelled by SIGINT: stopped before anything was written; nothing was changed` (or what was). */
function cancelledMessage(settings, reason, record) {
    const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'cancelled';
    const by = /Received (SIG[A-Z]+)/.exec(text)?.[1];
    const why = by ? `cancelled by ${by}` : text.startsWith('cancelled') ? text : `cancelled (${text})`;
    const counts = new Map();
    for (const w of record.kube?.written ?? [])
        counts.set(w, (counts.get(w) ?? 0) + 1);
    if (counts.size === 0)
        return `${why}: stopped before anything was written; nothing was changed`;
    const list = [...counts].map(([w, n]) => (n > 1 ? `${w} (${n} times)` : w)).join(', ');
    const unconfirmed = record.sent !== null && record.sent !== record.weight
        ? `a write of canary ${record.sent}% was sent and not confirmed, so the canary may be at ${record.sent}%`
        : null;
    const confirmed = record.weight === null
        ? unconfirmed === null
            ? 'no traffic weight was changed'
            : 'no traffic weight was confirmed'
        : `the canary is at ${record.weight}% (the last weight the API server confirmed)`;
    const traffic = record.weight === null && unconfirmed === null
        ? confirmed
        : `${confirmed}${unconfirmed ? `; ${unconfirmed}` : ''}; to move it back, run: ${(0,lifecycle/* rollbackHint */.If)(settings)}`;
    return `${why}: stopped after writing ${list}; ${traffic}`;
}
/** The engine behind both the action and the CLI, once settings are valid. */
async function execute(settings, io, signal, deps = {}) {
    const record = { kube: null, weight: null, sent: null };
    try {
        return await executeSteps(settings, io, signal, {
            ...deps,
            onConfirmedWeight: (weight) => {
                record.weight = weight;
                record.sent = null;
                deps.onConfirmedWeight?.(weight);
            },
            onWeightSent: (weight) => {
                record.sent = weight;
                deps.onWeightSent?.(weight);
            },
            onKube: (kube) => (record.kube = kube),
        });
    }
    catch (err) {
        // Whatever the cancel interrupted (a preflight request, a wait, the Lease), the last line
        // says it was cancelled, by what, and what had been written: never a bare "aborted".
        if (!signal.aborted)
            throw err;
        throw new CancelledRunError(cancelledMessage(settings, signal.reason, record), { cause: err });
    }
}
/**
 * Where this run's kubeconfig came from, for the post step: the input (read again by post,
 * never written to the state), the file main read, a created cluster, or the embedded mesh.
 */
async function kubeconfigSource(settings, connection) {
    if (settings.cluster === 'sim')
        return { from: 'sim' };
    if (settings.cluster !== 'existing')
        return { from: 'created' };
    if (settings.kubeconfig)
        return { from: 'input', context: settings.context };
    const { kubeconfigCandidates } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(805), __webpack_require__.e(791), __webpack_require__.e(607)]).then(__webpack_require__.bind(__webpack_require__, 607));
    const files = kubeconfigCandidates(settings);
    const read = (file) => {
        try {
            return (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            return null;
        }
    };
    // The file whose text main connected with (the first readable one, as src/cluster reads it).
    const path = files.find((f) => read(f) === connection.kubeconfig) ?? files.find((f) => read(f) !== null);
    return path
        ? { from: 'file', path, context: settings.context }
        : { from: 'input', context: settings.context };
}
async function executeSteps(settings, io, signal, deps) {
    const cwd = deps.cwd ?? process.cwd();
    // Every document is read and checked (sizes, encodings, kinds, names, namespaces against the
    // namespace input, weights, the route, the canary container) before any cluster is created or
    // contacted: bad manifests never create a kind cluster and never write to an existing one.
    const docs = settings.command === 'cleanup' ? [] : await (0,target/* loadManifests */.DD)(settings, cwd);
    await (0,target/* checkTargetOffline */.$p)(settings, docs);
    // A dry run creates no cluster: it plans against a stand-in for the one that would be created.
    const connection = settings.dryRun && settings.cluster !== 'existing' && !deps.connect
        ? await dryRunConnection(settings, io)
        : await (deps.connect ?? ((s, i, sig) => defaultConnect(s, i, sig, docs)))(settings, io, signal);
    // The credentials of the cluster used (created here, ~/.kube/config) are secrets too; the
    // embedded mesh's token is a fixed word that it ignores.
    if (settings.cluster !== 'sim')
        for (const secret of (0,src_redact/* kubeconfigSecrets */.hT)(connection.kubeconfig))
            io.setSecret(secret);
    let metrics = null;
    try {
        const { runPromotion, newHolderId, CANCEL_WRITE_BUDGET_MS } = await __webpack_require__.e(/* import() */ 40).then(__webpack_require__.bind(__webpack_require__, 1040));
        // After a cancel the final report is still sent, but the GitHub client's waits between retries
        // end with the cancel's write budget, so the process ends by itself before the cancel deadline.
        const githubClient = {
            ...deps.githubClient,
            signal: deps.githubClient?.signal ?? (0,lifecycle/* budgetAfterCancel */.oZ)(signal, CANCEL_WRITE_BUDGET_MS, 'the report'),
        };
        const { createKubeClient } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791)]).then(__webpack_require__.bind(__webpack_require__, 6791));
        const kube = await createKubeClient({
            kubeconfig: connection.kubeconfig,
            context: connection.context,
            logger: io.logger,
            requestTimeoutMs: settings.kubeTimeoutMs,
        });
        deps.onKube(kube);
        // The VirtualService comes from the cluster when the manifests have none: a wrong namespace
        // or name is named here (with what the namespace holds), before anything else happens.
        if (settings.command !== 'cleanup' && !docs.some((d) => d.object.kind === 'VirtualService')) {
            const { missingVirtualService } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791), __webpack_require__.e(702)]).then(__webpack_require__.bind(__webpack_require__, 7702));
            const missing = await missingVirtualService(kube, settings.namespace, settings.virtualService, signal);
            if (missing)
                throw new Error(`${settings.command}: ${missing}; nothing was changed`);
        }
        if (settings.command === 'cleanup') {
            const { deletePreviewNamespace } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3309));
            // The VirtualServices name the sticky comments to update; read them before they are gone.
            const { items } = await kube
                .list('networking.istio.io/v1', 'VirtualService', settings.namespace)
                .catch(() => ({ items: [] }));
            const outcome = await deletePreviewNamespace(kube, settings, io.logger);
            io.setOutput('status', outcome);
            if (outcome === 'deleted') {
                const { reportPreviewDeleted } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(611), __webpack_require__.e(566)]).then(__webpack_require__.bind(__webpack_require__, 5566));
                const names = items.map((vs) => String(vs.metadata?.name));
                const urls = await reportPreviewDeleted(settings, settings.namespace, names, {
                    logger: io.logger,
                    summary: deps.summary ?? { write: () => Promise.resolve() },
                    client: githubClient,
                });
                io.setOutput('comment-url', urls[0] ?? '');
            }
            return { exitCode: 0 };
        }
        // Only `run` and `step` measure (rollback, promote and status need no load or Prometheus);
        // a dry run assumes every window passes and measures nothing.
        metrics =
            !measures(settings.command) || settings.dryRun
                ? noMeasurement(settings.command)
                : deps.metrics
                    ? deps.metrics(settings, connection, io)
                    : await defaultMetrics(settings, connection, io);
        let reporter = deps.reporter
            ? deps.reporter(settings, io)
            : await defaultReporter(settings, io, deps.summary, githubClient);
        // Everything the post step needs to find and roll back this promotion, saved before the
        // first write (the preview namespace, the Lease, the manifests): post never reads the
        // manifests, which a later step may have moved or deleted.
        const holder = newHolderId(settings);
        io.state.save(PROMOTION_HOLDER, holder);
        if (!settings.dryRun)
            io.state.save(PROMOTION_TARGET, JSON.stringify(postTarget(settings, docs, await kubeconfigSource(settings, connection))));
        if (settings.preview) {
            const { ensurePreviewNamespace } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3309));
            await ensurePreviewNamespace(kube, settings, io.logger);
            reporter = await withPreviewInfo(reporter, kube, connection);
        }
        // Tells the post step whether a promotion may have been left half-way.
        io.state.save(PROMOTION_STATE, 'started');
        const report = await runPromotion(settings, {
            kube,
            metrics,
            reporter,
            logger: io.logger,
            signal,
            cwd,
            onConfirmedWeight: (weight) => deps.onConfirmedWeight?.(weight),
            onWeightSent: (weight) => deps.onWeightSent?.(weight),
            holder,
            manifests: docs,
        });
        io.state.save(PROMOTION_STATE, 'finished');
        return { exitCode: failed(report) || signal.aborted ? 1 : 0, report };
    }
    finally {
        await metrics?.close?.();
        await connection.close();
    }
}
/** Parses the inputs; on any error reports all of them and returns null (nothing else runs). */
function settingsOrReport(input, env, io) {
    // Mask secrets before anything could print them, including in an error message: each
    // secret input with the parts of it that travel alone (a Bearer token, a kubeconfig's keys).
    for (const spec of contract/* INPUTS */.mc)
        if (spec.secret) {
            const v = input(spec.name);
            if (!v.includes('${{'))
                for (const secret of (0,src_redact/* inputSecrets */.Sc)(spec.name, v))
                    io.setSecret(secret);
        }
    const result = (0,src_settings/* parseSettings */.P$)(input, env);
    if (!result.ok) {
        for (const e of result.errors)
            io.logger.error((0,src_settings/* formatInputError */.i8)(e));
        io.logger.error(`${result.errors.length} input(s) are not valid; nothing was changed.`);
        return null;
    }
    const { settings } = result;
    // The kubeconfig files `cluster: existing` falls back to, and passwords inside URLs.
    const files = settings.kubeconfigPath !== null
        ? settings.kubeconfigPath.split(external_node_path_.delimiter).filter(Boolean)
        : settings.cluster === 'existing' && !settings.kubeconfig
            ? [(0,external_node_path_.join)((0,external_node_os_.homedir)(), '.kube', 'config')]
            : [];
    for (const file of files) {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            continue; // named later by the cluster connection, if it is the one used
        }
        for (const secret of (0,src_redact/* kubeconfigSecrets */.hT)(text))
            io.setSecret(secret);
    }
    for (const url of [settings.prometheusUrl, settings.loadUrl])
        if (url !== null)
            for (const secret of (0,src_redact/* urlSecrets */.Fn)(url))
                io.setSecret(secret);
    return settings;
}
/** The job summary sink of the action (core.summary). */
const jobSummary = {
    write: (markdown) => lib_core/* summary */.z
        .addRaw((0,src_redact/* redact */.E$)(markdown))
        .write()
        .then(() => undefined),
};
/**
 * Logs, outputs, secrets and state through @actions/core (main and post). Every text is
 * redacted and neutralised here (src/redact.ts), so no module needs to; a secret is masked in
 * the runner (`::add-mask::`) in each form it may be printed in.
 */
function actionIo() {
    const logger = safeLogger({
        info: core.info,
        warning: core.warning,
        error: core.error,
        debug: core.debug,
        startGroup: core.startGroup,
        endGroup: core.endGroup,
    });
    return {
        logger,
        print: (text) => logger.info(text),
        setOutput: (name, value) => core.setOutput(name, redact(value)),
        setSecret: (value) => {
            for (const form of secrets.add(value))
                core.setSecret(form);
        },
        state: { save: core.saveState, get: core.getState },
    };
}
/** core.saveState key: `invalid` when main stopped on its inputs (post then stays silent about them). */
const INPUTS_STATE = 'inputs';
/** core.setFailed with the message made safe like every other line. */
function failStep(message) {
    core.setFailed(safeLogText(message));
}
/** The action's main step. */
async function run(env = process.env) {
    const io = actionIo();
    const settings = settingsOrReport((name) => core.getInput(name), env, io);
    if (!settings) {
        io.state.save(INPUTS_STATE, 'invalid');
        failStep('Invalid inputs (see the errors above).');
        return;
    }
    // SIGINT/SIGTERM/SIGHUP or the runner process going away cancel; past the deadline the
    // log says where the canary may still be and the step exits 1.
    const cancellation = watchCancellation({
        logger: io.logger,
        finishHint: () => rollbackHint(settings),
        onCancel: `on-cancel: ${settings.onCancel}`,
        deadlineMs: cancelDeadlineMs(env),
    });
    try {
        const outcome = await execute(settings, io, cancellation.signal, {
            summary: jobSummary,
            onConfirmedWeight: (weight) => cancellation.onConfirmedWeight(weight),
        });
        if (outcome.exitCode !== 0)
            failStep(`istio-canary ${settings.command} failed`);
    }
    catch (e) {
        failStep(e instanceof Error ? e.message : String(e));
    }
    finally {
        cancellation.dispose();
    }
}



/***/ }),

/***/ 2464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T1: () => (/* binding */ withCanaryWeight),
/* harmony export */   W6: () => (/* binding */ PlanError),
/* harmony export */   W7: () => (/* binding */ selectRoute),
/* harmony export */   _: () => (/* binding */ schedule),
/* harmony export */   cX: () => (/* binding */ stepIndexOf),
/* harmony export */   ph: () => (/* binding */ currentWeights),
/* harmony export */   qD: () => (/* binding */ STATE_ANNOTATION)
/* harmony export */ });
/* unused harmony export VERSION_HEADER */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4350);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9313);
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6919);
// The weight schedule and, for each step, the VirtualService change (pure: no I/O).
// The promotion writes exactly what withCanaryWeight returns; its dry run sends and prints it.




/** Response header set on each weighted destination so every response names its version. */
const VERSION_HEADER = 'x-istio-canary';
/** VirtualService annotation holding the PromotionState JSON, written with the weights. */
const STATE_ANNOTATION = 'istio-canary.dev/state';
/** No route (or several) can be stepped, or a weight is out of range: the message names the inputs and candidates. */
class PlanError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
const asArray = (v) => (Array.isArray(v) ? v : []);
const vsName = (vs) => (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).name ?? '(unnamed)';
// Names that say which side a subset is, in the seeds and in common practice.
const CANARY_WORDS = /(^|[-_.])(canary|next|new|preview|green)([-_.]|$)/i;
const STABLE_WORDS = /(^|[-_.])(stable|ga|primary|main|prod|production|current|blue)([-_.]|$)/i;
function versionNumber(subset) {
    const m = /^v(\d+)$/i.exec(subset);
    return m?.[1] !== undefined ? Number(m[1]) : null;
}
/**
 * Which of two destinations is the canary when the subsets are not given: a name that says
 * so (canary/ga, stable/next), else the higher vN, else the one with less traffic now, else the
 * second. Documented in the README ("How the route is detected").
 */
function orderPair(a, b) {
    const sa = a.subset ?? '';
    const sb = b.subset ?? '';
    const canaryA = CANARY_WORDS.test(sa) || (STABLE_WORDS.test(sb) && !STABLE_WORDS.test(sa));
    const canaryB = CANARY_WORDS.test(sb) || (STABLE_WORDS.test(sa) && !STABLE_WORDS.test(sb));
    if (canaryA !== canaryB)
        return canaryA ? { stable: b, canary: a } : { stable: a, canary: b };
    const va = versionNumber(sa);
    const vb = versionNumber(sb);
    if (va !== null && vb !== null && va !== vb)
        return va > vb ? { stable: b, canary: a } : { stable: a, canary: b };
    const wa = a.weight ?? 0;
    const wb = b.weight ?? 0;
    if (wa !== wb)
        return wa < wb ? { stable: b, canary: a } : { stable: a, canary: b };
    return { stable: a, canary: b };
}
function legacyNameError(vs, routeIndex, name) {
    return new PlanError(`VirtualService ${vsName(vs)}: http[${routeIndex}] uses destination.name "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(name)}", the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(name)}`);
}
function routeLabel(vs, index, route) {
    return `${vsName(vs)} http[${index}]${route.name ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(route.name)})` : ''}`;
}
function candidateFor(vs, index, route, want) {
    const label = routeLabel(vs, index, route);
    const dests = route.destinations.map(({ host, subset, legacyName, weight }, i) => ({
        host,
        subset,
        legacyName,
        weight,
        index: i,
    }));
    for (const d of dests)
        if (d.legacyName && !d.host)
            throw legacyNameError(vs, index, d.legacyName);
    const withSubset = dests.filter((d) => d.host && d.subset);
    const bySubset = (s) => withSubset.find((d) => d.subset === s);
    let stable;
    let canary;
    if (want.stableSubset && want.canarySubset) {
        stable = bySubset(want.stableSubset);
        canary = bySubset(want.canarySubset);
        if (!stable)
            return `${label}: no destination with subset "${want.stableSubset}"`;
        if (!canary) {
            // The canary destination may be added by the first step, next to the stable one.
            canary = { host: stable.host, subset: want.canarySubset, legacyName: null, weight: 0, index: -1 };
        }
    }
    else if (want.stableSubset || want.canarySubset) {
        const given = (want.stableSubset ?? want.canarySubset);
        const found = bySubset(given);
        const others = withSubset.filter((d) => d.subset !== given);
        if (!found)
            return `${label}: no destination with subset "${given}"`;
        if (others.length !== 1)
            return `${label}: ${others.length} other subsets (${others.map((o) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(String(o.subset))).join(', ') || 'none'}); set both stable-subset and canary-subset`;
        [stable, canary] = want.stableSubset ? [found, others[0]] : [others[0], found];
    }
    else {
        if (withSubset.length !== 2)
            return `${label}: ${withSubset.length} destinations with a subset; expected 2 (stable and canary)`;
        const pair = orderPair(withSubset[0], withSubset[1]);
        stable = pair.stable;
        canary = pair.canary;
    }
    if (!stable || !canary)
        return `${label}: stable and canary destinations not found`;
    if (dests.length > 2 || (canary.index === -1 && dests.length > 1))
        return `${label}: ${dests.length} weighted destinations; istio-canary steps routes that send to exactly the stable and the canary subset`;
    return {
        label,
        selection: {
            namespace: (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).namespace,
            virtualService: vsName(vs),
            routeIndex: index,
            routeName: route.name,
            stable: {
                host: stable.host,
                subset: stable.subset,
                index: stable.index,
                weight: stable.weight ?? (dests.length === 1 ? 100 : 0),
            },
            canary: { host: canary.host, subset: canary.subset, index: canary.index, weight: canary.weight ?? 0 },
        },
    };
}
/**
 * Finds the VirtualService and http route to step, and its stable and canary destinations.
 * Throws a PlanError naming the inputs and the candidates when none or several match.
 */
function selectRoute(virtualServices, want) {
    const pool = want.virtualService
        ? virtualServices.filter((vs) => vsName(vs) === want.virtualService)
        : virtualServices;
    if (want.virtualService && pool.length === 0) {
        const names = virtualServices.map(vsName);
        throw new PlanError(`virtual-service: no VirtualService named "${want.virtualService}"; found: ${names.length ? names.join(', ') : 'none'}`);
    }
    if (pool.length === 0)
        throw new PlanError('no VirtualService found in the manifests or the namespace');
    if (want.route !== null) {
        const matches = (r, i) => typeof want.route === 'number' ? i === want.route : r.name === want.route;
        if (!pool.some((vs) => (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http.some(matches))) {
            const listing = pool
                .map((vs) => {
                const routes = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http;
                return `VirtualService ${vsName(vs)} has ${routes.length === 0 ? 'no http routes' : `${routes.length} http route(s): ${routes.map((r, i) => `${i} (${r.name ? `named ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(r.name)}` : 'no name'})`).join(', ')}`}`;
            })
                .join('; ');
            throw new PlanError(`route: ${typeof want.route === 'number' ? `route ${want.route} does not exist (no http route at index ${want.route})` : `no http route named "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(want.route)}"`}; ${listing}. Set route to one of these indexes or names.`);
        }
    }
    const found = [];
    const rejected = [];
    for (const vs of pool) {
        (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http.forEach((route, index) => {
            if (want.route !== null) {
                const matches = typeof want.route === 'number' ? index === want.route : route.name === want.route;
                if (!matches)
                    return;
            }
            const c = candidateFor(vs, index, route, want);
            if (typeof c === 'string')
                rejected.push(c);
            else
                found.push(c);
        });
    }
    if (found.length === 1)
        return found[0].selection;
    if (found.length === 0) {
        throw new PlanError(`no http route sends to both a stable and a canary subset${rejected.length ? `:\n  - ${rejected.join('\n  - ')}` : ''}\nSet virtual-service, route, stable-subset and canary-subset to choose one.`);
    }
    throw new PlanError(`${found.length} http routes could be stepped: ${found.map((c) => c.label).join('; ')}. Set virtual-service (and route) to choose one.`);
}
/** The weights still to walk from the current canary weight: resuming never goes back. */
function schedule(steps, currentWeight) {
    return steps.filter((w) => w > currentWeight);
}
/** 1-based index of a weight in the schedule. */
function stepIndexOf(steps, weight) {
    return steps.filter((w) => w <= weight).length;
}
function clone(v) {
    return structuredClone(v);
}
/**
 * A new VirtualService whose selected route sends `canaryWeight`% to the canary and the rest
 * to stable, each weighted destination tagged with the VERSION_HEADER response header.
 */
function withCanaryWeight(vs, selection, canaryWeight) {
    if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100)
        throw new PlanError(`canary weight must be a whole number from 0 to 100, got ${canaryWeight}`);
    const next = clone(vs);
    // The view's mappings are next's own: the weights are set on them.
    const route = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(next).http[selection.routeIndex];
    if (!route)
        throw new PlanError(`VirtualService ${vsName(vs)} has no http[${selection.routeIndex}]`);
    const find = (d) => (route.destinations.find((x) => x.subset === d.subset && x.host === d.host) ??
        (d.index >= 0 ? route.destinations[d.index] : undefined))?.raw;
    const stable = find(selection.stable);
    if (!stable)
        throw new PlanError(`VirtualService ${vsName(vs)} http[${selection.routeIndex}] lost its stable destination`);
    let canary = find(selection.canary);
    if (!canary) {
        canary = {
            destination: {
                ...((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(stable.destination) ? stable.destination : {}),
                subset: selection.canary.subset,
            },
        };
        route.raw.route = [...asArray(route.raw.route), canary];
    }
    stable.weight = 100 - canaryWeight;
    canary.weight = canaryWeight;
    tag(stable, 'stable');
    tag(canary, 'canary');
    return next;
}
function tag(dest, version) {
    const headers = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(dest.headers) ? dest.headers : {};
    const response = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(headers.response) ? headers.response : {};
    const set = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(response.set) ? response.set : {};
    set[VERSION_HEADER] = version;
    response.set = set;
    headers.response = response;
    dest.headers = headers;
}
/** The weights a route has now, read back from a VirtualService (for status and resume checks). */
function currentWeights(vs, selection) {
    const route = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http[selection.routeIndex];
    if (!route)
        return { stable: 100, canary: 0 };
    const dests = route.destinations;
    const weightOf = (subset) => {
        const d = dests.find((x) => x.subset === subset);
        if (!d)
            return 0;
        return d.weight ?? (dests.length === 1 ? 100 : 0);
    };
    return { stable: weightOf(selection.stable.subset), canary: weightOf(selection.canary.subset) };
}


/***/ }),

/***/ 5447:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ checkTargetOffline),
/* harmony export */   DD: () => (/* binding */ loadManifests),
/* harmony export */   Dx: () => (/* binding */ recordedRouteProblem),
/* harmony export */   Ez: () => (/* binding */ routeIdentity),
/* harmony export */   Qj: () => (/* binding */ liveSubsetProblem),
/* harmony export */   RM: () => (/* binding */ sameHost),
/* harmony export */   u1: () => (/* binding */ resolveTarget)
/* harmony export */ });
/* unused harmony export subsetOverlap */
/* harmony import */ var _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4483);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2464);
/* harmony import */ var _kube_preview_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3309);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4350);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9313);
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6919);







/**
 * Reads and validates the manifests (pure checks, no cluster): every problem of every document
 * at once, as a ManifestError. Returns the validated documents (namespaces filled in, retargeted
 * for a preview) for resolveTarget's `docs` option, so that they are read once.
 */
async function loadManifests(settings, cwd) {
    if (!settings.manifests.length)
        return [];
    const read = await (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .readManifestFiles */ .xt)(settings.manifests, cwd);
    const checked = (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .validateManifests */ .Tu)(read.docs, settings.namespace, { retarget: settings.preview });
    const problems = [...read.problems, ...checked.problems];
    if (problems.length)
        throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh(problems);
    return checked.docs;
}
/**
 * Everything about the target that the manifests alone decide (the route, the subsets, the
 * Deployments, the canary container), checked before any cluster is created or contacted.
 * Throws the ManifestError resolveTarget would; what needs the cluster is left for it.
 */
async function checkTargetOffline(settings, docs) {
    await resolve(settings, null, docs, {});
}
/** Lists an Istio kind in the first networking.istio.io version the cluster serves. */
async function listIstio(kube, kind, namespace, signal) {
    for (const v of _kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .ISTIO_VERSIONS */ .z3) {
        try {
            await kube.resource(v, kind, signal);
        }
        catch {
            continue;
        }
        return { items: (await kube.list(v, kind, namespace, { signal })).items, apiVersion: v };
    }
    return { items: [], apiVersion: null };
}
/** Same service? `podinfo`, `podinfo.test` and `podinfo.test.svc.cluster.local` in namespace test all are. */
function sameHost(a, b, namespace) {
    const norm = (h) => {
        const parts = h.split('.');
        return `${parts[0]}.${parts[1] ?? namespace}`;
    };
    return a === b || norm(a) === norm(b);
}
function subsetLabels(dr, subset) {
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(dr.spec) ? dr.spec : {};
    const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
    const s = subsets.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G).find((x) => x.name === subset);
    return s && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(s.labels) ? s.labels : null;
}
/**
 * Reads and validates the manifests (or takes `docs`, already loaded by loadManifests) and
 * finds the route, subsets, Deployments and canary container, reading the cluster where the
 * manifests do not say. When the command will apply the manifests, the whole batch is then
 * dry-run on the server (dryRun=All) so that any document the server refuses is named before
 * the first write. Throws ManifestError listing every problem found; performs no write.
 */
async function resolveTarget(settings, kube, options) {
    const docs = options.docs ?? (await loadManifests(settings, options.cwd));
    const target = await resolve(settings, kube, docs, options);
    const applies = settings.command === 'run' ||
        settings.command === 'step' ||
        (settings.dryRun && settings.command !== 'status' && settings.command !== 'cleanup');
    if (target && applies && target.docs.length) {
        const problems = await (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .dryRunManifests */ .t5)(kube, withPreviewNamespace(settings, target.docs), {
            logger: options.logger ?? SILENT,
            signal: options.signal,
        });
        if (problems.length)
            throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh(problems);
    }
    return target;
}
/**
 * The documents as the cluster will see them: a preview's namespace is created by the command
 * before the first write (ensurePreviewNamespace), so the checks count it as part of the batch
 * (a preview dry run must not fail on a namespace the real run would create).
 */
function withPreviewNamespace(settings, docs) {
    if (!settings.preview ||
        docs.some((d) => d.object.kind === 'Namespace' && d.object.metadata?.name === settings.namespace))
        return docs;
    return [{ file: '(the preview namespace)', index: 0, object: (0,_kube_preview_js__WEBPACK_IMPORTED_MODULE_5__/* .previewNamespace */ .Gf)(settings) }, ...docs];
}
const SILENT = { info: () => { }, warning: () => { }, error: () => { }, debug: () => { } };
/**
 * Stable and canary must be two different Deployments, each selected by its own subset only:
 * a canary subset that selects the stable pods (the same labels, or other labels those pods
 * also carry) would have the finalize scale stable down as "the canary", and a subset that
 * also selects the other version's pods would mix both versions in one judged subset. Returns
 * the problem (naming the subsets, their labels and the Deployments each matches), or null.
 */
function subsetOverlap(stable, canary, deployments, drName) {
    const named = (n) => deployments.find((d) => d.metadata?.name === n) ?? null;
    const selects = (labels, name) => {
        const d = named(name);
        return d !== null && (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .matchesLabels */ .r1)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .podLabels */ .z8)(d), labels);
    };
    const same = stable.deployment !== null && stable.deployment === canary.deployment;
    const stableSelectsCanary = !same && selects(stable.labels, canary.deployment);
    const canarySelectsStable = !same && selects(canary.labels, stable.deployment);
    if (!same && !stableSelectsCanary && !canarySelectsStable)
        return null;
    const all = (labels) => deployments
        .filter((d) => (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .matchesLabels */ .r1)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .podLabels */ .z8)(d), labels))
        .map((d) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(d.metadata?.name ?? '?'));
    const describeSubset = (p, role) => {
        const m = all(p.labels);
        return `${role} subset "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(p.subset)}" (labels ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(JSON.stringify(p.labels))}) selects ${m.length ? m.join(', ') : 'no Deployment'}`;
    };
    const why = same
        ? `both subsets select the pods of the same Deployment ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(stable.deployment)}, so the "canary" would be the stable version (finalize would scale it down)`
        : `a subset also selects the other version's pods, so its traffic and metrics would mix both versions`;
    return `${drName}: ${describeSubset(stable, 'stable')}; ${describeSubset(canary, 'canary')}: ${why}. Stable and canary must be two different Deployments, each selected by exactly one subset: give each subset a label only its own Deployment's pods carry (e.g. version: stable / version: canary). Nothing was written`;
}
/** resolveTarget's work; with `kube` null only what the manifests decide is checked, and null is returned. */
async function resolve(settings, kube, docs, options) {
    // rollback, status and cleanup change no canary: canary-image is ignored (as runPromotion does).
    if (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')
        settings = { ...settings, canaryImage: null };
    const namespace = settings.namespace;
    const problems = [];
    // Manifests and cluster are both read-only so far; cluster checks only when there is something to apply.
    if (docs.length && kube) {
        const clusterProblems = await (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .checkAgainstCluster */ .oD)(kube, withPreviewNamespace(settings, docs), options.signal);
        if (clusterProblems.length)
            throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh(clusterProblems);
    }
    const ofKind = (kind) => docs.filter((d) => d.object.kind === kind);
    const nsOf = (o) => o.metadata?.namespace ?? namespace;
    // The VirtualService: from the manifests when they have one, else from the cluster.
    let vsDocs = ofKind('VirtualService').map((d) => d.object);
    let vsApiVersion = vsDocs[0]?.apiVersion ?? null;
    if (vsDocs.length === 0) {
        if (!kube)
            return null;
        const live = await listIstio(kube, 'VirtualService', namespace, options.signal);
        if (!live.apiVersion)
            throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh([
                `the cluster serves no VirtualService (networking.istio.io): is Istio installed?`,
            ]);
        vsDocs = live.items;
        vsApiVersion = live.apiVersion;
    }
    let selection;
    try {
        selection = (0,_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .selectRoute */ .W7)(vsDocs, {
            virtualService: settings.virtualService,
            route: settings.route,
            stableSubset: settings.stableSubset,
            canarySubset: settings.canarySubset,
        });
    }
    catch (err) {
        if (err instanceof _plan_js__WEBPACK_IMPORTED_MODULE_1__/* .PlanError */ .W6)
            throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh([err.message]);
        throw err;
    }
    const vsNamespace = selection.namespace ?? namespace;
    // The DestinationRule that defines both subsets for the canary's host.
    const host = selection.canary.host;
    const forHost = (dr) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr));
    let drs = ofKind('DestinationRule')
        .map((d) => d.object)
        .filter(forHost);
    if (drs.length === 0) {
        if (!kube)
            return null;
        drs = (await listIstio(kube, 'DestinationRule', vsNamespace, options.signal)).items.filter(forHost);
    }
    const dr = drs[0];
    if (!dr)
        throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh([
            `no DestinationRule for host ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(host)} (needed for subsets ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(selection.stable.subset)} and ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(selection.canary.subset)})`,
        ]);
    const stableLabels = subsetLabels(dr, selection.stable.subset);
    const canaryLabels = subsetLabels(dr, selection.canary.subset);
    for (const [subset, labels] of [
        [selection.stable.subset, stableLabels],
        [selection.canary.subset, canaryLabels],
    ])
        if (!labels)
            problems.push(`DestinationRule ${dr.metadata?.name ?? '?'} (host ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(host)}) has no subset "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(subset)}" with labels`);
    if (problems.length || !stableLabels || !canaryLabels)
        throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh(problems);
    // The Deployments whose pods carry the subset labels.
    const manifestDeps = ofKind('Deployment');
    if (manifestDeps.length === 0 && !kube)
        return null;
    const liveDeps = manifestDeps.length || !kube
        ? []
        : (await kube.list('apps/v1', 'Deployment', vsNamespace, { signal: options.signal })).items;
    // Where a subset's Deployments are looked for: the manifests when they have Deployments, else the cluster.
    const candidates = manifestDeps.length ? manifestDeps.map((d) => d.object) : liveDeps;
    const matching = (labels) => candidates.filter((d) => (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .matchesLabels */ .r1)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .podLabels */ .z8)(d), labels)).map((d) => d.metadata?.name ?? '?');
    const pick = (labels, subset, required) => {
        const names = matching(labels).map(_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN);
        if (names.length > 1) {
            problems.push(`${names.length} Deployments match subset "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(subset)}" (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(JSON.stringify(labels))}): ${names.join(', ')}; exactly one is needed`);
            return null;
        }
        if (names.length === 0 && required)
            problems.push(`no Deployment has pod labels ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(JSON.stringify(labels))} of subset "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(subset)}"${manifestDeps.length ? ' in the manifests' : ` in namespace ${vsNamespace}`}`);
        return names[0] ?? null;
    };
    const canaryDeployment = pick(canaryLabels, selection.canary.subset, settings.canaryImage !== null || settings.command === 'run' || settings.command === 'step');
    const stableDeployment = pick(stableLabels, selection.stable.subset, settings.finalize === 'promote-stable' && settings.command !== 'status');
    if (problems.length)
        throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh(problems);
    const overlap = subsetOverlap({ subset: selection.stable.subset, labels: stableLabels, deployment: stableDeployment }, { subset: selection.canary.subset, labels: canaryLabels, deployment: canaryDeployment }, candidates, `DestinationRule ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(dr.metadata?.name ?? '?')}`);
    if (overlap)
        throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh([overlap]);
    // The canary container canary-image changes, and the image: only that container gets it.
    const findDoc = (name) => name ? docs.find((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === name) : undefined;
    const liveDep = async (name) => {
        if (!name)
            return null;
        const listed = liveDeps.find((d) => d.metadata?.name === name);
        if (listed || !kube)
            return listed ?? null;
        return kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: vsNamespace }, { signal: options.signal });
    };
    const canaryDoc = findDoc(canaryDeployment);
    const canaryObject = canaryDoc?.object ?? (await liveDep(canaryDeployment));
    let canaryImage = settings.canaryImage;
    let canaryContainer = null;
    if (canaryObject) {
        const stableObject = findDoc(stableDeployment)?.object ?? (await liveDep(stableDeployment));
        const containers = (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .containersOf */ .Mz)(canaryObject);
        const decidable = kube !== null || stableObject !== null || containers.length <= 1 || settings.container !== null;
        if (decidable) {
            try {
                canaryContainer = (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .selectCanaryContainer */ .Ws)(canaryObject, stableObject, settings.container);
            }
            catch (err) {
                if (!(err instanceof _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ContainerSelectionError */ .gF))
                    throw err;
                // Without canary-image, nothing is changed: the report shows the first container's image.
                if (canaryImage)
                    throw new _kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .ManifestError */ .Sh([err.message]);
            }
        }
        else if (!kube && canaryImage)
            return null;
        // A copy of the list: the documents passed in stay as read (checkTargetOffline runs first).
        if (canaryImage && canaryDoc && canaryContainer)
            docs = docs.map((d) => d === canaryDoc ? { ...d, object: (0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .withImage */ .Mo)(d.object, canaryImage, canaryContainer) } : d);
        if (!canaryImage)
            canaryImage = containers.find((c) => c.name === canaryContainer)?.image || containers[0]?.image || null;
    }
    if (!settings.canaryImage)
        canaryContainer = null;
    return {
        namespace: vsNamespace,
        docs,
        selection,
        vsApiVersion: vsApiVersion ?? 'networking.istio.io/v1',
        stableLabels,
        canaryLabels,
        stableDeployment,
        canaryDeployment,
        canaryImage,
        canaryContainer,
    };
}
/**
 * The identity of http[index] of a VirtualService: its name when it has one, else its match
 * and the subsets it sends to (with the selection's two, which the first step may add). Null
 * when there is no such route. A promotion records it, so that a route inserted before the one
 * it steps is never stepped in its place.
 */
function routeIdentity(vs, selection, index = selection.routeIndex) {
    const route = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .virtualServiceView */ .Mu)(vs).http[index];
    if (!route)
        return null;
    if (route.name)
        return `name ${route.name}`;
    const subsets = new Set(route.destinations.map((d) => d.subset ?? '?'));
    subsets.add(selection.stable.subset);
    subsets.add(selection.canary.subset);
    return `match ${JSON.stringify(route.raw.match ?? null)} to ${[...subsets].sort().join(',')}`;
}
/**
 * The selected route of the live VirtualService is not the one the recorded promotion steps
 * (another route was inserted before it, it was renamed or its match changed), or it no longer
 * sends to both subsets while the state says the canary has traffic: stepping, taking over or
 * rolling back that route would write weights to a route the canary is not on and record a
 * weight the canary does not have. Returns the problem naming the routes, or null.
 */
function recordedRouteProblem(vs, selection, state, vsName) {
    if (!vs || !state)
        return null;
    const routes = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .virtualServiceView */ .Mu)(vs).http;
    const route = routes[selection.routeIndex];
    const live = routeIdentity(vs, selection);
    const subsets = route ? route.destinations.map((d) => d.subset) : [];
    const both = subsets.includes(selection.stable.subset) && subsets.includes(selection.canary.subset);
    const moved = state.route !== undefined && live !== state.route;
    if (!moved && (both || state.weight === 0))
        return null;
    const describeRoute = (i) => `http[${i}] (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(routeIdentity(vs, selection, i) ?? 'none')})`;
    const found = state.route
        ? routes.findIndex((_, i) => routeIdentity(vs, selection, i) === state.route)
        : -1;
    const selected = `the selected route ${describeRoute(selection.routeIndex)}`;
    const what = moved
        ? `${selected} of ${vsName} is not the route this promotion recorded (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(state.route)})`
        : `${selected} of ${vsName} does not send to both subsets ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(selection.stable.subset)} and ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(selection.canary.subset)}, though the promotion recorded canary ${state.weight}%`;
    const where = found >= 0
        ? `; the recorded route is now http[${found}]: select it with --route ${found}${routes[found]?.name ? ` (or --route ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(routes[found].name)})` : ''}, as the live VirtualService numbers its routes (without manifests, or with manifests whose VirtualService has the same routes)`
        : `; live routes: ${routes.map((_, i) => describeRoute(i)).join(', ') || 'none'}`;
    return `${what}${where}. Nothing was written (take-over does not change the route a promotion is on)`;
}
/**
 * The subsets as the live DestinationRules define them now (after the apply: another writer,
 * or a DestinationRule the manifests do not hold, decides what the subsets select): each must
 * exist, select only its own Deployment's pods, and the canary subset the canary Deployment.
 * Returns the problem, or null.
 */
async function liveSubsetProblem(kube, target, signal) {
    const { selection, namespace } = target;
    const host = selection.canary.host;
    const drs = (await listIstio(kube, 'DestinationRule', namespace, signal)).items.filter((dr) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(dr.spec) &&
        typeof dr.spec.host === 'string' &&
        sameHost(dr.spec.host, host, dr.metadata?.namespace ?? namespace));
    if (!drs.length)
        return `no live DestinationRule for host ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(host)} in namespace ${namespace} (needed for subsets ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(selection.stable.subset)} and ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(selection.canary.subset)})`;
    const deployments = (await kube.list('apps/v1', 'Deployment', namespace, { signal })).items;
    const named = (n) => deployments.find((d) => d.metadata?.name === n) ?? null;
    for (const dr of drs) {
        const drName = `live DestinationRule ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(dr.metadata?.name ?? '?')}`;
        const stable = subsetLabels(dr, selection.stable.subset);
        const canary = subsetLabels(dr, selection.canary.subset);
        if (!stable || !canary)
            return `${drName} (host ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(host)}) has no subset "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(!stable ? selection.stable.subset : selection.canary.subset)}" with labels`;
        const overlap = subsetOverlap({ subset: selection.stable.subset, labels: stable, deployment: target.stableDeployment }, { subset: selection.canary.subset, labels: canary, deployment: target.canaryDeployment }, deployments, drName);
        if (overlap)
            return overlap;
        for (const [role, subset, labels, name] of [
            ['canary', selection.canary.subset, canary, target.canaryDeployment],
            ['stable', selection.stable.subset, stable, target.stableDeployment],
        ]) {
            const d = named(name);
            if (d && !(0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .matchesLabels */ .r1)((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .podLabels */ .z8)(d), labels))
                return `${drName}: ${role} subset "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(subset)}" (labels ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(JSON.stringify(labels))}) does not select the ${role} Deployment ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(name)} (pod labels ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(JSON.stringify((0,_kube_manifests_js__WEBPACK_IMPORTED_MODULE_0__/* .podLabels */ .z8)(d)))}), so its traffic and metrics would not be the ${role}'s. Give the subset the labels of the ${role} pods`;
        }
    }
    return null;
}


/***/ }),

/***/ 9313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject)
/* harmony export */ });
// The one "is this a JSON object" test (not null, not an array) for code that walks parsed
// JSON/YAML, so it is defined once in src/ (issue 14) instead of once per module.
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/***/ })

};
