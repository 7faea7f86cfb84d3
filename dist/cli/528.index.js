export const id = 528;
export const ids = [528];
export const modules = {

/***/ 17528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   evaluateChecks: () => (/* binding */ evaluateChecks),
/* harmony export */   foldChecks: () => (/* binding */ foldChecks)
/* harmony export */ });
/* unused harmony exports RenderError, renderQuery, judgeValue, evaluateCheck */
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14350);
/* harmony import */ var _check_spec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14345);


/** A label value inside a PromQL regex: every regex metacharacter escaped (RE2 syntax). */
const regexEscape = (v) => v.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&');
/** A value inside a PromQL "…" or '…' string: backslash, the quote and every control character escaped. */
function stringEscape(v, quote) {
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    return v.replace(/[\\"'\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
        if (c === '\\')
            return '\\\\';
        if (c === '"' || c === "'")
            return c === quote ? `\\${c}` : c;
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
class RenderError extends Error {
}
/**
 * The query of one side (pure). Throws RenderError when a placeholder has no value
 * ({{ version }} for a window whose pods' version label is unknown).
 */
function renderQuery(template, values, intervalSeconds) {
    return (0,_check_spec_js__WEBPACK_IMPORTED_MODULE_1__/* .templateParts */ .Di)(template)
        .map((p) => {
        if ('text' in p)
            return p.text;
        if (p.placeholder === 'interval')
            return `${Math.max(1, Math.round(intervalSeconds ?? values.seconds))}s`;
        const value = values[p.placeholder];
        if (value === null)
            throw new RenderError(`{{ ${p.placeholder} }} has no value for this window (the pods have no version label)`);
        // check-spec.ts admits label placeholders only inside "…" or '…' strings.
        const quote = p.quote === "'" ? "'" : '"';
        return stringEscape(p.regex ? regexEscape(value) : value, quote);
    })
        .join('');
}
const show = (v) => Number.isInteger(v)
    ? String(v)
    : Math.abs(v) >= 100
        ? v.toFixed(1)
        : v.toPrecision(4).replace(/\.?0+$/, '');
function rangeText(c) {
    if (c.min !== null && c.max !== null)
        return `[${show(c.min)}, ${show(c.max)}]`;
    return c.min !== null ? `>= ${show(c.min)}` : `<= ${show(c.max)}`;
}
/** The pure judgement of one value against the check's range. */
function judgeValue(c, value) {
    if (c.min !== null && value < c.min)
        return { ok: false, limit: c.min };
    if (c.max !== null && value > c.max)
        return { ok: false, limit: c.max };
    return { ok: true, limit: c.max ?? c.min };
}
/** One side's single value, or why there is none (a sentence ending with the query). */
async function sideValue(prom, query, who, ctx) {
    const r = await prom.query(query, ctx.at, ctx.signal);
    const q = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(query);
    if (r.samples.length === 0)
        return { missing: `the query for ${who} returned no data: ${q}` };
    if (r.samples.length > 1)
        return {
            missing: `the query for ${who} returned ${r.samples.length} series; a check needs one value (aggregate it, e.g. sum(…) or max(…)): ${q}`,
        };
    const value = r.samples[0].value;
    if (!Number.isFinite(value))
        return {
            missing: `the query for ${who} returned ${String(value)}${Number.isNaN(value) ? ' (0/0: no requests?)' : ''}: ${q}`,
        };
    return { value };
}
/** One check on one window. Never throws: an error becomes an inconclusive Reason. */
async function evaluateCheck(prom, c, ctx, redactText) {
    const metric = `check:${c.name}`;
    const inconclusive = (why) => ({
        outcome: 'inconclusive',
        reason: {
            metric,
            value: null,
            limit: c.max ?? c.min,
            source: 'prometheus',
            ok: false,
            message: redactText(`check ${c.name} is inconclusive: ${why} (prometheus)`),
        },
    });
    const values = (workload, version) => ({
        namespace: ctx.namespace,
        workload,
        version: version ?? null,
        seconds: ctx.seconds,
    });
    let canaryQuery;
    let stableQuery = null;
    try {
        canaryQuery = renderQuery(c.query, values(ctx.canaryWorkload, ctx.canaryVersion), c.intervalSeconds);
        if (c.relativeToStable)
            stableQuery = renderQuery(c.query, values(ctx.stableWorkload, ctx.stableVersion), c.intervalSeconds);
    }
    catch (e) {
        if (e instanceof RenderError)
            return inconclusive(e.message);
        throw e;
    }
    try {
        const [canary, stable] = await Promise.all([
            sideValue(prom, canaryQuery, `the canary ${ctx.canaryWorkload}`, ctx),
            stableQuery === null ? null : sideValue(prom, stableQuery, `stable ${ctx.stableWorkload}`, ctx),
        ]);
        if ('missing' in canary)
            return inconclusive(canary.missing);
        let value = canary.value;
        let what = `${show(value)}`;
        if (stable !== null) {
            if ('missing' in stable)
                return inconclusive(stable.missing);
            if (stable.value === 0)
                return inconclusive(`stable's value is 0, so canary/stable has no ratio (canary ${show(canary.value)}): ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(stableQuery)}`);
            value = canary.value / stable.value;
            what = `canary/stable ${show(canary.value)}/${show(stable.value)} = ${show(value)}`;
        }
        const { ok, limit } = judgeValue(c, value);
        return {
            outcome: ok ? 'pass' : 'fail',
            reason: {
                metric,
                value,
                limit,
                source: 'prometheus',
                ok,
                message: redactText(`check ${c.name}: ${what} ${ok ? 'is within' : 'is outside'} ${rangeText(c)} (prometheus)`),
            },
        };
    }
    catch (e) {
        if (ctx.signal?.aborted)
            return inconclusive('the window was aborted before Prometheus answered');
        const message = e instanceof Error ? e.message : String(e);
        return inconclusive(`Prometheus could not run its query: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(message)}; query: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(canaryQuery)}`);
    }
}
/** Every check on one window, in the order given (their queries run concurrently). */
function evaluateChecks(prom, checks, ctx, redactText) {
    return Promise.all(checks.map((c) => evaluateCheck(prom, c, ctx, redactText)));
}
/**
 * A window's verdict with the checks' results folded in (pure): a failed check fails the
 * window; a check without a value turns a pass into inconclusive; their reasons are added.
 */
function foldChecks(v, results) {
    let outcome = v.outcome;
    if (results.some((r) => r.outcome === 'fail'))
        outcome = 'fail';
    else if (outcome === 'pass' && results.some((r) => r.outcome === 'inconclusive'))
        outcome = 'inconclusive';
    return { ...v, outcome, reasons: [...v.reasons, ...results.map((r) => r.reason)] };
}


/***/ })

};
