import type { ModelService } from '@autopipe/runtime';
import type { ModelLoader } from './types.js';

/** A loader over the runtime's ModelService: the model is restored with the host's plugins and scored with them. */
export function modelServiceLoader(models: ModelService): ModelLoader {
  return (dir) => {
    const model = models.load(dir);
    const m = model.manifest;
    return { task: m.task, target: m.target, ...(m.classes ? { classes: m.classes } : {}), schema: m.schema, predict: (frame) => models.predict(model, frame) };
  };
}
