// Gateway API HTTPRoutes compiled into the routing table, pure: Istio's precedence between rules,
// listener/route hostname intersection (property-checked against a reference), parentRef
// attachment and the status conditions istiod reports, weights, mirror and filters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRoutingTable,
  pickDestination,
  routesForHost,
  selectRoute,
  type RoutingTable,
} from '../src/sim/dataplane/routes.js';
import { intersectHostnames } from '../src/sim/dataplane/routes-gateway-api.js';
import type { KubeObject } from '../src/sim/types.js';
import { view } from './sim-dataplane-match-support.js';
import { deployment, destroyAgent, send, service } from './sim-dataplane-fixtures.js';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';

const NS = 'test';

function k8sGateway(
  name: string,
  listeners: Record<string, unknown>[],
  opts: { className?: string; ns?: string } = {},
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: opts.ns ?? NS },
    spec: { gatewayClassName: opts.className ?? 'istio', listeners },
  };
}

function httpRoute(
  name: string,
  spec: Record<string, unknown>,
  created = '2026-01-01T00:00:00Z',
  ns = NS,
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: ns, creationTimestamp: created } as KubeObject['metadata'],
    spec: { parentRefs: [{ name: 'gw' }], ...spec },
  };
}

const HTTP = { name: 'http', port: 80, protocol: 'HTTP' };
const backend = (name: string, weight?: number): Record<string, unknown> => ({
  name,
  port: 9898,
  ...(weight === undefined ? {} : { weight }),
});

function table(
  routes: KubeObject[],
  gateways: KubeObject[] = [k8sGateway('gw', [HTTP])],
  extra: { services?: KubeObject[]; referenceGrants?: KubeObject[]; namespaces?: KubeObject[] } = {},
): RoutingTable {
  return buildRoutingTable({
    virtualServices: [],
    destinationRules: [],
    gateways: [],
    deployments: [
      deployment('podinfo-primary', { labels: { app: 'podinfo-primary', version: 'v1' } }),
      deployment('podinfo', { labels: { app: 'podinfo', version: 'v2' } }),
    ],
    services: [
      service('podinfo-primary', { app: 'podinfo-primary' }),
      service('podinfo-canary', { app: 'podinfo' }),
      ...(extra.services ?? []),
    ],
    k8sGateways: gateways,
    httpRoutes: routes,
    referenceGrants: extra.referenceGrants ?? [],
    namespaces: extra.namespaces ?? [],
  });
}

const chosen = (
  t: RoutingTable,
  req: Parameters<typeof view>[0],
  host = 'app.example',
): string | undefined => {
  const routes = routesForHost(t, host);
  return routes && selectRoute(routes, view(req))?.name;
};

const conditions = (t: RoutingTable, route: string): string[][] =>
  (t.gatewayApi.routes.get(`${NS}/${route}`) ?? []).map((p) =>
    p.conditions.map((c) => `${c.type}=${c.status}:${c.reason}`),
  );

describe('HTTPRoute precedence (Istio: path kind, path length, method, headers, query params)', () => {
  const rule = (name: string, match: Record<string, unknown>) => ({
    name,
    matches: [match],
    backendRefs: [backend('podinfo-primary')],
  });
  const t = table([
    httpRoute('a', {
      hostnames: ['app.example'],
      rules: [
        rule('regex', { path: { type: 'RegularExpression', value: '/api/v[0-9]+/items' } }),
        rule('root', { path: { type: 'PathPrefix', value: '/' } }),
        rule('api', { path: { type: 'PathPrefix', value: '/api' } }),
        rule('api-header', {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ name: 'x-canary', value: 'always' }],
        }),
        rule('api-post', { path: { type: 'PathPrefix', value: '/api' }, method: 'POST' }),
        rule('exact', { path: { type: 'Exact', value: '/api/v1/items' } }),
      ],
    }),
    httpRoute(
      'b',
      {
        hostnames: ['app.example'],
        rules: [rule('older-api', { path: { type: 'PathPrefix', value: '/api' } })],
      },
      '2025-01-01T00:00:00Z',
    ),
  ]);

  it('orders rules across routes by specificity, not by where they are written', () => {
    expect(chosen(t, { path: '/api/v1/items' })).toBe('exact');
    expect(chosen(t, { path: '/api/v2/items' })).toBe('older-api'); // a prefix outranks a regex
    expect(chosen(t, { path: '/api/x', method: 'POST', headers: { 'x-canary': 'always' } })).toBe('api-post');
    expect(chosen(t, { path: '/api/x', headers: { 'x-canary': 'always' } })).toBe('api-header');
    expect(chosen(t, { path: '/api/x' })).toBe('older-api'); // equal rank: the older route first
    expect(chosen(t, { path: '/apix' })).toBe('root'); // PathPrefix is element-wise
    expect(chosen(t, { path: '/' })).toBe('root');
  });

  it('defaults a rule without matches to PathPrefix / and headers to Exact', () => {
    const d = table([
      httpRoute('d', {
        hostnames: ['app.example'],
        rules: [
          {
            name: 'hdr',
            matches: [{ headers: [{ name: 'X-User', value: 'qa' }] }],
            backendRefs: [backend('podinfo')],
          },
          { name: 'all', backendRefs: [backend('podinfo-primary')] },
        ],
      }),
    ]);
    expect(chosen(d, { path: '/any', headers: { 'x-user': 'qa' } })).toBe('hdr');
    expect(chosen(d, { path: '/any', headers: { 'x-user': 'qa2' } })).toBe('all');
  });
});

describe('hostnames', () => {
  const host = fc
    .array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 })
    .map((xs) => xs.join('.'));
  const name = fc.oneof(
    host,
    host.map((h) => `*.${h}`),
  );
  /** Reference: a wildcard covers hosts with at least one more label, ending in its suffix. */
  const covers = (w: string, h: string): boolean => {
    if (!w.startsWith('*.')) return w === h;
    const suffix = w.slice(2).split('.');
    const labels = (h.startsWith('*.') ? h.slice(2) : h).split('.');
    const extra = h.startsWith('*.') ? 0 : 1;
    return (
      labels.length >= suffix.length + extra &&
      labels.slice(labels.length - suffix.length).join('.') === suffix.join('.') &&
      h !== w
    );
  };

  it('a route hostname is served where it and the listener hostname intersect, the more specific name kept', () => {
    fc.assert(
      fc.property(
        fc.option(name, { nil: undefined }),
        fc.array(name, { maxLength: 3 }),
        (listener, route) => {
          const want =
            route.length === 0
              ? [listener ?? '*']
              : listener === undefined
                ? route
                : route.flatMap((h) =>
                    h === listener || covers(listener, h) ? [h] : covers(h, listener) ? [listener] : [],
                  );
          expect(intersectHostnames(listener, route)).toEqual(want);
        },
      ),
    );
  });

  it('serves a route without hostnames on the listener hostname, and nothing outside it', () => {
    const t = table(
      [httpRoute('r', { rules: [{ name: 'all', backendRefs: [backend('podinfo-primary')] }] })],
      [k8sGateway('gw', [{ ...HTTP, hostname: '*.shop.example' }])],
    );
    expect(chosen(t, {}, 'a.shop.example')).toBe('all');
    expect(routesForHost(t, 'shop.example')).toBeUndefined();
    expect(routesForHost(t, 'a.other.example')).toBeUndefined();
  });
});

describe('attachment and status', () => {
  it('accepts a route on an istio Gateway and counts it on the listener', () => {
    const t = table([
      httpRoute('ok', { hostnames: ['app.example'], rules: [{ backendRefs: [backend('podinfo-primary')] }] }),
    ]);
    expect(conditions(t, 'ok')).toEqual([['Accepted=True:Accepted', 'ResolvedRefs=True:ResolvedRefs']]);
    expect(t.gatewayApi.gateways.get(`${NS}/gw`)?.listeners.map((l) => [l.name, l.attachedRoutes])).toEqual([
      ['http', 1],
    ]);
    expect(routesForHost(t, 'app.example')?.[0]?.source?.workload).toBe('gw-istio');
  });

  it('names why a parent does not take the route', () => {
    const t = table(
      [
        httpRoute('missing', { parentRefs: [{ name: 'nope' }], rules: [] }),
        httpRoute(
          'other-ns',
          { parentRefs: [{ name: 'gw', namespace: NS }], rules: [] },
          undefined,
          'elsewhere',
        ),
        httpRoute('host', {
          hostnames: ['app.example'],
          parentRefs: [{ name: 'gw', namespace: NS, sectionName: 'shop' }],
          rules: [],
        }),
        httpRoute('class', { parentRefs: [{ name: 'nginx' }], rules: [] }),
      ],
      [
        k8sGateway('gw', [HTTP, { ...HTTP, name: 'shop', hostname: '*.shop.example' }]),
        k8sGateway('nginx', [HTTP], { className: 'nginx' }),
      ],
    );
    expect(conditions(t, 'missing')[0]?.[0]).toBe('Accepted=False:NoMatchingParent');
    expect(t.gatewayApi.routes.get('elsewhere/other-ns')?.[0]?.conditions[0]?.reason).toBe(
      'NotAllowedByListeners',
    );
    expect(conditions(t, 'host')[0]?.[0]).toBe('Accepted=False:NoMatchingListenerHostname');
    // Another controller's Gateway: no status from Istio, and not served.
    expect(t.gatewayApi.routes.has(`${NS}/class`)).toBe(false);
    expect(t.gatewayApi.gateways.has(`${NS}/nginx`)).toBe(false);
  });

  it('reports unresolved backendRefs and answers their share with 500', () => {
    const t = table([
      httpRoute('refs', {
        hostnames: ['app.example'],
        rules: [{ backendRefs: [backend('podinfo-primary', 50), backend('gone', 50)] }],
      }),
      httpRoute('xns', {
        hostnames: ['x.example'],
        rules: [{ backendRefs: [{ ...backend('podinfo-primary'), namespace: 'other' }] }],
      }),
      httpRoute('kind', {
        hostnames: ['k.example'],
        rules: [{ backendRefs: [{ ...backend('b'), group: 'example.com', kind: 'Bucket' }] }],
      }),
    ]);
    expect(conditions(t, 'refs')).toEqual([['Accepted=True:Accepted', 'ResolvedRefs=False:BackendNotFound']]);
    expect(conditions(t, 'xns')[0]?.[1]).toBe('ResolvedRefs=False:RefNotPermitted');
    expect(conditions(t, 'kind')[0]?.[1]).toBe('ResolvedRefs=False:InvalidKind');
    const route = routesForHost(t, 'app.example')?.[0];
    const gone = route && pickDestination(route, 0.75);
    expect([gone?.upstream, gone?.missingStatus]).toEqual([undefined, 500]);
    expect(route && pickDestination(route, 0.25)?.upstream?.serviceName).toBe('podinfo-primary');
  });

  it('lets a ReferenceGrant in the Service namespace permit a cross-namespace backendRef', () => {
    const grant = (to: Record<string, unknown>): KubeObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'from-test', namespace: 'other' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: NS }], to: [to] },
    });
    const route = httpRoute('xns', {
      hostnames: ['x.example'],
      rules: [{ backendRefs: [{ ...backend('shared'), namespace: 'other' }] }],
    });
    const services = [service('shared', { app: 'podinfo' }, 'other')];
    const granted = table([route], undefined, {
      services,
      referenceGrants: [grant({ group: '', kind: 'Service' })],
    });
    expect(conditions(granted, 'xns')[0]?.[1]).toBe('ResolvedRefs=True:ResolvedRefs');
    expect(routesForHost(granted, 'x.example')?.[0]?.destinations[0]?.upstream?.serviceNamespace).toBe(
      'other',
    );
    const wrongName = table([route], undefined, {
      services,
      referenceGrants: [grant({ group: '', kind: 'Service', name: 'not-shared' })],
    });
    expect(conditions(wrongName, 'xns')[0]?.[1]).toBe('ResolvedRefs=False:RefNotPermitted');
  });

  it('attaches routes from namespaces a listener selector allows', () => {
    const gw = k8sGateway(
      'gw',
      [
        {
          ...HTTP,
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: {
                matchLabels: { team: 'shop' },
                matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }],
              },
            },
          },
        },
      ],
      { ns: 'infra' },
    );
    const ns = (name: string, labels: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels },
    });
    const parentRefs = [{ name: 'gw', namespace: 'infra' }];
    const t = table(
      [
        httpRoute('in', {
          parentRefs,
          hostnames: ['app.example'],
          rules: [{ backendRefs: [backend('podinfo')] }],
        }),
        httpRoute('dev', { parentRefs, rules: [] }, undefined, 'dev'),
        httpRoute('out', { parentRefs, rules: [] }, undefined, 'elsewhere'),
      ],
      [gw],
      {
        namespaces: [ns(NS, { team: 'shop' }), ns('dev', { team: 'shop', env: 'dev' }), ns('elsewhere', {})],
      },
    );
    expect(conditions(t, 'in')[0]?.[0]).toBe('Accepted=True:Accepted');
    expect(t.gatewayApi.routes.get('dev/dev')?.[0]?.conditions[0]?.reason).toBe('NotAllowedByListeners');
    expect(t.gatewayApi.routes.get('elsewhere/out')?.[0]?.conditions[0]?.reason).toBe(
      'NotAllowedByListeners',
    );
    expect(routesForHost(t, 'app.example')?.[0]?.source).toEqual({
      workload: 'gw-istio',
      namespace: 'infra',
      principal: 'spiffe://cluster.local/ns/infra/sa/gw-istio',
    });
  });

  it('answers 500 when every backend weighs 0 or there is none', () => {
    const t = table([
      httpRoute('zero', {
        hostnames: ['app.example'],
        rules: [{ backendRefs: [backend('podinfo-primary', 0)] }],
      }),
      httpRoute('none', { hostnames: ['n.example'], rules: [{}] }),
    ]);
    expect(routesForHost(t, 'app.example')?.[0]?.localStatus).toBe(500);
    expect(routesForHost(t, 'n.example')?.[0]?.localStatus).toBe(500);
  });

  it('refuses a regex RE2 lacks: the route is not accepted and not served', () => {
    const t = table([
      httpRoute('re', {
        hostnames: ['app.example'],
        rules: [
          {
            matches: [
              { headers: [{ name: 'cookie', type: 'RegularExpression', value: '(?=.*user=test).*' }] },
            ],
            backendRefs: [backend('podinfo')],
          },
        ],
      }),
    ]);
    expect(conditions(t, 're')[0]?.[0]).toBe('Accepted=False:UnsupportedValue');
    expect(t.rejected[0]?.reason).toMatch(/rules\[0\]\.matches\[0\]\.headers\[0\]: regex .* lookahead/);
    expect(routesForHost(t, 'app.example')).toBeUndefined();
  });
});

describe('weights, mirror and filters', () => {
  const t = table([
    httpRoute('p', {
      hostnames: ['app.example'],
      rules: [
        {
          filters: [
            { type: 'RequestMirror', requestMirror: { backendRef: backend('podinfo-canary'), percent: 30 } },
            {
              type: 'RequestMirror',
              requestMirror: {
                backendRef: backend('podinfo-primary'),
                fraction: { numerator: 1, denominator: 8 },
              },
            },
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { set: [{ name: 'X-Env', value: 'prod' }], remove: ['x-debug'] },
            },
          ],
          backendRefs: [
            {
              ...backend('podinfo-primary', 90),
              filters: [
                {
                  type: 'ResponseHeaderModifier',
                  responseHeaderModifier: { set: [{ name: 'x-istio-canary', value: 'stable' }] },
                },
              ],
            },
            backend('podinfo-canary', 10),
          ],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
            },
          ],
          backendRefs: [backend('podinfo-primary')],
        },
      ],
    }),
  ]);
  const [old, main] = routesForHost(t, 'app.example') ?? [];

  it('weights backendRefs (default weight 1) and resolves each Service to its pods', () => {
    expect(
      main?.destinations.map((d) => [
        d.upstream?.serviceName,
        d.weight,
        d.upstream?.ready.map((w) => w.versionLabel),
      ]),
    ).toEqual([
      ['podinfo-primary', 90, ['v1']],
      ['podinfo-canary', 10, ['v2']],
    ]);
    expect(old?.destinations.map((d) => d.weight)).toEqual([1]);
  });

  it('mirrors by percent or fraction, and keeps header filters per rule and per backendRef', () => {
    expect(main?.mirrors.map((m) => [m.upstream?.serviceName, m.fraction])).toEqual([
      ['podinfo-canary', 0.3],
      ['podinfo-primary', 0.125],
    ]);
    expect(main?.headers.request).toEqual({ set: [['x-env', 'prod']], add: [], remove: ['x-debug'] });
    expect(main?.destinations[0]?.headers.response?.set).toEqual([['x-istio-canary', 'stable']]);
  });

  it('rewrites the matched prefix', () => {
    expect([old?.rewrite?.uri, old?.matches[0]?.uriPrefix]).toEqual(['/new', '/old']);
  });
});

describe('HTTPRoute on a data plane fed by the memory config source', () => {
  it('serves the route: URLRewrite on path elements, RequestHeaderModifier, the backend version header', async () => {
    const config = createMemoryConfigSource([
      deployment('podinfo', { labels: { app: 'podinfo', version: 'v2' } }),
      service('podinfo-canary', { app: 'podinfo' }),
      k8sGateway('gw', [HTTP]),
      httpRoute('r', {
        hostnames: ['app.example'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/legacy' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
              },
              {
                type: 'RequestHeaderModifier',
                requestHeaderModifier: { add: [{ name: 'x-via', value: 'legacy' }] },
              },
            ],
            backendRefs: [
              {
                ...backend('podinfo-canary'),
                filters: [
                  {
                    type: 'ResponseHeaderModifier',
                    responseHeaderModifier: { set: [{ name: 'x-istio-canary', value: 'canary' }] },
                  },
                ],
              },
            ],
          },
        ],
      }),
    ]);
    const plane = await startDataPlane({ config, seed: 1 });
    try {
      const version = await send(plane.ingressUrl, '/legacy/version', { host: 'app.example' });
      expect([version.status, version.headers['x-istio-canary'], JSON.parse(version.body)]).toEqual([
        200,
        'canary',
        { version: 'v2', commit: 'v2' },
      ]);
      const headers = await send(plane.ingressUrl, '/legacy/headers', { host: 'app.example' });
      expect((JSON.parse(headers.body) as Record<string, string[]>)['x-via']).toEqual(['legacy']);
      expect((await send(plane.ingressUrl, '/version', { host: 'app.example' })).status).toBe(404);
    } finally {
      await plane.close();
      destroyAgent();
    }
  });
});
