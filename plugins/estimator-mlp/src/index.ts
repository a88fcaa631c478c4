import { definePlugin } from '@autopipe/core';
import { mlp } from './mlp.js';

/** autopipe plugin: a multilayer perceptron (`mlp`) for binary, multiclass and regression, trained with TensorFlow.js. */
export const plugin = definePlugin({ name: '@autopipe/estimator-mlp', version: '0.1.0', core: '^0.1.0', provides: [mlp] });
export default plugin;
export { mlp };
export type { MlpParams } from './params.js';
export { activeBackend, type BackendName } from './backend.js';
