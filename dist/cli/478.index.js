export const id = 478;
export const ids = [478];
export const modules = {

/***/ 3478:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createMetrics: () => (/* binding */ createMetrics)
});

// UNUSED EXPORTS: CONNECTION_FAILURE_TOLERANCE, PrometheusClient, combineVerdicts, connectionFailureReason, judgeStep, loadStats, sequentialLook

// EXTERNAL MODULE: ./src/traffic/loadgen.ts
var loadgen = __webpack_require__(7935);
;// CONCATENATED MODULE: ./src/metrics/stats.ts
// Small numerical helpers for the judge (pure): the normal distribution, Mann-Whitney U with
// tie correction, the Hodges-Lehmann shift estimate and a reservoir-friendly subsample.
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

;// CONCATENATED MODULE: ./src/metrics/analysis.ts

/** Below this many canary responses a p99 is a handful of points: too noisy to compare against stable. */
const P99_REGRESSION_MIN_SAMPLES = 1000;
const fmtMs = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtPct = (v) => `${(v * 100).toFixed(v < 0.1 ? 2 : 1)}%`;
function reason(metric, value, limit, source, ok, message) {
    return { metric, value, limit, source, ok, message: `${message} (${source})` };
}
/** The verdict of the user's limits on one window's per-version summaries. */
function judgeStep(stable, canary, limits, source, durationMs = 0) {
    const reasons = [];
    const requests = canary?.requests ?? 0;
    const enough = requests >= limits.minRequests && requests > 0;
    reasons.push(reason('requests', requests, limits.minRequests, source, enough, enough
        ? `canary served ${requests} requests ≥ min ${limits.minRequests}`
        : `canary served ${requests} requests < min ${limits.minRequests}: not enough data for a verdict`));
    if (canary !== null && requests > 0) {
        const rate = canary.errors / canary.requests;
        const ok = rate <= limits.maxErrorRate;
        reasons.push(reason('error-rate', rate, limits.maxErrorRate, source, ok, `canary error rate ${fmtPct(rate)} (${canary.errors}/${canary.requests}) ${ok ? '≤' : '>'} limit ${fmtPct(limits.maxErrorRate)}`));
        if (limits.maxP99Ms !== null && canary.p99Ms !== null) {
            const okP99 = canary.p99Ms <= limits.maxP99Ms;
            reasons.push(reason('p99-ms', canary.p99Ms, limits.maxP99Ms, source, okP99, `canary p99 ${fmtMs(canary.p99Ms)} ms ${okP99 ? '≤' : '>'} limit ${fmtMs(limits.maxP99Ms)} ms`));
        }
        const base = stable?.p99Ms ?? null;
        if (canary.p99Ms !== null && base !== null && base > 0 && (stable?.requests ?? 0) > 0) {
            const regression = canary.p99Ms / base - 1;
            if (canary.requests < P99_REGRESSION_MIN_SAMPLES) {
                reasons.push(reason('p99-regression', regression, limits.maxLatencyRegression, source, true, `canary p99 ${fmtMs(canary.p99Ms)} ms vs stable ${fmtMs(base)} ms not judged: ${canary.requests} canary responses < ${P99_REGRESSION_MIN_SAMPLES} needed for a stable p99 (the statistical judge compares the distributions instead)`));
            }
            else {
                const okReg = regression <= limits.maxLatencyRegression;
                reasons.push(reason('p99-regression', regression, limits.maxLatencyRegression, source, okReg, `canary p99 ${fmtMs(canary.p99Ms)} ms is ${regression >= 0 ? '+' : ''}${fmtPct(regression)} vs stable ${fmtMs(base)} ms ${okReg ? '≤' : '>'} allowed regression ${fmtPct(limits.maxLatencyRegression)}`));
            }
        }
    }
    const failed = reasons.some((r) => !r.ok && r.metric !== 'requests');
    const outcome = !enough ? 'inconclusive' : failed ? 'fail' : 'pass';
    return { outcome, reasons, stable, canary, durationMs };
}
const DEFAULT_SEQUENTIAL = { alpha: 0.01, beta: 0.05 };
// The alpha budget: errors vs stable, errors vs the absolute limit, latency vs stable.
const SHARE_ERR_STABLE = 0.4;
const SHARE_ERR_LIMIT = 0.2;
const SHARE_LATENCY = 0.4;
/** Relative risks the canary-vs-stable error test mixes over (a mixture stays anytime-valid). */
const RELATIVE_RISKS = [3, 10, 30, 100];
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
/**
 * log likelihood ratio (mixture over relative risks) that canary errors are more frequent than
 * stable's. Conditional on the errors, each is the canary's with probability p0 = the canary's
 * share of requests when rates are equal, and p1 = R p0 / (R p0 + 1 - p0) when R times worse.
 */
function errorsVsStableLlr(canary, stable) {
    const total = canary.requests + stable.requests;
    if (total === 0 || canary.requests === 0 || stable.requests === 0)
        return 0;
    const p0 = canary.requests / total;
    const x = canary.errors;
    const y = stable.errors;
    return logMeanExp(RELATIVE_RISKS.map((r) => {
        const p1 = (r * p0) / (r * p0 + 1 - p0);
        return x * Math.log(p1 / p0) + y * Math.log((1 - p1) / (1 - p0));
    }));
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
    // Errors, canary vs stable: anytime-valid, so the full share is the threshold at every look.
    const aStable = options.alpha * SHARE_ERR_STABLE;
    const llrStable = errorsVsStableLlr(canary, stable);
    if (llrStable >= Math.log(1 / aStable) && canaryRate > limits.maxErrorRate) {
        reasons.push(reason('error-rate', canaryRate, limits.maxErrorRate, 'judge', false, `canary errors ${canary.errors}/${canary.requests} (${fmtPct(canaryRate)}) vs stable ${stable.errors}/${stable.requests}: canary is worse with likelihood ratio ${Math.exp(llrStable).toExponential(1)} ≥ ${(1 / aStable).toFixed(0)} (false alarm ≤ ${fmtPct(aStable)}), and above the limit ${fmtPct(limits.maxErrorRate)}`));
    }
    const aLimit = options.alpha * SHARE_ERR_LIMIT;
    const llrLimit = errorsVsLimitLlr(canary, limits.maxErrorRate);
    if (llrLimit >= Math.log(1 / aLimit)) {
        reasons.push(reason('error-rate', canaryRate, limits.maxErrorRate, 'judge', false, `canary error rate ${fmtPct(canaryRate)} (${canary.errors}/${canary.requests}) is above the limit ${fmtPct(limits.maxErrorRate)} with likelihood ratio ${Math.exp(llrLimit).toExponential(1)} ≥ ${(1 / aLimit).toFixed(0)}`));
    }
    // Latency: one-sided Mann-Whitney at this look's share of the spending budget.
    let latencyPass = false;
    const enoughSamples = canary.samplesMs.length >= MIN_LATENCY_SAMPLES && stable.samplesMs.length >= MIN_LATENCY_SAMPLES;
    if (enoughSamples && increment > 0) {
        const aLook = options.alpha * SHARE_LATENCY * increment;
        const mw = mannWhitney(canary.samplesMs, stable.samplesMs);
        // The shift estimate costs O(n·m): only when the rank test already says "slower".
        const shift = mw.pGreater < aLook ? (hodgesLehmann(canary.samplesMs, stable.samplesMs) ?? 0) : 0;
        const base = median(stable.samplesMs) ?? 0;
        const relative = base > 0 ? shift / base : 0;
        if (mw.pGreater < aLook && relative > limits.maxLatencyRegression) {
            reasons.push(reason('latency-shift', relative, limits.maxLatencyRegression, 'judge', false, `canary latency is shifted +${fmtMs(shift)} ms (Hodges-Lehmann; +${fmtPct(relative)} of stable median ${fmtMs(base)} ms) > allowed ${fmtPct(limits.maxLatencyRegression)}; Mann-Whitney z=${mw.z.toFixed(2)}, p=${mw.pGreater.toExponential(1)} < ${aLook.toExponential(1)} at ${fmtPct(t)} of the window`));
        }
        // Non-inferiority: the canary scaled down by the allowed regression is still faster than stable.
        const bLook = options.beta * increment;
        const scaled = canary.samplesMs.map((v) => v / (1 + limits.maxLatencyRegression));
        const ni = mannWhitney(scaled, stable.samplesMs);
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

// EXTERNAL MODULE: ./src/traffic/net-errors.ts
var net_errors = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/http/transport.ts
var transport = __webpack_require__(1517);
;// CONCATENATED MODULE: ./src/metrics/prometheus.ts


class PrometheusError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'PrometheusError';
    }
}
const MAX_BACKOFF_MS = 5000;
/** Prometheus renders special floats as strings: "NaN", "+Inf", "-Inf". */
function parsePromValue(text) {
    switch (text) {
        case 'NaN':
            return NaN;
        case '+Inf':
        case 'Inf':
            return Infinity;
        case '-Inf':
            return -Infinity;
        default:
            return Number(text);
    }
}
function abortable(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(t);
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
class PrometheusClient {
    opts;
    base;
    fetchImpl;
    constructor(opts) {
        this.opts = opts;
        this.base = opts.url.replace(/\/+$/, '');
        this.fetchImpl = opts.fetch ?? (0,transport/* fetchFor */.G)(this.base, opts.proxy).fetch;
    }
    /** Instant query at `time` (default: now). Retries transient failures with bounded backoff. */
    async query(expr, time, signal) {
        const params = new URLSearchParams({ query: expr });
        if (time)
            params.set('time', (time.getTime() / 1000).toFixed(3));
        const attempts = Math.max(1, this.opts.attempts ?? 4);
        let backoff = this.opts.backoffMs ?? 250;
        let lastError = new PrometheusError('no attempt made', null);
        for (let attempt = 1; attempt <= attempts; attempt++) {
            let retryAfterMs = null;
            try {
                const res = await this.send(params, signal);
                const text = await res.text();
                if (res.status === 429 || res.status >= 500) {
                    const ra = Number(res.headers.get('retry-after'));
                    retryAfterMs = Number.isFinite(ra) && ra >= 0 ? ra * 1000 : null;
                    lastError = new PrometheusError(`Prometheus answered ${res.status}: ${text.slice(0, 200)}`, res.status);
                }
                else {
                    return this.parse(res.status, text);
                }
            }
            catch (err) {
                if (signal?.aborted)
                    throw err;
                if (err instanceof PrometheusError)
                    throw err;
                lastError = new PrometheusError(`Prometheus unreachable: ${(0,net_errors/* describeNetworkError */.gl)(err, this.base).message}`, null);
            }
            if (attempt < attempts) {
                await abortable(Math.min(MAX_BACKOFF_MS, retryAfterMs ?? backoff), signal);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
        throw lastError;
    }
    async send(params, signal) {
        const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 10_000);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        const headers = { accept: 'application/json', ...this.opts.headers };
        if (this.opts.method === 'POST') {
            return this.fetchImpl(`${this.base}/api/v1/query`, {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
                body: params.toString(),
                signal: combined,
            });
        }
        return this.fetchImpl(`${this.base}/api/v1/query?${params.toString()}`, { headers, signal: combined });
    }
    parse(status, text) {
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            if (status === 401 || status === 403)
                throw new PrometheusError(`Prometheus query failed: ${(0,net_errors/* describeAuthStatus */.gd)(status, text.slice(0, 200))} (check prometheus-auth)`, status);
            throw new PrometheusError(`Prometheus answered ${status} with a non-JSON body: ${text.slice(0, 200)}`, status);
        }
        if (status === 401 || status === 403)
            throw new PrometheusError(`Prometheus query failed: ${(0,net_errors/* describeAuthStatus */.gd)(status, body.error)} (check prometheus-auth)`, status);
        if (status >= 400 || body.status !== 'success') {
            throw new PrometheusError(`Prometheus query failed (${status}${body.errorType ? `, ${body.errorType}` : ''}): ${body.error ?? text.slice(0, 200)}`, status);
        }
        const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : [];
        const data = body.data ?? {};
        const samples = [];
        if (data.resultType === 'vector' && Array.isArray(data.result)) {
            for (const r of data.result) {
                samples.push({ metric: r.metric ?? {}, value: parsePromValue(r.value?.[1] ?? 'NaN') });
            }
        }
        else if (data.resultType === 'scalar' && Array.isArray(data.result)) {
            samples.push({ metric: {}, value: parsePromValue(String(data.result[1])) });
        }
        else {
            throw new PrometheusError(`expected an instant vector, got ${String(data.resultType)}`, status);
        }
        return { samples, warnings };
    }
}
/** A label value as a literal inside a PromQL =~ regex string: regex-escaped, then string-escaped. */
function quoteRegex(value) {
    const re = value.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&');
    return re.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
/** The PromQL for one window: requests, 5xx, and the three percentiles, per destination_workload. */
function windowQueries(q) {
    const ns = q.namespace.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    const sel = `reporter="destination",destination_workload_namespace="${ns}",destination_workload=~"${q.workloads.map(quoteRegex).join('|')}"`;
    const range = `[${Math.max(1, Math.round(q.seconds))}s]`;
    return {
        requests: `sum by (destination_workload) (increase(istio_requests_total{${sel}}${range}))`,
        errors: `sum by (destination_workload) (increase(istio_requests_total{${sel},response_code=~"5.."}${range}))`,
        quantile: (p) => `histogram_quantile(${p}, sum by (destination_workload, le) (rate(istio_request_duration_milliseconds_bucket{${sel}}${range})))`,
    };
}
const finiteOrNull = (v) => v === undefined || !Number.isFinite(v) ? null : v;
function byWorkload(r) {
    const m = new Map();
    for (const s of r.samples)
        m.set(s.metric.destination_workload ?? '', s.value);
    return m;
}
/**
 * Per-workload stats over the window ending at `end`. A workload with no series (no traffic)
 * gets null: the judge turns that into "inconclusive", never a pass.
 */
async function queryWindowStats(client, q, end, signal) {
    const qs = windowQueries(q);
    const [req, err, p50, p90, p99] = await Promise.all([
        client.query(qs.requests, end, signal),
        client.query(qs.errors, end, signal),
        client.query(qs.quantile(0.5), end, signal),
        client.query(qs.quantile(0.9), end, signal),
        client.query(qs.quantile(0.99), end, signal),
    ]);
    const warnings = [...new Set([req, err, p50, p90, p99].flatMap((r) => r.warnings))];
    const [mReq, mErr, m50, m90, m99] = [req, err, p50, p90, p99].map(byWorkload);
    const stats = new Map();
    for (const w of q.workloads) {
        const raw = finiteOrNull(mReq.get(w));
        if (raw === null) {
            stats.set(w, null);
            continue;
        }
        // increase() extrapolates to the window edges, so counts are fractional: round for display.
        const requests = Math.round(raw);
        const errors = Math.min(requests, Math.round(finiteOrNull(mErr.get(w)) ?? 0));
        stats.set(w, {
            requests,
            errors,
            rps: raw / q.seconds,
            successRate: requests > 0 ? 1 - errors / requests : null,
            p50Ms: requests > 0 ? finiteOrNull(m50.get(w)) : null,
            p90Ms: requests > 0 ? finiteOrNull(m90.get(w)) : null,
            p99Ms: requests > 0 ? finiteOrNull(m99.get(w)) : null,
            errorsByKind: errors > 0 ? { '5xx': errors } : {},
        });
    }
    return { stats, warnings };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(7856);
;// CONCATENATED MODULE: ./src/metrics/probe-http.ts
// One GET of the load target for the pre-traffic probe (src/promote/probe.ts): the same URL,
// Host header and TLS settings as the load generator, the status, headers and the start of the
// body; a failure names its cause (TLS, refused, timeout) and the URL.






const BODY_LIMIT = 2048;
function httpGet(url, o) {
    const u = new URL(url);
    const secure = u.protocol === 'https:';
    const servername = o.host && !external_node_net_default().isIP(o.host) ? o.host : undefined;
    const rejectUnauthorized = o.rejectUnauthorized ?? false;
    // Through a proxy, the same CONNECT tunnel as the load generator (TLS inside it), so the probe
    // takes the path the windows' traffic will take.
    const route = (0,proxy/* decideProxy */.ZR)(u, o.proxy ?? (0,proxy/* processProxyEnv */.R4)());
    const tunnel = route.kind === 'proxy'
        ? () => new transport/* TunnelSocket */.W({
            proxy: route.proxy,
            host: u.hostname.replace(/^\[|\]$/g, ''),
            port: u.port === '' ? (secure ? 443 : 80) : Number(u.port),
            secure,
            servername,
            rejectUnauthorized,
            ALPNProtocols: ['http/1.1'],
        })
        : undefined;
    return new Promise((resolve, reject) => {
        const fail = (err) => {
            if (o.signal.aborted)
                reject(o.signal.reason instanceof Error ? o.signal.reason : new Error('aborted'));
            else
                reject(Object.assign(new Error((0,net_errors/* describeNetworkError */.gl)(err, url).message), { cause: err }));
        };
        const headers = { ...o.headers, accept: '*/*' };
        if (o.host)
            headers.host = o.host;
        const req = (secure && !tunnel ? (external_node_https_default()) : (external_node_http_default())).request(tunnel ? url.replace(/^https:/, 'http:') : url, {
            method: 'GET',
            headers,
            signal: o.signal,
            timeout: o.timeoutMs,
            // No agent: a fresh connection (its own tunnel through a proxy, which only works without one).
            ...(tunnel
                ? { createConnection: tunnel }
                : { agent: false, ...(secure ? { rejectUnauthorized, servername } : {}) }),
        }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => {
                if (body.length < BODY_LIMIT)
                    body += chunk;
            });
            res.on('end', () => {
                const out = {};
                for (const [k, v] of Object.entries(res.headers))
                    out[k] = Array.isArray(v) ? v.join(', ') : v;
                resolve({ status: res.statusCode ?? 0, headers: out, body: body.slice(0, BODY_LIMIT) });
            });
            res.on('error', fail);
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
        req.on('error', fail);
        req.end();
    });
}

;// CONCATENATED MODULE: ./src/metrics/index.ts






const VERSIONS = { stable: 'stable', canary: 'canary' };
/**
 * A window is only as valid as its traffic. Requests of the load generator that got no HTTP
 * response at all (refused, reset, timed out, TLS or other socket errors) carry no version: they
 * may have been the canary's or stable's, so the judge cannot count them, and a window that lost
 * more than this fraction of its requests is inconclusive (never a pass), with the cause named.
 * 1% is the default max-error-rate: failures beyond it could, all on one version, hide a canary
 * that breaks the default limit. The few resets a keep-alive race can cause stay under it. HTTP
 * 5xx are responses and are judged as errors, as before.
 */
const CONNECTION_FAILURE_TOLERANCE = 0.01;
/** Socket-level failure kinds of the load generator (see errorKind in src/traffic/loadgen.ts). */
const CONNECTION_FAILURES = {
    refused: 'connection refused (ECONNREFUSED)',
    reset: 'connection reset or closed before a response (ECONNRESET)',
    timeout: 'no response within the request timeout',
    other: 'other socket or TLS errors',
};
/**
 * The reason a window's traffic does not count, or null when it does: more than the tolerance
 * of its requests failed below HTTP (pure).
 */
function connectionFailureReason(snap, url, tolerance = CONNECTION_FAILURE_TOLERANCE) {
    let total = 0;
    for (const r of snap.versions.values())
        total += r.count;
    const byKind = snap.versions.get(loadgen/* UNATTRIBUTED */.K9)?.errorsByKind ?? {};
    const kinds = Object.entries(byKind).filter(([k, n]) => k in CONNECTION_FAILURES && n > 0);
    const failed = kinds.reduce((sum, [, n]) => sum + n, 0);
    if (total === 0 || failed === 0 || failed <= total * tolerance)
        return null;
    const what = kinds
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${n} ${CONNECTION_FAILURES[k]}`)
        .join(', ');
    return {
        metric: 'load-connection-failures',
        value: failed / total,
        limit: tolerance,
        source: 'loadgen',
        ok: false,
        message: `${failed} of ${total} load requests to ${url} failed to connect or got no response: ${what}; more than ${tolerance * 100}% of the window's traffic never reached a version, so the window is inconclusive (loadgen)`,
    };
}
/** Per-version summary of a load generator record. */
function loadStats(r, elapsedMs) {
    if (r === undefined || r.count === 0)
        return null;
    const ms = (v) => (v === null ? null : v / 1000);
    return {
        requests: r.count,
        errors: r.errors,
        rps: elapsedMs > 0 ? r.count / (elapsedMs / 1000) : 0,
        successRate: 1 - r.errors / r.count,
        p50Ms: ms(r.histogram.percentile(50)),
        p90Ms: ms(r.histogram.percentile(90)),
        p99Ms: ms(r.histogram.percentile(99)),
        errorsByKind: r.errorsByKind,
    };
}
function versionData(r) {
    return r === undefined
        ? { requests: 0, errors: 0, samplesMs: [] }
        : { requests: r.count, errors: r.errors, samplesMs: r.samplesMs };
}
const info = (metric, source, message, ok = true) => ({
    metric,
    value: null,
    limit: null,
    source,
    ok,
    message: `${message} (${source})`,
});
/** Combines per-source verdicts: fail if either fails; pass if one passes; else inconclusive. */
function combineVerdicts(verdicts, durationMs) {
    const outcome = verdicts.some((v) => v.outcome === 'fail')
        ? 'fail'
        : verdicts.some((v) => v.outcome === 'pass')
            ? 'pass'
            : 'inconclusive';
    const first = verdicts.find((v) => v.canary !== null) ?? verdicts[0];
    return {
        outcome,
        reasons: verdicts.flatMap((v) => v.reasons),
        stable: first?.stable ?? null,
        canary: first?.canary ?? null,
        durationMs,
    };
}
function waitOrAbort(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done, { once: true });
    });
}
const fmt = (s) => s === null
    ? 'no requests'
    : `${s.requests} req, ${s.errors} errors, p99 ${s.p99Ms === null ? '-' : s.p99Ms.toFixed(1)} ms`;
function createMetrics(options) {
    const useLoad = options.source !== 'prometheus';
    const useProm = options.source !== 'loadgen';
    if (useLoad && !options.load)
        throw new Error(`metrics: ${options.source} needs load-url`);
    if (useProm && !options.prometheus)
        throw new Error(`metrics: ${options.source} needs prometheus-url`);
    const limits = options.limits;
    const lookEvery = options.lookEveryMs ?? 1000;
    const logEvery = options.logEveryMs ?? 10_000;
    const log = (s) => options.logger?.info(s);
    const prom = options.prometheus
        ? new PrometheusClient({
            url: options.prometheus.url,
            headers: options.prometheus.headers,
            proxy: options.proxy,
        })
        : null;
    let gen = null;
    /** The Host header of the load: load-host, or the default the probe found. */
    let loadHost = options.load?.host ?? null;
    function generator() {
        if (gen === null) {
            const l = options.load;
            gen = new loadgen/* LoadGenerator */.gE({
                url: l.url,
                host: loadHost,
                rps: l.rps,
                connections: l.connections,
                headerName: l.headerName ?? loadgen/* DEFAULT_VERSION_HEADER */.Rh,
                timeoutMs: l.timeoutMs,
                headers: l.headers,
                proxy: options.proxy,
            }).start();
            log(`load: ${l.rps} rps over ${l.connections} connections to ${l.url}${loadHost ? ` (Host: ${loadHost})` : ''}`);
        }
        return gen;
    }
    function loadVerdict(snap, extra) {
        const stable = loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs);
        const canary = loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs);
        const v = judgeStep(stable, canary, limits, 'loadgen', snap.elapsedMs);
        const un = snap.versions.get(loadgen/* UNATTRIBUTED */.K9);
        if (un !== undefined && un.count > 0) {
            const kinds = Object.entries(un.errorsByKind)
                .map(([k, n]) => `${k}: ${n}`)
                .join(', ');
            v.reasons.push(info('unattributed', 'loadgen', `${un.count} responses carried no ${options.load?.headerName ?? loadgen/* DEFAULT_VERSION_HEADER */.Rh} header${kinds ? ` (errors ${kinds})` : ''}`));
        }
        if (extra.some((r) => !r.ok))
            v.outcome = 'fail';
        v.reasons.push(...extra);
        // Evidence of a bad canary stands; a pass without its traffic does not.
        const lost = connectionFailureReason(snap, options.load.url);
        if (lost !== null) {
            if (v.outcome === 'pass')
                v.outcome = 'inconclusive';
            v.reasons.push(lost);
        }
        return v;
    }
    /** Runs the load generator's side of a window; returns early on a conclusive sequential look. */
    async function measureLoad(window, started) {
        const win = generator().openWindow();
        let state = initialSequentialState();
        let lastLog = started;
        try {
            for (;;) {
                const elapsed = Date.now() - started;
                const remaining = window.intervalMs - elapsed;
                if (window.signal.aborted) {
                    const v = loadVerdict(win.read(), []);
                    v.outcome = v.outcome === 'fail' ? 'fail' : 'inconclusive';
                    v.reasons.push(info('aborted', 'loadgen', `window aborted after ${Math.round(elapsed / 1000)} s; partial data only`, false));
                    return v;
                }
                if (remaining > 0)
                    await waitOrAbort(Math.min(lookEvery, remaining), window.signal);
                if (window.signal.aborted)
                    continue;
                const snap = win.read();
                const now = Date.now();
                const fraction = window.intervalMs > 0 ? Math.min(1, (now - started) / window.intervalMs) : 1;
                const look = sequentialLook(state, versionData(snap.versions.get(VERSIONS.stable)), versionData(snap.versions.get(VERSIONS.canary)), limits, fraction, options.sequential ?? DEFAULT_SEQUENTIAL);
                state = look.state;
                if (now - lastLog >= logEvery) {
                    lastLog = now;
                    log(`step ${window.step} (canary ${window.weight}%): ${Math.round((now - started) / 1000)} s of ${Math.round(window.intervalMs / 1000)} s; canary ${fmt(loadStats(snap.versions.get(VERSIONS.canary), snap.elapsedMs))}; stable ${fmt(loadStats(snap.versions.get(VERSIONS.stable), snap.elapsedMs))}`);
                }
                if (look.decision === 'fail') {
                    if (fraction < 1)
                        log(`step ${window.step}: the statistical judge failed the canary early, at ${Math.round((now - started) / 1000)} s`);
                    return loadVerdict(snap, look.reasons);
                }
                if (look.decision === 'pass' || fraction >= 1) {
                    const v = loadVerdict(snap, look.reasons);
                    // An early pass must not skip the p99 regression check, which needs enough canary responses.
                    const p99Judged = v.stable === null || (v.canary?.requests ?? 0) >= P99_REGRESSION_MIN_SAMPLES;
                    if (fraction >= 1 || (v.outcome === 'pass' && p99Judged)) {
                        if (fraction < 1)
                            log(`step ${window.step}: evidence conclusive, window ended early at ${Math.round((now - started) / 1000)} s`);
                        return v;
                    }
                }
            }
        }
        finally {
            win.close();
        }
    }
    async function measureProm(window, endedAt, durationMs) {
        const settle = options.prometheus?.settleMs ?? 0;
        if (settle > 0)
            await waitOrAbort(settle, window.signal);
        try {
            const { stats, warnings } = await queryWindowStats(prom, {
                namespace: window.namespace,
                workloads: [window.stableWorkload, window.canaryWorkload],
                seconds: Math.max(options.prometheus?.minRangeSeconds ?? 30, 1, Math.round(durationMs / 1000)),
            }, new Date(endedAt), window.signal);
            const v = judgeStep(stats.get(window.stableWorkload) ?? null, stats.get(window.canaryWorkload) ?? null, limits, 'prometheus', durationMs);
            for (const w of warnings)
                v.reasons.push(info('prometheus-warning', 'prometheus', `Prometheus warned: ${w}`));
            return v;
        }
        catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            return {
                outcome: 'inconclusive',
                reasons: [info('prometheus', 'prometheus', `no verdict from Prometheus: ${message}`, false)],
                stable: null,
                canary: null,
                durationMs,
            };
        }
    }
    const probers = {
        http: useLoad && options.load
            ? {
                url: options.load.url,
                get host() {
                    return loadHost;
                },
                versionHeader: options.load.headerName ?? loadgen/* DEFAULT_VERSION_HEADER */.Rh,
                get: (host, signal) => httpGet(options.load.url, {
                    host,
                    headers: options.load.headers,
                    timeoutMs: options.load.timeoutMs ?? 10_000,
                    signal,
                    proxy: options.proxy,
                }),
                useHost(host) {
                    loadHost = host;
                },
            }
            : null,
        prometheus: useProm && prom && options.prometheus
            ? {
                url: options.prometheus.url,
                async check(namespace, signal) {
                    await prom.query(`sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="${namespace}"}[1m]))`, undefined, signal);
                },
            }
            : null,
    };
    return {
        probers,
        async measure(window) {
            const started = Date.now();
            const verdicts = [];
            if (useLoad)
                verdicts.push(await measureLoad(window, started));
            else
                await waitOrAbort(window.intervalMs, window.signal);
            const endedAt = Date.now();
            const durationMs = endedAt - started;
            if (useProm && !(window.signal.aborted && useLoad)) {
                verdicts.push(await measureProm(window, endedAt, durationMs));
            }
            const v = combineVerdicts(verdicts, durationMs);
            if (window.signal.aborted && v.outcome === 'pass')
                v.outcome = 'inconclusive';
            // With metrics: both, Prometheus must not pass a window whose load never arrived.
            if (v.outcome === 'pass' && v.reasons.some((r) => r.metric === 'load-connection-failures'))
                v.outcome = 'inconclusive';
            log(`step ${window.step} (canary ${window.weight}%): ${v.outcome} after ${Math.round(durationMs / 1000)} s; canary ${fmt(v.canary)}; stable ${fmt(v.stable)}`);
            return v;
        },
        async close() {
            if (gen !== null) {
                gen.stop();
                await gen.done;
                gen = null;
            }
        },
    };
}


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gd: () => (/* binding */ describeAuthStatus),
/* harmony export */   gl: () => (/* binding */ describeNetworkError),
/* harmony export */   sl: () => (/* binding */ isTlsError)
/* harmony export */ });
// Names the cause of an outbound connection failure the way a user can act on it: a TLS
// failure says TLS and why (an untrusted or self-signed certificate, a wrong host name, an
// expired certificate, TLS spoken to a plain-HTTP port), a refused or timed-out connection says
// so, and every message names the URL. Used by the Kubernetes client, the preflight, the
// pre-traffic probe and the Prometheus client (one way to describe a network error).
/** OpenSSL's certificate verification codes as Node reports them, and what they mean. */
const CERTIFICATE_CODES = {
    SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority (self-signed certificate in the certificate chain)',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate signed by unknown authority (the certificate is self-signed)',
    UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by unknown authority (the issuer certificate is unknown)',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority (no local issuer certificate)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority (unable to verify the first certificate)',
    CERT_UNTRUSTED: 'certificate signed by unknown authority (the certificate is not trusted)',
    CERT_HAS_EXPIRED: 'the certificate has expired',
    CERT_NOT_YET_VALID: 'the certificate is not yet valid',
    CERT_REVOKED: 'the certificate was revoked',
    CERT_SIGNATURE_FAILURE: 'the certificate signature is invalid',
    ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
    HOSTNAME_MISMATCH: 'the certificate does not name this host',
};
/** Hints per family of cause. */
const TRUST_HINT = 'give the CA that signed it (certificate-authority-data in the kubeconfig, or NODE_EXTRA_CA_CERTS)';
function codeOf(err) {
    const e = err;
    if (e && typeof e.code === 'string')
        return e.code;
    const c = e?.cause;
    return c && typeof c.code === 'string' ? c.code : undefined;
}
function messageOf(err) {
    if (!(err instanceof Error))
        return String(err);
    // fetch() wraps the socket error: "fetch failed", cause: the real one.
    const cause = err.cause;
    if (err.message === 'fetch failed' && cause instanceof Error)
        return cause.message;
    return err.message;
}
/** Whether an error is a TLS failure (certificate or handshake). */
function isTlsError(err) {
    const code = codeOf(err) ?? '';
    return (code in CERTIFICATE_CODES ||
        code.startsWith('ERR_SSL_') ||
        code.startsWith('ERR_TLS_') ||
        (code === 'EPROTO' && /ssl|tls/i.test(messageOf(err))));
}
/** The cause of a failed connection to `url`, named (pure). */
function describeNetworkError(err, url) {
    const code = codeOf(err);
    const text = messageOf(err);
    const withCode = code && !text.includes(code) ? `${text} (${code})` : text;
    if (code && code in CERTIFICATE_CODES)
        return {
            kind: 'tls',
            message: `TLS: ${CERTIFICATE_CODES[code]} for ${url} (${code}); ${TRUST_HINT}`,
        };
    if (isTlsError(err)) {
        // OpenSSL's text: "…:SSL routines:<function>:<reason>:<source file>…": the reason is what matters.
        const reason = /SSL routines:[^:]*:([^:]+)/.exec(text)?.[1]?.trim() ?? text.split('\n')[0].trim();
        const plain = /wrong[_ ]version[_ ]number|packet length too long|http request/i.test(`${reason} ${code ?? ''}`);
        return {
            kind: 'tls',
            message: `TLS: the handshake with ${url} failed: ${reason}${code ? ` (${code})` : ''}${plain ? '; the port does not speak TLS (is it plain HTTP? use http://)' : ''}`,
        };
    }
    switch (code) {
        case 'ECONNREFUSED':
            return {
                kind: 'refused',
                message: `${url} refused the connection (ECONNREFUSED): nothing listens there`,
            };
        case 'ETIMEDOUT':
        case 'UND_ERR_CONNECT_TIMEOUT':
        case 'UND_ERR_HEADERS_TIMEOUT':
            return { kind: 'timeout', message: `${url} did not answer in time: ${withCode}` };
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return { kind: 'dns', message: `the host of ${url} does not resolve: ${withCode}` };
        case 'ECONNRESET':
        case 'EPIPE':
        case 'UND_ERR_SOCKET':
            return { kind: 'reset', message: `${url} closed the connection: ${withCode}` };
        default:
            return { kind: 'other', message: `${url}: ${withCode}` };
    }
}
/** HTTP 401/403 in words: the status, its name, the server's own message or what it means. */
function describeAuthStatus(status, serverMessage) {
    const m = (serverMessage ?? '').trim();
    const generic = status === 401 ? 'the credentials were rejected' : 'the credentials lack the permission';
    // "Unauthorized", or the client's placeholder for an empty body ("HTTP 401"), say nothing more.
    const said = m === '' || /^(unauthorized|forbidden|http \d{3})$/i.test(m) ? generic : m;
    return `HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${said}`;
}


/***/ })

};
