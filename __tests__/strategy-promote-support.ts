// Shared by the strategy promotion tests (issue 15): one promotion through execute() (the engine
// of the action and the CLI) on the embedded mesh, with the strategy fixture
// (fixtures/promote/strategy: podinfo, its VirtualService also serving a preview host), every
// stored VirtualService recorded (its weights, the A/B and preview routes, the mirror), and a
// real Prometheus scraping the mesh when asked.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadAll } from 'js-yaml';
import { createKubeClient, type KubeObject } from '../src/kube/client.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport, PromotionState } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import { startPrometheus, type RealPrometheus } from './checks-support.js';

export const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'promote', 'strategy');
/** The same podinfo on the Gateway API: a Gateway of class istio, a Service per version, an HTTPRoute. */
export const HTTP_ROUTE_FIXTURE = path.join(
  import.meta.dirname,
  'fixtures',
  'promote',
  'strategy-http-route',
);

/** What one stored VirtualService said. */
export interface VsWrite {
  canary: number;
  stable: number;
  /** Names of the http routes, in order (ours end in -istio-canary-ab / -istio-canary-preview). */
  routes: string[];
  /** The stepped route mirrors this percent to the canary (null: no mirror). */
  mirror: number | null;
  phase: string | null;
}

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export function vsWrite(vs: Json): VsWrite {
  const http = arr((vs.spec as Json | undefined)?.http);
  const stepped =
    http.find((r) => !(typeof r.name === 'string' ? r.name : '').includes('-istio-canary-')) ?? {};
  const weightOf = (subset: string) =>
    (arr(stepped.route).find((d) => (d.destination as Json | undefined)?.subset === subset)?.weight as
      number | undefined) ?? 0;
  const mirror = stepped.mirror
    ? (((stepped.mirrorPercentage as Json | undefined)?.value as number) ?? 100)
    : null;
  const raw = ((vs.metadata as Json | undefined)?.annotations as Record<string, string> | undefined)?.[
    STATE_ANNOTATION
  ];
  return {
    canary: weightOf('canary'),
    stable: weightOf('ga'),
    routes: http.map((r) => (typeof r.name === 'string' ? r.name : '')),
    mirror,
    phase: raw ? (JSON.parse(raw) as PromotionState).phase : null,
  };
}

/** What one stored HTTPRoute said: the stepped rule's weights, its inserted rules (with matches, all to the canary), its mirror. */
export function httpRouteWrite(route: Json): VsWrite {
  const rules = arr((route.spec as Json | undefined)?.rules);
  const insertedRule = (r: Json) =>
    arr(r.matches).length > 0 && arr(r.backendRefs).every((b) => b.name === 'podinfo-canary');
  const stepped = rules.find((r) => !insertedRule(r)) ?? {};
  const weightOf = (svc: string) =>
    (arr(stepped.backendRefs).find((b) => b.name === svc)?.weight as number | undefined) ?? 0;
  const mirrorFilter = arr(stepped.filters).find((f) => f.type === 'RequestMirror');
  const mirror = mirrorFilter
    ? (((mirrorFilter.requestMirror as Json).percent as number | undefined) ?? 100)
    : null;
  const raw = ((route.metadata as Json | undefined)?.annotations as Record<string, string> | undefined)?.[
    STATE_ANNOTATION
  ];
  return {
    canary: weightOf('podinfo-canary'),
    stable: weightOf('podinfo-ga'),
    routes: rules.map((r) => (insertedRule(r) ? 'rule-istio-canary-ab' : 'rule')),
    mirror,
    phase: raw ? (JSON.parse(raw) as PromotionState).phase : null,
  };
}

export interface StrategyRun {
  exitCode: number | null;
  error: string | null;
  log: string[];
  report: PromotionReport | undefined;
  writes: VsWrite[];
  state: PromotionState | null;
  final: VsWrite | null;
}

export interface Harness {
  mesh: Mesh;
  prom: RealPrometheus | null;
  dir: string;
  run(inputs: Record<string, string>): Promise<StrategyRun>;
  close(): Promise<void>;
}

export const FAST = {
  cluster: 'sim',
  namespace: 'test',
  metrics: 'loadgen',
  interval: '2s',
  'load-rps': '200',
  'load-connections': '32',
  'load-host': 'podinfo.co.uk',
  'min-requests': '20',
  // Single runs that expect a healthy canary to pass: the judge's false-alarm budget per
  // window is kept far below what one run could notice (the bad canaries fail 40-100%).
  'false-rollback-rate': '0.01%',
  comment: 'never',
  'rollout-timeout': '20s',
  finalize: 'keep',
};

function settingsOf(inputs: Record<string, string>): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

/**
 * A mesh (and Prometheus when `prometheus`) with a copy of the fixture whose canary carries
 * these pod template annotations (docs/sim.md: error-rate, latency); run() promotes on it.
 */
export async function startHarness(
  canaryAnnotations: Record<string, string>,
  options: { prometheus?: boolean; fixture?: string; edit?: (file: string, text: string) => string } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'strategy-promote-'));
  const fixture = options.fixture ?? FIXTURE;
  const httpRoute = fixture === HTTP_ROUTE_FIXTURE;
  for (const f of readdirSync(fixture).filter((n) => n.endsWith('.yaml'))) {
    let text = readFileSync(path.join(fixture, f), 'utf8');
    if (f === 'deployments.yaml' && Object.keys(canaryAnnotations).length > 0) {
      const anchor = '        version: canary\n    spec:';
      if (!text.includes(anchor)) throw new Error('fixture changed: no canary template labels');
      const lines = Object.entries(canaryAnnotations).map(([k, v]) => `        ${k}: "${v}"`);
      text = text.replace(
        anchor,
        `        version: canary\n      annotations:\n${lines.join('\n')}\n    spec:`,
      );
    }
    writeFileSync(path.join(dir, f), options.edit ? options.edit(f, text) : text);
  }
  const mesh = await startMesh({ readinessDelayMs: 20 });
  const live = path.join(fixture, 'live');
  if (existsSync(live)) {
    // Objects the cluster has before the promotion (the route it finds live), with their namespace.
    const kube = await createKubeClient({ kubeconfig: mesh.kubeconfig });
    const docs = [path.join(fixture, 'namespace.yaml'), ...readdirSync(live).map((f) => path.join(live, f))]
      .flatMap((f) => loadAll(readFileSync(f, 'utf8')))
      .filter((d): d is KubeObject => typeof d === 'object' && d !== null);
    for (const d of docs) await kube.apply(d);
  }
  const prom = options.prometheus ? await startPrometheus(mesh.metricsUrl) : null;
  const h: Harness = {
    mesh,
    prom,
    dir,
    async run(inputs) {
      const writes: VsWrite[] = [];
      let last = '';
      const off = mesh.api.onChange((e) => {
        if (!e.object.metadata) return;
        const key = httpRoute
          ? 'gateway.networking.k8s.io/httproutes'
          : 'networking.istio.io/virtualservices';
        if (e.key !== key) return;
        // A status update (the Gateway API status writer) changes neither the spec nor the state.
        const o = e.object as Json;
        const seen = JSON.stringify([o.spec, (o.metadata as Json).annotations ?? null]);
        if (seen === last) return;
        last = seen;
        writes.push(httpRoute ? httpRouteWrite(o) : vsWrite(o));
      });
      const reports: PromotionReport[] = [];
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
          prometheusUrl: prom?.url ?? null,
          loadUrl: mesh.ingressUrl,
          created: false,
          close: () => Promise.resolve(),
        });
      const log: string[] = [];
      const io: Io = {
        logger: {
          info: (m) => void log.push(m),
          warning: (m) => void log.push(`warning: ${m}`),
          error: (m) => void log.push(`error: ${m}`),
          debug: (m) => void log.push(`debug: ${m}`),
        },
        print: (t) => void log.push(t),
        setOutput: () => undefined,
        setSecret: () => undefined,
        state: { save: () => undefined, get: () => '' },
      };
      let exitCode: number | null = null;
      let error: string | null = null;
      try {
        exitCode = (
          await execute(
            settingsOf({ ...FAST, manifests: path.join(dir, '*.yaml'), ...inputs }),
            io,
            new AbortController().signal,
            { connect, reporter },
          )
        ).exitCode;
      } catch (err) {
        error = (err as Error).message;
      } finally {
        off();
      }
      const vs = (
        httpRoute
          ? mesh.api.object('gateway.networking.k8s.io', 'httproutes', 'test', 'podinfo')
          : mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo')
      ) as Json | null;
      const raw = ((vs?.metadata as Json | undefined)?.annotations as Record<string, string> | undefined)?.[
        STATE_ANNOTATION
      ];
      return {
        exitCode,
        error,
        log,
        report: reports.at(-1),
        writes,
        state: raw ? (JSON.parse(raw) as PromotionState) : null,
        final: vs ? (httpRoute ? httpRouteWrite(vs) : vsWrite(vs)) : null,
      };
    },
    async close() {
      await prom?.close();
      await mesh.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** The routes a write had besides the stepped one: "ab", "preview" or none. */
export const inserted = (w: VsWrite): string[] =>
  w.routes.filter((r) => r.includes('-istio-canary-')).map((r) => (r.endsWith('-ab') ? 'ab' : 'preview'));
