import type { Command } from 'commander';
import { ModelService, Registry, readSource } from '@autopipe/runtime';
import { fmtScore, table } from '../format.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';

export function registerEvaluate(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('evaluate')
    .description('score a saved model on labelled data (the data must have the target column)')
    .argument('<model>', 'model directory')
    .argument('<source>', 'labelled data (CSV/TSV file)')
    .option('--format <key>', 'ingestor to read the source with (default: by extension)')
    .option('--json', 'print as JSON')
    .option('-q, --quiet', 'print only the result')
    .action((dir: string, source: string, f: GlobalOptions & { format?: string }) => run(async () => {
      const { container, logger } = openRuntime(f);
      const models = container.resolve(ModelService);
      const model = models.load(dir);
      const frame = await readSource(container.resolve(Registry), source, { format: f.format }, { seed: model.manifest.seed, logger });
      const ev = models.evaluate(model, frame, source);
      if (f.json) {
        printJson({ model: dir, source, task: model.manifest.task, ...ev });
        return;
      }
      process.stdout.write(`${ev.rows} rows, ${model.manifest.task}; trained with ${model.manifest.metric.key} = ${fmtScore(model.manifest.score.value)} in CV\n\n`);
      process.stdout.write(table(['metric', 'value'], Object.entries(ev.scores).map(([k, v]) => [k, fmtScore(v)])) + '\n');
    }));
}
