// One command's run (the Run class): its settings, target and lease, the promotion state it
// last read or wrote, and the loop that performs the state machine's actions (drive), with
// each step's window (measure). The runner (runner.ts) decides how a command starts and hands
// over to drive; finalize.ts performs the finalize actions drive meets.
//
// What it trusts and what it checks (see README.md, "State and safety"):
// - Before every write, and at the end of every window, the live weights of the route are
//   compared with the weights the state annotation recorded: a person's change stops the run
//   (HumanEditError) unless take-over is set, and a window under changed weights is no pass.
// - Every write carries the resourceVersion last read (replaceWithRetry); a state written by
//   another holder (a `rollback` preempting this run) stops the run without overwriting
//   (ConcurrentChangeError).
// - After a cancel, every remaining write shares one budget (CANCEL_WRITE_BUDGET_MS).
// - Outputs carry the weight the API server last confirmed, never the intended one; a write
//   sent and never answered is remembered (unconfirmed) and named in messages and the report.
import { randomBytes } from 'node:crypto';
import process from 'node:process';
import type { Logger, Reporter } from '../ports.js';
import type { Settings } from '../settings.js';
import type { Metrics, PromotionReport, PromotionState, StepWindow } from '../model.js';
import type { Kube, KubeObject, ObjectRef } from '../kube/client.js';
import { FIELD_MANAGER, KubeApiError } from '../kube/errors.js';
import type { ManifestDoc } from '../kube/manifests.js';
import { replaceWithRetry } from '../kube/replace.js';
import { IstioCanaryError } from '../errors.js';
import { withGroup } from '../log.js';
import { STATE_ANNOTATION } from '../plan.js';
import { renderState, routeKindName, routeWeights, strategyDrift } from './route-object.js';
import { reportStrategy, windowTrafficOf } from './strategy-state.js';
import { secrets } from '../redact.js';
import { isObject } from '../util/object.js';
import { oneLine } from '../one-line.js';
import type { HeldLease } from './lease.js';
import {
  type Action,
  type MachineContext,
  type MachineEvent,
  describe,
  parseState,
  statusOf,
  transition,
} from './machine.js';
import type { StartFacts } from './start.js';
import type { Target } from './target.js';
import {
  StableChangedError,
  forgetPreviousTemplate,
  promoteStable,
  restoreStable,
  scaleCanaryDown,
} from './finalize.js';
import { budgetAfterCancel } from '../lifecycle.js';
import { measureWindow } from './window.js';
import { gatesBefore } from './gates-step.js';
import type { LockstepMember } from './lockstep.js';

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
  /** The load target when the connection gives it (a created cluster's ingress), for the gates; else settings.loadUrl. */
  loadUrl?: string | null;
  /** Called with the canary weight after every VirtualService write the API server confirmed. */
  onConfirmedWeight?(weight: number): void;
  /** Called with the canary weight of every VirtualService write as it is sent (it may land unconfirmed). */
  onWeightSent?(weight: number): void;
  /**
   * This process's identity as Lease holder and state writer (default: a new newHolderId()).
   * The action's main step saves it for its post step, which passes it back to recognise the
   * promotion its main step left.
   */
  holder?: string;
  /** This service's handle on the other services of a lockstep run (`services`, lockstep.ts); absent for one route. */
  lockstep?: LockstepMember;
}

/**
 * After a cancellation, every remaining write (rollback, restore, scale-down, lease release)
 * shares this budget: the process exits well before GitHub's kill (SIGTERM 7.5 s after SIGINT,
 * kill at about 10 s), and the kube client's retries stop with it.
 */
export const CANCEL_WRITE_BUDGET_MS = 5000;

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
export class ConcurrentChangeError extends IstioCanaryError {}

/** A person (or another tool) moved the weights the state recorded; take-over is not set. */
export class HumanEditError extends ConcurrentChangeError {}

/** The run was cancelled before it wrote any weight: the message says where the canary is. */
export class CancelledError extends IstioCanaryError {}

/** The run failed after it started writing; carries the report (also passed to reporter.final). */
export class PromotionError extends IstioCanaryError {
  constructor(
    message: string,
    readonly report: PromotionReport,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The managers (managedFields) other than this tool that wrote the object, latest first;
 * with ignoreStatus, not the controllers' writes of its status.
 */
export function otherWriters(vs: KubeObject | null, options: { ignoreStatus?: boolean } = {}): string[] {
  const mf = vs?.metadata?.managedFields;
  if (!Array.isArray(mf)) return [];
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return mf
    .filter(isObject)
    .filter((e) => typeof e.manager === 'string' && e.manager !== FIELD_MANAGER)
    .filter((e) => !options.ignoreStatus || e.subresource !== 'status')
    .sort((a, b) => text(b.time).localeCompare(text(a.time)))
    .map(
      (e) => `${text(e.manager)} (${text(e.operation) || 'Update'}${e.time ? ` at ${text(e.time)}` : ''})`,
    );
}

/** A promotion that ends with the canary left running: the state's reason and the last line say why. */
export function keptRunning(t: { state: PromotionState; action: Action }, why: string) {
  const state = { ...t.state, reason: why };
  const a = t.action;
  const action: Action =
    a.type === 'write' && a.then.type === 'stop'
      ? {
          type: 'write',
          then: {
            type: 'stop',
            message: `promoted: the stable Deployment runs the canary pod template and takes 100% again; ${why}`,
          },
        }
      : a;
  return { state, action };
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
  /** Each step's window from the power plan (power-step.ts), when it sized them (interval: auto). */
  plannedMs = new Map<number, number>();
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
  private readonly budget: AbortSignal;

  constructor(
    readonly settings: Settings,
    readonly deps: PromotionDeps,
    readonly target: Target,
  ) {
    this.started = this.iso();
    this.holder = deps.holder ?? newHolderId(settings);
    this.budget = budgetAfterCancel(deps.signal, CANCEL_WRITE_BUDGET_MS, 'writes');
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
    return this.budget;
  }

  iso(): string {
    return new Date(this.deps.clock?.now() ?? Date.now()).toISOString();
  }

  get vsRef(): ObjectRef {
    return {
      apiVersion: this.target.vsApiVersion,
      kind: routeKindName(this.target),
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
      canarySubset: oneLine(this.target.selection.canary.subset),
      stableDeployment: this.target.stableDeployment,
      liveWeight: this.liveWeight(),
      otherWriter: otherWriters(this.vs)[0] ?? null,
      takeOver: this.settings.takeOver,
    };
  }

  liveWeight(): number {
    return this.vs ? routeWeights(this.vs, this.target).canary : 0;
  }

  /**
   * How the live route differs from the weights `state` recorded (a person's edit, an
   * emergency move to 0%), or null when they agree.
   */
  edited(vs: KubeObject | null, state: PromotionState | null): string | null {
    if (!vs || !state) return null;
    const live = routeWeights(vs, this.target);
    const drift = strategyDrift(vs, this.target, state);
    const who = otherWriters(vs)[0];
    if (live.canary === state.weight && live.stable === 100 - state.weight) {
      if (!drift) return null;
      return `the route of ${this.vsName} was changed outside this promotion: ${drift}${who ? `; last other writer: ${who}` : ''}`;
    }
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
    let sent: number | null = null;
    let conflict: unknown = null;
    try {
      const r = await replaceWithRetry<KubeObject | null>(
        this.deps.kube,
        this.vsRef,
        (live, attempt) => {
          if (attempt > 1) {
            // A conflict: decide again on the fresh object.
            this.vs = live;
            const stored = live?.metadata?.annotations?.[STATE_ANNOTATION];
            if (stored === json) return { done: live }; // our own write landed before its answer was lost
            if (stored !== base) {
              const other = parseState(stored);
              throw new ConcurrentChangeError(
                `the VirtualService ${this.vsName} was changed by ${other?.runId || 'another writer'} while this run was deciding (state now: ${other ? describe(other) : 'none'}); not overwriting it`,
                { cause: conflict },
              );
            }
            pending = secrets.redactDeep(this.guardEdits(live, pending));
            json = JSON.stringify(pending);
          }
          if (!live) throw new Error(`VirtualService ${this.vsName} does not exist`);
          const body = renderState(live, this.target, pending) as KubeObject;
          body.metadata = {
            ...body.metadata,
            annotations: { ...(body.metadata?.annotations ?? {}), [STATE_ANNOTATION]: json },
          };
          // A write the budget no longer allows is not sent (it could not be confirmed either).
          if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
          sent = pending.weight;
          if (!this.settings.dryRun) {
            if (!this.unconfirmed.includes(sent)) this.unconfirmed.push(sent);
            this.deps.onWeightSent?.(sent);
          }
          return { write: body };
        },
        {
          signal,
          dryRun: this.settings.dryRun,
          first: this.vs,
          onConflict: (err) => {
            conflict = err;
            this.unconfirmed = this.unconfirmed.filter((w) => w !== sent);
            this.log.debug(`conflict writing ${this.vsName}; re-reading it`);
          },
        },
      );
      this.vs = 'written' in r ? r.written : r.done;
    } catch (err) {
      // An answer (a refusal) says the write did not land; anything else may have.
      if (err instanceof KubeApiError) this.unconfirmed = this.unconfirmed.filter((w) => w !== sent);
      throw err;
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
    const strategyLines = reportStrategy(s, this.settings.metrics);
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
      ...(strategyLines ? { strategy: strategyLines } : {}),
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

  window(step: number, weight: number, signal: AbortSignal, state?: PromotionState | null): StepWindow {
    const traffic = windowTrafficOf(state ?? this.current ?? this.state);
    return {
      ...(traffic ? { strategy: traffic } : {}),
      step,
      weight,
      intervalMs: this.plannedMs.get(step) ?? this.settings.intervalMs,
      signal,
      namespace: this.target.namespace,
      stableWorkload: this.target.stableDeployment ?? this.target.selection.stable.subset,
      canaryWorkload: this.target.canaryDeployment ?? this.target.selection.canary.subset,
      stableVersion: this.target.stableLabels.version ?? null,
      canaryVersion: this.target.canaryLabels.version ?? null,
    };
  }

  /** `cancelled (<the signal's reason>)`, with the weight of the state last confirmed unless `atWeight` is false. */
  cancelReason(atWeight = true): string {
    const r: unknown = this.deps.signal.reason;
    const what = r instanceof Error ? r.message : typeof r === 'string' ? r : 'the run was cancelled';
    return `cancelled (${what})${this.state && atWeight ? ` at ${this.state.weight}% canary` : ''}`;
  }

  /** One window (see window.ts): the machine's event, or a transition when take-over continues from new weights. */
  measure(
    action: Extract<Action, { type: 'measure' }>,
    state: PromotionState,
  ): Promise<MachineEvent | { adopted: PromotionState }> {
    return measureWindow(this, action, state);
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
      // A stable changed by hand before the route flip holds the finalize at 100% on the canary
      // whatever on-failure says: restoring stable and flipping to it could send traffic to no pod.
      let holdOnError = false;
      // Why the canary was left running (other routes still send it traffic), when it was.
      let keptCanary: string | null = null;
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
                // A gate that fails (or is cancelled) stops the step before its weight is written.
                const stopped = await gatesBefore(this, s0);
                if (stopped) return stopped;
                writing = true;
                await this.writeState(s0);
                writing = false;
              }
              const r = await this.measure(m, this.state ?? s0);
              if ('type' in r && r.type === 'verdict')
                this.log.info(
                  `step ${m.step}/${this.settings.steps.length} at ${m.weight}%: ${r.verdict.why ?? r.verdict.outcome} — ${r.verdict.reasons.map((x) => x.message).join('; ')}`,
                );
              return r;
            },
          );
          if ('base' in outcome) {
            state = outcome.base;
            event = outcome.event;
          } else if ('adopted' in outcome) {
            const t = transition(
              outcome.adopted,
              { type: 'begin', liveWeight: outcome.adopted.weight },
              this.ctx(),
            );
            state = t.state;
            action = t.action;
            this.current = state;
            continue;
          } else {
            event = outcome;
            if (writeFirst) state = this.state ?? state;
          }
        } else {
          switch (action.type) {
            case 'measure':
              throw new Error('internal: a measure outside a step');
            case 'write': {
              const stopped = await gatesBefore(this, state); // promote's jump to 100%
              if (stopped) {
                ({ event, base: state } = stopped);
                break;
              }
              writing = true;
              await this.writeState(state);
              state = this.state ?? state;
              action = action.then;
              continue;
            }
            case 'promote-stable':
              try {
                await promoteStable(this, state);
                event = { type: 'stable-promoted' };
              } catch (err) {
                if (!(err instanceof StableChangedError) || this.deps.signal.aborted) throw err;
                holdOnError = true;
                event = { type: 'error', message: err.message };
              }
              break;
            case 'scale-canary-down': {
              keptCanary = await scaleCanaryDown(this);
              await forgetPreviousTemplate(this);
              event = { type: 'canary-scaled-down' };
              break;
            }
            case 'restore-stable':
              await restoreStable(this, state);
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
      let t = transition(state, event, holdOnError ? { ...this.ctx(), onFailure: 'hold' } : this.ctx());
      if (keptCanary) t = keptRunning(t, keptCanary);
      this.noteFailure(event, t);
      state = t.state;
      action = t.action;
      this.current = state;
      if (
        event.type === 'verdict' ||
        event.type === 'cancelled' ||
        event.type === 'error' ||
        event.type === 'halt'
      ) {
        // The next weight's gates run before its write (which also records this step's verdict):
        // a failing one is decided from the state written now, so the weight never rises.
        const stopped = action.type === 'write' ? await gatesBefore(this, state) : null;
        if (stopped) {
          const g = transition(stopped.base, stopped.event, this.ctx());
          this.noteFailure(stopped.event, g);
          ({ state, action } = g);
          this.current = state;
        }
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
}
