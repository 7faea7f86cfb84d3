// Istio in a cluster we created: istioctl install with the chosen profile (the ingress gateway
// on a pinned NodePort), istiod ready before any Istio resource is applied, the namespace
// labelled for injection, the release's Prometheus addon, and a port-forward to it.
import path from 'node:path';
import { dump } from 'js-yaml';
import type { CommandRunner, Logger } from '../ports.js';
import type { IstioProfile } from '../settings.js';
import { withGroup } from '../log.js';
import { runChecked, type BackgroundProcess } from './exec.js';

export const ISTIO_NAMESPACE = 'istio-system';

/**
 * IstioOperator overlay: the ingress gateway enabled (the `minimal` profile has none, and the
 * load generator needs it) as a NodePort service with http2 on a fixed node port, so kind's
 * port mapping (or minikube's node address) reaches it. The ports list replaces the profile's,
 * so it repeats the ones the gateway serves.
 */
export function istioOverlay(ingressNodePort: number): string {
  return dump(
    {
      apiVersion: 'install.istio.io/v1alpha1',
      kind: 'IstioOperator',
      spec: {
        components: {
          ingressGateways: [
            {
              name: 'istio-ingressgateway',
              enabled: true,
              k8s: {
                service: {
                  type: 'NodePort',
                  ports: [
                    { name: 'status-port', port: 15021, targetPort: 15021 },
                    { name: 'http2', port: 80, targetPort: 8080, nodePort: ingressNodePort },
                    { name: 'https', port: 443, targetPort: 8443 },
                  ],
                },
              },
            },
          ],
        },
      },
    },
    { lineWidth: -1 },
  );
}

export function istioInstallArgs(
  profile: IstioProfile,
  overlayPath: string,
  kubeconfigPath: string,
  context: string,
): string[] {
  return [
    'install',
    '-f',
    overlayPath,
    '--set',
    `profile=${profile}`,
    '-y',
    '--kubeconfig',
    kubeconfigPath,
    '--context',
    context,
  ];
}

/** kubectl with our kubeconfig and context first, so nothing depends on the user's current context. */
export function kubectlArgs(kubeconfigPath: string, context: string, ...rest: string[]): string[] {
  return ['--kubeconfig', kubeconfigPath, '--context', context, ...rest];
}

export function rolloutStatusArgs(
  kubeconfigPath: string,
  context: string,
  deployment: string,
  timeoutSeconds: number,
): string[] {
  return kubectlArgs(
    kubeconfigPath,
    context,
    'rollout',
    'status',
    '-n',
    ISTIO_NAMESPACE,
    `deployment/${deployment}`,
    `--timeout=${timeoutSeconds}s`,
  );
}

export function namespaceManifest(namespace: string): string {
  return dump({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
}

export function labelNamespaceArgs(kubeconfigPath: string, context: string, namespace: string): string[] {
  return kubectlArgs(
    kubeconfigPath,
    context,
    'label',
    'namespace',
    namespace,
    'istio-injection=enabled',
    '--overwrite',
  );
}

export function prometheusAddonPath(releaseDir: string): string {
  return path.join(releaseDir, 'samples', 'addons', 'prometheus.yaml');
}

/** `:9090` lets kubectl pick a free local port, which it prints. */
export function prometheusPortForwardArgs(kubeconfigPath: string, context: string): string[] {
  return kubectlArgs(
    kubeconfigPath,
    context,
    'port-forward',
    '-n',
    ISTIO_NAMESPACE,
    'svc/prometheus',
    ':9090',
    '--address',
    '127.0.0.1',
  );
}

export const PORT_FORWARD_READY = /Forwarding from 127\.0\.0\.1:(\d+) -> 9090/;

export interface IstioSetup {
  runner: CommandRunner;
  logger: Logger;
  istioctl: string;
  kubectl: string;
  kubeconfigPath: string;
  context: string;
  profile: IstioProfile;
  overlayPath: string;
  namespace: string;
  /** The Istio release folder; null when Prometheus is not installed. */
  releaseDir: string | null;
  installPrometheus: boolean;
  timeoutSeconds: number;
}

/**
 * Installs Istio and readies the namespace; every Istio resource comes after istiod is ready.
 * One collapsible group in the job log (istioctl's and kubectl's output inside it).
 */
export function installIstio(s: IstioSetup): Promise<void> {
  return withGroup(s.logger, `Installing Istio (profile ${s.profile}) with istioctl`, () => installSteps(s));
}

async function installSteps(s: IstioSetup): Promise<void> {
  const { runner, logger, kubectl } = s;
  await runChecked(
    runner,
    s.istioctl,
    istioInstallArgs(s.profile, s.overlayPath, s.kubeconfigPath, s.context),
  );
  logger.info('Waiting for istiod');
  await runChecked(
    runner,
    kubectl,
    rolloutStatusArgs(s.kubeconfigPath, s.context, 'istiod', s.timeoutSeconds),
  );
  logger.info('Waiting for the ingress gateway');
  await runChecked(
    runner,
    kubectl,
    rolloutStatusArgs(s.kubeconfigPath, s.context, 'istio-ingressgateway', s.timeoutSeconds),
  );

  logger.info(`Labelling namespace ${s.namespace} with istio-injection=enabled`);
  await runChecked(runner, kubectl, kubectlArgs(s.kubeconfigPath, s.context, 'apply', '-f', '-'), {
    input: namespaceManifest(s.namespace),
  });
  await runChecked(runner, kubectl, labelNamespaceArgs(s.kubeconfigPath, s.context, s.namespace));

  if (s.installPrometheus) {
    if (!s.releaseDir)
      throw new Error('the Istio release folder is needed for samples/addons/prometheus.yaml');
    logger.info("Installing Istio's Prometheus addon");
    await runChecked(
      runner,
      kubectl,
      kubectlArgs(s.kubeconfigPath, s.context, 'apply', '-f', prometheusAddonPath(s.releaseDir)),
    );
    await runChecked(
      runner,
      kubectl,
      rolloutStatusArgs(s.kubeconfigPath, s.context, 'prometheus', s.timeoutSeconds),
    );
  }
}

/** Starts `kubectl port-forward` to the addon's Prometheus; resolves with its URL once ready. */
export async function forwardPrometheus(
  start: (file: string, args: readonly string[]) => BackgroundProcess,
  kubectl: string,
  kubeconfigPath: string,
  context: string,
  timeoutMs = 60_000,
): Promise<{ url: string; process: BackgroundProcess }> {
  const proc = start(kubectl, prometheusPortForwardArgs(kubeconfigPath, context));
  try {
    const m = await proc.waitForLine(PORT_FORWARD_READY, timeoutMs);
    return { url: `http://127.0.0.1:${m[1]}`, process: proc };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}
