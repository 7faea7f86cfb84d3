// Start-up cost: how long and how much memory a bad-configuration exit of the action bundle
// takes (`INPUT_STEPS=10,5,200 INPUT_CLUSTER=docker node dist/index.js`), against the
// committed bundles of two popular JavaScript actions in the same run, and the CLI's --help
// against the action's start. Median of N runs each, interleaved so load hits all alike.
//
//   npm run build && npx tsx bench/startup.ts [--runs 9]
//
// The anchors are not part of this repository: their dist/index.js is read out of a clone
// into .tmp/anchors/ (gitignored), e.g.
//   git --git-dir=<clone of actions/checkout>/.git show HEAD:dist/index.js > .tmp/anchors/checkout/index.js
//   git --git-dir=<clone of marocchino/sticky-pull-request-comment>/.git show HEAD:dist/index.js \
//     > .tmp/anchors/sticky-pull-request-comment/index.js
// Without them the bench measures ours alone and says which anchor is missing.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { parseArgv } from '../src/args.js';

const root = resolve(import.meta.dirname, '..');
const anchorsDir = join(root, '.tmp', 'anchors');
const TIME = '/usr/bin/time';

interface Case {
  name: string;
  args: string[];
  /** Folder whose package.json decides CommonJS or ESM for the file (anchors: their own). */
  cwd: string;
}

interface Sample {
  ms: number;
  rssKb: number | null;
  code: number | null;
}

const { values } = parseArgv(process.argv.slice(2), {
  runs: { type: 'string', accepts: 'a number ≥ 5' },
  dist: { type: 'string', accepts: 'a folder holding an action bundle (default: dist)' },
});
const sourceDist = resolve(root, typeof values.dist === 'string' ? values.dist : 'dist');
const runs = Math.max(5, Number(values.runs ?? 9) || 9);

const scratch = mkdtempSync(join(tmpdir(), 'istio-canary-startup-'));
const baseEnv: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: scratch,
  GITHUB_STATE: join(scratch, 'state'),
  GITHUB_OUTPUT: join(scratch, 'output'),
  INPUT_STEPS: '10,5,200',
  INPUT_CLUSTER: 'docker',
};

// A copy of the bundle, so a build running meanwhile (another test run) cannot change it.
const dist = join(scratch, 'dist');
if (!existsSync(join(sourceDist, 'index.js')))
  throw new Error(`no bundle at ${sourceDist}: run npm run build first`);
cpSync(sourceDist, dist, { recursive: true });
mkdirSync(join(scratch, 'bin'));
cpSync(join(root, 'bin', 'istio-canary.js'), join(scratch, 'bin', 'istio-canary.js'));
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));

// The runner creates these files before a step starts.
writeFileSync(baseEnv.GITHUB_STATE!, '');
writeFileSync(baseEnv.GITHUB_OUTPUT!, '');

const cases: Case[] = [
  { name: 'istio-canary action, bad config', args: [join(dist, 'index.js')], cwd: root },
];
const missing: string[] = [];
for (const [name, repo] of [
  ['checkout', 'actions/checkout'],
  ['sticky-pull-request-comment', 'marocchino/sticky-pull-request-comment'],
] as const) {
  const file = join(anchorsDir, name, 'index.js');
  if (!existsSync(file)) {
    missing.push(`${repo} (put its dist/index.js at ${file})`);
    continue;
  }
  // The anchor's own package type: checkout ships dist/package.json (module); sticky is CommonJS.
  const pkg = join(anchorsDir, name, 'package.json');
  if (!existsSync(pkg)) {
    const cjs = readFileSync(file, 'utf8').slice(0, 200).includes("'use strict'");
    writeFileSync(pkg, JSON.stringify({ type: cjs ? 'commonjs' : 'module' }));
  }
  cases.push({ name: `${repo} bundle, same env`, args: [file], cwd: join(anchorsDir, name) });
}
cases.push({ name: 'node -e "" (node alone)', args: ['-e', ''], cwd: root });
cases.push({
  name: 'istio-canary CLI --help',
  args: [join(scratch, 'bin/istio-canary.js'), '--help'],
  cwd: root,
});

const hasTime = existsSync(TIME);

/** What the action must print for the bad configuration: proof the run measured the real exit. */
const EXPECTED = 'input(s) are not valid; nothing was changed.';

function check(c: Case): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, c.args, {
      cwd: c.cwd,
      env: baseEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', () =>
      out.includes(EXPECTED)
        ? done()
        : fail(new Error(`${c.name} did not print "${EXPECTED}":\n${out.slice(0, 2000)}`)),
    );
  });
}

function once(c: Case): Promise<Sample> {
  const out = join(scratch, 'rss');
  const [cmd, args] = hasTime
    ? [TIME, ['-f', '%M', '-o', out, process.execPath, ...c.args]]
    : [process.execPath, c.args];
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: c.cwd, env: baseEnv, stdio: 'ignore' });
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const rss = hasTime ? Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) : NaN;
      done({ ms, rssKb: Number.isFinite(rss) ? rss : null, code });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
await check(cases[0]!);
for (const c of cases) await once(c); // warm the file cache
for (let i = 0; i < runs; i++) for (const c of cases) samples.get(c.name)!.push(await once(c));

const rows = cases.map((c) => {
  const s = samples.get(c.name)!;
  const rss = s.map((x) => x.rssKb).filter((x): x is number => x !== null);
  return {
    name: c.name,
    ms: median(s.map((x) => x.ms)),
    rssMb: rss.length ? median(rss) / 1024 : null,
    code: s[0]!.code,
  };
});
const ours = rows[0]!;
const help = rows.at(-1)!;
const anchors = rows.filter((r) => r.name.includes(' bundle, same env'));

const bytes = (p: string): number => (existsSync(p) ? statSync(p).size : 0);
const distFiles = existsSync(dist) ? readdirSync(dist, { recursive: true }) : [];
const distTotal = distFiles.reduce((n, f) => n + bytes(join(dist, String(f))), 0);
const mb = (n: number): string => (n / 1024 / 1024).toFixed(2);

console.log(
  `start-up, median of ${runs} runs each (node ${process.version}, peak RSS from ${hasTime ? TIME : 'n/a'})\n`,
);
console.log('| case | exit | wall ms | peak RSS MB | wall vs ours |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.code} | ${r.ms.toFixed(0)} | ${r.rssMb?.toFixed(1) ?? 'n/a'} | ${(r.ms / ours.ms).toFixed(2)} |`,
  );
console.log('');
const goals: [string, boolean][] = [];
for (const a of anchors)
  goals.push([`bad-config exit ≤ 1.2x ${a.name}: ${(ours.ms / a.ms).toFixed(2)}x`, ours.ms <= 1.2 * a.ms]);
if (ours.rssMb !== null) goals.push([`peak RSS ≤ 80 MB: ${ours.rssMb.toFixed(1)} MB`, ours.rssMb <= 80]);
goals.push([
  `dist/index.js ≤ 3 MB: ${mb(bytes(join(dist, 'index.js')))} MB (all of dist/: ${mb(distTotal)} MB in ${distFiles.length} files)`,
  bytes(join(dist, 'index.js')) <= 3 * 1024 * 1024,
]);
goals.push([
  `CLI --help ≤ 2x the action's start: ${(help.ms / ours.ms).toFixed(2)}x`,
  help.ms <= 2 * ours.ms,
]);
for (const [text, ok] of goals) console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
if (missing.length) console.log(`\nskipped anchors (not found): ${missing.join('; ')}`);
