// The why of a failed step end to end: execute() (the engine of the action and the CLI)
// promotes the podinfo example on the embedded mesh with a canary that answers 20% of its
// requests with 500s; the built-in load and judge fail it at 10%. The one line that says why is
// the same in the log, the job summary markdown, the report JSON file and the state annotation,
// and its numbers are the step's own.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport, PromotionState } from '../src/model.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import type { ClusterConnection } from '../src/ports.js';
import { escapeMarkdown } from '../src/report/escape.js';
import { parseSettings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { WHY_MAX_CHARS } from '../src/metrics/why.js';

const EXAMPLE = path.join(import.meta.dirname, '..', 'examples', 'podinfo');
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];

let dir: string;
let mesh: Mesh;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'why-promotion-'));
  mesh = await startMesh({ readinessDelayMs: 20, seed: 16 });
});
afterAll(async () => {
  await mesh?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The podinfo example whose canary answers `rate` of its requests with a 500 (docs/sim.md). */
function failingPodinfo(rate: string): string {
  const d = path.join(dir, 'manifests');
  mkdirSync(d);
  for (const f of FILES) {
    let text = readFileSync(path.join(EXAMPLE, f), 'utf8');
    if (f === 'deployments.yaml') {
      const anchor = '        version: canary\n    spec:';
      expect(text).toContain(anchor);
      text = text.replace(
        anchor,
        `        version: canary\n      annotations:\n        sim.istio-canary.dev/error-rate: "${rate}"\n    spec:`,
      );
    }
    writeFileSync(path.join(d, f), text);
  }
  return path.join(d, '*.yaml');
}

it('a canary that fails its step: the same why in the log, the job summary, the report JSON and the state', async () => {
  const runnerTemp = path.join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  const inputs: Record<string, string> = {
    cluster: 'sim',
    namespace: 'test',
    manifests: failingPodinfo('20%'),
    interval: '5s',
    'load-rps': '200',
    'load-connections': '32',
    'min-requests': '20',
    // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
    // below what one run could notice.
    'false-rollback-rate': '0.01%',
    'max-error-rate': '1%',
    comment: 'never',
    'rollout-timeout': '20s',
    steps: '10,100',
    finalize: 'keep',
  };
  const parsed = parseSettings((name) => inputs[name] ?? '', { RUNNER_TEMP: runnerTemp });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const log: string[] = [];
  const outputs = new Map<string, string>();
  const summaries: string[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: (name, value) => void outputs.set(name, value),
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
  const connect = (): Promise<ClusterConnection> =>
    Promise.resolve({
      kubeconfig: mesh.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: mesh.ingressUrl,
      created: false,
      close: () => Promise.resolve(),
    });
  const { exitCode } = await execute(parsed.settings, io, new AbortController().signal, {
    connect,
    summary: { write: (md) => Promise.resolve(void summaries.push(md)) },
  });
  expect(exitCode, log.join('\n')).toBe(1);

  // The log: the measurement's line for the step ends with its why.
  const stepLine = log.find((l) => /^step 1 \(canary 10%\): fail after \d+ s; /.test(l));
  expect(stepLine, log.join('\n')).toBeDefined();
  const why = stepLine!.slice(stepLine!.indexOf(' — ') + 3);
  const m =
    /^fail: error-rate ([\d.]+)% \((\d+) errors in (\d+) canary requests, (?:loadgen|judge)[^)]*\) > max-error-rate 1%; it would pass with max-error-rate ≥ ([\d.]+)% or at most (\d+) errors in (\d+) requests/.exec(
      why,
    );
  expect(m, why).not.toBeNull();
  expect(why.length).toBeLessThanOrEqual(WHY_MAX_CHARS);

  // The report JSON file (the report-json output): the step's verdict carries the same why,
  // and the why's numbers are the step's counts.
  const jsonPath = outputs.get('report-json');
  expect(jsonPath).toBeTruthy();
  const report = JSON.parse(readFileSync(jsonPath!, 'utf8')) as PromotionReport;
  expect(report.status).toBe('rolled-back');
  const step = report.history.find((h) => h.step === 1 && h.verdict.outcome === 'fail');
  expect(step?.verdict.why).toBe(why);
  const canary = step!.verdict.canary!;
  expect([Number(m![2]), Number(m![3])]).toEqual([canary.errors, canary.requests]);
  expect(Math.abs(Number(m![1]) / 100 - canary.errors / canary.requests)).toBeLessThan(0.0001);
  expect(Number(m![5]) / canary.requests).toBeLessThanOrEqual(0.01);
  expect((Number(m![5]) + 1) / canary.requests).toBeGreaterThan(0.01);

  // The job summary: under the step and in the headline, escaped.
  const md = summaries.at(-1)!;
  const shown = escapeMarkdown(why, WHY_MAX_CHARS);
  expect(md).toContain(`**Step 1 at 10%, in one line:** ${shown}`);
  expect(md).toContain(`- Step 1 (10%): ${shown}`);

  // The state annotation keeps it with the step.
  const vs = mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo') as {
    metadata: { annotations: Record<string, string> };
  };
  const state = JSON.parse(vs.metadata.annotations[STATE_ANNOTATION]!) as PromotionState;
  expect(state.history.find((h) => h.step === 1)?.verdict.why).toBe(why);
});
