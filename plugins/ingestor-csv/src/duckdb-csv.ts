import { createRequire } from 'node:module';
import type { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, DuckDBResult } from '@duckdb/node-api';

// The package is CommonJS: require() loads it without the ESM loader lexing its sources for named exports, which
// took longer than DuckDB's start-up (about 100 ms of a read). Loaded on first use, so small files never pay for it.
const load = () => createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

/** How DuckDB is told to read the file: the dialect our csv-parse reading uses, nothing guessed. */
export interface DuckCsvOptions {
  readonly delimiter: string;
  /** Missing markers, trimmed; DuckDB compares them with the raw field, so padded markers fail a numeric cast. */
  readonly markers: readonly string[];
  /** Columns (0-based positions) read as text whatever DuckDB would detect. */
  readonly text?: ReadonlySet<number>;
  /**
   * How a failure is caught (a streamed DuckDB result that fails just ends, like a complete one): `rejects`
   * skips bad rows into a rejects table checked at the end (no extra cost, but rows after a bad one are
   * still returned), `count` counts the records first and checks the rows returned against it (a second
   * pass, but everything returned before a failure is right, which a stream that has handed out batches needs).
   */
  readonly check: 'rejects' | 'count';
  /** Bytes of result DuckDB may hold ready (`streaming_buffer_size`), or undefined for DuckDB's default (about 1 MB). */
  readonly readAhead?: number;
}

const REJECTS = 'autopipe_rejects';

/** Result vectors per text column. */
export const TEXT_PARTS = 3;

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * One streaming `read_csv` query over a delimited file. Column types are left to DuckDB's sniffer but limited
 * to DOUBLE and VARCHAR, then pinned for every later query: a DOUBLE column's cells are numbers to both DuckDB
 * and `parseNumber` (DuckDB accepts a subset of what we do, plus inf/nan, which `NumberBuffer` refuses), and
 * every other column comes back as text for our own inference, so booleans, dates and leading zeros are
 * decided by our rules. Missing numbers are read off the DOUBLE vectors' validity masks; missing text is "\0"
 * (a NUL byte never reaches a successful read: the text check rejects it), so text needs no mask.
 * DuckDB keeps strings of up to 12 bytes inside the vector, where we decode them without a native call per
 * cell (see duckdb-vectors.ts); a text column with longer cells among its first rows comes as `TEXT_PARTS`
 * vectors (characters 1–12, 13–24, the rest), as splitting costs DuckDB less than fetching each long cell
 * costs us. The header is forced, comment lines are off, and anything DuckDB cannot read the same way
 * (ragged rows, mixed line endings, a late cell that does not cast) is an error — from `open` or `verify` —
 * that the caller answers by reading with csv-parse instead.
 */
export class DuckCsv {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly result: DuckDBResult,
    /** Rows the query must return, counted alongside on another connection (count check), or null (rejects check). */
    private readonly expected: Counting | null,
    /** Column names as DuckDB has them (only used to address columns in the query). */
    readonly names: readonly string[],
    /** Whether each column is DOUBLE (else text). */
    readonly numeric: readonly boolean[],
    /** Result vectors of each column: 1, or `TEXT_PARTS` for a text column with long cells. */
    readonly parts: readonly number[],
  ) {}

  static async open(path: string, options: DuckCsvOptions): Promise<DuckCsv> {
    const { DuckDBInstance } = load();
    const instance = await DuckDBInstance.create(':memory:');
    let connection: DuckDBConnection | null = null;
    let expected: Counting | null = null;
    try {
      connection = await instance.connect();
      if (options.readAhead !== undefined) await connection.run(`SET streaming_buffer_size = '${Math.round(options.readAhead / 1024)}KiB'`);
      const base = [
        literal(path),
        'header = true',
        `delim = ${literal(options.delimiter)}`,
        `quote = '"'`,
        `escape = '"'`,
        `comment = ''`,
        'skip = 0',
        'null_padding = false',
        `nullstr = [${options.markers.map(literal).join(', ')}]`,
        `auto_type_candidates = ['DOUBLE', 'VARCHAR']`,
      ];
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${base.join(', ')})`);
      const rows = described.getRows();
      const names = rows.map((r) => String(r[0]));
      const text = options.text ?? new Set<number>();
      const numeric = rows.map((r, j) => String(r[1]) === 'DOUBLE' && !text.has(j));
      // Every column's name and type is pinned and the sniffer is off, so later queries cannot sniff differently from
      // this one (nor spend the time: a sniff costs each query about as long as this one took).
      const pinned = `columns = {${names.map((n, j) => `${literal(n)}: '${numeric[j] ? 'DOUBLE' : 'VARCHAR'}'`).join(', ')}}`;
      const args = [...base.filter((a) => !a.startsWith('auto_type_candidates')), pinned, 'auto_detect = false'];
      if (options.check === 'count') {
        // Only `verify` needs the count, so DuckDB counts while the rows are handed out.
        const counter = await instance.connect();
        const rows = counter.runAndReadAll(`SELECT count(*) FROM read_csv(${args.join(', ')})`).then(
          (r) => Number(r.getRows()[0][0]),
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        );
        expected = { connection: counter, rows };
      } else {
        args.push('ignore_errors = true', 'store_rejects = true', `rejects_table = '${REJECTS}'`, `rejects_scan = '${REJECTS}_scan'`);
      }
      const long = await longText(connection, args, numeric);
      const parts = numeric.map((_, j) => (long[j] ? TEXT_PARTS : 1));
      const select = numeric.map((isNum, j) => {
        const c = `#${j + 1}`;
        // NULLs and inf/nan (numbers to DuckDB, text to us) are told apart by the validity mask (see `NumberBuffer`).
        if (isNum) return c;
        const v = `coalesce(${c}::VARCHAR, chr(0))`;
        return long[j] ? `substr(${v}, 1, 12), substr(${v}, 13, 12), substr(${v}, 25)` : v;
      });
      const result = await connection.stream(`SELECT ${select.join(', ')} FROM read_csv(${args.join(', ')})`);
      return new DuckCsv(instance, connection, result, expected, names, numeric, parts);
    } catch (e) {
      connection?.closeSync();
      closeAfterCount(instance, expected);
      throw e;
    }
  }

  private returned = 0;

  /** The next chunk of rows (about 2048), or null at the end. Call `verify` after the last one. */
  async next(): Promise<DuckDBDataChunk | null> {
    const chunk = await this.result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return null;
    this.returned += chunk.rowCount;
    return chunk;
  }

  /** Throws unless every row of the file was returned without error. */
  async verify(): Promise<void> {
    if (this.expected !== null) {
      const rows = await this.expected.rows;
      if (rows instanceof Error) throw rows;
      if (this.returned !== rows) throw new Error(`DuckDB stopped after ${this.returned} of ${rows} rows`);
      return;
    }
    const rejected = Number((await this.connection.runAndReadAll(`SELECT count(*) FROM ${REJECTS}`)).getRows()[0][0]);
    if (rejected > 0) throw new Error(`DuckDB rejected ${rejected} rows`);
  }

  private closed = false;

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    closeAfterCount(this.instance, this.expected);
  }
}

/** The row count a `count` check runs on its own connection. */
interface Counting {
  readonly connection: DuckDBConnection;
  readonly rows: Promise<number | Error>;
}

/**
 * Closes the instance, after the count if one runs. Closing a connection under its running query leaves the DuckDB
 * thread running it deadlocked on the query's context when the query ends — holding a libuv pool thread, so later
 * I/O and the process's exit wait forever — so the count is interrupted, and its connection and the instance are
 * closed once it has given up.
 */
function closeAfterCount(instance: DuckDBInstance, counting: Counting | null): void {
  if (!counting) {
    instance.closeSync();
    return;
  }
  counting.connection.interrupt();
  void counting.rows.then(() => {
    counting.connection.closeSync();
    instance.closeSync();
  });
}

// Rows looked at to decide which text columns to split into parts; longer cells later on are still read right.
const LENGTH_SAMPLE = 2048;

/** Which text columns have cells longer than 12 bytes among the first rows. */
async function longText(connection: DuckDBConnection, args: readonly string[], numeric: readonly boolean[]): Promise<boolean[]> {
  const text = numeric.flatMap((isNum, j) => (isNum ? [] : [j]));
  if (text.length === 0) return numeric.map(() => false);
  const lengths = text.map((j) => `coalesce(max(strlen(#${j + 1}::VARCHAR)), 0)`).join(', ');
  const row = (await connection.runAndReadAll(`SELECT ${lengths} FROM (SELECT * FROM read_csv(${args.join(', ')}) LIMIT ${LENGTH_SAMPLE})`)).getRows()[0];
  const long = numeric.map(() => false);
  text.forEach((j, k) => (long[j] = Number(row[k]) > 12));
  return long;
}
