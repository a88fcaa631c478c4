import { inputError, checkColumns, spliceColumns, type ColumnSchema, type Frame, type FittedTransformer, type NamedColumn, type StateValue, type TransformContext, type TransformerDefinition } from '@autopipe/core';
import { categoryCodes, levelIndex } from './category-codes.js';
import { readFloatLists, readFloats, readString, readStringLists, readStrings } from './state-fields.js';
import { targetOutputs, type TargetOutputs } from './target-outputs.js';
import { encodingTable, foldSplit, outOfFoldCodes } from './target-stats.js';
import { encodeTargetOnnx } from './onnx.js';
import { targetColumnNames } from './target-names.js';

const KEY = 'encode.target';
const OWNER = `transformer "${KEY}"`;
const KINDS = ['binary', 'multiclass', 'regression'] as const;
type Kind = (typeof KINDS)[number];

export { targetColumnNames };

export type TargetEncodeParams = {
  /** m of the m-estimate (n·mean + m·prior) / (n + m): how many prior-valued pseudo-rows each category gets. */
  readonly smoothing: number;
  /** Folds of the out-of-fold encoding of the training rows. */
  readonly cv: number;
};

class FittedTargetEncoder implements FittedTransformer {
  readonly transformer = KEY;
  readonly outputs: readonly ColumnSchema[];
  private readonly indexes: readonly Map<string, number>[];
  private readonly k: number;

  constructor(
    readonly inputs: readonly string[],
    private readonly kind: Kind,
    private readonly labels: readonly string[],
    private readonly levels: readonly (readonly string[])[],
    /** Per input, the level-major L × K table of full-data encodings. */
    private readonly tables: readonly Float64Array[],
    /** Per input, K prior values (inputs.length × K), for unseen and missing categories. */
    private readonly priors: Float64Array,
  ) {
    this.k = kind === 'multiclass' ? labels.length : 1;
    this.outputs = inputs.flatMap((name) => targetColumnNames(name, kind, labels).map((n) => ({ name: n, type: 'numeric' as const })));
    this.indexes = levels.map(levelIndex);
  }

  /** The output schemas of input j with the given data columns. */
  columnsOf(j: number, data: readonly Float64Array[]): NamedColumn[] {
    return data.map((d, o) => ({ schema: this.outputs[j * this.k + o], data: d }));
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    const k = this.k;
    this.inputs.forEach((name, j) => {
      const src = frame.strings(name);
      const n = src.length;
      const index = this.indexes[j];
      const table = this.tables[j];
      const out = Array.from({ length: k }, () => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const v = src[i];
        const c = v === null ? undefined : index.get(v);
        for (let o = 0; o < k; o++) out[o][i] = c === undefined ? this.priors[j * k + o] : table[c * k + o];
      }
      repl.set(name, this.columnsOf(j, out));
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    return {
      inputs: [...this.inputs], kind: this.kind, labels: [...this.labels], levels: this.levels.map((l) => [...l]),
      tables: this.tables.map((t) => t.slice()), priors: this.priors.slice(),
    };
  }
}

function checkParams(p: TargetEncodeParams): void {
  if (!Number.isFinite(p.smoothing) || p.smoothing < 0) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": smoothing must be a number ≥ 0, got ${p.smoothing}.`, { transformer: KEY, param: 'smoothing' });
  }
  if (!Number.isInteger(p.cv) || p.cv < 2) {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": cv must be a whole number ≥ 2, got ${p.cv}.`, { transformer: KEY, param: 'cv' });
  }
}

function targetOf(frame: Frame, ctx: TransformContext): TargetOutputs {
  if (!ctx.target) {
    throw inputError('INVALID_ARGUMENT', `Transformer "${KEY}" needs the target: target encoding averages the training target per category. Fit it with ctx.target set to the training target, aligned with the frame's rows.`, { transformer: KEY });
  }
  return targetOutputs(ctx.target, frame.nrow, `Transformer "${KEY}"`);
}

interface Fit {
  fitted: FittedTargetEncoder;
  codes: Int32Array[];
  levelCounts: number[];
  t: TargetOutputs;
}

function fitAll(frame: Frame, columns: readonly string[], params: TargetEncodeParams, ctx: TransformContext): Fit {
  checkParams(params);
  const t = targetOf(frame, ctx);
  const inputs = [...columns];
  const levels: string[][] = [];
  const codes: Int32Array[] = [];
  const tables: Float64Array[] = [];
  const priors = new Float64Array(inputs.length * t.k);
  inputs.forEach((name, j) => {
    const cc = categoryCodes(frame.strings(name));
    const enc = encodingTable(cc.codes, cc.levels.length, t, params.smoothing);
    levels.push(cc.levels);
    codes.push(cc.codes);
    tables.push(enc.table);
    priors.set(enc.prior, j * t.k);
  });
  const fitted = new FittedTargetEncoder(inputs, t.kind, t.labels, levels, tables, priors);
  checkColumns(KEY, frame, inputs, fitted.outputs);
  return { fitted, codes, levelCounts: levels.map((l) => l.length), t };
}

/**
 * Target encoding with m-estimate smoothing: a category becomes (n·mean_c + m·prior) / (n + m) of the target —
 * P(y = positive class) for binary, one column P(y = class) per class for multiclass, the mean of y for
 * regression. Categories never seen in training and missing cells get the prior (the training mean).
 *
 * Leakage: `fitTransform` (which pipelines use for the training rows) encodes each training row out of fold — an
 * inner shuffled k-fold (`cv`, seeded from ctx.seed), each row coded from its category's statistics in the other
 * folds — so a row's code never contains its own target — smoothed towards the training prior, one number shared
 * by all rows (see `outOfFoldCodes` for why not a per-fold prior). `transform` (new rows) uses full-data statistics.
 * Calling `fit` then `transform` on the training rows is the naive, leaky encoding: do not.
 */
export const encodeTarget: TransformerDefinition<TargetEncodeParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Target encoding with m-estimate smoothing, out-of-fold for the training rows; unseen and missing → prior. Needs ctx.target.',
  accepts: ['categorical', 'high_cardinality'],
  defaults: { smoothing: 10, cv: 5 },
  space: { smoothing: { kind: 'float', low: 1, high: 100, log: true } },

  fit(frame, columns, params, ctx) {
    return fitAll(frame, columns, params, ctx).fitted;
  },

  fitTransform(frame, columns, params, ctx) {
    const { fitted, codes, levelCounts, t } = fitAll(frame, columns, params, ctx);
    const split = foldSplit(frame.nrow, params.cv, ctx.seed);
    const repl = new Map<string, NamedColumn[]>();
    fitted.inputs.forEach((name, j) => {
      repl.set(name, fitted.columnsOf(j, outOfFoldCodes(codes[j], levelCounts[j], t, params.smoothing, split)));
    });
    return { fitted, output: spliceColumns(frame, repl) };
  },

  toOnnx: encodeTargetOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const kind = readString(state, 'kind', OWNER, KINDS) as Kind;
    const labels = readStrings(state, 'labels', OWNER);
    const k = kind === 'multiclass' ? labels.length : 1;
    const levels = readStringLists(state, 'levels', OWNER, inputs.length);
    const tables = readFloatLists(state, 'tables', OWNER, levels.map((l) => l.length * k));
    return new FittedTargetEncoder(inputs, kind, labels, levels, tables, readFloats(state, 'priors', inputs.length * k, OWNER));
  },
};
