// Every write the strategies make, sent to the embedded API server through the project's own
// Kubernetes client (PUT with fieldValidation=Strict) against the real Istio and Gateway API
// (v1.6.1 standard) CRD schemas it installs: nothing is refused or pruned, the server's
// defaults (HTTPRoute matches, weights, backendRef kind/group, header match type) do not
// confuse the read-back, and writing the same stage again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient, type KubeObject } from '../src/kube/client.js';
import { selectRoute as selectVsRoute } from '../src/plan.js';
import { startApiServer, type ApiServer } from '../src/sim/api/index.js';
import { simKubeconfig } from '../src/sim/kubeconfig.js';
import { selectHttpRoute } from '../src/strategy/http-route.js';
import { parseStrategySpec, type StrategyInputs } from '../src/strategy/spec.js';
import {
  ROLLBACK_STAGE,
  currentStage,
  renderRoute,
  strategySteps,
  withoutStrategy,
  type RouteTarget,
} from '../src/strategy/stages.js';

type Json = Record<string, unknown>;
const NS = 'default';
let api: ApiServer;
let kube: KubeClient;

beforeAll(async () => {
  api = await startApiServer({ readinessDelayMs: 0 });
  kube = await createKubeClient({ kubeconfig: simKubeconfig(api.url) });
});
afterAll(async () => {
  await api?.close();
});

const vs = (name: string): Json => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: NS },
  spec: {
    hosts: ['podinfo', 'preview.podinfo'],
    http: [
      {
        name: 'admin',
        match: [{ uri: { prefix: '/admin' } }],
        route: [{ destination: { host: 'podinfo', subset: 'ga' } }],
      },
      {
        name: 'main',
        match: [{ uri: { prefix: '/' } }],
        timeout: '5s',
        route: [
          { destination: { host: 'podinfo', subset: 'ga', port: { number: 9898 } }, weight: 100 },
          { destination: { host: 'podinfo', subset: 'canary', port: { number: 9898 } }, weight: 0 },
        ],
      },
    ],
  },
});
const hr = (name: string): Json => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: NS },
  spec: {
    parentRefs: [{ name: 'gw' }],
    hostnames: ['podinfo.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/admin' } }],
        backendRefs: [{ name: 'podinfo-stable', port: 9898 }],
      },
      {
        backendRefs: [
          { name: 'podinfo-stable', port: 9898 },
          { name: 'podinfo-canary', port: 9898, weight: 0 },
        ],
      },
    ],
  },
});

function targetOf(o: Json): RouteTarget {
  if (o.kind === 'VirtualService') {
    const sel = selectVsRoute([o], {
      virtualService: null,
      route: 'main',
      stableSubset: null,
      canarySubset: null,
    });
    return { kind: 'virtual-service', object: o, selection: sel };
  }
  const base = o;
  return {
    kind: 'http-route',
    object: o,
    selection: selectHttpRoute([base], {
      httpRoute: null,
      rule: null,
      stableService: null,
      canaryService: null,
    }),
  };
}

/** PUT the object over the stored one (strict field validation), return what the server stored. */
async function write(obj: Json): Promise<KubeObject> {
  const ref = {
    apiVersion: String(obj.apiVersion),
    kind: String(obj.kind),
    name: (obj.metadata as Json).name as string,
    namespace: NS,
  };
  const live = await kube.get(ref);
  const body = {
    ...obj,
    metadata: { ...(obj.metadata as Json), resourceVersion: live?.metadata?.resourceVersion },
  } as KubeObject;
  return live ? kube.replace(body) : kube.create(obj);
}

const cases: [string, StrategyInputs, (n: string) => Json][] = [
  ['ab-vs', { strategy: 'ab', match: 'header:x-user=beta\ncookie:canary=always' }, vs],
  ['ab-hr', { strategy: 'ab', match: 'header:x-user^=beta\ncookie:canary=always' }, hr],
  ['mirror-vs', { strategy: 'mirror', 'mirror-percent': '12.5' }, vs],
  ['mirror-hr', { strategy: 'mirror', 'mirror-percent': '0.5' }, hr],
  ['mirror-hr-percent', { strategy: 'mirror', 'mirror-percent': '20' }, hr],
  ['bg-host-vs', { strategy: 'blue-green', 'preview-host': 'preview.podinfo' }, vs],
  ['bg-header-hr', { strategy: 'blue-green', 'preview-header': 'x-env=green' }, hr],
  ['canary-hr', { strategy: 'canary' }, hr],
];

describe('strategy writes against the served CRD schemas', () => {
  for (const [name, inputs, make] of cases)
    it(`${name}: every step and the rollback are accepted, read back as written, and idempotent`, async () => {
      const spec = parseStrategySpec(inputs);
      let live = (await write(make(name))) as Json;
      for (const stage of [...strategySteps(spec, [10, 50, 100]).map((s) => s.stage), ROLLBACK_STAGE]) {
        const t = targetOf(withoutStrategy({ ...targetOf(live), object: live }));
        live = await write(renderRoute({ ...t, object: live }, spec, stage));
        expect(currentStage({ ...t, object: live }, spec)).toEqual(stage);
        // The same stage again, from the server's (defaulted) object: nothing changes.
        const again = (await write(renderRoute({ ...t, object: live }, spec, stage))) as Json;
        expect(again.spec).toEqual(live.spec);
        expect(again.metadata && (again.metadata as Json).generation).toBe(
          (live.metadata as Json).generation,
        );
        live = again;
      }
    });
});
