import { definePlugin } from '@autopipe/core';
import { onnx } from './onnx.js';

/** `@autopipe/deployer-onnx`: provides the deployer `onnx`. Nothing registers at import time; a host reads this manifest. */
export const plugin = definePlugin({ name: '@autopipe/deployer-onnx', version: '0.1.0', core: '^0.1.0', provides: [onnx] });
export default plugin;
export { onnx };
