// The Gateway API side of the strategies (src/strategy/http-route.ts): rule selection, weights
// with the version header, A/B rules, RequestMirror and the blue/green preview, checked through
// the embedded mesh's routing table (its Gateway API compiler, precedence and mirrors), and the
// same algebra as the VirtualService side with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanError, VERSION_HEADER } from '../src/plan.js';
import {
  buildRoutingTable,
  routesForHost,
  selectRoute,
  type RoutingTable,
} from '../src/sim/dataplane/routes.js';
import { StrategyError } from '../src/strategy/errors.js';
import {
  currentHttpRouteWeights,
  mirrorFilter,
  selectHttpRoute,
  withAbRuleHttpRoute,
  withHttpRouteWeight,
  withMirrorHttpRoute,
  withoutInsertedRuleHttpRoute,
  withoutMirrorHttpRoute,
  withoutStrategyHttpRoute,
  type HttpRouteWanted,
} from '../src/strategy/http-route.js';
import { parseStrategySpec } from '../src/strategy/spec.js';
import {
  ROLLBACK_STAGE,
  currentStage,
  renderRoute,
  strategySteps,
  type RouteStage,
  type RouteTarget,
} from '../src/strategy/stages.js';
import { view } from './sim-dataplane-match-support.js';
import { deployment, service } from './sim-dataplane-fixtures.js';

type Json = Record<string, unknown>;
const NS = 'test';
const HOST = 'podinfo.example.com';
const NONE: HttpRouteWanted = { httpRoute: null, rule: null, stableService: null, canaryService: null };
const ref = (name: string, weight?: number): Json => ({
  name,
  port: 9898,
  ...(weight === undefined ? {} : { weight }),
});

function httpRoute(rules: Json[], name = 'podinfo'): Json {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: NS },
    spec: { parentRefs: [{ name: 'gw' }], hostnames: [HOST], rules },
  };
}

function table(route: Json): RoutingTable {
  return buildRoutingTable({
    virtualServices: [],
    destinationRules: [],
    gateways: [],
    deployments: [
      deployment('podinfo-stable', { labels: { app: 'podinfo', version: 'stable' } }),
      deployment('podinfo-canary', { labels: { app: 'podinfo', version: 'canary' } }),
    ],
    services: [
      service('podinfo-stable', { version: 'stable' }),
      service('podinfo-canary', { version: 'canary' }),
    ],
    k8sGateways: [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw', namespace: NS },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
      },
    ],
    httpRoutes: [route],
  });
}

function routed(route: Json, req: Parameters<typeof view>[0] = {}) {
  const t = table(route);
  expect(t.rejected).toEqual([]);
  const r = selectRoute(routesForHost(t, HOST) ?? [], view({ host: HOST, ...req }));
  return {
    weights: r?.destinations.map((d) => [
      d.upstream?.serviceName,
      d.weight,
      Object.fromEntries(d.headers.response?.set ?? []),
    ]),
    mirrors: r?.mirrors.map((m) => [m.upstream?.serviceName, m.fraction]),
  };
}

const user = httpRoute([
  { matches: [{ path: { type: 'PathPrefix', value: '/admin' } }], backendRefs: [ref('podinfo-stable')] },
  {
    matches: [{ path: { type: 'PathPrefix', value: '/' } }],
    timeouts: { request: '5s' },
    backendRefs: [ref('podinfo-stable'), ref('podinfo-canary', 0)],
  },
]);

function target(route: Json, want = NONE): RouteTarget & { kind: 'http-route' } {
  return { kind: 'http-route', object: route, selection: selectHttpRoute([route], want) };
}

describe('selectHttpRoute', () => {
  it('finds the rule with the stable and canary Services, canary by its name', () => {
    const sel = selectHttpRoute([user], NONE);
    expect(sel).toEqual({
      namespace: NS,
      httpRoute: 'podinfo',
      ruleIndex: 1,
      ruleName: null,
      stable: { service: 'podinfo-stable', index: 0, weight: 100 },
      canary: { service: 'podinfo-canary', index: 1, weight: 0 },
    });
  });

  it('adds the canary backendRef the rule lacks when both Services are named, and names the candidates otherwise', () => {
    const one = httpRoute([{ backendRefs: [ref('web-v1')] }]);
    const sel = selectHttpRoute([one], { ...NONE, stableService: 'web-v1', canaryService: 'web-v2' });
    expect(sel.canary).toEqual({ service: 'web-v2', index: -1, weight: 0 });
    const next = withHttpRouteWeight(one, sel, 10);
    expect(
      (next.spec as { rules: { backendRefs: Json[] }[] }).rules[0]!.backendRefs.map((r) => [
        r.name,
        r.weight,
        r.port,
      ]),
    ).toEqual([
      ['web-v1', 90, 9898],
      ['web-v2', 10, 9898],
    ]);
    expect(() => selectHttpRoute([one], NONE)).toThrow(PlanError);
    expect(() => selectHttpRoute([one], NONE)).toThrow(/rules\[0\]: 1 Service backendRefs; expected 2/);
    expect(() => selectHttpRoute([user], { ...NONE, httpRoute: 'web' })).toThrow(
      /no HTTPRoute named "web"; found: podinfo/,
    );
  });

  it('reads weights as the Gateway API does: absent is 1, shares of the sum', () => {
    const even = httpRoute([{ backendRefs: [ref('a-stable'), ref('a-canary')] }]);
    expect(currentHttpRouteWeights(even, selectHttpRoute([even], NONE))).toEqual({ stable: 50, canary: 50 });
  });
});

describe('weights and strategies on an HTTPRoute, routed by the embedded mesh', () => {
  it('steps the weights and tags every response with its version', () => {
    const t = target(user);
    expect(routed(withHttpRouteWeight(user, t.selection, 30)).weights).toEqual([
      ['podinfo-stable', 70, { [VERSION_HEADER]: 'stable' }],
      ['podinfo-canary', 30, { [VERSION_HEADER]: 'canary' }],
    ]);
  });

  it('A/B: the matching requests of the stepped rule go to the canary, others follow the weights', () => {
    const spec = parseStrategySpec({ strategy: 'ab', match: 'header:x-user^=beta\ncookie:canary=always' });
    const t = target(user);
    const at = renderRoute(t, spec, { ...ROLLBACK_STAGE, ab: true });
    const canary = [['podinfo-canary', 1, { [VERSION_HEADER]: 'canary' }]];
    expect(routed(at, { headers: { 'x-user': 'beta-7' } }).weights).toEqual(canary);
    expect(routed(at, { headers: { cookie: 'x=1; canary=always' } }).weights).toEqual(canary);
    expect(routed(at, { headers: { 'x-user': 'alpha' } }).weights?.map((w) => w.slice(0, 2))).toEqual([
      ['podinfo-stable', 100],
      ['podinfo-canary', 0],
    ]);
    // A longer path prefix still wins over the A/B rule (Gateway API precedence), as it did over the stepped rule.
    expect(routed(at, { path: '/admin', headers: { 'x-user': 'beta' } }).weights?.map((w) => w[0])).toEqual([
      'podinfo-stable',
    ]);
    expect(currentStage({ ...t, object: at }, spec)).toEqual({ ...ROLLBACK_STAGE, ab: true });
    // The selection still names the stepped rule by its index without the A/B rule.
    expect(selectHttpRoute([at], NONE).ruleIndex).toBe(1);
    const back = renderRoute({ ...t, object: at }, spec, ROLLBACK_STAGE);
    expect(back).toEqual(withHttpRouteWeight(user, t.selection, 0));
  });

  it('mirror: a RequestMirror filter with percent, or fraction below a whole percent', () => {
    const t = target(user);
    for (const [pct, fraction] of [
      ['10', 0.1],
      ['0.5', 0.005],
    ] as const) {
      const spec = parseStrategySpec({ strategy: 'mirror', 'mirror-percent': pct });
      const at = renderRoute(t, spec, strategySteps(spec, [100])[0]!.stage);
      expect(routed(at).mirrors).toEqual([['podinfo-canary', fraction]]);
      expect(currentStage({ ...t, object: at }, spec).mirror).toBe(true);
    }
    expect(mirrorFilter({ name: 'c' }, 10)).toEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'c' }, percent: 10 },
    });
    expect(mirrorFilter({ name: 'c' }, 0.5)).toEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'c' }, fraction: { numerator: 5000, denominator: 1_000_000 } },
    });
  });

  it('blue/green: the preview header reaches green; the switch moves everything in one write; a preview host is refused', () => {
    const spec = parseStrategySpec({ strategy: 'blue-green', 'preview-header': 'x-env=green' });
    const t = target(user);
    const [preview, sw] = strategySteps(spec, [10, 100]);
    const at = renderRoute(t, spec, preview!.stage);
    expect(routed(at, { headers: { 'x-env': 'green' } }).weights?.map((w) => w[0])).toEqual([
      'podinfo-canary',
    ]);
    expect(routed(at).weights?.map((w) => w.slice(0, 2))).toEqual([
      ['podinfo-stable', 100],
      ['podinfo-canary', 0],
    ]);
    const switched = renderRoute({ ...t, object: at }, spec, sw!.stage);
    expect(routed(switched).weights?.map((w) => w.slice(0, 2))).toEqual([
      ['podinfo-stable', 0],
      ['podinfo-canary', 100],
    ]);
    expect((switched.spec as { rules: Json[] }).rules).toHaveLength(2);
    const byHost = parseStrategySpec({ strategy: 'blue-green', 'preview-host': 'green.example.com' });
    expect(() => renderRoute(t, byHost, { ...ROLLBACK_STAGE, preview: true })).toThrow(StrategyError);
  });
});

// ---- properties ----

const headerArb = fc.record({
  type: fc.constantFrom('Exact', 'RegularExpression'),
  name: fc.constantFrom('x-group', 'x-env'),
  value: fc.stringMatching(/^[a-z]{1,6}$/),
});
const gwMatch = fc.record(
  {
    path: fc.record({
      type: fc.constantFrom('PathPrefix', 'Exact'),
      value: fc.stringMatching(/^\/[a-z]{0,5}$/),
    }),
    headers: fc.uniqueArray(headerArb, { selector: (h) => h.name, maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const routeArb = fc
  .record({
    before: fc.array(fc.record({ matches: fc.array(gwMatch, { minLength: 1, maxLength: 2 }) }), {
      maxLength: 3,
    }),
    matches: fc.option(fc.array(gwMatch, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    weight: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    filters: fc.option(
      fc.constant([
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }] } },
      ]),
      { nil: undefined },
    ),
  })
  .map(({ before, matches, weight, filters }) =>
    httpRoute([
      ...before.map((r) => ({ ...r, backendRefs: [ref('podinfo-stable')] })),
      {
        ...(matches ? { matches } : {}),
        ...(filters ? { filters } : {}),
        backendRefs: [
          ref('podinfo-stable', weight === undefined ? undefined : 100 - weight),
          ref('podinfo-canary', weight),
        ],
      },
    ]),
  );
const userMatch = fc.array(
  fc.record({
    headers: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom('x-beta', 'x-ab'),
        type: fc.constantFrom('exact' as const, 'prefix' as const, 'regex' as const),
        value: fc.stringMatching(/^[a-z]{1,6}$/),
      }),
      { selector: (h) => h.name, minLength: 1, maxLength: 2 },
    ),
  }),
  { minLength: 1, maxLength: 3 },
);
const stageArb: fc.Arbitrary<RouteStage> = fc.record({
  canaryWeight: fc.integer({ min: 0, max: 100 }),
  ab: fc.boolean(),
  mirror: fc.boolean(),
  preview: fc.constant(false),
});

describe('HTTPRoute transforms (properties)', () => {
  it('A/B and mirror are idempotent, leave their argument alone, and their removal is the identity', () => {
    fc.assert(
      fc.property(routeArb, userMatch, fc.integer({ min: 1, max: 100 }), (route, match, pct) => {
        const frozen = structuredClone(route);
        const sel = selectHttpRoute([route], NONE);
        const ab = withAbRuleHttpRoute(route, sel, match);
        expect(withAbRuleHttpRoute(ab, sel, match)).toEqual(ab);
        expect(withoutInsertedRuleHttpRoute(ab, sel)).toEqual(route);
        const m = withMirrorHttpRoute(ab, sel, pct);
        expect(withMirrorHttpRoute(m, sel, pct)).toEqual(m);
        expect(withoutMirrorHttpRoute(m, sel)).toEqual(ab);
        expect(withoutStrategyHttpRoute(m, sel)).toEqual(route);
        expect(route).toEqual(frozen);
        expect(table(m).rejected).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('renderRoute is idempotent, reads back as written, and rolls back to the user rule at canary 0%', () => {
    fc.assert(
      fc.property(routeArb, userMatch, stageArb, stageArb, (route, match, s1, s2) => {
        const spec = { ...parseStrategySpec({ strategy: 'ab', match: 'header:x=1' }), match };
        const t = target(route);
        const a = renderRoute(t, spec, s1);
        expect(renderRoute({ ...t, object: a }, spec, s1)).toEqual(a);
        expect(currentStage({ ...t, object: a }, spec)).toEqual(s1);
        const b = renderRoute({ ...t, object: a }, spec, s2);
        expect(b).toEqual(renderRoute(t, spec, s2));
        expect(renderRoute({ ...t, object: b }, spec, ROLLBACK_STAGE)).toEqual(
          withHttpRouteWeight(route, t.selection, 0),
        );
      }),
      { numRuns: 150 },
    );
  });
});
