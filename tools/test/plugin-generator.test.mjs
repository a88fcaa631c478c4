import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkWorkspaceDeps, repoRoot, runNode, tscBin, vitestBin } from './workspace.mjs';

const require = createRequire(import.meta.url);
const { pluginGenerator, fsTree, KINDS } = require('../generators/plugin/generator.cjs');

// A scratch workspace with the real tsconfig.base.json, so generated packages compile exactly as they would in plugins/.
const root = mkdtempSync(join(tmpdir(), 'autopipe-gen-'));
copyFileSync(join(repoRoot, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - plugins/*\n');
writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ files: [], references: [] }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('nx g @autopipe/tools:plugin', () => {
  it('is wired into nx (dry run lists the files and writes nothing)', () => {
    const r = runNode([join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'g', '@autopipe/tools:plugin', '--kind', 'estimator', '--name', 'gen-probe', '--dry-run', '--no-interactive'], repoRoot, { NX_DAEMON: 'false' });
    expect(r.code, r.out).toBe(0);
    for (const f of ['package.json', 'README.md', 'src/index.ts', 'src/gen-probe.ts', 'test/contract.test.ts', 'vitest.config.ts', 'tsconfig.lib.json']) {
      expect(r.out).toContain(`CREATE plugins/estimator-gen-probe/${f}`);
    }
    expect(existsSync(join(repoRoot, 'plugins', 'estimator-gen-probe'))).toBe(false);
  });

  it('rejects a bad kind or name with a message that says what to pass', async () => {
    await expect(pluginGenerator(fsTree(root), { kind: 'exporter', name: 'x' })).rejects.toThrow(/--kind must be one of estimator, transformer, searcher, ingestor, deployer, metric/);
    await expect(pluginGenerator(fsTree(root), { kind: 'metric', name: 'Bad Name' })).rejects.toThrow(/kebab-case/);
  });

  for (const kind of KINDS) {
    it(`a generated ${kind} package passes its own tests and typecheck unchanged`, async () => {
      const callback = await pluginGenerator(fsTree(root), { kind, name: 'foo-bar' });
      expect(typeof callback).toBe('function');
      const dir = join(root, 'plugins', `${kind}-foo-bar`);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({ name: `@autopipe/${kind}-foo-bar`, sideEffects: false, license: 'MIT', types: './dist/index.d.ts', files: ['dist', 'README.md'] });
      expect(readFileSync(join(dir, 'test', 'contract.test.ts'), 'utf8')).toContain('@autopipe/testkit');
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain(`@autopipe/${kind}-foo-bar`);
      if (kind === 'estimator' || kind === 'transformer') expect(readFileSync(join(dir, 'src', 'foo-bar.ts'), 'utf8')).toMatch(/Space: Readonly<Record<keyof FooBarParams, Domain>>/);
      linkWorkspaceDeps(dir);

      const test = runNode([vitestBin, 'run'], dir);
      expect(test.code, test.out).toBe(0);
      expect(test.out).toMatch(/Tests\s+\d+ passed/);
      const build = runNode([tscBin, '-b', 'tsconfig.json'], dir);
      expect(build.code, build.out).toBe(0);
      expect(existsSync(join(dir, 'dist', 'index.d.ts'))).toBe(true);
      // The built entry exports the manifest a host expects.
      const mod = await import(join(dir, 'dist', 'index.js'));
      expect(mod.plugin).toMatchObject({ name: `@autopipe/${kind}-foo-bar`, core: '^0.1.0' });
      expect(mod.plugin.provides[0].kind).toBe(kind);
      expect(mod.default).toBe(mod.plugin);
    });
  }

  it('adds the package to the root tsconfig references and refuses to overwrite it', async () => {
    const ts = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    expect(ts.references).toContainEqual({ path: './plugins/metric-foo-bar' });
    await expect(pluginGenerator(fsTree(root), { kind: 'metric', name: 'foo-bar' })).rejects.toThrow(/already holds a package/);
  });
});
