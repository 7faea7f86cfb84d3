import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { PromotionReport, StepWindow } from '../src/model.js';
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
  // Rollouts take 2.5 s, so the watch on the canary Deployment outlives a 2 s watch drop.
  cluster = await startTestCluster({ seed: 5, readinessDelayMs: 2500 });
});
afterAll(async () => cluster.close());

async function promote(
  ns: string,
  script: ('pass' | 'fail')[],
  options: { leaseMs?: number; onWindow?: (w: StepWindow) => void } = {},
): Promise<PromotionReport> {
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const settings = settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
    },
    { intervalMs: 300, runId: `run-${ns}` },
  );
  return runPromotion(settings, {
    kube: cluster.kube,
    metrics: new ScriptedMetrics({ script, onWindow: options.onWindow }),
    reporter: new RecordingReporter(),
    logger: new RecordingLogger(),
    signal: new AbortController().signal,
    cwd: PROMOTE_FIXTURES,
    lease: { durationMs: options.leaseMs ?? 5000, waitMs: 5000 },
  });
}

const endState = (ns: string, r: PromotionReport) => {
  const { weights, state } = storedVs(cluster.api, ns, 'smartcarapp');
  return {
    status: r.status,
    weights,
    phase: state?.phase,
    reason: state?.reason,
    history: state?.history.map((h) => [h.step, h.weight, h.verdict.outcome]),
    images: (['smartcarapp-v1', 'smartcarapp-v2'] as const).map((n) => {
      const d = cluster.api.object('apps', 'deployments', ns, n) as {
        spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
      };
      return [d.spec.template.spec.containers[0]!.image, d.spec.replicas];
    }),
  };
};

describe('promotion under API faults', () => {
  it.each([
    ['promoted', ['pass', 'pass', 'pass']],
    ['rolled back', ['pass', 'fail']],
  ] as const)(
    'with 20 percent API errors and a watch drop every 2 s ends the same as without faults (%s)',
    async (_name, script) => {
      const calm = `calm-${script.length}`;
      const stormy = `stormy-${script.length}`;
      cluster.api.faults.reset();
      cluster.api.clearRequests();
      const expected = endState(calm, await promote(calm, [...script]));
      // The 2.5 s canary rollout is waited for with a watch, not by polling GETs (at most five
      // reads, each a check: the live image for canary-image, the paused check, the template
      // read back after the apply, the live subsets check, and the replicas after the rollout).
      const calmLog = cluster.api.requests.filter(
        (r) => r.resource === 'deployments' && r.namespace === calm,
      );
      expect(
        calmLog.filter((r) => r.name === 'smartcarapp-v2' && r.verb === 'get').length,
      ).toBeLessThanOrEqual(5);
      expect(calmLog.filter((r) => r.verb === 'watch').length).toBeGreaterThanOrEqual(1);

      cluster.api.clearRequests();
      cluster.api.faults.set({ errorRate: 0.2, dropWatchesAfterMs: 2000 });
      let report: PromotionReport;
      try {
        report = await promote(stormy, [...script]);
      } finally {
        cluster.api.faults.reset();
      }
      expect(endState(stormy, report)).toEqual(expected);
      const failed = cluster.api.requests.filter((r) => r.status >= 500);
      expect(failed.length).toBeGreaterThan(3);
      // Watches were dropped and resumed from a resourceVersion.
      const watches = cluster.api.requests.filter((r) => r.verb === 'watch' && r.status === 200);
      expect(watches.length).toBeGreaterThan(1);
      expect(watches.every((w) => w.query.resourceVersion)).toBe(true);
    },
    60_000,
  );
  it('honours Retry-After when the API throttles a weight write with 429', async () => {
    cluster.api.faults.reset();
    cluster.api.faults.set({ retryAfterSeconds: 1 });
    cluster.api.clearRequests();
    const ns = 'throttled';
    // At step 1's window the next two updates answer 429: the step-2 weight write and its retry.
    // A long lease: no renewal (also an update) competes for them.
    const report = await promote(ns, ['pass', 'pass', 'pass'], {
      leaseMs: 120_000,
      onWindow: (w) => {
        if (w.step === 1) cluster.api.faults.failNext(2, 429, ['update']);
      },
    });
    cluster.api.faults.reset();
    expect(report.status).toBe('promoted');
    const updates = cluster.api.requests.filter(
      (r) => r.verb === 'update' && r.resource === 'virtualservices' && r.namespace === ns,
    );
    const throttled = updates.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(2);
    const after = updates[updates.indexOf(throttled[1]!) + 1]!;
    expect(after.status).toBe(200);
    // How long the client waits for Retry-After is the kube client's unit test ('honours Retry-After on 429').
  }, 60_000);
});
