// kind: a generated cluster config (node image pinned by digest, the ingress gateway's NodePort
// mapped to localhost) and the exact create/delete command lines.
import { dump } from 'js-yaml';
import type { CommandRunner } from '../ports.js';
import { runChecked } from './exec.js';

/** kind v0.32.0's default node image (Kubernetes 1.36.1), pinned by digest. */
export const KIND_NODE_IMAGE =
  'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
/** NodePort of the Istio ingress gateway's http2 port (80) in the clusters we create. */
export const INGRESS_NODE_PORT = 31080;
export const DEFAULT_INGRESS_HOST_PORT = 8080;

export interface KindConfigOptions {
  name: string;
  nodeImage?: string;
  ingressNodePort?: number;
  ingressHostPort?: number;
}

/**
 * The kind cluster config. The kubeadm patch has no apiVersion so kind applies it to whatever
 * kubeadm API the node's Kubernetes uses (v1beta4 on 1.36, where kubeletExtraArgs is a
 * list of name/value pairs).
 */
export function kindConfig(o: KindConfigOptions): string {
  const patch = [
    'kind: InitConfiguration',
    'nodeRegistration:',
    '  kubeletExtraArgs:',
    '    - name: node-labels',
    '      value: ingress-ready=true',
    '',
  ].join('\n');
  return dump(
    {
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      name: o.name,
      nodes: [
        {
          role: 'control-plane',
          image: o.nodeImage ?? KIND_NODE_IMAGE,
          kubeadmConfigPatches: [patch],
          extraPortMappings: [
            {
              containerPort: o.ingressNodePort ?? INGRESS_NODE_PORT,
              hostPort: o.ingressHostPort ?? DEFAULT_INGRESS_HOST_PORT,
              listenAddress: '127.0.0.1',
              protocol: 'TCP',
            },
          ],
        },
      ],
    },
    { lineWidth: -1 },
  );
}

export function kindCreateArgs(name: string, configPath: string, kubeconfigPath: string): string[] {
  return [
    'create',
    'cluster',
    '--name',
    name,
    '--config',
    configPath,
    '--kubeconfig',
    kubeconfigPath,
    '--wait',
    '180s',
  ];
}

export function kindDeleteArgs(name: string, kubeconfigPath: string): string[] {
  return ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfigPath];
}

/** The kubeconfig context kind creates for a cluster. */
export const kindContext = (name: string): string => `kind-${name}`;

export async function createKindCluster(
  runner: CommandRunner,
  kind: string,
  name: string,
  configPath: string,
  kubeconfigPath: string,
): Promise<void> {
  await runChecked(runner, kind, kindCreateArgs(name, configPath, kubeconfigPath));
}

export async function deleteKindCluster(
  runner: CommandRunner,
  kind: string,
  name: string,
  kubeconfigPath: string,
): Promise<void> {
  await runChecked(runner, kind, kindDeleteArgs(name, kubeconfigPath));
}
