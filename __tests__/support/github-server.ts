// A local GitHub REST server (node:http, 127.0.0.1, port 0) for the report tests. It enforces
// what the sticky comment depends on, the way api.github.com does: auth (401), pagination
// (per_page, page, Link), comment ownership (only the author may PATCH), read-only tokens
// (403 "Resource not accessible by integration" on writes), GraphQL `viewer { login }` at /graphql
// (GHES: /api/graphql; bots spelled without `[bot]` as GitHub's GraphQL does), primary rate limits (403 with
// x-ratelimit-remaining: 0 and x-ratelimit-reset), secondary ones (429 + Retry-After), the
// 65,536-character body limit, injected 500s and dropped connections (a network error for the
// client). An optional path prefix mimics GHES (/api/v3). For finalize: git-pr it also serves a
// repository's Git data and contents (github-git.ts) and pull requests created and updated
// through the API (422 for a second open PR from one head, as GitHub answers).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGit, str } from './github-git.js';

export interface FakeToken {
  token: string;
  login: string;
  /** `app`: an installation token like GITHUB_TOKEN or a GitHub App's (GET /user → 403, login `<slug>[bot]`). */
  kind: 'user' | 'app';
  readOnly?: boolean;
  /** false: GraphQL refuses the token (403), as for a fine-grained token without it. Default true. */
  graphql?: boolean;
  /** false: creating a PR is refused as when the repository does not allow GitHub Actions to create PRs. */
  createPulls?: boolean;
}

export interface FakeComment {
  id: number;
  issue: string;
  body: string;
  login: string;
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  repo: string;
  number: number;
  state: 'open' | 'closed';
  headRef: string;
  headOwner: string;
  headSha: string;
  base?: string;
  title?: string;
  body?: string;
  login?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface GithubServerOptions {
  tokens: FakeToken[];
  /** '' for github.com, '/api/v3' for GHES. */
  prefix?: string;
  /** Requests per token before the primary rate limit (403) hits. Default 5000. */
  rateLimit?: number;
}

interface Injected {
  status: number;
  headers: Record<string, string>;
  message: string;
  /** For redirects: the Location for the request's URL. */
  location?: (url: URL) => string;
  /** No answer at all: the connection is closed (a network error for the client). */
  drop?: boolean;
}

const BODY_LIMIT = 65_536;

export class GithubServer {
  readonly comments: FakeComment[] = [];
  readonly pulls: FakePull[] = [];
  readonly requests: LoggedRequest[] = [];
  /** Repositories' Git data (refs, blobs, trees, commits) and their contents API. */
  readonly git = new FakeGit();
  private readonly injected: Injected[] = [];
  private lostWrites = 0;
  private readonly lostByPath: { path: RegExp; count: number }[] = [];
  private linkOrigin: string | null = null;
  private readonly used = new Map<string, number>();
  private resetAt = Math.floor(Date.now() / 1000) + 3600;
  private nextId = 1000;
  private server: Server | null = null;
  private origin = '';

  constructor(private readonly options: GithubServerOptions) {}

  /** The API base URL (what GITHUB_API_URL would be). */
  get apiUrl(): string {
    return `${this.origin}${this.options.prefix ?? ''}`;
  }

  get serverUrl(): string {
    return this.origin;
  }

  /** The port it listens on (127.0.0.1), for clients that reach it under another name. */
  get port(): number {
    return Number(new URL(this.origin).port);
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.send(req, res, 500, { message: String(error) });
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    this.server = null;
  }

  addComment(repo: string, issue: number, login: string, body: string): FakeComment {
    const now = new Date().toISOString();
    const comment = {
      id: this.nextId++,
      issue: `${repo}#${issue}`,
      body,
      login,
      created_at: now,
      updated_at: now,
    };
    this.comments.push(comment);
    return comment;
  }

  commentsOn(repo: string, issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === `${repo}#${issue}`);
  }

  /** The next `count` successful writes (POST/PATCH) take effect but answer 502, as when a proxy drops the response. */
  loseNextWriteResponses(count: number): void {
    this.lostWrites += count;
  }

  /** Like loseNextWriteResponses, only for writes whose path matches `path` (the first `count` of them). */
  loseWriteResponsesTo(path: RegExp, count: number): void {
    this.lostByPath.push({ path, count });
  }

  /** The next `count` requests fail with `status` (default 500) before reaching a handler. */
  failNext(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.injected.push({ status, headers: {}, message: 'Server Error' });
  }

  /** The next `count` requests get no answer: the connection closes (logged with status 0). */
  dropNext(count: number): void {
    for (let i = 0; i < count; i++) this.injected.push({ status: 0, headers: {}, message: '', drop: true });
  }

  /**
   * The next `count` requests get a secondary rate limit: 429 with Retry-After, or with
   * `retryAfterSeconds` null a 403 with only the message (GitHub sends both forms).
   */
  secondaryLimitNext(count: number, retryAfterSeconds: number | null): void {
    for (let i = 0; i < count; i++)
      this.injected.push({
        status: retryAfterSeconds === null ? 403 : 429,
        headers: retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) },
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      });
  }

  /** The next `count` requests are redirected (307 by default) to `location(url)`, e.g. another origin. */
  redirectNext(count: number, location: (url: URL) => string, status = 307): void {
    for (let i = 0; i < count; i++)
      this.injected.push({ status, headers: { location: '' }, message: 'Moved', location });
  }

  /** Link rel="next" URLs of comment listings point at `origin` instead of this server (null: back to normal). */
  linkPagesTo(origin: string | null): void {
    this.linkOrigin = origin;
  }

  /** Starts a new primary rate-limit window (what the reset time passing does on GitHub). */
  resetRateLimits(resetInSeconds = 3600): void {
    this.used.clear();
    this.resetAt = Math.floor(Date.now() / 1000) + resetInSeconds;
  }

  /** Uses up a token's budget so its next request is rate limited; the window resets in `resetInSeconds`. */
  exhaust(token: string, resetInSeconds: number): void {
    this.used.set(token, this.options.rateLimit ?? 5000);
    this.resetAt = Math.floor(Date.now() / 1000) + resetInSeconds;
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    // A REST write (a GraphQL query is a POST too, but writes nothing).
    const write = (req.method === 'POST' || req.method === 'PATCH') && !/\/graphql(\?|$)/.test(req.url ?? '');
    const lostHere = this.lostByPath.find((l) => l.count > 0 && l.path.test(req.url ?? ''));
    if (write && status < 400 && (this.lostWrites > 0 || lostHere !== undefined)) {
      if (lostHere !== undefined) lostHere.count -= 1;
      else this.lostWrites -= 1;
      status = 502;
      body = { message: 'Bad Gateway' };
    }
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', status });
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    const prefix = this.options.prefix ?? '';

    const injected = this.injected.shift();
    if (injected?.drop === true) {
      this.requests.push({ method, path: req.url ?? '', status: 0 });
      req.socket.destroy();
      return;
    }
    if (injected !== undefined) {
      const headers = injected.location
        ? { ...injected.headers, location: injected.location(url) }
        : injected.headers;
      this.send(req, res, injected.status, { message: injected.message }, headers);
      return;
    }

    // Auth first, as GitHub does: no token → 401 "Requires authentication", unknown → "Bad credentials".
    const auth = req.headers.authorization ?? '';
    const match = /^(?:bearer|token)\s+(\S+)$/i.exec(auth);
    if (match === null) {
      this.send(req, res, 401, { message: 'Requires authentication' });
      return;
    }
    const token = this.options.tokens.find((t) => t.token === match[1]);
    if (token === undefined) {
      this.send(req, res, 401, { message: 'Bad credentials' });
      return;
    }

    const limit = this.options.rateLimit ?? 5000;
    const used = (this.used.get(token.token) ?? 0) + 1;
    if (Date.now() / 1000 >= this.resetAt) this.resetRateLimits();
    const rateHeaders = (remaining: number) => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': String(this.resetAt),
      'x-ratelimit-used': String(Math.min(used, limit)),
    });
    if (used > limit) {
      this.send(req, res, 403, { message: `API rate limit exceeded for ${token.login}.` }, rateHeaders(0));
      return;
    }
    this.used.set(token.token, used);
    const headers = rateHeaders(limit - used);

    // GraphQL lives beside the REST prefix on GHES: /api/graphql next to /api/v3.
    const graphqlPath = prefix === '' ? '/graphql' : `${prefix.replace(/\/v3$/, '')}/graphql`;
    if (url.pathname === graphqlPath) {
      if (method !== 'POST') return this.send(req, res, 404, { message: 'Not Found' }, headers);
      if (token.graphql === false)
        return this.send(req, res, 403, { message: 'Resource not accessible by integration' }, headers);
      const query = (JSON.parse(raw === '' ? '{}' : raw) as { query?: unknown }).query;
      if (typeof query !== 'string' || !/\bviewer\s*\{\s*login\s*\}/.test(query))
        return this.send(
          req,
          res,
          200,
          { errors: [{ message: 'unsupported query in the test server' }] },
          headers,
        );
      return this.send(
        req,
        res,
        200,
        { data: { viewer: { login: token.login.replace(/\[bot\]$/, '') } } },
        headers,
      );
    }

    if (!url.pathname.startsWith(`${prefix}/`)) {
      this.send(req, res, 404, { message: 'Not Found' }, headers);
      return;
    }
    const path = url.pathname.slice(prefix.length);
    const reply = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      this.send(req, res, status, body, { ...headers, ...extra });
    const body = raw === '' ? {} : (JSON.parse(raw) as { body?: unknown });
    const readOnly = () => reply(403, { message: 'Resource not accessible by integration' });

    if (method === 'GET' && path === '/user') {
      if (token.kind === 'app') reply(403, { message: 'Resource not accessible by integration' });
      else reply(200, { login: token.login, id: 1, type: 'User' });
      return;
    }

    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    if (m !== null) {
      const repo = `${m[1]}/${m[2]}`;
      const issue = Number(m[3]);
      if (method === 'GET') {
        const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? '30') || 30));
        const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
        const all = this.commentsOn(repo, issue);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const items = all.slice((page - 1) * perPage, page * perPage).map((c) => this.json(repo, c));
        const link = (p: number) => {
          const u = new URL(url.pathname + url.search, this.linkOrigin ?? this.origin);
          u.searchParams.set('page', String(p));
          u.searchParams.set('per_page', String(perPage));
          return u.href;
        };
        const rels: string[] = [];
        if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
        if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
        reply(200, items, rels.length > 0 ? { link: rels.join(', ') } : {});
        return;
      }
      if (method === 'POST') {
        if (token.readOnly === true) return readOnly();
        if (typeof body.body !== 'string') return reply(422, { message: 'Validation Failed' });
        if (body.body.length > BODY_LIMIT)
          return reply(422, { message: 'Validation Failed: body is too long' });
        reply(201, this.json(repo, this.addComment(repo, issue, token.login, body.body)));
        return;
      }
    }

    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    if (m !== null && method === 'PATCH') {
      const repo = `${m[1]}/${m[2]}`;
      const comment = this.comments.find((c) => c.id === Number(m?.[3]) && c.issue.startsWith(`${repo}#`));
      if (comment === undefined) return reply(404, { message: 'Not Found' });
      if (token.readOnly === true) return readOnly();
      if (comment.login !== token.login)
        return reply(403, { message: 'Must have admin rights to Repository.' });
      if (typeof body.body !== 'string') return reply(422, { message: 'Validation Failed' });
      if (body.body.length > BODY_LIMIT)
        return reply(422, { message: 'Validation Failed: body is too long' });
      comment.body = body.body;
      comment.updated_at = new Date().toISOString();
      reply(200, this.json(repo, comment));
      return;
    }

    m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/pulls$/.exec(path);
    if (m !== null && method === 'GET') {
      const repo = `${m[1]}/${m[2]}`;
      reply(
        200,
        this.pulls.filter((p) => p.repo === repo && p.headSha === m?.[3]).map((p) => this.pullJson(p)),
      );
      return;
    }

    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path);
    if (m !== null && method === 'GET') {
      const repo = `${m[1]}/${m[2]}`;
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      reply(
        200,
        this.pulls
          .filter((p) => p.repo === repo && (state === 'all' || p.state === state))
          .filter((p) => head === null || head === `${p.headOwner}:${p.headRef}`)
          .map((p) => this.pullJson(p)),
      );
      return;
    }

    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path);
    if (m !== null && method === 'POST') {
      const repo = `${m[1]}/${m[2]}`;
      const owner = m[1] ?? '';
      if (token.readOnly === true) return readOnly();
      if (token.createPulls === false)
        return reply(403, { message: 'GitHub Actions is not permitted to create or approve pull requests.' });
      const b = body as Record<string, unknown>;
      const head = str(b.head).replace(new RegExp(`^${owner}:`), '');
      const base = str(b.base);
      const headSha = this.git.branch(repo, head);
      if (
        typeof b.title !== 'string' ||
        b.title === '' ||
        headSha === null ||
        this.git.branch(repo, base) === null
      )
        return reply(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'PullRequest', code: 'invalid' }],
        });
      if (
        this.pulls.some(
          (p) => p.repo === repo && p.state === 'open' && p.headRef === head && p.headOwner === owner,
        )
      )
        return reply(422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${owner}:${head}.`,
            },
          ],
        });
      const pull: FakePull = {
        repo,
        number: this.nextId++,
        state: 'open',
        headRef: head,
        headOwner: owner,
        headSha,
        base,
        title: b.title,
        body: typeof b.body === 'string' ? b.body : '',
        login: token.login,
      };
      this.pulls.push(pull);
      return reply(201, this.pullJson(pull));
    }

    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path);
    if (m !== null && (method === 'PATCH' || method === 'GET')) {
      const repo = `${m[1]}/${m[2]}`;
      const pull = this.pulls.find((p) => p.repo === repo && p.number === Number(m?.[3]));
      if (pull === undefined) return reply(404, { message: 'Not Found' });
      if (method === 'PATCH') {
        if (token.readOnly === true) return readOnly();
        const b = body as Record<string, unknown>;
        if (typeof b.title === 'string') pull.title = b.title;
        if (typeof b.body === 'string') pull.body = b.body;
        if (b.state === 'open' || b.state === 'closed') pull.state = b.state;
      }
      return reply(200, this.pullJson(pull));
    }

    const git = this.git.handle(method, path, url, body, token.readOnly !== true, this.apiUrl);
    if (git !== null) return reply(git.status, git.body);

    reply(404, { message: 'Not Found' });
  }

  private json(repo: string, c: FakeComment): Record<string, unknown> {
    const issue = c.issue.split('#')[1];
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.apiUrl}/repos/${repo}/issues/comments/${c.id}`,
      html_url: `${this.origin}/${repo}/pull/${issue}#issuecomment-${c.id}`,
      body: c.body,
      user: { login: c.login, type: c.login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: c.created_at,
      updated_at: c.updated_at,
    };
  }

  private pullJson(p: FakePull): Record<string, unknown> {
    // A branch of the Git store moves the PR's head with it, as on GitHub.
    const sha = this.git.branch(p.repo, p.headRef) ?? p.headSha;
    return {
      number: p.number,
      state: p.state,
      head: { ref: p.headRef, sha, label: `${p.headOwner}:${p.headRef}` },
      ...(p.base === undefined ? {} : { base: { ref: p.base } }),
      ...(p.title === undefined ? {} : { title: p.title, body: p.body ?? '' }),
      html_url: `${this.origin}/${p.repo}/pull/${p.number}`,
      ...(p.login === undefined ? {} : { user: { login: p.login } }),
    };
  }
}
