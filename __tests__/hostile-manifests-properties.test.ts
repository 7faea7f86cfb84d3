// Property tests for the manifest validators: whatever the input, they answer with problems
// (never a crash), every weight list that does not sum to 100 is refused, and the byte-level
// checks (UTF-8, JSON size) agree with the platform's own decoder and serializer.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  MAX_OBJECT_BYTES,
  decodeManifestBytes,
  firstInvalidUtf8,
  jsonSizeUpTo,
  parseManifestText,
  selectCanaryContainer,
  validateManifests,
  type ManifestDoc,
} from '../src/kube/manifests.js';
import type { KubeObject } from '../src/kube/client.js';

const vsWith = (weights: unknown[]): ManifestDoc => ({
  file: 'vs.yaml',
  index: 1,
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'web' },
    spec: {
      hosts: ['web'],
      http: [
        {
          route: weights.map((w, i) => ({
            destination: { host: 'web', subset: `v${i + 1}` },
            ...(w === undefined ? {} : { weight: w }),
          })),
        },
      ],
    },
  },
});

const weightProblems = (weights: unknown[]) =>
  validateManifests([vsWith(weights)], 'shop').problems.filter((p) => /weight/.test(p));

describe('validators never crash', () => {
  it('any YAML-dumpable value as a document: parse and validate answer with problems or documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = dump(value);
        const parsed = parseManifestText('x.yaml', text);
        const { problems } = validateManifests(parsed.docs, 'shop');
        for (const p of [...parsed.problems, ...problems]) expect(p).toMatch(/^x\.yaml document 1/);
      }),
      { numRuns: 300 },
    );
  });

  it('random mappings shaped like Kubernetes objects: validation names the document in every problem', () => {
    const field = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const object = fc.record({
      apiVersion: fc.oneof(fc.constantFrom('v1', 'apps/v1', 'networking.istio.io/v1'), field),
      kind: fc.oneof(
        fc.constantFrom('Service', 'Deployment', 'VirtualService', 'DestinationRule', 'Namespace'),
        field,
      ),
      metadata: fc.oneof(fc.record({ name: field, namespace: field }), field),
      spec: fc.oneof(
        fc.record({
          http: fc.oneof(
            fc.array(fc.record({ route: fc.array(fc.record({ destination: field, weight: field })) })),
            field,
          ),
        }),
        field,
      ),
    });
    fc.assert(
      fc.property(fc.array(object, { maxLength: 4 }), (objects) => {
        const docs = objects.map((o, i) => ({ file: 'r.yaml', index: i + 1, object: o as KubeObject }));
        const { problems } = validateManifests(docs, 'shop');
        for (const p of problems) expect(p).toMatch(/^r\.yaml document \d+|^r\.yaml/);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text never throws from the parser', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { problems } = parseManifestText('t.yaml', text);
        for (const p of problems) expect(p).toMatch(/^t\.yaml document \d+: /);
      }),
      { numRuns: 500 },
    );
  });
});

describe('weights', () => {
  const weight = fc.integer({ min: 0, max: 100 });

  it('any list of whole-number weights that does not sum to 100 is refused, with the sum', () => {
    fc.assert(
      fc.property(
        fc
          .array(weight, { minLength: 1, maxLength: 6 })
          .filter((ws) => ws.reduce((a, b) => a + b, 0) !== 100),
        (ws) => {
          const sum = ws.reduce((a, b) => a + b, 0);
          expect(weightProblems(ws)).toEqual([expect.stringContaining(`weights sum to ${sum} (`)]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('whole-number weights from 0 to 100 summing to 100 are accepted', () => {
    const summing = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 100];
      return points.slice(1).map((p, i) => p - points[i]!);
    });
    fc.assert(
      fc.property(summing, (ws) => {
        expect(ws.reduce((a, b) => a + b, 0)).toBe(100);
        expect(weightProblems(ws)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a weight that is not a whole number from 0 to 100 is refused, naming the destination', () => {
    const bad = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map(String),
      fc.double({ min: 0.01, max: 99.99, noNaN: true }).filter((d) => !Number.isInteger(d)),
      fc.integer({ min: 101, max: 10_000 }),
      fc.integer({ min: -10_000, max: -1 }),
      fc.boolean(),
      fc.constant({}),
    );
    fc.assert(
      fc.property(bad, fc.nat({ max: 2 }), (w, at) => {
        const ws: unknown[] = [50, 50, 0];
        ws[at] = w;
        const problems = weightProblems(ws);
        expect(
          problems.some((p) => p.includes(`route[${at}] (host web, subset v${at + 1}) weight is `)),
        ).toBe(true);
        expect(problems.join('\n')).toMatch(/accepted: a whole number from 0 to 100/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bytes and sizes', () => {
  it('firstInvalidUtf8 agrees with the strict TextDecoder on random bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const valid = (b: Uint8Array) => {
      try {
        decoder.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.uint8Array({ minLength: 1, maxLength: 3 }))
        .map(([s, tail]) => new Uint8Array([...new TextEncoder().encode(s), ...tail])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(valid(b));
        if (at >= 0) {
          // Everything before the offset is valid UTF-8 on its own.
          expect(valid(b.subarray(0, at))).toBe(true);
          expect(decodeManifestBytes('f.yaml', b)).toEqual({
            problem: expect.stringContaining(`f.yaml: byte ${at} (line `) as string,
          });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('jsonSizeUpTo is the byte length of the JSON, and stops early past the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const exact = Buffer.byteLength(JSON.stringify(v));
        expect(jsonSizeUpTo(v, Number.MAX_SAFE_INTEGER)).toBe(exact);
        expect(jsonSizeUpTo(v, MAX_OBJECT_BYTES) > MAX_OBJECT_BYTES).toBe(exact > MAX_OBJECT_BYTES);
      }),
      { numRuns: 500 },
    );
    // Shared references (what YAML aliases produce) are counted as expanded, without expanding them.
    let v: unknown = 'x'.repeat(100);
    for (let i = 0; i < 30; i++) v = [v, v];
    expect(jsonSizeUpTo(v, MAX_OBJECT_BYTES)).toBeGreaterThan(MAX_OBJECT_BYTES);
  });
});

describe('selectCanaryContainer', () => {
  const deployment = (
    name: string,
    containers: [string, string][],
    annotations?: Record<string, string>,
  ) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      template: {
        metadata: annotations ? { annotations } : {},
        spec: {
          initContainers: [{ name: 'init', image: 'busybox:1' }],
          containers: containers.map(([n, image]) => ({ name: n, image })),
        },
      },
    },
  });

  it('the input wins; an unknown input lists the containers', () => {
    const canary = deployment('c', [
      ['app', 'a:2'],
      ['proxy', 'p:1'],
    ]);
    expect(selectCanaryContainer(canary, null, 'proxy')).toBe('proxy');
    expect(() => selectCanaryContainer(canary, null, 'init')).toThrow(
      /container: canary Deployment c has no container "init"; its containers are app \(a:2\), proxy \(p:1\) \(init containers are never changed\)/,
    );
  });

  it('the only container, else the default-container annotation', () => {
    expect(selectCanaryContainer(deployment('c', [['web', 'w:1']]), null, null)).toBe('web');
    const annotated = deployment(
      'c',
      [
        ['app', 'a:2'],
        ['proxy', 'p:1'],
      ],
      {
        'kubectl.kubernetes.io/default-container': 'app',
      },
    );
    expect(selectCanaryContainer(annotated, null, null)).toBe('app');
  });

  it('matches stable by name, else by image repository ignoring registry, tag and digest', () => {
    const stable = deployment('s', [
      ['podinfo', 'ghcr.io/stefanprodan/podinfo:6.0.0'],
      ['shipper', 'fluent-bit:3'],
    ]);
    // By name: the sidecar is unchanged, the app container differs.
    const byName = deployment('c', [
      ['podinfo', 'ghcr.io/stefanprodan/podinfo:6.1.0'],
      ['shipper', 'fluent-bit:3'],
    ]);
    expect(selectCanaryContainer(byName, stable, null)).toBe('podinfo');
    // By repository: the canary's container is named differently.
    const byRepo = deployment('c', [
      ['app', 'docker.io/stefanprodan/podinfo@sha256:0123456789abcdef'],
      ['metrics', 'prom/statsd-exporter:1'],
    ]);
    expect(selectCanaryContainer(byRepo, stable, null)).toBe('app');
  });

  it('several candidates without the input: an error that lists them and says to set container', () => {
    const stable = deployment('s', [
      ['app', 'a:1'],
      ['shipper', 'f:1'],
    ]);
    const canary = deployment('c', [
      ['app', 'a:1'],
      ['shipper', 'f:1'],
    ]);
    expect(() => selectCanaryContainer(canary, stable, null)).toThrow(
      /candidates: app \(a:1\), shipper \(f:1\); set the container input/,
    );
    expect(() =>
      selectCanaryContainer(
        deployment('c', [
          ['x', 'x:1'],
          ['y', 'y:1'],
        ]),
        null,
        null,
      ),
    ).toThrow(
      /has 2 containers \(x \(x:1\), y \(y:1\)\) and no stable Deployment to compare with; set the container input/,
    );
  });
});

describe('the preflight checks every namespace that will be written', () => {
  it('the promotion permissions in each namespace, patch on each written resource in its namespace', async () => {
    const { rbacChecks, requiredPermissions } = await import('../src/kube/preflight.js');
    const { manifestWrites } = await import('../src/kube/manifests.js');
    const writes = manifestWrites([
      {
        file: 'a.yaml',
        index: 1,
        object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      },
      {
        file: 'a.yaml',
        index: 2,
        object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } },
      },
      {
        file: 'a.yaml',
        index: 3,
        object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'edge' } },
      },
    ]);
    expect(writes).toEqual([
      { group: '', resource: 'namespaces', namespace: null },
      { group: '', resource: 'services', namespace: 'shop' },
      { group: 'apps', resource: 'deployments', namespace: 'edge' },
    ]);
    const checks = rbacChecks('shop', false, writes).map(
      (c) => `${c.verb} ${c.group}/${c.resource} ${c.clusterScoped ? '*' : c.namespace}`,
    );
    const perNamespace = requiredPermissions(false).reduce((n, p) => n + p.verbs.length, 0);
    for (const ns of ['shop', 'edge'])
      expect(checks.filter((c) => c.endsWith(` ${ns}`) && !c.startsWith('patch /services')).length).toBe(
        perNamespace,
      );
    expect(checks).toContain('patch /services shop');
    expect(checks).toContain('patch apps/deployments edge');
    expect(checks).toContain('patch /namespaces *');
    // No duplicates: deployments patch in edge is already one of the promotion's own checks.
    expect(new Set(checks).size).toBe(checks.length);
  });
});
