// Pods of the simulated Deployments, kept by the Deployment controller so `kubectl get pods`
// shows what a cluster would: one pod per replica of each ReplicaSet, Running and Ready once
// available, CrashLoopBackOff for a `crashloop` image. They are read-only views; nothing runs.

import { createHash } from 'node:crypto';
import { type Json, type JsonObject, clone, isObject, obj, str } from './json.js';
import { nowSeconds } from './managed.js';

export interface PodGroup {
  hash: string;
  count: number;
  ready: boolean;
  crash: boolean;
  template: Json | undefined;
}

/** Label that ties a simulated pod to its Deployment. */
export const POD_OWNER_LABEL = 'sim.istio-canary.dev/deployment';

function suffix(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += alphabet[(h[i] ?? 0) % alphabet.length];
  return s;
}

export function buildPods(
  namespace: string,
  deployment: string,
  groups: PodGroup[],
  now: Date,
): JsonObject[] {
  const ts = nowSeconds(now);
  const pods: JsonObject[] = [];
  groups.forEach((g, gi) => {
    const tpl = obj(g.template);
    const tmeta = obj(tpl['metadata']);
    const spec = clone(obj(tpl['spec']));
    const containers = (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isObject);
    for (let i = 0; i < g.count; i++) {
      const name = `${deployment}-${g.hash}-${suffix(`${namespace}/${deployment}/${g.hash}/${i}`)}`;
      const ready = g.ready && !g.crash;
      const pod: JsonObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace,
          labels: {
            ...(obj(tmeta['labels']) as Record<string, string>),
            'pod-template-hash': g.hash,
            [POD_OWNER_LABEL]: deployment,
          },
          ...(isObject(tmeta['annotations']) ? { annotations: clone(tmeta['annotations']) } : {}),
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: `${deployment}-${g.hash}`,
              uid: `00000000-0000-4000-8000-${g.hash.padEnd(12, '0').slice(0, 12)}`,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: { ...spec, nodeName: 'istio-canary-sim' },
        status: {
          phase: 'Running',
          conditions: [
            { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
            { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ts },
            {
              type: 'ContainersReady',
              status: ready ? 'True' : 'False',
              lastProbeTime: null,
              lastTransitionTime: ts,
            },
            { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts },
          ],
          hostIP: '10.0.0.1',
          podIP: `10.244.${(gi * 37 + i) % 250}.${((i * 13 + g.hash.charCodeAt(0)) % 250) + 2}`,
          startTime: ts,
          containerStatuses: containers.map((c) => ({
            name: c['name'] ?? null,
            image: c['image'] ?? null,
            imageID: '',
            ready,
            started: !g.crash,
            restartCount: g.crash ? 5 : 0,
            state: g.crash
              ? {
                  waiting: {
                    reason: 'CrashLoopBackOff',
                    message: `back-off 5m0s restarting failed container=${str(c['name'])}`,
                  },
                }
              : { running: { startedAt: ts } },
          })),
        },
      } as unknown as JsonObject;
      pods.push(pod);
    }
  });
  return pods;
}
