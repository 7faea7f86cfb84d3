// Re-records the real server's snapshots: `npx tsx __tests__/conformance/record.ts [scenario...]`.
// Needs the binaries from scripts/kube-apiserver/ensure.sh.
import { SCENARIOS } from './scenarios.js';
import { writeSnapshot, snapshotPath } from './snapshots.js';
import { startReal } from './targets.js';

async function main(only: string[]): Promise<void> {
  const real = await startReal();
  try {
    for (const s of SCENARIOS) {
      if (only.length && !only.includes(s.name)) continue;
      const obs = await s.run(real.client);
      await writeSnapshot(obs);
      console.log(`${s.name}: ${obs.steps.length} steps -> ${snapshotPath(s.name)}`);
    }
  } finally {
    await real.stop();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
