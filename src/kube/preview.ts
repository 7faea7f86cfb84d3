// PR preview environments: a namespace per pull request, labelled with the PR it belongs to,
// so that cleanup deletes only a namespace this action created for that PR.
import type { PreviewInfo } from '../model.js';
import type { Logger } from '../ports.js';
import type { Settings } from '../settings.js';
import type { Kube, KubeObject } from './client.js';

export const PREVIEW_LABEL = 'istio-canary.dev/preview-pr';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export type PreviewCleanup = 'deleted' | 'absent' | 'not-ours';

/** The Namespace object of a preview, with the labels cleanup checks and sidecar injection on. */
export function previewNamespace(settings: Pick<Settings, 'namespace' | 'prNumber' | 'github'>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: settings.namespace,
      labels: {
        [PREVIEW_LABEL]: String(settings.prNumber),
        [MANAGED_BY_LABEL]: 'istio-canary',
        'istio-injection': 'enabled',
      },
      annotations: settings.github.repository
        ? { 'istio-canary.dev/repository': settings.github.repository }
        : {},
    },
  };
}

/** Creates or updates the preview namespace (server-side apply; idempotent on synchronize). */
export async function ensurePreviewNamespace(
  kube: Kube,
  settings: Pick<Settings, 'namespace' | 'prNumber' | 'github' | 'dryRun'>,
  logger: Logger,
): Promise<void> {
  const existing = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace });
  const labels = (existing?.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {};
  if (existing && labels[PREVIEW_LABEL] !== String(settings.prNumber))
    throw new Error(
      `preview: namespace ${settings.namespace} exists but was not created by istio-canary for PR #${settings.prNumber} (label ${PREVIEW_LABEL} is ${labels[PREVIEW_LABEL] ?? 'missing'}); refusing to deploy into it`,
    );
  await kube.apply(previewNamespace(settings), { dryRun: settings.dryRun });
  // A dry run creates nothing: it says what the command would do.
  const done = existing ? 'is up to date' : settings.dryRun ? 'would be created' : 'created';
  logger.info(
    `${settings.dryRun ? '[dry-run] ' : ''}preview: namespace ${settings.namespace} ${done} for PR #${settings.prNumber}`,
  );
}

/** Deletes the preview namespace only when its label names this PR; says what it did. */
export async function deletePreviewNamespace(
  kube: Kube,
  settings: Pick<Settings, 'namespace' | 'prNumber' | 'dryRun'>,
  logger: Logger,
): Promise<PreviewCleanup> {
  const ns = await kube.get({ apiVersion: 'v1', kind: 'Namespace', name: settings.namespace });
  if (!ns) {
    logger.info(`preview: namespace ${settings.namespace} does not exist; nothing to delete`);
    return 'absent';
  }
  const labels = (ns.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {};
  if (labels[PREVIEW_LABEL] !== String(settings.prNumber)) {
    logger.warning(
      `preview: namespace ${settings.namespace} was not created by istio-canary for PR #${settings.prNumber} (label ${PREVIEW_LABEL} is ${labels[PREVIEW_LABEL] ?? 'missing'}); left alone`,
    );
    return 'not-ours';
  }
  await kube.delete(
    { apiVersion: 'v1', kind: 'Namespace', name: settings.namespace },
    { dryRun: settings.dryRun },
  );
  logger.info(`preview: namespace ${settings.namespace} of PR #${settings.prNumber} deleted`);
  return 'deleted';
}

/** How to reach a preview: the VirtualService's hosts and a Service to port-forward to. */
export async function previewInfo(
  kube: Kube,
  namespace: string,
  virtualService: string,
  ingressUrl: string | null,
): Promise<PreviewInfo> {
  const vs = await kube.get({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    name: virtualService,
    namespace,
  });
  const spec = (vs?.spec ?? {}) as {
    hosts?: unknown;
    http?: { route?: { destination?: { host?: unknown } }[] }[];
  };
  const hosts = Array.isArray(spec.hosts) ? spec.hosts.filter((h): h is string => typeof h === 'string') : [];
  const destination = spec.http?.[0]?.route?.[0]?.destination?.host;
  let portForward: string | null = null;
  if (typeof destination === 'string') {
    const service = destination.split('.')[0]!;
    const svc = await kube.get({ apiVersion: 'v1', kind: 'Service', name: service, namespace });
    const port = ((svc?.spec ?? {}) as { ports?: { port?: number }[] }).ports?.[0]?.port;
    if (svc && port) portForward = `svc/${service} ${port}`;
  }
  return { namespace, hosts, ingressUrl, portForward };
}
