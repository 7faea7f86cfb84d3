// The two guards a promotion on a Gateway API HTTPRoute shares with a VirtualService one: the
// state records the stepped rule's identity and a run whose selected rule is another one is
// refused before anything is written; and the canary is not scaled down while another rule
// (of this HTTPRoute, of another HTTPRoute in any namespace, or a VirtualService route to the
// canary Service) still sends it traffic. The pure parts (strategy/http-route.ts
// httpRuleIdentity, recordedHttpRuleProblem, httpRulesSendingTo) are checked directly, with
// fast-check for the identity; the guards end to end through execute() on the embedded mesh
// (the 403 case through runPromotion, the engine execute() calls, to wrap the API client).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeObject } from '../src/kube/client.js';
import {
  httpRuleIdentity,
  httpRulesSendingTo,
  recordedHttpRuleProblem,
  selectHttpRoute,
  withAbRuleHttpRoute,
  withHttpRouteWeight,
  type HttpRouteSelection,
} from '../src/strategy/http-route.js';
import path from 'node:path';
import { KubeApiError } from '../src/kube/errors.js';
import { runPromotion } from '../src/promote/runner.js';
import { ScriptedMetrics } from '../src/promote/scripted-metrics.js';
import { HTTP_ROUTE_FIXTURE, startHarness, type Harness } from './strategy-promote-support.js';
import { RecordingLogger, RecordingReporter, settingsFor } from './support/promote-cluster.js';

type Json = Record<string, unknown>;

const tag = (value: string) => [
  { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-istio-canary', value }] } },
];
const ref = (name: string, weight?: number, extra: Json = {}): Json => ({
  name,
  port: 9898,
  ...(weight === undefined ? {} : { weight }),
  ...extra,
});
const pair = (canary = 0): Json[] => [
  ref('podinfo-ga', 100 - canary, { filters: tag('stable') }),
  ref('podinfo-canary', canary, { filters: tag('canary') }),
];
const httpRoute = (name: string, namespace: string, rules: Json[], hostnames = ['podinfo.co.uk']): Json => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace },
  spec: { parentRefs: [{ name: 'podinfo' }], hostnames, rules },
});
const select = (route: Json, rule: number | string | null = null): HttpRouteSelection =>
  selectHttpRoute([route], {
    httpRoute: null,
    rule,
    stableService: 'podinfo-ga',
    canaryService: 'podinfo-canary',
  });
const rulesOf = (route: Json) => (route.spec as { rules: Json[] }).rules;

describe('httpRuleIdentity', () => {
  it('is the rule name when the rule has one, else its matches and Services', () => {
    const route = httpRoute('podinfo', 'test', [
      { name: 'api', matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: pair() },
      { backendRefs: pair() },
    ]);
    expect(httpRuleIdentity(route, select(route, 0))).toBe('name api');
    expect(httpRuleIdentity(route, select(route, 1))).toBe(
      'matches [{"headers":[],"path":{"type":"PathPrefix","value":"/"}}] to podinfo-canary,podinfo-ga',
    );
  });

  it('a rule without matches is the rule the API server defaulted; the first step adding the canary backendRef keeps it', () => {
    const bare = httpRoute('podinfo', 'test', [{ backendRefs: [ref('podinfo-ga')] }]);
    const defaulted = httpRoute('podinfo', 'test', [
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [ref('podinfo-ga')] },
    ]);
    const sel = selectHttpRoute([bare], {
      httpRoute: null,
      rule: null,
      stableService: 'podinfo-ga',
      canaryService: 'podinfo-canary',
    });
    const id = httpRuleIdentity(bare, sel);
    expect(httpRuleIdentity(defaulted, sel)).toBe(id);
    expect(httpRuleIdentity(withHttpRouteWeight(bare, sel, 10), sel)).toBe(id);
  });

  it('two user rules alike are told apart by their index', () => {
    const route = httpRoute('podinfo', 'test', [{ backendRefs: pair() }, { backendRefs: pair() }]);
    const a = httpRuleIdentity(route, select(route, 0));
    const b = httpRuleIdentity(route, select(route, 1));
    expect(a).toMatch(/ at rules\[0\]$/);
    expect(b).toMatch(/ at rules\[1\]$/);
  });

  const header = fc.record({
    name: fc.stringMatching(/^x-[a-z]{1,6}$/),
    value: fc.stringMatching(/^[a-z0-9]{1,6}$/),
  });
  const match = fc.record({
    path: fc.stringMatching(/^\/[a-z]{0,6}$/),
    headers: fc.uniqueArray(header, { selector: (h) => h.name, maxLength: 3 }),
  });
  const gatewayMatch = (m: { path: string; headers: { name: string; value: string }[] }, upper: boolean) => ({
    path: { type: 'PathPrefix', value: m.path },
    ...(m.headers.length
      ? { headers: m.headers.map((h) => ({ name: upper ? h.name.toUpperCase() : h.name, value: h.value })) }
      : {}),
  });

  it('property: the same rule keeps its identity whatever is inserted before it, its header order and case, its weights and an A/B rule; rules with other matches have other identities', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(match, {
          minLength: 2,
          maxLength: 5,
          // Unique as rules: the same headers in another order are the same match.
          selector: (m) => JSON.stringify([m.path, m.headers.map((x) => `${x.name}=${x.value}`).sort()]),
        }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 100 }),
        (matches, pick, at, weight) => {
          const stepped = pick % matches.length;
          const rules = matches.map((m) => ({ matches: [gatewayMatch(m, false)], backendRefs: pair() }));
          const route = httpRoute('podinfo', 'test', rules);
          const sel = select(route, stepped);
          const id = httpRuleIdentity(route, sel)!;
          // Different matches: different identities.
          for (let i = 0; i < matches.length; i++)
            if (i !== stepped) expect(httpRuleIdentity(route, sel, i)).not.toBe(id);
          // A rule to another Service inserted anywhere before: found again at its new index.
          const insertAt = at % (stepped + 1);
          const other = {
            matches: [{ path: { type: 'Exact', value: '/other' } }],
            backendRefs: [ref('other')],
          };
          const moved = httpRoute('podinfo', 'test', rules.toSpliced(insertAt, 0, other));
          const movedSel = select(moved, stepped + 1);
          expect(httpRuleIdentity(moved, movedSel)).toBe(id);
          expect(
            recordedHttpRuleProblem(moved, movedSel, { route: id, weight: 10 }, 'test/podinfo'),
          ).toBeNull();
          // Header order reversed and names upper-cased: the same rule.
          const reordered = structuredClone(route);
          rulesOf(reordered)[stepped]!.matches = [
            gatewayMatch({ ...matches[stepped]!, headers: [...matches[stepped]!.headers].reverse() }, true),
          ];
          expect(httpRuleIdentity(reordered, sel)).toBe(id);
          // The weights and an A/B rule the strategy inserts do not change it.
          const written = withAbRuleHttpRoute(withHttpRouteWeight(route, sel, weight), sel, [
            { headers: [{ name: 'x-user', type: 'exact', value: 'beta' }] },
          ]);
          expect(httpRuleIdentity(written, sel)).toBe(id);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('recordedHttpRuleProblem', () => {
  const route = httpRoute('podinfo', 'test', [
    { backendRefs: pair(20) },
    { name: 'api', matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: pair() },
  ]);

  it('names the selected and the recorded rule, and where the recorded one is now', () => {
    const recorded = httpRuleIdentity(route, select(route, 0))!;
    const problem = recordedHttpRuleProblem(
      route,
      select(route, 1),
      { route: recorded, weight: 20 },
      'test/podinfo',
    );
    expect(problem).toBe(
      `the selected rule rules[1] (name api) of HTTPRoute test/podinfo is not the rule this promotion recorded (${recorded}); the recorded rule is now rules[0]: select it with --route 0, as the live HTTPRoute numbers its rules without the ones a strategy inserted (without manifests, or with manifests whose HTTPRoute has the same rules). Nothing was written (take-over does not change the rule a promotion is on)`,
    );
  });

  it('a recorded rule that is gone: the live rules are listed; a state without a recorded rule is not refused', () => {
    const problem = recordedHttpRuleProblem(
      route,
      select(route, 1),
      { route: 'name gone', weight: 0 },
      'test/podinfo',
    );
    expect(problem).toContain(
      'is not the rule this promotion recorded (name gone); live rules: rules[0] (matches',
    );
    expect(problem).toContain(', rules[1] (name api)');
    expect(recordedHttpRuleProblem(route, select(route, 1), { weight: 0 }, 'test/podinfo')).toBeNull();
    expect(
      recordedHttpRuleProblem(null, select(route, 1), { route: 'name gone', weight: 0 }, 'x'),
    ).toBeNull();
  });

  it('the selected rule lost the canary backendRef while the state says the canary has traffic', () => {
    const sel = select(route, 0);
    const recorded = httpRuleIdentity(route, sel)!;
    const lost = structuredClone(route);
    rulesOf(lost)[0]!.backendRefs = [ref('podinfo-ga', 100)];
    expect(recordedHttpRuleProblem(lost, sel, { route: recorded, weight: 20 }, 'test/podinfo')).toContain(
      'does not send to both Services podinfo-ga and podinfo-canary, though the promotion recorded canary 20%',
    );
    expect(recordedHttpRuleProblem(lost, sel, { route: recorded, weight: 0 }, 'test/podinfo')).toBeNull();
  });
});

describe('httpRulesSendingTo', () => {
  const to = { service: 'podinfo-canary', namespace: 'test' };

  it('every rule sending weight to the canary Service, the namespace of a backendRef defaulting to its route', () => {
    const own = httpRoute('podinfo', 'test', [
      { backendRefs: pair(30) },
      {
        name: 'beta',
        matches: [{ headers: [{ name: 'x-beta', value: '1' }] }],
        backendRefs: [ref('podinfo-canary')],
      },
      { matches: [{ path: { type: 'Exact', value: '/z' } }], backendRefs: pair(0) },
    ]);
    const sel = select(own, 0);
    const withAb = withAbRuleHttpRoute(own, sel, [
      { headers: [{ name: 'x-user', type: 'exact', value: 'b' }] },
    ]);
    const routes: Json[] = [
      withAb,
      httpRoute('side', 'test', [{ backendRefs: [ref('podinfo-ga', 2), ref('podinfo-canary', 1)] }]),
      httpRoute('far', 'other', [{ backendRefs: [ref('podinfo-canary', 5, { namespace: 'test' })] }]),
      // Its podinfo-canary is other/podinfo-canary; a ServiceImport of the same name is not a Service.
      httpRoute('decoy', 'other', [
        {
          backendRefs: [
            ref('podinfo-canary', 5),
            ref('podinfo-canary', 5, {
              namespace: 'test',
              kind: 'ServiceImport',
              group: 'multicluster.x-k8s.io',
            }),
          ],
        },
      ]),
      {
        kind: 'GRPCRoute',
        metadata: { name: 'g', namespace: 'test' },
        spec: { rules: [{ backendRefs: [ref('podinfo-canary')] }] },
      },
    ];
    expect(httpRulesSendingTo(routes, to, { namespace: 'test', selection: sel })).toEqual([
      'HTTPRoute test/podinfo rule beta (100%)',
      'HTTPRoute test/side rule 0 (33.3%)',
      'HTTPRoute other/far rule 0 (100%)',
    ]);
    // Without the stepped rule to leave out, it and the A/B rule count too.
    expect(httpRulesSendingTo([withAb], to, null)).toEqual([
      'HTTPRoute test/podinfo rule 0 (100%)',
      'HTTPRoute test/podinfo rule 1 (30%)',
      'HTTPRoute test/podinfo rule beta (100%)',
    ]);
  });
});

// ---- End to end on the embedded mesh ----

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function applyAll(harness: Harness, objects: Json[]): Promise<void> {
  const kube = await createKubeClient({ kubeconfig: harness.mesh.kubeconfig });
  for (const o of objects) await kube.apply(o);
}

const replicasOf = (harness: Harness, name: string) =>
  (harness.mesh.api.object('apps', 'deployments', 'test', name) as { spec: { replicas: number } }).spec
    .replicas;

describe('HTTPRoute guards on the embedded mesh', () => {
  it('a rerun on another rule of the HTTPRoute is refused with nothing written; on the recorded rule it goes on', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    // Two rules that can both be stepped: the load (path /) reaches rule 0.
    await applyAll(h, [
      httpRoute('podinfo', 'test', [
        { backendRefs: pair() },
        { name: 'api', matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: pair() },
      ]),
    ]);
    const inputs = { 'http-route': 'podinfo', steps: '50,100', command: 'step' };
    const first = await h.run({ ...inputs, route: '0' });
    expect(first.exitCode, first.log.join('\n')).toBe(0);
    expect(first.state).toMatchObject({ phase: 'held', weight: 50 });
    expect(first.state!.route).toBe(
      'matches [{"headers":[],"path":{"type":"PathPrefix","value":"/"}}] to podinfo-canary,podinfo-ga',
    );
    const before = h.mesh.api.object(
      'gateway.networking.k8s.io',
      'httproutes',
      'test',
      'podinfo',
    ) as KubeObject;

    const other = await h.run({ ...inputs, route: 'api' });
    expect(other.exitCode).not.toBe(0);
    const said = `${other.error ?? ''}\n${other.log.join('\n')}`;
    expect(said).toContain(
      `the selected rule rules[1] (name api) of HTTPRoute test/podinfo is not the rule this promotion recorded (${first.state!.route}); the recorded rule is now rules[0]: select it with --route 0`,
    );
    expect(other.writes).toEqual([]);
    const after = h.mesh.api.object(
      'gateway.networking.k8s.io',
      'httproutes',
      'test',
      'podinfo',
    ) as KubeObject;
    expect(after.metadata?.resourceVersion).toBe(before.metadata?.resourceVersion);

    const same = await h.run({ ...inputs, route: '0' });
    expect(same.exitCode, same.log.join('\n')).toBe(0);
    // The second window passed: at the last weight, finalize keep ends the promotion.
    expect(same.state).toMatchObject({ phase: 'promoted', weight: 100, route: first.state!.route });
    expect(same.state!.history.map((x) => x.weight)).toEqual([50, 100]);
  });

  it('a rule a person inserts before the stepped one does not stop the promotion: the recorded rule is found at its new index', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    const inputs = { 'http-route': 'podinfo', steps: '50,100', command: 'step' };
    const first = await h.run(inputs);
    expect(first.exitCode, first.log.join('\n')).toBe(0);
    expect(first.state).toMatchObject({ phase: 'held', weight: 50 });
    // As `kubectl edit` would: the live object read and replaced (PUT).
    const kube = await createKubeClient({ kubeconfig: h.mesh.kubeconfig });
    const live = (await kube.get({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      name: 'podinfo',
      namespace: 'test',
    }))!;
    rulesOf(live).unshift({
      matches: [{ path: { type: 'Exact', value: '/other' } }],
      backendRefs: [ref('podinfo-ga')],
    });
    await kube.replace(live);
    const second = await h.run(inputs);
    expect(second.exitCode, second.log.join('\n')).toBe(0);
    expect(second.state).toMatchObject({ phase: 'promoted', weight: 100, route: first.state!.route });
    expect(second.state!.history.map((x) => x.weight)).toEqual([50, 100]);
    const stored = h.mesh.api.object('gateway.networking.k8s.io', 'httproutes', 'test', 'podinfo') as Json;
    expect(rulesOf(stored)[0]!.backendRefs).toEqual([expect.objectContaining({ name: 'podinfo-ga' })]);
  });

  // Another HTTPRoute in test sends 10% to the canary Service, one in namespace other names it
  // with backendRef.namespace, a VirtualService in other sends to its host; a decoy in other
  // sends to other/podinfo-canary (not the canary).
  const others: Json[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } },
    httpRoute(
      'beta',
      'test',
      [{ backendRefs: [ref('podinfo-ga', 90), ref('podinfo-canary', 10)] }],
      ['beta.example.com'],
    ),
    httpRoute(
      'far',
      'other',
      [{ name: 'far-rule', backendRefs: [ref('podinfo-canary', 1, { namespace: 'test' })] }],
      ['far.example.com'],
    ),
    httpRoute('decoy', 'other', [{ backendRefs: [ref('podinfo-canary', 1)] }], ['decoy.example.com']),
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'mesh', namespace: 'other' },
      spec: {
        hosts: ['mesh.example.com'],
        http: [{ route: [{ destination: { host: 'podinfo-canary.test.svc.cluster.local' } }] }],
      },
    },
  ];
  // In the order the API server lists them (by namespace, then name), HTTPRoutes first.
  const expected = [
    'HTTPRoute other/far rule far-rule (100%)',
    'HTTPRoute test/beta rule 0 (10%)',
    'VirtualService other/mesh http route 0 (100%)',
  ];

  it('routes still sending to the canary Service keep the canary running after promote-stable; the report and the log name them', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    await applyAll(h, others);
    const r = await h.run({ 'http-route': 'podinfo', steps: '100', finalize: 'promote-stable' });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.exitCode, r.log.join('\n')).toBe(0);
    expect(r.state?.phase).toBe('promoted');
    expect(r.final).toMatchObject({ canary: 0, stable: 100 });
    expect(replicasOf(h, 'podinfo-canary')).toBe(1);
    const notice = r.report?.notices?.find((n) => n.includes('was left running')) ?? '';
    for (const line of expected) expect(notice).toContain(line);
    expect(notice).not.toContain('decoy');
    expect(notice).not.toContain('test/podinfo ');
    const warning = r.log.find((l) => l.startsWith('warning:') && l.includes('was left running')) ?? '';
    expect(warning).toContain(`: ${expected.join('; ')}. Move them off it`);
  });

  it('the dry run says the canary would be left running, naming the routes, and writes nothing', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    await applyAll(h, others);
    const r = await h.run({
      'http-route': 'podinfo',
      steps: '100',
      finalize: 'promote-stable',
      'dry-run': 'true',
    });
    expect(r.error, r.log.join('\n')).toBeNull();
    expect(r.writes).toEqual([]);
    const line = r.log.find((l) =>
      l.includes('[dry-run] the canary Deployment podinfo-canary would be left running'),
    );
    expect(line, r.log.join('\n')).toContain(`: ${expected.join('; ')}`);
    // An HTTPRoute's canary side is a Service, and the plan never claims the canary was scaled down.
    expect(line).toContain('traffic to its Service podinfo-canary:');
    expect(r.log.join('\n')).not.toMatch(/would scale the canary Deployment|canary scaled to 0/);
    expect(r.log.join('\n')).toMatch(/then: promoted: .*would be left running/);
    // Nothing applied: the Deployments of the manifests were only dry-run.
    expect(h.mesh.api.object('apps', 'deployments', 'test', 'podinfo-canary') ?? null).toBeNull();
  });

  it('credentials that may not list routes cluster-wide (403): the namespace routes are still checked, and the log says so', async () => {
    h = await startHarness({}, { fixture: HTTP_ROUTE_FIXTURE });
    await applyAll(h, others);
    const kube = await createKubeClient({ kubeconfig: h.mesh.kubeconfig });
    // The API server refuses every list across namespaces, as a namespaced Role does.
    const forbidden = new Proxy(kube, {
      get(target, prop, receiver) {
        if (prop === 'list')
          return (...args: Parameters<typeof kube.list>) =>
            args[2] === null
              ? Promise.reject(
                  new KubeApiError(403, 'Forbidden', `${args[1]} is forbidden at the cluster scope`),
                )
              : kube.list(...args);
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const logger = new RecordingLogger();
    const report = await runPromotion(
      settingsFor({
        namespace: 'test',
        manifests: path.join(h.dir, '*.yaml'),
        'http-route': 'podinfo',
        steps: '100',
        finalize: 'promote-stable',
        'rollout-timeout': '20s',
      }),
      {
        kube: forbidden,
        metrics: new ScriptedMetrics({ script: ['pass'] }),
        reporter: new RecordingReporter(),
        logger,
        signal: new AbortController().signal,
        cwd: h.dir,
        lease: { durationMs: 3000, waitMs: 500 },
      },
    );
    expect(report.status, logger.lines.join('\n')).toBe('promoted');
    const notice = report.notices?.find((n) => n.includes('was left running')) ?? '';
    expect(notice).toContain(': HTTPRoute test/beta rule 0 (10%). Move them off it');
    const log = logger.lines.join('\n');
    expect(log).toMatch(/may not list HTTPRoutes in all namespaces \(403\); only test's were checked/);
    expect(log).toMatch(/may not list VirtualServices in all namespaces \(403\); only test's were checked/);
    expect(replicasOf(h, 'podinfo-canary')).toBe(1);
  });
});
