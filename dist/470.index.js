export const id = 470;
export const ids = [470,398];
export const modules = {

/***/ 71517:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ fetchFor),
/* harmony export */   W: () => (/* binding */ TunnelSocket)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46752);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57856);
// The I/O half of the proxy decision (src/http/proxy.ts): a fetch for one origin (Prometheus,
// the GitHub API) and a raw socket for the load generator, both direct or through an HTTP
// CONNECT tunnel. fetch goes through undici's ProxyAgent, the agent @actions/http-client and
// @actions/github wire for the same variables; the load generator's socket is a tunnel of its
// own (its fixed-rate timing needs raw sockets).





/** The proxy URL without its credentials (they go in Proxy-Authorization instead). */
function bareProxy(proxy) {
    const u = new URL(proxy.href);
    u.username = '';
    u.password = '';
    return u.href;
}
function causeMessage(error) {
    if (error instanceof Error) {
        const cause = error.cause;
        if (cause instanceof Error && cause.message !== '')
            return cause.message;
        return error.message;
    }
    return String(error);
}
/**
 * A fetch for requests to `target`'s origin: the global fetch when the decision is direct, else
 * undici's fetch through a ProxyAgent (CONNECT tunnel). Failures name the proxy.
 */
function fetchFor(target, env = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .processProxyEnv */ .R4)()) {
    let url;
    try {
        url = new URL(String(target));
    }
    catch {
        // Not a URL: the request itself will fail and say so.
        return { fetch: globalThis.fetch, decision: { kind: 'direct', reason: 'not a URL' } };
    }
    const decision = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .decideProxy */ .ZR)(url, env);
    if (decision.kind === 'direct')
        return { fetch: globalThis.fetch, decision };
    const auth = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAuthorization */ .YB)(decision.proxy);
    const agent = new undici__WEBPACK_IMPORTED_MODULE_3__.ProxyAgent({ uri: bareProxy(decision.proxy), ...(auth === null ? {} : { token: auth }) });
    const via = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .describeDecision */ .K5)(decision);
    const proxied = async (input, init) => {
        try {
            const url = input instanceof Request ? input.url : String(input);
            return (await (0,undici__WEBPACK_IMPORTED_MODULE_3__.fetch)(url, {
                ...init,
                dispatcher: agent,
            }));
        }
        catch (error) {
            if (error instanceof Error && error.name === 'AbortError')
                throw error;
            const inner = causeMessage(error);
            // Not a TypeError: Octokit then shows this message (which names the proxy), not the cause's.
            throw Object.assign(new Error(`fetch failed ${via}: ${inner}`, { cause: error }), {
                code: innerCode(error),
            });
        }
    };
    return { fetch: proxied, decision };
}
/** The code (ECONNREFUSED, …) of the deepest error in a cause chain. */
function innerCode(error) {
    let code;
    for (let e = error, i = 0; e && i < 5; i++) {
        if (typeof e.code === 'string')
            code = e.code;
        e = e.cause;
    }
    return code;
}
const MAX_CONNECT_HEAD = 16 * 1024;
/**
 * A socket to host:port through an HTTP CONNECT tunnel, usable at once like net.connect's:
 * writes wait for the tunnel (and the TLS handshake inside it), then it emits 'connect' (plain)
 * or 'secureConnect' (TLS), 'data', 'error' and 'close' as a socket does. A proxy that refuses
 * the tunnel destroys it with an error (code EPROXY) that names the proxy and its status.
 */
class TunnelSocket extends node_stream__WEBPACK_IMPORTED_MODULE_0__.Duplex {
    options;
    raw;
    target = null;
    pending = [];
    constructor(options) {
        super();
        this.options = options;
        const { proxy } = options;
        const proxyHost = proxy.hostname.replace(/^\[|\]$/g, '');
        const proxyPort = proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port);
        this.raw =
            proxy.protocol === 'https:'
                ? node_tls__WEBPACK_IMPORTED_MODULE_2___default().connect({
                    host: proxyHost,
                    port: proxyPort,
                    servername: node_net__WEBPACK_IMPORTED_MODULE_1___default().isIP(proxyHost) ? undefined : proxyHost,
                })
                : node_net__WEBPACK_IMPORTED_MODULE_1___default().connect({ host: proxyHost, port: proxyPort });
        this.raw.setNoDelay(true);
        const authority = `${node_net__WEBPACK_IMPORTED_MODULE_1___default().isIPv6(options.host) ? `[${options.host}]` : options.host}:${options.port}`;
        const auth = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyAuthorization */ .YB)(proxy);
        this.raw.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth === null ? '' : `Proxy-Authorization: ${auth}\r\n`}\r\n`);
        let head = Buffer.alloc(0);
        const onHead = (chunk) => {
            head = Buffer.concat([head, chunk]);
            const end = head.indexOf('\r\n\r\n');
            if (end < 0) {
                if (head.length > MAX_CONNECT_HEAD)
                    this.fail(`${(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .BO)(proxy)} sent an oversized CONNECT answer`);
                return;
            }
            this.raw.off('data', onHead);
            const statusLine = head.toString('latin1', 0, head.indexOf('\r\n'));
            const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1];
            if (status === undefined || !status.startsWith('2')) {
                this.fail(`proxy ${(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .BO)(proxy)} refused the tunnel to ${authority}: ${statusLine.slice(0, 200) || 'no status line'}`);
                return;
            }
            const rest = head.subarray(end + 4);
            if (rest.length > 0)
                this.raw.unshift(rest);
            if (!options.secure) {
                this.ready(this.raw, 'connect');
                return;
            }
            const secured = node_tls__WEBPACK_IMPORTED_MODULE_2___default().connect({
                socket: this.raw,
                servername: options.servername,
                rejectUnauthorized: options.rejectUnauthorized ?? true,
                ...(options.ALPNProtocols ? { ALPNProtocols: options.ALPNProtocols } : {}),
            });
            secured.once('secureConnect', () => this.ready(secured, 'secureConnect'));
            secured.on('error', (error) => this.destroy(error));
        };
        this.raw.on('data', onHead);
        this.raw.on('error', (error) => this.destroy(error));
        this.raw.on('close', () => {
            if (this.target === null && !this.destroyed)
                this.fail(`proxy ${(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .BO)(proxy)} closed the connection before the tunnel to ${authority} was up`);
        });
    }
    fail(message) {
        const error = Object.assign(new Error(message), { code: 'EPROXY' });
        this.destroy(error);
    }
    ready(socket, event) {
        this.target = socket;
        socket.on('data', (data) => {
            if (!this.push(data))
                socket.pause();
        });
        socket.on('end', () => this.push(null));
        socket.on('close', () => this.destroy());
        if (socket !== this.raw)
            socket.on('error', (error) => this.destroy(error));
        for (const { chunk, callback } of this.pending.splice(0))
            socket.write(chunk, callback);
        this.emit(event);
    }
    _read() {
        this.target?.resume();
    }
    _write(chunk, _encoding, callback) {
        if (this.target !== null)
            this.target.write(chunk, callback);
        else
            this.pending.push({ chunk, callback });
    }
    _final(callback) {
        this.target?.end();
        callback();
    }
    _destroy(error, callback) {
        this.target?.destroy();
        this.raw.destroy();
        callback(error);
    }
    /** For parity with net.Socket (the tunnel sets it on the proxy connection). */
    setNoDelay() {
        return this;
    }
    get remote() {
        return `${this.options.host}:${this.options.port}`;
    }
}


/***/ }),

/***/ 69398:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createReporter: () => (/* binding */ createReporter)
});

// EXTERNAL MODULE: ./src/report/github.ts
var github = __webpack_require__(97611);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(76670);
;// CONCATENATED MODULE: ./src/report/json.ts
// The report JSON: the PromotionReport as is (schema: docs/report.schema.json), written to a
// file named by the `report-json` output (the action's output, the CLI's `report-json=` line).




/** The report as JSON, secrets redacted (src/redact.ts) in every string and in the result. */
function reportToJson(report) {
    return redact/* secrets */.O3.redact(`${JSON.stringify(redact/* secrets */.O3.redactDeep(report), null, 2)}\n`);
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
        (0,external_node_crypto_.randomBytes)(4).toString('hex'),
    ];
    return `${parts.join('-')}.json`;
}
/**
 * Writes the report into `dir` (created if missing) and returns the file's path. Atomic: the
 * JSON goes to a temporary file beside it that is renamed over, so a reader never sees half a file.
 */
async function writeReportJson(report, dir, run) {
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(dir, reportFileName(report, run));
    const temp = `${file}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,promises_.writeFile)(temp, reportToJson(report), { encoding: 'utf8', flag: 'wx' });
        await (0,promises_.rename)(temp, file);
    }
    catch (err) {
        await (0,promises_.rm)(temp, { force: true });
        throw err;
    }
    return file;
}

// EXTERNAL MODULE: ./src/metrics/why.ts
var metrics_why = __webpack_require__(73875);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
;// CONCATENATED MODULE: ./src/report/markdown.ts
// The promotion report as GitHub markdown (PR comment and job summary) and as a compact
// terminal table (CLI). Pure: a PromotionReport in, a string out. The hidden sticky-comment
// marker is not added here (github.ts owns it).




/** GitHub rejects comment bodies over 65,536 characters. */
const GITHUB_COMMENT_LIMIT = 65_536;
const DEFAULT_MAX_CHARS = 60_000;
const DEFAULT_MAX_STEPS = 40;
const HEAD_STEPS = 5;
/**
 * The report as markdown. Secrets are redacted from the report before rendering (escaping must
 * not hide one from the redactor) and from the result.
 */
function renderReport(unsafe, options = {}) {
    return redact/* secrets */.O3.redact(renderUnsafe(redact/* secrets */.O3.redactDeep(unsafe), options));
}
function renderUnsafe(report, options) {
    const maxChars = Math.min(options.maxChars ?? DEFAULT_MAX_CHARS, GITHUB_COMMENT_LIMIT);
    let layout = { maxSteps: Math.max(2, options.maxSteps ?? DEFAULT_MAX_STEPS), checks: true };
    // Shrink until it fits: fewer rows, then no per-step checks. Each step row is bounded
    // (escaped text is truncated), so this ends quickly.
    for (;;) {
        const text = render(report, layout);
        if (text.length <= maxChars)
            return text;
        if (layout.checks)
            layout = { ...layout, checks: false };
        else if (layout.maxSteps > 2)
            layout = { ...layout, maxSteps: Math.max(2, Math.floor(layout.maxSteps / 2)) };
        else
            return truncate(text, maxChars);
    }
}
function truncate(text, maxChars) {
    const note = '\n\n_Report truncated to fit GitHub’s comment limit; the full data is in the report JSON._\n';
    return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}
/** The history rows to show: all, or the first and last steps around a collapsed count. */
function selectSteps(items, max) {
    if (items.length <= max)
        return { head: [...items], hidden: [], tail: [] };
    const head = Math.min(HEAD_STEPS, Math.floor(max / 2));
    const tail = max - head;
    return {
        head: items.slice(0, head),
        hidden: items.slice(head, items.length - tail),
        tail: items.slice(-tail),
    };
}
function render(report, layout) {
    if (report.services?.length)
        return renderLockstep(report, layout);
    const parts = [
        header(report),
        facts(report),
        previewSection(report),
        strategySection(report),
        gitSection(report),
        eventsSection(report),
        stepsTable(report, layout),
        charts(report, layout),
        weightsApplied(report, layout),
        howToContinue(report),
        '<sub>istio-canary · report schema v1 · every step is in the <code>report-json</code> output</sub>',
    ];
    return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
/**
 * A lockstep run (`services`): the run's status over a table of its services, then each
 * service's own report (its header one level down, named; its facts, steps and charts).
 */
function renderLockstep(report, layout) {
    const services = report.services ?? [];
    const names = services.map((s) => (0,report_escape/* escapeMarkdown */.FV)(s.name, 63)).join(', ');
    const icon = { promoted: '✅', 'rolled-back': '❌', held: '⏸', 'in-progress': '🔄' }[report.status];
    const rows = services.map(({ name, report: r }) => {
        const passed = r.history.filter((h) => h.verdict.outcome === 'pass' && !h.stage).length;
        return `| ${(0,report_escape/* escapeMarkdown */.FV)(name, 63)} | ${target(r)} | ${(0,report_escape/* escapeMarkdown */.FV)(r.status, 20)} | ${r.weight}% | ${passed}/${r.steps.length} | ${r.reason ? (0,report_escape/* escapeMarkdown */.FV)(r.reason, 200) : format/* DASH */.jr} |`;
    });
    const parts = [
        `## ${icon} Lockstep ${(0,report_escape/* escapeMarkdown */.FV)(report.status, 20)}: ${services.length} services (${names})`,
        'Each step wrote every route’s weight and judged every service; a failure of any rolls all back.',
        [
            '| Service | Route | Status | Canary | Steps passed | Why |',
            '|---|---|---|---:|---:|---|',
            ...rows,
        ].join('\n'),
        ...services.flatMap(({ name, report: r }) => [
            header(r).replace(/^## /, `### ${(0,report_escape/* escapeMarkdown */.FV)(name, 63)}: `),
            facts(r),
            previewSection(r),
            strategySection(r),
            gitSection(r),
            eventsSection(r),
            stepsTable(r, layout),
            charts(r, layout),
        ].filter((p) => p !== '')),
        howToContinue(report),
        '<sub>istio-canary · report schema v1 · every step is in the <code>report-json</code> output</sub>',
    ];
    return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
/** What happened besides steps: restarts, take-overs, preemptions, visible changes (newest last, at most 10). */
function eventsSection(report) {
    const lines = [
        ...(report.notices ?? []).map((n) => `- ⚠️ ${(0,report_escape/* escapeMarkdown */.FV)(n, 300)}`),
        ...(report.events ?? [])
            .slice(-10)
            .map((e) => `- ${(0,report_escape/* escapeMarkdown */.FV)(e.at, 40)}: ${(0,report_escape/* escapeMarkdown */.FV)(e.message, 300)}`),
    ];
    return lines.length === 0 ? '' : ['**Events**', '', ...lines].join('\n');
}
function target(report) {
    return `${(0,report_escape/* escapeMarkdown */.FV)(report.namespace, 80)}/${(0,report_escape/* escapeMarkdown */.FV)(report.virtualService, 80)}`;
}
/**
 * Why a step did not pass, in one line: the why its measurement wrote, else (states written
 * before it existed, verdicts made elsewhere) one explained from its reasons now. Null for a pass.
 */
function stepWhy(record) {
    if (record.verdict.outcome === 'pass')
        return null;
    const stored = record.verdict.why;
    if (typeof stored === 'string' && stored !== '')
        return stored;
    return (0,metrics_why/* explainVerdict */.bX)(record.verdict, { weight: record.weight, windowMs: record.verdict.durationMs });
}
/** The state's step counts completed steps; a step that failed shows only in the history. */
function stepReached(report) {
    return Math.max(report.step, report.history.at(-1)?.step ?? 0);
}
function header(report) {
    const total = report.steps.length;
    const where = `step ${stepReached(report)} of ${total}`;
    const waiting = report.nextCommands.length > 0;
    const lines = [];
    switch (report.status) {
        case 'promoted': {
            const reached = Math.max(0, ...report.history.map((r) => r.weight), ...report.weightsApplied.map((w) => w.canary));
            lines.push(`## ✅ Canary promoted: ${target(report)}`);
            lines.push(report.command === 'promote'
                ? `Promoted on request (\`command: promote\`) after ${where}.`
                : `The canary reached ${reached}% of traffic with every step passing (${where}).`);
            // promote-stable finalizes to canary 0%: stable now runs the canary's pod template.
            if (report.weight === 0)
                lines.push("Finalized: stable now runs the canary's version and takes all traffic.");
            break;
        }
        case 'rolled-back':
            lines.push(`## ❌ Canary rolled back: ${target(report)}`);
            lines.push(`All traffic is back on stable (canary 0%) after ${where}.`);
            break;
        case 'held':
            lines.push(`## ⏸ Canary held at ${report.weight}%: ${target(report)}`);
            lines.push(`The weights stay as they are (${where}) until someone continues or rolls back.`);
            break;
        case 'in-progress':
            if (waiting) {
                lines.push(`## ⏸ Canary waiting at ${report.weight}%: ${target(report)}`);
                lines.push(`Done with ${where}; the next step waits for a manual command (below).`);
            }
            else {
                lines.push(`## 🔄 Canary in progress at ${report.weight}%: ${target(report)}`);
                lines.push(`Measuring after ${where}; this comment updates after every step.`);
            }
            break;
    }
    if (report.reason !== null && report.reason !== '')
        lines.push('', `**Why:** ${(0,report_escape/* escapeMarkdown */.FV)(report.reason, 500)}`);
    const last = report.history.at(-1);
    if (last !== undefined && report.status !== 'promoted') {
        const why = stepWhy(last);
        if (why !== null)
            lines.push('', `**Step ${last.step} at ${last.weight}%, in one line:** ${(0,report_escape/* escapeMarkdown */.FV)(why, metrics_why/* WHY_MAX_CHARS */.CD)}`, '');
        const failed = last.verdict.reasons.filter((r) => !r.ok);
        for (const r of failed.slice(0, 5))
            lines.push(`- ❌ ${(0,report_escape/* escapeMarkdown */.FV)(r.message)}`);
    }
    return lines.join('\n');
}
function facts(report) {
    const lines = [];
    lines.push(`* **Canary image:** ${report.canaryImage === null ? format/* DASH */.jr : (0,report_escape/* escapeMarkdown */.FV)(report.canaryImage, 200)}`);
    lines.push(`* **Subsets:** stable ${(0,report_escape/* escapeMarkdown */.FV)(report.stableSubset, 80)}, canary ${(0,report_escape/* escapeMarkdown */.FV)(report.canarySubset, 80)}` +
        ` · **route:** ${(0,report_escape/* escapeMarkdown */.FV)(report.route, 80)} · **command:** ${(0,report_escape/* escapeMarkdown */.FV)(report.command, 40)}`);
    const schedule = report.steps.length > 20 ? `${report.steps.length} steps` : report.steps.map((w) => `${w}%`).join(' → ');
    lines.push(`* **Schedule:** ${schedule} · **canary now:** ${report.weight}%`);
    const took = (0,format/* durationBetween */.h9)(report.startedAt, report.endedAt);
    lines.push(`* **Time:** ${(0,report_escape/* escapeMarkdown */.FV)(report.startedAt, 40)} → ${(0,report_escape/* escapeMarkdown */.FV)(report.endedAt, 40)} (${(0,format/* formatDuration */.a3)(took)})`);
    const url = (0,report_escape/* safeUrl */.Pl)(report.run.runUrl);
    if (url !== null) {
        const label = report.run.repository !== null && report.run.runId !== null
            ? `${(0,report_escape/* escapeMarkdown */.FV)(report.run.repository, 120)} run ${(0,report_escape/* escapeMarkdown */.FV)(report.run.runId, 40)}`
            : 'workflow run';
        lines.push(`* **Workflow run:** [${label}](${url})`);
    }
    return lines.join('\n');
}
function pair(stable, canary) {
    return `${stable} / ${canary}`;
}
function latency(stable, canary, key) {
    const s = stable?.[key] ?? null;
    const c = canary?.[key] ?? null;
    const delta = (0,format/* formatDelta */.CW)(s, c);
    return `${pair((0,format/* formatMs */._V)(s), (0,format/* formatMs */._V)(c))}${delta === '' ? '' : ` (${delta})`}`;
}
const VERDICT = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive' };
function reasonCell(record) {
    const reasons = record.verdict.reasons;
    const failed = reasons.filter((r) => !r.ok);
    if (failed.length > 0)
        return failed
            .slice(0, 3)
            .map((r) => (0,report_escape/* escapeMarkdown */.FV)(r.message, 160))
            .join('<br>');
    if (record.verdict.outcome !== 'pass')
        return reasons.length === 0 ? 'no data' : (0,report_escape/* escapeMarkdown */.FV)(reasons[0]?.message ?? '', 160);
    return reasons.length === 0 ? format/* DASH */.jr : `${reasons.length}/${reasons.length} checks passed`;
}
function stepRow(record) {
    const { stable, canary } = record.verdict;
    const cells = [
        String(record.step),
        // A strategy's judged window (A/B, mirror, preview) says which, e.g. "A/B 1/2: header:x-user=beta → canary".
        record.stage ? (0,report_escape/* escapeMarkdown */.FV)(record.label ?? record.stage, 120) : `${record.weight}%`,
        (0,format/* formatDuration */.a3)(record.verdict.durationMs),
        pair((0,format/* formatCount */.B4)(stable?.requests), (0,format/* formatCount */.B4)(canary?.requests)),
        pair((0,format/* formatRate */.CE)(stable?.rps), (0,format/* formatRate */.CE)(canary?.rps)),
        pair((0,format/* formatFraction */.MJ)(stable?.successRate), (0,format/* formatFraction */.MJ)(canary?.successRate)),
        latency(stable, canary, 'p50Ms'),
        latency(stable, canary, 'p90Ms'),
        latency(stable, canary, 'p99Ms'),
        VERDICT[record.verdict.outcome] ?? (0,report_escape/* escapeMarkdown */.FV)(record.verdict.outcome, 20),
        reasonCell(record),
    ];
    return `| ${cells.join(' | ')} |`;
}
function hiddenRow(hidden) {
    const counts = new Map();
    for (const r of hidden)
        counts.set(r.verdict.outcome, (counts.get(r.verdict.outcome) ?? 0) + 1);
    const summary = [...counts.entries()]
        .map(([k, n]) => `${(0,format/* formatCount */.B4)(n)} ${(0,report_escape/* escapeMarkdown */.FV)(k, 20)}`)
        .join(', ');
    const first = hidden[0]?.step ?? 0;
    const last = hidden.at(-1)?.step ?? 0;
    return `| ⋯ | | | | | | | | | | **${(0,format/* formatCount */.B4)(hidden.length)} steps not shown** (${first}–${last}: ${summary}) |`;
}
function stepsTable(report, layout) {
    if (report.history.length === 0)
        return '_No step was measured yet._';
    const { head, hidden, tail } = selectSteps(report.history, layout.maxSteps);
    const lines = [
        '### Steps',
        '',
        'Latencies in ms, stable / canary (Δ = canary against stable).',
        '',
        '| Step | Weight | Duration | Requests | Rate (req/s) | Success | p50 | p90 | p99 | Verdict | Reason |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |',
        ...head.map(stepRow),
    ];
    if (hidden.length > 0)
        lines.push(hiddenRow(hidden), ...tail.map(stepRow));
    const whys = [...head, ...tail].flatMap((r) => {
        const why = stepWhy(r);
        return why === null ? [] : [`- Step ${r.step} (${r.weight}%): ${(0,report_escape/* escapeMarkdown */.FV)(why, metrics_why/* WHY_MAX_CHARS */.CD)}`];
    });
    if (whys.length > 0)
        lines.push('', '**Why steps did not pass**', '', ...whys);
    if (layout.checks) {
        const shown = [...head, ...tail];
        const checks = shown
            .filter((r) => r.verdict.reasons.length > 0)
            .map((r) => `- Step ${r.step} (${r.weight}%): ` +
            r.verdict.reasons.map((c) => `${c.ok ? '✅' : '❌'} ${(0,report_escape/* escapeMarkdown */.FV)(c.message, 200)}`).join('; '));
        if (checks.length > 0)
            lines.push('', '<details><summary>Checks per step</summary>', '', ...checks, '', '</details>');
    }
    return lines.join('\n');
}
/**
 * Two xychart-beta blocks (p99 and error rate): stable as bars, canary as a line, since
 * xychart-beta draws no legend. Only generated numbers and fixed words go in: no user text
 * reaches mermaid, so nothing can inject directives into it.
 */
// Stable blue, canary red (GitHub's palette); a directive, which GitHub's mermaid honours.
const CHART_COLORS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e"}}}}%%';
function mermaidCharts(history) {
    if (history.length === 0)
        return [];
    const weights = history.map((r) => r.weight);
    const unique = new Set(weights).size === weights.length;
    const labels = history.map((r) => `"${unique ? '' : `${r.step}: `}${r.weight}%"`).join(', ');
    const series = (pick) => (version) => `[${history.map((r) => (0,format/* chartNumber */.s6)(pick(r.verdict[version]))).join(', ')}]`;
    const p99 = series((s) => s?.p99Ms ?? null);
    const err = series((s) => (0,format/* errorRatePct */._X)(s));
    const block = (title, yLabel, data) => [
        '```mermaid',
        CHART_COLORS,
        'xychart-beta',
        `  title "${title}"`,
        `  x-axis "canary weight" [${labels}]`,
        `  y-axis "${yLabel}"`,
        `  bar ${data('stable')}`,
        `  line ${data('canary')}`,
        '```',
    ].join('\n');
    return [block('p99 latency per step', 'p99 (ms)', p99), block('Error rate per step', 'errors (%)', err)];
}
function charts(report, layout) {
    if (report.history.length === 0)
        return '';
    const { head, hidden, tail } = selectSteps(report.history, layout.maxSteps);
    const shown = [...head, ...tail];
    const note = hidden.length > 0 ? ` (the ${(0,format/* formatCount */.B4)(shown.length)} steps shown above)` : '';
    return [
        `### Charts${note}`,
        '',
        'Blue bars: stable · red line: canary.',
        '',
        ...mermaidCharts(shown).join('\n\n').split('\n'),
    ].join('\n');
}
function weightsApplied(report, layout) {
    if (report.weightsApplied.length === 0)
        return '';
    const { head, hidden, tail } = selectSteps(report.weightsApplied, layout.maxSteps);
    const row = (w) => `| ${w.stable}% | ${w.canary}% | ${(0,report_escape/* escapeMarkdown */.FV)(w.at, 40)} |`;
    const lines = [
        '### VirtualService weights applied',
        '',
        `${(0,report_escape/* escapeMarkdown */.FV)(report.stableSubset, 80)} (stable) / ${(0,report_escape/* escapeMarkdown */.FV)(report.canarySubset, 80)} (canary), in order:`,
        '',
        '| Stable | Canary | At |',
        '| ---: | ---: | :--- |',
        ...head.map(row),
    ];
    if (hidden.length > 0)
        lines.push(`| ⋯ | ⋯ | **${(0,format/* formatCount */.B4)(hidden.length)} updates not shown** |`, ...tail.map(row));
    return lines.join('\n');
}
const NEXT_HELP = {
    step: 'measure this weight and advance to the next one',
    promote: 'send all traffic to the canary now and finalize',
    rollback: 'send all traffic back to stable',
};
/** Inline code that its content cannot close (a longer backtick run, padded as CommonMark wants). */
function codeSpan(text) {
    const flat = (0,report_escape/* escapeTerminal */.en)(text, 300);
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    // CommonMark strips one space each side, which lets the content start or end with a backtick.
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** finalize: git-pr: the pull request that brings Git up to the promotion, e.g. "Git: PR #7 updates podinfo-ga to …". */
function gitSection(report) {
    if (report.pullRequestError !== undefined)
        return `**Git:** ❌ ${(0,report_escape/* escapeMarkdown */.FV)(report.pullRequestError, 1000)}`;
    const pr = report.pullRequest;
    if (pr === undefined)
        return '';
    const url = (0,report_escape/* safeUrl */.Pl)(pr.url);
    const label = `PR #${pr.number}`;
    const images = pr.images.map((i) => (0,report_escape/* escapeMarkdown */.FV)(i, 200)).join(', ');
    const how = pr.created ? 'opened' : pr.committed ? 'updated' : 'unchanged';
    return `**Git:** ${url === null ? label : `[${label}](${url})`} updates ${(0,report_escape/* escapeMarkdown */.FV)(pr.deployment, 120)} to ${images} (${how}; ${(0,report_escape/* escapeMarkdown */.FV)(pr.branch, 120)} → ${(0,report_escape/* escapeMarkdown */.FV)(pr.base, 120)})`;
}
/** The strategy (issue 15) and which requests reached the canary, e.g. "A/B: requests with header x-user=beta (30% of the load) → canary". */
function strategySection(report) {
    const s = report.strategy;
    if (s === undefined)
        return '';
    return s.lines.map((l) => `**Strategy:** ${(0,report_escape/* escapeMarkdown */.FV)(l, 500)}`).join('\n\n');
}
/** For a PR preview: the namespace and the ways to reach it. */
function previewSection(report) {
    const p = report.preview;
    if (!p)
        return '';
    // An external name (with a dot) is what reaches the ingress; a short name is mesh-internal.
    const host = p.hosts.find((h) => h.includes('.') && !h.includes('*')) ?? p.hosts.find((h) => !h.includes('*')) ?? null;
    const lines = [
        '### Preview environment',
        '',
        `Namespace ${codeSpan(p.namespace)}, removed when the PR closes.`,
        '',
    ];
    if (host && p.ingressUrl)
        lines.push(`- through the ingress: ${codeSpan(`curl -H 'Host: ${host}' ${p.ingressUrl}/`)}`);
    else if (host)
        lines.push(`- through your Istio ingress gateway with the Host header ${codeSpan(host)}`);
    if (p.portForward)
        lines.push(`- from your machine: ${codeSpan(`kubectl -n ${p.namespace} port-forward ${p.portForward}`)}`);
    return lines.join('\n');
}
function howToContinue(report) {
    if (report.nextCommands.length === 0)
        return '';
    const items = report.nextCommands.slice(0, 20).map((command) => {
        const verb = /\b(step|promote|rollback)\b/.exec(command)?.[1];
        const help = verb === undefined ? '' : `: ${NEXT_HELP[verb] ?? ''}`;
        return `- ${codeSpan(command)}${help}`;
    });
    return [
        '### How to continue',
        '',
        `The promotion waits at ${report.weight}%. Run the workflow again (workflow_dispatch) with one of:`,
        '',
        ...items,
    ].join('\n');
}
const STATUS_WORD = {
    promoted: 'PROMOTED',
    'rolled-back': 'ROLLED BACK',
    held: 'HELD',
    'in-progress': 'IN PROGRESS',
};
/** A compact fixed-width table for the CLI (no colours, no user-supplied escape sequences). */
function renderTerminalTable(unsafe) {
    const report = secrets.redactDeep(unsafe);
    const title = `istio-canary: ${STATUS_WORD[report.status] ?? escapeTerminal(report.status, 20)} ` +
        `${escapeTerminal(report.namespace, 63)}/${escapeTerminal(report.virtualService, 63)} ` +
        `(canary ${report.weight}%, step ${stepReached(report)}/${report.steps.length})`;
    const head = [
        'step',
        'weight',
        'time',
        'requests s/c',
        'errors s/c',
        'p50 ms s/c',
        'p99 ms s/c',
        'Δp99',
        'verdict',
    ];
    const { head: first, hidden, tail } = selectSteps(report.history, DEFAULT_MAX_STEPS);
    const row = (r) => {
        const { stable, canary } = r.verdict;
        return [
            String(r.step),
            `${r.weight}%`,
            formatDuration(r.verdict.durationMs),
            `${formatCount(stable?.requests)}/${formatCount(canary?.requests)}`,
            `${formatCount(stable?.errors)}/${formatCount(canary?.errors)}`,
            `${formatMs(stable?.p50Ms)}/${formatMs(canary?.p50Ms)}`,
            `${formatMs(stable?.p99Ms)}/${formatMs(canary?.p99Ms)}`,
            formatDelta(stable?.p99Ms, canary?.p99Ms) || DASH,
            escapeTerminal(r.verdict.outcome, 14),
        ];
    };
    const rows = [...first, ...tail].map(row);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    const out = [title, line(head), ...rows.slice(0, first.length).map(line)];
    if (hidden.length > 0)
        out.push(`  … ${formatCount(hidden.length)} steps not shown (in the report JSON) …`, ...rows.slice(first.length).map(line));
    if (report.history.length === 0)
        out.push('(no step measured yet)');
    if (report.reason !== null && report.reason !== '')
        out.push(`why: ${escapeTerminal(report.reason, 300)}`);
    const last = report.history.at(-1);
    const lastWhy = last === undefined ? null : stepWhy(last);
    if (last !== undefined && lastWhy !== null)
        out.push(`step ${last.step}: ${escapeTerminal(lastWhy, WHY_MAX_CHARS)}`);
    for (const r of last?.verdict.reasons.filter((c) => !c.ok) ?? [])
        out.push(`  - ${escapeTerminal(r.message, 200)}`);
    for (const l of report.strategy?.lines ?? [])
        out.push(`strategy: ${escapeTerminal(l, 500)}`);
    for (const n of report.notices ?? [])
        out.push(`notice: ${escapeTerminal(n, 300)}`);
    for (const e of (report.events ?? []).slice(-10))
        out.push(`event: ${escapeTerminal(e.message, 300)}`);
    for (const c of report.nextCommands)
        out.push(`next: ${escapeTerminal(c, 300)}`);
    if (report.pullRequestError !== undefined)
        out.push(`git: ${escapeTerminal(report.pullRequestError, 1000)}`);
    const pr = report.pullRequest;
    if (pr !== undefined)
        out.push(`git: PR #${pr.number} updates ${escapeTerminal(pr.deployment, 120)} to ${escapeTerminal(pr.images.join(', '), 300)}: ${escapeTerminal(pr.url, 300)}`);
    if (report.run.runUrl !== null)
        out.push(`run: ${escapeTerminal(report.run.runUrl, 300)}`);
    return secrets.redact(`${out.join('\n')}\n`);
}

;// CONCATENATED MODULE: ./src/report/summary.ts



const READ_ONLY_WARNING = 'The github-token cannot write PR comments (read-only token: fork PR, Dependabot or restricted permissions); ' +
    'the report is in the job summary instead.';
function createReporter(options, deps) {
    const { logger } = deps;
    let sticky;
    let warnedReadOnly = false;
    let lastUrl = null;
    const stickyFor = (report) => {
        if (sticky !== undefined)
            return sticky;
        if (options.githubToken === null || options.githubToken === '') {
            logger.info('No github-token: the report goes to the job summary only.');
            sticky = null;
            return sticky;
        }
        const client = new github.GithubClient({
            ...deps.client,
            apiUrl: options.github.apiUrl,
            token: options.githubToken,
            proxy: options.proxy ?? deps.client?.proxy,
        });
        sticky = new github.StickyComment({
            client,
            github: options.github,
            prNumber: options.prNumber,
            marker: (0,github.stickyMarker)(report.namespace, report.virtualService, options.github.workflow),
            logger,
        });
        return sticky;
    };
    const comment = async (report, phase) => {
        const action = (0,github.commentAction)(options.comment, report, phase);
        if (action === 'skip')
            return lastUrl;
        const target = stickyFor(report);
        if (target === null)
            return null;
        const markdown = renderReport(report, { maxChars: GITHUB_COMMENT_LIMIT - target.markerText.length - 1 });
        try {
            const result = await target.post(markdown, action);
            switch (result.kind) {
                case 'posted':
                    lastUrl = result.url;
                    if (result.created)
                        logger.info(`Created the PR comment ${result.url}`);
                    break;
                case 'read-only':
                    if (!warnedReadOnly)
                        logger.warning(READ_ONLY_WARNING);
                    warnedReadOnly = true;
                    break;
                case 'skipped':
                    logger.info(`PR comment skipped: ${result.why}.`);
                    break;
            }
        }
        catch (error) {
            logger.warning(`Could not update the PR comment: ${error instanceof Error ? error.message : String(error)}`);
        }
        return lastUrl;
    };
    return {
        async progress(report) {
            await comment(report, 'progress');
        },
        async final(report) {
            const commentUrl = await comment(report, 'final');
            let reportJsonPath = null;
            try {
                reportJsonPath = await writeReportJson(report, options.github.tempDir, options.github);
            }
            catch (error) {
                logger.warning(`Could not write the report JSON: ${error instanceof Error ? error.message : String(error)}`);
            }
            try {
                // The summary allows 1 MiB; the comment-sized rendering keeps it readable.
                await deps.summary.write(renderReport(report));
            }
            catch (error) {
                logger.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
            }
            deps.setOutput('status', report.status);
            deps.setOutput('weight', String(report.weight));
            deps.setOutput('step', String(report.step));
            deps.setOutput('report-json', reportJsonPath ?? '');
            deps.setOutput('comment-url', commentUrl ?? '');
            return { commentUrl, reportJsonPath };
        },
    };
}


/***/ }),

/***/ 49809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
// The one retry loop and the one cancellable sleep. Every client (Kubernetes, Prometheus,
// GitHub, tool downloads) and every "re-read and write again" loop goes through `retry`, so
// the rules are the same everywhere: a bounded number of attempts, exponential backoff with
// optional full jitter, a server's Retry-After honoured up to a cap, a cancel (AbortSignal)
// ending the wait at once with the signal's reason, and every wait going through an
// injectable sleep so tests observe the delays instead of sleeping them.

function reasonOf(signal) {
    return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
/** A timer that a cancel ends at once, rejecting with the signal's reason (not a generic AbortError). */
const sleep = async (ms, signal) => {
    if (signal?.aborted)
        throw reasonOf(signal);
    try {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(ms, undefined, signal ? { signal } : undefined);
    }
    catch (err) {
        if (signal?.aborted)
            throw reasonOf(signal);
        throw err;
    }
};
/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given (capped),
 * else baseDelayMs·2^(attempt−1) capped at maxDelayMs, jittered into [cap/2, cap] when asked.
 */
function backoffDelay(attempt, policy, retryAfterMs = null, random = Math.random) {
    if (retryAfterMs !== null && retryAfterMs >= 0)
        return Math.min(retryAfterMs, policy.maxRetryAfterMs ?? policy.maxDelayMs);
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return policy.jitter ? Math.round(cap / 2 + (random() * cap) / 2) : cap;
}
/**
 * Runs fn until it succeeds, the policy's attempts are spent, or a failure is not retryable;
 * then throws the last failure. A cancel during fn or a wait throws the signal's reason.
 */
async function retry(fn, policy, options) {
    const attempts = Math.max(1, Math.floor(policy.attempts));
    const wait = options.sleep ?? sleep;
    for (let attempt = 1;; attempt++) {
        if (options.signal?.aborted)
            throw reasonOf(options.signal);
        try {
            return await fn(attempt);
        }
        catch (err) {
            if (options.signal?.aborted)
                throw reasonOf(options.signal);
            if (attempt >= attempts)
                throw err;
            const verdict = options.retryable(err, attempt);
            const again = typeof verdict === 'boolean' ? verdict : verdict.retry;
            if (!again)
                throw err;
            const afterMs = typeof verdict === 'boolean' ? null : (verdict.afterMs ?? null);
            const ms = backoffDelay(attempt, policy, afterMs, options.random);
            options.onRetry?.(err, attempt, ms);
            await wait(ms, options.signal);
        }
    }
}
/** Retry-After in seconds (or an HTTP date), as milliseconds; null when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    const v = Array.isArray(value) ? value[0] : value;
    if (!v)
        return null;
    if (/^\d+(\.\d+)?$/.test(v.trim()))
        return Math.round(Number(v) * 1000);
    const at = Date.parse(v);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
}


/***/ })

};
