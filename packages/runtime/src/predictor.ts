import { AutopipeError, guardModel, type FittedModel, type Frame, type Prediction, type StateValue } from '@autopipe/core';
import { blendPredictions } from './ensemble.js';
import { pipelineState, predictPipeline, restorePipeline, type FittedPipeline } from './pipeline.js';
import type { PipelineSpec } from './planner.js';
import type { Registry } from './registry.js';
import { stackFeatures } from './stacking.js';
import { applyTemperature } from './temperature.js';

export interface EnsembleMember {
  readonly trial: number;
  readonly weight: number;
  readonly pipeline: FittedPipeline;
}

/**
 * What a model directory holds: one fitted pipeline, or a weighted ensemble of fitted pipelines. A classification
 * blend may carry a `temperature` fitted on its out-of-fold prediction (see `applyTemperature`).
 */
export type FittedPredictor =
  | { readonly kind: 'pipeline'; readonly trial: number; readonly pipeline: FittedPipeline }
  | { readonly kind: 'ensemble'; readonly method: 'caruana'; readonly members: readonly EnsembleMember[]; readonly temperature?: number }
  | { readonly kind: 'ensemble'; readonly method: 'stacking'; readonly members: readonly EnsembleMember[]; readonly meta: { readonly key: string; readonly model: FittedModel } };

/**
 * The manifest's description of an ensemble (its members' specs; states are in the weights file). Caruana
 * ensembles average members with `weight`; stacking feeds member predictions to the `meta` learner.
 */
export interface EnsembleSpec {
  readonly method: 'caruana' | 'stacking';
  readonly members: readonly { readonly trial: number; readonly weight: number; readonly pipeline: PipelineSpec; readonly columns: readonly string[] }[];
  readonly meta?: { readonly estimator: string };
  readonly temperature?: number;
}

export function predictWith(p: FittedPredictor, frame: Frame): Prediction {
  if (p.kind === 'pipeline') return predictPipeline(p.pipeline, frame);
  const preds = p.members.map((m) => predictPipeline(m.pipeline, frame));
  if (p.method === 'stacking') return p.meta.model.predict(stackFeatures(preds));
  const blend = blendPredictions(preds, p.members.map((m) => m.weight));
  return p.temperature !== undefined && blend.kind === 'classification' ? applyTemperature(blend, p.temperature) : blend;
}

export function predictorState(p: FittedPredictor): StateValue {
  if (p.kind === 'pipeline') return pipelineState(p.pipeline);
  const members = p.members.map((m) => pipelineState(m.pipeline));
  return p.method === 'stacking' ? { members, meta: p.meta.model.state() } : { members };
}

export function ensembleSpec(p: FittedPredictor): EnsembleSpec | undefined {
  if (p.kind !== 'ensemble') return undefined;
  return {
    method: p.method,
    members: p.members.map((m) => ({ trial: m.trial, weight: m.weight, pipeline: m.pipeline.spec, columns: m.pipeline.columns })),
    ...(p.method === 'stacking' ? { meta: { estimator: p.meta.key } } : {}),
    ...(p.method === 'caruana' && p.temperature !== undefined ? { temperature: p.temperature } : {}),
  };
}

export function restorePredictor(registry: Registry, single: { spec: PipelineSpec; columns: readonly string[]; trial: number }, ensemble: EnsembleSpec | undefined, state: StateValue): FittedPredictor {
  if (!ensemble) return { kind: 'pipeline', trial: single.trial, pipeline: restorePipeline(registry, single.spec, single.columns, state) };
  const members = (state as { members?: StateValue[] }).members;
  if (!Array.isArray(members) || members.length !== ensemble.members.length) {
    throw new AutopipeError('MODEL_INCOMPATIBLE', `The saved ensemble state has ${Array.isArray(members) ? members.length : 'no'} members but the manifest lists ${ensemble.members.length}.`);
  }
  const restored = ensemble.members.map((m, i) => ({ trial: m.trial, weight: m.weight, pipeline: restorePipeline(registry, m.pipeline, m.columns, members[i]) }));
  if (ensemble.method === 'caruana') return { kind: 'ensemble', method: 'caruana', members: restored, ...(ensemble.temperature !== undefined ? { temperature: ensemble.temperature } : {}) };
  const metaState = (state as { meta?: StateValue }).meta;
  if (!ensemble.meta || metaState === undefined) throw new AutopipeError('MODEL_INCOMPATIBLE', 'The saved stacking ensemble has no meta-learner state.');
  const def = registry.estimator(ensemble.meta.estimator);
  return { kind: 'ensemble', method: 'stacking', members: restored, meta: { key: def.key, model: guardModel(def, def.restore(metaState)) } };
}
