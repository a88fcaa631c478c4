import { describe, expect, it } from 'vitest';
import {
  Frame, Rng, fitTransformFrame, frameToMatrix, spliceColumns,
  type ColumnSchema, type FittedTransformer, type Matrix, type NamedColumn, type StateValue, type Target, type TransformerDefinition,
} from '@autopipe/core';
import { applySteps, fitSteps } from '../src/pipeline.js';
import type { StepSpec } from '../src/planner.js';
import type { Registry } from '../src/registry.js';

/**
 * `fitSteps` writes each step's training output chunk by chunk into the buffer that becomes the matrix, reusing
 * slots in place and permuting them at the end. Whatever the chunk size, the matrix must equal, bit for bit, the
 * one-pass way it replaced (each step's whole output frame, then `frameToMatrix`).
 */

type Fit = (frame: Frame, cols: readonly string[]) => { outputs: ColumnSchema[]; transform: (frame: Frame) => Frame };

function def(key: string, accepts: TransformerDefinition['accepts'], fit: Fit, fitTransform?: TransformerDefinition['fitTransform']): TransformerDefinition {
  const make = (frame: Frame, cols: readonly string[]): FittedTransformer => {
    const f = fit(frame, cols);
    return { transformer: key, inputs: [...cols], outputs: f.outputs, transform: f.transform, state: () => ({}) as StateValue };
  };
  return { kind: 'transformer', key, description: key, accepts, defaults: {}, fit: (frame, cols) => make(frame, cols), fitTransform, restore: () => { throw new Error('unused'); } };
}

const splice = (frame: Frame, cols: readonly string[], each: (name: string, frame: Frame) => NamedColumn[]) =>
  spliceColumns(frame, new Map(cols.map((c) => [c, each(c, frame)])));

/** Median-free imputer: NaN → the column's training maximum, plus a `<col>?` indicator (same names: in place). */
const fill = def('fill', ['numeric', 'boolean'], (frame, cols) => {
  const max = cols.map((c) => frame.numeric(c).reduce((m, v) => (v > m ? v : m), -Infinity));
  return {
    outputs: cols.flatMap((c) => [{ name: c, type: 'numeric' as const }, { name: `${c}?`, type: 'boolean' as const }]),
    transform: (f) => splice(f, cols, (c) => {
      const src = f.numeric(c);
      const m = max[cols.indexOf(c)];
      return [
        { schema: { name: c, type: 'numeric' }, data: src.map((v) => (v === v ? v : m)) },
        { schema: { name: `${c}?`, type: 'boolean' }, data: src.map((v) => (v === v ? 0 : 1)) },
      ];
    }),
  };
});

/** Returns its input untouched on rows without NaN and a copy otherwise: the lazy pass-through case. */
const clean = def('clean', ['numeric'], (_frame, cols) => ({
  outputs: cols.map((name) => ({ name, type: 'numeric' as const })),
  transform: (f) => splice(f, cols, (c) => {
    const src = f.numeric(c);
    return [{ schema: { name: c, type: 'numeric' }, data: src.some((v) => v !== v) ? src.map((v) => (v === v ? v : -1)) : src }];
  }),
}));

/** String → `<col>#len`, `<col>#<k>` for `k` in 0..width-1 (hash buckets): many fresh columns, growing the arena. */
const width = 37;
const explode = def('explode', ['categorical', 'text'], (_frame, cols) => ({
  outputs: cols.flatMap((c) => [`${c}#len`, ...Array.from({ length: width }, (_, k) => `${c}#${k}`)].map((name) => ({ name, type: 'numeric' as const }))),
  transform: (f) => splice(f, cols, (c) => {
    const src = f.strings(c);
    const len = Float64Array.from(src, (s) => (s === null ? NaN : s.length));
    const buckets = Array.from({ length: width }, (_, k) => Float64Array.from(src, (s) => (s !== null && s.charCodeAt(0) % width === k ? 1 : 0)));
    return [{ schema: { name: `${c}#len`, type: 'numeric' }, data: len }, ...buckets.map((data, k) => ({ schema: { name: `${c}#${k}`, type: 'numeric' as const }, data }))];
  }),
}));

/** Numeric → strings (a string output written chunk by chunk), for a later `explode`. */
const bin = def('bin', ['numeric'], (_frame, cols) => ({
  outputs: cols.map((name) => ({ name: `${name}@bin`, type: 'categorical' as const })),
  transform: (f) => splice(f, cols, (c) => [{ schema: { name: `${c}@bin`, type: 'categorical' }, data: Array.from(f.numeric(c), (v) => (v === v ? (v > 0 ? 'pos' : 'neg') : null)) }]),
}));

/** Drops constant columns and passes the others through untouched, like `select.variance`. */
const dropConstant = def('drop', ['numeric', 'boolean'], (frame, cols) => {
  const gone = cols.filter((c) => { const d = frame.numeric(c); return d.every((v) => Object.is(v, d[0])); });
  return { outputs: cols.filter((c) => !gone.includes(c)).map((name) => ({ name, type: frame.typeOf(name) })), transform: (f) => f.drop(gone.filter((g) => f.has(g))) };
});

/** Multiplies by a column it does not list as input: cannot be chunked on its inputs, so it is applied in one pass. */
const byRef = def('byref', ['numeric'], (_frame, cols) => ({
  outputs: cols.map((name) => ({ name, type: 'numeric' as const })),
  transform: (f) => splice(f, cols, (c) => { const r = f.numeric('ref'); return [{ schema: { name: c, type: 'numeric' }, data: f.numeric(c).map((v, i) => v * r[i]) }]; }),
}));

/** Out-of-fold style: the training output (row parity of the target) differs from `transform` (constant 0.5). */
const oofFit = (frame: Frame, cols: readonly string[]) => ({
  outputs: cols.map((name) => ({ name: `${name}@te`, type: 'numeric' as const })),
  transform: (f: Frame) => splice(f, cols, (c) => [{ schema: { name: `${c}@te`, type: 'numeric' }, data: new Float64Array(f.nrow).fill(0.5) }]),
});
const oof = def('oof', ['categorical'], oofFit, (frame, cols, _p, ctx) => {
  const codes = (ctx.target as Extract<Target, { kind: 'classification' }>).codes;
  const fitted = oof.fit(frame, cols, {}, ctx) as FittedTransformer;
  const output = splice(frame, cols, (c) => [{ schema: { name: `${c}@te`, type: 'numeric' }, data: Float64Array.from(codes, (k, i) => k + (i % 3) / 10) }]);
  return { fitted, output };
});

const defs: Record<string, TransformerDefinition> = Object.fromEntries([fill, clean, explode, bin, dropConstant, byRef, oof].map((d) => [d.key, d]));
const registry = { transformer: (k: string) => defs[k] } as unknown as Registry;
const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };

/** What `fitSteps` did before: every step's whole output frame, then a copy into the matrix. */
async function onePass(specs: readonly StepSpec[], frame: Frame, y: Target): Promise<Matrix> {
  let cur = frame;
  for (const s of specs) {
    const columns = s.select ? cur.schema.filter((c) => s.select!.includes(c.type)).map((c) => c.name) : s.columns;
    if (columns.length === 0) continue;
    cur = (await fitTransformFrame(registry.transformer(s.transformer), cur, columns, s.params, { ...ctx, target: y })).output;
  }
  return frameToMatrix(cur);
}

function data(rows: number): { frame: Frame; y: Target } {
  const rng = new Rng(5);
  const num = (pMissing: number) => Float64Array.from({ length: rows }, () => (rng.next() < pMissing ? NaN : Math.round(rng.next() * 200 - 100) / 10));
  const str = (levels: string[]) => Array.from({ length: rows }, () => (rng.next() < 0.1 ? null : levels[Math.floor(rng.next() * levels.length)]));
  const cols: NamedColumn[] = [
    { schema: { name: 'u', type: 'categorical' }, data: str(['apple', 'kiwi', 'fig']) },
    { schema: { name: 'a', type: 'numeric' }, data: num(0.2) },
    { schema: { name: 'rare', type: 'numeric' }, data: num(0.01) },
    { schema: { name: 'ref', type: 'numeric' }, data: num(0) },
    { schema: { name: 'flag', type: 'boolean' }, data: Float64Array.from({ length: rows }, () => (rng.next() < 0.5 ? 1 : 0)) },
    { schema: { name: 'const', type: 'numeric' }, data: new Float64Array(rows).fill(3) },
    { schema: { name: 'v', type: 'text' }, data: str(['hello world', 'zebra', 'quiet night', '']) },
    { schema: { name: 'id', type: 'categorical' }, data: Array.from({ length: rows }, (_, i) => `id${i}`) },
  ];
  return { frame: Frame.fromColumns(cols), y: { kind: 'classification', classes: ['0', '1'], codes: Int32Array.from({ length: rows }, () => (rng.next() < 0.4 ? 1 : 0)) } };
}

const step = (transformer: string, columns: string[], select?: StepSpec['select']): StepSpec => ({ transformer, columns, select, params: {} });
const bytes = (m: Matrix) => new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength);

const PLANS: Record<string, StepSpec[]> = {
  // Fresh slots for `v`, then for `u` (which sits before `v`): the final permutation has cycles.
  'encode later columns first, impute in place, select': [step('explode', ['v']), step('clean', ['rare']), step('fill', [], ['numeric', 'boolean']), step('explode', ['u']), step('oof', ['id']), step('drop', [], ['numeric', 'boolean'])],
  'strings written by chunks, a step read beyond its inputs': [step('bin', ['a']), step('explode', ['a@bin', 'u', 'v']), step('byref', ['rare']), step('oof', ['id']), step('fill', [], ['numeric'])],
  'pass-through input columns only': [step('oof', ['id']), step('drop', [], ['numeric', 'boolean']), step('explode', ['u', 'v'])],
};

describe('fitSteps', () => {
  for (const [title, plan] of Object.entries(PLANS)) {
    it(`equals the one-pass matrix bit for bit at every chunk size: ${title}`, async () => {
      const { frame, y } = data(150);
      const before = frame.columns().map((c) => c.data.slice());
      const want = await onePass(plan, frame, y);
      for (const chunk of [1, 7, 100, 1000]) {
        const { x, fitted } = await fitSteps(registry, plan, frame, y, ctx, chunk);
        expect(x.names).toEqual(want.names);
        expect(fitted.columns).toEqual(want.names);
        expect([x.rows, x.cols, x.data.length]).toEqual([want.rows, want.cols, want.data.length]);
        expect(bytes(x)).toEqual(bytes(want));
      }
      // applySteps (no fitTransform outputs at predict time) chunk by chunk equals its one-pass result.
      const { fitted } = await fitSteps(registry, plan, frame, y, ctx);
      const whole = applySteps(fitted, frame, Infinity);
      for (const chunk of [1, 7, 100]) expect(bytes(applySteps(fitted, frame, chunk))).toEqual(bytes(whole));
      // The caller's frame is read, never written.
      frame.columns().forEach((c, j) => expect(c.data).toEqual(before[j]));
    });
  }

  it('handles an empty plan and an empty frame', async () => {
    const { frame, y } = data(50);
    const nums = frame.select(['a', 'ref']);
    const x = (await fitSteps(registry, [], nums, y, ctx, 8)).x;
    expect(bytes(x)).toEqual(bytes(frameToMatrix(nums)));
    const empty = nums.take([]);
    const none: Target = { kind: 'classification', classes: ['0', '1'], codes: new Int32Array(0) };
    const plan = [step('fill', [], ['numeric'])];
    const e = (await fitSteps(registry, plan, empty, none, ctx, 8)).x;
    const want = await onePass(plan, empty, none);
    expect([e.rows, e.cols, e.names]).toEqual([0, 4, want.names]);
  });
});
