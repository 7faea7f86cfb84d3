// Secrets never leave (issue 12 item 10): every secret input is masked in the runner
// (`::add-mask::`) and redacted from every text the action emits, whatever its source; the
// classic attack is a Prometheus that echoes the Authorization header in its error body.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authHeaderSecrets,
  inputSecrets,
  kubeconfigSecrets,
  Redactor,
  REDACTED,
  secretForms,
  showUrl,
  urlSecrets,
} from '../src/redact.js';
import { INPUTS } from '../src/contract.js';
import { escapeMarkdown } from '../src/report/escape.js';
import { actionFiles, maskedValues, runAction, runCli } from './support/action-run.js';
import { GithubServer } from './support/github-server.js';

const PEM_BODY = [
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
];
const PEM = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY.join('\n')}\n-----END PRIVATE KEY-----\n`;
const CLIENT_KEY_DATA = Buffer.from(PEM).toString('base64');

function kubeconfig(token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: prod',
    '  cluster:',
    '    server: https://kube.example.com:6443',
    '    certificate-authority-data: Q0EgZGF0YSBpcyBub3Qgc2VjcmV0',
    'users:',
    '- name: admin',
    '  user:',
    `    token: ${token}`,
    '    password: hunter2-Pa55word',
    `    client-key-data: ${CLIENT_KEY_DATA}`,
    '- name: oidc',
    '  user:',
    '    auth-provider:',
    '      name: oidc',
    '      config:',
    '        id-token: eyJhbGciOiJSUzI1NiJ9.idtoken42',
    '        refresh-token: refresh-Tok3n-77',
    '        client-id: not-a-secret-client',
    '- name: eks',
    '  user:',
    '    exec:',
    '      command: aws',
    '      args: [eks, get-token, --token=exec-arg-T0ken9, --cluster-name, prod]',
    '      env:',
    '      - name: AWS_SECRET_ACCESS_KEY',
    '        value: wJalrXUtnFEMI-K7MDENG',
    '      - name: AWS_REGION',
    '        value: eu-west-1',
    'contexts:',
    '- name: prod',
    '  context: {cluster: prod, user: admin}',
    'current-context: prod',
    '',
  ].join('\n');
}

describe('which values are secret', () => {
  it('an Authorization header: the value, the credential after Bearer/Basic, and Basic’s user:password and password', () => {
    expect(authHeaderSecrets('Bearer abc.def-123')).toEqual(['Bearer abc.def-123', 'abc.def-123']);
    const basic = Buffer.from('alice:Open-Sesame9').toString('base64');
    expect(authHeaderSecrets(`Basic ${basic}`)).toEqual([
      `Basic ${basic}`,
      basic,
      'alice:Open-Sesame9',
      'Open-Sesame9',
    ]);
    expect(authHeaderSecrets('just-a-key-1234')).toEqual(['just-a-key-1234']);
  });

  it('a kubeconfig: tokens, passwords, client keys (and the decoded PEM), auth-provider and exec credentials; not names, servers or CA data', () => {
    const found = kubeconfigSecrets(kubeconfig('kube-T0ken-abcdef'));
    for (const s of [
      'kube-T0ken-abcdef',
      'hunter2-Pa55word',
      CLIENT_KEY_DATA,
      PEM,
      'eyJhbGciOiJSUzI1NiJ9.idtoken42',
      'refresh-Tok3n-77',
      'exec-arg-T0ken9',
      'wJalrXUtnFEMI-K7MDENG',
    ])
      expect(found).toContain(s);
    for (const s of [
      'admin',
      'https://kube.example.com:6443',
      'Q0EgZGF0YSBpcyBub3Qgc2VjcmV0',
      'eu-west-1',
      'not-a-secret-client',
    ])
      expect(found).not.toContain(s);
    // The PEM's body lines are secrets one by one (a log may print one line); its armour is not.
    const forms = found.flatMap(secretForms);
    for (const line of PEM_BODY) expect(forms).toContain(line);
    expect(forms).not.toContain('-----BEGIN PRIVATE KEY-----');
    // The kubeconfig input is masked whole and by its fields, never line by line: its ordinary
    // lines stay readable wherever they appear (a dry-run plan prints `apiVersion: v1`).
    const r = new Redactor();
    for (const s of inputSecrets('kubeconfig', kubeconfig('kube-T0ken-abcdef'))) r.add(s);
    expect(r.redact('apiVersion: v1\nkind: Config\ncurrent-context: prod\n- name: admin')).toBe(
      'apiVersion: v1\nkind: Config\ncurrent-context: prod\n- name: admin',
    );
    expect(r.redact(`token kube-T0ken-abcdef and ${PEM_BODY[1]}`)).toBe(`token ${REDACTED} and ${REDACTED}`);
  });

  it('a password inside a URL, and nothing from text that is not YAML or not a URL', () => {
    expect(urlSecrets('https://bob:p%40ss-word@prom.example.com')).toEqual(['p%40ss-word', 'p@ss-word']);
    expect(urlSecrets('https://prom.example.com')).toEqual([]);
    expect(urlSecrets('not a url')).toEqual([]);
    expect(kubeconfigSecrets('{{{ not: yaml')).toEqual([]);
    expect(inputSecrets('github-token', '  ghs_abc123  ')).toEqual(['ghs_abc123']);
    expect(inputSecrets('kubeconfig', '')).toEqual([]);
  });
});

describe('the redactor', () => {
  const token = fc.stringMatching(/^[A-Za-z0-9_\-./+=:"\\ ]{4,40}$/).filter((s) => s.trim().length >= 4);
  const text = fc.string({ maxLength: 60 });

  it('removes a secret wherever it stands, as is, JSON-escaped, URL-encoded and markdown-escaped', () => {
    fc.assert(
      fc.property(token, text, text, (secret, a, b) => {
        const r = new Redactor();
        r.add(secret);
        const s = secret.trim();
        for (const shown of [
          s,
          JSON.stringify(s).slice(1, -1),
          encodeURIComponent(s),
          escapeMarkdown(s, 1e9),
        ])
          expect(r.redact(`${a}${shown}${b}`)).not.toContain(shown);
      }),
    );
  });

  it('leaves text without the secret unchanged, and ignores values shorter than 4 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{0,80}$/), (prose) => {
        const r = new Redactor();
        r.add('Tok3n-9f8e7d6c5b4a');
        r.add('abc');
        expect(r.redact(prose)).toBe(prose);
      }),
    );
    const r = new Redactor();
    expect(r.add('ab1')).toEqual([]);
    expect(r.redact('ab1 stays')).toBe('ab1 stays');
  });

  it('removes the cut-off start or end of a token-like secret (an error body sliced mid-token)', () => {
    const secret = 'ghp_9aZ8bY7cX6dW5eV4fU3gT2hS1';
    const r = new Redactor();
    r.add(secret);
    for (let cut = Math.ceil(secret.length / 2); cut < secret.length; cut++) {
      const head = secret.slice(0, cut);
      const tail = secret.slice(-cut);
      expect(r.redact(`body: ${head}`)).toBe(`body: ${REDACTED}`);
      expect(r.redact(`${tail} (end)`)).toBe(`${REDACTED} (end)`);
    }
    // Prose that shares a short beginning with a secret stays.
    expect(r.redact('ghp_9aZ8 is short')).toBe('ghp_9aZ8 is short');
  });

  it('redacts every string of a report, keeping its shape', () => {
    const r = new Redactor();
    r.add('s3cr3t-value-XYZ');
    const report = { reason: 'echo s3cr3t-value-XYZ', n: 3, list: ['a', 'x s3cr3t-value-XYZ'], none: null };
    expect(r.redactDeep(report)).toEqual({
      reason: `echo ${REDACTED}`,
      n: 3,
      list: ['a', `x ${REDACTED}`],
      none: null,
    });
  });
});

// ---- Through the action bundle, as the runner starts it --------------------------------------

const GITHUB_TOKEN = 'ghs_Gh1tHubT0kenValue42xyz';
const KUBE_TOKEN = 'kube-T0ken-abcdef';

describe('the action masks every secret input before anything else', () => {
  it('prints ::add-mask:: for each secret input and each part that travels alone, and no secret elsewhere', async () => {
    const basic = Buffer.from('alice:Open-Sesame9').toString('base64');
    const secretInputs: Record<string, string> = {
      'github-token': GITHUB_TOKEN,
      'prometheus-auth': `Basic ${basic}`,
      kubeconfig: kubeconfig(KUBE_TOKEN),
    };
    // Every input the contract marks secret is covered here: a new one fails this test until added.
    expect(
      INPUTS.filter((i) => i.secret)
        .map((i) => i.name)
        .sort(),
    ).toEqual(Object.keys(secretInputs).sort());
    const files = actionFiles();
    const r = await runAction({
      files,
      // An invalid input: main stops before any network use.
      inputs: { ...secretInputs, steps: '0' },
    });
    expect(r.code).toBe(1);
    const masked = maskedValues(r.stdout);
    for (const value of Object.values(secretInputs)) expect(masked).toContain(value.trim());
    for (const secret of [
      GITHUB_TOKEN,
      `Basic ${basic}`,
      basic,
      'alice:Open-Sesame9',
      'Open-Sesame9',
      kubeconfig(KUBE_TOKEN).trim(),
      KUBE_TOKEN,
      'hunter2-Pa55word',
      CLIENT_KEY_DATA,
      ...PEM_BODY,
      'refresh-Tok3n-77',
      'wJalrXUtnFEMI-K7MDENG',
    ])
      expect(masked).toContain(secret);
    // Masks come first: no other line precedes them.
    const lines = r.stdout.split('\n');
    const firstOther = lines.findIndex((l) => l !== '' && !l.startsWith('::add-mask::'));
    expect(lines.slice(firstOther).some((l) => l.startsWith('::add-mask::'))).toBe(false);
    const rest = lines.slice(firstOther).join('\n');
    for (const secret of [GITHUB_TOKEN, basic, KUBE_TOKEN, 'Open-Sesame9'])
      expect(rest).not.toContain(secret);
    expect(rest).toMatch(/::error::steps: /);
  });
});

describe('a Prometheus that echoes the Authorization header', () => {
  const CREDENTIAL = 's3cr3t_Tok/en+9Q=xyzW8v7u6';
  const HEADER = `Bearer ${CREDENTIAL}`;
  let prometheus: Server;
  let prometheusUrl = '';
  let mode: 'json' | 'text' = 'json';
  const seen: string[] = [];
  let github: GithubServer;

  beforeAll(async () => {
    prometheus = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      seen.push(auth);
      if (mode === 'json') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'error',
            errorType: 'bad_data',
            error: `echo-marker: bad header ${auth}`,
          }),
        );
      } else {
        // A plain-text body long enough that a 200-character slice ends inside the credential.
        const lead = 'echo-marker ';
        const pad = 'x'.repeat(200 - lead.length - 'Bearer '.length - 15);
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`${lead}${pad}${auth} and more`);
      }
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    prometheusUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
    github = await new GithubServer({
      tokens: [{ token: GITHUB_TOKEN, login: 'github-actions[bot]', kind: 'app' }],
    }).start();
  });
  afterAll(async () => {
    await new Promise((resolve) => prometheus.close(resolve));
    await github.close();
  });

  for (const echo of ['json', 'text'] as const)
    it(`keeps the secret out of the log, outputs, job summary, report JSON and PR comment (${echo} error body)`, async () => {
      mode = echo;
      seen.length = 0;
      const files = actionFiles();
      // $KUBECONFIG names a file whose token is masked too (the embedded mesh ignores it).
      const kubeconfigFile = path.join(files.dir, 'kubeconfig');
      writeFileSync(kubeconfigFile, kubeconfig('file-T0ken-987654'));
      const r = await runAction({
        files,
        inputs: {
          cluster: 'sim',
          namespace: 'test',
          manifests: 'examples/podinfo/*.yaml',
          metrics: 'prometheus',
          'prometheus-url': prometheusUrl,
          'prometheus-auth': HEADER,
          'github-token': GITHUB_TOKEN,
          comment: 'always',
          steps: '10,100',
          interval: '1s',
          'min-requests': '1',
          // A healthy canary must pass in a single run: the judge's false-alarm budget per window far
          // below what one run could notice.
          'false-rollback-rate': '0.01%',
          'rollout-timeout': '20s',
        },
        env: {
          KUBECONFIG: kubeconfigFile,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: new URL('./fixtures/pull_request_event.json', import.meta.url).pathname,
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_RUN_ID: '4242',
          GITHUB_WORKFLOW: 'canary',
          GITHUB_API_URL: github.apiUrl,
        },
      });
      // The header did reach Prometheus, and its echo reached our texts.
      expect(seen).toContain(HEADER);
      const comments = github.commentsOn('acme/shop', 42);
      expect(comments.length).toBeGreaterThan(0);
      const reportDir = path.join(files.temp);
      const reports = readdirSync(reportDir).filter((f) => f.endsWith('.json'));
      expect(reports).toHaveLength(1);
      const sinks: Record<string, string> = {
        stdout: r.stdout
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n'),
        stderr: r.stderr,
        summary: r.summaryFile,
        outputs: r.outputFile,
        reportJson: readFileSync(path.join(reportDir, reports[0]!), 'utf8'),
        comment: comments.map((c) => c.body).join('\n'),
      };
      expect(sinks.stdout).toContain('echo-marker');
      expect(sinks.comment).toContain('echo-marker');
      expect(sinks.reportJson).toContain('echo-marker');
      expect(sinks.summary).toContain('echo-marker');
      // The whole value, the credential, its encoded forms, and any 13 characters of its start.
      const forbidden = [
        HEADER,
        CREDENTIAL,
        encodeURIComponent(CREDENTIAL),
        escapeMarkdown(CREDENTIAL),
        CREDENTIAL.slice(0, 13),
        escapeMarkdown(CREDENTIAL.slice(0, 13)),
        GITHUB_TOKEN,
        'file-T0ken-987654',
      ];
      const leaks = Object.entries(sinks).flatMap(([sink, text]) =>
        forbidden.filter((secret) => text.includes(secret)).map((secret) => `${sink}: ${secret}`),
      );
      expect(leaks).toEqual([]);
      const masked = maskedValues(r.stdout);
      expect(masked).toContain(HEADER);
      expect(masked).toContain(CREDENTIAL);
      expect(masked).toContain('file-T0ken-987654');
      expect(r.code).toBe(1);
    });
});

describe('a Kubernetes API server that echoes the bearer token', () => {
  let api: Server;
  let url = '';
  beforeAll(async () => {
    api = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Unauthorized',
          code: 401,
          message: `echo-marker: token rejected: ${req.headers.authorization ?? ''}`,
        }),
      );
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => api.close(resolve)));

  const kubeconfigFor = (token: string) =>
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]`,
      `users: [{name: u, user: {token: ${token}}}]`,
      'contexts: [{name: c, context: {cluster: c, user: u}}]',
      'current-context: c',
    ].join('\n');

  for (const source of ['the kubeconfig input', '$KUBECONFIG'] as const)
    it(`keeps a token from ${source} out of every output`, async () => {
      const token = source === '$KUBECONFIG' ? 'env-file-T0ken-5551234' : 'input-T0ken-7771234';
      const files = actionFiles();
      const file = path.join(files.dir, 'kubeconfig');
      writeFileSync(file, kubeconfigFor(token));
      const r = await runAction({
        files,
        inputs: {
          cluster: 'existing',
          ...(source === '$KUBECONFIG' ? {} : { kubeconfig: kubeconfigFor(token) }),
          namespace: 'test',
          manifests: 'examples/podinfo/*.yaml',
          'load-url': 'http://127.0.0.1:9',
          steps: '50',
          comment: 'never',
        },
        env: source === '$KUBECONFIG' ? { KUBECONFIG: file } : {},
      });
      expect(r.code).toBe(1);
      const log = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n');
      // The echo reached the log, with the token in its place redacted.
      expect(log).toContain('token rejected: Bearer ***');
      const leaks = Object.entries({ log, stderr: r.stderr, summary: r.summaryFile, outputs: r.outputFile })
        .filter(([, text]) => text.includes(token) || text.includes(token.slice(0, 12)))
        .map(([sink]) => sink);
      expect(leaks).toEqual([]);
      expect(maskedValues(r.stdout)).toContain(token);
    });
});

describe('the CLI with a Prometheus that echoes the Authorization header', () => {
  it('prints the secret on neither stdout nor stderr', async () => {
    const credential = 'cli-s3cr3t-Tok3n-0099887766';
    const prometheus = createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: `echo-marker ${req.headers.authorization}`,
        }),
      );
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    try {
      const r = await runCli(
        [
          'run',
          '--cluster',
          'sim',
          '--namespace',
          'test',
          '--manifests',
          'examples/podinfo/*.yaml',
          '--metrics',
          'prometheus',
          '--prometheus-url',
          `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`,
          '--prometheus-auth',
          `Bearer ${credential}`,
          '--steps',
          '10,100',
          '--interval',
          '1s',
          '--comment',
          'never',
        ],
        { RUNNER_TEMP: actionFiles().temp },
      );
      expect(r.stderr + r.stdout).toContain('echo-marker ***');
      // The report JSON the CLI wrote (its path is an output) holds the echo, redacted too.
      const reportJson = readFileSync(/^report-json=(.+)$/m.exec(r.stdout)![1]!, 'utf8');
      expect(reportJson).toContain('echo-marker ***');
      expect((r.stderr + r.stdout + reportJson).includes(credential.slice(0, 12))).toBe(false);
      expect(r.code).toBe(1);
    } finally {
      await new Promise((resolve) => prometheus.close(resolve));
    }
  });
});

describe('credentials in a URL input: userinfo and secret-looking query parameters', () => {
  it('are secrets (as written and decoded), and a shown URL has them as ***', () => {
    expect(
      urlSecrets('http://h/echo?access_token=QTOKEN9&tenant=a&X-Amz-Signature=abc%2Bdef1&api_key=k3y-1'),
    ).toEqual(['QTOKEN9', 'abc%2Bdef1', 'abc+def1', 'k3y-1']);
    expect(urlSecrets('https://ghp_T0kenAsUser9@example.com/x?page=2&sort=asc')).toEqual([
      'ghp_T0kenAsUser9',
    ]);
    expect(urlSecrets('http://h/?token=tok3n&password=pw1234&sig=s1gn&session=sess-9&q=up')).toEqual([
      'tok3n',
      'pw1234',
      's1gn',
      'sess-9',
    ]);
    expect(showUrl('http://u:p4ss@h:9/echo?access_token=QTOKEN9&tenant=a&X-Amz-Credential=AKIA1')).toBe(
      'http://***@h:9/echo?access_token=***&tenant=a&X-Amz-Credential=***',
    );
    // Not a URL: the same by pattern.
    expect(showUrl('/login?next=/a&token=ab')).toBe('/login?next=/a&token=***');
  });

  it('the CLI names a refused URL input with its credentials as ***', async () => {
    const r = await runCli([
      'run',
      '--cluster',
      'sim',
      '--namespace',
      'test',
      '--manifests',
      'examples/podinfo/*.yaml',
      '--metrics',
      'prometheus',
      '--prometheus-url',
      'ftp://robot:Ftp-Pa55word@prom.example/x?token=Ftp-T0ken1&tenant=a',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ftp://***@prom.example/x?token=***&tenant=a');
    expect(r.stderr).toContain('has scheme ftp:, not http or https');
    expect(r.stdout + r.stderr).not.toMatch(/Ftp-Pa55word|Ftp-T0ken1/);
  });

  // The server echoes the request line in its error body: the value reaches our texts and must
  // be redacted there, and it is masked in the runner before anything else is printed.
  const echo = createServer((req, res) => {
    seenUrls.push(req.url ?? '');
    if ((req.url ?? '').startsWith('/echo/')) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `echo-marker ${req.url}` }));
    } else {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(`echo-marker ${req.url}`);
    }
  });
  const seenUrls: string[] = [];
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => echo.close(resolve)));

  const cases = [
    {
      name: 'prometheus-url ?access_token= and X-Amz-Signature=',
      secrets: ['QTOKEN9', 'S1gnature-77'],
      shown: 'access_token=***',
      inputs: (): Record<string, string> => ({
        metrics: 'prometheus',
        'prometheus-url': `${base}/echo?access_token=QTOKEN9&X-Amz-Signature=S1gnature-77`,
      }),
    },
    {
      name: 'load-url ?token=',
      secrets: ['tok3n'],
      shown: '/load?token=***',
      inputs: (): Record<string, string> => ({
        'load-url': `${base}/load?token=tok3n`,
        'load-host': 'podinfo.co.uk',
      }),
    },
  ];
  for (const c of cases)
    it(`the action masks and redacts the ${c.name} in the log, summary, outputs and report JSON`, async () => {
      seenUrls.length = 0;
      const files = actionFiles();
      const r = await runAction({
        files,
        inputs: {
          cluster: 'sim',
          namespace: 'test',
          manifests: 'examples/podinfo/*.yaml',
          steps: '10,100',
          interval: '1s',
          comment: 'never',
          'rollout-timeout': '20s',
          ...c.inputs(),
        },
      });
      expect(r.code).toBe(1);
      // The request carried the credential, and its echo reached our texts.
      expect(seenUrls.some((u) => c.secrets.every((s) => u.includes(s)))).toBe(true);
      const reports = readdirSync(files.temp).filter((f) => f.endsWith('.json'));
      expect(reports).toHaveLength(1);
      const sinks: Record<string, string> = {
        stdout: r.stdout
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n'),
        stderr: r.stderr,
        summary: r.summaryFile,
        outputs: r.outputFile,
        reportJson: readFileSync(path.join(files.temp, reports[0]!), 'utf8'),
      };
      expect(sinks.stdout).toContain('echo-marker');
      expect(sinks.reportJson).toContain('echo-marker');
      expect(sinks.stdout).toContain(c.shown);
      const leaks = Object.entries(sinks).flatMap(([sink, text]) =>
        c.secrets.filter((secret) => text.includes(secret)).map((secret) => `${sink}: ${secret}`),
      );
      expect(leaks).toEqual([]);
      const masked = maskedValues(r.stdout);
      for (const secret of c.secrets) expect(masked).toContain(secret);
    });
});
