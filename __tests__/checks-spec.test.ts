// The `checks` input: the parser (what it accepts, every refusal naming the check and field),
// property tests (generated valid specs round-trip; arbitrary text is refused only with
// InvalidValueError), the template rendering that keeps label values inside their strings, and
// the settings rule that checks need a Prometheus.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../src/input-parsers.js';
import { MAX_CHECKS, SHORTHAND_QUERIES, parseChecks, type CheckSpec } from '../src/metrics/check-spec.js';
import { foldChecks, judgeValue, renderQuery, RenderError, type CheckResult } from '../src/metrics/checks.js';
import type { Verdict } from '../src/model.js';
import { formatInputError, parseSettings } from '../src/settings.js';

const refusal = (raw: string): string => {
  try {
    parseChecks(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidValueError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${raw}`);
};

const Q = 'sum(rate(my_errors_total{namespace="{{ namespace }}",app="{{ workload }}"}[{{ interval }}]))';

describe('parseChecks accepts', () => {
  it('a custom check with min/max, interval and relative-to-stable', () => {
    expect(
      parseChecks(`
- name: errors-4xx
  query: ${JSON.stringify(Q)}
  max: 0.05
- name: cpu
  query: 'sum(rate(container_cpu_usage_seconds_total{namespace="{{ namespace }}",pod=~"{{ workload }}-.*"}[{{interval}}]))'
  max: 1.5
  relative-to-stable: true
  interval: 2m
`),
    ).toEqual([
      {
        name: 'errors-4xx',
        query: Q,
        min: null,
        max: 0.05,
        relativeToStable: false,
        intervalSeconds: null,
        shorthand: null,
      },
      expect.objectContaining({ name: 'cpu', max: 1.5, relativeToStable: true, intervalSeconds: 120 }),
    ]);
  });

  it("Flagger's analysis.metrics pasted as is: the two built-in names with thresholdRange and interval", () => {
    const checks = parseChecks(`
    - name: request-success-rate
      interval: 1m
      # minimum req success rate (non 5xx responses)
      thresholdRange:
        min: 99
    - name: request-duration
      interval: 30s
      thresholdRange:
        max: 500
`);
    expect(checks).toEqual([
      {
        name: 'request-success-rate',
        query: SHORTHAND_QUERIES['request-success-rate'],
        min: 99,
        max: null,
        relativeToStable: false,
        intervalSeconds: 60,
        shorthand: 'request-success-rate',
      },
      {
        name: 'request-duration',
        query: SHORTHAND_QUERIES['request-duration'],
        min: null,
        max: 500,
        relativeToStable: false,
        intervalSeconds: 30,
        shorthand: 'request-duration',
      },
    ]);
  });

  it('an empty list or a blank YAML document as no checks', () => {
    expect(parseChecks('[]')).toEqual([]);
    expect(parseChecks('# none\n')).toEqual([]);
  });
});

describe('parseChecks refuses, naming the check and the field', () => {
  it.each([
    ['name: x', 'is not a YAML list of checks'],
    ['- [1, 2]', 'has check 1 that is not a mapping'],
    ['- query: up\n  max: 1', 'has check 1 without a name'],
    [
      '- name: Bad_Name\n  query: up\n  max: 1',
      'has check 1 named "Bad_Name": a name is 1-63 characters of a-z, 0-9 and -',
    ],
    ['- name: a\n  max: 1', 'has check "a": has no query (PromQL), and is not one of the built-in names'],
    [
      '- name: a\n  query: up\n  max: 1\n  thresold: 2',
      'has check "a": unknown key "thresold"; accepted keys: name, query, min, max',
    ],
    [
      '- name: a\n  templateRef: {name: x}\n  max: 1',
      'has check "a": templateRef (a Flagger MetricTemplate) is not read',
    ],
    ['- name: a\n  query: up', 'has check "a": has neither min nor max'],
    ['- name: a\n  query: up\n  min: 2\n  max: 1', 'has check "a": min 2 is above max 1'],
    ['- name: a\n  query: up\n  max: "5%"', 'has check "a": max is "5%", not a number'],
    [
      '- name: a\n  query: up\n  thresholdRange: {max: .nan}',
      'has check "a": thresholdRange.max is a number, not a number',
    ],
    [
      '- name: a\n  query: up\n  thresholdRange: {max: 1}\n  min: 0',
      'has check "a": has both thresholdRange and min/max',
    ],
    [
      '- name: a\n  query: up\n  thresholdRange: {maximum: 1}',
      'has check "a": thresholdRange has an unknown key "maximum"',
    ],
    [
      '- name: a\n  query: "up{a=\\"{{ foo }}\\"}"\n  max: 1',
      'has check "a": query has an unknown placeholder {{ foo }}; accepted: {{ namespace }}, {{ workload }}, {{ version }}, {{ interval }}',
    ],
    [
      '- name: a\n  query: "up{{"\n  max: 1',
      'has check "a": query has a "{{" at character 3 that opens no {{ placeholder }}',
    ],
    [
      '- name: a\n  query: "up{app={{ workload }}}"\n  max: 1',
      'has check "a": query has {{ workload }} outside a "…" string, at character 8',
    ],
    [
      '- name: a\n  query: "up{app=`{{ workload }}`}"\n  max: 1',
      'has check "a": query has {{ workload }} outside a "…" string',
    ],
    [
      '- name: a\n  query: "up\\u0007"\n  max: 1',
      'has check "a": query has a control character (U+0007) at character 3',
    ],
    [
      '- name: a\n  query: "up"\n  max: 1\n  relative-to-stable: true',
      'has check "a": is relative-to-stable, but its query has no {{ workload }} or {{ version }}',
    ],
    [
      '- name: a\n  query: "up"\n  max: 1\n  relative-to-stable: "yes"',
      'has check "a": relative-to-stable is not true or false',
    ],
    [
      '- name: a\n  query: "up"\n  max: 1\n  interval: soon',
      'has check "a": interval "soon" is not a duration',
    ],
    [
      '- name: a\n  query: "up"\n  max: 1\n  interval: 500ms',
      'has check "a": interval 500ms is not a whole number of seconds from 1s to 24h',
    ],
    [
      '- name: request-duration\n  query: "up"\n  max: 1',
      'has check "request-duration": is a built-in name (Flagger\'s request-duration), which takes no query',
    ],
    ['- name: a\n  query: up\n  max: 1\n- name: a\n  query: up\n  min: 0', 'has two checks named "a"'],
    ['- name: a\n  query: [up]\n  max: 1', 'has check "a": query is not a string'],
    ['- {name: a, query: up, max: 1, max: 2}', 'is not valid YAML: duplicated mapping key'],
    ['- {name: a, query: up, max: 1}\n---\n- {name: b, query: up, max: 1}', 'has 2 YAML documents'],
  ])('%j', (raw, message) => {
    expect(refusal(raw)).toContain(message);
  });

  it(`more than ${MAX_CHECKS} checks`, () => {
    const raw = Array.from({ length: MAX_CHECKS + 1 }, (_, i) => `- {name: c${i}, query: up, max: 1}`).join(
      '\n',
    );
    expect(refusal(raw)).toBe(`has ${MAX_CHECKS + 1} checks; at most ${MAX_CHECKS}`);
  });

  it('through the settings: the input named, and checks without a Prometheus refused', () => {
    const parse = (inputs: Record<string, string>) =>
      parseSettings((n) => ({ cluster: 'sim', manifests: 'x.yaml', ...inputs })[n] ?? '', {});
    const bad = parse({ checks: '- name: a\n  query: up' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map(formatInputError).join('\n')).toContain(
        'checks: "- name: a\\n  query: up" has check "a": has neither min nor max',
      );
    const noProm = parse({ checks: '- {name: a, query: up, max: 1}' });
    expect(noProm.ok).toBe(false);
    if (!noProm.ok) expect(noProm.errors[0]).toMatchObject({ input: 'checks', value: 'a' });
    const ok = parse({ checks: '- {name: a, query: up, max: 1}', 'prometheus-url': 'http://prom:9090' });
    expect(ok.ok && ok.settings.checks.map((c) => c.name)).toEqual(['a']);
  });
});

// Generated valid specs, written as YAML the way a user would, parse back to themselves.
const name = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const label = fc.constantFrom('{{ namespace }}', '{{ workload }}', '{{version}}');
const query = fc
  .tuple(fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/), label, fc.boolean(), fc.boolean())
  .map(([metric, ph, regex, quote]) => {
    const q = quote ? '"' : "'";
    return `sum(rate(${metric}{app${regex ? '=~' : '='}${q}${ph}${q}}[{{ interval }}]))`;
  });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
const spec: fc.Arbitrary<CheckSpec> = fc
  .record({
    name,
    query,
    a: finite,
    b: finite,
    which: fc.constantFrom('min', 'max', 'both'),
    relativeToStable: fc.boolean(),
    intervalSeconds: fc.option(fc.integer({ min: 1, max: 86_400 })),
  })
  .map(({ a, b, which, ...r }) => ({
    ...r,
    // A relative check compares two workloads: its query names {{ workload }} or {{ version }}.
    relativeToStable: r.relativeToStable && !r.query.includes('namespace'),
    name: r.name in SHORTHAND_QUERIES ? `x${r.name}` : r.name,
    min: which === 'max' ? null : Math.min(a, b),
    max: which === 'min' ? null : Math.max(a, b),
    shorthand: null,
  }));

function asYaml(c: CheckSpec, flagger: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = { name: c.name, query: c.query };
  const range = { ...(c.min !== null ? { min: c.min } : {}), ...(c.max !== null ? { max: c.max } : {}) };
  if (flagger) o.thresholdRange = range;
  else Object.assign(o, range);
  if (c.relativeToStable) o['relative-to-stable'] = true;
  if (c.intervalSeconds !== null) o.interval = `${c.intervalSeconds}s`;
  return o;
}

describe('parseChecks properties', () => {
  it('round-trips generated valid specs (both range shapes)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(spec, { maxLength: MAX_CHECKS, selector: (c) => c.name }),
        fc.boolean(),
        (checks, flagger) => {
          expect(parseChecks(dump(checks.map((c) => asYaml(c, flagger))))).toEqual(checks);
        },
      ),
    );
  });

  it('refuses arbitrary text only with InvalidValueError (never another error)', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.string({
        unit: fc.constantFrom(
          '-',
          ' ',
          ':',
          '\n',
          '{',
          '}',
          '[',
          ']',
          '"',
          'a',
          'name',
          'query',
          'min',
          'max',
          '1',
          '{{',
          '}}',
          '&x',
          '*x',
          '!!',
          '#',
        ),
      }),
      fc.anything().map((v) => dump(v, { skipInvalid: true })),
      fc
        .array(
          fc.dictionary(
            fc.constantFrom(
              'name',
              'query',
              'min',
              'max',
              'thresholdRange',
              'interval',
              'relative-to-stable',
              'x',
            ),
            fc.anything(),
          ),
        )
        .map((v) => dump(v, { skipInvalid: true })),
    );
    fc.assert(
      fc.property(yamlish, (raw) => {
        try {
          const checks = parseChecks(raw);
          for (const c of checks) expect(c.min !== null || c.max !== null).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidValueError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('renderQuery keeps every label value inside its string', () => {
  const values = { namespace: 'shop', workload: 'app-canary', version: 'v2', seconds: 45 };

  it("substitutes the placeholders; {{ interval }} is the window or the check's own", () => {
    expect(renderQuery(Q, values, null)).toBe(
      'sum(rate(my_errors_total{namespace="shop",app="app-canary"}[45s]))',
    );
    expect(renderQuery(Q, values, 120)).toContain('[120s]');
    expect(renderQuery("up{v='{{ version }}'}", values, null)).toBe("up{v='v2'}");
  });

  it('regex-escapes a value in a =~ matcher', () => {
    expect(renderQuery('up{app=~"{{ workload }}"}', { ...values, workload: 'a.b+c' }, null)).toBe(
      'up{app=~"a\\\\.b\\\\+c"}',
    );
  });

  it('{{ version }} without a known version label: a RenderError naming it', () => {
    expect(() => renderQuery('up{v="{{ version }}"}', { ...values, version: null }, null)).toThrow(
      RenderError,
    );
  });

  // The rendered query, split again, has exactly the template's structure: the text outside the
  // strings is unchanged and the value is one string's content whatever it holds.
  it('property: any value stays inside its string literal', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('"', "'", '\\', '}', '{', ' or vector(1) ', 'a', '\n', '`', '#') }),
        fc.constantFrom('"', "'"),
        (value, q) => {
          const template = `up{app=${q}{{ workload }}${q}} + 1`;
          const rendered = renderQuery(template, { ...values, workload: value }, null);
          // Scan the rendered query: the string opened after "app=" closes exactly before "} + 1".
          let i = rendered.indexOf(q) + 1;
          while (rendered[i] !== q) i += rendered[i] === '\\' ? 2 : 1;
          expect(rendered.slice(i + 1)).toBe('} + 1');
          expect(rendered.slice(0, rendered.indexOf(q))).toBe('up{app=');
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('judging and folding (pure)', () => {
  const c = (min: number | null, max: number | null): CheckSpec => ({
    name: 'c',
    query: 'up',
    min,
    max,
    relativeToStable: false,
    intervalSeconds: null,
    shorthand: null,
  });
  it('a value is judged against min and max, the violated bound named as the limit', () => {
    expect(judgeValue(c(99, null), 98.5)).toEqual({ ok: false, limit: 99 });
    expect(judgeValue(c(null, 500), 501)).toEqual({ ok: false, limit: 500 });
    expect(judgeValue(c(1, 2), 1)).toEqual({ ok: true, limit: 2 });
    expect(judgeValue(c(1, 2), 0.5)).toEqual({ ok: false, limit: 1 });
  });

  it('a failed check fails the window; one without a value turns a pass into inconclusive, never a fail into one', () => {
    const v = (outcome: Verdict['outcome']): Verdict => ({
      outcome,
      reasons: [],
      stable: null,
      canary: null,
      durationMs: 1,
    });
    const r = (outcome: CheckResult['outcome']): CheckResult => ({
      outcome,
      reason: {
        metric: 'check:c',
        value: null,
        limit: null,
        source: 'prometheus',
        ok: outcome === 'pass',
        message: outcome,
      },
    });
    expect(foldChecks(v('pass'), [r('pass')]).outcome).toBe('pass');
    expect(foldChecks(v('pass'), [r('pass'), r('fail')]).outcome).toBe('fail');
    expect(foldChecks(v('inconclusive'), [r('fail')]).outcome).toBe('fail');
    expect(foldChecks(v('pass'), [r('inconclusive')]).outcome).toBe('inconclusive');
    expect(foldChecks(v('fail'), [r('inconclusive')]).outcome).toBe('fail');
    expect(foldChecks(v('pass'), [r('inconclusive'), r('pass')]).reasons.map((x) => x.message)).toEqual([
      'inconclusive',
      'pass',
    ]);
  });
});
