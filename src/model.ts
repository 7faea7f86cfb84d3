// Domain types shared by the promotion, the measurement and the report. Plain data only:
// every value here can be written to JSON (the report file, the state annotation).
import type { MatchSpec } from './strategy/match.js';
import type { PreviewSpec, StrategyKind } from './strategy/spec.js';

export type Version = 'stable' | 'canary';

/** What one version did during one analysis window. Latencies in milliseconds; null when no sample. */
export interface VersionStats {
  requests: number;
  /** Responses counted as errors: 5xx by default, plus timeouts and connection resets. */
  errors: number;
  /** Requests per second over the window. */
  rps: number;
  /** 1 - errors/requests; null with no requests. */
  successRate: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  /** Errors by kind: HTTP status codes ("503"), "timeout", "reset", "other". */
  errorsByKind?: Record<string, number>;
}

/** Where a Reason comes from; `gate`: a gate run before the weight rose (src/gates/run.ts). */
export type MetricsSource = 'loadgen' | 'prometheus' | 'judge' | 'test' | 'gate' | 'lockstep';

/** One check that went into a verdict: the metric, the value, the limit and where it came from. */
export interface Reason {
  metric: string;
  value: number | null;
  limit: number | null;
  source: MetricsSource;
  ok: boolean;
  /** A sentence a reviewer can read, e.g. "canary p99 412 ms > limit 300 ms (loadgen)". */
  message: string;
  /**
   * How many observations the value rests on (canary requests, query samples), when the reason's
   * producer knows it better than the verdict's stats do; src/metrics/why.ts names it.
   */
  sampleSize?: number;
  /**
   * The significance level of a rule that judged beyond chance (the end-of-window max-error-rate
   * rule: fails only when P(errors | a canary at the limit) < level); src/metrics/why.ts advises by it.
   */
  level?: number;
}

export type VerdictOutcome = 'pass' | 'fail' | 'inconclusive';

export interface Verdict {
  outcome: VerdictOutcome;
  reasons: Reason[];
  stable: VersionStats | null;
  canary: VersionStats | null;
  /** Milliseconds the window actually lasted (a sequential judge may end it early). */
  durationMs: number;
  /**
   * A fail or inconclusive verdict in one line (src/metrics/why.ts explainVerdict): the deciding
   * rule, its value, its limit, the sample size and what would change the outcome, e.g.
   * "fail: error-rate 4.8% (12 errors in 250 canary requests) > max-error-rate 1%; …". Absent
   * for a pass and in states written before it existed. At most WHY_MAX_CHARS characters.
   */
  why?: string;
}

/** What the promotion asks the measurement for at each step. */
export interface StepWindow {
  /** 1-based step index in the schedule. */
  step: number;
  /** Canary weight during the window. */
  weight: number;
  /** The configured window length; a measurement may return earlier when its evidence is conclusive. */
  intervalMs: number;
  /** Aborted on cancellation: the measurement returns promptly with what it has. */
  signal: AbortSignal;
  namespace: string;
  stableWorkload: string;
  canaryWorkload: string;
  /** The pods' `version` label (Istio's destination_version) of each side, when their subset selects one. */
  stableVersion?: string | null;
  canaryVersion?: string | null;
  /** What a strategy (issue 15) sends and judges in this window; absent for the weighted split of strategy canary. */
  strategy?: WindowTraffic;
}

/** The traffic of a strategy's window: which requests are judged and what the load adds. */
export interface WindowTraffic {
  /** `matched`: the A/B cohort; `mirrored`: copies only Prometheus sees; `preview`: the preview host/header; `weighted`: the split. */
  judged: 'matched' | 'mirrored' | 'preview' | 'weighted';
  /** `prometheus`: the canary's numbers come from Prometheus destination metrics only (mirroring). */
  canarySource: 'any' | 'prometheus';
  /** A share of the load sent with these headers (or this Host), so that the canary gets its requests. */
  cohort?: { share: number; headers: Record<string, string>; host?: string | null };
  /** For the log and the report, e.g. "A/B 1/2: header x-user=beta → canary". */
  label: string;
}

/** The analysis hook of the promotion: one verdict per step window. */
export interface Metrics {
  measure(window: StepWindow): Promise<Verdict>;
  close?(): Promise<void>;
}

/**
 * `finalizing`: at 100% (or back to 0% once stable runs the canary's template), promote-stable
 * under way; the stable Deployment's previous template is kept on it (annotation) until done.
 * A rerun completes it, a rollback restores the previous template. Older states say `promoting`.
 */
export type Phase = 'in-progress' | 'finalizing' | 'promoted' | 'rolling-back' | 'rolled-back' | 'held';

/** Something that happened to a promotion besides a judged step (restart, take-over, preemption). */
export interface PromotionEvent {
  at: string;
  message: string;
}

export interface StepRecord {
  step: number;
  weight: number;
  /** A strategy's judged window before the weights (A/B, mirror, preview): its kind; absent for a weight step. */
  stage?: 'ab' | 'mirror' | 'preview';
  /** The window's label, e.g. "A/B 1/2", "mirror 20% 1/1", "preview 1/1". */
  label?: string;
  startedAt: string;
  endedAt: string;
  verdict: Verdict;
}

/** The promotion state as stored in the VirtualService annotation, written with the weights. */
export interface PromotionState {
  phase: Phase;
  /** Canary weight now. */
  weight: number;
  /** Index of the last completed step (0 before the first). */
  step: number;
  steps: number[];
  canaryImage: string | null;
  /**
   * Hash of the canary's pod template (containers' names, images, commands, args, env): a
   * different one is a new promotion from the first step. Null when unknown (older states).
   */
  templateHash?: string | null;
  /**
   * The route the promotion steps (its name, else its match and subsets): a run whose selected
   * route is another one is refused. Absent in older states.
   */
  route?: string;
  /** The holder id (`<repo>/<run id>/<attempt>/<job>/<random>`) of the process that wrote this state. */
  runId: string;
  startedAt: string;
  updatedAt: string;
  /** Why the promotion stopped (failed verdict, error, cancellation), when it did. */
  reason: string | null;
  history: StepRecord[];
  /** Restarts, take-overs of hand-edited weights, preemptions: why the promotion is where it is. */
  events?: PromotionEvent[];
  /** The strategy (issue 15) of this promotion and how far its judged windows got; absent: strategy canary. */
  strategy?: StrategyRecord;
}

/** A promotion's strategy as recorded in its state: what it writes, for a rerun, rollback or status. */
export interface StrategyRecord {
  strategy: StrategyKind;
  /** strategy ab: the match. */
  match?: MatchSpec;
  /** strategy mirror: percent of requests mirrored. */
  mirrorPercent?: number;
  /** strategy blue-green: the preview host or header. */
  preview?: PreviewSpec | null;
  /** Judged windows before the weights (A/B, mirror) or the switch (blue-green). */
  iterations: number;
  /** How many of them passed. */
  passed: number;
  /** The A/B route, the mirror or the preview route is written on the route now (with the weight). */
  on: boolean;
}

export type PromotionStatus = 'promoted' | 'rolled-back' | 'held' | 'in-progress';

/** Everything the report renders; also the report JSON (schema in docs/report.schema.json). */
export interface PromotionReport {
  schemaVersion: 1;
  status: PromotionStatus;
  reason: string | null;
  /** Set when the run failed (an error, a failing verdict, a cancellation), even if it held: the job goes red. */
  failure?: string;
  command: string;
  namespace: string;
  virtualService: string;
  route: string;
  stableSubset: string;
  canarySubset: string;
  canaryImage: string | null;
  steps: number[];
  /** The canary weight the API server last confirmed (read or written), not the one intended. */
  weight: number;
  step: number;
  history: StepRecord[];
  /** Restarts, take-overs and preemptions recorded in the state (see PromotionState.events). */
  events?: PromotionEvent[];
  /** Visible changes the run made besides weights (e.g. promote-stable renamed stable's containers). */
  notices?: string[];
  /** The weights written to the VirtualService, in order, e.g. [{stable: 90, canary: 10}, ...]. */
  weightsApplied: { stable: number; canary: number; at: string }[];
  run: { repository: string | null; runId: string | null; runUrl: string | null; serverUrl: string };
  /** When the promotion waits for a person (`step` command or hold): the commands to continue. */
  nextCommands: string[];
  startedAt: string;
  endedAt: string;
  /** Set for a PR preview environment (`preview: true`): where it runs and how to reach it. */
  preview?: PreviewInfo;
  /** finalize: git-pr: the pull request that writes the promoted image into the manifests. */
  pullRequest?: PullRequestLink;
  /** finalize: git-pr: why the pull request could not be opened (the run failed; the cluster stays promoted). */
  pullRequestError?: string;
  /** The strategy (absent: canary): its kind, and which requests reached the canary, one line each. */
  strategy?: { kind: StrategyKind; lines: string[] };
  /** A lockstep run (`services`): each service's own report, by name (src/report/lockstep.ts). */
  services?: { name: string; report: PromotionReport }[];
}

/** The pull request finalize: git-pr opened or updated (src/promote/git-finalize.ts). */
export interface PullRequestLink {
  url: string;
  number: number;
  /** true: opened by this run; false: the open one from the branch, kept or updated. */
  created: boolean;
  /** true: this run pushed a commit to the branch; false: it already held the edit. */
  committed: boolean;
  /** owner/name. */
  repository: string;
  branch: string;
  base: string;
  /** The branch head. */
  commit: string;
  /** The stable Deployment whose images it writes. */
  deployment: string;
  /** The promoted images, one per container of the stable Deployment. */
  images: string[];
  /** The repository files it changes. */
  files: string[];
}

export interface PreviewInfo {
  namespace: string;
  /** The VirtualService's hosts: what a request's Host header must name. */
  hosts: string[];
  /** The ingress URL when known (created cluster or embedded mesh), else null. */
  ingressUrl: string | null;
  /** The Service and port to port-forward to, e.g. `svc/podinfo 9898`. */
  portForward: string | null;
}

/** The limits a step is judged against (from the inputs of the same names). */
export interface AnalysisLimits {
  minRequests: number;
  /** Fraction, 0..1. */
  maxErrorRate: number;
  maxP99Ms: number | null;
  /** Fraction, e.g. 0.25 for 25%. */
  maxLatencyRegression: number;
}
