// The comparison logic itself, driven by the checked-in records of the real 1.20.2 server
// (no server needed): identical answers agree, any changed field is reported with its path,
// and each known 1.20-vs-current difference is expected explicitly, not ignored.
import { describe, expect, test } from 'vitest';
import {
  compare,
  expectedMesh,
  fields,
  KNOWN_DIFFERENCES,
  normalize,
  normalizeText,
  type Observation,
  type Step,
} from './compare.js';
import { SCENARIOS } from './scenarios.js';
import { readSnapshot } from './snapshots.js';

const names = SCENARIOS.map((s) => s.name);

function mutate(obs: Observation, fn: (s: Step) => void): Observation {
  const copy = structuredClone(obs);
  const first = copy.steps[0];
  if (!first) throw new Error('empty observation');
  fn(first);
  return copy;
}

describe('compare()', () => {
  test.each(names)(
    'finds no difference between the %s record and the mesh answer it implies',
    async (name) => {
      const real = await readSnapshot(name);
      const result = compare(real, expectedMesh(real));
      expect(result.differences).toEqual([]);
      expect(result.compared).toBe(fields(expectedMesh(real)).size);
      expect(result.compared).toBeGreaterThan(0);
    },
  );

  test.each(names)('reports a changed status code in %s with the step and field path', async (name) => {
    const real = await readSnapshot(name);
    const first = real.steps[0];
    if (!first) throw new Error('empty record');
    const mesh = mutate(expectedMesh(real), (s) => {
      s.status = 599;
      s.exitCode = 99;
    });
    const diffs = compare(real, mesh).differences;
    expect(diffs.length).toBeGreaterThan(0);
    expect(
      diffs.map((d) => d.path).some((p) => p === `${first.label}.status` || p === `${first.label}.exitCode`),
    ).toBe(true);
  });

  test('reports a field the mesh adds and a field it leaves out', () => {
    const real: Observation = {
      scenario: 'x',
      steps: [{ label: 'get', via: 'http', status: 200, body: { a: 1, b: { c: 2 } } }],
    };
    const mesh: Observation = {
      scenario: 'x',
      steps: [{ label: 'get', via: 'http', status: 200, body: { a: 1, d: 3 } }],
    };
    expect(compare(real, mesh, []).differences).toEqual([
      { scenario: 'x', path: 'get.body.b.c', real: 2, mesh: '<absent>' },
      { scenario: 'x', path: 'get.body.d', real: '<absent>', mesh: 3 },
    ]);
  });

  test('a missing step is a difference for every field of it', () => {
    const real: Observation = {
      scenario: 'x',
      steps: [
        { label: 'a', via: 'http', status: 200 },
        { label: 'b', via: 'http', status: 404 },
      ],
    };
    const mesh: Observation = { scenario: 'x', steps: [{ label: 'a', via: 'http', status: 200 }] };
    expect(compare(real, mesh, []).differences).toEqual([
      { scenario: 'x', path: 'b.status', real: 404, mesh: '<absent>' },
    ]);
  });
});

describe('known differences between 1.20 and current Kubernetes', () => {
  test('every known difference has a reason and a unique id', () => {
    const ids = KNOWN_DIFFERENCES.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of KNOWN_DIFFERENCES) expect(k.reason.length).toBeGreaterThan(30);
  });

  test('the mesh must not print the version skew warning that kubectl prints for 1.20', () => {
    const warning =
      'WARNING: version difference between client (1.32) and server (1.20) exceeds the supported minor version skew of +/-1\n';
    const real: Observation = {
      scenario: 'k',
      steps: [{ label: 'get', via: 'kubectl', exitCode: 0, stdout: 'x', stderr: warning }],
    };
    expect(expectedMesh(real).steps[0]?.stderr).toBe('');
    expect(compare(real, real).differences).toEqual([
      { scenario: 'k', path: 'get.stderr', real: '', mesh: warning },
    ]);
  });

  test('namespaces are expected with the kubernetes.io/metadata.name label', () => {
    const real: Observation = {
      scenario: 'n',
      steps: [
        { label: 'ns', via: 'http', status: 201, body: { kind: 'Namespace', metadata: { name: 'a' } } },
      ],
    };
    expect(expectedMesh(real).steps[0]?.body).toEqual({
      kind: 'Namespace',
      metadata: { labels: { 'kubernetes.io/metadata.name': 'a' }, name: 'a' },
    });
  });

  test('a strict unknown field is expected as a 400 from the mesh where 1.20 created the object', async () => {
    const real = await readSnapshot('errors');
    const step = expectedMesh(real).steps.find(
      (s) => s.label === 'create deployment with unknown field, fieldValidation=Strict',
    );
    expect(step?.status).toBe(400);
    expect(step?.reason).toBe('BadRequest');
    const realStep = real.steps.find(
      (s) => s.label === 'create deployment with unknown field, fieldValidation=Strict',
    );
    expect(realStep?.status).toBe(201);
  });
});

describe('normalize()', () => {
  test('drops uids, times, selfLink and resourceVersion values but keeps their presence', () => {
    const out = normalize({
      kind: 'VirtualService',
      metadata: {
        name: 'gen-abc12',
        generateName: 'gen-',
        uid: 'u',
        selfLink: '/x',
        resourceVersion: '123',
        creationTimestamp: '2026-01-01T00:00:00Z',
        managedFields: [
          { manager: 'm', time: '2026-01-01T00:00:00Z' },
          { manager: 'kube-controller-manager' },
        ],
      },
    });
    expect(out).toEqual({
      kind: 'VirtualService',
      metadata: {
        name: 'gen-<suffix>',
        generateName: 'gen-',
        resourceVersion: '<rv>',
        managedFields: [{ manager: 'm' }],
      },
    });
  });

  test('drops Deployment status, which the controller writes at its own pace', () => {
    expect(normalize({ kind: 'Deployment', metadata: {}, status: { replicas: 1 } })).toEqual({
      kind: 'Deployment',
      metadata: {},
    });
  });

  test('replaces ages in kubectl tables', () => {
    expect(normalizeText('NAME  AGE\nreviews  5s\nold  3m2s  ')).toBe(
      'NAME  AGE\nreviews  <age>\nold  <age>',
    );
  });
});
