// The one wording for a redirect we do not follow (the load target's, Prometheus's): the
// status and where it pointed, shown without its credentials (src/redact.ts showUrl). Neither
// client follows redirects: a followed redirect would time or query something other than the
// URL the user gave, and its failure would blame that URL (`Prometheus unreachable: …: bad
// port` for a 302 to port 1).
import { showUrl } from '../redact.js';

/** Whether an HTTP status is a redirect (3xx). */
export const isRedirect = (status: number): boolean => status >= 300 && status < 400;

/** `HTTP 302 (a redirect to /login)`: the status and its Location as sent, credentials shown as ***. */
export function describeRedirect(status: number, location: string | null | undefined): string {
  return `HTTP ${status} (a redirect to ${location ? showUrl(location) : 'nowhere: no Location header'})`;
}
