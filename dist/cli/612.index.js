export const id = 612;
export const ids = [612];
export const modules = {

/***/ 39612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runLockstep: () => (/* binding */ runLockstep),
  serviceEnd: () => (/* binding */ serviceEnd)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/report/lockstep.ts
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

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/promote/cause.ts
var cause = __webpack_require__(50963);
// EXTERNAL MODULE: ./src/promote/lockstep.ts
var promote_lockstep = __webpack_require__(98255);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
// EXTERNAL MODULE: ./src/promote/run.ts + 1 modules
var run = __webpack_require__(76930);
;// CONCATENATED MODULE: ./src/promote/lockstep-run.ts







/** How a service's report counts for the others: promoted or held on purpose is ok, anything failing is not. */
function serviceEnd(report) {
    const failing = report.failure !== undefined || (0,format/* isFailure */.N6)(report);
    const message = report.failure ?? report.reason ?? report.status;
    if (failing)
        return { ok: false, at: report.weight, message };
    return { ok: true, at: report.status === 'promoted' ? promote_lockstep/* FINALIZE */.vm : report.weight, message };
}
async function runLockstep(units, deps, runPromotion) {
    const names = units.map((u) => u.name);
    const lockstep = new promote_lockstep/* Lockstep */.s9(names);
    const combined = combineReporters(names, deps.reporter);
    deps.logger.info(`lockstep: ${units.length} services (${names.join(', ')}); each step writes every route's weight and judges every service`);
    // The services that stopped without a report, and why.
    const failures = names.map(() => null);
    await Promise.all(units.map(async (u, i) => {
        try {
            const report = await runPromotion(u.settings, {
                ...deps,
                metrics: u.metrics,
                manifests: u.docs,
                reporter: combined.reporters[i],
                logger: (0,log/* prefixedLogger */.g5)(deps.logger, u.name),
                lockstep: (0,promote_lockstep/* memberOf */.C5)(lockstep, u.name),
            });
            lockstep.end(u.name, serviceEnd(report));
        }
        catch (err) {
            const message = (0,cause/* causeOf */.r)(err);
            lockstep.end(u.name, { ok: false, at: -1, message });
            if (err instanceof run/* PromotionError */.g1)
                await combined.reporters[i].final(err.report);
            else
                failures[i] = { name: u.name, message, err };
            // A service stopped because another failed says so; the failing one is the error.
            if (err instanceof promote_lockstep/* LockstepError */.Cj)
                deps.logger.info(`service ${u.name}: ${message}`);
            else
                deps.logger.error(`service ${u.name}: ${message}`);
        }
    }));
    const report = await combined.finish(failures.map((f) => f?.message ?? null));
    if (report)
        return report;
    // No service got as far as a report: nothing was written; the errors are the answer (the
    // services that only stopped because another failed are left out when a cause is known).
    const causes = failures.filter((f) => f && !(f.err instanceof promote_lockstep/* LockstepError */.Cj));
    const shown = (causes.length ? causes : failures).filter((f) => f !== null);
    throw new errors/* IstioCanaryError */.f(shown.map((f) => `service ${f.name}: ${f.message}`).join('; '), {
        cause: shown[0]?.err,
    });
}


/***/ })

};
