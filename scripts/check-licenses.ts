// The third-party licence file of the bundle, dist/licenses.txt: every npm package whose code
// is in dist/ with its version, its declared licence and the licence text it ships.
//
//   npx tsx scripts/check-licenses.ts --write [--stats FILE]...   write dist/licenses.txt
//   npx tsx scripts/check-licenses.ts [--stats FILE]...           exit 1 naming every bundled package
//                                                                  missing from dist/licenses.txt
// --stats is the `ncc build --stats-out FILE` of a bundle in dist/ (once per bundle); without it
// the module list comes from an in-memory ncc compile of each --entry (default src/index.ts).
//
// Why not ncc's `--license`: its licence plugin only walks the bundle's lazily loaded chunks,
// so every package in the entry chunk (@actions/core, js-yaml, @actions/http-client, tunnel,
// undici, ...) was left out (2 of about 40 packages were listed before client-node was split
// off). This script takes the module list from the bundler itself instead: the webpack stats
// ncc writes with `--stats-out FILE` (or an esbuild metafile), or, without --stats, the stats
// of an ncc compile of the same entry done here in memory. The `node_modules/...` paths that
// ncc leaves in dist/*.js comments are added to that list, so a package named in the bundle is
// never missed even when the stats are from another build.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BundledPackage {
  name: string;
  version: string;
  /** Folder of the package relative to the repository, e.g. node_modules/@actions/core. */
  dir: string;
}

export interface LicenceEntry extends BundledPackage {
  licence: string;
  repository: string;
  files: string[];
  text: string;
}

/** The innermost `node_modules/<name>` or `node_modules/@scope/<name>` folder of a module path, relative to the repository. */
export function packageDirOf(modulePath: string, root: string): string | undefined {
  let p = modulePath.replace(/\\/g, '/');
  p = p.slice(p.lastIndexOf('!') + 1); // inline loaders: the resource is the last part
  p = p.replace(/ \+ \d+ modules?$/, '').replace(/[?#].*$/, '');
  const r = root.replace(/\\/g, '/').replace(/\/$/, '');
  if (p.startsWith(`${r}/`)) p = p.slice(r.length + 1);
  p = p.replace(/^\.\//, '');
  const re = /node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/g;
  let last: RegExpExecArray | undefined;
  for (let m = re.exec(p); m; m = re.exec(p)) last = m;
  if (!last) return undefined;
  return p.slice(0, last.index + last[0].length);
}

interface StatsModule {
  name?: string;
  nameForCondition?: string;
  modules?: StatsModule[];
}

interface WebpackStats {
  chunks?: { modules?: StatsModule[] }[];
  modules?: StatsModule[];
  children?: WebpackStats[];
}

interface EsbuildMetafile {
  inputs: Record<string, unknown>;
}

/** Every module path a bundler reports: webpack/ncc stats (chunks' modules, with the modules concatenated into them) or an esbuild metafile. */
export function modulePaths(stats: WebpackStats | EsbuildMetafile): string[] {
  if ('inputs' in stats && stats.inputs && typeof stats.inputs === 'object') return Object.keys(stats.inputs);
  const out: string[] = [];
  const walk = (ms: StatsModule[] | undefined): void => {
    for (const m of ms ?? []) {
      if (m.nameForCondition) out.push(m.nameForCondition);
      if (m.name) out.push(m.name);
      walk(m.modules);
    }
  };
  const s = stats as WebpackStats;
  // Modules emitted into a chunk are what the bundle contains; compilation-wide modules also
  // list ones that tree shaking dropped, so they count only when the stats have no chunks.
  if (s.chunks && s.chunks.length > 0) for (const c of s.chunks) walk(c.modules);
  else walk(s.modules);
  for (const child of s.children ?? []) out.push(...modulePaths(child));
  return out;
}

/** Module paths that ncc's readable output names in comments (`// CONCATENATED MODULE: ./node_modules/...`). */
export function modulePathsInBundle(code: string): string[] {
  return [...code.matchAll(/\/\/ (?:CONCATENATED|EXTERNAL) MODULE: (\S+)/g)].map((m) => m[1] ?? '');
}

/** The packages of the given module paths, read from their package.json; sorted by name, then version. */
export function bundledPackages(paths: Iterable<string>, root: string): BundledPackage[] {
  const dirs = new Set<string>();
  for (const p of paths) {
    const d = packageDirOf(p, root);
    if (d) dirs.add(d);
  }
  const byKey = new Map<string, BundledPackage>();
  for (const dir of dirs) {
    const pj = JSON.parse(readFileSync(path.resolve(root, dir, 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    const name = pj.name ?? dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const version = pj.version ?? '0.0.0';
    byKey.set(`${name}@${version}`, { name, version, dir });
  }
  return [...byKey.values()].sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LICENCE_FILE = /^(?:un)?licen[cs]e|^copying|^notice/i;

/** What a package declares and the licence text it ships; throws naming the package when it ships none. */
export function licenceEntry(pkg: BundledPackage, root: string): LicenceEntry {
  const dir = path.resolve(root, pkg.dir);
  const pj = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    license?: unknown;
    licenses?: unknown;
    repository?: unknown;
  };
  const declared = pj.license ?? pj.licenses;
  const licence =
    typeof declared === 'string'
      ? declared
      : Array.isArray(declared)
        ? declared.map((l: { type?: string }) => l.type ?? '?').join(' OR ')
        : declared && typeof declared === 'object' && 'type' in declared
          ? String(declared.type)
          : 'UNDECLARED';
  const repo = pj.repository;
  const repository =
    typeof repo === 'string'
      ? repo
      : repo && typeof repo === 'object' && 'url' in repo
        ? String(repo.url)
        : '';
  const files = readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f) && statSync(path.join(dir, f)).isFile())
    .sort(compare);
  const text = files
    .map((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .replace(/\r\n?/g, '\n')
        .replace(/[ \t]+$/gm, '')
        .trim(),
    )
    .join('\n\n');
  if (text === '')
    throw new Error(
      `${pkg.name}@${pkg.version} (${pkg.dir}) is bundled but ships no licence text (no LICENSE, LICENCE, UNLICENSE, COPYING or NOTICE file; package.json says ${licence})`,
    );
  return { ...pkg, licence, repository, files, text };
}

const RULE = '-'.repeat(80);

/** dist/licenses.txt: deterministic (sorted, no dates, LF only). */
export function renderLicences(entries: LicenceEntry[], bundle = 'dist'): string {
  const head = [
    `Third-party software bundled by istio-canary in ${bundle}/ and its licences.`,
    'Generated by scripts/check-licenses.ts from the bundler’s module list; do not edit by hand.',
    `${entries.length} packages: ${entries.map((e) => `${e.name}@${e.version}`).join(', ')}`,
  ];
  const blocks = entries.map((e) =>
    [
      RULE,
      `${e.name} ${e.version}`,
      `License: ${e.licence}`,
      ...(e.repository ? [`Repository: ${e.repository}`] : []),
      `Files: ${e.files.join(', ')}`,
      '',
      e.text,
    ].join('\n'),
  );
  return `${[head.join('\n'), ...blocks].join('\n\n')}\n`;
}

/** The packages and versions dist/licenses.txt lists with their licence text (entries without text are left out). */
export function listedPackages(text: string): Map<string, { licence: string; hasText: boolean }> {
  const listed = new Map<string, { licence: string; hasText: boolean }>();
  for (const block of text.split(`${RULE}\n`).slice(1)) {
    const lines = block.split('\n');
    const head = /^(\S+) (\S+)$/.exec(lines[0] ?? '');
    const licence = /^License: (.+)$/.exec(lines[1] ?? '')?.[1];
    if (!head || !licence) continue;
    const blank = lines.indexOf('');
    const body =
      blank < 0
        ? ''
        : lines
            .slice(blank + 1)
            .join('\n')
            .trim();
    listed.set(`${head[1]}@${head[2]}`, { licence, hasText: body !== '' });
  }
  return listed;
}

/** Every way the licence file falls short of the bundle (empty when it lists exactly the bundled packages, each with its text). */
export function licenceProblems(
  licences: string,
  bundled: BundledPackage[],
  file = 'dist/licenses.txt',
): string[] {
  const listed = listedPackages(licences);
  const problems: string[] = [];
  const wanted = new Set<string>();
  for (const p of bundled) {
    const key = `${p.name}@${p.version}`;
    wanted.add(key);
    const entry = listed.get(key);
    if (!entry) problems.push(`${key} (${p.dir}) is bundled in dist/ but missing from ${file}`);
    else if (!entry.hasText) problems.push(`${key} is listed in ${file} without its licence text`);
  }
  for (const key of listed.keys())
    if (!wanted.has(key)) problems.push(`${file} lists ${key}, which the bundle does not contain`);
  return problems;
}

/** The bundle's JavaScript files: those directly in `dir` (ncc writes its chunks flat; a
 * subfolder such as dist/cli is another bundle with its own licence file). */
function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.[cm]?js$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort(compare);
}

/** The stats of an in-memory ncc compile of `entry` (the same bundler and entry as `npm run build`). */
async function compileStats(root: string, entry: string): Promise<WebpackStats> {
  // ncc ships no type declarations; its API is (entry, options) => { code, assets, stats }.
  const ncc = createRequire(import.meta.url)('@vercel/ncc') as (
    file: string,
    opts: Record<string, unknown>,
  ) => Promise<{ stats: { toJson(o: Record<string, unknown>): WebpackStats } }>;
  const { stats } = await ncc(path.join(root, entry), { quiet: true, cache: false });
  // Without the *Modules flags webpack leaves dependent, cached and runtime modules out of a
  // chunk's list, and without the *Space limits it truncates long lists.
  return stats.toJson({
    all: false,
    chunks: true,
    chunkModules: true,
    nestedModules: true,
    dependentModules: true,
    orphanModules: true,
    cachedModules: true,
    runtimeModules: true,
    chunkModulesSpace: Infinity,
    nestedModulesSpace: Infinity,
  });
}

interface Options {
  write: boolean;
  /** Module lists (--stats, repeatable: one per bundle); none: compile `entries` in memory. */
  stats: string[];
  entries: string[];
  dist: string;
  root?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { write: false, stats: [], entries: [], dist: 'dist' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--write') o.write = true;
    else if (a === '--stats') o.stats.push(value());
    else if (a === '--entry') o.entries.push(value());
    else if (a === '--dist') o.dist = value();
    else if (a === '--root') o.root = value();
    else
      throw new Error(
        `unknown argument ${JSON.stringify(a)}: accepted are --write, --stats FILE, --entry FILE, --dist DIR, --root DIR`,
      );
  }
  return o;
}

export async function main(argv: string[], repoRoot: string): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`check-licenses: ${(e as Error).message}\n`);
    return 2;
  }
  const root = path.resolve(o.root ?? repoRoot);
  const dist = path.resolve(root, o.dist);
  const paths: string[] = [];
  for (const file of o.stats) {
    let stats: WebpackStats & { outputPath?: string; assets?: { name: string }[] };
    try {
      stats = JSON.parse(readFileSync(path.resolve(root, file), 'utf8')) as typeof stats;
    } catch (e) {
      process.stderr.write(`check-licenses: cannot read the module list ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    // A module list older than the files of its bundle describes an earlier build.
    const statsTime = statSync(path.resolve(root, file)).mtimeMs;
    const outputs =
      stats.outputPath && stats.assets
        ? stats.assets.map((a) => path.join(stats.outputPath!, a.name)).filter((f) => /\.[cm]?js$/.test(f))
        : jsFiles(dist);
    const newer = outputs.find((f) => (statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0) > statsTime);
    if (newer) {
      process.stderr.write(
        `check-licenses: ${file} is older than ${path.relative(root, newer)}: it lists the modules of an earlier build; rebuild, or omit --stats to compile the module list here\n`,
      );
      return 1;
    }
    paths.push(...modulePaths(stats));
  }
  if (o.stats.length === 0) {
    for (const entry of o.entries.length > 0 ? o.entries : ['src/index.ts']) {
      try {
        paths.push(...modulePaths(await compileStats(root, entry)));
      } catch (e) {
        // ncc's errors carry whole lines of its minified source; the first lines name the cause.
        const message = String((e as Error).message ?? e).slice(0, 2000);
        process.stderr.write(`check-licenses: no module list from an ncc compile of ${entry}: ${message}\n`);
        return 1;
      }
    }
  }
  for (const f of jsFiles(dist)) paths.push(...modulePathsInBundle(readFileSync(f, 'utf8')));
  const bundled = bundledPackages(paths, root);
  if (bundled.length === 0) {
    process.stderr.write(
      'check-licenses: the module list names no package under node_modules; is it the right stats file?\n',
    );
    return 1;
  }
  const file = path.join(dist, 'licenses.txt');
  const rel = path.relative(root, file);
  if (o.write) {
    writeFileSync(
      file,
      renderLicences(
        bundled.map((p) => licenceEntry(p, root)),
        path.relative(root, dist).replace(/\\/g, '/'),
      ),
    );
    process.stdout.write(`check-licenses: wrote ${rel} (${bundled.length} packages)\n`);
    return 0;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    process.stderr.write(
      `check-licenses: ${rel} is missing; run npx tsx scripts/check-licenses.ts --write\n`,
    );
    return 1;
  }
  const problems = licenceProblems(text, bundled, rel);
  for (const p of problems) process.stderr.write(`check-licenses: ${p}\n`);
  if (problems.length > 0) {
    process.stderr.write('check-licenses: regenerate it with npx tsx scripts/check-licenses.ts --write\n');
    return 1;
  }
  process.stdout.write(
    `check-licenses: ${rel} lists all ${bundled.length} bundled packages with their licence text\n`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.exitCode = await main(process.argv.slice(2), root);
}
