import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A scratch directory removed when the test file finishes. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `autopipe-registry-${prefix}-`));
  made.push(dir);
  return dir;
}

/**
 * A model directory as the runtime writes it, minus a real model: the registry only reads the manifest and
 * checks the weights checksum (it knows no plugins), so tests need no training.
 */
export function fakeModel(parent: string, name: string, o: { task?: string; score?: number | null; weights?: string } = {}): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  const weights = Buffer.from(o.weights ?? `weights of ${name}`);
  writeFileSync(join(dir, 'weights.bin'), weights);
  writeFileSync(join(dir, 'state.json'), '{"kind":"fake"}');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    format: 'autopipe-model', formatVersion: 1, autopipeVersion: '0.1.0', createdAt: '2026-01-02T03:04:05.000Z',
    task: o.task ?? 'binary', target: 'y', metric: { key: 'auc', direction: 'max' }, score: { value: o.score === undefined ? 0.875 : o.score, std: 0, foldScores: [] },
    files: { state: 'state.json', weights: 'weights.bin', weightsSha256: createHash('sha256').update(weights).digest('hex') },
  }));
  return dir;
}
