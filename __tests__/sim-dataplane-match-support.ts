// Shared by the sim-dataplane match / mirror / HTTPRoute tests: exact binomial bounds for routing
// shares (so a share test fails at a designed rate, not by a lucky seed), a RequestView builder for
// the pure routing table, and counting of the data plane's own /metrics text.
import type { RequestView } from '../src/sim/dataplane/routes.js';

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** The largest k with P(X < k) ≤ tail for X ~ Binomial(n, p): a count below it happens at most `tail`. */
export function binomialLowerBound(n: number, p: number, tail = 1e-6): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    const pmf = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
    if (cdf + pmf > tail) return k;
    cdf += pmf;
  }
  return n;
}

/** The smallest k with P(X > k) ≤ tail. */
export function binomialUpperBound(n: number, p: number, tail = 1e-6): number {
  return n - binomialLowerBound(n, 1 - p, tail);
}

/** A request as the ingress sees it. */
export function view(
  opts: { path?: string; method?: string; host?: string; headers?: Record<string, string> } = {},
): RequestView {
  const [path, query] = (opts.path ?? '/').split('?');
  const headers = Object.fromEntries(
    Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    method: opts.method ?? 'GET',
    path: path ?? '/',
    query: query ?? '',
    authority: opts.host ?? 'podinfo',
    scheme: 'http',
    header: (name) => headers[name],
  };
}

/** Sum of istio_requests_total in a /metrics text over series whose labels include all of `labels`. */
export function countRequests(metricsText: string, labels: Record<string, string>): number {
  let sum = 0;
  for (const m of metricsText.matchAll(/^istio_requests_total\{([^}]*)\} (\d+)$/gm)) {
    const set = new Map([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => set.get(k) === v)) sum += Number(m[2]);
  }
  return sum;
}
