import { open } from 'node:fs/promises';
import { TextChecker } from '@autopipe/ingest';
import { SpacedQuotes } from './spaced-quotes.js';

const CHUNK = 1 << 20;

/**
 * Whether DuckDB's reading of a whole file can be trusted, from checks over its bytes run alongside DuckDB:
 * it must pass the UTF-8 / not-binary checks the csv-parse reader applies chunk by chunk (DuckDB reads NUL
 * bytes, for one), and have no quote spaced off its field boundary (see `SpacedQuotes`). When this fails, the
 * csv-parse reader runs and reports any problem in its usual words.
 *
 * The file is read into one reused buffer: a read stream allocates a new megabyte per chunk, and that much
 * memory outside the JS heap (hundreds of MB for a large file) makes V8 collect garbage over and over, on the
 * thread that also takes in DuckDB's rows.
 */
export async function isPlainText(path: string, source: string, delimiter: string): Promise<boolean> {
  const checker = new TextChecker(source);
  const quotes = new SpacedQuotes(delimiter.length === 1 ? delimiter.charCodeAt(0) : -1);
  let file: Awaited<ReturnType<typeof open>> | null = null;
  try {
    file = await open(path, 'r');
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      checker.check(chunk);
      quotes.check(chunk);
      if (quotes.found) return false;
    }
    checker.end();
    quotes.end();
    return !quotes.found;
  } catch {
    return false;
  } finally {
    await file?.close().catch(() => undefined);
  }
}
