import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { inputError, type Frame, type Logger } from '@autopipe/core';
import { redactSource, type TrainProgress, type TrainResult, type TrialRecord } from '@autopipe/runtime';
import { RunRecorder, defaultStorePath, effectiveStatus, openStore, replayMap, type ExperimentStore, type RunInfo } from '@autopipe/store';

/** Training options kept with a run: everything `train --resume` needs to continue it exactly. */
export const RUN_OPTIONS = [
  'target', 'task', 'metric', 'timeBudget', 'seed', 'folds', 'holdout', 'maxTrials', 'earlyStoppingRounds', 'trialTimeout', 'ensemble',
  'estimators', 'searcher', 'ignore', 'types', 'missing', 'query', 'format', 'out',
] as const;

/** A resumed session gets at least this many seconds, so the leader can still be refitted and saved. */
export const MIN_RESUME_SECONDS = 5;

/** Where `runs` and `train --resume` look when not told: `--store`, then $AUTOPIPE_STORE, then beside the default model directory. */
export function lookupStore(flag?: string): string {
  return flag ?? process.env.AUTOPIPE_STORE ?? defaultStorePath('models/model');
}

/** Where `train` records a run: `--store`, then $AUTOPIPE_STORE, then `.autopipe/experiments.sqlite` beside `--out`; null with --no-store. */
export function trainStore(flag: string | false | undefined, out: string): string | null {
  if (flag === false) return null;
  return flag ?? process.env.AUTOPIPE_STORE ?? defaultStorePath(out);
}

/** A local data file is kept by absolute path so a resume works from any directory. */
function storedSource(source: string): string {
  return existsSync(source) && statSync(source).isFile() ? resolve(source) : source;
}

/** Identifies the training data: the file's bytes when the source is a local file, and the frame's shape and columns. */
async function fingerprint(source: string, frame: Frame): Promise<string> {
  const h = createHash('sha256');
  if (existsSync(source) && statSync(source).isFile()) {
    for await (const chunk of createReadStream(source)) h.update(chunk as Buffer);
  }
  h.update(JSON.stringify({ rows: frame.nrow, columns: frame.schema.map((c) => [c.name, c.type]) }));
  return `sha256:${h.digest('hex')}`;
}

/** What `train` runs with: the command line, or for `--resume` the stored run's source and options. */
export interface RunPlan<F> {
  readonly flags: F;
  readonly source: string;
  readonly resume: RunInfo | null;
  /** The open store (null with --no-store); close it when done. */
  readonly store: ExperimentStore | null;
}

/**
 * Resolves `train [source] [--resume id]`. A resume takes every training option from the store: passing one again
 * is an error rather than a silent divergence from the run being continued.
 */
export async function planRun<F extends { store?: string | false; resume?: string; out?: string; target?: string }>(sourceArg: string | undefined, f: F, cmd: Command, defaultOut: (source: string) => string): Promise<RunPlan<F>> {
  if (!f.resume) {
    if (!sourceArg) throw inputError('INVALID_ARGUMENT', "missing required argument 'source' (the training data), or give --resume <run-id>.");
    if (!f.target) throw inputError('INVALID_ARGUMENT', "required option '-t, --target <column>' not specified (or give --resume <run-id> to continue a stored run).");
    const location = trainStore(f.store, f.out ?? defaultOut(sourceArg));
    return { flags: f, source: sourceArg, resume: null, store: location === null ? null : await openStore(location) };
  }
  if (f.store === false) throw inputError('INVALID_ARGUMENT', '--resume reads the run from the experiment store; it cannot be combined with --no-store.');
  const given = RUN_OPTIONS.filter((k) => cmd.getOptionValueSource(k) === 'cli');
  if (given.length) {
    const names = given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
    throw inputError('INVALID_ARGUMENT', `--resume continues a run with the options it was started with; remove ${names} (start a new run to change them).`);
  }
  const store = await openStore(lookupStore(f.store || undefined), { mustExist: true });
  try {
    const run = await store.getRun(f.resume);
    const status = effectiveStatus(run);
    if (status === 'finished') {
      throw inputError('INVALID_ARGUMENT', `Run ${run.id} already finished${run.result?.artifact ? ` and saved ${run.result.artifact}` : ''}; there is nothing to resume. Start a new run with "autopipe train".`, { run: run.id });
    }
    if (status === 'running') {
      throw inputError('INVALID_ARGUMENT', `Run ${run.id} is still running (process ${run.pid} on ${run.host}); stop it before resuming.`, { run: run.id });
    }
    let source = run.source;
    if (sourceArg !== undefined) {
      if (redactSource(storedSource(sourceArg)) !== run.source) {
        throw inputError('INVALID_ARGUMENT', `Run ${run.id} was trained on ${run.source}, not ${redactSource(sourceArg)}; resume it without a source or with that one.`, { run: run.id });
      }
      source = sourceArg;
    } else if (source !== redactSource(source) || source.includes('***')) {
      throw inputError('INVALID_ARGUMENT', `Run ${run.id} read ${run.source}, and the store does not keep passwords; give the source again: autopipe train <source> --resume ${run.id}.`, { run: run.id });
    }
    const stored = run.options as Partial<F>;
    const flags = { ...f, ...Object.fromEntries(RUN_OPTIONS.map((k) => [k, stored[k as keyof F]])) } as F;
    return { flags, source, resume: run, store };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** The recording side of one `train` process: a recorder for the trainer, and the replay of a resumed run. */
export interface RunSession {
  readonly id: string;
  readonly location: string;
  readonly recorder: RunRecorder;
  readonly replay?: ReadonlyMap<number, TrialRecord>;
  /** Seconds this session may spend: the whole budget, or what a resumed run has left. */
  readonly timeBudget: number;
  progress(p: TrainProgress): void;
  finish(result: TrainResult, artifact: string): Promise<void>;
  fail(e: unknown): Promise<void>;
  /** For the JSON output: the run, and how many trials were replayed rather than evaluated. */
  summary(result: TrainResult): { id: string; store: string; session: number; replayed: number; evaluated: number };
}

/**
 * Creates the run (or takes the resumed one over). No signal handlers: training runs synchronously between trials, so
 * a handler would only delay Ctrl-C; a run whose process died shows as `interrupted` (see `effectiveStatus`).
 */
export async function beginRun<F extends object>(p: RunPlan<F>, a: { frame: Frame; logger: Logger; timeBudget: number; out: string }): Promise<RunSession | null> {
  const { store } = p;
  if (!store) return null;
  const plan = { ...p, flags: p.flags as Record<string, unknown> };
  const owner = { host: hostname(), pid: process.pid };
  const fp = await fingerprint(plan.source, a.frame);
  let run: RunInfo;
  let replay: Map<number, TrialRecord> | undefined;
  let timeBudget = a.timeBudget;
  if (plan.resume) {
    if (plan.resume.sourceFingerprint && plan.resume.sourceFingerprint !== fp) {
      throw inputError('INVALID_ARGUMENT', `The data at ${plan.resume.source} changed since run ${plan.resume.id} started (different content or columns); its trials cannot be reused. Start a new run.`, { run: plan.resume.id });
    }
    replay = replayMap(await store.trials(plan.resume.id, { oof: true }));
    run = await store.resumeRun(plan.resume.id, owner);
    timeBudget = Math.max(MIN_RESUME_SECONDS, a.timeBudget - run.spentSeconds);
    a.logger.info(`resuming run ${run.id}: ${replay.size} stored trials to replay, ${timeBudget.toFixed(1)}s of the ${a.timeBudget}s budget left`);
  } else {
    const options = Object.fromEntries(RUN_OPTIONS.map((k) => [k, plan.flags[k]]).filter(([, v]) => v !== undefined));
    options.out = resolve(a.out);
    run = await store.createRun({
      source: storedSource(plan.source), sourceFingerprint: fp, target: String(plan.flags.target), seed: Number(plan.flags.seed), options,
      modelDir: resolve(a.out), ...(plan.flags.task ? { task: plan.flags.task as never } : {}), ...(plan.flags.metric ? { metric: String(plan.flags.metric) } : {}), ...owner,
    });
    a.logger.info(`recording run ${run.id} in ${store.location}`);
  }
  const recorder = new RunRecorder(store, run.id, run.sessions, run.spentSeconds, (e) => a.logger.warn(`the experiment store ${store.location} could not record a trial: ${e.message}`));
  let described = false;
  return {
    id: run.id, location: store.location, recorder, replay, timeBudget,
    progress(p) {
      if (described) return;
      described = true;
      void store.describeRun(run.id, { metric: p.metric }).catch(() => undefined);
    },
    async finish(result, artifact) {
      await recorder.finish(result, resolve(artifact));
    },
    async fail(e) {
      await recorder.stop('failed', e instanceof Error ? e.message : String(e)).catch(() => undefined);
    },
    summary(result) {
      const total = result.leaderboard.filter((r) => !r.members).length + result.failures.length;
      return { id: run.id, store: store.location, session: run.sessions, replayed: total - recorder.recorded, evaluated: recorder.recorded };
    },
  };
}
