export { ApiError, type ErrorBody } from './api-error.js';
export { createServer, DEFAULT_MAX_BATCH_ROWS, DEFAULT_MAX_BODY_BYTES, DEFAULT_RELOAD_INTERVAL_MS, type AutopipeServerState } from './create-server.js';
export { ServerMetrics } from './metrics.js';
export { ModelPool, nameForDir, type ServedModel } from './model-pool.js';
export { modelServiceLoader } from './model-service-loader.js';
export { rowsToFrame } from './rows.js';
export { serveUntilSignal, type ListenOptions } from './serve-until-signal.js';
export type { ModelLoader, ModelSource, RegistryResolver, Scorer, ServerOptions } from './types.js';
