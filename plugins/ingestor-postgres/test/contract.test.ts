import { afterAll, beforeAll } from 'vitest';
import { describeIngestor, KIT_TABLE } from '@autopipe/testkit';
import { plugin } from '../src/index.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(() => server?.stop());

const SQL_TYPES: Record<string, string> = { numeric: 'double precision', boolean: 'boolean', categorical: 'text' };

function literal(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  return String(v);
}

async function writeKit(_dir: string, table: typeof KIT_TABLE): Promise<string> {
  const names = Object.keys(table.columns);
  const nrow = table.columns[names[0]].length;
  const rows = Array.from({ length: nrow }, (_, i) => `(${names.map((n) => literal(table.columns[n][i])).join(', ')})`);
  await server.exec(`DROP TABLE IF EXISTS kit;
    CREATE TABLE kit (${names.map((n) => `"${n}" ${SQL_TYPES[table.types[n]] ?? 'text'}`).join(', ')});
    INSERT INTO kit VALUES ${rows.join(', ')};`);
  return server.url({ table: 'kit' });
}

for (const def of plugin.provides) {
  describeIngestor(def, { write: writeKit, missingSource: () => server.url({ database: 'does-not-exist', table: 'kit' }) });
}
