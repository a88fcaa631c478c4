import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.js';

/**
 * Preprocessing is fitted inside each fold and target encoding is out-of-fold: on data where the only feature is a
 * random high-cardinality code unrelated to the target, an encoder fitted on the rows it encodes would memorize the
 * labels and report a high CV score. autopipe must report a near-chance score instead.
 */
describe('leakage-safe cross-validation', () => {
  it('a random high-cardinality code gives a near-chance CV AUC', () => {
    const dir = tempDir('leak');
    const lines = ['code,noise,y'];
    let s = 12345;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 1500; i++) lines.push(`c${Math.floor(rand() * 1000)},${rand().toFixed(4)},${rand() < 0.5 ? 'a' : 'b'}`);
    const f = join(dir, 'random.csv');
    writeFileSync(f, lines.join('\n') + '\n');
    const insp = JSON.parse(cli('inspect', f, '--target', 'y', '--json').stdout);
    expect(insp.profiles.find((p: { name: string }) => p.name === 'code').type).toBe('high_cardinality');
    const r = cli('train', f, '--target', 'y', '--estimators', 'logistic,random_forest', '--max-trials', '3', '--no-ensemble', '--out', join(dir, 'm'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.leaderboard[0].steps.map((st: { transformer: string }) => st.transformer)).toContain('encode.target');
    for (const row of out.leaderboard) expect(Math.abs(row.score - 0.5)).toBeLessThan(0.07);
  });
});
