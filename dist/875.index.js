export const id = 875;
export const ids = [875];
export const modules = {

/***/ 54522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ normalUpperTail),
/* harmony export */   JZ: () => (/* binding */ median),
/* harmony export */   Pi: () => (/* binding */ mannWhitney),
/* harmony export */   Yw: () => (/* binding */ binomialUpperTail),
/* harmony export */   i6: () => (/* binding */ hodgesLehmann),
/* harmony export */   mB: () => (/* binding */ xlogy),
/* harmony export */   n6: () => (/* binding */ lnBetaBernoulli),
/* harmony export */   yM: () => (/* binding */ lnGamma)
/* harmony export */ });
/* unused harmony exports erfc, normalUpperQuantile, thin, lnBeta, lnFactorial */
// Small numerical helpers for the judge (pure): the normal distribution, Mann-Whitney U with
// tie correction, the Hodges-Lehmann shift estimate, a reservoir-friendly subsample, and
// log-gamma / log-beta for the beta-binomial mixtures of the error test, and the exact binomial
// tail of the end-of-window error-rate rule. Hand-written: a few
// lines each, and no statistics package on npm is both small and dependency-free.
/** erfc with relative error < 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit), so tail p-values stay accurate. */
function erfc(x) {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t *
                                        (-0.18628806 +
                                            t *
                                                (0.27886807 +
                                                    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
/** P(Z > z) for a standard normal Z. */
function normalUpperTail(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
/** The z with P(Z > z) = p (0 < p < 1), by Acklam's rational approximation refined once by Newton. */
function normalUpperQuantile(p) {
    if (p <= 0)
        return Infinity;
    if (p >= 1)
        return -Infinity;
    const q = 1 - p; // lower-tail probability
    const a = [
        -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
        2.506628277459239,
    ];
    const b = [
        -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155211597,
    ];
    const c = [
        -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
        2.938163982698783,
    ];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const [a0, a1, a2, a3, a4, a5] = a;
    const [b0, b1, b2, b3, b4] = b;
    const [c0, c1, c2, c3, c4, c5] = c;
    const [d0, d1, d2, d3] = d;
    let x;
    if (q < 0.02425) {
        const s = Math.sqrt(-2 * Math.log(q));
        x =
            (((((c0 * s + c1) * s + c2) * s + c3) * s + c4) * s + c5) /
                ((((d0 * s + d1) * s + d2) * s + d3) * s + 1);
    }
    else if (q <= 1 - 0.02425) {
        const s = q - 0.5;
        const r = s * s;
        x =
            ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * s) /
                (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
    }
    else {
        const s = Math.sqrt(-2 * Math.log(p));
        x =
            -(((((c0 * s + c1) * s + c2) * s + c3) * s + c4) * s + c5) /
                ((((d0 * s + d1) * s + d2) * s + d3) * s + 1);
    }
    // One Newton step on the upper tail keeps relative accuracy for tiny p.
    const err = normalUpperTail(x) - p;
    const pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    return pdf > 0 ? x + err / pdf : x;
}
/** Mann-Whitney U of a against b (normal approximation, tie-corrected). Needs both samples non-empty. */
function mannWhitney(a, b) {
    const n1 = a.length;
    const n2 = b.length;
    const n = n1 + n2;
    // Sort each sample natively, then walk both in order assigning midranks over tie groups.
    const x = Float64Array.from(a).sort();
    const y = Float64Array.from(b).sort();
    let rankSumA = 0;
    let tieTerm = 0;
    let i = 0;
    let j = 0;
    let rank = 0;
    while (i < n1 || j < n2) {
        const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
        let ta = 0;
        let tb = 0;
        while (i < n1 && x[i] === v) {
            i++;
            ta++;
        }
        while (j < n2 && y[j] === v) {
            j++;
            tb++;
        }
        const t = ta + tb;
        const midrank = rank + (t + 1) / 2;
        rank += t;
        if (t > 1)
            tieTerm += t * t * t - t;
        rankSumA += ta * midrank;
    }
    const u = rankSumA - (n1 * (n1 + 1)) / 2;
    const mean = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
    if (!(variance > 0))
        return { u, z: 0, pGreater: 0.5, pLess: 0.5 };
    const sd = Math.sqrt(variance);
    const d = u - mean;
    const z = d / sd;
    // Continuity correction toward the null on each side.
    return {
        u,
        z,
        pGreater: normalUpperTail((d - 0.5) / sd),
        pLess: normalUpperTail((-d - 0.5) / sd),
    };
}
/** Evenly spaced subsample (deterministic) of at most max values. */
function thin(values, max) {
    if (values.length <= max)
        return values.slice();
    const out = [];
    const step = values.length / max;
    for (let i = 0; i < max; i++)
        out.push(values[Math.floor(i * step)]);
    return out;
}
/** Hodges-Lehmann estimate of the shift a - b: the median of all pairwise differences (inputs thinned to 400 each). */
function hodgesLehmann(a, b) {
    if (a.length === 0 || b.length === 0)
        return null;
    const x = thin(a, 400);
    const y = thin(b, 400);
    const diffs = new Float64Array(x.length * y.length);
    let k = 0;
    for (const xi of x)
        for (const yj of y)
            diffs[k++] = xi - yj;
    diffs.sort();
    const m = diffs.length;
    return m % 2 === 1 ? diffs[(m - 1) / 2] : (diffs[m / 2 - 1] + diffs[m / 2]) / 2;
}
function median(values) {
    if (values.length === 0)
        return null;
    const s = Float64Array.from(values).sort();
    const m = s.length;
    return m % 2 === 1 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
}
/** x·ln(y) with 0·ln(0) = 0 (the likelihood of zero events). */
function xlogy(x, y) {
    return x === 0 ? 0 : x * Math.log(y);
}
const LANCZOS = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
/** ln Γ(x) for x > 0 (Lanczos, g = 7: relative error < 1e-13 on the range the judge uses). */
function lnGamma(x) {
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
    const z = x - 1;
    let a = LANCZOS[0];
    const t = z + 7.5;
    for (let i = 1; i < 9; i++)
        a += LANCZOS[i] / (z + i);
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
/** ln B(a, b). */
function lnBeta(a, b) {
    return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}
/** ln of the probability of one particular sequence of n trials with x events under a Beta(a, b) rate. */
function lnBetaBernoulli(x, n, a, b) {
    return lnBeta(a + x, b + n - x) - lnBeta(a, b);
}
/** ln k! for k < LN_FACTORIAL_TABLE by summing logs (exact to rounding), beyond by Stirling's series. */
const LN_FACTORIAL_TABLE = 256;
let lnFactorials = null;
/**
 * ln k! to ~1e-13 absolute (lnGamma's Lanczos fit is good to ~2e-7 only, too coarse for tails
 * near 1e-3 computed as 1 − sum): a table of summed logs for small k, Stirling's series with
 * four correction terms above (its error at k = 256 is below 1e-19).
 */
function lnFactorial(k) {
    if (k < LN_FACTORIAL_TABLE) {
        if (lnFactorials === null) {
            lnFactorials = new Float64Array(LN_FACTORIAL_TABLE);
            for (let i = 2; i < LN_FACTORIAL_TABLE; i++)
                lnFactorials[i] = lnFactorials[i - 1] + Math.log(i);
        }
        return lnFactorials[k];
    }
    const k2 = k * k;
    return (k * Math.log(k) -
        k +
        0.5 * Math.log(2 * Math.PI * k) +
        1 / (12 * k) -
        1 / (360 * k * k2) +
        1 / (1260 * k2 * k2 * k) -
        1 / (1680 * k2 * k2 * k2 * k));
}
/** ln of the binomial probability P(X = x) for X ~ Binomial(n, p), 0 < p < 1, 0 ≤ x ≤ n. */
function lnBinomialPmf(x, n, p) {
    return lnFactorial(n) - lnFactorial(x) - lnFactorial(n - x) + x * Math.log(p) + (n - x) * Math.log1p(-p);
}
/**
 * P(X ≥ x) for X ~ Binomial(n, p), exact (a direct sum, started at x's probability from
 * lnFactorial and continued by the ratio of successive terms). Sums the side of the distribution
 * away from the mode (the other side's complement when x is below the mean), so the terms
 * shrink geometrically and the loop stops once they no longer change the sum.
 */
function binomialUpperTail(x, n, p) {
    const k = Math.ceil(x);
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (!(p > 0))
        return 0;
    if (p >= 1)
        return 1;
    const odds = p / (1 - p);
    if (k > n * p) {
        // Upward from k: term(j+1) / term(j) = (n − j) / (j + 1) · p / (1 − p) < 1 past the mean.
        let sum = 1;
        let term = 1;
        for (let j = k; j < n; j++) {
            term *= ((n - j) / (j + 1)) * odds;
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        return Math.min(1, Math.exp(lnBinomialPmf(k, n, p) + Math.log(sum)));
    }
    // 1 − P(X ≤ k − 1), downward from k − 1: term(j−1) / term(j) = j / (n − j + 1) · (1 − p) / p.
    let sum = 1;
    let term = 1;
    for (let j = k - 1; j > 0; j--) {
        term *= j / (n - j + 1) / odds;
        sum += term;
        if (term < sum * 1e-17)
            break;
    }
    return Math.max(0, 1 - Math.exp(lnBinomialPmf(k - 1, n, p) + Math.log(sum)));
}


/***/ }),

/***/ 73875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ WHY_MAX_CHARS),
/* harmony export */   bX: () => (/* binding */ explainVerdict)
/* harmony export */ });
/* unused harmony exports pct, pctAtLeast, sampleSizeOf, EXPLAINERS, EXPLAINED_PREFIXES, explainerFor, kindOf, capWhy */
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(50926);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54522);
// Why a step did not pass, in one line (issue 16 item 5; users of Argo Rollouts and Flagger ask
// it in argo-rollouts #2276 and flagger #1304). Pure: a verdict and the window's facts in, one
// line out, or null for a pass. The line names the deciding rule, its value, its limit, the
// sample size it rests on and what would change the outcome (a longer window, more load, another
// limit, the cause to fix), e.g.
//   fail: error-rate 4.8% (12 errors in 250 canary requests, loadgen; beyond chance at 0.1%) >
//   max-error-rate 1%; it would pass with max-error-rate ≥ 1.64% or at most 9 errors in 250 requests
// Every metric a Reason is made with has an entry in EXPLAINERS (or a prefix in
// EXPLAINED_PREFIXES); __tests__/why-explain.test.ts finds the metric names in src/ and fails on
// one without. The figures come from the reasons themselves (value, limit, the `requests`
// reason of the same source), so a verdict read back from a state or a report can be explained
// without the settings that judged it.



/** The longest `why` (characters): it is stored per step in the state annotation and the report. */
const WHY_MAX_CHARS = 300;
/** The longest piece of a reason's own text (an error, a gate's output) quoted in a why. */
const QUOTE_MAX_CHARS = 140;
/** The shortest range Prometheus is queried over by default (src/metrics/index.ts). */
const PROMETHEUS_MIN_RANGE_MS = 30_000;
/** The longest interval the `interval` input accepts (s). */
const MAX_INTERVAL_S = 86_400;
// ---- numbers as the inputs write them ----
/** A fraction as a percentage with at most two decimals (0.048 → "4.8%"). */
function pct(x) {
    const p = x * 100;
    if (p !== 0 && Math.abs(p) < 0.01)
        return `${Number(p.toPrecision(2))}%`;
    return `${Number(p.toFixed(2))}%`;
}
/** The smallest percentage with two decimals whose fraction, as the inputs parse it, is ≥ x. */
function pctAtLeast(x) {
    let hundredths = Math.max(0, Math.ceil(x * 10_000 - 1e-6));
    while ((0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePercentage */ .A3)(`${hundredths / 100}%`) < x)
        hundredths++;
    return `${Number((hundredths / 100).toFixed(2))}%`;
}
const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const seconds = (msValue) => msValue < 1000 ? `${Math.round(msValue)} ms` : `${Math.round(msValue / 1000)} s`;
const num = (v) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));
/** v as num() shows it, unless that rounds it the wrong way for a bound: then in full. */
const numTowards = (v, direction) => {
    const shown = Number(num(v));
    return (direction === 'up' ? shown >= v : shown <= v) ? num(v) : String(v);
};
const signedPct = (x) => `${x >= 0 ? '+' : ''}${pct(x)}`;
/** Untrusted text quoted in a why: one line, without our "(source)" tail, bounded. */
function quote(text, max = QUOTE_MAX_CHARS) {
    const flat = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(text.replace(/\s*\((loadgen|prometheus|judge|test|gate)\)\s*$/, '').trim());
    return flat.length > max ? `${flat.slice(0, Math.max(1, max - 1))}…` : flat;
}
/** The room an explanation has: the why less its longest outcome prefix ("inconclusive: "). */
const EXPLAIN_MAX = WHY_MAX_CHARS - 'inconclusive: '.length;
/** pre + the quoted text + post, the quote cut so that what would change (in post) always fits. */
function withQuote(pre, text, post, max = QUOTE_MAX_CHARS) {
    const room = EXPLAIN_MAX - pre.length - post.length;
    return `${pre}${quote(text, Math.min(max, Math.max(12, room)))}${post}`;
}
function sampleText(sample, source) {
    return sample === null ? source : `${sample} canary requests, ${source}`;
}
/** The `requests` reason of a source: the judge reads the load generator's window. */
function requestsOf(verdict, source) {
    const own = source === 'judge' ? 'loadgen' : source;
    return verdict.reasons.find((r) => r.metric === 'requests' && r.source === own && r.value !== null);
}
/** The observations a reason rests on: its own count, else its source's canary requests, else the verdict's. */
function sampleSizeOf(reason, verdict) {
    if (typeof reason.sampleSize === 'number')
        return reason.sampleSize;
    if (reason.metric === 'requests' && reason.value !== null)
        return reason.value;
    return requestsOf(verdict, reason.source)?.value ?? verdict.canary?.requests ?? null;
}
// ---- one explainer per metric ----
function minRequests(r, f) {
    const n = Math.max(0, Math.round(r.value ?? 0));
    const min = r.limit ?? f.context.limits?.minRequests ?? 0;
    const measured = f.verdict.durationMs > 0 ? f.verdict.durationMs : f.context.windowMs;
    // Prometheus counts over at least its shortest range (createMetrics' minRangeSeconds, 30 s by default).
    const dur = r.source === 'prometheus' ? Math.max(measured, PROMETHEUS_MIN_RANGE_MS) : measured;
    const window = f.context.windowMs > 0 ? f.context.windowMs : dur;
    const load = r.source === 'loadgen' && f.context.rps ? f.context.rps : null;
    const at = `${f.context.weight}%${load !== null ? ` of ${num(load)} rps` : ''}`;
    const head = `${n} canary requests < min-requests ${min} in ${seconds(dur)} at ${at} (${r.source})`;
    // Canary requests per second: as observed, or as the load and the weight should give.
    const expected = load !== null ? (load * f.context.weight) / 100 : null;
    const rate = n > 0 && dur > 0 ? n / (dur / 1000) : expected;
    const options = [];
    if (rate !== null && rate > 0) {
        const s = Math.ceil(min / rate - 1e-9);
        if (s <= MAX_INTERVAL_S)
            options.push(`interval ≥ ${s}s`);
    }
    if (load !== null && n > 0 && window > 0) {
        // The canary's requests scale with the load: n × (rps' / rps) × (window / duration) ≥ min.
        const rps = Math.ceil((load * min * dur) / (n * window) - 1e-9);
        if (rps <= _input_parsers_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_LOAD_RPS */ .so)
            options.push(`load-rps ≥ ${rps}`);
    }
    else if (load === null)
        options.push('more traffic to the canary');
    if (n > 0)
        options.push(`min-requests ≤ ${n}`);
    const change = n === 0
        ? `no canary request was measured: check that the route sends the canary its ${f.context.weight}% and that the traffic reaches it${options.length > 0 ? `; then ${options.join(' or ')} would give enough` : ''}`
        : `${options.join(' or ')} would give enough`;
    return `${head}; ${change}`;
}
/**
 * The level of the end-of-window error-rate rule: the reason's own (Reason.level), else, for a
 * verdict stored before reasons carried it, as its message states it ("binomial p = … < 0.1%").
 */
const ERROR_RULE_LEVEL = /one-sided binomial p = \S+ [<≥] ([\d.e+-]+)%/;
function errorRuleLevel(r) {
    if (r.source === 'judge')
        return null;
    if (typeof r.level === 'number')
        return r.level;
    const stated = ERROR_RULE_LEVEL.exec(r.message)?.[1];
    return stated === undefined ? null : Number(stated) / 100;
}
/**
 * The most errors in n requests that pass, and the smallest limit that passes x errors: by the
 * rule that judged the reason. The end-of-window rule (src/metrics/analysis.ts errorRateReason)
 * passes x errors when x / n ≤ limit or P(X ≥ x | n, limit) ≥ its level; a reason without that
 * level in its message (the statistical judge's own, or a verdict from before the rule) was
 * judged on x / n ≤ limit.
 */
function errorAdvice(x, n, rate, limit, level) {
    if (level === null || n === null || x === null || n <= 0) {
        let allowed = n === null ? null : Math.max(0, Math.floor(limit * n));
        if (n !== null && allowed !== null && n > 0) {
            while (allowed < n && (allowed + 1) / n <= limit)
                allowed++;
            while (allowed > 0 && allowed / n > limit)
                allowed--;
        }
        return { atLeast: pctAtLeast(rate), allowed };
    }
    const passes = (k, l) => k / n <= l || (0,_stats_js__WEBPACK_IMPORTED_MODULE_2__/* .binomialUpperTail */ .Yw)(k, n, l) >= level;
    // Passing is monotone: fewer errors, or a higher limit. Bisect both.
    let lo = 0;
    let hi = n + 1;
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (passes(mid, limit))
            lo = mid;
        else
            hi = mid;
    }
    let a = 0;
    let b = Math.min(1, rate);
    for (let i = 0; i < 200 && b - a > 1e-15; i++) {
        const mid = (a + b) / 2;
        if (passes(x, mid))
            b = mid;
        else
            a = mid;
    }
    // The shown percentage, as the input parses it, must pass (bisection and rounding may leave it just short).
    let atLeast = pctAtLeast(b);
    while (!passes(x, (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePercentage */ .A3)(atLeast)))
        atLeast = pctAtLeast((0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePercentage */ .A3)(atLeast) + 1e-4);
    return { atLeast, allowed: lo };
}
function errorRate(r, f) {
    const rate = r.value ?? 0;
    const limit = r.limit ?? f.context.limits?.maxErrorRate ?? 0;
    const n = f.sample;
    const errors = n === null ? null : Math.round(rate * n);
    const judge = r.source === 'judge' ? '; statistical judge: the excess is beyond chance' : '';
    const level = errorRuleLevel(r);
    // As the rule's message shows its level (analysis.ts fmtAlpha).
    const chance = level === null ? '' : `; beyond chance at ${Number((level * 100).toPrecision(6))}%`;
    const counted = n === null ? r.source : `${errors} errors in ${n} canary requests, ${r.source}${judge}${chance}`;
    const { atLeast, allowed } = errorAdvice(errors, n, rate, limit, level);
    return (`error-rate ${pct(rate)} (${counted}) > max-error-rate ${pct(limit)}; it would pass with max-error-rate ≥ ${atLeast}` +
        (allowed === null ? '' : ` or at most ${allowed} errors in ${n} requests`));
}
function p99Ms(r, f) {
    const value = r.value ?? 0;
    const limit = r.limit ?? f.context.limits?.maxP99Ms ?? 0;
    return `p99-ms ${ms(value)} ms (${sampleText(f.sample, r.source)}) > max-p99-ms ${ms(limit)} ms; it would pass with max-p99-ms ≥ ${Math.ceil(value)} or a canary p99 ≤ ${ms(limit)} ms`;
}
function latencyRule(metric) {
    return (r, f) => {
        const value = r.value ?? 0;
        const limit = r.limit ?? f.context.limits?.maxLatencyRegression ?? 0;
        const what = metric === 'p99-regression'
            ? "canary p99 vs stable's in the same window"
            : "Hodges-Lehmann shift of the canary's latencies over stable's median, Mann-Whitney";
        return `${metric} ${signedPct(value)} (${what}; ${sampleText(f.sample, r.source)}) > max-latency-regression ${pct(limit)}; it would pass with max-latency-regression ≥ ${pctAtLeast(value)}`;
    };
}
function connectionFailures(r, f) {
    // The message (src/metrics/index.ts connectionFailureReason): "<failed> of <total> load
    // requests to <url> got no HTTP response: <causes> (by version: …); counted as the canary's, …".
    const m = /^(\d+) of (\d+) load requests to .*? (got no HTTP response|failed without a version header): (.*?)(?: \(by version: [^)]*\))?(?:; counted as the canary's|$)/.exec(r.message);
    const worst = r.value ?? 0;
    const limit = r.limit ?? f.context.limits?.maxErrorRate ?? 0;
    const post = `); as the canary's: error rate ${pct(worst)} > max-error-rate ${pct(limit)}${f.sample === null ? '' : ` (${f.sample} canary requests)`}; fix the cause or set max-error-rate ≥ ${pctAtLeast(worst)}`;
    return m
        ? withQuote(`load-connection-failures: ${m[1]} of ${m[2]} load requests ${m[3]} (`, m[4] ?? '', post)
        : withQuote('load-connection-failures (', r.message, post);
}
function aborted(r, f) {
    return `aborted: the window stopped after ${seconds(f.verdict.durationMs)} of ${seconds(f.context.windowMs)} (cancelled, or the VirtualService changed) with ${sampleText(f.sample, r.source)}; a full window would decide`;
}
function prometheus(r) {
    return withQuote('prometheus: ', r.message, '; no data for this window; judged once Prometheus answers (check prometheus-url and its credentials)');
}
function check(r, f) {
    const name = quote(r.metric.slice('check:'.length), 63);
    if (r.value === null || !Number.isFinite(r.value))
        return withQuote(`check ${name} has no value (`, r.message.replace(/^check \S+ is inconclusive: /, ''), '); it would be judged once its query returns data for the canary');
    const sample = f.sample === null ? r.source : sampleText(f.sample, r.source);
    if (r.limit === null)
        return withQuote(`check ${name} ${num(r.value)} (${sample}): `, r.message, '');
    const above = r.value > r.limit;
    const bound = above ? 'max' : 'min';
    return withQuote(`check ${name} ${num(r.value)} ${above ? '>' : '<'} its ${bound} ${num(r.limit)} (${sample}; `, r.message, `); it would pass with ${bound} ${above ? '≥' : '≤'} ${numTowards(r.value, above ? 'up' : 'down')} in the checks input`);
}
function gate(r) {
    const name = quote(r.metric.slice('gate:'.length), 63);
    // The gates' own message names the gate, its moment, its exit code or status and its output.
    const own = r.message.startsWith(`gate ${name}`);
    return withQuote(own ? '' : `gate ${name} failed${r.value === null ? '' : ` (exit code or status ${num(r.value)})`}: `, r.message, '; the step goes on once the gate succeeds (exit 0, or a 2xx answer)', EXPLAIN_MAX);
}
function script(r) {
    return withQuote('script: ', r.message, ' (a scripted verdict of a test, no traffic judged)');
}
const info = (r) => withQuote(`${r.metric}: `, r.message, '');
/** Every metric name a Reason is made with in src/, by how it takes part in a verdict. */
const EXPLAINERS = {
    requests: { kind: 'unmeasured', explain: minRequests },
    'error-rate': { kind: 'decides', explain: errorRate },
    'p99-ms': { kind: 'decides', explain: p99Ms },
    'p99-regression': { kind: 'decides', explain: latencyRule('p99-regression') },
    'latency-shift': { kind: 'decides', explain: latencyRule('latency-shift') },
    'load-connection-failures': { kind: 'unmeasured', explain: connectionFailures },
    aborted: { kind: 'unmeasured', explain: aborted },
    prometheus: { kind: 'unmeasured', explain: prometheus },
    script: { kind: 'decides', explain: script },
    sequential: { kind: 'info', explain: info },
    unattributed: { kind: 'info', explain: info },
    'prometheus-warning': { kind: 'info', explain: info },
    // lockstep (`services`): another service of the run failed, so this one stops too.
    lockstep: {
        kind: 'decides',
        explain: (r) => withQuote('lockstep: ', r.message, '; every service rolls back with it (a lockstep run moves all or none)'),
    },
    // strategy mirror: where the numbers come from (ok), or a window no source could judge.
    mirror: {
        kind: (r) => (r.ok ? 'info' : 'unmeasured'),
        explain: (r) => withQuote('mirror: ', r.message, r.ok ? '' : '; the mirrored copies are judged on Prometheus'),
    },
};
/** Metric families named `<prefix><name>`: custom checks and gates. */
const EXPLAINED_PREFIXES = {
    'check:': { kind: (r) => (r.value === null ? 'unmeasured' : 'decides'), explain: check },
    'gate:': { kind: 'decides', explain: gate },
};
/** The explainer of a metric, or null for one this module does not know. */
function explainerFor(metric) {
    if (Object.hasOwn(EXPLAINERS, metric))
        return EXPLAINERS[metric];
    for (const [prefix, e] of Object.entries(EXPLAINED_PREFIXES))
        if (metric.startsWith(prefix))
            return e;
    return null;
}
/** How a reason takes part in its verdict; an unknown metric is taken as deciding. */
function kindOf(reason) {
    const kind = explainerFor(reason.metric)?.kind ?? 'decides';
    return typeof kind === 'function' ? kind(reason) : kind;
}
/** A metric nobody taught this module: its figures and its own words. */
function unknown(r, f) {
    const value = r.value === null ? 'no value' : num(r.value);
    const limit = r.limit === null ? '' : ` vs limit ${num(r.limit)}`;
    return withQuote(`${quote(r.metric, 60)} ${value}${limit} (${sampleText(f.sample, r.source)}): `, r.message, '');
}
/** A short mention of a further failing reason. */
function mention(r) {
    const metric = quote(r.metric, 60);
    if (r.value === null)
        return metric;
    const show = (v, signed) => {
        switch (r.metric) {
            case 'error-rate':
            case 'load-connection-failures':
                return pct(v);
            case 'p99-regression':
            case 'latency-shift':
                return signed ? signedPct(v) : pct(v);
            case 'p99-ms':
                return `${ms(v)} ms`;
            default:
                return num(v);
        }
    };
    return `${metric} ${show(r.value, true)}${r.limit === null ? '' : ` (limit ${show(r.limit, false)})`}`;
}
/**
 * The failing reasons in the order that explains the outcome: for a fail, the bad canary first,
 * and the statistical judge's reasons before the limits' own when the limits could not decide
 * (too few requests for min-requests: the judge failed the window on its evidence). For an
 * inconclusive window, what kept it from being judged first. A fail does not list min-requests.
 */
function deciding(verdict) {
    const fail = verdict.outcome === 'fail';
    const failing = verdict.reasons.filter((r) => !r.ok && !(fail && r.metric === 'requests'));
    const tooFew = new Set(verdict.reasons.filter((r) => r.metric === 'requests' && !r.ok).map((r) => r.source));
    const rank = (r) => {
        const kind = kindOf(r);
        if (kind !== (fail ? 'decides' : 'unmeasured'))
            return kind === 'info' ? 3 : 2;
        // A window cut short or without its traffic: the cause before its symptom (too few requests).
        if (!fail)
            return r.metric === 'aborted' ? -1 : r.metric === 'requests' ? 1 : 0;
        // A rule of a source with too few requests did not decide (the judge's own rules did).
        return fail && tooFew.has(r.source) ? 1 : 0;
    };
    return failing
        .map((r, i) => ({ r, i }))
        .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
        .map((x) => x.r);
}
/** Cuts a why to WHY_MAX_CHARS (older or hand-made verdicts may carry a longer one). */
function capWhy(text) {
    const flat = (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(text);
    return flat.length > WHY_MAX_CHARS ? `${flat.slice(0, WHY_MAX_CHARS - 1)}…` : flat;
}
/**
 * A fail or inconclusive verdict in one line (at most WHY_MAX_CHARS, no line break); null for a
 * pass. The first deciding reason is explained in full, further failing rules are named after
 * "also:". Gates call it for their own verdicts (reasons `gate:<name>`).
 */
function explainVerdict(verdict, context) {
    if (verdict.outcome === 'pass')
        return null;
    const reasons = deciding(verdict);
    const first = reasons[0];
    let text;
    if (first === undefined) {
        const n = verdict.canary?.requests ?? 0;
        text =
            verdict.durationMs < context.windowMs
                ? `the window stopped after ${seconds(verdict.durationMs)} of ${seconds(context.windowMs)} (cancelled, or the VirtualService changed) with ${n} canary requests and no failing rule; a full window would decide`
                : `no rule failed, yet no source passed the window (${n} canary requests in ${seconds(verdict.durationMs)}); a window with traffic every source measures would decide`;
    }
    else {
        const facts = { verdict, context, sample: sampleSizeOf(first, verdict) };
        text = (explainerFor(first.metric)?.explain ?? unknown)(first, facts);
        const seen = new Set([first.metric]);
        const more = reasons.filter((r) => !seen.has(r.metric) && (seen.add(r.metric), true)).map(mention);
        // Further rules only as far as they fit whole: the first one's explanation is never cut for them.
        for (let shown = more.length; shown > 0; shown--) {
            const rest = more.length - shown;
            const also = `; also: ${more.slice(0, shown).join(', ')}${rest > 0 ? ` (+${rest} more)` : ''}`;
            if (text.length + also.length <= EXPLAIN_MAX) {
                text += also;
                break;
            }
        }
    }
    return capWhy(`${verdict.outcome}: ${text}`);
}


/***/ })

};
