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
  finalize: FinalizeMode;
  onFailure: FailureMode;
  onCancel: FailureMode;
  rolloutTimeoutMs: number;
  dryRun: boolean;
  preview: boolean;
  prNumber: number | null;
  githubToken: string | null;
  comment: CommentMode;
  github: GithubContext;
}
