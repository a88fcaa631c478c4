import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultContext } from '@autopipe/core';
import { csvIngestor } from '../src/csv-ingestor.js';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();

describe('csv ingestor errors', () => {
  it('a missing file is FILE_NOT_FOUND naming it, for paths and file: URLs', async () => {
    for (const source of [join(fx.dir, 'nope.csv'), `file://${join(fx.dir, 'nope.csv')}`]) {
      const err = await csvIngestor.read(source, {}, defaultContext()).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'AutopipeError', code: 'FILE_NOT_FOUND' });
      expect((err as Error).message).toContain('nope.csv');
    }
  });

  it('a directory is rejected naming it', async () => {
    const dir = join(fx.dir, 'folder.csv');
    mkdirSync(dir);
    const err = await csvIngestor.read(dir, {}, defaultContext()).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AutopipeError', code: 'UNSUPPORTED_INPUT' });
    expect((err as Error).message).toContain('folder.csv');
    expect((err as Error).message).toContain('directory');
  });

  it('an empty or blank file is EMPTY_FILE', async () => {
    for (const content of ['', '\n\n  \r\n', '\uFEFF']) {
      const { error, path } = await fx.fail(content);
      expect(error.code).toBe('EMPTY_FILE');
      expect(error.message).toContain(path);
    }
  });

  it('a header without rows is NO_ROWS', async () => {
    for (const content of ['a,b,c', 'a,b,c\n', 'a,b,c\r\n\r\n\n']) {
      const { error, path } = await fx.fail(content);
      expect(error.code).toBe('NO_ROWS');
      expect(error.message).toContain(path);
    }
  });

  it('a ragged row is RAGGED_ROW with its line and both field counts', async () => {
    const { error, path } = await fx.fail('a,b,c\n1,2,3\n\n4,5,6\n7,8\n9,10,11\n');
    expect(error.code).toBe('RAGGED_ROW');
    expect(error.message).toContain(path);
    expect(error.message).toContain('line 5');
    expect(error.message).toMatch(/found 2 fields but the header has 3/);
    expect(error.details).toMatchObject({ line: 5, expected: 3, found: 2 });
    expect(error.message).not.toContain('\n');
  });

  it('ragged-row line numbers count quoted newlines and CRLF correctly', async () => {
    const { error } = await fx.fail('a,b\r\n"x\r\ny",1\r\n2,3\r\n4,5,6\r\n');
    expect(error.code).toBe('RAGGED_ROW');
    expect(error.details).toMatchObject({ line: 5, expected: 2, found: 3 });
  });

  it('a blank header name is PARSE_ERROR naming the column position', async () => {
    const { error, path } = await fx.fail('a,,c\n1,2,3\n');
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toContain(path);
    expect(error.message).toContain('column 2');
  });

  it('a duplicate header name is PARSE_ERROR naming it', async () => {
    const { error } = await fx.fail('id,x,id\n1,2,3\n');
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toContain('"id" appears twice');
  });

  it('an unclosed quote is PARSE_ERROR with the line where the record starts', async () => {
    const { error, path } = await fx.fail('a,b\n1,2\n3,"oops\n5,6\n7,8\n');
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toContain(path);
    expect(error.message).toContain('line 3');
    expect(error.message).toContain('never closed');
    expect(error.stack).not.toContain('csv-parse');
  });

  it('unknown columns in type overrides are UNKNOWN_COLUMN naming them', async () => {
    const { error } = await fx.fail('a,b\n1,2\n', { types: { zz: 'numeric', a: 'text', yy: 'boolean' } });
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.message).toContain('"zz", "yy"');
    expect(error.message).not.toContain('"a"');
  });

  it('an override that does not convert names the column, row, line and value', async () => {
    const { error, path } = await fx.fail('a,b\n1,x\n2,3.5\n\n3,abc\n', { types: { b: 'numeric' } });
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toContain(path);
    expect(error.message).toContain('column "b"');
    expect(error.message).toContain('row 1 (line 2)');
    expect(error.message).toContain('"x"');
    const bool = await fx.fail('a,b\n1,true\n2,maybe\n', { types: { b: 'boolean' } });
    expect(bool.error.message).toContain('row 2 (line 3)');
    expect(bool.error.message).toContain('"maybe"');
  });

  it('an unusable delimiter option is INVALID_ARGUMENT', async () => {
    const { error } = await fx.fail('a,b\n1,2\n', { delimiter: '' });
    expect(error.code).toBe('INVALID_ARGUMENT');
  });
});
