import type { ColumnType } from '@autopipe/core';
import { readConfig } from './plugin-config.js';

export interface DataOptions {
  readonly types?: Record<string, ColumnType>;
  readonly ignore?: string[];
  readonly missing?: string[];
}

/**
 * How to read and use the data: `--types`, `--ignore` and `--missing` merged over `autopipe.config.json` in the current
 * directory (a column typed on the command line wins; ignored columns add up; `--missing` replaces the config's list).
 */
export async function dataOptions(flags: DataOptions): Promise<DataOptions> {
  const config = await readConfig(process.cwd());
  const types = config.types || flags.types ? { ...config.types, ...flags.types } : undefined;
  const ignore = config.ignore || flags.ignore ? [...new Set([...(config.ignore ?? []), ...(flags.ignore ?? [])])] : undefined;
  const missing = flags.missing ?? (config.missing ? [...config.missing] : undefined);
  return { ...(types ? { types } : {}), ...(ignore ? { ignore } : {}), ...(missing ? { missing } : {}) };
}
