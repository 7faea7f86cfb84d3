#!/usr/bin/env node
// The CLI entry (npx istio-canary): runs the built CLI bundle, dist/cli/index.js (`npm run
// build` makes it; it is committed with the action's bundle), so a start parses one file
// instead of compiling TypeScript.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

// The bundle uses Node 24 APIs (fs.promises.glob among them): say so instead of failing inside it.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `error: istio-canary needs Node.js 24 or newer; this is ${process.version} (${process.execPath}). In a clone, \`npm ci\` installs Node 24 and \`npx istio-canary\` uses it.\n`,
  );
  process.exit(2);
}

// Outside Actions, @actions/tool-cache still needs its folders (kind/minikube downloads).
process.env.RUNNER_TOOL_CACHE ??= join(homedir(), '.cache', 'istio-canary', 'tools');
process.env.RUNNER_TEMP ??= tmpdir();

const { main } = await import('../dist/cli/index.js');
process.exitCode = await main(process.argv.slice(2));
