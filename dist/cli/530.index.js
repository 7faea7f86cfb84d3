export const id = 530;
export const ids = [530];
export const modules = {

/***/ 8666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSimCommand: () => (/* binding */ runSimCommand)
/* harmony export */ });
/* unused harmony export parseSimArgs */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4970);
/* harmony import */ var _mesh_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8452);
/* harmony import */ var _kubeconfig_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6684);
// `istio-canary sim`: run the embedded mesh on loopback until SIGINT/SIGTERM (the signal).




const USAGE = 'usage: istio-canary sim [--api-port N] [--ingress-port N] [--metrics-port N] [--kubeconfig FILE]';
const SIM_FLAGS = {
    'api-port': { type: 'string', accepts: 'a port, 0-65535 (0 picks a free one)' },
    'ingress-port': { type: 'string', accepts: 'a port, 0-65535 (0 picks a free one)' },
    'metrics-port': { type: 'string', accepts: 'a port, 0-65535 (0 picks a free one)' },
    kubeconfig: { type: 'string', accepts: 'a file path' },
    help: { type: 'boolean', short: 'h' },
};
function parseSimArgs(argv) {
    const { values, problems } = (0,_args_js__WEBPACK_IMPORTED_MODULE_1__/* .collectArgs */ .O8)(argv, SIM_FLAGS, { help: 'istio-canary sim --help' });
    if (values.help === true && problems.length === 0)
        return USAGE;
    const out = {
        apiPort: 0,
        ingressPort: 0,
        metricsPort: 0,
        kubeconfig: typeof values.kubeconfig === 'string' ? values.kubeconfig : 'istio-canary-sim.kubeconfig',
    };
    const ports = {
        'api-port': 'apiPort',
        'ingress-port': 'ingressPort',
        'metrics-port': 'metricsPort',
    };
    for (const [flag, key] of Object.entries(ports)) {
        const value = values[flag];
        if (typeof value !== 'string')
            continue;
        const n = Number(value);
        if (!/^\d+$/.test(value) || n > 65535)
            problems.push(`--${flag}: "${value}" is not a port (0-65535; 0 picks a free one)`);
        else
            out[key] = n;
    }
    return problems.length > 0 ? `${problems.join('\n')}\n${USAGE}` : out;
}
async function runSimCommand(argv, io, signal) {
    const args = parseSimArgs(argv);
    if (typeof args === 'string') {
        if (args === USAGE)
            io.stdout(`${args}\n`);
        else
            io.stderr(`${args}\n`);
        return args === USAGE ? 0 : 2;
    }
    const mesh = await (0,_mesh_js__WEBPACK_IMPORTED_MODULE_2__.startMesh)({
        apiPort: args.apiPort,
        ingressPort: args.ingressPort,
        metricsPort: args.metricsPort,
    });
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(args.kubeconfig);
    try {
        await mesh.writeKubeconfig(path);
    }
    catch (err) {
        await mesh.close();
        io.stderr(`cannot write kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
    }
    io.stdout([
        `API server:  ${mesh.apiUrl}`,
        `Ingress:     ${mesh.ingressUrl}`,
        `Metrics:     ${mesh.metricsUrl}`,
        `Kubeconfig:  ${path} (context ${_kubeconfig_js__WEBPACK_IMPORTED_MODULE_3__.SIM_CONTEXT})`,
        `export KUBECONFIG=${path}`,
        'Press Ctrl-C to stop.',
        '',
    ].join('\n'));
    await new Promise((done) => {
        if (!signal)
            return; // without a signal the mesh runs until the process ends
        if (signal.aborted)
            done();
        else
            signal.addEventListener('abort', () => done(), { once: true });
    });
    await mesh.close();
    io.stdout('Embedded mesh stopped.\n');
    return 0;
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
