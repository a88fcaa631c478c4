import type { Command } from 'commander';
import { loadExternalPlugins, setExternalPlugins } from './external-plugins.js';

/** Commands that run plugins and therefore accept `--plugin`; the config file applies to every command. */
const WITH_PLUGIN_FLAGS = ['train', 'fit', 'predict', 'evaluate', 'inspect', 'estimators', 'plugins list', 'worker'];

function find(program: Command, path: string): Command | undefined {
  let c: Command | undefined = program;
  for (const name of path.split(' ')) c = c?.commands.find((s) => s.name() === name);
  return c;
}

/**
 * Adds `--plugin <spec>` (repeatable) and `--allow-plugin-errors` to the plugin-running commands, and a pre-action
 * hook that loads those plugins and the ones in `autopipe.config.*` before the command opens its runtime.
 */
export function addPluginOptions(program: Command): void {
  for (const path of WITH_PLUGIN_FLAGS) {
    find(program, path)
      ?.option('--plugin <spec>', 'also register this plugin (npm package in your project, or a path); repeatable', (v: string, prev: string[] = []) => [...prev, v])
      .option('--allow-plugin-errors', 'skip a plugin that fails to load or register (with a warning) instead of stopping');
  }
  program.hook('preAction', async (_root, action) => {
    setExternalPlugins(await loadExternalPlugins(action.opts(), process.cwd()));
  });
}
