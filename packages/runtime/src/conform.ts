import { Frame, inputError, isNumericType, type ColumnSchema, type Logger, type NamedColumn } from '@autopipe/core';

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

function toNumbers(name: string, type: 'numeric' | 'boolean', values: readonly (string | null)[], where: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) { out[i] = NaN; continue; }
    const s = v.trim().toLowerCase();
    const num = type === 'boolean' ? (TRUE.has(s) ? 1 : FALSE.has(s) ? 0 : NaN) : s === '' ? NaN : Number(s);
    if (Number.isNaN(num) && s !== '') {
      throw inputError('SCHEMA_MISMATCH', `${where}column "${name}" was ${type} in training, but data row ${i + 1} holds "${v}". Fix the value or leave the cell empty.`, { column: name, row: i + 1, value: v });
    }
    out[i] = num;
  }
  return out;
}

function toStrings(values: Float64Array): (string | null)[] {
  return Array.from(values, (v) => (Number.isNaN(v) ? null : String(v)));
}

/**
 * Makes new data look like the training data: the training feature columns, in training order, with
 * training types. Missing columns are an error naming them; extra columns are ignored with a warning;
 * cells that cannot take the training type are an error naming the column, row and value.
 */
export function conformFrame(frame: Frame, schema: readonly ColumnSchema[], logger: Logger, options: { source?: string; ignore?: readonly string[] } = {}): Frame {
  const where = options.source ? `${options.source}: ` : '';
  const missing = schema.filter((c) => !frame.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw inputError('SCHEMA_MISMATCH', `${where}missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} that the model was trained on; add ${missing.length > 1 ? 'them' : 'it'} (empty cells are allowed).`, { columns: missing });
  }
  const known = new Set([...schema.map((c) => c.name), ...(options.ignore ?? [])]);
  const extra = frame.names.filter((n) => !known.has(n));
  if (extra.length) logger.warn(`${where}ignoring column${extra.length > 1 ? 's' : ''} not used by the model: ${extra.join(', ')}`);
  const cols: NamedColumn[] = schema.map((c) => {
    const data = frame.column(c.name);
    if (isNumericType(c.type)) {
      return { schema: c, data: data instanceof Float64Array ? data : toNumbers(c.name, c.type as 'numeric' | 'boolean', data, where) };
    }
    return { schema: c, data: data instanceof Float64Array ? toStrings(data) : data };
  });
  return Frame.fromColumns(cols);
}
