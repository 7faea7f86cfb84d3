// Every example's manifests applied and promoted on the embedded mesh through the same
// execute() the action and the CLI run, with the real load generator; and the PR preview
// lifecycle (deploy to pr-<n>, cleanup removes only what it created).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { PREVIEW_LABEL } from '../src/kube/preview.js';
import { GithubServer } from './support/github-server.js';

function settingsOf(inputs: Record<string, string>, env: Record<string, string> = {}): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', env);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

function recordingIo() {
  const outputs = new Map<string, string>();
  const log: string[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: (k, v) => void outputs.set(k, v),
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
  return { io, outputs, log };
}

function keepingReporter(reports: PromotionReport[]): () => Reporter {
  return () => ({
    progress: () => Promise.resolve(),
    final: (r) => {
      reports.push(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  });
}

let mesh: Mesh;
// The mesh outlives each execute() so that the tests can look at what it left behind.
const connect = (): Promise<ClusterConnection> =>
  Promise.resolve({
    kubeconfig: mesh.kubeconfig,
    context: 'istio-canary-sim',
    prometheusUrl: null,
    loadUrl: mesh.ingressUrl,
    created: false,
    close: () => Promise.resolve(),
  });

beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 50 });
});
afterAll(async () => {
  await mesh.close();
});

const FAST = {
  interval: '2s',
  'load-rps': '200',
  'min-requests': '20',
  comment: 'never',
  'rollout-timeout': '20s',
};

describe('examples on the embedded mesh', () => {
  it('podinfo (seed 003) walks 10, 60, 100 under load and finalizes: stable runs the canary image', async () => {
    const reports: PromotionReport[] = [];
    const { io } = recordingIo();
    const settings = settingsOf({
      ...FAST,
      cluster: 'sim',
      manifests: 'examples/podinfo/*.yaml',
      namespace: 'test',
      steps: '10,60,100',
      'load-host': 'podinfo.co.uk',
      'canary-image': 'ghcr.io/stefanprodan/podinfo:6.7.1',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
    });
    expect(outcome.exitCode).toBe(0);
    const report = reports.at(-1)!;
    expect(report.status).toBe('promoted');
    expect(report.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [10, 'pass'],
      [60, 'pass'],
      [100, 'pass'],
    ]);
    const ga = mesh.api.object('apps', 'deployments', 'test', 'podinfo-ga') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(ga.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
  });

  it('flask-smartcar (seed 000) holds at 80/20 with steps: 20 and succeeds', async () => {
    const reports: PromotionReport[] = [];
    const { io } = recordingIo();
    const settings = settingsOf({
      ...FAST,
      cluster: 'sim',
      manifests: 'examples/flask-smartcar/canary-deployment.yml',
      steps: '20',
      'stable-subset': 'v1',
      'canary-subset': 'v2',
      'load-host': 'smartcar.example',
    });
    const outcome = await execute(settings, io, new AbortController().signal, {
      connect,
      reporter: keepingReporter(reports),
    });
    expect(outcome.exitCode).toBe(0);
    expect(reports.at(-1)).toMatchObject({ status: 'held', weight: 20 });
    const vs = mesh.api.object('networking.istio.io', 'virtualservices', 'default', 'smartcarapp') as {
      spec: { http: { route: { weight: number; destination: { subset: string } }[] }[] };
    };
    expect(vs.spec.http[0]!.route.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['v1', 80],
      ['v2', 20],
    ]);
  });
});

describe('PR preview environments', () => {
  // A mesh of its own: the examples above also route podinfo.co.uk.
  let shared: Mesh;
  let github: GithubServer;
  let pr: Record<string, string>;
  beforeAll(async () => {
    shared = mesh;
    mesh = await startMesh({ readinessDelayMs: 50 });
    github = await new GithubServer({
      tokens: [{ token: 'ghs_preview', login: 'github-actions[bot]', kind: 'app' }],
    }).start();
    pr = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: new URL('./fixtures/pull_request_event.json', import.meta.url).pathname,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '99',
      GITHUB_WORKFLOW: 'preview',
      GITHUB_API_URL: github.apiUrl,
    };
  });
  afterAll(async () => {
    await github.close();
    await mesh.close();
    mesh = shared;
  });

  it('deploys into pr-<number>, labelled with its PR, comments how to reach it; cleanup deletes only that namespace and says so', async () => {
    const { io } = recordingIo();
    // Another PR's preview, which cleanup of #42 must not touch.
    const other = await fetch(`${mesh.apiUrl}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'pr-43', labels: { [PREVIEW_LABEL]: '43' } },
      }),
    });
    expect(other.status).toBe(201);
    const inputs = {
      ...FAST,
      comment: 'always',
      'github-token': 'ghs_preview',
      cluster: 'sim',
      preview: 'true',
      manifests:
        'examples/podinfo/deployments.yaml,examples/podinfo/service.yaml,examples/podinfo/istio.yaml',
      steps: '50',
      'load-host': 'podinfo.co.uk',
    };
    const deploy = settingsOf(inputs, pr);
    expect(deploy.namespace).toBe('pr-42');
    const outcome = await execute(deploy, io, new AbortController().signal, {
      connect,
      githubClient: { sleep: () => Promise.resolve() },
    });
    expect(outcome.exitCode).toBe(0);
    const comments = () => github.commentsOn('acme/shop', 42);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain('### Preview environment');
    expect(comments()[0]!.body).toContain(`curl -H 'Host: podinfo.co.uk' ${mesh.ingressUrl}/`);
    expect(comments()[0]!.body).toContain('kubectl -n pr-42 port-forward svc/podinfo 9898');
    const ns = mesh.api.object('', 'namespaces', '', 'pr-42') as {
      metadata: { labels: Record<string, string> };
    };
    expect(ns.metadata.labels[PREVIEW_LABEL]).toBe('42');
    const dr = mesh.api.object('networking.istio.io', 'destinationrules', 'pr-42', 'podinfo') as {
      spec: { host: string };
    };
    expect(dr.spec.host).toBe('podinfo.pr-42.svc.cluster.local');
    expect(mesh.api.object('apps', 'deployments', 'pr-42', 'podinfo-canary')).toBeDefined();

    const cleanup = recordingIo();
    const outcome2 = await execute(
      settingsOf({ cluster: 'sim', preview: 'true', command: 'cleanup', 'github-token': 'ghs_preview' }, pr),
      cleanup.io,
      new AbortController().signal,
      { connect, githubClient: { sleep: () => Promise.resolve() } },
    );
    expect(outcome2.exitCode).toBe(0);
    expect(cleanup.outputs.get('status')).toBe('deleted');
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body).toContain('Preview environment deleted: pr-42/podinfo');
    expect(cleanup.outputs.get('comment-url')).toMatch(/^http/);
    expect(cleanup.log.join('\n')).toContain('namespace pr-42 of PR #42 deleted');
    expect(mesh.api.object('', 'namespaces', '', 'pr-43')).toBeDefined();
  });

  it('leaves a pr-<number> namespace alone that the action did not create', async () => {
    const { io, outputs } = recordingIo();
    const res = await fetch(`${mesh.apiUrl}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-7' } }),
    });
    expect(res.status).toBe(201);
    const settings = settingsOf({ cluster: 'sim', preview: 'true', command: 'cleanup', 'pr-number': '7' });
    expect((await execute(settings, io, new AbortController().signal, { connect })).exitCode).toBe(0);
    expect(outputs.get('status')).toBe('not-ours');
    expect(mesh.api.object('', 'namespaces', '', 'pr-7')).toBeDefined();
  });
});
