#!/usr/bin/env node
// CSV ingestion speed and memory, side by side in one run: autopipe's `csv` ingestor (built dist) with each of its
// engines — `csv-parse` (the old path) and `duckdb` (the new one, used by `auto` from 2 MiB) — for `read` and for
// `stream` (batches of 50,000 rows, dropped as they come), vs DuckDB's read_csv_auto (into an in-memory table)
// vs arquero's fromCSV. Each reader runs in its own child process so peak RSS (process.resourceUsage().maxRSS)
// is its own.
//
//   pnpm exec nx run @autopipe/ingestor-csv:build && node tools/bench/ingest.mjs [--rows 1000000] [--regen] [--only a,b] [--baseline DIR] [--repeat N]
//
// `--only` keeps the readers whose name contains one of the given words, separated by commas, or by semicolons when
// there is one (the names hold commas); `=name` asks for an exact name, e.g.
// `--only "=autopipe read, duckdb (new);(baseline);=duckdb"` for the new read, the baseline and DuckDB alone. `--repeat N` runs the chosen readers N times in turn (a, b, c, a, b, c, ...), so a load
// change on the machine hits every reader alike; the table then has one row per run and one per reader with its medians.
//
// `--baseline DIR` adds a row for another build of the ingestor (DIR holds its dist files, e.g. a copy of
// plugins/ingestor-csv/dist kept before a change) read with the duckdb engine, to compare before and after in one run.
//
// The data (1,000,000 rows × 50 columns by default: ints and floats with missing cells, categoricals, a
// high-cardinality code, booleans, an ISO datetime, a free-text column and a row id) is generated once into
// tools/bench/out/ (gitignored). Prints a Markdown table and the machine's load average before and after.
// Timings on a shared 2-core machine are noisy; compare rows of one run, not runs. "read s" includes loading each
// reader's modules (for autopipe that is @autopipe/core and the ingestor, which a CLI has loaded already; DuckDB's own
// binding is loaded by the read itself), shown apart in its own column.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt, positionals } = benchArgs(import.meta.url, {
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '1000000' },
    regen: { type: 'boolean', default: false },
    child: { type: 'string' },
    only: { type: 'string' },
    baseline: { type: 'string' },
    repeat: { type: 'string', default: '1' },
  },
});

/** Resolves a package the way the workspace package that depends on it would. */
function resolveFrom(pkgDir, name) {
  return pathToFileURL(createRequire(join(root, pkgDir, 'package.json')).resolve(name)).href;
}

async function ingestor(engine, dir = join(root, 'plugins/ingestor-csv/dist')) {
  const dist = join(dir, 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing; build it first (pnpm exec nx run @autopipe/ingestor-csv:build)`);
  const { csvIngestorWith } = await import(pathToFileURL(dist).href);
  const used = new Set();
  const ctx = { seed: 1, logger: { debug: (_m, d) => d?.engine && used.add(d.engine), info() {}, warn() {} } };
  return { def: csvIngestorWith(engine), ctx, used };
}

function summary(schema, rows, used) {
  const types = {};
  for (const c of schema) types[c.type] = (types[c.type] ?? 0) + 1;
  return { rows, cols: schema.length, types, engine: [...used].join('+') };
}

/** Imports `load()`, timing it: module loading is part of every reader's time, and shown apart in the table. */
async function timedImport(load) {
  const t = performance.now();
  const loaded = await load();
  return { loaded, importMs: performance.now() - t };
}

async function readWith(engine, file, dir) {
  const { loaded: { def, ctx, used }, importMs } = await timedImport(() => ingestor(engine, dir));
  const f = await def.read(file, {}, ctx);
  return { ...summary(f.schema, f.nrow, used), importMs };
}

async function streamWith(engine, file) {
  const { loaded: { def, ctx, used }, importMs } = await timedImport(() => ingestor(engine));
  let rows = 0;
  let schema = [];
  for await (const batch of def.stream(file, { batchRows: 50_000 }, ctx)) {
    rows += batch.nrow;
    schema = batch.schema;
  }
  return { ...summary(schema, rows, used), importMs };
}

const READERS = {
  'autopipe read, csv-parse (old)': (file) => readWith('csv-parse', file),
  'autopipe read, duckdb (new)': (file) => readWith('duckdb', file),
  'autopipe read, duckdb (baseline)': (file) => readWith('duckdb', file, process.env.INGEST_BENCH_BASELINE),
  'autopipe stream, csv-parse (old)': (file) => streamWith('csv-parse', file),
  'autopipe stream, duckdb (new)': (file) => streamWith('duckdb', file),
  async duckdb(file) {
    const { loaded: { DuckDBInstance }, importMs } = await timedImport(() => import(resolveFrom('plugins/ingestor-csv', '@duckdb/node-api')));
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv_auto('${file.replace(/'/g, "''")}')`);
    const rows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
    const cols = (await con.runAndReadAll("SELECT count(*) FROM information_schema.columns WHERE table_name = 't'")).getRows()[0][0];
    return { rows, cols: Number(cols), importMs };
  },
  async arquero(file) {
    const { loaded: { fromCSV }, importMs } = await timedImport(() => import(resolveFrom('packages/core', 'arquero')));
    const t = fromCSV(readFileSync(file, 'utf8'));
    return { rows: t.numRows(), cols: t.numCols(), importMs };
  },
};

if (opt.child) {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await READERS[opt.child](positionals[0]);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ ...out, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

// A small seeded generator (mulberry32) so every run reads the same file.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(file, rows) {
  mkdirSync(dirname(file), { recursive: true });
  const r = rng(42);
  const names = ['row'];
  for (let j = 0; j < 20; j++) names.push(`int${j}`);
  for (let j = 0; j < 15; j++) names.push(`float${j}`);
  for (let j = 0; j < 6; j++) names.push(`cat${j}`);
  names.push('zip');
  for (let j = 0; j < 5; j++) names.push(`flag${j}`);
  names.push('when', 'note');
  const levels = ['red', 'green', 'blue', 'amber', 'violet', 'teal', 'grey', 'black'];
  const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'lambda', 'zeta', 'theta'];
  const out = createWriteStream(file);
  out.write(names.join(',') + '\n');
  const t0 = Date.UTC(2020, 0, 1);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const cells = [String(i + 1)];
    for (let j = 0; j < 20; j++) cells.push(j % 3 === 0 && r() < 0.05 ? '' : String(Math.floor(r() * (j < 10 ? 100 : 1e6))));
    for (let j = 0; j < 15; j++) cells.push(j % 4 === 0 && r() < 0.05 ? 'NA' : (r() * 1000 - 500).toFixed(j % 3 === 0 ? 2 : 4));
    for (let j = 0; j < 6; j++) cells.push(r() < 0.02 ? '' : levels[Math.floor(r() * (3 + j))]);
    cells.push(`Z${Math.floor(r() * 5000)}`);
    for (let j = 0; j < 5; j++) cells.push(r() < 0.5 ? 'true' : 'false');
    cells.push(new Date(t0 + Math.floor(r() * 1.5e11 / 60000) * 60000).toISOString().slice(0, 16).replace('T', ' '));
    cells.push(`"${words[Math.floor(r() * 10)]} ${words[Math.floor(r() * 10)]}, ${words[Math.floor(r() * 10)]} ${i % 997}"`);
    buf += cells.join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}

const rows = Number(opt.rows);
const file = join(root, 'tools/bench/out', `ingest-${rows}x50.csv`);
if (opt.regen || !existsSync(file)) {
  const t = performance.now();
  await generate(file, rows);
  console.error(`generated ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const size = statSync(file).size;

const results = [];
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
const loadBefore = load();
const available = Object.keys(READERS).filter((n) => !n.endsWith('(baseline)') || opt.baseline);
const wanted = opt.only?.split(opt.only.includes(';') ? ';' : ',').map((o) => o.trim());
const names = wanted ? available.filter((n) => wanted.some((o) => (o.startsWith('=') ? n === o.slice(1) : n.includes(o)))) : available;
const repeat = Math.max(1, Number(opt.repeat));
for (let run = 1; run <= repeat; run++) for (const name of names) {
  const t = performance.now();
  const env = opt.baseline ? { ...process.env, INGEST_BENCH_BASELINE: opt.baseline } : process.env;
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', name, file], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const wall = performance.now() - t;
  if (child.status !== 0) {
    console.error(`${name} failed:\n${child.stderr}`);
    results.push({ name, run, failed: true });
    continue;
  }
  results.push({ name, run, wall, ...JSON.parse(child.stdout) });
}
if (repeat > 1) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const name of names) {
    const ok = results.filter((x) => x.name === name && !x.failed);
    if (ok.length === 0) continue;
    const pick = (k) => median(ok.map((x) => x[k]));
    results.push({ ...ok[0], name: `${name} (median of ${ok.length})`, run: 0, wall: pick('wall'), ms: pick('ms'), cpuMs: pick('cpuMs'), maxRssKb: pick('maxRssKb'), importMs: pick('importMs') });
  }
}

const isOurs = (x) => x.name.startsWith('autopipe');
// With --repeat, runs are compared with the medians of the references.
const refs = results.filter((x) => !x.failed && !isOurs(x) && (repeat === 1 || x.run === 0));
const fastest = refs.length > 0 ? Math.min(...refs.map((x) => x.ms)) : NaN;
const mb = (b) => (b / 1e6).toFixed(0);
console.log(`\nCSV ingestion: ${rows.toLocaleString('en')} rows × 50 columns, ${mb(size)} MB (node ${process.version}); load average before ${loadBefore}, after ${load()}\n`);
console.log('| reader | read s | of which module imports s | read CPU s (all threads) | process wall s | rows/s | peak RSS MB | RSS / file size | vs fastest reference |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of results) {
  if (x.failed) {
    console.log(`| ${x.name} | failed | | | | | | | |`);
    continue;
  }
  const rss = x.maxRssKb * 1024;
  const label = x.run > 0 && repeat > 1 ? `${x.name} #${x.run}` : x.name;
  console.log(`| ${label} | ${(x.ms / 1000).toFixed(2)} | ${(x.importMs / 1000).toFixed(2)} | ${(x.cpuMs / 1000).toFixed(2)} | ${(x.wall / 1000).toFixed(2)} | ${Math.round(x.rows / (x.ms / 1000)).toLocaleString('en')} | ${mb(rss)} | ${(rss / size).toFixed(2)}x | ${(x.ms / fastest).toFixed(2)}x |`);
}
for (const x of results.filter((r) => isOurs(r) && !r.failed && r.run === (repeat > 1 ? 0 : 1))) {
  console.log(`\n${x.name}: read by ${x.engine || '?'}; inferred ${Object.entries(x.types).map(([t, c]) => `${c} ${t}`).join(', ')}`);
}
console.log('\nTargets: autopipe within 1.5x of the fastest reference; peak RSS under 4x the file size.');
