// The one module that calls GitHub: the sticky PR comment, through the toolkit's Octokit
// (@actions/github's getOctokit) for its request building, pagination and the API base URL from
// the GithubContext (github.com or GHES). Around it, what the toolkit does not do:
// - retries are ours, decided in one request hook through src/retry.ts, not by Octokit's retry
//   and throttling plugins: one policy for every client of this project (5xx and network errors
//   with doubling backoff, rate limits waited out until their reset when that is near, else a
//   fast failure that says when the limit resets, other 4xx final); every wait goes through an
//   injectable sleep that a cancel (AbortSignal) ends, so tests see the waits instead of sleeping
//   them; and a create (POST) that failed without an answer is only sent again after checking
//   that it did not land (a lost response must not post twice), which the plugins cannot do;
// - the token goes only to the API origin: every request (pagination Links included) and every
//   redirect is checked before it is sent, and a redirect elsewhere is refused, not followed;
// - proxies: https_proxy / no_proxy decided by src/http/proxy.ts, like Prometheus and the load.
// The token never appears in a message.
import { getOctokit } from '@actions/github';
import type { PromotionReport } from '../model.js';
import type { Logger } from '../ports.js';
import type { CommentMode, GithubContext } from '../settings.js';
import { ProxyConfigError, processProxyEnv, type ProxyEnv } from '../http/proxy.js';
import { fetchFor } from '../http/transport.js';
import {
  parseRetryAfter,
  retry,
  sleep as cancellableSleep,
  type RetryPolicy,
  type RetryVerdict,
  type Sleep,
} from '../retry.js';
import { escapeMarkerPart } from './escape.js';
import { isFailure } from './format.js';
import { IstioCanaryError } from '../errors.js';

/** The login GITHUB_TOKEN comments under (REST spelling; GraphQL says `github-actions`). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const READ_ONLY_MESSAGE = 'Resource not accessible by integration';

export class GithubApiError extends IstioCanaryError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly githubMessage: string,
    /** The request hit a rate limit (and waiting for its reset was not allowed). */
    readonly rateLimited = false,
  ) {
    super(`GitHub API ${method} ${path} failed: ${status} ${githubMessage}`.trim());
  }

  /** A token without write access to issues/PRs: fork PRs, Dependabot, `permissions: read-all`. */
  get readOnly(): boolean {
    return this.status === 403 && this.githubMessage.includes(READ_ONLY_MESSAGE);
  }
}

/** A request to a host other than the API's: refused before the token could be sent. */
export class ForeignOriginError extends IstioCanaryError {}

export interface GithubClientOptions {
  /** API base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  token: string;
  /** The transport under the origin guard (tests); default: fetch, through the proxy if one applies. */
  fetch?: typeof fetch;
  /** Proxy variables; default: this process's (https_proxy, no_proxy, upper or lower case). */
  proxy?: ProxyEnv;
  /** Every wait between attempts goes through this; injectable so tests observe the backoff instead of sleeping. */
  sleep?: Sleep;
  /** Ends a wait between attempts at once (the request then fails with the signal's reason). */
  signal?: AbortSignal;
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
  headers: Record<string, string | number | undefined>;
}

type Octokit = ReturnType<typeof getOctokit>;
type Landed = () => Promise<ApiResponse<unknown> | null>;

interface RequestOptionsLike {
  method?: string;
  url?: string;
  baseUrl?: string;
  request?: { landed?: Landed };
}

/** What Octokit's RequestError carries (a network error has no response). */
interface OctokitErrorLike {
  status?: unknown;
  message?: unknown;
  request?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

/** A GraphQL answer (200) that is a failure to retry: GitHub's transient error, or a rate limit. */
class GraphqlAnswerError extends IstioCanaryError {
  constructor(
    message: string,
    readonly status: number,
    readonly request: unknown,
    readonly response: { headers: Record<string, unknown>; data: unknown },
  ) {
    super(message);
  }
}

/** GitHub's wait for a secondary rate limit that gives no Retry-After (its docs: at least a minute). */
const SECONDARY_FALLBACK_MS = 60_000;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = headers?.[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function graphqlErrors(data: unknown): { type?: unknown; message?: unknown }[] {
  const errors = (data as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? (errors as { type?: unknown; message?: unknown }[]) : [];
}

/**
 * The wait a rate-limited answer asks for (ms), or null when the answer is no rate limit.
 * Secondary (a "secondary rate limit" message or a Retry-After): Retry-After, else a minute.
 * Primary (x-ratelimit-remaining: 0, or GraphQL's RATE_LIMITED): until x-ratelimit-reset and a
 * second more, as GitHub advises.
 */
export function rateLimitWait(
  status: number,
  headers: Record<string, unknown> | undefined,
  message: string,
  data: unknown,
  now: number = Date.now(),
): number | null {
  if (status !== 403 && status !== 429) return null;
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);
  if (retryAfter !== null || /\bsecondary rate\b/i.test(message)) return retryAfter ?? SECONDARY_FALLBACK_MS;
  const primary =
    header(headers, 'x-ratelimit-remaining') === '0' ||
    graphqlErrors(data).some((e) => e.type === 'RATE_LIMITED');
  if (!primary) return null;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (!Number.isFinite(reset)) return SECONDARY_FALLBACK_MS;
  return Math.max(0, Math.ceil((reset * 1000 - now) / 1000) + 1) * 1000;
}

/**
 * Whether one failed attempt is worth another (pure): network errors and 5xx after the policy's
 * backoff; a rate limit after its own wait when that is at most maxDelayMs (else no: fail fast
 * rather than hold a run for an hour); every other answer (4xx, a refused origin, a bad proxy,
 * a failed "did it land?" check) is final.
 */
export function githubRetryVerdict(
  error: unknown,
  maxDelayMs: number,
  now: number = Date.now(),
): RetryVerdict {
  const e = error as OctokitErrorLike | null;
  if (e === null || typeof e !== 'object' || e.request === undefined || typeof e.status !== 'number')
    return false;
  if (e.response === undefined || e.status >= 500) return true;
  const wait = rateLimitWait(
    e.status,
    e.response.headers,
    typeof e.message === 'string' ? e.message : '',
    e.response.data,
    now,
  );
  if (wait === null || wait > maxDelayMs) return false;
  return { retry: true, afterMs: wait };
}

export class GithubClient {
  readonly octokit: Octokit;
  private readonly base: URL;

  constructor(options: GithubClientOptions) {
    this.base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    const maxDelayMs = options.maxDelayMs ?? 60_000;
    const policy: RetryPolicy = {
      attempts: Math.max(1, options.maxAttempts ?? 5),
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs,
    };
    const sleep = options.sleep ?? cancellableSleep;
    let transport: typeof fetch;
    try {
      transport = options.fetch ?? fetchFor(this.base, options.proxy ?? processProxyEnv()).fetch;
    } catch (error) {
      // A bad https_proxy value: every request fails with it (named), the constructor does not,
      // so the report still reaches the job summary.
      if (!(error instanceof ProxyConfigError)) throw error;
      transport = () => Promise.reject(error);
    }
    // Every request (REST, GraphQL, each page) goes through here: the origin check, then one
    // retry loop whose attempts each re-send the request, a create first asking whether an
    // earlier attempt landed.
    const hook = (octokit: { hook: Octokit['hook'] }): void => {
      octokit.hook.wrap('request', async (request, opts) => {
        type Answer = Awaited<ReturnType<typeof request>>;
        const o = opts as unknown as RequestOptionsLike;
        this.target(o); // throws ForeignOriginError before anything is sent
        const landed = o.request?.landed;
        return retry<Answer>(
          async (attempt) => {
            if (attempt > 1 && landed !== undefined) {
              const done = await landed();
              if (done !== null) return done as Answer;
            }
            try {
              return failedGraphql(await request(opts), opts);
            } catch (error) {
              const cause = (error as { cause?: unknown }).cause;
              // Not worth a retry: the same request would be refused again.
              if (cause instanceof ForeignOriginError || cause instanceof ProxyConfigError) throw cause;
              throw error;
            }
          },
          policy,
          {
            retryable: (error) => githubRetryVerdict(error, maxDelayMs),
            sleep,
            ...(options.signal === undefined ? {} : { signal: options.signal }),
          },
        );
      });
    };
    this.octokit = getOctokit(
      options.token,
      {
        baseUrl: this.base.href.replace(/\/$/, ''),
        userAgent: 'istio-canary',
        request: { fetch: this.guardedFetch(transport) },
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      },
      hook,
    );
  }

  /** `path` is relative to the API base ("repos/o/r/..."), or an absolute URL on the same origin (Link). */
  url(path: string): URL {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\//, ''), this.base);
    // Never send the token to another host, whatever a Link header says.
    if (url.origin !== this.base.origin)
      throw new ForeignOriginError(
        `refusing to call ${url.origin}: not the GitHub API origin (${this.base.origin}); the token is sent only there`,
      );
    return url;
  }

  /** The URL an Octokit request would go to, checked against the API origin. */
  private target(o: RequestOptionsLike): URL {
    const url = o.url ?? '';
    if (/^https?:\/\//i.test(url)) return this.url(url);
    const base = (o.baseUrl ?? this.base.href).replace(/\/$/, '');
    return this.url(`${base}${url.startsWith('/') ? '' : '/'}${url}`);
  }

  /** The transport with redirects handled here: same origin followed, another origin refused. */
  private guardedFetch(transport: typeof fetch): typeof fetch {
    const origin = this.base.origin;
    return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      let url = new URL(input instanceof Request ? input.url : String(input));
      const method = (init?.method ?? 'GET').toUpperCase();
      for (let hops = 0; ; hops++) {
        if (url.origin !== origin)
          throw new ForeignOriginError(
            `refusing to call ${url.origin}: not the GitHub API origin (${origin})`,
          );
        const response = await transport(url, { ...init, redirect: 'manual' });
        const location = response.headers.get('location');
        if (!REDIRECTS.has(response.status) || location === null) return response;
        const next = new URL(location, url);
        await response.body?.cancel().catch(() => undefined);
        if (next.origin !== origin)
          throw new ForeignOriginError(
            `GitHub API ${method} ${url.pathname} redirected to ${next.origin}, not the API origin (${origin}): not followed, the token is sent only to the API`,
          );
        const keepsMethod =
          response.status === 307 || response.status === 308 || method === 'GET' || method === 'HEAD';
        if (!keepsMethod || hops >= 5)
          throw new ForeignOriginError(
            `GitHub API ${method} ${url.pathname} answered ${response.status} to ${next.pathname}: ${hops >= 5 ? 'too many redirects' : 'a write is not re-sent as a GET'}`,
          );
        url = next;
      }
    };
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
    try {
      const response = await this.octokit.request({
        method,
        url: url.href,
        headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
        ...(body === undefined ? {} : { data: body }),
        ...(beforeRetry === undefined ? {} : { request: { landed: beforeRetry } }),
      });
      return response;
    } catch (error) {
      throw toApiError(error, method, url.pathname);
    }
  }

  /** A GraphQL query (GHES: /api/graphql), with the same guard, retries and limits. */
  async graphql<T>(query: string): Promise<T> {
    try {
      return await this.octokit.graphql<T>(query);
    } catch (error) {
      throw toApiError(error, 'POST', '/graphql');
    }
  }

  /** Every item of a list endpoint: per_page=100, following Link rel="next" (same origin only) to the end. */
  async paginate<T>(path: string): Promise<T[]> {
    const first = this.url(path);
    first.searchParams.set('per_page', '100');
    const items: T[] = [];
    try {
      let pages = 0;
      for await (const page of this.octokit.paginate.iterator({ method: 'GET', url: first.href })) {
        items.push(...((Array.isArray(page.data) ? page.data : []) as T[]));
        if (++pages >= 1000) break;
      }
    } catch (error) {
      throw toApiError(error, 'GET', first.pathname);
    }
    return items;
  }
}

/**
 * A GraphQL 200 whose errors say "try again": GitHub's transient "Something went wrong while
 * executing your query" (as a 500) or RATE_LIMITED (as a 403 rate limit); other answers as they are.
 */
function failedGraphql<T extends { data?: unknown; headers?: unknown }>(response: T, request: unknown): T {
  const errors = graphqlErrors(response.data);
  if (errors.length === 0) return response;
  const headers = (response.headers ?? {}) as Record<string, unknown>;
  const answer = { headers, data: response.data };
  if (errors.some((e) => e.type === 'RATE_LIMITED'))
    throw new GraphqlAnswerError('GraphQL rate limit exceeded', 403, request, answer);
  const first = errors[0]?.message;
  if (typeof first !== 'string') return response;
  if (/Something went wrong while executing your query/.test(first))
    throw new GraphqlAnswerError(first, 500, request, answer);
  return response;
}

/** Octokit's RequestError (or a refused origin) as the error the callers handle. */
function toApiError(error: unknown, method: string, path: string): Error {
  if (
    error instanceof ForeignOriginError ||
    error instanceof GithubApiError ||
    error instanceof ProxyConfigError
  )
    return error;
  const e = error as {
    status?: unknown;
    message?: unknown;
    response?: { data?: unknown; headers?: Record<string, string | undefined> };
    cause?: unknown;
  };
  if (typeof e.status !== 'number') return error instanceof Error ? error : new Error(String(error));
  const data = e.response?.data as { message?: unknown } | string | undefined;
  const headers = e.response?.headers ?? {};
  let message: string;
  if (e.response === undefined) message = `network error: ${String(e.message)}`;
  else if (typeof data === 'object' && data !== null && typeof data.message === 'string')
    message = data.message.slice(0, 300);
  else if (typeof data === 'string' && data !== '') message = data.slice(0, 200);
  else message = String(e.message).slice(0, 300);
  const status = e.response === undefined ? 0 : e.status;
  const rateLimited =
    (status === 403 || status === 429) &&
    (headers['x-ratelimit-remaining'] === '0' ||
      headers['retry-after'] !== undefined ||
      /rate limit/i.test(message));
  const resetAt = rateLimited ? rateLimitResetAt(headers) : null;
  if (resetAt !== null) {
    const inSeconds = Math.max(0, Math.ceil((resetAt - Date.now()) / 1000));
    message += ` (the rate limit resets at ${new Date(resetAt).toISOString()}, in ${inSeconds} s)`;
  }
  return new GithubApiError(method, path, status, message, rateLimited);
}

/** When a rate limit ends (epoch ms): Retry-After, else x-ratelimit-reset; null when neither says. */
function rateLimitResetAt(headers: Record<string, unknown>, now: number = Date.now()): number | null {
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);
  if (retryAfter !== null) return now + retryAfter;
  const reset = Number(header(headers, 'x-ratelimit-reset') ?? NaN);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
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

/**
 * The login the token comments under, asked of GitHub rather than assumed: GraphQL `viewer`
 * answers for every kind of token (a PAT's user, GITHUB_TOKEN's `github-actions`, a GitHub App
 * installation's `<app-slug>`; GraphQL spells bots without `[bot]`, sameLogin compares both),
 * else REST `GET /user` (PATs on a GHES without GraphQL). null when neither may answer: the
 * caller then trusts no earlier comment (it cannot tell its own from someone else's).
 * Rate limits and server errors are thrown, not guessed around.
 */
export async function tokenLogin(client: GithubClient): Promise<string | null> {
  const refused = (error: unknown) =>
    (error instanceof GithubApiError && !error.rateLimited && [401, 403, 404].includes(error.status)) ||
    // GraphQL answered 200 with errors (a token without GraphQL access) or no viewer.
    (error instanceof Error && error.name === 'GraphqlResponseError');
  try {
    const data = await client.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    const login = data.viewer?.login;
    if (typeof login === 'string' && login !== '') return login;
  } catch (error) {
    if (!refused(error)) throw error;
  }
  try {
    const { data } = await client.request<{ login?: unknown }>('GET', 'user');
    if (typeof data.login === 'string' && data.login !== '') return data.login;
  } catch (error) {
    if (!refused(error)) throw error;
  }
  return null;
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
  /** The token's login; null when GitHub would not say (then only our own create tells). */
  private login: string | null | undefined;
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
        const found = await this.find(base, pr, body);
        return found === null
          ? null
          : { status: 201, data: { id: found.id, html_url: found.url }, headers: {} };
      };
      const { data } = await client.request<IssueComment>(
        'POST',
        `${base}/issues/${pr}/comments`,
        { body },
        landed,
      );
      this.comment = { id: data.id, url: data.html_url ?? '' };
      // Our own comment tells our login for certain.
      const author = data.user?.login;
      if (this.login == null && typeof author === 'string' && author !== '') this.login = author;
      return { kind: 'posted', url: this.comment.url, created: true };
    } catch (error) {
      if (error instanceof GithubApiError && error.readOnly) {
        this.readOnly = true;
        return { kind: 'read-only' };
      }
      throw error;
    }
  }

  /**
   * Pages through every comment of the PR. Ours: starts with our marker and is written by the
   * token's own login. A comment by anyone else that quotes the marker is never touched. With
   * no known login (see tokenLogin) only `exactBody` proves a comment ours: the text a lost
   * POST of ours would have created.
   */
  private async find(
    base: string,
    pr: number,
    exactBody?: string,
  ): Promise<{ id: number; url: string } | null> {
    if (this.login === undefined) {
      this.login = await tokenLogin(this.options.client);
      if (this.login === null)
        this.options.logger.info(
          'Could not tell which login the github-token comments as (GraphQL viewer and GET /user refused): a new PR comment is created rather than editing one that may not be ours.',
        );
    }
    const login = this.login;
    const comments = await this.options.client.paginate<IssueComment>(`${base}/issues/${pr}/comments`);
    const mine = comments.find((c) => {
      if (typeof c.body !== 'string' || !c.body.startsWith(this.options.marker)) return false;
      if (login !== null) return sameLogin(c.user?.login ?? '', login);
      return exactBody !== undefined && c.body === exactBody;
    });
    return mine === undefined ? null : { id: mine.id, url: mine.html_url ?? '' };
  }
}
