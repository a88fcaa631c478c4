import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestOf } from '../src/external-plugins.js';
import { findPackageDir, packageEntry, resolvePluginSpec, splitPackageSpec } from '../src/resolve-plugin.js';
import { tempDir } from './cli.js';

describe('resolving plugin specs like Node does for an ESM import', () => {
  it('splits scoped and unscoped names from subpaths', () => {
    expect(splitPackageSpec('@acme/foo')).toEqual(['@acme/foo', '.']);
    expect(splitPackageSpec('@acme/foo/extra')).toEqual(['@acme/foo', './extra']);
    expect(splitPackageSpec('foo/a/b')).toEqual(['foo', './a/b']);
  });

  it('follows exports conditions in object order (import before require), nested conditions and main', () => {
    expect(packageEntry('/p', { exports: { '.': { types: './x.d.ts', require: './cjs.js', import: './esm.js' } } }, '.')).toBe('/p/esm.js');
    expect(packageEntry('/p', { exports: { node: { import: './node.mjs' }, default: './any.js' } }, '.')).toBe('/p/node.mjs');
    expect(packageEntry('/p', { exports: './only.js' }, '.')).toBe('/p/only.js');
    expect(packageEntry('/p', { exports: { '.': './a.js', './extra': './b.js' } }, './extra')).toBe('/p/b.js');
    expect(packageEntry('/p', { exports: { '.': { require: './cjs.js' } } }, '.')).toBeUndefined();
    expect(packageEntry('/p', { main: 'lib/main.js' }, '.')).toBe('/p/lib/main.js');
    expect(packageEntry('/p', {}, '.')).toBe('/p/index.js');
  });

  it('finds the nearest node_modules upwards from the project, not from the CLI', () => {
    const project = tempDir('resolve');
    const pkgDir = join(project, 'node_modules', '@acme', 'p');
    mkdirSync(join(project, 'sub', 'dir'), { recursive: true });
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: '@acme/p', exports: { '.': { import: './dist/i.js' } } }));
    expect(findPackageDir('@acme/p', join(project, 'sub', 'dir'))).toBe(pkgDir);
    expect(resolvePluginSpec('@acme/p', join(project, 'sub'))).toEqual({ spec: '@acme/p', entry: join(pkgDir, 'dist', 'i.js'), packageName: '@acme/p' });
    expect(resolvePluginSpec('@acme/absent', project)).toBeUndefined();
    expect(resolvePluginSpec('./node_modules/@acme/p', project)).toMatchObject({ packageName: '@acme/p', entry: join(pkgDir, 'dist', 'i.js') });
  });

  it('reads the manifest from `plugin`, the default export, or a CommonJS default holding `plugin`', () => {
    const m = { name: 'x', version: '1.0.0', core: '^0.1.0', provides: [] };
    expect(manifestOf({ plugin: m })).toBe(m);
    expect(manifestOf({ default: m })).toBe(m);
    expect(manifestOf({ default: { plugin: m } })).toBe(m);
    expect(manifestOf({ something: 1 })).toBeUndefined();
  });
});
