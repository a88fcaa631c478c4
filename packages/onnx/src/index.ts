export { OnnxGraphBuilder, DEFAULT_OPSET, type OnnxGraphBuilderOptions } from './graph-builder.js';
export { runOnnx, loadOnnx, type OnnxFeed, type OnnxResult } from './run.js';
export { exportEstimator } from './export-estimator.js';
export { exportModel, modelInputs } from './export-model.js';
export { emitEstimator } from './estimator-output.js';
export { frameFeeds } from './feeds.js';
export { decodeModel } from './proto.js';
export { matrixFeed, maxAbsDiff, estimatorParity, transformerParity, type EstimatorParity, type TransformerParity } from './parity.js';
export { syntheticFrame, checkExport, type ExportCheck } from './verify.js';
