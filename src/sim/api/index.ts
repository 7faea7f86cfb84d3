export { startApiServer, type ApiServer, type ApiServerOptions } from './server.js';
export type { RequestLogEntry } from './context.js';
export { Faults, type FaultSettings, type Verb, DEFAULT_USER } from './faults.js';
export { CRASHLOOP_TAG } from './controller.js';
export type { StoreEvent } from './store.js';
