// Errors of remote fold jobs travel as plain strings: a worker thread's error is structured-cloned (which keeps the
// message but drops `code`), and BullMQ hands the coordinator only the message (`failedReason`). The code therefore
// rides at the start of the message, so the coordinator can tell the user's input problem (exit 1) from our bug.
import { AutopipeError, ERROR_CODES, isAutopipeError, type ErrorCode } from '@autopipe/core';

const MARK = /^\[autopipe:([A-Z_]+)\] /;

/** The error's message, prefixed with its AutopipeError code when it has one (`[autopipe:FILE_NOT_FOUND] ...`). */
export function markedMessage(e: unknown): string {
  if (isAutopipeError(e)) return `[autopipe:${e.code}] ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Splits a possibly marked message into its code (a known one only) and the message a person reads. */
export function unmark(text: string): { code?: ErrorCode; message: string } {
  const m = MARK.exec(text);
  if (!m || !Object.hasOwn(ERROR_CODES, m[1])) return { message: text };
  return { code: m[1] as ErrorCode, message: text.slice(m[0].length) };
}

/** A worker's failure as it goes on the queue: the machine that failed is named, the code is kept. */
export function workerFailure(e: unknown, where: string): Error {
  const { code, message } = unmark(markedMessage(e));
  const text = `on worker ${where}: ${message}`;
  return new Error(code ? `[autopipe:${code}] ${text}` : text);
}

/** The coordinator's side: a failed job's reason becomes an AutopipeError with the worker's code, else a plain Error. */
export function remoteError(failedReason: string, fallback: string): Error {
  const { code, message } = unmark(failedReason || fallback);
  return code ? new AutopipeError(code, message, { remote: true }) : new Error(message);
}
