import fc from 'fast-check';
import { loadAll } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PlanError,
  VERSION_HEADER,
  currentWeights,
  schedule,
  selectRoute,
  stepIndexOf,
  withCanaryWeight,
  type RouteWanted,
} from '../src/plan.js';

type Json = Record<string, unknown>;
const docs = (file: string) =>
  loadAll(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')) as Json[];
const vsOf = (file: string) => docs(file).filter((d) => d.kind === 'VirtualService');
const none: RouteWanted = { virtualService: null, route: null, stableSubset: null, canarySubset: null };
const routeOf = (vs: Json) => (vs.spec as { http: { route: Json[] }[] }).http[0]!.route;

const vs = (name: string, http: unknown[]): Json => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: 'ns' },
  spec: { hosts: [name], http },
});
const dest = (subset: string, weight?: number, host = 'svc') => ({
  destination: { host, subset },
  ...(weight === undefined ? {} : { weight }),
});

describe('selectRoute', () => {
  it('detects the podinfo seed: ga is stable, canary is canary, though canary is listed first', () => {
    const sel = selectRoute(vsOf('examples/podinfo/istio.yaml'), none);
    expect(sel.virtualService).toBe('podinfo');
    expect(sel.namespace).toBe('test');
    expect(sel.stable).toMatchObject({ subset: 'ga', index: 1, weight: 100 });
    expect(sel.canary).toMatchObject({ subset: 'canary', index: 0, weight: 0 });
  });

  it('detects the flask seed: v1 stable, v2 canary', () => {
    const sel = selectRoute(vsOf('examples/flask-smartcar/canary-deployment.yml'), none);
    expect([sel.stable.subset, sel.canary.subset]).toEqual(['v1', 'v2']);
  });

  it('takes the subsets the user names, in either order of the route', () => {
    const sel = selectRoute([vs('a', [{ route: [dest('blue', 100), dest('green', 0)] }])], {
      ...none,
      stableSubset: 'green',
      canarySubset: 'blue',
    });
    expect([sel.stable.subset, sel.canary.subset]).toEqual(['green', 'blue']);
  });

  it('adds a canary destination the route does not have yet when canary-subset is named', () => {
    const one = vs('a', [{ route: [dest('v1')] }]);
    const sel = selectRoute([one], { ...none, stableSubset: 'v1', canarySubset: 'v2' });
    expect(sel.canary.index).toBe(-1);
    const next = withCanaryWeight(one, sel, 10);
    expect(routeOf(next).map((d) => [(d.destination as Json).subset, d.weight])).toEqual([
      ['v1', 90],
      ['v2', 10],
    ]);
  });

  it('picks the route by name or index and says which routes exist when it is not there', () => {
    const two = vs('a', [
      { name: 'api', route: [dest('v1', 100), dest('v2', 0)] },
      { name: 'web', route: [dest('v1', 100), dest('v2', 0)] },
    ]);
    expect(() => selectRoute([two], none)).toThrow(/2 http routes could be stepped.*Set virtual-service/);
    expect(selectRoute([two], { ...none, route: 'web' }).routeIndex).toBe(1);
    expect(selectRoute([two], { ...none, route: 0 }).routeName).toBe('api');
    expect(() => selectRoute([two], { ...none, virtualService: 'a', route: 'admin' })).toThrow(
      /no http route named "admin"; VirtualService a has 2 http route\(s\): 0 \(named api\), 1 \(named web\)/,
    );
    // Without virtual-service too: the missing route is named, with the routes there are.
    expect(() =>
      selectRoute([vs('one', [{ route: [dest('v1', 100), dest('v2', 0)] }])], { ...none, route: 5 }),
    ).toThrow(
      /^route: route 5 does not exist \(no http route at index 5\); VirtualService one has 1 http route\(s\): 0 \(no name\)/,
    );
  });

  it.each([
    ['no VirtualService', [], none, /no VirtualService found/],
    [
      'an unknown name',
      [vs('a', [])],
      { ...none, virtualService: 'b' },
      /virtual-service: no VirtualService named "b"; found: a/,
    ],
    [
      'a single destination',
      [vs('a', [{ route: [dest('v1')] }])],
      none,
      /1 destinations with a subset; expected 2/,
    ],
    [
      'three subsets',
      [vs('a', [{ route: [dest('a', 50), dest('b', 25), dest('c', 25)] }])],
      none,
      /3 destinations with a subset/,
    ],
    [
      'a missing named subset',
      [vs('a', [{ route: [dest('v1', 100), dest('v2', 0)] }])],
      { ...none, stableSubset: 'ga', canarySubset: 'v2' },
      /no destination with subset "ga"/,
    ],
    [
      'two routes in two services',
      [
        vs('a', [{ route: [dest('v1', 100), dest('v2', 0)] }]),
        vs('b', [{ route: [dest('v1', 100), dest('v2', 0)] }]),
      ],
      none,
      /2 http routes could be stepped: a http\[0\]; b http\[0\]/,
    ],
  ])('fails clearly for %s', (_name, list, want, message) => {
    expect(() => selectRoute(list, want)).toThrow(message);
  });

  it('rejects the 2018 destination.name shape of seed 003 with the fix', () => {
    const legacy = vs('podinfo', [
      {
        route: [
          { destination: { name: 'podinfo.test', subset: 'canary' }, weight: 0 },
          { destination: { name: 'podinfo.test', subset: 'ga' }, weight: 100 },
        ],
      },
    ]);
    expect(() => selectRoute([legacy], none)).toThrow(PlanError);
    expect(() => selectRoute([legacy], none)).toThrow('use destination.host: podinfo.test');
  });
});

describe('withCanaryWeight', () => {
  const seed = vsOf('examples/podinfo/istio.yaml')[0]!;
  const sel = selectRoute([seed], none);

  it('writes the weights and tags each destination with the version header, leaving the input alone', () => {
    const before = JSON.stringify(seed);
    const next = withCanaryWeight(seed, sel, 10);
    expect(JSON.stringify(seed)).toBe(before);
    expect(currentWeights(next, sel)).toEqual({ stable: 90, canary: 10 });
    const tags = routeOf(next).map(
      (d) => ((d.headers as Json).response as { set: Record<string, string> }).set[VERSION_HEADER],
    );
    expect(tags).toEqual(['canary', 'stable']);
  });

  it('keeps headers the user already set', () => {
    const withHeaders = structuredClone(seed);
    routeOf(withHeaders)[1]!.headers = { response: { set: { 'x-team': 'payments' }, remove: ['server'] } };
    const next = withCanaryWeight(withHeaders, sel, 60);
    expect((routeOf(next)[1]!.headers as Json).response).toEqual({
      set: { 'x-team': 'payments', [VERSION_HEADER]: 'stable' },
      remove: ['server'],
    });
  });

  it('refuses weights outside 0..100', () => {
    expect(() => withCanaryWeight(seed, sel, 101)).toThrow(PlanError);
    expect(() => withCanaryWeight(seed, sel, 2.5)).toThrow(PlanError);
  });
});

describe('plan (properties)', () => {
  const seed = vsOf('examples/podinfo/istio.yaml')[0]!;
  const sel = selectRoute([seed], none);
  const stepsArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 10 })
    .map((a) => a.sort((x, y) => x - y));

  it('every scheduled step is ascending, sums to 100, and resuming never goes back', () => {
    fc.assert(
      fc.property(stepsArb, fc.integer({ min: 0, max: 100 }), (steps, current) => {
        const weights = schedule(steps, current);
        for (let i = 1; i < weights.length; i++) expect(weights[i]!).toBeGreaterThan(weights[i - 1]!);
        for (const weight of weights) {
          expect(weight).toBeGreaterThan(current);
          const w = currentWeights(withCanaryWeight(seed, sel, weight), sel);
          expect(w.stable + w.canary).toBe(100);
          expect(w.canary).toBe(weight);
          expect(steps[stepIndexOf(steps, weight) - 1]).toBe(weight);
        }
      }),
    );
  });

  it('resuming from a recorded weight walks exactly the rest of the schedule', () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, pick) => {
        const done = pick % (steps.length + 1);
        const recorded = done === 0 ? 0 : steps[done - 1]!;
        expect(schedule(steps, recorded)).toEqual(steps.slice(done));
      }),
    );
  });
});
