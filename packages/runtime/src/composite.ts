import {
  AutopipeError, Frame, fitTransformFrame, spliceColumns, stateField,
  type ColumnSchema, type ColumnType, type FittedTransformer, type NamedColumn, type StateValue, type TransformContext, type TransformerDefinition,
} from '@autopipe/core';
import type { StepSpec } from './planner.js';
import type { Registry } from './registry.js';

const ALL_TYPES: readonly ColumnType[] = ['numeric', 'boolean', 'categorical', 'high_cardinality', 'datetime', 'text', 'id', 'constant'];

type SavedStep = { readonly transformer: string; readonly columns: readonly string[]; readonly params: Readonly<Record<string, StateValue>> };
type SavedColumn = { readonly name: string; readonly type: ColumnType };

function savedSteps(steps: readonly StepSpec[]): SavedStep[] {
  return steps.map((s) => ({ transformer: s.transformer, columns: [...s.columns], params: { ...s.params } }));
}

function restoreSteps(registry: Registry, state: StateValue, owner: string): { specs: SavedStep[]; fitted: FittedTransformer[] } {
  const specs = stateField<SavedStep[]>(state, 'steps', (v) => Array.isArray(v), owner);
  const states = stateField<StateValue[]>(state, 'states', (v) => Array.isArray(v) && v.length === specs.length, owner);
  return { specs, fitted: specs.map((s, i) => registry.transformer(s.transformer).restore(states[i])) };
}

/** Fits steps in order on the columns in scope (the inputs plus what earlier steps made); returns the fitted steps. */
async function fitSequence(registry: Registry, steps: readonly StepSpec[], frame: Frame, inputs: readonly string[], ctx: TransformContext) {
  const fitted: FittedTransformer[] = [];
  const resolved: StepSpec[] = [];
  let cur = frame;
  let scope = new Set(inputs);
  for (const s of steps) {
    const columns = s.select ? cur.schema.filter((c) => scope.has(c.name) && s.select!.includes(c.type)).map((c) => c.name) : s.columns;
    const outside = columns.filter((c) => !scope.has(c));
    if (outside.length) throw new AutopipeError('INVALID_ARGUMENT', `Pipeline step "${s.transformer}" names ${outside.map((c) => `"${c}"`).join(', ')}, which the pipeline was not given and no earlier step made.`, { columns: outside });
    if (columns.length === 0) continue;
    const { fitted: f, output } = await fitTransformFrame(registry.transformer(s.transformer), cur, columns, s.params, ctx);
    fitted.push(f);
    resolved.push({ transformer: s.transformer, columns, params: s.params });
    const next = new Set(scope);
    for (const c of f.inputs) next.delete(c);
    for (const o of f.outputs) next.add(o.name);
    scope = next;
    cur = output;
  }
  return { fitted, resolved, output: cur, scope };
}

function sequenceTransformer(key: string, inputs: readonly string[], outputs: readonly ColumnSchema[], specs: readonly SavedStep[], fitted: readonly FittedTransformer[]): FittedTransformer {
  return {
    transformer: key, inputs: [...inputs], outputs: [...outputs],
    transform(frame) {
      let cur = frame;
      for (const t of fitted) cur = t.transform(cur);
      return cur;
    },
    state: () => ({ inputs: [...inputs], outputs: outputs.map((o) => ({ name: o.name, type: o.type })), steps: savedSteps(specs as StepSpec[]), states: fitted.map((t) => t.state()) }),
  };
}

function outputsOf(frame: Frame, scope: ReadonlySet<string>): ColumnSchema[] {
  return frame.schema.filter((c) => scope.has(c.name)).map((c) => ({ name: c.name, type: c.type }));
}

function readIo(state: StateValue, owner: string): { inputs: string[]; outputs: ColumnSchema[] } {
  return {
    inputs: stateField<string[]>(state, 'inputs', (v) => Array.isArray(v), owner),
    outputs: stateField<SavedColumn[]>(state, 'outputs', (v) => Array.isArray(v), owner),
  };
}

/**
 * A sequence of steps as one transformer, like a scikit-learn Pipeline of transformers: fitted once on the columns
 * it is given (each step on the training output of the previous ones, out-of-fold where a step says so), then
 * transforming any frame with one state that restores through the registry. Selector steps resolve among the
 * pipeline's own columns only.
 */
export function pipelineTransformer(registry: Registry, steps: readonly StepSpec[], key = 'pipeline'): TransformerDefinition {
  const owner = `transformer "${key}"`;
  const fitTransform = async (frame: Frame, columns: readonly string[], _p: unknown, ctx: TransformContext) => {
    const { fitted, resolved, output, scope } = await fitSequence(registry, steps, frame, columns, ctx);
    return { fitted: sequenceTransformer(key, columns, outputsOf(output, scope), savedSteps(resolved), fitted), output };
  };
  return {
    kind: 'transformer', key, description: `pipeline of ${steps.map((s) => s.transformer).join(' → ') || 'no steps'}`,
    accepts: ALL_TYPES, defaults: {},
    fitTransform,
    async fit(frame, columns, p, ctx) { return (await fitTransform(frame, columns, p, ctx)).fitted; },
    restore(state) {
      const { inputs, outputs } = readIo(state, owner);
      const { specs, fitted } = restoreSteps(registry, state, owner);
      return sequenceTransformer(key, inputs, outputs, specs, fitted);
    },
  };
}

function branchesTransformer(key: string, inputs: readonly string[], outputs: readonly ColumnSchema[], specs: readonly SavedStep[], fitted: readonly FittedTransformer[]): FittedTransformer {
  return {
    transformer: key, inputs: [...inputs], outputs: [...outputs],
    transform(frame) {
      const replaced = new Map<string, NamedColumn[]>();
      fitted.forEach((t) => {
        const out = t.transform(frame.select(t.inputs));
        const made = t.outputs.map((o) => ({ schema: out.columnSchema(o.name), data: out.column(o.name) }));
        t.inputs.forEach((c, i) => replaced.set(c, i === 0 ? made : []));
      });
      return spliceColumns(frame, replaced);
    },
    state: () => ({ inputs: [...inputs], outputs: outputs.map((o) => ({ name: o.name, type: o.type })), steps: savedSteps(specs as StepSpec[]), states: fitted.map((t) => t.state()) }),
  };
}

/**
 * Branches fitted side by side on disjoint column sets, like scikit-learn's ColumnTransformer: each branch sees only
 * its own columns of the original frame; its outputs take the place of its first input. Other columns pass through.
 */
export function columnTransformer(registry: Registry, branches: readonly StepSpec[], key = 'columns'): TransformerDefinition {
  const owner = `transformer "${key}"`;
  return {
    kind: 'transformer', key, description: `column transformer: ${branches.map((b) => `${b.transformer}(${b.columns.join(', ')})`).join(', ')}`,
    accepts: ALL_TYPES, defaults: {},
    async fit(frame, columns, _p, ctx) {
      const given = new Set(columns);
      const seen = new Set<string>();
      const fitted: FittedTransformer[] = [];
      for (const b of branches) {
        for (const c of b.columns) {
          if (!given.has(c)) throw new AutopipeError('INVALID_ARGUMENT', `Column transformer branch "${b.transformer}" names "${c}", which it was not given.`, { column: c });
          if (seen.has(c)) throw new AutopipeError('INVALID_ARGUMENT', `Column "${c}" is in two branches of a column transformer; each column goes to one branch.`, { column: c });
          seen.add(c);
        }
        const { fitted: f } = await fitTransformFrame(registry.transformer(b.transformer), frame.select(b.columns), b.columns, b.params, ctx);
        fitted.push(f);
      }
      const outputs = fitted.flatMap((f) => f.outputs.map((o) => ({ name: o.name, type: o.type })));
      return branchesTransformer(key, [...seen], outputs, savedSteps(branches), fitted);
    },
    restore(state) {
      const { inputs, outputs } = readIo(state, owner);
      const { specs, fitted } = restoreSteps(registry, state, owner);
      return branchesTransformer(key, inputs, outputs, specs, fitted);
    },
  };
}
