// The seam between the embedded mesh's API server (src/sim/api) and its data plane
// (src/sim/dataplane): the data plane reads the stored objects through this, nothing else.

export type MeshKind = 'VirtualService' | 'DestinationRule' | 'Gateway' | 'Deployment' | 'Service';

/** Kubernetes objects as JSON (apiVersion, kind, metadata, spec, status). */
export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
};

export interface MeshConfigSource {
  /** The current objects of a kind, in all namespaces. Cheap: called per request or on change. */
  list(kind: MeshKind): KubeObject[];
  /** Called whenever any object of these kinds changes, so the data plane can rebuild its routes. */
  onChange?(listener: () => void): () => void;
}

export interface DataPlane {
  /** http://127.0.0.1:<port> of the ingress gateway. */
  ingressUrl: string;
  /** http://127.0.0.1:<port>/metrics with Istio's standard metrics. */
  metricsUrl: string;
  close(): Promise<void>;
}

export interface DataPlaneOptions {
  config: MeshConfigSource;
  /** 0 (default) picks a free port. */
  ingressPort?: number;
  metricsPort?: number;
  /** Seed for the random weighted pick and the latency/error profiles, for reproducible tests. */
  seed?: number;
}
