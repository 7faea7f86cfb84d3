// The release checks of scripts/release.ts: the repository as committed is releasable at the
// version package.json names, and each kind of disagreement is named.
import { globSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { changelogSection, parseTag, releaseProblems, type ReleaseFiles } from '../scripts/release.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (f: string): string => readFileSync(`${root}${f}`, 'utf8');
const repo: ReleaseFiles = {
  packageJson: read('package.json'),
  changelog: read('CHANGELOG.md'),
  readme: read('README.md'),
};
const version = (JSON.parse(repo.packageJson) as { version: string }).version;

describe('release checks', () => {
  it('the committed package.json, CHANGELOG.md and README.md agree on the version', () => {
    expect(releaseProblems(`v${version}`, repo)).toEqual([]);
    expect(changelogSection(repo.changelog, version)).toMatch(/^### Added\n/);
  });

  it('every example workflow pins the major tag the release moves', () => {
    const major = `v${version.split('.')[0]}`;
    const files = [...globSync('examples/**/*.{yml,yaml}', { cwd: root }), 'README.md', 'docs/sim.md'];
    const pins = files.flatMap((f) =>
      [...read(f).matchAll(/uses: istio-canary\/istio-canary@(\S+)/g)].map((m) => `${f}@${m[1]}`),
    );
    expect(pins.length).toBeGreaterThan(5);
    expect(pins.filter((p) => !p.endsWith(`@${major}`))).toEqual([]);
  });

  it('names every file that disagrees with the tag', () => {
    expect(releaseProblems('v9.8.7', repo)).toEqual([
      `package.json has version "${version}"; the tag v9.8.7 needs "9.8.7"`,
      'CHANGELOG.md has no "## [9.8.7] - YYYY-MM-DD" section for the release notes',
      `README.md documents version ${version}, not 9.8.7`,
      'README.md pins @v1; the release moves @v9',
    ]);
  });

  it('rejects tags that are not vMAJOR.MINOR.PATCH and accepts a bare version', () => {
    for (const bad of ['v1', 'v1.0', 'v1.0.0-rc.1', 'v01.0.0', 'release-1.0.0', 'v1.0.0\n'])
      expect(() => parseTag(bad)).toThrow(/expected vMAJOR\.MINOR\.PATCH/);
    expect(parseTag('1.2.3')).toEqual({ tag: 'v1.2.3', version: '1.2.3', major: 'v1' });
    expect(parseTag('v10.0.11')).toEqual({ tag: 'v10.0.11', version: '10.0.11', major: 'v10' });
  });

  it('takes exactly one version section, not its neighbours or the link references', () => {
    const changelog = [
      '# Changelog',
      '## [Unreleased]',
      '- next',
      '## [1.0.10] - 2027-01-02',
      '- ten',
      '## [1.0.1] - 2027-01-01',
      '### Fixed',
      '- one',
      '## [1.0.0] - 2026-12-01',
      '- zero',
      '[1.0.1]: https://example.invalid/1.0.1',
    ].join('\n');
    expect(changelogSection(changelog, '1.0.1')).toBe('### Fixed\n- one');
    expect(changelogSection(changelog, '1.0.0')).toBe('- zero');
    expect(changelogSection(changelog, '1.0')).toBeUndefined();
    expect(changelogSection('## [1.0.1] - soon\n- x', '1.0.1')).toBeUndefined();
  });

  it('needs a non-empty section, the documented version and the major pin in the README', () => {
    const files: ReleaseFiles = {
      packageJson: '{"version":"1.0.1"}',
      changelog: '## [1.0.1] - 2027-01-01\n\n## [1.0.0] - 2026-12-01\n- x',
      readme: 'uses: istio-canary/istio-canary@main',
    };
    expect(releaseProblems('v1.0.1', files)).toEqual([
      "CHANGELOG.md's section for 1.0.1 is empty",
      'README.md does not say which version it documents (expected "documents **version 1.0.1**")',
      'README.md pins @main; the release moves @v1',
    ]);
  });

  it('the release workflow runs on v1 tags and dispatch, and checks dist and licences before publishing', () => {
    const wf = load(read('.github/workflows/release.yml')) as {
      on: { push: { tags: string[] }; workflow_dispatch: { inputs: { version: { required: boolean } } } };
      jobs: { release: { steps: { run?: string }[] } };
    };
    expect(wf.on.push.tags).toEqual(['v1.*.*']);
    expect(wf.on.workflow_dispatch.inputs.version.required).toBe(true);
    const runs = wf.jobs.release.steps.map((s) => s.run ?? '').join('\n');
    const order = [
      'scripts/release.ts check',
      'npm run build',
      'scripts/check-licenses.ts',
      'gh release create',
      'git push -f origin "refs/tags/$MAJOR"',
    ].map((needle) => runs.indexOf(needle));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
