// Strategies mirror and blue-green (issue 15) end to end through execute() on the embedded
// mesh. Mirror: the stepped route copies mirror-percent of its requests to the canary, whose
// numbers a real Prometheus (scraping the mesh) gives from destination metrics, then the mirror
// goes and the weights follow; a bad canary is rolled back in one write that removes the
// mirror. Blue/green: the preview route (a header, or a separate host) reaches the canary while
// the load sends 30% of its requests there, then one write switches all traffic; a bad canary
// is rolled back in one write that removes the preview. Bad combinations are named errors with
// nothing written; the dry run prints each stage's write.
import { afterEach, describe, expect, it } from 'vitest';
import { inserted, startHarness, type Harness } from './strategy-promote-support.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const vsWrites = (harness: Harness, from: number) =>
  harness.mesh.api.requests
    .slice(from)
    .filter(
      (e) =>
        ['create', 'update', 'patch', 'delete'].includes(e.verb) &&
        e.query.dryRun !== 'All' &&
        e.resource !== 'leases',
    );

describe('strategy mirror on a VirtualService', () => {
  const MIRROR = {
    strategy: 'mirror',
    'mirror-percent': '50',
    metrics: 'both',
    interval: '3s',
    steps: '100',
  };

  it('mirrors half the requests to the canary, judges it on Prometheus destination metrics, then removes the mirror and promotes', async () => {
    h = await startHarness({}, { prometheus: true });
    const r = await h.run(MIRROR);
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    expect(r.state?.phase).toBe('promoted');
    const seq = r.writes.map((w) => `${w.canary}${w.mirror !== null ? `+mirror${w.mirror}` : ''}`);
    const first = seq.indexOf('0+mirror50');
    expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
    expect(seq.slice(first), seq.join(' ')).toEqual(['0+mirror50', '100', '100']);
    const [m] = r.state!.history.filter((x) => x.stage === 'mirror');
    expect(m!.verdict.outcome).toBe('pass');
    // Only Prometheus judged the mirror window: its canary requests are the mirrored copies.
    expect(m!.verdict.reasons.every((x) => x.source !== 'loadgen')).toBe(true);
    expect(m!.verdict.canary!.requests).toBeGreaterThan(0);
    expect(m!.verdict.reasons.map((x) => x.message).join('\n')).toContain(
      'the canary is judged on the mirrored requests, from Prometheus destination metrics (reporter="destination")',
    );
    expect(r.report?.strategy?.lines.join('\n')).toContain('Prometheus destination metrics');
  });

  it('a bad canary fails the mirror window: rolled back in one write that removes the mirror', async () => {
    h = await startHarness({ 'sim.istio-canary.dev/error-rate': '50%' }, { prometheus: true });
    const r = await h.run(MIRROR);
    expect(r.exitCode, r.log.join('\n')).toBe(1);
    expect(r.state?.phase).toBe('rolled-back');
    expect(r.state?.reason).toMatch(
      /^mirror: 50% of the requests copied to the canary (failed|inconclusive twice): /,
    );
    expect(Math.max(...r.writes.map((w) => w.canary))).toBe(0);
    const last = r.writes.at(-1)!;
    expect(last.mirror).toBeNull();
    expect(last.phase).toBe('rolled-back');
    expect(r.writes.at(-2)!.mirror).toBe(50);
  });

  it('metrics: loadgen is refused by name before anything is written', async () => {
    h = await startHarness({});
    const before = h.mesh.api.requests.length;
    const r = await h.run({ ...MIRROR, metrics: 'loadgen' });
    expect(r.error).toContain('strategy mirror with metrics: loadgen');
    expect(r.error).toContain('Nothing was written');
    expect(vsWrites(h, before)).toEqual([]);
  });
});

describe('strategy blue-green on a VirtualService', () => {
  for (const [what, preview] of [
    ['a preview header', { 'preview-header': 'x-preview=green' }],
    ['a preview host', { 'preview-host': 'preview.podinfo.co.uk' }],
  ] as const) {
    it(`judges the canary on ${what}, then switches all traffic in one write`, async () => {
      h = await startHarness({});
      const r = await h.run({ strategy: 'blue-green', ...preview });
      expect(r.error, r.log.join('\n')).toBeNull();
      expect(r.exitCode, r.log.join('\n')).toBe(0);
      expect(r.state?.phase).toBe('promoted');
      const seq = r.writes.map((w) => `${w.canary}${inserted(w).length ? `+${inserted(w).join('+')}` : ''}`);
      const first = seq.indexOf('0+preview');
      expect(first, seq.join(' ')).toBeGreaterThanOrEqual(0);
      // The preview window, then the switch (one write: 100% and no preview), then promoted.
      expect(seq.slice(first), seq.join(' ')).toEqual(['0+preview', '100', '100']);
      expect(r.state!.steps).toEqual([100]);
      const [p] = r.state!.history.filter((x) => x.stage === 'preview');
      expect(p!.verdict.outcome).toBe('pass');
      // The load sent 30% of its requests to the preview: the green version answered them.
      const c = p!.verdict.canary!.requests;
      const s = p!.verdict.stable!.requests;
      expect(c / (c + s)).toBeGreaterThan(0.2);
      expect(c / (c + s)).toBeLessThan(0.4);
      expect(r.state!.history.filter((x) => !x.stage).map((x) => x.weight)).toEqual([100]);
    });
  }

  it('a bad canary fails the preview window: rolled back in one write that removes the preview route', async () => {
    h = await startHarness({ 'sim.istio-canary.dev/error-rate': '40%' });
    const r = await h.run({ strategy: 'blue-green', 'preview-header': 'x-preview=green' });
    expect(r.exitCode, r.log.join('\n')).toBe(1);
    expect(r.state?.phase).toBe('rolled-back');
    expect(r.state?.reason).toMatch(/^preview: header:x-preview=green → canary failed: /);
    expect(Math.max(...r.writes.map((w) => w.canary))).toBe(0);
    expect(inserted(r.writes.at(-2)!)).toEqual(['preview']);
    expect(inserted(r.writes.at(-1)!)).toEqual([]);
    expect(r.writes.at(-1)!.phase).toBe('rolled-back');
  });

  it('a preview host the VirtualService does not serve is a named error with nothing written', async () => {
    h = await startHarness({});
    const before = h.mesh.api.requests.length;
    const r = await h.run({ strategy: 'blue-green', 'preview-host': 'green.elsewhere.example' });
    expect(r.error).toMatch(/green\.elsewhere\.example/);
    expect(r.error).toContain('Nothing was written');
    expect(vsWrites(h, before)).toEqual([]);
  });
});

describe('dry run of a strategy', () => {
  it('prints each stage write: the A/B windows, the weights with the A/B route, 100% without it', async () => {
    h = await startHarness({});
    const r = await h.run({
      strategy: 'ab',
      match: 'header:x-user=beta',
      iterations: '2',
      steps: '50,100',
      'dry-run': 'true',
    });
    expect(r.error, r.log.join('\n')).toBeNull();
    const lines = r.log.filter(
      (l) => l.startsWith('[dry-run] would write') || l.startsWith('[dry-run] would set'),
    );
    expect(lines.join('\n')).toContain(
      '[dry-run] would write podinfo: canary 0% / stable 100%, A/B route (header:x-user=beta → canary), then measure',
    );
    expect(lines.some((l) => l.includes('A/B 2/2: header:x-user=beta → canary'))).toBe(true);
    expect(lines.join('\n')).toContain(
      'would set podinfo: canary 50% / stable 50%, A/B route (header:x-user=beta → canary), then measure',
    );
    expect(lines.join('\n')).toContain('would set podinfo: canary 100% / stable 0%, no A/B route');
    expect(
      h.mesh.api.requests.filter(
        (e) => e.resource === 'virtualservices' && e.verb === 'update' && e.query.dryRun !== 'All',
      ),
    ).toEqual([]);
  });
});

describe('a header match an earlier route would take first', () => {
  it('is a named error (match-shadowed) with nothing written', async () => {
    // http[0] sends every request with x-user starting "b" to ga: "x-user: beta" never reaches an A/B route after it.
    const earlier = `  http:
    - name: beta-users-on-ga
      match:
        - headers:
            x-user:
              prefix: b
      route:
        - destination:
            host: podinfo.test.svc.cluster.local
            subset: ga
    - route:`;
    h = await startHarness(
      {},
      { edit: (f, text) => (f === 'istio.yaml' ? text.replace('  http:\n    - route:', earlier) : text) },
    );
    const before = h.mesh.api.requests.length;
    const r = await h.run({ strategy: 'ab', match: 'header:x-user=beta', route: '1', steps: '50,100' });
    expect(r.error).toMatch(
      /http\[0\] \(beta-users-on-ga\) comes before http\[1\].*the canary would never get them/,
    );
    expect(r.error).toContain('Nothing was written');
    expect(vsWrites(h, before)).toEqual([]);
  });
});
