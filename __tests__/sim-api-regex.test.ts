// The embedded API server refuses, as istiod's validating webhook (validation.istio.io) does, a
// VirtualService whose StringMatch regex RE2 cannot compile: through kubectl (client-side and
// server-side apply, server dry run), the project's kube client (create, replace, merge patch,
// apply) and raw HTTP for the exact Status; nothing refused is stored, a valid RE2 regex is
// admitted, and the field named is the one that holds the bad regex (property test over fields).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient } from '../src/kube/client.js';
import { KubeApiError } from '../src/kube/errors.js';
import type { KubeObject } from '../src/kube/resources.js';
import { startApiServer, type ApiServer } from '../src/sim/api/index.js';
import { virtualServiceRegexErrors } from '../src/sim/api/istio-webhook.js';
import { simKubeconfig } from '../src/sim/kubeconfig.js';
import { KubectlEnv, raw } from './sim-api-support.js';

const NS = 'regex';
const DENIED = 'admission webhook "validation.istio.io" denied the request: configuration is invalid: ';
const RE2_HINT = 'Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)';

let api: ApiServer;
let kubectl: KubectlEnv;
let kube: KubeClient;

beforeAll(async () => {
  api = await startApiServer({ readinessDelayMs: 0 });
  kubectl = await KubectlEnv.create(api.url);
  kube = await createKubeClient({ kubeconfig: simKubeconfig(api.url), retry: { attempts: 1 } });
  await kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
});

afterAll(async () => {
  await api?.close();
  await kubectl?.dispose();
});

type Match = Record<string, unknown>;

function vs(name: string, match: Match[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: NS },
    spec: {
      hosts: [name],
      http: [
        { match, route: [{ destination: { host: name, subset: 'canary' } }], ...extra },
        { route: [{ destination: { host: name, subset: 'ga' } }] },
      ],
    },
  };
}

const ref = (name: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  namespace: NS,
  name,
});

async function refusal(p: Promise<unknown>): Promise<KubeApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubeApiError);
  return err as KubeApiError;
}

async function kubectlApply(file: string, doc: KubeObject, ...args: string[]) {
  const path = join(kubectl.dir, file);
  await writeFile(path, dump(doc));
  return kubectl.run(['apply', ...args, '-f', path]);
}

describe('istiod admission of VirtualService regexes on the embedded API server', () => {
  it('kubectl apply of a lookahead header regex is denied as istiod denies it, and nothing is stored', async () => {
    const bad = vs('la', [{ headers: { 'x-user': { regex: '(?!admin).*' } } }]);
    const r = await kubectlApply('la.yaml', bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${DENIED}"headers": error parsing regexp: `);
    expect(r.stderr).toContain('lookahead');
    expect(r.stderr).toContain('`(?!admin).*`');
    expect(r.stderr).toContain(RE2_HINT);
    expect(await kube.get(ref('la'))).toBeNull();
  });

  it('server-side apply and its dry run refuse a backreference in uri; the fixed regex is admitted', async () => {
    const bad = vs('br', [{ uri: { regex: '/(a)\\1' } }]);
    for (const args of [['--server-side', '--dry-run=server'], ['--server-side']]) {
      const r = await kubectlApply('br.yaml', bad, ...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toContain(`${DENIED}"uri": error parsing regexp: `);
      expect(r.stderr).toContain('backreference');
    }
    expect(await kube.get(ref('br'))).toBeNull();
    const good = await kubectlApply('br.yaml', vs('br', [{ uri: { regex: '/(a)(?i)A+' } }]), '--server-side');
    expect(good.stderr).toBe('');
    expect(good.stdout).toContain('virtualservice.networking.istio.io/br serverside-applied');
  });

  it('answers 400 with the Status kube-apiserver makes of a webhook denial (no reason, no details)', async () => {
    const res = await raw(`${api.url}/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(vs('pq', [{ authority: { regex: 'a++' } }])),
    });
    expect(res.status).toBe(400);
    const { message, ...status } = res.json;
    expect(status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 400 });
    expect(message).toMatch(
      /^admission webhook "validation\.istio\.io" denied the request: configuration is invalid: /,
    );
    expect(message).toContain('"authority": error parsing regexp: possessive quantifier');
  });

  it('an update, a merge patch and an apply that bring in a bad regex are refused; the stored route stays', async () => {
    const created = await kube.create(vs('upd', [{ uri: { prefix: '/api' } }]));
    const lookbehind = { regex: '(?<=beta)x' };
    const replaced = structuredClone(created) as KubeObject & { spec: { http: { match: Match[] }[] } };
    replaced.spec.http[0]!.match = [{ queryParams: { user: lookbehind } }];
    const e1 = await refusal(kube.replace(replaced));
    expect(e1.code).toBe(400);
    expect(e1.message).toContain(`${DENIED}"queryParams": error parsing regexp: lookbehind`);

    const patch = {
      spec: {
        http: [
          { match: [{ withoutHeaders: { 'x-a': lookbehind } }], route: [{ destination: { host: 'upd' } }] },
        ],
      },
    };
    const e2 = await refusal(kube.patch(ref('upd'), patch));
    expect(e2.message).toContain('"withoutHeaders": error parsing regexp: lookbehind');

    const e3 = await refusal(
      kube.apply(vs('upd', [{ uri: { prefix: '/api' } }], { corsPolicy: { allowOrigins: [lookbehind] } }), {
        force: true,
      }),
    );
    expect(e3.message).toContain('"corsPolicy.allowOrigins": error parsing regexp: lookbehind');

    const stored = (await kube.get(ref('upd'))) as { spec: { http: { match?: Match[] }[] } };
    expect(stored.spec.http[0]!.match).toEqual([{ uri: { prefix: '/api' } }]);
  });

  it('names every bad regex of the object, as go-multierror prints istiod’s joined errors', async () => {
    const e = await refusal(
      kube.create(vs('two', [{ uri: { regex: '/(?=v2)' } }, { method: { regex: `G${'E'.repeat(1024)}T` } }])),
    );
    expect(e.message).toContain(`${DENIED}2 errors occurred:`);
    expect(e.message).toContain('* "uri": error parsing regexp: lookahead');
    expect(e.message).toContain('* "method": regex is too large, max length allowed is 1024');
    expect(await kube.get(ref('two'))).toBeNull();
  });
});

describe('which field istiod names (pure)', () => {
  // Where a StringMatch sits in an http route, and the name istiod's message gives it.
  const PLACES: [string, (m: Match) => Record<string, unknown>][] = [
    ['headers', (m) => ({ match: [{ headers: { 'x-a': m } }] })],
    ['withoutHeaders', (m) => ({ match: [{ withoutHeaders: { 'x-a': m } }] })],
    ['uri', (m) => ({ match: [{ uri: m }] })],
    ['scheme', (m) => ({ match: [{ scheme: m }] })],
    ['method', (m) => ({ match: [{ method: m }] })],
    ['authority', (m) => ({ match: [{ authority: m }] })],
    ['queryParams', (m) => ({ match: [{ queryParams: { q: m } }] })],
    ['corsPolicy.allowOrigins', (m) => ({ corsPolicy: { allowOrigins: [m] } })],
  ];
  // RE2 lacks these; each may sit inside otherwise valid text.
  const LACKING = [
    '(?=a)',
    '(?!a)',
    '(?<=a)',
    '(?<!a)',
    '(a)\\1',
    '(?<n>a)\\k<n>',
    'a++',
    'a*+',
    'a?+',
    'a{2}+',
  ];
  const TEXT = fc.stringMatching(/^[a-z0-9/._-]{0,12}$/);
  // Not starting with a digit: `\1` followed by an octal digit is an octal escape in Go.
  const AFTER = fc.stringMatching(/^([a-z/._-][a-z0-9/._-]{0,11})?$/);
  const place = fc.nat({ max: PLACES.length - 1 });
  const routesAround = (http: Record<string, unknown>, before: number) => ({
    http: [...Array.from({ length: before }, () => ({ match: [{ uri: { regex: '/ok/[0-9]+' } }] })), http],
  });

  it('a regex RE2 lacks is named at exactly its field, wherever it sits among valid routes', () => {
    fc.assert(
      fc.property(
        place,
        fc.constantFrom(...LACKING),
        TEXT,
        AFTER,
        fc.nat({ max: 3 }),
        (i, bad, pre, post, before) => {
          const [field, at] = PLACES[i]!;
          const pattern = `${pre}${bad}${post}`;
          const errors = virtualServiceRegexErrors(routesAround(at({ regex: pattern }), before));
          expect(errors).toHaveLength(1);
          expect(errors[0]).toMatch(new RegExp(`^"${field.replace('.', '\\.')}": error parsing regexp: `));
          expect(errors[0]).toContain(`\`${pattern}\``);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an empty regex is refused as istiod refuses it (the CRD schema already refuses it on the server)', () => {
    for (const [field, at] of PLACES)
      expect(virtualServiceRegexErrors({ http: [at({ regex: '' })] })).toEqual([
        `"${field}": regex string match should not be empty`,
      ]);
  });

  it('RE2 regexes, exact and prefix matches are admitted at every field', () => {
    const valid = fc.oneof(
      TEXT.map((t) => ({ regex: `${t}(/[a-z]+)?.*` })),
      TEXT.map((t) => ({ regex: `(?i)${t}|(?P<v>v[0-9]+)` })),
      TEXT.map((t) => ({ regex: `[(?=]${t}\\(?!\\)` })),
      TEXT.map((exact) => ({ exact })),
      TEXT.map((prefix) => ({ prefix })),
    );
    fc.assert(
      fc.property(place, valid, fc.nat({ max: 3 }), (i, m, before) => {
        expect(virtualServiceRegexErrors(routesAround(PLACES[i]![1](m), before))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
