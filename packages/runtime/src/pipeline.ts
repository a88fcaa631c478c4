import {
  AutopipeError, fitEstimator, fitTransformer, frameToMatrix, guardModel,
  type FittedModel, type FittedTransformer, type Frame, type Matrix, type Prediction, type RunContext, type StateValue, type Target,
} from '@autopipe/core';
import type { PipelineSpec, StepSpec } from './planner.js';
import type { Registry } from './registry.js';

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

export async function fitSteps(registry: Registry, specs: readonly StepSpec[], frame: Frame, y: Target, ctx: RunContext): Promise<{ fitted: FittedSteps; x: Matrix }> {
  const steps: FittedTransformer[] = [];
  let cur = frame;
  for (const s of specs) {
    const t = await fitTransformer(registry.transformer(s.transformer), cur, s.columns, s.params, { ...ctx, target: y });
    steps.push(t);
    cur = t.transform(cur);
  }
  const x = frameToMatrix(cur);
  return { fitted: { steps, columns: x.names }, x };
}

export function applySteps(fitted: FittedSteps, frame: Frame): Matrix {
  let cur = frame;
  for (const t of fitted.steps) cur = t.transform(cur);
  for (const c of fitted.columns) {
    if (!cur.has(c)) throw new AutopipeError('INTERNAL', `Preprocessing did not produce column "${c}" at predict time although it did in training.`);
  }
  return frameToMatrix(cur, fitted.columns);
}

export async function fitPipeline(registry: Registry, spec: PipelineSpec, frame: Frame, y: Target, ctx: RunContext): Promise<FittedPipeline> {
  const { fitted, x } = await fitSteps(registry, spec.steps, frame, y, ctx);
  const model = await fitEstimator(registry.estimator(spec.estimator.key), x, y, spec.estimator.params, ctx);
  return { spec, steps: fitted.steps, columns: fitted.columns, model };
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
