import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitTransformer, type StateValue } from '@autopipe/core';
import { textTfidf } from '../src/tfidf.js';
import { ctx, rowsOf, roundTrip, textFrame } from './helpers.js';

/** Precomputed by fixtures/sklearn-tfidf.py (scikit-learn 1.2.1 TfidfVectorizer / HashingVectorizer + TfidfTransformer). */
const REF = JSON.parse(readFileSync(new URL('./fixtures/sklearn-tfidf.json', import.meta.url), 'utf8')) as Record<string, { terms?: string[]; X: number[][] }>;
const DOCS = ['Free entry: WIN a free prize now!', "Call me when you're free, ok?", '', 'ok ok see you at the café', 'WIN win WIN big prize', 'naïve test_case 42 x y', 'see you later'];

function expectMatrix(got: number[][], want: number[][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => {
    expect(row.length).toBe(want[i].length);
    row.forEach((v, j) => expect(Math.abs(v - want[i][j])).toBeLessThan(1e-9));
  });
}

const termsOf = (state: StateValue): string[] => (state as { terms: string[][] }).terms[0];

describe('text.tfidf matches scikit-learn', () => {
  it('word unigrams (TfidfVectorizer(min_df=1))', async () => {
    const f = textFrame({ d: DOCS });
    const t = await fitTransformer(textTfidf, f, ['d'], { min_df: 1 }, ctx);
    expect(termsOf(t.state())).toEqual(REF.word.terms);
    expectMatrix(rowsOf(t.transform(f), t, 'd'), REF.word.X);
  });

  it('word uni+bigrams, sublinear tf, min_df 2', async () => {
    const f = textFrame({ d: DOCS });
    const t = await fitTransformer(textTfidf, f, ['d'], { ngram_max: 2, sublinear_tf: true }, ctx);
    expect(termsOf(t.state())).toEqual(REF.bigram_sublinear_min2.terms);
    expectMatrix(rowsOf(t.transform(f), t, 'd'), REF.bigram_sublinear_min2.X);
  });

  it('char_wb 2..3-grams without idf smoothing', async () => {
    const f = textFrame({ d: DOCS });
    const t = await fitTransformer(textTfidf, f, ['d'], { analyzer: 'char_wb', ngram_min: 2, ngram_max: 3, min_df: 1, max_features: 1000, smooth_idf: false }, ctx);
    expect(termsOf(t.state())).toEqual(REF.charwb.terms);
    expectMatrix(rowsOf(t.transform(f), t, 'd'), REF.charwb.X);
  });

  it('signed feature hashing into 16 buckets (HashingVectorizer(alternate_sign=True, norm=None) + TfidfTransformer())', async () => {
    const f = textFrame({ d: DOCS });
    const t = await fitTransformer(textTfidf, f, ['d'], { hashing: true, n_features: 16 }, ctx);
    expect(t.outputs.length).toBe(16);
    expectMatrix(rowsOf(t.transform(f), t, 'd'), REF.hashing16.X);
  });
});

describe('text.tfidf', () => {
  it('computes smoothed idf and L2 rows by hand on a tiny corpus', async () => {
    // Terms (min_df 1): apple (df 2), banana (df 1), cherry (df 1); n = 3 docs.
    const f = textFrame({ d: ['apple apple banana', 'apple cherry', null] });
    const t = await fitTransformer(textTfidf, f, ['d'], { min_df: 1 }, ctx);
    const idfA = Math.log(4 / 3) + 1;
    const idfB = Math.log(4 / 2) + 1;
    const r0 = [2 * idfA, idfB, 0];
    const r1 = [idfA, 0, idfB];
    const unit = (r: number[]) => r.map((v) => v / Math.hypot(...r));
    expectMatrix(rowsOf(t.transform(f), t, 'd'), [unit(r0), unit(r1), [0, 0, 0]]);
  });

  it('caps the vocabulary by document frequency (ties: smaller term), drops terms under min_df, and keeps outputs sorted', async () => {
    const f = textFrame({ d: ['a1 b1 c1 d1', 'b1 c1 d1', 'c1 d1 zz', 'd1 zz', 'once'] });
    const t = await fitTransformer(textTfidf, f, ['d'], { max_features: 3, min_df: 2 }, ctx);
    // df: d1 4, c1 3, b1 2, zz 2, a1 1, once 1 → top 3 = d1, c1, then b1 (ties with zz, smaller wins).
    expect(termsOf(t.state())).toEqual(['b1', 'c1', 'd1']);
    expect(t.outputs.map((o) => o.name)).toEqual(['d__tfidf_0', 'd__tfidf_1', 'd__tfidf_2']);
  });

  it('gives all-zero rows for null, empty and all-unseen documents, never NaN', async () => {
    const f = textFrame({ d: ['spam offer', 'spam now', 'offer now'] });
    const t = await fitTransformer(textTfidf, f, ['d'], {}, ctx);
    const out = t.transform(textFrame({ d: [null, '', '   ', 'nothing known', '!!!'] }));
    for (const row of rowsOf(out, t, 'd')) expect(row).toEqual([0, 0, 0]);
  });

  it('drops a column whose vocabulary is empty (all missing at fit time) instead of throwing', async () => {
    const f = textFrame({ d: [null, '', null], e: ['x1 y1', 'x1', 'y1'] });
    const t = await fitTransformer(textTfidf, f, ['d', 'e'], {}, ctx);
    const out = t.transform(f);
    expect(out.names).toEqual(['e__tfidf_0', 'e__tfidf_1']);
  });

  it('rejects bad hyperparameters with INVALID_PARAMS', async () => {
    const f = textFrame({ d: ['a b'] });
    await expect(fitTransformer(textTfidf, f, ['d'], { analyzer: 'char' }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(fitTransformer(textTfidf, f, ['d'], { ngram_min: 3, ngram_max: 2 }, ctx)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('restores vocabulary and hashing models to bit-identical output', async () => {
    const f = textFrame({ d: DOCS });
    for (const params of [{ min_df: 1, ngram_max: 2 }, { hashing: true, n_features: 32, sublinear_tf: true }]) {
      const t = await fitTransformer(textTfidf, f, ['d'], params, ctx);
      const r = roundTrip(textTfidf, t);
      expect(r.outputs).toEqual(t.outputs);
      expect(rowsOf(r.transform(f), r, 'd')).toEqual(rowsOf(t.transform(f), t, 'd'));
    }
  });
});
