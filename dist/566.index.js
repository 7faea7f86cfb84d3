export const id = 566;
export const ids = [566];
export const modules = {

/***/ 9269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   en: () => (/* binding */ escapeTerminal),
/* harmony export */   fr: () => (/* binding */ escapeMarkerPart)
/* harmony export */ });
// Escaping of user-controlled text (names, images, reasons, workflow names) for the places
// the report puts it: GitHub-flavoured markdown (incl. table cells), HTML comments, URLs and
// terminals. Pure functions.
const MAX_TEXT = 300;
/** Collapses whitespace/control characters so one value can never start a new markdown block. */
function oneLine(text, max = MAX_TEXT) {
    // eslint-disable-next-line no-control-regex
    const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
/**
 * Text safe inline in GitHub markdown, including inside a table cell: HTML is inert (`<script>`
 * becomes `&lt;script&gt;`), markdown syntax is literal, `|` cannot split a cell, `@user` and
 * `@org/team` do not ping (a zero-width space after `@`, as Renovate does), `$` starts no math.
 */
function escapeMarkdown(text, max = MAX_TEXT) {
    let out = '';
    for (const ch of oneLine(text, max)) {
        switch (ch) {
            case '&':
                out += '&amp;';
                break;
            case '<':
                out += '&lt;';
                break;
            case '>':
                out += '&gt;';
                break;
            case '"':
                out += '&quot;';
                break;
            case '@':
                out += '@&#8203;';
                break;
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '|':
            case '~':
            case '$':
            case '#':
            case '!':
                out += `\\${ch}`;
                break;
            default:
                out += ch;
        }
    }
    return out;
}
/**
 * A value for the hidden marker `<!-- ... -->`: the comment cannot be closed early (`-->`,
 * `--!>`), opened again or spread over lines; `%` is encoded first so decoding is unambiguous.
 */
function escapeMarkerPart(text) {
    const encoded = text.replace(/[%<>&"'\s!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    // No "--" anywhere: encode every second hyphen of a run.
    return encoded.replace(/--/g, '-%2D');
}
/** An http(s) URL safe inside `[text](url)`, or null when the value is not one. */
function safeUrl(url) {
    if (url === null)
        return null;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return null;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return null;
    // URL.href percent-encodes spaces, quotes and angle brackets; parentheses and pipes would
    // still end the link or split a table cell.
    return parsed.href.replace(/[()|\\[\]`]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** Text for a terminal: no escape sequences (a name cannot rewrite the screen), one line. */
function escapeTerminal(text, max = 120) {
    return oneLine(text, max);
}


/***/ }),

/***/ 7611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HU: () => (/* binding */ StickyComment),
/* harmony export */   YL: () => (/* binding */ stickyMarker),
/* harmony export */   ty: () => (/* binding */ GithubClient),
/* harmony export */   yE: () => (/* binding */ commentAction)
/* harmony export */ });
/* unused harmony exports ACTIONS_BOT_LOGIN, GithubApiError, nextLink, sameLogin, findPullRequest, tokenLogin, isFailure */
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9269);

/** The login GITHUB_TOKEN comments under; GET /user is not allowed for that token. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const READ_ONLY_MESSAGE = 'Resource not accessible by integration';
class GithubApiError extends Error {
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
        this.name = 'GithubApiError';
    }
    /** A token without write access to issues/PRs: fork PRs, Dependabot, `permissions: read-all`. */
    get readOnly() {
        return this.status === 403 && this.githubMessage.includes(READ_ONLY_MESSAGE);
    }
}
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class GithubClient {
    options;
    base;
    fetchImpl;
    sleep;
    now;
    maxAttempts;
    baseDelayMs;
    maxDelayMs;
    constructor(options) {
        this.options = options;
        this.base = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
        this.fetchImpl = options.fetch ?? fetch;
        this.sleep = options.sleep ?? defaultSleep;
        this.now = options.now ?? Date.now;
        this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
        this.baseDelayMs = options.baseDelayMs ?? 1000;
        this.maxDelayMs = options.maxDelayMs ?? 60_000;
    }
    /** `path` is relative to the API base ("repos/o/r/..."), or an absolute URL on the same origin (Link). */
    url(path) {
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
    async request(method, path, body, beforeRetry) {
        const url = this.url(path);
        const shown = url.pathname;
        for (let attempt = 1;; attempt++) {
            if (attempt > 1 && beforeRetry !== undefined) {
                const done = await beforeRetry();
                if (done !== null)
                    return done;
            }
            let response;
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
            }
            catch (error) {
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
                    data: (text === '' ? null : JSON.parse(text)),
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
    async paginate(path) {
        const items = [];
        const first = this.url(path);
        first.searchParams.set('per_page', '100');
        let next = first.href;
        for (let pages = 0; next !== null && pages < 1000; pages++) {
            const page = await this.request('GET', next);
            items.push(...(Array.isArray(page.data) ? page.data : []));
            next = nextLink(page.headers.get('link'));
        }
        return items;
    }
    backoff(attempt) {
        return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    }
    /** How long to wait before retrying this response, or null when it must not be retried. */
    retryDelay(response, attempt, message) {
        const { status, headers } = response;
        if (status >= 500)
            return this.backoff(attempt);
        if (status !== 403 && status !== 429)
            return null;
        const retryAfter = headers.get('retry-after');
        const remaining = headers.get('x-ratelimit-remaining');
        let wait = null;
        if (retryAfter !== null && /^\d+$/.test(retryAfter.trim()))
            wait = Number(retryAfter) * 1000;
        else if (remaining === '0') {
            const reset = Number(headers.get('x-ratelimit-reset'));
            wait =
                Number.isFinite(reset) && reset > 0
                    ? Math.max(0, reset * 1000 - this.now()) + 1000
                    : this.backoff(attempt);
        }
        else if (status === 429 || /secondary rate limit/i.test(message)) {
            // GitHub's advice for a secondary limit without headers: wait at least a minute.
            wait = Math.max(60_000, this.backoff(attempt));
        }
        // A plain 403 (permissions) is final. A reset further away than we are willing to wait is too:
        // the comment is not worth holding a CI job for an hour.
        if (wait === null || wait > this.maxDelayMs)
            return null;
        return wait;
    }
}
function isRateLimited(response, message) {
    return ((response.status === 403 || response.status === 429) &&
        (response.headers.get('x-ratelimit-remaining') === '0' ||
            response.headers.has('retry-after') ||
            /rate limit/i.test(message)));
}
function githubMessage(text) {
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.message === 'string')
            return parsed.message.slice(0, 300);
    }
    catch {
        // not JSON
    }
    return text.slice(0, 200);
}
/** The rel="next" URL of a Link header (RFC 8288), or null. */
function nextLink(header) {
    if (header === null)
        return null;
    for (const part of header.split(',')) {
        const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
        const rel = /\brel\s*=\s*"?([^";]*)"?/i.exec(match?.[2] ?? '');
        if (match !== null && rel !== null && (rel[1] ?? '').toLowerCase().split(/\s+/).includes('next'))
            return match[1] ?? null;
    }
    return null;
}
/** The hidden marker that identifies this VirtualService's comment for this workflow. */
function stickyMarker(namespace, virtualService, workflow) {
    return `<!-- istio-canary:${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkerPart */ .fr)(namespace)}/${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkerPart */ .fr)(virtualService)}:${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeMarkerPart */ .fr)(workflow ?? 'istio-canary')} -->`;
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
/** The token's login: GET /user, or the Actions bot when the token may not read /user (GITHUB_TOKEN). */
async function tokenLogin(client) {
    try {
        const { data } = await client.request('GET', 'user');
        if (typeof data.login === 'string' && data.login !== '')
            return data.login;
    }
    catch (error) {
        const forbidden = error instanceof GithubApiError && !error.rateLimited && (error.status === 403 || error.status === 404);
        if (!forbidden)
            throw error;
    }
    return ACTIONS_BOT_LOGIN;
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
    return isFailure(report) ? 'upsert' : 'update-only';
}
function isFailure(report) {
    if (report.status === 'rolled-back')
        return true;
    return report.status === 'held' && (report.history.at(-1)?.verdict.outcome ?? 'pass') !== 'pass';
}
/**
 * One sticky comment: the PR, the token's login and the comment id are looked up once and
 * kept, so the comment is created once and then updated in place at every step.
 */
class StickyComment {
    options;
    pr;
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
                const found = await this.find(base, pr);
                return found === null
                    ? null
                    : { status: 201, data: { id: found.id, html_url: found.url }, headers: new Headers() };
            };
            const { data } = await client.request('POST', `${base}/issues/${pr}/comments`, { body }, landed);
            this.comment = { id: data.id, url: data.html_url ?? '' };
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
    /** Pages through every comment of the PR; only ours (author = token's login) with our marker count. */
    async find(base, pr) {
        this.login ??= await tokenLogin(this.options.client);
        const login = this.login;
        const comments = await this.options.client.paginate(`${base}/issues/${pr}/comments`);
        const mine = comments.find((c) => typeof c.body === 'string' &&
            c.body.includes(this.options.marker) &&
            sameLogin(c.user?.login ?? '', login));
        return mine === undefined ? null : { id: mine.id, url: mine.html_url ?? '' };
    }
}


/***/ }),

/***/ 5566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportPreviewDeleted: () => (/* binding */ reportPreviewDeleted)
/* harmony export */ });
/* unused harmony export previewDeletedMarkdown */
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9269);
/* harmony import */ var _github_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7611);


function previewDeletedMarkdown(namespace, virtualService, at) {
    return [
        `## 🧹 Preview environment deleted: ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(namespace, 80)}/${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(virtualService, 80)}`,
        '',
        `The namespace ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(namespace, 80)} and everything in it were deleted at ${at.toISOString()} when the pull request closed.`,
    ].join('\n');
}
/** Updates the sticky comment of each VirtualService the preview had; returns the comment URLs. */
async function reportPreviewDeleted(options, namespace, virtualServices, deps) {
    const at = deps.now?.() ?? new Date();
    const urls = [];
    for (const vs of virtualServices.length ? virtualServices : ['(none)']) {
        const markdown = previewDeletedMarkdown(namespace, vs, at);
        await deps.summary.write(markdown);
        if (options.comment === 'never' || !options.githubToken || virtualServices.length === 0)
            continue;
        const client = new _github_js__WEBPACK_IMPORTED_MODULE_0__/* .GithubClient */ .ty({
            ...deps.client,
            apiUrl: options.github.apiUrl,
            token: options.githubToken,
        });
        const sticky = new _github_js__WEBPACK_IMPORTED_MODULE_0__/* .StickyComment */ .HU({
            client,
            github: options.github,
            prNumber: options.prNumber,
            marker: (0,_github_js__WEBPACK_IMPORTED_MODULE_0__/* .stickyMarker */ .YL)(namespace, vs, options.github.workflow),
            logger: deps.logger,
        });
        try {
            const result = await sticky.post(markdown, 'update-only');
            if (result.kind === 'posted')
                urls.push(result.url);
        }
        catch (e) {
            deps.logger.warning(`preview: could not update the PR comment: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    return urls;
}


/***/ })

};
