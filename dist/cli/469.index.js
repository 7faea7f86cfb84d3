export const id = 469;
export const ids = [469];
export const modules = {

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

/***/ 60032:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runLoadCommand: () => (/* binding */ runLoadCommand)
/* harmony export */ });
/* unused harmony exports parseDuration, parseLoadArgs, summarize, renderTable */
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84970);
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50926);
/* harmony import */ var _histogram_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(87691);
/* harmony import */ var _loadgen_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40415);
// `istio-canary load`: the built-in open-loop load generator on its own, printing per-version
// counts, rate, errors by kind and latency percentiles (a `hey` replacement for CI jobs).




const USAGE = `Usage: istio-canary load --url URL [options]

Sends requests at a fixed rate (open loop: latency counts from each request's intended send
time, so a stalled server shows in the percentiles) and prints them per version, as told by
the response header the canary promotion sets.

  --url URL              target (http or https; certificates are not verified)
  --host HOST            Host header (and TLS server name)
  --rps N                requests per second (default 50; 0 = as fast as possible, closed loop)
  --duration D           how long, e.g. 30s, 2m, 500ms (default 10s)
  --connections N        keep-alive connections (default 8)
  --header 'K: V'        extra request header (repeatable)
  --timeout D            per-request timeout from the intended send time (default 10s)
  --version-header NAME  response header naming the version (default ${_loadgen_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_VERSION_HEADER */ .Rh})
  --precise              send within µs of each intended time (spins: uses more CPU)
  --json                 print one JSON object instead of a table
`;
/** "30s", "2m", "500ms", "1.5s"; a bare number is seconds. */
function parseDuration(flag, text) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
    if (!m?.[1])
        throw new _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb([`${flag}: "${text}" is not a duration (e.g. 30s, 2m, 500ms)`]);
    const n = Number(m[1]);
    const unit = m[2] ?? 's';
    return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}
function parseCount(flag, text, min, max) {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max || text.trim() === '')
        throw new _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb([`${flag}: "${text}" is not a number from ${min} to ${max}`]);
    return n;
}
const LOAD_FLAGS = {
    url: { type: 'string', accepts: 'an http(s) URL' },
    host: { type: 'string', accepts: 'a host name, optionally with :port' },
    rps: { type: 'string', accepts: `a number from 0 (as fast as possible) to ${_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LOAD_RPS */ .so}` },
    duration: { type: 'string', accepts: 'a duration such as 30s, 2m, 500ms' },
    connections: { type: 'string', short: 'c', accepts: `a number from 1 to ${_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LOAD_CONNECTIONS */ .eq}` },
    header: { type: 'string', short: 'H', multiple: true, accepts: "'Name: value'" },
    timeout: { type: 'string', accepts: 'a duration such as 10s' },
    'version-header': { type: 'string', accepts: 'a header name' },
    precise: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
};
function parseLoadArgs(argv) {
    const args = argv[0] === 'load' ? argv.slice(1) : argv.slice();
    const { values, problems } = (0,_args_js__WEBPACK_IMPORTED_MODULE_0__/* .collectArgs */ .O8)(args, LOAD_FLAGS, { help: 'istio-canary load --help' });
    if (values.help === true && problems.length === 0)
        return 'help';
    const out = {
        url: '',
        host: null,
        rps: 50,
        durationMs: 10_000,
        connections: 8,
        headers: {},
        timeoutMs: 10_000,
        versionHeader: _loadgen_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_VERSION_HEADER */ .Rh,
        precise: values.precise === true,
        json: values.json === true,
    };
    const str = (name) => typeof values[name] === 'string' ? values[name] : undefined;
    const check = (convert) => {
        try {
            convert();
        }
        catch (e) {
            if (!(e instanceof _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb))
                throw e;
            problems.push(...e.problems);
        }
    };
    const url = str('url');
    const host = str('host');
    const rps = str('rps');
    const duration = str('duration');
    const connections = str('connections');
    const timeout = str('timeout');
    const versionHeader = str('version-header');
    if (url !== undefined)
        out.url = url;
    // The same checks as the load-host, load-rps and load-connections inputs of `run`.
    if (host !== undefined)
        check(() => {
            try {
                out.host = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .parseHost */ .o6)(host);
            }
            catch (e) {
                if (!(e instanceof _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidValueError */ .$x))
                    throw e;
                throw new _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb([
                    `--host: ${JSON.stringify(host)} ${e.message} (accepted: ${LOAD_FLAGS.host.accepts})`,
                ]);
            }
        });
    if (rps !== undefined)
        check(() => (out.rps = parseCount('--rps', rps, 0, _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LOAD_RPS */ .so)));
    if (duration !== undefined)
        check(() => {
            out.durationMs = parseDuration('--duration', duration);
            if (out.durationMs <= 0)
                throw new _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb([
                    `--duration: "${duration}" is no time at all; give a duration > 0 such as 30s`,
                ]);
        });
    if (connections !== undefined)
        check(() => (out.connections = Math.floor(parseCount('--connections', connections, 1, _input_parsers_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LOAD_CONNECTIONS */ .eq))));
    if (timeout !== undefined)
        check(() => (out.timeoutMs = parseDuration('--timeout', timeout)));
    if (versionHeader !== undefined)
        out.versionHeader = versionHeader;
    for (const h of values.header ?? []) {
        const colon = h.indexOf(':');
        if (colon <= 0)
            problems.push(`--header: "${h}" is not "Name: value"`);
        else
            out.headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
    }
    if (!out.url)
        problems.push('--url is required');
    else
        try {
            const u = new URL(out.url);
            if (u.protocol !== 'http:' && u.protocol !== 'https:')
                throw new Error('not http');
        }
        catch {
            problems.push(`--url: "${out.url}" is not an http(s) URL`);
        }
    if (problems.length > 0)
        throw new _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(problems);
    return out;
}
function row(r, seconds) {
    const ms = (v) => (v === null ? null : Math.round(v) / 1000);
    const h = r.histogram;
    return {
        requests: r.count,
        rps: seconds > 0 ? r.count / seconds : 0,
        errors: r.errors,
        errorsByKind: r.errorsByKind,
        statuses: r.statuses,
        p50Ms: ms(h.percentile(50)),
        p90Ms: ms(h.percentile(90)),
        p99Ms: ms(h.percentile(99)),
        maxMs: h.count > 0 ? ms(h.maxUs) : null,
    };
}
function add(into, from) {
    for (const [k, n] of Object.entries(from))
        into[k] = (into[k] ?? 0) + n;
}
/** The report of a run: one row per version plus "all". */
function summarize(snap) {
    const seconds = snap.elapsedMs / 1000;
    const versions = {};
    const total = {
        count: 0,
        errors: 0,
        errorsByKind: {},
        statuses: {},
        histogram: new _histogram_js__WEBPACK_IMPORTED_MODULE_2__/* .Histogram */ .dq(),
        samplesMs: [],
    };
    for (const name of [...snap.versions.keys()].sort()) {
        const r = snap.versions.get(name);
        versions[name] = row(r, seconds);
        total.count += r.count;
        total.errors += r.errors;
        add(total.errorsByKind, r.errorsByKind);
        add(total.statuses, r.statuses);
        total.histogram.merge(r.histogram);
    }
    return { seconds, versions, all: row(total, seconds) };
}
const kinds = (m) => Object.entries(m)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
function renderTable(args, s) {
    const f = (v) => (v === null ? '-' : v.toFixed(2));
    const head = ['version', 'requests', 'rps', 'errors', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'];
    const rows = [...Object.entries(s.versions), ['all', s.all]].map(([name, r]) => [
        name,
        String(r.requests),
        r.rps.toFixed(1),
        String(r.errors),
        f(r.p50Ms),
        f(r.p90Ms),
        f(r.p99Ms),
        f(r.maxMs),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    const out = [
        `${s.all.requests} requests in ${s.seconds.toFixed(1)} s to ${args.url}${args.host ? ` (Host: ${args.host})` : ''}: ` +
            `${args.rps > 0 ? `${args.rps} rps target (open loop)` : 'max rate (closed loop)'} over ${args.connections} connections`,
        '',
        line(head),
        ...rows.map(line),
        '',
        `status codes: ${kinds(s.all.statuses) || 'none'}`,
        `errors: ${kinds(s.all.errorsByKind) || 'none'}`,
        `latency is measured from each request's intended send time; versions come from the ${args.versionHeader} header`,
        '',
    ];
    return out.join('\n');
}
async function runLoadCommand(argv, io, signal) {
    let args;
    try {
        args = parseLoadArgs(argv);
    }
    catch (err) {
        if (!(err instanceof _args_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb))
            throw err;
        io.stderr(`${err.problems.map((p) => `istio-canary load: ${p}\n`).join('')}\n${USAGE}`);
        return 2;
    }
    if (args === 'help') {
        io.stdout(USAGE);
        return 0;
    }
    const gen = new _loadgen_js__WEBPACK_IMPORTED_MODULE_3__/* .LoadGenerator */ .gE({
        url: args.url,
        host: args.host,
        rps: args.rps,
        connections: args.connections,
        durationMs: args.durationMs,
        headers: args.headers,
        timeoutMs: args.timeoutMs,
        headerName: args.versionHeader,
        precise: args.precise,
        signal,
    });
    const win = gen.openWindow();
    gen.start();
    await gen.done;
    const summary = summarize(win.read());
    if (args.json) {
        io.stdout(`${JSON.stringify({ url: args.url, host: args.host, targetRps: args.rps, connections: args.connections, seconds: summary.seconds, versions: summary.versions, all: summary.all }, null, 2)}\n`);
    }
    else {
        io.stdout(renderTable(args, summary));
    }
    // Nothing answered at all: the target is down or unreachable; say so through the exit code.
    return summary.all.requests > 0 && Object.keys(summary.all.statuses).length > 0 ? 0 : 1;
}


/***/ })

};
