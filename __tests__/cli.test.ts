import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, parseFlags } from '../src/cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
    out,
    err,
  };
}

/** Runs a process to its end; resolves with its exit code and output. */
function runProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('istio-canary CLI', () => {
  it('prints the three VirtualService changes of the podinfo seed and the finalize in a dry run (npx istio-canary ...)', async () => {
    const r = await runProcess([
      'bin/istio-canary.js',
      'run',
      '--cluster',
      'sim',
      '--steps',
      '10,60,100',
      '--dry-run',
      '--namespace',
      'test',
      '--manifests',
      'examples/podinfo/*.yaml',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const steps = r.stderr.split('\n').filter((l) => l.startsWith('[dry-run] would set'));
    expect(steps).toEqual([
      '[dry-run] would set podinfo: canary 10% / stable 90%, then measure 60000 ms',
      '[dry-run] would set podinfo: canary 60% / stable 40%, then measure 60000 ms',
      '[dry-run] would set podinfo: canary 100% / stable 0%, then measure 60000 ms',
      '[dry-run] would set podinfo: canary 100% / stable 0% (finalizing)',
      '[dry-run] would set podinfo: canary 0% / stable 100% (finalizing)',
      '[dry-run] would set podinfo: canary 0% / stable 100% (promoted)',
    ]);
    expect(r.stdout).toMatch(/^status=in-progress$/m);
  });

  it('reports every bad flag value at once and exits 2 without touching anything', async () => {
    const c = capture();
    const code = await main(
      ['run', '--steps', '10,5,200', '--interval', 'soon', '--cluster', 'docker'],
      c.io,
      {},
    );
    expect(code).toBe(2);
    const errors = c.err
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('error: '));
    expect(errors.map((l) => l.slice(7).split(':')[0])).toEqual([
      'cluster',
      'steps',
      'interval',
      '3 input(s) are not valid; nothing was changed.',
    ]);
  });

  it('refuses unknown flags and unknown commands, naming them', async () => {
    const c = capture();
    expect(await main(['run', '--stepz', '10'], c.io, {})).toBe(2);
    expect(c.err.join('')).toContain('error: unknown flag --stepz (did you mean --steps?)');
    expect(await main(['deploy'], c.io, {})).toBe(2);
    expect(c.err.join('')).toContain('unknown command "deploy"');
    expect(await main(['--steps', '10,100', 'run'], c.io, {})).toBe(2);
    expect(c.err.join('')).toContain('error: the command comes first (istio-canary <command>');
  });

  it('parses --name value, --name=value, bare booleans and repeated manifests', () => {
    const flags = parseFlags(
      [
        '--steps=10,100',
        '--dry-run',
        '--manifests',
        'a.yaml',
        '--manifests',
        'b/*.yaml',
        '--preview',
        'false',
      ],
      'run',
    );
    expect(Object.fromEntries(flags)).toEqual({
      steps: '10,100',
      'dry-run': 'true',
      manifests: 'a.yaml\nb/*.yaml',
      preview: 'false',
    });
  });

  it('bin/istio-canary.js runs the CLI bundle: no TypeScript source and no tsx is loaded', async () => {
    // A preload that lists every module the process loads, printed at exit.
    const listLoads = `data:text/javascript,${encodeURIComponent(`
      import { registerHooks } from 'node:module';
      const seen = [];
      registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
      process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(seen) + '\\n'));`)}`;
    const r = await runProcess([
      '--import',
      listLoads,
      'bin/istio-canary.js',
      'status',
      '--dry-run',
      'maybe',
    ]);
    expect(r.code).toBe(2);
    const loaded = JSON.parse(/LOADED (.*)/.exec(r.stderr)![1]!) as string[];
    expect(loaded.some((u) => u.endsWith('/dist/cli/index.js'))).toBe(true);
    expect(loaded.filter((u) => u.endsWith('.ts') || u.includes('/tsx/'))).toEqual([]);
  });

  it('the demo runs from the CLI bundle: finds the podinfo example, promotes the good canary, rolls back the slow one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'istio-canary-demo-test-')), 'reports');
    const r = await runProcess([
      'bin/istio-canary.js',
      'demo',
      '--steps',
      '50,100',
      '--interval',
      '2s',
      '--out',
      out,
    ]);
    expect(r.stderr).not.toContain('error:');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'good-canary.json',
      'good-canary.md',
      'slow-canary.json',
      'slow-canary.md',
    ]);
  });

  it('--help shows the commands and exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io, {})).toBe(0);
    expect(c.out.join('')).toMatch(/Usage: istio-canary <command>/);
  });
});

describe('the action bundle (dist/index.js)', () => {
  // A preloaded module that fails the process on any socket or DNS use: proof that bad
  // inputs are reported before anything touches the network.
  const noNetwork = `data:text/javascript,${encodeURIComponent(`
    import net from 'node:net'; import dns from 'node:dns';
    const deny = (what) => () => { process.stderr.write('NETWORK CALL: ' + what + '\\n'); process.exit(99); };
    net.Socket.prototype.connect = deny('connect'); dns.lookup = deny('dns.lookup');
    globalThis.fetch = deny('fetch');`)}`;

  it('fails with one message per bad input and no network call (its start-up cost: bench/startup.ts)', async () => {
    const r = await runProcess(['--import', noNetwork, 'dist/index.js'], {
      INPUT_STEPS: '10,5,200',
      INPUT_INTERVAL: 'soon',
      INPUT_CLUSTER: 'docker',
      GITHUB_STATE: '/dev/null',
      GITHUB_OUTPUT: '/dev/null',
    });
    expect(r.stdout).not.toContain('NETWORK CALL');
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors.map((l) => l.slice('::error::'.length).split(':')[0])).toEqual([
      'cluster',
      'steps',
      'interval',
      '3 input(s) are not valid; nothing was changed.',
      'Invalid inputs (see the errors above).',
    ]);
  });
});

// The machine's own Node (20 on a fresh Debian/Ubuntu runner) running the bin: a clear message,
// not a failure inside the bundle. Skipped where no older Node is installed.
const systemNode = '/usr/bin/node';
const oldNode = (() => {
  try {
    const r = execFileSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    return Number(r.split('.')[0]) < 24;
  } catch {
    return false;
  }
})();
describe('the bin on an older Node', () => {
  it.skipIf(!oldNode)('says Node 24 is needed and how to get it, exit 2', () => {
    const r = spawnSync(systemNode, [join(root, 'bin', 'istio-canary.js'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: istio-canary needs Node\.js 24 or newer; this is v\d+/);
    expect(r.stdout).toBe('');
  });
});
