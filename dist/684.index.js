export const id = 684;
export const ids = [684];
export const modules = {

/***/ 26684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SIM_CONTEXT: () => (/* binding */ SIM_CONTEXT),
/* harmony export */   simKubeconfig: () => (/* binding */ simKubeconfig),
/* harmony export */   writeKubeconfig: () => (/* binding */ writeKubeconfig)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(33243);
// The kubeconfig that points kubectl and client libraries at the embedded mesh.


const SIM_CONTEXT = 'istio-canary-sim';
/** A kubeconfig (YAML) for a plain-HTTP server on loopback; the token is accepted and ignored. */
function simKubeconfig(apiUrl, namespace = 'default') {
    return (0,js_yaml__WEBPACK_IMPORTED_MODULE_1__/* .dump */ .Bh)({
        apiVersion: 'v1',
        kind: 'Config',
        // client-node 2.x refuses plain http unless insecure-skip-tls-verify is set; kubectl ignores it for http.
        clusters: [{ name: SIM_CONTEXT, cluster: { server: apiUrl, 'insecure-skip-tls-verify': true } }],
        users: [{ name: SIM_CONTEXT, user: { token: 'istio-canary-sim-token' } }],
        contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT, namespace } }],
        'current-context': SIM_CONTEXT,
        preferences: {},
    }, { lineWidth: -1 });
}
/** Written owner-only: kubeconfigs are credentials even when this one grants nothing. */
async function writeKubeconfig(path, content) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, content, { mode: 0o600 });
}


/***/ })

};
