import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { AutopipeError, defaultContext, type Frame, type ReadOptions } from '@autopipe/core';
import { sqliteIngestor } from '../src/sqlite-ingestor.js';

/** A temp directory removed after the file's tests, with helpers to build databases and read them. */
export function fixtureDir() {
  const dir = mkdtempSync(join(tmpdir(), 'autopipe-sqlite-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  /** Creates a database file by running `setup`, returning its path. */
  const db = (setup: (db: Database.Database) => void, name = `d${n++}.sqlite`): string => {
    const path = join(dir, name);
    const d = new Database(path);
    try {
      setup(d);
    } finally {
      d.close();
    }
    return path;
  };
  const read = (source: string, options: ReadOptions = {}): Promise<Frame> => sqliteIngestor.read(source, options, defaultContext(1));
  const fail = async (source: string, options: ReadOptions = {}): Promise<AutopipeError> => {
    const error = await read(source, options).then(
      () => {
        throw new Error(`expected ${source} to fail`);
      },
      (e: unknown) => e,
    );
    if (!(error instanceof AutopipeError)) throw error;
    return error;
  };
  return { dir, db, read, fail };
}

/** An error message must be one line and never show a stack. */
export function expectOneLine(e: Error): void {
  if (e.message.includes('\n') || /\bat .+:\d+:\d+/.test(e.message)) throw new Error(`not a one-line message: ${e.message}`);
}
