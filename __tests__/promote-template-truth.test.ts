// The state tells the truth about the canary's pod template (issue 12, red team 2 and 3): the
// hash compared with the state is the live template's, as the server stores it after the
// apply (fields another field manager owns survive a server-side apply); the canary's image
// changes only after its traffic went to 0% and the state named the new image (write-ahead),
// so a kill at any moment leaves a state that says what runs; `status` says when the live
// template is not the recorded one; an error is printed once. runPromotion against the
// embedded mesh, the writes read back from its store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kube, KubeObject } from '../src/kube/client.js';
import { podTemplateHash, runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
import {
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
beforeAll(async () => ({ cluster, dir } = await startFlaskCluster(212, 'template-truth-')));
afterAll(() => stopFlaskCluster({ cluster, dir }));

const namespace = (): Promise<string> => newNamespace(cluster, 'truth');

const flask = (ns: string, inputs: Record<string, string> = {}): Settings =>
  settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      ...inputs,
    },
    { runId: '7001', intervalMs: 100 },
  );

/** Verdicts, and the weight of every window measured. */
class Windows extends ScriptedMetrics {
  constructor() {
    super({ script: ['pass', 'pass', 'pass'] });
  }
  get weights(): number[] {
    return this.windows.map((w) => w.weight);
  }
}

const deps = (over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics: new Windows(),
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: dir,
  lease: { durationMs: 3000, waitMs: 500 },
  ...over,
});

const deploymentPath = (ns: string, name: string, manager: string) =>
  `/apis/apps/v1/namespaces/${ns}/deployments/${name}?fieldManager=${manager}`;

/** `kubectl patch --type merge` as its own field manager. */
async function mergePatch(ns: string, name: string, patch: unknown): Promise<void> {
  await cluster.kube.request('PATCH', deploymentPath(ns, name, 'kubectl-patch'), patch, {
    contentType: 'application/merge-patch+json',
  });
}

/** `kubectl set env`: the whole object written back by another field manager, one env var added. */
async function setEnv(ns: string, name: string, env: { name: string; value: string }): Promise<void> {
  const live = (await cluster.kube.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns }))!;
  const spec = live.spec as { template: { spec: { containers: { env?: unknown[] }[] } } };
  spec.template.spec.containers[0]!.env = [...(spec.template.spec.containers[0]!.env ?? []), env];
  delete (live.metadata as Record<string, unknown>).managedFields;
  await cluster.kube.request('PUT', deploymentPath(ns, name, 'kubectl-set'), live);
}

const liveTemplateHash = (ns: string) =>
  podTemplateHash(
    (cluster.api.object('apps', 'deployments', ns, 'smartcarapp-v2') as { spec: { template: unknown } }).spec
      .template,
  );

describe('the hash compared with the state is the live template after the apply (12, red team 2)', () => {
  for (const [what, change] of [
    [
      'an annotation patched by kubectl',
      (ns: string) =>
        mergePatch(ns, 'smartcarapp-v2', { spec: { template: { metadata: { annotations: { x: 'y' } } } } }),
    ],
    [
      'an env var set by kubectl set env',
      (ns: string) => setEnv(ns, 'smartcarapp-v2', { name: 'X', value: 'y' }),
    ],
  ] as const)
    it(`${what} between two steps, the second with --manifests: a new promotion from the first step`, async () => {
      const ns = await namespace();
      await runPromotion(flask(ns, { command: 'step' }), deps());
      expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({ phase: 'held', weight: 20 });
      await change(ns);
      const metrics = new Windows();
      await runPromotion(flask(ns, { command: 'step' }), deps({ metrics }));
      const { state } = storedVs(cluster.api, ns, 'smartcarapp');
      expect(metrics.weights).toEqual([20]);
      expect(state).toMatchObject({ phase: 'held', weight: 20, step: 1, templateHash: liveTemplateHash(ns) });
      expect(state?.history.map((h) => h.weight)).toEqual([20]);
      expect(state?.events?.[0]?.message).toMatch(
        /^new promotion from the first step: the canary pod template changed/,
      );
      // The next step continues: the recorded hash is the live template's.
      const next = new Windows();
      await runPromotion(flask(ns, { command: 'step' }), deps({ metrics: next }));
      expect(next.weights).toEqual([50]);
    });
});

/** The Kube, with `onCanaryWrite` called as soon as a write of the canary Deployment is answered. */
function observed(onCanaryWrite: () => void): Kube {
  const kube = cluster.kube;
  const after =
    <A extends unknown[]>(f: (...a: A) => Promise<KubeObject>) =>
    async (...a: A) => {
      const out = await f(...a);
      if (out.kind === 'Deployment' && out.metadata?.name === 'smartcarapp-v2') onCanaryWrite();
      return out;
    };
  return new Proxy(kube, {
    get(target, p) {
      if (p === 'replace') return after(target.replace.bind(target));
      if (p === 'apply')
        return async (o: KubeObject, opts?: { dryRun?: boolean }) =>
          opts?.dryRun ? target.apply(o, opts) : after(target.apply.bind(target))(o, opts);
      if (p === 'patch') return after(target.patch.bind(target));
      const v: unknown = Reflect.get(target, p, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('write-ahead: the canary carries no traffic while its image changes (12, red team 3)', () => {
  it('promote --canary-image on a promotion held at 20%: when the canary changes, the state already names the new image at 0%', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps());
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 80, v2: 20 });
    // What a kill -9 right after the canary's image changed would leave behind.
    const seen: ReturnType<typeof storedVs>[] = [];
    const kube = observed(() => seen.push(storedVs(cluster.api, ns, 'smartcarapp')));
    const report = await runPromotion(
      flask(ns, { command: 'promote', manifests: '', 'canary-image': 'example/smartcarapp:2.2' }),
      deps({ kube }),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]!.weights).toEqual({ v1: 100, v2: 0 });
    expect(seen[0]!.state).toMatchObject({
      phase: 'in-progress',
      weight: 0,
      canaryImage: 'example/smartcarapp:2.2',
    });
    expect(seen[0]!.state?.events?.[0]?.message).toMatch(
      /promote sets example\/smartcarapp:2\.2 on the canary/,
    );
    expect(report.status).toBe('promoted');
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({
      canaryImage: 'example/smartcarapp:2.2',
    });
  });

  it('status says plainly when the live canary template is not the recorded one (a `kubectl set image` at 20%)', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps());
    await mergePatch(ns, 'smartcarapp-v2', {
      spec: {
        template: { spec: { containers: [{ name: 'smartcarapp', image: 'example/smartcarapp:9.9' }] } },
      },
    });
    const logger = new RecordingLogger();
    const report = await runPromotion(flask(ns, { command: 'status', manifests: '' }), deps({ logger }));
    const expected = new RegExp(
      `^the canary Deployment ${ns}/smartcarapp-v2 does not run the pod template this promotion recorded \\(recorded: example/smartcarapp:2\\.1, template hash [0-9a-f]{16}; live: example/smartcarapp:9\\.9, template hash [0-9a-f]{16}\\), and it receives 20% of the traffic: that traffic goes to a template no step judged`,
    );
    expect(report.notices?.some((n) => expected.test(n))).toBe(true);
    expect(logger.lines.some((l) => l.startsWith('warning: ') && expected.test(l.slice(9)))).toBe(true);
  });

  it('status is quiet when the live canary template is the recorded one', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps());
    const report = await runPromotion(flask(ns, { command: 'status', manifests: '' }), deps());
    expect(report.notices ?? []).toEqual([]);
  });
});

describe('an error is printed once (12, red team 4)', () => {
  it('a hand edit of the weights between two steps: the error carries the message, the log does not repeat it', async () => {
    const ns = await namespace();
    await runPromotion(flask(ns, { command: 'step' }), deps());
    const ref = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      name: 'smartcarapp',
      namespace: ns,
    };
    const vs = (await cluster.kube.get(ref))!;
    const route = (vs.spec as { http: { route: { weight: number }[] }[] }).http[0]!.route;
    route[0]!.weight = 100;
    route[1]!.weight = 0;
    delete (vs.metadata as Record<string, unknown>).managedFields;
    await cluster.kube.request(
      'PUT',
      `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/smartcarapp?fieldManager=kubectl-edit`,
      vs,
    );
    const logger = new RecordingLogger();
    const err = await runPromotion(flask(ns, { command: 'step' }), deps({ logger })).then(
      () => new Error('expected the step to fail'),
      (e: unknown) => e as Error,
    );
    expect(err.message).toMatch(/were changed outside this promotion/);
    expect(logger.lines.filter((l) => l.includes('were changed outside this promotion'))).toEqual([]);
  });
});
