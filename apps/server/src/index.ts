/**
 * Placeholder for the HTTP scoring server (`autopipe serve`), which its own issue builds on Fastify.
 * It exists now so the workspace has its final shape; it exports only what the server will be named by.
 */
export const SERVER_PACKAGE = '@autopipe/server';
