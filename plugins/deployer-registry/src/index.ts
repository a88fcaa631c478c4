import { definePlugin } from '@autopipe/core';
import { registry } from './registry.js';

/** `@autopipe/deployer-registry`: the `registry` deployer (push a model directory into the model registry). Nothing registers at import time. */
export const plugin = definePlugin({ name: '@autopipe/deployer-registry', version: '0.1.0', core: '^0.1.0', provides: [registry] });
export default plugin;
export { registry };
