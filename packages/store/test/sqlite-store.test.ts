import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStorePath, openStore } from '../src/open-store.js';
import { describeStore, sampleTrials } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'autopipe-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'nested', '.autopipe', 'experiments.sqlite');

describeStore('SQLite', () => openStore(path));

describe('SQLite specifics', () => {
  it('defaults to .autopipe/experiments.sqlite beside the model directory', () => {
    expect(defaultStorePath('models/titanic')).toBe(resolve('models/.autopipe/experiments.sqlite'));
    expect(defaultStorePath('/a/b/out')).toBe('/a/b/.autopipe/experiments.sqlite');
  });

  it('creates the directory, uses WAL, and refuses to invent a store for readers', async () => {
    const store = await openStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const missing = join(dir, 'none', 'experiments.sqlite');
    await expect(openStore(missing, { mustExist: true })).rejects.toThrow(/No experiment store at .*none.*Train a model first/);
    expect(existsSync(dirname(missing))).toBe(false);
  });

  it('refuses a store written by a newer schema', async () => {
    const p = join(dir, 'newer.sqlite');
    const db = new Database(p);
    db.exec(`CREATE TABLE autopipe_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO autopipe_meta VALUES ('schema_version', '99')`);
    db.close();
    await expect(openStore(p)).rejects.toThrow(/newer autopipe \(schema 99/);
  });

  it('a trial is durable the moment recordTrial returns: SIGKILL right after loses nothing', async () => {
    const p = join(dir, 'killed.sqlite');
    const here = dirname(fileURLToPath(import.meta.url));
    const built = join(here, '..', 'dist', 'index.js');
    // The child runs the built package (nx builds it before testing); a missing build is a clear failure, not a skip.
    expect(existsSync(built), `${built} is missing: run "nx run @autopipe/store:build" first`).toBe(true);
    const script = join(dir, 'kill.mjs');
    // The child records the trials with the synchronous call the trainer's observer makes, then kills itself.
    writeFileSync(script, `
      import { openStore } from ${JSON.stringify(built)};
      const store = await openStore(${JSON.stringify(p)});
      const run = await store.createRun({ source: 'x.csv', target: 'y', seed: 1, options: {} });
      process.stdout.write(run.id);
      const trials = ${JSON.stringify(sampleTrials().filter((t) => !t.oof))};
      for (const t of trials) void store.recordTrial(run.id, 1, t, 2);
      process.kill(process.pid, 'SIGKILL');
    `);
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', cwd: here });
    expect(r.signal, r.stderr).toBe('SIGKILL');
    const store = await openStore(p, { mustExist: true });
    const run = await store.getRun(r.stdout.trim());
    expect(run.status).toBe('running');
    expect((await store.trials(run.id)).map((t) => t.status)).toEqual(['failed', 'timeout']);
    await store.close();
  });
});
