export const id = 875;
export const ids = [875];
export const modules = {

/***/ 48666:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSimCommand: () => (/* binding */ runSimCommand)
/* harmony export */ });
/* unused harmony export parseSimArgs */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84970);
/* harmony import */ var _mesh_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2573);
/* harmony import */ var _kubeconfig_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26684);
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

/***/ 27794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JD: () => (/* binding */ pathPrefixMatches),
/* harmony export */   Oi: () => (/* binding */ compileStringMatch),
/* harmony export */   Xm: () => (/* binding */ compileRe2),
/* harmony export */   _Z: () => (/* binding */ re2Refusal)
/* harmony export */ });
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69313);
// String and path matchers of the routing table, with Envoy's semantics: Istio's StringMatch
// (exact / prefix / regex) and the Gateway API's path types. Regexes are RE2 in Envoy; JS RegExp
// is used with a whole-value anchor after refusing what RE2 lacks (lookaround, backreferences),
// so a pattern Istio would reject is reported instead of silently matching differently. Pure.

/** Why RE2 (Envoy's regex engine) would refuse `pattern`, or undefined when it is accepted. */
function re2Refusal(pattern) {
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            const n = pattern[i + 1] ?? '';
            if (!inClass && /[1-9]/.test(n))
                return `backreference \\${n} (RE2 has no backreferences)`;
            if (!inClass && n === 'k' && pattern[i + 2] === '<')
                return 'named backreference \\k<…> (RE2 has no backreferences)';
            i++;
            continue;
        }
        if (inClass) {
            if (c === ']')
                inClass = false;
            continue;
        }
        if (c === '[') {
            inClass = true;
            // A ']' right after '[' or '[^' is a literal in RE2 and JS alike.
            if (pattern[i + 1] === '^')
                i++;
            if (pattern[i + 1] === ']')
                i++;
            continue;
        }
        if (c === '(' && pattern[i + 1] === '?') {
            const rest = pattern.slice(i + 2, i + 4);
            if (rest.startsWith('=') || rest.startsWith('!'))
                return 'lookahead (?= or (?! (RE2 has no lookaround)';
            if (rest === '<=' || rest === '<!')
                return 'lookbehind (?<= or (?<! (RE2 has no lookaround)';
        }
        if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+')
            return `possessive quantifier ${c}+ (RE2 has none)`;
    }
    return undefined;
}
/**
 * An RE2 pattern as a JS RegExp matching the whole value (Envoy's safe_regex is a full match).
 * RE2's `(?P<name>` groups and a leading `(?i)` are translated. Throws with the reason on refusal.
 */
function compileRe2(pattern, ignoreCase = false) {
    const refusal = re2Refusal(pattern);
    if (refusal)
        throw new Error(`regex ${JSON.stringify(pattern)} is not RE2: ${refusal}`);
    let body = pattern.replace(/\(\?P</g, '(?<');
    let flags = ignoreCase ? 'i' : '';
    if (body.startsWith('(?i)')) {
        body = body.slice(4);
        flags = 'i';
    }
    try {
        return new RegExp(`^(?:${body})$`, flags);
    }
    catch (err) {
        throw new Error(`regex ${JSON.stringify(pattern)} does not compile: ${err.message}`, {
            cause: err,
        });
    }
}
/**
 * Istio's StringMatch ({exact}|{prefix}|{regex}, an empty {} meaning "present"); undefined when
 * `spec` is not an object. Throws (with the reason) on a regex Istio would reject.
 */
function compileStringMatch(spec, ignoreCase = false) {
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(spec))
        return undefined;
    const fold = (s) => (ignoreCase ? s.toLowerCase() : s);
    if (typeof spec.exact === 'string') {
        const e = fold(spec.exact);
        return (v) => v !== undefined && fold(v) === e;
    }
    if (typeof spec.prefix === 'string') {
        const p = fold(spec.prefix);
        return (v) => v !== undefined && fold(v).startsWith(p);
    }
    if (typeof spec.regex === 'string') {
        const re = compileRe2(spec.regex, ignoreCase);
        return (v) => v !== undefined && re.test(v);
    }
    return (v) => v !== undefined;
}
/**
 * The Gateway API's PathPrefix: element-wise, so "/foo" matches "/foo", "/foo/" and "/foo/bar" but
 * not "/foobar"; a trailing "/" in the value is ignored ("/foo/" ≡ "/foo").
 */
function pathPrefixMatches(prefix, path) {
    const p = prefix.replace(/\/+$/, '');
    if (p === '')
        return path.startsWith('/');
    return path === p || path.startsWith(`${p}/`);
}


/***/ }),

/***/ 69313:
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
