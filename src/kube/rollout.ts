// Waiting for a Deployment to be rolled out and available: a watch (not a poll), bounded by
// rollout-timeout, and a sentence saying why when it does not get there.
import { isObject } from '../util/object.js';
import type { Kube, KubeObject } from './client.js';
import { WaitTimeoutError } from './errors.js';

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
