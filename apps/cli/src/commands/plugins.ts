import type { Command } from 'commander';
import { PluginHost } from '@autopipe/runtime';
import { externalPlugins } from '../external-plugins.js';
import { table } from '../format.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';

export function registerPlugins(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const plugins = program.command('plugins').description('inspect registered plugins');
  plugins
    .command('list')
    .description('every registered plugin provision: kind, key and package')
    .option('--json', 'print as JSON')
    .action((f: GlobalOptions) => run(async () => {
      const { container, logger } = openRuntime({ ...f, quiet: true });
      const host = container.resolve(PluginHost);
      const rows = host.list();
      // Where each external plugin was imported from; bundled ones ship inside the CLI.
      const from = new Map(externalPlugins().loaded.flatMap((p) => ('manifest' in p ? [[p.manifest.name, p.from] as const] : [])));
      const plugins = host.plugins().map((p) => ({
        name: p.name, version: p.version, core: p.core, requires: p.requires ?? [],
        provides: p.provides.map((x) => `${x.kind}:${x.key}`), from: from.get(p.name) ?? 'bundled',
      }));
      if (f.json) {
        printJson({ plugins, provisions: rows, warnings: logger.warnings });
        return;
      }
      process.stdout.write(table(['kind', 'key', 'package', 'description'], rows.map((r) => [r.kind, r.key, `${r.plugin}@${r.version}`, r.description])) + '\n\n');
      process.stdout.write(table(['package', 'core', 'requires', 'provides', 'from'], plugins.map((p) => [
        `${p.name}@${p.version}`, p.core, p.requires.join(', ') || '-', provisionSummary(p.provides), p.from,
      ])) + '\n');
      // This command runs quietly, so say here which plugins --allow-plugin-errors skipped.
      for (const w of logger.warnings) process.stderr.write(`warning: ${w}\n`);
    }));
}

/** `['estimator:a', 'estimator:b', 'metric:c']` → `2 estimators, 1 metric`. */
function provisionSummary(provides: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const p of provides) counts.set(p.split(':')[0], (counts.get(p.split(':')[0]) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
}
