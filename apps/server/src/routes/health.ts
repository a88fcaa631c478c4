import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from '../metrics.js';
import type { ModelPool } from '../model-pool.js';

/** Probes and metrics. /healthz: the process answers. /readyz: models are loaded and the server is not shutting down. */
export function healthRoutes(app: FastifyInstance, pool: ModelPool, metrics: ServerMetrics, state: { closing: boolean }): void {
  app.get('/healthz', { schema: { summary: 'Liveness', tags: ['health'] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { summary: 'Readiness', tags: ['health'] } }, async (_req, reply) => {
    if (state.closing) return reply.code(503).send({ error: { code: 'SHUTTING_DOWN', message: 'The server is shutting down.' } });
    return { status: 'ready', models: pool.all().map((m) => ({ name: m.name, version: m.version })) };
  });

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', tags: ['health'] } }, async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
