// Hostile manifests through the CLI process (`node bin/istio-canary.js`) against an existing
// cluster (the embedded mesh's API, through KUBECONFIG): bad manifests are named and the API is
// never contacted; a namespace the credentials cannot write is named by the preflight; a field
// the API server does not know (a typo) is named by the server-side dry run; nothing is written
// in any case.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMOTE_FIXTURES, type TestCluster, startTestCluster } from './support/promote-cluster.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const FLASK = readFileSync(path.join(PROMOTE_FIXTURES, 'flask/canary-deployment.yml'), 'utf8');

let cluster: TestCluster;
let dir: string;
let kubeconfigPath: string;
beforeAll(async () => {
  cluster = await startTestCluster({ seed: 11 });
  dir = await mkdtemp(path.join(tmpdir(), 'hostile-cli-'));
  kubeconfigPath = path.join(dir, 'kubeconfig');
  await cluster.mesh.writeKubeconfig(kubeconfigPath);
  await cluster.kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
});
afterAll(async () => {
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/istio-canary.js'), ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        KUBECONFIG: kubeconfigPath,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const base = (file: string) => [
  'run',
  '--cluster',
  'existing',
  '--namespace',
  'shop',
  '--manifests',
  file,
  '--load-url',
  'http://127.0.0.1:9',
];

describe('the CLI with hostile manifests and cluster: existing', () => {
  it('manifests in another namespace than --namespace: named, and the API never contacted', async () => {
    await writeFile(
      path.join(dir, 'other.yaml'),
      FLASK.replace(/^metadata:\n/gm, 'metadata:\n  namespace: other\n'),
    );
    cluster.api.clearRequests();
    const r = await cli(base('other.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /other\.yaml document 6 \(VirtualService smartcarapp\): metadata\.namespace is "other" but the namespace input is "shop"/,
    );
    expect(r.stderr).toMatch(/manifests: 6 problems:/);
    expect(cluster.api.requests).toEqual([]);
  });

  it('--route 5 on a one-route VirtualService lists the routes, and the API is never contacted', async () => {
    await writeFile(path.join(dir, 'app.yaml'), FLASK);
    cluster.api.clearRequests();
    const r = await cli([...base('app.yaml'), '--route', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /route: route 5 does not exist \(no http route at index 5\); VirtualService smartcarapp has 1 http route\(s\): 0 \(no name\)/,
    );
    expect(cluster.api.requests).toEqual([]);
  });

  it('credentials that cannot patch Services: the preflight names the resource and the namespace, nothing is written', async () => {
    await writeFile(path.join(dir, 'app.yaml'), FLASK);
    cluster.api.faults.forbid('patch', '', 'services');
    cluster.api.clearRequests();
    try {
      const r = await cli(base('app.yaml'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/RBAC: the credentials of context "istio-canary-sim" are missing permissions/);
      expect(r.stderr).toMatch(/ {2}- patch on services in namespace shop/);
    } finally {
      cluster.api.faults.allow('patch', '', 'services');
    }
    expect(cluster.api.requests.some((e) => e.resource === 'selfsubjectaccessreviews')).toBe(true);
    // Access reviews are questions, not writes: nothing else was created, patched or deleted.
    expect(cluster.writes().filter((e) => e.resource !== 'selfsubjectaccessreviews')).toEqual([]);
  });

  // An unknown field (a typo) in a container: the server-side dry run of the batch is refused by
  // the API server, naming the field; nothing is written, in a run and in a dry run alike.
  it.each([
    ['bogusField: true', 'bogusField', []],
    ['readinesProbe: {}', 'readinesProbe', []],
    ['bogusField: true', 'bogusField', ['--dry-run']],
  ])(
    'a container with %s (the field %s): named by the server-side dry run, nothing written (%j)',
    async (line, field, extra) => {
      await writeFile(
        path.join(dir, 'typo.yaml'),
        FLASK.replace(
          '        - name: smartcarapp\n          image: example/smartcarapp:2.0\n',
          `        - name: smartcarapp\n          image: example/smartcarapp:2.0\n          ${line}\n`,
        ),
      );
      cluster.api.clearRequests();
      const r = await cli([...base('typo.yaml'), ...extra]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(
        `.spec.template.spec.containers[name="smartcarapp"].${field}: field not declared in schema`,
      );
      expect(r.stderr).toMatch(
        /typo\.yaml document \d+ \(Deployment shop\/\S+\): the API server refused it in a dry run/,
      );
      expect(cluster.writes().filter((e) => e.resource !== 'selfsubjectaccessreviews')).toEqual([]);
    },
  );
});
