// Errors that name the real cause, and a preflight that retries like everything else: the
// preflight under the embedded mesh's 20% 5xx fault starts; a self-signed API server says TLS
// and why; a 401 says "HTTP 401 Unauthorized" and what the server said; the interval input
// names its value and bounds, and its accepted text matches what it accepts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUTS } from '../src/contract.js';
import { createKubeClient } from '../src/kube/client.js';
import { PreflightError, preflight, requiredPermissions } from '../src/kube/preflight.js';
import { PrometheusClient } from '../src/metrics/prometheus.js';
import { httpGet } from '../src/metrics/probe-http.js';
import { formatInputError, parseSettings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';

function kubeconfigFor(server: string, token = 't0ken-value'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: c',
    '  cluster:',
    `    server: ${server}`,
    // client-node refuses a token over plain HTTP unless told to skip TLS verification.
    ...(server.startsWith('http:') ? ['    insecure-skip-tls-verify: true'] : []),
    'users:',
    '- name: u',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: ctx',
    '  context: {cluster: c, user: u}',
    'current-context: ctx',
    '',
  ].join('\n');
}

let dir: string;
let tlsServer: https.Server;
let tlsUrl: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'probe-kube-errors-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  tlsServer = https.createServer(
    { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"success","data":{"resultType":"vector","result":[]}}');
    },
  );
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((r) => tlsServer.close(() => r())));
});
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

/** An API server that answers every request with `status` and `body`. */
async function answering(status: number, body: string): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const s = http.createServer((_req, res) => {
    n++;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => s.close(() => r())));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, requests: () => n };
}

describe('TLS failures say TLS and why', () => {
  it('the preflight against a self-signed API server', async () => {
    const err = (await preflight({
      kubeconfig: kubeconfigFor(tlsUrl),
      context: null,
      namespace: 'test',
      preview: false,
    }).catch((e: unknown) => e)) as PreflightError;
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.message).toContain(`the Kubernetes API server ${tlsUrl} (context "ctx") failed the TLS check`);
    expect(err.message).toContain(
      `TLS: certificate signed by unknown authority (the certificate is self-signed) for ${tlsUrl} (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    );
    expect(err.message).not.toContain('could not be reached');
  });

  it('the kube client, on any request, without retrying a certificate that will not change', async () => {
    const kube = await createKubeClient({ kubeconfig: kubeconfigFor(tlsUrl) });
    await expect(kube.get({ apiVersion: 'v1', kind: 'Namespace', name: 'x' })).rejects.toThrow(
      `TLS: certificate signed by unknown authority (the certificate is self-signed) for ${tlsUrl}`,
    );
  });

  it('Prometheus behind a self-signed certificate', async () => {
    const client = new PrometheusClient({ url: tlsUrl, attempts: 1 });
    await expect(client.query('up')).rejects.toThrow(
      `Prometheus unreachable: TLS: certificate signed by unknown authority (the certificate is self-signed) for ${tlsUrl}`,
    );
  });
});

describe('401 names the status and what the server said', () => {
  it('the preflight: HTTP 401 Unauthorized with the Status message, never "undefined"', async () => {
    const api = await answering(
      401,
      '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"token has expired","reason":"Unauthorized","code":401}',
    );
    const err = (await preflight({
      kubeconfig: kubeconfigFor(api.url),
      context: null,
      namespace: 'test',
      preview: false,
    }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(
      'rejected the credentials (401 Unauthorized): HTTP 401 Unauthorized: token has expired',
    );
    expect(err.message).not.toContain('undefined');
    // 401 is an answer, not a fault: asked once.
    expect(api.requests()).toBe(1);
  });

  it('a bare "Unauthorized" or an empty body reads "the credentials were rejected"', async () => {
    for (const body of [
      '{"kind":"Status","message":"Unauthorized","reason":"Unauthorized","code":401}',
      '',
    ]) {
      const api = await answering(401, body);
      const kube = await createKubeClient({ kubeconfig: kubeconfigFor(api.url) });
      await expect(kube.get({ apiVersion: 'v1', kind: 'Namespace', name: 'x' })).rejects.toThrow(
        /^HTTP 401 Unauthorized: the credentials were rejected$/,
      );
    }
  });

  it('the token is never part of the message', async () => {
    const api = await answering(401, '');
    const err = (await preflight({
      kubeconfig: kubeconfigFor(api.url, 'very-secret-token-123'),
      context: null,
      namespace: 'test',
      preview: false,
    }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('HTTP 401 Unauthorized');
    expect(err.message).not.toContain('very-secret-token-123');
  });
});

describe('the preflight retries like everything else', () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh({ seed: 7 });
    closers.push(() => mesh.close());
  });

  it('starts 10 times of 10 with 20% of the API requests failing with 5xx', async () => {
    mesh.api.faults.set({ errorRate: 0.2 });
    mesh.api.clearRequests();
    try {
      for (let i = 0; i < 10; i++) {
        const r = await preflight({
          kubeconfig: mesh.kubeconfig,
          context: 'istio-canary-sim',
          namespace: 'test',
          preview: false,
        });
        expect(r.istioVersion).toMatch(/^networking\.istio\.io\//);
      }
    } finally {
      mesh.api.faults.set({ errorRate: 0 });
    }
    const reviews = mesh.api.requests.filter((q) => q.resource === 'selfsubjectaccessreviews');
    // The fault really hit the access reviews, and each failed one was asked again.
    const failed = reviews.filter((q) => q.status >= 500).length;
    expect(failed).toBeGreaterThan(10);
    // Every review of every run got its answer in the end.
    const perRun = requiredPermissions(false).reduce((n, p) => n + p.verbs.length, 0);
    expect(reviews.filter((q) => q.status < 300).length).toBe(10 * perRun);
  });
});

describe('interval: the message and the bounds agree', () => {
  const parse = (interval: string) => parseSettings((n) => ({ interval, cluster: 'sim' })[n] ?? '', {});

  it('500ms is refused naming the value and the bounds; the accepted text does not offer it', () => {
    const r = parse('500ms');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = formatInputError(r.errors[0]!);
    expect(line).toContain('is 500ms, shorter than 1s (at least 1s, at most 24h)');
    const accepts = INPUTS.find((i) => i.name === 'interval')!.accepts;
    expect(accepts).not.toMatch(/\b500ms\b/);
    expect(accepts).toContain('at least 1s, at most 24h');
  });

  it('every example the accepted text gives is accepted', () => {
    const accepts = INPUTS.find((i) => i.name === 'interval')!.accepts;
    const examples = accepts.match(/\b\d+(?:ms|s|m|h)(?:\d+(?:ms|s|m|h))*\b/g) ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const e of examples) expect(parse(e).ok, e).toBe(true);
  });

  it('any duration from 1s to 24h is accepted, anything outside names its value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 86_400_000 }), (ms) => {
        const r = parse(`${ms}ms`);
        if (ms >= 1000 && ms <= 86_400_000) return r.ok && r.settings.intervalMs === ms;
        return (
          !r.ok && r.errors[0]!.message.includes(ms > 86_400_000 ? 'longer than 24h' : 'shorter than 1s')
        );
      }),
    );
  });
});

describe('TLS spoken to a plain-HTTP port', () => {
  it('the probe’s GET names the handshake failure and the likely cause, without OpenSSL’s source path', async () => {
    const api = await answering(200, '{}');
    const url = `${api.url.replace('http:', 'https:')}/`;
    const err = (await httpGet(url, {
      host: null,
      timeoutMs: 5000,
      signal: new AbortController().signal,
    }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      `TLS: the handshake with ${url} failed: wrong version number (EPROTO); the port does not speak TLS (is it plain HTTP? use http://)`,
    );
  });
});

describe('the probe takes the load generator’s path through a proxy', () => {
  it('http_proxy set: the GET goes through a CONNECT tunnel to the target, Host header kept', async () => {
    const seenHosts: string[] = [];
    const target = http.createServer((req, res) => {
      seenHosts.push(String(req.headers.host));
      res.writeHead(200, { 'x-istio-canary': 'stable' });
      res.end('ok');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => target.close(() => r())));
    const tunnels: string[] = [];
    const proxy = net.createServer((client) => {
      client.once('data', (head: Buffer) => {
        const [, authority] = /^CONNECT (\S+) HTTP/.exec(head.toString()) ?? [];
        tunnels.push(authority ?? '?');
        // Every name leads to this machine (the target's name exists only behind the proxy).
        const port = Number((authority ?? ':').split(':')[1]);
        const upstream = net.connect(port, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection established\r\n\r\n');
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => proxy.close(() => r())));
    const targetPort = (target.address() as AddressInfo).port;
    const answer = await httpGet(`http://ingress.behind-proxy.example:${targetPort}/`, {
      host: 'podinfo.co.uk',
      timeoutMs: 5000,
      signal: new AbortController().signal,
      proxy: { httpProxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-istio-canary']).toBe('stable');
    expect(tunnels).toEqual([`ingress.behind-proxy.example:${targetPort}`]);
    expect(seenHosts).toEqual(['podinfo.co.uk']);
  });
});
