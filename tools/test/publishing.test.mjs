import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  // The CLI's bundle imports its plugins' libraries from its own dependencies (apps/cli/scripts/bundle.mjs), so it
  // repeats their ranges; one range per library keeps the CLI running the versions the plugins were tested with.
  it('each third-party library has one version range across the packages that depend on it', () => {
    const ranges = new Map();
    for (const { pkg } of publicPackages) {
      for (const field of ['dependencies', 'optionalDependencies', 'devDependencies']) {
        for (const [name, range] of Object.entries(pkg[field] ?? {})) {
          if (name.startsWith('@autopipe/')) continue;
          if (!ranges.has(name)) ranges.set(name, new Map());
          ranges.get(name).set(range, [...(ranges.get(name).get(range) ?? []), pkg.name]);
        }
      }
    }
    const disagreeing = [...ranges].filter(([, byRange]) => byRange.size > 1).map(([name, byRange]) => `${name}: ${[...byRange].map(([r, who]) => `${r} (${who.join(', ')})`).join(' vs ')}`);
    expect(disagreeing).toEqual([]);
  });
});

// publint (package.json vs files) and arethetypeswrong (types resolve for ESM consumers) on the packed packages,
// as pnpm would publish them (workspace:* rewritten). Both need the packages built, which the test target's ^build
// guarantees. One `pnpm pack` run packs them all and both linters run in process: spawning their CLIs per package
// (each running `npm pack` again) took 4 s a package, two and a half minutes of the suite.
describe('publint and arethetypeswrong', () => {
  const tarballs = mkdtempSync(join(tmpdir(), 'autopipe-publint-'));
  const tarballOf = new Map();
  // --strict: warnings are errors; esm-only: CommonJS resolutions (node10, node16 from CJS) are out of scope.
  const ignoredResolutions = new Set(['node10', 'node16-cjs']);

  beforeAll(() => {
    const pnpm = process.env.npm_execpath?.includes('pnpm') ? process.env.npm_execpath : 'pnpm';
    const viaNode = /\.c?js$/.test(pnpm);
    const filters = publicPackages.flatMap(({ pkg }) => ['--filter', pkg.name]);
    const r = spawnSync(viaNode ? process.execPath : pnpm, [...(viaNode ? [pnpm] : []), ...filters, 'pack', '--pack-destination', tarballs], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    for (const { pkg } of publicPackages) {
      const file = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`;
      if (existsSync(join(tarballs, file))) tarballOf.set(pkg.name, readFileSync(join(tarballs, file)));
    }
  });
  afterAll(() => rmSync(tarballs, { recursive: true, force: true }));

  for (const { pkg } of publicPackages) {
    it(`${pkg.name}: publint --strict and attw (esm-only) report no problems`, async () => {
      const tgz = tarballOf.get(pkg.name);
      expect(tgz, `pnpm pack wrote no tarball for ${pkg.name}`).toBeDefined();
      const lint = await publint({ pack: { tarball: tgz.buffer.slice(tgz.byteOffset, tgz.byteOffset + tgz.byteLength) }, strict: true });
      expect(lint.messages.filter((m) => m.type === 'error').map((m) => formatMessage(m, lint.pkg))).toEqual([]);
      const types = await checkPackage(createPackageFromTarballData(new Uint8Array(tgz)));
      expect(types.types, `${pkg.name} ships no types`).toBeTruthy();
      const problems = types.problems.filter((p) => !('resolutionKind' in p) || !ignoredResolutions.has(p.resolutionKind));
      expect(problems).toEqual([]);
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
