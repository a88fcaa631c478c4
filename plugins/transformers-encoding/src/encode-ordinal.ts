import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformContext, type TransformerDefinition } from '@autopipe/core';
import { categoryCodes, compareStrings, levelIndex } from './category-codes.js';
import { targetOutputs, type TargetOutputs } from './target-outputs.js';
import { encodingTable } from './target-stats.js';
import { readStringLists, readStrings } from './state-fields.js';
import { encodeOrdinalOnnx } from './onnx.js';

const KEY = 'encode.ordinal';
const OWNER = `transformer "${KEY}"`;

const ORDERS = ['frequency', 'lexicographic', 'target'] as const;

export type OrdinalParams = {
  /**
   * `frequency`: the most frequent category gets 0 (ties in code-unit order); `lexicographic`: code-unit order;
   * `target`: ascending smoothed mean response (needs the target; ties by frequency, then code-unit order).
   */
  readonly order: (typeof ORDERS)[number];
};

/** Rows a category's mean response is shrunk towards the overall mean with (m-estimate), so rare ones sit mid-range. */
const TARGET_SMOOTHING = 10;

/**
 * Training categories in code order. For `target`, the response is P(positive class) for binary targets, the mean
 * for regression, and P(most frequent class) for multiclass: sorted by it, a threshold on the codes can make the best
 * two-way grouping of the categories a tree could (Fisher's result for binary and regression targets; for multiclass
 * it is a one-against-the-rest approximation), where frequency or name order leaves that to luck.
 */
export function ordinalLevels(col: readonly (string | null)[], order: OrdinalParams['order'], target?: TargetOutputs): string[] {
  const { levels, codes, counts } = categoryCodes(col);
  const idx = levels.map((_, i) => i);
  const byFrequency = (a: number, b: number) => counts[b] - counts[a] || compareStrings(levels[a], levels[b]);
  if (order === 'frequency') idx.sort(byFrequency);
  else if (order === 'lexicographic') idx.sort((a, b) => compareStrings(levels[a], levels[b]));
  else {
    const t = target!;
    const { table, prior } = encodingTable(codes, levels.length, t, TARGET_SMOOTHING);
    let o = 0;
    for (let c = 1; c < t.k; c++) if (prior[c] > prior[o]) o = c;
    const response = (c: number) => table[c * t.k + o];
    idx.sort((a, b) => response(a) - response(b) || byFrequency(a, b));
  }
  return idx.map((i) => levels[i]);
}

function targetOf(frame: Frame, ctx: TransformContext): TargetOutputs {
  if (!ctx.target) {
    throw inputError('INVALID_ARGUMENT', `Transformer "${KEY}" with order "target" needs the target: it sorts categories by their mean response. Fit it with ctx.target set to the training target, or use order "frequency".`, { transformer: KEY, param: 'order' });
  }
  return targetOutputs(ctx.target, frame.nrow, `Transformer "${KEY}"`);
}

class FittedOrdinal implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];
  private readonly indexes: readonly Map<string, number>[];

  constructor(readonly inputs: readonly string[], private readonly levels: readonly (readonly string[])[]) {
    this.outputs = inputs.map((name) => ({ name, type: 'numeric' }));
    this.indexes = levels.map(levelIndex);
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.inputs.forEach((name, j) => {
      const src = frame.strings(name);
      const index = this.indexes[j];
      const out = new Float64Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = src[i];
        const c = v === null ? undefined : index.get(v);
        out[i] = c === undefined ? NaN : c;
      }
      repl.set(name, [{ schema: this.outputs[j], data: out }]);
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], levels: this.levels.map((l) => [...l]) };
  }
}

/**
 * Ordinal encoding: each training category becomes an integer code (0 = most frequent by default). Missing cells
 * and categories never seen in training become NaN — not a made-up code such as −1 — so tree learners send them
 * down their learned missing branch and nothing pretends an unseen category sits next to code 0.
 */
export const encodeOrdinal: TransformerDefinition<OrdinalParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Encodes categorical columns as integer codes (by frequency, lexicographic or mean-response order); unseen and missing → NaN.',
  accepts: ['categorical', 'high_cardinality'],
  defaults: { order: 'frequency' },
  space: { order: { kind: 'categorical', choices: [...ORDERS] } },

  fit(frame, columns, params, ctx) {
    if (!(ORDERS as readonly unknown[]).includes(params.order)) {
      throw inputError('INVALID_PARAMS', `Transformer "${KEY}": order must be ${ORDERS.map((o) => `"${o}"`).join(', ')}; got ${String(params.order)}.`, { transformer: KEY, param: 'order' });
    }
    const target = params.order === 'target' ? targetOf(frame, ctx) : undefined;
    const inputs = [...columns];
    const fitted = new FittedOrdinal(inputs, inputs.map((name) => ordinalLevels(frame.strings(name), params.order, target)));
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: encodeOrdinalOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedOrdinal(inputs, readStringLists(state, 'levels', OWNER, inputs.length));
  },
};
