// The small interfaces run() receives (DESIGN.md, "Shape of the code"). Tests pass real
// implementations pointed at local servers; production passes the ones in src/cluster,
// src/kube, src/metrics and src/report.
import type { PromotionReport } from './model.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** A collapsible group in the job log (core.group); loggers without groups just run fn. Use withGroup() from src/log.ts. */
  group?<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** The one choke point for child processes: argv arrays, never a shell string. */
export interface CommandRunner {
  run(
    file: string,
    args: readonly string[],
    options?: {
      cwd?: string;
      env?: Record<string, string>;
      input?: string;
      silent?: boolean;
      signal?: AbortSignal;
    },
  ): Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

/** A cluster ready for the promotion: how to reach its API and, when created here, its mesh. */
export interface ClusterConnection {
  /** Kubeconfig YAML content (a secret: never logged). */
  kubeconfig: string;
  context: string | null;
  /** Set when the cluster was created here (or is the embedded mesh). */
  prometheusUrl: string | null;
  loadUrl: string | null;
  /** Whether this run created the cluster (the post step may delete it). */
  created: boolean;
  /** Stops port-forwards, the embedded mesh, etc. Never deletes a cluster (that is the post step's job). */
  close(): Promise<void>;
}

/** Where the report goes while the promotion runs and at its end. */
export interface Reporter {
  /** Called after every step so the PR shows progress live; failures are warnings, never fatal. */
  progress(report: PromotionReport): Promise<void>;
  /** Called once at the end; returns the comment URL when one was posted. */
  final(report: PromotionReport): Promise<{ commentUrl: string | null; reportJsonPath: string | null }>;
}

/** core.saveState / core.getState, injectable (as actions/cache does) so main and post can be tested. */
export interface StateStore {
  save(name: string, value: string): void;
  get(name: string): string;
}
