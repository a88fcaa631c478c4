import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeIngestor, KIT_TABLE } from '@autopipe/testkit';
import { plugin } from '../src/index.js';

const SQL_TYPES: Record<string, string> = { numeric: 'REAL', boolean: 'BOOLEAN', categorical: 'TEXT' };

function writeKit(dir: string, table: typeof KIT_TABLE): string {
  const path = join(dir, 'kit.sqlite');
  const db = new Database(path);
  const names = Object.keys(table.columns);
  db.exec('DROP TABLE IF EXISTS kit');
  db.exec(`CREATE TABLE kit (${names.map((n) => `"${n}" ${SQL_TYPES[table.types[n]] ?? 'TEXT'}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO kit VALUES (${names.map(() => '?').join(', ')})`);
  const nrow = table.columns[names[0]].length;
  for (let i = 0; i < nrow; i++) insert.run(...names.map((n) => { const v = table.columns[n][i]; return typeof v === 'boolean' ? (v ? 1 : 0) : v; }));
  db.close();
  return `sqlite:${path}?table=kit`;
}

for (const def of plugin.provides) describeIngestor(def, { write: writeKit });
