// finalize: git-pr, the GitHub part: after promote-stable, the promoted image goes into the
// repository's manifests on a branch `istio-canary/promote-<deployment>` and a pull request
// from it, so Git stays the source of truth for Argo CD / Flux (a cluster-only promote-stable
// is drift for them: flagger #1504, argo-cd #12967).
//
// Through the project's one GitHub client (src/report/github.ts: the token only to the API
// origin, retries by src/retry.ts, the proxy, GHES's apiUrl). Octokit's REST methods are not
// used beyond its `request`, as in the sticky comment, so every call has the same guard.
//
// Why the Git data API (blobs inline in a tree, commit, ref) and not the contents API: the
// contents API makes one commit per file and needs each file's current blob SHA, so several
// manifests would be several commits, and a retry in the middle leaves a half-written branch.
// One tree + one commit + one ref update writes all files at once, and the ref moves only when
// the commit exists. The files are read at the base commit through the contents API (one GET
// per manifest; blobs over 1 MB through git/blobs).
//
// Idempotent: the edit is computed from the base branch every time; when the branch already
// holds exactly those files no commit is made, no ref moves and the open PR is returned as it
// is (its title and body are rewritten only with a new commit). The branch is the action's own:
// it is reset onto the base (force) when its files differ.
import { GIT_PR_PERMISSIONS } from './rules.js';
export { GIT_PR_PERMISSIONS };
import path from 'node:path';
import type { Logger } from '../ports.js';
import type { PromotionReport } from '../model.js';
import type { GithubContext } from '../settings.js';
import { IstioCanaryError } from '../errors.js';
import { oneLine } from '../one-line.js';
import { escapeMarkdown, escapeMarkerPart, safeUrl } from '../report/escape.js';
import { GithubApiError, type ApiResponse, type GithubClient } from '../report/github.js';
import {
  editManifestTexts,
  type EditedManifests,
  type GitEditTarget,
  type ManifestEdit,
  type ManifestText,
} from './edit.js';

/** The token's permissions finalize: git-pr needs (workflow `permissions:`). */

/** A GitHub refusal of finalize: git-pr, explained (what permission or setting is missing). */
export class GitPrError extends IstioCanaryError {}

export interface PromotionPrOptions {
  client: GithubClient;
  /** owner/name. */
  repository: string;
  /** Branch the PR targets; null: the repository's default branch (see prBase). */
  base: string | null;
  /** The manifest files, relative to the repository root (forward slashes). */
  paths: readonly string[];
  target: GitEditTarget;
  /** The promotion, for the title and body: image, steps and verdicts, the run's link. */
  report: Pick<PromotionReport, 'namespace' | 'virtualService' | 'canaryImage' | 'history' | 'run'>;
  logger?: Logger;
}

export type PromotionPrResult =
  | {
      kind: 'pull-request';
      url: string;
      number: number;
      branch: string;
      base: string;
      /** The branch head: the commit of this run, or the earlier one that already held the edit. */
      commit: string;
      /** true: a new PR; false: the open one from the branch. */
      created: boolean;
      /** true: this run wrote a commit (and the PR's title and body). */
      committed: boolean;
      edits: ManifestEdit[];
      notes: string[];
    }
  | {
      /** The base branch already has the promoted images: nothing to propose. */
      kind: 'up-to-date';
      base: string;
      commit: string;
      notes: string[];
    };

/** `istio-canary/promote-<deployment>`: one branch (and one open PR) per stable Deployment. */
export function promotionBranch(deployment: string): string {
  // Deployment names are DNS-1123 (lower case, digits, '-', '.'): valid in a ref as they are;
  // anything else is replaced rather than trusted.
  const safe = deployment
    .replace(/[^a-z0-9.-]/gi, '-')
    .replace(/\.\.+/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
  return `istio-canary/promote-${safe === '' ? 'deployment' : safe}`;
}

/**
 * The manifest files (as read: absolute, or relative to `cwd`) as paths in the repository whose
 * root is `repoRoot` (GITHUB_WORKSPACE for a checkout at the workspace root), forward slashes,
 * without duplicates. A file outside the repository is an error: it cannot be committed.
 */
export function repositoryPaths(files: readonly string[], cwd: string, repoRoot: string): string[] {
  const out: string[] = [];
  for (const file of files) {
    const rel = path.relative(path.resolve(repoRoot), path.resolve(cwd, file));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
      throw new GitPrError(
        `finalize git-pr: the manifest ${oneLine(file)} is not inside the repository checkout ${oneLine(repoRoot)}; finalize commits the files it edits, so they must be files of the repository`,
      );
    const posix = rel.split(path.sep).join('/');
    if (!out.includes(posix)) out.push(posix);
  }
  return out;
}

/** The PR's base from the event (a pull_request's base branch), or null for the default branch. */
export function prBase(github: Pick<GithubContext, 'event'>): string | null {
  const pr = github.event?.['pull_request'] as { base?: { ref?: unknown } } | undefined;
  const ref = pr?.base?.ref;
  return typeof ref === 'string' && ref !== '' ? ref : null;
}

interface Pull {
  number: number;
  html_url?: string;
  title?: string;
  body?: string | null;
  head?: { sha?: string };
}

const enc = encodeURIComponent;
const encPath = (p: string) => p.split('/').map(enc).join('/');

/** A refusal explained: which permission or setting, for which call. Other errors as they are. */
function explain(error: unknown, repository: string, doing: string): unknown {
  if (!(error instanceof GithubApiError)) return error;
  if (error.readOnly)
    return new GitPrError(
      `finalize git-pr: the github-token may not ${doing} in ${repository} (GitHub answered ${error.status} "${oneLine(error.githubMessage)}" to ${error.method} ${error.path}): give the job \`permissions:\` ${GIT_PR_PERMISSIONS} (a pull request from a fork never gets them; use a GitHub App or a fine-grained token with Contents and Pull requests read and write)`,
      { cause: error },
    );
  if (/not permitted to create or approve pull requests/i.test(error.githubMessage))
    return new GitPrError(
      `finalize git-pr: GitHub does not let the github-token open pull requests in ${repository} ("${oneLine(error.githubMessage)}"): turn on "Allow GitHub Actions to create and approve pull requests" (repository or organization Settings → Actions → General), or pass a GitHub App or personal token as github-token`,
      { cause: error },
    );
  if (error.status === 404 && /^\/repos\/[^/]+\/[^/]+\/?$/.test(error.path))
    return new GitPrError(
      `finalize git-pr: repository ${repository} was not found with the github-token (404): check the repository and that the token may read it (contents: read)`,
      { cause: error },
    );
  return error;
}

/**
 * Opens (or updates) the pull request that writes the promoted images into the manifests.
 * Nothing is written when an edit cannot be made (ManifestEditError, thrown before any write).
 */
export async function openPromotionPr(options: PromotionPrOptions): Promise<PromotionPrResult> {
  const { client, repository } = options;
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
  if (m === null)
    throw new GitPrError(`finalize git-pr: repository ${oneLine(repository)} is not owner/name`);
  const owner = m[1] ?? '';
  const repoPath = `repos/${enc(owner)}/${enc(m[2] ?? '')}`;
  let doing = 'read the repository';
  try {
    const base =
      options.base ??
      (await client.request<{ default_branch?: string }>('GET', repoPath)).data.default_branch;
    if (base === undefined || base === '')
      throw new GitPrError(`finalize git-pr: ${repository} has no default branch: set the base branch`);
    const baseSha = await refSha(client, repoPath, base);
    if (baseSha === null)
      throw new GitPrError(`finalize git-pr: the base branch ${oneLine(base)} is not in ${repository}`);

    // Read and edit first: a manifest that cannot be edited stops here, before any write.
    doing = 'read the manifests';
    const texts = await readFiles(client, repoPath, [...new Set(options.paths)], baseSha, base);
    const edited = editManifestTexts(texts, options.target);
    const changed = edited.files.filter((f) => f.changed);
    if (changed.length === 0) {
      options.logger?.info(
        `finalize git-pr: ${base} already has the promoted image in ${options.paths.join(', ')}: no pull request needed`,
      );
      return { kind: 'up-to-date', base, commit: baseSha, notes: edited.notes };
    }

    const branch = promotionBranch(options.target.stableDeployment);
    let head = await refSha(client, repoPath, branch);
    const current =
      head === null
        ? null
        : await readFiles(
            client,
            repoPath,
            changed.map((f) => f.path),
            head,
            branch,
            true,
          );
    const holds = current !== null && changed.every((f, i) => current[i]?.text === f.text);

    let committed = false;
    if (!holds || head === null) {
      doing = 'push the branch';
      head = await commitFiles(
        client,
        repoPath,
        baseSha,
        branch,
        head,
        changed,
        commitMessage(options, edited),
      );
      committed = true;
    }

    doing = 'open the pull request';
    const title = prTitle(options);
    const body = prBody(options, edited, branch);
    const open = await openPull(client, repoPath, owner, branch);
    let pull: Pull;
    let created = false;
    if (open !== null) {
      pull = open;
      if (committed && (open.title !== title || open.body !== body))
        pull = (await client.request<Pull>('PATCH', `${repoPath}/pulls/${open.number}`, { title, body }))
          .data;
    } else {
      const landed = async (): Promise<ApiResponse<Pull> | null> => {
        const found = await openPull(client, repoPath, owner, branch);
        return found === null ? null : { status: 201, data: found, headers: {} };
      };
      pull = (
        await client.request<Pull>(
          'POST',
          `${repoPath}/pulls`,
          { title, head: branch, base, body, maintainer_can_modify: true },
          landed,
        )
      ).data;
      created = true;
    }
    const url = pull.html_url ?? '';
    options.logger?.info(
      `finalize git-pr: ${created ? 'opened' : 'kept'} pull request #${pull.number} ${url} from ${branch} into ${base}${committed ? ` (commit ${head.slice(0, 12)})` : ' (already up to date: nothing pushed)'}`,
    );
    return {
      kind: 'pull-request',
      url,
      number: pull.number,
      branch,
      base,
      commit: head,
      created,
      committed,
      edits: edited.edits,
      notes: edited.notes,
    };
  } catch (error) {
    throw explain(error, repository, doing);
  }
}

async function refSha(client: GithubClient, repoPath: string, branch: string): Promise<string | null> {
  try {
    const { data } = await client.request<{ object?: { sha?: string } }>(
      'GET',
      `${repoPath}/git/ref/heads/${encPath(branch)}`,
    );
    return data.object?.sha ?? null;
  } catch (error) {
    if (error instanceof GithubApiError && error.status === 404) return null;
    throw error;
  }
}

interface ContentFile {
  type?: string;
  encoding?: string;
  content?: string;
  sha?: string;
}

/** The files at a commit; `missingOk`: a file not there reads as null text instead of an error. */
async function readFiles(
  client: GithubClient,
  repoPath: string,
  paths: readonly string[],
  sha: string,
  refName: string,
  missingOk = false,
): Promise<ManifestText[]> {
  const out: ManifestText[] = [];
  for (const path of paths) {
    let data: ContentFile;
    try {
      data = (await client.request<ContentFile>('GET', `${repoPath}/contents/${encPath(path)}?ref=${sha}`))
        .data;
    } catch (error) {
      if (!(error instanceof GithubApiError) || error.status !== 404) throw error;
      if (missingOk) {
        out.push({ path, text: '\u0000missing' });
        continue;
      }
      throw new GitPrError(
        `finalize git-pr: ${oneLine(path)} is not in ${oneLine(refName)} (${sha.slice(0, 12)}); finalize edits the manifests as committed: give manifests as files of the repository`,
        { cause: error },
      );
    }
    if (data.type !== 'file')
      throw new GitPrError(
        `finalize git-pr: ${oneLine(path)} in ${oneLine(refName)} is a ${oneLine(data.type ?? '?')}, not a file`,
      );
    let base64 = data.encoding === 'base64' ? (data.content ?? '') : '';
    if (data.encoding !== 'base64' && data.sha !== undefined)
      // Over 1 MB the contents API leaves the content out (encoding "none"): the blob has it.
      base64 =
        (await client.request<{ content?: string }>('GET', `${repoPath}/git/blobs/${enc(data.sha)}`)).data
          .content ?? '';
    out.push({ path, text: Buffer.from(base64, 'base64').toString('utf8') });
  }
  return out;
}

/** One commit on the base with all the edited files, and the branch moved (or created) to it. */
async function commitFiles(
  client: GithubClient,
  repoPath: string,
  baseSha: string,
  branch: string,
  head: string | null,
  files: readonly ManifestText[],
  message: string,
): Promise<string> {
  const baseCommit = await client.request<{ tree?: { sha?: string } }>(
    'GET',
    `${repoPath}/git/commits/${baseSha}`,
  );
  const baseTree = baseCommit.data.tree?.sha;
  // Trees, blobs and commits are content-addressed: a POST sent twice makes the same object.
  const tree = await client.request<{ sha: string }>('POST', `${repoPath}/git/trees`, {
    ...(baseTree === undefined ? {} : { base_tree: baseTree }),
    tree: files.map((f) => ({ path: f.path, mode: '100644', type: 'blob', content: f.text })),
  });
  const commit = await client.request<{ sha: string }>('POST', `${repoPath}/git/commits`, {
    message,
    tree: tree.data.sha,
    parents: [baseSha],
  });
  const sha = commit.data.sha;
  if (head === null) {
    const landed = async (): Promise<ApiResponse<unknown> | null> =>
      (await refSha(client, repoPath, branch)) === sha ? { status: 201, data: {}, headers: {} } : null;
    await client.request('POST', `${repoPath}/git/refs`, { ref: `refs/heads/${branch}`, sha }, landed);
  } else {
    // The branch is ours: reset onto the base with the new edit (a PATCH is idempotent).
    await client.request('PATCH', `${repoPath}/git/refs/heads/${encPath(branch)}`, { sha, force: true });
  }
  return sha;
}

async function openPull(
  client: GithubClient,
  repoPath: string,
  owner: string,
  branch: string,
): Promise<Pull | null> {
  const query = new URLSearchParams({ head: `${owner}:${branch}`, state: 'open' });
  const { data } = await client.request<Pull[]>('GET', `${repoPath}/pulls?${query.toString()}`);
  return (Array.isArray(data) ? data[0] : undefined) ?? null;
}

export function prTitle(options: Pick<PromotionPrOptions, 'target'>): string {
  const t = options.target;
  const what = t.containers.length === 1 ? (t.containers[0]?.image ?? '') : `${t.containers.length} images`;
  return oneLine(`istio-canary: promote ${t.namespace}/${t.stableDeployment} to ${what}`).slice(0, 250);
}

function commitMessage(options: PromotionPrOptions, edited: EditedManifests): string {
  const lines = edited.edits.map(
    (e) =>
      `- ${e.path}:${e.line} ${e.field === 'image' ? `container ${e.container ?? ''} image` : `${e.deployment} replicas`}: ${e.from} -> ${e.to}`,
  );
  const run = options.report.run.runUrl;
  return (
    oneLine(prTitle(options)) +
    '\n\n' +
    lines.map((l) => oneLine(l)).join('\n') +
    (run ? `\n\nRun: ${oneLine(run)}` : '') +
    '\n'
  );
}

/** The PR body: a hidden marker, the image, every step with its verdict, the edits, the run. */
export function prBody(
  options: Pick<PromotionPrOptions, 'target' | 'report'>,
  edited: Pick<EditedManifests, 'edits' | 'notes'>,
  branch: string,
): string {
  const { target, report } = options;
  const md = (s: string) => escapeMarkdown(s);
  const out: string[] = [
    `<!-- istio-canary:promote:${escapeMarkerPart(target.namespace)}/${escapeMarkerPart(target.stableDeployment)} -->`,
    `istio-canary promoted ${target.containers.map((c) => `**${md(c.image)}**`).join(', ')} to the Deployment ${md(`${target.namespace}/${target.stableDeployment}`)} (VirtualService ${md(report.virtualService)}). This pull request writes it into the manifests so that Git matches the cluster.`,
    '',
  ];
  const history = report.history.slice(0, 50);
  if (history.length > 0) {
    out.push('| Step | Canary weight | Verdict | Why |', '| ---: | ---: | --- | --- |');
    for (const s of history) {
      const failed = s.verdict.reasons.find((r) => !r.ok);
      const why = s.verdict.why ?? failed?.message ?? '';
      out.push(`| ${s.step} | ${s.weight}% | ${md(s.verdict.outcome)} | ${md(why)} |`);
    }
    if (report.history.length > history.length)
      out.push(`| … | | ${report.history.length - history.length} more | |`);
    out.push('');
  }
  out.push('Changes:');
  for (const e of edited.edits)
    out.push(
      `- ${md(e.path)} line ${e.line}: ${e.field === 'image' ? `container ${md(e.container ?? '')} image` : `${md(e.deployment)} replicas`} ${md(e.from)} → ${md(e.to)}`,
    );
  for (const n of edited.notes) out.push(`- ${md(n)}`);
  const run = safeUrl(report.run.runUrl);
  out.push(
    '',
    `Branch ${md(branch)}, rewritten by istio-canary at each promotion of ${md(target.stableDeployment)}.`,
  );
  if (run !== null) out.push(`[The promotion run](${run})`);
  return out.join('\n');
}
