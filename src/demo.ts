// `istio-canary demo`: for now the dry-run plan of the podinfo seed scenario; the full demo
// on the embedded mesh replaces this once the promotion is wired.
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from './cli.js';

export function podinfoManifests(): string {
  return fileURLToPath(new URL('../examples/podinfo/*.yaml', import.meta.url));
}

export async function runDemoCommand(_argv: string[], io: CliIo, _signal: AbortSignal): Promise<number> {
  return main(
    ['run', '--cluster', 'sim', '--steps', '10,60,100', '--dry-run', '--manifests', podinfoManifests()],
    io,
    {},
  );
}
