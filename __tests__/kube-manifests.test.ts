import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  imagesOf,
  orderForApply,
  parseManifestText,
  readManifests,
  validateManifests,
  withImage,
} from '../src/kube/manifests.js';
import { describeRollout, isRolledOut } from '../src/kube/rollout.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/promote');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'promote-manifests-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('reading manifests', () => {
  it('reads globs and directories of multi-document YAML in a stable order', async () => {
    const docs = await readManifests(['podinfo/*.yaml'], FIXTURES);
    expect(docs.map((d) => `${d.object.kind}/${d.object.metadata?.name}`)).toEqual([
      'Deployment/podinfo-ga',
      'Deployment/podinfo-canary',
      'Service/podinfo',
      'DestinationRule/podinfo',
      'Gateway/podinfo-gateway',
      'VirtualService/podinfo',
      'Namespace/test',
    ]);
    expect(docs.find((d) => d.object.kind === 'VirtualService')).toMatchObject({
      file: 'podinfo/istio.yaml',
      index: 4,
    });
    const fromDir = await readManifests(['flask'], FIXTURES);
    expect(fromDir).toHaveLength(6);
  });

  it('names the file, the document and the line of bad YAML', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   bad: indent\n';
    const { problems } = parseManifestText('app.yaml', text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^app.yaml document 2: invalid YAML at line 9/);
  });

  it('reports a pattern that matches nothing', async () => {
    await expect(readManifests(['nothing/*.yaml'], dir)).rejects.toThrow(
      /nothing\/\*\.yaml: no file matches/,
    );
  });

  it('skips empty documents and expands List objects', async () => {
    await mkdir(path.join(dir, 'l'), { recursive: true });
    await writeFile(
      path.join(dir, 'l/list.yaml'),
      '---\n# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n',
    );
    const docs = await readManifests(['l/list.yaml'], dir);
    expect(docs.map((d) => d.object.metadata?.name)).toEqual(['a', 'b']);
  });
});

describe('validating manifests', () => {
  it('defaults the namespace of namespaced objects only', async () => {
    const docs = await readManifests(['flask'], FIXTURES);
    const { docs: out, problems } = validateManifests(docs, 'shop');
    expect(problems).toEqual([]);
    expect(out.every((d) => d.object.metadata?.namespace === 'shop')).toBe(true);
  });

  it('collects every problem with its file and document', () => {
    const { problems } = validateManifests(
      [
        { file: 'a.yaml', index: 1, object: { kind: 'ConfigMap', metadata: { name: 'x' } } },
        { file: 'a.yaml', index: 2, object: { apiVersion: 'v1', kind: 'Frob', metadata: { name: 'x' } } },
        {
          file: 'b.yaml',
          index: 1,
          object: {
            apiVersion: 'networking.istio.io/v1alpha3',
            kind: 'VirtualService',
            metadata: { name: 'podinfo' },
            spec: {
              http: [
                {
                  route: [
                    { destination: { name: 'podinfo.test', subset: 'canary' }, weight: 0 },
                    { destination: { name: 'podinfo.test', subset: 'ga' }, weight: 100 },
                  ],
                },
              ],
            },
          },
        },
      ],
      'test',
    );
    expect(problems[0]).toMatch(/^a.yaml document 1 \(ConfigMap x\): missing apiVersion/);
    expect(problems[1]).toMatch(/^a.yaml document 2 \(Frob x\): unknown kind Frob/);
    expect(problems[2]).toMatch(
      /^b.yaml document 1 .*destination.name "podinfo.test" .*use destination.host: podinfo.test/,
    );
  });

  it('accepts kinds defined by a CRD in the same manifests', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    };
    const { problems } = validateManifests(
      [
        { file: 'c.yaml', index: 1, object: crd },
        {
          file: 'c.yaml',
          index: 2,
          object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
        },
      ],
      'test',
    );
    expect(problems).toEqual([]);
  });
});

describe('Gateway API kinds', () => {
  const doc = (index: number, apiVersion: string, kind: string, name: string) => ({
    file: 'gw.yaml',
    index,
    object: { apiVersion, kind, metadata: { name } },
  });

  it('accepts Gateway API Gateways, HTTPRoutes and ReferenceGrants and applies routes after their Gateway', () => {
    const { docs, problems } = validateManifests(
      [
        doc(1, 'gateway.networking.k8s.io/v1', 'HTTPRoute', 'web'),
        doc(2, 'gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'from-gw'),
        doc(3, 'gateway.networking.k8s.io/v1', 'Gateway', 'edge'),
        doc(4, 'networking.istio.io/v1', 'Gateway', 'istio-edge'),
      ],
      'shop',
    );
    expect(problems).toEqual([]);
    expect(docs.every((d) => d.object.metadata?.namespace === 'shop')).toBe(true);
    const order = orderForApply(docs).map((d) => `${d.object.kind}/${d.object.metadata?.name}`);
    expect(order.indexOf('HTTPRoute/web')).toBeGreaterThan(order.indexOf('Gateway/edge'));
  });

  it('names an HTTPRoute apiVersion that is not served', () => {
    const { problems } = validateManifests(
      [doc(1, 'gateway.networking.k8s.io/v1alpha2', 'HTTPRoute', 'web')],
      'shop',
    );
    expect(problems.join('\n')).toMatch(
      /apiVersion gateway\.networking\.k8s\.io\/v1alpha2 is not served for HTTPRoute; use gateway\.networking\.k8s\.io\/v1 or/,
    );
  });
});

describe('applying order and canary image', () => {
  it('orders namespaces, CRDs, config, services, deployments, then Istio routing', async () => {
    const docs = validateManifests(await readManifests(['podinfo'], FIXTURES), 'test').docs;
    expect(orderForApply(docs).map((d) => d.object.kind)).toEqual([
      'Namespace',
      'Service',
      'Deployment',
      'Deployment',
      'DestinationRule',
      'Gateway',
      'VirtualService',
    ]);
  });

  it('sets the image on the named container only, and refuses to guess among several', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'x:1' },
              { name: 'b', image: 'y:1' },
            ],
          },
        },
      },
    };
    expect(imagesOf(withImage(d, 'z:2', 'b'))).toEqual(['x:1', 'z:2']);
    expect(imagesOf(d)).toEqual(['x:1', 'y:1']);
    expect(() => withImage(d, 'z:2')).toThrow(
      /has 2 containers \(a \(x:1\), b \(y:1\)\).*set the container input/,
    );
    expect(() => withImage(d, 'z:2', 'c')).toThrow(/has no container "c"; its containers are a, b/);
  });
});

describe('rollout status', () => {
  it('is available only when the latest generation is updated and available', () => {
    const d = (status: Record<string, unknown>, generation = 2) => ({
      metadata: { generation },
      spec: { replicas: 2 },
      status,
    });
    expect(
      isRolledOut(d({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 2 })),
    ).toBe(true);
    expect(
      isRolledOut(d({ observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2, replicas: 2 })),
    ).toBe(false);
    expect(
      isRolledOut(d({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 2, replicas: 3 })),
    ).toBe(false);
  });

  it('says why a Deployment is not available', () => {
    const msg = describeRollout('test/web', {
      metadata: { generation: 1 },
      spec: { replicas: 2 },
      status: {
        observedGeneration: 1,
        updatedReplicas: 2,
        availableReplicas: 0,
        unavailableReplicas: 2,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-1" has timed out progressing.',
          },
          {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
        ],
      },
    });
    expect(msg).toContain('ProgressDeadlineExceeded: ReplicaSet "web-1" has timed out progressing.');
    expect(msg).toContain('0/2 replicas available, 2 updated, 2 unavailable');
    expect(msg).toContain('Available: Deployment does not have minimum availability.');
  });
});
