import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Prediction } from '@autopipe/core';

/** Prediction rows as CSV: `prediction`, then `proba_<class>` columns when asked. Row order is the input's. */
export function predictionCsv(p: Prediction, proba: boolean): string {
  const header = ['prediction'];
  const rows: (string | number)[][] = [];
  if (p.kind === 'regression') {
    for (const v of p.values) rows.push([v]);
  } else {
    const k = p.classes.length;
    if (proba) header.push(...p.classes.map((c) => `proba_${c}`));
    for (let i = 0; i < p.labels.length; i++) {
      const row: (string | number)[] = [p.classes[p.labels[i]]];
      if (proba) for (let c = 0; c < k; c++) row.push(p.proba[i * k + c]);
      rows.push(row);
    }
  }
  return stringify([header, ...rows]);
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
