// The post step rolls back a killed main step's promotion from what main saved in the action
// state, not from the manifests: here main (the action bundle) is killed with -9 at 30%, the
// manifests folder is then moved away, and the post step must still bring the canary to 0%.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STATE_ANNOTATION } from '../src/plan.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { ACTION_BUNDLE, ROOT, actionFiles, inputEnv, runAction } from './support/action-run.js';

const VS = ['networking.istio.io', 'virtualservices', 'test', 'podinfo'] as const;

type Vs = {
  metadata?: { annotations?: Record<string, string> };
  spec?: { http?: { route?: { weight?: number; destination: { subset: string } }[] }[] };
};
const canaryWeight = (vs: unknown): number | undefined =>
  (vs as Vs | undefined)?.spec?.http?.[0]?.route?.find((r) => r.destination.subset === 'canary')?.weight;
const phase = (vs: unknown): string | undefined => {
  const raw = (vs as Vs | undefined)?.metadata?.annotations?.[STATE_ANNOTATION];
  return raw ? (JSON.parse(raw) as { phase?: string }).phase : undefined;
};

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

let mesh: Mesh | undefined;
afterEach(async () => {
  await mesh?.close();
  mesh = undefined;
});

describe('the post step after main was killed', () => {
  it.each(['a $KUBECONFIG file', 'the kubeconfig input'])(
    'kubeconfig from %s: rolls the canary back to weight 0 with the manifests folder gone',
    async (source) => {
      mesh = await startMesh({ readinessDelayMs: 50 });
      const dir = mkdtempSync(join(tmpdir(), 'istio-canary-post-'));
      const manifests = join(dir, 'manifests');
      cpSync(join(ROOT, 'examples', 'podinfo'), manifests, { recursive: true });
      const kubeconfigFile = join(dir, 'kubeconfig');
      writeFileSync(kubeconfigFile, mesh.kubeconfig);
      const files = actionFiles();
      const inputs: Record<string, string> = {
        command: 'run',
        cluster: 'existing',
        namespace: 'test',
        manifests: `${manifests}/*.yaml`,
        'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.1',
        steps: '30,100',
        interval: '30s',
        metrics: 'loadgen',
        'load-url': mesh.ingressUrl,
        'load-host': 'podinfo.co.uk',
        'load-rps': '20',
        'min-requests': '5',
        // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
        // below what one run could notice.
        'false-rollback-rate': '0.01%',
        'rollout-timeout': '20s',
        comment: 'never',
        ...(source === 'the kubeconfig input' ? { kubeconfig: mesh.kubeconfig } : {}),
      };
      const env: Record<string, string> =
        source === 'a $KUBECONFIG file' ? { KUBECONFIG: kubeconfigFile } : {};
      const main = spawn(process.execPath, [ACTION_BUNDLE], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir, // no ~/.kube/config to fall back on
          GITHUB_OUTPUT: files.output,
          GITHUB_STEP_SUMMARY: files.summary,
          GITHUB_STATE: files.state,
          RUNNER_TEMP: files.temp,
          ...inputEnv(inputs),
          ...env,
        },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => main.on('close', resolve));
      await canaryAt(mesh, 30);
      main.kill('SIGKILL');
      await exited;
      expect(phase(mesh.api.object(...VS))).toBe('in-progress');
      // A later step moved the manifests away (or the checkout was cleaned).
      renameSync(manifests, join(dir, 'moved'));

      const post = await runAction({ files, inputs, post: true, env: { HOME: dir, ...env } });
      const out = post.stdout + post.stderr;
      expect(out).not.toMatch(/no file matches/);
      expect(canaryWeight(mesh.api.object(...VS)), out).toBe(0);
      expect(phase(mesh.api.object(...VS)), out).toBe('rolled-back');
      expect(out).toContain('post: the interrupted promotion was rolled back');
      // The kubeconfig input (a secret) is never written to the state file.
      expect(post.stateFile).not.toContain('token');
    },
    60_000,
  );
});
