// A kubeconfig that cannot give credentials is named through the CLI process: the missing
// current-context with the contexts that exist, and a failing exec credential plugin with its
// command and stderr (secret arguments redacted), never a bare `error: `.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/action-run.js';

const dir = mkdtempSync(join(tmpdir(), 'istio-canary-kubeconfig-'));

function kubeconfig(name: string, user: string, currentContext = 'x'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]',
      `users: [{name: u, user: ${user}}]`,
      'contexts: [{name: x, context: {cluster: c, user: u}}, {name: y, context: {cluster: c, user: u}}]',
      `current-context: ${currentContext}`,
    ].join('\n'),
  );
  return file;
}

const status = (file: string) =>
  runCli(['status', '--cluster', 'existing', '--namespace', 'test'], { KUBECONFIG: file });

describe('kubeconfig errors through the CLI', () => {
  it('a current-context that is not defined is named with the contexts that exist', async () => {
    const r = await status(kubeconfig('noctx', '{token: t}', 'missing'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('current-context "missing" is not one of its contexts ("x", "y")');
  });

  it('a failing exec plugin with nothing on stderr is named by its command', async () => {
    const r = await status(
      kubeconfig(
        'exec-false',
        '{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/false, interactiveMode: Never}}',
      ),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exec credential plugin of kubeconfig user "u" \(\/bin\/false\)/);
    expect(r.stderr).toContain('exited non-zero and printed nothing on stderr');
    expect(r.stderr).not.toMatch(/^error: ?$/m);
  });

  it("a failing exec plugin's stderr is shown, its secret arguments redacted", async () => {
    const r = await status(
      kubeconfig(
        'exec-stderr',
        `{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/sh, args: ["-c", "echo denied for s3cr3t-value >&2; exit 3", "--token=s3cr3t-value"], interactiveMode: Never}}`,
      ),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/bin/sh -c');
    expect(r.stderr).toContain('its stderr: denied for ***');
    expect(r.stdout + r.stderr).not.toContain('s3cr3t-value');
  });

  it('an exec plugin that does not exist is named', async () => {
    const r = await status(
      kubeconfig(
        'exec-missing',
        '{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: /nonexistent/kube-login, interactiveMode: Never}}',
      ),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(/nonexistent/kube-login) could not be started: the command was not found');
  });
});
