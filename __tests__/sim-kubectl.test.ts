// The real kubectl binary against the embedded API server, over plain HTTP on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { startApiServer, type ApiServer } from '../src/sim/api/index.js';
import { KubectlEnv, LineReader } from './sim-api-support.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/sim/${name}`, import.meta.url));

let api: ApiServer;
let kubectl: KubectlEnv;

beforeAll(async () => {
  api = await startApiServer({ readinessDelayMs: 50 });
  kubectl = await KubectlEnv.create(api.url);
});

afterAll(async () => {
  await api?.close();
  await kubectl?.dispose();
});

async function ok(args: string[]): Promise<string> {
  const r = await kubectl.run(args);
  expect(r.stderr, `kubectl ${args.join(' ')}`).not.toMatch(/error/i);
  expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('kubectl against the embedded API server', () => {
  it('creates and labels a namespace as the seed does (kubectl create sends protobuf)', async () => {
    expect(await ok(['create', 'namespace', 'seed'])).toContain('namespace/seed created');
    expect(await ok(['label', 'namespace', 'seed', 'istio-injection=enabled'])).toContain(
      'namespace/seed labeled',
    );
    expect(await ok(['create', 'configmap', 'cfg', '-n', 'seed', '--from-literal=a=1'])).toContain(
      'configmap/cfg created',
    );
    const ns = load(await ok(['get', 'namespace', 'seed', '-o', 'yaml'])) as {
      metadata: { labels: Record<string, string> };
    };
    expect(ns.metadata.labels).toEqual({
      'istio-injection': 'enabled',
      'kubernetes.io/metadata.name': 'seed',
    });
    const cm = load(await ok(['-n', 'seed', 'get', 'configmap', 'cfg', '-o', 'yaml'])) as {
      data: Record<string, string>;
    };
    expect(cm.data).toEqual({ a: '1' });
  });

  it('applies the podinfo seed server-side with strict validation, as in a real cluster', async () => {
    const out = await ok(['apply', '--server-side', '-f', fixture('podinfo.yaml')]);
    expect(out).toContain('namespace/test serverside-applied');
    expect(out).toContain('deployment.apps/podinfo-ga serverside-applied');
    expect(out).toContain('deployment.apps/podinfo-canary serverside-applied');
    expect(out).toContain('service/podinfo serverside-applied');
    expect(out).toContain('destinationrule.networking.istio.io/podinfo serverside-applied');
    expect(out).toContain('gateway.networking.istio.io/podinfo-gateway serverside-applied');
    expect(out).toContain('virtualservice.networking.istio.io/podinfo serverside-applied');
    // kubectl learned from OpenAPI v3 that the server validates fields itself.
    const applies = api.requests.filter(
      (r) => r.verb === 'patch' && r.contentType.startsWith('application/apply-patch+yaml'),
    );
    expect(applies.length).toBe(7);
    expect(
      applies.every((r) => r.query['fieldValidation'] === 'Strict' && r.query['fieldManager'] === 'kubectl'),
    ).toBe(true);
  });

  it('rejects a manifest with an unknown field, as strict server-side validation does', async () => {
    const file = join(kubectl.dir, 'typo.yaml');
    await writeFile(
      file,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: typo, namespace: default}',
        'data: {a: "1"}',
        'dta: {b: "2"}',
        '',
      ].join('\n'),
    );
    const r = await kubectl.run(['apply', '--server-side', '-f', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('.dta: field not declared in schema');
    expect(api.object('', 'configmaps', 'default', 'typo')).toBeUndefined();
  });

  it('applies the flask seed server-side and re-applying it changes nothing', async () => {
    const first = await ok(['apply', '--server-side', '-f', fixture('flask.yaml')]);
    expect(first).toContain('virtualservice.networking.istio.io/smartcarapp serverside-applied');
    for (const d of ['smartcarapp-v1', 'smartcarapp-v2'])
      await ok(['rollout', 'status', `deployment/${d}`, '--timeout', '30s']);
    const rv = api.resourceVersion;
    await ok(['apply', '--server-side', '-f', fixture('flask.yaml')]);
    expect(api.resourceVersion).toBe(rv);
  });

  it('gets a VirtualService as YAML at each served Istio version, with server-set metadata', async () => {
    for (const v of ['v1', 'v1beta1', 'v1alpha3']) {
      const out = await ok([
        '-n',
        'test',
        'get',
        `virtualservices.${v}.networking.istio.io`,
        'podinfo',
        '-o',
        'yaml',
      ]);
      const vs = load(out) as {
        apiVersion: string;
        metadata: Record<string, unknown>;
        spec: { hosts: string[]; gateways: string[] };
      };
      expect(vs.apiVersion).toBe(`networking.istio.io/${v}`);
      expect(vs.spec.hosts).toEqual(['podinfo', 'podinfo.co.uk']);
      expect(vs.spec.gateways).toEqual(['mesh', 'podinfo-gateway']);
      expect(vs.metadata['uid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(vs.metadata['generation']).toBe(1);
    }
    const table = await ok(['-n', 'test', 'get', 'vs']);
    expect(table).toMatch(/NAME\s+GATEWAYS\s+HOSTS\s+AGE/);
    expect(table).toContain('["podinfo","podinfo.co.uk"]');
  });

  it('patches with --type merge and --type json (including a test op), bumping generation', async () => {
    await ok([
      '-n',
      'test',
      'patch',
      'vs',
      'podinfo',
      '--type',
      'merge',
      '-p',
      JSON.stringify({ metadata: { annotations: { step: '1' } } }),
    ]);
    const json = [
      { op: 'test', path: '/spec/http/0/route/0/weight', value: 0 },
      { op: 'replace', path: '/spec/http/0/route/0/weight', value: 10 },
      { op: 'replace', path: '/spec/http/0/route/1/weight', value: 90 },
    ];
    await ok(['-n', 'test', 'patch', 'vs', 'podinfo', '--type', 'json', '-p', JSON.stringify(json)]);
    const vs = load(await ok(['-n', 'test', 'get', 'vs', 'podinfo', '-o', 'yaml'])) as {
      metadata: { generation: number; annotations: Record<string, string> };
      spec: { http: { route: { weight: number }[] }[] };
    };
    expect(vs.metadata.annotations['step']).toBe('1');
    expect(vs.spec.http[0]?.route.map((r) => r.weight)).toEqual([10, 90]);
    // The annotation did not bump generation, the weights did.
    expect(vs.metadata.generation).toBe(2);
    const failed = await kubectl.run([
      '-n',
      'test',
      'patch',
      'vs',
      'podinfo',
      '--type',
      'json',
      '-p',
      JSON.stringify([json[0]]),
    ]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('the server rejected our request due to an error in our request');
  });

  it('rollout status returns once the deployment is available', async () => {
    await ok([
      '-n',
      'test',
      'set',
      'image',
      'deployment/podinfo-canary',
      'podinfod=ghcr.io/stefanprodan/podinfo:6.5.2',
    ]);
    const out = await ok([
      '-n',
      'test',
      'rollout',
      'status',
      'deployment/podinfo-canary',
      '--timeout',
      '30s',
    ]);
    expect(out).toContain('deployment "podinfo-canary" successfully rolled out');
  });

  it('rollout status fails with the progress-deadline message for a crashloop image', async () => {
    await ok([
      '-n',
      'test',
      'patch',
      'deployment',
      'podinfo-canary',
      '-p',
      JSON.stringify({ spec: { progressDeadlineSeconds: 1 } }),
    ]);
    await ok([
      '-n',
      'test',
      'set',
      'image',
      'deployment/podinfo-canary',
      'podinfod=ghcr.io/stefanprodan/podinfo:crashloop',
    ]);
    const r = await kubectl.run([
      '-n',
      'test',
      'rollout',
      'status',
      'deployment/podinfo-canary',
      '--timeout',
      '30s',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('deployment "podinfo-canary" exceeded its progress deadline');
    const d = load(await ok(['-n', 'test', 'get', 'deployment', 'podinfo-canary', '-o', 'yaml'])) as {
      status: { conditions: { type: string; status: string; reason: string; message: string }[] };
    };
    const progressing = d.status.conditions.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing?.message).toMatch(
      /^ReplicaSet "podinfo-canary-[a-z0-9]{10}" has timed out progressing\.$/,
    );
    // The old pod keeps serving while the new one crashes, as in a rolling update.
    const pods = await ok(['-n', 'test', 'get', 'pods', '-l', 'app=podinfo,version=canary']);
    expect(pods).toMatch(/^podinfo-canary-[a-z0-9]{10}-[a-z0-9]{5}\s+0\/1\s+CrashLoopBackOff\s+5\s/m);
    expect(pods).toMatch(/^podinfo-canary-[a-z0-9]{10}-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s/m);
  });

  it('get -w prints each change as it happens', async () => {
    const child = kubectl.spawn(['-n', 'test', 'get', 'deployments', '-w']);
    const lines = new LineReader();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => lines.push(c));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await lines.until((l) => l.startsWith('podinfo-ga'));
      await ok(['-n', 'test', 'scale', 'deployment/podinfo-ga', '--replicas', '3']);
      // The watch shows the new desired count, then the controller's progress up to 3/3.
      await lines.until((l) => /^podinfo-ga\s+3\/3\s/.test(l));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('deletes objects, and deleting the namespace removes everything in it', async () => {
    const out = await ok(['-n', 'test', 'delete', 'gateway', 'podinfo-gateway']);
    expect(out).toContain('gateway.networking.istio.io "podinfo-gateway" deleted');
    const missing = await kubectl.run(['-n', 'test', 'get', 'gateway', 'podinfo-gateway']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(
      'Error from server (NotFound): gateways.networking.istio.io "podinfo-gateway" not found',
    );
    // kubectl waits for the namespace to be gone.
    await ok(['delete', 'namespace', 'test', '--wait=true', '--timeout=30s']);
    expect(api.objects('apps', 'deployments', 'test')).toEqual([]);
    expect(api.objects('networking.istio.io', 'virtualservices', 'test')).toEqual([]);
    expect(api.object('', 'namespaces', '', 'test')).toBeUndefined();
  });
});
