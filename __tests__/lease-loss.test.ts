// A run that loses its Lease to another holder in the middle of a step stops writing: the
// VirtualService keeps what the new holder sees, and the other holder's Lease is left alone.
// Against the embedded mesh; the takeover happens inside the measurement window (an event),
// and the window ends when the test says so, never after a sleep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metrics, StepWindow, Verdict } from '../src/model.js';
import { runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startTestCluster,
  storedVs,
} from './support/promote-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 41 });
});
afterAll(async () => cluster.close());

let nsCounter = 0;
async function namespace(): Promise<string> {
  const name = `lease-loss-${++nsCounter}`;
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const INTRUDER = 'acme/shop/9999/1/canary/intruder';
const LEASE = 'istio-canary-smartcarapp';

/** Passing windows; at the first one, `during` runs before the window is allowed to end. */
class GatedMetrics implements Metrics {
  readonly windows: StepWindow[] = [];
  constructor(private readonly during: (w: StepWindow) => Promise<void>) {}
  async measure(window: StepWindow): Promise<Verdict> {
    this.windows.push(window);
    if (this.windows.length === 1) await this.during(window);
    return {
      outcome: 'pass',
      reasons: [{ metric: 'script', value: 1, limit: null, source: 'test', ok: true, message: 'pass' }],
      stable: null,
      canary: null,
      durationMs: 0,
    };
  }
}

/** Another process takes the Lease, as one would after seeing it expire: its identity, renewed now, for a minute. */
async function takeOver(ns: string): Promise<void> {
  for (;;) {
    const live = await cluster.kube.get({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      name: LEASE,
      namespace: ns,
    });
    if (!live) throw new Error(`no Lease ${ns}/${LEASE} to take over`);
    const spec = (live.spec ?? {}) as Record<string, unknown>;
    try {
      await cluster.kube.replace({
        ...live,
        spec: {
          ...spec,
          holderIdentity: INTRUDER,
          leaseDurationSeconds: 60,
          acquireTime: new Date().toISOString().replace('Z', '000Z'),
          renewTime: new Date().toISOString().replace('Z', '000Z'),
          leaseTransitions: ((spec.leaseTransitions as number | undefined) ?? 0) + 1,
        },
      });
      return;
    } catch (err) {
      // The run renewed in between (409): read again, as a real contender would.
      if ((err as { code?: number }).code !== 409) throw err;
    }
  }
}

/** Resolves once the API server has answered a read of the Lease made after `since` requests (the holder's renewal). */
function leaseReadAfter(ns: string, since: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const seen = cluster.api.requests
        .slice(since)
        .some((r) => r.resource === 'leases' && r.namespace === ns && r.verb === 'get' && r.status === 200);
      if (seen) resolve();
      else setImmediate(check);
    };
    check();
  });
}

const leaseOf = (ns: string) =>
  cluster.api.object('coordination.k8s.io', 'leases', ns, LEASE) as
    { spec: { holderIdentity?: string; leaseTransitions?: number } } | undefined;

/** Renewed every durationMs / 3: with 3 s, the loss is seen by the first renewal after the takeover. */
function deps(metrics: Metrics, logger = new RecordingLogger(), durationMs = 3000): PromotionDeps {
  return {
    kube: cluster.kube,
    metrics,
    reporter: new RecordingReporter(),
    logger,
    signal: new AbortController().signal,
    cwd: PROMOTE_FIXTURES,
    lease: { durationMs, waitMs: 500 },
  };
}

const settings = (ns: string) =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
    },
    { runId: '3001' },
  );

describe('a run that loses its Lease', () => {
  it('stops at its next write once a renewal has seen the new holder: no weight or state written after the takeover', async () => {
    const ns = await namespace();
    let vsAtTakeover: ReturnType<typeof storedVs> | undefined;
    let writesBefore = 0;
    const metrics = new GatedMetrics(async () => {
      await takeOver(ns);
      vsAtTakeover = storedVs(cluster.api, ns, 'smartcarapp');
      writesBefore = cluster.api.requests.length;
      // The window ends only after the run's renewal has read the Lease back.
      await leaseReadAfter(ns, writesBefore);
    });
    const logger = new RecordingLogger();
    const outcome = await runPromotion(settings(ns), deps(metrics, logger)).then(
      (report) => ({ report, error: null as Error | null }),
      (error: Error) => ({ report: null, error }),
    );
    // Nothing written to the VirtualService or the Lease by the run after the takeover.
    const later = cluster.api.requests
      .slice(writesBefore)
      .filter((r) => ['update', 'patch', 'create', 'delete'].includes(r.verb) && r.query.dryRun !== 'All');
    expect(later.filter((r) => r.resource === 'virtualservices' || r.resource === 'leases')).toEqual([]);
    expect(vsAtTakeover!.weights).toEqual({ v1: 80, v2: 20 });
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toEqual(vsAtTakeover!.state);
    // The other holder keeps its Lease: the losing run neither renews nor releases it.
    expect(leaseOf(ns)?.spec.holderIdentity).toBe(INTRUDER);
    // The run says why it stopped, naming the new holder.
    const said = [outcome.error?.message ?? '', outcome.report?.reason ?? '', ...logger.lines].join('\n');
    expect(said).toContain(`the lease ${LEASE} is now held by ${INTRUDER}`);
    expect(metrics.windows.map((w) => w.weight)).toEqual([20]);
  });
  // The run learns of the loss before each write (it reads the Lease), not only from its periodic
  // renewal: a window that ends before the next renewal must not write over the new holder.
  it('stops at its next write even when no renewal has run since the takeover', async () => {
    const ns = await namespace();
    let writesBefore = 0;
    const metrics = new GatedMetrics(async () => {
      await takeOver(ns);
      writesBefore = cluster.api.requests.length;
    });
    // A 10-minute lease is renewed every 200 s: no renewal can run during this test, so the
    // outcome never depends on where a renewal timer happens to fall.
    await runPromotion(settings(ns), deps(metrics, undefined, 600_000)).catch(() => undefined);
    const later = cluster.api.requests
      .slice(writesBefore)
      .filter((r) => ['update', 'patch', 'create', 'delete'].includes(r.verb) && r.query.dryRun !== 'All');
    expect(later.filter((r) => r.resource === 'virtualservices' || r.resource === 'leases')).toEqual([]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
    expect(leaseOf(ns)?.spec.holderIdentity).toBe(INTRUDER);
  });
});
