// Conformance: the embedded mesh's API answers like a real kube-apiserver (v1.20.2, built by
// scripts/kube-apiserver/ensure.sh). Every scenario runs live against both targets; then the
// answers are compared field by field, with the documented 1.20-vs-current differences applied
// (compare.ts KNOWN_DIFFERENCES, docs/conformance.md). Without the real server's binaries the
// suite fails, saying how to build them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compare, formatDifferences, type Observation } from './compare.js';
import { SCENARIOS } from './scenarios.js';
import { readSnapshot } from './snapshots.js';
import { startMesh, startReal, type Target, type TargetName } from './targets.js';

const targets: Partial<Record<TargetName, Target>> = {};
const startErrors: Partial<Record<TargetName, unknown>> = {};
const observed: Record<TargetName, Map<string, Observation>> = { real: new Map(), mesh: new Map() };
const totals = { scenarios: 0, steps: 0, fields: 0, differences: 0 };

beforeAll(async () => {
  // Both start together; a failure of one is reported by each of its tests, not hidden.
  const [real, mesh] = await Promise.allSettled([startReal(), startMesh()]);
  if (real.status === 'fulfilled') targets.real = real.value;
  else startErrors.real = real.reason;
  if (mesh.status === 'fulfilled') targets.mesh = mesh.value;
  else startErrors.mesh = mesh.reason;
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(targets).map((t) => t.stop()));
  console.log(
    `conformance: ${totals.scenarios} scenarios, ${totals.steps} steps, ${totals.fields} compared fields, ` +
      `${totals.differences} differences (real v1.20.2 vs mesh)`,
  );
});

function target(name: TargetName): Target {
  const t = targets[name];
  if (!t)
    throw new Error(`the ${name} target did not start: ${String(startErrors[name])}`, {
      cause: startErrors[name],
    });
  return t;
}

describe.each(['real', 'mesh'] as const)('%s target', (name) => {
  test.each(SCENARIOS.map((s) => [s.name, s] as const))(
    'runs scenario %s to the end',
    async (_n, scenario) => {
      const t = target(name);
      const obs = await scenario.run(t.client);
      observed[name].set(scenario.name, obs);
      expect(obs.steps.length).toBeGreaterThan(0);
    },
  );
});

describe('the real 1.20.2 server answers as its checked-in snapshot', () => {
  test.each(SCENARIOS.map((s) => s.name))('%s', async (name) => {
    const live = observed.real.get(name);
    if (!live) throw new Error(`scenario ${name} did not complete against the real server`);
    const { differences } = compare(await readSnapshot(name), live, []);
    expect(
      differences,
      `re-record with: npx tsx __tests__/conformance/record.ts ${name}\n${formatDifferences(differences, ['recorded', 'live'])}`,
    ).toEqual([]);
  });
});

describe('the mesh answers like the real server', () => {
  test.each(SCENARIOS.map((s) => s.name))('%s', (name) => {
    const real = observed.real.get(name);
    const mesh = observed.mesh.get(name);
    if (!real) throw new Error(`scenario ${name} did not complete against the real server`);
    if (!mesh) throw new Error(`scenario ${name} did not complete against the mesh`);
    const { compared, differences } = compare(real, mesh);
    totals.scenarios += 1;
    totals.steps += real.steps.length;
    totals.fields += compared;
    totals.differences += differences.length;
    expect(
      differences,
      `mesh differs from real v1.20.2 in ${name}:\n${formatDifferences(differences)}`,
    ).toEqual([]);
  });
});
