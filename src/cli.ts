// The istio-canary CLI: `istio-canary <command> --<input> <value> ...`. Flags are the action's
// inputs under the same names, so settings.ts validates both the same way.
import { constants } from 'node:os';
import { COMMANDS, INPUTS, OUTPUTS } from './contract.js';
import type { Io } from './main.js';
import { collectArgs, UsageError, type FlagSpecs } from './args.js';
import { cancelDeadlineMs, rollbackHint, watchCancellation, type Cancellation } from './lifecycle.js';
import type { Logger } from './ports.js';
import { safeLogger } from './log.js';
import { oneLine, safeBlockText, safeLogText, secrets } from './redact.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const TOOL_COMMANDS = {
  sim: 'start the embedded mesh (Kubernetes API + Istio data plane) on 127.0.0.1',
  load: 'open-loop load generator: percentiles per version (a hey replacement for CI)',
  demo: 'run the podinfo scenario on the embedded mesh: a good canary, then a slow one rolled back',
} as const;

const COMMAND_HELP: Record<(typeof COMMANDS)[number], string> = {
  run: 'the whole schedule with analysis at every step',
  step: 'advance exactly one step (manual gating)',
  promote: 'go to 100% now, then finalize',
  rollback: 'send all traffic back to stable now',
  status: 'print the promotion state',
  cleanup: 'delete a preview environment',
};

/** --help, built from the same contract as action.yml. */
export function helpText(): string {
  const lines = [
    'istio-canary: staged canary promotion on Istio.',
    '',
    'Usage: istio-canary <command> [--<input> <value> ...]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.padEnd(10)} ${COMMAND_HELP[c]}`),
    ...Object.entries(TOOL_COMMANDS).map(([c, d]) => `  ${c.padEnd(10)} ${d} (see istio-canary ${c} --help)`),
    '',
    'Inputs (the same names as the GitHub Action; booleans may be given as a bare flag):',
  ];
  for (const spec of INPUTS) {
    const def =
      spec.default !== undefined && !spec.default.includes('${{') ? ` [default: ${spec.default}]` : '';
    lines.push(`  --${spec.name}${def}`);
    lines.push(`      ${spec.description.replace(/`/g, '')}`);
    lines.push(`      accepts: ${spec.accepts.replace(/`/g, '')}`);
  }
  lines.push('', 'Outputs (printed at the end as name=value):');
  for (const o of OUTPUTS) lines.push(`  ${o.name.padEnd(12)} ${o.description.replace(/`/g, '')}`);
  lines.push('', 'Environment: KUBECONFIG for cluster existing; GITHUB_* when run inside Actions.');
  return lines.join('\n');
}

/** The promotion commands' flags: the contract's inputs, plus --help. */
export const INPUT_FLAGS: FlagSpecs = {
  ...Object.fromEntries(
    INPUTS.map((spec) => [
      spec.name,
      {
        type: spec.accepts.includes('`true`') ? ('boolean' as const) : ('string' as const),
        // Repeated --manifests accumulate, like a newline-separated input.
        multiple: spec.name === 'manifests',
        accepts: spec.accepts.replace(/`/g, ''),
      },
    ]),
  ),
  help: { type: 'boolean', short: 'h' },
};

/**
 * A promotion command's flags as the input source settings.ts reads (`manifests` joined by
 * newlines, booleans as `true`/`false`). Throws UsageError naming every bad token; `--command`
 * is one of them, since the first word already is the command.
 */
export function parseFlags(argv: readonly string[], command: string): Map<string, string> {
  const { values, problems } = collectArgs(argv, INPUT_FLAGS, { help: 'istio-canary --help' });
  if (values.command !== undefined)
    problems.push(
      `--command ${String(values.command)} conflicts with the command "${command}" given as the first word; give the command once, as the first word (istio-canary ${typeof values.command === 'string' ? values.command : command} ...)`,
    );
  if (problems.length > 0) throw new UsageError(problems);
  const flags = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    if (name === 'help') continue;
    flags.set(name, Array.isArray(value) ? value.join('\n') : String(value));
  }
  return flags;
}

/**
 * The CLI's Io: logs on stderr, the plan and outputs on stdout, every text redacted and
 * neutralised (src/redact.ts: a CLI run inside a workflow writes to the job log too); a group
 * is a title line.
 */
function cliIo(io: CliIo): Io {
  const logger: Logger = safeLogger({
    info: (m) => io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
    debug: () => undefined,
  });
  const state = new Map<string, string>();
  return {
    logger,
    print: (t) => io.stdout(`${safeBlockText(t)}\n`),
    setOutput: (name, value) => io.stdout(`${name}=${safeLogText(oneLine(value))}\n`),
    setSecret: (value) => void secrets.add(value),
    state: { save: (k, v) => void state.set(k, v), get: (k) => state.get(k) ?? '' },
  };
}

const defaultIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Runs the CLI; resolves with the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = defaultIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${helpText()}\n`);
    return command === undefined ? 2 : 0;
  }
  if (io === defaultIo) ignoreBrokenPipes();
  // Set once the settings are known: what to run to finish by hand if cancelling overruns.
  let hint = 'istio-canary rollback (with the same --cluster, --namespace and kubeconfig)';
  const cancellation: Cancellation = watchCancellation({
    logger: {
      warning: (m) => io.stderr(`warning: ${safeLogText(m)}\n`),
      error: (m) => io.stderr(`error: ${safeLogText(m)}\n`),
    },
    finishHint: () => hint,
    deadlineMs: cancelDeadlineMs(env),
  });
  try {
    if (command in TOOL_COMMANDS)
      return await runTool(command as keyof typeof TOOL_COMMANDS, rest, io, cancellation.signal);
    if (!(COMMANDS as readonly string[]).includes(command)) {
      const accepted = [...COMMANDS, ...Object.keys(TOOL_COMMANDS)].join(', ');
      io.stderr(
        command.startsWith('-')
          ? `error: the command comes first (istio-canary <command> [--<input> <value> ...]), got the flag ${command.split('=')[0]}; accepted commands: ${accepted}\n`
          : `error: unknown command "${command}"; accepted: ${accepted}\n`,
      );
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${helpText()}\n`);
      return 0;
    }
    let flags: Map<string, string>;
    try {
      flags = parseFlags(rest, command);
    } catch (e) {
      if (e instanceof UsageError) {
        for (const problem of e.problems) io.stderr(`error: ${problem}\n`);
        io.stderr(`error: ${e.problems.length} argument problem(s); nothing was changed.\n`);
        return 2;
      }
      throw e;
    }
    flags.set('command', command);
    // The engine (and everything it loads) only once the command line is known to be good.
    const { execute, settingsOrReport } = await import('./main.js');
    const runIo = cliIo(io);
    const settings = settingsOrReport((name) => flags.get(name) ?? '', env, runIo);
    if (!settings) return 2;
    hint = rollbackHint(settings);
    let exitCode: number;
    try {
      exitCode = (
        await execute(settings, runIo, cancellation.signal, {
          onConfirmedWeight: (weight) => cancellation.onConfirmedWeight(weight),
        })
      ).exitCode;
    } catch (e) {
      io.stderr(`error: ${safeLogText(e instanceof Error ? e.message : String(e))}\n`);
      exitCode = 1;
    }
    return signalExitCode(cancellation.cancelledBy) ?? exitCode;
  } catch (e) {
    io.stderr(`error: ${safeLogText(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  } finally {
    cancellation.dispose();
  }
}

/**
 * A promotion cancelled by a signal ends, once it rolled back and reported, with 128 + the
 * signal's number, the code of a process killed by that signal; bin/istio-canary.js then
 * re-raises the signal so that a wrapper (`bash -c 'istio-canary run …; next'`) stops as well.
 */
export function signalExitCode(signal: NodeJS.Signals | null): number | null {
  return signal === null ? null : 128 + constants.signals[signal];
}

/**
 * When npx or a wrapper shell dies, the pipes it read may close: a write then fails with
 * EPIPE, which must not crash the process in the middle of rolling back.
 */
function ignoreBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr])
    if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
}

async function runTool(
  command: keyof typeof TOOL_COMMANDS,
  argv: string[],
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  switch (command) {
    case 'sim': {
      const { runSimCommand } = await import('./sim/command.js');
      return runSimCommand(argv, io, signal);
    }
    case 'load': {
      const { runLoadCommand } = await import('./traffic/command.js');
      return runLoadCommand(argv, io, signal);
    }
    case 'demo': {
      const { runDemoCommand } = await import('./demo.js');
      return runDemoCommand(argv, io, signal);
    }
  }
}
