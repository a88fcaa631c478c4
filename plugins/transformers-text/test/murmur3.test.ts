import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashBucket, murmur3String } from '../src/murmur3.js';
import { wordTokens } from '../src/analyze.js';

const REF = JSON.parse(readFileSync(new URL('./fixtures/sklearn-tfidf.json', import.meta.url), 'utf8')) as { murmur: Record<string, number>; murmur_seed: number };

describe('murmur3', () => {
  it('matches sklearn.utils.murmurhash3_32 (signed, seed 0) on ASCII and multi-byte UTF-8', () => {
    for (const [s, h] of Object.entries(REF.murmur)) expect(murmur3String(s)).toBe(h);
    expect(murmur3String('hello', 42)).toBe(REF.murmur_seed);
  });

  it('maps hashes to buckets like HashingVectorizer, including -2^31', () => {
    expect(hashBucket(-1681926305, 16)).toBe(1681926305 % 16);
    expect(hashBucket(-2147483648, 16)).toBe((2147483647 - 15) % 16);
  });
});

describe('wordTokens', () => {
  it('lowercases and keeps runs of 2+ Unicode letters, digits and underscores', () => {
    expect(wordTokens("Call me when you're FREE, ok? naïve test_case 42 x 日本語")).toEqual(['call', 'me', 'when', 'you', 're', 'free', 'ok', 'naïve', 'test_case', '42', '日本語']);
  });
});
