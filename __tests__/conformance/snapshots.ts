// Checked-in records of what the real 1.20.2 server answered, one file per scenario
// (__tests__/fixtures/conformance/real-<scenario>.json), written by record.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { Observation } from './compare.js';

export const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'conformance');

export const snapshotPath = (scenario: string): string => join(FIXTURES, `real-${scenario}.json`);

export async function readSnapshot(scenario: string): Promise<Observation> {
  return JSON.parse(await readFile(snapshotPath(scenario), 'utf8')) as Observation;
}

export async function writeSnapshot(obs: Observation): Promise<void> {
  const path = snapshotPath(obs.scenario);
  // Formatted as the repository's `prettier --check .` expects.
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(JSON.stringify(obs), { ...options, filepath: path }));
}
