// The post step (runs even when the job failed or was cancelled): finish a rollback an
// interrupted run left behind, then delete a cluster this action created.
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  actionIo,
  INPUTS_STATE,
  jobSummary,
  PROMOTION_HOLDER,
  PROMOTION_STATE,
  settingsOrReport,
  type Io,
} from './main.js';
import type { Environment, InputSource, Settings } from './settings.js';

export interface PostDeps {
  io: Io;
  input: InputSource;
  env: Environment;
}

/** The kubeconfig main used: the input, $KUBECONFIG, ~/.kube/config, or the created cluster's file. */
async function kubeconfigFor(settings: Settings, io: Io): Promise<string | null> {
  if (settings.cluster === 'sim') return null; // the embedded mesh ended with main
  if (settings.cluster === 'existing') {
    if (settings.kubeconfig) return settings.kubeconfig;
    return readFile(settings.kubeconfigPath ?? join(homedir(), '.kube', 'config'), 'utf8');
  }
  const record = io.state.get('created-cluster');
  if (record === '') return null;
  return readFile((JSON.parse(record) as { kubeconfigPath: string }).kubeconfigPath, 'utf8');
}

/**
 * The namespace and name of the stepped VirtualService as main resolved them: manifests may
 * put it outside the `namespace` input (the podinfo example uses `test`). Read from the files
 * only; the cluster is asked nothing here.
 */
async function withManifestTarget(settings: Settings): Promise<Settings> {
  if (settings.manifests.length === 0) return settings;
  const { readManifests, validateManifests } = await import('./kube/manifests.js');
  const { docs } = validateManifests(
    await readManifests(settings.manifests, process.cwd()),
    settings.namespace,
    {
      retarget: settings.preview,
    },
  );
  const vs = docs
    .map((d) => d.object)
    .filter(
      (o) =>
        o.kind === 'VirtualService' &&
        (!settings.virtualService || o.metadata?.name === settings.virtualService),
    );
  if (vs.length !== 1 || typeof vs[0]?.metadata?.namespace !== 'string') return settings;
  return {
    ...settings,
    namespace: vs[0].metadata.namespace,
    virtualService: settings.virtualService ?? String(vs[0].metadata.name),
  };
}

/** Rolls back a promotion that a cancelled or killed main step left in progress. */
async function finishPromotion(settings: Settings, io: Io): Promise<void> {
  // Only when main started a promotion and did not see it to its end (cancelled, killed).
  if (io.state.get(PROMOTION_STATE) !== 'started') return;
  const kubeconfig = await kubeconfigFor(settings, io);
  if (kubeconfig === null) return;
  const [{ createKubeClient }, { finishInterrupted }] = await Promise.all([
    import('./kube/client.js'),
    import('./promote/runner.js'),
  ]);
  const kube = await createKubeClient({
    kubeconfig,
    // A created cluster's kubeconfig names its own current context; an existing one uses the input.
    context: settings.cluster === 'existing' ? settings.context : null,
    logger: io.logger,
  });
  const noMetrics = { measure: () => Promise.reject(new Error('the post step does not measure')) };
  const { createReporter } = await import('./report/summary.js');
  const reporter = createReporter(settings, {
    logger: io.logger,
    summary: jobSummary,
    setOutput: (name, value) => io.setOutput(name, value),
  });
  const controller = new AbortController();
  const report = await finishInterrupted(await withManifestTarget(settings), {
    kube,
    metrics: noMetrics,
    reporter,
    logger: io.logger,
    signal: controller.signal,
    // The main step's own id: post finishes that promotion only, never another job's.
    holder: io.state.get(PROMOTION_HOLDER) || undefined,
  });
  if (report)
    io.logger.warning(
      `post: the interrupted promotion was ${report.status === 'promoted' ? 'completed' : 'rolled back'} (${report.status} at ${report.weight}%).`,
    );
}

export async function runPost(deps: PostDeps): Promise<void> {
  const { io } = deps;
  // Main reported every input error and failed the step; the same annotations twice help no one.
  if (io.state.get(INPUTS_STATE) === 'invalid') return;
  const settings = settingsOrReport(deps.input, deps.env, io);
  if (!settings) return;
  try {
    if (settings.command !== 'status' && settings.command !== 'cleanup' && !settings.dryRun)
      await finishPromotion(settings, io);
  } catch (e) {
    io.logger.error(
      `post: could not finish the interrupted promotion: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (io.state.get('created-cluster') !== '') {
    const [{ cleanupCluster }, { createCommandRunner }] = await Promise.all([
      import('./cluster/index.js'),
      import('./cluster/exec.js'),
    ]);
    const outcome = await cleanupCluster(settings, {
      runner: createCommandRunner({ echo: (line) => io.logger.info(line) }),
      state: io.state,
      logger: io.logger,
    });
    io.logger.info(`post: cluster ${JSON.stringify(outcome)}`);
  }
}

export async function post(env: Environment = process.env): Promise<void> {
  const io = actionIo();
  try {
    await runPost({ io, input: (name) => core.getInput(name), env });
  } catch (e) {
    // The post step reports but never turns a green job red on its own cleanup.
    io.logger.warning(`post: ${e instanceof Error ? e.message : String(e)}`);
  }
}
