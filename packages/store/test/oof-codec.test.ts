import { describe, expect, it } from 'vitest';
import { classPrediction } from '@autopipe/core';
import { decodePrediction, encodePrediction } from '../src/oof-codec.js';

describe('out-of-fold prediction BLOB', () => {
  it('round-trips class probabilities and labels bit for bit, with non-ASCII classes', () => {
    const proba = new Float64Array([0.1, 0.7, 0.2, 1 / 3, 1 / 3, 1 / 3, 0, 0, 1]);
    const p = { ...classPrediction(['a', 'ß', 'c"q'], proba), labels: new Int32Array([1, 2, 2]) };
    const back = decodePrediction(encodePrediction(p));
    expect(back).toEqual(p);
    if (back.kind !== 'classification') throw new Error('kind');
    expect(back.proba).toBeInstanceOf(Float64Array);
    expect(back.labels).toBeInstanceOf(Int32Array);
    // Labels are stored, not recomputed: row 1 is a three-way tie whose stored label is 2, not the arg-max 0.
    expect(back.labels[1]).toBe(2);
  });

  it('round-trips regression values including NaN, -0 and extremes', () => {
    const values = new Float64Array([Math.PI, Number.NaN, -0, Number.MAX_VALUE, Number.MIN_VALUE, -1e-300]);
    const back = decodePrediction(encodePrediction({ kind: 'regression', values }));
    if (back.kind !== 'regression') throw new Error('kind');
    expect(Buffer.from(back.values.buffer)).toEqual(Buffer.from(values.buffer));
  });

  it('decodes from an unaligned view (as drivers may hand back) and rejects foreign bytes', () => {
    const enc = encodePrediction({ kind: 'regression', values: new Float64Array([1.5, 2.5]) });
    const shifted = Buffer.alloc(enc.length + 3);
    enc.copy(shifted, 3);
    expect(decodePrediction(shifted.subarray(3))).toEqual({ kind: 'regression', values: new Float64Array([1.5, 2.5]) });
    expect(() => decodePrediction(Buffer.from('not a prediction'))).toThrow(/not in the autopipe format/);
  });
});
