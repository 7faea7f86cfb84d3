// The Prometheus HTTP API client against a local stand-in server speaking the same API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PrometheusClient,
  PrometheusError,
  parsePromValue,
  queryWindowStats,
  windowQueries,
} from '../src/metrics/prometheus.js';

interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  body: string;
}

describe('Prometheus client', () => {
  let server: http.Server;
  let base: string;
  const seen: Seen[] = [];
  let reply: (
    s: Seen,
    n: number,
  ) => { status: number; body: unknown; headers?: Record<string, string> } = () => ({
    status: 200,
    body: { status: 'success', data: { resultType: 'vector', result: [] } },
  });
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const s: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          auth: req.headers.authorization,
          body,
        };
        seen.push(s);
        const r = reply(s, seen.length);
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prom`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the query, the evaluation time and the auth header, and parses special floats', async () => {
    seen.length = 0;
    reply = () => ({
      status: 200,
      body: {
        status: 'success',
        warnings: ['PromQL info: metric might not be a counter'],
        data: {
          resultType: 'vector',
          result: [
            { metric: { destination_workload: 'a' }, value: [1, '12.5'] },
            { metric: { destination_workload: 'b' }, value: [1, 'NaN'] },
            { metric: { destination_workload: 'c' }, value: [1, '+Inf'] },
          ],
        },
      },
    });
    const client = new PrometheusClient({ url: `${base}/`, headers: { authorization: 'Bearer s3cret' } });
    const r = await client.query('up', new Date(1_700_000_000_500));
    expect(r.samples.map((s) => s.value)).toEqual([12.5, NaN, Infinity]);
    expect(r.warnings).toEqual(['PromQL info: metric might not be a counter']);
    const url = new URL(seen[0]!.url, 'http://x');
    expect(url.pathname).toBe('/prom/api/v1/query');
    expect(url.searchParams.get('query')).toBe('up');
    expect(url.searchParams.get('time')).toBe('1700000000.500');
    expect(seen[0]!.auth).toBe('Bearer s3cret');
  });

  it('posts the query as a form when asked', async () => {
    seen.length = 0;
    reply = () => ({
      status: 200,
      body: { status: 'success', data: { resultType: 'scalar', result: [1, '-Inf'] } },
    });
    const client = new PrometheusClient({ url: base, method: 'POST' });
    const r = await client.query('vector(1)');
    expect(r.samples[0]!.value).toBe(-Infinity);
    expect(seen[0]!.method).toBe('POST');
    expect(new URLSearchParams(seen[0]!.body).get('query')).toBe('vector(1)');
  });

  it("keeps the base URL's path and query parameters: the API path goes on the path, the parameters are merged", async () => {
    const ok = () => ({
      status: 200,
      body: { status: 'success', data: { resultType: 'vector', result: [] } },
    });
    for (const method of ['GET', 'POST'] as const) {
      seen.length = 0;
      reply = ok;
      const client = new PrometheusClient({
        url: `${base}/?access_token=Q%2Bt0k&tenant=a&query=theirs#frag`,
        method,
      });
      await client.query('up{job="x"}', new Date(1_700_000_000_000));
      const url = new URL(seen[0]!.url, 'http://x');
      expect(url.pathname).toBe('/prom/api/v1/query');
      expect(url.searchParams.get('access_token')).toBe('Q+t0k');
      expect(url.searchParams.get('tenant')).toBe('a');
      const ours = method === 'GET' ? url.searchParams : new URLSearchParams(seen[0]!.body);
      // Ours win over a parameter of the same name in the base URL.
      expect(ours.get('query')).toBe('up{job="x"}');
      expect(ours.get('time')).toBe('1700000000.000');
      if (method === 'GET') expect(url.searchParams.getAll('query')).toEqual(['up{job="x"}']);
    }
  });

  it('refuses a redirect, naming it and where it pointed; never follows it or retries', async () => {
    seen.length = 0;
    reply = () => ({
      status: 302,
      body: '',
      headers: { location: 'http://127.0.0.1:1/elsewhere?token=R3dir-T0k' },
    });
    const client = new PrometheusClient({ url: `${base}/redir`, backoffMs: 1 });
    const err = await client.query('up').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as Error).message).toBe(
      'Prometheus answered HTTP 302 (a redirect to http://127.0.0.1:1/elsewhere?token=***): redirects are not followed (the credentials and the query would go elsewhere); set prometheus-url to the URL that answers the API itself',
    );
    expect(seen).toHaveLength(1);
  });

  it('retries 503 and 429 (honouring Retry-After) and then succeeds', async () => {
    seen.length = 0;
    reply = (_s, n) =>
      n === 1
        ? { status: 503, body: 'overloaded' }
        : n === 2
          ? { status: 429, body: 'slow down', headers: { 'retry-after': '0' } }
          : { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } };
    const client = new PrometheusClient({ url: base, backoffMs: 1 });
    await expect(client.query('up')).resolves.toEqual({ samples: [], warnings: [] });
    expect(seen).toHaveLength(3);
  });

  it('backs off 250 ms doubling to 5 s, honours Retry-After up to 5 s, and gives up after 4 attempts', async () => {
    seen.length = 0;
    reply = (_s, n) => ({
      status: 503,
      body: 'overloaded',
      headers: n === 2 ? { 'retry-after': '2' } : n === 3 ? { 'retry-after': '60' } : undefined,
    });
    const waits: number[] = [];
    const client = new PrometheusClient({
      url: base,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const err = await client.query('up').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as Error).name).toBe('PrometheusError');
    expect(seen).toHaveLength(4);
    // No Retry-After: the backoff (250 ms), not no wait at all; Retry-After 2 s as asked; 60 s cut to 5 s.
    expect(waits).toEqual([250, 2000, 5000]);
    reply = () => ({ status: 502, body: 'bad gateway' });
    waits.length = 0;
    await new PrometheusClient({
      url: base,
      backoffMs: 1000,
      attempts: 5,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    })
      .query('up')
      .catch(() => undefined);
    expect(waits).toEqual([1000, 2000, 4000, 5000]);
  });

  it('gives up after the bounded number of attempts with the last status', async () => {
    seen.length = 0;
    reply = () => ({ status: 502, body: 'bad gateway' });
    const client = new PrometheusClient({ url: base, backoffMs: 1, attempts: 3 });
    const err = await client.query('up').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as PrometheusError).status).toBe(502);
    expect(seen).toHaveLength(3);
  });

  it('does not retry a bad query and reports Prometheus error text, with an auth hint on 401', async () => {
    seen.length = 0;
    reply = () => ({
      status: 400,
      body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' },
    });
    const client = new PrometheusClient({ url: base, backoffMs: 1 });
    await expect(client.query('up{')).rejects.toThrow(
      'Prometheus query failed (400, bad_data): parse error at char 3',
    );
    expect(seen).toHaveLength(1);
    reply = () => ({ status: 401, body: { status: 'error', error: 'unauthorized' } });
    await expect(client.query('up')).rejects.toThrow(
      'Prometheus query failed: HTTP 401 Unauthorized: the credentials were rejected (check prometheus-auth)',
    );
    reply = () => ({ status: 403, body: { status: 'error', error: 'user bob may not query' } });
    await expect(client.query('up')).rejects.toThrow('HTTP 403 Forbidden: user bob may not query');
  });

  it('reports an unreachable Prometheus after retrying', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const client = new PrometheusClient({ url: `http://127.0.0.1:${closed}`, backoffMs: 1, attempts: 2 });
    await expect(client.query('up')).rejects.toThrow(
      `Prometheus unreachable: http://127.0.0.1:${closed} refused the connection (ECONNREFUSED)`,
    );
  });

  it('turns an empty result into no stats (inconclusive), never zero errors', async () => {
    reply = () => ({ status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } });
    const client = new PrometheusClient({ url: base });
    const { stats } = await queryWindowStats(
      client,
      { namespace: 'ns', workloads: ['a', 'b'], seconds: 30 },
      new Date(),
    );
    expect(stats.get('a')).toBeNull();
    expect(stats.get('b')).toBeNull();
  });

  it('builds destination-reporter queries over the window length, per workload', () => {
    const q = windowQueries({ namespace: 'shop', workloads: ['app-v1', 'app.v2'], seconds: 45 });
    expect(q.requests).toBe(
      'sum by (destination_workload) (increase(istio_requests_total{reporter="destination",destination_workload_namespace="shop",destination_workload=~"app-v1|app\\\\.v2"}[45s]))',
    );
    expect(q.errors).toContain('response_code=~"5.."');
    expect(q.quantile(0.99)).toMatch(
      /^histogram_quantile\(0\.99, sum by \(destination_workload, le\) \(rate\(istio_request_duration_milliseconds_bucket\{.*\}\[45s\]\)\)\)$/,
    );
  });

  it('parses the special values Prometheus renders', () => {
    expect(parsePromValue('NaN')).toBeNaN();
    expect(parsePromValue('+Inf')).toBe(Infinity);
    expect(parsePromValue('-Inf')).toBe(-Infinity);
    expect(parsePromValue('1e3')).toBe(1000);
  });
});
