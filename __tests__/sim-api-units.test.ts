// The embedded API server's pure pieces: label selectors, patches, field sets and managedFields.
import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from '../src/sim/api/selectors.js';
import { jsonPatch, mergePatch, strategicMerge, PatchError } from '../src/sim/api/patch.js';
import { schemaFor } from '../src/sim/api/schema.js';
import { toFieldsV1, toSet } from '../src/sim/api/fieldset.js';
import { serverSideApply } from '../src/sim/api/managed.js';
import { ApiError } from '../src/sim/api/status.js';
import type { JsonObject } from '../src/sim/api/json.js';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('label selectors', () => {
  const labels = { app: 'podinfo', version: 'canary', tier: '2' };
  it.each([
    ['app=podinfo', true],
    ['app==podinfo,version=ga', false],
    ['version!=ga', true],
    ['version in (ga, canary)', true],
    ['version notin (canary)', false],
    ['app', true],
    ['!app', false],
    ['!missing,tier>1', true],
    ['tier<2', false],
    ['', true],
  ])('%s matches: %s', (sel, want) => {
    expect(parseLabelSelector(sel)(labels)).toBe(want);
  });

  it('rejects an unterminated set with the real message', () => {
    expect(() => parseLabelSelector('tier in (')).toThrow(
      "unable to parse requirement: found '', expected: ',', ')' or identifier",
    );
  });
});

describe('patches', () => {
  it('merge patch deletes with null and replaces lists', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null }, l: [3] })).toEqual({
      a: 1,
      b: { d: 3 },
      l: [3],
    });
  });

  it('JSON patch supports add/replace/remove/move/copy and fails a test op', () => {
    const doc = { a: [1, 2], b: { c: 'x' } };
    expect(
      jsonPatch(doc, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'replace', path: '/b/c', value: 'y' },
        { op: 'copy', from: '/b/c', path: '/d' },
        { op: 'move', from: '/d', path: '/e' },
        { op: 'remove', path: '/a/0' },
        { op: 'test', path: '/a', value: [2, 3] },
      ]),
    ).toEqual({ a: [2, 3], b: { c: 'y' }, e: 'y' });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/b/c', value: 'nope' }])).toThrow(PatchError);
    expect(doc).toEqual({ a: [1, 2], b: { c: 'x' } });
  });

  it('strategic merge merges containers and env by name and honours $patch directives', () => {
    const schema = schemaFor('Deployment', true);
    const live: JsonObject = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'a:1', env: [{ name: 'X', value: '1' }] },
              { name: 'side', image: 's:1' },
            ],
          },
        },
      },
    };
    const out = strategicMerge(
      live,
      {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'app', env: [{ name: 'Y', value: '2' }] },
                { name: 'side', $patch: 'delete' },
              ],
            },
          },
        },
      },
      schema,
    );
    expect(out).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                image: 'a:1',
                env: [
                  { name: 'X', value: '1' },
                  { name: 'Y', value: '2' },
                ],
              },
            ],
          },
        },
      },
    });
    expect(strategicMerge({ a: { b: 1, c: 2 } }, { a: { $patch: 'replace', d: 3 } }, schema)).toEqual({
      a: { d: 3 },
    });
  });
});

describe('field sets', () => {
  it('renders fieldsV1 with keyed list items and "." for members with children', () => {
    const schema = schemaFor('Deployment', true);
    const set = toSet(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x', labels: { app: 'x' } },
        spec: {
          replicas: 2,
          template: { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }] } },
        },
      },
      { schema, markMaps: false },
    );
    expect(toFieldsV1(set)).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"c"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });

  it('server-side apply conflicts name every field and manager; force takes them', () => {
    const schema = schemaFor('ConfigMap', true);
    const cfg = (data: JsonObject): JsonObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data,
    });
    const a = serverSideApply(undefined, cfg({ x: '1', y: '2' }), 'a', 'v1', '', false, schema, NOW);
    let err: unknown;
    try {
      serverSideApply(a, cfg({ x: '9', y: '8' }), 'b', 'v1', '', false, schema, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    const status = (err as ApiError).status;
    expect(status.code).toBe(409);
    expect(status.message).toBe('Apply failed with 2 conflicts: conflicts with "a":\n- .data.x\n- .data.y');
    expect(status.details?.causes?.map((c) => c.field)).toEqual(['.data.x', '.data.y']);
    const forced = serverSideApply(a, cfg({ x: '9' }), 'b', 'v1', '', true, schema, NOW);
    expect(forced['data']).toEqual({ x: '9', y: '2' });
  });

  it('server-side apply removes a keyed list item the applier stopped sending', () => {
    const schema = schemaFor('Deployment', true);
    const dep = (env: JsonObject[]): JsonObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'i', env }] } } },
    });
    const first = serverSideApply(
      undefined,
      dep([
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ]),
      'm',
      'apps/v1',
      '',
      false,
      schema,
      NOW,
    );
    const second = serverSideApply(
      first,
      dep([{ name: 'A', value: '1' }]),
      'm',
      'apps/v1',
      '',
      false,
      schema,
      NOW,
    );
    expect(second['spec']).toEqual({
      template: { spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'A', value: '1' }] }] } },
    });
  });
});
