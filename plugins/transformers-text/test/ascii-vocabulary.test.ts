import { describe, expect, it } from 'vitest';
import { Rng } from '@autopipe/core';
import { analyze } from '../src/analyze.js';
import { TermCounter, type VectorizerSpec } from '../src/vectorizer.js';

const spec: VectorizerSpec = { analyzer: 'word', ngramMin: 1, ngramMax: 1, hashing: false, nFeatures: 16, sublinearTf: false, norm: 'l2' };

/** Per document: the vocabulary terms it hits in first-occurrence order, with counts — through `analyze` strings. */
function reference(doc: string | null, terms: readonly string[]): [number, number][] {
  const index = new Map(terms.map((t, j) => [t, j]));
  const out = new Map<number, number>();
  for (const t of analyze(doc, spec)) {
    const j = index.get(t);
    if (j !== undefined) out.set(j, (out.get(j) ?? 0) + 1);
  }
  return [...out];
}

describe('string-free word counting', () => {
  it('counts exactly what the tokenizer gives, in the same order, for ASCII and non-ASCII documents', () => {
    const rng = new Rng(4);
    const pieces = ['Free', 'FREE', 'free', 'win', 'a', 'b2', '42', '4', 'x_y', '_', '__', 'café', 'naïve', 'Straße', 'ok', 'OK!', 'see', 'you', '2day', 'K', 'k1', 'ab'];
    const seps = [' ', ', ', '!', '\t', '-', '', '  ', '.', "'"];
    const terms = ['2day', '42', '__', 'ab', 'b2', 'café', 'free', 'k1', 'naïve', 'ok', 'see', 'straße', 'win', 'x_y', 'you'];
    const counter = new TermCounter(spec, terms);
    const docs: (string | null)[] = [null, '', ' ', 'a', 'Ab', 'AB ab aB', 'K1'];
    for (let i = 0; i < 2000; i++) {
      let d = '';
      const n = Math.floor(rng.next() * 9);
      for (let w = 0; w < n; w++) d += pieces[Math.floor(rng.next() * pieces.length)] + seps[Math.floor(rng.next() * seps.length)];
      docs.push(d);
    }
    let ascii = 0;
    for (const doc of docs) {
      counter.count(doc);
      const got: [number, number][] = Array.from(counter.touched.subarray(0, counter.nTouched), (j) => [j, counter.counts[j]]);
      expect(got, JSON.stringify(doc)).toEqual(reference(doc, terms));
      counter.clear();
      if (doc && Array.from(doc).every((ch) => ch.charCodeAt(0) < 128)) ascii++;
    }
    expect(ascii).toBeGreaterThan(500);
  });
});
