// Bad requests get the real server's answers, arbitrary input never crashes the server, and
// concurrent requests and watches lose nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startApiServer, type ApiServer } from '../src/sim/api/index.js';
import { jsonInit, openWatch, raw } from './sim-api-support.js';

let api: ApiServer;
const cm = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  ...extra,
});

beforeAll(async () => {
  api = await startApiServer({ readinessDelayMs: 0 });
  await raw(
    `${api.url}/api/v1/namespaces`,
    jsonInit('POST', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'e' } }),
  );
});

afterAll(async () => {
  await api?.close();
});

describe('error answers', () => {
  it('answers the plain 404 page for an unknown resource or group, as the real server does', async () => {
    const r = await raw(`${api.url}/apis/apps/v1/namespaces/e/widgets`);
    expect(r.status).toBe(404);
    expect(r.text).toBe('404 page not found\n');
    const g = await raw(`${api.url}/apis/nope.example.com/v1/widgets`);
    expect(g.status).toBe(404);
    expect(g.text).toBe('404 page not found\n');
  });

  it('answers 404 with the qualified resource name for a missing object', async () => {
    const r = await raw(`${api.url}/apis/networking.istio.io/v1beta1/namespaces/e/virtualservices/missing`);
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      reason: 'NotFound',
      message: 'virtualservices.networking.istio.io "missing" not found',
      details: { name: 'missing', group: 'networking.istio.io', kind: 'virtualservices' },
    });
  });

  it('answers 409 Conflict for an update with a stale resourceVersion', async () => {
    const created = await raw(`${api.url}/api/v1/namespaces/e/configmaps`, jsonInit('POST', cm('stale')));
    const rv = (created.json['metadata'] as { resourceVersion: string }).resourceVersion;
    await raw(
      `${api.url}/api/v1/namespaces/e/configmaps/stale`,
      jsonInit('PUT', cm('stale', { data: { a: '1' } })),
    );
    const r = await raw(
      `${api.url}/api/v1/namespaces/e/configmaps/stale`,
      jsonInit('PUT', { ...cm('stale'), metadata: { name: 'stale', resourceVersion: rv } }),
    );
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({
      reason: 'Conflict',
      code: 409,
      message:
        'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('answers 400 BadRequest for an unparsable body', async () => {
    const r = await raw(`${api.url}/api/v1/namespaces/e/configmaps`, jsonInit('POST', '{not json'));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(String(r.json['message'])).toMatch(
      /^the object provided is unrecognized \(must be of type ConfigMap\): couldn't get version\/kind; json parse error/,
    );
  });

  it('answers 422 Invalid with causes for a missing or malformed name', async () => {
    const missing = await raw(
      `${api.url}/api/v1/namespaces/e/configmaps`,
      jsonInit('POST', { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }),
    );
    expect(missing.status).toBe(422);
    expect(missing.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
      reason: 'Invalid',
      details: {
        kind: 'ConfigMap',
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: name or generateName is required',
            field: 'metadata.name',
          },
        ],
      },
      code: 422,
    });
    const bad = await raw(
      `${api.url}/apis/apps/v1/namespaces/e/deployments`,
      jsonInit('POST', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'Bad_Name' },
        spec: {},
      }),
    );
    expect(bad.status).toBe(422);
    expect(String(bad.json['message'])).toMatch(
      /^Deployment\.apps "Bad_Name" is invalid: \[metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    expect((bad.json['details'] as { causes: { field: string }[] }).causes.map((c) => c.field)).toContain(
      'spec.selector',
    );
  });

  it('rejects a body of the wrong kind or apiVersion as the real server does (400 typed, 422 custom resources)', async () => {
    const typed = await raw(
      `${api.url}/api/v1/namespaces/e/configmaps`,
      jsonInit('POST', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }),
    );
    expect(typed.status).toBe(400);
    expect(String(typed.json['message'])).toContain(
      'Secret in version "v1" cannot be handled as a ConfigMap',
    );
    const version = await raw(
      `${api.url}/apis/apps/v1/namespaces/e/deployments`,
      jsonInit('POST', { apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'x' } }),
    );
    expect(version.status).toBe(400);
    expect(version.json['message']).toBe(
      'the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)',
    );
    const crd = await raw(
      `${api.url}/apis/networking.istio.io/v1/namespaces/e/virtualservices`,
      jsonInit('POST', { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'x' } }),
    );
    expect(crd.status).toBe(422);
    expect(crd.json).toMatchObject({
      reason: 'Invalid',
      details: {
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'kind',
            message: 'Invalid value: "Gateway": must be VirtualService',
          },
        ],
      },
    });
  });

  it('answers 405 for a verb the resource does not serve, 415 for a non-patch type and for strategic merge on a CRD', async () => {
    const post = await raw(`${api.url}/api/v1/namespaces/e/configmaps/x`, jsonInit('POST', cm('x')));
    expect(post.status).toBe(405);
    expect(post.json).toMatchObject({ reason: 'MethodNotAllowed' });
    const patch = await raw(
      `${api.url}/api/v1/namespaces/e/configmaps/stale`,
      jsonInit('PATCH', '{}', 'text/plain'),
    );
    expect(patch.status).toBe(415);
    expect(patch.json).toMatchObject({
      reason: 'UnsupportedMediaType',
      message: '415: Unsupported Media Type',
    });
    await raw(
      `${api.url}/apis/networking.istio.io/v1/namespaces/e/gateways`,
      jsonInit('POST', { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw' } }),
    );
    const smp = await raw(
      `${api.url}/apis/networking.istio.io/v1/namespaces/e/gateways/gw`,
      jsonInit('PATCH', '{}', 'application/strategic-merge-patch+json'),
    );
    expect(smp.status).toBe(415);
    expect(smp.json).toMatchObject({ reason: 'UnsupportedMediaType' });
  });

  it('answers a watch from an unparsable resourceVersion with the real 500', async () => {
    const r = await raw(`${api.url}/api/v1/namespaces/e/configmaps?watch=1&resourceVersion=abc`);
    expect(r.status).toBe(500);
    expect(r.json['message']).toBe(
      'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    );
  });

  it('drops unknown fields of built-in kinds with a warning, and rejects them with fieldValidation=Strict', async () => {
    const d = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'unknown-field' },
      data: { a: '1' },
      bogus: 1,
    };
    const warn = await raw(`${api.url}/api/v1/namespaces/e/configmaps`, jsonInit('POST', d));
    expect(warn.status).toBe(201);
    expect(warn.json['bogus']).toBeUndefined();
    expect(warn.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
    const strict = await raw(
      `${api.url}/api/v1/namespaces/e/configmaps?fieldValidation=Strict`,
      jsonInit('POST', { ...d, metadata: { name: 'strict' } }),
    );
    expect(strict.status).toBe(400);
    expect(strict.json['message']).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
    );
  });

  it('refuses new objects in a namespace that does not exist', async () => {
    const r = await raw(`${api.url}/api/v1/namespaces/ghost/configmaps`, jsonInit('POST', cm('x')));
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ message: 'namespaces "ghost" not found' });
  });

  it('never crashes or answers 500 on arbitrary requests', async () => {
    const paths = fc.constantFrom(
      '/api/v1/namespaces/e/configmaps',
      '/api/v1/namespaces/e/configmaps/fuzz',
      '/apis/apps/v1/namespaces/e/deployments/fuzz',
      '/apis/apps/v1/namespaces/e/deployments/fuzz/scale',
      '/apis/apps/v1/namespaces/e/deployments/fuzz/status',
      '/apis/networking.istio.io/v1alpha3/namespaces/e/virtualservices/fuzz',
      '/api/v1/namespaces/fuzz',
      '/apis/coordination.k8s.io/v1/namespaces/e/leases/fuzz',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      '/api/v1/namespaces/e/configmaps?watch=1&resourceVersion=abc',
      '/api/v1/namespaces/e/configmaps?labelSelector=%3D%3D%3D&limit=-1',
      '/api/v1/namespaces/e/configmaps?continue=%7B',
    );
    const bodies = fc.oneof(
      fc.json(),
      fc.string(),
      fc
        .record({
          apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.istio.io/v1alpha3', 'x'),
          kind: fc.constantFrom('ConfigMap', 'Deployment', 'VirtualService', 'Namespace', 'Lease'),
          metadata: fc.oneof(fc.constant({ name: 'fuzz' }), fc.json()),
          spec: fc.json(),
          status: fc.json(),
          data: fc.json(),
        })
        .map((o) => JSON.stringify(o)),
      fc.constant('[{"op":"remove","path":"/spec/x"}]'),
      fc.constant('[{"op":"test","path":"/metadata/name","value":"nope"}]'),
    );
    const types = fc.constantFrom(
      'application/json',
      'application/merge-patch+json',
      'application/json-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
      'application/yaml',
      'text/plain',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        paths,
        bodies,
        types,
        async (method, path, body, type) => {
          const url = `${api.url}${path}${path.includes('?') ? '&' : '?'}fieldManager=fuzz`;
          const ac = new AbortController();
          const res = await fetch(url, {
            method,
            headers: { 'Content-Type': type },
            body: method === 'GET' ? undefined : body,
            signal: ac.signal,
          });
          const isWatch = path.includes('watch=1') && method === 'GET';
          if (isWatch) ac.abort();
          const text = isWatch ? '' : await res.text();
          // The real server answers an unparsable watch resourceVersion and an unparsable JSON patch
          // with a 500; nothing else may.
          const known =
            path.includes('resourceVersion=abc') || text.includes('"message":"Invalid JSON Patch"');
          if (!known) expect(res.status, `${method} ${path} ${type} ${body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 42 },
    );
    expect((await raw(`${api.url}/version`)).status).toBe(200);
  });
});

describe('concurrency', () => {
  it('answers 1,000 concurrent creates, each with its own resourceVersion', async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        raw(`${api.url}/api/v1/namespaces/e/configmaps`, jsonInit('POST', cm(`c-${i}`))),
      ),
    );
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const rvs = new Set(
      results.map((r) => (r.json['metadata'] as { resourceVersion: string }).resourceVersion),
    );
    expect(rvs.size).toBe(1000);
    const list = await raw(`${api.url}/api/v1/namespaces/e/configmaps?labelSelector=`);
    expect(
      (list.json['items'] as unknown[]).filter((i) =>
        String((i as { metadata: { name: string } }).metadata.name).startsWith('c-'),
      ),
    ).toHaveLength(1000);
  });

  it('delivers every event to 50 concurrent watches, in order', async () => {
    await raw(
      `${api.url}/api/v1/namespaces`,
      jsonInit('POST', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'w' } }),
    );
    const start = await raw(`${api.url}/api/v1/namespaces/w/configmaps`);
    const rv = (start.json['metadata'] as { resourceVersion: string }).resourceVersion;
    const ac = new AbortController();
    const watches = await Promise.all(
      Array.from({ length: 50 }, () =>
        openWatch(`${api.url}/api/v1/namespaces/w/configmaps?watch=1&resourceVersion=${rv}`, ac.signal),
      ),
    );
    const N = 200;
    const writes = Promise.all(
      Array.from({ length: N }, (_, i) =>
        raw(`${api.url}/api/v1/namespaces/w/configmaps`, jsonInit('POST', cm(`e-${i}`))),
      ),
    );
    try {
      const seen = await Promise.all(
        watches.map(async (w) => {
          const rvs: number[] = [];
          while (rvs.length < N) {
            const ev = JSON.parse(await w.next()) as {
              type: string;
              object: { metadata: { resourceVersion: string } };
            };
            expect(ev.type).toBe('ADDED');
            rvs.push(Number(ev.object.metadata.resourceVersion));
          }
          return rvs;
        }),
      );
      await writes;
      for (const rvs of seen) {
        expect(new Set(rvs).size).toBe(N);
        expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
      }
    } finally {
      ac.abort();
    }
  });
});
