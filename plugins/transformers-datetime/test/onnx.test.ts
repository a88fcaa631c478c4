import { describe, expect, it } from 'vitest';
import { AutopipeError, fitTransformer } from '@autopipe/core';
import { transformerParity } from '@autopipe/onnx';
import { datetimeFeatures } from '../src/index.js';
import { ctx, datetimeFrame } from './helpers.js';

describe('datetime.features ONNX export', () => {
  it('refuses with EXPORT_UNSUPPORTED naming the transformer and its column, and says what to do', async () => {
    const f = datetimeFrame({ signup: ['2024-01-05', '2024-03-09T10:00:00Z', null] });
    const t = await fitTransformer(datetimeFeatures, f, ['signup'], {}, ctx);
    const err = await transformerParity(datetimeFeatures, t, f).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).code).toBe('EXPORT_UNSUPPORTED');
    expect((err as Error).message).toContain('transformer "datetime.features" (column "signup")');
    expect((err as Error).message).toContain('parses date strings');
  });
});
