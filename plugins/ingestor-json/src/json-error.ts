import { inputError } from '@autopipe/core';

/** Turns a JSON.parse failure into a one-line PARSE_ERROR naming the file and line. */
export function jsonSyntaxError(e: unknown, source: string, text: string, firstLine: number) {
  const message = (e as Error).message;
  const pos = /position (\d+)/.exec(message);
  let line = firstLine;
  if (pos) for (let i = 0, end = Number(pos[1]); i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/^JSON\.parse: /, '');
  return inputError('PARSE_ERROR', `${source} line ${line}: invalid JSON (${reason}); fix the syntax, or check that the file is complete.`, { file: source, line });
}

/** The error for a row that is not a JSON object. */
export function notAnObject(source: string, where: string, value: unknown) {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return inputError('PARSE_ERROR', `${source} ${where}: expected an object with one key per column, found ${kind}; each row must be {"column": value, ...}.`, { file: source });
}

export function isRow(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
