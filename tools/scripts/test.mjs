#!/usr/bin/env node
// `npm test`: install if needed, then lint, type-check and test every project (nx builds dependencies first).
import { install, pnpm } from './pnpm.mjs';
import { ensureRedisServer } from './redis.mjs';

install();
// The distributed-trials tests need a real redis-server: install it (root + apt), or stop saying how / how to opt out.
ensureRedisServer();
// Project references follow package dependencies; nx refuses to run in CI when they are out of date.
pnpm(['exec', 'nx', 'sync']);
pnpm(['exec', 'nx', 'run-many', '-t', 'lint', 'typecheck', 'test', '--outputStyle=static', ...process.argv.slice(2)]);
// An opt-out is repeated at the end, where it cannot scroll out of sight.
ensureRedisServer();
