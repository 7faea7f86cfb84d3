// Every input parsed and validated into one typed Settings (pure). The action reads its
// inputs through core.getInput, the CLI through flags; both hand this module a function
// from input name to raw string. Nothing else in the code reads inputs or process.env.
import { IstioCanaryError } from './errors.js';
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
  intervalMs: number;
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

import { readFileSync } from 'node:fs';
import { proxyEnvFrom, withDirectHosts, type ProxyEnv } from './http/proxy.js';
import { kubeTimeoutMs } from './kube/errors.js';
import { showUrl } from './redact.js';
import { tmpdir } from 'node:os';
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

/** Thrown by the parsers below (formatInputError adds the accepted text); collected per input. */
export class InvalidValueError extends IstioCanaryError {}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `30s`, `2m`, `1m30s`, `500ms`, `1h`; a bare number is seconds. Returns milliseconds. */
export function parseDuration(raw: string): number {
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (text === '' || matched !== text.length) throw new InvalidValueError('is not a duration');
  return Math.round(total);
}

/** `1%`, `0.5%`, or a fraction `0.01`. Returns a fraction. */
export function parsePercentage(raw: string, maxFraction = Infinity): number {
  const text = raw.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const v = Number(text);
    // The percentage it suggests must be one the input accepts (`500` for 0-100% is neither).
    if (v > 1 && v / 100 <= maxFraction)
      throw new InvalidValueError(`is ambiguous: write ${text}% for a percentage, or a fraction from 0 to 1`);
    if (v > 1)
      throw new InvalidValueError(
        `is above 1 as a fraction, and ${text}% is above ${maxFraction * 100}%; write a percentage up to ${maxFraction * 100}%`,
      );
    return v;
  }
  throw new InvalidValueError('is not a percentage');
}

/**
 * The elements of a comma-separated list, trimmed. An empty element (`10,,100`, a leading or
 * trailing comma) is an error naming its position: it is a typo, never a silently shorter list.
 * `what` names an element in the message (`weight`, `path`).
 */
function commaElements(raw: string, what: string): string[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > 1) {
    const empty = parts.findIndex((p) => p === '');
    if (empty >= 0)
      throw new InvalidValueError(
        `has an empty ${what} at position ${empty + 1} of ${parts.length} (two commas in a row, or a comma at the start or end)`,
      );
  }
  return parts;
}

/** `10,60,100`: whole numbers 1..100, strictly ascending (white space also separates). */
export function parseSteps(raw: string): number[] {
  const parts = commaElements(raw, 'weight').flatMap((p) => p.split(/\s+/).filter((w) => w !== ''));
  if (parts.length === 0) throw new InvalidValueError('has no steps');
  const weights = parts.map((p) => {
    if (!/^\d+$/.test(p))
      throw new InvalidValueError(
        `has "${p.length > 40 ? `${p.slice(0, 37)}...` : p}", which is not a whole number`,
      );
    return Number(p);
  });
  // Every problem of the list in one message, so a user fixes it in one go.
  const problems: string[] = [];
  const outside = weights.filter((w) => w < 1 || w > 100);
  if (outside.length > 0) problems.push(`has ${outside.join(', ')}, outside 1-100`);
  for (let i = 1; i < weights.length; i++)
    if (weights[i]! <= weights[i - 1]!) {
      problems.push(`is not strictly ascending (${weights[i - 1]} then ${weights[i]})`);
      break;
    }
  if (problems.length > 0) throw new InvalidValueError(problems.join('; '));
  return weights;
}

export function parseBoolean(raw: string): boolean {
  const t = raw.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(t)) return true;
  if (['false', 'no', '0', 'off'].includes(t)) return false;
  throw new InvalidValueError('is not a boolean');
}

function parseEnum<T extends string>(values: readonly T[]) {
  return (raw: string): T => {
    const t = raw.trim();
    if ((values as readonly string[]).includes(t)) return t as T;
    throw new InvalidValueError('is not one of the accepted values');
  };
}

function parseInteger(min: number, max: number) {
  return (raw: string): number => {
    const t = raw.trim();
    if (!/^\d+$/.test(t)) throw new InvalidValueError('is not a whole number');
    const v = Number(t);
    if (v < min || v > max) throw new InvalidValueError(`is outside ${min}-${max}`);
    return v;
  };
}

/** The highest load-rps (and `load --rps`): above it the generator's schedule alone takes gigabytes. */
export const MAX_LOAD_RPS = 100_000;
/** The most load-connections (and `load --connections`). */
export const MAX_LOAD_CONNECTIONS = 1000;

function parsePositiveNumber(max: number) {
  return (raw: string): number => {
    const t = raw.trim();
    if (!/^\d+(\.\d+)?$/.test(t)) throw new InvalidValueError('is not a number');
    const v = Number(t);
    if (v <= 0 || v > max) throw new InvalidValueError(`is not > 0 and <= ${max}`);
    return v;
  };
}

/** The first control character (C0, DEL, C1) or Unicode line/bidi control in `text`, named for an error, or null. */
export function controlCharacter(text: string): string | null {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const m = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(text);
  if (!m) return null;
  const name = m[0] === '\n' ? 'a line break' : m[0] === '\t' ? 'a tab' : 'a control character';
  return `${name} (U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at character ${m.index + 1}`;
}

/** Rejects a value with a control character (a line break inside a one-line input included). */
function oneLine(text: string, what: string): string {
  const c = controlCharacter(text);
  if (c) throw new InvalidValueError(`has ${c}, which ${what} may not have`);
  return text;
}

/** Rejects a value longer than `max` characters, saying how long it is. */
function atMost(text: string, max: number, what: string): string {
  if (text.length > max)
    throw new InvalidValueError(`is ${text.length} characters long; ${what} has at most ${max}`);
  return text;
}

function parseUrl(raw: string): string {
  let url: URL;
  // The URL parser drops tabs and line breaks silently (`http://exa\nmple.com` would be
  // example.com): a URL with one is refused, not repaired.
  oneLine(raw.trim(), 'a URL');
  atMost(raw.trim(), 2048, 'a URL');
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidValueError('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidValueError(`has scheme ${url.protocol}, not http or https`);
  return url.toString();
}

/** prometheus-url without user:password@ (fetch refuses one; credentials go in prometheus-auth). */
function parsePrometheusUrl(raw: string): string {
  const url = new URL(parseUrl(raw));
  if (url.username || url.password)
    throw new InvalidValueError(
      'contains credentials (user:password@), which are not sent from the URL: give the URL without them and put them in prometheus-auth as `Basic <base64 of user:password>`',
    );
  return url.toString();
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function parseDnsLabel(raw: string): string {
  const t = raw.trim();
  if (t.length > 63 || !DNS_LABEL.test(t)) throw new InvalidValueError('is not a DNS label');
  return t;
}

function parseVersion(prefixV: boolean) {
  return (raw: string): string => {
    const t = raw.trim();
    const re = prefixV ? /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/ : /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
    if (!re.test(t)) throw new InvalidValueError('is not a release version');
    return t;
  };
}

/** A duration the way the inputs write it: 24h, 2m, 90s, 1500ms (the largest unit that divides it). */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The bounds are named in the message with the value, in the same units the accepted text uses. */
function parseDurationBetween(minMs: number, maxMs: number) {
  return (raw: string): number => {
    const ms = parseDuration(raw);
    const bounds = `(at least ${formatDuration(minMs)}, at most ${formatDuration(maxMs)})`;
    if (ms < minMs)
      throw new InvalidValueError(
        `is ${formatDuration(ms)}, shorter than ${formatDuration(minMs)} ${bounds}`,
      );
    if (ms > maxMs)
      throw new InvalidValueError(`is ${formatDuration(ms)}, longer than ${formatDuration(maxMs)} ${bounds}`);
    return ms;
  };
}

const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
function parseImage(raw: string): string {
  const t = raw.trim();
  if (!IMAGE.test(t)) throw new InvalidValueError('is not an image reference');
  // The registry's limit on a repository name (the part before the tag or digest).
  const name = t.replace(/@sha256:[a-f0-9]{64}$/, '').replace(/:[\w][\w.-]{0,127}$/, '');
  if (name.length > 255)
    throw new InvalidValueError(
      `has a ${name.length}-character name before the tag; an image name has at most 255`,
    );
  return t;
}

/** More http routes than any VirtualService has; an index above it is a typo, not a route. */
const MAX_ROUTE_INDEX = 9999;

function parseRoute(raw: string): string | number {
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

function parseName(raw: string): string {
  const t = raw.trim();
  if (t.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(t))
    throw new InvalidValueError('is not a Kubernetes object name');
  return t;
}

export function parseHost(raw: string): string {
  const t = raw.trim();
  const m = /^([A-Za-z0-9*]([-A-Za-z0-9.*]*[A-Za-z0-9])?)(:(\d+))?$/.exec(t);
  if (!m) throw new InvalidValueError('is not a host name');
  if (m[1]!.length > 253)
    throw new InvalidValueError(`is ${m[1]!.length} characters long; a host name has at most 253`);
  if (m[4] !== undefined && (m[4].length > 5 || Number(m[4]) < 1 || Number(m[4]) > 65535))
    throw new InvalidValueError(`has port ${m[4]}, outside 1-65535`);
  return t;
}

/**
 * Comma- or newline-separated file paths or globs. Blank lines are layout (a YAML block ends
 * with one); an empty element between commas is an error (commaElements).
 */
export function parseList(raw: string): string[] {
  return raw
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => commaElements(line, 'path'));
}

/** The manifests patterns; a control character or a path no file system takes is named here. */
function parseManifests(raw: string): string[] {
  const patterns = parseList(raw);
  for (const p of patterns) {
    const c = controlCharacter(p.replace(/\r$/, ''));
    if (c) throw new InvalidValueError(`has the path ${JSON.stringify(p.slice(0, 60))} with ${c}`);
    if (p.length > 4096)
      throw new InvalidValueError(`has a path of ${p.length} characters; a path has at most 4096`);
  }
  return patterns;
}

/** An HTTP header value: printable ASCII (and tabs inside), as fetch sends it. */
function parseHeaderValue(raw: string): string {
  const t = raw.trim();
  if (/[\r\n]/.test(t)) throw new InvalidValueError('has a line break, which no HTTP header value may have');
  const bad = /[^\t\x20-\x7e]/.exec(t);
  if (bad)
    throw new InvalidValueError(
      `has the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${bad.index + 1}; an HTTP header value is printable ASCII`,
    );
  atMost(t, 8192, 'an HTTP header value');
  return t;
}

/** A token: one word of printable ASCII (it travels in an Authorization header). */
function parseToken(raw: string): string {
  const t = raw.trim();
  const bad = /[^\x21-\x7e]/.exec(t);
  if (bad)
    throw new InvalidValueError(
      `has ${/\s/.test(bad[0]) ? 'white space or a line break' : `the character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`} at character ${bad.index + 1}; a token is one word of printable ASCII`,
    );
  atMost(t, 8192, 'a token');
  return t;
}

/** A kubeconfig context name: one line, as kubectl config get-contexts prints it. */
function parseContext(raw: string): string {
  const t = raw.trim();
  oneLine(t, 'a context name');
  atMost(t, 253, 'a context name');
  return t;
}

function parseKubeconfig(raw: string): string {
  if (!/\bclusters\s*:/.test(raw) || !/\bapiVersion\s*:/.test(raw))
    throw new InvalidValueError('is not kubeconfig YAML (no apiVersion/clusters)');
  return raw;
}

function readEvent(path: string | undefined): Record<string, unknown> | null {
  if (!path) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The GitHub run context, read once from the runner's environment. */
export function readGithubContext(env: Environment): GithubContext {
  const nonEmpty = (k: string) => (env[k] && env[k] !== '' ? env[k] : null);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const ref = nonEmpty('GITHUB_REF');
  const branch =
    nonEmpty('GITHUB_HEAD_REF') ?? (ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null);
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
    tempDir: nonEmpty('RUNNER_TEMP') ?? tmpdir(),
  };
}

/** The PR number from the event payload (pull_request, pull_request_target, issue_comment). */
function eventPrNumber(github: GithubContext): number | null {
  const pr = github.event?.pull_request ?? github.event?.issue;
  if (typeof pr === 'object' && pr !== null && typeof (pr as { number?: unknown }).number === 'number')
    return (pr as { number: number }).number;
  const n = github.event?.number;
  return typeof n === 'number' ? n : null;
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

  const github = readGithubContext(env);
  const command = field('command', parseEnum(COMMAND_VALUES), 'run');
  const cluster = field('cluster', parseEnum(CLUSTER_VALUES), 'existing');
  const manifests = field('manifests', parseManifests, []);
  const steps = field('steps', parseSteps, [10, 25, 50, 100]);
  const loadUrl = field('load-url', parseUrl, null);
  const prometheusUrl = field('prometheus-url', parsePrometheusUrl, null);
  const metricsRaw = raw('metrics').trim();
  const metrics =
    metricsRaw === ''
      ? loadUrl || cluster === 'sim'
        ? 'loadgen'
        : 'prometheus'
      : field('metrics', parseEnum(METRICS_VALUES), 'loadgen');
  const preview = field('preview', parseBoolean, false);
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
    intervalMs: field('interval', parseDurationBetween(1000, 86_400_000), 60_000),
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
    !loadUrl &&
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
  if (settings.stableSubset && settings.stableSubset === settings.canarySubset)
    errors.push({
      input: 'canary-subset',
      value: settings.canarySubset ?? '',
      message: 'is the same as stable-subset',
    });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

function parsePercentageBetween(min: number, max: number) {
  return (raw: string): number => {
    const v = parsePercentage(raw, max);
    if (v < min || v > max) throw new InvalidValueError(`is outside ${min * 100}%-${max * 100}%`);
    return v;
  };
}

/** The names every source must answer for (the contract's inputs, for the action). */
export const INPUT_NAMES: readonly string[] = INPUTS.filter((i) => !i.cliOnly).map((i) => i.name);
