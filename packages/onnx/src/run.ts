import ort from 'onnxruntime-node';

/** A tensor fed to or read from a model: flat data in row-major order plus its shape. */
export interface OnnxFeed {
  readonly data: Float64Array | Float32Array | readonly string[];
  readonly dims: readonly number[];
}
export interface OnnxResult {
  readonly data: Float64Array | Float32Array | BigInt64Array | string[];
  readonly dims: readonly number[];
}

/** Loads model bytes in onnxruntime-node (throws when the runtime rejects the model). */
export async function loadOnnx(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'basic', logSeverityLevel: 3 });
}

/** Runs a model in onnxruntime-node. Float64Array feeds become double tensors, string arrays string tensors. */
export async function runOnnx(bytes: Uint8Array, feeds: Record<string, OnnxFeed>): Promise<Record<string, OnnxResult>> {
  const session = await loadOnnx(bytes);
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      const dims = [...f.dims];
      if (f.data instanceof Float64Array) inputs[name] = new ort.Tensor('float64', f.data, dims);
      else if (f.data instanceof Float32Array) inputs[name] = new ort.Tensor('float32', f.data, dims);
      else inputs[name] = new ort.Tensor('string', [...f.data], dims);
    }
    const out = await session.run(inputs);
    const result: Record<string, OnnxResult> = {};
    for (const [name, t] of Object.entries(out)) {
      result[name] = { data: t.data as Float64Array | Float32Array | BigInt64Array | string[], dims: [...t.dims] };
    }
    return result;
  } finally {
    await session.release();
  }
}
