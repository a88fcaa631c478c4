import { AutopipeError, inputError } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { markedMessage, remoteError, unmark, workerFailure } from '../src/remote-error.js';

describe('errors of remote fold jobs', () => {
  it('an input error keeps its code from the worker thread through the queue to the coordinator', () => {
    // Thread → worker main: only the message survives structured cloning, so the code is in it.
    const inThread = new Error(markedMessage(inputError('FILE_NOT_FOUND', 'File not found: /data/x.csv. Check the path.')));
    expect(inThread.message).toBe('[autopipe:FILE_NOT_FOUND] File not found: /data/x.csv. Check the path.');
    // Worker main → BullMQ failedReason: the machine is named, the code stays first.
    const queued = workerFailure(inThread, 'node-7 (pid 42)');
    expect(queued.message).toBe('[autopipe:FILE_NOT_FOUND] on worker node-7 (pid 42): File not found: /data/x.csv. Check the path.');
    const back = remoteError(queued.message, 'fold job 1 failed');
    expect(back).toBeInstanceOf(AutopipeError);
    expect(back).toMatchObject({ code: 'FILE_NOT_FOUND', category: 'input', message: 'on worker node-7 (pid 42): File not found: /data/x.csv. Check the path.' });
  });

  it('errors without a code, and unknown codes, stay plain Errors with the whole message', () => {
    const plain = remoteError(workerFailure(new Error('out of memory'), 'node-7 (pid 42)').message, 'fold job 1 failed');
    expect(plain).not.toBeInstanceOf(AutopipeError);
    expect(plain.message).toBe('on worker node-7 (pid 42): out of memory');
    expect(remoteError('[autopipe:NO_SUCH_CODE] x', 'f')).not.toBeInstanceOf(AutopipeError);
    expect(remoteError('', 'fold job 1 failed').message).toBe('fold job 1 failed');
    expect(unmark('[autopipe:NO_SUCH_CODE] x')).toEqual({ message: '[autopipe:NO_SUCH_CODE] x' });
  });

  it('an internal code crosses as internal', () => {
    const back = remoteError(workerFailure(new AutopipeError('NOT_FITTED', 'predict before fit'), 'w (pid 1)').message, 'f');
    expect(back).toMatchObject({ code: 'NOT_FITTED', category: 'internal' });
  });
});
