// Every fault kind of the embedded API server is observable by a client, and the request log
// records what was asked and answered.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../src/sim/api/index.js';
import { jsonInit, openWatch, raw } from './sim-api-support.js';

let api: ApiServer;
const VS = '/apis/networking.istio.io/v1/namespaces/f/virtualservices';
const vs = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'app' },
  spec: { hosts: ['app'], http: [{ route: [{ destination: { host: 'app' }, weight: 100 }] }] },
};

beforeAll(async () => {
  api = await startApiServer({ readinessDelayMs: 0, seed: 3 });
  await raw(
    `${api.url}/api/v1/namespaces`,
    jsonInit('POST', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'f' } }),
  );
  await raw(`${api.url}${VS}`, jsonInit('POST', vs));
});

afterEach(() => api.faults.reset());
afterAll(async () => {
  await api?.close();
});

describe('API faults', () => {
  it('fails only the chosen verbs with 503 at error rate 1', async () => {
    api.faults.set({ errorRate: 1, errorCodes: [503], errorVerbs: ['list'] });
    const list = await raw(`${api.url}${VS}`);
    expect(list.status).toBe(503);
    expect(list.json).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect((await raw(`${api.url}${VS}/app`)).status).toBe(200);
  });

  it('fails a seeded, reproducible share of requests with 500', async () => {
    const statuses = async (server: ApiServer): Promise<number[]> => {
      server.faults.seed(11);
      server.faults.set({ errorRate: 0.3, errorCodes: [500] });
      const out: number[] = [];
      for (let i = 0; i < 60; i++) out.push((await raw(`${server.url}/api/v1/namespaces/default`)).status);
      server.faults.reset();
      return out;
    };
    const other = await startApiServer({ readinessDelayMs: 0 });
    try {
      const a = await statuses(api);
      const b = await statuses(other);
      expect(a).toEqual(b);
      const failures = a.filter((s) => s === 500).length;
      expect(failures).toBeGreaterThan(5);
      expect(failures).toBeLessThan(40);
      const r = await (async () => {
        api.faults.set({ errorRate: 1, errorCodes: [500] });
        return raw(`${api.url}/api/v1/namespaces/default`);
      })();
      expect(r.json).toMatchObject({ reason: 'InternalError', code: 500 });
    } finally {
      await other.close();
    }
  });

  it('throttles with 429 and Retry-After', async () => {
    api.faults.set({ retryAfterSeconds: 3 });
    api.faults.failNext(1, 429, ['patch']);
    const patch = (): Promise<Awaited<ReturnType<typeof raw>>> =>
      raw(
        `${api.url}${VS}/app`,
        jsonInit('PATCH', { metadata: { labels: { a: 'b' } } }, 'application/merge-patch+json'),
      );
    const first = await patch();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.json).toMatchObject({
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
      code: 429,
    });
    expect((await patch()).status).toBe(200);
    api.faults.set({ throttleRate: 1, throttleVerbs: ['get'] });
    expect((await raw(`${api.url}${VS}/app`)).status).toBe(429);
  });

  it('adds latency to every resource request, and records the delay it waited', async () => {
    // The server's own record of the wait it finished (set after the timer fired), not a clock
    // in the test: under load a wall-clock bound says nothing about the fault.
    api.clearRequests();
    api.faults.set({ latencyMs: 150 });
    expect((await raw(`${api.url}${VS}/app`)).status).toBe(200);
    expect((await raw(`${api.url}${VS}`)).status).toBe(200);
    expect((await raw(`${api.url}/version`)).status).toBe(200);
    api.faults.set({ latencyMs: 0 });
    expect((await raw(`${api.url}${VS}/app`)).status).toBe(200);
    expect(api.requests.map((r) => [r.path, r.verb, r.injectedLatencyMs])).toEqual([
      [`${VS}/app`, 'get', 150],
      [VS, 'list', 150],
      ['/version', '', undefined], // not a resource request
      [`${VS}/app`, 'get', undefined],
    ]);
  });

  it('drops every watch after the configured time', async () => {
    api.faults.set({ dropWatchesAfterMs: 100 });
    const ac = new AbortController();
    const w = await openWatch(`${api.url}${VS}?watch=1`, ac.signal);
    const first = JSON.parse(await w.next()) as { type: string };
    expect(first.type).toBe('ADDED');
    // The server ends the stream on its own; the test never aborts it.
    await w.closed();
    ac.abort();
  });

  it('ends a watch after its timeoutSeconds, as the real server does', async () => {
    const ac = new AbortController();
    const w = await openWatch(`${api.url}${VS}?watch=1&timeoutSeconds=1`, ac.signal);
    expect((JSON.parse(await w.next()) as { type: string }).type).toBe('ADDED');
    await w.closed();
    ac.abort();
  });

  it('answers 409 Conflict to the next K updates of a resource, then lets writes through', async () => {
    api.faults.injectConflicts('virtualservices', 2, 'app');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const cur = await raw(`${api.url}${VS}/app`);
      const r = await raw(
        `${api.url}${VS}/app`,
        jsonInit('PUT', {
          ...cur.json,
          metadata: { ...(cur.json['metadata'] as object), labels: { i: String(i) } },
        }),
      );
      statuses.push(r.status);
      if (r.status === 409)
        expect(r.json['message']).toBe(
          'Operation cannot be fulfilled on virtualservices.networking.istio.io "app": the object has been modified; please apply your changes to the latest version and try again',
        );
    }
    expect(statuses).toEqual([409, 409, 200]);
  });

  it('forbids a verb with the real RBAC 403 and reports it through SelfSubjectAccessReview', async () => {
    api.faults.forbid('patch', 'networking.istio.io', 'virtualservices');
    const r = await raw(
      `${api.url}${VS}/app`,
      jsonInit('PATCH', { metadata: { labels: { a: 'c' } } }, 'application/merge-patch+json'),
    );
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'virtualservices.networking.istio.io "app" is forbidden: User "system:serviceaccount:ci:deployer" cannot patch resource "virtualservices" in API group "networking.istio.io" in the namespace "f"',
      reason: 'Forbidden',
      details: { name: 'app', group: 'networking.istio.io', kind: 'virtualservices' },
      code: 403,
    });
    const review = (verb: string): Promise<Awaited<ReturnType<typeof raw>>> =>
      raw(
        `${api.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
        jsonInit('POST', {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              namespace: 'f',
              verb,
              group: 'networking.istio.io',
              resource: 'virtualservices',
            },
          },
        }),
      );
    const denied = await review('patch');
    expect(denied.status).toBe(201);
    expect(denied.json['status']).toMatchObject({ allowed: false });
    expect((await review('get')).json['status']).toMatchObject({ allowed: true });
    api.faults.allow('patch', 'networking.istio.io', 'virtualservices');
    expect((await review('patch')).json['status']).toMatchObject({ allowed: true });
  });

  it('logs every request with verb, resource, name, status and query', async () => {
    api.clearRequests();
    await raw(
      `${api.url}${VS}/app?fieldManager=me`,
      jsonInit('PATCH', { metadata: { labels: { log: '1' } } }, 'application/merge-patch+json'),
    );
    await raw(`${api.url}${VS}?labelSelector=log%3D1`);
    const log = api.requests.map((e) => ({
      verb: e.verb,
      resource: e.resource,
      name: e.name,
      status: e.status,
      namespace: e.namespace,
    }));
    expect(log).toEqual([
      { verb: 'patch', resource: 'virtualservices', name: 'app', status: 200, namespace: 'f' },
      { verb: 'list', resource: 'virtualservices', name: '', status: 200, namespace: 'f' },
    ]);
    expect(api.requests[0]?.query).toEqual({ fieldManager: 'me' });
    expect(api.requests[0]?.contentType).toBe('application/merge-patch+json');
    expect(Date.parse(api.requests[0]?.time ?? '')).not.toBeNaN();
  });
});
