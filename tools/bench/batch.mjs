#!/usr/bin/env node
// Batch scoring of 1,000,000 rows, side by side: `autopipe predict` streaming to CSV (autopipe's own scorer) and
// the same model exported with `autopipe export --format onnx`, run in onnxruntime-node (the same rows streamed
// through the same CSV ingestor, columns fed as tensors batch by batch, predictions written as CSV).
//
//   pnpm exec nx run @autopipe/cli:build && node tools/bench/batch.mjs [--rows 1000000] [--batch-rows 50000] [--trees 100] [--regen]
//
// Data: /work/shared/datasets/adult.csv (32,561 rows, 14 mixed features) repeated to --rows rows into
// tools/bench/out/ (gitignored). Model: `autopipe fit -e gbm -p n_estimators=<trees>,early_stopping=false` on adult.csv. Each scorer
// runs in its own child process so its peak RSS (process.resourceUsage().maxRSS) is its own. "score only" is
// the time inside the scorer's predict calls (conform + pipeline for autopipe; session.run for onnxruntime, whose
// input also needs the columns copied into tensors); "end to end" is the whole child process, reading the CSV
// and (CLI, onnxruntime) writing the predictions.
// Timings on a shared 2-core machine are noisy: compare rows of one run, not runs.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'tools', 'bench', 'out');
const cliBin = join(root, 'apps', 'cli', 'bin', 'autopipe.js');
const adult = '/work/shared/datasets/adult.csv';
const { values: opt, positionals } = benchArgs(import.meta.url, {
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '1000000' }, 'batch-rows': { type: 'string', default: '50000' }, trees: { type: 'string', default: '100' },
    regen: { type: 'boolean', default: false }, child: { type: 'string' },
  },
});
const rows = Number(opt.rows);
const batchRows = Number(opt['batch-rows']);

/** Resolves a package the way the workspace package that depends on it would. */
const requireFrom = (pkgDir) => createRequire(join(root, pkgDir, 'package.json'));

// Child: score with onnxruntime-node. Args: model.onnx, model dir (for the trained column types), data.csv, out.csv.
if (opt.child === 'onnx') {
  const [onnxPath, modelDir, data, out] = positionals;
  const ort = requireFrom('apps/cli')('onnxruntime-node');
  const { csvIngestor } = await import(pathToFileURL(join(root, 'plugins/ingestor-csv/dist/index.js')).href);
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  const types = Object.fromEntries(manifest.schema.map((c) => [c.name, c.type]));
  const started = performance.now();
  const session = await ort.InferenceSession.create(onnxPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const inputs = session.inputNames.map((name) => ({ name, type: session.inputMetadata.find((m) => m.name === name)?.type }));
  const file = createWriteStream(out);
  let scoreMs = 0;
  let n = 0;
  let header = true;
  const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
  for await (const frame of csvIngestor.stream(data, { types, batchRows }, ctx)) {
    const feeds = {};
    for (const { name, type } of inputs) {
      const col = frame.column(name);
      if (type === 'string') feeds[name] = new ort.Tensor('string', Array.from(col, (v) => (v === null ? '' : String(v))), [frame.nrow, 1]);
      else feeds[name] = new ort.Tensor('float64', col instanceof Float64Array ? col : Float64Array.from(col, (v) => (v === null ? NaN : Number(v))), [frame.nrow, 1]);
    }
    const t = performance.now();
    const res = await session.run(feeds);
    scoreMs += performance.now() - t;
    const labels = res.label.data;
    let text = header ? 'prediction\n' : '';
    header = false;
    for (let i = 0; i < frame.nrow; i++) text += `${labels[i]}\n`;
    if (!file.write(text)) await once(file, 'drain');
    n += frame.nrow;
  }
  file.end();
  await once(file, 'close');
  process.stdout.write(JSON.stringify({ rows: n, ms: performance.now() - started, scoreMs, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

// Child: autopipe's own scorer in process, timing only ModelService.predict per batch (same stream as the CLI).
if (opt.child === 'autopipe') {
  const [modelDir, data] = positionals;
  const { openRuntime } = await import(pathToFileURL(join(root, 'apps/cli/dist/runtime.js')).href);
  // The CLI's own copy (same real path), so the container knows this ModelService class.
  const { ModelService } = await import(pathToFileURL(join(root, 'packages/runtime/dist/index.js')).href);
  const { csvIngestor } = await import(pathToFileURL(join(root, 'plugins/ingestor-csv/dist/index.js')).href);
  const started = performance.now();
  const { container } = openRuntime({ quiet: true });
  const models = container.resolve(ModelService);
  const model = models.load(modelDir);
  const types = Object.fromEntries(model.manifest.schema.map((c) => [c.name, c.type]));
  const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
  let scoreMs = 0;
  let n = 0;
  for await (const frame of csvIngestor.stream(data, { types, batchRows }, ctx)) {
    const t = performance.now();
    models.predict(model, frame, data);
    scoreMs += performance.now() - t;
    n += frame.nrow;
  }
  process.stdout.write(JSON.stringify({ rows: n, ms: performance.now() - started, scoreMs, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

/** Runs a command in a child process with a hook that reports its peak RSS; returns wall time and the RSS. */
function timed(args, label) {
  const hook = join(outDir, 'rss-hook.cjs');
  const rssFile = join(outDir, 'rss.txt');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['-r', hook, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}):\n${r.stderr}`);
  return { ms, maxRssKb: Number(readFileSync(rssFile, 'utf8')), stdout: r.stdout, stderr: r.stderr };
}

async function generate(file) {
  const lines = readFileSync(adult, 'utf8').trimEnd().split('\n');
  const header = lines.shift();
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) if (!out.write(`${lines[i % lines.length]}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
}

async function countLines(file) {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

mkdirSync(outDir, { recursive: true });
if (!existsSync(join(root, 'apps/cli/dist/main.js'))) throw new Error('build the CLI first: pnpm exec nx run @autopipe/cli:build');
const data = join(outDir, `batch-adult-${rows}.csv`);
if (opt.regen || !existsSync(data)) {
  console.error(`writing ${rows} rows to ${data}`);
  await generate(data);
}
const model = join(outDir, `batch-gbm-${opt.trees}`);
console.error(`fitting gbm (${opt.trees} trees) on adult.csv`);
// Early stopping off, so the model really has --trees trees.
timed([cliBin, 'fit', adult, '-t', 'income', '-e', 'gbm', '-p', `n_estimators=${opt.trees},early_stopping=false`, '-o', model, '-q'], 'fit');

const results = [];
console.error('scoring with autopipe predict');
const preds = join(outDir, 'batch-preds-autopipe.csv');
const ap = timed([cliBin, 'predict', model, data, '--out', preds, '--batch-rows', String(batchRows), '-q'], 'autopipe predict');
if ((await countLines(preds)) !== rows + 1) throw new Error(`${preds} does not have ${rows} rows`);
results.push({ name: 'autopipe predict CLI (streamed, CSV out)', ms: ap.ms, scoreMs: null, maxRssKb: ap.maxRssKb });
console.error('timing autopipe scorer in process');
const own = timed([fileURLToPath(import.meta.url), '--child', 'autopipe', '--rows', String(rows), '--batch-rows', String(batchRows), model, data], 'autopipe in process');
const ownR = JSON.parse(own.stdout);
results.push({ name: 'autopipe ModelService.predict in process (same ingestor, no output)', ms: own.ms, scoreMs: ownR.scoreMs, maxRssKb: own.maxRssKb });

const onnx = join(outDir, `batch-gbm-${opt.trees}.onnx`);
console.error('exporting to ONNX');
let onnxError = null;
try {
  timed([cliBin, 'export', model, '--format', 'onnx', '--out', onnx, '-q'], 'autopipe export');
} catch (e) {
  onnxError = e.message.split('\n').slice(0, 3).join(' ');
}
if (!onnxError) {
  console.error('scoring with onnxruntime-node');
  const ortPreds = join(outDir, 'batch-preds-onnx.csv');
  const o = timed([fileURLToPath(import.meta.url), '--child', 'onnx', '--rows', String(rows), '--batch-rows', String(batchRows), onnx, model, data, ortPreds], 'onnxruntime');
  const r = JSON.parse(o.stdout);
  results.push({ name: 'onnxruntime-node 1 thread (same ingestor, CSV out)', ms: o.ms, scoreMs: r.scoreMs, maxRssKb: o.maxRssKb });
  // Same labels row by row (probabilities are checked to 1e-5 by the exporter's parity tests).
  const a = readFileSync(preds, 'utf8').split('\n');
  const b = readFileSync(ortPreds, 'utf8').split('\n');
  let diff = 0;
  for (let i = 1; i < a.length; i++) if (a[i] !== b[i]) diff++;
  console.error(`labels differing between autopipe and onnxruntime: ${diff} of ${rows}`);
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
console.log(`\nBatch scoring: ${fmt(rows)} adult rows, gbm ${opt.trees} trees, batches of ${fmt(batchRows)} (node ${process.version}, shared 2-core machine: noisy)\n`);
console.log('| scorer | end to end (s) | rows/s end to end | score only (s) | rows/s score only | peak RSS (MB) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const score = r.scoreMs === null ? '—' : (r.scoreMs / 1000).toFixed(2);
  const scoreRate = r.scoreMs === null ? '—' : fmt(rows / (r.scoreMs / 1000));
  console.log(`| ${r.name} | ${(r.ms / 1000).toFixed(2)} | ${fmt(rows / (r.ms / 1000))} | ${score} | ${scoreRate} | ${fmt(r.maxRssKb / 1024)} |`);
}
if (onnxError) console.log(`\nONNX comparison skipped: autopipe export failed (${onnxError}).`);
