import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve } from '../src/cholesky.js';

describe('cholesky', () => {
  it('factors the textbook 3×3 matrix into L = [[2,0,0],[6,1,0],[-8,5,3]]', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(cholesky(a, 3)).toBe(true);
    expect([a[0], a[3], a[4], a[6], a[7], a[8]]).toEqual([2, 6, 1, -8, 5, 3]);
    // A·x = b with x = [1, 2, 3]: b = [4+24-48, 12+74-129, -16-86+294].
    const b = Float64Array.from([-20, -43, 192]);
    choleskySolve(a, 3, b);
    expect(b[0]).toBeCloseTo(1, 12);
    expect(b[1]).toBeCloseTo(2, 12);
    expect(b[2]).toBeCloseTo(3, 12);
  });

  it('reports singular and indefinite matrices instead of producing NaN', () => {
    expect(cholesky(Float64Array.from([1, 1, 1, 1]), 2)).toBe(false);
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
    expect(cholesky(new Float64Array(4), 2)).toBe(false);
  });
});
