import { Frame, Rng, createMatrix, sortLabels, type Matrix, type Target } from '@autopipe/core';

/** A learnable synthetic problem, column-major, for contract checks. */
export interface Problem {
  readonly x: Matrix;
  readonly y: Target;
}

/**
 * Classification data with `classes` Gaussian blobs in `cols` dimensions: well separated, so any working
 * classifier beats the majority class clearly. Deterministic in `seed`.
 */
export function makeClassification(rows: number, cols: number, classes: number, seed: number): Problem {
  const rng = new Rng(seed);
  const centers = Array.from({ length: classes }, () => Array.from({ length: cols }, () => rng.normal() * 2.5));
  const data = new Float64Array(rows * cols);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % classes;
    codes[i] = c;
    for (let j = 0; j < cols; j++) data[j * rows + i] = centers[c][j] + rng.normal();
  }
  const labels = Array.from({ length: classes }, (_, c) => `c${c}`);
  return { x: createMatrix(rows, Array.from({ length: cols }, (_, j) => `x${j}`), data), y: { kind: 'classification', classes: sortLabels(labels), codes } };
}

/** Regression data: a linear signal plus a smooth non-linear term and noise. */
export function makeRegression(rows: number, cols: number, seed: number): Problem {
  const rng = new Rng(seed);
  const w = Array.from({ length: cols }, () => rng.normal());
  const data = new Float64Array(rows * cols);
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const v = rng.normal();
      data[j * rows + i] = v;
      s += w[j] * v;
    }
    values[i] = 3 * s + Math.sin(data[i]) + 0.1 * rng.normal();
  }
  return { x: createMatrix(rows, Array.from({ length: cols }, (_, j) => `x${j}`), data), y: { kind: 'regression', values } };
}

/** A copy of a matrix with some cells set to NaN. */
export function withMissing(x: Matrix, fraction: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const data = x.data.slice();
  for (let i = 0; i < data.length; i++) if (rng.next() < fraction) data[i] = NaN;
  data[0] = NaN;
  return { ...x, data };
}

/**
 * A small mixed-type frame for transformer checks: numeric and boolean columns with NaN, categorical,
 * text and datetime (ISO-8601 strings) columns with nulls, in every storage convention core defines.
 */
export function sampleFrame(rows: number, seed: number): Frame {
  const rng = new Rng(seed);
  const num = new Float64Array(rows);
  const num2 = new Float64Array(rows);
  const bool = new Float64Array(rows);
  const cat: (string | null)[] = [];
  const cat2: (string | null)[] = [];
  const text: (string | null)[] = [];
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  for (let i = 0; i < rows; i++) {
    num[i] = rng.next() < 0.1 ? NaN : rng.normal() * 10 + 5;
    num2[i] = Math.exp(rng.normal());
    bool[i] = rng.next() < 0.05 ? NaN : rng.next() < 0.4 ? 1 : 0;
    cat.push(rng.next() < 0.1 ? null : ['red', 'green', 'blue', 'teal'][rng.int(4)]);
    cat2.push(['a', 'b', 'c', 'd', 'e', 'f', 'g'][Math.min(6, Math.floor(-Math.log(1 - rng.next()) * 2))]);
    text.push(rng.next() < 0.05 ? null : Array.from({ length: 2 + rng.int(5) }, () => words[rng.int(words.length)]).join(' '));
  }
  // Own generator, so adding this column did not change the values of the columns above.
  const whenRng = new Rng(seed + 7919);
  const when: (string | null)[] = [];
  for (let i = 0; i < rows; i++) {
    const ms = Date.UTC(2020, 0, 1) + Math.floor(whenRng.next() * 3 * 365 * 86_400) * 1000;
    const iso = new Date(ms).toISOString();
    when.push(whenRng.next() < 0.05 ? null : i % 3 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`);
  }
  return Frame.fromColumns([
    { schema: { name: 'num', type: 'numeric' }, data: num },
    { schema: { name: 'num2', type: 'numeric' }, data: num2 },
    { schema: { name: 'flag', type: 'boolean' }, data: bool },
    { schema: { name: 'color', type: 'categorical' }, data: cat },
    { schema: { name: 'letter', type: 'categorical' }, data: cat2 },
    { schema: { name: 'note', type: 'text' }, data: text },
    { schema: { name: 'when', type: 'datetime' }, data: when },
  ]);
}

/**
 * A frame of the same columns holding values never seen in `sampleFrame`: new categories, all-missing cells,
 * a datetime that does not parse and one far outside the training range.
 */
export function unseenFrame(rows: number): Frame {
  const nan = new Float64Array(rows).fill(NaN);
  const nul: (string | null)[] = Array.from({ length: rows }, (_, i) => (i % 2 ? null : 'never-seen'));
  return Frame.fromColumns([
    { schema: { name: 'num', type: 'numeric' }, data: nan },
    { schema: { name: 'num2', type: 'numeric' }, data: new Float64Array(rows).fill(1e9) },
    { schema: { name: 'flag', type: 'boolean' }, data: nan.slice() },
    { schema: { name: 'color', type: 'categorical' }, data: nul },
    { schema: { name: 'letter', type: 'categorical' }, data: nul.slice() },
    { schema: { name: 'note', type: 'text' }, data: nul.slice() },
    { schema: { name: 'when', type: 'datetime' }, data: Array.from({ length: rows }, (_, i) => (i === 0 ? 'not a date' : i % 2 ? null : '2099-06-15T08:30:00+05:30')) },
  ]);
}
