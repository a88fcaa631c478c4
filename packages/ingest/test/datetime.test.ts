import { describe, expect, it } from 'vitest';
import { isoFromEpochMs, newEvidence, normalizeDatetime, normalizeWithPatterns, noteDatetime } from '../src/datetime.js';
import { toColumn } from '../src/to-column.js';

const where = { source: 'data.csv' };

describe('datetime normalization', () => {
  it('normalizes ISO cells, converting offsets to UTC', () => {
    expect(normalizeDatetime('2024-01-31', false, false)).toBe('2024-01-31');
    expect(normalizeDatetime('2024-01-31', false, true)).toBe('2024-01-31T00:00:00');
    expect(normalizeDatetime('2024-01-31 13:45', false, true)).toBe('2024-01-31T13:45:00');
    expect(normalizeDatetime('2024-01-31T13:45:07.25', false, true)).toBe('2024-01-31T13:45:07.250');
    expect(normalizeDatetime('2024-01-31T13:45:07.123456', false, true)).toBe('2024-01-31T13:45:07.123');
    expect(normalizeDatetime('2024-01-31T23:30:00-02:00', false, true)).toBe('2024-02-01T01:30:00Z');
    expect(normalizeDatetime('2024-01-31T13:45:00Z', false, true)).toBe('2024-01-31T13:45:00Z');
    expect(normalizeDatetime('2024/1/5', false, false)).toBe('2024-01-05');
  });

  it('reads slashed cells in the column order and dotted cells day first', () => {
    expect(normalizeDatetime('01/02/2024', true, false)).toBe('2024-02-01');
    expect(normalizeDatetime('01/02/2024', false, false)).toBe('2024-01-02');
    expect(normalizeDatetime('01.02.2024', false, false)).toBe('2024-02-01');
    expect(normalizeDatetime('1/2/2024 7:05', false, true)).toBe('2024-01-02T07:05:00');
  });

  it('rejects impossible dates and times', () => {
    for (const bad of ['2024-13-01', '2024-02-30', '2024-01-31T24:00', '2024-01-31T12:60', '32/01/2024', 'yesterday']) {
      expect(normalizeDatetime(bad, true, true), bad).toBeNull();
    }
  });

  it('collects evidence of the order and of times', () => {
    const ev = newEvidence();
    expect(noteDatetime('13/01/2024', ev)).toBe(true);
    expect(noteDatetime('2024-01-01 10:00', ev)).toBe(true);
    expect(noteDatetime('hello', ev)).toBe(false);
    expect(ev).toEqual({ order: 1, slashed: true, hasTime: true });
  });

  it('formats epoch milliseconds', () => {
    expect(isoFromEpochMs(Date.UTC(2024, 0, 31, 13, 45), true, false)).toBe('2024-01-31T13:45:00');
    expect(isoFromEpochMs(Date.UTC(2024, 0, 31), false, false)).toBe('2024-01-31');
    expect(isoFromEpochMs(Date.UTC(1969, 11, 31, 23, 59, 59, 5), true, true)).toBe('1969-12-31T23:59:59.005Z');
  });

  it('a datetime column becomes normalized strings; a column with times puts midnight on bare dates', () => {
    expect(toColumn('d', ['31/01/2024', null, '01/02/2024'], 'datetime', where)).toEqual(['2024-01-31', null, '2024-02-01']);
    expect(toColumn('d', ['2024-01-31', '2024-02-01 08:15'], 'datetime', where)).toEqual(['2024-01-31T00:00:00', '2024-02-01T08:15:00']);
  });

  it('a cell that is not a date in a declared datetime column is PARSE_ERROR naming it', () => {
    expect(() => toColumn('when', ['2024-01-31', 'soon'], 'datetime', { source: 'x.csv', lineOf: (r) => r + 2 })).toThrow(/x\.csv: column "when" is declared datetime but row 2 \(line 3\) holds "soon"/);
  });
});

describe('canonical ISO cells take a regex-free path that agrees with the patterns', () => {
  it('normalizes every canonical date and datetime exactly as the regular expressions do, and refuses the same invalid ones', () => {
    const cells: string[] = [];
    for (const y of ['2024', '2023', '1900', '2000', '0001']) {
      for (const m of ['00', '01', '02', '04', '12', '13']) {
        for (const d of ['00', '01', '28', '29', '30', '31', '32']) {
          cells.push(`${y}-${m}-${d}`);
          for (const t of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60', '07:05:09', '00:00', '23:59', '24:00', '12:60', '07:05']) {
            cells.push(`${y}-${m}-${d}T${t}`, `${y}-${m}-${d} ${t}`);
          }
        }
      }
    }
    cells.push('2024-1-05', '2024-01-5x', '2024-01-05T1:00:00', '2024-01-05T10:00', '2024-01-05x10:00:00', '2024/01/05', '2024-01-05T10:00:00Z', '2024-01-05T10:0a', '2024-01-05 1:000', '2024-01-05T10:00Z', '2024-01-05_10:00');
    let accepted = 0;
    for (const cell of cells) {
      for (const withTime of [false, true]) {
        expect(normalizeDatetime(cell, false, withTime), `${cell} withTime=${withTime}`).toBe(normalizeWithPatterns(cell, false, withTime));
      }
      const fastEv = newEvidence();
      const ok = noteDatetime(cell, fastEv);
      if (ok) accepted++;
      expect(ok, cell).toBe(normalizeWithPatterns(cell, false, true) !== null);
      expect(fastEv.hasTime, cell).toBe(ok && cell.length > 10);
    }
    expect(accepted).toBeGreaterThan(200);
  });
});
