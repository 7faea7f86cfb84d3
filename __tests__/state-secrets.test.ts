// The promotion state on the VirtualService outlives the run (later `status` and `run` commands
// print it), so no secret may be stored in it, whatever text carried it there: a Prometheus that
// echoes its Authorization header in an error, a load URL with a password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metrics, StepWindow, Verdict } from '../src/model.js';
import { runPromotion } from '../src/promote/runner.js';
import { authHeaderSecrets, secrets } from '../src/redact.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startTestCluster,
} from './support/promote-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 77 });
});
afterAll(async () => cluster.close());

const HEADER = 'Bearer st4te-s3cret-T0KEN-0123456789';

/** A window that fails with the Authorization header echoed in its reason, as a hostile Prometheus answers. */
class EchoingMetrics implements Metrics {
  measure(window: StepWindow): Promise<Verdict> {
    return Promise.resolve({
      outcome: 'fail',
      reasons: [
        {
          metric: 'prometheus',
          value: null,
          limit: null,
          source: 'prometheus',
          ok: false,
          message: `query failed at ${window.weight}%: 400 {"error":"bad header ${HEADER}"}`,
        },
      ],
      stable: null,
      canary: null,
      durationMs: 0,
    });
  }
}

describe('the stored promotion state', () => {
  it('never holds a secret: a verdict reason echoing the Authorization header is stored redacted', async () => {
    for (const form of authHeaderSecrets(HEADER)) secrets.add(form);
    await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'secret-state' } });
    const report = await runPromotion(
      settingsFor(
        {
          manifests: 'flask/canary-deployment.yml',
          namespace: 'secret-state',
          steps: '20,100',
          'canary-image': 'example/smartcarapp:2.1',
        },
        { runId: '9901' },
      ),
      {
        kube: cluster.kube,
        metrics: new EchoingMetrics(),
        reporter: new RecordingReporter(),
        logger: new RecordingLogger(),
        signal: new AbortController().signal,
        cwd: PROMOTE_FIXTURES,
        lease: { durationMs: 3000, waitMs: 500 },
      },
    );
    expect(report.status).toBe('rolled-back');
    const vs = cluster.api.object(
      'networking.istio.io',
      'virtualservices',
      'secret-state',
      'smartcarapp',
    ) as {
      metadata: { annotations: Record<string, string> };
    };
    const stored = JSON.stringify(vs.metadata.annotations);
    // The reason is there (so the check is not vacuous), the secret is not.
    expect(stored).toContain('query failed at 20%');
    expect(stored).not.toContain('st4te-s3cret-T0KEN');
    expect(stored).toContain('***');
  });
});

describe('a canary scaled to 0 while held', () => {
  it('is named and rolled back before the next weight: traffic to it would only get 503', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const ns = 'scaled-down';
    await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const deps = {
      kube: cluster.kube,
      reporter: new RecordingReporter(),
      logger: new RecordingLogger(),
      signal: new AbortController().signal,
      cwd: PROMOTE_FIXTURES,
      lease: { durationMs: 3000, waitMs: 500 },
    };
    const pass: Metrics = {
      measure: () =>
        Promise.resolve({
          outcome: 'pass',
          reasons: [{ metric: 'script', value: 1, limit: null, source: 'test', ok: true, message: 'pass' }],
          stable: null,
          canary: null,
          durationMs: 0,
        }),
    };
    const held = await runPromotion(
      settingsFor(
        { manifests: 'flask/canary-deployment.yml', namespace: ns, steps: '20,50,100', command: 'step' },
        { runId: '9911' },
      ),
      { ...deps, metrics: pass },
    );
    expect(held.weight).toBe(20);
    // Someone scales the canary to 0; the next step's manifests do not own its replicas (the
    // Deployments are not among them), so nothing scales it back.
    await cluster.kube.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'smartcarapp-v2', namespace: ns },
      { spec: { replicas: 0 } },
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'scaled-'));
    const all = await readFile(path.join(PROMOTE_FIXTURES, 'flask', 'canary-deployment.yml'), 'utf8');
    await writeFile(
      path.join(dir, 'routes.yml'),
      all
        .split(/^---$/m)
        .filter((d) => !/^kind: Deployment$/m.test(d))
        .join('---'),
    );
    const measured: number[] = [];
    const next = await runPromotion(
      settingsFor(
        { manifests: 'routes.yml', namespace: ns, steps: '20,50,100', command: 'step' },
        { runId: '9912' },
      ),
      {
        ...deps,
        cwd: dir,
        metrics: { measure: (w) => (measured.push(w.weight), pass.measure(w)) },
      },
    );
    expect(measured).toEqual([]);
    expect(next.status).toBe('rolled-back');
    expect(next.weight).toBe(0);
    expect(next.reason).toContain('is scaled to 0 replicas');
  });
});
