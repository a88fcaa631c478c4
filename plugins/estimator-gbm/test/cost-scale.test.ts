import { describe, expect, it } from 'vitest';
import { gbm, gbmDefaults } from '../src/index.js';

describe('gbm costScale (what a --max-trials search is told a configuration costs)', () => {
  const cost = (p: Partial<typeof gbmDefaults>) => gbm.costScale!({ ...gbmDefaults, ...p }, { rows: 1000, features: 10 });

  it('is 1 at the defaults, linear in rounds, and grows with leaves (about their log) and sampling', () => {
    expect(cost({})).toBe(1);
    expect(cost({ n_estimators: 1000 })).toBeCloseTo(10);
    expect(cost({ max_leaves: 255 })).toBeCloseTo(8 / 5);
    expect(cost({ subsample: 0.5, colsample: 0.5 })).toBeCloseTo(0.25);
  });

  it('caps the leaves at what max_depth allows', () => {
    expect(cost({ max_leaves: 255, max_depth: 3 })).toBeCloseTo(cost({ max_leaves: 8 }));
  });
});
