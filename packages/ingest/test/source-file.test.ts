import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTypeOverrides } from '../src/overrides.js';
import { fileError, readSourceFile, sourceStat } from '../src/source-file.js';

const dir = mkdtempSync(join(tmpdir(), 'autopipe-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('source files', () => {
  it('reads paths and file: URLs', async () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'hi');
    expect((await readSourceFile(pathToFileURL(path).href)).toString()).toBe('hi');
    expect((await sourceStat(path)).info.size).toBe(2);
  });

  it('missing files, directories and permission errors are one-line input errors naming the source', async () => {
    await expect(sourceStat(join(dir, 'nope.json'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.json') });
    await expect(sourceStat(dir)).rejects.toMatchObject({ code: 'UNSUPPORTED_INPUT', message: expect.stringContaining('is a directory') });
    // Tests run as root here, where chmod 000 does not deny reads, so the mapping is checked directly.
    const denied = fileError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), 'secret.csv');
    expect(denied.code).toBe('UNSUPPORTED_INPUT');
    expect(denied.message).toBe('secret.csv cannot be read: permission denied; give your user read access (e.g. chmod a+r) or copy the file somewhere readable.');
  });

  it('type overrides must name existing columns', () => {
    expect(() => checkTypeOverrides(['a', 'b'], { a: 'text' }, 's')).not.toThrow();
    expect(() => checkTypeOverrides(['a', 'b'], { zz: 'text' }, 's')).toThrow(/Type overrides name "zz", not in s; its columns are: a, b\./);
  });
});
