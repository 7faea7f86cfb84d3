// The post step as the action runs it: a main step that was killed mid-promotion leaves the
// canary at its weight; post (runPost) reads the same inputs and state and rolls it back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, PROMOTION_HOLDER, PROMOTION_STATE, type Io } from '../src/main.js';
import { STATE_ANNOTATION } from '../src/plan.js';
import { runPost } from '../src/post.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';

let mesh: Mesh;
beforeAll(async () => {
  mesh = await startMesh({ readinessDelayMs: 20 });
});
afterAll(async () => {
  await mesh.close();
});

const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '7001' };

function io(state: Map<string, string>, log: string[]): Io {
  return {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: () => undefined,
    setSecret: () => undefined,
    state: { save: (k, v) => void state.set(k, v), get: (k) => state.get(k) ?? '' },
  };
}

type Vs = {
  metadata: { annotations: Record<string, string>; resourceVersion: string };
  spec: { http: { route: { weight: number; destination: { subset: string } }[] }[] };
};
const weights = (vs: Vs) =>
  Object.fromEntries(vs.spec.http[0]!.route.map((r) => [r.destination.subset, r.weight]));

describe('post step', () => {
  it('rolls back a promotion its main step left in progress, and only then', async () => {
    const inputs: Record<string, string> = {
      cluster: 'existing',
      kubeconfig: mesh.kubeconfig,
      command: 'step',
      namespace: 'test',
      manifests: 'examples/podinfo/*.yaml',
      steps: '10,60,100',
      metrics: 'loadgen',
      'load-url': mesh.ingressUrl,
      'load-host': 'podinfo.co.uk',
      interval: '1s',
      'load-rps': '200',
      'min-requests': '5',
      // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
      // below what one run could notice.
      'false-rollback-rate': '0.01%',
      comment: 'never',
    };
    const state = new Map<string, string>();
    const log: string[] = [];
    const { parseSettings } = await import('../src/settings.js');
    const parsed = parseSettings((n) => inputs[n] ?? '', env);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const first = await execute(parsed.settings, io(state, log), new AbortController().signal);
    expect(first.exitCode).toBe(0);
    expect(state.get(PROMOTION_STATE)).toBe('finished');

    // A finished main step: post leaves the promotion alone.
    await runPost({ io: io(state, log), input: (n) => inputs[n] ?? '', env });
    let vs = mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo') as Vs;
    expect(weights(vs)).toEqual({ canary: 10, ga: 90 });

    // The same run killed mid-step: the state says in-progress and main never said finished.
    const recorded = JSON.parse(vs.metadata.annotations[STATE_ANNOTATION]!) as Record<string, unknown>;
    const res = await fetch(
      `${mesh.apiUrl}/apis/networking.istio.io/v1/namespaces/test/virtualservices/podinfo`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({
          metadata: {
            annotations: {
              [STATE_ANNOTATION]: JSON.stringify({ ...recorded, phase: 'in-progress', reason: null }),
            },
          },
        }),
      },
    );
    expect(res.status).toBe(200);
    state.set(PROMOTION_STATE, 'started');
    // main saved its own holder id; the promotion's state was written by it.
    expect(state.get(PROMOTION_HOLDER)).toMatch(/^acme\/shop\/7001\/1\/-\/[0-9a-f]{8}$/);
    expect(recorded.runId).toBe(state.get(PROMOTION_HOLDER));
    // The post step of another job of the same run (same run id, its own holder) leaves it alone.
    const otherJob = new Map(state);
    otherJob.set(PROMOTION_HOLDER, 'acme/shop/7001/1/other-job/00000000');
    await runPost({ io: io(otherJob, log), input: (n) => inputs[n] ?? '', env });
    vs = mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo') as Vs;
    expect(weights(vs)).toEqual({ canary: 10, ga: 90 });
    expect(JSON.parse(vs.metadata.annotations[STATE_ANNOTATION]!)).toMatchObject({ phase: 'in-progress' });
    await runPost({ io: io(state, log), input: (n) => inputs[n] ?? '', env });
    vs = mesh.api.object('networking.istio.io', 'virtualservices', 'test', 'podinfo') as Vs;
    expect(weights(vs), log.slice(-5).join('\n')).toEqual({ canary: 0, ga: 100 });
    expect(JSON.parse(vs.metadata.annotations[STATE_ANNOTATION]!)).toMatchObject({ phase: 'rolled-back' });
    expect(log.join('\n')).toMatch(/post: the interrupted promotion was rolled back/);
  });
});
