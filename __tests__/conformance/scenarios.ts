// The API scenarios run against both targets. Each one records, step by step, the status,
// reason, message and normalized body it got; compare.ts decides whether two records agree.
// Every scenario works in its own namespace so that scenarios never see each other's objects.
import { ApiException, PatchStrategy } from '@kubernetes/client-node';
import { dump } from 'js-yaml';
import type { Client, RawRequest, RawResponse, WatchEvent } from './client.js';
import { normalize, normalizeText, type Observation, type Step } from './compare.js';
import { CRD_SCENARIOS } from './scenarios-crd.js';

export interface Scenario {
  name: string;
  run(c: Client): Promise<Observation>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const VS = (ns: string, name = '') =>
  `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices${name ? `/${name}` : ''}`;
const DEPLOY = (ns: string, name = '') =>
  `/apis/apps/v1/namespaces/${ns}/deployments${name ? `/${name}` : ''}`;
const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

function warningsOf(h: RawResponse['headers']): string[] | undefined {
  const w = h.warning;
  if (w === undefined) return undefined;
  // `299 - "text"`: keep the text, unquoted (quoted-string escapes removed).
  return (Array.isArray(w) ? w : [w]).map((x) =>
    x.replace(/^\d{3} [^ ]+ "(.*)"$/, '$1').replace(/\\(.)/g, '$1'),
  );
}

function httpStep(label: string, r: RawResponse): Step {
  const s: Step = { label, via: 'http', status: r.status, body: normalize(r.body) };
  if (isObj(r.body) && r.body.kind === 'Status') {
    if (typeof r.body.reason === 'string') s.reason = r.body.reason;
    // The normalized body's message (a 422's field errors in a stable order).
    if (isObj(s.body) && typeof s.body.message === 'string') s.message = s.body.message;
  }
  const w = warningsOf(r.headers);
  if (w) s.warnings = w;
  return s;
}

/** Runs a client-node call; records its result, or the ApiException's code and Status. */
async function nodeStep(label: string, fn: () => Promise<unknown>): Promise<Step> {
  try {
    return { label, via: 'client-node', status: 200, body: normalize(await fn()) };
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    let body: unknown = err.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body) as unknown;
      } catch {
        // keep the text
      }
    }
    const s: Step = { label, via: 'client-node', status: err.code, body: normalize(body) };
    if (isObj(body)) {
      if (typeof body.reason === 'string') s.reason = body.reason;
      if (isObj(s.body) && typeof s.body.message === 'string') s.message = s.body.message;
    }
    return s;
  }
}

interface KubectlOptions {
  stdin?: string;
  json?: boolean;
  /** Output whose line order is the server's discovery order, which 1.20 does not keep stable. */
  sortLines?: boolean;
}

async function kubectlStep(
  c: Client,
  label: string,
  args: string[],
  opts: KubectlOptions = {},
): Promise<Step> {
  const r = await c.kubectl(args, opts.stdin);
  const s: Step = { label, via: 'kubectl', exitCode: r.exitCode, stderr: normalizeText(r.stderr) };
  if (opts.json && r.exitCode === 0) s.body = normalize(JSON.parse(r.stdout));
  else s.stdout = normalizeText(opts.sortLines ? sortLines(r.stdout) : r.stdout);
  return s;
}

const sortLines = (text: string): string =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .sort()
    .map((l) => `${l}\n`)
    .join('');

/** Sequential recorder: each call does one request and appends its step. */
export function recorder(c: Client) {
  const steps: Step[] = [];
  const http = async (label: string, req: RawRequest): Promise<RawResponse> => {
    const r = await c.raw(req);
    steps.push(httpStep(label, r));
    return r;
  };
  const node = async (label: string, fn: () => Promise<unknown>): Promise<void> => {
    steps.push(await nodeStep(label, fn));
  };
  const kubectl = async (label: string, args: string[], opts?: KubectlOptions): Promise<void> => {
    steps.push(await kubectlStep(c, label, args, opts));
  };
  const ns = async (name: string): Promise<void> => {
    await http(`create namespace ${name}`, {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    });
  };
  return { steps, http, node, kubectl, ns };
}

function rvOf(r: RawResponse): string {
  if (!isObj(r.body) || !isObj(r.body.metadata) || typeof r.body.metadata.resourceVersion !== 'string')
    throw new Error(`no resourceVersion in ${JSON.stringify(r.body)}`);
  return r.body.metadata.resourceVersion;
}

function deployment(
  ns: string,
  name: string,
  extra: { replicas?: number; containers?: Json[]; labels?: Record<string, string> } = {},
): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name, ...extra.labels } },
    spec: {
      replicas: extra.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: extra.containers ?? [
            { name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }] },
          ],
        },
      },
    },
  };
}

function virtualService(ns: string, name: string, labels: Record<string, string> = {}, weight = 0): Json {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: ns, ...(Object.keys(labels).length ? { labels } : {}) },
    spec: {
      hosts: [name],
      http: [
        {
          name: 'primary',
          route: [
            { destination: { host: name, subset: 'stable' }, weight: 100 - weight },
            { destination: { host: name, subset: 'canary' }, weight },
          ],
        },
      ],
    },
  };
}

const toYaml = (o: unknown): string => dump(o, { lineWidth: -1 });

export const SCENARIOS: Scenario[] = [
  {
    name: 'create-get',
    async run(c) {
      const ns = 'conf-create';
      const r = recorder(c);
      await r.ns(ns);
      await r.node('client-node create Deployment', () => c.objects.create(deployment(ns, 'web')));
      await r.node('client-node read Deployment', () =>
        c.objects.read({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: ns },
        }),
      );
      await r.http('GET Deployment', { method: 'GET', path: DEPLOY(ns, 'web') });
      await r.http('POST same Deployment again (AlreadyExists)', {
        method: 'POST',
        path: DEPLOY(ns),
        body: deployment(ns, 'web'),
      });
      await r.node('client-node create VirtualService v1', () =>
        c.objects.create(virtualService(ns, 'reviews')),
      );
      await r.http('GET VirtualService as v1beta1', {
        method: 'GET',
        path: `/apis/networking.istio.io/v1beta1/namespaces/${ns}/virtualservices/reviews`,
      });
      await r.http('GET VirtualService as v1alpha3', {
        method: 'GET',
        path: `/apis/networking.istio.io/v1alpha3/namespaces/${ns}/virtualservices/reviews`,
      });
      await r.http('POST DestinationRule as v1alpha3', {
        method: 'POST',
        path: `/apis/networking.istio.io/v1alpha3/namespaces/${ns}/destinationrules`,
        body: {
          apiVersion: 'networking.istio.io/v1alpha3',
          kind: 'DestinationRule',
          metadata: { name: 'reviews' },
          spec: {
            host: 'reviews',
            subsets: [
              { name: 'stable', labels: { version: 'v1' } },
              { name: 'canary', labels: { version: 'v2' } },
            ],
          },
        },
      });
      await r.http('POST Gateway', {
        method: 'POST',
        path: `/apis/networking.istio.io/v1/namespaces/${ns}/gateways`,
        body: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'Gateway',
          metadata: { name: 'gw' },
          spec: {
            selector: { istio: 'ingressgateway' },
            servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
          },
        },
      });
      await r.http('POST VirtualService with generateName', {
        method: 'POST',
        path: VS(ns),
        // A real host: Istio's schema (as 1.20 validates it) rejects "" as null.
        body: { ...virtualService(ns, 'gen'), metadata: { generateName: 'gen-', namespace: ns } },
      });
      await r.http('POST Service with a fixed clusterIP', {
        method: 'POST',
        path: `/api/v1/namespaces/${ns}/services`,
        body: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web' },
          spec: {
            clusterIP: '10.96.0.50',
            selector: { app: 'web' },
            ports: [{ name: 'http', port: 80, targetPort: 8080 }],
          },
        },
      });
      await r.http('POST Lease', {
        method: 'POST',
        path: `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`,
        body: {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: 'promotion' },
          spec: { holderIdentity: 'org/repo/1', leaseDurationSeconds: 30 },
        },
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'list-paging',
    async run(c) {
      const ns = 'conf-list';
      const r = recorder(c);
      await r.ns(ns);
      for (let i = 0; i < 5; i++)
        await r.http(`POST vs-${i}`, {
          method: 'POST',
          path: VS(ns),
          body: virtualService(ns, `vs-${i}`, { tier: i % 2 ? 'db' : 'web', idx: String(i) }),
        });
      await r.http('list labelSelector tier=web', {
        method: 'GET',
        path: VS(ns),
        query: { labelSelector: 'tier=web' },
      });
      await r.http('list labelSelector tier!=web', {
        method: 'GET',
        path: VS(ns),
        query: { labelSelector: 'tier!=web' },
      });
      await r.http('list labelSelector idx in (1,3,4)', {
        method: 'GET',
        path: VS(ns),
        query: { labelSelector: 'idx in (1,3,4)' },
      });
      await r.http('list labelSelector !tier', {
        method: 'GET',
        path: VS(ns),
        query: { labelSelector: '!tier' },
      });
      await r.http('list fieldSelector metadata.name=vs-3', {
        method: 'GET',
        path: VS(ns),
        query: { fieldSelector: 'metadata.name=vs-3' },
      });
      await r.http('list fieldSelector metadata.namespace!=conf-list', {
        method: 'GET',
        path: VS(ns),
        query: { fieldSelector: `metadata.namespace!=${ns}` },
      });
      await r.http('list unsupported fieldSelector spec.hosts', {
        method: 'GET',
        path: VS(ns),
        query: { fieldSelector: 'spec.hosts=x' },
      });
      await r.http('list bad labelSelector', {
        method: 'GET',
        path: VS(ns),
        query: { labelSelector: 'tier in (' },
      });
      let cont = '';
      for (let page = 1; page <= 3; page++) {
        const res = await r.http(`list limit=2 page ${page}`, {
          method: 'GET',
          path: VS(ns),
          query: { limit: 2, ...(cont ? { continue: cont } : {}) },
        });
        const meta = isObj(res.body) && isObj(res.body.metadata) ? res.body.metadata : {};
        cont = typeof meta.continue === 'string' ? meta.continue : '';
        if (!cont) break;
      }
      await r.http('list with a bad continue token', {
        method: 'GET',
        path: VS(ns),
        query: { limit: 2, continue: 'not-a-token' },
      });
      await r.node('client-node list labelSelector tier=db', () =>
        c.objects.list(
          'networking.istio.io/v1',
          'VirtualService',
          ns,
          undefined,
          undefined,
          undefined,
          undefined,
          'tier=db',
        ),
      );
      await r.node('client-node list limit=3', () =>
        c.objects.list(
          'networking.istio.io/v1',
          'VirtualService',
          ns,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          3,
        ),
      );
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'watch',
    async run(c) {
      const ns = 'conf-watch';
      const r = recorder(c);
      await r.ns(ns);
      const created = await r.http('POST a', { method: 'POST', path: VS(ns), body: virtualService(ns, 'a') });
      const rv0 = rvOf(created);
      await r.http('merge patch a', {
        method: 'PATCH',
        path: VS(ns, 'a'),
        contentType: MERGE,
        body: { spec: { hosts: ['a', 'a2'] } },
      });
      await r.http('POST b', {
        method: 'POST',
        path: VS(ns),
        body: virtualService(ns, 'b', { watched: 'yes' }),
      });
      await r.http('DELETE a', { method: 'DELETE', path: VS(ns, 'a') });
      const events = (list: WatchEvent[]): unknown[] =>
        list.map((e) => ({ type: e.type, object: normalize(e.object) }));
      r.steps.push({
        label: 'watch from the first resourceVersion',
        via: 'client-node',
        events: events(await c.watch(VS(ns), rv0, 3)),
      });
      const all = await c.raw({ method: 'GET', path: VS(ns) });
      const listRv =
        isObj(all.body) && isObj(all.body.metadata) ? String(all.body.metadata.resourceVersion) : '';
      // A watch from a list's resourceVersion sees only what happens after it.
      const later = c.watch(VS(ns), listRv, 2);
      await r.http('POST c', { method: 'POST', path: VS(ns), body: virtualService(ns, 'c') });
      await r.http('merge patch b', {
        method: 'PATCH',
        path: VS(ns, 'b'),
        contentType: MERGE,
        body: { metadata: { labels: { more: 'x' } } },
      });
      r.steps.push({
        label: 'watch from the list resourceVersion',
        via: 'client-node',
        events: events(await later),
      });
      await r.http('watch with a bad resourceVersion', {
        method: 'GET',
        path: VS(ns),
        query: { watch: 'true', resourceVersion: 'abc' },
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'stale-update',
    async run(c) {
      const ns = 'conf-update';
      const r = recorder(c);
      await r.ns(ns);
      const created = await r.http('POST reviews', {
        method: 'POST',
        path: VS(ns),
        body: virtualService(ns, 'reviews'),
      });
      const obj = created.body as Json;
      const rv1 = rvOf(created);
      const withWeight = (w: number, rv?: string): Json => ({
        ...virtualService(ns, 'reviews', {}, w),
        metadata: { name: 'reviews', namespace: ns, ...(rv ? { resourceVersion: rv } : {}) },
      });
      void obj;
      await r.http('PUT with the current resourceVersion', {
        method: 'PUT',
        path: VS(ns, 'reviews'),
        body: withWeight(10, rv1),
      });
      await r.http('PUT with the stale resourceVersion (Conflict)', {
        method: 'PUT',
        path: VS(ns, 'reviews'),
        body: withWeight(20, rv1),
      });
      await r.http('PUT without resourceVersion (custom resource)', {
        method: 'PUT',
        path: VS(ns, 'reviews'),
        body: withWeight(30),
      });
      await r.http('PUT with a name that differs from the URL', {
        method: 'PUT',
        path: VS(ns, 'reviews'),
        body: { ...withWeight(30, rv1), metadata: { name: 'other', namespace: ns, resourceVersion: rv1 } },
      });
      await r.http('PUT a missing object', {
        method: 'PUT',
        path: VS(ns, 'missing'),
        body: { ...virtualService(ns, 'missing'), metadata: { name: 'missing', resourceVersion: rv1 } },
      });
      await r.node('client-node replace with the stale resourceVersion', () =>
        c.objects.replace(withWeight(40, rv1)),
      );
      // A built-in kind that no controller writes (a Deployment's status changes under our feet).
      const LEASES = `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`;
      const lease = (holder: string, rv?: string): Json => ({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'promotion', namespace: ns, ...(rv ? { resourceVersion: rv } : {}) },
        spec: { holderIdentity: holder, leaseDurationSeconds: 30 },
      });
      const created2 = await r.http('POST Lease', { method: 'POST', path: LEASES, body: lease('a') });
      const lrv = rvOf(created2);
      await r.http('PUT Lease with the current resourceVersion', {
        method: 'PUT',
        path: `${LEASES}/promotion`,
        body: lease('b', lrv),
      });
      await r.http('PUT Lease with the stale resourceVersion (Conflict)', {
        method: 'PUT',
        path: `${LEASES}/promotion`,
        body: lease('c', lrv),
      });
      await r.http('PUT Lease without resourceVersion', {
        method: 'PUT',
        path: `${LEASES}/promotion`,
        body: lease('d'),
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'patches',
    async run(c) {
      const ns = 'conf-patch';
      const r = recorder(c);
      await r.ns(ns);
      const containers = [
        { name: 'app', image: 'nginx:1.25' },
        { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '3600'] },
      ];
      await r.http('POST Deployment', {
        method: 'POST',
        path: DEPLOY(ns),
        body: deployment(ns, 'web', { containers }),
      });
      await r.http('merge patch Deployment', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: MERGE,
        body: { metadata: { labels: { team: 'a' } }, spec: { replicas: 3 } },
      });
      await r.http('JSON patch Deployment', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: JSONPATCH,
        body: [
          { op: 'replace', path: '/spec/replicas', value: 2 },
          { op: 'add', path: '/metadata/annotations', value: { note: 'json' } },
          { op: 'remove', path: '/metadata/labels/team' },
        ],
      });
      await r.http('JSON patch with a failing test op', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: JSONPATCH,
        body: [{ op: 'test', path: '/spec/replicas', value: 9 }],
      });
      await r.http('JSON patch removing a missing path', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: JSONPATCH,
        body: [{ op: 'remove', path: '/metadata/labels/nope' }],
      });
      await r.http('strategic merge patch merges containers by name', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: STRATEGIC,
        body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } },
      });
      await r.http('strategic merge patch $patch: delete', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: STRATEGIC,
        body: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      });
      await r.http('merge patch replaces the containers list', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: MERGE,
        body: { spec: { template: { spec: { containers: [{ name: 'only', image: 'nginx:1.27' }] } } } },
      });
      await r.http('patch with invalid JSON', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: MERGE,
        body: '{"spec":',
      });
      await r.http('patch with an unsupported content type', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        contentType: 'text/plain',
        body: '{}',
      });
      await r.http('merge patch a missing object', {
        method: 'PATCH',
        path: DEPLOY(ns, 'missing'),
        contentType: MERGE,
        body: { spec: { replicas: 1 } },
      });
      await r.http('POST VirtualService', {
        method: 'POST',
        path: VS(ns),
        body: virtualService(ns, 'reviews'),
      });
      await r.http('merge patch VirtualService weights', {
        method: 'PATCH',
        path: VS(ns, 'reviews'),
        contentType: MERGE,
        body: {
          metadata: { annotations: { 'istio-canary/state': '{"phase":"stepping"}' } },
          spec: {
            http: [
              {
                name: 'primary',
                route: [
                  { destination: { host: 'reviews', subset: 'stable' }, weight: 90 },
                  { destination: { host: 'reviews', subset: 'canary' }, weight: 10 },
                ],
              },
            ],
          },
        },
      });
      await r.http('JSON patch VirtualService weight', {
        method: 'PATCH',
        path: VS(ns, 'reviews'),
        contentType: JSONPATCH,
        body: [
          { op: 'test', path: '/spec/http/0/route/1/weight', value: 10 },
          { op: 'replace', path: '/spec/http/0/route/0/weight', value: 40 },
          { op: 'replace', path: '/spec/http/0/route/1/weight', value: 60 },
        ],
      });
      await r.http('strategic merge patch a custom resource (unsupported)', {
        method: 'PATCH',
        path: VS(ns, 'reviews'),
        contentType: STRATEGIC,
        body: { spec: { hosts: ['x'] } },
      });
      await r.http('apply creates an object', {
        method: 'PATCH',
        path: VS(ns, 'applied'),
        query: { fieldManager: 'alice' },
        contentType: APPLY,
        body: toYaml(virtualService(ns, 'applied')),
      });
      await r.http('apply changes an object', {
        method: 'PATCH',
        path: VS(ns, 'applied'),
        query: { fieldManager: 'alice' },
        contentType: APPLY,
        body: toYaml(virtualService(ns, 'applied', { v: '2' }, 30)),
      });
      await r.http('apply without fieldManager', {
        method: 'PATCH',
        path: VS(ns, 'applied'),
        contentType: APPLY,
        body: toYaml(virtualService(ns, 'applied')),
      });
      await r.http('apply with a different name in the body', {
        method: 'PATCH',
        path: VS(ns, 'applied'),
        query: { fieldManager: 'alice' },
        contentType: APPLY,
        body: toYaml(virtualService(ns, 'other')),
      });
      await r.http('apply with a dry run', {
        method: 'PATCH',
        path: VS(ns, 'dry'),
        query: { fieldManager: 'alice', dryRun: 'All' },
        contentType: APPLY,
        body: toYaml(virtualService(ns, 'dry')),
      });
      await r.http('GET the dry-run object (NotFound)', { method: 'GET', path: VS(ns, 'dry') });
      await r.node('client-node merge patch', () =>
        c.objects.patch(
          {
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: { name: 'reviews', namespace: ns, labels: { via: 'node' } },
          },
          undefined,
          undefined,
          'node-patcher',
          undefined,
          PatchStrategy.MergePatch,
        ),
      );
      await r.node('client-node server-side apply', () =>
        c.objects.patch(
          { ...virtualService(ns, 'node-applied'), metadata: { name: 'node-applied', namespace: ns } },
          undefined,
          undefined,
          'node-applier',
          true,
          PatchStrategy.ServerSideApply,
        ),
      );
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'apply-conflicts',
    async run(c) {
      const ns = 'conf-apply';
      const r = recorder(c);
      await r.ns(ns);
      const apply = (label: string, manager: string, body: Json, force = false): Promise<RawResponse> =>
        r.http(label, {
          method: 'PATCH',
          path: DEPLOY(ns, 'web'),
          query: { fieldManager: manager, ...(force ? { force: true } : {}) },
          contentType: APPLY,
          body: toYaml(body),
        });
      await apply('alice applies replicas=2', 'alice', deployment(ns, 'web', { replicas: 2 }));
      await apply('bob applies replicas=3 (Conflict)', 'bob', deployment(ns, 'web', { replicas: 3 }));
      await apply('bob applies the same replicas=2 (shared)', 'bob', deployment(ns, 'web', { replicas: 2 }));
      await apply('bob forces replicas=4', 'bob', deployment(ns, 'web', { replicas: 4 }), true);
      await r.http('carol updates the image with a merge patch', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        query: { fieldManager: 'carol' },
        contentType: MERGE,
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
            },
          },
        },
      });
      await apply(
        'alice re-applies her image (Conflict with an Update manager)',
        'alice',
        deployment(ns, 'web', { replicas: 2 }),
      );
      await apply('alice forces', 'alice', deployment(ns, 'web', { replicas: 2 }), true);
      await apply('force with force=false query', 'bob', deployment(ns, 'web', { replicas: 7 }), false);
      await r.http('force on a non-apply patch', {
        method: 'PATCH',
        path: DEPLOY(ns, 'web'),
        query: { force: true },
        contentType: MERGE,
        body: { spec: { replicas: 1 } },
      });
      // Custom resources: same rules, unknown-field schemas are tracked field by field.
      const vsApply = (label: string, manager: string, weight: number, force = false): Promise<RawResponse> =>
        r.http(label, {
          method: 'PATCH',
          path: VS(ns, 'reviews'),
          query: { fieldManager: manager, ...(force ? { force: true } : {}) },
          contentType: APPLY,
          body: toYaml(virtualService(ns, 'reviews', {}, weight)),
        });
      await vsApply('istio-canary applies weight 10', 'istio-canary', 10);
      await vsApply('another controller applies weight 50 (Conflict)', 'other', 50);
      await vsApply('another controller forces weight 50', 'other', 50, true);
      await r.kubectl(
        'kubectl apply --server-side with another manager (Conflict)',
        ['-n', ns, 'apply', '--server-side', '--field-manager=kubectl-user', '-f', '-'],
        {
          stdin: toYaml(virtualService(ns, 'reviews', {}, 70)),
        },
      );
      await r.kubectl(
        'kubectl apply --server-side --force-conflicts',
        ['-n', ns, 'apply', '--server-side', '--force-conflicts', '--field-manager=kubectl-user', '-f', '-'],
        {
          stdin: toYaml(virtualService(ns, 'reviews', {}, 70)),
        },
      );
      await r.kubectl(
        'kubectl get -o json shows managedFields',
        ['-n', ns, 'get', 'virtualservice', 'reviews', '-o', 'json', '--show-managed-fields'],
        {
          json: true,
        },
      );
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'status-subresource',
    async run(c) {
      const ns = 'conf-status';
      const r = recorder(c);
      await r.ns(ns);
      const created = await r.http('POST with a status (ignored)', {
        method: 'POST',
        path: VS(ns),
        query: { fieldManager: 'creator' },
        body: { ...virtualService(ns, 'reviews'), status: { observedGeneration: 7 } },
      });
      const rv = rvOf(created);
      const status1 = { observedGeneration: 1, conditions: [{ type: 'Reconciled', status: 'True' }] };
      // Each writer below touches only its own part, except the last PUT /status: 1.20 and current
      // Kubernetes track ownership of ignored changes differently (see KNOWN_DIFFERENCES).
      const put = await r.http('PUT /status sets status', {
        method: 'PUT',
        path: `${VS(ns, 'reviews')}/status`,
        query: { fieldManager: 'status-writer' },
        body: {
          ...virtualService(ns, 'reviews'),
          metadata: { name: 'reviews', namespace: ns, resourceVersion: rv },
          status: status1,
        },
      });
      await r.http('PUT /status with the stale resourceVersion (Conflict)', {
        method: 'PUT',
        path: `${VS(ns, 'reviews')}/status`,
        body: {
          ...virtualService(ns, 'reviews'),
          metadata: { name: 'reviews', namespace: ns, resourceVersion: rv },
          status: {},
        },
      });
      const specPut = await r.http('PUT main resource changes spec', {
        method: 'PUT',
        path: VS(ns, 'reviews'),
        query: { fieldManager: 'spec-writer' },
        body: {
          ...virtualService(ns, 'reviews', {}, 20),
          metadata: { name: 'reviews', namespace: ns, resourceVersion: rvOf(put) },
          status: status1,
        },
      });
      void specPut;
      await r.http('merge patch /status', {
        method: 'PATCH',
        path: `${VS(ns, 'reviews')}/status`,
        query: { fieldManager: 'status-patcher' },
        contentType: MERGE,
        body: { status: { observedGeneration: 2 } },
      });
      await r.http('apply /status', {
        method: 'PATCH',
        path: `${VS(ns, 'reviews')}/status`,
        query: { fieldManager: 'status-applier' },
        contentType: APPLY,
        body: toYaml({
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: 'reviews', namespace: ns },
          status: { applied: true },
        }),
      });
      const live = await r.http('GET /status', { method: 'GET', path: `${VS(ns, 'reviews')}/status` });
      const liveObj = live.body as Json;
      const liveMeta = liveObj.metadata as Json;
      await r.http('PUT /status with spec and label changes (ignored)', {
        method: 'PUT',
        path: `${VS(ns, 'reviews')}/status`,
        query: { fieldManager: 'status-ignorer' },
        body: {
          ...liveObj,
          metadata: { ...liveMeta, labels: { ignored: 'yes' } },
          spec: { ...(liveObj.spec as Json), hosts: ['ignored'] },
        },
      });
      await r.http('GET /status of a missing object', { method: 'GET', path: `${VS(ns, 'missing')}/status` });
      await r.http('GET an unknown subresource', { method: 'GET', path: `${VS(ns, 'reviews')}/scale` });
      await r.http('POST Deployment', { method: 'POST', path: DEPLOY(ns), body: deployment(ns, 'web') });
      await r.http('GET Deployment /scale', { method: 'GET', path: `${DEPLOY(ns, 'web')}/scale` });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'delete',
    async run(c) {
      const ns = 'conf-delete';
      const r = recorder(c);
      await r.ns(ns);
      await r.http('POST VirtualService', {
        method: 'POST',
        path: VS(ns),
        body: virtualService(ns, 'reviews'),
      });
      await r.http('POST Deployment', { method: 'POST', path: DEPLOY(ns), body: deployment(ns, 'web') });
      await r.http('POST Deployment 2', { method: 'POST', path: DEPLOY(ns), body: deployment(ns, 'web2') });
      await r.http('DELETE VirtualService', { method: 'DELETE', path: VS(ns, 'reviews') });
      await r.http('GET deleted VirtualService (NotFound)', { method: 'GET', path: VS(ns, 'reviews') });
      await r.http('DELETE it again (NotFound)', { method: 'DELETE', path: VS(ns, 'reviews') });
      await r.http('DELETE Deployment', { method: 'DELETE', path: DEPLOY(ns, 'web') });
      await r.http('DELETE Deployment with a wrong uid precondition (Conflict)', {
        method: 'DELETE',
        path: DEPLOY(ns, 'web2'),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-the-uid' } },
      });
      await r.node('client-node delete Deployment', () =>
        c.objects.delete({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web2', namespace: ns },
        }),
      );
      const del = await r.http('DELETE namespace', { method: 'DELETE', path: `/api/v1/namespaces/${ns}` });
      const rv = rvOf(del);
      await r.http('POST into the terminating namespace (Forbidden)', {
        method: 'POST',
        path: VS(ns),
        body: virtualService(ns, 'late'),
      });
      // Wait for the namespace to go away: the watch ends at its DELETED event.
      const events = await watchUntil(c, '/api/v1/namespaces', rv, ns);
      r.steps.push({
        label: 'namespace watch ends with DELETED',
        via: 'client-node',
        events: [{ type: events.type, name: ns }],
      });
      await r.http('GET deleted namespace (NotFound)', { method: 'GET', path: `/api/v1/namespaces/${ns}` });
      await r.http('DELETE a missing namespace (NotFound)', {
        method: 'DELETE',
        path: `/api/v1/namespaces/${ns}`,
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'errors',
    async run(c) {
      const ns = 'conf-errors';
      const r = recorder(c);
      await r.ns(ns);
      await r.http('GET an unknown group', {
        method: 'GET',
        path: '/apis/nope.example.com/v1/namespaces/default/foos',
      });
      await r.http('GET an unknown resource in a known group', {
        method: 'GET',
        path: `/apis/networking.istio.io/v1/namespaces/${ns}/foos`,
      });
      await r.http('GET an unknown version of a known group', {
        method: 'GET',
        path: `/apis/networking.istio.io/v9/namespaces/${ns}/virtualservices`,
      });
      await r.http('GET a missing object', { method: 'GET', path: VS(ns, 'missing') });
      await r.http('GET in a missing namespace', { method: 'GET', path: VS('no-such-ns', 'x') });
      await r.http('POST into a missing namespace', {
        method: 'POST',
        path: VS('no-such-ns'),
        body: virtualService('no-such-ns', 'x'),
      });
      await r.http('POST invalid JSON', {
        method: 'POST',
        path: DEPLOY(ns),
        body: '{"apiVersion": "apps/v1", "kind": ',
      });
      await r.http('POST a Service body to deployments', {
        method: 'POST',
        path: DEPLOY(ns),
        body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80 }] } },
      });
      await r.http('POST with a namespace that differs from the URL', {
        method: 'POST',
        path: DEPLOY(ns),
        body: deployment('other-ns', 'web'),
      });
      await r.http('POST without a name', {
        method: 'POST',
        path: VS(ns),
        body: { ...virtualService(ns, 'x'), metadata: { namespace: ns } },
      });
      await r.http('POST with an invalid name', {
        method: 'POST',
        path: VS(ns),
        body: virtualService(ns, 'Not_Valid'),
      });
      await r.http('POST a Deployment without selector (Invalid)', {
        method: 'POST',
        path: DEPLOY(ns),
        body: {
          ...deployment(ns, 'bad'),
          spec: {
            template: {
              metadata: { labels: { app: 'bad' } },
              spec: { containers: [{ name: 'app', image: 'x' }] },
            },
          },
        },
      });
      await r.http('POST a Deployment whose selector does not match (Invalid)', {
        method: 'POST',
        path: DEPLOY(ns),
        body: {
          ...deployment(ns, 'bad2'),
          spec: {
            selector: { matchLabels: { app: 'x' } },
            template: {
              metadata: { labels: { app: 'y' } },
              spec: { containers: [{ name: 'app', image: 'x' }] },
            },
          },
        },
      });
      await r.http('create deployment with unknown field, default fieldValidation', {
        method: 'POST',
        path: DEPLOY(ns),
        body: {
          ...deployment(ns, 'unknown1'),
          spec: { ...(deployment(ns, 'unknown1').spec as Json), bogusField: 1 },
        },
      });
      await r.http('create deployment with unknown field, fieldValidation=Strict', {
        method: 'POST',
        path: DEPLOY(ns),
        query: { fieldValidation: 'Strict' },
        body: {
          ...deployment(ns, 'unknown2'),
          spec: { ...(deployment(ns, 'unknown2').spec as Json), bogusField: 1 },
        },
      });
      await r.http('POST with an unsupported content type', {
        method: 'POST',
        path: DEPLOY(ns),
        contentType: 'text/plain',
        body: 'hello',
      });
      await r.http('DELETE the collection of an unknown resource', {
        method: 'DELETE',
        path: `/apis/networking.istio.io/v1/namespaces/${ns}/foos`,
      });
      await r.node('client-node read a missing object', () =>
        c.objects.read({
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          metadata: { name: 'missing', namespace: ns },
        }),
      );
      await r.kubectl('kubectl get an unknown resource type', ['get', 'foos']);
      await r.kubectl('kubectl get a missing object', ['-n', ns, 'get', 'virtualservice', 'missing']);
      await r.kubectl('kubectl create from an invalid manifest', ['-n', ns, 'create', '-f', '-'], {
        // Valid for the schema (kubectl validates on the client against 1.20), invalid for the server.
        stdin: toYaml({ ...deployment(ns, 'x'), metadata: { name: 'Bad_Name', namespace: ns } }),
      });
      return { scenario: this.name, steps: r.steps };
    },
  },
  {
    name: 'kubectl',
    async run(c) {
      const ns = 'conf-kubectl';
      const r = recorder(c);
      // kubectl sends built-in types as protobuf; a namespace of its own keeps a failure here
      // from hiding every later comparison.
      await r.kubectl('kubectl create namespace (protobuf body)', ['create', 'namespace', `${ns}-pb`]);
      await r.ns(ns);
      const manifests = [
        deployment(ns, 'web'),
        virtualService(ns, 'reviews', { app: 'reviews' }),
        {
          apiVersion: 'networking.istio.io/v1',
          kind: 'DestinationRule',
          metadata: { name: 'reviews', namespace: ns },
          spec: {
            host: 'reviews',
            subsets: [
              { name: 'stable', labels: { version: 'v1' } },
              { name: 'canary', labels: { version: 'v2' } },
            ],
          },
        },
      ]
        .map((m) => toYaml(m))
        .join('\n---\n');
      await r.kubectl('kubectl apply --server-side', ['apply', '--server-side', '-f', '-'], {
        stdin: manifests,
      });
      await r.kubectl(
        'kubectl apply --server-side again (unchanged)',
        ['apply', '--server-side', '-f', '-'],
        { stdin: manifests },
      );
      await r.kubectl('kubectl get vs (table)', ['-n', ns, 'get', 'vs']);
      await r.kubectl('kubectl get dr,vs -o name', ['-n', ns, 'get', 'dr,vs', '-o', 'name']);
      await r.kubectl(
        'kubectl get istio-io -o name (category)',
        ['-n', ns, 'get', 'istio-io', '-o', 'name'],
        {
          sortLines: true,
        },
      );
      await r.kubectl('kubectl get vs -o json', ['-n', ns, 'get', 'vs', 'reviews', '-o', 'json'], {
        json: true,
      });
      await r.kubectl('kubectl get vs.v1alpha3 apiVersion', [
        '-n',
        ns,
        'get',
        'virtualservices.v1alpha3.networking.istio.io',
        'reviews',
        '-o',
        'jsonpath={.apiVersion}',
      ]);
      await r.kubectl('kubectl patch --type=merge', [
        '-n',
        ns,
        'patch',
        'vs',
        'reviews',
        '--type=merge',
        '-p',
        '{"spec":{"hosts":["reviews","r2"]}}',
      ]);
      await r.kubectl('kubectl patch --type=json', [
        '-n',
        ns,
        'patch',
        'vs',
        'reviews',
        '--type=json',
        '-p',
        '[{"op":"replace","path":"/spec/http/0/route/1/weight","value":20},{"op":"replace","path":"/spec/http/0/route/0/weight","value":80}]',
      ]);
      await r.kubectl('kubectl patch a Deployment (strategic)', [
        '-n',
        ns,
        'patch',
        'deployment',
        'web',
        '-p',
        '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}}}',
      ]);
      await r.kubectl('kubectl patch a custom resource with strategic (error)', [
        '-n',
        ns,
        'patch',
        'vs',
        'reviews',
        '--type=strategic',
        '-p',
        '{"spec":{}}',
      ]);
      await r.kubectl('kubectl label', ['-n', ns, 'label', 'vs', 'reviews', 'stage=two']);
      await r.kubectl('kubectl annotate', ['-n', ns, 'annotate', 'vs', 'reviews', 'note=x']);
      await r.kubectl('kubectl get -l', ['-n', ns, 'get', 'vs', '-l', 'stage=two', '-o', 'name']);
      await r.kubectl(
        'kubectl get deployment -o json',
        ['-n', ns, 'get', 'deployment', 'web', '-o', 'json'],
        { json: true },
      );
      await r.kubectl('kubectl scale', ['-n', ns, 'scale', 'deployment', 'web', '--replicas=2']);
      await r.kubectl('kubectl api-resources networking.istio.io', [
        'api-resources',
        '--api-group=networking.istio.io',
      ]);
      await r.kubectl('kubectl delete vs', ['-n', ns, 'delete', 'vs', 'reviews']);
      await r.kubectl('kubectl get the deleted vs', ['-n', ns, 'get', 'vs', 'reviews']);
      await r.kubectl('kubectl delete namespace (waits)', ['delete', 'namespace', ns, '--timeout=60s']);
      await r.kubectl('kubectl get the deleted namespace', ['get', 'namespace', ns]);
      return { scenario: this.name, steps: r.steps };
    },
  },
  ...CRD_SCENARIOS,
];

/** Watches namespaces from `rv` until `name` is DELETED; resolves with that event. */
async function watchUntil(c: Client, path: string, rv: string, name: string): Promise<{ type: string }> {
  // Namespace deletion goes through MODIFIED events whose number depends on the controller;
  // only the final DELETED is comparable.
  const events = await c.watch(path, rv, (evs) => evs.some((e) => e.type === 'DELETED'), {
    fieldSelector: `metadata.name=${name}`,
  });
  return { type: events[events.length - 1]?.type ?? 'none' };
}
