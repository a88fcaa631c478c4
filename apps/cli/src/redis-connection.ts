import { inputError, type Logger } from '@autopipe/core';
import { redactSource } from '@autopipe/runtime';
import type { Redis } from 'ioredis';

/** The BullMQ queue that carries fold jobs from `train --redis` to `autopipe worker`. */
export const FOLD_QUEUE = 'autopipe-folds';

/** Milliseconds to wait for the first connection before giving up with a one-line error. */
const CONNECT_TIMEOUT_MS = 5000;

/** A Redis URL as it may be printed: the password (and a `password=` parameter) hidden. */
export function redactRedis(url: string): string {
  return redactSource(url);
}

/**
 * Connects to Redis for BullMQ. The first connection fails fast with an input error that names the URL (redacted);
 * once connected, a dropped connection is retried with backoff (BullMQ needs `maxRetriesPerRequest: null`), and
 * errors go to the logger once per distinct message rather than to ioredis's "Unhandled error event" console spam.
 * BullMQ duplicates this client for its blocking connections; close it with `quit()` after the BullMQ objects.
 */
export async function openRedis(url: string, logger: Logger): Promise<Redis> {
  const shown = redactRedis(url);
  if (!/^rediss?:\/\/[^/?#]+/i.test(url)) {
    throw inputError('INVALID_ARGUMENT', `--redis ${shown} is not a Redis URL; write redis://[user:password@]host:6379 (or rediss:// for TLS).`, { url: shown });
  }
  let connected = false;
  let lastError = '';
  // Imported here, not at the top: only train --redis and worker connect, and ioredis is a start-up cost for every command.
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => (connected ? Math.min(100 * times, 2000) : null),
  });
  client.on('error', (e: Error) => {
    if (!connected) { lastError ||= e.message; return; }
    if (e.message === lastError) return;
    lastError = e.message;
    logger.warn(`Redis at ${shown}: ${e.message} (retrying)`);
  });
  client.on('ready', () => { lastError = ''; });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    // A client that already ended must not be disconnected again: ioredis would arm a 2 s timer on its dead socket.
    if (client.status !== 'end') client.disconnect();
    // ioredis rejects with "Connection is closed"; the socket error it saw first says why.
    const why = lastError || (e instanceof Error ? e.message : String(e));
    throw inputError('CONNECTION_FAILED', `Cannot connect to Redis at ${shown} (${why.replaceAll(url, shown)}). Start redis-server there or fix the --redis URL.`, { url: shown });
  }
  connected = true;
  lastError = '';
  return client;
}
