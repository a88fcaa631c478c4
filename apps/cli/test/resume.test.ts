import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveStatus, openStore, type StoredTrial } from '@autopipe/store';
import { bin, cli, tempDir, titanic } from './cli.js';

const dir = tempDir('resume');
// Fast learners so max-trials, not the clock, ends both runs: the leaderboards can then be compared exactly.
const args = ['--target', 'Survived', '--max-trials', '30', '--time-budget', '300', '--seed', '11', '--estimators', 'logistic,decision_tree,gaussian_nb,knn,multinomial_nb', '--no-progress'];
const killedOut = join(dir, 'killed', 'm');
// The default store sits beside the model directory.
const store = join(dir, 'killed', '.autopipe', 'experiments.sqlite');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Row = { trial: number; seconds: number; members?: unknown };
const strip = (rows: readonly Row[]) => rows.map(({ seconds: _s, ...rest }) => rest);

async function storedTrials(id?: string): Promise<{ id: string; status: string; storedStatus: string; trials: StoredTrial[] } | null> {
  if (!existsSync(store)) return null;
  const s = await openStore(store, { mustExist: true });
  try {
    const runs = await s.listRuns();
    const run = id ? await s.getRun(id) : runs[0];
    if (!run) return null;
    return { id: run.id, status: effectiveStatus(run), storedStatus: run.status, trials: await s.trials(run.id) };
  } finally {
    await s.close();
  }
}

describe('train --resume after SIGKILL', () => {
  it('continues a killed run from the store to the leaderboard an uninterrupted run gives, without refitting stored trials', async () => {
    const reference = cli('train', titanic, ...args, '--out', join(dir, 'full', 'm'), '--store', store, '--json');
    expect(reference.code, reference.stderr).toBe(0);
    const full = JSON.parse(reference.stdout);
    expect(full.stoppedBecause).toBe('max trials');

    const child = spawn(process.execPath, [bin, 'train', titanic, ...args, '--out', killedOut, '--json'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    let seen = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < 120_000) {
      const now = await storedTrials().catch(() => null);
      if (now && now.id !== full.run.id && now.trials.length >= 3) {
        seen = now.trials.length;
        break;
      }
      await sleep(50);
    }
    expect(seen, 'the child recorded no trials within 120 s').toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const killed = (await storedTrials())!;
    expect(killed.id).not.toBe(full.run.id);
    // SIGKILL leaves no chance to write a status: the run stays `running` and shows as interrupted (its process is gone).
    expect(killed.storedStatus).toBe('running');
    expect(killed.status).toBe('interrupted');
    const k = killed.trials.length;
    expect(k).toBeGreaterThanOrEqual(seen);
    expect(k).toBeLessThan(30);
    expect(killed.trials.map((t) => t.trial)).toEqual(Array.from({ length: k }, (_, i) => i + 1));
    const listed = JSON.parse(cli('runs', 'list', '--store', store, '--json').stdout);
    expect(listed.runs.find((r: { id: string }) => r.id === killed.id)).toMatchObject({ status: 'interrupted', storedStatus: 'running' });

    const resumed = cli('train', '--resume', killed.id.slice(0, 17), '--store', store, '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = JSON.parse(resumed.stdout);
    expect(out.run).toMatchObject({ id: killed.id, session: 2, replayed: k, evaluated: 30 - k });
    expect(out.stoppedBecause).toBe('max trials');
    expect(out.model).toBe(killedOut);
    expect(existsSync(join(killedOut, 'manifest.json'))).toBe(true);
    // Same scores, params, fold scores, plans and ensembles as the run that was never interrupted.
    expect(strip(out.leaderboard)).toEqual(strip(full.leaderboard));

    // Not refitted: the stored rows of the replayed trials are untouched, and the leaderboard reports their stored times.
    const after = (await storedTrials(killed.id))!;
    expect(after).toMatchObject({ status: 'finished', storedStatus: 'finished' });
    expect(after.trials).toHaveLength(30);
    expect(after.trials.slice(0, k)).toEqual(killed.trials);
    expect(after.trials.slice(k).every((t) => t.session === 2)).toBe(true);
    for (const t of killed.trials.filter((x) => x.status === 'ok')) {
      expect(out.leaderboard.find((r: Row) => r.trial === t.trial && !r.members).seconds).toBe(t.seconds);
    }

    const again = cli('train', '--resume', killed.id, '--store', store);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Run .* already finished and saved .*killed\/m; there is nothing to resume/);

    const show = JSON.parse(cli('runs', 'show', killed.id, '--store', store, '--json').stdout);
    expect(show.run).toMatchObject({ status: 'finished', sessions: 2, target: 'Survived', task: 'binary', metric: 'auc', seed: 11, options: { maxTrials: 30, timeBudget: 300 } });
    expect(show.run.result.leaderboard).toEqual(out.leaderboard);
    expect(show.run.result.artifact).toBe(killedOut);
    const shown = cli('runs', 'show', killed.id, '--store', store);
    expect(shown.code, shown.stderr).toBe(0);
    const text = shown.stdout;
    expect(text).toMatch(/over 2 session\(s\)/);
    expect(text).toMatch(/chosen: /);
    const cmp = JSON.parse(cli('runs', 'compare', killed.id, full.run.id, '--store', store, '--json').stdout);
    expect(cmp.options).toEqual([]);
    expect(cmp.runs.map((r: { best: { score: number } }) => r.best.score)).toEqual([full.best.score, full.best.score]);
    expect(cmp.estimators.map((e: { a: unknown; b: unknown }) => e.a)).toEqual(cmp.estimators.map((e: { a: unknown; b: unknown }) => e.b));
  }, 300_000);
});

describe('train --resume and --store mistakes', () => {
  it('refuses changed options, --no-store, unknown runs and a missing store; --target stays required for new runs', () => {
    const empty = join(dir, 'nowhere', 'experiments.sqlite');
    let r = cli('train', '--resume', 'x', '--seed', '3', '--store', store);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--resume continues a run with the options it was started with; remove --seed/);
    r = cli('train', '--resume', 'x', '--no-store');
    expect(r.stderr).toMatch(/cannot be combined with --no-store/);
    r = cli('train', '--resume', 'x', '--store', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No experiment store at .*nowhere/);
    expect(cli('runs', 'list', '--store', empty).stderr).toMatch(/No experiment store at/);
    r = cli('train', titanic);
    expect(r.stderr).toMatch(/required option '-t, --target <column>' not specified/);
    expect(cli('train', '--target', 'y').stderr).toMatch(/missing required argument 'source'/);
  });

  it('--no-store records nothing; the text output names the run and its store', () => {
    const out = join(dir, 'nostore', 'm');
    const r = cli('train', titanic, '--target', 'Survived', '--max-trials', '2', '--estimators', 'logistic', '--out', out, '--no-store', '--no-progress', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/recorded in/);
    expect(existsSync(join(dir, 'nostore', '.autopipe'))).toBe(false);
    const s = cli('train', titanic, '--target', 'Survived', '--max-trials', '2', '--estimators', 'logistic', '--out', join(dir, 'text', 'm'), '--no-progress', '--quiet');
    expect(s.stdout).toMatch(new RegExp(`run \\d{8}-\\d{6}-[0-9a-f]{6} recorded in ${join(dir, 'text', '.autopipe', 'experiments.sqlite')}`));
  });
});
