// The rules by which a run starts from the stored state (issue 12's open "changes the state
// does not catch", the dry-run plans and the retry after a failed probe): a changed pod
// template restarts (or is refused by promote), a changed schedule says what it skips, a failed
// `promote --canary-image` rolls back, a promotion kept at 100% is finished before a new one,
// canary traffic nobody recorded is refused or probed, a rolled-back promotion that judged
// nothing is retried, and a dry run prints what the command would do. Every case runs
// runPromotion against the embedded mesh and reads the end state and the request log back.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepWindow } from '../src/model.js';
import { PREVIOUS_TEMPLATE_ANNOTATION, runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics, type ScriptedMetricsOptions } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
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
beforeAll(async () => ({ cluster, dir } = await startFlaskCluster(43, 'state-rules-')));
afterAll(() => stopFlaskCluster({ cluster, dir }));

const namespace = (): Promise<string> => newNamespace(cluster, 'rules');

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

const flask = (ns: string, inputs: Record<string, string> = {}): Settings =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      ...inputs,
    },
    { runId: '6001', intervalMs: 100 },
  );

/**
 * Scripted verdicts plus a Prometheus prober (the probe's third check), so that the order of
 * probes and windows can be read back; `probeFails` makes every probe fail.
 */
class ProbedMetrics extends ScriptedMetrics {
  readonly trail: string[] = [];
  probeFails = false;
  readonly probers = {
    prometheus: {
      url: 'http://prometheus.test:9090',
      workloadQuery: (namespace: string, workload: string) => `requests{${namespace}/${workload}}`,
      series: () => {
        this.trail.push('probe');
        return this.probeFails
          ? Promise.reject(new Error('HTTP 503 Service Unavailable'))
          : Promise.resolve(1);
      },
    },
  };
  constructor(options: ScriptedMetricsOptions) {
    super({
      ...options,
      onWindow: (w: StepWindow) => {
        this.trail.push(`window ${w.weight}`);
        options.onWindow?.(w);
      },
    });
  }
}

const metrics = (script: ScriptedMetricsOptions['script'] = []) => new ProbedMetrics({ script });

const deps = (m: ScriptedMetrics, over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics: m,
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: dir,
  lease: { durationMs: 3000, waitMs: 500 },
  ...over,
});

type Deployment = {
  metadata: { annotations?: Record<string, string> };
  spec: {
    replicas: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: { name: string; image: string; env?: { name: string; value: string }[] }[] };
    };
  };
};
const deployment = (ns: string, name: string) =>
  cluster.api.object('apps', 'deployments', ns, name) as Deployment | undefined;

/** Replaces a live Deployment after `change`, as `kubectl edit` would. */
async function editDeployment(ns: string, name: string, change: (d: Deployment) => void): Promise<void> {
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns };
  const live = (await cluster.kube.get(ref))!;
  change(live as unknown as Deployment);
  delete (live.metadata as Record<string, unknown>).managedFields;
  await cluster.kube.replace(live);
}

const writesIn = (ns: string) => cluster.writes().filter((w) => w.namespace === ns);
const vsWritesIn = (ns: string) => cluster.writes('virtualservices').filter((w) => w.namespace === ns);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the command to fail');
    },
    (e: unknown) => e as Error,
  );

describe('the whole canary pod template is the promotion (12.3)', () => {
  it('a changed pod-template annotation while held restarts from the first step', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({ phase: 'held', weight: 50 });
    const manifests = await variant('annotated', [
      [
        '      labels:\n        app: smartcarapp\n        version: v2\n',
        '      labels:\n        app: smartcarapp\n        version: v2\n      annotations:\n        sidecar.istio.io/proxyCPU: 500m\n',
      ],
    ]);
    const m = metrics(['pass']);
    await runPromotion(flask(ns, { command: 'step', manifests }), deps(m));
    const { state } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(m.trail.filter((t) => t.startsWith('window'))).toEqual(['window 20']);
    expect(state).toMatchObject({ phase: 'held', weight: 20, step: 1 });
    expect(state?.history.map((h) => h.weight)).toEqual([20]);
    expect(state?.events?.[0]?.message).toMatch(
      /^new promotion from the first step: the canary pod template changed/,
    );
  });

  it('a `kubectl rollout restart` (restartedAt) of the held canary is the same promotion', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    await editDeployment(ns, 'smartcarapp-v2', (d) => {
      d.spec.template.metadata.annotations = {
        'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z',
      };
    });
    const m = metrics(['pass']);
    await runPromotion(flask(ns, { command: 'step', manifests: '' }), deps(m));
    expect(m.trail.filter((t) => t.startsWith('window'))).toEqual(['window 50']);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'held',
      weight: 50,
      step: 2,
    });
  });

  it('promote on a held canary whose live template changed (new env) is a named error with nothing written', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    await editDeployment(ns, 'smartcarapp-v2', (d) => {
      d.spec.template.spec.containers[0]!.env = [{ name: 'FEATURE', value: 'on' }];
    });
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(flask(ns, { command: 'promote', manifests: '', 'canary-image': '' }), deps(metrics())),
    );
    expect(err.message).toMatch(
      new RegExp(
        `^promote: the canary pod template of ${ns}/smartcarapp-v2 changed since this promotion judged it \\(hash [0-9a-f]{16} → [0-9a-f]{16}\\), so promote would send 100% to a template no step measured\\. Nothing was written\\.`,
      ),
    );
    expect(writesIn(ns).filter((w) => w.resource !== 'leases')).toEqual([]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
  });
});

describe('a changed schedule is said, never silently skipped (12 open 4)', () => {
  it('held at 50% of 20,50,100, `step` with 10,30,100 goes to 100% and names 10% and 30% as not measured', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    const logger = new RecordingLogger();
    const m = metrics(['pass']);
    await runPromotion(
      flask(ns, { command: 'step', steps: '10,30,100', finalize: 'keep' }),
      deps(m, { logger }),
    );
    const expected =
      'steps changed from 20,50,100 to 10,30,100 at 50% canary: the new steps apply from 100%; 10%, 30% are at or below the current weight and will not be measured';
    expect(logger.lines).toContain(`warning: ${expected}`);
    expect(m.trail.filter((t) => t.startsWith('window'))).toEqual(['window 100']);
    const { state } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(state?.events?.map((e) => e.message)).toContain(expected);
    expect(state?.steps).toEqual([10, 30, 100]);
  });

  it('held at 20% of 20,50,100, `step` with 30,40,100 measures 30% next and says the schedule changed', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    const logger = new RecordingLogger();
    const m = metrics(['pass']);
    await runPromotion(flask(ns, { command: 'step', steps: '30,40,100' }), deps(m, { logger }));
    expect(logger.lines).toContain(
      'warning: steps changed from 20,50,100 to 30,40,100 at 20% canary: the new steps apply from 30%',
    );
    expect(m.trail.filter((t) => t.startsWith('window'))).toEqual(['window 30']);
  });
});

describe('a failed `promote --canary-image` rolls back (12 open 4)', () => {
  it('the new image never becomes available: traffic back to stable, the state says why, the run fails', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
    const settings = {
      ...flask(ns, { command: 'promote', manifests: '', 'canary-image': 'example/smartcarapp:crashloop' }),
      rolloutTimeoutMs: 800,
    };
    const report = await runPromotion(settings, deps(metrics()));
    expect(report.status).toBe('rolled-back');
    expect(report.failure).toMatch(
      new RegExp(
        `^promote: the canary Deployment ${ns}/smartcarapp-v2 did not roll out example/smartcarapp:crashloop: .*; traffic back to stable$`,
      ),
    );
    const { state, weights } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(weights).toEqual({ v1: 100, v2: 0 });
    expect(state).toMatchObject({
      phase: 'rolled-back',
      weight: 0,
      canaryImage: 'example/smartcarapp:crashloop',
    });
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:1.0',
    );
  });
});

describe('after finalize: keep (12 open 4)', () => {
  it('a new promotion is refused (nothing written) until `promote` with promote-stable finishes the kept one', async () => {
    const ns = await namespace();
    const kept = await runPromotion(flask(ns, { finalize: 'keep' }), deps(metrics()));
    expect(kept.status).toBe('promoted');
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 0, v2: 100 });

    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(
        flask(ns, { command: 'step', 'canary-image': 'example/smartcarapp:3.0' }),
        deps(metrics()),
      ),
    );
    expect(err.message).toBe(
      `the last promotion on ${ns}/smartcarapp (example/smartcarapp:2.1) ended with finalize: keep, so 100% is on the canary subset v2 and the stable Deployment smartcarapp-v1 still runs the version before it; a new promotion would send 100% back to that older stable. Nothing was written. Run \`promote\` with finalize: promote-stable first (stable takes the canary's pod template, then the traffic returns to it), then start the new promotion`,
    );
    expect(writesIn(ns).filter((w) => w.resource !== 'leases')).toEqual([]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 0, v2: 100 });

    const finished = await runPromotion(flask(ns, { command: 'promote', manifests: '' }), deps(metrics()));
    expect(finished.status).toBe('promoted');
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.1',
    );
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });

    const m = metrics(['pass']);
    const next = await runPromotion(
      flask(ns, { command: 'step', 'canary-image': 'example/smartcarapp:3.0' }),
      deps(m),
    );
    expect(next.status).toBe('held');
    expect(m.trail).toEqual(['probe', 'window 20']);
  });
});

describe('canary traffic with no recorded promotion (12 open 4)', () => {
  async function handSetRoute(ns: string): Promise<void> {
    // The flask manifests applied by hand, then the VirtualService edited to send 30% to v2, no state annotation.
    const text = await readFile(path.join(PROMOTE_FIXTURES, 'flask', 'canary-deployment.yml'), 'utf8');
    const { loadAll } = await import('js-yaml');
    for (const doc of loadAll(text) as Record<string, { name?: string; namespace?: string }>[])
      await cluster.kube.apply(
        { ...doc, metadata: { ...doc.metadata, namespace: ns } },
        {
          force: true,
        },
      );
    // …then the weights edited by hand (field manager kubectl-edit), as a person would.
    const ref = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      name: 'smartcarapp',
      namespace: ns,
    };
    const vs = (await cluster.kube.get(ref))!;
    delete (vs.metadata as Record<string, unknown>).managedFields;
    const spec = vs.spec as { http: { route: { destination: { subset: string }; weight: number }[] }[] };
    for (const r of spec.http[0]!.route) r.weight = r.destination.subset === 'v2' ? 30 : 70;
    const res = await fetch(
      `${cluster.mesh.apiUrl}/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/smartcarapp?fieldManager=kubectl-edit`,
      { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(vs) },
    );
    expect(res.status).toBe(200);
    await cluster.kube.waitFor(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'smartcarapp-v2', namespace: ns },
      (o) => (o?.status as { availableReplicas?: number } | undefined)?.availableReplicas === 1,
      { timeoutMs: 10_000 },
    );
  }

  it('without take-over: a named error with the live weights, nothing written', async () => {
    const ns = await namespace();
    await handSetRoute(ns);
    cluster.api.clearRequests();
    const m = metrics(['pass']);
    const err = await failure(
      runPromotion(flask(ns, { command: 'step', manifests: '', 'canary-image': '' }), deps(m)),
    );
    expect(err.message).toMatch(
      new RegExp(
        `^${ns}/smartcarapp sends 30% to the canary subset v2 \\(stable 70%\\) but no promotion is recorded on it \\(no istio-canary\\.dev/state annotation\\); last other writer: kubectl-edit \\(Update at .*\\)\\. Nothing was written\\. To continue from the live weights \\(the measurement is probed before the first window\\), run again with take-over: true`,
      ),
    );
    expect(m.trail).toEqual([]);
    expect(writesIn(ns).filter((w) => w.resource !== 'leases')).toEqual([]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toBeNull();
  });

  it('with take-over: the probe runs before the first window at the live weight, and a failing probe moves nothing up', async () => {
    const ns = await namespace();
    await handSetRoute(ns);
    const m = metrics(['pass']);
    const report = await runPromotion(
      flask(ns, { command: 'step', manifests: '', 'canary-image': '', 'take-over': 'true' }),
      deps(m),
    );
    expect(m.trail).toEqual(['probe', 'window 30']);
    expect(report.status).toBe('held');
    const { state } = storedVs(cluster.api, ns, 'smartcarapp');
    expect(state?.events?.[0]?.message).toMatch(/^take-over: .* sends 30% to the canary subset v2/);

    const ns2 = await namespace();
    await handSetRoute(ns2);
    const failing = metrics(['pass']);
    failing.probeFails = true;
    const rec: number[] = [];
    const off = cluster.api.onChange((e) => {
      if (e.key === 'networking.istio.io/virtualservices' && e.namespace === ns2)
        rec.push(storedVs(cluster.api, ns2, 'smartcarapp').weights.v2 ?? -1);
    });
    const bad = await runPromotion(
      flask(ns2, { command: 'step', manifests: '', 'canary-image': '', 'take-over': 'true' }),
      deps(failing),
    );
    off();
    expect(failing.trail).toEqual(['probe']);
    expect(bad.failure).toMatch(
      /^before the first window \(nothing moved; the canary has 30%\): Prometheus at http:\/\/prometheus\.test:9090 did not answer a query: .*503/,
    );
    expect(rec.every((w) => w <= 30)).toBe(true);
  });
});

describe('a rerun after a rollback (12 open 6)', () => {
  it('a probe failure rolled back before any step: the same image is tried again by the next run', async () => {
    const ns = await namespace();
    const failing = metrics();
    failing.probeFails = true;
    const first = await runPromotion(flask(ns, { command: 'step' }), deps(failing));
    expect(first.status).toBe('rolled-back');
    expect(first.history).toEqual([]);
    const m = metrics(['pass']);
    const logger = new RecordingLogger();
    const again = await runPromotion(flask(ns, { command: 'step' }), deps(m, { logger }));
    expect(again.status).toBe('held');
    expect(m.trail).toEqual(['probe', 'window 20']);
    expect(again.events?.[0]?.message).toMatch(
      /^new promotion from the first step: the previous attempt of example\/smartcarapp:2\.1 was rolled back before any step was judged \(before any traffic moved: Prometheus .*\); trying again/,
    );
  });

  it('a canary judged and rolled back is not re-promoted by a rerun; the message says how to judge it again', async () => {
    const ns = await namespace();
    const first = await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['fail'])));
    expect(first.status).toBe('rolled-back');
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    const m = metrics(['pass']);
    const again = await runPromotion(flask(ns, { command: 'step' }), deps(m, { logger }));
    expect(again.status).toBe('rolled-back');
    expect(m.trail).toEqual([]);
    expect(vsWritesIn(ns)).toEqual([]);
    expect(
      logger.lines.some((l) =>
        l.includes(
          `example/smartcarapp:2.1 was judged and rolled back, so a rerun does not promote it again. A new promotion starts with a new canary-image; to judge the same image again, remove the recorded state first: kubectl annotate virtualservice -n ${ns} smartcarapp istio-canary.dev/state-`,
        ),
      ),
    ).toBe(true);
  });
});

describe('dry runs print what the command would do (12 open 5)', () => {
  const dryLines = (logger: RecordingLogger) =>
    logger.lines.filter((l) => l.startsWith('info: [dry-run]') && !l.includes('accepted all'));

  it('rollback --dry-run: one write to 0%, the recorded steps kept; nothing written', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step', steps: '20,60' }), deps(metrics(['pass'])));
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    const report = await runPromotion(
      flask(ns, { command: 'rollback', 'dry-run': 'true', steps: '' }),
      deps(metrics(), { logger }),
    );
    expect(dryLines(logger)).toEqual([
      'info: [dry-run] would set smartcarapp: canary 0% / stable 100% (rolled-back)',
      expect.stringMatching(
        /^info: \[dry-run\] then: rolled back: rollback requested by acme\/shop\/6001\/1\/-\/[0-9a-f]{8}$/,
      ),
    ]);
    expect(report.steps).toEqual([20, 60]);
    expect(writesIn(ns).filter((w) => w.resource !== 'leases')).toEqual([]);
  });

  it('step --dry-run with a new image: the restart at 0%, then step 1 — not the remaining steps', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps(metrics(['pass'])));
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    await runPromotion(
      flask(ns, { command: 'step', 'dry-run': 'true', 'canary-image': 'example/smartcarapp:3.0' }),
      deps(metrics(), { logger }),
    );
    expect(dryLines(logger)).toEqual([
      expect.stringMatching(
        /^info: \[dry-run\] would start a new promotion of example\/smartcarapp:3\.0 from the first step: the canary image changed from example\/smartcarapp:2\.1 to example\/smartcarapp:3\.0; canary to 0% first/,
      ),
      "info: [dry-run] would send 50ms of load to stable alone before the canary's first traffic",
      'info: [dry-run] would set smartcarapp: canary 20% / stable 80%, then measure 100 ms',
      'info: [dry-run] would set smartcarapp: canary 20% / stable 80% (held)',
      'info: [dry-run] then: step 1/3 passed at 20%; run `step` again for 50%',
    ]);
    expect(writesIn(ns).filter((w) => w.resource !== 'leases')).toEqual([]);
  });
});

describe('small state rules (12 open 7)', () => {
  it('rollback keeps the recorded steps, not its own defaults', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step', steps: '20,60' }), deps(metrics(['pass'])));
    const report = await runPromotion(flask(ns, { command: 'rollback', steps: '' }), deps(metrics()));
    expect(report.steps).toEqual([20, 60]);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      phase: 'rolled-back',
      steps: [20, 60],
    });
  });

  it('the previous-template annotation is gone from stable once the promotion is promoted', async () => {
    const ns = await namespace();
    const report = await runPromotion(flask(ns), deps(metrics()));
    expect(report.status).toBe('promoted');
    expect(
      deployment(ns, 'smartcarapp-v1')?.metadata.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION],
    ).toBeUndefined();
    expect(deployment(ns, 'smartcarapp-v1')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.1',
    );
  });
});

describe('a preview dry run (12 open 5)', () => {
  it('plans into the pr-<n> namespace the real run would create, writing nothing', async () => {
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    const settings = settingsFor(
      {
        manifests: 'flask/canary-deployment.yml',
        preview: 'true',
        'pr-number': '7',
        'dry-run': 'true',
        steps: '20,100',
        'canary-image': 'example/smartcarapp:2.1',
      },
      { intervalMs: 100 },
    );
    const report = await runPromotion(settings, deps(metrics(), { logger }));
    expect(report.namespace).toBe('pr-7');
    expect(logger.lines.filter((l) => l.startsWith('info: [dry-run]'))).toEqual([
      'info: [dry-run] the API server accepted all 6 documents (server-side dry run)',
      "info: [dry-run] would send 50ms of load to stable alone before the canary's first traffic",
      'info: [dry-run] would set smartcarapp: canary 20% / stable 80%, then measure 100 ms',
      'info: [dry-run] would set smartcarapp: canary 100% / stable 0%, then measure 100 ms',
      'info: [dry-run] would set smartcarapp: canary 100% / stable 0% (finalizing)',
      "info: [dry-run] would give the stable Deployment smartcarapp-v1 the canary's pod template and wait for it",
      'info: [dry-run] would set smartcarapp: canary 0% / stable 100% (finalizing)',
      'info: [dry-run] would scale the canary Deployment smartcarapp-v2 to 0',
      'info: [dry-run] would set smartcarapp: canary 0% / stable 100% (promoted)',
      'info: [dry-run] then: promoted: the stable Deployment runs the canary pod template and takes 100% again; canary scaled to 0',
    ]);
    expect(cluster.writes()).toEqual([]);
    expect(await cluster.kube.get({ apiVersion: 'v1', kind: 'Namespace', name: 'pr-7' })).toBeNull();
  });
});
