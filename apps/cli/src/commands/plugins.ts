import type { Command } from 'commander';
import { PluginHost } from '@autopipe/runtime';
import { table } from '../format.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';

export function registerPlugins(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const plugins = program.command('plugins').description('inspect registered plugins');
  plugins
    .command('list')
    .description('every registered plugin provision: kind, key and package')
    .option('--json', 'print as JSON')
    .action((f: GlobalOptions) => run(async () => {
      const { container } = openRuntime({ ...f, quiet: true });
      const host = container.resolve(PluginHost);
      const rows = host.list();
      if (f.json) {
        printJson({ plugins: host.plugins().map((p) => ({ name: p.name, version: p.version, core: p.core, requires: p.requires ?? [] })), provisions: rows });
        return;
      }
      process.stdout.write(table(['kind', 'key', 'package', 'description'], rows.map((r) => [r.kind, r.key, `${r.plugin}@${r.version}`, r.description])) + '\n');
    }));
}
