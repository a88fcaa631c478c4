import protobuf from 'protobufjs';
import type { OnnxAttribute, OnnxElementType, OnnxTensor } from '@autopipe/core';
import { ONNX_PROTO } from './onnx-schema.js';

const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');

/** TensorProto.DataType codes of the element types exports use. */
export const DATA_TYPE: Readonly<Record<OnnxElementType, number>> = { float: 1, int64: 7, string: 8, double: 11 };

const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

const utf8 = new TextEncoder();

function bytesOf(view: ArrayBufferView): Uint8Array {
  // raw_data is little-endian; typed arrays are in platform order, little-endian on every platform Node runs on.
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

/** A TensorProto message object for a constant; numeric values go to `raw_data` so doubles keep every bit. */
export function tensorMessage(tensor: OnnxTensor, name: string): Record<string, unknown> {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (tensor.values.length !== count) {
    throw new Error(`ONNX constant "${name}": ${tensor.values.length} values for dims [${tensor.dims.join(', ')}].`);
  }
  const msg: Record<string, unknown> = { name, dims: [...tensor.dims], data_type: DATA_TYPE[tensor.type] };
  const v = tensor.values;
  switch (tensor.type) {
    case 'string':
      msg.string_data = Array.from(v as readonly string[], (s) => utf8.encode(String(s)));
      break;
    case 'double':
      msg.raw_data = bytesOf(v instanceof Float64Array ? v : Float64Array.from(v as ArrayLike<number>));
      break;
    case 'float':
      msg.raw_data = bytesOf(v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>));
      break;
    case 'int64':
      msg.raw_data = bytesOf(v instanceof BigInt64Array ? v : BigInt64Array.from(v as ArrayLike<number | bigint>, (x) => BigInt(x)));
      break;
  }
  return msg;
}

/** An AttributeProto message object. */
export function attributeMessage(name: string, a: OnnxAttribute): Record<string, unknown> {
  if ('int' in a) return { name, type: ATTRIBUTE_TYPE.INT, i: a.int };
  if ('float' in a) return { name, type: ATTRIBUTE_TYPE.FLOAT, f: a.float };
  if ('string' in a) return { name, type: ATTRIBUTE_TYPE.STRING, s: utf8.encode(a.string) };
  if ('ints' in a) return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...a.ints] };
  if ('floats' in a) return { name, type: ATTRIBUTE_TYPE.FLOATS, floats: Array.from(a.floats) };
  if ('strings' in a) return { name, type: ATTRIBUTE_TYPE.STRINGS, strings: a.strings.map((s) => utf8.encode(s)) };
  return { name, type: ATTRIBUTE_TYPE.TENSOR, t: tensorMessage(a.tensor, name) };
}

/** A ValueInfoProto for a graph input or output; string dims are symbolic (e.g. "N" for the batch). */
export function valueInfoMessage(name: string, type: OnnxElementType, dims: readonly (number | string)[]): Record<string, unknown> {
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: DATA_TYPE[type], shape: { dim } } } };
}

/** Serializes a ModelProto message object. */
export function encodeModel(model: Record<string, unknown>): Uint8Array {
  const err = ModelProto.verify(model);
  if (err) throw new Error(`Invalid ONNX model: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

/** Parses ModelProto bytes back to a plain object (for tests and inspection). */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: String, defaults: false }) as Record<string, unknown>;
}
