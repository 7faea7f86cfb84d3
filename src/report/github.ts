// The one module that calls GitHub: the sticky PR comment. Plain fetch against the API base
// URL from the GithubContext (github.com or GHES), with bounded retries on 5xx, network
// errors and rate limits. The token goes only into the Authorization header of requests to
// that base URL; it never appears in a message.
import type { PromotionReport } from '../model.js';
import type { Logger } from '../ports.js';
import type { CommentMode, GithubContext } from '../settings.js';
import { escapeMarkerPart } from './escape.js';

/** The login GITHUB_TOKEN comments under; GET /user is not allowed for that token. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const READ_ONLY_MESSAGE = 'Resource not accessible by integration';

export class GithubApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly githubMessage: string,
    /** The request hit a rate limit (and waiting for its reset was not allowed). */
    readonly rateLimited = false,
  ) {
    super(`GitHub API ${method} ${path} failed: ${status} ${githubMessage}`.trim());
    this.name = 'GithubApiError';
  }

  /** A token without write access to issues/PRs: fork PRs, Dependabot, `permissions: read-all`. */
  get readOnly(): boolean {
    return this.status === 403 && this.githubMessage.includes(READ_ONLY_MESSAGE);
  }
}

export interface GithubClientOptions {
  /** API base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Waits between attempts; injectable so tests observe the backoff instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff for 5xx/network errors, doubled per attempt. Default 1 s. */
  baseDelayMs?: number;
  /** Longest single wait (backoff or rate-limit reset); a longer reset fails fast. Default 60 s. */
  maxDelayMs?: number;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GithubClient {
  private readonly base: URL;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: GithubClientOptions) {
    this.base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
  }

  /** `path` is relative to the API base ("repos/o/r/..."), or an absolute URL on the same origin (Link). */
  url(path: string): URL {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(path.replace(/^\//, ''), this.base);
    // Never send the token to another host, whatever a Link header says.
    if (url.origin !== this.base.origin)
      throw new Error(`refusing to call ${url.origin}: not the GitHub API origin`);
    return url;
  }

  /**
   * One API call with bounded retries. `beforeRetry` lets a non-idempotent call (POST) check
   * whether a failed attempt took effect anyway (a 502 after the write) and return that instead.
   */
  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    beforeRetry?: () => Promise<ApiResponse<T> | null>,
  ): Promise<ApiResponse<T>> {
    const url = this.url(path);
    const shown = url.pathname;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 && beforeRetry !== undefined) {
        const done = await beforeRetry();
        if (done !== null) return done;
      }
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'istio-canary',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        // Connection refused/reset: transient like a 5xx.
        if (attempt >= this.maxAttempts)
          throw new GithubApiError(method, shown, 0, `network error: ${String(error)}`);
        await this.sleep(this.backoff(attempt));
        continue;
      }
      const text = await response.text();
      if (response.ok) {
        return {
          status: response.status,
          data: (text === '' ? null : JSON.parse(text)) as T,
          headers: response.headers,
        };
      }
      const message = githubMessage(text);
      const wait = this.retryDelay(response, attempt, message);
      if (wait === null || attempt >= this.maxAttempts)
        throw new GithubApiError(method, shown, response.status, message, isRateLimited(response, message));
      await this.sleep(wait);
    }
  }

  /** Every item of a list endpoint: per_page=100, following Link rel="next" to the end. */
  async paginate<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    const first = this.url(path);
    first.searchParams.set('per_page', '100');
    let next: string | null = first.href;
    for (let pages = 0; next !== null && pages < 1000; pages++) {
      const page: ApiResponse<T[]> = await this.request<T[]>('GET', next);
      items.push(...(Array.isArray(page.data) ? page.data : []));
      next = nextLink(page.headers.get('link'));
    }
    return items;
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
  }

  /** How long to wait before retrying this response, or null when it must not be retried. */
  private retryDelay(response: Response, attempt: number, message: string): number | null {
    const { status, headers } = response;
    if (status >= 500) return this.backoff(attempt);
    if (status !== 403 && status !== 429) return null;
    const retryAfter = headers.get('retry-after');
    const remaining = headers.get('x-ratelimit-remaining');
    let wait: number | null = null;
    if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) wait = Number(retryAfter) * 1000;
    else if (remaining === '0') {
      const reset = Number(headers.get('x-ratelimit-reset'));
      wait =
        Number.isFinite(reset) && reset > 0
          ? Math.max(0, reset * 1000 - this.now()) + 1000
          : this.backoff(attempt);
    } else if (status === 429 || /secondary rate limit/i.test(message)) {
      // GitHub's advice for a secondary limit without headers: wait at least a minute.
      wait = Math.max(60_000, this.backoff(attempt));
    }
    // A plain 403 (permissions) is final. A reset further away than we are willing to wait is too:
    // the comment is not worth holding a CI job for an hour.
    if (wait === null || wait > this.maxDelayMs) return null;
    return wait;
  }
}

function isRateLimited(response: Response, message: string): boolean {
  return (
    (response.status === 403 || response.status === 429) &&
    (response.headers.get('x-ratelimit-remaining') === '0' ||
      response.headers.has('retry-after') ||
      /rate limit/i.test(message))
  );
}

function githubMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message.slice(0, 300);
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}

/** The rel="next" URL of a Link header (RFC 8288), or null. */
export function nextLink(header: string | null): string | null {
  if (header === null) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    const rel = /\brel\s*=\s*"?([^";]*)"?/i.exec(match?.[2] ?? '');
    if (match !== null && rel !== null && (rel[1] ?? '').toLowerCase().split(/\s+/).includes('next'))
      return match[1] ?? null;
  }
  return null;
}

/** The hidden marker that identifies this VirtualService's comment for this workflow. */
export function stickyMarker(namespace: string, virtualService: string, workflow: string | null): string {
  return `<!-- istio-canary:${escapeMarkerPart(namespace)}/${escapeMarkerPart(virtualService)}:${escapeMarkerPart(
    workflow ?? 'istio-canary',
  )} -->`;
}

/** REST gives bots as `name[bot]`, GraphQL as `name`: compare both spellings (as sticky-pull-request-comment does). */
export function sameLogin(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\[bot\]$/i, '').toLowerCase();
  return norm(a) === norm(b);
}

function splitRepository(repository: string): { owner: string; repo: string } | null {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
  return match === null ? null : { owner: match[1] ?? '', repo: match[2] ?? '' };
}

interface PullSummary {
  number: number;
  state?: string;
  head?: { sha?: string; ref?: string };
}

function numberFrom(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * The PR to comment on: the pr-number input; the event's PR (pull_request*); the open PR of the
 * pushed commit (push); the open PR whose head is the branch (workflow_dispatch and others).
 */
export async function findPullRequest(
  client: GithubClient,
  github: GithubContext,
  prNumber: number | null,
): Promise<number | null> {
  if (prNumber !== null) return prNumber;
  const repo = github.repository === null ? null : splitRepository(github.repository);
  if (repo === null) return null;
  const event = github.event ?? {};
  const eventName = github.eventName ?? '';
  if (eventName.startsWith('pull_request')) {
    const pr = event['pull_request'] as { number?: unknown } | undefined;
    return numberFrom(pr?.number) ?? numberFrom(event['number']);
  }
  const base = `repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
  if (eventName === 'push' && github.sha !== null) {
    const { data } = await client.request<PullSummary[]>(
      'GET',
      `${base}/commits/${encodeURIComponent(github.sha)}/pulls`,
    );
    const open = (Array.isArray(data) ? data : []).filter((p) => p.state === undefined || p.state === 'open');
    return (open.find((p) => p.head?.sha === github.sha) ?? open[0])?.number ?? null;
  }
  if (github.branch !== null && github.branch !== '') {
    const query = new URLSearchParams({ head: `${repo.owner}:${github.branch}`, state: 'open' });
    const { data } = await client.request<PullSummary[]>('GET', `${base}/pulls?${query.toString()}`);
    return (Array.isArray(data) ? data[0] : undefined)?.number ?? null;
  }
  return null;
}

/** The token's login: GET /user, or the Actions bot when the token may not read /user (GITHUB_TOKEN). */
export async function tokenLogin(client: GithubClient): Promise<string> {
  try {
    const { data } = await client.request<{ login?: unknown }>('GET', 'user');
    if (typeof data.login === 'string' && data.login !== '') return data.login;
  } catch (error) {
    const forbidden =
      error instanceof GithubApiError && !error.rateLimited && (error.status === 403 || error.status === 404);
    if (!forbidden) throw error;
  }
  return ACTIONS_BOT_LOGIN;
}

/** What the comment mode allows for one report: create or update, update an existing one only, or nothing. */
export type CommentAction = 'upsert' | 'update-only' | 'skip';

/**
 * `always`: every progress and the final report. `on-failure`: only a failed promotion (rolled
 * back, or held on a failing verdict) creates it; otherwise an existing comment (from an
 * earlier failed run) is updated so it does not go stale. `never`: no API call at all.
 */
export function commentAction(
  mode: CommentMode,
  report: PromotionReport,
  phase: 'progress' | 'final',
): CommentAction {
  if (mode === 'never') return 'skip';
  if (mode === 'always') return 'upsert';
  if (phase === 'progress') return 'skip';
  return isFailure(report) ? 'upsert' : 'update-only';
}

export function isFailure(report: PromotionReport): boolean {
  if (report.status === 'rolled-back') return true;
  return report.status === 'held' && (report.history.at(-1)?.verdict.outcome ?? 'pass') !== 'pass';
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string } | null;
}

export type PostResult =
  | { kind: 'posted'; url: string; created: boolean }
  | { kind: 'skipped'; why: string }
  | { kind: 'read-only' };

export interface StickyCommentOptions {
  client: GithubClient;
  github: GithubContext;
  prNumber: number | null;
  marker: string;
  logger: Logger;
}

/**
 * One sticky comment: the PR, the token's login and the comment id are looked up once and
 * kept, so the comment is created once and then updated in place at every step.
 */
export class StickyComment {
  private pr: number | null | undefined;
  private login: string | undefined;
  private comment: { id: number; url: string } | null | undefined;
  private readOnly = false;

  constructor(private readonly options: StickyCommentOptions) {}

  get markerText(): string {
    return this.options.marker;
  }

  async post(markdown: string, action: Exclude<CommentAction, 'skip'>): Promise<PostResult> {
    if (this.readOnly) return { kind: 'read-only' };
    const { client, github } = this.options;
    const repo = github.repository === null ? null : splitRepository(github.repository);
    if (repo === null) return { kind: 'skipped', why: 'not running in a GitHub repository' };
    if (this.pr === undefined) this.pr = await findPullRequest(client, github, this.options.prNumber);
    if (this.pr === null) return { kind: 'skipped', why: 'no pull request for this run' };
    const base = `repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
    const body = `${this.options.marker}\n${markdown}`;
    try {
      if (this.comment === undefined) this.comment = await this.find(base, this.pr);
      if (this.comment !== null) {
        try {
          const { data } = await client.request<IssueComment>(
            'PATCH',
            `${base}/issues/comments/${this.comment.id}`,
            { body },
          );
          this.comment = { id: data.id, url: data.html_url ?? this.comment.url };
          return { kind: 'posted', url: this.comment.url, created: false };
        } catch (error) {
          // Deleted by someone since: create it again below.
          if (!(error instanceof GithubApiError) || error.status !== 404) throw error;
          this.comment = null;
        }
      }
      if (action === 'update-only') return { kind: 'skipped', why: 'no earlier comment to update' };
      const pr = this.pr;
      // A POST whose response was lost may have created the comment: look before posting again.
      const landed = async (): Promise<ApiResponse<IssueComment> | null> => {
        const found = await this.find(base, pr);
        return found === null
          ? null
          : { status: 201, data: { id: found.id, html_url: found.url }, headers: new Headers() };
      };
      const { data } = await client.request<IssueComment>(
        'POST',
        `${base}/issues/${pr}/comments`,
        { body },
        landed,
      );
      this.comment = { id: data.id, url: data.html_url ?? '' };
      return { kind: 'posted', url: this.comment.url, created: true };
    } catch (error) {
      if (error instanceof GithubApiError && error.readOnly) {
        this.readOnly = true;
        return { kind: 'read-only' };
      }
      throw error;
    }
  }

  /** Pages through every comment of the PR; only ours (author = token's login) with our marker count. */
  private async find(base: string, pr: number): Promise<{ id: number; url: string } | null> {
    this.login ??= await tokenLogin(this.options.client);
    const login = this.login;
    const comments = await this.options.client.paginate<IssueComment>(`${base}/issues/${pr}/comments`);
    const mine = comments.find(
      (c) =>
        typeof c.body === 'string' &&
        c.body.includes(this.options.marker) &&
        sameLogin(c.user?.login ?? '', login),
    );
    return mine === undefined ? null : { id: mine.id, url: mine.html_url ?? '' };
  }
}
