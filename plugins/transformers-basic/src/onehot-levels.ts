/** Level names and output column names of `encode.onehot`, shared by its transform and its ONNX export. */

/** Level that collects rare categories and categories never seen in training. */
export const OTHER = '__other__';
/** Level for missing cells (and for the literal string `__missing__`, which `impute.categorical` writes by default). */
export const MISSING = '__missing__';

/** The output column name for one level of a column. */
export function levelName(column: string, level: string): string {
  return `${column}=${level}`;
}
