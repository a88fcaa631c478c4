import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describeIngestor } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

const PARQUET_TYPES = { numeric: 'DOUBLE', boolean: 'BOOLEAN' } as const;

for (const def of plugin.provides) {
  describeIngestor(def, {
    write: (dir, table) => {
      const columnData = Object.entries(table.columns).map(([name, data]) => ({
        name,
        data: [...data],
        type: PARQUET_TYPES[table.types[name] as keyof typeof PARQUET_TYPES] ?? 'STRING',
      }));
      const path = join(dir, 'kit.parquet');
      writeFileSync(path, Buffer.from(parquetWriteBuffer({ columnData } as Parameters<typeof parquetWriteBuffer>[0])));
      return path;
    },
  });
}
