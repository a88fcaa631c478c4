import { createReadStream } from 'node:fs';
import { isAutopipeError } from '@autopipe/core';
import { fileError, TextChecker } from '@autopipe/ingest';
import { isRow, jsonSyntaxError, notAnObject } from './json-error.js';
import type { RowColumns } from './row-columns.js';

const CHUNK_BYTES = 1 << 20;

/** Streams newline-delimited JSON into `columns`, one object per line; blank lines are skipped. */
export async function readNdjson(path: string, source: string, columns: RowColumns): Promise<void> {
  const chunks = ndjsonChunks(path, source, (row) => columns.add(row));
  while (!(await chunks.next()).done);
}

/**
 * Parses newline-delimited JSON, handing each object and its line to `add` and pausing after each 1 MiB chunk
 * of the file, so a streaming caller can hand out the rows collected before reading on.
 */
export async function* ndjsonChunks(path: string, source: string, add: (row: Record<string, unknown>, line: number) => void): AsyncGenerator<void> {
  const checker = new TextChecker(source);
  let carry: Buffer | null = null;
  let line = 0;
  const handle = (buf: Buffer, start: number, end: number) => {
    line++;
    const text = buf.toString('utf8', start, end).trim();
    if (text === '' || (line === 1 && text === '\uFEFF')) return;
    let value: unknown;
    try {
      value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (e) {
      throw jsonSyntaxError(e, source, '', line);
    }
    if (!isRow(value)) throw notAnObject(source, `line ${line}`, value);
    add(value, line);
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      checker.check(chunk);
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, start)) {
        handle(buf, start, nl);
        start = nl + 1;
      }
      carry = start < buf.length ? buf.subarray(start) : null;
      yield;
    }
    checker.end();
    if (carry) handle(carry, 0, carry.length);
  } catch (e) {
    if (isAutopipeError(e)) throw e;
    throw fileError(e, source);
  }
}
