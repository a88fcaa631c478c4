// Which packages the bundle loads from node_modules at run time. Resolved from the bundle's own directory, they are
// found once published only if this package lists them as dependencies, so the build checks that it does.
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

// What code locates from its own directory besides its imports: createRequire(import.meta.url) and
// import.meta.resolve with a literal name, and the require() calls of inlined CommonJS modules (rolldown's __require).
const LOCATED = /(?:createRequire\(import\.meta\.url\)(?:\.resolve)?|\b__require|import\.meta\.resolve)\(\s*["']([^"'./][^"']*)["']/g;
const builtins = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export const packageOf = (id) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]);

/** The packages the bundle's JavaScript files locate by name (see LOCATED). */
export function locatedPackages(dir) {
  const found = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(LOCATED)) found.push(m[1]);
  }
  return found;
}

/** Of the module ids the bundle imports or locates, the packages `manifest` (a package.json) does not list in
 * dependencies or optionalDependencies; built-ins and the bundle's own chunks are left out. Sorted. */
export function undeclaredPackages(ids, manifest) {
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})]);
  const packages = new Set(ids.filter((id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('node:')).map(packageOf));
  return [...packages].filter((p) => !builtins.has(p) && !declared.has(p)).sort();
}
