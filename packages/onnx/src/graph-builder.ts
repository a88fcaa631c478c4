import type { OnnxAttribute, OnnxElementType, OnnxGraph, OnnxTensor } from '@autopipe/core';
import { attributeMessage, encodeModel, tensorMessage, valueInfoMessage } from './proto.js';

/** Opsets exports target by default: ONNX 21 and ai.onnx.ml 4 (LabelEncoder with tensor keys/values), both well supported by onnxruntime 1.17+. */
export const DEFAULT_OPSET = { onnx: 21, ml: 4 } as const;

export interface OnnxGraphBuilderOptions {
  readonly opset?: { readonly onnx: number; readonly ml: number };
  readonly name?: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The IR version that goes with an ONNX opset (https://onnx.ai/onnx/repo-docs/Versioning.html). */
function irVersionFor(opset: number): number {
  if (opset >= 21) return 10;
  if (opset >= 19) return 9;
  if (opset >= 15) return 8;
  if (opset >= 13) return 7;
  return 6;
}

function sanitize(hint: string): string {
  const s = hint.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return s.length > 0 ? s.slice(0, 48) : 't';
}

/**
 * Builds one ONNX graph: graph inputs and outputs, nodes, constants. Tensor names are made unique here, so plugins
 * (through the `OnnxGraph` interface) never collide; `toBytes` serializes the ModelProto with protobufjs.
 */
export class OnnxGraphBuilder implements OnnxGraph {
  readonly opset: { readonly onnx: number; readonly ml: number };
  private readonly name: string;
  private readonly docString: string | undefined;
  private readonly metadata: Readonly<Record<string, string>>;
  private readonly used = new Set<string>();
  private readonly reserved = new Set<string>();
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private counter = 0;
  private usesMl = false;

  constructor(options: OnnxGraphBuilderOptions = {}) {
    this.opset = options.opset ?? DEFAULT_OPSET;
    this.name = options.name ?? 'autopipe';
    this.docString = options.docString;
    this.metadata = options.metadata ?? {};
  }

  /** Reserves names (e.g. graph outputs added at the end) so generated tensor names never take them. */
  reserve(...names: string[]): void {
    for (const n of names) {
      this.claim(n);
      this.reserved.add(n);
    }
  }

  /** Adds a graph input and returns its tensor name, which is `name` itself. */
  input(name: string, type: OnnxElementType, dims: readonly (number | string)[]): string {
    this.claim(name);
    this.inputs.push(valueInfoMessage(name, type, dims));
    return name;
  }

  /** Adds graph output `name` holding `tensor` (through an Identity node when the names differ). */
  output(name: string, tensor: string, type: OnnxElementType, dims: readonly (number | string)[]): void {
    if (name !== tensor) {
      this.claim(name);
      this.nodes.push({ op_type: 'Identity', input: [tensor], output: [name], name: `output_${sanitize(name)}` });
    }
    this.outputs.push(valueInfoMessage(name, type, dims));
  }

  node(op: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttribute>> = {}, options: { readonly domain?: 'ai.onnx.ml'; readonly outputs?: number; readonly hint?: string } = {}): string[] {
    const base = sanitize(options.hint ?? op.toLowerCase());
    const count = options.outputs ?? 1;
    const outs = Array.from({ length: count }, (_, k) => this.fresh(count === 1 ? base : `${base}_out${k}`));
    const msg: Record<string, unknown> = {
      op_type: op,
      input: [...inputs],
      output: outs,
      name: this.fresh(`${base}_node`),
      attribute: Object.entries(attributes).map(([k, a]) => attributeMessage(k, a)),
    };
    if (options.domain) {
      msg.domain = options.domain;
      this.usesMl = true;
    }
    this.nodes.push(msg);
    return outs;
  }

  constant(tensor: OnnxTensor, hint = 'const'): string {
    const name = this.fresh(sanitize(hint));
    this.initializers.push(tensorMessage(tensor, name));
    return name;
  }

  /** The serialized ModelProto. */
  toBytes(): Uint8Array {
    const opsetImport: Record<string, unknown>[] = [{ domain: '', version: this.opset.onnx }];
    if (this.usesMl) opsetImport.push({ domain: 'ai.onnx.ml', version: this.opset.ml });
    const graph: Record<string, unknown> = { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
    const model: Record<string, unknown> = {
      ir_version: irVersionFor(this.opset.onnx),
      producer_name: 'autopipe',
      producer_version: '0.1.0',
      opset_import: opsetImport,
      graph,
      metadata_props: Object.entries(this.metadata).map(([key, value]) => ({ key, value })),
    };
    if (this.docString) model.doc_string = this.docString;
    return encodeModel(model);
  }

  private claim(name: string): void {
    if (this.reserved.has(name)) {
      this.reserved.delete(name);
      return;
    }
    if (this.used.has(name)) throw new Error(`ONNX graph: tensor name "${name}" is used twice.`);
    this.used.add(name);
  }

  private fresh(base: string): string {
    let name = `${base}_${this.counter++}`;
    while (this.used.has(name)) name = `${base}_${this.counter++}`;
    this.used.add(name);
    return name;
  }
}
