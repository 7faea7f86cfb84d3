// Webhook gates against a local HTTP server: the payload a webhook receives (its documented
// schema, exactly), a 500 that rolls the promotion back before the canary gets traffic (the
// status and the body's start in the reason), a hung webhook (each attempt ends at the
// timeout, then bounded retries, then a failure naming the cause), a refused connection, and a
// secret header that reaches the webhook but never the log, the report or the stored state.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GateMoment, type GatePayload, runGates } from '../src/gates/run.js';
import { parseGates } from '../src/gates/spec.js';
import { proxyEnvFrom } from '../src/http/proxy.js';
import { safeLogger } from '../src/log.js';
import { runPromotion, type PromotionDeps } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import type { Settings } from '../src/settings.js';
import {
  PROMOTE_FIXTURES,
  RecordingLogger,
  RecordingReporter,
  type TestCluster,
  newNamespace,
  settingsFor,
  startTestCluster,
  storedVs,
} from './support/promote-cluster.js';

interface Received {
  path: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local webhook: each path answers as `answer` says (never, for /hang); every request recorded. */
let server: http.Server;
let base: string;
const received: Received[] = [];
const waiting = new Set<http.ServerResponse>();
let onRequest: ((r: Received) => void) | null = null;
let cluster: TestCluster;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const r: Received = { path: req.url ?? '', method: req.method ?? '', headers: req.headers, body };
      received.push(r);
      onRequest?.(r);
      if (r.path.startsWith('/hang')) {
        waiting.add(res);
        return;
      }
      if (r.path.startsWith('/fail')) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        // Echoes what it was sent, headers included, as careless servers do.
        res.end(`canary smoke failed: 3 of 10 checks\nyou sent ${JSON.stringify(req.headers)}`);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cluster = await startTestCluster({ seed: 17 });
});
afterAll(async () => {
  for (const res of waiting) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await cluster.close();
});

const NO_PROXY = proxyEnvFrom({});

function flask(ns: string, gates: unknown[], inputs: Record<string, string> = {}): Settings {
  return settingsFor(
    {
      manifests: 'flask/canary-deployment.yml',
      namespace: ns,
      steps: '20,50,100',
      'canary-image': 'example/smartcarapp:2.1',
      gates: dump(gates),
      ...inputs,
    },
    { runId: '1602' },
  );
}

const deps = (over: Partial<PromotionDeps> = {}): PromotionDeps => ({
  kube: cluster.kube,
  metrics: new ScriptedMetrics({ script: [] }),
  reporter: new RecordingReporter(),
  logger: new RecordingLogger(),
  signal: new AbortController().signal,
  cwd: PROMOTE_FIXTURES,
  lease: { durationMs: 3000, waitMs: 2000 },
  ...over,
});

const moment: GateMoment = {
  phase: 'pre-step',
  command: 'run',
  namespace: 'shop',
  virtualService: 'smartcarapp',
  route: '0',
  stableSubset: 'v1',
  canarySubset: 'v2',
  stableWorkload: 'smartcarapp-v1',
  canaryWorkload: 'smartcarapp-v2',
  canaryImage: 'example/smartcarapp:2.1',
  weight: 20,
  nextWeight: 50,
  step: 2,
  steps: [20, 50, 100],
  runId: 'acme/shop/1/-/abcd',
  loadUrl: null,
  loadHost: null,
};

describe('webhook gates', () => {
  it('a passing webhook receives the documented payload before each increase, as JSON with its headers', async () => {
    const ns = await newNamespace(cluster, 'hooks');
    received.length = 0;
    const settings = flask(ns, [
      {
        name: 'approve',
        when: ['pre-rollout', 'pre-step'],
        webhook: `${base}/ok`,
        headers: { 'X-Env': 'ci' },
        metadata: { suite: 'smoke' },
      },
    ]);
    const report = await runPromotion(settings, deps());
    expect(report.status).toBe('promoted');
    expect(received.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers['x-env']).toBe('ci');
    const payloads = received.map((r) => JSON.parse(r.body) as GatePayload);
    const expected: GatePayload = {
      schemaVersion: 1,
      name: 'approve',
      phase: 'pre-rollout',
      command: 'run',
      namespace: ns,
      virtualService: 'smartcarapp',
      route: '0',
      stableSubset: 'v1',
      canarySubset: 'v2',
      stableWorkload: 'smartcarapp-v1',
      canaryWorkload: 'smartcarapp-v2',
      canaryImage: 'example/smartcarapp:2.1',
      weight: 0,
      nextWeight: 20,
      step: 1,
      steps: [20, 50, 100],
      runId: payloads[0]!.runId,
      loadUrl: null,
      loadHost: null,
      metadata: { suite: 'smoke' },
    };
    expect(payloads[0]).toStrictEqual(expected);
    expect(payloads[0]!.runId).toMatch(/^acme\/shop\/1602\//);
    expect(payloads.map((p) => [p.phase, p.weight, p.nextWeight, p.step])).toEqual([
      ['pre-rollout', 0, 20, 1],
      ['pre-step', 20, 50, 2],
      ['pre-step', 50, 100, 3],
    ]);
  });

  it('a webhook answering 500 before the first traffic rolls back: the canary never gets traffic, the status and body are in the reason', async () => {
    const ns = await newNamespace(cluster, 'hooks');
    const weights: number[] = [];
    const stop = cluster.api.onChange((e) => {
      if ((e.object.metadata as { namespace?: string } | undefined)?.namespace !== ns) return;
      if (e.key !== 'networking.istio.io/virtualservices') return;
      const spec = e.object.spec as {
        http?: { route?: { destination: { subset: string }; weight?: number }[] }[];
      };
      weights.push(spec.http?.[0]?.route?.find((r) => r.destination.subset === 'v2')?.weight ?? 0);
    });
    const metrics = new ScriptedMetrics({ script: [] });
    const report = await runPromotion(
      flask(ns, [{ name: 'acceptance', when: 'pre-rollout', webhook: `${base}/fail` }]),
      deps({ metrics }),
    );
    stop();
    expect(report.status).toBe('rolled-back');
    expect(weights.every((w) => w === 0)).toBe(true);
    expect(metrics.windows).toHaveLength(0);
    expect(report.reason).toMatch(
      /^step 1\/3 at 20% failed: gate acceptance \(pre-rollout\) failed: HTTP 500; body: canary smoke failed: 3 of 10 checks\\nyou sent/,
    );
    expect(report.history.at(-1)?.verdict.reasons[0]).toMatchObject({
      metric: 'gate:acceptance',
      source: 'gate',
      value: 500,
      ok: false,
    });
    expect(storedVs(cluster.api, ns, 'smartcarapp').state?.phase).toBe('rolled-back');
  });

  it('a hung webhook: each attempt ends at the timeout, retried a bounded number of times, then the gate fails naming it', async () => {
    const [gate] = parseGates(
      dump([{ name: 'slow', when: 'pre-step', webhook: `${base}/hang`, retries: 2 }]),
    );
    const hung = { ...gate!, timeoutMs: 200 }; // the input's minimum is 1s; the same field, shorter
    const before = received.filter((r) => r.path === '/hang').length;
    const logger = new RecordingLogger();
    const verdict = await runGates([hung], moment, {
      logger,
      signal: new AbortController().signal,
      cwd: process.cwd(),
      env: {},
      proxy: NO_PROXY,
    });
    expect(received.filter((r) => r.path === '/hang').length - before).toBe(3);
    expect(verdict?.outcome).toBe('fail');
    expect(verdict?.reasons[0]?.message).toBe(
      `gate slow (pre-step) failed: no answer from ${base}/hang within 200ms (3 attempts)`,
    );
    expect(logger.lines.filter((l) => l.includes('trying again in'))).toHaveLength(2);
  });

  it('a refused connection is retried, then named', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const [gate] = parseGates(
      dump([{ name: 'gone', when: 'pre-step', webhook: `http://127.0.0.1:${port}/x`, retries: 1 }]),
    );
    const verdict = await runGates([gate!], moment, {
      logger: new RecordingLogger(),
      signal: new AbortController().signal,
      cwd: process.cwd(),
      env: {},
      proxy: NO_PROXY,
    });
    expect(verdict?.reasons[0]?.message).toMatch(
      new RegExp(
        `^gate gone \\(pre-step\\) failed: .*127\\.0\\.0\\.1:${port}.*(refused|ECONNREFUSED).* \\(2 attempts\\)$`,
      ),
    );
  });

  it('a cancel during a hung webhook ends the call at once and rolls back', async () => {
    const ns = await newNamespace(cluster, 'hooks');
    const controller = new AbortController();
    onRequest = (r) => {
      if (r.path === '/hang-cancel') controller.abort(new Error('SIGTERM'));
    };
    try {
      const report = await runPromotion(
        flask(ns, [
          { name: 'slow', when: 'pre-step', webhook: `${base}/hang-cancel`, timeout: '10m', retries: 10 },
        ]),
        deps({ signal: controller.signal }),
      );
      expect(report.status).toBe('rolled-back');
      expect(report.reason).toBe('cancelled (SIGTERM) at 20% canary');
      expect(received.filter((r) => r.path === '/hang-cancel')).toHaveLength(1);
    } finally {
      onRequest = null;
    }
  });

  it('a secret header reaches the webhook and never the log, the report or the stored state, even when the webhook echoes it', async () => {
    const ns = await newNamespace(cluster, 'hooks');
    const token = 'gh0stT0ken9x7Qw3rTy8Zu1Io';
    const apiKey = 'k3y-5ecret-Vb8Nm2Lp0Qr';
    const sink: string[] = [];
    const logger = safeLogger({
      info: (m) => void sink.push(m),
      warning: (m) => void sink.push(m),
      error: (m) => void sink.push(m),
      debug: (m) => void sink.push(m),
    });
    const reporter = new RecordingReporter();
    received.length = 0;
    const report = await runPromotion(
      flask(ns, [
        {
          name: 'acceptance',
          when: 'pre-rollout',
          webhook: `${base}/fail?access_token=${apiKey}`,
          headers: { Authorization: `Bearer ${token}`, 'X-Api-Key': apiKey },
        },
      ]),
      deps({ logger, reporter }),
    );
    expect(report.status).toBe('rolled-back');
    expect(received[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(received[0]!.headers['x-api-key']).toBe(apiKey);
    const state = JSON.stringify(storedVs(cluster.api, ns, 'smartcarapp').state);
    const everything = [sink.join('\n'), JSON.stringify(report), JSON.stringify(reporter.finalReport), state];
    for (const text of everything) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(apiKey);
    }
    // The failure is still there, with the secrets masked.
    expect(report.reason).toContain('HTTP 500; body: canary smoke failed');
    expect(report.reason).toContain('***');
    expect(sink.join('\n')).toContain(`POST ${base}/fail?access_token=***`);
  });
});
