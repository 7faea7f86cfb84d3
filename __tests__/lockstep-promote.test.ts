// Several services in lockstep (issue 15 item 5, input `services`), through execute() (the
// engine of the action and the CLI) on the embedded mesh with the real load generator: two
// services (web and api), each with its own VirtualService, Deployments and load host
// (fixtures/promote/lockstep). Every stored VirtualService is recorded in order, so the tests
// check the lockstep rule itself: no route is ever a step ahead of another.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execute, PROMOTION_STATE, type Io } from '../src/main.js';
import { runPost } from '../src/post.js';
import type { PromotionReport, PromotionState } from '../src/model.js';
import type { ClusterConnection, Reporter } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import { renderReport } from '../src/report/markdown.js';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'promote', 'lockstep');
type Json = Record<string, unknown>;

const BASE = {
  cluster: 'sim',
  namespace: 'test',
  metrics: 'loadgen',
  interval: '2s',
  steps: '20,50,100',
  // Two services each with its own load at once: kept light, so the suite's latency-sensitive
  // tests running beside these files are not starved of CPU on a 2-core machine.
  'load-rps': '80',
  'load-connections': '8',
  'min-requests': '10',
  // A promotion judged at 3 steps × 2 services: the judge's false-alarm budget per window is
  // kept far below what these single runs could notice (a real canary difference is still large).
  'false-rollback-rate': '0.01%',
  comment: 'never',
  'rollout-timeout': '20s',
  finalize: 'keep',
};

const SERVICES = (dir: string, order: 'web-first' | 'api-first' = 'web-first') => {
  const web = `- name: web\n  virtual-service: web\n  manifests: ${path.join(dir, 'web.yaml')}\n  load-host: web.example.com\n`;
  const api = `- name: api\n  virtual-service: api\n  manifests: ${path.join(dir, 'api.yaml')}\n  load-host: api.example.com\n`;
  return order === 'web-first' ? web + api : api + web;
};

interface Write {
  /** When the mesh stored it (ms since the epoch, the clock the states' endedAt use too). */
  at: number;
  vs: string;
  canary: number;
  phase: string | null;
}

interface Outcome {
  exitCode: number | null;
  error: string | null;
  log: string[];
  report: PromotionReport | undefined;
  outputs: Map<string, string>;
}

function settingsOf(inputs: Record<string, string>): Settings {
  const parsed = parseSettings((name) => inputs[name] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

let mesh: Mesh;
let dir: string;
let writes: Write[] = [];

/** Pod template annotations (docs/sim.md) by service and version (`ga`, `canary`). */
type Profiles = Record<string, Partial<Record<'ga' | 'canary', Record<string, string>>>>;

function fixtureCopy(profiles: Profiles = {}): string {
  const d = mkdtempSync(path.join(tmpdir(), 'lockstep-'));
  for (const f of readdirSync(FIXTURE)) {
    let text = readFileSync(path.join(FIXTURE, f), 'utf8');
    for (const [version, ann] of Object.entries(profiles[f.replace(/\.yaml$/, '')] ?? {})) {
      const anchor = `        version: ${version}\n    spec:`;
      if (!text.includes(anchor)) throw new Error(`fixture changed: no ${version} template labels`);
      const lines = Object.entries(ann).map(([k, v]) => `        ${k}: "${v}"`);
      text = text.replace(
        anchor,
        `        version: ${version}\n      annotations:\n${lines.join('\n')}\n    spec:`,
      );
    }
    writeFileSync(path.join(d, f), text);
  }
  return d;
}

async function run(
  inputs: Record<string, string>,
  state: Map<string, string> = new Map(),
  signal: AbortSignal = new AbortController().signal,
): Promise<Outcome> {
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
      prometheusUrl: null,
      loadUrl: mesh.ingressUrl,
      created: false,
      close: () => Promise.resolve(),
    });
  const log: string[] = [];
  const outputs = new Map<string, string>();
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: (k, v) => void outputs.set(k, v),
    setSecret: () => undefined,
    state: { save: (k, v) => void state.set(k, v), get: (k) => state.get(k) ?? '' },
  };
  let exitCode: number | null = null;
  let error: string | null = null;
  try {
    exitCode = (
      await execute(
        settingsOf({
          ...BASE,
          // Shared by both services: the Namespace and the Gateway.
          manifests: `${path.join(dir, 'namespace.yaml')}\n${path.join(dir, 'gateway.yaml')}`,
          ...inputs,
        }),
        io,
        signal,
        inputs.cluster === 'existing' ? { reporter } : { connect, reporter },
      )
    ).exitCode;
  } catch (err) {
    error = (err as Error).message;
  }
  return { exitCode, error, log, report: reports.at(-1), outputs };
}

function stateOf(name: string): PromotionState | null {
  const vs = mesh.api.object('networking.istio.io', 'virtualservices', 'test', name) as Json | null;
  const raw = ((vs?.metadata as Json | undefined)?.annotations as Record<string, string> | undefined)?.[
    STATE_ANNOTATION
  ];
  return raw ? (JSON.parse(raw) as PromotionState) : null;
}

/**
 * The lockstep rule over the recorded writes: at every moment, no route is more than one step
 * ahead of the lowest one (schedule 20, 50, 100: while one is at 20, none is at 100).
 */
function aheadViolations(ws: readonly Write[], steps: readonly number[]): string[] {
  const now = new Map<string, number>([
    ['web', 0],
    ['api', 0],
  ]);
  const bad: string[] = [];
  for (const w of ws) {
    now.set(w.vs, w.canary);
    const lo = Math.min(...now.values());
    const hi = Math.max(...now.values());
    const next = steps.find((s) => s > lo) ?? 100;
    if (hi > next) bad.push(`${w.vs} at ${w.canary}% while the lowest is ${lo}%`);
  }
  return bad;
}

function record(m: Mesh): void {
  m.api.onChange((e) => {
    if (e.key !== 'networking.istio.io/virtualservices' || !e.object.metadata) return;
    const o = e.object as Json;
    const http = ((o.spec as Json | undefined)?.http as Json[] | undefined) ?? [];
    const route = (http[0]?.route as Json[] | undefined) ?? [];
    const canary = route.find((d) => (d.destination as Json).subset === 'canary');
    const raw = ((o.metadata as Json).annotations as Record<string, string> | undefined)?.[STATE_ANNOTATION];
    writes.push({
      at: Date.now(),
      vs: String((o.metadata as Json).name),
      canary: (canary?.weight as number | undefined) ?? 0,
      phase: raw ? (JSON.parse(raw) as PromotionState).phase : null,
    });
  });
}

afterAll(async () => {
  await mesh?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A new mesh (nothing recorded) and a fixture copy whose canaries carry these pod annotations (docs/sim.md). */
async function fresh(profiles: Profiles = {}): Promise<void> {
  await mesh?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  mesh = await startMesh({ readinessDelayMs: 20 });
  record(mesh);
  dir = fixtureCopy(profiles);
  writes = [];
}

describe('services in lockstep on the embedded mesh', () => {
  it('promotes both services together: no route goes to the next weight before every service was judged at this one', async () => {
    // api answers in 300 ms (both versions), so its windows end later than web's: without the
    // lockstep meetings web would move on while api is still being judged.
    const slow = { 'sim.istio-canary.dev/latency': '300ms' };
    await fresh({ api: { ga: slow, canary: slow } });
    const r = await run({ services: SERVICES(dir), 'load-rps': '40', 'min-requests': '5' });
    expect(r.error).toBeNull();
    expect(r.exitCode, r.log.filter((l) => /fail|error|lockstep/.test(l)).join('\n')).toBe(0);
    for (const name of ['web', 'api']) {
      const s = stateOf(name);
      expect(s?.phase).toBe('promoted');
      expect(s?.history.filter((h) => h.verdict.outcome === 'pass').map((h) => h.weight)).toEqual([
        20, 50, 100,
      ]);
    }
    // Both routes reached every weight, and never more than one step apart.
    for (const name of ['web', 'api'])
      expect([...new Set(writes.filter((w) => w.vs === name && w.canary > 0).map((w) => w.canary))]).toEqual([
        20, 50, 100,
      ]);
    expect(aheadViolations(writes, [20, 50, 100])).toEqual([]);
    // Each route's write of the next weight came after the other service's window at the
    // previous weight ended (both clocks are this process's).
    const states = { web: stateOf('web')!, api: stateOf('api')! };
    const early: string[] = [];
    for (const [me, other] of [
      ['web', 'api'],
      ['api', 'web'],
    ] as const)
      for (const [prev, next] of [
        [20, 50],
        [50, 100],
      ]) {
        const wrote = writes.find((w) => w.vs === me && w.canary === next)!.at;
        const judged = Date.parse(states[other].history.find((h) => h.weight === prev)!.endedAt);
        if (wrote < judged) early.push(`${me} wrote ${next}% before ${other}'s ${prev}% window ended`);
      }
    expect(early).toEqual([]);
    // One merged report: both services by name, the worst status on top.
    expect(r.report?.status).toBe('promoted');
    expect(r.report?.services?.map((s) => s.name)).toEqual(['web', 'api']);
    expect(r.report?.weight).toBe(100);
    const md = renderReport(r.report!);
    expect(md).toContain('## ✅ Lockstep promoted: 2 services (web, api)');
    for (const name of ['web', 'api']) {
      expect(md).toContain(`### ${name}: ✅ Canary promoted: test/${name}`);
      expect(md).toMatch(new RegExp(`\\| ${name} \\| test/${name} \\| promoted \\| 100% \\| 3/3 \\|`));
    }
    // Each service's lines are named in the log.
    expect(r.log.some((l) => l.startsWith('[api] ') && l.includes('at 50%: pass'))).toBe(true);
  });

  it("a bad api canary fails its first step: web's open window ends at once, both roll back, web never goes further", async () => {
    await fresh({ api: { canary: { 'sim.istio-canary.dev/error-rate': '0.5' } } });
    // 12 s windows: api's 50% errors are conclusive long before web's window would end.
    const r = await run({ services: SERVICES(dir), interval: '12s' });
    expect(r.exitCode).toBe(1);
    const api = stateOf('api');
    const web = stateOf('web');
    expect(api?.phase).toBe('rolled-back');
    expect(web?.phase).toBe('rolled-back');
    // web was stopped by api's failure, named, before its weight rose above the first step.
    expect(web?.reason).toContain('service api failed');
    // web's window at 20% was ended by api's failure and judged failed for it (not run out and
    // passed, then stopped at the next meeting).
    const last = web!.history.at(-1)!;
    expect([last.weight, last.verdict.outcome, last.verdict.reasons[0]?.metric]).toEqual([
      20,
      'fail',
      'lockstep',
    ]);
    expect(web!.history.some((h) => h.verdict.outcome === 'pass')).toBe(false);
    expect(Math.max(...writes.filter((w) => w.vs === 'web').map((w) => w.canary))).toBeLessThanOrEqual(20);
    expect(writes.filter((w) => w.vs === 'web').at(-1)?.canary).toBe(0);
    expect(writes.filter((w) => w.vs === 'api').at(-1)?.canary).toBe(0);
    expect(r.report?.status).toBe('rolled-back');
    expect(r.report?.failure).toMatch(/api: /);
  });

  it('step moves both services one step and holds them; a second step moves both to the next', async () => {
    await fresh();
    const first = await run({ services: SERVICES(dir), command: 'step' });
    expect(first.exitCode).toBe(0);
    for (const name of ['web', 'api'])
      expect([stateOf(name)?.phase, stateOf(name)?.weight]).toEqual(['held', 20]);
    const second = await run({ services: SERVICES(dir), command: 'step' });
    expect(second.exitCode).toBe(0);
    for (const name of ['web', 'api'])
      expect([stateOf(name)?.phase, stateOf(name)?.weight]).toEqual(['held', 50]);
    expect(second.report?.status).toBe('held');
    expect(aheadViolations(writes, [20, 50, 100])).toEqual([]);
    // rollback: every service back to 0% (no meetings: an emergency command does not wait).
    const back = await run({ services: SERVICES(dir), command: 'rollback' });
    expect(back.exitCode).toBe(0);
    for (const name of ['web', 'api'])
      expect([stateOf(name)?.phase, stateOf(name)?.weight]).toEqual(['rolled-back', 0]);
    expect(back.report?.status).toBe('rolled-back');
  });

  it('two services on one VirtualService (one names the namespace, so the input parser cannot tell) are refused with nothing written', async () => {
    await fresh();
    const services = `- name: one\n  virtual-service: web\n  manifests: ${path.join(dir, 'web.yaml')}\n- name: two\n  virtual-service: web\n  namespace: test\n  manifests: ${path.join(dir, 'web.yaml')}\n`;
    const r = await run({ services });
    expect(r.error).toMatch(/services one and two both step VirtualService test\/web/);
    expect(r.error).toMatch(/nothing was written/);
    expect(writes).toEqual([]);
    expect(mesh.api.objects('coordination.k8s.io', 'leases', 'test')).toEqual([]);
  });

  it("a service's manifest problem is named by service before anything is written for any", async () => {
    await fresh();
    writeFileSync(
      path.join(dir, 'api.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api-ga}\nspec: [\n',
    );
    const r = await run({ services: SERVICES(dir) });
    expect(r.error).toMatch(/service api: /);
    expect(writes).toEqual([]);
    expect(mesh.api.objects('apps', 'deployments', 'test')).toEqual([]);
  });

  it('the post step rolls back every service of a lockstep run its main step left in progress', async () => {
    await fresh();
    const state = new Map<string, string>();
    const inputs = {
      services: SERVICES(dir),
      command: 'step',
      cluster: 'existing',
      kubeconfig: mesh.kubeconfig,
      'load-url': mesh.ingressUrl,
    };
    const r = await run(inputs, state);
    expect(r.exitCode).toBe(0);
    // As if main were killed mid-step: both states in progress, and main never said finished.
    for (const name of ['web', 'api']) {
      const s = stateOf(name)!;
      const res = await fetch(
        `${mesh.apiUrl}/apis/networking.istio.io/v1/namespaces/test/virtualservices/${name}`,
        {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: JSON.stringify({
            metadata: {
              annotations: {
                [STATE_ANNOTATION]: JSON.stringify({ ...s, phase: 'in-progress', reason: null }),
              },
            },
          }),
        },
      );
      expect(res.status).toBe(200);
    }
    state.set(PROMOTION_STATE, 'started');
    const log: string[] = [];
    const outputs = new Map<string, string>();
    const io: Io = {
      logger: {
        info: (m) => void log.push(m),
        warning: (m) => void log.push(`warning: ${m}`),
        error: (m) => void log.push(`error: ${m}`),
        debug: (m) => void log.push(`debug: ${m}`),
      },
      print: (t) => void log.push(t),
      setOutput: (k, v) => void outputs.set(k, v),
      setSecret: () => undefined,
      state: { save: (k, v) => void state.set(k, v), get: (k) => state.get(k) ?? '' },
    };
    const all: Record<string, string> = {
      ...BASE,
      ...inputs,
      manifests: `${path.join(dir, 'namespace.yaml')}\n${path.join(dir, 'gateway.yaml')}`,
    };
    await runPost({ io, input: (n) => all[n] ?? '', env: {} });
    for (const name of ['web', 'api']) {
      expect(stateOf(name)?.phase, log.join('\n') + JSON.stringify([...state])).toBe('rolled-back');
      expect(writes.filter((w) => w.vs === name).at(-1)?.canary).toBe(0);
    }
    for (const name of ['web', 'api'])
      expect(log).toContain(
        `warning: [${name}] post: the interrupted promotion was rolled back (rolled-back at 0%).`,
      );
    // One merged report: the outputs say the run as a whole is rolled back.
    expect(outputs.get('status')).toBe('rolled-back');
  });

  it("a single-route run over both services' manifests picks web's Deployments by its Service's selector", async () => {
    await fresh();
    // Both apps have `version: canary` pods: the subset alone matches two Deployments; the
    // host's Service (selector app: web) tells them apart, as Istio does.
    const r = await run({
      'virtual-service': 'web',
      'dry-run': 'true',
      manifests: ['namespace.yaml', 'gateway.yaml', 'web.yaml', 'api.yaml']
        .map((f) => path.join(dir, f))
        .join('\n'),
      'load-host': 'web.example.com',
    });
    expect(r.error).toBeNull();
    expect(r.log.join('\n')).toMatch(/stable ga \(web-ga\), canary canary \(web-canary\)/);
    expect(writes).toEqual([]);
  });

  it("a service's manifests holding another service's route object are refused before anything is written", async () => {
    await fresh();
    // api.yaml among the shared manifests: web would apply api's VirtualService too.
    const r = await run({
      services: SERVICES(dir),
      manifests: ['namespace.yaml', 'gateway.yaml', 'api.yaml'].map((f) => path.join(dir, f)).join('\n'),
    });
    expect(r.error).toMatch(
      /service web: its manifests \(.*api\.yaml\) hold VirtualService test\/api, which service api steps/,
    );
    expect(writes).toEqual([]);
    expect(mesh.api.objects('apps', 'deployments', 'test')).toEqual([]);
  });

  it('a VirtualService and a Gateway API HTTPRoute step in lockstep: both promoted, each state on its own route object', async () => {
    await fresh();
    const hr = path.join(import.meta.dirname, 'fixtures', 'promote', 'strategy-http-route');
    const files = ['deployments.yaml', 'services.yaml', path.join('live', 'gateway-api.yaml')].map((f) => {
      const to = path.join(dir, `podinfo-${path.basename(f)}`);
      writeFileSync(to, readFileSync(path.join(hr, f), 'utf8'));
      return to;
    });
    const services = `${SERVICES(dir).split('- name: api')[0]}- name: podinfo\n  http-route: podinfo\n  manifests: [${files.join(', ')}]\n  load-host: podinfo.co.uk\n`;
    const r = await run({ services });
    expect(r.error).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    expect(stateOf('web')?.phase).toBe('promoted');
    const route = mesh.api.object('gateway.networking.k8s.io', 'httproutes', 'test', 'podinfo') as Json;
    const raw = ((route.metadata as Json).annotations as Record<string, string>)[STATE_ANNOTATION]!;
    const state = JSON.parse(raw) as PromotionState;
    expect(state.phase).toBe('promoted');
    expect(state.history.filter((h) => h.verdict.outcome === 'pass').map((h) => h.weight)).toEqual([
      20, 50, 100,
    ]);
    expect(r.report?.services?.map((s) => [s.name, s.report.status])).toEqual([
      ['web', 'promoted'],
      ['podinfo', 'promoted'],
    ]);
  });

  it('a cancel while both services are measured at their first weight rolls both back (on-cancel: rollback)', async () => {
    await fresh();
    const controller = new AbortController();
    // Cancel once both routes carry their first weight: the windows are long, so both are mid-window.
    const both = () => ['web', 'api'].every((n) => writes.some((w) => w.vs === n && w.canary === 20));
    const off = mesh.api.onChange(() => {
      if (both() && !controller.signal.aborted) controller.abort(new Error('Received SIGINT'));
    });
    // 10 s windows (after 5 s of stable-only load): long enough to be cancelled inside them.
    const r = await run({ services: SERVICES(dir), interval: '10s' }, new Map(), controller.signal);
    off();
    expect(controller.signal.aborted).toBe(true);
    for (const name of ['web', 'api']) {
      expect([stateOf(name)?.phase, stateOf(name)?.weight]).toEqual(['rolled-back', 0]);
      expect(stateOf(name)?.reason).toMatch(/cancelled/);
      expect(Math.max(...writes.filter((w) => w.vs === name).map((w) => w.canary))).toBe(20);
    }
    expect(r.exitCode ?? 1).toBe(1);
  });

  it('a PR preview of both services: promoted together in pr-<n>, each reported with its preview; cleanup with the same inputs deletes it', async () => {
    await fresh();
    const inputs = {
      services: SERVICES(dir),
      preview: 'true',
      'pr-number': '9',
      namespace: 'default',
      manifests: path.join(dir, 'gateway.yaml'),
    };
    const r = await run(inputs);
    expect(r.error).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    for (const name of ['web', 'api']) {
      const vs = mesh.api.object('networking.istio.io', 'virtualservices', 'pr-9', name) as Json;
      const raw = ((vs.metadata as Json).annotations as Record<string, string>)[STATE_ANNOTATION]!;
      expect((JSON.parse(raw) as PromotionState).phase).toBe('promoted');
    }
    expect(r.report?.services?.map((s) => [s.name, s.report.namespace, s.report.preview?.namespace])).toEqual(
      [
        ['web', 'pr-9', 'pr-9'],
        ['api', 'pr-9', 'pr-9'],
      ],
    );
    const gone = await run({ ...inputs, command: 'cleanup' });
    expect(gone.error).toBeNull();
    expect(gone.outputs.get('status')).toBe('deleted');
  });
});
