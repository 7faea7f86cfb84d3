// The canary container that `canary-image` changes, and the change itself (pure): a sidecar is
// never given the canary image. See README.md ("Which container canary-image changes").
import type { KubeObject } from './client.js';
import { IstioCanaryError } from '../errors.js';
import { oneLine } from '../one-line.js';
import { deploymentView } from './views.js';

/** The labels of a Deployment's pod template (what a DestinationRule subset selects). */
export const podLabels = (deployment: KubeObject): Record<string, string> =>
  deploymentView(deployment).podLabels;

export const matchesLabels = (labels: Record<string, string>, wanted: Record<string, string>): boolean =>
  Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);

/** The regular containers of a Deployment's pod template (never initContainers or ephemeral ones). */
export function containersOf(deployment: KubeObject | null): { name: string; image: string }[] {
  return deploymentView(deployment).containers.map(({ name, image }) => ({ name, image }));
}

/**
 * The repository of an image reference without registry, tag or digest, so that
 * `ghcr.io/stefanprodan/podinfo:6.0.0`, `stefanprodan/podinfo@sha256:…` and
 * `docker.io/stefanprodan/podinfo` compare equal (`nginx` and `docker.io/library/nginx` too).
 */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  if (parts.length === 2 && parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** kubectl's annotation for a pod's main container (`kubectl logs` and `exec` use it too). */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** No container or several could be the one canary-image changes: the message lists them. */
export class ContainerSelectionError extends IstioCanaryError {}

/**
 * The canary container that `canary-image` changes (pure). In order:
 * 1. `requested` (the `container` input): it must be one of the canary's containers.
 * 2. A single container: that one.
 * 3. The pod template's `kubectl.kubernetes.io/default-container` annotation.
 * 4. With the stable Deployment: the canary containers whose name, or image repository
 *    (registry, tag and digest ignored), equals one of stable's containers; when several do,
 *    those whose image differs from that stable container's (a sidecar shipped unchanged in
 *    both is never the app). Exactly one must remain.
 * Anything else is a ContainerSelectionError that lists the candidates and says to set `container`.
 */
export function selectCanaryContainer(
  canary: KubeObject,
  stable: KubeObject | null,
  requested: string | null,
): string {
  const name = canary.metadata?.name ?? '?';
  const containers = containersOf(canary).filter((c) => c.name);
  const list = (cs: { name: string; image: string }[]) =>
    cs.map((c) => oneLine(`${c.name} (${c.image || 'no image'})`)).join(', ');
  if (containers.length === 0)
    throw new ContainerSelectionError(
      `canary Deployment ${name} has no containers for canary-image to change`,
    );
  if (requested !== null) {
    if (containers.some((c) => c.name === requested)) return requested;
    throw new ContainerSelectionError(
      `container: canary Deployment ${name} has no container "${requested}"; its containers are ${list(containers)} (init containers are never changed)`,
    );
  }
  if (containers.length === 1) return containers[0]!.name;
  const annotated = deploymentView(canary).podAnnotations[DEFAULT_CONTAINER_ANNOTATION];
  if (typeof annotated === 'string' && containers.some((c) => c.name === annotated)) return annotated;
  const stableContainers = containersOf(stable).filter((c) => c.name);
  const ask = `set the container input to the one canary-image should change`;
  if (stableContainers.length === 0)
    throw new ContainerSelectionError(
      `canary-image: canary Deployment ${name} has ${containers.length} containers (${list(containers)}) and no stable Deployment to compare with; ${ask}`,
    );
  const match = (c: { name: string; image: string }) =>
    stableContainers.find((s) => s.name === c.name) ??
    stableContainers.find((s) => s.image && c.image && imageRepository(s.image) === imageRepository(c.image));
  const candidates = containers.filter((c) => match(c));
  if (candidates.length === 1) return candidates[0]!.name;
  const changed = candidates.filter((c) => match(c)!.image !== c.image);
  if (changed.length === 1) return changed[0]!.name;
  const shownCandidates = changed.length > 1 ? changed : candidates.length ? candidates : containers;
  throw new ContainerSelectionError(
    `canary-image: ${candidates.length === 0 ? `no container of canary Deployment ${name} matches a container of stable Deployment ${stable?.metadata?.name ?? '?'} (${list(stableContainers)}) by name or image repository` : `several containers of canary Deployment ${name} match stable Deployment ${stable?.metadata?.name ?? '?'}'s`}; candidates: ${list(shownCandidates)}; ${ask}`,
  );
}

/**
 * Sets `image` on one container of the Deployment (in a copy): `container`, else the only
 * container (several without a name is a ContainerSelectionError). Init containers and the
 * other containers (sidecars) are never changed.
 */
export function withImage(deployment: KubeObject, image: string, container?: string | null): KubeObject {
  const target = container ?? selectCanaryContainer(deployment, null, null);
  const copy = structuredClone(deployment);
  // The view's container mappings are the copy's own: setting found.image changes the copy.
  const found = deploymentView(copy).containers.find((c) => c.name === target)?.raw;
  if (!found)
    throw new ContainerSelectionError(
      `Deployment ${deployment.metadata?.name ?? '?'} has no container "${target}"; its containers are ${containersOf(
        deployment,
      )
        .map((c) => c.name)
        .join(', ')}`,
    );
  found.image = image;
  return copy;
}

/** The images of a Deployment's containers, in order. */
export function imagesOf(deployment: KubeObject): string[] {
  return deploymentView(deployment).containers.map((c) => c.image);
}
