import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AutopipeError, COLUMN_TYPES, type ColumnType } from '@autopipe/core';

/** The file names looked for in the current directory, first found wins. */
export const CONFIG_FILES = ['autopipe.config.json', 'autopipe.config.mjs', 'autopipe.config.js', 'autopipe.config.ts'] as const;

/** What `autopipe.config.*` may hold today. */
export interface AutopipeConfig {
  /** Plugin specs (package names or paths relative to the config file), registered after the bundled plugins. */
  readonly plugins: readonly string[];
  /** Column type overrides, like `--types` (the command line wins per column). */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** Columns to leave out, like `--ignore` (added to the command line's). */
  readonly ignore?: readonly string[];
  /** Cell values read as missing, like `--missing` (the command line replaces them). */
  readonly missing?: readonly string[];
  /** The file it came from, for messages. */
  readonly file?: string;
}

function configError(file: string, reason: string): AutopipeError {
  return new AutopipeError('INVALID_ARGUMENT', `${file}: ${reason}`, { file });
}

function check(file: string, value: unknown): AutopipeConfig {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw configError(file, 'expected an object such as { "plugins": ["@acme/autopipe-estimator-foo"] }.');
  const plugins = (value as { plugins?: unknown }).plugins ?? [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string' && p.length > 0)) {
    throw configError(file, '"plugins" must be a list of package names or paths, e.g. ["@acme/autopipe-estimator-foo", "./my-plugin"].');
  }
  const v = value as { types?: unknown; ignore?: unknown; missing?: unknown };
  if (v.types !== undefined) {
    if (!v.types || typeof v.types !== 'object' || Array.isArray(v.types)) throw configError(file, '"types" must be an object such as { "zip": "categorical" }.');
    for (const [col, t] of Object.entries(v.types)) {
      if (!COLUMN_TYPES.includes(t as ColumnType)) throw configError(file, `"types"."${col}" is "${String(t)}"; use one of ${COLUMN_TYPES.join(', ')}.`);
    }
  }
  const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (v.ignore !== undefined && !strings(v.ignore)) throw configError(file, '"ignore" must be a list of column names.');
  if (v.missing !== undefined && !strings(v.missing)) throw configError(file, '"missing" must be a list of cell values, e.g. ["NA", "?"].');
  return {
    plugins, file,
    ...(v.types !== undefined ? { types: v.types as Record<string, ColumnType> } : {}),
    ...(v.ignore !== undefined ? { ignore: v.ignore as string[] } : {}),
    ...(v.missing !== undefined ? { missing: v.missing as string[] } : {}),
  };
}

/**
 * Reads the autopipe config in `dir`. JSON always works; `.mjs`/`.js` are imported (default export); `.ts` is
 * imported only where Node strips types itself (22.18+), since the CLI ships no TypeScript loader.
 */
export async function readConfig(dir: string): Promise<AutopipeConfig> {
  const name = CONFIG_FILES.find((f) => existsSync(join(dir, f)));
  if (!name) return { plugins: [] };
  const file = join(dir, name);
  if (name.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw configError(file, `not valid JSON (${(e as Error).message}).`);
    }
    return check(file, parsed);
  }
  if (name.endsWith('.ts') && !(process.features as { typescript?: unknown }).typescript) {
    throw configError(file, `this Node.js (${process.version}) cannot load TypeScript config files; rename it to autopipe.config.json (or .mjs), or use Node 22.18 or later.`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw configError(file, `could not be loaded: ${(e as Error).message}`);
  }
  return check(file, mod.default);
}
