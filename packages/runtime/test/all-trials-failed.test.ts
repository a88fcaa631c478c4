import { AutopipeError, inputError } from '@autopipe/core';
import { describe, expect, it } from 'vitest';
import { Trainer, createRuntime, type FoldExecutor } from '../src/index.js';
import { testPlugin, toyFrame } from './fakes.js';

/** An executor whose every fold fails with the given error, like remote workers that cannot read the data. */
function failing(error: (trial: number) => Error): FoldExecutor {
  return { parallelism: 2, sharedMemory: false, run: (spec) => Promise.reject(error(spec.trial)), close: () => Promise.resolve() };
}

const train = (executor: FoldExecutor) => createRuntime({ plugins: [testPlugin] }).resolve(Trainer)
  .train({ frame: toyFrame(), target: 'y', timeBudget: 30, seed: 1, maxTrials: 3, executor });

describe('every trial failed', () => {
  it('with the same input error: rethrows that code as an input error with the first message', async () => {
    const err = await train(failing((t) => inputError('FILE_NOT_FOUND', `on worker w${t}: File not found: /data/x.csv.`))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AutopipeError);
    const e = err as AutopipeError;
    expect(e.code).toBe('FILE_NOT_FOUND');
    expect(e.category).toBe('input');
    expect(e.message).toBe('Every trial failed: on worker w1: File not found: /data/x.csv.');
    expect((e.details.failures as unknown[]).length).toBe(3);
  });

  it('with different codes, or errors that are not input errors: stays INTERNAL', async () => {
    const mixed = await train(failing((t) => inputError(t === 2 ? 'SCHEMA_MISMATCH' : 'FILE_NOT_FOUND', 'bad input'))).catch((e: unknown) => e);
    expect((mixed as AutopipeError).code).toBe('INTERNAL');
    const plain = await train(failing(() => new Error('boom'))).catch((e: unknown) => e);
    expect((plain as AutopipeError).code).toBe('INTERNAL');
    expect((plain as AutopipeError).message).toBe('Every trial failed; the first error was: boom');
    const bug = await train(failing(() => new AutopipeError('NOT_FITTED', 'a bug'))).catch((e: unknown) => e);
    expect((bug as AutopipeError).code).toBe('INTERNAL');
  });
});
