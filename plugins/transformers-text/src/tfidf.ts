import { inputError, checkColumns, spliceColumns, type ColumnSchema, type FittedTransformer, type Frame, type NamedColumn, type StateValue, type TransformContext, type TransformerDefinition } from '@autopipe/core';
import { analyze } from './analyze.js';
import { readFloatLists, readRecord, readStringLists, readStrings } from './state-fields.js';
import { inverseDocumentFrequency, TermCounter, vectorize, type VectorizerSpec } from './vectorizer.js';
import { textTfidfOnnx } from './onnx.js';

const KEY = 'text.tfidf';
const OWNER = `transformer "${KEY}"`;

export type TfidfParams = {
  /** `word` (tokens of 2+ letters/digits, lowercased) or `char_wb` (character n-grams inside word boundaries). */
  readonly analyzer: string;
  /** Smallest and largest n-gram length, in words or characters depending on `analyzer`. */
  readonly ngram_min: number;
  readonly ngram_max: number;
  /** Vocabulary mode: keep at most this many terms, those in the most documents. */
  readonly max_features: number;
  /** Vocabulary mode: drop terms found in fewer training documents than this. */
  readonly min_df: number;
  /** Hash terms into `n_features` signed buckets instead of learning a vocabulary. */
  readonly hashing: boolean;
  readonly n_features: number;
  /** Use 1 + ln(tf) instead of the raw count. */
  readonly sublinear_tf: boolean;
  readonly smooth_idf: boolean;
  readonly use_idf: boolean;
  /** `l2` (unit-length rows) or `none`. */
  readonly norm: string;
};

/** One fitted column: its features are `terms` (vocabulary mode, sorted) or hashed buckets (`terms` null). */
interface ColumnModel {
  readonly name: string;
  readonly terms: readonly string[] | null;
  readonly idf: Float64Array;
}

function toSpec(p: TfidfParams): VectorizerSpec {
  const bad = (param: string, why: string): never => {
    throw inputError('INVALID_PARAMS', `Transformer "${KEY}": ${param} ${why}.`, { transformer: KEY, param });
  };
  if (p.analyzer !== 'word' && p.analyzer !== 'char_wb') bad('analyzer', `must be "word" or "char_wb", got "${p.analyzer}"`);
  if (p.norm !== 'l2' && p.norm !== 'none') bad('norm', `must be "l2" or "none", got "${p.norm}"`);
  if (!Number.isInteger(p.ngram_min) || p.ngram_min < 1) bad('ngram_min', 'must be an integer of at least 1');
  if (!Number.isInteger(p.ngram_max) || p.ngram_max < p.ngram_min || p.ngram_max > 8) bad('ngram_max', 'must be an integer from ngram_min to 8');
  if (!Number.isInteger(p.max_features) || p.max_features < 1) bad('max_features', 'must be a positive integer');
  if (!Number.isInteger(p.min_df) || p.min_df < 1) bad('min_df', 'must be a positive integer (a document count)');
  if (!Number.isInteger(p.n_features) || p.n_features < 1 || p.n_features > 1 << 16) bad('n_features', 'must be an integer from 1 to 65536 (outputs are dense columns)');
  return {
    analyzer: p.analyzer as VectorizerSpec['analyzer'], ngramMin: p.ngram_min, ngramMax: p.ngram_max,
    hashing: p.hashing, nFeatures: p.n_features, sublinearTf: p.sublinear_tf, norm: p.norm as VectorizerSpec['norm'],
  };
}

/**
 * The `max_features` terms found in the most documents among those in at least `min_df` (ties: the smaller term),
 * returned in sorted order like scikit-learn's vocabulary, with their document frequencies.
 */
function learnVocabulary(docs: readonly (string | null)[], spec: VectorizerSpec, minDf: number, maxFeatures: number): { terms: string[]; df: Float64Array } {
  // One map lookup per token: a term counts once per document through the last document that counted it.
  const index = new Map<string, number>();
  let counts: Int32Array = new Int32Array(1024);
  let lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  for (let d = 0; d < docs.length; d++) {
    for (const term of analyze(docs[d], spec)) {
      let k = index.get(term);
      if (k === undefined) {
        k = index.size;
        index.set(term, k);
        if (k === counts.length) {
          counts = grow(counts, 0);
          lastDoc = grow(lastDoc, -1);
        }
      }
      if (lastDoc[k] !== d) {
        lastDoc[k] = d;
        counts[k]++;
      }
    }
  }
  const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const kept = [...index].filter(([, k]) => counts[k] >= minDf);
  kept.sort((a, b) => counts[b[1]] - counts[a[1]] || byCode(a[0], b[0]));
  const terms = kept.slice(0, maxFeatures).map(([t]) => t).sort(byCode);
  return { terms, df: Float64Array.from(terms, (t) => counts[index.get(t)!]) };
}

function grow(a: Int32Array, fill: number): Int32Array {
  const b = new Int32Array(a.length * 2).fill(fill);
  b.set(a);
  return b;
}

function hashedDocumentFrequency(docs: readonly (string | null)[], spec: VectorizerSpec): Float64Array {
  const counter = new TermCounter(spec, null);
  const df = new Float64Array(spec.nFeatures);
  for (const doc of docs) {
    counter.count(doc);
    // A document counts for a bucket when one of its terms hashed there, even if signed collisions cancel to a net
    // zero — scikit-learn keeps such explicit zeros in the sparse counts, so its document frequency does the same.
    for (let t = 0; t < counter.nTouched; t++) df[counter.touched[t]]++;
    counter.clear();
  }
  return df;
}

class FittedTfidf implements FittedTransformer {
  readonly transformer = KEY;
  readonly inputs: readonly string[];
  readonly outputs: readonly ColumnSchema[];
  private readonly perInput: readonly ColumnSchema[][];

  constructor(private readonly spec: VectorizerSpec, private readonly models: readonly ColumnModel[]) {
    this.inputs = models.map((m) => m.name);
    this.perInput = models.map((m) => Array.from({ length: m.idf.length }, (_, j) => ({ name: `${m.name}__tfidf_${j}`, type: 'numeric' as const })));
    this.outputs = this.perInput.flat();
  }

  transform(frame: Frame): Frame {
    const repl = new Map<string, NamedColumn[]>();
    this.models.forEach((m, k) => {
      const cols = vectorize(frame.strings(m.name), this.spec, m.terms, m.idf);
      repl.set(m.name, this.perInput[k].map((schema, j) => ({ schema, data: cols[j] })));
    });
    return spliceColumns(frame, repl);
  }

  state(): StateValue {
    const s = this.spec;
    return {
      inputs: [...this.inputs],
      spec: { analyzer: s.analyzer, ngram_min: s.ngramMin, ngram_max: s.ngramMax, hashing: s.hashing, n_features: s.nFeatures, sublinear_tf: s.sublinearTf, norm: s.norm },
      terms: this.models.map((m) => (m.terms ? [...m.terms] : [])),
      idf: this.models.map((m) => m.idf.slice()),
    };
  }
}

function fitColumns(frame: Frame, columns: readonly string[], params: TfidfParams, ctx: TransformContext): FittedTfidf {
  const spec = toSpec(params);
  const models = columns.map((name): ColumnModel => {
    const docs = frame.strings(name);
    if (spec.hashing) {
      return { name, terms: null, idf: inverseDocumentFrequency(hashedDocumentFrequency(docs, spec), docs.length, params.smooth_idf, params.use_idf) };
    }
    const { terms, df } = learnVocabulary(docs, spec, params.min_df, params.max_features);
    if (terms.length === 0) ctx.logger.warn(`${KEY}: no term of column "${name}" is in ${params.min_df}+ documents; the column is dropped.`, { column: name });
    return { name, terms, idf: inverseDocumentFrequency(df, docs.length, params.smooth_idf, params.use_idf) };
  });
  const fitted = new FittedTfidf(spec, models);
  checkColumns(KEY, frame, columns, fitted.outputs);
  return fitted;
}

/**
 * TF-IDF features of free-text columns, as scikit-learn's TfidfVectorizer (vocabulary) or HashingVectorizer +
 * TfidfTransformer (hashing): one dense numeric column per term or bucket. Null and empty documents give
 * all-zero rows; terms unseen at fit time are ignored (vocabulary) or hashed like any other (hashing).
 */
export const textTfidf: TransformerDefinition<TfidfParams> = {
  kind: 'transformer',
  key: KEY,
  description: 'Text → TF-IDF (word or char_wb n-grams; vocabulary capped by document frequency, or signed feature hashing), L2-normalized rows.',
  accepts: ['text'],
  defaults: {
    analyzer: 'word', ngram_min: 1, ngram_max: 1, max_features: 500, min_df: 2,
    hashing: false, n_features: 1024, sublinear_tf: false, smooth_idf: true, use_idf: true, norm: 'l2',
  },
  space: {
    ngram_max: { kind: 'int', low: 1, high: 2 },
    max_features: { kind: 'int', low: 100, high: 1000, log: true },
    sublinear_tf: { kind: 'categorical', choices: [false, true] },
  },

  fit(frame, columns, params, ctx) {
    return fitColumns(frame, columns, params, ctx);
  },

  toOnnx: textTfidfOnnx,
  restore(state) {
    const inputs = readStrings(state, 'inputs', OWNER);
    const raw = readRecord(state, 'spec', OWNER);
    const spec = toSpec({ ...textTfidf.defaults, ...(raw as Partial<TfidfParams>) });
    const terms = readStringLists(state, 'terms', inputs.length, OWNER);
    const idf = readFloatLists(state, 'idf', inputs.length, OWNER);
    const models = inputs.map((name, k): ColumnModel => ({ name, terms: spec.hashing ? null : terms[k], idf: idf[k] }));
    return new FittedTfidf(spec, models);
  },
};
