// The checks evaluated against a real Prometheus scraping the embedded mesh's data plane after
// real traffic (hey): values, ranges and ratios as Prometheus computes them; no data, several
// series, NaN and a refused query each inconclusive with the query and Prometheus's message;
// a workload name that tries to inject PromQL stays a string.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChecks, type CheckSpec } from '../src/metrics/check-spec.js';
import { evaluateCheck, evaluateChecks, type CheckContext } from '../src/metrics/checks.js';
import { PrometheusClient } from '../src/metrics/prometheus.js';
import { CANARY, HOST, NS, STABLE, startMesh, type Mesh } from './metrics-mesh.js';
import { startPrometheus, type RealPrometheus } from './checks-support.js';
import { run } from './sim-dataplane-fixtures.js';

let mesh: Mesh;
let prom: RealPrometheus;
let client: PrometheusClient;
let ctx: CheckContext;
const CANARY_ERRORS = 0.1;

beforeAll(async () => {
  mesh = await startMesh(
    { latency: 'p50=2ms,p99=10ms' },
    { latency: 'p50=2ms,p99=10ms', errorRate: '10%' },
    50,
  );
  prom = await startPrometheus(mesh.plane.metricsUrl);
  // Several seconds of traffic, so that every series has several scrapes (rate() needs two).
  const load = await run('hey', [
    '-z',
    '6s',
    '-c',
    '8',
    '-q',
    '60',
    '-host',
    HOST,
    `${mesh.plane.ingressUrl}/`,
  ]);
  expect(load.code, load.stderr).toBe(0);
  await prom.caughtUp();
  client = new PrometheusClient({ url: prom.url });
  ctx = {
    namespace: NS,
    stableWorkload: STABLE,
    canaryWorkload: CANARY,
    stableVersion: 'stable',
    canaryVersion: 'canary',
    seconds: 300,
    at: new Date(),
  };
}, 120_000);

afterAll(async () => {
  await prom?.close();
  await mesh?.plane.close();
});

const id = (t: string): string => t;
const one = (yaml: string): CheckSpec => parseChecks(yaml)[0]!;

describe('checks against a real Prometheus', () => {
  it("Flagger's request-success-rate: the canary's percentage of non-5xx answers, failed below min", async () => {
    const r = await evaluateCheck(
      client,
      one('- {name: request-success-rate, thresholdRange: {min: 99}}'),
      ctx,
      id,
    );
    expect(r.outcome).toBe('fail');
    // ~1,400 canary requests: the error fraction's standard deviation is ~0.8 pp; 4 pp is 5 of them.
    expect(Math.abs(r.reason.value! - (1 - CANARY_ERRORS) * 100)).toBeLessThan(4);
    expect(r.reason).toMatchObject({
      metric: 'check:request-success-rate',
      limit: 99,
      ok: false,
      source: 'prometheus',
    });
    expect(r.reason.message).toMatch(
      /^check request-success-rate: \d+(\.\d+)? is outside >= 99 \(prometheus\)$/,
    );
  });

  it('request-duration (P99 in ms) within its max passes', async () => {
    const r = await evaluateCheck(
      client,
      one('- {name: request-duration, thresholdRange: {max: 500}}'),
      ctx,
      id,
    );
    expect(r.outcome, r.reason.message).toBe('pass');
    expect(r.reason.value!).toBeGreaterThan(0);
    expect(r.reason.value!).toBeLessThan(500);
  });

  it('relative-to-stable: the value is canary / stable, the same query run for each workload', async () => {
    const c = one(`
- name: ok-ratio
  query: sum(increase(istio_requests_total{destination_workload="{{ workload }}",response_code="200"}[{{ interval }}])) / sum(increase(istio_requests_total{destination_workload="{{ workload }}"}[{{ interval }}]))
  min: 0.95
  relative-to-stable: true
`);
    const r = await evaluateCheck(client, c, ctx, id);
    expect(r.outcome).toBe('fail');
    expect(Math.abs(r.reason.value! - (1 - CANARY_ERRORS))).toBeLessThan(0.04);
    expect(r.reason.message).toMatch(
      /^check ok-ratio: canary\/stable 0\.\d+\/1 = 0\.\d+ is outside >= 0\.95 \(prometheus\)$/,
    );
  });

  it("{{ version }} is the pods' version label of each side (destination_version)", async () => {
    const c = one(
      '- {name: by-version, query: \'sum(increase(istio_requests_total{destination_version="{{ version }}"}[{{ interval }}]))\', min: 0.75, max: 1.33, relative-to-stable: true}',
    );
    const r = await evaluateCheck(client, c, ctx, id);
    // 50/50 routing: about as many requests to each.
    expect(r.outcome, r.reason.message).toBe('pass');
    expect(r.reason.message).toMatch(
      /^check by-version: canary\/stable \d+(\.\d+)?\/\d+(\.\d+)? = [01]\.\d+ is within \[0\.75, 1\.33\] \(prometheus\)$/,
    );
    const unknown = await evaluateCheck(client, c, { ...ctx, canaryVersion: null }, id);
    expect(unknown.outcome).toBe('inconclusive');
    expect(unknown.reason.message).toContain('{{ version }} has no value for this window');
  });

  it('no data is inconclusive, never a pass, with the rendered query shown', async () => {
    const r = await evaluateCheck(
      client,
      one('- {name: gone, query: \'sum(no_such_metric{namespace="{{ namespace }}"})\', max: 1}'),
      ctx,
      id,
    );
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason).toMatchObject({ ok: false, value: null });
    expect(r.reason.message).toBe(
      `check gone is inconclusive: the query for the canary ${CANARY} returned no data: sum(no_such_metric{namespace="${NS}"}) (prometheus)`,
    );
  });

  it('several series are inconclusive, naming how many (a check needs one value)', async () => {
    const r = await evaluateCheck(
      client,
      one(
        '- {name: per-code, query: \'sum by (response_code) (istio_requests_total{destination_workload="{{ workload }}"})\', min: 0}',
      ),
      ctx,
      id,
    );
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason.message).toContain('returned 2 series; a check needs one value (aggregate it');
  });

  it('NaN (0/0) is inconclusive', async () => {
    const r = await evaluateCheck(
      client,
      one(
        '- {name: nan, query: \'sum(istio_requests_total{destination_workload="{{ workload }}"}) * 0 / 0\', max: 1}',
      ),
      ctx,
      id,
    );
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason.message).toContain('returned NaN (0/0: no requests?)');
  });

  it("a query Prometheus refuses is inconclusive, named with Prometheus's own message", async () => {
    const r = await evaluateCheck(
      client,
      one(
        '- {name: typo, query: \'sum(rate(istio_requests_total{destination_workload="{{ workload }}"}[{{ interval }}])\', max: 1}',
      ),
      ctx,
      id,
    );
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason.message).toMatch(
      /^check typo is inconclusive: Prometheus could not run its query: Prometheus query failed \(400, bad_data\): invalid parameter "query": .*parse error.*; query: sum\(rate\(istio_requests_total\{destination_workload="app-canary"\}\[300s\]\) \(prometheus\)$/,
    );
  });

  it('a workload name that tries to inject PromQL stays inside its string (no data, not the injected value)', async () => {
    const checks = parseChecks(`
- name: exact
  query: 'count(istio_requests_total{destination_workload="{{ workload }}"})'
  max: 0
- name: single
  query: "count(istio_requests_total{destination_workload='{{ workload }}'})"
  max: 0
- name: regex
  query: 'count(istio_requests_total{destination_workload=~"{{ workload }}"})'
  max: 0
`);
    // Unescaped, each would read: count(…{destination_workload="x"}) or vector(42) or count(up{a=""})
    for (const inject of [
      `x"}) or vector(42) or count(up{a="`,
      `x'}) or vector(42) or count(up{a='`,
      `.*`,
      'back\\slash\nnew\u2028line\u0000',
    ]) {
      const rs = await evaluateChecks(client, checks, { ...ctx, canaryWorkload: inject }, id);
      for (const r of rs) {
        expect(r.outcome, r.reason.message).toBe('inconclusive');
        expect(r.reason.message).toContain('returned no data');
      }
    }
    // And the same checks do find the real workload: the queries are valid.
    const real = await evaluateChecks(client, checks, ctx, id);
    expect(real.map((r) => r.outcome)).toEqual(['fail', 'fail', 'fail']);
  });
});
