export const id = 809;
export const ids = [809];
export const modules = {

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
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
