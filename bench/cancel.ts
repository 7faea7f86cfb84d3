// Cancel latency: from the cancel (the signal a SIGINT/SIGTERM becomes) during a step's window
// to the moment the embedded mesh's API server stored the VirtualService with the canary back
// at 0%, and to runPromotion's return. The tests assert only that a cancel ends the window and
// rolls back (no clock); the "within 5 s" claim of the design is measured here.
//
//   npx tsx bench/cancel.ts [--runs 10] [--faults]
//   npx tsx bench/cancel.ts --hung-api [--runs 5]
//
// --faults adds 20% API errors (500/503) on every verb while the rollback is written.
// --hung-api runs the real CLI process (node bin/istio-canary.js run, dist/ built), makes the
// API server stop answering once the canary is at 30% (it still takes connections), sends
// SIGINT, and times the process's exit: it must be within the 8 s cancel deadline.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    'hung-api': { type: 'boolean', default: false },
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

/** SIGINT to the CLI with the API server hung: the time to the process's exit, and its code. */
async function hungApi(): Promise<void> {
  const root = path.join(import.meta.dirname, '..');
  const rows: { exitMs: number; code: number | null; last: string }[] = [];
  for (let i = 0; i < runs; i++) {
    const mesh = await startMesh({ readinessDelayMs: 50 });
    const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'istio-canary-bench-')), 'kubeconfig');
    writeFileSync(kubeconfig, mesh.kubeconfig);
    const args = [
      'run',
      '--cluster',
      'existing',
      '--namespace',
      'test',
      '--manifests',
      'examples/podinfo/*.yaml',
    ];
    args.push(
      '--canary-image',
      'ghcr.io/stefanprodan/podinfo:6.7.1',
      '--steps',
      '30,100',
      '--interval',
      '30s',
    );
    args.push('--metrics', 'loadgen', '--load-url', mesh.ingressUrl, '--load-host', 'podinfo.co.uk');
    args.push('--min-requests', '5', '--comment', 'never');
    const child = spawn(process.execPath, [path.join(root, 'bin', 'istio-canary.js'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), KUBECONFIG: kubeconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      const stop = mesh.api.onChange((e) => {
        const route = (
          e.object as {
            spec?: { http?: { route?: { destination: { subset: string }; weight?: number }[] }[] };
          }
        )?.spec?.http?.[0]?.route;
        if (
          e.key.endsWith('/virtualservices') &&
          route?.find((r) => r.destination.subset === 'canary')?.weight === 30
        ) {
          stop();
          resolve();
        }
      });
    });
    // Every resource request from now on waits (about 24 days): taken, never answered.
    mesh.api.faults.set({ latencyMs: 2 ** 31 - 1 });
    const sentAt = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    rows.push({
      exitMs: performance.now() - sentAt,
      code,
      last:
        output
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('error:'))
          .at(-1) ?? '',
    });
    mesh.api.faults.reset();
    await Promise.race([mesh.close(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
  console.log(
    `runs ${runs}, API server hung after the canary reached 30%, SIGINT to node bin/istio-canary.js`,
  );
  console.log('| run | SIGINT → process exited (ms) | exit code | last error line |');
  console.log('| --- | ---------------------------- | --------- | --------------- |');
  rows.forEach((r, i) =>
    console.log(`| ${i} | ${r.exitMs.toFixed(0)} | ${r.code} | ${r.last.slice(0, 100)} |`),
  );
  const ms = rows.map((r) => r.exitMs);
  console.log(`median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms to exit`);
}

(values['hung-api'] ? hungApi().then(() => process.exit(0)) : main()).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
