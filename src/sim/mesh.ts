// The embedded mesh: the Kubernetes API server plus the data plane that routes by the stored
// VirtualServices/DestinationRules to in-process apps, both on loopback.

import { startApiServer, type ApiServer, type ApiServerOptions } from './api/index.js';
import { startDataPlane } from './dataplane/index.js';
import type { MeshConfigSource, MeshKind } from './types.js';
import { simKubeconfig, writeKubeconfig } from './kubeconfig.js';

export interface MeshOptions extends ApiServerOptions {
  /** API server port (0, the default, picks a free one). */
  apiPort?: number;
  ingressPort?: number;
  metricsPort?: number;
}

export interface Mesh {
  apiUrl: string;
  ingressUrl: string;
  metricsUrl: string;
  /** kubeconfig YAML with context `istio-canary-sim`. */
  kubeconfig: string;
  writeKubeconfig(path: string): Promise<void>;
  /** The API server: faults, request log, stored objects. */
  api: ApiServer;
  close(): Promise<void>;
}

const KIND_STORAGE: Record<MeshKind, [string, string]> = {
  VirtualService: ['networking.istio.io', 'virtualservices'],
  DestinationRule: ['networking.istio.io', 'destinationrules'],
  Gateway: ['networking.istio.io', 'gateways'],
  Deployment: ['apps', 'deployments'],
  Service: ['', 'services'],
};

/** The data plane's read-only view of the API server's store. */
export function storeConfigSource(api: ApiServer): MeshConfigSource {
  const keys = new Set(Object.values(KIND_STORAGE).map(([g, r]) => `${g}/${r}`));
  return {
    list(kind) {
      const [group, resource] = KIND_STORAGE[kind];
      return api.objects(group, resource);
    },
    onChange(listener) {
      return api.onChange((e) => {
        if (keys.has(e.key)) listener();
      });
    },
  };
}

export async function startMesh(options: MeshOptions = {}): Promise<Mesh> {
  const api = await startApiServer({ ...options, port: options.apiPort ?? options.port ?? 0 });
  let dataPlane;
  try {
    dataPlane = await startDataPlane({
      config: storeConfigSource(api),
      ingressPort: options.ingressPort ?? 0,
      metricsPort: options.metricsPort ?? 0,
      seed: options.seed,
    });
  } catch (err) {
    await api.close();
    throw err;
  }
  const kubeconfig = simKubeconfig(api.url);
  const dp = dataPlane;
  return {
    apiUrl: api.url,
    ingressUrl: dp.ingressUrl,
    metricsUrl: dp.metricsUrl,
    kubeconfig,
    writeKubeconfig: (path) => writeKubeconfig(path, kubeconfig),
    api,
    async close() {
      await Promise.all([dp.close(), api.close()]);
    },
  };
}
