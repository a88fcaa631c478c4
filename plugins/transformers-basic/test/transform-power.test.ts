import { describe, expect, it } from 'vitest';
import { fitTransformer } from '@autopipe/core';
import { transformPower, yeoJohnson } from '../src/transform-power.js';
import { ctx, frameOf, numbers, roundTrip } from './helpers.js';

/*
 * References from scikit-learn 1.2.1:
 *   p = [0.5, 1.2, 3.4, 10, 0.1, -0.7, 2.2, 25, nan, 0.9]; q = [-3, -1.5, -20, 0.2, -0.4, -8, 1, -2.5, -0.1, -60]
 *   pt = PowerTransformer().fit(np.c_[p, q]); pt.lambdas_, pt.transform(np.c_[p, q]).T
 *   pt.transform([[-5, 3], [100, nan]]).T; PowerTransformer(standardize=False).fit_transform(np.c_[p, q]).T
 */
const P = [0.5, 1.2, 3.4, 10, 0.1, -0.7, 2.2, 25, null, 0.9];
const Q = [-3, -1.5, -20, 0.2, -0.4, -8, 1, -2.5, -0.1, -60];
const LAMBDAS = [-0.11181677955681564, 2.0737124870454617];
const P_STD = [-0.4962998742569529, -0.14906779650643714, 0.4427682291182843, 1.1579430004978142, -0.7885987984561196, -1.8288937184600185, 0.176549439482871, 1.7658287329769409, NaN, -0.28022921439638304];
const Q_STD = [-0.1996729101786197, 0.106309976219892, -1.1983459708331987, 0.8912132154054273, 0.4986867250190254, -0.7033116454105441, 1.8310372380614395, -0.11381632579555902, 0.6668897638600642, -1.7789900663479268];
const P_RAW = [0.3964110060204681, 0.7547003529832068, 1.3653828236346073, 2.1033316429424374, 0.09480410567966295, -0.9786179984977436, 1.0906865544834163, 2.7305749078184425, NaN, 0.6193622267739678];

const close = (got: number[], want: number[], digits = 6) => {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => (Number.isNaN(want[i]) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(want[i], digits)));
};
const train = () => frameOf({ p: { type: 'numeric', values: P }, q: { type: 'numeric', values: Q } });

describe('transform.power', () => {
  it('finds the maximum-likelihood λ per column and standardizes (matches scikit-learn PowerTransformer)', async () => {
    const t = await fitTransformer(transformPower, train(), ['p', 'q'], {}, ctx);
    const lambdas = (t.state() as { lambdas: Float64Array }).lambdas;
    expect(lambdas[0]).toBeCloseTo(LAMBDAS[0], 6);
    expect(lambdas[1]).toBeCloseTo(LAMBDAS[1], 6);
    const out = t.transform(train());
    close(numbers(out, 'p'), P_STD);
    close(numbers(out, 'q'), Q_STD);
    const fresh = t.transform(frameOf({ p: { type: 'numeric', values: [-5, 100] }, q: { type: 'numeric', values: [3, null] } }));
    close(numbers(fresh, 'p'), [-20.607207204044215, 2.613490830422442], 5);
    close(numbers(fresh, 'q'), [6.448400683307433, NaN], 5);
    expect(numbers(roundTrip(transformPower, t).transform(train()), 'q')).toEqual(numbers(out, 'q'));
  });

  it('can skip standardization', async () => {
    const t = await fitTransformer(transformPower, train(), ['p'], { standardize: false }, ctx);
    close(numbers(t.transform(train()), 'p'), P_RAW);
  });

  it('uses the Yeo-Johnson branches for λ = 0 and λ = 2', () => {
    expect(yeoJohnson(Math.E - 1, 0)).toBeCloseTo(1, 14);
    expect(yeoJohnson(1 - Math.E, 2)).toBeCloseTo(-1, 14);
    expect(yeoJohnson(3, 1)).toBe(3);
    expect(yeoJohnson(-3, 1)).toBe(-3);
  });

  it('maps a constant column to 0 and passes an all-missing column through', async () => {
    const f = frameOf({ k: { type: 'numeric', values: [7, 7, 7, null] }, m: { type: 'numeric', values: [null, null, null, null] } });
    const t = await fitTransformer(transformPower, f, ['k', 'm'], {}, ctx);
    const out = t.transform(frameOf({ k: { type: 'numeric', values: [7, null] }, m: { type: 'numeric', values: [2.5, null] } }));
    expect(numbers(out, 'k')).toEqual([0, NaN]);
    expect(numbers(out, 'm')).toEqual([2.5, NaN]);
  });

  it('stays finite on a heavily skewed column', async () => {
    const values = Array.from({ length: 300 }, (_, i) => Math.exp(i / 10));
    const t = await fitTransformer(transformPower, frameOf({ s: { type: 'numeric', values } }), ['s'], {}, ctx);
    const out = numbers(t.transform(frameOf({ s: { type: 'numeric', values } })), 's');
    expect(out.every(Number.isFinite)).toBe(true);
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    expect(mean).toBeCloseTo(0, 8);
  });
});
