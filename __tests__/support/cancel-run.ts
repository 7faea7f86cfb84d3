// The CLI run the cancel tests interrupt: the podinfo example on an existing (embedded) cluster,
// a 30 s window at 30%, long enough that only the cancel can end it early.
import type { Mesh } from '../../src/sim/mesh.js';

/** `run` with a 30 s window at 30% against the mesh's ingress, load from the CLI's own generator. */
export function cancelRunArgs(m: Mesh): string[] {
  return [
    'run',
    '--cluster',
    'existing',
    '--namespace',
    'test',
    '--manifests',
    'examples/podinfo/*.yaml',
    '--canary-image',
    'ghcr.io/stefanprodan/podinfo:6.7.1',
    '--steps',
    '30,100',
    '--interval',
    '30s',
    '--metrics',
    'loadgen',
    '--load-url',
    m.ingressUrl,
    '--load-host',
    'podinfo.co.uk',
    '--load-rps',
    '20',
    '--min-requests',
    '5',
    '--rollout-timeout',
    '20s',
    '--comment',
    'never',
  ];
}
