import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, fitTransformFrame, fitTransformer, type Frame, type Params, type TransformerDefinition } from '@autopipe/core';
import { frameSnapshot } from './compare.js';
import { sampleFrame, unseenFrame } from './data.js';

export const TRANSFORMER_CHECKS = [
  'params and input unchanged by fit', 'outputs replace inputs and other columns are untouched', 'row count and order are kept',
  'transform on a subset equals that subset of transform', 'serialize/restore gives identical output', 'unseen values and missing cells do not throw',
  'same seed gives same output', 'rejects column types it does not accept', 'fitTransform output has the transform schema',
] as const;
export type TransformerCheck = (typeof TRANSFORMER_CHECKS)[number];

export interface TransformerKitOptions {
  readonly params?: Params;
  /** Columns of the testkit's `sampleFrame` to fit on; default: every column whose type the transformer accepts. */
  readonly columns?: readonly string[];
  readonly expectedFailures?: Partial<Record<TransformerCheck, string>>;
}

/** Runs the transformer contract as one vitest case per check on the testkit's mixed-type sample frame. */
export function describeTransformer(def: TransformerDefinition, options: TransformerKitOptions = {}): void {
  const frame = sampleFrame(200, 9);
  const columns = options.columns ?? frame.schema.filter((c) => def.accepts.includes(c.type)).map((c) => c.name);
  const params = options.params ?? def.defaults;
  const ctx = { seed: 42, logger: { debug() {}, info() {}, warn() {} } };
  const fit = () => fitTransformer(def, frame, columns, params, ctx);
  const check = (name: TransformerCheck, fn: () => Promise<void>): void => {
    const reason = options.expectedFailures?.[name];
    if (reason) it.fails(`${name} (expected failure: ${reason})`, fn);
    else it(name, fn);
  };

  describe(`transformer contract: ${def.key}`, () => {
    it('has columns to work on in the sample frame', () => {
      expect(def.kind).toBe('transformer');
      expect(columns.length).toBeGreaterThan(0);
    });

    check('params and input unchanged by fit', async () => {
      const before = frameSnapshot(frame);
      const given = JSON.parse(JSON.stringify(params));
      const t = await fitTransformer(def, frame, columns, given, ctx);
      t.transform(frame);
      expect(frameSnapshot(frame)).toEqual(before);
      expect(given).toEqual(JSON.parse(JSON.stringify(params)));
    });

    check('outputs replace inputs and other columns are untouched', async () => {
      const t = await fit();
      const out = t.transform(frame);
      expect([...t.inputs].sort()).toEqual([...columns].sort());
      for (const o of t.outputs) expect(out.columnSchema(o.name)).toEqual(o);
      const outNames = new Set(t.outputs.map((o) => o.name));
      for (const c of frame.names) {
        if (columns.includes(c)) {
          if (!outNames.has(c)) expect(out.has(c)).toBe(false);
        } else {
          expect(frameSnapshot(out.select([c]))).toEqual(frameSnapshot(frame.select([c])));
        }
      }
    });

    check('row count and order are kept', async () => {
      const t = await fit();
      expect(t.transform(frame).nrow).toBe(frame.nrow);
      const reversed = Array.from({ length: frame.nrow }, (_, i) => frame.nrow - 1 - i);
      expect(frameSnapshot(t.transform(frame.take(reversed)))).toEqual(frameSnapshot(t.transform(frame).take(reversed)));
    });

    check('transform on a subset equals that subset of transform', async () => {
      const t = await fit();
      const rows = [3, 1, 4, 1, 5, 9, 2, 6];
      expect(frameSnapshot(t.transform(frame.take(rows)))).toEqual(frameSnapshot(t.transform(frame).take(rows)));
    });

    check('serialize/restore gives identical output', async () => {
      const t = await fit();
      const r = def.restore(decodeState(encodeState(t.state())));
      expect(frameSnapshot(r.transform(frame))).toEqual(frameSnapshot(t.transform(frame)));
      expect(r.outputs).toEqual(t.outputs);
    });

    check('unseen values and missing cells do not throw', async () => {
      const t = await fit();
      const unseen: Frame = unseenFrame(6);
      const out = t.transform(unseen);
      expect(out.nrow).toBe(6);
    });

    check('same seed gives same output', async () => {
      const a = await fit();
      const b = await fit();
      expect(frameSnapshot(b.transform(frame))).toEqual(frameSnapshot(a.transform(frame)));
    });

    check('fitTransform output has the transform schema', async () => {
      // Transformers with their own fitTransform (e.g. out-of-fold target encoding) may give training rows other
      // values than transform would, but never other columns, types or row counts.
      const { fitted, output } = await fitTransformFrame(def, frame, columns, params, { ...ctx, target: { kind: 'regression', values: frame.numeric('num2') } });
      const again = fitted.transform(frame);
      expect(output.schema).toEqual(again.schema);
      expect(output.nrow).toBe(frame.nrow);
    });

    check('rejects column types it does not accept', async () => {
      const wrong = frame.schema.find((c) => !def.accepts.includes(c.type));
      if (!wrong) return; // accepts every type the sample frame has
      await expect(fitTransformer(def, frame, [wrong.name], params, ctx)).rejects.toMatchObject({ code: 'UNSUPPORTED_INPUT' });
    });
  });
}
