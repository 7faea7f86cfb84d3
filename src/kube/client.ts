// The Kubernetes API client: the only code that talks to the API server. Its parts are the
// transport (transport.ts: the one request builder, credentials, timeouts, retries through
// src/retry.ts), resources (resources.ts: discovery and CRUD) and waiting (watch.ts: watches);
// this module puts them together behind the `Kube` interface the rest of the code uses.
import type { ApplyOptions, KubeObject, ObjectRef, ResourceInfo, WriteOptions } from './resources.js';
import { KubeResources } from './resources.js';
import { createTransport, type KubeClientOptions, type RequestOptions } from './transport.js';
import { waitFor, type WaitOptions } from './watch.js';
import { KubeConfig } from '@kubernetes/client-node';
import { credentialError, KubeconfigError, missingCluster } from './kubeconfig.js';

export type {
  ApplyOptions,
  KubeMetadata,
  KubeObject,
  ObjectRef,
  ResourceInfo,
  WriteOptions,
} from './resources.js';
export type { WaitOptions, WatchEvent } from './watch.js';
export { KubeconfigError } from './kubeconfig.js';
export { DEFAULT_RETRY, type KubeClientOptions } from './transport.js';
export {
  DEFAULT_KUBE_TIMEOUT_MS,
  FIELD_MANAGER,
  KUBE_TIMEOUT_ENV,
  KubeApiError,
  KubeTimeoutError,
  KubeUnavailableError,
  UnknownKindError,
  kubeTimeoutMs,
  WaitTimeoutError,
  isRequestFault,
} from './errors.js';

/** The API surface the rest of the code uses (promote, manifests, rollout). */
export interface Kube {
  /** The object, or null when it does not exist (404). */
  get(ref: ObjectRef, options?: { signal?: AbortSignal }): Promise<KubeObject | null>;
  /** `namespace` null: the objects of every namespace. */
  list(
    apiVersion: string,
    kind: string,
    namespace: string | null,
    options?: { labelSelector?: string; signal?: AbortSignal },
  ): Promise<{ items: KubeObject[]; resourceVersion: string }>;
  create(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Server-side apply, field manager `istio-canary`. */
  apply(obj: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  /** PUT with metadata.resourceVersion: a 409 KubeApiError when someone else wrote in between. */
  replace(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** JSON merge patch. */
  patch(ref: ObjectRef, patch: Record<string, unknown>, options?: WriteOptions): Promise<KubeObject>;
  delete(ref: ObjectRef, options?: WriteOptions): Promise<void>;
  /**
   * Resolves with the object as soon as `done(obj)` is true, watching (not polling) from the
   * resourceVersion read; dropped watches resume from the last resourceVersion, 410 relists.
   * Rejects with `describe(last)` when the timeout passes.
   */
  waitFor(
    ref: ObjectRef,
    done: (obj: KubeObject | null) => boolean,
    options: WaitOptions & { describe?: (last: KubeObject | null) => string },
  ): Promise<KubeObject | null>;
  /** Whether the API serves this apiVersion/kind (discovery). */
  resource(apiVersion: string, kind: string, signal?: AbortSignal): Promise<ResourceInfo>;
}

export class KubeClient extends KubeResources implements Kube {
  /** A raw request by path (the preflight's /version, /apis and access reviews), with the same retries. */
  request(
    method: string,
    path: string,
    body: unknown = null,
    options: RequestOptions = {},
  ): Promise<{ status: number; json: unknown }> {
    return this.transport.request(method, path, body, options);
  }

  waitFor(
    ref: ObjectRef,
    done: (obj: KubeObject | null) => boolean,
    options: WaitOptions & { describe?: (last: KubeObject | null) => string },
  ): Promise<KubeObject | null> {
    return waitFor(
      this.transport,
      (signal) => this.collectionPath(ref.apiVersion, ref.kind, ref.namespace, signal),
      ref,
      done,
      options,
    );
  }
}

/**
 * The client for the kubeconfig's current (or named) context. A kubeconfig that cannot give
 * credentials is named here (KubeconfigError): the missing current-context with the contexts
 * that exist, a failing exec plugin with its command line and stderr, secrets redacted.
 */
export async function createKubeClient(options: KubeClientOptions): Promise<KubeClient> {
  const kc = new KubeConfig();
  let loaded = false;
  try {
    kc.loadFromString(options.kubeconfig);
    loaded = !options.context || kc.getContextObject(options.context) !== null;
    if (loaded && options.context) kc.setCurrentContext(options.context);
  } catch {
    // not YAML, or not a kubeconfig: createTransport names it
  }
  const missing = loaded ? missingCluster(kc) : null;
  if (missing) throw new KubeconfigError(missing);
  try {
    return new KubeClient(await createTransport(options));
  } catch (err) {
    throw loaded ? credentialError(kc, options.kubeconfig, err) : err;
  }
}
