import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { isAutopipeError } from '@autopipe/core';
import { AUTOPIPE_VERSION } from '@autopipe/runtime';
import { registerDeploy } from './commands/deploy.js';
import { registerEstimators } from './commands/estimators.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerExport } from './commands/export.js';
import { registerFit } from './commands/fit.js';
import { registerInspect } from './commands/inspect.js';
import { registerLeaderboard } from './commands/leaderboard.js';
import { registerPlugins } from './commands/plugins.js';
import { registerPredict } from './commands/predict.js';
import { registerRegistry } from './commands/registry.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerTrain } from './commands/train.js';
import { registerWorker } from './commands/worker.js';
import { addPluginOptions } from './plugin-options.js';

/** Exit codes: 0 ok, 1 bad input (the user can fix it), 2 internal error (a bug to report). */
export const EXIT = { ok: 0, input: 1, internal: 2 } as const;

function reportError(e: unknown, json: boolean): number {
  const input = isAutopipeError(e) && e.category === 'input';
  const code = isAutopipeError(e) ? e.code : 'INTERNAL';
  const message = e instanceof Error ? e.message : String(e);
  if (json) {
    process.stdout.write(JSON.stringify({ error: { code, message, ...(isAutopipeError(e) ? { details: e.details } : {}) } }) + '\n');
  } else {
    process.stderr.write(`autopipe: ${input ? 'error' : 'internal error'}: ${message}\n`);
    if (!input && process.env.AUTOPIPE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    if (!input && !process.env.AUTOPIPE_DEBUG) process.stderr.write('(set AUTOPIPE_DEBUG=1 for details, and please report this)\n');
  }
  return input ? EXIT.input : EXIT.internal;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('autopipe')
    .description('AutoML pipelines for Node.js: train, evaluate, predict')
    .version(AUTOPIPE_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const json = () => process.argv.includes('--json');
  const run = async (fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      setExit(reportError(e, json()));
    }
  };
  registerTrain(program, run);
  registerFit(program, run);
  registerInspect(program, run);
  registerLeaderboard(program, run);
  registerPredict(program, run);
  registerEvaluate(program, run);
  registerPlugins(program, run);
  registerEstimators(program, run);
  registerRuns(program, run);
  registerExport(program, run);
  registerDeploy(program, run);
  registerServe(program, run);
  registerWorker(program, run);
  registerRegistry(program, run);
  addPluginOptions(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  let exit: number = EXIT.ok;
  const program = buildProgram((c) => { exit = c; });
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes are bad input.
      exit = e.exitCode === 0 ? EXIT.ok : EXIT.input;
    } else {
      exit = reportError(e, argv.includes('--json'));
    }
  }
  process.exitCode = exit;
}
