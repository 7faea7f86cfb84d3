export { startApiServer, type ApiServer, type ApiServerOptions, type RequestLogEntry } from './server.js';
export { Faults, type FaultSettings, type Verb, DEFAULT_USER } from './faults.js';
export { CRASHLOOP_TAG } from './controller.js';
export type { StoreEvent } from './store.js';
