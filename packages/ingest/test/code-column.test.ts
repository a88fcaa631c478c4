import { describe, expect, it } from 'vitest';
import { columnFromCodes, expandCodes } from '../src/code-column.js';
import { columnFromStrings } from '../src/infer-column.js';
import { inferType } from '../src/infer-types.js';

const where = { source: 'src' };

/** Dictionary-encodes cells the way a reader would: codes in order of first appearance. */
function encode(cells: readonly (string | null)[]): { codes: Int32Array; dict: string[] } {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(cells.length);
  cells.forEach((v, i) => {
    if (v === null) return void (codes[i] = -1);
    let k = index.get(v);
    if (k === undefined) index.set(v, (k = dict.push(v) - 1));
    codes[i] = k;
  });
  return { codes, dict };
}

const seq = (n: number, f: (i: number) => string | null) => Array.from({ length: n }, (_, i) => f(i));
const words = ['alpha', 'beta', 'gamma', 'delta'];

// One column per inference outcome, and the edges between them.
const columns: Record<string, (string | null)[]> = {
  empty: [null, null],
  constant: ['a', null, 'a'],
  constantDate: ['2024-01-02', '2024-01-02'],
  booleans: ['true', 'FALSE', null, 'True'],
  trueOnly: ['true', 'TRUE', 'true'],
  numbers: ['1.5', '-2', null, '3e2', '1.5'],
  rowNumbers: seq(30, (i) => String(i + 1)),
  sameNumber: ['1', '1.0', '1e0'],
  numbersThenText: ['1', '2', 'x', '3'],
  datesIso: ['2024-01-31', null, '2023-12-01 10:20', '2024-02-29T08:00:00'],
  datesDayFirst: ['31/01/2024', '01/02/2024', '15/03/2024'],
  datesAmbiguous: ['01/02/2024', '03/04/2024'],
  datesContradictory: ['31/01/2024', '01/31/2024'],
  dateAndNumber: ['2024-01-31', '20240131'],
  text: seq(40, (i) => `${words[i % 4]} ${words[(i >> 2) % 4]} ${words[(i >> 4) % 4]} ${i}`),
  fewTokens: seq(40, (i) => `${words[i % 4]}-${i}`),
  ids: seq(25, (i) => `u${i * 7}`),
  idsWithMissing: seq(25, (i) => (i === 3 ? null : `u${i * 7}`)),
  highCardinality: seq(2000, (i) => `z${i % 120}`),
  categorical: seq(200, (i) => ['red', 'green', 'blue'][i % 3]),
  manyCategories: seq(5000, (i) => `c${i % 60}`),
};

describe('columnFromCodes', () => {
  it.each(Object.entries(columns))('builds %s exactly as columnFromStrings does from the written-out cells', (name, cells) => {
    const { codes, dict } = encode(cells);
    const expected = columnFromStrings(name, cells, where);
    const got = columnFromCodes(name, codes, dict, where);
    expect(got.schema).toEqual(expected.schema);
    expect(Object.prototype.toString.call(got.data)).toBe(Object.prototype.toString.call(expected.data));
    expect(Array.from(got.data as ArrayLike<unknown>)).toEqual(Array.from(expected.data as ArrayLike<unknown>));
  });

  it('covers every inferred type (so the cases above test each rule)', () => {
    const types = new Set(Object.values(columns).map((c) => inferType(c)));
    expect([...types].sort()).toEqual(['boolean', 'categorical', 'constant', 'datetime', 'high_cardinality', 'id', 'numeric', 'text']);
    // By hand: unique values with fewer than three tokens are ids when none is missing (text needs three tokens a
    // value); slashed dates that never settle day/month order are categorical.
    const typeOf = (k: string) => inferType(columns[k]);
    expect(['ids', 'idsWithMissing', 'fewTokens', 'text', 'constantDate', 'datesAmbiguous', 'dateAndNumber'].map(typeOf)).toEqual([
      'id', 'categorical', 'id', 'text', 'constant', 'categorical', 'categorical',
    ]);
  });

  it('an unused dictionary value does not count', () => {
    const got = columnFromCodes('x', Int32Array.from([0, 0, -1]), ['a', 'b'], where);
    expect(got.schema.type).toBe('constant');
    expect(got.data).toEqual(['a', 'a', null]);
  });

  it('overrides convert per cell and name the first cell that does not fit', () => {
    const { codes, dict } = encode(['1', null, 'x']);
    expect(columnFromCodes('n', codes, dict, where, 'categorical').data).toEqual(['1', null, 'x']);
    expect(() => columnFromCodes('n', codes, dict, { source: 'f.csv' }, 'numeric')).toThrow(/f\.csv: column "n" is declared numeric but row 3 holds "x"/);
  });

  it('expandCodes writes missing codes as null', () => {
    expect(expandCodes(Int32Array.from([1, -1, 0]), ['a', 'b'])).toEqual(['b', null, 'a']);
  });
});
