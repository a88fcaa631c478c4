import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../src/parse-datetime.js';
import { civilFromDays, daysFromCivil } from '../src/calendar.js';

describe('parseDateTime', () => {
  it('reads ISO dates and timestamps as UTC, applying explicit offsets', () => {
    expect(parseDateTime('2024-01-31')).toBe(Date.UTC(2024, 0, 31));
    expect(parseDateTime('2024-01-31T13:45:00Z')).toBe(Date.UTC(2024, 0, 31, 13, 45));
    expect(parseDateTime('2024-01-31T13:45')).toBe(Date.UTC(2024, 0, 31, 13, 45));
    expect(parseDateTime('2024-01-31 13:45:07')).toBe(Date.UTC(2024, 0, 31, 13, 45, 7));
    expect(parseDateTime('2024-01-31T13:45:07.25Z')).toBe(Date.UTC(2024, 0, 31, 13, 45, 7, 250));
    expect(parseDateTime('2024-01-31T13:45:07.123456Z')).toBe(Date.UTC(2024, 0, 31, 13, 45, 7, 123));
    expect(parseDateTime('2024-01-31T13:45:00+02:00')).toBe(Date.UTC(2024, 0, 31, 11, 45));
    expect(parseDateTime('2024-01-31T13:45:00-0530')).toBe(Date.UTC(2024, 0, 31, 19, 15));
    expect(parseDateTime('2024-01-31T13:45:00+01')).toBe(Date.UTC(2024, 0, 31, 12, 45));
    expect(parseDateTime('2024-03')).toBe(Date.UTC(2024, 2, 1));
    expect(parseDateTime('1969')).toBe(Date.UTC(1969, 0, 1));
    expect(parseDateTime('  2024-01-31 ')).toBe(Date.UTC(2024, 0, 31));
  });

  it('agrees with Date.parse on every ISO shape Date.parse reads as UTC', () => {
    for (const s of ['2000-02-29T23:59:59.999Z', '1900-01-01T00:00:00Z', '2100-12-31T12:00:00+14:00', '1970-01-01T00:00:00.001Z']) {
      expect(parseDateTime(s)).toBe(Date.parse(s));
    }
  });

  it('falls back to Date.parse for other date-like strings, still in UTC', () => {
    expect(parseDateTime('Jan 31 2024')).toBe(Date.UTC(2024, 0, 31));
    expect(parseDateTime('2024/01/31 13:45')).toBe(Date.UTC(2024, 0, 31, 13, 45));
    expect(parseDateTime('Wed, 31 Jan 2024 13:45:00 GMT')).toBe(Date.UTC(2024, 0, 31, 13, 45));
    expect(parseDateTime('2024-01-31 13:45:00 UTC')).toBe(Date.UTC(2024, 0, 31, 13, 45));
  });

  it('gives NaN for missing, empty, impossible and non-date cells', () => {
    for (const s of [null, '', 'not a date', 'hello 1', '2024-02-30', '2023-02-29', '2024-13-01', '2024-01-31T24:00', '2024-01-31T12:61', '31/01/2024', '12345']) {
      expect(parseDateTime(s)).toBeNaN();
    }
  });
});

describe('calendar', () => {
  it('round-trips day numbers through civil dates across leap rules and before 1970', () => {
    const ymd = new Int32Array(3);
    const got: string[] = [];
    const want: string[] = [];
    for (let d = daysFromCivil(1599, 12, 1); d < daysFromCivil(2401, 3, 1); d += 7) {
      civilFromDays(d, ymd);
      const js = new Date(d * 86_400_000);
      got.push(`${daysFromCivil(ymd[0], ymd[1], ymd[2]) - d} ${ymd[0]}-${ymd[1]}-${ymd[2]}`);
      want.push(`0 ${js.getUTCFullYear()}-${js.getUTCMonth() + 1}-${js.getUTCDate()}`);
    }
    expect(got).toEqual(want);
  });
});
