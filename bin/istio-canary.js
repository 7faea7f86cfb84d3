#!/usr/bin/env node
// The CLI entry (npx istio-canary): runs the built CLI bundle, dist/cli/index.js (`npm run
// build` makes it; it is committed with the action's bundle), so a start parses one file
// instead of compiling TypeScript.
import { constants, homedir, tmpdir } from 'node:os';
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
const code = await main(process.argv.slice(2));
// 128 + n: cancelled by signal n, rolled back and reported. End the way a process killed by that
// signal does, so that a wrapper shell stops too (bash runs `next` in `istio-canary …; next`
// only when its child did not die of SIGINT). SIGQUIT's default action would dump core: its
// exit code says it instead.
const signal = Object.keys(constants.signals).find((name) => code === 128 + constants.signals[name]);
if (code > 128 && signal !== undefined && signal !== 'SIGQUIT') process.kill(process.pid, signal);
else process.exitCode = code;
