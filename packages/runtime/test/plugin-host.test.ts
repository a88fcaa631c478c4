import { describe, expect, it } from 'vitest';
import { definePlugin, type PluginManifest } from '@autopipe/core';
import { PluginHost, Registry, createRuntime } from '../src/index.js';
import { meanEstimator, testPlugin } from './fakes.js';

const other = (over: Partial<PluginManifest>): PluginManifest => definePlugin({ name: '@test/other', version: '1.0.0', core: '^0.1.0', provides: [{ ...meanEstimator, key: 'other' }], ...over });

describe('PluginHost', () => {
  it('registers provisions and lists them with their package', () => {
    const c = createRuntime({ plugins: [testPlugin] });
    const list = c.resolve(PluginHost).list();
    expect(list.find((p) => p.key === 'mean')).toMatchObject({ kind: 'estimator', plugin: '@test/fakes', version: '1.0.0' });
    expect(c.resolve(Registry).estimator('mean').key).toBe('mean');
  });

  it('rejects a duplicate key with DUPLICATE_KEY naming both plugins', () => {
    expect(() => createRuntime({ plugins: [testPlugin, other({ provides: [meanEstimator] })] })).toThrow(/provides estimator "mean", which plugin "@test\/fakes" already provides/);
  });

  it('rejects a core range that does not match, and registers nothing of it', () => {
    const c = createRuntime({ plugins: [testPlugin] });
    const host = c.resolve(PluginHost);
    expect(() => host.use(other({ core: '^2.0.0' }))).toThrow(/needs @autopipe\/core \^2\.0\.0/);
    expect(c.resolve(Registry).estimators().map((e) => e.key)).toEqual(['mean']);
  });

  it('rejects missing requirements, bad keys and empty manifests', () => {
    const host = createRuntime({ plugins: [] }).resolve(PluginHost);
    expect(() => host.use(other({ requires: ['@test/absent'] }))).toThrow(/requires plugin "@test\/absent"/);
    expect(() => host.use(other({ provides: [{ ...meanEstimator, key: 'Bad Key' }] }))).toThrow(/must be lower-case/);
    expect(() => host.use(other({ provides: [] }))).toThrow(/provides nothing/);
    expect(() => host.use(other({ version: 'one' }))).toThrow(/not a semver version/);
  });

  it('an empty kind resolves to an empty list, an unknown key names the known ones', () => {
    const r = createRuntime({ plugins: [testPlugin] }).resolve(Registry);
    expect(r.all('deployer')).toEqual([]);
    expect(() => r.estimator('nope')).toThrow(/No estimator "nope" is registered \(known: mean\)/);
  });
});
