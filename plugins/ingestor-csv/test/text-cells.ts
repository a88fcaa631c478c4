import { expect } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { missingTest } from '@autopipe/ingest';
import { ChunkVectors } from '../src/duckdb-chunk.js';
import { TextCells, type Cell, type TextSink } from '../src/duckdb-vectors.js';

/** A cell as a sink receives it: text (null when missing), or an ISO datetime built from the bytes. */
export type Got = Cell | ['iso', string];

/**
 * The cells ('\0' for a NULL) as `TextCells` hands them out, read from the three part vectors the CSV query makes of a
 * text column; one `read` call per range between the given cut points, so a test can make a batch be reused.
 */
export async function readTextCells(cells: readonly string[], cuts: readonly number[] = []): Promise<Got[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const values = cells.map((c) => (c === '\0' ? '(chr(0))' : `('${c.replace(/'/g, "''")}')`)).join(', ');
    const result = await connection.run(`SELECT substr(s, 1, 12), substr(s, 13, 12), substr(s, 25) FROM (VALUES ${values}) t(s)`);
    const v = new ChunkVectors((await result.fetchChunk())!);
    const got: Got[] = [];
    const sink: TextSink = {
      coded: false,
      pushCodes: () => expect.unreachable(),
      push: (cell) => got.push(cell),
      pushIso: (iso) => got.push(['iso', iso]),
      toStrings: () => undefined,
    };
    const parts = [0, 1, 2].map((k) => v.strings(k));
    const text = new TextCells(missingTest(), true);
    const bounds = [0, ...cuts, cells.length];
    for (let i = 1; i < bounds.length; i++) text.read(parts, bounds[i - 1], bounds[i], sink);
    return got;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
