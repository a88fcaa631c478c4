import { randomBytes } from 'node:crypto';
import { AutopipeError, inputError } from '@autopipe/core';
import { AUTOPIPE_VERSION, redactSource, type StepSpec, type TrialRecord } from '@autopipe/runtime';
import type { Row, SqlDriver, Statement } from './driver.js';
import { fromJson, fromReal, toJson, toReal } from './json.js';
import { decodePrediction, encodePrediction } from './oof-codec.js';
import { SCHEMA_VERSION, schema } from './schema.js';
import type { NewRun, RunInfo, RunResult, RunStatus, RunSummary, StoredTrial } from './types.js';

/** Runs, trials and results, in SQLite or PostgreSQL (see `openStore`). */
export interface ExperimentStore {
  readonly location: string;
  readonly dialect: SqlDriver['dialect'];
  createRun(run: NewRun): Promise<RunInfo>;
  /** Marks a stopped run running again in a new session (sessions + 1) owned by this process. */
  resumeRun(id: string, owner: { host?: string; pid?: number }): Promise<RunInfo>;
  /** Records one finished trial (replacing a row with the same number) and the seconds spent so far, atomically. */
  recordTrial(runId: string, session: number, record: TrialRecord, spentSeconds: number): Promise<void>;
  /** Fills in what is only known once training has started. */
  describeRun(runId: string, info: { task?: string; metric?: string }): Promise<void>;
  finishRun(runId: string, result: RunResult, spentSeconds: number, info?: { task?: string; metric?: string }): Promise<void>;
  stopRun(runId: string, status: Exclude<RunStatus, 'running' | 'finished'>, error: string | null, spentSeconds: number): Promise<void>;
  /** A run by id or unique id prefix; an input error names the store when there is none. */
  getRun(idOrPrefix: string): Promise<RunInfo>;
  listRuns(limit?: number): Promise<RunSummary[]>;
  /** Trials in trial order; out-of-fold predictions only when asked (they are the bulk of the store). */
  trials(runId: string, options?: { oof?: boolean }): Promise<StoredTrial[]>;
  close(): Promise<void>;
}

const now = () => new Date().toISOString();

/** A sortable, readable run id: UTC date and time plus random hex. */
export function newRunId(date = new Date()): string {
  const d = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${d}-${randomBytes(3).toString('hex')}`;
}

const RUN_COLUMNS = `id, created_at, updated_at, finished_at, status, source, source_fingerprint, target, task, metric, seed, options,
  model_dir, autopipe_version, sessions, spent_seconds, host, pid, error, leaderboard, failures, chosen, artifact, stopped_because, result_seconds`;

function toRun(r: Row): RunInfo {
  const result: RunResult | null = r.leaderboard === null || r.leaderboard === undefined ? null : {
    leaderboard: fromJson(r.leaderboard as string), failures: fromJson(r.failures as string) ?? [], chosen: fromJson(r.chosen as string),
    artifact: (r.artifact as string | null) ?? null, stoppedBecause: r.stopped_because as string, seconds: fromJson(r.result_seconds as string),
  };
  return {
    id: r.id as string, createdAt: r.created_at as string, updatedAt: r.updated_at as string, finishedAt: (r.finished_at as string | null) ?? null,
    status: r.status as RunStatus, source: r.source as string, sourceFingerprint: (r.source_fingerprint as string | null) ?? null,
    target: r.target as string, task: (r.task as string | null) ?? null, metric: (r.metric as string | null) ?? null, seed: Number(r.seed),
    options: fromJson(r.options as string), modelDir: (r.model_dir as string | null) ?? null, autopipeVersion: r.autopipe_version as string,
    sessions: Number(r.sessions), spentSeconds: Number(r.spent_seconds), host: (r.host as string | null) ?? null,
    pid: r.pid === null || r.pid === undefined ? null : Number(r.pid), error: (r.error as string | null) ?? null, result,
  };
}

function toTrial(r: Row, withOof: boolean): StoredTrial {
  const status = r.status as StoredTrial['status'];
  const ok = status === 'ok';
  return {
    runId: r.run_id as string, session: Number(r.session), recordedAt: r.recorded_at as string, trial: Number(r.trial),
    candidate: { estimator: r.estimator as string, params: fromJson(r.params as string) }, status, seconds: Number(r.seconds),
    ...(ok ? { score: fromReal(r.score), std: fromReal(r.std), foldScores: fromJson<number[]>(r.fold_scores as string) ?? [], steps: fromJson<StepSpec[]>(r.steps as string) ?? [] } : {}),
    ...(ok && withOof && r.oof ? { oof: decodePrediction(r.oof as Uint8Array) } : {}),
    ...(r.error === null || r.error === undefined ? {} : { error: r.error as string }),
  };
}

/** The experiment store over either driver: the same SQL for both. */
export class SqlStore implements ExperimentStore {
  private constructor(private readonly db: SqlDriver) {}

  get location(): string { return this.db.location; }
  get dialect(): SqlDriver['dialect'] { return this.db.dialect; }

  /** Creates the tables if needed and checks the schema version. */
  static async open(db: SqlDriver, options: { readonly?: boolean } = {}): Promise<SqlStore> {
    try {
      if (!options.readonly) {
        await db.batch([...schema(db.dialect).map((sql) => ({ sql })), {
          sql: `INSERT INTO autopipe_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING`, params: [String(SCHEMA_VERSION)],
        }]);
      }
      const [v] = await db.all(`SELECT value FROM autopipe_meta WHERE key = 'schema_version'`);
      if (v && Number(v.value) > SCHEMA_VERSION) {
        throw new AutopipeError('INVALID_ARGUMENT', `The experiment store ${db.location} was written by a newer autopipe (schema ${String(v.value)}, this one reads ${SCHEMA_VERSION}); upgrade autopipe or use another --store.`);
      }
      return new SqlStore(db);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
  }

  async createRun(run: NewRun): Promise<RunInfo> {
    const id = newRunId();
    const t = now();
    await this.db.batch([{
      sql: `INSERT INTO runs (id, created_at, updated_at, status, source, source_fingerprint, target, task, metric, seed, options, model_dir,
        autopipe_version, sessions, spent_seconds, host, pid) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)`,
      params: [id, t, t, redactSource(run.source), run.sourceFingerprint ?? null, run.target, run.task ?? null, run.metric ?? null, run.seed,
        toJson(run.options), run.modelDir ?? null, AUTOPIPE_VERSION, run.host ?? null, run.pid ?? null],
    }]);
    return this.getRun(id);
  }

  async resumeRun(id: string, owner: { host?: string; pid?: number }): Promise<RunInfo> {
    await this.db.batch([{
      sql: `UPDATE runs SET status = 'running', sessions = sessions + 1, updated_at = ?, finished_at = NULL, error = NULL, host = ?, pid = ? WHERE id = ?`,
      params: [now(), owner.host ?? null, owner.pid ?? null, id],
    }]);
    return this.getRun(id);
  }

  recordTrial(runId: string, session: number, r: TrialRecord, spentSeconds: number): Promise<void> {
    const t = now();
    const ok = r.status === 'ok';
    const statements: Statement[] = [{
      sql: `INSERT INTO trials (run_id, trial, session, estimator, params, status, score, std, fold_scores, seconds, error, steps, oof, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, trial) DO UPDATE SET session = excluded.session, estimator = excluded.estimator, params = excluded.params,
          status = excluded.status, score = excluded.score, std = excluded.std, fold_scores = excluded.fold_scores, seconds = excluded.seconds,
          error = excluded.error, steps = excluded.steps, oof = excluded.oof, recorded_at = excluded.recorded_at`,
      params: [runId, r.trial, session, r.candidate.estimator, toJson(r.candidate.params), r.status, ok ? toReal(r.score) : null, ok ? toReal(r.std) : null,
        ok ? toJson(r.foldScores ?? []) : null, r.seconds, r.error ?? null, ok ? toJson(r.steps ?? []) : null, ok && r.oof ? encodePrediction(r.oof) : null, t],
    }, { sql: `UPDATE runs SET spent_seconds = ?, updated_at = ? WHERE id = ?`, params: [spentSeconds, t, runId] }];
    return this.db.batch(statements);
  }

  describeRun(runId: string, info: { task?: string; metric?: string }): Promise<void> {
    return this.db.batch([{
      sql: `UPDATE runs SET task = COALESCE(?, task), metric = COALESCE(?, metric), updated_at = ? WHERE id = ?`,
      params: [info.task ?? null, info.metric ?? null, now(), runId],
    }]);
  }

  finishRun(runId: string, res: RunResult, spentSeconds: number, info: { task?: string; metric?: string } = {}): Promise<void> {
    const t = now();
    return this.db.batch([{
      sql: `UPDATE runs SET status = 'finished', finished_at = ?, updated_at = ?, spent_seconds = ?, task = COALESCE(?, task), metric = COALESCE(?, metric),
        leaderboard = ?, failures = ?, chosen = ?, artifact = ?, stopped_because = ?, result_seconds = ?, error = NULL WHERE id = ?`,
      params: [t, t, spentSeconds, info.task ?? null, info.metric ?? null, toJson(res.leaderboard), toJson(res.failures), toJson(res.chosen), res.artifact,
        res.stoppedBecause, toJson(res.seconds), runId],
    }]);
  }

  stopRun(runId: string, status: Exclude<RunStatus, 'running' | 'finished'>, error: string | null, spentSeconds: number): Promise<void> {
    const t = now();
    return this.db.batch([{
      sql: `UPDATE runs SET status = ?, error = ?, spent_seconds = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
      params: [status, error, spentSeconds, t, t, runId],
    }]);
  }

  async getRun(idOrPrefix: string): Promise<RunInfo> {
    const exact = await this.db.all(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`, [idOrPrefix]);
    if (exact.length) return toRun(exact[0]);
    const like = await this.db.all(`SELECT ${RUN_COLUMNS} FROM runs WHERE id LIKE ? ORDER BY created_at LIMIT 5`, [`${idOrPrefix.replace(/[%_\\]/g, '')}%`]);
    if (like.length === 1 && idOrPrefix.length > 0) return toRun(like[0]);
    if (like.length > 1) {
      throw inputError('INVALID_ARGUMENT', `Run id prefix "${idOrPrefix}" matches several runs (${like.map((r) => String(r.id)).join(', ')}); give more of the id.`, { run: idOrPrefix });
    }
    throw inputError('INVALID_ARGUMENT', `No run "${idOrPrefix}" in the experiment store ${this.location}. List runs with "autopipe runs list" (add --store if the run used another store).`, { run: idOrPrefix, store: this.location });
  }

  async listRuns(limit = 50): Promise<RunSummary[]> {
    const rows = await this.db.all(`SELECT ${RUN_COLUMNS.split(',').map((c) => `r.${c.trim()}`).join(', ')},
        (SELECT COUNT(*) FROM trials t WHERE t.run_id = r.id) AS trial_count,
        (SELECT COUNT(*) FROM trials t WHERE t.run_id = r.id AND t.status = 'ok') AS ok_count
      FROM runs r ORDER BY r.created_at DESC, r.id DESC LIMIT ?`, [limit]);
    return rows.map((r) => ({ ...toRun(r), trials: Number(r.trial_count), okTrials: Number(r.ok_count) }));
  }

  async trials(runId: string, options: { oof?: boolean } = {}): Promise<StoredTrial[]> {
    const cols = `run_id, trial, session, estimator, params, status, score, std, fold_scores, seconds, error, steps, recorded_at${options.oof ? ', oof' : ''}`;
    const rows = await this.db.all(`SELECT ${cols} FROM trials WHERE run_id = ? ORDER BY trial`, [runId]);
    return rows.map((r) => toTrial(r, options.oof ?? false));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
