export const id = 20;
export const ids = [20];
export const modules = {

/***/ 69020:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runDemoCommand: () => (/* binding */ runDemoCommand)
/* harmony export */ });
/* unused harmony export demoHelp */
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(25625);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76670);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33243);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(73136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(84970);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(94552);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(31212);
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(50926);
// `istio-canary demo`: the podinfo seed scenario on the embedded mesh, twice: a good canary
// that is promoted, then a slow canary that is rolled back. Prints the step tables and
// writes the markdown and JSON reports. The same engine as the action, nothing mocked.












const LATENCY = 'sim.istio-canary.dev/latency';
const ERROR_RATE = 'sim.istio-canary.dev/error-rate';
const DEFAULTS = {
    steps: '10,60,100',
    interval: '4s',
    rps: '100',
    stableLatency: 'p50=20ms,p99=60ms',
    badLatency: 'p50=45ms,p99=150ms',
    badErrorRate: '0%',
    out: 'istio-canary-demo',
};
const FLAGS = {
    '--steps': ['steps', 'canary weights of both runs'],
    '--interval': ['interval', 'analysis window per step'],
    '--rps': ['rps', 'load generator rate (requests per second, open loop)'],
    '--stable-latency': ['stableLatency', 'latency profile of stable, and of the good canary'],
    '--canary-latency': ['badLatency', 'latency profile of the bad canary ("p50=<d>,p99=<d>")'],
    '--canary-error-rate': ['badErrorRate', 'error rate of the bad canary ("5%")'],
    '--out': ['out', 'folder for the reports (markdown and JSON)'],
};
function demoHelp() {
    return [
        'istio-canary demo: the podinfo seed scenario on the embedded mesh, no cluster needed.',
        'Run 1 promotes a canary as fast as stable; run 2 rolls back a slower (or failing) canary.',
        '',
        'Usage: istio-canary demo [flags]',
        ...Object.entries(FLAGS).map(([flag, [key, what]]) => `  ${flag.padEnd(20)} ${what} [default: ${DEFAULTS[key]}]`),
    ].join('\n');
}
function parseDemoFlags(argv) {
    const specs = Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag.slice(2), { type: 'string' }]));
    const { values } = (0,_args_js__WEBPACK_IMPORTED_MODULE_8__/* .parseArgv */ .SB)(argv, specs, { help: 'istio-canary demo --help' });
    const options = { ...DEFAULTS };
    for (const [name, value] of Object.entries(values))
        options[FLAGS[`--${name}`][0]] = String(value);
    (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_11__/* .parseSteps */ .$i)(options.steps);
    (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_11__/* .parseDuration */ .E9)(options.interval);
    return options;
}
/**
 * examples/podinfo of the package: one folder up from src/demo.ts, two from the CLI bundle
 * (dist/cli/index.js); the first folder upwards that has it.
 */
function podinfoExample() {
    let dir = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_7__.fileURLToPath)(import.meta.url));
    for (;;) {
        const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(dir, 'examples', 'podinfo');
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_5__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(candidate, 'istio.yaml')))
            return `${candidate}/`;
        const up = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.dirname)(dir);
        if (up === dir)
            throw new Error(`examples/podinfo not found above ${(0,node_url__WEBPACK_IMPORTED_MODULE_7__.fileURLToPath)(import.meta.url)}`);
        dir = up;
    }
}
/** The podinfo example with latency/error profiles on the pod templates (see docs/sim.md). */
async function writeScenario(dir, stable, canary) {
    const source = podinfoExample();
    for (const file of ['namespace.yaml', 'deployments.yaml', 'service.yaml', 'istio.yaml']) {
        const docs = (0,js_yaml__WEBPACK_IMPORTED_MODULE_2__/* .loadAll */ .gh)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(source, file), 'utf8'));
        for (const doc of docs) {
            if (doc.kind !== 'Deployment')
                continue;
            const name = doc.metadata.name;
            const template = doc.spec.template;
            template.metadata.annotations = {
                ...(template.metadata.annotations ?? {}),
                ...(name.endsWith('-canary') ? canary : stable),
            };
        }
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(dir, file), docs.map((d) => (0,js_yaml__WEBPACK_IMPORTED_MODULE_2__/* .dump */ .Bh)(d, { lineWidth: 120 })).join('---\n'));
    }
}
/** Progress to the terminal; the final report is kept for the tables and files. */
function demoReporter(io, keep) {
    return {
        progress: (r) => {
            const last = r.history.at(-1);
            if (last)
                io.stderr(`  step ${last.step}: canary ${last.weight}% → ${last.verdict.outcome}\n`);
            return Promise.resolve();
        },
        final: (r) => {
            keep(r);
            return Promise.resolve({ commentUrl: null, reportJsonPath: null });
        },
    };
}
async function runScenario(title, canaryImage, annotations, options, io, signal) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_4__.tmpdir)(), 'istio-canary-demo-'));
    try {
        await writeScenario(dir, annotations.stable, annotations.canary);
        const inputs = {
            command: 'run',
            cluster: 'sim',
            // The podinfo example lives in namespace test (examples/podinfo/namespace.yaml).
            namespace: 'test',
            manifests: (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(dir, '*.yaml'),
            'canary-image': canaryImage,
            steps: options.steps,
            interval: options.interval,
            'load-host': 'podinfo.co.uk',
            'load-rps': options.rps,
            'min-requests': '20',
            'rollout-timeout': '30s',
            comment: 'never',
        };
        const parsed = (0,_settings_js__WEBPACK_IMPORTED_MODULE_10__/* .parseSettings */ .P$)((name) => inputs[name] ?? '', {});
        if (!parsed.ok)
            throw new Error(parsed.errors.map(_settings_js__WEBPACK_IMPORTED_MODULE_10__/* .formatInputError */ .i8).join('\n'));
        io.stderr(`\n== ${title}\n`);
        let report = null;
        const runIo = {
            logger: (0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLogger */ .Ky)({
                info: (m) => io.stderr(`  ${m}\n`),
                warning: (m) => io.stderr(`  warning: ${m}\n`),
                error: (m) => io.stderr(`  error: ${m}\n`),
                debug: () => undefined,
            }),
            print: (t) => io.stdout(`${(0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .safeBlockText */ .Qw)(t)}\n`),
            setOutput: () => undefined,
            setSecret: () => undefined,
            state: { save: () => undefined, get: () => '' },
        };
        await (0,_main_js__WEBPACK_IMPORTED_MODULE_9__.execute)(parsed.settings, runIo, signal, { reporter: () => demoReporter(io, (r) => (report = r)) });
        if (!report)
            throw new Error(`${title}: the promotion ended without a report`);
        return report;
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(dir, { recursive: true, force: true });
    }
}
async function runDemoCommand(argv, io, signal) {
    if (argv.includes('--help') || argv.includes('-h')) {
        io.stdout(`${demoHelp()}\n`);
        return 0;
    }
    let options;
    try {
        options = parseDemoFlags(argv);
    }
    catch (e) {
        if (e instanceof _args_js__WEBPACK_IMPORTED_MODULE_8__/* .UsageError */ .eb)
            for (const p of e.problems)
                io.stderr(`error: ${p}\n`);
        else
            io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
    }
    const { renderReport, renderTerminalTable } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(285)]).then(__webpack_require__.bind(__webpack_require__, 54285));
    const { reportToJson } = await __webpack_require__.e(/* import() */ 794).then(__webpack_require__.bind(__webpack_require__, 32794));
    const out = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.resolve)(options.out);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.mkdir)(out, { recursive: true });
    const stable = { [LATENCY]: options.stableLatency, [ERROR_RATE]: '0%' };
    const runs = [
        {
            file: 'good-canary',
            title: 'run 1: a canary as fast as stable (expect: promoted)',
            image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
            canary: stable,
            expect: 'promoted',
        },
        {
            file: 'slow-canary',
            title: `run 2: a canary with latency ${options.badLatency} and ${options.badErrorRate} errors (expect: rolled back)`,
            image: 'ghcr.io/stefanprodan/podinfo:6.7.2',
            canary: { [LATENCY]: options.badLatency, [ERROR_RATE]: options.badErrorRate },
            expect: 'rolled-back',
        },
    ];
    let ok = true;
    for (const run of runs) {
        const report = await runScenario(run.title, run.image, { stable, canary: run.canary }, options, io, signal);
        io.stdout(`\n${renderTerminalTable(report)}\n`);
        const md = (0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(out, `${run.file}.md`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)(md, renderReport(report));
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)(out, `${run.file}.json`), reportToJson(report));
        io.stdout(`report: ${(0,node_path__WEBPACK_IMPORTED_MODULE_6__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_6__.basename)(out), `${run.file}.md`)} (markdown, as the PR comment shows it) and .json\n`);
        if (report.status !== run.expect) {
            ok = false;
            io.stderr(`unexpected: ${run.file} ended ${report.status}, expected ${run.expect}\n`);
        }
        if (signal.aborted)
            return 130;
    }
    return ok ? 0 : 1;
}


/***/ })

};
