// The two targets of the conformance suite, started the same way and reached through a
// kubeconfig file: the real Kubernetes 1.20.2 server, and the embedded mesh's API server.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../../src/sim/api/index.js';
import { kubeBinDir, startRealApiServer } from '../support/real-apiserver.js';
import { makeClient, type Client } from './client.js';

export type TargetName = 'real' | 'mesh';

export interface Target {
  name: TargetName;
  client: Client;
  kubeconfigPath: string;
  logs(): string;
  stop(): Promise<void>;
}

export async function startReal(): Promise<Target> {
  const binDir = await kubeBinDir();
  const real = await startRealApiServer({ binDir });
  return {
    name: 'real',
    client: makeClient('real', real.kubeconfigPath),
    kubeconfigPath: real.kubeconfigPath,
    logs: () => real.logs(),
    stop: () => real.stop(),
  };
}

/** The embedded mesh's API server (src/sim/api), reached over plain HTTP on loopback. */
export async function startMesh(): Promise<Target> {
  const server = await startApiServer({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'istio-canary-mesh-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: mesh',
    '  cluster:',
    `    server: ${server.url}`,
    // client-node refuses plain http unless TLS verification is off.
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: admin',
    '  user:',
    '    token: mesh-admin',
    'contexts:',
    '- name: mesh',
    '  context: {cluster: mesh, user: admin, namespace: default}',
    'current-context: mesh',
    '',
  ].join('\n');
  try {
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    name: 'mesh',
    client: makeClient('mesh', kubeconfigPath),
    kubeconfigPath,
    logs: () => '',
    stop: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
