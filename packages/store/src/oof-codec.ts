import { AutopipeError, type Prediction } from '@autopipe/core';

// Layout (little-endian): "APO1", kind u8 (0 classification, 1 regression), 3 pad bytes, header length u32,
// header JSON {classes, n} padded to 8 bytes, then the Float64 values (proba row-major or regression values),
// then for classification the Int32 labels. Labels are stored rather than recomputed so a replay is bit-identical.
const MAGIC = 'APO1';

/** Encodes an out-of-fold prediction as a BLOB. */
export function encodePrediction(p: Prediction): Buffer {
  const values = p.kind === 'classification' ? p.proba : p.values;
  const n = p.kind === 'classification' ? p.labels.length : p.values.length;
  const header = Buffer.from(JSON.stringify({ classes: p.kind === 'classification' ? p.classes : null, n }), 'utf8');
  const headerPadded = Math.ceil(header.length / 8) * 8;
  const labelBytes = p.kind === 'classification' ? n * 4 : 0;
  const buf = Buffer.alloc(12 + headerPadded + values.length * 8 + labelBytes, 0x20);
  buf.write(MAGIC, 0, 'latin1');
  buf[4] = p.kind === 'classification' ? 0 : 1;
  buf.fill(0, 5, 8);
  buf.writeUInt32LE(header.length, 8);
  header.copy(buf, 12);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = 12 + headerPadded;
  for (let i = 0; i < values.length; i++, o += 8) view.setFloat64(o, values[i], true);
  if (p.kind === 'classification') for (let i = 0; i < n; i++, o += 4) view.setInt32(o, p.labels[i], true);
  return buf;
}

/** Decodes `encodePrediction` output. */
export function decodePrediction(buf: Uint8Array): Prediction {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== MAGIC) {
    throw new AutopipeError('INVALID_ARGUMENT', 'A stored out-of-fold prediction is not in the autopipe format (APO1); the experiment store may be damaged or from a newer autopipe.');
  }
  const kind = b[4];
  const headerLength = b.readUInt32LE(8);
  const { classes, n } = JSON.parse(b.toString('utf8', 12, 12 + headerLength)) as { classes: string[] | null; n: number };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let o = 12 + Math.ceil(headerLength / 8) * 8;
  const count = kind === 0 ? n * classes!.length : n;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++, o += 8) values[i] = view.getFloat64(o, true);
  if (kind === 1) return { kind: 'regression', values };
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++, o += 4) labels[i] = view.getInt32(o, true);
  return { kind: 'classification', classes: classes!, proba: values, labels };
}
