import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLease } from '../src/promote/lease.js';
import { runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
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
  cluster = await startTestCluster({ seed: 31 });
});
afterAll(async () => cluster.close());

let nsCounter = 0;
async function namespace(): Promise<string> {
  const name = `lease-${++nsCounter}`;
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const flask = (ns: string, runId: string, inputs: Record<string, string> = {}, intervalMs = 150): Settings =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      ...inputs,
    },
    { runId, intervalMs },
  );

const deps = (metrics: ScriptedMetrics, over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics,
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: PROMOTE_FIXTURES,
  lease: { durationMs: 3000, waitMs: 500 },
  ...over,
});

const leaseOf = (ns: string) =>
  cluster.api.object('coordination.k8s.io', 'leases', ns, 'istio-canary-smartcarapp') as
    { spec: { holderIdentity?: string; leaseTransitions?: number; renewTime?: string } } | undefined;

describe('the promotion lease', () => {
  it('takes over a lease whose holder stopped renewing, and says so', async () => {
    const ns = await namespace();
    const old = new Date(Date.now() - 60_000).toISOString().replace('Z', '000Z');
    await cluster.kube.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'istio-canary-smartcarapp', namespace: ns },
      spec: {
        holderIdentity: 'acme/shop/gone',
        leaseDurationSeconds: 15,
        renewTime: old,
        acquireTime: old,
        leaseTransitions: 0,
      },
    });
    const logger = new RecordingLogger();
    const report = await runPromotion(
      flask(ns, '1101'),
      deps(new ScriptedMetrics({ script: [] }), { logger }),
    );
    expect(report.status).toBe('promoted');
    expect(logger.lines).toContain(
      'warning: taking over the expired lease istio-canary-smartcarapp from acme/shop/gone',
    );
    // Released at the end: no holder, one transition recorded.
    expect(leaseOf(ns)?.spec.holderIdentity).toBeUndefined();
    expect(leaseOf(ns)?.spec.leaseTransitions).toBe(1);
  });

  it('is renewed while a run lasts longer than the lease duration, so a second run still sees it held', async () => {
    const ns = await namespace();
    const renewals: string[] = [];
    const off = cluster.api.onChange((e) => {
      const t = leaseOf(ns)?.spec.renewTime;
      if (e.key === 'coordination.k8s.io/leases' && e.namespace === ns && t && renewals.at(-1) !== t)
        renewals.push(t);
    });
    // Lease of 1 s, renewed every ~333 ms; the run lasts ~3 windows of 700 ms.
    let second: Promise<unknown> = Promise.resolve();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      onWindow: (w) => {
        if (w.step === 3)
          second = runPromotion(
            flask(ns, '1202'),
            deps(new ScriptedMetrics({ script: [] }), { lease: { durationMs: 1000, waitMs: 0 } }),
          ).then(
            () => null,
            (e: unknown) => e,
          );
      },
    });
    const report = await runPromotion(
      flask(ns, '1201', {}, 700),
      deps(metrics, { lease: { durationMs: 1000, waitMs: 0 } }),
    );
    off();
    expect(report.status).toBe('promoted');
    expect(renewals.length).toBeGreaterThanOrEqual(4);
    expect(String(await second)).toMatch(/being promoted by acme\/shop\/1201/);
  });

  it('acquire/release directly: the holder can re-take its own lease at once', async () => {
    const ns = await namespace();
    const logger = new RecordingLogger();
    const opts = {
      namespace: ns,
      virtualService: 'direct',
      holder: 'me/1',
      durationMs: 60_000,
      waitMs: 0,
      logger,
    };
    await acquireLease(cluster.kube, opts); // never released: like a killed process
    const again = await acquireLease(cluster.kube, opts);
    await again.release();
    await expect(acquireLease(cluster.kube, { ...opts, holder: 'you/2' })).resolves.toBeDefined();
  });
});

describe('dry-run', () => {
  it('shows every change with server-side dry run and writes nothing', async () => {
    const ns = await namespace();
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    const report = await runPromotion(
      flask(ns, '1301', { 'dry-run': 'true' }),
      deps(new ScriptedMetrics({ script: [] }), { logger }),
    );
    expect(cluster.writes()).toEqual([]);
    const dry = cluster.api.requests.filter((r) => r.query.dryRun === 'All');
    // Both Deployments in the batch's dry run, and the canary once more: the template its apply
    // would leave is what the state's hash is compared with.
    expect(dry.filter((r) => r.resource === 'deployments')).toHaveLength(3);
    expect(logger.lines.filter((l) => l.startsWith('info: [dry-run] would set smartcarapp'))).toEqual([
      'info: [dry-run] would set smartcarapp: canary 20% / stable 80%, then measure 150 ms',
      'info: [dry-run] would set smartcarapp: canary 50% / stable 50%, then measure 150 ms',
      'info: [dry-run] would set smartcarapp: canary 100% / stable 0%, then measure 150 ms',
      // then the finalize the real run makes (machine.ts): finalizing, stable promoted, canary down.
      'info: [dry-run] would set smartcarapp: canary 100% / stable 0% (finalizing)',
      'info: [dry-run] would set smartcarapp: canary 0% / stable 100% (finalizing)',
      'info: [dry-run] would set smartcarapp: canary 0% / stable 100% (promoted)',
    ]);
    expect(report.status).toBe('in-progress');
    expect(storedVs(cluster.api, ns, 'smartcarapp').vs).toBeUndefined();
  });
});
