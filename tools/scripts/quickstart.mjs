#!/usr/bin/env node
// `npm run quickstart`: install (pinned pnpm), build every package, then train on the bundled Titanic data.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { env, install, pnpm, root } from './pnpm.mjs';

install();
// Project references follow package dependencies; nx refuses to run in CI when they are out of date.
pnpm(['exec', 'nx', 'sync']);
pnpm(['exec', 'nx', 'run-many', '-t', 'build', '--outputStyle=static']);
const args = ['train', 'examples/titanic.csv', '--target', 'Survived', '--time-budget', '20', '--seed', '1', '--out', 'models/titanic'];
process.stdout.write(`\n$ autopipe ${args.join(' ')}\n`);
const r = spawnSync(process.execPath, [join(root, 'apps/cli/bin/autopipe.js'), ...args], { cwd: root, stdio: 'inherit', env });
if (r.status !== 0) process.exit(r.status ?? 1);
process.stdout.write([
  '',
  'Next:',
  '  npx autopipe leaderboard models/titanic --details',
  '  npx autopipe predict models/titanic examples/titanic.csv --out preds.csv --proba',
  '  npx autopipe evaluate models/titanic examples/titanic.csv',
  '  npx autopipe plugins list',
  '',
].join('\n'));
