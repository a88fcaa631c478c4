import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { AutopipeError, type Frame, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import type { Registry } from './registry.js';

/** Picks the ingestor for a source: `format` (an ingestor key) when given, otherwise the first that can read it. */
export function ingestorFor(registry: Registry, source: string, format?: string): IngestorDefinition {
  if (format) return registry.get<IngestorDefinition>('ingestor', format);
  const found = registry.ingestors().find((i) => i.canRead(source));
  if (!found) {
    const exts = registry.ingestors().flatMap((i) => i.extensions).map((e) => `.${e}`).join(', ');
    throw new AutopipeError('INVALID_ARGUMENT', `No ingestor reads "${source}" (extension "${extname(source) || 'none'}"). Supported: ${exts || 'none registered'}; or pass --format.`, { source });
  }
  return found;
}

/** Reads a data source into a frame with the matching ingestor. */
export async function readSource(registry: Registry, source: string, options: ReadOptions & { format?: string }, ctx: RunContext): Promise<Frame> {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(source) || /^[a-z]:[\\/]/i.test(source)) {
    if (!existsSync(source)) throw new AutopipeError('FILE_NOT_FOUND', `File not found: ${source}. Check the path.`, { path: source });
    if (statSync(source).isDirectory()) throw new AutopipeError('INVALID_ARGUMENT', `${source} is a directory; give a data file.`, { path: source });
  }
  return ingestorFor(registry, source, options.format).read(source, options, ctx);
}
