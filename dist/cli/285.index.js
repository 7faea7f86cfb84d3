export const id = 285;
export const ids = [285];
export const modules = {

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _4: () => (/* binding */ GITHUB_COMMENT_LIMIT),
/* harmony export */   renderReport: () => (/* binding */ renderReport),
/* harmony export */   renderTerminalTable: () => (/* binding */ renderTerminalTable)
/* harmony export */ });
/* unused harmony exports stepWhy, mermaidCharts */
/* harmony import */ var _metrics_why_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73875);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76670);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14031);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12011);
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
    return _redact_js__WEBPACK_IMPORTED_MODULE_1__/* .secrets */ .O3.redact(renderUnsafe(_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .secrets */ .O3.redactDeep(unsafe), options));
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
    const names = services.map((s) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(s.name, 63)).join(', ');
    const icon = { promoted: '✅', 'rolled-back': '❌', held: '⏸', 'in-progress': '🔄' }[report.status];
    const rows = services.map(({ name, report: r }) => {
        const passed = r.history.filter((h) => h.verdict.outcome === 'pass' && !h.stage).length;
        return `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(name, 63)} | ${target(r)} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(r.status, 20)} | ${r.weight}% | ${passed}/${r.steps.length} | ${r.reason ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(r.reason, 200) : _format_js__WEBPACK_IMPORTED_MODULE_3__/* .DASH */ .jr} |`;
    });
    const parts = [
        `## ${icon} Lockstep ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.status, 20)}: ${services.length} services (${names})`,
        'Each step wrote every route’s weight and judged every service; a failure of any rolls all back.',
        [
            '| Service | Route | Status | Canary | Steps passed | Why |',
            '|---|---|---|---:|---:|---|',
            ...rows,
        ].join('\n'),
        ...services.flatMap(({ name, report: r }) => [
            header(r).replace(/^## /, `### ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(name, 63)}: `),
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
        ...(report.notices ?? []).map((n) => `- ⚠️ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(n, 300)}`),
        ...(report.events ?? [])
            .slice(-10)
            .map((e) => `- ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(e.at, 40)}: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(e.message, 300)}`),
    ];
    return lines.length === 0 ? '' : ['**Events**', '', ...lines].join('\n');
}
function target(report) {
    return `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.namespace, 80)}/${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.virtualService, 80)}`;
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
    return (0,_metrics_why_js__WEBPACK_IMPORTED_MODULE_0__/* .explainVerdict */ .bX)(record.verdict, { weight: record.weight, windowMs: record.verdict.durationMs });
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
        lines.push('', `**Why:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.reason, 500)}`);
    const last = report.history.at(-1);
    if (last !== undefined && report.status !== 'promoted') {
        const why = stepWhy(last);
        if (why !== null)
            lines.push('', `**Step ${last.step} at ${last.weight}%, in one line:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(why, _metrics_why_js__WEBPACK_IMPORTED_MODULE_0__/* .WHY_MAX_CHARS */ .CD)}`, '');
        const failed = last.verdict.reasons.filter((r) => !r.ok);
        for (const r of failed.slice(0, 5))
            lines.push(`- ❌ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(r.message)}`);
    }
    return lines.join('\n');
}
function facts(report) {
    const lines = [];
    lines.push(`* **Canary image:** ${report.canaryImage === null ? _format_js__WEBPACK_IMPORTED_MODULE_3__/* .DASH */ .jr : (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.canaryImage, 200)}`);
    lines.push(`* **Subsets:** stable ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.stableSubset, 80)}, canary ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.canarySubset, 80)}` +
        ` · **route:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.route, 80)} · **command:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.command, 40)}`);
    const schedule = report.steps.length > 20 ? `${report.steps.length} steps` : report.steps.map((w) => `${w}%`).join(' → ');
    lines.push(`* **Schedule:** ${schedule} · **canary now:** ${report.weight}%`);
    const took = (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .durationBetween */ .h9)(report.startedAt, report.endedAt);
    lines.push(`* **Time:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.startedAt, 40)} → ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.endedAt, 40)} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(took)})`);
    const url = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .safeUrl */ .Pl)(report.run.runUrl);
    if (url !== null) {
        const label = report.run.repository !== null && report.run.runId !== null
            ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.run.repository, 120)} run ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.run.runId, 40)}`
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
    const delta = (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDelta */ .CW)(s, c);
    return `${pair((0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(s), (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(c))}${delta === '' ? '' : ` (${delta})`}`;
}
const VERDICT = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive' };
function reasonCell(record) {
    const reasons = record.verdict.reasons;
    const failed = reasons.filter((r) => !r.ok);
    if (failed.length > 0)
        return failed
            .slice(0, 3)
            .map((r) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(r.message, 160))
            .join('<br>');
    if (record.verdict.outcome !== 'pass')
        return reasons.length === 0 ? 'no data' : (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(reasons[0]?.message ?? '', 160);
    return reasons.length === 0 ? _format_js__WEBPACK_IMPORTED_MODULE_3__/* .DASH */ .jr : `${reasons.length}/${reasons.length} checks passed`;
}
function stepRow(record) {
    const { stable, canary } = record.verdict;
    const cells = [
        String(record.step),
        // A strategy's judged window (A/B, mirror, preview) says which, e.g. "A/B 1/2: header:x-user=beta → canary".
        record.stage ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(record.label ?? record.stage, 120) : `${record.weight}%`,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(record.verdict.durationMs),
        pair((0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(stable?.requests), (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(canary?.requests)),
        pair((0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatRate */ .CE)(stable?.rps), (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatRate */ .CE)(canary?.rps)),
        pair((0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatFraction */ .MJ)(stable?.successRate), (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatFraction */ .MJ)(canary?.successRate)),
        latency(stable, canary, 'p50Ms'),
        latency(stable, canary, 'p90Ms'),
        latency(stable, canary, 'p99Ms'),
        VERDICT[record.verdict.outcome] ?? (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(record.verdict.outcome, 20),
        reasonCell(record),
    ];
    return `| ${cells.join(' | ')} |`;
}
function hiddenRow(hidden) {
    const counts = new Map();
    for (const r of hidden)
        counts.set(r.verdict.outcome, (counts.get(r.verdict.outcome) ?? 0) + 1);
    const summary = [...counts.entries()]
        .map(([k, n]) => `${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(n)} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(k, 20)}`)
        .join(', ');
    const first = hidden[0]?.step ?? 0;
    const last = hidden.at(-1)?.step ?? 0;
    return `| ⋯ | | | | | | | | | | **${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(hidden.length)} steps not shown** (${first}–${last}: ${summary}) |`;
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
        return why === null ? [] : [`- Step ${r.step} (${r.weight}%): ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(why, _metrics_why_js__WEBPACK_IMPORTED_MODULE_0__/* .WHY_MAX_CHARS */ .CD)}`];
    });
    if (whys.length > 0)
        lines.push('', '**Why steps did not pass**', '', ...whys);
    if (layout.checks) {
        const shown = [...head, ...tail];
        const checks = shown
            .filter((r) => r.verdict.reasons.length > 0)
            .map((r) => `- Step ${r.step} (${r.weight}%): ` +
            r.verdict.reasons.map((c) => `${c.ok ? '✅' : '❌'} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(c.message, 200)}`).join('; '));
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
    const series = (pick) => (version) => `[${history.map((r) => (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .chartNumber */ .s6)(pick(r.verdict[version]))).join(', ')}]`;
    const p99 = series((s) => s?.p99Ms ?? null);
    const err = series((s) => (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .errorRatePct */ ._X)(s));
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
    const note = hidden.length > 0 ? ` (the ${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(shown.length)} steps shown above)` : '';
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
    const row = (w) => `| ${w.stable}% | ${w.canary}% | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(w.at, 40)} |`;
    const lines = [
        '### VirtualService weights applied',
        '',
        `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.stableSubset, 80)} (stable) / ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.canarySubset, 80)} (canary), in order:`,
        '',
        '| Stable | Canary | At |',
        '| ---: | ---: | :--- |',
        ...head.map(row),
    ];
    if (hidden.length > 0)
        lines.push(`| ⋯ | ⋯ | **${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(hidden.length)} updates not shown** |`, ...tail.map(row));
    return lines.join('\n');
}
const NEXT_HELP = {
    step: 'measure this weight and advance to the next one',
    promote: 'send all traffic to the canary now and finalize',
    rollback: 'send all traffic back to stable',
};
/** Inline code that its content cannot close (a longer backtick run, padded as CommonMark wants). */
function codeSpan(text) {
    const flat = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(text, 300);
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    // CommonMark strips one space each side, which lets the content start or end with a backtick.
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** finalize: git-pr: the pull request that brings Git up to the promotion, e.g. "Git: PR #7 updates podinfo-ga to …". */
function gitSection(report) {
    if (report.pullRequestError !== undefined)
        return `**Git:** ❌ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(report.pullRequestError, 1000)}`;
    const pr = report.pullRequest;
    if (pr === undefined)
        return '';
    const url = (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .safeUrl */ .Pl)(pr.url);
    const label = `PR #${pr.number}`;
    const images = pr.images.map((i) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(i, 200)).join(', ');
    const how = pr.created ? 'opened' : pr.committed ? 'updated' : 'unchanged';
    return `**Git:** ${url === null ? label : `[${label}](${url})`} updates ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(pr.deployment, 120)} to ${images} (${how}; ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(pr.branch, 120)} → ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(pr.base, 120)})`;
}
/** The strategy (issue 15) and which requests reached the canary, e.g. "A/B: requests with header x-user=beta (30% of the load) → canary". */
function strategySection(report) {
    const s = report.strategy;
    if (s === undefined)
        return '';
    return s.lines.map((l) => `**Strategy:** ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(l, 500)}`).join('\n\n');
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
    const report = _redact_js__WEBPACK_IMPORTED_MODULE_1__/* .secrets */ .O3.redactDeep(unsafe);
    const title = `istio-canary: ${STATUS_WORD[report.status] ?? (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(report.status, 20)} ` +
        `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(report.namespace, 63)}/${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(report.virtualService, 63)} ` +
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
            (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a3)(r.verdict.durationMs),
            `${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(stable?.requests)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(canary?.requests)}`,
            `${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(stable?.errors)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(canary?.errors)}`,
            `${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(stable?.p50Ms)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(canary?.p50Ms)}`,
            `${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(stable?.p99Ms)}/${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatMs */ ._V)(canary?.p99Ms)}`,
            (0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatDelta */ .CW)(stable?.p99Ms, canary?.p99Ms) || _format_js__WEBPACK_IMPORTED_MODULE_3__/* .DASH */ .jr,
            (0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(r.verdict.outcome, 14),
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
        out.push(`  … ${(0,_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatCount */ .B4)(hidden.length)} steps not shown (in the report JSON) …`, ...rows.slice(first.length).map(line));
    if (report.history.length === 0)
        out.push('(no step measured yet)');
    if (report.reason !== null && report.reason !== '')
        out.push(`why: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(report.reason, 300)}`);
    const last = report.history.at(-1);
    const lastWhy = last === undefined ? null : stepWhy(last);
    if (last !== undefined && lastWhy !== null)
        out.push(`step ${last.step}: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(lastWhy, _metrics_why_js__WEBPACK_IMPORTED_MODULE_0__/* .WHY_MAX_CHARS */ .CD)}`);
    for (const r of last?.verdict.reasons.filter((c) => !c.ok) ?? [])
        out.push(`  - ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(r.message, 200)}`);
    for (const l of report.strategy?.lines ?? [])
        out.push(`strategy: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(l, 500)}`);
    for (const n of report.notices ?? [])
        out.push(`notice: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(n, 300)}`);
    for (const e of (report.events ?? []).slice(-10))
        out.push(`event: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(e.message, 300)}`);
    for (const c of report.nextCommands)
        out.push(`next: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(c, 300)}`);
    if (report.pullRequestError !== undefined)
        out.push(`git: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(report.pullRequestError, 1000)}`);
    const pr = report.pullRequest;
    if (pr !== undefined)
        out.push(`git: PR #${pr.number} updates ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(pr.deployment, 120)} to ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(pr.images.join(', '), 300)}: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(pr.url, 300)}`);
    if (report.run.runUrl !== null)
        out.push(`run: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeTerminal */ .en)(report.run.runUrl, 300)}`);
    return _redact_js__WEBPACK_IMPORTED_MODULE_1__/* .secrets */ .O3.redact(`${out.join('\n')}\n`);
}


/***/ })

};
