import { createReadStream } from 'node:fs';
import { TextChecker } from '@autopipe/ingest';
import { SpacedQuotes } from './spaced-quotes.js';

/**
 * Whether DuckDB's reading of a whole file can be trusted, from checks over its bytes run alongside DuckDB:
 * it must pass the UTF-8 / not-binary checks the csv-parse reader applies chunk by chunk (DuckDB reads NUL
 * bytes, for one), and have no quote spaced off its field boundary (see `SpacedQuotes`). When this fails, the
 * csv-parse reader runs and reports any problem in its usual words.
 */
export async function isPlainText(path: string, source: string, delimiter: string): Promise<boolean> {
  const checker = new TextChecker(source);
  const quotes = new SpacedQuotes(delimiter.length === 1 ? delimiter.charCodeAt(0) : -1);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      checker.check(chunk);
      quotes.check(chunk);
      if (quotes.found) return false;
    }
    checker.end();
    quotes.end();
    return !quotes.found;
  } catch {
    return false;
  }
}
