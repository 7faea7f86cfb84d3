// One GET of the load target for the pre-traffic probe (src/promote/probe.ts): the same URL,
// Host header and TLS settings as the load generator, the status, headers and the start of the
// body; a failure names its cause (TLS, refused, timeout) and the URL.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { HttpAnswer } from '../promote/probe.js';
import { decideProxy, processProxyEnv, type ProxyEnv } from '../http/proxy.js';
import { TunnelSocket } from '../http/transport.js';
import { describeNetworkError } from '../traffic/net-errors.js';

export interface HttpGetOptions {
  /** Host header (and TLS SNI); null: the URL's host. */
  host: string | null;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  /** Verify the server certificate; off like the load generator (load targets are often self-signed). */
  rejectUnauthorized?: boolean;
  /** https_proxy/http_proxy/no_proxy, decided as for the load generator; default: this process's. */
  proxy?: ProxyEnv;
}

const BODY_LIMIT = 2048;

export function httpGet(url: string, o: HttpGetOptions): Promise<HttpAnswer> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const servername = o.host && !net.isIP(o.host) ? o.host : undefined;
  const rejectUnauthorized = o.rejectUnauthorized ?? false;
  // Through a proxy, the same CONNECT tunnel as the load generator (TLS inside it), so the probe
  // takes the path the windows' traffic will take.
  const route = decideProxy(u, o.proxy ?? processProxyEnv());
  const tunnel =
    route.kind === 'proxy'
      ? () =>
          new TunnelSocket({
            proxy: route.proxy,
            host: u.hostname.replace(/^\[|\]$/g, ''),
            port: u.port === '' ? (secure ? 443 : 80) : Number(u.port),
            secure,
            servername,
            rejectUnauthorized,
            ALPNProtocols: ['http/1.1'],
          }) as unknown as net.Socket
      : undefined;
  return new Promise((resolve, reject) => {
    const fail = (err: unknown): void => {
      if (o.signal.aborted) reject(o.signal.reason instanceof Error ? o.signal.reason : new Error('aborted'));
      else reject(Object.assign(new Error(describeNetworkError(err, url).message), { cause: err }));
    };
    const headers: Record<string, string> = { ...o.headers, accept: '*/*' };
    if (o.host) headers.host = o.host;
    const req = (secure && !tunnel ? https : http).request(
      tunnel ? url.replace(/^https:/, 'http:') : url,
      {
        method: 'GET',
        headers,
        signal: o.signal,
        timeout: o.timeoutMs,
        // No agent: a fresh connection (its own tunnel through a proxy, which only works without one).
        ...(tunnel
          ? { createConnection: tunnel }
          : { agent: false, ...(secure ? { rejectUnauthorized, servername } : {}) }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < BODY_LIMIT) body += chunk;
        });
        res.on('end', () => {
          const out: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(res.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: out, body: body.slice(0, BODY_LIMIT) });
        });
        res.on('error', fail);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${o.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', fail);
    req.end();
  });
}
