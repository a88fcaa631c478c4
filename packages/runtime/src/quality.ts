import { isCategoricalType, isNumericType, sortLabels, type ColumnType, type Frame } from '@autopipe/core';

/** One column's profile in the data-quality report. */
export interface ColumnProfile {
  readonly name: string;
  readonly type: ColumnType;
  readonly missing: number;
  readonly missingRate: number;
  /** Distinct non-missing values (counting stops at `DISTINCT_CAP`, then `distinctCapped` is true). */
  readonly distinct: number;
  readonly distinctCapped: boolean;
  readonly flags: readonly string[];
}

export interface QualityReport {
  readonly rows: number;
  readonly columns: number;
  readonly profiles: readonly ColumnProfile[];
  /** Groups of columns with identical contents (all but the first are redundant). */
  readonly duplicateColumns: readonly (readonly string[])[];
  readonly duplicateRows: number;
  readonly target?: {
    readonly name: string;
    readonly missing: number;
    readonly classes?: readonly { readonly label: string; readonly count: number; readonly share: number }[];
    readonly summary?: { readonly min: number; readonly max: number; readonly mean: number; readonly std: number };
  };
  /** Features that alone predict the target almost perfectly: a sign the target leaked into the data. */
  readonly leakageSuspects: readonly { readonly column: string; readonly score: number; readonly measure: string }[];
  readonly warnings: readonly string[];
}

const DISTINCT_CAP = 100_000;
const LEAK_THRESHOLD = 0.98;
const LEAK_BINS = 32;

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

function profile(frame: Frame, name: string): ColumnProfile {
  const type = frame.typeOf(name);
  const col = frame.column(name);
  const n = col.length;
  const seen = new Set<string | number>();
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (isMissing(v)) missing++;
    else if (seen.size < DISTINCT_CAP) seen.add(v as string | number);
  }
  const flags: string[] = [];
  if (missing === n) flags.push('all missing');
  else if (seen.size === 1) flags.push('constant');
  if (type === 'id') flags.push('identifier-like');
  if (isCategoricalType(type) && seen.size > 1000) flags.push(`extreme cardinality (${seen.size}${seen.size >= DISTINCT_CAP ? '+' : ''} distinct)`);
  if (missing / Math.max(1, n) > 0.5 && missing < n) flags.push('mostly missing');
  return { name, type, missing, missingRate: n ? missing / n : 0, distinct: seen.size, distinctCapped: seen.size >= DISTINCT_CAP, flags };
}

/** FNV-1a over a cell's text, mixed into a running per-row hash. */
function mix(h: number, v: unknown): number {
  const s = isMissing(v) ? '\u0000' : String(v);
  let x = h ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return x >>> 0;
}

function rowHashes(frame: Frame, names: readonly string[]): Uint32Array {
  const h = new Uint32Array(frame.nrow).fill(0x811c9dc5);
  for (const name of names) {
    const col = frame.column(name);
    for (let i = 0; i < h.length; i++) h[i] = mix(h[i], col[i]);
  }
  return h;
}

function sameCell(a: unknown, b: unknown): boolean {
  return a === b || (isMissing(a) && isMissing(b));
}

function countDuplicateRows(frame: Frame, names: readonly string[]): number {
  const h = rowHashes(frame, names);
  const cols = names.map((n) => frame.column(n));
  const first = new Map<number, number[]>();
  let dup = 0;
  for (let i = 0; i < h.length; i++) {
    const bucket = first.get(h[i]);
    if (!bucket) { first.set(h[i], [i]); continue; }
    // Hashes can collide: confirm cell by cell before counting a duplicate.
    if (bucket.some((r) => cols.every((c) => sameCell(c[r], c[i])))) dup++;
    else bucket.push(i);
  }
  return dup;
}

function duplicateColumnGroups(frame: Frame, names: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const col = frame.column(name);
    let h = 0x811c9dc5;
    for (let i = 0; i < col.length; i++) h = mix(h, col[i]);
    const key = `${isNumericType(frame.typeOf(name)) ? 'n' : 's'}${h}`;
    const g = groups.get(key);
    if (!g) { groups.set(key, [name]); continue; }
    const other = frame.column(g[0]);
    let same = true;
    for (let i = 0; i < col.length && same; i++) same = sameCell(col[i], other[i]);
    if (same) g.push(name);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Codes of a feature for the univariate leakage check: quantile bins for numbers, category codes for strings. */
function featureCodes(frame: Frame, name: string): { codes: Int32Array; k: number } | null {
  const col = frame.column(name);
  const n = col.length;
  const codes = new Int32Array(n);
  if (col instanceof Float64Array) {
    const sorted = Float64Array.from(col).filter((v) => !Number.isNaN(v)).sort();
    if (sorted.length === 0) return null;
    const edges: number[] = [];
    for (let b = 1; b < LEAK_BINS; b++) {
      const e = sorted[Math.floor((b * sorted.length) / LEAK_BINS)];
      if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
    }
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (Number.isNaN(v)) { codes[i] = 0; continue; }
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (v < edges[m]) hi = m; else lo = m + 1; }
      codes[i] = lo + 1;
    }
    return { codes, k: edges.length + 2 };
  }
  const ids = new Map<string | null, number>();
  for (let i = 0; i < n; i++) {
    const v = col[i] as string | null;
    let c = ids.get(v);
    if (c === undefined) { c = ids.size; ids.set(v, c); }
    codes[i] = c;
  }
  // Many categories with few rows each predict anything by memorizing: not evidence of leakage.
  if (ids.size > Math.max(50, n / 20)) return null;
  return { codes, k: ids.size };
}

/** Balanced accuracy of predicting each group's majority class (classification) or R² of group means (regression). */
function univariateScore(codes: Int32Array, k: number, y: Int32Array | Float64Array, classes: number): number {
  const n = codes.length;
  if (classes > 0) {
    const counts = new Float64Array(k * classes);
    const perClass = new Float64Array(classes);
    for (let i = 0; i < n; i++) { counts[codes[i] * classes + y[i]]++; perClass[y[i]]++; }
    const hits = new Float64Array(classes);
    for (let g = 0; g < k; g++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (counts[g * classes + c] > counts[g * classes + best]) best = c;
      hits[best] += counts[g * classes + best];
    }
    let s = 0;
    let present = 0;
    for (let c = 0; c < classes; c++) if (perClass[c] > 0) { s += hits[c] / perClass[c]; present++; }
    return s / present;
  }
  const sum = new Float64Array(k);
  const cnt = new Float64Array(k);
  let mean = 0;
  for (let i = 0; i < n; i++) { sum[codes[i]] += y[i]; cnt[codes[i]]++; mean += y[i]; }
  mean /= n;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    sse += (y[i] - sum[g] / cnt[g]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  return sst > 0 ? 1 - sse / sst : 0;
}

function targetInfo(frame: Frame, target: string): { info: NonNullable<QualityReport['target']>; y: Int32Array | Float64Array; classes: number; rows: Int32Array } {
  const col = frame.column(target);
  const rows: number[] = [];
  for (let i = 0; i < col.length; i++) if (!isMissing(col[i])) rows.push(i);
  const missing = col.length - rows.length;
  const labels = rows.map((i) => String(col[i]));
  const distinct = sortLabels(labels);
  const numericTarget = col instanceof Float64Array && distinct.length > 20;
  if (numericTarget) {
    const y = Float64Array.from(rows, (i) => col[i] as number);
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of y) { if (v < min) min = v; if (v > max) max = v; sum += v; }
    const mean = sum / Math.max(1, y.length);
    let ss = 0;
    for (const v of y) ss += (v - mean) ** 2;
    const std = Math.sqrt(ss / Math.max(1, y.length));
    return { info: { name: target, missing, summary: { min, max, mean, std } }, y, classes: 0, rows: Int32Array.from(rows) };
  }
  const index = new Map(distinct.map((l, i) => [l, i]));
  const y = Int32Array.from(labels, (l) => index.get(l)!);
  const counts = new Array(distinct.length).fill(0);
  for (const c of y) counts[c]++;
  const classes = distinct.map((label, i) => ({ label, count: counts[i], share: counts[i] / Math.max(1, y.length) }));
  return { info: { name: target, missing, classes }, y, classes: distinct.length, rows: Int32Array.from(rows) };
}

/** Profiles a frame: what is wrong with it before any time budget is spent on it. */
export function inspectFrame(frame: Frame, target?: string): QualityReport {
  const names = frame.names;
  const profiles = names.map((n) => profile(frame, n));
  const features = names.filter((n) => n !== target);
  const duplicateColumns = duplicateColumnGroups(frame, features);
  const duplicateRows = countDuplicateRows(frame, names);
  const warnings: string[] = [];
  for (const p of profiles) if (p.flags.length) warnings.push(`column "${p.name}": ${p.flags.join(', ')}`);
  for (const g of duplicateColumns) warnings.push(`columns ${g.map((c) => `"${c}"`).join(', ')} are identical`);
  if (duplicateRows > 0) warnings.push(`${duplicateRows} duplicate row(s)`);
  let tgt: QualityReport['target'];
  const leakageSuspects: { column: string; score: number; measure: string }[] = [];
  if (target !== undefined && frame.has(target)) {
    const t = targetInfo(frame, target);
    tgt = t.info;
    if (t.info.missing > 0) warnings.push(`target "${target}" is missing in ${t.info.missing} row(s); they are left out of training`);
    const minority = t.info.classes?.reduce((m, c) => Math.min(m, c.share), 1);
    if (minority !== undefined && minority < 0.05) warnings.push(`target "${target}" is imbalanced: the rarest class is ${(minority * 100).toFixed(1)}% of rows`);
    const sub = t.rows.length === frame.nrow ? frame : frame.take(t.rows);
    for (const name of features) {
      const type = sub.typeOf(name);
      if (type === 'id' || type === 'constant' || type === 'text') continue;
      const fc = featureCodes(sub, name);
      if (!fc) continue;
      const score = univariateScore(fc.codes, fc.k, t.y, t.classes);
      if (score >= LEAK_THRESHOLD) leakageSuspects.push({ column: name, score, measure: t.classes ? 'balanced accuracy alone' : 'R² alone' });
    }
    for (const s of leakageSuspects) warnings.push(`column "${s.column}" alone predicts the target (${s.measure} ${s.score.toFixed(3)}): possible target leakage — check it, or --ignore it`);
  }
  return { rows: frame.nrow, columns: names.length, profiles, duplicateColumns, duplicateRows, ...(tgt ? { target: tgt } : {}), leakageSuspects, warnings };
}
