import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder, decodeModel, runOnnx } from '../src/index.js';

describe('OnnxGraphBuilder', () => {
  it('round-trips a small graph through onnxruntime: doubles keep every bit, strings and ai.onnx.ml work', async () => {
    const g = new OnnxGraphBuilder();
    const x = g.input('x', 'double', ['N', 2]);
    const s = g.input('s', 'string', ['N', 1]);
    // 0.1 and 1/3 are not representable in float32: a float path would change the last bits.
    const w = g.constant({ type: 'double', dims: [2, 1], values: [0.1, 1 / 3] }, 'w');
    const [y] = g.node('MatMul', [x, w]);
    const [code] = g.node('LabelEncoder', [s], { keys_strings: { strings: ['a', 'b'] }, values_int64s: { ints: [0, 1] }, default_int64: { int: -1 } }, { domain: 'ai.onnx.ml' });
    const [isB] = g.node('Equal', [s, g.constant({ type: 'string', dims: [], values: ['b'] })]);
    const [upper] = g.node('Where', [isB, g.constant({ type: 'string', dims: [], values: ['B!'] }), s]);
    g.output('y', y, 'double', ['N', 1]);
    g.output('code', code, 'int64', ['N', 1]);
    g.output('upper', upper, 'string', ['N', 1]);
    const out = await runOnnx(g.toBytes(), { x: { data: Float64Array.from([1, 2, -3, 0.5]), dims: [2, 2] }, s: { data: ['b', 'zz'], dims: [2, 1] } });
    expect(Array.from(out.y.data as Float64Array)).toEqual([1 * 0.1 + 2 * (1 / 3), -3 * 0.1 + 0.5 * (1 / 3)]);
    expect(Array.from(out.code.data as BigInt64Array)).toEqual([1n, -1n]);
    expect(out.upper.data).toEqual(['B!', 'zz']);
    expect(out.y.dims).toEqual([2, 1]);
  });

  it('writes a standard ModelProto: IR version for the opset, both opset imports, producer, named graph', () => {
    const g = new OnnxGraphBuilder({ opset: { onnx: 17, ml: 3 }, name: 'tiny', metadata: { task: 'binary' } });
    const x = g.input('x', 'double', ['N', 1]);
    g.output('y', g.node('LabelEncoder', [g.node('Cast', [x], { to: { int: 7 } })[0]], { keys_int64s: { ints: [1] }, values_strings: { strings: ['one'] }, default_string: { string: '?' } }, { domain: 'ai.onnx.ml' })[0], 'string', ['N', 1]);
    const m = decodeModel(g.toBytes()) as { ir_version: number; producer_name: string; opset_import: { domain?: string; version: number }[]; graph: { name: string; input: { name: string }[] }; metadata_props: { key: string; value: string }[] };
    expect(m.ir_version).toBe(8);
    expect(m.producer_name).toBe('autopipe');
    expect(m.opset_import).toEqual([{ version: 17 }, { domain: 'ai.onnx.ml', version: 3 }]);
    expect(m.graph.name).toBe('tiny');
    expect(m.graph.input.map((i) => i.name)).toEqual(['x']);
    expect(m.metadata_props).toEqual([{ key: 'task', value: 'binary' }]);
  });

  it('makes generated names unique, keeps reserved names free, and rejects a graph input name used twice', () => {
    const g = new OnnxGraphBuilder();
    g.reserve('label');
    const x = g.input('x', 'double', ['N', 1]);
    const a = g.node('Neg', [x], {}, { hint: 'label' })[0];
    const b = g.node('Neg', [x], {}, { hint: 'label' })[0];
    expect(a).not.toBe(b);
    expect([a, b]).not.toContain('label');
    expect(() => g.input('x', 'double', ['N', 1])).toThrow(/used twice/);
    g.output('label', a, 'double', ['N', 1]);
    expect(() => g.output('label', b, 'double', ['N', 1])).toThrow(/used twice/);
  });

  it('rejects a constant whose value count does not match its dims', () => {
    const g = new OnnxGraphBuilder();
    expect(() => { g.constant({ type: 'double', dims: [2, 2], values: [1, 2, 3] }, 'bad'); }).toThrow(/3 values for dims \[2, 2\]/);
  });
});
