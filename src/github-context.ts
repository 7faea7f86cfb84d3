// The GitHub run context, read once from the runner's environment ($GITHUB_*, the event
// payload file): the only place that reads them.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Environment, GithubContext } from './settings.js';

function readEvent(path: string | undefined): Record<string, unknown> | null {
  if (!path) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The GitHub run context, read once from the runner's environment. */
export function readGithubContext(env: Environment): GithubContext {
  const nonEmpty = (k: string) => (env[k] && env[k] !== '' ? env[k] : null);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const ref = nonEmpty('GITHUB_REF');
  const branch =
    nonEmpty('GITHUB_HEAD_REF') ?? (ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null);
  return {
    repository: nonEmpty('GITHUB_REPOSITORY'),
    runId: nonEmpty('GITHUB_RUN_ID'),
    runAttempt: nonEmpty('GITHUB_RUN_ATTEMPT'),
    job: nonEmpty('GITHUB_JOB'),
    apiUrl: (nonEmpty('GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (nonEmpty('GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, ''),
    eventName: nonEmpty('GITHUB_EVENT_NAME'),
    event,
    sha: nonEmpty('GITHUB_SHA'),
    ref,
    branch,
    workflow: nonEmpty('GITHUB_WORKFLOW'),
    githubHosted: env.RUNNER_ENVIRONMENT === 'github-hosted',
    tempDir: nonEmpty('RUNNER_TEMP') ?? tmpdir(),
    workspace: nonEmpty('GITHUB_WORKSPACE'),
  };
}

/** The PR number from the event payload (pull_request, pull_request_target, issue_comment). */
export function eventPrNumber(github: GithubContext): number | null {
  const pr = github.event?.pull_request ?? github.event?.issue;
  if (typeof pr === 'object' && pr !== null && typeof (pr as { number?: unknown }).number === 'number')
    return (pr as { number: number }).number;
  const n = github.event?.number;
  return typeof n === 'number' ? n : null;
}
