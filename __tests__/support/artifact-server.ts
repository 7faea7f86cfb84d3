// A release-artifact server on loopback for the tool download tests: serves the files it is
// given, counts requests per path, and can fail the next requests on purpose (503 or a reset
// connection) to exercise retries.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 503 | 404 | 'reset';

export interface ArtifactServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Requests seen for a path (all of them, failed ones included). */
  count(path: string): number;
  total(): number;
  /** The next requests (any path) fail in this order. */
  failNext(...faults: Fault[]): void;
  setFile(path: string, body: Buffer): void;
  close(): Promise<void>;
}

export async function startArtifactServer(files: Record<string, Buffer> = {}): Promise<ArtifactServer> {
  const bodies = new Map(Object.entries(files));
  const counts = new Map<string, number>();
  const faults: Fault[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const fault = faults.shift();
    if (fault === 'reset') {
      // Headers promised a body, then the connection drops: a network error for the client.
      res.writeHead(200, { 'content-length': '1000000' });
      res.write('partial');
      setImmediate(() => req.socket.destroy());
      return;
    }
    if (fault !== undefined) {
      res.writeHead(fault, { 'content-type': 'text/plain' }).end(`injected ${fault}`);
      return;
    }
    const body = bodies.get(path);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: (p) => counts.get(p) ?? 0,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    failNext: (...f) => void faults.push(...f),
    setFile: (p, b) => void bodies.set(p, b),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
