import { AutopipeError } from './errors.js';
import type { StateValue } from './state.js';
import type { Task } from './task.js';

/** Element types of tensors in exported graphs. Numeric columns travel as `double` so exports match autopipe's float64 math. */
export type OnnxElementType = 'float' | 'double' | 'int64' | 'string';

/** A constant tensor (an initializer or a tensor attribute). `int64` values are given as numbers or bigints. */
export interface OnnxTensor {
  readonly type: OnnxElementType;
  readonly dims: readonly number[];
  readonly values: Float32Array | Float64Array | BigInt64Array | readonly number[] | readonly string[];
}

/** An attribute value, tagged because ONNX tells int from float attributes and JS numbers do not. */
export type OnnxAttribute =
  | { readonly int: number }
  | { readonly float: number }
  | { readonly string: string }
  | { readonly ints: readonly number[] }
  | { readonly floats: ArrayLike<number> }
  | { readonly strings: readonly string[] }
  | { readonly tensor: OnnxTensor };

/**
 * The ONNX graph under construction, handed to plugins' `toOnnx`. Plugins add nodes and constants and get back
 * tensor names the builder made unique; they never see protobuf. Use standard operators of `opset.onnx` and the
 * `ai.onnx.ml` domain at `opset.ml` (e.g. TreeEnsembleClassifier/Regressor, LabelEncoder).
 */
export interface OnnxGraph {
  readonly opset: { readonly onnx: number; readonly ml: number };
  /** Adds a node and returns the names of its outputs (`outputs`, default 1). */
  node(op: string, inputs: readonly string[], attributes?: Readonly<Record<string, OnnxAttribute>>, options?: { readonly domain?: 'ai.onnx.ml'; readonly outputs?: number; readonly hint?: string }): string[];
  /** Adds a constant (initializer) and returns its name. */
  constant(tensor: OnnxTensor, hint?: string): string;
}

/** One frame column inside an exported graph: a tensor of shape [N, 1], `double` for numeric and boolean columns, `string` otherwise. */
export interface OnnxColumn {
  readonly tensor: string;
  readonly type: 'double' | 'string';
}

/** What an estimator's `toOnnx` is given: the feature matrix as one `double` tensor of shape [N, features], in matrix column order. */
export interface OnnxModelInput {
  readonly x: string;
  readonly features: number;
  readonly task: Task;
  /** Class labels in code order (classification). */
  readonly classes?: readonly string[];
}

/**
 * What an estimator's `toOnnx` returns: for classification, `probabilities` of shape [N, classes] in class-code order
 * (rows summing to 1); for regression, `values` of shape [N, 1]. Either `float` or `double`; the exporter casts to double.
 */
export interface OnnxModelOutput {
  readonly probabilities?: string;
  readonly values?: string;
}

/** Export of a fitted estimator to ONNX, implemented by the estimator's plugin (it alone knows its state). */
export type EstimatorOnnx = (state: StateValue, graph: OnnxGraph, input: OnnxModelInput) => OnnxModelOutput;

/**
 * Export of a fitted transformer: given its input columns, emits nodes and returns every output column by name
 * (the fitted transformer's `outputs`). Columns it does not name pass through untouched.
 */
export type TransformerOnnx = (state: StateValue, graph: OnnxGraph, inputs: ReadonlyMap<string, OnnxColumn>) => ReadonlyMap<string, OnnxColumn>;

/** The error for a piece that cannot be expressed in ONNX; `what` names it (e.g. `estimator "knn"`). */
export function onnxUnsupported(what: string, why: string): AutopipeError {
  return new AutopipeError('EXPORT_UNSUPPORTED', `Cannot export ${what} to ONNX: ${why}.`, { what });
}
