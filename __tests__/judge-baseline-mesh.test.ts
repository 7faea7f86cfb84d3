// Over the wire: the stable-only baseline (metrics.baseline) before the first weight moves
// becomes the error test's record of stable (loadgen totals → VersionData.history), and the
// verdict says so. The embedded mesh's data plane, the real createMetrics and load generator.
import { afterEach, expect, it } from 'vitest';
import type { StepWindow } from '../src/model.js';
import { createMetrics } from '../src/metrics/index.js';
import { CANARY, HOST, NS, STABLE, startMesh, virtualService } from './metrics-mesh.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const window = (intervalMs: number, weight: number): StepWindow => ({
  step: 1,
  weight,
  intervalMs,
  signal: new AbortController().signal,
  namespace: NS,
  stableWorkload: STABLE,
  canaryWorkload: CANARY,
});

it("compares the canary's errors with stable's whole record since the load started, baseline included", async () => {
  const mesh = await startMesh({ latency: '2ms' }, { latency: '2ms', errorRate: '20%' }, 0, 11);
  cleanups.push(() => mesh.plane.close());
  const metrics = createMetrics({
    source: 'loadgen',
    limits: { minRequests: 50, maxErrorRate: 0.01, maxP99Ms: null, maxLatencyRegression: 0.25 },
    load: { url: `${mesh.plane.ingressUrl}/`, host: HOST, rps: 100, connections: 8 },
  });
  cleanups.push(() => metrics.close!());
  await metrics.baseline(3000, new AbortController().signal);
  mesh.config.apply(virtualService(10));
  const v = await metrics.measure(window(30_000, 10));
  expect(v.outcome).toBe('fail');
  const errors = v.reasons.filter((r) => r.metric === 'error-rate' && r.source === 'judge' && !r.ok);
  const m = /vs stable 0\/(\d+) in this window \(0\/(\d+) since the load started\)/.exec(
    errors.map((r) => r.message).join('\n'),
  );
  expect(m, JSON.stringify(v.reasons)).not.toBeNull();
  // The record holds the baseline's stable requests (about 3 s at 100 rps) on top of the window's.
  expect(Number(m![2]) - Number(m![1])).toBeGreaterThan(100);
});
