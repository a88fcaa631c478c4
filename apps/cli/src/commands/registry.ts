import type { Command } from 'commander';
import { AutopipeError } from '@autopipe/core';
import { STAGES, openRegistry, type ModelRegistry } from '@autopipe/registry';
import { fmtScore, table } from '../format.js';
import { printJson, type GlobalOptions } from '../runtime.js';

interface RegistryFlags extends GlobalOptions {
  registry?: string;
  artifacts?: string;
}

async function withRegistry<T>(f: RegistryFlags, fn: (r: ModelRegistry) => Promise<T>): Promise<T> {
  const reg = await openRegistry(f.registry, { artifacts: f.artifacts });
  try {
    return await fn(reg);
  } finally {
    await reg.close();
  }
}

function versionNumber(v: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(v)) throw new AutopipeError('INVALID_ARGUMENT', `Version "${v}" is not a positive integer; see "autopipe registry show <name>".`, { version: v });
  return Number(v);
}

const where = '--registry <path|url>';
const whereHelp = 'a directory or postgres:// URL (default $AUTOPIPE_REGISTRY or .autopipe/registry)';
const artifacts = '--artifacts <dir>';
const artifactsHelp = 'with a postgres:// registry: where model directories are kept (default $AUTOPIPE_REGISTRY_ARTIFACTS or .autopipe/registry)';

export function registerRegistry(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const reg = program.command('registry').description('versioned model registry: push, list, show, promote');

  reg.command('push')
    .description('register a model directory as the next version of a name')
    .argument('<model>', 'model directory')
    .requiredOption('-n, --name <name>', 'registered name (lower-case letters, digits, . _ -)')
    .option('-d, --description <text>', 'a note kept with the version')
    .option(where, whereHelp)
    .option(artifacts, artifactsHelp)
    .option('--json', 'print as JSON')
    .option('-q, --quiet', 'print only the result')
    .action((model: string, f: RegistryFlags & { name: string; description?: string }) => run(async () => {
      const out = await withRegistry(f, (r) => r.push(model, f.name, { description: f.description }));
      if (f.json) printJson(out);
      else process.stdout.write(`pushed ${model} as ${out.name} version ${out.version}\n`);
    }));

  reg.command('list')
    .description('registered models with their latest and production versions')
    .option(where, whereHelp)
    .option(artifacts, artifactsHelp)
    .option('--json', 'print as JSON')
    .action((f: RegistryFlags) => run(async () => {
      const models = await withRegistry(f, (r) => r.list());
      if (f.json) return printJson({ models });
      if (!models.length) return void process.stdout.write('no models registered yet; push one with "autopipe registry push <model> --name <name>"\n');
      process.stdout.write(table(['name', 'versions', 'latest', 'production', 'updated'], models.map((m) => [m.name, String(m.versions), String(m.latest), m.production === null ? '-' : String(m.production), m.updatedAt])) + '\n');
    }));

  reg.command('show')
    .description('the versions of a model: stage, times, task, metric and score')
    .argument('<name>', 'registered name')
    .option(where, whereHelp)
    .option(artifacts, artifactsHelp)
    .option('--json', 'print as JSON')
    .action((name: string, f: RegistryFlags) => run(async () => {
      const d = await withRegistry(f, (r) => r.show(name));
      if (f.json) return printJson(d);
      process.stdout.write(`${d.name}\n\n`);
      process.stdout.write(table(['version', 'stage', 'task', 'metric', 'score', 'trained', 'pushed', 'description'], d.versions.map((v) => [
        String(v.version), v.stage, v.task, v.metric ?? '-', fmtScore(v.score), v.trainedAt, v.createdAt, v.description ?? '',
      ])) + '\n');
    }));

  reg.command('promote')
    .description('move a version to a stage; promoting to production archives the previous production version')
    .argument('<name>', 'registered name')
    .argument('<version>', 'version number')
    .requiredOption('--stage <stage>', STAGES.join(' | '))
    .option(where, whereHelp)
    .option(artifacts, artifactsHelp)
    .option('--json', 'print as JSON')
    .action((name: string, version: string, f: RegistryFlags & { stage: string }) => run(async () => {
      const n = versionNumber(version);
      const out = await withRegistry(f, (r) => r.promote(name, n, f.stage));
      if (f.json) return printJson(out);
      const archived = out.archived.length ? `; version ${out.archived.join(', ')} archived` : '';
      process.stdout.write(`${out.name} version ${out.version}: ${out.previousStage} -> ${out.stage}${archived}\n`);
    }));
}
