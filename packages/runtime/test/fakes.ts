import {
  Frame, classPrediction, definePlugin, frameToMatrix, matrixColumn,
  type EstimatorDefinition, type FittedTransformer, type MetricDefinition, type PluginManifest, type SearcherDefinition, type StateValue, type TransformerDefinition,
} from '@autopipe/core';

/** A transformer that passes its columns through, optionally filling NaN with 0 — enough to exercise plans. */
function passthrough(key: string, accepts: TransformerDefinition['accepts'], fill: boolean): TransformerDefinition {
  const make = (cols: readonly string[]): FittedTransformer => ({
    transformer: key,
    inputs: cols,
    outputs: cols.map((name) => ({ name, type: 'numeric' as const })),
    transform(frame: Frame): Frame {
      return frame.with(cols.map((name) => {
        const d = frame.column(name);
        const out = d instanceof Float64Array ? Float64Array.from(d, (v) => (fill && Number.isNaN(v) ? 0 : v)) : Float64Array.from(d, (v) => (v === null ? 0 : v.length));
        return { schema: { name, type: 'numeric' as const }, data: out };
      }));
    },
    state: () => ({ cols: [...cols] }),
  });
  return {
    kind: 'transformer', key, description: `test ${key}`, accepts, defaults: { strategy: 'median', add_indicator: true },
    fit: (_f, cols) => make(cols),
    restore: (s: StateValue) => make((s as { cols: string[] }).cols),
  };
}

/** Predicts the training mean / class frequencies, shifted by `bias` so trials differ in score. */
export const meanEstimator: EstimatorDefinition<{ bias: number }> = {
  kind: 'estimator', key: 'mean', description: 'test mean', tasks: ['binary', 'multiclass', 'regression'], capabilities: [],
  defaults: { bias: 0 }, space: { bias: { kind: 'float', low: 0, high: 1 } },
  fit(x, y, params) {
    const state = y.kind === 'regression'
      ? { kind: 'r', mean: y.values.reduce((a, b) => a + b, 0) / y.values.length + params.bias }
      : { kind: 'c', classes: [...y.classes], freq: Array.from(y.classes, (_, c) => y.codes.filter((v) => v === c).length / y.codes.length) };
    return meanEstimator.restore(state as unknown as StateValue);
  },
  restore(s: StateValue) {
    const st = s as { kind: string; mean: number; classes: string[]; freq: number[] };
    return {
      estimator: 'mean',
      state: () => st,
      predict(x) {
        if (st.kind === 'r') return { kind: 'regression', values: new Float64Array(x.rows).fill(st.mean) };
        const k = st.classes.length;
        const proba = new Float64Array(x.rows * k);
        // Uses the first column a little so AUC is defined and differs from 0.5.
        const c0 = matrixColumn(x, 0);
        for (let i = 0; i < x.rows; i++) {
          for (let c = 0; c < k; c++) proba[i * k + c] = st.freq[c];
          if (k === 2) { const s = 1 / (1 + Math.exp(-c0[i])); proba[i * 2 + 1] = s; proba[i * 2] = 1 - s; }
        }
        return classPrediction(st.classes, proba);
      },
    };
  },
};

export const rmse: MetricDefinition = {
  kind: 'metric', key: 'rmse', description: 'rmse', direction: 'min', tasks: ['regression'], needs: 'value',
  score(y, p) {
    if (y.kind !== 'regression' || p.kind !== 'regression') throw new Error('kind');
    let s = 0;
    for (let i = 0; i < y.values.length; i++) s += (y.values[i] - p.values[i]) ** 2;
    return Math.sqrt(s / y.values.length);
  },
};

export const accuracy: MetricDefinition = {
  kind: 'metric', key: 'auc', description: 'accuracy standing in for auc', direction: 'max', tasks: ['binary', 'multiclass'], needs: 'label',
  score(y, p) {
    if (y.kind !== 'classification' || p.kind !== 'classification') throw new Error('kind');
    let ok = 0;
    for (let i = 0; i < y.codes.length; i++) if (y.codes[i] === p.labels[i]) ok++;
    return ok / y.codes.length;
  },
};

export const sequential: SearcherDefinition = {
  kind: 'searcher', key: 'random', description: 'biases 0, 0.1, 0.2, ...',
  create(domain) {
    let i = 0;
    return { ask: () => ({ estimator: domain.estimators[0].key, params: { ...domain.estimators[0].defaults, bias: (i++ % 10) / 10 } }), tell() {} };
  },
};

export const testPlugin: PluginManifest = definePlugin({
  name: '@test/fakes', version: '1.0.0', core: '^0.1.0',
  provides: [passthrough('impute.numeric', ['numeric', 'boolean'], true), passthrough('encode.onehot', ['categorical'], false), passthrough('scale.standard', ['numeric', 'boolean'], false), meanEstimator, rmse, accuracy, sequential],
});

export function toyFrame(n = 60): Frame {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const c: (string | null)[] = [];
  const label: (string | null)[] = [];
  const id: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = i % 7 === 0 ? NaN : (i % 10) - 5;
    y[i] = i * 0.5;
    c.push(i % 3 ? 'a' : 'b');
    label.push(i % 2 ? 'yes' : 'no');
    id.push(`row${i}`);
  }
  return Frame.fromColumns([
    { schema: { name: 'id', type: 'id' }, data: id },
    { schema: { name: 'x', type: 'numeric' }, data: x },
    { schema: { name: 'c', type: 'categorical' }, data: c },
    { schema: { name: 'y', type: 'numeric' }, data: y },
    { schema: { name: 'label', type: 'categorical' }, data: label },
  ]);
}

export { frameToMatrix };
