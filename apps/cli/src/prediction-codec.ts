import { endianness } from 'node:os';
import { inputError, type Prediction } from '@autopipe/core';

/**
 * A prediction as JSON can carry it (BullMQ stores job results as JSON): typed arrays as base64 of their bytes, so
 * NaN, ±Infinity and -0 survive bit for bit — `JSON.stringify` would turn them into null or 0. Bytes are
 * little-endian, which every platform Node ships for is; `le` makes a big-endian peer fail loudly instead of silently.
 */
export type EncodedPrediction =
  | { readonly kind: 'regression'; readonly le: true; readonly values: string }
  | { readonly kind: 'classification'; readonly le: true; readonly classes: readonly string[]; readonly proba: string; readonly labels: string };

function bytes(a: Float64Array | Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Copies the decoded bytes into a fresh (aligned) buffer: Buffer pools may hand out odd offsets. */
function fromBase64<T extends Float64Array | Int32Array>(s: unknown, make: (b: ArrayBuffer) => T, what: string): T {
  if (typeof s !== 'string') throw inputError('INVALID_ARGUMENT', `A worker returned a prediction without ${what}; are coordinator and workers the same autopipe version?`);
  const b = Buffer.from(s, 'base64');
  const out = new ArrayBuffer(b.byteLength);
  new Uint8Array(out).set(b);
  return make(out);
}

export function encodePrediction(p: Prediction): EncodedPrediction {
  if (endianness() !== 'LE') throw new Error('autopipe workers need a little-endian machine.');
  return p.kind === 'regression'
    ? { kind: 'regression', le: true, values: bytes(p.values) }
    : { kind: 'classification', le: true, classes: [...p.classes], proba: bytes(p.proba), labels: bytes(p.labels) };
}

export function decodePrediction(e: EncodedPrediction): Prediction {
  if (!e || typeof e !== 'object' || e.le !== true) {
    throw inputError('INVALID_ARGUMENT', 'A worker returned a result that is not an encoded prediction; are coordinator and workers the same autopipe version?');
  }
  if (e.kind === 'regression') return { kind: 'regression', values: fromBase64(e.values, (b) => new Float64Array(b), 'values') };
  const proba = fromBase64(e.proba, (b) => new Float64Array(b), 'probabilities');
  const labels = fromBase64(e.labels, (b) => new Int32Array(b), 'labels');
  if (proba.length !== labels.length * e.classes.length) throw inputError('INVALID_ARGUMENT', 'A worker returned a prediction whose probabilities do not match its labels and classes.');
  return { kind: 'classification', classes: [...e.classes], proba, labels };
}
