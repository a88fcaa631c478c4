import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, repoRoot, tempDir, titanic } from './cli.js';

const example = join(repoRoot, 'plugins', 'example-estimator-centroid');
const exampleName = '@autopipe/example-estimator-nearest-centroid';

/** Runs the built CLI in `cwd`, as a user would from their project directory. */
function cliIn(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A plugin module file holding `source`, in its own directory. */
function pluginFile(dir: string, name: string, source: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return file;
}

const estimator = (key: string) => `{ kind: 'estimator', key: '${key}', description: 'test', tasks: ['binary'], capabilities: [], defaults: {}, space: {},
  fit() { throw new Error('not used'); }, restore() { throw new Error('not used'); } }`;

// The example is not a dependency of the CLI, so nx does not build it first: build it here (incremental, fast when current).
beforeAll(() => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(example, 'tsconfig.lib.json')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the example plugin failed:\n${r.stdout}${r.stderr}`);
}, 120_000);

describe('external plugins: --plugin and autopipe.config.json', () => {
  const dir = tempDir('plugins');

  it('train --plugin <path> registers the example estimator and it reaches the leaderboard; predict needs it again', () => {
    const model = join(dir, 'centroid');
    const r = cliIn(dir, 'train', titanic, '-t', 'Survived', '--plugin', example, '--estimators', 'nearest_centroid', '--max-trials', '3', '--no-ensemble', '--out', model, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.leaderboard.map((x: { estimator: string }) => x.estimator)).toEqual(['nearest_centroid', 'nearest_centroid', 'nearest_centroid']);
    // Centroids of scaled, one-hot Titanic features separate survivors well above chance.
    expect(out.best.score).toBeGreaterThan(0.7);

    const without = cliIn(dir, 'predict', model, titanic, '--out', join(dir, 'p.csv'));
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/nearest_centroid/);
    const withIt = cliIn(dir, 'predict', model, titanic, '--out', join(dir, 'p.csv'), '--plugin', example);
    expect(withIt.code, withIt.stderr).toBe(0);
  });

  it('resolves a package name from the project in the current directory, listed in autopipe.config.json', () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'node_modules', '@autopipe'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-project', private: true, dependencies: { [exampleName]: '^0.1.0' } }));
    symlinkSync(example, join(project, 'node_modules', exampleName), 'dir');
    writeFileSync(join(project, 'autopipe.config.json'), JSON.stringify({ plugins: [exampleName] }));
    const r = cliIn(project, 'plugins', 'list', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const mine = j.plugins.find((p: { name: string }) => p.name === exampleName);
    expect(mine).toMatchObject({ core: '^0.1.0', requires: [], provides: ['estimator:nearest_centroid'] });
    expect(mine.from).toContain(join('project', 'node_modules', exampleName));
    expect(j.plugins.find((p: { name: string }) => p.name === '@autopipe/estimator-tree').from).toBe('bundled');
    // The table shows the same, with provides and requires columns.
    const t = cliIn(project, 'plugins', 'list');
    expect(t.stdout).toMatch(/@autopipe\/example-estimator-nearest-centroid@0\.1\.0\s+\^0\.1\.0\s+-\s+1 estimator/);
  });

  it('a missing package stops the run before training, naming it; --allow-plugin-errors warns and goes on', () => {
    const out = join(dir, 'not-written');
    const r = cliIn(dir, 'train', titanic, '-t', 'Survived', '--plugin', '@acme/autopipe-estimator-missing', '--max-trials', '1', '--out', out, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'UNKNOWN_PLUGIN', details: { plugin: '@acme/autopipe-estimator-missing' } });
    expect(existsSync(out)).toBe(false);

    const ok = cliIn(dir, 'train', titanic, '-t', 'Survived', '--plugin', '@acme/autopipe-estimator-missing', '--allow-plugin-errors',
      '--estimators', 'logistic', '--max-trials', '1', '--no-ensemble', '--out', out, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).warnings.join('\n')).toMatch(/@acme\/autopipe-estimator-missing.*not found/);
  });

  it('manifest problems are PLUGIN_MANIFEST / DUPLICATE_KEY errors that name the plugin and the reason', () => {
    const noExport = pluginFile(dir, 'no-export', 'export const something = 1;\n');
    const r1 = cliIn(dir, 'plugins', 'list', '--plugin', noExport, '--json');
    expect(r1.code).toBe(1);
    expect(JSON.parse(r1.stdout).error.code).toBe('PLUGIN_MANIFEST');
    expect(JSON.parse(r1.stdout).error.message).toMatch(/no-export\.mjs.*exports no plugin manifest/);

    const future = pluginFile(dir, 'future', `export const plugin = { name: '@acme/future', version: '1.0.0', core: '^9.0.0', provides: [${estimator('future_est')}] };\n`);
    const r2 = cliIn(dir, 'plugins', 'list', '--plugin', future, '--json');
    expect(r2.code).toBe(1);
    expect(JSON.parse(r2.stdout).error).toMatchObject({ code: 'PLUGIN_MANIFEST', details: { plugin: '@acme/future' } });
    expect(JSON.parse(r2.stdout).error.message).toMatch(/needs @autopipe\/core \^9\.0\.0/);

    const dup = pluginFile(dir, 'dup', `export default { name: '@acme/dup', version: '1.0.0', core: '^0.1.0', provides: [${estimator('logistic')}] };\n`);
    const r3 = cliIn(dir, 'plugins', 'list', '--plugin', dup, '--json');
    expect(JSON.parse(r3.stdout).error).toMatchObject({ code: 'DUPLICATE_KEY', details: { plugin: '@acme/dup', key: 'logistic' } });

    const throws = pluginFile(dir, 'throws', `throw new Error('boom at import');\n`);
    const r4 = cliIn(dir, 'plugins', 'list', '--plugin', throws, '--plugin', future, '--allow-plugin-errors', '--json');
    expect(r4.code, r4.stderr).toBe(0);
    const j = JSON.parse(r4.stdout);
    expect(j.warnings).toHaveLength(2);
    expect(j.warnings[0]).toMatch(/throws\.mjs.*boom at import/);
    expect(j.warnings[1]).toMatch(/@acme\/future/);
    expect(j.plugins.map((p: { name: string }) => p.name)).not.toContain('@acme/future');
  });

  it('a malformed config file is an input error naming the file', () => {
    const bad = join(dir, 'bad-config');
    mkdirSync(bad);
    writeFileSync(join(bad, 'autopipe.config.json'), JSON.stringify({ plugins: 'not-a-list' }));
    const r = cliIn(bad, 'plugins', 'list');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/autopipe\.config\.json: "plugins" must be a list/);
  });
});
