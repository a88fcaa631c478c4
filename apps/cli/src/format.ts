import type { LeaderboardRow, ModelManifest } from '@autopipe/runtime';

export function evaluationLabel(e: ModelManifest['evaluation']): string {
  if (e.method === 'cv') return `${e.folds}-fold CV${e.repeats && e.repeats > 1 ? ` × ${e.repeats}` : ''}`;
  return e.method === 'holdout' ? `holdout ${e.fraction}` : 'no CV';
}

export function fmtScore(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(4) : v.toFixed(a >= 100 ? 2 : 4);
}

function fmtParams(p: Readonly<Record<string, unknown>>): string {
  return Object.entries(p).map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : String(v)}`).join(' ');
}

/** A plain aligned text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join('  ').trimEnd();
  return [line(header), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

/**
 * A plan step as `key(n cols)`; a step planned by column type (fitted on whatever columns of those types the previous
 * steps leave, resolved per fit) as `key(numeric, boolean cols)`.
 */
function stepLabel(s: LeaderboardRow['steps'][number]): string {
  if (s.select && s.columns.length === 0) return `${s.transformer}(${s.select.join(', ')} cols)`;
  return `${s.transformer}(${s.columns.length} col${s.columns.length === 1 ? '' : 's'})`;
}

export function leaderboardTable(rows: readonly LeaderboardRow[], metric: string, limit = 20, details = false): string {
  const shown = rows.slice(0, limit);
  const body = shown.map((r) => [String(r.rank), String(r.trial), r.estimator, fmtScore(r.score), fmtScore(r.std), r.seconds.toFixed(2), fmtParams(r.params)]);
  let out = table(['rank', 'trial', 'estimator', metric, 'std', 'seconds', 'params'], body);
  if (rows.length > limit) out += `\n... ${rows.length - limit} more (use --limit)`;
  if (details) {
    out += '\n\npreprocessing plans:';
    for (const r of shown) {
      const plan = r.members ? `weighted average of trials ${r.members.map((m) => `#${m.trial}`).join(', ')}` : r.steps.map(stepLabel).join(' -> ') || 'none';
      out += `\n  #${r.rank} ${r.estimator}: ${plan}`;
    }
  }
  return out;
}

export function modelSummary(m: ModelManifest): string {
  const what = !m.ensemble ? m.pipeline.estimator.key
    : m.ensemble.method === 'stacking' ? `stacking of ${m.ensemble.members.length} pipelines (${m.ensemble.members.map((x) => x.pipeline.estimator.key).join(', ')}) with a ${m.ensemble.meta?.estimator} meta-learner`
      : `ensemble of ${m.ensemble.members.length} pipelines (${m.ensemble.members.map((x) => `${x.pipeline.estimator.key}×${x.weight.toFixed(2)}`).join(', ')})`;
  const head = `model: ${what} for ${m.task} target "${m.target}" (${m.training.rows} rows, seed ${m.seed})`;
  if (m.evaluation.method === 'none') return `${head}\nnot cross-validated (a single fit; "autopipe fit --cv 5" scores it)`;
  return `${head}\n${m.metric.key} (${evaluationLabel(m.evaluation)}): ${fmtScore(m.score.value ?? NaN)} ± ${fmtScore(m.score.std ?? NaN)}`;
}
