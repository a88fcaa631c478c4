// `YYYY-MM-DD HH:MM` cells are built straight into their normalized ISO string from DuckDB's vector bytes
// (`isoBytes`, `TextColumn.pushIso`); the frame must be exactly the one decoding then normalizing each cell gave.
import { describe, expect, it } from 'vitest';
import { Frame, defaultContext, type ReadOptions } from '@autopipe/core';
import { normalizeDatetime } from '@autopipe/ingest';
import { DuckColumns } from '../src/duckdb-columns.js';
import { duckSource } from '../src/duckdb-source.js';
import { csvIngestorWith } from '../src/csv-ingestor.js';
import { fixtureDir } from './helpers.js';
import { readTextCells } from './text-cells.js';

const { write } = fixtureDir();

/** The whole-file DuckDB read, with the datetime path on or off. */
async function duckRead(path: string, datetimes: boolean, options: ReadOptions = {}): Promise<Frame> {
  const types = options.types ?? {};
  const src = await duckSource(path, path, ',', options.missing, types);
  const csv = await src.open('rejects');
  const columns = new DuckColumns(src.names, csv, src.isMissing, src.expectedRows, datetimes && !src.datetimeMarker);
  try {
    for (let chunk = await csv.next(); chunk; chunk = await csv.next()) columns.add(chunk, 0, chunk.rowCount);
    await csv.verify();
  } finally {
    csv.close();
  }
  return Frame.fromColumns(columns.finish({ source: path }, (name) => types[name], true));
}

const contents = (f: Frame) => f.columns().map(({ schema, data }) => ({ schema, data: Array.from(data as ArrayLike<unknown>) }));

// Rows past DuckDB's 2048-row chunks; each column is one tricky case for the datetime path.
function tricky(rows: number): string {
  const lines = ['id,when,badmonth,mixed,same,multi,note,sparse'];
  for (let i = 0; i < rows; i++) {
    const dd = String((i % 28) + 1).padStart(2, '0');
    const hh = String(i % 24).padStart(2, '0');
    const mm = String(i % 60).padStart(2, '0');
    const when = i % 11 === 3 ? '' : i % 13 === 5 ? 'NA' : `2022-11-${dd} ${hh}:${mm}`;
    const badmonth = i === rows - 1 ? '2022-13-01 08:15' : `2021-02-${dd} ${hh}:${mm}`;
    // date-only (inline), with seconds (19 bytes) and ISO `T` cells among the minute cells
    const mixed = i % 7 === 0 ? `2020-01-${dd}` : i % 7 === 1 ? `2020-01-${dd} ${hh}:${mm}:07` : i % 7 === 2 ? `2020-01-${dd}T${hh}:${mm}` : `2020-01-${dd} ${hh}:${mm}`;
    const same = '2019-05-05 05:05';
    // multibyte cells of 16 characters, a fullwidth digit, and an en dash in the date
    const multi = i % 3 === 0 ? `2022-11-${dd} ${hh}:é${mm[1]}` : i % 3 === 1 ? `２022-11-${dd} ${hh}:${mm}` : `2022–11-${dd} ${hh}:${mm}`;
    const note = i % 2 === 0 ? `some free text, row ${i} with words` : `2023-03-${dd} ${hh}:${mm}`;
    const sparse = i % 500 === 0 ? `2024-02-29 23:59` : '';
    lines.push([i, when, badmonth, mixed, same, multi, `"${note}"`, sparse].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('datetime cells built from DuckDB bytes', () => {
  it('gives the frame of the decode-then-normalize path, and of csv-parse', async () => {
    const path = write(tricky(5000));
    const fast = await duckRead(path, true);
    const slow = await duckRead(path, false);
    expect(contents(fast)).toEqual(contents(slow));
    const js = await csvIngestorWith('csv-parse').read(path, {}, defaultContext(1));
    expect(contents(fast)).toEqual(contents(js));
    const types = Object.fromEntries(fast.schema.map((c) => [c.name, c.type]));
    expect(types.when).toBe('datetime');
    expect(types.mixed).toBe('datetime');
    expect(types.same).toBe('constant');
    expect(types.badmonth).not.toBe('datetime');
    const when = fast.columns().find((c) => c.schema.name === 'when')!.data as readonly (string | null)[];
    expect(when[0]).toBe('2022-11-01T00:00:00');
    expect(when[3]).toBeNull();
    expect(when[19]).toBe('2022-11-20T19:19:00');
    const bad = fast.columns().find((c) => c.schema.name === 'badmonth')!.data as readonly (string | null)[];
    expect(bad[0]).toBe('2021-02-01 00:00');
  });

  it('keeps the text under a type override and when a missing marker looks like a datetime', async () => {
    const path = write(tricky(3000));
    for (const options of [{ types: { when: 'text' as const, sparse: 'categorical' as const } }, { missing: ['', 'NA', '2022-11-02 01:01'] }]) {
      const fast = await duckRead(path, true, options);
      expect(contents(fast)).toEqual(contents(await duckRead(path, false, options)));
      expect(contents(fast)).toEqual(contents(await csvIngestorWith('csv-parse').read(path, options, defaultContext(1))));
    }
  });

  it('hands out exactly the valid YYYY-MM-DD HH:MM cells as their normalized string', async () => {
    const cells = ['2022-11-28 08:15', '2024-02-29 23:59', '2023-02-29 10:00', '2022-11-28 24:00', '2022-11-28 08:60', '2022-11-28T08:15',
      '2022-11-28 08:15:00', '2022-11-28', '2022-11-28 8:15', '2022-11-28 08:1é', 'abcd-ef-gh ij:kl', '0000-01-01 00:00', '9999-12-31 23:59', '\0'];
    const got = await readTextCells(cells);
    const want = cells.map((c) => {
      if (c === '\0') return null;
      const minute = /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(c) ? normalizeDatetime(c, false, true) : null;
      return minute === null ? c : ['iso', minute];
    });
    expect(got).toEqual(want);
    expect(got[0]).toEqual(['iso', '2022-11-28T08:15:00']);
    expect(got[2]).toBe('2023-02-29 10:00');
  });
});
