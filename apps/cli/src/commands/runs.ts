import type { Command } from 'commander';
import { Registry } from '@autopipe/runtime';
import { effectiveStatus, openStore, type ExperimentStore, type RunInfo, type StoredTrial } from '@autopipe/store';
import { fmtScore, leaderboardTable, table } from '../format.js';
import { openRuntime, printJson, type GlobalOptions } from '../runtime.js';
import { lookupStore } from '../store.js';
import { positiveInt } from './options.js';

type RunsFlags = GlobalOptions & { store?: string; limit: number };

async function withStore<T>(flag: string | undefined, fn: (s: ExperimentStore) => Promise<T>): Promise<T> {
  const store = await openStore(lookupStore(flag), { mustExist: true });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Whether smaller is better for a run's metric, from the registered metric (a metric no plugin provides counts as larger-is-better). */
function minimizes(metric: string | null, f: GlobalOptions): boolean {
  if (!metric) return false;
  const registry = openRuntime({ ...f, quiet: true }).container.resolve(Registry);
  return registry.metrics().some((m) => m.key === metric && m.direction === 'min');
}

/** The best finished trial of a run. */
function bestTrial(min: boolean, trials: readonly StoredTrial[]): StoredTrial | undefined {
  return trials.filter((t) => t.status === 'ok' && Number.isFinite(t.score)).sort((a, b) => (min ? a.score! - b.score! : b.score! - a.score!) || a.trial - b.trial)[0];
}

const short = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) : '');

function withStatus(run: RunInfo) {
  return { ...run, status: effectiveStatus(run), storedStatus: run.status };
}

function describe(run: RunInfo): string {
  const o = run.options as Record<string, unknown>;
  const lines = [
    `run ${run.id}: ${effectiveStatus(run)}${run.error ? ` (${run.error})` : ''}`,
    `  source ${run.source}, target ${run.target}, task ${run.task ?? '?'}, metric ${run.metric ?? '?'}, seed ${run.seed}`,
    `  created ${short(run.createdAt)}${run.finishedAt ? `, finished ${short(run.finishedAt)}` : ''}, ${run.spentSeconds.toFixed(1)}s of ${String(o.timeBudget ?? '?')}s spent over ${run.sessions} session(s)`,
    `  options ${Object.entries(o).filter(([k]) => !['target', 'seed', 'out'].includes(k)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`,
  ];
  if (run.modelDir) lines.push(`  model ${run.result?.artifact ?? run.modelDir}${run.result ? '' : ' (not saved yet)'}`);
  return lines.join('\n');
}

function trialsTable(trials: readonly StoredTrial[]): string {
  return table(['trial', 'estimator', 'status', 'score', 'std', 'seconds', 'session', 'params / error'], trials.map((t) => [
    String(t.trial), t.candidate.estimator, t.status, t.status === 'ok' ? fmtScore(t.score!) : '', t.status === 'ok' ? fmtScore(t.std!) : '',
    t.seconds.toFixed(2), String(t.session), t.error ?? JSON.stringify(t.candidate.params),
  ]));
}

export function registerRuns(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const runs = program.command('runs').description('list, show and compare the runs recorded in the experiment store');
  const storeOption = (c: Command) => c
    .option('--store <path|uri>', 'experiment store (default: $AUTOPIPE_STORE, else models/.autopipe/experiments.sqlite)')
    .option('--json', 'print as JSON');

  storeOption(runs.command('list').description('list runs, newest first'))
    .option('--limit <n>', 'runs to show', positiveInt('--limit'), 50)
    .action((f: RunsFlags) => run(() => withStore(f.store, async (store) => {
      const list = await store.listRuns(f.limit);
      if (f.json) {
        printJson({ store: store.location, runs: list.map((r) => ({ ...withStatus(r), result: r.result ? { chosen: r.result.chosen, artifact: r.result.artifact, stoppedBecause: r.result.stoppedBecause } : null })) });
        return;
      }
      if (!list.length) {
        process.stdout.write(`no runs in ${store.location}\n`);
        return;
      }
      process.stdout.write(`${table(['id', 'status', 'created', 'source', 'target', 'metric', 'trials', 'best', 'model'], list.map((r) => [
        r.id, effectiveStatus(r), short(r.createdAt), r.source.length > 40 ? `…${r.source.slice(-39)}` : r.source, r.target, r.metric ?? '',
        String(r.trials), r.result ? `${fmtScore(r.result.chosen.score)} ${r.result.chosen.estimator}` : '', r.result?.artifact ?? '',
      ]))}\n`);
    })));

  storeOption(runs.command('show').description('show a run: options, trials and results').argument('<id>', 'run id or unique prefix'))
    .action((id: string, f: RunsFlags) => run(() => withStore(f.store, async (store) => {
      const r = await store.getRun(id);
      const trials = await store.trials(r.id);
      if (f.json) {
        printJson({ store: store.location, run: withStatus(r), trials });
        return;
      }
      process.stdout.write(`${describe(r)}\n\ntrials:\n${trials.length ? trialsTable(trials) : '(none recorded)'}\n`);
      if (r.result) {
        const c = r.result.chosen;
        process.stdout.write(`\nleaderboard:\n${leaderboardTable(r.result.leaderboard, r.metric ?? 'score', 10)}\n\n`);
        process.stdout.write(`chosen: ${c.kind === 'ensemble' ? `${c.estimator} of trials ${c.members!.join(', ')}` : `trial ${c.trial} ${c.estimator}`}, ${r.metric} ${fmtScore(c.score)}; stopped: ${r.result.stoppedBecause}\n`);
      }
    })));

  storeOption(runs.command('compare').description('compare two runs: options that differ, best scores, and the best trial per estimator')
    .argument('<a>', 'run id or unique prefix').argument('<b>', 'run id or unique prefix'))
    .action((a: string, b: string, f: RunsFlags) => run(() => withStore(f.store, async (store) => {
      const pair = [await store.getRun(a), await store.getRun(b)];
      const trials = [await store.trials(pair[0].id), await store.trials(pair[1].id)];
      const min = pair.map((r) => minimizes(r.metric, f));
      const opt = (r: RunInfo) => ({ source: r.source, metric: r.metric, task: r.task, ...(r.options as Record<string, unknown>) });
      const keys = [...new Set([...Object.keys(opt(pair[0])), ...Object.keys(opt(pair[1]))])].filter((k) => k !== 'out');
      const differ = keys.filter((k) => JSON.stringify(opt(pair[0])[k as never]) !== JSON.stringify(opt(pair[1])[k as never]))
        .map((k) => ({ option: k, a: opt(pair[0])[k as never] ?? null, b: opt(pair[1])[k as never] ?? null }));
      const estimators = [...new Set(trials.flatMap((t) => t.map((x) => x.candidate.estimator)))].sort();
      const byEstimator = estimators.map((e) => {
        const best = pair.map((_r, i) => bestTrial(min[i], trials[i].filter((t) => t.candidate.estimator === e)));
        return { estimator: e, a: best[0] ? { trial: best[0].trial, score: best[0].score! } : null, b: best[1] ? { trial: best[1].trial, score: best[1].score! } : null };
      });
      const summary = pair.map((r, i) => {
        const top = bestTrial(min[i], trials[i]);
        return {
          id: r.id, status: effectiveStatus(r), metric: r.metric, trials: trials[i].length, ok: trials[i].filter((t) => t.status === 'ok').length, spentSeconds: r.spentSeconds,
          best: r.result?.chosen ?? (top ? { kind: 'pipeline' as const, estimator: top.candidate.estimator, trial: top.trial, score: top.score! } : null),
        };
      });
      if (f.json) {
        printJson({ store: store.location, runs: summary, options: differ, estimators: byEstimator });
        return;
      }
      const fmtBest = (s: (typeof summary)[number]) => (s.best ? `${fmtScore(s.best.score)} (${s.best.estimator}${s.best.kind === 'pipeline' ? ` #${s.best.trial}` : ''})` : '');
      process.stdout.write(`${table(['', 'a', 'b'], [
        ['id', summary[0].id, summary[1].id], ['status', summary[0].status, summary[1].status], ['metric', summary[0].metric ?? '', summary[1].metric ?? ''],
        ['trials (ok)', `${summary[0].trials} (${summary[0].ok})`, `${summary[1].trials} (${summary[1].ok})`],
        ['seconds', summary[0].spentSeconds.toFixed(1), summary[1].spentSeconds.toFixed(1)], ['best', fmtBest(summary[0]), fmtBest(summary[1])],
      ])}\n\n`);
      process.stdout.write(differ.length ? `options that differ:\n${table(['option', 'a', 'b'], differ.map((d) => [d.option, JSON.stringify(d.a), JSON.stringify(d.b)]))}\n\n` : 'same options\n\n');
      process.stdout.write(`best trial per estimator:\n${table(['estimator', 'a', 'b'], byEstimator.map((e) => [
        e.estimator, e.a ? `${fmtScore(e.a.score)} #${e.a.trial}` : '', e.b ? `${fmtScore(e.b.score)} #${e.b.trial}` : '',
      ]))}\n`);
    })));
}
