/**
 * Shared building blocks for autopipe ingestors: missing markers, cell parsers, datetime normalization, type
 * inference and column builders that keep numbers in typed arrays.
 */
export { DEFAULT_MISSING, missingTest } from './missing.js';
export { parseBoolean, parseLooseBoolean, parseNumber } from './parse-cell.js';
export { formatIso, isoFromEpochMs, isDayFirst, isUnambiguous, newEvidence, normalizeDatetime, normalizeWithPatterns, noteDatetime, type DatetimeEvidence } from './datetime.js';
export { DEFAULT_INFER_OPTIONS, inferBooleanType, inferNumericType, inferStrings, inferType, NumericSummary, type InferOptions, type StringInference } from './infer-types.js';
export { conversionError, toColumn, type CellLocator } from './to-column.js';
export { booleansToStrings, columnFromBooleans, columnFromNumbers, columnFromStrings, numbersToStrings } from './infer-column.js';
export { columnFromCodes, decodeNumbers, expandCodes } from './code-column.js';
export { GrowableFloat64 } from './growable.js';
export { StringInterner } from './interner.js';
export { ValueColumnBuilder } from './value-column.js';
export { CellColumnBuilder } from './cell-column.js';
export { checkTypeOverrides } from './overrides.js';
export { readSourceFile, sourceStat, toPath, fileError } from './source-file.js';
export { TextChecker } from './text-check.js';
export { quoteTableName, splitQualifiedName } from './quote-identifier.js';
export { finishColumns, startColumns, type SqlKind } from './sql-columns.js';
export { BatchTypes, checkBatchRows, DEFAULT_BATCH_ROWS } from './batch-types.js';
