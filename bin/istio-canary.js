#!/usr/bin/env node
// The CLI entry for a clone (npx istio-canary): runs the TypeScript sources through tsx,
// so a clone needs no build step. The published action uses dist/ instead.
import { register } from 'tsx/esm/api';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

// Outside Actions, @actions/tool-cache still needs its folders (kind/minikube downloads).
process.env.RUNNER_TOOL_CACHE ??= join(homedir(), '.cache', 'istio-canary', 'tools');
process.env.RUNNER_TEMP ??= tmpdir();

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
