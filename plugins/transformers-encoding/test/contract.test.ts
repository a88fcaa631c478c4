import { describeTransformer, sampleFrame } from '@autopipe/testkit';
import type { Target, TransformContext, TransformerDefinition } from '@autopipe/core';
import { plugin } from '../src/index.js';

/*
 * The kit fits through `fitTransformer` with a context that has no target, and target encoding needs one (without
 * it, it throws INVALID_ARGUMENT by design). So encode.target runs the full kit through a thin adapter that supplies
 * a target aligned with the kit's sample frame when the context has none — once per target kind, so the binary,
 * multiclass and regression code paths all meet the contract. Nothing else about the definition changes.
 */
const frame = sampleFrame(200, 9);
const letters = frame.strings('letter');
const targets: Record<string, Target> = {
  binary: { kind: 'classification', classes: ['no', 'yes'], codes: Int32Array.from(frame.numeric('num2'), (v) => (v > 1 ? 1 : 0)) },
  multiclass: { kind: 'classification', classes: ['a', 'b', 'c'], codes: Int32Array.from(letters, (v, i) => (v === 'a' ? 0 : v === 'b' ? 1 : i % 3)) },
  regression: { kind: 'regression', values: frame.numeric('num2') },
};

function withTarget(def: TransformerDefinition, kind: string): TransformerDefinition {
  const add = (ctx: TransformContext): TransformContext => (ctx.target ? ctx : { ...ctx, target: targets[kind] });
  return {
    ...def,
    key: `${def.key} (${kind} target)`,
    fit: (f, c, p, ctx) => def.fit(f, c, p, add(ctx)),
    fitTransform: (f, c, p, ctx) => def.fitTransform!(f, c, p, add(ctx)),
  };
}

for (const def of plugin.provides) {
  if (def.key === 'encode.target') for (const kind of Object.keys(targets)) describeTransformer(withTarget(def, kind));
  else describeTransformer(def);
}
