// What finalize: git-pr needs from the inputs (pure and light: settings.ts checks it with the
// other rules between inputs, before anything runs; the engine checks it again before writes).
import type { InputError, Settings } from '../settings.js';

/** The permissions a job's token needs to push the branch and open the pull request. */
export const GIT_PR_PERMISSIONS = 'contents: write and pull-requests: write';

type GitSettings = Pick<Settings, 'finalize' | 'githubToken' | 'github' | 'manifests'>;

/**
 * The input problems of finalize: git-pr, for settings validation (each names the input and
 * what to set): it needs a github-token, a repository (GITHUB_REPOSITORY: outside Actions, set
 * it) and manifests (the files it edits). Empty for other finalize modes.
 */
export function gitPrSettingsProblems(s: GitSettings): InputError[] {
  if (s.finalize !== 'git-pr') return [];
  const out: InputError[] = [];
  if (!s.githubToken)
    out.push({
      input: 'github-token',
      value: '',
      message: `is required by finalize: git-pr (it opens the pull request): pass \${{ github.token }} with \`permissions:\` ${GIT_PR_PERMISSIONS}, or a GitHub App or fine-grained token with Contents and Pull requests read and write`,
    });
  if (!s.github.repository)
    out.push({
      input: 'finalize',
      value: 'git-pr',
      message:
        'needs the repository the pull request goes to: GITHUB_REPOSITORY (owner/name) is not set; it is set in GitHub Actions, outside them set it in the environment',
    });
  if (s.manifests.length === 0)
    out.push({
      input: 'manifests',
      value: '',
      message:
        'is required by finalize: git-pr: the promoted image is written into the manifest files that define the stable Deployment',
    });
  return out;
}
