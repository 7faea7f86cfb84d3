// The one strict command-line parser (src/args.ts) behind every command: the promotion
// commands (driven by the contract's inputs), sim, load and demo. Properties with fast-check,
// named errors through the CLI process, and "nothing touched" read from the mesh's request log.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgv, UsageError } from '../src/args.js';
import { INPUT_FLAGS, main, parseFlags } from '../src/cli.js';
import { INPUTS } from '../src/contract.js';
import { parseSimArgs } from '../src/sim/command.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { parseLoadArgs } from '../src/traffic/command.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BOOLEANS = INPUTS.filter((i) => i.accepts.includes('`true`')).map((i) => i.name);
const STRINGS = INPUTS.filter((i) => !BOOLEANS.includes(i.name) && i.name !== 'command').map((i) => i.name);

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof UsageError) return e.problems;
    throw e;
  }
  return [];
}

function capture() {
  const err: string[] = [];
  const out: string[] = [];
  return {
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
    err,
    out,
  };
}

/** A value a user could give: anything non-empty that does not start with "-". */
// A value of only white space is no value (named by the parser; see cli-hostile-inputs.test.ts).
const value = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.startsWith('-') && s.trim() !== '');

describe('the promotion commands parse flags strictly from the contract', () => {
  it('every value input round-trips as --name value and --name=value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRINGS), value, (name, v) => {
        expect(parseFlags([`--${name}`, v], 'run').get(name)).toBe(v);
        expect(parseFlags([`--${name}=${v}`], 'run').get(name)).toBe(v);
      }),
    );
  });

  it('a word starting with one "-" after a value flag is that value (validated later), never a run of short flags', () => {
    const dashed = fc
      .string({ minLength: 1, maxLength: 30 })
      // `-h` is the one known short flag: it stays a flag (its own test below).
      .filter((s) => !s.startsWith('-') && s !== 'h')
      .map((s) => `-${s}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...STRINGS.filter((n) => n !== 'namespace')),
        dashed,
        fc.constantFrom(...BOOLEANS),
        (name, v, flag) => {
          expect(parseFlags([`--${name}`, v], 'run').get(name)).toBe(v);
          // The flags around it are read as before.
          const flags = parseFlags([`--${flag}`, `--${name}`, v, '--namespace', 'x'], 'run');
          expect([flags.get(flag), flags.get(name), flags.get('namespace')]).toEqual(['true', v, 'x']);
        },
      ),
    );
    // A word starting with "--", or the known short flag -h, stays a flag: one problem, the missing value.
    expect(problemsOf(() => parseFlags(['--steps', '--dry-run'], 'run'))).toHaveLength(1);
    expect(problemsOf(() => parseFlags(['--cluster', '-h'], 'run'))).toHaveLength(1);
  });

  it('every boolean input: bare is true, =word and a following boolean word give that word, anything else is named', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BOOLEANS),
        fc.constantFrom('true', 'false', 'yes', 'no', '1', '0', 'on', 'off', 'TRUE', 'False'),
        (name, word) => {
          const expected = String(['true', 'yes', '1', 'on'].includes(word.toLowerCase()));
          expect(parseFlags([`--${name}`], 'run').get(name)).toBe('true');
          expect(parseFlags([`--${name}=${word}`], 'run').get(name)).toBe(expected);
          expect(parseFlags([`--${name}`, word], 'run').get(name)).toBe(expected);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...BOOLEANS),
        value.filter((v) => !/^(true|false|yes|no|1|0|on|off)$/i.test(v.trim())),
        (name, word) => {
          for (const argv of [[`--${name}`, word], [`--${name}=${word}`]]) {
            const problems = problemsOf(() => parseFlags(argv, 'run'));
            expect(problems).toEqual([
              `--${name}: "${word}" is not a boolean (accepted: true, false, yes, no, 1, 0, on, off; a bare --${name} means true)`,
            ]);
          }
        },
      ),
    );
  });

  it('any argv with a stray positional word or an unknown flag is rejected, naming the token', () => {
    const known = new Set(Object.keys(INPUT_FLAGS));
    const good = fc.constantFrom(...STRINGS).map((n) => [`--${n}`, 'x']);
    const stray = value.map((w) => ({ token: w, argv: [w], named: `unexpected argument "${w}"` }));
    const unknown = fc
      .stringMatching(/^[a-z][a-z0-9-]{0,20}$/)
      .filter((n) => !known.has(n))
      .map((n) => ({ token: `--${n}`, argv: [`--${n}`], named: `unknown flag --${n}` }));
    fc.assert(
      fc.property(
        fc.array(good, { maxLength: 3 }),
        fc.oneof(stray, unknown),
        fc.nat(3),
        (before, bad, at) => {
          const flat = before.slice(0, at).flat();
          const argv = [...flat, ...bad.argv, ...before.slice(at).flat()];
          // Only distinct flags, so the one problem is the bad token.
          if (new Set(flat.filter((a) => a.startsWith('--'))).size * 2 !== flat.length) return;
          const rest = before.slice(at).flat();
          if (new Set(rest.filter((a) => a.startsWith('--'))).size * 2 !== rest.length) return;
          if (new Set(before.map((b) => b[0])).size !== before.length) return;
          const problems = problemsOf(() => parseFlags(argv, 'run'));
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.some((p) => p.startsWith(bad.named))).toBe(true);
        },
      ),
    );
  });

  it('a repeated flag is an error, except --manifests, which accumulates', () => {
    expect(problemsOf(() => parseFlags(['--steps', '10,100', '--steps=20,100'], 'run'))).toEqual([
      '--steps is given more than once; give it once',
    ]);
    expect(problemsOf(() => parseFlags(['--dry-run', '--dry-run=false'], 'run'))).toEqual([
      '--dry-run is given more than once; give it once',
    ]);
    expect(parseFlags(['--manifests', 'a.yaml', '--manifests=b/*.yaml'], 'run').get('manifests')).toBe(
      'a.yaml\nb/*.yaml',
    );
  });

  it('a value flag with no value, an empty value, or another flag where its value should be is named', () => {
    expect(problemsOf(() => parseFlags(['--steps'], 'run'))).toEqual([
      '--steps needs a value (accepted: comma-separated integers 1-100, strictly ascending)',
    ]);
    expect(problemsOf(() => parseFlags(['--namespace='], 'run'))[0]).toMatch(/^--namespace needs a value/);
    expect(problemsOf(() => parseFlags(['--steps', '--dry-run'], 'run'))).toEqual([
      '--steps needs a value, but the next word is the flag --dry-run; write --steps=<value> for a value that starts with "-" (accepted: comma-separated integers 1-100, strictly ascending)',
    ]);
    // The flag that took the value's place is still read as a flag.
    expect(problemsOf(() => parseFlags(['--steps', '--dry-run', 'maybe'], 'run'))).toHaveLength(2);
    // A value that starts with "-" goes after "=".
    expect(parseFlags(['--load-host=-odd'], 'run').get('load-host')).toBe('-odd');
  });

  it('--command next to a command word is an error naming both', () => {
    expect(problemsOf(() => parseFlags(['--command', 'step'], 'run'))).toEqual([
      '--command step conflicts with the command "run" given as the first word; give the command once, as the first word (istio-canary step ...)',
    ]);
  });

  it('an unknown flag near a known one suggests it, and never echoes the value given to it', () => {
    const [problem] = problemsOf(() => parseFlags(['--github-tokn=ghp_secretvalue'], 'run'));
    expect(problem).toMatch(/^unknown flag --github-tokn \(did you mean --github-token\?\)/);
    expect(problem).not.toContain('ghp_secretvalue');
  });

  it('reports every problem of a command line at once, exit 2, before reading any setting', async () => {
    const c = capture();
    const code = await main(
      ['run', '--command', 'step', '--dry-run', 'maybe', 'extra', '--stepz', '10', '--preview', 'nah'],
      c.io,
      {},
    );
    expect(code).toBe(2);
    const errors = c.err.join('').trim().split('\n');
    expect(errors).toEqual([
      'error: --dry-run: "maybe" is not a boolean (accepted: true, false, yes, no, 1, 0, on, off; a bare --dry-run means true)',
      'error: unexpected argument "extra": this command takes no positional words; flags are --name value (see istio-canary --help)',
      expect.stringMatching(/^error: unknown flag --stepz \(did you mean --steps\?\); known: --command, /),
      'error: --preview: "nah" is not a boolean (accepted: true, false, yes, no, 1, 0, on, off; a bare --preview means true)',
      'error: --command step conflicts with the command "run" given as the first word; give the command once, as the first word (istio-canary step ...)',
      'error: 5 argument problem(s); nothing was changed.',
    ]);
    expect(c.out).toEqual([]);
  });
});

describe('sim, load and demo use the same parser', () => {
  it('sim: ports checked, missing values and unknown flags named', () => {
    expect(parseSimArgs(['--api-port', '0', '--kubeconfig=k.yaml'])).toMatchObject({
      apiPort: 0,
      kubeconfig: 'k.yaml',
    });
    expect(parseSimArgs(['--api-port', '--kubeconfig', 'k'])).toMatch(
      /^--api-port needs a value, but the next word is the flag --kubeconfig/,
    );
    expect(parseSimArgs(['--api-port', '70000'])).toMatch(/^--api-port: "70000" is not a port/);
    expect(parseSimArgs(['--api-port', '1', '--api-port', '2'])).toMatch(
      /^--api-port is given more than once/,
    );
    expect(parseSimArgs(['serve'])).toMatch(/^unexpected argument "serve"/);
  });

  it('load: repeatable --header accumulates, other repeats and strays are named', () => {
    const args = parseLoadArgs(['--url', 'http://127.0.0.1:1', '-H', 'a: 1', '--header=b: 2', '--json']);
    expect(args).toMatchObject({ headers: { a: '1', b: '2' }, json: true });
    expect(problemsOf(() => parseLoadArgs(['--url', 'http://x', '--rps', '1', '--rps', '2']))).toEqual([
      '--rps is given more than once; give it once',
    ]);
    expect(problemsOf(() => parseLoadArgs(['--url', 'http://x', '--json', 'please']))).toEqual([
      '--json: "please" is not a boolean (accepted: true, false, yes, no, 1, 0, on, off; a bare --json means true)',
    ]);
    expect(problemsOf(() => parseLoadArgs(['--url']))).toEqual([
      '--url needs a value (accepted: an http(s) URL)',
      '--url is required',
    ]);
  });

  it('demo: a repeated or valueless flag exits 2 naming it', async () => {
    const c = capture();
    expect(await main(['demo', '--steps', '10,100', '--steps', '20,100'], c.io, {})).toBe(2);
    expect(await main(['demo', '--interval'], c.io, {})).toBe(2);
    expect(c.err.join('')).toBe(
      'error: --steps is given more than once; give it once\nerror: --interval needs a value\n',
    );
  });

  it('parseArgv tokens after "--" are positionals, still refused where none are taken', () => {
    expect(problemsOf(() => parseArgv(['--', '--steps'], { steps: { type: 'string' } }))).toEqual([
      'unexpected argument "--steps": this command takes no positional words; flags are --name value (see --help)',
    ]);
  });
});

describe('through the CLI process against the embedded mesh', () => {
  let mesh: Mesh;
  let kubeconfig: string;
  beforeAll(async () => {
    mesh = await startMesh({});
    kubeconfig = join(mkdtempSync(join(tmpdir(), 'istio-canary-parser-')), 'kubeconfig');
    writeFileSync(kubeconfig, mesh.kubeconfig);
  });
  afterAll(async () => {
    await mesh.close();
  });

  function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/istio-canary.js', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), KUBECONFIG: kubeconfig },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it.each([
    [['run', '--command', 'step'], '--command step conflicts with the command "run"'],
    [['rollback', '--dry-run', 'maybe'], '--dry-run: "maybe" is not a boolean'],
    [['promote', 'now'], 'unexpected argument "now"'],
    [['step', '--steps', '10,100', '--steps', '20,100'], '--steps is given more than once'],
    [
      ['run', '--virtual-service', '--dry-run'],
      '--virtual-service needs a value, but the next word is the flag --dry-run',
    ],
  ])('%j exits 2 naming the problem, and the API server saw no request', async (argv, named) => {
    mesh.api.clearRequests();
    const r = await cli([
      ...argv,
      '--cluster',
      'existing',
      '--namespace',
      'test',
      '--manifests',
      'examples/podinfo/*.yaml',
    ]);
    expect(r.stderr).toContain(`error: ${named}`);
    expect(r.stderr).toMatch(/argument problem\(s\); nothing was changed\.\n$/);
    expect(r.code).toBe(2);
    expect(mesh.api.requests).toEqual([]);
  });
});
