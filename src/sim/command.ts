// `istio-canary sim`: run the embedded mesh on loopback until SIGINT/SIGTERM (the signal).

import { resolve } from 'node:path';
import { collectArgs, type FlagSpecs } from '../args.js';
import { startMesh } from './mesh.js';
import { SIM_CONTEXT } from './kubeconfig.js';

export interface SimIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

interface SimArgs {
  apiPort: number;
  ingressPort: number;
  metricsPort: number;
  kubeconfig: string;
}

const USAGE =
  'usage: istio-canary sim [--api-port N] [--ingress-port N] [--metrics-port N] [--kubeconfig FILE]';

const SIM_FLAGS: FlagSpecs = {
  'api-port': { type: 'string', accepts: 'a port, 0-65535 (0 picks a free one)' },
  'ingress-port': { type: 'string', accepts: 'a port, 0-65535 (0 picks a free one)' },
  'metrics-port': { type: 'string', accepts: 'a port, 0-65535 (0 picks a free one)' },
  kubeconfig: { type: 'string', accepts: 'a file path' },
  help: { type: 'boolean', short: 'h' },
};

export function parseSimArgs(argv: string[]): SimArgs | string {
  const { values, problems } = collectArgs(argv, SIM_FLAGS, { help: 'istio-canary sim --help' });
  if (values.help === true && problems.length === 0) return USAGE;
  const out: SimArgs = {
    apiPort: 0,
    ingressPort: 0,
    metricsPort: 0,
    kubeconfig: typeof values.kubeconfig === 'string' ? values.kubeconfig : 'istio-canary-sim.kubeconfig',
  };
  const ports = {
    'api-port': 'apiPort',
    'ingress-port': 'ingressPort',
    'metrics-port': 'metricsPort',
  } as const;
  for (const [flag, key] of Object.entries(ports)) {
    const value = values[flag];
    if (typeof value !== 'string') continue;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > 65535)
      problems.push(`--${flag}: "${value}" is not a port (0-65535; 0 picks a free one)`);
    else out[key] = n;
  }
  return problems.length > 0 ? `${problems.join('\n')}\n${USAGE}` : out;
}

export async function runSimCommand(argv: string[], io: SimIo, signal?: AbortSignal): Promise<number> {
  const args = parseSimArgs(argv);
  if (typeof args === 'string') {
    if (args === USAGE) io.stdout(`${args}\n`);
    else io.stderr(`${args}\n`);
    return args === USAGE ? 0 : 2;
  }
  const mesh = await startMesh({
    apiPort: args.apiPort,
    ingressPort: args.ingressPort,
    metricsPort: args.metricsPort,
  });
  const path = resolve(args.kubeconfig);
  try {
    await mesh.writeKubeconfig(path);
  } catch (err) {
    await mesh.close();
    io.stderr(`cannot write kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  io.stdout(
    [
      `API server:  ${mesh.apiUrl}`,
      `Ingress:     ${mesh.ingressUrl}`,
      `Metrics:     ${mesh.metricsUrl}`,
      `Kubeconfig:  ${path} (context ${SIM_CONTEXT})`,
      `export KUBECONFIG=${path}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    if (!signal) return; // without a signal the mesh runs until the process ends
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
  await mesh.close();
  io.stdout('Embedded mesh stopped.\n');
  return 0;
}
