import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 84970:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O8: () => (/* binding */ collectArgs),
/* harmony export */   SB: () => (/* binding */ parseArgv),
/* harmony export */   eb: () => (/* binding */ UsageError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83916);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _input_parsers_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(50926);
// The one command-line parser of the codebase (the promotion commands, sim, load, demo):
// node's util.parseArgs tokenises, and the rules below make it strict. Every problem is
// named with the token that caused it and what is accepted; all of them are reported at once.



/** A bad command line: exit 2, nothing touched. `problems` holds one sentence per bad token. */
class UsageError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
    problems;
    constructor(problems) {
        super(problems.join('\n'));
        this.problems = problems;
    }
}
const BOOLEAN_WORDS = 'true, false, yes, no, 1, 0, on, off';
function isBooleanWord(text) {
    try {
        (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBoolean */ .yG)(text);
        return true;
    }
    catch {
        return false;
    }
}
/** The flag part of a raw argument (`--name` of `--name=value`), so values (secrets) are never echoed. */
function flagPart(raw) {
    const eq = raw.indexOf('=');
    return raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
}
/** The known name within edit distance 2 of `name` (a typo), if exactly one is nearest. */
function closest(name, names) {
    const distance = (a, b) => {
        let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
            const row = [i];
            for (let j = 1; j <= b.length; j++)
                row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = row;
        }
        return prev[b.length];
    };
    const scored = names.map((n) => [n, distance(name.toLowerCase(), n)]).filter(([, d]) => d <= 2);
    const best = Math.min(...scored.map(([, d]) => d));
    const at = scored.filter(([, d]) => d === best);
    return at.length === 1 ? at[0][0] : undefined;
}
/**
 * `--steps -5,100`: a word after a flag that takes a value is that value when it starts with a
 * single `-` and is not a known short flag (`-h`), so it is validated as the value (one named
 * error) instead of being split into short flags `-5`, `-,`, `-1`... A word starting with `--`
 * stays a flag (`--steps --dry-run` is a missing value). Rewritten as `--name=value`.
 */
function valuesStartingWithDash(argv, specs) {
    const shorts = new Set(Object.values(specs)
        .map((s) => s.short)
        .filter((s) => s !== undefined));
    const valueFlag = (word) => {
        const name = word.startsWith('--')
            ? word.slice(2)
            : word.length === 2 && word.startsWith('-')
                ? Object.keys(specs).find((n) => specs[n].short === word[1])
                : undefined;
        return name !== undefined && Object.hasOwn(specs, name) && specs[name].type === 'string'
            ? name
            : undefined;
    };
    const out = [];
    for (let i = 0; i < argv.length; i++) {
        const word = argv[i];
        if (word === '--') {
            out.push(...argv.slice(i));
            break;
        }
        const name = valueFlag(word);
        const next = argv[i + 1];
        if (name !== undefined &&
            next !== undefined &&
            next.length > 1 &&
            next.startsWith('-') &&
            !next.startsWith('--') &&
            !(next.length === 2 && shorts.has(next[1]))) {
            out.push(`--${name}=${next}`);
            i++;
        }
        else
            out.push(word);
    }
    return out;
}
/**
 * Parses argv against `specs`. Strict: unknown flags, positionals beyond `maxPositionals`,
 * a repeated flag that is not `multiple`, a boolean with a non-boolean value, and a value
 * flag with no value (or another flag where its value should be) are all UsageErrors.
 * Booleans: `--x` (true), `--x=false`, `--x false` (the words settings.ts accepts).
 */
function parseArgv(argv, specs, options = {}) {
    const parsed = collectArgs(argv, specs, options);
    if (parsed.problems.length > 0)
        throw new UsageError(parsed.problems);
    return parsed;
}
/** parseArgv without the throw: the values it could read and every problem, for callers that add their own. */
function collectArgs(argv, specs, options = {}) {
    argv = valuesStartingWithDash(argv, specs);
    // Every flag is tokenised as a boolean, so a flag's value is always its own token (or an
    // inline `=value`) and the rules below decide whether it belongs to the flag.
    const { tokens } = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
        args: [...argv],
        options: Object.fromEntries(Object.entries(specs).map(([name, s]) => [
            name,
            { type: 'boolean', ...(s.short ? { short: s.short } : {}), multiple: true },
        ])),
        strict: false,
        allowPositionals: true,
        tokens: true,
    });
    const help = options.help ?? '--help';
    const maxPositionals = options.maxPositionals ?? 0;
    const problems = [];
    const values = {};
    const positionals = [];
    const seen = new Set();
    const known = Object.keys(specs)
        .map((n) => `--${n}`)
        .join(', ');
    /** The next token when it is the word right after `index` (a candidate value). */
    const nextWord = (t) => {
        const next = tokens[t + 1];
        return next?.kind === 'positional' && next.index === tokens[t].index + 1 ? next.value : undefined;
    };
    for (let t = 0; t < tokens.length; t++) {
        const token = tokens[t];
        if (token.kind === 'option-terminator')
            continue;
        if (token.kind === 'positional') {
            if (positionals.length < maxPositionals)
                positionals.push(token.value);
            else
                problems.push(`unexpected argument "${token.value}": ${maxPositionals === 0 ? 'this command takes no positional words' : `at most ${maxPositionals} positional word(s)`}; flags are --name value (see ${help})`);
            continue;
        }
        const raw = token.rawName.startsWith('--') ? flagPart(argv[token.index] ?? token.rawName) : token.rawName;
        const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
        const isShort = !token.rawName.startsWith('--');
        if (!spec || (isShort && spec.short !== token.rawName.slice(1))) {
            const near = closest(token.name, Object.keys(specs));
            problems.push(`unknown flag ${raw}${near ? ` (did you mean --${near}?)` : ''}; known: ${known} (see ${help})`);
            // Its would-be value is part of the same mistake, not a second one.
            if (token.value === undefined && nextWord(t) !== undefined)
                t++;
            continue;
        }
        const shown = `--${token.name}`;
        const repeated = seen.has(token.name) && !spec.multiple;
        seen.add(token.name);
        let text = token.value;
        if (text === undefined) {
            const word = nextWord(t);
            // `--dry-run false`: the next word is a boolean's value when it is a boolean word, and a
            // mistake (not a stray word, not `true`) when it is anything else.
            if (word !== undefined) {
                text = word;
                t++;
            }
        }
        if (repeated) {
            problems.push(`${shown} is given more than once; give it once`);
            continue;
        }
        if (spec.type === 'boolean') {
            if (text === undefined)
                values[token.name] = true;
            else if (isBooleanWord(text))
                values[token.name] = (0,_input_parsers_js__WEBPACK_IMPORTED_MODULE_2__/* .parseBoolean */ .yG)(text);
            else
                problems.push(`${shown}: "${text}" is not a boolean (accepted: ${BOOLEAN_WORDS}; a bare ${shown} means true)`);
            continue;
        }
        const accepts = spec.accepts ? ` (accepted: ${spec.accepts})` : '';
        // A value of only white space is no value: settings.ts would read it as unset and apply
        // the default, which is not what `--steps " "` asked for.
        if (text === undefined || text.trim() === '') {
            const next = tokens[t + 1];
            const after = next?.kind === 'option' && next.index === token.index + 1
                ? `, but the next word is the flag ${next.rawName.startsWith('--') ? flagPart(argv[next.index] ?? '') : next.rawName}; write ${shown}=<value> for a value that starts with "-"`
                : '';
            const blank = text !== undefined && text !== '' ? ' (it was only white space)' : '';
            problems.push(`${shown} needs a value${blank}${after}${accepts}`);
            continue;
        }
        if (spec.multiple)
            values[token.name] = [...(values[token.name] ?? []), text];
        else
            values[token.name] = text;
    }
    return { values, positionals, problems };
}


/***/ }),

/***/ 3665:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AK: () => (/* binding */ ROUTE_KIND_CHOICES),
/* harmony export */   AS: () => (/* binding */ ISTIO_PROFILES),
/* harmony export */   Lo: () => (/* binding */ COMMANDS),
/* harmony export */   Q5: () => (/* binding */ FINALIZE_MODES),
/* harmony export */   Sb: () => (/* binding */ FAILURE_MODES),
/* harmony export */   YL: () => (/* binding */ STRATEGIES),
/* harmony export */   dk: () => (/* binding */ CLUSTER_CLEANUP_MODES),
/* harmony export */   mc: () => (/* binding */ INPUTS),
/* harmony export */   mm: () => (/* binding */ inputSpec),
/* harmony export */   oy: () => (/* binding */ CLUSTERS),
/* harmony export */   p8: () => (/* binding */ COMMENT_MODES),
/* harmony export */   py: () => (/* binding */ OUTPUTS),
/* harmony export */   zk: () => (/* binding */ METRICS_SOURCES)
/* harmony export */ });
/* unused harmony exports PINNED, ACTION_META */
// The input/output contract: the one source of truth for action.yml (generated from it
// by scripts/gen-action.ts), the CLI's --help, the README tables, and settings.ts.
const COMMANDS = ['run', 'step', 'promote', 'rollback', 'status', 'cleanup'];
const CLUSTERS = ['existing', 'kind', 'minikube', 'sim'];
const ISTIO_PROFILES = ['demo', 'minimal', 'default'];
const METRICS_SOURCES = ['loadgen', 'prometheus', 'both'];
const FINALIZE_MODES = ['promote-stable', 'keep', 'git-pr'];
const STRATEGIES = ['canary', 'ab', 'mirror', 'blue-green'];
const ROUTE_KIND_CHOICES = ['auto', 'virtual-service', 'http-route'];
const FAILURE_MODES = ['rollback', 'hold'];
const COMMENT_MODES = ['always', 'on-failure', 'never'];
const CLUSTER_CLEANUP_MODES = ['auto', 'always', 'never'];
/** Tool versions pinned in code; src/cluster pins a SHA-256 for each artifact of these. */
const PINNED = {
    kind: 'v0.32.0',
    minikube: 'v1.38.1',
    istio: '1.30.3',
};
const list = (values) => values.map((v) => `\`${v}\``).join(', ');
const INPUTS = [
    {
        name: 'command',
        description: 'What to do: `run` (the whole schedule with analysis), `step` (advance one step, for manual gating), `promote` (to 100% now, then finalize), `rollback` (canary to 0 now), `status` (print the state), `cleanup` (delete a preview environment).',
        default: 'run',
        accepts: list(COMMANDS),
    },
    {
        name: 'cluster',
        description: 'Where to run: `existing` (the `kubeconfig` input or $KUBECONFIG), `kind` or `minikube` (created in the job, with Istio), `sim` (the embedded mesh).',
        default: 'existing',
        accepts: list(CLUSTERS),
    },
    {
        name: 'kubeconfig',
        description: 'Kubeconfig content for `cluster: existing` (masked). Empty: $KUBECONFIG or ~/.kube/config.',
        accepts: 'kubeconfig YAML',
        secret: true,
    },
    {
        name: 'context',
        description: 'Kubeconfig context to use. Empty: the current context.',
        accepts: 'a context name (one line, at most 253 characters)',
    },
    {
        name: 'kind-version',
        description: 'kind release to download (checksum-verified) for `cluster: kind`.',
        default: PINNED.kind,
        accepts: 'a version such as v0.32.0',
    },
    {
        name: 'minikube-version',
        description: 'minikube release to download (checksum-verified) for `cluster: minikube`.',
        default: PINNED.minikube,
        accepts: 'a version such as v1.38.1',
    },
    {
        name: 'istio-version',
        description: 'Istio release (istioctl) to install in a created cluster (checksum-verified).',
        default: PINNED.istio,
        accepts: 'a version such as 1.30.3',
    },
    {
        name: 'istio-profile',
        description: 'Istio profile for `istioctl install` in a created cluster (`demo` as in the seeds).',
        default: 'demo',
        accepts: list(ISTIO_PROFILES),
    },
    {
        name: 'cluster-name',
        description: 'Name of the kind/minikube cluster to create.',
        default: 'istio-canary',
        accepts: 'a DNS label (lowercase letters, digits, -; at most 63 characters)',
    },
    {
        name: 'cleanup-cluster',
        description: 'Whether the post step deletes a cluster this action created: `auto` (not on GitHub-hosted runners, whose VM is discarded anyway), `always`, `never`.',
        default: 'auto',
        accepts: list(CLUSTER_CLEANUP_MODES),
    },
    {
        name: 'install-prometheus',
        description: "Install Istio's Prometheus addon in a created cluster.",
        default: 'true',
        accepts: '`true` or `false`',
    },
    {
        name: 'namespace',
        description: 'Target namespace; labelled `istio-injection=enabled` in a created cluster.',
        default: 'default',
        accepts: 'a DNS label (lowercase letters, digits, -; at most 63 characters)',
    },
    {
        name: 'manifests',
        description: 'YAML files or globs (comma or newline separated) applied by server-side apply: deployments, service, DestinationRule, VirtualService, Gateway.',
        accepts: 'file paths or globs, comma or newline separated (no control characters)',
    },
    {
        name: 'canary-image',
        description: "Image set on one container of the canary Deployment (the `container` input, else the one whose name or image repository matches the stable Deployment's app container); sidecars are never changed. A new image starts a new promotion from the first step.",
        accepts: 'an image reference such as ghcr.io/org/app:1.2.3',
    },
    {
        name: 'container',
        description: "The container of the canary Deployment that `canary-image` changes. Empty: the one whose name or image repository matches the stable Deployment's; with several candidates the run stops and lists them.",
        accepts: 'a container name (a DNS label)',
    },
    {
        name: 'virtual-service',
        description: 'The VirtualService to step. Empty: the one whose route sends to both subsets.',
        accepts: 'a VirtualService name',
    },
    {
        name: 'route',
        description: 'The http route of the VirtualService to step, by name or index. Empty: detected.',
        accepts: 'a route name (letters, digits, -, _ and .; at most 253 characters) or a 0-based index from 0 to 9999',
    },
    {
        name: 'stable-subset',
        description: 'DestinationRule subset of the stable version (the seeds use `ga` and `v1`). Empty: detected.',
        accepts: 'a subset name',
    },
    {
        name: 'canary-subset',
        description: 'DestinationRule subset of the canary version (the seeds use `canary` and `v2`). Empty: detected.',
        accepts: 'a subset name',
    },
    {
        name: 'strategy',
        description: '`canary` (weight steps), `ab` (requests matching `match` go to the canary, judged for `iterations` windows, then the weight steps; `steps: 100` promotes right after), `mirror` (`mirror-percent`% of live requests are copied to the canary, judged on Prometheus, then the weight steps), `blue-green` (the canary is reached on `preview-host` or `preview-header` for `iterations` windows, then all traffic switches in one write). See README "Strategies".',
        default: 'canary',
        accepts: list(STRATEGIES),
    },
    {
        name: 'match',
        description: "Strategy `ab`: the requests sent to the canary, combined with the stepped route's own match. A YAML list of `{headers: {NAME: {exact|prefix|regex: VALUE}}}` (conditions in one entry AND, entries OR), or lines of `header:NAME=VALUE`, `header:NAME^=PREFIX`, `header:NAME~=REGEX`, `cookie:NAME=VALUE`.",
        accepts: 'a YAML list of {headers: {NAME: {exact|prefix|regex: VALUE}}} entries, or lines of header:NAME=VALUE, header:NAME^=PREFIX, header:NAME~=REGEX, cookie:NAME=VALUE',
    },
    {
        name: 'mirror-percent',
        description: "Strategy `mirror`: percent of the stepped route's requests copied to the canary.",
        default: '100',
        accepts: 'a percent above 0 and at most 100 (10, 10%, 0.5)',
    },
    {
        name: 'preview-host',
        description: "Strategy `blue-green` on a VirtualService: a host (in the VirtualService's `hosts`) that reaches the canary before the switch.",
        accepts: 'one host name, without wildcard or port',
    },
    {
        name: 'preview-header',
        description: 'Strategy `blue-green`: a request header (or cookie) that reaches the canary before the switch.',
        accepts: 'NAME=VALUE, or header:NAME~=REGEX, or cookie:NAME=VALUE',
    },
    {
        name: 'iterations',
        description: 'Strategies `ab`, `mirror`, `blue-green`: judged windows on the match, the mirror or the preview before the weights (or the switch).',
        default: '1',
        accepts: 'a whole number from 1 to 100',
    },
    {
        name: 'route-kind',
        description: 'The route object stepped: `virtual-service` (Istio), `http-route` (Gateway API `HTTPRoute`, weighted `backendRefs`), or `auto` (from the manifests and the names given).',
        default: 'auto',
        accepts: list(ROUTE_KIND_CHOICES),
    },
    {
        name: 'http-route',
        description: 'The HTTPRoute to step (implies `route-kind: http-route`). Empty: the one HTTPRoute with a stable and a canary backend.',
        accepts: 'an HTTPRoute name',
    },
    {
        name: 'stable-service',
        description: 'HTTPRoute: the stable backend Service. Empty: detected like subsets are.',
        accepts: 'a Service name',
    },
    {
        name: 'canary-service',
        description: 'HTTPRoute: the canary backend Service. Empty: detected like subsets are.',
        accepts: 'a Service name',
    },
    {
        name: 'services',
        description: 'Several services stepped in lockstep: a YAML list with one mapping per service, `{virtual-service, stable-subset, canary-subset}` or `{http-route, stable-service, canary-service}`, each with optional `name`, `namespace`, `route`, `manifests`, `canary-image`, `container`, `load-url` and `load-host` (the top-level inputs are their defaults; the top-level `manifests` are shared, each service\'s are added to them). Each step writes every route\'s weight and judges every service; a failure of any rolls all back. One Lease per route object, taken in a fixed order. See README "Several services in lockstep".',
        accepts: 'a YAML list of 2-16 mappings: {virtual-service, stable-subset, canary-subset} or {http-route, stable-service, canary-service}, each with optional name, namespace, route, manifests, canary-image, container, load-url, load-host',
    },
    {
        name: 'steps',
        description: 'Canary weights in percent, strictly ascending, each 1 to 100 (e.g. `10,60,100`).',
        default: '10,25,50,100',
        accepts: 'comma-separated integers 1-100, strictly ascending',
    },
    {
        name: 'interval',
        description: "Analysis window at each step. `auto`: each step's window is as long as the load needs to detect the limits set here (`max-error-rate`, `max-latency-regression`) at `false-rollback-rate`, at most `max-interval`; the plan is printed before the first step.",
        default: '1m',
        accepts: 'a duration such as 30s, 2m, 1m30s or 1500ms (at least 1s, at most 24h), or auto',
    },
    {
        name: 'max-interval',
        description: 'With `interval: auto`, the longest window a step may get.',
        default: '10m',
        accepts: 'a duration such as 5m or 1h (at least 1s, at most 24h)',
    },
    {
        name: 'false-rollback-rate',
        description: "Probability that a window rolls back a canary identical to stable (the statistical judge's false-alarm budget per window). Lower needs more requests to detect the same regression.",
        default: '1%',
        accepts: 'a percentage from 0.01% to 10%, such as 1% or 0.5%',
    },
    {
        name: 'checks',
        description: 'Your own checks, judged at every step besides the built-in ones: a YAML list of `{name, query, min, max, relative-to-stable}` where `query` is PromQL with `{{ namespace }}`, `{{ workload }}`, `{{ version }}` and `{{ interval }}` placeholders, or Flagger\'s `request-success-rate` / `request-duration` names. Needs `prometheus-url` (or a created cluster\'s Prometheus). See README "Checks and gates".',
        accepts: 'a YAML list of checks (see README "Checks and gates")',
    },
    {
        name: 'gates',
        description: 'Gates run before traffic moves (`when: pre-rollout`) and before each weight increase (`when: pre-step`): a command in the job (`run:` argv list; exit code 0 passes) or a webhook (`webhook:` URL; a 2xx answer to a JSON POST passes). A failing gate rolls back like a failed check. See README "Checks and gates".',
        accepts: 'a YAML list of gates (see README "Checks and gates")',
    },
    {
        name: 'min-requests',
        description: 'Canary requests needed in a window for a verdict; fewer is inconclusive.',
        default: '50',
        accepts: 'a whole number >= 1',
    },
    {
        name: 'max-error-rate',
        description: 'Highest canary error rate (non-2xx/3xx responses, timeouts, resets) allowed in a window.',
        default: '1%',
        accepts: 'a percentage such as 1% or a fraction such as 0.01 (0 to 100%)',
    },
    {
        name: 'max-p99-ms',
        description: 'Highest canary p99 latency allowed, in milliseconds. Empty: no absolute limit.',
        accepts: 'a positive number of milliseconds',
    },
    {
        name: 'max-latency-regression',
        description: 'Allowed p99 regression of the canary against stable in the same window.',
        default: '25%',
        accepts: 'a percentage such as 25% or a fraction such as 0.25 (0% or more)',
    },
    {
        name: 'metrics',
        description: 'Source of step measurements: `loadgen` (the built-in load generator), `prometheus` (Istio standard metrics), `both`. Empty: `loadgen` when `load-url` is set, else `prometheus`.',
        accepts: list(METRICS_SOURCES),
    },
    {
        name: 'load-url',
        description: 'URL the built-in load generator sends to (the ingress gateway). Empty in a created cluster: the ingress.',
        accepts: 'an http:// or https:// URL (one line, at most 2048 characters)',
    },
    {
        name: 'load-host',
        description: 'Host header for the load generator (the VirtualService host).',
        accepts: 'a host name such as podinfo.example.com or podinfo.example.com:8080 (port 1 to 65535)',
    },
    {
        name: 'load-rps',
        description: 'Requests per second the load generator sends (open loop, fixed rate).',
        default: '50',
        accepts: 'a number > 0 and <= 100000',
    },
    {
        name: 'load-connections',
        description: 'Keep-alive connections the load generator uses.',
        default: '8',
        accepts: 'a whole number from 1 to 1000',
    },
    {
        name: 'prometheus-url',
        description: "Prometheus with Istio's standard metrics. Empty in a created cluster: the addon.",
        accepts: 'an http:// or https:// URL (one line, at most 2048 characters)',
    },
    {
        name: 'prometheus-auth',
        description: 'Authorization header value for prometheus-url, e.g. `Bearer <token>` or `Basic <base64>` (masked). Empty: no header.',
        accepts: 'an Authorization header value such as Bearer abc123 (printable ASCII, one line)',
        secret: true,
    },
    {
        name: 'finalize',
        description: "At 100%: `promote-stable` (stable gets the canary's pod template, traffic back to stable, canary scaled to 0), `keep` (leave 100% on the canary), or `git-pr` (promote-stable, then the promoted image is written into the `manifests` files of the repository and a pull request is opened or updated, so Argo CD / Flux see Git and the cluster agree; needs `github-token` with `contents: write` and `pull-requests: write`).",
        default: 'promote-stable',
        accepts: list(FINALIZE_MODES),
    },
    {
        name: 'git-base',
        description: "With `finalize: git-pr`: the branch the pull request targets. Empty: the pull request's base branch on pull_request events, else the repository's default branch.",
        accepts: 'a branch name',
    },
    {
        name: 'on-failure',
        description: 'When a step fails analysis or an error stops the promotion: `rollback` (canary to 0) or `hold` (keep the weight).',
        default: 'rollback',
        accepts: list(FAILURE_MODES),
    },
    {
        name: 'on-cancel',
        description: 'When the run is cancelled (SIGINT/SIGTERM): `rollback` or `hold`.',
        default: 'rollback',
        accepts: list(FAILURE_MODES),
    },
    {
        name: 'rollout-timeout',
        description: 'How long the canary Deployment may take to become available.',
        default: '5m',
        accepts: 'a duration such as 90s or 5m (at least 1s, at most 24h)',
    },
    {
        name: 'dry-run',
        description: 'Show every change without writing: the manifests and every weight write go to the cluster as server-side dry runs; for `cluster: kind`, `minikube` or `sim` nothing is created and the plan is made against the manifests alone.',
        default: 'false',
        accepts: '`true` or `false`',
    },
    {
        name: 'preview',
        description: 'PR preview environment: deploy to namespace `pr-<number>`; `command: cleanup` removes it.',
        default: 'false',
        accepts: '`true` or `false`',
    },
    {
        name: 'pr-number',
        description: 'Pull request to comment on and to name a preview after. Empty: from the event (or the branch for workflow_dispatch).',
        accepts: 'a whole number >= 1',
    },
    {
        name: 'take-over',
        description: 'When the live weights differ from what the last run recorded (a person moved them), continue from the live weights instead of stopping. Without it the run stops and says who changed what.',
        default: 'false',
        accepts: '`true` or `false`',
    },
    {
        name: 'github-token',
        description: 'Token for the PR comment (masked).',
        default: '${{ github.token }}',
        accepts: 'a GitHub token (one word of printable ASCII)',
        secret: true,
    },
    {
        name: 'comment',
        description: 'When to post the sticky PR comment.',
        default: 'always',
        accepts: list(COMMENT_MODES),
    },
];
const OUTPUTS = [
    { name: 'status', description: '`promoted`, `rolled-back`, `held` or `in-progress`.' },
    { name: 'weight', description: 'Canary weight now, in percent.' },
    { name: 'step', description: 'Index of the last completed step (0 before the first).' },
    { name: 'report-json', description: 'Path of the full report as JSON.' },
    { name: 'comment-url', description: 'URL of the sticky PR comment, when one was posted.' },
];
const ACTION_META = {
    name: 'istio-canary',
    description: 'Staged canary promotion on Istio: step VirtualService weights, judge latency and errors per version, roll back, report in the PR.',
    author: 'istio-canary',
    branding: { icon: 'git-pull-request', color: 'blue' },
};
function inputSpec(name) {
    return INPUTS.find((i) => i.name === name);
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ IstioCanaryError)
/* harmony export */ });
// The one error convention. Every error this project defines extends IstioCanaryError:
// - its `name` is its class name, set once here (never `override name` or `this.name` in a
//   subclass), so logs and stack traces say which error it is;
// - it is exported from the module that throws it, so callers tell errors apart with
//   `instanceof`, never by matching message text;
// - its message names the input or object at fault and what would be accepted; a lower-level
//   failure is kept as `cause`.
class IstioCanaryError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}


/***/ }),

/***/ 50926:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $i: () => (/* binding */ parseSteps),
/* harmony export */   $q: () => (/* binding */ parseName),
/* harmony export */   $x: () => (/* binding */ InvalidValueError),
/* harmony export */   A3: () => (/* binding */ parsePercentage),
/* harmony export */   DO: () => (/* binding */ parseContext),
/* harmony export */   DU: () => (/* binding */ parseKubeconfig),
/* harmony export */   Dl: () => (/* binding */ parseUrl),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   GE: () => (/* binding */ parseDurationBetween),
/* harmony export */   Rb: () => (/* binding */ parseDnsLabel),
/* harmony export */   TL: () => (/* binding */ controlCharacter),
/* harmony export */   Tu: () => (/* binding */ atMost),
/* harmony export */   Ye: () => (/* binding */ parseManifests),
/* harmony export */   ZG: () => (/* binding */ parseRoute),
/* harmony export */   _0: () => (/* binding */ parsePercentageBetween),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   bP: () => (/* binding */ parsePrometheusUrl),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   eT: () => (/* binding */ parseHeaderValue),
/* harmony export */   eq: () => (/* binding */ MAX_LOAD_CONNECTIONS),
/* harmony export */   mK: () => (/* binding */ parseGitBranch),
/* harmony export */   nL: () => (/* binding */ parseEnum),
/* harmony export */   o6: () => (/* binding */ parseHost),
/* harmony export */   ot: () => (/* binding */ parseVersion),
/* harmony export */   pI: () => (/* binding */ parseToken),
/* harmony export */   so: () => (/* binding */ MAX_LOAD_RPS),
/* harmony export */   uH: () => (/* binding */ parsePositiveNumber),
/* harmony export */   yG: () => (/* binding */ parseBoolean),
/* harmony export */   zZ: () => (/* binding */ parseImage)
/* harmony export */ });
/* unused harmony exports commaElements, oneLine, parseList */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(83916);
// The parsers of single input values (pure): each takes the raw text and returns the value or
// throws InvalidValueError with what is wrong; settings.ts collects the errors per input and
// formatInputError adds what is accepted. New inputs reuse these before writing their own.

/** Thrown by the parsers here (formatInputError adds the accepted text); collected per input. */
class InvalidValueError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .IstioCanaryError */ .f {
}
const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** `30s`, `2m`, `1m30s`, `500ms`, `1h`; a bare number is seconds. Returns milliseconds. */
function parseDuration(raw) {
    const text = raw.trim();
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
    let total = 0;
    let matched = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
        total += Number(m[1]) * DURATION_UNITS[m[2]];
        matched = re.lastIndex;
    }
    if (text === '' || matched !== text.length)
        throw new InvalidValueError('is not a duration');
    return Math.round(total);
}
/** `1%`, `0.5%`, or a fraction `0.01`. Returns a fraction. */
function parsePercentage(raw, maxFraction = Infinity) {
    const text = raw.trim();
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
    if (pct)
        return Number(pct[1]) / 100;
    if (/^\d+(\.\d+)?$/.test(text)) {
        const v = Number(text);
        // The percentage it suggests must be one the input accepts (`500` for 0-100% is neither).
        if (v > 1 && v / 100 <= maxFraction)
            throw new InvalidValueError(`is ambiguous: write ${text}% for a percentage, or a fraction from 0 to 1`);
        if (v > 1)
            throw new InvalidValueError(`is above 1 as a fraction, and ${text}% is above ${maxFraction * 100}%; write a percentage up to ${maxFraction * 100}%`);
        return v;
    }
    throw new InvalidValueError('is not a percentage');
}
/**
 * The elements of a comma-separated list, trimmed. An empty element (`10,,100`, a leading or
 * trailing comma) is an error naming its position: it is a typo, never a silently shorter list.
 * `what` names an element in the message (`weight`, `path`).
 */
function commaElements(raw, what) {
    const parts = raw.split(',').map((p) => p.trim());
    if (parts.length > 1) {
        const empty = parts.findIndex((p) => p === '');
        if (empty >= 0)
            throw new InvalidValueError(`has an empty ${what} at position ${empty + 1} of ${parts.length} (two commas in a row, or a comma at the start or end)`);
    }
    return parts;
}
/** `10,60,100`: whole numbers 1..100, strictly ascending (white space also separates). */
function parseSteps(raw) {
    const parts = commaElements(raw, 'weight').flatMap((p) => p.split(/\s+/).filter((w) => w !== ''));
    if (parts.length === 0)
        throw new InvalidValueError('has no steps');
    const weights = parts.map((p) => {
        if (!/^\d+$/.test(p))
            throw new InvalidValueError(`has "${p.length > 40 ? `${p.slice(0, 37)}...` : p}", which is not a whole number`);
        return Number(p);
    });
    // Every problem of the list in one message, so a user fixes it in one go.
    const problems = [];
    const outside = weights.filter((w) => w < 1 || w > 100);
    if (outside.length > 0)
        problems.push(`has ${outside.join(', ')}, outside 1-100`);
    for (let i = 1; i < weights.length; i++)
        if (weights[i] <= weights[i - 1]) {
            problems.push(`is not strictly ascending (${weights[i - 1]} then ${weights[i]})`);
            break;
        }
    if (problems.length > 0)
        throw new InvalidValueError(problems.join('; '));
    return weights;
}
function parseBoolean(raw) {
    const t = raw.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(t))
        return true;
    if (['false', 'no', '0', 'off'].includes(t))
        return false;
    throw new InvalidValueError('is not a boolean');
}
function parseEnum(values) {
    return (raw) => {
        const t = raw.trim();
        if (values.includes(t))
            return t;
        throw new InvalidValueError('is not one of the accepted values');
    };
}
function parseInteger(min, max) {
    return (raw) => {
        const t = raw.trim();
        if (!/^\d+$/.test(t))
            throw new InvalidValueError('is not a whole number');
        const v = Number(t);
        if (v < min || v > max)
            throw new InvalidValueError(`is outside ${min}-${max}`);
        return v;
    };
}
/** The highest load-rps (and `load --rps`): above it the generator's schedule alone takes gigabytes. */
const MAX_LOAD_RPS = 100_000;
/** The most load-connections (and `load --connections`). */
const MAX_LOAD_CONNECTIONS = 1000;
function parsePositiveNumber(max) {
    return (raw) => {
        const t = raw.trim();
        if (!/^\d+(\.\d+)?$/.test(t))
            throw new InvalidValueError('is not a number');
        const v = Number(t);
        if (v <= 0 || v > max)
            throw new InvalidValueError(`is not > 0 and <= ${max}`);
        return v;
    };
}
/** The first control character (C0, DEL, C1) or Unicode line/bidi control in `text`, named for an error, or null. */
function controlCharacter(text) {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const m = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(text);
    if (!m)
        return null;
    const name = m[0] === '\n' ? 'a line break' : m[0] === '\t' ? 'a tab' : 'a control character';
    return `${name} (U+${m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}) at character ${m.index + 1}`;
}
/** Rejects a value with a control character (a line break inside a one-line input included). */
function oneLine(text, what) {
    const c = controlCharacter(text);
    if (c)
        throw new InvalidValueError(`has ${c}, which ${what} may not have`);
    return text;
}
/** Rejects a value longer than `max` characters, saying how long it is. */
function atMost(text, max, what) {
    if (text.length > max)
        throw new InvalidValueError(`is ${text.length} characters long; ${what} has at most ${max}`);
    return text;
}
function parseUrl(raw) {
    let url;
    // The URL parser drops tabs and line breaks silently (`http://exa\nmple.com` would be
    // example.com): a URL with one is refused, not repaired.
    oneLine(raw.trim(), 'a URL');
    atMost(raw.trim(), 2048, 'a URL');
    try {
        url = new URL(raw.trim());
    }
    catch {
        throw new InvalidValueError('is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new InvalidValueError(`has scheme ${url.protocol}, not http or https`);
    return url.toString();
}
/** prometheus-url without user:password@ (fetch refuses one; credentials go in prometheus-auth). */
function parsePrometheusUrl(raw) {
    const url = new URL(parseUrl(raw));
    if (url.username || url.password)
        throw new InvalidValueError('contains credentials (user:password@), which are not sent from the URL: give the URL without them and put them in prometheus-auth as `Basic <base64 of user:password>`');
    return url.toString();
}
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function parseDnsLabel(raw) {
    const t = raw.trim();
    if (t.length > 63 || !DNS_LABEL.test(t))
        throw new InvalidValueError('is not a DNS label');
    return t;
}
function parseVersion(prefixV) {
    return (raw) => {
        const t = raw.trim();
        const re = prefixV ? /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/ : /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
        if (!re.test(t))
            throw new InvalidValueError('is not a release version');
        return t;
    };
}
/** A duration the way the inputs write it: 24h, 2m, 90s, 1500ms (the largest unit that divides it). */
function formatDuration(ms) {
    if (ms > 0 && ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms > 0 && ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms > 0 && ms % 1000 === 0)
        return `${ms / 1000}s`;
    return `${ms}ms`;
}
/** The bounds are named in the message with the value, in the same units the accepted text uses. */
function parseDurationBetween(minMs, maxMs) {
    return (raw) => {
        const ms = parseDuration(raw);
        const bounds = `(at least ${formatDuration(minMs)}, at most ${formatDuration(maxMs)})`;
        if (ms < minMs)
            throw new InvalidValueError(`is ${formatDuration(ms)}, shorter than ${formatDuration(minMs)} ${bounds}`);
        if (ms > maxMs)
            throw new InvalidValueError(`is ${formatDuration(ms)}, longer than ${formatDuration(maxMs)} ${bounds}`);
        return ms;
    };
}
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
function parseImage(raw) {
    const t = raw.trim();
    if (!IMAGE.test(t))
        throw new InvalidValueError('is not an image reference');
    // The registry's limit on a repository name (the part before the tag or digest).
    const name = t.replace(/@sha256:[a-f0-9]{64}$/, '').replace(/:[\w][\w.-]{0,127}$/, '');
    if (name.length > 255)
        throw new InvalidValueError(`has a ${name.length}-character name before the tag; an image name has at most 255`);
    return t;
}
/** More http routes than any VirtualService has; an index above it is a typo, not a route. */
const MAX_ROUTE_INDEX = 9999;
function parseRoute(raw) {
    const t = raw.trim();
    if (/^\d+$/.test(t)) {
        // A 30-digit index would become 1e+30 (and be named so); say what the bound is instead.
        if (t.length > 4 || Number(t) > MAX_ROUTE_INDEX)
            throw new InvalidValueError(`is outside 0-${MAX_ROUTE_INDEX}`);
        return Number(t);
    }
    if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(t))
        throw new InvalidValueError('is not a route name or index');
    atMost(t, 253, 'a route name');
    return t;
}
function parseName(raw) {
    const t = raw.trim();
    if (t.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(t))
        throw new InvalidValueError('is not a Kubernetes object name');
    return t;
}
function parseHost(raw) {
    const t = raw.trim();
    const m = /^([A-Za-z0-9*]([-A-Za-z0-9.*]*[A-Za-z0-9])?)(:(\d+))?$/.exec(t);
    if (!m)
        throw new InvalidValueError('is not a host name');
    if (m[1].length > 253)
        throw new InvalidValueError(`is ${m[1].length} characters long; a host name has at most 253`);
    if (m[4] !== undefined && (m[4].length > 5 || Number(m[4]) < 1 || Number(m[4]) > 65535))
        throw new InvalidValueError(`has port ${m[4]}, outside 1-65535`);
    return t;
}
/**
 * Comma- or newline-separated file paths or globs. Blank lines are layout (a YAML block ends
 * with one); an empty element between commas is an error (commaElements).
 */
function parseList(raw) {
    return raw
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => commaElements(line, 'path'));
}
/** The manifests patterns; a control character or a path no file system takes is named here. */
function parseManifests(raw) {
    const patterns = parseList(raw);
    for (const p of patterns) {
        const c = controlCharacter(p.replace(/\r$/, ''));
        if (c)
            throw new InvalidValueError(`has the path ${JSON.stringify(p.slice(0, 60))} with ${c}`);
        if (p.length > 4096)
            throw new InvalidValueError(`has a path of ${p.length} characters; a path has at most 4096`);
    }
    return patterns;
}
/** An HTTP header value: printable ASCII (and tabs inside), as fetch sends it. */
function parseHeaderValue(raw) {
    const t = raw.trim();
    if (/[\r\n]/.test(t))
        throw new InvalidValueError('has a line break, which no HTTP header value may have');
    const bad = /[^\t\x20-\x7e]/.exec(t);
    if (bad)
        throw new InvalidValueError(`has the character U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} at character ${bad.index + 1}; an HTTP header value is printable ASCII`);
    atMost(t, 8192, 'an HTTP header value');
    return t;
}
/** A token: one word of printable ASCII (it travels in an Authorization header). */
function parseToken(raw) {
    const t = raw.trim();
    const bad = /[^\x21-\x7e]/.exec(t);
    if (bad)
        throw new InvalidValueError(`has ${/\s/.test(bad[0]) ? 'white space or a line break' : `the character U+${bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`} at character ${bad.index + 1}; a token is one word of printable ASCII`);
    atMost(t, 8192, 'a token');
    return t;
}
/** A kubeconfig context name: one line, as kubectl config get-contexts prints it. */
function parseContext(raw) {
    const t = raw.trim();
    oneLine(t, 'a context name');
    atMost(t, 253, 'a context name');
    return t;
}
function parseKubeconfig(raw) {
    if (!/\bclusters\s*:/.test(raw) || !/\bapiVersion\s*:/.test(raw))
        throw new InvalidValueError('is not kubeconfig YAML (no apiVersion/clusters)');
    return raw;
}
function parsePercentageBetween(min, max) {
    return (raw) => {
        const v = parsePercentage(raw, max);
        if (v < min || v > max)
            throw new InvalidValueError(`is outside ${min * 100}%-${max * 100}%`);
        return v;
    };
}
/** A branch name as git accepts it (git check-ref-format --branch), at most 255 characters. */
function parseGitBranch(raw) {
    const text = raw.trim().replace(/^refs\/heads\//, '');
    const bad = text.length > 255
        ? 'is longer than 255 characters'
        : controlCharacter(text) !== null || /[\s~^:?*[\\]/.test(text)
            ? 'has a space, a control character or one of ~ ^ : ? * [ \\'
            : text.startsWith('-') || text.startsWith('/') || text.endsWith('/') || text.endsWith('.')
                ? 'starts with - or /, or ends with / or .'
                : text.includes('..') || text.includes('//') || text.includes('@{') || text === '@'
                    ? 'has .., //, @{ or is @'
                    : /(^|\/)\./.test(text) || /\.lock(\/|$)/.test(text)
                        ? 'has a component starting with . or ending with .lock'
                        : null;
    if (bad)
        throw new InvalidValueError(`is not a branch name: it ${bad}`);
    return text;
}


/***/ }),

/***/ 66367:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fn: () => (/* binding */ cancelDeadlineMs),
/* harmony export */   If: () => (/* binding */ rollbackHint),
/* harmony export */   Zn: () => (/* binding */ watchCancellation),
/* harmony export */   oZ: () => (/* binding */ budgetAfterCancel)
/* harmony export */ });
/* unused harmony exports CANCEL_SIGNALS, DEFAULT_CANCEL_DEADLINE_MS, CANCEL_DEADLINE_ENV, defersInterrupt, interruptedBetween, deadlineMessage */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
// Process cancellation for the CLI and the action: SIGINT, SIGTERM, SIGHUP and SIGQUIT abort
// the engine's AbortSignal, and so does the death of the parent process (npx, a wrapper shell),
// which otherwise leaves this process promoting alone, and a SIGINT sent only to a shell that
// waits for us (`sh -c` under npx, `bash -c`, a workflow step's bash): such a shell keeps the
// signal until its child exits, so it is seen through /proc (the shell woke up). After the
// first cancel a deadline runs: past it the process says where the canary may still be and how
// to finish, and exits.

/** SIGQUIT too: its default action (a core dump) would skip the rollback. */
const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
/** GitHub sends SIGTERM 7.5 s after SIGINT and kills at about 10 s: stay under both. */
const DEFAULT_CANCEL_DEADLINE_MS = 8000;
/** Environment variable that overrides the deadline (milliseconds), for tests and slow clusters. */
const CANCEL_DEADLINE_ENV = 'ISTIO_CANARY_CANCEL_DEADLINE_MS';
const PARENT_POLL_MS = 250;
/** A poll this late means this process was stopped (Ctrl-Z, SIGSTOP): what woke a shell meanwhile is not judged. */
const LATE_POLL_MS = 1000;
/** After the engine of a cancelled run returned, only a hung request can keep the process up: it ends this soon. */
const AFTER_RETURN_MS = 200;
/** Reads ISTIO_CANARY_CANCEL_DEADLINE_MS; a missing or bad value gives the default. */
function cancelDeadlineMs(env) {
    const raw = env[CANCEL_DEADLINE_ENV]?.trim();
    if (!raw || !/^\d+$/.test(raw))
        return DEFAULT_CANCEL_DEADLINE_MS;
    return Math.min(Number(raw), DEFAULT_CANCEL_DEADLINE_MS);
}
/** `/proc/<pid>/stat` fields after the command name: state, ppid, …, starttime (22nd field). */
function stat(pid) {
    try {
        const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        const close = text.lastIndexOf(')');
        const fields = text.slice(close + 2).split(' ');
        return {
            name: text.slice(text.indexOf('(') + 1, close),
            ppid: Number(fields[1]),
            start: fields[19] ?? '',
        };
    }
    catch {
        return null;
    }
}
function startTime(pid) {
    return stat(pid)?.start ?? null;
}
const bit = (signal) => 1n << BigInt(signal - 1);
const SIGINT_BIT = bit(2);
/** A shell waiting for its foreground child catches SIGINT (to defer it) and SIGCHLD, maybe SIGQUIT. */
const WAITER_MASK = bit(2) | bit(3) | bit(17);
/**
 * Whether `ancestor` is a process that keeps a SIGINT until `child` exits and would show one:
 * it catches SIGINT and nothing else but SIGQUIT and SIGCHLD (an interactive shell also
 * catches SIGWINCH and more: a terminal resize must not cancel), `child` is its only child (no
 * other child can wake it), and it sleeps waiting for it.
 */
function defersInterrupt(ancestor, child) {
    return ((ancestor.caught & SIGINT_BIT) !== 0n &&
        (ancestor.caught & ~WAITER_MASK) === 0n &&
        ancestor.children !== null &&
        ancestor.children.length === 1 &&
        ancestor.children[0] === child &&
        ancestor.state === 'S' &&
        (ancestor.wchan === null || ancestor.wchan === 'do_wait'));
}
/**
 * Whether a waiting ancestor received a signal between two samples: it was waiting for `child`
 * alone both times and ran in between. Nothing else wakes it: the only child it has is still
 * there (no SIGCHLD), and it catches no other signal; so it got SIGINT (or SIGQUIT).
 */
function interruptedBetween(before, after, child) {
    return (before.start === after.start &&
        defersInterrupt(before, child) &&
        defersInterrupt(after, child) &&
        after.switches > before.switches);
}
function waiterSample(pid) {
    try {
        const s = stat(pid);
        if (!s)
            return null;
        const status = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/status`, 'utf8');
        const field = (name) => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(status)?.[1] ?? '';
        let children = null;
        try {
            children = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/task/${pid}/children`, 'utf8')
                .trim()
                .split(/\s+/)
                .filter(Boolean)
                .map(Number);
        }
        catch {
            children = null;
        }
        let wchan = null;
        try {
            const w = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(`/proc/${pid}/wchan`, 'utf8').trim();
            wchan = w && w !== '0' ? w : null;
        }
        catch {
            wchan = null;
        }
        return {
            start: s.start,
            caught: BigInt(`0x${field('SigCgt') || '0'}`),
            switches: Number(field('voluntary_ctxt_switches')) + Number(field('nonvoluntary_ctxt_switches')),
            children,
            state: field('State'),
            wchan,
        };
    }
    catch {
        return null;
    }
}
/** The chain of ancestors above the parent, up to (not including) pid 1; empty without /proc. */
function ancestors(parent) {
    const out = [];
    for (let pid = stat(parent)?.ppid ?? 0; pid > 1 && out.length < 32;) {
        const s = stat(pid);
        if (!s)
            break;
        out.push({ pid, name: s.name, start: s.start });
        pid = s.ppid;
    }
    return out;
}
/** The line printed when the deadline passes (pure, for tests and the README). */
/**
 * A signal that aborts `ms` after `signal` does: what is left to do after a cancel (the writes
 * that restore the route, the last report) gets this long, so the process ends by itself before
 * the cancel deadline. Its reason names `what` ran out of time.
 */
function budgetAfterCancel(signal, ms, what) {
    const budget = new AbortController();
    const start = () => {
        const why = new Error(`the ${ms / 1000} s budget for ${what} after the cancel ran out`);
        setTimeout(() => budget.abort(why), ms).unref();
    };
    if (signal.aborted)
        start();
    else
        signal.addEventListener('abort', start, { once: true });
    return budget.signal;
}
function deadlineMessage(seconds, weight, finishHint) {
    const where = weight === null
        ? 'no weight change was confirmed by the API server before the cancel, so the canary is where it was before this run'
        : `the canary may still be at ${weight}% (the last weight the API server confirmed)`;
    return `Cancellation did not finish within ${seconds} s: ${where}. To finish, run: ${finishHint}`;
}
/**
 * Starts watching for cancellation. The returned signal aborts once, on the first of: a
 * signal, the parent process exiting (its pid changes under us), an ancestor exiting, or a
 * waiting shell above us being interrupted. Later signals are logged and ignored until the
 * deadline, when the process exits 1 with deadlineMessage().
 */
function watchCancellation(options) {
    const proc = options.process ?? process;
    const deadlineMs = options.deadlineMs ?? DEFAULT_CANCEL_DEADLINE_MS;
    const controller = new AbortController();
    let weight = null;
    let deadline;
    let cancelledAt = 0;
    let disposed = false;
    const exitAt = (delayMs) => {
        clearTimeout(deadline);
        deadline = setTimeout(() => {
            // After dispose() the engine has returned (and said where the canary is): only a lingering
            // request (a hung API, a lease renewal) keeps the process up, so it just ends.
            if (!disposed)
                options.logger.error(deadlineMessage(deadlineMs / 1000, weight, options.finishHint()));
            const code = disposed ? Number(proc.exitCode ?? 1) : 1;
            proc.exit(Number.isInteger(code) ? code : 1);
        }, delayMs);
        // Unref'd: it never keeps the process alive, and ends it when something else does.
        deadline.unref?.();
    };
    let cancelledBy = null;
    const cancel = (why, by = null) => {
        if (controller.signal.aborted) {
            options.logger.warning(`${why} again: already stopping; exiting at the latest ${deadlineMs / 1000} s after the first cancel.`);
            return;
        }
        cancelledAt = performance.now();
        cancelledBy = by;
        options.logger.warning(`${why}: stopping${options.onCancel ? ` (${options.onCancel})` : ''}.`);
        controller.abort(new Error(`cancelled: ${why}`));
        clearInterval(parentWatch);
        exitAt(deadlineMs);
    };
    const handlers = CANCEL_SIGNALS.map((name) => {
        const handler = () => cancel(`Received ${name}`, name);
        proc.on(name, handler);
        return [name, handler];
    });
    // A parent that dies (npx killed, the wrapper shell gone) reparents us: ppid changes. A
    // grandparent that dies (a shell around `npx`, whose own `sh -c` child lives on) is seen
    // through /proc where there is one: every ancestor recorded at start must still be there.
    // A SIGINT sent only to a shell that waits for us (npx forwards it to its `sh -c`; bash and
    // dash keep it until their child exits) wakes that shell: its context switches grow.
    const parent = proc.ppid;
    const self = options.process ? null : stat(parent);
    const lineage = self
        ? [{ pid: parent, name: self.name, start: self.start }, ...ancestors(parent)]
        : [];
    const chain = lineage.map((a, i) => ({
        ...a,
        child: i === 0 ? proc.pid : lineage[i - 1].pid,
        last: waiterSample(a.pid),
    }));
    let polledAt = performance.now();
    const parentWatch = setInterval(() => {
        if (proc.ppid !== parent)
            return cancel(`The parent process (pid ${parent}) exited`);
        const now = performance.now();
        const late = now - polledAt > LATE_POLL_MS;
        polledAt = now;
        for (const link of chain) {
            if (startTime(link.pid) !== link.start)
                return cancel(`The process that started this one (pid ${link.pid}, ${link.name}) exited`);
            const before = link.last;
            const sample = (link.last = waiterSample(link.pid));
            if (before && sample && !late && interruptedBetween(before, sample, link.child))
                return cancel(`The process that started this one (pid ${link.pid}, ${link.name}) was interrupted (SIGINT)`, 'SIGINT');
        }
    }, PARENT_POLL_MS);
    parentWatch.unref?.();
    return {
        signal: controller.signal,
        get cancelledBy() {
            return cancelledBy;
        },
        onConfirmedWeight: (w) => {
            weight = w;
        },
        dispose: () => {
            disposed = true;
            for (const [name, handler] of handlers)
                proc.off(name, handler);
            clearInterval(parentWatch);
            // Cancelled and returned: what it had to say is said; a hung request or lease renewal
            // must not hold the exit until the deadline (the deadline stays the upper bound).
            if (controller.signal.aborted)
                exitAt(Math.max(0, Math.min(AFTER_RETURN_MS, cancelledAt + deadlineMs - performance.now())));
        },
    };
}
/** How to finish by hand after the deadline: a rollback of the same route (no secret in it). */
function rollbackHint(settings) {
    const args = ['istio-canary', 'rollback', '--cluster', settings.cluster, '--namespace', settings.namespace];
    if (settings.virtualService)
        args.push('--virtual-service', settings.virtualService);
    if (settings.route !== null)
        args.push('--route', String(settings.route));
    if (settings.context)
        args.push('--context', settings.context);
    for (const m of settings.manifests)
        args.push('--manifests', m);
    const quoted = args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
    return `${quoted.join(' ')} (with the same kubeconfig), or rerun the workflow with command: rollback`;
}


/***/ }),

/***/ 25625:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I1: () => (/* binding */ withGroup),
/* harmony export */   Ky: () => (/* binding */ safeLogger),
/* harmony export */   g5: () => (/* binding */ prefixedLogger)
/* harmony export */ });
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(76670);

/**
 * Runs fn inside a collapsible log group when the logger has groups (the action), else with a
 * title line (the CLI). Nested or concurrent groups become title lines inside the open group:
 * the job log has one level of groups.
 */
function withGroup(logger, title, fn) {
    if (logger.group)
        return logger.group(title, fn);
    logger.info(title);
    return fn();
}
/**
 * A Logger whose every message (and group title) is redacted and neutralised before it reaches
 * the sink, whatever module logs it and wherever the text came from (cluster objects, error
 * bodies, API responses). A message that still holds a line break is written with every later
 * line starting with `  | ` (CONTINUATION): only a message's first line starts at column 0.
 */
function safeLogger(sink) {
    let open = false;
    const logger = {
        info: (m) => sink.info((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLogText */ .Ht)(m)),
        warning: (m) => sink.warning((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLogText */ .Ht)(m)),
        error: (m) => sink.error((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLogText */ .Ht)(m)),
        debug: (m) => sink.debug((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLogText */ .Ht)(m)),
    };
    const startGroup = sink.startGroup && ((title) => sink.startGroup?.(title));
    const endGroup = sink.endGroup && (() => sink.endGroup?.());
    if (startGroup && endGroup) {
        logger.group = async (title, fn) => {
            if (open) {
                logger.info(title);
                return fn();
            }
            open = true;
            startGroup((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .safeLogText */ .Ht)(title));
            try {
                return await fn();
            }
            finally {
                open = false;
                endGroup();
            }
        };
    }
    return logger;
}
/**
 * A logger whose every line starts with `[name] ` (a service of a lockstep run): the services
 * log at the same time, so their lines interleave; without groups, which cannot interleave.
 */
function prefixedLogger(logger, name) {
    const p = `[${name}] `;
    return {
        info: (m) => logger.info(p + m),
        warning: (m) => logger.warning(p + m),
        error: (m) => logger.error(p + m),
        debug: (m) => logger.debug(p + m),
    };
}


/***/ }),

/***/ 14350:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   Ht: () => (/* binding */ safeLogText),
/* harmony export */   O3: () => (/* binding */ secrets),
/* harmony export */   Qw: () => (/* binding */ safeBlockText),
/* harmony export */   Sc: () => (/* binding */ inputSecrets),
/* harmony export */   TN: () => (/* reexport safe */ _one_line_js__WEBPACK_IMPORTED_MODULE_1__.TN),
/* harmony export */   hT: () => (/* binding */ kubeconfigSecrets),
/* harmony export */   hn: () => (/* binding */ authHeaderSecrets),
/* harmony export */   jr: () => (/* binding */ showUrl),
/* harmony export */   oA: () => (/* binding */ isSecretParam),
/* harmony export */   pO: () => (/* binding */ Redactor)
/* harmony export */ });
/* unused harmony exports MIN_SECRET_LENGTH, REDACTED, secretForms, CONTINUATION, neutraliseLog, markContinuations, isCommandLine */
/* harmony import */ var js_yaml__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(33243);
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(14350);
/* harmony import */ var _report_escape_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(14031);
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
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   en: () => (/* binding */ escapeTerminal),
/* harmony export */   fr: () => (/* binding */ escapeMarkerPart)
/* harmony export */ });
/* harmony import */ var _one_line_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(14350);
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


/***/ }),

/***/ 42613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 34589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 37540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 53053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 40610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 78474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 80481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 80099:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 46466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 37830:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/web");

/***/ }),

/***/ 87997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 58500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 41692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 73429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 75919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 83480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 13193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 53557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 69154:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("vm");

/***/ }),

/***/ 43106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 33243:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bh: () => (/* binding */ dump),
/* harmony export */   Hh: () => (/* binding */ load),
/* harmony export */   gh: () => (/* binding */ loadAll)
/* harmony export */ });
/* unused harmony exports CHOMPING_CLIP, CHOMPING_KEEP, CHOMPING_MODE, CHOMPING_STRIP, COLLECTION_STYLE, COLLECTION_STYLE_BLOCK, COLLECTION_STYLE_FLOW, CORE_SCHEMA, DEFAULT_SCALAR_STYLE_RULES, DUMP_SCHEMA, EVENT_ALIAS, EVENT_DOCUMENT, EVENT_ID, EVENT_MAPPING, EVENT_POP, EVENT_SCALAR, EVENT_SEQUENCE, FAILSAFE_SCHEMA, JSON_SCHEMA, NOT_RESOLVED, SCALAR_STYLE, SCALAR_STYLE_DOUBLE_QUOTED, SCALAR_STYLE_FOLDED_BLOCK, SCALAR_STYLE_LITERAL_BLOCK, SCALAR_STYLE_PLAIN, SCALAR_STYLE_SINGLE_QUOTED, Schema, VISIT_BREAK, VISIT_SKIP, YAML11_SCHEMA, YAMLException, binaryTag, boolCoreTag, boolJsonTag, boolYaml11Tag, constructFromEvents, defineMappingTag, defineScalarTag, defineSequenceTag, eventsToAst, floatCoreTag, floatJsonTag, floatYaml11Tag, getScalarValue, intCoreTag, intJsonTag, intYaml11Tag, jsToAst, legacyMapTag, mapTag, mergeTag, nullCoreTag, nullJsonTag, nullYaml11Tag, omapTag, pairsTag, parseEvents, present, realMapTag, seqTag, setTag, strTag, timestampTag, visit */
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
//#region src/tag.ts
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
//#endregion
//#region src/tag/scalar/str.ts
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
//#endregion
//#region src/tag/scalar/null_core.ts
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_json.ts
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_yaml11.ts
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/bool_core.ts
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_json.ts
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_yaml11.ts
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/int_core.ts
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_json.ts
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_yaml11.ts
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/float_core.ts
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
//#endregion
//#region src/tag/scalar/float_json.ts
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
//#endregion
//#region src/tag/scalar/float_yaml11.ts
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
//#endregion
//#region src/tag/scalar/merge.ts
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
//#endregion
//#region src/tag/scalar/binary.ts
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
//#endregion
//#region src/tag/scalar/timestamp.ts
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
//#endregion
//#region src/tag/sequence/seq.ts
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
//#endregion
//#region src/common/object.ts
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
//#endregion
//#region src/tag/sequence/omap.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
//#endregion
//#region src/tag/sequence/pairs.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
//#endregion
//#region src/tag/mapping/map.ts
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/tag/mapping/set.ts
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
//#endregion
//#region src/schema.ts
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
//#endregion
//#region src/tag/mapping/real_map.ts
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
//#endregion
//#region src/tag/mapping/legacy_map.ts
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/common/snippet.ts
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
//#endregion
//#region src/common/exception.ts
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
//#endregion
//#region src/parser/events.ts
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
//#endregion
//#region src/parser/parser_scalar.ts
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
//#endregion
//#region src/common/tagname.ts
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
var HEX = "0123456789ABCDEF";
function percentByte(byte) {
	return "%" + HEX[byte >> 4] + HEX[byte & 15];
}
function tagPercentEncode(source, isSuffix) {
	const allowed = isSuffix ? TAG_SUFFIX_CHARS : TAG_URI_CHARS;
	let result = "";
	for (let index = 0; index < source.length; index++) {
		let ch = source.charCodeAt(index);
		if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || allowed.includes(source[index])) {
			result += source[index];
			continue;
		}
		if (ch >= 55296 && ch <= 56319) ch = 65536 + ((ch & 1023) << 10) + (source.charCodeAt(++index) & 1023);
		if (ch < 128) result += percentByte(ch);
		else if (ch < 2048) result += percentByte(192 | ch >> 6) + percentByte(128 | ch & 63);
		else if (ch < 65536) result += percentByte(224 | ch >> 12) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
		else result += percentByte(240 | ch >> 18) + percentByte(128 | ch >> 12 & 63) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
	}
	return result;
}
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
function tagNameShort(fullTag) {
	let tag = fullTag;
	if (tag.charCodeAt(0) === 33) {
		tag = tag.slice(1);
		return `!${tagPercentEncode(tag, true)}`;
	}
	if (tag.slice(0, 18) === "tag:yaml.org,2002:") return `!!${tagPercentEncode(tag.slice(18), true)}`;
	return `!<${tagPercentEncode(tag, false)}>`;
}
//#endregion
//#region src/parser/constructor.ts
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/parser/parser.ts
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
//#endregion
//#region src/load.ts
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
function loadAll(input, iteratorOrOptions, options) {
	let iterator = null;
	if (typeof iteratorOrOptions === "function") iterator = iteratorOrOptions;
	else if (iteratorOrOptions !== null && typeof iteratorOrOptions === "object") options = iteratorOrOptions;
	const documents = loadDocuments(input, options);
	if (iterator === null) return documents;
	for (const document of documents) iterator(document);
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
//#endregion
//#region src/ast/from_js.ts
var INVALID = Symbol("INVALID");
function buildRepresentTypes(schema) {
	const defaultTags = new Set([
		schema.defaultScalarTag,
		schema.defaultSequenceTag,
		schema.defaultMappingTag
	].filter((t) => t !== void 0));
	const implicitScalars = schema.implicitScalarTags;
	const explicitTags = schema.tags.filter((t) => !(t.nodeKind === "scalar" && t.implicit) && !defaultTags.has(t));
	const defaultTagsLast = schema.tags.filter((t) => defaultTags.has(t));
	return [
		...implicitScalars.map((tag) => ({
			tag,
			implicitTag: true
		})),
		...explicitTags.map((tag) => ({
			tag,
			implicitTag: false
		})),
		...defaultTagsLast.map((tag) => ({
			tag,
			implicitTag: true
		}))
	];
}
function matchTag(state, object) {
	for (let index = 0, length = state.representTypes.length; index < length; index += 1) {
		const { tag, implicitTag } = state.representTypes[index];
		if (tag.identify(object)) {
			let tagName;
			if (tag.matchByTagPrefix) tagName = tag.representTagName(object);
			else tagName = tag.tagName;
			return {
				tag,
				tagName,
				implicitTag
			};
		}
	}
	return null;
}
function build(state, object) {
	if (!state.noRefs && object !== null && typeof object === "object") {
		const existing = state.refs.get(object);
		if (existing) {
			if (existing.anchor === void 0) existing.anchor = `ref_${state.refCounter++}`;
			return {
				kind: "alias",
				anchor: existing.anchor
			};
		}
	}
	const matched = matchTag(state, object);
	if (!matched) {
		if (object === void 0) return INVALID;
		if (state.skipInvalid) return INVALID;
		throw new YAMLException(`unacceptable kind of an object to dump ${Object.prototype.toString.call(object)}`);
	}
	const { tag, tagName, implicitTag } = matched;
	const nodeTagName = implicitTag ? tagName : tagNameShort(tagName);
	if (tag.nodeKind === "scalar") return {
		kind: "scalar",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: SCALAR_STYLE.PLAIN,
		value: tag.represent(object)
	};
	if (tag.nodeKind === "sequence") {
		const container = tag.represent(object);
		const node = {
			kind: "sequence",
			tag: nodeTagName,
			tagged: !implicitTag,
			style: COLLECTION_STYLE.BLOCK,
			items: []
		};
		if (!state.noRefs) state.refs.set(object, node);
		for (let index = 0, length = container.length; index < length; index += 1) {
			let item = build(state, container[index]);
			if (item === INVALID && container[index] === void 0) item = build(state, null);
			if (item === INVALID) continue;
			node.items.push(item);
		}
		return node;
	}
	const map = tag.represent(object);
	const node = {
		kind: "mapping",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: COLLECTION_STYLE.BLOCK,
		items: []
	};
	if (!state.noRefs) state.refs.set(object, node);
	for (const [objectKey, objectValue] of map) {
		const key = build(state, objectKey);
		if (key === INVALID) continue;
		const value = build(state, objectValue);
		if (value === INVALID) continue;
		node.items.push({
			key,
			value
		});
	}
	return node;
}
/**
* Convert JS object to AST. A JS value is one YAML document. An unrepresentable
* root becomes an empty document, which the presenter renders as an empty
* string.
*
* @category AST
*/
function jsToAst(input, schema, options = {}) {
	const root = build({
		representTypes: buildRepresentTypes(schema),
		noRefs: options.noRefs ?? false,
		skipInvalid: options.skipInvalid ?? false,
		refs: /* @__PURE__ */ new Map(),
		refCounter: 0
	}, input);
	return [{
		contents: root === INVALID ? null : root,
		directives: []
	}];
}
//#endregion
//#region src/ast/visit.ts
/**
* Return from a visitor to stop the whole traversal.
*
* @category AST
*/
var VISIT_BREAK = Symbol("visit:break");
/**
* Return from a visitor to skip the current node's children.
*
* @category AST
*/
var VISIT_SKIP = Symbol("visit:skip");
function visitNode(node, visitor, ctx) {
	const control = visitor(node, ctx);
	if (control === VISIT_BREAK) return true;
	if (control === VISIT_SKIP) return false;
	const depth = ctx.depth + 1;
	switch (node.kind) {
		case "sequence":
			for (const item of node.items) if (visitNode(item, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
			break;
		case "mapping": for (const { key, value } of node.items) {
			if (visitNode(key, visitor, {
				depth,
				parent: node,
				isKey: true
			})) return true;
			if (visitNode(value, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
		}
	}
	return false;
}
/**
* Walk every node in the documents, calling {@link Visitor} once per
* node (pre-order).
*
* @category AST
*/
function visit(documents, visitor) {
	for (const doc of documents) if (doc.contents && visitNode(doc.contents, visitor, {
		depth: 0,
		parent: null,
		isKey: false
	})) return;
}
//#endregion
//#region src/ast/styler_defaults.ts
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
//#endregion
//#region src/ast/scalar_styler.ts
function setBit(mask, bit) {
	return mask | 1 << bit;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var C_FORBIDDEN_FIRST_LINE = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/;
var C_FORBIDDEN_CONTENT = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/m;
function canUsePlain(layout) {
	const str = layout.node.value;
	if (str !== "") {
		if (!(layout.isKey ? layout.flowOnly ? NS_PLAIN_FLOW_KEY : NS_PLAIN_BLOCK_KEY : layout.flowOnly ? NS_PLAIN_FLOW_IN : NS_PLAIN_FLOW_OUT).test(str)) return false;
		if (layout.shiftOfFirstLine === 0 && C_FORBIDDEN_FIRST_LINE.test(str)) return false;
		if (layout.shiftOfContent === 0) {
			const firstLineBreak = str.indexOf("\n");
			if (firstLineBreak !== -1) {
				const content = str.slice(firstLineBreak + 1);
				if (C_FORBIDDEN_CONTENT.test(content)) return false;
			}
		}
	}
	const resolvedTag = layout.presenterOptions.schema.resolveImplicitScalarTag(str).tag.tagName;
	if (!layout.node.tagged && resolvedTag !== layout.node.tag) return false;
	if (!layout.node.tagged && str === "=" && resolvedTag === layout.presenterOptions.schema.defaultScalarTag.tagName) return false;
	return true;
}
function canUseSingleQuoted(layout) {
	const str = layout.node.value;
	if (!(layout.isKey ? NB_SINGLE_ONE_LINE : NB_SINGLE_MULTI_LINE).test(str)) return false;
	if (/[ \t]\n|\n[ \t]/.test(str)) return false;
	if (!layout.isKey && layout.shiftOfContent === 0) {
		const firstLineBreak = str.indexOf("\n");
		if (firstLineBreak !== -1 && C_FORBIDDEN_CONTENT.test(str.slice(firstLineBreak + 1))) return false;
	}
	return true;
}
function canUseBlock(layout) {
	if (layout.flowOnly || !BLOCK_SCALAR_CONTENT.test(layout.node.value)) return false;
	const contentIndent = layout.shiftOfContent - layout.shiftOfParent;
	if (contentIndent < 1) return false;
	if (contentIndent > 9 && /^\n* /.test(layout.node.value)) return false;
	if (layout.shiftOfContent === 0 && C_FORBIDDEN_CONTENT.test(layout.node.value)) return false;
	return true;
}
function detectAllowedStyles(layout) {
	let mask = setBit(0, SCALAR_STYLE.DOUBLE_QUOTED);
	if (canUsePlain(layout)) mask = setBit(mask, SCALAR_STYLE.PLAIN);
	if (canUseSingleQuoted(layout)) mask = setBit(mask, SCALAR_STYLE.SINGLE_QUOTED);
	if (canUseBlock(layout)) mask = setBit(setBit(mask, SCALAR_STYLE.LITERAL_BLOCK), SCALAR_STYLE.FOLDED_BLOCK);
	layout.allowedStylesMask = mask;
}
function renderScalar(layout) {
	switch (layout.style) {
		case SCALAR_STYLE.PLAIN: return renderPlain(layout);
		case SCALAR_STYLE.SINGLE_QUOTED: return renderSingleQuoted(layout);
		case SCALAR_STYLE.LITERAL_BLOCK: return renderLiteralBlock(layout);
		case SCALAR_STYLE.FOLDED_BLOCK: return renderFoldedBlock(layout);
		case SCALAR_STYLE.DOUBLE_QUOTED: return renderDoubleQuoted(layout);
	}
}
function renderPlain(layout) {
	return encodeFlowBreaks(layout.node.value, layout.shiftOfContent);
}
function renderSingleQuoted(layout) {
	return `'${encodeFlowBreaks(layout.node.value, layout.shiftOfContent).replace(/'/g, "''")}'`;
}
function renderLiteralBlock(layout) {
	const value = layout.node.value;
	return "|" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(value, layout.shiftOfContent));
}
function renderFoldedBlock(layout) {
	const value = layout.node.value;
	const w = layout.presenterOptions.lineWidth;
	let availableWidth = Infinity;
	if (w !== -1) availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	return ">" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(foldBlockScalar(value, availableWidth), layout.shiftOfContent));
}
function renderDoubleQuoted(layout) {
	return `"${escapeString(layout.node.value)}"`;
}
function encodeFlowBreaks(string, shiftOfContent) {
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) return string;
	const pad = " ".repeat(shiftOfContent);
	let result = string.slice(0, nextLF);
	const lineRe = /(\n+)([^\n]*)/g;
	lineRe.lastIndex = nextLF;
	let match;
	while (match = lineRe.exec(string)) {
		const breaks = match[1].length;
		const line = match[2];
		result += "\n".repeat(breaks + 1) + pad + line;
	}
	return result;
}
function indentString(string, spaces) {
	const indent = " ".repeat(spaces);
	let position = 0;
	let result = "";
	const length = string.length;
	while (position < length) {
		let line;
		const next = string.indexOf("\n", position);
		if (next === -1) {
			line = string.slice(position);
			position = length;
		} else {
			line = string.slice(position, next + 1);
			position = next + 1;
		}
		if (line.length && line !== "\n") result += indent;
		result += line;
	}
	return result;
}
function needIndentIndicator(string) {
	return /^\n* /.test(string);
}
function blockHeader(string, shiftOfParent, shiftOfContent) {
	const indentIndicator = needIndentIndicator(string) ? String(shiftOfContent - shiftOfParent) : "";
	const clip = string[string.length - 1] === "\n";
	return `${indentIndicator}${clip && (string[string.length - 2] === "\n" || string === "\n") ? "+" : clip ? "" : "-"}\n`;
}
function dropEndingNewline(string) {
	return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
}
function isMoreIndented(char) {
	return char === " " || char === "	";
}
function foldLine(line, width) {
	if (line === "" || isMoreIndented(line[0])) return line;
	const breakRe = / [^ \t]/g;
	let match;
	let start = 0;
	let end;
	let curr = 0;
	let next = 0;
	let result = "";
	while (match = breakRe.exec(line)) {
		next = match.index;
		if (next - start > width) {
			end = curr > start ? curr : next;
			result += `\n${line.slice(start, end)}`;
			start = end + 1;
		}
		curr = next;
	}
	result += "\n";
	if (line.length - start > width && curr > start) result += `${line.slice(start, curr)}\n${line.slice(curr + 1)}`;
	else result += line.slice(start);
	return result.slice(1);
}
function foldBlockScalar(string, width) {
	const lineRe = /(\n+)([^\n]*)/g;
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) nextLF = string.length;
	lineRe.lastIndex = nextLF;
	let result = foldLine(string.slice(0, nextLF), width);
	let prevMoreIndented = string[0] === "\n" || isMoreIndented(string[0]);
	let moreIndented;
	let match;
	while (match = lineRe.exec(string)) {
		const prefix = match[1];
		const line = match[2];
		moreIndented = line !== "" && isMoreIndented(line[0]);
		result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
		prevMoreIndented = moreIndented;
	}
	return result;
}
var CHARACTERS_TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
function escapeCharacter(character) {
	switch (character) {
		case "\0": return "\\0";
		case "\x07": return "\\a";
		case "\b": return "\\b";
		case "	": return "\\t";
		case "\n": return "\\n";
		case "\v": return "\\v";
		case "\f": return "\\f";
		case "\r": return "\\r";
		case "\x1B": return "\\e";
		case "\"": return "\\\"";
		case "\\": return "\\\\";
		case "": return "\\N";
		case "\xA0": return "\\_";
		case "\u2028": return "\\L";
		case "\u2029": return "\\P";
	}
	const code = character.charCodeAt(0);
	const hex = code.toString(16).toUpperCase();
	if (code <= 255) return `\\x${"0".repeat(2 - hex.length)}${hex}`;
	return `\\u${"0".repeat(4 - hex.length)}${hex}`;
}
function escapeString(string) {
	return string.replace(CHARACTERS_TO_ESCAPE, escapeCharacter);
}
//#endregion
//#region src/ast/presenter.ts
var CHAR_LINE_FEED = 10;
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
function nodeTagShort(node) {
	return node.tagged ? node.tag : tagNameShort(node.tag);
}
function createPresenterState(options) {
	const opts = {
		...DEFAULT_PRESENTER_OPTIONS,
		...options
	};
	if (opts.flowSkipColonSpace) opts.quoteFlowKeys = true;
	return {
		...opts,
		defaultScalarTagName: opts.schema.defaultScalarTag.tagName,
		openEnded: false
	};
}
function generateNextLine(state, level) {
	return `\n${" ".repeat(state.indent * level)}`;
}
function scalarLayout(state, node, parent, level, isKey, flowOnly) {
	return {
		node,
		parent,
		level,
		isKey,
		flowOnly,
		shiftOfParent: level === 0 ? -1 : state.indent * (level - 1),
		shiftOfContent: state.indent * Math.max(1, level),
		shiftOfFirstLine: level === 0 ? 0 : state.indent * level,
		presenterOptions: state,
		allowedStylesMask: 0,
		style: node.style
	};
}
function writeFlowSequence(state, level, node) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level, node.items[index], node, {}).text;
		if (index > 0) result += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		result += item;
	}
	const pad = state.flowBracketPadding && node.items.length > 0 ? " " : "";
	return `[${pad}${result}${pad}]`;
}
function writeBlockSequence(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level + 1, node.items[index], node, {
			block: true,
			compact: state.seqInlineFirst,
			isblockseq: true
		}).text;
		if (!compact || result !== "") result += generateNextLine(state, level);
		if (item === "" || CHAR_LINE_FEED === item.charCodeAt(0)) result += "-";
		else result += "- ";
		result += item;
	}
	return result;
}
function writeFlowMapping(state, level, node) {
	let result = "";
	for (const { key, value } of node.items) {
		let pairBuffer = "";
		if (result !== "") pairBuffer += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		const keyRender = writeNode(state, level, key, node, { iskey: true });
		const keyText = keyRender.text;
		const valueText = writeNode(state, level, value, node, {}).text;
		const sep = state.flowSkipColonSpace || valueText === "" ? "" : " ";
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = key.kind === "alias" || keyIsBareProps ? " " : "";
		pairBuffer += `${keyText}${keyColonSep}:${sep}${valueText}`;
		result += pairBuffer;
	}
	const pad = state.flowBracketPadding && result !== "" ? " " : "";
	return `{${pad}${result}${pad}}`;
}
function writeBlockMapping(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		let pairBuffer = "";
		if (!compact || result !== "") pairBuffer += generateNextLine(state, level);
		const { key, value } = node.items[index];
		const keyIsBlock = (key.kind === "mapping" || key.kind === "sequence") && key.style === COLLECTION_STYLE.BLOCK && key.items.length !== 0 || key.kind === "scalar" && (key.style === SCALAR_STYLE.LITERAL_BLOCK || key.style === SCALAR_STYLE.FOLDED_BLOCK);
		const keyRender = keyIsBlock ? writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			isblockseq: !cannotBeCompact(state, key, level + 1)
		}) : writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			iskey: true
		});
		const keyText = keyRender.text;
		const keyHasLineBreak = key.kind === "scalar" && key.value.indexOf("\n") !== -1;
		const keyIsTooLong = keyText.length > 1024 && /^[\s\S]{1025}/u.test(keyText);
		const explicitPair = keyIsBlock || keyHasLineBreak || keyIsTooLong;
		if (explicitPair) {
			if (keyText && CHAR_LINE_FEED === keyText.charCodeAt(0)) pairBuffer += "?";
			else pairBuffer += "? ";
		}
		pairBuffer += keyText;
		if (explicitPair) pairBuffer += generateNextLine(state, level);
		const valueText = writeNode(state, level + 1, value, node, {
			block: true,
			compact: explicitPair,
			isblockseq: explicitPair && !cannotBeCompact(state, value, level + 1)
		}).text;
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = !explicitPair && (key.kind === "alias" || keyIsBareProps) ? " " : "";
		if (valueText === "" || CHAR_LINE_FEED === valueText.charCodeAt(0)) pairBuffer += `${keyColonSep}:`;
		else pairBuffer += `${keyColonSep}: `;
		pairBuffer += valueText;
		result += pairBuffer;
	}
	return result;
}
function cannotBeCompact(state, node, level) {
	if (node.kind === "alias") return true;
	return node.tagged || node.anchor !== void 0 || state.indent < 2 && level > 0;
}
function writeNode(state, level, node, parent, ctx) {
	if (node.kind === "alias") {
		state.openEnded = false;
		return {
			text: `*${node.anchor}`,
			noBody: false
		};
	}
	const { block = false, iskey = false, isblockseq = false } = ctx;
	let compact = ctx.compact ?? false;
	const hasAnchor = node.anchor !== void 0;
	if (cannotBeCompact(state, node, level)) compact = false;
	let body;
	let shouldPrintTag = node.tagged;
	const useBlockCollection = block && (node.kind === "mapping" || node.kind === "sequence") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0;
	if (node.kind === "mapping") {
		if (useBlockCollection) body = writeBlockMapping(state, level, node, compact);
		else body = writeFlowMapping(state, level, node);
	} else if (node.kind === "sequence") {
		if (useBlockCollection) {
			if (state.seqNoIndent && !isblockseq && level > 0) body = writeBlockSequence(state, level - 1, node, compact);
			else body = writeBlockSequence(state, level, node, compact);
		} else body = writeFlowSequence(state, level, node);
	} else {
		const layout = scalarLayout(state, node, parent, level, iskey, !block);
		detectAllowedStyles(layout);
		for (const rule of state.scalarStyleRules) rule(layout);
		body = renderScalar(layout);
		state.openEnded = (layout.style === SCALAR_STYLE.LITERAL_BLOCK || layout.style === SCALAR_STYLE.FOLDED_BLOCK) && (node.value === "\n" || node.value.endsWith("\n\n"));
		shouldPrintTag = node.tagged || body === "" && layout.flowOnly && parent?.kind === "sequence" && !hasAnchor || layout.style !== SCALAR_STYLE.PLAIN && node.tag !== state.defaultScalarTagName;
	}
	if ((node.kind === "mapping" || node.kind === "sequence") && !useBlockCollection) state.openEnded = false;
	if (useBlockCollection && compact && level > 0 && state.indent > 2) body = `${" ".repeat(state.indent - 2)}${body}`;
	const noBody = body === "";
	let text = body;
	if (shouldPrintTag || hasAnchor) {
		const props = [];
		const tag = shouldPrintTag ? nodeTagShort(node) : null;
		const anchor = hasAnchor ? `&${node.anchor}` : null;
		if (state.tagBeforeAnchor) {
			if (tag !== null) props.push(tag);
			if (anchor !== null) props.push(anchor);
		} else {
			if (anchor !== null) props.push(anchor);
			if (tag !== null) props.push(tag);
		}
		const sep = body === "" || body.charCodeAt(0) === CHAR_LINE_FEED ? "" : " ";
		text = `${props.join(" ")}${sep}${body}`;
	}
	return {
		text,
		noBody
	};
}
function rootStartsOwnLine(node) {
	return (node.kind === "sequence" || node.kind === "mapping") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0 && !node.tagged && node.anchor === void 0;
}
function writeDocumentDirectives(doc) {
	let result = "";
	for (const directive of doc.directives) {
		if (directive.kind === "yaml") {
			result += `%YAML ${directive.version}\n`;
			continue;
		}
		const { handle, prefix } = directive;
		result += `%TAG ${handle} ${prefix}\n`;
	}
	return result;
}
/**
* Build YAML from AST.
*
* @category AST
*/
function present(documents, options) {
	const state = createPresenterState(options);
	let result = "";
	let previousEnded = false;
	for (let index = 0; index < documents.length; index += 1) {
		const doc = documents[index];
		state.openEnded = false;
		const directives = writeDocumentDirectives(doc);
		const hasDirectives = directives !== "";
		const marker = doc.explicitStart || hasDirectives || index > 0 && !previousEnded;
		result += directives;
		if (doc.contents === null) {
			if (marker) result += "---\n";
		} else if (marker) {
			const body = writeNode(state, 0, doc.contents, null, {
				block: true,
				compact: true
			}).text;
			const sep = body === "" ? "" : hasDirectives || rootStartsOwnLine(doc.contents) ? "\n" : " ";
			result += `---${sep}${body}\n`;
		} else result += writeNode(state, 0, doc.contents, null, {
			block: true,
			compact: true
		}).text + "\n";
		previousEnded = doc.explicitEnd || state.openEnded;
		if (previousEnded) result += "...\n";
	}
	return result;
}
//#endregion
//#region src/dump.ts
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
function defaultCompareFn(a, b) {
	const x = String(a);
	const y = String(b);
	if (x < y) return -1;
	if (x > y) return 1;
	return 0;
}
/**
* Serializes JS object as a YAML document. By default it can dump every
* supported YAML type, so it throws an exception if you try to dump regexps or
* functions. However, you can disable exceptions by setting the
* {@link DumpOptions.skipInvalid} option to `true`.
*
* @category Main
*/
function dump(input, options = {}) {
	const opts = {
		...DEFAULT_DUMP_OPTIONS,
		...options
	};
	const documents = jsToAst(input, opts.schema, {
		noRefs: opts.noRefs,
		skipInvalid: opts.skipInvalid
	});
	if (opts.flowLevel >= 0) visit(documents, (node, ctx) => {
		if (ctx.depth < opts.flowLevel) return;
		if (node.kind === "sequence" || node.kind === "mapping") node.style = COLLECTION_STYLE.FLOW;
		return VISIT_SKIP;
	});
	if (opts.sortKeys) {
		const compareFn = opts.sortKeys === true ? defaultCompareFn : opts.sortKeys;
		visit(documents, (node) => {
			if (node.kind !== "mapping") return;
			node.items.sort((a, b) => compareFn(a.key.kind === "scalar" ? a.key.value : "", b.key.kind === "scalar" ? b.key.value : ""));
		});
	}
	opts.transform(documents);
	return present(documents, {
		...pick(opts, Object.keys(DEFAULT_PRESENTER_OPTIONS)),
		schema: opts.schema
	});
}
//#endregion
//#region src/ast/from_events.ts
var NO_RANGE = (/* unused pure expression or super */ null && (-1));
function eventPosition(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function rawTag(state, event) {
	return event.tagStart === NO_RANGE ? "" : state.source.slice(event.tagStart, event.tagEnd);
}
function anchorName(state, event) {
	return event.anchorStart === NO_RANGE ? void 0 : state.source.slice(event.anchorStart, event.anchorEnd);
}
function buildScalar(state, event) {
	const value = getScalarValue(state.source, event);
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw !== "") {
		tagged = true;
		tag = raw;
	} else if (event.style === SCALAR_STYLE.PLAIN) tag = state.schema.resolveImplicitScalarTag(value).tag.tagName;
	else tag = state.schema.defaultScalarTag.tagName;
	return {
		kind: "scalar",
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event),
		value
	};
}
function buildCollection(state, event, defaultTagName) {
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw === "") tag = defaultTagName;
	else {
		tag = raw;
		tagged = true;
	}
	return {
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event)
	};
}
function addNode(state, node) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") frame.doc.contents = node;
	else if (frame.kind === "sequence") frame.node.items.push(node);
	else if (frame.key) {
		frame.node.items.push({
			key: frame.key,
			value: node
		});
		frame.key = null;
	} else frame.key = node;
}
/**
* Builds an AST from parser events
*
* @category AST
*/
function eventsToAst(events, options) {
	const state = {
		source: options.source,
		schema: options.schema,
		eventIndex: 0,
		position: 0,
		frames: [],
		documents: []
	};
	while (state.eventIndex < events.length) {
		const event = events[state.eventIndex++];
		state.position = eventPosition(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT: {
				const doc = {
					contents: null,
					explicitStart: event.explicitStart,
					explicitEnd: event.explicitEnd,
					directives: event.directives
				};
				state.frames.push({
					kind: "document",
					doc
				});
				break;
			}
			case EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case EVENT_ID.SEQUENCE: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:seq");
				const node = {
					kind: "sequence",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "sequence",
					node
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:map");
				const node = {
					kind: "mapping",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "mapping",
					node,
					key: null
				});
				break;
			}
			case EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.key) throw new Error("incomplete mapping pair in event stream");
				if (frame.kind === "document") state.documents.push(frame.doc);
				else addNode(state, frame.node);
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/index.ts
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;
//#endregion


//# sourceMappingURL=js-yaml.mjs.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* reexport */ main)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: ./src/contract.ts
var contract = __nccwpck_require__(3665);
// EXTERNAL MODULE: ./src/args.ts
var args = __nccwpck_require__(84970);
// EXTERNAL MODULE: ./src/lifecycle.ts
var lifecycle = __nccwpck_require__(66367);
// EXTERNAL MODULE: ./src/log.ts
var log = __nccwpck_require__(25625);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __nccwpck_require__(76670);
;// CONCATENATED MODULE: ./src/cli.ts
// The istio-canary CLI: `istio-canary <command> --<input> <value> ...`. Flags are the action's
// inputs under the same names, so settings.ts validates both the same way.






const TOOL_COMMANDS = {
    sim: 'start the embedded mesh (Kubernetes API + Istio data plane) on 127.0.0.1',
    load: 'open-loop load generator: percentiles per version (a hey replacement for CI)',
    demo: 'run the podinfo scenario on the embedded mesh: a good canary, then a slow one rolled back',
};
const COMMAND_HELP = {
    run: 'the whole schedule with analysis at every step',
    step: 'advance exactly one step (manual gating)',
    promote: 'go to 100% now, then finalize',
    rollback: 'send all traffic back to stable now',
    status: 'print the promotion state',
    cleanup: 'delete a preview environment',
};
/** --help, built from the same contract as action.yml. */
function helpText() {
    const lines = [
        'istio-canary: staged canary promotion on Istio.',
        '',
        'Usage: istio-canary <command> [--<input> <value> ...]',
        '',
        'Commands:',
        ...contract/* COMMANDS */.Lo.map((c) => `  ${c.padEnd(10)} ${COMMAND_HELP[c]}`),
        ...Object.entries(TOOL_COMMANDS).map(([c, d]) => `  ${c.padEnd(10)} ${d} (see istio-canary ${c} --help)`),
        '',
        'Inputs (the same names as the GitHub Action; booleans may be given as a bare flag):',
    ];
    for (const spec of contract/* INPUTS */.mc) {
        const def = spec.default !== undefined && !spec.default.includes('${{') ? ` [default: ${spec.default}]` : '';
        lines.push(`  --${spec.name}${def}`);
        lines.push(`      ${spec.description.replace(/`/g, '')}`);
        lines.push(`      accepts: ${spec.accepts.replace(/`/g, '')}`);
    }
    lines.push('', 'Outputs (printed at the end as name=value):');
    for (const o of contract/* OUTPUTS */.py)
        lines.push(`  ${o.name.padEnd(12)} ${o.description.replace(/`/g, '')}`);
    lines.push('', 'Environment: KUBECONFIG for cluster existing; GITHUB_* when run inside Actions.');
    return lines.join('\n');
}
/** The promotion commands' flags: the contract's inputs, plus --help. */
const INPUT_FLAGS = {
    ...Object.fromEntries(contract/* INPUTS */.mc.map((spec) => [
        spec.name,
        {
            type: spec.accepts.includes('`true`') ? 'boolean' : 'string',
            // Repeated --manifests accumulate, like a newline-separated input.
            multiple: spec.name === 'manifests',
            accepts: spec.accepts.replace(/`/g, ''),
        },
    ])),
    help: { type: 'boolean', short: 'h' },
};
/**
 * A promotion command's flags as the input source settings.ts reads (`manifests` joined by
 * newlines, booleans as `true`/`false`). Throws UsageError naming every bad token; `--command`
 * is one of them, since the first word already is the command.
 */
function parseFlags(argv, command) {
    const { values, problems } = (0,args/* collectArgs */.O8)(argv, INPUT_FLAGS, { help: 'istio-canary --help' });
    if (values.command !== undefined)
        problems.push(`--command ${String(values.command)} conflicts with the command "${command}" given as the first word; give the command once, as the first word (istio-canary ${typeof values.command === 'string' ? values.command : command} ...)`);
    if (problems.length > 0)
        throw new args/* UsageError */.eb(problems);
    const flags = new Map();
    for (const [name, value] of Object.entries(values)) {
        if (name === 'help')
            continue;
        flags.set(name, Array.isArray(value) ? value.join('\n') : String(value));
    }
    return flags;
}
/**
 * The CLI's Io: logs on stderr, the plan and outputs on stdout, every text redacted and
 * neutralised (src/redact.ts: a CLI run inside a workflow writes to the job log too); a group
 * is a title line.
 */
function cliIo(io) {
    const logger = (0,log/* safeLogger */.Ky)({
        info: (m) => io.stderr(`${m}\n`),
        warning: (m) => io.stderr(`warning: ${m}\n`),
        error: (m) => io.stderr(`error: ${m}\n`),
        debug: () => undefined,
    });
    const state = new Map();
    return {
        logger,
        print: (t) => io.stdout(`${(0,redact/* safeBlockText */.Qw)(t)}\n`),
        setOutput: (name, value) => io.stdout(`${name}=${(0,redact/* safeLogText */.Ht)((0,redact/* oneLine */.TN)(value))}\n`),
        setSecret: (value) => void redact/* secrets */.O3.add(value),
        state: { save: (k, v) => void state.set(k, v), get: (k) => state.get(k) ?? '' },
    };
}
const defaultIo = {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
};
/** Runs the CLI; resolves with the exit code. */
async function main(argv, io = defaultIo, env = process.env) {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
        io.stdout(`${helpText()}\n`);
        return command === undefined ? 2 : 0;
    }
    if (io === defaultIo)
        ignoreBrokenPipes();
    // Set once the settings are known: what to run to finish by hand if cancelling overruns.
    let hint = 'istio-canary rollback (with the same --cluster, --namespace and kubeconfig)';
    const cancellation = (0,lifecycle/* watchCancellation */.Zn)({
        logger: {
            warning: (m) => io.stderr(`warning: ${(0,redact/* safeLogText */.Ht)(m)}\n`),
            error: (m) => io.stderr(`error: ${(0,redact/* safeLogText */.Ht)(m)}\n`),
        },
        finishHint: () => hint,
        deadlineMs: (0,lifecycle/* cancelDeadlineMs */.Fn)(env),
    });
    try {
        if (command in TOOL_COMMANDS)
            return await runTool(command, rest, io, cancellation.signal);
        if (!contract/* COMMANDS */.Lo.includes(command)) {
            const accepted = [...contract/* COMMANDS */.Lo, ...Object.keys(TOOL_COMMANDS)].join(', ');
            io.stderr(command.startsWith('-')
                ? `error: the command comes first (istio-canary <command> [--<input> <value> ...]), got the flag ${command.split('=')[0]}; accepted commands: ${accepted}\n`
                : `error: unknown command "${command}"; accepted: ${accepted}\n`);
            return 2;
        }
        if (rest.includes('--help') || rest.includes('-h')) {
            io.stdout(`${helpText()}\n`);
            return 0;
        }
        let flags;
        try {
            flags = parseFlags(rest, command);
        }
        catch (e) {
            if (e instanceof args/* UsageError */.eb) {
                for (const problem of e.problems)
                    io.stderr(`error: ${problem}\n`);
                io.stderr(`error: ${e.problems.length} argument problem(s); nothing was changed.\n`);
                return 2;
            }
            throw e;
        }
        flags.set('command', command);
        // The engine (and everything it loads) only once the command line is known to be good.
        const { execute, settingsOrReport } = await Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(58), __nccwpck_require__.e(552)]).then(__nccwpck_require__.bind(__nccwpck_require__, 94552));
        const runIo = cliIo(io);
        const settings = settingsOrReport((name) => flags.get(name) ?? '', env, runIo);
        if (!settings)
            return 2;
        hint = (0,lifecycle/* rollbackHint */.If)(settings);
        let exitCode;
        try {
            exitCode = (await execute(settings, runIo, cancellation.signal, {
                onConfirmedWeight: (weight) => cancellation.onConfirmedWeight(weight),
            })).exitCode;
        }
        catch (e) {
            io.stderr(`error: ${(0,redact/* safeLogText */.Ht)(e instanceof Error ? e.message : String(e))}\n`);
            exitCode = 1;
        }
        return signalExitCode(cancellation.cancelledBy) ?? exitCode;
    }
    catch (e) {
        io.stderr(`error: ${(0,redact/* safeLogText */.Ht)(e instanceof Error ? e.message : String(e))}\n`);
        return 1;
    }
    finally {
        cancellation.dispose();
    }
}
/**
 * A promotion cancelled by a signal ends, once it rolled back and reported, with 128 + the
 * signal's number, the code of a process killed by that signal; bin/istio-canary.js then
 * re-raises the signal so that a wrapper (`bash -c 'istio-canary run …; next'`) stops as well.
 */
function signalExitCode(signal) {
    return signal === null ? null : 128 + external_node_os_.constants.signals[signal];
}
/**
 * When npx or a wrapper shell dies, the pipes it read may close: a write then fails with
 * EPIPE, which must not crash the process in the middle of rolling back.
 */
function ignoreBrokenPipes() {
    for (const stream of [process.stdout, process.stderr])
        if (stream.listenerCount('error') === 0)
            stream.on('error', () => undefined);
}
async function runTool(command, argv, io, signal) {
    switch (command) {
        case 'sim': {
            const { runSimCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(991), __nccwpck_require__.e(573), __nccwpck_require__.e(875)]).then(__nccwpck_require__.bind(__nccwpck_require__, 48666));
            return runSimCommand(argv, io, signal);
        }
        case 'load': {
            const { runLoadCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(415), __nccwpck_require__.e(469)]).then(__nccwpck_require__.bind(__nccwpck_require__, 60032));
            return runLoadCommand(argv, io, signal);
        }
        case 'demo': {
            const { runDemoCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(58), __nccwpck_require__.e(552), __nccwpck_require__.e(20)]).then(__nccwpck_require__.bind(__nccwpck_require__, 69020));
            return runDemoCommand(argv, io, signal);
        }
    }
}

;// CONCATENATED MODULE: ./build/cli.ts
// ncc entry of the CLI bundle (dist/cli/index.js), imported by bin/istio-canary.js.


var __webpack_exports__main = __webpack_exports__.i;
export { __webpack_exports__main as main };
