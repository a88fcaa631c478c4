import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { AutopipeError, type Frame, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';
import type { Registry } from './registry.js';

/** A source as it may appear in messages and manifests: passwords in URIs (`user:pass@`, `password=`) hidden. */
export function redactSource(source: string): string {
  return source.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@').replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
}

/** Picks the ingestor for a source: `format` (an ingestor key) when given, otherwise the first that can read it. */
export function ingestorFor(registry: Registry, source: string, format?: string): IngestorDefinition {
  if (format) return registry.get<IngestorDefinition>('ingestor', format);
  const found = registry.ingestors().find((i) => i.canRead(source));
  if (!found) {
    const exts = registry.ingestors().flatMap((i) => i.extensions).map((e) => `.${e}`).join(', ');
    throw new AutopipeError('INVALID_ARGUMENT', `No ingestor reads "${redactSource(source)}" (extension "${extname(source) || 'none'}"). Supported: ${exts || 'none registered'}; or pass --format.`, { source: redactSource(source) });
  }
  return found;
}

/** Reads a data source into a frame with the matching ingestor. */
export async function readSource(registry: Registry, source: string, options: ReadOptions & { format?: string }, ctx: RunContext): Promise<Frame> {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(source) || /^[a-z]:[\\/]/i.test(source)) {
    // A plain path may carry ingestor parameters after "?" (e.g. data.db?table=t).
    const path = existsSync(source) || !source.includes('?') ? source : source.slice(0, source.indexOf('?'));
    if (!existsSync(path)) throw new AutopipeError('FILE_NOT_FOUND', `File not found: ${path}. Check the path.`, { path });
    if (statSync(path).isDirectory()) throw new AutopipeError('INVALID_ARGUMENT', `${path} is a directory; give a data file.`, { path });
  }
  return ingestorFor(registry, source, options.format).read(source, options, ctx);
}

/**
 * Reads labelled data so that a true/false target keeps its labels as the source writes them ("True"/"False", "yes"...)
 * instead of becoming 0/1 codes: predictions then speak the data's language and match labelled test files. When the
 * target is inferred boolean (and the user set no type for it), the source is read again with the target as categorical.
 */
export async function readLabelledSource(registry: Registry, source: string, options: ReadOptions & { format?: string }, target: string | undefined, ctx: RunContext): Promise<Frame> {
  const frame = await readSource(registry, source, options, ctx);
  if (!target || !frame.has(target) || frame.typeOf(target) !== 'boolean' || options.types?.[target] !== undefined) return frame;
  const again = await readSource(registry, source, { ...options, types: { ...options.types, [target]: 'categorical' } }, ctx);
  return again.has(target) && again.typeOf(target) === 'categorical' ? again : frame;
}
