// The embedded mesh's stand-in for istiod's Gateway API status writer: after any change to
// Gateways, HTTPRoutes or Services it computes the status Istio would report (the pure part is in
// dataplane/routes-gateway-api.ts) and writes what differs through the API server's HTTP API, as
// istiod does (a merge patch of the /status subresource, field manager istio.io/gateway-controller),
// so watchers and kubectl see ordinary status updates. Parents owned by other controllers are kept.
// Hand-written: no client is needed for two PATCH shapes on loopback.
import type { ApiServer } from './api/index.js';
import type { GatewayApiConfigSource } from './dataplane/index.js';
import { buildRoutingTable } from './dataplane/routes.js';
import {
  GATEWAY_API_GROUP,
  ISTIO_GATEWAY_CONTROLLER,
  type Condition,
} from './dataplane/routes-gateway-api.js';
import type { KubeObject } from './types.js';
import { isObject } from '../util/object.js';

const WATCHED = new Set([
  `${GATEWAY_API_GROUP}/gateways`,
  `${GATEWAY_API_GROUP}/httproutes`,
  `${GATEWAY_API_GROUP}/referencegrants`,
  '/namespaces',
  '/services',
]);

export interface GatewayStatusWriter {
  /** Resolves once every change seen so far has been reflected (no write pending). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

interface StampedCondition extends Condition {
  observedGeneration: number;
  lastTransitionTime: string;
}

/** Conditions with observedGeneration and lastTransitionTime, the time kept while the status holds. */
function stamp(
  conditions: Condition[],
  previous: unknown,
  generation: number,
  now: string,
): StampedCondition[] {
  const before = Array.isArray(previous) ? previous.filter(isObject) : [];
  return conditions.map((c) => {
    const old = before.find((p) => p.type === c.type);
    const same = old?.status === c.status && typeof old.lastTransitionTime === 'string';
    return {
      ...c,
      observedGeneration: generation,
      lastTransitionTime: same ? String(old.lastTransitionTime) : now,
    };
  });
}

/** JSON equality ignoring lastTransitionTime (a rewrite with only a new time is no change). */
function sameStatus(a: unknown, b: unknown): boolean {
  const strip = (_k: string, v: unknown): unknown =>
    isObject(v) && 'lastTransitionTime' in v ? { ...v, lastTransitionTime: undefined } : v;
  return JSON.stringify(a ?? null, strip) === JSON.stringify(b ?? null, strip);
}

const generationOf = (o: KubeObject): number => {
  const g = (o.metadata as Json | undefined)?.generation;
  return typeof g === 'number' ? g : 1;
};
const nsOf = (o: KubeObject): string => o.metadata?.namespace ?? 'default';
const nameOf = (o: KubeObject): string => o.metadata?.name ?? '';

/** Where the status goes: change notifications in, status merge patches out. */
export interface StatusSink {
  /** Calls back after stored changes, with "<group>/<resource>" of what changed when known. */
  onChange(listener: (key: string | undefined) => void): () => void;
  /** Merge-patch the object's status (its /status subresource when the CRD has one). */
  patchStatus(o: KubeObject, resource: 'gateways' | 'httproutes', status: Json): Promise<void>;
}

/** The embedded API server as a StatusSink: writes over its HTTP API, as istiod writes to a cluster. */
export function apiServerStatusSink(api: ApiServer): StatusSink {
  return {
    onChange: (listener) => api.onChange((e) => listener(e.key)),
    async patchStatus(o, resource, status) {
      const base = `${api.url}/apis/${o.apiVersion ?? `${GATEWAY_API_GROUP}/v1`}/namespaces/${encodeURIComponent(nsOf(o))}/${resource}/${encodeURIComponent(nameOf(o))}`;
      const send = (path: string): Promise<Response> =>
        fetch(`${path}?fieldManager=${encodeURIComponent(ISTIO_GATEWAY_CONTROLLER)}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/merge-patch+json', 'user-agent': 'pilot-discovery' },
          body: JSON.stringify({ status }),
        });
      let res = await send(`${base}/status`);
      // A CRD without the status subresource keeps status in the object itself.
      if (res.status === 404) {
        await res.body?.cancel();
        res = await send(base);
      }
      await res.body?.cancel();
    },
  };
}

export function startGatewayStatus(sink: StatusSink, config: GatewayApiConfigSource): GatewayStatusWriter {
  let dirty = false;
  let running: Promise<void> | undefined;
  let closed = false;
  const patch = (o: KubeObject, resource: 'gateways' | 'httproutes', status: Json): Promise<void> =>
    sink.patchStatus(o, resource, status);

  const syncOnce = async (): Promise<void> => {
    const gateways = config.listGatewayApi('KubernetesGateway');
    const routes = config.listGatewayApi('HTTPRoute');
    if (gateways.length === 0 && routes.length === 0) return;
    const table = buildRoutingTable({
      virtualServices: [],
      destinationRules: [],
      gateways: [],
      // Status depends on Services existing, not on their pods.
      deployments: [],
      services: config.list('Service'),
      k8sGateways: gateways,
      httpRoutes: routes,
      referenceGrants: config.listGatewayApi('ReferenceGrant'),
      namespaces: config.listGatewayApi('Namespace'),
    });
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const writes: Promise<void>[] = [];
    for (const gw of gateways) {
      const key = `${nsOf(gw)}/${nameOf(gw)}`;
      const want = table.gatewayApi.gateways.get(key);
      if (!want) continue;
      const have = isObject(gw.status) ? gw.status : {};
      const gen = generationOf(gw);
      const haveListeners = Array.isArray(have.listeners) ? have.listeners.filter(isObject) : [];
      const status: Json = {
        addresses: want.addresses,
        conditions: stamp(want.conditions, have.conditions, gen, now),
        listeners: want.listeners.map((l) => ({
          ...l,
          conditions: stamp(l.conditions, haveListeners.find((h) => h.name === l.name)?.conditions, gen, now),
        })),
      };
      if (
        !sameStatus(status, {
          addresses: have.addresses,
          conditions: have.conditions,
          listeners: have.listeners,
        })
      )
        writes.push(patch(gw, 'gateways', status));
    }
    for (const hr of routes) {
      const key = `${nsOf(hr)}/${nameOf(hr)}`;
      const want = table.gatewayApi.routes.get(key) ?? [];
      const have =
        isObject(hr.status) && Array.isArray(hr.status.parents) ? hr.status.parents.filter(isObject) : [];
      const gen = generationOf(hr);
      const ours = (h: Json): boolean => h.controllerName === ISTIO_GATEWAY_CONTROLLER;
      const sameRef = (h: Json, ref: unknown): boolean => JSON.stringify(h.parentRef) === JSON.stringify(ref);
      const mine = want.map((p) => {
        const old = have.find((h) => ours(h) && sameRef(h, p.parentRef));
        return { ...p, conditions: stamp(p.conditions, old?.conditions, gen, now) };
      });
      // Entries keep their places (other controllers' untouched); ours updated, dropped or appended.
      const parents: Json[] = [
        ...have.flatMap((h) => (ours(h) ? mine.filter((m) => sameRef(h, m.parentRef)).slice(0, 1) : [h])),
        ...mine.filter((m) => !have.some((h) => ours(h) && sameRef(h, m.parentRef))),
      ];
      if (!sameStatus(parents, have) && !(parents.length === 0 && !isObject(hr.status)))
        writes.push(patch(hr, 'httproutes', { parents }));
    }
    await Promise.all(writes);
  };

  const run = (): void => {
    if (closed) return;
    if (running) {
      dirty = true;
      return;
    }
    running = (async () => {
      do {
        dirty = false;
        // Let a burst of changes (kubectl apply of many objects) land before computing.
        await new Promise((resolve) => setImmediate(resolve));
        try {
          await syncOnce();
        } catch {
          // The API server is closing or refused a write; the next change retries.
        }
      } while (dirty && !closed);
    })().finally(() => {
      running = undefined;
    });
  };

  const unsubscribe = sink.onChange((key) => {
    if (key === undefined || WATCHED.has(key)) run();
  });
  run();

  return {
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      unsubscribe();
      await running;
    },
  };
}
