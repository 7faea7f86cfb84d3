// The routing table's request matching, pure: Istio's StringMatch (exact / prefix / regex, RE2
// full-match) checked against reference implementations with fast-check, RE2 refusals, and the
// VirtualService match semantics (first route wins, match blocks OR'ed, conditions AND'ed,
// withoutHeaders, the cookie regex users write), plus mirror fields as compiled.
import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRoutingTable,
  routesForHost,
  selectRoute,
  virtualServiceValidationError,
  type RoutingTable,
} from '../src/sim/dataplane/routes.js';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';
import {
  compileRe2,
  compileStringMatch,
  pathPrefixMatches,
  re2Refusal,
} from '../src/sim/dataplane/routes-match.js';
import type { KubeObject } from '../src/sim/types.js';
import { view } from './sim-dataplane-match-support.js';
import { deployment, destinationRule, gateway, service, virtualService } from './sim-dataplane-fixtures.js';

// ---- a tiny regex language with a reference matcher (no JS RegExp involved) ----

type Node =
  | { t: 'lit'; c: string }
  | { t: 'any' }
  | { t: 'cls'; chars: string; neg: boolean }
  | { t: 'seq'; xs: Node[] }
  | { t: 'alt'; xs: Node[] }
  | { t: 'star' | 'plus' | 'opt'; x: Node };

const ALPHABET = ['a', 'b', 'c', ';', '=', ' ', '.', '-', '('];
const char = fc.constantFrom(...ALPHABET);
const text = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));

const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    char.map((c): Node => ({ t: 'lit', c })),
    fc.constant<Node>({ t: 'any' }),
    fc
      .record({
        chars: fc.array(char, { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
        neg: fc.boolean(),
      })
      .map((r): Node => ({ t: 'cls', ...r })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs): Node => ({ t: 'seq', xs })),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((xs): Node => ({ t: 'alt', xs })),
    fc
      .record({ t: fc.constantFrom('star' as const, 'plus' as const, 'opt' as const), x: tie('node') })
      .map((r): Node => r),
  ),
}));

const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function render(n: Node): string {
  switch (n.t) {
    case 'lit':
      return escapeRe(n.c);
    case 'any':
      return '.';
    case 'cls':
      return `[${n.neg ? '^' : ''}${[...n.chars].map(escapeRe).join('')}]`;
    case 'seq':
      return n.xs.map(render).join('');
    case 'alt':
      return `(?:${n.xs.map(render).join('|')})`;
    case 'star':
      return `(?:${render(n.x)})*`;
    case 'plus':
      return `(?:${render(n.x)})+`;
    case 'opt':
      return `(?:${render(n.x)})?`;
  }
}

/** End positions of `n` matched from position i of s. */
function ends(n: Node, s: string, i: number): Set<number> {
  const one = (ok: boolean): Set<number> => (ok ? new Set([i + 1]) : new Set());
  switch (n.t) {
    case 'lit':
      return one(s[i] === n.c);
    case 'any':
      return one(i < s.length && s[i] !== '\n');
    case 'cls':
      return one(i < s.length && n.chars.includes(s[i] ?? '') !== n.neg);
    case 'seq': {
      let at = new Set([i]);
      for (const x of n.xs) at = new Set([...at].flatMap((j) => [...ends(x, s, j)]));
      return at;
    }
    case 'alt':
      return new Set(n.xs.flatMap((x) => [...ends(x, s, i)]));
    case 'opt':
      return new Set([i, ...ends(n.x, s, i)]);
    case 'star':
    case 'plus': {
      const seen = new Set<number>(n.t === 'star' ? [i] : []);
      let frontier = n.t === 'star' ? [i] : [...ends(n.x, s, i)];
      for (const j of frontier) seen.add(j);
      while (frontier.length > 0) {
        const next: number[] = [];
        for (const j of frontier)
          for (const k of ends(n.x, s, j))
            if (!seen.has(k)) {
              seen.add(k);
              next.push(k);
            }
        frontier = next;
      }
      return seen;
    }
  }
}

const fullMatch = (n: Node, s: string): boolean => ends(n, s, 0).has(s.length);

describe('StringMatch agrees with reference implementations', () => {
  it('exact is string equality and prefix is startsWith, on any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(compileStringMatch({ exact: a })?.(b)).toBe(a === b);
        expect(compileStringMatch({ prefix: a })?.(a + b)).toBe(true);
        expect(compileStringMatch({ prefix: a })?.(b)).toBe(b.startsWith(a));
        expect(compileStringMatch({ exact: a })?.(undefined)).toBe(false);
        expect(compileStringMatch({})?.(b)).toBe(true);
        expect(compileStringMatch({})?.(undefined)).toBe(false);
      }),
    );
  });

  it('regex is a full match of the value (RE2 safe_regex), as a reference matcher decides', () => {
    fc.assert(
      fc.property(node, fc.array(text, { minLength: 1, maxLength: 6 }), (n, samples) => {
        const match = compileStringMatch({ regex: render(n) });
        for (const s of samples)
          expect(match?.(s), `${render(n)} on ${JSON.stringify(s)}`).toBe(fullMatch(n, s));
      }),
      { numRuns: 400 },
    );
  });

  it('a regex that matches only a substring does not match', () => {
    fc.assert(
      fc.property(text, text, fc.string({ minLength: 1, maxLength: 4 }).map(escapeRe), (a, b, x) => {
        const value = `${a}${x.replace(/\\/g, '')}${b}`;
        const re = compileStringMatch({ regex: x });
        expect(re?.(value)).toBe(value === x.replace(/\\(.)/g, '$1'));
      }),
    );
  });
});

describe('RE2 refusals', () => {
  it('accepts every pattern of the RE2-compatible language', () => {
    fc.assert(
      fc.property(node, (n) => {
        expect(re2Refusal(render(n))).toBeUndefined();
      }),
    );
  });

  it('refuses lookaround and backreferences wherever they are inserted, and names them', () => {
    const bad = fc.constantFrom('(?=a)', '(?!a)', '(?<=a)', '(?<!a)', '(a)\\1', '(?<n>a)\\k<n>');
    fc.assert(
      fc.property(node, node, bad, (l, r, b) => {
        const pattern = `${render(l)}${b}${render(r)}`;
        expect(re2Refusal(pattern)).toMatch(/RE2 has no (lookaround|backreferences)/);
        expect(() => compileRe2(pattern)).toThrow(/is not RE2/);
      }),
    );
  });

  it('does not mistake escaped or bracketed look-alikes for lookaround', () => {
    for (const p of ['\\(?=a\\)', '[(?=]', '[]a(?!]', '\\\\', 'a{2}', '[\\1]'])
      expect(re2Refusal(p), p).toBeUndefined();
    expect(re2Refusal('a*+')).toMatch(/possessive/);
  });

  it("translates RE2's (?P<name>…) groups and a leading (?i)", () => {
    expect(compileRe2('(?P<user>[a-z]+)=1').test('bob=1')).toBe(true);
    expect(compileRe2('(?i)canary').test('CaNaRy')).toBe(true);
    expect(compileRe2('canary').test('CANARY')).toBe(false);
  });
});

describe('Gateway API PathPrefix', () => {
  const segment = fc.array(fc.constantFrom('a', 'b', 'ab'), { minLength: 1, maxLength: 4 });
  it('matches by whole path elements, as the reference on split segments decides', () => {
    fc.assert(
      fc.property(segment, segment, fc.boolean(), fc.boolean(), (p, q, slashP, slashQ) => {
        const prefix = `/${p.join('/')}${slashP ? '/' : ''}`;
        const path = `/${q.join('/')}${slashQ ? '/' : ''}`;
        const want = p.length <= q.length && p.every((s, i) => q[i] === s);
        expect(pathPrefixMatches(prefix, path), `${prefix} vs ${path}`).toBe(want);
      }),
    );
    expect(pathPrefixMatches('/', '/anything')).toBe(true);
    expect(pathPrefixMatches('/foo', '/foobar')).toBe(false);
  });
});

// ---- VirtualService semantics through the routing table ----

const NS = 'test';
const to = (subset: string): Record<string, unknown> => ({ destination: { host: 'podinfo', subset } });

function table(http: Record<string, unknown>[], extra: KubeObject[] = []): RoutingTable {
  const objs = [
    deployment('podinfo-ga', { labels: { app: 'podinfo', version: 'ga' } }),
    deployment('podinfo-canary', { labels: { app: 'podinfo', version: 'canary' } }),
    service('podinfo', { app: 'podinfo' }),
    destinationRule('podinfo', 'podinfo', { ga: { version: 'ga' }, canary: { version: 'canary' } }),
    gateway('gw'),
    virtualService('podinfo', { hosts: ['podinfo'], gateways: ['gw'], http }),
    ...extra,
  ];
  const of = (kind: string): KubeObject[] => objs.filter((o) => o.kind === kind);
  return buildRoutingTable({
    virtualServices: of('VirtualService'),
    destinationRules: of('DestinationRule'),
    gateways: of('Gateway'),
    deployments: of('Deployment'),
    services: of('Service'),
  });
}

function routeName(t: RoutingTable, req: Parameters<typeof view>[0]): string | undefined {
  const routes = routesForHost(t, 'podinfo');
  return routes && selectRoute(routes, view(req))?.name;
}

describe('VirtualService http match', () => {
  const COOKIE = '^(.*?;)?(user=test)(;.*)?$';
  const t = table([
    { name: 'cookie', match: [{ headers: { cookie: { regex: COOKIE } } }], route: [to('canary')] },
    {
      name: 'and',
      match: [{ headers: { 'x-user': { exact: 'qa' } }, uri: { prefix: '/api' } }],
      route: [to('canary')],
    },
    {
      name: 'or',
      match: [{ headers: { 'x-group': { prefix: 'beta-' } } }, { uri: { regex: '/v[0-9]+/.*' } }],
      route: [to('canary')],
    },
    {
      name: 'without',
      match: [{ uri: { exact: '/x' }, withoutHeaders: { 'x-skip': {} } }],
      route: [to('canary')],
    },
    { name: 'default', route: [to('ga')] },
  ]);

  it('routes the cookie the way Istio users match it (a regex on the cookie header)', () => {
    expect(routeName(t, { headers: { cookie: 'user=test' } })).toBe('cookie');
    expect(routeName(t, { headers: { cookie: 'a=1;user=test;b=2' } })).toBe('cookie');
    // RE2 full-match semantics as in Envoy: the space after ';' is not covered by this regex.
    expect(routeName(t, { headers: { cookie: 'a=1; user=test' } })).toBe('default');
    expect(routeName(t, { headers: { cookie: 'user=tester' } })).toBe('default');
    expect(routeName(t, { headers: { cookie: 'xuser=test' } })).toBe('default');
  });

  it('ANDs the conditions of one match block', () => {
    expect(routeName(t, { path: '/api/v', headers: { 'X-User': 'qa' } })).toBe('and');
    expect(routeName(t, { path: '/web', headers: { 'x-user': 'qa' } })).toBe('default');
    expect(routeName(t, { path: '/api', headers: { 'x-user': 'qa2' } })).toBe('default');
  });

  it("ORs a route's match blocks", () => {
    expect(routeName(t, { headers: { 'x-group': 'beta-1' } })).toBe('or');
    expect(routeName(t, { path: '/v2/items' })).toBe('or');
    expect(routeName(t, { path: '/v2' })).toBe('default'); // regex is a full match
  });

  it('withoutHeaders excludes requests carrying the header', () => {
    expect(routeName(t, { path: '/x' })).toBe('without');
    expect(routeName(t, { path: '/x', headers: { 'x-skip': '' } })).toBe('default');
  });

  it('the first matching http route wins, whatever follows', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['a', 'b', 'c', 'd'], { minLength: 1 }), (order) => {
        const tt = table(
          order.map((n) => ({ name: n, match: [{ uri: { prefix: '/' } }], route: [to('ga')] })),
        );
        expect(routeName(tt, { path: '/any' })).toBe(order[0]);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a VirtualService with a regex RE2 lacks, naming the field, and serves none of it', () => {
    const bad = table([
      { name: 'la', match: [{ headers: { 'x-user': { regex: '(?!admin).*' } } }], route: [to('canary')] },
      { name: 'default', route: [to('ga')] },
    ]);
    expect(bad.rejected.map((r) => [r.kind, r.namespace, r.name])).toEqual([
      ['VirtualService', NS, 'podinfo'],
    ]);
    expect(bad.rejected[0]?.reason).toMatch(
      /http\[0\]\.match: headers\.x-user: regex "\(\?!admin\)\.\*" is not RE2: lookahead/,
    );
    expect(routesForHost(bad, 'podinfo')).toBeUndefined();
    const vs = virtualService('v', {
      hosts: ['podinfo'],
      http: [{ match: [{ uri: { regex: '(a)\\1' } }], route: [to('ga')] }],
    });
    expect(virtualServiceValidationError(vs)).toMatch(/http\[0\]\.match: uri: .*backreference/);
    expect(
      virtualServiceValidationError(virtualService('ok', { hosts: ['x'], http: [{ route: [to('ga')] }] })),
    ).toBeUndefined();
  });

  it('lists refused objects on the data plane at /debug/rejected', async () => {
    const config = createMemoryConfigSource([
      virtualService('bad', {
        hosts: ['*'],
        http: [{ match: [{ headers: { cookie: { regex: '(?<=a)b' } } }], route: [to('ga')] }],
      }),
    ]);
    const plane = await startDataPlane({ config, seed: 1 });
    try {
      const res = await fetch(new URL('/debug/rejected', plane.metricsUrl));
      const body = (await res.json()) as { kind: string; name: string; reason: string }[];
      expect(body.map((r) => [r.kind, r.name])).toEqual([['VirtualService', 'bad']]);
      expect(body[0]?.reason).toMatch(/headers\.cookie: regex "\(\?<=a\)b" is not RE2: lookbehind/);
      expect((await fetch(plane.ingressUrl)).status).toBe(404);
    } finally {
      await plane.close();
    }
  });
});

describe('repeated headers', () => {
  it('are matched joined with "," as Envoy joins them', async () => {
    const config = createMemoryConfigSource([
      deployment('podinfo-ga', { labels: { app: 'podinfo', version: 'ga' } }),
      service('podinfo', { app: 'podinfo' }),
      virtualService('v', {
        hosts: ['*'],
        http: [
          { match: [{ headers: { 'x-user': { exact: 'a,b' } } }], directResponse: { status: 299 } },
          { directResponse: { status: 298 } },
        ],
      }),
    ]);
    const plane = await startDataPlane({ config, seed: 1 });
    const statusWith = (values: string[]): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request(plane.ingressUrl, { headers: { 'x-user': values } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await statusWith(['a', 'b'])).toBe(299);
      expect(await statusWith(['a,b'])).toBe(299);
      expect(await statusWith(['a, b'])).toBe(298);
    } finally {
      await plane.close();
    }
  });
});

describe('mirror fields', () => {
  const mirrorOf = (http: Record<string, unknown>) =>
    table([{ name: 'm', route: [to('ga')], ...http }]).exact.get('podinfo')?.[0]?.mirrors;

  it('reads mirror + mirrorPercentage, the older mirrorPercent / mirror_percent, and mirrors[]', () => {
    const canary = { host: 'podinfo', subset: 'canary' };
    expect(mirrorOf({ mirror: canary })?.map((m) => m.fraction)).toEqual([1]);
    expect(mirrorOf({ mirror: canary, mirrorPercentage: { value: 12.5 } })?.map((m) => m.fraction)).toEqual([
      0.125,
    ]);
    expect(mirrorOf({ mirror: canary, mirrorPercent: 30 })?.map((m) => m.fraction)).toEqual([0.3]);
    expect(mirrorOf({ mirror: canary, mirror_percent: 40 })?.map((m) => m.fraction)).toEqual([0.4]);
    const many = mirrorOf({
      mirrors: [
        { destination: canary, percentage: { value: 5 } },
        { destination: { host: 'podinfo', subset: 'ga' } },
      ],
    });
    expect(many?.map((m) => [m.upstream?.subset, m.fraction])).toEqual([
      ['canary', 0.05],
      ['ga', 1],
    ]);
    expect(mirrorOf({})).toEqual([]);
  });

  it('refuses what istiod refuses: mirror with mirrors, a percentage outside 0-100', () => {
    const canary = { host: 'podinfo', subset: 'canary' };
    const reasons = [
      { mirror: canary, mirrors: [{ destination: canary }] },
      { mirror: canary, mirrorPercentage: { value: 100.5 } },
      { mirrors: [{ destination: canary, percentage: { value: -1 } }] },
    ].map((m) => table([{ name: 'm', route: [to('ga')], ...m }]).rejected.map((r) => r.reason));
    expect(reasons).toEqual([
      ['http[0]: HTTP route cannot contain both mirror and mirrors'],
      ['http[0]: mirror percentage 100.5 is outside 0-100'],
      ['http[0]: mirror percentage -1 is outside 0-100'],
    ]);
  });

  it('resolves the mirror subset to its workloads, and an unknown host to nothing', () => {
    const [m] = mirrorOf({ mirror: { host: 'podinfo', subset: 'canary' } }) ?? [];
    expect(m?.upstream?.ready.map((w) => w.name)).toEqual(['podinfo-canary']);
    const [none] = mirrorOf({ mirror: { host: 'nope' } }) ?? [];
    expect(none?.upstream).toBeUndefined();
  });
});
