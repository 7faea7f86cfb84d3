// Cancelling reaches the process that promotes, whatever launched it (npx, a wrapper shell,
// node itself), and has a deadline. Each test runs a real `run` against the embedded mesh in
// a process tree, cancels it once the VirtualService shows the canary at 30%, waits for the
// whole tree to end (its stdio pipes close only when every process holding them exited), and
// reads the VirtualService the mesh kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { STATE_ANNOTATION } from '../src/plan.js';
import { ACTION_BUNDLE, actionFiles } from './support/action-run.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { cancelRunArgs } from './support/cancel-run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const VS = ['networking.istio.io', 'virtualservices', 'test', 'podinfo'] as const;

interface VirtualService {
  metadata?: { annotations?: Record<string, string> };
  spec: { http: { route: { weight?: number; destination: { subset: string } }[] }[] };
}

function canaryWeight(vs: unknown): number | undefined {
  const route = (vs as VirtualService | undefined)?.spec?.http?.[0]?.route ?? [];
  return route.find((r) => r.destination.subset === 'canary')?.weight;
}

function phase(vs: unknown): string | undefined {
  const raw = (vs as VirtualService | undefined)?.metadata?.annotations?.[STATE_ANNOTATION];
  return raw ? (JSON.parse(raw) as { phase?: string }).phase : undefined;
}

/** Resolves once the stored VirtualService routes `weight`% to the canary. */
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

/** Every process below `pid` now (from /proc: children of each pid). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while listing
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/**
 * A pid that still runs. A zombie has exited; so has a process whose memory is already
 * released (empty cmdline): the kernel frees it before closing the process's files, so once
 * the tree's pipes closed, such a process is only finishing its exit.
 */
function running(pid: number): boolean {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (text.slice(text.lastIndexOf(')') + 2)[0] === 'Z') return false;
    return readFileSync(`/proc/${pid}/cmdline`).length > 0;
  } catch {
    return false;
  }
}

interface Tree {
  top: ChildProcess;
  output: () => string;
  /** Resolves when the top process exited and every process holding its stdio closed it. */
  /** The exit code, or the signal that ended the process (a cancelled CLI re-raises its signal). */
  ended: Promise<number | NodeJS.Signals | null>;
}

const started: number[] = [];

function launch(argv: string[], env: Record<string, string>): Tree {
  const top = spawn(argv[0]!, argv.slice(1), {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(top.pid!);
  let text = '';
  top.stdout.on('data', (d: Buffer) => (text += d.toString()));
  top.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const ended = new Promise<number | NodeJS.Signals | null>((resolve) =>
    top.on('close', (code, signal) => resolve(code ?? signal)),
  );
  return { top, output: () => text, ended };
}

let mesh: Mesh | undefined;
afterEach(async () => {
  // A failed test must not leave a promotion running: end whatever is left of its trees.
  for (const pid of started.splice(0))
    for (const p of [pid, ...descendants(pid)])
      if (running(p))
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
  await mesh?.close();
  mesh = undefined;
});

async function meshWithKubeconfig(): Promise<{ mesh: Mesh; kubeconfig: string }> {
  const m = await startMesh({ readinessDelayMs: 50 });
  mesh = m;
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'istio-canary-cancel-')), 'kubeconfig');
  writeFileSync(kubeconfig, m.kubeconfig);
  return { mesh: m, kubeconfig };
}

const runArgs = cancelRunArgs;

const bin = join(root, 'bin', 'istio-canary.js');

/** Cancels `tree` with `signal` once the canary is at 30%, then checks the end state. */
async function cancelAt30(
  m: Mesh,
  tree: Tree,
  signal: NodeJS.Signals,
): Promise<{ code: number | NodeJS.Signals | null; pids: number[] }> {
  await canaryAt(m, 30);
  const pids = [tree.top.pid!, ...descendants(tree.top.pid!)];
  // The promoting node process is somewhere in the tree.
  expect(
    pids.some((p) => /istio-canary|dist\/index\.js/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8'))),
  ).toBe(true);
  tree.top.kill(signal);
  const code = await tree.ended;
  return { code, pids };
}

function expectRolledBackAndNothingLeft(m: Mesh, pids: number[], output: string): void {
  const vs = m.api.object(...VS);
  expect(canaryWeight(vs), output).toBe(0);
  expect(phase(vs), output).toBe('rolled-back');
  expect(pids.filter(running).map((p) => `${p}: ${readFileSync(`/proc/${p}/cmdline`, 'utf8')}`)).toEqual([]);
}

const node = process.execPath;

/** The run's command line as one shell word list. */
function shellWords(argv: string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
}

/**
 * The ways people start the CLI. `; echo after` keeps each shell from exec'ing its command: it
 * waits as the parent, as a workflow step's bash does. npx runs the bin under its own `sh -c`.
 */
const LAUNCHERS: Record<string, (run: string[]) => string[]> = {
  npx: (run) => ['npx', '--no-install', 'istio-canary', ...run],
  'bash -c around node': (run) => ['bash', '-c', `${shellWords([node, bin, ...run])}; echo after`],
  'sh -c around node': (run) => ['sh', '-c', `${shellWords([node, bin, ...run])}; echo after`],
  'bash -c around npx': (run) => [
    'bash',
    '-c',
    `npx --no-install istio-canary ${shellWords(run)}; echo after`,
  ],
};

/**
 * What the promoting process says it noticed. SIGTERM kills npx's `sh -c` or the wrapper shell
 * (this process sees its parent go). SIGINT is kept by a shell until its child exits (npx
 * forwards it to its `sh -c`): this process sees that shell wake up.
 */
const NOTICED: Record<'SIGINT' | 'SIGTERM', RegExp> = {
  SIGINT: /was interrupted \(SIGINT\): stopping|Received SIGINT: stopping/,
  SIGTERM: /exited: stopping|Received SIGTERM: stopping/,
};

describe('cancelling a run', () => {
  describe.each(Object.keys(LAUNCHERS))('started through %s', (launcher) => {
    it.each(['SIGINT', 'SIGTERM'] as const)(
      '%s to that process only: the promoting process rolls back to 0% and the whole tree ends',
      async (signal) => {
        const { mesh: m, kubeconfig } = await meshWithKubeconfig();
        const tree = launch(LAUNCHERS[launcher]!(runArgs(m)), { KUBECONFIG: kubeconfig });
        const { pids } = await cancelAt30(m, tree, signal);
        expectRolledBackAndNothingLeft(m, pids, tree.output());
        expect(tree.output()).toMatch(NOTICED[signal]);
      },
    );
  });

  it.each(['SIGINT', 'SIGHUP', 'SIGQUIT'] as const)(
    '%s to node bin/istio-canary.js: the canary goes back to weight 0, then it ends by that signal (SIGQUIT: 131, no core dump)',
    async (signal) => {
      const { mesh: m, kubeconfig } = await meshWithKubeconfig();
      const tree = launch([process.execPath, bin, ...runArgs(m)], { KUBECONFIG: kubeconfig });
      const { code, pids } = await cancelAt30(m, tree, signal);
      expectRolledBackAndNothingLeft(m, pids, tree.output());
      expect(tree.output()).toContain(`warning: Received ${signal}: stopping`);
      expect(code).toBe(signal === 'SIGQUIT' ? 131 : signal);
    },
  );

  it('SIGINT to the action bundle (as the runner sends it): rolled back to 0%, the step fails', async () => {
    const { mesh: m } = await meshWithKubeconfig();
    const files = actionFiles();
    const args = runArgs(m);
    const inputs: Record<string, string> = { INPUT_KUBECONFIG: m.kubeconfig };
    for (let i = 1; i < args.length; i += 2)
      inputs[`INPUT_${args[i]!.slice(2).toUpperCase()}`] = args[i + 1]!;
    const tree = launch([process.execPath, ACTION_BUNDLE], {
      ...inputs,
      INPUT_COMMAND: 'run',
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: files.temp,
    });
    const { pids } = await cancelAt30(m, tree, 'SIGINT');
    expectRolledBackAndNothingLeft(m, pids, tree.output());
    expect(tree.output()).toContain('::warning::Received SIGINT: stopping (on-cancel: rollback).');
    expect(tree.output()).toContain('::error::istio-canary run failed');
  });

  it('a second signal is logged and ignored: the rollback still finishes', async () => {
    const { mesh: m, kubeconfig } = await meshWithKubeconfig();
    const tree = launch([process.execPath, bin, ...runArgs(m)], { KUBECONFIG: kubeconfig });
    await canaryAt(m, 30);
    // Both signals before the process can handle the first one.
    tree.top.kill('SIGINT');
    tree.top.kill('SIGTERM');
    // It ends by the signal it handled first.
    expect(['SIGINT', 'SIGTERM']).toContain(await tree.ended);
    expect(tree.output()).toMatch(/Received SIG(INT|TERM) again: already stopping/);
    expect(canaryWeight(m.api.object(...VS))).toBe(0);
  });

  it('past the deadline, with writes failing, it says the canary may still be at 30% and how to finish, exit 1', async () => {
    const { mesh: m, kubeconfig } = await meshWithKubeconfig();
    const tree = launch([process.execPath, bin, ...runArgs(m)], {
      KUBECONFIG: kubeconfig,
      ISTIO_CANARY_CANCEL_DEADLINE_MS: '300',
    });
    await canaryAt(m, 30);
    // Every write from now on fails, so the rollback cannot land.
    m.api.faults.set({
      errorRate: 1,
      errorCodes: [503],
      errorVerbs: ['update', 'patch', 'create', 'delete'],
    });
    tree.top.kill('SIGTERM');
    // A cancel that could not finish is a failure, not an end by the signal.
    expect(await tree.ended).toBe(1);
    const lines = tree.output().split('\n');
    const deadline = lines.filter((l) => l.startsWith('error: Cancellation did not finish'));
    expect(deadline).toEqual([
      "error: Cancellation did not finish within 0.3 s: the canary may still be at 30% (the last weight the API server confirmed). To finish, run: istio-canary rollback --cluster existing --namespace test --manifests 'examples/podinfo/*.yaml' (with the same kubeconfig), or rerun the workflow with command: rollback",
    ]);
    expect(canaryWeight(m.api.object(...VS))).toBe(30);
  });
});
