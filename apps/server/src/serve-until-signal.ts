import type { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  /** Where SIGTERM/SIGINT come from (default `process`; tests pass an emitter). */
  readonly signals?: Pick<EventEmitter, 'once' | 'removeListener'>;
  /** Called with the address once listening. */
  readonly onListen?: (address: string) => void;
  /** Called when a signal starts the shutdown. */
  readonly onSignal?: (signal: string) => void;
}

/**
 * Listens, then waits for SIGTERM or SIGINT and shuts down gracefully: stop accepting connections, let requests
 * in flight finish, close. Resolves with the signal's name once the server is closed.
 */
export async function serveUntilSignal(app: FastifyInstance, o: ListenOptions): Promise<string> {
  const signals = o.signals ?? process;
  const address = await app.listen({ port: o.port, host: o.host });
  o.onListen?.(address);
  const signal = await new Promise<string>((resolveSignal) => {
    const on = (name: string) => () => {
      signals.removeListener('SIGTERM', term);
      signals.removeListener('SIGINT', int);
      resolveSignal(name);
    };
    const term = on('SIGTERM');
    const int = on('SIGINT');
    signals.once('SIGTERM', term);
    signals.once('SIGINT', int);
  });
  o.onSignal?.(signal);
  await app.close();
  return signal;
}
