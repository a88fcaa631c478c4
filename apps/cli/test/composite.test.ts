import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, fitTransformFrame, fitTransformer, type Frame } from '@autopipe/core';
import { Registry, columnTransformer, createRuntime, pipelineTransformer, readSource, type StepSpec } from '@autopipe/runtime';
import { BUNDLED_PLUGINS } from '../src/plugins.js';
import { titanic } from './cli.js';

const ctx = { seed: 3, logger: { debug() {}, info() {}, warn() {} } };

async function setup(): Promise<{ registry: Registry; frame: Frame }> {
  const registry = createRuntime({ plugins: BUNDLED_PLUGINS }).resolve(Registry);
  const frame = (await readSource(registry, titanic, {}, ctx)).drop(['Survived', 'Name', 'Ticket', 'Cabin', 'PassengerId']);
  return { registry, frame };
}

const roundTrip = <T>(s: T): T => decodeState(encodeState(s as never)) as T;

describe('composite transformers (pipeline and column transformer)', () => {
  it('a pipeline fits its steps in sequence and transforms like the steps one by one; its state restores', async () => {
    const { registry, frame } = await setup();
    const numeric = ['Age', 'Fare', 'SibSp'];
    const steps: StepSpec[] = [
      { transformer: 'impute.numeric', columns: [], select: ['numeric'], params: { strategy: 'median', add_indicator: true } },
      { transformer: 'scale.standard', columns: [], select: ['numeric'], params: {} },
    ];
    const def = pipelineTransformer(registry, steps);
    const fitted = await fitTransformer(def, frame, numeric, {}, ctx);
    const out = fitted.transform(frame);
    // By hand: the same two steps, the second on the first's output columns.
    const a = await fitTransformer(registry.transformer('impute.numeric'), frame, numeric, steps[0].params, ctx);
    const mid = a.transform(frame);
    const b = await fitTransformer(registry.transformer('scale.standard'), mid, a.outputs.filter((o) => o.type === 'numeric').map((o) => o.name), {}, ctx);
    const byHand = b.transform(mid);
    expect(out.names).toEqual(byHand.names);
    for (const c of fitted.outputs) expect(out.column(c.name)).toEqual(byHand.column(c.name));
    expect(fitted.inputs).toEqual(numeric);
    expect(out.has('Sex')).toBe(true);
    const restored = def.restore(roundTrip(fitted.state()));
    const again = restored.transform(frame);
    for (const c of fitted.outputs) expect(again.column(c.name)).toEqual(out.column(c.name));
    await expect(fitTransformer(pipelineTransformer(registry, [{ transformer: 'scale.standard', columns: ['Pclass'], params: {} }]), frame, numeric, {}, ctx))
      .rejects.toThrow(/"Pclass", which the pipeline was not given/);
  });

  it('a column transformer fits branches side by side on their own columns and passes the rest through', async () => {
    const { registry, frame } = await setup();
    const branches: StepSpec[] = [
      { transformer: 'encode.onehot', columns: ['Sex', 'Embarked'], params: {} },
      { transformer: 'impute.numeric', columns: ['Age'], params: { strategy: 'mean', add_indicator: false } },
    ];
    const def = columnTransformer(registry, branches);
    const { fitted, output } = await fitTransformFrame(def, frame, ['Sex', 'Embarked', 'Age'], {}, ctx);
    const onehot = await fitTransformer(registry.transformer('encode.onehot'), frame, ['Sex', 'Embarked'], {}, ctx);
    const impute = await fitTransformer(registry.transformer('impute.numeric'), frame, ['Age'], branches[1].params, ctx);
    const expected = [...onehot.outputs, ...impute.outputs].map((o) => o.name);
    expect(fitted.outputs.map((o) => o.name)).toEqual(expected);
    const viaOnehot = onehot.transform(frame);
    for (const o of onehot.outputs) expect(output.column(o.name)).toEqual(viaOnehot.column(o.name));
    expect(Array.from(output.numeric(impute.outputs[0].name)).some((v) => Number.isNaN(v))).toBe(false);
    expect(output.has('Fare')).toBe(true);
    expect(output.has('Sex')).toBe(false);
    const restored = def.restore(roundTrip(fitted.state()));
    const again = restored.transform(frame);
    expect(again.names).toEqual(output.names);
    await expect(fitTransformer(columnTransformer(registry, [branches[0], { ...branches[1], columns: ['Sex'] }]), frame, ['Sex', 'Embarked'], {}, ctx))
      .rejects.toThrow(/"Sex" is in two branches/);
  });
});
