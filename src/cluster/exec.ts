// The one choke point for child processes (DESIGN.md: only src/cluster spawns). argv arrays
// only, never a shell; output captured; SIGINT/SIGTERM reach the children through an
// AbortSignal so a cancelled job does not leave kind/istioctl/port-forwards running.
import { spawn, type ChildProcess } from 'node:child_process';
import type { CommandRunner, Logger } from '../ports.js';
import { IstioCanaryError } from '../errors.js';

export type RunOptions = NonNullable<Parameters<CommandRunner['run']>[2]>;

export interface RunnerConfig {
  /** The environment children start with (default: this process's, inherited by spawn). */
  baseEnv?: Record<string, string>;
  /** Aborts every run that does not bring its own signal (see cancellationSignal). */
  signal?: AbortSignal;
  /** Where non-silent output goes, line by line (the job log). */
  echo?: (line: string) => void;
}

/** A child that failed to start (e.g. ENOENT: not on PATH). */
export class CommandStartError extends IstioCanaryError {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`could not start ${file}: ${code === 'ENOENT' ? 'not found' : String(cause)}`, { cause });
  }
}

/** A child stopped because the run was cancelled. */
export class CommandAbortedError extends IstioCanaryError {
  constructor(
    readonly file: string,
    readonly signal: NodeJS.Signals,
  ) {
    super(`${file} stopped: the run was cancelled (${signal})`);
  }
}

/** A command that exited non-zero, with the tail of its stderr to say why. */
export class CommandFailedError extends IstioCanaryError {
  constructor(
    readonly file: string,
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    const tail = stderr.trim().split('\n').slice(-10).join('\n');
    super(`${[file, ...args].join(' ')} exited with ${exitCode}${tail ? `:\n${tail}` : ''}`);
  }
}

/** The signal to send a child: the abort reason when it names one (SIGINT/SIGTERM), else SIGTERM. */
export function signalFor(reason: unknown): NodeJS.Signals {
  return reason === 'SIGINT' || reason === 'SIGTERM' || reason === 'SIGKILL' ? reason : 'SIGTERM';
}

/**
 * An AbortSignal that fires when this process gets SIGINT or SIGTERM, with the signal name
 * as its reason, so runs forward the same signal to their children. dispose() removes the
 * listeners (and the default "exit on signal" behaviour comes back).
 */
export function cancellationSignal(proc: Pick<NodeJS.Process, 'on' | 'off'> = process): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    if (!controller.signal.aborted) controller.abort(sig);
  };
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      proc.off('SIGINT', onSignal);
      proc.off('SIGTERM', onSignal);
    },
  };
}

function envFor(
  config: RunnerConfig,
  extra: Record<string, string> | undefined,
): NodeJS.ProcessEnv | undefined {
  if (!config.baseEnv && !extra) return undefined; // inherit
  // Without a baseEnv the child inherits ours; spawn needs the merged object for extras.
  return { ...(config.baseEnv ?? process.env), ...extra };
}

function lineSplitter(sink: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let rest = '';
  return {
    push(chunk) {
      rest += chunk;
      let i: number;
      while ((i = rest.indexOf('\n')) >= 0) {
        sink(rest.slice(0, i).replace(/\r$/, ''));
        rest = rest.slice(i + 1);
      }
    },
    flush() {
      if (rest) sink(rest);
      rest = '';
    },
  };
}

function wireAbort(
  child: ChildProcess,
  signal: AbortSignal | undefined,
  onAbort: (sig: NodeJS.Signals) => void,
): () => void {
  if (!signal) return () => undefined;
  const handler = (): void => {
    const sig = signalFor(signal.reason);
    onAbort(sig);
    child.kill(sig);
  };
  if (signal.aborted) {
    queueMicrotask(handler);
    return () => undefined;
  }
  signal.addEventListener('abort', handler, { once: true });
  return () => signal.removeEventListener('abort', handler);
}

/** CommandRunner plus long-running children (port-forward) under the same env and cancellation. */
export interface ProcessRunner extends CommandRunner {
  start(
    file: string,
    args: readonly string[],
    options?: { env?: Record<string, string>; logger?: Logger },
  ): BackgroundProcess;
}

export function createCommandRunner(config: RunnerConfig = {}): ProcessRunner {
  return {
    start(file, args, options = {}) {
      return startBackground(file, args, { ...options, baseEnv: config.baseEnv, signal: config.signal });
    },
    run(file, args, options = {}) {
      return new Promise((resolve, reject) => {
        const signal = options.signal ?? config.signal;
        // Cancelled already: start nothing.
        if (signal?.aborted) return reject(new CommandAbortedError(file, signalFor(signal.reason)));
        const child = spawn(file, [...args], {
          cwd: options.cwd,
          env: envFor(config, options.env),
          stdio: ['pipe', 'pipe', 'pipe'],
          shell: false,
        });
        let stdout = '';
        let stderr = '';
        let aborted: NodeJS.Signals | null = null;
        const echo = !options.silent && config.echo ? lineSplitter(config.echo) : null;
        const unwire = wireAbort(child, signal, (sig) => (aborted = sig));
        child.stdout?.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
          echo?.push(d);
        });
        child.stderr?.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
          echo?.push(d);
        });
        child.on('error', (err: NodeJS.ErrnoException) => {
          unwire();
          reject(new CommandStartError(file, err.code, err));
        });
        child.on('close', (code, sig) => {
          unwire();
          echo?.flush();
          if (aborted) return reject(new CommandAbortedError(file, aborted));
          resolve({ exitCode: code ?? (sig ? 128 : 1), stdout, stderr });
        });
        // EPIPE when a child exits without reading its input is not our failure: 'close' reports it.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(options.input ?? '');
      });
    },
  };
}

/** Runs and throws CommandFailedError on a non-zero exit; returns stdout. */
export async function runChecked(
  runner: CommandRunner,
  file: string,
  args: readonly string[],
  options?: RunOptions,
): Promise<string> {
  const r = await runner.run(file, args, options);
  if (r.exitCode !== 0) throw new CommandFailedError(file, args, r.exitCode, r.stderr || r.stdout);
  return r.stdout;
}

/** A long-running child (kubectl port-forward), stopped by stop(). */
export interface BackgroundProcess {
  readonly pid: number | undefined;
  /** Resolves with the first output line matching re (rejects if the child exits first). */
  waitForLine(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then resolves when it has exited. Idempotent. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

export function startBackground(
  file: string,
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    baseEnv?: Record<string, string>;
    signal?: AbortSignal;
    logger?: Logger;
  } = {},
): BackgroundProcess {
  const child = spawn(file, [...args], {
    env: envFor({ baseEnv: options.baseEnv }, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
  });
  const lines: string[] = [];
  const waiters = new Set<(line: string | null) => void>();
  const split = lineSplitter((line) => {
    lines.push(line);
    options.logger?.debug(`${file}: ${line}`);
    for (const w of [...waiters]) w(line);
  });
  child.stdout?.setEncoding('utf8').on('data', (d: string) => split.push(d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => split.push(d));
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', (code) => {
      split.flush();
      resolve(code);
    });
  });
  void exited.then(() => {
    for (const w of [...waiters]) w(null);
  });
  const unwire = wireAbort(child, options.signal, () => undefined);
  let stopping: Promise<void> | null = null;
  return {
    pid: child.pid,
    exited,
    waitForLine(re, timeoutMs) {
      for (const l of lines) {
        const m = l.match(re);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `${file} printed no line matching ${String(re)} within ${timeoutMs} ms:\n${lines.slice(-5).join('\n')}`,
            ),
          );
        }, timeoutMs);
        const waiter = (line: string | null): void => {
          if (line === null) {
            waiters.delete(waiter);
            clearTimeout(timer);
            reject(
              new Error(
                `${[file, ...args].join(' ')} exited before it was ready:\n${lines.slice(-5).join('\n')}`,
              ),
            );
            return;
          }
          const m = line.match(re);
          if (m) {
            waiters.delete(waiter);
            clearTimeout(timer);
            resolve(m);
          }
        };
        waiters.add(waiter);
      });
    },
    stop() {
      stopping ??= (async () => {
        unwire();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      })();
      return stopping;
    },
  };
}
