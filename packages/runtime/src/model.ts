import { AutopipeError, TOKENS, targetFromFrame, type Frame, type Logger, type MetricDefinition, type OpenedModel, type Prediction, type StateValue } from '@autopipe/core';
import { inject, injectable } from 'tsyringe';
import { conformFrame } from './conform.js';
import type { ModelManifest } from './manifest.js';
import { loadModelDir } from './model-dir.js';
import { openedModel } from './opened.js';
import { predictWith, restorePredictor, type FittedPredictor } from './predictor.js';
import { Registry } from './registry.js';
import { safeScore } from './scoring.js';

/** A model loaded from its directory, ready to predict. */
export interface LoadedModel {
  readonly dir: string;
  readonly manifest: ModelManifest;
  readonly predictor: FittedPredictor;
}

export interface Evaluation {
  readonly rows: number;
  readonly metric: string;
  readonly scores: Readonly<Record<string, number>>;
}

/** Loads model directories and scores new data with exactly the preprocessing fitted at train time. */
@injectable()
export class ModelService {
  constructor(
    @inject(Registry) private readonly registry: Registry,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  load(dir: string): LoadedModel {
    return this.loadWithState(dir).model;
  }

  /** The model as plugin definitions and states, for deployers that translate it (e.g. ONNX export). */
  open(dir: string): OpenedModel {
    const { model, state } = this.loadWithState(dir);
    return openedModel(this.registry, model, state, (frame) => this.predict(model, frame));
  }

  private loadWithState(dir: string): { model: LoadedModel; state: StateValue } {
    const { manifest, state } = loadModelDir(dir);
    const specs = manifest.ensemble ? manifest.ensemble.members.map((m) => m.pipeline) : [manifest.pipeline];
    for (const spec of specs) {
      for (const step of spec.steps) this.requirePlugin('transformer', step.transformer, manifest);
      this.requirePlugin('estimator', spec.estimator.key, manifest);
    }
    const predictor = restorePredictor(this.registry, { spec: manifest.pipeline, columns: manifest.columns, trial: manifest.leaderboard[0]?.trial ?? 1 }, manifest.ensemble, state);
    return { model: { dir, manifest, predictor }, state };
  }

  predict(model: LoadedModel, frame: Frame, source?: string): Prediction {
    const x = conformFrame(frame, model.manifest.schema, this.logger, { source, ignore: [model.manifest.target, ...model.manifest.dropped.map((d) => d.column)] });
    return predictWith(model.predictor, x);
  }

  /** Scores labelled data with every metric that applies to the task; the training metric first. */
  evaluate(model: LoadedModel, frame: Frame, source?: string): Evaluation {
    const m = model.manifest;
    if (!frame.has(m.target)) {
      throw new AutopipeError('UNKNOWN_COLUMN', `${source ? `${source}: ` : ''}target column "${m.target}" is missing; evaluate needs labelled data.`, { column: m.target });
    }
    const y = targetFromFrame(frame, m.target, m.task, m.classes);
    const p = this.predict(model, frame, source);
    const metrics = this.registry.metrics(m.task).sort((a: MetricDefinition, b: MetricDefinition) => (a.key === m.metric.key ? -1 : b.key === m.metric.key ? 1 : a.key.localeCompare(b.key)));
    const scores: Record<string, number> = {};
    for (const metric of metrics) scores[metric.key] = safeScore(metric, y, p);
    return { rows: frame.nrow, metric: m.metric.key, scores };
  }

  private requirePlugin(kind: 'transformer' | 'estimator', key: string, manifest: ModelManifest): void {
    try {
      this.registry.get(kind, key);
    } catch {
      const from = manifest.plugins.map((p) => p.name).join(', ');
      throw new AutopipeError('UNKNOWN_PLUGIN', `This model needs ${kind} "${key}", which no loaded plugin provides (the model was trained with: ${from}). Load that plugin.`, { kind, key });
    }
  }
}
