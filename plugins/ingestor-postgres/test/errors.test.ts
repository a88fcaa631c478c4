import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutopipeError, defaultContext, type ReadOptions } from '@autopipe/core';
import { readPostgres } from '../src/postgres-ingestor.js';
import { startServer, type TestServer } from '@autopipe/test-servers';

let server: TestServer;
const messages: string[] = [];
beforeAll(async () => {
  server = await startServer();
  await server.exec(`
    CREATE TABLE people (name text, age int, photo bytea);
    INSERT INTO people SELECT 'p' || g, g % 90, NULL FROM generate_series(1, 30) AS g;
    CREATE TABLE empty (a int);`);
}, 120_000);
afterAll(async () => {
  // No message may ever show the password, whatever failed.
  for (const m of messages) expect(m).not.toContain(server.password);
  await server?.stop();
});

async function fail(source: string, options: ReadOptions = {}): Promise<AutopipeError> {
  const e = await readPostgres(source, options, defaultContext(1), { connectTimeoutMs: 5_000 }).then(
    () => {
      throw new Error(`expected ${source} to fail`);
    },
    (x: unknown) => x,
  );
  if (!(e instanceof AutopipeError)) throw e;
  messages.push(e.message, JSON.stringify(e.details));
  expect(e.message).not.toContain('\n');
  return e;
}

async function expectError(source: string, code: string, parts: readonly string[], options: ReadOptions = {}) {
  const e = await fail(source, options);
  expect(e.code, e.message).toBe(code);
  for (const p of parts) expect(e.message).toContain(p);
  return e;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('postgres connection errors', () => {
  it('a refused connection names host:port and asks whether the server runs', async () => {
    const port = await closedPort();
    const e = await expectError(`postgres://ann:hunter2@127.0.0.1:${port}/db?table=t`, 'CONNECTION_FAILED', [`127.0.0.1:${port}`, 'refused', 'is the server running']);
    expect(e.message).toContain('postgres://ann:***@127.0.0.1');
    expect(e.message).not.toContain('hunter2');
  });

  it('a wrong password or unknown user is an authentication failure, with the password redacted', async () => {
    const e = await expectError(server.url({ table: 'people', password: 'wrong-secret' }), 'CONNECTION_FAILED', ['authentication failed', '"postgres"', ':***@']);
    expect(e.message).not.toContain('wrong-secret');
    await expectError(server.url({ table: 'people', user: 'nobody' }), 'CONNECTION_FAILED', ['authentication failed', '"nobody"']);
  });

  it('a missing password, when the server asks for one, says where to put it', async () => {
    await expectError(`postgres://postgres@127.0.0.1:${server.port}/postgres?table=people`, 'CONNECTION_FAILED', ['requires a password', 'PGPASSWORD']);
  });

  it('a database that does not exist is FILE_NOT_FOUND naming it', async () => {
    await expectError(server.url({ database: 'nodb', table: 'people' }), 'FILE_NOT_FOUND', ['database "nodb" does not exist', `127.0.0.1:${server.port}`]);
  });

  it('a URI that does not parse is INVALID_ARGUMENT, redacted', async () => {
    const e = await expectError('postgres://ann:hunter2@[::1/db?table=t', 'INVALID_ARGUMENT', ['not a valid PostgreSQL URI', 'ann:***@']);
    expect(e.message).not.toContain('hunter2');
  });
});

describe('postgres table and query errors', () => {
  it('an unknown table or schema is UNKNOWN_TABLE listing readable tables', async () => {
    await expectError(server.url({ table: 'peeple' }), 'UNKNOWN_TABLE', ['"peeple" does not exist', 'empty, people']);
    await expectError(server.url({ table: 'nosuch.people' }), 'UNKNOWN_TABLE', ['"nosuch.people"']);
  });

  it('no table and no query, or both, is INVALID_ARGUMENT saying what to pass', async () => {
    await expectError(server.url(), 'INVALID_ARGUMENT', ['?table=', 'empty, people']);
    await expectError(server.url({ table: 'people' }), 'INVALID_ARGUMENT', ['only one'], { query: 'SELECT 1' });
    await expectError(server.url(), 'INVALID_ARGUMENT', ['empty'], { query: ' ' });
  });

  it('a query with a syntax error or an unknown column is QUERY_FAILED with the server message', async () => {
    await expectError(server.url(), 'QUERY_FAILED', ['syntax error at or near "SELEC"', 'at character 1'], { query: 'SELEC name FROM people' });
    await expectError(server.url(), 'QUERY_FAILED', ['column "height" does not exist'], { query: 'SELECT height FROM people' });
    await expectError(server.url(), 'QUERY_FAILED', ['relation "nope" does not exist'], { query: 'SELECT * FROM nope' });
  });

  it('an empty table or an empty result is NO_ROWS', async () => {
    await expectError(server.url({ table: 'empty' }), 'NO_ROWS', ['"empty"', 'no rows']);
    await expectError(server.url(), 'NO_ROWS', ['query returned no rows'], { query: 'SELECT name, age FROM people WHERE age > 1000' });
  });

  it('duplicate column names, bytea columns and unknown override names are refused before streaming', async () => {
    await expectError(server.url(), 'INVALID_ARGUMENT', ['"age"', 'AS'], { query: 'SELECT age, age FROM people' });
    await expectError(server.url({ table: 'people' }), 'UNSUPPORTED_INPUT', ['"photo"', 'bytea']);
    await expectError(server.url(), 'UNKNOWN_COLUMN', ['"height"', 'name, age'], { query: 'SELECT name, age FROM people', types: { height: 'numeric' } });
    await expectError(server.url(), 'PARSE_ERROR', ['"name"', 'row 1', '"p1"'], { query: 'SELECT name FROM people', types: { name: 'numeric' } });
  });
});
