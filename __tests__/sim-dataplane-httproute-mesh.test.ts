// Gateway API end to end on the embedded mesh: real YAML applied with kubectl (a Gateway of class
// istio, an HTTPRoute with an A/B rule, weighted backendRefs to two Services as Flagger lays them
// out, a RequestMirror filter and the version response header set per backendRef), the status
// istiod writes awaited with `kubectl wait`, traffic from real `hey` and an HTTP client, and the
// Istio-standard metrics read by a real Prometheus.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { KubectlEnv } from './sim-api-support.js';
import { destroyAgent, run, send } from './sim-dataplane-fixtures.js';
import {
  binomialLowerBound,
  binomialUpperBound,
  countRequests,
  startPrometheus,
  until,
  type Prometheus,
} from './sim-dataplane-match-support.js';

const HOST = 'app.shop.example';
const CANARY_WEIGHT = 25;
const MIRROR_PERCENT = 30;
const VERSION_HEADER = 'x-istio-canary';

const deployment = (name: string, app: string, version: string, image: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}, version: ${version}}}
    spec: {containers: [{name: podinfod, image: "${image}"}]}
`;
const svc = (name: string, app: string): string => `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {app: ${app}}
  ports: [{name: http, port: 9898}]
`;
const tag = (version: string): string =>
  `filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: ${VERSION_HEADER}, value: ${version}}]}}]`;

const MANIFESTS = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
  deployment('podinfo-primary', 'podinfo-primary', 'v1', 'stefanprodan/podinfo:6.0.0'),
  deployment('podinfo', 'podinfo', 'v2', 'stefanprodan/podinfo:6.1.0'),
  svc('podinfo-primary', 'podinfo-primary'),
  svc('podinfo-canary', 'podinfo'),
  `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.shop.example", allowedRoutes: {namespaces: {from: Same}}}
`,
  // The A/B rule is last: Gateway API precedence (more header matches) puts it first anyway.
  `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: podinfo, namespace: shop}
spec:
  parentRefs: [{name: public}]
  hostnames: [${HOST}]
  rules:
  - filters:
    - type: RequestMirror
      requestMirror: {backendRef: {name: podinfo-canary, port: 9898}, percent: ${MIRROR_PERCENT}}
    backendRefs:
    - {name: podinfo-primary, port: 9898, weight: ${100 - CANARY_WEIGHT}, ${tag('stable')}}
    - {name: podinfo-canary, port: 9898, weight: ${CANARY_WEIGHT}, ${tag('canary')}}
  - matches:
    - headers: [{name: x-canary, value: always}]
    - headers: [{name: cookie, type: RegularExpression, value: "^(.*?;)?(user=test)(;.*)?$"}]
    backendRefs:
    - {name: podinfo-canary, port: 9898, ${tag('canary')}}
`,
].join('---\n');

let mesh: Mesh;
let kubectl: KubectlEnv;
let prom: Prometheus;

async function ok(args: string[]): Promise<string> {
  const r = await kubectl.run(args, 60_000);
  expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 0, seed: 9 });
  kubectl = await KubectlEnv.create(mesh.apiUrl);
  prom = await startPrometheus(mesh.metricsUrl);
  const file = join(kubectl.dir, 'shop.yaml');
  await writeFile(file, MANIFESTS);
  await ok(['apply', '-f', file]);
  await ok([
    '-n',
    'shop',
    'rollout',
    'status',
    'deployment/podinfo-primary',
    'deployment/podinfo',
    '--timeout=60s',
  ]);
});

afterAll(async () => {
  destroyAgent();
  await prom?.close();
  await mesh?.close();
  await kubectl?.dispose();
});

interface Counts {
  primary: number;
  canary: number;
  canarySource: number;
}

async function counts(): Promise<Counts> {
  const text = await (await fetch(mesh.metricsUrl)).text();
  const dst = (service: string): number =>
    countRequests(text, { reporter: 'destination', destination_service_name: service });
  return {
    primary: dst('podinfo-primary'),
    canary: dst('podinfo-canary'),
    canarySource: countRequests(text, { reporter: 'source', destination_service_name: 'podinfo-canary' }),
  };
}

describe('HTTPRoute on the embedded mesh', () => {
  it('writes the status istiod writes: Gateway programmed, route accepted with its refs resolved', async () => {
    await ok([
      '-n',
      'shop',
      'wait',
      '--for=condition=Programmed',
      'gateways.gateway.networking.k8s.io/public',
      '--timeout=30s',
    ]);
    await ok([
      '-n',
      'shop',
      'wait',
      '--for=jsonpath={.status.parents[0].conditions[1].status}=True',
      'httproute/podinfo',
      '--timeout=30s',
    ]);
    const route = load(await ok(['-n', 'shop', 'get', 'httproute/podinfo', '-o', 'yaml'])) as {
      status: {
        parents: {
          controllerName: string;
          parentRef: unknown;
          conditions: { type: string; status: string; reason: string }[];
        }[];
      };
    };
    expect(route.status.parents.map((p) => [p.controllerName, p.parentRef])).toEqual([
      [
        'istio.io/gateway-controller',
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' },
      ],
    ]);
    expect(route.status.parents[0]?.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
    ]);
    const attached = await ok([
      '-n',
      'shop',
      'get',
      'gateways.gateway.networking.k8s.io/public',
      '-o',
      'jsonpath={.status.listeners[0].attachedRoutes}',
    ]);
    expect(attached).toBe('1');
  });

  it('splits by backendRef weight, mirrors to the canary Service, and tags the version header', async () => {
    const n = 3000;
    const before = await counts();
    const load = await run('hey', ['-n', String(n), '-c', '10', '-host', HOST, `${mesh.ingressUrl}/`]);
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout).toMatch(new RegExp(`\\[200\\]\\s+${n} responses`));
    // Mirrored copies are recorded when the canary answers them: wait for the primary's share to be complete.
    const after = await until(
      'every request recorded',
      counts,
      (c) => c.primary - before.primary + (c.canarySource - before.canarySource) === n,
    );
    const direct = after.canarySource - before.canarySource;
    expect(direct).toBeGreaterThanOrEqual(binomialLowerBound(n, CANARY_WEIGHT / 100));
    expect(direct).toBeLessThanOrEqual(binomialUpperBound(n, CANARY_WEIGHT / 100));
    // What the canary's sidecar saw beyond what the gateway sent it directly: the mirrored copies.
    const mirrored = await until(
      'the mirrored copies recorded',
      async () => (await counts()).canary - before.canary - direct,
      (m) => m >= binomialLowerBound(n, MIRROR_PERCENT / 100),
    );
    expect(mirrored).toBeLessThanOrEqual(binomialUpperBound(n, MIRROR_PERCENT / 100));

    // A client only sees the version of the backend that answered, from the backendRef's filter.
    let canary = 0;
    const m = 400;
    for (let i = 0; i < m; i++) {
      const res = await send(mesh.ingressUrl, '/api/info', { host: HOST });
      const body = JSON.parse(res.body) as { version: string };
      const version = res.headers[VERSION_HEADER];
      expect([res.status, body.version]).toEqual([200, version === 'canary' ? 'v2' : 'v1']);
      if (version === 'canary') canary++;
    }
    expect(canary).toBeGreaterThanOrEqual(binomialLowerBound(m, CANARY_WEIGHT / 100));
    expect(canary).toBeLessThanOrEqual(binomialUpperBound(m, CANARY_WEIGHT / 100));
  });

  it('sends requests matching the A/B rule (header or cookie) to the canary only', async () => {
    const before = await counts();
    for (const h of ['X-Canary: always', 'Cookie: theme=dark;user=test']) {
      const r = await run('hey', ['-n', '500', '-c', '10', '-host', HOST, '-H', h, `${mesh.ingressUrl}/`]);
      expect(r.code, r.stderr).toBe(0);
    }
    const after = await counts();
    expect([after.primary - before.primary, after.canarySource - before.canarySource]).toEqual([0, 1000]);
    const res = await send(mesh.ingressUrl, '/', { host: HOST, headers: { 'x-canary': 'always-not' } });
    expect(res.status).toBe(200);
  });

  it('shows it all to Prometheus with Istio-standard labels, the gateway as source', async () => {
    // A mirrored copy may still be in flight: compare with what the data plane recorded at each poll.
    await until(
      'Prometheus to scrape everything',
      async () => {
        const scraped = await prom.scalar(
          'sum(istio_requests_total{reporter="destination",destination_workload_namespace="shop"})',
        );
        const c = await counts();
        return [scraped, c.primary + c.canary];
      },
      ([scraped, recorded]) => scraped === recorded,
    );
    const series = await prom.query(
      'sum by (source_workload, source_workload_namespace, destination_service_name, destination_workload, destination_version, response_code) (istio_requests_total{reporter="destination"})',
    );
    expect(
      series
        .map((s) => s.metric)
        .sort((a, b) => String(a.destination_workload).localeCompare(String(b.destination_workload))),
    ).toEqual([
      {
        source_workload: 'public-istio',
        source_workload_namespace: 'shop',
        destination_service_name: 'podinfo-canary',
        destination_workload: 'podinfo',
        destination_version: 'v2',
        response_code: '200',
      },
      {
        source_workload: 'public-istio',
        source_workload_namespace: 'shop',
        destination_service_name: 'podinfo-primary',
        destination_workload: 'podinfo-primary',
        destination_version: 'v1',
        response_code: '200',
      },
    ]);
  });

  it('reports a missing backend (500 for its share) and a missing parent in the route status', async () => {
    const file = join(kubectl.dir, 'broken.yaml');
    await writeFile(
      file,
      `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: broken, namespace: shop}
spec:
  parentRefs: [{name: public}, {name: nowhere}]
  hostnames: [broken.shop.example]
  rules:
  - backendRefs: [{name: podinfo-gone, port: 9898}]
`,
    );
    await ok(['apply', '-f', file]);
    await ok([
      '-n',
      'shop',
      'wait',
      '--for=jsonpath={.status.parents[1].conditions[0].reason}=NoMatchingParent',
      'httproute/broken',
      '--timeout=30s',
    ]);
    const route = load(await ok(['-n', 'shop', 'get', 'httproute/broken', '-o', 'yaml'])) as {
      status: { parents: { conditions: { type: string; status: string; reason: string }[] }[] };
    };
    expect(
      route.status.parents.map((p) => p.conditions.map((c) => `${c.type}=${c.status}:${c.reason}`)),
    ).toEqual([
      ['Accepted=True:Accepted', 'ResolvedRefs=False:BackendNotFound'],
      ['Accepted=False:NoMatchingParent', 'ResolvedRefs=False:BackendNotFound'],
    ]);
    expect((await send(mesh.ingressUrl, '/', { host: 'broken.shop.example' })).status).toBe(500);
    // Outside the listener's *.shop.example, nothing is served.
    expect((await send(mesh.ingressUrl, '/', { host: 'app.other.example' })).status).toBe(404);
  });
});
