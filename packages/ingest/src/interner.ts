// Distinct strings a column interns before it stops: enough for any categorical, bounded for free text.
const MAX_INTERNED = 10_000;

/**
 * Gives equal cells of a column one shared string, so a categorical column of a million rows holds a few distinct
 * strings instead of a million copies. Past MAX_INTERNED distinct values (free text, ids) it stops interning.
 */
export class StringInterner {
  private map: Map<string, string> | null = new Map();

  intern(cell: string): string {
    const map = this.map;
    if (map === null) return cell;
    const known = map.get(cell);
    if (known !== undefined) return known;
    if (map.size >= MAX_INTERNED) this.map = null;
    else map.set(cell, cell);
    return cell;
  }

  /** Forgets every string (a new batch, or the column is finished). */
  reset(): void {
    this.map = new Map();
  }
}
