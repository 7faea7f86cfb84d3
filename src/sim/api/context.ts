// The small typed interface between the API server's modules: the parsed request, the resource
// it addresses, the reply, and the shared state (store, faults, clock, served types) that the
// verb, watch, apply and admission modules read and write through.

import type { IncomingMessage } from 'node:http';
import type { JsonObject } from './json.js';
import type { ResourceType } from './resources.js';
import type { Store } from './store.js';
import type { Faults, Verb } from './faults.js';

/** An HTTP request as read off the socket, body complete. */
export interface Req {
  method: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** What a resource path addresses, after routing. */
export interface ResourceRequest {
  rt: ResourceType;
  group: string;
  version: string;
  namespace: string;
  name: string;
  subresource: string;
  verb: Verb;
}

/** An answer to write: a string body goes out as text/plain, anything else as JSON. */
export class Reply {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string | string[]> = {},
  ) {}
}

/** One answered request, as `server.requests` lists it. */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection) or '' for non-resource paths. */
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Content-Type of a patch, e.g. application/merge-patch+json. */
  contentType: string;
  status: number;
  userAgent: string;
  /** The latency fault the server waited before answering, in ms (absent when none was injected). */
  injectedLatencyMs?: number;
}

/** The server state every verb works on. */
export interface ApiContext {
  readonly store: Store;
  readonly faults: Faults;
  readonly now: () => Date;
  /** Served types: the built-ins and those of every stored CRD. */
  readonly types: readonly ResourceType[];
  /** Re-derive the served types after a CRD was stored or removed. */
  refreshTypes(): void;
  /** The next free Service ClusterIP. */
  allocateClusterIp(): string;
}

/** The store key of a type: `<group>/<resource>`. */
export function keyOf(rt: ResourceType): string {
  return `${rt.group}/${rt.resource}`;
}

export function apiVersionOf(rt: ResourceType, version: string): string {
  return rt.group === '' ? version : `${rt.group}/${version}`;
}

/** Store a new or changed object; a CRD changes the served types. */
export function storeObject(
  ctx: ApiContext,
  rt: ResourceType,
  o: JsonObject,
  type: 'ADDED' | 'MODIFIED',
): JsonObject {
  const stored = ctx.store.put(keyOf(rt), o, type);
  if (rt.resource === 'customresourcedefinitions') ctx.refreshTypes();
  return stored;
}
