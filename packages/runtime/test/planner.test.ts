import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '@autopipe/core';
import { PLAN_TRANSFORMERS, planPreprocessing, unplannable } from '../src/index.js';

const feats: ColumnSchema[] = [
  { name: 'x', type: 'numeric' }, { name: 'flag', type: 'boolean' }, { name: 'c', type: 'categorical' },
  { name: 'zip', type: 'high_cardinality' }, { name: 'when', type: 'datetime' }, { name: 'note', type: 'text' },
];
const all = new Set(Object.values(PLAN_TRANSFORMERS));
const keys = (steps: ReturnType<typeof planPreprocessing>) => steps.map((s) => s.transformer);

describe('planPreprocessing', () => {
  it('linear-like estimators: features from dates and text, target encoding, one-hot, imputation, scaling', () => {
    const steps = planPreprocessing(feats, { capabilities: ['needs-scaling'] }, all);
    expect(keys(steps)).toEqual(['datetime.features', 'impute.numeric', 'encode.target', 'scale.standard', 'text.tfidf', 'encode.onehot', 'select.variance']);
    expect(steps.find((s) => s.transformer === 'encode.target')!.columns).toEqual(['zip']);
    expect(steps.find((s) => s.transformer === 'encode.onehot')!.columns).toEqual(['c']);
    // Imputation and scaling select by type before TF-IDF and one-hot: they cover datetime features and target codes.
    expect(steps.find((s) => s.transformer === 'impute.numeric')!.select).toEqual(['numeric', 'boolean']);
    expect(steps.find((s) => s.transformer === 'scale.standard')!.select).toEqual(['numeric']);
  });

  it('tree learners: ordinal codes, no imputation (they take NaN), no scaling', () => {
    expect(keys(planPreprocessing(feats, { capabilities: ['missing-values', 'ordinal-categoricals'] }, all)))
      .toEqual(['datetime.features', 'encode.target', 'text.tfidf', 'encode.ordinal', 'select.variance']);
  });

  it('falls back to one-hot when the richer encoders are not registered', () => {
    const basic = new Set(['impute.numeric', 'encode.onehot', 'scale.standard']);
    const steps = planPreprocessing(feats.filter((f) => f.type !== 'datetime' && f.type !== 'text'), { capabilities: ['missing-values', 'ordinal-categoricals'] }, basic);
    expect(keys(steps)).toEqual(['encode.onehot']);
    expect(steps[0].columns).toEqual(['c', 'zip']);
    expect(unplannable(feats, basic)).toEqual([
      { column: 'when', reason: 'datetime (no "datetime.features" transformer is registered)' },
      { column: 'note', reason: 'free text (no "text.tfidf" transformer is registered)' },
    ]);
  });

  it('numeric-only data for an estimator that takes NaN needs no step', () => {
    expect(planPreprocessing([{ name: 'x', type: 'numeric' }], { capabilities: ['missing-values'] }, all)).toEqual([]);
  });
});
