// prepareCluster: a ready cluster for the promotion, created here (kind, minikube: with Istio,
// Prometheus, the Gateway API CRDs when the manifests use them, and URLs for load and metrics)
// or existing (kubeconfig + preflight checks, the Gateway API CRDs checked, never installed).
// cleanupCluster (the post step) deletes only a cluster this action recorded as created.
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ClusterConnection, CommandRunner, Logger, StateStore } from '../ports.js';
import type { Settings } from '../settings.js';

/** The settings this module reads: where the cluster is, how to make one, when to delete it. */
export type ClusterSettings = Pick<
  Settings,
  | 'cluster'
  | 'kubeconfig'
  | 'kubeconfigPath'
  | 'context'
  | 'namespace'
  | 'preview'
  | 'github'
  | 'clusterName'
  | 'istioVersion'
  | 'kindVersion'
  | 'minikubeVersion'
  | 'installPrometheus'
  | 'istioProfile'
  | 'cleanupCluster'
  | 'kubeTimeoutMs'
  | 'strategy'
>;
import { preflight, type PreflightOptions } from '../kube/preflight.js';
import { withGroup } from '../log.js';
import { startBackground, type BackgroundProcess, type ProcessRunner } from './exec.js';
import {
  GATEWAY_API_BUNDLE,
  checkGatewayApiCrds,
  gatewayApiCrdsWritten,
  installGatewayApiCrds,
} from './gateway-api.js';
import { forwardPrometheus, installIstio, istioOverlay } from './istio.js';
import {
  DEFAULT_INGRESS_HOST_PORT,
  INGRESS_NODE_PORT,
  createKindCluster,
  deleteKindCluster,
  kindConfig,
  kindContext,
} from './kind.js';
import { deleteMinikube, minikubeContext, minikubeIp, startMinikube } from './minikube.js';
import { KUBECTL_VERSION, ensureTool, type ToolContext, type ToolOptions } from './tools.js';

export const CREATED_CLUSTER_STATE = 'created-cluster';

/** What main saves so that post can delete exactly the cluster it created. */
export interface CreatedClusterRecord {
  provider: 'kind' | 'minikube';
  name: string;
  version: string;
  kubeconfigPath: string;
}

export interface ClusterOptions {
  /** Host port kind maps to the ingress gateway's NodePort (default 8080). */
  ingressHostPort?: number;
  /** Seconds to wait for istiod, the gateway and Prometheus (default 300). */
  readyTimeoutSeconds?: number;
  /** Folder for the kind config, the Istio overlay and the kubeconfig (default settings.github.tempDir). */
  workDir?: string;
  /** Home folder for ~/.kube/config (default os.homedir()). */
  homeDir?: string;
}

export interface ClusterDeps {
  runner: CommandRunner | ProcessRunner;
  state: StateStore;
  logger: Logger;
  toolOptions?: ToolOptions;
  clusterOptions?: ClusterOptions;
  /** What the manifests write (manifestWrites): the preflight checks permissions in every namespace written. */
  writes?: PreflightOptions['writes'];
  /** The run's cancel: a cancelled preflight stops at once. */
  signal?: AbortSignal;
}

/** A cluster this run created: also where its kubeconfig file is (for later workflow steps). */
export interface CreatedClusterConnection extends ClusterConnection {
  kubeconfigPath: string;
}

export function kubeconfigPathFor(workDir: string, name: string): string {
  return path.join(workDir, `istio-canary-${name}.kubeconfig`);
}

function starter(
  runner: CommandRunner | ProcessRunner,
): (file: string, args: readonly string[]) => BackgroundProcess {
  return 'start' in runner ? (f, a) => runner.start(f, a) : (f, a) => startBackground(f, a);
}

export async function prepareCluster(
  settings: ClusterSettings,
  deps: ClusterDeps,
): Promise<ClusterConnection> {
  switch (settings.cluster) {
    case 'existing':
      return connectExisting(settings, deps);
    case 'kind':
    case 'minikube':
      return createCluster(settings, deps, settings.cluster);
    case 'sim':
      throw new Error('cluster: sim is started by the embedded mesh, not by src/cluster');
  }
}

/** The files `cluster: existing` reads a kubeconfig from, in order, when the input is empty: $KUBECONFIG's, else ~/.kube/config. */
export function kubeconfigCandidates(
  settings: Pick<Settings, 'kubeconfigPath'>,
  homeDir: string = homedir(),
): string[] {
  return settings.kubeconfigPath
    ? settings.kubeconfigPath.split(path.delimiter).filter(Boolean)
    : [path.join(homeDir, '.kube', 'config')];
}

/** The kubeconfig for `cluster: existing`: the input, else the first readable $KUBECONFIG file, else ~/.kube/config. */
async function readKubeconfig(settings: ClusterSettings, deps: ClusterDeps): Promise<string> {
  if (settings.kubeconfig) {
    deps.logger.info('Using the kubeconfig input');
    return settings.kubeconfig;
  }
  const candidates = kubeconfigCandidates(settings, deps.clusterOptions?.homeDir);
  for (const file of candidates) {
    try {
      const content = await readFile(file, 'utf8');
      deps.logger.info(`Using the kubeconfig at ${file}`);
      return content;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `cluster: existing needs a kubeconfig: set the kubeconfig input, or $KUBECONFIG, or create ${candidates.join(', ')} (none could be read)`,
  );
}

async function connectExisting(settings: ClusterSettings, deps: ClusterDeps): Promise<ClusterConnection> {
  const { logger } = deps;
  const kubeconfig = await readKubeconfig(settings, deps);
  const result = await preflight({
    kubeconfig,
    context: settings.context,
    namespace: settings.namespace,
    preview: settings.preview,
    writes: deps.writes,
    signal: deps.signal,
    requestTimeoutMs: settings.kubeTimeoutMs,
    // A live HTTPRoute stepped (named, or route-kind http-route) needs its permissions too.
    httpRoute: settings.strategy.routeKind === 'http-route' || settings.strategy.httpRoute !== null,
  });
  // Manifests with Gateway API resources need its CRDs; an existing cluster is never changed.
  if (gatewayApiCrdsWritten(deps.writes).length > 0) {
    const { createKubeClient } = await import('../kube/client.js');
    const api = await createKubeClient({
      kubeconfig,
      context: settings.context,
      requestTimeoutMs: settings.kubeTimeoutMs,
    });
    await checkGatewayApiCrds(api, result.server, deps.writes, deps.signal);
  }
  logger.info(
    `Cluster ${result.server} is reachable; Istio CRDs (${result.istioVersion}) present; permissions in ${settings.namespace} granted`,
  );
  return {
    kubeconfig,
    context: settings.context,
    prometheusUrl: null,
    loadUrl: null,
    created: false,
    close: () => Promise.resolve(),
  };
}

async function createCluster(
  settings: ClusterSettings,
  deps: ClusterDeps,
  provider: 'kind' | 'minikube',
): Promise<CreatedClusterConnection> {
  const { runner, logger, state } = deps;
  const opts = deps.clusterOptions ?? {};
  const workDir = opts.workDir ?? settings.github.tempDir;
  const name = settings.clusterName;
  const timeout = opts.readyTimeoutSeconds ?? 300;
  const tools: ToolContext = { runner, logger, options: deps.toolOptions };

  const kubeconfigPath = kubeconfigPathFor(workDir, name);
  const context = provider === 'kind' ? kindContext(name) : minikubeContext(name);
  // One collapsible group in the job log for the tools and the cluster (kind's or minikube's
  // output inside it); the Istio install is the next one.
  const { kubectl, istio, loadUrl } = await withGroup(
    logger,
    `Creating ${provider} cluster ${name} (tools, then the cluster; a few minutes)`,
    async () => {
      logger.info(`Preparing tools for a ${provider} cluster with Istio ${settings.istioVersion}`);
      const version = provider === 'kind' ? settings.kindVersion : settings.minikubeVersion;
      const clusterTool = await ensureTool(tools, provider, version);
      const kubectl = await ensureTool(tools, 'kubectl', KUBECTL_VERSION);
      // The release's samples/addons/prometheus.yaml is needed, so not an istioctl from PATH then.
      const istio = await ensureTool(tools, 'istio', settings.istioVersion, {
        allowPath: !settings.installPrometheus,
      });

      // Recorded before creating, so a run cancelled half-way still gets its cluster deleted.
      const record: CreatedClusterRecord = { provider, name, version, kubeconfigPath };
      state.save(CREATED_CLUSTER_STATE, JSON.stringify(record));

      if (provider === 'kind') {
        const hostPort = opts.ingressHostPort ?? DEFAULT_INGRESS_HOST_PORT;
        const configPath = path.join(workDir, `istio-canary-${name}-kind.yaml`);
        await writeFile(
          configPath,
          kindConfig({ name, ingressNodePort: INGRESS_NODE_PORT, ingressHostPort: hostPort }),
        );
        logger.info(`Creating kind cluster ${name}`);
        await createKindCluster(runner, clusterTool.bin, name, configPath, kubeconfigPath);
        return { kubectl, istio, loadUrl: `http://127.0.0.1:${hostPort}` };
      }
      logger.info(`Starting minikube cluster ${name} with the docker driver`);
      await startMinikube(runner, clusterTool.bin, name, kubeconfigPath);
      const ip = await minikubeIp(runner, clusterTool.bin, name, kubeconfigPath);
      return { kubectl, istio, loadUrl: `http://${ip.includes(':') ? `[${ip}]` : ip}:${INGRESS_NODE_PORT}` };
    },
  );

  const overlayPath = path.join(workDir, `istio-canary-${name}-istio.yaml`);
  await writeFile(overlayPath, istioOverlay(INGRESS_NODE_PORT));
  await installIstio({
    runner,
    logger,
    istioctl: istio.bin,
    kubectl: kubectl.bin,
    kubeconfigPath,
    context,
    profile: settings.istioProfile,
    overlayPath,
    namespace: settings.namespace,
    releaseDir: istio.releaseDir,
    installPrometheus: settings.installPrometheus,
    timeoutSeconds: timeout,
  });

  // After Istio (its istiod then serves HTTPRoute), before the manifests are applied.
  if (gatewayApiCrdsWritten(deps.writes).length > 0)
    await withGroup(logger, `Gateway API CRDs ${GATEWAY_API_BUNDLE.version} (the manifests use them)`, () =>
      installGatewayApiCrds({
        runner,
        logger,
        kubectl: kubectl.bin,
        kubeconfigPath,
        context,
        timeoutSeconds: timeout,
      }),
    );

  const kubeconfig = await readFile(kubeconfigPath, 'utf8');
  let prometheusUrl: string | null = null;
  let forward: BackgroundProcess | null = null;
  if (settings.installPrometheus) {
    logger.info('Port-forwarding to Prometheus');
    const pf = await forwardPrometheus(starter(runner), kubectl.bin, kubeconfigPath, context);
    prometheusUrl = pf.url;
    forward = pf.process;
  }
  logger.info(
    `Cluster ${name} is ready: load ${loadUrl}${prometheusUrl ? `, Prometheus ${prometheusUrl}` : ''}`,
  );
  return {
    kubeconfig,
    kubeconfigPath,
    context,
    prometheusUrl,
    loadUrl,
    created: true,
    close: async () => {
      await forward?.stop();
    },
  };
}

export type CleanupOutcome =
  { deleted: true; name: string } | { deleted: false; reason: 'not-created' | 'never' | 'github-hosted' };

/** Whether post should delete a created cluster (pure). */
export function shouldDeleteCluster(mode: Settings['cleanupCluster'], githubHosted: boolean): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  return !githubHosted;
}

function parseRecord(raw: string): CreatedClusterRecord | null {
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as Partial<CreatedClusterRecord>;
    if ((r.provider === 'kind' || r.provider === 'minikube') && r.name && r.version && r.kubeconfigPath) {
      return r as CreatedClusterRecord;
    }
  } catch {
    // fall through: not a record of ours
  }
  return null;
}

/** The post step's part: deletes the cluster recorded by prepareCluster, when the settings allow. */
export async function cleanupCluster(settings: ClusterSettings, deps: ClusterDeps): Promise<CleanupOutcome> {
  const { logger, runner } = deps;
  const record = parseRecord(deps.state.get(CREATED_CLUSTER_STATE));
  if (!record) {
    logger.info('No cluster was created by this action; nothing to delete');
    return { deleted: false, reason: 'not-created' };
  }
  if (!shouldDeleteCluster(settings.cleanupCluster, settings.github.githubHosted)) {
    const reason = settings.cleanupCluster === 'never' ? 'never' : 'github-hosted';
    logger.info(
      reason === 'never'
        ? `Keeping ${record.provider} cluster ${record.name} (cleanup-cluster: never)`
        : `Keeping ${record.provider} cluster ${record.name}: a GitHub-hosted runner's VM is discarded after the job (cleanup-cluster: always deletes it anyway)`,
    );
    return { deleted: false, reason };
  }
  const tool = await ensureTool(
    { runner, logger, options: deps.toolOptions },
    record.provider,
    record.version,
  );
  logger.info(`Deleting ${record.provider} cluster ${record.name}`);
  if (record.provider === 'kind')
    await deleteKindCluster(runner, tool.bin, record.name, record.kubeconfigPath);
  else await deleteMinikube(runner, tool.bin, record.name, record.kubeconfigPath);
  return { deleted: true, name: record.name };
}
