// One dataset written to every format autopipe reads must load as the same frame as its CSV: names, types,
// values and missing cells. Each format is a Writer; database ingestors (SQLite, Postgres) join by adding one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultContext, type Frame, type IngestorDefinition } from '@autopipe/core';
import { plugin as arrowPlugin } from '@autopipe/ingestor-arrow';
import { plugin as csvPlugin } from '@autopipe/ingestor-csv';
import { plugin as jsonPlugin } from '@autopipe/ingestor-json';
import { plugin as parquetPlugin } from '@autopipe/ingestor-parquet';
import { plugin as postgresPlugin } from '@autopipe/ingestor-postgres';
import { plugin as sqlitePlugin } from '@autopipe/ingestor-sqlite';
import { startServer, type TestServer } from '@autopipe/test-servers';

// The file writers are dev dependencies of the ingestor packages, not of the CLI; load them from there.
// (Adding @uwdata/flechette and hyparquet-writer as devDependencies of apps/cli would make these plain imports.)
const local = createRequire(import.meta.url);
const flechette = createRequire(local.resolve('@autopipe/ingestor-arrow/package.json'))('@uwdata/flechette') as Flechette;
const { parquetWriteBuffer } = (await import(createRequire(local.resolve('@autopipe/ingestor-parquet/package.json')).resolve('hyparquet-writer'))) as {
  parquetWriteBuffer: (o: { columnData: { name: string; data: unknown[]; type: string }[] }) => ArrayBuffer;
};

// better-sqlite3 is a dependency of the SQLite ingestor; the PostgreSQL server comes from @autopipe/test-servers.
const BetterSqlite = createRequire(local.resolve('@autopipe/ingestor-sqlite/package.json'))('better-sqlite3') as new (path: string) => SqliteDb;

interface SqliteDb {
  exec(sql: string): void;
  prepare(sql: string): { run(...values: unknown[]): void };
  close(): void;
}

/** The slice of @uwdata/flechette's API used here (its types are not visible from this package). */
interface Flechette {
  float64(): unknown;
  int32(): unknown;
  bool(): unknown;
  utf8(): unknown;
  timestamp(unit: number): unknown;
  TimeUnit: { MILLISECOND: number };
  tableFromArrays(data: Record<string, unknown[]>, options: { types: Record<string, unknown> }): unknown;
  tableToIPC(table: unknown, options: { format: 'file' | 'stream' }): Uint8Array | null;
}

type Cell = string | number | boolean | null;
const N = 40;
const T0 = Date.UTC(2024, 0, 31, 13, 45);
const CITIES = ['Zürich', '東京', 'São Paulo', 'Kraków'];

/** The dataset: every column kind the issue lists, missing cells in most, unicode in the strings. */
const DATA: Record<string, Cell[]> = {
  row: Array.from({ length: N }, (_, i) => i + 1),
  count: Array.from({ length: N }, (_, i) => (i % 7 === 3 ? null : (i * 13) % 17)),
  price: Array.from({ length: N }, (_, i) => (i % 9 === 4 ? null : Math.round(i * 37.25 - 300) / 8)),
  member: Array.from({ length: N }, (_, i) => (i % 11 === 5 ? null : i % 3 === 0)),
  colour: Array.from({ length: N }, (_, i) => (i % 8 === 6 ? null : ['rot', 'grün', 'blau'][i % 3])),
  city: Array.from({ length: N }, (_, i) => CITIES[(i * 3) % 4]),
  seen: Array.from({ length: N }, (_, i) => (i % 10 === 7 ? null : T0 + i * 5_400_000)),
  note: Array.from({ length: N }, (_, i) => (i === 12 ? null : `order ${i} arrived in ${CITIES[i % 4]} — "fine", thanks`)),
};
const KIND: Record<string, 'number' | 'boolean' | 'string' | 'timestamp'> = {
  row: 'number', count: 'number', price: 'number', member: 'boolean', colour: 'string', city: 'string', seen: 'timestamp', note: 'string',
};
const EXPECTED_TYPES = { row: 'id', count: 'numeric', price: 'numeric', member: 'boolean', colour: 'categorical', city: 'categorical', seen: 'datetime', note: 'text' };

/** Text of a cell for text formats; timestamps as `2024-01-31 13:45` (normalized by the reader). */
function text(name: string, v: Cell): string | null {
  if (v === null) return null;
  if (KIND[name] === 'timestamp') return new Date(v as number).toISOString().slice(0, 16).replace('T', ' ');
  return String(v);
}

function delimited(sep: string): string {
  const names = Object.keys(DATA);
  const quote = (s: string | null) => (s === null ? '' : /[",\t\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [names.join(sep)];
  for (let i = 0; i < N; i++) lines.push(names.map((c) => quote(text(c, DATA[c][i]))).join(sep));
  return lines.join('\n') + '\n';
}

function jsonRows(): Record<string, unknown>[] {
  return Array.from({ length: N }, (_, i) =>
    Object.fromEntries(Object.keys(DATA).flatMap((c): [string, unknown][] => {
      const v = DATA[c][i];
      if (v === null) return i % 2 ? [] : [[c, null]];
      return [[c, KIND[c] === 'timestamp' ? new Date(v as number).toISOString().slice(0, 19) : v]];
    })));
}

const SQL_TYPES = { number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', string: 'TEXT', timestamp: 'TIMESTAMP' };

/** DATA as one SQL table definition; `row` is an integer key, timestamps are written as text and cast by the column. */
function createTableSql(): string {
  const cols = Object.keys(DATA).map((c) => `"${c}" ${c === 'row' ? 'INTEGER' : SQL_TYPES[KIND[c]]}`);
  return `CREATE TABLE frame_data (${cols.join(', ')})`;
}

/** A cell as a SQL literal (booleans as TRUE/FALSE work in both SQLite 3.23+ and PostgreSQL). */
function sqlLiteral(name: string, v: Cell): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number' && KIND[name] !== 'timestamp') return String(v);
  return `'${text(name, v)!.replace(/'/g, "''")}'`;
}

function insertSql(): string {
  const names = Object.keys(DATA);
  const rows = Array.from({ length: N }, (_, i) => `(${names.map((c) => sqlLiteral(c, DATA[c][i])).join(', ')})`);
  return `INSERT INTO frame_data VALUES ${rows.join(', ')}`;
}

let pgServer: TestServer | undefined;
afterAll(async () => {
  await pgServer?.stop();
});

interface Writer {
  readonly name: string;
  readonly ingestor: IngestorDefinition;
  /** Writes DATA in this format into `dir` and returns the source to read. */
  write(dir: string): string | Promise<string>;
}

const file = (dir: string, name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** One writer per format; SQLite and PostgreSQL create a table from DATA (PostgreSQL on a real embedded server). */
const WRITERS: Writer[] = [
  { name: 'tsv', ingestor: csvPlugin.provides[0], write: (dir) => file(dir, 'data.tsv', delimited('\t')) },
  { name: 'json', ingestor: jsonPlugin.provides[0], write: (dir) => file(dir, 'data.json', JSON.stringify(jsonRows())) },
  { name: 'ndjson', ingestor: jsonPlugin.provides[0], write: (dir) => file(dir, 'data.ndjson', jsonRows().map((r) => JSON.stringify(r)).join('\n')) },
  {
    name: 'arrow',
    ingestor: arrowPlugin.provides[0],
    write: (dir) => {
      const f = flechette;
      const types = { number: f.float64(), boolean: f.bool(), string: f.utf8(), timestamp: f.timestamp(f.TimeUnit.MILLISECOND) };
      const table = f.tableFromArrays(DATA, { types: Object.fromEntries(Object.keys(DATA).map((c) => [c, c === 'row' ? f.int32() : types[KIND[c]]])) });
      return file(dir, 'data.arrow', f.tableToIPC(table, { format: 'file' })!);
    },
  },
  {
    name: 'parquet',
    ingestor: parquetPlugin.provides[0],
    write: (dir) => {
      const types = { number: 'DOUBLE', boolean: 'BOOLEAN', string: 'STRING', timestamp: 'TIMESTAMP' };
      const columnData = Object.keys(DATA).map((c) => ({
        name: c,
        type: c === 'row' ? 'INT32' : types[KIND[c]],
        data: KIND[c] === 'timestamp' ? DATA[c].map((v) => (v === null ? null : new Date(v as number))) : DATA[c],
      }));
      return file(dir, 'data.parquet', new Uint8Array(parquetWriteBuffer({ columnData })));
    },
  },
  {
    name: 'sqlite',
    ingestor: sqlitePlugin.provides[0],
    write: (dir) => {
      const path = join(dir, 'data.sqlite');
      const db = new BetterSqlite(path);
      db.exec(createTableSql());
      db.exec(insertSql());
      db.close();
      return `sqlite:${path}?table=frame_data`;
    },
  },
  {
    name: 'postgres',
    ingestor: postgresPlugin.provides[0],
    write: async () => {
      pgServer = await startServer();
      await pgServer.exec(`${createTableSql()}; ${insertSql()}`);
      return pgServer.url({ table: 'frame_data' });
    },
  },
];

function snapshot(f: Frame) {
  return f.schema.map((c) => ({ name: c.name, type: c.type, values: Array.from(f.column(c.name) as ArrayLike<unknown>) }));
}

describe('the same table from every format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'autopipe-same-frame-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = defaultContext(1);
  let reference: ReturnType<typeof snapshot>;

  it('csv: the reference frame has the expected types and values', async () => {
    const csv = await csvPlugin.provides[0].read(file(dir, 'data.csv', delimited(',')), {}, ctx);
    expect(Object.fromEntries(csv.schema.map((c) => [c.name, c.type]))).toEqual(EXPECTED_TYPES);
    expect(csv.strings('seen')[1]).toBe('2024-01-31T15:15:00');
    expect(csv.strings('seen')[7]).toBeNull();
    expect(csv.numeric('price')[4]).toBeNaN();
    expect(csv.strings('city')[1]).toBe('Kraków');
    reference = snapshot(csv);
  });

  for (const w of WRITERS) {
    it(`${w.name} gives the same frame as csv (names, types, values, missing cells)`, async () => {
      const source = await w.write(dir);
      expect(w.ingestor.canRead(source)).toBe(true);
      const f = await w.ingestor.read(source, {}, ctx);
      expect(snapshot(f)).toEqual(reference);
    }, 120_000);
  }
});
