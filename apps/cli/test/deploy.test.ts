import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, titanic } from './cli.js';

const dir = tempDir('deploy');
const model = join(dir, 'titanic');
const reg = join(dir, 'registry');
const files = (d: string) => Object.fromEntries(readdirSync(d).sort().map((f) => [f, readFileSync(join(d, f)).toString('hex')]));

describe('autopipe deploy', () => {
  it('--to directory copies the model; --to registry pushes name@version once per model', () => {
    const fit = cli('fit', titanic, '-t', 'Survived', '-e', 'logistic', '--out', model, '-q');
    expect(fit.code, fit.stderr).toBe(0);

    const d = cli('deploy', model, '--to', 'directory', '--option', `out=${join(dir, 'live')}`, '--json');
    expect(d.code, d.stderr).toBe(0);
    const out = JSON.parse(d.stdout);
    expect(out).toMatchObject({ model, deployer: 'directory', location: resolve(dir, 'live') });
    expect(files(out.location)).toEqual(files(model));

    const r1 = cli('deploy', model, '--to', 'registry', '--option', 'name=titanic', '--option', `registry=${reg}`, '-q');
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toBe('titanic@1\n');
    expect(cli('deploy', model, '--to', 'registry', '--option', 'name=titanic', '--option', `registry=${reg}`).stdout).toBe(`deployed ${model} with "registry" to titanic@1\n`);
    expect(JSON.parse(cli('registry', 'show', 'titanic', '--registry', reg, '--json').stdout).versions).toHaveLength(1);
  });

  it('bad input exits 1 with a message naming the problem', () => {
    const broken = join(dir, 'broken');
    cpSync(model, broken, { recursive: true });
    const m = JSON.parse(readFileSync(join(broken, 'manifest.json'), 'utf8'));
    writeFileSync(join(broken, 'manifest.json'), JSON.stringify({ ...m, task: 'ranking' }));
    const cases: [string[], RegExp][] = [
      [['deploy', model, '--to', 'nope'], /No deployer "nope" is registered \(known: .*directory.*registry/],
      [['deploy', model, '--to', 'directory', '--option', 'out'], /"out": write key=value/],
      [['deploy', model, '--to', 'directory'], /needs the option "out"/],
      [['deploy', join(dir, 'nowhere'), '--to', 'directory', '--option', `out=${join(dir, 'x')}`], /nowhere does not exist/],
      [['deploy', model, '--to', 'registry', '--option', 'name=../../etc', '--option', `registry=${reg}`], /Model name "..\/..\/etc" is not allowed/],
      // The schema check runs when the host opens the model, before anything is copied or pushed.
      [['deploy', broken, '--to', 'directory', '--option', `out=${join(dir, 'y')}`], /invalid manifest\.json: \$\.task must be one of "binary", "multiclass", "regression"/],
      [['predict', broken, titanic], /invalid manifest\.json: \$\.task must be one of/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir).sort()).toEqual(['broken', 'live', 'registry', 'titanic']);
  });
});
