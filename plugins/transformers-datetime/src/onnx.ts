import { onnxUnsupported, type TransformerOnnx } from '@autopipe/core';

/**
 * Refuses ONNX export on purpose: the features come from parsing date strings (ISO 8601 with time-zone offsets,
 * then a lenient fallback parser), and ONNX has no operator that parses dates; a partial parser in string ops
 * would silently disagree with autopipe on the inputs it does not cover.
 */
export const datetimeFeaturesOnnx: TransformerOnnx = (state) => {
  const inputs = (state as { inputs?: string[] }).inputs ?? [];
  throw onnxUnsupported(
    `transformer "datetime.features" (column${inputs.length === 1 ? '' : 's'} ${inputs.map((c) => `"${c}"`).join(', ')})`,
    'ONNX has no operator that parses date strings, so the calendar features cannot be computed inside the graph; derive them (year, month, ...) as numeric columns before training, or retrain without the column (autopipe train --ignore <column>), to export the model',
  );
};
