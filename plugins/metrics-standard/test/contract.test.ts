import { describe, expect, it } from 'vitest';
import { isAutopipeError, Rng, TASKS, type MetricDefinition, type Prediction, type Target } from '@autopipe/core';
import { plugin } from '../src/index.js';
import { classTarget, labelPrediction, probaPrediction, valuePrediction, valueTarget } from './helpers.js';

// No metric kit exists in @autopipe/testkit yet, so the contract lives here; it could move there as is.

const N = 60;

function cases(task: 'binary' | 'multiclass' | 'regression'): { y: Target; perfect: Prediction; random: Prediction; wrongKind: Prediction } {
  const rng = new Rng(11);
  if (task === 'regression') {
    const v = Array.from({ length: N }, () => rng.normal() * 3 + 1);
    return { y: valueTarget(v), perfect: valuePrediction(v), random: valuePrediction(v.map(() => rng.normal() * 3 + 1)), wrongKind: labelPrediction(v.map(() => 'a'), ['a']) };
  }
  const classes = task === 'binary' ? ['0', '1'] : ['a', 'b', 'c'];
  const labels = Array.from({ length: N }, (_, i) => classes[i % classes.length]);
  const onehot = labels.map((l) => classes.map((c) => (c === l ? 1 : 0)));
  const noise = labels.map(() => {
    const r = classes.map(() => rng.next() + 1e-3);
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((x) => x / s);
  });
  return { y: classTarget(labels, classes), perfect: probaPrediction(onehot, classes), random: probaPrediction(noise, classes), wrongKind: valuePrediction(labels.map(() => 0)) };
}

function describeMetric(m: MetricDefinition): void {
  describe(`metric contract: ${m.key}`, () => {
    it('declares key, direction, needs and tasks', () => {
      expect(m.kind).toBe('metric');
      expect(m.key).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(m.description.length).toBeGreaterThan(0);
      expect(['max', 'min']).toContain(m.direction);
      expect(['label', 'proba', 'value']).toContain(m.needs);
      expect(m.tasks.length).toBeGreaterThan(0);
      for (const t of m.tasks) expect(TASKS).toContain(t);
      expect(m.needs === 'value').toBe(m.tasks.includes('regression'));
    });
    for (const task of m.tasks) {
      it(`${task}: perfect predictions score at least as well as random ones`, () => {
        const c = cases(task);
        const perfect = m.score(c.y, c.perfect);
        const random = m.score(c.y, c.random);
        expect(Number.isFinite(perfect) && Number.isFinite(random)).toBe(true);
        if (m.direction === 'max') expect(perfect).toBeGreaterThan(random);
        else expect(perfect).toBeLessThan(random);
      });
      it(`${task}: a prediction of the wrong kind throws an AutopipeError`, () => {
        const c = cases(task);
        let err: unknown;
        try {
          m.score(c.y, c.wrongKind);
        } catch (e) {
          err = e;
        }
        expect(isAutopipeError(err)).toBe(true);
      });
      it(`${task}: a length mismatch throws an AutopipeError`, () => {
        const c = cases(task);
        const short = cases(task).y;
        const cut: Target = short.kind === 'regression' ? { ...short, values: short.values.subarray(1) } : { ...short, codes: short.codes.subarray(1) };
        expect(() => m.score(cut, c.perfect)).toThrow(expect.objectContaining({ name: 'AutopipeError' }));
      });
    }
  });
}

it('the manifest provides eight metrics with unique keys', () => {
  const keys = plugin.provides.map((d) => d.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.sort()).toEqual(['accuracy', 'auc', 'balanced_accuracy', 'f1', 'log_loss', 'mae', 'r2', 'rmse']);
});

for (const def of plugin.provides) describeMetric(def);
