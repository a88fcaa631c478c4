// Cells that are not dictionary codes are gathered a vector at a time and decoded at once (`LongCells`); what the
// sink gets must be, cell by cell and in order, what decoding each cell on its own gave.
import { describe, expect, it } from 'vitest';
import { missingTest, normalizeDatetime } from '@autopipe/ingest';
import { readTextCells, type Got } from './text-cells.js';

/** The cells as TextCells hands them out; two calls, so the batch is reused, and a cell of the first reappears (from
 * the dictionary) in the second. */
const read = (cells: readonly string[]): Promise<Got[]> => readTextCells(cells, [cells.length >> 1]);

/** What each cell must come out as. */
function expected(cells: readonly string[]): Got[] {
  return cells.map((c) => {
    const t = c.trim();
    if (c === '\0' || missingTest()(t)) return null;
    const minute = /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(c) ? normalizeDatetime(c, false, true) : null;
    return minute === null ? t : ['iso', minute];
  });
}

const ASCII = [
  'alpha beta, gamma delta 17', 'red', '\0', '  padded long cell, both ends  ', 'NA', '2024-02-29 23:59', 'short',
  'a cell that is longer than thirty-six bytes, so one part is not inline', 'exactly twelve', '2023-02-29 10:00', 'red',
  '', 'thirteen byte', 'alpha beta, gamma delta 17', '2022-11-28 08:15',
];

describe('LongCells', () => {
  it('an all-ASCII vector, decoded at once and cut, gives every cell as decoding it alone did', async () => {
    const got = await read(ASCII);
    expect(got).toEqual(expected(ASCII));
    expect(got[5]).toEqual(['iso', '2024-02-29T23:59:00']);
    expect(got[3]).toBe('padded long cell, both ends');
  });

  it('a vector with multibyte text is decoded cell by cell, with the same result', async () => {
    const cells = [...ASCII.slice(0, 6), 'Zürich, Genève et Großbritannien', 'naïve', '２０２４-01-01 10:00', '日本語のテキストです。長い', ...ASCII.slice(6)];
    const got = await read(cells);
    expect(got).toEqual(expected(cells));
    expect(got[6]).toBe('Zürich, Genève et Großbritannien');
  });
});
