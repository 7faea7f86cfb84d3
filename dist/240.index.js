export const id = 240;
export const ids = [240];
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

/***/ 9240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createReporter: () => (/* binding */ createReporter)
});

// EXTERNAL MODULE: ./src/report/github.ts
var github = __webpack_require__(7611);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/report/json.ts
// The report JSON: the PromotionReport as is (schema: docs/report.schema.json), written to a
// file for the `report-json` output and for the CLI's --report-json.


function reportToJson(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
}
/** File name per VirtualService, so two promotions in one job do not overwrite each other. */
function reportFileName(report) {
    const safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
    return `istio-canary-report-${safe(report.namespace)}-${safe(report.virtualService)}.json`;
}
/** Writes the report into `dir` (created if missing) and returns the file's path. */
async function writeReportJson(report, dir) {
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(dir, reportFileName(report));
    await (0,promises_.writeFile)(file, reportToJson(report), 'utf8');
    return file;
}

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(9269);
;// CONCATENATED MODULE: ./src/report/format.ts
const format_DASH = '–';
function finite(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
/** Milliseconds with precision that suits the magnitude: 0.42, 4.21, 42.1, 421. */
function format_formatMs(value) {
    if (!finite(value))
        return format_DASH;
    if (value < 10)
        return value.toFixed(2);
    if (value < 100)
        return value.toFixed(1);
    return Math.round(value).toString();
}
/** A fraction as a percentage: 1 → "100%", 0.99953 → "99.95%". */
function formatFraction(value) {
    if (!finite(value))
        return format_DASH;
    const pct = value * 100;
    if (pct === 100 || pct === 0)
        return `${pct}%`;
    return `${pct.toFixed(2)}%`;
}
function formatRate(value) {
    return finite(value) ? value.toFixed(1) : format_DASH;
}
function format_formatCount(value) {
    return finite(value) ? Math.round(value).toLocaleString('en-US') : format_DASH;
}
/** Relative difference of canary against stable: "+18%", "−5%", "±0%", or "" when not computable. */
function format_formatDelta(stable, canary) {
    if (!finite(stable) || !finite(canary) || stable <= 0)
        return '';
    const pct = Math.round(((canary - stable) / stable) * 100);
    if (pct === 0)
        return '±0%';
    return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}
/** 850 → "850ms", 45_000 → "45s", 90_000 → "1m 30s", 3_723_000 → "1h 2m 3s". */
function format_formatDuration(ms) {
    if (!finite(ms) || ms < 0)
        return format_DASH;
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    const total = Math.round(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const parts = [];
    if (h > 0)
        parts.push(`${h}h`);
    if (m > 0)
        parts.push(`${m}m`);
    if (s > 0 || parts.length === 0)
        parts.push(`${s}s`);
    return parts.join(' ');
}
/** Error rate of a window in percent (for the chart); 0 with no requests. */
function errorRatePct(stats) {
    if (stats === null || !finite(stats.requests) || stats.requests <= 0 || !finite(stats.errors))
        return 0;
    return (stats.errors / stats.requests) * 100;
}
/** A number for a mermaid data list: finite, short; a missing sample is plotted as 0. */
function chartNumber(value) {
    if (!finite(value))
        return '0';
    return Number(value.toFixed(value < 10 ? 3 : 1)).toString();
}
function durationBetween(startIso, endIso) {
    const start = Date.parse(startIso);
    const end = Date.parse(endIso);
    return Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : null;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts


/** GitHub rejects comment bodies over 65,536 characters. */
const GITHUB_COMMENT_LIMIT = 65_536;
const DEFAULT_MAX_CHARS = 60_000;
const DEFAULT_MAX_STEPS = 40;
const HEAD_STEPS = 5;
function renderReport(report, options = {}) {
    const maxChars = Math.min(options.maxChars ?? DEFAULT_MAX_CHARS, GITHUB_COMMENT_LIMIT);
    let layout = { maxSteps: Math.max(2, options.maxSteps ?? DEFAULT_MAX_STEPS), checks: true };
    // Shrink until it fits: fewer rows, then no per-step checks. Each step row is bounded
    // (escaped text is truncated), so this ends quickly.
    for (;;) {
        const text = render(report, layout);
        if (text.length <= maxChars)
            return text;
        if (layout.checks)
            layout = { ...layout, checks: false };
        else if (layout.maxSteps > 2)
            layout = { ...layout, maxSteps: Math.max(2, Math.floor(layout.maxSteps / 2)) };
        else
            return truncate(text, maxChars);
    }
}
function truncate(text, maxChars) {
    const note = '\n\n_Report truncated to fit GitHub’s comment limit; the full data is in the report JSON._\n';
    return text.slice(0, Math.max(0, maxChars - note.length)) + note;
}
/** The history rows to show: all, or the first and last steps around a collapsed count. */
function selectSteps(items, max) {
    if (items.length <= max)
        return { head: [...items], hidden: [], tail: [] };
    const head = Math.min(HEAD_STEPS, Math.floor(max / 2));
    const tail = max - head;
    return {
        head: items.slice(0, head),
        hidden: items.slice(head, items.length - tail),
        tail: items.slice(-tail),
    };
}
function render(report, layout) {
    const parts = [
        header(report),
        facts(report),
        previewSection(report),
        stepsTable(report, layout),
        charts(report, layout),
        weightsApplied(report, layout),
        howToContinue(report),
        '<sub>istio-canary · report schema v1 · every step is in the <code>report-json</code> output</sub>',
    ];
    return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
function target(report) {
    return `${(0,report_escape/* escapeMarkdown */.FV)(report.namespace, 80)}/${(0,report_escape/* escapeMarkdown */.FV)(report.virtualService, 80)}`;
}
/** The state's step counts completed steps; a step that failed shows only in the history. */
function stepReached(report) {
    return Math.max(report.step, report.history.at(-1)?.step ?? 0);
}
function header(report) {
    const total = report.steps.length;
    const where = `step ${stepReached(report)} of ${total}`;
    const waiting = report.nextCommands.length > 0;
    const lines = [];
    switch (report.status) {
        case 'promoted': {
            const reached = Math.max(0, ...report.history.map((r) => r.weight), ...report.weightsApplied.map((w) => w.canary));
            lines.push(`## ✅ Canary promoted: ${target(report)}`);
            lines.push(report.command === 'promote'
                ? `Promoted on request (\`command: promote\`) after ${where}.`
                : `The canary reached ${reached}% of traffic with every step passing (${where}).`);
            // promote-stable finalizes to canary 0%: stable now runs the canary's pod template.
            if (report.weight === 0)
                lines.push("Finalized: stable now runs the canary's version and takes all traffic.");
            break;
        }
        case 'rolled-back':
            lines.push(`## ❌ Canary rolled back: ${target(report)}`);
            lines.push(`All traffic is back on stable (canary 0%) after ${where}.`);
            break;
        case 'held':
            lines.push(`## ⏸ Canary held at ${report.weight}%: ${target(report)}`);
            lines.push(`The weights stay as they are (${where}) until someone continues or rolls back.`);
            break;
        case 'in-progress':
            if (waiting) {
                lines.push(`## ⏸ Canary waiting at ${report.weight}%: ${target(report)}`);
                lines.push(`Done with ${where}; the next step waits for a manual command (below).`);
            }
            else {
                lines.push(`## 🔄 Canary in progress at ${report.weight}%: ${target(report)}`);
                lines.push(`Measuring after ${where}; this comment updates after every step.`);
            }
            break;
    }
    if (report.reason !== null && report.reason !== '')
        lines.push('', `**Why:** ${(0,report_escape/* escapeMarkdown */.FV)(report.reason, 500)}`);
    const last = report.history.at(-1);
    if (last !== undefined && report.status !== 'promoted') {
        const failed = last.verdict.reasons.filter((r) => !r.ok);
        for (const r of failed.slice(0, 5))
            lines.push(`- ❌ ${(0,report_escape/* escapeMarkdown */.FV)(r.message)}`);
    }
    return lines.join('\n');
}
function facts(report) {
    const lines = [];
    lines.push(`* **Canary image:** ${report.canaryImage === null ? format_DASH : (0,report_escape/* escapeMarkdown */.FV)(report.canaryImage, 200)}`);
    lines.push(`* **Subsets:** stable ${(0,report_escape/* escapeMarkdown */.FV)(report.stableSubset, 80)}, canary ${(0,report_escape/* escapeMarkdown */.FV)(report.canarySubset, 80)}` +
        ` · **route:** ${(0,report_escape/* escapeMarkdown */.FV)(report.route, 80)} · **command:** ${(0,report_escape/* escapeMarkdown */.FV)(report.command, 40)}`);
    const schedule = report.steps.length > 20 ? `${report.steps.length} steps` : report.steps.map((w) => `${w}%`).join(' → ');
    lines.push(`* **Schedule:** ${schedule} · **canary now:** ${report.weight}%`);
    const took = durationBetween(report.startedAt, report.endedAt);
    lines.push(`* **Time:** ${(0,report_escape/* escapeMarkdown */.FV)(report.startedAt, 40)} → ${(0,report_escape/* escapeMarkdown */.FV)(report.endedAt, 40)} (${format_formatDuration(took)})`);
    const url = (0,report_escape/* safeUrl */.Pl)(report.run.runUrl);
    if (url !== null) {
        const label = report.run.repository !== null && report.run.runId !== null
            ? `${(0,report_escape/* escapeMarkdown */.FV)(report.run.repository, 120)} run ${(0,report_escape/* escapeMarkdown */.FV)(report.run.runId, 40)}`
            : 'workflow run';
        lines.push(`* **Workflow run:** [${label}](${url})`);
    }
    return lines.join('\n');
}
function pair(stable, canary) {
    return `${stable} / ${canary}`;
}
function latency(stable, canary, key) {
    const s = stable?.[key] ?? null;
    const c = canary?.[key] ?? null;
    const delta = format_formatDelta(s, c);
    return `${pair(format_formatMs(s), format_formatMs(c))}${delta === '' ? '' : ` (${delta})`}`;
}
const VERDICT = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive' };
function reasonCell(record) {
    const reasons = record.verdict.reasons;
    const failed = reasons.filter((r) => !r.ok);
    if (failed.length > 0)
        return failed
            .slice(0, 3)
            .map((r) => (0,report_escape/* escapeMarkdown */.FV)(r.message, 160))
            .join('<br>');
    if (record.verdict.outcome !== 'pass')
        return reasons.length === 0 ? 'no data' : (0,report_escape/* escapeMarkdown */.FV)(reasons[0]?.message ?? '', 160);
    return reasons.length === 0 ? format_DASH : `${reasons.length}/${reasons.length} checks passed`;
}
function stepRow(record) {
    const { stable, canary } = record.verdict;
    const cells = [
        String(record.step),
        `${record.weight}%`,
        format_formatDuration(record.verdict.durationMs),
        pair(format_formatCount(stable?.requests), format_formatCount(canary?.requests)),
        pair(formatRate(stable?.rps), formatRate(canary?.rps)),
        pair(formatFraction(stable?.successRate), formatFraction(canary?.successRate)),
        latency(stable, canary, 'p50Ms'),
        latency(stable, canary, 'p90Ms'),
        latency(stable, canary, 'p99Ms'),
        VERDICT[record.verdict.outcome] ?? (0,report_escape/* escapeMarkdown */.FV)(record.verdict.outcome, 20),
        reasonCell(record),
    ];
    return `| ${cells.join(' | ')} |`;
}
function hiddenRow(hidden) {
    const counts = new Map();
    for (const r of hidden)
        counts.set(r.verdict.outcome, (counts.get(r.verdict.outcome) ?? 0) + 1);
    const summary = [...counts.entries()]
        .map(([k, n]) => `${format_formatCount(n)} ${(0,report_escape/* escapeMarkdown */.FV)(k, 20)}`)
        .join(', ');
    const first = hidden[0]?.step ?? 0;
    const last = hidden.at(-1)?.step ?? 0;
    return `| ⋯ | | | | | | | | | | **${format_formatCount(hidden.length)} steps not shown** (${first}–${last}: ${summary}) |`;
}
function stepsTable(report, layout) {
    if (report.history.length === 0)
        return '_No step was measured yet._';
    const { head, hidden, tail } = selectSteps(report.history, layout.maxSteps);
    const lines = [
        '### Steps',
        '',
        'Latencies in ms, stable / canary (Δ = canary against stable).',
        '',
        '| Step | Weight | Duration | Requests | Rate (req/s) | Success | p50 | p90 | p99 | Verdict | Reason |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |',
        ...head.map(stepRow),
    ];
    if (hidden.length > 0)
        lines.push(hiddenRow(hidden), ...tail.map(stepRow));
    if (layout.checks) {
        const shown = [...head, ...tail];
        const checks = shown
            .filter((r) => r.verdict.reasons.length > 0)
            .map((r) => `- Step ${r.step} (${r.weight}%): ` +
            r.verdict.reasons.map((c) => `${c.ok ? '✅' : '❌'} ${(0,report_escape/* escapeMarkdown */.FV)(c.message, 200)}`).join('; '));
        if (checks.length > 0)
            lines.push('', '<details><summary>Checks per step</summary>', '', ...checks, '', '</details>');
    }
    return lines.join('\n');
}
/**
 * Two xychart-beta blocks (p99 and error rate): stable as bars, canary as a line, since
 * xychart-beta draws no legend. Only generated numbers and fixed words go in: no user text
 * reaches mermaid, so nothing can inject directives into it.
 */
// Stable blue, canary red (GitHub's palette); a directive, which GitHub's mermaid honours.
const CHART_COLORS = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e"}}}}%%';
function mermaidCharts(history) {
    if (history.length === 0)
        return [];
    const weights = history.map((r) => r.weight);
    const unique = new Set(weights).size === weights.length;
    const labels = history.map((r) => `"${unique ? '' : `${r.step}: `}${r.weight}%"`).join(', ');
    const series = (pick) => (version) => `[${history.map((r) => chartNumber(pick(r.verdict[version]))).join(', ')}]`;
    const p99 = series((s) => s?.p99Ms ?? null);
    const err = series((s) => errorRatePct(s));
    const block = (title, yLabel, data) => [
        '```mermaid',
        CHART_COLORS,
        'xychart-beta',
        `  title "${title}"`,
        `  x-axis "canary weight" [${labels}]`,
        `  y-axis "${yLabel}"`,
        `  bar ${data('stable')}`,
        `  line ${data('canary')}`,
        '```',
    ].join('\n');
    return [block('p99 latency per step', 'p99 (ms)', p99), block('Error rate per step', 'errors (%)', err)];
}
function charts(report, layout) {
    if (report.history.length === 0)
        return '';
    const { head, hidden, tail } = selectSteps(report.history, layout.maxSteps);
    const shown = [...head, ...tail];
    const note = hidden.length > 0 ? ` (the ${format_formatCount(shown.length)} steps shown above)` : '';
    return [
        `### Charts${note}`,
        '',
        'Blue bars: stable · red line: canary.',
        '',
        ...mermaidCharts(shown).join('\n\n').split('\n'),
    ].join('\n');
}
function weightsApplied(report, layout) {
    if (report.weightsApplied.length === 0)
        return '';
    const { head, hidden, tail } = selectSteps(report.weightsApplied, layout.maxSteps);
    const row = (w) => `| ${w.stable}% | ${w.canary}% | ${(0,report_escape/* escapeMarkdown */.FV)(w.at, 40)} |`;
    const lines = [
        '### VirtualService weights applied',
        '',
        `${(0,report_escape/* escapeMarkdown */.FV)(report.stableSubset, 80)} (stable) / ${(0,report_escape/* escapeMarkdown */.FV)(report.canarySubset, 80)} (canary), in order:`,
        '',
        '| Stable | Canary | At |',
        '| ---: | ---: | :--- |',
        ...head.map(row),
    ];
    if (hidden.length > 0)
        lines.push(`| ⋯ | ⋯ | **${format_formatCount(hidden.length)} updates not shown** |`, ...tail.map(row));
    return lines.join('\n');
}
const NEXT_HELP = {
    step: 'measure this weight and advance to the next one',
    promote: 'send all traffic to the canary now and finalize',
    rollback: 'send all traffic back to stable',
};
/** Inline code that its content cannot close (a longer backtick run, padded as CommonMark wants). */
function codeSpan(text) {
    const flat = (0,report_escape/* escapeTerminal */.en)(text, 300);
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    // CommonMark strips one space each side, which lets the content start or end with a backtick.
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** For a PR preview: the namespace and the ways to reach it. */
function previewSection(report) {
    const p = report.preview;
    if (!p)
        return '';
    // An external name (with a dot) is what reaches the ingress; a short name is mesh-internal.
    const host = p.hosts.find((h) => h.includes('.') && !h.includes('*')) ?? p.hosts.find((h) => !h.includes('*')) ?? null;
    const lines = [
        '### Preview environment',
        '',
        `Namespace ${codeSpan(p.namespace)}, removed when the PR closes.`,
        '',
    ];
    if (host && p.ingressUrl)
        lines.push(`- through the ingress: ${codeSpan(`curl -H 'Host: ${host}' ${p.ingressUrl}/`)}`);
    else if (host)
        lines.push(`- through your Istio ingress gateway with the Host header ${codeSpan(host)}`);
    if (p.portForward)
        lines.push(`- from your machine: ${codeSpan(`kubectl -n ${p.namespace} port-forward ${p.portForward}`)}`);
    return lines.join('\n');
}
function howToContinue(report) {
    if (report.nextCommands.length === 0)
        return '';
    const items = report.nextCommands.slice(0, 20).map((command) => {
        const verb = /\b(step|promote|rollback)\b/.exec(command)?.[1];
        const help = verb === undefined ? '' : `: ${NEXT_HELP[verb] ?? ''}`;
        return `- ${codeSpan(command)}${help}`;
    });
    return [
        '### How to continue',
        '',
        `The promotion waits at ${report.weight}%. Run the workflow again (workflow_dispatch) with one of:`,
        '',
        ...items,
    ].join('\n');
}
const STATUS_WORD = {
    promoted: 'PROMOTED',
    'rolled-back': 'ROLLED BACK',
    held: 'HELD',
    'in-progress': 'IN PROGRESS',
};
/** A compact fixed-width table for the CLI (no colours, no user-supplied escape sequences). */
function renderTerminalTable(report) {
    const title = `istio-canary: ${STATUS_WORD[report.status] ?? report.status} ` +
        `${escapeTerminal(report.namespace, 63)}/${escapeTerminal(report.virtualService, 63)} ` +
        `(canary ${report.weight}%, step ${stepReached(report)}/${report.steps.length})`;
    const head = [
        'step',
        'weight',
        'time',
        'requests s/c',
        'errors s/c',
        'p50 ms s/c',
        'p99 ms s/c',
        'Δp99',
        'verdict',
    ];
    const { head: first, hidden, tail } = selectSteps(report.history, DEFAULT_MAX_STEPS);
    const row = (r) => {
        const { stable, canary } = r.verdict;
        return [
            String(r.step),
            `${r.weight}%`,
            formatDuration(r.verdict.durationMs),
            `${formatCount(stable?.requests)}/${formatCount(canary?.requests)}`,
            `${formatCount(stable?.errors)}/${formatCount(canary?.errors)}`,
            `${formatMs(stable?.p50Ms)}/${formatMs(canary?.p50Ms)}`,
            `${formatMs(stable?.p99Ms)}/${formatMs(canary?.p99Ms)}`,
            formatDelta(stable?.p99Ms, canary?.p99Ms) || DASH,
            escapeTerminal(r.verdict.outcome, 14),
        ];
    };
    const rows = [...first, ...tail].map(row);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    const out = [title, line(head), ...rows.slice(0, first.length).map(line)];
    if (hidden.length > 0)
        out.push(`  … ${formatCount(hidden.length)} steps not shown (in the report JSON) …`, ...rows.slice(first.length).map(line));
    if (report.history.length === 0)
        out.push('(no step measured yet)');
    if (report.reason !== null && report.reason !== '')
        out.push(`why: ${escapeTerminal(report.reason, 300)}`);
    const last = report.history.at(-1);
    for (const r of last?.verdict.reasons.filter((c) => !c.ok) ?? [])
        out.push(`  - ${escapeTerminal(r.message, 200)}`);
    for (const c of report.nextCommands)
        out.push(`next: ${escapeTerminal(c, 300)}`);
    if (report.run.runUrl !== null)
        out.push(`run: ${escapeTerminal(report.run.runUrl, 300)}`);
    return `${out.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/summary.ts



const READ_ONLY_WARNING = 'The github-token cannot write PR comments (read-only token: fork PR, Dependabot or restricted permissions); ' +
    'the report is in the job summary instead.';
function createReporter(options, deps) {
    const { logger } = deps;
    let sticky;
    let warnedReadOnly = false;
    let lastUrl = null;
    const stickyFor = (report) => {
        if (sticky !== undefined)
            return sticky;
        if (options.githubToken === null || options.githubToken === '') {
            logger.info('No github-token: the report goes to the job summary only.');
            sticky = null;
            return sticky;
        }
        const client = new github/* GithubClient */.ty({
            ...deps.client,
            apiUrl: options.github.apiUrl,
            token: options.githubToken,
        });
        sticky = new github/* StickyComment */.HU({
            client,
            github: options.github,
            prNumber: options.prNumber,
            marker: (0,github/* stickyMarker */.YL)(report.namespace, report.virtualService, options.github.workflow),
            logger,
        });
        return sticky;
    };
    const comment = async (report, phase) => {
        const action = (0,github/* commentAction */.yE)(options.comment, report, phase);
        if (action === 'skip')
            return lastUrl;
        const target = stickyFor(report);
        if (target === null)
            return null;
        const markdown = renderReport(report, { maxChars: GITHUB_COMMENT_LIMIT - target.markerText.length - 1 });
        try {
            const result = await target.post(markdown, action);
            switch (result.kind) {
                case 'posted':
                    lastUrl = result.url;
                    if (result.created)
                        logger.info(`Created the PR comment ${result.url}`);
                    break;
                case 'read-only':
                    if (!warnedReadOnly)
                        logger.warning(READ_ONLY_WARNING);
                    warnedReadOnly = true;
                    break;
                case 'skipped':
                    logger.info(`PR comment skipped: ${result.why}.`);
                    break;
            }
        }
        catch (error) {
            logger.warning(`Could not update the PR comment: ${error instanceof Error ? error.message : String(error)}`);
        }
        return lastUrl;
    };
    return {
        async progress(report) {
            await comment(report, 'progress');
        },
        async final(report) {
            const commentUrl = await comment(report, 'final');
            let reportJsonPath = null;
            try {
                reportJsonPath = await writeReportJson(report, options.github.tempDir);
            }
            catch (error) {
                logger.warning(`Could not write the report JSON: ${error instanceof Error ? error.message : String(error)}`);
            }
            try {
                // The summary allows 1 MiB; the comment-sized rendering keeps it readable.
                await deps.summary.write(renderReport(report));
            }
            catch (error) {
                logger.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
            }
            deps.setOutput('status', report.status);
            deps.setOutput('weight', String(report.weight));
            deps.setOutput('step', String(report.step));
            deps.setOutput('report-json', reportJsonPath ?? '');
            deps.setOutput('comment-url', commentUrl ?? '');
            return { commentUrl, reportJsonPath };
        },
    };
}


/***/ })

};
