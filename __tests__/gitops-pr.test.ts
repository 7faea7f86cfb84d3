// finalize: git-pr against the local GitHub REST server (support/github-server.ts with its Git
// store, support/github-git.ts): the PR is opened from istio-canary/promote-<deployment> with
// the manifest edited as the golden file says, a rerun writes nothing and returns the same PR,
// a new image updates it, lost responses do not duplicate it, and refusals are explained
// without the token.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManifestEditError, type GitEditTarget } from '../src/gitops/edit.js';
import {
  GitPrError,
  openPromotionPr,
  prBase,
  promotionBranch,
  repositoryPaths,
  type PromotionPrOptions,
} from '../src/gitops/pr.js';
import { GithubClient } from '../src/report/github.js';
import { GithubServer } from './support/github-server.js';
import { promotedReport } from './support/report-fixtures.js';

const REPO = 'acme/podinfo';
const TOKENS = {
  actions: 'ghs_actionsToken000000000000000000000000',
  readOnly: 'ghs_readOnlyToken00000000000000000000000',
  noPulls: 'ghs_noPullsToken000000000000000000000000',
};
const FILE = 'deploy/podinfo.yaml';
const OTHER = 'deploy/config.yaml';
const OTHER_TEXT = '# untouched\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n';
const OLD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEW = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const BRANCH = 'istio-canary/promote-podinfo-stable';

let server: GithubServer;
let ghes: GithubServer;
let fixture: string;
let golden: string;

beforeAll(async () => {
  const tokens = [
    { token: TOKENS.actions, login: 'github-actions[bot]', kind: 'app' as const },
    { token: TOKENS.readOnly, login: 'github-actions[bot]', kind: 'app' as const, readOnly: true },
    { token: TOKENS.noPulls, login: 'github-actions[bot]', kind: 'app' as const, createPulls: false },
  ];
  server = await new GithubServer({ tokens }).start();
  ghes = await new GithubServer({ tokens, prefix: '/api/v3' }).start();
  fixture = await readFile(path.join(import.meta.dirname, 'fixtures/gitops/podinfo.yaml'), 'utf8');
  golden = await readFile(path.join(import.meta.dirname, 'golden/gitops-podinfo.yaml'), 'utf8');
});

afterAll(async () => {
  await server.close();
  await ghes.close();
});

beforeEach(() => {
  // A fresh repository each test: main with the manifests, no branch, no PR.
  for (const s of [server, ghes]) {
    s.git.seed(REPO, 'main', { [FILE]: fixture, [OTHER]: OTHER_TEXT });
    s.pulls.splice(0);
  }
});

const target = (image = NEW): GitEditTarget => ({
  namespace: 'demo',
  stableDeployment: 'podinfo-stable',
  containers: [{ name: 'podinfo', image }],
  canaryDeployment: 'podinfo-canary',
});

function options(
  over: Partial<PromotionPrOptions> = {},
  token = TOKENS.actions,
  s = server,
): PromotionPrOptions {
  const report = promotedReport();
  return {
    client: new GithubClient({ apiUrl: s.apiUrl, token, sleep: () => Promise.resolve(), maxAttempts: 3 }),
    repository: REPO,
    base: null,
    paths: [FILE, OTHER],
    target: target(),
    report: {
      ...report,
      canaryImage: NEW,
      run: { ...report.run, runUrl: 'https://github.com/acme/podinfo/actions/runs/4242' },
    },
    ...over,
  };
}

/** The requests made by `run`, as "METHOD path" (query dropped). */
async function requestsOf<T>(
  s: GithubServer,
  run: () => Promise<T>,
): Promise<{ result: T; writes: string[] }> {
  const from = s.requests.length;
  const result = await run();
  const writes = s.requests
    .slice(from)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`);
  return { result, writes };
}

describe('finalize git-pr', () => {
  it('opens a PR from istio-canary/promote-<deployment> into the default branch, the file edited as the golden says', async () => {
    const { result, writes } = await requestsOf(server, () => openPromotionPr(options()));
    expect(result).toMatchObject({
      kind: 'pull-request',
      branch: BRANCH,
      base: 'main',
      created: true,
      committed: true,
    });
    if (result.kind !== 'pull-request') throw new Error('no PR');
    // One tree, one commit, one ref, one PR: all files in one commit.
    expect(writes).toEqual([
      `POST /repos/${REPO}/git/trees 201`,
      `POST /repos/${REPO}/git/commits 201`,
      `POST /repos/${REPO}/git/refs 201`,
      `POST /repos/${REPO}/pulls 201`,
    ]);
    expect(server.git.fileAt(REPO, BRANCH, FILE)).toBe(golden);
    expect(server.git.fileAt(REPO, BRANCH, OTHER)).toBe(OTHER_TEXT);
    expect(server.git.fileAt(REPO, 'main', FILE)).toBe(fixture);
    expect(server.git.commits.get(result.commit)?.parents).toEqual([server.git.branch(REPO, 'main')]);
    const [pull] = server.pulls;
    expect(result.url).toBe(`${server.serverUrl}/${REPO}/pull/${pull?.number}`);
    expect(pull).toMatchObject({ state: 'open', headRef: BRANCH, base: 'main' });
    expect(pull?.title).toBe(`istio-canary: promote demo/podinfo-stable to ${NEW}`);
    expect(pull?.body).toContain(`**${NEW}**`);
    expect(pull?.body).toContain('| 1 | 10% | pass |');
    expect(pull?.body).toContain(`- ${FILE} line 31: container podinfo image ${OLD} → ${NEW}`);
    expect(pull?.body).toContain('replicas (unset: 1) → 0');
    expect(pull?.body).toContain('[The promotion run](https://github.com/acme/podinfo/actions/runs/4242)');
    expect(result.edits.map((e) => e.field)).toEqual(['image', 'replicas']);
  });

  it('a rerun with the same image writes nothing and returns the same PR', async () => {
    const first = await openPromotionPr(options());
    const { result, writes } = await requestsOf(server, () => openPromotionPr(options()));
    expect(writes).toEqual([]);
    expect(result).toEqual({ ...first, created: false, committed: false });
    expect(server.pulls).toHaveLength(1);
  });

  it('a new image updates the branch (reset onto the base) and the open PR, no second PR', async () => {
    const first = await openPromotionPr(options());
    const image = 'ghcr.io/stefanprodan/podinfo:6.2.0';
    const { result, writes } = await requestsOf(server, () =>
      openPromotionPr(options({ target: target(image) })),
    );
    if (result.kind !== 'pull-request' || first.kind !== 'pull-request') throw new Error('no PR');
    expect(result).toMatchObject({ number: first.number, url: first.url, created: false, committed: true });
    expect(writes).toEqual([
      `POST /repos/${REPO}/git/trees 201`,
      `POST /repos/${REPO}/git/commits 201`,
      `PATCH /repos/${REPO}/git/refs/heads/${BRANCH} 200`,
      `PATCH /repos/${REPO}/pulls/${first.number} 200`,
    ]);
    expect(server.git.fileAt(REPO, BRANCH, FILE)).toBe(golden.replace(NEW, image));
    expect(server.pulls).toHaveLength(1);
    expect(server.pulls[0]?.title).toContain(image);
  });

  it('the base branch that already has the image: nothing to propose, nothing written', async () => {
    server.git.push(REPO, 'main', { [FILE]: golden });
    const { result, writes } = await requestsOf(server, () => openPromotionPr(options()));
    expect(result).toEqual({
      kind: 'up-to-date',
      base: 'main',
      commit: server.git.branch(REPO, 'main'),
      notes: [],
    });
    expect(writes).toEqual([]);
  });

  it('the PR base from the event, a branch other than the default', async () => {
    expect(prBase({ event: { pull_request: { base: { ref: 'release/1.x' } } } })).toBe('release/1.x');
    expect(prBase({ event: { push: {} } })).toBeNull();
    const release = server.git.push(REPO, 'main', { [OTHER]: `${OTHER_TEXT}# release\n` });
    server.git.repos.get(REPO)?.refs.set('heads/release/1.x', release);
    const result = await openPromotionPr(options({ base: 'release/1.x' }));
    expect(result).toMatchObject({ kind: 'pull-request', base: 'release/1.x' });
    expect(server.pulls[0]?.base).toBe('release/1.x');
    expect(server.git.fileAt(REPO, BRANCH, OTHER)).toBe(`${OTHER_TEXT}# release\n`);
  });

  it('lost responses (the write landed, the answer did not): retried without a second branch or PR', async () => {
    // Each write's first answer is lost: trees and commits are content-addressed (sent again,
    // same object), the ref and the PR are looked up before they are created again.
    for (const p of [/git\/trees$/, /git\/commits$/, /git\/refs$/, /pulls$/])
      server.loseWriteResponsesTo(p, 1);
    const result = await openPromotionPr(options());
    expect(result).toMatchObject({ kind: 'pull-request', created: true, committed: true });
    expect(server.pulls).toHaveLength(1);
    expect(server.git.fileAt(REPO, BRANCH, FILE)).toBe(golden);
    expect(server.requests.filter((r) => r.status === 502).length).toBe(4);
  });

  it('on GHES (/api/v3)', async () => {
    const result = await openPromotionPr(options({}, TOKENS.actions, ghes));
    expect(result).toMatchObject({ kind: 'pull-request', created: true });
    expect(ghes.git.fileAt(REPO, BRANCH, FILE)).toBe(golden);
  });

  it('a read-only token: the missing permissions named, nothing written, the token not shown', async () => {
    const error = await openPromotionPr(options({}, TOKENS.readOnly)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitPrError);
    const message = (error as Error).message;
    expect(message).toContain('may not push the branch in acme/podinfo');
    expect(message).toContain('Resource not accessible by integration');
    expect(message).toContain('contents: write and pull-requests: write');
    expect(message).not.toContain(TOKENS.readOnly);
    expect(server.git.branch(REPO, BRANCH)).toBeNull();
  });

  it('Actions not allowed to open PRs: the setting named', async () => {
    const error = await openPromotionPr(options({}, TOKENS.noPulls)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitPrError);
    expect((error as Error).message).toContain('Allow GitHub Actions to create and approve pull requests');
    expect((error as Error).message).not.toContain(TOKENS.noPulls);
  });

  it('a manifest that cannot be edited, or a path not in the repository: refused before any write', async () => {
    const bad = await requestsOf(server, () =>
      openPromotionPr(options({ target: { ...target(), containers: [{ name: 'app', image: NEW }] } })).catch(
        (e: unknown) => e,
      ),
    );
    expect(bad.result).toBeInstanceOf(ManifestEditError);
    expect((bad.result as Error).message).toContain(
      'has no container app (it has podinfo, sidecar, migrate)',
    );
    expect(bad.writes).toEqual([]);
    const missing = await openPromotionPr(options({ paths: ['deploy/nope.yaml'] })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GitPrError);
    expect((missing as Error).message).toMatch(
      /^finalize git-pr: deploy\/nope.yaml is not in main \([0-9a-f]{12}\)/,
    );
    const repo = await openPromotionPr(options({ repository: 'acme/nope' })).catch((e: unknown) => e);
    expect((repo as Error).message).toContain(
      'repository acme/nope was not found with the github-token (404)',
    );
  });

  it('manifest files as repository paths; one outside the checkout refused', () => {
    expect(
      repositoryPaths(['deploy/a.yaml', '/repo/deploy/b.yaml', './deploy/a.yaml'], '/repo', '/repo'),
    ).toEqual(['deploy/a.yaml', 'deploy/b.yaml']);
    expect(repositoryPaths(['k8s/a.yaml'], '/repo/sub', '/repo')).toEqual(['sub/k8s/a.yaml']);
    expect(() => repositoryPaths(['/tmp/x.yaml'], '/repo', '/repo')).toThrow(
      'finalize git-pr: the manifest /tmp/x.yaml is not inside the repository checkout /repo',
    );
  });

  it('branch names from any Deployment name are valid refs', () => {
    expect(promotionBranch('podinfo-stable')).toBe(BRANCH);
    expect(promotionBranch('a..b/c')).toBe('istio-canary/promote-a.b-c');
  });
});
