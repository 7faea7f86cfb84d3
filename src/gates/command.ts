// A command gate's one run: its argv spawned without a shell, in its own process group, with
// the environment given; its output (stdout and stderr, interleaved as it arrives) logged line
// by line, bounded, and its tail kept for the verdict. A timeout stops the whole process tree
// (SIGTERM, then SIGKILL after a grace), a cancel kills it at once (SIGKILL): nothing the gate
// started outlives it. Hand-written over node:child_process: the CommandRunner port buffers the
// whole output and has no process-group kill or line streaming.
import { spawn } from 'node:child_process';
import process from 'node:process';
import type { Logger } from '../ports.js';
import { formatDuration } from '../input-parsers.js';

/** The output kept for the verdict (the last bytes). */
export const TAIL_BYTES = 64 * 1024;
/** The output written to the log at most; the rest is counted, not shown. */
export const LOGGED_BYTES = 1024 * 1024;
/** Between SIGTERM and SIGKILL after a timeout. */
const KILL_GRACE_MS = 3000;

export interface CommandOutcome {
  /** The exit code, or null when the process was killed (then `signal` or `killedBy`). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Why this process killed it: its timeout, or the run's cancel. */
  killedBy: 'timeout' | 'cancel' | null;
  /** It could not be started (ENOENT, EACCES): the cause. */
  spawnError: string | null;
  /** The last TAIL_BYTES of the output, as text. */
  tail: string;
  durationMs: number;
}

export interface CommandOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** The run's cancel: the process tree is killed at once. */
  signal: AbortSignal;
  logger: Logger;
  /** Put before each output line in the log. */
  prefix?: string;
}

/** Kills the process group of `pid` (the child and everything it started); the child alone on Windows. */
function killTree(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid, sig);
    else process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

export function runCommand(argv: readonly string[], o: CommandOptions): Promise<CommandOutcome> {
  const started = Date.now();
  const prefix = o.prefix ?? '  > ';
  let tail = '';
  let logged = 0;
  let omitted = 0;
  const partial = { out: '', err: '' };
  const logLine = (line: string) => {
    if (logged < LOGGED_BYTES) {
      logged += prefix.length + line.length + 1;
      o.logger.info(`${prefix}${line}`);
    } else omitted++;
  };
  const take = (which: 'out' | 'err', chunk: string) => {
    tail = (tail + chunk).slice(-TAIL_BYTES);
    const text = partial[which] + chunk;
    const lines = text.split(/\r?\n/);
    partial[which] = lines.pop() ?? '';
    // A line without an end that grows past the tail's size is logged in pieces.
    if (partial[which].length > TAIL_BYTES) {
      lines.push(partial[which]);
      partial[which] = '';
    }
    for (const line of lines) logLine(line);
  };
  return new Promise((resolve) => {
    let killedBy: CommandOutcome['killedBy'] = null;
    let settled = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      o.signal.removeEventListener('abort', onCancel);
      for (const which of ['out', 'err'] as const) if (partial[which] !== '') logLine(partial[which]);
      if (omitted > 0) o.logger.info(`${prefix}(${omitted} more lines not shown in the log)`);
      resolve({ exitCode, signal, killedBy, spawnError, tail, durationMs: Date.now() - started });
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        cwd: o.cwd,
        env: o.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: a timeout or a cancel stops what it started too.
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
    } catch (err) {
      resolve({
        exitCode: null,
        signal: null,
        killedBy: null,
        spawnError: (err as Error).message,
        tail: '',
        durationMs: Date.now() - started,
      });
      return;
    }
    const onCancel = () => {
      killedBy ??= 'cancel';
      killTree(child.pid, 'SIGKILL');
    };
    const timer = setTimeout(() => {
      killedBy ??= 'timeout';
      o.logger.info(`${prefix}(no end within ${formatDuration(o.timeoutMs)}: stopping it)`);
      killTree(child.pid, 'SIGTERM');
      grace = setTimeout(() => killTree(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    }, o.timeoutMs);
    if (o.signal.aborted) onCancel();
    else o.signal.addEventListener('abort', onCancel, { once: true });
    child.stdout!.setEncoding('utf8').on('data', (c: string) => take('out', c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => take('err', c));
    child.on('error', (err) => {
      // Not started (ENOENT, EACCES): no 'exit' follows.
      if (child.pid === undefined) finish(null, null, err.message);
    });
    child.on('exit', (code, sig) => {
      // Its output may still be in the pipes (or held open by something it left behind, which
      // the group kill below ends): read until they close, at most a moment.
      killTree(child.pid, 'SIGKILL');
      let open = 2;
      const closed = () => {
        if (--open === 0) finish(code, sig, null);
      };
      const late = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code, sig, null);
      }, 1000);
      late.unref();
      for (const s of [child.stdout!, child.stderr!])
        if (s.readableEnded || s.destroyed) closed();
        else s.once('close', closed);
    });
  });
}
