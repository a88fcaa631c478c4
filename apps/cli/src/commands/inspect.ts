import type { Command } from 'commander';
import { inputError, type ColumnType } from '@autopipe/core';
import { Registry, inspectFrame, readLabelledSource, type QualityReport } from '@autopipe/runtime';
import { table } from '../format.js';
import { dataOptions } from '../data-options.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { types } from './options.js';

function render(source: string, r: QualityReport): string {
  const out: string[] = [`${source}: ${r.rows} rows × ${r.columns} columns`, ''];
  out.push(table(['column', 'type', 'missing', 'distinct', 'flags'], r.profiles.map((p) => [
    p.name, p.type, p.missing ? `${p.missing} (${(p.missingRate * 100).toFixed(1)}%)` : '0', `${p.distinct}${p.distinctCapped ? '+' : ''}`, p.flags.join(', '),
  ])));
  if (r.target) {
    out.push('', `target "${r.target.name}"${r.target.missing ? ` (missing in ${r.target.missing} rows)` : ''}:`);
    if (r.target.classes) for (const c of r.target.classes) out.push(`  ${c.label}: ${c.count} (${(c.share * 100).toFixed(1)}%)`);
    if (r.target.summary) {
      const s = r.target.summary;
      out.push(`  min ${s.min}, max ${s.max}, mean ${s.mean.toPrecision(6)}, std ${s.std.toPrecision(6)}`);
    }
  }
  out.push('', r.warnings.length ? `findings:\n${r.warnings.map((w) => `  - ${w}`).join('\n')}` : 'findings: none');
  return out.join('\n');
}

export function registerInspect(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('inspect')
    .description('data-quality report: types, missing values, duplicates, class balance, leakage suspects')
    .argument('<source>', 'data to inspect (a file or a database URI)')
    .option('-t, --target <column>', 'the column to predict (adds class balance and leakage checks)')
    .option('--query <sql>', 'SQL query to read instead of a table (database sources)')
    .option('--types <col=type,...>', 'override inferred column types', types)
    .option('--missing <markers>', 'comma-separated cell values read as missing', (v: string) => v.split(','))
    .option('--format <key>', 'ingestor to read the source with (default: by extension or scheme)')
    .option('--json', 'print as JSON')
    .action((source: string, f: GlobalOptions & { target?: string; query?: string; types?: Record<string, ColumnType>; missing?: string[]; format?: string }) => run(async () => {
      const { container, logger } = openRuntime({ ...f, quiet: true });
      const data = await dataOptions(f);
      const frame = await readLabelledSource(container.resolve(Registry), source, { format: f.format, query: f.query, types: data.types, missing: data.missing }, f.target, { seed: 1, logger });
      if (f.target !== undefined && !frame.has(f.target)) {
        throw inputError('UNKNOWN_COLUMN', `Target column "${f.target}" is not in the data. Columns are: ${frame.names.join(', ')}.`, { column: f.target });
      }
      const report = inspectFrame(frame, f.target);
      if (f.json) printJson({ source, ...report });
      else process.stdout.write(render(source, report) + '\n');
    }));
}
