import type http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  KubeApiError,
  KubeUnavailableError,
  UnknownKindError,
  createKubeClient,
  WaitTimeoutError,
} from '../src/kube/client.js';
import { backoffDelay } from '../src/retry.js';
import { type FakeApi, json, reset, startFakeApi, status } from './support/promote-fake-api.js';

const DEPLOY_PATH = '/apis/apps/v1/namespaces/test/deployments';
const discoveryApps = json(200, {
  kind: 'APIResourceList',
  groupVersion: 'apps/v1',
  resources: [
    { name: 'deployments', kind: 'Deployment', namespaced: true },
    { name: 'deployments/status', kind: 'Deployment', namespaced: true },
  ],
});

const deployment = (rv: string, ready: boolean) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'test', resourceVersion: rv },
  status: { ready },
});

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi();
  api.fallback('/apis/apps/v1', discoveryApps);
});
afterAll(async () => api.close());
afterEach(() => {
  api.requests.length = 0;
});

const client = () =>
  createKubeClient({ kubeconfig: api.kubeconfig, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'test' };
const hits = (path: string) => api.requests.filter((r) => r.url.split('?')[0] === path);

describe('kube client', () => {
  it('retries 500 and 503 answers and returns the object', async () => {
    api.queue(
      `${DEPLOY_PATH}/web`,
      status(500, 'InternalError', 'etcd hiccup'),
      status(503, 'ServiceUnavailable', 'busy'),
      json(200, deployment('7', true)),
    );
    const obj = await (await client()).get(ref);
    expect(obj?.metadata?.resourceVersion).toBe('7');
    expect(hits(`${DEPLOY_PATH}/web`)).toHaveLength(3);
  });

  it('sends the kubeconfig token', async () => {
    api.queue(`${DEPLOY_PATH}/web`, json(200, deployment('1', true)));
    await (await client()).get(ref);
    expect(hits(`${DEPLOY_PATH}/web`)[0]?.headers.authorization).toBe('Bearer secret-token');
  });

  it('honours Retry-After on 429', async () => {
    api.queue(
      `${DEPLOY_PATH}/web`,
      status(429, 'TooManyRequests', 'slow down', { 'retry-after': '1' }),
      json(200, deployment('2', true)),
    );
    const waits: number[] = [];
    const c = await createKubeClient({
      kubeconfig: api.kubeconfig,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await c.get(ref);
    expect(hits(`${DEPLOY_PATH}/web`)).toHaveLength(2);
    // The client waited what the server asked (1 s), not its own 5-20 ms backoff.
    expect(waits).toEqual([1000]);
  });

  it('retries a reset connection', async () => {
    api.queue(`${DEPLOY_PATH}/web`, reset, json(200, deployment('3', true)));
    const obj = await (await client()).get(ref);
    expect(obj?.metadata?.resourceVersion).toBe('3');
  });

  it('fails fast with the API message on 403 and 422', async () => {
    api.queue(
      `${DEPLOY_PATH}/web`,
      status(403, 'Forbidden', 'deployments.apps "web" is forbidden: User "ci" cannot get resource'),
    );
    const err = await (await client()).get(ref).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as KubeApiError).code).toBe(403);
    expect((err as Error).message).toContain('cannot get resource');
    expect(hits(`${DEPLOY_PATH}/web`)).toHaveLength(1);
    api.queue(`${DEPLOY_PATH}/web`, status(422, 'Invalid', 'spec.replicas: Invalid value: -1'));
    await expect((await client()).apply({ ...deployment('1', true) })).rejects.toThrow(
      /spec.replicas: Invalid value/,
    );
  });

  it('gives up after a bounded number of attempts, naming the last error', async () => {
    api.queue(
      `${DEPLOY_PATH}/web`,
      ...Array.from({ length: 3 }, () => status(503, 'ServiceUnavailable', 'still busy')),
    );
    const c = await createKubeClient({
      kubeconfig: api.kubeconfig,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const err = await c.get(ref).catch((e: unknown) => e);
    // Exported and typed, so a caller can tell "the API stayed down" from a refusal or a bug.
    expect(err).toBeInstanceOf(KubeUnavailableError);
    expect(err).not.toBeInstanceOf(KubeApiError);
    expect((err as KubeUnavailableError).attempts).toBe(3);
    expect((err as Error).name).toBe('KubeUnavailableError');
    expect((err as Error).message).toMatch(/after 3 attempts.*503.*still busy/);
  });

  it('returns null for a missing object', async () => {
    api.queue(`${DEPLOY_PATH}/web`, status(404, 'NotFound', 'not found'));
    expect(await (await client()).get(ref)).toBeNull();
  });

  it('server-side applies with field manager istio-canary, force and dry-run only when asked', async () => {
    const handler = json(200, deployment('9', true));
    api.queue(`${DEPLOY_PATH}/web`, handler, handler);
    const c = await client();
    await c.apply(deployment('1', true));
    await c.apply(deployment('1', true), { force: true, dryRun: true });
    const [a, b] = hits(`${DEPLOY_PATH}/web`);
    expect(a!.method).toBe('PATCH');
    expect(a!.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(a!.url).toContain('fieldManager=istio-canary');
    expect(a!.url).not.toMatch(/force|dryRun/);
    expect(b!.url).toContain('force=true');
    expect(b!.url).toContain('dryRun=All');
  });

  it('says which kind the cluster does not serve', async () => {
    api.queue(
      '/apis/networking.istio.io/v1',
      status(404, 'NotFound', 'the server could not find the requested resource'),
    );
    api.queue(
      '/apis/networking.istio.io/v1',
      status(404, 'NotFound', 'the server could not find the requested resource'),
    );
    const err = await (
      await client()
    )
      .resource('networking.istio.io/v1', 'VirtualService')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownKindError);
    expect((err as Error).message).toMatch(/does not serve VirtualService in networking.istio.io\/v1.*CRD/);
  });

  it('waitFor watches from the resourceVersion read, resumes after a drop and relists after 410', async () => {
    const watchUrls: string[] = [];
    const stream =
      (events: unknown[], end: boolean): ((req: http.IncomingMessage, res: http.ServerResponse) => void) =>
      (req, res) => {
        watchUrls.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        for (const e of events) res.write(`${JSON.stringify(e)}\n`);
        if (end) res.end();
      };
    // GET: rv 1, not ready; list for watches is by collection path.
    api.queue(`${DEPLOY_PATH}/web`, json(200, deployment('1', false)), json(200, deployment('5', false)));
    api.queue(
      DEPLOY_PATH,
      stream([{ type: 'MODIFIED', object: deployment('2', false) }], true), // dropped after one event
      stream(
        [
          {
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 2' },
          },
        ],
        true,
      ),
      stream([{ type: 'MODIFIED', object: deployment('6', true) }], false),
    );
    const c = await client();
    const obj = await c.waitFor(ref, (o) => (o?.status as { ready?: boolean } | undefined)?.ready === true, {
      timeoutMs: 10_000,
    });
    expect(obj?.metadata?.resourceVersion).toBe('6');
    const rvs = watchUrls.map((u) => new URL(u, 'http://x').searchParams.get('resourceVersion'));
    expect(rvs).toEqual(['1', '2', '5']);
    expect(watchUrls.every((u) => u.includes('watch=true'))).toBe(true);
  });

  it('waitFor times out saying why', async () => {
    api.queue(`${DEPLOY_PATH}/web`, json(200, deployment('1', false)));
    api.fallback(DEPLOY_PATH, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
    });
    const c = await client();
    const waited = c.waitFor(ref, () => false, {
      timeoutMs: 300,
      describe: (last) => `still at rv ${last?.metadata?.resourceVersion}`,
    });
    await expect(waited).rejects.toThrow(/timed out after 300 ms: still at rv 1/);
    await expect(waited).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it('rejects an unknown context naming the ones there are', async () => {
    await expect(createKubeClient({ kubeconfig: api.kubeconfig, context: 'prod' })).rejects.toThrow(
      /no context "prod".*fake/,
    );
  });
});

describe('retry arithmetic', () => {
  // src/retry.ts counts attempts from 1 (the wait after the first failure is attempt 1); the
  // client's own backoff counted from 0, so its attempt n is attempt n + 1 here: the same waits.
  it('backs off exponentially within the bound, with full jitter', () => {
    const p = { ...DEFAULT_RETRY, maxDelayMs: 1000, maxRetryAfterMs: 4000 };
    expect(backoffDelay(1, p, null, () => 1)).toBe(100);
    expect(backoffDelay(4, p, null, () => 1)).toBe(800);
    expect(backoffDelay(11, p, null, () => 1)).toBe(1000);
    expect(backoffDelay(11, p, null, () => 0)).toBe(500);
    expect(backoffDelay(1, p, 2500, () => 0)).toBe(2500);
    expect(backoffDelay(1, p, 60_000, () => 0)).toBe(4000);
  });

  it('keeps the policy: 8 attempts, 100 ms doubling to 3 s, Retry-After up to 10 s', () => {
    expect(DEFAULT_RETRY).toEqual({
      attempts: 8,
      baseDelayMs: 100,
      maxDelayMs: 3000,
      maxRetryAfterMs: 10_000,
      jitter: true,
    });
    const waits = Array.from({ length: 7 }, (_, i) => backoffDelay(i + 1, DEFAULT_RETRY, null, () => 1));
    expect(waits).toEqual([100, 200, 400, 800, 1600, 3000, 3000]);
  });
});
