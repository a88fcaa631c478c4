import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { inputError, type ReadOptions } from '@autopipe/core';
import { fileError } from '@autopipe/ingest';
import { sniffDelimiter } from './sniff-delimiter.js';

/** File extensions read as delimited text. */
export const EXTENSIONS = ['csv', 'tsv', 'txt'] as const;

/** Bytes `head` reads: enough of the file to hold any realistic header line. */
export const HEAD_BYTES = 64 * 1024;

/** The extension of a path or `file:` URL, lower-cased and without the dot. */
export function extensionOf(source: string): string {
  const path = /^file:/i.test(source) ? source.replace(/[?#].*$/, '') : source;
  return extname(path).slice(1).toLowerCase();
}

/** The first `HEAD_BYTES` of the file (or all of a smaller one). */
export async function head(path: string, source: string): Promise<Buffer> {
  try {
    const fd = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fd.read(buf, 0, HEAD_BYTES, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fd.close();
    }
  } catch (e) {
    throw fileError(e, source);
  }
}

/** The delimiter to read `source` with: the option when given (checked), tab for .tsv, else sniffed from the header. */
export async function chooseDelimiter(path: string, source: string, options: ReadOptions): Promise<string> {
  if (options.delimiter !== undefined) {
    if (options.delimiter === '' || /[\r\n"]/.test(options.delimiter)) {
      throw inputError('INVALID_ARGUMENT', `Delimiter ${JSON.stringify(options.delimiter)} for ${source} is not usable; pass a character such as "," ";" "\\t" or "|".`, { file: source });
    }
    return options.delimiter;
  }
  if (extensionOf(source) === 'tsv') return '\t';
  return sniffDelimiter((await head(path, source)).toString('utf8').replace(/^\uFEFF/, ''));
}
