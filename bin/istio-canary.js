#!/usr/bin/env node
// The CLI entry for a clone (npx istio-canary): runs the TypeScript sources through tsx,
// so a clone needs no build step. The published action uses dist/ instead.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
