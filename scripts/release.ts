// Release checks and notes for .github/workflows/release.yml.
//   npx tsx scripts/release.ts check v1.2.3   exits 1 naming every disagreement between the tag,
//                                             package.json, CHANGELOG.md and README.md
//   npx tsx scripts/release.ts notes v1.2.3   prints CHANGELOG.md's section of 1.2.3 (the
//                                             GitHub release notes)
// Everything except main() is pure so the tests can feed it texts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ReleaseTag {
  tag: string;
  version: string;
  /** The major tag the release moves, e.g. v1. */
  major: string;
}

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** `v1.2.3` (or `1.2.3`, as a workflow_dispatch input may be typed) → its parts; throws naming what is accepted. */
export function parseTag(input: string): ReleaseTag {
  const tag = input.startsWith('v') ? input : `v${input}`;
  const m = TAG.exec(tag);
  if (!m)
    throw new Error(`release tag "${input}" is not a version: expected vMAJOR.MINOR.PATCH, e.g. v1.0.1`);
  return { tag, version: tag.slice(1), major: `v${m[1]}` };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The body of CHANGELOG.md's `## [version] - date` section, trimmed; undefined when there is none. */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  const head = new RegExp(`^## \\[${escapeRegExp(version)}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`);
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) return undefined;
  let end = lines.findIndex((l, i) => i > start && (/^## /.test(l) || /^\[[^\]]+\]: /.test(l)));
  if (end < 0) end = lines.length;
  return lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
}

export interface ReleaseFiles {
  packageJson: string;
  changelog: string;
  readme: string;
}

/** Every reason the files cannot be released as `tag` (empty when they can). */
export function releaseProblems(tagInput: string, files: ReleaseFiles): string[] {
  let t: ReleaseTag;
  try {
    t = parseTag(tagInput);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  const pkgVersion = (JSON.parse(files.packageJson) as { version?: unknown }).version;
  if (pkgVersion !== t.version)
    problems.push(
      `package.json has version ${JSON.stringify(pkgVersion)}; the tag ${t.tag} needs "${t.version}"`,
    );
  const section = changelogSection(files.changelog, t.version);
  if (section === undefined)
    problems.push(`CHANGELOG.md has no "## [${t.version}] - YYYY-MM-DD" section for the release notes`);
  else if (section === '') problems.push(`CHANGELOG.md's section for ${t.version} is empty`);
  const documented = /documents \*\*version (\d+\.\d+\.\d+)\*\*/.exec(files.readme)?.[1];
  if (documented !== t.version)
    problems.push(
      documented === undefined
        ? `README.md does not say which version it documents (expected "documents **version ${t.version}**")`
        : `README.md documents version ${documented}, not ${t.version}`,
    );
  const pins = [...files.readme.matchAll(/uses: istio-canary\/istio-canary@(\S+)/g)].map((m) => m[1]);
  const wrong = [...new Set(pins.filter((p) => p !== t.major))];
  if (pins.length === 0)
    problems.push(`README.md has no "uses: istio-canary/istio-canary@${t.major}" example`);
  if (wrong.length > 0)
    problems.push(`README.md pins ${wrong.map((p) => `@${p}`).join(', ')}; the release moves @${t.major}`);
  return problems;
}

function main(argv: string[]): number {
  const [command, tag] = argv;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const read = (f: string): string => readFileSync(path.join(root, f), 'utf8');
  if ((command !== 'check' && command !== 'notes') || !tag) {
    process.stderr.write('usage: release.ts check|notes vMAJOR.MINOR.PATCH\n');
    return 2;
  }
  const files = {
    packageJson: read('package.json'),
    changelog: read('CHANGELOG.md'),
    readme: read('README.md'),
  };
  const problems = releaseProblems(tag, files);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`release ${tag}: ${p}\n`);
    return 1;
  }
  if (command === 'notes')
    process.stdout.write(`${changelogSection(files.changelog, parseTag(tag).version)}\n`);
  else process.stdout.write(`release ${parseTag(tag).tag}: package.json, CHANGELOG.md and README.md agree\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = main(process.argv.slice(2));
