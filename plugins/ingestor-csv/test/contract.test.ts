import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIngestor } from '@autopipe/testkit';
import { csvIngestorWith, plugin } from '../src/index.js';

function cell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The registered ingestor, and the same ingestor forced onto DuckDB (the registered one uses it for large files only).
for (const def of [...plugin.provides, csvIngestorWith('duckdb')]) {
  describeIngestor(def, {
    write: (dir, table) => {
      const names = Object.keys(table.columns);
      const nrow = table.columns[names[0]].length;
      const lines = [names.join(',')];
      for (let i = 0; i < nrow; i++) lines.push(names.map((n) => cell(table.columns[n][i])).join(','));
      const path = join(dir, 'kit.csv');
      writeFileSync(path, lines.join('\n') + '\n');
      return path;
    },
  });
}
