import { checkPace, inputError, Rng, takeTarget, type FitContext, type Matrix, type Target, isExpired } from '@autopipe/core';
import { fitBinEdges, type BinEdges } from '@autopipe/trees';
import { binForFit } from './bin-kernel.js';
import { addTreeScores, EnsembleBuilder } from './ensemble.js';
import { GbmModel } from './gbm-model.js';
import { Grower } from './grow.js';
import { gradLayout } from './histogram.js';
import { classificationLoss, huberDelta, regressionLoss, type Loss } from './loss.js';
import { checkParams, KEY, type GbmParams } from './params.js';
import { ThreadTeam } from './thread-team.js';
import { shouldStop, takeBinnedRows, validationSplit } from './validation.js';

/**
 * Rows above which `early_stopping: 'auto'` holds out a validation split for binary and regression targets.
 * scikit-learn's 10,000 costs accuracy in AutoML, where the search tunes the iteration count anyway: fitting on all
 * rows instead of 90% raised the cross-validated score of the same configurations on all four suite datasets above
 * 10,000 rows (adult AUC 0.9264 → 0.9276 for one configuration; 40-trial searches: bank best gbm 0.9350 → 0.9368,
 * california and bike RMSE −1.5% on the test split) at up to a third more seconds per trial. Large data keeps it.
 */
const AUTO_EARLY_STOPPING_ROWS = 100_000;
/**
 * Multiclass boosting overfits its probabilities much sooner (one tree per class per round): on wine quality (1,599
 * rows, 6 classes) 100 rounds give log loss 1.207, worse than the class prior's 1.185; with early stopping 0.881.
 * Binary and regression targets lose accuracy from the 10% holdout instead (titanic AUC 0.871 → 0.863; adult and
 * the other datasets in the comment above).
 */
const AUTO_EARLY_STOPPING_ROWS_MULTICLASS = 1_000;

function lossFor(y: Target, p: GbmParams, delta?: number): Loss {
  return y.kind === 'classification' ? classificationLoss(y.codes, y.classes.length) : regressionLoss(p.loss, y.values, delta);
}

/** Selection sampling (Knuth's algorithm S): exactly `want` of `n` rows, uniformly, already sorted, in O(n). */
function sampleRows(n: number, want: number, rng: Rng, out: Int32Array): void {
  let taken = 0;
  for (let i = 0; i < n && taken < want; i++) if ((n - i) * rng.next() < want - taken) out[taken++] = i;
}

/** Draws `want` of the columns into `features[0..want)`, sorted so histogram passes go through memory in order. */
function sampleFeatures(features: Int32Array, want: number, rng: Rng): void {
  const cols = features.length;
  for (let j = 0; j < cols; j++) features[j] = j;
  if (want >= cols) return;
  for (let i = 0; i < want; i++) {
    const j = i + rng.int(cols - i);
    const t = features[i];
    features[i] = features[j];
    features[j] = t;
  }
  features.subarray(0, want).sort();
}

/** A fit's training data after binning and the early-stopping split. */
export interface Prepared {
  readonly edges: BinEdges;
  readonly valueBins: Int32Array;
  /** Training bins; `boost` drops them once they are copied into the kernels' memory. */
  bins: Uint8Array | null;
  readonly yTrain: Target;
  readonly validBins: Uint8Array | null;
  readonly yValid: Target | null;
}

/** Rejects what no parameter choice could fit, before any work starts. */
export function checkFit(y: Target, p: GbmParams): void {
  checkParams(p);
  if (y.kind === 'classification' && y.classes.length < 2) {
    throw inputError('SINGLE_CLASS_TARGET', `Estimator "${KEY}" needs at least two classes in the target, got only "${y.classes[0] ?? ''}".`, { estimator: KEY });
  }
}

/**
 * Bins the features by `edges` and holds out the early-stopping rows. `rng` must be the fit's generator after
 * `rng.fork(1)` went to the bin edges, whoever computed them.
 */
export function prepare(x: Matrix, y: Target, p: GbmParams, rng: Rng, edges: BinEdges): Prepared {
  const { valueBins, bins: binned } = binForFit(x, edges);
  // max_bins <= 255 plus the NaN bin always fits a byte; binning picks Uint8Array then.
  let bins = binned as Uint8Array;
  let yTrain = y;
  let validBins: Uint8Array | null = null;
  let yValid: Target | null = null;
  const autoRows = y.kind === 'classification' && y.classes.length > 2 ? AUTO_EARLY_STOPPING_ROWS_MULTICLASS : AUTO_EARLY_STOPPING_ROWS;
  const early = p.early_stopping === 'true' || (p.early_stopping === 'auto' && x.rows > autoRows);
  if (early) {
    const split = validationSplit(y, p.validation_fraction, rng.fork(2));
    if (split.valid.length > 0 && split.train.length > 0) {
      validBins = takeBinnedRows(bins, x.rows, x.cols, split.valid);
      bins = takeBinnedRows(bins, x.rows, x.cols, split.train);
      yTrain = takeTarget(y, split.train);
      yValid = takeTarget(y, split.valid);
    }
  }
  return { edges, valueBins, bins, yTrain, validBins, yValid };
}

/**
 * Gradient boosting on binned features: each iteration fits one tree per output to the loss's gradients and
 * hessians, adds its shrunken leaf values to the raw scores, and (with early stopping) scores the held-out rows.
 * With early stopping the model keeps the iterations up to the lowest validation loss. Single-threaded; see
 * `fitGbmThreaded` (fit-threaded.ts) for `n_threads` above 1.
 */
export function fitGbm(x: Matrix, y: Target, p: GbmParams, ctx: FitContext): GbmModel {
  checkFit(y, p);
  const started = performance.now();
  const rng = new Rng(ctx.seed);
  const edges = fitBinEdges(x, p.max_bins, rng.fork(1));
  const data = prepare(x, y, p, rng, edges);
  const binned = performance.now();
  const model = boost(data, x.cols, y, p, ctx, rng, ThreadTeam.single());
  logPhases(ctx, { threads: 1, binned: binned - started, boost: performance.now() - binned });
  return model;
}

/**
 * Milliseconds each phase of a fit took, for `tools/bench/gbm.mjs` (which collects them from the logger):
 * `binned` (bin edges, binning, early-stopping split), `ready` (waiting for worker threads after that), `boost`.
 */
export function logPhases(ctx: FitContext, ms: { threads: number; binned: number; ready?: number; boost: number; workersStarted?: number }): void {
  const rounded: Record<string, number> = {};
  for (const [k, v] of Object.entries(ms)) rounded[k] = Math.round(v * 10) / 10;
  ctx.logger.debug('gbm phases', rounded);
}

/** The boosting loop over prepared data; histograms are built by `team`. */
export function boost(data: Prepared, cols: number, y: Target, p: GbmParams, ctx: FitContext, rng: Rng, team: ThreadTeam): GbmModel {
  const { edges, valueBins, yTrain, validBins, yValid } = data;
  const n = yTrain.kind === 'classification' ? yTrain.codes.length : yTrain.values.length;
  const nValid = yValid ? (yValid.kind === 'classification' ? yValid.codes.length : yValid.values.length) : 0;

  const loss = lossFor(yTrain, p);
  const init = loss.baseline();
  const validLoss = yValid ? lossFor(yValid, p, huberDelta(loss)) : null;
  const K = loss.outputs;
  const layout = gradLayout(valueBins);
  const grower = new Grower(data.bins!, n, layout, {
    l2: p.l2, minSamplesLeaf: p.min_samples_leaf, minChildWeight: p.min_child_weight, maxLeaves: p.max_leaves, maxDepth: p.max_depth,
  }, p.learning_rate, team, n * K);
  data.bins = null;
  // In the grower's WebAssembly memory, where leaf values are added to them.
  const raw = grower.scores;
  const rawValid = new Float64Array(nValid * K);
  for (let k = 0; k < K; k++) {
    raw.fill(init[k], k * n, (k + 1) * n);
    rawValid.fill(init[k], k * nValid, (k + 1) * nValid);
  }
  const grad = new Float64Array(n * K);
  const hess = loss.constantHessian ? null : new Float64Array(n * K);

  const trees = new EnsembleBuilder();
  const sampleRng = rng.fork(3);
  const featureRng = rng.fork(4);
  const subsampled = p.subsample < 1;
  const sample = subsampled ? new Int32Array(n) : null;
  const count = subsampled ? Math.max(1, Math.round(p.subsample * n)) : n;
  const features = new Int32Array(cols);
  const nFeatures = Math.max(1, Math.round(p.colsample * cols));

  const losses: number[] = validLoss ? [validLoss.value(rawValid)] : [];
  let best = 0;
  let bestGains = new Float64Array(cols);
  let iterations = 0;
  // Timed from the end of the first iteration, which also pays for warming up the kernels.
  let paceFrom = 0;
  while (iterations < p.n_estimators && !isExpired(ctx)) {
    loss.gradients(raw, grad, hess ?? grad);
    if (sample) sampleRows(n, count, sampleRng, sample);
    for (let k = 0; k < K; k++) {
      sampleFeatures(features, nFeatures, featureRng);
      const g = grad.subarray(k * n, (k + 1) * n);
      const h = hess ? hess.subarray(k * n, (k + 1) * n) : null;
      grower.grow(trees, g, h, sample, count, features, nFeatures);
      const root = trees.roots[trees.roots.length - 1];
      if (loss.leafValue) {
        for (let l = 0; l < grower.leaves; l++) {
          trees.value[grower.leafNode[l]] = p.learning_rate * loss.leafValue(raw, grower.rows, grower.leafStart[l], grower.leafEnd[l]);
        }
      }
      if (sample) {
        addTreeScores(trees, root, grower.bins, n, raw, k * n);
      } else {
        grower.addLeafValues(trees.value, k * n);
      }
      if (validBins) addTreeScores(trees, root, validBins, nValid, rawValid, k * nValid);
    }
    iterations++;
    if (validLoss) {
      const v = validLoss.value(rawValid);
      losses.push(v);
      if (v < losses[best]) {
        best = iterations;
        bestGains = grower.gains.slice();
      }
      if (shouldStop(losses, p.n_iter_no_change, p.tol)) break;
    }
    if (iterations === 1) paceFrom = Date.now();
    // Early stopping makes n_estimators an upper bound; the iterations patience still allows are a lower one.
    else checkPace(ctx, paceFrom, iterations - 1, iterations - 1 + (validLoss ? Math.min(p.n_estimators - iterations, Math.max(0, p.n_iter_no_change - (iterations - best))) : p.n_estimators - iterations));
  }
  let kept = iterations;
  let gains = grower.gains;
  if (validLoss) {
    kept = best;
    gains = bestGains;
    trees.truncate(kept * K);
  }
  let total = 0;
  for (let j = 0; j < gains.length; j++) total += gains[j];
  const importances = total > 0 ? gains.map((g) => g / total) : new Float64Array(cols);
  ctx.logger.debug('gbm fitted', { iterations, kept, trees: trees.roots.length, nodes: trees.count, earlyStopping: validLoss !== null });
  return new GbmModel({
    estimator: KEY,
    classes: y.kind === 'classification' ? [...y.classes] : null,
    outputs: K,
    init,
    bins: edges,
    trees: trees.finish(),
    nIterations: kept,
    importances,
  });
}
