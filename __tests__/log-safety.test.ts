// Text from the cluster cannot command the runner (issue 12 item 11) and the job log reads well
// (issue 13 item 5): every line we log is neutralised (no `::` command start, no `##[`, control
// characters escaped), groups are balanced and never nested, and the post step does not repeat
// the main step's input errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeLogger } from '../src/log.js';
import { isCommandLine, neutraliseLog } from '../src/redact.js';
import { actionFiles, commandLines, ROOT, runAction, runCli } from './support/action-run.js';

/** Workflow commands and line breaks an attacker would put in a name or an error body. */
const HOSTILE = [
  'start',
  '::error::PWNED-error',
  '  ::warning title=PWNED::indented',
  '\t::set-output name=PWNED::tab',
  '::stop-commands::PWNED-stop',
  '::add-mask::PWNED-mask',
  'text ##[error]PWNED-v1 in the middle',
  'a\r::error::PWNED-cr',
  '\u0085::error::PWNED-nel',
  '\u2028::error::PWNED-ls',
  '\u001b[2J\u001b]0;PWNED-title\u0007 end',
].join('\n');

/** The commands our code issues on purpose through @actions/core (no properties). */
const OURS = new Set(['add-mask', 'group', 'endgroup', 'debug', 'error', 'warning', 'notice']);

/**
 * Lines the runner would execute as commands that our code did not issue: a v2 command
 * (after .NET's TrimStart) with a name we never use, with properties, or whose command part or
 * data start came from the hostile text; any v1 `##[`. `allowed` is empty for the CLI.
 */
function injected(output: string, allowed: ReadonlySet<string> = OURS): string[] {
  const bad: string[] = [];
  for (const line of output.split(/\r\n|\n|\r/)) {
    if (line.includes('##[')) bad.push(line);
    const t = line.replace(/^[\s\u0085]+/, '');
    if (!t.startsWith('::')) continue;
    const end = t.indexOf('::', 2);
    if (end < 0) continue;
    const [name = '', ...props] = t.slice(2, end).split(' ');
    const data = t.slice(end + 2);
    if (!allowed.has(name.toLowerCase()) || props.length > 0 || data.startsWith('PWNED')) bad.push(line);
  }
  return bad;
}

// C0/C1 controls other than \t and \n, and the Unicode line separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe('neutraliseLog', () => {
  const fragment = fc.constantFrom(
    '::',
    ' ::',
    '\t::',
    '##[',
    '\r',
    '\n',
    '\r\n',
    '\u0085',
    '\u2028',
    '\u001b',
    'error',
    ' ',
  );
  const hostile = fc
    .array(fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 20 })
    .map((parts) => parts.join(''));

  it('leaves no line the runner would read as a command, and no control character but tab', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = neutraliseLog(text);
        for (const line of out.split(/\r\n|\n|\r/)) {
          expect(isCommandLine(line)).toBe(false);
          expect(CONTROL.test(line)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('changes nothing a reader sees: only zero-width spaces are added and control characters spelt out', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const spelt = text.replace(/\r\n/g, '\n').replace(new RegExp(CONTROL.source, 'g'), (ch) => {
          const c = ch.charCodeAt(0);
          return c <= 0xff
            ? `\\x${c.toString(16).padStart(2, '0')}`
            : `\\u${c.toString(16).padStart(4, '0')}`;
        });
        expect(neutraliseLog(text).replaceAll('\u200B', '')).toBe(spelt.replaceAll('\u200B', ''));
      }),
    );
    expect(neutraliseLog('plain text\n  indented: a::b')).toBe('plain text\n  indented: a::b');
  });
});

describe('the safe logger', () => {
  function recorder() {
    const calls: string[] = [];
    const logger = safeLogger({
      info: (m) => void calls.push(`info ${m}`),
      warning: (m) => void calls.push(`warning ${m}`),
      error: (m) => void calls.push(`error ${m}`),
      debug: (m) => void calls.push(`debug ${m}`),
      startGroup: (t) => void calls.push(`group ${t}`),
      endGroup: () => void calls.push('endgroup'),
    });
    return { calls, logger };
  }

  it('neutralises every message and group title it passes on', async () => {
    const { calls, logger } = recorder();
    logger.info(HOSTILE);
    logger.warning(HOSTILE);
    logger.error(HOSTILE);
    logger.debug(HOSTILE);
    await logger.group!(HOSTILE, () => Promise.resolve());
    for (const call of calls)
      for (const line of call.split('\n').slice(1)) expect(isCommandLine(line)).toBe(false);
    expect(calls.filter((c) => c.includes('PWNED-error'))).toHaveLength(5);
  });

  it('never nests groups: an inner or concurrent group is a title line, and a group closes when fn throws', async () => {
    const { calls, logger } = recorder();
    await logger.group!('outer', async () => {
      await logger.group!('inner', () => Promise.resolve(logger.info('in inner')));
    });
    await expect(logger.group!('failing', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.all([
      logger.group!('first', () => Promise.resolve()),
      logger.group!('second', () => Promise.resolve()),
    ]);
    expect(calls).toEqual([
      'group outer',
      'info inner',
      'info in inner',
      'endgroup',
      'group failing',
      'endgroup',
      'group first',
      'info second',
      'endgroup',
    ]);
  });
});

// ---- Through the action bundle and the CLI process ------------------------------------------

/** The podinfo example with a hostile http route name (a free-text field Istio accepts). */
function hostileManifests(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'istio-canary-hostile-'));
  for (const f of ['namespace.yaml', 'service.yaml', 'deployments.yaml'])
    copyFileSync(path.join(ROOT, 'examples', 'podinfo', f), path.join(dir, f));
  // A YAML double-quoted scalar: JSON escapes, with C1 and separators spelt out for YAML 1.1 readers.
  const name = JSON.stringify(HOSTILE).replace(
    /[\u0080-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const istio = readFileSync(path.join(ROOT, 'examples', 'podinfo', 'istio.yaml'), 'utf8').replace(
    '  http:\n    - route:',
    `  http:\n    - name: ${name}\n      route:`,
  );
  if (!istio.includes('PWNED')) throw new Error('the example VirtualService changed shape');
  writeFileSync(path.join(dir, 'istio.yaml'), istio);
  return dir;
}

function groupsBalanced(stdout: string): { groups: number; balanced: boolean } {
  let open = false;
  let groups = 0;
  let balanced = true;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) {
      if (open) balanced = false;
      open = true;
      groups++;
    } else if (line === '::endgroup::') {
      if (!open) balanced = false;
      open = false;
    }
  }
  return { groups, balanced: balanced && !open };
}

describe('hostile text from the cluster in the job log', () => {
  let dir: string;
  beforeAll(() => {
    dir = hostileManifests();
  });

  const simRun = {
    cluster: 'sim',
    namespace: 'test',
    'load-host': 'podinfo.co.uk',
    steps: '50',
    interval: '1s',
    'min-requests': '5',
    // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
    // below what one run could notice.
    'false-rollback-rate': '0.01%',
    comment: 'never',
    'rollout-timeout': '20s',
  };

  it('a route name with workflow commands issues none (action bundle), and the log stays grouped', async () => {
    const r = await runAction({ files: actionFiles(), inputs: { ...simRun, manifests: `${dir}/*.yaml` } });
    expect(r.stdout).toContain('PWNED-error');
    expect(injected(r.stdout)).toEqual([]);
    expect(injected(r.stderr, new Set())).toEqual([]);
    expect(CONTROL.test(r.stdout)).toBe(false);
    // The run went to its end (the verdict itself does not matter here, and a loaded machine may hold it).
    expect(['held', 'rolled-back']).toContain(r.outputs.get('status'));
    // Every command line is one of ours, and groups open and close in turn.
    for (const line of commandLines(r.stdout))
      expect(OURS.has(/^::([\w-]+)/.exec(line)?.[1] ?? '')).toBe(true);
    const groups = groupsBalanced(r.stdout);
    expect(groups.balanced).toBe(true);
    expect(groups.groups).toBeGreaterThan(0);
  });

  it('a route name with workflow commands issues none through the CLI process either', async () => {
    const r = await runCli([
      'run',
      ...Object.entries(simRun).flatMap(([k, v]) => [`--${k}`, v]),
      '--manifests',
      `${dir}/*.yaml`,
    ]);
    expect(r.stderr + r.stdout).toContain('PWNED-error');
    expect(injected(r.stderr, new Set())).toEqual([]);
    expect(injected(r.stdout, new Set())).toEqual([]);
    expect(r.stdout).toMatch(/^status=(held|rolled-back)$/m);
  });

  describe('error bodies', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url?.startsWith('/api/v1/query')) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: HOSTILE }));
        } else {
          // A Kubernetes API server that refuses everything with a hostile Status message.
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              reason: 'Forbidden',
              code: 403,
              message: HOSTILE,
            }),
          );
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('from Prometheus issue no command', async () => {
      const r = await runAction({
        files: actionFiles(),
        inputs: {
          ...simRun,
          manifests: 'examples/podinfo/*.yaml',
          metrics: 'prometheus',
          'prometheus-url': url,
        },
      });
      expect(r.stdout).toContain('PWNED-error');
      expect(injected(r.stdout)).toEqual([]);
      // ESC, BEL and the rest arrive spelt out, also inside the error annotations.
      expect(CONTROL.test(r.stdout)).toBe(false);
      expect(r.code).toBe(1);
    });

    it('from the Kubernetes API server issue no command', async () => {
      const kubeconfig = [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]`,
        'users: [{name: u, user: {token: t0ken-for-hostile-api}}]',
        'contexts: [{name: c, context: {cluster: c, user: u}}]',
        'current-context: c',
      ].join('\n');
      const r = await runAction({
        files: actionFiles(),
        inputs: {
          cluster: 'existing',
          kubeconfig,
          namespace: 'test',
          manifests: 'examples/podinfo/*.yaml',
          'load-url': 'http://127.0.0.1:9',
          steps: '50',
          comment: 'never',
        },
      });
      expect(r.stdout).toContain('PWNED-error');
      expect(injected(r.stdout)).toEqual([]);
      // ESC, BEL and the rest arrive spelt out, also inside the error annotations.
      expect(CONTROL.test(r.stdout)).toBe(false);
      expect(r.code).toBe(1);
    });
  });
});

describe('the post step after a main step that failed on its inputs', () => {
  const bad = { steps: '10,5,200', interval: 'soon', cluster: 'docker' };

  it('stays silent about the inputs main already reported (state carried over as the runner does)', async () => {
    const files = actionFiles();
    const main = await runAction({ files, inputs: bad });
    expect(main.code).toBe(1);
    expect(main.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(5);
    const post = await runAction({ files, inputs: bad, post: true });
    expect(
      post.stdout.split('\n').filter((l) => l.startsWith('::error::') || l.startsWith('::warning::')),
    ).toEqual([]);
    expect(post.code).toBe(0);
  });

  it('still reports input errors when main did not (no saved state, e.g. main was killed first)', async () => {
    const files = actionFiles();
    // Only the entry's own isPost marker, as if main had died right after starting.
    writeFileSync(files.state, 'isPost<<EOF\ntrue\nEOF\n');
    const post = await runAction({ files, inputs: bad, post: true });
    expect(post.stdout.split('\n').filter((l) => l.startsWith('::error::cluster:'))).toHaveLength(1);
  });
});
