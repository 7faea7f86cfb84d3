// The one decision for outbound HTTP: direct, or through the proxy that https_proxy / http_proxy
// name, with no_proxy exceptions. GitHub, Prometheus and the load generator all ask here, so a
// self-hosted runner behind a proxy reaches all three the same way. Pure: the variables come in
// as a ProxyEnv (processProxyEnv() is the only reader of process.env for them).
//
// Rules (the union of curl's and @actions/http-client's, written down so users can predict them):
// - https:// targets use https_proxy, else HTTPS_PROXY; http:// targets use http_proxy, else
//   HTTP_PROXY. The lower-case variable wins; an empty one counts as unset. A value without a
//   scheme is http:// (as curl and the toolkit read it). Only http:// and https:// proxies are
//   accepted: anything else is an error that names the variable (credentials never shown).
// - no_proxy (else NO_PROXY) is a list separated by commas or whitespace, case-insensitive:
//     `*`                      every host;
//     `example.com`, `.example.com`, `*.example.com`
//                              example.com and every subdomain (a leading `.` or `*.` is ignored,
//                              as curl does; the toolkit would skip the apex for `.example.com`);
//     `example.com:8443`       the same hosts, on that port only (as the toolkit does);
//     `10.0.0.1`, `[::1]`, `::1`, `10.0.0.1:9090`
//                              that IP address (never a suffix of another address);
//     `10.0.0.0/8`, `fd00::/8` every IP address in the range (CIDR, as curl does).
//   A trailing dot on the host or an entry is ignored.
// - Always direct, whatever the variables say: loopback (localhost, *.localhost, 127.0.0.0/8,
//   ::1) and in-cluster names (*.svc, *.cluster.local), which no proxy outside the cluster can
//   resolve. So is the Kubernetes API host: KUBERNETES_SERVICE_HOST in a pod, and whatever host
//   callers add with withDirectHosts() (the kubeconfig's server).
// - Through a proxy every target, http:// or https://, is reached by an HTTP CONNECT tunnel, as
//   @actions/http-client does: the Host header (load-host) and the TLS session stay end to end,
//   and the load generator's per-request timing is unchanged. The proxy must allow CONNECT to the
//   target's port (squid allows only 443 by default); list in-cluster targets in no_proxy instead.
import net from 'node:net';
import { showUrl } from '../redact.js';
import { IstioCanaryError } from '../errors.js';

export interface ProxyEnv {
  /** http_proxy, else HTTP_PROXY ('' or undefined: none). */
  httpProxy?: string;
  /** https_proxy, else HTTPS_PROXY. */
  httpsProxy?: string;
  /** no_proxy, else NO_PROXY. */
  noProxy?: string;
  /** Which variable each value came from (e.g. HTTPS_PROXY), for messages. */
  from?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
}

export type ProxyDecision =
  | { kind: 'direct'; reason: string }
  | {
      kind: 'proxy';
      /** The proxy, credentials included (use redactUrl to show it). */
      proxy: URL;
      /** Which variable named it, e.g. "https_proxy". */
      variable: string;
    };

export class ProxyConfigError extends IstioCanaryError {}

const pick = (env: Readonly<Record<string, string | undefined>>, lower: string): [string, string] | null => {
  for (const name of [lower, lower.toUpperCase()]) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return [name, value.trim()];
  }
  return null;
};

/** The proxy variables from an environment (lower case first, empty = unset). */
export function proxyEnvFrom(env: Readonly<Record<string, string | undefined>>): ProxyEnv {
  const http = pick(env, 'http_proxy');
  const https = pick(env, 'https_proxy');
  const no = pick(env, 'no_proxy');
  return {
    ...(http ? { httpProxy: http[1] } : {}),
    ...(https ? { httpsProxy: https[1] } : {}),
    ...(no ? { noProxy: no[1] } : {}),
    from: {
      ...(http ? { httpProxy: http[0] } : {}),
      ...(https ? { httpsProxy: https[0] } : {}),
      ...(no ? { noProxy: no[0] } : {}),
    },
  };
}

/**
 * The proxy variables of this process: the one place that reads them. In a pod (a runner in the
 * cluster) the Kubernetes API host (KUBERNETES_SERVICE_HOST) is always direct too.
 */
export function processProxyEnv(): ProxyEnv {
  const kube = process.env['KUBERNETES_SERVICE_HOST'];
  return withDirectHosts(proxyEnvFrom(process.env), kube ? [kube] : []);
}

/** Adds hosts (e.g. the Kubernetes API server's) that are always reached directly. */
export function withDirectHosts(env: ProxyEnv, hosts: readonly string[]): ProxyEnv {
  const extra = hosts.map((h) => h.trim()).filter((h) => h !== '' && !/[\s,]/.test(h));
  if (extra.length === 0) return env;
  return { ...env, noProxy: [env.noProxy ?? '', ...extra].filter((s) => s !== '').join(',') };
}

/** A URL with its credentials (userinfo, secret query values) shown as ***, for messages (src/redact.ts showUrl). */
export function redactUrl(url: URL | string): string {
  return showUrl(url).replace(/\/$/, '');
}

/** Parses a proxy variable's value; `variable` names it in errors. */
export function parseProxyUrl(value: string, variable: string): URL {
  const text = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxyConfigError(
      `${variable}: "${redactUrl(text)}" is not a URL; accepted: http://host:port or https://host:port (optionally user:password@)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProxyConfigError(
      `${variable}: ${redactUrl(url)} uses ${url.protocol.slice(0, -1)}, which is not supported; accepted: http://host:port or https://host:port`,
    );
  if (url.hostname === '')
    throw new ProxyConfigError(`${variable}: "${redactUrl(text)}" names no host; accepted: http://host:port`);
  return url;
}

// ---------------------------------------------------------------------------------------------
// no_proxy

type Rule =
  | { kind: 'all' }
  | { kind: 'domain'; name: string; port: number | null }
  | { kind: 'ip'; address: string; family: 'ipv4' | 'ipv6'; port: number | null }
  | { kind: 'cidr'; list: net.BlockList; family: 'ipv4' | 'ipv6' };

const stripDot = (s: string): string => (s.endsWith('.') ? s.slice(0, -1) : s);

function ipFamily(s: string): 'ipv4' | 'ipv6' | null {
  const v = net.isIP(s);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : null;
}

/** One no_proxy entry, or null when it can match nothing (ignored, as curl and the toolkit do). */
function parseRule(entry: string): Rule | null {
  let token = entry.trim().toLowerCase();
  if (token === '') return null;
  if (token === '*') return { kind: 'all' };
  // CIDR: address/bits.
  const cidr = /^\[?([0-9a-f:.]+)\]?\/(\d{1,3})$/.exec(token);
  if (cidr !== null) {
    const family = ipFamily(cidr[1] ?? '');
    const bits = Number(cidr[2]);
    if (family === null || bits > (family === 'ipv4' ? 32 : 128)) return null;
    const list = new net.BlockList();
    list.addSubnet(cidr[1] ?? '', bits, family);
    return { kind: 'cidr', list, family };
  }
  // A bare IPv6 address (several colons, no brackets) carries no port.
  const bareV6 = ipFamily(token) === 'ipv6' ? token : null;
  if (bareV6 !== null) return { kind: 'ip', address: bareV6, family: 'ipv6', port: null };
  let port: number | null = null;
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/.exec(token);
  if (bracketed !== null) {
    const family = ipFamily(bracketed[1] ?? '');
    if (family === null) return null;
    port = bracketed[2] === undefined ? null : Number(bracketed[2]);
    return { kind: 'ip', address: bracketed[1] ?? '', family, port };
  }
  const withPort = /^(.*):(\d+)$/.exec(token);
  if (withPort !== null) {
    token = withPort[1] ?? '';
    port = Number(withPort[2]);
    if (port > 65535) return null;
  }
  if (token.startsWith('*.')) token = token.slice(1);
  token = stripDot(token.replace(/^\.+/, ''));
  if (token === '' || token.includes('*') || /[/\s]/.test(token)) return null;
  const family = ipFamily(token);
  if (family !== null) return { kind: 'ip', address: token, family, port };
  return { kind: 'domain', name: token, port };
}

/** The rules of a no_proxy value (entries separated by commas or whitespace). */
export function parseNoProxy(value: string | undefined): Rule[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map(parseRule)
    .filter((r): r is Rule => r !== null);
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** The host of a URL without brackets or a trailing dot, lower case. */
function hostOf(url: URL): string {
  return stripDot(url.hostname.replace(/^\[|\]$/g, '').toLowerCase());
}

function ruleMatches(rule: Rule, host: string, port: number): boolean {
  switch (rule.kind) {
    case 'all':
      return true;
    case 'cidr': {
      const family = ipFamily(host);
      return family === rule.family && rule.list.check(host, family);
    }
    case 'ip': {
      if (rule.port !== null && rule.port !== port) return false;
      const family = ipFamily(host);
      if (family !== rule.family) return false;
      if (family === 'ipv4') return host === rule.address;
      // Compare IPv6 addresses canonically (::1 and 0:0:0:0:0:0:0:1 are the same).
      const list = new net.BlockList();
      list.addAddress(rule.address, 'ipv6');
      return list.check(host, 'ipv6');
    }
    case 'domain':
      if (rule.port !== null && rule.port !== port) return false;
      if (ipFamily(host) !== null) return false;
      return host === rule.name || host.endsWith(`.${rule.name}`);
  }
}

/** Does no_proxy (or the built-in always-direct set) cover this host and port? */
export function bypassReason(url: URL, noProxy: string | undefined): string | null {
  const host = hostOf(url);
  const port = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
  if (isLoopback(host)) return `${host} is a loopback address`;
  if (host.endsWith('.svc') || host.endsWith('.cluster.local'))
    return `${host} is an in-cluster name (*.svc, *.cluster.local)`;
  for (const entry of (noProxy ?? '').split(/[\s,]+/)) {
    const rule = parseRule(entry);
    if (rule !== null && ruleMatches(rule, host, port)) return `no_proxy entry "${entry.trim()}"`;
  }
  return null;
}

const LOOPBACK = (() => {
  const list = new net.BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  list.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  return list;
})();

export function isLoopback(host: string): boolean {
  const h = stripDot(host.replace(/^\[|\]$/g, '').toLowerCase());
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const family = ipFamily(h);
  return family !== null && LOOPBACK.check(h, family);
}

/** Direct or through which proxy: the one decision for GitHub, Prometheus and the load target. */
export function decideProxy(target: URL | string, env: ProxyEnv): ProxyDecision {
  const url = typeof target === 'string' ? new URL(target) : target;
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') return { kind: 'direct', reason: `${url.protocol} is not HTTP` };
  const value = secure ? env.httpsProxy : env.httpProxy;
  const variable =
    (secure ? env.from?.httpsProxy : env.from?.httpProxy) ?? (secure ? 'https_proxy' : 'http_proxy');
  if (value === undefined || value.trim() === '') return { kind: 'direct', reason: `no ${variable} set` };
  const reason = bypassReason(url, env.noProxy);
  if (reason !== null) return { kind: 'direct', reason };
  return { kind: 'proxy', proxy: parseProxyUrl(value, variable), variable };
}

/** `Proxy-Authorization` for a proxy URL with credentials (Basic, decoded as the toolkit does). */
export function proxyAuthorization(proxy: URL): string | null {
  if (proxy.username === '' && proxy.password === '') return null;
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** "through proxy http://proxy:3128 (https_proxy)" or "directly (reason)", for messages. */
export function describeDecision(decision: ProxyDecision): string {
  return decision.kind === 'proxy'
    ? `through proxy ${redactUrl(decision.proxy)} (${decision.variable})`
    : `directly (${decision.reason})`;
}
