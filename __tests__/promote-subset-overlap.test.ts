// The canary is a different Deployment from stable, each selected by its own subset only
// (issue 12, red team: a canary subset with the ga labels had `run` "promote" podinfo-ga and
// scale it to 0, every request a 503, exit 0). Every case runs runPromotion on the podinfo
// example against the embedded mesh and asserts a named error with nothing written; subset
// names from the manifests enter messages as one line.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  cluster = await startTestCluster({ seed: 12 });
  dir = await mkdtemp(path.join(tmpdir(), 'subset-overlap-'));
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
/** The podinfo example in namespace `ns` (its own folder), with `replace` applied to istio.yaml. */
async function example(replace: [string, string][]): Promise<{ ns: string; manifests: string }> {
  const ns = `overlap-${++counter}`;
  const folder = path.join(dir, ns);
  await cp(EXAMPLE, folder, { recursive: true });
  for (const file of await readdir(folder)) {
    if (!file.endsWith('.yaml')) continue;
    let text = (await readFile(path.join(folder, file), 'utf8'))
      .replaceAll('namespace: test', `namespace: ${ns}`)
      .replaceAll('podinfo.test.svc', `podinfo.${ns}.svc`)
      .replace('  name: test\n', `  name: ${ns}\n`);
    if (file === 'istio.yaml')
      for (const [from, to] of replace) {
        expect(text).toContain(from);
        text = text.replaceAll(from, to);
      }
    await writeFile(path.join(folder, file), text);
  }
  return { ns, manifests: `${ns}/*.yaml` };
}

const deps = (logger = new RecordingLogger()): PromotionDeps => ({
  kube: cluster.kube,
  metrics: new ScriptedMetrics({ script: ['pass', 'pass'] }),
  reporter: new RecordingReporter(),
  logger,
  signal: new AbortController().signal,
  cwd: dir,
  lease: { durationMs: 3000, waitMs: 500 },
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the command to fail');
    },
    (e: unknown) => e as Error,
  );

const CANARY_SUBSET = '    - name: canary\n      labels:\n        version: canary\n';

describe('stable and canary are two Deployments, each selected by its own subset (12, red team 1)', () => {
  it('a canary subset with the ga labels is a named error before any write (it would scale ga to 0)', async () => {
    const { ns, manifests } = await example([
      [CANARY_SUBSET, '    - name: canary\n      labels:\n        version: ga\n'],
    ]);
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(settingsFor({ manifests, namespace: ns, steps: '50,100' }, { intervalMs: 50 }), deps()),
    );
    expect(err.message).toContain(
      `DestinationRule podinfo: stable subset "ga" (labels {"version":"ga"}) selects podinfo-ga; canary subset "canary" (labels {"version":"ga"}) selects podinfo-ga: both subsets select the pods of the same Deployment podinfo-ga`,
    );
    expect(err.message).toMatch(
      /Stable and canary must be two different Deployments, each selected by exactly one subset/,
    );
    expect(cluster.writes().filter((w) => w.namespace === ns || w.name === ns)).toEqual([]);
    expect(storedVs(cluster.api, ns, 'podinfo').state).toBeNull();
  });

  it('a canary subset with other labels that the ga pods also carry is the same error', async () => {
    const { ns, manifests } = await example([
      [CANARY_SUBSET, '    - name: canary\n      labels:\n        app: podinfo\n        version: ga\n'],
    ]);
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(settingsFor({ manifests, namespace: ns, steps: '50,100' }, { intervalMs: 50 }), deps()),
    );
    expect(err.message).toContain(
      `canary subset "canary" (labels {"app":"podinfo","version":"ga"}) selects podinfo-ga: both subsets select the pods of the same Deployment podinfo-ga`,
    );
    expect(cluster.writes().filter((w) => w.namespace === ns || w.name === ns)).toEqual([]);
  });

  it('a dry run finds it too, and writes nothing', async () => {
    const { ns, manifests } = await example([
      [CANARY_SUBSET, '    - name: canary\n      labels:\n        version: ga\n'],
    ]);
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(
        settingsFor({ manifests, namespace: ns, steps: '50,100', 'dry-run': 'true' }, { intervalMs: 50 }),
        deps(),
      ),
    );
    expect(err.message).toContain('both subsets select the pods of the same Deployment podinfo-ga');
    expect(cluster.writes().filter((w) => w.namespace === ns || w.name === ns)).toEqual([]);
  });

  it('with the Deployments live and no manifests (promote), the same overlap is found in the cluster', async () => {
    const { ns, manifests } = await example([]);
    // The example as it is, applied by a first step; then the DestinationRule is edited live.
    const first = await runPromotion(
      settingsFor({ manifests, namespace: ns, steps: '50,100', command: 'step' }),
      deps(),
    );
    expect([first.status, first.weight, first.failure]).toEqual(['held', 50, undefined]);
    const dr = (await cluster.kube.get({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      name: 'podinfo',
      namespace: ns,
    }))!;
    (dr.spec as { subsets: { name: string; labels: Record<string, string> }[] }).subsets[1]!.labels = {
      version: 'ga',
    };
    delete (dr.metadata as Record<string, unknown>).managedFields;
    await cluster.kube.replace(dr);
    cluster.api.clearRequests();
    const err = await failure(
      runPromotion(settingsFor({ namespace: ns, steps: '50,100', command: 'promote' }), deps()),
    );
    expect(err.message).toContain('both subsets select the pods of the same Deployment podinfo-ga');
    expect(cluster.writes().filter((w) => w.namespace === ns)).toEqual([]);
    expect(storedVs(cluster.api, ns, 'podinfo').weights).toEqual({ canary: 50, ga: 50 });
  });
});

describe('subset names enter messages as one line (12, red team 4)', () => {
  it('a subset named with a newline is escaped in the error and in every log line', async () => {
    const { ns, manifests } = await example([
      [CANARY_SUBSET, '    - name: "canary\\nstatus: promoted"\n      labels:\n        version: ga\n'],
      ['            subset: canary\n', '            subset: "canary\\nstatus: promoted"\n'],
    ]);
    const logger = new RecordingLogger();
    const err = await failure(
      runPromotion(
        settingsFor({ manifests, namespace: ns, steps: '50,100' }, { intervalMs: 50 }),
        deps(logger),
      ),
    );
    expect(err.message).toContain('canary subset "canary\\nstatus: promoted"');
    expect(err.message).not.toContain('\n');
  });

  it('a run whose canary subset name holds a newline logs it escaped', async () => {
    const { ns, manifests } = await example([
      [CANARY_SUBSET, '    - name: "canary\\nstatus: promoted"\n      labels:\n        version: canary\n'],
      ['            subset: canary\n', '            subset: "canary\\nstatus: promoted"\n'],
    ]);
    const logger = new RecordingLogger();
    await runPromotion(
      settingsFor({ manifests, namespace: ns, steps: '50,100', command: 'step' }, { intervalMs: 50 }),
      deps(logger),
    );
    const start = logger.lines.find((l) => l.startsWith('info: istio-canary step:'));
    expect(start).toContain('canary canary\\nstatus: promoted (podinfo-canary)');
    expect(logger.lines.filter((l) => l.includes('\n'))).toEqual([]);
  });
});
