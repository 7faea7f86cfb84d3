// The typical gate, end to end through execute() (the engine of the action and the CLI) on the
// embedded mesh with real load: acceptance tests with curl against the canary through a header
// route (`x-canary: true` goes to the canary whatever the weights) before it gets real
// traffic. A canary that answers 500 fails them: rolled back before any weight was written,
// curl's output in the reason. A healthy canary passes them and is promoted.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport } from '../src/model.js';
import type { ClusterConnection } from '../src/ports.js';
import { parseSettings } from '../src/settings.js';
import { startMesh } from '../src/sim/mesh.js';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'podinfo');
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gates-acceptance-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The podinfo example with a header route to the canary first, and these canary annotations. */
function podinfo(name: string, canaryAnnotations: Record<string, string>): string {
  const d = path.join(dir, name);
  mkdirSync(d);
  for (const f of FILES) {
    let text = readFileSync(path.join(EXAMPLE, f), 'utf8');
    if (f === 'deployments.yaml' && Object.keys(canaryAnnotations).length > 0) {
      const anchor = '        version: canary\n    spec:';
      expect(text).toContain(anchor);
      const lines = Object.entries(canaryAnnotations).map(([k, v]) => `        ${k}: "${v}"`);
      text = text.replace(
        anchor,
        `        version: canary\n      annotations:\n${lines.join('\n')}\n    spec:`,
      );
    }
    if (f === 'istio.yaml') {
      const anchor = '  http:\n    - route:';
      expect(text).toContain(anchor);
      text = text.replace(
        anchor,
        `  http:
    - name: canary-by-header
      match:
        - headers:
            x-canary:
              exact: "true"
      route:
        - destination:
            host: podinfo.test.svc.cluster.local
            subset: canary
    - name: primary
      route:`,
      );
    }
    writeFileSync(path.join(d, f), text);
  }
  return path.join(d, '*.yaml');
}

/** curl through the header route: three requests, each must answer 2xx (-f), each status printed. */
const ACCEPTANCE = [
  'bash',
  '-c',
  'for i in 1 2 3; do curl -sS -f -o /dev/null -w "GET / via x-canary: %{http_code}\\n" -H "x-canary: true" -H "Host: $ISTIO_CANARY_LOAD_HOST" "$ISTIO_CANARY_LOAD_URL/" || exit 1; done',
];

async function promote(
  manifests: string,
): Promise<{ exitCode: number; report?: PromotionReport; log: string[] }> {
  const mesh = await startMesh({ readinessDelayMs: 20 });
  cleanups.push(() => mesh.close());
  const inputs: Record<string, string> = {
    cluster: 'existing',
    namespace: 'test',
    manifests,
    route: 'primary',
    interval: '1s',
    'load-url': mesh.ingressUrl,
    'load-host': 'podinfo.co.uk',
    'load-rps': '50',
    'min-requests': '5',
    // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
    // below what one run could notice.
    'false-rollback-rate': '0.01%',
    metrics: 'loadgen',
    comment: 'never',
    'rollout-timeout': '20s',
    steps: '50,100',
    finalize: 'keep',
    gates: dump([{ name: 'acceptance', when: 'pre-rollout', run: ACCEPTANCE, timeout: '1m' }]),
  };
  const parsed = parseSettings((n) => inputs[n] ?? '', {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const log: string[] = [];
  const reports: PromotionReport[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: () => undefined,
    setSecret: () => undefined,
    state: { save: () => undefined, get: () => '' },
  };
  const connect = (): Promise<ClusterConnection> =>
    Promise.resolve({
      kubeconfig: mesh.kubeconfig,
      context: 'istio-canary-sim',
      prometheusUrl: null,
      loadUrl: mesh.ingressUrl,
      created: false,
      close: () => Promise.resolve(),
    });
  const r = await execute(parsed.settings, io, new AbortController().signal, {
    connect,
    reporter: () => ({
      progress: () => Promise.resolve(),
      final: (rep) => {
        reports.push(rep);
        return Promise.resolve({ commentUrl: null, reportJsonPath: null });
      },
    }),
  });
  return { exitCode: r.exitCode, report: reports.at(-1), log };
}

describe('acceptance tests through a header route before the canary gets traffic', () => {
  it('a canary answering 500 fails them: rolled back before any weight, curl named in the reason', async () => {
    const r = await promote(podinfo('broken', { 'sim.istio-canary.dev/error-rate': '100%' }));
    expect(r.exitCode).toBe(1);
    expect(r.report?.status).toBe('rolled-back');
    expect(r.report?.weightsApplied.every((w) => w.canary === 0)).toBe(true);
    // stdout and stderr are two pipes: their lines interleave in either order.
    expect(r.report?.reason).toMatch(
      /^step 1\/2 at 50% failed: gate acceptance \(pre-rollout\) failed: exit code 1 after \S+; last output: /,
    );
    expect(r.report?.reason).toContain('curl: (22) The requested URL returned error: 500');
    expect(r.report?.reason).toContain('GET / via x-canary: 500');
    expect(r.log).toContain('  > GET / via x-canary: 500');
  });

  it('a healthy canary passes them and is promoted', async () => {
    const r = await promote(podinfo('healthy', {}));
    expect(r.report?.status, r.log.join('\n')).toBe('promoted');
    expect(r.exitCode).toBe(0);
    expect(r.log.filter((l) => l === '  > GET / via x-canary: 200')).toHaveLength(3);
  });
});
