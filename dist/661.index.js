export const id = 661;
export const ids = [661];
export const modules = {

/***/ 86661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post),
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(46058);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cluster_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11720);
/* harmony import */ var _post_target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57815);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83395);
// The post step (runs even when the job failed or was cancelled): finish a rollback an
// interrupted run left behind, then delete a cluster this action created. It finds the
// promotion from what main saved in the action state (src/post-target.ts), never from the
// manifests, which may be gone by then.





/**
 * The kubeconfig main used, as main saved its source: the input (read again here), the file
 * main read, the created cluster's file; null for the embedded mesh (it ended with main).
 */
async function kubeconfigFor(target, settings, io) {
    const source = target.kubeconfig;
    switch (source.from) {
        case 'sim':
            return null;
        case 'input':
            return settings.kubeconfig;
        case 'file':
            return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(source.path, 'utf8');
        case 'created': {
            const record = io.state.get(_cluster_index_js__WEBPACK_IMPORTED_MODULE_2__.CREATED_CLUSTER_STATE);
            if (record === '')
                return null;
            return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(JSON.parse(record).kubeconfigPath, 'utf8');
        }
    }
}
/** Rolls back a promotion that a cancelled or killed main step left in progress. */
async function finishPromotion(settings, io) {
    // Only when main started a promotion and did not see it to its end (cancelled, killed).
    if (io.state.get(_main_js__WEBPACK_IMPORTED_MODULE_4__.PROMOTION_STATE) !== 'started')
        return;
    // What main saved before its first write: the post step never reads the manifests again.
    const target = (0,_post_target_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePostTarget */ .nK)(io.state.get(_post_target_js__WEBPACK_IMPORTED_MODULE_3__/* .PROMOTION_TARGET */ .GP));
    if (!target) {
        io.logger.debug('post: the main step saved no promotion target; nothing to finish');
        return;
    }
    const kubeconfig = await kubeconfigFor(target, settings, io);
    if (!kubeconfig)
        return;
    const [{ createKubeClient }, { finishInterrupted }] = await Promise.all([
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 66791)),
        Promise.all(/* import() */[__webpack_require__.e(875), __webpack_require__.e(837)]).then(__webpack_require__.bind(__webpack_require__, 38837)),
    ]);
    const kube = await createKubeClient({
        kubeconfig,
        requestTimeoutMs: settings.kubeTimeoutMs,
        // A created cluster's kubeconfig names its own current context; an existing one uses main's.
        context: target.kubeconfig.from === 'input' || target.kubeconfig.from === 'file'
            ? target.kubeconfig.context
            : null,
        logger: io.logger,
    });
    const noMetrics = { measure: () => Promise.reject(new Error('the post step does not measure')) };
    const { createReporter } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(875), __webpack_require__.e(611), __webpack_require__.e(240)]).then(__webpack_require__.bind(__webpack_require__, 69240));
    const reporter = createReporter(settings, {
        logger: io.logger,
        summary: _main_js__WEBPACK_IMPORTED_MODULE_4__.jobSummary,
        setOutput: (name, value) => io.setOutput(name, value),
    });
    const controller = new AbortController();
    const saved = {
        ...settings,
        manifests: [],
        namespace: target.namespace,
        virtualService: target.virtualService,
        route: target.route,
        stableSubset: target.stableSubset,
        canarySubset: target.canarySubset,
    };
    const report = await finishInterrupted(saved, {
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
            Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 11720)),
            Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 93257)),
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
