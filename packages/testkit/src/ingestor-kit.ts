import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AutopipeError, type ColumnType, type Frame, type IngestorDefinition, type ReadOptions, type RunContext } from '@autopipe/core';

/** The canonical table every ingestor must read back identically; `null` is a missing cell. */
export const KIT_TABLE: { readonly columns: Readonly<Record<string, readonly (string | number | boolean | null)[]>>; readonly types: Readonly<Record<string, ColumnType>> } = {
  columns: {
    age: [22, 38, null, 35, 54, 2, 27, 14, 4, 58, 20, 39],
    fare: [7.25, 71.2833, 7.925, 53.1, 8.05, 21.075, 11.1333, 30.0708, 16.7, 26.55, 8.05, 31.275],
    sex: ['male', 'female', 'female', 'female', 'male', 'male', 'female', 'female', null, 'female', 'male', 'male'],
    port: ['S', 'C', 'S', 'S', 'S', 'S', 'S', 'C', 'S', 'S', 'S', 'S'],
    vip: [true, false, false, true, false, null, false, true, false, false, true, false],
  },
  types: { age: 'numeric', fare: 'numeric', sex: 'categorical', port: 'categorical', vip: 'boolean' },
};

export interface IngestorKitOptions {
  /** Writes `KIT_TABLE` in the plugin's format into `dir` and returns the source to read. */
  readonly write: (dir: string, table: typeof KIT_TABLE) => string | Promise<string>;
  /** A source that does not exist, in the plugin's syntax. */
  readonly missingSource?: (dir: string) => string;
}

/** A streamed source gathered back: each batch's row count, and every column concatenated with its types. */
export interface StreamedRows {
  readonly batches: readonly number[];
  readonly names: readonly string[];
  readonly types: Readonly<Record<string, ColumnType>>;
  readonly columns: Readonly<Record<string, unknown[]>>;
}

/**
 * Drains `def.stream` and concatenates the batches, checking that every batch has the same columns and types
 * (a streamed source must not change its schema halfway through).
 */
export async function collectStream(def: IngestorDefinition, source: string, options: ReadOptions & { readonly batchRows: number }, ctx: RunContext): Promise<StreamedRows> {
  if (!def.stream) throw new Error(`ingestor ${def.key} has no stream()`);
  const batches: number[] = [];
  let first: Frame | null = null;
  const columns: Record<string, unknown[]> = {};
  for await (const batch of def.stream(source, options, ctx)) {
    first ??= batch;
    expect(batch.schema, `batch ${batches.length + 1} schema`).toEqual(first.schema);
    batches.push(batch.nrow);
    for (const name of batch.names) (columns[name] ??= []).push(...Array.from(batch.column(name) as ArrayLike<unknown>));
  }
  if (!first) throw new Error(`ingestor ${def.key} streamed no batch from ${source}`);
  return { batches, names: first.names, types: Object.fromEntries(first.schema.map((c) => [c.name, c.type])), columns };
}

/** The rows of a frame in the shape `collectStream` returns, for comparing a stream with `read`. */
export function frameRows(frame: Frame): Pick<StreamedRows, 'names' | 'types' | 'columns'> {
  return {
    names: frame.names,
    types: Object.fromEntries(frame.schema.map((c) => [c.name, c.type])),
    columns: Object.fromEntries(frame.names.map((n) => [n, Array.from(frame.column(n) as ArrayLike<unknown>)])),
  };
}

/** Runs the ingestor contract: the canonical table round-trips with names, types, values and missing cells. */
export function describeIngestor(def: IngestorDefinition, options: IngestorKitOptions): void {
  const dir = mkdtempSync(join(tmpdir(), `autopipe-kit-${def.key}-`));
  const ctx = { seed: 1, logger: { debug() {}, info() {}, warn() {} } };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe(`ingestor contract: ${def.key}`, () => {
    it('reads the canonical table with the same names, types, values and missing cells', async () => {
      const source = await options.write(dir, KIT_TABLE);
      expect(def.canRead(source)).toBe(true);
      const f = await def.read(source, {}, ctx);
      expect(f.names).toEqual(Object.keys(KIT_TABLE.columns));
      for (const [name, values] of Object.entries(KIT_TABLE.columns)) {
        const type = KIT_TABLE.types[name];
        expect(f.typeOf(name), name).toBe(type);
        const got = Array.from(f.column(name) as ArrayLike<unknown>);
        const want = values.map((v) => {
          if (type === 'numeric') return v === null ? NaN : v;
          if (type === 'boolean') return v === null ? NaN : v ? 1 : 0;
          return v;
        });
        expect(got, name).toEqual(want);
      }
    });

    it('a missing source fails with FILE_NOT_FOUND naming it', async () => {
      const source = options.missingSource?.(dir) ?? join(dir, `does-not-exist.${def.extensions[0] ?? 'dat'}`);
      const err = await def.read(source, {}, ctx).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AutopipeError);
      expect((err as AutopipeError).code).toBe('FILE_NOT_FOUND');
      expect((err as Error).message).toContain('does-not-exist');
    });

    it('type overrides are applied', async () => {
      const source = await options.write(dir, KIT_TABLE);
      const f = await def.read(source, { types: { port: 'text' } }, ctx);
      expect(f.typeOf('port')).toBe('text');
    });

    if (def.stream) {
      it('stream gives the same rows as read, in batches of the requested size', async () => {
        const source = await options.write(dir, KIT_TABLE);
        const types = KIT_TABLE.types;
        const whole = frameRows(await def.read(source, { types }, ctx));
        const got = await collectStream(def, source, { types, batchRows: 5 }, ctx);
        expect(got.batches).toEqual([5, 5, 2]);
        expect({ names: got.names, types: got.types, columns: got.columns }).toEqual(whole);
        // One batch holding everything infers the same types as read.
        const single = await collectStream(def, source, { batchRows: 1000 }, ctx);
        expect(single.batches).toEqual([12]);
        expect({ names: single.names, types: single.types, columns: single.columns }).toEqual(frameRows(await def.read(source, {}, ctx)));
      });

      it('stream of a missing source fails with FILE_NOT_FOUND naming it', async () => {
        const source = options.missingSource?.(dir) ?? join(dir, `does-not-exist.${def.extensions[0] ?? 'dat'}`);
        const err = await collectStream(def, source, { batchRows: 5 }, ctx).then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(AutopipeError);
        expect((err as AutopipeError).code).toBe('FILE_NOT_FOUND');
        expect((err as Error).message).toContain('does-not-exist');
      });
    }
  });
}
