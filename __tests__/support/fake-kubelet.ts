// A "fake kubelet" for a real kube-apiserver without nodes: it watches Deployments and writes
// their /status as the Deployment controller does once every pod is ready. Run the
// controller-manager without the deployment and replicaset controllers, or they would fight
// over the status. Event-driven: every watch event that shows a stale status gets one patch.
import type { KubeObject } from '../../src/sim/types.js';
import { apiRequest, listWatch, MESH_RESOURCES, type ApiAccess } from './real-config-source.js';

interface DeploymentShape {
  metadata?: { name?: string; namespace?: string; generation?: number };
  spec?: { replicas?: number };
  status?: Record<string, unknown>;
}

/** The status of a Deployment whose pods are all updated, ready and available. */
export function readyStatus(d: KubeObject): Record<string, unknown> {
  const shape = d as DeploymentShape;
  const replicas = shape.spec?.replicas ?? 1;
  const previous = (shape.status?.conditions ?? []) as { type?: string; lastTransitionTime?: string }[];
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  // Keep transition times of conditions that were already True, as the controller does.
  const since = (type: string): string => previous.find((c) => c.type === type)?.lastTransitionTime ?? now;
  const name = shape.metadata?.name ?? '';
  return {
    observedGeneration: shape.metadata?.generation ?? 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
        lastUpdateTime: since('Available'),
        lastTransitionTime: since('Available'),
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${name}" has successfully progressed.`,
        lastUpdateTime: since('Progressing'),
        lastTransitionTime: since('Progressing'),
      },
    ],
  };
}

/** Whether the stored status already says what readyStatus would write (so no patch loops). */
export function statusIsReady(d: KubeObject): boolean {
  const shape = d as DeploymentShape;
  const s = shape.status ?? {};
  const replicas = shape.spec?.replicas ?? 1;
  const conditions = (s.conditions ?? []) as { type?: string; status?: string; reason?: string }[];
  const replicasOk = ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'].every(
    (k) => (s[k] ?? 0) === replicas,
  );
  return (
    s.observedGeneration === (shape.metadata?.generation ?? 1) &&
    replicasOk &&
    s.unavailableReplicas === undefined &&
    conditions.some((c) => c.type === 'Available' && c.status === 'True') &&
    conditions.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable')
  );
}

export interface FakeKubelet {
  synced: Promise<void>;
  /** How many status patches were written. */
  patches(): number;
  /** Failed patches and watch errors (tests assert this stays empty). */
  errors: Error[];
  /** Stops watching and waits for patches in flight. */
  close(): Promise<void>;
}

export function startFakeKubelet(api: ApiAccess): FakeKubelet {
  const errors: Error[] = [];
  const inFlight = new Set<Promise<void>>();
  let written = 0;
  const patch = (d: KubeObject): void => {
    const ns = d.metadata?.namespace ?? 'default';
    const name = d.metadata?.name ?? '';
    const p = apiRequest(api, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/${name}/status`, {
      contentType: 'application/merge-patch+json',
      // unavailableReplicas: null removes a count left by anyone else.
      data: { status: { ...readyStatus(d), unavailableReplicas: null } },
    })
      .then((r) => {
        if (r.status === 200) written++;
        // A Deployment deleted meanwhile is no error.
        else if (r.status !== 404) errors.push(new Error(`status of ${ns}/${name}: ${r.status} ${r.body}`));
      })
      .catch((e: unknown) => void errors.push(e as Error))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const watch = listWatch(
    api,
    MESH_RESOURCES.Deployment,
    (type, d) => {
      // Every event carries the newest spec it knows: a stale patch is corrected by the next event.
      if (type !== 'DELETED' && !statusIsReady(d)) patch(d);
    },
    (e) => void errors.push(e),
  );
  return {
    synced: watch.synced,
    patches: () => written,
    errors,
    async close() {
      watch.close();
      await Promise.all([...inFlight]);
    },
  };
}
