import { describe, expect, it } from 'vitest';
import { extraTrees, randomForest } from '../src/index.js';

describe('forest costScale (what a --max-trials search is told a configuration costs)', () => {
  const shape = { rows: 1000, features: 16 };

  it('is 1 at the defaults and scales with trees × features tried per split', () => {
    for (const def of [randomForest, extraTrees]) {
      const cost = (p: object) => def.costScale!({ ...def.defaults, ...p }, shape);
      expect(cost({})).toBe(1);
      expect(cost({ n_estimators: 500 })).toBeCloseTo(5);
      // All 16 features against √16 = 4.
      expect(cost({ max_features: 1 })).toBeCloseTo(4);
    }
  });

  it('counts regression defaults as drawing every feature, so all of them cost what the defaults do', () => {
    for (const def of [randomForest, extraTrees]) {
      const cost = (p: object) => def.costScale!({ ...def.defaults, ...p }, { ...shape, task: 'regression' });
      expect(cost({})).toBe(1);
      expect(cost({ max_features: 1 })).toBeCloseTo(1);
      expect(cost({ max_features: 0.25 })).toBeCloseTo(0.25);
    }
  });
});
