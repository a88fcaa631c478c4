import type pg from 'pg';

/**
 * An unconnected client. `pg` loads here, on first use, so a CLI reading files never loads it (a tenth of its
 * start-up). A dropped connection is reported through the pending call; without a listener it would crash the process.
 */
export async function newClient(config: pg.ClientConfig): Promise<pg.Client> {
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client(config);
  client.on('error', () => undefined);
  return client;
}
