// A hostile sweep of the input contract through the real entry points: the CLI process
// (bin/istio-canary.js) and the action bundle (node dist/index.js, as the runner starts it),
// both against the embedded mesh's API as an existing cluster. Every case is an error that
// names the input and what is accepted, with no request to the API server at all. A second
// part checks that every value the accepted texts (and the errors) offer is accepted.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUTS } from '../src/contract.js';
import { formatInputError, parseSettings } from '../src/settings.js';
import { actionFiles, runAction, runCli } from './support/action-run.js';
import { PROMOTE_FIXTURES, type TestCluster, startTestCluster } from './support/promote-cluster.js';

const FLASK = readFileSync(path.join(PROMOTE_FIXTURES, 'flask/canary-deployment.yml'), 'utf8');

let cluster: TestCluster;
let dir: string;
let kubeconfigPath: string;
let manifest: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 12 });
  dir = await mkdtemp(path.join(tmpdir(), 'hostile-inputs-'));
  kubeconfigPath = path.join(dir, 'kubeconfig');
  await cluster.mesh.writeKubeconfig(kubeconfigPath);
  manifest = path.join(dir, 'app.yaml');
  await writeFile(manifest, FLASK);
});
afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Valid flags for a run against the mesh's API; a case overrides one of them or adds one. */
const baseFlags = (): Record<string, string> => ({
  cluster: 'existing',
  namespace: 'shop',
  manifests: manifest,
  'load-url': 'http://127.0.0.1:9',
});

const argv = (flags: Record<string, string>): string[] =>
  Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]);

/** [case, flag, value, what the error must say]. Each was accepted (or not named) before. */
const CLI_CASES: [string, string, string, RegExp][] = [
  ['steps of only white space', 'steps', '   ', /--steps needs a value \(it was only white space\)/],
  [
    'interval of only white space',
    'interval',
    ' \t ',
    /--interval needs a value \(it was only white space\)/,
  ],
  [
    'namespace of only white space',
    'namespace',
    '  ',
    /--namespace needs a value \(it was only white space\)/,
  ],
  ['route of only white space', 'route', ' ', /--route needs a value \(it was only white space\)/],
  ['context with a line break', 'context', 'prod\nstaging', /context: .* has a line break \(U\+000A\)/],
  [
    'context with an escape sequence',
    'context',
    'prod\u001b[31m',
    /context: .* has a control character \(U\+001B\)/,
  ],
  [
    'context with a Unicode line separator',
    'context',
    'prod\u2028x',
    /context: .* has a control character \(U\+2028\)/,
  ],
  [
    'context of 300 characters',
    'context',
    'c'.repeat(300),
    /context: .* is 300 characters long; a context name has at most 253/,
  ],
  [
    'load-url with a line break in the host',
    'load-url',
    'http://exa\nmple.com',
    /load-url: .* has a line break \(U\+000A\) at character 11, which a URL may not have/,
  ],
  ['load-url with a tab', 'load-url', 'http://127.0.0.1:9/\tx', /load-url: .* has a tab \(U\+0009\)/],
  [
    'load-url of 3000 characters',
    'load-url',
    `http://x.example/${'p'.repeat(3000)}`,
    /load-url: .* is 3017 characters long; a URL has at most 2048/,
  ],
  [
    'prometheus-url with a line break',
    'prometheus-url',
    'http://prom\n:9090',
    /prometheus-url: .* has a line break/,
  ],
  [
    'load-host with port 99999',
    'load-host',
    'podinfo.example.com:99999',
    /load-host: .* has port 99999, outside 1-65535/,
  ],
  [
    'load-host of 300 characters',
    'load-host',
    `${'h'.repeat(300)}.example`,
    /load-host: .* is 308 characters long; a host name has at most 253/,
  ],
  [
    'canary-image with a 300-character name',
    'canary-image',
    `ghcr.io/${'n'.repeat(292)}:1.0`,
    /canary-image: .* has a 300-character name before the tag; an image name has at most 255/,
  ],
  [
    'route index of 20 digits',
    'route',
    '99999999999999999999',
    /route: "99999999999999999999" is outside 0-9999/,
  ],
  [
    'route name of 300 characters',
    'route',
    'r'.repeat(300),
    /route: .* is 300 characters long; a route name has at most 253/,
  ],
  [
    'prometheus-auth with a control character',
    'prometheus-auth',
    'Bearer \u0001abc',
    /prometheus-auth: "\*\*\*" has the character U\+0001 at character 8; an HTTP header value is printable ASCII/,
  ],
  [
    'prometheus-auth with a non-ASCII letter',
    'prometheus-auth',
    'Bearer tökén',
    /prometheus-auth: "\*\*\*" has the character U\+00F6/,
  ],
  [
    'prometheus-auth with a bidi override',
    'prometheus-auth',
    'Bearer \u202eabc',
    /prometheus-auth: "\*\*\*" has the character U\+202E/,
  ],
  [
    'github-token with a line break',
    'github-token',
    'ghp_first\nghp_second',
    /github-token: "\*\*\*" has white space or a line break at character 10; a token is one word of printable ASCII/,
  ],
  [
    'github-token with a space',
    'github-token',
    'token ghp_abc',
    /github-token: "\*\*\*" has white space or a line break at character 6/,
  ],
  [
    'github-token with a non-ASCII character',
    'github-token',
    'ghp_ä',
    /github-token: "\*\*\*" has the character U\+00E4/,
  ],
  [
    'manifests with a control character',
    'manifests',
    'app.yaml\u0007',
    /manifests: .* has the path "app\.yaml\\u0007" with a control character \(U\+0007\)/,
  ],
  [
    'manifests with a path of 5000 characters',
    'manifests',
    `${'d/'.repeat(2500)}app.yaml`,
    /manifests: .* has a path of 5008 characters; a path has at most 4096/,
  ],
  [
    'max-error-rate 500 (no percentage to suggest)',
    'max-error-rate',
    '500',
    /max-error-rate: "500" is above 1 as a fraction, and 500% is above 100%; write a percentage up to 100%/,
  ],
  // An empty element of a list is a typo, never a shorter list.
  [
    'steps with two commas in a row',
    'steps',
    '10,,100',
    /steps: "10,,100" has an empty weight at position 2 of 3/,
  ],
  [
    'steps with a trailing comma',
    'steps',
    '10,50,',
    /steps: "10,50," has an empty weight at position 3 of 3/,
  ],
  ['steps with a leading comma', 'steps', ',10,50', /steps: ",10,50" has an empty weight at position 1 of 3/],
  [
    'manifests with two commas in a row',
    'manifests',
    'a.yaml,,b.yaml',
    /manifests: "a\.yaml,,b\.yaml" has an empty path at position 2 of 3/,
  ],
  // A value starting with "-" is the flag's value, validated as such: one error, not a flag each.
  [
    'steps starting with "-"',
    'steps',
    '-5,100',
    /^error: steps: "-5,100" has "-5", which is not a whole number/m,
  ],
];

describe('hostile flag values through the CLI process: a named error, exit 2, no request to the API', () => {
  it.each(CLI_CASES)('%s', async (_name, flag, value, message) => {
    cluster.api.clearRequests();
    const r = await runCli(['run', ...argv({ ...baseFlags(), [flag]: value })], {
      KUBECONFIG: kubeconfigPath,
    });
    expect(r.stderr).toMatch(message);
    // The line names the input and what it accepts (the contract's text, or the flag's).
    const line = r.stderr.split('\n').find((l) => message.test(l)) ?? '';
    expect(line).toMatch(new RegExp(`^error: (--)?${flag}`));
    expect(line).toMatch(/\(accepted: /);
    expect(r.code).toBe(2);
    expect(cluster.api.requests).toEqual([]);
    // The value is named once, and nothing of it is read as a flag of its own.
    expect(
      r.stderr.split('\n').filter((l) => new RegExp(`^error: (--)?${flag}\\b`).test(l)),
      r.stderr,
    ).toHaveLength(1);
    expect(r.stderr).not.toMatch(/unknown flag/);
    // A secret never comes back, in any form.
    if (INPUTS.find((i) => i.name === flag)?.secret)
      expect(r.stderr + r.stdout).not.toContain(value.slice(-4));
  });
});

describe('hostile inputs through the action bundle (node dist/index.js): named, the step fails, no request', () => {
  it.each([
    ['context', 'prod\nstaging', /::error::context: .* has a line break \(U\+000A\)/],
    ['load-url', 'http://exa\tmple.com', /::error::load-url: .* has a tab \(U\+0009\)/],
    [
      'github-token',
      'ghs_one two',
      /::error::github-token: "\*\*\*" has white space or a line break at character 8/,
    ],
    ['prometheus-auth', 'Bearer tökén', /::error::prometheus-auth: "\*\*\*" has the character U\+00F6/],
    ['route', '123456', /::error::route: "123456" is outside 0-9999/],
    ['steps', '10,,100', /::error::steps: "10,,100" has an empty weight at position 2 of 3/],
    ['steps', '10,50,', /::error::steps: "10,50," has an empty weight at position 3 of 3/],
  ])('%s %j', async (input, value, message) => {
    cluster.api.clearRequests();
    const r = await runAction({
      files: actionFiles(),
      inputs: { ...baseFlags(), [input]: value },
      env: { KUBECONFIG: kubeconfigPath },
    });
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/::error::Invalid inputs/);
    expect(r.code).toBe(1);
    expect(cluster.api.requests).toEqual([]);
  });
});

/** Parses one input alone (the others valid); the error lines, or [] when it is accepted. */
function errorsFor(name: string, value: string): string[] {
  const inputs: Record<string, string> = { cluster: 'sim', [name]: value };
  // Inputs that only make sense with another one.
  if (name === 'command' && value === 'cleanup') inputs.preview = 'true';
  if (inputs.preview === 'true') inputs['pr-number'] = '7';
  if (name === 'kubeconfig') inputs.cluster = 'existing';
  if (name === 'cluster') inputs['load-url'] = 'http://127.0.0.1:9';
  if (name === 'strategy' && value === 'ab') inputs.match = 'header:x-user=beta';
  if (name === 'strategy' && value === 'blue-green') inputs['preview-header'] = 'x-preview=green';
  if (name === 'iterations') Object.assign(inputs, { strategy: 'ab', match: 'header:x-user=beta' });
  if (name === 'max-interval') inputs.interval = 'auto';
  if (name === 'finalize' && value === 'git-pr')
    Object.assign(inputs, { 'github-token': 'ghs_x', manifests: 'k8s/*.yaml' });
  const r = parseSettings((n) => inputs[n] ?? '', { GITHUB_REPOSITORY: 'acme/shop' });
  return r.ok ? [] : r.errors.map(formatInputError);
}

/** The values an accepted text offers: `backticked` words, "such as" examples, and the bounds it names. */
function offeredValues(accepts: string): string[] {
  const out = [...accepts.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  for (const m of accepts.matchAll(/such as (.+?)(?= or an? |\s*\(|$)/g))
    out.push(...m[1]!.split(/, | or /).map((s) => s.trim()));
  for (const m of accepts.matchAll(/at least (\S+?), at most (\S+?)\)/g)) out.push(m[1]!, m[2]!);
  for (const m of accepts.matchAll(/from (\d+) to (\d+)/g)) out.push(m[1]!, m[2]!);
  for (const m of accepts.matchAll(/<= (\d+)/g)) out.push(m[1]!);
  for (const m of accepts.matchAll(/>= (\d+)/g)) out.push(m[1]!);
  for (const m of accepts.matchAll(/\((\d+) to (\d+%)\)/g)) out.push(`${m[1]}%`, m[2]!);
  return out.filter((v) => v !== '' && !v.includes('<'));
}

describe('every value the contract and the errors offer is accepted (property)', () => {
  it('the accepted text of every input: each example, listed value and bound parses', () => {
    const rejected: string[] = [];
    let offered = 0;
    for (const spec of INPUTS) {
      if (spec.secret && spec.name !== 'prometheus-auth') continue;
      for (const value of offeredValues(spec.accepts)) {
        offered++;
        const errors = errorsFor(spec.name, value);
        if (errors.length)
          rejected.push(`${spec.name} offers ${JSON.stringify(value)}: ${errors.join('; ')}`);
      }
    }
    expect(rejected).toEqual([]);
    // The examples are really read: durations, versions, images, hosts, bounds, enum values.
    expect(offered).toBeGreaterThan(40);
  });

  it('a value an error suggests ("write 50% for a percentage") is accepted by that input', () => {
    const wrong: string[] = [];
    for (const name of ['max-error-rate', 'max-latency-regression'])
      for (let n = 2; n <= 20_000; n = Math.ceil(n * 1.37)) {
        for (const line of errorsFor(name, String(n)))
          for (const m of line.matchAll(/write (\S+%) for a percentage/g))
            if (errorsFor(name, m[1]!).length) wrong.push(`${name} ${n}: suggests ${m[1]}, which is refused`);
      }
    expect(wrong).toEqual([]);
  });
});
