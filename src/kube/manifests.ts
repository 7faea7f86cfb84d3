// The `manifests` input: read files/globs of multi-document YAML (manifest-read.ts), validate
// every document before anything is written (manifest-check.ts, containers.ts), order them by
// dependency and apply them by server-side apply after a server-side dry run of the whole
// batch (manifest-apply.ts). This module gathers them for the callers.
export * from './manifest-read.js';
export * from './manifest-check.js';
export * from './containers.js';
export * from './manifest-apply.js';
export { ISTIO_VERSIONS } from './views.js';
