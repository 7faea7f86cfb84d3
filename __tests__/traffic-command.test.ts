import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { parseDuration, runLoadCommand } from '../src/traffic/command.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}

describe('istio-canary load', () => {
  let server: http.Server;
  let url: string;
  const hosts = new Set<string>();
  const extra = new Set<string>();
  beforeAll(async () => {
    let n = 0;
    server = http.createServer((req, res) => {
      hosts.add(req.headers.host ?? '');
      extra.add(String(req.headers['x-team']));
      const canary = n++ % 5 === 0;
      res.setHeader('x-istio-canary', canary ? 'canary' : 'stable');
      res.statusCode = canary && n % 2 === 0 ? 503 : 200;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('prints per-version counts, rate, errors by kind and percentiles', async () => {
    const { out, io } = capture();
    const code = await runLoadCommand(
      [
        'load',
        '--url',
        url,
        '--host',
        'shop.example',
        '--rps',
        '100',
        '--duration',
        '1s',
        '--connections',
        '2',
        '--header',
        'X-Team: blue',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(out.stdout).toMatch(
      /^100 requests in 1\.\d s to http:\/\/127\.0\.0\.1:\d+\/ \(Host: shop\.example\): 100 rps target \(open loop\) over 2 connections/,
    );
    expect(out.stdout).toMatch(/version\s+requests\s+rps\s+errors\s+p50 ms\s+p90 ms\s+p99 ms\s+max ms/);
    expect(out.stdout).toMatch(/\ncanary\s+20\s+[\d.]+\s+10\s/);
    expect(out.stdout).toMatch(/\nstable\s+80\s+[\d.]+\s+0\s/);
    expect(out.stdout).toMatch(/\nall\s+100\s/);
    expect(out.stdout).toContain('status codes: 200: 90, 503: 10');
    expect(out.stdout).toContain('errors: 503: 10');
    expect(hosts).toEqual(new Set(['shop.example']));
    expect(extra).toEqual(new Set(['blue']));
  });

  it('prints one JSON object with --json', async () => {
    const { out, io } = capture();
    expect(await runLoadCommand(['--url', url, '--rps=50', '--duration=400ms', '--json'], io)).toBe(0);
    const j = JSON.parse(out.stdout) as {
      all: { requests: number; p99Ms: number };
      versions: Record<string, { requests: number }>;
    };
    expect(j.all.requests).toBe(20);
    expect(j.versions.canary!.requests + j.versions.stable!.requests).toBe(20);
    expect(j.all.p99Ms).toBeGreaterThan(0);
  });

  it('stops on the signal and still prints what it measured', async () => {
    const { out, io } = capture();
    const ac = new AbortController();
    // One connection, so the server seeing a second request means the first answer arrived;
    // the abort comes then, and the exit code is exactly 0 (something answered).
    let requests = 0;
    const onRequest = () => {
      if (++requests === 2) ac.abort();
    };
    server.on('request', onRequest);
    try {
      const done = runLoadCommand(
        ['--url', url, '--rps', '100', '--connections', '1', '--duration', '1h'],
        io,
        ac.signal,
      );
      expect(await done).toBe(0);
    } finally {
      server.off('request', onRequest);
    }
    expect(out.stdout).toContain('requests in');
  });

  it('exits 1 when nothing answers', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { out, io } = capture();
    expect(
      await runLoadCommand(['--url', `http://127.0.0.1:${port}/`, '--rps', '20', '--duration', '200ms'], io),
    ).toBe(1);
    expect(out.stdout).toContain('errors: refused: 4');
  });

  it('explains usage errors with exit code 2', async () => {
    const { out, io } = capture();
    expect(await runLoadCommand(['--rps', '10'], io)).toBe(2);
    expect(out.stderr).toContain('--url is required');
    expect(await runLoadCommand(['--url', 'ftp://x', '--rps', '10'], io)).toBe(2);
    expect(out.stderr).toContain('is not an http(s) URL');
    expect(await runLoadCommand(['--url', url, '--duration', 'soon'], io)).toBe(2);
    expect(out.stderr).toContain('--duration: "soon" is not a duration');
    const help = capture();
    expect(await runLoadCommand(['--help'], help.io)).toBe(0);
    expect(help.out.stdout).toContain('Usage: istio-canary load');
  });

  it('parses durations', () => {
    expect(parseDuration('--duration', '30s')).toBe(30_000);
    expect(parseDuration('--duration', '2m')).toBe(120_000);
    expect(parseDuration('--duration', '250ms')).toBe(250);
    expect(parseDuration('--duration', '5')).toBe(5000);
  });
});
