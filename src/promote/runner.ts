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
import { randomBytes } from 'node:crypto';
import process from 'node:process';
import type { Logger, Reporter } from '../ports.js';
import type { Settings } from '../settings.js';
import type { Metrics, PromotionEvent, PromotionReport, PromotionState, StepWindow } from '../model.js';
import type { Kube, KubeObject, ObjectRef } from '../kube/client.js';
import { FIELD_MANAGER, KubeApiError } from '../kube/errors.js';
import { ManifestError, applyManifests, containersOf, imagesOf, withImage } from '../kube/manifests.js';
import { waitForRollout } from '../kube/rollout.js';
import { withGroup } from '../log.js';
import { STATE_ANNOTATION, currentWeights, withCanaryWeight } from '../plan.js';
import { acquireLease, type HeldLease } from './lease.js';
import {
  type Action,
  type MachineContext,
  type MachineEvent,
  describe,
  freshState,
  parseState,
  restartReason,
  statusOf,
  transition,
} from './machine.js';
import { resolveTarget, type Target } from './target.js';
import type { ManifestDoc } from '../kube/manifests.js';
import { unprovenMeasurement } from './probe.js';
import { secrets } from '../redact.js';
import { dryRun } from './dry-run.js';
import { canonical, legacyPodTemplateHash, podTemplateHash } from './template-hash.js';
import {
  StartRefused,
  keptPromotionRefusal,
  scheduleChange,
  unrecordedTraffic,
  type StartFacts,
} from './start.js';

export { podTemplateHash };
import { oneLine } from '../one-line.js';
import { IstioCanaryError } from '../errors.js';
import { causeOf } from './cause.js';
import { rollbackHint } from '../lifecycle.js';

export interface PromotionDeps {
  /** The manifests execute() already read and checked (else they are read from settings.manifests). */
  manifests?: ManifestDoc[];
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
  /**
   * This process's identity as Lease holder and state writer (default: a new newHolderId()).
   * The action's main step saves it for its post step, which passes it back to recognise the
   * promotion its main step left.
   */
  holder?: string;
}

/**
 * After a cancellation, every remaining write (rollback, restore, scale-down, lease release)
 * shares this budget: the process exits well before GitHub's kill (SIGTERM 7.5 s after SIGINT,
 * kill at about 10 s), and the kube client's retries stop with it.
 */
export const CANCEL_WRITE_BUDGET_MS = 5000;

/** On the stable Deployment: its pod template from before promote-stable, to restore an unfinished finalize. */
export const PREVIOUS_TEMPLATE_ANNOTATION = 'istio-canary.dev/previous-template';

/**
 * A Lease holder and state writer unique to this process: `<repo>/<run id>/<attempt>/<job>/<random>`.
 * Two jobs of one workflow run (or two matrix legs of one job) never share it.
 */
export function newHolderId(settings: Pick<Settings, 'github'>, random?: string): string {
  const gh = settings.github as Settings['github'] & { job?: string | null };
  return [
    gh.repository ?? 'local',
    gh.runId ?? `pid-${process.pid}`,
    gh.runAttempt ?? '1',
    gh.job ?? '-',
    random ?? randomBytes(4).toString('hex'),
  ].join('/');
}

/** Another run or person changed the promotion: this run must not write any more. */
export class ConcurrentChangeError extends Error {
  override name = 'ConcurrentChangeError';
}

/** A person (or another tool) moved the weights the state recorded; take-over is not set. */
export class HumanEditError extends ConcurrentChangeError {
  override name = 'HumanEditError';
}

/** The run was cancelled before it wrote any weight: the message says where the canary is. */
export class CancelledError extends IstioCanaryError {}

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

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const templateOf = (d: KubeObject | null | undefined): unknown =>
  d && isObject(d.spec) ? d.spec.template : undefined;

/** The image of `container` (or of the first container) of a Deployment. */
function imageOf(d: KubeObject, container: string | null): string | null {
  const cs = containersOf(d);
  const c = container ? cs.find((x) => x.name === container) : cs[0];
  return c?.image || null;
}

/** The managers (managedFields) other than this tool that wrote the object, latest first. */
function otherWriters(vs: KubeObject | null): string[] {
  const mf = vs?.metadata?.managedFields;
  if (!Array.isArray(mf)) return [];
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return mf
    .filter(isObject)
    .filter((e) => typeof e.manager === 'string' && e.manager !== FIELD_MANAGER)
    .sort((a, b) => text(b.time).localeCompare(text(a.time)))
    .map(
      (e) => `${text(e.manager)} (${text(e.operation) || 'Update'}${e.time ? ` at ${text(e.time)}` : ''})`,
    );
}

/** One command's run: its settings, target, lease and the state it last read or wrote. */
export class Run {
  /** Why this run failed (an error, a failing verdict, a cancellation), whatever state it left: the exit code. */
  failure: string | null = null;
  readonly started: string;
  readonly weightsApplied: PromotionReport['weightsApplied'] = [];
  readonly notices: string[] = [];
  readonly holder: string;
  state: PromotionState | null = null;
  /** The machine's latest state, written or not yet (what progress reports show). */
  current: PromotionState | null = null;
  private lastVs: KubeObject | null = null;
  /**
   * The canary weights of VirtualService writes that were sent but never answered (a hung API
   * server, a cancel): each may have landed. Cleared by the next answer that shows the route.
   */
  unconfirmed: number[] = [];
  message = '';
  lease: HeldLease | null = null;
  templateHash: string | null = null;
  /** Manifest documents already applied by this run (the Namespace the Lease needs): the batch leaves them out. */
  readonly applied = new Set<ManifestDoc>();
  /** Aborted CANCEL_WRITE_BUDGET_MS after the cancel: the one budget of every write after it. */
  private readonly budget = new AbortController();

  constructor(
    readonly settings: Settings,
    readonly deps: PromotionDeps,
    readonly target: Target,
  ) {
    this.started = this.iso();
    this.holder = deps.holder ?? newHolderId(settings);
    const startBudget = () => {
      setTimeout(
        () =>
          this.budget.abort(
            new Error(`the ${CANCEL_WRITE_BUDGET_MS / 1000} s budget for writes after the cancel ran out`),
          ),
        CANCEL_WRITE_BUDGET_MS,
      ).unref();
    };
    if (deps.signal.aborted) startBudget();
    else deps.signal.addEventListener('abort', startBudget, { once: true });
  }

  get log(): Logger {
    return this.deps.logger;
  }

  /** The VirtualService as last read or written (its resourceVersion is the base of the next write). */
  get vs(): KubeObject | null {
    return this.lastVs;
  }

  set vs(vs: KubeObject | null) {
    this.lastVs = vs;
    this.unconfirmed = [];
  }

  /**
   * Where the canary is, as far as the API server said: the weight it last confirmed, and a
   * weight sent to it that it never confirmed (then the canary may be there).
   */
  whereCanary(): string {
    const weight = this.liveWeight();
    const at = `the canary is at ${weight}% (the last weight the API server confirmed)`;
    const sent = this.unconfirmed.filter((w) => w !== weight);
    if (!sent.length) return at;
    const list = sent.map((w) => `${w}%`).join(' and ');
    return `${at}; ${sent.length === 1 ? 'a write' : 'writes'} of canary ${list} ${sent.length === 1 ? 'was' : 'were'} sent and not confirmed, so the canary may be at ${list.replace(' and ', ' or ')}`;
  }

  /** The signal of writes (and the reads that lead to them): aborted only once the cancel budget is spent. */
  get writes(): AbortSignal {
    return this.budget.signal;
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

  get vsName(): string {
    return `${this.target.namespace}/${this.target.selection.virtualService}`;
  }

  ctx(): MachineContext {
    return {
      command: this.settings.command,
      steps: this.settings.steps,
      finalize: this.settings.finalize,
      onFailure: this.settings.onFailure,
      onCancel: this.settings.onCancel,
      runId: this.holder,
      canaryImage: this.target.canaryImage,
      templateHash: this.templateHash,
      vsName: this.vsName,
      now: this.iso(),
    };
  }

  async readVs(signal?: AbortSignal): Promise<void> {
    this.vs = await this.deps.kube.get(this.vsRef, { signal });
    this.state = parseState(this.vs?.metadata?.annotations?.[STATE_ANNOTATION]);
  }

  startFacts(): StartFacts {
    return {
      vsName: this.vsName,
      canarySubset: this.target.selection.canary.subset,
      stableDeployment: this.target.stableDeployment,
      liveWeight: this.liveWeight(),
      otherWriter: otherWriters(this.vs)[0] ?? null,
      takeOver: this.settings.takeOver,
    };
  }

  liveWeight(): number {
    return this.vs ? currentWeights(this.vs, this.target.selection).canary : 0;
  }

  /**
   * How the live route differs from the weights `state` recorded (a person's edit, an
   * emergency move to 0%), or null when they agree.
   */
  edited(vs: KubeObject | null, state: PromotionState | null): string | null {
    if (!vs || !state) return null;
    const live = currentWeights(vs, this.target.selection);
    if (live.canary === state.weight && live.stable === 100 - state.weight) return null;
    const who = otherWriters(vs)[0];
    return `the weights of ${this.vsName} were changed outside this promotion: recorded canary ${state.weight}% / stable ${100 - state.weight}%, live canary ${live.canary}% / stable ${live.stable}%${who ? `; last other writer: ${who}` : ''}`;
  }

  /**
   * Before writing over `vs`: a person's change stops the run (HumanEditError), or with
   * take-over is recorded in `next` and continued from. A rollback wins over any edit.
   */
  guardEdits(vs: KubeObject | null, next: PromotionState): PromotionState {
    const what = this.edited(vs, this.state);
    if (!what) return next;
    if (this.settings.command === 'rollback') {
      this.log.warning(`${what}; rolling back anyway`);
      return next;
    }
    if (!this.settings.takeOver)
      throw new HumanEditError(
        `${what}. Nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`,
      );
    this.log.warning(`${what}; take-over: continuing from the live weights`);
    return { ...next, events: [...(next.events ?? []), { at: this.iso(), message: `take-over: ${what}` }] };
  }

  /**
   * Writes the weights and the state in one update, with the resourceVersion last read. On a
   * conflict it re-reads: if the stored state is still the one this run based its decision on
   * and the weights are the recorded ones, it writes again on the fresh object; if another
   * writer changed the state, or a person the weights, it stops.
   */
  async writeState(next: PromotionState): Promise<void> {
    const signal = this.writes;
    // Checked by reading the Lease before every write: a renewal may not have run since another
    // process took it (a window shorter than the renewal period would otherwise write over it).
    const lost = this.lease ? await this.lease.confirm(signal) : null;
    if (lost) throw new ConcurrentChangeError(`stopped before writing: ${lost}`);
    const base = this.vs?.metadata?.annotations?.[STATE_ANNOTATION];
    // The state outlives this process (later commands print it): no secret may be stored in it,
    // whatever text brought it there (a Prometheus echoing its Authorization header, a URL).
    let pending = secrets.redactDeep(this.guardEdits(this.vs, next));
    let json = JSON.stringify(pending);
    for (let attempt = 1; ; attempt++) {
      if (!this.vs) throw new Error(`VirtualService ${this.vsName} does not exist`);
      const body = withCanaryWeight(this.vs, this.target.selection, pending.weight) as KubeObject;
      body.metadata = {
        ...body.metadata,
        annotations: { ...(body.metadata?.annotations ?? {}), [STATE_ANNOTATION]: json },
      };
      delete (body.metadata as Record<string, unknown>).managedFields;
      // A write the budget no longer allows is not sent (it could not be confirmed either).
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      const sent = pending.weight;
      if (!this.settings.dryRun && !this.unconfirmed.includes(sent)) this.unconfirmed.push(sent);
      try {
        this.vs = await this.deps.kube.replace(body, { signal, dryRun: this.settings.dryRun });
        break;
      } catch (err) {
        // An answer (a refusal, a conflict) says the write did not land; anything else may have.
        if (err instanceof KubeApiError) this.unconfirmed = this.unconfirmed.filter((w) => w !== sent);
        if (!(err instanceof KubeApiError) || err.code !== 409 || attempt >= 5) throw err;
        const live = await this.deps.kube.get(this.vsRef, { signal });
        const stored = live?.metadata?.annotations?.[STATE_ANNOTATION];
        this.vs = live;
        if (stored === json) break; // our own write landed before its answer was lost
        if (stored !== base) {
          const other = parseState(stored);
          throw new ConcurrentChangeError(
            `the VirtualService ${this.vsName} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? describe(other) : 'none'}); not overwriting it`,
            { cause: err },
          );
        }
        pending = secrets.redactDeep(this.guardEdits(live, pending));
        json = JSON.stringify(pending);
        this.log.debug(`conflict writing ${this.vsName}; re-read, state unchanged, writing again`);
      }
    }
    const prev = this.state;
    this.state = pending;
    this.current = pending;
    if (!this.settings.dryRun) this.deps.onConfirmedWeight?.(this.liveWeight());
    if (!prev || prev.weight !== pending.weight || this.weightsApplied.length === 0)
      this.weightsApplied.push({
        stable: 100 - pending.weight,
        canary: pending.weight,
        at: pending.updatedAt,
      });
    this.log.debug(
      `${this.settings.dryRun ? '[dry-run] ' : ''}${this.target.selection.virtualService}: canary ${pending.weight}% / stable ${100 - pending.weight}% — ${pending.phase}${pending.reason ? ` (${pending.reason})` : ''}`,
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
      ...(this.failure !== null ? { failure: this.failure } : {}),
      command: this.settings.command,
      namespace: t.namespace,
      virtualService: t.selection.virtualService,
      route: t.selection.routeName ?? String(t.selection.routeIndex),
      stableSubset: t.selection.stable.subset,
      canarySubset: t.selection.canary.subset,
      canaryImage: s?.canaryImage ?? t.canaryImage,
      // run and step walk the steps given; the other commands show the ones the promotion recorded.
      steps:
        s?.steps.length && !['run', 'step'].includes(this.settings.command)
          ? [...s.steps]
          : [...this.settings.steps],
      // What the API server last answered (a read or a write), not what this run meant to write.
      weight: this.vs ? this.liveWeight() : (s?.weight ?? 0),
      step: s?.step ?? 0,
      history: s?.history ?? [],
      ...(s?.events?.length ? { events: s.events } : {}),
      ...(this.notices.length || this.unconfirmedNotice().length
        ? { notices: [...this.notices, ...this.unconfirmedNotice()] }
        : {}),
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

  /** The report's line about a write the API server never confirmed, if there is one. */
  private unconfirmedNotice(): string[] {
    return this.unconfirmed.some((w) => w !== this.liveWeight()) ? [this.whereCanary()] : [];
  }

  async progress(): Promise<void> {
    try {
      await this.deps.reporter.progress(this.report(null));
    } catch (err) {
      this.log.warning(`progress report failed: ${(err as Error).message}`);
    }
  }

  window(step: number, weight: number, signal: AbortSignal): StepWindow {
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

  /** `cancelled (<the signal's reason>)`, with the weight of the state last confirmed unless `atWeight` is false. */
  cancelReason(atWeight = true): string {
    const r: unknown = this.deps.signal.reason;
    const what = r instanceof Error ? r.message : typeof r === 'string' ? r : 'the run was cancelled';
    return `cancelled (${what})${this.state && atWeight ? ` at ${this.state.weight}% canary` : ''}`;
  }

  /**
   * One window. The VirtualService is watched meanwhile: a change by anyone else (a
   * preempting rollback, a person moving the weights) ends the window at once. Afterwards the
   * route is read again; a window whose weights or state changed under it is never a pass.
   * Returns the machine event, or a transition when take-over continues from new weights.
   */
  async measure(
    action: Extract<Action, { type: 'measure' }>,
    state: PromotionState,
  ): Promise<MachineEvent | { adopted: PromotionState }> {
    const startedAt = this.iso();
    this.log.debug(
      `measuring ${this.settings.intervalMs} ms at ${action.weight}% canary${action.attempt > 1 ? ' (extended: the first window was inconclusive)' : ''}`,
    );
    const before = this.vs?.metadata?.annotations?.[STATE_ANNOTATION];
    const windowCtl = new AbortController();
    const stopWatch = new AbortController();
    const onCancel = () => windowCtl.abort(this.deps.signal.reason);
    if (this.deps.signal.aborted) onCancel();
    else this.deps.signal.addEventListener('abort', onCancel, { once: true });
    // Only a change of the state or of the weights ends the window (not a label someone adds).
    const watch = this.vs
      ? this.deps.kube
          .waitFor(
            this.vsRef,
            (o) =>
              !o || o.metadata?.annotations?.[STATE_ANNOTATION] !== before || this.edited(o, state) !== null,
            { timeoutMs: 24 * 3600_000, signal: stopWatch.signal },
          )
          .then(
            () => windowCtl.abort(new Error('the VirtualService changed during the window')),
            () => undefined,
          )
      : Promise.resolve();
    let verdict;
    try {
      verdict = await this.deps.metrics.measure(this.window(action.step, action.weight, windowCtl.signal));
    } catch (err) {
      if (!windowCtl.signal.aborted || this.deps.signal.aborted) throw err;
      verdict = null; // ended by a change of the VirtualService: judged below
    } finally {
      this.deps.signal.removeEventListener('abort', onCancel);
      stopWatch.abort();
      await watch;
    }
    if (this.deps.signal.aborted) return { type: 'cancelled', why: this.cancelReason() };
    // The window is only as good as the weights it ran under.
    const live = await this.deps.kube.get(this.vsRef, { signal: this.deps.signal });
    const stored = live?.metadata?.annotations?.[STATE_ANNOTATION];
    if (!live)
      throw new ConcurrentChangeError(`the VirtualService ${this.vsName} was deleted during the window`);
    if (stored !== before) {
      this.vs = live;
      const other = parseState(stored);
      this.state = other;
      this.current = other;
      throw new ConcurrentChangeError(
        `the promotion of ${this.vsName} was changed by ${other?.runId || 'another writer'} during the window of step ${action.step} (state now: ${other ? describe(other) : 'none'}); stopping without writing`,
      );
    }
    const what = this.edited(live, state);
    if (what) {
      this.vs = live;
      if (!this.settings.takeOver)
        throw new HumanEditError(
          `${what} during the window of step ${action.step}; the window is not judged and nothing more was written. To continue from the live weights, run again with take-over: true; to stop the promotion, run rollback.`,
        );
      const weight = currentWeights(live, this.target.selection).canary;
      this.log.warning(
        `${what} during the window of step ${action.step}; take-over: continuing from ${weight}%`,
      );
      const event: PromotionEvent = {
        at: this.iso(),
        message: `take-over: ${what} during the window of step ${action.step} (not judged)`,
      };
      const adopted = { ...state, weight, events: [...(state.events ?? []), event] };
      this.state = adopted;
      return { adopted };
    }
    this.vs = live;
    if (!verdict || (windowCtl.signal.aborted && !this.deps.signal.aborted))
      throw new ConcurrentChangeError(
        `the VirtualService ${this.vsName} changed during the window of step ${action.step} and changed back; the window is not judged`,
      );
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
  async drive(first: { state: PromotionState; action: Action }): Promise<void> {
    let { state, action } = first;
    this.current = state;
    let guard = 0;
    for (;;) {
      if (++guard > 1000) throw new Error('the promotion made no progress (internal error)');
      if (action.type === 'stop') {
        this.state = state;
        this.current = state;
        this.message = action.message;
        this.log.info(action.message);
        return;
      }
      let event: MachineEvent | null = null;
      const cancelled = this.deps.signal.aborted;
      let writing = false;
      const measured =
        action.type === 'measure' || (action.type === 'write' && action.then.type === 'measure');
      try {
        if (measured && cancelled) {
          // No new weight after a cancel: on-cancel decides from the weight written.
          event = { type: 'cancelled', why: this.cancelReason() };
        } else if (measured) {
          // One step: its write and its window in one log group, its outcome in one line.
          const m = (action.type === 'write' ? action.then : action) as Extract<Action, { type: 'measure' }>;
          const writeFirst = action.type === 'write';
          const s0 = state;
          const outcome = await withGroup(
            this.log,
            `step ${m.step}/${this.settings.steps.length}: canary ${m.weight}%${m.attempt > 1 ? ' (extended window)' : ''}`,
            async () => {
              if (writeFirst) {
                writing = true;
                await this.writeState(s0);
                writing = false;
              }
              const r = await this.measure(m, this.state ?? s0);
              if ('type' in r && r.type === 'verdict')
                this.log.info(
                  `step ${m.step}/${this.settings.steps.length} at ${m.weight}%: ${r.verdict.outcome} — ${r.verdict.reasons.map((x) => x.message).join('; ')}`,
                );
              return r;
            },
          );
          if ('adopted' in outcome) {
            const t = transition(
              outcome.adopted,
              { type: 'begin', liveWeight: outcome.adopted.weight },
              this.ctx(),
            );
            state = t.state;
            action = t.action;
            this.current = state;
            continue;
          }
          event = outcome;
          if (writeFirst) state = this.state ?? state;
        } else {
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
              await this.forgetPreviousTemplate();
              event = { type: 'canary-scaled-down' };
              break;
            case 'restore-stable':
              await this.restoreStable(state);
              event = { type: 'stable-restored', why: action.why };
              break;
          }
        }
      } catch (err) {
        if (err instanceof ConcurrentChangeError) throw err;
        if (this.deps.signal.aborted && !cancelled) event = { type: 'cancelled', why: this.cancelReason() };
        else if (writing || cancelled || action.type === 'restore-stable')
          throw err; // a failed restore is not retried in a loop
        else event = { type: 'error', message: (err as Error).message };
      }
      if (!event) throw new Error('internal: no event');
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
  noteFailure(event: MachineEvent, t: { state: PromotionState; action: Action }): void {
    if (event.type === 'error') this.failure ??= event.message;
    else if (event.type === 'cancelled') this.failure ??= event.why;
    else if (event.type === 'verdict' && event.verdict.outcome !== 'pass' && t.action.type !== 'measure')
      this.failure ??= t.state.reason ?? `step ${event.step} ${event.verdict.outcome}`;
  }

  deploymentRef(name: string): ObjectRef {
    return { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: this.target.namespace };
  }

  /** Which promotion a saved stable template belongs to. */
  static promotionId(state: PromotionState): string {
    return `${state.startedAt}|${state.canaryImage ?? ''}`;
  }

  /**
   * promote-stable: the stable Deployment gets the canary's pod template (keeping its own
   * labels), with its previous template kept in an annotation in the same write, then rolls
   * out. Idempotent: a rerun of the same promotion keeps the first saved template.
   */
  async promoteStable(state: PromotionState): Promise<void> {
    const { kube } = this.deps;
    const canaryName = this.target.canaryDeployment;
    const stableName = this.target.stableDeployment;
    if (!canaryName || !stableName)
      throw new Error('finalize promote-stable needs both the stable and the canary Deployment');
    const id = Run.promotionId(state);
    for (let attempt = 1; ; attempt++) {
      const [canary, stable] = await Promise.all([
        kube.get(this.deploymentRef(canaryName), { signal: this.writes }),
        kube.get(this.deploymentRef(stableName), { signal: this.writes }),
      ]);
      if (!canary || !stable) throw new Error(`Deployment ${!canary ? canaryName : stableName} is gone`);
      // Never promote one image while naming another.
      const canaryImages = imagesOf(canary);
      if (state.canaryImage && !canaryImages.includes(state.canaryImage))
        throw new Error(
          `promote-stable: the canary Deployment ${canaryName} runs ${oneLine(canaryImages.join(', ')) || 'no image'}, not ${oneLine(state.canaryImage)} that this promotion is for; nothing was copied to ${stableName}`,
        );
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

      const annotations = { ...(stable.metadata?.annotations ?? {}) };
      const saved = parseSaved(annotations[PREVIOUS_TEMPLATE_ANNOTATION]);
      const previous = saved?.promotion === id ? saved.template : sSpec.template;
      const before = containersOf({ spec: { template: previous } }).map((c) => c.name);
      const after = containersOf({ spec: { template } }).map((c) => c.name);
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
        spec: { ...(stable.spec as object), template },
      };
      delete (next.metadata as Record<string, unknown>).managedFields;
      try {
        await kube.replace(next, { dryRun: this.settings.dryRun, signal: this.writes });
        this.log.info(
          `promote-stable: ${stableName} now runs the canary's pod template (${oneLine(imagesOf(next).join(', '))}); its previous template is kept in the annotation ${PREVIOUS_TEMPLATE_ANNOTATION} until the promotion ends`,
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
        { name: stableName, namespace: this.target.namespace },
        { timeoutMs: this.settings.rolloutTimeoutMs, signal: this.deps.signal },
      );
      this.log.info(`promote-stable: ${stableName} is available`);
    }
  }

  /** An unfinished finalize rolled back: the stable Deployment gets its template from before promote-stable again. */
  async restoreStable(state: PromotionState): Promise<void> {
    const { kube } = this.deps;
    const stableName = this.target.stableDeployment;
    if (!stableName) return;
    const id = Run.promotionId(state);
    for (let attempt = 1; ; attempt++) {
      const stable = await kube.get(this.deploymentRef(stableName), { signal: this.writes });
      if (!stable) return;
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
        spec: { ...(stable.spec as object), template: saved.template },
      };
      delete (next.metadata as Record<string, unknown>).managedFields;
      try {
        await kube.replace(next, { dryRun: this.settings.dryRun, signal: this.writes });
        this.log.warning(
          `finalize interrupted: ${stableName} has its previous pod template again (${oneLine(imagesOf(next).join(', '))})`,
        );
        return;
      } catch (err) {
        if (err instanceof KubeApiError && err.code === 409 && attempt < 5) continue;
        throw err;
      }
    }
  }

  /** Once the canary is down the finalize cannot be undone: stable's saved template goes (idempotent). */
  async forgetPreviousTemplate(): Promise<void> {
    const name = this.target.stableDeployment;
    if (!name) return;
    const stable = await this.deps.kube.get(this.deploymentRef(name), { signal: this.writes });
    if (stable?.metadata?.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION] === undefined) return;
    await this.deps.kube.patch(
      this.deploymentRef(name),
      { metadata: { annotations: { [PREVIOUS_TEMPLATE_ANNOTATION]: null } } },
      { dryRun: this.settings.dryRun, signal: this.writes },
    );
  }

  async scaleCanaryDown(): Promise<void> {
    if (this.target.canaryDeployment)
      await this.deps.kube.patch(
        this.deploymentRef(this.target.canaryDeployment),
        { spec: { replicas: 0 } },
        { dryRun: this.settings.dryRun, signal: this.writes },
      );
    this.log.info(`scaled the canary Deployment ${this.target.canaryDeployment ?? '?'} to 0`);
  }
}

function parseSaved(raw: string | undefined): { promotion: string; template: unknown } | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return isObject(v) && typeof v.promotion === 'string' && isObject(v.template)
      ? { promotion: v.promotion, template: v.template }
      : null;
  } catch {
    return null;
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
        `keeping the stable ${doc.metadata?.name ?? ''} container ${oneLine(c.name ?? '')} at ${oneLine(image)} (the manifest says ${oneLine(c.image ?? '?')})`,
      );
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
async function setLiveCanaryImage(
  kube: Kube,
  target: Target,
  image: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const ref: ObjectRef = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: target.canaryDeployment!,
    namespace: target.namespace,
  };
  for (let attempt = 1; ; attempt++) {
    const live = await kube.get(ref, { signal });
    if (!live)
      throw new Error(`canary Deployment ${target.namespace}/${target.canaryDeployment} does not exist`);
    if (imageOf(live, target.canaryContainer) === image) return false;
    const next = withImage(live, image, target.canaryContainer);
    delete next.metadata?.managedFields;
    try {
      await kube.replace(next, { signal });
      return true;
    } catch (err) {
      if (!(err instanceof KubeApiError) || err.code !== 409 || attempt >= 5) throw err;
    }
  }
}

/**
 * The canary's pod template as this command will make it: run and step apply the manifests
 * (when they hold the canary), promote promotes the live one; both with canary-image set.
 */
async function canaryTemplate(run: Run, settings: Settings): Promise<unknown> {
  const t = run.target;
  if (!t.canaryDeployment) return null;
  const doc = t.docs.find(
    (d) => d.object.kind === 'Deployment' && d.object.metadata?.name === t.canaryDeployment,
  );
  if (doc && settings.command !== 'promote') return templateOf(doc.object) ?? null;
  const live = await run.deps.kube.get(run.deploymentRef(t.canaryDeployment), { signal: run.deps.signal });
  if (!live) return null;
  const wanted = settings.canaryImage ? withImage(live, settings.canaryImage, t.canaryContainer) : live;
  return templateOf(wanted) ?? null;
}

/**
 * Runs settings.command (run, step, promote, rollback, status) against the cluster behind
 * deps.kube and returns the full report (also passed to reporter.final). Input and manifest
 * problems throw before anything is written.
 */
export async function runPromotion(input: Settings, deps: PromotionDeps): Promise<PromotionReport> {
  const { kube, logger } = deps;
  let settings = input;
  if (
    settings.canaryImage &&
    (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')
  ) {
    // They change no canary: the image is not set, checked or recorded.
    logger.info(
      `${settings.command} ignores canary-image ${settings.canaryImage}: it does not change the canary`,
    );
    settings = { ...settings, canaryImage: null };
  }
  const target = await resolveTarget(settings, kube, {
    cwd: deps.cwd ?? process.cwd(),
    signal: deps.signal,
    logger,
    docs: deps.manifests,
  }).catch((err: unknown) => {
    if (!deps.signal.aborted || err instanceof ManifestError) throw err;
    const r: unknown = deps.signal.reason;
    throw new CancelledError(
      `cancelled (${r instanceof Error ? r.message : String(r)}) while reading the route, before this run changed anything (${causeOf(err)}); the canary is where it was`,
      { cause: err },
    );
  });
  const run = new Run(settings, deps, target);
  logger.info(
    `istio-canary ${settings.command}: VirtualService ${target.namespace}/${target.selection.virtualService} route ${oneLine(String(target.selection.routeName ?? target.selection.routeIndex))}, stable ${target.selection.stable.subset} (${target.stableDeployment ?? '?'}), canary ${target.selection.canary.subset} (${target.canaryDeployment ?? '?'})${target.canaryImage ? ` image ${target.canaryImage}` : ''}`,
  );

  if (settings.command === 'status' || settings.command === 'cleanup') {
    await run.readVs();
    const s = run.state;
    logger.info(
      s
        ? describe(s)
        : `no promotion recorded on ${target.selection.virtualService}; canary at ${run.liveWeight()}%`,
    );
    const what = run.edited(run.vs, s);
    if (what) logger.warning(what);
    const report = run.report(null);
    await deps.reporter.final(report);
    return report;
  }

  if (settings.dryRun) return dryRun(run, decideStart);
  if (settings.command === 'promote' && settings.canaryImage && !target.canaryDeployment)
    throw new ManifestError([
      `promote with canary-image ${settings.canaryImage}: no canary Deployment to set it on (subset ${target.selection.canary.subset}); nothing was written`,
    ]);

  // rollback does not wait for a run that holds the lease: it takes the lease over (the run's
  // next renewal or write finds it lost) and writes weight 0 with optimistic concurrency.
  const preempt = settings.command === 'rollback';
  try {
    // A broken state annotation is reported before anything is written.
    await run.readVs(deps.signal);
    // The Lease lives in the VirtualService's namespace: when the manifests create that
    // namespace, it is applied first, and only here: the batch applied later leaves it out.
    const nsDoc = target.docs.find(
      (d) => d.object.kind === 'Namespace' && d.object.metadata?.name === target.namespace,
    );
    const nsRef = { apiVersion: 'v1', kind: 'Namespace', name: target.namespace };
    if (nsDoc && !(await kube.get(nsRef, { signal: deps.signal }))) {
      await applyManifests(kube, [nsDoc], { logger, signal: deps.signal });
      run.applied.add(nsDoc);
    }
    run.lease = await acquireLease(kube, {
      namespace: target.namespace,
      virtualService: target.selection.virtualService,
      holder: run.holder,
      durationMs: deps.lease?.durationMs ?? 15_000,
      waitMs: preempt ? 0 : (deps.lease?.waitMs ?? 120_000),
      preempt,
      signal: deps.signal,
      logger,
      now: deps.clock ? () => deps.clock!.now() : undefined,
    });
  } catch (err) {
    if (!deps.signal.aborted) throw err;
    throw new CancelledError(
      `${run.cancelReason(false)} before this run wrote any weight (${causeOf(err)}): ${run.whereCanary()}`,
      { cause: err },
    );
  }
  try {
    try {
      if (preempt) await rollbackNow(run);
      else await promote(run, settings);
    } catch (err) {
      throw await failed(run, err);
    }
  } finally {
    await run.lease.release(run.writes);
  }
  const report = run.report(null);
  await deps.reporter.final(report);
  return report;
}

/** rollback: weight 0 now, whatever holds the lease; a conflicting write is re-read and decided again. */
async function rollbackNow(run: Run): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await run.readVs(run.writes);
    const state = run.state ?? freshState(run.ctx(), run.liveWeight());
    try {
      await run.drive(transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx()));
      return;
    } catch (err) {
      if (!(err instanceof ConcurrentChangeError) || err instanceof HumanEditError || attempt >= 5) throw err;
      run.log.info(`rollback: ${err.message}; deciding again on the new state`);
    }
  }
}

/** How run, step and promote start (shared with the dry run): see start.ts. */
interface Start {
  /** Why this is a new promotion (null: the recorded one continues). */
  restart: string | null;
  /** The state taken over from weights set outside the promotion (take-over), else null. */
  adopted: PromotionState | null;
}

/**
 * Reads the route and decides how the command starts: a person's change or unrecorded canary
 * traffic (refused, or taken over), a new image or template (a restart), a kept promotion that
 * must be finished first, a changed schedule (logged). Writes nothing.
 */
async function decideStart(run: Run, settings: Settings): Promise<Start> {
  const { logger } = run.deps;
  await run.readVs();
  const walking = settings.command === 'run' || settings.command === 'step';
  const template = await canaryTemplate(run, settings);
  run.templateHash = template === null ? null : podTemplateHash(template);
  const facts = run.startFacts();
  // A person's change of the weights wins (or is taken over) before anything is written.
  const edit = run.edited(run.vs, run.state);
  const orphan = unrecordedTraffic(run.state, facts);
  const what = edit ?? orphan;
  if (what && !settings.takeOver)
    throw new HumanEditError(
      `${what}. Nothing was written. To continue from the live weights${orphan ? ' (the measurement is probed before the first window)' : ''}, run again with take-over: true; to send all traffic to stable, run rollback.`,
    );
  let adopted: PromotionState | null = null;
  if (what) {
    logger.warning(`${what}; take-over: continuing from the live weights`);
    const base = run.state ?? freshState(run.ctx(), facts.liveWeight);
    adopted = {
      ...base,
      weight: facts.liveWeight,
      events: [...(base.events ?? []), { at: run.iso(), message: `take-over: ${what}` }],
    };
    run.state = adopted;
  }
  // run/step: a new image or template starts over. promote: a finished promotion of another
  // image is a new one for the image named (an unfinished one just takes the new image).
  const finished = run.state?.phase === 'promoted' || run.state?.phase === 'rolled-back';
  // A state written before the whole template counted is compared by the hash it used.
  const compared =
    template !== null && run.state?.templateHash === legacyPodTemplateHash(template)
      ? run.state.templateHash
      : run.templateHash;
  const restart =
    walking || (settings.command === 'promote' && settings.canaryImage && finished)
      ? restartReason(run.state, run.target.canaryImage, walking ? compared : null)
      : null;
  const kept = keptPromotionRefusal(run.state, restart !== null, facts);
  if (kept) throw new StartRefused(kept);
  const s = run.state;
  if (
    settings.command === 'promote' &&
    s &&
    (s.phase === 'in-progress' || s.phase === 'held') &&
    compared &&
    s.templateHash &&
    compared !== s.templateHash &&
    (!settings.canaryImage || settings.canaryImage === s.canaryImage)
  )
    throw new StartRefused(
      `promote: the canary pod template of ${run.target.namespace}/${run.target.canaryDeployment} changed since this promotion judged it (hash ${s.templateHash} → ${compared}), so promote would send 100% to a template no step measured. Nothing was written. Run \`step\` or \`run\` to judge it from the first step, or \`rollback\``,
    );
  const change = walking && !restart && s ? scheduleChange(s, settings.steps) : null;
  if (change) logger.warning(change);
  return { restart, adopted };
}

/** run, step and promote, under the lease. */
async function promote(run: Run, settings: Settings): Promise<void> {
  const { kube, logger } = run.deps;
  const { target, deps } = run;
  const { restart, adopted } = await decideStart(run, settings);
  const walking = settings.command === 'run' || settings.command === 'step';
  const fresh = restart !== null;
  const moves = !(run.state?.phase === 'finalizing' || (run.state?.phase === 'promoted' && !fresh));
  if (settings.command === 'promote' && target.canaryDeployment && moves) {
    // promote moves 100% to the canary before stable takes its template: never onto no pods.
    const canary = await kube.get(run.deploymentRef(target.canaryDeployment), { signal: deps.signal });
    const replicas = canary && isObject(canary.spec) ? canary.spec.replicas : undefined;
    if (replicas === 0)
      throw new ManifestError([
        `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas, so 100% of the traffic would have no pod to go to; nothing was written. Run \`run\` or \`step\` (which apply the manifests) first, or scale it up`,
      ]);
  }
  let restarted: PromotionState | null = null;
  if (fresh && run.state) {
    const previous = describe(run.state);
    const events: PromotionEvent[] = [
      { at: run.iso(), message: `new promotion from the first step: ${restart} (previous: ${previous})` },
    ];
    logger.info(
      `starting a new promotion for ${target.canaryImage ?? 'the canary'}: ${restart} (previous: ${previous})`,
    );
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
      if (run.applied.has(d)) return [];
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
      await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
    await run.readVs();
    // A new promotion with nothing recorded before starts from the weights just applied; a
    // taken-over one from the live weights it adopted.
    if (fresh && !restarted) run.state = null;
    else if (adopted && !restarted) run.state = adopted;
  }
  if (settings.command === 'promote' && settings.canaryImage && target.canaryDeployment) {
    // promote names an image: the canary runs it (set and rolled out) before it is promoted.
    let changed = false;
    try {
      changed = await setLiveCanaryImage(kube, target, settings.canaryImage, deps.signal);
      if (changed) {
        logger.info(
          `promote: set ${settings.canaryImage} on ${target.canaryContainer ? `container ${target.canaryContainer} of ` : ''}the canary Deployment ${target.canaryDeployment}; waiting for its rollout before promoting it`,
        );
        await waitForRollout(
          kube,
          { name: target.canaryDeployment, namespace: target.namespace },
          { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal },
        );
      }
    } catch (err) {
      if (!changed) throw err;
      // The canary changed and did not become available: whatever traffic it had goes back to
      // stable (whatever on-failure says: no step ever judged this image), and the state says why.
      const base = {
        ...(run.state ?? freshState(run.ctx(), run.liveWeight())),
        canaryImage: settings.canaryImage,
        templateHash: run.templateHash,
      };
      const event: MachineEvent = deps.signal.aborted
        ? { type: 'cancelled', why: run.cancelReason() }
        : {
            type: 'error',
            message: `promote: the canary Deployment ${target.namespace}/${target.canaryDeployment} did not roll out ${settings.canaryImage}: ${(err as Error).message}; traffic back to stable`,
          };
      const t = transition(base, event, { ...run.ctx(), onFailure: 'rollback', onCancel: 'rollback' });
      run.noteFailure(event, t);
      await run.drive(t);
      return;
    }
    if (run.state && run.state.canaryImage !== settings.canaryImage)
      run.state = { ...run.state, canaryImage: settings.canaryImage, templateHash: run.templateHash };
  }
  const state = restarted ?? run.state ?? freshState(run.ctx(), run.liveWeight());
  let first = transition(state, { type: 'begin', liveWeight: run.liveWeight() }, run.ctx());
  if (
    walking &&
    target.canaryDeployment &&
    (first.action.type === 'measure' || first.action.type === 'write')
  ) {
    try {
      await withGroup(logger, `canary rollout: ${target.namespace}/${target.canaryDeployment}`, async () => {
        logger.info(
          `waiting up to ${settings.rolloutTimeoutMs} ms for the canary Deployment ${target.canaryDeployment} to be available`,
        );
        await waitForRollout(
          kube,
          { name: target.canaryDeployment!, namespace: target.namespace },
          { timeoutMs: settings.rolloutTimeoutMs, signal: deps.signal },
        );
        // A Deployment scaled to 0 is "complete" to Kubernetes, but a canary with no pod would
        // turn every request routed to it into a 503.
        const live = await kube.get(run.deploymentRef(target.canaryDeployment!), { signal: deps.signal });
        const replicas = live && isObject(live.spec) ? live.spec.replicas : undefined;
        if (replicas === 0)
          throw new Error(
            `the canary Deployment ${target.namespace}/${target.canaryDeployment} is scaled to 0 replicas: traffic routed to it would only get 503; scale it up (or let the manifests set its replicas) and run again`,
          );
        logger.info(`canary Deployment ${target.canaryDeployment} is available`);
      });
    } catch (err) {
      const event: MachineEvent = deps.signal.aborted
        ? { type: 'cancelled', why: run.cancelReason() }
        : { type: 'error', message: `canary rollout: ${(err as Error).message}` };
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
 * An unrecoverable error mid-run (the API gone after the retries, a bug, a cancel whose writes
 * could not be made): unless another writer took over, roll back (or hold) best effort so the
 * state says why, post the report, and return a PromotionError carrying it. After a cancel its
 * message says where the canary is (the confirmed weight, a write never confirmed) and the
 * command that rolls it back.
 */
async function failed(run: Run, err: unknown): Promise<PromotionError> {
  const cancelled = run.deps.signal.aborted;
  const cause = causeOf(err);
  if (!cancelled) run.deps.logger.error(`promotion failed: ${cause}`);
  // Only a run that got as far as driving the machine has something to roll back or hold; it
  // decides from the last state the server confirmed (the intended one may never have landed).
  const state = run.current ? run.state : null;
  if (err instanceof ConcurrentChangeError) {
    // Someone else's state or weights: report them as the server has them, write nothing.
    try {
      await run.readVs(run.writes);
      run.current = run.state;
    } catch {
      // the last answer stands
    }
  } else if (state && run.vs && !(state.phase === 'rolled-back' && state.weight === 0)) {
    const t = transition(state, { type: 'error', message: cause }, run.ctx());
    try {
      if (t.action.type === 'write') await run.writeState(t.state);
      else if (t.action.type !== 'stop') await run.drive(t);
    } catch (again) {
      run.current = run.state;
      if (!cancelled)
        run.deps.logger.error(
          `could not record the failure on the VirtualService (${causeOf(again)}); ${run.whereCanary()}`,
        );
    }
  } else if (run.current && run.current !== run.state) {
    run.current = run.state;
  }
  const message = cancelled
    ? `${run.cancelReason(false)}; the run could not finish (${cause}): ${run.whereCanary()}. To roll back, run: ${rollbackHint(run.settings)}`
    : cause;
  if (cancelled) run.deps.logger.error(message);
  const base = run.report(null);
  const report = { ...base, reason: base.reason ?? message };
  try {
    await run.deps.reporter.final(report);
  } catch (e) {
    run.deps.logger.warning(`final report failed: ${(e as Error).message}`);
  }
  return new PromotionError(message, report, { cause: err });
}

/**
 * For the post step: when the main step of this process's job (deps.holder, saved by main)
 * left a rollback unfinished (phase rolling-back), a finalize unfinished (phase finalizing:
 * completed when stable already took the traffic back, else restored), or was cancelled
 * mid-promotion (phase in-progress) with on-cancel rollback, finish it. Returns the report
 * when it did something, else null.
 */
export async function finishInterrupted(
  settings: Settings,
  deps: PromotionDeps,
): Promise<PromotionReport | null> {
  if (!deps.holder) {
    deps.logger.debug('post: the main step saved no holder id; no promotion to finish');
    return null;
  }
  // The live cluster has what main applied: no need to read the manifests again. When main
  // never got as far as a VirtualService, there is nothing to finish.
  let target: Target;
  try {
    target = await resolveTarget(
      { ...settings, command: 'rollback', manifests: [], canaryImage: null },
      deps.kube,
      { cwd: deps.cwd ?? process.cwd() },
    );
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    deps.logger.debug(`post: no promotion to finish (${err.message})`);
    return null;
  }
  const run = new Run({ ...settings, command: 'rollback' }, deps, target);
  await run.readVs();
  const s = run.state;
  if (!s || s.runId !== run.holder) return null;
  const interrupted =
    s.phase === 'rolling-back' ||
    s.phase === 'finalizing' ||
    (s.phase === 'in-progress' && settings.onCancel === 'rollback');
  if (!interrupted) return null;
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
    const reason =
      s.phase === 'rolling-back'
        ? (s.reason ?? 'finishing an interrupted rollback')
        : s.phase === 'finalizing'
          ? `the run stopped during finalize at ${s.weight}% canary (cancelled or killed); finished by the post step`
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
