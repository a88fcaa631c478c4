import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { logPoolErrors } from '../src/pool-errors.js';

/** A pool's 'error' event must never become an uncaught exception (see pool-errors.ts); no thread is started here. */
describe('worker pool errors', () => {
  it('a late result for an aborted task is logged at debug level, any other pool error as a warning', async () => {
    const pool = new Piscina({ filename: 'data:text/javascript,export default () => 0', minThreads: 0, maxThreads: 1 });
    const logged: string[] = [];
    expect(() => pool.emit('error', new Error('Unexpected message from Worker: { taskId: 7 }'))).toThrow(/Unexpected message/);
    logPoolErrors(pool, { debug: (m) => logged.push(`debug ${m}`), info: () => {}, warn: (m) => logged.push(`warn ${m}`) });
    pool.emit('error', new Error('Unexpected message from Worker: { taskId: 7 }'));
    pool.emit('error', new Error('worker exited\n  at stack line'));
    expect(logged).toEqual(['debug worker pool: a result arrived for an aborted fold; ignored', 'warn worker pool: worker exited']);
    await pool.destroy();
  });
});
