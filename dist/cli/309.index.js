export const id = 309;
export const ids = [309];
export const modules = {

/***/ 3309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deletePreviewNamespace: () => (/* binding */ deletePreviewNamespace),
/* harmony export */   ensurePreviewNamespace: () => (/* binding */ ensurePreviewNamespace),
/* harmony export */   previewInfo: () => (/* binding */ previewInfo)
/* harmony export */ });
/* unused harmony exports PREVIEW_LABEL, MANAGED_BY_LABEL, previewNamespace */
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
    logger.info(`preview: namespace ${settings.namespace} ${existing ? 'is up to date' : 'created'} for PR #${settings.prNumber}`);
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


/***/ })

};
