import { describe, expect, it } from 'vitest';
import { Frame, Rng } from '@autopipe/core';
import { inspectFrame } from '../src/index.js';

function frame(n: number): Frame {
  const rng = new Rng(1);
  const x = new Float64Array(n);
  const leak = new Float64Array(n);
  const copy = new Float64Array(n);
  const constant: string[] = [];
  const cat: (string | null)[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    const label = rng.next() < 0.3 ? 'yes' : 'no';
    y.push(label);
    leak[i] = label === 'yes' ? 10 + rng.next() : rng.next();
    copy[i] = x[i];
    constant.push('k');
    cat.push(i % 10 === 0 ? null : ['a', 'b', 'c'][i % 3]);
  }
  return Frame.fromColumns([
    { schema: { name: 'x', type: 'numeric' }, data: x },
    { schema: { name: 'leak', type: 'numeric' }, data: leak },
    { schema: { name: 'x_copy', type: 'numeric' }, data: copy },
    { schema: { name: 'k', type: 'constant' }, data: constant },
    { schema: { name: 'cat', type: 'categorical' }, data: cat },
    { schema: { name: 'y', type: 'categorical' }, data: y },
  ]);
}

describe('inspectFrame', () => {
  it('profiles missing rates, constants, duplicate columns and class balance', () => {
    const r = inspectFrame(frame(500), 'y');
    expect(r.rows).toBe(500);
    const cat = r.profiles.find((p) => p.name === 'cat')!;
    expect(cat.missing).toBe(50);
    expect(cat.missingRate).toBeCloseTo(0.1);
    expect(cat.distinct).toBe(3);
    expect(r.profiles.find((p) => p.name === 'k')!.flags).toContain('constant');
    expect(r.duplicateColumns).toEqual([['x', 'x_copy']]);
    expect(r.target!.classes!.map((c) => c.label)).toEqual(['no', 'yes']);
    expect(r.target!.classes!.reduce((a, c) => a + c.count, 0)).toBe(500);
  });

  it('flags a feature that alone predicts the target, and not an honest one', () => {
    const r = inspectFrame(frame(500), 'y');
    expect(r.leakageSuspects.map((s) => s.column)).toEqual(['leak']);
    expect(r.warnings.join('\n')).toMatch(/column "leak" alone predicts the target/);
  });

  it('counts duplicate rows exactly (missing cells equal each other)', () => {
    const base = frame(50);
    const f = base.take([...Array.from({ length: 50 }, (_, i) => i), 3, 3, 7]);
    expect(inspectFrame(f).duplicateRows).toBe(3);
    expect(inspectFrame(base).duplicateRows).toBe(0);
  });

  it('regression targets get a summary and R² leakage checks', () => {
    const n = 400;
    const y = Float64Array.from({ length: n }, (_, i) => i * 1.5);
    const leak = Float64Array.from(y, (v) => v * 2 + 1);
    const noise = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const f = Frame.fromColumns([
      { schema: { name: 'leak', type: 'numeric' }, data: leak },
      { schema: { name: 'noise', type: 'numeric' }, data: noise },
      { schema: { name: 'y', type: 'numeric' }, data: y },
    ]);
    const r = inspectFrame(f, 'y');
    expect(r.target!.summary!.min).toBe(0);
    expect(r.target!.summary!.max).toBe(598.5);
    expect(r.leakageSuspects.map((s) => s.column)).toEqual(['leak']);
  });
});
