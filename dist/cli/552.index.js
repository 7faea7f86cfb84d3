export const id = 552;
export const ids = [552];
export const modules = {

/***/ 49369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bd: () => (/* binding */ specSecrets),
/* harmony export */   MJ: () => (/* binding */ parseGates),
/* harmony export */   l7: () => (/* binding */ describeGate),
/* harmony export */   og: () => (/* binding */ gatesOf),
/* harmony export */   z4: () => (/* binding */ gateSecrets)
/* harmony export */ });
/* unused harmony exports GATE_PHASES, MAX_GATES, MAX_GATES_TEXT, COMMAND_TIMEOUT, WEBHOOK_TIMEOUT, WEBHOOK_RETRIES, isSecretHeader */
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33243);
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50926);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76670);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69313);
// The `gates` input parsed (pure, light: settings.ts loads it). A gate is a command run in the
// job (an argv list, no shell) or a webhook (a JSON POST) that must pass before the canary's
// weight rises: `pre-rollout` before its first traffic, `pre-step` before every later
// increase. Flagger's webhook fields (`type`, `url`, `timeout`, `metadata`) are read too, so a
// Flagger canary's hooks move over as they are; its hook types that have no meaning here
// (a manual confirm, a post-rollout notification) are refused, naming what is accepted.
// Hand-written: the input is a small YAML list, validated field by field with messages that
// name the gate and the field; a schema library would name JSON pointers instead.




const GATE_PHASES = ['pre-rollout', 'pre-step'];
const MAX_GATES = 20;
const MAX_GATES_TEXT = 64 * 1024;
const COMMAND_TIMEOUT = { defaultMs: 600_000, minMs: 1000, maxMs: 6 * 3_600_000 };
const WEBHOOK_TIMEOUT = { defaultMs: 30_000, minMs: 1000, maxMs: 600_000 };
const WEBHOOK_RETRIES = { default: 2, max: 10 };
const KEYS = ['name', 'when', 'type', 'run', 'webhook', 'url', 'timeout', 'retries', 'headers', 'metadata'];
const NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client sets itself: a gate may not replace them. */
const RESERVED_HEADERS = ['host', 'content-length', 'content-type', 'transfer-encoding', 'connection'];
/** Flagger's hook types with no counterpart here, and what to use instead. */
const FLAGGER_TYPES = {
    rollout: "Flagger's `rollout` runs during each analysis; here a gate runs before the weight rises: use `when: pre-step` (or a check)",
    'confirm-rollout': "Flagger's `confirm-rollout` waits for an approval; a gate here fails instead of waiting: use `when: pre-rollout`, or `command: step` to advance by hand",
    'confirm-traffic-increase': "Flagger's `confirm-traffic-increase` waits for an approval; a gate here fails instead of waiting: use `when: pre-step`, or `command: step` to advance by hand",
    'confirm-promotion': "Flagger's `confirm-promotion` waits for an approval: use `command: step` and `command: promote` to decide by hand",
    'post-rollout': "Flagger's `post-rollout` is a notification: run a later workflow step on this action's `status` output",
    rollback: "Flagger's `rollback` hook is not read: run `command: rollback` from your workflow to roll back",
    event: "Flagger's `event` hook is not sent: the PR comment and the report JSON carry every step",
};
const ACCEPTED_WHEN = `${GATE_PHASES.join(' or ')} (or a list of both)`;
function fail(gate, field, message) {
    throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has gate ${gate}${field ? ` with ${field} that ${message}` : ` that ${message}`}`);
}
/** A value for a message: one line, at most 60 characters. */
function shown(v) {
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
    const one = text.replace(/[\r\n\t]+/g, ' ');
    return JSON.stringify(one.length > 60 ? `${one.slice(0, 57)}...` : one);
}
function parseWhen(gate, field, v) {
    const items = Array.isArray(v) ? v : [v];
    if (items.length === 0)
        fail(gate, field, `is an empty list; accepted: ${ACCEPTED_WHEN}`);
    const out = [];
    for (const item of items) {
        if (typeof item !== 'string')
            fail(gate, field, `is ${shown(item)}, not a word; accepted: ${ACCEPTED_WHEN}`);
        const t = item.trim();
        if (GATE_PHASES.includes(t)) {
            if (!out.includes(t))
                out.push(t);
            continue;
        }
        const flagger = FLAGGER_TYPES[t];
        fail(gate, field, `is ${shown(t)}, not accepted (${ACCEPTED_WHEN})${flagger ? `: ${flagger}` : ''}`);
    }
    return out;
}
function parseDurationField(gate, v, bounds) {
    if (typeof v !== 'string' && typeof v !== 'number')
        fail(gate, 'timeout', `is ${shown(v)}, not a duration such as 30s or 5m`);
    try {
        return (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDurationBetween */ .GE)(bounds.minMs, bounds.maxMs)(String(v));
    }
    catch (e) {
        const why = e instanceof _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x ? e.message : String(e);
        return fail(gate, 'timeout', `${shown(v)} ${why}; accepted: a duration from ${(0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(bounds.minMs)} to ${(0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(bounds.maxMs)}`);
    }
}
function stringMap(gate, field, v, secret) {
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(v))
        fail(gate, field, `is ${secret ? 'not' : `${shown(v)}, not`} a map of names to strings`);
    const out = {};
    for (const [k, value] of Object.entries(v)) {
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
            fail(gate, `${field}.${k}`, 'is not a string');
        const text = String(value);
        // A header value is never repeated in a message: it may be a credential.
        const c = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .controlCharacter */ .TL)(text);
        if (c)
            fail(gate, `${field}.${k}`, `has ${c}, which a ${secret ? 'header' : 'metadata'} value may not have`);
        if (text.length > 8192)
            fail(gate, `${field}.${k}`, `is ${text.length} characters long; at most 8192`);
        out[k] = text;
    }
    return out;
}
function parseHeaders(gate, v) {
    const headers = stringMap(gate, 'headers', v, true);
    const seen = new Set();
    for (const name of Object.keys(headers)) {
        if (!HEADER_NAME.test(name))
            fail(gate, 'headers', `has ${shown(name)}, which is not an HTTP header name`);
        const lower = name.toLowerCase();
        if (RESERVED_HEADERS.includes(lower))
            fail(gate, 'headers', `sets ${name}, which the client sets itself (not accepted: ${RESERVED_HEADERS.join(', ')})`);
        if (seen.has(lower))
            fail(gate, 'headers', `sets ${name} twice (header names ignore case)`);
        seen.add(lower);
    }
    return headers;
}
function parseRun(gate, v) {
    if (typeof v === 'string')
        fail(gate, 'run', `is the string ${shown(v)}, not an argv list: no shell is used, write a list such as [npm, test] (or [bash, -c, "..."] for a shell line)`);
    if (!Array.isArray(v) || v.length === 0)
        fail(gate, 'run', 'is not a non-empty list of strings (argv), such as [npm, test]');
    return v.map((arg, i) => {
        if (typeof arg !== 'string' && typeof arg !== 'number')
            fail(gate, `run[${i}]`, `is ${shown(arg)}, not a string`);
        const text = String(arg);
        if (i === 0 && text.trim() === '')
            fail(gate, 'run[0]', 'is empty: it names the program to run');
        if (text.includes('\0'))
            fail(gate, `run[${i}]`, 'has a NUL character');
        if (text.length > 32_768)
            fail(gate, `run[${i}]`, `is ${text.length} characters long; at most 32768`);
        return text;
    });
}
function parseWebhookUrl(gate, field, v) {
    if (typeof v !== 'string')
        fail(gate, field, `is ${shown(v)}, not an http(s) URL`);
    let url;
    try {
        url = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .parseUrl */ .Dl)(v);
    }
    catch (e) {
        return fail(gate, field, `${JSON.stringify((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .showUrl */ .jr)(v.trim()))} ${e.message}; accepted: an http or https URL`);
    }
    const u = new URL(url);
    if (u.username || u.password)
        fail(gate, field, `${JSON.stringify((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .showUrl */ .jr)(url))} has credentials (user:password@), which are not sent from a URL: put them in headers, e.g. Authorization: Basic <base64 of user:password>`);
    return url;
}
function parseRetries(gate, v) {
    const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > WEBHOOK_RETRIES.max)
        fail(gate, 'retries', `is ${shown(v)}; accepted: a whole number from 0 to ${WEBHOOK_RETRIES.max}`);
    return n;
}
function parseGate(item, index, names) {
    const where = `#${index + 1}`;
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(item))
        fail(where, null, `is ${shown(item)}, not a map such as {name: smoke, when: pre-rollout, run: [npm, test]}`);
    const rawName = item.name;
    if (typeof rawName !== 'string' && typeof rawName !== 'number')
        fail(where, 'name', 'is missing (every gate has a name)');
    const name = String(rawName).trim();
    if (!NAME.test(name))
        fail(where, 'name', `${shown(name)} is not accepted: letters, digits, '.', '_' and '-', at most 63, starting and ending with a letter or digit`);
    if (names.has(name))
        fail(name, 'name', 'is used by another gate: gate names are unique');
    names.add(name);
    const unknown = Object.keys(item).filter((k) => !KEYS.includes(k));
    if (unknown.length)
        fail(name, null, `has unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => shown(k)).join(', ')}; accepted: ${KEYS.join(', ')}`);
    for (const [a, b] of [
        ['when', 'type'],
        ['webhook', 'url'],
    ])
        if (item[a] !== undefined && item[b] !== undefined)
            fail(name, null, `has both ${a} and ${b} (${b} is Flagger's name for ${a}): give one`);
    const whenField = item.when !== undefined ? 'when' : 'type';
    const whenValue = item.when ?? item.type;
    if (whenValue === undefined)
        fail(name, 'when', `is missing; accepted: ${ACCEPTED_WHEN} (a Flagger webhook without type is a \`rollout\` hook, run during analysis: here use pre-step)`);
    const when = parseWhen(name, whenField, whenValue);
    const urlField = item.webhook !== undefined ? 'webhook' : 'url';
    const urlValue = item.webhook ?? item.url;
    if (item.run !== undefined && urlValue !== undefined)
        fail(name, null, `has both run and ${urlField}: a gate is a command (run) or a webhook, not both`);
    if (item.run === undefined && urlValue === undefined)
        fail(name, null, 'has neither run (an argv list) nor webhook (an http(s) URL): give one');
    if (item.run !== undefined) {
        for (const k of ['retries', 'headers', 'metadata'])
            if (item[k] !== undefined)
                fail(name, k, `is only for webhooks; a command gate runs once (retry inside the command if you need to)`);
        return {
            kind: 'command',
            name,
            when,
            run: parseRun(name, item.run),
            timeoutMs: item.timeout === undefined
                ? COMMAND_TIMEOUT.defaultMs
                : parseDurationField(name, item.timeout, COMMAND_TIMEOUT),
        };
    }
    return {
        kind: 'webhook',
        name,
        when,
        webhook: parseWebhookUrl(name, urlField, urlValue),
        timeoutMs: item.timeout === undefined
            ? WEBHOOK_TIMEOUT.defaultMs
            : parseDurationField(name, item.timeout, WEBHOOK_TIMEOUT),
        retries: item.retries === undefined ? WEBHOOK_RETRIES.default : parseRetries(name, item.retries),
        headers: item.headers === undefined ? {} : parseHeaders(name, item.headers),
        metadata: item.metadata === undefined ? {} : stringMap(name, 'metadata', item.metadata, false),
    };
}
/**
 * The gates input: a YAML list of `{name, when, run}` or `{name, when, webhook, timeout,
 * retries, headers, metadata}` (Flagger's `type` and `url` read as `when` and `webhook`).
 * Throws InvalidValueError naming the gate and the field; a header value is never repeated.
 */
function parseGates(raw) {
    (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .atMost */ .Tu)(raw, MAX_GATES_TEXT, 'the gates input');
    if (raw.trim() === '')
        return [];
    let doc;
    try {
        doc = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .load */ .Hh)(raw);
    }
    catch (e) {
        const m = e ?? {};
        const line = typeof m.mark?.line === 'number' ? ` at line ${m.mark.line + 1}` : '';
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`is not YAML${line}${typeof m.reason === 'string' ? ` (${m.reason})` : ''}`);
    }
    if (doc === null || doc === undefined)
        return [];
    if (!Array.isArray(doc))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x('is not a YAML list of gates (each item `- name: ..., when: ..., run: [...]` or `webhook: URL`)');
    if (doc.length > MAX_GATES)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has ${doc.length} gates; at most ${MAX_GATES}`);
    const names = new Set();
    return doc.map((item, i) => parseGate(item, i, names));
}
/**
 * The secret values a gates input holds, read leniently (also from an input that does not
 * parse): the values of secret-looking headers (Authorization, Cookie, X-Api-Key, *token*,
 * ...; an Authorization's credential alone too) and a webhook URL's credentials. main.ts
 * masks them (io.setSecret) before the input is parsed, as it does prometheus-auth; the gate
 * runner registers them with the Redactor again before a gate runs.
 */
function gateSecrets(raw) {
    let doc;
    try {
        doc = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .load */ .Hh)(raw);
    }
    catch {
        return [];
    }
    return Array.isArray(doc) ? unique(doc.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G).flatMap(itemSecrets)) : [];
}
/** The secret values of one parsed gate (its headers' and its URL's). */
function specSecrets(gate) {
    return gate.kind === 'webhook' ? unique(itemSecrets({ webhook: gate.webhook, headers: gate.headers })) : [];
}
const unique = (values) => [
    ...new Set(values.map((s) => s.trim()).filter((s) => s !== '')),
];
function itemSecrets(item) {
    const out = [];
    for (const key of ['webhook', 'url'])
        if (typeof item[key] === 'string')
            out.push(...(0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .urlSecrets */ .Fn)(item[key]));
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(item.headers))
        return out;
    for (const [name, value] of Object.entries(item.headers)) {
        if (typeof value !== 'string' && typeof value !== 'number')
            continue;
        if (!isSecretHeader(name))
            continue;
        out.push(...(/authorization/i.test(name) ? (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .authHeaderSecrets */ .hn)(String(value)) : [String(value)]));
    }
    return out;
}
/** Authorization, Proxy-Authorization, Cookie, and names that look secret (X-Api-Key, X-Gitlab-Token, ...). */
function isSecretHeader(name) {
    return /^(proxy-)?authorization$|cookie/i.test(name) || (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .isSecretParam */ .oA)(name);
}
/** The gates of one phase, in the order given. */
function gatesOf(gates, phase) {
    return gates.filter((g) => g.when.includes(phase));
}
/** How a gate is named in the log and the dry run: `smoke (npm test)` or `notify (POST https://...)`. */
function describeGate(g) {
    if (g.kind === 'command') {
        const argv = g.run.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
        return `${g.name} (${argv.length > 200 ? `${argv.slice(0, 197)}...` : argv})`;
    }
    return `${g.name} (POST ${(0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .showUrl */ .jr)(g.webhook)})`;
}


/***/ }),

/***/ 31671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ gitPrSettingsProblems),
/* harmony export */   V: () => (/* binding */ GIT_PR_PERMISSIONS)
/* harmony export */ });
/** The permissions a job's token needs to push the branch and open the pull request. */
const GIT_PR_PERMISSIONS = 'contents: write and pull-requests: write';
/**
 * The input problems of finalize: git-pr, for settings validation (each names the input and
 * what to set): it needs a github-token, a repository (GITHUB_REPOSITORY: outside Actions, set
 * it) and manifests (the files it edits). Empty for other finalize modes.
 */
function gitPrSettingsProblems(s) {
    if (s.finalize !== 'git-pr')
        return [];
    const out = [];
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
            message: 'needs the repository the pull request goes to: GITHUB_REPOSITORY (owner/name) is not set; it is set in GitHub Actions, outside them set it in the environment',
        });
    if (s.manifests.length === 0)
        out.push({
            input: 'manifests',
            value: '',
            message: 'is required by finalize: git-pr: the promoted image is written into the manifest files that define the stable Deployment',
        });
    return out;
}


/***/ }),

/***/ 57856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   IA: () => (/* binding */ proxyEnvFrom),
/* harmony export */   K5: () => (/* binding */ describeDecision),
/* harmony export */   R4: () => (/* binding */ processProxyEnv),
/* harmony export */   Xb: () => (/* binding */ ProxyConfigError),
/* harmony export */   YB: () => (/* binding */ proxyAuthorization),
/* harmony export */   ZR: () => (/* binding */ decideProxy),
/* harmony export */   vI: () => (/* binding */ withDirectHosts)
/* harmony export */ });
/* unused harmony exports parseProxyUrl, parseNoProxy, bypassReason, isLoopback */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76670);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
// The one decision for outbound HTTP: direct, or through the proxy that https_proxy / http_proxy
// name, with no_proxy exceptions. GitHub, Prometheus and the load generator all ask here, so a
// self-hosted runner behind a proxy reaches all three the same way. Pure: the variables come in
// as a ProxyEnv (processProxyEnv() is the only reader of process.env for them).
//
// Rules (the union of curl's and @actions/http-client's, written down so users can predict them):
// - https:// targets use https_proxy, else HTTPS_PROXY; http:// targets use http_proxy, else
//   HTTP_PROXY. The lower-case variable wins; an empty one counts as unset. A value without a
//   scheme is http:// (as curl and the toolkit read it). Only http:// and https:// proxies are
//   accepted: anything else is an error that names the variable (credentials never shown).
// - no_proxy (else NO_PROXY) is a list separated by commas or whitespace, case-insensitive:
//     `*`                      every host;
//     `example.com`, `.example.com`, `*.example.com`
//                              example.com and every subdomain (a leading `.` or `*.` is ignored,
//                              as curl does; the toolkit would skip the apex for `.example.com`);
//     `example.com:8443`       the same hosts, on that port only (as the toolkit does);
//     `10.0.0.1`, `[::1]`, `::1`, `10.0.0.1:9090`
//                              that IP address (never a suffix of another address);
//     `10.0.0.0/8`, `fd00::/8` every IP address in the range (CIDR, as curl does).
//   A trailing dot on the host or an entry is ignored.
// - Always direct, whatever the variables say: loopback (localhost, *.localhost, 127.0.0.0/8,
//   ::1) and in-cluster names (*.svc, *.cluster.local), which no proxy outside the cluster can
//   resolve. So is the Kubernetes API host: KUBERNETES_SERVICE_HOST in a pod, and whatever host
//   callers add with withDirectHosts() (the kubeconfig's server).
// - Through a proxy every target, http:// or https://, is reached by an HTTP CONNECT tunnel, as
//   @actions/http-client does: the Host header (load-host) and the TLS session stay end to end,
//   and the load generator's per-request timing is unchanged. The proxy must allow CONNECT to the
//   target's port (squid allows only 443 by default); list in-cluster targets in no_proxy instead.



class ProxyConfigError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .IstioCanaryError */ .f {
}
const pick = (env, lower) => {
    for (const name of [lower, lower.toUpperCase()]) {
        const value = env[name];
        if (value !== undefined && value.trim() !== '')
            return [name, value.trim()];
    }
    return null;
};
/** The proxy variables from an environment (lower case first, empty = unset). */
function proxyEnvFrom(env) {
    const http = pick(env, 'http_proxy');
    const https = pick(env, 'https_proxy');
    const no = pick(env, 'no_proxy');
    return {
        ...(http ? { httpProxy: http[1] } : {}),
        ...(https ? { httpsProxy: https[1] } : {}),
        ...(no ? { noProxy: no[1] } : {}),
        from: {
            ...(http ? { httpProxy: http[0] } : {}),
            ...(https ? { httpsProxy: https[0] } : {}),
            ...(no ? { noProxy: no[0] } : {}),
        },
    };
}
/**
 * The proxy variables of this process: the one place that reads them. In a pod (a runner in the
 * cluster) the Kubernetes API host (KUBERNETES_SERVICE_HOST) is always direct too.
 */
function processProxyEnv() {
    const kube = process.env['KUBERNETES_SERVICE_HOST'];
    return withDirectHosts(proxyEnvFrom(process.env), kube ? [kube] : []);
}
/** Adds hosts (e.g. the Kubernetes API server's) that are always reached directly. */
function withDirectHosts(env, hosts) {
    const extra = hosts.map((h) => h.trim()).filter((h) => h !== '' && !/[\s,]/.test(h));
    if (extra.length === 0)
        return env;
    return { ...env, noProxy: [env.noProxy ?? '', ...extra].filter((s) => s !== '').join(',') };
}
/** A URL with its credentials (userinfo, secret query values) shown as ***, for messages (src/redact.ts showUrl). */
function redactUrl(url) {
    return (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .showUrl */ .jr)(url).replace(/\/$/, '');
}
/** Parses a proxy variable's value; `variable` names it in errors. */
function parseProxyUrl(value, variable) {
    const text = value.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new ProxyConfigError(`${variable}: "${redactUrl(text)}" is not a URL; accepted: http://host:port or https://host:port (optionally user:password@)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new ProxyConfigError(`${variable}: ${redactUrl(url)} uses ${url.protocol.slice(0, -1)}, which is not supported; accepted: http://host:port or https://host:port`);
    if (url.hostname === '')
        throw new ProxyConfigError(`${variable}: "${redactUrl(text)}" names no host; accepted: http://host:port`);
    return url;
}
const stripDot = (s) => (s.endsWith('.') ? s.slice(0, -1) : s);
function ipFamily(s) {
    const v = node_net__WEBPACK_IMPORTED_MODULE_0___default().isIP(s);
    return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}
/** One no_proxy entry, or null when it can match nothing (ignored, as curl and the toolkit do). */
function parseRule(entry) {
    let token = entry.trim().toLowerCase();
    if (token === '')
        return null;
    if (token === '*')
        return { kind: 'all' };
    // CIDR: address/bits.
    const cidr = /^\[?([0-9a-f:.]+)\]?\/(\d{1,3})$/.exec(token);
    if (cidr !== null) {
        const family = ipFamily(cidr[1] ?? '');
        const bits = Number(cidr[2]);
        if (family === null || bits > (family === 'ipv4' ? 32 : 128))
            return null;
        const list = new (node_net__WEBPACK_IMPORTED_MODULE_0___default().BlockList)();
        list.addSubnet(cidr[1] ?? '', bits, family);
        return { kind: 'cidr', list, family };
    }
    // A bare IPv6 address (several colons, no brackets) carries no port.
    const bareV6 = ipFamily(token) === 'ipv6' ? token : null;
    if (bareV6 !== null)
        return { kind: 'ip', address: bareV6, family: 'ipv6', port: null };
    let port = null;
    const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/.exec(token);
    if (bracketed !== null) {
        const family = ipFamily(bracketed[1] ?? '');
        if (family === null)
            return null;
        port = bracketed[2] === undefined ? null : Number(bracketed[2]);
        return { kind: 'ip', address: bracketed[1] ?? '', family, port };
    }
    const withPort = /^(.*):(\d+)$/.exec(token);
    if (withPort !== null) {
        token = withPort[1] ?? '';
        port = Number(withPort[2]);
        if (port > 65535)
            return null;
    }
    if (token.startsWith('*.'))
        token = token.slice(1);
    token = stripDot(token.replace(/^\.+/, ''));
    if (token === '' || token.includes('*') || /[/\s]/.test(token))
        return null;
    const family = ipFamily(token);
    if (family !== null)
        return { kind: 'ip', address: token, family, port };
    return { kind: 'domain', name: token, port };
}
/** The rules of a no_proxy value (entries separated by commas or whitespace). */
function parseNoProxy(value) {
    return (value ?? '')
        .split(/[\s,]+/)
        .map(parseRule)
        .filter((r) => r !== null);
}
function defaultPort(protocol) {
    return protocol === 'https:' ? 443 : 80;
}
/** The host of a URL without brackets or a trailing dot, lower case. */
function hostOf(url) {
    return stripDot(url.hostname.replace(/^\[|\]$/g, '').toLowerCase());
}
function ruleMatches(rule, host, port) {
    switch (rule.kind) {
        case 'all':
            return true;
        case 'cidr': {
            const family = ipFamily(host);
            return family === rule.family && rule.list.check(host, family);
        }
        case 'ip': {
            if (rule.port !== null && rule.port !== port)
                return false;
            const family = ipFamily(host);
            if (family !== rule.family)
                return false;
            if (family === 'ipv4')
                return host === rule.address;
            // Compare IPv6 addresses canonically (::1 and 0:0:0:0:0:0:0:1 are the same).
            const list = new (node_net__WEBPACK_IMPORTED_MODULE_0___default().BlockList)();
            list.addAddress(rule.address, 'ipv6');
            return list.check(host, 'ipv6');
        }
        case 'domain':
            if (rule.port !== null && rule.port !== port)
                return false;
            if (ipFamily(host) !== null)
                return false;
            return host === rule.name || host.endsWith(`.${rule.name}`);
    }
}
/** Does no_proxy (or the built-in always-direct set) cover this host and port? */
function bypassReason(url, noProxy) {
    const host = hostOf(url);
    const port = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
    if (isLoopback(host))
        return `${host} is a loopback address`;
    if (host.endsWith('.svc') || host.endsWith('.cluster.local'))
        return `${host} is an in-cluster name (*.svc, *.cluster.local)`;
    for (const entry of (noProxy ?? '').split(/[\s,]+/)) {
        const rule = parseRule(entry);
        if (rule !== null && ruleMatches(rule, host, port))
            return `no_proxy entry "${entry.trim()}"`;
    }
    return null;
}
const LOOPBACK = (() => {
    const list = new (node_net__WEBPACK_IMPORTED_MODULE_0___default().BlockList)();
    list.addSubnet('127.0.0.0', 8, 'ipv4');
    list.addAddress('::1', 'ipv6');
    list.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
    return list;
})();
function isLoopback(host) {
    const h = stripDot(host.replace(/^\[|\]$/g, '').toLowerCase());
    if (h === 'localhost' || h.endsWith('.localhost'))
        return true;
    const family = ipFamily(h);
    return family !== null && LOOPBACK.check(h, family);
}
/** Direct or through which proxy: the one decision for GitHub, Prometheus and the load target. */
function decideProxy(target, env) {
    const url = typeof target === 'string' ? new URL(target) : target;
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:')
        return { kind: 'direct', reason: `${url.protocol} is not HTTP` };
    const value = secure ? env.httpsProxy : env.httpProxy;
    const variable = (secure ? env.from?.httpsProxy : env.from?.httpProxy) ?? (secure ? 'https_proxy' : 'http_proxy');
    if (value === undefined || value.trim() === '')
        return { kind: 'direct', reason: `no ${variable} set` };
    const reason = bypassReason(url, env.noProxy);
    if (reason !== null)
        return { kind: 'direct', reason };
    return { kind: 'proxy', proxy: parseProxyUrl(value, variable), variable };
}
/** `Proxy-Authorization` for a proxy URL with credentials (Basic, decoded as the toolkit does). */
function proxyAuthorization(proxy) {
    if (proxy.username === '' && proxy.password === '')
        return null;
    const user = decodeURIComponent(proxy.username);
    const password = decodeURIComponent(proxy.password);
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
/** "through proxy http://proxy:3128 (https_proxy)" or "directly (reason)", for messages. */
function describeDecision(decision) {
    return decision.kind === 'proxy'
        ? `through proxy ${redactUrl(decision.proxy)} (${decision.variable})`
        : `directly (${decision.reason})`;
}


/***/ }),

/***/ 85733:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* binding */ imagesOf),
/* harmony export */   Mo: () => (/* binding */ withImage),
/* harmony export */   Mz: () => (/* binding */ containersOf),
/* harmony export */   Ws: () => (/* binding */ selectCanaryContainer),
/* harmony export */   gF: () => (/* binding */ ContainerSelectionError),
/* harmony export */   r1: () => (/* binding */ matchesLabels),
/* harmony export */   z8: () => (/* binding */ podLabels)
/* harmony export */ });
/* unused harmony exports imageRepository, DEFAULT_CONTAINER_ANNOTATION */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96919);



/** The labels of a Deployment's pod template (what a DestinationRule subset selects). */
const podLabels = (deployment) => (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(deployment).podLabels;
const matchesLabels = (labels, wanted) => Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);
/** The regular containers of a Deployment's pod template (never initContainers or ephemeral ones). */
function containersOf(deployment) {
    return (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(deployment).containers.map(({ name, image }) => ({ name, image }));
}
/**
 * The repository of an image reference without registry, tag or digest, so that
 * `ghcr.io/stefanprodan/podinfo:6.0.0`, `stefanprodan/podinfo@sha256:…` and
 * `docker.io/stefanprodan/podinfo` compare equal (`nginx` and `docker.io/library/nginx` too).
 */
function imageRepository(image) {
    let ref = image.trim().toLowerCase();
    const at = ref.indexOf('@');
    if (at >= 0)
        ref = ref.slice(0, at);
    const slash = ref.lastIndexOf('/');
    const colon = ref.lastIndexOf(':');
    if (colon > slash)
        ref = ref.slice(0, colon);
    const parts = ref.split('/');
    const first = parts[0] ?? '';
    if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
        parts.shift();
    if (parts.length === 2 && parts[0] === 'library')
        parts.shift();
    return parts.join('/');
}
/** kubectl's annotation for a pod's main container (`kubectl logs` and `exec` use it too). */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
/** No container or several could be the one canary-image changes: the message lists them. */
class ContainerSelectionError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
/**
 * The canary container that `canary-image` changes (pure). In order:
 * 1. `requested` (the `container` input): it must be one of the canary's containers.
 * 2. A single container: that one.
 * 3. The pod template's `kubectl.kubernetes.io/default-container` annotation.
 * 4. With the stable Deployment: the canary containers whose name, or image repository
 *    (registry, tag and digest ignored), equals one of stable's containers; when several do,
 *    those whose image differs from that stable container's (a sidecar shipped unchanged in
 *    both is never the app). Exactly one must remain.
 * Anything else is a ContainerSelectionError that lists the candidates and says to set `container`.
 */
function selectCanaryContainer(canary, stable, requested) {
    const name = canary.metadata?.name ?? '?';
    const containers = containersOf(canary).filter((c) => c.name);
    const list = (cs) => cs.map((c) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(`${c.name} (${c.image || 'no image'})`)).join(', ');
    if (containers.length === 0)
        throw new ContainerSelectionError(`canary Deployment ${name} has no containers for canary-image to change`);
    if (requested !== null) {
        if (containers.some((c) => c.name === requested))
            return requested;
        throw new ContainerSelectionError(`container: canary Deployment ${name} has no container "${requested}"; its containers are ${list(containers)} (init containers are never changed)`);
    }
    if (containers.length === 1)
        return containers[0].name;
    const annotated = (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(canary).podAnnotations[DEFAULT_CONTAINER_ANNOTATION];
    if (typeof annotated === 'string' && containers.some((c) => c.name === annotated))
        return annotated;
    const stableContainers = containersOf(stable).filter((c) => c.name);
    const ask = `set the container input to the one canary-image should change`;
    if (stableContainers.length === 0)
        throw new ContainerSelectionError(`canary-image: canary Deployment ${name} has ${containers.length} containers (${list(containers)}) and no stable Deployment to compare with; ${ask}`);
    const match = (c) => stableContainers.find((s) => s.name === c.name) ??
        stableContainers.find((s) => s.image && c.image && imageRepository(s.image) === imageRepository(c.image));
    const candidates = containers.filter((c) => match(c));
    if (candidates.length === 1)
        return candidates[0].name;
    const changed = candidates.filter((c) => match(c).image !== c.image);
    if (changed.length === 1)
        return changed[0].name;
    const shownCandidates = changed.length > 1 ? changed : candidates.length ? candidates : containers;
    throw new ContainerSelectionError(`canary-image: ${candidates.length === 0 ? `no container of canary Deployment ${name} matches a container of stable Deployment ${stable?.metadata?.name ?? '?'} (${list(stableContainers)}) by name or image repository` : `several containers of canary Deployment ${name} match stable Deployment ${stable?.metadata?.name ?? '?'}'s`}; candidates: ${list(shownCandidates)}; ${ask}`);
}
/**
 * Sets `image` on one container of the Deployment (in a copy): `container`, else the only
 * container (several without a name is a ContainerSelectionError). Init containers and the
 * other containers (sidecars) are never changed.
 */
function withImage(deployment, image, container) {
    const target = container ?? selectCanaryContainer(deployment, null, null);
    const copy = structuredClone(deployment);
    // The view's container mappings are the copy's own: setting found.image changes the copy.
    const found = (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(copy).containers.find((c) => c.name === target)?.raw;
    if (!found)
        throw new ContainerSelectionError(`Deployment ${deployment.metadata?.name ?? '?'} has no container "${target}"; its containers are ${containersOf(deployment)
            .map((c) => c.name)
            .join(', ')}`);
    found.image = image;
    return copy;
}
/** The images of a Deployment's containers, in order. */
function imagesOf(deployment) {
    return (0,_views_js__WEBPACK_IMPORTED_MODULE_2__/* .deploymentView */ .hr)(deployment).containers.map((c) => c.image);
}


/***/ }),

/***/ 23646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ WaitTimeoutError),
/* harmony export */   UL: () => (/* binding */ KubeUnavailableError),
/* harmony export */   W3: () => (/* binding */ KubeApiError),
/* harmony export */   _X: () => (/* binding */ isRequestFault),
/* harmony export */   bC: () => (/* binding */ KubeTimeoutError),
/* harmony export */   l5: () => (/* binding */ DEFAULT_KUBE_TIMEOUT_MS),
/* harmony export */   r0: () => (/* binding */ kubeTimeoutMs),
/* harmony export */   r_: () => (/* binding */ UnknownKindError),
/* harmony export */   vy: () => (/* binding */ FIELD_MANAGER)
/* harmony export */ });
/* unused harmony export KUBE_TIMEOUT_ENV */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
// The Kubernetes API's errors and constants, apart from the client: modules that only need to
// recognise an error (manifests, lease, runner) import this file and so never load
// @kubernetes/client-node, which is most of the bundle and most of the start-up cost.
// Every class follows src/errors.ts: callers tell them apart with instanceof.


const FIELD_MANAGER = 'istio-canary';
/** Environment variable that bounds every Kubernetes API request (milliseconds), for slow clusters and tests. */
const KUBE_TIMEOUT_ENV = 'ISTIO_CANARY_KUBE_TIMEOUT_MS';
const DEFAULT_KUBE_TIMEOUT_MS = 30_000;
/** The request timeout from ISTIO_CANARY_KUBE_TIMEOUT_MS; a missing or bad value gives the default. */
function kubeTimeoutMs(env) {
    const raw = env[KUBE_TIMEOUT_ENV]?.trim();
    return raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : DEFAULT_KUBE_TIMEOUT_MS;
}
/**
 * An answer from the API server that is not retried: carries the Status message, as one line
 * (the server's text is quoted in our messages and must not start lines of its own in the log).
 */
class KubeApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
    code;
    reason;
    constructor(code, reason, message) {
        super((0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(message));
        this.code = code;
        this.reason = reason === null ? null : (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(reason);
    }
}
/**
 * A 500 that is about the request body, not the server: server-side apply on older Kubernetes
 * (1.20) answers 500 "failed to create typed patch object: ... omits key field" (or
 * "duplicate entries for key") for a body it cannot merge. Retrying sends the same body, so it
 * is reported at once instead of as "API unavailable after N attempts".
 */
function isRequestFault(status, message) {
    return status === 500 && /^failed to create typed (patch|live) object\b/.test(message);
}
/** The API does not serve a kind (no CRD, wrong group/version). */
class UnknownKindError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
/**
 * The API server stayed down: every attempt of a request met a 5xx, a 429 or a dropped
 * connection (or, as KubeTimeoutError, no answer at all). Unlike KubeApiError, trying the same
 * request later may succeed; `attempts` says how many were made.
 */
class KubeUnavailableError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
    attempts;
    constructor(message, attempts, options) {
        super(message, options);
        this.attempts = attempts;
    }
}
/**
 * The API server took the request but sent no (complete) answer in time. A hung server is
 * asked twice, not `attempts` times: each try would hold the run for the whole timeout.
 */
class KubeTimeoutError extends KubeUnavailableError {
    constructor(server, method, path, timeoutMs, attempts) {
        super(`the Kubernetes API server at ${server} did not answer ${method} ${path.split('?')[0]}${/[?&]watch=true/.test(path) ? ' (watch)' : ''} within ${timeoutMs / 1000} s${attempts > 1 ? ` (${attempts} attempts)` : ''}; check that it is up and not overloaded (kubectl get --raw /readyz), or raise ${KUBE_TIMEOUT_ENV} (milliseconds)`, attempts);
    }
}
/** An object did not reach the wanted state in time (a rollout, a wait on a watch); the message says what it last showed. */
class WaitTimeoutError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}


/***/ }),

/***/ 26885:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mp: () => (/* binding */ manifestWrites),
/* harmony export */   ZJ: () => (/* binding */ applyManifests),
/* harmony export */   lX: () => (/* binding */ withDefaultProtocols),
/* harmony export */   oD: () => (/* binding */ checkAgainstCluster),
/* harmony export */   t5: () => (/* binding */ dryRunManifests)
/* harmony export */ });
/* unused harmony exports orderForApply, ManifestApplyError */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23646);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69313);
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93029);
/* harmony import */ var _manifest_check_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(24441);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(96919);






/** Dependency order: Namespaces, CRDs, config, Services, Deployments, then Istio routing (stable within a rank). */
function orderForApply(docs) {
    const rank = (d) => _manifest_check_js__WEBPACK_IMPORTED_MODULE_3__/* .KNOWN_KINDS */ .KO[d.object.kind ?? '']?.order ?? 5.5;
    return docs
        .map((d, i) => ({ d, i }))
        .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
        .map((x) => x.d);
}
/**
 * Sets `protocol: TCP` (the server's default) on Service ports and container ports that omit
 * it, in a copy. Server-side apply keys those lists by (port, protocol), and older Kubernetes
 * (1.20, seen in __tests__/real-server-promotion.test.ts) refuses an apply that omits the key
 * with HTTP 500 "associative list with keys has an element that omits key field protocol".
 * Same objects, every server accepts them.
 */
function withDefaultProtocols(object) {
    const copy = structuredClone(object);
    const fill = (ports) => {
        for (const p of Array.isArray(ports) ? ports : [])
            if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(p) && p.protocol === undefined)
                p.protocol = 'TCP';
    };
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(copy.spec) ? copy.spec : {};
    if (copy.kind === 'Service')
        fill(spec.ports);
    // A CronJob's pod template is one level further down: spec.jobTemplate.spec.template.
    const jobSpec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(spec.jobTemplate) ? spec.jobTemplate.spec : undefined;
    const podSpecs = [
        copy.kind === 'Pod' ? spec : null,
        (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .deploymentView */ .hr)(copy).podSpec,
        (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(jobSpec) ? (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .deploymentView */ .hr)({ spec: jobSpec }).podSpec : null,
    ];
    for (const podSpec of podSpecs)
        for (const list of ['containers', 'initContainers', 'ephemeralContainers'])
            for (const c of podSpec && Array.isArray(podSpec[list]) ? podSpec[list] : [])
                if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(c))
                    fill(c.ports);
    return copy;
}
/** The kinds the batch's own CustomResourceDefinitions define (served only once they are applied). */
function crdKindsOf(docs) {
    return new Set(docs
        .filter((d) => d.object.kind === 'CustomResourceDefinition')
        .map((d) => (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .customResourceDefinitionView */ .eN)(d.object).kind));
}
/**
 * Checks against the cluster, reading only: every kind is served (or defined by a CRD in the
 * manifests) and every namespace exists (or is in the manifests). Returns the problems.
 */
async function checkAgainstCluster(kube, docs, signal) {
    const problems = [];
    const crdKinds = crdKindsOf(docs);
    const checked = new Map();
    for (const d of docs) {
        const { apiVersion, kind } = d.object;
        if (!apiVersion || !kind || crdKinds.has(kind))
            continue;
        const key = `${apiVersion}/${kind}`;
        if (!checked.has(key)) {
            try {
                await kube.resource(apiVersion, kind, signal);
                checked.set(key, null);
            }
            catch (err) {
                if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UnknownKindError */ .r_)
                    checked.set(key, err.message);
                else
                    throw err;
            }
        }
        const problem = checked.get(key);
        if (problem)
            problems.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)} (${kind} ${d.object.metadata?.name ?? ''}): ${problem}`);
    }
    const declared = new Set(docs.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata?.name));
    const namespaces = new Set(docs.map((d) => d.object.metadata?.namespace).filter((n) => !!n && !declared.has(n)));
    for (const ns of namespaces) {
        const found = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: ns }, { signal });
        if (!found) {
            const users = docs.filter((d) => d.object.metadata?.namespace === ns).map(_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M);
            problems.push(`namespace "${ns}" does not exist in the cluster (used by ${users.join(', ')}); create it or add a Namespace to the manifests`);
        }
    }
    return problems;
}
/**
 * A server-side dry run (dryRun=All) of the whole batch in dependency order, before anything is
 * written: the API server's own validation, admission webhooks, quotas, authorization and body
 * limits (413) answer for document 7 before document 1 is applied. Returns every refusal, each
 * naming its document; an unreachable API (after the client's retries) throws.
 *
 * Namespaces the batch itself creates: a namespaced object cannot be dry-run into a namespace
 * that does not exist yet (the server answers 404 for the namespace), so that one answer is
 * expected and logged, and those objects meet the server's checks when they are applied. Custom
 * resources whose CustomResourceDefinition is in the batch are skipped the same way (their kind
 * is not served until the CRD is applied).
 */
async function dryRunManifests(kube, docs, options) {
    const problems = [];
    const createdNamespaces = new Set(docs.filter((d) => d.object.kind === 'Namespace').map((d) => String(d.object.metadata?.name)));
    const crdKinds = crdKindsOf(docs);
    for (const d of orderForApply(docs)) {
        const o = d.object;
        const ns = o.metadata?.namespace;
        const label = `${o.kind} ${ns ? `${ns}/` : ''}${o.metadata?.name}`;
        if (crdKinds.has(String(o.kind))) {
            options.logger.debug(`[dry-run] ${label} (${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)}): its CustomResourceDefinition is in the batch; checked when applied`);
            continue;
        }
        try {
            await kube.apply(withDefaultProtocols(o), { force: true, dryRun: true, signal: options.signal });
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KubeApiError */ .W3))
                throw err;
            if (err.code === 404 &&
                ns &&
                createdNamespaces.has(ns) &&
                new RegExp(`namespaces? "${ns.replace(/[.]/g, '\\.')}" not found`).test(err.message)) {
                options.logger.debug(`[dry-run] ${label} (${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)}): namespace ${ns} is created by the batch; checked when applied`);
                continue;
            }
            problems.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)} (${label}): the API server refused it in a dry run (${err.code}${err.reason ? ` ${err.reason}` : ''}): ${err.message}`);
        }
    }
    return problems;
}
const PLURALS = {
    Namespace: 'namespaces',
    CustomResourceDefinition: 'customresourcedefinitions',
    ServiceAccount: 'serviceaccounts',
    ConfigMap: 'configmaps',
    Secret: 'secrets',
    Service: 'services',
    Deployment: 'deployments',
    DestinationRule: 'destinationrules',
    Gateway: 'gateways',
    VirtualService: 'virtualservices',
};
/** The resources and namespaces the (validated) documents write, without duplicates (pure). */
function manifestWrites(docs) {
    const crdPlurals = new Map();
    for (const d of docs) {
        if (d.object.kind !== 'CustomResourceDefinition')
            continue;
        const crd = (0,_views_js__WEBPACK_IMPORTED_MODULE_5__/* .customResourceDefinitionView */ .eN)(d.object);
        if (crd.kind && crd.plural !== null)
            crdPlurals.set(crd.kind, crd.plural);
    }
    const out = new Map();
    for (const d of docs) {
        const kind = String(d.object.kind);
        const apiVersion = String(d.object.apiVersion);
        const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
        const resource = PLURALS[kind] ?? crdPlurals.get(kind) ?? `${kind.toLowerCase()}s`;
        const namespace = _manifest_check_js__WEBPACK_IMPORTED_MODULE_3__/* .KNOWN_KINDS */ .KO[kind]?.clusterScoped ? null : (d.object.metadata?.namespace ?? null);
        out.set(`${group}/${resource}/${namespace ?? ''}`, { group, resource, namespace });
    }
    return [...out.values()];
}
/** The API server refused a document of the batch (or it could not be sent): names the document; the API error is the cause. */
class ManifestApplyError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .IstioCanaryError */ .f {
}
/** Server-side applies the documents in dependency order; errors name the document. */
async function applyManifests(kube, docs, options) {
    const applied = [];
    for (const d of orderForApply(docs)) {
        const o = d.object;
        const label = `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;
        try {
            // force: the manifests are the user's declared intent; like `kubectl apply --server-side
            // --force-conflicts`, they win over fields last written by hand or by another tool.
            const body = withDefaultProtocols(o);
            applied.push(await kube.apply(body, { force: true, dryRun: options.dryRun, signal: options.signal }));
            options.logger.info(`${options.dryRun ? '[dry-run] ' : ''}applied ${label} (${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)})`);
        }
        catch (err) {
            const msg = err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KubeApiError */ .W3
                ? `the API refused it (${err.code}): ${err.message}`
                : err.message;
            throw new ManifestApplyError(`applying ${label} from ${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_2__/* .where */ ._M)(d)}: ${msg}`, { cause: err });
        }
    }
    return applied;
}


/***/ }),

/***/ 24441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KO: () => (/* binding */ KNOWN_KINDS),
/* harmony export */   Tu: () => (/* binding */ validateManifests)
/* harmony export */ });
/* unused harmony exports retargetNamespace, describeValue */
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(69313);
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93029);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96919);
// The `manifests` input, validated (pure, no I/O): every document's apiVersion, kind, name and
// namespace against the namespace input, the kinds istio-canary applies, VirtualService routes
// and weights, Deployment basics and duplicates, all problems at once, before anything is
// written; and a preview's retargeting to its own namespace.



/** Kinds istio-canary applies, the apiVersions accepted for each, and the apply order (lower first). */
/** The Gateway API versions Istio serves for Gateway and HTTPRoute. */
const GATEWAY_API_VERSIONS = ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'];
const KNOWN_KINDS = {
    Namespace: { apiVersions: ['v1'], order: 0, clusterScoped: true },
    CustomResourceDefinition: { apiVersions: ['apiextensions.k8s.io/v1'], order: 1, clusterScoped: true },
    ServiceAccount: { apiVersions: ['v1'], order: 2 },
    ConfigMap: { apiVersions: ['v1'], order: 2 },
    Secret: { apiVersions: ['v1'], order: 2 },
    Service: { apiVersions: ['v1'], order: 3 },
    Deployment: { apiVersions: ['apps/v1'], order: 4 },
    DestinationRule: { apiVersions: _views_js__WEBPACK_IMPORTED_MODULE_1__/* .ISTIO_VERSIONS */ .z3, order: 5 },
    // Istio's Gateway or the Gateway API's (`gatewayClassName: istio`): one kind name, two groups.
    Gateway: { apiVersions: [..._views_js__WEBPACK_IMPORTED_MODULE_1__/* .ISTIO_VERSIONS */ .z3, ...GATEWAY_API_VERSIONS], order: 6 },
    ReferenceGrant: {
        apiVersions: ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'],
        order: 6,
    },
    VirtualService: { apiVersions: _views_js__WEBPACK_IMPORTED_MODULE_1__/* .ISTIO_VERSIONS */ .z3, order: 7 },
    HTTPRoute: { apiVersions: GATEWAY_API_VERSIONS, order: 7 },
};
const DNS_1123 = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const replaceHostNamespace = (host, from, to) => typeof host === 'string'
    ? host.replace(new RegExp(`^([^.]+)\\.${from.replace(/[.]/g, '\\.')}(\\.svc(\\.cluster\\.local)?)?$`), (_m, name, svc) => `${name}.${to}${svc ?? ''}`)
    : host;
/**
 * For a preview environment: every namespaced object moves to `namespace`, Namespace
 * documents are dropped (the preview namespace is made by the action), and hosts and
 * gateway references that named the old namespace follow (`podinfo.test.svc.cluster.local`
 * becomes `podinfo.pr-7.svc.cluster.local`, `test/podinfo-gateway` becomes `pr-7/podinfo-gateway`).
 */
function retargetNamespace(docs, namespace) {
    const out = [];
    for (const d of docs) {
        if (d.object.kind === 'Namespace')
            continue;
        const o = structuredClone(d.object);
        const from = o.metadata && typeof o.metadata.namespace === 'string' ? o.metadata.namespace : null;
        if (KNOWN_KINDS[String(o.kind)]?.clusterScoped || !(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.metadata)) {
            out.push({ ...d, object: o });
            continue;
        }
        o.metadata.namespace = namespace;
        if (from && from !== namespace && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.spec)) {
            const spec = o.spec;
            if (o.kind === 'DestinationRule')
                spec.host = replaceHostNamespace(spec.host, from, namespace);
            if (o.kind === 'VirtualService') {
                // Entries of any type are kept as written (validation names them).
                if (Array.isArray(spec.hosts))
                    spec.hosts = spec.hosts.map((h) => replaceHostNamespace(h, from, namespace));
                if (Array.isArray(spec.gateways))
                    spec.gateways = spec.gateways.map((g) => typeof g === 'string' && g.startsWith(`${from}/`)
                        ? `${namespace}/${g.slice(from.length + 1)}`
                        : g);
                // The view's destination mappings are the copy's own.
                for (const route of (0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .virtualServiceView */ .Mu)(o).http)
                    for (const { destination } of route.destinations)
                        if (destination)
                            destination.host = replaceHostNamespace(destination.host, from, namespace);
            }
        }
        out.push({ ...d, object: o });
    }
    return out;
}
/** How a value that has the wrong type is shown in an error: its JSON (shortened) and its type. */
function describeValue(v) {
    const type = v === null ? 'null' : Array.isArray(v) ? 'a list' : (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(v) ? 'a mapping' : `a ${typeof v}`;
    let json;
    try {
        json = JSON.stringify(v) ?? String(v);
    }
    catch {
        json = String(v);
    }
    return `${json.length > 60 ? `${json.slice(0, 57)}...` : json} (${type})`;
}
/**
 * The routes of a VirtualService, checked the way the promotion reads them: every section a
 * list of mappings, every destination a mapping with a host, every weight a whole number from
 * 0 to 100 (a string such as "50" is refused, not read as 50 or as absent), and the weights of
 * a route with several destinations (or any weight) summing to 100.
 */
function virtualServiceProblems(d, label) {
    const out = [];
    const spec = d.object.spec;
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(spec))
        return [`${label}: spec is ${describeValue(spec)}; accepted: a mapping with hosts and http routes`];
    for (const section of ['http', 'tcp', 'tls']) {
        const value = spec[section];
        if (value === undefined || value === null)
            continue;
        if (!Array.isArray(value)) {
            out.push(`${label}: spec.${section} is ${describeValue(value)}; accepted: a list of routes (spec.${section}: [{route: [{destination: {host, subset}, weight}]}])`);
            continue;
        }
        value.forEach((r, ri) => {
            const at = `spec.${section}[${ri}]`;
            if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(r)) {
                out.push(`${label}: ${at} is ${describeValue(r)}; accepted: a mapping with a route list`);
                return;
            }
            const named = typeof r.name === 'string' && r.name ? ` (route "${r.name}")` : '';
            if (r.route === undefined || r.route === null)
                return;
            if (!Array.isArray(r.route)) {
                out.push(`${label}: ${at}${named}.route is ${describeValue(r.route)}; accepted: a list of destinations`);
                return;
            }
            const dests = r.route;
            const weights = [];
            let badWeight = false;
            dests.forEach((x, di) => {
                const dat = `${at}${named}.route[${di}]`;
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(x)) {
                    out.push(`${label}: ${dat} is ${describeValue(x)}; accepted: a mapping with destination and weight`);
                    badWeight = true;
                    return;
                }
                const dest = x.destination;
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(dest)) {
                    out.push(`${label}: ${dat}.destination is ${describeValue(dest)}; accepted: a mapping with host (and subset)`);
                }
                else if (typeof dest.name === 'string' && dest.host === undefined)
                    out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)} (VirtualService ${d.object.metadata?.name ?? '?'}): spec.${section}[${ri}].route[${di}].destination.name "${dest.name}" is the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${dest.name}`);
                else if (typeof dest.host !== 'string' || !dest.host)
                    out.push(`${label}: ${dat}.destination has no host (got ${describeValue(dest.host)}); accepted: a service host name`);
                else if (dest.subset !== undefined && (typeof dest.subset !== 'string' || !dest.subset))
                    out.push(`${label}: ${dat}.destination.subset is ${describeValue(dest.subset)}; accepted: a subset name`);
                const which = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(dest)
                    ? ` (host ${typeof dest.host === 'string' ? dest.host : '?'}${typeof dest.subset === 'string' ? `, subset ${dest.subset}` : ''})`
                    : '';
                if (x.weight === undefined || x.weight === null)
                    weights.push(null);
                else if (typeof x.weight !== 'number' ||
                    !Number.isInteger(x.weight) ||
                    x.weight < 0 ||
                    x.weight > 100) {
                    out.push(`${label}: ${dat}${which} weight is ${describeValue(x.weight)}; accepted: a whole number from 0 to 100 (no quotes)`);
                    badWeight = true;
                }
                else
                    weights.push(x.weight);
            });
            if (badWeight)
                return;
            const given = weights.filter((w) => w !== null);
            if (dests.length > 1 || given.length > 0) {
                const sum = given.reduce((a, b) => a + b, 0);
                if (sum !== 100)
                    out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: spec.${section}[${ri}]${named} weights sum to ${sum} (${weights.map((w) => w ?? 'none').join(' + ')}); Istio needs 100 (accepted: whole numbers that sum to 100)`);
            }
        });
    }
    return out;
}
function deploymentProblems(d) {
    const out = [];
    const name = d.object.metadata?.name ?? '?';
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(d.object.spec))
        return [`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} has no spec`];
    const view = (0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .deploymentView */ .hr)(d.object);
    const selector = view.matchLabels;
    const labels = view.podLabels;
    if (!selector)
        out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} needs spec.selector.matchLabels (apps/v1)`);
    else
        for (const [k, v] of Object.entries(selector))
            if (labels[k] !== v)
                out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} selector ${k}=${String(v)} does not match its pod template labels`);
    const containers = view.containerEntries;
    if (containers.length === 0)
        out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} has no containers`);
    containers.forEach((c, i) => {
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(c) || typeof c.name !== 'string' || !c.name)
            out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} container ${i} has no name`);
        else if (typeof c.image !== 'string' || !c.image)
            out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} container ${c.name} has no image`);
    });
    if (view.replicas !== undefined && (typeof view.replicas !== 'number' || view.replicas < 0))
        out.push(`${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}: Deployment ${name} spec.replicas must be a number >= 0`);
    return out;
}
/**
 * Checks every document (pure): apiVersion, kind, name, the kinds istio-canary applies (or
 * kinds defined by a CRD in the same manifests), legacy Istio shapes, Deployment basics and
 * duplicates. Sets metadata.namespace to `namespace` on namespaced objects without one.
 */
function validateManifests(docs, namespace, options = {}) {
    if (options.retarget)
        docs = retargetNamespace(docs, namespace);
    const problems = [];
    const crdKinds = new Map();
    const crdScope = new Map();
    for (const d of docs) {
        if (d.object.kind !== 'CustomResourceDefinition')
            continue;
        const crd = (0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .customResourceDefinitionView */ .eN)(d.object);
        if (crd.kind) {
            crdKinds.set(crd.kind, crd.apiVersions);
            crdScope.set(crd.kind, crd.scope);
        }
    }
    const seen = new Map();
    const out = [];
    for (const d of docs) {
        const o = d.object;
        const name = o.metadata && typeof o.metadata.name === 'string' ? o.metadata.name : null;
        const label = `${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(d)}${typeof o.kind === 'string' ? ` (${o.kind}${name ? ` ${name}` : ''})` : ''}`;
        const before = problems.length;
        const field = (key, value, accepted) => value === undefined || value === null || value === ''
            ? `${label}: missing ${key}`
            : `${label}: ${key} is ${describeValue(value)}; accepted: ${accepted}`;
        if (typeof o.apiVersion !== 'string' || !o.apiVersion)
            problems.push(field('apiVersion', o.apiVersion, 'a string such as v1 or apps/v1'));
        if (typeof o.kind !== 'string' || !o.kind)
            problems.push(field('kind', o.kind, 'a string such as Deployment'));
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.metadata))
            problems.push(field('metadata', o.metadata, 'a mapping with a name'));
        else if (!name)
            problems.push(field('metadata.name', o.metadata.name, 'a string DNS name'));
        else if (o.kind === 'Service' || o.kind === 'Namespace') {
            // Services and Namespaces are DNS labels (a Service name is also a DNS host name part).
            if (!DNS_LABEL.test(name) || name.length > 63 || (o.kind === 'Service' && !/^[a-z]/.test(name)))
                problems.push(`${label}: metadata.name "${name}" is not a valid ${o.kind} name (a DNS label: lowercase letters, digits and '-', at most 63${o.kind === 'Service' ? ', starting with a letter' : ''})`);
        }
        else if (!DNS_1123.test(name) || name.length > 253)
            problems.push(`${label}: metadata.name "${name}" is not a valid name (lowercase letters, digits, '-' and '.', at most 253)`);
        if (problems.length > before)
            continue;
        const kind = o.kind;
        const apiVersion = o.apiVersion;
        const known = KNOWN_KINDS[kind];
        const crd = crdKinds.get(kind);
        if (known) {
            if (!known.apiVersions.includes(apiVersion))
                problems.push(`${label}: apiVersion ${apiVersion} is not served for ${kind}; use ${known.apiVersions.join(' or ')}`);
        }
        else if (crd) {
            if (!crd.includes(apiVersion))
                problems.push(`${label}: apiVersion ${apiVersion} is not one of the CRD's versions (${crd.join(', ')})`);
        }
        else {
            problems.push(`${label}: unknown kind ${kind} (${apiVersion}); istio-canary applies ${Object.keys(KNOWN_KINDS).join(', ')} and kinds defined by a CustomResourceDefinition in the same manifests`);
            continue;
        }
        const copy = { ...d, object: structuredClone(o) };
        const meta = copy.object.metadata;
        const scoped = known ? known.clusterScoped === true : crdScope.get(kind) === 'Cluster';
        if (scoped) {
            if (meta.namespace)
                problems.push(`${label}: ${kind} is cluster-scoped; remove metadata.namespace`);
            if (kind === 'Namespace' && name !== namespace)
                problems.push(`${label}: creates namespace "${name}" but the namespace input is "${namespace}"; istio-canary writes only in the namespace input: remove this document or set namespace: ${name}`);
        }
        else if (meta.namespace === undefined || meta.namespace === null || meta.namespace === '')
            meta.namespace = namespace;
        else if (typeof meta.namespace !== 'string' ||
            !DNS_LABEL.test(meta.namespace) ||
            meta.namespace.length > 63)
            problems.push(`${label}: metadata.namespace ${describeValue(meta.namespace)} is not a valid namespace name (a DNS label: lowercase letters, digits and '-', at most 63)`);
        else if (meta.namespace !== namespace)
            problems.push(`${label}: metadata.namespace is "${meta.namespace}" but the namespace input is "${namespace}"; istio-canary writes (and checks permissions) only in the namespace input: remove metadata.namespace from the document or set namespace: ${meta.namespace}`);
        if (kind === 'VirtualService')
            problems.push(...virtualServiceProblems(copy, label));
        if (kind === 'Deployment')
            problems.push(...deploymentProblems(copy));
        if (kind === 'DestinationRule') {
            if ((0,_views_js__WEBPACK_IMPORTED_MODULE_1__/* .destinationRuleView */ .yc)(copy.object).host === null)
                problems.push(`${label}: DestinationRule needs spec.host`);
            // Every entry as written, by index (the view keeps only the named ones).
            const spec = copy.object.spec;
            const subsets = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(spec) && Array.isArray(spec.subsets) ? spec.subsets : [];
            subsets.forEach((s, i) => {
                if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(s) || typeof s.name !== 'string')
                    problems.push(`${label}: subsets[${i}] has no name`);
                else if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(s.labels) || Object.keys(s.labels).length === 0)
                    problems.push(`${label}: subset ${s.name} has no labels`);
            });
        }
        const key = `${kind}/${meta.namespace ?? ''}/${meta.name}`;
        const dup = seen.get(key);
        if (dup)
            problems.push(`${label}: duplicate of ${(0,_manifest_read_js__WEBPACK_IMPORTED_MODULE_0__/* .where */ ._M)(dup)} (${kind} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name})`);
        else
            seen.set(key, copy);
        out.push(copy);
    }
    return { docs: out, problems };
}


/***/ }),

/***/ 93029:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   _M: () => (/* binding */ where),
/* harmony export */   xt: () => (/* binding */ readManifestFiles)
/* harmony export */ });
/* unused harmony exports MAX_OBJECT_BYTES, MAX_FILE_BYTES, MAX_ALIASES, jsonSizeUpTo, firstInvalidUtf8, decodeManifestBytes, parseManifestText, readManifests */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33243);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69313);
// The `manifests` input, read: files, directories and globs expanded, bytes decoded as strict
// UTF-8, multi-document YAML parsed with limits (file size, object size, YAML aliases), every
// problem of every file named at once. Reading only: validation is manifest-check.ts, the
// cluster calls are manifest-apply.ts.





/** All the problems found, each naming the file and the document; thrown before any write. */
class ManifestError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .IstioCanaryError */ .f {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? `manifests: ${problems[0]}`
            : `manifests: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
    }
}
const where = (d) => `${d.file} document ${d.index}`;
/**
 * The largest object istio-canary sends: 1 MiB of JSON. etcd refuses requests above about
 * 1.5 MiB and API servers answer 413 above their own body limit (3 MiB); checking every
 * document against a smaller limit before the first write means a big object can never be
 * refused half-way through a batch.
 */
const MAX_OBJECT_BYTES = 1024 * 1024;
/** The largest manifest file read (its bytes on disk); larger files are refused unread. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/**
 * Aliases (`*ref`) allowed per YAML document. Kubernetes manifests rarely use them; a
 * "billion laughs" document uses thousands. The expanded size is also bounded by
 * MAX_OBJECT_BYTES, so a few aliases cannot expand into a huge object either.
 */
const MAX_ALIASES = 100;
/** Splits a YAML stream into documents keeping their first line, so errors can name both. */
function splitDocuments(text) {
    const lines = text.split(/\r?\n/);
    const docs = [];
    let start = 0;
    let current = [];
    lines.forEach((l, i) => {
        if (/^---(\s|$)/.test(l)) {
            docs.push({ text: current.join('\n'), line: start + 1 });
            // Content after `--- ` on the same line belongs to the next document.
            current = [l.slice(3)];
            start = i;
        }
        else if (/^\.\.\.\s*$/.test(l)) {
            // document end marker: nothing to keep
        }
        else
            current.push(l);
    });
    docs.push({ text: current.join('\n'), line: start + 1 });
    // The text before the first `---` is a document only when it has content.
    return docs.filter((d, i) => i > 0 || /^\s*[^#\s]/m.test(d.text));
}
const mib = (bytes) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
/**
 * The size of `value` as JSON, counted without building the JSON text and without following
 * shared references more than `limit` bytes far: returns a number above `limit` as soon as the
 * count passes it, so an alias bomb (a few lines of YAML expanding to gigabytes) costs no more
 * than `limit` bytes of walking.
 */
function jsonSizeUpTo(value, limit) {
    let size = 0;
    const stack = [value];
    while (stack.length) {
        const v = stack.pop();
        if (typeof v === 'string')
            size += Buffer.byteLength(JSON.stringify(v));
        else if (typeof v === 'number')
            size += JSON.stringify(v).length;
        else if (typeof v === 'boolean' || typeof v === 'bigint')
            size += String(v).length;
        else if (v === null || v === undefined)
            size += 4;
        else if (Array.isArray(v)) {
            size += 2 + Math.max(0, v.length - 1);
            for (let i = v.length - 1; i >= 0; i--)
                stack.push(v[i]);
        }
        else if (typeof v === 'object') {
            const keys = Object.keys(v);
            size += 2 + Math.max(0, keys.length - 1);
            for (const k of keys) {
                size += Buffer.byteLength(JSON.stringify(k)) + 1;
                stack.push(v[k]);
            }
        }
        else
            size += 4;
        if (size > limit)
            return size;
    }
    return size;
}
/** Byte offset of the first byte that is not valid UTF-8 (overlongs and surrogates included), or -1. */
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let need;
        let min;
        if (b >= 0xc2 && b <= 0xdf)
            [need, min] = [1, 0x80];
        else if (b >= 0xe0 && b <= 0xef)
            [need, min] = [2, 0x800];
        else if (b >= 0xf0 && b <= 0xf4)
            [need, min] = [3, 0x10000];
        else
            return i;
        if (i + need >= bytes.length)
            return i;
        let cp = b & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
            const c = bytes[i + k];
            if ((c & 0xc0) !== 0x80)
                return i;
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need + 1;
    }
    return -1;
}
/**
 * Decodes a manifest file's bytes as UTF-8, strictly: a file with bytes that are not UTF-8
 * (Latin-1, UTF-16, binary) is named with the byte offset and line instead of being read with
 * replacement characters that would then be applied to the cluster.
 */
function decodeManifestBytes(file, bytes) {
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    }
    catch {
        const at = Math.max(0, firstInvalidUtf8(bytes));
        let line = 1;
        for (let i = 0; i < at; i++)
            if (bytes[i] === 0x0a)
                line++;
        const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
            ? ' (the file starts with a UTF-16 byte order mark: save it as UTF-8)'
            : '';
        return {
            problem: `${file}: byte ${at} (line ${line}) is not valid UTF-8 (0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')})${utf16}; manifests must be UTF-8 text`,
        };
    }
}
/** Parses one file's text into documents; empty documents are skipped (as kubectl does). */
function parseManifestText(file, text) {
    const docs = [];
    const problems = [];
    splitDocuments(text).forEach((chunk, i) => {
        const index = i + 1;
        let value;
        // Empty documents (only blanks and comments) are skipped, as kubectl does.
        if (!/^\s*[^#\s]/m.test(chunk.text))
            return;
        try {
            value = (0,js_yaml__WEBPACK_IMPORTED_MODULE_2__/* .load */ .Hh)(chunk.text, { maxAliases: MAX_ALIASES });
        }
        catch (err) {
            const e = err;
            const line = e.mark?.line !== undefined ? ` at line ${chunk.line + e.mark.line}` : '';
            const reason = e.reason ?? e.message.split('\n')[0] ?? '';
            problems.push(/exceeded maxAliases/.test(reason)
                ? `${file} document ${index}: more than ${MAX_ALIASES} YAML aliases (*name)${line}; istio-canary accepts at most ${MAX_ALIASES} per document (a guard against alias bombs): write the values out`
                : `${file} document ${index}: invalid YAML${line}: ${reason}`);
            return;
        }
        if (value === null || value === undefined)
            return;
        const size = jsonSizeUpTo(value, MAX_OBJECT_BYTES);
        if (size > MAX_OBJECT_BYTES) {
            problems.push(`${file} document ${index}: larger than ${mib(MAX_OBJECT_BYTES)} (${MAX_OBJECT_BYTES} bytes of JSON${/(^|[\s:[{,-])\*[^\s,\]}]+/.test(chunk.text) ? ' once its YAML aliases are expanded' : ''}); istio-canary applies objects up to ${mib(MAX_OBJECT_BYTES)} (etcd refuses requests above about 1.5 MiB): split it or move the data out`);
            return;
        }
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(value)) {
            problems.push(`${file} document ${index}: expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`);
            return;
        }
        if (value.kind === 'List' && Array.isArray(value.items)) {
            value.items.forEach((item) => {
                if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(item))
                    docs.push({ file, index, object: item });
                else
                    problems.push(`${file} document ${index}: a List item is not an object`);
            });
            return;
        }
        docs.push({ file, index, object: value });
    });
    return { docs, problems };
}
/** Reads every file; throws a ManifestError naming every file and document that cannot be read or parsed. */
async function readManifests(patterns, cwd) {
    const { docs, problems } = await readManifestFiles(patterns, cwd);
    if (problems.length)
        throw new ManifestError(problems);
    return docs;
}
/** Reads every file: the documents that parsed, and the problems of those that did not (so both can be reported at once). */
async function readManifestFiles(patterns, cwd) {
    const problems = [];
    const files = [];
    for (const pattern of patterns) {
        const matched = [];
        if (/[*?[{]/.test(pattern)) {
            for await (const f of (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.glob)(pattern, { cwd }))
                matched.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, f));
            matched.sort();
        }
        else {
            const full = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(cwd, pattern);
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(full).catch(() => null);
            if (st?.isDirectory()) {
                for await (const f of (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.glob)('*.{yaml,yml,json}', { cwd: full }))
                    matched.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(full, f));
                matched.sort();
            }
            else if (st)
                matched.push(full);
        }
        const yaml = matched.filter((f) => /\.(ya?ml|json)$/i.test(f) || !/[*?[{]/.test(pattern));
        if (yaml.length === 0)
            problems.push(`${pattern}: no file matches`);
        for (const f of yaml)
            if (!files.includes(f))
                files.push(f);
    }
    const docs = [];
    for (const file of files) {
        const shown = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(cwd, file) || file;
        let bytes;
        try {
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file);
            if (!st.isFile()) {
                // A device, a pipe or a socket (/dev/zero, /dev/stdin) could be endless: never read.
                problems.push(`${shown}: is not a regular file (a ${st.isDirectory() ? 'directory' : 'device, pipe or socket'}); manifests are YAML files`);
                continue;
            }
            if (st.size > MAX_FILE_BYTES) {
                problems.push(`${shown}: ${st.size} bytes is larger than ${mib(MAX_FILE_BYTES)}, the largest manifest file istio-canary reads (and each object must be at most ${mib(MAX_OBJECT_BYTES)}): split it`);
                continue;
            }
            bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file);
        }
        catch (err) {
            problems.push(`${shown}: cannot read: ${err.message}`);
            continue;
        }
        const decoded = decodeManifestBytes(shown, bytes);
        if ('problem' in decoded) {
            problems.push(decoded.problem);
            continue;
        }
        const parsed = parseManifestText(shown, decoded.text);
        docs.push(...parsed.docs);
        problems.push(...parsed.problems);
        if (parsed.docs.length === 0 && parsed.problems.length === 0)
            problems.push(`${shown}: ${/\S/.test(decoded.text) ? 'has no Kubernetes object (only comments, empty documents or an empty List)' : 'is empty'}; every manifest file must hold at least one object (remove it from manifests)`);
    }
    return { docs, problems };
}


/***/ }),

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.IC),
/* harmony export */   Mo: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.Mo),
/* harmony export */   Mp: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.Mp),
/* harmony export */   Mz: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.Mz),
/* harmony export */   Sh: () => (/* reexport safe */ _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__.Sh),
/* harmony export */   Tu: () => (/* reexport safe */ _manifest_check_js__WEBPACK_IMPORTED_MODULE_1__.Tu),
/* harmony export */   Ws: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.Ws),
/* harmony export */   ZJ: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.ZJ),
/* harmony export */   gF: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.gF),
/* harmony export */   oD: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.oD),
/* harmony export */   r1: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.r1),
/* harmony export */   t5: () => (/* reexport safe */ _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__.t5),
/* harmony export */   xt: () => (/* reexport safe */ _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__.xt),
/* harmony export */   z3: () => (/* reexport safe */ _views_js__WEBPACK_IMPORTED_MODULE_4__.z3),
/* harmony export */   z8: () => (/* reexport safe */ _containers_js__WEBPACK_IMPORTED_MODULE_2__.z8)
/* harmony export */ });
/* harmony import */ var _manifest_read_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93029);
/* harmony import */ var _manifest_check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24441);
/* harmony import */ var _containers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(85733);
/* harmony import */ var _manifest_apply_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26885);
/* harmony import */ var _views_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(96919);
// The `manifests` input: read files/globs of multi-document YAML (manifest-read.ts), validate
// every document before anything is written (manifest-check.ts, containers.ts), order them by
// dependency and apply them by server-side apply after a server-side dry run of the whole
// batch (manifest-apply.ts). This module gathers them for the callers.







/***/ }),

/***/ 13309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gf: () => (/* binding */ previewNamespace),
/* harmony export */   deletePreviewNamespace: () => (/* binding */ deletePreviewNamespace),
/* harmony export */   ensurePreviewNamespace: () => (/* binding */ ensurePreviewNamespace),
/* harmony export */   previewInfo: () => (/* binding */ previewInfo)
/* harmony export */ });
/* unused harmony exports PREVIEW_LABEL, MANAGED_BY_LABEL */
const PREVIEW_LABEL = 'istio-canary.dev/preview-pr';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** The Namespace object of a preview, with the labels cleanup checks and sidecar injection on. */
function previewNamespace(settings) {
    return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
            name: settings.namespace,
            labels: {
                [PREVIEW_LABEL]: String(settings.prNumber),
                [MANAGED_BY_LABEL]: 'istio-canary',
                'istio-injection': 'enabled',
            },
            annotations: settings.github.repository
                ? { 'istio-canary.dev/repository': settings.github.repository }
                : {},
        },
    };
}
/** Creates or updates the preview namespace (server-side apply; idempotent on synchronize). */
async function ensurePreviewNamespace(kube, settings, logger) {
    const existing = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace });
    const labels = existing?.metadata?.labels ?? {};
    if (existing && labels[PREVIEW_LABEL] !== String(settings.prNumber))
        throw new Error(`preview: namespace ${settings.namespace} exists but was not created by istio-canary for PR #${settings.prNumber} (label ${PREVIEW_LABEL} is ${labels[PREVIEW_LABEL] ?? 'missing'}); refusing to deploy into it`);
    await kube.apply(previewNamespace(settings), { dryRun: settings.dryRun });
    // A dry run creates nothing: it says what the command would do.
    const done = existing ? 'is up to date' : settings.dryRun ? 'would be created' : 'created';
    logger.info(`${settings.dryRun ? '[dry-run] ' : ''}preview: namespace ${settings.namespace} ${done} for PR #${settings.prNumber}`);
}
/** Deletes the preview namespace only when its label names this PR; says what it did. */
async function deletePreviewNamespace(kube, settings, logger) {
    const ns = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace });
    if (!ns) {
        logger.info(`preview: namespace ${settings.namespace} does not exist; nothing to delete`);
        return 'absent';
    }
    const labels = ns.metadata?.labels ?? {};
    if (labels[PREVIEW_LABEL] !== String(settings.prNumber)) {
        logger.warning(`preview: namespace ${settings.namespace} was not created by istio-canary for PR #${settings.prNumber} (label ${PREVIEW_LABEL} is ${labels[PREVIEW_LABEL] ?? 'missing'}); left alone`);
        return 'not-ours';
    }
    await kube.delete({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace }, { dryRun: settings.dryRun });
    logger.info(`preview: namespace ${settings.namespace} of PR #${settings.prNumber} deleted`);
    return 'deleted';
}
/** How to reach a preview: the VirtualService's hosts and a Service to port-forward to. */
async function previewInfo(kube, namespace, virtualService, ingressUrl) {
    const vs = await kube.get({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        name: virtualService,
        namespace,
    });
    const spec = (vs?.spec ?? {});
    const hosts = Array.isArray(spec.hosts) ? spec.hosts.filter((h) => typeof h === 'string') : [];
    const destination = spec.http?.[0]?.route?.[0]?.destination?.host;
    let portForward = null;
    if (typeof destination === 'string') {
        const service = destination.split('.')[0];
        const svc = await kube.get({ apiVersion: 'v1', kind: 'Service', name: service, namespace });
        const port = (svc?.spec ?? {}).ports?.[0]?.port;
        if (svc && port)
            portForward = `svc/${service} ${port}`;
    }
    return { namespace, hosts, ingressUrl, portForward };
}


/***/ }),

/***/ 96919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mu: () => (/* binding */ virtualServiceView),
/* harmony export */   eN: () => (/* binding */ customResourceDefinitionView),
/* harmony export */   hr: () => (/* binding */ deploymentView),
/* harmony export */   yc: () => (/* binding */ destinationRuleView),
/* harmony export */   z3: () => (/* binding */ ISTIO_VERSIONS)
/* harmony export */ });
/* unused harmony export destinationsOf */
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69313);

/** The networking.istio.io versions an Istio kind may be served in, newest first. */
const ISTIO_VERSIONS = [
    'networking.istio.io/v1',
    'networking.istio.io/v1beta1',
    'networking.istio.io/v1alpha3',
];
const str = (v) => (typeof v === 'string' && v !== '' ? v : null);
const mapping = (v) => ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(v) ? v : null);
const strings = (v) => Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
/** What istio-canary reads of a Deployment (or of any object with a pod template). */
function deploymentView(deployment) {
    const spec = mapping(deployment?.spec) ?? {};
    const template = mapping(spec.template);
    const meta = mapping(template?.metadata) ?? {};
    const podSpec = mapping(template?.spec);
    const containerEntries = Array.isArray(podSpec?.containers) ? podSpec.containers : [];
    const selector = mapping(spec.selector);
    return {
        name: str(deployment?.metadata?.name),
        replicas: spec.replicas,
        matchLabels: mapping(selector?.matchLabels),
        template,
        podLabels: (mapping(meta.labels) ?? {}),
        podAnnotations: mapping(meta.annotations) ?? {},
        podSpec,
        containerEntries,
        containers: containerEntries.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((c) => ({
            name: typeof c.name === 'string' ? c.name : '',
            image: typeof c.image === 'string' ? c.image : '',
            raw: c,
        })),
    };
}
/** The weighted destinations of one route entry (http[], tcp[] or tls[]). */
function destinationsOf(route) {
    return (Array.isArray(route.route) ? route.route : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((raw) => {
        const destination = mapping(raw.destination);
        return {
            host: str(destination?.host),
            subset: str(destination?.subset),
            legacyName: str(destination?.name),
            weight: typeof raw.weight === 'number' ? raw.weight : null,
            raw,
            destination,
        };
    });
}
/** What istio-canary reads of a VirtualService: hosts, gateways, http routes and their weighted destinations. */
function virtualServiceView(vs) {
    const meta = mapping(vs?.metadata) ?? {};
    const spec = mapping(vs?.spec);
    return {
        name: str(meta.name),
        namespace: str(meta.namespace),
        hosts: strings(spec?.hosts),
        gateways: strings(spec?.gateways),
        http: (Array.isArray(spec?.http) ? spec.http : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((raw) => ({
            name: str(raw.name),
            raw,
            destinations: destinationsOf(raw),
        })),
        spec,
    };
}
/** What istio-canary reads of a DestinationRule: its host and its subsets' labels. */
function destinationRuleView(dr) {
    const spec = mapping(dr?.spec) ?? {};
    return {
        name: str(dr?.metadata?.name),
        host: typeof spec.host === 'string' ? spec.host : null,
        subsets: (Array.isArray(spec.subsets) ? spec.subsets : [])
            .filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)
            .filter((s) => typeof s.name === 'string')
            .map((s) => ({
            name: s.name,
            labels: (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(s.labels) ? s.labels : null,
        })),
    };
}
/** What istio-canary reads of a CustomResourceDefinition in the manifests: the kind it defines and where it is served. */
function customResourceDefinitionView(crd) {
    const spec = mapping(crd.spec) ?? {};
    const names = mapping(spec.names) ?? {};
    const group = typeof spec.group === 'string' ? spec.group : '';
    return {
        group,
        kind: typeof names.kind === 'string' ? names.kind : '',
        plural: typeof names.plural === 'string' ? names.plural : null,
        scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
        apiVersions: Array.isArray(spec.versions)
            ? spec.versions.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G).map((v) => `${group}/${String(v.name)}`)
            : [],
    };
}


/***/ }),

/***/ 94552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute),
  settingsOrReport: () => (/* binding */ settingsOrReport)
});

// UNUSED EXPORTS: CancelledRunError, INPUTS_STATE, INPUT_NAMES, PROMOTION_HOLDER, PROMOTION_STATE, actionIo, cancelledMessage, failed, jobSummary, measures, run

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var lib_core = __webpack_require__(46058);
// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
// EXTERNAL MODULE: ./src/promote/target.ts + 2 modules
var target = __webpack_require__(82574);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __webpack_require__(1708);
var external_node_process_default = /*#__PURE__*/__webpack_require__.n(external_node_process_);
// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(22464);
;// CONCATENATED MODULE: ./src/post-target.ts
// What the post step needs to find and roll back main's promotion, saved in the action state
// by main before its first write (beside the holder id, PROMOTION_HOLDER in main.ts): the post
// step then never reads the manifests again (they may be gone: a later step moved them, the
// checkout was cleaned) and never guesses the kubeconfig. With finalize: git-pr it also names
// the manifest files main read, so that a post step that completes the finalize opens the pull
// request from exactly those files (or says they are gone), never from whatever the glob matches
// by then.




/** core.saveState key of the saved target (JSON, below). */
const PROMOTION_TARGET = 'promotion-target';
/**
 * The target as the checked manifests decide it (the VirtualService's namespace may differ from
 * the namespace input, a preview retargets it); without a VirtualService in the manifests, the
 * inputs (main then reads it from the cluster in `namespace`).
 */
function postTarget(settings, docs, kubeconfig, 
/** The folder the documents' files are relative to (main's run folder). */
cwd = external_node_process_default().cwd()) {
    const files = settings.finalize === 'git-pr'
        ? {
            manifestFiles: [
                ...new Set(docs.filter((d) => d.object.kind === 'Deployment').map((d) => external_node_path_default().resolve(cwd, d.file))),
            ],
        }
        : {};
    return { ...routeTarget(settings, docs), kubeconfig, ...files };
}
function routeTarget(settings, docs) {
    const want = {
        virtualService: settings.virtualService,
        route: settings.route,
        stableSubset: settings.stableSubset,
        canarySubset: settings.canarySubset,
    };
    const vs = docs.filter((d) => d.object.kind === 'VirtualService').map((d) => d.object);
    if (vs.length === 0)
        return { namespace: settings.namespace, ...want };
    // checkTargetOffline already selected this route from the same documents: it cannot fail here.
    const s = (0,plan/* selectRoute */.W7)(vs, want);
    return {
        namespace: s.namespace ?? settings.namespace,
        virtualService: s.virtualService,
        route: s.routeName ?? s.routeIndex,
        stableSubset: s.stable.subset,
        canarySubset: s.canary.subset,
    };
}
/** The saved target, or null when main saved none (it stopped before its first write) or it is unreadable. */
function parsePostTarget(text) {
    if (!text)
        return null;
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return null;
    }
    if (!isObject(v) || typeof v.namespace !== 'string')
        return null;
    if (!isObject(v.kubeconfig) || typeof v.kubeconfig.from !== 'string')
        return null;
    const target = v;
    // Anything but a list of file names is not the files main read: as if none were saved.
    if (v.manifestFiles !== undefined &&
        !(Array.isArray(v.manifestFiles) && v.manifestFiles.every((f) => typeof f === 'string'))) {
        const { manifestFiles: _dropped, ...rest } = target;
        return rest;
    }
    return target;
}
/**
 * The saved targets: one for a single-route run, one per service (in the order of `services`)
 * for a lockstep run, which main saves as a JSON list; [] when main saved none or it is unreadable.
 */
function parsePostTargets(text) {
    if (!text)
        return [];
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return [];
    }
    if (!Array.isArray(v)) {
        const one = parsePostTarget(text);
        return one ? [one] : [];
    }
    const each = v.map((t) => parsePostTarget(JSON.stringify(t)));
    // A list with an unreadable entry cannot be matched to the services: as if none were saved.
    return each.every((t) => t !== null) ? each : [];
}

// EXTERNAL MODULE: ./src/settings.ts + 1 modules
var src_settings = __webpack_require__(31212);
// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(12011);
// EXTERNAL MODULE: ./src/gates/spec.ts
var spec = __webpack_require__(49369);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/log.ts
var log = __webpack_require__(25625);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/redact.ts
var src_redact = __webpack_require__(76670);
// EXTERNAL MODULE: ./src/lifecycle.ts
var lifecycle = __webpack_require__(66367);
;// CONCATENATED MODULE: ./src/main.ts
// run(deps): settings → cluster → deploy → promote → report. The action and the CLI both
// end up in execute(); only the way inputs, logs and outputs travel differs.















/** core.saveState key: `started` while a promotion runs, `finished` once it ended by itself. */
const PROMOTION_STATE = 'promotion';
/** core.saveState key: the Lease holder / state writer id of main's promotion, so post recognises it. */
const PROMOTION_HOLDER = 'promotion-holder';
/**
 * The canary failed, so the job must go red: rolled back, or held because a step did not
 * pass (on-failure: hold). A promotion held on purpose (`step`, a schedule ending below 100)
 * ends with a passing step and is a success.
 */
function failed(report) {
    // `status` only reports; a `rollback` that rolled back (or found nothing to undo) did what it was asked.
    if (report.command === 'status' || report.command === 'rollback')
        return false;
    return report.failure !== undefined || (0,format/* isFailure */.N6)(report);
}
/**
 * A dry run of `cluster: kind`, `minikube` or `sim` creates nothing: it says what would be
 * created and plans against an empty API server (the embedded mesh's, without its data plane)
 * standing in for the new cluster, so the plan comes from the manifests alone, through the same
 * runner dry run (src/promote/dry-run.ts) as a dry run against an existing cluster.
 */
async function dryRunConnection(settings, io, docs) {
    if (settings.cluster === 'kind' || settings.cluster === 'minikube') {
        io.logger.info(`[dry-run] would create a ${settings.cluster} cluster ${settings.clusterName} with Istio ${settings.istioVersion} (profile ${settings.istioProfile})${settings.installPrometheus ? ' and Prometheus' : ''}; nothing is created in a dry run: planning against the manifests alone`);
        const { gatewayApiDryRunMessage } = await __webpack_require__.e(/* import() */ 417).then(__webpack_require__.bind(__webpack_require__, 4417));
        const crds = gatewayApiDryRunMessage(settings.cluster, (0,manifests/* manifestWrites */.Mp)(docs));
        if (crds)
            io.logger.info(crds);
    }
    else
        io.logger.info('[dry-run] the embedded mesh is not started: planning against the manifests alone');
    const [{ startApiServer }, { simKubeconfig }] = await Promise.all([
        __webpack_require__.e(/* import() */ 991).then(__webpack_require__.bind(__webpack_require__, 25991)),
        __webpack_require__.e(/* import() */ 684).then(__webpack_require__.bind(__webpack_require__, 26684)),
    ]);
    const api = await startApiServer({});
    const connection = {
        kubeconfig: simKubeconfig(api.url),
        context: 'istio-canary-sim',
        prometheusUrl: null,
        loadUrl: null,
        created: false,
        close: () => api.close(),
    };
    // A created cluster has the namespace input already (the Istio install makes it and labels
    // it for injection); a preview's namespace is made by the command itself.
    if (settings.cluster !== 'sim' && !settings.preview) {
        const { createKubeClient } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791)]).then(__webpack_require__.bind(__webpack_require__, 66791));
        const kube = await createKubeClient({
            kubeconfig: connection.kubeconfig,
            context: connection.context,
            logger: io.logger,
            requestTimeoutMs: settings.kubeTimeoutMs,
        });
        await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: settings.namespace } }, { force: true });
    }
    return connection;
}
async function defaultConnect(settings, io, signal, docs = []) {
    if (settings.cluster === 'sim') {
        const { startMesh } = await Promise.all(/* import() */[__webpack_require__.e(991), __webpack_require__.e(573)]).then(__webpack_require__.bind(__webpack_require__, 2573));
        io.logger.info('Starting the embedded mesh on 127.0.0.1.');
        const mesh = await startMesh({});
        io.logger.info(`Embedded mesh: API ${mesh.apiUrl}, ingress ${mesh.ingressUrl}, metrics ${mesh.metricsUrl}`);
        return {
            kubeconfig: mesh.kubeconfig,
            context: 'istio-canary-sim',
            prometheusUrl: null,
            loadUrl: mesh.ingressUrl,
            created: true,
            close: () => mesh.close(),
        };
    }
    const { prepareCluster } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(805), __webpack_require__.e(791), __webpack_require__.e(417), __webpack_require__.e(720)]).then(__webpack_require__.bind(__webpack_require__, 11720));
    const { createCommandRunner } = await __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 93257));
    return prepareCluster(settings, {
        runner: createCommandRunner({ echo: (line) => io.logger.info(line), signal }),
        state: io.state,
        logger: io.logger,
        writes: (0,manifests/* manifestWrites */.Mp)(docs),
        // A cancel ends a tool download, and a wait between its attempts, at once.
        toolOptions: { signal },
        signal,
    });
}
async function defaultMetrics(settings, connection, io) {
    const { createMetrics, DEFAULT_SEQUENTIAL } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(415), __webpack_require__.e(953)]).then(__webpack_require__.bind(__webpack_require__, 97953));
    const loadUrl = settings.loadUrl ?? connection.loadUrl;
    const prometheusUrl = settings.prometheusUrl ?? connection.prometheusUrl;
    return createMetrics({
        source: settings.metrics,
        limits: settings.limits,
        load: loadUrl
            ? {
                url: loadUrl,
                host: settings.loadHost ?? undefined,
                rps: settings.loadRps,
                connections: settings.loadConnections,
            }
            : undefined,
        prometheus: prometheusUrl
            ? {
                url: prometheusUrl,
                headers: settings.prometheusAuth ? { authorization: settings.prometheusAuth } : undefined,
            }
            : undefined,
        proxy: settings.proxy,
        logger: io.logger,
        checks: settings.checks,
        // false-rollback-rate is the statistical judge's alpha.
        sequential: { ...DEFAULT_SEQUENTIAL, alpha: settings.falseRollbackRate },
    });
}
async function defaultReporter(settings, io, summary, client) {
    // client carries the cancel signal (execute adds it): a cancel ends a wait between retries.
    const { createReporter } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(256), __webpack_require__.e(611), __webpack_require__.e(250)]).then(__webpack_require__.bind(__webpack_require__, 57994));
    return createReporter(settings, {
        logger: io.logger,
        summary: summary ?? { write: () => Promise.resolve() },
        setOutput: (name, value) => io.setOutput(name, value),
        client,
    });
}
/**
 * Adds how to reach the preview environment to every report the promotion sends (to each
 * service's report of a lockstep run's merged one), read once per route.
 */
async function withPreviewInfo(reporter, kube, connection) {
    const { previewInfo } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 13309));
    const known = new Map();
    const one = async (report) => {
        const key = `${report.namespace}/${report.virtualService}`;
        let info = known.get(key);
        if (!info) {
            info = await previewInfo(kube, report.namespace, report.virtualService, connection.loadUrl);
            known.set(key, info);
        }
        return { ...report, preview: info };
    };
    const add = async (report) => report.services
        ? {
            ...report,
            services: await Promise.all(report.services.map(async (s) => ({ ...s, report: await one(s.report) }))),
        }
        : one(report);
    return {
        progress: async (report) => reporter.progress(await add(report)),
        final: async (report) => reporter.final(await add(report)),
    };
}
/** The commands that open measurement windows (and so need the load generator or Prometheus). */
function measures(command) {
    return command === 'run' || command === 'step';
}
/** The Metrics of a command that never measures: asked for a window, it names the bug. */
function noMeasurement(command) {
    return {
        measure: () => Promise.reject(new Error(`internal: \`${command}\` does not measure, but a window was opened`)),
    };
}
/**
 * A cancel that ended the engine before it could report (during the preflight, before the
 * promotion took over): the message says what cancelled it and what was written before it.
 */
class CancelledRunError extends errors/* IstioCanaryError */.f {
}
/** `cancelled by SIGINT: stopped before anything was written; nothing was changed` (or what was). */
function cancelledMessage(settings, reason, record) {
    const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'cancelled';
    const by = /Received (SIG[A-Z]+)/.exec(text)?.[1];
    const why = by ? `cancelled by ${by}` : text.startsWith('cancelled') ? text : `cancelled (${text})`;
    const counts = new Map();
    for (const w of record.kube?.written ?? [])
        counts.set(w, (counts.get(w) ?? 0) + 1);
    if (counts.size === 0)
        return `${why}: stopped before anything was written; nothing was changed`;
    const list = [...counts].map(([w, n]) => (n > 1 ? `${w} (${n} times)` : w)).join(', ');
    const unconfirmed = record.sent !== null && record.sent !== record.weight
        ? `a write of canary ${record.sent}% was sent and not confirmed, so the canary may be at ${record.sent}%`
        : null;
    const confirmed = record.weight === null
        ? unconfirmed === null
            ? 'no traffic weight was changed'
            : 'no traffic weight was confirmed'
        : `the canary is at ${record.weight}% (the last weight the API server confirmed)`;
    const traffic = record.weight === null && unconfirmed === null
        ? confirmed
        : `${confirmed}${unconfirmed ? `; ${unconfirmed}` : ''}; to move it back, run: ${(0,lifecycle/* rollbackHint */.If)(settings)}`;
    return `${why}: stopped after writing ${list}; ${traffic}`;
}
/** The engine behind both the action and the CLI, once settings are valid. */
async function execute(settings, io, signal, deps = {}) {
    const record = { kube: null, weight: null, sent: null };
    try {
        return await executeSteps(settings, io, signal, {
            ...deps,
            onConfirmedWeight: (weight) => {
                record.weight = weight;
                record.sent = null;
                deps.onConfirmedWeight?.(weight);
            },
            onWeightSent: (weight) => {
                record.sent = weight;
                deps.onWeightSent?.(weight);
            },
            onKube: (kube) => (record.kube = kube),
        });
    }
    catch (err) {
        // Whatever the cancel interrupted (a preflight request, a wait, the Lease), the last line
        // says it was cancelled, by what, and what had been written: never a bare "aborted".
        if (!signal.aborted)
            throw err;
        throw new CancelledRunError(cancelledMessage(settings, signal.reason, record), { cause: err });
    }
}
/**
 * Where this run's kubeconfig came from, for the post step: the input (read again by post,
 * never written to the state), the file main read, a created cluster, or the embedded mesh.
 */
async function kubeconfigSource(settings, connection) {
    if (settings.cluster === 'sim')
        return { from: 'sim' };
    if (settings.cluster !== 'existing')
        return { from: 'created' };
    if (settings.kubeconfig)
        return { from: 'input', context: settings.context };
    const { kubeconfigCandidates } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(805), __webpack_require__.e(791), __webpack_require__.e(417), __webpack_require__.e(720)]).then(__webpack_require__.bind(__webpack_require__, 11720));
    const files = kubeconfigCandidates(settings);
    const read = (file) => {
        try {
            return (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            return null;
        }
    };
    // The file whose text main connected with (the first readable one, as src/cluster reads it).
    const path = files.find((f) => read(f) === connection.kubeconfig) ?? files.find((f) => read(f) !== null);
    return path
        ? { from: 'file', path, context: settings.context }
        : { from: 'input', context: settings.context };
}
/**
 * Every unit's manifests read and checked before any cluster is created or contacted; the
 * problems of every service are reported together, each under its name.
 */
async function loadUnits(settings, cwd) {
    // cleanup deletes the preview namespace, whatever the services: one unit, no manifests.
    const services = settings.command === 'cleanup' ? [] : (0,src_settings/* serviceSettings */.xw)(settings);
    if (services.length === 0) {
        const docs = settings.command === 'cleanup' ? [] : await (0,target/* loadManifests */.DD)(settings, cwd);
        await (0,target/* checkTargetOffline */.$p)(settings, docs);
        return [{ name: null, settings, docs }];
    }
    const results = await Promise.allSettled(services.map(async ({ name, settings: s }) => {
        const docs = await (0,target/* loadManifests */.DD)(s, cwd);
        await (0,target/* checkTargetOffline */.$p)(s, docs);
        return { name, settings: s, docs };
    }));
    const problems = results.flatMap((r, i) => {
        if (r.status === 'fulfilled')
            return [];
        const err = r.reason;
        const name = services[i].name;
        return err instanceof manifests/* ManifestError */.Sh
            ? err.problems.map((p) => `service ${name}: ${p}`)
            : [`service ${name}: ${err instanceof Error ? err.message : String(err)}`];
    });
    if (problems.length)
        throw new manifests/* ManifestError */.Sh(problems);
    const units = results.map((r) => r.value);
    const clashes = foreignRoutes(units);
    if (clashes.length)
        throw new manifests/* ManifestError */.Sh(clashes);
    return units;
}
/**
 * Two services stepping one route object (its state and Lease are per object), or a service's
 * manifests that hold another service's route object: applying them (as a fresh or resumed
 * promotion does) would overwrite that route's weights and state under the other service's
 * run. Each route object belongs in its own service's manifests only. (A route whose namespace
 * only the cluster tells is checked again when the services meet: promote/lockstep.ts.)
 */
function foreignRoutes(units) {
    const object = (u) => {
        const st = u.settings.strategy;
        return st.httpRoute !== null
            ? { kind: 'HTTPRoute', name: st.httpRoute }
            : { kind: 'VirtualService', name: u.settings.virtualService };
    };
    const same = units.flatMap((u, i) => units.slice(i + 1).flatMap((other) => {
        const a = object(u);
        const b = object(other);
        return a.kind === b.kind && a.name === b.name && u.settings.namespace === other.settings.namespace
            ? [
                `services ${u.name} and ${other.name} both step ${a.kind} ${u.settings.namespace}/${a.name ?? '?'}: its state and Lease are per route object, so each service needs its own; nothing was written`,
            ]
            : [];
    }));
    if (same.length)
        return same;
    return units.flatMap((u) => units
        .filter((other) => other !== u)
        .flatMap((other) => {
        const o = object(other);
        const doc = u.docs.find((d) => d.object.kind === o.kind &&
            d.object.metadata?.name === o.name &&
            (d.object.metadata?.namespace ?? u.settings.namespace) === other.settings.namespace);
        return doc
            ? [
                `service ${u.name}: its manifests (${doc.file}) hold ${o.kind} ${other.settings.namespace}/${o.name ?? '?'}, which service ${other.name} steps; applying them would overwrite that route's weights and state: list it in ${other.name}'s manifests only (the top-level manifests are every service's)`,
            ]
            : [];
    }));
}
async function executeSteps(settings, io, signal, deps) {
    const cwd = deps.cwd ?? process.cwd();
    // Every document is read and checked (sizes, encodings, kinds, names, namespaces against the
    // namespace input, weights, the route, the canary container) before any cluster is created or
    // contacted: bad manifests never create a kind cluster and never write to an existing one.
    const units = await loadUnits(settings, cwd);
    const docs = units.flatMap((u) => u.docs);
    // A dry run creates no cluster: it plans against a stand-in for the one that would be created.
    const connection = settings.dryRun && settings.cluster !== 'existing' && !deps.connect
        ? await dryRunConnection(settings, io, docs)
        : await (deps.connect ?? ((s, i, sig) => defaultConnect(s, i, sig, docs)))(settings, io, signal);
    // The credentials of the cluster used (created here, ~/.kube/config) are secrets too; the
    // embedded mesh's token is a fixed word that it ignores.
    if (settings.cluster !== 'sim')
        for (const secret of (0,src_redact/* kubeconfigSecrets */.hT)(connection.kubeconfig))
            io.setSecret(secret);
    const metricsList = [];
    try {
        const { runPromotion, newHolderId, CANCEL_WRITE_BUDGET_MS } = await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(621), __webpack_require__.e(661)]).then(__webpack_require__.bind(__webpack_require__, 29661));
        // After a cancel the final report is still sent, but the GitHub client's waits between retries
        // end with the cancel's write budget, so the process ends by itself before the cancel deadline.
        const githubClient = {
            ...deps.githubClient,
            signal: deps.githubClient?.signal ?? (0,lifecycle/* budgetAfterCancel */.oZ)(signal, CANCEL_WRITE_BUDGET_MS, 'the report'),
        };
        const { createKubeClient } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791)]).then(__webpack_require__.bind(__webpack_require__, 66791));
        const kube = await createKubeClient({
            kubeconfig: connection.kubeconfig,
            context: connection.context,
            logger: io.logger,
            requestTimeoutMs: settings.kubeTimeoutMs,
        });
        deps.onKube(kube);
        // The VirtualService comes from the cluster when the manifests have none: a wrong namespace
        // or name is named here (with what the namespace holds), before anything else happens.
        // An HTTPRoute (in the manifests, or live with route-kind http-route) is found by the target.
        for (const u of units) {
            const httpRoute = u.settings.strategy.routeKind === 'http-route' ||
                u.settings.strategy.httpRoute !== null ||
                u.docs.some((d) => d.object.kind === 'HTTPRoute');
            if (settings.command !== 'cleanup' &&
                !httpRoute &&
                !u.docs.some((d) => d.object.kind === 'VirtualService')) {
                const { missingVirtualService } = await Promise.all(/* import() */[__webpack_require__.e(94), __webpack_require__.e(791), __webpack_require__.e(702)]).then(__webpack_require__.bind(__webpack_require__, 37702));
                const missing = await missingVirtualService(kube, u.settings.namespace, u.settings.virtualService, signal);
                if (missing)
                    throw new Error(`${settings.command}: ${u.name === null ? '' : `service ${u.name}: `}${missing}; nothing was changed`);
            }
        }
        if (settings.command === 'cleanup') {
            const { deletePreviewNamespace } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 13309));
            // The VirtualServices name the sticky comments to update; read them before they are gone.
            const { items } = await kube
                .list('networking.istio.io/v1', 'VirtualService', settings.namespace)
                .catch(() => ({ items: [] }));
            const outcome = await deletePreviewNamespace(kube, settings, io.logger);
            io.setOutput('status', outcome);
            if (outcome === 'deleted') {
                const { reportPreviewDeleted } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(611), __webpack_require__.e(438)]).then(__webpack_require__.bind(__webpack_require__, 5566));
                const names = items.map((vs) => String(vs.metadata?.name));
                const urls = await reportPreviewDeleted(settings, settings.namespace, names, {
                    logger: io.logger,
                    summary: deps.summary ?? { write: () => Promise.resolve() },
                    client: githubClient,
                });
                io.setOutput('comment-url', urls[0] ?? '');
            }
            return { exitCode: 0 };
        }
        // Only `run` and `step` measure (rollback, promote and status need no load or Prometheus);
        // a dry run assumes every window passes and measures nothing. Each service measures its own load.
        for (const u of units)
            metricsList.push(!measures(settings.command) || settings.dryRun
                ? noMeasurement(settings.command)
                : deps.metrics
                    ? deps.metrics(u.settings, connection, io)
                    : await defaultMetrics(u.settings, connection, io));
        let reporter = deps.reporter
            ? deps.reporter(settings, io)
            : await defaultReporter(settings, io, deps.summary, githubClient);
        // Everything the post step needs to find and roll back this promotion, saved before the
        // first write (the preview namespace, the Lease, the manifests): post never reads the
        // manifests, which a later step may have moved or deleted.
        const holder = newHolderId(settings);
        io.state.save(PROMOTION_HOLDER, holder);
        if (!settings.dryRun) {
            const source = await kubeconfigSource(settings, connection);
            const targets = units.map((u) => postTarget(u.settings, u.docs, source, cwd));
            io.state.save(PROMOTION_TARGET, JSON.stringify(units[0].name === null ? targets[0] : targets));
        }
        if (settings.preview) {
            const { ensurePreviewNamespace } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 13309));
            await ensurePreviewNamespace(kube, settings, io.logger);
            reporter = await withPreviewInfo(reporter, kube, connection);
        }
        // Tells the post step whether a promotion may have been left half-way.
        io.state.save(PROMOTION_STATE, 'started');
        // finalize: git-pr's pull request goes through the report's GitHub client options (the
        // cancel budget, the proxy): git-finalize.ts reads them from the deps.
        const promotionDeps = {
            kube,
            metrics: metricsList[0],
            reporter,
            logger: io.logger,
            signal,
            cwd,
            onConfirmedWeight: (weight) => deps.onConfirmedWeight?.(weight),
            onWeightSent: (weight) => deps.onWeightSent?.(weight),
            holder,
            manifests: units[0].docs,
            loadUrl: connection.loadUrl,
            githubClient,
        };
        const report = units[0].name === null
            ? await runPromotion(settings, promotionDeps)
            : await (await Promise.all(/* import() */[__webpack_require__.e(256), __webpack_require__.e(621), __webpack_require__.e(612)]).then(__webpack_require__.bind(__webpack_require__, 39612))).runLockstep(units.map((u, i) => ({
                name: u.name,
                settings: u.settings,
                docs: u.docs,
                metrics: metricsList[i],
            })), {
                ...promotionDeps,
                // One canary weight cannot say where N routes are: the cancel deadline's message names none.
                onConfirmedWeight: undefined,
                onWeightSent: undefined,
            }, runPromotion);
        // A cancel that left a git-pr pull request unopened: the post step opens it (post.ts).
        const unopened = [report, ...(report.services ?? []).map((s) => s.report)].some((r) => r.pullRequestError !== undefined);
        if (!(signal.aborted && unopened))
            io.state.save(PROMOTION_STATE, 'finished');
        return { exitCode: failed(report) || signal.aborted ? 1 : 0, report };
    }
    finally {
        for (const m of metricsList)
            await m.close?.();
        await connection.close();
    }
}
/** Parses the inputs; on any error reports all of them and returns null (nothing else runs). */
function settingsOrReport(input, env, io) {
    // Mask secrets before anything could print them, including in an error message: each
    // secret input with the parts of it that travel alone (a Bearer token, a kubeconfig's keys).
    for (const spec of contract/* INPUTS */.mc)
        if (spec.secret) {
            const v = input(spec.name);
            if (!v.includes('${{'))
                for (const secret of (0,src_redact/* inputSecrets */.Sc)(spec.name, v))
                    io.setSecret(secret);
        }
    // Header values of webhook gates, even when the gates input is refused (its text is quoted then).
    for (const secret of (0,spec/* gateSecrets */.z4)(input('gates')))
        io.setSecret(secret);
    const result = (0,src_settings/* parseSettings */.P$)(input, env);
    if (!result.ok) {
        for (const e of result.errors)
            io.logger.error((0,src_settings/* formatInputError */.i8)(e));
        io.logger.error(`${result.errors.length} input(s) are not valid; nothing was changed.`);
        return null;
    }
    const { settings } = result;
    // The kubeconfig files `cluster: existing` falls back to, and passwords inside URLs.
    const files = settings.kubeconfigPath !== null
        ? settings.kubeconfigPath.split(external_node_path_.delimiter).filter(Boolean)
        : settings.cluster === 'existing' && !settings.kubeconfig
            ? [(0,external_node_path_.join)((0,external_node_os_.homedir)(), '.kube', 'config')]
            : [];
    for (const file of files) {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch {
            continue; // named later by the cluster connection, if it is the one used
        }
        for (const secret of (0,src_redact/* kubeconfigSecrets */.hT)(text))
            io.setSecret(secret);
    }
    for (const url of [settings.prometheusUrl, settings.loadUrl])
        if (url !== null)
            for (const secret of (0,src_redact/* urlSecrets */.Fn)(url))
                io.setSecret(secret);
    return settings;
}
/** The job summary sink of the action (core.summary). */
const jobSummary = {
    write: (markdown) => lib_core/* summary */.z
        .addRaw((0,src_redact/* redact */.E$)(markdown))
        .write()
        .then(() => undefined),
};
/**
 * Logs, outputs, secrets and state through @actions/core (main and post). Every text is
 * redacted and neutralised here (src/redact.ts), so no module needs to; a secret is masked in
 * the runner (`::add-mask::`) in each form it may be printed in.
 */
function actionIo() {
    const logger = safeLogger({
        info: core.info,
        warning: core.warning,
        error: core.error,
        debug: core.debug,
        startGroup: core.startGroup,
        endGroup: core.endGroup,
    });
    return {
        logger,
        print: (text) => logger.info(text),
        setOutput: (name, value) => core.setOutput(name, redact(value)),
        setSecret: (value) => {
            for (const form of secrets.add(value))
                core.setSecret(form);
        },
        state: { save: core.saveState, get: core.getState },
    };
}
/** core.saveState key: `invalid` when main stopped on its inputs (post then stays silent about them). */
const INPUTS_STATE = 'inputs';
/** core.setFailed with the message made safe like every other line. */
function failStep(message) {
    core.setFailed(safeLogText(message));
}
/** The action's main step. */
async function run(env = process.env) {
    const io = actionIo();
    const settings = settingsOrReport((name) => core.getInput(name), env, io);
    if (!settings) {
        io.state.save(INPUTS_STATE, 'invalid');
        failStep('Invalid inputs (see the errors above).');
        return;
    }
    // SIGINT/SIGTERM/SIGHUP or the runner process going away cancel; past the deadline the
    // log says where the canary may still be and the step exits 1.
    const cancellation = watchCancellation({
        logger: io.logger,
        finishHint: () => rollbackHint(settings),
        onCancel: `on-cancel: ${settings.onCancel}`,
        deadlineMs: cancelDeadlineMs(env),
    });
    try {
        const outcome = await execute(settings, io, cancellation.signal, {
            summary: jobSummary,
            onConfirmedWeight: (weight) => cancellation.onConfirmedWeight(weight),
        });
        if (outcome.exitCode !== 0)
            failStep(`istio-canary ${settings.command} failed`);
    }
    catch (e) {
        failStep(e instanceof Error ? e.message : String(e));
    }
    finally {
        cancellation.dispose();
    }
}



/***/ }),

/***/ 14345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ parseChecks),
/* harmony export */   Di: () => (/* binding */ templateParts)
/* harmony export */ });
/* unused harmony exports MAX_CHECKS, MAX_QUERY_LENGTH, PLACEHOLDERS, SHORTHAND_QUERIES */
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33243);
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50926);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(69313);
// The `checks` input parsed (pure, light: settings.ts loads it at start). A check is a named
// PromQL template judged at every step besides the built-in rules: its value must lie in
// [min, max], optionally as the ratio canary / stable. Flagger's own shape (`thresholdRange`,
// `interval`, the built-in names request-success-rate and request-duration) is accepted so a
// Flagger user can paste their `analysis.metrics`. Everything checkable is checked here, before
// anything runs: keys, names, bounds, placeholders and where they stand in the query (a
// namespace, workload or version is only ever substituted inside a quoted PromQL string, escaped
// for it, so no value can change the query's structure; see templateParts and checks.ts).



const MAX_CHECKS = 20;
const MAX_QUERY_LENGTH = 4000;
const MAX_INPUT_LENGTH = 100_000;
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** The placeholders a query may use; the first three are label values, quoted where they stand. */
const PLACEHOLDERS = ['namespace', 'workload', 'version', 'interval'];
/** Istio's standard metrics on the server side of each workload, as in the built-in judge. */
const SELECTOR = 'reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload="{{ workload }}"';
/**
 * Flagger's built-in checks on Istio: request-success-rate is the percentage (0-100) of
 * non-5xx responses, request-duration the P99 in milliseconds (its docs, "Builtin metrics").
 */
const SHORTHAND_QUERIES = {
    'request-success-rate': `sum(rate(istio_requests_total{${SELECTOR},response_code!~"5.*"}[{{ interval }}])) / sum(rate(istio_requests_total{${SELECTOR}}[{{ interval }}])) * 100`,
    'request-duration': `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{${SELECTOR}}[{{ interval }}])))`,
};
const KEYS = ['name', 'query', 'min', 'max', 'thresholdRange', 'interval', 'relative-to-stable'];
const ACCEPTED = `accepted keys: ${KEYS.join(', ')}`;
const LABEL_PLACEHOLDERS = new Set(['namespace', 'workload', 'version']);
/**
 * The template split into text and placeholders, each placeholder with the PromQL string it
 * stands in (tracking "…", '…' with backslash escapes, `…` raw strings and # comments). Throws
 * InvalidValueError (without the check's name; the caller adds it) for an unknown placeholder,
 * a `{{` that opens none, or a label placeholder outside a "…" or '…' string.
 */
function templateParts(query) {
    const parts = [];
    let text = '';
    let quote = null;
    let quoteStart = -1;
    let comment = false;
    for (let i = 0; i < query.length;) {
        if (query.startsWith('{{', i)) {
            const m = /^\{\{\s*([^{}]*?)\s*\}\}/.exec(query.slice(i));
            if (!m)
                throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has a "{{" at character ${i + 1} that opens no {{ placeholder }}`);
            const name = m[1];
            if (!PLACEHOLDERS.includes(name))
                throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has an unknown placeholder {{ ${name} }}; accepted: ${PLACEHOLDERS.map((p) => `{{ ${p} }}`).join(', ')}`);
            if (LABEL_PLACEHOLDERS.has(name) && (quote === null || quote === '`' || comment))
                throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has {{ ${name} }} outside a "…" string, at character ${i + 1}: write it inside quotes, e.g. destination_workload="{{ workload }}"`);
            if (text)
                parts.push({ text });
            text = '';
            const before = query.slice(0, quoteStart).trimEnd();
            parts.push({
                placeholder: name,
                quote: comment ? null : quote,
                regex: quote !== null && /[=!]~$/.test(before),
            });
            i += m[0].length;
            continue;
        }
        const c = query[i];
        text += c;
        if (comment) {
            if (c === '\n')
                comment = false;
        }
        else if (quote === null) {
            if (c === '"' || c === "'" || c === '`') {
                quote = c;
                quoteStart = i;
            }
            else if (c === '#')
                comment = true;
        }
        else if (c === '\\' && quote !== '`' && i + 1 < query.length) {
            text += query[i + 1];
            i += 2;
            continue;
        }
        else if (c === quote)
            quote = null;
        i++;
    }
    if (text)
        parts.push({ text });
    return parts;
}
/** The first character of `text` that a query may not hold (controls other than tab and line breaks, bidi controls), named. */
function badCharacter(text) {
    const m = 
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(text);
    return m
        ? `a control character (U+${m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}) at character ${m.index + 1}`
        : null;
}
function checkOf(item, index) {
    const where = `check ${index + 1}`;
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(item) || Array.isArray(item))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has ${where} that is not a mapping of ${ACCEPTED}`);
    const rawName = item.name;
    if (typeof rawName !== 'string' || rawName === '')
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has ${where} without a name (a string of a-z, 0-9 and -)`);
    if (!NAME.test(rawName))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has ${where} named ${JSON.stringify(rawName.slice(0, 80))}: a name is 1-63 characters of a-z, 0-9 and -, starting and ending with a letter or digit`);
    const name = rawName;
    const fail = (message) => {
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has check "${name}": ${message}`);
    };
    const bound = (value, what) => {
        if (value === undefined || value === null)
            return null;
        if (typeof value !== 'number' || !Number.isFinite(value))
            return fail(`${what} is ${typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `a ${typeof value}`}, not a number`);
        return value;
    };
    for (const key of Object.keys(item))
        if (!KEYS.includes(key))
            fail(key === 'templateRef'
                ? 'templateRef (a Flagger MetricTemplate) is not read: put the template\'s query in "query"'
                : `unknown key ${JSON.stringify(key.slice(0, 80))}; ${ACCEPTED}`);
    const shorthand = name in SHORTHAND_QUERIES ? name : null;
    let query;
    if (item.query === undefined || item.query === null) {
        if (shorthand === null)
            fail(`has no query (PromQL), and is not one of the built-in names ${Object.keys(SHORTHAND_QUERIES).join(', ')}`);
        query = SHORTHAND_QUERIES[shorthand];
    }
    else {
        if (shorthand !== null)
            fail(`is a built-in name (Flagger's ${shorthand}), which takes no query: remove the query to use it, or rename the check`);
        if (typeof item.query !== 'string')
            return fail('query is not a string');
        query = item.query;
        if (query.trim() === '')
            fail('query is empty');
        if (query.length > MAX_QUERY_LENGTH)
            fail(`query is ${query.length} characters long; at most ${MAX_QUERY_LENGTH}`);
        const bad = badCharacter(query);
        if (bad)
            fail(`query has ${bad}`);
    }
    let parts;
    try {
        parts = templateParts(query);
    }
    catch (e) {
        if (e instanceof _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x)
            return fail(`query ${e.message}`);
        throw e;
    }
    let min;
    let max;
    if (item.thresholdRange !== undefined) {
        if (item.min !== undefined || item.max !== undefined)
            fail('has both thresholdRange and min/max: give one of them');
        const range = item.thresholdRange;
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(range) || Array.isArray(range))
            return fail('thresholdRange is not a mapping of min and/or max');
        for (const key of Object.keys(range))
            if (key !== 'min' && key !== 'max')
                fail(`thresholdRange has an unknown key ${JSON.stringify(key.slice(0, 80))}; accepted: min, max`);
        min = bound(range.min, 'thresholdRange.min');
        max = bound(range.max, 'thresholdRange.max');
    }
    else {
        min = bound(item.min, 'min');
        max = bound(item.max, 'max');
    }
    if (min === null && max === null)
        fail('has neither min nor max: give the range of accepted values');
    if (min !== null && max !== null && min > max)
        fail(`min ${min} is above max ${max}`);
    let intervalSeconds = null;
    if (item.interval !== undefined && item.interval !== null) {
        const raw = typeof item.interval === 'number' ? String(item.interval) : item.interval;
        if (typeof raw !== 'string')
            return fail('interval is not a duration such as 1m or 30s');
        let ms = 0;
        try {
            ms = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(raw);
        }
        catch {
            fail(`interval ${JSON.stringify(raw.slice(0, 40))} is not a duration such as 1m or 30s`);
        }
        if (ms < 1000 || ms > 86_400_000 || ms % 1000 !== 0)
            fail(`interval ${raw} is not a whole number of seconds from 1s to 24h`);
        intervalSeconds = ms / 1000;
    }
    const relative = item['relative-to-stable'] ?? false;
    if (typeof relative !== 'boolean')
        fail('relative-to-stable is not true or false');
    if (relative &&
        !parts.some((p) => 'placeholder' in p && (p.placeholder === 'workload' || p.placeholder === 'version')))
        fail('is relative-to-stable, but its query has no {{ workload }} or {{ version }}: the stable and canary queries would be the same');
    return { name, query, min, max, relativeToStable: relative, intervalSeconds, shorthand };
}
/** The `checks` input: a YAML list of checks. Throws InvalidValueError naming the check and field. */
function parseChecks(raw) {
    if (raw.length > MAX_INPUT_LENGTH)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`is ${raw.length} characters long; at most ${MAX_INPUT_LENGTH}`);
    let docs;
    try {
        docs = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .loadAll */ .gh)(raw);
    }
    catch (e) {
        const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`is not valid YAML: ${first}`);
    }
    if (docs.length > 1)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has ${docs.length} YAML documents (--- separators); give one list of checks`);
    const doc = docs[0];
    if (doc === undefined || doc === null)
        return [];
    if (!Array.isArray(doc))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x('is not a YAML list of checks (each `- name: …` with query, min and/or max)');
    if (doc.length > MAX_CHECKS)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has ${doc.length} checks; at most ${MAX_CHECKS}`);
    const checks = doc.map((item, i) => checkOf(item, i));
    const seen = new Set();
    for (const c of checks) {
        if (seen.has(c.name))
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x(`has two checks named "${c.name}"`);
        seen.add(c.name);
    }
    return checks;
}


/***/ }),

/***/ 22464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T1: () => (/* binding */ withCanaryWeight),
/* harmony export */   W6: () => (/* binding */ PlanError),
/* harmony export */   W7: () => (/* binding */ selectRoute),
/* harmony export */   XP: () => (/* binding */ VERSION_HEADER),
/* harmony export */   _: () => (/* binding */ schedule),
/* harmony export */   cX: () => (/* binding */ stepIndexOf),
/* harmony export */   dJ: () => (/* binding */ orderPair),
/* harmony export */   ph: () => (/* binding */ currentWeights),
/* harmony export */   qD: () => (/* binding */ STATE_ANNOTATION)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69313);
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(96919);
// The weight schedule and, for each step, the VirtualService change (pure: no I/O).
// The promotion writes exactly what withCanaryWeight returns; its dry run sends and prints it.




/** Response header set on each weighted destination so every response names its version. */
const VERSION_HEADER = 'x-istio-canary';
/** VirtualService annotation holding the PromotionState JSON, written with the weights. */
const STATE_ANNOTATION = 'istio-canary.dev/state';
/** No route (or several) can be stepped, or a weight is out of range: the message names the inputs and candidates. */
class PlanError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
const asArray = (v) => (Array.isArray(v) ? v : []);
const vsName = (vs) => (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).name ?? '(unnamed)';
// Names that say which side a subset is, in the seeds and in common practice.
const CANARY_WORDS = /(^|[-_.])(canary|next|new|preview|green)([-_.]|$)/i;
const STABLE_WORDS = /(^|[-_.])(stable|ga|primary|main|prod|production|current|blue)([-_.]|$)/i;
function versionNumber(subset) {
    const m = /^v(\d+)$/i.exec(subset);
    return m?.[1] !== undefined ? Number(m[1]) : null;
}
/**
 * Which of two destinations is the canary when the subsets are not given: a name that says
 * so (canary/ga, stable/next), else the higher vN, else the one with less traffic now, else the
 * second. Documented in the README ("How the route is detected"). Exported for the Gateway API
 * routes (src/strategy/http-route.ts), whose backendRefs name Services instead of subsets.
 */
function orderPair(a, b) {
    const sa = a.subset ?? '';
    const sb = b.subset ?? '';
    const canaryA = CANARY_WORDS.test(sa) || (STABLE_WORDS.test(sb) && !STABLE_WORDS.test(sa));
    const canaryB = CANARY_WORDS.test(sb) || (STABLE_WORDS.test(sa) && !STABLE_WORDS.test(sb));
    if (canaryA !== canaryB)
        return canaryA ? { stable: b, canary: a } : { stable: a, canary: b };
    const va = versionNumber(sa);
    const vb = versionNumber(sb);
    if (va !== null && vb !== null && va !== vb)
        return va > vb ? { stable: b, canary: a } : { stable: a, canary: b };
    const wa = a.weight ?? 0;
    const wb = b.weight ?? 0;
    if (wa !== wb)
        return wa < wb ? { stable: b, canary: a } : { stable: a, canary: b };
    return { stable: a, canary: b };
}
function legacyNameError(vs, routeIndex, name) {
    return new PlanError(`VirtualService ${vsName(vs)}: http[${routeIndex}] uses destination.name "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(name)}", the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(name)}`);
}
function routeLabel(vs, index, route) {
    return `${vsName(vs)} http[${index}]${route.name ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(route.name)})` : ''}`;
}
function candidateFor(vs, index, route, want) {
    const label = routeLabel(vs, index, route);
    const dests = route.destinations.map(({ host, subset, legacyName, weight }, i) => ({
        host,
        subset,
        legacyName,
        weight,
        index: i,
    }));
    for (const d of dests)
        if (d.legacyName && !d.host)
            throw legacyNameError(vs, index, d.legacyName);
    const withSubset = dests.filter((d) => d.host && d.subset);
    const bySubset = (s) => withSubset.find((d) => d.subset === s);
    let stable;
    let canary;
    if (want.stableSubset && want.canarySubset) {
        stable = bySubset(want.stableSubset);
        canary = bySubset(want.canarySubset);
        if (!stable)
            return `${label}: no destination with subset "${want.stableSubset}"`;
        if (!canary) {
            // The canary destination may be added by the first step, next to the stable one.
            canary = { host: stable.host, subset: want.canarySubset, legacyName: null, weight: 0, index: -1 };
        }
    }
    else if (want.stableSubset || want.canarySubset) {
        const given = (want.stableSubset ?? want.canarySubset);
        const found = bySubset(given);
        const others = withSubset.filter((d) => d.subset !== given);
        if (!found)
            return `${label}: no destination with subset "${given}"`;
        if (others.length !== 1)
            return `${label}: ${others.length} other subsets (${others.map((o) => (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(String(o.subset))).join(', ') || 'none'}); set both stable-subset and canary-subset`;
        [stable, canary] = want.stableSubset ? [found, others[0]] : [others[0], found];
    }
    else {
        if (withSubset.length !== 2)
            return `${label}: ${withSubset.length} destinations with a subset; expected 2 (stable and canary)`;
        const pair = orderPair(withSubset[0], withSubset[1]);
        stable = pair.stable;
        canary = pair.canary;
    }
    if (!stable || !canary)
        return `${label}: stable and canary destinations not found`;
    if (dests.length > 2 || (canary.index === -1 && dests.length > 1))
        return `${label}: ${dests.length} weighted destinations; istio-canary steps routes that send to exactly the stable and the canary subset`;
    return {
        label,
        selection: {
            namespace: (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).namespace,
            virtualService: vsName(vs),
            routeIndex: index,
            routeName: route.name,
            stable: {
                host: stable.host,
                subset: stable.subset,
                index: stable.index,
                weight: stable.weight ?? (dests.length === 1 ? 100 : 0),
            },
            canary: { host: canary.host, subset: canary.subset, index: canary.index, weight: canary.weight ?? 0 },
        },
    };
}
/**
 * Finds the VirtualService and http route to step, and its stable and canary destinations.
 * Throws a PlanError naming the inputs and the candidates when none or several match.
 */
function selectRoute(virtualServices, want) {
    const pool = want.virtualService
        ? virtualServices.filter((vs) => vsName(vs) === want.virtualService)
        : virtualServices;
    if (want.virtualService && pool.length === 0) {
        const names = virtualServices.map(vsName);
        throw new PlanError(`virtual-service: no VirtualService named "${want.virtualService}"; found: ${names.length ? names.join(', ') : 'none'}`);
    }
    if (pool.length === 0)
        throw new PlanError('no VirtualService found in the manifests or the namespace');
    if (want.route !== null) {
        const matches = (r, i) => typeof want.route === 'number' ? i === want.route : r.name === want.route;
        if (!pool.some((vs) => (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http.some(matches))) {
            const listing = pool
                .map((vs) => {
                const routes = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http;
                return `VirtualService ${vsName(vs)} has ${routes.length === 0 ? 'no http routes' : `${routes.length} http route(s): ${routes.map((r, i) => `${i} (${r.name ? `named ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(r.name)}` : 'no name'})`).join(', ')}`}`;
            })
                .join('; ');
            throw new PlanError(`route: ${typeof want.route === 'number' ? `route ${want.route} does not exist (no http route at index ${want.route})` : `no http route named "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(want.route)}"`}; ${listing}. Set route to one of these indexes or names.`);
        }
    }
    const found = [];
    const rejected = [];
    for (const vs of pool) {
        (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http.forEach((route, index) => {
            if (want.route !== null) {
                const matches = typeof want.route === 'number' ? index === want.route : route.name === want.route;
                if (!matches)
                    return;
            }
            const c = candidateFor(vs, index, route, want);
            if (typeof c === 'string')
                rejected.push(c);
            else
                found.push(c);
        });
    }
    if (found.length === 1)
        return found[0].selection;
    if (found.length === 0) {
        throw new PlanError(`no http route sends to both a stable and a canary subset${rejected.length ? `:\n  - ${rejected.join('\n  - ')}` : ''}\nSet virtual-service, route, stable-subset and canary-subset to choose one.`);
    }
    throw new PlanError(`${found.length} http routes could be stepped: ${found.map((c) => c.label).join('; ')}. Set virtual-service (and route) to choose one.`);
}
/** The weights still to walk from the current canary weight: resuming never goes back. */
function schedule(steps, currentWeight) {
    return steps.filter((w) => w > currentWeight);
}
/** 1-based index of a weight in the schedule. */
function stepIndexOf(steps, weight) {
    return steps.filter((w) => w <= weight).length;
}
function clone(v) {
    return structuredClone(v);
}
/**
 * A new VirtualService whose selected route sends `canaryWeight`% to the canary and the rest
 * to stable, each weighted destination tagged with the VERSION_HEADER response header.
 */
function withCanaryWeight(vs, selection, canaryWeight) {
    if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100)
        throw new PlanError(`canary weight must be a whole number from 0 to 100, got ${canaryWeight}`);
    const next = clone(vs);
    // The view's mappings are next's own: the weights are set on them.
    const route = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(next).http[selection.routeIndex];
    if (!route)
        throw new PlanError(`VirtualService ${vsName(vs)} has no http[${selection.routeIndex}]`);
    const find = (d) => (route.destinations.find((x) => x.subset === d.subset && x.host === d.host) ??
        (d.index >= 0 ? route.destinations[d.index] : undefined))?.raw;
    const stable = find(selection.stable);
    if (!stable)
        throw new PlanError(`VirtualService ${vsName(vs)} http[${selection.routeIndex}] lost its stable destination`);
    let canary = find(selection.canary);
    if (!canary) {
        canary = {
            destination: {
                ...((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(stable.destination) ? stable.destination : {}),
                subset: selection.canary.subset,
            },
        };
        route.raw.route = [...asArray(route.raw.route), canary];
    }
    stable.weight = 100 - canaryWeight;
    canary.weight = canaryWeight;
    tag(stable, 'stable');
    tag(canary, 'canary');
    return next;
}
function tag(dest, version) {
    const headers = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(dest.headers) ? dest.headers : {};
    const response = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(headers.response) ? headers.response : {};
    const set = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(response.set) ? response.set : {};
    set[VERSION_HEADER] = version;
    response.set = set;
    headers.response = response;
    dest.headers = headers;
}
/** The weights a route has now, read back from a VirtualService (for status and resume checks). */
function currentWeights(vs, selection) {
    const route = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_2__/* .virtualServiceView */ .Mu)(vs).http[selection.routeIndex];
    if (!route)
        return { stable: 100, canary: 0 };
    const dests = route.destinations;
    const weightOf = (subset) => {
        const d = dests.find((x) => x.subset === subset);
        if (!d)
            return 0;
        return d.weight ?? (dests.length === 1 ? 100 : 0);
    };
    return { stable: weightOf(selection.stable.subset), canary: weightOf(selection.canary.subset) };
}


/***/ }),

/***/ 82574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $p: () => (/* binding */ checkTargetOffline),
  Qj: () => (/* binding */ liveSubsetProblem),
  DD: () => (/* binding */ loadManifests),
  Dx: () => (/* binding */ recordedRouteProblem),
  u1: () => (/* binding */ resolveTarget),
  Ez: () => (/* binding */ routeIdentity),
  RM: () => (/* binding */ sameHost),
  y_: () => (/* binding */ servedIstioVersion)
});

// UNUSED EXPORTS: selectCanaryContainer, subsetOverlap, withImage

// EXTERNAL MODULE: ./src/kube/manifests.ts
var manifests = __webpack_require__(4483);
// EXTERNAL MODULE: ./src/plan.ts
var plan = __webpack_require__(22464);
// EXTERNAL MODULE: ./src/kube/preview.ts
var preview = __webpack_require__(13309);
// EXTERNAL MODULE: ./src/one-line.ts
var one_line = __webpack_require__(14350);
// EXTERNAL MODULE: ./src/util/object.ts
var object = __webpack_require__(69313);
// EXTERNAL MODULE: ./src/kube/views.ts
var views = __webpack_require__(96919);
// EXTERNAL MODULE: ./src/strategy/virtual-service.ts
var virtual_service = __webpack_require__(48500);
// EXTERNAL MODULE: ./src/strategy/http-route.ts
var http_route = __webpack_require__(65665);
// EXTERNAL MODULE: ./src/strategy/errors.ts
var errors = __webpack_require__(86818);
// EXTERNAL MODULE: ./src/strategy/spec.ts
var spec = __webpack_require__(5286);
// EXTERNAL MODULE: ./src/strategy/route-kind.ts
var route_kind = __webpack_require__(91231);
// EXTERNAL MODULE: ./src/strategy/stages.ts
var stages = __webpack_require__(70194);
// EXTERNAL MODULE: ./src/strategy/validate.ts
var validate = __webpack_require__(36419);
// EXTERNAL MODULE: ./src/strategy/lockstep.ts
var lockstep = __webpack_require__(61608);
;// CONCATENATED MODULE: ./src/strategy/index.ts
// The public API of the strategy planning (issue 15), for the engine: parse the inputs, pick
// the route kind, select and validate the targets, list the steps, render each write. Pure
// modules only; nothing runs on import. See each module for the details.









;// CONCATENATED MODULE: ./src/promote/http-route-target.ts








/** The route kind the run steps: route-kind, the names given, else what the manifests hold (VirtualService without any). */
function routeKindOf(settings, docs) {
    const spec = settings.strategy;
    if (spec.routeKind === 'virtual-service')
        return 'virtual-service';
    try {
        return (0,route_kind/* detectRouteKind */.n)(spec, docs.map((d) => d.object), { virtualService: settings.virtualService });
    }
    catch (err) {
        if (err instanceof errors/* StrategyError */.C)
            throw new manifests/* ManifestError */.Sh([err.message]);
        throw err;
    }
}
/**
 * The HTTPRoute rule to step and its Services' selectors. Null when the manifests alone cannot
 * decide (kube null: the offline check) and the cluster is needed.
 */
async function httpRouteSide(settings, kube, docs, namespace, signal) {
    let routes = docs.filter((d) => d.object.kind === 'HTTPRoute').map((d) => d.object);
    if (routes.length === 0) {
        if (!kube)
            return null;
        routes = (await kube.list(http_route/* GATEWAY_API_VERSION */.nJ, 'HTTPRoute', namespace, { signal })).items;
    }
    let sel;
    try {
        sel = (0,stages/* selectHttpRouteTarget */.Xg)(routes, {
            httpRoute: settings.strategy.httpRoute,
            rule: settings.route,
            stableService: settings.strategy.stableService,
            canaryService: settings.strategy.canaryService,
        }).selection;
    }
    catch (err) {
        if (err instanceof plan/* PlanError */.W6 || err instanceof errors/* StrategyError */.C)
            throw new manifests/* ManifestError */.Sh([err.message]);
        throw err;
    }
    const ns = sel.namespace ?? namespace;
    const service = async (name) => {
        const doc = docs.find((d) => d.object.kind === 'Service' && d.object.metadata?.name === name);
        if (doc)
            return doc.object;
        if (!kube)
            return undefined;
        return kube.get({ apiVersion: 'v1', kind: 'Service', name, namespace: ns }, { signal });
    };
    const stable = await service(sel.stable.service);
    const canary = await service(sel.canary.service);
    if (stable === undefined || canary === undefined)
        return null;
    const problems = [];
    const labelsOf = (svc, name, role) => {
        const selector = svc && (0,object/* isObject */.G)(svc.spec) && (0,object/* isObject */.G)(svc.spec.selector) ? svc.spec.selector : null;
        if (!svc)
            problems.push(`no ${role} Service ${(0,one_line/* oneLine */.TN)(name)} in namespace ${ns} (HTTPRoute ${(0,one_line/* oneLine */.TN)(sel.httpRoute)} sends to it)`);
        else if (!selector || Object.keys(selector).length === 0)
            problems.push(`the ${role} Service ${(0,one_line/* oneLine */.TN)(name)} has no selector: its Deployment cannot be found`);
        return selector ? selector : null;
    };
    const stableLabels = labelsOf(stable, sel.stable.service, 'stable');
    const canaryLabels = labelsOf(canary, sel.canary.service, 'canary');
    if (problems.length)
        throw new manifests/* ManifestError */.Sh(problems);
    const dest = (b) => ({
        host: b.service,
        subset: b.service,
        index: b.index,
        weight: b.weight,
    });
    return {
        selection: {
            namespace: sel.namespace,
            virtualService: sel.httpRoute,
            routeIndex: sel.ruleIndex,
            routeName: sel.ruleName,
            stable: dest(sel.stable),
            canary: dest(sel.canary),
        },
        httpSelection: sel,
        vsNamespace: ns,
        stableLabels,
        canaryLabels,
        sourceName: `HTTPRoute ${(0,one_line/* oneLine */.TN)(sel.httpRoute)} (Services ${(0,one_line/* oneLine */.TN)(sel.stable.service)}, ${(0,one_line/* oneLine */.TN)(sel.canary.service)})`,
    };
}

;// CONCATENATED MODULE: ./src/promote/target.ts










/**
 * Reads and validates the manifests (pure checks, no cluster): every problem of every document
 * at once, as a ManifestError. Returns the validated documents (namespaces filled in, retargeted
 * for a preview) for resolveTarget's `docs` option, so that they are read once.
 */
async function loadManifests(settings, cwd) {
    if (!settings.manifests.length)
        return [];
    const read = await (0,manifests/* readManifestFiles */.xt)(settings.manifests, cwd);
    const checked = (0,manifests/* validateManifests */.Tu)(read.docs, settings.namespace, { retarget: settings.preview });
    const problems = [...read.problems, ...checked.problems];
    if (problems.length)
        throw new manifests/* ManifestError */.Sh(problems);
    return checked.docs;
}
/**
 * Everything about the target that the manifests alone decide (the route, the subsets, the
 * Deployments, the canary container), checked before any cluster is created or contacted.
 * Throws the ManifestError resolveTarget would; what needs the cluster is left for it.
 */
async function checkTargetOffline(settings, docs) {
    await resolve(settings, null, docs, {});
}
/** The first networking.istio.io version in which the cluster serves an Istio kind, or null (no Istio). */
async function servedIstioVersion(kube, kind, signal) {
    for (const v of views/* ISTIO_VERSIONS */.z3) {
        try {
            await kube.resource(v, kind, signal);
        }
        catch {
            continue;
        }
        return v;
    }
    return null;
}
/** Lists an Istio kind in the first networking.istio.io version the cluster serves. */
async function listIstio(kube, kind, namespace, signal) {
    const v = await servedIstioVersion(kube, kind, signal);
    if (!v)
        return { items: [], apiVersion: null };
    return { items: (await kube.list(v, kind, namespace, { signal })).items, apiVersion: v };
}
/** Same service? `podinfo`, `podinfo.test` and `podinfo.test.svc.cluster.local` in namespace test all are. */
function sameHost(a, b, namespace) {
    const norm = (h) => {
        const parts = h.split('.');
        return `${parts[0]}.${parts[1] ?? namespace}`;
    };
    return a === b || norm(a) === norm(b);
}
function subsetLabels(dr, subset) {
    const spec = (0,object/* isObject */.G)(dr.spec) ? dr.spec : {};
    const subsets = Array.isArray(spec.subsets) ? spec.subsets : [];
    const s = subsets.filter(object/* isObject */.G).find((x) => x.name === subset);
    return s && (0,object/* isObject */.G)(s.labels) ? s.labels : null;
}
/**
 * Reads and validates the manifests (or takes `docs`, already loaded by loadManifests) and
 * finds the route, subsets, Deployments and canary container, reading the cluster where the
 * manifests do not say. When the command will apply the manifests, the whole batch is then
 * dry-run on the server (dryRun=All) so that any document the server refuses is named before
 * the first write. Throws ManifestError listing every problem found; performs no write.
 */
async function resolveTarget(settings, kube, options) {
    const docs = options.docs ?? (await loadManifests(settings, options.cwd));
    const target = await resolve(settings, kube, docs, options);
    const applies = settings.command === 'run' ||
        settings.command === 'step' ||
        (settings.dryRun && settings.command !== 'status' && settings.command !== 'cleanup');
    if (target && applies && target.docs.length) {
        const problems = await (0,manifests/* dryRunManifests */.t5)(kube, withPreviewNamespace(settings, target.docs), {
            logger: options.logger ?? SILENT,
            signal: options.signal,
        });
        if (problems.length)
            throw new manifests/* ManifestError */.Sh(problems);
    }
    return target;
}
/**
 * The documents as the cluster will see them: a preview's namespace is created by the command
 * before the first write (ensurePreviewNamespace), so the checks count it as part of the batch
 * (a preview dry run must not fail on a namespace the real run would create).
 */
function withPreviewNamespace(settings, docs) {
    if (!settings.preview ||
        docs.some((d) => d.object.kind === 'Namespace' && d.object.metadata?.name === settings.namespace))
        return docs;
    return [{ file: '(the preview namespace)', index: 0, object: (0,preview/* previewNamespace */.Gf)(settings) }, ...docs];
}
const SILENT = { info: () => { }, warning: () => { }, error: () => { }, debug: () => { } };
/**
 * Stable and canary must be two different Deployments, each selected by its own subset only:
 * a canary subset that selects the stable pods (the same labels, or other labels those pods
 * also carry) would have the finalize scale stable down as "the canary", and a subset that
 * also selects the other version's pods would mix both versions in one judged subset. Returns
 * the problem (naming the subsets, their labels and the Deployments each matches), or null.
 */
function subsetOverlap(stable, canary, deployments, drName) {
    const named = (n) => deployments.find((d) => d.metadata?.name === n) ?? null;
    const selects = (labels, name) => {
        const d = named(name);
        return d !== null && (0,manifests/* matchesLabels */.r1)((0,manifests/* podLabels */.z8)(d), labels);
    };
    const same = stable.deployment !== null && stable.deployment === canary.deployment;
    const stableSelectsCanary = !same && selects(stable.labels, canary.deployment);
    const canarySelectsStable = !same && selects(canary.labels, stable.deployment);
    if (!same && !stableSelectsCanary && !canarySelectsStable)
        return null;
    const all = (labels) => deployments
        .filter((d) => (0,manifests/* matchesLabels */.r1)((0,manifests/* podLabels */.z8)(d), labels))
        .map((d) => (0,one_line/* oneLine */.TN)(d.metadata?.name ?? '?'));
    const describeSubset = (p, role) => {
        const m = all(p.labels);
        return `${role} subset "${(0,one_line/* oneLine */.TN)(p.subset)}" (labels ${(0,one_line/* oneLine */.TN)(JSON.stringify(p.labels))}) selects ${m.length ? m.join(', ') : 'no Deployment'}`;
    };
    const why = same
        ? `both subsets select the pods of the same Deployment ${(0,one_line/* oneLine */.TN)(stable.deployment)}, so the "canary" would be the stable version (finalize would scale it down)`
        : `a subset also selects the other version's pods, so its traffic and metrics would mix both versions`;
    return `${drName}: ${describeSubset(stable, 'stable')}; ${describeSubset(canary, 'canary')}: ${why}. Stable and canary must be two different Deployments, each selected by exactly one subset: give each subset a label only its own Deployment's pods carry (e.g. version: stable / version: canary). Nothing was written`;
}
/** resolveTarget's work; with `kube` null only what the manifests decide is checked, and null is returned. */
async function resolve(settings, kube, docs, options) {
    // rollback, status and cleanup change no canary: canary-image is ignored (as runPromotion does).
    if (settings.command === 'rollback' || settings.command === 'status' || settings.command === 'cleanup')
        settings = { ...settings, canaryImage: null };
    const namespace = settings.namespace;
    const problems = [];
    // Manifests and cluster are both read-only so far; cluster checks only when there is something to apply.
    if (docs.length && kube) {
        const clusterProblems = await (0,manifests/* checkAgainstCluster */.oD)(kube, withPreviewNamespace(settings, docs), options.signal);
        if (clusterProblems.length)
            throw new manifests/* ManifestError */.Sh(clusterProblems);
    }
    const ofKind = (kind) => docs.filter((d) => d.object.kind === kind);
    const nsOf = (o) => o.metadata?.namespace ?? namespace;
    let selection;
    let vsApiVersion;
    let vsNamespace;
    let stableLabels;
    let canaryLabels;
    // Istio sends a subset's traffic to the pods of the host's Service that carry the subset's
    // labels: the Service's selector narrows the Deployments a subset picks (two apps with a
    // `version: canary` each are told apart by it). Empty when the host is no known Service.
    let hostSelector = {};
    /** What defines the two sides' labels, for messages: the DestinationRule, or the HTTPRoute's Services. */
    let sourceName;
    let httpSelection;
    if (routeKindOf(settings, docs) === 'http-route') {
        // A Gateway API HTTPRoute rule: its stable and canary Services, their selectors the labels.
        const side = await httpRouteSide(settings, kube, docs, namespace, options.signal);
        if (!side)
            return null;
        ({ selection, httpSelection, vsNamespace, stableLabels, canaryLabels, sourceName } = side);
        vsApiVersion = http_route/* GATEWAY_API_VERSION */.nJ;
    }
    else {
        // The VirtualService: from the manifests when they have one, else from the cluster.
        let vsDocs = ofKind('VirtualService').map((d) => d.object);
        vsApiVersion = vsDocs[0]?.apiVersion ?? null;
        if (vsDocs.length === 0) {
            if (!kube)
                return null;
            const live = await listIstio(kube, 'VirtualService', namespace, options.signal);
            if (!live.apiVersion)
                throw new manifests/* ManifestError */.Sh([
                    `the cluster serves no VirtualService (networking.istio.io): is Istio installed?`,
                ]);
            vsDocs = live.items;
            vsApiVersion = live.apiVersion;
        }
        try {
            // A strategy's inserted routes (a rerun reads them live) are not counted: see strategy/virtual-service.ts.
            selection = (0,plan/* selectRoute */.W7)(vsDocs.map(virtual_service/* withoutInsertedRoutesVs */.OP), {
                virtualService: settings.virtualService,
                route: settings.route,
                stableSubset: settings.stableSubset,
                canarySubset: settings.canarySubset,
            });
        }
        catch (err) {
            if (err instanceof plan/* PlanError */.W6)
                throw new manifests/* ManifestError */.Sh([err.message]);
            throw err;
        }
        vsNamespace = selection.namespace ?? namespace;
        // The DestinationRule that defines both subsets for the canary's host.
        const host = selection.canary.host;
        const forHost = (dr) => (0,object/* isObject */.G)(dr.spec) && typeof dr.spec.host === 'string' && sameHost(dr.spec.host, host, nsOf(dr));
        let drs = ofKind('DestinationRule')
            .map((d) => d.object)
            .filter(forHost);
        if (drs.length === 0) {
            if (!kube)
                return null;
            drs = (await listIstio(kube, 'DestinationRule', vsNamespace, options.signal)).items.filter(forHost);
        }
        const dr = drs[0];
        if (!dr)
            throw new manifests/* ManifestError */.Sh([
                `no DestinationRule for host ${(0,one_line/* oneLine */.TN)(host)} (needed for subsets ${(0,one_line/* oneLine */.TN)(selection.stable.subset)} and ${(0,one_line/* oneLine */.TN)(selection.canary.subset)})`,
            ]);
        hostSelector = await serviceSelector(host, vsNamespace, ofKind('Service'), kube, options.signal);
        stableLabels = subsetLabels(dr, selection.stable.subset);
        canaryLabels = subsetLabels(dr, selection.canary.subset);
        sourceName = `DestinationRule ${(0,one_line/* oneLine */.TN)(dr.metadata?.name ?? '?')}`;
        for (const [subset, labels] of [
            [selection.stable.subset, stableLabels],
            [selection.canary.subset, canaryLabels],
        ])
            if (!labels)
                problems.push(`DestinationRule ${dr.metadata?.name ?? '?'} (host ${(0,one_line/* oneLine */.TN)(host)}) has no subset "${(0,one_line/* oneLine */.TN)(subset)}" with labels`);
        if (problems.length || !stableLabels || !canaryLabels)
            throw new manifests/* ManifestError */.Sh(problems);
    }
    if (!stableLabels || !canaryLabels)
        throw new manifests/* ManifestError */.Sh(problems);
    // The Deployments whose pods carry the subset labels.
    const manifestDeps = ofKind('Deployment');
    if (manifestDeps.length === 0 && !kube)
        return null;
    const liveDeps = manifestDeps.length || !kube
        ? []
        : (await kube.list('apps/v1', 'Deployment', vsNamespace, { signal: options.signal })).items;
    // Where a subset's Deployments are looked for: the manifests when they have Deployments, else the cluster.
    const candidates = manifestDeps.length ? manifestDeps.map((d) => d.object) : liveDeps;
    // The host's Service selector narrows the subset's Deployments; when it leaves none (a
    // Service that selects no pod), the subset labels alone pick them and the probe names the
    // Service (probe.ts), a clearer message than "no Deployment".
    const matching = (labels) => {
        const of = (want) => candidates.filter((d) => (0,manifests/* matchesLabels */.r1)((0,manifests/* podLabels */.z8)(d), want)).map((d) => d.metadata?.name ?? '?');
        const narrowed = of({ ...hostSelector, ...labels });
        return narrowed.length ? narrowed : of(labels);
    };
    const pick = (labels, subset, required) => {
        const names = matching(labels).map(one_line/* oneLine */.TN);
        if (names.length > 1) {
            problems.push(`${names.length} Deployments match subset "${(0,one_line/* oneLine */.TN)(subset)}" (${(0,one_line/* oneLine */.TN)(JSON.stringify(labels))}): ${names.join(', ')}; exactly one is needed`);
            return null;
        }
        if (names.length === 0 && required)
            problems.push(`no Deployment has pod labels ${(0,one_line/* oneLine */.TN)(JSON.stringify(labels))} of subset "${(0,one_line/* oneLine */.TN)(subset)}"${manifestDeps.length ? ' in the manifests' : ` in namespace ${vsNamespace}`}`);
        return names[0] ?? null;
    };
    const canaryDeployment = pick(canaryLabels, selection.canary.subset, settings.canaryImage !== null || settings.command === 'run' || settings.command === 'step');
    const stableDeployment = pick(stableLabels, selection.stable.subset, settings.finalize === 'promote-stable' && settings.command !== 'status');
    if (problems.length)
        throw new manifests/* ManifestError */.Sh(problems);
    const overlap = subsetOverlap({ subset: selection.stable.subset, labels: stableLabels, deployment: stableDeployment }, { subset: selection.canary.subset, labels: canaryLabels, deployment: canaryDeployment }, candidates, sourceName);
    if (overlap)
        throw new manifests/* ManifestError */.Sh([overlap]);
    // The canary container canary-image changes, and the image: only that container gets it.
    const findDoc = (name) => name ? docs.find((d) => d.object.kind === 'Deployment' && d.object.metadata?.name === name) : undefined;
    const liveDep = async (name) => {
        if (!name)
            return null;
        const listed = liveDeps.find((d) => d.metadata?.name === name);
        if (listed || !kube)
            return listed ?? null;
        return kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: vsNamespace }, { signal: options.signal });
    };
    const canaryDoc = findDoc(canaryDeployment);
    const canaryObject = canaryDoc?.object ?? (await liveDep(canaryDeployment));
    let canaryImage = settings.canaryImage;
    let canaryContainer = null;
    if (canaryObject) {
        const stableObject = findDoc(stableDeployment)?.object ?? (await liveDep(stableDeployment));
        const containers = (0,manifests/* containersOf */.Mz)(canaryObject);
        const decidable = kube !== null || stableObject !== null || containers.length <= 1 || settings.container !== null;
        if (decidable) {
            try {
                canaryContainer = (0,manifests/* selectCanaryContainer */.Ws)(canaryObject, stableObject, settings.container);
            }
            catch (err) {
                if (!(err instanceof manifests/* ContainerSelectionError */.gF))
                    throw err;
                // Without canary-image, nothing is changed: the report shows the first container's image.
                if (canaryImage)
                    throw new manifests/* ManifestError */.Sh([err.message]);
            }
        }
        else if (!kube && canaryImage)
            return null;
        // A copy of the list: the documents passed in stay as read (checkTargetOffline runs first).
        if (canaryImage && canaryDoc && canaryContainer)
            docs = docs.map((d) => d === canaryDoc ? { ...d, object: (0,manifests/* withImage */.Mo)(d.object, canaryImage, canaryContainer) } : d);
        if (!canaryImage)
            canaryImage = containers.find((c) => c.name === canaryContainer)?.image || containers[0]?.image || null;
    }
    if (!settings.canaryImage)
        canaryContainer = null;
    return {
        namespace: vsNamespace,
        docs,
        selection,
        vsApiVersion: vsApiVersion ?? 'networking.istio.io/v1',
        ...(httpSelection ? { routeKind: 'http-route', httpSelection } : {}),
        stableLabels,
        canaryLabels,
        stableDeployment,
        canaryDeployment,
        canaryImage,
        canaryContainer,
    };
}
/**
 * The identity of http[index] of a VirtualService: its name when it has one, else its match
 * and the subsets it sends to (with the selection's two, which the first step may add). Null
 * when there is no such route. A promotion records it, so that a route inserted before the one
 * it steps is never stepped in its place.
 */
function routeIdentity(vs, selection, index = selection.routeIndex) {
    const route = (0,views/* virtualServiceView */.Mu)(vs).http[index];
    if (!route)
        return null;
    if (route.name)
        return `name ${route.name}`;
    const subsets = new Set(route.destinations.map((d) => d.subset ?? '?'));
    subsets.add(selection.stable.subset);
    subsets.add(selection.canary.subset);
    return `match ${JSON.stringify(route.raw.match ?? null)} to ${[...subsets].sort().join(',')}`;
}
/**
 * The selected route of the live VirtualService is not the one the recorded promotion steps
 * (another route was inserted before it, it was renamed or its match changed), or it no longer
 * sends to both subsets while the state says the canary has traffic: stepping, taking over or
 * rolling back that route would write weights to a route the canary is not on and record a
 * weight the canary does not have. Returns the problem naming the routes, or null.
 */
function recordedRouteProblem(vs, selection, state, vsName) {
    if (!vs || !state)
        return null;
    const routes = (0,views/* virtualServiceView */.Mu)(vs).http;
    const route = routes[selection.routeIndex];
    const live = routeIdentity(vs, selection);
    const subsets = route ? route.destinations.map((d) => d.subset) : [];
    const both = subsets.includes(selection.stable.subset) && subsets.includes(selection.canary.subset);
    const moved = state.route !== undefined && live !== state.route;
    if (!moved && (both || state.weight === 0))
        return null;
    const describeRoute = (i) => `http[${i}] (${(0,one_line/* oneLine */.TN)(routeIdentity(vs, selection, i) ?? 'none')})`;
    const found = state.route
        ? routes.findIndex((_, i) => routeIdentity(vs, selection, i) === state.route)
        : -1;
    const selected = `the selected route ${describeRoute(selection.routeIndex)}`;
    const what = moved
        ? `${selected} of ${vsName} is not the route this promotion recorded (${(0,one_line/* oneLine */.TN)(state.route)})`
        : `${selected} of ${vsName} does not send to both subsets ${(0,one_line/* oneLine */.TN)(selection.stable.subset)} and ${(0,one_line/* oneLine */.TN)(selection.canary.subset)}, though the promotion recorded canary ${state.weight}%`;
    const where = found >= 0
        ? `; the recorded route is now http[${found}]: select it with --route ${found}${routes[found]?.name ? ` (or --route ${(0,one_line/* oneLine */.TN)(routes[found].name)})` : ''}, as the live VirtualService numbers its routes (without manifests, or with manifests whose VirtualService has the same routes)`
        : `; live routes: ${routes.map((_, i) => describeRoute(i)).join(', ') || 'none'}`;
    return `${what}${where}. Nothing was written (take-over does not change the route a promotion is on)`;
}
/**
 * The subsets as the live DestinationRules define them now (after the apply: another writer,
 * or a DestinationRule the manifests do not hold, decides what the subsets select): each must
 * exist, select only its own Deployment's pods, and the canary subset the canary Deployment.
 * Returns the problem, or null.
 */
async function liveSubsetProblem(kube, target, signal) {
    const { selection, namespace } = target;
    const host = selection.canary.host;
    const drs = (await listIstio(kube, 'DestinationRule', namespace, signal)).items.filter((dr) => (0,object/* isObject */.G)(dr.spec) &&
        typeof dr.spec.host === 'string' &&
        sameHost(dr.spec.host, host, dr.metadata?.namespace ?? namespace));
    if (!drs.length)
        return `no live DestinationRule for host ${(0,one_line/* oneLine */.TN)(host)} in namespace ${namespace} (needed for subsets ${(0,one_line/* oneLine */.TN)(selection.stable.subset)} and ${(0,one_line/* oneLine */.TN)(selection.canary.subset)})`;
    const deployments = (await kube.list('apps/v1', 'Deployment', namespace, { signal })).items;
    const named = (n) => deployments.find((d) => d.metadata?.name === n) ?? null;
    for (const dr of drs) {
        const drName = `live DestinationRule ${(0,one_line/* oneLine */.TN)(dr.metadata?.name ?? '?')}`;
        const stable = subsetLabels(dr, selection.stable.subset);
        const canary = subsetLabels(dr, selection.canary.subset);
        if (!stable || !canary)
            return `${drName} (host ${(0,one_line/* oneLine */.TN)(host)}) has no subset "${(0,one_line/* oneLine */.TN)(!stable ? selection.stable.subset : selection.canary.subset)}" with labels`;
        const overlap = subsetOverlap({ subset: selection.stable.subset, labels: stable, deployment: target.stableDeployment }, { subset: selection.canary.subset, labels: canary, deployment: target.canaryDeployment }, deployments, drName);
        if (overlap)
            return overlap;
        for (const [role, subset, labels, name] of [
            ['canary', selection.canary.subset, canary, target.canaryDeployment],
            ['stable', selection.stable.subset, stable, target.stableDeployment],
        ]) {
            const d = named(name);
            if (d && !(0,manifests/* matchesLabels */.r1)((0,manifests/* podLabels */.z8)(d), labels))
                return `${drName}: ${role} subset "${(0,one_line/* oneLine */.TN)(subset)}" (labels ${(0,one_line/* oneLine */.TN)(JSON.stringify(labels))}) does not select the ${role} Deployment ${(0,one_line/* oneLine */.TN)(name)} (pod labels ${(0,one_line/* oneLine */.TN)(JSON.stringify((0,manifests/* podLabels */.z8)(d)))}), so its traffic and metrics would not be the ${role}'s. Give the subset the labels of the ${role} pods`;
        }
    }
    return null;
}
/**
 * The selector of the Service a destination host names (`name`, `name.ns`, `name.ns.svc…`), from
 * the manifests, else the cluster; {} when it is no Service there (an external host, a
 * ServiceEntry), has no selector, or cannot be read (the subset labels alone then decide).
 */
async function serviceSelector(host, namespace, docs, kube, signal) {
    const [name, ns = namespace] = host.split('.');
    if (!name)
        return {};
    const selectorOf = (svc) => {
        const sel = (0,object/* isObject */.G)(svc?.spec) ? svc.spec.selector : undefined;
        return (0,object/* isObject */.G)(sel) && Object.values(sel).every((v) => typeof v === 'string')
            ? sel
            : {};
    };
    const doc = docs.find((d) => d.object.metadata?.name === name && (d.object.metadata?.namespace ?? namespace) === ns);
    if (doc)
        return selectorOf(doc.object);
    if (!kube)
        return {};
    try {
        return selectorOf(await kube.get({ apiVersion: 'v1', kind: 'Service', name, namespace: ns }, { signal }));
    }
    catch (err) {
        if (signal?.aborted)
            throw err;
        return {};
    }
}


/***/ }),

/***/ 12011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ formatCount),
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   CW: () => (/* binding */ formatDelta),
/* harmony export */   MJ: () => (/* binding */ formatFraction),
/* harmony export */   N6: () => (/* binding */ isFailure),
/* harmony export */   _V: () => (/* binding */ formatMs),
/* harmony export */   _X: () => (/* binding */ errorRatePct),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   h9: () => (/* binding */ durationBetween),
/* harmony export */   jr: () => (/* binding */ DASH),
/* harmony export */   s6: () => (/* binding */ chartNumber)
/* harmony export */ });
const DASH = '–';
function finite(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
/** Milliseconds with precision that suits the magnitude: 0.42, 4.21, 42.1, 421. */
function formatMs(value) {
    if (!finite(value))
        return DASH;
    if (value < 10)
        return value.toFixed(2);
    if (value < 100)
        return value.toFixed(1);
    return Math.round(value).toString();
}
/** A fraction as a percentage: 1 → "100%", 0.99953 → "99.95%". */
function formatFraction(value) {
    if (!finite(value))
        return DASH;
    const pct = value * 100;
    if (pct === 100 || pct === 0)
        return `${pct}%`;
    return `${pct.toFixed(2)}%`;
}
function formatRate(value) {
    return finite(value) ? value.toFixed(1) : DASH;
}
function formatCount(value) {
    return finite(value) ? Math.round(value).toLocaleString('en-US') : DASH;
}
/** Relative difference of canary against stable: "+18%", "−5%", "±0%", or "" when not computable. */
function formatDelta(stable, canary) {
    if (!finite(stable) || !finite(canary) || stable <= 0)
        return '';
    const pct = Math.round(((canary - stable) / stable) * 100);
    if (pct === 0)
        return '±0%';
    return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}
/** 850 → "850ms", 45_000 → "45s", 90_000 → "1m 30s", 3_723_000 → "1h 2m 3s". */
function formatDuration(ms) {
    if (!finite(ms) || ms < 0)
        return DASH;
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
/**
 * The canary failed: rolled back, or held because its last step did not pass (a promotion held
 * on purpose, by `step` or a schedule ending below 100, ends with a passing step).
 */
function isFailure(report) {
    if (report.status === 'rolled-back')
        return true;
    return report.status === 'held' && (report.history.at(-1)?.verdict.outcome ?? 'pass') !== 'pass';
}


/***/ }),

/***/ 31212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i8: () => (/* binding */ formatInputError),
  P$: () => (/* binding */ parseSettings),
  xw: () => (/* binding */ serviceSettings)
});

// UNUSED EXPORTS: INPUT_NAMES

// EXTERNAL MODULE: ./src/strategy/spec.ts
var spec = __webpack_require__(5286);
// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(57856);
// EXTERNAL MODULE: ./src/kube/errors.ts
var kube_errors = __webpack_require__(23646);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./src/github-context.ts
// The GitHub run context, read once from the runner's environment ($GITHUB_*, the event
// payload file): the only place that reads them.


function readEvent(path) {
    if (!path)
        return null;
    try {
        const parsed = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return typeof parsed === 'object' && parsed !== null ? parsed : null;
    }
    catch {
        return null;
    }
}
/** The GitHub run context, read once from the runner's environment. */
function readGithubContext(env) {
    const nonEmpty = (k) => (env[k] && env[k] !== '' ? env[k] : null);
    const event = readEvent(env.GITHUB_EVENT_PATH);
    const ref = nonEmpty('GITHUB_REF');
    const branch = nonEmpty('GITHUB_HEAD_REF') ?? (ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null);
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
        tempDir: nonEmpty('RUNNER_TEMP') ?? (0,external_node_os_.tmpdir)(),
        workspace: nonEmpty('GITHUB_WORKSPACE'),
    };
}
/** The PR number from the event payload (pull_request, pull_request_target, issue_comment). */
function eventPrNumber(github) {
    const pr = github.event?.pull_request ?? github.event?.issue;
    if (typeof pr === 'object' && pr !== null && typeof pr.number === 'number')
        return pr.number;
    const n = github.event?.number;
    return typeof n === 'number' ? n : null;
}

// EXTERNAL MODULE: ./src/metrics/check-spec.ts
var check_spec = __webpack_require__(14345);
// EXTERNAL MODULE: ./src/gates/spec.ts
var gates_spec = __webpack_require__(49369);
// EXTERNAL MODULE: ./src/gitops/rules.ts
var rules = __webpack_require__(31671);
// EXTERNAL MODULE: ./src/input-parsers.ts
var input_parsers = __webpack_require__(50926);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(76670);
// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
;// CONCATENATED MODULE: ./src/settings.ts










/** One line per error: `steps: "10,5,200" is not accepted: ... Accepted: ...`. */
function formatInputError(e) {
    const accepts = (0,contract/* inputSpec */.mm)(e.input)?.accepts;
    // A URL's credentials (userinfo, secret-looking query values) are secrets even in an input
    // that is refused: every URL-shaped value is shown through the one URL redaction.
    const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(e.value.trim()) ? (0,redact/* showUrl */.jr)(e.value.trim()) : e.value;
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return `${e.input}: ${JSON.stringify(shown)} ${e.message}${accepts ? ` (accepted: ${accepts})` : ''}`;
}
/**
 * Every input parsed and validated. Pure but for reading the event payload file named by
 * $GITHUB_EVENT_PATH. All errors are returned together; nothing here touches a cluster.
 */
function parseSettings(input, env = {}) {
    const errors = [];
    const raw = (name) => {
        const v = input(name);
        return v.trim() === '' ? ((0,contract/* inputSpec */.mm)(name)?.default ?? '') : v;
    };
    function field(name, parse, fallback) {
        const value = raw(name);
        if (value.trim() === '')
            return fallback;
        try {
            return parse(value);
        }
        catch (e) {
            errors.push({
                input: name,
                // A URL is shown without its credentials by formatInputError (src/redact.ts showUrl).
                value: (0,contract/* inputSpec */.mm)(name)?.secret ? '***' : value,
                message: e instanceof input_parsers/* InvalidValueError */.$x ? e.message : String(e),
            });
            return fallback;
        }
    }
    /** The strategy inputs, judged together (which go with which strategy), each problem under its input. */
    function strategySpec() {
        // The action passes each input's default when it is not set: a default is "not set" here,
        // so that `iterations: 1` alone does not count as an input given to the wrong strategy.
        const given = (n) => (input(n).trim() === ((0,contract/* inputSpec */.mm)(n)?.default ?? '') ? '' : input(n));
        const r = (0,spec/* strategyFromInputs */.fb)(Object.fromEntries(spec/* STRATEGY_INPUT_NAMES */.IH.map((n) => [n, given(n)])));
        if ('spec' in r)
            return r.spec;
        for (const p of r.problems)
            errors.push({ input: p.input, value: p.value, message: p.message });
        return spec/* DEFAULT_STRATEGY */.iF;
    }
    const github = readGithubContext(env);
    const command = field('command', (0,input_parsers/* parseEnum */.nL)(contract/* COMMANDS */.Lo), 'run');
    const cluster = field('cluster', (0,input_parsers/* parseEnum */.nL)(contract/* CLUSTERS */.oy), 'existing');
    const manifests = field('manifests', input_parsers/* parseManifests */.Ye, []);
    const steps = field('steps', input_parsers/* parseSteps */.$i, [10, 25, 50, 100]);
    const loadUrl = field('load-url', input_parsers/* parseUrl */.Dl, null);
    const strategy = strategySpec();
    // A lockstep run whose every service names its load-url has a load target as if load-url were set.
    const loadTarget = loadUrl !== null ||
        (strategy.services.length > 0 && strategy.services.every((sv) => sv.loadUrl !== null));
    const prometheusUrl = field('prometheus-url', input_parsers/* parsePrometheusUrl */.bP, null);
    const metricsRaw = raw('metrics').trim();
    const metrics = metricsRaw === ''
        ? loadTarget || cluster === 'sim'
            ? 'loadgen'
            : 'prometheus'
        : field('metrics', (0,input_parsers/* parseEnum */.nL)(contract/* METRICS_SOURCES */.zk), 'loadgen');
    const preview = field('preview', input_parsers/* parseBoolean */.yG, false);
    const intervalAuto = raw('interval').trim().toLowerCase() === 'auto';
    const maxIntervalMs = field('max-interval', (0,input_parsers/* parseDurationBetween */.GE)(1000, 86_400_000), 600_000);
    const prNumber = field('pr-number', (0,input_parsers/* parseInteger */.cG)(1, Number.MAX_SAFE_INTEGER), null) ?? eventPrNumber(github);
    const namespaceInput = raw('namespace').trim();
    let namespace = field('namespace', input_parsers/* parseDnsLabel */.Rb, 'default');
    if (preview) {
        if (prNumber === null)
            errors.push({
                input: 'preview',
                value: 'true',
                message: 'needs a pull request number: run on a pull_request event or set pr-number',
            });
        else
            namespace = `pr-${prNumber}`;
    }
    const settings = {
        command,
        cluster,
        kubeconfig: field('kubeconfig', input_parsers/* parseKubeconfig */.DU, null),
        kubeconfigPath: env.KUBECONFIG && env.KUBECONFIG !== '' ? env.KUBECONFIG : null,
        context: field('context', input_parsers/* parseContext */.DO, null),
        kindVersion: field('kind-version', (0,input_parsers/* parseVersion */.ot)(true), 'v0.32.0'),
        minikubeVersion: field('minikube-version', (0,input_parsers/* parseVersion */.ot)(true), 'v1.38.1'),
        istioVersion: field('istio-version', (0,input_parsers/* parseVersion */.ot)(false), '1.30.3'),
        istioProfile: field('istio-profile', (0,input_parsers/* parseEnum */.nL)(contract/* ISTIO_PROFILES */.AS), 'demo'),
        clusterName: field('cluster-name', input_parsers/* parseDnsLabel */.Rb, 'istio-canary'),
        cleanupCluster: field('cleanup-cluster', (0,input_parsers/* parseEnum */.nL)(contract/* CLUSTER_CLEANUP_MODES */.dk), 'auto'),
        installPrometheus: field('install-prometheus', input_parsers/* parseBoolean */.yG, true),
        namespace,
        manifests,
        canaryImage: field('canary-image', input_parsers/* parseImage */.zZ, null),
        container: field('container', input_parsers/* parseDnsLabel */.Rb, null),
        virtualService: field('virtual-service', input_parsers/* parseName */.$q, null),
        route: field('route', input_parsers/* parseRoute */.ZG, null),
        stableSubset: field('stable-subset', input_parsers/* parseName */.$q, null),
        canarySubset: field('canary-subset', input_parsers/* parseName */.$q, null),
        steps,
        intervalMs: intervalAuto
            ? maxIntervalMs
            : field('interval', (0,input_parsers/* parseDurationBetween */.GE)(1000, 86_400_000), 60_000),
        intervalAuto,
        maxIntervalMs,
        falseRollbackRate: field('false-rollback-rate', (0,input_parsers/* parsePercentageBetween */._0)(0.0001, 0.1), 0.01),
        checks: field('checks', check_spec/* parseChecks */.B2, []),
        gates: field('gates', gates_spec/* parseGates */.MJ, []),
        strategy,
        gitBase: field('git-base', input_parsers/* parseGitBranch */.mK, null),
        limits: {
            minRequests: field('min-requests', (0,input_parsers/* parseInteger */.cG)(1, 1_000_000_000), 50),
            maxErrorRate: field('max-error-rate', (0,input_parsers/* parsePercentageBetween */._0)(0, 1), 0.01),
            maxP99Ms: field('max-p99-ms', (0,input_parsers/* parsePositiveNumber */.uH)(3_600_000), null),
            maxLatencyRegression: field('max-latency-regression', (0,input_parsers/* parsePercentageBetween */._0)(0, 100), 0.25),
        },
        metrics,
        loadUrl,
        loadHost: field('load-host', input_parsers/* parseHost */.o6, null),
        loadRps: field('load-rps', (0,input_parsers/* parsePositiveNumber */.uH)(input_parsers/* MAX_LOAD_RPS */.so), 50),
        loadConnections: field('load-connections', (0,input_parsers/* parseInteger */.cG)(1, input_parsers/* MAX_LOAD_CONNECTIONS */.eq), 8),
        prometheusUrl,
        prometheusAuth: field('prometheus-auth', input_parsers/* parseHeaderValue */.eT, null),
        finalize: field('finalize', (0,input_parsers/* parseEnum */.nL)(contract/* FINALIZE_MODES */.Q5), 'promote-stable'),
        onFailure: field('on-failure', (0,input_parsers/* parseEnum */.nL)(contract/* FAILURE_MODES */.Sb), 'rollback'),
        onCancel: field('on-cancel', (0,input_parsers/* parseEnum */.nL)(contract/* FAILURE_MODES */.Sb), 'rollback'),
        rolloutTimeoutMs: field('rollout-timeout', (0,input_parsers/* parseDurationBetween */.GE)(1000, 86_400_000), 300_000),
        dryRun: field('dry-run', input_parsers/* parseBoolean */.yG, false),
        preview,
        prNumber,
        githubToken: raw('github-token').trim() === '' || raw('github-token').includes('${{')
            ? null
            : field('github-token', input_parsers/* parseToken */.pI, null),
        comment: field('comment', (0,input_parsers/* parseEnum */.nL)(contract/* COMMENT_MODES */.p8), 'always'),
        takeOver: field('take-over', input_parsers/* parseBoolean */.yG, false),
        proxy: (0,proxy/* withDirectHosts */.vI)((0,proxy/* proxyEnvFrom */.IA)(env), env.KUBERNETES_SERVICE_HOST ? [env.KUBERNETES_SERVICE_HOST] : []),
        kubeTimeoutMs: (0,kube_errors/* kubeTimeoutMs */.r0)(env),
        github,
    };
    // Rules between inputs, checked only among inputs that are valid on their own (a bad
    // `cluster` must not also produce a complaint that follows from its fallback value).
    const bad = new Set(errors.map((e) => e.input));
    const valid = (...names) => names.every((n) => !bad.has(n));
    const writes = ['run', 'step', 'promote'].includes(command);
    if (valid('preview', 'namespace') && preview && namespaceInput !== '' && namespaceInput !== 'default')
        errors.push({
            input: 'namespace',
            value: namespaceInput,
            message: 'cannot be set with preview: true (the namespace is pr-<number>)',
        });
    if (valid('command', 'preview') && command === 'cleanup' && !preview)
        errors.push({
            input: 'command',
            value: 'cleanup',
            message: 'deletes a preview environment and needs preview: true',
        });
    if (valid('metrics', 'cluster', 'command', 'load-url') &&
        settings.metrics !== 'prometheus' &&
        metricsRaw !== '' &&
        !loadTarget &&
        cluster !== 'sim' &&
        cluster !== 'kind' &&
        cluster !== 'minikube' &&
        writes &&
        command !== 'promote')
        errors.push({
            input: 'load-url',
            value: '',
            message: `is needed with metrics: ${settings.metrics} on an existing cluster`,
        });
    if (valid('metrics', 'cluster', 'command', 'prometheus-url') &&
        settings.metrics !== 'loadgen' &&
        !prometheusUrl &&
        cluster === 'existing' &&
        writes &&
        command !== 'promote')
        errors.push({
            input: 'prometheus-url',
            value: '',
            message: `is needed with metrics: ${settings.metrics} on an existing cluster`,
        });
    if (valid('cluster', 'kubeconfig') && settings.kubeconfig && cluster !== 'existing')
        errors.push({
            input: 'kubeconfig',
            value: '***',
            message: `is only used with cluster: existing (cluster is ${cluster})`,
        });
    if (valid('checks', 'cluster', 'prometheus-url', 'install-prometheus') &&
        settings.checks.length > 0 &&
        !prometheusUrl &&
        !((cluster === 'kind' || cluster === 'minikube') && settings.installPrometheus))
        errors.push({
            input: 'checks',
            value: settings.checks.map((c) => c.name).join(', '),
            message: `are PromQL queries and need a Prometheus: set prometheus-url${cluster === 'kind' || cluster === 'minikube' ? ' or install-prometheus: true' : ''}`,
        });
    if (valid('interval', 'max-interval') &&
        !intervalAuto &&
        raw('max-interval') !== ((0,contract/* inputSpec */.mm)('max-interval')?.default ?? ''))
        errors.push({
            input: 'max-interval',
            value: raw('max-interval'),
            message: 'is only used with interval: auto',
        });
    if (valid('finalize', 'github-token', 'manifests'))
        errors.push(...(0,rules/* gitPrSettingsProblems */.C)(settings));
    if (valid('services') && settings.strategy.services.length > 0)
        errors.push(...lockstepProblems(settings, { namespaceInput, virtualService: raw('virtual-service') }));
    if (settings.stableSubset && settings.stableSubset === settings.canarySubset)
        errors.push({
            input: 'canary-subset',
            value: settings.canarySubset ?? '',
            message: 'is the same as stable-subset',
        });
    return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}
/** The inputs that make no sense with `services` (each service names its own route object). */
function lockstepProblems(settings, given) {
    // cleanup deletes the preview namespace whatever the services (a workflow's PR-closed job
    // passes the same inputs): nothing here concerns it.
    const out = [];
    if (given.virtualService.trim() !== '')
        out.push({
            input: 'virtual-service',
            value: given.virtualService,
            message: 'cannot be set with services: each service names its own route object',
        });
    if (settings.preview)
        for (const s of settings.strategy.services)
            if (s.namespace !== null)
                out.push({
                    input: 'services',
                    value: s.name,
                    message: `sets namespace ${s.namespace}, but preview: true puts every service in pr-<number>`,
                });
    return out;
}
/**
 * The settings of each service of a lockstep run (`services`): the run's settings with the
 * service's route object, versions, manifests and load (the top-level inputs are their
 * defaults; the top-level manifests are applied with every service's), and no services of
 * their own. [] for a single-route run. Pure.
 */
function serviceSettings(settings) {
    const st = settings.strategy;
    return st.services.map((s) => {
        const http = s.routeKind === 'http-route';
        return {
            name: s.name,
            settings: {
                ...settings,
                namespace: s.namespace ?? settings.namespace,
                // The top-level manifests are shared (a Namespace, a Gateway); the service's own are added.
                manifests: [...settings.manifests, ...(s.manifests ?? [])],
                canaryImage: s.canaryImage ?? settings.canaryImage,
                container: s.container ?? settings.container,
                virtualService: http ? null : s.object,
                route: s.route ?? settings.route,
                stableSubset: http ? null : (s.stable ?? settings.stableSubset),
                canarySubset: http ? null : (s.canary ?? settings.canarySubset),
                loadUrl: s.loadUrl ?? settings.loadUrl,
                loadHost: s.loadHost ?? settings.loadHost,
                strategy: {
                    ...st,
                    services: [],
                    routeKind: s.routeKind,
                    httpRoute: http ? s.object : null,
                    stableService: http ? (s.stable ?? st.stableService) : null,
                    canaryService: http ? (s.canary ?? st.canaryService) : null,
                },
            },
        };
    });
}
/** The names every source must answer for (the contract's inputs, for the action). */
const INPUT_NAMES = contract/* INPUTS */.mc.filter((i) => !i.cliOnly).map((i) => i.name);


/***/ }),

/***/ 27794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JD: () => (/* binding */ pathPrefixMatches),
/* harmony export */   Oi: () => (/* binding */ compileStringMatch),
/* harmony export */   Xm: () => (/* binding */ compileRe2),
/* harmony export */   _Z: () => (/* binding */ re2Refusal)
/* harmony export */ });
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69313);
// String and path matchers of the routing table, with Envoy's semantics: Istio's StringMatch
// (exact / prefix / regex) and the Gateway API's path types. Regexes are RE2 in Envoy; JS RegExp
// is used with a whole-value anchor after refusing what RE2 lacks (lookaround, backreferences),
// so a pattern Istio would reject is reported instead of silently matching differently. Pure.

/** Why RE2 (Envoy's regex engine) would refuse `pattern`, or undefined when it is accepted. */
function re2Refusal(pattern) {
    let inClass = false;
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            const n = pattern[i + 1] ?? '';
            if (!inClass && /[1-9]/.test(n))
                return `backreference \\${n} (RE2 has no backreferences)`;
            if (!inClass && n === 'k' && pattern[i + 2] === '<')
                return 'named backreference \\k<…> (RE2 has no backreferences)';
            i++;
            continue;
        }
        if (inClass) {
            if (c === ']')
                inClass = false;
            continue;
        }
        if (c === '[') {
            inClass = true;
            // A ']' right after '[' or '[^' is a literal in RE2 and JS alike.
            if (pattern[i + 1] === '^')
                i++;
            if (pattern[i + 1] === ']')
                i++;
            continue;
        }
        if (c === '(' && pattern[i + 1] === '?') {
            const rest = pattern.slice(i + 2, i + 4);
            if (rest.startsWith('=') || rest.startsWith('!'))
                return 'lookahead (?= or (?! (RE2 has no lookaround)';
            if (rest === '<=' || rest === '<!')
                return 'lookbehind (?<= or (?<! (RE2 has no lookaround)';
        }
        if ((c === '*' || c === '+' || c === '?' || c === '}') && pattern[i + 1] === '+')
            return `possessive quantifier ${c}+ (RE2 has none)`;
    }
    return undefined;
}
/**
 * An RE2 pattern as a JS RegExp matching the whole value (Envoy's safe_regex is a full match).
 * RE2's `(?P<name>` groups and a leading `(?i)` are translated. Throws with the reason on refusal.
 */
function compileRe2(pattern, ignoreCase = false) {
    const refusal = re2Refusal(pattern);
    if (refusal)
        throw new Error(`regex ${JSON.stringify(pattern)} is not RE2: ${refusal}`);
    let body = pattern.replace(/\(\?P</g, '(?<');
    let flags = ignoreCase ? 'i' : '';
    if (body.startsWith('(?i)')) {
        body = body.slice(4);
        flags = 'i';
    }
    try {
        return new RegExp(`^(?:${body})$`, flags);
    }
    catch (err) {
        throw new Error(`regex ${JSON.stringify(pattern)} does not compile: ${err.message}`, {
            cause: err,
        });
    }
}
/**
 * Istio's StringMatch ({exact}|{prefix}|{regex}, an empty {} meaning "present"); undefined when
 * `spec` is not an object. Throws (with the reason) on a regex Istio would reject.
 */
function compileStringMatch(spec, ignoreCase = false) {
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(spec))
        return undefined;
    const fold = (s) => (ignoreCase ? s.toLowerCase() : s);
    if (typeof spec.exact === 'string') {
        const e = fold(spec.exact);
        return (v) => v !== undefined && fold(v) === e;
    }
    if (typeof spec.prefix === 'string') {
        const p = fold(spec.prefix);
        return (v) => v !== undefined && fold(v).startsWith(p);
    }
    if (typeof spec.regex === 'string') {
        const re = compileRe2(spec.regex, ignoreCase);
        return (v) => v !== undefined && re.test(v);
    }
    return (v) => v !== undefined;
}
/**
 * The Gateway API's PathPrefix: element-wise, so "/foo" matches "/foo", "/foo/" and "/foo/bar" but
 * not "/foobar"; a trailing "/" in the value is ignored ("/foo/" ≡ "/foo").
 */
function pathPrefixMatches(prefix, path) {
    const p = prefix.replace(/\/+$/, '');
    if (p === '')
        return path.startsWith('/');
    return path === p || path.startsWith(`${p}/`);
}


/***/ }),

/***/ 86818:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ StrategyError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
// The one error of the strategy planning (issue 15): a bad combination of strategy, route and
// match found before anything is written. validateStrategy returns them all; the transforms
// throw one when called on a combination validation would have refused.

/** A bad combination: the message names the objects and what to change; `objects` lists them as `Kind namespace/name`. */
class StrategyError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
    code;
    objects;
    constructor(code, message, objects = []) {
        super(message);
        this.code = code;
        this.objects = objects;
    }
    /** JSON form (an Error's own fields are not enumerable). */
    toJSON() {
        return { code: this.code, message: this.message, objects: this.objects };
    }
}


/***/ }),

/***/ 65665:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ strategyStateHttpRoute),
/* harmony export */   BL: () => (/* binding */ normalizeGatewayMatch),
/* harmony export */   I$: () => (/* binding */ currentHttpRouteWeights),
/* harmony export */   YQ: () => (/* binding */ MAX_RULE_MATCHES),
/* harmony export */   ZZ: () => (/* binding */ withoutStrategyHttpRoute),
/* harmony export */   e$: () => (/* binding */ steppedRule),
/* harmony export */   fN: () => (/* binding */ withAbRuleHttpRoute),
/* harmony export */   lN: () => (/* binding */ httpRulesSendingTo),
/* harmony export */   lj: () => (/* binding */ insertedMatchHttpRoute),
/* harmony export */   nJ: () => (/* binding */ GATEWAY_API_VERSION),
/* harmony export */   og: () => (/* binding */ selectHttpRoute),
/* harmony export */   p5: () => (/* binding */ withMirrorHttpRoute),
/* harmony export */   s: () => (/* binding */ MAX_MATCH_HEADERS),
/* harmony export */   s4: () => (/* binding */ withPreviewRuleHttpRoute),
/* harmony export */   sX: () => (/* binding */ gatewayExtraOf),
/* harmony export */   sk: () => (/* binding */ recordedHttpRuleProblem),
/* harmony export */   tA: () => (/* binding */ MAX_RULES),
/* harmony export */   wG: () => (/* binding */ withHttpRouteWeight),
/* harmony export */   xq: () => (/* binding */ httpRuleIdentity)
/* harmony export */ });
/* unused harmony exports isStrategyRule, intersectGateway, withoutInsertedRuleHttpRoute, mirrorFilter, withoutMirrorHttpRoute */
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22464);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(69313);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86818);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69868);
// The Gateway API HTTPRoute (gateway.networking.k8s.io/v1) counterpart of plan.ts and
// strategy/virtual-service.ts (pure; every function returns a new object): which rule to step
// (its weighted backendRefs to the stable and the canary Service), the weights with the
// version response header (a ResponseHeaderModifier filter on each backendRef, as the
// VirtualService's headers.response.set), and the strategy changes: an A/B or preview rule
// before the stepped one (header `matches`), and a RequestMirror filter (`percent`, or
// `fraction` below 1%: both in the standard channel since Gateway API v1.3, GEP-3171). Also
// the guards' pure parts (promote/guards.ts, finalize.ts): the stepped rule's identity a
// promotion records, and the rules of any HTTPRoute still sending to the canary Service.
//
// The rules this module inserts carry no name (a rule `name` is refused by the v1.3 CRDs under
// strict field validation): they are recognised by their content, a rule with matches whose
// every backendRef is the canary Service tagged `x-istio-canary: canary`. HttpRouteSelection
// counts the rules WITHOUT them, like RouteSelection counts VirtualService routes.





const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
/** Gateway API limits (standard CRDs): rules per HTTPRoute, matches per rule, headers per match. */
const MAX_RULES = 16;
const MAX_RULE_MATCHES = 64;
const MAX_MATCH_HEADERS = 16;
const str = (v) => (typeof v === 'string' && v !== '' ? v : null);
const list = (v) => (Array.isArray(v) ? v.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G) : []);
const routeName = (r) => str((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(r.metadata) ? r.metadata.name : null) ?? '(unnamed)';
const routeLabel = (r) => `HTTPRoute ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(routeName(r))}`;
const isServiceRef = (ref) => (ref.kind === undefined || ref.kind === 'Service') && (ref.group === undefined || ref.group === '');
/** Whether a backendRef (or a rule's mirror backendRef) answers with `x-istio-canary: <version>`. */
function taggedAs(ref) {
    const rhm = list(ref.filters).find((f) => f.type === 'ResponseHeaderModifier')?.responseHeaderModifier;
    const set = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(rhm) ? list(rhm.set) : [];
    const h = set.find((x) => typeof x.name === 'string' && x.name.toLowerCase() === _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_HEADER */ .XP);
    return h ? str(h.value) : null;
}
/**
 * A rule this module inserted (A/B or preview): it has matches, and every backendRef is the
 * canary Service (`canaryService`; when null, any one Service) tagged `x-istio-canary: canary`.
 */
function isStrategyRule(rule, canaryService) {
    const refs = list(rule.backendRefs);
    const name = canaryService ?? refs[0]?.name;
    return (list(rule.matches).length > 0 &&
        refs.length > 0 &&
        typeof name === 'string' &&
        refs.every((r) => r.name === name && taggedAs(r) === 'canary'));
}
/** The rules mappings of a route (its own array elements). */
const rulesOf = (route) => list((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(route.spec) ? route.spec.rules : null);
/** The user's rules: all but the strategy rules for this canary Service. */
function userRules(route, canaryService) {
    return rulesOf(route).filter((r) => !isStrategyRule(r, canaryService));
}
/** The stepped rule's mapping (the selection's index over the user's rules), or null. */
function steppedRule(route, sel) {
    // Counted as selectHttpRoute counts (strategy rules of any canary Service skipped).
    return userRules(route, null)[sel.ruleIndex] ?? null;
}
function percents(refs) {
    const ws = refs.map((r) => (typeof r.weight === 'number' ? r.weight : 1));
    const sum = ws.reduce((a, b) => a + b, 0);
    return ws.map((w) => (sum === 0 ? 0 : Math.round((w / sum) * 100)));
}
function candidate(route, index, rule, want) {
    const label = `${routeLabel(route)} rules[${index}]${str(rule.name) ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(str(rule.name))})` : ''}`;
    const refs = list(rule.backendRefs);
    const pct = percents(refs);
    const named = refs
        .map((r, i) => ({
        host: null,
        subset: str(r.name),
        legacyName: null,
        weight: pct[i],
        index: i,
        service: isServiceRef(r),
    }))
        .filter((r) => r.subset !== null && r.service);
    const by = (s) => named.find((r) => r.subset === s);
    let stable;
    let canary;
    if (want.stableService && want.canaryService) {
        stable = by(want.stableService);
        if (!stable)
            return `${label}: no backendRef to Service "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(want.stableService)}"`;
        canary = by(want.canaryService) ?? { ...stable, subset: want.canaryService, weight: 0, index: -1 };
    }
    else if (want.stableService || want.canaryService) {
        const given = (want.stableService ?? want.canaryService);
        const found = by(given);
        const others = named.filter((r) => r.subset !== given);
        if (!found)
            return `${label}: no backendRef to Service "${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(given)}"`;
        if (others.length !== 1)
            return `${label}: ${others.length} other backendRefs; set both stable-service and canary-service`;
        [stable, canary] = want.stableService ? [found, others[0]] : [others[0], found];
    }
    else {
        if (named.length !== 2)
            return `${label}: ${named.length} Service backendRefs; expected 2 (stable and canary)`;
        const pair = (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .orderPair */ .dJ)(named[0], named[1]);
        stable = pair.stable;
        canary = pair.canary;
    }
    if (!stable || !canary)
        return `${label}: stable and canary backendRefs not found`;
    if (refs.length > 2 || (canary.index === -1 && refs.length > 1))
        return `${label}: ${refs.length} backendRefs; istio-canary steps rules that send to exactly the stable and the canary Service`;
    const meta = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(route.metadata) ? route.metadata : {};
    return {
        namespace: str(meta.namespace),
        httpRoute: routeName(route),
        ruleIndex: index,
        ruleName: str(rule.name),
        stable: { service: stable.subset, index: stable.index, weight: refs.length === 1 ? 100 : stable.weight },
        canary: { service: canary.subset, index: canary.index, weight: canary.index === -1 ? 0 : canary.weight },
    };
}
/**
 * Finds the HTTPRoute and rule to step and its stable and canary backendRefs (by the Service
 * names given, else two Service backendRefs ordered as plan.ts orders subsets). Strategy rules
 * (see module comment) are skipped. Throws a PlanError naming the inputs and the candidates.
 */
function selectHttpRoute(routes, want) {
    const httpRoutes = routes.filter((r) => r.kind === undefined || r.kind === 'HTTPRoute');
    const pool = want.httpRoute ? httpRoutes.filter((r) => routeName(r) === want.httpRoute) : httpRoutes;
    if (want.httpRoute && pool.length === 0)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`http-route: no HTTPRoute named "${want.httpRoute}"; found: ${httpRoutes.map(routeName).join(', ') || 'none'}`);
    if (pool.length === 0)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6('no HTTPRoute found in the manifests or the namespace');
    const found = [];
    const rejected = [];
    for (const route of pool) {
        userRules(route, null).forEach((rule, i) => {
            if (want.rule !== null && (typeof want.rule === 'number' ? i !== want.rule : rule.name !== want.rule))
                return;
            const c = candidate(route, i, rule, want);
            if (typeof c === 'string')
                rejected.push(c);
            else
                found.push(c);
        });
    }
    if (found.length === 1)
        return found[0];
    if (found.length === 0)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`no HTTPRoute rule sends to both a stable and a canary Service${rejected.length ? `:\n  - ${rejected.join('\n  - ')}` : ''}\nSet http-route, route, stable-service and canary-service to choose one.`);
    throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`${found.length} HTTPRoute rules could be stepped: ${found.map((s) => `${s.httpRoute} rules[${s.ruleIndex}]`).join('; ')}. Set http-route (and route) to choose one.`);
}
function steppedOrThrow(route, sel) {
    const rule = steppedRule(route, sel);
    if (!rule)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`${routeLabel(route)} has no rules[${sel.ruleIndex}] to step`);
    return rule;
}
/** Sets `x-istio-canary: <version>` in the backendRef's ResponseHeaderModifier filter (added when absent). */
function tagRef(ref, version) {
    const filters = Array.isArray(ref.filters) ? ref.filters : (ref.filters = []);
    let f = filters.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G).find((x) => x.type === 'ResponseHeaderModifier');
    if (!f)
        filters.push((f = { type: 'ResponseHeaderModifier', responseHeaderModifier: {} }));
    const rhm = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(f.responseHeaderModifier) ? f.responseHeaderModifier : (f.responseHeaderModifier = {});
    const set = Array.isArray(rhm.set) ? rhm.set : (rhm.set = []);
    const h = set
        .filter(_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)
        .find((x) => typeof x.name === 'string' && x.name.toLowerCase() === _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_HEADER */ .XP);
    if (h)
        h.value = version;
    else
        set.push({ name: _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_HEADER */ .XP, value: version });
}
/** The canary's backendRef as the stepped rule has it, else stable's with the canary Service's name (no weight, no filters). */
function canaryRef(rule, sel) {
    const refs = list(rule.backendRefs);
    const source = refs.find((r) => r.name === sel.canary.service) ?? refs.find((r) => r.name === sel.stable.service) ?? {};
    const copy = structuredClone(source);
    delete copy.weight;
    delete copy.filters;
    return { ...copy, name: sel.canary.service };
}
/**
 * A new HTTPRoute whose stepped rule sends `canaryWeight`% to the canary Service and the rest
 * to stable (backendRef `weight`s), each backendRef tagged with the version response header.
 * The canary backendRef is added (a copy of stable's) when the rule has none yet.
 */
function withHttpRouteWeight(route, sel, canaryWeight) {
    if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`canary weight must be a whole number from 0 to 100, got ${canaryWeight}`);
    const next = structuredClone(route);
    const rule = steppedOrThrow(next, sel);
    const refs = list(rule.backendRefs);
    const stable = refs.find((r) => r.name === sel.stable.service);
    if (!stable)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`${routeLabel(route)} rules[${sel.ruleIndex}] lost its stable backendRef`);
    let canary = refs.find((r) => r.name === sel.canary.service);
    if (!canary) {
        canary = canaryRef(rule, sel);
        rule.backendRefs = [...(Array.isArray(rule.backendRefs) ? rule.backendRefs : []), canary];
    }
    stable.weight = 100 - canaryWeight;
    canary.weight = canaryWeight;
    tagRef(stable, 'stable');
    tagRef(canary, 'canary');
    return next;
}
/** The weights (percent) the stepped rule has now, read back for status, resume and drift checks. */
function currentHttpRouteWeights(route, sel) {
    const rule = steppedRule(route, sel);
    if (!rule)
        return { stable: 100, canary: 0 };
    const refs = list(rule.backendRefs);
    const pct = percents(refs);
    const of = (s) => {
        const i = refs.findIndex((r) => r.name === s);
        return i < 0 ? 0 : pct[i];
    };
    return { stable: of(sel.stable.service), canary: of(sel.canary.service) };
}
const isCanaryMirror = (f, sel) => f.type === 'RequestMirror' &&
    (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(f.requestMirror) &&
    (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(f.requestMirror.backendRef) &&
    f.requestMirror.backendRef.name === sel.canary.service;
function dropCanaryMirror(rule, sel) {
    if (!Array.isArray(rule.filters))
        return;
    rule.filters = rule.filters.filter((f) => !((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(f) && isCanaryMirror(f, sel)));
    if (rule.filters.length === 0)
        delete rule.filters;
}
/** The HTTPRoute without anything strategy-specific: the A/B and preview rules and the mirror to the canary. Weights stay. */
function withoutStrategyHttpRoute(route, sel) {
    const next = structuredClone(route);
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(next.spec) ? next.spec : null;
    if (spec && Array.isArray(spec.rules))
        spec.rules = spec.rules.filter((r) => !((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(r) && isStrategyRule(r, sel.canary.service)));
    const rule = steppedRule(next, sel);
    if (rule)
        dropCanaryMirror(rule, sel);
    return next;
}
/** A Gateway API match in canonical form (defaults written out, headers sorted), for equality. */
function normalizeGatewayMatch(m) {
    const path = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(m.path) ? m.path : {};
    return {
        ...m,
        path: { type: path.type ?? 'PathPrefix', value: path.value ?? '/' },
        headers: list(m.headers)
            .map((h) => ({ type: h.type ?? 'Exact', name: String(h.name).toLowerCase(), value: h.value }))
            .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        ...(m.queryParams !== undefined
            ? {
                queryParams: list(m.queryParams).map((q) => ({
                    type: q.type ?? 'Exact',
                    name: q.name,
                    value: q.value,
                })),
            }
            : {}),
    };
}
/** The stepped rule's matches AND the extra headers; a message when one header is matched both ways. */
function intersectGateway(ruleMatches, extra) {
    const own = list(ruleMatches);
    const base = own.length ? own : [{ path: { type: 'PathPrefix', value: '/' } }];
    const out = [];
    for (const m of base)
        for (const headers of extra) {
            const mine = list(m.headers);
            for (const h of headers) {
                const same = mine.find((x) => String(x.name).toLowerCase() === String(h.name).toLowerCase());
                if (same && (0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalJson */ .dj)({ ...same, type: same.type ?? 'Exact' }) !== (0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalJson */ .dj)(h))
                    return `header ${String(h.name)} is matched by the rule as ${(0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalJson */ .dj)(same)} and by the new match as ${(0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalJson */ .dj)(h)}`;
            }
            const added = headers.filter((h) => !mine.some((x) => String(x.name).toLowerCase() === String(h.name).toLowerCase()));
            out.push({ ...structuredClone(m), headers: [...structuredClone(mine), ...added] });
        }
    return out;
}
/** The Gateway API header lists of an A/B match or a header preview; a host preview is refused. */
function gatewayExtraOf(match, route) {
    if (Array.isArray(match))
        return match.map(_match_js__WEBPACK_IMPORTED_MODULE_4__/* .gatewayHeaders */ .T3);
    if (match.kind === 'host')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('preview-host-unsupported', `${routeLabel(route)}: an HTTPRoute matches hosts per route (spec.hostnames), not per rule; use preview-header for blue/green on an HTTPRoute`, [routeLabel(route)]);
    return [(0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .gatewayHeaders */ .T3)({ headers: [match.header] })];
}
/** The matches of the rule inserted before the stepped one; throws `match-conflict` as the VirtualService side does. */
function insertedMatchHttpRoute(route, sel, extra) {
    const merged = intersectGateway(steppedOrThrow(route, sel).matches, extra);
    if (typeof merged === 'string')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('match-conflict', `${routeLabel(route)} rules[${sel.ruleIndex}]: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(merged)}; the canary rule must match the rule's own requests, so use another header or drop the condition from the match`, [routeLabel(route)]);
    return merged;
}
function withInsertedRule(route, sel, extra) {
    const matches = insertedMatchHttpRoute(route, sel, extra);
    const next = withoutInsertedRuleHttpRoute(route, sel);
    const stepped = steppedOrThrow(next, sel);
    const copy = structuredClone(stepped);
    for (const k of ['name', 'matches', 'backendRefs'])
        delete copy[k];
    dropCanaryMirror(copy, sel);
    if (Array.isArray(copy.filters)) {
        copy.filters = copy.filters.filter((f) => !((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(f) && f.type === 'RequestMirror'));
        if (copy.filters.length === 0)
            delete copy.filters;
    }
    const ref = canaryRef(stepped, sel);
    tagRef(ref, 'canary');
    const rules = next.spec.rules;
    rules.splice(rules.indexOf(stepped), 0, { matches, ...copy, backendRefs: [ref] });
    return next;
}
/** A/B: a rule before the stepped one whose matches (the rule's own AND the user's headers) go to the canary. Idempotent. */
function withAbRuleHttpRoute(route, sel, match) {
    if (match.length === 0 || match.some((e) => e.headers.length === 0))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('match-empty', 'match: an A/B match needs at least one condition in every alternative');
    return withInsertedRule(route, sel, gatewayExtraOf(match, route));
}
/** Blue/green preview by header: the same kind of rule as A/B, with the one preview header. Idempotent. */
function withPreviewRuleHttpRoute(route, sel, preview) {
    return withInsertedRule(route, sel, gatewayExtraOf(preview, route));
}
/** The A/B or preview rule removed (both are the same kind of rule; the mirror and weights stay). */
function withoutInsertedRuleHttpRoute(route, sel) {
    const next = structuredClone(route);
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(next.spec) ? next.spec : null;
    if (spec && Array.isArray(spec.rules))
        spec.rules = spec.rules.filter((r) => !((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(r) && isStrategyRule(r, sel.canary.service)));
    return next;
}
/** The RequestMirror filter of a percent: `percent` when whole, else `fraction` per million. */
function mirrorFilter(backendRef, percent) {
    const amount = Number.isInteger(percent)
        ? { percent }
        : { fraction: { numerator: Math.round(percent * 10_000), denominator: 1_000_000 } };
    return { type: 'RequestMirror', requestMirror: { backendRef, ...amount } };
}
/** Mirror: a RequestMirror filter on the stepped rule copying `percent`% of its requests to the canary Service. Idempotent. */
function withMirrorHttpRoute(route, sel, percent) {
    if (!(percent > 0 && percent <= 100))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('mirror-percent-range', `mirror-percent: ${percent} is outside 0-100 (above 0, at most 100)`);
    const next = structuredClone(route);
    const rule = steppedOrThrow(next, sel);
    dropCanaryMirror(rule, sel);
    const ref = canaryRef(rule, sel);
    const backendRef = { name: ref.name };
    for (const k of ['group', 'kind', 'namespace', 'port'])
        if (ref[k] !== undefined)
            backendRef[k] = ref[k];
    rule.filters = [
        ...(Array.isArray(rule.filters) ? rule.filters : []),
        mirrorFilter(backendRef, percent),
    ];
    return next;
}
/** The mirror to the canary removed (and nothing else). */
function withoutMirrorHttpRoute(route, sel) {
    const next = structuredClone(route);
    const rule = steppedRule(next, sel);
    if (rule)
        dropCanaryMirror(rule, sel);
    return next;
}
/** What strategy changes an HTTPRoute has now: an inserted rule (A/B or preview) and the mirror percent. */
function strategyStateHttpRoute(route, sel) {
    const inserted = rulesOf(route).some((r) => isStrategyRule(r, sel.canary.service));
    const rule = steppedRule(route, sel);
    const f = rule ? list(rule.filters).find((x) => isCanaryMirror(x, sel)) : undefined;
    let mirrorPercent = null;
    if (f && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(f.requestMirror)) {
        const rm = f.requestMirror;
        if (typeof rm.percent === 'number')
            mirrorPercent = rm.percent;
        else if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(rm.fraction) && typeof rm.fraction.numerator === 'number')
            mirrorPercent =
                (rm.fraction.numerator /
                    (typeof rm.fraction.denominator === 'number' ? rm.fraction.denominator : 100)) *
                    100;
        else
            mirrorPercent = 100;
    }
    return { inserted, mirrorPercent };
}
/**
 * The identity of a user rule (by default the selected one) of an HTTPRoute, as a promotion
 * records it (state.route, like target.ts routeIdentity for a VirtualService): `name <name>`
 * when the rule has one (Gateway API v1.6 rule names), else its matches (the API's defaults
 * written out, so a rule without matches and the one the API server defaulted are the same)
 * and the Services it sends to with the selection's two (the first step may add the canary's).
 * The index is not part of it (a rule inserted before the stepped one does not change which rule
 * that is), except when another user rule has the same identity: then ` at rules[i]` tells them
 * apart. Null when there is no such rule.
 */
function httpRuleIdentity(route, sel, index = sel.ruleIndex) {
    const rules = userRules(route, null);
    const own = (i) => {
        const rule = rules[i];
        if (!rule)
            return null;
        const name = str(rule.name);
        if (name)
            return `name ${name}`;
        const written = list(rule.matches);
        const matches = (written.length ? written : [{}]).map(normalizeGatewayMatch);
        const services = new Set(list(rule.backendRefs)
            .filter(isServiceRef)
            .map((r) => str(r.name) ?? '?'));
        services.add(sel.stable.service);
        services.add(sel.canary.service);
        return `matches ${(0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .canonicalJson */ .dj)(matches)} to ${[...services].sort().join(',')}`;
    };
    const id = own(index);
    if (id === null || id.startsWith('name '))
        return id;
    const twin = rules.some((_, i) => i !== index && own(i) === id);
    return twin ? `${id} at rules[${index}]` : id;
}
/**
 * The selected rule of the live HTTPRoute is not the one the recorded promotion steps (a rule
 * was inserted before it, it was renamed, its matches changed, or another rule is selected now),
 * or it no longer sends to both Services while the state says the canary has traffic: stepping,
 * taking over or rolling back that rule would write weights to a rule the canary is not on.
 * Returns the problem naming the selected and the recorded rule (and where that one is now), or
 * null. The HTTPRoute counterpart of target.ts recordedRouteProblem.
 */
function recordedHttpRuleProblem(route, sel, state, routeRef) {
    if (!route || !state)
        return null;
    const rules = userRules(route, null);
    const rule = rules[sel.ruleIndex];
    const live = httpRuleIdentity(route, sel);
    const services = rule ? list(rule.backendRefs).map((r) => r.name) : [];
    const both = services.includes(sel.stable.service) && services.includes(sel.canary.service);
    const moved = state.route !== undefined && live !== state.route;
    if (!moved && (both || state.weight === 0))
        return null;
    const describeRule = (i) => `rules[${i}] (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(httpRuleIdentity(route, sel, i) ?? 'none')})`;
    const found = state.route ? rules.findIndex((_, i) => httpRuleIdentity(route, sel, i) === state.route) : -1;
    const selected = `the selected rule ${describeRule(sel.ruleIndex)}`;
    const what = moved
        ? `${selected} of HTTPRoute ${routeRef} is not the rule this promotion recorded (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(state.route)})`
        : `${selected} of HTTPRoute ${routeRef} does not send to both Services ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(sel.stable.service)} and ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(sel.canary.service)}, though the promotion recorded canary ${state.weight}%`;
    const foundName = found >= 0 ? str(rules[found].name) : null;
    const where = found >= 0
        ? `; the recorded rule is now rules[${found}]: select it with --route ${found}${foundName ? ` (or --route ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(foundName)})` : ''}, as the live HTTPRoute numbers its rules without the ones a strategy inserted (without manifests, or with manifests whose HTTPRoute has the same rules)`
        : `; live rules: ${rules.map((_, i) => describeRule(i)).join(', ') || 'none'}`;
    return `${what}${where}. Nothing was written (take-over does not change the rule a promotion is on)`;
}
/** A percent as the routes lists show it: whole when it is, else one decimal (at least 0.1). */
function shownPercent(p) {
    return Number.isInteger(p) ? String(p) : String(Math.max(0.1, Math.round(p * 10) / 10));
}
/**
 * The rules of `routes` (HTTPRoutes of any namespaces) that send a share of their requests to
 * the Service `to` through their backendRefs (a backendRef's namespace defaults to its route's;
 * weights default to 1), each as `HTTPRoute ns/name rule <name|index> (<percent>%)`, the index
 * in spec.rules. `stepped` leaves out the promotion's own rule and the strategy rules of its
 * HTTPRoute (they go with the flip). Mirrors (RequestMirror) are not counted: no client waits
 * for their answers.
 */
function httpRulesSendingTo(routes, to, stepped) {
    const found = [];
    for (const route of routes) {
        if (route.kind !== undefined && route.kind !== 'HTTPRoute')
            continue;
        const meta = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_3__/* .isObject */ .G)(route.metadata) ? route.metadata : {};
        const ns = str(meta.namespace) ?? to.namespace;
        const name = routeName(route);
        const own = stepped !== null && ns === stepped.namespace && name === stepped.selection.httpRoute ? stepped : null;
        const skipped = own ? steppedRule(route, own.selection) : null;
        rulesOf(route).forEach((rule, i) => {
            if (rule === skipped)
                return;
            if (own && isStrategyRule(rule, own.selection.canary.service))
                return;
            const refs = list(rule.backendRefs);
            const weights = refs.map((r) => (typeof r.weight === 'number' ? r.weight : 1));
            const total = weights.reduce((a, b) => a + b, 0);
            const toService = refs.reduce((sum, r, j) => isServiceRef(r) && r.name === to.service && (str(r.namespace) ?? ns) === to.namespace
                ? sum + weights[j]
                : sum, 0);
            if (total > 0 && toService > 0)
                found.push(`HTTPRoute ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(ns)}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(name)} rule ${str(rule.name) ? (0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(str(rule.name)) : i} (${shownPercent((toService / total) * 100)}%)`);
        });
    }
    return found;
}


/***/ }),

/***/ 61608:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iu: () => (/* binding */ compareRefs)
/* harmony export */ });
/* unused harmony exports refOf, leaseOrder, lockstepWrites, lockstepPlan */
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14350);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86818);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70194);
// Several services stepped in lockstep (pure): one route object per service, each step writes
// every object (in one fixed order), judges every service, and a failure of any rolls all back.
// The order is the Lease order too (namespace, kind, name), so two lockstep runs over
// overlapping objects take their Leases in the same order and cannot deadlock.




/** The route object of a target; `namespace` for an object that names none. */
function refOf(target, namespace) {
    const meta = isObject(target.object.metadata) ? target.object.metadata : {};
    return {
        namespace: typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : namespace,
        kind: target.kind === 'virtual-service' ? 'VirtualService' : 'HTTPRoute',
        name: typeof meta.name === 'string' ? meta.name : '',
    };
}
/** The total order of route objects: namespace, then kind, then name (code-unit order, locale-free). */
function compareRefs(a, b) {
    for (const k of ['namespace', 'kind', 'name'])
        if (a[k] !== b[k])
            return a[k] < b[k] ? -1 : 1;
    return 0;
}
/** The route objects sorted into the Lease order, each once. */
function leaseOrder(refs) {
    const sorted = [...refs].sort(compareRefs);
    return sorted.filter((r, i) => i === 0 || compareRefs(sorted[i - 1], r) !== 0);
}
const refKey = (r) => `${r.namespace}/${r.kind}/${r.name}`;
/** The targets in Lease order; throws `shared-route` when two share an object (validateStrategy names it first). */
function ordered(targets, namespace) {
    const withRefs = targets.map((target) => ({ ref: refOf(target, namespace), target }));
    withRefs.sort((a, b) => compareRefs(a.ref, b.ref));
    withRefs.forEach((x, i) => {
        if (i > 0 && compareRefs(withRefs[i - 1].ref, x.ref) === 0)
            throw new StrategyError('shared-route', `services: two services step ${x.ref.kind} ${oneLine(refKey(x.ref))}; each service needs its own route object`, [`${x.ref.kind} ${refKey(x.ref)}`]);
    });
    return withRefs;
}
/** The writes of one stage: every route object rendered for it, in Lease order. */
function lockstepWrites(targets, spec, stage, namespace) {
    return ordered(targets, namespace).map(({ ref, target }) => ({
        ref,
        stage,
        object: renderRoute(target, spec, stage),
    }));
}
/**
 * The whole lockstep plan: the Lease order, the writes of every step of the strategy (all
 * services move together: same stage for every route object) and the rollback writes. The
 * writes are computed from the objects given; an engine that re-reads the objects before each
 * step (it should: another writer may have changed them) calls lockstepWrites with them.
 */
function lockstepPlan(targets, spec, weights, namespace) {
    const sorted = ordered(targets, namespace);
    return {
        order: sorted.map((x) => x.ref),
        steps: strategySteps(spec, weights).map((step) => ({
            step,
            writes: lockstepWrites(targets, spec, step.stage, namespace),
        })),
        rollback: lockstepWrites(targets, spec, ROLLBACK_STAGE, namespace),
    };
}


/***/ }),

/***/ 69868:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ cookieCondition),
/* harmony export */   LT: () => (/* binding */ istioEntryCovers),
/* harmony export */   OY: () => (/* binding */ describeEntry),
/* harmony export */   PW: () => (/* binding */ istioHeaders),
/* harmony export */   S3: () => (/* binding */ intersectIstio),
/* harmony export */   T3: () => (/* binding */ gatewayHeaders),
/* harmony export */   YT: () => (/* binding */ normalizeEntry),
/* harmony export */   dj: () => (/* binding */ canonicalJson),
/* harmony export */   fy: () => (/* binding */ sampleHeaders)
/* harmony export */ });
/* unused harmony exports escapeRegex, conditionOfIstio, conditionOfGateway, conditionImplies, entryImplies, sameEntry, sameJson */
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(69313);
// The request match of an A/B test or a blue/green preview (pure): one model for both route
// kinds, parsed from the `match` / `preview-header` inputs (strategy/spec.ts), rendered as an
// Istio HTTPMatchRequest list or as Gateway API HTTPRouteMatch entries, and compared ("every
// request this matches, that matches too") for the shadowing checks of strategy/validate.ts.
// Hand-written: no library models Istio's and the Gateway API's match semantics together.

/** Characters a regular expression treats specially, escaped so a literal value matches itself. */
function escapeRegex(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
/**
 * The header condition a cookie `name=value` is: the Cookie header, by the regular expression
 * Flagger documents (`^(.*?;)?(canary=always)(;.*)?$`), with optional white space after `;`.
 */
function cookieCondition(name, value) {
    return {
        name: 'cookie',
        type: 'regex',
        value: `^(.*?;\\s*)?(${escapeRegex(name)}=${escapeRegex(value)})(;.*)?$`,
    };
}
/**
 * Request headers that satisfy an entry, for a load generator that must send matching requests
 * (exact: the value; prefix: the prefix; a cookie condition: `name=value`; a regex that is a
 * plain literal: that text). Null when a regex has no obvious sample: the user then gives the
 * load generator's headers.
 */
function sampleHeaders(entry) {
    const out = {};
    for (const h of entry.headers) {
        if (h.type !== 'regex')
            out[h.name] = h.value;
        else {
            const cookie = /^\^\(\.\*\?;(?:\\s\*)?\)\?\((.*)\)\(;\.\*\)\?\$$/.exec(h.value);
            const literal = (cookie ? cookie[1] : h.value).replace(/\\(.)/g, '$1');
            if (/[\\^$.*+?()[\]{}|]/.test((cookie ? cookie[1] : h.value).replace(/\\./g, '')))
                return null;
            out[h.name] = literal;
        }
    }
    return out;
}
/** The canonical form: header names lower case, conditions sorted by name (then type, value). */
function normalizeEntry(entry) {
    const headers = entry.headers
        .map((h) => ({ ...h, name: h.name.toLowerCase() }))
        .sort((a, b) => a.name !== b.name
        ? a.name < b.name
            ? -1
            : 1
        : `${a.type}:${a.value}` < `${b.type}:${b.value}`
            ? -1
            : 1);
    return { headers };
}
/** Istio's StringMatch for a condition: `{exact|prefix|regex: value}`. */
const istioString = (h) => ({ [h.type]: h.value });
/** The Istio HTTPMatchRequest `headers` mapping of an entry. */
function istioHeaders(entry) {
    return Object.fromEntries(entry.headers.map((h) => [h.name, istioString(h)]));
}
/**
 * The Gateway API HTTPHeaderMatch list of an entry. The Gateway API has Exact and
 * RegularExpression only: a prefix becomes the expression `<escaped prefix>.*` (Istio matches
 * the whole value, as RE2 full match).
 */
function gatewayHeaders(entry) {
    return entry.headers.map((h) => h.type === 'exact'
        ? { type: 'Exact', name: h.name, value: h.value }
        : {
            type: 'RegularExpression',
            name: h.name,
            value: h.type === 'prefix' ? `${escapeRegex(h.value)}.*` : h.value,
        });
}
/** Reads an Istio StringMatch (`{exact|prefix|regex}`) as a condition on `name`; null for anything else. */
function conditionOfIstio(name, sm) {
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(sm))
        return null;
    const keys = Object.keys(sm);
    if (keys.length !== 1)
        return null;
    const type = keys[0];
    const value = sm[type];
    if (!['exact', 'prefix', 'regex'].includes(type) || typeof value !== 'string')
        return null;
    return { name: name.toLowerCase(), type, value };
}
/** Reads a Gateway API HTTPHeaderMatch as a condition; null when it is not one. */
function conditionOfGateway(hm) {
    if (!isObject(hm) || typeof hm.name !== 'string' || typeof hm.value !== 'string')
        return null;
    const type = hm.type === undefined || hm.type === 'Exact' ? 'exact' : hm.type === 'RegularExpression' ? 'regex' : null;
    return type ? { name: hm.name.toLowerCase(), type, value: hm.value } : null;
}
/** Whether `regex` matches all of `value` (Istio and Envoy match the whole value); false when it does not compile here. */
function fullMatch(regex, value) {
    try {
        return new RegExp(`^(?:${regex})$`).test(value);
    }
    catch {
        return false;
    }
}
/**
 * Whether every value satisfying `narrow` also satisfies `broad`, as far as can be told without
 * solving regular expressions: an unknown case answers false (a check built on it then refuses
 * nothing it cannot prove).
 */
function conditionImplies(narrow, broad) {
    if (narrow.name !== broad.name)
        return false;
    if (narrow.type === broad.type && narrow.value === broad.value)
        return true;
    if (narrow.type === 'exact') {
        if (broad.type === 'exact')
            return narrow.value === broad.value;
        if (broad.type === 'prefix')
            return narrow.value.startsWith(broad.value);
        return fullMatch(broad.value, narrow.value);
    }
    if (narrow.type === 'prefix') {
        if (broad.type === 'prefix')
            return narrow.value.startsWith(broad.value);
        // `.*` (and `.+` for a non-empty prefix) take any value.
        if (broad.type === 'regex')
            return broad.value === '.*' || (broad.value === '.+' && narrow.value !== '');
    }
    return broad.type === 'regex' && broad.value === '.*';
}
/**
 * Whether every request matching `narrow` matches `broad`: each condition of `broad` is implied
 * by a condition of `narrow` on the same header. An entry with no condition is broader than any.
 */
function entryImplies(narrow, broad) {
    return broad.headers.every((b) => narrow.headers.some((n) => conditionImplies(n, b)));
}
/** Same conditions, in any order. */
function sameEntry(a, b) {
    return entryImplies(a, b) && entryImplies(b, a);
}
/** Shows a match as the shorthand a user writes (`header:x-user=beta`, `header:x-a^=p`, `header:x-b~=re`). */
function describeEntry(entry) {
    if (entry.headers.length === 0)
        return '(every request)';
    const op = { exact: '=', prefix: '^=', regex: '~=' };
    return entry.headers.map((h) => `header:${h.name}${op[h.type]}${h.value}`).join(' and ');
}
/** The JSON of a value with mapping keys sorted: two values are the same exactly when these are. */
function canonicalJson(v) {
    if (Array.isArray(v))
        return `[${v.map(canonicalJson).join(',')}]`;
    if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(v))
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
            .join(',')}}`;
    return JSON.stringify(v) ?? 'null';
}
const sameJson = (a, b) => canonicalJson(a) === canonicalJson(b);
// Istio HTTPMatchRequest fields that are one StringMatch each.
const ISTIO_STRING_FIELDS = ['uri', 'scheme', 'method', 'authority'];
/**
 * Whether every request matching the Istio HTTPMatchRequest `narrow` matches `broad` too
 * (`name` is a label and ignored; an empty `broad` matches everything). Headers, query
 * parameters and the StringMatch fields compare by conditionImplies; other fields must be equal.
 * False when it cannot be told.
 */
function istioEntryCovers(broad, narrow) {
    for (const [key, b] of Object.entries(broad)) {
        if (key === 'name')
            continue;
        const n = narrow[key];
        if (key === 'headers' || key === 'queryParams') {
            if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(b))
                return false;
            for (const [name, sm] of Object.entries(b)) {
                const bc = conditionOfIstio(name, sm);
                const nc = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(n) ? conditionOfIstio(name, n[name] ?? n[name.toLowerCase()]) : null;
                if (!bc || !nc || !conditionImplies(nc, bc))
                    return false;
            }
        }
        else if (ISTIO_STRING_FIELDS.includes(key)) {
            const bc = conditionOfIstio(key, b);
            const nc = conditionOfIstio(key, n);
            if (!bc || !nc || !conditionImplies(nc, bc))
                return false;
        }
        else if (key === 'ignoreUriCase') {
            // Ignoring case is broader; not ignoring it is as narrow as the other side.
            if (b !== true && narrow.ignoreUriCase === true)
                return false;
        }
        else if (!sameJson(b, n))
            return false;
    }
    return true;
}
/**
 * The route's own matches AND each extra condition set: what a route inserted before it must
 * match so that it takes only requests the route takes now. `routeMatch` is the route's `match`
 * (absent or empty: every request). Returns a message when both constrain the same field or
 * header differently (the result could not be written as one match).
 */
function intersectIstio(routeMatch, extra) {
    const own = Array.isArray(routeMatch) ? routeMatch.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G) : [];
    const base = own.length ? own : [{}];
    const out = [];
    for (const r of base)
        for (const e of extra) {
            const merged = Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'name'));
            for (const [key, value] of Object.entries(e)) {
                if (key === 'headers' && (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(value)) {
                    const headers = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(merged.headers) ? { ...merged.headers } : {};
                    for (const [h, sm] of Object.entries(value)) {
                        if (headers[h] !== undefined && !sameJson(headers[h], sm))
                            return `header ${h} is matched by the route as ${canonicalJson(headers[h])} and by the new match as ${canonicalJson(sm)}`;
                        headers[h] = sm;
                    }
                    merged.headers = headers;
                }
                else {
                    if (merged[key] !== undefined && !sameJson(merged[key], value))
                        return `${key} is matched by the route as ${canonicalJson(merged[key])} and by the new match as ${canonicalJson(value)}`;
                    merged[key] = value;
                }
            }
            const without = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(merged.withoutHeaders) ? Object.keys(merged.withoutHeaders) : [];
            const both = without.find((h) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_0__/* .isObject */ .G)(merged.headers) && merged.headers[h] !== undefined);
            if (both !== undefined)
                return `header ${both} is excluded by the route (withoutHeaders) and required by the new match`;
            out.push(merged);
        }
    return out;
}


/***/ }),

/***/ 91231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ NON_HTTP_ROUTE_KINDS),
/* harmony export */   n: () => (/* binding */ detectRouteKind)
/* harmony export */ });
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96919);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(69313);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14350);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86818);
// Which kind of route object a run steps (pure): an Istio VirtualService or a Gateway API
// HTTPRoute, from the `route-kind` input, else from the names given, else from the objects
// (manifests, or the live namespace): the kind that has a steppable route wins; both having one
// is an error naming both, so the user chooses with route-kind.




/** Gateway API route kinds that are not HTTP: no weights by header, no mirror. */
const NON_HTTP_ROUTE_KINDS = ['TCPRoute', 'TLSRoute', 'UDPRoute', 'GRPCRoute'];
const nameOf = (o) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : '(unnamed)';
const list = (v) => (Array.isArray(v) ? v.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G) : []);
/** VirtualServices with an http route of two or more subset destinations (what selectRoute could step). */
function steppableVirtualServices(objects) {
    return objects
        .filter((o) => o.kind === 'VirtualService')
        .filter((vs) => (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .virtualServiceView */ .Mu)(vs).http.some((r) => r.destinations.filter((d) => d.subset).length >= 2))
        .map((vs) => `VirtualService ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nameOf(vs))}`);
}
/** HTTPRoutes with a rule of two or more backendRefs (what selectHttpRoute could step). */
function steppableHttpRoutes(objects) {
    return objects
        .filter((o) => o.kind === 'HTTPRoute')
        .filter((r) => list((0,_util_object_js__WEBPACK_IMPORTED_MODULE_2__/* .isObject */ .G)(r.spec) ? r.spec.rules : null).some((rule) => list(rule.backendRefs).length >= 2))
        .map((r) => `HTTPRoute ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nameOf(r))}`);
}
/**
 * The route kind to step. `route-kind` wins; then `http-route` (HTTPRoute) or
 * `virtual-service` (VirtualService) when one is named; then the kind that has a steppable
 * route among `objects`; no HTTPRoute at all means VirtualService (the cluster is then read as
 * today). Throws StrategyError `route-kind-ambiguous` when both kinds have one, and
 * `route-kind-unsupported` when http-route names a TCP/TLS/UDP/gRPC route.
 */
function detectRouteKind(spec, objects, names = { virtualService: null }) {
    if (spec.httpRoute !== null) {
        const same = objects.filter((o) => nameOf(o) === spec.httpRoute);
        const other = same.find((o) => NON_HTTP_ROUTE_KINDS.includes(String(o.kind)));
        if (other && !same.some((o) => o.kind === 'HTTPRoute'))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('route-kind-unsupported', `http-route: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(spec.httpRoute)} is a ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(String(other.kind))}, not an HTTPRoute; istio-canary steps HTTPRoute rules (weights, header matches, mirroring are HTTP features)`, [`${String(other.kind)} ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(spec.httpRoute)}`]);
    }
    if (spec.routeKind !== 'auto')
        return spec.routeKind;
    if (spec.httpRoute !== null)
        return 'http-route';
    if (names.virtualService !== null)
        return 'virtual-service';
    const vs = steppableVirtualServices(objects);
    const hr = steppableHttpRoutes(objects);
    if (hr.length > 0 && vs.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('route-kind-ambiguous', `route-kind: the manifests have both ${vs.join(', ')} and ${hr.join(', ')} with a route to step; set route-kind to virtual-service or http-route (or name one with virtual-service or http-route)`, [...vs, ...hr]);
    if (hr.length > 0)
        return 'http-route';
    if (vs.length === 0 &&
        objects.some((o) => o.kind === 'HTTPRoute') &&
        !objects.some((o) => o.kind === 'VirtualService'))
        return 'http-route';
    return 'virtual-service';
}


/***/ }),

/***/ 5286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IH: () => (/* binding */ STRATEGY_INPUT_NAMES),
/* harmony export */   YQ: () => (/* binding */ serviceObjectKey),
/* harmony export */   fb: () => (/* binding */ strategyFromInputs),
/* harmony export */   iF: () => (/* binding */ DEFAULT_STRATEGY)
/* harmony export */ });
/* unused harmony exports MAX_MATCH_ENTRIES, MAX_MATCH_HEADERS, MAX_LOCKSTEP_SERVICES, parseStrategyKind, parseRouteKind, parseIterations, parseShorthand, parseMatch, parseMirrorPercent, parsePreviewHost, parsePreviewHeader, parseServices, STRATEGY_ACCEPTS, parseStrategySpec */
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33243);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3665);
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50926);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(69313);
/* harmony import */ var _sim_dataplane_routes_match_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27794);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69868);
// The strategy inputs of issue 15 (pure): `strategy`, `match`, `mirror-percent`,
// `preview-host`, `preview-header`, `iterations`, `route-kind`, `http-route` and `services`,
// parsed into one StrategySpec. The single-value parsers throw InvalidValueError the way the
// parsers of src/input-parsers.ts do (settings.ts adds the input name and what is accepted);
// parseStrategySpec checks the inputs together and names every field at fault at once.







/** The most alternatives in `match` (each is multiplied by the stepped route's own matches). */
const MAX_MATCH_ENTRIES = 8;
/** The most conditions in one alternative (the Gateway API's limit on headers of one match). */
const MAX_MATCH_HEADERS = 16;
/** The most services stepped in lockstep. */
const MAX_LOCKSTEP_SERVICES = 16;
const parseStrategyKind = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseEnum */ .nL)(_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .STRATEGIES */ .YL);
const parseRouteKind = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseEnum */ .nL)(_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .ROUTE_KIND_CHOICES */ .AK);
const parseIterations = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseInteger */ .cG)(1, 100);
// HTTP token characters (RFC 9110) but `^` and `~`, which the shorthand uses as operators.
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.`|_-]+$/;
// A cookie value's characters (RFC 6265 cookie-octet).
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;
function headerName(name) {
    if (!HEADER_NAME.test(name))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has the header name ${JSON.stringify(name.slice(0, 60))}; a header name is letters, digits and !#$%&'*+.\`|_-`);
    (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .atMost */ .Tu)(name, 256, 'a header name');
    return name.toLowerCase();
}
function literalValue(value, what) {
    if (value === '')
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has an empty ${what}`);
    const bad = /[^\t\x20-\x7e]/.exec(value);
    if (bad)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has the character U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} in a ${what}; a header value is printable ASCII`);
    (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .atMost */ .Tu)(value, 4096, `a ${what}`);
    return value;
}
/** A regular expression Istio (RE2) and the embedded mesh both compile (re2Refusal is the mesh's RE2 check). */
function regexValue(value) {
    literalValue(value, 'regular expression');
    const refusal = (0,_sim_dataplane_routes_match_js__WEBPACK_IMPORTED_MODULE_3__/* .re2Refusal */ ._Z)(value);
    if (refusal)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has the regular expression ${JSON.stringify(value.slice(0, 60))} with a ${refusal}, which Istio (Envoy) refuses`);
    try {
        new RegExp(value);
    }
    catch (err) {
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has the regular expression ${JSON.stringify(value.slice(0, 60))}, which does not compile (${err.message})`);
    }
    return value;
}
/** One shorthand condition: `header:NAME=VALUE`, `header:NAME^=PREFIX`, `header:NAME~=REGEX`, `cookie:NAME=VALUE`. */
function parseShorthand(text) {
    const t = text.trim();
    const cookie = /^cookie:([^=]*)=(.*)$/.exec(t);
    if (cookie) {
        const name = cookie[1];
        if (!HEADER_NAME.test(name))
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has the cookie name ${JSON.stringify(name.slice(0, 60))}`);
        if (!COOKIE_VALUE.test(cookie[2]))
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has the cookie value ${JSON.stringify(cookie[2].slice(0, 60))}; a cookie value is printable ASCII without space, ", comma, ; or \\`);
        return (0,_match_js__WEBPACK_IMPORTED_MODULE_4__/* .cookieCondition */ .E$)(name, cookie[2]);
    }
    const header = /^header:([^=^~]*)(=|\^=|~=)(.*)$/.exec(t);
    if (!header)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${JSON.stringify(t.slice(0, 60))}, which is not header:NAME=VALUE, header:NAME^=PREFIX, header:NAME~=REGEX or cookie:NAME=VALUE`);
    const name = headerName(header[1]);
    const op = header[2];
    const value = header[3];
    if (op === '~=')
        return { name, type: 'regex', value: regexValue(value) };
    return { name, type: op === '=' ? 'exact' : 'prefix', value: literalValue(value, 'header value') };
}
function entryOfYaml(raw, at) {
    if (typeof raw === 'string')
        return { headers: [parseShorthand(raw)] };
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_5__/* .isObject */ .G)(raw))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at}, which is not a mapping {headers: ...} or a shorthand string`);
    const extra = Object.keys(raw).filter((k) => k !== 'headers');
    if (extra.length)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} with ${extra.map((k) => JSON.stringify(k)).join(', ')}; an entry has only headers (a header or cookie match)`);
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_5__/* .isObject */ .G)(raw.headers))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} without a headers mapping`);
    const headers = Object.entries(raw.headers).map(([name, sm]) => {
        const keys = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_5__/* .isObject */ .G)(sm) ? Object.keys(sm) : [];
        const type = keys[0];
        if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_5__/* .isObject */ .G)(sm) ||
            keys.length !== 1 ||
            !['exact', 'prefix', 'regex'].includes(type) ||
            !['string', 'number', 'boolean'].includes(typeof sm[type]))
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} header ${JSON.stringify(name.slice(0, 60))} without exactly one of exact, prefix or regex (a string)`);
        // YAML reads `{exact: 2}` as a number: the header value is its text.
        const value = String(sm[type]);
        return {
            name: headerName(name),
            type: type,
            value: type === 'regex' ? regexValue(value) : literalValue(value, 'header value'),
        };
    });
    return { headers };
}
/**
 * The `match` input: a YAML list of Istio-style HTTPMatchRequest entries with headers only
 * (`[{headers: {x-user: {exact: beta}}}]`; entries may also be shorthand strings), or shorthand
 * lines (`header:x-user=beta`, one alternative per line). Alternatives are OR'ed, the
 * conditions of one entry AND'ed. An empty match, or an entry without a condition, is refused.
 */
function parseMatch(raw) {
    const text = raw.trim();
    let entries;
    if (/^[-[{]/.test(text)) {
        let doc;
        try {
            doc = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .load */ .Hh)(text);
        }
        catch (err) {
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`is not valid YAML (${err.message.split('\n')[0]})`);
        }
        const list = Array.isArray(doc) ? doc : [doc];
        entries = list.map((e, i) => entryOfYaml(e, `entry ${i + 1}`));
    }
    else {
        entries = text
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => ({ headers: [parseShorthand(l)] }));
    }
    if (entries.length === 0)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x('has no match; an A/B test needs at least one condition');
    if (entries.length > MAX_MATCH_ENTRIES)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${entries.length} alternatives; at most ${MAX_MATCH_ENTRIES}`);
    entries.forEach((e, i) => {
        if (e.headers.length === 0)
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has entry ${i + 1} without a condition, which would send every request to the canary`);
        if (e.headers.length > MAX_MATCH_HEADERS)
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has entry ${i + 1} with ${e.headers.length} conditions; at most ${MAX_MATCH_HEADERS}`);
    });
    return entries.map(_match_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizeEntry */ .YT);
}
/** `mirror-percent`: a percent of requests above 0 and at most 100 (`10`, `10%`, `0.5`), at most 4 decimals. */
function parseMirrorPercent(raw) {
    const m = /^(\d+(?:\.\d{1,4})?)\s*%?$/.exec(raw.trim());
    if (!m)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x('is not a percent (a number such as 10, 10% or 0.5)');
    const v = Number(m[1]);
    if (v <= 0 || v > 100)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`is ${v}, outside 0-100 (above 0, at most 100)`);
    return v;
}
/** `preview-host`: one exact host name (no wildcard, no port). */
function parsePreviewHost(raw) {
    const t = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6)(raw).toLowerCase();
    if (t.includes('*'))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x('has a wildcard; the preview host is one exact host name');
    if (t.includes(':'))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x('has a port; the preview host is a host name only');
    return t;
}
/** `preview-header`: `NAME=VALUE` (exact), or one shorthand condition (`header:NAME~=REGEX`, `cookie:NAME=VALUE`). */
function parsePreviewHeader(raw) {
    const t = raw.trim();
    return parseShorthand(/^(header|cookie):/.test(t) ? t : `header:${t}`);
}
const SERVICE_KEYS = {
    'virtual-service': ['stable-subset', 'canary-subset'],
    'http-route': ['stable-service', 'canary-service'],
};
const COMMON_KEYS = [
    'name',
    'namespace',
    'route',
    'canary-image',
    'container',
    'manifests',
    'load-url',
    'load-host',
];
function serviceOfYaml(raw, at) {
    if (!(0,_util_object_js__WEBPACK_IMPORTED_MODULE_5__/* .isObject */ .G)(raw))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at}, which is not a mapping`);
    const kinds = ['virtual-service', 'http-route'].filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} with ${kinds.length === 0 ? 'neither' : 'both'} virtual-service and http-route; give exactly one`);
    const routeKind = kinds[0];
    const [stableKey, canaryKey] = SERVICE_KEYS[routeKind];
    const accepted = [routeKind, ...COMMON_KEYS, stableKey, canaryKey];
    const extra = Object.keys(raw).filter((k) => !accepted.includes(k));
    if (extra.length)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} with ${extra.map((k) => JSON.stringify(k)).join(', ')}; a ${routeKind} entry accepts ${accepted.join(', ')}`);
    const entry = raw;
    function text(key, parse) {
        let v = entry[key];
        // manifests may be a YAML list, as the input's lines are.
        if (key === 'manifests' && Array.isArray(v) && v.every((x) => typeof x === 'string'))
            v = v.join('\n');
        if (v === undefined || v === null || v === '')
            return null;
        if (typeof v !== 'string' && typeof v !== 'number')
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} ${key}, which is not a string`);
        try {
            return parse(String(v));
        }
        catch (err) {
            if (err instanceof _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x)
                throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} ${key} ${JSON.stringify(String(v).slice(0, 60))}, which ${err.message}`);
            throw err;
        }
    }
    const routeText = text('route', (v) => String((0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRoute */ .ZG)(v)));
    const route = routeText === null ? null : /^\d+$/.test(routeText) ? Number(routeText) : routeText;
    const stable = text(stableKey, _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseName */ .$q);
    const canary = text(canaryKey, _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseName */ .$q);
    if (stable !== null && stable === canary)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${at} with ${stableKey} and ${canaryKey} both ${stable}`);
    const object = text(routeKind, _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseName */ .$q);
    return {
        name: text('name', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDnsLabel */ .Rb) ?? object,
        routeKind,
        object,
        namespace: text('namespace', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDnsLabel */ .Rb),
        route,
        stable,
        canary,
        canaryImage: text('canary-image', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImage */ .zZ),
        container: text('container', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDnsLabel */ .Rb),
        manifests: text('manifests', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseManifests */ .Ye),
        loadUrl: text('load-url', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseUrl */ .Dl),
        loadHost: text('load-host', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseHost */ .o6),
    };
}
/** The key two lockstep entries must not share: one route object per service. */
function serviceObjectKey(s, namespace) {
    return `${s.namespace ?? namespace}/${s.routeKind}/${s.object}`;
}
/**
 * `services`: a YAML list, one mapping per service stepped in lockstep, e.g.
 * `[{virtual-service: web, stable-subset: v1, canary-subset: v2}, {http-route: api, stable-service: api-v1, canary-service: api-v2, canary-image: ghcr.io/o/api:2}]`.
 * At least two entries; the same route object twice is refused (here by name, in
 * validateStrategy by the namespace it resolves to).
 */
function parseServices(raw) {
    let doc;
    try {
        doc = (0,js_yaml__WEBPACK_IMPORTED_MODULE_0__/* .load */ .Hh)(raw.trim());
    }
    catch (err) {
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`is not valid YAML (${err.message.split('\n')[0]})`);
    }
    if (!Array.isArray(doc))
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x('is not a YAML list of services');
    if (doc.length < 2)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${doc.length} service(s); lockstep needs at least 2 (one service uses the single-route inputs)`);
    if (doc.length > MAX_LOCKSTEP_SERVICES)
        throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has ${doc.length} services; at most ${MAX_LOCKSTEP_SERVICES}`);
    const services = doc.map((e, i) => serviceOfYaml(e, `entry ${i + 1}`));
    const seen = new Map();
    services.forEach((s, i) => {
        const key = serviceObjectKey(s, '(namespace input)');
        const first = seen.get(key);
        if (first !== undefined)
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has entries ${first + 1} and ${i + 1} on the same ${s.routeKind} ${s.object}: each service needs its own route object (its state and Lease live on it)`);
        seen.set(key, i);
    });
    const names = new Map();
    services.forEach((s, i) => {
        const first = names.get(s.name);
        if (first !== undefined)
            throw new _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x(`has entries ${first + 1} and ${i + 1} both named ${s.name}: give each a distinct name (it names the service in the log and the report)`);
        names.set(s.name, i);
    });
    return services;
}
/** The inputs of a single-route strategy, in the contract's order (settings.ts reads them together). */
const STRATEGY_INPUT_NAMES = [
    'strategy',
    'match',
    'mirror-percent',
    'preview-host',
    'preview-header',
    'iterations',
    'route-kind',
    'http-route',
    'stable-service',
    'canary-service',
    'services',
];
/** What each strategy input accepts: the contract's text (one source, for errors and --help). */
const STRATEGY_ACCEPTS = Object.fromEntries(STRATEGY_INPUT_NAMES.map((n) => [n, (0,_contract_js__WEBPACK_IMPORTED_MODULE_1__/* .inputSpec */ .mm)(n)?.accepts ?? '']));
/** The strategy when none of its inputs is set: weight steps on the route found. */
const DEFAULT_STRATEGY = {
    strategy: 'canary',
    routeKind: 'auto',
    httpRoute: null,
    stableService: null,
    canaryService: null,
    match: [],
    mirrorPercent: 100,
    preview: null,
    iterations: 1,
    services: [],
};
/**
 * All strategy inputs, parsed and checked together (which inputs go with which strategy).
 * Throws one InvalidValueError listing every problem, each naming the input and what it accepts.
 */
function parseStrategySpec(inputs) {
    const r = strategyFromInputs(inputs);
    if ('problems' in r)
        throw new InvalidValueError(r.problems
            .map((p) => {
            const shown = p.value.trim().length > 80 ? `${p.value.trim().slice(0, 77)}...` : p.value.trim();
            return p.parse
                ? `${p.input}: ${JSON.stringify(shown)} ${p.message} (accepted: ${STRATEGY_ACCEPTS[p.input]})`
                : `${p.input}: ${p.message}`;
        })
            .join('\n'));
    return r.spec;
}
/** parseStrategySpec's work, with the problems by input (settings.ts reports them per input). */
function strategyFromInputs(inputs) {
    const problems = [];
    const problem = (input, message, parse = false) => problems.push({ input, value: inputs[input] ?? '', message, parse });
    const given = (name) => (inputs[name] ?? '').trim() !== '';
    function field(name, parse, fallback) {
        const raw = inputs[name] ?? '';
        if (raw.trim() === '')
            return fallback;
        try {
            return parse(raw);
        }
        catch (err) {
            if (!(err instanceof _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidValueError */ .$x))
                throw err;
            problem(name, err.message, true);
            return fallback;
        }
    }
    const strategy = field('strategy', parseStrategyKind, 'canary');
    const routeKind = field('route-kind', parseRouteKind, 'auto');
    const httpRoute = field('http-route', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseName */ .$q, null);
    const stableService = field('stable-service', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseName */ .$q, null);
    const canaryService = field('canary-service', _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseName */ .$q, null);
    const match = field('match', parseMatch, []);
    const mirrorPercent = field('mirror-percent', parseMirrorPercent, 100);
    const previewHost = field('preview-host', parsePreviewHost, null);
    const previewHeader = field('preview-header', parsePreviewHeader, null);
    const iterations = field('iterations', parseIterations, 1);
    const services = field('services', parseServices, []);
    const onlyFor = (name, wanted) => {
        if (given(name) && strategy !== wanted)
            problem(name, `is used by strategy ${wanted} only; strategy is ${strategy} (remove ${name}, or set strategy: ${wanted})`);
    };
    onlyFor('match', 'ab');
    onlyFor('mirror-percent', 'mirror');
    onlyFor('preview-host', 'blue-green');
    onlyFor('preview-header', 'blue-green');
    if (strategy === 'ab' && !given('match'))
        problem('match', 'strategy ab needs the requests to send to the canary');
    if (strategy === 'blue-green' && given('preview-host') === given('preview-header'))
        problem('preview-host', `strategy blue-green needs exactly one of preview-host and preview-header (${given('preview-host') ? 'both are' : 'neither is'} set): the host or the header that reaches the green version before the switch`);
    if (given('iterations') && strategy === 'canary')
        problem('iterations', 'counts the judged windows of strategies ab, mirror and blue-green; strategy canary judges each weight step once');
    if (given('http-route') && routeKind === 'virtual-service')
        problem('http-route', 'names an HTTPRoute, but route-kind is virtual-service (remove one of them)');
    for (const name of ['stable-service', 'canary-service'])
        if (given(name) && routeKind === 'virtual-service')
            problem(name, `names an HTTPRoute backend Service, but route-kind is virtual-service (use stable-subset and canary-subset)`);
    if (stableService !== null && stableService === canaryService)
        problem('canary-service', `is the same as stable-service (${stableService})`);
    if (given('services') && given('http-route'))
        problem('http-route', 'lockstep runs name each route object in services; remove http-route');
    if (problems.length)
        return { problems };
    const preview = strategy !== 'blue-green'
        ? null
        : previewHost !== null
            ? { kind: 'host', host: previewHost }
            : { kind: 'header', header: previewHeader };
    const spec = {
        strategy,
        routeKind: (httpRoute !== null || stableService !== null || canaryService !== null) && routeKind === 'auto'
            ? 'http-route'
            : routeKind,
        httpRoute,
        stableService,
        canaryService,
        match,
        mirrorPercent,
        preview,
        iterations,
        services,
    };
    return { spec };
}


/***/ }),

/***/ 70194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ finalStage),
/* harmony export */   Oc: () => (/* binding */ stageDrift),
/* harmony export */   QK: () => (/* binding */ renderRoute),
/* harmony export */   Xg: () => (/* binding */ selectHttpRouteTarget),
/* harmony export */   aY: () => (/* binding */ currentStage),
/* harmony export */   im: () => (/* binding */ ROLLBACK_STAGE)
/* harmony export */ });
/* unused harmony exports strategySteps, selectVirtualServiceTarget, withoutStrategy, currentWeightsOf, kindOf */
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22464);
/* harmony import */ var _http_route_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65665);
/* harmony import */ var _virtual_service_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48500);
// The steps of each strategy and the route object each step writes (pure). A step is a
// RouteStage (canary weight; A/B route, mirror and preview on or off); renderRoute turns the
// route object as read (any stage, ours removed first) into the object to write for a stage,
// for a VirtualService (plan.ts + strategy/virtual-service.ts) or an HTTPRoute
// (strategy/http-route.ts). So every write is idempotent, a resume rewrites the same object,
// and a rollback is one write of ROLLBACK_STAGE.




/** Everything off, canary 0%: the rollback, one write. */
const ROLLBACK_STAGE = { canaryWeight: 0, ab: false, mirror: false, preview: false };
/** The stage a finished promotion leaves (finalize): the weight, nothing of the strategy. */
const finalStage = (canaryWeight) => ({ ...ROLLBACK_STAGE, canaryWeight });
const weightSteps = (weights, keep) => weights.map((w) => ({
    kind: 'weight',
    stage: { ...ROLLBACK_STAGE, ...(w < 100 ? keep : {}), canaryWeight: w },
    judged: 'weighted',
    canarySource: 'any',
    label: `canary ${w}%`,
}));
/**
 * The steps of a strategy, in order, given the weight schedule (`steps`):
 * - canary: one judged step per weight;
 * - ab: `iterations` judged windows with the A/B route (canary 0%: only the matching requests
 *   reach the canary), then the weights with the A/B route kept (the matched cohort never flips
 *   back to stable), removed at 100% (steps `100` = promote after the A/B test);
 * - mirror: `iterations` windows mirroring (judged on Prometheus), then the weights without it;
 * - blue-green: `iterations` windows on the preview, then the switch: canary 100% and the
 *   preview removed in one write (the weight schedule is not used).
 */
function strategySteps(spec, weights) {
    const n = spec.iterations;
    const windows = (kind, label) => Array.from({ length: n }, (_, i) => ({
        kind,
        stage: { ...ROLLBACK_STAGE, [kind]: true },
        judged: kind === 'ab' ? 'matched' : kind === 'mirror' ? 'mirrored' : 'preview',
        canarySource: kind === 'mirror' ? 'prometheus' : 'any',
        label: `${label}${n > 1 ? ` ${i + 1}/${n}` : ''}`,
    }));
    let steps;
    switch (spec.strategy) {
        case 'canary':
            steps = weightSteps(weights, {});
            break;
        case 'ab':
            steps = [...windows('ab', 'A/B'), ...weightSteps(weights, { ab: true })];
            break;
        case 'mirror':
            steps = [...windows('mirror', `mirror ${spec.mirrorPercent}%`), ...weightSteps(weights, {})];
            break;
        case 'blue-green':
            steps = [
                ...windows('preview', 'preview'),
                {
                    kind: 'switch',
                    stage: finalStage(100),
                    judged: 'weighted',
                    canarySource: 'any',
                    label: 'switch: canary 100%',
                },
            ];
            break;
    }
    return steps.map((s, i) => ({ ...s, step: i + 1 }));
}
/**
 * plan.ts selectRoute over VirtualServices as read (at any stage): the routes a strategy
 * inserted are left out of the count, so the selection is the same at every stage. The target's
 * object is the VirtualService as given.
 */
function selectVirtualServiceTarget(virtualServices, want) {
    const stripped = virtualServices.map(withoutInsertedRoutesVs);
    const selection = selectRoute(stripped, want);
    const i = stripped.findIndex((vs) => {
        const v = virtualServiceView(vs);
        return v.name === selection.virtualService && v.namespace === selection.namespace;
    });
    return { kind: 'virtual-service', object: virtualServices[i], selection };
}
/** selectHttpRoute over HTTPRoutes as read (its count skips strategy rules already); the target's object is the route as given. */
function selectHttpRouteTarget(httpRoutes, want) {
    const selection = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .selectHttpRoute */ .og)(httpRoutes, want);
    const object = httpRoutes.find((r) => {
        const meta = (r.metadata ?? {});
        return meta.name === selection.httpRoute && (meta.namespace ?? null) === selection.namespace;
    });
    return { kind: 'http-route', object, selection };
}
/** The route object without anything a strategy added (weights kept): what selection and checks read. */
function withoutStrategy(target) {
    return target.kind === 'virtual-service'
        ? withoutStrategyVs(target.object, target.selection)
        : withoutStrategyHttpRoute(target.object, target.selection);
}
/**
 * The route object to write for `stage`: the object as read with the strategy's own changes
 * removed, the weights set (with the version header), then the mirror, the A/B route and the
 * preview the stage asks for. Throws StrategyError / PlanError on what validateStrategy refuses.
 */
function renderRoute(target, spec, stage) {
    if (target.kind === 'virtual-service') {
        const sel = target.selection;
        let next = (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .withCanaryWeight */ .T1)((0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutStrategyVs */ .h2)(target.object, sel), sel, stage.canaryWeight);
        if (stage.mirror)
            next = (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_2__/* .withMirrorVs */ .X3)(next, sel, spec.mirrorPercent);
        if (stage.ab)
            next = (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_2__/* .withAbRouteVs */ .gN)(next, sel, spec.match);
        if (stage.preview && spec.preview)
            next = (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_2__/* .withPreviewRouteVs */ .RL)(next, sel, spec.preview);
        return next;
    }
    const sel = target.selection;
    let next = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .withHttpRouteWeight */ .wG)((0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutStrategyHttpRoute */ .ZZ)(target.object, sel), sel, stage.canaryWeight);
    if (stage.mirror)
        next = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .withMirrorHttpRoute */ .p5)(next, sel, spec.mirrorPercent);
    if (stage.ab)
        next = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .withAbRuleHttpRoute */ .fN)(next, sel, spec.match);
    if (stage.preview && spec.preview)
        next = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .withPreviewRuleHttpRoute */ .s4)(next, sel, spec.preview);
    return next;
}
/** The weights the stepped route has now (plan.ts currentWeights for either kind). */
function currentWeightsOf(target) {
    return target.kind === 'virtual-service'
        ? (0,_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .currentWeights */ .ph)((0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutStrategyVs */ .h2)(target.object, target.selection), target.selection)
        : (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .currentHttpRouteWeights */ .I$)(target.object, target.selection);
}
/**
 * The stage a route object is at, read back (for resume and drift checks). On an HTTPRoute the
 * A/B and preview rules look alike: an inserted rule reads as `preview` under blue-green, as
 * `ab` otherwise.
 */
function currentStage(target, spec) {
    const canaryWeight = currentWeightsOf(target).canary;
    if (target.kind === 'virtual-service') {
        const s = (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_2__/* .strategyStateVs */ .eV)(target.object, target.selection);
        return { canaryWeight, ab: s.ab, mirror: s.mirrorPercent !== null, preview: s.preview };
    }
    const s = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_1__/* .strategyStateHttpRoute */ .A_)(target.object, target.selection);
    const bg = spec.strategy === 'blue-green';
    return { canaryWeight, ab: s.inserted && !bg, mirror: s.mirrorPercent !== null, preview: s.inserted && bg };
}
/** What differs between the stage read back and the stage the promotion wrote (hand edits), or null. */
function stageDrift(actual, expected) {
    const diffs = [];
    if (actual.canaryWeight !== expected.canaryWeight)
        diffs.push(`canary weight ${actual.canaryWeight}% (written: ${expected.canaryWeight}%)`);
    for (const k of ['ab', 'mirror', 'preview'])
        if (actual[k] !== expected[k])
            diffs.push(`${k === 'ab' ? 'the A/B route' : k === 'mirror' ? 'the mirror' : 'the preview route'} ${actual[k] ? 'present' : 'absent'} (written: ${expected[k] ? 'present' : 'absent'})`);
    return diffs.length ? diffs.join('; ') : null;
}
/** The route kind a target is, as the `route-kind` input names it. */
const kindOf = (target) => target.kind;


/***/ }),

/***/ 36419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ validateStrategy)
/* harmony export */ });
/* unused harmony export hostServes */
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(96919);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(69313);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14350);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(86818);
/* harmony import */ var _http_route_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65665);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(69868);
/* harmony import */ var _spec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5286);
/* harmony import */ var _route_kind_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(91231);
/* harmony import */ var _virtual_service_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(48500);
// The bad combinations of a strategy and the routes it would change (pure), all found before
// anything is written: an empty A/B match, a match that an earlier route would take first (it
// would never reach the canary) or that contradicts the stepped route's own match, mirroring on
// a route that cannot mirror, a preview host that is the live host or not served, two lockstep
// services on one route object. Each StrategyError names the objects and what to change.









const list = (v) => (Array.isArray(v) ? v.filter(_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G) : []);
const meta = (o) => ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(o.metadata) ? o.metadata : {});
const nameOf = (o) => (typeof meta(o).name === 'string' ? meta(o).name : '(unnamed)');
const nsOf = (o, ns) => typeof meta(o).namespace === 'string' ? meta(o).namespace : ns;
const kindName = (t) => (t.kind === 'virtual-service' ? 'VirtualService' : 'HTTPRoute');
const labelOf = (t, ns) => `${kindName(t)} ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nsOf(t.object, ns))}/${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nameOf(t.object))}`;
const routeOf = (t) => t.kind === 'virtual-service'
    ? `http[${t.selection.routeIndex}]${t.selection.routeName ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(t.selection.routeName)})` : ''}`
    : `rules[${t.selection.ruleIndex}]${t.selection.ruleName ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(t.selection.ruleName)})` : ''}`;
/** Whether an Istio host pattern (`*`, `*.example.com`, or exact) serves `host`. */
function hostServes(pattern, host) {
    const p = pattern.toLowerCase();
    const h = host.toLowerCase();
    if (p === '*' || p === h)
        return true;
    return p.startsWith('*.') && h.endsWith(p.slice(1));
}
/** What a route inserted before the stepped one would match, or the error that stops it. */
function insertedMatches(t, spec) {
    const wants = spec.strategy === 'ab' ? spec.match : spec.strategy === 'blue-green' ? spec.preview : null;
    if (wants === null || (Array.isArray(wants) && wants.length === 0))
        return null;
    try {
        if (t.kind === 'virtual-service') {
            const extra = Array.isArray(wants) ? (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .istioMatchesOf */ .nX)(wants) : [(0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .istioPreviewMatch */ .mz)(wants)];
            return (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .insertedMatchVs */ .Z_)((0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .withoutStrategyVs */ .h2)(t.object, t.selection), t.selection, extra);
        }
        const base = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutStrategyHttpRoute */ .ZZ)(t.object, t.selection);
        return (0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .insertedMatchHttpRoute */ .lj)(base, t.selection, (0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .gatewayExtraOf */ .sX)(wants, base));
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C)
            return err;
        throw err;
    }
}
const what = (spec) => (spec.strategy === 'ab' ? 'A/B route' : 'preview route');
function virtualServiceProblems(t, spec, o) {
    const out = [];
    const label = labelOf(t, o.namespace);
    const base = (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .withoutStrategyVs */ .h2)(t.object, t.selection);
    const stepped = (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .steppedRoute */ .lW)(base, t.selection);
    const ours = [(0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .abRouteName */ .ie)(t.selection), (0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .previewRouteName */ .pb)(t.selection)];
    for (const r of (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_7__/* .virtualServiceView */ .Mu)(t.object).http)
        if ((0,_virtual_service_js__WEBPACK_IMPORTED_MODULE_5__/* .isStrategyRouteName */ .mx)(r.name) && !ours.includes(r.name))
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('reserved-name', `${label} has an http route named ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(r.name)}; names ending in -istio-canary-ab or -istio-canary-preview are the routes istio-canary inserts and removes: rename it`, [label]));
    if (spec.strategy === 'mirror' && stepped) {
        const bad = ['redirect', 'directResponse', 'delegate'].find((k) => stepped[k] !== undefined);
        if (bad)
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('mirror-unsupported', `${label} ${routeOf(t)} has ${bad}, so it has no destination whose traffic Istio could mirror; choose a route that sends to the stable and canary subsets (route input)`, [label]));
        const other = stepped.mirrors !== undefined ||
            ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(stepped.mirror) &&
                !(stepped.mirror.host === t.selection.canary.host &&
                    stepped.mirror.subset === t.selection.canary.subset));
        if (other)
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('mirror-exists', `${label} ${routeOf(t)} already mirrors to ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(JSON.stringify(stepped.mirror ?? stepped.mirrors))}; Istio takes one mirror per route: remove it, or use strategy canary`, [label]));
    }
    if (spec.strategy === 'blue-green' && spec.preview?.kind === 'host') {
        const host = spec.preview.host;
        const hosts = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_7__/* .virtualServiceView */ .Mu)(base).hosts;
        const live = o.liveHost ?? (hosts.length === 1 ? hosts[0] : null);
        if (live !== null && live.toLowerCase().split(':')[0] === host)
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('preview-host-live', `preview-host: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(host)} is the host live traffic uses (${label}); the preview must be a separate host, e.g. preview.${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(host)}`, [label]));
        else if (!hosts.some((h) => hostServes(h, host)))
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('preview-host-not-served', `preview-host: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(host)} is not among the hosts of ${label} (${hosts.map(_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN).join(', ') || 'none'}), so its requests never reach this route; add it to spec.hosts (and to the Gateway's server hosts) or use preview-header`, [label]));
    }
    const inserted = insertedMatches(t, spec);
    if (inserted instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C)
        out.push(inserted);
    else if (inserted) {
        // Routes before the stepped one are tried first: one whose match covers an inserted entry takes all its requests.
        const earlier = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_7__/* .virtualServiceView */ .Mu)(base).http.slice(0, t.selection.routeIndex);
        earlier.forEach((r, i) => {
            const entries = list(r.raw.match);
            const own = entries.length ? entries : [{}];
            const covered = inserted.filter((m) => own.some((e) => (0,_match_js__WEBPACK_IMPORTED_MODULE_8__/* .istioEntryCovers */ .LT)(e, m)));
            if (covered.length)
                out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('match-shadowed', `${label} http[${i}]${r.name ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(r.name)})` : ''} comes before ${routeOf(t)} and matches ${r.raw.match === undefined || entries.length === 0 ? 'every request' : (0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)((0,_match_js__WEBPACK_IMPORTED_MODULE_8__/* .canonicalJson */ .dj)(r.raw.match))}, which takes every request of the ${what(spec)} ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)((0,_match_js__WEBPACK_IMPORTED_MODULE_8__/* .canonicalJson */ .dj)(covered[0]))}: the canary would never get them. Move http[${i}] after ${routeOf(t)}, narrow its match, or choose a match it does not cover`, [label]));
        });
    }
    return out;
}
/** Whether two HTTPRoutes attach to a common parent (by parentRef name and namespace). */
function shareParent(a, b, ns) {
    const refs = (r) => list((0,_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(r.spec) ? r.spec.parentRefs : null).map((p) => `${typeof p.namespace === 'string' ? p.namespace : nsOf(r, ns)}/${typeof p.kind === 'string' ? p.kind : 'Gateway'}/${JSON.stringify(p.name)}`);
    const ra = refs(a);
    return refs(b).some((x) => ra.includes(x));
}
function httpRouteProblems(t, spec, o) {
    const out = [];
    const label = labelOf(t, o.namespace);
    const base = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutStrategyHttpRoute */ .ZZ)(t.object, t.selection);
    const rule = (0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .steppedRule */ .e$)(base, t.selection);
    if (spec.strategy === 'mirror' && rule && list(rule.filters).some((f) => f.type === 'RequestRedirect'))
        out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('mirror-unsupported', `${label} ${routeOf(t)} has a RequestRedirect filter, so no request reaches a backend to mirror; choose another rule (route input)`, [label]));
    const inserted = insertedMatches(t, spec);
    if (inserted instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C)
        out.push(inserted);
    else if (inserted) {
        const rules = list((0,_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(base.spec) ? base.spec.rules : null);
        if (rules.length + 1 > _http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RULES */ .tA ||
            inserted.length > _http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RULE_MATCHES */ .YQ ||
            inserted.some((m) => list(m.headers).length > _http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_MATCH_HEADERS */ .s))
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('match-too-large', `${label}: the ${what(spec)} would make ${rules.length + 1} rules (at most ${_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RULES */ .tA}), ${inserted.length} matches (at most ${_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_RULE_MATCHES */ .YQ}) of up to ${Math.max(...inserted.map((m) => list(m.headers).length))} headers (at most ${_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_MATCH_HEADERS */ .s}); use fewer match alternatives or conditions`, [label]));
        // Equal matches tie on every precedence rule of the Gateway API; an earlier rule, or an older route on the same parent, wins.
        const mine = new Set(inserted.map((m) => (0,_match_js__WEBPACK_IMPORTED_MODULE_8__/* .canonicalJson */ .dj)((0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeGatewayMatch */ .BL)(m))));
        const others = [
            { route: base, rules: rules.filter((r) => r !== rule) },
        ];
        for (const other of o.objects ?? [])
            if (other.kind === 'HTTPRoute' &&
                nameOf(other) !== nameOf(base) &&
                shareParent(other, base, o.namespace))
                others.push({ route: other, rules: list((0,_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(other.spec) ? other.spec.rules : null) });
        for (const { route, rules: rs } of others)
            rs.forEach((r) => {
                const same = list(r.matches).find((m) => mine.has((0,_match_js__WEBPACK_IMPORTED_MODULE_8__/* .canonicalJson */ .dj)((0,_http_route_js__WEBPACK_IMPORTED_MODULE_2__/* .normalizeGatewayMatch */ .BL)(m))));
                if (same)
                    out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('match-shadowed', `HTTPRoute ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nameOf(route))} rules[${rules.indexOf(r) >= 0 ? rules.indexOf(r) : rs.indexOf(r)}] has the match ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)((0,_match_js__WEBPACK_IMPORTED_MODULE_8__/* .canonicalJson */ .dj)(same))}, the same as the ${what(spec)} for ${label} ${routeOf(t)}; the Gateway API gives equal matches to one rule only, so the canary might never get them. Change that rule's match or choose another match`, [label, `HTTPRoute ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nameOf(route))}`]));
            });
    }
    return out;
}
/**
 * Every bad combination of `spec` with the route objects it would change (one target per
 * service; selections counted without the strategy's own routes). Pure; run before any write.
 * An empty list means the transforms of renderRoute will not throw for these targets.
 */
function validateStrategy(spec, targets, options) {
    const out = [];
    const ns = options.namespace;
    if (spec.strategy === 'ab' && (spec.match.length === 0 || spec.match.some((e) => e.headers.length === 0)))
        out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('match-empty', 'match: strategy ab needs a match with at least one header or cookie condition in every alternative; an empty one would send every request to the canary'));
    if (spec.strategy === 'mirror' && !(spec.mirrorPercent > 0 && spec.mirrorPercent <= 100))
        out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('mirror-percent-range', `mirror-percent: ${spec.mirrorPercent} is outside 0-100 (above 0, at most 100)`));
    if (spec.strategy === 'blue-green' && spec.preview === null)
        out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('preview-missing', 'preview-host, preview-header: strategy blue-green needs one of them'));
    const seen = new Map();
    spec.services.forEach((s, i) => {
        const key = (0,_spec_js__WEBPACK_IMPORTED_MODULE_3__/* .serviceObjectKey */ .YQ)(s, ns);
        const first = seen.get(key);
        if (first !== undefined)
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('duplicate-service', `services: entries ${first + 1} and ${i + 1} both step ${s.routeKind} ${key}; list each route object once`, [key]));
        else
            seen.set(key, i);
    });
    const owners = new Map();
    for (const t of targets) {
        const key = `${nsOf(t.object, ns)}/${kindName(t)}/${nameOf(t.object)}`;
        const first = owners.get(key);
        if (first) {
            const sameRule = first.kind === t.kind &&
                (t.kind === 'virtual-service'
                    ? first.selection.routeIndex === t.selection.routeIndex
                    : first.selection.ruleIndex === t.selection.ruleIndex);
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C('shared-route', `services: two services step ${labelOf(t, ns)} (${routeOf(first)} and ${routeOf(t)}${sameRule ? ', the same route' : ''}); its state and Lease are per object, so each service needs its own ${kindName(t)}: split the routes into separate objects`, [labelOf(t, ns)]));
        }
        else
            owners.set(key, t);
    }
    for (const o of options.objects ?? []) {
        // A route object named by the spec that is TCP/TLS only: nothing there can be mirrored or matched by header.
        const named = spec.httpRoute !== null &&
            nameOf(o) === spec.httpRoute &&
            _route_kind_js__WEBPACK_IMPORTED_MODULE_4__/* .NON_HTTP_ROUTE_KINDS */ .V.includes(String(o.kind));
        const spec0 = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_6__/* .isObject */ .G)(o.spec) ? o.spec : {};
        const vsNamed = o.kind === 'VirtualService' &&
            nameOf(o) === options.virtualService &&
            (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_7__/* .virtualServiceView */ .Mu)(o).http.length === 0 &&
            (list(spec0.tcp).length > 0 || list(spec0.tls).length > 0);
        if (named || (vsNamed && spec.strategy !== 'canary'))
            out.push(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StrategyError */ .C(spec.strategy === 'mirror' ? 'mirror-unsupported' : 'route-kind-unsupported', `${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(String(o.kind))} ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(nameOf(o))} routes ${named ? String(o.kind).replace('Route', '') : 'TCP/TLS (tcp[]/tls[])'} traffic only; ${spec.strategy === 'mirror' ? 'Istio and the Gateway API mirror HTTP requests only' : `strategy ${spec.strategy} needs HTTP routes`}: use strategy canary there, or step an HTTP route`, [`${String(o.kind)} ${nameOf(o)}`]));
    }
    for (const t of targets)
        out.push(...(t.kind === 'virtual-service'
            ? virtualServiceProblems(t, spec, options)
            : httpRouteProblems(t, spec, options)));
    return out;
}


/***/ }),

/***/ 48500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OP: () => (/* binding */ withoutInsertedRoutesVs),
/* harmony export */   RL: () => (/* binding */ withPreviewRouteVs),
/* harmony export */   X3: () => (/* binding */ withMirrorVs),
/* harmony export */   Z_: () => (/* binding */ insertedMatchVs),
/* harmony export */   eV: () => (/* binding */ strategyStateVs),
/* harmony export */   gN: () => (/* binding */ withAbRouteVs),
/* harmony export */   h2: () => (/* binding */ withoutStrategyVs),
/* harmony export */   ie: () => (/* binding */ abRouteName),
/* harmony export */   lW: () => (/* binding */ steppedRoute),
/* harmony export */   mx: () => (/* binding */ isStrategyRouteName),
/* harmony export */   mz: () => (/* binding */ istioPreviewMatch),
/* harmony export */   nX: () => (/* binding */ istioMatchesOf),
/* harmony export */   pb: () => (/* binding */ previewRouteName)
/* harmony export */ });
/* unused harmony exports AB_ROUTE_SUFFIX, PREVIEW_ROUTE_SUFFIX, withoutAbRouteVs, withoutPreviewRouteVs, withoutMirrorVs */
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22464);
/* harmony import */ var _kube_views_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(96919);
/* harmony import */ var _util_object_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69313);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14350);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86818);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(69868);
// The strategy changes of an Istio VirtualService (pure; each returns a new object and never
// changes its argument): an A/B or blue/green preview route inserted before the stepped route,
// sending the matching requests to the canary, and a mirror of the stepped route's traffic to
// the canary. Each has its removal; withoutStrategyVs removes them all, so every write is
// "the user's VirtualService, then the weights (plan.ts withCanaryWeight), then what this
// stage adds" (strategy/stages.ts renderRoute) and is idempotent by construction.
//
// The RouteSelection of plan.ts counts the routes of the VirtualService WITHOUT the routes
// added here (selectRoute on withoutStrategyVs(vs)); every function here finds the stepped
// route that way, so it works on the VirtualService as written at any stage.






/** Name suffix of the A/B route this module inserts (reserved: a route so named is removed as ours). */
const AB_ROUTE_SUFFIX = '-istio-canary-ab';
/** Name suffix of the blue/green preview route (reserved likewise). */
const PREVIEW_ROUTE_SUFFIX = '-istio-canary-preview';
/** Whether an http route name is one this module inserts. */
const isStrategyRouteName = (name) => typeof name === 'string' && (name.endsWith(AB_ROUTE_SUFFIX) || name.endsWith(PREVIEW_ROUTE_SUFFIX));
const baseName = (sel) => sel.routeName ?? `http-${sel.routeIndex}`;
/** The name of the A/B route inserted before the selected route. */
const abRouteName = (sel) => `${baseName(sel)}${AB_ROUTE_SUFFIX}`;
/** The name of the blue/green preview route inserted before the selected route. */
const previewRouteName = (sel) => `${baseName(sel)}${PREVIEW_ROUTE_SUFFIX}`;
const vsLabel = (vs) => `VirtualService ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)((0,_kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .virtualServiceView */ .Mu)(vs).name ?? '(unnamed)')}`;
/** The spec.http array of a copy (created when absent). */
function httpOf(next) {
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(next.spec) ? next.spec : (next.spec = {});
    if (!Array.isArray(spec.http))
        spec.http = [];
    return spec.http;
}
/** The stepped route's mapping: the selection's index counted over the routes that are not ours. */
function steppedRoute(vs, sel) {
    const user = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .virtualServiceView */ .Mu)(vs).http.filter((r) => !isStrategyRouteName(r.name));
    return user[sel.routeIndex]?.raw ?? null;
}
function steppedOrThrow(vs, sel) {
    const route = steppedRoute(vs, sel);
    if (!route)
        throw new _plan_js__WEBPACK_IMPORTED_MODULE_0__/* .PlanError */ .W6(`${vsLabel(vs)} has no http[${sel.routeIndex}] to step`);
    return route;
}
/** The canary's destination mapping as the stepped route has it (or stable's with the canary subset). */
function canaryDestination(route, sel) {
    const dests = (Array.isArray(route.route) ? route.route : []).filter(_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G).map((d) => d.destination);
    const found = dests.find((d) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(d) && d.subset === sel.canary.subset && d.host === sel.canary.host);
    if ((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(found))
        return structuredClone(found);
    const stable = dests.find((d) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(d) && d.subset === sel.stable.subset && d.host === sel.stable.host);
    return {
        ...((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(stable) ? structuredClone(stable) : { host: sel.canary.host }),
        subset: sel.canary.subset,
    };
}
/** A mirror (`mirror`, or an entry of `mirrors`) of the route that goes to the canary: ours. */
const isCanaryMirror = (m, sel) => (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(m) && m.host === sel.canary.host && m.subset === sel.canary.subset;
/**
 * The VirtualService without anything this module adds: the A/B and preview routes (by their
 * reserved names) and a mirror of the stepped route to the canary. The weights stay.
 */
function withoutStrategyVs(vs, sel) {
    return withoutMirrorVs(withoutInsertedRoutesVs(vs), sel);
}
/**
 * The VirtualService without the routes this module inserted (found by their reserved names; no
 * selection needed): what plan.ts selectRoute must be given so that its index counts the
 * user's routes only.
 */
function withoutInsertedRoutesVs(vs) {
    const next = structuredClone(vs);
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(next.spec) ? next.spec : null;
    if (spec && Array.isArray(spec.http))
        spec.http = spec.http.filter((r) => !((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(r) && isStrategyRouteName(r.name)));
    return next;
}
/** The A/B route removed (and nothing else). */
function withoutAbRouteVs(vs, sel) {
    return withoutRouteNamed(vs, abRouteName(sel));
}
/** The preview route removed (and nothing else). */
function withoutPreviewRouteVs(vs, sel) {
    return withoutRouteNamed(vs, previewRouteName(sel));
}
function withoutRouteNamed(vs, name) {
    const next = structuredClone(vs);
    const spec = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(next.spec) ? next.spec : null;
    if (spec && Array.isArray(spec.http))
        spec.http = spec.http.filter((r) => !((0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(r) && r.name === name));
    return next;
}
/** The Istio match entries of an A/B match (one HTTPMatchRequest per alternative). */
const istioMatchesOf = (match) => match.map((e) => ({ headers: (0,_match_js__WEBPACK_IMPORTED_MODULE_5__/* .istioHeaders */ .PW)(e) }));
/** The Istio match entry of a blue/green preview: the separate host (authority) or the header. */
function istioPreviewMatch(preview) {
    return preview.kind === 'host'
        ? { authority: { exact: preview.host } }
        : { headers: (0,_match_js__WEBPACK_IMPORTED_MODULE_5__/* .istioHeaders */ .PW)({ headers: [preview.header] }) };
}
/**
 * What a route inserted before the stepped one must match: the stepped route's own match AND
 * the user's (so it never takes requests of other routes). Throws a StrategyError
 * (`match-conflict`) when both constrain one header or field differently.
 */
function insertedMatchVs(vs, sel, extra) {
    const route = steppedOrThrow(vs, sel);
    const merged = (0,_match_js__WEBPACK_IMPORTED_MODULE_5__/* .intersectIstio */ .S3)(route.match, extra);
    if (typeof merged === 'string')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('match-conflict', `${vsLabel(vs)} http[${sel.routeIndex}]${sel.routeName ? ` (${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(sel.routeName)})` : ''}: ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(merged)}; the canary route must match the route's own requests, so use another header or drop the condition from the match`, [vsLabel(vs)]);
    return merged;
}
/**
 * A copy of the stepped route (timeouts, retries, rewrites, request headers kept) named `name`,
 * matching `match`, sending everything to the canary with the version header.
 */
function canaryRoute(stepped, sel, name, match) {
    const copy = structuredClone(stepped);
    for (const k of ['name', 'match', 'route', 'mirror', 'mirrors', 'mirrorPercentage', 'mirrorPercent'])
        delete copy[k];
    return {
        name,
        match,
        ...copy,
        route: [
            {
                destination: canaryDestination(stepped, sel),
                weight: 100,
                headers: { response: { set: { [_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_HEADER */ .XP]: 'canary' } } },
            },
        ],
    };
}
function withInsertedRoute(vs, sel, name, extra) {
    const match = insertedMatchVs(vs, sel, extra);
    const next = withoutRouteNamed(vs, name);
    const stepped = steppedOrThrow(next, sel);
    const http = httpOf(next);
    http.splice(http.indexOf(stepped), 0, canaryRoute(stepped, sel, name, match));
    return next;
}
/**
 * A/B: a new http route named abRouteName(sel), just before the stepped route, sending the
 * requests that match (and that the stepped route takes) to the canary, 100%. Idempotent.
 */
function withAbRouteVs(vs, sel, match) {
    if (match.length === 0 || match.some((e) => e.headers.length === 0))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('match-empty', 'match: an A/B match needs at least one condition in every alternative');
    return withInsertedRoute(vs, sel, abRouteName(sel), istioMatchesOf(match));
}
/** Blue/green: the preview route (header or separate host) to the canary, just before the stepped route. Idempotent. */
function withPreviewRouteVs(vs, sel, preview) {
    return withInsertedRoute(vs, sel, previewRouteName(sel), [istioPreviewMatch(preview)]);
}
/**
 * Mirror: the stepped route copies `percent`% of its requests to the canary (`mirror` +
 * `mirrorPercentage.value`; the mirrored responses are discarded). Idempotent; throws a
 * StrategyError (`mirror-exists`) when the route mirrors to another destination already.
 */
function withMirrorVs(vs, sel, percent) {
    if (!(percent > 0 && percent <= 100))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('mirror-percent-range', `mirror-percent: ${percent} is outside 0-100 (above 0, at most 100)`);
    const next = structuredClone(vs);
    const route = steppedOrThrow(next, sel);
    if ((route.mirror !== undefined && !isCanaryMirror(route.mirror, sel)) || route.mirrors !== undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .StrategyError */ .C('mirror-exists', `${vsLabel(vs)} http[${sel.routeIndex}] already mirrors to ${(0,_one_line_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(JSON.stringify(route.mirror ?? route.mirrors))}; remove that mirror to use strategy mirror`, [vsLabel(vs)]);
    delete route.mirrorPercent;
    route.mirror = canaryDestination(route, sel);
    route.mirrorPercentage = { value: percent };
    return next;
}
/** The mirror to the canary removed (and nothing else). */
function withoutMirrorVs(vs, sel) {
    const next = structuredClone(vs);
    const route = steppedRoute(next, sel);
    if (route && isCanaryMirror(route.mirror, sel)) {
        delete route.mirror;
        delete route.mirrorPercentage;
        delete route.mirrorPercent;
    }
    return next;
}
/** What of this module a VirtualService has now (read back for drift detection and resume). */
function strategyStateVs(vs, sel) {
    const names = (0,_kube_views_js__WEBPACK_IMPORTED_MODULE_3__/* .virtualServiceView */ .Mu)(vs).http.map((r) => r.name);
    const route = steppedRoute(vs, sel);
    let mirrorPercent = null;
    if (route && isCanaryMirror(route.mirror, sel)) {
        const p = (0,_util_object_js__WEBPACK_IMPORTED_MODULE_4__/* .isObject */ .G)(route.mirrorPercentage) ? route.mirrorPercentage.value : route.mirrorPercent;
        mirrorPercent = typeof p === 'number' ? p : 100;
    }
    return {
        ab: names.includes(abRouteName(sel)),
        preview: names.includes(previewRouteName(sel)),
        mirrorPercent,
    };
}


/***/ }),

/***/ 69313:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ isObject)
/* harmony export */ });
// The one "is this a JSON object" test (not null, not an array) for code that walks parsed
// JSON/YAML, so it is defined once in src/ (issue 14) instead of once per module.
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/***/ })

};
