import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, tempDir, titanic } from './cli.js';

const dir = tempDir('registry');
const reg = join(dir, 'registry');
const row = { Pclass: 3, Name: 'Braund, Mr. Owen Harris', Sex: 'male', Age: 22, SibSp: 1, Parch: 0, Ticket: 'A/5 21171', Fare: 7.25, Cabin: null, Embarked: 'S' };

describe('autopipe registry', () => {
  it('push numbers versions, promote archives the previous production version, list/show report them (--json)', () => {
    expect(cli('fit', titanic, '-t', 'Survived', '-e', 'logistic', '--out', join(dir, 'm1'), '-q').code).toBe(0);
    expect(cli('fit', titanic, '-t', 'Survived', '-e', 'gbm', '-p', 'n_estimators=10', '--out', join(dir, 'm2'), '-q').code).toBe(0);
    const p1 = cli('registry', 'push', join(dir, 'm1'), '--name', 'titanic', '--registry', reg, '--json');
    expect(p1.code, p1.stderr).toBe(0);
    expect(JSON.parse(p1.stdout)).toEqual({ name: 'titanic', version: 1 });
    expect(cli('registry', 'push', join(dir, 'm2'), '--name', 'titanic', '--registry', reg).stdout).toMatch(/as titanic version 2/);
    expect(cli('registry', 'promote', 'titanic', '1', '--stage', 'production', '--registry', reg).code).toBe(0);
    const pr = JSON.parse(cli('registry', 'promote', 'titanic', '2', '--stage', 'production', '--registry', reg, '--json').stdout);
    expect(pr).toMatchObject({ version: 2, stage: 'production', archived: [1] });
    expect(JSON.parse(cli('registry', 'list', '--registry', reg, '--json').stdout).models).toMatchObject([{ name: 'titanic', versions: 2, latest: 2, production: 2 }]);
    const show = JSON.parse(cli('registry', 'show', 'titanic', '--registry', reg, '--json').stdout);
    expect(show.versions.map((v: { stage: string }) => v.stage)).toEqual(['archived', 'production']);
    expect(cli('registry', 'show', 'titanic', '--registry', reg).stdout).toMatch(/2\s+production\s+binary\s+auc/);
  });

  it('bad input exits 1 with a message naming the problem', () => {
    const cases: [string[], RegExp][] = [
      [['registry', 'push', join(dir, 'm1'), '--name', '../../etc'], /Model name "..\/..\/etc" is not allowed/],
      [['registry', 'push', join(dir, 'nowhere'), '--name', 'x'], /does not exist/],
      [['registry', 'promote', 'titanic', 'two', '--stage', 'production'], /Version "two" is not a positive integer/],
      [['registry', 'promote', 'titanic', '1', '--stage', 'gold'], /Stage "gold" is not one of production, staging, archived/],
      [['registry', 'show', 'nope'], /"nope" is not in the registry/],
      [['serve', 'nope@production', '--port', '0'], /"nope" is not in the registry/],
      [['serve', './missing-dir'], /not a model directory/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(...args, '--registry', reg);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe('autopipe serve', () => {
  it('serves name@production with a token, follows a promotion, and exits 0 on SIGTERM', async () => {
    const proc = spawn(process.execPath, [bin, 'serve', 'titanic@production', '--registry', reg, '--port', '0', '--json', '--token', 'tok', '--reload-interval', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stderr.on('data', (d) => { err += d; });
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    const url = await new Promise<string>((resolveUrl, reject) => {
      proc.stdout.on('data', (d) => {
        out += d;
        try { resolveUrl(JSON.parse(out).url); } catch { /* partial */ }
      });
      void exited.then((c) => reject(new Error(`serve exited ${c}: ${err}`)));
    });
    const predict = (token?: string) => fetch(`${url}/v1/models/titanic/predict`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ row }),
    });
    try {
      expect((await predict()).status).toBe(401);
      const first = (await (await predict('tok')).json()) as { model: unknown };
      expect(first.model).toEqual({ name: 'titanic', version: 2, stage: 'production' });
      expect(cli('registry', 'promote', 'titanic', '1', '--stage', 'production', '--registry', reg).code).toBe(0);
      let version = 2;
      for (let i = 0; i < 100 && version !== 1; i++) {
        await new Promise((r) => setTimeout(r, 50));
        version = ((await (await predict('tok')).json()) as { model: { version: number } }).model.version;
      }
      expect(version).toBe(1);
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(err).toMatch(/SIGTERM: finishing requests in flight/);
  });
});
