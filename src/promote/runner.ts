// The promotion runner: resolves the target, takes the lease, applies the manifests, waits for
// the canary, then performs the state machine's actions (writes, windows, finalize) until it
// stops, reporting progress after every step. All I/O goes through deps.
import process from 'node:process';
import type { Logger, Reporter } from '../ports.js';
import type { Settings } from '../settings.js';
import type { Metrics, PromotionReport, PromotionState, StepWindow } from '../model.js';
import type { Kube, KubeObject, ObjectRef } from '../kube/client.js';
import { KubeApiError } from '../kube/errors.js';
import { ManifestError, applyManifests, imagesOf, withImage } from '../kube/manifests.js';
import { waitForRollout } from '../kube/rollout.js';
import { STATE_ANNOTATION, currentWeights, withCanaryWeight } from '../plan.js';
import { acquireLease, type HeldLease } from './lease.js';
import {
  type Action,
  type MachineContext,
  type MachineEvent,
  describe,
  freshState,
  parseState,
  startsFresh,
  statusOf,
  transition,
} from './machine.js';
import { resolveTarget, type Target } from './target.js';

export interface PromotionDeps {
  kube: Kube;
  metrics: Metrics;
  reporter: Reporter;
  logger: Logger;
  /** Aborted on SIGINT/SIGTERM: the current step stops and on-cancel applies. */
  signal: AbortSignal;
  clock?: { now(): number };
  /** Lease timing; defaults: 15 s duration, wait up to 2 min for another run. */
  lease?: { durationMs?: number; waitMs?: number };
  /** Where relative manifest paths are resolved (default: the process's working directory). */
  cwd?: string;
  /** Called with the canary weight after every VirtualService write the API server confirmed. */
  onConfirmedWeight?(weight: number): void;
}

/** Bound for the writes made after a cancellation (GitHub kills the job 7.5 s after SIGINT). */
const CANCEL_WRITE_BUDGET_MS = 4500;

export function holderId(settings: Settings): string {
  return `${settings.github.repository ?? 'local'}/${settings.github.runId ?? `pid-${process.pid}`}`;
}

/** Another run or person changed the promotion: this run must not write any more. */
export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

/** The run failed after it started writing; carries the report (also passed to reporter.final). */
export class PromotionError extends Error {
  override name = 'PromotionError';
  constructor(
    message: string,
    readonly report: PromotionReport,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

class Run {
  readonly started: string;
  readonly weightsApplied: PromotionReport['weightsApplied'] = [];
  state: PromotionState | null = null;
  /** The machine's latest state, written or not yet (what progress reports show). */
  current: PromotionState | null = null;
  /** The VirtualService as last read or written (its resourceVersion is the base of the next write). */
  vs: KubeObject | null = null;
  message = '';
  lease: HeldLease | null = null;

  constructor(
    readonly settings: Settings,
    readonly deps: PromotionDeps,
    readonly target: Target,
  ) {
    this.started = this.iso();
  }

  get log(): Logger {
    return this.deps.logger;
  }

  iso(): string {
    return new Date(this.deps.clock?.now() ?? Date.now()).toISOString();
  }

  get vsRef(): ObjectRef {
    return {
      apiVersion: this.target.vsApiVersion,
      kind: 'VirtualService',
      name: this.target.selection.virtualService,
      namespace: this.target.namespace,
    };
  }

  ctx(): MachineContext {
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

  async readVs(signal?: AbortSignal): Promise<void> {
    this.vs = await this.deps.kube.get(this.vsRef, { signal });
    this.state = parseState(this.vs?.metadata?.annotations?.[STATE_ANNOTATION]);
  }

  liveWeight(): number {
    return this.vs ? currentWeights(this.vs, this.target.selection).canary : 0;
  }

  /**
   * Writes the weights and the state in one update, with the resourceVersion last read. On a
   * conflict it re-reads: if the stored state is still the one this run based its decision on,
   * it writes again on the fresh object; if another writer changed the state, it stops.
   */
  async writeState(next: PromotionState, signal?: AbortSignal): Promise<void> {
    const lost = this.lease?.lost();
    if (lost) throw new ConcurrentChangeError(`stopped before writing: ${lost}`);
    const base = this.vs?.metadata?.annotations?.[STATE_ANNOTATION];
    const json = JSON.stringify(next);
    for (let attempt = 1; ; attempt++) {
      if (!this.vs)
        throw new Error(
          `VirtualService ${this.target.namespace}/${this.target.selection.virtualService} does not exist`,
        );
      const body = withCanaryWeight(this.vs, this.target.selection, next.weight) as KubeObject;
      body.metadata = {
        ...body.metadata,
        annotations: { ...(body.metadata?.annotations ?? {}), [STATE_ANNOTATION]: json },
      };
      delete (body.metadata as Record<string, unknown>).managedFields;
      try {
        this.vs = await this.deps.kube.replace(body, { signal, dryRun: this.settings.dryRun });
        break;
      } catch (err) {
        if (!(err instanceof KubeApiError) || err.code !== 409 || attempt >= 5) throw err;
        const live = await this.deps.kube.get(this.vsRef, { signal });
        const stored = live?.metadata?.annotations?.[STATE_ANNOTATION];
        this.vs = live;
        if (stored === json) break; // our own write landed before its answer was lost
        if (stored !== base) {
          const other = parseState(stored);
          throw new ConcurrentChangeError(
            `the VirtualService ${this.target.selection.virtualService} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? describe(other) : 'none'}); not overwriting it`,
            { cause: err },
          );
        }
        this.log.debug(
          `conflict writing ${this.target.selection.virtualService}; re-read, state unchanged, writing again`,
        );
      }
    }
    const prev = this.state;
    this.state = next;
    this.current = next;
    if (!prev || prev.weight !== next.weight || this.weightsApplied.length === 0)
      this.weightsApplied.push({ stable: 100 - next.weight, canary: next.weight, at: next.updatedAt });
    this.log.info(
      `${this.settings.dryRun ? '[dry-run] ' : ''}${this.target.selection.virtualService}: canary ${next.weight}% / stable ${100 - next.weight}% — ${next.phase}${next.reason ? ` (${next.reason})` : ''}`,
    );
  }

  report(endedAt: string | null): PromotionReport {
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
        runUrl:
          gh.repository && gh.runId ? `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}` : null,
        serverUrl: gh.serverUrl,
      },
      nextCommands: held ? ['command: step', 'command: promote', 'command: rollback'] : [],
      startedAt: this.started,
      endedAt: endedAt ?? this.iso(),
    };
  }

  async progress(): Promise<void> {
    try {
      await this.deps.reporter.progress(this.report(null));
    } catch (err) {
      this.log.warning(`progress report failed: ${(err as Error).message}`);
    }
  }

  window(step: number, weight: number): StepWindow {
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

  cancelReason(): string {
    const r: unknown = this.deps.signal.reason;
    const what = r instanceof Error ? r.message : typeof r === 'string' ? r : 'the run was cancelled';
    return `cancelled (${what})${this.state ? ` at ${this.state.weight}% canary` : ''}`;
  }

  /** Performs actions until the machine stops. Cancellation and errors become machine events. */
  async drive(first: { state: PromotionState; action: Action }): Promise<void> {
    let { state, action } = first;
    let guard = 0;
    for (;;) {
      if (++guard > 1000) throw new Error('the promotion made no progress (internal error)');
      let event: MachineEvent | null = null;
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
            this.log.info(
              `step ${action.step}/${this.settings.steps.length}: measuring ${this.settings.intervalMs} ms at ${action.weight}% canary${action.attempt > 1 ? ' (extended: the first window was inconclusive)' : ''}`,
            );
            const verdict = await this.deps.metrics.measure(this.window(action.step, action.weight));
            if (this.deps.signal.aborted) {
              event = { type: 'cancelled', why: this.cancelReason() };
              break;
            }
            this.log.info(
              `step ${action.step}/${this.settings.steps.length} at ${action.weight}%: ${verdict.outcome} — ${verdict.reasons.map((r) => r.message).join('; ')}`,
            );
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
              await this.deps.kube.patch(
                {
                  apiVersion: 'apps/v1',
                  kind: 'Deployment',
                  name: this.target.canaryDeployment,
                  namespace: this.target.namespace,
                },
                { spec: { replicas: 0 } },
                { dryRun: this.settings.dryRun, signal: writeSignal },
              );
            this.log.info(`scaled the canary Deployment ${this.target.canaryDeployment ?? '?'} to 0`);
            action = action.then;
            continue;
        }
      } catch (err) {
        if (this.deps.signal.aborted && !cancelled) event = { type: 'cancelled', why: this.cancelReason() };
        else if (action.type === 'write' || cancelled) throw err;
        else event = { type: 'error', message: (err as Error).message };
      }
      if (!event) throw new Error('internal: no event');
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
  async promoteStable(): Promise<void> {
    const { kube } = this.deps;
    const ns = this.target.namespace;
    const canaryName = this.target.canaryDeployment;
    const stableName = this.target.stableDeployment;
    if (!canaryName || !stableName)
      throw new Error('finalize promote-stable needs both the stable and the canary Deployment');
    const ref = (name: string): ObjectRef => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name,
      namespace: ns,
    });
    for (let attempt = 1; ; attempt++) {
      const [canary, stable] = await Promise.all([kube.get(ref(canaryName)), kube.get(ref(stableName))]);
      if (!canary || !stable) throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
      const cSpec = canary.spec as { template?: { metadata?: { labels?: Record<string, string> } } };
      const sSpec = stable.spec as {
        selector?: { matchLabels?: Record<string, string> };
        template?: { metadata?: { labels?: Record<string, string> } };
      };
      const template = structuredClone(cSpec.template ?? {});
      const keep = { ...this.target.stableLabels, ...(sSpec.selector?.matchLabels ?? {}) };
      const stableLabels = sSpec.template?.metadata?.labels ?? {};
      const labels = { ...(template.metadata?.labels ?? {}) };
      for (const k of Object.keys(this.target.canaryLabels)) if (!(k in keep)) delete labels[k];
      Object.assign(labels, keep);
      for (const k of Object.keys(keep)) if (stableLabels[k] !== undefined) labels[k] = stableLabels[k];
      template.metadata = { ...(template.metadata ?? {}), labels };
      const next = { ...stable, spec: { ...(stable.spec as object), template } };
      delete next.metadata?.managedFields;
      try {
        await kube.replace(next, { dryRun: this.settings.dryRun });
        this.log.info(
          `promote-stable: ${stableName} now runs the canary's pod template (${imagesOf(next).join(', ')})`,
        );
        break;
      } catch (err) {
        if (err instanceof KubeApiError && err.code === 409 && attempt < 5) continue;
        throw err;
      }
    }
    if (!this.settings.dryRun) {
      await waitForRollout(
        kube,
        { name: stableName, namespace: ns },
        { timeoutMs: this.settings.rolloutTimeoutMs, signal: this.deps.signal },
      );
      this.log.info(`promote-stable: ${stableName} is available`);
    }
  }
}

/**
 * The stable Deployment's images are what promotions made them (promote-stable gives it the
 * canary's): re-applying the manifests must not take it back to the image the manifest was
 * first written with. The manifests set the stable images only when it is created.
 */
function keepLiveImages(doc: KubeObject, live: KubeObject, logger: Logger): KubeObject {
  type Pod = { spec?: { template?: { spec?: { containers?: { name?: string; image?: string }[] } } } };
  const liveImages = new Map(
    ((live as Pod).spec?.template?.spec?.containers ?? []).map((c) => [c.name, c.image]),
  );
  const copy = structuredClone(doc) as KubeObject & Pod;
  for (const c of copy.spec?.template?.spec?.containers ?? []) {
    const image = liveImages.get(c.name);
    if (image && image !== c.image) {
      logger.info(
        `keeping the stable ${doc.metadata?.name ?? ''} container ${c.name ?? ''} at ${image} (the manifest says ${c.image ?? '?'})`,
      );
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
async function setLiveCanaryImage(kube: Kube, target: Target, image: string): Promise<void> {
  const ref: ObjectRef = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: target.canaryDeployment!,
    namespace: target.namespace,
  };
  for (let attempt = 1; ; attempt++) {
    const live = await kube.get(ref);
    if (!live)
      throw new Error(`canary Deployment ${target.namespace}/${target.canaryDeployment} does not exist`);
    if (imagesOf(live).every((i) => i === image)) return;
    const next = withImage(live, image);
    delete next.metadata?.managedFields;
    try {
      await kube.replace(next);
      return;
    } catch (err) {
      if (!(err instanceof KubeApiError) || err.code !== 409 || attempt >= 5) throw err;
    }
  }
}

/**
 * Runs settings.command (run, step, promote, rollback, status) against the cluster behind
 * deps.kube and returns the full report (also passed to reporter.final). Input and manifest
 * problems throw before anything is written.
 */
export async function runPromotion(settings: Settings, deps: PromotionDeps): Promise<PromotionReport> {
  const { kube, logger } = deps;
  const target = await resolveTarget(settings, kube, { cwd: deps.cwd ?? process.cwd(), signal: deps.signal });
  const run = new Run(settings, deps, target);
  logger.info(
    `istio-canary ${settings.command}: VirtualService ${target.namespace}/${target.selection.virtualService} route ${target.selection.routeName ?? target.selection.routeIndex}, stable ${target.selection.stable.subset} (${target.stableDeployment ?? '?'}), canary ${target.selection.canary.subset} (${target.canaryDeployment ?? '?'})${target.canaryImage ? ` image ${target.canaryImage}` : ''}`,
  );

  if (settings.command === 'status' || settings.command === 'cleanup') {
    await run.readVs();
    const s = run.state;
    logger.info(
      s
        ? describe(s)
        : `no promotion recorded on ${target.selection.virtualService}; canary at ${run.liveWeight()}%`,
    );
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
  }

  if (settings.dryRun) return dryRun(run);

  // A broken state annotation is reported before anything is written.
  await run.readVs(deps.signal);
  // The Lease lives in the VirtualService's namespace: when the manifests create that
  // namespace, it is applied first (idempotent), so the lease can be taken before anything else.
  const nsDoc = target.docs.find(
    (d) => d.object.kind === 'Namespace' && d.object.metadata?.name === target.namespace,
  );
  if (
    nsDoc &&
    !(await kube.get(
      { apiVersion: 'v1', kind: 'Namespace', name: target.namespace },
      { signal: deps.signal },
    ))
  )
    await applyManifests(kube, [nsDoc], { logger, signal: deps.signal });
  run.lease = await acquireLease(kube, {
    namespace: target.namespace,
    virtualService: target.selection.virtualService,
    holder: holderId(settings),
    durationMs: deps.lease?.durationMs ?? 15_000,
    waitMs: deps.lease?.waitMs ?? 120_000,
    signal: deps.signal,
    logger,
    now: deps.clock ? () => deps.clock!.now() : undefined,
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
        if (o.kind !== 'VirtualService' || o.metadata?.name !== target.selection.virtualService) return [d];
        return fresh ? [{ ...d, object: withCanaryWeight(o, target.selection, 0) }] : [];
      });
      if (docs.length) await applyManifests(kube, docs, { logger, signal: deps.signal });
      if (
        settings.canaryImage &&
        target.canaryDeployment &&
        !target.docs.some(
          (d) => d.object.kind === 'Deployment' && d.object.metadata?.name === target.canaryDeployment,
        )
      )
        await setLiveCanaryImage(kube, target, settings.canaryImage);
      await run.readVs();
      if (fresh && run.state)
        logger.info(
          `starting a new promotion for ${target.canaryImage ?? 'the canary'} (previous: ${describe(run.state)})`,
        );
    }
    const state = fresh ? freshState(run.ctx(), run.liveWeight()) : run.state!;
    if (fresh) run.state = null;
    let first = transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
    if (
      walking &&
      target.canaryDeployment &&
      (first.action.type === 'measure' || first.action.type === 'write')
    ) {
      try {
        logger.info(
          `waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`,
        );
        await waitForRollout(
          kube,
          { name: target.canaryDeployment, namespace: target.namespace },
          { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal },
        );
        logger.info(`canary Deployment ${target.canaryDeployment} is available`);
      } catch (err) {
        const event: MachineEvent = deps.signal.aborted
          ? { type: 'cancelled', why: run.cancelReason() }
          : { type: 'error', message: `canary rollout: ${(err as Error).message}` };
        first = transition(state, event, run.ctx());
      }
    }
    try {
      await run.drive(first);
    } catch (err) {
      throw await failed(run, err);
    }
  } finally {
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
async function failed(run: Run, err: unknown): Promise<PromotionError> {
  const message = err instanceof Error ? err.message : String(err);
  run.deps.logger.error(`promotion failed: ${message}`);
  const state = run.current ?? run.state;
  if (!(err instanceof ConcurrentChangeError) && state && run.vs && state.phase !== 'rolled-back') {
    const t = transition(state, { type: 'error', message }, run.ctx());
    if (t.action.type === 'write') {
      try {
        await run.writeState(t.state, AbortSignal.timeout(CANCEL_WRITE_BUDGET_MS));
      } catch (again) {
        run.deps.logger.error(
          `could not record the failure on the VirtualService: ${(again as Error).message}`,
        );
      }
    }
  }
  const report = { ...run.report(null), reason: run.report(null).reason ?? message };
  try {
    await run.deps.reporter.final(report);
  } catch (e) {
    run.deps.logger.warning(`final report failed: ${(e as Error).message}`);
  }
  return new PromotionError(message, report, { cause: err });
}

async function dryRun(run: Run): Promise<PromotionReport> {
  const { kube, logger } = run.deps;
  if (run.target.docs.length)
    await applyManifests(kube, run.target.docs, { dryRun: true, logger, signal: run.deps.signal });
  await run.readVs();
  const current = run.state?.weight ?? run.liveWeight();
  for (const w of run.settings.steps.filter((x) => x > current)) {
    if (run.vs) await kube.replace(withCanaryWeight(run.vs, run.target.selection, w), { dryRun: true });
    logger.info(
      `[dry-run] would set ${run.target.selection.virtualService}: canary ${w}% / stable ${100 - w}%, then measure ${run.settings.intervalMs} ms`,
    );
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
export async function finishInterrupted(
  settings: Settings,
  deps: PromotionDeps,
): Promise<PromotionReport | null> {
  // The live cluster has what main applied: no need to read the manifests again. When main
  // never got as far as a VirtualService, there is nothing to finish.
  let target: Target;
  try {
    target = await resolveTarget({ ...settings, command: 'rollback', manifests: [] }, deps.kube, {
      cwd: deps.cwd ?? process.cwd(),
    });
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    deps.logger.debug(`post: no promotion to finish (${err.message})`);
    return null;
  }
  const run = new Run({ ...settings, command: 'rollback' }, deps, target);
  await run.readVs();
  const s = run.state;
  const me = holderId(settings);
  if (!s || s.runId !== me) return null;
  const interrupted =
    s.phase === 'rolling-back' || (s.phase === 'in-progress' && settings.onCancel === 'rollback');
  if (!interrupted) return null;
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
    const reason =
      s.phase === 'rolling-back'
        ? (s.reason ?? 'finishing an interrupted rollback')
        : `the run stopped at ${s.weight}% canary without finishing (cancelled or killed); rolled back by the post step`;
    const t = transition(s, { type: 'cancelled', why: reason }, { ...run.ctx(), onCancel: 'rollback' });
    await run.drive(t);
  } finally {
    await run.lease.release();
  }
  const report = run.report(null);
  await deps.reporter.final(report);
  return report;
}
