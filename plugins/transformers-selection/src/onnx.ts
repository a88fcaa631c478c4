import type { OnnxColumn, TransformerOnnx } from '@autopipe/core';

/** Every selector's ONNX export: no nodes, the kept columns' tensors go on unchanged and the dropped ones are left behind. */
export const selectionOnnx: TransformerOnnx = (state, _g, inputs) => {
  const kept = (state as unknown as { kept: { name: string }[] }).kept;
  const out = new Map<string, OnnxColumn>();
  for (const { name } of kept) {
    const c = inputs.get(name);
    if (!c) throw new Error(`ONNX export of a column selection: kept column "${name}" was not given.`);
    out.set(name, c);
  }
  return out;
};
