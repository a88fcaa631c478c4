import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultContext } from '@autopipe/core';
import { csvIngestor } from '../src/csv-ingestor.js';
import { sniffDelimiter } from '../src/sniff-delimiter.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();

describe('csv ingestor parsing', () => {
  it('strips a UTF-8 BOM from the first column name', async () => {
    const f = await fx.read('\uFEFFname,x\na,1\nb,2\n');
    expect(f.names).toEqual(['name', 'x']);
    expect(Array.from(f.numeric('x'))).toEqual([1, 2]);
  });

  it('reads CRLF and LF line endings the same', async () => {
    const lf = await fx.read('a,b\n1,x\n2,y\n3,z\n');
    const crlf = await fx.read('a,b\r\n1,x\r\n2,y\r\n3,z\r\n');
    expect(crlf.names).toEqual(lf.names);
    expect(Array.from(crlf.numeric('a'))).toEqual([1, 2, 3]);
    expect(crlf.strings('b')).toEqual(['x', 'y', 'z']);
  });

  it('keeps delimiters, quotes and newlines inside quoted fields', async () => {
    const f = await fx.read('id,msg\n1,"hello, world"\n2,"two\nlines"\n3,"say ""hi"""\n');
    expect(f.nrow).toBe(3);
    expect(f.strings('msg')).toEqual(['hello, world', 'two\nlines', 'say "hi"']);
  });

  it('skips fully blank and whitespace-only lines', async () => {
    const f = await fx.read('\n\na,b\n1,2\n\n   \n3,4\n\n');
    expect(f.nrow).toBe(2);
    expect(Array.from(f.numeric('b'))).toEqual([2, 4]);
  });

  it('sniffs semicolons, tabs and pipes from the header, ignoring quoted ones', async () => {
    const semi = await fx.read('a;b;"c,d,e"\n1,5;2;3\n4;5;6\n');
    expect(semi.names).toEqual(['a', 'b', 'c,d,e']);
    expect(semi.strings('a')).toEqual(['1,5', '4']);
    const tab = await fx.read('a\tb\n1\t2\n3\t4\n', {}, 'tabs.txt');
    expect(tab.names).toEqual(['a', 'b']);
    const pipe = await fx.read('a|b|c\n1|2|3\n4|5|6\n');
    expect(pipe.names).toEqual(['a', 'b', 'c']);
  });

  it('sniffDelimiter prefers the most frequent candidate and falls back to a comma', () => {
    expect(sniffDelimiter('a;b;c,d\n1;2;3,4')).toBe(';');
    expect(sniffDelimiter('\n\r\na\tb\tc\n')).toBe('\t');
    expect(sniffDelimiter('"x;y;z",b\n')).toBe(',');
    expect(sniffDelimiter('single\n1\n')).toBe(',');
  });

  it('uses tab for .tsv and the delimiter option when given', async () => {
    // The header has more commas than tabs, so only the extension makes this a TSV.
    const tsv = await fx.read('a,b,c\td\n1\t2\n', {}, 'data.tsv');
    expect(tsv.names).toEqual(['a,b,c', 'd']);
    const opt = await fx.read('a,b;c\n1,2;3\n', { delimiter: ';' });
    expect(opt.names).toEqual(['a,b', 'c']);
  });

  it('reads the default missing markers as missing', async () => {
    const markers = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?', '   '];
    const rows = markers.map((m, i) => `${i},${m},${m}`);
    const f = await fx.read(['i,x,s', ...rows, '99,1.5,a', '98,2.5,b'].join('\n'));
    expect(f.typeOf('x')).toBe('numeric');
    expect(Array.from(f.numeric('x'))).toEqual([...markers.map(() => NaN), 1.5, 2.5]);
    expect(f.strings('s')).toEqual([...markers.map(() => null), 'a', 'b']);
  });

  it('options.missing replaces the default markers', async () => {
    const f = await fx.read('x,s\n-1,NA\n2,a\n-1,b\n3,a\n', { missing: ['-1'] });
    expect(Array.from(f.numeric('x'))).toEqual([NaN, 2, NaN, 3]);
    expect(f.strings('s')).toEqual(['NA', 'a', 'b', 'a']);
  });

  it('trims cells and reads file: URLs; canRead goes by extension', async () => {
    const path = fx.write('a , b\n 1 , x \n2,y\n', 'Upper.CSV');
    const f = await csvIngestor.read(pathToFileURL(path).href, {}, defaultContext());
    expect(f.names).toEqual(['a', 'b']);
    expect(f.strings('b')).toEqual(['x', 'y']);
    expect(csvIngestor.canRead(path)).toBe(true);
    expect(csvIngestor.canRead(pathToFileURL(path).href)).toBe(true);
    expect(csvIngestor.canRead('data/x.TSV')).toBe(true);
    expect(csvIngestor.canRead('notes.txt')).toBe(true);
    expect(csvIngestor.canRead('model.parquet')).toBe(false);
    expect(csvIngestor.canRead('csv')).toBe(false);
  });
});
