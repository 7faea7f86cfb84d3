// The I/O half of the proxy decision (src/http/proxy.ts): a fetch for one origin (Prometheus,
// the GitHub API) and a raw socket for the load generator, both direct or through an HTTP
// CONNECT tunnel. fetch goes through undici's ProxyAgent, the agent @actions/http-client and
// @actions/github wire for the same variables; the load generator's socket is a tunnel of its
// own (its fixed-rate timing needs raw sockets).
import { Duplex } from 'node:stream';
import net from 'node:net';
import tls from 'node:tls';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import {
  decideProxy,
  describeDecision,
  processProxyEnv,
  proxyAuthorization,
  redactUrl,
  type ProxyDecision,
  type ProxyEnv,
} from './proxy.js';

/** The proxy URL without its credentials (they go in Proxy-Authorization instead). */
function bareProxy(proxy: URL): string {
  const u = new URL(proxy.href);
  u.username = '';
  u.password = '';
  return u.href;
}

function causeMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message !== '') return cause.message;
    return error.message;
  }
  return String(error);
}

/**
 * A fetch for requests to `target`'s origin: the global fetch when the decision is direct, else
 * undici's fetch through a ProxyAgent (CONNECT tunnel). Failures name the proxy.
 */
export function fetchFor(
  target: URL | string,
  env: ProxyEnv = processProxyEnv(),
): { fetch: typeof fetch; decision: ProxyDecision } {
  let url: URL;
  try {
    url = new URL(String(target));
  } catch {
    // Not a URL: the request itself will fail and say so.
    return { fetch: globalThis.fetch, decision: { kind: 'direct', reason: 'not a URL' } };
  }
  const decision = decideProxy(url, env);
  if (decision.kind === 'direct') return { fetch: globalThis.fetch, decision };
  const auth = proxyAuthorization(decision.proxy);
  const agent = new ProxyAgent({ uri: bareProxy(decision.proxy), ...(auth === null ? {} : { token: auth }) });
  const via = describeDecision(decision);
  const proxied = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    try {
      const url = input instanceof Request ? input.url : String(input);
      return (await undiciFetch(url, {
        ...(init as Record<string, unknown>),
        dispatcher: agent,
      })) as unknown as Response;
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      const inner = causeMessage(error);
      // Not a TypeError: Octokit then shows this message (which names the proxy), not the cause's.
      throw Object.assign(new Error(`fetch failed ${via}: ${inner}`, { cause: error }), {
        code: innerCode(error),
      });
    }
  };
  return { fetch: proxied, decision };
}

/** The code (ECONNREFUSED, …) of the deepest error in a cause chain. */
function innerCode(error: unknown): string | undefined {
  let code: string | undefined;
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string') code = e.code;
    e = e.cause as typeof e;
  }
  return code;
}

export interface TunnelOptions {
  proxy: URL;
  /** The target host (no brackets) and port the tunnel leads to. */
  host: string;
  port: number;
  /** TLS to the target inside the tunnel. */
  secure: boolean;
  servername?: string;
  rejectUnauthorized?: boolean;
  ALPNProtocols?: string[];
}

const MAX_CONNECT_HEAD = 16 * 1024;

/**
 * A socket to host:port through an HTTP CONNECT tunnel, usable at once like net.connect's:
 * writes wait for the tunnel (and the TLS handshake inside it), then it emits 'connect' (plain)
 * or 'secureConnect' (TLS), 'data', 'error' and 'close' as a socket does. A proxy that refuses
 * the tunnel destroys it with an error (code EPROXY) that names the proxy and its status.
 */
export class TunnelSocket extends Duplex {
  private readonly raw: net.Socket;
  private target: net.Socket | null = null;
  private readonly pending: { chunk: Buffer; callback: (error?: Error | null) => void }[] = [];

  constructor(private readonly options: TunnelOptions) {
    super();
    const { proxy } = options;
    const proxyHost = proxy.hostname.replace(/^\[|\]$/g, '');
    const proxyPort = proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port);
    this.raw =
      proxy.protocol === 'https:'
        ? tls.connect({
            host: proxyHost,
            port: proxyPort,
            servername: net.isIP(proxyHost) ? undefined : proxyHost,
          })
        : net.connect({ host: proxyHost, port: proxyPort });
    this.raw.setNoDelay(true);
    const authority = `${net.isIPv6(options.host) ? `[${options.host}]` : options.host}:${options.port}`;
    const auth = proxyAuthorization(proxy);
    this.raw.write(
      `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth === null ? '' : `Proxy-Authorization: ${auth}\r\n`}\r\n`,
    );
    let head = Buffer.alloc(0);
    const onHead = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_CONNECT_HEAD) this.fail(`${redactUrl(proxy)} sent an oversized CONNECT answer`);
        return;
      }
      this.raw.off('data', onHead);
      const statusLine = head.toString('latin1', 0, head.indexOf('\r\n'));
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1];
      if (status === undefined || !status.startsWith('2')) {
        this.fail(
          `proxy ${redactUrl(proxy)} refused the tunnel to ${authority}: ${statusLine.slice(0, 200) || 'no status line'}`,
        );
        return;
      }
      const rest = head.subarray(end + 4);
      if (rest.length > 0) this.raw.unshift(rest);
      if (!options.secure) {
        this.ready(this.raw, 'connect');
        return;
      }
      const secured = tls.connect({
        socket: this.raw,
        servername: options.servername,
        rejectUnauthorized: options.rejectUnauthorized ?? true,
        ...(options.ALPNProtocols ? { ALPNProtocols: options.ALPNProtocols } : {}),
      });
      secured.once('secureConnect', () => this.ready(secured, 'secureConnect'));
      secured.on('error', (error: Error) => this.destroy(error));
    };
    this.raw.on('data', onHead);
    this.raw.on('error', (error: Error) => this.destroy(error));
    this.raw.on('close', () => {
      if (this.target === null && !this.destroyed)
        this.fail(`proxy ${redactUrl(proxy)} closed the connection before the tunnel to ${authority} was up`);
    });
  }

  private fail(message: string): void {
    const error = Object.assign(new Error(message), { code: 'EPROXY' });
    this.destroy(error);
  }

  private ready(socket: net.Socket, event: 'connect' | 'secureConnect'): void {
    this.target = socket;
    socket.on('data', (data: Buffer) => {
      if (!this.push(data)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    if (socket !== this.raw) socket.on('error', (error: Error) => this.destroy(error));
    for (const { chunk, callback } of this.pending.splice(0)) socket.write(chunk, callback);
    this.emit(event);
  }

  override _read(): void {
    this.target?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.target !== null) this.target.write(chunk, callback);
    else this.pending.push({ chunk, callback });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.target?.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.target?.destroy();
    this.raw.destroy();
    callback(error);
  }

  /** For parity with net.Socket (the tunnel sets it on the proxy connection). */
  setNoDelay(): this {
    return this;
  }

  get remote(): string {
    return `${this.options.host}:${this.options.port}`;
  }
}
