import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformerDefinition } from '@autopipe/core';
import { readStringLists, readStrings } from './state-fields.js';
import { encodeOneHotOnnx } from './onnx-export.js';
import { MISSING, OTHER, levelName } from './onehot-levels.js';
import { columnBlock } from './column-block.js';

export { MISSING, OTHER, levelName };

export type OneHotParams = {
  /** A category needs at least this many training rows to get its own column. */
  readonly min_frequency: number;
  /** At most this many categories per column get their own column, most frequent first. */
  readonly max_categories: number;
};

const KEY = 'encode.onehot';
const OWNER = `transformer "${KEY}"`;

/**
 * Categories kept as their own columns, in lexicographic (code-unit) order: those seen at least
 * `minFrequency` times, then only the `maxCategories` most frequent (ties: smallest first).
 */
export function keptCategories(col: readonly (string | null)[], minFrequency: number, maxCategories: number): string[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  counts.delete(OTHER);
  counts.delete(MISSING);
  const frequent = [...counts].filter(([, c]) => c >= minFrequency);
  frequent.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return frequent.slice(0, maxCategories).map(([v]) => v).sort();
}

class FittedOneHot implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];

  constructor(readonly inputs: readonly string[], private readonly levels: readonly (readonly string[])[]) {
    this.outputs = inputs.flatMap((name, j) => [...levels[j], OTHER, MISSING].map((l) => ({ name: levelName(name, l), type: 'boolean' as const })));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    const block = columnBlock(this.outputs.length, frame.nrow);
    let b = 0;
    this.inputs.forEach((name, j) => {
      const src = frame.strings(name);
      const n = src.length;
      const levels = [...this.levels[j], OTHER, MISSING];
      const other = levels.length - 2;
      const missing = levels.length - 1;
      // One map lookup per row; strings without an entry (rare or unseen) fall to __other__.
      const code = new Map<string, number>(levels.map((l, k) => [l, k]));
      const cols = block.slice(b, (b += levels.length));
      for (let i = 0; i < n; i++) {
        const v = src[i];
        cols[v === null ? missing : code.get(v) ?? other][i] = 1;
      }
      repl.set(name, levels.map((l, k) => ({ schema: { name: levelName(name, l), type: 'boolean' }, data: cols[k] })));
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return { inputs: [...this.inputs], levels: this.levels.map((l) => [...l]) };
  }
}

function checkParams(p: OneHotParams): void {
  if (!Number.isInteger(p.min_frequency) || p.min_frequency < 1) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": min_frequency must be a whole number ≥ 1, got ${p.min_frequency}.`, { transformer: KEY, param: 'min_frequency' });
  }
  if (!Number.isInteger(p.max_categories) || p.max_categories < 0) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": max_categories must be a whole number ≥ 0, got ${p.max_categories}.`, { transformer: KEY, param: 'max_categories' });
  }
}

/**
 * One-hot encodes categorical columns into 0/1 boolean columns `<col>=<value>`, plus `<col>=__other__`
 * (rare at fit time or never seen) and `<col>=__missing__` (null cells), which are always present so the
 * output columns do not depend on what a batch holds. The input column is removed.
 */
export const encodeOneHot: TransformerDefinition<OneHotParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'One-hot encodes categorical columns into <col>=<value> 0/1 columns with __other__ and __missing__ levels.',
  accepts: ['categorical', 'high_cardinality'],
  defaults: { min_frequency: 5, max_categories: 30 },
  space: {
    min_frequency: { kind: 'int', low: 1, high: 50, log: true },
    max_categories: { kind: 'int', low: 5, high: 100, log: true },
  },

  fit(frame, columns, params) {
    checkParams(params);
    const inputs = [...columns];
    const levels = inputs.map((name) => keptCategories(frame.strings(name), params.min_frequency, params.max_categories));
    const fitted = new FittedOneHot(inputs, levels);
    checkColumns(KEY, frame, inputs, fitted.outputs);
    return fitted;
  },

  toOnnx: encodeOneHotOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    return new FittedOneHot(inputs, readStringLists(state, 'levels', OWNER));
  },
};
