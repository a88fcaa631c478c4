import { describe, expect, it } from 'vitest';
import { CellColumnBuilder } from '../src/cell-column.js';
import { GrowableFloat64 } from '../src/growable.js';
import { missingTest } from '../src/missing.js';
import { ValueColumnBuilder } from '../src/value-column.js';

const where = { source: 'src' };

function cells(name: string, values: readonly (string | null)[], keepText = false): CellColumnBuilder {
  const b = new CellColumnBuilder(name, keepText);
  for (const v of values) if (v === null) b.pushMissing(); else b.pushCell(v);
  return b;
}

describe('GrowableFloat64', () => {
  it('keeps values across blocks', () => {
    const g = new GrowableFloat64();
    for (let i = 0; i < 200_000; i++) g.push(i * 0.5);
    expect(g.length).toBe(200_000);
    expect(g.get(131_073)).toBe(65_536.5);
    const a = g.toArray();
    expect(a.length).toBe(200_000);
    expect(a[199_999]).toBe(99_999.5);
    expect(a[65_536]).toBe(32_768);
  });
});

describe('CellColumnBuilder', () => {
  it('numbers go straight into a Float64Array, missing cells are NaN', () => {
    const c = cells('x', [null, '1.5', '-2', null, '3e2']).finish(where);
    expect(c.schema).toEqual({ name: 'x', type: 'numeric' });
    expect(Array.from(c.data as Float64Array)).toEqual([NaN, 1.5, -2, NaN, 300]);
  });

  it('booleans become 0/1; one value is constant', () => {
    expect(Array.from(cells('b', ['true', null, 'FALSE']).finish(where).data as Float64Array)).toEqual([1, NaN, 0]);
    const k = cells('b', ['TRUE', 'true']).finish(where);
    expect(k.schema.type).toBe('constant');
    expect(k.data).toEqual(['true', 'true']);
  });

  it('a late non-number loses the earlier text, which restoreStrings puts back', () => {
    const b = cells('m', ['1', null, '2.0', 'abc']);
    expect(b.lostRows).toBe(3);
    b.restoreStrings(['1', null, '2.0']);
    const c = b.finish(where);
    expect(c.schema.type).toBe('categorical');
    expect(c.data).toEqual(['1', null, '2.0', 'abc']);
  });

  it('strings are inferred (datetime normalized), and keepText defers to the override', () => {
    const d = cells('d', ['31/01/2024', null, '01/02/2024']).finish(where);
    expect(d).toEqual({ schema: { name: 'd', type: 'datetime' }, data: ['2024-01-31', null, '2024-02-01'] });
    const o = cells('o', ['1', '0', '1'], true).finish(where, 'boolean');
    expect(Array.from(o.data as Float64Array)).toEqual([1, 0, 1]);
    const s = cells('s', ['007', '010'], true).finish(where, 'categorical');
    expect(s.data).toEqual(['007', '010']);
  });

  it('row-number ids and all-missing columns are stored as strings', () => {
    const id = cells('id', Array.from({ length: 25 }, (_, i) => String(i + 1))).finish(where);
    expect(id.schema.type).toBe('id');
    expect((id.data as string[]).slice(0, 3)).toEqual(['1', '2', '3']);
    expect(cells('e', [null, null]).finish(where)).toEqual({ schema: { name: 'e', type: 'constant' }, data: [null, null] });
  });
});

describe('ValueColumnBuilder', () => {
  const build = (values: unknown[]) => {
    const b = new ValueColumnBuilder('v', missingTest());
    for (const v of values) b.push(v);
    return b;
  };

  it('typed numbers and booleans stay typed; leading missing cells are kept', () => {
    expect(Array.from(build([null, 1, 2.5, undefined]).finish(where).data as Float64Array)).toEqual([NaN, 1, 2.5, NaN]);
    const b = build([undefined, true, false]).finish(where);
    expect(b.schema.type).toBe('boolean');
    expect(Array.from(b.data as Float64Array)).toEqual([NaN, 1, 0]);
  });

  it('strings go through inference and missing markers, trimmed', () => {
    expect(build(['1', ' 2 ', 'NA']).finish(where)).toEqual({ schema: { name: 'v', type: 'numeric' }, data: new Float64Array([1, 2, NaN]) });
    expect(build(['2024-01-31', '2024-02-01']).finish(where).schema.type).toBe('datetime');
  });

  it('mixed kinds become strings written as text; objects as JSON', () => {
    const c = build([1, 'a', true, null, { k: 1 }]).finish(where);
    expect(c.data).toEqual(['1', 'a', 'true', null, '{"k":1}']);
    expect(build([true, 2]).finish(where).data).toEqual(['true', '2']);
    expect(build([null, 'x', 3]).finish(where).data).toEqual([null, 'x', '3']);
  });

  it('a boolean override on numbers accepts only 0/1 and names the bad row', () => {
    expect(Array.from(build([1, 0]).finish(where, 'boolean').data as Float64Array)).toEqual([1, 0]);
    expect(() => build([1, 2]).finish(where, 'boolean')).toThrow(/src: column "v" is declared boolean but row 2 holds "2"/);
  });

  it('length counts every pushed row', () => {
    const b = build([null, null]);
    b.pushMissing(3);
    expect(b.length).toBe(5);
  });
});

describe('GrowableFloat64', () => {
  it('collects values and ranges across blocks, and starts empty again after toArray', () => {
    const g = new GrowableFloat64();
    const big = Float64Array.from({ length: 150_000 }, (_, i) => i);
    g.push(-1);
    g.pushRange(big, 10, 140_010);
    expect(g.length).toBe(140_001);
    expect(g.get(70_000)).toBe(70_009);
    const a = g.toArray();
    expect(a.length).toBe(140_001);
    expect(a[0]).toBe(-1);
    expect(a[140_000]).toBe(140_009);
    expect(g.length).toBe(0);
    g.pushRange(big, 0, 3);
    g.push(7);
    expect(Array.from(g.toArray())).toEqual([0, 1, 2, 7]);
  });

  it('every value survives the small first block growing into full blocks, pushed one by one or in ranges', () => {
    const big = Float64Array.from({ length: 200_000 }, (_, i) => i * 3);
    for (const chunk of [1, 7, 1000, 70_000]) {
      const g = new GrowableFloat64();
      for (let at = 0; at < big.length; at += chunk) {
        if (chunk === 1) g.push(big[at]);
        else g.pushRange(big, at, Math.min(big.length, at + chunk));
      }
      for (let i = 0; i < big.length; i += 997) expect(g.get(i)).toBe(big[i]);
      expect(g.toArray()).toEqual(big);
    }
  });

  it('a column of a few values holds a few values, not a whole block (wide files: thousands of columns)', () => {
    const before = process.memoryUsage().arrayBuffers;
    const columns = Array.from({ length: 2000 }, () => new GrowableFloat64());
    for (const g of columns) g.push(1);
    // 2,000 whole blocks of 65,536 doubles would be 1 GB; small first blocks are 128 bytes each.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10e6);
    expect(columns.every((g) => g.get(0) === 1)).toBe(true);
  });
});
