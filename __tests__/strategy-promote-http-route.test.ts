// The promotion engine on a Gateway API HTTPRoute (issue 15), end to end through execute() on
// the embedded mesh (which serves HTTPRoute on a Gateway of class istio): the HTTPRoute is
// found live by name (http-route), the state lives in the HTTPRoute's annotation, the weights on the
// rule's backendRefs with the version header per backendRef (so the load attributes answers),
// and finalize promote-stable works on the Deployments behind the stable and canary Services.
// Strategy ab inserts a rule with header matches before the stepped one and removes it again;
// a bad canary is rolled back by the first A/B window in one write.
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP_ROUTE_FIXTURE, inserted, startHarness, type Harness } from './strategy-promote-support.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('promotion on an HTTPRoute', () => {
  it('strategy canary: weights on the backendRefs, state on the HTTPRoute, promote-stable onto the Deployment behind podinfo-ga', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    const r = await h.run({ 'http-route': 'podinfo', steps: '50,100', finalize: 'promote-stable' });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    expect(r.state?.phase).toBe('promoted');
    expect(r.state!.history.map((x) => [x.weight, x.verdict.outcome])).toEqual([
      [50, 'pass'],
      [100, 'pass'],
    ]);
    // Both versions answered with their header during the 50% window.
    const half = r.state!.history[0]!.verdict;
    expect(half.canary!.requests).toBeGreaterThan(0);
    expect(half.stable!.requests).toBeGreaterThan(0);
    expect(r.writes.map((w) => w.canary)).toContain(50);
    expect(r.final).toMatchObject({ canary: 0, stable: 100 });
    const stable = h.mesh.api.object('apps', 'deployments', 'test', 'podinfo-ga') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(stable.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
    const canary = h.mesh.api.object('apps', 'deployments', 'test', 'podinfo-canary') as {
      spec: { replicas: number };
    };
    expect(canary.spec.replicas).toBe(0);
  });

  it('strategy ab: the A/B rule sends the matching requests to the canary, then the weights; removed at 100%', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    const r = await h.run({
      'http-route': 'podinfo',
      strategy: 'ab',
      match: 'header:x-user=beta',
      steps: '50,100',
    });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    const seq = r.writes.map((w) => `${w.canary}${inserted(w).length ? '+ab' : ''}`);
    const first = seq.indexOf('0+ab');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+ab', '50+ab', '100', '100']);
    const [ab] = r.state!.history.filter((x) => x.stage === 'ab');
    expect(ab!.verdict.outcome).toBe('pass');
    const c = ab!.verdict.canary!.requests;
    const s = ab!.verdict.stable!.requests;
    expect(c / (c + s)).toBeGreaterThan(0.2);
    expect(c / (c + s)).toBeLessThan(0.4);
  });

  it('strategy ab with a bad canary: rolled back by the A/B window in one write that removes the A/B rule', async () => {
    h = await startHarness({ 'sim.istio-canary.dev/error-rate': '40%' }, { fixture: HTTP_ROUTE_FIXTURE });
    const r = await h.run({
      'http-route': 'podinfo',
      strategy: 'ab',
      match: 'header:x-user=beta',
      steps: '50,100',
    });
    expect(r.exitCode, r.log.join('\n')).toBe(1);
    expect(r.state?.phase).toBe('rolled-back');
    expect(Math.max(...r.writes.map((w) => w.canary))).toBe(0);
    expect(inserted(r.writes.at(-2)!)).toEqual(['ab']);
    expect(inserted(r.writes.at(-1)!)).toEqual([]);
    expect(r.writes.at(-1)!.phase).toBe('rolled-back');
  });

  it('strategy mirror: a RequestMirror filter to the canary judged on Prometheus, removed with the first weight', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE, prometheus: true });
    const r = await h.run({
      'http-route': 'podinfo',
      strategy: 'mirror',
      'mirror-percent': '50',
      metrics: 'both',
      interval: '3s',
      steps: '100',
    });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    const seq = r.writes.map((w) => `${w.canary}${w.mirror !== null ? `+mirror${w.mirror}` : ''}`);
    const first = seq.indexOf('0+mirror50');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+mirror50', '100', '100']);
    const [m] = r.state!.history.filter((x) => x.stage === 'mirror');
    expect(m!.verdict.outcome).toBe('pass');
    expect(m!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(m!.verdict.reasons.every((x) => x.source !== 'loadgen')).toBe(true);
  });

  it('strategy blue-green: the preview rule by header, then one write switches all traffic', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    const r = await h.run({
      'http-route': 'podinfo',
      strategy: 'blue-green',
      'preview-header': 'x-preview=green',
    });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    const seq = r.writes.map((w) => `${w.canary}${inserted(w).length ? '+preview' : ''}`);
    const first = seq.indexOf('0+preview');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+preview', '100', '100']);
    const [p] = r.state!.history.filter((x) => x.stage === 'preview');
    expect(p!.verdict.outcome).toBe('pass');
    expect(p!.verdict.canary!.requests).toBeGreaterThan(0);
  });

  it('strategy blue-green with a bad canary: rolled back by the preview window in one write that removes the preview rule', async () => {
    h = await startHarness({ 'sim.istio-canary.dev/error-rate': '40%' }, { fixture: HTTP_ROUTE_FIXTURE });
    const r = await h.run({
      'http-route': 'podinfo',
      strategy: 'blue-green',
      'preview-header': 'x-preview=green',
    });
    expect(r.exitCode, r.log.join('\n')).toBe(1);
    expect(r.state?.phase).toBe('rolled-back');
    expect(Math.max(...r.writes.map((w) => w.canary))).toBe(0);
    expect(inserted(r.writes.at(-2)!).length).toBe(1);
    expect(inserted(r.writes.at(-1)!)).toEqual([]);
    expect(r.writes.at(-1)!.phase).toBe('rolled-back');
  });

  it('step holds after the A/B window, status names the strategy on the HTTPRoute, the dry run prints the rest', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    const inputs = { 'http-route': 'podinfo', strategy: 'ab', match: 'header:x-user=beta', steps: '50,100' };
    const one = await h.run({ ...inputs, command: 'step' });
    expect(one.exitCode, one.log.join('\n')).toBe(0);
    expect(one.state).toMatchObject({ phase: 'held', strategy: { passed: 1, on: true } });
    expect(inserted(one.final!)).toEqual(['ab']);
    const status = await h.run({ ...inputs, command: 'status' });
    expect(status.log.join('\n')).toContain(
      'held: strategy ab (header:x-user=beta), 1/1 A/B window(s) passed (A/B route on), canary at 0%',
    );
    const dry = await h.run({ ...inputs, 'dry-run': 'true' });
    expect(dry.error, dry.log.join('\n')).toBeNull();
    const lines = dry.log.filter((l) => l.startsWith('[dry-run] would set')).join('\n');
    expect(lines).toContain(
      'would set podinfo: canary 50% / stable 50%, A/B route (header:x-user=beta → canary)',
    );
    expect(lines).toContain('would set podinfo: canary 100% / stable 0%, no A/B route');
    expect(dry.writes).toEqual([]);
  });
});
