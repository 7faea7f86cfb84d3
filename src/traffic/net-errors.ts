// Names the cause of an outbound connection failure the way a user can act on it: a TLS
// failure says TLS and why (an untrusted or self-signed certificate, a wrong host name, an
// expired certificate, TLS spoken to a plain-HTTP port), a refused or timed-out connection says
// so, and every message names the URL. Used by the Kubernetes client, the preflight, the
// pre-traffic probe and the Prometheus client (one way to describe a network error). The error
// text and the URL are quoted as one line each (src/one-line.ts): a server's or a
// socket's text cannot start a line of its own in the log.
import { oneLine } from '../one-line.js';

/** OpenSSL's certificate verification codes as Node reports them, and what they mean. */
const CERTIFICATE_CODES: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN:
    'certificate signed by unknown authority (self-signed certificate in the certificate chain)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate signed by unknown authority (the certificate is self-signed)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by unknown authority (the issuer certificate is unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by unknown authority (no local issuer certificate)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'certificate signed by unknown authority (unable to verify the first certificate)',
  CERT_UNTRUSTED: 'certificate signed by unknown authority (the certificate is not trusted)',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not yet valid',
  CERT_REVOKED: 'the certificate was revoked',
  CERT_SIGNATURE_FAILURE: 'the certificate signature is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
  HOSTNAME_MISMATCH: 'the certificate does not name this host',
};

/** Hints per family of cause. */
const TRUST_HINT =
  'give the CA that signed it (certificate-authority-data in the kubeconfig, or NODE_EXTRA_CA_CERTS)';

export interface NetworkProblem {
  kind: 'tls' | 'refused' | 'timeout' | 'dns' | 'reset' | 'other';
  /** One sentence naming the URL and the cause. */
  message: string;
}

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: unknown } | null;
  if (e && typeof e.code === 'string') return e.code;
  const c = e?.cause as { code?: unknown } | undefined;
  return c && typeof c.code === 'string' ? c.code : undefined;
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // fetch() wraps the socket error: "fetch failed", cause: the real one.
  const cause = (err as { cause?: unknown }).cause;
  if (err.message === 'fetch failed' && cause instanceof Error) return cause.message;
  return err.message;
}

/** Whether an error is a TLS failure (certificate or handshake). */
export function isTlsError(err: unknown): boolean {
  const code = codeOf(err) ?? '';
  return (
    code in CERTIFICATE_CODES ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    (code === 'EPROTO' && /ssl|tls/i.test(messageOf(err)))
  );
}

/** The cause of a failed connection to `url`, named (pure). */
export function describeNetworkError(err: unknown, rawUrl: string): NetworkProblem {
  const url = oneLine(rawUrl);
  const raw = codeOf(err);
  const code = raw === undefined ? undefined : oneLine(raw);
  const rawText = messageOf(err);
  const text = oneLine(rawText);
  const withCode = code && !text.includes(code) ? `${text} (${code})` : text;
  if (code && code in CERTIFICATE_CODES)
    return {
      kind: 'tls',
      message: `TLS: ${CERTIFICATE_CODES[code]} for ${url} (${code}); ${TRUST_HINT}`,
    };
  if (isTlsError(err)) {
    // OpenSSL's text: "…:SSL routines:<function>:<reason>:<source file>…": the reason is what matters.
    const reason = oneLine(
      /SSL routines:[^:]*:([^:]+)/.exec(rawText)?.[1]?.trim() ?? rawText.split('\n')[0]!.trim(),
    );
    const plain = /wrong[_ ]version[_ ]number|packet length too long|http request/i.test(
      `${reason} ${code ?? ''}`,
    );
    return {
      kind: 'tls',
      message: `TLS: the handshake with ${url} failed: ${reason}${code ? ` (${code})` : ''}${plain ? '; the port does not speak TLS (is it plain HTTP? use http://)' : ''}`,
    };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return {
        kind: 'refused',
        message: `${url} refused the connection (ECONNREFUSED): nothing listens there`,
      };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { kind: 'timeout', message: `${url} did not answer in time: ${withCode}` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'dns', message: `the host of ${url} does not resolve: ${withCode}` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return { kind: 'reset', message: `${url} closed the connection: ${withCode}` };
    default:
      return { kind: 'other', message: `${url}: ${withCode}` };
  }
}

/** HTTP 401/403 in words: the status, its name, the server's own message or what it means. */
export function describeAuthStatus(status: 401 | 403, serverMessage: string | null | undefined): string {
  const m = oneLine((serverMessage ?? '').trim());
  const generic = status === 401 ? 'the credentials were rejected' : 'the credentials lack the permission';
  // "Unauthorized", or the client's placeholder for an empty body ("HTTP 401"), say nothing more.
  const said = m === '' || /^(unauthorized|forbidden|http \d{3})$/i.test(m) ? generic : m;
  return `HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}: ${said}`;
}
