export const id = 263;
export const ids = [263];
export const modules = {

/***/ 6263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CANCEL_WRITE_BUDGET_MS: () => (/* binding */ CANCEL_WRITE_BUDGET_MS),
  ConcurrentChangeError: () => (/* binding */ ConcurrentChangeError),
  HumanEditError: () => (/* binding */ HumanEditError),
  PREVIOUS_TEMPLATE_ANNOTATION: () => (/* binding */ PREVIOUS_TEMPLATE_ANNOTATION),
  PromotionError: () => (/* binding */ PromotionError),
  finishInterrupted: () => (/* binding */ finishInterrupted),
  newHolderId: () => (/* binding */ newHolderId),
  podTemplateHash: () => (/* binding */ podTemplateHash),
  runPromotion: () => (/* binding */ runPromotion)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __webpack_require__(1708);
var external_node_process_default = /*#__PURE__*/__webpack_require__.n(external_node_process_);
// EXTERNAL MODULE: ./src/kube/errors.ts
var errors = __webpack_require__(3646);
// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
;// CONCATENATED MODULE: ./src/kube/rollout.ts
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v) => (typeof v === 'number' ? v : 0);
function parts(d) {
    const spec = isObject(d.spec) ? d.spec : {};
    const status = isObject(d.status) ? d.status : {};
    const meta = d.metadata ?? {};
    return {
        replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
        generation: num(meta.generation),
        observed: num(status.observedGeneration),
        updated: num(status.updatedReplicas),
        available: num(status.availableReplicas),
        ready: num(status.readyReplicas),
        unavailable: num(status.unavailableReplicas),
        total: num(status.replicas),
        conditions: (Array.isArray(status.conditions) ? status.conditions : []).filter(isObject),
    };
}
/** Whether the Deployment's latest generation is fully rolled out and available (kubectl rollout status). */
function isRolledOut(d) {
    if (!d)
        return false;
    const p = parts(d);
    if (p.generation && p.observed < p.generation)
        return false;
    if (p.conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'))
        return false;
    return p.updated >= p.replicas && p.available >= p.replicas && p.total <= p.updated;
}
/** Why a Deployment is not available: the deadline, replica counts and the conditions' messages. */
function describeRollout(name, d) {
    if (!d)
        return `Deployment ${name} does not exist`;
    const p = parts(d);
    const bits = [];
    const deadline = p.conditions.find((c) => c.reason === 'ProgressDeadlineExceeded');
    if (deadline)
        bits.push(`ProgressDeadlineExceeded: ${deadline.message ?? 'the rollout made no progress'}`);
    if (p.generation && p.observed < p.generation)
        bits.push(`the controller has not observed generation ${p.generation} yet`);
    bits.push(`${p.available}/${p.replicas} replicas available, ${p.updated} updated${p.unavailable ? `, ${p.unavailable} unavailable` : ''}`);
    for (const c of p.conditions)
        if (c !== deadline && c.status !== 'True' && c.message)
            bits.push(`${c.type ?? 'condition'}: ${c.message}`);
        else if (c !== deadline && c.type === 'ReplicaFailure' && c.message)
            bits.push(`ReplicaFailure: ${c.message}`);
    return `Deployment ${name} is not available: ${bits.join('; ')}`;
}
/**
 * Resolves when the Deployment is rolled out; rejects early on ProgressDeadlineExceeded and
 * after timeoutMs with describeRollout's reason.
 */
async function waitForRollout(kube, ref, options) {
    let stuck = null;
    const obj = await kube.waitFor({ apiVersion: 'apps/v1', kind: 'Deployment', name: ref.name, namespace: ref.namespace }, (d) => {
        if (d &&
            parts(d).conditions.some((c) => c.reason === 'ProgressDeadlineExceeded') &&
            parts(d).observed >= parts(d).generation) {
            stuck = d;
            return true;
        }
        return isRolledOut(d);
    }, {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        describe: (last) => describeRollout(`${ref.namespace}/${ref.name}`, last),
    });
    if (stuck || !obj)
        throw new Error(describeRollout(`${ref.namespace}/${ref.name}`, stuck ?? obj));
    return obj;
}

// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(5625);
// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(2464);
;// CONCATENATED MODULE: ./src/promote/lease.ts

/** On a preempted Lease: who took it from whom, and when. */
const PREEMPTED_ANNOTATION = 'istio-canary.dev/preempted';
class LeaseHeldError extends Error {
    name = 'LeaseHeldError';
}
const leaseName = (virtualService) => `istio-canary-${virtualService}`.slice(0, 253);
/** Kubernetes MicroTime: RFC 3339 with microseconds. */
const microTime = (ms) => new Date(ms).toISOString().replace(/Z$/, '000Z');
const specOf = (o) => (typeof o.spec === 'object' && o.spec !== null ? o.spec : {});
/** When the lease expires (ms since epoch), from its renewTime and duration. */
function leaseExpiry(o) {
    const s = specOf(o);
    const renewed = Date.parse(s.renewTime ?? s.acquireTime ?? '');
    if (Number.isNaN(renewed))
        return 0;
    return renewed + (s.leaseDurationSeconds ?? 0) * 1000;
}
async function acquireLease(kube, o) {
    const now = o.now ?? Date.now;
    const name = leaseName(o.virtualService);
    const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name, namespace: o.namespace };
    const seconds = Math.max(1, Math.ceil(o.durationMs / 1000));
    const deadline = now() + o.waitMs;
    let announced = false;
    const mine = (t, transitions) => ({
        holderIdentity: o.holder,
        leaseDurationSeconds: seconds,
        acquireTime: microTime(t),
        renewTime: microTime(t),
        leaseTransitions: transitions,
    });
    for (;;) {
        if (o.signal?.aborted)
            throw new Error('cancelled while waiting for the promotion lease');
        const live = await kube.get(ref, { signal: o.signal });
        const t = now();
        try {
            if (!live) {
                await kube.create({
                    apiVersion: ref.apiVersion,
                    kind: 'Lease',
                    metadata: { name, namespace: o.namespace },
                    spec: mine(t, 0),
                });
                break;
            }
            const spec = specOf(live);
            const holder = spec.holderIdentity ?? '';
            if (!holder || holder === o.holder || leaseExpiry(live) <= t) {
                if (holder && holder !== o.holder)
                    o.logger.warning(`taking over the expired lease ${name} from ${holder}`);
                const transitions = (spec.leaseTransitions ?? 0) + (holder === o.holder ? 0 : 1);
                await kube.replace({ ...live, spec: mine(t, transitions) });
                break;
            }
            const expires = leaseExpiry(live);
            if (o.preempt) {
                o.logger.warning(`preempting ${holder}, which holds the lease ${name} (renewed ${spec.renewTime ?? '?'}): a rollback does not wait; that run stops at its next write`);
                const annotations = {
                    ...(live.metadata?.annotations ?? {}),
                    [PREEMPTED_ANNOTATION]: JSON.stringify({
                        by: o.holder,
                        from: holder,
                        at: new Date(t).toISOString(),
                    }),
                };
                await kube.replace({
                    ...live,
                    metadata: { ...live.metadata, annotations },
                    spec: mine(t, (spec.leaseTransitions ?? 0) + 1),
                });
                break;
            }
            if (t >= deadline) {
                throw new LeaseHeldError(`VirtualService ${o.namespace}/${o.virtualService} is being promoted by ${holder} (lease ${o.namespace}/${name}, renewed ${spec.renewTime ?? '?'}, expires ${new Date(expires).toISOString()})${o.waitMs > 0 ? `; waited ${Math.round(o.waitMs / 1000)} s` : ''}. Wait for it to finish, or cancel that run.`);
            }
            if (!announced) {
                o.logger.info(`waiting up to ${Math.round(o.waitMs / 1000)} s for ${holder}, which holds the lease ${name}`);
                announced = true;
            }
            // Wake on any change of the lease (released, renewed by another), or when it would expire.
            const rv = live.metadata?.resourceVersion;
            await kube
                .waitFor(ref, (x) => !x || x.metadata?.resourceVersion !== rv, {
                timeoutMs: Math.max(50, Math.min(deadline, expires + 50) - t),
                signal: o.signal,
            })
                .catch((err) => {
                if (o.signal?.aborted)
                    throw err;
            });
        }
        catch (err) {
            // Someone else created or renewed it between our read and write: read again.
            if (err instanceof errors/* KubeApiError */.W3 && err.code === 409)
                continue;
            throw err;
        }
    }
    let lost = null;
    let renewing = Promise.resolve();
    const renew = async () => {
        // A renewal slower than the lease itself is useless, and must never hold up a release.
        const signal = AbortSignal.timeout(Math.max(1000, o.durationMs));
        try {
            const live = await kube.get(ref, { signal });
            const holder = live ? (specOf(live).holderIdentity ?? '') : '';
            if (!live || holder !== o.holder) {
                lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
                return;
            }
            await kube.replace({ ...live, spec: { ...specOf(live), renewTime: microTime(now()) } }, { signal });
        }
        catch (err) {
            o.logger.warning(`renewing the lease ${name}: ${err.message}`);
        }
    };
    const timer = setInterval(() => {
        renewing = renewing.then(renew);
    }, Math.max(200, Math.floor(o.durationMs / 3)));
    timer.unref();
    return {
        name,
        lost: () => lost,
        async confirm(signal) {
            if (lost)
                return lost;
            try {
                const live = await kube.get(ref, { signal });
                const holder = live ? (specOf(live).holderIdentity ?? '') : '';
                if (!live || holder !== o.holder)
                    lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
            }
            catch (err) {
                o.logger.debug(`checking the lease ${name} before a write: ${err.message}`);
            }
            return lost;
        },
        async release(signal) {
            clearInterval(timer);
            // A renewal under way is waited for, but not past the caller's budget.
            await new Promise((resolve) => {
                if (signal?.aborted)
                    return resolve();
                signal?.addEventListener('abort', () => resolve(), { once: true });
                void renewing.then(() => resolve());
            });
            if (lost)
                return;
            try {
                const live = await kube.get(ref, { signal });
                if (live && specOf(live).holderIdentity === o.holder) {
                    const { holderIdentity: _holder, ...rest } = specOf(live);
                    await kube.replace({ ...live, spec: { ...rest, leaseDurationSeconds: 1 } }, { signal });
                }
            }
            catch (err) {
                // Not fatal: the lease expires on its own.
                o.logger.warning(`releasing the lease ${name}: ${err.message}`);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/promote/machine.ts

const TERMINAL = ['promoted', 'rolled-back'];
function statusOf(phase) {
    switch (phase) {
        case 'promoted':
            return 'promoted';
        case 'rolled-back':
            return 'rolled-back';
        case 'held':
            return 'held';
        default:
            return 'in-progress';
    }
}
/** A new promotion starting from the weight the route has now. */
function freshState(ctx, liveWeight) {
    return {
        phase: 'in-progress',
        weight: liveWeight,
        step: 0,
        steps: [...ctx.steps],
        canaryImage: ctx.canaryImage,
        templateHash: ctx.templateHash ?? null,
        runId: ctx.runId,
        startedAt: ctx.now,
        updatedAt: ctx.now,
        reason: null,
        history: [],
        events: [],
    };
}
/**
 * Why this run is a new promotion rather than a continuation of the stored one: null to
 * continue. A finished promotion starts over for a new canary image or pod template; an
 * unfinished one (in progress or held) too, from its first step, so that a new image is never
 * judged by the old image's passed steps. A finalize or rollback under way is finished first.
 */
function restartReason(state, canaryImage, templateHash = null) {
    if (!state)
        return 'no promotion recorded';
    if (state.phase === 'finalizing' || state.phase === 'rolling-back')
        return null;
    const terminal = TERMINAL.includes(state.phase);
    if (canaryImage !== null && state.canaryImage !== null && canaryImage !== state.canaryImage)
        return `the canary image changed from ${state.canaryImage} to ${canaryImage}`;
    if (terminal && canaryImage !== null && state.canaryImage === null)
        return `a new canary image ${canaryImage}`;
    if (templateHash && state.templateHash && templateHash !== state.templateHash)
        return `the canary pod template changed (hash ${state.templateHash} → ${templateHash})`;
    return null;
}
/** Whether this run starts a new promotion rather than continuing the stored one. */
function startsFresh(state, canaryImage, templateHash = null) {
    return restartReason(state, canaryImage, templateHash) !== null;
}
const passedWeight = (s) => s.history.filter((h) => h.verdict.outcome === 'pass').reduce((m, h) => Math.max(m, h.weight), 0);
const update = (s, ctx, patch) => ({
    ...s,
    ...patch,
    steps: [...ctx.steps],
    runId: ctx.runId,
    updatedAt: ctx.now,
});
const write = (state, then) => ({
    state,
    action: { type: 'write', then },
});
const stop = (state, message) => ({ type: 'stop', message });
/** After the current weight is judged (or when it needs no judging): where the schedule goes next. */
function advance(s, ctx, justPassed) {
    const pending = s.weight > passedWeight(s) && s.weight > 0;
    if (pending) {
        // Written but not judged (a crash or cancel mid-step): judge it at the same weight.
        return {
            state: s,
            action: { type: 'measure', step: (0,plan/* stepIndexOf */.cX)(ctx.steps, s.weight), weight: s.weight, attempt: 1 },
        };
    }
    const next = (0,plan/* schedule */._)(ctx.steps, s.weight)[0];
    if (next !== undefined && (ctx.command === 'run' || !justPassed)) {
        const step = (0,plan/* stepIndexOf */.cX)(ctx.steps, next);
        const state = update(s, ctx, { phase: 'in-progress', weight: next, reason: null });
        return write(state, { type: 'measure', step, weight: next, attempt: 1 });
    }
    if (next !== undefined) {
        // `step`: one step per invocation; record the verdict and hold for the next invocation
        // (held, not in-progress: in-progress always means a run is walking, see finishInterrupted).
        const reason = `step ${s.step}/${ctx.steps.length} passed at ${s.weight}%; run \`step\` again for ${next}%`;
        const state = update(s, ctx, { phase: 'held', reason });
        return write(state, stop(state, reason));
    }
    if (s.weight >= 100)
        return finalize(s, ctx);
    // The schedule ends below 100: the promotion holds there until `promote` or `rollback`.
    const reason = `the schedule ends at ${s.weight}% canary; run \`promote\` to go to 100% or \`rollback\``;
    const state = update(s, ctx, { phase: 'held', reason });
    return justPassed || s.phase !== 'held'
        ? write(state, stop(state, reason))
        : { state: s, action: stop(s, reason) };
}
function finalize(s, ctx) {
    if (ctx.finalize === 'keep') {
        const state = update(s, ctx, { phase: 'promoted', weight: 100, reason: null });
        return write(state, stop(state, 'promoted: 100% on the canary (finalize: keep)'));
    }
    // Always written before stable is touched, even at 100% already: a kill, a rollback or the
    // post step must find `finalizing` (and so restore the saved stable template), never an
    // in-progress state while stable already runs the canary's template.
    const state = update(s, ctx, { phase: 'finalizing', weight: 100, reason: null });
    return write(state, { type: 'promote-stable' });
}
function rollBack(s, ctx, reason) {
    const state = update(s, ctx, { phase: 'rolled-back', weight: 0, reason });
    return write(state, stop(state, `rolled back: ${reason}`));
}
/** A cancel, error or rollback during finalize: restore the stable template first, then roll back. */
function stopFinalizing(s, ctx, why, mode) {
    if (s.weight === 0) {
        // Stable already runs the canary's template with all traffic: only the scale-down is left,
        // and it is the cheapest way to a state that is true. Finish it (on hold too).
        return { state: s, action: { type: 'scale-canary-down' } };
    }
    if (mode === 'hold') {
        const state = update(s, ctx, {
            reason: `finalize interrupted at ${s.weight}% canary (${why}); run \`promote\` again to complete it or \`rollback\` to restore the stable template`,
        });
        return write(state, stop(state, `held during finalize: ${why}`));
    }
    return { state: s, action: { type: 'restore-stable', why } };
}
function hold(s, ctx, reason) {
    const state = update(s, ctx, { phase: 'held', reason });
    return write(state, stop(state, `held at ${s.weight}%: ${reason}`));
}
function reasonsText(v) {
    const bad = v.reasons.filter((r) => !r.ok);
    return (bad.length ? bad : v.reasons).map((r) => r.message).join('; ') || v.outcome;
}
function transition(s, event, ctx) {
    switch (event.type) {
        case 'begin':
            return begin(s, ctx);
        case 'verdict': {
            const record = {
                step: event.step,
                weight: event.weight,
                startedAt: event.startedAt,
                endedAt: event.endedAt,
                verdict: event.verdict,
            };
            const where = `step ${event.step}/${ctx.steps.length} at ${event.weight}%`;
            if (event.verdict.outcome === 'inconclusive' && event.attempt < 2)
                return {
                    state: s,
                    action: { type: 'measure', step: event.step, weight: event.weight, attempt: event.attempt + 1 },
                };
            const withRecord = { ...s, history: [...s.history, record] };
            if (event.verdict.outcome === 'pass')
                return advance({ ...withRecord, step: (0,plan/* stepIndexOf */.cX)(ctx.steps, event.weight) }, ctx, true);
            const why = event.verdict.outcome === 'inconclusive'
                ? `${where}: inconclusive twice (${reasonsText(event.verdict)})`
                : `${where} failed: ${reasonsText(event.verdict)}`;
            return ctx.onFailure === 'hold' ? hold(withRecord, ctx, why) : rollBack(withRecord, ctx, why);
        }
        case 'cancelled':
            if (s.phase === 'finalizing')
                return stopFinalizing(s, ctx, event.why, ctx.onCancel);
            return ctx.onCancel === 'hold' ? hold(s, ctx, event.why) : rollBack(s, ctx, event.why);
        case 'error':
            if (s.phase === 'finalizing') {
                if (s.weight === 0) {
                    // The scale-down itself failed: say so and leave the rest to a rerun (which completes it).
                    const state = update(s, ctx, { reason: `scaling the canary down failed: ${event.message}` });
                    return write(state, stop(state, `finalize unfinished: ${event.message}; run \`promote\` again`));
                }
                return stopFinalizing(s, ctx, event.message, ctx.onFailure);
            }
            return ctx.onFailure === 'hold' ? hold(s, ctx, event.message) : rollBack(s, ctx, event.message);
        case 'stable-promoted': {
            // Traffic back on the promoted stable first; the phase stays finalizing until the canary is down.
            const state = update(s, ctx, {
                phase: 'finalizing',
                weight: 0,
                reason: 'stable runs the canary pod template and takes all traffic; scaling the canary down',
            });
            return write(state, { type: 'scale-canary-down' });
        }
        case 'canary-scaled-down': {
            const state = update(s, ctx, { phase: 'promoted', weight: 0, reason: null });
            return write(state, stop(state, 'promoted: the stable Deployment runs the canary pod template and takes 100% again; canary scaled to 0'));
        }
        case 'stable-restored':
            return rollBack(s, ctx, event.why);
    }
}
function begin(s, ctx) {
    switch (ctx.command) {
        case 'status':
            return { state: s, action: stop(s, describe(s)) };
        case 'rollback':
            if (s.phase === 'rolled-back' && s.weight === 0)
                return { state: s, action: stop(s, 'already rolled back') };
            if (s.phase === 'promoted' && s.weight === 0)
                return {
                    state: s,
                    action: stop(s, 'already promoted to stable: all traffic is on stable; nothing to roll back'),
                };
            if (s.phase === 'finalizing')
                return { state: s, action: { type: 'restore-stable', why: `rollback requested by ${ctx.runId}` } };
            return rollBack(s, ctx, `rollback requested by ${ctx.runId}`);
        case 'promote':
            if (s.phase === 'promoted')
                return { state: s, action: stop(s, 'already promoted') };
            if (s.phase === 'finalizing')
                return finishFinalize(s);
            return finalize(s, ctx);
        default:
            break;
    }
    // run / step
    if (s.phase === 'promoted' || s.phase === 'rolled-back')
        return { state: s, action: stop(s, `${describe(s)}; a new promotion starts with a new canary-image`) };
    if (s.phase === 'finalizing')
        return finishFinalize(s);
    if (s.phase === 'rolling-back')
        return rollBack(s, ctx, s.reason ?? 'finishing an interrupted rollback');
    return advance(s, ctx, false);
}
/** An interrupted finalize, completed idempotently: promote-stable again at 100%, else only the scale-down. */
function finishFinalize(s) {
    return { state: s, action: s.weight === 0 ? { type: 'scale-canary-down' } : { type: 'promote-stable' } };
}
function describe(s) {
    const done = s.history.filter((h) => h.verdict.outcome === 'pass').length;
    return `${s.phase}: canary at ${s.weight}%, ${done}/${s.steps.length} steps passed (${s.steps.join(',')})${s.reason ? `; ${s.reason}` : ''}`;
}
/** Reads the annotation value; null when absent, an error naming the annotation when unreadable. */
function parseState(raw) {
    if (raw === undefined || raw === '')
        return null;
    let v;
    try {
        v = JSON.parse(raw);
    }
    catch {
        throw new Error('the promotion state annotation is not valid JSON; remove it to start over');
    }
    const s = v;
    if (typeof s !== 'object' ||
        s === null ||
        typeof s.phase !== 'string' ||
        typeof s.weight !== 'number' ||
        !Array.isArray(s.history))
        throw new Error('the promotion state annotation lacks phase, weight or history; remove it to start over');
    return {
        // Before `finalizing` had its name, the same phase was stored as `promoting`.
        phase: s.phase === 'promoting' ? 'finalizing' : s.phase,
        weight: s.weight,
        step: typeof s.step === 'number' ? s.step : 0,
        steps: Array.isArray(s.steps) ? s.steps : [],
        canaryImage: s.canaryImage ?? null,
        templateHash: typeof s.templateHash === 'string' ? s.templateHash : null,
        runId: s.runId ?? '',
        startedAt: s.startedAt ?? '',
        updatedAt: s.updatedAt ?? '',
        reason: s.reason ?? null,
        history: s.history,
        events: Array.isArray(s.events) ? s.events : [],
    };
}

// EXTERNAL MODULE: ./src/promote/target.ts
var promote_target = __webpack_require__(5447);
;// CONCATENATED MODULE: ./src/promote/probe.ts
/** A measurement path that does not work; the message names the cause. */
class ProbeError extends Error {
    name = 'ProbeError';
}
const PROBE_REQUESTS = 3;
const probe_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
function probersOf(metrics) {
    const p = metrics.probers;
    return probe_isObject(p) ? p : {};
}
/**
 * The Kubernetes Service a destination host names, or null for a host outside the cluster
 * (a ServiceEntry): `name`, `name.ns`, `name.ns.svc`, `name.ns.svc.<cluster domain>` (pure).
 */
function serviceOf(host, namespace) {
    const parts = host.split('.');
    if (parts.some((p) => p === ''))
        return null;
    if (parts.length === 1)
        return { name: parts[0], namespace };
    if (parts.length === 2 || parts[2] === 'svc')
        return { name: parts[0], namespace: parts[1] };
    return null;
}
/** The destination hosts of route `index` of a VirtualService, in order, once each (pure). */
function destinationHosts(vs, index) {
    const spec = probe_isObject(vs.spec) ? vs.spec : {};
    const route = Array.isArray(spec.http) ? spec.http[index] : undefined;
    const dests = probe_isObject(route) && Array.isArray(route.route) ? route.route : [];
    const hosts = dests
        .map((d) => (probe_isObject(d) && probe_isObject(d.destination) ? d.destination.host : undefined))
        .filter((h) => typeof h === 'string' && h !== '');
    return [...new Set(hosts)];
}
/** Whether a Gateway server's host (`host`, `ns/host`, `*`, `*.example.com`) covers a VirtualService host (pure). */
function gatewayServes(serverHost, vsHost, vsNamespace) {
    const slash = serverHost.indexOf('/');
    if (slash >= 0) {
        const ns = serverHost.slice(0, slash);
        if (ns !== '*' && ns !== '.' && ns !== vsNamespace)
            return false;
        serverHost = serverHost.slice(slash + 1);
    }
    if (serverHost === '*')
        return true;
    if (serverHost.startsWith('*.'))
        return vsHost.endsWith(serverHost.slice(1)) && vsHost !== serverHost.slice(2);
    return serverHost.toLowerCase() === vsHost.toLowerCase();
}
/** The VirtualService's gateways and which of its hosts they serve. */
async function gatewaysOf(kube, vs, namespace, signal, logger) {
    const spec = probe_isObject(vs.spec) ? vs.spec : {};
    const hosts = strings(spec.hosts);
    const names = strings(spec.gateways).filter((g) => g !== 'mesh');
    let served = null;
    for (const g of names) {
        const [ns, name] = g.includes('/') ? g.split('/', 2) : [namespace, g];
        let gw;
        try {
            gw = await kube.get({
                apiVersion: String(vs.apiVersion ?? 'networking.istio.io/v1'),
                kind: 'Gateway',
                name: name,
                namespace: ns,
            }, { signal });
        }
        catch (err) {
            logger.debug(`probe: could not read Gateway ${ns}/${name}: ${err.message}`);
            continue;
        }
        if (!gw)
            continue;
        served ??= new Set();
        const gspec = probe_isObject(gw.spec) ? gw.spec : {};
        const servers = Array.isArray(gspec.servers) ? gspec.servers.filter(probe_isObject) : [];
        for (const s of servers)
            for (const sh of strings(s.hosts))
                for (const h of hosts)
                    if (gatewayServes(sh, h, namespace))
                        served.add(h);
    }
    return { names, served: served ? hosts.filter((h) => served.has(h)) : null };
}
/**
 * The Host header the load should send when load-host is not set: the VirtualService's one
 * host its gateways serve (exact, not a wildcard), or null when there is not exactly one (pure).
 */
function defaultLoadHost(served) {
    const exact = (served ?? []).filter((h) => !h.includes('*'));
    if (exact.length === 1)
        return exact[0];
    // A gateway serving `*` also covers the mesh-internal short names (`podinfo`): an outside
    // request names a domain, so the one host with a dot is the one.
    const qualified = exact.filter((h) => h.includes('.'));
    return qualified.length === 1 ? qualified[0] : null;
}
function isReady(pod) {
    const status = probe_isObject(pod.status) ? pod.status : {};
    const conditions = Array.isArray(status.conditions) ? status.conditions.filter(probe_isObject) : [];
    return (!(probe_isObject(pod.metadata) && pod.metadata.deletionTimestamp) &&
        conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
}
/** Forbidden to read: the check cannot be made with these credentials (said, not failed). */
function forbidden(err) {
    const code = err.code;
    return code === 403 || code === 401;
}
/** Step 1: every destination host is a Service with ready pods. */
async function checkServices(input) {
    const { kube, signal, logger, namespace, virtualService: vs } = input;
    const vsName = `${namespace}/${String(vs.metadata?.name)}`;
    for (const host of destinationHosts(vs, input.routeIndex)) {
        const svcRef = serviceOf(host, namespace);
        if (!svcRef) {
            logger.debug(`probe: destination host ${host} is not a cluster Service name; not checked`);
            continue;
        }
        const where = `${svcRef.namespace}/${svcRef.name}`;
        let svc;
        try {
            svc = await kube.get({ apiVersion: 'v1', kind: 'Service', name: svcRef.name, namespace: svcRef.namespace }, { signal });
        }
        catch (err) {
            if (!forbidden(err))
                throw err;
            logger.warning(`probe: cannot read Service ${where} (${err.message}); not checked`);
            continue;
        }
        if (!svc)
            throw new ProbeError(`VirtualService ${vsName} routes to host ${host}, but there is no Service ${where}: traffic shifted there would only get 503 (no healthy upstream). Create the Service or fix destination.host.`);
        const spec = probe_isObject(svc.spec) ? svc.spec : {};
        const selector = probe_isObject(spec.selector) ? spec.selector : null;
        if (!selector || Object.keys(selector).length === 0) {
            logger.debug(`probe: Service ${where} has no selector (its endpoints are managed by hand); not checked`);
            continue;
        }
        const labelSelector = Object.entries(selector)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(',');
        let pods;
        try {
            pods = (await kube.list('v1', 'Pod', svcRef.namespace, { labelSelector, signal })).items;
        }
        catch (err) {
            if (!forbidden(err))
                throw err;
            logger.warning(`probe: cannot list the pods of Service ${where} (${err.message}); not checked`);
            continue;
        }
        const ready = pods.filter(isReady).length;
        if (ready === 0)
            throw new ProbeError(`Service ${where} (destination host ${host} of VirtualService ${vsName}) has no endpoints: ${pods.length === 0 ? `no pod matches its selector ${labelSelector}` : `none of the ${pods.length} pods matching ${labelSelector} is ready`}; traffic shifted there would only get 503.`);
    }
}
const describeError = (err) => {
    if (!(err instanceof Error))
        return String(err);
    const code = err.code;
    return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
};
/** Step 2: the load path answers 2xx from stable with the version header. */
async function checkLoadPath(input, http, gateways) {
    const { signal, logger, namespace, virtualService: vs } = input;
    const spec = probe_isObject(vs.spec) ? vs.spec : {};
    const hosts = strings(spec.hosts);
    const vsName = `${namespace}/${String(vs.metadata?.name)}`;
    let host = http.host;
    if (host === null) {
        const urlHost = new URL(http.url).hostname;
        const fallback = defaultLoadHost(gateways.served);
        if (fallback !== null && !hosts.includes(urlHost)) {
            http.useHost(fallback);
            host = fallback;
            logger.info(`load-host is not set: using ${fallback}, the one host of VirtualService ${vsName} that its gateway${gateways.names.length === 1 ? '' : 's'} ${gateways.names.join(', ')} serve${gateways.names.length === 1 ? 's' : ''}`);
        }
    }
    const target = `${http.url}${host ? ` (Host: ${host})` : ''}`;
    const servedText = `the VirtualService ${vsName} serves hosts [${hosts.join(', ')}] through gateways [${strings(spec.gateways).join(', ')}]`;
    for (let i = 0; i < (input.requests ?? PROBE_REQUESTS); i++) {
        let answer;
        try {
            answer = await http.get(host, signal);
        }
        catch (err) {
            if (signal.aborted)
                throw err;
            throw new ProbeError(`the load target ${target} cannot be reached: ${describeError(err)}`);
        }
        const { status } = answer;
        if (status === 404)
            throw new ProbeError(`the load target ${target} answered 404: the gateway does not route Host ${host ?? new URL(http.url).host}; ${servedText}. Set load-host to one of those hosts.`);
        if (status < 200 || status >= 300) {
            const body = answer.body.trim().slice(0, 200);
            throw new ProbeError(status >= 300 && status < 400
                ? `the load target ${target} answered HTTP ${status} (a redirect to ${answer.headers.location ?? 'nowhere'}): the load generator does not follow redirects, so the windows would time the redirect, not the service; point load-url at the path that answers 2xx`
                : `the load target ${target} answered HTTP ${status}${body ? `: ${body}` : ''} at 0% canary; stable must answer 2xx before any traffic moves (${servedText})`);
        }
        const version = answer.headers[http.versionHeader.toLowerCase()];
        if (!version)
            throw new ProbeError(`the load target ${target} answered ${status} without the ${http.versionHeader} header the action adds to the route: the requests do not go through VirtualService ${vsName} (${servedText}); point load-url at the ingress gateway and load-host at one of those hosts`);
        if (input.liveWeight === 0 && version !== 'stable')
            throw new ProbeError(`the load target ${target} was answered by "${version}" at 0% canary (${http.versionHeader}); only stable should answer before the first step`);
    }
    logger.info(`probe: ${target} answers 2xx from stable with ${http.versionHeader}`);
}
/**
 * Proves the measurement path before the first weight moves; resolves when it holds, throws a
 * ProbeError naming the cause when it does not. Reads only: nothing is written.
 */
async function probeMeasurement(input) {
    const { http, prometheus } = probersOf(input.metrics);
    await checkServices(input);
    if (http) {
        const gateways = await gatewaysOf(input.kube, input.virtualService, input.namespace, input.signal, input.logger);
        await checkLoadPath(input, http, gateways);
    }
    if (prometheus) {
        try {
            await prometheus.check(input.namespace, input.signal);
        }
        catch (err) {
            if (input.signal.aborted)
                throw err;
            throw new ProbeError(`Prometheus at ${prometheus.url} did not answer a query: ${describeError(err)}`);
        }
        input.logger.info(`probe: Prometheus at ${prometheus.url} answers queries`);
    }
}
/**
 * The runner's one call: probes when this run is about to move the weight from where it is.
 * Returns the event that stops the run with nothing moved (an error naming the cause, or the
 * cancellation that arrived during the probe), or null when the measurement is proven.
 */
async function unprovenMeasurement(first, input) {
    const moves = first.action.type === 'write' &&
        first.state.phase === 'in-progress' &&
        first.state.weight > input.liveWeight;
    if (!moves)
        return null;
    try {
        await probeMeasurement(input);
        return null;
    }
    catch (err) {
        if (input.signal.aborted)
            return {
                type: 'cancelled',
                why: `cancelled before any traffic moved (${describeError(input.signal.reason)})`,
            };
        if (err instanceof ProbeError)
            return { type: 'error', message: `before any traffic moved: ${err.message}` };
        return {
            type: 'error',
            message: `before any traffic moved, the measurement could not be checked: ${describeError(err)}`,
        };
    }
}

// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/promote/runner.ts
// The promotion runner: resolves the target, takes the lease, applies the manifests, waits for
// the canary, then performs the state machine's actions (writes, windows, finalize) until it
// stops, reporting progress after every step. All I/O goes through deps.
//
// What it trusts and what it checks (see README.md, "State and safety"):
// - Before every write, and at the end of every window, the live weights of the route are
//   compared with the weights the state annotation recorded: a person's change stops the run
//   (HumanEditError) unless take-over is set, and a window under changed weights is no pass.
// - Every write carries the resourceVersion last read; a state written by another holder (a
//   `rollback` preempting this run) stops the run without overwriting (ConcurrentChangeError).
// - After a cancel, every remaining write shares one budget (CANCEL_WRITE_BUDGET_MS).
// - Outputs carry the weight the API server last confirmed, never the intended one.












/**
 * After a cancellation, every remaining write (rollback, restore, scale-down, lease release)
 * shares this budget: the process exits well before GitHub's kill (SIGTERM 7.5 s after SIGINT,
 * kill at about 10 s), and the kube client's retries stop with it.
 */
const CANCEL_WRITE_BUDGET_MS = 5000;
/** On the stable Deployment: its pod template from before promote-stable, to restore an unfinished finalize. */
const PREVIOUS_TEMPLATE_ANNOTATION = 'istio-canary.dev/previous-template';
/**
 * A Lease holder and state writer unique to this process: `<repo>/<run id>/<attempt>/<job>/<random>`.
 * Two jobs of one workflow run (or two matrix legs of one job) never share it.
 */
function newHolderId(settings, random) {
    const gh = settings.github;
    return [
        gh.repository ?? 'local',
        gh.runId ?? `pid-${(external_node_process_default()).pid}`,
        gh.runAttempt ?? '1',
        gh.job ?? '-',
        random ?? (0,external_node_crypto_.randomBytes)(4).toString('hex'),
    ].join('/');
}
/** Another run or person changed the promotion: this run must not write any more. */
class ConcurrentChangeError extends Error {
    name = 'ConcurrentChangeError';
}
/** A person (or another tool) moved the weights the state recorded; take-over is not set. */
class HumanEditError extends ConcurrentChangeError {
    name = 'HumanEditError';
}
/** The run failed after it started writing; carries the report (also passed to reporter.final). */
class PromotionError extends Error {
    report;
    name = 'PromotionError';
    constructor(message, report, options) {
        super(message, options);
        this.report = report;
    }
}
const runner_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** JSON with sorted keys: the same value always gives the same text. */
function canonical(v) {
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if (runner_isObject(v))
        return `{${Object.keys(v)
            .sort()
            .filter((k) => v[k] !== undefined)
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(',')}}`;
    return JSON.stringify(v ?? null);
}
/**
 * A hash of what makes a canary a different build: each container's and init container's
 * name, image, command, args and env (names, values, and which kind of reference). Fields the
 * API server defaults (ports' protocol, pull policy, termination paths) are left out, so a
 * template read from the manifests and the same template read back from the cluster agree.
 */
function podTemplateHash(template) {
    const spec = runner_isObject(template) && runner_isObject(template.spec) ? template.spec : {};
    const pick = (list) => (Array.isArray(list) ? list : [])
        .filter(runner_isObject)
        .map((c) => ({
        name: c.name ?? null,
        image: c.image ?? null,
        command: c.command ?? null,
        args: c.args ?? null,
        env: (Array.isArray(c.env) ? c.env : []).filter(runner_isObject).map((e) => ({
            name: e.name ?? null,
            value: e.value ?? null,
            from: runner_isObject(e.valueFrom) ? Object.keys(e.valueFrom).sort() : null,
        })),
    }))
        .sort((a, b) => canonical(a.name).localeCompare(canonical(b.name)));
    return (0,external_node_crypto_.createHash)('sha256')
        .update(canonical({ containers: pick(spec.containers), initContainers: pick(spec.initContainers) }))
        .digest('hex')
        .slice(0, 16);
}
const templateOf = (d) => d && runner_isObject(d.spec) ? d.spec.template : undefined;
/** The image of `container` (or of the first container) of a Deployment. */
function imageOf(d, container) {
    const cs = (0,manifests/* containersOf */.Mz)(d);
    const c = container ? cs.find((x) => x.name === container) : cs[0];
    return c?.image || null;
}
/** The managers (managedFields) other than this tool that wrote the object, latest first. */
function otherWriters(vs) {
    const mf = vs?.metadata?.managedFields;
    if (!Array.isArray(mf))
        return [];
    const text = (v) => (typeof v === 'string' ? v : '');
    return mf
        .filter(runner_isObject)
        .filter((e) => typeof e.manager === 'string' && e.manager !== errors/* FIELD_MANAGER */.vy)
        .sort((a, b) => text(b.time).localeCompare(text(a.time)))
        .map((e) => `${text(e.manager)} (${text(e.operation) || 'Update'}${e.time ? ` at ${text(e.time)}` : ''})`);
}
class Run {
    settings;
    deps;
    target;
    /** Why this run failed (an error, a failing verdict, a cancellation), whatever state it left: the exit code. */
    failure = null;
    started;
    weightsApplied = [];
    notices = [];
    holder;
    state = null;
    /** The machine's latest state, written or not yet (what progress reports show). */
    current = null;
    /** The VirtualService as last read or written (its resourceVersion is the base of the next write). */
    vs = null;
    message = '';
    lease = null;
    templateHash = null;
    /** Aborted CANCEL_WRITE_BUDGET_MS after the cancel: the one budget of every write after it. */
    budget = new AbortController();
    constructor(settings, deps, target) {
        this.settings = settings;
        this.deps = deps;
        this.target = target;
        this.started = this.iso();
        this.holder = deps.holder ?? newHolderId(settings);
        const startBudget = () => {
            setTimeout(() => this.budget.abort(new Error(`the ${CANCEL_WRITE_BUDGET_MS / 1000} s budget for writes after the cancel ran out`)), CANCEL_WRITE_BUDGET_MS).unref();
        };
        if (deps.signal.aborted)
            startBudget();
        else
            deps.signal.addEventListener('abort', startBudget, { once: true });
    }
    get log() {
        return this.deps.logger;
    }
    /** The signal of writes (and the reads that lead to them): aborted only once the cancel budget is spent. */
    get writes() {
        return this.budget.signal;
    }
    iso() {
        return new Date(this.deps.clock?.now() ?? Date.now()).toISOString();
    }
    get vsRef() {
        return {
            apiVersion: this.target.vsApiVersion,
            kind: 'VirtualService',
            name: this.target.selection.virtualService,
            namespace: this.target.namespace,
        };
    }
    get vsName() {
        return `${this.target.namespace}/${this.target.selection.virtualService}`;
    }
    ctx() {
        return {
            command: this.settings.command,
            steps: this.settings.steps,
            finalize: this.settings.finalize,
            onFailure: this.settings.onFailure,
            onCancel: this.settings.onCancel,
            runId: this.holder,
            canaryImage: this.target.canaryImage,
            templateHash: this.templateHash,
            now: this.iso(),
        };
    }
    async readVs(signal) {
        this.vs = await this.deps.kube.get(this.vsRef, { signal });
        this.state = parseState(this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD]);
    }
    liveWeight() {
        return this.vs ? (0,plan/* currentWeights */.ph)(this.vs, this.target.selection).canary : 0;
    }
    /**
     * How the live route differs from the weights `state` recorded (a person's edit, an
     * emergency move to 0%), or null when they agree.
     */
    edited(vs, state) {
        if (!vs || !state)
            return null;
        const live = (0,plan/* currentWeights */.ph)(vs, this.target.selection);
        if (live.canary === state.weight && live.stable === 100 - state.weight)
            return null;
        const who = otherWriters(vs)[0];
        return `the weights of ${this.vsName} were changed outside this promotion: recorded canary ${state.weight}% / stable ${100 - state.weight}%, live canary ${live.canary}% / stable ${live.stable}%${who ? `; last other writer: ${who}` : ''}`;
    }
    /**
     * Before writing over `vs`: a person's change stops the run (HumanEditError), or with
     * take-over is recorded in `next` and continued from. A rollback wins over any edit.
     */
    guardEdits(vs, next) {
        const what = this.edited(vs, this.state);
        if (!what)
            return next;
        if (this.settings.command === 'rollback') {
            this.log.warning(`${what}; rolling back anyway`);
            return next;
        }
        if (!this.settings.takeOver)
            throw new HumanEditError(`${what}. Nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`);
        this.log.warning(`${what}; take-over: continuing from the live weights`);
        return { ...next, events: [...(next.events ?? []), { at: this.iso(), message: `take-over: ${what}` }] };
    }
    /**
     * Writes the weights and the state in one update, with the resourceVersion last read. On a
     * conflict it re-reads: if the stored state is still the one this run based its decision on
     * and the weights are the recorded ones, it writes again on the fresh object; if another
     * writer changed the state, or a person the weights, it stops.
     */
    async writeState(next) {
        const signal = this.writes;
        // Checked by reading the Lease before every write: a renewal may not have run since another
        // process took it (a window shorter than the renewal period would otherwise write over it).
        const lost = this.lease ? await this.lease.confirm(signal) : null;
        if (lost)
            throw new ConcurrentChangeError(`stopped before writing: ${lost}`);
        const base = this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
        // The state outlives this process (later commands print it): no secret may be stored in it,
        // whatever text brought it there (a Prometheus echoing its Authorization header, a URL).
        let pending = redact/* secrets */.O3.redactDeep(this.guardEdits(this.vs, next));
        let json = JSON.stringify(pending);
        for (let attempt = 1;; attempt++) {
            if (!this.vs)
                throw new Error(`VirtualService ${this.vsName} does not exist`);
            const body = (0,plan/* withCanaryWeight */.T1)(this.vs, this.target.selection, pending.weight);
            body.metadata = {
                ...body.metadata,
                annotations: { ...(body.metadata?.annotations ?? {}), [plan/* STATE_ANNOTATION */.qD]: json },
            };
            delete body.metadata.managedFields;
            try {
                this.vs = await this.deps.kube.replace(body, { signal, dryRun: this.settings.dryRun });
                break;
            }
            catch (err) {
                if (!(err instanceof errors/* KubeApiError */.W3) || err.code !== 409 || attempt >= 5)
                    throw err;
                const live = await this.deps.kube.get(this.vsRef, { signal });
                const stored = live?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
                this.vs = live;
                if (stored === json)
                    break; // our own write landed before its answer was lost
                if (stored !== base) {
                    const other = parseState(stored);
                    throw new ConcurrentChangeError(`the VirtualService ${this.vsName} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? describe(other) : 'none'}); not overwriting it`, { cause: err });
                }
                pending = redact/* secrets */.O3.redactDeep(this.guardEdits(live, pending));
                json = JSON.stringify(pending);
                this.log.debug(`conflict writing ${this.vsName}; re-read, state unchanged, writing again`);
            }
        }
        const prev = this.state;
        this.state = pending;
        this.current = pending;
        if (!this.settings.dryRun)
            this.deps.onConfirmedWeight?.(this.liveWeight());
        if (!prev || prev.weight !== pending.weight || this.weightsApplied.length === 0)
            this.weightsApplied.push({
                stable: 100 - pending.weight,
                canary: pending.weight,
                at: pending.updatedAt,
            });
        this.log.debug(`${this.settings.dryRun ? '[dry-run] ' : ''}${this.target.selection.virtualService}: canary ${pending.weight}% / stable ${100 - pending.weight}% — ${pending.phase}${pending.reason ? ` (${pending.reason})` : ''}`);
    }
    report(endedAt) {
        const s = this.current ?? this.state;
        const t = this.target;
        const gh = this.settings.github;
        const status = s ? statusOf(s.phase) : 'in-progress';
        const held = status === 'held' || (s?.phase === 'in-progress' && this.settings.command === 'step');
        return {
            schemaVersion: 1,
            status,
            reason: s?.reason ?? null,
            ...(this.failure !== null ? { failure: this.failure } : {}),
            command: this.settings.command,
            namespace: t.namespace,
            virtualService: t.selection.virtualService,
            route: t.selection.routeName ?? String(t.selection.routeIndex),
            stableSubset: t.selection.stable.subset,
            canarySubset: t.selection.canary.subset,
            canaryImage: s?.canaryImage ?? t.canaryImage,
            steps: [...this.settings.steps],
            // What the API server last answered (a read or a write), not what this run meant to write.
            weight: this.vs ? this.liveWeight() : (s?.weight ?? 0),
            step: s?.step ?? 0,
            history: s?.history ?? [],
            ...(s?.events?.length ? { events: s.events } : {}),
            ...(this.notices.length ? { notices: [...this.notices] } : {}),
            weightsApplied: this.weightsApplied,
            run: {
                repository: gh.repository,
                runId: gh.runId,
                runUrl: gh.repository && gh.runId ? `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}` : null,
                serverUrl: gh.serverUrl,
            },
            nextCommands: held ? ['command: step', 'command: promote', 'command: rollback'] : [],
            startedAt: this.started,
            endedAt: endedAt ?? this.iso(),
        };
    }
    async progress() {
        try {
            await this.deps.reporter.progress(this.report(null));
        }
        catch (err) {
            this.log.warning(`progress report failed: ${err.message}`);
        }
    }
    window(step, weight, signal) {
        return {
            step,
            weight,
            intervalMs: this.settings.intervalMs,
            signal,
            namespace: this.target.namespace,
            stableWorkload: this.target.stableDeployment ?? this.target.selection.stable.subset,
            canaryWorkload: this.target.canaryDeployment ?? this.target.selection.canary.subset,
        };
    }
    cancelReason() {
        const r = this.deps.signal.reason;
        const what = r instanceof Error ? r.message : typeof r === 'string' ? r : 'the run was cancelled';
        return `cancelled (${what})${this.state ? ` at ${this.state.weight}% canary` : ''}`;
    }
    /**
     * One window. The VirtualService is watched meanwhile: a change by anyone else (a
     * preempting rollback, a person moving the weights) ends the window at once. Afterwards the
     * route is read again; a window whose weights or state changed under it is never a pass.
     * Returns the machine event, or a transition when take-over continues from new weights.
     */
    async measure(action, state) {
        const startedAt = this.iso();
        this.log.debug(`measuring ${this.settings.intervalMs} ms at ${action.weight}% canary${action.attempt > 1 ? ' (extended: the first window was inconclusive)' : ''}`);
        const before = this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
        const windowCtl = new AbortController();
        const stopWatch = new AbortController();
        const onCancel = () => windowCtl.abort(this.deps.signal.reason);
        if (this.deps.signal.aborted)
            onCancel();
        else
            this.deps.signal.addEventListener('abort', onCancel, { once: true });
        // Only a change of the state or of the weights ends the window (not a label someone adds).
        const watch = this.vs
            ? this.deps.kube
                .waitFor(this.vsRef, (o) => !o || o.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD] !== before || this.edited(o, state) !== null, { timeoutMs: 24 * 3600_000, signal: stopWatch.signal })
                .then(() => windowCtl.abort(new Error('the VirtualService changed during the window')), () => undefined)
            : Promise.resolve();
        let verdict;
        try {
            verdict = await this.deps.metrics.measure(this.window(action.step, action.weight, windowCtl.signal));
        }
        catch (err) {
            if (!windowCtl.signal.aborted || this.deps.signal.aborted)
                throw err;
            verdict = null; // ended by a change of the VirtualService: judged below
        }
        finally {
            this.deps.signal.removeEventListener('abort', onCancel);
            stopWatch.abort();
            await watch;
        }
        if (this.deps.signal.aborted)
            return { type: 'cancelled', why: this.cancelReason() };
        // The window is only as good as the weights it ran under.
        const live = await this.deps.kube.get(this.vsRef, { signal: this.deps.signal });
        const stored = live?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
        if (!live)
            throw new ConcurrentChangeError(`the VirtualService ${this.vsName} was deleted during the window`);
        if (stored !== before) {
            this.vs = live;
            const other = parseState(stored);
            this.state = other;
            this.current = other;
            throw new ConcurrentChangeError(`the promotion of ${this.vsName} was changed by ${other?.runId || 'another writer'} during the window of step ${action.step} (state now: ${other ? describe(other) : 'none'}); stopping without writing`);
        }
        const what = this.edited(live, state);
        if (what) {
            this.vs = live;
            if (!this.settings.takeOver)
                throw new HumanEditError(`${what} during the window of step ${action.step}; the window is not judged and nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`);
            const weight = (0,plan/* currentWeights */.ph)(live, this.target.selection).canary;
            this.log.warning(`${what} during the window of step ${action.step}; take-over: continuing from ${weight}%`);
            const event = {
                at: this.iso(),
                message: `take-over: ${what} during the window of step ${action.step} (not judged)`,
            };
            const adopted = { ...state, weight, events: [...(state.events ?? []), event] };
            this.state = adopted;
            return { adopted };
        }
        this.vs = live;
        if (!verdict || (windowCtl.signal.aborted && !this.deps.signal.aborted))
            throw new ConcurrentChangeError(`the VirtualService ${this.vsName} changed during the window of step ${action.step} and changed back; the window is not judged`);
        return {
            type: 'verdict',
            step: action.step,
            weight: action.weight,
            attempt: action.attempt,
            verdict,
            startedAt,
            endedAt: this.iso(),
        };
    }
    /** Performs actions until the machine stops. Cancellation and errors become machine events. */
    async drive(first) {
        let { state, action } = first;
        this.current = state;
        let guard = 0;
        for (;;) {
            if (++guard > 1000)
                throw new Error('the promotion made no progress (internal error)');
            if (action.type === 'stop') {
                this.state = state;
                this.current = state;
                this.message = action.message;
                this.log.info(action.message);
                return;
            }
            let event = null;
            const cancelled = this.deps.signal.aborted;
            let writing = false;
            const measured = action.type === 'measure' || (action.type === 'write' && action.then.type === 'measure');
            try {
                if (measured && cancelled) {
                    // No new weight after a cancel: on-cancel decides from the weight written.
                    event = { type: 'cancelled', why: this.cancelReason() };
                }
                else if (measured) {
                    // One step: its write and its window in one log group, its outcome in one line.
                    const m = (action.type === 'write' ? action.then : action);
                    const writeFirst = action.type === 'write';
                    const s0 = state;
                    const outcome = await (0,log/* withGroup */.I)(this.log, `step ${m.step}/${this.settings.steps.length}: canary ${m.weight}%${m.attempt > 1 ? ' (extended window)' : ''}`, async () => {
                        if (writeFirst) {
                            writing = true;
                            await this.writeState(s0);
                            writing = false;
                        }
                        const r = await this.measure(m, this.state ?? s0);
                        if ('type' in r && r.type === 'verdict')
                            this.log.info(`step ${m.step}/${this.settings.steps.length} at ${m.weight}%: ${r.verdict.outcome} — ${r.verdict.reasons.map((x) => x.message).join('; ')}`);
                        return r;
                    });
                    if ('adopted' in outcome) {
                        const t = transition(outcome.adopted, { type: 'begin', liveWeight: outcome.adopted.weight }, this.ctx());
                        state = t.state;
                        action = t.action;
                        this.current = state;
                        continue;
                    }
                    event = outcome;
                    if (writeFirst)
                        state = this.state ?? state;
                }
                else {
                    switch (action.type) {
                        case 'measure':
                            throw new Error('internal: a measure outside a step');
                        case 'write':
                            writing = true;
                            await this.writeState(state);
                            state = this.state ?? state;
                            action = action.then;
                            continue;
                        case 'promote-stable':
                            await this.promoteStable(state);
                            event = { type: 'stable-promoted' };
                            break;
                        case 'scale-canary-down':
                            await this.scaleCanaryDown();
                            event = { type: 'canary-scaled-down' };
                            break;
                        case 'restore-stable':
                            await this.restoreStable(state);
                            event = { type: 'stable-restored', why: action.why };
                            break;
                    }
                }
            }
            catch (err) {
                if (err instanceof ConcurrentChangeError)
                    throw err;
                if (this.deps.signal.aborted && !cancelled)
                    event = { type: 'cancelled', why: this.cancelReason() };
                else if (writing || cancelled || action.type === 'restore-stable')
                    throw err; // a failed restore is not retried in a loop
                else
                    event = { type: 'error', message: err.message };
            }
            if (!event)
                throw new Error('internal: no event');
            const t = transition(state, event, this.ctx());
            this.noteFailure(event, t);
            state = t.state;
            action = t.action;
            this.current = state;
            if (event.type === 'verdict' || event.type === 'cancelled' || event.type === 'error') {
                // The step's outcome is written first, so the progress report shows it.
                if (action.type === 'write') {
                    await this.writeState(state);
                    state = this.state ?? state;
                    action = action.then;
                }
                if (action.type !== 'measure' || event.type !== 'verdict' || event.step !== action.step)
                    await this.progress();
            }
        }
    }
    /** Records that the run failed when an event ends it badly (a retried inconclusive window does not). */
    noteFailure(event, t) {
        if (event.type === 'error')
            this.failure ??= event.message;
        else if (event.type === 'cancelled')
            this.failure ??= event.why;
        else if (event.type === 'verdict' && event.verdict.outcome !== 'pass' && t.action.type !== 'measure')
            this.failure ??= t.state.reason ?? `step ${event.step} ${event.verdict.outcome}`;
    }
    deploymentRef(name) {
        return { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: this.target.namespace };
    }
    /** Which promotion a saved stable template belongs to. */
    static promotionId(state) {
        return `${state.startedAt}|${state.canaryImage ?? ''}`;
    }
    /**
     * promote-stable: the stable Deployment gets the canary's pod template (keeping its own
     * labels), with its previous template kept in an annotation in the same write, then rolls
     * out. Idempotent: a rerun of the same promotion keeps the first saved template.
     */
    async promoteStable(state) {
        const { kube } = this.deps;
        const canaryName = this.target.canaryDeployment;
        const stableName = this.target.stableDeployment;
        if (!canaryName || !stableName)
            throw new Error('finalize promote-stable needs both the stable and the canary Deployment');
        const id = Run.promotionId(state);
        for (let attempt = 1;; attempt++) {
            const [canary, stable] = await Promise.all([
                kube.get(this.deploymentRef(canaryName), { signal: this.writes }),
                kube.get(this.deploymentRef(stableName), { signal: this.writes }),
            ]);
            if (!canary || !stable)
                throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
            // Never promote one image while naming another.
            const canaryImages = (0,manifests/* imagesOf */.IC)(canary);
            if (state.canaryImage && !canaryImages.includes(state.canaryImage))
                throw new Error(`promote-stable: the canary Deployment ${canaryName} runs ${canaryImages.join(', ') || 'no image'}, not ${state.canaryImage} that this promotion is for; nothing was copied to ${stableName}`);
            const cSpec = canary.spec;
            const sSpec = stable.spec;
            const template = structuredClone(cSpec.template ?? {});
            const keep = { ...this.target.stableLabels, ...(sSpec.selector?.matchLabels ?? {}) };
            const stableLabels = sSpec.template?.metadata?.labels ?? {};
            const labels = { ...(template.metadata?.labels ?? {}) };
            for (const k of Object.keys(this.target.canaryLabels))
                if (!(k in keep))
                    delete labels[k];
            Object.assign(labels, keep);
            for (const k of Object.keys(keep))
                if (stableLabels[k] !== undefined)
                    labels[k] = stableLabels[k];
            template.metadata = { ...(template.metadata ?? {}), labels };
            const annotations = { ...(stable.metadata?.annotations ?? {}) };
            const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
            const previous = saved?.promotion === id ? saved.template : sSpec.template;
            const before = (0,manifests/* containersOf */.Mz)({ spec: { template: previous } }).map((c) => c.name);
            const after = (0,manifests/* containersOf */.Mz)({ spec: { template } }).map((c) => c.name);
            if (before.join(',') !== after.join(',')) {
                const notice = `promote-stable renames the containers of ${stableName}: ${before.join(', ') || 'none'} → ${after.join(', ') || 'none'} (it copies the canary's pod template)`;
                if (!this.notices.includes(notice)) {
                    this.notices.push(notice);
                    this.log.warning(notice);
                }
            }
            if (saved?.promotion === id && canonical(sSpec.template) === canonical(template)) {
                this.log.info(`promote-stable: ${stableName} already runs the canary's pod template`);
                break;
            }
            annotations[PREVIOUS_TEMPLATE_ANNOTATION] = JSON.stringify({ promotion: id, template: previous });
            const next = {
                ...stable,
                metadata: { ...stable.metadata, annotations },
                spec: { ...stable.spec, template },
            };
            delete next.metadata.managedFields;
            try {
                await kube.replace(next, { dryRun: this.settings.dryRun, signal: this.writes });
                this.log.info(`promote-stable: ${stableName} now runs the canary's pod template (${(0,manifests/* imagesOf */.IC)(next).join(', ')}); its previous template is kept in the annotation ${PREVIOUS_TEMPLATE_ANNOTATION} until the promotion ends`);
                break;
            }
            catch (err) {
                if (err instanceof errors/* KubeApiError */.W3 && err.code === 409 && attempt < 5)
                    continue;
                throw err;
            }
        }
        if (!this.settings.dryRun) {
            await waitForRollout(kube, { name: stableName, namespace: this.target.namespace }, { timeoutMs: this.settings.rolloutTimeoutMs, signal: this.deps.signal });
            this.log.info(`promote-stable: ${stableName} is available`);
        }
    }
    /** An unfinished finalize rolled back: the stable Deployment gets its template from before promote-stable again. */
    async restoreStable(state) {
        const { kube } = this.deps;
        const stableName = this.target.stableDeployment;
        if (!stableName)
            return;
        const id = Run.promotionId(state);
        for (let attempt = 1;; attempt++) {
            const stable = await kube.get(this.deploymentRef(stableName), { signal: this.writes });
            if (!stable)
                return;
            const annotations = { ...(stable.metadata?.annotations ?? {}) };
            const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
            if (!saved || saved.promotion !== id) {
                this.log.info(`finalize: ${stableName} was not changed by this promotion; nothing to restore`);
                return;
            }
            delete annotations[PREVIOUS_TEMPLATE_ANNOTATION];
            const next = {
                ...stable,
                metadata: { ...stable.metadata, annotations },
                spec: { ...stable.spec, template: saved.template },
            };
            delete next.metadata.managedFields;
            try {
                await kube.replace(next, { dryRun: this.settings.dryRun, signal: this.writes });
                this.log.warning(`finalize interrupted: ${stableName} has its previous pod template again (${(0,manifests/* imagesOf */.IC)(next).join(', ')})`);
                return;
            }
            catch (err) {
                if (err instanceof errors/* KubeApiError */.W3 && err.code === 409 && attempt < 5)
                    continue;
                throw err;
            }
        }
    }
    async scaleCanaryDown() {
        if (this.target.canaryDeployment)
            await this.deps.kube.patch(this.deploymentRef(this.target.canaryDeployment), { spec: { replicas: 0 } }, { dryRun: this.settings.dryRun, signal: this.writes });
        this.log.info(`scaled the canary Deployment ${this.target.canaryDeployment ?? '?'} to 0`);
    }
}
function parseSaved(raw) {
    if (!raw)
        return null;
    try {
        const v = JSON.parse(raw);
        return runner_isObject(v) && typeof v.promotion === 'string' && runner_isObject(v.template)
            ? { promotion: v.promotion, template: v.template }
            : null;
    }
    catch {
        return null;
    }
}
/**
 * The stable Deployment's images are what promotions made them (promote-stable gives it the
 * canary's): re-applying the manifests must not take it back to the image the manifest was
 * first written with. The manifests set the stable images only when it is created.
 */
function keepLiveImages(doc, live, logger) {
    const liveImages = new Map((live.spec?.template?.spec?.containers ?? []).map((c) => [c.name, c.image]));
    const copy = structuredClone(doc);
    for (const c of copy.spec?.template?.spec?.containers ?? []) {
        const image = liveImages.get(c.name);
        if (image && image !== c.image) {
            logger.info(`keeping the stable ${doc.metadata?.name ?? ''} container ${c.name ?? ''} at ${image} (the manifest says ${c.image ?? '?'})`);
            c.image = image;
        }
    }
    return copy;
}
/**
 * Sets canary-image on the chosen container of a canary Deployment that is not in the
 * manifests: read, change that container's image, replace with its resourceVersion (a partial
 * server-side apply by our field manager would drop the fields our earlier applies own).
 * Returns whether it changed anything.
 */
async function setLiveCanaryImage(kube, target, image, signal) {
    const ref = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target.canaryDeployment,
        namespace: target.namespace,
    };
    for (let attempt = 1;; attempt++) {
        const live = await kube.get(ref, { signal });
        if (!live)
            throw new Error(`canary Deployment ${target.namespace}/${target.canaryDeployment} does not exist`);
        if (imageOf(live, target.canaryContainer) === image)
            return false;
        const next = (0,manifests/* withImage */.Mo)(live, image, target.canaryContainer);
        delete next.metadata?.managedFields;
        try {
            await kube.replace(next, { signal });
            return true;
        }
        catch (err) {
            if (!(err instanceof errors/* KubeApiError */.W3) || err.code !== 409 || attempt >= 5)
                throw err;
        }
    }
}
/** The canary's pod template as this run will make it: from the manifests, else live with canary-image set. */
async function canaryTemplateHash(run, settings) {
    const t = run.target;
    if (!t.canaryDeployment)
        return null;
    const doc = t.docs.find((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === t.canaryDeployment);
    if (doc)
        return podTemplateHash(templateOf(doc.object));
    const live = await run.deps.kube.get(run.deploymentRef(t.canaryDeployment), { signal: run.deps.signal });
    if (!live)
        return null;
    const wanted = settings.canaryImage ? (0,manifests/* withImage */.Mo)(live, settings.canaryImage, t.canaryContainer) : live;
    return podTemplateHash(templateOf(wanted));
}
/**
 * Runs settings.command (run, step, promote, rollback, status) against the cluster behind
 * deps.kube and returns the full report (also passed to reporter.final). Input and manifest
 * problems throw before anything is written.
 */
async function runPromotion(input, deps) {
    const { kube, logger } = deps;
    let settings = input;
    if (settings.canaryImage &&
        (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')) {
        // They change no canary: the image is not set, checked or recorded.
        logger.info(`${settings.command} ignores canary-image ${settings.canaryImage}: it does not change the canary`);
        settings = { ...settings, canaryImage: null };
    }
    const target = await (0,promote_target/* resolveTarget */.u1)(settings, kube, {
        cwd: deps.cwd ?? external_node_process_default().cwd(),
        signal: deps.signal,
        logger,
        docs: deps.manifests,
    });
    const run = new Run(settings, deps, target);
    logger.info(`istio-canary ${settings.command}: VirtualService ${target.namespace}/${target.selection.virtualService} route ${target.selection.routeName ?? target.selection.routeIndex}, stable ${target.selection.stable.subset} (${target.stableDeployment ?? '?'}), canary ${target.selection.canary.subset} (${target.canaryDeployment ?? '?'})${target.canaryImage ? ` image ${target.canaryImage}` : ''}`);
    if (settings.command === 'status' || settings.command === 'cleanup') {
        await run.readVs();
        const s = run.state;
        logger.info(s
            ? describe(s)
            : `no promotion recorded on ${target.selection.virtualService}; canary at ${run.liveWeight()}%`);
        const what = run.edited(run.vs, s);
        if (what)
            logger.warning(what);
        const report = run.report(null);
        await deps.reporter.final(report);
        return report;
    }
    if (settings.dryRun)
        return dryRun(run);
    if (settings.command === 'promote' && settings.canaryImage && !target.canaryDeployment)
        throw new manifests/* ManifestError */.Sh([
            `promote with canary-image ${settings.canaryImage}: no canary Deployment to set it on (subset ${target.selection.canary.subset}); nothing was written`,
        ]);
    // A broken state annotation is reported before anything is written.
    await run.readVs(deps.signal);
    // The Lease lives in the VirtualService's namespace: when the manifests create that
    // namespace, it is applied first (idempotent), so the lease can be taken before anything else.
    const nsDoc = target.docs.find((d) => d.object.kind === 'Namespace' && d.object.metadata?.name === target.namespace);
    if (nsDoc &&
        !(await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: target.namespace }, { signal: deps.signal })))
        await (0,manifests/* applyManifests */.ZJ)(kube, [nsDoc], { logger, signal: deps.signal });
    // rollback does not wait for a run that holds the lease: it takes the lease over (the run's
    // next renewal or write finds it lost) and writes weight 0 with optimistic concurrency.
    const preempt = settings.command === 'rollback';
    run.lease = await acquireLease(kube, {
        namespace: target.namespace,
        virtualService: target.selection.virtualService,
        holder: run.holder,
        durationMs: deps.lease?.durationMs ?? 15_000,
        waitMs: preempt ? 0 : (deps.lease?.waitMs ?? 120_000),
        preempt,
        signal: deps.signal,
        logger,
        now: deps.clock ? () => deps.clock.now() : undefined,
    });
    try {
        try {
            if (preempt)
                await rollbackNow(run);
            else
                await promote(run, settings);
        }
        catch (err) {
            throw await failed(run, err);
        }
    }
    finally {
        await run.lease.release(run.writes);
    }
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
}
/** rollback: weight 0 now, whatever holds the lease; a conflicting write is re-read and decided again. */
async function rollbackNow(run) {
    for (let attempt = 1;; attempt++) {
        await run.readVs(run.writes);
        const state = run.state ?? freshState(run.ctx(), run.liveWeight());
        try {
            await run.drive(transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx()));
            return;
        }
        catch (err) {
            if (!(err instanceof ConcurrentChangeError) || err instanceof HumanEditError || attempt >= 5)
                throw err;
            run.log.info(`rollback: ${err.message}; deciding again on the new state`);
        }
    }
}
/** run, step and promote, under the lease. */
async function promote(run, settings) {
    const { kube, logger } = run.deps;
    const { target, deps } = run;
    await run.readVs();
    // A person's change of the weights wins (or is taken over) before anything is written.
    const edit = run.edited(run.vs, run.state);
    if (edit && run.state) {
        if (!settings.takeOver)
            throw new HumanEditError(`${edit}. Nothing was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`);
        logger.warning(`${edit}; take-over: continuing from the live weights`);
        const weight = run.liveWeight();
        run.state = {
            ...run.state,
            weight,
            events: [...(run.state.events ?? []), { at: run.iso(), message: `take-over: ${edit}` }],
        };
    }
    const adopted = edit ? run.state : null;
    const walking = settings.command === 'run' || settings.command === 'step';
    run.templateHash = await canaryTemplateHash(run, settings);
    // run/step: a new image or template starts over. promote: a finished promotion of another
    // image is a new one for the image named (an unfinished one just takes the new image).
    const finished = run.state?.phase === 'promoted' || run.state?.phase === 'rolled-back';
    const restart = walking || (settings.command === 'promote' && settings.canaryImage && finished)
        ? restartReason(run.state, target.canaryImage, walking ? run.templateHash : null)
        : null;
    const fresh = restart !== null;
    const moves = !(run.state?.phase === 'finalizing' || (run.state?.phase === 'promoted' && !fresh));
    if (settings.command === 'promote' && target.canaryDeployment && moves) {
        // promote moves 100% to the canary before stable takes its template: never onto no pods.
        const canary = await kube.get(run.deploymentRef(target.canaryDeployment), { signal: deps.signal });
        const replicas = canary && runner_isObject(canary.spec) ? canary.spec.replicas : undefined;
        if (replicas === 0)
            throw new manifests/* ManifestError */.Sh([
                `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas, so 100% of the traffic would have no pod to go to; nothing was written. Run \`run\` or \`step\` (which apply the manifests) first, or scale it up`,
            ]);
    }
    let restarted = null;
    if (fresh && run.state) {
        const previous = describe(run.state);
        const events = [
            { at: run.iso(), message: `new promotion from the first step: ${restart} (previous: ${previous})` },
        ];
        logger.info(`starting a new promotion for ${target.canaryImage ?? 'the canary'}: ${restart} (previous: ${previous})`);
        // Traffic off the canary before it changes, and the state names the new image at once: the
        // new image is judged from the first step, and a kill from here on resumes the new promotion.
        await run.writeState({ ...freshState(run.ctx(), 0), events });
        restarted = run.state;
    }
    if (walking && (fresh || run.state?.phase === 'in-progress' || run.state?.phase === 'held')) {
        // A fresh promotion applies everything, with the route's canary weight at 0 (the schedule
        // owns the weights). A resumed one keeps the live VirtualService: its weights and state.
        const liveStable = target.stableDeployment
            ? await kube.get(run.deploymentRef(target.stableDeployment), { signal: deps.signal })
            : null;
        const docs = target.docs.flatMap((d) => {
            const o = d.object;
            if (o.kind === 'Deployment' && liveStable && o.metadata?.name === target.stableDeployment)
                return [{ ...d, object: keepLiveImages(o, liveStable, logger) }];
            if (o.kind !== 'VirtualService' || o.metadata?.name !== target.selection.virtualService)
                return [d];
            return fresh ? [{ ...d, object: (0,plan/* withCanaryWeight */.T1)(o, target.selection, 0) }] : [];
        });
        if (docs.length)
            await (0,manifests/* applyManifests */.ZJ)(kube, docs, { logger, signal: deps.signal });
        if (settings.canaryImage &&
            target.canaryDeployment &&
            !target.docs.some((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === target.canaryDeployment))
            await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
        await run.readVs();
        // A new promotion with nothing recorded before starts from the weights just applied; a
        // taken-over one from the live weights it adopted.
        if (fresh && !restarted)
            run.state = null;
        else if (adopted && !restarted)
            run.state = adopted;
    }
    if (settings.command === 'promote' && settings.canaryImage && target.canaryDeployment) {
        // promote names an image: the canary runs it (set and rolled out) before it is promoted.
        if (await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal)) {
            logger.info(`promote: set ${settings.canaryImage} on ${target.canaryContainer ? `container ${target.canaryContainer} of ` : ''}the canary Deployment ${target.canaryDeployment}; waiting for its rollout before promoting it`);
            await waitForRollout(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
        }
        if (run.state && run.state.canaryImage !== settings.canaryImage)
            run.state = { ...run.state, canaryImage: settings.canaryImage, templateHash: run.templateHash };
    }
    const state = restarted ?? run.state ?? freshState(run.ctx(), run.liveWeight());
    let first = transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
    if (walking &&
        target.canaryDeployment &&
        (first.action.type === 'measure' || first.action.type === 'write')) {
        try {
            await (0,log/* withGroup */.I)(logger, `canary rollout: ${target.namespace}/${target.canaryDeployment}`, async () => {
                logger.info(`waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`);
                await waitForRollout(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
                // A Deployment scaled to 0 is "complete" to Kubernetes, but a canary with no pod would
                // turn every request routed to it into a 503.
                const live = await kube.get(run.deploymentRef(target.canaryDeployment), { signal: deps.signal });
                const replicas = live && runner_isObject(live.spec) ? live.spec.replicas : undefined;
                if (replicas === 0)
                    throw new Error(`the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas: traffic routed to it would only get 503; scale it up (or let the manifests set its replicas) and run again`);
                logger.info(`canary Deployment ${target.canaryDeployment} is available`);
            });
        }
        catch (err) {
            const event = deps.signal.aborted
                ? { type: 'cancelled', why: run.cancelReason() }
                : { type: 'error', message: `canary rollout: ${err.message}` };
            first = transition(state, event, run.ctx());
            run.noteFailure(event, first);
        }
    }
    // Nothing moves until the measurement is proven (load path, Prometheus, Services): see probe.ts.
    const unproven = await unprovenMeasurement(first, {
        kube,
        metrics: deps.metrics,
        virtualService: run.vs ?? {},
        routeIndex: target.selection.routeIndex,
        namespace: target.namespace,
        liveWeight: run.liveWeight(),
        signal: deps.signal,
        logger,
    });
    if (unproven) {
        first = transition(state, unproven, run.ctx());
        run.noteFailure(unproven, first);
    }
    await run.drive(first);
}
/**
 * An unrecoverable error mid-run (the API gone after the retries, a bug): unless another writer
 * took over, roll back (or hold) best effort so the state says why, post the report, and return
 * a PromotionError carrying it.
 */
async function failed(run, err) {
    const message = err instanceof Error ? err.message : String(err);
    run.deps.logger.error(`promotion failed: ${message}`);
    // Only a run that got as far as driving the machine has something to roll back or hold; it
    // decides from the last state the server confirmed (the intended one may never have landed).
    const state = run.current ? run.state : null;
    if (err instanceof ConcurrentChangeError) {
        // Someone else's state or weights: report them as the server has them, write nothing.
        try {
            await run.readVs(run.writes);
            run.current = run.state;
        }
        catch {
            // the last answer stands
        }
    }
    else if (state && run.vs && !(state.phase === 'rolled-back' && state.weight === 0)) {
        const t = transition(state, { type: 'error', message }, run.ctx());
        try {
            if (t.action.type === 'write')
                await run.writeState(t.state);
            else if (t.action.type !== 'stop')
                await run.drive(t);
        }
        catch (again) {
            run.current = run.state;
            run.deps.logger.error(`could not record the failure on the VirtualService (${again.message}); the canary is at ${run.liveWeight()}%, the weight the API server last confirmed`);
        }
    }
    else if (run.current && run.current !== run.state) {
        run.current = run.state;
    }
    const base = run.report(null);
    const report = { ...base, reason: base.reason ?? message };
    try {
        await run.deps.reporter.final(report);
    }
    catch (e) {
        run.deps.logger.warning(`final report failed: ${e.message}`);
    }
    return new PromotionError(message, report, { cause: err });
}
async function dryRun(run) {
    const { kube, logger } = run.deps;
    // resolveTarget already sent the whole batch as a server-side dry run (its problems are errors).
    if (run.target.docs.length)
        logger.info(`[dry-run] the API server accepted all ${run.target.docs.length} documents (server-side dry run)`);
    await run.readVs();
    const current = run.state?.weight ?? run.liveWeight();
    for (const w of run.settings.steps.filter((x) => x > current)) {
        if (run.vs)
            await kube.replace((0,plan/* withCanaryWeight */.T1)(run.vs, run.target.selection, w), { dryRun: true });
        logger.info(`[dry-run] would set ${run.target.selection.virtualService}: canary ${w}% / stable ${100 - w}%, then measure ${run.settings.intervalMs} ms`);
    }
    const report = run.report(null);
    await run.deps.reporter.final(report);
    return report;
}
/**
 * For the post step: when the main step of this process's job (deps.holder, saved by main)
 * left a rollback unfinished (phase rolling-back), a finalize unfinished (phase finalizing:
 * completed when stable already took the traffic back, else restored), or was cancelled
 * mid-promotion (phase in-progress) with on-cancel rollback, finish it. Returns the report
 * when it did something, else null.
 */
async function finishInterrupted(settings, deps) {
    if (!deps.holder) {
        deps.logger.debug('post: the main step saved no holder id; no promotion to finish');
        return null;
    }
    // The live cluster has what main applied: no need to read the manifests again. When main
    // never got as far as a VirtualService, there is nothing to finish.
    let target;
    try {
        target = await (0,promote_target/* resolveTarget */.u1)({ ...settings, command: 'rollback', manifests: [], canaryImage: null }, deps.kube, { cwd: deps.cwd ?? external_node_process_default().cwd() });
    }
    catch (err) {
        if (!(err instanceof manifests/* ManifestError */.Sh))
            throw err;
        deps.logger.debug(`post: no promotion to finish (${err.message})`);
        return null;
    }
    const run = new Run({ ...settings, command: 'rollback' }, deps, target);
    await run.readVs();
    const s = run.state;
    if (!s || s.runId !== run.holder)
        return null;
    const interrupted = s.phase === 'rolling-back' ||
        s.phase === 'finalizing' ||
        (s.phase === 'in-progress' && settings.onCancel === 'rollback');
    if (!interrupted)
        return null;
    const what = run.edited(run.vs, s);
    if (what) {
        deps.logger.warning(`post: ${what}; leaving the route as it is`);
        return null;
    }
    deps.logger.warning(`the promotion was interrupted (${describe(s)}); finishing it`);
    run.lease = await acquireLease(deps.kube, {
        namespace: target.namespace,
        virtualService: target.selection.virtualService,
        holder: run.holder,
        durationMs: deps.lease?.durationMs ?? 15_000,
        waitMs: deps.lease?.waitMs ?? 30_000,
        logger: deps.logger,
    });
    try {
        const reason = s.phase === 'rolling-back'
            ? (s.reason ?? 'finishing an interrupted rollback')
            : s.phase === 'finalizing'
                ? `the run stopped during finalize at ${s.weight}% canary (cancelled or killed); finished by the post step`
                : `the run stopped at ${s.weight}% canary without finishing (cancelled or killed); rolled back by the post step`;
        const t = transition(s, { type: 'cancelled', why: reason }, { ...run.ctx(), onCancel: 'rollback' });
        await run.drive(t);
    }
    finally {
        await run.lease.release();
    }
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
}


/***/ })

};
