// The bad combinations of issue 15 (src/strategy/validate.ts, route-kind.ts, lockstep.ts): each
// is a named StrategyError found before any write, and no valid combination is refused. The
// shadowing property is checked against the embedded mesh's routing: when validation says an
// earlier route takes the A/B requests, the mesh sends such a request there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectRoute as selectVsRoute } from '../src/plan.js';
import { buildRoutingTable, routesForHost, selectRoute } from '../src/sim/dataplane/routes.js';
import { StrategyError } from '../src/strategy/errors.js';
import { selectHttpRoute } from '../src/strategy/http-route.js';
import { compareRefs, leaseOrder, lockstepPlan, lockstepWrites, refOf } from '../src/strategy/lockstep.js';
import { detectRouteKind } from '../src/strategy/route-kind.js';
import { parseStrategySpec, type StrategySpec } from '../src/strategy/spec.js';
import { ROLLBACK_STAGE, currentStage, renderRoute, type RouteTarget } from '../src/strategy/stages.js';
import { validateStrategy } from '../src/strategy/validate.js';
import { view } from './sim-dataplane-match-support.js';
import { deployment, destinationRule, gateway, service, virtualService } from './sim-dataplane-fixtures.js';

type Json = Record<string, unknown>;
const NS = 'test';
const NONE = { virtualService: null, route: null, stableSubset: null, canarySubset: null };
const to = (subset: string, weight?: number): Json => ({
  destination: { host: 'podinfo', subset },
  ...(weight === undefined ? {} : { weight }),
});
const stepped = (extra: Json = {}): Json => ({
  name: 'main',
  ...extra,
  route: [to('ga', 100), to('canary', 0)],
});
const vs = (http: Json[], name = 'podinfo', hosts = ['podinfo', 'preview.podinfo']): Json =>
  virtualService(name, { hosts, gateways: ['gw'], http });
const vsTarget = (o: Json): RouteTarget => ({
  kind: 'virtual-service',
  object: o,
  selection: selectVsRoute([o], NONE),
});
const hr = (rules: Json[], name = 'api', parent = 'gw'): Json => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: NS },
  spec: { parentRefs: [{ name: parent }], hostnames: ['api.example.com'], rules },
});
const hrTarget = (o: Json): RouteTarget => ({
  kind: 'http-route',
  object: o,
  selection: selectHttpRoute([o], { httpRoute: null, rule: null, stableService: null, canaryService: null }),
});
const refs = [
  { name: 'api-stable', port: 80 },
  { name: 'api-canary', port: 80, weight: 0 },
];
const AB = parseStrategySpec({ strategy: 'ab', match: 'header:x-user=beta' });
const codes = (
  spec: StrategySpec,
  targets: RouteTarget[],
  options: Partial<Parameters<typeof validateStrategy>[2]> = {},
) => validateStrategy(spec, targets, { namespace: NS, ...options }).map((e) => e.code);
const messages = (
  spec: StrategySpec,
  targets: RouteTarget[],
  options: Partial<Parameters<typeof validateStrategy>[2]> = {},
) => validateStrategy(spec, targets, { namespace: NS, ...options }).map((e) => e.message);

describe('validateStrategy: each bad combination is named', () => {
  it('an empty A/B match', () => {
    expect(codes({ ...AB, match: [] }, [vsTarget(vs([stepped()]))])).toEqual(['match-empty']);
    expect(codes({ ...AB, match: [{ headers: [] }] }, [vsTarget(vs([stepped()]))])).toEqual(['match-empty']);
  });

  it('an earlier route that takes the A/B requests first: a catch-all, an equal or a broader match', () => {
    for (const earlier of [
      { name: 'all', route: [to('ga')] },
      { name: 'same', match: [{ headers: { 'x-user': { exact: 'beta' } } }], route: [to('ga')] },
      { name: 'broader', match: [{ headers: { 'x-user': { prefix: 'be' } } }], route: [to('ga')] },
      { name: 'regex', match: [{ headers: { 'x-user': { regex: 'b.*' } } }], route: [to('ga')] },
    ]) {
      const t = vsTarget(vs([earlier, stepped()]));
      expect(codes(AB, [t])).toEqual(['match-shadowed']);
      expect(messages(AB, [t])[0]).toMatch(
        new RegExp(
          `VirtualService test/podinfo http\\[0\\] \\(${earlier.name}\\) comes before http\\[1\\] \\(main\\)`,
        ),
      );
    }
    // Narrower or disjoint earlier routes leave the A/B route its requests.
    for (const earlier of [
      { match: [{ uri: { prefix: '/admin' } }], route: [to('ga')] },
      { match: [{ headers: { 'x-user': { exact: 'alpha' } } }], route: [to('ga')] },
      { match: [{ headers: { 'x-user': { exact: 'beta' } }, uri: { prefix: '/a' } }], route: [to('ga')] },
    ])
      expect(codes(AB, [vsTarget(vs([earlier, stepped()]))])).toEqual([]);
  });

  it('a match that contradicts the stepped route own match', () => {
    const t = vsTarget(vs([stepped({ match: [{ headers: { 'x-user': { exact: 'qa' } } }] })]));
    expect(codes(AB, [t])).toEqual(['match-conflict']);
    expect(messages(AB, [t])[0]).toMatch(/header x-user is matched by the route as \{"exact":"qa"\}/);
    const without = vsTarget(vs([stepped({ match: [{ withoutHeaders: { 'x-user': {} } }] })]));
    expect(messages(AB, [without])[0]).toMatch(/header x-user is excluded by the route \(withoutHeaders\)/);
  });

  it('mirroring a route that cannot mirror, or that mirrors elsewhere already', () => {
    const mirror = parseStrategySpec({ strategy: 'mirror' });
    expect(codes(mirror, [vsTarget(vs([stepped({ directResponse: { status: 503 } })]))])).toEqual([
      'mirror-unsupported',
    ]);
    expect(codes(mirror, [vsTarget(vs([stepped({ mirror: { host: 'shadow', subset: 'x' } })]))])).toEqual([
      'mirror-exists',
    ]);
    expect(
      codes(mirror, [vsTarget(vs([stepped({ mirror: { host: 'podinfo', subset: 'canary' } })]))]),
    ).toEqual([]);
    const tcp = virtualService('db', { hosts: ['db'], tcp: [{ route: [to('ga')] }] }) as Json;
    expect(messages(mirror, [], { objects: [tcp], virtualService: 'db' })).toEqual([
      expect.stringMatching(
        /^VirtualService db routes TCP\/TLS \(tcp\[\]\/tls\[\]\) traffic only; Istio and the Gateway API mirror HTTP requests only/,
      ),
    ]);
    const tcpRoute = { kind: 'TCPRoute', metadata: { name: 'db' } };
    expect(codes({ ...mirror, httpRoute: 'db' }, [], { objects: [tcpRoute] })).toEqual([
      'mirror-unsupported',
    ]);
    const redirect = hr([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }], backendRefs: refs },
    ]);
    expect(codes(mirror, [hrTarget(redirect)])).toEqual(['mirror-unsupported']);
    expect(codes({ ...mirror, mirrorPercent: 0 }, [])).toEqual(['mirror-percent-range']);
    expect(codes({ ...mirror, mirrorPercent: 100.5 }, [])).toEqual(['mirror-percent-range']);
  });

  it('a blue/green preview host that is the live host, or that the route does not serve', () => {
    const bg = (host: string) => parseStrategySpec({ strategy: 'blue-green', 'preview-host': host });
    const t = vsTarget(vs([stepped()], 'podinfo', ['podinfo.example.com', 'green.example.com']));
    expect(codes(bg('green.example.com'), [t], { liveHost: 'green.example.com' })).toEqual([
      'preview-host-live',
    ]);
    expect(
      codes(bg('podinfo.example.com'), [vsTarget(vs([stepped()], 'podinfo', ['podinfo.example.com']))]),
    ).toEqual(['preview-host-live']);
    expect(codes(bg('blue.example.com'), [t])).toEqual(['preview-host-not-served']);
    expect(codes(bg('green.example.com'), [t], { liveHost: 'podinfo.example.com' })).toEqual([]);
    expect(
      codes(bg('x.example.com'), [vsTarget(vs([stepped()], 'podinfo', ['*.example.com']))], {
        liveHost: 'www.example.com',
      }),
    ).toEqual([]);
    expect(codes({ ...bg('a.b'), preview: null }, [])).toEqual(['preview-missing']);
    expect(codes(bg('green.example.com'), [hrTarget(hr([{ backendRefs: refs }]))])).toEqual([
      'preview-host-unsupported',
    ]);
  });

  it('two lockstep services on one route object, and a service listed twice', () => {
    const shared = vs([stepped(), { name: 'second', route: [to('ga', 100), to('canary', 0)] }]);
    const a: RouteTarget = {
      kind: 'virtual-service',
      object: shared,
      selection: selectVsRoute([shared], { ...NONE, route: 'main' }),
    };
    const b: RouteTarget = {
      kind: 'virtual-service',
      object: shared,
      selection: selectVsRoute([shared], { ...NONE, route: 'second' }),
    };
    expect(messages(parseStrategySpec({}), [a, b])).toEqual([
      'services: two services step VirtualService test/podinfo (http[0] (main) and http[1] (second)); its state and Lease are per object, so each service needs its own VirtualService: split the routes into separate objects',
    ]);
    expect(() => lockstepWrites([a, b], parseStrategySpec({}), ROLLBACK_STAGE, NS)).toThrow(StrategyError);
    const svc = {
      name: 'web',
      routeKind: 'virtual-service' as const,
      route: null,
      stable: null,
      canary: null,
      canaryImage: null,
      container: null,
      manifests: null,
      loadUrl: null,
      loadHost: null,
    };
    const dup = {
      ...parseStrategySpec({}),
      services: [
        { ...svc, object: 'web', namespace: null },
        { ...svc, object: 'web', namespace: NS },
      ],
    };
    expect(codes(dup, [])).toEqual(['duplicate-service']);
  });

  it('HTTPRoute: an equal match in another rule or route on the same Gateway, a contradiction, too many rules', () => {
    const rule = { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: refs };
    const equal = {
      matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-User', value: 'beta' }] }],
      backendRefs: [{ name: 'other', port: 80 }],
    };
    expect(codes(AB, [hrTarget(hr([equal, rule]))])).toEqual(['match-shadowed']);
    expect(codes(AB, [hrTarget(hr([rule]))], { objects: [hr([equal], 'older')] })).toEqual([
      'match-shadowed',
    ]);
    expect(codes(AB, [hrTarget(hr([rule]))], { objects: [hr([equal], 'elsewhere', 'other-gw')] })).toEqual(
      [],
    );
    // A catch-all rule has lower precedence than the A/B rule's header match: not a shadow.
    expect(codes(AB, [hrTarget(hr([{ backendRefs: [{ name: 'x', port: 80 }] }, rule]))])).toEqual([]);
    const own = { matches: [{ headers: [{ name: 'x-user', value: 'qa' }] }], backendRefs: refs };
    expect(codes(AB, [hrTarget(hr([own]))])).toEqual(['match-conflict']);
    const many = Array.from({ length: 15 }, (_, i) => ({
      matches: [{ path: { type: 'Exact', value: `/r${i}` } }],
      backendRefs: [{ name: 'x', port: 80 }],
    }));
    expect(codes(AB, [hrTarget(hr([...many, rule]))])).toEqual(['match-too-large']);
  });
});

describe('detectRouteKind', () => {
  const v = vs([stepped()]);
  const h = hr([{ backendRefs: refs }]);
  const auto = parseStrategySpec({});
  it('takes the input, then the named object, then the kind that has a steppable route', () => {
    expect(detectRouteKind({ ...auto, routeKind: 'virtual-service' }, [h])).toBe('virtual-service');
    expect(detectRouteKind(parseStrategySpec({ 'http-route': 'api' }), [v, h])).toBe('http-route');
    expect(detectRouteKind(auto, [v, h], { virtualService: 'podinfo' })).toBe('virtual-service');
    expect(detectRouteKind(auto, [h])).toBe('http-route');
    expect(detectRouteKind(auto, [v, hr([{ backendRefs: [refs[0]] }])])).toBe('virtual-service');
    expect(detectRouteKind(auto, [])).toBe('virtual-service');
  });
  it('names both kinds when both could be stepped, and a TCPRoute named as http-route', () => {
    expect(() => detectRouteKind(auto, [v, h])).toThrow(
      'route-kind: the manifests have both VirtualService podinfo and HTTPRoute api with a route to step; set route-kind to virtual-service or http-route (or name one with virtual-service or http-route)',
    );
    expect(() =>
      detectRouteKind(parseStrategySpec({ 'http-route': 'db' }), [
        { kind: 'TCPRoute', metadata: { name: 'db' } },
      ]),
    ).toThrow(/db is a TCPRoute, not an HTTPRoute/);
  });
});

describe('lockstep plan', () => {
  const web = vs([stepped()], 'web');
  const api = hr([{ backendRefs: refs }], 'api');
  const other = { ...vs([stepped()], 'admin'), metadata: { name: 'admin', namespace: 'a-team' } };
  const targets = [vsTarget(web), hrTarget(api), vsTarget(other)];

  it('writes every route object at every step, in the Lease order, whatever order the services are listed in', () => {
    const spec = parseStrategySpec({ strategy: 'ab', match: 'header:x-user=beta' });
    const expected = ['a-team/VirtualService/admin', 'test/HTTPRoute/api', 'test/VirtualService/web'];
    fc.assert(
      fc.property(fc.shuffledSubarray(targets, { minLength: 3, maxLength: 3 }), (shuffled) => {
        const plan = lockstepPlan(shuffled, spec, [50, 100], NS);
        expect(plan.order.map((r) => `${r.namespace}/${r.kind}/${r.name}`)).toEqual(expected);
        expect(plan.steps.map((s) => s.step.kind)).toEqual(['ab', 'weight', 'weight']);
        for (const s of plan.steps) {
          expect(s.writes.map((w) => w.ref)).toEqual(plan.order);
          for (const w of s.writes) {
            const t = shuffled.find((x) => compareRefs(refOf(x, NS), w.ref) === 0)!;
            expect(currentStage({ ...t, object: w.object }, spec)).toEqual(s.step.stage);
          }
        }
        expect(plan.rollback.map((w) => [w.ref.name, w.stage])).toEqual(
          plan.order.map((r) => [r.name, ROLLBACK_STAGE]),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('leaseOrder is a total order: sorted, each object once', () => {
    const ref = fc.record({
      namespace: fc.constantFrom('a', 'b'),
      kind: fc.constantFrom('VirtualService' as const, 'HTTPRoute' as const),
      name: fc.constantFrom('x', 'y', 'z'),
    });
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 10 }), (rs) => {
        const o = leaseOrder(rs);
        for (let i = 1; i < o.length; i++) expect(compareRefs(o[i - 1]!, o[i]!)).toBeLessThan(0);
        expect(new Set(o.map((r) => JSON.stringify(r))).size).toBe(
          new Set(rs.map((r) => JSON.stringify([r.namespace, r.kind, r.name]))).size,
        );
      }),
    );
  });
});

// ---- properties: shadowing agrees with the mesh's routing, valid matches are never refused ----

const cond = fc.oneof(
  fc.stringMatching(/^[a-c]{1,3}$/).map((v) => ({ exact: v })),
  fc.stringMatching(/^[a-c]{1,2}$/).map((v) => ({ prefix: v })),
);
/** A request that satisfies an Istio match entry (exact → the value, prefix → value + "z"). */
function requestFor(entry: Json) {
  const headers: Record<string, string> = {};
  for (const [k, sm] of Object.entries((entry.headers ?? {}) as Record<string, Json>))
    headers[k] = typeof sm.exact === 'string' ? sm.exact : `${String(sm.prefix)}z`;
  const uri = entry.uri as Json | undefined;
  return { path: uri ? `${String(uri.prefix)}/z` : '/', headers };
}
function routeNameFor(o: Json, req: ReturnType<typeof requestFor>): string | undefined {
  const t = buildRoutingTable({
    virtualServices: [o],
    destinationRules: [
      destinationRule('podinfo', 'podinfo', { ga: { version: 'ga' }, canary: { version: 'canary' } }),
    ],
    gateways: [gateway('gw')],
    deployments: [
      deployment('ga', { labels: { version: 'ga' } }),
      deployment('canary', { labels: { version: 'canary' } }),
    ],
    services: [service('podinfo', {})],
  });
  return selectRoute(routesForHost(t, 'podinfo') ?? [], view({ host: 'podinfo', ...req }))?.name;
}

describe('shadowing (properties)', () => {
  const earlierArb = fc.array(
    fc.record(
      {
        uri: fc.constantFrom('/a', '/b').map((p) => ({ prefix: p })),
        headers: fc.dictionary(fc.constantFrom('x-user', 'x-other'), cond, { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 2 },
  );
  const userArb = fc.dictionary(fc.constantFrom('x-user', 'x-group'), cond, { minKeys: 1, maxKeys: 2 });

  it('a route validation calls shadowing takes the A/B requests in the mesh; an accepted A/B route gets requests', () => {
    const seen = { refused: 0, accepted: 0 };
    fc.assert(
      fc.property(fc.array(earlierArb, { maxLength: 3 }), userArb, (earlier, headers) => {
        const http = [
          ...earlier.map((match, i) => ({
            name: `e${i}`,
            ...(match.length ? { match } : {}),
            route: [to('ga')],
          })),
          stepped(),
        ];
        const o = vs(http);
        const spec: StrategySpec = {
          ...AB,
          match: [
            {
              headers: Object.entries(headers).map(([name, sm]) => ({
                name,
                type: 'exact' in sm ? 'exact' : 'prefix',
                value: String(Object.values(sm)[0]),
              })),
            },
          ],
        };
        const errors = validateStrategy(spec, [vsTarget(o)], { namespace: NS });
        const rendered = renderRoute(vsTarget(o), spec, { ...ROLLBACK_STAGE, ab: true });
        const abEntry = (
          (rendered.spec as { http: Json[] }).http.find((r) => r.name === 'main-istio-canary-ab')!
            .match as Json[]
        )[0]!;
        const got = routeNameFor(rendered, requestFor(abEntry));
        seen[errors.length ? 'refused' : 'accepted']++;
        if (errors.length) {
          expect(errors.map((e) => e.code)).toEqual(errors.map(() => 'match-shadowed'));
          expect(got).toMatch(/^e\d$/);
        } else if (got !== 'main-istio-canary-ab') {
          // Accepted: an earlier route may take part of the cohort (a partial overlap), never all of it.
          expect(got).toMatch(/^e\d$/);
          const other = {
            ...requestFor(abEntry),
            headers: { ...requestFor(abEntry).headers, 'x-other': 'zzz' },
            path: '/zz',
          };
          expect(routeNameFor(rendered, other)).toBe('main-istio-canary-ab');
        }
      }),
      { numRuns: 300 },
    );
    // Both sides of the property were exercised.
    expect(seen.refused).toBeGreaterThan(20);
    expect(seen.accepted).toBeGreaterThan(20);
  });
});

describe('reserved route names', () => {
  it('refuses a user route named like the routes istio-canary inserts (it would be removed)', () => {
    const o = vs([{ name: 'legacy-istio-canary-ab', route: [to('ga')] }, stepped()]);
    expect(codes(parseStrategySpec({}), [vsTarget(o)])).toEqual(['reserved-name']);
    const ours = renderRoute(vsTarget(vs([stepped()])), AB, { ...ROLLBACK_STAGE, ab: true });
    expect(codes(AB, [{ ...vsTarget(vs([stepped()])), object: ours }])).toEqual([]);
  });
});
