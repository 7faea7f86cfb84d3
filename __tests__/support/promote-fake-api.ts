// A scripted HTTP server standing in for the API server in the client's unit tests: each
// request is answered by the next handler queued for its path (or the default), and recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface FakeApi {
  url: string;
  kubeconfig: string;
  requests: Recorded[];
  /** Queue one-shot handlers for requests whose path (without query) equals `path`. */
  queue(path: string, ...handlers: Handler[]): void;
  /** Handler used when nothing is queued for a path. */
  fallback(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

export const status = (
  code: number,
  reason: string,
  message: string,
  headers: Record<string, string> = {},
): Handler =>
  json(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message }, headers);

export const reset: Handler = (req) => req.socket.destroy();

export function kubeconfigFor(url: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fake',
    '  cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: u',
    '  user:',
    '    token: secret-token',
    'contexts:',
    '- name: fake',
    '  context: {cluster: fake, user: u}',
    'current-context: fake',
    '',
  ].join('\n');
}

export async function startFakeApi(): Promise<FakeApi> {
  const queues = new Map<string, Handler[]>();
  const fallbacks = new Map<string, Handler>();
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const path = (req.url ?? '').split('?')[0] ?? '';
      const h = queues.get(path)?.shift() ?? fallbacks.get(path);
      if (h) h(req, res, body);
      else status(404, 'NotFound', `no handler for ${path}`)(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    kubeconfig: kubeconfigFor(url),
    requests,
    queue(path, ...handlers) {
      queues.set(path, [...(queues.get(path) ?? []), ...handlers]);
    },
    fallback(path, handler) {
      fallbacks.set(path, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
