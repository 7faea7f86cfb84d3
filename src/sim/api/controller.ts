// The Deployment controller: drives status from events and timers (never a polling loop).
// A rollout becomes available after `readinessDelayMs`; a container image tagged `crashloop`
// never does and reports ProgressDeadlineExceeded after spec.progressDeadlineSeconds.
// A paused Deployment (spec.paused) makes no ReplicaSet for a new template, as the real
// controller: the pods of the last available template keep running at spec.replicas, no
// replica is updated, and Progressing is Unknown/DeploymentPaused until it is resumed.

import { createHash } from 'node:crypto';
import { str, type Json, type JsonObject, isObject, obj } from './json.js';
import { metaOf, type StoreEvent } from './store.js';
import { nowSeconds } from './managed.js';
import { buildPods, type PodGroup } from './pods.js';

export interface DeploymentAccess {
  get(namespace: string, name: string): JsonObject | undefined;
  /** Write status through the /status subresource as kube-controller-manager. */
  writeStatus(namespace: string, name: string, status: JsonObject): void;
  /** Make the Deployment's simulated pods exactly these. */
  syncPods(namespace: string, deployment: string, pods: JsonObject[]): void;
}

interface Rollout {
  generation: number;
  hash: string;
  /** Replicas of the last template that became available (kept serving during a failed rollout). */
  availableHash?: string;
  availableTemplate?: Json;
  /** The template whose ReplicaSet exists (a paused Deployment makes none for a new one). */
  startedHash?: string;
  timers: NodeJS.Timeout[];
}

/** The image tag that makes a pod crash forever in the simulation. */
export const CRASHLOOP_TAG = 'crashloop';

export function imageTag(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : 'latest';
}

export function templateHash(template: Json | undefined): string {
  // Pod-template-hash style: short, stable, lowercase alphanumerics.
  const h = createHash('sha256')
    .update(JSON.stringify(template ?? null))
    .digest();
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet[(h[i] ?? 0) % alphabet.length];
  return s;
}

function intOrPercent(v: Json | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = str(x).match(/^(\d+)%$/);
  if (!m) return Number(x) || 0;
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

export class DeploymentController {
  private readonly rollouts = new Map<string, Rollout>();
  private closed = false;

  constructor(
    private readonly access: DeploymentAccess,
    private readonly readinessDelayMs: number,
    private readonly now: () => Date,
  ) {}

  onEvent(e: StoreEvent): void {
    if (this.closed || e.key !== 'apps/deployments') return;
    const meta = metaOf(e.object);
    const id = `${e.namespace}/${str(meta['name'])}`;
    if (e.type === 'DELETED') {
      this.clear(id);
      this.rollouts.delete(id);
      // Outside the store's publish loop, so watchers see the Deployment go before its pods.
      queueMicrotask(() => this.access.syncPods(e.namespace, str(meta['name']), []));
      return;
    }
    const generation = Number(meta['generation'] ?? 1);
    const r = this.rollouts.get(id);
    if (r && r.generation === generation) return;
    // Reconcile outside the store's publish loop so our status write is a separate event.
    queueMicrotask(() => this.reconcile(e.namespace, str(meta['name'])));
  }

  private clear(id: string): void {
    const r = this.rollouts.get(id);
    if (r) for (const t of r.timers) clearTimeout(t);
    if (r) r.timers = [];
  }

  private later(r: Rollout, ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      r.timers = r.timers.filter((x) => x !== t);
      if (!this.closed) fn();
    }, ms);
    t.unref();
    r.timers.push(t);
  }

  private reconcile(ns: string, name: string): void {
    if (this.closed) return;
    const d = this.access.get(ns, name);
    if (!d) return;
    const meta = metaOf(d);
    const spec = obj(d['spec']);
    const generation = Number(meta['generation'] ?? 1);
    const id = `${ns}/${name}`;
    const hash = templateHash(spec['template']);
    const prev = this.rollouts.get(id);
    if (prev && prev.generation === generation) return;
    this.clear(id);
    const r: Rollout = {
      generation,
      hash,
      availableHash: prev?.availableHash,
      availableTemplate: prev?.availableTemplate,
      startedHash: prev?.startedHash,
      timers: [],
    };
    this.rollouts.set(id, r);

    const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
    const containers = (
      Array.isArray(obj(obj(spec['template'])['spec'])['containers'])
        ? (obj(obj(spec['template'])['spec'])['containers'] as Json[])
        : []
    ).filter(isObject);
    const crash = containers.some((c) => imageTag(str(c['image'] ?? '')) === CRASHLOOP_TAG);
    const rs = `${name}-${hash}`;
    const strategy = obj(obj(spec['strategy'])['rollingUpdate']);
    const maxUnavailable = intOrPercent(strategy['maxUnavailable'], replicas, false, '25%');
    const maxSurge = intOrPercent(strategy['maxSurge'], replicas, true, '25%');
    const oldServing = r.availableHash !== undefined && r.availableHash !== hash;

    const template = spec['template'];
    const paused = spec['paused'] === true;
    const pausedCond: [string, string, string] = ['Unknown', 'DeploymentPaused', 'Deployment is paused'];
    if (paused && hash !== r.startedHash) {
      // No ReplicaSet for this template: the old one is scaled to spec.replicas, nothing updated.
      const kept = r.availableHash !== undefined ? replicas : 0;
      this.write(ns, name, generation, {
        replicas: kept,
        updated: 0,
        available: kept,
        minAvailable: kept >= replicas - maxUnavailable,
        pods:
          kept > 0
            ? [
                {
                  hash: r.availableHash!,
                  count: kept,
                  ready: true,
                  crash: false,
                  template: r.availableTemplate,
                },
              ]
            : [],
        progressing: pausedCond,
      });
      return;
    }
    r.startedHash = hash;
    const cond = (c: [string, string, string]): [string, string, string] => (paused ? pausedCond : c);
    const ready = (): void => {
      r.availableHash = hash;
      r.availableTemplate = template;
      this.write(ns, name, generation, {
        replicas,
        updated: replicas,
        available: replicas,
        minAvailable: true,
        pods: [{ hash, count: replicas, ready: true, crash: false, template }],
        progressing: cond([
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${rs}" has successfully progressed.`,
        ]),
      });
    };

    if (!crash && (this.readinessDelayMs <= 0 || replicas === 0)) {
      ready();
      return;
    }
    // While the new pods start (or crash), old available pods keep serving, as a rolling update does.
    const oldKept = oldServing ? Math.max(replicas - maxUnavailable, 0) : 0;
    const updated = oldServing && crash ? Math.min(Math.max(maxSurge, 1), replicas) : replicas;
    const oldHash = r.availableHash;
    const oldTemplate = r.availableTemplate;
    const progressing = (): Progress => ({
      replicas: oldKept + updated,
      updated,
      available: oldKept,
      pods: [
        { hash, count: updated, ready: false, crash, template },
        ...(oldKept > 0 && oldHash
          ? [{ hash: oldHash, count: oldKept, ready: true, crash: false, template: oldTemplate }]
          : []),
      ],
      minAvailable: oldKept >= replicas - maxUnavailable && (oldKept > 0 || replicas - maxUnavailable <= 0),
      progressing: cond(['True', 'ReplicaSetUpdated', `ReplicaSet "${rs}" is progressing.`]),
    });
    this.write(ns, name, generation, progressing());
    if (!crash) {
      this.later(r, this.readinessDelayMs, ready);
    } else {
      const deadline =
        typeof spec['progressDeadlineSeconds'] === 'number' ? spec['progressDeadlineSeconds'] : 600;
      this.later(r, deadline * 1000, () => {
        this.write(ns, name, generation, {
          ...progressing(),
          progressing: ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs}" has timed out progressing.`],
        });
      });
    }
  }

  private write(ns: string, name: string, generation: number, p: Progress): void {
    const d = this.access.get(ns, name);
    if (!d || Number(metaOf(d)['generation'] ?? 1) !== generation) return;
    const old = obj(d['status']);
    const oldConds = (Array.isArray(old['conditions']) ? old['conditions'] : []).filter(isObject);
    const ts = nowSeconds(this.now());
    const cond = (type: string, status: string, reason: string, message: string): JsonObject => {
      const before = oldConds.find((c) => c['type'] === type);
      const same = before && before['status'] === status;
      const unchanged = same && before['reason'] === reason && before['message'] === message;
      return {
        lastTransitionTime: same ? (before['lastTransitionTime'] ?? ts) : ts,
        lastUpdateTime: unchanged ? (before['lastUpdateTime'] ?? ts) : ts,
        message,
        reason,
        status,
        type,
      };
    };
    const status: JsonObject = {
      availableReplicas: p.available,
      conditions: [
        p.minAvailable
          ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : cond(
              'Available',
              'False',
              'MinimumReplicasUnavailable',
              'Deployment does not have minimum availability.',
            ),
        cond('Progressing', p.progressing[0], p.progressing[1], p.progressing[2]),
      ],
      observedGeneration: generation,
      readyReplicas: p.available,
      replicas: p.replicas,
      unavailableReplicas: Math.max(p.replicas - p.available, 0),
      updatedReplicas: p.updated,
    };
    // The real controller omits zero counts.
    for (const k of [
      'availableReplicas',
      'readyReplicas',
      'replicas',
      'unavailableReplicas',
      'updatedReplicas',
    ])
      if (status[k] === 0) delete status[k];
    this.access.writeStatus(ns, name, status);
    this.access.syncPods(ns, name, buildPods(ns, name, p.pods, this.now()));
  }

  close(): void {
    this.closed = true;
    for (const id of this.rollouts.keys()) this.clear(id);
  }
}

interface Progress {
  pods: PodGroup[];
  replicas: number;
  updated: number;
  available: number;
  minAvailable: boolean;
  progressing: [string, string, string];
}
