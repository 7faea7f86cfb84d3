// The live cluster wins over what istio-canary recorded or was told (issue 12, red team of
// H15): `rollback` reads the live canary weight (a person's move after a rollback, a state
// annotation that is not JSON), a promotion never steps a route other than the one it
// recorded, a new promotion refuses declared subsets whose "stable" has no traffic, and the
// subsets are checked on the live DestinationRules after the apply. Each case runs
// runPromotion on the podinfo example against the embedded mesh and reads the end state back.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/kube/client.js';
import { runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import {
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startTestCluster,
  storedVs,
} from './support/promote-cluster.js';

const EXAMPLE = path.join(import.meta.dirname, '..', 'examples', 'podinfo');
let cluster: TestCluster;
let dir: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 16 });
  dir = await mkdtemp(path.join(tmpdir(), 'live-truth-'));
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
/** The podinfo example in its own namespace; `drop` leaves out istio.yaml documents of these kinds. */
async function example(): Promise<{ ns: string; manifests: string; folder: string }> {
  const ns = `live-${++counter}`;
  const folder = path.join(dir, ns);
  await cp(EXAMPLE, folder, { recursive: true });
  for (const file of await readdir(folder)) {
    if (!file.endsWith('.yaml')) continue;
    const text = (await readFile(path.join(folder, file), 'utf8'))
      .replaceAll('namespace: test', `namespace: ${ns}`)
      .replaceAll('podinfo.test.svc', `podinfo.${ns}.svc`)
      .replace('  name: test\n', `  name: ${ns}\n`);
    await writeFile(path.join(folder, file), text);
  }
  return { ns, manifests: `${ns}/*.yaml`, folder };
}

const deps = (script: ('pass' | 'fail')[] = ['pass', 'pass', 'pass']): PromotionDeps => ({
  kube: cluster.kube,
  metrics: new ScriptedMetrics({ script }),
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: dir,
  lease: { durationMs: 3000, waitMs: 500 },
});

const settings = (ns: string, manifests: string, inputs: Record<string, string> = {}) =>
  settingsFor({ manifests, namespace: ns, steps: '20,50,100', ...inputs }, { intervalMs: 50 });

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the command to fail');
    },
    (e: unknown) => e as Error,
  );

const VS = (ns: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  name: 'podinfo',
  namespace: ns,
});
type Route = {
  name?: string;
  match?: unknown;
  route: { destination: { subset: string }; weight?: number }[];
};

/** A person's edit of the live VirtualService (as kubectl would: read, change, replace). */
async function editVs(ns: string, change: (vs: KubeObject & { spec: { http: Route[] } }) => void) {
  const vs = (await cluster.kube.get(VS(ns))) as KubeObject & { spec: { http: Route[] } };
  change(vs);
  await cluster.kube.replace(vs);
}
const setCanary = (http: Route, weight: number) => {
  for (const r of http.route) r.weight = r.destination.subset === 'canary' ? weight : 100 - weight;
};
const vsWrites = (ns: string) => cluster.writes('virtualservices').filter((w) => w.namespace === ns);

/** A promotion held at 20% after one `step`. */
async function heldAt20(): Promise<{ ns: string; manifests: string; folder: string }> {
  const ex = await example();
  await runPromotion(settings(ex.ns, ex.manifests, { command: 'step' }), deps());
  expect(storedVs(cluster.api, ex.ns, 'podinfo').weights.canary).toBe(20);
  return ex;
}

describe('rollback trusts the live weight, not the saved state (A)', () => {
  it('after a rollback, a person sends 30% to the canary: a new rollback sets 0% and says so', async () => {
    const { ns, manifests } = await heldAt20();
    await runPromotion(settings(ns, manifests, { command: 'rollback' }), deps());
    await editVs(ns, (vs) => setCanary(vs.spec.http[0]!, 30));
    const report = await runPromotion(settings(ns, manifests, { command: 'rollback' }), deps());
    const stored = storedVs(cluster.api, ns, 'podinfo');
    expect(stored.weights).toMatchObject({ canary: 0, ga: 100 });
    expect(report.weight).toBe(0);
    expect(stored.state?.phase).toBe('rolled-back');
    expect(stored.state?.reason).toContain('the route sent 30% to the canary (the state recorded 0%)');
  });

  it('a state annotation that is not JSON with the canary at 20%: rollback sets 0% and keeps the text', async () => {
    const { ns, manifests } = await heldAt20();
    await editVs(ns, (vs) => {
      vs.metadata!.annotations = { ...vs.metadata!.annotations, 'istio-canary.dev/state': '{broken' };
    });
    const report = await runPromotion(settings(ns, manifests, { command: 'rollback' }), deps());
    const stored = storedVs(cluster.api, ns, 'podinfo');
    expect(stored.weights).toMatchObject({ canary: 0, ga: 100 });
    expect(report.weight).toBe(0);
    expect(stored.state?.phase).toBe('rolled-back');
    expect(stored.state?.reason).toContain('not valid JSON');
    expect(stored.state?.events?.[0]?.message).toBe('replaced an unreadable state annotation: {broken');
  });

  it('after a promoted run, a person sends 30% to the scaled-down canary: rollback sets 0%, still promoted', async () => {
    const { ns, manifests } = await example();
    await runPromotion(settings(ns, manifests, { command: 'run' }), deps());
    expect(storedVs(cluster.api, ns, 'podinfo').state?.phase).toBe('promoted');
    await editVs(ns, (vs) => setCanary(vs.spec.http[0]!, 30));
    const report = await runPromotion(settings(ns, manifests, { command: 'rollback' }), deps());
    const stored = storedVs(cluster.api, ns, 'podinfo');
    expect(stored.weights).toMatchObject({ canary: 0, ga: 100 });
    expect(report.weight).toBe(0);
    expect(stored.state?.phase).toBe('promoted');
    expect(stored.state?.events?.at(-1)?.message).toMatch(
      /: the route sent 30% to the canary \(the state recorded 0%\); canary set back to 0%$/,
    );
  });

  it('a state written by a newer istio-canary (schemaVersion 99) is not overwritten by step: named, nothing written', async () => {
    const { ns, manifests } = await heldAt20();
    let raw = '';
    await editVs(ns, (vs) => {
      const state = JSON.parse(vs.metadata!.annotations!['istio-canary.dev/state']!) as Record<
        string,
        unknown
      >;
      raw = JSON.stringify({ ...state, schemaVersion: 99 });
      vs.metadata!.annotations = { ...vs.metadata!.annotations, 'istio-canary.dev/state': raw };
    });
    cluster.api.clearRequests();
    const err = await runPromotion(settings(ns, manifests, { command: 'step' }), deps()).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(
      /written by a newer istio-canary \(state schema 99; this one reads 1\): upgrade istio-canary/,
    );
    expect(vsWrites(ns)).toEqual([]);
    const stored = storedVs(cluster.api, ns, 'podinfo');
    expect(stored.weights.canary).toBe(20);
  });

  it('with the canary at 0% there is nothing to roll back, and nothing is written', async () => {
    const { ns, manifests } = await heldAt20();
    await runPromotion(settings(ns, manifests, { command: 'rollback' }), deps());
    cluster.api.clearRequests();
    await runPromotion(settings(ns, manifests, { command: 'rollback' }), deps());
    expect(vsWrites(ns)).toEqual([]);
  });
});

describe('a promotion steps only the route it recorded (A2)', () => {
  it('a route inserted before it: step with take-over is a named error, nothing written, canary stays 20%', async () => {
    const { ns, manifests } = await heldAt20();
    expect(storedVs(cluster.api, ns, 'podinfo').state?.route).toMatch(/^match null to canary,ga$/);
    await editVs(ns, (vs) => {
      const pin: Route = {
        name: 'pin',
        match: [{ headers: { 'x-pin': { exact: 'ga' } } }],
        route: [
          {
            destination: {
              ...vs.spec.http[0]!.route.find((r) => r.destination.subset === 'ga')!.destination,
            },
          },
        ],
      };
      vs.spec.http.unshift(pin);
    });
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(settings(ns, manifests, { command: 'step', route: '0', 'take-over': 'true' }), deps()),
    );
    expect(err.message).toContain('the selected route http[0] (name pin) of ' + `${ns}/podinfo`);
    expect(err.message).toContain('is not the route this promotion recorded (match null to canary,ga)');
    expect(err.message).toContain('the recorded route is now http[1]: select it with --route 1');
    expect(cluster.writes().filter((w) => w.namespace === ns)).toEqual([]);
    const vs = (await cluster.kube.get(VS(ns))) as KubeObject & { spec: { http: Route[] } };
    expect(vs.spec.http[1]!.route.find((r) => r.destination.subset === 'canary')?.weight).toBe(20);
    expect(vs.spec.http[0]!.route).toHaveLength(1);
  });

  it('rollback on the inserted route is the same named error: it does not claim 0% for a canary at 20%', async () => {
    const { ns, manifests } = await heldAt20();
    await editVs(ns, (vs) => {
      vs.spec.http.unshift({
        name: 'pin',
        route: [{ destination: { ...vs.spec.http[0]!.route[0]!.destination, subset: 'ga' } }],
      });
    });
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(settings(ns, manifests, { command: 'rollback', route: '0' }), deps()),
    );
    expect(err.message).toContain('the recorded route is now http[1]: select it with --route 1');
    expect(vsWrites(ns)).toEqual([]);
    const report = await runPromotion(settings(ns, '', { command: 'rollback', route: '1' }), deps());
    expect(report.weight).toBe(0);
  });
});

describe('a new promotion starts from the declared stable carrying the traffic (D1)', () => {
  it('swapped stable-subset and canary-subset: a named error before any write', async () => {
    const { ns, manifests } = await example();
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(
        settings(ns, manifests, { command: 'step', 'stable-subset': 'canary', 'canary-subset': 'ga' }),
        deps(),
      ),
    );
    expect(err.message).toContain(
      `the stable subset canary has 0% (at most 50%) (in the manifests: subset ga has 100%). Nothing was written. Check stable-subset and canary-subset (are they swapped?)`,
    );
    expect(cluster.writes().filter((w) => w.namespace === ns || w.name === ns)).toEqual([]);
  });
});

describe('the subsets are checked on the live DestinationRules (E1)', () => {
  it('a live DestinationRule for the host whose canary subset selects the ga pods stops step before any weight', async () => {
    const { ns, manifests } = await heldAt20();
    await cluster.kube.apply({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'podinfo-other', namespace: ns },
      spec: {
        host: `podinfo.${ns}.svc.cluster.local`,
        subsets: [
          { name: 'ga', labels: { version: 'ga' } },
          { name: 'canary', labels: { version: 'ga' } },
        ],
      },
    });
    cluster.api.clearRequests();
    const err = await failure(runPromotion(settings(ns, manifests, { command: 'step' }), deps()));
    expect(err.message).toContain('live DestinationRule podinfo-other: stable subset "ga"');
    expect(err.message).toContain('No weight was written');
    expect(vsWrites(ns)).toEqual([]);
    expect(storedVs(cluster.api, ns, 'podinfo').weights.canary).toBe(20);
  });
});
