// The whole embedded mesh: objects written through the API server route traffic at the ingress,
// and `istio-canary sim` starts, prints its addresses and stops on the signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll, load } from 'js-yaml';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { runSimCommand } from '../src/sim/command.js';
import { jsonInit, raw } from './sim-api-support.js';

const PATHS: Record<string, string> = {
  Namespace: '/api/v1/namespaces',
  Deployment: '/apis/apps/v1/namespaces/test/deployments',
  Service: '/api/v1/namespaces/test/services',
  DestinationRule: '/apis/networking.istio.io/v1/namespaces/test/destinationrules',
  Gateway: '/apis/networking.istio.io/v1/namespaces/test/gateways',
  VirtualService: '/apis/networking.istio.io/v1/namespaces/test/virtualservices',
};

let mesh: Mesh;

beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 0, seed: 5 });
  const text = await readFile(fileURLToPath(new URL('./fixtures/sim/podinfo.yaml', import.meta.url)), 'utf8');
  for (const doc of loadAll(text) as { kind: string; metadata: { name: string } }[]) {
    const r = await raw(
      `${mesh.apiUrl}${PATHS[doc.kind]}/${doc.metadata.name}?fieldManager=test`,
      jsonInit('PATCH', doc, 'application/apply-patch+yaml'),
    );
    expect(r.status, r.text).toBe(201);
  }
});

afterAll(async () => {
  await mesh?.close();
});

/** GET with an explicit Host header (fetch does not let us set one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function versions(n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await getWithHost(`${mesh.ingressUrl}/version`, 'podinfo.co.uk');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { version: string };
    counts[body.version] = (counts[body.version] ?? 0) + 1;
  }
  return counts;
}

describe('the embedded mesh', () => {
  it('routes ingress traffic by the VirtualService stored through the API, and follows weight changes', async () => {
    expect(await versions(20)).toEqual({ ga: 20 });
    const r = await raw(
      `${mesh.apiUrl}${PATHS['VirtualService']}/podinfo`,
      jsonInit(
        'PATCH',
        [
          { op: 'replace', path: '/spec/http/0/route/0/weight', value: 100 },
          { op: 'replace', path: '/spec/http/0/route/1/weight', value: 0 },
        ],
        'application/json-patch+json',
      ),
    );
    expect(r.status).toBe(200);
    expect(await versions(20)).toEqual({ canary: 20 });
  });

  it('exposes a kubeconfig with the istio-canary-sim context and the API request log', async () => {
    const kc = load(mesh.kubeconfig) as {
      'current-context': string;
      clusters: { cluster: { server: string } }[];
    };
    expect(kc['current-context']).toBe('istio-canary-sim');
    expect(kc.clusters[0]?.cluster.server).toBe(mesh.apiUrl);
    expect(mesh.api.requests.some((e) => e.verb === 'patch' && e.resource === 'virtualservices')).toBe(true);
    const metrics = await fetch(mesh.metricsUrl);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('istio_requests_total');
  });
});

describe('istio-canary sim', () => {
  it('starts on loopback, writes the kubeconfig, prints the addresses and stops on the signal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-cmd-'));
    const path = join(dir, 'kubeconfig');
    const ac = new AbortController();
    let out = '';
    let printed: () => void = () => {};
    const ready = new Promise<void>((r) => (printed = r));
    const io = {
      stdout: (s: string) => {
        out += s;
        if (out.includes('export KUBECONFIG=')) printed();
      },
      stderr: (s: string) => {
        out += s;
      },
    };
    try {
      const done = runSimCommand(['--kubeconfig', path], io, ac.signal);
      await ready;
      const api = /API server:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(out).toMatch(/Ingress:\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(out).toMatch(/Metrics:\s+http:\/\/127\.0\.0\.1:\d+\/metrics/);
      expect(out).toContain(`export KUBECONFIG=${path}`);
      expect((await raw(`${api}/version`)).status).toBe(200);
      expect(await readFile(path, 'utf8')).toContain(api);
      ac.abort();
      expect(await done).toBe(0);
      await expect(fetch(`${api}/version`)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad port with exit code 2 and the usage', async () => {
    let err = '';
    const code = await runSimCommand(['--api-port', 'abc'], { stdout: () => {}, stderr: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err).toContain('--api-port: "abc" is not a port');
  });
});
