/**
 * Stable error codes. Codes are part of the public API: tools match on them, so never rename one.
 * `input` errors are the user's to fix (exit code 1); `internal` ones are ours (exit code 2).
 */
export const ERROR_CODES = {
  FILE_NOT_FOUND: 'input',
  EMPTY_FILE: 'input',
  NO_ROWS: 'input',
  RAGGED_ROW: 'input',
  PARSE_ERROR: 'input',
  UNKNOWN_COLUMN: 'input',
  UNKNOWN_TABLE: 'input',
  CONNECTION_FAILED: 'input',
  QUERY_FAILED: 'input',
  SINGLE_CLASS_TARGET: 'input',
  MISSING_TARGET: 'input',
  INVALID_ARGUMENT: 'input',
  INVALID_PARAMS: 'input',
  UNSUPPORTED_INPUT: 'input',
  UNSUPPORTED_TASK: 'input',
  SCHEMA_MISMATCH: 'input',
  MODEL_NOT_FOUND: 'input',
  MODEL_INCOMPATIBLE: 'input',
  UNKNOWN_PLUGIN: 'input',
  PLUGIN_MANIFEST: 'input',
  DUPLICATE_KEY: 'input',
  BUDGET_EXHAUSTED: 'input',
  /** A fit stopped because its own pace showed it could not finish by the caller's `finishBy` (see `checkPace`). */
  TOO_SLOW: 'input',
  EXPORT_UNSUPPORTED: 'input',
  NOT_FITTED: 'internal',
  INTERNAL: 'internal',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorCategory = (typeof ERROR_CODES)[ErrorCode];

/** The one error type autopipe throws on purpose; anything else reaching the CLI is a bug. */
export class AutopipeError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  /** Structured facts about the failure (file, row, column, ...) for `--json` output. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AutopipeError';
    this.code = code;
    this.category = ERROR_CODES[code];
    this.details = details;
  }
}

export function isAutopipeError(e: unknown): e is AutopipeError {
  return e instanceof AutopipeError || (e instanceof Error && e.name === 'AutopipeError' && 'code' in e);
}

/** Shorthand for an input error: the user can fix it. */
export function inputError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): AutopipeError {
  return new AutopipeError(code, message, details);
}
