import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AutopipeError, inputError, isAutopipeError, type DeployerDefinition } from '@autopipe/core';
import type { ExportCheck } from '@autopipe/onnx';

const KEY = 'onnx';
/** What the export must reproduce: probabilities to 1e-5 absolute, values to 1e-6 relative, labels exactly. */
const PROBABILITY_TOLERANCE = 1e-5;
const VALUE_TOLERANCE = 1e-6;

function checkFailure(c: ExportCheck, classification: boolean): string | null {
  if (c.labelMismatches > 0) return `${c.labelMismatches} of ${c.rows} labels differ`;
  if (classification ? !(c.maxAbsDiff <= PROBABILITY_TOLERANCE) : !(c.maxRelDiff <= VALUE_TOLERANCE)) return `predictions differ by up to ${c.maxAbsDiff}`;
  return null;
}

/**
 * Exports a saved model — preprocessing, learners and ensemble — as one ONNX graph (`out`, e.g. model.onnx). The
 * file is written to a temporary name beside `out`, loaded back and run in onnxruntime on a few synthetic rows
 * against autopipe's own predictions, and only then renamed into place, so `out` is never a partial or unverified
 * file. A model with a piece ONNX cannot express fails with EXPORT_UNSUPPORTED naming it, and writes nothing.
 */
export const onnx: DeployerDefinition = {
  kind: 'deployer',
  key: KEY,
  description: 'onnx: exports the whole model (preprocessing, learners, ensemble) as one ONNX graph, verified in onnxruntime',
  async deploy(modelDir, options, ctx) {
    if (!existsSync(modelDir) || !statSync(modelDir).isDirectory()) {
      throw new AutopipeError('MODEL_NOT_FOUND', `Deployer "${KEY}": model directory ${modelDir} does not exist; train one first.`, { path: modelDir });
    }
    const out = options.out;
    if (typeof out !== 'string' || out.length === 0) throw inputError('INVALID_ARGUMENT', `Deployer "${KEY}" needs the option "out": the .onnx file to write.`, { deployer: KEY });
    if (!ctx.open) {
      throw new AutopipeError('INTERNAL', `Deployer "${KEY}" needs the host to open model directories (DeployContext.open), and this host did not provide it; run it through the autopipe CLI or pass open.`, { deployer: KEY });
    }
    const model = ctx.open(modelDir);
    // The exporter (protobufjs, onnxruntime) loads on export only: every CLI start and trial worker registers this plugin.
    const { DEFAULT_OPSET, checkExport, exportModel, modelInputs, syntheticFrame } = await import('@autopipe/onnx');
    const bytes = exportModel(model);

    const target = resolve(out);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
    try {
      writeFileSync(tmp, bytes);
      const written = new Uint8Array(readFileSync(tmp));
      const frame = syntheticFrame(model);
      let check: ExportCheck | null = null;
      let skipped: string | null = null;
      try {
        check = await checkExport(model, written, frame);
      } catch (e) {
        // autopipe's own predict may refuse synthetic rows (e.g. a count model and its input checks); the file
        // still had to load and run in onnxruntime, which runOnnx did before predict was called.
        if (!isAutopipeError(e) || e.category !== 'input') throw e;
        skipped = e.message;
      }
      const failure = check && checkFailure(check, model.task !== 'regression');
      if (failure) {
        throw new AutopipeError('INTERNAL', `Deployer "${KEY}": the ONNX export of ${modelDir} does not reproduce autopipe's predictions (${failure}); this is a bug in an ONNX export, please report it.`, { ...check });
      }
      renameSync(tmp, target);
      return {
        location: target,
        details: {
          bytes: bytes.byteLength,
          opset: DEFAULT_OPSET,
          inputs: modelInputs(model),
          outputs: model.task === 'regression' ? ['values'] : ['label', 'probabilities'],
          combine: model.combine,
          ...(model.temperature !== undefined ? { temperature: model.temperature } : {}),
          verified: check ? { rows: check.rows, maxAbsDiff: check.maxAbsDiff, labelMismatches: check.labelMismatches } : { skipped },
        },
      };
    } finally {
      rmSync(tmp, { force: true });
    }
  },
};
