export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post),
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8812);
// The post step (runs even when the job failed or was cancelled): finish a rollback an
// interrupted run left behind, then delete a cluster this action created.





/** The kubeconfig main used: the input, $KUBECONFIG, ~/.kube/config, or the created cluster's file. */
async function kubeconfigFor(settings, io) {
    if (settings.cluster === 'sim')
        return null; // the embedded mesh ended with main
    if (settings.cluster === 'existing') {
        if (settings.kubeconfig)
            return settings.kubeconfig;
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(settings.kubeconfigPath ?? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.kube', 'config'), 'utf8');
    }
    const record = io.state.get('created-cluster');
    if (record === '')
        return null;
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(JSON.parse(record).kubeconfigPath, 'utf8');
}
/**
 * The namespace and name of the stepped VirtualService as main resolved them: manifests may
 * put it outside the `namespace` input (the podinfo example uses `test`). Read from the files
 * only; the cluster is asked nothing here.
 */
async function withManifestTarget(settings) {
    if (settings.manifests.length === 0)
        return settings;
    const { readManifests, validateManifests } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4037));
    const { docs } = validateManifests(await readManifests(settings.manifests, process.cwd()), settings.namespace, {
        retarget: settings.preview,
    });
    const vs = docs
        .map((d) => d.object)
        .filter((o) => o.kind === 'VirtualService' &&
        (!settings.virtualService || o.metadata?.name === settings.virtualService));
    if (vs.length !== 1 || typeof vs[0]?.metadata?.namespace !== 'string')
        return settings;
    return {
        ...settings,
        namespace: vs[0].metadata.namespace,
        virtualService: settings.virtualService ?? String(vs[0].metadata.name),
    };
}
/** Rolls back a promotion that a cancelled or killed main step left in progress. */
async function finishPromotion(settings, io) {
    // Only when main started a promotion and did not see it to its end (cancelled, killed).
    if (io.state.get(_main_js__WEBPACK_IMPORTED_MODULE_4__.PROMOTION_STATE) !== 'started')
        return;
    const kubeconfig = await kubeconfigFor(settings, io);
    if (kubeconfig === null)
        return;
    const [{ createKubeClient }, { finishInterrupted }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791)]).then(__webpack_require__.bind(__webpack_require__, 6791)),
        __webpack_require__.e(/* import() */ 519).then(__webpack_require__.bind(__webpack_require__, 4519)),
    ]);
    const kube = await createKubeClient({
        kubeconfig,
        // A created cluster's kubeconfig names its own current context; an existing one uses the input.
        context: settings.cluster === 'existing' ? settings.context : null,
        logger: io.logger,
    });
    const noMetrics = { measure: () => Promise.reject(new Error('the post step does not measure')) };
    const { createReporter } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(611), __webpack_require__.e(240)]).then(__webpack_require__.bind(__webpack_require__, 9240));
    const reporter = createReporter(settings, {
        logger: io.logger,
        summary: _main_js__WEBPACK_IMPORTED_MODULE_4__.jobSummary,
        setOutput: (name, value) => io.setOutput(name, value),
    });
    const controller = new AbortController();
    const report = await finishInterrupted(await withManifestTarget(settings), {
        kube,
        metrics: noMetrics,
        reporter,
        logger: io.logger,
        signal: controller.signal,
        // The main step's own id: post finishes that promotion only, never another job's.
        holder: io.state.get(_main_js__WEBPACK_IMPORTED_MODULE_4__.PROMOTION_HOLDER) || undefined,
    });
    if (report)
        io.logger.warning(`post: the interrupted promotion was ${report.status === 'promoted' ? 'completed' : 'rolled back'} (${report.status} at ${report.weight}%).`);
}
async function runPost(deps) {
    const { io } = deps;
    // Main reported every input error and failed the step; the same annotations twice help no one.
    if (io.state.get(_main_js__WEBPACK_IMPORTED_MODULE_4__.INPUTS_STATE) === 'invalid')
        return;
    const settings = (0,_main_js__WEBPACK_IMPORTED_MODULE_4__.settingsOrReport)(deps.input, deps.env, io);
    if (!settings)
        return;
    try {
        if (settings.command !== 'status' && settings.command !== 'cleanup' && !settings.dryRun)
            await finishPromotion(settings, io);
    }
    catch (e) {
        io.logger.error(`post: could not finish the interrupted promotion: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (io.state.get('created-cluster') !== '') {
        const [{ cleanupCluster }, { createCommandRunner }] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(805), __webpack_require__.e(791), __webpack_require__.e(607)]).then(__webpack_require__.bind(__webpack_require__, 607)),
            __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 3257)),
        ]);
        const outcome = await cleanupCluster(settings, {
            runner: createCommandRunner({ echo: (line) => io.logger.info(line) }),
            state: io.state,
            logger: io.logger,
        });
        io.logger.info(`post: cluster ${JSON.stringify(outcome)}`);
    }
}
async function post(env = process.env) {
    const io = (0,_main_js__WEBPACK_IMPORTED_MODULE_4__.actionIo)();
    try {
        await runPost({ io, input: (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), env });
    }
    catch (e) {
        // The post step reports but never turns a green job red on its own cleanup.
        io.logger.warning(`post: ${e instanceof Error ? e.message : String(e)}`);
    }
}


/***/ })

};
