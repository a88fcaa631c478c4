import type { Command } from 'commander';
import { AutopipeError } from '@autopipe/core';
import { ModelService, Registry } from '@autopipe/runtime';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';

interface ExportFlags extends GlobalOptions {
  format: string;
  out?: string;
}

/** Export formats and the deployer that writes each. */
const FORMATS: Readonly<Record<string, string>> = { onnx: 'onnx' };

/**
 * `autopipe export <model> --format onnx --out model.onnx`: the whole model as one portable file, through the
 * format's deployer plugin (which verifies the file against autopipe's own predictions before putting it in place).
 */
export function registerExport(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('export')
    .description('export a saved model (preprocessing + learners + ensemble) to a portable format: onnx')
    .argument('<model>', 'model directory')
    .option('--format <format>', 'export format: onnx', 'onnx')
    .option('-o, --out <file>', 'file to write (default: <model>.onnx beside the model directory)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'print only the result')
    .action((dir: string, f: ExportFlags) => run(async () => {
      const key = FORMATS[f.format];
      if (!key) throw new AutopipeError('INVALID_ARGUMENT', `--format ${f.format} is not an export format; use one of: ${Object.keys(FORMATS).join(', ')}.`, { format: f.format });
      const { container, logger } = openRuntime(f);
      const models = container.resolve(ModelService);
      const deployer = container.resolve(Registry).deployer(key);
      const out = f.out ?? `${dir.replace(/[\\/]+$/, '')}.${f.format}`;
      const r = await deployer.deploy(dir, { out }, { seed: 1, logger, open: (d) => models.open(d) });
      if (f.json) {
        printJson({ model: dir, format: f.format, out: r.location, ...r.details });
        return;
      }
      const v = (r.details?.verified ?? {}) as { rows?: number; maxAbsDiff?: number; skipped?: string };
      const check = v.rows !== undefined ? `; checked in onnxruntime on ${v.rows} rows, max |difference| ${v.maxAbsDiff}` : v.skipped ? `; not compared (${v.skipped})` : '';
      process.stdout.write(`${r.location}${f.quiet ? '' : `  (${r.details?.bytes} bytes${check})`}\n`);
    }));
}
