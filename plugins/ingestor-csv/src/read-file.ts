import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inputError, isAutopipeError } from '@autopipe/core';

/** Turns a path or `file:` URL into a filesystem path. */
export function toPath(source: string): string {
  if (!/^file:/i.test(source)) return source;
  try {
    return fileURLToPath(source);
  } catch {
    throw inputError('FILE_NOT_FOUND', `${source} is not a valid file: URL; pass a local path or file:///absolute/path.csv.`, { file: source });
  }
}

/** Reads a whole file, turning filesystem failures into input errors that name it. */
export async function readSourceFile(source: string): Promise<Buffer> {
  const path = toPath(source);
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw inputError('UNSUPPORTED_INPUT', `${source} is a directory, not a file; pass the path of a CSV file inside it.`, { file: source });
    }
    return await readFile(path);
  } catch (e) {
    if (isAutopipeError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw inputError('FILE_NOT_FOUND', `${source} does not exist; check the path (relative paths start from ${process.cwd()}).`, { file: source });
    }
    throw inputError('UNSUPPORTED_INPUT', `${source} cannot be read (${code ?? (e as Error).message}); check its permissions.`, { file: source, errno: code });
  }
}
