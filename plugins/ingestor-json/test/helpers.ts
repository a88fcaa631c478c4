import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { AutopipeError, defaultContext, type Frame, type ReadOptions } from '@autopipe/core';
import { jsonIngestor } from '../src/json-ingestor.js';

/** A temp directory removed after the file's tests, with helpers to write a file and read or fail on it. */
export function fixtureDir() {
  const dir = mkdtempSync(join(tmpdir(), 'autopipe-json-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const write = (content: string | Buffer, ext = 'json'): string => {
    const path = join(dir, `f${n++}.${ext}`);
    writeFileSync(path, content);
    return path;
  };
  const read = (content: string | Buffer, ext = 'json', options: ReadOptions = {}): Promise<Frame> => jsonIngestor.read(write(content, ext), options, defaultContext(1));
  const fail = async (content: string | Buffer, ext = 'json', options: ReadOptions = {}): Promise<{ error: AutopipeError; path: string }> => {
    const path = write(content, ext);
    const error = await jsonIngestor.read(path, options, defaultContext(1)).then(
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
