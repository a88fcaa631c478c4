import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, stateField } from '../src/index.js';

describe('state encoding', () => {
  it('round-trips typed arrays bit for bit and non-finite numbers', () => {
    const s = {
      a: new Float64Array([0.1, -0, NaN, Infinity, 1e-310]),
      b: [new Int32Array([1, -2]), new Uint8Array([255, 0, 7])],
      c: { n: NaN, inf: -Infinity, s: 'x', t: true, z: null },
    };
    const back = decodeState(encodeState(s)) as typeof s;
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Array.from(back.a)).toEqual(Array.from(s.a));
    expect(Object.is(back.a[1], -0)).toBe(true);
    expect(back.b[0]).toEqual(new Int32Array([1, -2]));
    expect(back.b[1]).toEqual(new Uint8Array([255, 0, 7]));
    expect(back.c).toEqual({ n: NaN, inf: -Infinity, s: 'x', t: true, z: null });
  });

  it('aligns arrays to 8 bytes and rejects references outside the buffer', () => {
    const enc = encodeState({ u: new Uint8Array([1, 2, 3]), f: new Float64Array([1.5]) });
    expect(enc.binary.byteLength).toBe(16);
    expect(() => decodeState({ json: enc.json, binary: enc.binary.subarray(0, 8) })).toThrow(/damaged/);
  });

  it('stateField names the owner and field when a field is missing', () => {
    expect(() => stateField({ a: 1 }, 'b', () => true, 'estimator "x"')).toThrow(/estimator "x" has no valid "b" field/);
  });
});
