import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from '../src/lbfgs.js';

/** Extended Rosenbrock: Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², minimum 0 at all ones. */
const rosenbrock: Objective = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length; i += 2) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] = -400 * x[i] * a - 2 * b;
    g[i + 1] = 200 * a;
  }
  return f;
};

describe('minimizeLbfgs', () => {
  it('finds the Rosenbrock minimum from the classic start (-1.2, 1)', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: 500, gtol: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.f).toBeLessThan(1e-12);
    // Plain gradient descent needs thousands of steps here; quasi-Newton needs a few dozen.
    expect(r.iterations).toBeLessThan(100);
  });

  it('solves the 20-dimensional extended Rosenbrock', () => {
    const x0 = new Float64Array(20).map((_, i) => (i % 2 === 0 ? -1.2 : 1));
    const r = minimizeLbfgs(rosenbrock, x0, { maxIter: 1000, gtol: 1e-8 });
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(v).toBeCloseTo(1, 5);
  });

  it('minimizes a quadratic to the hand-solved point', () => {
    // f = ½xᵀAx − bᵀx with A = [[4,1],[1,3]], b = [1,2]: x* = A⁻¹b = [1/11, 7/11].
    const q: Objective = (x, g) => {
      g[0] = 4 * x[0] + x[1] - 1;
      g[1] = x[0] + 3 * x[1] - 2;
      return 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
    };
    const r = minimizeLbfgs(q, new Float64Array(2), { gtol: 1e-12 });
    expect(r.x[0]).toBeCloseTo(1 / 11, 10);
    expect(r.x[1]).toBeCloseTo(7 / 11, 10);
    expect(r.reason === 'gtol' || r.reason === 'ftol').toBe(true);
  });

  it('does not move when the start is already stationary, and does not modify x0', () => {
    const x0 = Float64Array.from([1, 1]);
    const r = minimizeLbfgs(rosenbrock, x0);
    expect(r.iterations).toBe(0);
    expect(r.reason).toBe('gtol');
    expect(r.evaluations).toBe(1);
    const y0 = Float64Array.from([-1.2, 1]);
    minimizeLbfgs(rosenbrock, y0, { maxIter: 3 });
    expect(Array.from(y0)).toEqual([-1.2, 1]);
  });

  it('stops at max_iter and when asked to stop', () => {
    const a = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: 3 });
    expect(a.reason).toBe('max_iter');
    expect(a.iterations).toBe(3);
    expect(a.converged).toBe(false);
    let calls = 0;
    const b = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { shouldStop: () => ++calls > 2 });
    expect(b.reason).toBe('stopped');
    expect(b.iterations).toBe(2);
  });

  it('every accepted step decreases the objective', () => {
    const values: number[] = [];
    for (let it = 1; it <= 30; it++) values.push(minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIter: it }).f);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
  });
});
