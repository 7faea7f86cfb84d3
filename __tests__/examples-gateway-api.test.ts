// examples/podinfo-gateway-api (issue 15): podinfo on a Gateway API Gateway of class istio and
// an HTTPRoute weighing the podinfo-stable and podinfo-canary Services. The HTTPRoute is only in
// the manifests (nothing live), and route-kind is left at auto: the run must find it there and
// step its backendRefs through the same execute() the action and the CLI run, with the inputs of
// examples/workflows/gateway-api.yml (cluster sim instead of kind, 2 s windows), on the
// embedded mesh; a canary that fails 40% of its requests is rolled back on the HTTPRoute.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport, PromotionState } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import { loadManifests } from '../src/promote/target.js';
import { routeKindOf } from '../src/promote/http-route-target.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';

const root = path.join(import.meta.dirname, '..');
const WORKFLOW = 'examples/workflows/gateway-api.yml';

function settingsOf(inputs: Record<string, string>): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

/** The workflow's istio-canary inputs on the embedded mesh: cluster sim instead of kind, 2 s windows. */
function onMesh(overrides: Record<string, string> = {}): Record<string, string> {
  const wf = load(readFileSync(path.join(root, WORKFLOW), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
  };
  const step = Object.values(wf.jobs)
    .flatMap((j) => j.steps)
    .find((s) => s.uses?.startsWith('istio-canary/istio-canary@'));
  const inputs = Object.fromEntries(Object.entries(step!.with!).map(([k, v]) => [k, String(v)]));
  return {
    ...inputs,
    cluster: 'sim',
    interval: '2s',
    'load-rps': '200',
    'min-requests': '20',
    // A healthy canary must pass in this single run: a false-alarm budget far below what one run
    // could notice (one full-suite run saw a 1% budget roll it back on latency jitter).
    'false-rollback-rate': '0.01%',
    comment: 'never',
    'rollout-timeout': '20s',
    ...overrides,
  };
}

let mesh: Mesh;
let tmp: string | null = null;
beforeEach(async () => {
  mesh = await startMesh({ readinessDelayMs: 50 });
});
afterEach(async () => {
  await mesh.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

async function promote(inputs: Record<string, string>) {
  const reports: PromotionReport[] = [];
  const log: string[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: () => undefined,
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
  const reporter = (): Reporter => ({
    progress: () => Promise.resolve(),
    final: (r) => {
      reports.push(r);
      return Promise.resolve({ commentUrl: null, reportJsonPath: null });
    },
  });
  const connect = (): Promise<ClusterConnection> =>
    Promise.resolve({
      kubeconfig: mesh.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: mesh.ingressUrl,
      created: false,
      close: () => Promise.resolve(),
    });
  const outcome = await execute(settingsOf(inputs), io, new AbortController().signal, { connect, reporter });
  return { exitCode: outcome.exitCode, report: reports.at(-1), log: log.join('\n') };
}

interface StoredRoute {
  metadata: { annotations?: Record<string, string> };
  spec: { rules: { backendRefs: { name: string; weight?: number }[] }[] };
}
const storedRoute = () =>
  mesh.api.object('gateway.networking.k8s.io', 'httproutes', 'test', 'podinfo') as unknown as StoredRoute;
const routeWeights = (r: StoredRoute) =>
  Object.fromEntries(r.spec.rules[0]!.backendRefs.map((b) => [b.name, b.weight ?? 1]));
const stableImage = () =>
  (
    mesh.api.object('apps', 'deployments', 'test', 'podinfo-stable') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    }
  ).spec.template.spec.containers[0]!.image;

describe('examples/podinfo-gateway-api', () => {
  it('route-kind auto finds the HTTPRoute in the manifests (no VirtualService anywhere)', async () => {
    const settings = settingsOf(onMesh());
    expect(settings.strategy.routeKind).toBe('auto');
    const docs = await loadManifests(settings, root);
    expect(docs.map((d) => d.object.kind)).not.toContain('VirtualService');
    expect(routeKindOf(settings, docs)).toBe('http-route');
  });

  it('steps the HTTPRoute found in the manifests 10, 60, 100 and promotes podinfo-stable to the canary image', async () => {
    const r = await promote(onMesh());
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain('istio-canary run: HTTPRoute test/podinfo');
    expect(r.report?.status).toBe('promoted');
    expect(r.report!.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([
      [10, 'pass'],
      [60, 'pass'],
      [100, 'pass'],
    ]);
    // Both Services answered during the 60% window (the load tells them apart by their header).
    const sixty = r.report!.history[1]!.verdict;
    expect(sixty.canary!.requests).toBeGreaterThan(0);
    expect(sixty.stable!.requests).toBeGreaterThan(0);
    const route = storedRoute();
    const state = JSON.parse(route.metadata.annotations![STATE_ANNOTATION]!) as PromotionState;
    expect(state.phase).toBe('promoted');
    expect(routeWeights(route)).toEqual({ 'podinfo-stable': 100, 'podinfo-canary': 0 });
    expect(stableImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
    expect(mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo')).toBeUndefined();
  });

  it('a canary failing 40% of its requests is rolled back on the HTTPRoute at the first step; podinfo-stable untouched', async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'examples-gateway-api-'));
    const from = path.join(root, 'examples', 'podinfo-gateway-api');
    for (const f of readdirSync(from).filter((n) => n.endsWith('.yaml'))) {
      let text = readFileSync(path.join(from, f), 'utf8');
      const anchor = '        version: canary\n    spec:';
      if (f === 'deployments.yaml') {
        expect(text).toContain(anchor);
        text = text.replace(
          anchor,
          '        version: canary\n      annotations:\n        sim.istio-canary.dev/error-rate: "40%"\n    spec:',
        );
      }
      writeFileSync(path.join(tmp, f), text);
    }
    const r = await promote(onMesh({ manifests: path.join(tmp, '*.yaml') }));
    expect(r.exitCode, r.log).toBe(1);
    expect(r.report?.status).toBe('rolled-back');
    expect(r.report!.history.map((h) => [h.weight, h.verdict.outcome])).toEqual([[10, 'fail']]);
    const route = storedRoute();
    expect(routeWeights(route)).toEqual({ 'podinfo-stable': 100, 'podinfo-canary': 0 });
    expect((JSON.parse(route.metadata.annotations![STATE_ANNOTATION]!) as PromotionState).phase).toBe(
      'rolled-back',
    );
    expect(stableImage()).toBe('ghcr.io/stefanprodan/podinfo:6.7.0');
  });
});
