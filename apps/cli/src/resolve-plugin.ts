import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Where a plugin spec points: the file to `import()` and the package name when there is a package.json. */
export interface ResolvedPlugin {
  readonly spec: string;
  readonly entry: string;
  readonly packageName?: string;
}

// The conditions Node uses for an ESM `import()`; order in the exports object decides, as in Node.
const CONDITIONS = new Set(['node', 'import', 'default']);

/** Whether a spec names a path (relative or absolute) rather than a package. */
export function isPathSpec(spec: string): boolean {
  return spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('file:');
}

/** `@scope/name/sub` → `['@scope/name', './sub']`, `name` → `['name', '.']`. */
export function splitPackageSpec(spec: string): [name: string, subpath: string] {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return [parts.slice(0, n).join('/'), rest ? `./${rest}` : '.'];
}

function pickTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = pickTarget(t);
      if (r) return r;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const [cond, t] of Object.entries(target)) {
      if (!CONDITIONS.has(cond)) continue;
      const r = pickTarget(t);
      if (r) return r;
    }
  }
  return undefined;
}

/**
 * The entry a package exposes for `import()` at `subpath`, following `exports` (conditions node/import/default,
 * no subpath patterns) and falling back to `main` / `index.js` for packages without `exports`.
 */
export function packageEntry(dir: string, pkg: Record<string, unknown>, subpath: string): string | undefined {
  const exp = pkg.exports;
  if (exp !== undefined && exp !== null) {
    const isSubpathMap = typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    const target = isSubpathMap ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined;
    const t = pickTarget(target);
    return t ? join(dir, t) : undefined;
  }
  if (subpath !== '.') return join(dir, subpath);
  return join(dir, typeof pkg.main === 'string' ? pkg.main : 'index.js');
}

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The package directory Node would find for `name` from `from`: the nearest `node_modules/<name>` upwards. */
export function findPackageDir(name: string, from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Resolves a plugin spec the way the user's own project would: a package name from `cwd`'s node_modules
 * (so the plugin is the version their package.json installed, not one next to the CLI), or a path relative to `cwd`
 * (a package directory or a module file). Returns undefined when nothing is there; throws when a package.json is unreadable.
 */
export function resolvePluginSpec(spec: string, cwd: string): ResolvedPlugin | undefined {
  if (isPathSpec(spec)) {
    const path = spec.startsWith('file:') ? new URL(spec).pathname : resolve(cwd, spec);
    if (!existsSync(path)) return undefined;
    if (!statSync(path).isDirectory()) return { spec, entry: path };
    const pkg = readPackageJson(path);
    const entry = pkg ? packageEntry(path, pkg, '.') : join(path, 'index.js');
    return entry ? { spec, entry, packageName: typeof pkg?.name === 'string' ? pkg.name : undefined } : undefined;
  }
  const [name, subpath] = splitPackageSpec(spec);
  const dir = findPackageDir(name, cwd);
  if (!dir) return undefined;
  const entry = packageEntry(dir, readPackageJson(dir) ?? {}, subpath);
  return entry ? { spec, entry, packageName: name } : undefined;
}
