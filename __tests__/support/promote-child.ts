// A promotion in its own process, for the kill -9 test: argv = kubeconfig file, fixtures dir,
// namespace, run id, window ms per step (e.g. 100,20000,20000), and optionally the lease duration
// in ms (default 30000). Prints progress lines on stdout.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createKubeClient } from '../../src/kube/client.js';
import { runPromotion } from '../../src/promote/runner.js';
import { ScriptedMetrics } from '../../src/promote/scripted-metrics.js';
import { RecordingReporter, settingsFor } from './promote-cluster.js';

async function main(): Promise<void> {
  const [kubeconfigPath, cwd, namespace, runId, windows, leaseMs] = process.argv.slice(2);
  if (!kubeconfigPath || !cwd || !namespace || !runId || !windows)
    throw new Error('usage: promote-child <kubeconfig> <cwd> <namespace> <runId> <window ms per step>');
  const perStep = windows.split(',').map(Number);
  const kube = await createKubeClient({ kubeconfig: readFileSync(kubeconfigPath, 'utf8') });
  const settings = settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
    },
    { runId },
  );
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const report = await runPromotion(settings, {
    kube,
    metrics: new ScriptedMetrics({
      script: [],
      onWindow: (w) => log(`window ${w.step} ${w.weight}`),
      windowMs: (w) => perStep[w.step - 1] ?? 1000,
    }),
    reporter: new RecordingReporter(),
    logger: { info: log, warning: log, error: log, debug: () => {} },
    signal: new AbortController().signal,
    cwd,
    lease: { durationMs: leaseMs ? Number(leaseMs) : 30_000, waitMs: 5000 },
  });
  log(`done ${report.status}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
