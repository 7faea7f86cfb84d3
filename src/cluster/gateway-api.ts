// The Gateway API CRDs for manifests that use them (gateway.networking.k8s.io: HTTPRoute,
// Gateway, ...). Istio serves HTTPRoute natively but does not install its CRDs, so a cluster
// created here (`cluster: kind`/`minikube`) gets the standard channel after Istio and before the
// manifests: from a copy vendored with the action (gateway-api-crds.ts; no download at run time),
// whose upstream tag and SHA-256 are pinned below and checked before it is applied. It is
// applied with kubectl (server-side, --force-conflicts, as upstream's install docs do) and
// waited for until every CRD is Established; a cluster that already has them is left alone.
// An existing cluster (`cluster: existing`) is never changed: a missing CRD is named instead.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { CommandRunner, Logger } from '../ports.js';
import { IstioCanaryError } from '../errors.js';
import { runChecked } from './exec.js';
import { kubectlArgs } from './istio.js';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The vendored bundle (src/cluster/gateway-api-crds.ts): upstream tag, commit, SHA-256 of the YAML. */
export const GATEWAY_API_BUNDLE = {
  version: 'v1.6.1',
  commit: '8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3',
  sha256: '208b2f1ee0faa7f248008c85070d281bdbf4522d6cf364619cb8bf8da2036643',
  /** The CRDs it defines, in its order. */
  crds: [
    'gatewayclasses',
    'gateways',
    'grpcroutes',
    'httproutes',
    'referencegrants',
    'backendtlspolicies',
    'listenersets',
    'tcproutes',
    'tlsroutes',
    'udproutes',
  ].map((plural) => `${plural}.${GATEWAY_API_GROUP}`),
} as const;

/** The vendored bundle is not the one pinned (a corrupted or edited file): nothing is applied. */
export class GatewayApiBundleError extends IstioCanaryError {}

/** `cluster: existing` lacks Gateway API CRDs the manifests write. */
export class GatewayApiCrdsMissingError extends IstioCanaryError {
  constructor(
    message: string,
    readonly missing: readonly string[],
  ) {
    super(message);
  }
}

/** What the manifests write (manifestWrites): the group and plural of each resource. */
export type Writes = readonly { group: string; resource: string }[] | undefined;

/** The Gateway API CRDs the manifests write, e.g. httproutes.gateway.networking.k8s.io (pure). */
export function gatewayApiCrdsWritten(writes: Writes): string[] {
  const names = (writes ?? [])
    .filter((w) => w.group === GATEWAY_API_GROUP)
    .map((w) => `${w.resource}.${GATEWAY_API_GROUP}`);
  return [...new Set(names)];
}

/** The dry run's line for a cluster that would be created, or null when nothing would be installed (pure). */
export function gatewayApiDryRunMessage(cluster: string, writes: Writes): string | null {
  if ((cluster !== 'kind' && cluster !== 'minikube') || gatewayApiCrdsWritten(writes).length === 0)
    return null;
  return `[dry-run] would install Gateway API CRDs ${GATEWAY_API_BUNDLE.version} (standard channel, vendored) after Istio, since the manifests write ${gatewayApiCrdsWritten(writes).join(', ')}`;
}

/** The vendored YAML, checked against the pinned SHA-256 before anything uses it. */
export async function loadGatewayApiBundle(
  source: () => Promise<string> = async () =>
    (await import('./gateway-api-crds.js')).GATEWAY_API_STANDARD_GZIP_BASE64,
): Promise<string> {
  const bytes = await promisify(gunzip)(Buffer.from(await source(), 'base64')).catch((error: unknown) => {
    throw new GatewayApiBundleError(
      `the vendored Gateway API CRDs (src/cluster/gateway-api-crds.ts) do not decompress: ${String(error)}; reinstall the action`,
    );
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== GATEWAY_API_BUNDLE.sha256)
    throw new GatewayApiBundleError(
      `the vendored Gateway API CRDs have SHA-256 ${sha256}, not the pinned ${GATEWAY_API_BUNDLE.sha256} of ${GATEWAY_API_BUNDLE.version}: nothing was applied; reinstall the action`,
    );
  return bytes.toString('utf8');
}

export interface GatewayApiInstall {
  runner: CommandRunner;
  logger: Logger;
  kubectl: string;
  kubeconfigPath: string;
  context: string;
  timeoutSeconds: number;
  /** The vendored bundle's base64 gzip (tests); default: gateway-api-crds.ts. */
  source?: () => Promise<string>;
}

/** `kubectl get crd <names> --ignore-not-found -o name`: the ones the cluster has. */
export function getCrdsArgs(kubeconfigPath: string, context: string, crds: readonly string[]): string[] {
  return kubectlArgs(kubeconfigPath, context, 'get', 'crd', ...crds, '--ignore-not-found', '-o', 'name');
}

export function applyBundleArgs(kubeconfigPath: string, context: string): string[] {
  return kubectlArgs(
    kubeconfigPath,
    context,
    'apply',
    '--server-side',
    '--force-conflicts',
    '--field-manager=istio-canary',
    '-f',
    '-',
  );
}

export function waitEstablishedArgs(
  kubeconfigPath: string,
  context: string,
  crds: readonly string[],
  timeoutSeconds: number,
): string[] {
  return kubectlArgs(
    kubeconfigPath,
    context,
    'wait',
    '--for=condition=Established',
    ...crds.map((c) => `crd/${c}`),
    `--timeout=${timeoutSeconds}s`,
  );
}

/**
 * Installs the vendored standard channel in a created cluster, unless it has every CRD already
 * (then nothing is applied: a newer install by someone else is not downgraded).
 */
export async function installGatewayApiCrds(s: GatewayApiInstall): Promise<'installed' | 'present'> {
  const crds = GATEWAY_API_BUNDLE.crds;
  const listed = await runChecked(s.runner, s.kubectl, getCrdsArgs(s.kubeconfigPath, s.context, crds), {
    silent: true,
  });
  const present = new Set(
    listed
      .split('\n')
      .map((l) => l.trim().replace(/^customresourcedefinition(\.apiextensions\.k8s\.io)?\//, ''))
      .filter(Boolean),
  );
  const missing = crds.filter((c) => !present.has(c));
  if (missing.length === 0) {
    s.logger.info(
      `The cluster has the Gateway API CRDs already (${crds.length}); not installing the vendored ${GATEWAY_API_BUNDLE.version}`,
    );
    return 'present';
  }
  const bundle = await loadGatewayApiBundle(s.source);
  s.logger.info(
    `Installing the Gateway API CRDs ${GATEWAY_API_BUNDLE.version} (standard channel; missing: ${missing.join(', ')})`,
  );
  await runChecked(s.runner, s.kubectl, applyBundleArgs(s.kubeconfigPath, s.context), { input: bundle });
  s.logger.info('Waiting for the Gateway API CRDs to be Established');
  await runChecked(
    s.runner,
    s.kubectl,
    waitEstablishedArgs(s.kubeconfigPath, s.context, crds, s.timeoutSeconds),
  );
  return 'installed';
}

/** What discovery answers: GET /apis, GET /apis/<group>/<version>. */
export interface Discovery {
  request(
    method: 'GET',
    path: string,
    body: null,
    options?: { signal?: AbortSignal },
  ): Promise<{ json: unknown }>;
}

/**
 * For `cluster: existing`: every Gateway API resource the manifests write must be served (API
 * discovery, so no permission to read CRDs is needed). Throws GatewayApiCrdsMissingError naming
 * the missing CRDs and how to install them; never installs anything.
 */
export async function checkGatewayApiCrds(
  api: Discovery,
  server: string,
  writes: Writes,
  signal?: AbortSignal,
): Promise<void> {
  const needed = gatewayApiCrdsWritten(writes);
  if (needed.length === 0) return;
  const groups = ((await api.request('GET', '/apis', null, { signal })).json ?? {}) as {
    groups?: { name?: string; versions?: { groupVersion?: string }[] }[];
  };
  const group = groups.groups?.find((g) => g.name === GATEWAY_API_GROUP);
  const served = new Set<string>();
  for (const v of group?.versions ?? []) {
    if (!v.groupVersion) continue;
    const list = ((await api.request('GET', `/apis/${v.groupVersion}`, null, { signal })).json ?? {}) as {
      resources?: { name?: string }[];
    };
    for (const r of list.resources ?? []) if (r.name && !r.name.includes('/')) served.add(r.name);
  }
  const missing = needed.filter((c) => !served.has(c.slice(0, c.indexOf('.'))));
  if (missing.length === 0) return;
  throw new GatewayApiCrdsMissingError(
    `Gateway API CRDs missing on ${server}: ${missing.join(', ')} (the manifests write them${group ? '' : `; the API group ${GATEWAY_API_GROUP} is not served`}). Install them first: \`kubectl apply --server-side -f https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_BUNDLE.version}/standard-install.yaml\`; istio-canary installs them only in clusters it creates (cluster: kind or minikube)`,
    missing,
  );
}
