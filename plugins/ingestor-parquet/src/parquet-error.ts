import { inputError, isAutopipeError } from '@autopipe/core';

/** A reader failure as a one-line PARSE_ERROR naming the file, with what to do. */
export function parseError(e: unknown, source: string) {
  if (isAutopipeError(e)) return e;
  const reason = String((e as Error)?.message ?? e).split('\n')[0];
  const hint = /compression|codec/i.test(reason)
    ? 're-write it with snappy compression or none'
    : 'check that the file is complete (a truncated copy or a partial download is the usual cause) and is Parquet';
  return inputError('PARSE_ERROR', `${source} cannot be read as Parquet (${reason}); ${hint}.`, { file: source });
}
