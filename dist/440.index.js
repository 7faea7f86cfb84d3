export const id = 440;
export const ids = [440];
export const modules = {

/***/ 5440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ConcurrentChangeError: () => (/* binding */ ConcurrentChangeError),
  PromotionError: () => (/* binding */ PromotionError),
  finishInterrupted: () => (/* binding */ finishInterrupted),
  holderId: () => (/* binding */ holderId),
  runPromotion: () => (/* binding */ runPromotion)
});

// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __webpack_require__(1708);
var external_node_process_default = /*#__PURE__*/__webpack_require__.n(external_node_process_);
// EXTERNAL MODULE: ./src/kube/client.ts
var client = __webpack_require__(1934);
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

// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(2464);
;// CONCATENATED MODULE: ./src/promote/lease.ts

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
            if (err instanceof client.KubeApiError && err.code === 409)
                continue;
            throw err;
        }
    }
    let lost = null;
    let renewing = Promise.resolve();
    const renew = async () => {
        try {
            const live = await kube.get(ref);
            const holder = live ? (specOf(live).holderIdentity ?? '') : '';
            if (!live || holder !== o.holder) {
                lost = `the lease ${name} is now held by ${holder || 'nobody'}`;
                return;
            }
            await kube.replace({ ...live, spec: { ...specOf(live), renewTime: microTime(now()) } });
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
        async release() {
            clearInterval(timer);
            await renewing;
            if (lost)
                return;
            try {
                const live = await kube.get(ref);
                if (live && specOf(live).holderIdentity === o.holder) {
                    const { holderIdentity: _holder, ...rest } = specOf(live);
                    await kube.replace({ ...live, spec: { ...rest, leaseDurationSeconds: 1 } });
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
        runId: ctx.runId,
        startedAt: ctx.now,
        updatedAt: ctx.now,
        reason: null,
        history: [],
    };
}
/** Whether this run starts a new promotion rather than continuing the stored one. */
function startsFresh(state, canaryImage) {
    if (!state)
        return true;
    if (!TERMINAL.includes(state.phase))
        return false;
    return canaryImage !== null && canaryImage !== state.canaryImage;
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
    const state = update(s, ctx, { phase: 'promoting', weight: 100, reason: null });
    // Already at 100% (the schedule's last step): no write of its own; the final write records
    // the verdict with the route back to stable. A crash in between re-judges the 100% step.
    if (s.weight === 100)
        return { state, action: { type: 'promote-stable' } };
    return write(state, { type: 'promote-stable' });
}
function rollBack(s, ctx, reason) {
    const state = update(s, ctx, { phase: 'rolled-back', weight: 0, reason });
    return write(state, stop(state, `rolled back: ${reason}`));
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
            return ctx.onCancel === 'hold' ? hold(s, ctx, event.why) : rollBack(s, ctx, event.why);
        case 'error':
            return ctx.onFailure === 'hold' ? hold(s, ctx, event.message) : rollBack(s, ctx, event.message);
        case 'stable-promoted': {
            const state = update(s, ctx, { phase: 'promoted', weight: 0, reason: null });
            return write(state, {
                type: 'scale-canary-down',
                then: stop(state, 'promoted: the stable Deployment runs the canary pod template and takes 100% again; canary scaled to 0'),
            });
        }
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
            return rollBack(s, ctx, `rollback requested by ${ctx.runId}`);
        case 'promote':
            if (s.phase === 'promoted')
                return { state: s, action: stop(s, 'already promoted') };
            if (s.phase === 'promoting')
                return { state: s, action: { type: 'promote-stable' } };
            return finalize(s, ctx);
        default:
            break;
    }
    // run / step
    if (s.phase === 'promoted' || s.phase === 'rolled-back')
        return { state: s, action: stop(s, `${describe(s)}; a new promotion starts with a new canary-image`) };
    if (s.phase === 'promoting')
        return { state: s, action: { type: 'promote-stable' } };
    if (s.phase === 'rolling-back')
        return rollBack(s, ctx, s.reason ?? 'finishing an interrupted rollback');
    return advance(s, ctx, false);
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
        phase: s.phase,
        weight: s.weight,
        step: typeof s.step === 'number' ? s.step : 0,
        steps: Array.isArray(s.steps) ? s.steps : [],
        canaryImage: s.canaryImage ?? null,
        runId: s.runId ?? '',
        startedAt: s.startedAt ?? '',
        updatedAt: s.updatedAt ?? '',
        reason: s.reason ?? null,
        history: s.history,
    };
}

;// CONCATENATED MODULE: ./src/promote/target.ts


const ISTIO_VERSIONS = [
    'networking.istio.io/v1',
    'networking.istio.io/v1beta1',
    'networking.istio.io/v1alpha3',
];
const target_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Lists an Istio kind in the first networking.istio.io version the cluster serves. */
async function listIstio(kube, kind, namespace, signal) {
    for (const v of ISTIO_VERSIONS) {
        try {
            await kube.resource(v, kind, signal);
        }
        catch {
            continue;
        }
        return { items: (await kube.list(v, kind, namespace, { signal })).items, apiVersion: v };
    }
    return { items: [], apiVersion: null };
}
/** Same service? `podinfo`, `podinfo.test` and `podinfo.test.svc.cluster.local` in namespace test all are. */
function sameHost(a, b, namespace) {
    const norm = (h) => {
        const parts = h.split('.');
        return `${parts[0]}.${parts[1] ?? namespace}`;
    };
    return a === b || norm(a) === norm(b);
}
function subsetLabels(dr, subset) {
    const spec = target_isObject(dr.spec) ? dr.spec : {};
    const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
    const s = subsets.filter(target_isObject).find((x) => x.name === subset);
    return s && target_isObject(s.labels) ? s.labels : null;
}
/**
 * Reads and validates the manifests and finds the route, subsets and Deployments, reading the
 * cluster where the manifests do not say. Throws ManifestError listing every problem found;
 * performs no write.
 */
async function resolveTarget(settings, kube, options) {
    const namespace = settings.namespace;
    const problems = [];
    let docs = [];
    if (settings.manifests.length) {
        const read = await (0,manifests.readManifests)(settings.manifests, options.cwd);
        const checked = (0,manifests.validateManifests)(read, namespace, { retarget: settings.preview });
        docs = checked.docs;
        problems.push(...checked.problems);
    }
    if (problems.length)
        throw new manifests/* ManifestError */.Sh(problems);
    // Manifests and cluster are both read-only so far; cluster checks only when there is something to apply.
    if (docs.length) {
        const clusterProblems = await (0,manifests/* checkAgainstCluster */.oD)(kube, docs, options.signal);
        if (clusterProblems.length)
            throw new manifests/* ManifestError */.Sh(clusterProblems);
    }
    const ofKind = (kind) => docs.filter((d) => d.object.kind === kind);
    const nsOf = (o) => o.metadata?.namespace ?? namespace;
    // The VirtualService: from the manifests when they have one, else from the cluster.
    let vsDocs = ofKind('VirtualService').map((d) => d.object);
    let vsApiVersion = vsDocs[0]?.apiVersion ?? null;
    if (vsDocs.length === 0) {
        const live = await listIstio(kube, 'VirtualService', namespace, options.signal);
        if (!live.apiVersion)
            throw new manifests/* ManifestError */.Sh([
                `the cluster serves no VirtualService (networking.istio.io): is Istio installed?`,
            ]);
        vsDocs = live.items;
        vsApiVersion = live.apiVersion;
    }
    let selection;
    try {
        selection = (0,plan/* selectRoute */.W7)(vsDocs, {
            virtualService: settings.virtualService,
            route: settings.route,
            stableSubset: settings.stableSubset,
            canarySubset: settings.canarySubset,
        });
    }
    catch (err) {
        if (err instanceof plan/* PlanError */.W6)
            throw new manifests/* ManifestError */.Sh([err.message]);
        throw err;
    }
    const vsNamespace = selection.namespace ?? namespace;
    // The DestinationRule that defines both subsets for the canary's host.
    const host = selection.canary.host;
    let drs = ofKind('DestinationRule')
        .map((d) => d.object)
        .filter((dr) => target_isObject(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr)));
    if (drs.length === 0)
        drs = (await listIstio(kube, 'DestinationRule', vsNamespace, options.signal)).items.filter((dr) => target_isObject(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr)));
    const dr = drs[0];
    if (!dr)
        throw new manifests/* ManifestError */.Sh([
            `no DestinationRule for host ${host} (needed for subsets ${selection.stable.subset} and ${selection.canary.subset})`,
        ]);
    const stableLabels = subsetLabels(dr, selection.stable.subset);
    const canaryLabels = subsetLabels(dr, selection.canary.subset);
    for (const [subset, labels] of [
        [selection.stable.subset, stableLabels],
        [selection.canary.subset, canaryLabels],
    ])
        if (!labels)
            problems.push(`DestinationRule ${dr.metadata?.name ?? '?'} (host ${host}) has no subset "${subset}" with labels`);
    if (problems.length || !stableLabels || !canaryLabels)
        throw new manifests/* ManifestError */.Sh(problems);
    // The Deployments whose pods carry the subset labels.
    const manifestDeps = ofKind('Deployment');
    const liveDeps = manifestDeps.length
        ? []
        : (await kube.list('apps/v1', 'Deployment', vsNamespace, { signal: options.signal })).items;
    const pick = (labels, subset, required) => {
        const fromManifests = manifestDeps.filter((d) => (0,manifests/* matchesLabels */.r1)((0,manifests/* podLabels */.z8)(d.object), labels));
        const fromCluster = liveDeps.filter((d) => (0,manifests/* matchesLabels */.r1)((0,manifests/* podLabels */.z8)(d), labels));
        const names = fromManifests.length
            ? fromManifests.map((d) => d.object.metadata.name)
            : fromCluster.map((d) => d.metadata.name);
        if (names.length > 1) {
            problems.push(`${names.length} Deployments match subset "${subset}" (${JSON.stringify(labels)}): ${names.join(', ')}; exactly one is needed`);
            return null;
        }
        if (names.length === 0 && required)
            problems.push(`no Deployment has pod labels ${JSON.stringify(labels)} of subset "${subset}"${manifestDeps.length ? ' in the manifests' : ` in namespace ${vsNamespace}`}`);
        return names[0] ?? null;
    };
    const canaryDeployment = pick(canaryLabels, selection.canary.subset, settings.canaryImage !== null || settings.command === 'run' || settings.command === 'step');
    const stableDeployment = pick(stableLabels, selection.stable.subset, settings.finalize === 'promote-stable' && settings.command !== 'status');
    if (problems.length)
        throw new manifests/* ManifestError */.Sh(problems);
    // canary-image on every container of the canary Deployment.
    let canaryImage = settings.canaryImage;
    const canaryDoc = docs.find((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === canaryDeployment);
    if (canaryDoc) {
        if (canaryImage)
            canaryDoc.object = (0,manifests/* withImage */.Mo)(canaryDoc.object, canaryImage);
        else
            canaryImage = (0,manifests/* imagesOf */.IC)(canaryDoc.object)[0] ?? null;
    }
    else if (canaryDeployment && !canaryImage) {
        const live = liveDeps.find((d) => d.metadata?.name === canaryDeployment);
        canaryImage = live ? ((0,manifests/* imagesOf */.IC)(live)[0] ?? null) : null;
    }
    void manifests/* where */._M;
    return {
        namespace: vsNamespace,
        docs,
        selection,
        vsApiVersion: vsApiVersion ?? 'networking.istio.io/v1',
        stableLabels,
        canaryLabels,
        stableDeployment,
        canaryDeployment,
        canaryImage,
    };
}

;// CONCATENATED MODULE: ./src/promote/runner.ts
// The promotion runner: resolves the target, takes the lease, applies the manifests, waits for
// the canary, then performs the state machine's actions (writes, windows, finalize) until it
// stops, reporting progress after every step. All I/O goes through deps.








/** Bound for the writes made after a cancellation (GitHub kills the job 7.5 s after SIGINT). */
const CANCEL_WRITE_BUDGET_MS = 4500;
function holderId(settings) {
    return `${settings.github.repository ?? 'local'}/${settings.github.runId ?? `pid-${(external_node_process_default()).pid}`}`;
}
/** Another run or person changed the promotion: this run must not write any more. */
class ConcurrentChangeError extends Error {
    name = 'ConcurrentChangeError';
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
class Run {
    settings;
    deps;
    target;
    started;
    weightsApplied = [];
    state = null;
    /** The machine's latest state, written or not yet (what progress reports show). */
    current = null;
    /** The VirtualService as last read or written (its resourceVersion is the base of the next write). */
    vs = null;
    message = '';
    lease = null;
    constructor(settings, deps, target) {
        this.settings = settings;
        this.deps = deps;
        this.target = target;
        this.started = this.iso();
    }
    get log() {
        return this.deps.logger;
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
    ctx() {
        return {
            command: this.settings.command,
            steps: this.settings.steps,
            finalize: this.settings.finalize,
            onFailure: this.settings.onFailure,
            onCancel: this.settings.onCancel,
            runId: holderId(this.settings),
            canaryImage: this.target.canaryImage,
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
     * Writes the weights and the state in one update, with the resourceVersion last read. On a
     * conflict it re-reads: if the stored state is still the one this run based its decision on,
     * it writes again on the fresh object; if another writer changed the state, it stops.
     */
    async writeState(next, signal) {
        const lost = this.lease?.lost();
        if (lost)
            throw new ConcurrentChangeError(`stopped before writing: ${lost}`);
        const base = this.vs?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
        const json = JSON.stringify(next);
        for (let attempt = 1;; attempt++) {
            if (!this.vs)
                throw new Error(`VirtualService ${this.target.namespace}/${this.target.selection.virtualService} does not exist`);
            const body = (0,plan/* withCanaryWeight */.T1)(this.vs, this.target.selection, next.weight);
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
                if (!(err instanceof client.KubeApiError) || err.code !== 409 || attempt >= 5)
                    throw err;
                const live = await this.deps.kube.get(this.vsRef, { signal });
                const stored = live?.metadata?.annotations?.[plan/* STATE_ANNOTATION */.qD];
                this.vs = live;
                if (stored === json)
                    break; // our own write landed before its answer was lost
                if (stored !== base) {
                    const other = parseState(stored);
                    throw new ConcurrentChangeError(`the VirtualService ${this.target.selection.virtualService} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? describe(other) : 'none'}); not overwriting it`, { cause: err });
                }
                this.log.debug(`conflict writing ${this.target.selection.virtualService}; re-read, state unchanged, writing again`);
            }
        }
        const prev = this.state;
        this.state = next;
        this.current = next;
        if (!prev || prev.weight !== next.weight || this.weightsApplied.length === 0)
            this.weightsApplied.push({ stable: 100 - next.weight, canary: next.weight, at: next.updatedAt });
        this.log.info(`${this.settings.dryRun ? '[dry-run] ' : ''}${this.target.selection.virtualService}: canary ${next.weight}% / stable ${100 - next.weight}% — ${next.phase}${next.reason ? ` (${next.reason})` : ''}`);
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
            command: this.settings.command,
            namespace: t.namespace,
            virtualService: t.selection.virtualService,
            route: t.selection.routeName ?? String(t.selection.routeIndex),
            stableSubset: t.selection.stable.subset,
            canarySubset: t.selection.canary.subset,
            canaryImage: s?.canaryImage ?? t.canaryImage,
            steps: [...this.settings.steps],
            weight: s?.weight ?? this.liveWeight(),
            step: s?.step ?? 0,
            history: s?.history ?? [],
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
    window(step, weight) {
        return {
            step,
            weight,
            intervalMs: this.settings.intervalMs,
            signal: this.deps.signal,
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
    /** Performs actions until the machine stops. Cancellation and errors become machine events. */
    async drive(first) {
        let { state, action } = first;
        let guard = 0;
        for (;;) {
            if (++guard > 1000)
                throw new Error('the promotion made no progress (internal error)');
            let event = null;
            // After a cancellation, writes get their own short deadline instead of the aborted signal.
            const cancelled = this.deps.signal.aborted;
            const writeSignal = cancelled ? AbortSignal.timeout(CANCEL_WRITE_BUDGET_MS) : undefined;
            try {
                switch (action.type) {
                    case 'stop':
                        this.state = state;
                        this.current = state;
                        this.message = action.message;
                        this.log.info(action.message);
                        return;
                    case 'write':
                        await this.writeState(state, writeSignal);
                        action = action.then;
                        continue;
                    case 'measure': {
                        if (this.deps.signal.aborted) {
                            event = { type: 'cancelled', why: this.cancelReason() };
                            break;
                        }
                        const startedAt = this.iso();
                        this.log.info(`step ${action.step}/${this.settings.steps.length}: measuring ${this.settings.intervalMs} ms at ${action.weight}% canary${action.attempt > 1 ? ' (extended: the first window was inconclusive)' : ''}`);
                        const verdict = await this.deps.metrics.measure(this.window(action.step, action.weight));
                        if (this.deps.signal.aborted) {
                            event = { type: 'cancelled', why: this.cancelReason() };
                            break;
                        }
                        this.log.info(`step ${action.step}/${this.settings.steps.length} at ${action.weight}%: ${verdict.outcome} — ${verdict.reasons.map((r) => r.message).join('; ')}`);
                        event = {
                            type: 'verdict',
                            step: action.step,
                            weight: action.weight,
                            attempt: action.attempt,
                            verdict,
                            startedAt,
                            endedAt: this.iso(),
                        };
                        break;
                    }
                    case 'promote-stable':
                        await this.promoteStable();
                        event = { type: 'stable-promoted' };
                        break;
                    case 'scale-canary-down':
                        if (this.target.canaryDeployment)
                            await this.deps.kube.patch({
                                apiVersion: 'apps/v1',
                                kind: 'Deployment',
                                name: this.target.canaryDeployment,
                                namespace: this.target.namespace,
                            }, { spec: { replicas: 0 } }, { dryRun: this.settings.dryRun, signal: writeSignal });
                        this.log.info(`scaled the canary Deployment ${this.target.canaryDeployment ?? '?'} to 0`);
                        action = action.then;
                        continue;
                }
            }
            catch (err) {
                if (this.deps.signal.aborted && !cancelled)
                    event = { type: 'cancelled', why: this.cancelReason() };
                else if (action.type === 'write' || cancelled)
                    throw err;
                else
                    event = { type: 'error', message: err.message };
            }
            if (!event)
                throw new Error('internal: no event');
            const t = transition(state, event, this.ctx());
            state = t.state;
            action = t.action;
            this.current = state;
            if (event.type === 'verdict' || event.type === 'cancelled' || event.type === 'error') {
                // The step's outcome is written first, so the progress report shows it.
                if (action.type === 'write') {
                    const sig = this.deps.signal.aborted ? AbortSignal.timeout(CANCEL_WRITE_BUDGET_MS) : undefined;
                    await this.writeState(state, sig);
                    action = action.then;
                }
                if (action.type !== 'measure' || event.type !== 'verdict' || event.step !== action.step)
                    await this.progress();
            }
        }
    }
    /** promote-stable: the stable Deployment gets the canary's pod template (keeping its own labels), then rolls out. */
    async promoteStable() {
        const { kube } = this.deps;
        const ns = this.target.namespace;
        const canaryName = this.target.canaryDeployment;
        const stableName = this.target.stableDeployment;
        if (!canaryName || !stableName)
            throw new Error('finalize promote-stable needs both the stable and the canary Deployment');
        const ref = (name) => ({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            namespace: ns,
        });
        for (let attempt = 1;; attempt++) {
            const [canary, stable] = await Promise.all([kube.get(ref(canaryName)), kube.get(ref(stableName))]);
            if (!canary || !stable)
                throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
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
            const next = { ...stable, spec: { ...stable.spec, template } };
            delete next.metadata?.managedFields;
            try {
                await kube.replace(next, { dryRun: this.settings.dryRun });
                this.log.info(`promote-stable: ${stableName} now runs the canary's pod template (${(0,manifests/* imagesOf */.IC)(next).join(', ')})`);
                break;
            }
            catch (err) {
                if (err instanceof client.KubeApiError && err.code === 409 && attempt < 5)
                    continue;
                throw err;
            }
        }
        if (!this.settings.dryRun) {
            await waitForRollout(kube, { name: stableName, namespace: ns }, { timeoutMs: this.settings.rolloutTimeoutMs, signal: this.deps.signal });
            this.log.info(`promote-stable: ${stableName} is available`);
        }
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
 * Sets canary-image on a canary Deployment that is not in the manifests: read, change the
 * images, replace with its resourceVersion (a partial server-side apply by our field manager
 * would drop the fields our earlier applies own).
 */
async function setLiveCanaryImage(kube, target, image) {
    const ref = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target.canaryDeployment,
        namespace: target.namespace,
    };
    for (let attempt = 1;; attempt++) {
        const live = await kube.get(ref);
        if (!live)
            throw new Error(`canary Deployment ${target.namespace}/${target.canaryDeployment} does not exist`);
        if ((0,manifests/* imagesOf */.IC)(live).every((i) => i === image))
            return;
        const next = (0,manifests/* withImage */.Mo)(live, image);
        delete next.metadata?.managedFields;
        try {
            await kube.replace(next);
            return;
        }
        catch (err) {
            if (!(err instanceof client.KubeApiError) || err.code !== 409 || attempt >= 5)
                throw err;
        }
    }
}
/**
 * Runs settings.command (run, step, promote, rollback, status) against the cluster behind
 * deps.kube and returns the full report (also passed to reporter.final). Input and manifest
 * problems throw before anything is written.
 */
async function runPromotion(settings, deps) {
    const { kube, logger } = deps;
    const target = await resolveTarget(settings, kube, { cwd: deps.cwd ?? external_node_process_default().cwd(), signal: deps.signal });
    const run = new Run(settings, deps, target);
    logger.info(`istio-canary ${settings.command}: VirtualService ${target.namespace}/${target.selection.virtualService} route ${target.selection.routeName ?? target.selection.routeIndex}, stable ${target.selection.stable.subset} (${target.stableDeployment ?? '?'}), canary ${target.selection.canary.subset} (${target.canaryDeployment ?? '?'})${target.canaryImage ? ` image ${target.canaryImage}` : ''}`);
    if (settings.command === 'status' || settings.command === 'cleanup') {
        await run.readVs();
        const s = run.state;
        logger.info(s
            ? describe(s)
            : `no promotion recorded on ${target.selection.virtualService}; canary at ${run.liveWeight()}%`);
        const report = run.report(null);
        await deps.reporter.final(report);
        return report;
    }
    if (settings.dryRun)
        return dryRun(run);
    // A broken state annotation is reported before anything is written.
    await run.readVs(deps.signal);
    // The Lease lives in the VirtualService's namespace: when the manifests create that
    // namespace, it is applied first (idempotent), so the lease can be taken before anything else.
    const nsDoc = target.docs.find((d) => d.object.kind === 'Namespace' && d.object.metadata?.name === target.namespace);
    if (nsDoc &&
        !(await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: target.namespace }, { signal: deps.signal })))
        await (0,manifests/* applyManifests */.ZJ)(kube, [nsDoc], { logger, signal: deps.signal });
    run.lease = await acquireLease(kube, {
        namespace: target.namespace,
        virtualService: target.selection.virtualService,
        holder: holderId(settings),
        durationMs: deps.lease?.durationMs ?? 15_000,
        waitMs: deps.lease?.waitMs ?? 120_000,
        signal: deps.signal,
        logger,
        now: deps.clock ? () => deps.clock.now() : undefined,
    });
    try {
        await run.readVs();
        const walking = settings.command === 'run' || settings.command === 'step';
        const fresh = startsFresh(run.state, target.canaryImage);
        if (walking && (fresh || run.state?.phase === 'in-progress' || run.state?.phase === 'held')) {
            // A fresh promotion applies everything, with the route's canary weight at 0 (the schedule
            // owns the weights). A resumed one keeps the live VirtualService: its weights and state.
            const liveStable = target.stableDeployment
                ? await kube.get({
                    apiVersion: 'apps/v1',
                    kind: 'Deployment',
                    name: target.stableDeployment,
                    namespace: target.namespace,
                })
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
                await setLiveCanaryImage(kube, target, settings.canaryImage);
            await run.readVs();
            if (fresh && run.state)
                logger.info(`starting a new promotion for ${target.canaryImage ?? 'the canary'} (previous: ${describe(run.state)})`);
        }
        const state = fresh ? freshState(run.ctx(), run.liveWeight()) : run.state;
        if (fresh)
            run.state = null;
        let first = transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
        if (walking &&
            target.canaryDeployment &&
            (first.action.type === 'measure' || first.action.type === 'write')) {
            try {
                logger.info(`waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`);
                await waitForRollout(kube, { name: target.canaryDeployment, namespace: target.namespace }, { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal });
                logger.info(`canary Deployment ${target.canaryDeployment} is available`);
            }
            catch (err) {
                const event = deps.signal.aborted
                    ? { type: 'cancelled', why: run.cancelReason() }
                    : { type: 'error', message: `canary rollout: ${err.message}` };
                first = transition(state, event, run.ctx());
            }
        }
        try {
            await run.drive(first);
        }
        catch (err) {
            throw await failed(run, err);
        }
    }
    finally {
        await run.lease.release();
    }
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
}
/**
 * An unrecoverable error mid-run (the API gone after the retries, a bug): unless another writer
 * took over, roll back (or hold) best effort so the state says why, post the report, and return
 * a PromotionError carrying it.
 */
async function failed(run, err) {
    const message = err instanceof Error ? err.message : String(err);
    run.deps.logger.error(`promotion failed: ${message}`);
    const state = run.current ?? run.state;
    if (!(err instanceof ConcurrentChangeError) && state && run.vs && state.phase !== 'rolled-back') {
        const t = transition(state, { type: 'error', message }, run.ctx());
        if (t.action.type === 'write') {
            try {
                await run.writeState(t.state, AbortSignal.timeout(CANCEL_WRITE_BUDGET_MS));
            }
            catch (again) {
                run.deps.logger.error(`could not record the failure on the VirtualService: ${again.message}`);
            }
        }
    }
    const report = { ...run.report(null), reason: run.report(null).reason ?? message };
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
    if (run.target.docs.length)
        await (0,manifests/* applyManifests */.ZJ)(kube, run.target.docs, { dryRun: true, logger, signal: run.deps.signal });
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
 * For the post step: when this run left a rollback unfinished (phase rolling-back) or was
 * cancelled mid-promotion (phase in-progress) with on-cancel rollback, finish the rollback.
 * Returns the report when it rolled back, else null.
 */
async function finishInterrupted(settings, deps) {
    // The live cluster has what main applied: no need to read the manifests again. When main
    // never got as far as a VirtualService, there is nothing to finish.
    let target;
    try {
        target = await resolveTarget({ ...settings, command: 'rollback', manifests: [] }, deps.kube, {
            cwd: deps.cwd ?? external_node_process_default().cwd(),
        });
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
    const me = holderId(settings);
    if (!s || s.runId !== me)
        return null;
    const interrupted = s.phase === 'rolling-back' || (s.phase === 'in-progress' && settings.onCancel === 'rollback');
    if (!interrupted)
        return null;
    deps.logger.warning(`the promotion was interrupted (${describe(s)}); rolling back`);
    run.lease = await acquireLease(deps.kube, {
        namespace: target.namespace,
        virtualService: target.selection.virtualService,
        holder: me,
        durationMs: deps.lease?.durationMs ?? 15_000,
        waitMs: deps.lease?.waitMs ?? 30_000,
        logger: deps.logger,
    });
    try {
        const reason = s.phase === 'rolling-back'
            ? (s.reason ?? 'finishing an interrupted rollback')
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
