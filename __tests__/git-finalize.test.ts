// finalize: git-pr end to end: execute() (the engine of the action and the CLI) promotes the
// podinfo example on the embedded mesh with the inputs of examples/workflows/promote-git-pr.yml,
// then opens the pull request on the local GitHub API (support/github-server.ts, with its Git
// store): the cluster ends promoted, the PR's branch holds the manifest with only the stable
// image and the canary's replicas changed (comments and layout kept), and the report JSON and
// the job summary link it. A rerun returns the same PR without a commit; a token without write
// permissions fails the run (cluster still promoted) naming them, and a rerun with a good token
// opens the PR without touching the cluster; a templated image is refused before any write; a
// dry run calls no GitHub API.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute, type Io } from '../src/main.js';
import type { PromotionReport } from '../src/model.js';
import type { ClusterConnection } from '../src/ports.js';
import { parseSettings, type Settings } from '../src/settings.js';
import { startMesh, type Mesh } from '../src/sim/mesh.js';
import { gitPrSettingsProblems } from '../src/promote/git-finalize.js';
import { GithubServer } from './support/github-server.js';
import { isWrite, storedVs } from './support/promote-cluster.js';
import { lintWorkflows } from '../scripts/actionlint.js';

const ROOT = path.join(import.meta.dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'podinfo');
const WORKFLOW = 'examples/workflows/promote-git-pr.yml';
const FILES = ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml'];
const REPO = 'acme/podinfo';
const MANIFEST = 'deploy/deployments.yaml';
const OLD = 'ghcr.io/stefanprodan/podinfo:6.7.0';
const NEW = 'ghcr.io/stefanprodan/podinfo:6.7.2';
const BRANCH = 'istio-canary/promote-podinfo-ga';
const TOKENS = {
  actions: 'ghs_gitFinalizeActions0000000000000000000',
  readOnly: 'ghs_gitFinalizeReadOnly000000000000000000',
};

let server: GithubServer;
let dir: string;
beforeAll(async () => {
  server = await new GithubServer({
    tokens: [
      { token: TOKENS.actions, login: 'github-actions[bot]', kind: 'app' },
      { token: TOKENS.readOnly, login: 'github-actions[bot]', kind: 'app', readOnly: true },
    ],
  }).start();
  dir = mkdtempSync(path.join(tmpdir(), 'git-finalize-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// A fresh mesh, checkout and repository for each test.
let mesh: Mesh;
let checkout: string;
let tests = 0;
beforeEach(async () => {
  mesh = await startMesh({ readinessDelayMs: 20, seed: 31 });
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

/** The action step's `with:` of the example workflow. */
function exampleInputs(): Record<string, string> {
  const wf = load(readFileSync(path.join(ROOT, WORKFLOW), 'utf8')) as {
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const step = Object.values(wf.jobs)[0]!.steps.find((s) => s.uses?.startsWith('istio-canary/'));
  return { ...step!.with };
}

/** The example's inputs for the embedded mesh and the local GitHub API. */
function settingsOf(over: Record<string, string> = {}, token = TOKENS.actions): Settings {
  const inputs: Record<string, string> = {
    ...exampleInputs(),
    cluster: 'sim',
    kubeconfig: '',
    'prometheus-url': '',
    manifests: path.join(checkout, 'deploy', '*.yaml'),
    'canary-image': NEW,
    'github-token': token,
    interval: '2s',
    'load-rps': '200',
    'min-requests': '20',
    // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
    // below what one run could notice.
    'false-rollback-rate': '0.01%',
    'rollout-timeout': '20s',
    comment: 'never',
    ...over,
  };
  const parsed = parseSettings((name) => inputs[name] ?? '', {
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: server.apiUrl,
    GITHUB_SERVER_URL: server.serverUrl,
    GITHUB_RUN_ID: '777',
    RUNNER_TEMP: path.join(dir, 'runner-temp'),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

async function run(settings: Settings) {
  const log: string[] = [];
  const outputs = new Map<string, string>();
  const summaries: string[] = [];
  const io: Io = {
    logger: {
      info: (m) => void log.push(m),
      warning: (m) => void log.push(`warning: ${m}`),
      error: (m) => void log.push(`error: ${m}`),
      debug: () => undefined,
    },
    print: (t) => void log.push(t),
    setOutput: (name, value) => void outputs.set(name, value),
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
  const from = server.requests.length;
  const { exitCode } = await execute(settings, io, new AbortController().signal, {
    connect,
    summary: { write: (md) => Promise.resolve(void summaries.push(md)) },
  });
  const jsonPath = outputs.get('report-json');
  const report = jsonPath ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as PromotionReport) : null;
  const github = server.requests
    .slice(from)
    .map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`);
  return { exitCode, log, report, summary: summaries.join('\n'), github };
}

/** The report JSON as docs/report.schema.json documents it. */
function schemaErrors(report: PromotionReport | null): unknown {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'report.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  return validate(report) ? null : validate.errors;
}

const writesOf = (github: string[]) => github.filter((r) => !r.startsWith('GET '));

function deployment(name: string) {
  const d = mesh.api.object('apps', 'deployments', 'test', name) as {
    spec: { replicas?: number; template: { spec: { containers: { image: string }[] } } };
  };
  return { replicas: d.spec.replicas, image: d.spec.template.spec.containers[0]!.image };
}

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('finalize: git-pr', () => {
  it('promotes on the mesh, then opens a PR with only the image line (and canary replicas) changed, linked in the report; a rerun keeps it', async () => {
    const first = await run(settingsOf({ command: 'run' }));
    expect(first.exitCode, first.log.join('\n')).toBe(0);

    // The cluster: promote-stable happened.
    expect(deployment('podinfo-ga').image).toBe(NEW);
    expect(deployment('podinfo-canary').replicas).toBe(0);
    const vs = storedVs(mesh.api, 'test', 'podinfo');
    expect(vs.state?.phase).toBe('promoted');
    expect(vs.weights).toEqual({ ga: 100, canary: 0 });

    // The PR: one, from the branch into git-base, with the edited manifest.
    expect(server.pulls).toHaveLength(1);
    const pull = server.pulls[0]!;
    expect(pull).toMatchObject({ repo: REPO, state: 'open', headRef: BRANCH, base: 'main' });
    const before = server.git.fileAt(REPO, 'main', MANIFEST)!;
    const after = server.git.fileAt(REPO, BRANCH, MANIFEST)!;
    expect(changedLines(before, after)).toEqual([
      [`          image: ${OLD}`, `          image: ${NEW}`],
      ['  replicas: 1', '  replicas: 0'],
    ]);
    // The other manifests are not in the commit's changes.
    for (const f of ['namespace.yaml', 'service.yaml', 'istio.yaml'])
      expect(server.git.fileAt(REPO, BRANCH, `deploy/${f}`)).toBe(
        server.git.fileAt(REPO, 'main', `deploy/${f}`),
      );
    // The checkout is not touched: the edit goes to Git through the API only.
    expect(readFileSync(path.join(checkout, MANIFEST), 'utf8')).toBe(before);

    // The report JSON and the job summary link it.
    expect(first.report?.pullRequest).toMatchObject({
      number: pull.number,
      created: true,
      committed: true,
      branch: BRANCH,
      base: 'main',
      deployment: 'podinfo-ga',
      images: [NEW],
      files: [MANIFEST],
    });
    expect(first.report?.pullRequest?.url).toMatch(new RegExp(`/pull/${pull.number}$`));
    expect(first.report?.failure).toBeUndefined();
    expect(schemaErrors(first.report)).toBeNull();
    expect(first.summary).toContain(
      `**Git:** [PR #${pull.number}](${first.report!.pullRequest!.url}) updates podinfo-ga to ${NEW} (opened; ${BRANCH} → main)`,
    );

    // A rerun: nothing more in the cluster, the same PR, no commit, no GitHub write.
    const writes = mesh.api.requests.filter(isWrite).length;
    const again = await run(settingsOf({ command: 'run' }));
    expect(again.exitCode, again.log.join('\n')).toBe(0);
    expect(again.report?.pullRequest).toMatchObject({
      number: pull.number,
      created: false,
      committed: false,
    });
    expect(writesOf(again.github)).toEqual([]);
    expect(server.pulls).toHaveLength(1);
    const deploymentWrites = mesh.api.requests
      .filter(isWrite)
      .slice(writes)
      .filter((e) => e.resource === 'deployments');
    expect(deploymentWrites).toEqual([]);
  });

  it('a token without contents/pull-requests write: the run fails naming them, the cluster stays promoted; a rerun with a good token opens the PR', async () => {
    const refused = await run(settingsOf({ command: 'run', steps: '50,100' }, TOKENS.readOnly));
    expect(refused.exitCode, refused.log.join('\n')).toBe(1);
    expect(refused.report?.status).toBe('promoted');
    expect(refused.report?.failure).toMatch(/contents: write and pull-requests: write/);
    expect(refused.report?.failure).toMatch(/stays promoted in the cluster/);
    expect(refused.report?.pullRequest).toBeUndefined();
    expect(
      refused.log.some((l) => l.startsWith('error: finalize git-pr') && l.includes('pull-requests: write')),
    ).toBe(true);
    expect(refused.log.join('\n')).not.toContain(TOKENS.readOnly);
    expect(refused.report?.pullRequestError).toBe(refused.report?.failure);
    expect(schemaErrors(refused.report)).toBeNull();
    // The job summary says it where the PR would be linked, with the fix.
    const gitLine = refused.summary.split('\n').find((l) => l.startsWith('**Git:** ❌ finalize git-pr'));
    expect(gitLine).toMatch(/contents: write and pull-requests: write.*stays promoted in the cluster/);
    expect(server.pulls).toEqual([]);
    expect(server.git.branch(REPO, BRANCH)).toBeNull();
    // The cluster: promoted.
    expect(deployment('podinfo-ga').image).toBe(NEW);
    expect(deployment('podinfo-canary').replicas).toBe(0);
    expect(storedVs(mesh.api, 'test', 'podinfo').state?.phase).toBe('promoted');

    // Permissions fixed: `promote` again opens the PR and changes nothing in the cluster.
    const writes = mesh.api.requests.filter(isWrite).length;
    const fixed = await run(settingsOf({ command: 'promote' }));
    expect(fixed.exitCode, fixed.log.join('\n')).toBe(0);
    expect(fixed.report?.pullRequest).toMatchObject({ created: true, committed: true, images: [NEW] });
    expect(server.pulls).toHaveLength(1);
    const cluster = mesh.api.requests
      .filter(isWrite)
      .slice(writes)
      .filter((e) => e.resource !== 'leases');
    expect(cluster.map((e) => `${e.verb} ${e.resource}/${e.name ?? ''}`)).toEqual([]);
  });

  it('a templated image in the manifest: refused before anything is written, nothing sent to GitHub', async () => {
    const file = path.join(checkout, MANIFEST);
    const text = readFileSync(file, 'utf8');
    const templated = text.replace(`image: ${OLD}`, 'image: "{{ .Values.image }}"');
    expect(templated).not.toBe(text);
    writeFileSync(file, templated);
    const from = server.requests.length;
    await expect(run(settingsOf({ command: 'run' }))).rejects.toThrow(
      /image is set by a template.*nothing was written/,
    );
    expect(mesh.api.requests.filter(isWrite)).toEqual([]);
    expect(server.requests.slice(from)).toEqual([]);
  });

  it('a dry run says which lines would change and that a PR would be opened, and calls no GitHub API', async () => {
    const dry = await run(settingsOf({ command: 'run', 'dry-run': 'true' }));
    expect(dry.exitCode, dry.log.join('\n')).toBe(0);
    expect(dry.github).toEqual([]);
    expect(mesh.api.requests.filter(isWrite)).toEqual([]);
    const lines = dry.log.filter((l) => l.startsWith('[dry-run] finalize git-pr'));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `would change ${MANIFEST} line \\d+: container podinfod image ${OLD.replace(/\./g, '\\.')} → ${NEW.replace(/\./g, '\\.')}$`,
        ),
      ),
      expect.stringMatching(new RegExp(`would change ${MANIFEST} line \\d+: podinfo-canary replicas 1 → 0$`)),
      `[dry-run] finalize git-pr: would open or update a pull request from ${BRANCH} into main in ${REPO} (no GitHub API is called in a dry run)`,
    ]);
  });

  it('a promotion kept at 100% (finalize: keep) finished by promote with git-pr: promote-stable, then the PR', async () => {
    const kept = await run(settingsOf({ command: 'run', steps: '100', finalize: 'keep' }));
    expect(kept.exitCode, kept.log.join('\n')).toBe(0);
    expect(kept.report?.pullRequest).toBeUndefined();
    expect(deployment('podinfo-ga').image).toBe(OLD);
    expect(writesOf(kept.github)).toEqual([]);

    const finished = await run(settingsOf({ command: 'promote' }));
    expect(finished.exitCode, finished.log.join('\n')).toBe(0);
    expect(deployment('podinfo-ga').image).toBe(NEW);
    expect(deployment('podinfo-canary').replicas).toBe(0);
    expect(finished.report?.pullRequest).toMatchObject({ created: true, images: [NEW], base: 'main' });
    expect(server.git.fileAt(REPO, BRANCH, MANIFEST)).toContain(`image: ${NEW}`);
  });

  it('manifests outside a Git checkout: refused before anything is written', async () => {
    rmSync(path.join(checkout, '.git'), { recursive: true });
    // Without .git above the files the checkout is GITHUB_WORKSPACE (set in Actions), which
    // does not hold this temporary folder either.
    await expect(run(settingsOf({ command: 'run' }))).rejects.toThrow(
      /finalize git-pr: .*(is not in a Git checkout|is not inside the repository checkout)/,
    );
    expect(mesh.api.requests.filter(isWrite)).toEqual([]);
  });

  it('without a github-token: refused before anything is written, naming the input', async () => {
    // As the engine gets them when settings validation lets them through (the CLI, an embedder).
    const settings = { ...settingsOf({ command: 'run' }), githubToken: null };
    await expect(run(settings)).rejects.toThrow(/github-token is required by finalize: git-pr/);
    expect(mesh.api.requests.filter(isWrite)).toEqual([]);
  });
});

describe('finalize: git-pr inputs and example', () => {
  it('names a missing token, repository and manifests; nothing for other finalize modes', () => {
    const s = settingsOf({ command: 'run' });
    expect(gitPrSettingsProblems(s)).toEqual([]);
    const bad = { ...s, githubToken: null, manifests: [], github: { ...s.github, repository: null } };
    expect(gitPrSettingsProblems(bad).map((p) => p.input)).toEqual(['github-token', 'finalize', 'manifests']);
    expect(gitPrSettingsProblems({ ...bad, finalize: 'promote-stable' })).toEqual([]);
  });

  it(`${WORKFLOW} passes actionlint and asks for contents: write and pull-requests: write`, async () => {
    expect(await lintWorkflows(ROOT, [WORKFLOW])).toEqual([]);
    const wf = load(readFileSync(path.join(ROOT, WORKFLOW), 'utf8')) as {
      permissions: Record<string, string>;
    };
    expect(wf.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write' });
    expect(exampleInputs()).toMatchObject({ finalize: 'git-pr', 'github-token': '${{ github.token }}' });
  });
});
