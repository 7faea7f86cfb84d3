export const id = 168;
export const ids = [168];
export const modules = {

/***/ 67707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DB: () => (/* binding */ sequentialLook),
/* harmony export */   OY: () => (/* binding */ P99_REGRESSION_MIN_SAMPLES),
/* harmony export */   RT: () => (/* binding */ spent),
/* harmony export */   ZK: () => (/* binding */ initialSequentialState),
/* harmony export */   c4: () => (/* binding */ judgeStep),
/* harmony export */   ge: () => (/* binding */ MIN_LATENCY_SAMPLES),
/* harmony export */   jd: () => (/* binding */ SHARE_LATENCY),
/* harmony export */   qk: () => (/* binding */ DEFAULT_SEQUENTIAL)
/* harmony export */ });
/* unused harmony exports requestsToDecide, errorRuleAlpha, errorRateReason, SHARE_ERR_STABLE, SHARE_ERR_LIMIT, SHARE_ERR_LIMIT_FINAL, stableRecord, errorsVsStableLlr, errorsVsLimitLlr, errorsBelowLimitLlr */
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54522);

/** Below this many canary responses a p99 is a handful of points: too noisy to compare against stable. */
const P99_REGRESSION_MIN_SAMPLES = 1000;
const fmtMs = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtPct = (v) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;
function reason(metric, value, limit, source, ok, message) {
    return { metric, value, limit, source, ok, message: `${message} (${source})` };
}
/** A probability as the messages show it: two significant digits ("0.26", "0.00051"). */
const fmtP = (p) => (p === 0 ? '0' : String(Number(p.toPrecision(2))));
/** The rule's alpha share as a percentage, precise enough to be read back (src/metrics/why.ts). */
const fmtAlpha = (a) => `${Number((a * 100).toPrecision(6))}%`;
/**
 * The smallest request count at which `rate` (above `limit`) would be beyond chance at level `a`,
 * if the canary kept it; null beyond ten million requests.
 */
function requestsToDecide(rate, limit, a) {
    const fails = (n) => (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialUpperTail */ .Yw)(Math.ceil(rate * n - 1e-9), n, limit) < a;
    let hi = 1;
    while (!fails(hi)) {
        hi *= 2;
        if (hi > 1e7)
            return null;
    }
    let lo = Math.floor(hi / 2);
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (fails(mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
/** The alpha share of the end-of-window error-rate rule for a false-rollback-rate `alpha`. */
const errorRuleAlpha = (alpha) => alpha * SHARE_ERR_LIMIT_FINAL;
/**
 * The end-of-window max-error-rate rule (see the top of this file): fails when the canary's
 * errors are beyond chance for a canary at the limit, P(X ≥ errors | requests, limit) <
 * alpha · SHARE_ERR_LIMIT_FINAL. The message carries the p-value and that level; src/metrics/why.ts
 * reads the level back from "binomial p = … < …%".
 */
function errorRateReason(errors, requests, limit, source, alpha) {
    const rate = errors / requests;
    const a = errorRuleAlpha(alpha);
    const counts = `canary error rate ${fmtPct(rate)} (${errors}/${requests})`;
    if (rate <= limit)
        return reason('error-rate', rate, limit, source, true, `${counts} ≤ limit ${fmtPct(limit)}`);
    const p = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialUpperTail */ .Yw)(errors, requests, limit);
    if (p < a) {
        const why = limit > 0
            ? `beyond chance for a canary at the limit (one-sided binomial p = ${fmtP(p)} < ${fmtAlpha(a)})`
            : `max-error-rate 0: any error fails (one-sided binomial p = 0 < ${fmtAlpha(a)})`;
        return {
            ...reason('error-rate', rate, limit, source, false, `${counts} > limit ${fmtPct(limit)}, ${why}`),
            level: a,
        };
    }
    const more = requestsToDecide(rate, limit, a);
    const tell = more === null
        ? 'no window of ten million requests at this rate would tell'
        : `~${more - requests} more canary requests at this rate would tell`;
    return {
        ...reason('error-rate', rate, limit, source, true, `${counts} is above the limit ${fmtPct(limit)} but within chance for a canary at the limit (one-sided binomial p = ${fmtP(p)} ≥ ${fmtAlpha(a)}): not a failure; ${tell}`),
        level: a,
    };
}
/**
 * The verdict of the user's limits on one window's per-version summaries. `alpha` is the
 * false-rollback-rate (SequentialOptions.alpha): the error-rate rule's level is its share.
 */
function judgeStep(stable, canary, limits, source, durationMs = 0, alpha = DEFAULT_SEQUENTIAL.alpha) {
    const reasons = [];
    const requests = canary?.requests ?? 0;
    const enough = requests >= limits.minRequests && requests > 0;
    reasons.push(reason('requests', requests, limits.minRequests, source, enough, enough
        ? `canary served ${requests} requests ≥ min ${limits.minRequests}`
        : `canary served ${requests} requests < min ${limits.minRequests}: not enough data for a verdict`));
    if (canary !== null && requests > 0) {
        reasons.push(errorRateReason(canary.errors, canary.requests, limits.maxErrorRate, source, alpha));
        if (limits.maxP99Ms !== null && canary.p99Ms !== null) {
            const okP99 = canary.p99Ms <= limits.maxP99Ms;
            reasons.push(reason('p99-ms', canary.p99Ms, limits.maxP99Ms, source, okP99, `canary p99 ${fmtMs(canary.p99Ms)} ms ${okP99 ? '≤' : '>'} limit ${fmtMs(limits.maxP99Ms)} ms`));
        }
        const base = stable?.p99Ms ?? null;
        if (canary.p99Ms !== null && base !== null && base > 0 && (stable?.requests ?? 0) > 0) {
            const regression = canary.p99Ms / base - 1;
            const p99Reason = (ok, message) => {
                reasons.push(reason('p99-regression', regression, limits.maxLatencyRegression, source, ok, message));
            };
            if (canary.requests < P99_REGRESSION_MIN_SAMPLES) {
                p99Reason(true, `canary p99 ${fmtMs(canary.p99Ms)} ms vs stable ${fmtMs(base)} ms not judged: ${canary.requests} canary responses < ${P99_REGRESSION_MIN_SAMPLES} needed for a stable p99 (the statistical judge compares the distributions instead)`);
            }
            else {
                const okReg = regression <= limits.maxLatencyRegression;
                p99Reason(okReg, `canary p99 ${fmtMs(canary.p99Ms)} ms is ${regression >= 0 ? '+' : ''}${fmtPct(regression)} vs stable ${fmtMs(base)} ms ${okReg ? '≤' : '>'} allowed regression ${fmtPct(limits.maxLatencyRegression)}`);
            }
        }
    }
    const failed = reasons.some((r) => !r.ok && r.metric !== 'requests');
    const outcome = !enough ? 'inconclusive' : failed ? 'fail' : 'pass';
    return { outcome, reasons, stable, canary, durationMs };
}
const DEFAULT_SEQUENTIAL = { alpha: 0.01, beta: 0.05 };
// The alpha budget (see the top of this file); the shares sum to 1.
const SHARE_ERR_STABLE = 0.5;
const SHARE_ERR_LIMIT = 0.1;
/** The end-of-window exact binomial test of max-error-rate (judgeStep). */
const SHARE_ERR_LIMIT_FINAL = 0.1;
const SHARE_LATENCY = 0.3;
/** Canary error rates the alternative of the canary-vs-stable test mixes over (equal weights). */
const CANARY_RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.4];
/** Beta prior of stable's error rate under that alternative: mass near 0 (a clean stable costs little). */
const STABLE_PRIOR = { a: 0.05, b: 1 };
/** Multiples of max-error-rate the absolute error test mixes over. */
const LIMIT_MULTIPLES = [2, 4, 8];
/** Minimum latency samples per version before the rank test speaks. */
const MIN_LATENCY_SAMPLES = 20;
const initialSequentialState = () => ({ fraction: 0 });
/** Pocock-type spending function: share of the budget spent by information fraction t. */
function spent(t) {
    const c = Math.min(1, Math.max(0, t));
    return Math.log(1 + (Math.E - 1) * c);
}
/** log of the mean of exp(l) over ls, computed stably. */
function logMeanExp(ls) {
    const m = Math.max(...ls);
    if (!Number.isFinite(m))
        return m;
    return m + Math.log(ls.reduce((s, l) => s + Math.exp(l - m), 0) / ls.length);
}
/** Stable's counts over the run: this window's plus its history. */
function stableRecord(stable) {
    return {
        requests: stable.requests + (stable.history?.requests ?? 0),
        errors: stable.errors + (stable.history?.errors ?? 0),
    };
}
/**
 * log of the universal-inference e-value that the canary's error rate exceeds stable's (see the
 * top of this file): ln m(data) − ln sup_{q_c ≤ q_s} L(data). `stable` counts stable's whole
 * record (this window and its history). Never positive when the canary's observed rate is at most
 * stable's (the mixture cannot beat the maximum likelihood).
 */
function errorsVsStableLlr(canary, stable) {
    const { requests: ns, errors: ys } = stableRecord(stable);
    const nc = canary.requests;
    const x = Math.min(canary.errors, nc);
    const y = Math.min(ys, ns);
    if (nc === 0 || ns === 0)
        return 0;
    const ll = (k, n, q) => (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .xlogy */ .mB)(k, q) + (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .xlogy */ .mB)(n - k, 1 - q);
    const alt = logMeanExp(CANARY_RATES.map((q) => ll(x, nc, q))) +
        (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .lnBetaBernoulli */ .n6)(y, ns, STABLE_PRIOR.a, STABLE_PRIOR.b);
    const null0 = x / nc > y / ns ? ll(x + y, nc + ns, (x + y) / (nc + ns)) : ll(x, nc, x / nc) + ll(y, ns, y / ns);
    return alt - null0;
}
/** log likelihood ratio (mixture) that the canary's error rate exceeds the limit. */
function errorsVsLimitLlr(canary, limit) {
    if (!(limit > 0) || limit >= 0.5 || canary.requests === 0)
        return 0;
    const x = canary.errors;
    const ok = canary.requests - x;
    return logMeanExp(LIMIT_MULTIPLES.map((k) => {
        const p1 = Math.min(0.99, k * limit);
        return x * Math.log(p1 / limit) + ok * Math.log((1 - p1) / (1 - limit));
    }));
}
/** log likelihood ratio that the canary's error rate is a quarter of the limit rather than at it (evidence for a pass). */
function errorsBelowLimitLlr(canary, limit) {
    if (!(limit > 0) || limit >= 1 || canary.requests === 0)
        return 0;
    const good = limit / 4;
    const x = canary.errors;
    const ok = canary.requests - x;
    return x * Math.log(good / limit) + ok * Math.log((1 - good) / (1 - limit));
}
/**
 * One look of the sequential judge at a window in progress. fraction = elapsed / window length
 * (1 at the end). Pure: pass the returned state to the next look of the same window.
 */
function sequentialLook(state, stable, canary, limits, fraction, options = DEFAULT_SEQUENTIAL) {
    const t = Math.min(1, Math.max(state.fraction, fraction));
    const increment = spent(t) - spent(state.fraction);
    const next = { fraction: t };
    const reasons = [];
    const canaryRate = canary.requests > 0 ? canary.errors / canary.requests : 0;
    // Errors, canary vs stable's record: anytime-valid, so the full share is the threshold at every
    // look; also above stable's rate in this same window (robust to a burst hitting both).
    const aStable = options.alpha * SHARE_ERR_STABLE;
    const llrStable = errorsVsStableLlr(canary, stable);
    const record = stableRecord(stable);
    const stableWindowRate = stable.requests > 0 ? stable.errors / stable.requests : 0;
    const errorRateFails = (message) => {
        reasons.push(reason('error-rate', canaryRate, limits.maxErrorRate, 'judge', false, message));
    };
    if (llrStable >= Math.log(1 / aStable) &&
        canaryRate > limits.maxErrorRate &&
        canaryRate > stableWindowRate) {
        errorRateFails(`canary errors ${canary.errors}/${canary.requests} (${fmtPct(canaryRate)}) vs stable ${stable.errors}/${stable.requests} in this window${record.requests > stable.requests ? ` (${record.errors}/${record.requests} since the load started)` : ''}: canary is worse with e-value ${Math.exp(llrStable).toExponential(1)} ≥ ${(1 / aStable).toFixed(0)} (false alarm ≤ ${fmtPct(aStable)}), and above the limit ${fmtPct(limits.maxErrorRate)}`);
    }
    const aLimit = options.alpha * SHARE_ERR_LIMIT;
    const llrLimit = errorsVsLimitLlr(canary, limits.maxErrorRate);
    if (llrLimit >= Math.log(1 / aLimit)) {
        errorRateFails(`canary error rate ${fmtPct(canaryRate)} (${canary.errors}/${canary.requests}) is above the limit ${fmtPct(limits.maxErrorRate)} with likelihood ratio ${Math.exp(llrLimit).toExponential(1)} ≥ ${(1 / aLimit).toFixed(0)}`);
    }
    // Latency: one-sided Mann-Whitney at this look's share of the spending budget.
    let latencyPass = false;
    const enoughSamples = canary.samplesMs.length >= MIN_LATENCY_SAMPLES && stable.samplesMs.length >= MIN_LATENCY_SAMPLES;
    if (enoughSamples && increment > 0) {
        const aLook = options.alpha * SHARE_LATENCY * increment;
        const mw = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .mannWhitney */ .Pi)(canary.samplesMs, stable.samplesMs);
        // The shift estimate costs O(n·m): only when the rank test already says "slower".
        const shift = mw.pGreater < aLook ? ((0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .hodgesLehmann */ .i6)(canary.samplesMs, stable.samplesMs) ?? 0) : 0;
        const base = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .median */ .JZ)(stable.samplesMs) ?? 0;
        const relative = base > 0 ? shift / base : 0;
        if (mw.pGreater < aLook && relative > limits.maxLatencyRegression) {
            reasons.push(reason('latency-shift', relative, limits.maxLatencyRegression, 'judge', false, `canary latency is shifted +${fmtMs(shift)} ms (Hodges-Lehmann; +${fmtPct(relative)} of stable median ${fmtMs(base)} ms) > allowed ${fmtPct(limits.maxLatencyRegression)}; Mann-Whitney z=${mw.z.toFixed(2)}, p=${mw.pGreater.toExponential(1)} < ${aLook.toExponential(1)} at ${fmtPct(t)} of the window`));
        }
        // Non-inferiority: the canary scaled down by the allowed regression is still faster than stable.
        const bLook = options.beta * increment;
        const scaled = canary.samplesMs.map((v) => v / (1 + limits.maxLatencyRegression));
        const ni = (0,_stats_js__WEBPACK_IMPORTED_MODULE_0__/* .mannWhitney */ .Pi)(scaled, stable.samplesMs);
        latencyPass = ni.pLess < bLook;
    }
    const failed = reasons.length > 0;
    if (failed)
        return { state: next, decision: 'fail', reasons };
    // Early pass: enough requests, errors clearly below the limit and latency clearly within the regression.
    const errorsPass = limits.maxErrorRate > 0 &&
        canaryRate <= limits.maxErrorRate &&
        errorsBelowLimitLlr(canary, limits.maxErrorRate) >= Math.log(1 / options.beta);
    if (canary.requests >= limits.minRequests && errorsPass && latencyPass) {
        reasons.push(reason('sequential', t, null, 'judge', true, `evidence is conclusive at ${fmtPct(t)} of the window: canary errors ${canary.errors}/${canary.requests} are clearly below ${fmtPct(limits.maxErrorRate)} and its latency is within +${fmtPct(limits.maxLatencyRegression)} of stable (Mann-Whitney, non-inferiority)`));
        return { state: next, decision: 'pass', reasons };
    }
    return { state: next, decision: 'continue', reasons };
}


/***/ }),

/***/ 45168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BASELINE_MS: () => (/* binding */ BASELINE_MS),
/* harmony export */   settingsPowerPlan: () => (/* binding */ settingsPowerPlan)
/* harmony export */ });
/* unused harmony exports RESERVOIR, DEFAULT_POWER, DEFAULT_SPREAD, LIMIT_MULTIPLE, errorThreshold, hodgesLehmannRatio, latencyFailProbability, windowPower, windowToDetect, requestsToDetect, powerPlan */
/* harmony import */ var _analysis_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(67707);
/* harmony import */ var _stats_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54522);


/**
 * Stable-only load before the first weight moves (metrics.baseline): with 30 s at the load's rate
 * the error test's record of stable is ~10 times the first window's stable traffic at 10%, which
 * makes the second canary error conclusive (src/metrics/analysis.ts).
 */
const BASELINE_MS = 30_000;
/** Latency samples the load generator keeps per version per window (LoadOptions.reservoirSize's default). */
const RESERVOIR = 2000;
/** Default probability of detection the plan sizes for. */
const DEFAULT_POWER = 0.8;
/** Default p99/p50 of the log-normal latency assumed for the latency power. */
const DEFAULT_SPREAD = 5;
/** The user's limits count as detectable when a canary at this multiple of them is. */
const LIMIT_MULTIPLE = 2;
const Z99 = 2.3263478740408408;
/** The looks of a window: every lookMs, thinned to at most maxLooks (the last one at the window's end). */
function looksOf(rps, weight, windowMs, lookMs, maxLooks = 400) {
    const every = Math.max(lookMs, windowMs / maxLooks);
    const looks = [];
    for (let t = every;; t += every) {
        const tMs = Math.min(windowMs, t);
        const total = (rps * tMs) / 1000;
        looks.push({
            tMs,
            nc: Math.round((total * weight) / 100),
            ns: Math.round((total * (100 - weight)) / 100),
        });
        if (tMs >= windowMs)
            return looks;
    }
}
/** The fewest canary errors out of nc at which the judge fails (stable error-free), Infinity if none. */
function errorThreshold(nc, ns, stableBefore, s) {
    const fails = (x) => (0,_analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .sequentialLook */ .DB)((0,_analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .initialSequentialState */ .ZK)(), { requests: ns, errors: 0, samplesMs: [], history: { requests: stableBefore, errors: 0 } }, { requests: nc, errors: x, samplesMs: [] }, s.limits, 1, { alpha: s.alpha, beta: 0.05 }).decision === 'fail';
    // Failing is monotone in x (both error statistics grow with the canary's errors): bisect.
    if (nc < 1 || !fails(nc))
        return Infinity;
    let lo = 0;
    let hi = nc;
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (fails(mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
function binomialPmf(n, q, upTo) {
    const out = new Float64Array(upTo + 1);
    if (n === 0) {
        out[0] = 1;
        return out;
    }
    const lq = Math.log(q);
    const l1q = Math.log1p(-q);
    const lnFactN = (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .lnGamma */ .yM)(n + 1);
    let sum = 0;
    // Beyond 12 standard deviations of the mean the terms are below 1e-30: skip them.
    const sd = Math.sqrt(n * q * (1 - q));
    const from = Math.max(0, Math.floor(n * q - 12 * sd - 1));
    const to = Math.min(upTo - 1, n, Math.ceil(n * q + 12 * sd + 1));
    for (let j = from; j <= to; j++) {
        out[j] = Math.exp(lnFactN - (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .lnGamma */ .yM)(j + 1) - (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .lnGamma */ .yM)(n - j + 1) + j * lq + (n - j) * l1q);
        sum += out[j];
    }
    out[upTo] = Math.max(0, 1 - sum); // "upTo or more"
    return out;
}
/** P(the judge fails a canary with error rate q on errors within these looks), exactly (stable error-free). */
function errorFailProbability(q, looks, thresholds) {
    const finite = thresholds.filter(Number.isFinite);
    if (finite.length === 0 || !(q > 0))
        return 0;
    const cap = Math.max(...finite);
    let dist = new Float64Array(cap + 1);
    dist[0] = 1;
    let failed = 0;
    let prev = 0;
    looks.forEach((look, k) => {
        const dn = look.nc - prev;
        prev = look.nc;
        if (dn > 0) {
            const pmf = binomialPmf(dn, q, cap);
            const next = new Float64Array(cap + 1);
            for (let x = 0; x <= cap; x++) {
                const px = dist[x];
                if (px === 0)
                    continue;
                for (let j = 0; x + j <= cap; j++)
                    next[Math.min(cap, x + j)] += px * pmf[j];
                // The pmf's mass beyond cap - x lands in the "cap or more" bin.
                let beyond = 0;
                for (let j = cap - x + 1; j <= cap; j++)
                    beyond += pmf[j];
                next[cap] += px * beyond;
            }
            dist = next;
        }
        const c = thresholds[k];
        if (Number.isFinite(c))
            for (let x = c; x <= cap; x++) {
                failed += dist[x];
                dist[x] = 0;
            }
    });
    return failed;
}
/** Smallest q in (lo, hi] with f(q) ≥ target for an increasing f (geometric bisection); null if f(hi) < target. */
function smallestReaching(f, target, lo, hi) {
    if (f(hi) < target)
        return null;
    let a = lo;
    let b = hi;
    for (let i = 0; i < 40 && b / a > 1.005; i++) {
        const m = Math.sqrt(a * b);
        if (f(m) >= target)
            b = m;
        else
            a = m;
    }
    return b;
}
const Phi = (x) => 1 - (0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(x);
/** Hodges-Lehmann shift / stable median for log-normal latencies (sigma) when the canary's are `factor` times: the population value. */
function hodgesLehmannRatio(factor, sigma) {
    // P(factor·A − B ≤ h) with A, B log-normal of median 1: integrate over B on a normal grid.
    const cdf = (h) => {
        let s = 0;
        let wsum = 0;
        for (let w = -6; w <= 6; w += 0.05) {
            const weight = Math.exp(-0.5 * w * w);
            const b = Math.exp(sigma * w);
            wsum += weight;
            if (h + b > 0)
                s += weight * Phi(Math.log((h + b) / factor) / sigma);
        }
        return s / wsum;
    };
    let lo = -10;
    let hi = 10 * factor;
    for (let i = 0; i < 60; i++) {
        const m = (lo + hi) / 2;
        if (cdf(m) >= 0.5)
            hi = m;
        else
            lo = m;
    }
    return (lo + hi) / 2;
}
/** Standard normal draws from a seeded xorshift (Box-Muller). */
function normals(seed, n) {
    let s = seed >>> 0 || 0x9e3779b9;
    const u = () => {
        s ^= s << 13;
        s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5;
        s >>>= 0;
        return (s + 0.5) / 4294967296;
    };
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++)
        out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    return out;
}
/** P(the judge fails a canary `1 + shift` times slower on latency within these looks), simulated (see the top). */
function latencyFailProbability(shift, looks, windowMs, s) {
    const sigma = Math.log(s.spread ?? DEFAULT_SPREAD) / Z99;
    const delta = Math.log1p(shift) / sigma; // the shift in standard deviations of log latency
    if (hodgesLehmannRatio(1 + shift, sigma) <= s.limits.maxLatencyRegression)
        return 0;
    const last = looks[looks.length - 1];
    const rc = Math.min(RESERVOIR, last.nc);
    const rs = Math.min(RESERVOIR, last.ns);
    const sims = s.sims ?? 200;
    const z = normals(s.seed ?? 1, sims * (rc + rs));
    const theta = Phi(delta / Math.SQRT2);
    const budget = s.alpha * _analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .SHARE_LATENCY */ .jd;
    let failed = 0;
    const sa = new Float64Array(rc + 1);
    const sb = new Float64Array(rs + 1);
    for (let k = 0; k < sims; k++) {
        const off = k * (rc + rs);
        for (let i = 0; i < rc; i++)
            sa[i + 1] = sa[i] + Phi(z[off + i] + delta);
        for (let j = 0; j < rs; j++)
            sb[j + 1] = sb[j] + 1 - Phi(z[off + rc + j] - delta);
        let prevT = 0;
        for (const look of looks) {
            const t = look.tMs / windowMs;
            const increment = (0,_analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .spent */ .RT)(t) - (0,_analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .spent */ .RT)(prevT);
            prevT = t;
            const a = Math.min(RESERVOIR, look.nc);
            const b = Math.min(RESERVOIR, look.ns);
            if (a < _analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .MIN_LATENCY_SAMPLES */ .ge || b < _analysis_js__WEBPACK_IMPORTED_MODULE_0__/* .MIN_LATENCY_SAMPLES */ .ge)
                continue;
            const thetaHat = sa[a] / a + sb[b] / b - theta;
            const sd = Math.sqrt((a * b * (a + b + 1)) / 12);
            if ((0,_stats_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(((thetaHat - 0.5) * a * b - 0.5) / sd) < budget * increment) {
                failed++;
                break;
            }
        }
    }
    return failed / sims;
}
/** Requests of each version in a window of this length. */
function counts(rps, weight, windowMs) {
    const total = (rps * windowMs) / 1000;
    return { nc: Math.round((total * weight) / 100), ns: Math.round((total * (100 - weight)) / 100) };
}
/** What one window can detect. */
function windowPower(weight, windowMs, s) {
    const power = s.power ?? DEFAULT_POWER;
    const looks = looksOf(s.rps, weight, windowMs, s.lookMs ?? 250);
    const stableBefore = Math.round((s.rps * (s.baselineMs ?? 0)) / 1000);
    const thresholds = looks.map((l) => errorThreshold(l.nc, l.ns, stableBefore, s));
    const errP = (q) => errorFailProbability(q, looks, thresholds);
    const latP = (shift) => latencyFailProbability(shift, looks, windowMs, s);
    const { nc, ns } = counts(s.rps, weight, windowMs);
    const errorTarget = LIMIT_MULTIPLE * s.limits.maxErrorRate;
    const latencyTarget = LIMIT_MULTIPLE * s.limits.maxLatencyRegression;
    return {
        weight,
        windowMs,
        canaryRequests: nc,
        stableRequests: ns,
        detectableErrorRate: smallestReaching(errP, power, 1e-4, 0.5),
        detectableLatencyShift: smallestReaching(latP, power, 0.005, 10),
        errorLimitDetectable: errorTarget > 0 && errorTarget < 0.5 && errP(errorTarget) >= power,
        latencyLimitDetectable: latencyTarget > 0 && latP(latencyTarget) >= power,
    };
}
/**
 * The shortest window (ms, 1 s resolution, at most maxMs) at this weight in which a canary with
 * this error rate and/or latency shift is failed with the plan's power; null when even maxMs is
 * too short. For "what would change the outcome".
 */
function windowToDetect(weight, target, s, maxMs = 86_400_000) {
    const power = s.power ?? DEFAULT_POWER;
    const stableBefore = Math.round((s.rps * (s.baselineMs ?? 0)) / 1000);
    const ok = (ms) => {
        const looks = looksOf(s.rps, weight, ms, s.lookMs ?? 250);
        if (target.errorRate !== undefined) {
            const thresholds = looks.map((l) => errorThreshold(l.nc, l.ns, stableBefore, s));
            if (errorFailProbability(target.errorRate, looks, thresholds) < power)
                return false;
        }
        if (target.latencyShift !== undefined &&
            latencyFailProbability(target.latencyShift, looks, ms, s) < power)
            return false;
        return true;
    };
    // Doubling from 1 s first: the answer is usually seconds or minutes, not a day.
    let lo = 0;
    let hi = 0;
    for (let ms = 1000; hi === 0; ms = Math.min(maxMs, ms * 2)) {
        if (ok(ms))
            hi = ms;
        else if (ms >= maxMs)
            return null;
        else
            lo = ms;
    }
    while (hi - lo > 1000) {
        const mid = Math.round((lo + hi) / 2 / 1000) * 1000;
        if (mid <= lo || mid >= hi)
            break;
        if (ok(mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
/** Canary requests a window needs for this error rate / latency shift to be failed with the plan's power (at this weight). */
function requestsToDetect(weight, target, s) {
    const ms = windowToDetect(weight, target, s);
    return ms === null ? null : counts(s.rps, weight, ms).nc;
}
/** A fraction as a percent: 80%, 1.0%, 0.5%, and two significant digits below 0.1% (0.0001 → 0.01%). */
const pct = (v) => v >= 0.1
    ? `${(v * 100).toFixed(0)}%`
    : v >= 0.001
        ? `${(v * 100).toFixed(1)}%`
        : `${Number((v * 100).toPrecision(2))}%`;
const secs = (ms) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
/** The plan of a promotion: one window per step below 100%, sized when intervalAuto. */
function powerPlan(input) {
    const power = input.power ?? DEFAULT_POWER;
    const errorTarget = LIMIT_MULTIPLE * input.limits.maxErrorRate;
    const latencyTarget = LIMIT_MULTIPLE * input.limits.maxLatencyRegression;
    const windows = [];
    const warnings = [];
    const lines = [
        `power plan: ${input.rps} rps, false-rollback-rate ${pct(input.alpha)}, detection with ${pct(power)} probability${input.baselineMs ? `, ${secs(input.baselineMs)} of stable-only load first` : ''} (errors: stable error-free; latency: log-normal with p99 = ${input.spread ?? DEFAULT_SPREAD} × p50, every canary request slower by the shift)`,
    ];
    input.steps.forEach((weight, i) => {
        const step = i + 1;
        if (weight >= 100 || weight <= 0)
            return;
        let windowMs = input.intervalMs;
        if (input.intervalAuto) {
            const target = {
                ...(errorTarget > 0 && errorTarget < 0.5 ? { errorRate: errorTarget } : {}),
                ...(latencyTarget > 0 ? { latencyShift: latencyTarget } : {}),
            };
            windowMs = windowToDetect(weight, target, input, input.maxIntervalMs) ?? input.maxIntervalMs;
        }
        const w = { step, ...windowPower(weight, windowMs, input) };
        windows.push(w);
        lines.push(`  step ${step} at ${weight}%: ${secs(windowMs)} window${input.intervalAuto ? ' (auto)' : ''}, ~${w.canaryRequests} canary requests; detects an error rate ≥ ${w.detectableErrorRate === null ? '— (none ≤ 50%)' : pct(w.detectableErrorRate)} and a latency increase ≥ ${w.detectableLatencyShift === null ? '— (none ≤ +1000%)' : `+${pct(w.detectableLatencyShift)}`}`);
        const advise = (what, target) => {
            const need = windowToDetect(weight, target, input);
            const rpsNeeded = need === null ? null : Math.ceil((input.rps * need) / windowMs);
            warnings.push(`step ${step} (${weight}%, ${secs(windowMs)}, ~${w.canaryRequests} canary requests): ${what} is detected in fewer than ${pct(power)} of windows at false-rollback-rate ${pct(input.alpha)}; ${need === null ? 'no window of a day is enough at this load' : `a ${secs(need)} window (interval${input.intervalAuto ? `/max-interval` : ''}) or ~${rpsNeeded} load-rps would be`}`);
        };
        if (errorTarget > 0 && errorTarget < 0.5 && !w.errorLimitDetectable)
            advise(`a canary at ${LIMIT_MULTIPLE} × max-error-rate (${pct(errorTarget)} errors)`, {
                errorRate: errorTarget,
            });
        if (latencyTarget > 0 && !w.latencyLimitDetectable)
            advise(`a canary at ${LIMIT_MULTIPLE} × max-latency-regression (+${pct(latencyTarget)} latency)`, {
                latencyShift: latencyTarget,
            });
    });
    return { windows, lines, warnings };
}
/**
 * The plan of a run from its Settings, with the stable-only baseline the run gives the load
 * before the first step (0 if none); null with metrics: prometheus (no built-in load to size
 * windows by: the service's own traffic rate is not known before the first window).
 */
function settingsPowerPlan(settings, baselineMs = BASELINE_MS) {
    if (settings.metrics === 'prometheus')
        return null;
    return powerPlan({
        rps: settings.loadRps,
        steps: settings.steps,
        intervalMs: settings.intervalMs,
        intervalAuto: settings.intervalAuto,
        maxIntervalMs: settings.maxIntervalMs,
        limits: settings.limits,
        alpha: settings.falseRollbackRate,
        baselineMs,
    });
}


/***/ })

};
