// A line break in cluster- or user-derived text cannot forge a line of ours (issue 12 item 11,
// the red team's "\nstatus=promoted"): at ingestion, untrusted text quoted in a message is one
// line (src/one-line.ts spells out \n, \r, U+0085, U+2028 ...); at emission, every line after a
// message's first starts with the continuation marker (src/redact.ts safeLogText). Properties over
// arbitrary text, then a route name, an image, a Kubernetes API error and a Prometheus error body
// through the CLI process and the action bundle.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeLogger } from '../src/log.js';
import { CONTINUATION, isCommandLine, oneLine, safeLogText } from '../src/redact.js';
import { actionFiles, ROOT, runAction, runCli } from './support/action-run.js';

/** What the red team put in names and error bodies: lines that pass for our outputs, and a command. */
const FORGED = 'x\nstatus=promoted\nweight=100\r\n::error::forged\u2028status=promoted\u0085::error::forged';
/** How it must read once quoted: visible, on one line. */
const SPELT = String.raw`x\nstatus=promoted\nweight=100\r\n::error::forged\u2028status=promoted\x85::error::forged`;

/** Every line break any reader (the runner, a terminal, a browser) might honour. */
// eslint-disable-next-line no-control-regex
const ANY_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Lines that start like one of ours but were not written by us. */
function forgedLines(output: string): string[] {
  return output
    .split(ANY_BREAK)
    .filter(
      (l) =>
        /^(status|weight|step|report-json|comment-url)=|^[\s\u0085]*::|##\[/.test(l) ||
        l.startsWith('error: ::'),
    );
}

const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\n',
        '\r',
        '\r\n',
        '\u0085',
        '\u2028',
        '\u2029',
        '\u000b',
        '::',
        '##[',
        'status=',
        ' ',
        '\t',
      ),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(''));

describe('oneLine', () => {
  it('leaves no line break or control character, and changes text that has none not at all', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = oneLine(text);
        expect(NOT_ONE_LINE.test(out)).toBe(false);
        // eslint-disable-next-line no-control-regex
        if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text))
          expect(out).toBe(text);
        // Each break is spelt where it stood.
        expect(out.split('\\n').length).toBeGreaterThanOrEqual(text.split('\n').length);
      }),
      { numRuns: 1000 },
    );
    expect(oneLine(FORGED)).toBe(SPELT);
    expect(oneLine('tab\there \u001b[2J \u202eevil')).toBe(String.raw`tab\there \x1b[2J \u202eevil`);
  });
});

describe('the safe logger', () => {
  /** The CLI's sink (stderr, one write per message). */
  function cliLike() {
    let out = '';
    const logger = safeLogger({
      info: (m) => void (out += `${m}\n`),
      warning: (m) => void (out += `warning: ${m}\n`),
      error: (m) => void (out += `error: ${m}\n`),
      debug: (m) => void (out += `debug: ${m}\n`),
    });
    return { logger, output: () => out };
  }

  it('starts a line at column 0 only where a message of ours starts, whatever the text holds', () => {
    const level = fc.constantFrom<'info' | 'warning' | 'error' | 'debug'>(
      'info',
      'warning',
      'error',
      'debug',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(level, hostile), { maxLength: 6 }), (messages) => {
        const { logger, output } = cliLike();
        for (const [lvl, text] of messages) logger[lvl](`ours ${text}`);
        const lines = output().split(ANY_BREAK).slice(0, -1);
        const firsts = lines.filter((l) => /^((warning|error|debug): )?ours /.test(l));
        expect(firsts).toHaveLength(messages.length);
        for (const line of lines) {
          expect(isCommandLine(line)).toBe(false);
          if (!firsts.includes(line)) expect(line.startsWith(CONTINUATION.trimEnd())).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('marks the continuation of a multi-line message of ours, which still reads as a list', () => {
    expect(safeLogText('manifests: 2 problems:\n  - a.yaml: bad\n\n  - b.yaml: worse')).toBe(
      'manifests: 2 problems:\n  |   - a.yaml: bad\n  |\n  |   - b.yaml: worse',
    );
    expect(safeLogText('one line')).toBe('one line');
    expect(
      safeLogText(`route ${FORGED}`)
        .split('\n')
        .slice(1)
        .every((l) => l.startsWith('  |')),
    ).toBe(true);
  });
});

// ---- Through the CLI process and the action bundle ------------------------------------------

/** The podinfo example, changed by `edit` (file name → its text → new text). */
function manifests(edit: (file: string, text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'istio-canary-lines-'));
  for (const f of ['namespace.yaml', 'service.yaml', 'deployments.yaml', 'istio.yaml']) {
    const text = readFileSync(path.join(ROOT, 'examples', 'podinfo', f), 'utf8');
    const changed = edit(f, text);
    if (changed === text) copyFileSync(path.join(ROOT, 'examples', 'podinfo', f), path.join(dir, f));
    else writeFileSync(path.join(dir, f), changed);
  }
  return `${dir}/*.yaml`;
}

/** A YAML double-quoted scalar of s (JSON escapes; C1 and separators spelt for YAML readers). */
function yamlString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0080-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const simRun = [
  '--cluster',
  'sim',
  '--namespace',
  'test',
  '--load-host',
  'podinfo.co.uk',
  '--steps',
  '50',
  '--interval',
  '1s',
  '--min-requests',
  '5',
  '--rollout-timeout',
  '20s',
];

/** The CLI's stdout holds each output once, as ours; stderr holds no line that passes for one. */
function expectNoForgedLine(r: { stdout: string; stderr: string }): void {
  expect(forgedLines(r.stderr)).toEqual([]);
  const outputs = r.stdout.split(ANY_BREAK).filter((l) => /^[a-z-]+=/.test(l));
  const names = outputs.map((l) => l.slice(0, l.indexOf('=')));
  expect(new Set(names).size).toBe(names.length);
  expect(r.stdout).not.toMatch(/^status=promoted$/m);
  expect(r.stdout).not.toMatch(/^weight=100$/m);
  expect(r.stdout).not.toMatch(/^\s*::/m);
}

describe('forged lines through the CLI process', () => {
  it('a VirtualService http route name: quoted spelt out, the run goes on, one status line', async () => {
    const glob = manifests((f, text) =>
      f === 'istio.yaml'
        ? text.replace('  http:\n    - route:', `  http:\n    - name: ${yamlString(FORGED)}\n      route:`)
        : text,
    );
    const r = await runCli(['run', ...simRun, '--manifests', glob]);
    expect(r.stderr).toContain(`route ${SPELT}`);
    expectNoForgedLine(r);
    expect(r.stdout).toMatch(/^status=(held|rolled-back)$/m);
  });

  it('an image of the canary Deployment: quoted spelt out in the container error', async () => {
    const glob = manifests((f, text) =>
      f === 'deployments.yaml'
        ? text.replace(
            'image: ghcr.io/stefanprodan/podinfo:6.7.1',
            `image: ${yamlString(`ghcr.io/stefanprodan/podinfo:6.7.1${FORGED}`)}`,
          )
        : text,
    );
    const r = await runCli([
      'run',
      ...simRun,
      '--manifests',
      glob,
      '--canary-image',
      'ghcr.io/stefanprodan/podinfo:6.8.0',
      '--container',
      'nope',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`(ghcr.io/stefanprodan/podinfo:6.7.1${SPELT})`);
    expectNoForgedLine(r);
  });

  it('our own multi-line error (several manifest problems) marks each following line', async () => {
    const glob = manifests((f, text) =>
      f === 'deployments.yaml' ? text.replace(/^ {10}image: .*$/gm, '          image: ""') : text,
    );
    const r = await runCli(['run', ...simRun, '--manifests', glob]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    const start = lines.findIndex((l) => /^error: manifests: \d+ problems:$/.test(l));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lines[start + 1]).toMatch(/^ {2}\| {3}- .*has no image/);
    expect(lines[start + 2]).toMatch(/^ {2}\| {3}- .*has no image/);
  });

  describe('error bodies', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url?.startsWith('/api/v1/query')) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', errorType: `bad_data${FORGED}`, error: FORGED }));
        } else {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              status: 'Failure',
              reason: 'Forbidden',
              code: 403,
              message: FORGED,
            }),
          );
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const kubeconfig = () =>
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]`,
        'users: [{name: u, user: {token: t0ken-for-lines-test}}]',
        'contexts: [{name: c, context: {cluster: c, user: u}}]',
        'current-context: c',
      ].join('\n');

    it('a Prometheus error body: quoted spelt out, nothing moved', async () => {
      const r = await runCli([
        'run',
        ...simRun,
        '--manifests',
        'examples/podinfo/*.yaml',
        '--metrics',
        'prometheus',
        '--prometheus-url',
        url,
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`: ${SPELT}`);
      expectNoForgedLine(r);
    });

    it('a Kubernetes API error message: quoted spelt out', async () => {
      const r = await runCli([
        'run',
        '--cluster',
        'existing',
        '--kubeconfig',
        kubeconfig(),
        '--namespace',
        'test',
        '--manifests',
        'examples/podinfo/*.yaml',
        '--load-url',
        'http://127.0.0.1:9',
        '--steps',
        '50',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(SPELT);
      expectNoForgedLine(r);
    });

    it('the action bundle: annotations and log lines alike, as the runner shows them', async () => {
      const runs: Record<string, string>[] = [
        {
          cluster: 'sim',
          namespace: 'test',
          'load-host': 'podinfo.co.uk',
          manifests: 'examples/podinfo/*.yaml',
          metrics: 'prometheus',
          'prometheus-url': url,
          steps: '50',
          comment: 'never',
        },
        {
          cluster: 'existing',
          kubeconfig: kubeconfig(),
          namespace: 'test',
          manifests: 'examples/podinfo/*.yaml',
          'load-url': 'http://127.0.0.1:9',
          steps: '50',
          comment: 'never',
        },
      ];
      for (const inputs of runs) {
        const r = await runAction({ files: actionFiles(), inputs });
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(SPELT);
        // The runner shows an annotation's %0A as a line break: decoded, it forges no line either.
        const shown = r.stdout
          .split('\n')
          .map((l) => l.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
          .join('\n');
        const lines = shown.split(ANY_BREAK);
        expect(lines.filter((l) => /^(status|weight)=/.test(l))).toEqual([]);
        expect(lines.filter((l) => /^::error::forged/.test(l))).toEqual([]);
        expect(r.outputs.get('status')).not.toBe('promoted');
      }
    });
  });
});
