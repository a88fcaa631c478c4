import { describe, expect, it } from 'vitest';
import { inferNumericType, inferType, NumericSummary } from '../src/infer-types.js';
import { parseBoolean, parseLooseBoolean, parseNumber } from '../src/parse-cell.js';

const seq = (n: number, f: (i: number) => string | null) => Array.from({ length: n }, (_, i) => f(i));

describe('parseNumber / parseBoolean', () => {
  it('accepts plain and scientific notation only', () => {
    expect(['1', '-2', '+3.5', '.5', '5.', '1e3', '-2.5E-2'].map(parseNumber)).toEqual([1, -2, 3.5, 0.5, 5, 1000, -0.025]);
    for (const bad of ['1,5', '0x10', 'Infinity', '1_000', '', '1e', 'e3', '--1', '1.2.3', '1e999', ' 1']) expect(parseNumber(bad), bad).toBeNaN();
  });

  it('reads true/false in any case', () => {
    expect(['true', 'FALSE', 'True'].map(parseBoolean)).toEqual([1, 0, 1]);
    for (const bad of ['1', 'yes', 't']) expect(parseBoolean(bad)).toBeNaN();
  });

  it('loose booleans add 1/0 and yes/no for declared boolean columns', () => {
    expect(['1', '0', 'YES', 'no', 'true'].map(parseLooseBoolean)).toEqual([1, 0, 1, 0, 1]);
    expect(parseLooseBoolean('2')).toBeNaN();
  });
});

describe('inferType', () => {
  it('boolean: only true/false values; 0/1 stays numeric', () => {
    expect(inferType(['true', 'False', null, 'TRUE'])).toBe('boolean');
    expect(inferType(['0', '1', '1', null])).toBe('numeric');
    expect(inferType(['true', 'false', 'yes'])).toBe('categorical');
  });

  it('numeric: every present value is a finite number', () => {
    expect(inferType(['1.5', '-2', null, '3e2'])).toBe('numeric');
    expect(inferType(['1,5', '2,5', '3'])).toBe('categorical');
    expect(inferType(['0x10', '0x11'])).toBe('categorical');
  });

  it('constant: one distinct present value, or nothing present', () => {
    expect(inferType(['a', 'a', null, 'a'])).toBe('constant');
    expect(inferType(['1', '1.0', '1e0'])).toBe('constant');
    expect(inferType(['true', 'TRUE'])).toBe('constant');
    expect(inferType([null, null])).toBe('constant');
  });

  it('id: unique strings or consecutive unique integers, from 20 rows', () => {
    expect(inferType(seq(20, (i) => `user-${i * 7}`))).toBe('id');
    expect(inferType(seq(19, (i) => `user-${i * 7}`))).toBe('categorical');
    expect(inferType(seq(25, (i) => String(101 + ((i * 7) % 25))))).toBe('id');
    // Unique but with a gap, or with a missing cell, is just a number.
    expect(inferType(seq(25, (i) => String(i === 3 ? 99 : i)))).toBe('numeric');
    expect(inferType(seq(25, (i) => (i === 3 ? null : String(i))))).toBe('numeric');
    expect(inferType(seq(25, (i) => (i === 3 ? null : `u${i}`)))).toBe('categorical');
  });

  it('text: mostly unique values averaging three or more tokens', () => {
    const sentences = seq(30, (i) => `message number ${i} is here`);
    expect(inferType(sentences)).toBe('text');
    const short = seq(10, (i) => `hello there ${i}`);
    expect(inferType(short)).toBe('text');
    // Long but repetitive values are categories, not text.
    expect(inferType(seq(30, (i) => (i % 3 === 0 ? 'very good indeed' : 'not good at all')))).toBe('categorical');
    // Two-token unique values over 20 rows are ids, not text.
    expect(inferType(seq(30, (i) => `first ${i}`))).toBe('id');
  });

  it('categorical otherwise', () => {
    expect(inferType(['S', 'C', 'Q', null, 'S'])).toBe('categorical');
  });
});


describe('inferType: datetime and cardinality', () => {
  it('datetime: ISO dates and date-times, with or without seconds, offsets or a space', () => {
    expect(inferType(['2024-01-31', '2023-12-01', null, '2020-02-29'])).toBe('datetime');
    expect(inferType(['2024-01-31T13:45:00Z', '2024-02-01 08:00', '2024-02-01T08:00:07.5+01:00'])).toBe('datetime');
    // 2023 is not a leap year, so Feb 29 is not a date and the column is not datetime.
    expect(inferType(['2024-01-31', '2023-02-29', '2024-03-01'])).toBe('categorical');
  });

  it('datetime: slashed dates only when the column settles day/month order', () => {
    expect(inferType(['31/01/2024', '01/02/2024', '15/03/2024'])).toBe('datetime');
    expect(inferType(['01/31/2024', '02/01/2024', '03/15/2024 13:45'])).toBe('datetime');
    // Both fields ≤ 12 everywhere: could be either, so it stays a category.
    expect(inferType(['01/02/2024', '03/04/2024', '05/06/2024'])).toBe('categorical');
    // One cell needs day first, another month first: no single order reads them all.
    expect(inferType(['31/01/2024', '01/31/2024', '05/06/2024'])).toBe('categorical');
    expect(inferType(['31.01.2024', '01.02.2024'])).toBe('datetime');
  });

  it('numbers are never dates, even mixed with dates', () => {
    expect(inferType(['20240131', '20240201'])).toBe('numeric');
    expect(inferType(['20240131', '2024-02-01', '2024-02-02'])).toBe('categorical');
  });

  it('high_cardinality: more than 50 distinct and more than 5% of rows, or more than 1000 distinct', () => {
    // 60 distinct in 120 rows: many levels relative to the data.
    expect(inferType(seq(120, (i) => `zip${i % 60}`))).toBe('high_cardinality');
    // 60 distinct in 2000 rows (3%): a large but usable categorical.
    expect(inferType(seq(2000, (i) => `zip${i % 60}`))).toBe('categorical');
    // 50 distinct is still categorical whatever the row count.
    expect(inferType(seq(60, (i) => `zip${i % 50}`))).toBe('categorical');
    // 1001 distinct in 40000 rows (2.5%) is past the absolute cap.
    expect(inferType(seq(40_000, (i) => `zip${i % 1001}`))).toBe('high_cardinality');
    // Unique per row is an id, not a high-cardinality category.
    expect(inferType(seq(200, (i) => `k${i}`))).toBe('id');
  });

  it('thresholds are options', () => {
    expect(inferType(seq(120, (i) => `zip${i % 60}`), { maxCategories: 100 })).toBe('categorical');
    expect(inferType(seq(10, (i) => `u${i}`), { minIdRows: 10 })).toBe('id');
  });

  it('text at scale: half the present values distinct is the exact boundary, with or without missing cells', () => {
    // 20,000 four-token values, the first 10,000 (or 9,999) distinct, then repeats of the first ones.
    const phrase = (i: number) => `word ${i} and more`;
    const column = (distinct: number, missingEvery = 0) => seq(20_000, (i) => (missingEvery && i % missingEvery === 1 ? null : phrase(i % distinct)));
    expect(inferType(seq(20_000, phrase))).toBe('text');
    expect(inferType(column(10_000))).toBe('text');
    expect(inferType(column(9_999))).toBe('high_cardinality');
    // 10,000 missing: 10,000 present values, all distinct, so 5,000 distinct would already do.
    expect(inferType(seq(20_000, (i) => (i % 2 ? null : phrase(i))))).toBe('text');
    // Unique but two tokens a value: not text; unique with no missing cell: id.
    expect(inferType(seq(20_000, (i) => `w ${i}`))).toBe('id');
    // Mostly repeats from the start: the exact count decides.
    expect(inferType(seq(20_000, (i) => phrase(i % 6_000)))).toBe('high_cardinality');
  });

  it('text at scale: a mean of exactly three tokens is the boundary, wherever the long values sit', () => {
    // 20,000 unique values: `long` five-token ones and the rest one token, so the mean is 3 with 10,000 long values.
    const mixed = (long: number, longFirst: boolean) =>
      seq(20_000, (i) => ((longFirst ? i < long : i >= 20_000 - long) ? `a b c d ${i}` : `w${i}`));
    for (const longFirst of [true, false]) {
      expect(inferType(mixed(10_000, longFirst))).toBe('text');
      expect(inferType(mixed(9_999, longFirst))).toBe('id');
      expect(inferType(mixed(20_000, longFirst))).toBe('text');
    }
  });
});

describe('NumericSummary', () => {
  it('gathered range by range, it types a column as inferNumericType does', () => {
    const columns = [
      Float64Array.from({ length: 40 }, (_, i) => 40 - i),
      Float64Array.from({ length: 40 }, (_, i) => (i === 7 ? NaN : i)),
      Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? 2.5 : NaN)),
      Float64Array.from({ length: 40 }, (_, i) => i * 1.5),
      Float64Array.from({ length: 40 }, (_, i) => (i === 39 ? 0 : i + 1)),
    ];
    const types = columns.map((data) => {
      const s = new NumericSummary();
      for (let from = 0; from < data.length; from += 16) s.add(data, from, Math.min(data.length, from + 16));
      expect(s.type(data)).toBe(inferNumericType(data));
      return s.type(data);
    });
    expect(types).toEqual(['id', 'numeric', 'constant', 'numeric', 'id']);
  });

  it('addValid copies and takes in a range in one pass, invalid rows as NaN, as add after the copy would', () => {
    const values = Float64Array.from({ length: 70 }, (_, i) => (i === 3 || i === 66 ? 1e300 : i % 9));
    // Rows 3 and 66 are not valid (their stored values are garbage, as in a DuckDB vector).
    const valid = Uint32Array.of(~(1 << 3) >>> 0, 0xffffffff, ~(1 << 2) >>> 0);
    const out = new Float64Array(80).fill(-1);
    const s = new NumericSummary();
    expect(s.addValid(values, valid, 0, 40, out, 5)).toBe(true);
    expect(s.addValid(values, valid, 40, 70, out, 45)).toBe(true);
    expect(s.addValid(Float64Array.of(0, 1, 2, 3, 4), null, 0, 5, out, 75)).toBe(true);
    const want = Float64Array.from({ length: 80 }, (_, k) => (k < 5 ? -1 : k < 75 ? (k === 8 || k === 71 ? NaN : (k - 5) % 9) : k - 75));
    expect(Array.from(out)).toEqual(Array.from(want));
    const data = out.subarray(5);
    const reference = new NumericSummary();
    reference.add(data, 0, data.length);
    expect(s.type(data)).toBe(reference.type(data));
    expect(s).toEqual(reference);
  });

  it('addValid stops at a valid value that is not finite, and takes an invalid one as missing', () => {
    const out = new Float64Array(3);
    expect(new NumericSummary().addValid(Float64Array.of(1, Infinity, 2), null, 0, 3, out, 0)).toBe(false);
    expect(new NumericSummary().addValid(Float64Array.of(NaN, 1), null, 0, 2, out, 0)).toBe(false);
    expect(new NumericSummary().addValid(Float64Array.of(NaN, -Infinity, 4), Uint32Array.of(0b100), 0, 3, out, 0)).toBe(true);
    expect(Array.from(out)).toEqual([NaN, NaN, 4]);
  });

  it('refuses a column it has not seen whole', () => {
    const s = new NumericSummary();
    s.add(Float64Array.of(1, 2, 3), 0, 2);
    expect(() => s.type(Float64Array.of(1, 2, 3))).toThrow(/2 rows of a 3-row column/);
  });
});
