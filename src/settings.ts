// Every input parsed and validated into one typed Settings (pure). The action reads its
// inputs through core.getInput, the CLI through flags; both hand this module a function
// from input name to raw string. Nothing else in the code reads inputs or process.env.
import type {
  CLUSTERS,
  CLUSTER_CLEANUP_MODES,
  COMMANDS,
  COMMENT_MODES,
  FAILURE_MODES,
  FINALIZE_MODES,
  ISTIO_PROFILES,
  METRICS_SOURCES,
} from './contract.js';
import type { AnalysisLimits } from './model.js';
import type { CheckSpec } from './metrics/check-spec.js';
import type { GateSpec } from './gates/spec.js';
import {
  DEFAULT_STRATEGY,
  STRATEGY_INPUT_NAMES,
  strategyFromInputs,
  type StrategySpec,
} from './strategy/spec.js';

export type Command = (typeof COMMANDS)[number];
export type ClusterKind = (typeof CLUSTERS)[number];
export type IstioProfile = (typeof ISTIO_PROFILES)[number];
export type MetricsSourceSetting = (typeof METRICS_SOURCES)[number];
export type FinalizeMode = (typeof FINALIZE_MODES)[number];
export type FailureMode = (typeof FAILURE_MODES)[number];
export type CommentMode = (typeof COMMENT_MODES)[number];
export type ClusterCleanupMode = (typeof CLUSTER_CLEANUP_MODES)[number];

/** The GitHub run this is part of, read once from the runner's environment. */
export interface GithubContext {
  /** `owner/repo`, or null outside Actions. */
  repository: string | null;
  runId: string | null;
  runAttempt: string | null;
  /** The job id ($GITHUB_JOB): two jobs of one run share the run id, never the job. */
  job?: string | null;
  /** e.g. https://api.github.com, or a GHES API URL. */
  apiUrl: string;
  /** e.g. https://github.com. */
  serverUrl: string;
  eventName: string | null;
  /** The parsed event payload ($GITHUB_EVENT_PATH), or null. */
  event: Record<string, unknown> | null;
  sha: string | null;
  ref: string | null;
  /** Head branch for pull_request events, the branch for others. */
  branch: string | null;
  workflow: string | null;
  /** True on GitHub-hosted runners (RUNNER_ENVIRONMENT=github-hosted). */
  githubHosted: boolean;
  /** Runner temp folder for report files. */
  tempDir: string;
  /** The checked-out repository's folder ($GITHUB_WORKSPACE), or null outside Actions. */
  workspace?: string | null;
}

export interface Settings {
  command: Command;
  cluster: ClusterKind;
  /** Kubeconfig content from the input (a secret), or null to use $KUBECONFIG / ~/.kube/config. */
  kubeconfig: string | null;
  /** $KUBECONFIG as read at start, for `cluster: existing` without the input. */
  kubeconfigPath: string | null;
  context: string | null;
  kindVersion: string;
  minikubeVersion: string;
  istioVersion: string;
  istioProfile: IstioProfile;
  clusterName: string;
  cleanupCluster: ClusterCleanupMode;
  installPrometheus: boolean;
  namespace: string;
  /** Patterns as given (globs are expanded when the manifests are read). */
  manifests: string[];
  canaryImage: string | null;
  /** The canary container canary-image changes, or null to detect it. */
  container: string | null;
  virtualService: string | null;
  /** A route name, or a 0-based index. */
  route: string | number | null;
  stableSubset: string | null;
  canarySubset: string | null;
  /** Canary weights, strictly ascending, 1..100. */
  steps: number[];
  /** The window at each step; with intervalAuto, the window when the power plan cannot size one. */
  intervalMs: number;
  /** `interval: auto`: each step's window sized by the power plan (src/metrics/power.ts), at most maxIntervalMs. */
  intervalAuto: boolean;
  maxIntervalMs: number;
  /** The statistical judge's false-rollback budget per window (alpha). */
  falseRollbackRate: number;
  /** The user's own checks (src/metrics/check-spec.ts), judged at every step. */
  checks: CheckSpec[];
  /** Gates before traffic moves and before each weight increase (src/gates/spec.ts). */
  gates: GateSpec[];
  /** canary / ab / mirror / blue-green, the route kind and their inputs (src/strategy/spec.ts). */
  strategy: StrategySpec;
  /** finalize: git-pr's base branch; null: the PR's base, else the default branch. */
  gitBase: string | null;
  limits: AnalysisLimits;
  metrics: MetricsSourceSetting;
  loadUrl: string | null;
  loadHost: string | null;
  loadRps: number;
  loadConnections: number;
  prometheusUrl: string | null;
  /** Authorization header for Prometheus (a secret), or null. */
  prometheusAuth: string | null;
  finalize: FinalizeMode;
  onFailure: FailureMode;
  onCancel: FailureMode;
  rolloutTimeoutMs: number;
  dryRun: boolean;
  preview: boolean;
  prNumber: number | null;
  githubToken: string | null;
  comment: CommentMode;
  /** Continue from weights a person changed by hand instead of stopping. */
  takeOver: boolean;
  /** https_proxy/http_proxy/no_proxy as read at start (KUBERNETES_SERVICE_HOST always direct): GitHub, Prometheus and the load. */
  proxy: ProxyEnv;
  /** Each Kubernetes request's timeout, from ISTIO_CANARY_KUBE_TIMEOUT_MS (read once, here). */
  kubeTimeoutMs: number;
  github: GithubContext;
}

import { proxyEnvFrom, withDirectHosts, type ProxyEnv } from './http/proxy.js';
import { kubeTimeoutMs } from './kube/errors.js';
import { eventPrNumber, readGithubContext } from './github-context.js';
import { parseChecks } from './metrics/check-spec.js';
import { parseGates } from './gates/spec.js';
import { gitPrSettingsProblems } from './gitops/rules.js';
import {
  InvalidValueError,
  MAX_LOAD_CONNECTIONS,
  MAX_LOAD_RPS,
  parseBoolean,
  parseDnsLabel,
  parseDurationBetween,
  parseEnum,
  parseGitBranch,
  parseHeaderValue,
  parseHost,
  parseImage,
  parseInteger,
  parseKubeconfig,
  parseContext,
  parseManifests,
  parseName,
  parsePercentageBetween,
  parsePositiveNumber,
  parsePrometheusUrl,
  parseRoute,
  parseSteps,
  parseToken,
  parseUrl,
  parseVersion,
} from './input-parsers.js';
import { showUrl } from './redact.js';
import {
  CLUSTERS as CLUSTER_VALUES,
  CLUSTER_CLEANUP_MODES as CLEANUP_VALUES,
  COMMANDS as COMMAND_VALUES,
  COMMENT_MODES as COMMENT_VALUES,
  FAILURE_MODES as FAILURE_VALUES,
  FINALIZE_MODES as FINALIZE_VALUES,
  INPUTS,
  ISTIO_PROFILES as PROFILE_VALUES,
  METRICS_SOURCES as METRICS_VALUES,
  inputSpec,
} from './contract.js';

/** Raw input by name ('' when unset), e.g. core.getInput or the CLI's flags. */
export type InputSource = (name: string) => string;
export type Environment = Readonly<Record<string, string | undefined>>;

export interface InputError {
  input: string;
  value: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: InputError[] };

/** One line per error: `steps: "10,5,200" is not accepted: ... Accepted: ...`. */
export function formatInputError(e: InputError): string {
  const accepts = inputSpec(e.input)?.accepts;
  // A URL's credentials (userinfo, secret-looking query values) are secrets even in an input
  // that is refused: every URL-shaped value is shown through the one URL redaction.
  const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(e.value.trim()) ? showUrl(e.value.trim()) : e.value;
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return `${e.input}: ${JSON.stringify(shown)} ${e.message}${accepts ? ` (accepted: ${accepts})` : ''}`;
}

/**
 * Every input parsed and validated. Pure but for reading the event payload file named by
 * $GITHUB_EVENT_PATH. All errors are returned together; nothing here touches a cluster.
 */
export function parseSettings(input: InputSource, env: Environment = {}): SettingsResult {
  const errors: InputError[] = [];
  const raw = (name: string): string => {
    const v = input(name);
    return v.trim() === '' ? (inputSpec(name)?.default ?? '') : v;
  };
  function field<T>(name: string, parse: (s: string) => T, fallback: T): T;
  function field<T>(name: string, parse: (s: string) => T, fallback: null): T | null;
  function field<T>(name: string, parse: (s: string) => T, fallback: T | null): T | null {
    const value = raw(name);
    if (value.trim() === '') return fallback;
    try {
      return parse(value);
    } catch (e) {
      errors.push({
        input: name,
        // A URL is shown without its credentials by formatInputError (src/redact.ts showUrl).
        value: inputSpec(name)?.secret ? '***' : value,
        message: e instanceof InvalidValueError ? e.message : String(e),
      });
      return fallback;
    }
  }

  /** The strategy inputs, judged together (which go with which strategy), each problem under its input. */
  function strategySpec(): StrategySpec {
    // The action passes each input's default when it is not set: a default is "not set" here,
    // so that `iterations: 1` alone does not count as an input given to the wrong strategy.
    const given = (n: string) => (input(n).trim() === (inputSpec(n)?.default ?? '') ? '' : input(n));
    const r = strategyFromInputs(Object.fromEntries(STRATEGY_INPUT_NAMES.map((n) => [n, given(n)])));
    if ('spec' in r) return r.spec;
    for (const p of r.problems) errors.push({ input: p.input, value: p.value, message: p.message });
    return DEFAULT_STRATEGY;
  }

  const github = readGithubContext(env);
  const command = field('command', parseEnum(COMMAND_VALUES), 'run');
  const cluster = field('cluster', parseEnum(CLUSTER_VALUES), 'existing');
  const manifests = field('manifests', parseManifests, []);
  const steps = field('steps', parseSteps, [10, 25, 50, 100]);
  const loadUrl = field('load-url', parseUrl, null);
  const strategy = strategySpec();
  // A lockstep run whose every service names its load-url has a load target as if load-url were set.
  const loadTarget =
    loadUrl !== null ||
    (strategy.services.length > 0 && strategy.services.every((sv) => sv.loadUrl !== null));
  const prometheusUrl = field('prometheus-url', parsePrometheusUrl, null);
  const metricsRaw = raw('metrics').trim();
  const metrics =
    metricsRaw === ''
      ? loadTarget || cluster === 'sim'
        ? 'loadgen'
        : 'prometheus'
      : field('metrics', parseEnum(METRICS_VALUES), 'loadgen');
  const preview = field('preview', parseBoolean, false);
  const intervalAuto = raw('interval').trim().toLowerCase() === 'auto';
  const maxIntervalMs = field('max-interval', parseDurationBetween(1000, 86_400_000), 600_000);
  const prNumber =
    field('pr-number', parseInteger(1, Number.MAX_SAFE_INTEGER), null) ?? eventPrNumber(github);
  const namespaceInput = raw('namespace').trim();
  let namespace = field('namespace', parseDnsLabel, 'default');
  if (preview) {
    if (prNumber === null)
      errors.push({
        input: 'preview',
        value: 'true',
        message: 'needs a pull request number: run on a pull_request event or set pr-number',
      });
    else namespace = `pr-${prNumber}`;
  }

  const settings: Settings = {
    command,
    cluster,
    kubeconfig: field('kubeconfig', parseKubeconfig, null),
    kubeconfigPath: env.KUBECONFIG && env.KUBECONFIG !== '' ? env.KUBECONFIG : null,
    context: field('context', parseContext, null),
    kindVersion: field('kind-version', parseVersion(true), 'v0.32.0'),
    minikubeVersion: field('minikube-version', parseVersion(true), 'v1.38.1'),
    istioVersion: field('istio-version', parseVersion(false), '1.30.3'),
    istioProfile: field('istio-profile', parseEnum(PROFILE_VALUES), 'demo'),
    clusterName: field('cluster-name', parseDnsLabel, 'istio-canary'),
    cleanupCluster: field('cleanup-cluster', parseEnum(CLEANUP_VALUES), 'auto'),
    installPrometheus: field('install-prometheus', parseBoolean, true),
    namespace,
    manifests,
    canaryImage: field('canary-image', parseImage, null),
    container: field('container', parseDnsLabel, null),
    virtualService: field('virtual-service', parseName, null),
    route: field('route', parseRoute, null),
    stableSubset: field('stable-subset', parseName, null),
    canarySubset: field('canary-subset', parseName, null),
    steps,
    intervalMs: intervalAuto
      ? maxIntervalMs
      : field('interval', parseDurationBetween(1000, 86_400_000), 60_000),
    intervalAuto,
    maxIntervalMs,
    falseRollbackRate: field('false-rollback-rate', parsePercentageBetween(0.0001, 0.1), 0.01),
    checks: field('checks', parseChecks, []),
    gates: field('gates', parseGates, []),
    strategy,
    gitBase: field('git-base', parseGitBranch, null),
    limits: {
      minRequests: field('min-requests', parseInteger(1, 1_000_000_000), 50),
      maxErrorRate: field('max-error-rate', parsePercentageBetween(0, 1), 0.01),
      maxP99Ms: field('max-p99-ms', parsePositiveNumber(3_600_000), null),
      maxLatencyRegression: field('max-latency-regression', parsePercentageBetween(0, 100), 0.25),
    },
    metrics,
    loadUrl,
    loadHost: field('load-host', parseHost, null),
    loadRps: field('load-rps', parsePositiveNumber(MAX_LOAD_RPS), 50),
    loadConnections: field('load-connections', parseInteger(1, MAX_LOAD_CONNECTIONS), 8),
    prometheusUrl,
    prometheusAuth: field('prometheus-auth', parseHeaderValue, null),
    finalize: field('finalize', parseEnum(FINALIZE_VALUES), 'promote-stable'),
    onFailure: field('on-failure', parseEnum(FAILURE_VALUES), 'rollback'),
    onCancel: field('on-cancel', parseEnum(FAILURE_VALUES), 'rollback'),
    rolloutTimeoutMs: field('rollout-timeout', parseDurationBetween(1000, 86_400_000), 300_000),
    dryRun: field('dry-run', parseBoolean, false),
    preview,
    prNumber,
    githubToken:
      raw('github-token').trim() === '' || raw('github-token').includes('${{')
        ? null
        : field('github-token', parseToken, null),
    comment: field('comment', parseEnum(COMMENT_VALUES), 'always'),
    takeOver: field('take-over', parseBoolean, false),
    proxy: withDirectHosts(
      proxyEnvFrom(env),
      env.KUBERNETES_SERVICE_HOST ? [env.KUBERNETES_SERVICE_HOST] : [],
    ),
    kubeTimeoutMs: kubeTimeoutMs(env),
    github,
  };

  // Rules between inputs, checked only among inputs that are valid on their own (a bad
  // `cluster` must not also produce a complaint that follows from its fallback value).
  const bad = new Set(errors.map((e) => e.input));
  const valid = (...names: string[]) => names.every((n) => !bad.has(n));
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
  if (
    valid('metrics', 'cluster', 'command', 'load-url') &&
    settings.metrics !== 'prometheus' &&
    metricsRaw !== '' &&
    !loadTarget &&
    cluster !== 'sim' &&
    cluster !== 'kind' &&
    cluster !== 'minikube' &&
    writes &&
    command !== 'promote'
  )
    errors.push({
      input: 'load-url',
      value: '',
      message: `is needed with metrics: ${settings.metrics} on an existing cluster`,
    });
  if (
    valid('metrics', 'cluster', 'command', 'prometheus-url') &&
    settings.metrics !== 'loadgen' &&
    !prometheusUrl &&
    cluster === 'existing' &&
    writes &&
    command !== 'promote'
  )
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
  if (
    valid('checks', 'cluster', 'prometheus-url', 'install-prometheus') &&
    settings.checks.length > 0 &&
    !prometheusUrl &&
    !((cluster === 'kind' || cluster === 'minikube') && settings.installPrometheus)
  )
    errors.push({
      input: 'checks',
      value: settings.checks.map((c) => c.name).join(', '),
      message: `are PromQL queries and need a Prometheus: set prometheus-url${cluster === 'kind' || cluster === 'minikube' ? ' or install-prometheus: true' : ''}`,
    });
  if (
    valid('interval', 'max-interval') &&
    !intervalAuto &&
    raw('max-interval') !== (inputSpec('max-interval')?.default ?? '')
  )
    errors.push({
      input: 'max-interval',
      value: raw('max-interval'),
      message: 'is only used with interval: auto',
    });
  if (valid('finalize', 'github-token', 'manifests')) errors.push(...gitPrSettingsProblems(settings));
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
function lockstepProblems(
  settings: Settings,
  given: { namespaceInput: string; virtualService: string },
): InputError[] {
  // cleanup deletes the preview namespace whatever the services (a workflow's PR-closed job
  // passes the same inputs): nothing here concerns it.
  const out: InputError[] = [];
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
export function serviceSettings(settings: Settings): { name: string; settings: Settings }[] {
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
export const INPUT_NAMES: readonly string[] = INPUTS.filter((i) => !i.cliOnly).map((i) => i.name);
