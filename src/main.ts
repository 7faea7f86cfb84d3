// run(deps): settings → cluster → deploy → promote → report. The action and the CLI both
// end up in execute(); only the way inputs, logs and outputs travel differs.
import * as core from '@actions/core';
import { ManifestError, manifestWrites, type ManifestDoc } from './kube/manifests.js';
import { checkTargetOffline, loadManifests } from './promote/target.js';
import { postTarget, PROMOTION_TARGET, type KubeconfigSource } from './post-target.js';
import type { Kube } from './kube/client.js';
import type { GithubClientOptions } from './report/github.js';
import type { Metrics, PreviewInfo, PromotionReport } from './model.js';
import type { ClusterConnection, Logger, Reporter, StateStore } from './ports.js';
import {
  formatInputError,
  INPUT_NAMES,
  parseSettings,
  serviceSettings,
  type Environment,
  type InputSource,
  type Settings,
} from './settings.js';
import { INPUTS } from './contract.js';
import { isFailure } from './report/format.js';
import { gateSecrets } from './gates/spec.js';
import type { GitFinalizeOptions } from './promote/git-finalize.js';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { safeLogger } from './log.js';
import { IstioCanaryError } from './errors.js';
import { inputSecrets, kubeconfigSecrets, redact, safeLogText, secrets, urlSecrets } from './redact.js';
import { budgetAfterCancel, cancelDeadlineMs, rollbackHint, watchCancellation } from './lifecycle.js';

export interface Io {
  logger: Logger;
  /** Plain output for the user (the plan, the status table): stdout in the CLI, the log in the action. */
  print(text: string): void;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  state: StateStore;
}

export interface Outcome {
  exitCode: number;
}

/** core.saveState key: `started` while a promotion runs, `finished` once it ended by itself. */
export const PROMOTION_STATE = 'promotion';
/** core.saveState key: the Lease holder / state writer id of main's promotion, so post recognises it. */
export const PROMOTION_HOLDER = 'promotion-holder';

/** The outside systems execute() talks to; tests and the demo replace any of them. */
export interface EngineDeps {
  /** A ready cluster for the settings (default: the embedded mesh for `sim`, src/cluster otherwise). */
  connect?(settings: Settings, io: Io, signal: AbortSignal): Promise<ClusterConnection>;
  /** The measurement (default: src/metrics from the settings and the cluster's URLs). */
  metrics?(settings: Settings, connection: ClusterConnection, io: Io): Metrics;
  /** The report's destinations (default: sticky comment, job summary, outputs). */
  reporter?(settings: Settings, io: Io): Reporter;
  /** The job summary sink (core.summary in the action; none in the CLI). */
  summary?: { write(markdown: string): Promise<void> };
  /** Options for the GitHub client (tests point it at a local server's fetch and sleep). */
  githubClient?: Omit<GithubClientOptions, 'apiUrl' | 'token'>;
  /** Where relative manifest paths resolve. */
  cwd?: string;
  /** Told the canary weight after every VirtualService write the API server confirmed (the cancel deadline's message). */
  onConfirmedWeight?(weight: number): void;
  /** Told the canary weight of every VirtualService write as it is sent. */
  onWeightSent?(weight: number): void;
}

/**
 * The canary failed, so the job must go red: rolled back, or held because a step did not
 * pass (on-failure: hold). A promotion held on purpose (`step`, a schedule ending below 100)
 * ends with a passing step and is a success.
 */
export function failed(report: PromotionReport): boolean {
  // `status` only reports; a `rollback` that rolled back (or found nothing to undo) did what it was asked.
  if (report.command === 'status' || report.command === 'rollback') return false;
  return report.failure !== undefined || isFailure(report);
}

/**
 * A dry run of `cluster: kind`, `minikube` or `sim` creates nothing: it says what would be
 * created and plans against an empty API server (the embedded mesh's, without its data plane)
 * standing in for the new cluster, so the plan comes from the manifests alone, through the same
 * runner dry run (src/promote/dry-run.ts) as a dry run against an existing cluster.
 */
async function dryRunConnection(
  settings: Pick<
    Settings,
    | 'cluster'
    | 'clusterName'
    | 'istioVersion'
    | 'istioProfile'
    | 'installPrometheus'
    | 'kubeTimeoutMs'
    | 'preview'
    | 'namespace'
  >,
  io: Io,
  docs: readonly ManifestDoc[],
): Promise<ClusterConnection> {
  if (settings.cluster === 'kind' || settings.cluster === 'minikube') {
    io.logger.info(
      `[dry-run] would create a ${settings.cluster} cluster ${settings.clusterName} with Istio ${settings.istioVersion} (profile ${settings.istioProfile})${settings.installPrometheus ? ' and Prometheus' : ''}; nothing is created in a dry run: planning against the manifests alone`,
    );
    const { gatewayApiDryRunMessage } = await import('./cluster/gateway-api.js');
    const crds = gatewayApiDryRunMessage(settings.cluster, manifestWrites(docs));
    if (crds) io.logger.info(crds);
  } else io.logger.info('[dry-run] the embedded mesh is not started: planning against the manifests alone');
  const [{ startApiServer }, { simKubeconfig }] = await Promise.all([
    import('./sim/api/index.js'),
    import('./sim/kubeconfig.js'),
  ]);
  const api = await startApiServer({});
  const connection: ClusterConnection = {
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
    const { createKubeClient } = await import('./kube/client.js');
    const kube = await createKubeClient({
      kubeconfig: connection.kubeconfig,
      context: connection.context,
      logger: io.logger,
      requestTimeoutMs: settings.kubeTimeoutMs,
    });
    await kube.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: settings.namespace } },
      { force: true },
    );
  }
  return connection;
}

async function defaultConnect(
  settings: Settings,
  io: Io,
  signal: AbortSignal,
  docs: readonly ManifestDoc[] = [],
): Promise<ClusterConnection> {
  if (settings.cluster === 'sim') {
    const { startMesh } = await import('./sim/mesh.js');
    io.logger.info('Starting the embedded mesh on 127.0.0.1.');
    const mesh = await startMesh({});
    io.logger.info(
      `Embedded mesh: API ${mesh.apiUrl}, ingress ${mesh.ingressUrl}, metrics ${mesh.metricsUrl}`,
    );
    return {
      kubeconfig: mesh.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: mesh.ingressUrl,
      created: true,
      close: () => mesh.close(),
    };
  }
  const { prepareCluster } = await import('./cluster/index.js');
  const { createCommandRunner } = await import('./cluster/exec.js');
  return prepareCluster(settings, {
    runner: createCommandRunner({ echo: (line) => io.logger.info(line), signal }),
    state: io.state,
    logger: io.logger,
    writes: manifestWrites(docs),
    // A cancel ends a tool download, and a wait between its attempts, at once.
    toolOptions: { signal },
    signal,
  });
}

async function defaultMetrics(settings: Settings, connection: ClusterConnection, io: Io): Promise<Metrics> {
  const { createMetrics, DEFAULT_SEQUENTIAL } = await import('./metrics/index.js');
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

async function defaultReporter(
  settings: Settings,
  io: Io,
  summary: EngineDeps['summary'],
  client: EngineDeps['githubClient'],
): Promise<Reporter> {
  // client carries the cancel signal (execute adds it): a cancel ends a wait between retries.
  const { createReporter } = await import('./report/summary.js');
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
async function withPreviewInfo(
  reporter: Reporter,
  kube: Kube,
  connection: ClusterConnection,
): Promise<Reporter> {
  const { previewInfo } = await import('./kube/preview.js');
  const known = new Map<string, PreviewInfo>();
  const one = async (report: PromotionReport): Promise<PromotionReport> => {
    const key = `${report.namespace}/${report.virtualService}`;
    let info = known.get(key);
    if (!info) {
      info = await previewInfo(kube, report.namespace, report.virtualService, connection.loadUrl);
      known.set(key, info);
    }
    return { ...report, preview: info };
  };
  const add = async (report: PromotionReport): Promise<PromotionReport> =>
    report.services
      ? {
          ...report,
          services: await Promise.all(
            report.services.map(async (s) => ({ ...s, report: await one(s.report) })),
          ),
        }
      : one(report);
  return {
    progress: async (report) => reporter.progress(await add(report)),
    final: async (report) => reporter.final(await add(report)),
  };
}

/** The commands that open measurement windows (and so need the load generator or Prometheus). */
export function measures(command: Settings['command']): boolean {
  return command === 'run' || command === 'step';
}

/** The Metrics of a command that never measures: asked for a window, it names the bug. */
function noMeasurement(command: Settings['command']): Metrics {
  return {
    measure: () =>
      Promise.reject(new Error(`internal: \`${command}\` does not measure, but a window was opened`)),
  };
}

/**
 * A cancel that ended the engine before it could report (during the preflight, before the
 * promotion took over): the message says what cancelled it and what was written before it.
 */
export class CancelledRunError extends IstioCanaryError {}

/** What a run wrote before a cancel: the Kubernetes client's record and the last confirmed weight. */
interface WriteRecord {
  kube: { readonly written: readonly string[] } | null;
  /** The canary weight the API server last confirmed. */
  weight: number | null;
  /** The canary weight last sent (it may have landed without an answer). */
  sent: number | null;
}

/** `cancelled by SIGINT: stopped before anything was written; nothing was changed` (or what was). */
export function cancelledMessage(settings: Settings, reason: unknown, record: WriteRecord): string {
  const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'cancelled';
  const by = /Received (SIG[A-Z]+)/.exec(text)?.[1];
  const why = by ? `cancelled by ${by}` : text.startsWith('cancelled') ? text : `cancelled (${text})`;
  const counts = new Map<string, number>();
  for (const w of record.kube?.written ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (counts.size === 0) return `${why}: stopped before anything was written; nothing was changed`;
  const list = [...counts].map(([w, n]) => (n > 1 ? `${w} (${n} times)` : w)).join(', ');
  const unconfirmed =
    record.sent !== null && record.sent !== record.weight
      ? `a write of canary ${record.sent}% was sent and not confirmed, so the canary may be at ${record.sent}%`
      : null;
  const confirmed =
    record.weight === null
      ? unconfirmed === null
        ? 'no traffic weight was changed'
        : 'no traffic weight was confirmed'
      : `the canary is at ${record.weight}% (the last weight the API server confirmed)`;
  const traffic =
    record.weight === null && unconfirmed === null
      ? confirmed
      : `${confirmed}${unconfirmed ? `; ${unconfirmed}` : ''}; to move it back, run: ${rollbackHint(settings)}`;
  return `${why}: stopped after writing ${list}; ${traffic}`;
}

/** The engine behind both the action and the CLI, once settings are valid. */
export async function execute(
  settings: Settings,
  io: Io,
  signal: AbortSignal,
  deps: EngineDeps = {},
): Promise<Outcome & { report?: PromotionReport }> {
  const record: WriteRecord = { kube: null, weight: null, sent: null };
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
  } catch (err) {
    // Whatever the cancel interrupted (a preflight request, a wait, the Lease), the last line
    // says it was cancelled, by what, and what had been written: never a bare "aborted".
    if (!signal.aborted) throw err;
    throw new CancelledRunError(cancelledMessage(settings, signal.reason, record), { cause: err });
  }
}

/**
 * Where this run's kubeconfig came from, for the post step: the input (read again by post,
 * never written to the state), the file main read, a created cluster, or the embedded mesh.
 */
async function kubeconfigSource(
  settings: Settings,
  connection: ClusterConnection,
): Promise<KubeconfigSource> {
  if (settings.cluster === 'sim') return { from: 'sim' };
  if (settings.cluster !== 'existing') return { from: 'created' };
  if (settings.kubeconfig) return { from: 'input', context: settings.context };
  const { kubeconfigCandidates } = await import('./cluster/index.js');
  const files = kubeconfigCandidates(settings);
  const read = (file: string): string | null => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  // The file whose text main connected with (the first readable one, as src/cluster reads it).
  const path = files.find((f) => read(f) === connection.kubeconfig) ?? files.find((f) => read(f) !== null);
  return path
    ? { from: 'file', path, context: settings.context }
    : { from: 'input', context: settings.context };
}

/** What one promotion of the run is: the run itself, or one service of a lockstep run (`services`). */
interface Unit {
  /** The service's name; null for a single-route run. */
  name: string | null;
  settings: Settings;
  docs: ManifestDoc[];
}

/**
 * Every unit's manifests read and checked before any cluster is created or contacted; the
 * problems of every service are reported together, each under its name.
 */
async function loadUnits(settings: Settings, cwd: string): Promise<Unit[]> {
  // cleanup deletes the preview namespace, whatever the services: one unit, no manifests.
  const services = settings.command === 'cleanup' ? [] : serviceSettings(settings);
  if (services.length === 0) {
    const docs = settings.command === 'cleanup' ? [] : await loadManifests(settings, cwd);
    await checkTargetOffline(settings, docs);
    return [{ name: null, settings, docs }];
  }
  const results = await Promise.allSettled(
    services.map(async ({ name, settings: s }) => {
      const docs = await loadManifests(s, cwd);
      await checkTargetOffline(s, docs);
      return { name, settings: s, docs };
    }),
  );
  const problems = results.flatMap((r, i) => {
    if (r.status === 'fulfilled') return [];
    const err: unknown = r.reason;
    const name = services[i]!.name;
    return err instanceof ManifestError
      ? err.problems.map((p) => `service ${name}: ${p}`)
      : [`service ${name}: ${err instanceof Error ? err.message : String(err)}`];
  });
  if (problems.length) throw new ManifestError(problems);
  const units = results.map((r) => (r as PromiseFulfilledResult<Unit>).value);
  const clashes = foreignRoutes(units);
  if (clashes.length) throw new ManifestError(clashes);
  return units;
}

/**
 * Two services stepping one route object (its state and Lease are per object), or a service's
 * manifests that hold another service's route object: applying them (as a fresh or resumed
 * promotion does) would overwrite that route's weights and state under the other service's
 * run. Each route object belongs in its own service's manifests only. (A route whose namespace
 * only the cluster tells is checked again when the services meet: promote/lockstep.ts.)
 */
function foreignRoutes(units: readonly Unit[]): string[] {
  const object = (u: Unit) => {
    const st = u.settings.strategy;
    return st.httpRoute !== null
      ? { kind: 'HTTPRoute', name: st.httpRoute }
      : { kind: 'VirtualService', name: u.settings.virtualService };
  };
  const same = units.flatMap((u, i) =>
    units.slice(i + 1).flatMap((other) => {
      const a = object(u);
      const b = object(other);
      return a.kind === b.kind && a.name === b.name && u.settings.namespace === other.settings.namespace
        ? [
            `services ${u.name} and ${other.name} both step ${a.kind} ${u.settings.namespace}/${a.name ?? '?'}: its state and Lease are per route object, so each service needs its own; nothing was written`,
          ]
        : [];
    }),
  );
  if (same.length) return same;
  return units.flatMap((u) =>
    units
      .filter((other) => other !== u)
      .flatMap((other) => {
        const o = object(other);
        const doc = u.docs.find(
          (d) =>
            d.object.kind === o.kind &&
            d.object.metadata?.name === o.name &&
            (d.object.metadata?.namespace ?? u.settings.namespace) === other.settings.namespace,
        );
        return doc
          ? [
              `service ${u.name}: its manifests (${doc.file}) hold ${o.kind} ${other.settings.namespace}/${o.name ?? '?'}, which service ${other.name} steps; applying them would overwrite that route's weights and state: list it in ${other.name}'s manifests only (the top-level manifests are every service's)`,
            ]
          : [];
      }),
  );
}

async function executeSteps(
  settings: Settings,
  io: Io,
  signal: AbortSignal,
  deps: EngineDeps & { onKube: (kube: { readonly written: readonly string[] }) => void },
): Promise<Outcome & { report?: PromotionReport }> {
  const cwd = deps.cwd ?? process.cwd();
  // Every document is read and checked (sizes, encodings, kinds, names, namespaces against the
  // namespace input, weights, the route, the canary container) before any cluster is created or
  // contacted: bad manifests never create a kind cluster and never write to an existing one.
  const units = await loadUnits(settings, cwd);
  const docs = units.flatMap((u) => u.docs);
  // A dry run creates no cluster: it plans against a stand-in for the one that would be created.
  const connection =
    settings.dryRun && settings.cluster !== 'existing' && !deps.connect
      ? await dryRunConnection(settings, io, docs)
      : await (deps.connect ?? ((s, i, sig) => defaultConnect(s, i, sig, docs)))(settings, io, signal);
  // The credentials of the cluster used (created here, ~/.kube/config) are secrets too; the
  // embedded mesh's token is a fixed word that it ignores.
  if (settings.cluster !== 'sim')
    for (const secret of kubeconfigSecrets(connection.kubeconfig)) io.setSecret(secret);
  const metricsList: Metrics[] = [];
  try {
    const { runPromotion, newHolderId, CANCEL_WRITE_BUDGET_MS } = await import('./promote/runner.js');
    // After a cancel the final report is still sent, but the GitHub client's waits between retries
    // end with the cancel's write budget, so the process ends by itself before the cancel deadline.
    const githubClient = {
      ...deps.githubClient,
      signal: deps.githubClient?.signal ?? budgetAfterCancel(signal, CANCEL_WRITE_BUDGET_MS, 'the report'),
    };
    const { createKubeClient } = await import('./kube/client.js');
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
      const httpRoute =
        u.settings.strategy.routeKind === 'http-route' ||
        u.settings.strategy.httpRoute !== null ||
        u.docs.some((d) => d.object.kind === 'HTTPRoute');
      if (
        settings.command !== 'cleanup' &&
        !httpRoute &&
        !u.docs.some((d) => d.object.kind === 'VirtualService')
      ) {
        const { missingVirtualService } = await import('./kube/preflight.js');
        const missing = await missingVirtualService(
          kube,
          u.settings.namespace,
          u.settings.virtualService,
          signal,
        );
        if (missing)
          throw new Error(
            `${settings.command}: ${u.name === null ? '' : `service ${u.name}: `}${missing}; nothing was changed`,
          );
      }
    }
    if (settings.command === 'cleanup') {
      const { deletePreviewNamespace } = await import('./kube/preview.js');
      // The VirtualServices name the sticky comments to update; read them before they are gone.
      const { items } = await kube
        .list('networking.istio.io/v1', 'VirtualService', settings.namespace)
        .catch(() => ({ items: [] }));
      const outcome = await deletePreviewNamespace(kube, settings, io.logger);
      io.setOutput('status', outcome);
      if (outcome === 'deleted') {
        const { reportPreviewDeleted } = await import('./report/preview.js');
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
      metricsList.push(
        !measures(settings.command) || settings.dryRun
          ? noMeasurement(settings.command)
          : deps.metrics
            ? deps.metrics(u.settings, connection, io)
            : await defaultMetrics(u.settings, connection, io),
      );
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
      io.state.save(PROMOTION_TARGET, JSON.stringify(units[0]!.name === null ? targets[0] : targets));
    }
    if (settings.preview) {
      const { ensurePreviewNamespace } = await import('./kube/preview.js');
      await ensurePreviewNamespace(kube, settings, io.logger);
      reporter = await withPreviewInfo(reporter, kube, connection);
    }
    // Tells the post step whether a promotion may have been left half-way.
    io.state.save(PROMOTION_STATE, 'started');
    // finalize: git-pr's pull request goes through the report's GitHub client options (the
    // cancel budget, the proxy): git-finalize.ts reads them from the deps.
    const promotionDeps: Parameters<typeof runPromotion>[1] & GitFinalizeOptions = {
      kube,
      metrics: metricsList[0]!,
      reporter,
      logger: io.logger,
      signal,
      cwd,
      onConfirmedWeight: (weight) => deps.onConfirmedWeight?.(weight),
      onWeightSent: (weight) => deps.onWeightSent?.(weight),
      holder,
      manifests: units[0]!.docs,
      loadUrl: connection.loadUrl,
      githubClient,
    };
    const report =
      units[0]!.name === null
        ? await runPromotion(settings, promotionDeps)
        : await (
            await import('./promote/lockstep-run.js')
          ).runLockstep(
            units.map((u, i) => ({
              name: u.name!,
              settings: u.settings,
              docs: u.docs,
              metrics: metricsList[i]!,
            })),
            {
              ...promotionDeps,
              // One canary weight cannot say where N routes are: the cancel deadline's message names none.
              onConfirmedWeight: undefined,
              onWeightSent: undefined,
            },
            runPromotion,
          );
    // A cancel that left a git-pr pull request unopened: the post step opens it (post.ts).
    const unopened = [report, ...(report.services ?? []).map((s) => s.report)].some(
      (r) => r.pullRequestError !== undefined,
    );
    if (!(signal.aborted && unopened)) io.state.save(PROMOTION_STATE, 'finished');
    return { exitCode: failed(report) || signal.aborted ? 1 : 0, report };
  } finally {
    for (const m of metricsList) await m.close?.();
    await connection.close();
  }
}

/** Parses the inputs; on any error reports all of them and returns null (nothing else runs). */
export function settingsOrReport(
  input: InputSource,
  env: Environment,
  io: Pick<Io, 'logger' | 'setSecret'>,
): Settings | null {
  // Mask secrets before anything could print them, including in an error message: each
  // secret input with the parts of it that travel alone (a Bearer token, a kubeconfig's keys).
  for (const spec of INPUTS)
    if (spec.secret) {
      const v = input(spec.name);
      if (!v.includes('${{')) for (const secret of inputSecrets(spec.name, v)) io.setSecret(secret);
    }
  // Header values of webhook gates, even when the gates input is refused (its text is quoted then).
  for (const secret of gateSecrets(input('gates'))) io.setSecret(secret);
  const result = parseSettings(input, env);
  if (!result.ok) {
    for (const e of result.errors) io.logger.error(formatInputError(e));
    io.logger.error(`${result.errors.length} input(s) are not valid; nothing was changed.`);
    return null;
  }
  const { settings } = result;
  // The kubeconfig files `cluster: existing` falls back to, and passwords inside URLs.
  const files =
    settings.kubeconfigPath !== null
      ? settings.kubeconfigPath.split(delimiter).filter(Boolean)
      : settings.cluster === 'existing' && !settings.kubeconfig
        ? [join(homedir(), '.kube', 'config')]
        : [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // named later by the cluster connection, if it is the one used
    }
    for (const secret of kubeconfigSecrets(text)) io.setSecret(secret);
  }
  for (const url of [settings.prometheusUrl, settings.loadUrl])
    if (url !== null) for (const secret of urlSecrets(url)) io.setSecret(secret);
  return settings;
}

/** The job summary sink of the action (core.summary). */
export const jobSummary = {
  write: (markdown: string): Promise<void> =>
    core.summary
      .addRaw(redact(markdown))
      .write()
      .then(() => undefined),
};

/**
 * Logs, outputs, secrets and state through @actions/core (main and post). Every text is
 * redacted and neutralised here (src/redact.ts), so no module needs to; a secret is masked in
 * the runner (`::add-mask::`) in each form it may be printed in.
 */
export function actionIo(): Io {
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
      for (const form of secrets.add(value)) core.setSecret(form);
    },
    state: { save: core.saveState, get: core.getState },
  };
}

/** core.saveState key: `invalid` when main stopped on its inputs (post then stays silent about them). */
export const INPUTS_STATE = 'inputs';

/** core.setFailed with the message made safe like every other line. */
function failStep(message: string): void {
  core.setFailed(safeLogText(message));
}

/** The action's main step. */
export async function run(env: Environment = process.env): Promise<void> {
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
    if (outcome.exitCode !== 0) failStep(`istio-canary ${settings.command} failed`);
  } catch (e) {
    failStep(e instanceof Error ? e.message : String(e));
  } finally {
    cancellation.dispose();
  }
}

export { INPUT_NAMES };
