// A tiny forward proxy on loopback for the proxy tests: CONNECT tunnels and absolute-form
// requests (GET http://host:port/path), each logged with its target and Proxy-Authorization.
// Every target host is served from 127.0.0.1 on the port asked for, so clients can use names
// that are not loopback (the proxy decision sends loopback direct) and still reach local servers.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  /** CONNECT, or the method of an absolute-form request. */
  method: string;
  /** host:port for CONNECT, the absolute URL otherwise. */
  target: string;
  proxyAuthorization: string | null;
  /** Every header the proxy saw (a CONNECT carries no end-to-end headers). */
  headers: IncomingMessage['headers'];
}

export interface ForwardProxyOptions {
  /** Required Proxy-Authorization value (e.g. "Basic …"); others get 407. */
  requireAuth?: string;
  /** Answer every CONNECT with this status instead of tunnelling. */
  refuseConnect?: number;
}

export class ForwardProxy {
  readonly log: ProxiedRequest[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly options: ForwardProxyOptions = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const auth = req.headers['proxy-authorization'] ?? null;
      this.log.push({
        method: req.method ?? '',
        target: req.url ?? '',
        proxyAuthorization: auth,
        headers: req.headers,
      });
      if (!this.authorized(auth)) {
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
        return;
      }
      let target: URL;
      try {
        target = new URL(req.url ?? '');
      } catch {
        res.writeHead(400).end('absolute-form only');
        return;
      }
      const headers = { ...req.headers };
      delete headers['proxy-authorization'];
      const upstream = request(
        {
          host: '127.0.0.1',
          port: Number(target.port || 80),
          method: req.method,
          path: `${target.pathname}${target.search}`,
          headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    server.on('connect', (req: IncomingMessage, client: net.Socket, head: Buffer) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      const auth = req.headers['proxy-authorization'] ?? null;
      this.log.push({
        method: 'CONNECT',
        target: req.url ?? '',
        proxyAuthorization: auth,
        headers: req.headers,
      });
      if (!this.authorized(auth)) {
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
        );
        return;
      }
      if (this.options.refuseConnect !== undefined) {
        client.end(`HTTP/1.1 ${this.options.refuseConnect} Forbidden\r\n\r\n`);
        return;
      }
      const port = Number(/:(\d+)$/.exec(req.url ?? '')?.[1] ?? 443);
      const upstream = net.connect({ host: '127.0.0.1', port }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
      client.on('close', () => upstream.destroy());
    });
    server.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** CONNECT targets (host:port) seen so far. */
  connects(): string[] {
    return this.log.filter((r) => r.method === 'CONNECT').map((r) => r.target);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    for (const s of this.sockets) s.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  private authorized(auth: string | null): boolean {
    return this.options.requireAuth === undefined || auth === this.options.requireAuth;
  }
}
