import {
  isClassification, isNumericType, type EstimatorDefinition, type FittedModel, type FittedTransformer, type Frame, type Matrix, type OnnxColumn,
  type Task, type TransformerDefinition,
} from '@autopipe/core';
import { exportEstimator } from './export-estimator.js';
import { OnnxGraphBuilder } from './graph-builder.js';
import { runOnnx, type OnnxFeed } from './run.js';

/** A column-major matrix as the row-major double feed [rows, cols] that ONNX tensors use. */
export function matrixFeed(x: Matrix): OnnxFeed {
  const data = new Float64Array(x.rows * x.cols);
  for (let j = 0; j < x.cols; j++) for (let i = 0; i < x.rows; i++) data[i * x.cols + j] = x.data[j * x.rows + i];
  return { data, dims: [x.rows, x.cols] };
}

/** Largest |a − b| over two arrays, counting NaN against NaN as equal and NaN against a number as Infinity. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
      continue;
    }
    if (x === y) continue; // equal infinities
    worst = Math.max(worst, Math.abs(x - y));
  }
  return worst;
}

export interface EstimatorParity {
  /** Over probabilities (classification) or values (regression). */
  readonly maxAbsDiff: number;
  /** Rows whose ONNX arg-max class differs from autopipe's label (classification). */
  readonly labelMismatches: number;
  readonly onnx: Float64Array;
}

/** Exports a fitted estimator from its state, runs it in onnxruntime on `x`, and compares with `model.predict(x)`. */
export async function estimatorParity(def: EstimatorDefinition, model: FittedModel, x: Matrix, input: { task: Task; classes?: readonly string[] }): Promise<EstimatorParity> {
  const bytes = exportEstimator(def, model.state(), { features: x.cols, ...input });
  const out = await runOnnx(bytes, { x: matrixFeed(x) });
  const want = model.predict(x);
  if (!isClassification(input.task) || want.kind !== 'classification') {
    const got = Float64Array.from(out.values.data as Float64Array);
    return { maxAbsDiff: maxAbsDiff(got, want.kind === 'regression' ? want.values : want.proba), labelMismatches: 0, onnx: got };
  }
  const got = Float64Array.from(out.probabilities.data as Float64Array);
  const k = want.classes.length;
  let mismatches = 0;
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (got[i * k + c] > got[i * k + best]) best = c;
    if (best !== want.labels[i]) mismatches++;
  }
  return { maxAbsDiff: maxAbsDiff(got, want.proba), labelMismatches: mismatches, onnx: got };
}

export interface TransformerParity {
  /** Over numeric output columns. */
  readonly maxAbsDiff: number;
  /** Output columns whose values differ (strings compared exactly, "" standing for missing; numbers beyond `tolerance`). */
  readonly mismatches: readonly string[];
  readonly onnx: Readonly<Record<string, Float64Array | readonly string[]>>;
}

/**
 * Emits a fitted transformer alone (its input columns as graph inputs, every output column as a graph output), runs
 * it in onnxruntime on `frame`, and compares with `fitted.transform(frame)`.
 */
export async function transformerParity(def: TransformerDefinition, fitted: FittedTransformer, frame: Frame, tolerance = 1e-9): Promise<TransformerParity> {
  if (!def.toOnnx) throw new Error(`Transformer "${def.key}" has no toOnnx.`);
  const g = new OnnxGraphBuilder({ name: `autopipe_${def.key}` });
  const inputs = new Map<string, OnnxColumn>();
  const feeds: Record<string, OnnxFeed> = {};
  const n = frame.nrow;
  const safe = (name: string, k: number) => `in${k}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  fitted.inputs.forEach((name, k) => {
    const numeric = isNumericType(frame.typeOf(name));
    const tensor = g.input(safe(name, k), numeric ? 'double' : 'string', ['N', 1]);
    inputs.set(name, { tensor, type: numeric ? 'double' : 'string' });
    const data = frame.column(name);
    feeds[tensor] = numeric ? { data: data as Float64Array, dims: [n, 1] } : { data: (data as readonly (string | null)[]).map((v) => v ?? ''), dims: [n, 1] };
  });
  const outputs = def.toOnnx(fitted.state(), g, inputs);
  const names = fitted.outputs.map((o) => o.name);
  const graphNames = new Map<string, string>();
  names.forEach((name, k) => {
    const c = outputs.get(name);
    if (!c) throw new Error(`Transformer "${def.key}": its ONNX export does not produce output column "${name}".`);
    const out = `out${k}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    graphNames.set(name, out);
    g.output(out, c.tensor, c.type, ['N', 1]);
  });
  const result = await runOnnx(g.toBytes(), feeds);
  const want = fitted.transform(frame);
  let worst = 0;
  const mismatches: string[] = [];
  const onnx: Record<string, Float64Array | readonly string[]> = {};
  for (const name of names) {
    const got = result[graphNames.get(name)!].data;
    const exp = want.column(name);
    if (exp instanceof Float64Array) {
      const d = maxAbsDiff(Float64Array.from(got as Float64Array), exp);
      onnx[name] = Float64Array.from(got as Float64Array);
      if (!(d <= tolerance)) mismatches.push(name);
      if (d > worst) worst = d;
    } else {
      const s = got as string[];
      onnx[name] = s;
      if (s.length !== exp.length || exp.some((v, i) => (v ?? '') !== s[i])) mismatches.push(name);
    }
  }
  return { maxAbsDiff: worst, mismatches, onnx };
}
