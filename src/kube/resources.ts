// Kubernetes objects by apiVersion and kind: discovery (which plural, namespaced or not, is the
// kind served at all) and the reads and writes (get, list, create, server-side apply, replace,
// merge patch, delete), each one request through the transport (transport.ts). Writes ask for
// strict field validation and are recorded, so a cancelled run can say what it changed.
import { FIELD_MANAGER, UnknownKindError } from './errors.js';
import type { KubeTransport } from './transport.js';

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeMetadata;
};

export interface KubeMetadata {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string | null;
}

export interface WriteOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
}

export interface ApplyOptions extends WriteOptions {
  /** Take over fields owned by other managers (kubectl --force-conflicts). */
  force?: boolean;
}

export interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function basePath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

type DiscoveryList = { resources?: { name: string; kind: string; namespaced: boolean }[] };

/** `Deployment test/web`: how warnings and the write record name an object. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export class KubeResources {
  private readonly discovery = new Map<string, Promise<Map<string, ResourceInfo>>>();
  private readonly writeLog: string[] = [];

  /**
   * Every write the API server accepted (not dry runs), in order (`applied Deployment test/web`):
   * what a cancelled run says it changed.
   */
  get written(): readonly string[] {
    return this.writeLog;
  }

  constructor(protected readonly transport: KubeTransport) {}

  /** Whether the API serves this apiVersion/kind (discovery, cached per apiVersion). */
  async resource(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo> {
    let entry = this.discovery.get(apiVersion);
    if (!entry) {
      entry = this.transport
        .request('GET', basePath(apiVersion), null, { signal, allow404: true })
        .then(({ status, json }) => {
          const map = new Map<string, ResourceInfo>();
          if (status === 404) return map;
          for (const r of (json as DiscoveryList).resources ?? [])
            if (!r.name.includes('/')) map.set(r.kind, { plural: r.name, namespaced: r.namespaced });
          return map;
        });
      this.discovery.set(apiVersion, entry);
      // A failed discovery is not cached: the next call asks again.
      entry.catch(() => this.discovery.delete(apiVersion));
    }
    const info = (await entry).get(kind);
    if (!info) {
      // The kind may have appeared since (a CRD applied earlier in this run): ask once more.
      this.discovery.delete(apiVersion);
      const fresh = await this.transport.request('GET', basePath(apiVersion), null, {
        signal,
        allow404: true,
      });
      const resources = fresh.status === 404 ? [] : ((fresh.json as DiscoveryList).resources ?? []);
      const found = resources.find((r) => r.kind === kind && !r.name.includes('/'));
      if (!found)
        throw new UnknownKindError(
          `the cluster does not serve ${kind} in ${apiVersion}${fresh.status === 404 ? ` (no API group/version ${apiVersion})` : ''}; is its CRD installed?`,
        );
      return { plural: found.name, namespaced: found.namespaced };
    }
    return info;
  }

  /** The path of a kind's collection (in a namespace when the kind is namespaced). */
  async collectionPath(
    apiVersion: string,
    kind: string,
    namespace: string | null | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const info = await this.resource(apiVersion, kind, signal);
    const ns = info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
    return `${basePath(apiVersion)}${ns}/${info.plural}`;
  }

  private async objectPath(ref: ObjectRef, signal?: AbortSignal): Promise<string> {
    return `${await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal)}/${encodeURIComponent(ref.name)}`;
  }

  async get(ref: ObjectRef, options: { signal?: AbortSignal } = {}): Promise<KubeObject | null> {
    const { status, json } = await this.transport.request(
      'GET',
      await this.objectPath(ref, options.signal),
      null,
      { ...options, allow404: true, subject: describeRef(ref) },
    );
    return status === 404 ? null : (json as KubeObject);
  }

  async list(
    apiVersion: string,
    kind: string,
    namespace: string | null,
    options: { labelSelector?: string; signal?: AbortSignal } = {},
  ): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const q = new URLSearchParams();
    if (options.labelSelector) q.set('labelSelector', options.labelSelector);
    const qs = q.size ? `?${q.toString()}` : '';
    // null: every namespace (the cluster-wide collection of a namespaced kind).
    const path =
      namespace === null
        ? `${basePath(apiVersion)}/${(await this.resource(apiVersion, kind, options.signal)).plural}`
        : await this.collectionPath(apiVersion, kind, namespace, options.signal);
    const { json } = await this.transport.request('GET', `${path}${qs}`, null, options);
    const list = json as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
    // Lists omit apiVersion/kind on items: put them back so the objects can be written as they are.
    const items = (list.items ?? []).map((i) => ({ apiVersion, kind, ...i }));
    return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  /**
   * Every write asks for strict field validation: an unknown or misspelled field (`readinesProbe`)
   * is refused by the server (Kubernetes 1.25 and later), not dropped; older servers ignore the
   * parameter, and server-side apply refuses unknown fields on every version.
   */
  private writeQuery(extra: Record<string, string>, dryRun?: boolean): string {
    const q = new URLSearchParams({ fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', ...extra });
    if (dryRun) q.set('dryRun', 'All');
    return `?${q.toString()}`;
  }

  private refOf(obj: KubeObject): ObjectRef {
    const name = obj.metadata?.name;
    if (!obj.apiVersion || !obj.kind || !name)
      throw new Error('object needs apiVersion, kind and metadata.name');
    return { apiVersion: obj.apiVersion, kind: obj.kind, name, namespace: obj.metadata?.namespace ?? null };
  }

  /** Records a write the server accepted (dry runs change nothing and are not recorded). */
  private wrote(verb: string, ref: ObjectRef, dryRun: boolean | undefined): void {
    if (!dryRun) this.writeLog.push(`${verb} ${describeRef(ref)}`);
  }

  async create(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const ref = this.refOf(obj);
    const path = await this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, options.signal);
    const { json } = await this.transport.request('POST', path + this.writeQuery({}, options.dryRun), obj, {
      signal: options.signal,
      subject: describeRef(ref),
    });
    this.wrote('created', ref, options.dryRun);
    return json as KubeObject;
  }

  async apply(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    const ref = this.refOf(obj);
    const path = await this.objectPath(ref, options.signal);
    const q = this.writeQuery(options.force ? { force: 'true' } : {}, options.dryRun);
    const { json } = await this.transport.request('PATCH', path + q, obj, {
      contentType: 'application/apply-patch+yaml',
      signal: options.signal,
      subject: describeRef(ref),
    });
    this.wrote('applied', ref, options.dryRun);
    return json as KubeObject;
  }

  async replace(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    if (!obj.metadata?.resourceVersion)
      throw new Error('replace needs metadata.resourceVersion (optimistic concurrency)');
    const ref = this.refOf(obj);
    const path = await this.objectPath(ref, options.signal);
    const { json } = await this.transport.request('PUT', path + this.writeQuery({}, options.dryRun), obj, {
      signal: options.signal,
      subject: describeRef(ref),
    });
    this.wrote('replaced', ref, options.dryRun);
    return json as KubeObject;
  }

  async patch(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const path = await this.objectPath(ref, options.signal);
    const { json } = await this.transport.request(
      'PATCH',
      path + this.writeQuery({}, options.dryRun),
      patch,
      { contentType: 'application/merge-patch+json', signal: options.signal, subject: describeRef(ref) },
    );
    this.wrote('patched', ref, options.dryRun);
    return json as KubeObject;
  }

  async delete(ref: ObjectRef, options: WriteOptions = {}): Promise<void> {
    const path = await this.objectPath(ref, options.signal);
    const q = options.dryRun ? '?dryRun=All' : '';
    const { status } = await this.transport.request('DELETE', path + q, null, {
      signal: options.signal,
      allow404: true,
      subject: describeRef(ref),
    });
    if (status !== 404) this.wrote('deleted', ref, options.dryRun);
  }
}
