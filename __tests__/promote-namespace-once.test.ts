// The manifests' Namespace holds the promotion's Lease, so a run applies it before taking the
// Lease; the batch applied after must leave it out: one write of the Namespace per run, not two.
// Driven through runPromotion against the embedded mesh, counted in its request log.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
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
  cluster = await startTestCluster({ seed: 14 });
});
afterAll(async () => cluster.close());

describe('the Namespace in the manifests', () => {
  it('is applied once, before the Lease, and left out of the batch', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'istio-canary-ns-once-'));
    const flask = readFileSync(path.join(PROMOTE_FIXTURES, 'flask', 'canary-deployment.yml'), 'utf8');
    writeFileSync(
      path.join(dir, 'app.yaml'),
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: once\n---\n${flask}`,
    );
    cluster.api.clearRequests();
    const logger = new RecordingLogger();
    const report = await runPromotion(
      settingsFor(
        { manifests: 'app.yaml', namespace: 'once', steps: '100', 'canary-image': 'example/smartcarapp:2.1' },
        { intervalMs: 100, runId: 'run-once' },
      ),
      {
        kube: cluster.kube,
        metrics: new ScriptedMetrics({ script: ['pass'] }),
        reporter: new RecordingReporter(),
        logger,
        signal: new AbortController().signal,
        cwd: dir,
        lease: { durationMs: 5000, waitMs: 1000 },
      },
    );
    expect(report.status).toBe('promoted');
    expect(cluster.writes('namespaces').map((e) => `${e.verb} ${e.name}`)).toEqual(['patch once']);
    expect(logger.lines.filter((l) => l.includes('applied Namespace once'))).toHaveLength(1);
  });
});
