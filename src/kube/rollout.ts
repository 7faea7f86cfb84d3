// Waiting for a Deployment to be rolled out and available: a watch (not a poll), bounded by
// rollout-timeout, and a sentence saying why when it does not get there. A paused Deployment
// (spec.paused) never rolls out a new template: refusePaused names it before any write, and a
// wait on one fails at once.
import { isObject } from '../util/object.js';
import type { Kube, KubeObject } from './client.js';
import { WaitTimeoutError } from './errors.js';
import { ManifestError } from './manifest-read.js';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function parts(d: KubeObject) {
  const spec = isObject(d.spec) ? d.spec : {};
  const status = isObject(d.status) ? d.status : {};
  const meta = d.metadata ?? {};
  return {
    replicas: typeof spec.replicas === 'number' ? spec.replicas : 1,
    generation: num((meta as Record<string, unknown>).generation),
    observed: num(status.observedGeneration),
    updated: num(status.updatedReplicas),
    available: num(status.availableReplicas),
    ready: num(status.readyReplicas),
    unavailable: num(status.unavailableReplicas),
    total: num(status.replicas),
    conditions: (Array.isArray(status.conditions) ? status.conditions : []).filter(isObject) as Condition[],
  };
}

/** Whether the Deployment is paused (`kubectl rollout pause`): its controller rolls out no new template. */
export function isPaused(d: KubeObject | null | undefined): boolean {
  return !!d && isObject(d.spec) && d.spec.paused === true;
}

function pausedMessage(namespace: string, name: string, where: string): string {
  return `the Deployment ${namespace}/${name} is paused (spec.paused: true ${where}): Kubernetes rolls out no new pod template while it is paused, so its pods would not run what this promotion changes. Resume it with \`kubectl rollout resume deployment/${name} -n ${namespace}\` (or remove paused from the manifest) and run again; nothing was written`;
}

/**
 * Before any write: a canary or stable Deployment that is paused, live or as the manifests will
 * apply it (a manifest that says paused: false resumes it), is a ManifestError naming each.
 */
export async function refusePaused(
  kube: Kube,
  namespace: string,
  deployments: (string | null)[],
  docs: { object: KubeObject }[],
  signal?: AbortSignal,
): Promise<void> {
  const problems: string[] = [];
  for (const name of new Set(deployments.filter((n): n is string => !!n))) {
    const doc = docs.find(
      (d) =>
        d.object.kind === 'Deployment' &&
        d.object.metadata?.name === name &&
        (d.object.metadata.namespace ?? namespace) === namespace,
    )?.object;
    const said = doc && isObject(doc.spec) ? doc.spec.paused : undefined;
    if (said === true) problems.push(pausedMessage(namespace, name, 'in the manifests'));
    else if (said === undefined) {
      const live = await kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace }, { signal });
      if (isPaused(live)) problems.push(pausedMessage(namespace, name, 'in the cluster'));
    }
  }
  if (problems.length) throw new ManifestError(problems);
}

/** Whether the Deployment's latest generation is fully rolled out and available (kubectl rollout status). */
export function isRolledOut(d: KubeObject | null): boolean {
  if (!d) return false;
  const p = parts(d);
  if (p.generation && p.observed < p.generation) return false;
  if (p.conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded'))
    return false;
  return p.updated >= p.replicas && p.available >= p.replicas && p.total <= p.updated;
}

/** Why a Deployment is not available: the deadline, replica counts and the conditions' messages. */
export function describeRollout(name: string, d: KubeObject | null): string {
  if (!d) return `Deployment ${name} does not exist`;
  const p = parts(d);
  const bits: string[] = [];
  if (isPaused(d)) bits.push('it is paused (run `kubectl rollout resume`)');
  const deadline = p.conditions.find((c) => c.reason === 'ProgressDeadlineExceeded');
  if (deadline) bits.push(`ProgressDeadlineExceeded: ${deadline.message ?? 'the rollout made no progress'}`);
  if (p.generation && p.observed < p.generation)
    bits.push(`the controller has not observed generation ${p.generation} yet`);
  bits.push(
    `${p.available}/${p.replicas} replicas available, ${p.updated} updated${p.unavailable ? `, ${p.unavailable} unavailable` : ''}`,
  );
  for (const c of p.conditions)
    if (c !== deadline && c.status !== 'True' && c.message)
      bits.push(`${c.type ?? 'condition'}: ${c.message}`);
    else if (c !== deadline && c.type === 'ReplicaFailure' && c.message)
      bits.push(`ReplicaFailure: ${c.message}`);
  return `Deployment ${name} is not available: ${bits.join('; ')}`;
}

/**
 * Resolves when the Deployment is rolled out; rejects early on ProgressDeadlineExceeded and
 * after timeoutMs with describeRollout's reason.
 */
export async function waitForRollout(
  kube: Kube,
  ref: { name: string; namespace: string },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<KubeObject> {
  let stuck: KubeObject | null = null;
  const obj = await kube.waitFor(
    { apiVersion: 'apps/v1', kind: 'Deployment', name: ref.name, namespace: ref.namespace },
    (d) => {
      if (isPaused(d)) {
        stuck = d;
        return true;
      }
      if (
        d &&
        parts(d).conditions.some((c) => c.reason === 'ProgressDeadlineExceeded') &&
        parts(d).observed >= parts(d).generation
      ) {
        stuck = d;
        return true;
      }
      return isRolledOut(d);
    },
    {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      describe: (last) => describeRollout(`${ref.namespace}/${ref.name}`, last),
    },
  );
  if (stuck || !obj)
    throw new WaitTimeoutError(describeRollout(`${ref.namespace}/${ref.name}`, stuck ?? obj));
  return obj;
}
