import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUTS } from '../src/contract.js';
import { formatInputError, parseSettings, serviceSettings } from '../src/settings.js';
import { parseDuration, parseGitBranch, parsePercentage, parseSteps } from '../src/input-parsers.js';

const from = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

// Each case: inputs, and the input the error must name. Values an action user really types.
const BAD: [Record<string, string>, string][] = [
  [{ steps: '10,5,200' }, 'steps'],
  [{ steps: 'abc' }, 'steps'],
  [{ steps: '0,50' }, 'steps'],
  [{ steps: '10,10,100' }, 'steps'],
  [{ steps: '101' }, 'steps'],
  [{ steps: '-5,10' }, 'steps'],
  [{ steps: '10;20' }, 'steps'],
  [{ steps: '5.5,100' }, 'steps'],
  [{ steps: '100,50' }, 'steps'],
  [{ interval: 'soon' }, 'interval'],
  [{ interval: '0s' }, 'interval'],
  [{ interval: '25h' }, 'interval'],
  [{ interval: '10x' }, 'interval'],
  [{ interval: '-1s' }, 'interval'],
  [{ interval: '1m30' }, 'interval'],
  [{ cluster: 'docker' }, 'cluster'],
  [{ cluster: 'KIND' }, 'cluster'],
  [{ command: 'deploy' }, 'command'],
  [{ 'istio-profile': 'ambient' }, 'istio-profile'],
  [{ 'kind-version': '0.32.0' }, 'kind-version'],
  [{ 'kind-version': 'latest' }, 'kind-version'],
  [{ 'istio-version': 'v1.30.0' }, 'istio-version'],
  [{ 'istio-version': '1.30' }, 'istio-version'],
  [{ 'minikube-version': 'latest' }, 'minikube-version'],
  [{ 'cluster-name': 'My_Cluster' }, 'cluster-name'],
  [{ 'cluster-name': 'a'.repeat(64) }, 'cluster-name'],
  [{ 'cleanup-cluster': 'sometimes' }, 'cleanup-cluster'],
  [{ 'install-prometheus': 'maybe' }, 'install-prometheus'],
  [{ namespace: 'Test' }, 'namespace'],
  [{ namespace: 'ns_1' }, 'namespace'],
  [{ namespace: '-ns' }, 'namespace'],
  [{ 'canary-image': 'UPPER/Case:tag' }, 'canary-image'],
  [{ 'canary-image': 'image:tag with space' }, 'canary-image'],
  [{ 'virtual-service': 'Pod_Info' }, 'virtual-service'],
  [{ route: 'a b' }, 'route'],
  [{ 'stable-subset': 'GA' }, 'stable-subset'],
  [{ 'canary-subset': 'Canary!' }, 'canary-subset'],
  [{ 'min-requests': '0' }, 'min-requests'],
  [{ 'min-requests': 'ten' }, 'min-requests'],
  [{ 'min-requests': '1.5' }, 'min-requests'],
  [{ 'max-error-rate': '150%' }, 'max-error-rate'],
  [{ 'max-error-rate': 'abc' }, 'max-error-rate'],
  [{ 'max-error-rate': '2' }, 'max-error-rate'],
  [{ 'max-error-rate': '-1%' }, 'max-error-rate'],
  [{ 'max-p99-ms': '0' }, 'max-p99-ms'],
  [{ 'max-p99-ms': 'fast' }, 'max-p99-ms'],
  [{ 'max-latency-regression': 'x' }, 'max-latency-regression'],
  [{ 'max-latency-regression': '50' }, 'max-latency-regression'],
  [{ metrics: 'datadog' }, 'metrics'],
  [{ 'load-url': 'ftp://example.com/' }, 'load-url'],
  [{ 'load-url': 'not a url' }, 'load-url'],
  [{ 'load-host': 'bad host!' }, 'load-host'],
  [{ 'load-rps': '0' }, 'load-rps'],
  [{ 'load-rps': 'many' }, 'load-rps'],
  [{ 'load-rps': '200000' }, 'load-rps'],
  [{ 'load-connections': '0' }, 'load-connections'],
  [{ 'load-connections': '1001' }, 'load-connections'],
  [{ 'prometheus-url': 'localhost:9090' }, 'prometheus-url'],
  [{ finalize: 'merge' }, 'finalize'],
  [{ 'on-failure': 'ignore' }, 'on-failure'],
  [{ 'on-cancel': 'continue' }, 'on-cancel'],
  [{ 'rollout-timeout': 'forever' }, 'rollout-timeout'],
  [{ 'rollout-timeout': '0s' }, 'rollout-timeout'],
  [{ 'dry-run': 'perhaps' }, 'dry-run'],
  [{ preview: 'y' }, 'preview'],
  [{ 'pr-number': '0' }, 'pr-number'],
  [{ 'pr-number': 'abc' }, 'pr-number'],
  [{ comment: 'sometimes' }, 'comment'],
  [{ kubeconfig: 'not yaml at all' }, 'kubeconfig'],
  [{ 'prometheus-auth': 'Bearer a\nX-Injected: 1' }, 'prometheus-auth'],
  // Rules between inputs.
  [{ preview: 'true' }, 'preview'],
  [{ command: 'cleanup' }, 'command'],
  [{ cluster: 'kind', kubeconfig: 'apiVersion: v1\nclusters: []\n' }, 'kubeconfig'],
  [{ 'stable-subset': 'v1', 'canary-subset': 'v1' }, 'canary-subset'],
  [{ preview: 'true', 'pr-number': '7', namespace: 'prod' }, 'namespace'],
  [{ metrics: 'loadgen', 'load-url': '' }, 'load-url'],
  [{ metrics: 'prometheus', 'load-url': 'http://127.0.0.1:1/' }, 'prometheus-url'],
];

describe('settings: bad inputs', () => {
  it.each(BAD)('rejects %j naming %s', (inputs, name) => {
    const result = parseSettings(from({ 'load-url': 'http://127.0.0.1:8080/', ...inputs }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const named = result.errors.filter((e) => e.input === name);
    expect(named.length, JSON.stringify(result.errors)).toBe(1);
    const line = formatInputError(named[0]!);
    expect(line.startsWith(`${name}: `)).toBe(true);
  });

  it('reports every bad input at once, each with the value and what is accepted', () => {
    const result = parseSettings(from({ steps: '10,5,200', interval: 'soon', cluster: 'docker' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.input).sort()).toEqual(['cluster', 'interval', 'steps']);
    const lines = result.errors.map(formatInputError);
    expect(lines.find((l) => l.startsWith('cluster'))).toBe(
      'cluster: "docker" is not one of the accepted values (accepted: `existing`, `kind`, `minikube`, `sim`)',
    );
    expect(lines.find((l) => l.startsWith('steps'))).toContain('not strictly ascending (10 then 5)');
    expect(lines.find((l) => l.startsWith('interval'))).toContain('accepted: a duration');
  });

  it('never echoes a secret input in an error', () => {
    const result = parseSettings(from({ kubeconfig: 'token: hunter2-secret' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(JSON.stringify(result.errors)).not.toContain('hunter2');
  });
});

describe('settings: good inputs', () => {
  it('applies the documented defaults', () => {
    const result = parseSettings(from({ 'prometheus-url': 'http://prom:9090' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.settings;
    expect(s.command).toBe('run');
    expect(s.cluster).toBe('existing');
    expect(s.steps).toEqual([10, 25, 50, 100]);
    expect(s.intervalMs).toBe(60_000);
    expect(s.limits).toEqual({
      minRequests: 50,
      maxErrorRate: 0.01,
      maxP99Ms: null,
      maxLatencyRegression: 0.25,
    });
    expect(s.metrics).toBe('prometheus');
    expect(s.loadRps).toBe(50);
    expect(s.rolloutTimeoutMs).toBe(300_000);
    expect(s.githubToken).toBeNull();
  });

  it('every contract default is accepted by the parser', () => {
    const inputs: Record<string, string> = {};
    for (const spec of INPUTS) if (spec.default !== undefined) inputs[spec.name] = spec.default;
    const result = parseSettings(from({ ...inputs, 'prometheus-url': 'http://prom:9090' }));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('takes metrics loadgen when load-url is set, and the preview namespace from the PR event', () => {
    const result = parseSettings(from({ 'load-url': 'http://127.0.0.1:8080', preview: 'true' }), {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: new URL('./fixtures/pull_request_event.json', import.meta.url).pathname,
    });
    expect(result.ok ? null : result.errors).toBeNull();
    if (!result.ok) return;
    expect(result.settings.metrics).toBe('loadgen');
    expect(result.settings.prNumber).toBe(42);
    expect(result.settings.namespace).toBe('pr-42');
    expect(result.settings.github.eventName).toBe('pull_request');
  });

  it('parses route indexes as numbers and names as strings', () => {
    const r1 = parseSettings(from({ cluster: 'sim', route: '2' }));
    const r2 = parseSettings(from({ cluster: 'sim', route: 'primary' }));
    expect(r1.ok && r1.settings.route).toBe(2);
    expect(r2.ok && r2.settings.route).toBe('primary');
  });
});

describe('settings: parsers (properties)', () => {
  it('a duration written as h/m/s/ms parts parses to their sum', () => {
    fc.assert(
      fc.property(fc.nat(23), fc.nat(59), fc.nat(59), fc.nat(999), (h, m, s, ms) => {
        const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : '', ms ? `${ms}ms` : ''].join('');
        fc.pre(parts !== '');
        expect(parseDuration(parts)).toBe(h * 3_600_000 + m * 60_000 + s * 1000 + ms);
      }),
    );
  });

  it('a bare number of seconds is seconds', () => {
    fc.assert(
      fc.property(fc.nat(86_400), (s) => {
        expect(parseDuration(String(s))).toBe(s * 1000);
      }),
    );
  });

  it('garbage around a duration is rejected', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.constantFrom('x', ' s', 'sec', 'mm', 'd', '%'), (n, junk) => {
        expect(() => parseDuration(`${n}${junk}`)).toThrow();
      }),
    );
  });

  it('a percentage and its fraction parse to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const pct = bp / 100;
        expect(parsePercentage(`${pct}%`)).toBeCloseTo(bp / 10_000, 12);
        if (bp <= 10_000) expect(parsePercentage(String(bp / 10_000))).toBeCloseTo(bp / 10_000, 12);
      }),
    );
  });

  it('strictly ascending weights within 1..100 round-trip; anything else is rejected', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 12 }), (ws) => {
        const sorted = [...ws].sort((a, b) => a - b);
        expect(parseSteps(sorted.join(','))).toEqual(sorted);
        if (ws.length > 1 && ws.join() !== sorted.join())
          expect(() => parseSteps(ws.join(','))).toThrow(/ascending/);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 10_000 }), (w) => {
        expect(() => parseSteps(`10,${w}`)).toThrow(/outside 1-100/);
      }),
    );
  });
});

describe('settings: proxy variables are read once, with the inputs', () => {
  it('takes https_proxy/no_proxy from the environment (lower case first) and keeps the in-cluster API host direct', () => {
    const result = parseSettings(from({ 'load-url': 'http://127.0.0.1:8080/' }), {
      https_proxy: 'http://proxy.corp:3128',
      HTTPS_PROXY: 'http://ignored:1',
      NO_PROXY: '.internal',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.proxy.httpsProxy).toBe('http://proxy.corp:3128');
    expect(result.settings.proxy.noProxy?.split(',')).toEqual(['.internal', '10.96.0.1']);
  });

  it('has no proxy when none is set', () => {
    const result = parseSettings(from({ 'load-url': 'http://127.0.0.1:8080/' }), {});
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings.proxy.httpsProxy).toBeUndefined();
    expect(result.settings.proxy.httpProxy).toBeUndefined();
  });
});

describe('settings: strategy, interval auto, checks, gates and git-base inputs', () => {
  const base = { 'load-url': 'http://127.0.0.1:8080/' };
  const errorsOf = (inputs: Record<string, string>) => {
    const r = parseSettings(from({ ...base, ...inputs }), {});
    return r.ok ? [] : r.errors;
  };

  it('reports each strategy problem under its own input, with what it accepts', () => {
    const errors = errorsOf({ strategy: 'ab', 'mirror-percent': '10' });
    expect(errors.map((e) => e.input).sort()).toEqual(['match', 'mirror-percent']);
    const lines = errors.map(formatInputError);
    expect(lines.find((l) => l.startsWith('match:'))).toMatch(/strategy ab needs the requests/);
    expect(lines.find((l) => l.startsWith('mirror-percent:'))).toMatch(
      /is used by strategy mirror only; strategy is ab/,
    );
    expect(errorsOf({ strategy: 'rainbow' })[0]).toMatchObject({ input: 'strategy', value: 'rainbow' });
    expect(formatInputError(errorsOf({ strategy: 'rainbow' })[0]!)).toContain(
      'accepted: `canary`, `ab`, `mirror`, `blue-green`',
    );
  });

  it('parses a valid A/B strategy, and defaults to canary on the route found', () => {
    const r = parseSettings(
      from({ ...base, strategy: 'ab', match: 'header:x-user=beta', iterations: '3' }),
      {},
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.settings.strategy).toMatchObject({ strategy: 'ab', iterations: 3, routeKind: 'auto' });
    expect(r.settings.strategy.match).toHaveLength(1);
    const d = parseSettings(from(base), {});
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    expect(d.settings.strategy).toMatchObject({
      strategy: 'canary',
      iterations: 1,
      match: [],
      preview: null,
    });
  });

  it('interval: auto uses max-interval; max-interval without auto is refused', () => {
    const r = parseSettings(from({ ...base, interval: 'auto', 'max-interval': '3m' }), {});
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.settings).toMatchObject({ intervalAuto: true, maxIntervalMs: 180_000, intervalMs: 180_000 });
    expect(errorsOf({ 'max-interval': '3m' })).toEqual([
      expect.objectContaining({ input: 'max-interval', message: 'is only used with interval: auto' }),
    ]);
    expect(errorsOf({ 'false-rollback-rate': '20%' })[0]).toMatchObject({ input: 'false-rollback-rate' });
  });

  it('checks need a Prometheus: named, unless a created cluster installs one', () => {
    const checks = '- name: success\n  query: sum(up{namespace="{{ namespace }}"})\n  min: 1\n';
    const errors = errorsOf({ checks });
    expect(errors.map((e) => e.input)).toEqual(['checks']);
    expect(errors[0]?.message).toMatch(/need a Prometheus/);
    expect(errorsOf({ checks, cluster: 'kind' })).toEqual([]);
    expect(errorsOf({ checks, 'prometheus-url': 'http://127.0.0.1:9090' })).toEqual([]);
  });

  it('finalize: git-pr needs a github-token, a repository and manifests, each named', () => {
    const inputs = from({ ...base, finalize: 'git-pr' });
    const r = parseSettings(inputs, {});
    expect(r.ok ? [] : r.errors.map((e) => e.input).sort()).toEqual([
      'finalize',
      'github-token',
      'manifests',
    ]);
    const ok = parseSettings(
      from({ ...base, finalize: 'git-pr', 'github-token': 'ghs_abc', manifests: 'k8s/*.yaml' }),
      { GITHUB_REPOSITORY: 'acme/shop' },
    );
    expect(ok.ok ? [] : ok.errors).toEqual([]);
  });

  it('git-base takes branch names git accepts and names what is wrong with others', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/), { minLength: 1, maxLength: 4 }),
        (parts) => {
          const name = parts.join('/');
          expect(parseGitBranch(name)).toBe(name);
          expect(parseGitBranch(`refs/heads/${name}`)).toBe(name);
        },
      ),
    );
    for (const bad of ['a..b', 'a b', '-x', 'x/', 'x.lock', '.hidden', 'a:b', 'a\u0000b', 'x'.repeat(256)])
      expect(() => parseGitBranch(bad), bad).toThrow(/is not a branch name/);
    expect(errorsOf({ 'git-base': 'main..x' })[0]).toMatchObject({ input: 'git-base' });
  });
});

describe('services (lockstep)', () => {
  const services =
    '- {virtual-service: web, manifests: k8s/web.yaml, load-url: "http://gw.example/", load-host: web.example.com}\n- {name: api, http-route: api-route, namespace: backend, canary-image: "ghcr.io/o/api:2", load-url: "http://api.example/"}\n';
  it('each service gets the run settings with its own route, versions, manifests and load', () => {
    const r = parseSettings(
      from({ services, manifests: 'k8s/shared.yaml', 'canary-image': 'ghcr.io/o/web:2', steps: '5,50,100' }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [web, api] = serviceSettings(r.settings);
    expect(web!.name).toBe('web');
    expect(web!.settings).toMatchObject({
      virtualService: 'web',
      namespace: 'default',
      manifests: ['k8s/shared.yaml', 'k8s/web.yaml'],
      loadUrl: 'http://gw.example/',
      loadHost: 'web.example.com',
      canaryImage: 'ghcr.io/o/web:2',
      steps: [5, 50, 100],
      strategy: { services: [], routeKind: 'virtual-service', httpRoute: null },
    });
    // Every service names its load-url: the run measures with the load generator.
    expect(r.settings.metrics).toBe('loadgen');
    expect(api!.settings).toMatchObject({
      virtualService: null,
      namespace: 'backend',
      manifests: ['k8s/shared.yaml'],
      canaryImage: 'ghcr.io/o/api:2',
      strategy: { services: [], routeKind: 'http-route', httpRoute: 'api-route' },
    });
    expect(serviceSettings({ ...r.settings, strategy: { ...r.settings.strategy, services: [] } })).toEqual(
      [],
    );
  });

  it('accepts services with cleanup; refuses them beside virtual-service, and a service namespace with preview', () => {
    const errors = (inputs: Record<string, string>) => {
      const r = parseSettings(from(inputs), { GITHUB_EVENT_NAME: 'pull_request' });
      return r.ok ? [] : r.errors.map(formatInputError);
    };
    // cleanup deletes the preview namespace whatever the services: the same inputs are accepted.
    expect(
      errors({
        services: services.replace(/namespace: backend, /, ''),
        command: 'cleanup',
        preview: 'true',
        'pr-number': '3',
      }),
    ).toEqual([]);
    expect(errors({ services, 'virtual-service': 'web' }).join('\n')).toMatch(
      /virtual-service: "web" cannot be set with services/,
    );
    expect(errors({ services, preview: 'true', 'pr-number': '3' }).join('\n')).toMatch(
      /services: "api" sets namespace backend, but preview: true puts every service in pr-<number>/,
    );
    expect(errors({ services: '- {virtual-service: a}\n- {virtual-service: a}\n' }).join('\n')).toMatch(
      /services: .* has entries 1 and 2 on the same virtual-service a/,
    );
  });
});
