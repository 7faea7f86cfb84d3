// One dry run: whatever the cluster input, `--dry-run` goes through the runner's dry run (the
// machine's own start decisions and transitions, finalize included); a cluster that would be
// created (kind, minikube) or started (sim) is not: the plan comes from the manifests alone.
// Each test runs the CLI process (bin/istio-canary.js).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/istio-canary.js', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const seed = ['--steps', '10,100', '--dry-run', '--manifests', 'examples/podinfo/*.yaml'];
const finalize = [
  '[dry-run] would set podinfo: canary 10% / stable 90%, then measure 60000 ms',
  '[dry-run] would set podinfo: canary 100% / stable 0%, then measure 60000 ms',
  '[dry-run] would set podinfo: canary 100% / stable 0% (finalizing)',
  "[dry-run] would give the stable Deployment podinfo-ga the canary's pod template and wait for it",
  '[dry-run] would set podinfo: canary 0% / stable 100% (finalizing)',
  '[dry-run] would scale the canary Deployment podinfo-canary to 0',
  '[dry-run] would set podinfo: canary 0% / stable 100% (promoted)',
];
const plan = (stderr: string) =>
  stderr.split('\n').filter((l) => /^\[dry-run\] would (set|give|scale)/.test(l));

describe('--dry-run goes through the runner for every cluster', () => {
  it('cluster sim: the machine plan with its finalize, and no mesh started', async () => {
    const r = await cli(['run', '--cluster', 'sim', '--namespace', 'test', ...seed]);
    expect(r.code, r.stderr).toBe(0);
    expect(plan(r.stderr)).toEqual(finalize);
    expect(r.stderr).not.toContain('Starting the embedded mesh');
    expect(r.stderr).toContain('[dry-run] the API server accepted all 7 documents (server-side dry run)');
  });

  it.each(['kind', 'minikube'])(
    'cluster %s: says what would be created, downloads and creates nothing, plans from the manifests',
    async (cluster) => {
      const tools = mkdtempSync(join(tmpdir(), 'istio-canary-dry-tools-'));
      const r = await cli(['run', '--cluster', cluster, '--namespace', 'test', ...seed], {
        RUNNER_TOOL_CACHE: tools,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`[dry-run] would create a ${cluster} cluster istio-canary with Istio `);
      expect(plan(r.stderr)).toEqual(finalize);
      expect(readdirSync(tools)).toEqual([]);
    },
  );

  it('cluster kind with an HTTPRoute in the manifests: says the Gateway API CRDs would be installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'istio-canary-dry-gw-'));
    writeFileSync(
      join(dir, 'route.yaml'),
      [
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata: {name: podinfo-gw}',
        'spec:',
        '  rules:',
        '    - backendRefs: [{name: podinfo, port: 9898}]',
        '',
      ].join('\n'),
    );
    const withRoute = seed.map((a) =>
      a === 'examples/podinfo/*.yaml' ? `${a},${join(dir, 'route.yaml')}` : a,
    );
    const r = await cli(['run', '--cluster', 'kind', '--namespace', 'test', ...withRoute], {
      RUNNER_TOOL_CACHE: mkdtempSync(join(tmpdir(), 'istio-canary-dry-tools-')),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /\[dry-run\] would install Gateway API CRDs v\d+\.\d+\.\d+ .*httproutes\.gateway\.networking\.k8s\.io/,
    );
    const without = await cli(['run', '--cluster', 'kind', '--namespace', 'test', ...seed], {
      RUNNER_TOOL_CACHE: mkdtempSync(join(tmpdir(), 'istio-canary-dry-tools-')),
    });
    expect(without.stderr).not.toContain('Gateway API CRDs');
  });

  it('promote --dry-run follows the same machine: 100% then the finalize', async () => {
    const r = await cli(['promote', '--cluster', 'kind', '--namespace', 'test', ...seed]);
    expect(r.code, r.stderr).toBe(0);
    expect(plan(r.stderr)).toEqual([
      '[dry-run] would set podinfo: canary 100% / stable 0% (finalizing)',
      "[dry-run] would give the stable Deployment podinfo-ga the canary's pod template and wait for it",
      '[dry-run] would set podinfo: canary 0% / stable 100% (finalizing)',
      '[dry-run] would scale the canary Deployment podinfo-canary to 0',
      '[dry-run] would set podinfo: canary 0% / stable 100% (promoted)',
    ]);
  });

  it('a preview dry run says the namespace would be created, never that it was', async () => {
    const r = await cli(['run', '--cluster', 'sim', '--preview', '--pr-number', '7', ...seed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('[dry-run] preview: namespace pr-7 would be created for PR #7');
    expect(r.stderr).not.toMatch(/namespace pr-7 created/);
    expect(plan(r.stderr)).toEqual(finalize);
  });
});
