import { describe, expect, it } from 'vitest';
import { Frame, Rng, fitTransformer, fitTransformFrame, type Target } from '@autopipe/core';
import { encodeTarget } from '../src/encode-target.js';

const ctx = { seed: 7, logger: { debug() {}, info() {}, warn() {} } };

/** ROC AUC of scores against 0/1 labels (Mann–Whitney U with average ranks for ties). */
function auc(scores: Float64Array, labels: Int32Array): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const rank = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    for (let k = i; k <= j; k++) rank[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let pos = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) { pos++; sum += rank[i]; }
  const neg = n - pos;
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** 2,000 rows of an ID-like categorical with 1,500 distinct values; the binary target is a fair coin, independent of it. */
function randomIdProblem(seed: number): { frame: Frame; y: Target } {
  const rng = new Rng(seed);
  const n = 2000;
  const ids = Array.from({ length: n }, (_, i) => `id${i < 1500 ? i : rng.int(1500)}`);
  rng.shuffle(ids);
  const codes = Int32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  return { frame: Frame.fromColumns([{ schema: { name: 'id', type: 'high_cardinality' }, data: ids }]), y: { kind: 'classification', classes: ['0', '1'], codes } };
}

/** 2,000 rows of a 30-level categorical where each level has its own P(y = 1), spread over [0.05, 0.95]. */
function predictiveProblem(seed: number): { frame: Frame; y: Target } {
  const rng = new Rng(seed);
  const p = Array.from({ length: 30 }, () => 0.05 + 0.9 * rng.next());
  const levels = Array.from({ length: 2000 }, () => rng.int(30));
  const codes = Int32Array.from(levels, (l) => (rng.next() < p[l] ? 1 : 0));
  return { frame: Frame.fromColumns([{ schema: { name: 'group', type: 'categorical' }, data: levels.map((l) => `g${l}`) }]), y: { kind: 'classification', classes: ['0', '1'], codes } };
}

const labels = (y: Target) => (y.kind === 'classification' ? y.codes : new Int32Array(0));

describe('encode.target leakage', () => {
  for (const seed of [1, 2, 3]) {
    it(`a random ID looks predictive when encoded naively but not out of fold (data seed ${seed})`, async () => {
      const { frame, y } = randomIdProblem(seed);
      const c = { ...ctx, target: y };
      // Naive: fit on the rows, then encode those same rows — each singleton ID's code moves with its own label.
      const naive = (await fitTransformer(encodeTarget, frame, ['id'], {}, c)).transform(frame);
      const naiveAuc = auc(naive.numeric('id'), labels(y));
      // Out of fold, what the pipeline uses for the training rows.
      const { output } = await fitTransformFrame(encodeTarget, frame, ['id'], {}, c);
      const oofAuc = auc(output.numeric('id'), labels(y));
      expect(naiveAuc).toBeGreaterThan(0.75);
      expect(Math.abs(oofAuc - 0.5)).toBeLessThan(0.05);
    });
  }

  it('keeps the signal of a categorical that truly predicts the target', async () => {
    const { frame, y } = predictiveProblem(11);
    const c = { ...ctx, target: y };
    const naive = (await fitTransformer(encodeTarget, frame, ['group'], {}, c)).transform(frame);
    const naiveAuc = auc(naive.numeric('group'), labels(y));
    const { output } = await fitTransformFrame(encodeTarget, frame, ['group'], {}, c);
    const oofAuc = auc(output.numeric('group'), labels(y));
    expect(oofAuc).toBeGreaterThan(0.7);
    // With ~67 rows per level, leaving a fold out barely moves the codes.
    expect(Math.abs(naiveAuc - oofAuc)).toBeLessThan(0.03);
  });

  it('the AUC helper is right on a hand-checked case', () => {
    // pairs (pos, neg): (0.8, 0.1) win, (0.8, 0.4) win, (0.4, 0.1) win, (0.4, 0.4) tie → 3.5 / 4.
    expect(auc(Float64Array.from([0.8, 0.4, 0.1, 0.4]), Int32Array.from([1, 1, 0, 0]))).toBe(0.875);
  });
});
