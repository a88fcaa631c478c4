import { describe, expect, it } from 'vitest';
import { mlp } from '../src/index.js';
import { MLP_DEFAULTS } from '../src/params.js';

describe('mlp costScale (what a --max-trials search is told a configuration costs)', () => {
  const shape = { rows: 600, features: 4 };
  const cost = (p: Partial<typeof MLP_DEFAULTS>) => mlp.costScale!({ ...MLP_DEFAULTS, ...p }, shape);

  it('is 1 at the defaults and grows with layers, width, batch norm and epochs', () => {
    expect(cost({})).toBe(1);
    expect(cost({ hidden_layers: '64' })).toBeLessThan(1);
    expect(cost({ hidden_layers: '128-64' })).toBeGreaterThan(cost({ hidden_layers: '64' }));
    expect(cost({ hidden_layers: '256-128' })).toBeGreaterThan(cost({ hidden_layers: '128-64' }));
    expect(cost({ batch_norm: true })).toBeCloseTo(1.5);
    expect(cost({ max_epochs: 400 })).toBeCloseTo(2);
  });

  it('puts a 256-128 network with batch norm at about 4.5× a 64-wide one with batch norm, as measured on blood-transfusion', () => {
    const ratio = cost({ hidden_layers: '256-128', batch_norm: true }) / cost({ hidden_layers: '64', batch_norm: true });
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(6);
  });

  it('is relative to the defaults on the same data: the input layer counts in both, so a wide network\'s premium shrinks on wide data', () => {
    const wide = { rows: 600, features: 200 };
    expect(mlp.costScale!(MLP_DEFAULTS, wide)).toBe(1);
    expect(mlp.costScale!({ ...MLP_DEFAULTS, hidden_layers: '256-128' }, wide)).toBeGreaterThan(1);
    expect(mlp.costScale!({ ...MLP_DEFAULTS, hidden_layers: '256-128' }, wide)).toBeLessThan(cost({ hidden_layers: '256-128' }));
  });
});
