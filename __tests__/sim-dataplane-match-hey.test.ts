// Header and cookie matching on the ingress, driven over the wire: real `hey` (counted by the data
// plane's own Istio metrics, as Prometheus would) and Node's fetch (counted by the response header
// each destination sets). Matching requests all reach the canary; the rest split by weight, within
// exact binomial bounds (a wrong share fails with probability ≥ 1 - 1e-6, a right one passes
// except with probability ≤ 2e-6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import {
  ROUTE_HEADER,
  deployment,
  destinationRule,
  gateway,
  run,
  service,
  toSubset,
  virtualService,
} from './sim-dataplane-fixtures.js';
import { binomialLowerBound, binomialUpperBound, countRequests } from './sim-dataplane-match-support.js';

const CANARY_WEIGHT = 20;
const COOKIE = '^(.*?;)?(user=test)(;.*)?$';

let plane: DataPlane;

beforeAll(async () => {
  const config = createMemoryConfigSource([
    deployment('podinfo-ga', { labels: { app: 'podinfo', version: 'ga' } }),
    deployment('podinfo-canary', { labels: { app: 'podinfo', version: 'canary' } }),
    service('podinfo', { app: 'podinfo' }),
    destinationRule('podinfo', 'podinfo', { ga: { version: 'ga' }, canary: { version: 'canary' } }),
    gateway('gw'),
    virtualService('podinfo', {
      hosts: ['*'],
      gateways: ['gw'],
      http: [
        {
          name: 'ab-cookie',
          match: [{ headers: { cookie: { regex: COOKIE } } }],
          route: [toSubset('canary')],
        },
        {
          name: 'ab-header',
          match: [
            { headers: { 'x-canary': { exact: 'always' } } },
            { headers: { 'x-tester': { prefix: 'qa-' } } },
          ],
          route: [toSubset('canary')],
        },
        { name: 'primary', route: [toSubset('ga', 100 - CANARY_WEIGHT), toSubset('canary', CANARY_WEIGHT)] },
      ],
    }),
  ]);
  plane = await startDataPlane({ config, seed: 11 });
});

afterAll(async () => {
  await plane?.close();
});

async function served(): Promise<{ ga: number; canary: number }> {
  const text = await (await fetch(plane.metricsUrl)).text();
  const of = (v: string): number => countRequests(text, { reporter: 'destination', destination_version: v });
  return { ga: of('ga'), canary: of('canary') };
}

async function hey(n: number, headers: string[]): Promise<{ ga: number; canary: number }> {
  const before = await served();
  const args = ['-n', String(n), '-c', '10', ...headers.flatMap((h) => ['-H', h]), `${plane.ingressUrl}/`];
  const r = await run('hey', args);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`\\[200\\]\\s+${n} responses`));
  const after = await served();
  return { ga: after.ga - before.ga, canary: after.canary - before.canary };
}

describe('A/B matching with hey', () => {
  it('sends every request with the test cookie to the canary', async () => {
    expect(await hey(1000, ['Cookie: session=1;user=test;theme=dark'])).toEqual({ ga: 0, canary: 1000 });
  });

  it('sends every request with a matching header (either match block) to the canary', async () => {
    expect(await hey(500, ['X-Canary: always'])).toEqual({ ga: 0, canary: 500 });
    expect(await hey(500, ['X-Tester: qa-7'])).toEqual({ ga: 0, canary: 500 });
  });

  it('splits the other requests by weight, within binomial bounds', async () => {
    const n = 3000;
    // Near misses: a cookie the regex does not match, a header value that is not exact.
    const got = await hey(n, ['Cookie: user=tester', 'X-Canary: always-not']);
    expect(got.ga + got.canary).toBe(n);
    expect(got.canary).toBeGreaterThanOrEqual(binomialLowerBound(n, CANARY_WEIGHT / 100));
    expect(got.canary).toBeLessThanOrEqual(binomialUpperBound(n, CANARY_WEIGHT / 100));
  });
});

describe('A/B matching with fetch', () => {
  async function destinationOf(headers: Record<string, string>): Promise<string> {
    const res = await fetch(`${plane.ingressUrl}/api/info`, { headers });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    return res.headers.get(ROUTE_HEADER) ?? 'none';
  }

  it('answers matching requests from the canary and the others by weight', async () => {
    const n = 400;
    let weightedCanary = 0;
    for (let i = 0; i < n; i++) {
      expect(await destinationOf({ cookie: `a=${i};user=test` })).toBe('canary');
      expect(await destinationOf({ 'x-tester': `qa-${i}` })).toBe('canary');
      // The space after ';' is not in the regex users copy from Istio's docs: no match, as in Envoy.
      if ((await destinationOf({ cookie: `a=${i}; user=test` })) === 'canary') weightedCanary++;
    }
    expect(weightedCanary).toBeGreaterThanOrEqual(binomialLowerBound(n, CANARY_WEIGHT / 100));
    expect(weightedCanary).toBeLessThanOrEqual(binomialUpperBound(n, CANARY_WEIGHT / 100));
  });
});
