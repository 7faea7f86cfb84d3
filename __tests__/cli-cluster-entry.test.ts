// The CLI process and the action bundle against the embedded mesh's API as an existing cluster,
// for what only shows between processes or in the API's request log: the report JSON of two
// processes side by side, the Namespace of the manifests written once, and `status` in a
// namespace that does not hold the VirtualService.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/kube/client.js';
import { actionFiles, runAction, runCli } from './support/action-run.js';
import { PROMOTE_FIXTURES, type TestCluster, startTestCluster } from './support/promote-cluster.js';

const FLASK = readFileSync(path.join(PROMOTE_FIXTURES, 'flask/canary-deployment.yml'), 'utf8');

let cluster: TestCluster;
let dir: string;
let kubeconfigPath: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 13 });
  dir = await mkdtemp(path.join(tmpdir(), 'cli-cluster-entry-'));
  kubeconfigPath = path.join(dir, 'kubeconfig');
  await cluster.mesh.writeKubeconfig(kubeconfigPath);
  // The flask app live in namespace shop; namespace empty exists with no VirtualService.
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } });
  for (const doc of loadAll(FLASK) as KubeObject[])
    await cluster.kube.apply({ ...doc, metadata: { ...doc.metadata, namespace: 'shop' } }, { force: true });
});
afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ KUBECONFIG: kubeconfigPath, ...extra });

describe('the report JSON of concurrent processes', () => {
  it('two `status` processes of one job on one runner each name their own complete report file', async () => {
    const runnerTemp = path.join(dir, 'runner-temp');
    await mkdir(runnerTemp, { recursive: true });
    const job = {
      RUNNER_TEMP: runnerTemp,
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_JOB: 'canary',
    };
    const args = [
      'status',
      '--cluster',
      'existing',
      '--namespace',
      'shop',
      '--virtual-service',
      'smartcarapp',
    ];
    const runs = await Promise.all([runCli(args, env(job)), runCli(args, env(job))]);
    const files = runs.map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return /^report-json=(.+)$/m.exec(r.stdout)?.[1] ?? '';
    });
    expect(files[0]).not.toBe(files[1]);
    for (const file of files) {
      expect(path.dirname(file)).toBe(runnerTemp);
      expect(path.basename(file)).toMatch(
        /^istio-canary-report-shop-smartcarapp-4242-2-canary-\d+-[0-9a-f]{8}\.json$/,
      );
      const report = JSON.parse(readFileSync(file, 'utf8')) as { virtualService: string; command: string };
      expect(report).toMatchObject({ virtualService: 'smartcarapp', command: 'status' });
    }
    // Written through a temporary file renamed over: none is left behind.
    expect(readdirSync(runnerTemp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the action (node dist/index.js) names a report in RUNNER_TEMP that no other process writes', async () => {
    const outputs = await Promise.all(
      [1, 2].map(async () => {
        const files = actionFiles();
        const r = await runAction({
          files,
          inputs: {
            command: 'status',
            cluster: 'existing',
            namespace: 'shop',
            'virtual-service': 'smartcarapp',
          },
          env: env({ GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy' }),
        });
        expect(r.code, r.stdout).toBe(0);
        const file = r.outputs.get('report-json') ?? '';
        expect(path.dirname(file)).toBe(files.temp);
        expect(existsSync(file)).toBe(true);
        return path.basename(file);
      }),
    );
    // Even with the same run, attempt and job (two runners sharing a temp folder) the names differ.
    expect(outputs[0]).not.toBe(outputs[1]);
    for (const name of outputs) expect(name).toMatch(/^istio-canary-report-shop-smartcarapp-77-1-deploy-/);
  });
});

describe('the Namespace in the manifests', () => {
  it('is written once in a run, not once for the Lease and again in the batch', async () => {
    const file = path.join(dir, 'with-namespace.yaml');
    await writeFile(file, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fresh\n---\n${FLASK}`);
    cluster.api.clearRequests();
    // load-url on a closed port: the manifests are applied, then the probe at 0% stops the run.
    const r = await runCli(
      [
        'run',
        '--cluster',
        'existing',
        '--namespace',
        'fresh',
        '--manifests',
        file,
        '--load-url',
        'http://127.0.0.1:9',
      ],
      env(),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/applied Deployment fresh\/smartcarapp-v1|applied Deployment smartcarapp-v1/);
    expect(cluster.writes('namespaces').map((e) => `${e.verb} ${e.name}`)).toEqual(['patch fresh']);
  });
});

describe('status in a namespace without the VirtualService', () => {
  it.each([
    [
      'a namespace that does not exist',
      ['--namespace', 'nothere', '--virtual-service', 'smartcarapp'],
      /status: the VirtualService "smartcarapp" is neither in the manifests nor in namespace "nothere": namespace "nothere" does not exist/,
    ],
    [
      'a namespace with no VirtualService',
      ['--namespace', 'empty', '--virtual-service', 'smartcarapp'],
      /status: the VirtualService "smartcarapp" is neither in the manifests nor in namespace "empty": namespace "empty" has no VirtualService/,
    ],
    [
      'a namespace with another VirtualService',
      ['--namespace', 'shop', '--virtual-service', 'podinfo'],
      /status: the VirtualService "podinfo" is neither in the manifests nor in namespace "shop": namespace "shop" has the VirtualService smartcarapp\./,
    ],
    [
      'no virtual-service, in a namespace with none',
      ['--namespace', 'empty'],
      /status: there is no VirtualService in the manifests or in the namespace: namespace "empty" has no VirtualService/,
    ],
  ])(
    '%s: the message names the VirtualService, the namespace and what is there; exit 1, nothing written',
    async (_name, flags, message) => {
      cluster.api.clearRequests();
      const r = await runCli(['status', '--cluster', 'existing', ...flags], env());
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/nothing was changed/);
      expect(r.code).toBe(1);
      expect(cluster.writes().filter((e) => e.resource !== 'selfsubjectaccessreviews')).toEqual([]);
    },
  );
});
