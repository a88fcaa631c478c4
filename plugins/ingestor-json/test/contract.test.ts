import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIngestor, type KIT_TABLE } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

function rows(table: typeof KIT_TABLE): Record<string, unknown>[] {
  const names = Object.keys(table.columns);
  const n = table.columns[names[0]].length;
  // Missing cells are left out of the object in odd rows and written as null in even ones: both are missing.
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.flatMap((c) => (table.columns[c][i] === null && i % 2 ? [] : [[c, table.columns[c][i]]]))));
}

for (const def of plugin.provides) {
  describeIngestor(def, {
    write: (dir, table) => {
      const path = join(dir, 'kit.json');
      writeFileSync(path, JSON.stringify(rows(table), null, 1));
      return path;
    },
  });
  describeIngestor(def, {
    write: (dir, table) => {
      const path = join(dir, 'kit.ndjson');
      writeFileSync(path, rows(table).map((r) => JSON.stringify(r)).join('\n') + '\n');
      return path;
    },
    missingSource: (dir) => join(dir, 'does-not-exist.ndjson'),
  });
}
