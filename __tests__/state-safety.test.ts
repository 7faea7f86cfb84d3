// The promotion's state can be trusted (issue 12 items 3, 7, 13-16, 18): a new image starts
// over, a person's edit of the weights wins or is named, rollback preempts a running promotion,
// finalize can be interrupted at any point, a Lease holder is one process, outputs carry the
// weight the server confirmed. Every case runs runPromotion against the embedded mesh and reads
// the end state back from the stored VirtualService and Deployments.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PromotionReport, PromotionState, StepWindow } from '../src/model.js';
import { reportToJson } from '../src/report/json.js';
import { createKubeClient } from '../src/kube/client.js';
import { LeaseHeldError, PREEMPTED_ANNOTATION } from '../src/promote/lease.js';
import {
  PREVIOUS_TEMPLATE_ANNOTATION,
  finishInterrupted,
  newHolderId,
  podTemplateHash,
  runPromotion,
  type PromotionDeps,
} from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
import type { Logger } from '../src/ports.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startFlaskCluster,
  stopFlaskCluster,
  newNamespace,
  storedVs,
} from './support/promote-cluster.js';

let cluster: TestCluster;
let dir: string;
beforeAll(async () => ({ cluster, dir } = await startFlaskCluster(41, 'state-safety-')));
afterAll(() => stopFlaskCluster({ cluster, dir }));
afterEach(() => {
  cluster.api.faults.reset();
});

/** Reports with the new fields (events, notices, confirmed weight), checked against the schema at the end. */
const produced: [string, PromotionReport][] = [];

const namespace = (): Promise<string> => newNamespace(cluster, 'safe');

/** A variant of the flask manifests (same objects, some text replaced), in the test's folder. */
async function variant(name: string, replace: [string, string][]): Promise<string> {
  let text = await readFile(path.join(PROMOTE_FIXTURES, 'flask', 'canary-deployment.yml'), 'utf8');
  for (const [from, to] of replace) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  await writeFile(path.join(dir, 'flask', `${name}.yml`), text);
  return `flask/${name}.yml`;
}

const flask = (
  ns: string,
  inputs: Record<string, string> = {},
  options: { runId?: string; intervalMs?: number } = {},
): Settings =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      ...inputs,
    },
    { runId: options.runId ?? '5001', intervalMs: options.intervalMs ?? 100 },
  );

const deps = (metrics: ScriptedMetrics, over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics,
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: dir,
  lease: { durationMs: 3000, waitMs: 500 },
  ...over,
});

const vsRef = (ns: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  name: 'smartcarapp',
  namespace: ns,
});

type Deployment = {
  metadata: { annotations?: Record<string, string> };
  spec: {
    replicas: number;
    template: { spec: { containers: { name: string; image: string }[] } };
  };
};
const deployment = (ns: string, name: string) =>
  cluster.api.object('apps', 'deployments', ns, name) as Deployment | undefined;

/** A person's edit of the route's weights, as `kubectl edit` makes it (field manager kubectl-edit). */
async function editWeights(ns: string, canary: number, manager = 'kubectl-edit'): Promise<void> {
  const vs = (await cluster.kube.get(vsRef(ns)))!;
  const spec = vs.spec as { http: { route: { destination: { subset: string }; weight: number }[] }[] };
  for (const r of spec.http[0]!.route) r.weight = r.destination.subset === 'v2' ? canary : 100 - canary;
  delete (vs.metadata as Record<string, unknown>).managedFields;
  const res = await fetch(
    `${cluster.mesh.apiUrl}/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/smartcarapp?fieldManager=${manager}`,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(vs) },
  );
  expect(res.status).toBe(200);
}

/** Resolves when the stored VirtualService of `ns` satisfies `check` (on the store's change events). */
function whenVs(ns: string, check: (v: ReturnType<typeof storedVs>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = cluster.api.onChange((e) => {
      if (
        e.key === 'networking.istio.io/virtualservices' &&
        e.namespace === ns &&
        check(storedVs(cluster.api, ns, 'smartcarapp'))
      ) {
        off();
        resolve();
      }
    });
  });
}

/** Every canary weight the VirtualService of `ns` is stored with, in order, until `off()`. */
function recordWeights(ns: string): { weights: number[]; off: () => void } {
  const weights: number[] = [];
  const off = cluster.api.onChange((e) => {
    if (e.key === 'networking.istio.io/virtualservices' && e.namespace === ns) {
      const w = storedVs(cluster.api, ns, 'smartcarapp').weights.v2;
      if (w !== undefined && weights.at(-1) !== w) weights.push(w);
    }
  });
  return { weights, off };
}

const vsWrites = (ns: string) =>
  cluster.writes('virtualservices').filter((w) => w.namespace === ns && w.verb !== 'get');

describe('a new canary image or pod template during a held promotion starts over (12.3)', () => {
  it('step with image B while A is held at 20%: weights to 0 first, then B is judged from the first step', async () => {
    const ns = await namespace();
    const a = await runPromotion(
      flask(ns, { command: 'step', 'canary-image': 'example/smartcarapp:2.1' }),
      deps(new ScriptedMetrics({ script: ['pass'] })),
    );
    expect(a.status).toBe('held');
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });

    const rec = recordWeights(ns);
    const metrics = new ScriptedMetrics({ script: ['pass'] });
    const b = await runPromotion(
      flask(ns, { command: 'step', 'canary-image': 'example/smartcarapp:3.0' }),
      deps(metrics),
    );
    rec.off();
    // 20 → 0 (before the canary changes) → 20 again: never straight to 50.
    expect(rec.weights).toEqual([0, 20]);
    expect(metrics.windows.map((w) => [w.step, w.weight])).toEqual([[1, 20]]);
    const { state, weights } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(weights).toEqual({ v1: 80, v2: 20 });
    expect(state).toMatchObject({
      phase: 'held',
      weight: 20,
      step: 1,
      canaryImage: 'example/smartcarapp:3.0',
    });
    expect(state?.history.map((h) => h.weight)).toEqual([20]);
    expect(state?.events?.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^new promotion from the first step: the canary image changed from example\/smartcarapp:2\.1 to example\/smartcarapp:3\.0 \(previous: held: canary at 20%/,
      ),
    ]);
    expect(b.events).toEqual(state?.events);
    produced.push(['restarted', b]);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:3.0',
    );
  });

  it('a changed pod template with the same image (new env) is a new promotion too', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    const before = storedVs(cluster.api, ns, 'smartcarapp').state;
    expect(before?.templateHash).toMatch(/^[0-9a-f]{16}$/);
    const manifests = await variant('with-env', [
      [
        '          image: example/smartcarapp:2.0\n',
        '          image: example/smartcarapp:2.0\n          env:\n            - name: FEATURE\n              value: "on"\n',
      ],
    ]);
    const metrics = new ScriptedMetrics({ script: ['pass'] });
    await runPromotion(flask(ns, { command: 'step', manifests }), deps(metrics));
    const { state } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(metrics.windows.map((w) => w.weight)).toEqual([20]);
    expect(state?.templateHash).not.toBe(before?.templateHash);
    expect(state?.history).toHaveLength(1);
    expect(state?.events?.[0]?.message).toMatch(
      /the canary pod template changed \(hash [0-9a-f]{16} → [0-9a-f]{16}\)/,
    );
  });

  it('the template hash ignores what the API server defaults, so the same template read back agrees', () => {
    const fromManifest = {
      spec: { containers: [{ name: 'app', image: 'a:1', ports: [{ containerPort: 80 }] }] },
    };
    const fromServer = {
      metadata: { creationTimestamp: null, annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'a:1',
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
          },
        ],
        restartPolicy: 'Always',
      },
    };
    expect(podTemplateHash(fromServer)).toBe(podTemplateHash(fromManifest));
    expect(podTemplateHash({ spec: { containers: [{ name: 'app', image: 'a:2' }] } })).not.toBe(
      podTemplateHash(fromManifest),
    );
    expect(
      podTemplateHash({ spec: { containers: [{ name: 'app', image: 'a:1', args: ['--x'] }] } }),
    ).not.toBe(podTemplateHash(fromManifest));
    // The whole template counts: labels and annotations too (not only the containers).
    expect(podTemplateHash({ ...fromManifest, metadata: { labels: { x: 'y' } } })).not.toBe(
      podTemplateHash(fromManifest),
    );
    expect(podTemplateHash({ ...fromManifest, metadata: { annotations: { a: 'b' } } })).not.toBe(
      podTemplateHash(fromManifest),
    );
  });

  it('promote --canary-image X on a canary running Y sets X, waits for it, and promotes X', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    expect(deployment(ns, 'smartcarapp-v2')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.1',
    );
    const report = await runPromotion(
      flask(ns, { command: 'promote', 'canary-image': 'example/smartcarapp:2.2', manifests: '' }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(report.status).toBe('promoted');
    expect(report.canaryImage).toBe('example/smartcarapp:2.2');
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.2',
    );
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(0);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'promoted',
      weight: 0,
      canaryImage: 'example/smartcarapp:2.2',
    });
  });

  it('promote --canary-image with no canary Deployment is a named error before any write', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    await cluster.kube.delete({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'smartcarapp-v2',
      namespace: ns,
    });
    cluster.api.clearRequests();
    await expect(
      runPromotion(
        flask(ns, { command: 'promote', 'canary-image': 'example/smartcarapp:2.2', manifests: '' }),
        deps(new ScriptedMetrics({ script: [] })),
      ),
    ).rejects.toThrow(/no Deployment has pod labels \{"version":"v2"\} of subset "v2"/);
    expect(cluster.writes().filter((w) => w.namespace === ns)).toEqual([]);
  });

  it('rollback ignores canary-image (says so) and leaves the canary image alone', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    const logger = new RecordingLogger();
    const report = await runPromotion(
      flask(ns, { command: 'rollback', 'canary-image': 'example/smartcarapp:9.9' }),
      deps(new ScriptedMetrics({ script: [] }), { logger }),
    );
    expect(report.status).toBe('rolled-back');
    expect(logger.lines).toContain(
      'info: rollback ignores canary-image example/smartcarapp:9.9: it does not change the canary',
    );
    expect(deployment(ns, 'smartcarapp-v2')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.1',
    );
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'rolled-back', canaryImage: 'example/smartcarapp:2.1' },
    });
  });
});

describe("a person's change of the weights wins or is named (12.13)", () => {
  it('an emergency move to 0% between two steps stops the next step, names the change and the writer, writes nothing', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    await editWeights(ns, 0);
    const stored = storedVs(cluster.api, ns, 'smartcarapp');
    cluster.api.clearRequests();
    const err = await runPromotion(
      flask(ns, { command: 'step' }),
      deps(new ScriptedMetrics({ script: ['pass'] })),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /recorded canary 20% \/ stable 80%, live canary 0% \/ stable 100%; last other writer: kubectl-edit \(Update at .*\)\. Nothing was written\. To continue from the live weights, run again with take-over: true/,
    );
    expect(vsWrites(ns)).toEqual([]);
    expect(cluster.writes('deployments').filter((w) => w.namespace === ns)).toEqual([]);
    const after = storedVs(cluster.api, ns, 'smartcarapp');
    expect(after.weights).toEqual({ v1: 100, v2: 0 });
    expect(after.state).toEqual(stored.state);
  });

  it('with take-over: true the run continues from the live weights and records it', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    await editWeights(ns, 0);
    const metrics = new ScriptedMetrics({ script: ['pass'] });
    const report = await runPromotion(flask(ns, { command: 'step', 'take-over': 'true' }), deps(metrics));
    expect(report.status).toBe('held');
    const { state, weights } = storedVs(cluster.api, ns, 'smartcarapp');
    // From 0% the schedule's next weight is 20% again: measured, not skipped to 50%.
    expect(metrics.windows.map((w) => w.weight)).toEqual([20]);
    expect(weights).toEqual({ v1: 80, v2: 20 });
    expect(state?.events?.map((e) => e.message)).toEqual([
      expect.stringMatching(/^take-over: .*recorded canary 20% \/ stable 80%, live canary 0% \/ stable 100%/),
    ]);
  });

  it('a window during which the weights were changed is not a pass, and nothing is written after it', async () => {
    const ns = await namespace();
    let edited: Promise<void> = Promise.resolve();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      onWindow: (w: StepWindow) => {
        if (w.step === 2) edited = editWeights(ns, 5);
      },
      // Step 2's window would last an hour: only the edit can end it.
      windowMs: (w) => (w.step === 2 ? 3_600_000 : 50),
    });
    const err = await runPromotion(flask(ns), deps(metrics)).catch((e: unknown) => e);
    await edited;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /recorded canary 50% \/ stable 50%, live canary 5% \/ stable 95%.* during the window of step 2; the window is not judged/,
    );
    const { state, weights } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(weights).toEqual({ v1: 95, v2: 5 });
    expect(state).toMatchObject({ phase: 'in-progress', weight: 50 });
    expect(state?.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([[20, 'pass']]);
  }, 30_000);

  it('the post step leaves a hand-edited route alone', async () => {
    const ns = await namespace();
    const holder = 'acme/shop/5101/1/deploy/aaaaaaaa';
    await runPromotion(
      flask(ns, { command: 'step' }, { runId: '5101' }),
      deps(new ScriptedMetrics({ script: ['pass'] }), { holder }),
    );
    // Killed mid-walk at 20% (in-progress), then someone moved the canary to 0% by hand.
    const vs = (await cluster.kube.get(vsRef(ns)))!;
    const state = JSON.parse(vs.metadata!.annotations!['istio-canary.dev/state']!) as PromotionState;
    await cluster.kube.patch(vsRef(ns), {
      metadata: {
        annotations: { 'istio-canary.dev/state': JSON.stringify({ ...state, phase: 'in-progress' }) },
      },
    });
    await editWeights(ns, 0);
    const logger = new RecordingLogger();
    cluster.api.clearRequests();
    const report = await finishInterrupted(
      flask(ns, {}, { runId: '5101' }),
      deps(new ScriptedMetrics({ script: [] }), { holder, logger }),
    );
    expect(report).toBeNull();
    expect(vsWrites(ns)).toEqual([]);
    expect(logger.lines.join('\n')).toMatch(/post: the weights of .* were changed outside this promotion/);
  });
});

describe('rollback preempts a running promotion (12.14)', () => {
  it('a rollback while a run holds the lease takes effect at once; the run notices and stops without overwriting', async () => {
    const ns = await namespace();
    const runLogger = new RecordingLogger();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      // Step 2's window would last an hour: only the preemption can end the run.
      windowMs: (w) => (w.step === 2 ? 3_600_000 : 50),
    });
    const atStep2 = whenVs(ns, (v) => v.state?.weight === 50);
    const running = runPromotion(
      flask(ns, {}, { runId: '6001' }),
      deps(metrics, {
        logger: runLogger,
        holder: 'acme/shop/6001/1/canary/11111111',
        lease: { durationMs: 60_000, waitMs: 0 },
      }),
    ).catch((e: unknown) => e);
    await atStep2;
    const rollback = await runPromotion(
      flask(ns, { command: 'rollback' }, { runId: '6002' }),
      deps(new ScriptedMetrics({ script: [] }), { holder: 'acme/shop/6002/1/rollback/22222222' }),
    );
    expect(rollback.status).toBe('rolled-back');
    const err = await running;
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /changed by acme\/shop\/6002\/1\/rollback\/22222222 during the window of step 2 \(state now: rolled-back: canary at 0%/,
    );
    const { state, weights } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(weights).toEqual({ v1: 100, v2: 0 });
    expect(state).toMatchObject({
      phase: 'rolled-back',
      weight: 0,
      runId: 'acme/shop/6002/1/rollback/22222222',
    });
    expect(state?.reason).toBe('rollback requested by acme/shop/6002/1/rollback/22222222');
    const lease = cluster.api.object('coordination.k8s.io', 'leases', ns, 'istio-canary-smartcarapp') as {
      metadata: { annotations?: Record<string, string> };
    };
    expect(JSON.parse(lease.metadata.annotations?.[PREEMPTED_ANNOTATION] ?? '{}')).toMatchObject({
      by: 'acme/shop/6002/1/rollback/22222222',
      from: 'acme/shop/6001/1/canary/11111111',
    });
    // The stopped run's report says what the server has, not what it meant to do.
    expect((err as { report?: { status: string; weight: number } }).report).toMatchObject({
      status: 'rolled-back',
      weight: 0,
    });
  }, 30_000);

  it('a rollback started during a window ends that window at once; nothing is written after it', async () => {
    const ns = await namespace();
    let rolled: Promise<unknown> = Promise.resolve();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      onWindow: (w) => {
        // The rollback lands while step 1's window runs; the watch ends that window.
        if (w.step === 1)
          rolled = runPromotion(
            flask(ns, { command: 'rollback' }, { runId: '6102' }),
            deps(new ScriptedMetrics({ script: [] }), { holder: 'acme/shop/6102/1/rb/33333333' }),
          );
      },
      windowMs: (w) => (w.step === 1 ? 3_600_000 : 50),
    });
    const err = await runPromotion(
      flask(ns, {}, { runId: '6101' }),
      deps(metrics, { lease: { durationMs: 60_000, waitMs: 0 } }),
    ).catch((e: unknown) => e);
    await rolled;
    expect((err as Error).message).toMatch(/changed by acme\/shop\/6102\/1\/rb\/33333333/);
    expect(metrics.windows.map((w) => w.weight)).toEqual([20]);
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'rolled-back', weight: 0 },
    });
  }, 30_000);
});

describe('finalize is safe to interrupt (12.15)', () => {
  it('a cancel while stable rolls out to the canary template restores the old stable template, then rolls back', async () => {
    const ns = await namespace();
    const controller = new AbortController();
    // Cancel as soon as the stable Deployment carries the canary's image (promote-stable wrote it).
    const off = cluster.api.onChange((e) => {
      if (
        e.key === 'apps/deployments' &&
        e.namespace === ns &&
        deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image ===
          'example/smartcarapp:2.1'
      )
        controller.abort(new Error('SIGINT'));
    });
    const report = await runPromotion(
      { ...flask(ns), rolloutTimeoutMs: 3_600_000 },
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] }), { signal: controller.signal }),
    );
    off();
    expect(controller.signal.aborted).toBe(true);
    expect(report.status).toBe('rolled-back');
    const stable = deployment(ns, 'smartcarapp-v1')!;
    expect(stable.spec.template.spec.containers[0]?.image).toBe('example/smartcarapp:1.0');
    expect(stable.metadata.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION]).toBeUndefined();
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'rolled-back', weight: 0 },
    });
  }, 30_000);

  it('a finalize that stopped before the canary scale-down is finished by a rerun (not "already promoted")', async () => {
    const ns = await namespace();
    // Every patch fails (after the client's retries): the scale-down cannot be made.
    const scaleDownFails = whenVs(ns, (v) => v.state?.phase === 'finalizing' && v.state.weight === 0);
    void scaleDownFails.then(() => cluster.api.faults.failNext(1000, 503, ['patch']));
    const first = await runPromotion(
      flask(ns),
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] })),
    );
    cluster.api.faults.reset();
    expect(first.status).toBe('in-progress');
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'finalizing',
      weight: 0,
    });
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.reason).toMatch(/^scaling the canary down failed/);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);

    const metrics = new ScriptedMetrics({ script: [] });
    const rerun = await runPromotion(flask(ns), deps(metrics));
    expect(rerun.status).toBe('promoted');
    expect(metrics.windows).toEqual([]);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(0);
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.1',
    );
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'promoted', weight: 0 },
    });
  }, 60_000);

  it('the post step restores a finalize its main step left at 100% with stable half-replaced', async () => {
    const ns = await namespace();
    const holder = 'acme/shop/7101/1/deploy/bbbbbbbb';
    const controller = new AbortController();
    const off = cluster.api.onChange((e) => {
      if (
        e.key === 'apps/deployments' &&
        e.namespace === ns &&
        deployment(ns, 'smartcarapp-v1')?.metadata.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION]
      )
        controller.abort(new Error('SIGTERM'));
    });
    // on-cancel hold: the main step leaves the finalize recorded as unfinished (as a kill would).
    const main = await runPromotion(
      { ...flask(ns, { 'on-cancel': 'hold' }, { runId: '7101' }), rolloutTimeoutMs: 3_600_000 },
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] }), { signal: controller.signal, holder }),
    );
    off();
    expect(main.status).toBe('in-progress');
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'finalizing',
      weight: 100,
    });
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.1',
    );

    const post = await finishInterrupted(
      flask(ns, {}, { runId: '7101' }),
      deps(new ScriptedMetrics({ script: [] }), { holder }),
    );
    expect(post?.status).toBe('rolled-back');
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:1.0',
    );
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'rolled-back', weight: 0 },
    });
  }, 30_000);

  it("promote-stable renaming stable's containers is said in the log and the report", async () => {
    const ns = await namespace();
    const manifests = await variant('renamed', [
      [
        '        - name: smartcarapp\n          image: example/smartcarapp:2.0',
        '        - name: web\n          image: example/smartcarapp:2.0',
      ],
    ]);
    const logger = new RecordingLogger();
    const report = await runPromotion(
      flask(ns, { manifests, steps: '100' }),
      deps(new ScriptedMetrics({ script: ['pass'] }), { logger }),
    );
    expect(report.status).toBe('promoted');
    const notice =
      "promote-stable renames the containers of smartcarapp-v1: smartcarapp → web (it copies the canary's pod template)";
    expect(report.notices).toEqual([notice]);
    produced.push(['renamed containers', report]);
    expect(logger.lines).toContain(`warning: ${notice}`);
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers.map((c) => c.name)).toEqual([
      'web',
    ]);
  });
});

describe('a Lease holder is one process (12.16)', () => {
  it('holder ids are unique per process and name the run, attempt and job', () => {
    const s = settingsFor({}, { runId: '77' });
    const github = { ...s.github, runAttempt: '2', job: 'canary' };
    const a = newHolderId({ github });
    const b = newHolderId({ github });
    expect(a).toMatch(/^acme\/shop\/77\/2\/canary\/[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it('two jobs of the same run cannot both enter, and the one refused does not release the other’s lease', async () => {
    const ns = await namespace();
    const first = runPromotion(
      flask(ns, {}, { runId: '8001' }),
      deps(
        new ScriptedMetrics({
          script: ['pass', 'pass', 'pass'],
          windowMs: (w) => (w.step === 1 ? 3_600_000 : 50),
        }),
        { holder: 'acme/shop/8001/1/canary-a/aaaa0001', lease: { durationMs: 60_000, waitMs: 0 } },
      ),
    ).catch((e: unknown) => e);
    await whenVs(ns, (v) => v.state?.weight === 20);
    await expect(
      runPromotion(
        flask(ns, {}, { runId: '8001' }),
        deps(new ScriptedMetrics({ script: [] }), { holder: 'acme/shop/8001/1/canary-a/bbbb0002' }),
      ),
    ).rejects.toBeInstanceOf(LeaseHeldError);
    const lease = () =>
      (
        cluster.api.object('coordination.k8s.io', 'leases', ns, 'istio-canary-smartcarapp') as {
          spec: { holderIdentity?: string };
        }
      ).spec.holderIdentity;
    expect(lease()).toBe('acme/shop/8001/1/canary-a/aaaa0001');
    // End the first run (a rollback preempts it) and check it never writes over the rollback.
    await runPromotion(
      flask(ns, { command: 'rollback' }, { runId: '8001' }),
      deps(new ScriptedMetrics({ script: [] }), { holder: 'acme/shop/8001/1/stop/cccc0003' }),
    );
    expect(await first).toBeInstanceOf(Error);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.runId).toBe('acme/shop/8001/1/stop/cccc0003');
  }, 30_000);
});

describe('outputs carry the confirmed weight; cancel writes share one budget (12.7, 12.18)', () => {
  it('when the API dies mid-run the report says the last weight the server confirmed, not the intended one', async () => {
    const ns = await namespace();
    const confirmed: number[] = [];
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      onWindow: (w) => {
        if (w.step === 1) cluster.api.faults.failNext(100_000, 503, ['update']);
      },
    });
    const err = await runPromotion(
      flask(ns),
      deps(metrics, { onConfirmedWeight: (w) => confirmed.push(w) }),
    ).catch((e: unknown) => e);
    cluster.api.faults.reset();
    const report = (err as { report?: PromotionReport }).report;
    expect(report?.weight).toBe(20);
    if (report) produced.push(['API died mid-run', report]);
    expect(confirmed).toEqual([20]);
    expect((err as Error).message).toMatch(/unavailable/);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
  }, 60_000);

  it('after a cancel whose writes keep failing, the run ends within its write budget and names the confirmed weight', async () => {
    const ns = await namespace();
    // A client whose retries alone would take minutes: only the cancel budget can end the writes.
    const slow = await createKubeClient({
      kubeconfig: cluster.kubeconfig,
      retry: { baseDelayMs: 20_000, maxDelayMs: 20_000, attempts: 8 },
    });
    const controller = new AbortController();
    const logger = new RecordingLogger();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      onWindow: (w) => {
        if (w.step !== 2) return;
        cluster.api.faults.failNext(100_000, 503, ['update', 'patch']);
        controller.abort(new Error('SIGINT'));
      },
    });
    const err = await runPromotion(
      flask(ns),
      deps(metrics, {
        kube: slow,
        logger,
        signal: controller.signal,
        lease: { durationMs: 60_000, waitMs: 0 },
      }),
    ).catch((e: unknown) => e);
    cluster.api.faults.reset();
    expect(err).toBeInstanceOf(Error);
    expect(logger.lines.join('\n')).toMatch(
      /error: cancelled \(SIGINT\); the run could not finish \(.*\): the canary is at 50% \(the last weight the API server confirmed\)/,
    );
    expect((err as Error).message).toContain('To roll back, run: istio-canary rollback --cluster sim');
    expect((err as { report?: { weight: number } }).report?.weight).toBe(50);
  }, 20_000);
});

describe('the log: one group and one outcome line per step (13.5)', () => {
  it('each step is a group with exactly one outcome line at info', async () => {
    const ns = await namespace();
    const lines: string[] = [];
    const groups: { title: string; lines: string[] }[] = [];
    let open: { title: string; lines: string[] } | null = null;
    const add = (l: string) => (open ? open.lines : lines).push(l);
    const logger: Logger = {
      info: (m) => add(`info: ${m}`),
      warning: (m) => add(`warning: ${m}`),
      error: (m) => add(`error: ${m}`),
      debug: () => undefined,
      async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
        open = { title, lines: [] };
        groups.push(open);
        try {
          return await fn();
        } finally {
          open = null;
        }
      },
    };
    await runPromotion(
      flask(ns),
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] }), { logger }),
    );
    const steps = groups.filter((g) => g.title.startsWith('step '));
    expect(steps.map((g) => g.title)).toEqual([
      'step 1/3: canary 20%',
      'step 2/3: canary 50%',
      'step 3/3: canary 100%',
    ]);
    for (const g of steps) {
      expect(g.lines).toHaveLength(1);
      expect(g.lines[0]).toMatch(/^info: step \d\/3 at \d+%: pass — /);
    }
  });
});

describe('promote names the image it promotes (12.3, second part)', () => {
  it('promote --canary-image X after Y was promoted is a new promotion of X, refused while the canary has no pods', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { steps: '100' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'promoted',
      canaryImage: 'example/smartcarapp:2.1',
    });
    // promote-stable scaled the canary to 0: moving 100% onto it is refused before any write.
    cluster.api.clearRequests();
    const refused = await runPromotion(
      flask(ns, { command: 'promote', 'canary-image': 'example/smartcarapp:2.2', manifests: '' }),
      deps(new ScriptedMetrics({ script: [] })),
    ).catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(
      /promote: the canary Deployment safe-\d+\/smartcarapp-v2 is scaled to 0 replicas.*nothing was written/,
    );
    expect(cluster.writes().filter((w) => w.namespace === ns && w.resource !== 'leases')).toEqual([]);
    // The same image again: already promoted, nothing to do (not an error).
    const again = await runPromotion(
      flask(ns, { command: 'promote', 'canary-image': 'example/smartcarapp:2.1', manifests: '' }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(again.status).toBe('promoted');
    // With the canary back up, promote X restarts (weights to 0 first), sets X and promotes X.
    await cluster.kube.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'smartcarapp-v2', namespace: ns },
      { spec: { replicas: 1 } },
    );
    const report = await runPromotion(
      flask(ns, { command: 'promote', 'canary-image': 'example/smartcarapp:2.2', manifests: '' }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(report.status).toBe('promoted');
    expect(report.events?.[0]?.message).toMatch(
      /^new promotion from the first step: the canary image changed from example\/smartcarapp:2\.1 to example\/smartcarapp:2\.2/,
    );
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.2',
    );
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'promoted', canaryImage: 'example/smartcarapp:2.2' },
    });
  });
});

describe('the report schema', () => {
  it('every report above (restart events, notices, confirmed weight) validates against docs/report.schema.json', async () => {
    const schema = JSON.parse(
      await readFile(path.join(import.meta.dirname, '..', 'docs', 'report.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    expect(produced.map(([name]) => name)).toEqual(['restarted', 'renamed containers', 'API died mid-run']);
    for (const [name, report] of produced)
      expect(validate(JSON.parse(reportToJson(report))), `${name}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
  });
});

describe('through the CLI', () => {
  it('`istio-canary rollback` preempts a run holding the lease: exit 0, weight 0 at once, the run stops without writing', async () => {
    const { main: cli } = await import('../src/cli.js');
    const ns = await namespace();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      windowMs: (w) => (w.step === 2 ? 3_600_000 : 50),
    });
    const running = runPromotion(
      flask(ns, {}, { runId: '9901' }),
      deps(metrics, { lease: { durationMs: 60_000, waitMs: 0 } }),
    ).catch((e: unknown) => e);
    await whenVs(ns, (v) => v.state?.weight === 50);
    const out: string[] = [];
    const code = await cli(
      [
        'rollback',
        '--cluster',
        'existing',
        '--kubeconfig',
        cluster.kubeconfig,
        '--namespace',
        ns,
        '--comment',
        'never',
      ],
      { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t) },
      { PATH: process.env.PATH },
    );
    expect(code, out.join('')).toBe(0);
    expect(out.join('')).toMatch(
      /preempting acme\/shop\/9901\/1\/-\/[0-9a-f]{8}, which holds the lease istio-canary-smartcarapp/,
    );
    const err = await running;
    expect((err as Error).message).toMatch(
      /changed by local\/pid-\d+\/1\/-\/[0-9a-f]{8} during the window of step 2/,
    );
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'rolled-back', weight: 0 },
    });
  }, 30_000);

  it('`istio-canary promote` after a person moved the weights exits 1, names the change, and writes nothing', async () => {
    const { main: cli } = await import('../src/cli.js');
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(new ScriptedMetrics({ script: ['pass'] })));
    await editWeights(ns, 0, 'kubectl-patch');
    cluster.api.clearRequests();
    const out: string[] = [];
    const code = await cli(
      [
        'promote',
        '--cluster',
        'existing',
        '--kubeconfig',
        cluster.kubeconfig,
        '--namespace',
        ns,
        '--comment',
        'never',
      ],
      { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t) },
      { PATH: process.env.PATH },
    );
    expect(code, out.join('')).toBe(1);
    expect(out.join('')).toMatch(
      /recorded canary 20% \/ stable 80%, live canary 0% \/ stable 100%; last other writer: kubectl-patch/,
    );
    expect(vsWrites(ns)).toEqual([]);
    expect(cluster.writes('deployments').filter((w) => w.namespace === ns)).toEqual([]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
  }, 30_000);
});
