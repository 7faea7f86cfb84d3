// The README's input examples are accepted as written: every ```yaml block of the README that
// sets `checks`, `gates` or strategy inputs goes through the same parsers as the action's inputs.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../src/settings.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const PARSED = ['checks', 'gates'];

describe('README examples', () => {
  const examples = blocks
    .map((text) => load(text))
    .filter((doc): doc is Record<string, unknown> => typeof doc === 'object' && doc !== null)
    .filter((doc) => PARSED.some((k) => typeof doc[k] === 'string'));

  it('has checks and gates examples', () => {
    expect(examples.filter((d) => typeof d.checks === 'string').length).toBeGreaterThan(0);
    expect(examples.filter((d) => typeof d.gates === 'string').length).toBeGreaterThan(0);
  });

  it('every checks/gates example is accepted by the inputs parser', () => {
    for (const doc of examples) {
      const inputs: Record<string, string> = {
        'load-url': 'http://127.0.0.1:8080/',
        'prometheus-url': 'http://127.0.0.1:9090/',
      };
      for (const [k, v] of Object.entries(doc)) if (typeof v === 'string') inputs[k] = v;
      const r = parseSettings((n) => inputs[n] ?? '', {});
      expect(r.ok ? [] : r.errors, JSON.stringify(doc).slice(0, 200)).toEqual([]);
    }
  });
});
