// The VirtualService side of the strategies (src/strategy/virtual-service.ts, stages.ts): what
// the rendered objects route, checked through the embedded mesh's routing table (the same code
// that serves requests in `cluster: sim`), and the algebra: every transform is idempotent,
// leaves its argument alone, and its removal gives back the user's VirtualService (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectRoute as selectVsRoute, VERSION_HEADER, withCanaryWeight } from '../src/plan.js';
import {
  buildRoutingTable,
  routesForHost,
  selectRoute,
  type RoutingTable,
} from '../src/sim/dataplane/routes.js';
import { parseStrategySpec } from '../src/strategy/spec.js';
import {
  ROLLBACK_STAGE,
  currentStage,
  renderRoute,
  selectVirtualServiceTarget,
  stageDrift,
  strategySteps,
  withoutStrategy,
  type RouteStage,
  type RouteTarget,
} from '../src/strategy/stages.js';
import {
  abRouteName,
  previewRouteName,
  withAbRouteVs,
  withMirrorVs,
  withoutAbRouteVs,
  withoutMirrorVs,
  withoutStrategyVs,
  withPreviewRouteVs,
  withoutPreviewRouteVs,
} from '../src/strategy/virtual-service.js';
import { StrategyError } from '../src/strategy/errors.js';
import { view } from './sim-dataplane-match-support.js';
import { deployment, destinationRule, gateway, service, virtualService } from './sim-dataplane-fixtures.js';

type Json = Record<string, unknown>;
const NONE = { virtualService: null, route: null, stableSubset: null, canarySubset: null };
const to = (subset: string, weight?: number): Json => ({
  destination: { host: 'podinfo', subset },
  ...(weight === undefined ? {} : { weight }),
});

function podinfoVs(http: Json[], hosts = ['podinfo', 'preview.podinfo']): Json {
  return virtualService('podinfo', { hosts, gateways: ['gw'], http });
}

function target(vs: Json): RouteTarget & { kind: 'virtual-service' } {
  return {
    kind: 'virtual-service',
    object: vs,
    selection: selectVsRoute([withoutStrategyVs(vs, selectVsRoute([vs], NONE))], NONE),
  };
}

function table(vs: Json): RoutingTable {
  return buildRoutingTable({
    virtualServices: [vs],
    destinationRules: [
      destinationRule('podinfo', 'podinfo', { ga: { version: 'ga' }, canary: { version: 'canary' } }),
    ],
    gateways: [gateway('gw')],
    deployments: [
      deployment('podinfo-ga', { labels: { app: 'podinfo', version: 'ga' } }),
      deployment('podinfo-canary', { labels: { app: 'podinfo', version: 'canary' } }),
    ],
    services: [service('podinfo', { app: 'podinfo' })],
  });
}

/** Where a request goes: the route's name and, for a single destination, its subset and version header. */
function routed(vs: Json, req: Parameters<typeof view>[0], host = 'podinfo') {
  const t = table(vs);
  expect(t.rejected).toEqual([]);
  const route = selectRoute(routesForHost(t, host) ?? [], view({ host, ...req }));
  const weights = route?.destinations.map((d) => [
    d.upstream?.subset,
    d.weight,
    Object.fromEntries(d.headers.response?.set ?? []),
  ]);
  return { name: route?.name, weights, mirrors: route?.mirrors.map((m) => [m.upstream?.subset, m.fraction]) };
}

const user = podinfoVs([
  { name: 'admin', match: [{ uri: { prefix: '/admin' } }], route: [to('ga')] },
  { name: 'main', match: [{ uri: { prefix: '/' } }], timeout: '5s', route: [to('ga', 100), to('canary', 0)] },
]);

describe('A/B on a VirtualService', () => {
  const spec = parseStrategySpec({ strategy: 'ab', match: 'header:x-user=beta\ncookie:canary=always' });
  const t = target(user);

  it('sends the matching requests the stepped route takes to the canary, and only those', () => {
    const vs = renderRoute(t, spec, { ...ROLLBACK_STAGE, ab: true });
    const canary = [['canary', 100, { [VERSION_HEADER]: 'canary' }]];
    expect(routed(vs, { headers: { 'x-user': 'beta' } })).toMatchObject({
      name: 'main-istio-canary-ab',
      weights: canary,
    });
    expect(routed(vs, { headers: { cookie: 'a=1; canary=always' } })).toMatchObject({
      name: 'main-istio-canary-ab',
    });
    expect(routed(vs, { headers: { 'x-user': 'alpha' } }).name).toBe('main');
    expect(routed(vs, {}).weights).toEqual([
      ['ga', 100, { [VERSION_HEADER]: 'stable' }],
      ['canary', 0, { [VERSION_HEADER]: 'canary' }],
    ]);
    // The earlier route keeps its requests, even from the A/B cohort.
    expect(routed(vs, { path: '/admin', headers: { 'x-user': 'beta' } }).name).toBe('admin');
    // The A/B route is the stepped route's copy (its timeout) with the user's match AND the route's.
    const http = (vs.spec as { http: Json[] }).http;
    expect(http.map((r) => r.name)).toEqual(['admin', 'main-istio-canary-ab', 'main']);
    expect(http[1]).toMatchObject({
      timeout: '5s',
      match: [{ uri: { prefix: '/' }, headers: { 'x-user': { exact: 'beta' } } }, {}],
    });
  });

  it('keeps the cohort on the canary through the weights and removes the route at 100%', () => {
    const steps = strategySteps(spec, [10, 50, 100]);
    expect(steps.map((s) => [s.kind, s.stage.canaryWeight, s.stage.ab, s.judged])).toEqual([
      ['ab', 0, true, 'matched'],
      ['weight', 10, true, 'weighted'],
      ['weight', 50, true, 'weighted'],
      ['weight', 100, false, 'weighted'],
    ]);
    let vs = user;
    for (const s of steps) {
      vs = renderRoute({ ...t, object: vs }, spec, s.stage);
      expect(currentStage({ ...t, object: vs }, spec)).toEqual(s.stage);
    }
    expect(routed(vs, {}).weights?.map((w) => w.slice(0, 2))).toEqual([
      ['ga', 0],
      ['canary', 100],
    ]);
  });

  it('rolls back in one write from any stage, to the user route with canary 0%', () => {
    for (const stage of strategySteps(spec, [10, 100]).map((s) => s.stage)) {
      const at = renderRoute(t, spec, stage);
      const back = renderRoute({ ...t, object: at }, spec, ROLLBACK_STAGE);
      expect(back).toEqual(withCanaryWeight(user, t.selection, 0));
    }
  });

  it('finds the stepped route by its index without the inserted routes, and reports a hand edit', () => {
    const at = renderRoute(t, spec, { ...ROLLBACK_STAGE, canaryWeight: 10, ab: true });
    expect(selectVsRoute([withoutStrategy({ ...t, object: at })], NONE)).toMatchObject({
      routeIndex: t.selection.routeIndex,
      routeName: 'main',
      canary: { subset: 'canary', weight: 10 },
    });
    const edited = withoutAbRouteVs(at, t.selection);
    expect(
      stageDrift(currentStage({ ...t, object: edited }, spec), {
        ...ROLLBACK_STAGE,
        canaryWeight: 10,
        ab: true,
      }),
    ).toBe('the A/B route absent (written: present)');
  });

  it('selects the same route at every stage from the VirtualService as read', () => {
    for (const s of strategySteps(spec, [10, 100])) {
      const at = renderRoute(t, spec, s.stage);
      const again = selectVirtualServiceTarget([at], NONE);
      expect(again.object).toBe(at);
      expect(again.selection).toEqual({
        ...t.selection,
        ...selectVsRoute([withoutStrategy({ ...t, object: at })], NONE),
      });
      expect(again.selection.routeIndex).toBe(1);
      expect(currentStage(again, spec)).toEqual(s.stage);
    }
  });

  it('refuses a match that contradicts the route, naming the header', () => {
    const own = podinfoVs([
      { match: [{ headers: { 'x-user': { exact: 'qa' } } }], route: [to('ga', 100), to('canary', 0)] },
    ]);
    expect(() => withAbRouteVs(own, target(own).selection, spec.match)).toThrow(StrategyError);
    expect(() => withAbRouteVs(own, target(own).selection, spec.match)).toThrow(
      /header x-user is matched by the route/,
    );
  });
});

describe('mirror on a VirtualService', () => {
  const spec = parseStrategySpec({ strategy: 'mirror', 'mirror-percent': '12.5' });
  const t = target(user);

  it('mirrors the percent of the stepped route to the canary before the weights, judged on Prometheus', () => {
    const steps = strategySteps(spec, [50, 100]);
    expect(steps.map((s) => [s.kind, s.stage.mirror, s.canarySource])).toEqual([
      ['mirror', true, 'prometheus'],
      ['weight', false, 'any'],
      ['weight', false, 'any'],
    ]);
    const vs = renderRoute(t, spec, steps[0]!.stage);
    expect(routed(vs, {})).toMatchObject({ name: 'main', mirrors: [['canary', 0.125]] });
    expect(routed(renderRoute({ ...t, object: vs }, spec, steps[1]!.stage), {}).mirrors).toEqual([]);
  });
});

describe('blue/green on a VirtualService', () => {
  it('serves the preview host from green, then switches all traffic in one write', () => {
    const spec = parseStrategySpec({
      strategy: 'blue-green',
      'preview-host': 'preview.podinfo',
      iterations: '2',
    });
    const t = target(user);
    const steps = strategySteps(spec, [10, 100]);
    expect(steps.map((s) => [s.kind, s.stage.canaryWeight, s.stage.preview, s.label])).toEqual([
      ['preview', 0, true, 'preview 1/2'],
      ['preview', 0, true, 'preview 2/2'],
      ['switch', 100, false, 'switch: canary 100%'],
    ]);
    const pre = renderRoute(t, spec, steps[0]!.stage);
    expect(routed(pre, {}, 'preview.podinfo')).toMatchObject({
      name: previewRouteName(t.selection),
      weights: [['canary', 100, { [VERSION_HEADER]: 'canary' }]],
    });
    expect(routed(pre, {}, 'podinfo').weights?.map((w) => w.slice(0, 2))).toEqual([
      ['ga', 100],
      ['canary', 0],
    ]);
    const switched = renderRoute({ ...t, object: pre }, spec, steps[2]!.stage);
    expect(routed(switched, {}, 'podinfo').weights?.map((w) => w.slice(0, 2))).toEqual([
      ['ga', 0],
      ['canary', 100],
    ]);
    expect((switched.spec as { http: Json[] }).http.map((r) => r.name)).toEqual(['admin', 'main']);
  });

  it('serves the preview header from green', () => {
    const spec = parseStrategySpec({ strategy: 'blue-green', 'preview-header': 'x-env=green' });
    const vs = renderRoute(target(user), spec, { ...ROLLBACK_STAGE, preview: true });
    expect(routed(vs, { headers: { 'x-env': 'green' } }).name).toBe('main-istio-canary-preview');
    expect(routed(vs, { headers: { 'x-env': 'blue' } }).name).toBe('main');
  });
});

// ---- properties over generated VirtualServices ----

const headerName = fc.constantFrom('x-user', 'x-group', 'x-env');
const stringMatch = fc.oneof(
  fc.stringMatching(/^[a-z]{1,6}$/).map((v) => ({ exact: v })),
  fc.stringMatching(/^[a-z]{1,4}$/).map((v) => ({ prefix: v })),
);
const matchEntry = fc.record(
  {
    uri: fc.stringMatching(/^\/[a-z]{1,5}$/).map((p) => ({ prefix: p })),
    headers: fc.dictionary(headerName, stringMatch, { maxKeys: 1 }),
  },
  { requiredKeys: [] },
);
const otherRoute = fc
  .record(
    {
      name: fc.stringMatching(/^r[a-z0-9]{0,5}$/),
      match: fc.array(matchEntry, { minLength: 1, maxLength: 2 }),
      timeout: fc.constantFrom('1s', '3s'),
    },
    { requiredKeys: ['match'] },
  )
  .map((r) => ({ ...r, route: [to('ga')] }));
const vsArb = fc
  .record({
    before: fc.array(otherRoute, { maxLength: 3 }),
    after: fc.array(otherRoute, { maxLength: 2 }),
    stepped: fc.record(
      {
        name: fc.constantFrom('main', 'web'),
        match: fc.array(matchEntry, { minLength: 1, maxLength: 2 }),
        retries: fc.constant({ attempts: 2 }),
      },
      { requiredKeys: [] },
    ),
    weights: fc.integer({ min: 0, max: 100 }),
    mirrorOf: fc.constantFrom(null, 'ga'),
  })
  .map(({ before, after, stepped, weights, mirrorOf }) =>
    podinfoVs([
      ...before,
      {
        ...stepped,
        ...(mirrorOf ? { mirror: { host: 'podinfo', subset: mirrorOf } } : {}),
        route: [to('ga', 100 - weights), to('canary', weights)],
      },
      ...after,
    ]),
  );
const userMatch = fc.array(
  fc.record({
    headers: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom('x-beta', 'x-ab'),
        type: fc.constantFrom('exact' as const, 'regex' as const),
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
  preview: fc.boolean(),
});

describe('VirtualService transforms (properties)', () => {
  it('A/B, mirror and preview are idempotent, never change their argument, and their removal is the identity', () => {
    fc.assert(
      fc.property(vsArb, userMatch, fc.integer({ min: 1, max: 100 }), (vs, match, pct) => {
        const frozen = structuredClone(vs);
        const sel = target(vs).selection;
        const ab = withAbRouteVs(vs, sel, match);
        expect(withAbRouteVs(ab, sel, match)).toEqual(ab);
        expect(withoutAbRouteVs(ab, sel)).toEqual(vs);
        expect(withoutStrategyVs(ab, sel)).toEqual(vs);
        const preview = withPreviewRouteVs(vs, sel, { kind: 'header', header: match[0]!.headers[0]! });
        expect(withoutPreviewRouteVs(preview, sel)).toEqual(vs);
        const mirrored = (vs.spec as { http: Json[] }).http.some((r) => r.mirror);
        if (!mirrored) {
          const m = withMirrorVs(vs, sel, pct);
          expect(withMirrorVs(m, sel, pct)).toEqual(m);
          expect(withoutMirrorVs(m, sel)).toEqual(vs);
          expect(withoutStrategyVs(withAbRouteVs(m, sel, match), sel)).toEqual(vs);
        } else expect(() => withMirrorVs(vs, sel, pct)).toThrow(/already mirrors/);
        expect(vs).toEqual(frozen);
        expect(
          ab.spec && (ab.spec as { http: Json[] }).http.find((r) => r.name === abRouteName(sel)),
        ).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });

  it('renderRoute is idempotent, reads back as the stage it wrote, and rolls back to the user object', () => {
    fc.assert(
      fc.property(vsArb, userMatch, stageArb, stageArb, (vs, match, s1, s2) => {
        if ((vs.spec as { http: Json[] }).http.some((r) => r.mirror)) return;
        const spec = {
          ...parseStrategySpec({ strategy: 'ab', match: 'header:x=1' }),
          match,
          preview: { kind: 'header' as const, header: { name: 'x-p', type: 'exact' as const, value: '1' } },
        };
        const t = target(vs);
        const a = renderRoute(t, spec, s1);
        expect(renderRoute({ ...t, object: a }, spec, s1)).toEqual(a);
        expect(currentStage({ ...t, object: a }, { strategy: 'ab' })).toEqual(s1);
        const b = renderRoute({ ...t, object: a }, spec, s2);
        expect(b).toEqual(renderRoute(t, spec, s2));
        expect(renderRoute({ ...t, object: b }, spec, ROLLBACK_STAGE)).toEqual(
          withCanaryWeight(vs, t.selection, 0),
        );
      }),
      { numRuns: 150 },
    );
  });
});
