import { classPrediction, metricLoss, type ClassPrediction, type MetricDefinition, type Target } from '@autopipe/core';
import { safeScore } from './scoring.js';

/**
 * Probabilities raised to the power 1 / temperature and renormalized per row (summed in class order, which the ONNX
 * export repeats op for op). Temperature scaling on probabilities rather than logits: a blend of models has no
 * logits, and `p^(1/T)` normalized is the softmax of `log p / T` without taking a log of zero.
 */
export function applyTemperature(p: ClassPrediction, temperature: number): ClassPrediction {
  const k = p.classes.length;
  const beta = 1 / temperature;
  const src = p.proba;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i += k) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i + c] = Math.pow(src[i + c], beta);
    for (let c = 0; c < k; c++) out[i + c] /= sum;
  }
  return classPrediction(p.classes, out);
}

/** Inverse temperatures searched: T from 0.2 (sharpen) to 5 (soften). */
const MIN_BETA = 0.2;
const MAX_BETA = 5;
const GOLDEN_STEPS = 30;
/** A temperature is kept only when it lowers the loss by at least this much (noise-level changes are not worth a step). */
const MIN_GAIN = 1e-6;

/**
 * The temperature that minimizes the metric's loss on `p` (out-of-fold predictions), by golden-section search over the
 * inverse temperature in log space (log loss is convex in it). Undefined when no temperature beats leaving `p` as it
 * is, so a metric that only reads ranks or labels never gets one. Deterministic: a fixed sequence of evaluations.
 */
export function fitTemperature(p: ClassPrediction, y: Target, metric: MetricDefinition): { temperature: number; score: number } | undefined {
  if (metric.needs !== 'proba') return undefined;
  const loss = (logBeta: number) => {
    const s = safeScore(metric, y, applyTemperature(p, Math.exp(-logBeta)));
    return Number.isFinite(s) ? metricLoss(metric, s) : Infinity;
  };
  const base = safeScore(metric, y, p);
  if (!Number.isFinite(base)) return undefined;
  const invPhi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(MIN_BETA);
  let hi = Math.log(MAX_BETA);
  let a = hi - invPhi * (hi - lo);
  let b = lo + invPhi * (hi - lo);
  let la = loss(a);
  let lb = loss(b);
  for (let step = 0; step < GOLDEN_STEPS; step++) {
    if (la <= lb) {
      hi = b; b = a; lb = la;
      a = hi - invPhi * (hi - lo); la = loss(a);
    } else {
      lo = a; a = b; la = lb;
      b = lo + invPhi * (hi - lo); lb = loss(b);
    }
  }
  const [logBeta, best] = la <= lb ? [a, la] : [b, lb];
  if (!(metricLoss(metric, base) - best >= MIN_GAIN)) return undefined;
  return { temperature: Math.exp(-logBeta), score: metric.direction === 'max' ? -best : best };
}
