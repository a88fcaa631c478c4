import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locatedPackages, undeclaredPackages } from '../scripts/bundle-imports.mjs';
import { tempDir } from './cli.js';

// The build's guard that the bundle (bin/autopipe.js runs it) loads from node_modules only what this package declares.
describe('bundle imports check', () => {
  it('names the packages a bundle imports but package.json does not declare', () => {
    const ids = ['hyparquet', 'pg-cursor/dist/index.js', '@fastify/swagger', '@fastify/swagger/x.js', 'node:fs', 'fs', './chunk-Cd2.js', 'commander'];
    const manifest = { dependencies: { commander: '^14.0.0', 'pg-cursor': '^2.15.0' }, optionalDependencies: {} };
    expect(undeclaredPackages(ids, manifest)).toEqual(['@fastify/swagger', 'hyparquet']);
    expect(undeclaredPackages(['@tensorflow/tfjs-node'], { optionalDependencies: { '@tensorflow/tfjs-node': '4.22.0' } })).toEqual([]);
  });

  it('finds packages located at run time from the bundle directory', () => {
    const dir = tempDir('bundle-imports');
    writeFileSync(join(dir, 'chunk-a.js'), [
      'const wasm = `${dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"))}/`;',
      "const api = createRequire(import.meta.url)('@duckdb/node-api');",
      'const trees = import.meta.resolve("@autopipe/trees");',
      'var tslib = __require("tslib"); var fs = __require("node:fs");',
      'const own = createRequire(import.meta.url)("./local.cjs"); const other = createRequire(api)("@duckdb/node-bindings");',
      'cmd.requiredOption("--redis <url>", "Redis");',
    ].join('\n'));
    writeFileSync(join(dir, 'notes.txt'), 'createRequire(import.meta.url)("not-a-module")');
    expect(locatedPackages(dir).sort()).toEqual(['@autopipe/trees', '@duckdb/node-api', '@tensorflow/tfjs-backend-wasm', 'node:fs', 'tslib']);
  });
});
