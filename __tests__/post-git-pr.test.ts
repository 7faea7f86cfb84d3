// The post step with finalize: git-pr. The main step (execute, as the action runs it) promotes
// the podinfo example on the embedded mesh and is cancelled right after the route went back to
// the promoted stable (`finalizing` at weight 0): its scale-down of the canary is refused, so
// only the scale-down is left and main ends with the cancel's error (the state stays `started`).
// The post step (runPost, reading the same inputs and saved state) completes the
// finalize and opens the same pull request a run opens, on the local GitHub API
// (support/github-server.ts with its Git store): only the image line and the canary's replicas
// change, the report links it. A second post run makes no write to GitHub or the cluster; a
// token without write permissions is explained (cluster still promoted); manifests a later step
// moved away are named, with nothing sent to GitHub; a target saved without the manifest files
// (older main) falls back on the manifests input; the saved target parses whatever it holds.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute, PROMOTION_STATE, type Io } from '../src/main.js';
import type { PromotionReport } from '../src/model.js';
import { parsePostTarget, PROMOTION_TARGET } from '../src/post-target.js';
import { runPost } from '../src/post.js';
import { parseSettings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { GithubServer } from './support/github-server.js';
import { isWrite, storedVs } from './support/promote-cluster.js';

const ROOT = path.join(import.meta.dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'podinfo');
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];
const REPO = 'acme/podinfo';
const MANIFEST = 'deploy/deployments.yaml';
const OLD = 'ghcr.io/stefanprodan/podinfo:6.7.0';
const NEW = 'ghcr.io/stefanprodan/podinfo:6.7.2';
const BRANCH = 'istio-canary/promote-podinfo-ga';
const TOKENS = {
  actions: 'ghs_postGitPrActions00000000000000000000',
  readOnly: 'ghs_postGitPrReadOnly0000000000000000000',
};

let server: GithubServer;
let dir: string;
let summaryFile: string;
const summaryBefore = process.env.GITHUB_STEP_SUMMARY;
beforeAll(async () => {
  server = await new GithubServer({
    tokens: [
      { token: TOKENS.actions, login: 'github-actions[bot]', kind: 'app' },
      { token: TOKENS.readOnly, login: 'github-actions[bot]', kind: 'app', readOnly: true },
    ],
  }).start();
  dir = mkdtempSync(path.join(tmpdir(), 'post-git-pr-'));
  // The post step's job summary (@actions/core writes it where this names).
  summaryFile = path.join(dir, 'step-summary.md');
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
});
afterAll(async () => {
  if (summaryBefore === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = summaryBefore;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// A fresh mesh, checkout and repository for each test.
let mesh: Mesh;
let checkout: string;
let tests = 0;
beforeEach(async () => {
  mesh = await startMesh({ readinessDelayMs: 20, seed: 37 });
  checkout = path.join(dir, `checkout-${++tests}`);
  mkdirSync(path.join(checkout, '.git'), { recursive: true });
  mkdirSync(path.join(checkout, 'deploy'));
  const files: Record<string, string> = {};
  for (const f of FILES) {
    const text = readFileSync(path.join(EXAMPLE, f), 'utf8');
    writeFileSync(path.join(checkout, 'deploy', f), text);
    files[`deploy/${f}`] = text;
  }
  server.git.seed(REPO, 'main', files);
  server.pulls.splice(0);
});
afterEach(async () => {
  await mesh.close();
});

function inputsFor(token: string): Record<string, string> {
  return {
    cluster: 'existing',
    kubeconfig: mesh.kubeconfig,
    command: 'run',
    namespace: 'test',
    manifests: path.join(checkout, 'deploy', '*.yaml'),
    'canary-image': NEW,
    steps: '100',
    finalize: 'git-pr',
    'github-token': token,
    metrics: 'loadgen',
    'load-url': mesh.ingressUrl,
    'load-host': 'podinfo.co.uk',
    interval: '1s',
    'load-rps': '200',
    'min-requests': '5',
    // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
    // below what one run could notice.
    'false-rollback-rate': '0.01%',
    'rollout-timeout': '20s',
    comment: 'never',
  };
}

const env = () => ({
  GITHUB_REPOSITORY: REPO,
  GITHUB_API_URL: server.apiUrl,
  GITHUB_SERVER_URL: server.serverUrl,
  GITHUB_RUN_ID: '7003',
  RUNNER_TEMP: path.join(dir, 'runner-temp'),
});

interface Step {
  log: string[];
  outputs: Map<string, string>;
}

function io(state: Map<string, string>, step: Step): Io {
  return {
    logger: {
      info: (m) => void step.log.push(m),
      warning: (m) => void step.log.push(`warning: ${m}`),
      error: (m) => void step.log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void step.log.push(t),
    setOutput: (name, value) => void step.outputs.set(name, value),
    setSecret: () => undefined,
    state: { save: (k, v) => void state.set(k, v), get: (k) => state.get(k) ?? '' },
  };
}

const newStep = (): Step => ({ log: [], outputs: new Map() });

function deployment(name: string) {
  const d = mesh.api.object('apps', 'deployments', 'test', name) as {
    spec: { replicas?: number; template: { spec: { containers: { image: string }[] } } };
  };
  return { replicas: d.spec.replicas, image: d.spec.template.spec.containers[0]!.image };
}

/**
 * The main step, cancelled once the route is back on the promoted stable (`finalizing` at 0%)
 * with the canary's scale-down refused (403 on patching Deployments until the post step): the
 * cancel's scale-down fails too, so the finalize is left for the post step.
 */
async function cancelledAtFinalizing(token: string): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  const parsed = parseSettings((n) => inputsFor(token)[n] ?? '', env());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const controller = new AbortController();
  const stop = mesh.api.onChange((e) => {
    if (!e.key.endsWith('/virtualservices')) return;
    const raw = (e.object as { metadata?: { annotations?: Record<string, string> } } | undefined)?.metadata
      ?.annotations?.['istio-canary.dev/state'];
    const s = raw ? (JSON.parse(raw) as { phase?: string; weight?: number }) : null;
    if (s?.phase === 'finalizing' && s.weight === 0) {
      stop();
      mesh.api.faults.forbid('patch', 'apps', 'deployments');
      controller.abort(new Error('the workflow run was cancelled'));
    }
  });
  const main = newStep();
  await expect(execute(parsed.settings, io(state, main), controller.signal)).rejects.toThrow(
    /^cancelled \(the workflow run was cancelled\)/,
  );
  stop();
  mesh.api.faults.allow('patch', 'apps', 'deployments');
  // Left for the post step: stable runs the promoted image and has all traffic, the canary runs.
  const vs = storedVs(mesh.api, 'test', 'podinfo');
  expect(vs.state, main.log.join('\n')).toMatchObject({ phase: 'finalizing', weight: 0 });
  expect(vs.weights).toEqual({ ga: 100, canary: 0 });
  expect(deployment('podinfo-ga').image).toBe(NEW);
  expect(deployment('podinfo-canary').replicas).toBe(1);
  expect(server.pulls).toEqual([]);
  // main stopped with the cancel's error: it never said `finished`.
  expect(state.get(PROMOTION_STATE)).toBe('started');
  return state;
}

async function post(state: Map<string, string>, token: string) {
  const step = newStep();
  const from = { github: server.requests.length, kube: mesh.api.requests.length };
  writeFileSync(summaryFile, '');
  await runPost({ io: io(state, step), input: (n) => inputsFor(token)[n] ?? '', env: env() });
  const summary = readFileSync(summaryFile, 'utf8');
  const jsonPath = step.outputs.get('report-json');
  const report = jsonPath ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as PromotionReport) : null;
  const github = server.requests.slice(from.github).map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`);
  const kubeWrites = mesh.api.requests
    .slice(from.kube)
    .filter(isWrite)
    .map((e) => `${e.verb} ${e.resource}/${e.name}`);
  return { ...step, report, github, kubeWrites, summary, text: step.log.join('\n') };
}

const writesOf = (github: string[]) => github.filter((r) => !r.startsWith('GET '));

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('the post step completes a finalize: git-pr', () => {
  it('scales the canary down, opens the PR with only the image and replicas lines changed; a second post run writes nothing', async () => {
    const state = await cancelledAtFinalizing(TOKENS.actions);
    // main saved the files it read, for the post step.
    expect(parsePostTarget(state.get(PROMOTION_TARGET) ?? '')?.manifestFiles).toEqual([
      path.join(checkout, MANIFEST),
    ]);

    const first = await post(state, TOKENS.actions);
    expect(storedVs(mesh.api, 'test', 'podinfo').state?.phase, first.text).toBe('promoted');
    expect(deployment('podinfo-canary').replicas).toBe(0);
    expect(first.text).toContain('post: the interrupted promotion was completed (promoted at 0%)');

    expect(server.pulls).toHaveLength(1);
    const pull = server.pulls[0]!;
    expect(pull).toMatchObject({ repo: REPO, state: 'open', headRef: BRANCH, base: 'main' });
    const before = server.git.fileAt(REPO, 'main', MANIFEST)!;
    expect(changedLines(before, server.git.fileAt(REPO, BRANCH, MANIFEST)!)).toEqual([
      [`          image: ${OLD}`, `          image: ${NEW}`],
      ['  replicas: 1', '  replicas: 0'],
    ]);
    // The post step's one final report links it (report JSON, outputs, summary).
    expect(first.report).toMatchObject({
      status: 'promoted',
      pullRequest: { number: pull.number, created: true, committed: true, branch: BRANCH, images: [NEW] },
    });
    expect(first.report?.failure).toBeUndefined();
    expect(first.outputs.get('status')).toBe('promoted');
    expect(first.summary.match(/\*\*Git:\*\*/g)).toHaveLength(1);
    expect(first.summary).toContain(
      `**Git:** [PR #${pull.number}](${first.report!.pullRequest!.url}) updates podinfo-ga to ${NEW} (opened; ${BRANCH} → main)`,
    );
    expect(first.text).toContain(`post: finalize git-pr: pull request #${pull.number}`);
    expect(first.text).not.toContain(TOKENS.actions);

    // The post step again (same saved state): the same PR, no GitHub write, no cluster write.
    const second = await post(state, TOKENS.actions);
    expect(second.github.length, second.text).toBeGreaterThan(0);
    expect(writesOf(second.github)).toEqual([]);
    expect(second.kubeWrites).toEqual([]);
    expect(second.report?.pullRequest).toMatchObject({
      number: pull.number,
      created: false,
      committed: false,
    });
    expect(server.pulls).toHaveLength(1);
  });

  it('a token without contents/pull-requests write: the post step says so and how to open it, the cluster stays promoted', async () => {
    const state = await cancelledAtFinalizing(TOKENS.readOnly);
    const refused = await post(state, TOKENS.readOnly);
    expect(storedVs(mesh.api, 'test', 'podinfo').state?.phase, refused.text).toBe('promoted');
    expect(deployment('podinfo-canary').replicas).toBe(0);
    expect(deployment('podinfo-ga').image).toBe(NEW);
    expect(server.pulls).toEqual([]);
    expect(server.git.branch(REPO, BRANCH)).toBeNull();
    // One GitHub write was tried (the refused one), none landed.
    expect(writesOf(refused.github)).toHaveLength(1);
    const error = refused.log.find((l) => l.startsWith('error: finalize git-pr'));
    expect(error, refused.text).toMatch(
      /403.*contents: write and pull-requests: write.*stays promoted in the cluster.*run `promote` again/,
    );
    expect(refused.report?.failure).toBe(error?.slice('error: '.length));
    expect(refused.report?.pullRequestError).toBe(refused.report?.failure);
    expect(refused.summary.split('\n').find((l) => l.startsWith('**Git:** ❌ finalize git-pr'))).toMatch(
      /contents: write and pull-requests: write.*stays promoted in the cluster/,
    );
    expect(refused.text).not.toContain(TOKENS.readOnly);
  });

  it('manifests a later step moved away: the PR could not be made, named with the files and the manual step; nothing sent to GitHub', async () => {
    const state = await cancelledAtFinalizing(TOKENS.actions);
    renameSync(path.join(checkout, 'deploy'), path.join(checkout, 'moved'));
    const gone = await post(state, TOKENS.actions);
    // The cluster part does not need the manifests: completed.
    expect(storedVs(mesh.api, 'test', 'podinfo').state?.phase, gone.text).toBe('promoted');
    expect(deployment('podinfo-canary').replicas).toBe(0);
    expect(gone.github).toEqual([]);
    expect(server.pulls).toEqual([]);
    const error = gone.log.find((l) => l.startsWith('error: finalize git-pr'));
    expect(error, gone.text).toContain(
      `the post step could not open the pull request: the manifest file the main step read is gone (${path.join(checkout, MANIFEST)}: a later step removed or moved it)`,
    );
    expect(error).toMatch(
      /stays promoted in the cluster.*run `promote` again .*finalize: git-pr.*or set the image of podinfo-ga to ghcr\.io\/stefanprodan\/podinfo:6\.7\.2/,
    );
    expect(gone.report?.failure).toBe(error?.slice('error: '.length));
  });

  it('a target saved without the manifest files (an older main step): the post step reads the manifests input and opens the PR', async () => {
    const state = await cancelledAtFinalizing(TOKENS.actions);
    const saved = JSON.parse(state.get(PROMOTION_TARGET) ?? '') as Record<string, unknown>;
    delete saved.manifestFiles;
    state.set(PROMOTION_TARGET, JSON.stringify(saved));
    const old = await post(state, TOKENS.actions);
    expect(storedVs(mesh.api, 'test', 'podinfo').state?.phase, old.text).toBe('promoted');
    expect(old.report?.pullRequest, old.text).toMatchObject({ created: true, files: [MANIFEST] });
    expect(server.git.fileAt(REPO, BRANCH, MANIFEST)).toContain(`image: ${NEW}`);
  });
});

describe('the saved post target', () => {
  it('stays readable without the manifest files (saved before them) and drops a malformed list', () => {
    const old = {
      namespace: 'test',
      virtualService: 'podinfo',
      route: null,
      stableSubset: null,
      canarySubset: null,
      kubeconfig: { from: 'input', context: null },
    };
    expect(parsePostTarget(JSON.stringify(old))).toEqual(old);
    expect(parsePostTarget(JSON.stringify({ ...old, manifestFiles: ['/a.yaml', 3] }))).toEqual(old);
    expect(parsePostTarget(JSON.stringify({ ...old, manifestFiles: ['/a.yaml'] }))?.manifestFiles).toEqual([
      '/a.yaml',
    ]);
  });

  it('property: whatever manifestFiles holds, the target parses; the files are kept only as a list of strings', () => {
    const old = { namespace: 'ns', virtualService: null, route: 0, stableSubset: 's', canarySubset: 'c' };
    fc.assert(
      fc.property(fc.jsonValue(), (files) => {
        const text = JSON.stringify({ ...old, kubeconfig: { from: 'sim' }, manifestFiles: files });
        const parsed = parsePostTarget(text);
        expect(parsed).toMatchObject({ ...old, kubeconfig: { from: 'sim' } });
        const strings = Array.isArray(files) && files.every((f) => typeof f === 'string');
        if (strings) expect(parsed?.manifestFiles).toEqual(files);
        else expect(parsed && 'manifestFiles' in parsed).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
