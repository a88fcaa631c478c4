import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { AutopipeError, type Frame, type Prediction } from '@autopipe/core';
import { ModelService, Registry, ingestorFor, readSource, type LoadedModel } from '@autopipe/runtime';
import { BatchProgress } from '../batch/batch-progress.js';
import { idColumn, outputRows, predictionColumns } from '../batch/prediction-columns.js';
import { openSink } from '../batch/open-sink.js';
import { rowTotal } from '../batch/row-total.js';
import { scoreBatches } from '../batch/score-batches.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { positiveInt } from './options.js';

interface PredictFlags extends GlobalOptions {
  out?: string; proba?: boolean; format?: string; query?: string; batchRows: number; id?: string;
}

const DEFAULT_BATCH_ROWS = 50_000;

/** The checks `readSource` makes on plain paths, so streamed and whole reads fail alike on a bad path. */
function checkLocalSource(source: string): void {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) return;
  const path = existsSync(source) || !source.includes('?') ? source : source.slice(0, source.indexOf('?'));
  if (!existsSync(path)) throw new AutopipeError('FILE_NOT_FOUND', `File not found: ${path}. Check the path.`, { path });
  if (statSync(path).isDirectory()) throw new AutopipeError('INVALID_ARGUMENT', `${path} is a directory; give a data file.`, { path });
}

function jsonRecords(p: Prediction, proba: boolean, frame: Frame, id: string | undefined, source: string): Record<string, unknown>[] {
  const cols = predictionColumns(p, proba, idColumn(frame, id, source));
  return outputRows(cols).map((r) => Object.fromEntries(cols.map((c, j) => [c.name, r[j]])));
}

export function registerPredict(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('predict')
    .description('predict new data with a saved model (same preprocessing as in training), streaming large inputs in batches')
    .argument('<model>', 'model directory')
    .argument('<source>', 'data to predict (file or database URI); the target column may be absent')
    .option('-o, --out <dest>', 'write predictions to a .csv or .parquet file, sqlite:file.db?table=t or postgres://...?table=t (default: CSV on stdout)')
    .option('--proba', 'add proba_<class> columns (classification)')
    .option('--id <column>', 'copy this input column into the output, first')
    .option('--batch-rows <n>', 'rows per batch when streaming the input', positiveInt('--batch-rows'), DEFAULT_BATCH_ROWS)
    .option('--query <sql>', 'SQL query to read instead of a table (database sources)')
    .option('--format <key>', 'ingestor to read the source with (default: by extension)')
    .option('--json', 'print a JSON summary (with --out) or the predictions as JSON records')
    .option('-q, --quiet', 'print only the result')
    .action((dir: string, source: string, f: PredictFlags) => run(async () => {
      let progress: BatchProgress | null = null;
      const { container, logger } = openRuntime(f, () => progress?.stepAside());
      const models = container.resolve(ModelService);
      const model = models.load(dir);
      const registry = container.resolve(Registry);
      const ctx = { seed: model.manifest.seed, logger };
      const proba = Boolean(f.proba);
      if (f.json && !f.out) {
        // JSON records on stdout are one document: read whole, as before.
        const frame = await readSource(registry, source, { format: f.format, query: f.query }, ctx);
        printJson(jsonRecords(models.predict(model, frame, source), proba, frame, f.id, source));
        return;
      }
      checkLocalSource(source);
      const ingestor = ingestorFor(registry, source, f.format);
      const batches = ingestor.stream
        ? ingestor.stream(source, { query: f.query, types: trainedTypes(model), batchRows: f.batchRows }, ctx)
        : whole(() => readSource(registry, source, { format: f.format, query: f.query }, ctx));
      const total = f.out && !f.quiet && ingestor.stream ? await rowTotal(ingestor.key, source, f.query) : null;
      // Rows on stdout are the output itself, so progress is shown only when writing elsewhere.
      progress = new BatchProgress(Boolean(f.out) && !f.quiet, total);
      const rows = await scoreBatches(models, model, batches, openSink(f.out), progress, { source, proba, id: f.id });
      if (!f.out) return;
      if (f.json) printJson({ model: dir, source, out: f.out, rows, task: model.manifest.task, warnings: logger.warnings });
      else logger.info(`wrote ${rows} predictions to ${f.out} (${Math.round(progress.rate)} rows/s)`);
    }));
}

/** The types the model was trained with, so every batch reads its columns the same way. */
function trainedTypes(model: LoadedModel) {
  return Object.fromEntries(model.manifest.schema.map((c) => [c.name, c.type]));
}

/** One batch holding the whole source, for ingestors that cannot stream. */
async function* whole(read: () => Promise<Frame>): AsyncGenerator<Frame> {
  yield await read();
}
