// Process cancellation for the CLI and the action: SIGINT, SIGTERM, SIGHUP and SIGQUIT abort
// the engine's AbortSignal, and so does the death of the parent process (npx, a wrapper shell),
// which otherwise leaves this process promoting alone, and a SIGINT sent only to a shell that
// waits for us (`sh -c` under npx, `bash -c`, a workflow step's bash): such a shell keeps the
// signal until its child exits, so it is seen through /proc (the shell woke up). After the
// first cancel a deadline runs: past it the process says where the canary may still be and how
// to finish, and exits.

import { readFileSync } from 'node:fs';

/** SIGQUIT too: its default action (a core dump) would skip the rollback. */
export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

/** GitHub sends SIGTERM 7.5 s after SIGINT and kills at about 10 s: stay under both. */
export const DEFAULT_CANCEL_DEADLINE_MS = 8000;
/** Environment variable that overrides the deadline (milliseconds), for tests and slow clusters. */
export const CANCEL_DEADLINE_ENV = 'ISTIO_CANARY_CANCEL_DEADLINE_MS';
const PARENT_POLL_MS = 250;
/** A poll this late means this process was stopped (Ctrl-Z, SIGSTOP): what woke a shell meanwhile is not judged. */
const LATE_POLL_MS = 1000;
/** After the engine of a cancelled run returned, only a hung request can keep the process up: it ends this soon. */
const AFTER_RETURN_MS = 200;

/** The part of `process` this module uses, so tests can hand it a fake one. */
export interface ProcessLike {
  readonly pid: number;
  readonly ppid: number;
  /** What the process will exit with (the bin and core.setFailed set it once the run returned). */
  readonly exitCode?: number | string | null;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

export interface CancellationOptions {
  logger: { warning(message: string): void; error(message: string): void };
  /** What to run to finish by hand after the deadline (e.g. `istio-canary rollback --namespace …`). */
  finishHint: () => string;
  /** What the engine does on cancel, for the first message (e.g. `on-cancel: rollback`). */
  onCancel?: string;
  deadlineMs?: number;
  process?: ProcessLike;
}

export interface Cancellation {
  readonly signal: AbortSignal;
  /**
   * The signal that cancelled (SIGINT for a waiting shell that was interrupted), or null (not
   * cancelled, or the parent went away): the CLI ends by it once it rolled back and reported.
   */
  readonly cancelledBy: NodeJS.Signals | null;
  /** The engine's callback: the last canary weight the API server confirmed. */
  onConfirmedWeight(weight: number): void;
  /** Removes the handlers, the parent watch and the deadline (the run ended by itself). */
  dispose(): void;
}

/** Reads ISTIO_CANARY_CANCEL_DEADLINE_MS; a missing or bad value gives the default. */
export function cancelDeadlineMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[CANCEL_DEADLINE_ENV]?.trim();
  if (!raw || !/^\d+$/.test(raw)) return DEFAULT_CANCEL_DEADLINE_MS;
  return Math.min(Number(raw), DEFAULT_CANCEL_DEADLINE_MS);
}

interface Ancestor {
  pid: number;
  name: string;
  /** Start time in clock ticks since boot (a reused pid has another). */
  start: string;
}

/** `/proc/<pid>/stat` fields after the command name: state, ppid, …, starttime (22nd field). */
function stat(pid: number): { name: string; ppid: number; start: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      name: text.slice(text.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      start: fields[19] ?? '',
    };
  } catch {
    return null;
  }
}

function startTime(pid: number): string | null {
  return stat(pid)?.start ?? null;
}

/**
 * What /proc says about an ancestor that may be waiting for its child: the signals it catches,
 * its context switches (they grow only when it runs), its children, and where it sleeps.
 */
export interface WaiterSample {
  /** Start time in clock ticks since boot (a reused pid has another). */
  start: string;
  /** SigCgt: the mask of signals with a handler (bit n-1 for signal n). */
  caught: bigint;
  /** voluntary + nonvoluntary context switches. */
  switches: number;
  /** Its children now (from /proc/<pid>/task/<pid>/children); null where the kernel has no such file. */
  children: number[] | null;
  /** S (sleeping), R (running), ... */
  state: string;
  /** The kernel function it sleeps in (do_wait while it waits for a child); null when hidden. */
  wchan: string | null;
}

const bit = (signal: number): bigint => 1n << BigInt(signal - 1);
const SIGINT_BIT = bit(2);
/** A shell waiting for its foreground child catches SIGINT (to defer it) and SIGCHLD, maybe SIGQUIT. */
const WAITER_MASK = bit(2) | bit(3) | bit(17);

/**
 * Whether `ancestor` is a process that keeps a SIGINT until `child` exits and would show one:
 * it catches SIGINT and nothing else but SIGQUIT and SIGCHLD (an interactive shell also
 * catches SIGWINCH and more: a terminal resize must not cancel), `child` is its only child (no
 * other child can wake it), and it sleeps waiting for it.
 */
export function defersInterrupt(ancestor: WaiterSample, child: number): boolean {
  return (
    (ancestor.caught & SIGINT_BIT) !== 0n &&
    (ancestor.caught & ~WAITER_MASK) === 0n &&
    ancestor.children !== null &&
    ancestor.children.length === 1 &&
    ancestor.children[0] === child &&
    ancestor.state === 'S' &&
    (ancestor.wchan === null || ancestor.wchan === 'do_wait')
  );
}

/**
 * Whether a waiting ancestor received a signal between two samples: it was waiting for `child`
 * alone both times and ran in between. Nothing else wakes it: the only child it has is still
 * there (no SIGCHLD), and it catches no other signal; so it got SIGINT (or SIGQUIT).
 */
export function interruptedBetween(before: WaiterSample, after: WaiterSample, child: number): boolean {
  return (
    before.start === after.start &&
    defersInterrupt(before, child) &&
    defersInterrupt(after, child) &&
    after.switches > before.switches
  );
}

function waiterSample(pid: number): WaiterSample | null {
  try {
    const s = stat(pid);
    if (!s) return null;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): string => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(status)?.[1] ?? '';
    let children: number[] | null = null;
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      children = null;
    }
    let wchan: string | null = null;
    try {
      const w = readFileSync(`/proc/${pid}/wchan`, 'utf8').trim();
      wchan = w && w !== '0' ? w : null;
    } catch {
      wchan = null;
    }
    return {
      start: s.start,
      caught: BigInt(`0x${field('SigCgt') || '0'}`),
      switches: Number(field('voluntary_ctxt_switches')) + Number(field('nonvoluntary_ctxt_switches')),
      children,
      state: field('State'),
      wchan,
    };
  } catch {
    return null;
  }
}

/** The chain of ancestors above the parent, up to (not including) pid 1; empty without /proc. */
function ancestors(parent: number): Ancestor[] {
  const out: Ancestor[] = [];
  for (let pid = stat(parent)?.ppid ?? 0; pid > 1 && out.length < 32;) {
    const s = stat(pid);
    if (!s) break;
    out.push({ pid, name: s.name, start: s.start });
    pid = s.ppid;
  }
  return out;
}

/** The line printed when the deadline passes (pure, for tests and the README). */
/**
 * A signal that aborts `ms` after `signal` does: what is left to do after a cancel (the writes
 * that restore the route, the last report) gets this long, so the process ends by itself before
 * the cancel deadline. Its reason names `what` ran out of time.
 */
export function budgetAfterCancel(signal: AbortSignal, ms: number, what: string): AbortSignal {
  const budget = new AbortController();
  const start = (): void => {
    const why = new Error(`the ${ms / 1000} s budget for ${what} after the cancel ran out`);
    setTimeout(() => budget.abort(why), ms).unref();
  };
  if (signal.aborted) start();
  else signal.addEventListener('abort', start, { once: true });
  return budget.signal;
}

export function deadlineMessage(seconds: number, weight: number | null, finishHint: string): string {
  const where =
    weight === null
      ? 'no weight change was confirmed by the API server before the cancel, so the canary is where it was before this run'
      : `the canary may still be at ${weight}% (the last weight the API server confirmed)`;
  return `Cancellation did not finish within ${seconds} s: ${where}. To finish, run: ${finishHint}`;
}

/**
 * Starts watching for cancellation. The returned signal aborts once, on the first of: a
 * signal, the parent process exiting (its pid changes under us), an ancestor exiting, or a
 * waiting shell above us being interrupted. Later signals are logged and ignored until the
 * deadline, when the process exits 1 with deadlineMessage().
 */
export function watchCancellation(options: CancellationOptions): Cancellation {
  const proc: ProcessLike = options.process ?? process;
  const deadlineMs = options.deadlineMs ?? DEFAULT_CANCEL_DEADLINE_MS;
  const controller = new AbortController();
  let weight: number | null = null;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let cancelledAt = 0;
  let disposed = false;

  const exitAt = (delayMs: number): void => {
    clearTimeout(deadline);
    deadline = setTimeout(() => {
      // After dispose() the engine has returned (and said where the canary is): only a lingering
      // request (a hung API, a lease renewal) keeps the process up, so it just ends.
      if (!disposed) options.logger.error(deadlineMessage(deadlineMs / 1000, weight, options.finishHint()));
      const code = disposed ? Number(proc.exitCode ?? 1) : 1;
      proc.exit(Number.isInteger(code) ? code : 1);
    }, delayMs);
    // Unref'd: it never keeps the process alive, and ends it when something else does.
    deadline.unref?.();
  };

  let cancelledBy: NodeJS.Signals | null = null;
  const cancel = (why: string, by: NodeJS.Signals | null = null): void => {
    if (controller.signal.aborted) {
      options.logger.warning(
        `${why} again: already stopping; exiting at the latest ${deadlineMs / 1000} s after the first cancel.`,
      );
      return;
    }
    cancelledAt = performance.now();
    cancelledBy = by;
    options.logger.warning(`${why}: stopping${options.onCancel ? ` (${options.onCancel})` : ''}.`);
    controller.abort(new Error(`cancelled: ${why}`));
    clearInterval(parentWatch);
    exitAt(deadlineMs);
  };

  const handlers = CANCEL_SIGNALS.map((name) => {
    const handler = (): void => cancel(`Received ${name}`, name);
    proc.on(name, handler);
    return [name, handler] as const;
  });

  // A parent that dies (npx killed, the wrapper shell gone) reparents us: ppid changes. A
  // grandparent that dies (a shell around `npx`, whose own `sh -c` child lives on) is seen
  // through /proc where there is one: every ancestor recorded at start must still be there.
  // A SIGINT sent only to a shell that waits for us (npx forwards it to its `sh -c`; bash and
  // dash keep it until their child exits) wakes that shell: its context switches grow.
  const parent = proc.ppid;
  const self = options.process ? null : stat(parent);
  const lineage: Ancestor[] = self
    ? [{ pid: parent, name: self.name, start: self.start }, ...ancestors(parent)]
    : [];
  const chain = lineage.map((a, i) => ({
    ...a,
    child: i === 0 ? proc.pid : lineage[i - 1]!.pid,
    last: waiterSample(a.pid),
  }));
  let polledAt = performance.now();
  const parentWatch = setInterval(() => {
    if (proc.ppid !== parent) return cancel(`The parent process (pid ${parent}) exited`);
    const now = performance.now();
    const late = now - polledAt > LATE_POLL_MS;
    polledAt = now;
    for (const link of chain) {
      if (startTime(link.pid) !== link.start)
        return cancel(`The process that started this one (pid ${link.pid}, ${link.name}) exited`);
      const before = link.last;
      const sample = (link.last = waiterSample(link.pid));
      if (before && sample && !late && interruptedBetween(before, sample, link.child))
        return cancel(
          `The process that started this one (pid ${link.pid}, ${link.name}) was interrupted (SIGINT)`,
          'SIGINT',
        );
    }
  }, PARENT_POLL_MS);
  parentWatch.unref?.();

  return {
    signal: controller.signal,
    get cancelledBy() {
      return cancelledBy;
    },
    onConfirmedWeight: (w) => {
      weight = w;
    },
    dispose: () => {
      disposed = true;
      for (const [name, handler] of handlers) proc.off(name, handler);
      clearInterval(parentWatch);
      // Cancelled and returned: what it had to say is said; a hung request or lease renewal
      // must not hold the exit until the deadline (the deadline stays the upper bound).
      if (controller.signal.aborted)
        exitAt(Math.max(0, Math.min(AFTER_RETURN_MS, cancelledAt + deadlineMs - performance.now())));
    },
  };
}

/** How to finish by hand after the deadline: a rollback of the same route (no secret in it). */
export function rollbackHint(settings: {
  cluster: string;
  namespace: string;
  virtualService: string | null;
  route: string | number | null;
  context: string | null;
  manifests: readonly string[];
}): string {
  const args = ['istio-canary', 'rollback', '--cluster', settings.cluster, '--namespace', settings.namespace];
  if (settings.virtualService) args.push('--virtual-service', settings.virtualService);
  if (settings.route !== null) args.push('--route', String(settings.route));
  if (settings.context) args.push('--context', settings.context);
  for (const m of settings.manifests) args.push('--manifests', m);
  const quoted = args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return `${quoted.join(' ')} (with the same kubeconfig), or rerun the workflow with command: rollback`;
}
