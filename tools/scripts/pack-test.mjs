#!/usr/bin/env node
// Pack-and-install check: packs the public packages a user needs to train with an outside plugin (core, testkit,
// runtime, the basic transformers/metrics/searcher and the example plugin) with `pnpm pack`, installs the tarballs
// into a fresh project with `npm install --offline`, and trains a model there through the runtime API.
//
// Offline: npm's own cache does not hold the third-party dependencies (arquero, acorn, semver...), so they are
// packed from pnpm's virtual store (node_modules/.pnpm) into tarballs too, and npm installs only local files.
// Usage: node tools/scripts/pack-test.mjs [--keep]   (prints the temp dir; exit 0 when the model trained)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKSPACE = ['packages/core', 'packages/testkit', 'packages/runtime', 'plugins/transformers-basic', 'plugins/metrics-standard', 'plugins/searcher-random', 'plugins/example-estimator-centroid'];
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'autopipe-pack-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const pnpm = process.env.npm_execpath && process.env.npm_execpath.includes('pnpm') ? process.env.npm_execpath : 'pnpm';

try {
  // 1. Build (incremental) and pack our packages; pnpm pack rewrites workspace:* to real versions.
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...WORKSPACE.map((p) => join(root, p, 'tsconfig.lib.json'))], root);
  const deps = {};
  const thirdParty = new Map();
  for (const p of WORKSPACE) {
    const dir = join(root, p);
    const pkg = readJson(join(dir, 'package.json'));
    run(pnpm.endsWith('.cjs') || pnpm.endsWith('.js') ? process.execPath : pnpm, [...(pnpm.endsWith('js') ? [pnpm] : []), 'pack', '--pack-destination', tarballs], dir);
    const file = readdirSync(tarballs).find((f) => f.startsWith(pkg.name.replace('@', '').replace('/', '-') + '-'));
    if (!file) throw new Error(`pnpm pack produced no tarball for ${pkg.name}`);
    deps[pkg.name] = `file:../tarballs/${file}`;
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      if (!name.startsWith('@autopipe/') && name !== 'vitest') thirdParty.set(name, realpathSync(join(dir, 'node_modules', name)));
    }
  }

  // 2. Third-party closure from the pnpm store: a package's own dependencies are its siblings in .pnpm/<id>/node_modules.
  const queue = [...thirdParty.entries()];
  const seen = new Map();
  while (queue.length) {
    const [name, dir] = queue.shift();
    if (seen.has(name)) continue;
    const pkg = readJson(join(dir, 'package.json'));
    seen.set(name, { dir, version: pkg.version });
    const base = name.startsWith('@') ? dirname(dirname(dir)) : dirname(dir);
    for (const d of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const sib = join(base, d);
      if (existsSync(sib)) queue.push([d, realpathSync(sib)]);
    }
  }
  for (const [name, { dir, version }] of seen) {
    const file = `${name.replace('@', '').replace('/', '-')}-${version}.tgz`;
    // npm tarballs hold the package under "package/".
    run('tar', ['-czf', join(tarballs, file), '--transform', 's,^\\.,package,', '--exclude', './node_modules', '-C', dir, '.'], work);
    deps[name] ??= `file:../tarballs/${file}`;
  }

  // 3. A fresh project installs only local tarballs, offline; peers are listed explicitly (no vitest: we do not run tests here).
  const project = join(work, 'project');
  mkdirSync(project);
  const overrides = Object.fromEntries([...seen.keys()].map((n) => [n, deps[n]]));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-test-project', private: true, type: 'module', dependencies: deps, overrides }, null, 2));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--loglevel=error'], project);

  // 4. Train through the runtime API with the installed packages only.
  writeFileSync(join(project, 'train.mjs'), `
import 'reflect-metadata';
import { Frame, Rng } from '@autopipe/core';
import { createRuntime, predictWith, Trainer } from '@autopipe/runtime';
import { plugin as transformers } from '@autopipe/transformers-basic';
import { plugin as metrics } from '@autopipe/metrics-standard';
import { plugin as random } from '@autopipe/searcher-random';
import { plugin as centroid } from '@autopipe/example-estimator-nearest-centroid';

const rng = new Rng(3);
const n = 240;
const a = new Float64Array(n), b = new Float64Array(n), label = [];
for (let i = 0; i < n; i++) { const c = i % 2; a[i] = c * 2 + rng.normal(); b[i] = -c + rng.normal(); label.push(c ? 'yes' : 'no'); }
const frame = Frame.fromColumns([
  { schema: { name: 'a', type: 'numeric' }, data: a }, { schema: { name: 'b', type: 'numeric' }, data: b },
  { schema: { name: 'label', type: 'categorical' }, data: label },
]);
const runtime = createRuntime({ plugins: [transformers, metrics, random, centroid] });
const result = await runtime.resolve(Trainer).train({ frame, target: 'label', timeBudget: 60, seed: 1, maxTrials: 3, estimators: ['nearest_centroid'], ensemble: false });
const p = predictWith(result.final, frame.take([0, 1, 2, 3]));
console.log(JSON.stringify({ best: result.leaderboard[0].estimator, score: result.leaderboard[0].score, metric: result.metric.key, predicted: p.kind }));
`);
  const out = run(process.execPath, ['train.mjs'], project).trim().split('\n').pop();
  const testkit = readJson(join(project, 'node_modules', '@autopipe', 'testkit', 'package.json'));
  process.stdout.write(JSON.stringify({ ...JSON.parse(out), installed: Object.keys(deps).length, testkit: testkit.version, dir: keep ? work : undefined }) + '\n');
} catch (e) {
  process.stderr.write(`pack-test failed in ${work}: ${e.stderr || ''}${e.stdout || ''}${e.message}\n`);
  process.exitCode = 1;
} finally {
  if (!keep && process.exitCode !== 1) rmSync(work, { recursive: true, force: true });
}
