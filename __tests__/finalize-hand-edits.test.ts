// Issue 12 ("Safe to point at production"), red-team classes B, C and D2, through runPromotion on
// the embedded mesh: a person's edit of the stable Deployment between promote-stable and the
// route flip keeps the traffic on the canary (B); the canary is not scaled down while another
// route still sends it traffic (C); a paused Deployment is refused before any write, and the
// mesh rolls out nothing for a paused Deployment, as Kubernetes does (D2).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIOUS_TEMPLATE_ANNOTATION, runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
import type { KubeObject } from '../src/kube/client.js';
import { KubeApiError } from '../src/kube/errors.js';
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
beforeAll(async () => {
  ({ cluster, dir } = await startFlaskCluster(61, 'finalize-edits-'));
  await variant('start', []);
});
afterAll(() => stopFlaskCluster({ cluster, dir }));

const namespace = (): Promise<string> => newNamespace(cluster, 'fin-edit');

/** A variant of the flask manifests (some text replaced), in the test's folder. */
async function variant(name: string, replace: [string, string][]): Promise<string> {
  let text = await readFile(path.join(PROMOTE_FIXTURES, 'flask', 'canary-deployment.yml'), 'utf8');
  // A new promotion starts with all traffic on stable.
  text = text.replace('weight: 80', 'weight: 100').replace('weight: 20', 'weight: 0');
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
      manifests: 'flask/start.yml',
      namespace: ns,
      steps: '50,100',
      'canary-image': 'example/smartcarapp:2.1',
      ...inputs,
    },
    { runId: '8801', intervalMs: 100 },
  );

const deps = (over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics: new ScriptedMetrics({ script: ['pass', 'pass'] }),
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: dir,
  lease: { durationMs: 3000, waitMs: 500 },
  ...over,
});

type Deployment = {
  metadata: { annotations?: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
  status?: { updatedReplicas?: number; conditions?: { type: string; status: string; reason: string }[] };
};
const deployment = (ns: string, name: string) =>
  cluster.api.object('apps', 'deployments', ns, name) as Deployment | undefined;

/** A person's merge patch of a Deployment, as kubectl sends it (its own field manager). */
async function patchAs(ns: string, name: string, body: unknown, manager: string): Promise<void> {
  const res = await fetch(
    `${cluster.mesh.apiUrl}/apis/apps/v1/namespaces/${ns}/deployments/${name}?fieldManager=${manager}`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify(body),
    },
  );
  expect(res.status).toBe(200);
}

/** Performs `edit` once, as soon as promote-stable has written the stable Deployment. */
function whenPromoteStableWrote(ns: string, edit: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = cluster.api.onChange((e) => {
      if (
        e.key === 'apps/deployments' &&
        e.namespace === ns &&
        deployment(ns, 'smartcarapp-v1')?.metadata.annotations?.[PREVIOUS_TEMPLATE_ANNOTATION]
      ) {
        off();
        queueMicrotask(() => void edit().then(resolve, reject));
      }
    });
  });
}

describe('a hand edit of stable between promote-stable and the route flip (B)', () => {
  it('stable scaled to 0: the route stays on the canary, the canary keeps running, the run fails and a rerun finishes', async () => {
    const ns = await namespace();
    const edited = whenPromoteStableWrote(ns, () =>
      patchAs(ns, 'smartcarapp-v1', { spec: { replicas: 0 } }, 'kubectl-scale'),
    );
    const logger = new RecordingLogger();
    const report = await runPromotion(flask(ns), deps({ logger }));
    await edited;
    expect(report.status).not.toBe('promoted');
    expect(report.failure).toMatch(/smartcarapp-v1 changed after promote-stable: it is scaled to 0 replicas/);
    expect(report.failure).toMatch(/changed by kubectl-scale/);
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 0, v2: 100 },
      state: { phase: 'finalizing', weight: 100 },
    });
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.reason).toMatch(/scaled to 0 replicas/);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);

    // The person scales stable back up; a rerun of promote finishes the promotion.
    await patchAs(ns, 'smartcarapp-v1', { spec: { replicas: 1 } }, 'kubectl-scale');
    const rerun = await runPromotion(flask(ns, { command: 'promote' }), deps());
    expect(rerun.status).toBe('promoted');
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(0);
  }, 30_000);

  it('stable given another image: the route stays on the canary and the failure names the image and the writer', async () => {
    const ns = await namespace();
    const edited = whenPromoteStableWrote(ns, () =>
      patchAs(
        ns,
        'smartcarapp-v1',
        {
          spec: {
            template: { spec: { containers: [{ name: 'smartcarapp', image: 'example/smartcarapp:9.9.9' }] } },
          },
        },
        'kubectl-set',
      ),
    );
    const report = await runPromotion(flask(ns), deps());
    await edited;
    expect(report.status).not.toBe('promoted');
    expect(report.failure).toMatch(
      /pod template is no longer the canary's \(it runs example\/smartcarapp:9\.9\.9/,
    );
    expect(report.failure).toMatch(/changed by kubectl-set/);
    expect(storedVs(cluster.api, ns, 'smartcarapp')).toMatchObject({
      weights: { v1: 0, v2: 100 },
      state: { phase: 'finalizing', weight: 100 },
    });
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);
  }, 30_000);
});

describe('another route still sends traffic to the canary subset (C)', () => {
  it('another http route of the same VirtualService: promoted, canary left running, named in the report', async () => {
    const ns = await namespace();
    const manifests = await variant('header-route', [
      [
        '  http:\n    - route:',
        "  http:\n    - name: beta\n      match:\n        - headers:\n            x-beta:\n              exact: '1'\n      route:\n        - destination:\n            host: smartcarapp-svc\n            subset: v2\n    - name: main\n      route:",
      ],
    ]);
    const logger = new RecordingLogger();
    const report = await runPromotion(flask(ns, { manifests, route: 'main' }), deps({ logger }));
    expect(report.status).toBe('promoted');
    const notice = new RegExp(`left running: .*VirtualService ${ns}/smartcarapp http route beta \\(100%\\)`);
    expect(report.notices?.some((n) => notice.test(n))).toBe(true);
    expect(logger.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^warning: .*left running/)]));
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);
  }, 30_000);

  it('a route to the canary pods through another subset name (same labels) also keeps the canary running', async () => {
    const ns = await namespace();
    const manifests = await variant('beta-subset', [
      [
        '    - name: v2\n      labels:\n        version: v2\n',
        '    - name: v2\n      labels:\n        version: v2\n    - name: beta\n      labels:\n        version: v2\n',
      ],
      [
        '  http:\n    - route:',
        "  http:\n    - name: beta\n      match:\n        - headers:\n            x-beta:\n              exact: '1'\n      route:\n        - destination:\n            host: smartcarapp-svc\n            subset: beta\n    - name: main\n      route:",
      ],
    ]);
    const report = await runPromotion(flask(ns, { manifests, route: 'main' }), deps());
    expect(report.status).toBe('promoted');
    const notice = new RegExp(`left running: .*VirtualService ${ns}/smartcarapp http route beta \\(100%\\)`);
    expect(report.notices?.some((n) => notice.test(n))).toBe(true);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);
  }, 30_000);

  it('another VirtualService of the namespace sending 30% to the canary subset: canary left running', async () => {
    const ns = await namespace();
    await cluster.kube.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'beta', namespace: ns },
      spec: {
        hosts: ['beta.example.com'],
        http: [
          {
            route: [
              { destination: { host: `smartcarapp-svc.${ns}.svc.cluster.local`, subset: 'v1' }, weight: 70 },
              { destination: { host: `smartcarapp-svc.${ns}.svc.cluster.local`, subset: 'v2' }, weight: 30 },
            ],
          },
        ],
      },
    });
    const report = await runPromotion(flask(ns), deps());
    expect(report.status).toBe('promoted');
    expect(report.notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`VirtualService ${ns}/beta http route 0 \\(30%\\)`)),
      ]),
    );
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);
    expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toEqual({ v1: 100, v2: 0 });
  }, 30_000);
});

describe('after the route flip, before the canary scale-down', () => {
  /** The cluster's Kube, except that `before` runs once, just before the first read of stable once the route is flipped. */
  function kubeEditingAfterFlip(ns: string, before: () => Promise<void>): PromotionDeps['kube'] {
    let done = false;
    const kube = cluster.kube;
    return new Proxy(kube, {
      get(target, prop, receiver) {
        if (prop === 'get')
          return async (...args: Parameters<typeof kube.get>) => {
            const [ref] = args;
            const vs = storedVs(cluster.api, ns, 'smartcarapp');
            if (
              !done &&
              ref.kind === 'Deployment' &&
              ref.name === 'smartcarapp-v1' &&
              vs.state?.phase === 'finalizing' &&
              vs.weights.v1 === 100
            ) {
              done = true;
              await before();
            }
            return kube.get(...args);
          };
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  it('stable scaled to 0 by hand: the canary is not scaled down, the run fails naming it, a rerun finishes', async () => {
    const ns = await namespace();
    const kube = kubeEditingAfterFlip(ns, () =>
      patchAs(ns, 'smartcarapp-v1', { spec: { replicas: 0 } }, 'kubectl-scale'),
    );
    const report = await runPromotion(flask(ns), deps({ kube }));
    expect(report.status).not.toBe('promoted');
    expect(report.failure).toMatch(/smartcarapp-v1 was scaled to 0 replicas after the route flip/);
    expect(report.failure).toMatch(/keeps running/);
    // Neither Deployment ends at 0: the canary still has its replica.
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);
    expect(storedVs(cluster.api, ns, 'smartcarapp').state).toMatchObject({ phase: 'finalizing', weight: 0 });

    await patchAs(ns, 'smartcarapp-v1', { spec: { replicas: 1 } }, 'kubectl-scale');
    const rerun = await runPromotion(flask(ns, { command: 'promote' }), deps());
    expect(rerun.status).toBe('promoted');
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(0);
  }, 30_000);

  it('credentials that may not list VirtualServices cluster-wide (403): the namespace routes are still checked, and the log says so', async () => {
    const ns = await namespace();
    await cluster.kube.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'beta', namespace: ns },
      spec: {
        hosts: ['beta.example.com'],
        http: [{ route: [{ destination: { host: 'smartcarapp-svc', subset: 'v2' } }] }],
      },
    });
    const kube = cluster.kube;
    const forbidden = new Proxy(kube, {
      get(target, prop, receiver) {
        if (prop === 'list')
          return (...args: Parameters<typeof kube.list>) =>
            args[2] === null
              ? Promise.reject(
                  new KubeApiError(403, 'Forbidden', 'virtualservices is forbidden at the cluster scope'),
                )
              : kube.list(...args);
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const logger = new RecordingLogger();
    const report = await runPromotion(flask(ns), deps({ kube: forbidden, logger }));
    expect(report.status).toBe('promoted');
    expect(report.notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`VirtualService ${ns}/beta http route 0 \\(100%\\)`)),
      ]),
    );
    expect(logger.lines.join('\n')).toMatch(/may not list VirtualServices in all namespaces \(403\)/);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(1);
  }, 30_000);

  it("a VirtualService in another namespace sending to the canary host keeps the canary running; one naming its own namespace's host does not", async () => {
    const ns = await namespace();
    const other = await namespace();
    const vs = (name: string, host: string) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace: other },
      spec: {
        hosts: [`${name}.example.com`],
        http: [
          {
            route: [
              { destination: { host, subset: 'v1' }, weight: 80 },
              { destination: { host, subset: 'v2' }, weight: 20 },
            ],
          },
        ],
      },
    });
    // A short host in another namespace names that namespace's service: not the canary's.
    await cluster.kube.apply(vs('short', 'smartcarapp-svc'));
    const report = await runPromotion(flask(ns), deps());
    expect(report.status).toBe('promoted');
    expect(deployment(ns, 'smartcarapp-v2')?.spec.replicas).toBe(0);

    const ns2 = await namespace();
    await cluster.kube.apply(vs('cross', `smartcarapp-svc.${ns2}.svc.cluster.local`));
    const report2 = await runPromotion(flask(ns2), deps());
    expect(report2.status).toBe('promoted');
    expect(report2.notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`VirtualService ${other}/cross http route 0 \\(20%\\)`)),
      ]),
    );
    expect(deployment(ns2, 'smartcarapp-v2')?.spec.replicas).toBe(1);
  }, 30_000);
});

describe('a paused Deployment (D2)', () => {
  it('a canary paused in the cluster is refused before any write, naming kubectl rollout resume', async () => {
    const ns = await namespace();
    // The canary exists, paused (kubectl rollout pause); the manifests do not mention paused.
    await cluster.kube.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'smartcarapp-v2', namespace: ns },
      spec: {
        replicas: 1,
        paused: true,
        selector: { matchLabels: { app: 'smartcarapp', version: 'v2' } },
        template: {
          metadata: { labels: { app: 'smartcarapp', version: 'v2' } },
          spec: { containers: [{ name: 'smartcarapp', image: 'example/smartcarapp:2.0' }] },
        },
      },
    });
    cluster.api.clearRequests();
    const err = await runPromotion(flask(ns), deps()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      new RegExp(
        `Deployment ${ns}/smartcarapp-v2 is paused .*kubectl rollout resume deployment/smartcarapp-v2 -n ${ns}`,
      ),
    );
    expect(cluster.writes().filter((w) => w.namespace === ns)).toEqual([]);
    expect(deployment(ns, 'smartcarapp-v2')?.spec.template.spec.containers[0]?.image).toBe(
      'example/smartcarapp:2.0',
    );
  }, 30_000);

  it('a stable paused in the manifests is refused before any write', async () => {
    const ns = await namespace();
    const manifests = await variant('paused-stable', [
      [
        '  name: smartcarapp-v1\nspec:\n  replicas: 1\n',
        '  name: smartcarapp-v1\nspec:\n  replicas: 1\n  paused: true\n',
      ],
    ]);
    cluster.api.clearRequests();
    const err = await runPromotion(flask(ns, { manifests }), deps()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/smartcarapp-v1 is paused \(spec.paused: true in the manifests\)/);
    expect(cluster.writes().filter((w) => w.namespace === ns)).toEqual([]);
  }, 30_000);

  it('the mesh rolls out no new template while a Deployment is paused, and does once it is resumed', async () => {
    const ns = await namespace();
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: ns };
    await cluster.kube.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'example/web:1' }] },
        },
      },
    });
    const images = async () =>
      (await cluster.kube.list('v1', 'Pod', ns)).items.map(
        (p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image ?? '?',
      );
    const rolled = (d: KubeObject | null) =>
      (d?.status as Deployment['status'] | undefined)?.conditions?.some(
        (c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable',
      ) === true &&
      (d?.status as { observedGeneration?: number }).observedGeneration === d?.metadata?.generation;
    await cluster.kube.waitFor(ref, (d) => rolled(d), { timeoutMs: 10_000 });
    await patchAs(ns, 'web', { spec: { paused: true } }, 'kubectl');
    await patchAs(
      ns,
      'web',
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'example/web:2' }] } } } },
      'kubectl',
    );
    const paused = await cluster.kube.waitFor(
      ref,
      (d) =>
        (d?.status as Deployment['status'] | undefined)?.conditions?.some(
          (c) => c.type === 'Progressing' && c.reason === 'DeploymentPaused',
        ) === true &&
        (d?.status as { observedGeneration?: number }).observedGeneration === d?.metadata?.generation,
      { timeoutMs: 10_000 },
    );
    const status = paused!.status as Deployment['status'] & { availableReplicas?: number };
    expect(status.updatedReplicas).toBeUndefined(); // 0: the controller omits it
    expect(status.availableReplicas).toBe(2);
    expect(status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
    });
    expect(await images()).toEqual(['example/web:1', 'example/web:1']);

    await patchAs(ns, 'web', { spec: { paused: false } }, 'kubectl');
    await cluster.kube.waitFor(ref, (d) => rolled(d) && !(d?.spec as { paused?: boolean }).paused, {
      timeoutMs: 10_000,
    });
    expect(await images()).toEqual(['example/web:2', 'example/web:2']);
  }, 30_000);
});
