// The input/output contract: the one source of truth for action.yml (generated from it
// by scripts/gen-action.ts), the CLI's --help, the README tables, and settings.ts.

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** The default as action.yml shows it; settings.ts applies the same value when the input is empty. */
  readonly default?: string;
  /** What is accepted, for error messages and --help. */
  readonly accepts: string;
  /** Masked with core.setSecret as soon as it is read. */
  readonly secret?: boolean;
  /** Only on the CLI (files to write, ports): not an action input. */
  readonly cliOnly?: boolean;
}

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
}

export const COMMANDS = ['run', 'step', 'promote', 'rollback', 'status', 'cleanup'] as const;
export const CLUSTERS = ['existing', 'kind', 'minikube', 'sim'] as const;
export const ISTIO_PROFILES = ['demo', 'minimal', 'default'] as const;
export const METRICS_SOURCES = ['loadgen', 'prometheus', 'both'] as const;
export const FINALIZE_MODES = ['promote-stable', 'keep', 'git-pr'] as const;
export const STRATEGIES = ['canary', 'ab', 'mirror', 'blue-green'] as const;
export const ROUTE_KIND_CHOICES = ['auto', 'virtual-service', 'http-route'] as const;
export const FAILURE_MODES = ['rollback', 'hold'] as const;
export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const;
export const CLUSTER_CLEANUP_MODES = ['auto', 'always', 'never'] as const;

/** Tool versions pinned in code; src/cluster pins a SHA-256 for each artifact of these. */
export const PINNED = {
  kind: 'v0.32.0',
  minikube: 'v1.38.1',
  istio: '1.30.3',
} as const;

const list = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'command',
    description:
      'What to do: `run` (the whole schedule with analysis), `step` (advance one step, for manual gating), `promote` (to 100% now, then finalize), `rollback` (canary to 0 now), `status` (print the state), `cleanup` (delete a preview environment).',
    default: 'run',
    accepts: list(COMMANDS),
  },
  {
    name: 'cluster',
    description:
      'Where to run: `existing` (the `kubeconfig` input or $KUBECONFIG), `kind` or `minikube` (created in the job, with Istio), `sim` (the embedded mesh).',
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
    description:
      'Whether the post step deletes a cluster this action created: `auto` (not on GitHub-hosted runners, whose VM is discarded anyway), `always`, `never`.',
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
    description:
      'YAML files or globs (comma or newline separated) applied by server-side apply: deployments, service, DestinationRule, VirtualService, Gateway.',
    accepts: 'file paths or globs, comma or newline separated (no control characters)',
  },
  {
    name: 'canary-image',
    description:
      "Image set on one container of the canary Deployment (the `container` input, else the one whose name or image repository matches the stable Deployment's app container); sidecars are never changed. A new image starts a new promotion from the first step.",
    accepts: 'an image reference such as ghcr.io/org/app:1.2.3',
  },
  {
    name: 'container',
    description:
      "The container of the canary Deployment that `canary-image` changes. Empty: the one whose name or image repository matches the stable Deployment's; with several candidates the run stops and lists them.",
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
    accepts:
      'a route name (letters, digits, -, _ and .; at most 253 characters) or a 0-based index from 0 to 9999',
  },
  {
    name: 'stable-subset',
    description:
      'DestinationRule subset of the stable version (the seeds use `ga` and `v1`). Empty: detected.',
    accepts: 'a subset name',
  },
  {
    name: 'canary-subset',
    description:
      'DestinationRule subset of the canary version (the seeds use `canary` and `v2`). Empty: detected.',
    accepts: 'a subset name',
  },
  {
    name: 'strategy',
    description:
      '`canary` (weight steps), `ab` (requests matching `match` go to the canary, judged for `iterations` windows, then the weight steps; `steps: 100` promotes right after), `mirror` (`mirror-percent`% of live requests are copied to the canary, judged on Prometheus, then the weight steps), `blue-green` (the canary is reached on `preview-host` or `preview-header` for `iterations` windows, then all traffic switches in one write). See README "Strategies".',
    default: 'canary',
    accepts: list(STRATEGIES),
  },
  {
    name: 'match',
    description:
      "Strategy `ab`: the requests sent to the canary, combined with the stepped route's own match. A YAML list of `{headers: {NAME: {exact|prefix|regex: VALUE}}}` (conditions in one entry AND, entries OR), or lines of `header:NAME=VALUE`, `header:NAME^=PREFIX`, `header:NAME~=REGEX`, `cookie:NAME=VALUE`.",
    accepts:
      'a YAML list of {headers: {NAME: {exact|prefix|regex: VALUE}}} entries, or lines of header:NAME=VALUE, header:NAME^=PREFIX, header:NAME~=REGEX, cookie:NAME=VALUE',
  },
  {
    name: 'mirror-percent',
    description: "Strategy `mirror`: percent of the stepped route's requests copied to the canary.",
    default: '100',
    accepts: 'a percent above 0 and at most 100 (10, 10%, 0.5)',
  },
  {
    name: 'preview-host',
    description:
      "Strategy `blue-green` on a VirtualService: a host (in the VirtualService's `hosts`) that reaches the canary before the switch.",
    accepts: 'one host name, without wildcard or port',
  },
  {
    name: 'preview-header',
    description:
      'Strategy `blue-green`: a request header (or cookie) that reaches the canary before the switch.',
    accepts: 'NAME=VALUE, or header:NAME~=REGEX, or cookie:NAME=VALUE',
  },
  {
    name: 'iterations',
    description:
      'Strategies `ab`, `mirror`, `blue-green`: judged windows on the match, the mirror or the preview before the weights (or the switch).',
    default: '1',
    accepts: 'a whole number from 1 to 100',
  },
  {
    name: 'route-kind',
    description:
      'The route object stepped: `virtual-service` (Istio), `http-route` (Gateway API `HTTPRoute`, weighted `backendRefs`), or `auto` (from the manifests and the names given).',
    default: 'auto',
    accepts: list(ROUTE_KIND_CHOICES),
  },
  {
    name: 'http-route',
    description:
      'The HTTPRoute to step (implies `route-kind: http-route`). Empty: the one HTTPRoute with a stable and a canary backend.',
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
    description:
      'Several services stepped in lockstep: a YAML list with one mapping per service, `{virtual-service, stable-subset, canary-subset}` or `{http-route, stable-service, canary-service}`, each with optional `name`, `namespace`, `route`, `manifests`, `canary-image`, `container`, `load-url` and `load-host` (the top-level inputs are their defaults; the top-level `manifests` are shared, each service\'s are added to them). Each step writes every route\'s weight and judges every service; a failure of any rolls all back. One Lease per route object, taken in a fixed order. See README "Several services in lockstep".',
    accepts:
      'a YAML list of 2-16 mappings: {virtual-service, stable-subset, canary-subset} or {http-route, stable-service, canary-service}, each with optional name, namespace, route, manifests, canary-image, container, load-url, load-host',
  },
  {
    name: 'steps',
    description: 'Canary weights in percent, strictly ascending, each 1 to 100 (e.g. `10,60,100`).',
    default: '10,25,50,100',
    accepts: 'comma-separated integers 1-100, strictly ascending',
  },
  {
    name: 'interval',
    description:
      "Analysis window at each step. `auto`: each step's window is as long as the load needs to detect the limits set here (`max-error-rate`, `max-latency-regression`) at `false-rollback-rate`, at most `max-interval`; the plan is printed before the first step.",
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
    description:
      "Probability that a window rolls back a canary identical to stable (the statistical judge's false-alarm budget per window). Lower needs more requests to detect the same regression.",
    default: '1%',
    accepts: 'a percentage from 0.01% to 10%, such as 1% or 0.5%',
  },
  {
    name: 'checks',
    description:
      'Your own checks, judged at every step besides the built-in ones: a YAML list of `{name, query, min, max, relative-to-stable}` where `query` is PromQL with `{{ namespace }}`, `{{ workload }}`, `{{ version }}` and `{{ interval }}` placeholders, or Flagger\'s `request-success-rate` / `request-duration` names. Needs `prometheus-url` (or a created cluster\'s Prometheus). See README "Checks and gates".',
    accepts: 'a YAML list of checks (see README "Checks and gates")',
  },
  {
    name: 'gates',
    description:
      'Gates run before traffic moves (`when: pre-rollout`) and before each weight increase (`when: pre-step`): a command in the job (`run:` argv list; exit code 0 passes) or a webhook (`webhook:` URL; a 2xx answer to a JSON POST passes). A failing gate rolls back like a failed check. See README "Checks and gates".',
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
    description:
      'Source of step measurements: `loadgen` (the built-in load generator), `prometheus` (Istio standard metrics), `both`. Empty: `loadgen` when `load-url` is set, else `prometheus`.',
    accepts: list(METRICS_SOURCES),
  },
  {
    name: 'load-url',
    description:
      'URL the built-in load generator sends to (the ingress gateway). Empty in a created cluster: the ingress.',
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
    description:
      'Authorization header value for prometheus-url, e.g. `Bearer <token>` or `Basic <base64>` (masked). Empty: no header.',
    accepts: 'an Authorization header value such as Bearer abc123 (printable ASCII, one line)',
    secret: true,
  },
  {
    name: 'finalize',
    description:
      "At 100%: `promote-stable` (stable gets the canary's pod template, traffic back to stable, canary scaled to 0), `keep` (leave 100% on the canary), or `git-pr` (promote-stable, then the promoted image is written into the `manifests` files of the repository and a pull request is opened or updated, so Argo CD / Flux see Git and the cluster agree; needs `github-token` with `contents: write` and `pull-requests: write`).",
    default: 'promote-stable',
    accepts: list(FINALIZE_MODES),
  },
  {
    name: 'git-base',
    description:
      "With `finalize: git-pr`: the branch the pull request targets. Empty: the pull request's base branch on pull_request events, else the repository's default branch.",
    accepts: 'a branch name',
  },
  {
    name: 'on-failure',
    description:
      'When a step fails analysis or an error stops the promotion: `rollback` (canary to 0) or `hold` (keep the weight).',
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
    description:
      'Show every change without writing: the manifests and every weight write go to the cluster as server-side dry runs; for `cluster: kind`, `minikube` or `sim` nothing is created and the plan is made against the manifests alone.',
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
    description:
      'Pull request to comment on and to name a preview after. Empty: from the event (or the branch for workflow_dispatch).',
    accepts: 'a whole number >= 1',
  },
  {
    name: 'take-over',
    description:
      'When the live weights differ from what the last run recorded (a person moved them), continue from the live weights instead of stopping. Without it the run stops and says who changed what.',
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

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'status', description: '`promoted`, `rolled-back`, `held` or `in-progress`.' },
  { name: 'weight', description: 'Canary weight now, in percent.' },
  { name: 'step', description: 'Index of the last completed step (0 before the first).' },
  { name: 'report-json', description: 'Path of the full report as JSON.' },
  { name: 'comment-url', description: 'URL of the sticky PR comment, when one was posted.' },
];

export const ACTION_META = {
  name: 'istio-canary',
  description:
    'Staged canary promotion on Istio: step VirtualService weights, judge latency and errors per version, roll back, report in the PR.',
  author: 'istio-canary',
  branding: { icon: 'git-pull-request', color: 'blue' },
} as const;

export function inputSpec(name: string): InputSpec | undefined {
  return INPUTS.find((i) => i.name === name);
}
