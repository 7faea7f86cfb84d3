// The Kubernetes API's errors and constants, apart from the client: modules that only need to
// recognise an error (manifests, lease, runner) import this file and so never load
// @kubernetes/client-node, which is most of the bundle and most of the start-up cost.
import { oneLine } from '../one-line.js';

export const FIELD_MANAGER = 'istio-canary';

/**
 * An answer from the API server that is not retried: carries the Status message, as one line
 * (the server's text is quoted in our messages and must not start lines of its own in the log).
 */
export class KubeApiError extends Error {
  override name = 'KubeApiError';
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
export class UnknownKindError extends Error {
  override name = 'UnknownKindError';
}
