import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutopipeError } from '@autopipe/core';
import { commitCopy, stageCopy, verifyModelDir } from './model-files.js';
import { insideRoot, parseRef, validateName, validateStage, type Stage, type VersionStage } from './names.js';
import { migrate } from './schema.js';
import type { SqlBackend, SqlExecutor } from './sql.js';

/** One version of a registered model. */
export interface ModelVersion {
  readonly name: string;
  readonly version: number;
  readonly stage: VersionStage;
  readonly description?: string;
  readonly task: string;
  readonly target: string;
  readonly metric?: string;
  /** The training score under `metric` (null when the model was not cross-validated). */
  readonly score: number | null;
  readonly weightsSha256: string;
  /** When the model was trained (from its manifest). */
  readonly trainedAt: string;
  /** When the version was pushed. */
  readonly createdAt: string;
}

/** A stage change, as recorded. */
export interface StageEvent {
  readonly version: number;
  readonly from: VersionStage | null;
  readonly to: VersionStage;
  readonly reason: string;
  readonly at: string;
}

export interface ModelSummary {
  readonly name: string;
  readonly versions: number;
  readonly latest: number;
  readonly production: number | null;
  readonly updatedAt: string;
}

export interface ModelDetails {
  readonly name: string;
  readonly versions: readonly ModelVersion[];
  readonly history: readonly StageEvent[];
}

export interface PromoteResult {
  readonly name: string;
  readonly version: number;
  readonly stage: Stage;
  readonly previousStage: VersionStage;
  /** Versions moved from production to archived by this promotion. */
  readonly archived: readonly number[];
}

export interface ResolvedModel {
  readonly name: string;
  readonly version: number;
  readonly stage: VersionStage;
  /** The version's model directory inside the registry. */
  readonly dir: string;
}

interface VersionRow {
  name: string; version: number; stage: string; description: string | null; task: string; target: string;
  metric: string | null; score: number | null; weights_sha256: string; trained_at: string; created_at: string;
}

const COLUMNS = 'name, version, stage, description, task, target, metric, score, weights_sha256, trained_at, created_at';

function toVersion(r: VersionRow): ModelVersion {
  return {
    name: r.name, version: Number(r.version), stage: r.stage as VersionStage, ...(r.description ? { description: r.description } : {}),
    task: r.task, target: r.target, ...(r.metric ? { metric: r.metric } : {}), score: r.score === null ? null : Number(r.score),
    weightsSha256: r.weights_sha256, trainedAt: r.trained_at, createdAt: r.created_at,
  };
}

function notFound(name: string, what = `Model "${name}"`): AutopipeError {
  return new AutopipeError('MODEL_NOT_FOUND', `${what} is not in the registry; see "autopipe registry list" / "autopipe registry show ${name}".`, { name });
}

/**
 * Versions, stages and promotions of named models. Metadata lives in SQL (SQLite or PostgreSQL, same code
 * path); each version's model directory is copied under `<root>/models/<name>/<version>/`. Every write is one
 * transaction; names are validated and every path is checked to stay inside the root.
 */
export class ModelRegistry {
  readonly root: string;

  private constructor(private readonly db: SqlBackend, root: string) {
    this.root = resolve(root);
  }

  /** Opens (and creates or migrates) a registry over a backend, with model directories under `root`. */
  static async open(db: SqlBackend, root: string): Promise<ModelRegistry> {
    await migrate(db);
    return new ModelRegistry(db, root);
  }

  get backend(): SqlBackend['kind'] {
    return this.db.kind;
  }

  /** The directory of one version, inside the root. */
  versionDir(name: string, version: number): string {
    return insideRoot(this.root, 'models', validateName(name), String(version));
  }

  /** Registers a copy of `modelDir` as the next version of `name` (1 for a new name). */
  async push(modelDir: string, name: string, options: { description?: string } = {}): Promise<{ name: string; version: number }> {
    validateName(name);
    const summary = verifyModelDir(modelDir);
    const parent = insideRoot(this.root, 'models', name);
    const tmp = stageCopy(modelDir, parent);
    try {
      const version = await this.db.transaction(async (tx) => {
        const now = new Date().toISOString();
        await tx.query('INSERT INTO registry_models (name, latest, created_at, updated_at) VALUES (?, 0, ?, ?) ON CONFLICT (name) DO NOTHING', [name, now, now]);
        const [row] = await tx.query<{ latest: number }>('UPDATE registry_models SET latest = latest + 1, updated_at = ? WHERE name = ? RETURNING latest', [now, name]);
        const v = Number(row.latest);
        await tx.query(`INSERT INTO registry_versions (${COLUMNS}) VALUES (?, ?, 'none', ?, ?, ?, ?, ?, ?, ?, ?)`, [
          name, v, options.description ?? null, summary.task, summary.target, summary.metric ?? null, summary.score, summary.weightsSha256, summary.createdAt, now,
        ]);
        await this.event(tx, name, v, null, 'none', 'pushed', now);
        // The rename is the last step inside the transaction: if it fails the row is rolled back; if the commit
        // fails after it, the directory has no row and the next push of that number replaces it.
        commitCopy(tmp, this.versionDir(name, v));
        return v;
      });
      return { name, version };
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  async list(): Promise<ModelSummary[]> {
    const rows = await this.db.query<{ name: string; latest: number; updated_at: string; n: number; production: number | null }>(
      `SELECT m.name, m.latest, m.updated_at, COUNT(v.version) AS n,
              MAX(CASE WHEN v.stage = 'production' THEN v.version END) AS production
         FROM registry_models m LEFT JOIN registry_versions v ON v.name = m.name
        GROUP BY m.name, m.latest, m.updated_at ORDER BY m.name`);
    return rows.map((r) => ({ name: r.name, versions: Number(r.n), latest: Number(r.latest), production: r.production === null ? null : Number(r.production), updatedAt: r.updated_at }));
  }

  async show(name: string): Promise<ModelDetails> {
    validateName(name);
    const versions = await this.db.query<VersionRow>(`SELECT ${COLUMNS} FROM registry_versions WHERE name = ? ORDER BY version`, [name]);
    if (!versions.length) throw notFound(name);
    const events = await this.db.query<{ version: number; from_stage: string | null; to_stage: string; reason: string; at: string }>(
      'SELECT version, from_stage, to_stage, reason, at FROM registry_events WHERE name = ? ORDER BY id', [name]);
    return {
      name,
      versions: versions.map(toVersion),
      history: events.map((e) => ({ version: Number(e.version), from: e.from_stage as VersionStage | null, to: e.to_stage as VersionStage, reason: e.reason, at: e.at })),
    };
  }

  /**
   * Moves a version to a stage. Promoting to production moves the current production version (if another) to
   * archived in the same transaction and records both changes.
   */
  async promote(name: string, version: number, stage: string): Promise<PromoteResult> {
    validateName(name);
    const to = validateStage(stage);
    if (!Number.isInteger(version) || version < 1) {
      throw new AutopipeError('INVALID_ARGUMENT', `Version "${version}" of "${name}" is not a positive integer.`, { name, version });
    }
    return this.db.transaction(async (tx) => {
      const now = new Date().toISOString();
      // Touching the name's row first serializes concurrent promotions of one name in PostgreSQL.
      const touched = await tx.query<{ name: string }>('UPDATE registry_models SET updated_at = ? WHERE name = ? RETURNING name', [now, name]);
      if (!touched.length) throw notFound(name);
      const [row] = await tx.query<{ stage: string }>('SELECT stage FROM registry_versions WHERE name = ? AND version = ?', [name, version]);
      if (!row) throw notFound(name, `Version ${version} of "${name}"`);
      const archived: number[] = [];
      if (to === 'production') {
        const old = await tx.query<{ version: number }>("SELECT version FROM registry_versions WHERE name = ? AND stage = 'production' AND version <> ?", [name, version]);
        for (const o of old) {
          await tx.query("UPDATE registry_versions SET stage = 'archived' WHERE name = ? AND version = ?", [name, o.version]);
          await this.event(tx, name, Number(o.version), 'production', 'archived', `replaced by version ${version}`, now);
          archived.push(Number(o.version));
        }
      }
      if (row.stage !== to) {
        await tx.query('UPDATE registry_versions SET stage = ? WHERE name = ? AND version = ?', [to, name, version]);
        await this.event(tx, name, version, row.stage as VersionStage, to, 'promoted', now);
      }
      return { name, version, stage: to, previousStage: row.stage as VersionStage, archived };
    });
  }

  /** Resolves `name`, `name@3`, `name@latest` or `name@<stage>`; a bare name is its production version, else its latest. */
  async resolve(ref: string): Promise<ResolvedModel> {
    const { name, selector } = parseRef(ref);
    let rows: { version: number; stage: string }[];
    switch (selector.kind) {
      case 'version':
        rows = await this.db.query('SELECT version, stage FROM registry_versions WHERE name = ? AND version = ?', [name, selector.version]);
        break;
      case 'stage':
        rows = await this.db.query('SELECT version, stage FROM registry_versions WHERE name = ? AND stage = ? ORDER BY version DESC LIMIT 1', [name, selector.stage]);
        break;
      case 'latest':
        rows = await this.db.query('SELECT version, stage FROM registry_versions WHERE name = ? ORDER BY version DESC LIMIT 1', [name]);
        break;
      default:
        rows = await this.db.query(
          "SELECT version, stage FROM registry_versions WHERE name = ? ORDER BY CASE WHEN stage = 'production' THEN 0 ELSE 1 END, version DESC LIMIT 1", [name]);
    }
    if (!rows.length) {
      const anyVersion = await this.db.query('SELECT 1 AS one FROM registry_versions WHERE name = ? LIMIT 1', [name]);
      throw anyVersion.length ? notFound(name, `"${ref}" (no such version or stage of "${name}")`) : notFound(name);
    }
    const version = Number(rows[0].version);
    const dir = this.versionDir(name, version);
    if (!existsSync(dir)) {
      throw new AutopipeError('MODEL_NOT_FOUND', `Version ${version} of "${name}" is registered but its directory ${dir} is missing; the registry's artifact directory is incomplete.`, { name, version, dir });
    }
    return { name, version, stage: rows[0].stage as VersionStage, dir };
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async event(tx: SqlExecutor, name: string, version: number, from: VersionStage | null, to: VersionStage, reason: string, at: string): Promise<void> {
    await tx.query('INSERT INTO registry_events (name, version, from_stage, to_stage, reason, at) VALUES (?, ?, ?, ?, ?, ?)', [name, version, from, to, reason, at]);
  }
}
