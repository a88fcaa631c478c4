import { describe, expect, it } from 'vitest';
import { Frame, frameToMatrix, matrixColumn, takeRows, targetFromFrame, sortLabels } from '../src/index.js';

const f = () => Frame.fromColumns([
  { schema: { name: 'x', type: 'numeric' }, data: new Float64Array([1, NaN, 3]) },
  { schema: { name: 'c', type: 'categorical' }, data: ['a', null, 'b'] },
  { schema: { name: 'y', type: 'numeric' }, data: new Float64Array([10, 2, 1]) },
]);

describe('Frame', () => {
  it('enforces storage conventions and equal lengths', () => {
    expect(() => Frame.fromColumns([{ schema: { name: 'x', type: 'numeric' }, data: ['1'] }])).toThrow(/must be stored as a Float64Array/);
    expect(() => Frame.fromColumns([{ schema: { name: 'c', type: 'categorical' }, data: new Float64Array(1) }])).toThrow(/array of strings/);
    expect(() => Frame.fromColumns([
      { schema: { name: 'a', type: 'numeric' }, data: new Float64Array(2) },
      { schema: { name: 'b', type: 'numeric' }, data: new Float64Array(3) },
    ])).toThrow(/has 3 rows, others have 2/);
  });

  it('selects, takes rows in order with repeats, replaces and retypes columns', () => {
    const t = f().take([2, 0, 2]);
    expect(Array.from(t.numeric('x'))).toEqual([3, 1, 3]);
    expect(t.strings('c')).toEqual(['b', 'a', 'b']);
    expect(f().select(['c']).names).toEqual(['c']);
    expect(f().with([{ schema: { name: 'x', type: 'numeric' }, data: new Float64Array([0, 0, 0]) }, { schema: { name: 'z', type: 'boolean' }, data: new Float64Array([1, 0, 1]) }]).names).toEqual(['x', 'c', 'y', 'z']);
    expect(f().retype({ c: 'text' }).typeOf('c')).toBe('text');
    expect(() => f().column('nope')).toThrow(/Unknown column "nope". Columns are: x, c, y/);
  });

  it('builds a column-major matrix from numeric columns only', () => {
    const m = frameToMatrix(f(), ['y', 'x']);
    expect(Array.from(m.data)).toEqual([10, 2, 1, 1, NaN, 3]);
    expect(Array.from(matrixColumn(m, 1))).toEqual([1, NaN, 3]);
    expect(Array.from(takeRows(m, [2, 0]).data)).toEqual([1, 10, 3, 1]);
    expect(() => frameToMatrix(f())).toThrow(/Column "c" is categorical/);
  });

  it('reads targets: numeric labels sort numerically, missing targets name the row', () => {
    expect(sortLabels(['10', '9', '1'])).toEqual(['1', '9', '10']);
    expect(sortLabels(['b', 'a'])).toEqual(['a', 'b']);
    const y = targetFromFrame(f(), 'y', 'multiclass');
    expect(y).toEqual({ kind: 'classification', classes: ['1', '2', '10'], codes: new Int32Array([2, 1, 0]) });
    expect(() => targetFromFrame(f(), 'x', 'regression')).toThrow(/missing at data row 2/);
    expect(() => targetFromFrame(f(), 'c', 'regression')).toThrow(/regression needs a numeric target/);
  });
});

describe('column names that are Object.prototype members', () => {
  it('are ordinary names: "constructor", "toString" and "hasOwnProperty" build a frame and read back; "__proto__" is refused clearly', () => {
    const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const f = Frame.fromColumns(names.map((name, i) => ({ schema: { name, type: 'numeric' as const }, data: new Float64Array([i, i + 1]) })));
    expect(f.names).toEqual(names);
    names.forEach((n, i) => expect(Array.from(f.numeric(n))).toEqual([i, i + 1]));
    expect(() => Frame.fromColumns([{ schema: { name: 'constructor', type: 'numeric' }, data: new Float64Array(1) }, { schema: { name: 'constructor', type: 'numeric' }, data: new Float64Array(1) }])).toThrow(/appears twice/);
    expect(() => Frame.fromColumns([{ schema: { name: '__proto__', type: 'numeric' }, data: new Float64Array(1) }])).toThrow(/named "__proto__".*rename/);
  });
});
