import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutopipeError, inputError, type DeployerDefinition } from '@autopipe/core';

const KEY = 'onnx';

/**
 * Starter deployer: publishes a model directory into a release folder (`to`), atomically — a copy in a temp folder
 * beside it, then a rename — so readers never see half a model. Replace `deploy` with yours (a server, a registry...).
 */
export const onnx: DeployerDefinition = {
  kind: 'deployer',
  key: KEY,
  description: 'onnx: copies a model directory into a release folder atomically (starter implementation)',
  async deploy(modelDir, options) {
    if (!existsSync(modelDir) || !statSync(modelDir).isDirectory()) {
      throw new AutopipeError('MODEL_NOT_FOUND', `Deployer "${KEY}": model directory ${modelDir} does not exist; train one first.`, { path: modelDir });
    }
    const to = options.to;
    if (typeof to !== 'string' || to.length === 0) throw inputError('INVALID_ARGUMENT', `Deployer "${KEY}" needs the option "to": the folder to publish into.`);
    const target = resolve(to, basename(resolve(modelDir)));
    mkdirSync(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    cpSync(modelDir, tmp, { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
    return { location: target };
  },
};
