import { InvalidArgumentError, type Command } from 'commander';
import { ModelService, Registry } from '@autopipe/runtime';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';

interface DeployFlags extends GlobalOptions {
  to: string;
  option: Record<string, string>;
}

/** `--option key=value`, repeatable, into one record; values stay strings (each deployer checks its own). */
function collectOption(v: string, prev: Record<string, string> = {}): Record<string, string> {
  const eq = v.indexOf('=');
  const key = eq < 0 ? '' : v.slice(0, eq).trim();
  if (!/^[A-Za-z_][\w.-]*$/.test(key)) throw new InvalidArgumentError(`"${v}": write key=value, e.g. --option out=/srv/models/churn.`);
  if (key in prev) throw new InvalidArgumentError(`option "${key}" is given twice.`);
  return { ...prev, [key]: v.slice(eq + 1) };
}

/**
 * `autopipe deploy <model> --to <deployer> [--option k=v ...]`: hands a saved model to a deployer plugin (a
 * directory, the model registry, ONNX, or an external one). The deployer gets the host's `open`, so a deployer can
 * load and check the model with the registered plugins before it ships anything.
 */
export function registerDeploy(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('deploy')
    .description('deploy a saved model with a deployer plugin (e.g. directory, registry, onnx; see "autopipe plugins list")')
    .argument('<model>', 'model directory')
    .requiredOption('--to <deployer>', 'deployer key, e.g. directory (--option out=DIR) or registry (--option name=NAME)')
    .option('--option <key=value>', 'an option for the deployer; repeatable', collectOption, {})
    .option('--plugin <spec>', 'also register this plugin (npm package in your project, or a path); repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--allow-plugin-errors', 'skip a plugin that fails to load or register (with a warning) instead of stopping')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'print only where the model went')
    .action((dir: string, f: DeployFlags) => run(async () => {
      const { container, logger } = openRuntime(f);
      const deployer = container.resolve(Registry).deployer(f.to);
      const models = container.resolve(ModelService);
      const r = await deployer.deploy(dir, f.option, { seed: 1, logger, open: (d) => models.open(d) });
      if (f.json) {
        printJson({ model: dir, deployer: deployer.key, location: r.location, ...(r.details ? { details: r.details } : {}) });
        return;
      }
      process.stdout.write(f.quiet ? `${r.location}\n` : `deployed ${dir} with "${deployer.key}" to ${r.location}\n`);
    }));
}
