import { extname } from 'node:path';
import { csvSink } from './csv-sink.js';
import { parquetSink } from './parquet-sink.js';
import { postgresSink } from './postgres-sink.js';
import type { PredictionSink } from './prediction-sink.js';
import { parsePostgresOut, parseSqliteOut } from './sql-target.js';
import { sqliteSink } from './sqlite-sink.js';

/**
 * The sink for `--out`: `sqlite:path.db?table=t`, `postgres://...?table=t`, a `.parquet` file, or CSV (any other
 * file name, or stdout when `out` is undefined).
 */
export function openSink(out: string | undefined): PredictionSink {
  if (out === undefined) return csvSink(undefined);
  if (/^sqlite:/i.test(out)) return sqliteSink(parseSqliteOut(out));
  if (/^postgres(?:ql)?:\/\//i.test(out)) return postgresSink(parsePostgresOut(out));
  if (extname(out).toLowerCase() === '.parquet') return parquetSink(out);
  return csvSink(out);
}
