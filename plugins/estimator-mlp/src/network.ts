/**
 * The inference form of a trained MLP: dense layers with ReLU between them and a linear last layer,
 * batch normalization already folded into the preceding dense layer. Plain JS, no TensorFlow.js, so a
 * restored model predicts without loading any backend.
 */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** `inputs × outputs`, row-major (`kernel[i * outputs + o]`), as TensorFlow.js stores a dense kernel. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface Network {
  readonly layers: readonly DenseLayer[];
}

/** Rows per block, so intermediate activations stay small however many rows are scored. */
const BLOCK = 2048;

/**
 * Forward pass over a column-major input (`x[j * rows + i]`), returning the last layer's raw outputs
 * column-major (`out[o * rows + i]`). Each row's result depends only on that row, with a fixed order of
 * operations, so scoring a subset gives bit-identical numbers.
 */
export function forward(net: Network, x: Float64Array, rows: number): Float64Array {
  const last = net.layers[net.layers.length - 1];
  const out = new Float64Array(last.outputs * rows);
  const inputs = net.layers[0].inputs;
  const width = Math.max(...net.layers.map((l) => Math.max(l.inputs, l.outputs)));
  let a = new Float64Array(width * BLOCK);
  let b = new Float64Array(width * BLOCK);
  for (let start = 0; start < rows; start += BLOCK) {
    const n = Math.min(BLOCK, rows - start);
    for (let j = 0; j < inputs; j++) a.set(x.subarray(j * rows + start, j * rows + start + n), j * n);
    net.layers.forEach((layer, l) => {
      dense(layer, a, b, n, l < net.layers.length - 1);
      const t = a;
      a = b;
      b = t;
    });
    for (let o = 0; o < last.outputs; o++) out.set(a.subarray(o * n, o * n + n), o * rows + start);
  }
  return out;
}

/** `out[o*n+i] = act(bias[o] + Σ_j in[j*n+i] · kernel[j*outputs+o])`, feature-major so the inner loop is contiguous. */
function dense(layer: DenseLayer, input: Float64Array, out: Float64Array, n: number, relu: boolean): void {
  const { inputs, outputs, kernel, bias } = layer;
  for (let o = 0; o < outputs; o++) {
    const base = o * n;
    out.fill(bias[o], base, base + n);
    for (let j = 0; j < inputs; j++) {
      const w = kernel[j * outputs + o];
      if (w === 0) continue;
      const src = j * n;
      for (let i = 0; i < n; i++) out[base + i] += w * input[src + i];
    }
    if (relu) for (let i = 0; i < n; i++) if (out[base + i] < 0) out[base + i] = 0;
  }
}
