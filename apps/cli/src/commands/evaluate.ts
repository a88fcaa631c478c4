import type { Command } from 'commander';
import { ModelService, Registry, readLabelledSource } from '@autopipe/runtime';
import { evaluationLabel, fmtScore, table } from '../format.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';

export function registerEvaluate(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('evaluate')
    .description('score a saved model on labelled data (the data must have the target column)')
    .argument('<model>', 'model directory')
    .argument('<source>', 'labelled data (CSV/TSV file)')
    .option('--query <sql>', 'SQL query to read instead of a table (database sources)')
    .option('--format <key>', 'ingestor to read the source with (default: by extension)')
    .option('--json', 'print as JSON')
    .option('-q, --quiet', 'print only the result')
    .action((dir: string, source: string, f: GlobalOptions & { format?: string; query?: string }) => run(async () => {
      const { container, logger } = openRuntime(f);
      const models = container.resolve(ModelService);
      const model = models.load(dir);
      // The model's classes say how the labels were read: "True"/"False" kept as written, or 0/1 codes (older models).
      const asWritten = model.manifest.classes !== undefined && !(model.manifest.classes.length === 2 && model.manifest.classes[0] === '0' && model.manifest.classes[1] === '1');
      const frame = await readLabelledSource(container.resolve(Registry), source, { format: f.format, query: f.query }, asWritten ? model.manifest.target : undefined, { seed: model.manifest.seed, logger });
      const ev = models.evaluate(model, frame, source);
      if (f.json) {
        printJson({ model: dir, source, task: model.manifest.task, ...ev });
        return;
      }
      const m = model.manifest;
      const cv = m.evaluation.method === 'none' ? 'not cross-validated in training' : `${m.metric.key} ${fmtScore(m.score.value)} in training (${evaluationLabel(m.evaluation)})`;
      process.stdout.write(`${ev.rows} rows, ${m.task}; ${cv}\n\n`);
      process.stdout.write(table(['metric', 'value'], Object.entries(ev.scores).map(([k, v]) => [k, fmtScore(v)])) + '\n');
    }));
}
