import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AutopipeError, type Logger } from '@autopipe/core';
import { openRegistry, type ModelRegistry } from '@autopipe/registry';
import { ModelService, createRuntime } from '@autopipe/runtime';
import type { ModelSource } from '@autopipe/server';
import { externalPlugins, registerExternalPlugins } from '../external-plugins.js';
import { BUNDLED_PLUGINS } from '../plugins.js';
import { printJson, type GlobalOptions } from '../runtime.js';
import { positiveInt } from './options.js';

interface ServeFlags extends GlobalOptions {
  registry?: string; artifacts?: string; port: number; host: string; token?: string; maxBody: number; maxBatch: number; reloadInterval: number;
}

/** A long-running process must not collect warnings in memory (the CLI logger does, for --json reports). */
function serverLogger(f: GlobalOptions): Logger {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  return {
    debug: (m) => { if (f.verbose) write(`debug: ${m}`); },
    info: (m) => { if (!f.quiet) write(m); },
    warn: (m) => write(`warning: ${m}`),
  };
}

/** A model directory when the argument is one, a registry reference (`name`, `name@3`, `name@production`) otherwise. */
function sourceOf(arg: string): ModelSource {
  if (existsSync(join(arg, 'manifest.json'))) return { dir: arg };
  if (/[\\/]/.test(arg) || arg.startsWith('.')) {
    throw new AutopipeError('MODEL_NOT_FOUND', `${arg} is not a model directory (no manifest.json there) nor a registry reference such as churn@production.`, { model: arg });
  }
  return { ref: arg };
}

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new AutopipeError('INVALID_ARGUMENT', `--port ${v} is not a port number (0–65535).`);
  return n;
};

export function registerServe(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  program
    .command('serve')
    .description('serve models over HTTP (POST /v1/models/<name>/predict, /docs, /metrics); follows registry promotions')
    .argument('<models...>', 'model directories and/or registry references: name (production, else latest), name@3, name@production')
    .option('--registry <path|url>', 'model registry: a directory or postgres:// URL (default $AUTOPIPE_REGISTRY or .autopipe/registry)')
    .option('--artifacts <dir>', 'with a postgres:// registry: where its model directories are (default $AUTOPIPE_REGISTRY_ARTIFACTS or .autopipe/registry)')
    .option('--port <n>', 'port to listen on (0 = any free port)', port, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token <token>', 'require "Authorization: Bearer <token>" (default $AUTOPIPE_TOKEN)')
    .option('--max-body <bytes>', 'largest request body accepted', positiveInt('--max-body'), 1024 * 1024)
    .option('--max-batch <rows>', 'most rows per predict request', positiveInt('--max-batch'), 10_000)
    .option('--reload-interval <ms>', 'how often to look for a new version to hot-reload (0 = never)', (v: string) => Math.max(0, Number(v) || 0), 1000)
    .option('--json', 'print the listening address and served models as JSON')
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'print debug lines')
    .action((models: string[], f: ServeFlags) => run(async () => {
      const logger = serverLogger(f);
      const container = createRuntime({ plugins: BUNDLED_PLUGINS, logger });
      registerExternalPlugins(container, externalPlugins(), logger);
      const sources = models.map(sourceOf);
      let registry: ModelRegistry | undefined;
      if (sources.some((s) => 'ref' in s)) registry = await openRegistry(f.registry, { artifacts: f.artifacts });
      // Fastify and the server load with this command only, not with every CLI start.
      const { createServer, modelServiceLoader, serveUntilSignal } = await import('@autopipe/server');
      try {
        const app = await createServer({
          models: sources, loader: modelServiceLoader(container.resolve(ModelService)), registry, logger,
          token: f.token ?? (process.env.AUTOPIPE_TOKEN || undefined), maxBodyBytes: f.maxBody, maxBatchRows: f.maxBatch, reloadIntervalMs: f.reloadInterval,
        });
        await serveUntilSignal(app, {
          port: f.port, host: f.host,
          onListen: (url) => {
            const served = app.autopipe.pool.all().map((m) => ({ name: m.name, version: m.version, ...(m.stage ? { stage: m.stage } : {}), source: m.source }));
            if (f.json) printJson({ url, models: served });
            else logger.info(`serving ${served.map((m) => `${m.name} v${m.version}${m.stage ? ` (${m.stage})` : ''}`).join(', ')} at ${url} (docs: ${url}/docs)`);
          },
          onSignal: (s) => logger.info(`${s}: finishing requests in flight, then stopping`),
        });
      } finally {
        await registry?.close();
      }
    }));
}
