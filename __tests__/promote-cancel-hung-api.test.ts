// A cancel while the API server hangs (issue 12, item 18): whatever stops the run (the cancel
// budget running out mid-write, an aborted request), its last words name where the canary is —
// the weight the API server last confirmed, a weight that was sent and never confirmed, and the
// ready rollback command — never a bare "The operation was aborted". Driven through
// runPromotion against the embedded mesh, reached through a loopback relay that the test makes
// go silent the moment the mesh stores the 30% write (so its answer never comes back).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../src/kube/client.js';
import { PromotionError, runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import { simKubeconfig } from '../src/sim/kubeconfig.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startTestCluster,
  storedVs,
} from './support/promote-cluster.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 12 });
});
afterAll(async () => cluster.close());

/**
 * A TCP relay to `target` that, once hung, forwards nothing more in either direction and keeps
 * every connection open: from the client's side, an API server that took the request and went
 * silent.
 */
async function hangableRelay(target: string): Promise<{ url: string; hang(): void; close(): void }> {
  const { hostname, port } = new URL(target);
  let hung = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('data', (d: Buffer) => {
      if (!hung) upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (!hung) client.write(d);
    });
    for (const s of [client, upstream]) s.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      if (!hung) client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    hang: () => {
      hung = true;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('a cancel while the API server hangs', () => {
  it('names the confirmed weight, the 30% sent and not confirmed, and the rollback command; outputs keep the confirmed weight', async () => {
    const ns = 'hung-write';
    await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const relay = await hangableRelay(cluster.mesh.apiUrl);
    try {
      const kube = await createKubeClient({
        kubeconfig: simKubeconfig(relay.url),
        retry: { baseDelayMs: 20, maxDelayMs: 200, attempts: 5 },
      });
      const controller = new AbortController();
      // The moment the mesh stores canary 30% (before it answers): silence, then the cancel.
      const stop = cluster.api.onChange((e) => {
        if (e.namespace !== ns || !e.key.endsWith('/virtualservices')) return;
        const route = (
          e.object.spec as { http?: { route?: { destination: { subset: string }; weight?: number }[] }[] }
        ).http?.[0]?.route;
        if (route?.find((r) => r.destination.subset === 'v2')?.weight !== 30) return;
        stop();
        relay.hang();
        controller.abort(new Error('Received SIGINT'));
      });
      const settings = settingsFor(
        {
          manifests: 'flask/canary-deployment.yml',
          namespace: ns,
          steps: '30,100',
          'canary-image': 'example/smartcarapp:2.1',
        },
        { intervalMs: 60_000, runId: 'run-hung' },
      );
      const logger = new RecordingLogger();
      const reporter = new RecordingReporter();
      const confirmed: number[] = [];
      const err = await runPromotion(settings, {
        kube,
        metrics: new ScriptedMetrics({ script: ['pass', 'pass'] }),
        reporter,
        logger,
        signal: controller.signal,
        cwd: PROMOTE_FIXTURES,
        lease: { durationMs: 60_000, waitMs: 1000 },
        onConfirmedWeight: (w) => confirmed.push(w),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      // The mesh did store 30%; the run never heard so.
      expect(storedVs(cluster.api, ns, 'smartcarapp').weights).toMatchObject({ v2: 30 });
      expect(confirmed).not.toContain(30);
      expect(err).toBeInstanceOf(PromotionError);
      const message = (err as Error).message;
      const hint = `istio-canary rollback --cluster sim --namespace ${ns} --manifests flask/canary-deployment.yml`;
      expect(message).toMatch(/^cancelled \(Received SIGINT\)/);
      expect(message).toContain(
        'the canary is at 0% (the last weight the API server confirmed); a write of canary 30% was sent and not confirmed, so the canary may be at 30%',
      );
      expect(message).toContain(`To roll back, run: ${hint}`);
      expect(message).not.toMatch(/The operation was aborted|This operation was aborted/);
      // The log's last error lines say the same, never a bare abort text.
      const errors = logger.lines.filter((l) => l.startsWith('error: '));
      expect(errors.length).toBeGreaterThan(0);
      for (const line of errors) expect(line).not.toMatch(/aborted$/);
      expect(errors.at(-1)).toContain('a write of canary 30% was sent and not confirmed');
      // Outputs keep the confirmed weight; the report says what was sent.
      const report = (err as PromotionError).report;
      expect(report.weight).toBe(0);
      expect(report.notices?.join('\n')).toContain(
        'a write of canary 30% was sent and not confirmed, so the canary may be at 30%',
      );
      expect(reporter.finalReport?.weight).toBe(0);
    } finally {
      relay.close();
    }
  });
});
