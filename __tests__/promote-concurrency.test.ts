import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepWindow } from '../src/model.js';
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
let dir: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 23 });
  dir = await mkdtemp(path.join(tmpdir(), 'promote-kill-'));
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

let nsCounter = 0;
async function namespace(): Promise<string> {
  const name = `conc-${++nsCounter}`;
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const flask = (ns: string, runId: string, intervalMs = 150): Settings =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
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

/** Resolves when the lease of `ns` is held by a holder id starting with `holder`. */
function whenLeaseHeldBy(ns: string, holder: string): Promise<void> {
  return new Promise((resolve) => {
    const off = cluster.api.onChange((e) => {
      const lease = cluster.api.object('coordination.k8s.io', 'leases', ns, 'istio-canary-smartcarapp') as
        { spec?: { holderIdentity?: string } } | undefined;
      if (e.key === 'coordination.k8s.io/leases' && lease?.spec?.holderIdentity?.startsWith(holder)) {
        off();
        resolve();
      }
    });
  });
}

describe('crashes and concurrent runs', () => {
  it('after kill -9 mid-step, a rerun resumes at the same step, never lowers the weight, never repeats a finished step', async () => {
    const ns = await namespace();
    const kubeconfigPath = path.join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, cluster.kubeconfig);
    const stepTwoWritten = whenVs(ns, (v) => v.state?.phase === 'in-progress' && v.state.weight === 50);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'support', 'promote-child.ts'),
        kubeconfigPath,
        PROMOTE_FIXTURES,
        ns,
        '6001',
        '100,30000,30000',
        '1500',
      ],
      { cwd: path.join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    // Step 1 passes after 100 ms; step 2's window is 30 s: kill once step 2's write is stored.
    const early = await Promise.race([
      stepTwoWritten.then(() => 'written' as const),
      exited.then(() => 'exited' as const),
    ]);
    expect(early, output).toBe('written');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const before = storedVs(cluster.api, ns, 'smartcarapp');
    expect(before.state).toMatchObject({ phase: 'in-progress', weight: 50 });
    expect(before.state?.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([[20, 'pass']]);

    const weights: number[] = [];
    const off = cluster.api.onChange((e) => {
      if (e.key === 'networking.istio.io/virtualservices' && e.namespace === ns)
        weights.push(storedVs(cluster.api, ns, 'smartcarapp').weights.v2 ?? -1);
    });
    const metrics = new ScriptedMetrics({ script: ['pass', 'pass'] });
    // A rerun is another process (another holder): it waits for the dead process's lease to
    // expire (1.5 s here, watched, not polled), then takes it over and resumes.
    const logger = new RecordingLogger();
    const report = await runPromotion(
      flask(ns, '6001'),
      deps(metrics, { logger, lease: { durationMs: 3000, waitMs: 20_000 } }),
    );
    off();
    expect(logger.lines.join('\n')).toMatch(
      /taking over the expired lease istio-canary-smartcarapp from acme\/shop\/6001\/1\/-\/[0-9a-f]{8}/,
    );
    expect(report.status).toBe('promoted');
    expect(metrics.windows.map((w) => [w.step, w.weight])).toEqual([
      [2, 50],
      [3, 100],
    ]);
    // Never below 50 until the promoted stable takes all traffic back (the last two writes:
    // back to stable while finalizing, then promoted).
    expect(
      weights.slice(0, -2).every((w) => w >= 50),
      weights.join(','),
    ).toBe(true);
    expect(weights.slice(-2)).toEqual([0, 0]);
    expect(report.history.map((h) => h.weight)).toEqual([20, 50, 100]);
  }, 60_000);

  it('kill -9 right after promote-stable replaced the stable template: the state says finalizing, and rollback restores the old template', async () => {
    const ns = await namespace();
    const kubeconfigPath = path.join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, cluster.kubeconfig);
    type Dep = { spec: { template: { spec: { containers: { image: string }[] } } } };
    const stableImage = () =>
      (cluster.api.object('apps', 'deployments', ns, 'smartcarapp-v1') as Dep | undefined)?.spec.template.spec
        .containers[0]?.image;
    // The moment the stable Deployment carries the canary's image, no later write of the child can
    // land (as if it died there): every update and patch fails until the test has killed it.
    const stableReplaced = new Promise<void>((resolve) => {
      const off = cluster.api.onChange((e) => {
        if (
          e.key === 'apps/deployments' &&
          e.namespace === ns &&
          stableImage() === 'example/smartcarapp:2.1'
        ) {
          cluster.api.faults.failNext(100_000, 503, ['update', 'patch']);
          off();
          resolve();
        }
      });
    });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'support', 'promote-child.ts'),
        kubeconfigPath,
        PROMOTE_FIXTURES,
        ns,
        '6101',
        '50,50,50',
        '1500',
      ],
      { cwd: path.join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    const early = await Promise.race([
      stableReplaced.then(() => 'replaced' as const),
      exited.then(() => 'exited' as const),
    ]);
    expect(early, output).toBe('replaced');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    cluster.api.faults.reset();

    // What the dead run left: stable on the canary's template, and a state that says so.
    expect(stableImage()).toBe('example/smartcarapp:2.1');
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'finalizing',
      weight: 100,
    });

    const report = await runPromotion(
      settingsFor(
        { manifests: 'flask/canary-deployment.yml', namespace: ns, command: 'rollback' },
        { runId: '6102' },
      ),
      deps(new ScriptedMetrics({ script: [] }), { lease: { durationMs: 3000, waitMs: 20_000 } }),
    );
    expect(report.status).toBe('rolled-back');
    expect(stableImage()).toBe('example/smartcarapp:1.0');
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 100, v2: 0 },
      state: { phase: 'rolled-back', weight: 0 },
    });
  }, 60_000);

  it('a second concurrent run fails clearly naming the holder, and the first is not disturbed', async () => {
    const ns = await namespace();
    const first = runPromotion(
      flask(ns, '7001', 400),
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] })),
    );
    await whenLeaseHeldBy(ns, 'acme/shop/7001/');
    const second = runPromotion(flask(ns, '7002', 400), deps(new ScriptedMetrics({ script: [] })));
    await expect(second).rejects.toThrow(
      /VirtualService conc-\d+\/smartcarapp is being promoted by acme\/shop\/7001\/1\/-\/[0-9a-f]{8} \(lease conc-\d+\/istio-canary-smartcarapp.*waited \d+ s/,
    );
    const report = await first;
    expect(report.status).toBe('promoted');
    expect(report.history.map((h) => h.weight)).toEqual([20, 50, 100]);
  });

  it('a second run that may wait takes its turn after the first releases the lease, losing no update', async () => {
    const ns = await namespace();
    cluster.api.clearRequests();
    const first = runPromotion(
      flask(ns, '8001', 200),
      deps(new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] })),
    );
    await whenLeaseHeldBy(ns, 'acme/shop/8001/');
    const logger = new RecordingLogger();
    const second = runPromotion(
      flask(ns, '8002', 200),
      deps(new ScriptedMetrics({ script: [] }), { logger, lease: { durationMs: 3000, waitMs: 20_000 } }),
    );
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe('promoted');
    expect(logger.lines.some((l) => /waiting up to 20 s for acme\/shop\/8001\//.test(l))).toBe(true);
    // The second run found the promotion finished for this image: nothing to do, nothing overwritten.
    expect(b.status).toBe('promoted');
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.history.map((h) => h.weight)).toEqual([
      20, 50, 100,
    ]);
    const updates = cluster
      .writes('virtualservices')
      .filter((w) => w.namespace === ns && w.verb === 'update');
    // 20, 50, 100, finalizing, back to stable (finalizing), promoted: the second run wrote nothing.
    expect(updates).toHaveLength(6);
  });

  it('a run stops instead of overwriting a state another writer changed meanwhile', async () => {
    const ns = await namespace();
    const ref = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      name: 'smartcarapp',
      namespace: ns,
    };
    let intruded: Promise<unknown> = Promise.resolve();
    const metrics = new ScriptedMetrics({
      script: ['pass', 'pass', 'pass'],
      onWindow: (w: StepWindow) => {
        if (w.step !== 1) return;
        intruded = cluster.kube.get(ref).then((vs) => {
          const state = JSON.parse(vs!.metadata!.annotations!['istio-canary.dev/state']!) as Record<
            string,
            unknown
          >;
          return cluster.kube.patch(ref, {
            metadata: {
              annotations: {
                'istio-canary.dev/state': JSON.stringify({
                  ...state,
                  runId: 'someone/else/1',
                  phase: 'held',
                }),
              },
            },
          });
        });
      },
    });
    // The window sees the state change under it: no verdict, no write.
    await expect(runPromotion(flask(ns, '9001', 300), deps(metrics))).rejects.toThrow(
      /changed by someone\/else\/1 during the window of step 1 .*stopping without writing/,
    );
    await intruded;
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      runId: 'someone/else/1',
      phase: 'held',
      weight: 20,
    });
  });
});
