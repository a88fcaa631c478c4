import { describe, expect, it } from 'vitest';
import { AutopipeError, fitTransformer } from '@autopipe/core';
import { transformerParity } from '@autopipe/onnx';
import { textTfidf } from '../src/index.js';
import { ctx, textFrame } from './helpers.js';

describe('text.tfidf ONNX export', () => {
  it('refuses with EXPORT_UNSUPPORTED naming the transformer and its column', async () => {
    const f = textFrame({ review: ['good food good service', 'bad food', 'good value', null] });
    const t = await fitTransformer(textTfidf, f, ['review'], { min_df: 1 }, ctx);
    const err = await transformerParity(textTfidf, t, f).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AutopipeError);
    expect((err as AutopipeError).code).toBe('EXPORT_UNSUPPORTED');
    expect((err as Error).message).toContain('transformer "text.tfidf" (column "review")');
  });
});
