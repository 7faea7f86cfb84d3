import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { LoadGenerator, UNATTRIBUTED } from '../src/traffic/loadgen.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
async function close(server: net.Server): Promise<void> {
  (server as http.Server).closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Runs the generator for a fixed number of due requests and returns the window. */
async function run(opts: ConstructorParameters<typeof LoadGenerator>[0]) {
  const gen = new LoadGenerator(opts);
  const win = gen.openWindow();
  gen.start();
  await gen.done;
  return win.read();
}

describe('load generator over http', () => {
  let server: http.Server;
  let base: string;
  let handler: Handler = (_req, res) => res.end('ok');
  const hosts: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => handler(req, res));
    base = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => close(server));

  it('sends at the fixed rate and attributes each response to the version in the header', async () => {
    let n = 0;
    handler = (req, res) => {
      hosts.push(req.headers.host ?? '');
      res.setHeader('x-istio-canary', n++ % 4 === 0 ? 'canary' : 'stable');
      res.end('hello');
    };
    const w = await run({
      url: `${base}/x`,
      host: 'app.example',
      rps: 200,
      connections: 4,
      durationMs: 1000,
    });
    expect(w.scheduled).toBe(200);
    const stable = w.versions.get('stable')!;
    const canary = w.versions.get('canary')!;
    expect(stable.count + canary.count).toBe(200);
    expect(canary.count).toBe(50);
    expect(stable.errors).toBe(0);
    expect(stable.histogram.percentile(50)).toBeGreaterThan(0);
    expect(stable.samplesMs.length).toBe(stable.count);
    expect(new Set(hosts)).toEqual(new Set(['app.example']));
  });

  it('opens every connection before the first request, so no request is charged a handshake', async () => {
    const seen: number[] = [];
    let open = 0;
    const onConnection = (): number => open++;
    server.on('connection', onConnection);
    handler = (_req, res) => {
      seen.push(open);
      res.end('ok');
    };
    try {
      await run({ url: base, rps: 100, connections: 5, durationMs: 100 });
    } finally {
      server.off('connection', onConnection);
    }
    expect(seen.length).toBe(10);
    expect(seen[0]).toBe(5);
  });

  it('counts responses without the header as unattributed, and 5xx by status code', async () => {
    let n = 0;
    handler = (_req, res) => {
      res.statusCode = n++ % 2 === 0 ? 503 : 200;
      res.end();
    };
    const w = await run({ url: base, rps: 100, connections: 2, durationMs: 400 });
    const u = w.versions.get(UNATTRIBUTED)!;
    expect(u.count).toBe(40);
    expect(u.errors).toBe(20);
    expect(u.errorsByKind).toEqual({ '503': 20 });
    expect(u.statuses).toEqual({ '200': 20, '503': 20 });
  });

  it('reads chunked, content-length and connection-close responses alike', async () => {
    let n = 0;
    handler = (_req, res) => {
      const k = n++ % 3;
      if (k === 0) {
        res.write('a'.repeat(5000));
        res.end('b'.repeat(70000)); // chunked, spans several packets
      } else if (k === 1) {
        res.setHeader('content-length', '3');
        res.end('abc');
      } else {
        res.setHeader('connection', 'close');
        res.end('bye');
      }
    };
    const w = await run({ url: base, rps: 150, connections: 3, durationMs: 400 });
    const u = w.versions.get(UNATTRIBUTED)!;
    expect(u.count).toBe(60);
    expect(u.errors).toBe(0);
  });

  it('times out requests the server never answers, measured from the intended time', async () => {
    handler = () => undefined; // never answers
    const w = await run({ url: base, rps: 20, connections: 2, durationMs: 200, timeoutMs: 300 });
    const u = w.versions.get(UNATTRIBUTED)!;
    expect(u.count).toBe(4);
    expect(u.errorsByKind).toEqual({ timeout: 4 });
  });

  it('counts a connection the server drops as reset', async () => {
    handler = (req) => req.socket.destroy();
    const w = await run({ url: base, rps: 50, connections: 1, durationMs: 200 });
    expect(w.versions.get(UNATTRIBUTED)!.errorsByKind).toEqual({ reset: 10 });
  });

  it('shows a 1 s server stall in the high percentiles (no coordinated omission)', async () => {
    let stalled = false;
    handler = (_req, res) => {
      if (!stalled) {
        stalled = true;
        setTimeout(() => res.end('late'), 1000);
      } else res.end('ok');
    };
    // One connection: a closed-loop client would send nothing during the stall and report one slow request.
    const w = await run({ url: base, rps: 100, connections: 1, durationMs: 2000 });
    const u = w.versions.get(UNATTRIBUTED)!;
    expect(u.count).toBe(200);
    // ~100 requests were due during the stall and waited for it: p50 ≥ ~0 but p90 is hundreds of ms.
    expect(u.histogram.percentile(90)! / 1000).toBeGreaterThan(100);
    expect(u.histogram.percentile(100)! / 1000).toBeGreaterThan(900);
  });

  it('reads a window while running and stops promptly on abort', async () => {
    handler = (_req, res) => res.end('ok');
    const ac = new AbortController();
    const gen = new LoadGenerator({ url: base, rps: 200, connections: 2, signal: ac.signal });
    const win = gen.openWindow();
    gen.start();
    const seen = await new Promise<number>((resolve) => {
      const iv = setInterval(() => {
        const c = win.read().versions.get(UNATTRIBUTED)?.count ?? 0;
        if (c >= 20) {
          clearInterval(iv);
          resolve(c);
        }
      }, 5);
    });
    ac.abort();
    await gen.done;
    // Reading is not destructive: the window still holds what was read while running.
    expect(win.read().versions.get(UNATTRIBUTED)?.count ?? 0).toBeGreaterThanOrEqual(seen);
    expect(gen.isStopped).toBe(true);
  });

  it('counts refused connections when nothing listens', async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await close(probe);
    const w = await run({ url: `http://127.0.0.1:${port}`, rps: 50, connections: 2, durationMs: 200 });
    expect(w.versions.get(UNATTRIBUTED)!.errorsByKind).toEqual({ refused: 10 });
  });

  it('runs closed-loop at full speed when rps is 0', async () => {
    handler = (_req, res) => res.end('ok');
    const w = await run({ url: base, rps: 0, connections: 4, durationMs: 300 });
    expect(w.versions.get(UNATTRIBUTED)!.count).toBeGreaterThan(100);
  });
});

describe('load generator over https', () => {
  let dir: string;
  let server: https.Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loadgen-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=app.example',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = https.createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (req, res) => {
        res.setHeader('x-version', req.headers.host === 'app.example' ? 'canary' : 'wrong-host');
        res.end('secure');
      },
    );
    port = await listen(server);
  });
  afterAll(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a self-signed https server with keep-alive and a custom attribution header', async () => {
    const w = await run({
      url: `https://127.0.0.1:${port}/`,
      host: 'app.example',
      rps: 100,
      connections: 2,
      durationMs: 500,
      headerName: 'X-Version',
    });
    expect(w.versions.get('canary')?.count).toBe(50);
    expect(w.versions.get('canary')?.errors).toBe(0);
  });

  it('refuses an unverified certificate when asked to verify', async () => {
    const w = await run({
      url: `https://127.0.0.1:${port}/`,
      rps: 50,
      connections: 1,
      durationMs: 100,
      rejectUnauthorized: true,
    });
    const u = w.versions.get(UNATTRIBUTED)!;
    expect(u.errors).toBe(5);
    expect(u.errorsByKind.tls).toBe(5);
  });
});
