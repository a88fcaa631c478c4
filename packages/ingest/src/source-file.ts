import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AutopipeError, inputError, isAutopipeError } from '@autopipe/core';

/** Turns a path or `file:` URL into a filesystem path. */
export function toPath(source: string): string {
  if (!/^file:/i.test(source)) return source;
  try {
    return fileURLToPath(source);
  } catch {
    throw inputError('FILE_NOT_FOUND', `${source} is not a valid file: URL; pass a local path or file:///absolute/path.`, { file: source });
  }
}

/** Maps a filesystem failure on `source` to a one-line input error naming it (passes AutopipeErrors through). */
export function fileError(e: unknown, source: string): AutopipeError {
  if (isAutopipeError(e)) return e as AutopipeError;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return inputError('FILE_NOT_FOUND', `${source} does not exist; check the path (relative paths start from ${process.cwd()}).`, { file: source });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return inputError('UNSUPPORTED_INPUT', `${source} cannot be read: permission denied; give your user read access (e.g. chmod a+r) or copy the file somewhere readable.`, { file: source, errno: code });
  }
  if (code === 'EISDIR') {
    return inputError('UNSUPPORTED_INPUT', `${source} is a directory, not a file; pass the path of a data file inside it.`, { file: source });
  }
  return inputError('UNSUPPORTED_INPUT', `${source} cannot be read (${code ?? (e as Error).message}); check that it is a readable file.`, { file: source, errno: code });
}

/** Stats a source file, failing with one-line errors for missing paths, directories and unreadable files. */
export async function sourceStat(source: string): Promise<{ path: string; info: Stats }> {
  const path = toPath(source);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw fileError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), source);
    return { path, info };
  } catch (e) {
    throw fileError(e, source);
  }
}

/** Reads a whole file, turning filesystem failures into input errors that name it. */
export async function readSourceFile(source: string): Promise<Buffer> {
  const { path } = await sourceStat(source);
  try {
    return await readFile(path);
  } catch (e) {
    throw fileError(e, source);
  }
}
