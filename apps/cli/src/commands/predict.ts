import type { Command } from 'commander';
import { ModelService, Registry, readSource } from '@autopipe/runtime';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { predictionCsv, writeFileAtomic } from '../write-csv.js';

export function registerPredict(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('predict')
    .description('predict new data with a saved model (same preprocessing as in training)')
    .argument('<model>', 'model directory')
    .argument('<source>', 'data to predict (CSV/TSV file); the target column may be absent')
    .option('-o, --out <file>', 'write predictions CSV here (default: stdout)')
    .option('--proba', 'add proba_<class> columns (classification)')
    .option('--query <sql>', 'SQL query to read instead of a table (database sources)')
    .option('--format <key>', 'ingestor to read the source with (default: by extension)')
    .option('--json', 'print a JSON summary (with --out) or the predictions as JSON records')
    .option('-q, --quiet', 'print only the result')
    .action((dir: string, source: string, f: GlobalOptions & { out?: string; proba?: boolean; format?: string; query?: string }) => run(async () => {
      const { container, logger } = openRuntime(f);
      const models = container.resolve(ModelService);
      const model = models.load(dir);
      const frame = await readSource(container.resolve(Registry), source, { format: f.format, query: f.query }, { seed: model.manifest.seed, logger });
      const p = models.predict(model, frame, source);
      const csv = predictionCsv(p, Boolean(f.proba));
      if (f.out) {
        writeFileAtomic(f.out, csv);
        if (f.json) printJson({ model: dir, source, out: f.out, rows: frame.nrow, task: model.manifest.task, warnings: logger.warnings });
        else logger.info(`wrote ${frame.nrow} predictions to ${f.out}`);
        return;
      }
      if (f.json) {
        const records = p.kind === 'regression'
          ? Array.from(p.values, (v) => ({ prediction: v }))
          : Array.from(p.labels, (l, i) => ({
            prediction: p.classes[l],
            ...(f.proba ? Object.fromEntries(p.classes.map((c, j) => [`proba_${c}`, p.proba[i * p.classes.length + j]])) : {}),
          }));
        printJson(records);
        return;
      }
      process.stdout.write(csv);
    }));
}
