import { describe, expect, it } from 'vitest';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const seq = (n: number, f: (i: number) => string | null) => Array.from({ length: n }, (_, i) => f(i));

describe('types read from a file', () => {
  it('stores each inferred type by the frame conventions', async () => {
    const rows = seq(24, (i) => [i + 1, i % 2 === 0 ? 'true' : 'false', (i * 1.5).toFixed(1), 'same', i % 3 === 0 ? 'red' : 'blue', `SKU-${1000 + i}`, `"note ${i}, see more"`].join(','));
    const f = await fx.read(['rowid,flag,x,k,colour,sku,note', ...rows].join('\n'));
    expect(Object.fromEntries(f.schema.map((c) => [c.name, c.type]))).toEqual({
      rowid: 'id', flag: 'boolean', x: 'numeric', k: 'constant', colour: 'categorical', sku: 'id', note: 'text',
    });
    expect(Array.from(f.numeric('flag')).slice(0, 3)).toEqual([1, 0, 1]);
    expect(f.numeric('x')[3]).toBe(4.5);
    expect(f.strings('rowid').slice(0, 2)).toEqual(['1', '2']);
    expect(f.strings('k')[0]).toBe('same');
    expect(f.strings('note')[1]).toBe('note 1, see more');
  });

  it('type overrides convert storage and bypass inference', async () => {
    const f = await fx.read('a,b,c,d\n1,yes,x,2\n0,no,y,3\n1,,z,4\n', { types: { a: 'boolean', b: 'boolean', c: 'text', d: 'categorical' } });
    expect(f.typeOf('a')).toBe('boolean');
    expect(Array.from(f.numeric('a'))).toEqual([1, 0, 1]);
    expect(Array.from(f.numeric('b'))).toEqual([1, 0, NaN]);
    expect(f.typeOf('c')).toBe('text');
    expect(f.strings('d')).toEqual(['2', '3', '4']);
    const g = await fx.read('a,b\nx,1\ny,2\n', { types: { b: 'numeric', a: 'id' } });
    expect(g.typeOf('a')).toBe('id');
    expect(Array.from(g.numeric('b'))).toEqual([1, 2]);
  });
});
