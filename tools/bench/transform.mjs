#!/usr/bin/env node
// Preprocessing speed and memory (issue 4), side by side in one run: the plan autopipe's runtime builds for a linear
// model (capabilities ['needs-scaling']) and for a tree model (['missing-values', 'ordinal-categoricals']), fitted
// and applied with the runtime's fitSteps/applySteps over the built transformer plugins, vs a scikit-learn
// ColumnTransformer doing the equivalent work.
//
//   npm run build && node tools/bench/transform.mjs [--rows 1000000] [--no-reference] [--regen] [--only linear,tree]
//                                                   [--max-rss-gb N]
//
// The frame (rows × 50 features: 30 numeric — some skewed — with ~5% missing, 10 low-cardinality and 5
// high-cardinality (1k–50k levels) categoricals with nulls, 3 booleans, 1 ISO datetime, 1 short text, plus a binary
// target) is generated in memory with core's Rng, identically in every child process. It is written once to
// tools/bench/out/transform-<rows>.csv (gitignored) for Python (no pyarrow here, hence CSV; numbers are rounded to 4
// decimals at generation so both sides see the same values). Every configuration runs in its own child process so
// its peak RSS (process.resourceUsage().maxRSS / resource.getrusage) is its own; peak RSS includes the input data.
// Prints a Markdown table and writes tools/bench/out/transform.json.
//
// Differences to keep in mind: sklearn 1.2 has no TargetEncoder, so the reference ordinal-encodes the
// high-cardinality columns where autopipe target-encodes them out-of-fold (5 folds); sklearn's ColumnTransformer
// returns a sparse CSR matrix here (density < sparse_threshold), autopipe a dense column-major Float64Array.
// The machine has 2 cores shared with other jobs: timings are noisy; compare rows of one run, not runs.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchArgs } from './args.mjs';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'tools/bench/out');
const PY = '/usr/bin/python3';
const SEED = 42;
const { values: opt } = benchArgs(import.meta.url, {
  options: {
    rows: { type: 'string', default: '1000000' },
    'no-reference': { type: 'boolean', default: false },
    regen: { type: 'boolean', default: false },
    only: { type: 'string', default: 'linear,tree' },
    child: { type: 'string' },
    'max-rss-gb': { type: 'string' },
  },
});
const ROWS = Number(opt.rows);
if (!Number.isInteger(ROWS) || ROWS < 1000) fail(`--rows must be an integer ≥ 1000 (got "${opt.rows}")`);

function fail(msg) {
  process.stderr.write(`transform bench: ${msg}\n`);
  process.exit(1);
}

const dist = (p) => {
  const f = join(root, p, 'dist/index.js');
  if (!existsSync(f)) fail(`${f} is missing; run \`npm run build\` first`);
  return import(pathToFileURL(f).href);
};

// ---------------------------------------------------------------------------------------------- data generation

const N_NUMERIC = 30;
const LOW_LEVELS = [3, 5, 8, 12, 20, 30, 40, 6, 15, 25];
const HIGH_LEVELS = [1000, 5000, 10000, 20000, 50000];
const BOOL_P = [0.3, 0.5, 0.8];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'sho', 'vi', 'de', 'po', 'ga', 'zu', 'fe', 'bi', 'ho', 'ly'];
const r4 = (x) => Math.round(x * 1e4) / 1e4;

/** Cumulative Zipf(s) weights over k levels, for sampling by binary search. */
function zipfCdf(k, s) {
  const c = new Float64Array(k);
  let acc = 0;
  for (let i = 0; i < k; i++) c[i] = acc += 1 / (i + 1) ** s;
  for (let i = 0; i < k; i++) c[i] /= acc;
  return c;
}
function draw(cdf, u) {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (cdf[m] < u) lo = m + 1; else hi = m;
  }
  return lo;
}

/** The benchmark frame's columns (core storage conventions) and the 0/1 target, deterministic in (rows, seed). */
function generate(core, rows, seed) {
  const rng = new core.Rng(seed);
  const columns = [];
  const logit = new Float64Array(rows);
  for (let j = 0; j < N_NUMERIC; j++) {
    const r = rng.fork(j);
    const kind = j % 5;
    const missing = 0.02 + (0.06 * (j % 4)) / 3;
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let x;
      if (kind === 0) x = j + (1 + (j % 3)) * r.normal();
      else if (kind === 1) x = Math.exp(r.normal()); // log-normal: skewed
      else if (kind === 2) x = -Math.log(1 - r.next()) * (j + 1); // exponential: skewed
      else if (kind === 3) x = Math.floor(Math.exp(1.5 * r.normal())); // heavy-tailed counts
      else x = 20 * r.next() - 10;
      x = r4(x);
      if (j < 4) logit[i] += (kind === 0 ? (x - j) / (1 + (j % 3)) : Math.log1p(Math.abs(x))) * (j % 2 ? -0.6 : 0.8);
      col[i] = r.next() < missing ? NaN : x;
    }
    columns.push({ schema: { name: `num_${String(j).padStart(2, '0')}`, type: 'numeric' }, data: col });
  }
  LOW_LEVELS.forEach((k, j) => {
    const r = rng.fork(100 + j);
    const levels = Array.from({ length: k }, (_, v) => `c${j}_v${v}`);
    const cdf = zipfCdf(k, 1.1);
    const col = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = draw(cdf, r.next());
      if (j === 0) logit[i] += v % 3 === 0 ? 0.7 : -0.3;
      col[i] = r.next() < 0.03 ? null : levels[v];
    }
    columns.push({ schema: { name: `cat_${j}`, type: 'categorical' }, data: col });
  });
  HIGH_LEVELS.forEach((k, j) => {
    const r = rng.fork(200 + j);
    const levels = Array.from({ length: k }, (_, v) => `h${j}_${v}`);
    const cdf = zipfCdf(k, 0.9);
    const col = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = draw(cdf, r.next());
      if (j === 0) logit[i] += ((Math.imul(v, 0x9e3779b1) >>> 28) - 7.5) / 10;
      col[i] = r.next() < 0.02 ? null : levels[v];
    }
    columns.push({ schema: { name: `hc_${j}`, type: 'high_cardinality' }, data: col });
  });
  BOOL_P.forEach((p, j) => {
    const r = rng.fork(300 + j);
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const b = r.next() < p ? 1 : 0;
      if (j === 0) logit[i] += b ? 0.5 : -0.5;
      col[i] = r.next() < 0.01 ? NaN : b;
    }
    columns.push({ schema: { name: `flag_${j}`, type: 'boolean' }, data: col });
  });
  {
    const r = rng.fork(400);
    const start = Date.UTC(2015, 0, 1);
    const span = Date.UTC(2025, 0, 1) - start;
    const col = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const ms = start + Math.floor(r.next() * (span / 1000)) * 1000;
      col[i] = r.next() < 0.01 ? null : new Date(ms).toISOString();
    }
    columns.push({ schema: { name: 'when', type: 'datetime' }, data: col });
  }
  {
    const r = rng.fork(500);
    const words = [];
    for (let a = 0; a < 16 && words.length < 3000; a++) for (let b = 0; b < 16; b++) words.push(SYLLABLES[a] + SYLLABLES[b]);
    for (let a = 0; a < 16 && words.length < 3000; a++) for (let b = 0; b < 16 && words.length < 3000; b++) for (let c = 0; c < 16 && words.length < 3000; c++) words.push(SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c]);
    r.shuffle(words);
    const cdf = zipfCdf(words.length, 1.0);
    const col = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const n = 3 + r.int(10);
      let s = '';
      for (let w = 0; w < n; w++) s += (w ? ' ' : '') + words[draw(cdf, r.next())];
      col[i] = r.next() < 0.01 ? null : s;
    }
    columns.push({ schema: { name: 'note', type: 'text' }, data: col });
  }
  const r = rng.fork(600);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) codes[i] = r.next() < 1 / (1 + Math.exp(-(logit[i] - 0.5))) ? 1 : 0;
  return { columns, codes };
}

async function writeCsv(file, rows) {
  const core = await dist('packages/core');
  const { columns, codes } = generate(core, rows, SEED);
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file + '.tmp');
  out.write(columns.map((c) => c.schema.name).join(',') + ',target\n');
  const cols = columns.map((c) => c.data);
  const CHUNK = 5000;
  for (let s = 0; s < rows; s += CHUNK) {
    let buf = '';
    for (let i = s; i < Math.min(rows, s + CHUNK); i++) {
      for (let j = 0; j < cols.length; j++) {
        const v = cols[j][i];
        buf += (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : v) + ',';
      }
      buf += codes[i] + '\n';
    }
    if (!out.write(buf)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(file + '.tmp', file);
  return columns.map((c) => ({ name: c.schema.name, type: c.schema.type }));
}

// ---------------------------------------------------------------------------------------------- autopipe child

const CAPABILITIES = { linear: ['needs-scaling'], tree: ['missing-values', 'ordinal-categoricals'] };

const timing = { phase: 'fit' };
/** Wraps registry lookups so each step's fit, training-frame transform and later transforms are timed. */
function timingRegistry(registry, log) {
  const now = () => performance.now();
  const wrapFitted = (fitted, rec) => new Proxy(fitted, {
    get(target, prop) {
      if (prop === 'transform') {
        return (frame) => {
          const t = now();
          const outFrame = target.transform(frame);
          // Summed over calls: fitSteps transforms the training rows in chunks, applySteps the rows to predict.
          const k = timing.phase === 'fit' && !rec.viaFitTransform ? 'trainTransformMs' : 'transformMs';
          rec[k] = (rec[k] ?? 0) + now() - t;
          return outFrame;
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {
    transformer(key) {
      const def = registry.transformer(key);
      const w = { ...def };
      w.fit = async (frame, columns, params, ctx) => {
        const rec = { key, inputs: columns.length, viaFitTransform: false };
        log.push(rec);
        const t = now();
        const fitted = await def.fit(frame, columns, params, ctx);
        rec.fitMs = now() - t;
        rec.outputs = fitted.outputs.length;
        return wrapFitted(fitted, rec);
      };
      if (def.fitTransform) {
        w.fitTransform = async (frame, columns, params, ctx) => {
          const rec = { key, inputs: columns.length, viaFitTransform: true };
          log.push(rec);
          const t = now();
          const { fitted, output } = await def.fitTransform(frame, columns, params, ctx);
          rec.fitMs = now() - t;
          rec.outputs = fitted.outputs.length;
          return { fitted: wrapFitted(fitted, rec), output };
        };
      }
      return w;
    },
  };
}

/** fitSteps, timed, reduced to what the report needs, so the training matrix is garbage once this returns. */
async function fitPhase(runtime, registry, log, steps, frame, y, ctx) {
  const t = performance.now();
  const fit = await runtime.fitSteps(timingRegistry(registry, log), steps, frame, y, ctx);
  const fitTransformMs = performance.now() - t;
  // Peak RSS up to the end of fitting (the training matrix still alive), before applySteps runs.
  const fitPeakRssMb = process.resourceUsage().maxRSS / 1024;
  const d = fit.x.data;
  let nonFinite = 0;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) nonFinite++;
  return { fitted: fit.fitted, resolved: fit.resolved, fitTransformMs, fitPeakRssMb, shape: [fit.x.rows, fit.x.cols], matrixMb: d.byteLength / 2 ** 20, nonFinite };
}

async function autopipeChild(variant) {
  const core = await dist('packages/core');
  const runtime = await dist('packages/runtime');
  const plugins = await Promise.all(['basic', 'encoding', 'datetime', 'text', 'selection'].map((p) => dist(`plugins/transformers-${p}`)));
  let t = performance.now();
  const { columns, codes } = generate(core, ROWS, SEED);
  const frame = core.Frame.fromColumns(columns);
  columns.length = 0;
  const generateMs = performance.now() - t;
  const y = { kind: 'classification', classes: ['0', '1'], codes };
  const rssAfterGenerateMb = process.memoryUsage().rss / 2 ** 20;

  const container = runtime.createRuntime({ plugins: plugins.map((p) => p.plugin) });
  const registry = container.resolve(runtime.Registry);
  const available = new Set(registry.all('transformer').map((d) => d.key));
  const steps = runtime.planPreprocessing(frame.schema, { capabilities: CAPABILITIES[variant] }, available);
  const log = [];
  const ctx = { seed: SEED, logger: core.silentLogger };

  const { fitted, resolved, fitTransformMs, fitPeakRssMb, shape, matrixMb, nonFinite } = await fitPhase(runtime, registry, log, steps, frame, y, ctx);
  // Only the fitted steps survive into the transform-only measurement, as at predict time: the training matrix went
  // with fitPhase's frame (a local of this function could keep it alive in an interpreter register).
  globalThis.gc?.();

  timing.phase = 'apply';
  t = performance.now();
  const x2 = runtime.applySteps(fitted, frame);
  const transformMs = performance.now() - t;
  if (x2.rows !== shape[0] || x2.cols !== shape[1]) throw new Error(`transform shape ${x2.rows}×${x2.cols} differs from fit ${shape.join('×')}`);
  const stepSum = (k) => log.reduce((a, r) => a + (r[k] ?? 0), 0);
  return {
    generateMs, rssAfterGenerateMb, fitTransformMs, fitPeakRssMb, transformMs, shape, dense: true, matrixMb, nonFinite,
    plan: resolved.map((s) => `${s.transformer}(${s.columns.length})`),
    steps: log.map(({ viaFitTransform: _via, ...r }) => r),
    toMatrixFitMs: fitTransformMs - stepSum('fitMs') - stepSum('trainTransformMs'),
    toMatrixTransformMs: transformMs - stepSum('transformMs'),
  };
}

// ---------------------------------------------------------------------------------------------- sklearn child

const PYTHON = String.raw`
import sys, json, time, resource
import numpy as np, pandas as pd, scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder, OrdinalEncoder, FunctionTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import VarianceThreshold

path, variant, schema = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
by = lambda *ts: [c['name'] for c in schema if c['type'] in ts]
num, boolean, low, high = by('numeric'), by('boolean'), by('categorical'), by('high_cardinality')
dt, txt = by('datetime')[0], by('text')[0]

class DatetimeFeatures(BaseEstimator, TransformerMixin):
    """autopipe's datetime.features: calendar fields, sin/cos, elapsed days since the earliest training instant, a missing flag."""
    def fit(self, X, y=None):
        t = pd.to_datetime(X.iloc[:, 0], utc=True, errors='coerce')
        self.origin_ = t.min()
        return self
    def transform(self, X):
        t = pd.to_datetime(X.iloc[:, 0], utc=True, errors='coerce')
        month, wd, doy, hour = t.dt.month, t.dt.weekday, t.dt.dayofyear, t.dt.hour
        tau = 2 * np.pi
        cols = [t.dt.year, month, t.dt.day, wd, doy, hour,
                np.sin(tau * (month - 1) / 12), np.cos(tau * (month - 1) / 12), np.sin(tau * wd / 7), np.cos(tau * wd / 7),
                np.sin(tau * (doy - 1) / 365.25), np.cos(tau * (doy - 1) / 365.25), np.sin(tau * hour / 24), np.cos(tau * hour / 24),
                (t - self.origin_).dt.total_seconds() / 86400, t.isna()]
        return np.column_stack([np.asarray(c, dtype=np.float64) for c in cols])

fill_text = FunctionTransformer(lambda s: s.fillna(''))
tfidf = Pipeline([('fill', fill_text), ('tfidf', TfidfVectorizer(max_features=500, min_df=2))])
ordinal = lambda: OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1)
scaled = lambda first=None: Pipeline(([('enc', first)] if first is not None else []) + [('impute', SimpleImputer(strategy='median', add_indicator=True)), ('scale', StandardScaler())])
if variant == 'linear':
    parts = [('num', scaled(), num), ('bool', SimpleImputer(strategy='median', add_indicator=True), boolean),
             ('low', OneHotEncoder(handle_unknown='infrequent_if_exist', min_frequency=5, max_categories=31, sparse_output=True), low),
             ('high', scaled(ordinal()), high), ('dt', scaled(DatetimeFeatures()), [dt]), ('txt', tfidf, txt)]
else:
    parts = [('num', 'passthrough', num), ('bool', 'passthrough', boolean), ('low', ordinal(), low), ('high', ordinal(), high),
             ('dt', DatetimeFeatures(), [dt]), ('txt', tfidf, txt)]
pipe = Pipeline([('ct', ColumnTransformer(parts, sparse_threshold=0.3)), ('var', VarianceThreshold())])

t = time.perf_counter()
df = pd.read_csv(path, dtype={**{c: 'float64' for c in num + boolean}, **{c: object for c in low + high + [dt, txt]}}, keep_default_na=False, na_values=[''])
load = time.perf_counter() - t
rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
y = df.pop('target').to_numpy()
t = time.perf_counter(); X = pipe.fit_transform(df, y); fit = time.perf_counter() - t
shape = list(X.shape); sparse = sp.issparse(X)
mb = (X.data.nbytes + X.indices.nbytes + X.indptr.nbytes if sparse else X.nbytes) / 2**20
del X
t = time.perf_counter(); X = pipe.transform(df); tr = time.perf_counter() - t
assert list(X.shape) == shape
print(json.dumps({'loadMs': load * 1e3, 'rssAfterLoadMb': rss_load, 'fitTransformMs': fit * 1e3, 'transformMs': tr * 1e3, 'shape': shape,
                  'dense': not sparse, 'matrixMb': mb, 'maxRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
`;

// ---------------------------------------------------------------------------------------------- child entry

if (opt.child) {
  const out = await autopipeChild(opt.child);
  process.stdout.write(JSON.stringify({ ...out, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------- parent

const variants = opt.only.split(',').filter((v) => v in CAPABILITIES);
const reference = !opt['no-reference'];
let pyVersions;
if (reference) {
  const probe = spawnSync(PY, ['-c', 'import sklearn, pandas, scipy; print(sklearn.__version__, pandas.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    fail(`${PY} lacks scikit-learn/pandas/scipy (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}).\n` +
      'Install them (apt-get install python3-sklearn python3-pandas) or run with --no-reference to time autopipe alone.');
  }
  pyVersions = probe.stdout.trim();
}

const csv = join(outDir, `transform-${ROWS}.csv`);
const schemaFile = csv + '.schema.json';
let schema;
if (reference) {
  if (opt.regen || !existsSync(csv) || !existsSync(schemaFile)) {
    process.stderr.write(`writing ${csv} …\n`);
    schema = await writeCsv(csv, ROWS);
    writeFileSync(schemaFile, JSON.stringify(schema));
  } else {
    schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  }
}

const results = [];
// A configuration that would outgrow the machine is killed before the kernel's OOM killer picks a victim among other
// people's jobs: cap its RSS at --max-rss-gb (default 80% of MemAvailable at start).
const memAvailableKb = Number(/MemAvailable:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? os.freemem() / 1024);
const maxRssKb = opt['max-rss-gb'] ? Number(opt['max-rss-gb']) * 2 ** 20 : Math.floor(memAvailableKb * 0.8);
async function run(label, cmd, args) {
  process.stderr.write(`running ${label} …\n`);
  const t = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  let watchdog = '';
  let highKb = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      highKb = Math.max(highKb, kb);
      if (kb > maxRssKb && !watchdog) {
        watchdog = `RSS ${Math.round(kb / 1024)} MB passed the ${Math.round(maxRssKb / 1024)} MB cap after ${((performance.now() - t) / 1000).toFixed(0)} s`;
        child.kill('SIGKILL');
      }
    } catch { /* the child has exited */ }
  }, 200);
  const [code, signal] = await once(child, 'close');
  clearInterval(timer);
  const wallMs = performance.now() - t;
  if (code !== 0) {
    const why = watchdog || (signal ? `killed by ${signal}` : `exit ${code}`);
    process.stderr.write(`${label} failed (${why}):\n${stderr.slice(-3000)}\n`);
    results.push({ label, error: `${why}${watchdog ? '' : ': ' + stderr.trim().split('\n').slice(-3).join(' / ')}`, wallMs, highRssMb: highKb / 1024 });
    return;
  }
  results.push({ label, ...JSON.parse(stdout), wallMs });
}
for (const v of variants) {
  await run(`autopipe ${v}`, process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', v, '--rows', String(ROWS)]);
  if (reference) await run(`sklearn ${v}`, PY, ['-c', PYTHON, csv, v, JSON.stringify(schema)]);
}

const fmt = (ms) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));
const rate = (ms) => (ms === undefined ? '–' : `${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')}`);
const lines = [
  `### Preprocessing, ${ROWS.toLocaleString('en-US')} rows × 50 features (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Host: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load avg ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; shared with other jobs, so timings are noisy. Node ${process.version}${reference ? `; sklearn/pandas ${pyVersions}` : ''}.`,
  '',
  '| configuration | fit+transform s | transform s | transform rows/s | peak RSS MB | peak RSS by end of fit MB | RSS with input MB | output shape | output MB |',
  '|---|---:|---:|---:|---:|---:|---:|---|---:|',
];
for (const r of results) {
  if (r.error) { lines.push(`| ${r.label} | failed: ${r.error.replace(/\|/g, '/')} | | | ${Math.round(r.highRssMb)} (sampled) | | | | |`); continue; }
  lines.push(`| ${r.label} | ${fmt(r.fitTransformMs)} | ${fmt(r.transformMs)} | ${rate(r.transformMs)} | ${Math.round(r.maxRssKb / 1024)} | ${r.fitPeakRssMb === undefined ? '–' : Math.round(r.fitPeakRssMb)} | ${Math.round(r.rssAfterGenerateMb ?? r.rssAfterLoadMb)} | ${r.shape.join(' × ')} ${r.dense ? 'dense' : 'sparse CSR'} | ${Math.round(r.matrixMb)} |`);
}
lines.push('', '"Peak RSS by end of fit" is the peak up to the fitted training matrix (autopipe only); "RSS with input" is RSS after generating (autopipe) or reading the CSV (sklearn), before preprocessing. sklearn 1.2 has no TargetEncoder: its high-cardinality columns are ordinal-encoded, where autopipe target-encodes them out-of-fold.');
for (const r of results) {
  if (!r.steps) continue;
  lines.push('', `**${r.label}** plan: ${r.plan.join(' → ')}`, '', '| step | in → out cols | fit s | train transform s | transform s |', '|---|---|---:|---:|---:|');
  for (const s of r.steps) lines.push(`| ${s.key} | ${s.inputs} → ${s.outputs} | ${fmt(s.fitMs)} | ${s.trainTransformMs === undefined ? '(in fit)' : fmt(s.trainTransformMs)} | ${fmt(s.transformMs)} |`);
  lines.push(`| frameToMatrix + checks | | | ${fmt(r.toMatrixFitMs)} | ${fmt(r.toMatrixTransformMs)} |`);
}
const md = lines.join('\n');
process.stdout.write(md + '\n');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'transform.json'), JSON.stringify({ rows: ROWS, cores: os.cpus().length, loadavg: os.loadavg(), node: process.version, python: pyVersions ?? null, results }, null, 2));
if (results.some((r) => r.error)) process.exitCode = 1;
