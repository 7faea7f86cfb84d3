// The ingress routes as Istio does, driven over real loopback sockets with plain objects as config.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryConfigSource,
  startDataPlane,
  type MemoryConfigSource,
} from '../src/sim/dataplane/index.js';
import type { DataPlane } from '../src/sim/types.js';
import {
  NS,
  ROUTE_HEADER,
  deployment,
  destinationRule,
  destroyAgent,
  gateway,
  podinfoSeed,
  send,
  service,
  toSubset,
  virtualService,
} from './sim-dataplane-fixtures.js';

const FAST = { 'sim.istio-canary.dev/latency': '0ms' };

let plane: DataPlane;
let config: MemoryConfigSource;

async function start(objects: Parameters<typeof createMemoryConfigSource>[0]): Promise<void> {
  config = createMemoryConfigSource(objects);
  plane = await startDataPlane({ config, seed: 42 });
}

const get = (path: string, host: string, headers: Record<string, string> = {}, method = 'GET') =>
  send(plane.ingressUrl, path, { host, headers, method });

afterEach(async () => {
  await plane.close();
});
afterAll(() => destroyAgent());

describe('host and gateway selection', () => {
  beforeEach(async () => {
    await start(podinfoSeed({ ga: FAST, canary: FAST, http: [{ route: [toSubset('ga')] }] }));
  });

  it('serves a short VirtualService host under every name a sidecar accepts, ignoring the port', async () => {
    for (const host of [
      'podinfo',
      'podinfo:9898',
      'podinfo.test',
      'podinfo.test.svc',
      'podinfo.test.svc.cluster.local',
      'PODINFO.co.uk',
      'podinfo.co.uk:80',
    ]) {
      const r = await get('/', host);
      expect(r.status, host).toBe(200);
      expect(r.headers[ROUTE_HEADER], host).toBe('ga');
    }
  });

  it('answers 404 with an empty body, as Envoy does, for an unknown host', async () => {
    for (const host of ['unknown.example.com', '127.0.0.1', 'podinfo.other']) {
      const r = await get('/', host);
      expect(r.status, host).toBe(404);
      expect(r.body).toBe('');
    }
  });

  it('serves VirtualServices bound to mesh, to a stored Gateway by name or ns/name, not to a missing one', async () => {
    config.apply(
      deployment('other', { labels: { app: 'other' }, annotations: FAST }),
      service('other', { app: 'other' }),
      gateway('edge', 'istio-system'),
      virtualService('mesh-default', {
        hosts: ['a.example.com'],
        http: [{ route: [{ destination: { host: 'other' } }] }],
      }),
      virtualService('by-name', {
        hosts: ['b.example.com'],
        gateways: ['podinfo-gateway'],
        http: [{ route: [{ destination: { host: 'other' } }] }],
      }),
      virtualService('by-ns-name', {
        hosts: ['c.example.com'],
        gateways: ['istio-system/edge'],
        http: [{ route: [{ destination: { host: 'other' } }] }],
      }),
      virtualService('missing-gateway', {
        hosts: ['d.example.com'],
        gateways: ['nowhere'],
        http: [{ route: [{ destination: { host: 'other' } }] }],
      }),
    );
    expect((await get('/', 'a.example.com')).status).toBe(200);
    expect((await get('/', 'b.example.com')).status).toBe(200);
    expect((await get('/', 'c.example.com')).status).toBe(200);
    expect((await get('/', 'd.example.com')).status).toBe(404);
  });

  it('prefers an exact host, then the longest wildcard suffix, then "*"', async () => {
    const to = (subset: string) => ({ http: [{ route: [toSubset(subset)] }] });
    config.apply(
      deployment('podinfo-x', { labels: { app: 'podinfo', version: 'x' }, annotations: FAST }),
      destinationRule('podinfo', 'podinfo.test', {
        ga: { version: 'ga' },
        canary: { version: 'canary' },
        x: { version: 'x' },
      }),
      virtualService('wild', { hosts: ['*.example.com'], ...to('ga') }),
      virtualService('wilder', { hosts: ['*.api.example.com'], ...to('canary') }),
      virtualService('exact', { hosts: ['www.api.example.com'], ...to('x') }),
      virtualService('all', { hosts: ['*'], ...to('canary') }),
    );
    expect((await get('/', 'shop.example.com')).headers[ROUTE_HEADER]).toBe('ga');
    expect((await get('/', 'v1.api.example.com')).headers[ROUTE_HEADER]).toBe('canary');
    expect((await get('/', 'www.api.example.com')).headers[ROUTE_HEADER]).toBe('x');
    // "*.example.com" does not cover the bare domain; "*" does.
    expect((await get('/', 'example.com')).headers[ROUTE_HEADER]).toBe('canary');
  });
});

describe('http route matching', () => {
  beforeEach(async () => {
    const r = (name: string, match: unknown[]) => ({
      name,
      match,
      route: [
        {
          destination: { host: 'podinfo', subset: 'ga' },
          headers: { response: { set: { 'x-route': name } } },
        },
      ],
    });
    await start(
      podinfoSeed({
        ga: FAST,
        canary: FAST,
        http: [
          r('uri-exact', [{ uri: { exact: '/version' } }]),
          r('uri-prefix', [{ uri: { prefix: '/api/' } }]),
          r('uri-regex', [{ uri: { regex: '/status/5[0-9]{2}' } }]),
          r('header-exact', [{ headers: { 'X-User': { exact: 'alice' } } }]),
          r('header-prefix', [{ headers: { 'x-user': { prefix: 'bo' } } }]),
          r('header-regex', [{ headers: { 'x-user': { regex: 'c.*l' } } }]),
          r('method-and-query', [{ method: { exact: 'DELETE' }, queryParams: { force: { exact: 'true' } } }]),
          r('query-regex', [{ queryParams: { id: { regex: '[0-9]+' } } }]),
          r('either', [{ uri: { prefix: '/one' } }, { uri: { prefix: '/two' } }]),
        ],
      }),
    );
  });

  it('takes the first route whose match accepts the request', async () => {
    const cases: [string, Record<string, string>, string, string | undefined][] = [
      ['/version', {}, 'GET', 'uri-exact'],
      ['/version/x', {}, 'GET', undefined],
      ['/api/info', {}, 'GET', 'uri-prefix'],
      ['/status/503', {}, 'GET', 'uri-regex'],
      ['/status/5031', {}, 'GET', undefined], // regexes match the whole path
      ['/', { 'x-user': 'alice' }, 'GET', 'header-exact'],
      ['/', { 'x-user': 'alicia' }, 'GET', undefined],
      ['/', { 'x-user': 'bob' }, 'GET', 'header-prefix'],
      ['/', { 'x-user': 'carol' }, 'GET', 'header-regex'],
      ['/?force=true', {}, 'DELETE', 'method-and-query'],
      ['/?force=true', {}, 'GET', undefined],
      ['/?id=123&x=y', {}, 'GET', 'query-regex'],
      ['/?id=abc', {}, 'GET', undefined],
      ['/two/x', {}, 'GET', 'either'],
      ['/version', { 'x-user': 'alice' }, 'GET', 'uri-exact'], // order decides, not specificity
    ];
    for (const [path, headers, method, want] of cases) {
      const r = await get(path, 'podinfo', headers, method);
      const label = `${method} ${path} ${JSON.stringify(headers)}`;
      if (want === undefined) expect(r.status, label).toBe(404);
      else expect(r.headers['x-route'], label).toBe(want);
    }
  });
});

describe('destinations, subsets and headers', () => {
  it('resolves subsets to the Deployment whose pod labels match selector + subset labels', async () => {
    await start(podinfoSeed({ ga: FAST, canary: FAST, http: [{ route: [toSubset('canary')] }] }));
    const r = await get('/', 'podinfo');
    const body = JSON.parse(r.body) as { version: string; hostname: string };
    expect(body.version).toBe('canary');
    expect(body.hostname).toMatch(/^podinfo-canary-[0-9a-f]{8}-[0-9a-z]{5}$/);

    // No subset: the Service's endpoints are both Deployments.
    config.apply(
      virtualService('podinfo', {
        hosts: ['podinfo'],
        http: [{ route: [{ destination: { host: 'podinfo.test.svc.cluster.local' } }] }],
      }),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++)
      seen.add((JSON.parse((await get('/', 'podinfo')).body) as { version: string }).version);
    expect([...seen].sort()).toEqual(['canary', 'ga']);
  });

  it('answers 503 when the subset or the service does not exist', async () => {
    await start(podinfoSeed({ ga: FAST, canary: FAST, http: [{ route: [toSubset('nope')] }] }));
    expect((await get('/', 'podinfo')).status).toBe(503);
    config.apply(
      virtualService('podinfo', {
        hosts: ['podinfo'],
        http: [{ route: [{ destination: { host: 'ghost' } }] }],
      }),
    );
    expect((await get('/', 'podinfo')).status).toBe(503);
  });

  it('answers 503 "no healthy upstream" while no replica is available, and serves once one is', async () => {
    await start(podinfoSeed({ ga: FAST, canary: FAST, http: [{ route: [toSubset('canary')] }] }));
    config.apply(
      deployment('podinfo-canary', {
        labels: { app: 'podinfo', version: 'canary' },
        annotations: FAST,
        available: 0,
      }),
    );
    const down = await get('/', 'podinfo');
    expect(down.status).toBe(503);
    expect(down.body).toBe('no healthy upstream');
    config.apply(
      deployment('podinfo-canary', {
        labels: { app: 'podinfo', version: 'canary' },
        annotations: FAST,
        available: 2,
      }),
    );
    expect((await get('/', 'podinfo')).status).toBe(200);
  });

  it('applies request and response header set/add/remove at route and destination level', async () => {
    await start(
      podinfoSeed({
        ga: FAST,
        canary: FAST,
        http: [
          {
            headers: {
              request: {
                set: { 'x-route-set': 'r' },
                add: { 'x-multi': 'from-route' },
                remove: ['x-drop-me'],
              },
              response: {
                set: { 'x-resp-route': 'r' },
                add: { 'x-resp-multi': 'route' },
                remove: ['x-content-type-options'],
              },
            },
            route: [
              {
                destination: { host: 'podinfo', subset: 'ga' },
                headers: {
                  request: { set: { 'x-dest-set': 'd', 'x-multi': 'from-dest' } },
                  response: {
                    set: { 'x-resp-dest': 'd', 'x-resp-multi': 'dest' },
                    remove: ['x-envoy-upstream-service-time'],
                  },
                },
              },
            ],
          },
        ],
      }),
    );
    const r = await get('/headers', 'podinfo', { 'x-drop-me': '1', 'x-keep-me': '2' });
    const seen = JSON.parse(r.body) as Record<string, string[]>;
    expect(seen['x-route-set']).toEqual(['r']);
    expect(seen['x-dest-set']).toEqual(['d']);
    expect(seen['x-multi']).toEqual(['from-dest', 'from-route']);
    expect(seen['x-drop-me']).toBeUndefined();
    expect(seen['x-keep-me']).toEqual(['2']);
    expect(seen['x-request-id']?.[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-resp-route']).toBe('r');
    expect(r.headers['x-resp-dest']).toBe('d');
    expect(r.headers['x-resp-multi']).toBe('dest, route');
    expect(r.headers['x-envoy-upstream-service-time']).toBeUndefined();
    expect(r.headers.server).toBe('istio-envoy');
  });

  it('re-reads the weights when the VirtualService changes', async () => {
    await start(
      podinfoSeed({
        ga: FAST,
        canary: FAST,
        http: [{ route: [toSubset('canary', 0), toSubset('ga', 100)] }],
      }),
    );
    const count = async (): Promise<Record<string, number>> => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < 50; i++) {
        const v = String((await get('/', 'podinfo')).headers[ROUTE_HEADER]);
        counts[v] = (counts[v] ?? 0) + 1;
      }
      return counts;
    };
    expect(await count()).toEqual({ ga: 50 });
    config.apply(
      ...podinfoSeed({
        ga: FAST,
        canary: FAST,
        http: [{ route: [toSubset('canary', 100), toSubset('ga', 0)] }],
      }),
    );
    expect(await count()).toEqual({ canary: 50 });
    config.apply(
      ...podinfoSeed({
        ga: FAST,
        canary: FAST,
        http: [{ route: [toSubset('canary', 50), toSubset('ga', 50)] }],
      }),
    );
    const mixed = await count();
    expect(mixed.ga).toBeGreaterThan(10);
    expect(mixed.canary).toBeGreaterThan(10);
  });
});

describe('faults, timeouts, rewrites', () => {
  it('aborts with the fault status, delays, times out with 504, rewrites the prefix, answers directly', async () => {
    await start(
      podinfoSeed({
        ga: FAST,
        canary: FAST,
        http: [
          {
            match: [{ uri: { prefix: '/abort' } }],
            fault: { abort: { httpStatus: 418, percentage: { value: 100 } } },
            route: [toSubset('ga')],
          },
          {
            match: [{ uri: { prefix: '/slow' } }],
            timeout: '0.05s',
            rewrite: { uri: '/delay' },
            route: [toSubset('ga')],
          },
          { match: [{ uri: { prefix: '/v' } }], rewrite: { uri: '/version' }, route: [toSubset('canary')] },
          { match: [{ uri: { exact: '/direct' } }], directResponse: { status: 299, body: { string: 'hi' } } },
        ],
      }),
    );
    expect((await get('/abort', 'podinfo')).status).toBe(418);
    expect((await get('/slow/1', 'podinfo')).status).toBe(504);
    const v = await get('/v', 'podinfo');
    expect(JSON.parse(v.body)).toEqual({ version: 'canary', commit: 'canary' });
    const d = await get('/direct', 'podinfo');
    expect([d.status, d.body]).toEqual([299, 'hi']);
  });
});

describe('the podinfo-like app', () => {
  it('serves podinfo endpoints and reports the image tag as version without a version label', async () => {
    await start([
      deployment('web', {
        labels: { app: 'web' },
        annotations: FAST,
        image: 'ghcr.io/stefanprodan/podinfo:6.5.4',
      }),
      service('web', { app: 'web' }),
      virtualService('web', { hosts: ['web'], http: [{ route: [{ destination: { host: 'web' } }] }] }),
    ]);
    expect(JSON.parse((await get('/', 'web')).body)).toMatchObject({
      version: '6.5.4',
      message: 'greetings from podinfo 6.5.4',
    });
    expect(JSON.parse((await get('/version', 'web')).body)).toMatchObject({ version: '6.5.4' });
    expect(JSON.parse((await get('/healthz', 'web')).body)).toEqual({ status: 'OK' });
    expect(JSON.parse((await get('/readyz', 'web')).body)).toEqual({ status: 'OK' });
    expect((await get('/status/418', 'web')).status).toBe(418);
    expect(JSON.parse((await get('/delay/0.01', 'web')).body)).toEqual({ delay: 0.01 });
    const echo = await send(plane.ingressUrl, '/echo', { host: 'web', method: 'POST', body: 'ping' });
    expect([echo.status, echo.body]).toEqual([202, 'ping']);
    expect((await get('/nope', 'web')).status).toBe(404);
  });

  it('answers the configured error code at a 100% error rate, but not on probes', async () => {
    await start([
      deployment('web', {
        labels: { app: 'web' },
        annotations: {
          ...FAST,
          'sim.istio-canary.dev/error-rate': '100%',
          'sim.istio-canary.dev/error-code': '503',
        },
      }),
      service('web', { app: 'web' }),
      virtualService('web', { hosts: ['web'], http: [{ route: [{ destination: { host: 'web' } }] }] }),
    ]);
    expect((await get('/', 'web')).status).toBe(503);
    expect((await get('/healthz', 'web')).status).toBe(200);
  });
});

describe('Istio standard metrics', () => {
  it('records each request for reporter destination and source with the labels Istio sets', async () => {
    await start(podinfoSeed({ ga: FAST, canary: FAST, http: [{ route: [toSubset('canary')] }] }));
    for (let i = 0; i < 3; i++) await get('/', 'podinfo');
    await get('/status/500', 'podinfo');
    await get('/', 'nowhere');
    const text = await (await fetch(plane.metricsUrl)).text();
    const dst = [
      'reporter="destination"',
      'source_workload="istio-ingressgateway"',
      'source_workload_namespace="istio-system"',
      'destination_workload="podinfo-canary"',
      `destination_workload_namespace="${NS}"`,
      'destination_app="podinfo"',
      'destination_version="canary"',
      'destination_service="podinfo.test.svc.cluster.local"',
      'destination_service_name="podinfo"',
      'destination_service_namespace="test"',
      'destination_canonical_service="podinfo"',
      'destination_canonical_revision="canary"',
      'request_protocol="http"',
      'response_code="200"',
      'grpc_response_status=""',
      'response_flags="-"',
      'connection_security_policy="mutual_tls"',
    ];
    const line = text
      .split('\n')
      .find((l) => l.startsWith('istio_requests_total{') && dst.every((d) => l.includes(d)));
    expect(line).toMatch(/ 3$/);
    expect(text).toMatch(/istio_requests_total\{reporter="destination"[^}]*response_code="500"[^}]*\} 1\n/);
    expect(text).toMatch(
      /istio_requests_total\{reporter="source"[^}]*destination_workload="podinfo-canary"[^}]*response_code="200"[^}]*\} 3\n/,
    );
    expect(text).toMatch(
      /istio_requests_total\{reporter="source"[^}]*response_code="404",[^}]*response_flags="NR"[^}]*\} 1\n/,
    );
    const les = [
      ...text.matchAll(
        /istio_request_duration_milliseconds_bucket\{reporter="destination"[^}]*response_code="200"[^}]*le="([^"]+)"\}/g,
      ),
    ].map((m) => m[1]);
    expect(les).toEqual([
      '0.5',
      '1',
      '5',
      '10',
      '25',
      '50',
      '100',
      '250',
      '500',
      '1000',
      '2500',
      '5000',
      '10000',
      '30000',
      '60000',
      '300000',
      '600000',
      '1800000',
      '3600000',
      '+Inf',
    ]);
  });
});
