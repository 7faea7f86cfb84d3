// scripts/check-licenses.ts: the licence file of the bundle lists every package the bundler put
// in dist/, with its text, and the check fails naming any package that is missing from it.
// The packages live in a temporary repository so each case controls what is "bundled".
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundledPackages,
  licenceEntry,
  licenceProblems,
  listedPackages,
  modulePaths,
  modulePathsInBundle,
  packageDirOf,
  renderLicences,
} from '../scripts/check-licenses.js';

const script = fileURLToPath(new URL('../scripts/check-licenses.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
let root: string;

function pkg(dir: string, json: Record<string, unknown>, files: Record<string, string> = {}): void {
  const d = path.join(root, dir);
  mkdirSync(d, { recursive: true });
  writeFileSync(path.join(d, 'package.json'), JSON.stringify(json));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
}

/** Webpack stats as ncc writes them with --stats-out: modules per chunk, concatenated ones nested. */
function stats(): unknown {
  return {
    modules: [{ name: './node_modules/dropped/index.js' }], // in the compilation, in no chunk
    chunks: [
      {
        modules: [
          {
            name: './src/index.ts + 3 modules',
            modules: [
              { name: './src/index.ts', nameForCondition: `${root}/src/index.ts` },
              {
                name: './node_modules/@acme/core/lib/core.js',
                nameForCondition: `${root}/node_modules/@acme/core/lib/core.js`,
              },
            ],
          },
          { name: './node_modules/tunnelish/index.js' },
          { name: './node_modules/@acme/core/node_modules/tunnelish/lib/old.js' },
        ],
      },
      { modules: [{ name: './node_modules/helper/@@notfound.js?bufferutil' }] },
    ],
  };
}

function writeStats(): string {
  const f = path.join(root, '.tmp', 'bundle-stats.json');
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, JSON.stringify(stats()));
  return f;
}

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [tsx, script, '--root', root, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'licences-'));
  pkg(
    'node_modules/@acme/core',
    { name: '@acme/core', version: '3.0.1', license: 'MIT' },
    { 'LICENSE.md': 'MIT core text\r\n' },
  );
  pkg(
    'node_modules/tunnelish',
    { name: 'tunnelish', version: '0.0.6', license: 'MIT' },
    { LICENSE: 'tunnel text' },
  );
  pkg(
    'node_modules/@acme/core/node_modules/tunnelish',
    { name: 'tunnelish', version: '0.0.5', licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] },
    { 'LICENSE-MIT': 'old MIT', 'LICENSE-APACHE': 'old Apache' },
  );
  pkg(
    'node_modules/helper',
    { name: 'helper', version: '1.0.0', license: 'Unlicense' },
    { UNLICENSE: 'public domain' },
  );
  pkg(
    'node_modules/yamlish',
    { name: 'yamlish', version: '5.5.0', license: 'MIT' },
    { license: 'yaml text' },
  );
  pkg('node_modules/dropped', { name: 'dropped', version: '1.0.0', license: 'MIT' }, { LICENSE: 'x' });
  pkg(
    'node_modules/bare',
    { name: 'bare', version: '1.0.0', license: 'ISC' },
    { 'README.md': 'no licence file' },
  );
  mkdirSync(path.join(root, 'dist', 'sub'), { recursive: true });
  // A package the stats do not name but the bundle's comments do.
  writeFileSync(
    path.join(root, 'dist', 'index.js'),
    '// EXTERNAL MODULE: ./node_modules/yamlish/dist/yaml.mjs\n;// CONCATENATED MODULE: ./node_modules/@acme/core/lib/x.js\n',
  );
  writeFileSync(path.join(root, 'dist', 'sub', '1.index.js'), '/***/ 12: (() => {})\n');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('licence file of the bundle', () => {
  it('writes every bundled package once per version, sorted, with its declared licence and shipped text', () => {
    const stats = writeStats();
    const w = run('--write', '--stats', stats);
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    const text = readFileSync(path.join(root, 'dist', 'licenses.txt'), 'utf8');
    expect([...listedPackages(text).entries()]).toEqual([
      ['@acme/core@3.0.1', { licence: 'MIT', hasText: true }],
      ['helper@1.0.0', { licence: 'Unlicense', hasText: true }],
      ['tunnelish@0.0.5', { licence: 'MIT OR Apache-2.0', hasText: true }],
      ['tunnelish@0.0.6', { licence: 'MIT', hasText: true }],
      ['yamlish@5.5.0', { licence: 'MIT', hasText: true }],
    ]);
    expect(text).toContain('\nFiles: LICENSE-APACHE, LICENSE-MIT\n\nold Apache\n\nold MIT\n');
    expect(text).toContain('\nMIT core text\n'); // CRLF normalised
    expect(text).not.toContain('\r');
    expect(text).not.toContain('dropped'); // tree-shaken away: in no chunk
    expect(run('--stats', stats)).toMatchObject({ code: 0, stderr: '' });
    // One module list per bundle: the union must be listed (the second list adds nothing here).
    const other = path.join(root, '.tmp', 'cli-stats.json');
    writeFileSync(other, JSON.stringify({ chunks: [{ modules: [{ name: './node_modules/helper/x.js' }] }] }));
    expect(run('--stats', stats, '--stats', other)).toMatchObject({ code: 0, stderr: '' });
    writeFileSync(
      other,
      JSON.stringify({ chunks: [{ modules: [{ name: './node_modules/dropped/x.js' }] }] }),
    );
    expect(run('--stats', stats, '--stats', other).stderr).toContain(
      'dropped@1.0.0 (node_modules/dropped) is bundled in dist/ but missing from dist/licenses.txt',
    );
    // Deterministic: the same bytes on a second run.
    expect(run('--write', '--stats', stats).code).toBe(0);
    expect(readFileSync(path.join(root, 'dist', 'licenses.txt'), 'utf8')).toBe(text);
  });

  it('fails naming the package when one bundled package is removed from the file', () => {
    const stats = writeStats();
    expect(run('--write', '--stats', stats).code).toBe(0);
    const file = path.join(root, 'dist', 'licenses.txt');
    const full = readFileSync(file, 'utf8');
    const blocks = full.split(`${'-'.repeat(80)}\n`);
    const without = blocks.filter((b) => !b.startsWith('tunnelish 0.0.5\n')).join(`${'-'.repeat(80)}\n`);
    expect(without.length).toBeLessThan(full.length);
    writeFileSync(file, without);
    utimesSync(stats, new Date(), new Date()); // the stats stay newer than the bundle
    const r = run('--stats', stats);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'check-licenses: tunnelish@0.0.5 (node_modules/@acme/core/node_modules/tunnelish) is bundled in dist/ but missing from dist/licenses.txt',
    );
    expect(r.stderr.match(/is bundled in dist\/ but missing/g)).toHaveLength(1);
  });

  it('fails for a package named only in the bundle comments, for an entry without text, and for an extra entry', () => {
    const stats = writeStats();
    expect(run('--write', '--stats', stats).code).toBe(0);
    const file = path.join(root, 'dist', 'licenses.txt');
    const full = readFileSync(file, 'utf8');
    const paths = [
      ...modulePaths(JSON.parse(readFileSync(stats, 'utf8')) as never),
      ...modulePathsInBundle(readFileSync(path.join(root, 'dist', 'index.js'), 'utf8')),
    ];
    const all = bundledPackages(paths, root);
    const noYaml = full.replace(/-{80}\nyamlish 5\.5\.0\n[\s\S]*$/, '');
    expect(licenceProblems(noYaml, all)).toEqual([
      'yamlish@5.5.0 (node_modules/yamlish) is bundled in dist/ but missing from dist/licenses.txt',
    ]);
    const noText = full.replace('\n\npublic domain\n', '\n\n\n');
    expect(licenceProblems(noText, all)).toEqual([
      'helper@1.0.0 is listed in dist/licenses.txt without its licence text',
    ]);
    const extra = `${full}${'-'.repeat(80)}\nleftpad 1.0.0\nLicense: WTFPL\nFiles: LICENSE\n\ntext\n`;
    expect(licenceProblems(extra, all)).toEqual([
      'dist/licenses.txt lists leftpad@1.0.0, which the bundle does not contain',
    ]);
    expect(licenceProblems(full, all)).toEqual([]);
  });

  it('refuses stats older than the bundle and names a package that ships no licence text', () => {
    const stats = writeStats();
    utimesSync(stats, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const r = run('--stats', stats);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /bundle-stats\.json is older than dist\/(sub\/1\.)?index\.js: it lists the modules of an earlier build/,
    );
    expect(() => licenceEntry({ name: 'bare', version: '1.0.0', dir: 'node_modules/bare' }, root)).toThrow(
      'bare@1.0.0 (node_modules/bare) is bundled but ships no licence text (no LICENSE, LICENCE, UNLICENSE, COPYING or NOTICE file; package.json says ISC)',
    );
    expect(run('--stat', stats)).toMatchObject({ code: 2 });
    expect(run('--stat', stats).stderr).toContain(
      'unknown argument "--stat": accepted are --write, --stats FILE',
    );
  });
});

describe('module paths to packages', () => {
  it('takes the innermost package folder of webpack and esbuild module names', () => {
    const r = '/repo';
    expect(packageDirOf('./node_modules/@actions/core/lib/core.js + 8 modules', r)).toBe(
      'node_modules/@actions/core',
    );
    expect(packageDirOf('/repo/node_modules/@kubernetes/client-node/node_modules/undici/index.js', r)).toBe(
      'node_modules/@kubernetes/client-node/node_modules/undici',
    );
    expect(packageDirOf('./node_modules/@vercel/ncc/dist/ncc/@@notfound.js?bufferutil', r)).toBe(
      'node_modules/@vercel/ncc',
    );
    expect(packageDirOf('/repo/node_modules/loader/x.js??ruleSet[1]!/repo/node_modules/ws/index.js', r)).toBe(
      'node_modules/ws',
    );
    expect(packageDirOf('C:\\repo\\node_modules\\semver\\index.js', 'C:\\repo')).toBe('node_modules/semver');
    expect(packageDirOf('./src/index.ts', r)).toBeUndefined();
    expect(packageDirOf('node_modules/.pnpm/x/index.js', r)).toBe('node_modules/.pnpm');
  });

  it('reads chunk modules (with concatenated ones), falls back to compilation modules, and reads esbuild metafiles', () => {
    expect(
      modulePaths({
        chunks: [{ modules: [{ name: 'a', modules: [{ name: 'b', nameForCondition: '/b' }] }] }],
      }),
    ).toEqual(['a', '/b', 'b']);
    expect(modulePaths({ modules: [{ name: 'only' }], chunks: [] })).toEqual(['only']);
    expect(modulePaths({ inputs: { 'node_modules/x/i.js': {}, 'src/a.ts': {} } })).toEqual([
      'node_modules/x/i.js',
      'src/a.ts',
    ]);
    expect(
      modulePathsInBundle(
        '// CONCATENATED MODULE: ./node_modules/a/b.js\nfoo // EXTERNAL MODULE: ./node_modules/c/d.js + 2 modules',
      ),
    ).toEqual(['./node_modules/a/b.js', './node_modules/c/d.js']);
  });

  it('renders the same bytes whatever order the bundler lists the modules in', () => {
    const paths = modulePaths(stats() as never);
    const render = (ps: string[]): string =>
      renderLicences(bundledPackages(ps, root).map((p) => licenceEntry(p, root)));
    const text = render(paths);
    expect(render([...paths].reverse())).toBe(text);
    expect(render([...paths, ...paths])).toBe(text);
    expect(text).toContain('4 packages: @acme/core@3.0.1, helper@1.0.0, tunnelish@0.0.5, tunnelish@0.0.6\n');
  });
});
