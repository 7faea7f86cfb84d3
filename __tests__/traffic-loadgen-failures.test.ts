// Every request of the load generator is accounted for exactly once, per window: a response, or
// a failure of its kind. Nothing is retried (a reset on a reused keep-alive connection fails its
// request), a failure after the response head is the answering version's, a window ends only
// when its requests are settled, and stop() counts what is still in flight as unanswered.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadGenerator, UNATTRIBUTED, type WindowSnapshot } from '../src/traffic/loadgen.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

function generator(opts: ConstructorParameters<typeof LoadGenerator>[0]): LoadGenerator {
  const gen = new LoadGenerator(opts);
  cleanups.push(async () => {
    gen.stop();
    await gen.done;
  });
  return gen;
}

const total = (s: WindowSnapshot): number => [...s.versions.values()].reduce((a, r) => a + r.count, 0);
const kinds = (s: WindowSnapshot): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of s.versions.values())
    for (const [k, n] of Object.entries(r.errorsByKind)) out[k] = (out[k] ?? 0) + n;
  return out;
};

describe('every request is counted once', () => {
  it('a keep-alive server that resets every reused connection: each reset is one failed request, none resent', async () => {
    let answered = 0;
    let resets = 0;
    let requests = 0;
    const served = new WeakSet<Socket>();
    const { url } = await serve((req, res) => {
      requests++;
      if (served.has(req.socket)) {
        resets++;
        req.socket.resetAndDestroy();
        return;
      }
      served.add(req.socket);
      answered++;
      res.writeHead(200, { 'x-istio-canary': 'stable', 'content-length': '2' });
      res.end('ok');
    });
    const gen = generator({ url, rps: 150, connections: 2, durationMs: 1000 });
    const win = gen.openWindow();
    gen.start();
    await gen.done;
    const s = await win.end();
    expect(resets).toBeGreaterThan(40);
    // The server saw each request once: nothing was sent a second time.
    expect(requests).toBe(s.scheduled);
    expect(kinds(s)).toEqual({ reset: resets });
    expect(s.versions.get('stable')!.count).toBe(answered);
    expect(total(s)).toBe(s.scheduled);
    expect(s.pending).toBe(0);
  });

  it('a reset after the response head is an error of the version that answered', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'x-istio-canary': 'canary', 'content-length': '100' });
      res.write('partial');
      setImmediate(() => req.socket.resetAndDestroy());
    });
    const gen = generator({ url, rps: 50, connections: 1, durationMs: 200 });
    const win = gen.openWindow();
    gen.start();
    await gen.done;
    const s = await win.end();
    const canary = s.versions.get('canary')!;
    expect(canary.count).toBe(10);
    expect(canary.errors).toBe(10);
    expect(canary.errorsByKind).toEqual({ reset: 10 });
    expect(s.versions.get(UNATTRIBUTED)).toBeUndefined();
  });

  it('a window ends when its requests are settled: the ones a hung server holds fail at their timeout, in that window', async () => {
    let n = 0;
    const { url } = await serve((_req, res) => {
      // Every third request is never answered.
      if (++n % 3 === 0) return;
      res.writeHead(200, { 'x-istio-canary': 'canary', 'content-length': '2' });
      res.end('ok');
    });
    const gen = generator({ url, rps: 100, connections: 50, timeoutMs: 800 });
    gen.start();
    const win = gen.openWindow();
    // Wait for 30 requests of this window to be due, then end it while the hung ones are in flight.
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (win.read().scheduled >= 30) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    const atEnd = win.read();
    expect(atEnd.pending).toBeGreaterThan(0);
    const s = await win.end();
    expect(s.pending).toBe(0);
    expect(total(s)).toBe(s.scheduled);
    expect(kinds(s).timeout).toBeGreaterThanOrEqual(Math.floor(s.scheduled / 3) - 1);
    // Later requests belong to no ended window.
    const next = gen.openWindow();
    const later = await new Promise<WindowSnapshot>((resolve) => {
      const t = setInterval(() => {
        if (next.read().scheduled >= 5) {
          clearInterval(t);
          resolve(win.read());
        }
      }, 5);
    });
    expect(later.scheduled).toBe(s.scheduled);
    expect(total(later)).toBe(s.scheduled);
  });

  it('stop() counts the requests still in flight as unanswered', async () => {
    const { url } = await serve(() => undefined); // never answers
    const gen = generator({ url, rps: 100, connections: 4, timeoutMs: 60_000 });
    const win = gen.openWindow();
    gen.start();
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (win.read().scheduled >= 10) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    gen.stop();
    const s = await win.end();
    expect(s.pending).toBe(0);
    expect(kinds(s)).toEqual({ unanswered: s.scheduled });
  });

  it('TLS spoken to a plain-HTTP port is a tls failure, named as such', async () => {
    const { url } = await serve((_req, res) => res.end('ok'));
    const gen = generator({ url: url.replace('http:', 'https:'), rps: 50, connections: 1, durationMs: 200 });
    const win = gen.openWindow();
    gen.start();
    await gen.done;
    const s = await win.end();
    expect(kinds(s)).toEqual({ tls: s.scheduled });
  });
});
