export const id = 670;
export const ids = [670];
export const modules = {

/***/ 14350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   Wg: () => (/* binding */ NOT_ONE_LINE),
/* harmony export */   hN: () => (/* binding */ escapeControl)
/* harmony export */ });
// Untrusted text quoted inside one of our messages, as one line (issue 12 item 11): a name,
// host or image from the cluster or the manifests, a server's error message or body, a network
// error. Without it, a route named "x\nstatus=promoted" prints a line that passes for ours. No
// imports: the pure modules (plan, kube errors) use it without loading anything. src/redact.ts
// re-exports it next to the emission side (neutraliseLog, the continuation marker).
// Everything oneLine() spells out: all C0 controls (\t and \n too), DEL, C1, the line and
// paragraph separators, and the bidirectional overrides and isolates (they reorder what a
// reader sees around them).
// eslint-disable-next-line no-control-regex
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** One control character as `\x1b` (up to U+00FF) or `\u2028`. */
function escapeControl(ch) {
    const code = ch.charCodeAt(0);
    return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
}
/**
 * Untrusted text (a name, host or image from the cluster or the manifests, a server's error
 * message or body, a network error) as one line, to quote inside a message we write: line breaks
 * of every kind (\n, \r, U+0085, U+2028, U+2029) and other control and bidi characters become
 * visible escapes (`\n`, `\r`, `\t`, `\x1b`, `\u2028`), so the text can neither start a line of
 * its own in the log nor hide what follows it. Backslashes are kept as they are.
 */
function oneLine(text) {
    return text.replace(NOT_ONE_LINE, (ch) => SHORT_ESCAPES[ch] ?? escapeControl(ch));
}


/***/ }),

/***/ 76670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   O3: () => (/* binding */ secrets),
/* harmony export */   Sc: () => (/* binding */ inputSecrets),
/* harmony export */   hT: () => (/* binding */ kubeconfigSecrets),
/* harmony export */   hn: () => (/* binding */ authHeaderSecrets),
/* harmony export */   jr: () => (/* binding */ showUrl),
/* harmony export */   oA: () => (/* binding */ isSecretParam),
/* harmony export */   pO: () => (/* binding */ Redactor),
/* harmony export */   safeLogText: () => (/* binding */ safeLogText)
/* harmony export */ });
/* unused harmony exports MIN_SECRET_LENGTH, REDACTED, secretForms, CONTINUATION, neutraliseLog, markContinuations, safeBlockText, isCommandLine */
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33243);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _report_escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(14031);
// The one place that decides what text may leave the process: secret values are redacted
// (`***`) and text for the job log is neutralised so that it can never be read as a workflow
// command. Every sink (the action's and the CLI's logger, print and outputs, the job summary,
// the PR comment, the report JSON, setFailed) goes through these functions; nothing else
// escapes for the log.
//
// How the runner finds commands (actions/runner, src/Runner.Common/ActionCommand.cs and
// src/Runner.Worker/ActionCommandManager.cs, read for this module): each line of a step's
// output (split on \n, \r and \r\n) is tried as
//   - a v2 command: `message.TrimStart()` (.NET whitespace) then `StartsWith("::")`, the
//     command name up to the next `::`, matched case-insensitively against the registered
//     commands (error, warning, add-mask, stop-commands, group, set-output, save-state, ...);
//   - a v1 command: `message.IndexOf("##[")` ANYWHERE in the line, then a registered name up
//     to `]`.
// So a line is inert when, after leading whitespace, it does not start with `::` and it holds
// no `##[`, and when no carriage return or other control character can start a new line
// inside it. core.warning/error/debug/startGroup already %-escape \r, \n and % in their data
// (and `:`/`,` in properties), so what they issue stays one line; core.info writes raw text.




/** Shorter values are not redacted: masking `ab` everywhere would destroy the text. */
const MIN_SECRET_LENGTH = 4;
/**
 * A token-like secret (no whitespace, letters and digits) from this length has its cut-off
 * beginning or end redacted too: an error body sliced to 200 characters may end inside it.
 * At least half of it, and 12 characters, must match, so ordinary words are never hit.
 */
const PARTIAL_FROM = 16;
const PARTIAL_MIN = 12;
function partialKeyLength(secret) {
    if (secret.length < PARTIAL_FROM || /\s/.test(secret))
        return null;
    const k = Math.max(PARTIAL_MIN, Math.ceil(secret.length / 2));
    const tokenLike = (part) => /[A-Za-z]/.test(part) && /[0-9]/.test(part);
    return tokenLike(secret.slice(0, k)) && tokenLike(secret.slice(-k)) ? k : null;
}
const REDACTED = '***';
/** One value as it may appear in text we emit: as is, JSON-escaped, URL-encoded, markdown-escaped, line by line. */
function secretForms(value) {
    const forms = new Set();
    const add = (v) => {
        if (v.length >= MIN_SECRET_LENGTH)
            forms.add(v);
    };
    const v = value.trim();
    add(v);
    add(JSON.stringify(v).slice(1, -1));
    add(encodeURIComponent(v));
    add((0,_report_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeMarkdown */ .FV)(v, Number.MAX_SAFE_INTEGER));
    // A PEM key's body lines are secret one by one (a log may show one line); its armour
    // (`-----BEGIN ... KEY-----`) is not. Other multi-line values (a kubeconfig) are masked whole
    // and by their secret fields: their ordinary lines (`apiVersion: v1`) must stay readable.
    let inPem = false;
    for (const line of v.split(/\r?\n|\r/)) {
        const t = line.trim();
        if (/^-----BEGIN [A-Z0-9 ]+-----$/.test(t))
            inPem = true;
        else if (/^-----END [A-Z0-9 ]+-----$/.test(t))
            inPem = false;
        // PEM headers (`Proc-Type: 4,ENCRYPTED`) are not secret either.
        else if (inPem && !/^[A-Za-z-]+: /.test(t))
            add(t);
    }
    return [...forms];
}
/**
 * The list of secret values of this process, like the runner's mask list: values are added
 * once (from the inputs at start, from a created cluster's kubeconfig later) and every text
 * leaving the process is passed through redact().
 */
class Redactor {
    values = new Set();
    sorted = [];
    /** Adds a value and its encoded forms; returns the forms that were new (each one to mask in the runner). */
    add(value) {
        const fresh = secretForms(value).filter((f) => !this.values.has(f));
        for (const f of fresh)
            this.values.add(f);
        if (fresh.length > 0)
            this.sorted = [...this.values].sort((a, b) => b.length - a.length);
        return fresh;
    }
    get size() {
        return this.values.size;
    }
    /** The text with every secret (and a long secret's cut-off start or end) replaced by `***`. */
    redact(text) {
        if (this.sorted.length === 0 || text.length < MIN_SECRET_LENGTH)
            return text;
        const spans = [];
        for (const s of this.sorted) {
            const partial = partialKeyLength(s);
            const keyLength = partial ?? s.length;
            // Forwards from the secret's beginning (the whole value, or its start cut by a slice).
            const head = s.slice(0, keyLength);
            for (let i = text.indexOf(head); i !== -1;) {
                let end = i + head.length;
                while (end - i < s.length && text[end] === s[end - i])
                    end++;
                spans.push([i, end]);
                i = text.indexOf(head, end);
            }
            if (partial === null)
                continue;
            // Backwards from its end (a text that starts in the middle of the secret).
            const tail = s.slice(-keyLength);
            for (let i = text.indexOf(tail); i !== -1; i = text.indexOf(tail, i + tail.length)) {
                let start = i;
                let at = s.length - tail.length; // the index in s that text[start] matches
                while (at > 0 && start > 0 && text[start - 1] === s[at - 1]) {
                    start--;
                    at--;
                }
                spans.push([start, i + tail.length]);
            }
        }
        if (spans.length === 0)
            return text;
        spans.sort((a, b) => a[0] - b[0]);
        let out = '';
        let at = 0;
        let open = null;
        for (const span of spans) {
            if (open && span[0] <= open[1])
                open[1] = Math.max(open[1], span[1]);
            else {
                if (open) {
                    out += text.slice(at, open[0]) + REDACTED;
                    at = open[1];
                }
                open = [span[0], span[1]];
            }
        }
        if (open)
            out += text.slice(at, open[0]) + REDACTED + text.slice(open[1]);
        return out;
    }
    /** A copy of a JSON-like value (a report) with every string redacted; keys are kept. */
    redactDeep(value) {
        if (typeof value === 'string')
            return this.redact(value);
        if (Array.isArray(value))
            return value.map((v) => this.redactDeep(v));
        if (value !== null && typeof value === 'object') {
            const out = {};
            for (const [k, v] of Object.entries(value))
                out[k] = this.redactDeep(v);
            return out;
        }
        return value;
    }
}
/** This process's secrets (as the runner keeps one mask list per job). Fed through Io.setSecret. */
const secrets = new Redactor();
/** Redacts with this process's secrets. */
function redact(text) {
    return secrets.redact(text);
}
// ---- Which values are secret --------------------------------------------------------------
function decodeBase64(text) {
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text))
        return null;
    const decoded = Buffer.from(text, 'base64').toString('utf8');
    // Only text that round-trips is a real encoding (not a token that happens to look like base64).
    return decoded.includes('\uFFFD') ? null : decoded;
}
/**
 * An Authorization header value (prometheus-auth): the whole value, the credential after the
 * scheme (`Bearer <token>`, `Basic <base64>`), and for Basic the decoded `user:password` and the
 * password alone.
 */
function authHeaderSecrets(header) {
    const value = header.trim();
    const out = [value];
    const m = /^([A-Za-z][A-Za-z0-9._~+-]*)\s+(.+)$/.exec(value);
    if (!m)
        return out;
    const credential = m[2].trim();
    out.push(credential);
    if (m[1].toLowerCase() === 'basic') {
        const decoded = decodeBase64(credential);
        if (decoded !== null) {
            out.push(decoded);
            const colon = decoded.indexOf(':');
            if (colon !== -1)
                out.push(decoded.slice(colon + 1));
        }
    }
    return out;
}
/**
 * Query parameter names whose values are credentials: tokens, keys, passwords, signatures,
 * sessions, and the signed-URL families (`X-Amz-*`, `X-Goog-*`). Matched on the whole name,
 * ignoring case and `-`/`_`, and on name parts (`grafana_token`, `sessionid`).
 */
const SECRET_PARAM = /^(x-(amz|goog)-.*|.*(token|secret|passw(or)?d|passwd|apikey|api[-_]?key|access[-_]?key|private[-_]?key|credential|signature|session|auth|cookie|jwt|bearer).*|key|pass|pwd|sig)$/i;
/** Whether a query parameter of a URL input holds a credential (its value is then a secret). */
function isSecretParam(name) {
    return SECRET_PARAM.test(name.trim());
}
function parseUrlText(url) {
    try {
        return new URL(url.trim());
    }
    catch {
        return null;
    }
}
function decoded(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** The `name=value` pairs of a query or fragment, as written (`+` and %XX not decoded). */
function rawPairs(part) {
    return part.split('&').map((text) => {
        const eq = text.indexOf('=');
        return eq <= 0
            ? { name: '', value: '', text }
            : { name: decoded(text.slice(0, eq).replace(/\+/g, ' ')), value: text.slice(eq + 1), text };
    });
}
/**
 * The credentials a URL input carries, as written and decoded: the userinfo's password (or its
 * user name when there is no password: `https://<token>@host`), and the value of every query
 * (or fragment) parameter whose name looks secret (isSecretParam: `?access_token=…`,
 * `X-Amz-Signature=…`).
 */
function urlSecrets(url) {
    const u = parseUrlText(url);
    if (u === null)
        return [];
    const out = [];
    const secretUser = u.password !== '' ? u.password : u.username;
    if (secretUser !== '')
        out.push(secretUser, decoded(secretUser));
    for (const part of [u.search, u.hash])
        for (const { name, value } of rawPairs(part.slice(1)))
            if (value !== '' && isSecretParam(name))
                out.push(value, decoded(value.replace(/\+/g, ' ')));
    return [...new Set(out)];
}
/**
 * A URL as it may be shown: its text as written, with the userinfo as `***@` and the value of
 * every secret-looking query or fragment parameter as `***` (isSecretParam). Works on text that
 * does not parse as well. The one way a URL input is printed (logs, errors, reports).
 */
function showUrl(url) {
    const text = String(url);
    const mask = (part) => rawPairs(part)
        .map(({ name, value, text: pair }) => value !== '' && isSecretParam(name) ? `${pair.slice(0, pair.indexOf('=') + 1)}${REDACTED}` : pair)
        .join('&');
    // The authority ends at the first `/`, `?` or `#`; its userinfo at its last `@` (as the URL parser reads it).
    const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)?([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(text);
    if (m === null)
        return text.replace(/\?([^#]*)/, (_all, q) => `?${mask(q)}`);
    const [, scheme, userinfo, rest, query, fragment] = m;
    return `${scheme}${userinfo ? `${REDACTED}@` : ''}${rest}${query ? `?${mask(query.slice(1))}` : ''}${fragment ? `#${mask(fragment.slice(1))}` : ''}`;
}
const SECRET_KEY = /token|secret|password|passwd|key-data|credential|apikey|api-key/i;
/** Every string under a secret-looking key, at any depth (auth-provider config, exec env). */
function secretStrings(node, keyIsSecret, out) {
    if (typeof node === 'string') {
        if (keyIsSecret)
            out.push(node);
        return;
    }
    if (Array.isArray(node)) {
        for (const item of node)
            secretStrings(item, keyIsSecret, out);
        return;
    }
    if (node === null || typeof node !== 'object')
        return;
    const record = node;
    // exec env entries: { name: AWS_SECRET_ACCESS_KEY, value: ... }
    if (typeof record.name === 'string' && typeof record.value === 'string' && SECRET_KEY.test(record.name))
        out.push(record.value);
    for (const [key, value] of Object.entries(record))
        secretStrings(value, keyIsSecret || SECRET_KEY.test(key), out);
}
/**
 * The secrets of a kubeconfig: users[].user.token, password, client-key-data (and its decoded
 * PEM), auth-provider and exec tokens and secrets (`--token=...` arguments too), and passwords
 * in server or proxy URLs. Text that is not YAML gives nothing (the settings name that error).
 */
function kubeconfigSecrets(kubeconfig) {
    let doc;
    try {
        doc = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .load */ .Hh)(kubeconfig);
    }
    catch {
        return [];
    }
    if (doc === null || typeof doc !== 'object')
        return [];
    const config = doc;
    const out = [];
    for (const entry of Array.isArray(config.users) ? config.users : []) {
        const user = entry?.user;
        if (user === null || typeof user !== 'object')
            continue;
        secretStrings(user, false, out);
        const args = user.exec?.args;
        if (Array.isArray(args))
            args.forEach((arg, i) => {
                if (typeof arg !== 'string')
                    return;
                const flag = /^--?([\w-]+)=(.+)$/.exec(arg);
                if (flag && SECRET_KEY.test(flag[1]))
                    out.push(flag[2]);
                const next = args[i + 1];
                if (/^--?[\w-]+$/.test(arg) && SECRET_KEY.test(arg) && typeof next === 'string')
                    out.push(next);
            });
    }
    for (const entry of Array.isArray(config.clusters) ? config.clusters : []) {
        const cluster = entry?.cluster;
        for (const key of ['server', 'proxy-url'])
            if (typeof cluster?.[key] === 'string')
                out.push(...urlSecrets(cluster[key]));
    }
    // client-key-data is base64 of a PEM key: its lines are secret as well.
    for (const value of [...out]) {
        const decoded = value.length > 40 ? decodeBase64(value.replace(/\s+/g, '')) : null;
        if (decoded !== null && decoded.includes('-----BEGIN'))
            out.push(decoded);
    }
    return out.filter((v) => v.trim().length >= MIN_SECRET_LENGTH);
}
/** The secret values one secret input holds (by the contract's input name). */
function inputSecrets(name, value) {
    const v = value.trim();
    if (v === '')
        return [];
    switch (name) {
        case 'prometheus-auth':
            return authHeaderSecrets(v);
        case 'kubeconfig':
            return [v, ...kubeconfigSecrets(v)];
        default:
            return [v];
    }
}
// ---- Text for the job log --------------------------------------------------------------------
// C0 controls but \t and \n, DEL, C1 controls (U+0085 is a line break to .NET), and the Unicode
// line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
// .NET's TrimStart() trims Char.IsWhiteSpace: Unicode spaces (all in JS \s) and \t..\r, U+0085.
const COMMAND_START = /^([\s\u0085]*):(?=:)/;
const ZERO_WIDTH_SPACE = '\u200B';
/**
 * What starts every line of a logged message after its first: a line break that reaches the
 * log (our own multi-line messages, or one that escaped oneLine()) can then never start a line
 * that passes for one of ours (`status=promoted`, `weight=100`, `error: ...`).
 */
const CONTINUATION = '  | ';
/**
 * Text the runner reads as plain log lines: control characters (ESC, CR, ...) become visible
 * `\x1b` escapes, a line starting with `::` (after whitespace) gets a zero-width space between
 * the colons, and `##[` gets one between the hashes. What a reader sees is unchanged.
 */
function neutraliseLog(text) {
    return text
        .replace(/\r\n/g, '\n')
        .replace(CONTROL, _one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeControl */ .hN)
        .split('\n')
        .map((line) => line.replace(COMMAND_START, `$1:${ZERO_WIDTH_SPACE}`).replaceAll('##[', `#${ZERO_WIDTH_SPACE}#[`))
        .join('\n');
}
/** Every line after the first starts with CONTINUATION (an empty one is the bare marker). */
function markContinuations(text) {
    return text
        .split('\n')
        .map((line, i) => (i === 0 ? line : line === '' ? CONTINUATION.trimEnd() : CONTINUATION + line))
        .join('\n');
}
/**
 * One message for the job log or a terminal (logger, warnings, errors, setFailed): secrets
 * redacted, neutralised, and every line after the first marked as a continuation.
 */
function safeLogText(text) {
    return markContinuations(neutraliseLog(redact(text)));
}
/**
 * A multi-line document we compose ourselves (the dry-run plan on stdout): redacted and
 * neutralised, lines kept as they are. Untrusted values in it must be quoted with oneLine().
 */
function safeBlockText(text) {
    return neutraliseLog(redact(text));
}
/** Whether a log line could be read by the runner as a workflow command (for tests and checks). */
function isCommandLine(line) {
    return /^[\s\u0085]*::/.test(line) || line.includes('##[');
}


/***/ }),

/***/ 14031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   en: () => (/* binding */ escapeTerminal),
/* harmony export */   fr: () => (/* binding */ escapeMarkerPart)
/* harmony export */ });
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14350);
// Escaping of user-controlled text (names, images, reasons, workflow names) for the places
// the report puts it: GitHub-flavoured markdown (incl. table cells), HTML comments, URLs and
// terminals. Pure functions.

const MAX_TEXT = 300;
const LINE_BREAKING_RUNS = new RegExp(`${_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .NOT_ONE_LINE */ .Wg.source}+`, 'g');
/**
 * Collapses control characters, line separators and bidi overrides to a space, so one value can
 * neither start a new markdown block nor reorder what a reader sees around it, then cuts it to
 * max. (Log text keeps them visible instead: src/one-line.ts.)
 */
function flatten(text, max = MAX_TEXT) {
    const flat = text.replace(LINE_BREAKING_RUNS, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
/**
 * Text safe inline in GitHub markdown, including inside a table cell: HTML is inert (`<script>`
 * becomes `&lt;script&gt;`), markdown syntax is literal, `|` cannot split a cell, `@user` and
 * `@org/team` do not ping (a zero-width space after `@`, as Renovate does), `$` starts no math.
 */
function escapeMarkdown(text, max = MAX_TEXT) {
    let out = '';
    for (const ch of flatten(text, max)) {
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
    return flatten(text, max);
}


/***/ })

};
