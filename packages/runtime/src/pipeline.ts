import {
  AutopipeError, Frame, fitEstimator, fitTransformFrame, fitTransformer, frameToMatrix, guardModel, isNumericType,
  type FittedModel, type FittedTransformer, type Matrix, type Prediction, type RunContext, type StateValue, type Target,
} from '@autopipe/core';
import type { PipelineSpec, StepSpec } from './planner.js';
import type { Registry } from './registry.js';
import { TrainingColumns } from './training-matrix.js';

/** A fitted pipeline: transformers in order, the matrix columns they produce, and the model. */
export interface FittedPipeline {
  readonly spec: PipelineSpec;
  readonly steps: readonly FittedTransformer[];
  /** Matrix column names the model was fitted on, in order. */
  readonly columns: readonly string[];
  readonly model: FittedModel;
}

/** Fitted preprocessing only (shared by every trial of an estimator family within a fold). */
export interface FittedSteps {
  readonly steps: readonly FittedTransformer[];
  readonly columns: readonly string[];
}

/**
 * Fits steps in order on the frame. Selector steps are resolved against the frame they see, and the returned
 * `resolved` specs name concrete columns (a selector matching nothing drops its step), so a saved pipeline
 * replays exactly what was fitted. Each step's training output is written in chunks of rows into the buffer that
 * becomes the matrix (see `TrainingColumns`), so the last frame and the matrix never coexist. `chunkRows` fixes the
 * chunk size (tests); by default it is sized per step from its output width.
 */
export async function fitSteps(registry: Registry, specs: readonly StepSpec[], frame: Frame, y: Target, ctx: RunContext, chunkRows?: number): Promise<{ fitted: FittedSteps; x: Matrix; resolved: StepSpec[] }> {
  const steps: FittedTransformer[] = [];
  const resolved: StepSpec[] = [];
  const training = new TrainingColumns(frame, chunkRows);
  for (const s of specs) {
    const cur = training.frame;
    const columns = s.select ? cur.schema.filter((c) => s.select!.includes(c.type)).map((c) => c.name) : s.columns;
    if (columns.length === 0) continue;
    const def = registry.transformer(s.transformer);
    const tctx = { ...ctx, target: y };
    let fitted: FittedTransformer;
    if (def.fitTransform) {
      // Its training output differs from `transform` (e.g. out-of-fold target codes): take it whole.
      const out = await fitTransformFrame(def, cur, columns, s.params, tctx);
      fitted = out.fitted;
      training.absorb(out.output);
    } else {
      fitted = await fitTransformer(def, cur, columns, s.params, tctx);
      training.transform(fitted);
    }
    steps.push(fitted);
    resolved.push({ transformer: s.transformer, columns, params: s.params });
  }
  const nonNumeric = training.frame.schema.filter((c) => !isNumericType(c.type)).map((c) => `${c.name} (${c.type})`);
  if (nonNumeric.length) throw new AutopipeError('INTERNAL', `Preprocessing left non-numeric columns: ${nonNumeric.join(', ')}; the plan has no step for them.`);
  const x = training.toMatrix();
  return { fitted: { steps, columns: x.names }, x, resolved };
}

/**
 * Rows transformed at a time by `applySteps`. Fitted transformers work row by row, so chunks give the same matrix as
 * one pass, while the intermediate frames of a wide plan (TF-IDF, one-hot) exist for one chunk only: transforming
 * 1,000,000 rows into 564 columns peaked at 13 GB in one pass, dominated by those intermediates.
 */
export const TRANSFORM_CHUNK_ROWS = 65_536;

function applyFrame(fitted: FittedSteps, frame: Frame): Frame {
  let cur = frame;
  for (const t of fitted.steps) cur = t.transform(cur);
  for (const c of fitted.columns) {
    if (!cur.has(c)) throw new AutopipeError('INTERNAL', `Preprocessing did not produce column "${c}" at predict time although it did in training.`);
  }
  return cur;
}

/**
 * Rows [start, end) of a frame: numeric columns as views, strings copied. Transformers do not mutate their input
 * (the one-pass path hands them the frame itself).
 */
function rowChunk(frame: Frame, start: number, end: number): Frame {
  return Frame.fromColumns(frame.columns().map((c) => ({ schema: c.schema, data: c.data instanceof Float64Array ? c.data.subarray(start, end) : c.data.slice(start, end) })));
}

/**
 * Transforms a frame with fitted steps into the model's matrix, in chunks of rows (see TRANSFORM_CHUNK_ROWS) whose
 * columns are copied straight into the matrix.
 */
export function applySteps(fitted: FittedSteps, frame: Frame, chunkRows = TRANSFORM_CHUNK_ROWS): Matrix {
  const n = frame.nrow;
  if (n <= chunkRows) return frameToMatrix(applyFrame(fitted, frame), fitted.columns);
  const names = fitted.columns;
  const out = new Float64Array(n * names.length);
  for (let start = 0; start < n; start += chunkRows) {
    const end = Math.min(n, start + chunkRows);
    const part = applyFrame(fitted, rowChunk(frame, start, end));
    names.forEach((name, j) => out.set(part.numeric(name), j * n + start));
  }
  return { rows: n, cols: names.length, names: [...names], data: out };
}

export async function fitPipeline(registry: Registry, spec: PipelineSpec, frame: Frame, y: Target, ctx: RunContext): Promise<FittedPipeline> {
  const { fitted, x, resolved } = await fitSteps(registry, spec.steps, frame, y, ctx);
  const model = await fitEstimator(registry.estimator(spec.estimator.key), x, y, spec.estimator.params, ctx);
  return { spec: { steps: resolved, estimator: spec.estimator }, steps: fitted.steps, columns: fitted.columns, model };
}

export function predictPipeline(p: FittedPipeline, frame: Frame): Prediction {
  return p.model.predict(applySteps(p, frame));
}

/** Everything a pipeline needs to come back: the states of its steps and model. */
export function pipelineState(p: FittedPipeline): StateValue {
  return { steps: p.steps.map((s) => s.state()), model: p.model.state() };
}

export function restorePipeline(registry: Registry, spec: PipelineSpec, columns: readonly string[], state: StateValue): FittedPipeline {
  const s = state as { steps?: StateValue[]; model?: StateValue };
  if (!s || !Array.isArray(s.steps) || s.steps.length !== spec.steps.length || s.model === undefined) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', 'The saved pipeline state does not match its manifest (wrong number of steps or no model state).');
  }
  const steps = spec.steps.map((step, i) => registry.transformer(step.transformer).restore(s.steps![i]));
  const def = registry.estimator(spec.estimator.key);
  return { spec, steps, columns, model: guardModel(def, def.restore(s.model)) };
}
