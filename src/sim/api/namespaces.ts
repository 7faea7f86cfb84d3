// Namespace lifecycle: nothing is created in a missing or Terminating namespace, and a deleted
// namespace is emptied and removed after a delay, as the namespace controller does.

import { ApiError, failure, notFound, qualified } from './status.js';
import { str, obj } from './json.js';
import { metaOf, type Store } from './store.js';
import type { ApiContext, ResourceRequest } from './context.js';

export function checkNamespace(ctx: ApiContext, rr: ResourceRequest, name: string): void {
  if (!rr.rt.namespaced) return;
  const ns = ctx.store.get('/namespaces', '', rr.namespace);
  if (!ns) throw notFound('namespaces', '', rr.namespace);
  if (metaOf(ns)['deletionTimestamp'] || obj(ns['status'])['phase'] === 'Terminating') {
    throw new ApiError(
      failure(
        403,
        'Forbidden',
        `${qualified(rr.rt.resource, rr.group)} "${name}" is forbidden: unable to create new content in namespace ${rr.namespace} because it is being terminated`,
        {
          name,
          group: rr.group || undefined,
          kind: rr.rt.resource,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${rr.namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      ),
    );
  }
}

/** Empties a deleted (Terminating) namespace after a delay, then removes it. */
export class NamespaceFinalizer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly delayMs: number,
  ) {}

  schedule(ns: string): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.finish(ns);
    }, this.delayMs);
    this.timers.add(t);
  }

  /** Cancel every pending finalization. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
  }

  private finish(ns: string): void {
    if (this.closed) return;
    for (const key of this.store.keys()) {
      for (const o of this.store.list(key, ns)) {
        if (metaOf(o)['namespace'] === ns) this.store.remove(key, ns, str(metaOf(o)['name']));
      }
    }
    this.store.remove('/namespaces', '', ns);
  }
}
