// A real Kubernetes v1.20.2 control plane on loopback for conformance tests: etcd,
// kube-apiserver and kube-controller-manager, built by scripts/kube-apiserver/ensure.sh.
// Every process is started here and stopped here, by pid; nothing else is touched.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:https';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const ENSURE_SCRIPT = join(REPO_ROOT, 'scripts', 'kube-apiserver', 'ensure.sh');
export const ISTIO_CRDS = join(REPO_ROOT, '__tests__', 'fixtures', 'conformance', 'istio-crds.yaml');
export const ADMIN_TOKEN = 'istio-canary-conformance-admin-token';

/**
 * The cached bin dir from `ensure.sh --check` (which never builds). Throws, with the command
 * to run, when the binaries are missing: the suite must fail, not skip.
 */
export async function kubeBinDir(): Promise<string> {
  try {
    const { stdout } = await execFileP(ENSURE_SCRIPT, ['--check']);
    const dir = stdout.trim().split('\n').pop();
    if (!dir) throw new Error('ensure.sh --check printed no bin dir');
    return dir;
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() ?? String(err);
    throw new Error(
      `kube-apiserver v1.20.2 is not built: run scripts/kube-apiserver/ensure.sh (takes 10-20 min once, then cached).\n${detail}`,
      { cause: err },
    );
  }
}

export interface RealApiServer {
  /** https://127.0.0.1:<port> */
  server: string;
  token: string;
  /** PEM of the self-signed serving certificate, which is also the CA to trust. */
  caPem: string;
  /** A kubeconfig (YAML) with the admin token and the CA. */
  kubeconfig: string;
  kubeconfigPath: string;
  /** stderr tails of the processes, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface RealApiServerOptions {
  binDir: string;
  /** Apply the Istio CRDs from the fixtures and wait until they are established. Default true. */
  istioCrds?: boolean;
  /** How long start-up may take before failing. Default 90 s. */
  startTimeoutMs?: number;
  /**
   * kube-controller-manager's --controllers. Default: deployment, replicaset, namespace,
   * garbagecollector, serviceaccount, serviceaccount-token. Keep `serviceaccount`: start-up
   * waits for the default ServiceAccount.
   */
  controllers?: string[];
}

export const DEFAULT_CONTROLLERS = [
  'deployment',
  'replicaset',
  'namespace',
  'garbagecollector',
  'serviceaccount',
  'serviceaccount-token',
];

async function freePort(): Promise<number> {
  // etcd and kube-apiserver cannot report a port chosen by the kernel, so take one and free it.
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  srv.close();
  await once(srv, 'close');
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

interface Proc {
  name: string;
  child: ChildProcess;
  tail: string[];
  exited: Promise<number | null>;
}

function startProc(name: string, cmd: string, args: string[]): Proc {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    tail.push(chunk.toString());
    if (tail.length > 60) tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((res) => {
    child.on('exit', (code) => res(code));
    child.on('error', (e) => {
      keep(Buffer.from(String(e)));
      res(-1);
    });
  });
  return { name, child, tail, exited };
}

async function stopProc(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null || p.child.pid === undefined) return;
  process.kill(p.child.pid, 'SIGTERM');
  const killer = setTimeout(() => {
    if (p.child.pid !== undefined && p.child.exitCode === null) process.kill(p.child.pid, 'SIGKILL');
  }, 10_000);
  await p.exited;
  clearTimeout(killer);
}

async function openssl(args: string[]): Promise<void> {
  await execFileP('openssl', args);
}

/** GET a path with the admin token; resolves with status and body, never rejects on HTTP errors. */
function httpsGet(
  server: string,
  path: string,
  token: string,
  ca: string,
): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const req = request(new URL(path, server), { headers: { Authorization: `Bearer ${token}` }, ca }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (body += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

/**
 * Wait until `probe` resolves true, or a process dies, or the deadline passes. Polling is fine
 * here: we are waiting for a freshly spawned process, which offers no event to wait on.
 */
async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  procs: Proc[],
  deadline: number,
): Promise<void> {
  for (;;) {
    const dead = procs.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (dead)
      throw new Error(`${dead.name} exited while waiting for ${what}:\n${dead.tail.join('').slice(-4000)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startRealApiServer(opts: RealApiServerOptions): Promise<RealApiServer> {
  const dir = await mkdtemp(join(tmpdir(), 'istio-canary-kube-'));
  const procs: Proc[] = [];
  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  const stop = async (): Promise<void> => {
    // Controller-manager first, etcd last, so nobody logs errors about a vanished backend.
    for (const p of [...procs].reverse()) await stopProc(p);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const crt = join(dir, 'serving.crt');
    const key = join(dir, 'serving.key');
    await openssl([
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-keyout', key, '-out', crt,
    ]); // prettier-ignore
    const saKey = join(dir, 'sa.key');
    const saPub = join(dir, 'sa.pub');
    await openssl(['genrsa', '-out', saKey, '2048']);
    await openssl(['rsa', '-in', saKey, '-pubout', '-out', saPub]);
    const tokens = join(dir, 'tokens.csv');
    await writeFile(tokens, `${ADMIN_TOKEN},admin,admin-uid,"system:masters"\n`);
    const caPem = await readFile(crt, 'utf8');

    const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    procs.push(
      startProc('etcd', 'etcd', [
        '--name=conformance', `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=conformance=${peerUrl}`,
        // Throwaway data: fsync only slows the suite down.
        '--unsafe-no-fsync',
      ]), // prettier-ignore
    );

    const server = `https://127.0.0.1:${apiPort}`;
    procs.push(
      startProc('kube-apiserver', join(opts.binDir, 'kube-apiserver'), [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`, '--insecure-port=0',
        `--tls-cert-file=${crt}`, `--tls-private-key-file=${key}`,
        `--token-auth-file=${tokens}`, '--authorization-mode=RBAC', '--anonymous-auth=false',
        `--service-account-key-file=${saPub}`, `--service-account-signing-key-file=${saKey}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--api-audiences=https://kubernetes.default.svc.cluster.local',
        '--service-cluster-ip-range=10.96.0.0/16',
        `--cert-dir=${join(dir, 'certs')}`, '--profiling=false', '--v=0',
      ]), // prettier-ignore
    );

    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: real',
      '  cluster:',
      `    server: ${server}`,
      `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
      'users:',
      '- name: admin',
      '  user:',
      `    token: ${ADMIN_TOKEN}`,
      'contexts:',
      '- name: real',
      '  context: {cluster: real, user: admin, namespace: default}',
      'current-context: real',
      '',
    ].join('\n');
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });

    await waitFor(
      'kube-apiserver /readyz',
      async () => (await httpsGet(server, '/readyz', ADMIN_TOKEN, caPem)).status === 200,
      procs,
      deadline,
    );

    procs.push(
      startProc('kube-controller-manager', join(opts.binDir, 'kube-controller-manager'), [
        `--kubeconfig=${kubeconfigPath}`,
        // Only what the scenarios need: Deployments get ReplicaSets and status, namespaces finish deleting.
        `--controllers=${(opts.controllers ?? DEFAULT_CONTROLLERS).join(',')}`,
        '--leader-elect=false', '--secure-port=0', '--port=0',
        `--service-account-private-key-file=${saKey}`, `--root-ca-file=${crt}`,
        '--concurrent-deployment-syncs=2', '--v=0',
      ]), // prettier-ignore
    );

    // The default ServiceAccount shows the controller-manager is running its loops.
    await waitFor(
      'kube-controller-manager (default ServiceAccount)',
      async () =>
        (await httpsGet(server, '/api/v1/namespaces/default/serviceaccounts/default', ADMIN_TOKEN, caPem))
          .status === 200,
      procs,
      deadline,
    );

    if (opts.istioCrds !== false) await applyIstioCrds(server, kubeconfigPath, procs, deadline, caPem);

    return {
      server,
      token: ADMIN_TOKEN,
      caPem,
      kubeconfig,
      kubeconfigPath,
      logs: () => procs.map((p) => `--- ${p.name}\n${p.tail.join('').slice(-3000)}`).join('\n'),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function applyIstioCrds(
  server: string,
  kubeconfigPath: string,
  procs: Proc[],
  deadline: number,
  ca: string,
): Promise<void> {
  await execFileP('kubectl', ['--kubeconfig', kubeconfigPath, 'apply', '--server-side', '-f', ISTIO_CRDS]);
  for (const version of ['v1', 'v1beta1', 'v1alpha3']) {
    await waitFor(
      `Istio CRDs served at networking.istio.io/${version}`,
      async () => {
        const r = await httpsGet(server, `/apis/networking.istio.io/${version}`, ADMIN_TOKEN, ca);
        if (r.status !== 200) return false;
        const names = (JSON.parse(r.body) as { resources: { name: string }[] }).resources.map((x) => x.name);
        return ['virtualservices', 'destinationrules', 'gateways'].every((n) => names.includes(n));
      },
      procs,
      deadline,
    );
  }
}
