import { isAutopipeError } from '@autopipe/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, type ErrorBody } from './api-error.js';

/** Fastify's own request errors, as API codes. */
const FASTIFY: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON (or uses a forbidden key such as "__proto__").' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is empty; send JSON such as {"rows": [...]}.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'The request body is larger than this server accepts; split the batch.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json or text/csv.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_REQUEST', message: 'The body size does not match Content-Length.' },
};

function toBody(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof ApiError) return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } } };
  if (isAutopipeError(e)) {
    if (e.category === 'input') {
      const status = e.code === 'MODEL_NOT_FOUND' ? 404 : 400;
      return { status, body: { error: { code: e.code, message: e.message, details: e.details } } };
    }
    return { status: 500, body: { error: { code: e.code, message: 'The model failed to score this request; see the server log.' } } };
  }
  const fe = e as FastifyError;
  if (fe && fe.validation) {
    const where = fe.validationContext ?? 'body';
    const first = fe.validation[0];
    const path = `${where}${first?.instancePath ?? ''}`;
    return { status: 400, body: { error: { code: 'INVALID_REQUEST', message: `${path} ${first?.message ?? 'is invalid'}.`, details: { path, keyword: first?.keyword } } } };
  }
  const known = fe?.code ? FASTIFY[fe.code] : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: known.message } } };
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: fe.code ?? 'BAD_REQUEST', message: fe.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal server error; see the server log.' } } };
}

/** Every error becomes `{ error: { code, message } }`: 4xx for anything the client can fix, 500 only for our bugs. */
export function installErrorHandling(app: FastifyInstance, onInternal: (e: unknown) => void): void {
  app.setErrorHandler((e, _req, reply) => {
    const { status, body } = toBody(e);
    if (status >= 500) onInternal(e);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?', 1)[0]}; see /docs for the API.` } } satisfies ErrorBody);
  });
}
