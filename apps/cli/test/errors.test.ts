import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, titanic } from './cli.js';

const dir = tempDir('errors');
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** A bad-input run: exit code 1 and exactly one clear line on stderr, no stack trace. */
function expectInputError(args: string[], pattern: RegExp): void {
  const r = cli(...args);
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^autopipe: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input gives one clear line and exit code 1', () => {
  const train = (src: string, target = 'y') => ['train', src, '--target', target, '--time-budget', '5', '--out', join(dir, 'm'), '--no-progress', '--quiet'];

  it('missing file', () => expectInputError(train(join(dir, 'nope.csv')), /not found: .*nope\.csv/i));
  it('empty file', () => expectInputError(train(file('empty.csv', '')), /empty\.csv.*empty/i));
  it('header only', () => expectInputError(train(file('header.csv', 'a,b,y\n')), /header\.csv.*no data rows|header\.csv.*only a header/i));
  it('unknown target column', () => expectInputError(train(titanic, 'Survive'), /Target column "Survive" is not in the data\. Columns are: PassengerId, Survived/));
  it('target with a single value', () => expectInputError(train(file('single.csv', 'a,y\n1,x\n2,x\n3,x\n')), /Target column "y" has a single value \(x\)/));
  it('ragged rows', () => expectInputError(train(file('ragged.csv', 'a,b,y\n1,2,0\n3,4\n5,6,1\n')), /ragged\.csv.*line 3.*2 fields.*3/i));
  it('unknown option', () => {
    const r = cli('train', titanic, '--target', 'Survived', '--no-such-flag');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
  });
  it('missing required --target', () => {
    const r = cli('train', titanic);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/required option '-t, --target <column>' not specified/);
  });
  it('bad --time-budget value', () => {
    const r = cli('train', titanic, '--target', 'Survived', '--time-budget', 'soon');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--time-budget must be a positive number/);
  });
  it('a model directory that does not exist', () => expectInputError(['predict', join(dir, 'no-model'), titanic], /does not exist/));
  it('--json errors are JSON on stdout with the stable code', () => {
    const r = cli(...train(join(dir, 'nope.csv')), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
  });
});

describe('help', () => {
  for (const cmd of [[], ['train'], ['predict'], ['evaluate'], ['leaderboard'], ['plugins', 'list']]) {
    it(`autopipe ${cmd.join(' ')} --help exits 0 and describes the command`, () => {
      const r = cli(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: autopipe/);
    });
  }
});
