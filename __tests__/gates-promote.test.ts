// Command gates through the real runner (runPromotion) on the embedded mesh: a gate that fails
// before a weight increase rolls the promotion back before the weight rises, with its output's
// tail in the state, the report and its JSON; a passing gate sees the ISTIO_CANARY_* variables
// of its moment (and not the action's INPUT_* variables); a cancel during a long gate kills its
// whole process tree and rolls back; promote runs them once before its jump; rollback never
// runs them; the dry run names them and runs nothing. Every VirtualService the API server
// stores is watched, so "the weight never rose" is checked on every write, not only the last.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGates } from '../src/gates/spec.js';
import { renderReport } from '../src/report/markdown.js';
import { runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
import { dump } from 'js-yaml';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  newNamespace,
  settingsFor,
  startTestCluster,
  storedVs,
} from './support/promote-cluster.js';

let cluster: TestCluster;
let scratch: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 16 });
  scratch = await mkdtemp(path.join(tmpdir(), 'gates-promote-'));
});
afterAll(async () => {
  await cluster.close();
  await rm(scratch, { recursive: true, force: true });
});

const NODE = process.execPath;

/** The flask promotion (v1 stable, v2 canary, steps 20,50,100) with these gates. */
function flask(ns: string, gates: unknown[], inputs: Record<string, string> = {}): Settings {
  return settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      gates: dump(gates),
      ...inputs,
    },
    { runId: '1601' },
  );
}

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

/** Every canary (v2) weight the API server stored for the namespace's VirtualService, in order. */
function watchWeights(ns: string): { weights: number[]; stop: () => void } {
  const weights: number[] = [];
  const stop = cluster.api.onChange((e) => {
    if (
      e.key !== 'networking.istio.io/virtualservices' ||
      (e.object.metadata as { namespace?: string } | undefined)?.namespace !== ns
    )
      return;
    const spec = e.object.spec as {
      http?: { route?: { destination: { subset: string }; weight?: number }[] }[];
    };
    weights.push(spec.http?.[0]?.route?.find((r) => r.destination.subset === 'v2')?.weight ?? 0);
  });
  return { weights, stop };
}

/** A gate script: prints its output, then exits with the code for its next weight (default 0). */
const script = (codes: Record<number, number>) =>
  `const w = Number(process.env.ISTIO_CANARY_NEXT_WEIGHT);
   for (let i = 1; i <= 30; i++) console.log('acceptance line ' + i + ' at ' + w);
   const code = ${JSON.stringify(codes)}[w] ?? 0;
   if (code) console.error('FAILED: GET /api/cars returned 500 on the canary (next weight ' + w + ')');
   process.exit(code);`;

describe('command gates in a promotion', () => {
  it('a pre-step gate that fails before 50% rolls back from 20%: 50% is never written, the output tail is in the state, the report and its JSON', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const watch = watchWeights(ns);
    const metrics = new ScriptedMetrics({ script: ['pass', 'pass', 'pass'] });
    const logger = new RecordingLogger();
    const reporter = new RecordingReporter();
    const settings = flask(ns, [{ name: 'smoke', when: 'pre-step', run: [NODE, '-e', script({ 50: 3 })] }]);
    const report = await runPromotion(settings, deps(metrics, { logger, reporter }));
    watch.stop();

    expect(report.status).toBe('rolled-back');
    expect(Math.max(...watch.weights)).toBe(20);
    expect(watch.weights.at(-1)).toBe(0);
    expect(metrics.windows.map((w) => w.weight)).toEqual([20]); // no window at 50%
    const { state, weights } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(weights).toEqual({ v1: 100, v2: 0 });
    expect(state?.phase).toBe('rolled-back');
    expect(state?.reason).toMatch(
      /^step 2\/3 at 50% failed: gate smoke \(pre-step\) failed: exit code 3 after \S+; last output: acceptance line 22 at 50 ⏎ .* ⏎ FAILED: GET \/api\/cars returned 500 on the canary \(next weight 50\)$/,
    );
    const last = report.history.at(-1)!;
    expect(last).toMatchObject({ step: 2, weight: 50 });
    expect(last.verdict.outcome).toBe('fail');
    expect(last.verdict.reasons).toEqual([
      expect.objectContaining({ metric: 'gate:smoke', source: 'gate', ok: false, value: 3 }),
    ]);
    // The gate's verdict carries its one-line why, like a measured window's.
    expect(last.verdict.why).toMatch(/^fail: gate smoke .*3/);
    // The PR comment's "Why" line shows the tail too (its end: the line that says what failed).
    expect(renderReport(report)).toContain(
      'FAILED: GET /api/cars returned 500 on the canary (next weight 50)',
    );
    const json = JSON.stringify(reporter.finalReport);
    expect(json).toContain('FAILED: GET /api/cars returned 500 on the canary');
    expect(json).toContain('gate:smoke');
    // The output is in the log, one line per line, inside the gate's group title line.
    expect(logger.lines).toContainEqual(
      expect.stringMatching(/^info: gate smoke \(pre-step, before 50%\): smoke \(\S+ -e "const w = /),
    );
    expect(logger.lines).toContain('info:   > acceptance line 30 at 50');
    expect(logger.lines.filter((l) => l.startsWith('info:   > acceptance line'))).toHaveLength(30); // pre-step: before 50% only
  });

  it('a passing gate sees the ISTIO_CANARY_* variables of each weight increase, runs in the workspace, without INPUT_*', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const out = await mkdtemp(path.join(scratch, 'env-'));
    const record = `const fs = require('node:fs');
      const vars = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ISTIO_CANARY_') || k.startsWith('INPUT_')));
      fs.writeFileSync(process.argv[1] + '/' + process.env.ISTIO_CANARY_PHASE + '-' + process.env.ISTIO_CANARY_NEXT_WEIGHT + '.json', JSON.stringify({ vars, cwd: process.cwd() }));`;
    const settings = flask(ns, [
      { name: 'env', when: ['pre-rollout', 'pre-step'], run: [NODE, '-e', record, out] },
    ]);
    process.env.INPUT_GITHUB_TOKEN = 'ghp_not-for-gates-123456';
    let report;
    try {
      report = await runPromotion(
        { ...settings, loadHost: 'shop.example' },
        deps(new ScriptedMetrics({ script: [] }), { loadUrl: 'http://127.0.0.1:9/' }),
      );
    } finally {
      delete process.env.INPUT_GITHUB_TOKEN;
    }
    expect(report.status).toBe('promoted');
    expect((await readdir(out)).sort()).toEqual([
      'pre-rollout-20.json',
      'pre-step-100.json',
      'pre-step-50.json',
    ]);
    const seen = (f: string) =>
      JSON.parse(readFileSync(path.join(out, f), 'utf8')) as { vars: Record<string, string>; cwd: string };
    const first = seen('pre-rollout-20.json');
    expect(first.cwd).toBe(PROMOTE_FIXTURES);
    expect(Object.keys(first.vars).filter((k) => k.startsWith('INPUT_'))).toEqual([]);
    expect(first.vars).toMatchObject({
      ISTIO_CANARY_GATE: 'env',
      ISTIO_CANARY_PHASE: 'pre-rollout',
      ISTIO_CANARY_COMMAND: 'run',
      ISTIO_CANARY_NAMESPACE: ns,
      ISTIO_CANARY_VIRTUAL_SERVICE: 'smartcarapp',
      ISTIO_CANARY_ROUTE: '0',
      ISTIO_CANARY_STABLE_SUBSET: 'v1',
      ISTIO_CANARY_CANARY_SUBSET: 'v2',
      ISTIO_CANARY_STABLE_WORKLOAD: 'smartcarapp-v1',
      ISTIO_CANARY_CANARY_WORKLOAD: 'smartcarapp-v2',
      ISTIO_CANARY_CANARY_IMAGE: 'example/smartcarapp:2.1',
      ISTIO_CANARY_WEIGHT: '0',
      ISTIO_CANARY_NEXT_WEIGHT: '20',
      ISTIO_CANARY_STEP: '1',
      ISTIO_CANARY_STEPS: '20,50,100',
      ISTIO_CANARY_LOAD_URL: 'http://127.0.0.1:9/',
      ISTIO_CANARY_LOAD_HOST: 'shop.example',
    });
    expect(first.vars.ISTIO_CANARY_RUN_ID).toMatch(/^acme\/shop\/1601\//);
    expect(seen('pre-step-50.json').vars).toMatchObject({
      ISTIO_CANARY_WEIGHT: '20',
      ISTIO_CANARY_STEP: '2',
    });
    expect(seen('pre-step-100.json').vars).toMatchObject({
      ISTIO_CANARY_WEIGHT: '50',
      ISTIO_CANARY_STEP: '3',
    });
  });

  it('a gate that cannot start (no such program) fails the step naming the program', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const settings = flask(ns, [
      { name: 'missing', when: 'pre-rollout', run: ['./no-such-tool', '--check'] },
    ]);
    const metrics = new ScriptedMetrics({ script: [] });
    const report = await runPromotion(settings, deps(metrics));
    expect(report.status).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^step 1\/3 at 20% failed: gate missing \(pre-rollout\) could not start \.\/no-such-tool: .*ENOENT/,
    );
    expect(metrics.windows).toHaveLength(0);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
  });

  it('with on-failure: hold, a failing gate holds at the weight written (never the next one)', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const watch = watchWeights(ns);
    const settings = flask(ns, [{ name: 'smoke', when: 'pre-step', run: [NODE, '-e', script({ 50: 1 })] }], {
      'on-failure': 'hold',
    });
    const report = await runPromotion(settings, deps(new ScriptedMetrics({ script: [] })));
    watch.stop();
    expect(report.status).toBe('held');
    expect(Math.max(...watch.weights)).toBe(20);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
    expect(report.reason).toContain('gate smoke (pre-step) failed: exit code 1');
  });

  it('a cancel during a long gate kills the gate and what it started at once, then rolls back', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const pids = path.join(scratch, `pids-${ns}.json`);
    // The gate starts a grandchild in its process group, records both pids, says so, and waits forever.
    const long = `const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pids)}, JSON.stringify([process.pid, child.pid]));
      console.log('acceptance tests running');
      setInterval(() => {}, 1000);`;
    const controller = new AbortController();
    const logger = new RecordingLogger();
    const info = logger.info.bind(logger);
    logger.info = (m: string) => {
      info(m);
      if (m.includes('acceptance tests running')) controller.abort(new Error('SIGINT'));
    };
    const settings = flask(ns, [{ name: 'long', when: 'pre-step', run: [NODE, '-e', long] }]);
    const report = await runPromotion(
      settings,
      deps(new ScriptedMetrics({ script: [] }), { logger, signal: controller.signal }),
    );
    expect(report.status).toBe('rolled-back');
    expect(report.reason).toBe('cancelled (SIGINT) at 20% canary');
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
    const [gate, grandchild] = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    for (const pid of [gate!, grandchild!]) expect(alive(pid), `pid ${pid}`).toBe(false);
  });

  it('promote runs the gates once before its jump to 100%; a failure rolls back and 100% is never written', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const held = await runPromotion(
      flask(ns, [], { steps: '20' }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(held.status).toBe('held');
    const watch = watchWeights(ns);
    const settings = flask(ns, [{ name: 'smoke', when: 'pre-step', run: [NODE, '-e', script({ 100: 4 })] }], {
      command: 'promote',
      steps: '20',
    });
    const report = await runPromotion(settings, deps(new ScriptedMetrics({ script: [] })));
    watch.stop();
    expect(report.status).toBe('rolled-back');
    expect(watch.weights).toEqual([0]); // straight back to 0 from 20, never 100
    expect(report.reason).toMatch(/^step 1\/1 at 100% failed: gate smoke \(pre-step\) failed: exit code 4/);
  });

  it('rollback never runs a gate; the dry run names the gates of each increase and runs none', async () => {
    const ns = await newNamespace(cluster, 'gates');
    const marker = path.join(scratch, `ran-${ns}`);
    const touch = [
      NODE,
      '-e',
      `require('node:fs').appendFileSync(${JSON.stringify(marker)}, process.env.ISTIO_CANARY_PHASE + '\\n')`,
    ];
    const gates = [
      { name: 'first', when: 'pre-rollout', run: touch },
      { name: 'each', when: 'pre-step', run: touch },
    ];
    const logger = new RecordingLogger();
    await runPromotion(
      flask(ns, gates, { 'dry-run': 'true' }),
      deps(new ScriptedMetrics({ script: [] }), { logger }),
    );
    expect(existsSync(marker)).toBe(false);
    const planned = logger.lines.filter((l) => l.includes('would run gate'));
    expect(planned).toEqual([
      expect.stringMatching(/^info: \[dry-run\] would run gate first \(.*\) \(pre-rollout\) before 20%/),
      expect.stringMatching(/^info: \[dry-run\] would run gate each \(.*\) \(pre-step\) before 50%/),
      expect.stringMatching(/^info: \[dry-run\] would run gate each \(.*\) \(pre-step\) before 100%/),
    ]);
    // A promotion held at 20% (gates ran once, before 20%), then rolled back: no gate more.
    await runPromotion(flask(ns, gates, { steps: '20' }), deps(new ScriptedMetrics({ script: [] })));
    expect(readFileSync(marker, 'utf8')).toBe('pre-rollout\n');
    const rolled = await runPromotion(
      flask(ns, gates, { command: 'rollback', steps: '20' }),
      deps(new ScriptedMetrics({ script: [] })),
    );
    expect(rolled.status).toBe('rolled-back');
    expect(readFileSync(marker, 'utf8')).toBe('pre-rollout\n');
  });

  it('the gates input as the action reads it reaches the settings', () => {
    const s = flask('x', [{ name: 'smoke', when: 'pre-rollout', run: ['npm', 'test'] }]);
    expect(s.gates).toEqual(parseGates('- {name: smoke, when: pre-rollout, run: [npm, test]}'));
  });
});

/** Whether a process exists and is not a zombie (a killed child its new parent has not reaped yet). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
