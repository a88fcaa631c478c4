import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runNode } from './workspace.mjs';

const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));
const publicPackages = ['packages', 'plugins', 'apps']
  .flatMap((group) => readdirSync(join(repoRoot, group)).map((d) => join(repoRoot, group, d)))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: readJson(join(dir, 'package.json')) }))
  .filter(({ pkg }) => !pkg.private);

describe('every public package is ready to publish', () => {
  it('finds the public packages', () => {
    expect(publicPackages.map((p) => p.pkg.name)).toEqual(expect.arrayContaining(['@autopipe/core', '@autopipe/testkit', '@autopipe/example-estimator-nearest-centroid']));
  });

  for (const { dir, pkg } of publicPackages) {
    it(`${pkg.name}: exports, types, files, README, sideEffects, license`, () => {
      const problems = [];
      if (pkg.type !== 'module') problems.push('"type" is not "module"');
      const root = pkg.exports?.['.'];
      if (!root || typeof root !== 'object') problems.push('no "exports" entry for "."');
      else {
        const keys = Object.keys(root);
        if (keys[0] !== 'types') problems.push('"types" must be the first condition of exports["."] (TypeScript reads conditions in order)');
        if (!root.import && !root.default) problems.push('exports["."] has no "import" or "default" condition');
      }
      if (typeof pkg.types !== 'string') problems.push('no "types"');
      if (!Array.isArray(pkg.files) || !pkg.files.includes('dist')) problems.push('"files" does not list dist');
      if (pkg.sideEffects !== false) problems.push('"sideEffects" is not false');
      if (!pkg.license) problems.push('no "license"');
      if (!existsSync(join(dir, 'README.md'))) problems.push('no README.md');
      if (!pkg.description) problems.push('no "description"');
      expect(problems).toEqual([]);
    });
  }
});

// publint (package.json vs files) and arethetypeswrong (types resolve for ESM consumers) on the packed packages,
// as npm would publish them. Both need the packages built, which the test target's ^build guarantees.
describe('publint and arethetypeswrong', () => {
  const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
  for (const { dir, pkg } of publicPackages) {
    it(`${pkg.name}: publint --strict and attw --pack (esm-only) report no problems`, () => {
      const pl = spawnSync(bin('publint'), ['--strict'], { cwd: dir, encoding: 'utf8' });
      expect(pl.status, `${pl.stdout}${pl.stderr}`).toBe(0);
      const at = spawnSync(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], { cwd: dir, encoding: 'utf8' });
      expect(at.status, `${at.stdout}${at.stderr}`).toBe(0);
    });
  }
});

describe('changesets', () => {
  it('releases core and testkit together and ignores private tools', () => {
    const c = readJson(join(repoRoot, '.changeset', 'config.json'));
    expect(c.fixed).toContainEqual(['@autopipe/core', '@autopipe/testkit']);
    expect(c.access).toBe('public');
  });
});

describe('pack and install', () => {
  it('packed core + testkit + runtime + plugins install offline into a fresh project and train a model', () => {
    const r = runNode([join(repoRoot, 'tools', 'scripts', 'pack-test.mjs')], repoRoot);
    expect(r.code, r.out).toBe(0);
    const result = JSON.parse(r.out.trim().split('\n').pop());
    expect(result).toMatchObject({ best: 'nearest_centroid', metric: 'auc', predicted: 'classification', testkit: '0.1.0' });
    // Two well-separated blobs: a nearest-centroid model ranks them almost perfectly.
    expect(result.score).toBeGreaterThan(0.9);
  });
});
