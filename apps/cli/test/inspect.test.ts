import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliIn, tempDir, titanic } from './cli.js';

describe('inspect', () => {
  it('reports rows, types, missing rates, ID-like columns and class balance as JSON', () => {
    const r = cli('inspect', titanic, '--target', 'Survived', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ rows: 891, columns: 12 });
    const age = j.profiles.find((p: { name: string }) => p.name === 'Age');
    expect(age).toMatchObject({ type: 'numeric', missing: 177 });
    expect(j.profiles.find((p: { name: string }) => p.name === 'PassengerId').flags).toContain('identifier-like');
    expect(j.target.classes).toEqual([{ label: '0', count: 549, share: 549 / 891 }, { label: '1', count: 342, share: 342 / 891 }]);
    expect(j.leakageSuspects).toEqual([]);
  });

  it('flags a leaked feature, duplicate rows and duplicate columns, and train warns about them', () => {
    const dir = tempDir('inspect');
    const rows = ['a,b,b2,leak,y'];
    for (let i = 0; i < 200; i++) {
      const y = i % 3 === 0 ? 'yes' : 'no';
      rows.push(`${(i * 7) % 13},${i % 5},${i % 5},${y === 'yes' ? 100 + (i % 4) : i % 4},${y}`);
    }
    rows.push(rows[1], rows[2]);
    const f = join(dir, 'leaky.csv');
    writeFileSync(f, rows.join('\n') + '\n');
    const j = JSON.parse(cli('inspect', f, '--target', 'y', '--json').stdout);
    expect(j.leakageSuspects.map((s: { column: string }) => s.column)).toEqual(['leak']);
    expect(j.duplicateRows).toBe(2);
    expect(j.duplicateColumns).toEqual([['b', 'b2']]);
    const text = cli('inspect', f, '--target', 'y').stdout;
    expect(text).toMatch(/column "leak" alone predicts the target/);
    const t = cli('train', f, '--target', 'y', '--max-trials', '2', '--out', join(dir, 'm'), '--no-progress');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr).toMatch(/warning: column "leak" alone predicts the target/);
  });

  it('an unknown target is a clear error', () => {
    const r = cli('inspect', titanic, '--target', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Target column "nope" is not in the data/);
  });
});

describe('autopipe.config.json', () => {
  it('types and ignore from the config apply to inspect and train; the command line wins per column', () => {
    const dir = tempDir('config');
    writeFileSync(join(dir, 'autopipe.config.json'), JSON.stringify({ types: { Pclass: 'categorical', SibSp: 'categorical' }, ignore: ['Ticket'] }));
    const j = JSON.parse(cliIn(dir, 'inspect', titanic, '--types', 'SibSp=numeric', '--json').stdout);
    const type = (n: string) => j.profiles.find((p: { name: string }) => p.name === n).type;
    expect(type('Pclass')).toBe('categorical');
    expect(type('SibSp')).toBe('numeric');
    const t = cliIn(dir, 'fit', titanic, '--target', 'Survived', '--estimator', 'logistic', '--out', join(dir, 'm'), '--json');
    expect(t.code, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout).steps.find((s: { transformer: string }) => s.transformer === 'encode.onehot').columns).toContain('Pclass');
    const m = JSON.parse(readFileSync(join(dir, 'm', 'manifest.json'), 'utf8'));
    expect(m.dropped).toContainEqual({ column: 'Ticket', reason: 'ignored by the user' });
  });

  it('a bad config is a clear error naming the file and the key', () => {
    const dir = tempDir('badconfig');
    writeFileSync(join(dir, 'autopipe.config.json'), JSON.stringify({ types: { Age: 'number' } }));
    const r = cliIn(dir, 'inspect', titanic);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/autopipe\.config\.json: "types"\."Age" is "number"; use one of numeric/);
  });
});
