import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { AutopipeError, defaultContext, type Frame, type ReadOptions } from '@autopipe/core';
import { csvIngestor } from '../src/csv-ingestor.js';

/** A temp directory removed after the file's tests, and helpers to write and read files in it. */
export function fixtureDir() {
  const dir = mkdtempSync(join(tmpdir(), 'autopipe-csv-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const write = (content: string | Buffer, name = `f${n++}.csv`): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const read = (content: string | Buffer, options: ReadOptions = {}, name?: string): Promise<Frame> =>
    csvIngestor.read(write(content, name), options, defaultContext(1));
  const fail = async (content: string | Buffer, options: ReadOptions = {}, name?: string): Promise<{ error: AutopipeError; path: string }> => {
    const path = write(content, name);
    const error = await csvIngestor.read(path, options, defaultContext(1)).then(
      () => {
        throw new Error(`expected ${path} to fail`);
      },
      (e: unknown) => e,
    );
    if (!(error instanceof AutopipeError)) throw error;
    return { error, path };
  };
  return { dir, write, read, fail };
}
