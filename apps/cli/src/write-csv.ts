import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ColumnData, Prediction } from '@autopipe/core';
import { outputRows, predictionColumns } from './batch/prediction-columns.js';

/** Prediction rows as CSV: `prediction`, then `proba_<class>` columns when asked (the `--id` column first). Row order is the input's. */
export function predictionCsv(p: Prediction, proba: boolean, id?: { readonly name: string; readonly data: ColumnData }, header = true): string {
  const cols = predictionColumns(p, proba, id);
  const rows = outputRows(cols);
  return stringify(header ? [cols.map((c) => c.name), ...rows] : rows);
}

/** Writes a file atomically: a temp file beside it, then a rename. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
