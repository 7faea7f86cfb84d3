// Shared by the sim-dataplane tests: plain Kubernetes objects, an HTTP client that sets Host, and
// child-process helpers that wait on events (exit, a log line), never on time.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { KubeObject } from '../src/sim/types.js';

export const NS = 'test';
export const ROUTE_HEADER = 'x-sim-destination';

export function deployment(
  name: string,
  opts: {
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    image?: string;
    available?: number;
  },
  namespace = NS,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: opts.labels },
      template: {
        metadata: { labels: opts.labels, annotations: opts.annotations ?? {} },
        spec: { containers: [{ name: 'podinfod', image: opts.image ?? 'stefanprodan/podinfo:6.0.0' }] },
      },
    },
    status: { replicas: 1, availableReplicas: opts.available ?? 1 },
  };
}

export function service(name: string, selector: Record<string, string>, namespace = NS): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector, ports: [{ name: 'http', port: 9898 }] },
  };
}

export function destinationRule(
  name: string,
  host: string,
  subsets: Record<string, Record<string, string>>,
  namespace = NS,
): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name, namespace },
    spec: { host, subsets: Object.entries(subsets).map(([n, labels]) => ({ name: n, labels })) },
  };
}

export function virtualService(name: string, spec: Record<string, unknown>, namespace = NS): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace },
    spec,
  };
}

export function gateway(name: string, namespace = NS): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    },
  };
}

/** A weighted destination to a podinfo subset that tags its responses with ROUTE_HEADER. */
export function toSubset(subset: string, weight?: number): Record<string, unknown> {
  return {
    destination: { host: 'podinfo', subset },
    ...(weight === undefined ? {} : { weight }),
    headers: { response: { set: { [ROUTE_HEADER]: subset } } },
  };
}

/** The podinfo seed (ga/canary in namespace test) with current Istio field names. */
export function podinfoSeed(opts: {
  ga?: Record<string, string>;
  canary?: Record<string, string>;
  http: Record<string, unknown>[];
}): KubeObject[] {
  return [
    deployment('podinfo-ga', { labels: { app: 'podinfo', version: 'ga' }, annotations: opts.ga }),
    deployment('podinfo-canary', {
      labels: { app: 'podinfo', version: 'canary' },
      annotations: opts.canary,
      image: 'stefanprodan/podinfo:6.1.0',
    }),
    service('podinfo', { app: 'podinfo' }),
    destinationRule('podinfo', 'podinfo.test', { ga: { version: 'ga' }, canary: { version: 'canary' } }),
    gateway('podinfo-gateway'),
    virtualService('podinfo', {
      hosts: ['podinfo', 'podinfo.co.uk'],
      gateways: ['mesh', 'podinfo-gateway'],
      http: opts.http,
    }),
  ];
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One HTTP request with an explicit Host header (fetch cannot set Host). */
export function send(
  baseUrl: string,
  path: string,
  opts: { host?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        headers: { ...(opts.host ? { host: opts.host } : {}), ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function destroyAgent(): void {
  agent.destroy();
}

/** A free loopback port for tools that cannot take port 0 (Prometheus). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a tool to completion (argv array, no shell). A missing binary rejects loudly. */
export function run(cmd: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (err) =>
      reject(new Error(`${cmd} could not run (is it installed?): ${err.message}`)),
    );
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolve once a line matching `ready` appears on stdout/stderr; reject if the process ends first. */
export function waitForLine(child: ChildProcess, ready: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (c: Buffer): void => {
      log += c.toString();
      if (ready.test(log)) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`${what} exited (${code}) before it was ready:\n${log.slice(-4000)}`));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(new Error(`${what} could not start (is it installed?): ${err.message}`));
    };
    const cleanup = (): void => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM a child we started and wait for it to be gone. */
export function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}
