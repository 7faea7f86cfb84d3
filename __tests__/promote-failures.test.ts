import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromotionState, StepWindow } from '../src/model.js';
import {
  PromotionError,
  finishInterrupted,
  runPromotion,
  type PromotionDeps,
} from '../src/promote/runner.js';
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
  cluster = await startTestCluster({ seed: 11 });
});
afterAll(async () => cluster.close());

let nsCounter = 0;
async function namespace(): Promise<string> {
  const name = `shop-${++nsCounter}`;
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const flask = (ns: string, inputs: Record<string, string> = {}, runId = '2001'): Settings =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      ...inputs,
    },
    { runId },
  );

const deps = (metrics: ScriptedMetrics, over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics,
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: PROMOTE_FIXTURES,
  lease: { durationMs: 3000, waitMs: 2000 },
  ...over,
});

describe('failing verdicts, cancellation and the post step', () => {
  it.each([1, 2, 3])(
    'a failing verdict at step %i sends all traffic back to stable, state rolled-back with the reason',
    async (failAt) => {
      const ns = await namespace();
      const script = [...Array.from({ length: failAt - 1 }, () => 'pass' as const), 'fail' as const];
      const report = await runPromotion(flask(ns), deps(new ScriptedMetrics({ script })));
      const weight = [20, 50, 100][failAt - 1]!;
      expect(report.status).toBe('rolled-back');
      expect(report.weight).toBe(0);
      const { weights, state } = storedVs(cluster.api, ns, 'smartcarapp');
      expect(weights).toEqual({ v1: 100, v2: 0 });
      expect(state?.phase).toBe('rolled-back');
      expect(state?.reason).toBe(
        `step ${failAt}/3 at ${weight}% failed: scripted fail for step ${failAt} at ${weight}% (window ${failAt})`,
      );
      expect(report.history.at(-1)?.verdict.outcome).toBe('fail');
    },
  );

  it('on-failure hold keeps the weight and says why', async () => {
    const ns = await namespace();
    const report = await runPromotion(
      flask(ns, { 'on-failure': 'hold' }),
      deps(new ScriptedMetrics({ script: ['pass', 'fail'] })),
    );
    expect(report.status).toBe('held');
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 50, v2: 50 });
    expect(report.reason).toMatch(/step 2\/3 at 50% failed/);
  });

  it('writes the VirtualService exactly once per weight step', async () => {
    const ns = await namespace();
    cluster.api.clearRequests();
    const report = await runPromotion(
      flask(ns),
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] })),
    );
    expect(report.status).toBe('promoted');
    const vsWrites = cluster.writes('virtualservices').filter((w) => w.namespace === ns);
    // One server-side apply of the manifest (canary 0), then one update per weight: 20, 50, 100,
    // finalizing (before stable is touched), back to stable (still finalizing), and the last one
    // saying promoted once the canary is down.
    expect(vsWrites.map((w) => w.verb)).toEqual([
      'patch',
      'update',
      'update',
      'update',
      'update',
      'update',
      'update',
    ]);
    expect(report.weightsApplied.map((w) => w.canary)).toEqual([20, 50, 100, 0]);
  });

  it('an inconclusive window is extended once; inconclusive twice rolls back', async () => {
    const ns1 = await namespace();
    const extended = new ScriptedMetrics({ script: ['inconclusive', 'pass', 'pass', 'pass'] });
    expect((await runPromotion(flask(ns1, { finalize: 'keep' }), deps(extended))).status).toBe('promoted');
    expect(extended.windows.map((w) => w.weight)).toEqual([20, 20, 50, 100]);
    const ns2 = await namespace();
    const report = await runPromotion(
      flask(ns2),
      deps(new ScriptedMetrics({ script: ['inconclusive', 'inconclusive'] })),
    );
    expect(report.status).toBe('rolled-back');
    expect(report.reason).toMatch(/step 1\/3 at 20%: inconclusive twice/);
  });

  it('`step` advances exactly one step per invocation, each with its own analysis', async () => {
    const ns = await namespace();
    const seen: [string, number, number][] = [];
    for (const run of ['3001', '3002', '3003']) {
      const metrics = new ScriptedMetrics({ script: ['pass'] });
      const report = await runPromotion(flask(ns, { command: 'step' }, run), deps(metrics));
      seen.push([report.status, report.weight, metrics.windows.length]);
    }
    expect(seen).toEqual([
      ['held', 20, 1],
      ['held', 50, 1],
      ['promoted', 0, 1],
    ]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.history.map((h) => h.weight)).toEqual([
      20, 50, 100,
    ]);
  });

  it('rollback returns all traffic to stable', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    const report = await runPromotion(
      flask(ns, { command: 'rollback' }, '2002'),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(report.status).toBe('rolled-back');
    expect(report.reason).toMatch(/^rollback requested by acme\/shop\/2002\/1\/-\/[0-9a-f]{8}$/);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
  });

  it.each([
    ['rollback', 'rolled-back', { v1: 100, v2: 0 }],
    ['hold', 'held', { v1: 80, v2: 20 }],
  ] as const)(
    'cancellation during a step with on-cancel %s ends the window at once and records why',
    async (mode, phase, weights) => {
      const ns = await namespace();
      const controller = new AbortController();
      const metrics = new ScriptedMetrics({
        script: ['pass', 'pass', 'pass'],
        onWindow: (w: StepWindow) => {
          if (w.step === 1) controller.abort(new Error('SIGTERM'));
        },
        // A window that never ends on its own (the longest timer Node allows): the run can only
        // finish because it honoured the cancel, so no clock is needed to tell (the latency of a
        // cancel is measured in bench/, not asserted here).
        windowMs: () => 2 ** 31 - 1,
      });
      const settings = { ...flask(ns, { 'on-cancel': mode }), intervalMs: 30_000 };
      const report = await runPromotion(settings, deps(metrics, { signal: controller.signal }));
      expect(metrics.windows.map((w) => w.step)).toEqual([1]);
      expect(report.status).toBe(phase);
      expect(report.reason).toBe('cancelled (SIGTERM) at 20% canary');
      expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual(weights);
    },
  );

  it('a canary that never becomes available is rolled back with the reason', async () => {
    const ns = await namespace();
    const settings = {
      ...flask(ns, { 'canary-image': 'example/smartcarapp:crashloop' }),
      rolloutTimeoutMs: 800,
    };
    const metrics = new ScriptedMetrics({ script: [] });
    const report = await runPromotion(settings, deps(metrics));
    expect(report.status).toBe('rolled-back');
    expect(report.reason).toMatch(
      /canary rollout: .*Deployment .*smartcarapp-v2 is not available: 0\/1 replicas available/,
    );
    expect(metrics.windows).toHaveLength(0);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
  });

  it('a canary past its progress deadline fails at once with the ProgressDeadlineExceeded message', async () => {
    const ns = await namespace();
    const dir = await mkdtemp(path.join(tmpdir(), 'promote-deadline-'));
    try {
      const text = readFileSync(path.join(PROMOTE_FIXTURES, 'flask/canary-deployment.yml'), 'utf8').replace(
        /(name: smartcarapp-v2\nspec:\n)/,
        '$1  progressDeadlineSeconds: 1\n',
      );
      await writeFile(path.join(dir, 'app.yaml'), text);
      const settings = {
        ...flask(ns, { manifests: 'app.yaml', 'canary-image': 'example/smartcarapp:crashloop' }),
        // Far beyond the test's timeout: only the Deployment's ProgressDeadlineExceeded condition
        // can end the wait, so the test fails (times out) if the runner ignored it.
        rolloutTimeoutMs: 3_600_000,
      };
      const report = await runPromotion(settings, deps(new ScriptedMetrics({ script: [] }), { cwd: dir }));
      expect(report.status).toBe('rolled-back');
      expect(report.reason).toMatch(
        /ProgressDeadlineExceeded: ReplicaSet "smartcarapp-v2-\w+" has timed out progressing/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an API that stays down for a whole write: the run rolls back once it can, reports, and fails with the cause', async () => {
    const ns = await namespace();
    const reporter = new RecordingReporter();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      // The test client makes 10 attempts per request: the next write fails all of them.
      onWindow: (w) => {
        if (w.step === 2) cluster.api.faults.failNext(10, 503, ['update']);
      },
    });
    // A long lease: no renewal competes for the injected failures.
    const err = await runPromotion(
      flask(ns),
      deps(metrics, { reporter, lease: { durationMs: 60_000, waitMs: 0 } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromotionError);
    expect((err as Error).message).toMatch(/Kubernetes API unavailable after 10 attempts: PUT .*HTTP 503/);
    const report = (err as PromotionError).report;
    expect(report.status).toBe('rolled-back');
    expect(reporter.finalReport?.status).toBe('rolled-back');
    const { weights, state } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(weights).toEqual({ v1: 100, v2: 0 });
    expect(state?.reason).toMatch(/Kubernetes API unavailable/);
  });

  it('a conflicting write is re-read and retried when the state did not change', async () => {
    const ns = await namespace();
    cluster.api.faults.injectConflicts('virtualservices', 1, 'smartcarapp');
    const report = await runPromotion(
      flask(ns),
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] })),
    );
    expect(report.status).toBe('promoted');
    expect(report.history.map((h) => h.weight)).toEqual([20, 50, 100]);
  });

  it('the post step finishes a rollback this run left unfinished, and leaves other runs alone', async () => {
    const ns = await namespace();
    await runPromotion(
      flask(ns, { command: 'step' }, '4001'),
      deps(new ScriptedMetrics({ script: ['pass'] })),
    );
    // Simulate a run killed mid-step: in-progress at 20% recorded by the process of run 4002.
    const vs = (await cluster.kube.get({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      name: 'smartcarapp',
      namespace: ns,
    }))!;
    const state = JSON.parse(vs.metadata!.annotations!['istio-canary.dev/state']!) as PromotionState;
    const holder = 'acme/shop/4002/1/deploy/0a1b2c3d';
    const crashed: PromotionState = { ...state, phase: 'in-progress', weight: 20, runId: holder };
    await cluster.kube.patch(
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'smartcarapp', namespace: ns },
      { metadata: { annotations: { 'istio-canary.dev/state': JSON.stringify(crashed) } } },
    );
    // Another job of the same run (same run id, another holder), and a post step without its main's id.
    expect(
      await finishInterrupted(
        flask(ns, {}, '4002'),
        deps(new ScriptedMetrics({ script: [] }), { holder: 'acme/shop/4002/1/other/99999999' }),
      ),
    ).toBeNull();
    expect(
      await finishInterrupted(flask(ns, {}, '4002'), deps(new ScriptedMetrics({ script: [] }))),
    ).toBeNull();
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.phase).toBe('in-progress');
    // Nothing there at all (main failed before applying anything): nothing to do, no error.
    const empty = await namespace();
    expect(
      await finishInterrupted(
        flask(empty, {}, '4002'),
        deps(new ScriptedMetrics({ script: [] }), { holder }),
      ),
    ).toBeNull();
    const report = await finishInterrupted(
      flask(ns, {}, '4002'),
      deps(new ScriptedMetrics({ script: [] }), { holder }),
    );
    expect(report?.status).toBe('rolled-back');
    expect(report?.reason).toMatch(/stopped at 20% canary without finishing/);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
  });
});
