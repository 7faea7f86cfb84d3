// The post step (runs even when the job failed or was cancelled): finish a rollback or a
// finalize an interrupted run left behind, then delete a cluster this action created. It finds
// the promotion from what main saved in the action state (src/post-target.ts), never from the
// manifests, which may be gone by then. With finalize: git-pr, a finalize it completes (or a
// promotion main left promoted without its PR) gets the same pull request a run opens
// (postGitPr in src/promote/git-finalize.ts), from the files main saved, reported with it. A
// lockstep run (`services`) saved one target per service: each is finished, and reported as
// the one merged report of the run.
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { CREATED_CLUSTER_STATE } from './cluster/index.js';
import { parsePostTargets, PROMOTION_TARGET, type PostTarget } from './post-target.js';
import {
  actionIo,
  INPUTS_STATE,
  jobSummary,
  PROMOTION_HOLDER,
  PROMOTION_STATE,
  settingsOrReport,
  type Io,
} from './main.js';
import { serviceSettings, type Environment, type InputSource, type Settings } from './settings.js';
import { prefixedLogger } from './log.js';
import { combineReporters } from './report/lockstep.js';
import type { PromotionReport } from './model.js';
import type { Reporter } from './ports.js';

export interface PostDeps {
  io: Io;
  input: InputSource;
  env: Environment;
}

/**
 * The kubeconfig main used, as main saved its source: the input (read again here), the file
 * main read, the created cluster's file; null for the embedded mesh (it ended with main).
 */
async function kubeconfigFor(target: PostTarget, settings: Settings, io: Io): Promise<string | null> {
  const source = target.kubeconfig;
  switch (source.from) {
    case 'sim':
      return null;
    case 'input':
      return settings.kubeconfig;
    case 'file':
      return readFile(source.path, 'utf8');
    case 'created': {
      const record = io.state.get(CREATED_CLUSTER_STATE);
      if (record === '') return null;
      return readFile((JSON.parse(record) as { kubeconfigPath: string }).kubeconfigPath, 'utf8');
    }
  }
}

/** Rolls back a promotion that a cancelled or killed main step left in progress (every service of a lockstep run). */
async function finishPromotion(settings: Settings, io: Io): Promise<void> {
  // Only when main started a promotion and did not see it to its end (cancelled, killed).
  if (io.state.get(PROMOTION_STATE) !== 'started') return;
  // What main saved before its first write: the post step never reads the manifests again.
  const targets = parsePostTargets(io.state.get(PROMOTION_TARGET));
  if (targets.length === 0) {
    io.logger.debug('post: the main step saved no promotion target; nothing to finish');
    return;
  }
  const first = targets[0]!;
  const kubeconfig = await kubeconfigFor(first, settings, io);
  if (!kubeconfig) return;
  const [{ createKubeClient }, { finishInterrupted }] = await Promise.all([
    import('./kube/client.js'),
    import('./promote/runner.js'),
  ]);
  const kube = await createKubeClient({
    kubeconfig,
    requestTimeoutMs: settings.kubeTimeoutMs,
    // A created cluster's kubeconfig names its own current context; an existing one uses main's.
    context:
      first.kubeconfig.from === 'input' || first.kubeconfig.from === 'file' ? first.kubeconfig.context : null,
    logger: io.logger,
  });
  const noMetrics = { measure: () => Promise.reject(new Error('the post step does not measure')) };
  const { createReporter } = await import('./report/summary.js');
  const summary = createReporter(settings, {
    logger: io.logger,
    summary: jobSummary,
    setOutput: (name, value) => io.setOutput(name, value),
  });
  // A lockstep run (`services`) saved one target per service, in the order of the input.
  const services = serviceSettings(settings);
  const lockstep =
    targets.length > 1 && services.length === targets.length
      ? combineReporters(
          services.map((s) => s.name),
          summary,
        )
      : null;
  const controller = new AbortController();
  // The main step's own id: post finishes that promotion only, never another job's.
  const holder = io.state.get(PROMOTION_HOLDER) || undefined;
  const finals = await Promise.all(
    targets.map(async (target, i) => {
      const unit = lockstep ? services[i] : undefined;
      const base = unit?.settings ?? settings;
      const logger = unit ? prefixedLogger(io.logger, unit.name) : io.logger;
      const out = lockstep?.reporters[i] ?? summary;
      // The one final report (summary, outputs, comment) is sent below, after a git-pr's link.
      const reporter: Reporter = {
        progress: (r) => out.progress(r),
        final: () => Promise.resolve({ commentUrl: null, reportJsonPath: null }),
      };
      const saved: Settings = {
        ...base,
        manifests: [],
        namespace: target.namespace,
        virtualService: target.virtualService,
        route: target.route,
        stableSubset: target.stableSubset,
        canarySubset: target.canarySubset,
      };
      const deps = { kube, metrics: noMetrics, reporter, logger, signal: controller.signal, holder };
      const report = await finishInterrupted(saved, deps);
      if (report)
        logger.warning(
          `post: the interrupted promotion was ${report.status === 'promoted' ? 'completed' : 'rolled back'} (${report.status} at ${report.weight}%).`,
        );
      let final: PromotionReport | null = report;
      if (settings.finalize === 'git-pr' && holder) {
        const { postGitPr } = await import('./promote/git-finalize.js');
        final = await postGitPr({
          settings: { ...saved, manifests: base.manifests },
          deps,
          files: target.manifestFiles ?? null,
          report,
        });
        if (final?.pullRequest)
          logger.info(
            `post: finalize git-pr: pull request #${final.pullRequest.number} ${final.pullRequest.url} ${final.pullRequest.created ? 'opened' : final.pullRequest.committed ? 'updated with the promoted image' : 'kept: it already has the promoted image'}`,
          );
      }
      if (final) await out.final(final);
      return final;
    }),
  );
  if (lockstep && finals.some((f) => f !== null)) await lockstep.finish([]);
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
