import { describe, expect, it } from 'vitest';
import { fitTransformer, fitTransformFrame, type Target } from '@autopipe/core';
import { encodeTarget } from '../src/encode-target.js';
import { foldSplit } from '../src/target-stats.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

// sklearn 1.2 has no TargetEncoder: the expected values below are computed by hand from the m-estimate
// (n·mean_c + m·prior) / (n + m).
const COL = ['a', 'a', 'a', 'b', 'b', null, 'c'];
const binary: Target = { kind: 'classification', classes: ['0', '1'], codes: Int32Array.from([1, 1, 0, 0, 1, 1, 0]) };
const train = () => frameOf({ c: { type: 'categorical', values: COL } });
const close = (got: number[], want: number[]) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
};

describe('encode.target', () => {
  it('binary: P(y = positive class) smoothed towards the prior; unseen and missing → prior', async () => {
    const t = await fitTransformer(encodeTarget, train(), ['c'], { smoothing: 2 }, { ...ctx, target: binary });
    // prior 4/7; a: (2 + 2·4/7) / 5 = 22/35; b: (1 + 8/7) / 4 = 15/28; c: (0 + 8/7) / 3 = 8/21.
    const probe = frameOf({ c: { type: 'categorical', values: ['a', 'b', 'c', null, 'never'] } });
    close(numbers(t.transform(probe), 'c'), [22 / 35, 15 / 28, 8 / 21, 4 / 7, 4 / 7]);
    expect(t.outputs).toEqual([{ name: 'c', type: 'numeric' }]);
    expect(numbers(roundTrip(encodeTarget, t).transform(probe), 'c')).toEqual(numbers(t.transform(probe), 'c'));
  });

  it('multiclass: one column per class named <col>__te_<class>', async () => {
    const f = frameOf({ c: { type: 'high_cardinality', values: ['a', 'a', 'b'] } });
    const y: Target = { kind: 'classification', classes: ['x', 'y', 'z'], codes: Int32Array.from([0, 1, 2]) };
    const t = await fitTransformer(encodeTarget, f, ['c'], { smoothing: 1 }, { ...ctx, target: y });
    expect(t.outputs.map((o) => o.name)).toEqual(['c__te_x', 'c__te_y', 'c__te_z']);
    const out = t.transform(frameOf({ c: { type: 'high_cardinality', values: ['a', 'b', null] } }));
    // prior 1/3 each; a: n 2, counts [1, 1, 0] → [4/9, 4/9, 1/9]; b: n 1, counts [0, 0, 1] → [1/6, 1/6, 2/3].
    close(numbers(out, 'c__te_x'), [4 / 9, 1 / 6, 1 / 3]);
    close(numbers(out, 'c__te_y'), [4 / 9, 1 / 6, 1 / 3]);
    close(numbers(out, 'c__te_z'), [1 / 9, 2 / 3, 1 / 3]);
    expect(out.has('c')).toBe(false);
  });

  it('regression: smoothed mean of y', async () => {
    const f = frameOf({ c: { type: 'categorical', values: ['a', 'a', 'b', null] } });
    const t = await fitTransformer(encodeTarget, f, ['c'], { smoothing: 1 }, { ...ctx, target: { kind: 'regression', values: Float64Array.from([1, 3, 10, 6]) } });
    // prior 5; a: (4 + 5) / 3 = 3; b: (10 + 5) / 2 = 7.5.
    close(numbers(t.transform(f), 'c'), [3, 3, 7.5, 5]);
  });

  it('fitTransform with cv = rows is leave-one-out: each row coded without its own target', async () => {
    const { output } = await fitTransformFrame(encodeTarget, train(), ['c'], { smoothing: 2, cv: 7 }, { ...ctx, target: binary });
    // Smoothing goes towards the training prior 4/7 (shared by all rows; see target-stats.ts).
    // Row 0 (a, y 1): the other a rows → n 2, Σy 1 → (1 + 8/7) / 4 = 15/28. Row 1 (a, y 1): the same, 15/28.
    // Row 2 (a, y 0): others → n 2, Σy 2 → (2 + 8/7) / 4 = 11/14. Row 3 (b, y 0): other b → (1 + 8/7) / 3 = 5/7.
    // Row 4 (b, y 1): (0 + 8/7) / 3 = 8/21. Row 5 (missing) and row 6 (c, no other c): the prior 4/7.
    close(numbers(output, 'c'), [15 / 28, 15 / 28, 11 / 14, 5 / 7, 8 / 21, 4 / 7, 4 / 7]);
  });

  it('fitTransform matches a brute-force out-of-fold reference, and leaves other columns alone', async () => {
    const n = 60;
    const m = 3;
    const col = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : `v${(i * 7) % 9}`));
    const yv = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3 + (i % 4));
    const f = frameOf({ c: { type: 'categorical', values: col }, other: { type: 'numeric', values: col.map((_, i) => i) } });
    const { output } = await fitTransformFrame(encodeTarget, f, ['c'], { cv: 4, smoothing: m }, { ...ctx, seed: 17, target: { kind: 'regression', values: yv } });
    const got = numbers(output, 'c');
    const prior = yv.reduce((a, b) => a + b, 0) / n;
    const split = foldSplit(n, 4, 17);
    const foldOf = new Int32Array(n);
    for (let k = 0; k < 4; k++) for (let p = split.bounds[k]; p < split.bounds[k + 1]; p++) foldOf[split.order[p]] = k;
    expect(new Set(foldOf).size).toBe(4);
    for (let i = 0; i < n; i++) {
      const others = Array.from({ length: n }, (_, r) => r).filter((r) => foldOf[r] !== foldOf[i] && col[r] !== null && col[r] === col[i]);
      const sum = others.reduce((a, r) => a + yv[r], 0);
      expect(got[i]).toBeCloseTo((sum + m * prior) / (others.length + m), 12);
      expect(others).not.toContain(i);
    }
    expect(numbers(output, 'other')).toEqual(col.map((_, i) => i));
  });

  it('fitTransform is deterministic in the seed and its fitted part equals fit', async () => {
    const run = (seed: number) => fitTransformFrame(encodeTarget, train(), ['c'], { smoothing: 1, cv: 3 }, { ...ctx, seed, target: binary });
    const [a, b] = [await run(3), await run(3)];
    expect(numbers(a.output, 'c')).toEqual(numbers(b.output, 'c'));
    const full = await fitTransformer(encodeTarget, train(), ['c'], { smoothing: 1, cv: 3 }, { ...ctx, target: binary });
    expect(numbers(a.fitted.transform(train()), 'c')).toEqual(numbers(full.transform(train()), 'c'));
  });

  it('explains that it needs the target, and rejects a misaligned one', async () => {
    const err = fitTransformer(encodeTarget, train(), ['c'], {}, ctx);
    await expect(err).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(err).rejects.toThrow(/needs the target/);
    await expect(fitTransformFrame(encodeTarget, train(), ['c'], {}, ctx)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const short: Target = { kind: 'regression', values: new Float64Array(3) };
    await expect(fitTransformer(encodeTarget, train(), ['c'], {}, { ...ctx, target: short })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('gives the prior everywhere for an all-missing column, and never crashes on tiny inputs', async () => {
    const f = frameOf({ c: { type: 'categorical', values: [null, null, null] } });
    const y: Target = { kind: 'regression', values: Float64Array.from([1, 2, 6]) };
    const { fitted, output } = await fitTransformFrame(encodeTarget, f, ['c'], {}, { ...ctx, target: y });
    expect(numbers(fitted.transform(frameOf({ c: { type: 'categorical', values: ['x', null] } })), 'c')).toEqual([3, 3]);
    expect(numbers(output, 'c')).toEqual([3, 3, 3]);
    const one = frameOf({ c: { type: 'categorical', values: ['a'] } });
    const single = await fitTransformFrame(encodeTarget, one, ['c'], {}, { ...ctx, target: { kind: 'regression', values: Float64Array.from([2]) } });
    expect(numbers(single.output, 'c')).toEqual([2]);
  });
});
