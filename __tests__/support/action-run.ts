// Runs the action bundle the way the runner does: `node <bundle>` with INPUT_* variables, the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE command files in a temporary folder, and
// for the post step the saved state handed back as STATE_* variables.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The bundle under test, from one place: dist/index.js (rebuilt before the suite), or the
 * path in $ACTION_BUNDLE (e.g. a bundle built to a temporary folder while dist is stale).
 */
export const ACTION_BUNDLE = process.env.ACTION_BUNDLE ?? path.join(ROOT, 'dist', 'index.js');

/** The CLI as users start it: bin/istio-canary.js, or the script in $CLI_ENTRY. */
export const CLI_ENTRY = process.env.CLI_ENTRY ?? path.join(ROOT, 'bin', 'istio-canary.js');

/** Runs the CLI process to its end. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ActionFiles {
  dir: string;
  output: string;
  summary: string;
  state: string;
  temp: string;
}

/** A fresh job folder: the command files (empty) and RUNNER_TEMP. */
export function actionFiles(): ActionFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'istio-canary-action-'));
  const files = {
    dir,
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'step-summary.md'),
    state: path.join(dir, 'state'),
    temp: path.join(dir, 'runner-temp'),
  };
  for (const f of [files.output, files.summary, files.state]) writeFileSync(f, '');
  return files;
}

/** `name=value` lines and `name<<DELIM ... DELIM` blocks, as core writes GITHUB_OUTPUT and GITHUB_STATE. */
export function parseCommandFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]!);
      out.set(heredoc[1]!, value.join('\n'));
    } else if (line.includes('='))
      out.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1));
  }
  return out;
}

export interface ActionResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE as the step left them. */
  outputFile: string;
  summaryFile: string;
  stateFile: string;
  outputs: Map<string, string>;
}

/** The runner's name for an input's variable (core.getInput reads INPUT_<NAME>, spaces as _). */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
}

/**
 * One step of the action (main, or post when `post` is set: the state main saved is passed as
 * STATE_* variables, as the runner does). Resolves when the process has exited.
 */
export function runAction(options: {
  files: ActionFiles;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  post?: boolean;
  cwd?: string;
}): Promise<ActionResult> {
  const { files } = options;
  const state = options.post
    ? Object.fromEntries(
        [...parseCommandFile(readFileSync(files.state, 'utf8'))].map(([k, v]) => [`STATE_${k}`, v]),
      )
    : {};
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: files.temp,
    ...inputEnv(options.inputs),
    ...state,
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION_BUNDLE], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const outputFile = readFileSync(files.output, 'utf8');
      resolve({
        code,
        stdout,
        stderr,
        outputFile,
        summaryFile: readFileSync(files.summary, 'utf8'),
        stateFile: readFileSync(files.state, 'utf8'),
        outputs: parseCommandFile(outputFile),
      });
    });
  });
}

/**
 * The lines of a step's output the runner would take as workflow commands (actions/runner
 * ActionCommand.TryParseV2: leading whitespace trimmed then `::`; TryParse: `##[` anywhere;
 * lines split on \n, \r and \r\n).
 */
export function commandLines(stdout: string): string[] {
  return stdout.split(/\r\n|\n|\r/).filter((l) => /^[\s\u0085]*::/.test(l) || l.includes('##['));
}

/** The data of a `::add-mask::` line, unescaped as the runner does (%0D, %0A, %25). */
export function maskedValues(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) =>
      l.slice('::add-mask::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'),
    );
}
