// Targets for bench/loadgen.ts, each in its own process so that no tool shares an event loop
// with the server it measures. `mesh [latency]`: the embedded mesh's data plane behind its
// ingress, both versions with the `sim.istio-canary.dev/latency` annotation given (default
// `0ms`; e.g. `10ms` constant, `p50=20ms,p99=80ms` log-normal, see docs/sim.md); `stall`: a tiny node:http server whose event loop blocks once for 1 s, 2 s after
// its first request. Prints the URL on stdout, then serves until killed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryConfigSource, startDataPlane } from '../src/sim/dataplane/index.js';

const kind = process.argv[2];
if (kind === 'mesh') {
  const latency = process.argv[3] ?? '0ms';
  const labels = (version: string) => ({ app: 'app', version });
  const deployment = (version: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${version}`, namespace: 'bench' },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels(version) },
      template: {
        metadata: { labels: labels(version), annotations: { 'sim.istio-canary.dev/latency': latency } },
        spec: { containers: [{ name: 'app', image: 'app:1' }] },
      },
    },
    status: { replicas: 1, availableReplicas: 1 },
  });
  const dest = (subset: string, weight: number) => ({
    destination: { host: 'app', subset },
    weight,
    headers: { response: { set: { 'x-istio-canary': subset } } },
  });
  const config = createMemoryConfigSource([
    deployment('stable'),
    deployment('canary'),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'app', namespace: 'bench' },
      spec: { selector: { app: 'app' }, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'app', namespace: 'bench' },
      spec: {
        host: 'app.bench.svc.cluster.local',
        subsets: [
          { name: 'stable', labels: { version: 'stable' } },
          { name: 'canary', labels: { version: 'canary' } },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'bench' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'app', namespace: 'bench' },
      spec: {
        hosts: ['app.example'],
        gateways: ['gw'],
        http: [{ route: [dest('stable', 90), dest('canary', 10)] }],
      },
    },
  ]);
  const plane = await startDataPlane({ config, seed: 1 });
  process.stdout.write(`${plane.ingressUrl}/\n`);
  process.once('SIGTERM', () => void plane.close());
} else if (kind === 'stall') {
  let armed = false;
  const server = http.createServer({ keepAlive: true }, (_req, res) => {
    if (!armed) {
      armed = true;
      setTimeout(() => {
        // A 1 s pause of the whole server (as a GC pause or a blocked event loop would be).
        const until = Date.now() + 1000;
        while (Date.now() < until);
      }, 2000);
    }
    res.end('ok');
  });
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`);
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close();
  });
} else {
  process.stderr.write('usage: loadgen-servers.ts mesh [latency] | stall\n');
  process.exitCode = 2;
}
