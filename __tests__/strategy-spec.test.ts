// The strategy inputs of issue 15 (src/strategy/spec.ts): match in YAML and shorthand, cookies,
// mirror-percent, previews, services, and the cross-input checks. Properties with fast-check:
// every generated condition round-trips through both syntaxes, every bad value is an
// InvalidValueError naming the input and what it accepts.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../src/input-parsers.js';
import {
  cookieCondition,
  sampleHeaders,
  type HeaderCondition,
  type MatchEntry,
} from '../src/strategy/match.js';
import {
  parseMatch,
  parseMirrorPercent,
  parsePreviewHeader,
  parsePreviewHost,
  parseServices,
  parseStrategySpec,
  type StrategyInputs,
} from '../src/strategy/spec.js';
import { compileRe2 } from '../src/sim/dataplane/routes-match.js';

const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidValueError);
    return (err as Error).message;
  }
  throw new Error('did not throw');
};

const nameArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const valueArb = fc.stringMatching(/^[A-Za-z0-9._-]{1,16}$/);
const conditionArb: fc.Arbitrary<HeaderCondition> = fc.record({
  name: nameArb,
  type: fc.constantFrom('exact' as const, 'prefix' as const, 'regex' as const),
  value: valueArb,
});
const op = { exact: '=', prefix: '^=', regex: '~=' } as const;
const shorthand = (c: HeaderCondition) => `header:${c.name}${op[c.type]}${c.value}`;

describe('match', () => {
  it('reads the YAML list of the brief and the shorthand lines as the same match', () => {
    const yaml = parseMatch(
      '[{headers: {x-user: {exact: beta}}}, {headers: {cookie: {regex: "^(.*?;)?(canary=always)(;.*)?$"}}}]',
    );
    expect(yaml).toEqual([
      { headers: [{ name: 'x-user', type: 'exact', value: 'beta' }] },
      { headers: [{ name: 'cookie', type: 'regex', value: '^(.*?;)?(canary=always)(;.*)?$' }] },
    ]);
    expect(parseMatch('header:x-user=beta\n')).toEqual([yaml[0]]);
    expect(parseMatch('- header:X-User=beta')).toEqual([yaml[0]]);
    expect(parseMatch('[{headers: {x-version: {exact: 2}}}]')).toEqual([
      { headers: [{ name: 'x-version', type: 'exact', value: '2' }] },
    ]);
  });

  it('turns cookie:NAME=VALUE into a Cookie header regex that the mesh matches as a browser sends it', () => {
    const [entry] = parseMatch('cookie:canary=always');
    expect(entry!.headers).toEqual([cookieCondition('canary', 'always')]);
    const re = compileRe2(entry!.headers[0]!.value);
    for (const ok of ['canary=always', 'a=1; canary=always', 'a=1;canary=always; b=2'])
      expect(re.test(ok)).toBe(true);
    for (const no of ['canary=alwaysx', 'xcanary=always', 'a=1', 'canary=never'])
      expect(re.test(no)).toBe(false);
  });

  it('round-trips any generated match through the shorthand and the YAML syntax', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(conditionArb, { selector: (c) => c.name, minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (alternatives) => {
          const entries: MatchEntry[] = alternatives.map((headers) => ({
            headers: [...headers].sort((a, b) => (a.name < b.name ? -1 : 1)),
          }));
          const yaml = dump(
            entries.map((e) => ({
              headers: Object.fromEntries(e.headers.map((h) => [h.name, { [h.type]: h.value }])),
            })),
            { flowLevel: 0 },
          );
          expect(parseMatch(yaml)).toEqual(entries);
          const single = entries.filter((e) => e.headers.length === 1);
          if (single.length)
            expect(parseMatch(single.map((e) => shorthand(e.headers[0]!)).join('\n'))).toEqual(single);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses an empty match, an entry without a condition, other fields, and regexes RE2 lacks', () => {
    expect(thrown(() => parseMatch('[]'))).toMatch(/no match/);
    expect(thrown(() => parseMatch('[{headers: {}}]'))).toMatch(/entry 1 without a condition/);
    expect(thrown(() => parseMatch('[{uri: {prefix: /api}}]'))).toMatch(/"uri"; an entry has only headers/);
    expect(thrown(() => parseMatch('[{headers: {x-a: {exact: a, prefix: b}}}]'))).toMatch(
      /exactly one of exact/,
    );
    expect(thrown(() => parseMatch('header:x-a~=(?!admin).*'))).toMatch(/lookahead/);
    expect(thrown(() => parseMatch('header:x-a~=(unclosed'))).toMatch(/does not compile/);
    expect(thrown(() => parseMatch('x-user=beta'))).toMatch(/not header:NAME=VALUE/);
    expect(thrown(() => parseMatch('header:x user=beta'))).toMatch(/header name/);
    expect(thrown(() => parseMatch('cookie:c=a b'))).toMatch(/cookie value/);
    expect(thrown(() => parseMatch(Array.from({ length: 9 }, (_, i) => `header:x=${i}`).join('\n')))).toMatch(
      /at most 8/,
    );
  });

  it('never accepts text that is neither syntax, and never throws anything but InvalidValueError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (raw) => {
        try {
          const m = parseMatch(raw);
          expect(m.length).toBeGreaterThan(0);
          for (const e of m) expect(e.headers.length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidValueError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mirror-percent, preview-host, preview-header', () => {
  it('takes 0 < percent <= 100 and refuses the rest, naming the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        const v = n / 100;
        const raw = String(v);
        if (v > 0 && v <= 100) expect(parseMirrorPercent(raw)).toBe(v);
        else expect(thrown(() => parseMirrorPercent(raw))).toMatch(/outside 0-100/);
      }),
      { numRuns: 300 },
    );
    expect(parseMirrorPercent('10%')).toBe(10);
    expect(thrown(() => parseMirrorPercent('-5'))).toMatch(/not a percent/);
  });

  it('takes one exact preview host and a NAME=VALUE preview header', () => {
    expect(parsePreviewHost('Preview.Example.com')).toBe('preview.example.com');
    expect(thrown(() => parsePreviewHost('*.example.com'))).toMatch(/wildcard/);
    expect(thrown(() => parsePreviewHost('a.example.com:8080'))).toMatch(/port/);
    expect(parsePreviewHeader('x-preview=true')).toEqual({ name: 'x-preview', type: 'exact', value: 'true' });
    expect(parsePreviewHeader('cookie:green=1')).toEqual(cookieCondition('green', '1'));
  });
});

describe('services', () => {
  it('reads one entry per route object with the keys of its kind', () => {
    const s = parseServices(
      '[{virtual-service: web, stable-subset: v1, canary-subset: v2}, {http-route: api, namespace: b, route: 1, stable-service: api-v1, canary-service: api-v2, canary-image: "ghcr.io/o/api:2", container: api}]',
    );
    expect(s).toEqual([
      {
        name: 'web',
        routeKind: 'virtual-service',
        object: 'web',
        namespace: null,
        route: null,
        stable: 'v1',
        canary: 'v2',
        canaryImage: null,
        container: null,
        manifests: null,
        loadUrl: null,
        loadHost: null,
      },
      {
        name: 'api',
        routeKind: 'http-route',
        object: 'api',
        namespace: 'b',
        route: 1,
        stable: 'api-v1',
        canary: 'api-v2',
        canaryImage: 'ghcr.io/o/api:2',
        container: 'api',
        manifests: null,
        loadUrl: null,
        loadHost: null,
      },
    ]);
  });

  it('reads the name, the manifests (a string or a list) and the load of each service', () => {
    const s = parseServices(
      '- {name: front, virtual-service: web, manifests: [k8s/web.yaml, k8s/extra/*.yaml], load-host: web.example.com}\n- {virtual-service: api, manifests: k8s/api.yaml, load-url: "http://gw.example:8080/"}\n',
    );
    expect(s.map((x) => [x.name, x.manifests, x.loadUrl, x.loadHost])).toEqual([
      ['front', ['k8s/web.yaml', 'k8s/extra/*.yaml'], null, 'web.example.com'],
      ['api', ['k8s/api.yaml'], 'http://gw.example:8080/', null],
    ]);
    expect(
      thrown(() => parseServices('[{name: x, virtual-service: a}, {name: x, virtual-service: b}]')),
    ).toMatch(/entries 1 and 2 both named x/);
    expect(
      thrown(() => parseServices('[{virtual-service: a, load-url: "ftp://x"}, {virtual-service: b}]')),
    ).toMatch(/entry 1 load-url "ftp:\/\/x", which/);
    expect(
      thrown(() => parseServices('[{virtual-service: a, name: "Not_A_Label"}, {virtual-service: b}]')),
    ).toMatch(/entry 1 name "Not_A_Label", which is not a DNS label/);
  });

  it('property: any text is a list of services or an InvalidValueError, never another error', () => {
    const key = fc.constantFrom(
      'name',
      'virtual-service',
      'http-route',
      'manifests',
      'load-url',
      'load-host',
      'route',
      'namespace',
      'canary-image',
      'stable-subset',
      'x',
    );
    const entry = fc.dictionary(
      key,
      fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 })),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(entry, { maxLength: 4 }).map((e) => JSON.stringify(e)),
          fc.string(),
        ),
        (text) => {
          try {
            const out = parseServices(text);
            expect(out.length).toBeGreaterThanOrEqual(2);
            expect(new Set(out.map((x) => x.name)).size).toBe(out.length);
          } catch (err) {
            expect(err).toBeInstanceOf(InvalidValueError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses one service, a duplicate object, mixed keys and both kinds in one entry', () => {
    expect(thrown(() => parseServices('[{virtual-service: a}]'))).toMatch(/at least 2/);
    expect(thrown(() => parseServices('[{virtual-service: a}, {virtual-service: a, route: 2}]'))).toMatch(
      /entries 1 and 2 on the same virtual-service a/,
    );
    expect(
      thrown(() => parseServices('[{virtual-service: a, stable-service: x}, {virtual-service: b}]')),
    ).toMatch(/"stable-service"; a virtual-service entry accepts/);
    expect(
      thrown(() => parseServices('[{virtual-service: a, http-route: a}, {virtual-service: b}]')),
    ).toMatch(/both/);
    expect(
      thrown(() =>
        parseServices('[{virtual-service: a, canary-image: "Not An Image"}, {virtual-service: b}]'),
      ),
    ).toMatch(/entry 1 canary-image "Not An Image", which is not an image reference/);
  });
});

describe('parseStrategySpec', () => {
  it('defaults to the weight canary on a detected route kind', () => {
    expect(parseStrategySpec({})).toEqual({
      strategy: 'canary',
      routeKind: 'auto',
      httpRoute: null,
      stableService: null,
      canaryService: null,
      match: [],
      mirrorPercent: 100,
      preview: null,
      iterations: 1,
      services: [],
    });
    expect(parseStrategySpec({ 'http-route': 'web' }).routeKind).toBe('http-route');
    expect(parseStrategySpec({ 'canary-service': 'web-v2' })).toMatchObject({
      routeKind: 'http-route',
      canaryService: 'web-v2',
    });
    expect(
      thrown(() => parseStrategySpec({ 'route-kind': 'virtual-service', 'stable-service': 'a' })),
    ).toMatch(/^stable-service: names an HTTPRoute backend Service, but route-kind is virtual-service/);
    expect(thrown(() => parseStrategySpec({ 'stable-service': 'a', 'canary-service': 'a' }))).toMatch(
      /same as stable-service/,
    );
  });

  it('names every input at fault at once, with what it accepts', () => {
    const message = thrown(() =>
      parseStrategySpec({
        strategy: 'ab',
        'mirror-percent': '150',
        'route-kind': 'gateway',
        'preview-header': 'x=1',
      }),
    );
    expect(message).toMatch(/^route-kind: "gateway" is not one of the accepted values \(accepted: `auto`/m);
    expect(message).toMatch(/^mirror-percent: "150" is 150, outside 0-100/m);
    expect(message).toMatch(/^mirror-percent: is used by strategy mirror only/m);
    expect(message).toMatch(/^preview-header: is used by strategy blue-green only/m);
    expect(message).toMatch(/^match: strategy ab needs/m);
  });

  it('accepts every valid combination and refuses inputs of another strategy (property)', () => {
    const inputs = fc.record(
      {
        strategy: fc.constantFrom('canary', 'ab', 'mirror', 'blue-green'),
        match: fc.constant('header:x-user=beta'),
        'mirror-percent': fc.constant('10'),
        'preview-host': fc.constant('preview.example.com'),
        'preview-header': fc.constant('x-preview=1'),
        iterations: fc.constant('2'),
      },
      { requiredKeys: ['strategy'] },
    );
    fc.assert(
      fc.property(inputs, (raw: StrategyInputs) => {
        const s = raw.strategy!;
        const ok =
          (raw.match === undefined || s === 'ab') &&
          (s !== 'ab' || raw.match !== undefined) &&
          (raw['mirror-percent'] === undefined || s === 'mirror') &&
          ((raw['preview-host'] === undefined && raw['preview-header'] === undefined) ||
            s === 'blue-green') &&
          (s !== 'blue-green' ||
            (raw['preview-host'] === undefined) !== (raw['preview-header'] === undefined)) &&
          (raw.iterations === undefined || s !== 'canary');
        if (ok) expect(parseStrategySpec(raw).strategy).toBe(s);
        else thrown(() => parseStrategySpec(raw));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sampleHeaders', () => {
  it('gives headers that satisfy the match, for the load generator, or null for a real regex', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(conditionArb, { selector: (c) => c.name, minLength: 1, maxLength: 3 }),
        fc.option(fc.tuple(nameArb, valueArb), { nil: undefined }),
        (headers, cookie) => {
          const entry: MatchEntry = {
            headers: cookie
              ? [...headers.filter((h) => h.name !== 'cookie'), cookieCondition(...cookie)]
              : headers,
          };
          const sample = sampleHeaders(entry);
          if (sample === null) {
            expect(entry.headers.some((h) => h.type === 'regex' && /[.]/.test(h.value))).toBe(true);
            return;
          }
          for (const h of entry.headers) {
            const v = sample[h.name]!;
            if (h.type === 'exact') expect(v).toBe(h.value);
            else if (h.type === 'prefix') expect(v.startsWith(h.value)).toBe(true);
            else expect(compileRe2(h.value).test(v)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(sampleHeaders({ headers: [cookieCondition('canary', 'always')] })).toEqual({
      cookie: 'canary=always',
    });
    expect(
      sampleHeaders(parseMatch('[{headers: {cookie: {regex: "^(.*?;)?(canary=always)(;.*)?$"}}}]')[0]!),
    ).toEqual({ cookie: 'canary=always' });
    expect(sampleHeaders(parseMatch('header:x-a~=b[0-9]+')[0]!)).toBeNull();
  });
});
