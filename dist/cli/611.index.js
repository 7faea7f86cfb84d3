export const id = 611;
export const ids = [611];
export const modules = {

/***/ 97611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ACTIONS_BOT_LOGIN: () => (/* binding */ ACTIONS_BOT_LOGIN),
/* harmony export */   ForeignOriginError: () => (/* binding */ ForeignOriginError),
/* harmony export */   GithubApiError: () => (/* binding */ GithubApiError),
/* harmony export */   GithubClient: () => (/* binding */ GithubClient),
/* harmony export */   StickyComment: () => (/* binding */ StickyComment),
/* harmony export */   commentAction: () => (/* binding */ commentAction),
/* harmony export */   findPullRequest: () => (/* binding */ findPullRequest),
/* harmony export */   githubRetryVerdict: () => (/* binding */ githubRetryVerdict),
/* harmony export */   rateLimitWait: () => (/* binding */ rateLimitWait),
/* harmony export */   sameLogin: () => (/* binding */ sameLogin),
/* harmony export */   stickyMarker: () => (/* binding */ stickyMarker),
/* harmony export */   tokenLogin: () => (/* binding */ tokenLogin)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(92413);
/* harmony import */ var _http_proxy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57856);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71517);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49809);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(14031);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12011);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
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







/** The login GITHUB_TOKEN comments under (REST spelling; GraphQL says `github-actions`). */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const READ_ONLY_MESSAGE = 'Resource not accessible by integration';
class GithubApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .IstioCanaryError */ .f {
    method;
    path;
    status;
    githubMessage;
    rateLimited;
    constructor(method, path, status, githubMessage, 
    /** The request hit a rate limit (and waiting for its reset was not allowed). */
    rateLimited = false) {
        super(`GitHub API ${method} ${path} failed: ${status} ${githubMessage}`.trim());
        this.method = method;
        this.path = path;
        this.status = status;
        this.githubMessage = githubMessage;
        this.rateLimited = rateLimited;
    }
    /** A token without write access to issues/PRs: fork PRs, Dependabot, `permissions: read-all`. */
    get readOnly() {
        return this.status === 403 && this.githubMessage.includes(READ_ONLY_MESSAGE);
    }
}
/** A request to a host other than the API's: refused before the token could be sent. */
class ForeignOriginError extends _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .IstioCanaryError */ .f {
}
/** A GraphQL answer (200) that is a failure to retry: GitHub's transient error, or a rate limit. */
class GraphqlAnswerError extends _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .IstioCanaryError */ .f {
    status;
    request;
    response;
    constructor(message, status, request, response) {
        super(message);
        this.status = status;
        this.request = request;
        this.response = response;
    }
}
/** GitHub's wait for a secondary rate limit that gives no Retry-After (its docs: at least a minute). */
const SECONDARY_FALLBACK_MS = 60_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
function header(headers, name) {
    const v = headers?.[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}
function graphqlErrors(data) {
    const errors = data?.errors;
    return Array.isArray(errors) ? errors : [];
}
/**
 * The wait a rate-limited answer asks for (ms), or null when the answer is no rate limit.
 * Secondary (a "secondary rate limit" message or a Retry-After): Retry-After, else a minute.
 * Primary (x-ratelimit-remaining: 0, or GraphQL's RATE_LIMITED): until x-ratelimit-reset and a
 * second more, as GitHub advises.
 */
function rateLimitWait(status, headers, message, data, now = Date.now()) {
    if (status !== 403 && status !== 429)
        return null;
    const retryAfter = (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(header(headers, 'retry-after'), now);
    if (retryAfter !== null || /\bsecondary rate\b/i.test(message))
        return retryAfter ?? SECONDARY_FALLBACK_MS;
    const primary = header(headers, 'x-ratelimit-remaining') === '0' ||
        graphqlErrors(data).some((e) => e.type === 'RATE_LIMITED');
    if (!primary)
        return null;
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    if (!Number.isFinite(reset))
        return SECONDARY_FALLBACK_MS;
    return Math.max(0, Math.ceil((reset * 1000 - now) / 1000) + 1) * 1000;
}
/**
 * Whether one failed attempt is worth another (pure): network errors and 5xx after the policy's
 * backoff; a rate limit after its own wait when that is at most maxDelayMs (else no: fail fast
 * rather than hold a run for an hour); every other answer (4xx, a refused origin, a bad proxy,
 * a failed "did it land?" check) is final.
 */
function githubRetryVerdict(error, maxDelayMs, now = Date.now()) {
    const e = error;
    if (e === null || typeof e !== 'object' || e.request === undefined || typeof e.status !== 'number')
        return false;
    if (e.response === undefined || e.status >= 500)
        return true;
    const wait = rateLimitWait(e.status, e.response.headers, typeof e.message === 'string' ? e.message : '', e.response.data, now);
    if (wait === null || wait > maxDelayMs)
        return false;
    return { retry: true, afterMs: wait };
}
class GithubClient {
    octokit;
    base;
    constructor(options) {
        this.base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
        const maxDelayMs = options.maxDelayMs ?? 60_000;
        const policy = {
            attempts: Math.max(1, options.maxAttempts ?? 5),
            baseDelayMs: options.baseDelayMs ?? 1000,
            maxDelayMs,
        };
        const sleep = options.sleep ?? _retry_js__WEBPACK_IMPORTED_MODULE_3__/* .sleep */ .yy;
        let transport;
        try {
            transport = options.fetch ?? (0,_http_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .fetchFor */ .G)(this.base, options.proxy ?? (0,_http_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .processProxyEnv */ .R4)()).fetch;
        }
        catch (error) {
            // A bad https_proxy value: every request fails with it (named), the constructor does not,
            // so the report still reaches the job summary.
            if (!(error instanceof _http_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .ProxyConfigError */ .Xb))
                throw error;
            transport = () => Promise.reject(error);
        }
        // Every request (REST, GraphQL, each page) goes through here: the origin check, then one
        // retry loop whose attempts each re-send the request, a create first asking whether an
        // earlier attempt landed.
        const hook = (octokit) => {
            octokit.hook.wrap('request', async (request, opts) => {
                const o = opts;
                this.target(o); // throws ForeignOriginError before anything is sent
                const landed = o.request?.landed;
                return (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L5)(async (attempt) => {
                    if (attempt > 1 && landed !== undefined) {
                        const done = await landed();
                        if (done !== null)
                            return done;
                    }
                    try {
                        return failedGraphql(await request(opts), opts);
                    }
                    catch (error) {
                        const cause = error.cause;
                        // Not worth a retry: the same request would be refused again.
                        if (cause instanceof ForeignOriginError || cause instanceof _http_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .ProxyConfigError */ .Xb)
                            throw cause;
                        throw error;
                    }
                }, policy, {
                    retryable: (error) => githubRetryVerdict(error, maxDelayMs),
                    sleep,
                    ...(options.signal === undefined ? {} : { signal: options.signal }),
                });
            });
        };
        this.octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
            baseUrl: this.base.href.replace(/\/$/, ''),
            userAgent: 'istio-canary',
            request: { fetch: this.guardedFetch(transport) },
            log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        }, hook);
    }
    /** `path` is relative to the API base ("repos/o/r/..."), or an absolute URL on the same origin (Link). */
    url(path) {
        const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\//, ''), this.base);
        // Never send the token to another host, whatever a Link header says.
        if (url.origin !== this.base.origin)
            throw new ForeignOriginError(`refusing to call ${url.origin}: not the GitHub API origin (${this.base.origin}); the token is sent only there`);
        return url;
    }
    /** The URL an Octokit request would go to, checked against the API origin. */
    target(o) {
        const url = o.url ?? '';
        if (/^https?:\/\//i.test(url))
            return this.url(url);
        const base = (o.baseUrl ?? this.base.href).replace(/\/$/, '');
        return this.url(`${base}${url.startsWith('/') ? '' : '/'}${url}`);
    }
    /** The transport with redirects handled here: same origin followed, another origin refused. */
    guardedFetch(transport) {
        const origin = this.base.origin;
        return async (input, init) => {
            let url = new URL(input instanceof Request ? input.url : String(input));
            const method = (init?.method ?? 'GET').toUpperCase();
            for (let hops = 0;; hops++) {
                if (url.origin !== origin)
                    throw new ForeignOriginError(`refusing to call ${url.origin}: not the GitHub API origin (${origin})`);
                const response = await transport(url, { ...init, redirect: 'manual' });
                const location = response.headers.get('location');
                if (!REDIRECTS.has(response.status) || location === null)
                    return response;
                const next = new URL(location, url);
                await response.body?.cancel().catch(() => undefined);
                if (next.origin !== origin)
                    throw new ForeignOriginError(`GitHub API ${method} ${url.pathname} redirected to ${next.origin}, not the API origin (${origin}): not followed, the token is sent only to the API`);
                const keepsMethod = response.status === 307 || response.status === 308 || method === 'GET' || method === 'HEAD';
                if (!keepsMethod || hops >= 5)
                    throw new ForeignOriginError(`GitHub API ${method} ${url.pathname} answered ${response.status} to ${next.pathname}: ${hops >= 5 ? 'too many redirects' : 'a write is not re-sent as a GET'}`);
                url = next;
            }
        };
    }
    /**
     * One API call with bounded retries. `beforeRetry` lets a non-idempotent call (POST) check
     * whether a failed attempt took effect anyway (a 502 after the write) and return that instead.
     */
    async request(method, path, body, beforeRetry) {
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
        }
        catch (error) {
            throw toApiError(error, method, url.pathname);
        }
    }
    /** A GraphQL query (GHES: /api/graphql), with the same guard, retries and limits. */
    async graphql(query) {
        try {
            return await this.octokit.graphql(query);
        }
        catch (error) {
            throw toApiError(error, 'POST', '/graphql');
        }
    }
    /** Every item of a list endpoint: per_page=100, following Link rel="next" (same origin only) to the end. */
    async paginate(path) {
        const first = this.url(path);
        first.searchParams.set('per_page', '100');
        const items = [];
        try {
            let pages = 0;
            for await (const page of this.octokit.paginate.iterator({ method: 'GET', url: first.href })) {
                items.push(...(Array.isArray(page.data) ? page.data : []));
                if (++pages >= 1000)
                    break;
            }
        }
        catch (error) {
            throw toApiError(error, 'GET', first.pathname);
        }
        return items;
    }
}
/**
 * A GraphQL 200 whose errors say "try again": GitHub's transient "Something went wrong while
 * executing your query" (as a 500) or RATE_LIMITED (as a 403 rate limit); other answers as they are.
 */
function failedGraphql(response, request) {
    const errors = graphqlErrors(response.data);
    if (errors.length === 0)
        return response;
    const headers = (response.headers ?? {});
    const answer = { headers, data: response.data };
    if (errors.some((e) => e.type === 'RATE_LIMITED'))
        throw new GraphqlAnswerError('GraphQL rate limit exceeded', 403, request, answer);
    const first = errors[0]?.message;
    if (typeof first !== 'string')
        return response;
    if (/Something went wrong while executing your query/.test(first))
        throw new GraphqlAnswerError(first, 500, request, answer);
    return response;
}
/** Octokit's RequestError (or a refused origin) as the error the callers handle. */
function toApiError(error, method, path) {
    if (error instanceof ForeignOriginError ||
        error instanceof GithubApiError ||
        error instanceof _http_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .ProxyConfigError */ .Xb)
        return error;
    const e = error;
    if (typeof e.status !== 'number')
        return error instanceof Error ? error : new Error(String(error));
    const data = e.response?.data;
    const headers = e.response?.headers ?? {};
    let message;
    if (e.response === undefined)
        message = `network error: ${String(e.message)}`;
    else if (typeof data === 'object' && data !== null && typeof data.message === 'string')
        message = data.message.slice(0, 300);
    else if (typeof data === 'string' && data !== '')
        message = data.slice(0, 200);
    else
        message = String(e.message).slice(0, 300);
    const status = e.response === undefined ? 0 : e.status;
    const rateLimited = (status === 403 || status === 429) &&
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
function rateLimitResetAt(headers, now = Date.now()) {
    const retryAfter = (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(header(headers, 'retry-after'), now);
    if (retryAfter !== null)
        return now + retryAfter;
    const reset = Number(header(headers, 'x-ratelimit-reset') ?? NaN);
    return Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
}
/** The hidden marker that identifies this VirtualService's comment for this workflow. */
function stickyMarker(namespace, virtualService, workflow) {
    return `<!-- istio-canary:${(0,_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkerPart */ .fr)(namespace)}/${(0,_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkerPart */ .fr)(virtualService)}:${(0,_escape_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeMarkerPart */ .fr)(workflow ?? 'istio-canary')} -->`;
}
/** REST gives bots as `name[bot]`, GraphQL as `name`: compare both spellings (as sticky-pull-request-comment does). */
function sameLogin(a, b) {
    const norm = (s) => s.replace(/\[bot\]$/i, '').toLowerCase();
    return norm(a) === norm(b);
}
function splitRepository(repository) {
    const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
    return match === null ? null : { owner: match[1] ?? '', repo: match[2] ?? '' };
}
function numberFrom(value) {
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}
/**
 * The PR to comment on: the pr-number input; the event's PR (pull_request*); the open PR of the
 * pushed commit (push); the open PR whose head is the branch (workflow_dispatch and others).
 */
async function findPullRequest(client, github, prNumber) {
    if (prNumber !== null)
        return prNumber;
    const repo = github.repository === null ? null : splitRepository(github.repository);
    if (repo === null)
        return null;
    const event = github.event ?? {};
    const eventName = github.eventName ?? '';
    if (eventName.startsWith('pull_request')) {
        const pr = event['pull_request'];
        return numberFrom(pr?.number) ?? numberFrom(event['number']);
    }
    const base = `repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
    if (eventName === 'push' && github.sha !== null) {
        const { data } = await client.request('GET', `${base}/commits/${encodeURIComponent(github.sha)}/pulls`);
        const open = (Array.isArray(data) ? data : []).filter((p) => p.state === undefined || p.state === 'open');
        return (open.find((p) => p.head?.sha === github.sha) ?? open[0])?.number ?? null;
    }
    if (github.branch !== null && github.branch !== '') {
        const query = new URLSearchParams({ head: `${repo.owner}:${github.branch}`, state: 'open' });
        const { data } = await client.request('GET', `${base}/pulls?${query.toString()}`);
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
async function tokenLogin(client) {
    const refused = (error) => (error instanceof GithubApiError && !error.rateLimited && [401, 403, 404].includes(error.status)) ||
        // GraphQL answered 200 with errors (a token without GraphQL access) or no viewer.
        (error instanceof Error && error.name === 'GraphqlResponseError');
    try {
        const data = await client.graphql('query { viewer { login } }');
        const login = data.viewer?.login;
        if (typeof login === 'string' && login !== '')
            return login;
    }
    catch (error) {
        if (!refused(error))
            throw error;
    }
    try {
        const { data } = await client.request('GET', 'user');
        if (typeof data.login === 'string' && data.login !== '')
            return data.login;
    }
    catch (error) {
        if (!refused(error))
            throw error;
    }
    return null;
}
/**
 * `always`: every progress and the final report. `on-failure`: only a failed promotion (rolled
 * back, or held on a failing verdict) creates it; otherwise an existing comment (from an
 * earlier failed run) is updated so it does not go stale. `never`: no API call at all.
 */
function commentAction(mode, report, phase) {
    if (mode === 'never')
        return 'skip';
    if (mode === 'always')
        return 'upsert';
    if (phase === 'progress')
        return 'skip';
    return (0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .isFailure */ .N6)(report) ? 'upsert' : 'update-only';
}
/**
 * One sticky comment: the PR, the token's login and the comment id are looked up once and
 * kept, so the comment is created once and then updated in place at every step.
 */
class StickyComment {
    options;
    pr;
    /** The token's login; null when GitHub would not say (then only our own create tells). */
    login;
    comment;
    readOnly = false;
    constructor(options) {
        this.options = options;
    }
    get markerText() {
        return this.options.marker;
    }
    async post(markdown, action) {
        if (this.readOnly)
            return { kind: 'read-only' };
        const { client, github } = this.options;
        const repo = github.repository === null ? null : splitRepository(github.repository);
        if (repo === null)
            return { kind: 'skipped', why: 'not running in a GitHub repository' };
        if (this.pr === undefined)
            this.pr = await findPullRequest(client, github, this.options.prNumber);
        if (this.pr === null)
            return { kind: 'skipped', why: 'no pull request for this run' };
        const base = `repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
        const body = `${this.options.marker}\n${markdown}`;
        try {
            if (this.comment === undefined)
                this.comment = await this.find(base, this.pr);
            if (this.comment !== null) {
                try {
                    const { data } = await client.request('PATCH', `${base}/issues/comments/${this.comment.id}`, { body });
                    this.comment = { id: data.id, url: data.html_url ?? this.comment.url };
                    return { kind: 'posted', url: this.comment.url, created: false };
                }
                catch (error) {
                    // Deleted by someone since: create it again below.
                    if (!(error instanceof GithubApiError) || error.status !== 404)
                        throw error;
                    this.comment = null;
                }
            }
            if (action === 'update-only')
                return { kind: 'skipped', why: 'no earlier comment to update' };
            const pr = this.pr;
            // A POST whose response was lost may have created the comment: look before posting again.
            const landed = async () => {
                const found = await this.find(base, pr, body);
                return found === null
                    ? null
                    : { status: 201, data: { id: found.id, html_url: found.url }, headers: {} };
            };
            const { data } = await client.request('POST', `${base}/issues/${pr}/comments`, { body }, landed);
            this.comment = { id: data.id, url: data.html_url ?? '' };
            // Our own comment tells our login for certain.
            const author = data.user?.login;
            if (this.login == null && typeof author === 'string' && author !== '')
                this.login = author;
            return { kind: 'posted', url: this.comment.url, created: true };
        }
        catch (error) {
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
    async find(base, pr, exactBody) {
        if (this.login === undefined) {
            this.login = await tokenLogin(this.options.client);
            if (this.login === null)
                this.options.logger.info('Could not tell which login the github-token comments as (GraphQL viewer and GET /user refused): a new PR comment is created rather than editing one that may not be ours.');
        }
        const login = this.login;
        const comments = await this.options.client.paginate(`${base}/issues/${pr}/comments`);
        const mine = comments.find((c) => {
            if (typeof c.body !== 'string' || !c.body.startsWith(this.options.marker))
                return false;
            if (login !== null)
                return sameLogin(c.user?.login ?? '', login);
            return exactBody !== undefined && c.body === exactBody;
        });
        return mine === undefined ? null : { id: mine.id, url: mine.html_url ?? '' };
    }
}


/***/ })

};
