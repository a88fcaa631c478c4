import { describe, expect, it } from 'vitest';
import { Rng, fitTransformer } from '@autopipe/core';
import { analyze } from '../src/analyze.js';
import { textTfidf } from '../src/tfidf.js';
import { ctx, textFrame } from './helpers.js';

/** The vocabulary rule written the direct way (a Set of terms per document), which the fitted one must equal. */
function reference(docs: readonly (string | null)[], minDf: number, maxFeatures: number, ngramMax: number): { terms: string[]; df: number[] } {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(analyze(doc, { analyzer: 'word', ngramMin: 1, ngramMax }))) df.set(t, (df.get(t) ?? 0) + 1);
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const kept = [...df].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]));
  const terms = kept.slice(0, maxFeatures).map(([t]) => t).sort(byCode);
  return { terms, df: terms.map((t) => df.get(t)!) };
}

describe('text.tfidf vocabulary', () => {
  it('keeps the most frequent terms by document frequency, ties by term, over thousands of distinct terms', async () => {
    const rng = new Rng(11);
    const words = Array.from({ length: 2500 }, (_, i) => `w${i.toString(36)}`);
    // Repeated words inside a document must count once for its document frequency.
    const docs = Array.from({ length: 3000 }, () => (rng.next() < 0.05 ? null : Array.from({ length: 1 + Math.floor(rng.next() * 12) }, () => words[Math.floor(words.length * rng.next() ** 2)]).join(' ')));
    for (const [minDf, maxFeatures, ngramMax] of [[2, 700, 1], [1, 5000, 1], [3, 300, 2]]) {
      const want = reference(docs, minDf, maxFeatures, ngramMax);
      const t = await fitTransformer(textTfidf, textFrame({ d: docs }), ['d'], { min_df: minDf, max_features: maxFeatures, ngram_max: ngramMax, use_idf: true, smooth_idf: false }, ctx);
      const s = t.state() as { terms: string[][]; idf: Float64Array[] };
      expect(s.terms[0]).toEqual(want.terms);
      // Without smoothing, idf = ln(n / df) + 1 gives the document frequencies back.
      expect(Array.from(s.idf[0])).toEqual(want.df.map((d) => Math.log(docs.length / d) + 1));
    }
  });
});
