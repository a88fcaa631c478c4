#!/usr/bin/env node
// Scoring-server latency and throughput: a 100-tree gbm fitted on adult (/work/shared/datasets/adult.csv, read in
// place), served by `autopipe serve` in a child process, loaded by autocannon on loopback with single-row JSON
// requests (rows of adult_test.csv, cycled).
//
//   npm run build && node tools/bench/serve.mjs [--rate 1000] [--duration 20] [--connections 10] [--refit]
//
// Reported: latency inside the server, from the server's own Prometheus histograms (request received → response
// sent, and the predict step alone), at a fixed --rate; client-side p50/p99 from autocannon at that rate (its
// limiter releases each connection's quota at the start of every second, so the load comes in bursts); and the
// max sustained rate (autocannon unthrottled, every response 200). Percentiles from the server's histograms are
// linear interpolations within buckets (0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5 ms ...). The machine has 2 cores
// shared by server, client and anything else running: read figures with that caveat. Prints a Markdown table and
// writes tools/bench/out/serve.json.
/* global fetch */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from './args.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'tools', 'package.json'));
const autocannon = require('autocannon');
const shared = process.env.AUTOPIPE_SHARED ?? '/work/shared';
const outDir = join(root, 'tools', 'bench', 'out');
const modelDir = join(outDir, 'serve-adult-gbm100');
const cli = join(root, 'apps', 'cli', 'bin', 'autopipe.js');

const { values: args } = benchArgs(import.meta.url, {
  options: {
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    refit: { type: 'boolean', default: false },
  },
});
const rate = Number(args.rate);
const duration = Number(args.duration);
const connections = Number(args.connections);

function fail(msg) {
  process.stderr.write(`bench serve: ${msg}\n`);
  process.exit(1);
}

// 1. The model: 100 trees, no early stopping, so the tree count is exactly 100.
const adult = join(shared, 'datasets', 'adult.csv');
const adultTest = join(shared, 'datasets', 'adult_test.csv');
if (!existsSync(adult)) fail(`${adult} not found (set AUTOPIPE_SHARED)`);
mkdirSync(outDir, { recursive: true });
if (args.refit || !existsSync(join(modelDir, 'manifest.json'))) {
  const r = spawnSync(process.execPath, [cli, 'fit', adult, '-t', 'income', '-e', 'gbm', '-p', 'n_estimators=100,early_stopping=false', '--out', modelDir, '-q'], { stdio: 'inherit' });
  if (r.status !== 0) fail('fitting the model failed (did you run the build?)');
}

// 2. Request bodies: single rows of the held-out split, cells typed as a JSON client would send them.
const [header, ...lines] = readFileSync(adultTest, 'utf8').trim().split('\n');
const names = header.split(',');
const numeric = new Set(['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']);
const bodies = lines.slice(0, 200).map((line) => {
  const cells = line.split(',');
  const row = {};
  names.forEach((n, j) => {
    if (n === 'income') return;
    row[n] = cells[j] === '' ? null : numeric.has(n) ? Number(cells[j]) : cells[j];
  });
  return JSON.stringify({ row });
});

// 3. The server, as users start it.
const server = spawn(process.execPath, [cli, 'serve', modelDir, '--port', '0', '--json', '--reload-interval', '0', '-q'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolveUrl, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    try {
      resolveUrl(JSON.parse(out).url);
    } catch { /* not complete yet */ }
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
}).catch((e) => fail(e.message));
const name = 'serve-adult-gbm100';
const path = `/v1/models/${name}/predict`;

async function histogram(metric, label) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = [];
  let count = 0;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || !line.includes(label)) continue;
    const v = Number(line.slice(line.lastIndexOf(' ') + 1));
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (line.startsWith(`${metric}_bucket`)) buckets.push([le === '+Inf' ? Infinity : Number(le), v]);
    else if (line.startsWith(`${metric}_count`)) count = v;
    else if (line.startsWith(`${metric}_sum`)) sum = v;
  }
  return { buckets, count, sum };
}

/** p-quantile (ms) of the observations between two histogram snapshots, interpolated within its bucket. */
function quantile(before, after, p) {
  const n = after.count - before.count;
  const target = p * n;
  let lo = 0;
  let prev = 0;
  for (let i = 0; i < after.buckets.length; i++) {
    const [le, c] = after.buckets[i];
    const cum = c - before.buckets[i][1];
    if (cum >= target) {
      if (le === Infinity) return lo * 1000;
      const inBucket = cum - prev;
      return (lo + (inBucket ? ((target - prev) / inBucket) * (le - lo) : 0)) * 1000;
    }
    lo = le;
    prev = cum;
  }
  return NaN;
}

function run(opts) {
  return new Promise((resolveRun, reject) => {
    let i = 0;
    const inst = autocannon({
      url: `${url}${path}`, method: 'POST', headers: { 'content-type': 'application/json' }, connections, duration,
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
      ...opts,
    }, (err, res) => (err ? reject(err) : resolveRun(res)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const ROUTE = 'route="/v1/models/:name/predict"';
const fmt = (v) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
try {
  // Warm-up: JIT-compile the predict path before measuring.
  await run({ duration: 5 });
  const reqBefore = await histogram('autopipe_http_request_duration_seconds', ROUTE);
  const predBefore = await histogram('autopipe_predict_duration_seconds', `model="${name}"`);
  // autocannon's coordinated-omission correction assumes an interval of ceil(1/rate) ms (1 ms at any rate ≥ 1/s), which
  // backfills phantom multi-ms samples; its rate limiter already sends on schedule, so the correction is turned off.
  const fixed = await run({ overallRate: rate, ignoreCoordinatedOmission: true });
  const reqAfter = await histogram('autopipe_http_request_duration_seconds', ROUTE);
  const predAfter = await histogram('autopipe_predict_duration_seconds', `model="${name}"`);
  const max = await run({});
  const result = {
    model: { dir: modelDir, estimator: 'gbm', n_estimators: 100, data: adult },
    settings: { rate, duration, connections },
    fixedRate: {
      requests: fixed.requests.total, rps: fixed.requests.average, non2xx: fixed.non2xx, errors: fixed.errors, timeouts: fixed.timeouts,
      server: { p50: quantile(reqBefore, reqAfter, 0.5), p99: quantile(reqBefore, reqAfter, 0.99), mean: ((reqAfter.sum - reqBefore.sum) / (reqAfter.count - reqBefore.count)) * 1000 },
      predict: { p50: quantile(predBefore, predAfter, 0.5), p99: quantile(predBefore, predAfter, 0.99) },
      client: { p50: fixed.latency.p50, p99: fixed.latency.p99, mean: fixed.latency.average },
    },
    max: { rps: max.requests.average, requests: max.requests.total, non2xx: max.non2xx, errors: max.errors, client: { p50: max.latency.p50, p99: max.latency.p99 } },
  };
  writeFileSync(join(outDir, 'serve.json'), JSON.stringify(result, null, 2) + '\n');
  const f = result.fixedRate;
  process.stdout.write(`\nautopipe serve: single-row predict, 100-tree gbm on adult, ${connections} connections, ${duration}s per run (2-core machine, shared; noisy)\n\n`);
  process.stdout.write('| measurement | rps | p50 ms | p99 ms | mean ms | non-2xx / errors |\n|---|---:|---:|---:|---:|---:|\n');
  process.stdout.write(`| in-server, request (at ${rate} rps) | ${fmt(f.rps)} | ${fmt(f.server.p50)} | ${fmt(f.server.p99)} | ${fmt(f.server.mean)} | ${f.non2xx} / ${f.errors} |\n`);
  process.stdout.write(`| in-server, predict step (at ${rate} rps) | | ${fmt(f.predict.p50)} | ${fmt(f.predict.p99)} | | |\n`);
  process.stdout.write(`| client, autocannon (at ${rate} rps) | ${fmt(f.rps)} | ${fmt(f.client.p50)} | ${fmt(f.client.p99)} | ${fmt(f.client.mean)} | ${f.non2xx} / ${f.errors} |\n`);
  process.stdout.write(`| client, max sustained (unthrottled) | ${fmt(result.max.rps)} | ${fmt(result.max.client.p50)} | ${fmt(result.max.client.p99)} | | ${result.max.non2xx} / ${result.max.errors} |\n`);
  process.stdout.write(`\nwrote ${join(outDir, 'serve.json')}\n`);
} finally {
  server.kill('SIGTERM');
}
