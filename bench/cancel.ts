// Cancel latency: from the cancel (the signal a SIGINT/SIGTERM becomes) during a step's window
// to the moment the embedded mesh's API server stored the VirtualService with the canary back
// at 0%, and to runPromotion's return. The tests assert only that a cancel ends the window and
// rolls back (no clock); the "within 5 s" claim of the design is measured here.
//
//   npx tsx bench/cancel.ts [--runs 10] [--faults]
//
// --faults adds 20% API errors (500/503) on every verb while the rollback is written.
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { createKubeClient } from '../src/kube/client.js';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import { parseSettings } from '../src/settings.js';
import { startMesh } from '../src/sim/mesh.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    faults: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const quiet = { info() {}, warning() {}, error() {}, debug() {} };
const reporter = {
  progress: () => Promise.resolve(),
  final: () => Promise.resolve({ commentUrl: null, reportJsonPath: null }),
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const mesh = await startMesh({ readinessDelayMs: 50, seed: 43 });
  try {
    const kube = await createKubeClient({ kubeconfig: mesh.kubeconfig });
    const rows: { toZeroMs: number; toReturnMs: number; status: string }[] = [];
    for (let i = 0; i < runs; i++) {
      const ns = `cancel-${i}`;
      await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const parsed = parseSettings(
        (name) =>
          ({
            cluster: 'sim',
            manifests: 'flask/canary-deployment.yml',
            namespace: ns,
            steps: '20,50,100',
            'canary-image': `example/smartcarapp:3.${i}`,
          })[name] ?? '',
        { GITHUB_REPOSITORY: 'acme/bench', GITHUB_RUN_ID: String(1000 + i) },
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const controller = new AbortController();
      let cancelledAt = 0;
      let zeroAt = 0;
      const stop = mesh.api.onChange((e) => {
        const o = e.object as
          { metadata?: { name?: string; namespace?: string }; spec?: unknown } | undefined;
        if (!cancelledAt || zeroAt || o?.metadata?.namespace !== ns || o.metadata.name !== 'smartcarapp')
          return;
        const route = (
          o.spec as { http?: { route?: { destination: { subset: string }; weight?: number }[] }[] }
        )?.http?.[0]?.route;
        if (route?.find((r) => r.destination.subset === 'v2')?.weight === 0) zeroAt = performance.now();
      });
      const metrics = new ScriptedMetrics({
        script: ['pass', 'pass', 'pass'],
        onWindow: (w) => {
          if (w.step !== 1) return;
          if (values.faults) mesh.api.faults.set({ errorRate: 0.2 });
          cancelledAt = performance.now();
          controller.abort(new Error('SIGTERM'));
        },
        windowMs: () => 2 ** 31 - 1,
      });
      const report = await runPromotion(
        { ...parsed.settings, intervalMs: 30_000 },
        {
          kube,
          metrics,
          reporter,
          logger: quiet,
          signal: controller.signal,
          cwd: path.join(import.meta.dirname, '..', '__tests__', 'fixtures', 'promote'),
        },
      );
      const returnedAt = performance.now();
      stop();
      mesh.api.faults.reset();
      rows.push({
        toZeroMs: zeroAt ? zeroAt - cancelledAt : NaN,
        toReturnMs: returnedAt - cancelledAt,
        status: report.status,
      });
    }
    console.log(`runs ${runs}, faults ${values.faults ? '20% 5xx' : 'off'}`);
    console.log('| run | cancel → canary 0% stored (ms) | cancel → run returned (ms) | status |');
    console.log('| --- | ------------------------------ | -------------------------- | ------ |');
    rows.forEach((r, i) =>
      console.log(`| ${i} | ${r.toZeroMs.toFixed(1)} | ${r.toReturnMs.toFixed(1)} | ${r.status} |`),
    );
    const zero = rows.map((r) => r.toZeroMs);
    console.log(
      `median ${median(zero).toFixed(1)} ms to 0%, max ${Math.max(...zero).toFixed(1)} ms; median ${median(rows.map((r) => r.toReturnMs)).toFixed(1)} ms to return`,
    );
  } finally {
    await mesh.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
