// minikube with the docker driver, as in seed 000 (`minikube start --driver=docker`). The
// kubeconfig goes to our own file (KUBECONFIG for the child) so a user's config is untouched.
import type { CommandRunner } from '../ports.js';
import { runChecked } from './exec.js';

export function minikubeStartArgs(name: string): string[] {
  return ['start', '--profile', name, '--driver=docker', '--wait=all', '--interactive=false'];
}

export function minikubeDeleteArgs(name: string): string[] {
  return ['delete', '--profile', name];
}

export function minikubeIpArgs(name: string): string[] {
  return ['ip', '--profile', name];
}

/** minikube names the context after the profile. */
export const minikubeContext = (name: string): string => name;

export async function startMinikube(
  runner: CommandRunner,
  minikube: string,
  name: string,
  kubeconfigPath: string,
): Promise<void> {
  await runChecked(runner, minikube, minikubeStartArgs(name), { env: { KUBECONFIG: kubeconfigPath } });
}

export async function deleteMinikube(
  runner: CommandRunner,
  minikube: string,
  name: string,
  kubeconfigPath: string,
): Promise<void> {
  await runChecked(runner, minikube, minikubeDeleteArgs(name), { env: { KUBECONFIG: kubeconfigPath } });
}

/** The node's address: with the docker driver on Linux the host reaches NodePorts on it. */
export async function minikubeIp(
  runner: CommandRunner,
  minikube: string,
  name: string,
  kubeconfigPath: string,
): Promise<string> {
  const out = await runChecked(runner, minikube, minikubeIpArgs(name), {
    silent: true,
    env: { KUBECONFIG: kubeconfigPath },
  });
  const ip = out.trim().split('\n').pop()?.trim() ?? '';
  if (!/^[0-9a-f.:]+$/i.test(ip))
    throw new Error(`minikube ip printed ${JSON.stringify(out.trim())}, not an address`);
  return ip;
}
