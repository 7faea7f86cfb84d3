// finalize: git-pr in the engine. Semantics: everything `promote-stable` does in the cluster
// (stable takes the canary's pod template, the traffic returns to stable, the canary is scaled
// to 0), so the cluster ends correct; then the promoted pod template's images are written into
// the repository's manifest files (the files of the `manifests` input that define the stable
// and canary Deployments; only the image scalars and the canary's replicas change, formatting
// and comments kept: src/gitops/edit.ts) and a pull request is opened or updated
// (src/gitops/pr.ts), so Git catches up with the cluster and Argo CD / Flux see no drift once it
// is merged. The report links the PR (`pullRequest`).
//
// - Checked before anything is written (prepareGitFinalize, called by the runner before the
//   Lease and in a dry run): a github-token and a repository, the manifest files inside the
//   repository checkout, and the edit itself run on the local files (a templated image `{{`, a
//   stable Deployment not in the files, a container the manifests do not have are refused
//   before the first weight moves).
// - After the run (finish): when the promotion is `promoted` at the end of this run (also a
//   rerun that only finished a finalize, or found it promoted: the PR is idempotent, so a rerun
//   after a refused PR opens it without touching the cluster again), the images the live stable
//   Deployment runs are proposed. A refusal (403 permissions, the repository setting, a file not
//   committed) leaves the promotion promoted in the cluster but fails the run (report `failure`,
//   job red) with the cause and what to fix: never a silent success.
// - A dry run says which files and lines would change and that a PR would be opened; it calls
//   no GitHub API.
// - The post step (postGitPr): when it completes a finalize the main step left (cancelled or
//   killed at `finalizing`), or finds the main step's promotion promoted without its PR (killed
//   while opening it), it opens or updates the same PR through prepareGitFinalize and finish,
//   from the manifest files main read (saved in the post target); a refusal or files gone by then
//   leave the cluster promoted and say why and what to run.
// The GitHub client is created here, at the end, only for git-pr (this module is imported lazily).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import type { KubeObject } from '../kube/client.js';
import type { ManifestDoc } from '../kube/manifest-read.js';
import { withImage } from '../kube/manifests.js';
import { containersOf } from '../kube/containers.js';
import type { PromotionReport, PullRequestLink } from '../model.js';
import type { Logger } from '../ports.js';
import type { Settings } from '../settings.js';
import type { GithubClientOptions } from '../report/github.js';
import { oneLine } from '../one-line.js';
import {
  ManifestEditError,
  editManifestTexts,
  type EditedManifests,
  type GitEditTarget,
  type ManifestText,
  type PromotedContainer,
} from '../gitops/edit.js';
import { GitPrError, prBase, promotionBranch, repositoryPaths } from '../gitops/pr.js';
import { gitPrSettingsProblems } from '../gitops/rules.js';
export { gitPrSettingsProblems };
import { ManifestError } from '../kube/manifest-read.js';
import { Run, type PromotionDeps } from './run.js';
import { loadManifests, resolveTarget, type Target } from './target.js';

/** What a run with finalize: git-pr needs besides the runner's deps. */
export interface GitFinalizeOptions {
  /** The checkout's root; default: the nearest folder above the manifests holding `.git`, else GITHUB_WORKSPACE. */
  repoRoot?: string;
  /** GitHub client options (tests: a local server's fetch and sleep); apiUrl and token come from the settings. */
  githubClient?: Omit<GithubClientOptions, 'apiUrl' | 'token'>;
  /** The post step's check, after the cluster was promoted: its refusals say nothing was written to Git. */
  afterPromotion?: boolean;
}

/** The part of the target this module reads. */
interface GitTarget {
  namespace: string;
  stableDeployment: string | null;
  canaryDeployment: string | null;
  canaryContainer: string | null;
  docs: ManifestDoc[];
}

const inNamespace = (d: ManifestDoc, namespace: string, name: string): boolean =>
  d.object.kind === 'Deployment' &&
  d.object.metadata?.name === name &&
  (d.object.metadata?.namespace ?? namespace) === namespace;

/** The folder above `from` (itself included) that holds `.git` (a folder, or a worktree's file). */
async function checkoutRoot(from: string): Promise<string | null> {
  let dir = from;
  for (;;) {
    if (await stat(path.join(dir, '.git')).catch(() => null)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * The edit as the run will make it, on the texts given: the promoted containers written into
 * the stable Deployment, the canary's replicas to 0. Pure.
 */
export function gitEditTarget(
  t: Pick<GitTarget, 'namespace' | 'canaryDeployment'>,
  stableDeployment: string,
  containers: readonly PromotedContainer[],
): GitEditTarget {
  return { namespace: t.namespace, stableDeployment, containers, canaryDeployment: t.canaryDeployment };
}

/** The dry run's lines: the files and lines that would change, and the PR. Pure. */
export function dryRunLines(
  edited: Pick<EditedManifests, 'edits' | 'notes'>,
  where: { repository: string; base: string | null; stableDeployment: string },
): string[] {
  const branch = promotionBranch(where.stableDeployment);
  const into = where.base ?? "the repository's default branch";
  if (edited.edits.length === 0)
    return [
      `[dry-run] finalize git-pr: the manifests already have the promoted image; no pull request would be needed (if ${into} in ${where.repository} holds them as the checkout does)`,
    ];
  return [
    ...edited.edits.map(
      (e) =>
        `[dry-run] finalize git-pr: would change ${e.path} line ${e.line}: ${e.field === 'image' ? `container ${oneLine(e.container ?? '')} image` : `${oneLine(e.deployment)} replicas`} ${oneLine(e.from)} → ${oneLine(e.to)}`,
    ),
    ...edited.notes.map((n) => `[dry-run] finalize git-pr: ${oneLine(n)}`),
    `[dry-run] finalize git-pr: would open or update a pull request from ${branch} into ${oneLine(into)} in ${oneLine(where.repository)} (no GitHub API is called in a dry run)`,
  ];
}

/**
 * Everything finalize: git-pr can check before the run writes: the inputs, the files and the
 * edit itself on the local files with the image the canary will run. Throws GitPrError or
 * ManifestEditError (nothing written); returns what finishes the run.
 */
export async function prepareGitFinalize(
  settings: Settings,
  run: Pick<Run, 'target' | 'deps'>,
  // Tests and embedders may pass these with the runner's deps.
  options: GitFinalizeOptions = run.deps as GitFinalizeOptions,
): Promise<GitFinalize> {
  const { deps } = run;
  const target: GitTarget = run.target;
  // Before the run nothing at all is written; in the post step the cluster already was.
  const unwritten = options.afterPromotion ? 'Nothing was written to Git' : 'Nothing was written';
  const problems = gitPrSettingsProblems(settings);
  if (problems.length > 0)
    throw new GitPrError(
      `finalize git-pr: ${problems.map((p) => `${p.input} ${p.message}`).join('; ')}. ${unwritten}`,
    );
  const stable = target.stableDeployment;
  if (!stable)
    throw new GitPrError(
      `finalize git-pr: no stable Deployment was found for the stable subset; finalize writes the promoted image into its manifest. ${unwritten}`,
    );
  const stableDocs = target.docs.filter((d) => inNamespace(d, target.namespace, stable));
  if (stableDocs.length === 0)
    throw new GitPrError(
      `finalize git-pr: the stable Deployment ${target.namespace}/${oneLine(stable)} is in none of the manifests (${settings.manifests.map(oneLine).join(', ')}); finalize writes the promoted image where it is defined: add its manifest to \`manifests\`. ${unwritten}`,
    );
  const canary = target.canaryDeployment;
  // A document's file is as read: relative to the run's folder (manifest-read.ts), so absolute here.
  const runDir = deps.cwd ?? process.cwd();
  const files = [
    ...new Set(
      target.docs
        .filter(
          (d) =>
            inNamespace(d, target.namespace, stable) || (canary && inNamespace(d, target.namespace, canary)),
        )
        .map((d) => path.resolve(runDir, d.file)),
    ),
  ];
  const repoRoot =
    options.repoRoot ??
    (await checkoutRoot(path.dirname(files[0] ?? path.join(runDir, '.')))) ??
    settings.github.workspace ??
    null;
  if (repoRoot === null)
    throw new GitPrError(
      `finalize git-pr: ${oneLine(files[0] ?? '')} is not in a Git checkout (no .git above it, no GITHUB_WORKSPACE); finalize commits the manifest files it edits: check out the repository (actions/checkout) and give manifests from it. ${unwritten}`,
    );
  const paths = repositoryPaths(files, '/', repoRoot);

  // The images the canary will run: its manifest (with canary-image set, as the target has it),
  // else the live Deployment with canary-image set.
  let canaryObject: KubeObject | null =
    (canary && target.docs.find((d) => inNamespace(d, target.namespace, canary))?.object) || null;
  if (!canaryObject && canary) {
    const live = await deps.kube.get(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: canary, namespace: target.namespace },
      { signal: deps.signal },
    );
    canaryObject =
      live && settings.canaryImage ? withImage(live, settings.canaryImage, target.canaryContainer) : live;
  }
  const containers = containersOf(canaryObject ?? stableDocs[0]!.object);
  const texts: ManifestText[] = await Promise.all(
    files.map(async (f, i) => ({ path: paths[i]!, text: await readFile(f, 'utf8') })),
  );
  let edited: EditedManifests;
  try {
    edited = editManifestTexts(texts, gitEditTarget(target, stable, containers));
  } catch (error) {
    if (!(error instanceof ManifestEditError)) throw error;
    throw new ManifestEditError(
      error.problems.map(
        (p) =>
          `${p} (checked on the local files ${options.afterPromotion ? 'by the post step: nothing was written to Git' : 'before the promotion: nothing was written'})`,
      ),
    );
  }
  const base = settings.gitBase ?? prBase(settings.github);
  deps.logger.info(
    `finalize git-pr: after promote-stable, the promoted image goes into ${paths.join(', ')} by a pull request from ${promotionBranch(stable)} into ${base ?? 'the default branch'} of ${settings.github.repository!}`,
  );
  return new GitFinalize(settings, stable, paths, base, edited, options, deps.logger);
}

export class GitFinalize {
  constructor(
    private readonly settings: Settings,
    private readonly stableDeployment: string,
    private readonly paths: string[],
    private readonly base: string | null,
    /** The edit as checked on the local files before the run. */
    private readonly planned: EditedManifests,
    private readonly options: GitFinalizeOptions,
    private readonly logger: Logger,
  ) {}

  private get repository(): string {
    return this.settings.github.repository ?? '';
  }

  /** The dry run: which lines would change and that a PR would be opened once promoted. */
  afterDryRun(report: PromotionReport): PromotionReport {
    const { command, steps } = this.settings;
    // run walks the whole schedule: promoted when it ends at 100%; step makes one step.
    const promotes = command === 'promote' || (command === 'run' && steps.at(-1) === 100);
    if (!promotes)
      this.logger.info(
        `[dry-run] finalize git-pr: ${command} does not promote in this run${command === 'run' ? ` (the schedule ends at ${steps.at(-1) ?? 0}%)` : ''}; once the promotion is promoted:`,
      );
    const lines = dryRunLines(this.planned, {
      repository: this.repository,
      base: this.base,
      stableDeployment: this.stableDeployment,
    });
    for (const l of lines) this.logger.info(l);
    return report;
  }

  /**
   * The end of the run: opens or updates the PR when the promotion is promoted, and returns the
   * report with `pullRequest`, or with `failure` when it could not be opened.
   */
  async finish(run: Run, report: PromotionReport): Promise<PromotionReport> {
    if (run.state?.phase !== 'promoted') return report;
    const { kube, signal } = run.deps;
    const note = (failure: string): PromotionReport => notOpened(report, this.logger, failure);
    if (signal.aborted)
      return note(
        `finalize git-pr: cancelled before the pull request was opened; ${stillPromoted(this.stableDeployment)}. Run \`promote\` again to open it: it changes nothing more in the cluster`,
      );
    try {
      const live = await kube.get(run.deploymentRef(this.stableDeployment), { signal });
      const containers = containersOf(live);
      if (containers.length === 0)
        throw new GitPrError(
          `finalize git-pr: the stable Deployment ${run.target.namespace}/${this.stableDeployment} has no containers to write into Git`,
        );
      const [{ GithubClient }, { openPromotionPr }] = await Promise.all([
        import('../report/github.js'),
        import('../gitops/pr.js'),
      ]);
      const client = new GithubClient({
        ...this.options.githubClient,
        signal: this.options.githubClient?.signal ?? signal,
        apiUrl: this.settings.github.apiUrl,
        token: this.settings.githubToken ?? '',
      });
      const result = await openPromotionPr({
        client,
        repository: this.repository,
        base: this.base,
        paths: this.paths,
        target: gitEditTarget(run.target, this.stableDeployment, containers),
        report,
        logger: this.logger,
      });
      const notes = result.notes.map((n) => `finalize git-pr: ${n}`);
      if (result.kind === 'up-to-date')
        return {
          ...report,
          notices: [
            ...(report.notices ?? []),
            ...notes,
            `Git: ${result.base} already has the promoted image in ${this.paths.join(', ')}; no pull request needed`,
          ],
        };
      const pullRequest: PullRequestLink = {
        url: result.url,
        number: result.number,
        created: result.created,
        committed: result.committed,
        repository: this.repository,
        branch: result.branch,
        base: result.base,
        commit: result.commit,
        deployment: this.stableDeployment,
        images: containers.map((c) => c.image),
        files: [...new Set(result.edits.map((e) => e.path))],
      };
      return {
        ...report,
        pullRequest,
        ...(notes.length > 0 ? { notices: [...(report.notices ?? []), ...notes] } : {}),
      };
    } catch (error) {
      return note(refusal(error, this.stableDeployment));
    }
  }
}

/** A file as the log shows it: relative to the run's folder when inside it, else absolute. */
const shownPath = (file: string, cwd: string): string => {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
};

const stillPromoted = (stable: string): string =>
  `the promotion stays promoted in the cluster (stable ${oneLine(stable)} runs the canary's version)`;

/** The report of a promotion whose PR was not opened: `failure` (the job goes red) says why. */
function notOpened(report: PromotionReport, logger: Logger, failure: string): PromotionReport {
  logger.error(failure);
  return { ...report, failure, pullRequestError: failure };
}

/** A refusal of the PR: the cause, that the cluster stays promoted, and the run that opens it. */
function refusal(error: unknown, stable: string): string {
  const why = oneLine(error instanceof Error ? error.message : String(error));
  return `${why.startsWith('finalize git-pr') ? why : `finalize git-pr: the pull request could not be opened: ${why}`}; ${stillPromoted(stable)}, but Git does not have it yet. Fix this and run \`promote\` again: it opens the pull request and changes nothing more in the cluster`;
}

/** What the post step hands over: the deps it gave finishInterrupted, and what main saved. */
export interface PostGitPrInput {
  /** The inputs read again, with the saved target's namespace, route and subsets. */
  settings: Settings;
  deps: PromotionDeps & GitFinalizeOptions;
  /** The manifest files main read (post target); null: a target saved without them, the manifests input is read. */
  files: readonly string[] | null;
  /** finishInterrupted's report: the finalize the post step completed (or rolled back); null: it did nothing. */
  report: PromotionReport | null;
}

/**
 * The post step's pull request (finalize: git-pr). When the promotion the main step left
 * (deps.holder) is now promoted (completed by finishInterrupted, or found promoted: main was
 * killed before its PR), the same PR as a run's (prepareGitFinalize, then finish: same branch,
 * no write when it is already there), checked before any GitHub write. Returns the report with
 * `pullRequest`, or with `failure` saying why not (the files gone, a refusal) and what to run;
 * `input.report` as it is when there is no PR to open (the promotion was rolled back, another
 * job's, not promoted); null when there is not even a route.
 */
export async function postGitPr(input: PostGitPrInput): Promise<PromotionReport | null> {
  const { settings, deps } = input;
  if (input.report && input.report.status !== 'promoted') return input.report;
  const cwd = deps.cwd ?? process.cwd();
  let target: Target;
  try {
    // As finishInterrupted reads it: the live route and Deployments, not the manifests.
    target = await resolveTarget(
      { ...settings, command: 'rollback', manifests: [], canaryImage: null },
      deps.kube,
      { cwd },
    );
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return input.report;
  }
  const run = new Run({ ...settings, command: 'promote', finalize: 'promote-stable' }, deps, target);
  await run.readVs();
  const s = run.state;
  if (s?.phase !== 'promoted' || s.runId !== run.holder) return input.report;
  const report = input.report ?? run.report(null);
  const stable = target.stableDeployment ?? '?';
  const cannot = (why: string, fix: string): PromotionReport =>
    notOpened(
      report,
      deps.logger,
      `finalize git-pr: the post step could not open the pull request: ${why}; ${stillPromoted(stable)}, but Git does not have it yet. ${fix}`,
    );
  const rerun =
    'run `promote` again with the same inputs (finalize: git-pr) in a job that checks out the repository: it opens the pull request and changes nothing more in the cluster';

  // The files main read, as main read them: a later step may have removed or moved them.
  const files = input.files ?? null;
  if (files) {
    const gone = (
      await Promise.all(files.map(async (f) => ((await stat(f).catch(() => null)) ? null : f)))
    ).filter((f): f is string => f !== null);
    if (gone.length > 0)
      return cannot(
        `the manifest file${gone.length > 1 ? 's' : ''} the main step read ${gone.length > 1 ? 'are' : 'is'} gone (${gone.map((f) => oneLine(shownPath(f, cwd))).join(', ')}: a later step removed or moved ${gone.length > 1 ? 'them' : 'it'}), so it cannot tell which files to edit nor check the edit`,
        `To open it, ${rerun}; or set the image of ${oneLine(stable)} to ${oneLine(report.canaryImage ?? "the canary's")} in its manifest by hand`,
      );
  }
  const gitSettings: Settings = { ...settings, manifests: files ? [...files] : settings.manifests };
  let prepared: GitFinalize;
  try {
    const docs = await loadManifests(gitSettings, cwd);
    prepared = await prepareGitFinalize(
      gitSettings,
      { target: { ...target, docs }, deps },
      { ...deps, afterPromotion: true },
    );
  } catch (error) {
    if (!(
      error instanceof ManifestError ||
      error instanceof GitPrError ||
      error instanceof ManifestEditError
    ))
      throw error;
    return cannot(oneLine(error.message), `Fix this and ${rerun}`);
  }
  return prepared.finish(run, report);
}
