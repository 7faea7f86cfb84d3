// VirtualService mirroring on the ingress: real `hey` and fetch against a route that sends all
// traffic to ga and mirrors 40% to a canary that fails 20% of its requests. The clients only ever
// see ga's answers; a real Prometheus sees the mirrored requests as reporter="destination" series
// of the canary workload (none as reporter="source"), with the canary's own error rate; the
// shadow requests carry Envoy's "-shadow" Host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryConfigSource,
  startDataPlane,
  type MirroredRequest,
} from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import {
  NS,
  ROUTE_HEADER,
  deployment,
  destinationRule,
  gateway,
  run,
  service,
  toSubset,
  virtualService,
} from './sim-dataplane-fixtures.js';
import {
  binomialLowerBound,
  binomialUpperBound,
  countRequests,
  startPrometheus,
  until,
  type Prometheus,
} from './sim-dataplane-match-support.js';

const MIRROR_PERCENT = 40;
const CANARY_ERROR_RATE = 0.2;

let plane: DataPlane;
let prom: Prometheus;
const mirrored: MirroredRequest[] = [];

beforeAll(async () => {
  const config = createMemoryConfigSource([
    deployment('podinfo-ga', { labels: { app: 'podinfo', version: 'ga' } }),
    deployment('podinfo-canary', {
      labels: { app: 'podinfo', version: 'canary' },
      annotations: { 'sim.istio-canary.dev/error-rate': `${CANARY_ERROR_RATE * 100}%` },
    }),
    service('podinfo', { app: 'podinfo' }),
    destinationRule('podinfo', 'podinfo', { ga: { version: 'ga' }, canary: { version: 'canary' } }),
    gateway('gw'),
    virtualService('podinfo', {
      hosts: ['*'],
      gateways: ['gw'],
      http: [
        {
          name: 'primary',
          route: [toSubset('ga', 100), toSubset('canary', 0)],
          mirror: { host: 'podinfo', subset: 'canary' },
          mirrorPercentage: { value: MIRROR_PERCENT },
        },
      ],
    }),
  ]);
  plane = await startDataPlane({ config, seed: 5, onMirror: (m) => mirrored.push(m) });
  prom = await startPrometheus(plane.metricsUrl);
});

afterAll(async () => {
  await prom?.close();
  await plane?.close();
});

const canarySel = (reporter: string): string =>
  `reporter="${reporter}",destination_workload_namespace="${NS}",destination_workload="podinfo-canary"`;

describe('mirroring', () => {
  it('mirrors the configured share to the canary, seen by Prometheus and never by the client', async () => {
    const n = 2500;
    const load = await run('hey', [
      '-n',
      String(n),
      '-c',
      '10',
      '-host',
      'shop.example',
      `${plane.ingressUrl}/`,
    ]);
    expect(load.code, load.stderr).toBe(0);
    // Every client request was answered by ga (0% errors), none by the failing canary.
    expect(load.stdout).toMatch(new RegExp(`\\[200\\]\\s+${n} responses`));

    const m = mirrored.length;
    expect(m).toBeGreaterThanOrEqual(binomialLowerBound(n, MIRROR_PERCENT / 100));
    expect(m).toBeLessThanOrEqual(binomialUpperBound(n, MIRROR_PERCENT / 100));
    expect(new Set(mirrored.map((r) => r.workload))).toEqual(new Set([`${NS}/podinfo-canary`]));
    expect(new Set(mirrored.map((r) => r.headers.host))).toEqual(new Set(['shop.example-shadow']));

    // The canary's sidecar records each shadow request once its app answered.
    const text = await until(
      'the data plane to record every mirrored request',
      async () => (await fetch(plane.metricsUrl)).text(),
      (t) => countRequests(t, { reporter: 'destination', destination_workload: 'podinfo-canary' }) === m,
    );
    expect(countRequests(text, { reporter: 'source', destination_workload: 'podinfo-canary' })).toBe(0);
    expect(countRequests(text, { reporter: 'destination', destination_workload: 'podinfo-ga' })).toBe(n);

    await until(
      'Prometheus to scrape every mirrored request',
      () => prom.scalar(`sum(istio_requests_total{${canarySel('destination')}})`),
      (v) => v === m,
    );
    expect(await prom.query(`istio_requests_total{${canarySel('source')}}`)).toEqual([]);
    const labels = await prom.query(
      `sum by (destination_version, destination_service_name, source_workload) (istio_requests_total{${canarySel('destination')}})`,
    );
    expect(labels.map((s) => s.metric)).toEqual([
      {
        destination_version: 'canary',
        destination_service_name: 'podinfo',
        source_workload: 'istio-ingressgateway',
      },
    ]);

    // The canary is judged on the mirrored requests: its errors are in Prometheus only.
    const failed = await prom.scalar(
      `sum(istio_requests_total{${canarySel('destination')},response_code=~"5.*"}) or vector(0)`,
    );
    expect(failed).toBeGreaterThanOrEqual(binomialLowerBound(m, CANARY_ERROR_RATE));
    expect(failed).toBeLessThanOrEqual(binomialUpperBound(m, CANARY_ERROR_RATE));
  });

  it('gives fetch clients the primary response with the mirror discarded', async () => {
    const before = mirrored.length;
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${plane.ingressUrl}/api/info`);
      const body = (await res.json()) as { version: string };
      expect([res.status, res.headers.get(ROUTE_HEADER), body.version]).toEqual([200, 'ga', 'ga']);
    }
    expect(mirrored.length).toBeGreaterThan(before);
    // fetch sends Host with the port: "-shadow" goes before the port, as Envoy writes it.
    const port = new URL(plane.ingressUrl).port;
    expect(mirrored.at(-1)?.headers.host).toBe(`127.0.0.1-shadow:${port}`);
    expect(mirrored.at(-1)?.path).toBe('/api/info');
  });
});
