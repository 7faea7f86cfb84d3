// The fixed Lease order of lockstep runs (input `services`): two runs over the same two routes
// (web and api of fixtures/promote/lockstep), their services listed in opposite order, on one
// embedded mesh. Each takes its Leases in the order of the route objects (api before web), so
// they never deadlock: the second waits for the first and then finds the promotion done. Were
// each run to take its first-listed route first, run A would hold web and run B api, each
// waiting for the other's Lease until its wait ran out.
// The interleaving that would deadlock is forced, not left to chance: the engine's Kube is
// wrapped so that run A, once it has taken its first Lease, goes on only after run B has taken
// a Lease too or is waiting for one (both are events of B's client calls: no sleep, no clock).
// Each run is runLockstep with runPromotion, the two functions execute() runs for `services`,
// with scripted verdicts (all pass: the judge is not under test here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Kube, KubeObject } from '../src/kube/client.js';
import type { PromotionReport } from '../src/model.js';
import { runLockstep, type LockstepUnit } from '../src/promote/lockstep-run.js';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import { loadManifests } from '../src/promote/target.js';
import { serviceSettings } from '../src/settings.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  settingsFor,
  startTestCluster,
  storedVs,
  type TestCluster,
} from './support/promote-cluster.js';

const FIXTURE = path.join(PROMOTE_FIXTURES, 'lockstep');
/** Long enough for run A's whole promotion (run B waits that long for its first Lease), far below a test timeout. */
const LEASE_WAIT_MS = 30_000;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 31 });
});
afterAll(async () => {
  await cluster.close();
});

type Service = 'web' | 'api';

/** What a run's Kube client saw of the Leases: taken (a create/replace naming its holder) and waited for. */
interface LeaseCalls {
  taken: string[];
  waited: string[];
}

/**
 * The engine's Kube, calling through to the mesh, that reports this run's Lease calls, and
 * makes the first Lease it takes resolve only once `holdFirst` has (the run stops right after
 * its first Lease is stored, as if the machine paused it there).
 */
function leaseWatchingKube(
  kube: Kube,
  holder: string,
  calls: LeaseCalls,
  onCall: () => void,
  holdFirst: Promise<void> | null,
): Kube {
  const isLease = (o: { kind?: string }) => o.kind === 'Lease';
  const took = async (obj: KubeObject, written: Promise<KubeObject>): Promise<KubeObject> => {
    const out = await written;
    const spec = (obj as { spec?: { holderIdentity?: string | null } }).spec;
    if (isLease(obj) && spec?.holderIdentity === holder && !calls.taken.includes(obj.metadata!.name!)) {
      calls.taken.push(obj.metadata!.name!);
      onCall();
      if (calls.taken.length === 1 && holdFirst) await holdFirst;
    }
    return out;
  };
  return {
    get: (ref, o) => kube.get(ref, o),
    list: (apiVersion, kind, ns, o) => kube.list(apiVersion, kind, ns, o),
    create: (obj, o) => took(obj, kube.create(obj, o)),
    replace: (obj, o) => took(obj, kube.replace(obj, o)),
    apply: (obj, o) => kube.apply(obj, o),
    patch: (ref, p, o) => kube.patch(ref, p, o),
    delete: (ref, o) => kube.delete(ref, o),
    waitFor: (ref, done, o) => {
      if (isLease(ref)) {
        calls.waited.push(ref.name);
        onCall();
      }
      return kube.waitFor(ref, done, o);
    },
    resource: (apiVersion, kind, signal) => kube.resource(apiVersion, kind, signal),
  };
}

interface Outcome {
  report: PromotionReport | null;
  error: string | null;
  log: string[];
  /** Windows measured, over both services. */
  windows: number;
}

/** One lockstep run of web and api in `order`, as execute() runs it, on `kube`. */
async function lockstepRun(
  order: readonly Service[],
  runId: string,
  kube: Kube,
  holder: string,
): Promise<Outcome> {
  const services = order
    .map(
      (s) =>
        `- name: ${s}\n  virtual-service: ${s}\n  manifests: ${path.join(FIXTURE, `${s}.yaml`)}\n  load-host: ${s}.example.com\n`,
    )
    .join('');
  const settings = settingsFor(
    {
      namespace: 'test',
      manifests: `${path.join(FIXTURE, 'namespace.yaml')}\n${path.join(FIXTURE, 'gateway.yaml')}`,
      services,
      steps: '20,50,100',
      finalize: 'keep',
      'rollout-timeout': '20s',
    },
    { runId },
  );
  const units: LockstepUnit[] = [];
  for (const { name, settings: s } of serviceSettings(settings))
    units.push({
      name,
      settings: s,
      docs: await loadManifests(s, FIXTURE),
      metrics: new ScriptedMetrics({ script: [], fallback: 'pass' }),
    });
  const logger = new RecordingLogger();
  const reporter = new RecordingReporter();
  const windows = () => units.reduce((n, u) => n + (u.metrics as ScriptedMetrics).windows.length, 0);
  try {
    const report = await runLockstep(
      units,
      {
        kube,
        metrics: units[0]!.metrics,
        reporter,
        logger,
        signal: new AbortController().signal,
        cwd: FIXTURE,
        holder,
        lease: { waitMs: LEASE_WAIT_MS },
      },
      runPromotion,
    );
    return { report, error: null, log: logger.lines, windows: windows() };
  } catch (err) {
    return { report: null, error: (err as Error).message, log: logger.lines, windows: windows() };
  }
}

describe('two lockstep runs over the same routes, listed in opposite order', () => {
  it('take the Leases in one order (api, web): the second waits for the first and finds both promoted, no Lease wait runs out', async () => {
    const holderA = 'acme/shop/run-a/1/-/a';
    const holderB = 'acme/shop/run-b/1/-/b';
    const a: LeaseCalls = { taken: [], waited: [] };
    const b: LeaseCalls = { taken: [], waited: [] };
    // Run A goes on from its first Lease once run B holds one or waits for one.
    let releaseA!: () => void;
    const bTookOrWaits = new Promise<void>((resolve) => (releaseA = resolve));
    let aTookFirst!: () => void;
    const aHoldsOne = new Promise<void>((resolve) => (aTookFirst = resolve));
    const kubeA = leaseWatchingKube(
      cluster.kube,
      holderA,
      a,
      () => a.taken.length > 0 && aTookFirst(),
      bTookOrWaits,
    );
    const kubeB = leaseWatchingKube(
      cluster.kube,
      holderB,
      b,
      () => (b.taken.length > 0 || b.waited.length > 0) && releaseA(),
      null,
    );

    const runA = lockstepRun(['web', 'api'], 'run-a', kubeA, holderA);
    await aHoldsOne;
    const runB = lockstepRun(['api', 'web'], 'run-b', kubeB, holderB);
    const [ra, rb] = await Promise.all([runA, runB]);
    const logs = `A:\n${ra.log.join('\n')}\nB:\n${rb.log.join('\n')}`;

    // Both Lease orders were the route objects' order, not the list's.
    expect(a.taken, logs).toEqual(['istio-canary-api', 'istio-canary-web']);
    expect(b.taken, logs).toEqual(['istio-canary-api', 'istio-canary-web']);
    // The runs did meet: B's first Lease was held by A, and B waited for it (not for long enough to give up).
    expect(b.waited[0], logs).toBe('istio-canary-api');
    expect(
      rb.log.some((l) => l.includes(`waiting up to ${LEASE_WAIT_MS / 1000} s for ${holderA}`)),
      logs,
    ).toBe(true);
    expect(`${logs}\n${ra.error ?? ''}\n${rb.error ?? ''}`).not.toMatch(/is being promoted by|waited \d+ s/);

    // A promoted both; B ended well too (it found both promoted), neither failed.
    expect(ra.error, logs).toBeNull();
    expect(rb.error, logs).toBeNull();
    expect(ra.report?.status, logs).toBe('promoted');
    expect(ra.report?.services?.map((s) => [s.name, s.report.status])).toEqual([
      ['web', 'promoted'],
      ['api', 'promoted'],
    ]);
    expect(rb.report?.failure, logs).toBeUndefined();
    expect(rb.report?.services?.map((s) => [s.name, s.report.status])).toEqual([
      ['api', 'promoted'],
      ['web', 'promoted'],
    ]);
    // A judged both services at 20, 50 and 100; B found them promoted and judged nothing again.
    expect(ra.windows, logs).toBe(6);
    expect(rb.windows, logs).toBe(0);
    for (const name of ['web', 'api']) {
      const vs = storedVs(cluster.api, 'test', name);
      expect(vs.state?.phase, name).toBe('promoted');
      expect(
        vs.state?.history.filter((h) => h.verdict.outcome === 'pass').map((h) => h.weight),
        name,
      ).toEqual([20, 50, 100]);
      // Both Leases were given up at the end.
      const lease = cluster.api.object('coordination.k8s.io', 'leases', 'test', `istio-canary-${name}`) as {
        spec?: { holderIdentity?: string };
      };
      expect(lease.spec?.holderIdentity ?? null, name).toBeNull();
    }
  });
});
