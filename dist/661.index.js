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
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41730);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(31212);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(25625);
/* harmony import */ var _report_lockstep_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(15921);
// The post step (runs even when the job failed or was cancelled): finish a rollback or a
// finalize an interrupted run left behind, then delete a cluster this action created. It finds
// the promotion from what main saved in the action state (src/post-target.ts), never from the
// manifests, which may be gone by then. With finalize: git-pr, a finalize it completes (or a
// promotion main left promoted without its PR) gets the same pull request a run opens
// (postGitPr in src/promote/git-finalize.ts), from the files main saved, reported with it. A
// lockstep run (`services`) saved one target per service: each is finished, and reported as
// the one merged report of the run.








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
/** Rolls back a promotion that a cancelled or killed main step left in progress (every service of a lockstep run). */
async function finishPromotion(settings, io) {
    // Only when main started a promotion and did not see it to its end (cancelled, killed).
    if (io.state.get(_main_js__WEBPACK_IMPORTED_MODULE_4__.PROMOTION_STATE) !== 'started')
        return;
    // What main saved before its first write: the post step never reads the manifests again.
    const targets = (0,_post_target_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePostTargets */ .cR)(io.state.get(_post_target_js__WEBPACK_IMPORTED_MODULE_3__/* .PROMOTION_TARGET */ .GP));
    if (targets.length === 0) {
        io.logger.debug('post: the main step saved no promotion target; nothing to finish');
        return;
    }
    const first = targets[0];
    const kubeconfig = await kubeconfigFor(first, settings, io);
    if (!kubeconfig)
        return;
    const [{ createKubeClient }, { finishInterrupted }] = await Promise.all([
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 66791)),
        Promise.all(/* import() */[__webpack_require__.e(875), __webpack_require__.e(621), __webpack_require__.e(42)]).then(__webpack_require__.bind(__webpack_require__, 29661)),
    ]);
    const kube = await createKubeClient({
        kubeconfig,
        requestTimeoutMs: settings.kubeTimeoutMs,
        // A created cluster's kubeconfig names its own current context; an existing one uses main's.
        context: first.kubeconfig.from === 'input' || first.kubeconfig.from === 'file' ? first.kubeconfig.context : null,
        logger: io.logger,
    });
    const noMetrics = { measure: () => Promise.reject(new Error('the post step does not measure')) };
    const { createReporter } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(875), __webpack_require__.e(611), __webpack_require__.e(398)]).then(__webpack_require__.bind(__webpack_require__, 69398));
    const summary = createReporter(settings, {
        logger: io.logger,
        summary: _main_js__WEBPACK_IMPORTED_MODULE_4__.jobSummary,
        setOutput: (name, value) => io.setOutput(name, value),
    });
    // A lockstep run (`services`) saved one target per service, in the order of the input.
    const services = (0,_settings_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceSettings */ .xw)(settings);
    const lockstep = targets.length > 1 && services.length === targets.length
        ? (0,_report_lockstep_js__WEBPACK_IMPORTED_MODULE_7__/* .combineReporters */ .u)(services.map((s) => s.name), summary)
        : null;
    const controller = new AbortController();
    // The main step's own id: post finishes that promotion only, never another job's.
    const holder = io.state.get(_main_js__WEBPACK_IMPORTED_MODULE_4__.PROMOTION_HOLDER) || undefined;
    const finals = await Promise.all(targets.map(async (target, i) => {
        const unit = lockstep ? services[i] : undefined;
        const base = unit?.settings ?? settings;
        const logger = unit ? (0,_log_js__WEBPACK_IMPORTED_MODULE_6__/* .prefixedLogger */ .g5)(io.logger, unit.name) : io.logger;
        const out = lockstep?.reporters[i] ?? summary;
        // The one final report (summary, outputs, comment) is sent below, after a git-pr's link.
        const reporter = {
            progress: (r) => out.progress(r),
            final: () => Promise.resolve({ commentUrl: null, reportJsonPath: null }),
        };
        const saved = {
            ...base,
            manifests: [],
            namespace: target.namespace,
            virtualService: target.virtualService,
            route: target.route,
            stableSubset: target.stableSubset,
            canarySubset: target.canarySubset,
        };
        const deps = { kube, metrics: noMetrics, reporter, logger, signal: controller.signal, holder };
        const report = await finishInterrupted(saved, deps);
        if (report)
            logger.warning(`post: the interrupted promotion was ${report.status === 'promoted' ? 'completed' : 'rolled back'} (${report.status} at ${report.weight}%).`);
        let final = report;
        if (settings.finalize === 'git-pr' && holder) {
            const { postGitPr } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(815), __webpack_require__.e(875), __webpack_require__.e(611), __webpack_require__.e(621), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 35455));
            final = await postGitPr({
                settings: { ...saved, manifests: base.manifests },
                deps,
                files: target.manifestFiles ?? null,
                report,
            });
            if (final?.pullRequest)
                logger.info(`post: finalize git-pr: pull request #${final.pullRequest.number} ${final.pullRequest.url} ${final.pullRequest.created ? 'opened' : final.pullRequest.committed ? 'updated with the promoted image' : 'kept: it already has the promoted image'}`);
        }
        if (final)
            await out.final(final);
        return final;
    }));
    if (lockstep && finals.some((f) => f !== null))
        await lockstep.finish([]);
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


/***/ }),

/***/ 15921:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ combineReporters)
/* harmony export */ });
/* unused harmony export lockstepReport */
/** Worst first: a run is as bad as its worst service. */
const RANK = ['rolled-back', 'held', 'in-progress', 'promoted'];
/** The run's report from its services' (at least one has a report). */
function lockstepReport(outcomes) {
    const reports = outcomes.map((o) => o.report).filter((r) => r !== null);
    const first = reports[0];
    if (!first)
        throw new Error('internal: a lockstep report needs one service report');
    const status = RANK.find((s) => reports.some((r) => r.status === s)) ?? first.status;
    const named = (name, text) => `${name}: ${text}`;
    const reasons = outcomes.flatMap((o) => o.report?.reason ? [named(o.name, o.report.reason)] : o.error ? [named(o.name, o.error)] : []);
    const failures = outcomes.flatMap((o) => o.report?.failure !== undefined
        ? [named(o.name, o.report.failure)]
        : o.error
            ? [named(o.name, o.error)]
            : []);
    const namespaces = [...new Set(reports.map((r) => r.namespace))];
    const images = [...new Set(reports.map((r) => r.canaryImage).filter((i) => i !== null))];
    return {
        schemaVersion: 1,
        status,
        reason: reasons.length ? reasons.join('; ') : null,
        ...(failures.length ? { failure: failures.join('; ') } : {}),
        command: first.command,
        namespace: namespaces.join(', '),
        virtualService: outcomes.map((o) => o.name).join(', '),
        route: 'lockstep',
        stableSubset: '',
        canarySubset: '',
        canaryImage: images.length === 1 ? images[0] : null,
        steps: first.steps,
        weight: Math.min(...reports.map((r) => r.weight)),
        step: Math.min(...reports.map((r) => r.step)),
        history: [],
        weightsApplied: [],
        run: first.run,
        nextCommands: [...new Set(reports.flatMap((r) => r.nextCommands))],
        startedAt: reports.map((r) => r.startedAt).sort()[0],
        endedAt: reports
            .map((r) => r.endedAt)
            .sort()
            .at(-1),
        services: outcomes.flatMap((o) => (o.report ? [{ name: o.name, report: o.report }] : [])),
    };
}
/**
 * One Reporter per service, all feeding the run's reporter: progress sends the merged report
 * of every service heard from so far; the services' finals are only kept, and `finish` sends
 * the merged final once every service ended (with the errors of those that had no report).
 */
function combineReporters(names, reporter) {
    const latest = names.map(() => null);
    const outcomes = (errors = []) => names.map((name, i) => ({ name, report: latest[i] ?? null, ...(errors[i] ? { error: errors[i] } : {}) }));
    const reporters = names.map((_, i) => ({
        progress: async (report) => {
            latest[i] = report;
            await reporter.progress(lockstepReport(outcomes()));
        },
        final: (report) => {
            latest[i] = report;
            return Promise.resolve({ commentUrl: null, reportJsonPath: null });
        },
    }));
    return {
        reporters,
        finish: async (errors) => {
            if (latest.every((r) => r === null))
                return null;
            const report = lockstepReport(outcomes(errors));
            await reporter.final(report);
            return report;
        },
    };
}


/***/ })

};
