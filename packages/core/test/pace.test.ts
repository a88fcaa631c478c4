import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutopipeError, checkPace, tooSlowSeconds } from '../src/index.js';

describe('checkPace', () => {
  afterEach(() => vi.restoreAllMocks());

  it('throws TOO_SLOW with the projected seconds when the steps so far cannot finish by finishBy', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_000);
    // 2 of 10 steps took 400 ms: 1.6 s to go, 2 s in all, ending at 2,600 against 2,000.
    let err: unknown;
    try {
      checkPace({ finishBy: 2_000 }, 600, 2, 10);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'TOO_SLOW' });
    expect(tooSlowSeconds(err)).toBeCloseTo(2.0);
    // The same pace with until 2,600 is fine.
    expect(() => checkPace({ finishBy: 2_600 }, 600, 2, 10)).not.toThrow();
  });

  it('does nothing without finishBy, before the first step or after the last', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_000_000);
    expect(() => checkPace({}, 0, 1, 10)).not.toThrow();
    expect(() => checkPace({ finishBy: 1 }, 0, 0, 10)).not.toThrow();
    expect(() => checkPace({ finishBy: 1 }, 0, 10, 10)).not.toThrow();
  });

  it('reads the projection back from a copy that kept only the code and message, as a worker thread returns it', () => {
    const copy = new AutopipeError('TOO_SLOW', 'stopped after 3 of 99 steps: projected 41.5s, past the time it was needed by', { remote: true });
    expect(tooSlowSeconds(copy)).toBe(41.5);
    expect(tooSlowSeconds(new AutopipeError('TOO_SLOW', 'no figure'))).toBe(Infinity);
    expect(tooSlowSeconds(new AutopipeError('INTERNAL', 'projected 3s'))).toBeUndefined();
    expect(tooSlowSeconds(new Error('projected 3s'))).toBeUndefined();
  });
});
