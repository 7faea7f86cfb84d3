// The proxy decision (src/http/proxy.ts), property-tested: every host the toolkit's own
// no_proxy check (@actions/http-client) sends direct, ours does too; the curl rules it adds
// (apex for ".domain", "*.domain", CIDR, whitespace separators) against reference models; the
// always-direct set; variable precedence; and no credential in any error.
import { checkBypass } from '@actions/http-client/lib/proxy';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ProxyConfigError,
  bypassReason,
  decideProxy,
  parseProxyUrl,
  processProxyEnv,
  proxyEnvFrom,
  redactUrl,
  withDirectHosts,
} from '../src/http/proxy.js';

const label = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'test', 'io', 'example'))
  .map(([labels, tld]) => [...labels, tld].join('.'))
  .filter((h) => !h.split('.').includes('localhost') && !h.endsWith('.svc'));
const protocol = fc.constantFrom('http:', 'https:');
const port = fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 65535 }).map(String));
const ipv4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.nat(255))
  .filter(([a]) => a !== 127)
  .map((parts) => parts.join('.'));

function urlOf(proto: string, h: string, p: string): URL {
  return new URL(`${proto}//${h}${p === '' ? '' : `:${p}`}/`);
}

/** Entries built from the host itself (so that matches happen), plus unrelated ones. */
function entriesFor(h: string, proto: string, p: string) {
  const labels = h.split('.');
  const suffixes = labels.map((_, i) => labels.slice(i).join('.'));
  const effectivePort = p === '' ? (proto === 'https:' ? 443 : 80) : Number(p);
  const entry = fc.oneof(
    fc.constantFrom(...suffixes),
    fc.constantFrom(...suffixes).map((s) => `.${s}`),
    fc.constantFrom(...suffixes).map((s) => `${s}:${effectivePort}`),
    fc.tuple(fc.constantFrom(...suffixes), fc.integer({ min: 1, max: 65535 })).map(([s, n]) => `${s}:${n}`),
    host,
    fc.constantFrom(...suffixes).map((s) => `x${s}`),
  );
  return fc.array(
    fc.tuple(entry, fc.boolean()).map(([e, upper]) => (upper ? e.toUpperCase() : e)),
    { maxLength: 4 },
  );
}

const saved = { no_proxy: process.env['no_proxy'], NO_PROXY: process.env['NO_PROXY'] };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** @actions/http-client's answer for this no_proxy (it reads process.env). */
function toolkitBypasses(url: URL, noProxy: string): boolean {
  delete process.env['NO_PROXY'];
  process.env['no_proxy'] = noProxy;
  return checkBypass(url);
}

describe('no_proxy', () => {
  it('sends direct every host that @actions/http-client sends direct (ours is a superset)', () => {
    let bypassed = 0;
    fc.assert(
      fc.property(
        fc
          .tuple(protocol, host, port)
          .chain(([proto, h, p]) => fc.tuple(fc.constant(urlOf(proto, h, p)), entriesFor(h, proto, p))),
        ([url, entries]) => {
          const list = entries.join(',');
          if (!toolkitBypasses(url, list)) return;
          bypassed += 1;
          expect(bypassReason(url, list)).not.toBeNull();
        },
      ),
      { numRuns: 500 },
    );
    // The generator reaches the interesting half: lists the toolkit does bypass.
    expect(bypassed).toBeGreaterThan(100);
  });

  it('a domain entry, with or without a leading "." or "*.", covers the domain and its subdomains and nothing else', () => {
    fc.assert(
      fc.property(
        host,
        fc.array(label, { maxLength: 2 }),
        label,
        fc.constantFrom('', '.', '*.'),
        (domain, sub, junk, prefix) => {
          const inside = [...sub, domain].join('.');
          expect(bypassReason(new URL(`https://${inside}/`), `${prefix}${domain}`)).not.toBeNull();
          // Same ending, not at a label boundary: never.
          expect(bypassReason(new URL(`https://${junk}${domain}/`), `${prefix}${domain}`)).toBeNull();
          // The parent of the domain is not covered.
          const parent = domain.split('.').slice(1).join('.');
          if (parent !== '')
            expect(bypassReason(new URL(`https://${parent}/`), `${prefix}${domain}`)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('host:port covers that port only (the default port of the scheme when the URL has none)', () => {
    fc.assert(
      fc.property(host, protocol, port, fc.integer({ min: 1, max: 65535 }), (h, proto, p, entryPort) => {
        const url = urlOf(proto, h, p);
        const effective = p === '' ? (proto === 'https:' ? 443 : 80) : Number(p);
        expect(bypassReason(url, `${h}:${entryPort}`) !== null).toBe(effective === entryPort);
      }),
      { numRuns: 300 },
    );
  });

  it('CIDR entries match exactly the addresses in the range (reference: bit arithmetic)', () => {
    const toInt = (ip: string) => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
    fc.assert(
      fc.property(ipv4, ipv4, fc.integer({ min: 0, max: 32 }), (address, network, bits) => {
        const mask = bits === 0 ? 0 : Math.pow(2, 32) - Math.pow(2, 32 - bits);
        const inRange = (toInt(address) & mask) >>> 0 === (toInt(network) & mask) >>> 0;
        expect(bypassReason(new URL(`http://${address}:9090/`), `${network}/${bits}`) !== null).toBe(inRange);
      }),
      { numRuns: 500 },
    );
  });

  it('an IP entry matches that address only, never as a suffix of another', () => {
    fc.assert(
      fc.property(ipv4, ipv4, (a, b) => {
        expect(bypassReason(new URL(`http://${a}/`), b) !== null).toBe(a === b);
      }),
      { numRuns: 300 },
    );
    expect(bypassReason(new URL('http://11.2.3.4/'), '1.2.3.4')).toBeNull();
    expect(bypassReason(new URL('http://[fd00::1]:8080/'), '[fd00:0:0:0:0:0:0:1]')).not.toBeNull();
    expect(bypassReason(new URL('http://[fd00::1]:8080/'), '[fd00::1]:9090')).toBeNull();
    expect(bypassReason(new URL('http://[fd00::1]:8080/'), 'fd00::/16')).not.toBeNull();
  });

  it('order, case, commas or whitespace between entries and a trailing dot do not change the answer', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(protocol, host, port)
          .chain(([proto, h, p]) =>
            fc.tuple(
              fc.constant(urlOf(proto, h, p)),
              entriesFor(h, proto, p),
              fc.array(fc.constantFrom(',', ' ', ', ', '\t', ' ,\n'), { minLength: 5, maxLength: 5 }),
            ),
          ),
        ([url, entries, seps]) => {
          const plain = bypassReason(url, entries.join(',')) !== null;
          const reversed = [...entries].reverse();
          const mixed = reversed.map((e, i) => `${e}${seps[i % seps.length] ?? ','}`).join('');
          expect(bypassReason(url, mixed) !== null).toBe(plain);
          expect(bypassReason(url, entries.join(',').toUpperCase()) !== null).toBe(plain);
          const dotted = new URL(url.href.replace(url.hostname, `${url.hostname}.`));
          expect(bypassReason(dotted, entries.join(',')) !== null).toBe(plain);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('"*" covers every host; empty and malformed entries cover none', () => {
    fc.assert(
      fc.property(protocol, fc.oneof(host, ipv4), port, (proto, h, p) => {
        expect(bypassReason(urlOf(proto, h, p), ' * ')).not.toBeNull();
        expect(bypassReason(urlOf(proto, h, p), ', ,, *foo, a*b, 10.0.0.0/99, :80')).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});

describe('decideProxy', () => {
  const env = { httpProxy: 'http://proxy.corp:3128', httpsProxy: 'proxy.corp:3129' };

  it('always goes direct to loopback and in-cluster names, whatever the variables say', () => {
    for (const target of [
      'http://localhost:9090',
      'https://api.localhost/',
      'http://127.0.0.1:8080',
      'http://127.9.9.9/',
      'http://[::1]:9090',
      'http://[::ffff:127.0.0.1]/',
      'http://prometheus.istio-system.svc:9090',
      'https://kubernetes.default.svc/',
      'http://prometheus.istio-system.svc.cluster.local:9090',
    ])
      expect(decideProxy(target, env).kind, target).toBe('direct');
  });

  it('picks https_proxy for https and http_proxy for http (no fallback between them), scheme-less values are http://', () => {
    const https = decideProxy('https://api.github.com/', env);
    expect(https).toMatchObject({ kind: 'proxy', variable: 'https_proxy' });
    expect(https.kind === 'proxy' && https.proxy.href).toBe('http://proxy.corp:3129/');
    const http = decideProxy('http://prometheus.example:9090/', env);
    expect(http.kind === 'proxy' && http.proxy.href).toBe('http://proxy.corp:3128/');
    expect(decideProxy('https://api.github.com/', { httpProxy: env.httpProxy }).kind).toBe('direct');
    expect(decideProxy('http://x.example/', { httpsProxy: env.httpsProxy }).kind).toBe('direct');
  });

  it('reads lower case before upper case, an empty value as unset, and names the variable used', () => {
    const e = proxyEnvFrom({
      https_proxy: '',
      HTTPS_PROXY: 'http://upper:1',
      http_proxy: 'http://lower:2',
      HTTP_PROXY: 'http://upper:2',
      NO_PROXY: 'internal.example',
    });
    expect(e).toMatchObject({
      httpsProxy: 'http://upper:1',
      httpProxy: 'http://lower:2',
      noProxy: 'internal.example',
    });
    expect(decideProxy('https://api.github.com/', e)).toMatchObject({
      kind: 'proxy',
      variable: 'HTTPS_PROXY',
    });
    expect(decideProxy('https://a.internal.example/', e).kind).toBe('direct');
    expect(proxyEnvFrom({ no_proxy: 'a', NO_PROXY: 'b' }).noProxy).toBe('a');
  });

  it('adds the Kubernetes API host to the always-direct set', () => {
    const e = withDirectHosts({ httpsProxy: 'http://p:1', noProxy: 'x.example' }, ['k8s.corp.example', ' ']);
    expect(decideProxy('https://k8s.corp.example:6443/', e).kind).toBe('direct');
    expect(decideProxy('https://y.x.example/', e).kind).toBe('direct');
    expect(decideProxy('https://api.github.com/', e).kind).toBe('proxy');
  });

  it("in a pod, this process's variables send the Kubernetes API host (KUBERNETES_SERVICE_HOST) direct", () => {
    const keys = ['KUBERNETES_SERVICE_HOST', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'] as const;
    const old = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    try {
      for (const k of keys) delete process.env[k];
      process.env['HTTPS_PROXY'] = 'http://proxy.corp:3128';
      process.env['no_proxy'] = 'internal.example';
      process.env['KUBERNETES_SERVICE_HOST'] = '10.96.0.1';
      const e = processProxyEnv();
      expect(decideProxy('https://10.96.0.1:443/', e).kind).toBe('direct');
      expect(decideProxy('https://a.internal.example/', e).kind).toBe('direct');
      expect(decideProxy('https://10.96.0.2:443/', e)).toMatchObject({
        kind: 'proxy',
        variable: 'HTTPS_PROXY',
      });
    } finally {
      for (const k of keys) {
        if (old[k] === undefined) delete process.env[k];
        else process.env[k] = old[k];
      }
    }
  });

  it('rejects an unsupported or broken proxy with the variable named and never the credentials', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{6,20}$/),
        fc.constantFrom('socks5', 'ftp', 'socks4a'),
        (secret, scheme) => {
          const value = `${scheme}://robot:Q${secret}@proxy.corp:1080`;
          let error: unknown;
          try {
            decideProxy('https://api.github.com/', {
              httpsProxy: value,
              from: { httpsProxy: 'HTTPS_PROXY' },
            });
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(ProxyConfigError);
          const message = (error as Error).message;
          expect(message).toMatch(/^HTTPS_PROXY: /);
          expect(message).toContain(`uses ${scheme}, which is not supported`);
          expect(message).toContain('accepted: http://host:port');
          expect(message).not.toContain(`Q${secret}`);
        },
      ),
      { numRuns: 100 },
    );
    expect(() => parseProxyUrl('http://user:pw@[broken', 'http_proxy')).toThrow(/^http_proxy: .*not a URL/);
    expect(() => parseProxyUrl('http://user:topsecret@[broken', 'http_proxy')).not.toThrow(/topsecret/);
    expect(redactUrl('http://robot:s3cret@proxy:3128')).toBe('http://***@proxy:3128');
  });
});
