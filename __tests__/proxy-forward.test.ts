// GitHub, Prometheus and the load generator behind a forward proxy on loopback: with
// https_proxy/http_proxy set every one of them goes through the proxy (a CONNECT tunnel), with
// no_proxy (or a loopback / in-cluster target) none of them touches it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyEnv } from '../src/http/proxy.js';
import { PrometheusClient } from '../src/metrics/prometheus.js';
import { GithubClient, StickyComment, stickyMarker } from '../src/report/github.js';
import { createReporter } from '../src/report/summary.js';
import { promotedReport } from './support/report-fixtures.js';
import type { GithubContext } from '../src/settings.js';
import { LoadGenerator } from '../src/traffic/loadgen.js';
import { ForwardProxy } from './support/forward-proxy.js';
import { GithubServer } from './support/github-server.js';

const TOKEN = 'ghs_proxyTestToken0000000000000000000000';
const PROM_AUTH = 'Bearer prom-secret-123';

async function listen(server: Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server | https.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

let proxy: ForwardProxy;
let github: GithubServer;
let prometheus: Server;
let promPort: number;
const promSeen: { host: string | undefined; authorization: string | undefined }[] = [];
let app: Server;
let appPort: number;
const appHosts: (string | undefined)[] = [];

beforeAll(async () => {
  proxy = await new ForwardProxy().start();
  github = await new GithubServer({ tokens: [{ token: TOKEN, login: 'my-app[bot]', kind: 'app' }] }).start();
  prometheus = createServer((req, res) => {
    promSeen.push({ host: req.headers.host, authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { job: 'istio' }, value: [1, '42'] }] },
      }),
    );
  });
  promPort = await listen(prometheus);
  app = createServer((req, res) => {
    appHosts.push(req.headers.host);
    res.setHeader('x-istio-canary', 'stable');
    res.end('ok');
  });
  appPort = await listen(app);
});

afterAll(async () => {
  await proxy.close();
  await github.close();
  await close(prometheus);
  await close(app);
});

function githubContext(apiUrl: string, pr: number): GithubContext {
  return {
    repository: 'acme/podinfo',
    runId: '1',
    runAttempt: '1',
    apiUrl,
    serverUrl: apiUrl,
    eventName: 'pull_request',
    event: { pull_request: { number: pr } },
    sha: 'abc',
    ref: 'refs/pull/1/merge',
    branch: 'feature',
    workflow: 'canary',
    githubHosted: false,
    tempDir: tmpdir(),
  };
}

function sticky(apiUrl: string, pr: number, env: ProxyEnv, infos: string[] = []): StickyComment {
  const client = new GithubClient({ apiUrl, token: TOKEN, proxy: env, sleep: () => Promise.resolve() });
  return new StickyComment({
    client,
    github: githubContext(apiUrl, pr),
    prNumber: pr,
    marker: stickyMarker('test', 'podinfo', 'canary'),
    logger: {
      info: (m) => infos.push(m),
      warning: () => undefined,
      error: () => undefined,
      debug: () => undefined,
    },
  });
}

async function runLoad(
  url: string,
  env: ProxyEnv,
  extra: Partial<ConstructorParameters<typeof LoadGenerator>[0]> = {},
) {
  const gen = new LoadGenerator({
    url,
    rps: 40,
    connections: 2,
    durationMs: 300,
    proxy: env,
    timeoutMs: 2000,
    ...extra,
  });
  const window = gen.openWindow();
  gen.start();
  await gen.done;
  const snapshot = window.read();
  window.close();
  let responses = 0;
  let errors = 0;
  const kinds: Record<string, number> = {};
  for (const v of snapshot.versions.values()) {
    responses += Object.values(v.statuses).reduce((a, b) => a + b, 0);
    errors += v.errors;
    for (const [k, n] of Object.entries(v.errorsByKind)) kinds[k] = (kinds[k] ?? 0) + n;
  }
  return { responses, errors, kinds };
}

describe('the PR comment behind a proxy', () => {
  it('goes through http_proxy as a CONNECT tunnel (the token never in the clear to the proxy) and updates in place', async () => {
    const before = proxy.log.length;
    const apiUrl = `http://github.example.test:${github.port}`;
    const comment = sticky(apiUrl, 71, { httpProxy: proxy.url });
    const first = await comment.post('## report 1', 'upsert');
    const second = await comment.post('## report 2', 'upsert');
    expect(first.kind).toBe('posted');
    expect(second.kind).toBe('posted');
    const comments = github.commentsOn('acme/podinfo', 71);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('## report 2');
    const seen = proxy.log.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.every((r) => r.method === 'CONNECT' && r.target === `github.example.test:${github.port}`),
    ).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
  });

  it('bypasses the proxy for a no_proxy host (the direct attempt fails on the name, the proxy sees nothing)', async () => {
    const before = proxy.log.length;
    const apiUrl = `http://github.example.test:${github.port}`;
    const comment = sticky(apiUrl, 72, { httpProxy: proxy.url, noProxy: 'example.test' });
    const error = await comment.post('## report', 'upsert').catch((e: unknown) => e);
    expect(String(error)).toMatch(/ENOTFOUND|getaddrinfo/);
    expect(proxy.log.slice(before)).toEqual([]);
  });

  it('a proxy variable that cannot be used is one named warning (no credentials, no retries), and the report still reaches the job summary', async () => {
    const requests = github.requests.length;
    const warnings: string[] = [];
    const summaries: string[] = [];
    const waits: number[] = [];
    const apiUrl = `http://github.example.test:${github.port}`;
    const reporter = createReporter(
      { comment: 'always', githubToken: TOKEN, prNumber: 73, github: githubContext(apiUrl, 73) },
      {
        logger: {
          info: () => undefined,
          warning: (m) => warnings.push(m),
          error: () => undefined,
          debug: () => undefined,
        },
        summary: { write: (md) => Promise.resolve(void summaries.push(md)) },
        setOutput: () => undefined,
        client: {
          proxy: { httpProxy: 'socks5://robot:hunter2@proxy.corp:1080' },
          sleep: (ms) => Promise.resolve(void waits.push(ms)),
        },
      },
    );
    const result = await reporter.final(promotedReport());
    expect(result.commentUrl).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /http_proxy: socks5:\/\/\*\*\*@proxy\.corp:1080 uses socks5, which is not supported/,
    );
    expect(warnings.join('\n')).not.toContain('hunter2');
    expect(waits).toEqual([]);
    expect(summaries).toHaveLength(1);
    expect(github.requests.length).toBe(requests);
  });
});

describe('Prometheus behind a proxy', () => {
  it('queries through http_proxy (CONNECT), the auth header reaching Prometheus and not the proxy', async () => {
    const before = proxy.log.length;
    const client = new PrometheusClient({
      url: `http://prometheus.example.test:${promPort}`,
      headers: { authorization: PROM_AUTH },
      proxy: { httpProxy: proxy.url },
    });
    const result = await client.query('up');
    expect(result.samples.map((s) => s.value)).toEqual([42]);
    expect(proxy.connects().slice(before)).toContain(`prometheus.example.test:${promPort}`);
    expect(promSeen.at(-1)).toEqual({
      host: `prometheus.example.test:${promPort}`,
      authorization: PROM_AUTH,
    });
    expect(JSON.stringify(proxy.log.slice(before))).not.toContain('prom-secret');
  });

  it('goes direct to an in-cluster name (*.svc) and to loopback even with the proxy set', async () => {
    const before = proxy.log.length;
    const inCluster = new PrometheusClient({
      url: `http://prometheus.istio-system.svc:${promPort}`,
      attempts: 1,
      proxy: { httpProxy: proxy.url },
    });
    await expect(inCluster.query('up')).rejects.toThrow(/prometheus\.istio-system\.svc/);
    const loopback = new PrometheusClient({
      url: `http://127.0.0.1:${promPort}`,
      proxy: { httpProxy: proxy.url },
    });
    expect((await loopback.query('up')).samples).toHaveLength(1);
    expect(proxy.log.slice(before)).toEqual([]);
  });

  it('sends proxy credentials from the URL, and a refusal names the proxy without its password', async () => {
    const password = 'p@ss:w/rd';
    const guarded = await new ForwardProxy({
      requireAuth: `Basic ${Buffer.from(`robot:${password}`).toString('base64')}`,
    }).start();
    try {
      const good = new PrometheusClient({
        url: `http://prometheus.example.test:${promPort}`,
        proxy: { httpProxy: `http://robot:${encodeURIComponent(password)}@127.0.0.1:${guarded.port}` },
      });
      expect((await good.query('up')).samples).toHaveLength(1);
      const bad = new PrometheusClient({
        url: `http://prometheus.example.test:${promPort}`,
        attempts: 1,
        proxy: { httpProxy: `http://robot:wrong-secret@127.0.0.1:${guarded.port}` },
      });
      const error = await bad.query('up').catch((e: unknown) => e);
      expect(String(error)).toContain(`127.0.0.1:${guarded.port}`);
      expect(String(error)).not.toContain('wrong-secret');
      expect(guarded.connects()).toHaveLength(2);
    } finally {
      await guarded.close();
    }
  });
});

describe('the load generator behind a proxy', () => {
  it('opens one CONNECT tunnel per connection and keeps the load-host Host header end to end', async () => {
    const before = proxy.log.length;
    const hostsBefore = appHosts.length;
    const result = await runLoad(
      `http://app.example.test:${appPort}/`,
      { httpProxy: proxy.url },
      { host: 'podinfo.example' },
    );
    expect(result.errors).toBe(0);
    expect(result.responses).toBeGreaterThan(0);
    expect(proxy.connects().slice(before)).toEqual([
      `app.example.test:${appPort}`,
      `app.example.test:${appPort}`,
    ]);
    const hosts = new Set(appHosts.slice(hostsBefore));
    expect([...hosts]).toEqual(['podinfo.example']);
  });

  it('goes direct to loopback and to a no_proxy host:port', async () => {
    const before = proxy.log.length;
    const direct = await runLoad(`http://127.0.0.1:${appPort}/`, { httpProxy: proxy.url });
    expect(direct.errors).toBe(0);
    expect(direct.responses).toBeGreaterThan(0);
    const listed = await runLoad(`http://app.example.test:${appPort}/`, {
      httpProxy: proxy.url,
      noProxy: `app.example.test:${appPort}`,
    });
    // Direct to a name that does not resolve: every request fails, none reached the proxy.
    expect(listed.responses).toBe(0);
    expect(listed.errors).toBeGreaterThan(0);
    expect(proxy.log.slice(before)).toEqual([]);
  });

  it('records a refused tunnel as failed requests, not responses', async () => {
    const refusing = await new ForwardProxy({ refuseConnect: 403 }).start();
    try {
      const result = await runLoad(`http://app.example.test:${appPort}/`, { httpProxy: refusing.url });
      expect(result.responses).toBe(0);
      expect(result.errors).toBeGreaterThan(0);
      expect(result.kinds['other']).toBe(result.errors);
    } finally {
      await refusing.close();
    }
  });

  describe('https targets through https_proxy', () => {
    let dir: string;
    let secure: https.Server;
    let securePort: number;
    const secureHosts: (string | undefined)[] = [];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'proxy-tls-'));
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
          '/CN=secure.example.test',
        ].concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
        { stdio: 'ignore' },
      );
      secure = https.createServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (req, res) => {
          secureHosts.push(req.headers.host);
          res.end('secure');
        },
      );
      securePort = await listen(secure);
    });
    afterAll(async () => {
      await close(secure);
      rmSync(dir, { recursive: true, force: true });
    });

    it('speaks TLS inside the tunnel (SNI and Host the target name); http_proxy alone is not used for https', async () => {
      const before = proxy.log.length;
      const result = await runLoad(`https://secure.example.test:${securePort}/`, { httpsProxy: proxy.url });
      expect(result.errors).toBe(0);
      expect(result.responses).toBeGreaterThan(0);
      expect(new Set(proxy.connects().slice(before))).toEqual(new Set([`secure.example.test:${securePort}`]));
      expect(new Set(secureHosts)).toEqual(new Set([`secure.example.test:${securePort}`]));

      const mid = proxy.log.length;
      const onlyHttp = await runLoad(`https://secure.example.test:${securePort}/`, { httpProxy: proxy.url });
      expect(onlyHttp.responses).toBe(0);
      expect(proxy.log.slice(mid)).toEqual([]);
    });
  });
});
