import { describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, type ColumnType } from '@autopipe/core';
import { collectStream, frameRows } from '@autopipe/testkit';
import { jsonIngestor } from '../src/json-ingestor.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();
const ctx = defaultContext(1);
const TYPES: Record<string, ColumnType> = { id: 'id', age: 'numeric', city: 'categorical', member: 'boolean', joined: 'datetime' };

function rows(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    ...(i % 17 === 0 ? {} : { age: 18 + ((i * 7) % 60) + (i % 3) * 0.5 }),
    city: ['Paris', 'Lyon', 'Nice', null][i % 4],
    member: i % 5 === 0,
    joined: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
}
const ndjson = (r: Record<string, unknown>[]) => r.map((x) => JSON.stringify(x)).join('\n') + '\n';

async function failure(p: Promise<unknown>): Promise<AutopipeError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof AutopipeError)) throw new Error(`expected an AutopipeError, got ${String(e)}`);
  return e;
}

describe('json stream', () => {
  it('NDJSON and JSON arrays: batches concatenated equal read (types given), with the requested batch sizes', async () => {
    const data = rows(30_000);
    for (const path of [fx.write(ndjson(data), 'big.ndjson'), fx.write(JSON.stringify(data), 'big.json')]) {
      const got = await collectStream(jsonIngestor, path, { types: TYPES, batchRows: 7000 }, ctx);
      expect(got.batches, path).toEqual([7000, 7000, 7000, 7000, 2000]);
      expect({ names: got.names, types: got.types, columns: got.columns }, path).toEqual(frameRows(await jsonIngestor.read(path, { types: TYPES }, ctx)));
    }
  });

  it('without types, later batches keep the first batch types', async () => {
    const path = fx.write(ndjson(rows(2000)), 'plain.ndjson');
    const got = await collectStream(jsonIngestor, path, { batchRows: 800 }, ctx);
    const whole = frameRows(await jsonIngestor.read(path, {}, ctx));
    expect(got.batches).toEqual([800, 800, 400]);
    expect(got.types).toEqual(whole.types);
    expect(got.columns).toEqual(whole.columns);
  });

  it('a syntax error or a non-object row in a later batch names its line', async () => {
    const lines = ndjson(rows(500)).split('\n');
    lines[349] = '{"id": 350, "age": }';
    const err = await failure(collectStream(jsonIngestor, fx.write(lines.join('\n'), 'bad.ndjson'), { batchRows: 100 }, ctx));
    expect(err.code).toBe('PARSE_ERROR');
    expect(err.message).toContain('line 350');
    lines[349] = '[1, 2]';
    const notObject = await failure(collectStream(jsonIngestor, fx.write(lines.join('\n'), 'array-row.ndjson'), { batchRows: 100 }, ctx));
    expect(notObject.message).toContain('line 350');
  });

  it('a key first seen after the first batch is refused naming the line; a bad cell names its row', async () => {
    const data = rows(300);
    (data[250] as Record<string, unknown>).extra = 1;
    const err = await failure(collectStream(jsonIngestor, fx.write(ndjson(data), 'late.ndjson'), { batchRows: 100 }, ctx));
    expect(err.message).toContain('line 251: key "extra" first appears after the first 200 rows');
    const bad = rows(300);
    (bad[250] as Record<string, unknown>).age = 'old';
    const cell = await failure(collectStream(jsonIngestor, fx.write(ndjson(bad), 'cell.ndjson'), { batchRows: 100, types: { age: 'numeric' } }, ctx));
    expect(cell.message).toContain('column "age" is declared numeric but row 251 holds "old"');
  });
});
