import { definePlugin } from '@autopipe/core';
import { directory } from './directory.js';

/** `@autopipe/deployer-directory`: the `directory` deployer (verified, atomic copy of a model directory). Nothing registers at import time. */
export const plugin = definePlugin({ name: '@autopipe/deployer-directory', version: '0.1.0', core: '^0.1.0', provides: [directory] });
export default plugin;
export { directory };
