import { spawnSync } from 'node:child_process';
import { it, expect } from 'vitest';
import { startServer } from './pg-server.js';
it('cli with pg', async () => {
  const s = await startServer();
  try {
    const bin = '/work/main/apps/cli/bin/autopipe.js';
    const url = s.url();
    const r = spawnSync(process.execPath, [bin, 'train', '/work/main/examples/titanic.csv', '-t', 'Survived', '--max-trials', '5', '--estimators', 'logistic,decision_tree', '--out', '/tmp/aprs/pg/m', '--store', url, '--no-progress'], { encoding: 'utf8', env: process.env });
    console.log(r.status, r.stdout.slice(-300), r.stderr.slice(-500));
    const l = spawnSync(process.execPath, [bin, 'runs', 'list', '--store', url], { encoding: 'utf8', env: process.env });
    console.log(l.status, l.stdout, l.stderr);
    expect(r.status).toBe(0);
  } finally { await s.stop(); }
}, 120000);
