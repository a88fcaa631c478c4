import { analyze, type AnalyzerSpec } from './analyze.js';
import { AsciiVocabulary } from './ascii-vocabulary.js';
import { hashBucket, murmur3String } from './murmur3.js';

/** Everything needed to turn documents into TF-IDF rows once a column is fitted. */
export interface VectorizerSpec extends AnalyzerSpec {
  readonly hashing: boolean;
  readonly nFeatures: number;
  readonly sublinearTf: boolean;
  readonly norm: 'l2' | 'none';
}

/**
 * Maps terms to feature indices and accumulates one document's term counts in a reusable dense scratch, so a
 * document costs its own length, not the vocabulary's. Hashed features carry a sign (scikit-learn's
 * `alternate_sign`), so collisions tend to cancel rather than pile up; counts may then be negative or zero.
 */
export class TermCounter {
  readonly size: number;
  readonly counts: Float64Array;
  readonly touched: Int32Array;
  nTouched = 0;
  private readonly seen: Uint8Array;
  private readonly index: ReadonlyMap<string, number> | null;
  /** The string-free path for word unigrams over a vocabulary (ASCII documents). */
  private readonly ascii: AsciiVocabulary | null;

  constructor(private readonly spec: VectorizerSpec, terms: readonly string[] | null) {
    this.index = terms ? new Map(terms.map((t, j) => [t, j])) : null;
    this.ascii = terms && spec.analyzer === 'word' && spec.ngramMin === 1 && spec.ngramMax === 1 ? new AsciiVocabulary(terms) : null;
    this.size = terms ? terms.length : spec.nFeatures;
    this.counts = new Float64Array(this.size);
    this.touched = new Int32Array(this.size);
    this.seen = new Uint8Array(this.size);
  }

  /** Counts one document; afterwards `touched[0..nTouched)` lists the features it hit. Call `clear` before the next. */
  count(doc: string | null): void {
    if (doc === null || doc === '') return;
    if (this.ascii) {
      const n = this.ascii.scan(doc);
      if (n >= 0) {
        const hits = this.ascii.hits;
        for (let t = 0; t < n; t++) this.add(hits[t], 1);
        return;
      }
    }
    for (const term of analyze(doc, this.spec)) {
      let j: number;
      let sign = 1;
      if (this.index) {
        const k = this.index.get(term);
        if (k === undefined) continue;
        j = k;
      } else {
        const h = murmur3String(term);
        j = hashBucket(h, this.size);
        if (h < 0) sign = -1;
      }
      this.add(j, sign);
    }
  }

  private add(j: number, sign: number): void {
    if (!this.seen[j]) {
      this.seen[j] = 1;
      this.touched[this.nTouched++] = j;
    }
    this.counts[j] += sign;
  }

  clear(): void {
    for (let t = 0; t < this.nTouched; t++) {
      const j = this.touched[t];
      this.counts[j] = 0;
      this.seen[j] = 0;
    }
    this.nTouched = 0;
  }
}

/** Smoothed (scikit-learn `smooth_idf=True`) or plain inverse document frequency, both with the +1 term. */
export function inverseDocumentFrequency(df: Float64Array, nDocs: number, smooth: boolean, useIdf: boolean): Float64Array {
  const idf = new Float64Array(df.length);
  for (let j = 0; j < df.length; j++) {
    if (!useIdf) idf[j] = 1;
    // Without smoothing a hashed bucket no training document hit would get an infinite weight; treat it as seen once.
    else idf[j] = smooth ? Math.log((1 + nDocs) / (1 + df[j])) + 1 : Math.log(nDocs / Math.max(df[j], 1)) + 1;
  }
  return idf;
}

/** TF-IDF of every document of a column into dense feature columns (one Float64Array per feature). */
export function vectorize(docs: readonly (string | null)[], spec: VectorizerSpec, terms: readonly string[] | null, idf: Float64Array): Float64Array[] {
  const rows = docs.length;
  const counter = new TermCounter(spec, terms);
  // One allocation for every feature column (views of it): V8 schedules a major GC per ~64 MB of new array
  // buffers counted one by one, which with a large heap (a million rows of strings) cost more than the TF-IDF
  // itself; one buffer per call triggers at most one.
  const block = new Float64Array(counter.size * rows);
  const out = Array.from({ length: counter.size }, (_, j) => block.subarray(j * rows, (j + 1) * rows));
  const { counts, touched } = counter;
  for (let i = 0; i < rows; i++) {
    counter.count(docs[i]);
    let ss = 0;
    for (let t = 0; t < counter.nTouched; t++) {
      const j = touched[t];
      const c = counts[j];
      const tf = spec.sublinearTf && c !== 0 ? Math.sign(c) * (1 + Math.log(Math.abs(c))) : c;
      const w = tf * idf[j];
      counts[j] = w;
      ss += w * w;
    }
    // Divide (not multiply by the reciprocal) as scikit-learn does, to agree with it to the last bits.
    const norm = spec.norm === 'l2' && ss > 0 ? Math.sqrt(ss) : 1;
    for (let t = 0; t < counter.nTouched; t++) {
      const j = touched[t];
      out[j][i] = counts[j] / norm;
    }
    counter.clear();
  }
  return out;
}
