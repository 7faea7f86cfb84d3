// run(deps): settings → cluster → deploy → promote → report. The action and the CLI both
// end up in execute(); only the way inputs, logs and outputs travel differs.
import * as core from '@actions/core';
import { loadAll } from 'js-yaml';
import { readFile, glob } from 'node:fs/promises';
import { renderPlan } from './dryrun.js';
import { PlanError } from './plan.js';
import type { Logger, StateStore } from './ports.js';
import {
  formatInputError,
  INPUT_NAMES,
  parseSettings,
  type Environment,
  type InputSource,
  type Settings,
} from './settings.js';
import { INPUTS } from './contract.js';

export interface Io {
  logger: Logger;
  /** Plain output for the user (the plan, the status table): stdout in the CLI, the log in the action. */
  print(text: string): void;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  state: StateStore;
}

export interface Outcome {
  exitCode: number;
}

/** Expands the manifests patterns (files or globs) to the YAML documents they hold. */
async function readManifestObjects(patterns: readonly string[]): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = [];
  for (const pattern of patterns) {
    const files: string[] = [];
    for await (const f of glob(pattern)) files.push(f);
    if (files.length === 0) throw new PlanError(`manifests: "${pattern}" matches no file`);
    for (const file of files.sort()) {
      for (const d of loadAll(await readFile(file, 'utf8')))
        if (d && typeof d === 'object') docs.push(d as Record<string, unknown>);
    }
  }
  return docs;
}

/** The engine behind both the action and the CLI, once settings are valid. */
export async function execute(settings: Settings, io: Io, _signal: AbortSignal): Promise<Outcome> {
  if (settings.dryRun) {
    const objects = await readManifestObjects(settings.manifests);
    const virtualServices = objects.filter((o) => o.kind === 'VirtualService');
    io.print(renderPlan(virtualServices, settings));
    io.setOutput('status', 'in-progress');
    return { exitCode: 0 };
  }
  io.logger.error(`command ${settings.command} on cluster ${settings.cluster} is not wired yet`);
  return { exitCode: 1 };
}

/** Parses the inputs; on any error reports all of them and returns null (nothing else runs). */
export function settingsOrReport(
  input: InputSource,
  env: Environment,
  io: Pick<Io, 'logger' | 'setSecret'>,
): Settings | null {
  // Mask secrets before anything could print them, including in an error message.
  for (const spec of INPUTS)
    if (spec.secret) {
      const v = input(spec.name);
      if (v.trim() !== '' && !v.includes('${{')) io.setSecret(v.trim());
    }
  const result = parseSettings(input, env);
  if (!result.ok) {
    for (const e of result.errors) io.logger.error(formatInputError(e));
    io.logger.error(`${result.errors.length} input(s) are not valid; nothing was changed.`);
    return null;
  }
  return result.settings;
}

function actionIo(): Io {
  return {
    logger: { info: core.info, warning: core.warning, error: core.error, debug: core.debug },
    print: core.info,
    setOutput: core.setOutput,
    setSecret: core.setSecret,
    state: { save: core.saveState, get: core.getState },
  };
}

/** The action's main step. */
export async function run(env: Environment = process.env): Promise<void> {
  const io = actionIo();
  const settings = settingsOrReport((name) => core.getInput(name), env, io);
  if (!settings) {
    core.setFailed('Invalid inputs (see the errors above).');
    return;
  }
  const controller = new AbortController();
  const abort = (signal: string) => {
    io.logger.warning(`Received ${signal}: stopping (on-cancel: ${settings.onCancel}).`);
    controller.abort(new Error(`cancelled by ${signal}`));
  };
  process.once('SIGINT', () => abort('SIGINT'));
  process.once('SIGTERM', () => abort('SIGTERM'));
  try {
    const outcome = await execute(settings, io, controller.signal);
    if (outcome.exitCode !== 0) core.setFailed(`istio-canary ${settings.command} failed`);
  } catch (e) {
    core.setFailed(e instanceof Error ? e.message : String(e));
  }
}

export { INPUT_NAMES };
