import { onnxUnsupported, type TransformerOnnx } from '@autopipe/core';

/**
 * Refuses ONNX export on purpose: tokenizing needs a Unicode find-all regex (`[\p{L}\p{N}_]{2,}`) and hashing
 * needs MurmurHash3, neither of which standard ONNX operators provide (only onnxruntime's contrib ops come close,
 * and their Unicode lower-casing and tokenization do not match JavaScript's exactly).
 */
export const textTfidfOnnx: TransformerOnnx = (state) => {
  const inputs = (state as { inputs?: string[] }).inputs ?? [];
  throw onnxUnsupported(
    `transformer "text.tfidf" (column${inputs.length === 1 ? '' : 's'} ${inputs.map((c) => `"${c}"`).join(', ')})`,
    'its tokenizer (a Unicode regular expression) and feature hashing have no equivalent in standard ONNX operators; retrain without the text column (autopipe train --ignore <column>) to export the model',
  );
};
