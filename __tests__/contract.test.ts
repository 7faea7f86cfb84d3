import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUTS, OUTPUTS } from '../src/contract.js';
import { renderActionYml, renderReadme } from '../src/contract-render.js';
import { helpText } from '../src/cli.js';

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');
type ActionYml = {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, unknown>;
  runs: Record<string, string>;
};

describe('one source of truth for the contract', () => {
  const action = load(read('action.yml')) as ActionYml;

  it('action.yml is exactly what src/contract.ts generates (npm run gen)', () => {
    expect(read('action.yml')).toBe(renderActionYml());
  });

  it('action.yml has every input with its default, and every output, input for input', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.filter((i) => !i.cliOnly).map((i) => i.name));
    for (const spec of INPUTS) expect(action.inputs[spec.name]?.default, spec.name).toBe(spec.default);
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS.map((o) => o.name));
  });

  it('runs on node24 with main and post on the bundle', () => {
    expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
  });

  it("the README's input and output tables are the generated ones", () => {
    expect(read('README.md')).toBe(renderReadme(read('README.md')));
    for (const spec of INPUTS) expect(read('README.md')).toContain(`| \`${spec.name}\` |`);
  });

  it('--help lists every input and output', () => {
    const help = helpText();
    for (const spec of INPUTS) expect(help).toContain(`--${spec.name}`);
    for (const o of OUTPUTS) expect(help).toContain(o.name);
  });
});
