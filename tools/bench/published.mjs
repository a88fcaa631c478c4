// The AutoML Benchmark figures noted in ../shared/datasets/MANIFEST.tsv (column amlb_2021_1h8c: 1 h, 8 cores,
// 10-fold CV means over the whole dataset), read into numbers, and where a score falls against them. Used by
// holdout.mjs --published, which checks the 300 s target: match or beat the published results.

/**
 * One note, e.g. "AUC best .932 (AutoGluon); range .927-.933" or "logloss best .141 (AutoGluon); range .141-.178";
 * undefined when the note gives no metric and best figure. `worst` and `top` are the range's ends in the metric's
 * own direction (the top is the better of the best figure and the range's better end).
 */
export function parsePublished(note) {
  const text = (note ?? '').trim().replace(/^"|"$/g, '');
  const metric = /^(auc|logloss)\b/i.exec(text)?.[1].toLowerCase();
  const best = /\bbest\s+(\d*\.\d+)/i.exec(text)?.[1];
  if (!metric || best === undefined) return undefined;
  const range = /\brange\s+(\d*\.\d+)\s*[-–]\s*(\d*\.\d+)/i.exec(text);
  const higher = metric === 'auc';
  const b = Number(best);
  const [lo, hi] = range ? [Number(range[1]), Number(range[2])].sort((x, y) => x - y) : [b, b];
  return {
    metric,
    higher,
    best: b,
    worst: higher ? Math.min(lo, b) : Math.max(hi, b),
    top: higher ? Math.max(hi, b) : Math.min(lo, b),
    decimals: best.split('.')[1].length,
    text,
  };
}

/** The figures per dataset name (file name without .csv) from MANIFEST.tsv's text. */
export function publishedFigures(manifestText) {
  const [head, ...lines] = manifestText.trim().split('\n').map((l) => l.split('\t'));
  const fi = head.indexOf('file');
  const ai = head.findIndex((h) => h.startsWith('amlb'));
  const out = new Map();
  if (fi < 0 || ai < 0) return out;
  for (const l of lines) {
    const p = parsePublished(l[ai]);
    if (p) out.set(l[fi].replace(/\.csv$/, ''), p);
  }
  return out;
}

/**
 * Where `value` (same metric) falls: 'better than the published range' (than every published system), 'within the
 * published range', or 'worse than the published range'; `rounded` says whether it is within or better at the
 * figures' own precision (three decimals), which is all a published .965 can tell apart; `toWorst` is its margin
 * over the range's worse end (positive: better).
 */
export function placeAgainst(p, value) {
  const better = (a, b) => (p.higher ? a > b : a < b);
  const round = (v) => Number(v.toFixed(p.decimals));
  const verdict = better(value, p.top) ? 'better than the published range' : better(p.worst, value) ? 'worse than the published range' : 'within the published range';
  const rounded = !better(p.worst, round(value));
  return { verdict, rounded, toWorst: p.higher ? value - p.worst : p.worst - value };
}
