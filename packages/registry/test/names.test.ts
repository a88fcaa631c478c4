import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideRoot, parseRef, validateName } from '../src/index.js';

describe('names and references', () => {
  it('accepts lower-case names with . _ - and refuses path tricks', () => {
    expect(validateName('churn-v2.model_x')).toBe('churn-v2.model_x');
    for (const bad of ['../../etc', 'a/b', 'a\\b', 'A', '-x', 'a..b', '', 'x'.repeat(65), 'a b']) expect(() => validateName(bad), bad).toThrow(/is not allowed/);
  });

  it('parses name, name@N, name@stage and name@latest', () => {
    expect(parseRef('churn')).toEqual({ name: 'churn', selector: { kind: 'default' } });
    expect(parseRef('churn@12')).toEqual({ name: 'churn', selector: { kind: 'version', version: 12 } });
    expect(parseRef('churn@staging')).toEqual({ name: 'churn', selector: { kind: 'stage', stage: 'staging' } });
    expect(parseRef('churn@latest')).toEqual({ name: 'churn', selector: { kind: 'latest' } });
    expect(() => parseRef('churn@0')).toThrow(/version number/);
    expect(() => parseRef('churn@')).toThrow(/version number/);
  });

  it('insideRoot refuses paths that leave the root', () => {
    expect(insideRoot('/r', 'models', 'a', '1')).toBe(join('/r', 'models', 'a', '1'));
    expect(() => insideRoot('/r', 'models', '..', '..', 'etc')).toThrow(/would leave the registry directory/);
    expect(() => insideRoot('/r', '/etc')).toThrow(/would leave/);
    expect(() => insideRoot('/r', '.')).toThrow(/would leave/);
  });
});
