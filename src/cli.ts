// The istio-canary CLI: `istio-canary <command> --<input> <value> ...`. Flags are the action's
// inputs under the same names, so settings.ts validates both the same way.
import { COMMANDS, INPUTS, OUTPUTS } from './contract.js';
import { execute, settingsOrReport, type Io } from './main.js';
import type { Logger } from './ports.js';

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

export class UsageError extends Error {}

const BOOLEAN_INPUTS = new Set(INPUTS.filter((i) => i.accepts.includes('`true`')).map((i) => i.name));
const KNOWN_INPUTS = new Set(INPUTS.map((i) => i.name));

/** `--name value`, `--name=value`, bare boolean flags. Unknown flags are usage errors. */
export function parseFlags(argv: readonly string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!KNOWN_INPUTS.has(name)) {
      unknown.push(`--${name}`);
      if (eq === -1 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (
      BOOLEAN_INPUTS.has(name) &&
      (argv[i + 1] === undefined ||
        argv[i + 1]!.startsWith('--') ||
        !/^(true|false|yes|no|1|0|on|off)$/i.test(argv[i + 1]!))
    )
      value = 'true';
    else if (argv[i + 1] === undefined)
      throw new UsageError(
        `--${name} needs a value (accepted: ${INPUTS.find((s) => s.name === name)!.accepts.replace(/`/g, '')})`,
      );
    else value = argv[++i]!;
    // Repeated --manifests accumulate, like a newline-separated input.
    flags.set(name, flags.has(name) && name === 'manifests' ? `${flags.get(name)}\n${value}` : value);
  }
  if (unknown.length > 0)
    throw new UsageError(`unknown flag(s): ${unknown.join(', ')} (see istio-canary --help)`);
  return { flags, positional };
}

function cliIo(io: CliIo): Io {
  const logger: Logger = {
    info: (m) => io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
    error: (m) => io.stderr(`error: ${m}\n`),
    debug: () => undefined,
  };
  const state = new Map<string, string>();
  return {
    logger,
    print: (t) => io.stdout(`${t}\n`),
    setOutput: (name, value) => io.stdout(`${name}=${value}\n`),
    setSecret: () => undefined,
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
  const controller = new AbortController();
  const onSignal = (sig: string) => controller.abort(new Error(`cancelled by ${sig}`));
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  process.once('SIGINT', sigint);
  process.once('SIGTERM', sigterm);
  try {
    if (command in TOOL_COMMANDS)
      return await runTool(command as keyof typeof TOOL_COMMANDS, rest, io, controller.signal);
    if (!(COMMANDS as readonly string[]).includes(command)) {
      io.stderr(
        `error: unknown command "${command}"; accepted: ${[...COMMANDS, ...Object.keys(TOOL_COMMANDS)].join(', ')}\n`,
      );
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${helpText()}\n`);
      return 0;
    }
    let flags: Map<string, string>;
    try {
      ({ flags } = parseFlags(rest));
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`error: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    flags.set('command', command);
    const runIo = cliIo(io);
    const settings = settingsOrReport((name) => flags.get(name) ?? '', env, runIo);
    if (!settings) return 2;
    const outcome = await execute(settings, runIo, controller.signal);
    return outcome.exitCode;
  } catch (e) {
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
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
