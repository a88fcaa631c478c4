import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultContext } from '@autopipe/core';
import { jsonIngestor } from '../src/json-ingestor.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const types = (f: { schema: readonly { name: string; type: string }[] }) => Object.fromEntries(f.schema.map((c) => [c.name, c.type]));

describe('json and ndjson reading', () => {
  it('heterogeneous keys: union in first-seen order, absent keys are missing', async () => {
    const ndjson = '{"a":1,"b":"x"}\n{"c":true,"a":2}\n\n{"b":"y","d":null}\r\n{"a":3,"c":false}';
    for (const f of [await fx.read(ndjson, 'ndjson'), await fx.read(`[${ndjson.trim().split(/\s*\n\s*/).filter(Boolean).join(',')}]`, 'json')]) {
      expect(f.names).toEqual(['a', 'b', 'c', 'd']);
      expect(Array.from(f.numeric('a'))).toEqual([1, 2, NaN, 3]);
      expect(f.strings('b')).toEqual(['x', null, 'y', null]);
      expect(Array.from(f.numeric('c'))).toEqual([NaN, 1, NaN, 0]);
      expect(types(f)).toEqual({ a: 'numeric', b: 'categorical', c: 'boolean', d: 'constant' });
    }
  });

  it('strings go through the shared inference; numbers and booleans are typed directly', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => JSON.stringify({ n: String(i * 1.5), when: `2024-02-${String((i % 28) + 1).padStart(2, '0')} 10:00`, id: i + 1, flag: i % 2 === 0, s: i % 3 ? 'NA' : 'v' }));
    const f = await fx.read(rows.join('\n'), 'jsonl');
    expect(types(f)).toEqual({ n: 'numeric', when: 'datetime', id: 'id', flag: 'boolean', s: 'constant' });
    expect(f.numeric('n')[3]).toBe(4.5);
    expect(f.strings('when')[0]).toBe('2024-02-01T10:00:00');
    expect(f.strings('id').slice(0, 2)).toEqual(['1', '2']);
  });

  it('mixed kinds become strings; nested values are their JSON text; overrides apply', async () => {
    const f = await fx.read('[{"m":1,"o":{"k":[1,2]}},{"m":"two","o":[3]}]', 'json', { types: { o: 'text' } });
    expect(f.strings('m')).toEqual(['1', 'two']);
    expect(f.typeOf('o')).toBe('text');
    expect(f.strings('o')).toEqual(['{"k":[1,2]}', '[3]']);
  });

  it('unicode keys and values survive, including a BOM', async () => {
    const f = await fx.read('\uFEFF{"città":"Zürich","v":1}\n{"città":"東京","v":2}\n', 'ndjson');
    expect(f.names).toEqual(['città', 'v']);
    expect(f.strings('città')).toEqual(['Zürich', '東京']);
  });

  it('canRead goes by extension', () => {
    expect(['a.json', 'b.NDJSON', 'file:///x/c.jsonl'].map((s) => jsonIngestor.canRead(s))).toEqual([true, true, true]);
    expect(jsonIngestor.canRead('d.csv')).toBe(false);
  });
});

describe('json bad input', () => {
  it('nonexistent path is FILE_NOT_FOUND naming it', async () => {
    const err = await jsonIngestor.read(join(fx.dir, 'nope.ndjson'), {}, defaultContext()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.ndjson') });
  });

  it('empty file, empty array and blank lines only', async () => {
    expect((await fx.fail('')).error.code).toBe('EMPTY_FILE');
    expect((await fx.fail('[]')).error.code).toBe('NO_ROWS');
    expect((await fx.fail('\n\n', 'ndjson')).error.code).toBe('NO_ROWS');
    expect((await fx.fail('[{}, {}]')).error.message).toContain('only empty objects');
  });

  it('a syntax error names the file and line, on one line', async () => {
    const nd = await fx.fail('{"a":1}\n{"a":2}\n{"a":3,}\n', 'ndjson');
    expect(nd.error.code).toBe('PARSE_ERROR');
    expect(nd.error.message).toMatch(new RegExp(`^${nd.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 3: invalid JSON`));
    const arr = await fx.fail('[\n{"a":1},\n{"a":2\n');
    expect(arr.error.code).toBe('PARSE_ERROR');
    expect(arr.error.message).toContain(arr.path);
    expect(arr.error.message).toContain('check that the file is complete');
    expect(arr.error.message).not.toContain('\n');
  });

  it('rows that are not objects are refused naming where', async () => {
    expect((await fx.fail('{"a":1}\n[1,2]\n', 'ndjson')).error.message).toContain('line 2: expected an object');
    expect((await fx.fail('[{"a":1}, 5]')).error.message).toContain('element 2: expected an object with one key per column, found number');
    expect((await fx.fail('{"a":1}')).error.message).toContain('expected a JSON array of objects');
  });

  it('invalid UTF-8 and binary garbage', async () => {
    const bad = await fx.fail(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]), 'ndjson');
    expect(bad.error.message).toContain('is not valid UTF-8; re-save it as UTF-8');
    const bin = await fx.fail(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]), 'json');
    expect(bin.error.code).toBe('PARSE_ERROR');
    expect(bin.error.message).toContain('NUL byte');
  });

  it('unknown override names are UNKNOWN_COLUMN', async () => {
    expect((await fx.fail('[{"a":1}]', 'json', { types: { zz: 'text' } })).error.code).toBe('UNKNOWN_COLUMN');
  });
});
