// @kubernetes/client-node 2.x against the embedded API server: CRUD, watches, server-side apply,
// selectors and paging, namespace deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type KubeConfig,
  type V1ConfigMap,
  type V1Deployment,
} from '@kubernetes/client-node';
import { startApiServer, type ApiServer } from '../src/sim/api/index.js';
import { kubeConfigFor } from './sim-api-support.js';

let api: ApiServer;
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;
let custom: CustomObjectsApi;

beforeAll(async () => {
  api = await startApiServer({ readinessDelayMs: 0, watchCacheSize: 200, bookmarkIntervalMs: 100 });
  kc = kubeConfigFor(api.url);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  custom = kc.makeApiClient(CustomObjectsApi);
  await core.createNamespace({ body: { metadata: { name: 'client' } } });
});

afterAll(async () => {
  await api?.close();
});

async function failure(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) {
      const b = e.body as unknown;
      return { code: e.code, body: (typeof b === 'string' ? JSON.parse(b) : b) as Record<string, unknown> };
    }
    throw e;
  }
  throw new Error('expected the request to fail');
}

function deployment(
  name: string,
  labels: Record<string, string>,
  image = 'ghcr.io/stefanprodan/podinfo:6.5.0',
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 9898 }] }] },
      },
    },
  };
}

describe('client-node CRUD', () => {
  it('creates, reads, updates and deletes a ConfigMap with server-set metadata', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'client',
      body: { metadata: { name: 'cm1' }, data: { a: '1' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);
    expect(created.metadata?.managedFields?.[0]).toMatchObject({
      operation: 'Update',
      fieldsType: 'FieldsV1',
    });

    const read = await core.readNamespacedConfigMap({ namespace: 'client', name: 'cm1' });
    expect(read.data).toEqual({ a: '1' });

    const updated = await core.replaceNamespacedConfigMap({
      namespace: 'client',
      name: 'cm1',
      body: { ...read, data: { a: '2' } },
    });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));

    // A write with the old resourceVersion is a conflict, with the real message.
    const stale = await failure(
      core.replaceNamespacedConfigMap({
        namespace: 'client',
        name: 'cm1',
        body: { ...read, data: { a: '3' } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "cm1": the object has been modified; please apply your changes to the latest version and try again',
    });

    const dup = await failure(
      core.createNamespacedConfigMap({ namespace: 'client', body: { metadata: { name: 'cm1' } } }),
    );
    expect(dup.code).toBe(409);
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "cm1" already exists' });

    await core.deleteNamespacedConfigMap({ namespace: 'client', name: 'cm1' });
    const gone = await failure(core.readNamespacedConfigMap({ namespace: 'client', name: 'cm1' }));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({
      reason: 'NotFound',
      message: 'configmaps "cm1" not found',
      details: { name: 'cm1', kind: 'configmaps' },
    });
  });

  it('generates names from generateName', async () => {
    const a = await core.createNamespacedConfigMap({
      namespace: 'client',
      body: { metadata: { generateName: 'gen-' } },
    });
    expect(a.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('bumps generation on spec changes only, and status only changes through /status', async () => {
    const d = await apps.createNamespacedDeployment({
      namespace: 'client',
      body: deployment('gen', { app: 'gen' }),
    });
    expect(d.metadata?.generation).toBe(1);
    const labelled = await apps.patchNamespacedDeployment(
      { namespace: 'client', name: 'gen', body: { metadata: { labels: { app: 'gen', extra: 'x' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(labelled.metadata?.generation).toBe(1);
    // Status written through the main resource is ignored...
    const ignored = await apps.patchNamespacedDeployment(
      { namespace: 'client', name: 'gen', body: { spec: { replicas: 2 }, status: { replicas: 42 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(ignored.metadata?.generation).toBe(2);
    expect(ignored.status?.replicas).not.toBe(42);
    // ...and spec written through /status is ignored.
    const st = await apps.patchNamespacedDeploymentStatus(
      { namespace: 'client', name: 'gen', body: { spec: { replicas: 7 }, status: { replicas: 42 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(st.status?.replicas).toBe(42);
    expect(st.spec?.replicas).toBe(2);
    expect(st.metadata?.generation).toBe(2);
  });

  it('merges containers by name with a strategic merge patch, and CRDs answer 415', async () => {
    await apps.createNamespacedDeployment({ namespace: 'client', body: deployment('smp', { app: 'smp' }) });
    const patched = await apps.patchNamespacedDeployment(
      {
        namespace: 'client',
        name: 'smp',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'app',
                    image: 'ghcr.io/stefanprodan/podinfo:6.5.1',
                    env: [{ name: 'A', value: '1' }],
                  },
                  { name: 'side', image: 'busybox:1' },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const cs = patched.spec?.template.spec?.containers ?? [];
    expect(cs.map((c) => c.name)).toEqual(['app', 'side']);
    expect(cs[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.5.1');
    expect(cs[0]?.ports?.[0]?.containerPort).toBe(9898);
    const removed = await apps.patchNamespacedDeployment(
      {
        namespace: 'client',
        name: 'smp',
        body: { spec: { template: { spec: { containers: [{ name: 'side', $patch: 'delete' }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(removed.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['app']);

    await custom.createNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: 'client',
      plural: 'gateways',
      body: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'gw' },
        spec: { selector: { istio: 'ingressgateway' } },
      },
    });
    const smp = await failure(
      custom.patchNamespacedCustomObject(
        {
          group: 'networking.istio.io',
          version: 'v1',
          namespace: 'client',
          plural: 'gateways',
          name: 'gw',
          body: { spec: {} },
        },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(smp.code).toBe(415);
    expect(smp.body).toMatchObject({ reason: 'UnsupportedMediaType' });
  });

  it('serves one stored Istio object at v1, v1beta1 and v1alpha3', async () => {
    const views = await Promise.all(
      ['v1', 'v1beta1', 'v1alpha3'].map((version) =>
        custom.getNamespacedCustomObject({
          group: 'networking.istio.io',
          version,
          namespace: 'client',
          plural: 'gateways',
          name: 'gw',
        }),
      ),
    );
    expect(views.map((v: { apiVersion: string }) => v.apiVersion)).toEqual([
      'networking.istio.io/v1',
      'networking.istio.io/v1beta1',
      'networking.istio.io/v1alpha3',
    ]);
    expect(new Set(views.map((v: { metadata: { uid: string } }) => v.metadata.uid)).size).toBe(1);
  });

  it('serves a custom resource once its CRD is created, and stops when it is deleted', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
          {
            name: 'v1beta1',
            served: true,
            storage: false,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    };
    const res = await fetch(`${api.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(crd),
    });
    expect(res.status).toBe(201);
    const w: unknown = await custom.createNamespacedCustomObject({
      group: 'example.com',
      version: 'v1beta1',
      namespace: 'client',
      plural: 'widgets',
      body: {
        apiVersion: 'example.com/v1beta1',
        kind: 'Widget',
        metadata: { name: 'w1' },
        spec: { size: 3 },
      },
    });
    expect((w as { metadata: { generation: number } }).metadata.generation).toBe(1);
    const listed = (await custom.listNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      namespace: 'client',
      plural: 'widgets',
    })) as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
    const del = await fetch(
      `${api.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com`,
      { method: 'DELETE' },
    );
    expect(del.status).toBe(200);
    const after = await fetch(`${api.url}/apis/example.com/v1/namespaces/client/widgets`);
    expect(after.status).toBe(404);
  });
});

describe('client-node server-side apply', () => {
  const applyOpts = (): ReturnType<typeof setHeaderOptions> =>
    setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);

  it('creates on apply, reports conflicts per field and manager, and force takes ownership', async () => {
    const cfg = deployment('ssa', { app: 'ssa' });
    const created = await apps.patchNamespacedDeployment(
      { namespace: 'client', name: 'ssa', body: cfg, fieldManager: 'ci' },
      applyOpts(),
    );
    expect(created.metadata?.managedFields?.find((m) => m.manager === 'ci')).toMatchObject({
      operation: 'Apply',
      apiVersion: 'apps/v1',
    });

    // Another manager changes replicas with a plain update: it now owns spec.replicas.
    await apps.patchNamespacedDeployment(
      { namespace: 'client', name: 'ssa', body: { spec: { replicas: 3 } }, fieldManager: 'hpa' },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const conflict = await failure(
      apps.patchNamespacedDeployment(
        {
          namespace: 'client',
          name: 'ssa',
          body: { ...cfg, spec: { ...cfg.spec, replicas: 5 } },
          fieldManager: 'ci',
        },
        applyOpts(),
      ),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body['reason']).toBe('Conflict');
    expect(String(conflict.body['message'])).toMatch(
      /^Apply failed with 1 conflict: conflict with "hpa" using apps\/v1: \.spec\.replicas$/,
    );
    expect(conflict.body['details']).toMatchObject({
      causes: [{ reason: 'FieldManagerConflict', field: '.spec.replicas' }],
    });

    // Applying the same value as the other owner is not a conflict (shared ownership).
    await apps.patchNamespacedDeployment(
      {
        namespace: 'client',
        name: 'ssa',
        body: { ...cfg, spec: { ...cfg.spec, replicas: 3 } },
        fieldManager: 'ci',
      },
      applyOpts(),
    );

    const forced = await apps.patchNamespacedDeployment(
      {
        namespace: 'client',
        name: 'ssa',
        body: { ...cfg, spec: { ...cfg.spec, replicas: 5 } },
        fieldManager: 'ci',
        force: true,
      },
      applyOpts(),
    );
    expect(forced.spec?.replicas).toBe(5);
    const hpa = forced.metadata?.managedFields?.find((m) => m.manager === 'hpa');
    expect(JSON.stringify(hpa?.fieldsV1 ?? {})).not.toContain('f:replicas');
  });

  it('removes fields dropped from the configuration unless another manager owns them', async () => {
    const cm = (data: Record<string, string>, labels: Record<string, string>): V1ConfigMap => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ssa-cm', labels },
      data,
    });
    await core.patchNamespacedConfigMap(
      {
        namespace: 'client',
        name: 'ssa-cm',
        body: cm({ a: '1', b: '2' }, { x: '1', y: '2' }),
        fieldManager: 'one',
      },
      applyOpts(),
    );
    await core.patchNamespacedConfigMap(
      { namespace: 'client', name: 'ssa-cm', body: cm({ b: '2' }, {}), fieldManager: 'two' },
      applyOpts(),
    );
    const after = await core.patchNamespacedConfigMap(
      { namespace: 'client', name: 'ssa-cm', body: cm({}, { x: '1' }), fieldManager: 'one' },
      applyOpts(),
    );
    // a and label y were only "one"'s: gone. b is still owned by "two": kept.
    expect(after.data).toEqual({ b: '2' });
    expect(after.metadata?.labels).toEqual({ x: '1' });
  });

  it('requires a field manager and honours dryRun=All', async () => {
    const res = await fetch(`${api.url}/api/v1/namespaces/client/configmaps/dry`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\n',
    });
    expect(res.status).toBe(422);
    const dry = await fetch(`${api.url}/api/v1/namespaces/client/configmaps/dry?fieldManager=x&dryRun=All`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\ndata:\n  k: v\n',
    });
    expect(dry.status).toBe(201);
    expect(api.object('', 'configmaps', 'client', 'dry')).toBeUndefined();
  });
});

describe('client-node list and watch', () => {
  it('filters by equality and set-based label selectors and field selectors, and pages with limit/continue', async () => {
    const specs: [string, Record<string, string>][] = [
      ['l-ga', { app: 'podinfo', version: 'ga' }],
      ['l-canary', { app: 'podinfo', version: 'canary' }],
      ['l-other', { app: 'other' }],
      ['l-bare', {}],
    ];
    for (const [name, labels] of specs)
      await core.createNamespacedConfigMap({ namespace: 'client', body: { metadata: { name, labels } } });
    const names = async (labelSelector?: string, fieldSelector?: string): Promise<string[]> =>
      (await core.listNamespacedConfigMap({ namespace: 'client', labelSelector, fieldSelector })).items
        .map((i) => i.metadata?.name ?? '')
        .filter((n) => n.startsWith('l-'));
    expect(await names('app=podinfo')).toEqual(['l-canary', 'l-ga']);
    expect(await names('app=podinfo,version!=ga')).toEqual(['l-canary']);
    expect(await names('version in (ga,canary)')).toEqual(['l-canary', 'l-ga']);
    expect(await names('app,version notin (ga)')).toEqual(['l-canary', 'l-other']);
    expect(await names('!app')).toEqual(['l-bare']);
    expect(await names(undefined, 'metadata.name=l-other')).toEqual(['l-other']);

    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    let listRv: string | undefined;
    do {
      const page = await core.listNamespacedConfigMap({
        namespace: 'client',
        labelSelector: 'app',
        limit: 2,
        _continue: cont,
      });
      seen.push(...page.items.map((i) => i.metadata?.name ?? ''));
      listRv ??= page.metadata?.resourceVersion;
      expect(page.metadata?.resourceVersion).toBe(listRv);
      cont = page.metadata?._continue;
      pages++;
    } while (cont);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['l-canary', 'l-ga', 'l-other']);
  });

  it('watches from a resourceVersion with bookmarks, and answers 410 Expired for a compacted one', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'client' });
    const from = list.metadata?.resourceVersion ?? '';
    await core.createNamespacedConfigMap({ namespace: 'client', body: { metadata: { name: 'w1' } } });
    await core.createNamespacedConfigMap({ namespace: 'client', body: { metadata: { name: 'w2' } } });

    const events: { type: string; name?: string; rv?: string }[] = [];
    const watcher = new Watch(kc);
    let resolveBookmark: () => void = () => {};
    const bookmark = new Promise<void>((r) => (resolveBookmark = r));
    const req = await watcher.watch(
      '/api/v1/namespaces/client/configmaps',
      { resourceVersion: from, allowWatchBookmarks: true },
      (type, obj: { metadata?: { name?: string; resourceVersion?: string } }) => {
        events.push({ type, name: obj.metadata?.name, rv: obj.metadata?.resourceVersion });
        if (type === 'BOOKMARK') resolveBookmark();
      },
      () => {},
    );
    await bookmark;
    req.abort();
    const changes = events.filter((e) => e.type !== 'BOOKMARK');
    expect(changes.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED w1', 'ADDED w2']);
    const bm = events.find((e) => e.type === 'BOOKMARK');
    expect(Number(bm?.rv)).toBeGreaterThanOrEqual(Number(changes[1]?.rv));

    // Push the old revision out of the 200-event window.
    for (let i = 0; i < 210; i++)
      await core.patchNamespacedConfigMap(
        { namespace: 'client', name: 'w1', body: { data: { i: String(i) } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    const gone = await new Promise<{ type: string; obj: { code?: number; reason?: string } }>(
      (resolve, reject) => {
        void new Watch(kc)
          .watch(
            '/api/v1/namespaces/client/configmaps',
            { resourceVersion: from },
            (type, obj: { code?: number; reason?: string }) => resolve({ type, obj }),
            (err) => {
              if (err) reject(err as Error);
            },
          )
          .catch(reject);
      },
    );
    expect(gone.type).toBe('ERROR');
    expect(gone.obj).toMatchObject({ code: 410, reason: 'Expired' });
  });

  it('deleting a namespace marks it Terminating, then removes its objects and itself', async () => {
    await core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    await core.createNamespacedConfigMap({ namespace: 'doomed', body: { metadata: { name: 'c' } } });
    await apps.createNamespacedDeployment({ namespace: 'doomed', body: deployment('d', { app: 'd' }) });
    const list = await core.listNamespace();
    const events: string[] = [];
    let resolveGone: () => void = () => {};
    const gone = new Promise<void>((r) => (resolveGone = r));
    const req = await new Watch(kc).watch(
      '/api/v1/namespaces',
      { resourceVersion: list.metadata?.resourceVersion, fieldSelector: 'metadata.name=doomed' },
      (type, obj: { status?: { phase?: string } }) => {
        events.push(`${type} ${obj.status?.phase ?? ''}`);
        if (type === 'DELETED') resolveGone();
      },
      () => {},
    );
    const deleted = (await core.deleteNamespace({ name: 'doomed' })) as { status?: { phase?: string } };
    expect(deleted.status?.phase).toBe('Terminating');
    await gone;
    req.abort();
    expect(events).toEqual(['MODIFIED Terminating', 'DELETED Terminating']);
    expect(api.objects('', 'configmaps', 'doomed')).toEqual([]);
    expect(api.objects('apps', 'deployments', 'doomed')).toEqual([]);
    const create = await failure(core.readNamespace({ name: 'doomed' }));
    expect(create.code).toBe(404);
  });
});
