import { describe, expect, it } from 'vitest';
import { halving, rungOf } from '../src/rungs.js';

describe('halving', () => {
  it('builds the ladder η^-k down to the lowest fidelity, ending at exactly 1', () => {
    expect(halving().rungs).toEqual([1 / 27, 1 / 9, 1 / 3, 1]);
    expect(halving({ eta: 2, minFidelity: 0.1 }).rungs).toEqual([1 / 8, 1 / 4, 1 / 2, 1]);
    expect(halving({ eta: 4, minFidelity: 1 / 16 }).rungs).toEqual([1 / 16, 1 / 4, 1]);
    expect(halving({ minFidelity: 1 }).rungs).toEqual([1]);
  });

  it('rejects settings that make no ladder, naming the setting', () => {
    expect(() => halving({ eta: 1 })).toThrow(/eta/);
    expect(() => halving({ minFidelity: 0 })).toThrow(/minFidelity/);
    expect(() => halving({ minFidelity: 1.5 })).toThrow(/minFidelity/);
    expect(() => halving({ fullFirst: -1 })).toThrow(/fullFirst/);
  });

  it('finds the rung of a fidelity; absent means the top rung', () => {
    const h = halving();
    expect(rungOf(h, 1 / 9)).toBe(1);
    expect(rungOf(h, undefined)).toBe(3);
    expect(rungOf(h, 0.5)).toBe(-1);
  });
});
