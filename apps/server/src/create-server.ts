import { AutopipeError, silentLogger } from '@autopipe/core';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { requireToken } from './auth.js';
import { installErrorHandling } from './error-handler.js';
import { ServerMetrics } from './metrics.js';
import { ModelPool } from './model-pool.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/models.js';
import { predictRoutes } from './routes/predict.js';
import type { ServerOptions } from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_BATCH_ROWS = 10_000;
export const DEFAULT_RELOAD_INTERVAL_MS = 1000;

/** What the server decorates its Fastify instance with, for hosts and tests. */
export interface AutopipeServerState {
  readonly pool: ModelPool;
  readonly metrics: ServerMetrics;
}

declare module 'fastify' {
  interface FastifyInstance {
    autopipe: AutopipeServerState;
  }
}

/**
 * Builds the scoring server: loads every model source (failing with the loader's error if one cannot load), then
 * returns the Fastify instance, not yet listening. `app.close()` stops accepting connections, lets requests in
 * flight finish and stops the reload polling.
 */
export async function createServer(o: ServerOptions): Promise<FastifyInstance> {
  if (!o.models.length) throw new AutopipeError('INVALID_ARGUMENT', 'Nothing to serve: give at least one model directory or registry reference.');
  const logger = o.logger ?? silentLogger;
  const maxBatchRows = o.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
  const metrics = new ServerMetrics();
  const pool = new ModelPool(o.loader, o.registry, logger, (old, next) => metrics.swapped(old, next));
  await pool.load(o.models);

  const app = Fastify({
    logger: false,
    bodyLimit: o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    // Cells are type-checked against each model's schema later; Ajv must neither coerce nor drop what clients sent.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false, allowUnionTypes: true } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const state = { closing: false };
  app.decorate('autopipe', { pool, metrics });
  installErrorHandling(app, (e) => logger.warn(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  if (o.token) requireToken(app, o.token);

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
  app.addHook('preClose', async () => {
    state.closing = true;
  });
  // A response finished during shutdown closes its keep-alive connection, so close() does not wait for the
  // client's idle timeout (Fastify only closes the connections that were idle when close() began).
  app.addHook('onSend', async (_req, reply) => {
    if (state.closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    await pool.stop();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'autopipe scoring server', version: '0.1.0', description: 'Scores rows with autopipe models. Errors are `{ "error": { "code", "message" } }`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      ...(o.token ? { security: [{ bearer: [] }] } : {}),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, pool, metrics, state);
  modelRoutes(app, pool);
  predictRoutes(app, pool, metrics, maxBatchRows);
  pool.watch(o.reloadIntervalMs ?? DEFAULT_RELOAD_INTERVAL_MS);
  return app;
}
