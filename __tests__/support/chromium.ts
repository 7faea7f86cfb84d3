// Headless Debian Chromium through playwright-core, for rendering mermaid and the report PNG.
// No network: pages are set from strings and scripts injected from node_modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** node_modules/mermaid/dist/mermaid.min.js, resolved the way Node would. */
export function mermaidScriptPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('mermaid/dist/mermaid.min.js');
}

export async function launchChromium(): Promise<Browser> {
  // A missing browser must fail loudly (CI installs the Debian package `chromium`).
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
