import type { Command } from 'commander';
import type { Domain, Task } from '@autopipe/core';
import { Registry } from '@autopipe/runtime';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { task } from './options.js';

function domainText(d: Domain | undefined): string {
  if (!d) return '(fixed)';
  if (d.kind === 'categorical') return `{${d.choices.join(', ')}}`;
  return `${d.kind} ${d.low}..${d.high}${d.log ? ' log' : ''}`;
}

export function registerEstimators(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('estimators')
    .description('list every estimator with its tasks, capabilities, hyperparameters, defaults and search space')
    .option('--task <task>', 'only estimators for this task', task)
    .option('--json', 'print as JSON')
    .action((f: GlobalOptions & { task?: Task }) => run(async () => {
      const { container } = openRuntime({ ...f, quiet: true });
      const all = container.resolve(Registry).estimators(f.task);
      if (f.json) {
        printJson(all.map((e) => ({ key: e.key, description: e.description, tasks: e.tasks, capabilities: e.capabilities, defaults: e.defaults, space: e.space })));
        return;
      }
      const blocks = all.map((e) => {
        const params = Object.entries(e.defaults).map(([k, v]) => `    ${k.padEnd(24)} default ${String(v).padEnd(10)} search ${domainText(e.space[k])}`);
        return [`${e.key} — ${e.description}`, `  tasks: ${e.tasks.join(', ')}; capabilities: ${e.capabilities.join(', ') || 'none'}`, ...params].join('\n');
      });
      process.stdout.write(blocks.join('\n\n') + '\n');
    }));
}
