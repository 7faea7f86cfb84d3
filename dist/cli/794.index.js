export const id = 794;
export const ids = [794];
export const modules = {

/***/ 32794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ writeReportJson),
/* harmony export */   reportToJson: () => (/* binding */ reportToJson)
/* harmony export */ });
/* unused harmony export reportFileName */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76670);
// The report JSON: the PromotionReport as is (schema: docs/report.schema.json), written to a
// file named by the `report-json` output (the action's output, the CLI's `report-json=` line).




/** The report as JSON, secrets redacted (src/redact.ts) in every string and in the result. */
function reportToJson(report) {
    return _redact_js__WEBPACK_IMPORTED_MODULE_3__/* .secrets */ .O3.redact(`${JSON.stringify(_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .secrets */ .O3.redactDeep(report), null, 2)}\n`);
}
/**
 * File name unique to this process: the VirtualService (two promotions in one job), the run,
 * attempt and job (readable in RUNNER_TEMP), and the pid with a random part, so that two jobs on
 * one self-hosted runner, or a run and a `status` side by side, never write the same file.
 */
function reportFileName(report, run = { runId: null, runAttempt: null }) {
    const safe = (s, max) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, max);
    const parts = [
        'istio-canary-report',
        safe(report.namespace, 63),
        safe(report.virtualService, 100),
        ...[run.runId, run.runAttempt, run.job].filter((p) => !!p).map((p) => safe(p, 40)),
        String(process.pid),
        (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex'),
    ];
    return `${parts.join('-')}.json`;
}
/**
 * Writes the report into `dir` (created if missing) and returns the file's path. Atomic: the
 * JSON goes to a temporary file beside it that is renamed over, so a reader never sees half a file.
 */
async function writeReportJson(report, dir, run) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true });
    const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, reportFileName(report, run));
    const temp = `${file}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(temp, reportToJson(report), { encoding: 'utf8', flag: 'wx' });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(temp, file);
    }
    catch (err) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(temp, { force: true });
        throw err;
    }
    return file;
}


/***/ })

};
