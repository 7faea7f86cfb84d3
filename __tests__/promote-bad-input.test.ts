import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dump, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../src/kube/client.js';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  settingsFor,
  startTestCluster,
} from './support/promote-cluster.js';

// The shapes these cases touch (each document has only some of them).
interface Dest {
  destination: { host?: string; name?: string; subset: string };
  weight?: number;
}
interface Doc {
  apiVersion?: string;
  kind?: string;
  metadata: { name?: string; namespace?: string };
  spec: {
    http: { route: Dest[] }[];
    selector: { matchLabels: Record<string, string> };
    template: { spec: { containers: { image?: string }[] } };
    subsets: { name: string; labels?: Record<string, string> }[];
  };
}

const FLASK = readFileSync(path.join(PROMOTE_FIXTURES, 'flask/canary-deployment.yml'), 'utf8');
const flaskDocs = (): Doc[] => loadAll(FLASK) as Doc[];
const byKind = (docs: Doc[], kind: string, name?: string): Doc =>
  docs.find((d) => d.kind === kind && (!name || d.metadata.name === name))!;
const render = (docs: unknown[]) => docs.map((d) => dump(d)).join('---\n');

interface Case {
  name: string;
  /** Manifest text (default: the flask fixture, changed by `edit`). */
  text?: string;
  edit?: (docs: Doc[]) => Doc[] | void;
  inputs?: Record<string, string>;
  error: RegExp;
}

const cases: Case[] = [
  {
    name: 'invalid YAML',
    text: `${FLASK}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indent\n`,
    error: /app.yaml document 7: invalid YAML at line \d+/,
  },
  {
    name: 'a document that is not an object',
    text: `- just\n- a list\n---\n${FLASK}`,
    error: /app.yaml document 1: expected a Kubernetes object \(a mapping\), got a list/,
  },
  {
    name: 'missing apiVersion',
    edit: (d) => void delete byKind(d, 'Service').apiVersion,
    error: /app.yaml document 3 \(Service smartcarapp-svc\): missing apiVersion/,
  },
  {
    name: 'missing kind',
    edit: (d) => void delete byKind(d, 'Gateway').kind,
    error: /document 4: missing kind/,
  },
  {
    name: 'missing name',
    edit: (d) => void delete byKind(d, 'DestinationRule').metadata.name,
    error: /document 5 \(DestinationRule\): missing metadata.name/,
  },
  {
    name: 'invalid name',
    edit: (d) => void (byKind(d, 'Service').metadata.name = 'Smart_Car'),
    error: /metadata.name "Smart_Car" is not a valid Service name \(a DNS label/,
  },
  {
    name: 'unknown kind',
    edit: (d) => [...d, { apiVersion: 'example.com/v1', kind: 'Frobnicator', metadata: { name: 'f' } }],
    error: /document 7 \(Frobnicator f\): unknown kind Frobnicator \(example.com\/v1\)/,
  },
  {
    name: 'retired apiVersion',
    edit: (d) => void (byKind(d, 'Deployment', 'smartcarapp-v1').apiVersion = 'extensions/v1beta1'),
    error: /apiVersion extensions\/v1beta1 is not served for Deployment; use apps\/v1/,
  },
  {
    name: 'legacy v1alpha3 destination.name (seed 003)',
    edit: (d) => {
      const vs = byKind(d, 'VirtualService');
      vs.apiVersion = 'networking.istio.io/v1alpha3';
      for (const r of vs.spec.http[0]!.route)
        r.destination = { name: r.destination.host, subset: r.destination.subset };
    },
    error:
      /destination.name "smartcarapp-svc" is the v1alpha3 shape of 2018 that current Istio rejects; use destination.host: smartcarapp-svc/,
  },
  {
    name: 'weights not summing to 100',
    edit: (d) => void (byKind(d, 'VirtualService').spec.http[0]!.route[0]!.weight = 70),
    error: /spec.http\[0\] weights sum to 90 \(70 \+ 20\); Istio needs 100/,
  },
  {
    name: 'selector not matching the pod labels',
    edit: (d) => void (byKind(d, 'Deployment', 'smartcarapp-v2').spec.selector.matchLabels.version = 'v9'),
    error: /Deployment smartcarapp-v2 selector version=v9 does not match its pod template labels/,
  },
  {
    name: 'container without image',
    edit: (d) =>
      void delete byKind(d, 'Deployment', 'smartcarapp-v1').spec.template.spec.containers[0]!.image,
    error: /container smartcarapp has no image/,
  },
  {
    name: 'duplicate object',
    edit: (d) => [...d, byKind(d, 'Service')],
    error: /document 7 \(Service smartcarapp-svc\): duplicate of app.yaml document 3/,
  },
  {
    name: 'namespace on a cluster-scoped object',
    edit: (d) => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bad', namespace: 'x' } }, ...d],
    error: /Namespace is cluster-scoped; remove metadata.namespace/,
  },
  {
    name: 'subset without labels',
    edit: (d) => void delete byKind(d, 'DestinationRule').spec.subsets[1]!.labels,
    error: /subset v2 has no labels/,
  },
  {
    name: 'pattern matching no file',
    inputs: { manifests: 'nothing/*.yaml' },
    error: /nothing\/\*\.yaml: no file matches/,
  },
  {
    name: 'virtual-service that does not exist',
    inputs: { 'virtual-service': 'nope' },
    error: /virtual-service: no VirtualService named "nope"; found: smartcarapp/,
  },
  {
    name: 'route index that does not exist',
    inputs: { 'virtual-service': 'smartcarapp', route: '3' },
    error:
      /route: route 3 does not exist \(no http route at index 3\); VirtualService smartcarapp has 1 http route\(s\): 0 \(no name\)/,
  },
  {
    name: 'subset input not in the route',
    inputs: { 'stable-subset': 'gold', 'canary-subset': 'v2' },
    error: /no destination with subset "gold"/,
  },
  {
    name: 'a route with three subsets',
    edit: (d) => {
      const r = byKind(d, 'VirtualService').spec.http[0]!.route;
      r[0]!.weight = 60;
      r.push({ destination: { host: 'smartcarapp-svc', subset: 'v3' }, weight: 20 });
    },
    error: /3 destinations with a subset; expected 2/,
  },
  {
    name: 'DestinationRule without the canary subset',
    edit: (d) => void byKind(d, 'DestinationRule').spec.subsets.pop(),
    error: /DestinationRule smartcarapp \(host smartcarapp-svc\) has no subset "v2"/,
  },
  {
    name: 'two Deployments in the canary subset',
    edit: (d) => {
      const twin = structuredClone(byKind(d, 'Deployment', 'smartcarapp-v2'));
      twin.metadata.name = 'smartcarapp-v2b';
      return [...d, twin];
    },
    error: /2 Deployments match subset "v2" .*smartcarapp-v2, smartcarapp-v2b; exactly one is needed/,
  },
  {
    name: 'no Deployment in the canary subset',
    edit: (d) => d.filter((x) => x.metadata.name !== 'smartcarapp-v2'),
    error: /no Deployment has pod labels \{"version":"v2"\} of subset "v2" in the manifests/,
  },
  {
    name: 'namespace missing in the cluster',
    inputs: { namespace: 'ghost' },
    error: /namespace "ghost" does not exist in the cluster .*create it or add a Namespace to the manifests/,
  },
];

let cluster: TestCluster;
let dir: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 3 });
  dir = await mkdtemp(path.join(tmpdir(), 'promote-bad-'));
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bad' } });
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'broken' } });
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } });
  // A VirtualService whose state annotation someone mangled.
  for (const d of flaskDocs())
    await cluster.kube.apply({ ...d, metadata: { ...d.metadata, namespace: 'broken' } });
  await cluster.kube.patch(
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      name: 'smartcarapp',
      namespace: 'broken',
    },
    { metadata: { annotations: { 'istio-canary.dev/state': '{"phase": "in-progr' } } },
  );
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

async function attempt(text: string, inputs: Record<string, string>): Promise<unknown> {
  const caseDir = await mkdtemp(path.join(dir, 'case-'));
  await writeFile(path.join(caseDir, 'app.yaml'), text);
  cluster.api.clearRequests();
  const settings = settingsFor({
    manifests: 'app.yaml',
    namespace: 'bad',
    steps: '20,50,100',
    'canary-image': 'example/smartcarapp:2.1',
    ...inputs,
  });
  return runPromotion(settings, {
    kube: cluster.kube,
    metrics: new ScriptedMetrics({ script: [] }),
    reporter: new RecordingReporter(),
    logger: new RecordingLogger(),
    signal: new AbortController().signal,
    cwd: caseDir,
    lease: { durationMs: 3000, waitMs: 0 },
  }).then(
    () => null,
    (e: unknown) => e,
  );
}

describe('bad manifests and cluster states: a clear error and no write', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    let text = c.text;
    if (text === undefined) {
      const docs = flaskDocs();
      text = render(c.edit?.(docs) ?? docs);
    }
    const err = await attempt(text, c.inputs ?? {});
    expect(err, 'the run should have failed').toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(c.error);
    expect(cluster.writes()).toEqual([]);
  });

  it('an API that forbids reading namespaces: the API message, no write', async () => {
    cluster.api.faults.forbid('get', '', 'namespaces');
    try {
      const err = await attempt(FLASK, {});
      expect((err as Error).message).toMatch(
        /forbidden: User "system:serviceaccount:ci:deployer" cannot get resource "namespaces"/,
      );
    } finally {
      cluster.api.faults.allow('get', '', 'namespaces');
    }
    expect(cluster.writes()).toEqual([]);
  });

  it('no manifests and no VirtualService in the namespace: no write', async () => {
    const err = await attempt(FLASK, { manifests: '', namespace: 'empty', 'virtual-service': 'smartcarapp' });
    expect((err as Error).message).toMatch(/no VirtualService named "smartcarapp"; found: none/);
    expect(cluster.writes()).toEqual([]);
  });

  it('a mangled state annotation on the VirtualService: no write', async () => {
    const err = await attempt(FLASK, { manifests: '', namespace: 'broken' });
    expect((err as Error).message).toMatch(
      /promotion state annotation is not valid JSON; remove it to start over/,
    );
    expect(cluster.writes()).toEqual([]);
  });

  it('a context the kubeconfig does not have', async () => {
    await expect(createKubeClient({ kubeconfig: cluster.kubeconfig, context: 'production' })).rejects.toThrow(
      /context: no context "production" in the kubeconfig; it has: istio-canary-sim/,
    );
  });
});
