// Writes action.yml and the README's input/output tables from src/contract.ts.
// `--check` exits 1 when a committed file differs (the test suite runs the same comparison).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderActionYml, renderReadme } from '../src/contract-render.js';

const check = process.argv.includes('--check');
const targets: [string, string][] = [
  ['action.yml', renderActionYml()],
  ['README.md', renderReadme(readFileSync('README.md', 'utf8'))],
];
let stale = 0;
for (const [file, want] of targets) {
  let have = '';
  try {
    have = readFileSync(file, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (have === want) continue;
  if (check) {
    console.error(`${file} is not what src/contract.ts generates: run npm run gen`);
    stale++;
  } else {
    writeFileSync(file, want);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
