// JSON cannot hold NaN or ±Infinity (scores of degenerate folds, std of a single holdout); they travel as strings.
const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** JSON text that keeps non-finite numbers and key order (the replayed candidate must match the searcher's exactly). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

export function fromJson<T>(text: string | null | undefined): T {
  if (text === null || text === undefined) return null as T;
  return JSON.parse(text, (_k, v) => (typeof v === 'string' && v in SPECIAL ? SPECIAL[v] : v)) as T;
}

/** A REAL column value: SQL NULL stands for NaN. */
export function fromReal(v: unknown): number {
  return v === null || v === undefined ? Number.NaN : Number(v);
}

export function toReal(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}
