// The kubeconfig that points kubectl and client libraries at the embedded mesh.

import { writeFile } from 'node:fs/promises';
import { dump } from 'js-yaml';

export const SIM_CONTEXT = 'istio-canary-sim';

/** A kubeconfig (YAML) for a plain-HTTP server on loopback; the token is accepted and ignored. */
export function simKubeconfig(apiUrl: string, namespace = 'default'): string {
  return dump(
    {
      apiVersion: 'v1',
      kind: 'Config',
      // client-node 2.x refuses plain http unless insecure-skip-tls-verify is set; kubectl ignores it for http.
      clusters: [{ name: SIM_CONTEXT, cluster: { server: apiUrl, 'insecure-skip-tls-verify': true } }],
      users: [{ name: SIM_CONTEXT, user: { token: 'istio-canary-sim-token' } }],
      contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT, namespace } }],
      'current-context': SIM_CONTEXT,
      preferences: {},
    },
    { lineWidth: -1 },
  );
}

/** Written owner-only: kubeconfigs are credentials even when this one grants nothing. */
export async function writeKubeconfig(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
}
