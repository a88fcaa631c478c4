import type { SqlKind } from '@autopipe/ingest';

/** PostgreSQL type OIDs (from pg_type) that map to something other than inferred strings. */
const KIND_BY_OID: ReadonlyMap<number, SqlKind> = new Map<number, SqlKind>([
  [20, 'numeric'], // int8
  [21, 'numeric'], // int2
  [23, 'numeric'], // int4
  [26, 'numeric'], // oid
  [700, 'numeric'], // float4
  [701, 'numeric'], // float8
  [1700, 'numeric'], // numeric
  [16, 'boolean'],
  [1082, 'datetime'], // date
  [1114, 'datetime'], // timestamp
  [1184, 'datetime'], // timestamptz
]);

/** bytea: binary cells are not features; the user must leave them out or cast them. */
export const BYTEA_OID = 17;

/** The kind of a result column given its type OID; anything unlisted (text, varchar, uuid, json, ...) is a string. */
export function pgKind(oid: number): SqlKind {
  return KIND_BY_OID.get(oid) ?? 'string';
}

/**
 * Prepares PostgreSQL's date output (session `DateStyle = ISO`, `TimeZone = UTC`) for the shared datetime
 * normalization: `timestamptz` ends in `+00`, which becomes `Z`. `infinity` has no calendar date: missing.
 */
export function pgDatetime(text: string): string | null {
  if (text === 'infinity' || text === '-infinity') return null;
  return text.endsWith('+00') ? `${text.slice(0, -3)}Z` : text;
}
