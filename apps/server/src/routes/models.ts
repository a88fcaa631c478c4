import type { FastifyInstance } from 'fastify';
import { ApiError, errorBodySchema } from '../api-error.js';
import type { ModelPool, ServedModel } from '../model-pool.js';

const modelSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' }, version: { type: 'integer' }, stage: { type: 'string' }, source: { type: 'string' },
    task: { type: 'string' }, target: { type: 'string' }, classes: { type: 'array', items: { type: 'string' } },
    features: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } } } },
    loadedAt: { type: 'string' },
  },
} as const;

function describe(m: ServedModel): Record<string, unknown> {
  const s = m.scorer;
  return {
    name: m.name, version: m.version, ...(m.stage ? { stage: m.stage } : {}), source: m.source, task: s.task, target: s.target,
    ...(s.classes ? { classes: s.classes } : {}), features: s.schema.map((c) => ({ name: c.name, type: c.type })), loadedAt: m.loadedAt,
  };
}

/** `GET /v1/models` and `GET /v1/models/{name}`: what is served, at which version, taking which columns. */
export function modelRoutes(app: FastifyInstance, pool: ModelPool): void {
  app.get('/v1/models', {
    schema: { summary: 'List served models', tags: ['models'], response: { 200: { type: 'object', properties: { models: { type: 'array', items: modelSchema } } } } },
  }, async () => ({ models: pool.all().map(describe) }));

  app.get<{ Params: { name: string } }>('/v1/models/:name', {
    schema: {
      summary: 'Describe one served model', tags: ['models'],
      params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      response: { 200: modelSchema, '4xx': errorBodySchema },
    },
  }, async (req) => {
    const m = pool.get(req.params.name);
    if (!m) throw new ApiError(404, 'MODEL_NOT_FOUND', `No model named "${req.params.name}" is served here; GET /v1/models lists them.`, { name: req.params.name });
    return describe(m);
  });
}
