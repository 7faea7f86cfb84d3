// An API server that takes connections and never answers (hung, overloaded, a stopped proxy)
// must not hold a run: every Kubernetes request, and the start of every watch, is bounded, and
// ends in an error that names the server and the bound; a cancel while one hangs ends the run at
// once, and its last line says it was cancelled, by which signal, and what it had written.
// Driven through the real client and the CLI process against servers on loopback that accept
// and stay silent, and against the embedded mesh.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeClient, KubeTimeoutError } from '../src/kube/client.js';
import { simKubeconfig } from '../src/sim/kubeconfig.js';
import { startMesh } from '../src/sim/mesh.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A kubeconfig for a plain-HTTP server on loopback, as the embedded mesh writes one. */
function kubeconfigFor(url: string): string {
  return simKubeconfig(url);
}

/** Accepts every connection and never sends a byte; records the request lines it was sent. */
async function silentServer(): Promise<{
  url: string;
  requests: () => number;
  lines: string[];
  firstRequest: Promise<void>;
}> {
  const lines: string[] = [];
  let received!: () => void;
  const firstRequest = new Promise<void>((resolve) => (received = resolve));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (d: Buffer) => {
      lines.push(...[...d.toString().matchAll(/^(\S+ \S+) HTTP\/1\.1\r$/gm)].map((m) => m[1]!));
      if (lines.length > 0) received();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests: () => lines.length,
    lines,
    firstRequest,
  };
}

describe('a hung API server', () => {
  it('a request ends in a named error after two silent attempts, not eight', async () => {
    const server = await silentServer();
    const kube = await createKubeClient({
      kubeconfig: kubeconfigFor(server.url),
      requestTimeoutMs: 200,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const err = await kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'test', name: 'x' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubeTimeoutError);
    expect((err as Error).message).toBe(
      `the Kubernetes API server at ${server.url} did not answer GET /api/v1 within 0.2 s (2 attempts); check that it is up and not overloaded (kubectl get --raw /readyz), or raise ISTIO_CANARY_KUBE_TIMEOUT_MS (milliseconds)`,
    );
    expect(server.requests()).toBe(2);
  });

  it('a watch whose answer never starts ends in the named error, not at the wait timeout', async () => {
    // Answers discovery and GETs, never a watch: the wait must not sit out its own 10 minutes.
    const server = http.createServer((req, res) => {
      if (req.url?.includes('watch=true')) return; // silent
      res.setHeader('content-type', 'application/json');
      if (req.url === '/apis/apps/v1')
        return res.end(
          JSON.stringify({ resources: [{ name: 'deployments', kind: 'Deployment', namespaced: true }] }),
        );
      res.end(
        JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', resourceVersion: '7' },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    closers.push(() => server.closeAllConnections());
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const kube = await createKubeClient({ kubeconfig: kubeconfigFor(url), requestTimeoutMs: 200 });
    const err = await kube
      .waitFor({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name: 'web' }, () => false, {
        timeoutMs: 600_000,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(KubeTimeoutError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^the Kubernetes API server at ${url.replace(/\./g, '\\.')} did not answer GET /apis/apps/v1/namespaces/test/deployments \\(watch\\) within 0\\.2 s;`,
      ),
    );
  });

  it('the CLI stops with the named error (ISTIO_CANARY_KUBE_TIMEOUT_MS bounds each request), nothing hangs', async () => {
    const server = await silentServer();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'istio-canary-hung-')), 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(server.url));
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'istio-canary.js'), 'status', '--cluster', 'existing', '--namespace', 'test'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          KUBECONFIG: kubeconfig,
          ISTIO_CANARY_KUBE_TIMEOUT_MS: '300',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).not.toBe(0);
    expect(output).toContain(`the Kubernetes API server at ${server.url} did not answer GET `);
    expect(output).toContain('within 0.3 s (2 attempts)');
  });

  it('a cancel during a hung preflight stops the CLI at once, nothing written, not at the cancel deadline', async () => {
    const server = await silentServer();
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'istio-canary-hung-')), 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(server.url));
    const child = spawn(
      process.execPath,
      [join(root, 'bin', 'istio-canary.js'), 'status', '--cluster', 'existing', '--namespace', 'test'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? tmpdir(),
          KUBECONFIG: kubeconfig,
          // No request timeout ends the run here: the cancel (or its 8 s deadline) must.
          ISTIO_CANARY_KUBE_TIMEOUT_MS: '600000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    );
    await server.firstRequest; // the preflight's first request hangs
    child.kill('SIGINT');
    const [code, signal] = await closed;
    expect(code === 0 && signal === null, output).toBe(false);
    expect(output).toMatch(/SIGINT/);
    // Ended by the cancel itself, not by the deadline that follows it.
    expect(output).not.toContain('Cancellation did not finish');
    // The preflight's first request was its only one: nothing was read past it, nothing written.
    expect(server.lines, output).toEqual(['GET /version']);
    // The last line says what cancelled and that nothing was changed (not "The operation was aborted").
    expect(output.trim().split('\n').at(-1)).toBe(
      'error: cancelled by SIGINT: stopped before anything was written; nothing was changed',
    );
  });

  it('SIGINT right after `promote` starts (its preflight in flight): the last line says cancelled by SIGINT and what was written', async () => {
    const mesh = await startMesh({ readinessDelayMs: 50 });
    closers.push(() => void mesh.close());
    // Slow answers: the cancel lands while the preflight is still asking.
    mesh.api.faults.set({ latencyMs: 200 });
    const dir = mkdtempSync(join(tmpdir(), 'istio-canary-early-cancel-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, mesh.kubeconfig);
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin', 'istio-canary.js'),
        'promote',
        '--cluster',
        'existing',
        '--namespace',
        'test',
        '--manifests',
        'examples/podinfo/*.yaml',
        '--canary-image',
        'ghcr.io/stefanprodan/podinfo:6.7.1',
        '--comment',
        'never',
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), KUBECONFIG: kubeconfig },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let started!: () => void;
    const connecting = new Promise<void>((resolve) => (started = resolve));
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Using the kubeconfig at')) started();
    });
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    );
    await connecting; // the engine is about to ask the API server its first question
    mesh.api.clearRequests();
    child.kill('SIGINT');
    const [code, signal] = await closed;
    expect([code, signal], output).toEqual([null, 'SIGINT']);
    expect(output).not.toContain('The operation was aborted');
    const last = output.trim().split('\n').at(-1) ?? '';
    const writes = mesh.api.requests.filter(
      (e) => ['create', 'update', 'patch', 'delete'].includes(e.verb) && e.query.dryRun !== 'All',
    );
    const real = writes.filter((e) => e.resource !== 'selfsubjectaccessreviews');
    if (real.length === 0)
      expect(last, output).toBe(
        'error: cancelled by SIGINT: stopped before anything was written; nothing was changed',
      );
    else
      expect(last, output).toMatch(
        /^error: cancelled by SIGINT: stopped after writing .+; no traffic weight was changed$/,
      );
  });
});
