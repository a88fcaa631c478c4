import type { Command } from 'commander';
import { loadModelDir } from '@autopipe/runtime';
import { leaderboardTable, modelSummary } from '../format.js';
import { printJson, type GlobalOptions } from '../runtime.js';
import { positiveInt } from './options.js';

export function registerLeaderboard(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('leaderboard')
    .description("show the leaderboard a model directory's training run produced")
    .argument('<model>', 'model directory')
    .option('--details', 'also show each candidate\'s preprocessing plan')
    .option('--limit <n>', 'rows to show', positiveInt('--limit'), 20)
    .option('--json', 'print as JSON')
    .action((dir: string, f: GlobalOptions & { details?: boolean; limit: number }) => run(async () => {
      const { manifest } = loadModelDir(dir);
      if (f.json) {
        printJson({ model: dir, task: manifest.task, metric: manifest.metric, evaluation: manifest.evaluation, pipeline: manifest.pipeline, ensemble: manifest.ensemble, leaderboard: manifest.leaderboard, failures: manifest.failures });
        return;
      }
      process.stdout.write(`${modelSummary(manifest)}\n\n${leaderboardTable(manifest.leaderboard, manifest.metric.key, f.limit, f.details)}\n`);
      if (f.details) {
        const specs = manifest.ensemble ? manifest.ensemble.members.map((m) => ({ ...m.pipeline, weight: m.weight })) : [{ ...manifest.pipeline, weight: 1 }];
        for (const spec of specs) {
          const weight = manifest.ensemble ? ` (weight ${spec.weight.toFixed(3)})` : '';
          process.stdout.write(`\nchosen pipeline${weight}: ${spec.steps.map((s) => s.transformer).join(' -> ') || '(no preprocessing)'} -> ${spec.estimator.key}`);
        }
        process.stdout.write('\n');
        if (manifest.dropped.length) process.stdout.write(`dropped columns: ${manifest.dropped.map((d) => `${d.column} (${d.reason})`).join(', ')}\n`);
      }
    }));
}
