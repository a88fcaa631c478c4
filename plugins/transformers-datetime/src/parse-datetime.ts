import { MS_PER_DAY, daysFromCivil, daysInMonth } from './calendar.js';

/** Digit value at `i`, or -1. */
function dig(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at `i` as a number, or -1. */
function two(s: string, i: number): number {
  const a = dig(s, i);
  const b = dig(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

const NOT_ISO = -Infinity;

/**
 * Hand parser for `YYYY[-MM[-DD[(T| )HH:MM[:SS[.fff…]][Z|±HH[:]MM|±HH]]]]`, the shapes ingestors write.
 * Returns UTC milliseconds; NaN for the right shape with impossible fields (month 13, 30 February);
 * NOT_ISO when the shape differs, so the caller may try the lenient parser.
 */
function parseIso(s: string): number {
  const n = s.length;
  if (n < 4) return NOT_ISO;
  const y1 = two(s, 0);
  const y2 = two(s, 2);
  if (y1 < 0 || y2 < 0) return NOT_ISO;
  const y = y1 * 100 + y2;
  let mo = 1;
  let d = 1;
  let ms = 0;
  let p = 4;
  if (p < n) {
    if (s.charCodeAt(p) !== 45 /* - */ || n < 7) return NOT_ISO;
    mo = two(s, 5);
    if (mo < 0) return NOT_ISO;
    p = 7;
    if (p < n) {
      if (s.charCodeAt(p) !== 45 || n < 10) return NOT_ISO;
      d = two(s, 8);
      if (d < 0) return NOT_ISO;
      p = 10;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return p < n ? NOT_ISO : NaN;
  if (p < n) {
    const sep = s.charCodeAt(p);
    if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NOT_ISO;
    const hh = two(s, p + 1);
    const mm = two(s, p + 4);
    if (hh < 0 || s.charCodeAt(p + 3) !== 58 /* : */ || mm < 0) return NOT_ISO;
    p += 6;
    let ss = 0;
    let frac = 0;
    if (s.charCodeAt(p) === 58) {
      ss = two(s, p + 1);
      if (ss < 0) return NOT_ISO;
      p += 3;
      const c = s.charCodeAt(p);
      if (c === 46 /* . */ || c === 44 /* , */) {
        let scale = 0.1;
        p++;
        const start = p;
        for (let v = dig(s, p); v >= 0; v = dig(s, ++p)) { frac += v * scale; scale /= 10; }
        if (p === start) return NOT_ISO;
      }
    }
    if (hh > 23 || mm > 59 || ss > 59) return NaN;
    // Round to whole milliseconds like Date.parse, so both parsers agree on the same instant.
    ms = hh * 3_600_000 + mm * 60_000 + ss * 1000 + Math.round(frac * 1000);
    if (p < n) {
      const z = s.charCodeAt(p);
      if ((z === 90 /* Z */ || z === 122) && p + 1 === n) {
        p++;
      } else if (z === 43 /* + */ || z === 45 /* - */) {
        const oh = two(s, p + 1);
        if (oh < 0) return NOT_ISO;
        let om = 0;
        let q = p + 3;
        if (q < n) {
          if (s.charCodeAt(q) === 58) q++;
          om = two(s, q);
          if (om < 0) return NOT_ISO;
          q += 2;
        }
        if (q !== n) return NOT_ISO;
        if (oh > 23 || om > 59) return NaN;
        ms -= (z === 43 ? 1 : -1) * (oh * 3_600_000 + om * 60_000);
        p = q;
      } else {
        return NOT_ISO;
      }
    }
  }
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ms;
}

const MONTH_NAME = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const DIGIT_GROUPS = /\d+/g;

/**
 * V8's `Date.parse` is very lenient ("hello 1" is 2001-01-01), so a non-ISO string is only handed to it when it
 * looks like a date at all: a 4-digit year plus a month name or at least one other number.
 */
function plausibleDate(s: string): boolean {
  if (!/\d{4}/.test(s)) return false;
  return MONTH_NAME.test(s) || (s.match(DIGIT_GROUPS)?.length ?? 0) >= 2;
}

/**
 * Parses a datetime cell to UTC milliseconds since the epoch, or NaN when it does not parse. ISO-8601 is parsed
 * by hand (fast, no allocation); anything else goes to `Date.parse`, first with " UTC" appended so a string
 * without a zone means UTC rather than the machine's local time. A string with no zone is always UTC.
 */
export function parseDateTime(cell: string | null): number {
  if (cell === null) return NaN;
  let s = cell;
  const last = s.charCodeAt(s.length - 1);
  if (s.charCodeAt(0) <= 32 || last <= 32) s = s.trim();
  const iso = parseIso(s);
  if (iso !== NOT_ISO) return iso;
  if (!plausibleDate(s)) return NaN;
  const utc = Date.parse(`${s} UTC`);
  return Number.isNaN(utc) ? Date.parse(s) : utc;
}
