#!/usr/bin/env node
// The CLI entry (npx istio-canary): runs the built CLI bundle, dist/cli/index.js (`npm run
// build` makes it; it is committed with the action's bundle), so a start parses one file
// instead of compiling TypeScript.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

// Outside Actions, @actions/tool-cache still needs its folders (kind/minikube downloads).
process.env.RUNNER_TOOL_CACHE ??= join(homedir(), '.cache', 'istio-canary', 'tools');
process.env.RUNNER_TEMP ??= tmpdir();

const { main } = await import('../dist/cli/index.js');
process.exitCode = await main(process.argv.slice(2));
