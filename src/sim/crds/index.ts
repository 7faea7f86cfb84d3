// The CRDs the embedded API server preinstalls: Istio's networking CRDs and the Gateway API's
// standard ones, derived from the projects' published YAML by scripts/derive-crds.ts (the same
// text the conformance suite applies to a real kube-apiserver). Kept as TypeScript string modules
// so the ncc bundle carries them without reading files at run time.

import { GATEWAY_API_CRDS } from './gateway-api.js';
import { ISTIO_CRDS } from './istio.js';

type JsonObject = { [k: string]: unknown };

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One generated CRD: a version whose `schema` is a version name shares that version's schema. */
function expand(text: string): JsonObject {
  const crd = JSON.parse(text) as JsonObject;
  const spec = isObj(crd['spec']) ? crd['spec'] : {};
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isObj) : [];
  for (const v of versions) {
    if (typeof v['schema'] !== 'string') continue;
    const from = versions.find((w) => w['name'] === v['schema']);
    v['schema'] = structuredClone(from?.['schema']);
  }
  return crd;
}

/** Fresh copies of the preinstalled CRD objects (Istio first, then the Gateway API). */
export function preinstalledCrds(): JsonObject[] {
  return [...ISTIO_CRDS, ...GATEWAY_API_CRDS].map(expand);
}
