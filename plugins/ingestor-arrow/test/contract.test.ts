import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bool, float64, tableFromArrays, tableToIPC, utf8, type DataType } from '@uwdata/flechette';
import { describeIngestor } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

for (const def of plugin.provides) {
  describeIngestor(def, {
    write: (dir, table) => {
      const arrowTypes: Record<string, DataType> = { numeric: float64(), boolean: bool() };
      const types = Object.fromEntries(Object.entries(table.types).map(([c, t]) => [c, arrowTypes[t] ?? utf8()]));
      const path = join(dir, 'kit.arrow');
      writeFileSync(path, tableToIPC(tableFromArrays(table.columns as Record<string, unknown[]>, { types }), { format: 'file' })!);
      return path;
    },
  });
}
