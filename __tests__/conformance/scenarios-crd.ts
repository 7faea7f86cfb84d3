// Scenarios for what the real CRD schemas (Istio's and the Gateway API's, src/sim/crds/) make the
// server do: prune unknown fields, reject invalid values with 422 and the same causes, apply
// `default:`s, and serve every version; plus a weight promotion through an HTTPRoute.
import type { Scenario } from './scenarios.js';
import { recorder } from './scenarios.js';

type Json = Record<string, unknown>;

const GW_API = 'gateway.networking.k8s.io';
const coll = (group: string, version: string, resource: string, ns?: string): string =>
  `/apis/${group}/${version}${ns ? `/namespaces/${ns}` : ''}/${resource}`;
const VS = (ns: string, v = 'v1'): string => coll('networking.istio.io', v, 'virtualservices', ns);
const DR = (ns: string): string => coll('networking.istio.io', 'v1', 'destinationrules', ns);
const ROUTES = (ns: string, v = 'v1'): string => coll(GW_API, v, 'httproutes', ns);
const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';

function vs(ns: string, name: string, spec: Json, extra: Json = {}): Json {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: ns },
    spec,
    ...extra,
  };
}

const route = (host: string, weight: number, subset = 'stable'): Json => ({
  destination: { host, subset },
  weight,
});

function httpRoute(ns: string, name: string, spec: Json): Json {
  return { apiVersion: `${GW_API}/v1`, kind: 'HTTPRoute', metadata: { name, namespace: ns }, spec };
}

const backends = (ga: number, canary: number): Json[] => [
  { name: 'podinfo-ga', port: 9898, weight: ga },
  { name: 'podinfo-canary', port: 9898, weight: canary },
];

export const CRD_SCENARIOS: Scenario[] = [
  {
    name: 'crd-pruning',
    async run(c) {
      const ns = 'conf-prune';
      const r = recorder(c);
      await r.ns(ns);
      await r.http('POST VirtualService with unknown fields (pruned)', {
        method: 'POST',
        path: VS(ns),
        body: vs(
          ns,
          'reviews',
          {
            hosts: ['reviews'],
            unknownTop: { a: 1 },
            http: [{ name: 'primary', bogus: true, route: [{ ...route('reviews', 100), extra: 'x' }] }],
          },
          { extraRoot: 1 },
        ),
      });
      await r.http('GET it as v1alpha3', { method: 'GET', path: `${VS(ns, 'v1alpha3')}/reviews` });
      await r.http('merge patch adds an unknown field (pruned)', {
        method: 'PATCH',
        path: `${VS(ns)}/reviews`,
        contentType: MERGE,
        body: { spec: { gateways: ['mesh'], notAField: 'x' } },
      });
      await r.http('server-side apply with an unknown field', {
        method: 'PATCH',
        path: `${VS(ns)}/applied?fieldManager=conformance`,
        contentType: APPLY,
        body: vs(ns, 'applied', { hosts: ['applied'], nope: 1, http: [{ route: [route('applied', 100)] }] }),
      });
      await r.http('POST with zero values (empty string, 0, false)', {
        method: 'POST',
        path: VS(ns),
        body: vs(ns, 'zeros', {
          hosts: ['zeros'],
          http: [
            {
              name: '',
              retries: { attempts: 0, retryRemoteLocalities: false },
              route: [route('zeros', 100), route('zeros', 0, 'canary')],
            },
          ],
        }),
      });
      await r.http('POST with nulls (no default, default, nullable)', {
        method: 'POST',
        path: VS(ns),
        body: vs(ns, 'nulls', {
          hosts: ['nulls'],
          gateways: null,
          http: [{ route: [route('nulls', 100)], timeout: null }],
        }),
      });
      await r.http('POST HTTPRoute with null defaulted fields', {
        method: 'POST',
        path: ROUTES(ns),
        body: httpRoute(ns, 'nulls', { parentRefs: [{ name: 'gw', group: null, kind: null }], rules: null }),
      });
      await r.http('POST DestinationRule with unknown nested fields', {
        method: 'POST',
        path: DR(ns),
        body: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: 'reviews', namespace: ns },
          spec: {
            host: 'reviews',
            trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN', weird: 1 }, foo: {} },
            subsets: [{ name: 'stable', labels: { version: 'v1' }, color: 'blue' }],
          },
        },
      });
      await r.http('merge patch /status with unknown status fields', {
        method: 'PATCH',
        path: `${VS(ns)}/reviews/status?fieldManager=status-conformance`,
        contentType: MERGE,
        body: { status: { observedGeneration: 1, mystery: 'x' } },
      });
      // --validate=false: kubectl 1.32 validates client-side against a 1.20 server's published
      // OpenAPI v2, which the mesh does not serve for custom resources; this is about the server.
      await r.kubectl('kubectl apply with an unknown field', ['apply', '--validate=false', '-f', '-'], {
        stdin: JSON.stringify(vs(ns, 'kubectl', { hosts: ['k'], unknownField: 1 })),
      });
      await r.kubectl('kubectl get it', ['-n', ns, 'get', 'vs', 'kubectl', '-o', 'json'], { json: true });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'crd-validation',
    async run(c) {
      const ns = 'conf-valid';
      const r = recorder(c);
      await r.ns(ns);
      const bad = async (label: string, path: string, body: Json): Promise<void> => {
        await r.http(label, { method: 'POST', path, body });
      };
      await bad('VS hosts is a string', VS(ns), vs(ns, 'a', { hosts: 'reviews' }));
      await bad(
        'VS weight is a string',
        VS(ns),
        vs(ns, 'b', { hosts: ['b'], http: [{ route: [{ destination: { host: 'b' }, weight: 'ten' }] }] }),
      );
      await bad(
        'VS destination without host',
        VS(ns),
        vs(ns, 'c', { hosts: ['c'], http: [{ route: [{ destination: { subset: 's' } }] }] }),
      );
      await bad(
        'VS port above maximum, negative port',
        VS(ns),
        vs(ns, 'd', {
          hosts: ['d'],
          http: [
            {
              route: [
                { destination: { host: 'd', port: { number: 4294967296 } } },
                { destination: { host: 'd', port: { number: -1 } } },
              ],
            },
          ],
        }),
      );
      await bad('VS spec is a list', VS(ns), vs(ns, 'e', ['x'] as unknown as Json));
      await bad('VS http entry is a number', VS(ns), vs(ns, 'f', { hosts: ['f'], http: [3] }));
      await bad('DR bad enum and oneOf', DR(ns), {
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: 'dr', namespace: ns },
        spec: {
          host: 'x',
          trafficPolicy: { loadBalancer: { simple: 'BOGUS', consistentHash: { useSourceIp: true } } },
        },
      });
      await bad(
        'HTTPRoute bad path type enum',
        ROUTES(ns),
        httpRoute(ns, 'g', {
          rules: [{ matches: [{ path: { type: 'Bogus', value: '/x' } }], backendRefs: backends(1, 1) }],
        }),
      );
      await bad(
        'HTTPRoute backendRef without name, weight out of range',
        ROUTES(ns),
        httpRoute(ns, 'h', {
          rules: [
            {
              backendRefs: [
                { port: 80, weight: -1 },
                { name: 'svc', port: 70000, weight: 1000001 },
              ],
            },
          ],
        }),
      );
      await bad(
        'HTTPRoute hostname pattern, empty parent name',
        ROUTES(ns),
        httpRoute(ns, 'i', {
          hostnames: ['-bad-', 'UPPER.example.com'],
          parentRefs: [{ name: '' }],
        }),
      );
      await bad(
        'HTTPRoute too many parentRefs, long name',
        ROUTES(ns),
        httpRoute(ns, 'j', {
          parentRefs: Array.from({ length: 33 }, (_, i) => ({ name: `gw-${i}` })),
          rules: [{ name: 'x'.repeat(300) }],
        }),
      );
      await bad('Gateway listener without port, bad protocol', coll(GW_API, 'v1', 'gateways', ns), {
        apiVersion: `${GW_API}/v1`,
        kind: 'Gateway',
        metadata: { name: 'gw', namespace: ns },
        spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', protocol: 'not a protocol!' }] },
      });
      await bad('GatewayClass without controllerName', coll(GW_API, 'v1', 'gatewayclasses'), {
        apiVersion: `${GW_API}/v1`,
        kind: 'GatewayClass',
        metadata: { name: 'conf-valid-class' },
        spec: { description: 3 },
      });
      await bad(
        'VS weight beyond int32, fractional port',
        VS(ns),
        vs(ns, 'fmt', {
          hosts: ['fmt'],
          http: [{ route: [{ destination: { host: 'fmt', port: { number: 80.5 } }, weight: 3000000000 }] }],
        }),
      );
      await bad('HTTPRoute status with a bad date-time', ROUTES(ns), {
        ...httpRoute(ns, 'st', {}),
        status: {
          parents: [
            {
              parentRef: { name: 'gw' },
              controllerName: 'istio.io/gateway-controller',
              conditions: [
                {
                  type: 'Accepted',
                  status: 'True',
                  reason: 'Ok',
                  message: '',
                  lastTransitionTime: 'yesterday',
                },
              ],
            },
          ],
        },
      });
      await r.http('PUT /status with a bad date-time', {
        method: 'PATCH',
        path: `${ROUTES(ns)}/st/status`,
        contentType: MERGE,
        body: {
          status: {
            parents: [
              {
                parentRef: { name: 'gw' },
                controllerName: 'istio.io/gateway-controller',
                conditions: [
                  {
                    type: 'Accepted',
                    status: 'True',
                    reason: 'Ok',
                    message: 'm',
                    lastTransitionTime: 'yesterday',
                  },
                ],
              },
            ],
          },
        },
      });
      await bad('Gateway with duplicate listener names (list-type map)', coll(GW_API, 'v1', 'gateways', ns), {
        apiVersion: `${GW_API}/v1`,
        kind: 'Gateway',
        metadata: { name: 'dup', namespace: ns },
        spec: {
          gatewayClassName: 'istio',
          listeners: [
            { name: 'http', port: 80, protocol: 'HTTP' },
            { name: 'https', port: 443, protocol: 'HTTPS' },
            { name: 'http', port: 8080, protocol: 'HTTP' },
          ],
        },
      });
      await bad(
        'HTTPRoute with duplicate CORS methods (list-type set)',
        ROUTES(ns),
        httpRoute(ns, 'dupset', {
          rules: [{ filters: [{ type: 'CORS', cors: { allowMethods: ['GET', 'PUT', 'GET'] } }] }],
        }),
      );
      await r.http('a valid VS, then an invalid merge patch', {
        method: 'POST',
        path: VS(ns),
        body: vs(ns, 'ok', { hosts: ['ok'], http: [{ route: [route('ok', 100)] }] }),
      });
      await r.http('merge patch sets a wrong type', {
        method: 'PATCH',
        path: `${VS(ns)}/ok`,
        contentType: MERGE,
        body: { spec: { http: [{ route: [{ destination: { host: 'ok' }, weight: 'all' }] }] } },
      });
      await r.kubectl('kubectl apply of an invalid HTTPRoute', ['apply', '--validate=false', '-f', '-'], {
        stdin: JSON.stringify(
          httpRoute(ns, 'k', {
            rules: [{ matches: [{ path: { type: 'Nope' } }], backendRefs: [{ port: 1 }] }],
          }),
        ),
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'crd-defaults',
    async run(c) {
      const ns = 'conf-defaults';
      const r = recorder(c);
      await r.ns(ns);
      await r.http('POST minimal HTTPRoute (defaults)', {
        method: 'POST',
        path: ROUTES(ns),
        body: httpRoute(ns, 'minimal', {
          parentRefs: [{ name: 'gw' }],
          rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }],
        }),
      });
      await r.http('POST HTTPRoute without rules', {
        method: 'POST',
        path: ROUTES(ns),
        body: httpRoute(ns, 'norules', { hostnames: ['example.com'] }),
      });
      await r.http('POST HTTPRoute with a path value only', {
        method: 'POST',
        path: ROUTES(ns),
        body: httpRoute(ns, 'path', {
          rules: [
            {
              matches: [{ path: { value: '/api' } }, { headers: [{ name: 'x', value: 'y' }] }],
              backendRefs: backends(90, 10),
            },
          ],
        }),
      });
      await r.http('GET it as v1beta1', { method: 'GET', path: `${ROUTES(ns, 'v1beta1')}/path` });
      await r.http('merge patch replaces the rules (defaults again)', {
        method: 'PATCH',
        path: `${ROUTES(ns)}/minimal`,
        contentType: MERGE,
        body: {
          spec: { rules: [{ matches: [{ method: 'GET' }], backendRefs: [{ name: 'other', port: 8080 }] }] },
        },
      });
      await r.http('POST minimal Gateway (listener defaults)', {
        method: 'POST',
        path: coll(GW_API, 'v1', 'gateways', ns),
        body: {
          apiVersion: `${GW_API}/v1`,
          kind: 'Gateway',
          metadata: { name: 'gw', namespace: ns },
          spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
        },
      });
      await r.http('POST GatewayClass', {
        method: 'POST',
        path: coll(GW_API, 'v1', 'gatewayclasses'),
        body: {
          apiVersion: `${GW_API}/v1`,
          kind: 'GatewayClass',
          metadata: { name: 'conf-defaults-class' },
          spec: { controllerName: 'istio.io/gateway-controller' },
        },
      });
      await r.http('POST ReferenceGrant as v1beta1', {
        method: 'POST',
        path: coll(GW_API, 'v1beta1', 'referencegrants', ns),
        body: {
          apiVersion: `${GW_API}/v1beta1`,
          kind: 'ReferenceGrant',
          metadata: { name: 'rg', namespace: ns },
          spec: {
            from: [{ group: GW_API, kind: 'HTTPRoute', namespace: 'other' }],
            to: [{ group: '', kind: 'Service' }],
          },
        },
      });
      await r.http('DELETE GatewayClass', {
        method: 'DELETE',
        path: `${coll(GW_API, 'v1', 'gatewayclasses')}/conf-defaults-class`,
      });
      await r.kubectl('kubectl get httproutes', ['-n', ns, 'get', 'httproutes']);
      await r.kubectl('kubectl api-resources gateway API', ['api-resources', `--api-group=${GW_API}`], {
        sortLines: true,
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'crd-httproute-promotion',
    async run(c) {
      const ns = 'conf-hr-promo';
      const r = recorder(c);
      await r.ns(ns);
      const apply = async (
        label: string,
        manager: string,
        ga: number,
        canary: number,
        force = false,
      ): Promise<void> => {
        await r.http(label, {
          method: 'PATCH',
          path: `${ROUTES(ns)}/podinfo?fieldManager=${manager}${force ? '&force=true' : ''}`,
          contentType: APPLY,
          body: httpRoute(ns, 'podinfo', {
            parentRefs: [{ name: 'gw' }],
            rules: [{ backendRefs: backends(ga, canary) }],
          }),
        });
      };
      await apply('istio-canary applies 90/10', 'istio-canary', 90, 10);
      await apply('istio-canary applies 50/50', 'istio-canary', 50, 50);
      await apply('another manager conflicts', 'argocd', 100, 0);
      await apply('another manager forces 100/0', 'argocd', 100, 0, true);
      await r.http('GET the route', { method: 'GET', path: `${ROUTES(ns)}/podinfo` });
      await r.kubectl('kubectl get -o json', ['-n', ns, 'get', 'httproute', 'podinfo', '-o', 'json'], {
        json: true,
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
];
