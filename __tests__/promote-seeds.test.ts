import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
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
  cluster = await startTestCluster();
});
afterAll(async () => cluster.close());

const deps = (
  metrics: ScriptedMetrics,
  logger = new RecordingLogger(),
  reporter = new RecordingReporter(),
) => ({
  kube: cluster.kube,
  metrics,
  reporter,
  logger,
  signal: new AbortController().signal,
  cwd: PROMOTE_FIXTURES,
  lease: { durationMs: 3000, waitMs: 2000 },
});

describe('seed scenarios on the embedded mesh', () => {
  it('podinfo walks 0 → 10 → 60 → 100, promotes the stable and scales the canary to 0', async () => {
    const settings = settingsFor({
      manifests: 'podinfo/*.yaml',
      namespace: 'test',
      'canary-image': 'stefanprodan/podinfo:6.8.0',
      steps: '10,60,100',
    });
    const metrics = new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] });
    const reporter = new RecordingReporter();
    const logger = new RecordingLogger();
    cluster.api.clearRequests();
    const weightsSeen: number[] = [];
    const off = cluster.api.onChange((e) => {
      if (e.key !== 'networking.istio.io/virtualservices') return;
      const w = storedVs(cluster.api, 'test', 'podinfo').weights.canary;
      if (w !== undefined && weightsSeen.at(-1) !== w) weightsSeen.push(w);
    });
    const report = await runPromotion(settings, deps(metrics, logger, reporter));
    off();

    expect(report.status).toBe('promoted');
    expect(weightsSeen).toEqual([0, 10, 60, 100, 0]);
    expect(report.weightsApplied.map((w) => w.canary)).toEqual([10, 60, 100, 0]);
    expect(report.history.map((h) => [h.step, h.weight, h.verdict.outcome])).toEqual([
      [1, 10, 'pass'],
      [2, 60, 'pass'],
      [3, 100, 'pass'],
    ]);
    expect(metrics.windows.map((w) => [w.weight, w.canaryWorkload, w.stableWorkload])).toEqual([
      [10, 'podinfo-canary', 'podinfo-ga'],
      [60, 'podinfo-canary', 'podinfo-ga'],
      [100, 'podinfo-canary', 'podinfo-ga'],
    ]);
    const { state, route } = storedVs(cluster.api, 'test', 'podinfo');
    expect(state?.runId).toMatch(/^acme\/shop\/1001\/1\/-\/[0-9a-f]{8}$/);
    expect(state).toMatchObject({
      phase: 'promoted',
      weight: 0,
      step: 3,
      canaryImage: 'stefanprodan/podinfo:6.8.0',
    });
    // Each weighted destination names its version in a response header.
    expect(route.map((r) => r.headers)).toEqual([
      { response: { set: { 'x-istio-canary': 'canary' } } },
      { response: { set: { 'x-istio-canary': 'stable' } } },
    ]);
    const ga = cluster.api.object('apps', 'deployments', 'test', 'podinfo-ga') as {
      spec: {
        template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } };
      };
    };
    expect(ga.spec.template.spec.containers[0]!.image).toBe('stefanprodan/podinfo:6.8.0');
    expect(ga.spec.template.metadata.labels).toEqual({ app: 'podinfo', version: 'ga' });
    const canary = cluster.api.object('apps', 'deployments', 'test', 'podinfo-canary') as {
      spec: { replicas: number };
    };
    expect(canary.spec.replicas).toBe(0);
    // Progress after every step, and in the log at every step.
    expect(reporter.progressReports.map((r) => r.history.length)).toEqual([1, 2, 3]);
    expect(reporter.finalReport?.status).toBe('promoted');
    expect(logger.lines.filter((l) => /^info: step \d\/3 at \d+%: pass/.test(l))).toHaveLength(3);
  });

  it('a rerun with the same image does nothing; a new image starts a fresh promotion', async () => {
    const base = { manifests: 'podinfo/*.yaml', namespace: 'test', steps: '10,60,100' };
    cluster.api.clearRequests();
    const same = await runPromotion(
      settingsFor({ ...base, 'canary-image': 'stefanprodan/podinfo:6.8.0' }, { runId: '1002' }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(same.status).toBe('promoted');
    expect(cluster.writes('virtualservices')).toHaveLength(0);
    expect(cluster.writes('deployments')).toHaveLength(0);

    const metrics = new ScriptedMetrics({ script: ['pass', 'fail'] });
    const next = await runPromotion(
      settingsFor({ ...base, 'canary-image': 'stefanprodan/podinfo:6.9.0' }, { runId: '1003' }),
      deps(metrics),
    );
    expect(next.status).toBe('rolled-back');
    // The promoted stable kept the image promote-stable gave it, not the manifest's older one.
    const ga = cluster.api.object('apps', 'deployments', 'test', 'podinfo-ga') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(ga.spec.template.spec.containers[0]!.image).toBe('stefanprodan/podinfo:6.8.0');
    expect(metrics.windows.map((w) => w.weight)).toEqual([10, 60]);
    expect(storedVs(cluster.api, 'test', 'podinfo').state).toMatchObject({
      phase: 'rolled-back',
      weight: 0,
      canaryImage: 'stefanprodan/podinfo:6.9.0',
    });
  });

  it('flask holds at 80/20 with steps: 20 (the schedule ends below 100: state held, no finalize)', async () => {
    const settings = settingsFor({
      manifests: 'flask/canary-deployment.yml',
      namespace: 'default',
      steps: '20',
    });
    const metrics = new ScriptedMetrics({ script: ['pass'] });
    const report = await runPromotion(settings, deps(metrics));
    expect(report.status).toBe('held');
    expect(report.weight).toBe(20);
    expect(report.nextCommands).toContain('command: promote');
    const { weights, state } = storedVs(cluster.api, 'default', 'smartcarapp');
    expect(weights).toEqual({ v1: 80, v2: 20 });
    expect(state).toMatchObject({ phase: 'held', weight: 20, step: 1 });
    expect(state?.reason).toMatch(/schedule ends at 20%/);
    expect(metrics.windows.map((w) => [w.weight, w.canaryWorkload])).toEqual([[20, 'smartcarapp-v2']]);
    // Nothing was finalized: v1 keeps its image.
    const v1 = cluster.api.object('apps', 'deployments', 'default', 'smartcarapp-v1') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(v1.spec.template.spec.containers[0]!.image).toBe('example/smartcarapp:1.0');
  });

  it('status prints the state without writing', async () => {
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    const report = await runPromotion(
      settingsFor({ command: 'status', namespace: 'default', 'virtual-service': 'smartcarapp' }),
      deps(new ScriptedMetrics({ script: [] }), logger),
    );
    expect(report.status).toBe('held');
    expect(logger.lines.some((l) => l.includes('held: canary at 20%'))).toBe(true);
    expect(cluster.writes()).toHaveLength(0);
  });

  it('promote goes to 100% now and finalizes with the stable running the canary pod template', async () => {
    const report = await runPromotion(
      settingsFor({
        command: 'promote',
        namespace: 'default',
        'virtual-service': 'smartcarapp',
        steps: '20',
      }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(report.status).toBe('promoted');
    expect(storedVs(cluster.api, 'default', 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
    const v1 = cluster.api.object('apps', 'deployments', 'default', 'smartcarapp-v1') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(v1.spec.template.spec.containers[0]!.image).toBe('example/smartcarapp:2.0');
  });
  it('without manifests, promotes what the cluster has, setting canary-image on the live canary Deployment', async () => {
    // The promote above scaled the canary down; without manifests nothing sets its replicas, and a
    // canary with no pod is refused (state-secrets.test.ts): the user scales it up first.
    await cluster.kube.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'smartcarapp-v2', namespace: 'default' },
      { spec: { replicas: 1 } },
    );
    const settings = settingsFor(
      { namespace: 'default', 'canary-image': 'example/smartcarapp:2.5', steps: '50,100', finalize: 'keep' },
      { runId: '1010' },
    );
    const metrics = new ScriptedMetrics({ script: ['pass', 'pass'] });
    const report = await runPromotion(settings, deps(metrics));
    expect(report.status).toBe('promoted');
    expect(metrics.windows.map((w) => w.weight)).toEqual([50, 100]);
    expect(storedVs(cluster.api, 'default', 'smartcarapp').weights).toEqual({ v1: 0, v2: 100 });
    const v2 = cluster.api.object('apps', 'deployments', 'default', 'smartcarapp-v2') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(v2.spec.template.spec.containers.map((c) => c.image)).toEqual(['example/smartcarapp:2.5']);
  });
});
