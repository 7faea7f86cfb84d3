// Promotion overhead: wall time of a whole `run` (apply, canary rollout, 3 weight steps with
// their windows, promote-stable finalize) minus the sum of the configured windows, on the
// embedded mesh through the real client over HTTP. Also counts the VirtualService writes.
//
//   npx tsx bench/promotion.ts [--runs 5] [--interval 1000] [--faults]
//
// --faults adds 20% API errors (500/503) and a watch drop every 2 s.
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
    runs: { type: 'string', default: '5' },
    interval: { type: 'string', default: '1000' },
    readiness: { type: 'string', default: '200' },
    faults: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const intervalMs = Number(values.interval);
const steps = [10, 60, 100];
const quiet = { info() {}, warning() {}, error() {}, debug() {} };
const reporter = {
  progress: () => Promise.resolve(),
  final: () => Promise.resolve({ commentUrl: null, reportJsonPath: null }),
};

async function main(): Promise<void> {
  const mesh = await startMesh({ readinessDelayMs: Number(values.readiness), seed: 42 });
  try {
    const kube = await createKubeClient({ kubeconfig: mesh.kubeconfig });
    const rows: { wallMs: number; overheadMs: number; vsUpdates: number; failedRequests: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const ns = `bench-${i}`;
      await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const parsed = parseSettings(
        (name) =>
          ({
            cluster: 'sim',
            manifests: 'flask/canary-deployment.yml',
            namespace: ns,
            steps: steps.join(','),
            'canary-image': `example/smartcarapp:2.${i}`,
          })[name] ?? '',
        { GITHUB_REPOSITORY: 'acme/bench', GITHUB_RUN_ID: String(i) },
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const settings = { ...parsed.settings, intervalMs };
      mesh.api.clearRequests();
      if (values.faults) mesh.api.faults.set({ errorRate: 0.2, dropWatchesAfterMs: 2000 });
      const t0 = performance.now();
      const report = await runPromotion(settings, {
        kube,
        metrics: new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] }),
        reporter,
        logger: quiet,
        signal: new AbortController().signal,
        cwd: path.join(import.meta.dirname, '..', '__tests__', 'fixtures', 'promote'),
      });
      const wallMs = performance.now() - t0;
      mesh.api.faults.reset();
      if (report.status !== 'promoted') throw new Error(`run ${i}: ${report.status} ${report.reason ?? ''}`);
      const vsUpdates = mesh.api.requests.filter(
        (r) => r.resource === 'virtualservices' && r.verb === 'update' && r.status < 300,
      ).length;
      const failedRequests = mesh.api.requests.filter((r) => r.status >= 500).length;
      rows.push({ wallMs, overheadMs: wallMs - steps.length * intervalMs, vsUpdates, failedRequests });
    }
    const sorted = rows.map((r) => r.overheadMs).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    console.log(
      `steps ${steps.join(',')}, window ${intervalMs} ms, rollout readiness ${values.readiness} ms, faults ${values.faults ? 'on' : 'off'}, runs ${runs}`,
    );
    console.log('| run | wall ms | windows ms | overhead ms | VS updates (ok) | 5xx answered |');
    console.log('| --- | ------- | ---------- | ----------- | --------------- | ------------ |');
    rows.forEach((r, i) =>
      console.log(
        `| ${i} | ${r.wallMs.toFixed(0)} | ${steps.length * intervalMs} | ${r.overheadMs.toFixed(0)} | ${r.vsUpdates} | ${r.failedRequests} |`,
      ),
    );
    console.log(`median overhead ${median.toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`);
  } finally {
    await mesh.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
