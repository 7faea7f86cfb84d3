// The canary's pod-template hash must agree between a template read from the manifests and the
// same template read back from a real kube-apiserver (v1.20.2) with all its defaults: else a
// `step` without manifests after one with them would restart the promotion every time. The
// embedded mesh defaults only some fields; this applies a rich template to the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient } from '../src/kube/client.js';
import { applyManifests } from '../src/kube/manifests.js';
import { podTemplateHash } from '../src/promote/template-hash.js';
import { kubeBinDir, startRealApiServer, type RealApiServer } from './support/real-apiserver.js';

let real: RealApiServer | null = null;
let kube: KubeClient;
let startError: Error | null = null;

beforeAll(async () => {
  try {
    real = await startRealApiServer({
      binDir: await kubeBinDir(),
      istioCrds: false,
      controllers: ['namespace', 'serviceaccount', 'serviceaccount-token'],
    });
    kube = await createKubeClient({ kubeconfig: real.kubeconfig });
  } catch (err) {
    startError = err instanceof Error ? err : new Error(JSON.stringify(err));
  }
}, 120_000);
afterAll(async () => {
  await real?.stop();
});

const quiet = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {} };

/** A canary template using most of what the server defaults: probes, volumes, env refs, init containers. */
const template = {
  metadata: { labels: { app: 'shop', version: 'v2' }, annotations: { 'sidecar.istio.io/proxyCPU': '100m' } },
  spec: {
    volumes: [
      { name: 'config', configMap: { name: 'shop' } },
      { name: 'secret', secret: { secretName: 'shop' } },
      { name: 'scratch', emptyDir: {} },
    ],
    initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
    containers: [
      {
        name: 'shop',
        image: 'example/shop:2.0',
        ports: [{ containerPort: 8080, name: 'http' }],
        env: [
          { name: 'A', value: '1' },
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
        ],
        resources: { limits: { memory: '128Mi' } },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
        livenessProbe: { tcpSocket: { port: 8080 } },
        volumeMounts: [{ name: 'config', mountPath: '/etc/shop' }],
      },
      { name: 'latest', image: 'example/sidecar' },
    ],
  },
};

describe('the pod-template hash on a real kube-apiserver v1.20.2', () => {
  it('a template read back with the server defaults hashes like the manifest; an annotation change does not', async () => {
    if (startError) throw startError;
    await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hash' } });
    const doc = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop-v2', namespace: 'hash' },
      spec: { selector: { matchLabels: { app: 'shop', version: 'v2' } }, template },
    };
    await applyManifests(kube, [{ file: 'x.yaml', index: 1, object: structuredClone(doc) }], {
      logger: quiet,
    });
    const live = await kube.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'shop-v2',
      namespace: 'hash',
    });
    const liveTemplate = (live?.spec as { template: unknown }).template;
    // The server did fill in defaults (so the test compares something).
    expect(JSON.stringify(liveTemplate)).toContain('"terminationMessagePath"');
    expect(JSON.stringify(liveTemplate)).toContain('"defaultMode":420');
    expect(podTemplateHash(liveTemplate)).toBe(podTemplateHash(template));
    const changed = structuredClone(template);
    changed.metadata.annotations['sidecar.istio.io/proxyCPU'] = '200m';
    expect(podTemplateHash(changed)).not.toBe(podTemplateHash(liveTemplate));
  });
});
