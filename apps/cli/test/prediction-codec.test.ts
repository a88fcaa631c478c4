import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePrediction, encodePrediction } from '../src/prediction-codec.js';
import { workerSource } from '../src/redis-executor.js';
import { titanic } from './cli.js';

/** Fold predictions cross Redis as JSON: every bit of every value must survive, including what JSON cannot write. */
describe('prediction codec for remote folds', () => {
  const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  it('keeps NaN, ±Infinity, -0 and the last bits of regression values', () => {
    const values = new Float64Array([NaN, Infinity, -Infinity, -0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308]);
    const back = decodePrediction(roundTrip(encodePrediction({ kind: 'regression', values })));
    expect(back.kind).toBe('regression');
    const got = back.kind === 'regression' ? back.values : new Float64Array();
    expect(got).toBeInstanceOf(Float64Array);
    expect(new Uint8Array(got.buffer)).toEqual(new Uint8Array(values.buffer));
    expect(Object.is(got[3], -0)).toBe(true);
  });

  it('keeps class probabilities, labels and class names; reads arrays at an offset of a larger buffer', () => {
    const buf = new Float64Array(8);
    buf.set([0.25, 0.75, NaN, NaN, 1, 0], 2);
    const proba = buf.subarray(2, 8);
    const labels = new Int32Array([1, -1, 0]);
    const back = decodePrediction(roundTrip(encodePrediction({ kind: 'classification', classes: ['no', 'yes'], proba, labels })));
    if (back.kind !== 'classification') throw new Error('expected a class prediction');
    expect(back.classes).toEqual(['no', 'yes']);
    expect(Array.from(back.proba)).toEqual([0.25, 0.75, NaN, NaN, 1, 0]);
    expect(back.labels).toBeInstanceOf(Int32Array);
    expect(Array.from(back.labels)).toEqual([1, -1, 0]);
  });

  it('rejects results that are not encoded predictions, or whose shapes disagree', () => {
    expect(() => decodePrediction({ kind: 'regression', values: [1, 2] } as never)).toThrow(/not an encoded prediction/);
    const bad = { ...encodePrediction({ kind: 'classification', classes: ['a', 'b'], proba: new Float64Array([1, 0]), labels: new Int32Array([0]) }), classes: ['a', 'b', 'c'] };
    expect(() => decodePrediction(bad)).toThrow(/do not match/);
  });

  it('sends local files to workers by absolute path, and URIs as they are', () => {
    expect(workerSource(relative(process.cwd(), titanic))).toBe(titanic);
    expect(workerSource(titanic)).toBe(titanic);
    expect(workerSource('postgres://u:p@db/x?table=t')).toBe('postgres://u:p@db/x?table=t');
    expect(workerSource(`${titanic}?delimiter=,`)).toBe(`${titanic}?delimiter=,`);
    expect(workerSource('no/such/file.csv')).toBe('no/such/file.csv');
  });
});
