import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.js';

/**
 * A target written True/False (kc1, many exports from pandas) is a class label, not a 0/1 code: predictions, class
 * names and evaluation must use the labels as the file writes them, so they match a labelled test file.
 */
describe('a true/false target keeps its labels', () => {
  it('fit, predict, evaluate and inspect speak "True"/"False"', () => {
    const dir = tempDir('booltarget');
    const lines = ['x,z,Defect'];
    for (let i = 0; i < 300; i++) lines.push(`${(i % 37) / 37},${i % 5},${i % 37 > 20 ? 'True' : 'False'}`);
    const data = join(dir, 'data.csv');
    writeFileSync(data, lines.join('\n') + '\n');
    const model = join(dir, 'm');
    const fit = cli('fit', data, '--target', 'Defect', '--estimator', 'logistic', '--out', model, '--json');
    expect(fit.code, fit.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')).classes).toEqual(['False', 'True']);
    const preds = join(dir, 'p.csv');
    const p = cli('predict', model, data, '--proba', '--out', preds);
    expect(p.code, p.stderr).toBe(0);
    const out = readFileSync(preds, 'utf8').trim().split('\n');
    expect(out[0]).toBe('prediction,proba_False,proba_True');
    expect(new Set(out.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['False', 'True']));
    const ev = cli('evaluate', model, data, '--json');
    expect(ev.code, ev.stderr).toBe(0);
    expect(JSON.parse(ev.stdout).scores.accuracy).toBeGreaterThan(0.9);
    const insp = cli('inspect', data, '--target', 'Defect', '--json');
    expect((JSON.parse(insp.stdout).target.classes as { label: string }[]).map((c) => c.label).sort()).toEqual(['False', 'True']);
  });
});
