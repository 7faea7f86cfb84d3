// The gates input parser (src/gates/spec.ts): properties over generated gate lists (a valid
// list round-trips through YAML; every kind of mistake is refused naming the gate and the
// field, never repeating a header value), Flagger's names, and the secrets it finds.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_TIMEOUT,
  WEBHOOK_RETRIES,
  WEBHOOK_TIMEOUT,
  type GateSpec,
  describeGate,
  gateSecrets,
  gatesOf,
  parseGates,
  specSecrets,
} from '../src/gates/spec.js';
import { InvalidValueError, controlCharacter } from '../src/input-parsers.js';
import { parseSettings, formatInputError } from '../src/settings.js';
import { Redactor } from '../src/redact.js';

const nameArb = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/);
const whenArb = fc.constantFrom<GateSpec['when']>(['pre-rollout'], ['pre-step'], ['pre-rollout', 'pre-step']);
const argArb = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\0') && s.trim() !== '');
const secretArb = fc.stringMatching(/^[A-Za-z0-9]{20,40}$/).filter((s) => /[A-Za-z]/.test(s) && /\d/.test(s));

const commandArb = fc.record({
  kind: fc.constant('command' as const),
  name: nameArb,
  when: whenArb,
  run: fc.array(argArb, { minLength: 1, maxLength: 5 }),
  timeoutMs: fc.integer({ min: 1, max: 3600 }).map((s) => s * 1000),
});
const webhookArb = fc.record({
  kind: fc.constant('webhook' as const),
  name: nameArb,
  when: whenArb,
  webhook: fc
    .tuple(fc.constantFrom('http', 'https'), fc.domain(), fc.webPath())
    .map(([s, d, p]) => new URL(`${s}://${d}${p}`).toString()),
  timeoutMs: fc.integer({ min: 1, max: 600 }).map((s) => s * 1000),
  retries: fc.integer({ min: 0, max: WEBHOOK_RETRIES.max }),
  // Valid headers: names unique ignoring case (X-j and X-J are one header, refused twice).
  headers: fc
    .dictionary(fc.stringMatching(/^X-[A-Za-z0-9-]{1,15}$/), fc.stringMatching(/^[ -~]{0,30}$/), {
      maxKeys: 3,
    })
    .filter((h) => new Set(Object.keys(h).map((k) => k.toLowerCase())).size === Object.keys(h).length),
  metadata: fc.dictionary(
    fc.stringMatching(/^[a-z]{1,10}$/),
    fc.string({ maxLength: 20 }).filter((s) => controlCharacter(s) === null),
    { maxKeys: 3 },
  ),
});
const gatesArb = fc.uniqueArray(fc.oneof(commandArb, webhookArb), {
  maxLength: 6,
  selector: (g) => g.name,
});

/** A gate as a user writes it (durations as text, one phase as a word). */
function written(g: GateSpec): Record<string, unknown> {
  const base = {
    name: g.name,
    when: g.when.length === 1 ? g.when[0] : g.when,
    timeout: `${g.timeoutMs / 1000}s`,
  };
  return g.kind === 'command'
    ? { ...base, run: g.run }
    : { ...base, webhook: g.webhook, retries: g.retries, headers: g.headers, metadata: g.metadata };
}

function refusal(raw: string): string {
  try {
    parseGates(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidValueError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${raw}`);
}

describe('parseGates', () => {
  it('a valid list round-trips through YAML', () => {
    fc.assert(
      fc.property(gatesArb, (gates) => {
        expect(parseGates(dump(gates.map(written)))).toEqual(gates);
      }),
      { numRuns: 300 },
    );
  });

  it('defaults: command timeout 10m, webhook 30s and 2 retries; an empty input is no gate', () => {
    expect(parseGates('')).toEqual([]);
    expect(parseGates('[]')).toEqual([]);
    const [c, w] = parseGates(
      '- {name: a, when: pre-rollout, run: [npm, test]}\n- {name: b, when: pre-step, webhook: "https://x.test/h"}',
    );
    expect(c).toMatchObject({ kind: 'command', timeoutMs: COMMAND_TIMEOUT.defaultMs });
    expect(w).toMatchObject({
      kind: 'webhook',
      timeoutMs: WEBHOOK_TIMEOUT.defaultMs,
      retries: 2,
      headers: {},
      metadata: {},
    });
  });

  it("Flagger's fields: type and url are read as when and webhook; its other hook types are refused naming what is accepted", () => {
    const [g] = parseGates(
      '- name: load\n  type: pre-rollout\n  url: http://flagger-loadtester.test/\n  timeout: 15s\n  metadata: {cmd: "hey -z 1m"}',
    );
    expect(g).toMatchObject({
      kind: 'webhook',
      when: ['pre-rollout'],
      webhook: 'http://flagger-loadtester.test/',
      timeoutMs: 15_000,
      metadata: { cmd: 'hey -z 1m' },
    });
    for (const type of [
      'rollout',
      'confirm-rollout',
      'confirm-traffic-increase',
      'confirm-promotion',
      'post-rollout',
      'rollback',
      'event',
    ]) {
      const m = refusal(`- {name: g1, type: ${type}, url: "http://x.test/"}`);
      expect(m).toContain('gate g1 with type');
      expect(m).toContain('pre-rollout or pre-step');
      expect(m).toContain(`Flagger's \`${type}\``);
    }
    expect(refusal('- {name: g1, when: pre-step, type: pre-step, run: [x]}')).toContain('both when and type');
  });

  it('every mistake is refused naming the gate and the field', () => {
    const cases: [string, string[]][] = [
      [
        '- {name: a, when: pre-step, run: [x], webhook: "http://x.test/"}',
        ['gate a', 'both run and webhook'],
      ],
      ['- {name: a, when: pre-step}', ['gate a', 'neither run']],
      ['- {name: a, when: pre-step, run: npm test}', ['gate a with run', 'not an argv list', '[bash, -c']],
      ['- {name: a, when: pre-step, run: []}', ['gate a with run', 'non-empty list']],
      ['- {name: a, when: pre-step, run: [npm, {x: 1}]}', ['gate a with run[1]', 'not a string']],
      ['- {name: a, when: pre-step, webhook: "ftp://x.test/"}', ['gate a with webhook', 'not http or https']],
      [
        '- {name: a, when: pre-step, webhook: "https://u:pw@x.test/"}',
        ['gate a with webhook', 'credentials', 'headers'],
      ],
      ['- {name: a, when: pre-step, run: [x], timeout: 2d}', ['gate a with timeout', 'not a duration']],
      ['- {name: a, when: pre-step, run: [x], timeout: 7h}', ['gate a with timeout', 'longer than 6h']],
      [
        '- {name: a, when: pre-step, webhook: "http://x.test/", timeout: 11m}',
        ['gate a with timeout', 'at most 10m'],
      ],
      [
        '- {name: a, when: pre-step, webhook: "http://x.test/", retries: 11}',
        ['gate a with retries', 'from 0 to 10'],
      ],
      ['- {name: a, when: pre-step, webhook: "http://x.test/", retries: -1}', ['gate a with retries']],
      ['- {name: a, when: pre-step, run: [x], retries: 1}', ['gate a with retries', 'only for webhooks']],
      [
        '- {name: a, when: pre-step, run: [x], colour: red}',
        ['gate a', 'unknown key "colour"', 'accepted: name, when'],
      ],
      ['- {name: a, when: later, run: [x]}', ['gate a with when', '"later"', 'pre-rollout or pre-step']],
      ['- {name: a, run: [x]}', ['gate a with when', 'missing']],
      ['- {when: pre-step, run: [x]}', ['gate #1 with name', 'missing']],
      ['- {name: "a b", when: pre-step, run: [x]}', ['gate #1 with name', 'not accepted']],
      [
        '- {name: a, when: pre-step, run: [x]}\n- {name: a, when: pre-step, run: [y]}',
        ['gate a with name', 'unique'],
      ],
      [
        '- {name: a, when: pre-step, webhook: "http://x.test/", headers: {"bad name": v}}',
        ['gate a with headers', 'not an HTTP header name'],
      ],
      [
        '- {name: a, when: pre-step, webhook: "http://x.test/", headers: {Content-Type: text/plain}}',
        ['gate a with headers', 'sets Content-Type'],
      ],
      ['name: a', ['not a YAML list']],
      ['- [', ['not YAML']],
    ];
    for (const [raw, parts] of cases) {
      const m = refusal(raw);
      for (const p of parts) expect(m, raw).toContain(p);
    }
  });

  it('a mistake anywhere never repeats a header value; gateSecrets finds the secret-looking ones', () => {
    const mistakes = fc.constantFrom(
      { retries: 99 },
      { timeout: 'soon' },
      { run: ['x'] },
      { colour: 'red' },
      { when: 'later' },
      { headers: { 'X-Bad': 'a\nb' } },
    );
    fc.assert(
      fc.property(
        secretArb,
        fc.constantFrom('Authorization', 'X-Api-Key', 'X-Gitlab-Token', 'Cookie'),
        mistakes,
        (secret, header, mistake) => {
          const value = header === 'Authorization' ? `Bearer ${secret}` : secret;
          const raw = dump([
            {
              name: 'hook',
              when: 'pre-step',
              webhook: 'https://x.test/h',
              ...mistake,
              headers: { [header]: value, ...('headers' in mistake ? mistake.headers : {}) },
            },
          ]);
          const m = refusal(raw);
          expect(m).toContain('gate hook');
          expect(m).not.toContain(secret);
          expect(gateSecrets(raw)).toContain(secret);
          // What settings prints for the refused input, once main.ts has masked gateSecrets:
          const r = new Redactor();
          for (const s of gateSecrets(raw)) r.add(s);
          const parsed = parseSettings((n) => (n === 'gates' ? raw : ''), {});
          expect(parsed.ok).toBe(false);
          if (!parsed.ok)
            for (const e of parsed.errors) expect(r.redact(formatInputError(e))).not.toContain(secret);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the secrets of a parsed gate: secret-looking header values and URL credentials, not Content-Language', () => {
    const [g] = parseGates(
      dump([
        {
          name: 'h',
          when: 'pre-step',
          webhook: 'https://x.test/h?token=abcd1234efgh',
          headers: { Authorization: 'Basic dXNlcjpzM2NyZXQtcHc=', 'Content-Language': 'en-GB-oxendict' },
        },
      ]),
    );
    const found = specSecrets(g!);
    expect(found).toEqual(
      expect.arrayContaining([
        'Basic dXNlcjpzM2NyZXQtcHc=',
        'dXNlcjpzM2NyZXQtcHc=',
        'user:s3cret-pw',
        's3cret-pw',
        'abcd1234efgh',
      ]),
    );
    expect(found).not.toContain('en-GB-oxendict');
    expect(describeGate(g!)).toBe('h (POST https://x.test/h?token=***)');
  });

  it('any YAML is parsed or refused with InvalidValueError, never another error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => dump(v)),
        ),
        (raw) => {
          try {
            parseGates(raw);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidValueError);
          }
          gateSecrets(raw);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gatesOf keeps the order given and the phase asked', () => {
    fc.assert(
      fc.property(gatesArb, (gates) => {
        for (const phase of ['pre-rollout', 'pre-step'] as const)
          expect(gatesOf(gates, phase).map((g) => g.name)).toEqual(
            gates.filter((g) => g.when.includes(phase)).map((g) => g.name),
          );
      }),
    );
  });
});
