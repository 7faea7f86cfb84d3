// A "fake kubelet" for a real kube-apiserver without nodes: it watches Deployments and writes
// their /status as the Deployment controller does once every pod is ready, and keeps one ready
// Pod per Deployment with its template's labels (what a Service selects, and what the
// pre-traffic probe looks for). Run the
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
  const podsMade = new Set<string>();
  /** One ready Pod with the template's labels (the namespace's default ServiceAccount first, for admission). */
  const ensurePod = (d: KubeObject): void => {
    const ns = d.metadata?.namespace ?? 'default';
    const name = `${d.metadata?.name ?? ''}-fake`;
    const spec = (
      d as { spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown } } }
    ).spec;
    const labels = spec?.template?.metadata?.labels ?? {};
    const key = `${ns}/${name}/${JSON.stringify(labels)}`;
    if (podsMade.has(key)) return;
    podsMade.add(key);
    const json = (data: unknown) => ({ contentType: 'application/json', data });
    const p = (async () => {
      const sa = await apiRequest(
        api,
        'POST',
        `/api/v1/namespaces/${ns}/serviceaccounts`,
        json({ metadata: { name: 'default' } }),
      );
      if (sa.status !== 201 && sa.status !== 409)
        throw new Error(`serviceaccount ${ns}/default: ${sa.status} ${sa.body}`);
      await apiRequest(api, 'DELETE', `/api/v1/namespaces/${ns}/pods/${name}?gracePeriodSeconds=0`);
      const pod = await apiRequest(
        api,
        'POST',
        `/api/v1/namespaces/${ns}/pods`,
        json({
          metadata: { name, labels },
          spec: { automountServiceAccountToken: false, containers: [{ name: 'app', image: 'fake' }] },
        }),
      );
      if (pod.status !== 201 && pod.status !== 409)
        throw new Error(`pod ${ns}/${name}: ${pod.status} ${pod.body}`);
      const status = await apiRequest(api, 'PATCH', `/api/v1/namespaces/${ns}/pods/${name}/status`, {
        contentType: 'application/merge-patch+json',
        data: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } },
      });
      if (status.status !== 200) throw new Error(`pod status ${ns}/${name}: ${status.status} ${status.body}`);
    })()
      .catch((e: unknown) => {
        // A namespace being deleted is no error; anything else is.
        if (!/being terminated|not found/i.test(String(e))) errors.push(e as Error);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const watch = listWatch(
    api,
    MESH_RESOURCES.Deployment,
    (type, d) => {
      // Every event carries the newest spec it knows: a stale patch is corrected by the next event.
      if (type !== 'DELETED' && !statusIsReady(d)) patch(d);
      if (type !== 'DELETED') ensurePod(d);
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
