import type { Frame, OpenedModel, OpenedPipeline, Prediction, StateValue } from '@autopipe/core';
import type { LoadedModel } from './model.js';
import type { FittedPipeline } from './pipeline.js';
import type { Registry } from './registry.js';

function openPipeline(registry: Registry, p: FittedPipeline, state: StateValue): OpenedPipeline {
  const s = state as { steps: StateValue[]; model: StateValue };
  return {
    steps: p.spec.steps.map((step, i) => ({ definition: registry.transformer(step.transformer), state: s.steps[i], fitted: p.steps[i] })),
    columns: p.columns,
    estimator: registry.estimator(p.spec.estimator.key),
    state: s.model,
  };
}

/** A loaded model as definitions + states (the saved state, not re-encoded), with autopipe's own predict for parity. */
export function openedModel(registry: Registry, model: LoadedModel, state: StateValue, predict: (frame: Frame) => Prediction): OpenedModel {
  const m = model.manifest;
  const p = model.predictor;
  const base = {
    dir: model.dir, task: m.task, target: m.target, schema: m.schema, ignored: [m.target, ...m.dropped.map((d) => d.column)], predict,
    ...(m.classes ? { classes: m.classes } : {}),
  };
  if (p.kind === 'pipeline') return { ...base, combine: 'single', members: [{ weight: 1, pipeline: openPipeline(registry, p.pipeline, state) }] };
  const s = state as { members: StateValue[]; meta?: StateValue };
  const members = p.members.map((mem, i) => ({ weight: mem.weight, pipeline: openPipeline(registry, mem.pipeline, s.members[i]) }));
  if (p.method === 'caruana') return { ...base, combine: 'caruana', members, ...(p.temperature !== undefined ? { temperature: p.temperature } : {}) };
  return { ...base, combine: 'stacking', members, meta: { estimator: registry.estimator(p.meta.key), state: s.meta! } };
}
