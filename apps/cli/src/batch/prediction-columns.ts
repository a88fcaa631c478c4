import { inputError, type ColumnData, type Frame, type Prediction } from '@autopipe/core';

/** One output column: text (labels, string ids) or numbers (regression values, probabilities, numeric ids). */
export interface OutputColumn {
  readonly name: string;
  readonly kind: 'text' | 'number';
  readonly values: ArrayLike<string | number | null>;
}

/** The `--id` column of the input, checked to exist. */
export function idColumn(frame: Frame, id: string | undefined, source: string): { readonly name: string; readonly data: ColumnData } | undefined {
  if (id === undefined) return undefined;
  if (!frame.has(id)) {
    throw inputError('UNKNOWN_COLUMN', `--id ${id}: ${source} has no column "${id}"; its columns are: ${frame.names.join(', ')}.`, { column: id });
  }
  return { name: id, data: frame.column(id) };
}

/**
 * The columns written for a batch of predictions: the `--id` column first when asked, then `prediction`, then
 * `proba_<class>` per class with `--proba` (classification). Row order is the input's.
 */
export function predictionColumns(p: Prediction, proba: boolean, id?: { readonly name: string; readonly data: ColumnData }): OutputColumn[] {
  const out: OutputColumn[] = [];
  if (id) {
    const numeric = id.data instanceof Float64Array;
    const values = numeric ? Array.from(id.data as Float64Array, (x) => (x === x ? x : null)) : (id.data as readonly (string | null)[]);
    out.push({ name: id.name, kind: numeric ? 'number' : 'text', values });
  }
  if (p.kind === 'regression') {
    out.push({ name: 'prediction', kind: 'number', values: p.values });
    return out;
  }
  const k = p.classes.length;
  out.push({ name: 'prediction', kind: 'text', values: Array.from(p.labels, (l) => p.classes[l]) });
  if (proba) {
    for (let c = 0; c < k; c++) {
      const col = new Float64Array(p.labels.length);
      for (let i = 0; i < col.length; i++) col[i] = p.proba[i * k + c];
      out.push({ name: `proba_${p.classes[c]}`, kind: 'number', values: col });
    }
  }
  return out;
}

/** Rows (arrays of cells) of output columns, for CSV and JSON. */
export function outputRows(cols: readonly OutputColumn[]): (string | number | null)[][] {
  const n = cols.length > 0 ? cols[0].values.length : 0;
  const rows: (string | number | null)[][] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = cols.map((c) => c.values[i]);
  return rows;
}
