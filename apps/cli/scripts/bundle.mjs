#!/usr/bin/env node
// Bundles the compiled CLI (dist/) into bundle/: one directory of ES modules that `bin/autopipe.js` runs.
// Why: Node 20 spent ~0.4 s of every `autopipe` process resolving and linking ~575 small modules (arquero alone
// is 166); the bundle loads in a fraction of that. Inlined: our own packages and the pure-JS libraries loaded at
// start-up. Everything else (native addons, packages that locate files next to themselves, and the big libraries
// loaded only on demand) stays an import, resolved from the installed package like before; the build fails when one
// of those is not a dependency of this package (resolving from the bundle's directory finds only those once published).
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { locatedPackages, packageOf, undeclaredPackages } from './bundle-imports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bundle');

// Third-party packages inlined: pure JavaScript, loaded by every command, no files of their own read at run time.
const INLINE = ['arquero', '@uwdata/flechette', 'acorn', 'commander', 'csv-parse', 'csv-stringify', 'tsyringe', 'reflect-metadata', 'semver', 'tslib'];

const builtins = new Set(builtinModules);

const bundle = await rolldown({
  input: { main: join(root, 'dist/main.js'), 'fold-worker': join(root, 'dist/fold-worker.js'), 'remote-fold-worker': join(root, 'dist/remote-fold-worker.js') },
  platform: 'node',
  // Modules imported only for their effects (reflect-metadata's polyfill) must stay.
  treeshake: { moduleSideEffects: true },
  external: (id) => {
    if (id.startsWith('node:') || builtins.has(id)) return true;
    if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
    const pkg = packageOf(id);
    if (pkg.startsWith('@autopipe/') || INLINE.includes(pkg)) return false;
    return true;
  },
});
rmSync(out, { recursive: true, force: true });
const { output } = await bundle.write({ dir: out, format: 'esm', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js' });
await bundle.close();

// A chunk's imports name the bundle's own chunks by file name, and external modules by id.
const own = new Set(output.map((c) => c.fileName));
const imported = output.flatMap((c) => (c.type === 'chunk' ? [...c.imports, ...c.dynamicImports] : [])).filter((id) => !own.has(id));
const missing = undeclaredPackages([...imported, ...locatedPackages(out)], JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
if (missing.length) {
  process.stderr.write(`bundle: the bundled code imports ${missing.join(', ')}, which apps/cli/package.json does not list in dependencies; add them (with the range the importing package uses).\n`);
  process.exit(1);
}
process.stdout.write(`bundle: wrote ${out}; what it loads from node_modules is all in dependencies\n`);
