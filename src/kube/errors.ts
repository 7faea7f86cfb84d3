// The Kubernetes API's errors and constants, apart from the client: modules that only need to
// recognise an error (manifests, lease, runner) import this file and so never load
// @kubernetes/client-node, which is most of the bundle and most of the start-up cost.
// Every class follows src/errors.ts: callers tell them apart with instanceof.
import { IstioCanaryError } from '../errors.js';
import { oneLine } from '../one-line.js';

export const FIELD_MANAGER = 'istio-canary';

/** Environment variable that bounds every Kubernetes API request (milliseconds), for slow clusters and tests. */
export const KUBE_TIMEOUT_ENV = 'ISTIO_CANARY_KUBE_TIMEOUT_MS';

export const DEFAULT_KUBE_TIMEOUT_MS = 30_000;

/** The request timeout from ISTIO_CANARY_KUBE_TIMEOUT_MS; a missing or bad value gives the default. */
export function kubeTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[KUBE_TIMEOUT_ENV]?.trim();
  return raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : DEFAULT_KUBE_TIMEOUT_MS;
}

/**
 * An answer from the API server that is not retried: carries the Status message, as one line
 * (the server's text is quoted in our messages and must not start lines of its own in the log).
 */
export class KubeApiError extends IstioCanaryError {
  readonly reason: string | null;
  constructor(
    readonly code: number,
    reason: string | null,
    message: string,
  ) {
    super(oneLine(message));
    this.reason = reason === null ? null : oneLine(reason);
  }
}

/**
 * A 500 that is about the request body, not the server: server-side apply on older Kubernetes
 * (1.20) answers 500 "failed to create typed patch object: ... omits key field" (or
 * "duplicate entries for key") for a body it cannot merge. Retrying sends the same body, so it
 * is reported at once instead of as "API unavailable after N attempts".
 */
export function isRequestFault(status: number, message: string): boolean {
  return status === 500 && /^failed to create typed (patch|live) object\b/.test(message);
}

/** The API does not serve a kind (no CRD, wrong group/version). */
export class UnknownKindError extends IstioCanaryError {}

/**
 * The API server stayed down: every attempt of a request met a 5xx, a 429 or a dropped
 * connection (or, as KubeTimeoutError, no answer at all). Unlike KubeApiError, trying the same
 * request later may succeed; `attempts` says how many were made.
 */
export class KubeUnavailableError extends IstioCanaryError {
  constructor(
    message: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The API server took the request but sent no (complete) answer in time. A hung server is
 * asked twice, not `attempts` times: each try would hold the run for the whole timeout.
 */
export class KubeTimeoutError extends KubeUnavailableError {
  constructor(server: string, method: string, path: string, timeoutMs: number, attempts: number) {
    super(
      `the Kubernetes API server at ${server} did not answer ${method} ${path.split('?')[0]}${/[?&]watch=true/.test(path) ? ' (watch)' : ''} within ${timeoutMs / 1000} s${attempts > 1 ? ` (${attempts} attempts)` : ''}; check that it is up and not overloaded (kubectl get --raw /readyz), or raise ${KUBE_TIMEOUT_ENV} (milliseconds)`,
      attempts,
    );
  }
}

/** An object did not reach the wanted state in time (a rollout, a wait on a watch); the message says what it last showed. */
export class WaitTimeoutError extends IstioCanaryError {}
