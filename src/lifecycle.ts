// Process cancellation for the CLI and the action: SIGINT, SIGTERM and SIGHUP abort the
// engine's AbortSignal, and so does the death of the parent process (npx, a wrapper shell),
// which otherwise leaves this process promoting alone. After the first cancel a deadline
// runs: past it the process says where the canary may still be and how to finish, and exits.

import { readFileSync } from 'node:fs';

export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** GitHub sends SIGTERM 7.5 s after SIGINT and kills at about 10 s: stay under both. */
export const DEFAULT_CANCEL_DEADLINE_MS = 8000;
/** Environment variable that overrides the deadline (milliseconds), for tests and slow clusters. */
export const CANCEL_DEADLINE_ENV = 'ISTIO_CANARY_CANCEL_DEADLINE_MS';
const PARENT_POLL_MS = 250;

/** The part of `process` this module uses, so tests can hand it a fake one. */
export interface ProcessLike {
  readonly pid: number;
  readonly ppid: number;
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
export function deadlineMessage(seconds: number, weight: number | null, finishHint: string): string {
  const where =
    weight === null
      ? 'no weight change was confirmed by the API server before the cancel, so the canary is where it was before this run'
      : `the canary may still be at ${weight}% (the last weight the API server confirmed)`;
  return `Cancellation did not finish within ${seconds} s: ${where}. To finish, run: ${finishHint}`;
}

/**
 * Starts watching for cancellation. The returned signal aborts once, on the first of: a
 * signal, or the parent process exiting (its pid changes under us). Later signals are logged
 * and ignored until the deadline, when the process exits 1 with deadlineMessage().
 */
export function watchCancellation(options: CancellationOptions): Cancellation {
  const proc: ProcessLike = options.process ?? process;
  const deadlineMs = options.deadlineMs ?? DEFAULT_CANCEL_DEADLINE_MS;
  const controller = new AbortController();
  let weight: number | null = null;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const cancel = (why: string): void => {
    if (controller.signal.aborted) {
      options.logger.warning(
        `${why} again: already stopping; exiting at the latest ${deadlineMs / 1000} s after the first cancel.`,
      );
      return;
    }
    options.logger.warning(`${why}: stopping${options.onCancel ? ` (${options.onCancel})` : ''}.`);
    controller.abort(new Error(`cancelled: ${why}`));
    clearInterval(parentWatch);
    deadline = setTimeout(() => {
      // After dispose() the engine has returned (and said where the canary is): only a lingering
      // request (a hung API, a lease renewal) keeps the process up, so it just ends.
      if (!disposed) options.logger.error(deadlineMessage(deadlineMs / 1000, weight, options.finishHint()));
      proc.exit(1);
    }, deadlineMs);
    deadline.unref?.();
  };

  const handlers = CANCEL_SIGNALS.map((name) => {
    const handler = (): void => cancel(`Received ${name}`);
    proc.on(name, handler);
    return [name, handler] as const;
  });

  // A parent that dies (npx killed, the wrapper shell gone) reparents us: ppid changes. A
  // grandparent that dies (a shell around `npx`, whose own `sh -c` child lives on) is seen
  // through /proc where there is one: every ancestor recorded at start must still be there.
  const parent = proc.ppid;
  const lineage = options.process ? [] : ancestors(parent);
  const parentWatch = setInterval(() => {
    if (proc.ppid !== parent) return cancel(`The parent process (pid ${parent}) exited`);
    const gone = lineage.find((a) => startTime(a.pid) !== a.start);
    if (gone) cancel(`The process that started this one (pid ${gone.pid}, ${gone.name}) exited`);
  }, PARENT_POLL_MS);
  parentWatch.unref?.();

  return {
    signal: controller.signal,
    onConfirmedWeight: (w) => {
      weight = w;
    },
    dispose: () => {
      // The deadline stays armed once cancelled (unref'd: it never keeps the process alive): a
      // cancelled process ends by the deadline even when a hung request would hold it open.
      disposed = true;
      for (const [name, handler] of handlers) proc.off(name, handler);
      clearInterval(parentWatch);
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
