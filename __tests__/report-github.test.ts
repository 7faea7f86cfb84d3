// The sticky PR comment and the reporter against a local GitHub REST server on loopback.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromotionReport } from '../src/model.js';
import {
  GithubApiError,
  GithubClient,
  commentAction,
  findPullRequest,
  sameLogin,
  stickyMarker,
} from '../src/report/github.js';
import { createReporter, type ReporterOptions } from '../src/report/summary.js';
import type { GithubContext } from '../src/settings.js';
import { GithubServer } from './support/github-server.js';
import { heldReport, longReport, promotedReport, rolledBackReport } from './support/report-fixtures.js';

const REPO = 'acme/podinfo';
const TOKENS = {
  actions: 'ghs_actionsToken000000000000000000000000',
  readOnly: 'ghs_readOnlyToken00000000000000000000000',
  pat: 'ghp_personalToken0000000000000000000000',
  mallory: 'ghp_malloryToken00000000000000000000000',
  app: 'ghs_myAppInstallation0000000000000000000',
  blindApp: 'ghs_blindAppInstallation000000000000000',
};

let server: GithubServer;
let ghes: GithubServer;
let tempDir: string;

beforeAll(async () => {
  const tokens = [
    { token: TOKENS.actions, login: 'github-actions[bot]', kind: 'app' as const },
    { token: TOKENS.readOnly, login: 'github-actions[bot]', kind: 'app' as const, readOnly: true },
    { token: TOKENS.pat, login: 'canary-bot', kind: 'user' as const },
    { token: TOKENS.mallory, login: 'mallory', kind: 'user' as const },
    // A GitHub App installation token: GET /user is refused, GraphQL viewer says "my-app".
    { token: TOKENS.app, login: 'my-app[bot]', kind: 'app' as const },
    // An App token that may use neither GraphQL nor GET /user: its login cannot be asked.
    { token: TOKENS.blindApp, login: 'blind-app[bot]', kind: 'app' as const, graphql: false },
  ];
  server = await new GithubServer({ tokens }).start();
  ghes = await new GithubServer({ tokens, prefix: '/api/v3' }).start();
  tempDir = await mkdtemp(path.join(tmpdir(), 'report-github-'));
});

afterAll(async () => {
  await server.close();
  await ghes.close();
  await rm(tempDir, { recursive: true, force: true });
});

function context(over: Partial<GithubContext> = {}, target: GithubServer = server): GithubContext {
  return {
    repository: REPO,
    runId: '4242',
    runAttempt: '1',
    apiUrl: target.apiUrl,
    serverUrl: target.serverUrl,
    eventName: 'pull_request',
    event: { pull_request: { number: 7 }, number: 7 },
    sha: 'abc123',
    ref: 'refs/pull/7/merge',
    branch: 'feature/canary',
    workflow: 'canary',
    githubHosted: true,
    tempDir,
    ...over,
  };
}

interface Harness {
  warnings: string[];
  infos: string[];
  summaries: string[];
  outputs: Map<string, string>;
  waits: number[];
  reporter: ReturnType<typeof createReporter>;
}

function harness(options: Partial<ReporterOptions> & { onSleep?: (ms: number) => void } = {}): Harness {
  const h: Omit<Harness, 'reporter'> = {
    warnings: [],
    infos: [],
    summaries: [],
    outputs: new Map(),
    waits: [],
  };
  const reporter = createReporter(
    {
      comment: options.comment ?? 'always',
      githubToken: options.githubToken === undefined ? TOKENS.actions : options.githubToken,
      prNumber: options.prNumber ?? null,
      github: options.github ?? context(),
    },
    {
      logger: {
        info: (m) => h.infos.push(m),
        warning: (m) => h.warnings.push(m),
        error: (m) => h.warnings.push(m),
        debug: () => undefined,
      },
      summary: {
        write: (md) => {
          h.summaries.push(md);
          return Promise.resolve();
        },
      },
      setOutput: (name, value) => h.outputs.set(name, value),
      // Waits are recorded, not slept: the test sees the backoff the client chose.
      client: {
        sleep: (ms) => {
          h.waits.push(ms);
          options.onSleep?.(ms);
          return Promise.resolve();
        },
      },
    },
  );
  return { ...h, reporter };
}

function inProgress(report: PromotionReport, step: number): PromotionReport {
  return {
    ...report,
    status: 'in-progress',
    reason: null,
    step,
    weight: report.steps[step - 1] ?? 0,
    history: report.history.slice(0, step),
  };
}

const MARKER = stickyMarker('test', 'podinfo', 'canary');

describe('sticky comment on a PR with more than 100 comments', () => {
  const pr = 7;
  const decoys: { id: number; body: string }[] = [];

  beforeAll(() => {
    // 130 comments before ours: people, our bot for other VirtualServices/workflows, and
    // someone else quoting our exact marker.
    for (let i = 0; i < 130; i++) {
      let c;
      if (i % 10 === 3) c = server.addComment(REPO, pr, 'mallory', `${MARKER}\nfake report ${i}`);
      else if (i % 10 === 5)
        c = server.addComment(
          REPO,
          pr,
          'github-actions[bot]',
          `${stickyMarker('test', 'other', 'canary')}\n${i}`,
        );
      else if (i % 10 === 7)
        c = server.addComment(
          REPO,
          pr,
          'github-actions[bot]',
          `${stickyMarker('test', 'podinfo', 'nightly')}\n${i}`,
        );
      else c = server.addComment(REPO, pr, i % 2 === 0 ? 'alice' : 'bob', `LGTM ${i}`);
      decoys.push({ id: c.id, body: c.body });
    }
  });

  it('creates the comment once, updates it in place at every step and at the end, and leaves decoys untouched', async () => {
    const h = harness();
    const report = promotedReport();
    await h.reporter.progress(inProgress(report, 1));
    await h.reporter.progress(inProgress(report, 2));
    const result = await h.reporter.final(report);

    const ours = server
      .commentsOn(REPO, pr)
      .filter((c) => c.body.includes(MARKER) && c.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    const comment = ours[0];
    expect(comment?.body.startsWith(`${MARKER}\n## ✅ Canary promoted`)).toBe(true);
    expect(result.commentUrl).toBe(`${server.serverUrl}/${REPO}/pull/${pr}#issuecomment-${comment?.id}`);
    expect(h.outputs.get('comment-url')).toBe(result.commentUrl);
    expect(h.warnings).toEqual([]);

    const writes = server.requests.filter((r) => r.method !== 'GET' && r.path.includes(`/issues/`));
    expect(writes.filter((r) => r.method === 'POST').length).toBe(1);
    expect(writes.filter((r) => r.method === 'PATCH').length).toBe(2);
    for (const d of decoys) expect(server.comments.find((c) => c.id === d.id)?.body).toBe(d.body);
  });

  it('a later run finds the same comment by paging through every comment (Link rel="next") and updates it', async () => {
    const before = server.requests.length;
    const h = harness();
    await h.reporter.progress(inProgress(rolledBackReport(), 1));
    const result = await h.reporter.final(rolledBackReport());

    const ours = server
      .commentsOn(REPO, pr)
      .filter((c) => c.body.includes(MARKER) && c.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('## ❌ Canary rolled back');
    expect(result.commentUrl).toContain(`#issuecomment-${ours[0]?.id}`);
    const made = server.requests.slice(before);
    const listings = made.filter((r) => r.method === 'GET' && r.path.includes('/issues/7/comments'));
    expect(listings.map((r) => new URL(r.path, 'http://x').searchParams.get('page') ?? '1')).toEqual([
      '1',
      '2',
    ]);
    expect(listings.every((r) => r.path.includes('per_page=100'))).toBe(true);
    expect(made.filter((r) => r.method === 'POST' && r.path.includes('/issues/'))).toEqual([]);
    for (const d of decoys) expect(server.comments.find((c) => c.id === d.id)?.body).toBe(d.body);
  });
});

describe('a GitHub App token', () => {
  const pr = 80;
  let decoys: { id: number; body: string }[] = [];

  beforeAll(() => {
    decoys = [
      server.addComment(REPO, pr, 'github-actions[bot]', `${MARKER}\nreport by the Actions bot`),
      server.addComment(REPO, pr, 'mallory', `${MARKER}\nfake report`),
      server.addComment(
        REPO,
        pr,
        'my-app[bot]',
        `${stickyMarker('test', 'other', 'canary')}\nanother service`,
      ),
      server.addComment(REPO, pr, 'my-app[bot]', `quoting ${MARKER} in a reply`),
    ].map((c) => ({ id: c.id, body: c.body }));
  });

  it('keeps one sticky comment across runs under its own login, never editing a marker comment by anyone else', async () => {
    const github = context({ event: { pull_request: { number: pr } } });
    const first = harness({ githubToken: TOKENS.app, github });
    await first.reporter.progress(inProgress(promotedReport(), 1));
    await first.reporter.final(promotedReport());
    const second = harness({ githubToken: TOKENS.app, github });
    await second.reporter.final(rolledBackReport());

    const ours = server
      .commentsOn(REPO, pr)
      .filter((c) => c.login === 'my-app[bot]' && c.body.startsWith(MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain('## ❌ Canary rolled back');
    expect([...first.warnings, ...second.warnings]).toEqual([]);
    for (const d of decoys) expect(server.comments.find((c) => c.id === d.id)?.body).toBe(d.body);
  });

  it('with a login GitHub will not tell, creates rather than edits, and a lost create is still found (its exact text), not posted twice', async () => {
    const github = context({ event: { pull_request: { number: pr } } });
    server.addComment(
      REPO,
      pr,
      'blind-app[bot]',
      `${MARKER}\nan older report of ours, or a decoy: cannot tell`,
    );
    const before = server.commentsOn(REPO, pr).map((c) => ({ id: c.id, body: c.body }));
    const h = harness({ githubToken: TOKENS.blindApp, github });
    server.loseNextWriteResponses(1);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    await h.reporter.progress(inProgress(promotedReport(), 2));
    await h.reporter.final(promotedReport());

    const created = server.commentsOn(REPO, pr).filter((c) => !before.some((b) => b.id === c.id));
    expect(created).toHaveLength(1);
    expect(created[0]?.login).toBe('blind-app[bot]');
    expect(created[0]?.body).toContain('## ✅ Canary promoted');
    for (const b of before) expect(server.comments.find((c) => c.id === b.id)?.body).toBe(b.body);
    expect(h.infos.join('\n')).toMatch(/Could not tell which login/);
    expect(h.warnings).toEqual([]);
  });
});

describe('the token stays with the API origin', () => {
  let evil: Server;
  let evilUrl: string;
  const evilSeen: (string | undefined)[] = [];

  beforeAll(async () => {
    evil = createServer((req, res) => {
      evilSeen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    evil.closeAllConnections();
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  });

  it('refuses a redirect to another origin (nothing sent there) and follows one on the same origin', async () => {
    const github = context({ event: { pull_request: { number: 90 } } });
    server.redirectNext(1, (url) => `${evilUrl}${url.pathname}${url.search}`);
    const h = harness({ github });
    const result = await h.reporter.final(promotedReport());
    expect(result.commentUrl).toBeNull();
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toContain(`redirected to ${evilUrl}`);
    expect(evilSeen).toEqual([]);

    server.redirectNext(1, (url) => url.href.replace(url.pathname, url.pathname));
    const again = harness({ github });
    const ok = await again.reporter.final(promotedReport());
    expect(again.warnings).toEqual([]);
    expect(ok.commentUrl).toContain('#issuecomment-');
    expect(server.requests.some((r) => r.status === 307)).toBe(true);
  });

  it('does not follow a pagination Link to another origin', async () => {
    const pr = 91;
    for (let i = 0; i < 120; i++) server.addComment(REPO, pr, 'alice', `comment ${i}`);
    server.linkPagesTo(evilUrl);
    try {
      const h = harness({ github: context({ event: { pull_request: { number: pr } } }) });
      await h.reporter.final(promotedReport());
      expect(h.warnings).toHaveLength(1);
      expect(h.warnings[0]).toMatch(/refusing to call .*not the GitHub API origin/);
      expect(evilSeen).toEqual([]);
      expect(server.commentsOn(REPO, pr)).toHaveLength(120);
    } finally {
      server.linkPagesTo(null);
    }
  });
});

describe('failures and limits', () => {
  it('retries injected 500s with bounded backoff and then posts', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 20 } } }) });
    server.failNext(3);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(server.commentsOn(REPO, 20)).toHaveLength(1);
    expect(h.waits).toEqual([1000, 2000, 4000]);
    expect(h.warnings).toEqual([]);
  });

  it('a create whose response was lost (502 after the write) is found, not posted twice', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 30 } } }) });
    server.loseNextWriteResponses(1);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    await h.reporter.progress(inProgress(promotedReport(), 2));
    const comments = server.commentsOn(REPO, 30);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('Canary in progress at 60%');
    expect(h.waits).toEqual([1000]);
    expect(h.warnings).toEqual([]);
  });

  it('gives up after five attempts on a persistent 500 with a warning, and final still writes summary and outputs', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 21 } } }) });
    server.failNext(5);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(h.waits).toHaveLength(4);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/500/);
    const result = await h.reporter.final(promotedReport());
    expect(result.commentUrl).toContain('#issuecomment-');
    expect(h.summaries).toHaveLength(1);
  });

  it('waits for x-ratelimit-reset on a 403 with x-ratelimit-remaining: 0, then succeeds', async () => {
    server.exhaust(TOKENS.pat, 5);
    const h = harness({
      githubToken: TOKENS.pat,
      github: context({ event: { pull_request: { number: 22 } } }),
      // Time passing on GitHub: the window resets while the client waits.
      onSleep: () => server.resetRateLimits(),
    });
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(server.requests.some((r) => r.status === 403)).toBe(true);
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThan(1000);
    expect(h.waits[0]).toBeLessThanOrEqual(7000);
    expect(server.commentsOn(REPO, 22)).toHaveLength(1);
    expect(h.warnings).toEqual([]);
  });

  it('honours Retry-After on a secondary rate limit (429)', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 23 } } }) });
    server.secondaryLimitNext(1, 3);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(h.waits).toEqual([3000]);
    expect(server.commentsOn(REPO, 23)).toHaveLength(1);
  });

  it('waits a minute on a secondary rate limit that is a bare 403 with the message only', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 29 } } }) });
    server.secondaryLimitNext(1, null);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(h.waits).toEqual([60_000]);
    expect(server.commentsOn(REPO, 29)).toHaveLength(1);
  });

  it('fails fast (a warning, no hour-long wait) when the rate limit resets too far away', async () => {
    server.exhaust(TOKENS.pat, 3600);
    const h = harness({
      githubToken: TOKENS.pat,
      github: context({ event: { pull_request: { number: 24 } } }),
    });
    const result = await h.reporter.final(promotedReport());
    server.resetRateLimits();
    expect(h.waits).toEqual([]);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/rate limit exceeded/);
    expect(h.warnings[0]).toMatch(/the rate limit resets at \d{4}-\d\d-\d\dT[\d:.]+Z, in 3[56]\d\d s/);
    expect(result.commentUrl).toBeNull();
    expect(h.summaries).toHaveLength(1);
    expect(h.outputs.get('status')).toBe('promoted');
  });

  it('fails fast on a secondary limit whose Retry-After is longer than the longest wait, saying when it ends', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 31 } } }) });
    const before = server.requests.length;
    server.secondaryLimitNext(1, 3600);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(h.waits).toEqual([]);
    expect(server.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(1);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/secondary rate limit.*the rate limit resets at .*Z, in 3600 s/);
    expect(server.commentsOn(REPO, 31)).toEqual([]);
  });

  it('retries a dropped connection (network error) after the backoff', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 32 } } }) });
    const before = server.requests.length;
    server.dropNext(1);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(server.requests.slice(before).filter((r) => r.status === 0)).toHaveLength(1);
    expect(h.waits).toEqual([1000]);
    expect(server.commentsOn(REPO, 32)).toHaveLength(1);
    expect(h.warnings).toEqual([]);
  });

  it('a 4xx that is no rate limit (409) is final: sent once, no wait', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 33 } } }) });
    const before = server.requests.length;
    server.failNext(1, 409);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    expect(h.waits).toEqual([]);
    expect(server.requests.slice(before).filter((r) => r.status === 409)).toHaveLength(1);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/409/);
    expect(server.commentsOn(REPO, 33)).toEqual([]);
  });

  it('rate limits and 500s share one budget of five attempts', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 34 } } }) });
    server.failNext(2);
    server.secondaryLimitNext(1, 3);
    server.failNext(2);
    await h.reporter.progress(inProgress(promotedReport(), 1));
    // Five failures in all: four waits (the backoff doubling by attempt), then the last 500.
    expect(h.waits).toEqual([1000, 2000, 3000, 8000]);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/500/);
    expect(server.commentsOn(REPO, 34)).toEqual([]);
  });

  it('a cancel during a wait ends the request with its reason and sends nothing more', async () => {
    const cancel = new AbortController();
    const reason = new Error('run cancelled');
    const client = new GithubClient({
      apiUrl: server.apiUrl,
      token: TOKENS.actions,
      signal: cancel.signal,
      // The cancel arrives while the client waits out the limit.
      sleep: () => {
        cancel.abort(reason);
        return Promise.resolve();
      },
    });
    const before = server.requests.length;
    server.secondaryLimitNext(1, 3);
    await expect(client.request('GET', 'user')).rejects.toBe(reason);
    expect(server.requests.length - before).toBe(1);
  });

  it('retries a GraphQL "Something went wrong" answer like a 500, and waits out a GraphQL RATE_LIMITED answer', async () => {
    const answers = [
      { errors: [{ message: 'Something went wrong while executing your query. Please try again.' }] },
      { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
    ];
    const reset = Math.floor(Date.now() / 1000) + 10;
    let sent = 0;
    const waits: number[] = [];
    const client = new GithubClient({
      apiUrl: server.apiUrl,
      token: TOKENS.pat,
      // The first two GraphQL answers are GitHub's 200-with-errors forms; then the real server.
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : input.toString();
        const answer = url.endsWith('/graphql') ? answers.shift() : undefined;
        if (answer === undefined) return fetch(input, init);
        sent += 1;
        return Promise.resolve(
          new Response(JSON.stringify(answer), {
            status: 200,
            headers: {
              'content-type': 'application/json',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(reset),
            },
          }),
        );
      },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(await client.graphql('query { viewer { login } }')).toEqual({ viewer: { login: 'canary-bot' } });
    expect(sent).toBe(2);
    expect(waits[0]).toBe(1000);
    expect(waits[1]).toBeGreaterThan(1000);
    expect(waits[1]).toBeLessThanOrEqual(12_000);
  });

  it('a read-only token degrades to one warning plus the job summary, never a failure', async () => {
    const h = harness({
      githubToken: TOKENS.readOnly,
      github: context({ event: { pull_request: { number: 25 } } }),
    });
    const before = server.requests.length;
    await h.reporter.progress(inProgress(promotedReport(), 1));
    await h.reporter.progress(inProgress(promotedReport(), 2));
    const result = await h.reporter.final(promotedReport());
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/read-only token.*job summary/);
    expect(result.commentUrl).toBeNull();
    expect(h.summaries[0]).toContain('## ✅ Canary promoted');
    expect(h.outputs.get('comment-url')).toBe('');
    expect(server.commentsOn(REPO, 25)).toEqual([]);
    // After the first 403 no more writes are attempted.
    expect(
      server.requests.slice(before).filter((r) => r.method === 'POST' && r.path.includes('/issues/')),
    ).toHaveLength(1);
  });

  it('a bad token is a 401 warning that never shows the token', async () => {
    const secret = 'ghp_doesNotExist1234567890';
    const h = harness({ githubToken: secret, github: context({ event: { pull_request: { number: 26 } } }) });
    const result = await h.reporter.final(promotedReport());
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatch(/401 Bad credentials/);
    expect([...h.warnings, ...h.infos].join('\n')).not.toContain(secret);
    expect(result.commentUrl).toBeNull();
  });

  it('the server enforces auth and comment ownership', async () => {
    const anonymous = await fetch(`${server.apiUrl}/user`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ message: 'Requires authentication' });
    const theirs = server.addComment(REPO, 27, 'alice', 'mine');
    const client = new GithubClient({ apiUrl: server.apiUrl, token: TOKENS.actions });
    const error = await client
      .request('PATCH', `repos/${REPO}/issues/comments/${theirs.id}`, { body: 'hijack' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubApiError);
    expect((error as GithubApiError).status).toBe(403);
    expect(theirs.body).toBe('mine');
  });

  it('stays under the 65,536-character body limit the server enforces with a 10,000-step history', async () => {
    const h = harness({ github: context({ event: { pull_request: { number: 28 } } }) });
    await h.reporter.progress(longReport(10_000));
    expect(h.warnings).toEqual([]);
    const [comment] = server.commentsOn(REPO, 28);
    expect(comment?.body.length).toBeLessThanOrEqual(65_536);
    expect(comment?.body).toContain('steps not shown');
  });
});

describe('which PR, and when', () => {
  it('push: the open PR of the pushed commit, on GHES (/api/v3) with a personal token, ignoring the bot comment with the same marker', async () => {
    ghes.pulls.push(
      { repo: REPO, number: 40, state: 'closed', headRef: 'old', headOwner: 'acme', headSha: 'feedbeef' },
      { repo: REPO, number: 41, state: 'open', headRef: 'feature/x', headOwner: 'acme', headSha: 'feedbeef' },
    );
    const botComment = ghes.addComment(REPO, 41, 'github-actions[bot]', `${MARKER}\nold bot report`);
    const github = context({ eventName: 'push', event: {}, sha: 'feedbeef', branch: 'feature/x' }, ghes);
    const h = harness({ githubToken: TOKENS.pat, github });
    await h.reporter.progress(inProgress(promotedReport(), 1));
    await h.reporter.final(promotedReport());
    const comments = ghes.commentsOn(REPO, 41);
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.login === 'canary-bot')?.body).toContain('## ✅ Canary promoted');
    expect(botComment.body).toBe(`${MARKER}\nold bot report`);
    // REST under /api/v3, the token's login from GraphQL at /api/graphql (GHES layout).
    expect(ghes.requests.filter((r) => !r.path.startsWith('/api/v3/')).map((r) => r.path)).toEqual([
      '/api/graphql',
    ]);
  });

  it('workflow_dispatch: the pr-number input, else the open PR whose head is the branch', async () => {
    server.pulls.push({
      repo: REPO,
      number: 50,
      state: 'open',
      headRef: 'release/1.2',
      headOwner: 'acme',
      headSha: 'x',
    });
    const client = new GithubClient({ apiUrl: server.apiUrl, token: TOKENS.actions });
    const dispatch = context({
      eventName: 'workflow_dispatch',
      event: { inputs: {} },
      branch: 'release/1.2',
    });
    expect(await findPullRequest(client, dispatch, 12)).toBe(12);
    expect(await findPullRequest(client, dispatch, null)).toBe(50);
    expect(await findPullRequest(client, { ...dispatch, branch: 'no-pr-here' }, null)).toBeNull();
    expect(
      await findPullRequest(
        client,
        context({ eventName: 'pull_request_target', event: { pull_request: { number: 9 } } }),
        null,
      ),
    ).toBe(9);
  });

  it('no PR for the run: the comment is skipped with a note, the summary is written', async () => {
    const h = harness({ github: context({ eventName: 'push', event: {}, sha: 'nopr000' }) });
    const result = await h.reporter.final(promotedReport());
    expect(result.commentUrl).toBeNull();
    expect(h.warnings).toEqual([]);
    expect(h.infos.join('\n')).toMatch(/no pull request/);
    expect(h.summaries).toHaveLength(1);
  });

  it('comment: never makes no API call; on-failure comments only on failure and keeps an earlier comment current', async () => {
    const before = server.requests.length;
    const never = harness({ comment: 'never', github: context({ event: { pull_request: { number: 60 } } }) });
    await never.reporter.progress(inProgress(promotedReport(), 1));
    await never.reporter.final(rolledBackReport());
    expect(server.requests.length).toBe(before);

    const github = context({ event: { pull_request: { number: 61 } } });
    const passing = harness({ comment: 'on-failure', github });
    await passing.reporter.progress(inProgress(promotedReport(), 1));
    await passing.reporter.final(promotedReport());
    expect(server.commentsOn(REPO, 61)).toEqual([]);

    const failing = harness({ comment: 'on-failure', github });
    await failing.reporter.progress(inProgress(rolledBackReport(), 1));
    expect(server.commentsOn(REPO, 61)).toEqual([]);
    await failing.reporter.final(rolledBackReport());
    expect(server.commentsOn(REPO, 61)[0]?.body).toContain('rolled back');

    const fixed = harness({ comment: 'on-failure', github });
    await fixed.reporter.final(promotedReport());
    expect(server.commentsOn(REPO, 61)).toHaveLength(1);
    expect(server.commentsOn(REPO, 61)[0]?.body).toContain('Canary promoted');
  });

  it('writes the report JSON into the temp dir and sets every output', async () => {
    const h = harness({ comment: 'never' });
    const result = await h.reporter.final(heldReport());
    expect(result.reportJsonPath).not.toBeNull();
    expect(JSON.parse(await readFile(result.reportJsonPath ?? '', 'utf8'))).toEqual(heldReport());
    expect(Object.fromEntries(h.outputs)).toEqual({
      status: 'held',
      weight: '60',
      step: '2',
      'report-json': result.reportJsonPath,
      'comment-url': '',
    });
  });
});

describe('pure pieces', () => {
  it('matches bot logins with or without the [bot] suffix', () => {
    expect(sameLogin('github-actions[bot]', 'github-actions')).toBe(true);
    expect(sameLogin('github-actions[bot]', 'GitHub-Actions[bot]')).toBe(true);
    expect(sameLogin('github-actions', 'mallory')).toBe(false);
  });

  it('escapes the marker so a workflow name cannot close the HTML comment', () => {
    const marker = stickyMarker('ns', 'vs', 'evil --> <script>alert(1)</script> <!--');
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(marker.endsWith(' -->')).toBe(true);
    expect(marker).not.toMatch(/<script|<!--.*<!--/);
  });

  it('does not follow a Link to another host with the token', async () => {
    const client = new GithubClient({ apiUrl: server.apiUrl, token: TOKENS.actions });
    await expect(client.request('GET', 'https://evil.example/steal')).rejects.toThrow(
      /not the GitHub API origin/,
    );
  });

  it('maps comment modes to actions', () => {
    expect(commentAction('always', promotedReport(), 'progress')).toBe('upsert');
    expect(commentAction('on-failure', rolledBackReport(), 'progress')).toBe('skip');
    expect(commentAction('on-failure', rolledBackReport(), 'final')).toBe('upsert');
    expect(commentAction('on-failure', promotedReport(), 'final')).toBe('update-only');
    expect(commentAction('never', rolledBackReport(), 'final')).toBe('skip');
  });
});
