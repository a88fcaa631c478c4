import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/** Routes a probe (a load balancer, Kubernetes) must reach without credentials. */
const OPEN = new Set(['/healthz', '/readyz']);

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Requires `Authorization: Bearer <token>` on every route but the probes; compared in constant time. */
export function requireToken(app: FastifyInstance, token: string): void {
  const expected = digest(token);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?', 1)[0];
    if (OPEN.has(path)) return;
    const header = req.headers.authorization;
    if (!header) throw new ApiError(401, 'UNAUTHORIZED', 'This server requires a bearer token: send "Authorization: Bearer <token>".');
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m || !timingSafeEqual(digest(m[1].trim()), expected)) throw new ApiError(401, 'UNAUTHORIZED', 'The bearer token is not valid for this server.');
  });
}
