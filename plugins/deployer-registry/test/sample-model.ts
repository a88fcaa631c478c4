import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSampleModelDir } from '@autopipe/testkit';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The testkit's sample model directory with the checksums a saved model carries (the registry verifies them);
 * `coef` gives it other weights, i.e. another model.
 */
export function writeVerifiedModelDir(dir: string, coef?: readonly [number, number]): string {
  writeSampleModelDir(dir);
  if (coef) writeFileSync(join(dir, 'weights.bin'), Buffer.from(new Float64Array(coef).buffer));
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.files.weightsSha256 = sha256(readFileSync(join(dir, 'weights.bin')));
  m.files.stateSha256 = sha256(readFileSync(join(dir, 'state.json')));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}
