import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAdultLike } from './batch-data.js';
import { bin, cli, tempDir } from './cli.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

const dir = tempDir('batch');
const model = join(dir, 'model');
const data = join(dir, 'score.csv');
let pg: TestServer;

beforeAll(async () => {
  const train = join(dir, 'train.csv');
  await writeAdultLike(train, 3000);
  await writeAdultLike(data, 4000);
  const fit = cli('fit', train, '-t', 'income', '-e', 'gbm', '-p', 'n_estimators=20', '-o', model, '-q');
  expect(fit.code, fit.stderr).toBe(0);
  pg = await startServer();
}, 180_000);
afterAll(() => pg?.stop());

const csvText = (path: string) => readFileSync(path, 'utf8');
const records = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

/** The predictions of the whole file read at once (the `--json` path), as CSV-like strings. */
function wholeFramePredictions(): Record<string, string>[] {
  const r = cli('predict', model, data, '--proba', '--json');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Record<string, unknown>[]).map((rec) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, String(v)])));
}

/** No hidden temp files (`.name.tmp-...`) left beside the outputs. */
function expectNoTempFiles(): void {
  expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('batch predict', () => {
  it('scoring a few thousand rows in small batches equals scoring the whole frame', () => {
    const out = join(dir, 'small-batches.csv');
    const r = cli('predict', model, data, '--proba', '--batch-rows', '300', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote 4000 predictions to/);
    const got = records(csvText(out));
    expect(Object.keys(got[0])).toEqual(['prediction', 'proba_<=50K', 'proba_>50K']);
    expect(got).toEqual(wholeFramePredictions());
    // One batch and stdout give the same bytes as the file written in 14 batches.
    const one = join(dir, 'one-batch.csv');
    expect(cli('predict', model, data, '--proba', '--batch-rows', '100000', '--out', one).code).toBe(0);
    expect(csvText(one)).toBe(csvText(out));
    expect(cli('predict', model, data, '--proba', '--batch-rows', '777').stdout).toBe(csvText(out));
    expectNoTempFiles();
  });

  it('writes Parquet (read back with DuckDB) with an --id column first', async () => {
    const out = join(dir, 'preds.parquet');
    const r = cli('predict', model, data, '--proba', '--id', 'id', '--batch-rows', '1000', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, rows: 4000, task: 'binary' });
    const rows = await readParquet(out);
    const want = wholeFramePredictions();
    expect(rows).toHaveLength(4000);
    expect(Object.keys(rows[0])).toEqual(['id', 'prediction', 'proba_<=50K', 'proba_>50K']);
    rows.forEach((row, i) => {
      // The id column was read as an identifier, so it is written as text.
      expect(row.id).toBe(String(i + 1));
      expect(row.prediction).toBe(want[i].prediction);
      expect(row['proba_>50K']).toBe(Number(want[i]['proba_>50K']));
    });
    expectNoTempFiles();
  });

  it('writes a SQLite table, replacing an earlier one in one step', () => {
    const db = join(dir, 'out.db');
    const target = `sqlite:${db}?table=preds`;
    expect(cli('predict', model, data, '--batch-rows', '900', '--out', target, '--id', 'id').code).toBe(0);
    const first = new Database(db, { readonly: true });
    expect(first.prepare('SELECT COUNT(*) FROM preds').pluck().get()).toBe(4000);
    first.close();
    const r = cli('predict', model, data, '--proba', '--batch-rows', '900', '--out', target);
    expect(r.code, r.stderr).toBe(0);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT * FROM preds').all() as Record<string, unknown>[];
    const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    d.close();
    expect(tables).toEqual(['preds']);
    const want = wholeFramePredictions();
    expect(rows).toHaveLength(4000);
    expect(rows.map((x) => x.prediction)).toEqual(want.map((x) => x.prediction));
    expect(rows.map((x) => x['proba_>50K'])).toEqual(want.map((x) => Number(x['proba_>50K'])));
  });

  it('writes a PostgreSQL table, and reads its input from PostgreSQL too', async () => {
    const r = cli('predict', model, data, '--proba', '--id', 'id', '--batch-rows', '700', '--out', pg.url({ table: 'preds' }));
    expect(r.code, r.stderr).toBe(0);
    const rows = await pg.query<Record<string, unknown>>('SELECT * FROM preds ORDER BY id::int');
    const want = wholeFramePredictions();
    expect(rows).toHaveLength(4000);
    expect(rows.map((x) => x.prediction)).toEqual(want.map((x) => x.prediction));
    expect(rows.map((x) => x['proba_>50K'])).toEqual(want.map((x) => Number(x['proba_>50K'])));
    // The scored rows as an input table (the CSV loaded into PostgreSQL), streamed through a cursor.
    const cells = records(csvText(data));
    await pg.query(`CREATE TABLE input (id int, age double precision, workclass text, education text, hours int, capital int, sex text, x0 double precision, x1 double precision);
      INSERT INTO input VALUES ${cells.map((c) => `(${c.id}, ${c.age === '' ? 'NULL' : c.age}, ${c.workclass === '' ? 'NULL' : `'${c.workclass}'`}, '${c.education}', ${c.hours}, ${c.capital}, '${c.sex}', ${c.x0}, ${c.x1})`).join(', ')}`);
    const fromPg = cli('predict', model, pg.url({ table: 'input' }), '--proba', '--batch-rows', '1500', '--out', pg.url({ table: 'preds2' }));
    expect(fromPg.code, fromPg.stderr).toBe(0);
    const again = await pg.query<Record<string, unknown>>('SELECT prediction FROM preds2');
    expect(again).toHaveLength(4000);
    expect(again.map((x) => x.prediction)).toEqual(want.map((x) => x.prediction));
    const staging = await pg.query("SELECT tablename FROM pg_tables WHERE tablename LIKE '%autopipe_tmp%'");
    expect(staging).toEqual([]);
  });

  it('a bad row mid-stream fails naming its line and leaves no partial output; earlier outputs stay intact', async () => {
    const bad = join(dir, 'bad.csv');
    // Over 1 MiB, so the bad row comes after batches have already been written to the sinks.
    await writeAdultLike(bad, 30_000, { bad: 25_000 });
    const csv = join(dir, 'keep.csv');
    writeFileSync(csv, 'earlier output\n');
    const db = join(dir, 'keep.db');
    expect(cli('predict', model, data, '--out', `sqlite:${db}?table=preds`).code).toBe(0);
    const outs = [csv, join(dir, 'never.csv'), join(dir, 'never.parquet'), `sqlite:${db}?table=preds`, `sqlite:${join(dir, 'never.db')}?table=p`, pg.url({ table: 'never' })];
    for (const out of outs) {
      const r = cli('predict', model, bad, '--batch-rows', '500', '--out', out);
      expect(r.code, out).toBe(1);
      expect(r.stderr, out).toMatch(/column "age" was numeric in training, but data row 25001 holds "old" \(line 25002\)/);
    }
    expect(readFileSync(csv, 'utf8')).toBe('earlier output\n');
    for (const f of ['never.csv', 'never.parquet', 'never.db']) expect(existsSync(join(dir, f)), f).toBe(false);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT COUNT(*) FROM preds').pluck().get()).toBe(4000);
    expect(d.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['preds']);
    d.close();
    expect(await pg.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'never%'")).toEqual([]);
    expectNoTempFiles();
  });

  it('missing model columns and an unknown --id column are named', () => {
    const f = join(dir, 'no-age.csv');
    writeFileSync(f, 'id,workclass,education,hours,capital,sex,x0,x1\n1,Private,HS-grad,40,0,Male,1,2\n');
    const r = cli('predict', model, f, '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing column "age" that the model was trained on/);
    const id = cli('predict', model, data, '--id', 'nope', '--out', join(dir, 'x.csv'));
    expect(id.code).toBe(1);
    expect(id.stderr).toMatch(/--id nope: .* has no column "nope"/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('memory stays bounded: 300,000 rows score in 20,000-row batches under a V8 heap cap one batch of everything cannot fit', async () => {
    // 300,000 rows x 20 columns (46 MB of CSV). Held at once — the cells of every column, the conformed frame,
    // the transformed matrix and the output — they need well over 200 MB of JavaScript heap (scoring them as one
    // batch under this cap aborts with "heap out of memory", checked below). Streamed, the live data is one
    // batch of 20,000 rows (a few MB per copy), so a 96 MB heap is generous for it; the peak RSS bound adds the
    // process baseline (Node, the bundled plugins, DuckDB and better-sqlite3 native code: ~130 MB) measured on
    // one batch's worth of rows — 20,000 rows, above the 2 MiB where the CSV reader switches to DuckDB, so the baseline
    // includes DuckDB's own buffers — and 200 MB of slack: over a long run the 96 MB heap fills up to its cap before a
    // major collection, and DuckDB reads ahead (measured: 227 MB for one batch, 367–376 MB for 300,000 rows, while
    // holding everything at once does not fit at all, checked below).
    const wide = join(dir, 'wide-train.csv');
    const big = join(dir, 'wide-300k.csv');
    await writeAdultLike(wide, 2000, { extra: 14 });
    await writeAdultLike(big, 300_000, { extra: 14 });
    const oneBatch = join(dir, 'wide-20k.csv');
    await writeAdultLike(oneBatch, 20_000, { extra: 14 });
    const wideModel = join(dir, 'wide-model');
    expect(cli('fit', wide, '-t', 'income', '-e', 'gbm', '-p', 'n_estimators=10', '-o', wideModel, '-q').code).toBe(0);
    const rssFile = join(dir, 'rss.txt');
    const hook = join(dir, 'rss-hook.cjs');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const run = (source: string, batchRows: number, out: string) => {
      const r = spawnSync(process.execPath, ['--max-old-space-size=96', '-r', hook, bin, 'predict', wideModel, source, '--proba', '--batch-rows', String(batchRows), '--out', out, '-q'],
        { encoding: 'utf8', timeout: 300_000 });
      return { code: r.status, signal: r.signal, stderr: r.stderr, peakMb: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN };
    };
    const baseline = run(oneBatch, 20_000, join(dir, 'wide-small.csv'));
    expect(baseline.code, baseline.stderr).toBe(0);
    const streamed = run(big, 20_000, join(dir, 'wide-preds.csv'));
    expect(streamed.code, streamed.stderr).toBe(0);
    expect(csvText(join(dir, 'wide-preds.csv')).split('\n')).toHaveLength(300_002);
    expect(streamed.peakMb).toBeLessThan(baseline.peakMb + 200);
    const whole = run(big, 300_000, join(dir, 'wide-whole.csv'));
    expect(whole.code, 'scoring everything at once under the same heap cap should run out of memory').not.toBe(0);
    expect(whole.stderr).toMatch(/heap out of memory|Allocation failed/i);
  }, 300_000);
});
