export const id = 794;
export const ids = [794];
export const modules = {

/***/ 2794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ writeReportJson),
/* harmony export */   reportToJson: () => (/* binding */ reportToJson)
/* harmony export */ });
/* unused harmony export reportFileName */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
// The report JSON: the PromotionReport as is (schema: docs/report.schema.json), written to a
// file for the `report-json` output and for the CLI's --report-json.



/** The report as JSON, secrets redacted (src/redact.ts) in every string and in the result. */
function reportToJson(report) {
    return _redact_js__WEBPACK_IMPORTED_MODULE_2__/* .secrets */ .O3.redact(`${JSON.stringify(_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .secrets */ .O3.redactDeep(report), null, 2)}\n`);
}
/** File name per VirtualService, so two promotions in one job do not overwrite each other. */
function reportFileName(report) {
    const safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
    return `istio-canary-report-${safe(report.namespace)}-${safe(report.virtualService)}.json`;
}
/** Writes the report into `dir` (created if missing) and returns the file's path. */
async function writeReportJson(report, dir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, reportFileName(report));
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, reportToJson(report), 'utf8');
    return file;
}


/***/ })

};
