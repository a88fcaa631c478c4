import { inputError } from '@autopipe/core';

/**
 * Splits a possibly qualified table name (`schema.table`, `"odd.name"`, `s."T"`) into its parts. Double-quoted
 * parts are taken literally (with `""` as an escaped quote), so a dot inside quotes does not split.
 */
export function splitQualifiedName(name: string, source: string): string[] {
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    let part = '';
    if (name[i] === '"') {
      i++;
      for (;;) {
        if (i >= name.length) throw badName(name, source);
        if (name[i] === '"') {
          if (name[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += name[i++];
      }
    } else {
      while (i < name.length && name[i] !== '.') part += name[i++];
      if (part.includes('"')) throw badName(name, source);
    }
    if (part === '') throw badName(name, source);
    parts.push(part);
    if (i >= name.length) return parts;
    if (name[i] !== '.') throw badName(name, source);
    i++;
  }
}

/** Quotes one identifier for SQL: wrapped in double quotes with inner quotes doubled, so any name is safe. */
export function quoteIdentifier(part: string): string {
  return `"${part.replace(/"/g, '""')}"`;
}

/** Quotes a possibly qualified table name part by part. */
export function quoteTableName(name: string, source: string): string {
  return splitQualifiedName(name, source).map(quoteIdentifier).join('.');
}

function badName(name: string, source: string) {
  return inputError(
    'INVALID_ARGUMENT',
    `${source}: table name ${JSON.stringify(name)} is not a valid name; write it as table, schema.table or "quoted.name".`,
    { source, table: name },
  );
}
