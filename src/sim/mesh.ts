// The embedded mesh: the Kubernetes API server plus the data plane that routes by the stored
// VirtualServices/DestinationRules (and Gateway API HTTPRoutes/Gateways, whose status
// gateway-status.ts writes as istiod would) to in-process apps, all on loopback.

import { startApiServer, type ApiServer, type ApiServerOptions } from './api/index.js';
import { startDataPlane, type GatewayApiConfigSource, type GatewayApiKind } from './dataplane/index.js';
import type { MeshKind } from './types.js';
import { apiServerStatusSink, startGatewayStatus, type GatewayStatusWriter } from './gateway-status.js';
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
  /** Istio's Gateway API status writes (Gateway / HTTPRoute status); `idle()` waits for pending ones. */
  gatewayStatus: GatewayStatusWriter;
  close(): Promise<void>;
}

const KIND_STORAGE: Record<MeshKind, [string, string]> = {
  VirtualService: ['networking.istio.io', 'virtualservices'],
  DestinationRule: ['networking.istio.io', 'destinationrules'],
  Gateway: ['networking.istio.io', 'gateways'],
  Deployment: ['apps', 'deployments'],
  Service: ['', 'services'],
};

const GATEWAY_API_STORAGE: Record<GatewayApiKind, [string, string]> = {
  HTTPRoute: ['gateway.networking.k8s.io', 'httproutes'],
  KubernetesGateway: ['gateway.networking.k8s.io', 'gateways'],
  ReferenceGrant: ['gateway.networking.k8s.io', 'referencegrants'],
  Namespace: ['', 'namespaces'],
};

/** The data plane's read-only view of the API server's store (Gateway API kinds once their CRDs exist). */
export function storeConfigSource(api: ApiServer): GatewayApiConfigSource {
  const keys = new Set(
    [...Object.values(KIND_STORAGE), ...Object.values(GATEWAY_API_STORAGE)].map(([g, r]) => `${g}/${r}`),
  );
  return {
    list(kind) {
      const [group, resource] = KIND_STORAGE[kind];
      return api.objects(group, resource);
    },
    listGatewayApi(kind) {
      const [group, resource] = GATEWAY_API_STORAGE[kind];
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
  const config = storeConfigSource(api);
  let dataPlane;
  try {
    dataPlane = await startDataPlane({
      config,
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
  const gatewayStatus = startGatewayStatus(apiServerStatusSink(api), config);
  return {
    apiUrl: api.url,
    ingressUrl: dp.ingressUrl,
    metricsUrl: dp.metricsUrl,
    kubeconfig,
    writeKubeconfig: (path) => writeKubeconfig(path, kubeconfig),
    api,
    gatewayStatus,
    async close() {
      await gatewayStatus.close();
      await Promise.all([dp.close(), api.close()]);
    },
  };
}
