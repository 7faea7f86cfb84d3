// Lenient readers of plain Kubernetes objects for the routing table: a field of the wrong type reads
// as absent, as Envoy never sees config istiod could not convert. Pure.
import type { KubeObject } from '../types.js';
import { isObject } from '../../util/object.js';

export type Obj = Record<string, unknown>;

export const CLUSTER_DOMAIN = 'svc.cluster.local';

export const asObj = (v: unknown): Obj | undefined => (isObject(v) ? v : undefined);
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const asNum = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
export function asStrMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asObj(v) ?? {})) if (typeof val === 'string') out[k] = val;
  return out;
}

export const nsOf = (o: KubeObject): string => o.metadata?.namespace ?? 'default';
export const nameOf = (o: KubeObject): string => o.metadata?.name ?? '';

/** Creation order, as Istio merges same-host VirtualServices on a gateway. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ca = asStr(asObj(a.metadata)?.creationTimestamp) ?? '';
  const cb = asStr(asObj(b.metadata)?.creationTimestamp) ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  const ka = `${nsOf(a)}/${nameOf(a)}`;
  const kb = `${nsOf(b)}/${nameOf(b)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
