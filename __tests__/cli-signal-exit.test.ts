// A run cancelled by a signal ends, after its rollback and report, the way a process killed by
// that signal ends: its parent sees the signal, not exit 1, so a wrapper shell
// (`bash -c 'istio-canary run …; echo after'`) stops too instead of running the next command.
// Each test runs a real `run` against the embedded mesh and cancels it once the VirtualService
// shows the canary at 30% (the harness follows __tests__/cancel.test.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { STATE_ANNOTATION } from '../src/plan.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { GithubServer } from './support/github-server.js';
import { cancelRunArgs } from './support/cancel-run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'istio-canary.js');
const VS = ['networking.istio.io', 'virtualservices', 'test', 'podinfo'] as const;

interface VirtualService {
  metadata?: { annotations?: Record<string, string> };
  spec: { http: { route: { weight?: number; destination: { subset: string } }[] }[] };
}

const canaryWeight = (vs: unknown): number | undefined =>
  ((vs as VirtualService | undefined)?.spec?.http?.[0]?.route ?? []).find(
    (r) => r.destination.subset === 'canary',
  )?.weight;

const phase = (vs: unknown): string | undefined => {
  const raw = (vs as VirtualService | undefined)?.metadata?.annotations?.[STATE_ANNOTATION];
  return raw ? (JSON.parse(raw) as { phase?: string }).phase : undefined;
};

function canaryAt(mesh: Mesh, weight: number): Promise<void> {
  return new Promise((resolve) => {
    if (canaryWeight(mesh.api.object(...VS)) === weight) return resolve();
    const stop = mesh.api.onChange((e) => {
      if (e.key.endsWith('/virtualservices') && canaryWeight(e.object) === weight) {
        stop();
        resolve();
      }
    });
  });
}

let mesh: Mesh | undefined;
let github: GithubServer | undefined;
const groups: number[] = [];
afterEach(async () => {
  for (const pgid of groups.splice(0))
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  await mesh?.close();
  mesh = undefined;
  await github?.close();
  github = undefined;
});

async function runArgs(): Promise<{ m: Mesh; args: string[]; kubeconfig: string }> {
  const m = await startMesh({ readinessDelayMs: 50 });
  mesh = m;
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'istio-canary-signal-exit-')), 'kubeconfig');
  writeFileSync(kubeconfig, m.kubeconfig);
  const args = cancelRunArgs(m);
  return { m, args, kubeconfig };
}

/** Starts argv in a process group of its own (as a terminal's foreground job is). */
function launch(argv: string[], kubeconfig: string, env: Record<string, string> = {}) {
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      KUBECONFIG: kubeconfig,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  groups.push(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, ended, stdout: () => stdout, stderr: () => stderr };
}

describe('a run cancelled by a signal exits by that signal', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s to node bin/istio-canary.js: rolled back to 0%, then the process ends killed by that signal',
    async (signal) => {
      const { m, args, kubeconfig } = await runArgs();
      const run = launch([process.execPath, bin, ...args], kubeconfig);
      await canaryAt(m, 30);
      run.child.kill(signal);
      const end = await run.ended;
      const vs = m.api.object(...VS);
      expect(canaryWeight(vs), run.stderr()).toBe(0);
      expect(phase(vs)).toBe('rolled-back');
      expect(run.stderr()).toContain(`warning: Received ${signal}: stopping`);
      expect(run.stdout()).toMatch(/^status=rolled-back$/m);
      expect(end).toEqual({ code: null, signal });
    },
  );

  it("Ctrl-C to `bash -c 'istio-canary run …; echo after'`: rolled back, and the shell stops too", async () => {
    const { m, args, kubeconfig } = await runArgs();
    const words = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const shell = launch(['bash', '-c', `${words}; echo after`], kubeconfig);
    await canaryAt(m, 30);
    // A terminal's Ctrl-C: SIGINT to every process of the foreground process group.
    process.kill(-shell.child.pid!, 'SIGINT');
    const end = await shell.ended;
    expect(canaryWeight(m.api.object(...VS)), shell.stderr()).toBe(0);
    expect(shell.stdout()).not.toContain('after');
    expect(end).toEqual({ code: null, signal: 'SIGINT' });
  });

  it('the final report after a cancel stops waiting on a rate-limited GitHub with the cancel budget: no deadline kill', async () => {
    github = await new GithubServer({
      tokens: [{ token: 'ghs_signalexit', login: 'github-actions[bot]', kind: 'app' }],
    }).start();
    const { m, args, kubeconfig } = await runArgs();
    const withComment = args.map((a, i) => (args[i - 1] === '--comment' ? 'always' : a));
    const run = launch(
      [process.execPath, bin, ...withComment, '--github-token', 'ghs_signalexit', '--pr-number', '42'],
      kubeconfig,
      { GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: github.apiUrl },
    );
    await canaryAt(m, 30);
    // From now on GitHub asks to come back in 50 s: far past the 8 s cancel deadline.
    github.secondaryLimitNext(1000, 50);
    run.child.kill('SIGINT');
    const end = await run.ended;
    expect(canaryWeight(m.api.object(...VS)), run.stderr()).toBe(0);
    expect(github.requests.some((r) => r.status === 429)).toBe(true);
    expect(run.stderr()).not.toContain('Cancellation did not finish');
    expect(end).toEqual({ code: null, signal: 'SIGINT' });
  });
});
